//! What the templates see: the model as it is, and the field types of each
//! model with the anchor of the model or enum they link to.

use std::collections::BTreeMap;

use minijinja::Value;
use serde::Serialize;

use crate::model::{Field, Model, Struct};

#[derive(Serialize)]
struct StructView<'a> {
    #[serde(flatten)]
    def: &'a Struct,
    fields: Vec<FieldView<'a>>,
}

#[derive(Serialize)]
struct FieldView<'a> {
    #[serde(flatten)]
    field: &'a Field,
    /// The named model or enum the type refers to, and its anchor.
    link: Option<(&'a str, &'a str)>,
}

pub fn build(model: &Model) -> Value {
    let anchors: BTreeMap<&str, &str> = model
        .models
        .structs
        .iter()
        .map(|def| (def.name.as_str(), def.anchor.as_str()))
        .chain(
            model
                .models
                .enums
                .iter()
                .map(|def| (def.name.as_str(), def.anchor.as_str())),
        )
        .collect();
    let structs: Vec<StructView> = model
        .models
        .structs
        .iter()
        .map(|def| StructView {
            def,
            fields: def
                .fields
                .iter()
                .map(|field| FieldView {
                    field,
                    link: field
                        .ty
                        .named()
                        .and_then(|name| anchors.get_key_value(name))
                        .map(|(name, anchor)| (*name, *anchor)),
                })
                .collect(),
        })
        .collect();
    let requests: BTreeMap<&str, &str> = model
        .endpoints
        .list
        .iter()
        .filter_map(|endpoint| endpoint.request.as_deref())
        .filter_map(|name| anchors.get_key_value(name).map(|(n, a)| (*n, *a)))
        .collect();
    minijinja::context! {
        model => ser(model),
        structs => ser(structs),
        model_anchors => ser(requests),
        rustdoc_root => crate::links::rustdoc_root(),
        sandbox_rustdoc_root => crate::links::sandbox_rustdoc_root(),
    }
}

fn ser<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
