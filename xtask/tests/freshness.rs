//! The generated files against the spec: the freshness check `cargo test`
//! runs, proof that the drift check cannot miss an edit, a stray file or a
//! rerun, and that `cargo xtask codegen` writes nothing when it fails (a
//! broken spec, a row renamed that hand-written code uses, a missing tool).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use cashflows_codegen::drift::{self, Drift};
use cashflows_codegen::{HandWritten, Tools};
use xtask::Failure;

fn tools() -> Tools {
    Tools::from_env()
}

fn repo_root() -> PathBuf {
    xtask::repository_root()
}

#[test]
fn the_generated_files_are_up_to_date_with_spec() {
    let root = repo_root();
    let files =
        cashflows_codegen::generate(&root, &tools()).unwrap_or_else(|error| panic!("{error}"));
    let drifts = drift::compare(&root, &files).expect("the generated files read");
    let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
    assert!(
        drifts.is_empty(),
        "the generated files are stale; run `cargo xtask codegen` and commit:\n{}",
        listed.join("\n")
    );
}

/// A temporary repository holding the real spec and the hand-written code
/// of the two crates (without their generated modules), generated once.
fn generated_copy() -> (tempfile::TempDir, Vec<cashflows_codegen::GeneratedFile>) {
    let root = tempfile::tempdir().expect("temporary folder");
    let spec = tree(&repo_root().join("spec"));
    write_tree(&root.path().join("spec"), &spec);
    let dirs = HandWritten::DIRS
        .iter()
        .filter(|dir| repo_root().join(dir).is_dir());
    for dir in dirs {
        let mut code = tree(&repo_root().join(dir));
        code.retain(|path, _| !path.starts_with("generated"));
        write_tree(&root.path().join(dir), &code);
    }
    let outcome =
        xtask::codegen(root.path(), false, &tools()).unwrap_or_else(|failure| panic!("{failure}"));
    assert!(
        outcome
            .drifts
            .iter()
            .all(|drift| matches!(drift, Drift::Missing(_)))
    );
    let files = cashflows_codegen::generate(root.path(), &tools()).expect("valid");
    (root, files)
}

#[test]
fn a_one_byte_edit_of_any_generated_file_is_caught() {
    let (root, files) = generated_copy();
    assert!(
        drift::compare(root.path(), &files)
            .expect("reads")
            .is_empty()
    );
    for file in &files {
        let path = root.path().join(&file.path);
        let original = std::fs::read(&path).expect("reads");
        let mut edited = original.clone();
        let middle = edited.len() / 2;
        edited[middle] ^= 0x01;
        std::fs::write(&path, &edited).expect("writes");
        let drifts = drift::compare(root.path(), &files).expect("reads");
        assert_eq!(
            drifts,
            vec![Drift::Stale(file.path.clone())],
            "edit of {}",
            file.path.display()
        );
        std::fs::write(&path, &original).expect("writes");
    }
}

#[test]
fn a_stray_or_missing_file_under_generated_is_caught() {
    let (root, files) = generated_copy();
    let stray = PathBuf::from("generated/docs/src/stray.md");
    std::fs::write(root.path().join(&stray), "left behind").expect("writes");
    let removed = files[0].path.clone();
    std::fs::remove_file(root.path().join(&removed)).expect("removes");
    let drifts = drift::compare(root.path(), &files).expect("reads");
    assert_eq!(
        drifts,
        vec![Drift::Missing(removed), Drift::Orphaned(stray)]
    );
}

#[test]
fn codegen_removes_what_it_no_longer_produces_and_a_rerun_changes_nothing() {
    let (root, _) = generated_copy();
    let stray_dir = Path::new("crates/cashflows/src/generated/retired");
    std::fs::create_dir_all(root.path().join(stray_dir)).expect("creates");
    std::fs::write(root.path().join(stray_dir).join("old.rs"), "// old").expect("writes");

    let first =
        xtask::codegen(root.path(), false, &tools()).unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(
        first.drifts,
        vec![Drift::Orphaned(stray_dir.join("old.rs"))]
    );
    assert!(
        !root.path().join(stray_dir).exists(),
        "the emptied folder is removed too"
    );

    let before = tree(root.path());
    let second =
        xtask::codegen(root.path(), false, &tools()).unwrap_or_else(|failure| panic!("{failure}"));
    assert!(second.drifts.is_empty());
    assert_eq!(
        tree(root.path()),
        before,
        "regenerating twice changes nothing"
    );
    let check =
        xtask::codegen(root.path(), true, &tools()).unwrap_or_else(|failure| panic!("{failure}"));
    assert!(check.drifts.is_empty());
}

