//! The fixture specs' output compiles: each fixture's generated modules go
//! into a copy of the two hand-written crates, which `cargo check` must
//! accept. The minimal spec (see `minimal.rs`) holds only the rows whose
//! names the seam scan finds in the hand-written code, and what they need to
//! resolve, so this also proves the scan misses no name the code uses.

use std::path::{Path, PathBuf};
use std::process::Command;

use cashflows_codegen::emit::GENERATED_RUST_DIR;

use super::support::{fixture_dir, fixture_sources, generate, repo_root};

/// The hand-written crates, copied without their tests and generated code.
const CRATES: [&str; 2] = ["crates/cashflows", "crates/cashflows-sandbox"];

#[test]
fn the_fixture_specs_compile_with_the_hand_written_crates() {
    let scratch = repo_root().join("target/fixture-check");
    for (fixture, overlay) in [
        ("minimal", None),
        ("edge-cases", Some(fixture_dir("edge-cases"))),
    ] {
        let workspace = scratch.join(fixture);
        prepare_workspace(&workspace);
        for file in generate(&fixture_sources(overlay.as_deref())) {
            if file.path.starts_with(GENERATED_RUST_DIR) {
                write(&workspace.join(&file.path), &file.contents);
            }
        }
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&workspace)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .args(["check", "--offline", "--quiet", "--workspace"])
            .args(["--lib", "--bins", "--examples", "--no-default-features"])
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "the `{fixture}` fixture's generated code does not compile with the hand-written \
             crates:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A workspace of the two crates as they are now, with the repository's
/// manifest settings and lock file, and no generated modules yet.
fn prepare_workspace(workspace: &Path) {
    if workspace.exists() {
        std::fs::remove_dir_all(workspace).expect("the old copy is removed");
    }
    let root = repo_root();
    for krate in CRATES {
        copy_tree(&root.join(krate), &workspace.join(krate));
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml reads");
    let members = format!("members = {CRATES:?}\n");
    let start = manifest
        .find("members = [")
        .expect("the workspace lists members");
    let end = start + manifest[start..].find("]\n").expect("the list ends") + 2;
    write(
        &workspace.join("Cargo.toml"),
        &format!("{}{members}{}", &manifest[..start], &manifest[end..]),
    );
    std::fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock"))
        .expect("Cargo.lock copies");
}

/// Copies a crate's files, leaving out its tests and its generated modules.
fn copy_tree(from: &Path, to: &Path) {
    let mut pending: Vec<PathBuf> = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in std::fs::read_dir(from.join(&relative)).expect("folder reads") {
            let entry = entry.expect("entry reads");
            let path = relative.join(entry.file_name());
            let skipped = path == Path::new("tests") || path == Path::new("src/generated");
            if skipped {
                continue;
            }
            if entry.file_type().expect("file type").is_dir() {
                pending.push(path);
            } else {
                let mut text = std::fs::read(from.join(&path)).expect("file reads");
                if path == Path::new("Cargo.toml") {
                    text = without_test_support(&text).into_bytes();
                }
                std::fs::create_dir_all(to.join(&path).parent().expect("parent")).expect("mkdir");
                std::fs::write(to.join(&path), text).expect("file writes");
            }
        }
    }
}

/// A crate's manifest without its dependency on the workspace's test
/// support, which only its tests (not copied) use.
fn without_test_support(manifest: &[u8]) -> String {
    let manifest = String::from_utf8_lossy(manifest);
    let kept = manifest
        .lines()
        .filter(|line| !line.starts_with("cashflows-test-support"));
    kept.map(|line| format!("{line}\n")).collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("folder is created");
    std::fs::write(path, text).expect("file is written");
}
