//! The Cashflows generator: `spec/*.yaml` → load → validate → emit → files.
//!
//! Nothing here writes to disk; [`generate`] returns the files, and `xtask`
//! (or a test) compares or writes them with [`drift`].

pub mod diagnostics;
pub mod drift;
pub mod emit;
pub mod ident;
pub mod load;
pub mod manifest;
pub mod spec;
pub mod types;
pub mod validate;

use std::path::Path;

pub use diagnostics::{Problem, Problems};
pub use emit::GeneratedFile;
pub use load::{SourceFile, SpecSources};

/// The command that regenerates everything, named in every header and message.
pub const REGENERATE: &str = "cargo xtask codegen";

/// Loads, validates and emits the spec in `spec_dir`.
pub fn generate(spec_dir: &Path) -> Result<Vec<GeneratedFile>, Problems> {
    generate_from(&SpecSources::read_dir(spec_dir)?)
}

/// The same pipeline over spec files held in memory.
pub fn generate_from(sources: &SpecSources) -> Result<Vec<GeneratedFile>, Problems> {
    let spec = load::parse(sources)?;
    validate::validate(&spec, sources)?;
    emit::emit(&spec)
}
