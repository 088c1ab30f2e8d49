//! `generated/manifest.tsv`: one line per spec row (table, key, what the
//! client's public API sees of it, its content), the baseline the change
//! report compares a spec edit against.

use super::GeneratedFile;
use super::header::{self, EVERY_TABLE};
use crate::change_report::Row;
use crate::model::{Advice, CodeRow, Model};

/// Where the manifest is written, relative to the repository root.
pub const PATH: &str = "generated/manifest.tsv";

pub fn file(model: &Model) -> GeneratedFile {
    let mut text = header::tsv(EVERY_TABLE);
    text.push_str("# One row per spec row: table, key, public API, content.\n");
    for row in rows(model) {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            clean(&row.table),
            clean(&row.key),
            clean(&row.api),
            clean(&row.content)
        ));
    }
    GeneratedFile::new(PATH, text)
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The manifest's rows, in table order.
pub fn rows(model: &Model) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut push = |table: &str, key: &str, api: String, content: String| {
        rows.push(Row {
            table: table.to_owned(),
            key: key.to_owned(),
            api,
            content,
        });
    };
    for (table, codes) in [
        ("gateway-errors", &model.errors),
        ("gateway-warnings", &model.warnings),
    ] {
        for row in &codes.rows {
            push(
                table,
                &row.variant,
                format!("variant {}", row.variant),
                code_content(row),
            );
        }
    }
    for row in &model.acquirer.codes {
        let content = format!(
            "reason={}; status={}; provenance={}; outcome={}",
            row.reason,
            row.status,
            row.provenance.label(),
            advice(&row.advice)
        );
        push(
            "acquirer-codes",
            &row.pattern,
            format!("const {}", row.constant),
            content,
        );
    }
    for card in &model.cards.cards {
        let content = format!(
            "scheme={}; funding={}; cvc={}",
            card.scheme_name,
            card.funding.label(),
            card.cvc
        );
        push(
            "test-cards",
            &card.number,
            format!("const {}", card.constant),
            content,
        );
    }
    for holder in &model.cards.holders {
        let content = format!("scenario={}", holder.scenario_variant);
        push(
            "card-holders",
            &holder.name,
            format!("const {}", holder.constant),
            content,
        );
    }
    for status in &model.statuses.rows {
        let api = format!("const {}", status.constant);
        push(
            "http-statuses",
            &status.code.to_string(),
            api,
            status.description.clone(),
        );
    }
    for environment in &model.environments.list {
        let content = format!(
            "gateway={}; remote_auth={}",
            environment.gateway_url, environment.remote_auth_url
        );
        let api = format!("variant {}", environment.variant);
        push("environments", &environment.key, api, content);
    }
    for endpoint in &model.endpoints.list {
        let params: Vec<&str> = endpoint
            .path_params
            .iter()
            .map(|p| p.ident.as_str())
            .collect();
        let query: Vec<&str> = endpoint
            .query
            .iter()
            .flat_map(|query| query.params.iter().map(|q| q.field.as_str()))
            .collect();
        let api = format!(
            "fn {}({}) query({}) body({}) -> {}",
            endpoint.name,
            params.join(", "),
            query.join(", "),
            endpoint.request.as_deref().unwrap_or("none"),
            endpoint
                .response
                .as_ref()
                .map_or("none".to_string(), |ty| ty.spelling())
        );
        let content = format!(
            "{} {}; success={}; statuses={:?}",
            endpoint.method.wire,
            endpoint.path,
            endpoint
                .success
                .map_or("unpublished".to_string(), |s| s.to_string()),
            endpoint.statuses
        );
        push("endpoints", &endpoint.name, api, content);
    }
    for def in &model.models.structs {
        let fields: Vec<String> = def
            .fields
            .iter()
            .map(|f| {
                format!(
                    "{}:{}{}",
                    f.wire,
                    f.ty.spelling(),
                    if f.required { "!" } else { "" }
                )
            })
            .collect();
        let api = format!("struct {} {{{}}}", def.name, fields.join(", "));
        let docs: Vec<&str> = def.fields.iter().map(|f| f.description.as_str()).collect();
        push(
            "models",
            &def.name,
            api,
            format!("{} {}", def.description, docs.join(" ")),
        );
    }
    for def in &model.models.enums {
        let values: Vec<&str> = def.values.iter().map(|v| v.wire.as_str()).collect();
        let docs: Vec<&str> = def.values.iter().map(|v| v.description.as_str()).collect();
        let api = format!("enum {} {{{}}}", def.name, values.join(", "));
        push("enums", &def.name, api, docs.join(" "));
    }
    for field in &model.remote_auth.fields {
        let api = format!("field {}:{}", field.name, field.ty.spelling());
        let content = format!("required={}; format={}", field.requirement, field.format);
        push("remote-auth-fields", &field.name, api, content);
    }
    rows
}

fn code_content(row: &CodeRow) -> String {
    format!(
        "code={}; message={}; provenance={}; outcome={}",
        row.code.as_deref().unwrap_or("(not published)"),
        row.message,
        row.provenance.label(),
        advice(&row.advice)
    )
}

/// As `key=value` fields, so the change report shows which one changed.
fn advice(advice: &Advice) -> String {
    format!(
        "{}; retry_may_help={}",
        advice.outcome, advice.retry_may_help
    )
}
