//! The sandbox's triggers: every row of the other tables gets exactly one —
//! natural, documented, a sandbox rule, or the project's reserved value —
//! every listed row exists, and a sandbox rule's sentence says whose rule it
//! is.

use std::collections::BTreeMap;

use super::{Checker, Entry, Unique, source};
use crate::links::{self, Item};
use crate::model::{
    Acquirer, CodeTable, Endpoints, Models, RowRef, TriggerConstant, TriggerKind, TriggerRow,
    TriggerTable, Triggers,
};
use crate::names::{self, Case};
use crate::spec::{ProjectTrigger, RowTrigger, Spec, files};

const FILE: &str = files::SANDBOX;

/// The resolved tables the triggers point into.
pub(super) struct Tables<'a> {
    pub errors: &'a CodeTable,
    pub warnings: &'a CodeTable,
    pub acquirer: &'a Acquirer,
    pub endpoints: &'a Endpoints,
    pub models: &'a Models,
}

/// A row a trigger may name: the key `sandbox.yaml` uses for it, the part
/// of the project value after the prefix, and what the model knows of it.
struct Candidate {
    key: String,
    label: String,
    row: RowRef,
    link: String,
}

pub(super) fn resolve(spec: &Spec, tables: &Tables<'_>, checker: &mut Checker<'_>) -> Triggers {
    let file = &spec.sandbox;
    let lists = |pick: fn(&crate::spec::TriggerLists) -> &Vec<RowTrigger>| Listed {
        natural: pick(&file.natural),
        documented: pick(&file.documented),
        sandbox_rules: pick(&file.sandbox_rules),
    };
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut add = |module: &str,
                   title: &str,
                   row_type: &str,
                   project: &ProjectTrigger,
                   listed: Listed<'_>,
                   candidates: Vec<Candidate>| {
        let table = Table {
            module,
            title,
            row_type,
            project,
        };
        out.push(table.resolve(checker, &listed, candidates));
    };
    add(
        "gateway_errors",
        "Gateway errors",
        "crate::GatewayErrorCode",
        &file.project.gateway_errors,
        lists(|l| &l.gateway_errors),
        code_rows(tables.errors, "GatewayErrorCode", "gateway-errors.md"),
    );
    add(
        "gateway_warnings",
        "Gateway warnings",
        "crate::GatewayWarningCode",
        &file.project.gateway_warnings,
        lists(|l| &l.gateway_warnings),
        code_rows(tables.warnings, "GatewayWarningCode", "gateway-warnings.md"),
    );
    add(
        "acquirer_codes",
        "Acquirer response codes",
        "crate::AcquirerReason",
        &file.project.acquirer_codes,
        lists(|l| &l.acquirer_codes),
        acquirer_rows(tables.acquirer),
    );
    add(
        "http_statuses",
        "HTTP statuses of each call",
        "crate::sandbox_trigger::CallStatus",
        &file.project.http_statuses,
        lists(|l| &l.http_statuses),
        call_rows(tables.endpoints),
    );
    for (module, title, name, project, pick) in [
        (
            "payment_statuses",
            "Payment statuses",
            "PaymentStatus",
            &file.project.payment_statuses,
            (|l| &l.payment_statuses) as fn(&crate::spec::TriggerLists) -> &Vec<RowTrigger>,
        ),
        (
            "capture_statuses",
            "Capture statuses",
            "CaptureStatus",
            &file.project.capture_statuses,
            |l| &l.capture_statuses,
        ),
        (
            "refund_statuses",
            "Refund statuses",
            "RefundStatus",
            &file.project.refund_statuses,
            |l| &l.refund_statuses,
        ),
    ] {
        let Some(candidates) = enum_rows(tables.models, name) else {
            missing.push(format!(
                "`{module}` needs the enumeration {name} in {}",
                files::MODELS
            ));
            continue;
        };
        add(
            module,
            title,
            &format!("crate::models::{name}"),
            project,
            lists(pick),
            candidates,
        );
    }
    for reason in missing {
        checker.report_file(FILE, reason);
    }
    Triggers {
        source: source(FILE, &file.source),
        tables: out,
        flows: super::sandbox_flows::resolve(&file.flows, checker),
    }
}

