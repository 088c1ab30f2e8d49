//! HTTP statuses: codes unique and real, and one constant each.

use super::{Checker, Entry, Unique, source};
use crate::model::{Status, Statuses};
use crate::names::{self, Case};
use crate::spec::{HttpStatus, Spec, files};

const FILE: &str = files::HTTP_STATUSES;

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Statuses {
    let mut codes = Unique::new("status code");
    let mut constants = Unique::reserving(
        "constant",
        &[
            ("ALL", "the list of every status"),
            ("SEED_TABLE", "the list of the seed table's statuses"),
        ],
    );
    let mut resolve = |list: &str, statuses: &[HttpStatus]| {
        resolve_list(checker, &mut codes, &mut constants, list, statuses)
    };
    let rows = resolve("statuses", &spec.statuses.statuses);
    let elsewhere = resolve("elsewhere", &spec.statuses.elsewhere);
    Statuses {
        source: source(FILE, &spec.statuses.source),
        rows,
        elsewhere,
    }
}

fn resolve_list(
    checker: &mut Checker<'_>,
    codes: &mut Unique,
    constants: &mut Unique,
    list: &str,
    statuses: &[HttpStatus],
) -> Vec<Status> {
    let mut rows = Vec::new();
    let entries = Entry::list(FILE, list, "code", statuses, |s| s.code.to_string());
    for (status, entry) in statuses.iter().zip(&entries) {
        let code = status.code.to_string();
        codes.insert(checker, entry, &code, &code);
        if !(100..=599).contains(&status.code) {
            checker.report(entry, format!("{} is not an HTTP status code", status.code));
        }
        if status.text.trim().is_empty() {
            checker.report(entry, "`text` is empty");
            continue;
        }
        let Some(constant) = checker.ident(entry, None, &status.text, Case::ShoutySnake) else {
            continue;
        };
        constants.insert(checker, entry, &constant, &status.text);
        rows.push(Status {
            constant,
            anchor: names::anchor("status-", &status.code.to_string()),
            code: status.code,
            text: status.text.clone(),
            methods: status.methods.clone(),
            description: status.description.clone(),
            provenance: status.provenance,
        });
    }
    rows
}
