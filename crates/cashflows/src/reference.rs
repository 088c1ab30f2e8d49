//! Opaque identifiers of payment jobs, payments, captures and refunds.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A reference the Gateway assigns (a payment job, payment, capture or refund).
///
/// The Gateway's description calls these integers, but they run to about 18
/// digits: they are kept as text and always sent as strings.
///
/// ```
/// use cashflows::Reference;
///
/// let reference: Reference = serde_json::from_str("220516143012345678").unwrap();
/// assert_eq!(reference.as_str(), "220516143012345678");
/// assert_eq!(serde_json::to_string(&reference).unwrap(), "\"220516143012345678\"");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference(String);

impl Reference {
    /// Wraps a reference.
    pub fn new(reference: impl Into<String>) -> Self {
        Reference(reference.into())
    }

    /// The reference as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Reference {
    fn from(reference: String) -> Self {
        Reference(reference)
    }
}

impl From<&str> for Reference {
    fn from(reference: &str) -> Self {
        Reference(reference.to_owned())
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl crate::model_serde::WriteValue for Reference {
    fn wire(&self) -> crate::model_serde::Wire<'_> {
        crate::model_serde::Wire::Str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::string_or_number(deserializer).map(|text| Reference(text.into_owned()))
    }
}