/// One table's rows as the three lists of `sandbox.yaml` name them.
struct Listed<'a> {
    natural: &'a [RowTrigger],
    documented: &'a [RowTrigger],
    sandbox_rules: &'a [RowTrigger],
}

struct Table<'a> {
    module: &'a str,
    title: &'a str,
    row_type: &'a str,
    project: &'a ProjectTrigger,
}

impl Table<'_> {
    fn resolve(
        &self,
        checker: &mut Checker<'_>,
        lists: &Listed<'_>,
        candidates: Vec<Candidate>,
    ) -> TriggerTable {
        let listed = self.listed(checker, lists, &candidates);
        let mut constants: BTreeMap<String, String> = BTreeMap::new();
        let mut ordered = Vec::new();
        let mut names = Unique::reserving(
            "constant",
            &[
                ("ALL", "the list of every row"),
                ("PREFIX", "the table's prefix"),
                ("FIELD", "where the table's project triggers go"),
            ],
        );
        let anchor = names::anchor("", self.title);
        let module = format!("sandbox_triggers::{}", self.module);
        let page = links::pages::TESTING_WITH_THE_SANDBOX;
        let rows = candidates
            .into_iter()
            .map(|candidate| {
                let (kind, how, constant, value) = match listed.get(&candidate.key) {
                    Some((kind, how)) => (*kind, how.clone(), None, None),
                    None => {
                        let value = format!("{}{}", self.project.prefix, candidate.key);
                        let entry = Entry::new(
                            FILE,
                            &format!("project.{}", self.module),
                            0,
                            "prefix",
                            &self.project.prefix,
                        );
                        let constant =
                            constant_name(self.module, &candidate.key).unwrap_or_else(|reason| {
                                checker
                                    .report(&entry, format!("row `{}`: {reason}", candidate.key));
                                String::new()
                            });
                        if !constants.contains_key(&constant) {
                            names.insert(checker, &entry, &constant, &candidate.key);
                            constants.insert(constant.clone(), value.clone());
                            ordered.push(TriggerConstant {
                                name: constant.clone(),
                                value: value.clone(),
                            });
                        }
                        let how = format!("Set {} to `{value}`.", self.project.field);
                        (TriggerKind::Project, how, Some(constant), Some(value))
                    }
                };
                let constant_links = constant.as_deref().map(|name| {
                    let item = Item::Constant {
                        module: &module,
                        name,
                    };
                    links::links(item, page, &anchor)
                });
                TriggerRow {
                    constant_links,
                    label: candidate.label,
                    row: candidate.row,
                    kind,
                    constant,
                    value,
                    how,
                    link: candidate.link,
                }
            })
            .collect();
        TriggerTable {
            module: self.module.to_string(),
            title: self.title.to_string(),
            row_type: self.row_type.to_string(),
            prefix: self.project.prefix.clone(),
            field: self.project.field.clone(),
            note: self.project.note.clone(),
            rows,
            constants: ordered,
            links: links::links(Item::Module { path: &module }, page, &anchor),
            anchor,
        }
    }

    /// The rows `natural`, `documented` and `sandbox_rules` list, checked:
    /// each exists, each is listed once (in one list), each says how, and a
    /// sandbox rule's sentence names the sandbox, so that a reader of the
    /// sentence alone knows the rule is not Cashflows'.
    fn listed(
        &self,
        checker: &mut Checker<'_>,
        lists: &Listed<'_>,
        candidates: &[Candidate],
    ) -> BTreeMap<String, (TriggerKind, String)> {
        let mut listed = BTreeMap::new();
        let mut once = Unique::new("row");
        for (kind, list, rows) in [
            (TriggerKind::Natural, "natural", lists.natural),
            (TriggerKind::Documented, "documented", lists.documented),
            (
                TriggerKind::SandboxRule,
                "sandbox_rules",
                lists.sandbox_rules,
            ),
        ] {
            let name = format!("{list}.{}", self.module);
            let entries: Vec<Entry<'_>> =
                Entry::list(FILE, &name, "row", rows, |row| row.row.clone())
                    .into_iter()
                    .map(|entry| entry.in_blocks(&[list, self.module]))
                    .collect();
            for (row, entry) in rows.iter().zip(&entries) {
                if !candidates.iter().any(|candidate| candidate.key == row.row) {
                    checker.report(entry, format!("{} has no row `{}`", self.title, row.row));
                    continue;
                }
                if row.how.trim().is_empty() {
                    checker.report(entry, "`how` is empty");
                } else if kind == TriggerKind::SandboxRule
                    && !row.how.to_lowercase().contains("sandbox")
                {
                    checker.report(
                        entry,
                        "`how` of a sandbox rule must say it is the sandbox's (name the sandbox)",
                    );
                }
                once.insert(checker, entry, &row.row, &row.row);
                listed.insert(row.row.clone(), (kind, row.how.trim().to_string()));
            }
        }
        listed
    }
}

