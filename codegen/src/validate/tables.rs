//! Checks of the small tables: guidance outcomes and HTTP statuses, and the
//! advice rows of other tables refer to.

use super::{Checker, Entry, Unique};
use crate::ident::Case;
use crate::spec::{Advice, Spec, files};

pub(super) fn check_guidance(spec: &Spec, checker: &mut Checker<'_>) {
    let outcomes = &spec.guidance.outcomes;
    if outcomes.is_empty() {
        checker.report_file(files::GUIDANCE, "`outcomes` is empty");
    }
    let mut keys = Unique::new("outcome key");
    let mut names = Unique::new("outcome name");
    let entries = Entry::list(files::GUIDANCE, "outcomes", "key", outcomes, |o| {
        o.key.clone()
    });
    for (outcome, entry) in outcomes.iter().zip(&entries) {
        keys.insert(checker, entry, &outcome.key, &outcome.key);
        if let Some(name) = checker.ident(entry, Some(&outcome.name), "", Case::UpperCamel) {
            names.insert(checker, entry, &name, &name);
        }
    }
}

/// Reports advice that names an outcome `guidance.yaml` does not define.
pub(super) fn check_advice(
    spec: &Spec,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
    advice: &Advice,
) {
    if !spec
        .guidance
        .outcomes
        .iter()
        .any(|o| o.key == advice.outcome)
    {
        checker.report(
            entry,
            format!(
                "advice names the outcome `{}`, which guidance.yaml does not define",
                advice.outcome
            ),
        );
    }
}

pub(super) fn check_statuses(spec: &Spec, checker: &mut Checker<'_>) {
    let statuses = &spec.statuses.statuses;
    let mut codes = Unique::new("status code");
    let entries = Entry::list(files::HTTP_STATUSES, "statuses", "code", statuses, |s| {
        s.code.to_string()
    });
    for (status, entry) in statuses.iter().zip(&entries) {
        codes.insert(
            checker,
            entry,
            &status.code.to_string(),
            &status.code.to_string(),
        );
        if !(100..=599).contains(&status.code) {
            checker.report(entry, format!("{} is not an HTTP status code", status.code));
        }
        if status.text.trim().is_empty() {
            checker.report(entry, "`text` is empty");
        }
    }
}
