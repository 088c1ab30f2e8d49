//! Helpers shared by the workspace tests.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cashflows_codegen::{SourceFile, SpecSources};

pub mod sandbox;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `tests/fixtures/<name>`.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The minimal valid spec, with the files of `overlay` (a fixture folder)
/// put in place of its own.
pub fn fixture_sources(overlay: Option<&Path>) -> SpecSources {
    let mut sources =
        SpecSources::read_dir(&fixture_dir("minimal")).expect("the minimal fixture reads");
    if let Some(overlay) = overlay {
        for (name, text) in yaml_files(overlay) {
            sources.files.retain(|file| file.name != name);
            sources.files.push(SourceFile { name, text });
        }
    }
    sources
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

/// Every file under `dir`, relative to it, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
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
pub fn write_tree(root: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    for (path, bytes) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("folder is created");
        std::fs::write(path, bytes).expect("file is written");
    }
}
