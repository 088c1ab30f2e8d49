//! Lenient reading helpers shared by the generated models and enums.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Reads a string, or a number or boolean as its text: the Gateway's OpenAPI
/// examples send numeric enum values, and references are numbers there.
pub(crate) fn string_like<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'de, str>, D::Error> {
    deserializer.deserialize_any(StringLike { booleans: true })
}

/// Reads a string, or a number as its text, but not a boolean: for
/// references and card data, which `true` can never be.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'de, str>, D::Error> {
    deserializer.deserialize_any(StringLike { booleans: false })
}

struct StringLike {
    /// Whether a boolean reads as its text.
    booleans: bool,
}

impl<'de> Visitor<'de> for StringLike {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_string()))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        if self.booleans {
            Ok(Cow::Owned(value.to_string()))
        } else {
            Err(de::Error::invalid_type(de::Unexpected::Bool(value), &self))
        }
    }
}

/// The JSON keys a model lists, as sent (its other keys are kept in its
/// `other` map). The server reads keys without regard to case; this tells a
/// reader which spelling a key stands for.
///
/// ```
/// use cashflows::models::{PaymentJobParameters, WireFields};
///
/// assert!(PaymentJobParameters::WIRE_NAMES.contains(&"CardNumber"));
/// ```
pub trait WireFields {
    /// The listed keys, in the spec's order.
    const WIRE_NAMES: &'static [&'static str];
}

/// The text traits of a forward-compatible enum with an `Unknown` variant
/// and an `as_str` method: lenient `From<&str>`, `From<String>` and
/// `FromStr` (unknown text becomes `Unknown`), `Display`, and serde on top
/// of `as_str`, so one string table serves every format. `$known` finds the
/// listed value for a text.
macro_rules! text_traits {
    ($name:ident, $known:expr) => {
        impl From<&str> for $name {
            /// Lenient parsing, for what a server sends: unknown text becomes `Unknown`.
            fn from(text: &str) -> Self {
                ($known)(text).unwrap_or_else(|| $name::Unknown($crate::code_table::unknown(text)))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                ($known)(&text).unwrap_or($name::Unknown($crate::UnknownValue(text)))
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(text))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::model_serde::WriteValue for $name {
            fn wire(&self) -> $crate::model_serde::Wire<'_> {
                $crate::model_serde::Wire::Str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::string_like(deserializer).map(|text| Self::from(text.as_ref()))
            }
        }
    };
}

pub(crate) use text_traits;

/// Reads a decimal exactly from a string or a JSON number (through its
/// shortest decimal text, so `0.1` stays `0.1`). Decimals are written as
/// their text (`model_serde`).
pub(crate) struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = rust_decimal::Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal as a string or a number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let text = text.trim();
        rust_decimal::Decimal::from_str_exact(text)
            .or_else(|_| rust_decimal::Decimal::from_scientific(text))
            .map_err(|_| E::custom(format!("`{text}` is not a decimal")))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(rust_decimal::Decimal::from(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(rust_decimal::Decimal::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        // The shortest text that reads back as this float is the number as
        // the server wrote it; longer numbers arrive as strings (`exact_json`).
        if !value.is_finite() {
            return Err(E::custom("a decimal must be finite"));
        }
        self.visit_str(&format!("{value}"))
    }
}
