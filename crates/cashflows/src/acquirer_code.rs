//! The acquirer response code value: what Remote Auth sent, parsed.

use std::fmt;
use std::str::FromStr;

use crate::acquirer::{AcquirerClass, AcquirerReason};

/// An acquirer response code as Remote Auth sends it, for example `D101`:
/// a class letter, an internal digit with no meaning, and a two-digit reason.
///
/// Any upper-case letter is accepted as the class, so a class Cashflows adds
/// later still parses; `Display` gives back exactly the code that was parsed.
///
/// ```
/// use cashflows::{AcquirerClass, AcquirerReason, AcquirerResponseCode};
///
/// let code: AcquirerResponseCode = "D101".parse().unwrap();
/// assert_eq!(code.class(), AcquirerClass::Declined);
/// assert_eq!(code.internal_digit(), 1);
/// assert_eq!(code.reason(), Some(AcquirerReason::DX01));
/// assert_eq!(code.reason().unwrap().reason(), "Non-specific decline");
/// assert_eq!(code.to_string(), "D101");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AcquirerResponseCode([u8; 4]);

impl AcquirerResponseCode {
    /// Parses a code: an upper-case ASCII letter and three ASCII digits.
    pub fn parse(text: &str) -> Result<Self, ParseAcquirerCodeError> {
        match text.as_bytes() {
            &[class, internal, tens, units]
                if class.is_ascii_uppercase()
                    && internal.is_ascii_digit()
                    && tens.is_ascii_digit()
                    && units.is_ascii_digit() =>
            {
                Ok(AcquirerResponseCode([class, internal, tens, units]))
            }
            _ => Err(ParseAcquirerCodeError(text.to_owned())),
        }
    }

    /// The code exactly as parsed.
    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The class letter.
    pub fn class_letter(self) -> char {
        char::from(self.0[0])
    }

    /// The class.
    pub fn class(self) -> AcquirerClass {
        AcquirerClass::from_letter(self.class_letter())
    }

    /// The internal digit, which carries no documented meaning.
    pub fn internal_digit(self) -> u8 {
        self.0[1] - b'0'
    }

    /// The two-digit reason number.
    pub fn reason_number(self) -> u8 {
        (self.0[2] - b'0') * 10 + (self.0[3] - b'0')
    }

    /// The table's row for this code, if the table lists it.
    pub fn reason(self) -> Option<AcquirerReason> {
        AcquirerReason::lookup(self.class_letter(), self.reason_number())
    }

    /// This project's advice: the row's, else the class's, else none.
    pub fn advice(self) -> Option<crate::Advice> {
        self.reason()
            .map(AcquirerReason::advice)
            .or_else(|| self.class().advice())
    }
}

impl FromStr for AcquirerResponseCode {
    type Err = ParseAcquirerCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AcquirerResponseCode::parse(text)
    }
}

impl fmt::Display for AcquirerResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AcquirerResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AcquirerResponseCode({})", self.as_str())
    }
}

impl serde::Serialize for AcquirerResponseCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for AcquirerResponseCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::wire::string_like(deserializer)?;
        AcquirerResponseCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Text that is not a letter followed by three digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseAcquirerCodeError(String);

impl fmt::Display for ParseAcquirerCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an acquirer response code (a letter and three digits)",
            self.0
        )
    }
}

impl std::error::Error for ParseAcquirerCodeError {}
