//! Turns a validated spec into files: the client crate and the docs book.

mod docs;
mod header;
mod package;
pub(crate) mod rust;
mod rustfmt;
mod sandbox;

use std::path::PathBuf;

use crate::diagnostics::{Problem, Problems};
use crate::spec::Spec;

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

/// Every generated file, formatted, sorted by path.
pub fn emit(spec: &Spec) -> Result<Vec<GeneratedFile>, Problems> {
    let mut files = layout(spec)?;
    format_rust(&mut files)?;
    Ok(files)
}

/// Every generated file as the emitters lay it out, sorted by path, before
/// the rustfmt pass.
pub fn layout(spec: &Spec) -> Result<Vec<GeneratedFile>, Problems> {
    let mut files = rust::client_crate(spec).map_err(generator_bug)?;
    files.extend(sandbox::sandbox_crate(spec).map_err(generator_bug)?);
    files.extend(docs::book(spec).map_err(generator_bug)?);
    let manifest = crate::manifest::render(&crate::manifest::rows(spec));
    files.push(GeneratedFile::new(crate::manifest::PATH, manifest));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The rustfmt pass over the Rust files among `files` (see [`rustfmt`]).
pub fn format_rust(files: &mut [GeneratedFile]) -> Result<(), Problems> {
    rustfmt::format_all(files).map_err(generator_bug)
}

/// An emitter failure is a bug of the generator, not of the spec; it is
/// still reported rather than panicking.
fn generator_bug(reason: String) -> Problems {
    Problems(vec![Problem {
        file: "(generator)".to_string(),
        line: None,
        entry: None,
        reason: format!("the generator failed, which is a bug in codegen/: {reason}"),
    }])
}
