//! The spec says exactly what Cashflows publishes, no more and no less: the
//! complete lists of `codegen/tests/published/cashflows-facts.yaml` (models
//! and their fields in order, required fields, enumeration values, each
//! call's statuses, the HTTP tables, the class letters, the Remote Auth
//! fields) against the real spec's model. Every difference is named.

use std::collections::BTreeMap;

use cashflows_codegen::Model;
use serde::Deserialize;

use super::support::{real_model, test_dir};

#[derive(Deserialize)]
struct Published {
    models: BTreeMap<String, Vec<String>>,
    required: BTreeMap<String, Vec<String>>,
    enums: BTreeMap<String, Vec<String>>,
    statuses: BTreeMap<String, CallStatuses>,
    seed_http_table: BTreeMap<u16, String>,
    elsewhere_http: BTreeMap<u16, String>,
    acquirer_classes: BTreeMap<char, String>,
    remote_auth_fields: Vec<String>,
}

#[derive(Deserialize)]
struct CallStatuses {
    success: Option<u16>,
    others: Vec<u16>,
}

fn published() -> Published {
    let path = test_dir("published/cashflows-facts.yaml");
    let text = std::fs::read_to_string(&path).expect("the published lists read");
    serde_yaml::from_str(&text).expect("the published lists parse")
}

/// `what` differs: `expected` (published) against `found` (the spec).
fn compare<T: PartialEq + std::fmt::Debug>(
    problems: &mut Vec<String>,
    what: &str,
    expected: &[T],
    found: &[T],
) {
    let missing: Vec<&T> = expected.iter().filter(|e| !found.contains(e)).collect();
    let invented: Vec<&T> = found.iter().filter(|f| !expected.contains(f)).collect();
    if !missing.is_empty() {
        problems.push(format!("{what}: missing {missing:?}"));
    }
    if !invented.is_empty() {
        problems.push(format!("{what}: not published {invented:?}"));
    }
    if missing.is_empty() && invented.is_empty() && expected != found {
        problems.push(format!("{what}: not in the published order: {found:?}"));
    }
}

fn check_models(model: &Model, published: &Published, problems: &mut Vec<String>) {
    let names: Vec<String> = model
        .models
        .structs
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut expected: Vec<String> = published.models.keys().cloned().collect();
    expected.sort();
    let mut found = names.clone();
    found.sort();
    compare(problems, "models", &expected, &found);
    for def in &model.models.structs {
        let Some(fields) = published.models.get(&def.name) else {
            continue;
        };
        let wires: Vec<String> = def.fields.iter().map(|f| f.wire.clone()).collect();
        compare(problems, &format!("{} fields", def.name), fields, &wires);
        let required: Vec<String> = (def.fields.iter())
            .filter(|f| f.required)
            .map(|f| f.wire.clone())
            .collect();
        let expected = published
            .required
            .get(&def.name)
            .cloned()
            .unwrap_or_default();
        compare(
            problems,
            &format!("{} required fields", def.name),
            &expected,
            &required,
        );
    }
}

fn check_enums(model: &Model, published: &Published, problems: &mut Vec<String>) {
    let names: Vec<String> = model.models.enums.iter().map(|e| e.name.clone()).collect();
    let mut expected: Vec<String> = published.enums.keys().cloned().collect();
    expected.sort();
    let mut found = names;
    found.sort();
    compare(problems, "enumerations", &expected, &found);
    for def in &model.models.enums {
        if let Some(values) = published.enums.get(&def.name) {
            let wires: Vec<String> = def.values.iter().map(|v| v.wire.clone()).collect();
            compare(problems, &format!("{} values", def.name), values, &wires);
        }
    }
}

fn check_statuses(model: &Model, published: &Published, problems: &mut Vec<String>) {
    let calls: Vec<String> = model
        .endpoints
        .list
        .iter()
        .map(|e| e.name.clone())
        .collect();
    let mut expected: Vec<String> = published.statuses.keys().cloned().collect();
    expected.sort();
    let mut found = calls;
    found.sort();
    compare(problems, "calls", &expected, &found);
    for endpoint in &model.endpoints.list {
        let Some(statuses) = published.statuses.get(&endpoint.name) else {
            continue;
        };
        if statuses.success != endpoint.success {
            problems.push(format!(
                "{}: success {:?}, published {:?}",
                endpoint.name, endpoint.success, statuses.success
            ));
        }
        // A list the spec marks as the project's assumption is not a
        // published one.
        let assumed = endpoint.statuses_provenance == cashflows_codegen::spec::Provenance::Project;
        let documented: &[u16] = if assumed { &[] } else { &endpoint.statuses };
        compare(
            problems,
            &format!("{} documented statuses", endpoint.name),
            &statuses.others,
            documented,
        );
    }
    let table = |rows: &[cashflows_codegen::model::Status]| -> Vec<(u16, String)> {
        rows.iter().map(|s| (s.code, s.text.clone())).collect()
    };
    let seed: Vec<(u16, String)> = published.seed_http_table.clone().into_iter().collect();
    compare(
        problems,
        "the seed's HTTP table",
        &seed,
        &table(&model.statuses.rows),
    );
    let elsewhere: Vec<(u16, String)> = published.elsewhere_http.clone().into_iter().collect();
    compare(
        problems,
        "statuses documented elsewhere",
        &elsewhere,
        &table(&model.statuses.elsewhere),
    );
}

fn check_classes(model: &Model, published: &Published, problems: &mut Vec<String>) {
    for (letter, meaning) in &published.acquirer_classes {
        match model.acquirer.classes.iter().find(|c| c.letter == *letter) {
            None => problems.push(format!("acquirer class {letter}: missing")),
            Some(class) if &class.meaning != meaning => problems.push(format!(
                "acquirer class {letter}: meaning `{}`, published `{meaning}`",
                class.meaning
            )),
            Some(_) => {}
        }
    }
    for class in &model.acquirer.classes {
        let published_class = published.acquirer_classes.contains_key(&class.letter);
        let marked = class.provenance == cashflows_codegen::spec::Provenance::Project;
        if !published_class && !marked {
            problems.push(format!(
                "acquirer class {} is not published and not marked as the project's",
                class.letter
            ));
        }
    }
}

#[test]
fn the_spec_says_exactly_what_is_published() {
    let model = real_model();
    let published = published();
    let mut problems = Vec::new();
    check_models(&model, &published, &mut problems);
    check_enums(&model, &published, &mut problems);
    check_statuses(&model, &published, &mut problems);
    check_classes(&model, &published, &mut problems);
    let fields: Vec<String> = (model.remote_auth.fields.iter())
        .map(|f| f.name.clone())
        .collect();
    compare(
        &mut problems,
        "Remote Auth fields",
        &published.remote_auth_fields,
        &fields,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
