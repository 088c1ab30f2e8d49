//! Two guarantees a JSON decoder does not give by itself, checked on a
//! Gateway answer before it is decoded:
//!
//! - **Numbers stay exact.** A decoder reads a JSON number through a binary
//!   float, which keeps about 15 significant digits. A number that would lose
//!   digits that way (more than 15 significant digits, or an integer beyond
//!   64 bits) is rewritten as a string of the same digits, which `Amount` and
//!   the other exact types read digit for digit.
//! - **Keys are not repeated.** A key given twice in one object (in any
//!   letter case: the models accept both camelCase and PascalCase, and
//!   written plainly or through escapes such as `"\u0061"`) is an error,
//!   not "the last one wins".
//!
//! The scan is one pass over the bytes; it never panics on malformed input
//! (the decoder reports that), and copies the body only when a number needs
//! rewriting. Its cost grows with the body, never with the square of an
//! object's keys, and it refuses nesting the decoder would refuse too.

use std::borrow::Cow;

/// The significant digits a binary float gives back exactly.
const FLOAT_DIGITS: usize = 15;

/// The deepest nesting scanned. serde_json refuses deeper input anyway;
/// refusing it here first keeps the scan's stack from growing with the body.
const MAX_DEPTH: usize = 128;

/// Up to this many keys, an object's keys are compared with each other as
/// they come: cheapest for the few dozen an answer's objects have. Beyond
/// it, the rest wait for the object's end, where sorting finds a repeat
/// without comparing every pair.
const LINEAR_KEYS: usize = 32;

/// The body to decode: unchanged, or with its long numbers quoted; or why it
/// cannot be trusted.
pub(crate) fn prepare(body: &[u8]) -> Result<Cow<'_, [u8]>, String> {
    let mut scan = Scan {
        body,
        at: 0,
        // Room for the usual depth and key count: no regrowth on a typical
        // answer.
        frames: Vec::with_capacity(8),
        keys: Vec::with_capacity(32),
        unescaped: Vec::new(),
        long_numbers: Vec::new(),
    };
    scan.run()?;
    if scan.long_numbers.is_empty() {
        return Ok(Cow::Borrowed(body));
    }
    let mut out = Vec::with_capacity(body.len() + 2 * scan.long_numbers.len());
    let mut copied = 0;
    for (start, end) in scan.long_numbers {
        out.extend_from_slice(&body[copied..start]);
        out.push(b'"');
        out.extend_from_slice(&body[start..end]);
        out.push(b'"');
        copied = end;
    }
    out.extend_from_slice(&body[copied..]);
    Ok(Cow::Owned(out))
}

/// An open object (where its keys start in the scan's list of keys, and
/// whether a key comes next) or array.
enum Frame {
    Object { keys_from: usize, key_next: bool },
    Array,
}

/// Where a key's text lies.
#[derive(Clone, Copy)]
enum Key {
    /// In the body, as sent: the key has no escapes.
    Sent(usize, usize),
    /// In the scan's `unescaped` bytes: the key as its escapes decode.
    Unescaped(usize, usize),
}

struct Scan<'a> {
    body: &'a [u8],
    at: usize,
    frames: Vec<Frame>,
    /// The keys of the open objects, innermost last.
    keys: Vec<Key>,
    /// The text of the keys sent with escapes, decoded.
    unescaped: Vec<u8>,
    /// Number tokens to quote, as byte ranges.
    long_numbers: Vec<(usize, usize)>,
}

