//! Endpoints: path parameters used and declared, models defined, statuses known.

use super::{Checker, Entry, Unique};
use crate::ident::Case;
use crate::spec::{FORM_FIELD_TYPES, GatewayEndpoint, Spec, files};
use crate::types::TypeRef;

const FILE: &str = files::ENDPOINTS;
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

pub(super) fn check(spec: &Spec, checker: &mut Checker<'_>) {
    let endpoints = &spec.endpoints.gateway.endpoints;
    let mut names = Unique::new("endpoint name");
    let mut routes = Unique::new("method and path");
    let entries = Entry::list(FILE, "endpoints", "name", endpoints, |e| e.name.clone());
    for (endpoint, entry) in endpoints.iter().zip(&entries) {
        if let Some(name) = checker.ident(entry, Some(&endpoint.name), "", Case::Snake) {
            names.insert(checker, entry, &name, &name);
        }
        let route = format!("{} {}", endpoint.method, endpoint.path);
        routes.insert(checker, entry, &route, &route);
        if !METHODS.contains(&endpoint.method.as_str()) {
            checker.report(
                entry,
                format!("`{}` is not one of {METHODS:?}", endpoint.method),
            );
        }
        if !endpoint
            .path
            .starts_with(&spec.endpoints.gateway.path_prefix)
        {
            checker.report(
                entry,
                format!(
                    "path `{}` is not under `{}`",
                    endpoint.path, spec.endpoints.gateway.path_prefix
                ),
            );
        }
        check_path_params(endpoint, checker, entry);
        check_types(spec, endpoint, checker, entry);
        check_statuses(spec, endpoint, checker, entry);
    }
    check_remote_auth(spec, checker);
}

fn check_path_params(endpoint: &GatewayEndpoint, checker: &mut Checker<'_>, entry: &Entry<'_>) {
    let used = endpoint.placeholders();
    for name in &used {
        if !endpoint.path_params.iter().any(|p| p.name == *name) {
            checker.report(
                entry,
                format!("path parameter `{name}` is used in the path but not declared"),
            );
        }
    }
    let mut declared = Unique::new("path parameter");
    for param in &endpoint.path_params {
        declared.insert(checker, entry, &param.name, &param.name);
        if !used.contains(&param.name.as_str()) {
            checker.report(
                entry,
                format!(
                    "path parameter `{}` is declared but not used in the path",
                    param.name
                ),
            );
        }
        checker.ident(entry, None, &param.name, Case::Snake);
    }
    let mut query = Unique::new("query parameter");
    for param in &endpoint.query_params {
        query.insert(checker, entry, &param.name, &param.name);
        checker.ident(entry, None, &param.name, Case::Snake);
    }
}

fn check_types(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    let models = &spec.models.models;
    if let Some(request) = &endpoint.request {
        if !models.iter().any(|m| &m.name == request) {
            checker.report(
                entry,
                format!("request model `{request}` is not defined in models.yaml"),
            );
        }
    }
    match TypeRef::parse(&endpoint.response) {
        Ok(ty @ (TypeRef::Named(_) | TypeRef::List(_))) => match ty.named() {
            Some(name) if models.iter().any(|m| m.name == name) => {}
            Some(name) => checker.report(
                entry,
                format!("response model `{name}` is not defined in models.yaml"),
            ),
            None => checker.report(entry, "the response is a model or a list of a model"),
        },
        Ok(_) => checker.report(entry, "the response is a model or a list of a model"),
        Err(reason) => checker.report(entry, format!("response: {reason}")),
    }
    for param in &endpoint.query_params {
        match TypeRef::parse(&param.ty) {
            Ok(TypeRef::Named(name)) if !spec.models.enums.iter().any(|e| e.name == name) => {
                checker.report(
                    entry,
                    format!(
                        "query parameter `{}`: enum `{name}` is not defined",
                        param.name
                    ),
                );
            }
            Ok(TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Json) => {
                checker.report(
                    entry,
                    format!("query parameter `{}` must be a scalar", param.name),
                );
            }
            Ok(_) => {}
            Err(reason) => {
                checker.report(entry, format!("query parameter `{}`: {reason}", param.name))
            }
        }
    }
}

fn check_statuses(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    let known = |code: u16| spec.statuses.statuses.iter().any(|s| s.code == code);
    for code in std::iter::once(endpoint.success).chain(endpoint.statuses.iter().copied()) {
        if !known(code) {
            checker.report(entry, format!("status {code} is not in http-statuses.yaml"));
        }
    }
    if endpoint.statuses.contains(&endpoint.success) {
        checker.report(
            entry,
            format!(
                "status {} is the success status; list only the others",
                endpoint.success
            ),
        );
    }
}

fn check_remote_auth(spec: &Spec, checker: &mut Checker<'_>) {
    let api = &spec.endpoints.remote_auth;
    let mut fields = Unique::new("form field");
    let entries = Entry::list(FILE, "remote_auth.fields", "name", &api.fields, |f| {
        f.name.clone()
    });
    for (field, entry) in api.fields.iter().zip(&entries) {
        if let Some(ident) = checker.ident(entry, Some(&field.name), "", Case::Snake) {
            fields.insert(checker, entry, &ident, &field.name);
        }
        if !FORM_FIELD_TYPES.contains(&field.ty.as_str()) {
            checker.report(
                entry,
                format!("type `{}` is not one of {FORM_FIELD_TYPES:?}", field.ty),
            );
        }
        let auth = &spec.environments.remote_auth_auth;
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
    }
    for (list, values) in [
        ("transaction_types", &api.transaction_types),
        ("transaction_classes", &api.transaction_classes),
    ] {
        let mut names = Unique::new("name");
        let mut wire = Unique::new("value");
        let entries = Entry::list(FILE, list, "value", values, |v| v.value.clone());
        for (value, entry) in values.iter().zip(&entries) {
            wire.insert(checker, entry, &value.value, &value.value);
            if let Some(name) = checker.ident(entry, Some(&value.name), "", Case::UpperCamel) {
                names.insert(checker, entry, &name, &name);
            }
        }
    }
    let mut digits = Unique::new("check digit");
    let results = &api.reply.check_results;
    let entries = Entry::list(FILE, "check_results", "digit", results, |r| {
        r.digit.to_string()
    });
    for (result, entry) in results.iter().zip(&entries) {
        digits.insert(
            checker,
            entry,
            &result.digit.to_string(),
            &result.digit.to_string(),
        );
        if result.digit > 9 {
            checker.report(entry, "a check result is one digit");
        }
        checker.ident(entry, Some(&result.name), "", Case::UpperCamel);
    }
    if api.reply.separator.chars().count() != 1 {
        checker.report_file(FILE, "remote_auth.reply.separator must be one character");
    }
}
