//! The minimal spec every broken-spec case overlays and the compile check
//! builds with the hand-written crates: the real `spec/` filtered down to
//! the rows whose names the hand-written code relies on (as codegen's seam
//! scan finds them), and the rows those need to resolve (the models an
//! endpoint or a kept field refers to, the statuses of a kept endpoint, a
//! card's scheme, a holder's scenario, an advice's outcome, a code's class,
//! the Remote Auth fields the credentials name). Nothing of it is kept by
//! hand: a row the code starts or stops relying on shows up here by itself.
//! If the scan missed a name the code uses, its row would be missing here and
//! the compile check would fail.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use cashflows_codegen::spec::{Requirement, Spec, files};
use cashflows_codegen::{HandWritten, Model, SourceFile, SpecSources};
use serde::Serialize;
use serde_yaml::Value;

use super::support::{hand_written, repo_root};

/// The minimal spec, derived once per test run.
pub fn sources() -> SpecSources {
    static MINIMAL: OnceLock<SpecSources> = OnceLock::new();
    MINIMAL.get_or_init(derive).clone()
}

fn derive() -> SpecSources {
    let real = SpecSources::read_dir(&repo_root().join("spec")).expect("spec/ reads");
    let mut spec = cashflows_codegen::load::parse(&real).expect("the real spec parses");
    let model =
        cashflows_codegen::resolve(&real, &HandWritten::default()).expect("the real spec resolves");
    let symbols: Vec<String> = model.symbols().into_iter().map(|(name, _)| name).collect();
    let relied = Relied(
        hand_written()
            .relied_on(symbols.iter().map(String::as_str))
            .into_keys()
            .collect(),
    );
    keep_models(&mut spec, &model, &relied);
    keep_endpoints(&mut spec, &model, &relied);
    keep_statuses(&mut spec, &model, &relied);
    keep_codes(&mut spec, &model, &relied);
    keep_cards(&mut spec, &model, &relied);
    keep_environments(&mut spec, &model, &relied);
    // Every row gets its project trigger: the sandbox names no row itself.
    spec.sandbox.natural = Default::default();
    spec.sandbox.documented = Default::default();
    spec.sandbox.sandbox_rules = Default::default();
    written(&spec)
}

/// The names the hand-written code relies on.
struct Relied(BTreeSet<String>);

impl Relied {
    fn has(&self, name: String) -> bool {
        self.0.contains(&name)
    }

    /// Whether some relied-on name starts with `prefix`.
    fn any_under(&self, prefix: &str) -> bool {
        self.0.iter().any(|name| name.starts_with(prefix))
    }
}

/// Keeps the items of `rows` for which `keep(index, item)` holds.
fn retain_indexed<T>(rows: &mut Vec<T>, keep: impl Fn(usize, &T) -> bool) {
    let mut index = 0;
    rows.retain(|row| {
        index += 1;
        keep(index - 1, row)
    });
}

/// The identifiers of a type as the spec writes it (`list<Payment>`).
fn type_names(ty: &str) -> impl Iterator<Item = &str> {
    ty.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|word| !word.is_empty())
}

/// Relied-on fields and values; then the models and enums relied on, or
/// referred to by a kept endpoint or a kept field, transitively.
fn keep_models(spec: &mut Spec, model: &Model, relied: &Relied) {
    // The model keeps the spec's order, so rows pair up by position.
    assert_eq!(spec.models.models.len(), model.models.structs.len());
    assert_eq!(spec.models.enums.len(), model.models.enums.len());
    for (def, resolved) in spec.models.models.iter_mut().zip(&model.models.structs) {
        let name = &def.name;
        retain_indexed(&mut def.fields, |at, _| {
            relied.has(format!("models::{name}::{}", resolved.fields[at].ident))
        });
    }
    for (def, resolved) in spec.models.enums.iter_mut().zip(&model.models.enums) {
        let name = &def.name;
        retain_indexed(&mut def.values, |at, _| {
            relied.has(format!("{name}::{}", resolved.values[at].variant))
        });
    }
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for def in spec.models.models.iter().map(|def| &def.name) {
        if relied.any_under(&format!("models::{def}::")) || relied.has(format!("models::{def}")) {
            wanted.insert(def.clone());
        }
    }
    for def in spec.models.enums.iter().map(|def| &def.name) {
        if relied.any_under(&format!("{def}::")) || relied.has(format!("models::{def}")) {
            wanted.insert(def.clone());
        }
    }
    // The sandbox's triggers name these enumerations' values.
    wanted.extend(["PaymentStatus", "CaptureStatus", "RefundStatus"].map(String::from));
    let endpoints = spec.endpoints.gateway.endpoints.iter().filter(|endpoint| {
        model
            .endpoints
            .list
            .iter()
            .any(|e| e.name == endpoint.name && endpoint_relied(e, relied))
    });
    for endpoint in endpoints {
        let types = endpoint.request.iter().chain([&endpoint.response]);
        wanted.extend(types.flat_map(|ty| type_names(ty)).map(String::from));
    }
    loop {
        let before = wanted.len();
        let referred: Vec<String> = (spec.models.models.iter())
            .filter(|def| wanted.contains(&def.name))
            .flat_map(|def| def.fields.iter().flat_map(|field| type_names(&field.ty)))
            .map(String::from)
            .collect();
        wanted.extend(referred);
        if wanted.len() == before {
            break;
        }
    }
    spec.models.models.retain(|def| wanted.contains(&def.name));
    spec.models.enums.retain(|def| wanted.contains(&def.name));
}