/// A project trigger's constant: the row's key in SCREAMING_SNAKE_CASE,
/// after `STATUS_` for an HTTP status (`STATUS_503`).
fn constant_name(module: &str, key: &str) -> Result<String, String> {
    let text = if module == "http_statuses" {
        format!("status_{key}")
    } else {
        key.to_string()
    };
    names::derive(&text, Case::ShoutySnake)
}

fn code_rows(table: &CodeTable, enum_name: &str, page: &str) -> Vec<Candidate> {
    table
        .rows
        .iter()
        .map(|row| Candidate {
            key: row.variant.clone(),
            label: row.variant.clone(),
            row: RowRef::Variant {
                enum_path: format!("crate::{enum_name}"),
                variant: row.variant.clone(),
            },
            link: format!("{page}#{}", row.anchor),
        })
        .collect()
}

fn acquirer_rows(acquirer: &Acquirer) -> Vec<Candidate> {
    acquirer
        .codes
        .iter()
        .map(|code| Candidate {
            key: code.pattern.clone(),
            label: code.pattern.clone(),
            row: RowRef::Acquirer {
                constant: code.constant.clone(),
            },
            link: format!("acquirer-codes.md#{}", code.anchor),
        })
        .collect()
}

/// Each call's success, then each of its documented statuses.
fn call_rows(endpoints: &Endpoints) -> Vec<Candidate> {
    endpoints
        .list
        .iter()
        .flat_map(|endpoint| {
            let statuses = std::iter::once(None).chain(endpoint.statuses.iter().copied().map(Some));
            statuses.map(move |status| {
                let key = status.map_or_else(|| "success".to_string(), |code| code.to_string());
                Candidate {
                    label: format!("{} {key}", endpoint.name),
                    key,
                    row: RowRef::Call {
                        endpoint_constant: endpoint.constant.clone(),
                        status,
                    },
                    link: format!("endpoints.md#{}", endpoint.anchor),
                }
            })
        })
        .collect()
}

fn enum_rows(models: &Models, name: &str) -> Option<Vec<Candidate>> {
    let def = models.enums.iter().find(|def| def.name == name)?;
    Some(
        def.values
            .iter()
            .map(|value| Candidate {
                key: value.wire.clone(),
                label: value.wire.clone(),
                row: RowRef::Variant {
                    enum_path: format!("crate::models::{name}"),
                    variant: value.variant.clone(),
                },
                link: format!("models.md#{}", def.anchor),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::constant_name;

    #[test]
    fn constants() {
        let name = |module, key| constant_name(module, key).unwrap();
        assert_eq!(name("gateway_errors", "PaymentRefused"), "PAYMENT_REFUSED");
        assert_eq!(name("acquirer_codes", "Dx01"), "DX01");
        assert_eq!(name("http_statuses", "503"), "STATUS_503");
    }
}
