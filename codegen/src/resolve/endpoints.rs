//! Gateway endpoints: path parameters used and declared, models defined,
//! statuses known, and the names each endpoint gives the client.

use super::{Checker, Entry, Unique, source};
use crate::json::Json;
use crate::links::{self, Item};
use crate::model::{
    AnswerExample, BodyField, Endpoint, Endpoints, HttpMethod, PathParam, QueryParam, QueryType,
    ReturnUrlParameter, Webhook,
};
use crate::names::{self, Case};
use crate::spec::{GatewayEndpoint, Spec, files};
use crate::types::TypeRef;

const FILE: &str = files::ENDPOINTS;
const METHODS: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/// The `endpoints` module's own items, beside the spec's.
const MODULE_ITEMS: [(&str, &str); 4] = [
    ("ALL", "the list of every endpoint"),
    ("Endpoint", "the descriptor type"),
    ("Method", "the method type"),
    ("Operation", "the enum of every endpoint"),
];

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Endpoints {
    let endpoints = &spec.endpoints.gateway.endpoints;
    let mut names = Unique::new("endpoint name");
    let mut routes = Unique::new("method and path");
    let mut variants = Unique::new("`Operation` variant");
    let mut items = Unique::reserving("item of `endpoints`", &MODULE_ITEMS);
    let mut list = Vec::new();
    let entries = Entry::list(FILE, "endpoints", "name", endpoints, |e| e.name.clone());
    for (endpoint, entry) in endpoints.iter().zip(&entries) {
        let route = format!("{} {}", endpoint.method, endpoint.path);
        routes.insert(checker, entry, &route, &route);
        check_route(spec, endpoint, checker, entry);
        let path_params = resolve_path_params(endpoint, checker, entry);
        let query = resolve_query(spec, endpoint, checker, entry);
        let request = check_request(spec, endpoint, checker, entry);
        let response = check_response(spec, endpoint, checker, entry);
        let example = resolve_example(endpoint, checker, entry);
        check_statuses(spec, endpoint, checker, entry);
        let Some(name) = checker.ident(entry, Some(&endpoint.name), "", Case::Snake) else {
            continue;
        };
        names.insert(checker, entry, &name, &name);
        let Some(constant) = checker.ident(entry, None, &name, Case::ShoutySnake) else {
            continue;
        };
        let Some(variant) = checker.ident(entry, None, &name, Case::UpperCamel) else {
            continue;
        };
        variants.insert(checker, entry, &variant, &name);
        let path_fn = format!("{name}_path");
        for item in [&constant, &path_fn] {
            items.insert(checker, entry, item, &name);
        }
        if let Some(query) = &query {
            items.insert(checker, entry, &query.name, &name);
        }
        let method = checker.ident(entry, None, &endpoint.method, Case::UpperCamel);
        let (Some(method), Some(response)) = (method, response) else {
            continue;
        };
        if (endpoint.method == "HEAD") != response.is_none() {
            checker.report(
                entry,
                "a HEAD call has `response: none`, and only a HEAD call has",
            );
        }
        let anchor = names::anchor("endpoint-", &name);
        let item = Item::Method {
            module: "",
            ty: "Client",
            name: &name,
        };
        list.push(Endpoint {
            links: links::links(item, links::pages::ENDPOINTS, &anchor),
            anchor,
            name,
            constant,
            variant,
            path_fn,
            summary: endpoint.summary.clone(),
            method: HttpMethod {
                wire: endpoint.method.clone(),
                variant: method,
            },
            path: endpoint.path.clone(),
            path_params,
            query,
            request,
            response,
            success: endpoint.success,
            statuses: endpoint.statuses.clone(),
            provenance: endpoint.provenance,
            statuses_provenance: endpoint.statuses_provenance.unwrap_or(endpoint.provenance),
            note: endpoint.note.clone(),
            project_note: endpoint.project_note.clone(),
            example,
        });
    }
    let browser_calls = super::browser_calls::resolve(spec, checker, &mut names, &mut routes);
    Endpoints {
        source: source(FILE, &spec.endpoints.source),
        list,
        browser_calls,
        return_url_parameters: resolve_return_url_parameters(spec, checker),
        webhook: resolve_webhook(spec, checker),
    }
}

