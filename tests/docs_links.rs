//! The generated book hangs together without building it: every `SUMMARY.md`
//! entry names a page, and every internal link and anchor resolves.

mod support;

use std::collections::{BTreeMap, BTreeSet};

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

/// Explicit `<a id="…">` anchors and heading ids of a page.
fn anchors(page: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in page.split("<a id=\"").skip(1) {
        if let Some((id, _)) = piece.split_once('"') {
            found.insert(id.to_owned());
        }
    }
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix('#') {
            found.insert(heading_id(heading.trim_start_matches('#')));
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

#[test]
fn every_summary_entry_link_and_anchor_resolves() {
    let src = support::repo_root().join("generated/docs/src");
    let pages: BTreeMap<String, String> = std::fs::read_dir(&src)
        .expect("the book's src reads")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&path).expect("page reads"))
        })
        .collect();
    let summary = &pages["SUMMARY.md"];
    let listed = links(summary);
    assert!(listed.len() >= 10, "SUMMARY.md lists the pages");
    let mut problems = Vec::new();
    for page in pages.keys().filter(|name| *name != "SUMMARY.md") {
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
                Some((file, anchor)) => (
                    if file.is_empty() { name.as_str() } else { file },
                    Some(anchor),
                ),
                None => (target.as_str(), None),
            };
            match pages.get(file) {
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
fn every_code_has_a_stable_anchor() {
    let src = support::repo_root().join("generated/docs/src");
    let read = |name: &str| std::fs::read_to_string(src.join(name)).expect("page reads");
    let errors = anchors(&read("gateway-errors.md"));
    assert!(errors.contains("error-invalid-payment-status"));
    assert!(errors.contains("error-payment-job-already-final"));
    let acquirer = anchors(&read("acquirer-codes.md"));
    for reason in cashflows::AcquirerReason::ALL {
        assert!(
            acquirer.contains(&reason.pattern().to_lowercase()),
            "{}",
            reason.pattern()
        );
    }
}
