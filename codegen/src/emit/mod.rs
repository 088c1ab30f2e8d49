//! Turns the resolved model into files: the client crate's generated
//! modules, the docs book, the manifest and the list of Rust names. Every emitter reads the model only.

mod docs;
mod header;
pub mod manifest;
mod openapi;
mod rust;
pub(crate) mod rust_names;
mod rustfmt;

use std::path::PathBuf;

pub use rust::GENERATED_RUST_DIR;
pub use rustfmt::Tools;

use crate::error::Error;
use crate::model::Model;

/// One file the generator produces, relative to the repository root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

impl GeneratedFile {
    pub fn new(path: impl Into<PathBuf>, contents: String) -> Self {
        GeneratedFile {
            path: path.into(),
            contents,
        }
    }
}

/// The folders only the generator writes, relative to the repository root.
pub const GENERATED_DIRS: [&str; 2] = [GENERATED_RUST_DIR, "generated"];

/// Every generated file, formatted, sorted by path.
pub fn emit(model: &Model, tools: &Tools) -> Result<Vec<GeneratedFile>, Error> {
    let mut files = layout(model)?;
    format_rust(&mut files, tools)?;
    Ok(files)
}

/// Every generated file as the emitters lay it out, sorted by path, before
/// the rustfmt pass.
pub fn layout(model: &Model) -> Result<Vec<GeneratedFile>, Error> {
    let mut files = rust::files(model).map_err(Error::Bug)?;
    files.extend(docs::book(model).map_err(Error::Bug)?);
    files.extend(openapi::files(model));
    files.push(manifest::file(model));
    files.push(rust_names::file(model));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The rustfmt pass over the Rust files among `files` (see [`rustfmt`]).
pub fn format_rust(files: &mut [GeneratedFile], tools: &Tools) -> Result<(), Error> {
    rustfmt::format_all(files, tools)
}
