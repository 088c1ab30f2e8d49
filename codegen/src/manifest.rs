//! A manifest of every spec row, written beside the generated code, so that
//! `cargo xtask codegen` can report what a spec change did: rows added,
//! removed or changed, by table, and which of those change the client's
//! public API.

use std::collections::BTreeMap;
use std::fmt;

use crate::emit::rust::variant_ident;
use crate::ident::{self, Case};
use crate::spec::{GatewayCode, Spec};

/// Where the manifest is written, relative to the repository root.
pub const PATH: &str = "generated/manifest.tsv";

/// One row: its table and key, what the public API sees of it, and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub table: String,
    pub key: String,
    pub api: String,
    pub content: String,
}

/// The manifest's rows, in table order.
pub fn rows(spec: &Spec) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut push = |table: &str, key: &str, api: String, content: String| {
        rows.push(Row {
            table: table.to_owned(),
            key: key.to_owned(),
            api,
            content,
        });
    };
    for (table, codes) in [
        ("gateway-errors", &spec.errors.errors),
        ("gateway-warnings", &spec.warnings.warnings),
    ] {
        for row in codes {
            let variant = variant_ident(row);
            push(
                table,
                &variant,
                format!("variant {variant}"),
                code_content(row),
            );
        }
    }
    for row in &spec.acquirer.codes {
        let content = format!(
            "reason={}; status={}; provenance={}",
            row.reason,
            row.status,
            row.provenance.label()
        );
        push(
            "acquirer-codes",
            &row.code,
            format!("const {}", row.code.to_uppercase()),
            content,
        );
    }
    for card in &spec.cards.cards {
        let content = format!(
            "scheme={}; funding={}; cvc={}",
            card.scheme,
            card.funding.label(),
            card.cvc
        );
        push(
            "test-cards",
            &card.number,
            format!("const {}", crate::emit::rust::card_const(card)),
            content,
        );
    }
    for holder in &spec.cards.holders {
        let api = format!("const {}", ident::to(&holder.name, Case::ShoutySnake));
        push(
            "card-holders",
            &holder.name,
            api,
            format!("scenario={}", holder.scenario),
        );
    }
    for status in &spec.statuses.statuses {
        push(
            "http-statuses",
            &status.code.to_string(),
            format!("const {}", ident::to(&status.text, Case::ShoutySnake)),
            status.description.clone(),
        );
    }
    for environment in &spec.environments.environments {
        let content = format!(
            "gateway={}; remote_auth={}",
            environment.gateway, environment.remote_auth
        );
        push(
            "environments",
            &environment.key,
            format!("variant {}", environment.name),
            content,
        );
    }
    for endpoint in &spec.endpoints.gateway.endpoints {
        let params: Vec<&str> = endpoint
            .path_params
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let query: Vec<&str> = endpoint
            .query_params
            .iter()
            .map(|q| q.name.as_str())
            .collect();
        let api = format!(
            "fn {}({}) query({}) body({}) -> {}",
            endpoint.name,
            params.join(", "),
            query.join(", "),
            endpoint.request.as_deref().unwrap_or("none"),
            endpoint.response
        );
        let content = format!(
            "{} {}; success={}; statuses={:?}",
            endpoint.method, endpoint.path, endpoint.success, endpoint.statuses
        );
        push("endpoints", &endpoint.name, api, content);
    }
    for model in &spec.models.models {
        let fields: Vec<String> = model
            .fields
            .iter()
            .map(|f| format!("{}:{}{}", f.name, f.ty, if f.required { "!" } else { "" }))
            .collect();
        let api = format!(
            "struct {} {{{}}}{}",
            model.name,
            fields.join(", "),
            if model.keep_unknown_fields {
                " +other"
            } else {
                ""
            }
        );
        let docs: Vec<&str> = model
            .fields
            .iter()
            .map(|f| f.description.as_str())
            .collect();
        push(
            "models",
            &model.name,
            api,
            format!("{} {}", model.description, docs.join(" ")),
        );
    }
    for def in &spec.models.enums {
        let values: Vec<&str> = def.values.iter().map(|v| v.value.as_str()).collect();
        let docs: Vec<&str> = def.values.iter().map(|v| v.description.as_str()).collect();
        push(
            "enums",
            &def.name,
            format!("enum {} {{{}}}", def.name, values.join(", ")),
            docs.join(" "),
        );
    }
    for field in &spec.endpoints.remote_auth.fields {
        let api = format!(
            "field {}:{}{}",
            field.name,
            field.ty,
            if field.required { "!" } else { "" }
        );
        push("remote-auth-fields", &field.name, api, field.format.clone());
    }
    rows
}

fn code_content(row: &GatewayCode) -> String {
    format!(
        "code={}; message={}; provenance={}; advice={}/{}",
        row.code.as_deref().unwrap_or("(not published)"),
        row.message,
        row.provenance.label(),
        row.advice.outcome,
        if row.advice.retry {
            "retry"
        } else {
            "no retry"
        }
    )
}

/// The manifest file's text.
pub fn render(rows: &[Row]) -> String {
    let mut text = format!(
        "# @generated by `{}` from spec/. Do not edit. One row per spec row: table, key, public API, content.\n",
        crate::REGENERATE
    );
    for row in rows {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            clean(&row.table),
            clean(&row.key),
            clean(&row.api),
            clean(&row.content)
        ));
    }
    text
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// Reads a manifest written by [`render`]; unreadable lines are skipped.
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
    use super::{Row, compare, parse, render};

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
        let before = vec![row("A", "variant A", "one"), row("B", "variant B", "two")];
        let after = vec![row("A", "variant A", "ONE"), row("C", "variant C", "three")];
        let report = compare(&parse(&render(&before)), &after).to_string();
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
