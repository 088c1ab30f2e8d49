//! End-to-end suites that need both the client and the sandbox (see the
//! `end_to_end` and `no_secrets` tests). The README's Rust examples are
//! compiled and run here as doctests, so they cannot rot.

#![doc = include_str!("../README.md")]
