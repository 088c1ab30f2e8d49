//! An ordered JSON value: objects keep their keys in the order they were
//! built, so a generated OpenAPI document reads `openapi`, `info`, `paths`
//! in that order and the same model always gives the same bytes. (The
//! workspace's `serde_json` sorts keys, and turning on its `preserve_order`
//! here would change the client's maps too, features being unified.)

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number, as JSON writes it.
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An empty object.
    pub fn object() -> Json {
        Json::Object(Vec::new())
    }

    /// The same object with `key` set to `value` (replacing an earlier one).
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Json>) -> Json {
        self.set(key, value);
        self
    }

    /// Sets `key` to `value` in an object; replaces an earlier value in place.
    pub fn set(&mut self, key: &str, value: impl Into<Json>) {
        let value = value.into();
        if let Json::Object(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_owned(), value)),
            }
        }
    }

    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// An array of strings.
    pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Json {
        Json::Array(items.into_iter().map(|s| Json::from(s.as_ref())).collect())
    }

    /// A YAML value of the spec as JSON: mappings keep their order; a key
    /// that is not a string, or a tagged value, is refused with a reason.
    pub fn from_yaml(value: &serde_yaml::Value) -> Result<Json, String> {
        use serde_yaml::Value;
        Ok(match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(yaml_number(n)?),
            Value::String(s) => Json::String(s.clone()),
            Value::Sequence(items) => Json::Array(
                items
                    .iter()
                    .map(Json::from_yaml)
                    .collect::<Result<_, _>>()?,
            ),
            Value::Mapping(map) => {
                let mut entries = Vec::with_capacity(map.len());
                for (key, value) in map {
                    let Some(key) = key.as_str() else {
                        return Err(format!("a key that is not a string: {key:?}"));
                    };
                    entries.push((key.to_owned(), Json::from_yaml(value)?));
                }
                Json::Object(entries)
            }
            Value::Tagged(_) => return Err("a tagged YAML value".to_owned()),
        })
    }

    /// Pretty JSON, two-space indented, ending in a newline.
    pub fn pretty(&self) -> String {
        // Serialising a tree of strings, numbers and vectors cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn yaml_number(number: &serde_yaml::Number) -> Result<serde_json::Number, String> {
    if let Some(n) = number.as_u64() {
        return Ok(n.into());
    }
    if let Some(n) = number.as_i64() {
        return Ok(n.into());
    }
    number
        .as_f64()
        .and_then(serde_json::Number::from_f64)
        .ok_or_else(|| format!("a number JSON cannot write: {number}"))
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::String(text.to_owned())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Json {
        Json::String(text)
    }
}

impl From<&String> for Json {
    fn from(text: &String) -> Json {
        Json::String(text.clone())
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Json {
        Json::Bool(value)
    }
}

impl From<u64> for Json {
    fn from(value: u64) -> Json {
        Json::Number(value.into())
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn objects_keep_their_order_and_yaml_maps_theirs() {
        let json = Json::object()
            .with("b", 1u64)
            .with("a", "x")
            .with("b", true);
        assert_eq!(json.pretty(), "{\n  \"b\": true,\n  \"a\": \"x\"\n}\n");
        let yaml: serde_yaml::Value = serde_yaml::from_str("z: 1\na: [x, 2.5]\n").unwrap();
        let json = Json::from_yaml(&yaml).unwrap();
        assert_eq!(
            serde_json::to_string(&json).unwrap(),
            r#"{"z":1,"a":["x",2.5]}"#
        );
    }
}
