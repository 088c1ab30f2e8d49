//! Reading: each generated model says which field a key names (a `match`)
//! and how to read one field; the walk over the object, repeated and
//! missing fields, and the keys a model does not list (kept, as received,
//! in its `other` map) are handled here once.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A model read key by key (implemented by the generated models).
pub(crate) trait ReadModel: crate::models::WireFields + Sized {
    /// The model's name, for error messages.
    const NAME: &'static str;
    /// The indexes of the fields an object must give.
    const REQUIRED: &'static [usize];

    /// Every key a field is read from, in either key case, with the
    /// field's index.
    const LOOKUP: &'static [(&'static str, usize)];

    /// The value reading starts from: no field given yet.
    fn empty() -> Self;

    /// Reads the value of field `index` from `map`.
    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;

    /// Where the keys the model does not list are kept.
    fn other(&mut self) -> &mut BTreeMap<String, serde_json::Value>;
}

/// Reads a model from a JSON object.
pub(crate) fn deserialize<'de, M: ReadModel, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<M, D::Error> {
    deserializer.deserialize_map(ModelVisitor::<M>(PhantomData))
}

struct ModelVisitor<M>(PhantomData<M>);

impl<'de, M: ReadModel> Visitor<'de> for ModelVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", M::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<M, A::Error> {
        let mut model = M::empty();
        let mut seen = vec![false; M::WIRE_NAMES.len()];
        while let Some(key) = map.next_key_seed(KeySeed::<M>(PhantomData))? {
            match key {
                Key::Field(index) => {
                    let Some(seen) = seen.get_mut(index) else {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    };
                    if std::mem::replace(seen, true) {
                        return Err(de::Error::duplicate_field(key_name::<M>(index)));
                    }
                    model.read(index, &mut map)?;
                }
                Key::Other(name) => {
                    let value = map.next_value()?;
                    model.other().insert(name, value);
                }
            }
        }
        for &index in M::REQUIRED {
            if !seen.get(index).copied().unwrap_or(true) {
                return Err(de::Error::missing_field(key_name::<M>(index)));
            }
        }
        Ok(model)
    }
}

fn key_name<M: ReadModel>(index: usize) -> &'static str {
    M::WIRE_NAMES.get(index).copied().unwrap_or("?")
}

/// The field `key` names, if the model lists it: one function for every
/// model (a `match` on strings compares in turn too).
fn field(lookup: &[(&str, usize)], key: &str) -> Option<usize> {
    lookup
        .iter()
        .find(|(listed, _)| *listed == key)
        .map(|&(_, index)| index)
}

/// A key: a field the model lists, or one it keeps as received.
enum Key {
    Field(usize),
    Other(String),
}

struct KeySeed<M>(PhantomData<M>);

impl<'de, M: ReadModel> DeserializeSeed<'de> for KeySeed<M> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<M: ReadModel> Visitor<'_> for KeySeed<M> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match field(M::LOOKUP, key) {
            Some(index) => Key::Field(index),
            None => Key::Other(key.to_owned()),
        })
    }
}

/// Reads a field's value into its slot. One call per field, with no `?`
/// of its own: the models' `read` stays a plain table.
pub(crate) fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Reads a list or map field: an explicit `null` reads as empty, like a
/// missing one.
pub(crate) fn collection<'de, A: MapAccess<'de>, T: Deserialize<'de> + Default>(
    map: &mut A,
    slot: &mut T,
) -> Result<(), A::Error> {
    *slot = map.next_value::<Option<T>>()?.unwrap_or_default();
    Ok(())
}

/// Reads a required exact decimal field (see `wire::DecimalVisitor`). The
/// spec has none today; the generator reads one through this when it does.
#[allow(dead_code)]
pub(crate) fn decimal<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut rust_decimal::Decimal,
) -> Result<(), A::Error> {
    *slot = map.next_value::<ExactDecimal>()?.0;
    Ok(())
}

/// Reads an optional exact decimal field.
pub(crate) fn optional_decimal<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<rust_decimal::Decimal>,
) -> Result<(), A::Error> {
    *slot = map
        .next_value::<Option<ExactDecimal>>()?
        .map(|exact| exact.0);
    Ok(())
}

/// Skips the value of a key the model neither lists nor keeps.
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// A decimal read exactly, from a string or a JSON number.
struct ExactDecimal(rust_decimal::Decimal);

impl<'de> Deserialize<'de> for ExactDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(crate::wire::DecimalVisitor)
            .map(ExactDecimal)
    }
}
