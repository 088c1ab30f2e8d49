//! Draws JSON values from the Gateway document's schemas: every required
//! property and a random subset of the optional ones, unknown properties
//! with arbitrary values where the object admits them, `null` where the
//! schema allows it, strings honouring `pattern` and `format: date-time`,
//! enumeration strings from `x-known-values` and sometimes unknown ones,
//! arrays of 0 to 3 items, and nesting bounded by [`MAX_DEPTH`].
//!
//! Only the keywords the document uses are understood; any other one
//! fails the test, so a new keyword gets a generator before it is trusted.

use proptest::prelude::Rng;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Map, Number, Value, json};

/// How deep models nest before optional parts are left out.
const MAX_DEPTH: usize = 6;

/// The keywords a schema may carry; anything else is not understood.
const UNDERSTOOD: &[&str] = &[
    "$ref",
    "anyOf",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "description",
    "examples",
    "x-provenance",
    "x-sensitive",
    "x-known-values",
    "x-enum-descriptions",
];

/// A generator over one document's `components.schemas`, with a seeded
/// runner: the same seed draws the same values.
pub struct Draw<'a> {
    components: &'a Map<String, Value>,
    runner: TestRunner,
}

impl<'a> Draw<'a> {
    pub fn new(components: &'a Map<String, Value>) -> Self {
        Draw {
            components,
            runner: TestRunner::deterministic(),
        }
    }

    /// A value valid against `schema`.
    pub fn value(&mut self, schema: &Value, depth: usize) -> Value {
        let object = schema.as_object().expect("a schema is an object");
        if let Some(unknown) = object.keys().find(|k| !UNDERSTOOD.contains(&k.as_str())) {
            panic!("the generator does not understand `{unknown}` in {schema}");
        }
        if let Some(target) = object.get("$ref") {
            return self.value(self.resolve(target), depth);
        }
        if let Some(Value::Array(branches)) = object.get("anyOf") {
            return self.any_of(branches, depth);
        }
        match object.get("type") {
            None => self.arbitrary(depth),
            Some(Value::String(ty)) => self.of_type(ty, schema, depth),
            Some(Value::Array(types)) => {
                let ty = self.pick(types).as_str().expect("a type name").to_owned();
                self.of_type(&ty, schema, depth)
            }
            Some(other) => panic!("a `type` that is neither a name nor a list: {other}"),
        }
    }

