//! The last emit step: every generated Rust file goes through the
//! toolchain's rustfmt, so `cargo fmt --check` holds for generated code as
//! for the rest of the workspace.
//!
//! Starting rustfmt costs more than formatting a file, so the files are
//! copied into a scratch directory (their own layout, so `mod` items
//! resolve) and each generated crate is formatted by one rustfmt process,
//! the crates side by side.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::GeneratedFile;

/// Formats every `.rs` file among `files` in place.
pub fn format_all(files: &mut [GeneratedFile]) -> Result<(), String> {
    let scratch = tempfile::tempdir().map_err(|err| format!("no scratch directory: {err}"))?;
    let groups = rust_files_by_crate(files);
    for indexes in groups.values() {
        for &index in indexes {
            write_scratch(scratch.path(), &files[index])?;
        }
    }
    std::thread::scope(|scope| {
        let runs: Vec<_> = groups
            .values()
            .map(|indexes| {
                let paths: Vec<PathBuf> = indexes
                    .iter()
                    .map(|&index| scratch.path().join(&files[index].path))
                    .collect();
                scope.spawn(move || run_rustfmt(&paths))
            })
            .collect();
        runs.into_iter().try_for_each(|run| {
            run.join()
                .map_err(|_| "a rustfmt thread panicked".to_string())?
        })
    })?;
    for &index in groups.values().flatten() {
        let path = scratch.path().join(&files[index].path);
        files[index].contents = std::fs::read_to_string(&path)
            .map_err(|err| format!("{}: {err}", files[index].path.display()))?;
    }
    Ok(())
}

/// Indexes of the Rust files, grouped by the directory two levels up from
/// the workspace root (`generated/<crate>`), so one process sees one crate.
fn rust_files_by_crate(files: &[GeneratedFile]) -> BTreeMap<PathBuf, Vec<usize>> {
    let mut groups: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        if file.path.extension().is_some_and(|ext| ext == "rs") {
            let krate: PathBuf = file.path.components().take(2).collect();
            groups.entry(krate).or_default().push(index);
        }
    }
    groups
}

fn write_scratch(root: &Path, file: &GeneratedFile) -> Result<(), String> {
    let path = root.join(&file.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| format!("{}: {err}", parent.display()))?;
    }
    std::fs::write(&path, &file.contents).map_err(|err| format!("{}: {err}", path.display()))
}

/// One rustfmt (or `$RUSTFMT`) process over `paths`, rewriting them.
/// `skip_children` keeps it from formatting a module twice when the parent
/// and the module are both named.
fn run_rustfmt(paths: &[PathBuf]) -> Result<(), String> {
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_string());
    let output = Command::new(&program)
        .args(["--edition", "2024", "--config", "skip_children=true"])
        .args(paths)
        .output()
        .map_err(|err| {
            format!(
                "cannot run `{program}` ({err}); install it with `rustup component add rustfmt`"
            )
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
