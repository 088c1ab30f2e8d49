//! Remote Auth: form fields, the transaction types and classes, and the
//! reply's check results.

use super::{Checker, Entry, Unique, source};
use crate::links::{self, Item, TypeKind};
use crate::model::{
    CheckResult, FormField, FormType, RemoteAuth, Requirement, WireEnum, WireValue,
};
use crate::names::{self, Case};
use crate::spec::{self, NamedValue, Spec, files};

const FILE: &str = files::ENDPOINTS;

/// The `remote_auth` module's own constants, beside the field constants.
const MODULE_ITEMS: [(&str, &str); 3] = [
    ("FIELDS", "the list of every field"),
    ("CONTENT_TYPE", "the request's content type"),
    ("REPLY_SEPARATOR", "the reply's field separator"),
];

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> RemoteAuth {
    let api = &spec.endpoints.remote_auth;
    let reply = &api.reply;
    let mut separator = reply.separator.chars();
    let reply_separator = match (separator.next(), separator.next()) {
        (Some(separator), None) => separator,
        _ => {
            checker.report_file(FILE, "remote_auth.reply.separator must be one character");
            '|'
        }
    };
    let transaction_types = resolve_values(
        checker,
        "transaction_types",
        "TransactionType",
        "The kind of Remote Auth transaction (`tran_type`).",
        &api.transaction_types,
    );
    RemoteAuth {
        source: source(FILE, &spec.endpoints.source),
        note: api.note.clone(),
        method: api.method.clone(),
        content_type: api.content_type.clone(),
        encoding: api.encoding.clone(),
        fields: resolve_fields(spec, &transaction_types, checker),
        transaction_types,
        transaction_classes: resolve_values(
            checker,
            "transaction_classes",
            "TransactionClass",
            "How the card holder is present (`tran_class`).",
            &api.transaction_classes,
        ),
        reply_separator,
        reply_provenance: reply.provenance,
        reply_fields: reply
            .fields
            .iter()
            .map(|field| (field.name.clone(), field.description.clone()))
            .collect(),
        check_results: resolve_check_results(spec, checker),
    }
}

fn resolve_fields(spec: &Spec, types: &WireEnum, checker: &mut Checker<'_>) -> Vec<FormField> {
    let api = &spec.endpoints.remote_auth;
    let auth = &spec.environments.remote_auth_auth;
    let mut names = Unique::new("form field");
    let mut constants = Unique::reserving("constant", &MODULE_ITEMS);
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "remote_auth.fields", "name", &api.fields, |f| {
        f.name.clone()
    });
    for (field, entry) in api.fields.iter().zip(&entries) {
        let ty = FormType::parse(&field.ty);
        if ty.is_none() {
            let known = FormType::SPELLINGS.map(|(spelling, _)| spelling);
            checker.report(
                entry,
                format!("type `{}` is not one of {known:?}", field.ty),
            );
        }
        let is_credential_name = field.name == auth.id_field || field.name == auth.password_field;
        if field.credential != is_credential_name {
            checker.report(
                entry,
                format!(
                    "exactly the fields `{}` and `{}` of environments.yaml are credentials",
                    auth.id_field, auth.password_field
                ),
            );
        }
        let required_for = requirement(field, types, checker, entry);
        if let Some(other) = &field.unless {
            if !api.fields.iter().any(|f| &f.name == other) {
                checker.report(
                    entry,
                    format!("`unless` names `{other}`, which is not a field"),
                );
            }
        }
        let name = checker.ident(entry, Some(&field.name), "", Case::Snake);
        if let Some(name) = &name {
            names.insert(checker, entry, name, &field.name);
        }
        let constant = checker.ident(entry, None, &field.name, Case::ShoutySnake);
        if let Some(constant) = &constant {
            constants.insert(checker, entry, constant, &field.name);
        }
        if let (Some(name), Some(constant), Some(ty)) = (name, constant, ty) {
            resolved.push(FormField {
                anchor: names::anchor("field-", &name),
                name,
                constant,
                ty,
                requirement: wording(&required_for, field.unless.as_deref(), types),
                required_for,
                unless: field.unless.clone(),
                format: field.format.clone(),
                max_length: field.max_length,
                secret: field.secret,
                credential: field.credential,
                provenance: field.provenance,
            });
        }
    }
    resolved
}

