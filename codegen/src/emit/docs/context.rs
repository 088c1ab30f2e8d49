//! What the templates see: the spec, plus the names and anchors derived from it.

use minijinja::Value;
use serde::Serialize;

use crate::ident::{self, Case};
use crate::spec::{Advice, GatewayCode, Spec};
use crate::types::TypeRef;

#[derive(Serialize)]
struct CodeRow<'a> {
    code: Option<&'a str>,
    rust_name: String,
    message: &'a str,
    provenance: &'static str,
    note: Option<&'a str>,
    advice: AdviceView,
}

#[derive(Serialize)]
struct AdviceView {
    outcome: String,
    retry: bool,
}

#[derive(Serialize)]
struct FieldView<'a> {
    name: &'a str,
    rust_name: String,
    ty: String,
    link: Option<String>,
    required: bool,
    description: &'a str,
}

#[derive(Serialize)]
struct ModelView<'a> {
    name: &'a str,
    description: &'a str,
    provenance: &'static str,
    keep_unknown_fields: bool,
    fields: Vec<FieldView<'a>>,
}

#[derive(Serialize)]
struct EnumView<'a> {
    name: &'a str,
    description: &'a str,
    provenance: &'static str,
    values: Vec<(&'a str, &'a str)>,
}

pub fn build(spec: &Spec) -> Value {
    minijinja::context! {
        errors => ser(&spec.errors.errors.iter().map(|row| code_row(spec, row)).collect::<Vec<_>>()),
        errors_source => ser(&spec.errors.source),
        warnings => ser(&spec.warnings.warnings.iter().map(|row| code_row(spec, row)).collect::<Vec<_>>()),
        warnings_source => ser(&spec.warnings.source),
        acquirer => ser(&spec.acquirer),
        acquirer_advice => ser(&spec.acquirer.codes.iter().map(|row| advice(spec, &row.advice)).collect::<Vec<_>>()),
        class_advice => ser(&spec.acquirer.classes.iter().map(|class| advice(spec, &class.advice)).collect::<Vec<_>>()),
        cards => ser(&spec.cards),
        card_schemes => ser(&spec.cards.cards.iter().map(|card| {
            spec.cards.schemes.iter().find(|s| s.key == card.scheme).map_or(card.scheme.clone(), |s| s.name.clone())
        }).collect::<Vec<_>>()),
        statuses => ser(&spec.statuses),
        environments => ser(&spec.environments),
        endpoints => ser(&spec.endpoints),
        models => ser(&spec.models.models.iter().map(|model| ModelView {
            name: &model.name,
            description: &model.description,
            provenance: model.provenance.label(),
            keep_unknown_fields: model.keep_unknown_fields,
            fields: model.fields.iter().map(|field| {
                let ty = TypeRef::parse(&field.ty).unwrap_or(TypeRef::Json);
                FieldView {
                    name: &field.name,
                    rust_name: field.rust_name.clone().unwrap_or_else(|| ident::to(&field.name, Case::Snake)),
                    link: ty.named().map(str::to_string),
                    ty: ty.display(),
                    required: field.required,
                    description: &field.description,
                }
            }).collect(),
        }).collect::<Vec<_>>()),
        enums => ser(&spec.models.enums.iter().map(|def| EnumView {
            name: &def.name,
            description: &def.description,
            provenance: def.provenance.label(),
            values: def.values.iter().map(|v| (v.value.as_str(), v.description.as_str())).collect(),
        }).collect::<Vec<_>>()),
        models_source => ser(&spec.models.source),
        guidance => ser(&spec.guidance),
    }
}

fn code_row<'a>(spec: &Spec, row: &'a GatewayCode) -> CodeRow<'a> {
    CodeRow {
        code: row.code.as_deref(),
        rust_name: crate::emit::rust::variant_ident(row),
        message: &row.message,
        provenance: row.provenance.label(),
        note: row.note.as_deref(),
        advice: advice(spec, &row.advice),
    }
}

fn advice(spec: &Spec, advice: &Advice) -> AdviceView {
    let outcome = spec
        .guidance
        .outcomes
        .iter()
        .find(|outcome| outcome.key == advice.outcome)
        .map_or(advice.outcome.clone(), |outcome| outcome.name.clone());
    AdviceView { outcome, retry: advice.retry }
}

fn ser<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
