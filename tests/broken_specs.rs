//! The corpus of broken specs in `tests/broken/`: each case replaces files
//! of the minimal fixture spec, and its `expected.txt` lists lines that must
//! all appear in the error. Every case also checks that `generated/` is left
//! byte-identical.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use support::{fixture_dir, fixture_sources, tree, write_tree, yaml_files};

/// A `generated/` tree to protect: the minimal fixture's real output.
fn protected_tree() -> BTreeMap<PathBuf, Vec<u8>> {
    let files = cashflows_codegen::generate_from(&fixture_sources(None))
        .expect("the minimal fixture is valid");
    files
        .into_iter()
        .map(|file| (file.path, file.contents.into_bytes()))
        .collect()
}

/// Runs `cargo xtask codegen`'s logic on a copy of the minimal spec with the
/// case's files in place; returns the error text.
fn run_case(case: &Path, generated: &BTreeMap<PathBuf, Vec<u8>>) -> Result<String, String> {
    let root = tempfile::tempdir().map_err(|err| err.to_string())?;
    let spec = root.path().join("spec");
    std::fs::create_dir_all(&spec).map_err(|err| err.to_string())?;
    for (name, text) in yaml_files(&fixture_dir("minimal"))
        .into_iter()
        .chain(yaml_files(case))
    {
        std::fs::write(spec.join(name), text).map_err(|err| err.to_string())?;
    }
    if let Ok(removed) = std::fs::read_to_string(case.join("remove.txt")) {
        for name in removed.lines().filter(|line| !line.trim().is_empty()) {
            std::fs::remove_file(spec.join(name.trim())).map_err(|err| err.to_string())?;
        }
    }
    write_tree(root.path(), generated);
    let before = tree(root.path());
    let message = match xtask::codegen(root.path(), false) {
        Ok(_) => return Err("the broken spec was accepted".to_string()),
        Err(failure) => failure.to_string(),
    };
    if tree(root.path()) != before {
        return Err(format!(
            "files changed although the spec is broken; the error was:\n{message}"
        ));
    }
    Ok(message)
}

#[test]
fn every_broken_spec_fails_with_its_message_and_writes_nothing() {
    let generated = protected_tree();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("broken");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("tests/broken reads")
        .map(|entry| entry.expect("entry reads").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "the corpus has {} cases; keep at least 20",
        cases.len()
    );

    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .expect("has a name")
            .to_string_lossy()
            .into_owned();
        let expected = std::fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{name}: expected.txt is missing"));
        match run_case(case, &generated) {
            Err(reason) => failures.push(format!("{name}: {reason}")),
            Ok(message) => {
                for line in expected.lines().filter(|line| !line.trim().is_empty()) {
                    if !message.contains(line.trim()) {
                        failures.push(format!("{name}: expected `{}` in:\n{message}", line.trim()));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_minimal_fixture_itself_is_valid() {
    assert!(cashflows_codegen::generate_from(&fixture_sources(None)).is_ok());
}
