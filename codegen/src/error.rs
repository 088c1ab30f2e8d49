//! Why generation failed: the spec, a tool the generator runs, reading the
//! hand-written code, or the generator itself. Each says so in its own words.

use std::fmt;

use crate::diagnostics::Problems;

/// A generation failure.
#[derive(Debug)]
pub enum Error {
    /// The spec has problems; nothing was written.
    Spec(Problems),
    /// A tool the generator runs (rustfmt) is missing or failed.
    Tool(String),
    /// The hand-written code could not be read.
    Read(String),
    /// The generator produced something it should not have: a bug in
    /// `codegen/`, not in the spec.
    Bug(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(problems) => write!(f, "{problems}"),
            Error::Tool(reason) | Error::Read(reason) => {
                writeln!(f, "{reason}; nothing was written")
            }
            Error::Bug(reason) => writeln!(
                f,
                "the generator failed, which is a bug in codegen/, not in the spec: {reason}; \
                 nothing was written"
            ),
        }
    }
}

impl std::error::Error for Error {}

impl From<Problems> for Error {
    fn from(problems: Problems) -> Self {
        Error::Spec(problems)
    }
}
