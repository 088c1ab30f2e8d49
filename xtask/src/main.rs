//! Project commands. `cargo xtask codegen` regenerates `generated/` from
//! `spec/`; `cargo xtask codegen --check` fails if `generated/` is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cashflows_codegen::drift::{self, Drift};
use cashflows_codegen::{GeneratedFile, REGENERATE};

const USAGE: &str = "usage: cargo xtask codegen [--check]

  codegen          regenerate generated/ from spec/
  codegen --check  fail, naming each file, if generated/ differs from what
                   the generator would write now";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).to_path_buf()
}

fn codegen(check: bool) -> ExitCode {
    let root = root();
    let files = match cashflows_codegen::generate(&root.join("spec")) {
        Ok(files) => files,
        Err(problems) => {
            eprint!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let drifts = match drift::compare(&root, &files) {
        Ok(drifts) => drifts,
        Err(err) => {
            eprintln!("cannot read generated/: {err}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        report_check(&drifts)
    } else {
        match apply(&root, &files, &drifts) {
            Ok(()) => {
                report_written(&drifts, files.len());
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("writing generated/ failed: {err}");
                ExitCode::FAILURE
            }
        }
    }
}

fn report_check(drifts: &[Drift]) -> ExitCode {
    if drifts.is_empty() {
        println!("generated/ is up to date with spec/");
        return ExitCode::SUCCESS;
    }
    eprintln!("generated/ is out of date with spec/ ({} file(s)):", drifts.len());
    for drift in drifts {
        eprintln!("  {drift}");
    }
    eprintln!("run `{REGENERATE}` and commit the result");
    ExitCode::FAILURE
}

fn report_written(drifts: &[Drift], total: usize) {
    if drifts.is_empty() {
        println!("generated/ already up to date ({total} files)");
        return;
    }
    for drift in drifts {
        let verb = match drift {
            Drift::Missing(_) => "created",
            Drift::Stale(_) => "updated",
            Drift::Orphaned(_) => "removed",
        };
        let path = match drift {
            Drift::Missing(path) | Drift::Stale(path) | Drift::Orphaned(path) => path,
        };
        println!("{verb:>8} {}", path.display());
    }
    println!("{} of {total} files changed", drifts.len());
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
    let file_name = path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{file_name}.tmp"));
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

fn remove_with_empty_parents(root: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::remove_file(root.join(path))?;
    let mut parent = path.parent();
    while let Some(dir) = parent {
        if dir.as_os_str().is_empty() || drift::OWNED_DIRS.iter().any(|owned| Path::new(owned) == dir) {
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
