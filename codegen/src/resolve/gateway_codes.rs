//! Gateway errors and warnings: each row needs a wire code or a Rust name,
//! and a row without a code must be recognisable by its message alone.

use std::collections::BTreeMap;

use super::guidance::Outcomes;
use super::{Checker, Entry, Occurrences, Unique, source};
use crate::links::{self, Item, Links, TypeKind};
use crate::model::{CodeRow, CodeTable};
use crate::names::{self, Case};
use crate::spec::{GatewayCode, Provenance, Spec, files};

/// The variant the generated enums keep for codes the spec does not know.
pub const RESERVED_VARIANT: &str = "Unknown";

pub(super) fn resolve_errors(
    spec: &Spec,
    outcomes: &Outcomes,
    checker: &mut Checker<'_>,
) -> CodeTable {
    let file = files::GATEWAY_ERRORS;
    CodeTable {
        source: source(file, &spec.errors.source),
        rows: resolve_rows(outcomes, checker, file, "errors", &spec.errors.errors),
        links: type_links("GatewayErrorCode", links::pages::GATEWAY_ERRORS),
    }
}

pub(super) fn resolve_warnings(
    spec: &Spec,
    outcomes: &Outcomes,
    checker: &mut Checker<'_>,
) -> CodeTable {
    let file = files::GATEWAY_WARNINGS;
    CodeTable {
        source: source(file, &spec.warnings.source),
        rows: resolve_rows(outcomes, checker, file, "warnings", &spec.warnings.warnings),
        links: type_links("GatewayWarningCode", links::pages::GATEWAY_WARNINGS),
    }
}

/// The links of a table's enum: its rustdoc page and the top of its page.
fn type_links(name: &str, page: &str) -> Links {
    let item = Item::Type {
        module: "",
        kind: TypeKind::Enum,
        name,
    };
    links::links(item, page, "")
}

/// The rows of `list`; each row's docs anchor is its variant after
/// `error-` or `warning-`.
fn resolve_rows(
    outcomes: &Outcomes,
    checker: &mut Checker<'_>,
    file: &'static str,
    list: &str,
    rows: &[GatewayCode],
) -> Vec<CodeRow> {
    let (anchor_prefix, page, ty) = if list == "errors" {
        ("error-", links::pages::GATEWAY_ERRORS, "GatewayErrorCode")
    } else {
        (
            "warning-",
            links::pages::GATEWAY_WARNINGS,
            "GatewayWarningCode",
        )
    };
    let mut codes = Unique::new("code");
    let mut variants = Unique::reserving(
        "Rust name",
        &[(RESERVED_VARIANT, "kept for codes the spec does not list")],
    );
    let mut by_message: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        *by_message.entry(row.message.as_str()).or_default() += 1;
    }
    let mut occurrences = Occurrences::default();
    let mut resolved = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let entry = row_entry(&mut occurrences, file, list, index, row);
        let advice = outcomes.advice(checker, &entry, &row.advice);
        let shares_message = by_message[row.message.as_str()] > 1;
        check_row(checker, &entry, row, shares_message, &mut codes);
        if row.code.is_none() && row.name.is_none() {
            continue;
        }
        let text = row.code.as_deref().unwrap_or_default();
        let Some(variant) = checker.ident(&entry, row.name.as_deref(), text, Case::UpperCamel)
        else {
            continue;
        };
        let written = row.code.as_deref().or(row.name.as_deref()).unwrap_or(text);
        variants.insert(checker, &entry, &variant, written);
        let anchor = names::anchor(anchor_prefix, &variant);
        let item = Item::Variant {
            module: "",
            ty,
            variant: &variant,
        };
        resolved.push(CodeRow {
            links: links::links(item, page, &anchor),
            anchor,
            variant,
            code: row.code.clone(),
            message: row.message.clone(),
            provenance: row.provenance,
            note: row.note.clone(),
            advice,
            shares_message,
        });
    }
    resolved
}

fn check_row(
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
    row: &GatewayCode,
    shares_message: bool,
    codes: &mut Unique,
) {
    if row.message.trim().is_empty() {
        checker.report(entry, "`message` is empty");
    }
    match &row.code {
        Some(code) => {
            if code.is_empty() || code.contains(char::is_whitespace) {
                checker.report(entry, format!("code `{code}` is empty or has spaces"));
            }
            codes.insert(checker, entry, code, code);
            if row.provenance == Provenance::Unknown {
                checker.report(
                    entry,
                    "a row whose code is unknown must not carry a code; give `name` instead",
                );
            }
        }
        None if row.name.is_none() => {
            checker.report(
                entry,
                "a row needs `code` (the wire code) or `name` (a Rust name)",
            );
        }
        None if shares_message => checker.report(
            entry,
            "a row without a code must have a message no other row has, or it can never be recognised",
        ),
        None if row.provenance != Provenance::Unknown => checker.report(
            entry,
            "a row without a code has provenance `unknown` (its code is not published)",
        ),
        None => {}
    }
}

/// Rows are found by their code or name where they have one; by message otherwise.
fn row_entry<'a>(
    occurrences: &mut Occurrences,
    file: &'a str,
    list: &str,
    index: usize,
    row: &GatewayCode,
) -> Entry<'a> {
    match (&row.code, &row.name) {
        (Some(code), _) => occurrences.entry(file, list, index, "code", code),
        (None, Some(name)) => occurrences.entry(file, list, index, "name", name),
        (None, None) => occurrences.entry(file, list, index, "message", &row.message),
    }
}
