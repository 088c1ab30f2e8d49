//! Models and enums: names unique, field names valid after case conversion,
//! a model's keys distinct whatever their letter case,
//! every referenced type defined.

use std::collections::{BTreeMap, BTreeSet};

use super::{Checker, Entry, Unique, source};
use crate::links::{self, Item, TypeKind};
use crate::model::{Field, Models, OTHER_FIELDS, Struct, WireEnum, WireValue};
use crate::names::{self, Case};
use crate::spec::{EnumDef, ModelDef, Spec, Wording, files};
use crate::types::TypeRef;

const FILE: &str = files::MODELS;

/// The most fields a model may list: the client's reader marks the fields an
/// object gives in a 128-bit set (`crates/cashflows/src/model_serde/read.rs`).
const MAX_FIELDS: usize = 128;

/// The hand-written items the client's `models` module re-exports beside the
/// generated ones (`crates/cashflows/src/lib.rs`): a spec type of the same
/// name would be shadowed by them.
const MODULE_ITEMS: [(&str, &str); 6] = [
    ("ErrorEntry", "the envelope's hand-written error entry"),
    ("ErrorReport", "the envelope's hand-written error report"),
    ("Link", "the envelope's hand-written link"),
    ("Links", "the envelope's hand-written links"),
    (
        "Parameters",
        "the hand-written type of the `parameters` field type",
    ),
    ("WireFields", "the hand-written trait of every model's keys"),
];

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Models {
    let mut type_names = Unique::reserving("type name", &MODULE_ITEMS);
    let enums = spec.models.enums.iter().enumerate();
    let enums = enums
        .filter_map(|(index, def)| resolve_enum(index, def, &mut type_names, checker))
        .collect();
    let defined: BTreeSet<&str> = spec
        .models
        .models
        .iter()
        .map(|m| m.name.as_str())
        .chain(spec.models.enums.iter().map(|e| e.name.as_str()))
        .collect();
    let mut structs = Vec::new();
    let models = &spec.models.models;
    let entries = Entry::list(FILE, "models", "name", models, |m| m.name.clone());
    for (model, entry) in models.iter().zip(&entries) {
        if model.fields.len() > MAX_FIELDS {
            checker.report(
                entry,
                format!(
                    "a model lists at most {MAX_FIELDS} fields; this one lists {}",
                    model.fields.len()
                ),
            );
        }
        let fields = resolve_fields(model, &defined, checker);
        let Some(name) = checker.ident(entry, Some(&model.name), "", Case::UpperCamel) else {
            continue;
        };
        type_names.insert(checker, entry, &name, &name);
        let anchor = names::anchor("model-", &name);
        let item = Item::Type {
            module: "models",
            kind: TypeKind::Struct,
            name: &name,
        };
        structs.push(Struct {
            links: links::links(item, links::pages::MODELS, &anchor),
            anchor,
            name,
            description: model.description.clone(),
            provenance: model.provenance,
            fields,
            has_default: true,
        });
    }
    mark_defaults(&mut structs);
    Models {
        source: source(FILE, &spec.models.source),
        enums,
        structs,
    }
}

/// A struct has a default value unless one of its required fields is an
/// enumeration (whose values have no default) or a struct without one.
fn mark_defaults(structs: &mut [Struct]) {
    loop {
        let without: Vec<String> = structs
            .iter()
            .filter(|def| !def.has_default)
            .map(|def| def.name.clone())
            .collect();
        let is_struct = |name: &str| structs.iter().any(|def| def.name == name);
        let mut changed = Vec::new();
        for (index, def) in structs.iter().enumerate() {
            let lacks = def.fields.iter().any(|field| {
                field.required
                    && matches!(&field.ty, TypeRef::Named(name)
                        if !is_struct(name) || without.contains(name))
            });
            if def.has_default && lacks {
                changed.push(index);
            }
        }
        if changed.is_empty() {
            return;
        }
        for index in changed {
            structs[index].has_default = false;
        }
    }
}

