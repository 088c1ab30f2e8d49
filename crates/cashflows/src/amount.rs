//! Exact decimal amounts of money.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An amount of money as an exact decimal; never a binary float.
///
/// It is sent as a string with at least two decimal places (`"10.00"`), as
/// the Gateway's examples do. When reading, both strings and JSON numbers are
/// accepted; a number is read through its shortest decimal text, so `10.01`
/// stays `10.01`.
///
/// ```
/// use cashflows::Amount;
///
/// let amount: Amount = "10".parse().unwrap();
/// assert_eq!(amount.to_string(), "10.00");
/// assert_eq!(serde_json::to_string(&amount).unwrap(), "\"10.00\"");
/// let read: Amount = serde_json::from_str("10.01").unwrap();
/// assert_eq!(read, "10.01".parse().unwrap());
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// An amount from minor units (pence, cents): `from_minor_units(1000)` is 10.00.
    pub fn from_minor_units(minor_units: i64) -> Self {
        Amount(Decimal::new(minor_units, 2))
    }

    /// An amount from a decimal.
    pub fn from_decimal(decimal: Decimal) -> Self {
        Amount(decimal)
    }

    /// The amount as a decimal, for arithmetic.
    pub fn as_decimal(&self) -> Decimal {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

/// Text that is not a decimal amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseAmountError(String);

impl fmt::Display for ParseAmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal amount", self.0)
    }
}

impl std::error::Error for ParseAmountError {}

impl FromStr for Amount {
    type Err = ParseAmountError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let looks_decimal = !trimmed.is_empty()
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && trimmed.chars().any(|c| c.is_ascii_digit());
        if !looks_decimal {
            return Err(ParseAmountError(text.to_owned()));
        }
        Decimal::from_str_exact(trimmed)
            .map(Amount)
            .map_err(|_| ParseAmountError(text.to_owned()))
    }
}

impl From<Decimal> for Amount {
    fn from(decimal: Decimal) -> Self {
        Amount(decimal)
    }
}

impl fmt::Display for Amount {
    /// At least two decimal places; more only when the amount has them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut decimal = self.0;
        if decimal.scale() < 2 {
            decimal.rescale(2);
        }
        fmt::Display::fmt(&decimal, f)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({self})")
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl crate::model_serde::WriteValue for Amount {
    fn wire(&self) -> crate::model_serde::Wire<'_> {
        crate::model_serde::Wire::Text(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal amount as a string or a number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Amount, E> {
        // A JSON number too long for a float arrives here as its text
        // (`exact_json`), exponent included when it was written with one.
        text.parse()
            .or_else(|refused| {
                let text = text.trim();
                text.contains(['e', 'E'])
                    .then(|| Decimal::from_scientific(text).ok())
                    .flatten()
                    .map(Amount)
                    .ok_or(refused)
            })
            .map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Amount, E> {
        // The shortest text that reads back as this float is the number as
        // the server wrote it, for any amount with up to 15 significant digits.
        if !value.is_finite() {
            return Err(E::custom("an amount must be finite"));
        }
        format!("{value}").parse().map_err(E::custom)
    }
}
