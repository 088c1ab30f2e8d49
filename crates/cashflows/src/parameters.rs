//! The free-form `parameters` object of a capture or a refund request: text
//! by key, kept as given, looked up as the Gateway reads it.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::model_serde::{Wire, WriteMap, WriteValue};

/// The `parameters` of a capture or a refund: a JSON object of strings whose
/// keys Cashflows does not publish, so any key can be sent.
///
/// - **Nothing is lost or reordered.** Every key is kept as spelled, with its
///   value, in the order it was inserted or received; encoding writes them
///   back in that order, so decoding then encoding gives the same object.
/// - **Keys are compared without regard to ASCII case**, as the Gateway reads
///   them: [`get`](Self::get) finds `SimulatedStatus` under `simulatedstatus`.
/// - **A key is held once, whatever its case.** [`insert`](Self::insert) of a
///   key already held (in any case) replaces that entry where it stands, key
///   spelling and value both, so the last insert is what is sent. Decoding an
///   object that gives a key twice (in any case) is an error: the Gateway
///   would read only one of the two, and which one is not documented.
/// - Values are strings; decoding refuses any other JSON value rather than
///   turn it into text that would encode differently.
///
/// Equality compares the entries in order, as they would be sent. `Debug`
/// shows every key and value: Cashflows documents no card data for these
/// objects (card data belongs in [`PaymentJobParameters`], whose card fields
/// hide it).
///
/// ```
/// use cashflows::models::{CapturePaymentRequest, Parameters};
///
/// let capture = CapturePaymentRequest {
///     parameters: Parameters::new().with("SimulatedStatus", "Pending"),
///     ..Default::default()
/// };
/// assert_eq!(capture.parameters.get("simulatedstatus"), Some("Pending"));
/// assert_eq!(
///     serde_json::to_string(&capture).unwrap(),
///     r#"{"parameters":{"SimulatedStatus":"Pending"}}"#,
/// );
/// ```
///
/// [`PaymentJobParameters`]: crate::models::PaymentJobParameters
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Parameters {
    /// The entries as inserted or received: encoding writes this order.
    entries: Vec<(String, String)>,
    /// Each entry's key in ASCII lower case, with its index in `entries`:
    /// lookups ignore case without comparing every key, so decoding a large
    /// object costs no more than sorting its keys.
    index: BTreeMap<String, usize>,
}

impl Parameters {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// These parameters with `key` set to `value` (see [`insert`](Self::insert)).
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.insert(key, value);
        self
    }

    /// Sets `key` to `value`. A key already held in any letter case is
    /// replaced where it stands, spelling and value both; its old value is
    /// returned.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) -> Option<String> {
        let key = key.into();
        let value = value.into();
        match self.index.get(&key.to_ascii_lowercase()) {
            Some(&at) => {
                let (_, old) = std::mem::replace(&mut self.entries[at], (key, value));
                Some(old)
            }
            None => {
                self.push(key, value);
                None
            }
        }
    }

    /// The value of `key`, compared without regard to ASCII case.
    pub fn get(&self, key: &str) -> Option<&str> {
        let at = *self.index.get(&key.to_ascii_lowercase())?;
        Some(self.entries[at].1.as_str())
    }

    /// Removes `key` (in any letter case) and returns its value; the other
    /// entries keep their order.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let at = self.index.remove(&key.to_ascii_lowercase())?;
        let (_, value) = self.entries.remove(at);
        for later in self.index.values_mut().filter(|index| **index > at) {
            *later -= 1;
        }
        Some(value)
    }

    /// The keys, as spelled, with their values, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }

    /// How many keys are held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no key is held (the request then leaves `parameters` out).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a key known not to be held.
    fn push(&mut self, key: String, value: String) {
        self.index
            .insert(key.to_ascii_lowercase(), self.entries.len());
        self.entries.push((key, value));
    }
}

