//! The seam between hand-written code and the spec: every spec-derived name
//! a hand-written file relies on (see [`crate::seam`]) must still be defined
//! by the spec, or the spec problem names the files that would no longer
//! compile.

use std::collections::BTreeSet;

use super::Checker;
use crate::diagnostics::Problem;
use crate::hand_written::HandWritten;
use crate::model::Model;
use crate::seam;

pub(super) fn check(model: &Model, code: &HandWritten, checker: &mut Checker<'_>) {
    let defined: BTreeSet<String> = model.symbols().into_iter().map(|(path, _)| path).collect();
    // The names the last generation defined too: a renamed row's old name
    // is no longer among the new spec's.
    let candidates = defined
        .iter()
        .chain(&code.defined_before)
        .map(String::as_str);
    for (name, files) in seam::relied_on(code, candidates) {
        if defined.contains(&name) {
            continue;
        }
        let home = seam::home(&name);
        let line = checker.line_of_key(home.file, home.within, home.list);
        checker.problems.push(Problem {
            file: home.file.to_string(),
            line,
            entry: Some(format!("{} ({name})", home.list)),
            reason: format!(
                "hand-written code relies on `{name}` ({}), which the spec no longer defines; \
                 restore the row, or change those files",
                files.join(", ")
            ),
        });
    }
}