/// "mandatory", "mandatory for sale and verify (unless `card_token` is
/// sent)", "optional": how every output words a requirement.
fn wording(requirement: &Requirement, unless: Option<&str>, types: &WireEnum) -> String {
    let mut wording = match requirement {
        Requirement::Always => "mandatory".to_string(),
        Requirement::Optional => "optional".to_string(),
        Requirement::For(variants) => {
            let wires: Vec<&str> = variants
                .iter()
                .filter_map(|variant| types.values.iter().find(|v| &v.variant == variant))
                .map(|value| value.wire.as_str())
                .collect();
            format!("mandatory for {}", wires.join(" and "))
        }
    };
    if let Some(other) = unless {
        wording.push_str(&format!(" (unless `{other}` is sent)"));
    }
    wording
}

/// `all`, a list of `tran_type` values (as the `TransactionType` variants),
/// or nothing: optional.
fn requirement(
    field: &spec::FormField,
    types: &WireEnum,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Requirement {
    match &field.required_for {
        None => Requirement::Optional,
        Some(spec::Requirement::All(word)) if word == "all" => Requirement::Always,
        Some(spec::Requirement::All(word)) => {
            checker.report(
                entry,
                format!("`required_for: {word}`: say `all` or list transaction types"),
            );
            Requirement::Optional
        }
        Some(spec::Requirement::Types(wires)) => {
            let mut variants = Vec::new();
            for wire in wires {
                match types.values.iter().find(|value| &value.wire == wire) {
                    Some(value) => variants.push(value.variant.clone()),
                    None => checker.report(
                        entry,
                        format!("`required_for` names `{wire}`, which is not a transaction type"),
                    ),
                }
            }
            Requirement::For(variants)
        }
    }
}

fn resolve_values(
    checker: &mut Checker<'_>,
    list: &str,
    name: &str,
    description: &str,
    values: &[NamedValue],
) -> WireEnum {
    let mut variants = Unique::reserving(
        "name",
        &[("Unknown", "kept for values the spec does not list")],
    );
    let mut wire = Unique::new("value");
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, list, "value", values, |v| v.value.clone());
    for (value, entry) in values.iter().zip(&entries) {
        wire.insert(checker, entry, &value.value, &value.value);
        if let Some(variant) = checker.ident(entry, Some(&value.name), "", Case::UpperCamel) {
            variants.insert(checker, entry, &variant, &variant);
            resolved.push(WireValue {
                variant,
                wire: value.value.clone(),
                description: value.description.clone(),
                provenance: Some(value.provenance),
            });
        }
    }
    let anchor = names::anchor("enum-", name);
    let item = Item::Type {
        module: "remote_auth",
        kind: TypeKind::Enum,
        name,
    };
    WireEnum {
        links: links::links(item, links::pages::REMOTE_AUTH, &anchor),
        anchor,
        name: name.to_string(),
        description: description.to_string(),
        provenance: crate::spec::Provenance::Observed,
        project_descriptions: false,
        values: resolved,
    }
}

fn resolve_check_results(spec: &Spec, checker: &mut Checker<'_>) -> Vec<CheckResult> {
    let results = &spec.endpoints.remote_auth.reply.check_results;
    let mut digits = Unique::new("digit");
    let mut variants = Unique::reserving(
        "name",
        &[("Other", "kept for digits the spec does not list")],
    );
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "check_results", "digit", results, |r| {
        r.digit.to_string()
    });
    for (result, entry) in results.iter().zip(&entries) {
        let digit = result.digit.to_string();
        digits.insert(checker, entry, &digit, &digit);
        let digit = char::from_digit(u32::from(result.digit), 10);
        if digit.is_none() {
            checker.report(entry, "a check result is one digit");
        }
        let variant = checker.ident(entry, Some(&result.name), "", Case::UpperCamel);
        if let Some(variant) = &variant {
            variants.insert(checker, entry, variant, variant);
        }
        if let (Some(digit), Some(variant)) = (digit, variant) {
            resolved.push(CheckResult {
                digit,
                variant,
                description: result.description.clone(),
            });
        }
    }
    resolved
}
