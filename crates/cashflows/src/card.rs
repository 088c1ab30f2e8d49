//! Card data that must never be shown: numbers and security codes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A card number (PAN). `Debug` and `Display` show at most its first six and
/// last four digits; the full number leaves only through serialisation.
///
/// ```
/// use cashflows::CardNumber;
///
/// let number = CardNumber::new("4000000000000002");
/// assert_eq!(format!("{number:?}"), "CardNumber(400000******0002)");
/// assert_eq!(number.expose(), "4000000000000002");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct CardNumber(String);

impl CardNumber {
    /// Wraps a card number.
    pub fn new(number: impl Into<String>) -> Self {
        CardNumber(number.into())
    }

    /// The full number. Name every use: it is card data.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the number is 12 to 19 ASCII digits that pass the Luhn check,
    /// as every card number does.
    ///
    /// ```
    /// use cashflows::CardNumber;
    ///
    /// assert!(CardNumber::new("4000000000000002").passes_luhn());
    /// assert!(!CardNumber::new("4000000000000003").passes_luhn());
    /// assert!(!CardNumber::new("4000 0000 0000 0002").passes_luhn());
    /// ```
    pub fn passes_luhn(&self) -> bool {
        (12..=19).contains(&self.0.len())
            && self.0.bytes().all(|byte| byte.is_ascii_digit())
            && luhn::valid(&self.0)
    }

    /// The number with all but the first six and last four digits hidden;
    /// shorter numbers are hidden whole.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 13 {
            return "*".repeat(chars.len());
        }
        let hidden = chars.len() - 10;
        chars[..6]
            .iter()
            .chain(std::iter::repeat_n(&'*', hidden))
            .chain(&chars[chars.len() - 4..])
            .collect()
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber({})", self.masked())
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl From<&str> for CardNumber {
    fn from(number: &str) -> Self {
        CardNumber::new(number)
    }
}

impl Serialize for CardNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl crate::model_serde::WriteValue for CardNumber {
    fn wire(&self) -> crate::model_serde::Wire<'_> {
        crate::model_serde::Wire::Str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CardNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::string_or_number(deserializer).map(|text| CardNumber(text.into_owned()))
    }
}

/// A card security code (CVC, CVV). `Debug` and `Display` never show it.
///
/// ```
/// use cashflows::CardSecurityCode;
///
/// let cvc = CardSecurityCode::new("123");
/// assert_eq!(format!("{cvc:?}"), "CardSecurityCode(***)");
/// assert_eq!(cvc.expose(), "123");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct CardSecurityCode(String);

impl CardSecurityCode {
    /// Wraps a security code.
    pub fn new(code: impl Into<String>) -> Self {
        CardSecurityCode(code.into())
    }

    /// The code. Name every use: it is card data.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CardSecurityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CardSecurityCode(***)")
    }
}

impl fmt::Display for CardSecurityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for CardSecurityCode {
    fn from(code: &str) -> Self {
        CardSecurityCode::new(code)
    }
}

impl Serialize for CardSecurityCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl crate::model_serde::WriteValue for CardSecurityCode {
    fn wire(&self) -> crate::model_serde::Wire<'_> {
        crate::model_serde::Wire::Str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CardSecurityCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::string_or_number(deserializer).map(|text| CardSecurityCode(text.into_owned()))
    }
}

/// A text that `Debug` and `Display` never show: card tokens and 3-D Secure
/// cryptograms. It leaves only through serialisation and `expose`.
macro_rules! sensitive_text {
    ($(#[$docs:meta])* $name:ident) => {
        $(#[$docs])*
        #[derive(Clone, Default, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps the value.
            pub fn new(value: impl Into<String>) -> Self {
                $name(value.into())
            }

            /// The value. Name every use: it is sensitive.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}(***)", stringify!($name))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("***")
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $name::new(value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl crate::model_serde::WriteValue for $name {
            fn wire(&self) -> crate::model_serde::Wire<'_> {
                crate::model_serde::Wire::Str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::wire::string_or_number(deserializer).map(|text| $name(text.into_owned()))
            }
        }
    };
}

sensitive_text! {
    /// A card token (from card tokenisation, or a stored card): it pays like a
    /// card, so `Debug` and `Display` never show it.
    ///
    /// ```
    /// let token = cashflows::CardToken::new("0f4c2d9e");
    /// assert_eq!(format!("{token:?}"), "CardToken(***)");
    /// assert_eq!(token.expose(), "0f4c2d9e");
    /// ```
    CardToken
}

sensitive_text! {
    /// A 3-D Secure cryptogram (CAVV, XID): proof of an authentication, so
    /// `Debug` and `Display` never show it.
    ///
    /// ```
    /// let cavv = cashflows::Cryptogram::new("AAABBEg0VhI0VniQEjRWAAAAAAA=");
    /// assert_eq!(format!("{cavv:?}"), "Cryptogram(***)");
    /// ```
    Cryptogram
}
