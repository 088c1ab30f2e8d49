//! Acquirer response codes: a class letter, `x`, two digits; the class must
//! be listed and the row's status must be its class's status.

use super::guidance::Outcomes;
use super::{Checker, Entry, Unique, source};
use crate::links::{self, Item};
use crate::model::{Acquirer, AcquirerClass, AcquirerCode};
use crate::names::{self, Case};
use crate::spec::{Spec, files};

const FILE: &str = files::ACQUIRER_CODES;

pub(super) fn resolve(spec: &Spec, outcomes: &Outcomes, checker: &mut Checker<'_>) -> Acquirer {
    Acquirer {
        source: source(FILE, &spec.acquirer.source),
        classes: resolve_classes(spec, outcomes, checker),
        codes: resolve_codes(spec, outcomes, checker),
    }
}

fn resolve_classes(
    spec: &Spec,
    outcomes: &Outcomes,
    checker: &mut Checker<'_>,
) -> Vec<AcquirerClass> {
    let classes = &spec.acquirer.classes;
    let mut letters = Unique::new("class letter");
    let mut names = Unique::reserving(
        "class name",
        &[("Other", "kept for letters the table does not list")],
    );
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "classes", "letter", classes, |c| c.letter.clone());
    for (class, entry) in classes.iter().zip(&entries) {
        let advice = outcomes.advice(checker, entry, &class.advice);
        letters.insert(checker, entry, &class.letter, &class.letter);
        let mut chars = class.letter.chars();
        let letter = match (chars.next(), chars.next()) {
            (Some(letter), None) if letter.is_ascii_uppercase() => Some(letter),
            _ => {
                checker.report(
                    entry,
                    format!("class `{}` is not one upper-case letter", class.letter),
                );
                None
            }
        };
        let variant = checker.ident(entry, Some(&class.name), "", Case::UpperCamel);
        if let Some(variant) = &variant {
            names.insert(checker, entry, variant, variant);
        }
        if let (Some(letter), Some(variant)) = (letter, variant) {
            resolved.push(AcquirerClass {
                letter,
                anchor: names::anchor("class-", &class.letter),
                variant,
                meaning: class.meaning.clone(),
                status: class.status.clone(),
                provenance: class.provenance,
                advice,
            });
        }
    }
    resolved
}

fn resolve_codes(spec: &Spec, outcomes: &Outcomes, checker: &mut Checker<'_>) -> Vec<AcquirerCode> {
    let codes = &spec.acquirer.codes;
    if codes.len() > usize::from(u8::MAX) {
        checker.report_file(FILE, "the table may hold at most 255 codes");
    }
    let mut seen = Unique::new("code");
    let mut constants = Unique::reserving("constant", &[("ALL", "the list of every row")]);
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "codes", "code", codes, |c| c.code.clone());
    for (row, entry) in codes.iter().zip(&entries) {
        let advice = outcomes.advice(checker, entry, &row.advice);
        let Some((class_letter, number)) = code_form(&row.code) else {
            checker.report(
                entry,
                format!(
                    "`{}` is not a class letter, `x` and two digits (like `Dx01`)",
                    row.code
                ),
            );
            continue;
        };
        seen.insert(checker, entry, &row.code, &row.code);
        check_class(spec, checker, entry, class_letter, &row.status);
        if row.reason.trim().is_empty() {
            checker.report(entry, "`reason` is empty");
        }
        let Some(constant) = checker.ident(entry, None, &row.code, Case::ShoutySnake) else {
            continue;
        };
        constants.insert(checker, entry, &constant, &row.code);
        let anchor = names::anchor("", &row.code);
        let item = Item::AssociatedConstant {
            module: "acquirer",
            ty: "AcquirerReason",
            name: &constant,
        };
        resolved.push(AcquirerCode {
            links: links::links(item, links::pages::ACQUIRER_CODES, &anchor),
            pattern: row.code.clone(),
            anchor,
            class_anchor: names::anchor("class-", &class_letter.to_string()),
            constant,
            class_letter,
            number,
            reason: row.reason.clone(),
            status: row.status.clone(),
            provenance: row.provenance,
            advice,
        });
    }
    resolved
}

/// The row's class must be listed, with the row's status.
fn check_class(
    spec: &Spec,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
    letter: char,
    status: &str,
) {
    let letter = letter.to_string();
    match spec
        .acquirer
        .classes
        .iter()
        .find(|class| class.letter == letter)
    {
        None => checker.report(entry, format!("class `{letter}` is not in `classes`")),
        Some(class) if class.status != status => checker.report(
            entry,
            format!(
                "status `{status}` differs from class {letter}'s status `{}`",
                class.status
            ),
        ),
        Some(_) => {}
    }
}

/// `Dx01` → (`D`, 1).
fn code_form(code: &str) -> Option<(char, u8)> {
    match code.as_bytes() {
        &[class, b'x', tens, units]
            if class.is_ascii_uppercase() && tens.is_ascii_digit() && units.is_ascii_digit() =>
        {
            Some((char::from(class), (tens - b'0') * 10 + (units - b'0')))
        }
        _ => None,
    }
}
