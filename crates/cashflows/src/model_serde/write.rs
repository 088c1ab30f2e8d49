//! Writing: each model lists its fields to a [`Fields`] sink, without
//! generics; the one generic walk below turns what it lists into serde calls
//! for whichever format is writing.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::ReadModel;

/// A model written as a JSON object, field by field. Every model is read too,
/// so it can say which of its keys are required.
pub(crate) trait WriteModel: Required {
    /// Lists the fields to write, in order: the listed fields that are set,
    /// then the kept ones.
    fn write(&self, fields: &mut Fields<'_>);
}

/// A value as the wire sees it: the kinds of value the models hold.
#[derive(Clone, Copy)]
pub(crate) enum Wire<'a> {
    Str(&'a str),
    Bool(bool),
    Int(i64),
    /// A value written as its text: amounts and exact decimals.
    Text(&'a dyn fmt::Display),
    Model(&'a dyn WriteModel),
    List(&'a dyn WriteList),
    Map(&'a dyn WriteMap),
    Json(&'a serde_json::Value),
}

/// A field's value: how it is written.
pub(crate) trait WriteValue {
    fn wire(&self) -> Wire<'_>;
}

/// Where a model lists its fields.
pub(crate) struct Fields<'a> {
    entry: &'a mut dyn FnMut(&str, Wire<'_>),
}

impl Fields<'_> {
    /// Writes a field.
    pub(crate) fn field(&mut self, key: &str, value: &dyn WriteValue) {
        (self.entry)(key, value.wire());
    }

    /// Writes the keys a model keeps as received.
    pub(crate) fn kept(&mut self, other: &BTreeMap<String, serde_json::Value>) {
        for (key, value) in other {
            (self.entry)(key, Wire::Json(value));
        }
    }
}

/// A list's items, one by one.
pub(crate) trait WriteList {
    fn each(&self, item: &mut dyn FnMut(Wire<'_>));
}

impl<T: WriteValue> WriteList for Vec<T> {
    fn each(&self, item: &mut dyn FnMut(Wire<'_>)) {
        for value in self.iter() {
            item(value.wire());
        }
    }
}

/// A map's entries, one by one.
pub(crate) trait WriteMap {
    fn each(&self, entry: &mut dyn FnMut(&str, Wire<'_>));
}

impl<T: WriteValue> WriteMap for BTreeMap<String, T> {
    fn each(&self, entry: &mut dyn FnMut(&str, Wire<'_>)) {
        for (key, value) in self {
            entry(key, value.wire());
        }
    }
}

/// Writes a model as an object with `serializer`.
pub(crate) fn serialize<S: Serializer>(
    model: &dyn WriteModel,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let mut failed = None;
    model.write(&mut Fields {
        entry: &mut |key, value| {
            if failed.is_none() {
                failed = map.serialize_entry(key, &value).err();
            }
        },
    });
    match failed {
        Some(error) => Err(error),
        None => map.end(),
    }
}

impl Serialize for Wire<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Wire::Str(text) => serializer.serialize_str(text),
            Wire::Bool(value) => serializer.serialize_bool(value),
            Wire::Int(value) => serializer.serialize_i64(value),
            Wire::Text(value) => serializer.collect_str(value),
            Wire::Model(model) => serialize(model, serializer),
            Wire::List(items) => {
                let mut seq = serializer.serialize_seq(None)?;
                let mut failed = None;
                items.each(&mut |item| {
                    if failed.is_none() {
                        failed = seq.serialize_element(&item).err();
                    }
                });
                match failed {
                    Some(error) => Err(error),
                    None => seq.end(),
                }
            }
            Wire::Map(entries) => {
                let mut map = serializer.serialize_map(None)?;
                let mut failed = None;
                entries.each(&mut |key, value| {
                    if failed.is_none() {
                        failed = map.serialize_entry(key, &value).err();
                    }
                });
                match failed {
                    Some(error) => Err(error),
                    None => map.end(),
                }
            }
            Wire::Json(value) => value.serialize(serializer),
        }
    }
}

impl<M: WriteModel> WriteValue for M {
    fn wire(&self) -> Wire<'_> {
        Wire::Model(self)
    }
}

impl WriteValue for String {
    fn wire(&self) -> Wire<'_> {
        Wire::Str(self)
    }
}

impl WriteValue for bool {
    fn wire(&self) -> Wire<'_> {
        Wire::Bool(*self)
    }
}

impl WriteValue for i64 {
    fn wire(&self) -> Wire<'_> {
        Wire::Int(*self)
    }
}

/// Exact decimals are written as their text (`wire::DecimalVisitor` reads them back).
impl WriteValue for rust_decimal::Decimal {
    fn wire(&self) -> Wire<'_> {
        Wire::Text(self)
    }
}

impl WriteValue for serde_json::Value {
    fn wire(&self) -> Wire<'_> {
        Wire::Json(self)
    }
}

impl<T: WriteValue> WriteValue for Vec<T> {
    fn wire(&self) -> Wire<'_> {
        Wire::List(self)
    }
}

impl<T: WriteValue> WriteValue for BTreeMap<String, T> {
    fn wire(&self) -> Wire<'_> {
        Wire::Map(self)
    }
}

/// What a model requires, asked of a model behind `&dyn WriteModel`.
pub(crate) trait Required {
    /// The model's name, for error messages.
    fn model_name(&self) -> &'static str;
    /// Whether the field written under `key` must be given.
    fn is_required(&self, key: &str) -> bool;
}

impl<M: ReadModel> Required for M {
    fn model_name(&self) -> &'static str {
        M::NAME
    }

    fn is_required(&self, key: &str) -> bool {
        M::REQUIRED
            .iter()
            .any(|&index| M::WIRE_NAMES.get(index) == Some(&key))
    }
}

/// The first required text field left empty in `model` or a model nested
/// in it, as `Model.key`. A required `String` defaults to empty, so a
/// request built with `..Default::default()` compiles without it; the
/// Gateway would refuse it with a bare 400.
pub(crate) fn empty_required(model: &dyn WriteModel) -> Option<String> {
    let mut found = None;
    model.write(&mut Fields {
        entry: &mut |key, wire| {
            if found.is_none() {
                found = match wire {
                    Wire::Str("") if model.is_required(key) => {
                        Some(format!("{}.{key}", model.model_name()))
                    }
                    nested => empty_required_in(nested),
                };
            }
        },
    });
    found
}

fn empty_required_in(wire: Wire<'_>) -> Option<String> {
    match wire {
        Wire::Model(model) => empty_required(model),
        Wire::List(list) => {
            let mut found = None;
            list.each(&mut |item| {
                if found.is_none() {
                    found = empty_required_in(item);
                }
            });
            found
        }
        _ => None,
    }
}

/// No body: the calls without one name it `()`.
impl WriteModel for () {
    fn write(&self, _fields: &mut Fields<'_>) {}
}

impl Required for () {
    fn model_name(&self) -> &'static str {
        "()"
    }

    fn is_required(&self, _key: &str) -> bool {
        false
    }
}
