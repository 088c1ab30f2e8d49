//! insta snapshots of generator output for small fixture specs that exercise
//! the edge cases. The real `generated/` tree is guarded by the drift test
//! instead, not snapshotted.

mod support;

use cashflows_codegen::GeneratedFile;
use support::{fixture_dir, fixture_sources};

fn edge_case_output() -> Vec<GeneratedFile> {
    let sources = fixture_sources(Some(&fixture_dir("edge-cases")));
    match cashflows_codegen::generate_from(&sources) {
        Ok(files) => files,
        Err(problems) => panic!("the edge-case fixture should be valid:\n{problems}"),
    }
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    let found = files.iter().find(|file| file.path.to_str() == Some(path));
    &found
        .unwrap_or_else(|| panic!("{path} was not generated"))
        .contents
}

#[test]
fn gateway_codes_with_missing_codes_shared_messages_and_non_ascii_text() {
    let files = edge_case_output();
    insta::assert_snapshot!(file(&files, "generated/cashflows/src/gateway_errors.rs"));
}

#[test]
fn models_with_keywords_leading_digits_and_every_field_type() {
    let files = edge_case_output();
    insta::assert_snapshot!(
        "structs",
        file(&files, "generated/cashflows/src/models/structs.rs")
    );
    insta::assert_snapshot!(
        "enums",
        file(&files, "generated/cashflows/src/models/enums.rs")
    );
}

#[test]
fn docs_page_escapes_table_cells_and_says_not_published() {
    let files = edge_case_output();
    insta::assert_snapshot!(file(&files, "generated/docs/src/gateway-errors.md"));
}

#[test]
fn minimal_spec_produces_the_same_file_list() {
    let files = cashflows_codegen::generate_from(&fixture_sources(None)).expect("valid");
    let paths: Vec<String> = files
        .iter()
        .map(|file| file.path.display().to_string())
        .collect();
    insta::assert_snapshot!(paths.join("\n"));
}

#[test]
fn the_same_spec_always_produces_the_same_bytes() {
    assert_eq!(edge_case_output(), edge_case_output());
}