impl Scan<'_> {
    fn run(&mut self) -> Result<(), String> {
        while let Some(&byte) = self.body.get(self.at) {
            match byte {
                b'{' => self.open(Frame::Object {
                    keys_from: self.keys.len(),
                    key_next: true,
                })?,
                b'[' => self.open(Frame::Array)?,
                b'}' | b']' => {
                    if let Some(Frame::Object { keys_from, .. }) = self.frames.pop() {
                        self.close_object(keys_from)?;
                    }
                }
                b',' => self.set_key_next(true),
                b':' => self.set_key_next(false),
                b'"' => {
                    let (start, end) = self.string();
                    self.record_key(start, end)?;
                    continue;
                }
                b'-' | b'0'..=b'9' => {
                    self.number();
                    continue;
                }
                _ => {}
            }
            self.at += 1;
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame) -> Result<(), String> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(format!(
                "the answer nests objects and arrays deeper than {MAX_DEPTH} levels"
            ));
        }
        self.frames.push(frame);
        Ok(())
    }

    /// Forgets a closed object's keys, after checking those beyond
    /// [`LINEAR_KEYS`] (not yet compared) for a repeat.
    fn close_object(&mut self, keys_from: usize) -> Result<(), String> {
        let text = KeyText {
            body: self.body,
            unescaped: &self.unescaped,
        };
        let keys = self.keys.get_mut(keys_from..).unwrap_or_default();
        if keys.len() > LINEAR_KEYS {
            keys.sort_unstable_by(|&a, &b| folded(text.of(a)).cmp(folded(text.of(b))));
            let repeated = keys.windows(2).find_map(|pair| match pair {
                [a, b] if same_key(text.of(*a), text.of(*b)) => Some(*b),
                _ => None,
            });
            if let Some(key) = repeated {
                return Err(repeated_key(text.of(key)));
            }
        }
        self.keys.truncate(keys_from);
        Ok(())
    }

    fn set_key_next(&mut self, next: bool) {
        if let Some(Frame::Object { key_next, .. }) = self.frames.last_mut() {
            *key_next = next;
        }
    }

    /// Skips a string starting at `self.at`; its contents' byte range.
    fn string(&mut self) -> (usize, usize) {
        let start = self.at + 1;
        let mut at = start;
        loop {
            let rest = self.body.get(at..).unwrap_or_default();
            match memchr::memchr2(b'"', b'\\', rest) {
                // An escape: the byte after it is never the string's end.
                Some(offset) if rest[offset] == b'\\' => at += offset + 2,
                Some(offset) => {
                    at += offset;
                    break;
                }
                None => {
                    at = self.body.len();
                    break;
                }
            }
        }
        self.at = at + 1;
        (start, at.min(self.body.len()))
    }

    /// Records the string as a key if one was expected: a repeat is an error.
    fn record_key(&mut self, start: usize, end: usize) -> Result<(), String> {
        let Some(Frame::Object {
            keys_from,
            key_next,
        }) = self.frames.last_mut()
        else {
            return Ok(());
        };
        if !*key_next {
            return Ok(());
        }
        *key_next = false;
        let keys_from = *keys_from;
        let key = self.key(start, end);
        let text = KeyText {
            body: self.body,
            unescaped: &self.unescaped,
        };
        let earlier = self.keys.get(keys_from..).unwrap_or_default();
        // Past the threshold the object's end checks every key at once.
        if earlier.len() < LINEAR_KEYS
            && earlier
                .iter()
                .any(|&other| same_key(text.of(other), text.of(key)))
        {
            return Err(repeated_key(text.of(key)));
        }
        self.keys.push(key);
        Ok(())
    }

    /// The key whose text is `body[start..end]`: where it is sent plainly,
    /// that text; where it has escapes, its decoded text, so that `"a"` and
    /// `"\u0061"` are the same key. Keys with escapes are rare: the body's
    /// text is used as it is for all others.
    fn key(&mut self, start: usize, end: usize) -> Key {
        let sent = key_text(self.body, (start, end));
        if !sent.contains(&b'\\') {
            return Key::Sent(start, end);
        }
        // With its quotes, the key is a JSON string; one that does not
        // decode fails the decoder later, and is compared as sent meanwhile.
        let quoted = self.body.get(start.saturating_sub(1)..end + 1);
        match quoted.and_then(|quoted| serde_json::from_slice::<String>(quoted).ok()) {
            Some(decoded) => {
                let from = self.unescaped.len();
                self.unescaped.extend_from_slice(decoded.as_bytes());
                Key::Unescaped(from, self.unescaped.len())
            }
            None => Key::Sent(start, end),
        }
    }

    /// Skips a number token; records it when a float would lose digits.
    fn number(&mut self) {
        let start = self.at;
        let mut end = start;
        while let Some(byte) = self.body.get(end) {
            if byte.is_ascii_digit() || matches!(byte, b'-' | b'+' | b'.' | b'e' | b'E') {
                end += 1;
            } else {
                break;
            }
        }
        self.at = end;
        if !float_keeps(&self.body[start..end]) {
            self.long_numbers.push((start, end));
        }
    }
}

/// The bytes a scan's keys point into.
struct KeyText<'a> {
    body: &'a [u8],
    unescaped: &'a [u8],
}

impl<'a> KeyText<'a> {
    /// A key's text.
    fn of(&self, key: Key) -> &'a [u8] {
        match key {
            Key::Sent(start, end) => key_text(self.body, (start, end)),
            Key::Unescaped(start, end) => key_text(self.unescaped, (start, end)),
        }
    }
}

/// The bytes of `text` in a range; empty for a range outside it (never
/// made).
fn key_text(text: &[u8], (start, end): (usize, usize)) -> &[u8] {
    text.get(start..end).unwrap_or_default()
}

/// Keys are the same in any letter case: the models read either.
fn same_key(a: &[u8], b: &[u8]) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// A key's bytes in lower case, for sorting keys so that the same key in
/// any case lies side by side.
fn folded(key: &[u8]) -> impl Iterator<Item = u8> + '_ {
    key.iter().map(u8::to_ascii_lowercase)
}

/// How the error for a repeated key starts.
pub(crate) const REPEATED_KEY: &str = "the answer gives the key `";

/// The error for a repeated key, naming it.
pub(crate) fn repeated_key(key: &[u8]) -> String {
    let shown = String::from_utf8_lossy(key);
    format!("{REPEATED_KEY}{shown}` twice in one object")
}

