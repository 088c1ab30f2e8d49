//! The sandbox's control surface: paths under its prefix, each route once,
//! path parameters used and declared, every schema named defined, every
//! `$ref` inside a schema resolvable.

use std::collections::BTreeSet;

use super::{Checker, Entry, Unique, source};
use crate::json::Json;
use crate::model::{ControlAnswer, ControlEndpoint, SandboxControl};
use crate::names::Case;
use crate::spec::{ControlAnswer as AnswerSpec, ControlEndpoint as EndpointSpec, Spec, files};

const FILE: &str = files::SANDBOX_CONTROL;
const METHODS: [&str; 4] = ["GET", "POST", "PUT", "DELETE"];
const REF_PREFIX: &str = "#/components/schemas/";

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> SandboxControl {
    let file = &spec.sandbox_control;
    let schemas = resolve_schemas(file, checker);
    let names: BTreeSet<&str> = schemas.iter().map(|(name, _)| name.as_str()).collect();
    let mut operations = Unique::new("operation name");
    let mut routes = Unique::new("method and path");
    let entries = Entry::list(FILE, "endpoints", "name", &file.endpoints, |e| {
        e.name.clone()
    });
    let mut endpoints = Vec::new();
    for (endpoint, entry) in file.endpoints.iter().zip(&entries) {
        let route = format!("{} {}", endpoint.method, endpoint.path);
        routes.insert(checker, entry, &route, &route);
        if let Some(name) = checker.ident(entry, Some(&endpoint.name), "", Case::Snake) {
            operations.insert(checker, entry, &name, &name);
        }
        check_route(&file.prefix, endpoint, checker, entry);
        let answers = answers(endpoint, &file.every_endpoint_answers);
        let named = answers.iter().filter_map(|a| a.schema.as_deref());
        for schema in endpoint.request.as_deref().into_iter().chain(named) {
            if !names.contains(schema) {
                checker.report(entry, format!("schema `{schema}` is not under `schemas`"));
            }
        }
        endpoints.push(ControlEndpoint {
            name: endpoint.name.clone(),
            summary: endpoint.summary.clone(),
            method: endpoint.method.to_ascii_lowercase(),
            path: endpoint.path.clone(),
            path_params: pairs(&endpoint.path_params),
            query_params: pairs(&endpoint.query_params),
            request: endpoint.request.clone(),
            answers,
        });
    }
    SandboxControl {
        source: source(FILE, &file.source),
        prefix: file.prefix.clone(),
        description: file.description.clone(),
        schemas,
        endpoints,
    }
}

fn pairs(params: &[crate::spec::ControlParam]) -> Vec<(String, String)> {
    params
        .iter()
        .map(|p| (p.name.clone(), p.description.clone()))
        .collect()
}

/// The endpoint's answers and every endpoint's, sorted by status; where
/// both give a status, the endpoint's own.
fn answers(endpoint: &EndpointSpec, every: &[AnswerSpec]) -> Vec<ControlAnswer> {
    let mut answers: Vec<ControlAnswer> = endpoint.answers.iter().map(answer).collect();
    for shared in every {
        if !answers.iter().any(|a| a.status == shared.status) {
            answers.push(answer(shared));
        }
    }
    answers.sort_by_key(|a| a.status);
    answers
}

fn answer(spec: &AnswerSpec) -> ControlAnswer {
    ControlAnswer {
        status: spec.status,
        description: spec.description.clone(),
        schema: spec.schema.clone(),
    }
}

fn check_route(prefix: &str, endpoint: &EndpointSpec, checker: &mut Checker<'_>, entry: &Entry) {
    if !METHODS.contains(&endpoint.method.as_str()) {
        let reason = format!("`{}` is not one of {METHODS:?}", endpoint.method);
        checker.report(entry, reason);
    }
    if !endpoint.path.starts_with(&format!("{prefix}/")) {
        let reason = format!("path `{}` is not under `{prefix}/`", endpoint.path);
        checker.report(entry, reason);
    }
    let used: Vec<&str> = endpoint
        .path
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    let declared: Vec<&str> = endpoint
        .path_params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    if used != declared {
        let reason = format!("the path's parameters {used:?} are not those declared, {declared:?}");
        checker.report(entry, reason);
    }
    for answer in &endpoint.answers {
        if !(100..600).contains(&answer.status) {
            checker.report(entry, format!("{} is not an HTTP status", answer.status));
        }
    }
}

/// The named schemas as JSON, each `$ref` in them checked.
fn resolve_schemas(
    file: &crate::spec::SandboxControlFile,
    checker: &mut Checker<'_>,
) -> Vec<(String, Json)> {
    let mut schemas = Vec::new();
    for (key, value) in &file.schemas {
        let name = key.as_str().unwrap_or_default().to_owned();
        let entry = Entry::new(FILE, "schemas", schemas.len(), "schemas", &name);
        match Json::from_yaml(value) {
            Ok(json) => schemas.push((name, json)),
            Err(reason) => checker.report(&entry, reason),
        }
    }
    let names: BTreeSet<String> = schemas.iter().map(|(name, _)| name.clone()).collect();
    for (index, (name, schema)) in schemas.iter().enumerate() {
        let mut refs = Vec::new();
        collect_refs(schema, &mut refs);
        for target in refs {
            let known = target
                .strip_prefix(REF_PREFIX)
                .is_some_and(|name| names.contains(name));
            if !known {
                let entry = Entry::new(FILE, "schemas", index, "schemas", name);
                checker.report(&entry, format!("`$ref: {target}` names no schema"));
            }
        }
    }
    schemas
}

fn collect_refs<'a>(json: &'a Json, refs: &mut Vec<&'a str>) {
    match json {
        Json::Object(entries) => {
            for (key, value) in entries {
                match (key.as_str(), value) {
                    ("$ref", Json::String(target)) => refs.push(target),
                    _ => collect_refs(value, refs),
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|item| collect_refs(item, refs)),
        _ => {}
    }
}