impl fmt::Debug for Parameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Built by [`insert`](Parameters::insert): a later key replaces an earlier
/// one that differs only in case.
impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Parameters {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut parameters = Parameters::new();
        for (key, value) in entries {
            parameters.insert(key, value);
        }
        parameters
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for Parameters {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl Serialize for Parameters {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Parameters {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ParametersVisitor)
    }
}

struct ParametersVisitor;

impl<'de> Visitor<'de> for ParametersVisitor {
    type Value = Parameters;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a parameters object of strings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parameters, A::Error> {
        let mut parameters = Parameters::new();
        while let Some(key) = map.next_key::<String>()? {
            // Refused before its value is read: a later value never
            // silently replaces an earlier one.
            if parameters.index.contains_key(&key.to_ascii_lowercase()) {
                return Err(de::Error::custom(format!(
                    "parameters give the key `{key}` twice (keys are compared without regard \
                     to case)"
                )));
            }
            let value = map.next_value::<String>()?;
            parameters.push(key, value);
        }
        Ok(parameters)
    }
}

impl WriteValue for Parameters {
    fn wire(&self) -> Wire<'_> {
        Wire::Map(self)
    }
}

impl WriteMap for Parameters {
    fn each(&self, entry: &mut dyn FnMut(&str, Wire<'_>)) {
        for (key, value) in self.iter() {
            entry(key, Wire::Str(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Parameters;

    #[test]
    fn a_key_in_another_case_replaces_the_entry_where_it_stands() {
        let mut parameters = Parameters::from([("A", "1"), ("SimulatedStatus", "Pending")]);
        parameters.insert("z", "2");
        assert_eq!(
            parameters.insert("SIMULATEDSTATUS", "Failed"),
            Some("Pending".to_owned())
        );
        let entries: Vec<_> = parameters.iter().collect();
        assert_eq!(
            entries,
            [("A", "1"), ("SIMULATEDSTATUS", "Failed"), ("z", "2")]
        );
        assert_eq!(parameters.get("simulatedStatus"), Some("Failed"));
        assert_eq!(parameters.len(), 3);
    }

    #[test]
    fn removing_keeps_the_order_and_the_lookups_of_the_rest() {
        let mut parameters = Parameters::from([("a", "1"), ("B", "2"), ("c", "3")]);
        assert_eq!(parameters.remove("b"), Some("2".to_owned()));
        assert_eq!(parameters.remove("b"), None);
        assert_eq!(parameters.get("C"), Some("3"));
        assert_eq!(
            parameters.iter().collect::<Vec<_>>(),
            [("a", "1"), ("c", "3")]
        );
        parameters.insert("b", "4");
        assert_eq!(
            parameters.iter().collect::<Vec<_>>(),
            [("a", "1"), ("c", "3"), ("b", "4")]
        );
    }

    #[test]
    fn decoding_keeps_every_key_in_order_and_refuses_a_repeat_in_any_case() {
        let json = r#"{"zeta":"1","Alpha":"2","":"","ünïcode":"é"}"#;
        let parameters: Parameters = serde_json::from_str(json).expect("decodes");
        assert_eq!(serde_json::to_string(&parameters).expect("encodes"), json);
        assert_eq!(parameters.get("ALPHA"), Some("2"));
        assert_eq!(
            parameters.get("ÜNÏCODE"),
            None,
            "only ASCII case is ignored"
        );

        let repeated = r#"{"SimulatedStatus":"Pending","simulatedstatus":"Failed"}"#;
        let error = serde_json::from_str::<Parameters>(repeated).unwrap_err();
        assert!(
            error.to_string().contains("`simulatedstatus` twice"),
            "{error}"
        );
        assert!(serde_json::from_str::<Parameters>(r#"{"a":1}"#).is_err());
        assert!(serde_json::from_str::<Parameters>(r#"{"a":null}"#).is_err());
    }

    #[test]
    fn debug_shows_the_entries_as_a_map() {
        let parameters = Parameters::new().with("SimulatedStatus", "Pending");
        assert_eq!(
            format!("{parameters:?}"),
            r#"{"SimulatedStatus": "Pending"}"#
        );
    }
}
