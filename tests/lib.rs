//! End-to-end suites that need both the client and the sandbox (see the
//! `end_to_end` and `no_secrets` tests). The README's Rust examples are
//! compiled and run here as doctests, so they cannot rot, and so are those
//! of the guide's chapters under `docs/guide/`.

#![doc = include_str!("../README.md")]

#[doc = include_str!("../docs/guide/embedded-checkout.md")]
mod guide_embedded_checkout {}
