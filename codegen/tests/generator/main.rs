//! The generator's tests, in one binary: snapshots of fixture specs, the
//! broken-spec corpus over the minimal spec derived from `spec/`, the
//! fixtures' output compiled with the crates, the book's links and rows, and
//! the seam between hand-written code and spec.

mod broken_specs;
mod compile;
mod docs;
mod minimal;
mod openapi;
mod published;
mod seam;
mod snapshots;
mod support;
