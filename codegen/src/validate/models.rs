//! Models and enums: names unique, field names valid after case conversion,
//! every referenced type defined.

use std::collections::BTreeSet;

use super::{Checker, Entry, Unique};
use crate::ident::Case;
use crate::spec::{ModelDef, Spec, files};
use crate::types::TypeRef;

const FILE: &str = files::MODELS;
/// The field that keeps unlisted fields of an open model.
pub const OTHER_FIELDS: &str = "other";

pub(super) fn check(spec: &Spec, checker: &mut Checker<'_>) {
    let mut type_names = Unique::new("type name");
    let enums = &spec.models.enums;
    let entries = Entry::list(FILE, "enums", "name", enums, |e| e.name.clone());
    for (def, entry) in enums.iter().zip(&entries) {
        if let Some(name) = checker.ident(entry, Some(&def.name), "", Case::UpperCamel) {
            type_names.insert(checker, entry, &name, &name);
        }
        let mut values = Unique::new("value");
        let mut variants = Unique::new("variant");
        for (index, value) in def.values.iter().enumerate() {
            let value_entry = Entry::new(
                FILE,
                &format!("{}.values", def.name),
                index,
                "value",
                &value.value,
            )
            .within("name", &def.name);
            values.insert(checker, &value_entry, &value.value, &value.value);
            if let Some(variant) = checker.ident(
                &value_entry,
                value.rust_name.as_deref(),
                &value.value,
                Case::UpperCamel,
            ) {
                if variant == "Unknown" {
                    checker.report(
                        &value_entry,
                        "`Unknown` is kept for values the spec does not list",
                    );
                }
                variants.insert(checker, &value_entry, &variant, &value.value);
            }
        }
    }

    let defined: BTreeSet<&str> = spec
        .models
        .models
        .iter()
        .map(|m| m.name.as_str())
        .chain(enums.iter().map(|e| e.name.as_str()))
        .collect();
    let models = &spec.models.models;
    let entries = Entry::list(FILE, "models", "name", models, |m| m.name.clone());
    for (model, entry) in models.iter().zip(&entries) {
        if let Some(name) = checker.ident(entry, Some(&model.name), "", Case::UpperCamel) {
            type_names.insert(checker, entry, &name, &name);
        }
        check_fields(model, &defined, checker);
    }
}

fn check_fields(model: &ModelDef, defined: &BTreeSet<&str>, checker: &mut Checker<'_>) {
    let mut wire = Unique::new("field");
    let mut rust = Unique::new("Rust field name");
    for (index, field) in model.fields.iter().enumerate() {
        let entry = Entry::new(
            FILE,
            &format!("{}.fields", model.name),
            index,
            "name",
            &field.name,
        )
        .within("name", &model.name);
        wire.insert(checker, &entry, &field.name, &field.name);
        if let Some(name) =
            checker.ident(&entry, field.rust_name.as_deref(), &field.name, Case::Snake)
        {
            if model.keep_unknown_fields && name == OTHER_FIELDS {
                checker.report(
                    &entry,
                    "`other` keeps the unlisted fields of this model; rename the field",
                );
            }
            rust.insert(checker, &entry, &name, &field.name);
        }
        match TypeRef::parse(&field.ty) {
            Ok(ty) => {
                if let Some(name) = ty.named() {
                    if !defined.contains(name) {
                        checker.report(
                            &entry,
                            format!("type `{name}` is not defined in models.yaml"),
                        );
                    }
                }
            }
            Err(reason) => checker.report(&entry, reason),
        }
    }
    if model.fields.is_empty() && !model.keep_unknown_fields {
        let entry = Entry::new(FILE, "models", 0, "name", &model.name);
        checker.report(&entry, "a model without fields must keep unknown fields");
    }
}
