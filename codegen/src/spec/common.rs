use serde::{Deserialize, Serialize};

/// Which Cashflows document a table was taken from, and when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub document: String,
    pub retrieved: String,
}

/// How sure we are of a value; the book explains the grades to its readers
/// (`codegen/templates/index.md.j2`, the table under "Every row carries a
/// provenance").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Stated by Cashflows.
    Doc,
    /// Seen in working integrations, not in Cashflows' text.
    Observed,
    /// From an unofficial summary of the docs.
    ThirdParty,
    /// Nobody publishes it.
    Unknown,
    /// This project's own reading or decision, marked so: not published.
    Project,
}

impl Provenance {
    /// The variant name of the generated `Provenance` enum.
    pub fn variant(self) -> &'static str {
        match self {
            Provenance::Doc => "Doc",
            Provenance::Observed => "Observed",
            Provenance::ThirdParty => "ThirdParty",
            Provenance::Unknown => "Unknown",
            Provenance::Project => "Project",
        }
    }

    /// How the docs show it.
    pub fn label(self) -> &'static str {
        match self {
            Provenance::Doc => "doc",
            Provenance::Observed => "observed",
            Provenance::ThirdParty => "third-party",
            Provenance::Unknown => "unknown",
            Provenance::Project => "project",
        }
    }
}

/// The project's own advice on a row: not Cashflows' text.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    /// Key of an outcome in `guidance.yaml`.
    pub outcome: String,
    /// Whether sending the same request again can help.
    pub retry: bool,
}
