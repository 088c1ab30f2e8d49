//! Gateway errors and warnings: each row needs a wire code or a Rust name,
//! and a row without a code must be recognisable by its message alone.

use std::collections::BTreeMap;

use super::{Checker, Entry, Occurrences, Unique, tables};
use crate::ident::Case;
use crate::spec::{GatewayCode, Provenance, Spec, files};

/// The variant the generated enums keep for codes the spec does not know.
pub const RESERVED_VARIANT: &str = "Unknown";

pub(super) fn check(spec: &Spec, checker: &mut Checker<'_>) {
    check_list(
        spec,
        checker,
        files::GATEWAY_ERRORS,
        "errors",
        &spec.errors.errors,
    );
    check_list(
        spec,
        checker,
        files::GATEWAY_WARNINGS,
        "warnings",
        &spec.warnings.warnings,
    );
}

fn check_list(
    spec: &Spec,
    checker: &mut Checker<'_>,
    file: &'static str,
    list: &str,
    rows: &[GatewayCode],
) {
    let mut codes = Unique::new("code");
    let mut variants = Unique::new("Rust name");
    let mut by_message: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        *by_message.entry(row.message.as_str()).or_default() += 1;
    }
    let mut occurrences = Occurrences::default();
    for (index, row) in rows.iter().enumerate() {
        let entry = row_entry(&mut occurrences, file, list, index, row);
        tables::check_advice(spec, checker, &entry, &row.advice);
        if row.message.trim().is_empty() {
            checker.report(&entry, "`message` is empty");
        }
        match &row.code {
            Some(code) => {
                if code.is_empty() || code.contains(char::is_whitespace) {
                    checker.report(&entry, format!("code `{code}` is empty or has spaces"));
                }
                codes.insert(checker, &entry, code, code);
                if row.provenance == Provenance::Unknown {
                    checker.report(
                        &entry,
                        "a row whose code is unknown must not carry a code; give `name` instead",
                    );
                }
            }
            None if row.name.is_none() => {
                checker.report(&entry, "a row needs `code` (the wire code) or `name` (a Rust name)");
            }
            None if by_message[row.message.as_str()] > 1 => checker.report(
                &entry,
                "a row without a code must have a message no other row has, or it can never be recognised",
            ),
            None if row.provenance != Provenance::Unknown => checker.report(
                &entry,
                "a row without a code has provenance `unknown` (its code is not published)",
            ),
            None => {}
        }
        let text = row.code.as_deref().unwrap_or_default();
        if row.code.is_some() || row.name.is_some() {
            if let Some(variant) =
                checker.ident(&entry, row.name.as_deref(), text, Case::UpperCamel)
            {
                if variant == RESERVED_VARIANT {
                    checker.report(&entry, "`Unknown` is kept for codes the spec does not list");
                }
                let written = row
                    .code
                    .as_deref()
                    .or(row.name.as_deref())
                    .unwrap_or_default();
                variants.insert(checker, &entry, &variant, written);
            }
        }
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
