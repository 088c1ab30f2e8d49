//! `generated/rust-names.txt`: every Rust name the generated code defines
//! from a spec row, as hand-written code writes it (`Model::symbols`), one a
//! line. The committed copy records what the spec defined when it was last
//! generated: the seam check reads it to find hand-written code that still
//! uses a name a spec edit renamed or removed.

use super::GeneratedFile;
use super::header::{self, EVERY_TABLE};
use crate::model::Model;

/// Where the list is written, relative to the repository root.
pub const PATH: &str = "generated/rust-names.txt";

pub fn file(model: &Model) -> GeneratedFile {
    let mut text = header::tsv(EVERY_TABLE);
    text.push_str(
        "# Every Rust name the generated code defines from a spec row, in table order.\n",
    );
    for (name, _) in model.symbols() {
        text.push_str(&name);
        text.push('\n');
    }
    GeneratedFile::new(PATH, text)
}

/// The names of a list written by [`file`]; comment lines are skipped.
pub fn parse(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}
