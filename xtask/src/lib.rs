//! The logic behind `cargo xtask codegen`, as a library so that tests run
//! exactly what the command runs.

pub mod bench;

use std::path::{Path, PathBuf};

use cashflows_codegen::change_report::{self, ChangeReport};
use cashflows_codegen::drift::{self, Drift};
use cashflows_codegen::emit::{GENERATED_DIRS, manifest};
use cashflows_codegen::{GeneratedFile, Tools};

/// What `codegen` found or did.
#[derive(Debug)]
pub struct Outcome {
    /// How the generated folders differed from the generator's output (before writing).
    pub drifts: Vec<Drift>,
    /// How many files the generator produces.
    pub total: usize,
    /// What the spec change did, against the manifest that was on disk.
    pub changes: ChangeReport,
}

/// Why `codegen` stopped.
#[derive(Debug)]
pub enum Failure {
    /// The spec is broken, a tool is missing, the hand-written code cannot
    /// be read or the generator has a bug; nothing was written.
    Generate(cashflows_codegen::Error),
    /// Reading or writing the generated folders failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Generate(error) => write!(f, "{error}"),
            Failure::Io(err) => {
                writeln!(f, "reading or writing the generated files failed: {err}")
            }
        }
    }
}

/// The repository root: the parent of this crate.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Generates from `root/spec`, checked against the hand-written code under
/// `root`, and compares with the generated folders;
/// unless `check_only`, then writes what differs. Nothing is written when
/// generation fails for any reason.
pub fn codegen(root: &Path, check_only: bool, tools: &Tools) -> Result<Outcome, Failure> {
    let files = cashflows_codegen::generate(root, tools).map_err(Failure::Generate)?;
    let drifts = drift::compare(root, &files).map_err(Failure::Io)?;
    let changes = changes(root, &files);
    if !check_only {
        apply(root, &files, &drifts).map_err(Failure::Io)?;
    }
    Ok(Outcome {
        drifts,
        total: files.len(),
        changes,
    })
}

/// Rows added, removed or changed against the manifest on disk (with none
/// there, every row is new).
fn changes(root: &Path, files: &[GeneratedFile]) -> ChangeReport {
    let before = std::fs::read_to_string(root.join(manifest::PATH)).unwrap_or_default();
    let after = files
        .iter()
        .find(|file| file.path == Path::new(manifest::PATH))
        .map(|file| change_report::parse(&file.contents))
        .unwrap_or_default();
    change_report::compare(&change_report::parse(&before), &after)
}

/// Writes what differs, each file atomically, and removes orphans.
fn apply(root: &Path, files: &[GeneratedFile], drifts: &[Drift]) -> std::io::Result<()> {
    for drift in drifts {
        match drift {
            Drift::Missing(path) | Drift::Stale(path) => {
                if let Some(file) = files.iter().find(|file| &file.path == path) {
                    write_atomically(&root.join(path), file.contents.as_bytes())?;
                }
            }
            Drift::Orphaned(path) => remove_with_empty_parents(root, path)?,
        }
    }
    Ok(())
}

/// Writes to a temporary file beside the target, then renames it into place,
/// so a reader never sees half a file.
fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{file_name}.tmp"));
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

/// Removes an orphan, and the folders it leaves empty below a generated folder.
fn remove_with_empty_parents(root: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::remove_file(root.join(path))?;
    let mut parent = path.parent();
    while let Some(dir) = parent {
        if dir.as_os_str().is_empty() || GENERATED_DIRS.iter().any(|owned| Path::new(owned) == dir)
        {
            break;
        }
        let is_empty = std::fs::read_dir(root.join(dir))?.next().is_none();
        if !is_empty {
            break;
        }
        std::fs::remove_dir(root.join(dir))?;
        parent = dir.parent();
    }
    Ok(())
}
