//! The last emit step: every generated Rust file goes through the
//! toolchain's rustfmt, so `cargo fmt --check` holds for generated code as
//! for the rest of the workspace.
//!
//! Starting rustfmt costs more than formatting a file, so the files are
//! copied into a scratch directory (their own layout, so `mod` items
//! resolve) and formatted by one rustfmt process per core, each given a
//! share of the files balanced by size.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::GeneratedFile;

/// Formats every `.rs` file among `files` in place.
pub fn format_all(files: &mut [GeneratedFile]) -> Result<(), String> {
    let scratch = tempfile::tempdir().map_err(|err| format!("no scratch directory: {err}"))?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let shares = rust_files_in_shares(files, workers);
    for &index in shares.iter().flatten() {
        write_scratch(scratch.path(), &files[index])?;
    }
    std::thread::scope(|scope| {
        let runs: Vec<_> = shares
            .iter()
            .map(|share| {
                let paths: Vec<PathBuf> = share
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
    for &index in shares.iter().flatten() {
        let path = scratch.path().join(&files[index].path);
        files[index].contents = std::fs::read_to_string(&path)
            .map_err(|err| format!("{}: {err}", files[index].path.display()))?;
    }
    Ok(())
}

/// Indexes of the Rust files in at most `count` non-empty shares of about
/// equal size: largest file first, each to the lightest share.
fn rust_files_in_shares(files: &[GeneratedFile], count: usize) -> Vec<Vec<usize>> {
    let mut rust: Vec<usize> = (0..files.len())
        .filter(|&index| files[index].path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    rust.sort_by_key(|&index| std::cmp::Reverse(files[index].contents.len()));
    let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); count.max(1)];
    for index in rust {
        if let Some(lightest) = shares.iter_mut().min_by_key(|share| share.0) {
            lightest.0 += files[index].contents.len();
            lightest.1.push(index);
        }
    }
    shares
        .into_iter()
        .map(|share| share.1)
        .filter(|share| !share.is_empty())
        .collect()
}

fn write_scratch(root: &Path, file: &GeneratedFile) -> Result<(), String> {
    let path = root.join(&file.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| format!("{}: {err}", parent.display()))?;
    }
    std::fs::write(&path, &file.contents).map_err(|err| format!("{}: {err}", path.display()))
}

/// One rustfmt (or `$RUSTFMT`) process over `paths`, rewriting them.
/// `skip_children` keeps it to the files named: a module's file may be in
/// another process's share.
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
