//! Compares generated files with what is on disk. Shared by `cargo xtask
//! codegen`, its `--check`, and the freshness test, so all three agree.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;
use crate::emit::GENERATED_DIRS;

/// How one file differs from what the generator would write now.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// The file is not on disk.
    Missing(PathBuf),
    /// The file's bytes differ.
    Stale(PathBuf),
    /// The file is on disk but no longer produced.
    Orphaned(PathBuf),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Missing(path) => write!(f, "missing:  {}", path.display()),
            Drift::Stale(path) => write!(f, "stale:    {}", path.display()),
            Drift::Orphaned(path) => write!(f, "orphaned: {}", path.display()),
        }
    }
}

/// Every difference between `files` and the tree under `root`, sorted.
pub fn compare(root: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<Drift>> {
    let mut drifts = Vec::new();
    let produced: BTreeSet<&Path> = files.iter().map(|file| file.path.as_path()).collect();
    for file in files {
        match std::fs::read(root.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => drifts.push(Drift::Stale(file.path.clone())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                drifts.push(Drift::Missing(file.path.clone()))
            }
            Err(err) => return Err(err),
        }
    }
    for dir in GENERATED_DIRS {
        for path in files_under(root, Path::new(dir))? {
            if !produced.contains(path.as_path()) {
                drifts.push(Drift::Orphaned(path));
            }
        }
    }
    drifts.sort();
    Ok(drifts)
}

/// Every file under `root/dir`, relative to `root`, skipping build output.
fn files_under(root: &Path, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = match std::fs::read_dir(root.join(&current)) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => return Err(err),
        };
        for entry in entries {
            let entry = entry?;
            let relative = current.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(relative);
                }
            } else {
                found.push(relative);
            }
        }
    }
    Ok(found)
}
