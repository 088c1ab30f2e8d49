//! The Cashflows generator, as a pipeline: `spec/*.yaml` and the
//! hand-written code → [`load`] (the typed spec) and [`HandWritten`] →
//! `resolve` (the checked [`Model`], and the seam between it and the
//! hand-written code) → [`emit`] (files).
//!
//! Nothing here writes to disk; [`generate`] returns the files, and `xtask`
//! (or a test) compares or writes them with [`drift`]. Modules other crates
//! use are public; the rest is private.

pub mod change_report;
mod diagnostics;
pub mod drift;
pub mod emit;
mod error;
mod hand_written;
pub mod json;
pub mod links;
pub mod load;
pub mod model;
mod names;
mod resolve;
mod seam;
pub mod spec;
mod types;

use std::path::Path;

pub use diagnostics::{Problem, Problems};
pub use emit::{GeneratedFile, Tools};
pub use error::Error;
pub use hand_written::{CodeFile, HandWritten};
pub use load::{SourceFile, SpecSources};
pub use model::Model;

/// The command that regenerates everything, named in every header and message.
pub const REGENERATE: &str = "cargo xtask codegen";

/// Generates from the repository at `root`: its `spec/`, checked against
/// its hand-written code.
pub fn generate(root: &Path, tools: &Tools) -> Result<Vec<GeneratedFile>, Error> {
    let spec = SpecSources::read_dir(&root.join("spec"))?;
    let code = HandWritten::read(root)
        .map_err(|err| Error::Read(format!("cannot read the hand-written code: {err}")))?;
    generate_from(&spec, &code, tools)
}

/// The same pipeline over spec files and hand-written code held in memory.
pub fn generate_from(
    spec: &SpecSources,
    code: &HandWritten,
    tools: &Tools,
) -> Result<Vec<GeneratedFile>, Error> {
    let model = resolve(spec, code)?;
    emit::emit(&model, tools)
}

/// Loads and resolves: the model every emitter reads.
pub fn resolve(spec: &SpecSources, code: &HandWritten) -> Result<Model, Problems> {
    let parsed = load::parse(spec)?;
    resolve::resolve(&parsed, spec, code)
}
