//! The last emit step: every generated Rust file goes through the
//! toolchain's rustfmt, so `cargo fmt --check` holds for generated code as
//! for the rest of the workspace.
//!
//! Starting rustfmt costs more than formatting a file, so the files are
//! copied into a scratch directory (their own layout, so `mod` items
//! resolve) and formatted by one rustfmt process per core, each given a
//! share of the files balanced by size.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::GeneratedFile;
use crate::error::Error;

/// The external programs the generator runs.
#[derive(Debug, Clone)]
pub struct Tools {
    /// The rustfmt to run.
    pub rustfmt: OsString,
}

impl Tools {
    /// `$RUSTFMT`, else `rustfmt` from `PATH`.
    pub fn from_env() -> Self {
        Tools {
            rustfmt: std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()),
        }
    }
}

/// Formats every `.rs` file among `files` in place.
pub fn format_all(files: &mut [GeneratedFile], tools: &Tools) -> Result<(), Error> {
    let scratch = tempfile::tempdir()
        .map_err(|err| Error::Tool(format!("no scratch directory for rustfmt: {err}")))?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let shares = rust_files_in_shares(files, workers);
    for &index in shares.iter().flatten() {
        write_scratch(scratch.path(), &files[index]).map_err(Error::Tool)?;
    }
    std::thread::scope(|scope| {
        let runs: Vec<_> = shares
            .iter()
            .map(|share| {
                let paths: Vec<PathBuf> = share
                    .iter()
                    .map(|&index| scratch.path().join(&files[index].path))
                    .collect();
                scope.spawn(move || run_rustfmt(&tools.rustfmt, &paths))
            })
            .collect();
        runs.into_iter().try_for_each(|run| {
            run.join()
                .map_err(|_| Error::Bug("a rustfmt thread panicked".to_string()))?
        })
    })?;
    for &index in shares.iter().flatten() {
        let path = scratch.path().join(&files[index].path);
        files[index].contents = std::fs::read_to_string(&path).map_err(|err| {
            Error::Tool(format!(
                "rustfmt left no {}: {err}",
                files[index].path.display()
            ))
        })?;
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

/// One rustfmt process over `paths`, rewriting them. `skip_children` keeps
/// it to the files named: a module's file may be in another process's share.
/// The code already parsed (with syn) when it was laid out, so a failure
/// here is the tool's.
fn run_rustfmt(program: &OsString, paths: &[PathBuf]) -> Result<(), Error> {
    let shown = Path::new(program).display();
    let output = Command::new(program)
        .args(["--edition", "2024", "--config", "skip_children=true"])
        .args(paths)
        .output()
        .map_err(|err| {
            Error::Tool(format!(
                "cannot run rustfmt (`{shown}`: {err}); the generator formats the Rust it \
                 writes with it: install it with `rustup component add rustfmt`, or point \
                 $RUSTFMT at it"
            ))
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::Tool(format!(
            "rustfmt (`{shown}`) failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}
