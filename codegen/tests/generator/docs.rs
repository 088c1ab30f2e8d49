//! The book of the real spec hangs together without building it: every
//! `SUMMARY.md` entry names a page, every internal link and anchor resolves,
//! and every row of every table appears exactly once, under its anchor.

use std::collections::{BTreeMap, BTreeSet};

use super::support;

/// The ids mdBook gives headings: lower case, spaces to `-`, punctuation dropped.
fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Explicit `<a id="…">` anchors and heading ids of a page: a heading's
/// `{#id}` where it gives one, else the id mdBook derives from its text.
fn anchors(page: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in page.split("<a id=\"").skip(1) {
        if let Some((id, _)) = piece.split_once('"') {
            found.insert(id.to_owned());
        }
    }
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix('#') {
            let heading = heading.trim_start_matches('#');
            match heading
                .trim_end()
                .strip_suffix('}')
                .and_then(|h| h.rsplit_once("{#"))
            {
                Some((_, id)) => found.insert(id.to_owned()),
                None => found.insert(heading_id(heading)),
            };
        }
    }
    found
}

/// Every `](target)` of a page.
fn links(page: &str) -> Vec<String> {
    page.split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target.to_owned()))
        .collect()
}

/// `target`, a link on the page `from` (both relative to `src/`), as a page
/// of the book: `../test-cards.md` from `guide/x.md` is `test-cards.md`.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." => {}
            piece => parts.push(piece),
        }
    }
    parts.join("/")
}

/// The pages of the real spec's book, by file name, as laid out in memory.
fn pages() -> BTreeMap<String, String> {
    let model = support::real_model();
    let files = cashflows_codegen::emit::layout(&model).expect("the book lays out");
    files
        .into_iter()
        .filter_map(|file| {
            let name = file.path.strip_prefix("generated/docs/src").ok()?;
            Some((name.to_string_lossy().into_owned(), file.contents))
        })
        .collect()
}

