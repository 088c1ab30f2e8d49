//! The corpus of broken specs in `codegen/tests/broken/`: each case replaces
//! (or, with `remove.txt`, removes) files of the minimal spec, and
//! its `expected.txt` lists lines that must all appear in the error. That
//! nothing is written for any of them is `xtask`'s test.

use std::path::{Path, PathBuf};

use cashflows_codegen::{SourceFile, SpecSources, Tools};

use super::support::{fixture_sources, hand_written, test_dir, yaml_files};

/// The minimal spec with the case's files in place.
fn case_sources(case: &Path) -> SpecSources {
    let mut sources = fixture_sources(None);
    for (name, text) in yaml_files(case) {
        sources.files.retain(|file| file.name != name);
        sources.files.push(SourceFile { name, text });
    }
    if let Ok(removed) = std::fs::read_to_string(case.join("remove.txt")) {
        for name in removed
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
        {
            sources.files.retain(|file| file.name != name);
        }
    }
    sources
}

/// Every case folder, sorted.
pub fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(test_dir("broken"))
        .expect("codegen/tests/broken reads")
        .map(|entry| entry.expect("entry reads").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_broken_spec_fails_with_its_message() {
    let cases = cases();
    assert!(
        cases.len() >= 20,
        "the corpus has {} cases; keep at least 20",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().expect("has a name").to_string_lossy();
        let expected = std::fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{name}: expected.txt is missing"));
        let message = match cashflows_codegen::generate_from(
            &case_sources(case),
            hand_written(),
            &Tools::from_env(),
        ) {
            Ok(_) => {
                failures.push(format!("{name}: the broken spec was accepted"));
                continue;
            }
            Err(error) => error.to_string(),
        };
        for line in expected
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
        {
            if !message.contains(line) {
                failures.push(format!("{name}: expected `{line}` in:\n{message}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_minimal_spec_itself_is_valid() {
    if let Err(problems) = cashflows_codegen::resolve(&fixture_sources(None), hand_written()) {
        panic!("{problems}");
    }
}
