//! Helpers shared by the generator's tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cashflows_codegen::{GeneratedFile, HandWritten, Model, SourceFile, SpecSources, Tools};

use super::minimal;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ has a parent")
        .to_path_buf()
}

/// `codegen/tests/<path>`.
pub fn test_dir(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path)
}

/// `codegen/tests/fixtures/<name>`.
pub fn fixture_dir(name: &str) -> PathBuf {
    test_dir("fixtures").join(name)
}

/// The hand-written code of the repository, read once.
pub fn hand_written() -> &'static HandWritten {
    static CODE: OnceLock<HandWritten> = OnceLock::new();
    CODE.get_or_init(|| HandWritten::read(&repo_root()).expect("the hand-written code reads"))
}

/// The minimal spec (see [`minimal`]), with the rows of `overlay` (a fixture
/// folder) merged in: each list of an overlay file comes first, followed by
/// the minimal spec's rows it does not redefine.
pub fn fixture_sources(overlay: Option<&Path>) -> SpecSources {
    let mut sources = minimal::sources();
    if let Some(overlay) = overlay {
        for (name, text) in yaml_files(overlay) {
            let Some(base) = sources.files.iter_mut().find(|file| file.name == name) else {
                sources.files.push(SourceFile { name, text });
                continue;
            };
            let mut merged: serde_yaml::Value =
                serde_yaml::from_str(&text).expect("overlay parses");
            let minimal: serde_yaml::Value =
                serde_yaml::from_str(&base.text).expect("fixture parses");
            merge(&mut merged, minimal);
            base.text = serde_yaml::to_string(&merged).expect("merged spec serialises");
        }
    }
    sources
}

/// Adds what `base` has that `overlay` lacks: map keys, and list rows whose
/// identity (their name, code, value, number, key, letter or digit) the
/// overlay's list does not have.
fn merge(overlay: &mut serde_yaml::Value, base: serde_yaml::Value) {
    use serde_yaml::Value;
    match (overlay, base) {
        (Value::Mapping(overlay), Value::Mapping(base)) => {
            for (key, value) in base {
                match overlay.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        overlay.insert(key, value);
                    }
                }
            }
        }
        (Value::Sequence(overlay), Value::Sequence(base)) => {
            let identities: Vec<Option<String>> = overlay.iter().map(identity).collect();
            for row in base {
                let id = identity(&row);
                if id.is_none() || !identities.contains(&id) {
                    overlay.push(row);
                }
            }
        }
        _ => {}
    }
}

fn identity(row: &serde_yaml::Value) -> Option<String> {
    ["name", "code", "value", "number", "key", "letter", "digit"]
        .iter()
        .find_map(|key| row.get(key))
        .map(|value| serde_yaml::to_string(value).unwrap_or_default())
}

/// Everything the generator writes for `sources`, formatted.
pub fn generate(sources: &SpecSources) -> Vec<GeneratedFile> {
    cashflows_codegen::generate_from(sources, hand_written(), &Tools::from_env())
        .unwrap_or_else(|error| panic!("the spec should generate:\n{error}"))
}

/// The real spec's model.
pub fn real_model() -> Model {
    let sources = SpecSources::read_dir(&repo_root().join("spec")).expect("spec/ reads");
    cashflows_codegen::resolve(&sources, hand_written())
        .unwrap_or_else(|problems| panic!("{problems}"))
}

/// The `.yaml` files of a folder, by name.
pub fn yaml_files(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("folder reads") {
        let path = entry.expect("entry reads").path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            let name = path
                .file_name()
                .expect("has a name")
                .to_string_lossy()
                .into_owned();
            files.insert(name, std::fs::read_to_string(&path).expect("file reads"));
        }
    }
    files
}
