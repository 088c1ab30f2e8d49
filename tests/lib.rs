//! End-to-end suites that need both the client and the sandbox (see the
//! `end_to_end` and `no_secrets` tests). The README's Rust examples and the
//! book's guide are compiled and run here as doctests, so they cannot rot.

#![doc = include_str!("../README.md")]

/// The chapters of the book's guide (`codegen/templates/guide/`), whose
/// Rust blocks run here as doctests against the sandbox.
pub mod guide {
    #[doc = include_str!("../codegen/templates/guide/getting-started.md.j2")]
    pub mod getting_started {}
    #[doc = include_str!("../codegen/templates/guide/hosted-page-and-webhooks.md.j2")]
    pub mod hosted_page_and_webhooks {}
    #[doc = include_str!("../codegen/templates/guide/captures-and-refunds.md.j2")]
    pub mod captures_and_refunds {}
    #[doc = include_str!("../codegen/templates/guide/errors-and-unknown-outcomes.md.j2")]
    pub mod errors_and_unknown_outcomes {}
    #[doc = include_str!("../codegen/templates/guide/remote-auth.md.j2")]
    pub mod remote_auth {}
    #[doc = include_str!("../codegen/templates/guide/testing-your-integration.md.j2")]
    pub mod testing_your_integration {}
    #[doc = include_str!("../codegen/templates/guide/embedded-checkout.md.j2")]
    pub mod embedded_checkout {}
}