fn resolve_enum(
    index: usize,
    def: &EnumDef,
    type_names: &mut Unique,
    checker: &mut Checker<'_>,
) -> Option<WireEnum> {
    let entry = Entry::new(FILE, "enums", index, "name", &def.name);
    let name = checker.ident(&entry, Some(&def.name), "", Case::UpperCamel);
    if let Some(name) = &name {
        type_names.insert(checker, &entry, name, name);
    }
    let mut values = Unique::new("value");
    let mut variants = Unique::reserving(
        "variant",
        &[("Unknown", "kept for values the spec does not list")],
    );
    let mut resolved = Vec::new();
    for (index, value) in def.values.iter().enumerate() {
        let list = format!("{}.values", def.name);
        let entry = Entry::new(FILE, &list, index, "value", &value.value).within("name", &def.name);
        values.insert(checker, &entry, &value.value, &value.value);
        let variant = checker.ident(
            &entry,
            value.rust_name.as_deref(),
            &value.value,
            Case::UpperCamel,
        );
        if let Some(variant) = variant {
            variants.insert(checker, &entry, &variant, &value.value);
            resolved.push(WireValue {
                variant,
                wire: value.value.clone(),
                description: value.description.clone(),
                provenance: None,
            });
        }
    }
    let name = name?;
    let anchor = names::anchor("model-", &name);
    let item = Item::Type {
        module: "models",
        kind: TypeKind::Enum,
        name: &name,
    };
    Some(WireEnum {
        links: links::links(item, links::pages::MODELS, &anchor),
        anchor,
        name,
        description: def.description.clone(),
        provenance: def.provenance,
        project_descriptions: def.value_descriptions == Wording::Project,
        values: resolved,
    })
}

fn resolve_fields(
    model: &ModelDef,
    defined: &BTreeSet<&str>,
    checker: &mut Checker<'_>,
) -> Vec<Field> {
    let mut wire = Unique::new("field");
    let mut first_by_key = BTreeMap::new();
    let reserved = [(
        OTHER_FIELDS,
        "the field that keeps unlisted fields; rename the field",
    )];
    let mut rust = Unique::reserving("Rust field name", &reserved);
    let mut resolved = Vec::new();
    for (index, field) in model.fields.iter().enumerate() {
        let list = format!("{}.fields", model.name);
        let entry = Entry::new(FILE, &list, index, "name", &field.name).within("name", &model.name);
        wire.insert(checker, &entry, &field.name, &field.name);
        let repeated = model.fields[..index].iter().any(|f| f.name == field.name);
        if !repeated {
            check_key_case(&mut first_by_key, checker, &entry, &field.name);
        }
        let ident = checker.ident(&entry, field.rust_name.as_deref(), &field.name, Case::Snake);
        if let Some(ident) = &ident {
            rust.insert(checker, &entry, ident, &field.name);
        }
        let ty = match TypeRef::parse(&field.ty) {
            Ok(TypeRef::List(inner) | TypeRef::Map(inner)) if *inner == TypeRef::Decimal => {
                checker.report(
                    &entry,
                    "a decimal is a field of its own, not in a list or map",
                );
                None
            }
            Ok(ty) => match ty.named() {
                Some(name) if !defined.contains(name) => {
                    checker.report(
                        &entry,
                        format!("type `{name}` is not defined in models.yaml"),
                    );
                    None
                }
                _ => Some(ty),
            },
            Err(reason) => {
                checker.report(&entry, reason);
                None
            }
        };
        if let (Some(ident), Some(ty)) = (ident, ty) {
            resolved.push(Field {
                ident,
                alias: names::other_key_case(&field.name),
                wire: field.name.clone(),
                ty,
                required: field.required,
                description: field.description.clone(),
            });
        }
    }
    resolved
}

/// Reports a field whose key matches another field's but for letter case.
/// The client reads a field from its key in either key case
/// (`other_key_case`) and refuses an answer that gives a key twice in any
/// case (`crates/cashflows/src/exact_json.rs`), so of two such fields one
/// could never be read. `first_by_key` maps each key, in lower case, to the
/// entry of the field first read from it.
fn check_key_case(
    first_by_key: &mut BTreeMap<String, String>,
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
    wire: &str,
) {
    let keys = std::iter::once(wire.to_owned()).chain(names::other_key_case(wire));
    for key in keys.map(|key| key.to_ascii_lowercase()) {
        match first_by_key.get(&key) {
            Some(first) if *first != entry.label => {
                let reason = format!(
                    "the key `{wire}` differs only in letter case from the key of {first}; \
                     the client reads a key in either case, so one of the two fields could \
                     never be read"
                );
                checker.report(entry, reason);
                return;
            }
            Some(_) => {}
            None => {
                first_by_key.insert(key, entry.label.clone());
            }
        }
    }
}
