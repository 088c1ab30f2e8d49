//! insta snapshots of generator output for small fixture specs that exercise
//! the edge cases. The real generated tree is guarded by the freshness check
//! instead, not snapshotted.

use cashflows_codegen::GeneratedFile;

use super::support::{fixture_dir, fixture_sources, generate};

fn edge_case_output() -> Vec<GeneratedFile> {
    generate(&fixture_sources(Some(&fixture_dir("edge-cases"))))
}

/// The top-level items of a generated Rust file that define one of `names`
/// (with their docs), for snapshots of the edge cases alone.
fn items(text: &str, names: &[&str]) -> String {
    let mut chunks: Vec<String> = Vec::new();
    let mut previous_blank = true;
    for line in text.lines() {
        let starts_item = previous_blank && !line.is_empty() && !line.starts_with(' ');
        match chunks.last_mut() {
            Some(chunk) if !starts_item => {
                chunk.push('\n');
                chunk.push_str(line);
            }
            _ => chunks.push(line.to_string()),
        }
        previous_blank = line.is_empty();
    }
    let mut kept = Vec::new();
    for item in chunks.iter().map(|chunk| chunk.trim_end()) {
        let defines = names.iter().any(|name| {
            [
                format!("pub struct {name} "),
                format!("pub enum {name} "),
                format!(" for {name} {{"),
                format!("!({name});"),
            ]
            .iter()
            .any(|form| item.contains(form.as_str()))
        });
        if defines {
            kept.push(item);
        }
    }
    kept.join("\n\n")
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
    insta::assert_snapshot!(file(
        &files,
        "crates/cashflows/src/generated/gateway_errors.rs"
    ));
}

#[test]
fn models_with_keywords_leading_digits_and_every_field_type() {
    let files = edge_case_output();
    let models = file(&files, "crates/cashflows/src/generated/models.rs");
    insta::assert_snapshot!("models", items(models, &["EdgeCases", "Line"]));
    let enums = file(&files, "crates/cashflows/src/generated/model_enums.rs");
    insta::assert_snapshot!("model_enums", items(enums, &["EdgeStatus"]));
}

#[test]
fn docs_page_escapes_table_cells_and_says_not_published() {
    let files = edge_case_output();
    insta::assert_snapshot!(file(&files, "generated/docs/src/gateway-errors.md"));
}

#[test]
fn minimal_spec_produces_the_same_file_list() {
    let files = generate(&fixture_sources(None));
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
