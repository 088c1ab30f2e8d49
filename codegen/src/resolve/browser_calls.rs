//! Embedded checkout's browser calls (`browser_calls` of `endpoints.yaml`):
//! method, path and parameters as the Gateway endpoints', names and routes
//! shared with them (one OpenAPI document holds both), body and answer
//! fields of the type grammar whose named types `models.yaml` defines, and
//! statuses known. They reach the OpenAPI document and the book, never the
//! client.

use super::endpoints::check_path_params;
use super::{Checker, Entry, Unique};
use crate::model::{
    BrowserAnswer, BrowserBody, BrowserCall, BrowserData, BrowserField, BrowserParam,
};
use crate::names;
use crate::spec::{self, Spec, files};
use crate::types::TypeRef;

const FILE: &str = files::ENDPOINTS;
const LIST: &str = "browser_calls";
/// The methods the browser library uses.
const METHODS: [&str; 3] = ["GET", "POST", "DELETE"];

pub(super) fn resolve(
    spec: &Spec,
    checker: &mut Checker<'_>,
    names: &mut Unique,
    routes: &mut Unique,
) -> Vec<BrowserCall> {
    let calls = &spec.endpoints.browser_calls;
    let entries = Entry::list(FILE, LIST, "name", calls, |c| c.name.clone());
    let mut resolved = Vec::new();
    for (call, entry) in calls.iter().zip(entries) {
        let entry = entry.in_blocks(&[LIST]);
        let route = format!("{} {}", call.method, call.path);
        routes.insert(checker, &entry, &route, &route);
        names.insert(checker, &entry, &call.name, &call.name);
        check_route(spec, call, checker, &entry);
        let path_params = resolve_path_params(call, checker, &entry);
        let request = resolve_request(spec, call, checker, &entry);
        let answer = resolve_answer(spec, call, checker, &entry);
        check_statuses(spec, call, checker, &entry);
        let (Some(request), Some(answer)) = (request, answer) else {
            continue;
        };
        resolved.push(BrowserCall {
            anchor: names::anchor("browser-", &call.name),
            name: call.name.clone(),
            summary: call.summary.clone(),
            method: call.method.clone(),
            path: call.path.clone(),
            path_params,
            request,
            answer,
            success: call.success,
            statuses: call.statuses.clone(),
            provenance: call.provenance,
            note: call.note.clone(),
        });
    }
    resolved
}

fn check_route(
    spec: &Spec,
    call: &spec::BrowserCall,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    if !METHODS.contains(&call.method.as_str()) {
        checker.report(
            entry,
            format!("`{}` is not one of {METHODS:?}", call.method),
        );
    }
    let prefix = &spec.endpoints.gateway.path_prefix;
    if !call.path.starts_with(prefix) {
        checker.report(
            entry,
            format!("path `{}` is not under `{prefix}`", call.path),
        );
    }
}

fn resolve_path_params(
    call: &spec::BrowserCall,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Vec<BrowserParam> {
    let declared: Vec<&str> = call.path_params.iter().map(|p| p.name.as_str()).collect();
    check_path_params(&call.placeholders(), &declared, checker, entry);
    call.path_params
        .iter()
        .map(|param| BrowserParam {
            wire: param.name.clone(),
            description: param.description.clone(),
        })
        .collect()
}

fn resolve_request(
    spec: &Spec,
    call: &spec::BrowserCall,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<Vec<BrowserBody>> {
    if !call.request.is_empty() && call.method != "POST" {
        checker.report(entry, "only a POST call has a request body");
        return None;
    }
    let mut bodies = Vec::new();
    for (index, body) in call.request.iter().enumerate() {
        let what = format!("request[{index}]");
        bodies.push(BrowserBody {
            description: body.description.clone(),
            fields: resolve_fields(spec, &what, &body.fields, checker, entry)?,
        });
    }
    Some(bodies)
}

fn resolve_answer(
    spec: &Spec,
    call: &spec::BrowserCall,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<BrowserAnswer> {
    let answer = &call.answer;
    let data = match answer.data.as_str() {
        "object" => BrowserData::Object,
        "list" => BrowserData::List,
        "unpublished" => BrowserData::Unpublished,
        other => {
            checker.report(
                entry,
                format!("answer: `data: {other}` is not one of object, list, unpublished"),
            );
            return None;
        }
    };
    if (data == BrowserData::Unpublished) != answer.fields.is_empty() {
        checker.report(
            entry,
            "answer: an unpublished answer lists no field, and only an unpublished one",
        );
        return None;
    }
    Some(BrowserAnswer {
        data,
        description: answer.description.clone(),
        fields: resolve_fields(spec, "answer", &answer.fields, checker, entry)?,
    })
}

/// Fields of the type grammar, each named once; a named type is a model or
/// an enumeration of `models.yaml`.
fn resolve_fields(
    spec: &Spec,
    what: &str,
    fields: &[spec::BrowserField],
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) -> Option<Vec<BrowserField>> {
    let models = &spec.models;
    let defined = |name: &str| {
        models.models.iter().any(|m| m.name == name) || models.enums.iter().any(|e| e.name == name)
    };
    let mut seen = Unique::new("field");
    let mut resolved = Vec::new();
    let mut broken = false;
    for field in fields {
        seen.insert(checker, entry, &field.name, &field.name);
        match TypeRef::parse(&field.ty) {
            Ok(ty) => match ty.named() {
                Some(name) if !defined(name) => {
                    checker.report(
                        entry,
                        format!(
                            "{what} field `{}`: `{name}` is not a model or enumeration of models.yaml",
                            field.name
                        ),
                    );
                    broken = true;
                }
                _ => resolved.push(BrowserField {
                    wire: field.name.clone(),
                    ty,
                    required: field.required,
                    description: field.description.clone(),
                }),
            },
            Err(reason) => {
                checker.report(entry, format!("{what} field `{}`: {reason}", field.name));
                broken = true;
            }
        }
    }
    (!broken).then_some(resolved)
}

fn check_statuses(
    spec: &Spec,
    call: &spec::BrowserCall,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
) {
    let statuses = &spec.statuses;
    let known = |code: u16| {
        (statuses.statuses.iter())
            .chain(&statuses.elsewhere)
            .any(|s| s.code == code)
    };
    for code in call.success.iter().chain(&call.statuses).copied() {
        if !known(code) {
            checker.report(entry, format!("status {code} is not in http-statuses.yaml"));
        }
    }
    if let Some(success) = call.success.filter(|s| call.statuses.contains(s)) {
        checker.report(
            entry,
            format!("status {success} is the success status; list only the others"),
        );
    }
}
