//! Resolution: checks every table and resolves it into the [`Model`], in one
//! pass ("parse, don't validate"), one module per table, then checks that the
//! hand-written code still finds every spec-derived name it relies on. Every
//! check runs and every problem is kept; the model is returned only when
//! there is none.

mod acquirer;
mod browser_calls;
mod cards;
mod endpoints;
mod environments;
mod gateway_codes;
mod guidance;
mod models;
mod remote_auth;
mod sandbox_control;
mod sandbox_flows;
mod seam;
mod statuses;
mod triggers;

use std::collections::BTreeMap;

use crate::diagnostics::{Problem, Problems};
use crate::hand_written::HandWritten;
use crate::load::SpecSources;
use crate::model::{Model, Source};
use crate::names::{self, Case};
use crate::spec::{self, Spec};

/// Checks `spec` (parsed from `sources`) and resolves it, then checks it
/// against the hand-written `code`; every problem found, or the model.
pub fn resolve(spec: &Spec, sources: &SpecSources, code: &HandWritten) -> Result<Model, Problems> {
    let mut checker = Checker {
        sources,
        problems: Problems::default(),
    };
    let guidance = guidance::resolve(spec, &mut checker);
    let errors = gateway_codes::resolve_errors(spec, &guidance, &mut checker);
    let warnings = gateway_codes::resolve_warnings(spec, &guidance, &mut checker);
    let acquirer = acquirer::resolve(spec, &guidance, &mut checker);
    let endpoints = endpoints::resolve(spec, &mut checker);
    let models = models::resolve(spec, &mut checker);
    let tables = triggers::Tables {
        errors: &errors,
        warnings: &warnings,
        acquirer: &acquirer,
        endpoints: &endpoints,
        models: &models,
    };
    let triggers = triggers::resolve(spec, &tables, &mut checker);
    let model = Model {
        errors,
        warnings,
        acquirer,
        cards: cards::resolve(spec, &mut checker),
        statuses: statuses::resolve(spec, &mut checker),
        environments: environments::resolve(spec, &mut checker),
        endpoints,
        remote_auth: remote_auth::resolve(spec, &mut checker),
        models,
        triggers,
        sandbox_control: sandbox_control::resolve(spec, &mut checker),
        guidance: guidance.model,
    };
    // Names that did not resolve would show up again as missing from the
    // seam: check it only once everything else holds.
    if checker.problems.is_empty() {
        seam::check(&model, code, &mut checker);
    }
    checker.problems.into_result().map(|()| model)
}

/// A table's source, as the model keeps it.
fn source(file: &'static str, source: &spec::Source) -> Source {
    Source {
        file,
        document: source.document.clone(),
        retrieved: source.retrieved.clone(),
    }
}

/// Where a row sits: its file, the `key: value` that finds its line, and a label.
pub(crate) struct Entry<'a> {
    pub file: &'a str,
    pub key: &'a str,
    pub value: String,
    /// Which occurrence of `key: value` (0-based), for repeated rows.
    pub nth: usize,
    /// A `key: value` line the row sits below (its model, say).
    pub within: Option<(&'a str, String)>,
    /// Blocks the row sits in, outermost first (`sandbox_rules:`, then
    /// `acquirer_codes:`), each searched for below the one before.
    pub blocks: Vec<String>,
    pub label: String,
}

impl<'a> Entry<'a> {
    pub fn new(file: &'a str, list: &str, index: usize, key: &'a str, value: &str) -> Self {
        Entry {
            file,
            key,
            value: value.to_string(),
            nth: 0,
            within: None,
            blocks: Vec::new(),
            label: format!("{list}[{index}] ({key}: {value})"),
        }
    }

    /// One entry per item of `items`, each knowing which repeat of its value it is.
    pub fn list<T>(
        file: &'a str,
        list: &str,
        key: &'a str,
        items: &[T],
        value: impl Fn(&T) -> String,
    ) -> Vec<Entry<'a>> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let value = value(item);
                let nth = seen.entry(value.clone()).or_default();
                let mut entry = Entry::new(file, list, index, key, &value);
                entry.nth = *nth;
                *nth += 1;
                entry
            })
            .collect()
    }

    /// The same entry, searched for below the `key: value` line of its parent.
    pub fn within(mut self, key: &'a str, value: &str) -> Self {
        self.within = Some((key, value.to_string()));
        self
    }

    /// The same entry, searched for inside the nested blocks `blocks`
    /// (outermost first); where a block is not found (flow style), the
    /// search goes on from the last one found.
    pub fn in_blocks(mut self, blocks: &[&str]) -> Self {
        self.blocks = blocks.iter().map(ToString::to_string).collect();
        self
    }
}

