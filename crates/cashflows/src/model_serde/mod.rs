//! Reading and writing the Gateway's models (and the envelope and webhook
//! bodies written beside them) as JSON objects.
//!
//! serde's derive would generate the whole walk for every model and, because
//! of the keys a model keeps as received, buffer every value of a model
//! before reading it: most of the crate's compile time, and most of the time
//! the client spends decoding an answer. Here each model states only its
//! table (its keys, and how to read or write one field); the walks are
//! written once, generic over the serde format only.

mod read;
mod write;

// No model has a required exact decimal or a required nested model today;
// the generator reads them through `decimal` and `model` when one does.
pub(crate) use read::{
    ReadModel, collection, deserialize, model_list, optional_decimal, optional_model, skip, value,
};
#[allow(unused_imports)]
pub(crate) use read::{decimal, model};
pub(crate) use write::{Fields, Wire, WriteMap, WriteModel, WriteValue, empty_required, serialize};

/// `Serialize` and `Deserialize` for hand-written models, through their
/// `WriteModel` and `ReadModel` (the generated models spell these out).
macro_rules! serde_through_tables {
    ($($name:ident),*) => {$(
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::model_serde::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::model_serde::deserialize(deserializer)
            }
        }
    )*};
}

pub(crate) use serde_through_tables;
