//! The Cashflows generator, as a pipeline: `spec/*.yaml` → [`load`] (typed
//! spec) → [`validate`] (the resolved [`Model`]) → [`emit`] (files).
//!
//! Nothing here writes to disk; [`generate`] returns the files, and `xtask`
//! (or a test) compares or writes them with [`drift`].

pub mod change_report;
pub mod diagnostics;
pub mod drift;
pub mod emit;
pub mod error;
pub mod links;
pub mod load;
pub mod model;
pub mod names;
pub mod seam;
pub mod spec;
pub mod types;
pub mod validate;

use std::path::Path;

pub use diagnostics::{Problem, Problems};
pub use emit::{GeneratedFile, Tools};
pub use error::Error;
pub use load::{SourceFile, SpecSources};
pub use model::Model;

/// The command that regenerates everything, named in every header and message.
pub const REGENERATE: &str = "cargo xtask codegen";

/// Loads, validates and emits the spec in `spec_dir`.
pub fn generate(spec_dir: &Path, tools: &Tools) -> Result<Vec<GeneratedFile>, Error> {
    generate_from(&SpecSources::read_dir(spec_dir)?, tools)
}

/// The same pipeline over spec files held in memory.
pub fn generate_from(sources: &SpecSources, tools: &Tools) -> Result<Vec<GeneratedFile>, Error> {
    let model = resolve(sources)?;
    emit::emit(&model, tools)
}

/// Loads and validates: the model every emitter reads.
pub fn resolve(sources: &SpecSources) -> Result<Model, Problems> {
    let spec = load::parse(sources)?;
    validate::validate(&spec, sources)
}
