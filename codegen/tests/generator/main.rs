//! The generator's tests, in one binary: snapshots of fixture specs, the
//! broken-spec corpus, the fixtures' output compiled with the crates, the
//! book's links and rows, and the seam between hand-written code and spec.

mod broken_specs;
mod compile;
mod docs;
mod published;
mod seam;
mod snapshots;
mod support;
