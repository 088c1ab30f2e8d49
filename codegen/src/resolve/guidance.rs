//! `guidance.yaml`: the outcome classes of the project's advice, and the
//! advice of every other table's rows, which names one of them.

use std::collections::BTreeMap;

use super::{Checker, Entry, Unique, source};
use crate::model::{Advice, Guidance, OutcomeClass};
use crate::names::{self, Case};
use crate::spec::{self, Spec, files};

const FILE: &str = files::GUIDANCE;

/// The outcome classes, and how to resolve advice that names them.
pub(super) struct Outcomes {
    pub model: Guidance,
    /// Outcome key → `Outcome` variant.
    variants: BTreeMap<String, String>,
}

impl Outcomes {
    /// A row's advice, resolved; an outcome `guidance.yaml` does not define
    /// is reported against the row.
    pub fn advice(
        &self,
        checker: &mut Checker<'_>,
        entry: &Entry<'_>,
        advice: &spec::Advice,
    ) -> Advice {
        let outcome = match self.variants.get(&advice.outcome) {
            Some(variant) => variant.clone(),
            None => {
                checker.report(
                    entry,
                    format!(
                        "advice names the outcome `{}`, which guidance.yaml does not define",
                        advice.outcome
                    ),
                );
                advice.outcome.clone()
            }
        };
        let retry = if advice.retry {
            "a retry may help"
        } else {
            "a retry will not help"
        };
        Advice {
            wording: format!("{outcome}; {retry}"),
            outcome,
            retry_may_help: advice.retry,
        }
    }
}

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Outcomes {
    let outcomes = &spec.guidance.outcomes;
    if outcomes.is_empty() {
        checker.report_file(FILE, "`outcomes` is empty");
    }
    let mut keys = Unique::new("outcome key");
    let mut names = Unique::new("outcome name");
    let mut variants = BTreeMap::new();
    let mut classes = Vec::new();
    let entries = Entry::list(FILE, "outcomes", "key", outcomes, |o| o.key.clone());
    for (outcome, entry) in outcomes.iter().zip(&entries) {
        keys.insert(checker, entry, &outcome.key, &outcome.key);
        if let Some(name) = checker.ident(entry, Some(&outcome.name), "", Case::UpperCamel) {
            names.insert(checker, entry, &name, &name);
            variants.insert(outcome.key.clone(), name.clone());
            classes.push(OutcomeClass {
                anchor: names::anchor("outcome-", &outcome.key),
                variant: name,
                description: outcome.description.clone(),
            });
        }
    }
    Outcomes {
        model: Guidance {
            source: source(FILE, &spec.guidance.source),
            outcomes: classes,
        },
        variants,
    }
}
