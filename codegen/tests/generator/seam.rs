//! The seam between hand-written code and the spec is declared completely:
//! every spec-derived name the hand-written crates (their library, binary
//! and example code) mention is in `codegen/src/seam.rs`, and every name
//! listed there is really mentioned by the file it is listed for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cashflows_codegen::seam::RELIED_ON;

use super::support::{real_model, repo_root};

/// The hand-written sources of the two crates that downstream users compile,
/// relative to the repository root.
fn hand_written_sources() -> Vec<(String, String)> {
    let root = repo_root();
    let mut found = Vec::new();
    let mut pending = vec![
        root.join("crates/cashflows/src"),
        root.join("crates/cashflows/examples"),
        root.join("crates/cashflows-sandbox/src"),
    ];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("folder reads") {
            let path = entry.expect("entry reads").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != "generated") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path.strip_prefix(&root).expect("under the root");
                let text = std::fs::read_to_string(&path).expect("source reads");
                found.push((relative.to_string_lossy().into_owned(), text));
            }
        }
    }
    found.sort();
    found
}

/// Whether `text` has `word` with no identifier character on either side.
fn has_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The `module::{a, b}` groups of `text`, expanded to `module::a`, `module::b`.
fn imported(text: &str, module: &str) -> BTreeSet<String> {
    let opener = format!("{module}::{{");
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(&opener) {
        let rest = &text[at + opener.len()..];
        let Some(end) = rest.find('}') else { continue };
        for name in rest[..end].split(',') {
            let name = name.trim().trim_start_matches("self").trim();
            if !name.is_empty() {
                names.insert(format!("{module}::{name}"));
            }
        }
    }
    names
}

/// Whether `text` reads or writes a field called `field` (`.field`, or
/// `field:` / `field,` in a struct expression or pattern).
fn uses_field(text: &str, field: &str) -> bool {
    has_word(text, field)
        && (text.contains(&format!(".{field}"))
            || text.contains(&format!("{field}:"))
            || text.contains(&format!("{field},")))
}

/// Whether a hand-written file mentions the spec-derived `symbol`.
fn mentions(text: &str, symbol: &str) -> bool {
    let parts: Vec<&str> = symbol.split("::").collect();
    match parts.as_slice() {
        ["Client", method] => has_word(text, "Client") && text.contains(&format!(".{method}(")),
        ["models", model, field] => {
            mentions(text, &format!("models::{model}")) && uses_field(text, field)
        }
        ["RemoteAuthRequest", field] => {
            has_word(text, "RemoteAuthRequest") && uses_field(text, field)
        }
        [module, item] if module.starts_with(|c: char| c.is_ascii_lowercase()) => {
            has_word(text, symbol) || imported(text, module).contains(symbol)
        }
        _ => has_word(text, symbol),
    }
}

#[test]
fn every_spec_derived_name_the_crates_mention_is_declared() {
    let declared: BTreeMap<&str, BTreeSet<&str>> = RELIED_ON
        .iter()
        .map(|reliance| (reliance.file, reliance.names.iter().copied().collect()))
        .collect();
    let symbols = real_model().symbols();
    let mut undeclared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unused = Vec::new();
    for (file, text) in hand_written_sources() {
        let listed = declared.get(file.as_str()).cloned().unwrap_or_default();
        for (symbol, _) in &symbols {
            let mentioned = mentions(&text, symbol);
            if mentioned && !listed.contains(symbol.as_str()) {
                undeclared
                    .entry(file.clone())
                    .or_default()
                    .push(symbol.clone());
            }
        }
        for name in listed {
            if !mentions(&text, name) {
                unused.push(format!("{file}: `{name}` is listed but not mentioned"));
            }
        }
    }
    for file in declared.keys() {
        if !Path::new(&repo_root()).join(file).exists() {
            unused.push(format!("{file} is listed but does not exist"));
        }
    }
    let mut report = String::new();
    for (file, names) in &undeclared {
        report.push_str(&format!(
            "    Reliance {{\n        file: {file:?},\n        names: &[\n"
        ));
        for name in names {
            report.push_str(&format!("            {name:?},\n"));
        }
        report.push_str("        ],\n    },\n");
    }
    assert!(
        undeclared.is_empty(),
        "hand-written code mentions spec-derived names that codegen/src/seam.rs does not \
         declare; add them to RELIED_ON:\n{report}"
    );
    assert!(unused.is_empty(), "{}", unused.join("\n"));
}