/// Whether reading `token` through a 64-bit integer or a binary float gives
/// back the same number.
fn float_keeps(token: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(token) else {
        return true;
    };
    if !text.contains(['.', 'e', 'E']) {
        return text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok();
    }
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    significant.len() <= FLOAT_DIGITS
}

#[cfg(test)]
mod tests {
    use super::prepare;

    fn prepared(body: &str) -> Result<String, String> {
        prepare(body.as_bytes()).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    #[test]
    fn long_numbers_become_strings_and_short_ones_stay() {
        assert_eq!(
            prepared(r#"{"a":10.01,"b":12345678901234567.89,"c":220516143012345678}"#),
            Ok(r#"{"a":10.01,"b":"12345678901234567.89","c":220516143012345678}"#.to_owned())
        );
        assert_eq!(
            prepared(r#"[123456789012345678901234567890, "1.5", -0.000000000000000001]"#),
            Ok(r#"["123456789012345678901234567890", "1.5", -0.000000000000000001]"#.to_owned())
        );
    }

    #[test]
    fn a_repeated_key_is_refused_in_any_case_and_values_are_not_keys() {
        assert!(prepared(r#"{"data":{"x":1,"x":2}}"#).is_err());
        assert!(prepared(r#"{"paymentStatus":"Paid","PaymentStatus":"Failed"}"#).is_err());
        assert!(prepared(r#"{"a":"a","b":["a","a"],"c":{"a":1}}"#).is_ok());
        assert!(prepared(r#"{"a":"x\"y","b":1}"#).is_ok());
        // An escaped backslash ends right before the closing quote.
        assert!(prepared(r#"{"a":"x\\","b":1}"#).is_ok());
        assert!(prepared(r#"{"a":"x\\","A":1}"#).is_err());
    }

    #[test]
    fn a_key_repeated_through_an_escape_is_refused_in_any_case() {
        for body in [
            r#"{"a":1,"\u0061":2}"#,
            r#"{"a":1,"\u0041":2}"#,
            r#"{"\u0061":1,"a":2}"#,
            r#"{"a\"b":1,"a\u0022b":2}"#,
            r#"{"m":{"k":"1","\u006b":"2"}}"#,
        ] {
            let error = prepared(body).expect_err(body);
            assert!(error.contains("twice in one object"), "{body}: {error}");
        }
        // An escaped backslash followed by `u0061` is not `a`.
        assert!(prepared(r#"{"\\u0061":1,"a":2}"#).is_ok());
        // A key whose escape does not decode is left to the decoder.
        assert!(prepared(r#"{"\u00zz":1,"a":2}"#).is_ok());
        // Past the number of keys compared as they come, too.
        let many = super::LINEAR_KEYS + 5;
        let body = format!("{{{},\"\\u006bey3\":0}}", wide_keys(many));
        assert!(prepared(&body).is_err(), "{body}");
    }

    /// `count` distinct keys and their values, comma-separated.
    fn wide_keys(count: usize) -> String {
        let keys: Vec<String> = (0..count).map(|i| format!(r#""key{i}":{i}"#)).collect();
        keys.join(",")
    }

    /// An object of `count` distinct keys, then `extra` keys as given.
    fn wide_object(count: usize, extra: &str) -> String {
        format!("{{\"data\":{{{}{extra}}}}}", wide_keys(count))
    }

    #[test]
    fn an_object_of_very_many_distinct_keys_is_scanned_without_comparing_every_pair() {
        // Compared pair by pair, 200k keys took minutes.
        assert!(prepared(&wide_object(200_000, "")).is_ok());
    }

    #[test]
    fn a_repeat_among_many_keys_is_refused_naming_the_key_in_any_case() {
        for (extra, key) in [(r#","KEY150":1"#, "key150"), (r#","key7":1"#, "key7")] {
            let error = prepared(&wide_object(200, extra)).expect_err(extra);
            assert!(
                error.to_ascii_lowercase().contains(&format!("`{key}`")),
                "{error}"
            );
        }
        // The repeat among the first keys, found as it comes.
        assert!(prepared(r#"{"a":1,"b":2,"A":3}"#).is_err());
        // Exactly at the threshold and one past it.
        for count in [super::LINEAR_KEYS, super::LINEAR_KEYS + 1] {
            assert!(prepared(&wide_object(count, "")).is_ok());
            assert!(prepared(&wide_object(count, r#","key0":0"#)).is_err());
        }
    }

    #[test]
    fn nesting_deeper_than_128_levels_is_refused() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(prepared(&nested(128)).is_ok());
        let error = prepared(&nested(129)).expect_err("too deep");
        assert!(error.contains("128"), "{error}");
        // The stack is refused before the body's end: 4 MiB of `[` stop early.
        assert!(prepared(&"[".repeat(4 << 20)).is_err());
        assert!(prepared(&format!("{}1{}", r#"{"a":"#.repeat(129), "}".repeat(129))).is_err());
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for body in ["", "{", "\"", "{\"a\"", "[1e", "{\"a\":\"\\", "}}]]", "-"] {
            let _ = prepared(body);
        }
    }
}