#[test]
fn editing_spec_rows_reports_what_changed_and_what_touches_the_public_api() {
    let (root, _) = generated_copy();
    let spec = root.path().join("spec");
    edit(
        &spec.join("gateway-errors.yaml"),
        "\"Refund has been refused.\"",
        "\"Refund was refused.\"",
    );
    edit(
        &spec.join("gateway-warnings.yaml"),
        "  - code: UnexpectedPaymentStatus\n    message: \"Payment has an unexpected status.\"\n    provenance: third-party\n    advice: { outcome: system, retry: false }\n",
        "",
    );

    let outcome =
        xtask::codegen(root.path(), false, &tools()).unwrap_or_else(|failure| panic!("{failure}"));
    let report = outcome.changes.to_string();
    assert!(
        report.starts_with("spec changes: 2 row(s), 1 changing the client's public API\n"),
        "{report}"
    );
    assert!(
        report.contains(
            "  gateway-errors: changed GenericRejectionOfRefund\n      message: Refund has been refused. -> Refund was refused.\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("  gateway-warnings: removed UnexpectedPaymentStatus [public API]\n"),
        "{report}"
    );

    let again =
        xtask::codegen(root.path(), false, &tools()).unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(again.changes.to_string(), "spec changes: none\n");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("reads");
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("writes");
}

/// Every file under `dir`, relative to it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("folder reads") {
            let path = entry.expect("entry reads").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under dir").to_path_buf();
                files.insert(relative, std::fs::read(&path).expect("file reads"));
            }
        }
    }
    files
}

/// Writes `files` (relative path → bytes) under `root`.
fn write_tree(root: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    for (path, bytes) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("folder is created");
        std::fs::write(path, bytes).expect("file is written");
    }
}

/// `codegen/tests/<path>`: the generator's broken-spec corpus.
fn codegen_tests(path: &str) -> PathBuf {
    repo_root().join("codegen/tests").join(path)
}

#[test]
fn renaming_a_row_hand_written_code_uses_writes_nothing_and_names_the_files() {
    let (root, _) = generated_copy();
    let spec = root.path().join("spec/endpoints.yaml");
    // The message names the line of the row's list (`fields:`): found, not
    // written here, so that rows added above it do not break the test.
    let text = std::fs::read_to_string(&spec).expect("the spec");
    let lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .position(|text| text.contains("{ name: tran_orig_id,"))
        .expect("the row");
    let line = lines[..row]
        .iter()
        .rposition(|text| text.trim() == "fields:")
        .map(|index| index + 1)
        .expect("the row's list");
    edit(&spec, "{ name: tran_orig_id,", "{ name: tran_original_id,");
    let before = tree(root.path());
    let failure = xtask::codegen(root.path(), false, &tools()).expect_err("the rename is refused");
    let message = failure.to_string();
    assert!(
        matches!(
            failure,
            Failure::Generate(cashflows_codegen::Error::Spec(_))
        ),
        "{message}"
    );
    assert!(
        message.starts_with("the spec has 2 problems; nothing was written:\n"),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "spec/endpoints.yaml:{line}: fields (RemoteAuthRequest::tran_orig_id): hand-written \
             code relies on `RemoteAuthRequest::tran_orig_id` \
             (crates/cashflows/src/remote_auth_form.rs), which the spec no longer defines; \
             restore the row, or change those files\n"
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "spec/endpoints.yaml:{line}: fields (remote_auth::TRAN_ORIG_ID): hand-written code \
             relies on `remote_auth::TRAN_ORIG_ID` (crates/cashflows-sandbox/src/engine/\
             remote_auth.rs, crates/cashflows-sandbox/src/engine/snapshot_tests.rs), which the \
             spec no longer defines; restore the row, or change those files\n"
        )),
        "{message}"
    );
    assert!(tree(root.path()) == before, "nothing is written");
}

#[test]
fn no_broken_spec_of_the_corpus_writes_anything() {
    let (root, _) = generated_copy();
    let spec = root.path().join("spec");
    let pristine = tree(&spec);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(codegen_tests("broken"))
        .expect("the corpus reads")
        .map(|entry| entry.expect("entry reads").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus has {} cases", cases.len());
    for case in cases {
        std::fs::remove_dir_all(&spec).expect("spec/ is cleared");
        write_tree(&spec, &pristine);
        for (name, bytes) in tree(&case) {
            if name.extension().is_some_and(|ext| ext == "yaml") {
                std::fs::write(spec.join(&name), bytes).expect("case file writes");
            }
        }
        if let Ok(removed) = std::fs::read_to_string(case.join("remove.txt")) {
            for name in removed
                .lines()
                .map(str::trim)
                .filter(|name| !name.is_empty())
            {
                std::fs::remove_file(spec.join(name)).expect("file is removed");
            }
        }
        let before = tree(root.path());
        let failure = xtask::codegen(root.path(), false, &tools());
        assert!(
            matches!(
                failure,
                Err(Failure::Generate(cashflows_codegen::Error::Spec(_)))
            ),
            "{}: a broken spec must be a spec error: {failure:?}",
            case.display()
        );
        assert!(
            tree(root.path()) == before,
            "{}: files changed",
            case.display()
        );
    }
}

#[test]
fn a_missing_rustfmt_is_reported_as_such_and_writes_nothing() {
    let (root, _) = generated_copy();
    std::fs::remove_file(root.path().join("crates/cashflows/src/generated/mod.rs"))
        .expect("a generated file is removed");
    let before = tree(root.path());
    let missing = Tools {
        rustfmt: OsString::from("/nonexistent/rustfmt"),
    };
    let failure = xtask::codegen(root.path(), false, &missing).expect_err("rustfmt is missing");
    let message = failure.to_string();
    assert!(
        matches!(
            failure,
            Failure::Generate(cashflows_codegen::Error::Tool(_))
        ),
        "{message}"
    );
    assert!(message.contains("cannot run rustfmt"), "{message}");
    assert!(message.contains("/nonexistent/rustfmt"), "{message}");
    assert!(!message.contains("spec"), "not a spec problem: {message}");
    assert!(tree(root.path()) == before, "nothing is written");
}
