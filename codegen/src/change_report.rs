//! What a spec change did: the committed manifest (`generated/manifest.tsv`)
//! against the one the generator would write now, row by row, and which of
//! the changes touch the client's public API.

use std::collections::BTreeMap;
use std::fmt;

/// One row of the manifest: its table and key, what the public API sees of
/// it, and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub table: String,
    pub key: String,
    pub api: String,
    pub content: String,
}

/// Reads a manifest; comment lines and unreadable lines are skipped.
pub fn parse(text: &str) -> Vec<Row> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.splitn(4, '\t');
            Some(Row {
                table: parts.next()?.to_owned(),
                key: parts.next()?.to_owned(),
                api: parts.next()?.to_owned(),
                content: parts.next()?.to_owned(),
            })
        })
        .collect()
}

/// One difference between two manifests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(Row),
    Removed(Row),
    Changed { before: Row, after: Row },
}

impl Change {
    /// Whether downstream code can see the change in the client's API.
    pub fn changes_public_api(&self) -> bool {
        match self {
            Change::Added(_) | Change::Removed(_) => true,
            Change::Changed { before, after } => before.api != after.api,
        }
    }
}

/// What changed between the committed manifest and the new one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeReport(pub Vec<Change>);

/// Compares two manifests row by row.
pub fn compare(before: &[Row], after: &[Row]) -> ChangeReport {
    let index = |rows: &[Row]| -> BTreeMap<(String, String), Row> {
        rows.iter()
            .map(|row| ((row.table.clone(), row.key.clone()), row.clone()))
            .collect()
    };
    let (old, new) = (index(before), index(after));
    let mut changes = Vec::new();
    for row in after {
        match old.get(&(row.table.clone(), row.key.clone())) {
            None => changes.push(Change::Added(row.clone())),
            Some(previous) if previous != row => changes.push(Change::Changed {
                before: previous.clone(),
                after: row.clone(),
            }),
            Some(_) => {}
        }
    }
    for row in before {
        if !new.contains_key(&(row.table.clone(), row.key.clone())) {
            changes.push(Change::Removed(row.clone()));
        }
    }
    ChangeReport(changes)
}

impl fmt::Display for ChangeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return writeln!(f, "spec changes: none");
        }
        let breaking = self
            .0
            .iter()
            .filter(|change| change.changes_public_api())
            .count();
        writeln!(
            f,
            "spec changes: {} row(s), {breaking} changing the client's public API",
            self.0.len()
        )?;
        for change in &self.0 {
            let mark = if change.changes_public_api() {
                " [public API]"
            } else {
                ""
            };
            match change {
                Change::Added(row) => writeln!(f, "  {}: added {}{mark}", row.table, row.key)?,
                Change::Removed(row) => writeln!(f, "  {}: removed {}{mark}", row.table, row.key)?,
                Change::Changed { before, after } => {
                    writeln!(f, "  {}: changed {}{mark}", after.table, after.key)?;
                    if before.api != after.api {
                        writeln!(f, "      api:     {} -> {}", before.api, after.api)?;
                    }
                    write_content_change(f, &before.content, &after.content)?;
                }
            }
        }
        Ok(())
    }
}

/// Only the `key=value` fields that differ when both sides have the same
/// fields (a reworded message shows as just the message), else both whole.
fn write_content_change(f: &mut fmt::Formatter<'_>, before: &str, after: &str) -> fmt::Result {
    if before == after {
        return Ok(());
    }
    match (fields(before), fields(after)) {
        (Some(old), Some(new)) if old.iter().map(|f| f.0).eq(new.iter().map(|f| f.0)) => {
            for ((key, was), (_, now)) in old.iter().zip(&new) {
                if was != now {
                    writeln!(f, "      {key}: {was} -> {now}")?;
                }
            }
            Ok(())
        }
        _ => writeln!(f, "      content: {before} -> {after}"),
    }
}

/// `code=X; message=Y` as `[("code", "X"), ("message", "Y")]`, or `None`
/// for content of another shape.
fn fields(content: &str) -> Option<Vec<(&str, &str)>> {
    content
        .split("; ")
        .map(|part| {
            let (key, value) = part.split_once('=')?;
            let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            is_key.then_some((key, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Row, compare, parse};

    fn row(key: &str, api: &str, content: &str) -> Row {
        Row {
            table: "gateway-errors".into(),
            key: key.into(),
            api: api.into(),
            content: content.into(),
        }
    }

    #[test]
    fn reports_added_removed_and_changed_rows_and_their_api_impact() {
        let before = [row("A", "variant A", "one"), row("B", "variant B", "two")];
        let after = vec![row("A", "variant A", "ONE"), row("C", "variant C", "three")];
        let text: String = before
            .iter()
            .map(|row| format!("{}\t{}\t{}\t{}\n", row.table, row.key, row.api, row.content))
            .collect();
        let report = compare(&parse(&format!("# header\n{text}")), &after).to_string();
        assert!(
            report.contains("3 row(s), 2 changing the client's public API"),
            "{report}"
        );
        assert!(
            report.contains("gateway-errors: changed A\n      content: one -> ONE"),
            "{report}"
        );
        assert!(
            report.contains("gateway-errors: added C [public API]"),
            "{report}"
        );
        assert!(
            report.contains("gateway-errors: removed B [public API]"),
            "{report}"
        );
    }

    #[test]
    fn a_changed_field_is_shown_alone() {
        let before = vec![row(
            "D",
            "variant D",
            "code=D; message=Old.; provenance=doc",
        )];
        let after = vec![row(
            "D",
            "variant D",
            "code=D; message=New.; provenance=doc",
        )];
        let report = compare(&before, &after).to_string();
        assert_eq!(
            report,
            "spec changes: 1 row(s), 0 changing the client's public API\n  \
             gateway-errors: changed D\n      message: Old. -> New.\n"
        );
    }
}
