//! Reading: each generated model says which field a key names (a `match`)
//! and how to read one field; the walk over the object, repeated and
//! missing fields, and the keys a model does not list (kept, as received,
//! in its `other` map) are handled here once.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
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

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<M, A::Error> {
        let mut model = M::empty();
        fill(&mut model, map)?;
        Ok(model)
    }
}

/// Reads an object's keys into `model`, where it already lies.
fn fill<'de, M: ReadModel, A: MapAccess<'de>>(model: &mut M, mut map: A) -> Result<(), A::Error> {
    let mut seen = Seen::default();
    while let Some(key) = map.next_key_seed(KeySeed::<M>(PhantomData))? {
        match key {
            Key::Field(index) => {
                if !seen.insert(index) {
                    return Err(de::Error::duplicate_field(key_name::<M>(index)));
                }
                model.read(index, &mut map)?;
            }
            Key::Other(name) => keep(model.other(), name, &mut map)?,
        }
    }
    for &index in M::REQUIRED {
        if !seen.contains(index) {
            return Err(de::Error::missing_field(key_name::<M>(index)));
        }
    }
    Ok(())
}

/// Keeps a key the model does not list, with its value. An answer's byte
/// scan has refused repeated keys already; a model read without it (through
/// `serde_json::from_str`, say) still never lets a later value replace an
/// earlier one.
fn keep<'de, A: MapAccess<'de>>(
    other: &mut BTreeMap<String, serde_json::Value>,
    name: String,
    map: &mut A,
) -> Result<(), A::Error> {
    match other.entry(name) {
        Entry::Occupied(kept) => Err(de::Error::custom(crate::exact_json::repeated_key(
            kept.key().as_bytes(),
        ))),
        Entry::Vacant(slot) => {
            slot.insert(map.next_value()?);
            Ok(())
        }
    }
}

/// The fields an object has given so far, one bit each: no allocation per
/// object. The generator lets a model list at most 128 fields
/// (`codegen/src/resolve/models.rs`).
#[derive(Default)]
struct Seen(u128);

impl Seen {
    /// Marks field `index` given; `false` when it already was.
    fn insert(&mut self, index: usize) -> bool {
        let fresh = !self.contains(index);
        self.0 |= bit(index);
        fresh
    }

    fn contains(&self, index: usize) -> bool {
        self.0 & bit(index) != 0
    }
}

fn bit(index: usize) -> u128 {
    u32::try_from(index)
        .ok()
        .and_then(|index| 1u128.checked_shl(index))
        .unwrap_or(0)
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

/// Reads a required model field in place. The models are large (hundreds
/// of bytes): a nested one is filled where it stays instead of being built
/// apart and moved in, once per layer it passes through. The spec has no
/// required nested model today; the generator reads one through this when
/// it does.
#[allow(dead_code)]
pub(crate) fn model<'de, A: MapAccess<'de>, M: ReadModel>(
    map: &mut A,
    slot: &mut M,
) -> Result<(), A::Error> {
    map.next_value_seed(InPlace(slot))
}

/// Reads an optional model field in place (`null` reads as absent).
pub(crate) fn optional_model<'de, A: MapAccess<'de>, M: ReadModel>(
    map: &mut A,
    slot: &mut Option<M>,
) -> Result<(), A::Error> {
    map.next_value_seed(OptionInPlace(slot))
}

/// Reads a list of models, each filled in place at the end of the list
/// (`null` reads as empty).
pub(crate) fn model_list<'de, A: MapAccess<'de>, M: ReadModel>(
    map: &mut A,
    slot: &mut Vec<M>,
) -> Result<(), A::Error> {
    slot.clear();
    map.next_value_seed(ListInPlace(slot))
}

/// Fills the model it holds from an object.
struct InPlace<'a, M>(&'a mut M);

impl<'de, M: ReadModel> DeserializeSeed<'de> for InPlace<'_, M> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, M: ReadModel> Visitor<'de> for InPlace<'_, M> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", M::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        fill(self.0, map)
    }
}

/// Sets the option it holds to `None`, or fills a model in it.
struct OptionInPlace<'a, M>(&'a mut Option<M>);

impl<'de, M: ReadModel> DeserializeSeed<'de> for OptionInPlace<'_, M> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, M: ReadModel> Visitor<'de> for OptionInPlace<'_, M> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object or null", M::NAME)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        InPlace(self.0.insert(M::empty())).deserialize(deserializer)
    }
}

/// Appends the models of an array (or nothing, for `null`) to its list.
struct ListInPlace<'a, M>(&'a mut Vec<M>);

impl<'de, M: ReadModel> DeserializeSeed<'de> for ListInPlace<'_, M> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, M: ReadModel> Visitor<'de> for ListInPlace<'_, M> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {} objects or null", M::NAME)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while seq
            .next_element_seed(ElementInPlace(&mut *self.0))?
            .is_some()
        {}
        Ok(())
    }
}

/// Appends one model to its list and fills it there.
struct ElementInPlace<'a, M>(&'a mut Vec<M>);

impl<'de, M: ReadModel> DeserializeSeed<'de> for ElementInPlace<'_, M> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // A list of models usually holds one (a job's payments): room for
        // exactly one, where a first push makes room for four (3.6 KB of
        // payments), is all most answers need.
        if self.0.is_empty() {
            self.0.reserve_exact(1);
        }
        self.0.push(M::empty());
        match self.0.last_mut() {
            Some(model) => InPlace(model).deserialize(deserializer),
            None => Ok(()),
        }
    }
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
