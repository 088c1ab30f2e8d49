//! The seam between hand-written code and the spec: every name the list in
//! [`crate::seam`] relies on must still be defined by the spec, or the spec
//! problem names the hand-written files that would no longer compile.

use std::collections::{BTreeMap, BTreeSet};

use super::Checker;
use crate::diagnostics::Problem;
use crate::model::Model;
use crate::seam::{self, RELIED_ON};

pub(super) fn check(model: &Model, checker: &mut Checker<'_>) {
    let defined: BTreeSet<String> = model.symbols().into_iter().map(|(path, _)| path).collect();
    let mut missing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for reliance in RELIED_ON {
        for name in reliance.names {
            if !defined.contains(*name) {
                missing.entry(name).or_default().push(reliance.file);
            }
        }
    }
    for (name, files) in missing {
        let home = seam::home(name);
        let line = checker.line_of_key(home.file, home.list);
        checker.problems.push(Problem {
            file: home.file.to_string(),
            line,
            entry: Some(format!("{} ({name})", home.list)),
            reason: format!(
                "hand-written code relies on `{name}` ({}), which the spec no longer defines; \
                 restore the row, or change those files and the list in codegen/src/seam.rs",
                files.join(", ")
            ),
        });
    }
}