/// An example answer: an envelope whose `data` the call's model reads (the
/// `cashflows-tests` crate decodes each with the client).
fn resolve_example(
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<AnswerExample> {
    let example = endpoint.example.as_ref()?;
    let value = match Json::from_yaml(&example.value) {
        Ok(value) => value,
        Err(reason) => {
            checker.report(entry, format!("example: {reason}"));
            return None;
        }
    };
    if value.get("data").is_none() || endpoint.response == "none" {
        checker.report(
            entry,
            "an example is an answer with `data`, of a call that has one",
        );
        return None;
    }
    Some(AnswerExample {
        summary: example.summary.clone(),
        description: example.description.clone(),
        value,
    })
}

/// The webhook's bodies: types of the field grammar, models defined.
fn resolve_webhook(spec: &Spec, checker: &mut Checker<'_>) -> Webhook {
    let webhook = &spec.endpoints.webhook;
    let mut fields = |list: &str, items: &[crate::spec::BodyField]| -> Vec<BodyField> {
        let entries = Entry::list(FILE, list, "name", items, |f| f.name.clone());
        let mut resolved = Vec::new();
        for (field, entry) in items.iter().zip(&entries) {
            match TypeRef::parse(&field.ty) {
                Ok(ty) if ty.named().is_none() => resolved.push(BodyField {
                    wire: field.name.clone(),
                    ty,
                    description: field.description.clone(),
                }),
                Ok(_) => checker.report(entry, "a webhook field is of a plain type"),
                Err(reason) => checker.report(entry, reason),
            }
        }
        resolved
    };
    Webhook {
        provenance: webhook.provenance,
        note: webhook.note.clone(),
        notification: fields("notification", &webhook.notification),
        acknowledgement: fields("acknowledgement", &webhook.acknowledgement),
    }
}

fn resolve_return_url_parameters(
    spec: &Spec,
    checker: &mut Checker<'_>,
) -> Vec<ReturnUrlParameter> {
    let parameters = &spec.endpoints.return_url_parameters;
    let mut constants = Unique::reserving("constant", &[("ALL", "the list of every parameter")]);
    let mut resolved = Vec::new();
    let entries = Entry::list(FILE, "return_url_parameters", "name", parameters, |p| {
        p.name.clone()
    });
    for (parameter, entry) in parameters.iter().zip(&entries) {
        let Some(constant) = checker.ident(entry, None, &parameter.name, Case::ShoutySnake) else {
            continue;
        };
        constants.insert(checker, entry, &constant, &parameter.name);
        resolved.push(ReturnUrlParameter {
            name: parameter.name.clone(),
            constant,
            description: parameter.description.clone(),
            provenance: parameter.provenance,
        });
    }
    resolved
}

fn check_route(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    if !METHODS.contains(&endpoint.method.as_str()) {
        checker.report(
            entry,
            format!("`{}` is not one of {METHODS:?}", endpoint.method),
        );
    }
    let prefix = &spec.endpoints.gateway.path_prefix;
    if !endpoint.path.starts_with(prefix) {
        checker.report(
            entry,
            format!("path `{}` is not under `{prefix}`", endpoint.path),
        );
    }
}

fn resolve_path_params(
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Vec<PathParam> {
    let declared: Vec<&str> = endpoint
        .path_params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    check_path_params(&endpoint.placeholders(), &declared, checker, entry);
    let mut idents = Unique::new("Rust parameter");
    let mut resolved = Vec::new();
    for param in &endpoint.path_params {
        if let Some(ident) = checker.ident(entry, None, &param.name, Case::Snake) {
            idents.insert(checker, entry, &ident, &param.name);
            resolved.push(PathParam {
                wire: param.name.clone(),
                ident,
                description: param.description.clone(),
            });
        }
    }
    resolved
}

/// A path's placeholders (`used`) and its declared parameters name the
/// same parameters, each declared once; each mismatch is a problem.
pub(super) fn check_path_params(
    used: &[&str],
    declared: &[&str],
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    for name in used {
        if !declared.contains(name) {
            checker.report(
                entry,
                format!("path parameter `{name}` is used in the path but not declared"),
            );
        }
    }
    let mut unique = Unique::new("path parameter");
    for name in declared {
        unique.insert(checker, entry, name, name);
        if !used.contains(name) {
            checker.report(
                entry,
                format!("path parameter `{name}` is declared but not used in the path"),
            );
        }
    }
}

fn resolve_query(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<QueryType> {
    if endpoint.query_params.is_empty() {
        return None;
    }
    let mut wire = Unique::new("query parameter");
    let mut fields = Unique::new("Rust field");
    let mut params = Vec::new();
    for param in &endpoint.query_params {
        wire.insert(checker, entry, &param.name, &param.name);
        let ty = match TypeRef::parse(&param.ty) {
            Ok(TypeRef::Named(name)) if !spec.models.enums.iter().any(|e| e.name == name) => {
                checker.report(
                    entry,
                    format!(
                        "query parameter `{}`: enum `{name}` is not defined",
                        param.name
                    ),
                );
                None
            }
            Ok(ty) if ty.is_collection() || ty == TypeRef::Json => {
                checker.report(
                    entry,
                    format!("query parameter `{}` must be a scalar", param.name),
                );
                None
            }
            Ok(ty) => Some(ty),
            Err(reason) => {
                checker.report(entry, format!("query parameter `{}`: {reason}", param.name));
                None
            }
        };
        let field = checker.ident(entry, None, &param.name, Case::Snake);
        if let Some(field) = &field {
            fields.insert(checker, entry, field, &param.name);
        }
        if let (Some(ty), Some(field)) = (ty, field) {
            params.push(QueryParam {
                wire: param.name.clone(),
                field,
                ty,
                description: param.description.clone(),
            });
        }
    }
    let base = checker.ident(entry, None, &endpoint.name, Case::UpperCamel)?;
    Some(QueryType {
        name: format!("{base}Query"),
        params,
    })
}

fn check_request(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<String> {
    let request = endpoint.request.as_ref()?;
    if !spec.models.models.iter().any(|m| &m.name == request) {
        checker.report(
            entry,
            format!("request model `{request}` is not defined in models.yaml"),
        );
    }
    Some(request.clone())
}

/// What `data` holds: `Some(None)` for a call without a body, `None` when
/// the response is not understood (the problem is reported).
fn check_response(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<Option<TypeRef>> {
    let models = &spec.models.models;
    if endpoint.response == "none" {
        return Some(None);
    }
    match TypeRef::parse(&endpoint.response) {
        Ok(ty @ (TypeRef::Named(_) | TypeRef::List(_))) => match ty.named() {
            Some(name) if models.iter().any(|m| m.name == name) => Some(Some(ty)),
            Some(name) => {
                checker.report(
                    entry,
                    format!("response model `{name}` is not defined in models.yaml"),
                );
                None
            }
            None => {
                checker.report(
                    entry,
                    "the response is a model, a list of a model, or `none`",
                );
                None
            }
        },
        Ok(_) => {
            checker.report(
                entry,
                "the response is a model, a list of a model, or `none`",
            );
            None
        }
        Err(reason) => {
            checker.report(entry, format!("response: {reason}"));
            None
        }
    }
}

fn check_statuses(
    spec: &Spec,
    endpoint: &GatewayEndpoint,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    let statuses = &spec.statuses;
    let known = |code: u16| {
        (statuses.statuses.iter())
            .chain(&statuses.elsewhere)
            .any(|s| s.code == code)
    };
    for code in endpoint.success.iter().chain(&endpoint.statuses).copied() {
        if !known(code) {
            checker.report(entry, format!("status {code} is not in http-statuses.yaml"));
        }
    }
    if let Some(success) = endpoint.success.filter(|s| endpoint.statuses.contains(s)) {
        checker.report(
            entry,
            format!("status {success} is the success status; list only the others"),
        );
    }
}
