//! Test cards: Luhn, length for the scheme, CVC length; holder names and
//! their 3-D Secure scenarios.

use super::{Checker, Entry, Unique, source};
use crate::links::{self, Item};
use crate::model::{CardHolder, CardScheme, Cards, Scenario, TestCard};
use crate::names::{self, Case};
use crate::spec::{Spec, files};

const FILE: &str = files::TEST_CARDS;

/// The `test_cards` module's own items, beside the spec's constants.
const MODULE_ITEMS: [(&str, &str); 3] = [
    ("EXPIRY_RULE", "the documented expiry rule"),
    ("ALL_CARDS", "the list of every card"),
    ("ALL_HOLDERS", "the list of every holder"),
];

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Cards {
    let mut constants = Unique::reserving("constant", &MODULE_ITEMS);
    let schemes = resolve_schemes(spec, checker);
    let cards = resolve_cards(spec, &schemes, &mut constants, checker);
    let scenarios = resolve_scenarios(spec, checker);
    let holders = resolve_holders(spec, &scenarios, &mut constants, checker);
    Cards {
        source: source(FILE, &spec.cards.source),
        expiry_rule: spec.cards.expiry_rule.clone(),
        schemes: schemes.into_iter().map(|(_, scheme)| scheme).collect(),
        cards,
        scenarios: scenarios
            .into_iter()
            .map(|(_, scenario)| scenario)
            .collect(),
        holders,
    }
}

/// The schemes, each with its spec key.
fn resolve_schemes(spec: &Spec, checker: &mut Checker<'_>) -> Vec<(String, CardScheme)> {
    let schemes = &spec.cards.schemes;
    let mut variants = Unique::new("scheme variant");
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "schemes", "key", schemes, |s| s.key.clone());
    for (scheme, entry) in schemes.iter().zip(&entries) {
        if scheme.lengths.is_empty() {
            checker.report(entry, "`lengths` is empty");
        }
        if !(3..=4).contains(&scheme.cvc_length) {
            checker.report(
                entry,
                format!("a CVC has 3 or 4 digits, not {}", scheme.cvc_length),
            );
        }
        let Some(variant) = checker.ident(entry, None, &scheme.key, Case::UpperCamel) else {
            continue;
        };
        variants.insert(checker, entry, &variant, &scheme.key);
        resolved.push((
            scheme.key.clone(),
            CardScheme {
                variant,
                name: scheme.name.clone(),
                lengths: scheme.lengths.clone(),
                cvc_length: scheme.cvc_length,
                provenance: scheme.provenance,
            },
        ));
    }
    resolved
}

fn resolve_cards(
    spec: &Spec,
    schemes: &[(String, CardScheme)],
    constants: &mut Unique,
    checker: &mut Checker<'_>,
) -> Vec<TestCard> {
    let cards = &spec.cards.cards;
    let mut numbers = Unique::new("card number");
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "cards", "number", cards, |c| c.number.clone());
    for (card, entry) in cards.iter().zip(&entries) {
        numbers.insert(checker, entry, &card.number, &card.number);
        if card.number.is_empty() || !card.number.bytes().all(|b| b.is_ascii_digit()) {
            checker.report(entry, "a card number has digits only");
            continue;
        }
        if !luhn::valid(&card.number) {
            checker.report(entry, "the card number fails the Luhn check");
        }
        let Some((_, scheme)) = schemes.iter().find(|(key, _)| *key == card.scheme) else {
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
        // Scheme, funding and number together: each constant is unique.
        let text = format!("{} {} {}", card.scheme, card.funding.label(), card.number);
        let Some(constant) = checker.ident(entry, None, &text, Case::ShoutySnake) else {
            continue;
        };
        constants.insert(checker, entry, &constant, &card.number);
        let anchor = names::anchor("card-", &card.number);
        let item = Item::Constant {
            module: "test_cards",
            name: &constant,
        };
        resolved.push(TestCard {
            links: links::links(item, links::pages::TEST_CARDS, &anchor),
            constant,
            anchor,
            number: card.number.clone(),
            scheme_variant: scheme.variant.clone(),
            scheme_name: scheme.name.clone(),
            funding: card.funding,
            cvc: card.cvc.clone(),
            provenance: card.provenance,
        });
    }
    resolved
}

/// The scenarios, each with its spec key.
fn resolve_scenarios(spec: &Spec, checker: &mut Checker<'_>) -> Vec<(String, Scenario)> {
    let scenarios = &spec.cards.scenarios;
    let mut keys = Unique::new("scenario key");
    let mut names = Unique::new("scenario name");
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "scenarios", "key", scenarios, |s| s.key.clone());
    for (scenario, entry) in scenarios.iter().zip(&entries) {
        keys.insert(checker, entry, &scenario.key, &scenario.key);
        let Some(variant) = checker.ident(entry, Some(&scenario.name), "", Case::UpperCamel) else {
            continue;
        };
        names.insert(checker, entry, &variant, &variant);
        resolved.push((
            scenario.key.clone(),
            Scenario {
                variant,
                description: scenario.description.clone(),
            },
        ));
    }
    resolved
}

fn resolve_holders(
    spec: &Spec,
    scenarios: &[(String, Scenario)],
    constants: &mut Unique,
    checker: &mut Checker<'_>,
) -> Vec<CardHolder> {
    let holders = &spec.cards.holders;
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "holders", "name", holders, |h| h.name.clone());
    for (holder, entry) in holders.iter().zip(&entries) {
        let constant = checker.ident(entry, None, &holder.name, Case::ShoutySnake);
        if let Some(constant) = &constant {
            constants.insert(checker, entry, constant, &holder.name);
        }
        let scenario = scenarios.iter().find(|(key, _)| *key == holder.scenario);
        if scenario.is_none() {
            checker.report(
                entry,
                format!("scenario `{}` is not in `scenarios`", holder.scenario),
            );
        }
        if let (Some(constant), Some((_, scenario))) = (constant, scenario) {
            let anchor = names::anchor("holder-", &holder.name);
            let item = Item::Constant {
                module: "test_cards",
                name: &constant,
            };
            resolved.push(CardHolder {
                links: links::links(item, links::pages::TEST_CARDS, &anchor),
                anchor,
                constant,
                name: holder.name.clone(),
                scenario_variant: scenario.variant.clone(),
                description: holder.description.clone(),
                provenance: holder.provenance,
            });
        }
    }
    resolved
}