pub(crate) struct Checker<'a> {
    sources: &'a SpecSources,
    problems: Problems,
}

impl Checker<'_> {
    /// Records that `entry` is wrong because of `reason`.
    pub fn report(&mut self, entry: &Entry<'_>, reason: impl Into<String>) {
        self.problems.push(Problem {
            file: entry.file.to_string(),
            line: self.line_of(entry),
            entry: Some(entry.label.clone()),
            reason: reason.into(),
        });
    }

    /// Records a problem of a whole file.
    pub fn report_file(&mut self, file: &str, reason: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_string(),
            line: None,
            entry: None,
            reason: reason.into(),
        });
    }

    fn line_of(&self, entry: &Entry<'_>) -> Option<usize> {
        let file = self.sources.get(entry.file)?;
        let mut after = match &entry.within {
            Some((key, value)) => file.line_of(key, value, 0, 0)?,
            None => 0,
        };
        for block in &entry.blocks {
            match file.line_of_block(block, after) {
                Some(line) => after = line,
                None => break,
            }
        }
        file.line_of(entry.key, &entry.value, entry.nth, after)
    }

    /// The first line where `key:` opens a list or block in `file`, at any
    /// depth; below the block `within:` opens, when given.
    pub fn line_of_key(&self, file: &str, within: Option<&str>, key: &str) -> Option<usize> {
        let source = self.sources.get(file)?;
        let after = match within {
            Some(block) => source.line_of_block(block, 0)?,
            None => 0,
        };
        source.line_of_block(key, after)
    }

    /// An explicit identifier, checked, or one derived from `text`; `None`
    /// (with the problem recorded) when it cannot be used.
    pub fn ident(
        &mut self,
        entry: &Entry<'_>,
        explicit: Option<&str>,
        text: &str,
        case: Case,
    ) -> Option<String> {
        let result = match explicit {
            Some(name) => names::check(name, case).map(|()| name.to_string()),
            None => names::derive(text, case),
        };
        match result {
            Ok(ident) => Some(ident),
            Err(reason) => {
                let hint = if explicit.is_some() {
                    ""
                } else {
                    "; give an explicit name"
                };
                self.report(entry, format!("{reason}{hint}"));
                None
            }
        }
    }
}

/// Finds values used twice in one list, or names defined twice in one Rust
/// namespace: each repeat is reported, naming the entry that used the value
/// first, or why a reserved name is taken.
pub(crate) struct Unique {
    what: &'static str,
    first: BTreeMap<String, String>,
    reserved: BTreeMap<String, &'static str>,
}

impl Unique {
    pub fn new(what: &'static str) -> Self {
        Unique {
            what,
            first: BTreeMap::new(),
            reserved: BTreeMap::new(),
        }
    }

    /// A namespace in which some names are already taken by items the crate
    /// defines beside the spec's: `(name, why it is kept)`.
    pub fn reserving(what: &'static str, reserved: &[(&str, &'static str)]) -> Self {
        let mut unique = Unique::new(what);
        for (name, why) in reserved {
            unique.reserved.insert(name.to_string(), why);
        }
        unique
    }

    /// Records `key` for `entry` and reports a repeat. `shown` is the value as
    /// written, where the comparison key differs from it (after case conversion).
    pub fn insert(&mut self, checker: &mut Checker<'_>, entry: &Entry<'_>, key: &str, shown: &str) {
        let what = self.what;
        if let Some(why) = self.reserved.get(key) {
            let reason = if key == shown {
                format!("`{key}` is {why}")
            } else {
                format!("`{shown}` becomes the {what} `{key}`, which is {why}")
            };
            checker.report(entry, reason);
            return;
        }
        match self.first.get(key) {
            Some(first) => {
                let reason = if key == shown {
                    format!("duplicate {what} `{key}`: {first} already uses it")
                } else {
                    format!("`{shown}` becomes the {what} `{key}`, which {first} already uses")
                };
                checker.report(entry, reason);
            }
            None => {
                self.first.insert(key.to_string(), entry.label.clone());
            }
        }
    }
}

/// Counts how often each `key: value` was met, so that the n-th row with a
/// repeated value is found on its own line.
#[derive(Default)]
pub(crate) struct Occurrences(BTreeMap<(String, String), usize>);

impl Occurrences {
    /// An entry for the next occurrence of `key: value`.
    pub fn entry<'a>(
        &mut self,
        file: &'a str,
        list: &str,
        index: usize,
        key: &'a str,
        value: &str,
    ) -> Entry<'a> {
        let count = self
            .0
            .entry((key.to_string(), value.to_string()))
            .or_default();
        let mut entry = Entry::new(file, list, index, key, value);
        entry.nth = *count;
        *count += 1;
        entry
    }
}
