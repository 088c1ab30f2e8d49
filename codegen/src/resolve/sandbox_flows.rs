//! The sandbox's flows (`flows` in `sandbox.yaml`): per documented flow,
//! what Cashflows publishes and what the sandbox decides. Each flow is
//! named once; what Cashflows publishes carries a grade that is not the
//! project's; each decision of the sandbox names the sandbox, so that a
//! reader of the sentence alone knows whose it is.

use super::{Checker, Entry, Unique};
use crate::model::{FlowFact, SandboxFlow};
use crate::spec::{Flow, Provenance, files};

const FILE: &str = files::SANDBOX;

pub(super) fn resolve(flows: &[Flow], checker: &mut Checker<'_>) -> Vec<SandboxFlow> {
    let entries = Entry::list(FILE, "flows", "flow", flows, |flow| flow.flow.clone());
    let mut once = Unique::new("flow");
    flows
        .iter()
        .zip(&entries)
        .map(|(flow, entry)| {
            if flow.flow.trim().is_empty() {
                checker.report(entry, "the flow has no name");
            }
            once.insert(checker, entry, &flow.flow, &flow.flow);
            resolve_flow(flow, entry, checker)
        })
        .collect()
}

fn resolve_flow(flow: &Flow, entry: &Entry<'_>, checker: &mut Checker<'_>) -> SandboxFlow {
    if flow.cashflows.is_empty() && flow.sandbox.is_empty() {
        checker.report(
            entry,
            "the flow says nothing: give `cashflows` or `sandbox`",
        );
    }
    for published in &flow.cashflows {
        if published.says.trim().is_empty() {
            checker.report(entry, "a `cashflows` entry says nothing");
        }
        if published.provenance == Provenance::Project {
            checker.report(
                entry,
                "a `cashflows` entry cannot be the project's: write it under `sandbox`",
            );
        }
    }
    for decision in &flow.sandbox {
        if !decision.to_lowercase().contains("sandbox") {
            checker.report(
                entry,
                format!(
                    "a `sandbox` decision must say it is the sandbox's (name the sandbox): \
                     `{}`",
                    decision.trim()
                ),
            );
        }
    }
    SandboxFlow {
        title: flow.flow.trim().to_string(),
        published: flow
            .cashflows
            .iter()
            .map(|published| FlowFact {
                grade: published.provenance.label(),
                text: published.says.trim().to_string(),
            })
            .collect(),
        sandbox: flow
            .sandbox
            .iter()
            .map(|text| text.trim().to_string())
            .collect(),
    }
}