    /// The component a `$ref` names.
    fn resolve(&self, target: &Value) -> &'a Value {
        let name = target
            .as_str()
            .and_then(|t| t.strip_prefix("#/components/schemas/"))
            .unwrap_or_else(|| panic!("a `$ref` outside components.schemas: {target}"));
        &self.components[name]
    }

    /// One branch of an `anyOf`; past the depth bound, `null` when a branch
    /// allows it, so nesting stops.
    fn any_of(&mut self, branches: &[Value], depth: usize) -> Value {
        let null = branches.iter().find(|b| b["type"] == "null");
        if let (Some(null), true) = (null, depth >= MAX_DEPTH) {
            return self.value(null, depth);
        }
        let branch = self.pick(branches).clone();
        self.value(&branch, depth)
    }

    fn of_type(&mut self, ty: &str, schema: &Value, depth: usize) -> Value {
        match ty {
            "null" => Value::Null,
            "boolean" => Value::Bool(self.rng().random()),
            "integer" => self.integer(schema),
            "number" => self.number(),
            "string" => Value::String(self.string(schema)),
            "array" => self.array(schema, depth),
            "object" => Value::Object(self.object(schema, depth)),
            other => panic!("an unknown type `{other}`"),
        }
    }

    /// Every required property, each optional one with even odds (none
    /// past the depth bound), and unknown ones where the object admits them.
    fn object(&mut self, schema: &Value, depth: usize) -> Map<String, Value> {
        let mut out = Map::new();
        let required = schema["required"].as_array().cloned().unwrap_or_default();
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (name, property) in &properties {
            let is_required = required.iter().any(|r| r == name);
            if is_required || (depth < MAX_DEPTH && self.rng().random_bool(0.5)) {
                out.insert(name.clone(), self.value(property, depth + 1));
            }
        }
        let extra = match &schema["additionalProperties"] {
            Value::Bool(true) => None,
            Value::Object(_) => Some(schema["additionalProperties"].clone()),
            Value::Null | Value::Bool(false) => return out,
            other => panic!("an `additionalProperties` of {other}"),
        };
        for _ in 0..self.rng().random_range(0..=2) {
            let name = self.unlisted_name(&out, &properties);
            let value = match &extra {
                Some(schema) => self.value(schema, depth + 1),
                None => self.arbitrary(depth + 1),
            };
            out.insert(name, value);
        }
        out
    }

    /// A name for an unknown property. It never equals a listed property or
    /// one already drawn in ASCII letter case: the Gateway reads keys
    /// without regard to case, so the client takes `Reference` for
    /// `reference` and refuses a key given twice in any case. The document
    /// cannot say so in JSON Schema; its description and the book do.
    fn unlisted_name(&mut self, drawn: &Map<String, Value>, listed: &Map<String, Value>) -> String {
        loop {
            let name = self.text(1..=10, false);
            let clashes = |key: &String| key.eq_ignore_ascii_case(&name);
            if !drawn.keys().any(clashes) && !listed.keys().any(clashes) {
                return name;
            }
        }
    }

    /// 0 to 3 items; none past the depth bound.
    fn array(&mut self, schema: &Value, depth: usize) -> Value {
        let count = if depth >= MAX_DEPTH {
            0
        } else {
            self.rng().random_range(0..=3)
        };
        let items = schema.get("items").cloned().unwrap_or(json!({}));
        Value::Array((0..count).map(|_| self.value(&items, depth + 1)).collect())
    }

    fn string(&mut self, schema: &Value) -> String {
        if let Some(pattern) = schema["pattern"].as_str() {
            return self.matching(pattern);
        }
        if schema["format"] == "date-time" {
            return self.date_time();
        }
        if let Some(Value::Array(known)) = schema.get("x-known-values") {
            // Mostly a known value; sometimes one Cashflows may add later.
            if self.rng().random_bool(0.8) {
                return self.pick(known).as_str().expect("a known value").to_owned();
            }
        }
        self.text(0..=12, true)
    }

    /// A string the whole of which matches `pattern` (anchored with `^` and
    /// `$`, as the document's are), drawn by proptest's regex strategy.
    fn matching(&mut self, pattern: &str) -> String {
        let inner = pattern
            .strip_prefix('^')
            .and_then(|p| p.strip_suffix('$'))
            .unwrap_or_else(|| panic!("an unanchored pattern `{pattern}`"));
        let strategy = proptest::string::string_regex(inner)
            .unwrap_or_else(|err| panic!("pattern `{pattern}`: {err}"));
        strategy
            .new_tree(&mut self.runner)
            .expect("a regex strategy always draws")
            .current()
    }

    /// An RFC 3339 date-time (`format: date-time`): either case of `T` and
    /// `Z`, fractional seconds of any length, any offset.
    fn date_time(&mut self) -> String {
        let rng = self.rng();
        let date = format!(
            "{:04}-{:02}-{:02}",
            rng.random_range(0..=9999),
            rng.random_range(1..=12),
            rng.random_range(1..=28)
        );
        let time = format!(
            "{:02}:{:02}:{:02}",
            rng.random_range(0..=23),
            rng.random_range(0..=59),
            rng.random_range(0..=59)
        );
        let fraction = match rng.random_range(0..3) {
            0 => String::new(),
            _ => format!(".{}", rng.random_range(0..1_000_000_000u32)),
        };
        let offset = match rng.random_range(0..4) {
            0 => "Z".to_owned(),
            1 => "z".to_owned(),
            _ => format!(
                "{}{:02}:{:02}",
                if rng.random() { '+' } else { '-' },
                rng.random_range(0..=23),
                rng.random_range(0..=59)
            ),
        };
        let separator = if rng.random_bool(0.9) { 'T' } else { 't' };
        format!("{date}{separator}{time}{fraction}{offset}")
    }

    /// Within `minimum`, `maximum` and an `int32` or `int64` format when
    /// given; otherwise any integer a JSON value holds. Small ones most often.
    /// Always written without a fraction: JSON Schema also counts `7.0` as
    /// an integer, which the client (like serde's integers) refuses, but no
    /// producer of an `int64` writes one, and Schemathesis draws integers
    /// as integers too.
    fn integer(&mut self, schema: &Value) -> Value {
        let (low, high) = match schema["format"].as_str() {
            Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        let low = schema["minimum"].as_i64().unwrap_or(low);
        let high = schema["maximum"].as_i64().unwrap_or(high);
        let unbounded = ["minimum", "maximum", "format"]
            .iter()
            .all(|bound| schema.get(*bound).is_none());
        let rng = self.rng();
        match rng.random_range(0..4) {
            0 if unbounded => Value::from(rng.random_range(i64::MAX as u64 + 1..=u64::MAX)),
            1 => Value::from(rng.random_range(low..=high)),
            _ => Value::from(rng.random_range(low.max(-1000)..=high.min(1000))),
        }
    }

    /// Any finite JSON number: small decimals, integers, and floats of any
    /// exponent.
    fn number(&mut self) -> Value {
        let rng = self.rng();
        let float = match rng.random_range(0..4) {
            0 => rng.random_range(-1000..=1000) as f64,
            1 => f64::from(rng.random_range(-100_000..=100_000)) / 100.0,
            2 => rng.random_range(-1.0e6..1.0e6),
            _ => {
                let bits = rng.random::<u64>();
                Some(f64::from_bits(bits))
                    .filter(|f| f.is_finite())
                    .unwrap_or(0.5)
            }
        };
        Value::Number(Number::from_f64(float).expect("finite"))
    }

    /// Any JSON value, nested up to the depth bound.
    fn arbitrary(&mut self, depth: usize) -> Value {
        let kinds = if depth >= MAX_DEPTH { 5 } else { 7 };
        match self.rng().random_range(0..kinds) {
            0 => Value::Null,
            1 => Value::Bool(self.rng().random()),
            2 => self.integer(&json!({})),
            3 => self.number(),
            4 => Value::String(self.text(0..=12, true)),
            5 => {
                let count = self.rng().random_range(0..=3);
                Value::Array((0..count).map(|_| self.arbitrary(depth + 1)).collect())
            }
            _ => Value::Object(self.object(&json!({"additionalProperties": true}), depth)),
        }
    }

    /// Text of a length in `lengths`: ASCII letters and digits, and with
    /// `any_char` also quotes, backslashes, control and non-ASCII characters.
    fn text(&mut self, lengths: std::ops::RangeInclusive<usize>, any_char: bool) -> String {
        const PLAIN: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        const ODD: &[char] = &['"', '\\', '\n', '\u{0}', '\u{7f}', 'é', 'Σ', '€', '😀', ' '];
        let rng = self.rng();
        let length = rng.random_range(lengths);
        (0..length)
            .map(|_| {
                if any_char && rng.random_bool(0.2) {
                    ODD[rng.random_range(0..ODD.len())]
                } else {
                    char::from(PLAIN[rng.random_range(0..PLAIN.len())])
                }
            })
            .collect()
    }

    fn pick<'v>(&mut self, values: &'v [Value]) -> &'v Value {
        &values[self.rng().random_range(0..values.len())]
    }

    fn rng(&mut self) -> &mut proptest::test_runner::TestRng {
        self.runner.rng()
    }
}
