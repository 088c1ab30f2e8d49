//! Acquirer response codes: a class letter, `x`, two digits; the class must
//! be listed and the row's status must be its class's status.

use super::{Checker, Entry, Unique, tables};
use crate::ident::Case;
use crate::spec::{Spec, files};

const FILE: &str = files::ACQUIRER_CODES;

pub(super) fn check(spec: &Spec, checker: &mut Checker<'_>) {
    let classes = &spec.acquirer.classes;
    let mut letters = Unique::new("class letter");
    let mut names = Unique::new("class name");
    let entries = Entry::list(FILE, "classes", "letter", classes, |c| c.letter.clone());
    for (class, entry) in classes.iter().zip(&entries) {
        tables::check_advice(spec, checker, entry, &class.advice);
        let mut chars = class.letter.chars();
        match (chars.next(), chars.next()) {
            (Some(letter), None) if letter.is_ascii_uppercase() => {}
            _ => checker.report(
                entry,
                format!("class `{}` is not one upper-case letter", class.letter),
            ),
        }
        letters.insert(checker, entry, &class.letter, &class.letter);
        if let Some(name) = checker.ident(entry, Some(&class.name), "", Case::UpperCamel) {
            if name == "Other" {
                checker.report(entry, "`Other` is kept for letters the table does not list");
            }
            names.insert(checker, entry, &name, &name);
        }
    }

    let codes = &spec.acquirer.codes;
    if codes.len() > usize::from(u8::MAX) {
        checker.report_file(FILE, "the table may hold at most 255 codes");
    }
    let mut seen = Unique::new("code");
    let entries = Entry::list(FILE, "codes", "code", codes, |c| c.code.clone());
    for (row, entry) in codes.iter().zip(&entries) {
        tables::check_advice(spec, checker, entry, &row.advice);
        if !is_code_form(&row.code) {
            checker.report(
                entry,
                format!(
                    "`{}` is not a class letter, `x` and two digits (like `Dx01`)",
                    row.code
                ),
            );
            continue;
        }
        seen.insert(checker, entry, &row.code, &row.code);
        let letter = row.class_letter().to_string();
        match classes.iter().find(|class| class.letter == letter) {
            None => checker.report(entry, format!("class `{letter}` is not in `classes`")),
            Some(class) if class.status != row.status => checker.report(
                entry,
                format!(
                    "status `{}` differs from class {letter}'s status `{}`",
                    row.status, class.status
                ),
            ),
            Some(_) => {}
        }
        if row.reason.trim().is_empty() {
            checker.report(entry, "`reason` is empty");
        }
    }
}

fn is_code_form(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 4
        && bytes[0].is_ascii_uppercase()
        && bytes[1] == b'x'
        && bytes[2].is_ascii_digit()
        && bytes[3].is_ascii_digit()
}
