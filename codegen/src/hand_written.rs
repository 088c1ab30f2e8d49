//! Reading the hand-written code that uses the generated code, part of the
//! load step: the library, binary and example sources of the client and the
//! sandbox (not their `src/generated/`), and the names the spec defined when
//! it was last generated (the committed `generated/rust-names.txt`). The
//! seam check reads both; nothing here writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::emit::rust_names;
use crate::seam;

/// The folder only the generator writes, inside a crate's sources.
const GENERATED: &str = "generated";

/// One hand-written Rust file.
#[derive(Debug, Clone)]
pub struct CodeFile {
    /// The path relative to the repository root, with `/` separators.
    pub path: String,
    pub text: String,
}

/// The hand-written code, and the names the last generation defined.
#[derive(Debug, Clone, Default)]
pub struct HandWritten {
    pub files: Vec<CodeFile>,
    /// Every name of the committed `generated/rust-names.txt`: after a spec
    /// edit, the names the new spec may no longer define.
    pub defined_before: Vec<String>,
}

impl HandWritten {
    /// The folders of hand-written code that relies on generated names:
    /// library, binary and example code, relative to the repository root.
    /// A folder that does not exist is skipped.
    pub const DIRS: [&str; 4] = [
        "crates/cashflows/src",
        "crates/cashflows/examples",
        "crates/cashflows-sandbox/src",
        "crates/cashflows-sandbox/examples",
    ];

    /// Reads the hand-written code under `root`, the repository root.
    pub fn read(root: &Path) -> std::io::Result<HandWritten> {
        let mut files = Vec::new();
        for dir in Self::DIRS {
            if root.join(dir).is_dir() {
                read_tree(root, &root.join(dir), &mut files)?;
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let defined_before = match std::fs::read_to_string(root.join(rust_names::PATH)) {
            Ok(text) => rust_names::parse(&text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(err),
        };
        Ok(HandWritten {
            files,
            defined_before,
        })
    }

    /// Every name among `candidates` that some file mentions, with the
    /// files that mention it (see [`crate::seam`]).
    pub fn relied_on<'a>(
        &self,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> BTreeMap<String, Vec<String>> {
        seam::relied_on(self, candidates)
    }
}

/// Adds every `.rs` file below `dir`, leaving out generated folders.
fn read_tree(root: &Path, dir: &Path, files: &mut Vec<CodeFile>) -> std::io::Result<()> {
    let mut pending: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != GENERATED) {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(CodeFile {
                    path: relative(root, &path),
                    text: std::fs::read_to_string(&path)?,
                });
            }
        }
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
