//! `generated/` against the spec: the freshness check `cargo test` runs, and
//! proof that the drift check cannot miss an edit, a stray file or a rerun.

mod support;

use std::path::{Path, PathBuf};

use cashflows_codegen::drift::{self, Drift};
use support::{repo_root, tree, write_tree};

#[test]
fn generated_is_up_to_date_with_spec() {
    let root = repo_root();
    let files = cashflows_codegen::generate(&root.join("spec"))
        .unwrap_or_else(|problems| panic!("{problems}"));
    let drifts = drift::compare(&root, &files).expect("generated/ reads");
    let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
    assert!(
        drifts.is_empty(),
        "generated/ is stale; run `cargo xtask codegen` and commit:\n{}",
        listed.join("\n")
    );
}

/// A temporary repository holding the real spec, generated once.
fn generated_copy() -> (tempfile::TempDir, Vec<cashflows_codegen::GeneratedFile>) {
    let root = tempfile::tempdir().expect("temporary folder");
    let spec = tree(&repo_root().join("spec"));
    write_tree(&root.path().join("spec"), &spec);
    let outcome = xtask::codegen(root.path(), false).unwrap_or_else(|failure| panic!("{failure}"));
    assert!(
        outcome
            .drifts
            .iter()
            .all(|drift| matches!(drift, Drift::Missing(_)))
    );
    let files = cashflows_codegen::generate(&root.path().join("spec")).expect("valid");
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
    let stray_dir = Path::new("generated/cashflows/src/retired");
    std::fs::create_dir_all(root.path().join(stray_dir)).expect("creates");
    std::fs::write(root.path().join(stray_dir).join("old.rs"), "// old").expect("writes");

    let first = xtask::codegen(root.path(), false).unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(
        first.drifts,
        vec![Drift::Orphaned(stray_dir.join("old.rs"))]
    );
    assert!(
        !root.path().join(stray_dir).exists(),
        "the emptied folder is removed too"
    );

    let before = tree(root.path());
    let second = xtask::codegen(root.path(), false).unwrap_or_else(|failure| panic!("{failure}"));
    assert!(second.drifts.is_empty());
    assert_eq!(
        tree(root.path()),
        before,
        "regenerating twice changes nothing"
    );
    let check = xtask::codegen(root.path(), true).unwrap_or_else(|failure| panic!("{failure}"));
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
        "  - name: PaymentPageReferenceDoesNotExist\n    message: \"Supplied payment page reference does not exists\"\n    provenance: unknown\n    advice: { outcome: validation, retry: false }\n",
        "",
    );

    let outcome = xtask::codegen(root.path(), false).unwrap_or_else(|failure| panic!("{failure}"));
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
        report.contains(
            "  gateway-warnings: removed PaymentPageReferenceDoesNotExist [public API]\n"
        ),
        "{report}"
    );

    let again = xtask::codegen(root.path(), false).unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(again.changes.to_string(), "spec changes: none\n");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("reads");
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("writes");
}