#[test]
fn every_summary_entry_link_and_anchor_resolves() {
    let pages = pages();
    let summary = &pages["SUMMARY.md"];
    let listed = links(summary);
    assert!(listed.len() >= 10, "SUMMARY.md lists the pages");
    let mut problems = Vec::new();
    // Files that are not Markdown (the OpenAPI documents) are served, not listed.
    let listable = |name: &&String| *name != "SUMMARY.md" && name.ends_with(".md");
    for page in pages.keys().filter(listable) {
        if !listed.contains(page) {
            problems.push(format!("{page} is not in SUMMARY.md"));
        }
    }
    for (name, page) in &pages {
        for target in links(page) {
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            let (file, anchor) = match target.split_once('#') {
                Some(("", anchor)) => (name.clone(), Some(anchor)),
                Some((file, anchor)) => (resolve(name, file), Some(anchor)),
                None => (resolve(name, &target), None),
            };
            match pages.get(&file) {
                None => problems.push(format!("{name}: link to missing page `{target}`")),
                Some(linked) => {
                    if let Some(anchor) = anchor {
                        if !anchors(linked).contains(anchor) {
                            problems.push(format!("{name}: link to missing anchor `{target}`"));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_row_appears_once_under_its_anchor() {
    let model = support::real_model();
    let pages = pages();
    let count = |page: &str, needle: &str| pages[page].matches(needle).count();
    let mut problems = Vec::new();
    let mut expect = |page: &str, needle: String, times: usize| {
        let found = count(page, &needle);
        if found != times {
            problems.push(format!("{page}: `{needle}` {found} times, not {times}"));
        }
    };
    for (page, table) in [
        ("gateway-errors.md", &model.errors),
        ("gateway-warnings.md", &model.warnings),
    ] {
        let shared = |message: &str| table.rows.iter().filter(|r| r.message == message).count();
        for row in &table.rows {
            expect(
                page,
                format!("### {} {{#{}}}\n", row.variant, row.anchor),
                1,
            );
            expect(page, format!("> {}\n", row.message), shared(&row.message));
        }
    }
    for row in &model.acquirer.codes {
        expect(
            "acquirer-codes.md",
            format!("### {} {{#{}}}\n", row.pattern, row.anchor),
            1,
        );
    }
    for card in &model.cards.cards {
        expect(
            "test-cards.md",
            format!("<a id=\"{}\"></a>`{}`:", card.anchor, card.number),
            1,
        );
    }
    for holder in &model.cards.holders {
        expect("test-cards.md", format!("{{#{}}}\n", holder.anchor), 1);
    }
    for status in &model.statuses.rows {
        expect(
            "http-statuses.md",
            format!("<a id=\"{}\">", status.anchor),
            1,
        );
    }
    for environment in &model.environments.list {
        for url in [&environment.gateway_url, &environment.remote_auth_url] {
            expect("environments.md", format!("`{url}`"), 1);
        }
    }
    for endpoint in &model.endpoints.list {
        expect(
            "endpoints.md",
            format!("## {} {{#{}}}\n", endpoint.name, endpoint.anchor),
            1,
        );
    }
    // "Testing with the sandbox": every row of every table, each once.
    for table in &model.triggers.tables {
        for row in &table.rows {
            expect(
                "testing-with-the-sandbox.md",
                format!("- [{}]({}), *", row.label, row.link),
                1,
            );
        }
    }
    let provoked = |module: &str| {
        model
            .triggers
            .tables
            .iter()
            .find(|table| table.module == module)
            .map_or(0, |table| table.rows.len())
    };
    assert_eq!(provoked("gateway_errors"), model.errors.rows.len());
    assert_eq!(provoked("gateway_warnings"), model.warnings.rows.len());
    assert_eq!(provoked("acquirer_codes"), model.acquirer.codes.len());
    let call_statuses: usize = model
        .endpoints
        .list
        .iter()
        .map(|endpoint| 1 + endpoint.statuses.len())
        .sum();
    assert_eq!(provoked("http_statuses"), call_statuses);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        model.errors.rows.len(),
        spec_rows("gateway-errors.yaml", "errors")
    );
    assert_eq!(
        model.warnings.rows.len(),
        spec_rows("gateway-warnings.yaml", "warnings")
    );
    assert_eq!(
        model.acquirer.codes.len(),
        spec_rows("acquirer-codes.yaml", "codes")
    );
    assert_eq!(
        model.cards.cards.len(),
        spec_rows("test-cards.yaml", "cards")
    );
}

/// How many entries the list `key` of `spec/{file}` holds, read as plain
/// YAML: the model keeps every row of the spec.
fn spec_rows(file: &str, key: &str) -> usize {
    let path = support::repo_root().join("spec").join(file);
    let text = std::fs::read_to_string(&path).expect("the spec file reads");
    let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("the spec file is YAML");
    let rows = value[key].as_sequence().map(Vec::len);
    rows.unwrap_or_else(|| panic!("{file} has no list `{key}`"))
}

#[test]
fn every_code_has_a_stable_anchor() {
    let pages = pages();
    let errors = anchors(&pages["gateway-errors.md"]);
    assert!(errors.contains("error-invalid-payment-status"));
    assert!(errors.contains("error-payment-job-already-final"));
    let acquirer = anchors(&pages["acquirer-codes.md"]);
    for code in &support::real_model().acquirer.codes {
        assert!(
            acquirer.contains(&code.pattern.to_lowercase()),
            "{}",
            code.pattern
        );
    }
}

/// Every address of the published book a generated Rust file links to names
/// a page of the book and an anchor on it.
#[test]
fn rustdoc_links_back_to_book_entries_that_exist() {
    let model = support::real_model();
    let files = cashflows_codegen::emit::layout(&model).expect("the files lay out");
    let pages = pages();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files
        .iter()
        .filter(|file| file.path.extension().is_some_and(|e| e == "rs"))
    {
        for piece in file
            .contents
            .split(cashflows_codegen::links::BOOK_URL)
            .skip(1)
        {
            let target: String = piece
                .chars()
                .take_while(|c| !matches!(c, ')' | ' ' | '>'))
                .collect();
            let (page, anchor) = target.split_once('#').unwrap_or((target.as_str(), ""));
            let page = page.replace(".html", ".md");
            checked += 1;
            match pages.get(&page) {
                None => problems.push(format!("{}: no page for {target}", file.path.display())),
                Some(text) if !anchor.is_empty() && !anchors(text).contains(anchor) => {
                    problems.push(format!("{}: no anchor for {target}", file.path.display()));
                }
                Some(_) => {}
            }
        }
    }
    let rows = model.errors.rows.len() + model.acquirer.codes.len() + model.cards.cards.len();
    assert!(checked >= rows, "only {checked} links back to the book");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where `cargo doc` writes: `doc` in the target directory, which
/// `CARGO_TARGET_DIR` moves (relative to the repository root when relative).
fn rustdoc_dir() -> std::path::PathBuf {
    let root = support::repo_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(|dir| root.join(dir))
        .unwrap_or_else(|| root.join("target"));
    target.join("doc")
}

/// Every rustdoc address the book links to is a page (and fragment) the
/// client's or the sandbox's rustdoc has. Reads the docs CI builds first
/// (`cargo doc -p cashflows -p cashflows-sandbox`, in the target directory).
#[test]
fn the_books_rustdoc_links_name_documented_items() {
    let doc = rustdoc_dir();
    if !doc.join("cashflows/index.html").is_file() {
        let why = "the rustdoc is not built \
                   (cargo doc -p cashflows -p cashflows-sandbox --features cashflows/blocking)";
        assert!(std::env::var_os("CI").is_none(), "{why}");
        // Written past the test harness's capture, so that a skip shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr().lock(),
            "the_books_rustdoc_links_name_documented_items: skipped: {why}"
        );
        return;
    }
    let roots = [
        (cashflows_codegen::links::rustdoc_root(), "cashflows"),
        (
            cashflows_codegen::links::sandbox_rustdoc_root(),
            "cashflows_sandbox",
        ),
    ];
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, page) in pages() {
        for target in links(&page) {
            let Some((path, folder)) = roots
                .iter()
                .find_map(|(root, folder)| Some((target.strip_prefix(root.as_str())?, folder)))
            else {
                continue;
            };
            checked += 1;
            let (file, fragment) = path.split_once('#').unwrap_or((path, ""));
            let Ok(html) = std::fs::read_to_string(doc.join(folder).join(file)) else {
                problems.push(format!("{name}: no rustdoc page for {target}"));
                continue;
            };
            if !fragment.is_empty() && !html.contains(&format!("id=\"{fragment}\"")) {
                problems.push(format!("{name}: no `{fragment}` on {file}"));
            }
        }
    }
    assert!(checked >= 150, "only {checked} rustdoc links in the book");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The book's address is stated by `links::BOOK_URL`; the workspace's
/// `homepage` and the client crate's docs give the same one.
#[test]
fn the_books_address_is_the_same_everywhere() {
    let root = support::repo_root();
    let read = |path: &str| std::fs::read_to_string(root.join(path)).expect(path);
    let book = cashflows_codegen::links::BOOK_URL;
    assert!(
        read("Cargo.toml").contains(&format!("homepage = \"{book}\"")),
        "Cargo.toml's homepage is not {book}"
    );
    assert!(
        read("crates/cashflows/src/lib.rs").contains(&format!("({book})")),
        "the client's crate docs do not link to {book}"
    );
}
