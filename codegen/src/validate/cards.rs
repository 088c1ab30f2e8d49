//! Test cards: Luhn, length for the scheme, CVC length; holder names and
//! their 3-D Secure scenarios.

use super::{Checker, Entry, Unique};
use crate::ident::Case;
use crate::spec::{Spec, files};

const FILE: &str = files::TEST_CARDS;

pub(super) fn check(spec: &Spec, checker: &mut Checker<'_>) {
    check_schemes(spec, checker);
    check_cards(spec, checker);
    check_holders(spec, checker);
}

fn check_schemes(spec: &Spec, checker: &mut Checker<'_>) {
    let schemes = &spec.cards.schemes;
    let mut keys = Unique::new("scheme key");
    let entries = Entry::list(FILE, "schemes", "key", schemes, |s| s.key.clone());
    for (scheme, entry) in schemes.iter().zip(&entries) {
        if let Some(ident) = checker.ident(entry, None, &scheme.key, Case::UpperCamel) {
            keys.insert(checker, entry, &ident, &scheme.key);
        }
        if scheme.lengths.is_empty() {
            checker.report(entry, "`lengths` is empty");
        }
        if !(3..=4).contains(&scheme.cvc_length) {
            checker.report(
                entry,
                format!("a CVC has 3 or 4 digits, not {}", scheme.cvc_length),
            );
        }
    }
}

fn check_cards(spec: &Spec, checker: &mut Checker<'_>) {
    let cards = &spec.cards.cards;
    let mut numbers = Unique::new("card number");
    let entries = Entry::list(FILE, "cards", "number", cards, |c| c.number.clone());
    for (card, entry) in cards.iter().zip(&entries) {
        numbers.insert(checker, entry, &card.number, &card.number);
        if !card.number.bytes().all(|b| b.is_ascii_digit()) || card.number.is_empty() {
            checker.report(entry, "a card number has digits only");
            continue;
        }
        if !luhn_valid(&card.number) {
            checker.report(entry, "the card number fails the Luhn check");
        }
        let Some(scheme) = spec.cards.schemes.iter().find(|s| s.key == card.scheme) else {
            checker.report(
                entry,
                format!("scheme `{}` is not in `schemes`", card.scheme),
            );
            continue;
        };
        if !scheme.lengths.contains(&card.number.len()) {
            checker.report(
                entry,
                format!(
                    "{} digits is the wrong length for {} (expected {:?})",
                    card.number.len(),
                    scheme.name,
                    scheme.lengths
                ),
            );
        }
        if card.cvc.len() != scheme.cvc_length || !card.cvc.bytes().all(|b| b.is_ascii_digit()) {
            checker.report(
                entry,
                format!(
                    "CVC `{}` should be {} digits for {}",
                    card.cvc, scheme.cvc_length, scheme.name
                ),
            );
        }
    }
}

fn check_holders(spec: &Spec, checker: &mut Checker<'_>) {
    let scenarios = &spec.cards.scenarios;
    let mut keys = Unique::new("scenario key");
    let mut names = Unique::new("scenario name");
    let entries = Entry::list(FILE, "scenarios", "key", scenarios, |s| s.key.clone());
    for (scenario, entry) in scenarios.iter().zip(&entries) {
        keys.insert(checker, entry, &scenario.key, &scenario.key);
        if let Some(name) = checker.ident(entry, Some(&scenario.name), "", Case::UpperCamel) {
            names.insert(checker, entry, &name, &name);
        }
    }

    let holders = &spec.cards.holders;
    let mut constants = Unique::new("holder constant");
    let entries = Entry::list(FILE, "holders", "name", holders, |h| h.name.clone());
    for (holder, entry) in holders.iter().zip(&entries) {
        if let Some(ident) = checker.ident(entry, None, &holder.name, Case::ShoutySnake) {
            constants.insert(checker, entry, &ident, &holder.name);
        }
        if !keys.contains(&holder.scenario) {
            checker.report(
                entry,
                format!("scenario `{}` is not in `scenarios`", holder.scenario),
            );
        }
    }
}

/// The Luhn (mod 10) check every card number passes.
pub fn luhn_valid(number: &str) -> bool {
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(position, byte)| {
            let digit = u32::from(byte - b'0');
            if position % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::luhn_valid;

    #[test]
    fn luhn_accepts_valid_numbers_and_refuses_one_digit_off() {
        assert!(luhn_valid("4000000000000002"));
        assert!(luhn_valid("340000000000009"));
        assert!(!luhn_valid("4000000000000003"));
        assert!(!luhn_valid("340000000000008"));
    }
}
