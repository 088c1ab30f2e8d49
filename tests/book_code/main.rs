//! What the reader sees compiles. The Rust blocks of README.md and of the
//! book run as doctests (tests/lib.rs), but a doctest also compiles the lines
//! rustdoc and mdBook hide (`# ` lines), so the code the reader copies may
//! not compile. This check reads what the reader reads, README.md and the
//! rendered book (`generated/docs/src`), and holds every Rust block to
//! `rules`: each is doctested; one that hides no line is a whole example;
//! one that hides lines says `// Fragment:` and hides only whole items or
//! statements, so its visible lines balance on their own.

mod delimiters;
mod markdown;
mod rules;

use std::path::{Path, PathBuf};

/// The repository's root (this crate is its `tests/` folder).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The files `lib_rs` (tests/lib.rs) includes as documentation, so whose
/// Rust blocks run as doctests, as paths from the repository's root.
fn doctested_files(lib_rs: &str) -> Vec<String> {
    const INCLUDE: &str = "include_str!(\"";
    lib_rs
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter_map(|line| line.split_once(INCLUDE))
        .filter_map(|(_, rest)| rest.split_once('"'))
        .map(|(path, _)| match path.strip_prefix("../") {
            Some(from_root) => from_root.to_owned(),
            None => format!("tests/{path}"),
        })
        .collect()
}

/// Whether the Rust blocks of `file` run as doctests, or why not. A chapter
/// of the book runs as its template in `codegen/templates/guide/`.
fn doctest_status(file: &str, doctested: &[String]) -> Result<(), String> {
    let source = if let Some(page) = file.strip_prefix("generated/docs/src/") {
        let Some(chapter) = page
            .strip_prefix("guide/")
            .and_then(|p| p.strip_suffix(".md"))
        else {
            return Err(format!(
                "only the guide's chapters run as doctests; move the example into one \
                 (codegen/templates/guide/), or mark it `text` if it is not Rust ({page})"
            ));
        };
        format!("codegen/templates/guide/{chapter}.md.j2")
    } else {
        file.to_owned()
    };
    if doctested.contains(&source) {
        Ok(())
    } else {
        Err(format!(
            "tests/lib.rs does not include {source} (`#[doc = include_str!(\"../{source}\")]`)"
        ))
    }
}

/// The Markdown files under `dir` (from the root), recursively, sorted.
fn markdown_files(dir: &str) -> Vec<String> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(root().join(dir)).unwrap_or_else(|err| panic!("{dir}: {err}"));
    for entry in entries {
        let name = entry.expect("a directory entry").file_name();
        let path = format!("{dir}/{}", name.to_string_lossy());
        if root().join(&path).is_dir() {
            files.extend(markdown_files(&path));
        } else if path.ends_with(".md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn every_rust_block_the_reader_sees_compiles() {
    let doctested = doctested_files(&read("tests/lib.rs"));
    let mut files = vec!["README.md".to_owned()];
    files.extend(markdown_files("generated/docs/src"));
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for file in &files {
        let status = doctest_status(file, &doctested);
        for block in markdown::code_blocks(&read(file))
            .iter()
            .filter(|b| b.is_rust())
        {
            checked.push(file.as_str());
            for broken in rules::check(block, &status) {
                failures.push(format!("{file}:{}: Rust block: {broken}", block.line));
            }
        }
    }
    // Guard against a reader that finds nothing: both sources have examples.
    assert!(
        checked.contains(&"README.md"),
        "no Rust block found in README.md"
    );
    let in_guide = |file: &&str| file.starts_with("generated/docs/src/guide/");
    assert!(
        checked.iter().any(in_guide),
        "no Rust block found in the book's guide"
    );
    assert!(
        failures.is_empty(),
        "{} Rust block problem(s); the rules are in CONTRIBUTING.md (Tests, book_code):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn doctested_files_are_read_from_the_includes() {
    let lib_rs = "#![doc = include_str!(\"../README.md\")]\n\
                  #[doc = include_str!(\"../codegen/templates/guide/a.md.j2\")]\n\
                  // #[doc = include_str!(\"../codegen/templates/guide/off.md.j2\")]\n\
                  #[doc = include_str!(\"local.md\")]\n";
    assert_eq!(
        doctested_files(lib_rs),
        [
            "README.md",
            "codegen/templates/guide/a.md.j2",
            "tests/local.md"
        ]
    );
}

#[test]
fn a_book_page_is_doctested_only_as_an_included_guide_chapter() {
    let doctested = [
        "README.md".to_owned(),
        "codegen/templates/guide/a.md.j2".to_owned(),
    ];
    assert_eq!(doctest_status("README.md", &doctested), Ok(()));
    assert_eq!(
        doctest_status("generated/docs/src/guide/a.md", &doctested),
        Ok(())
    );
    let missing = doctest_status("generated/docs/src/guide/b.md", &doctested);
    assert!(
        missing
            .as_ref()
            .is_err_and(|why| why.contains("codegen/templates/guide/b.md.j2")),
        "{missing:?}"
    );
    let reference = doctest_status("generated/docs/src/models.md", &doctested);
    assert!(
        reference
            .as_ref()
            .is_err_and(|why| why.contains("only the guide's chapters")),
        "{reference:?}"
    );
}
