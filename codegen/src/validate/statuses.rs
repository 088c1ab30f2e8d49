//! HTTP statuses: codes unique and real, and one constant each.

use super::{Checker, Entry, Unique, source};
use crate::model::{Status, Statuses};
use crate::names::{self, Case};
use crate::spec::{Spec, files};

const FILE: &str = files::HTTP_STATUSES;

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Statuses {
    let statuses = &spec.statuses.statuses;
    let mut codes = Unique::new("status code");
    let mut constants = Unique::reserving("constant", &[("ALL", "the list of every status")]);
    let mut rows = Vec::new();
    let entries = Entry::list(FILE, "statuses", "code", statuses, |s| s.code.to_string());
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
    Statuses {
        source: source(FILE, &spec.statuses.source),
        rows,
    }
}