fn endpoint_relied(endpoint: &cashflows_codegen::model::Endpoint, relied: &Relied) -> bool {
    let query = endpoint.query.as_ref().map(|query| query.name.clone());
    [
        format!("Client::{}", endpoint.name),
        format!("endpoints::{}", endpoint.constant),
        format!("endpoints::{}", endpoint.path_fn),
    ]
    .into_iter()
    .chain(query.map(|name| format!("endpoints::{name}")))
    .any(|name| relied.has(name))
}

/// Relied-on endpoints, return URL parameters and Remote Auth rows, and the
/// fields and transaction types those need.
fn keep_endpoints(spec: &mut Spec, model: &Model, relied: &Relied) {
    let resolved = &model.endpoints.list;
    spec.endpoints.gateway.endpoints.retain(|endpoint| {
        resolved
            .iter()
            .any(|e| e.name == endpoint.name && endpoint_relied(e, relied))
    });
    // The browser calls are never the client's: no hand-written code relies on them.
    spec.endpoints.browser_calls.clear();
    let parameters = &model.endpoints.return_url_parameters;
    retain_indexed(&mut spec.endpoints.return_url_parameters, |at, _| {
        relied.has(format!("return_url::{}", parameters[at].constant))
    });
    let remote = &model.remote_auth;
    let auth = &spec.environments.remote_auth_auth;
    let credentials = [auth.id_field.clone(), auth.password_field.clone()];
    let api = &mut spec.endpoints.remote_auth;
    let named = |at: usize, name: &str| {
        credentials.iter().any(|credential| credential == name)
            || relied.has(format!("remote_auth::{}", remote.fields[at].constant))
            || relied.has(format!("RemoteAuthRequest::{name}"))
    };
    // A kept field's stand-in (`unless`) must be kept too.
    let stand_ins: Vec<String> = (api.fields.iter().enumerate())
        .filter(|(at, field)| named(*at, &field.name))
        .filter_map(|(_, field)| field.unless.clone())
        .collect();
    retain_indexed(&mut api.fields, |at, field| {
        named(at, &field.name) || stand_ins.contains(&field.name)
    });
    let required: BTreeSet<String> = api
        .fields
        .iter()
        .filter_map(|field| match &field.required_for {
            Some(Requirement::Types(types)) => Some(types.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    for (values, resolved) in [
        (&mut api.transaction_types, &remote.transaction_types),
        (&mut api.transaction_classes, &remote.transaction_classes),
    ] {
        let type_name = &resolved.name;
        retain_indexed(values, |at, value| {
            required.contains(&value.value)
                || relied.has(format!("{type_name}::{}", resolved.values[at].variant))
        });
    }
    let results = &remote.check_results;
    retain_indexed(&mut api.reply.check_results, |at, _| {
        relied.has(format!("CheckResult::{}", results[at].variant))
    });
}

/// Relied-on statuses and those the kept endpoints document.
fn keep_statuses(spec: &mut Spec, model: &Model, relied: &Relied) {
    let mut used: BTreeSet<u16> = BTreeSet::new();
    for endpoint in &spec.endpoints.gateway.endpoints {
        used.extend(endpoint.success);
        used.extend(&endpoint.statuses);
    }
    let statuses = &mut spec.statuses;
    for list in [&mut statuses.statuses, &mut statuses.elsewhere] {
        list.retain(|status| {
            let resolved = model.statuses.all().find(|s| s.code == status.code);
            used.contains(&status.code)
                || resolved.is_some_and(|s| relied.has(format!("http_statuses::{}", s.constant)))
        });
    }
}

/// Relied-on Gateway codes and acquirer codes, the acquirer classes of the
/// kept codes, and the outcomes their advice names.
fn keep_codes(spec: &mut Spec, model: &Model, relied: &Relied) {
    let errors = &model.errors.rows;
    retain_indexed(&mut spec.errors.errors, |at, _| {
        relied.has(format!("GatewayErrorCode::{}", errors[at].variant))
    });
    let warnings = &model.warnings.rows;
    retain_indexed(&mut spec.warnings.warnings, |at, _| {
        relied.has(format!("GatewayWarningCode::{}", warnings[at].variant))
    });
    let codes = &model.acquirer.codes;
    retain_indexed(&mut spec.acquirer.codes, |at, _| {
        relied.has(format!("AcquirerReason::{}", codes[at].constant))
    });
    let letters: BTreeSet<String> = (spec.acquirer.codes.iter())
        .map(|code| code.code[..1].to_string())
        .collect();
    let classes = &model.acquirer.classes;
    retain_indexed(&mut spec.acquirer.classes, |at, class| {
        letters.contains(&class.letter)
            || relied.has(format!("AcquirerClass::{}", classes[at].variant))
    });
    let advised: BTreeSet<String> = (spec.errors.errors.iter())
        .chain(&spec.warnings.warnings)
        .map(|row| &row.advice)
        .chain(spec.acquirer.codes.iter().map(|code| &code.advice))
        .chain(spec.acquirer.classes.iter().map(|class| &class.advice))
        .map(|advice| advice.outcome.clone())
        .collect();
    let outcomes = &model.guidance.outcomes;
    retain_indexed(&mut spec.guidance.outcomes, |at, outcome| {
        advised.contains(&outcome.key) || relied.has(format!("Outcome::{}", outcomes[at].variant))
    });
}

/// Relied-on cards and holders, with their schemes and scenarios.
fn keep_cards(spec: &mut Spec, model: &Model, relied: &Relied) {
    let cards = &model.cards;
    retain_indexed(&mut spec.cards.cards, |at, _| {
        relied.has(format!("test_cards::{}", cards.cards[at].constant))
    });
    retain_indexed(&mut spec.cards.holders, |at, _| {
        relied.has(format!("test_cards::{}", cards.holders[at].constant))
    });
    let schemes: Vec<String> = spec.cards.cards.iter().map(|c| c.scheme.clone()).collect();
    retain_indexed(&mut spec.cards.schemes, |at, scheme| {
        schemes.contains(&scheme.key)
            || relied.has(format!("CardScheme::{}", cards.schemes[at].variant))
    });
    let scenarios: Vec<String> = spec
        .cards
        .holders
        .iter()
        .map(|h| h.scenario.clone())
        .collect();
    retain_indexed(&mut spec.cards.scenarios, |at, scenario| {
        scenarios.contains(&scenario.key)
            || relied.has(format!(
                "ThreeDSecureScenario::{}",
                cards.scenarios[at].variant
            ))
    });
}

/// Relied-on environments.
fn keep_environments(spec: &mut Spec, model: &Model, relied: &Relied) {
    let resolved = &model.environments.list;
    spec.environments.environments.retain(|environment| {
        resolved
            .iter()
            .any(|e| e.key == environment.key && relied.has(format!("Environment::{}", e.variant)))
    });
}

/// The spec's tables as YAML files, each saying where it comes from.
fn written(spec: &Spec) -> SpecSources {
    fn file(name: &str, table: &impl Serialize) -> SourceFile {
        let mut value = serde_yaml::to_value(table).expect("the minimal spec serialises");
        drop_nulls(&mut value);
        let yaml = serde_yaml::to_string(&value).expect("the minimal spec serialises");
        SourceFile {
            name: name.to_string(),
            text: format!(
                "# Derived by codegen/tests/generator/minimal.rs from spec/{name}: the rows\n\
                 # hand-written code relies on, and what they need to be valid.\n{yaml}"
            ),
        }
    }
    SpecSources {
        files: vec![
            file(files::GUIDANCE, &spec.guidance),
            file(files::GATEWAY_ERRORS, &spec.errors),
            file(files::GATEWAY_WARNINGS, &spec.warnings),
            file(files::ACQUIRER_CODES, &spec.acquirer),
            file(files::TEST_CARDS, &spec.cards),
            file(files::HTTP_STATUSES, &spec.statuses),
            file(files::ENVIRONMENTS, &spec.environments),
            file(files::ENDPOINTS, &spec.endpoints),
            file(files::MODELS, &spec.models),
            file(files::SANDBOX, &spec.sandbox),
            file(files::SANDBOX_CONTROL, &spec.sandbox_control),
        ],
    }
}

/// Leaves out unset optional keys (`name: null`), as the spec leaves them out.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            map.retain(|_, value| !value.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Sequence(rows) => rows.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}
