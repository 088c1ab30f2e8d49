//! What the templates see: the spec, plus the names and anchors derived from it.

use minijinja::Value;
use serde::Serialize;

use crate::ident::{self, Case};
use crate::spec::{Advice, EnumDef, FieldDef, GatewayCode, ModelDef, Spec};
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
    let errors: Vec<_> = spec
        .errors
        .errors
        .iter()
        .map(|row| code_row(spec, row))
        .collect();
    let warnings: Vec<_> = spec
        .warnings
        .warnings
        .iter()
        .map(|row| code_row(spec, row))
        .collect();
    let acquirer_advice: Vec<_> = spec
        .acquirer
        .codes
        .iter()
        .map(|row| advice(spec, &row.advice))
        .collect();
    let class_advice: Vec<_> = spec
        .acquirer
        .classes
        .iter()
        .map(|class| advice(spec, &class.advice))
        .collect();
    let card_schemes: Vec<_> = spec
        .cards
        .cards
        .iter()
        .map(|card| scheme_name(spec, &card.scheme))
        .collect();
    let models: Vec<_> = spec.models.models.iter().map(model_view).collect();
    let enums: Vec<_> = spec.models.enums.iter().map(enum_view).collect();
    minijinja::context! {
        errors => ser(errors),
        errors_source => ser(&spec.errors.source),
        warnings => ser(warnings),
        warnings_source => ser(&spec.warnings.source),
        acquirer => ser(&spec.acquirer),
        acquirer_advice => ser(acquirer_advice),
        class_advice => ser(class_advice),
        cards => ser(&spec.cards),
        card_schemes => ser(card_schemes),
        statuses => ser(&spec.statuses),
        environments => ser(&spec.environments),
        endpoints => ser(&spec.endpoints),
        models => ser(models),
        enums => ser(enums),
        models_source => ser(&spec.models.source),
        guidance => ser(&spec.guidance),
    }
}

fn scheme_name(spec: &Spec, key: &str) -> String {
    let scheme = spec.cards.schemes.iter().find(|scheme| scheme.key == key);
    scheme.map_or(key.to_string(), |scheme| scheme.name.clone())
}

fn model_view(model: &ModelDef) -> ModelView<'_> {
    ModelView {
        name: &model.name,
        description: &model.description,
        provenance: model.provenance.label(),
        keep_unknown_fields: model.keep_unknown_fields,
        fields: model.fields.iter().map(field_view).collect(),
    }
}

fn field_view(field: &FieldDef) -> FieldView<'_> {
    let ty = TypeRef::parse(&field.ty).unwrap_or(TypeRef::Json);
    FieldView {
        name: &field.name,
        rust_name: field
            .rust_name
            .clone()
            .unwrap_or_else(|| ident::to(&field.name, Case::Snake)),
        link: ty.named().map(str::to_string),
        ty: ty.display(),
        required: field.required,
        description: &field.description,
    }
}

fn enum_view(def: &EnumDef) -> EnumView<'_> {
    EnumView {
        name: &def.name,
        description: &def.description,
        provenance: def.provenance.label(),
        values: def
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.description.as_str()))
            .collect(),
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
    AdviceView {
        outcome,
        retry: advice.retry,
    }
}

fn ser<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
