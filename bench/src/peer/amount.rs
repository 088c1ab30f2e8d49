//! Amounts as the Gateway sends them, decimal strings (`"10.00"`), kept
//! exact: read digit by digit with `Decimal::from_str_exact`, which refuses
//! what it cannot hold rather than rounding it, and never through a binary
//! float. A JSON number is refused, not read: serde_json hands a number over
//! as an `f64` unless its `arbitrary_precision` feature is on, and that
//! feature would change serde_json for every crate of the build, the
//! client's included.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serializer};

pub fn serialize<S: Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    // `Decimal`'s text keeps its scale: 10.00 is written "10.00".
    serializer.collect_str(amount)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_str(ExactText)
}

struct ExactText;

impl Visitor<'_> for ExactText {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an amount as a decimal string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        Decimal::from_str_exact(text).map_err(E::custom)
    }
}

/// The same for an optional amount: absent or `null` is `None`.
pub mod option {
    use super::*;

    #[derive(Deserialize)]
    struct Exact(#[serde(with = "super")] Decimal);

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<Exact>::deserialize(deserializer)?.map(|Exact(amount)| amount))
    }
}
