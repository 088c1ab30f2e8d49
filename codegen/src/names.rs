//! Every name the generator derives from spec text: Rust identifiers in their
//! three cases, the serde alias in the other key case, and the docs' anchors.
//! This is the only module that converts case, so a name is derived the same
//! way wherever it is used; resolution (`resolve/`) calls it once per name and records
//! the result in the model.

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves in any edition, plus the path keywords.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// The case an identifier is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Types and variants: `InvalidPaymentStatus`.
    UpperCamel,
    /// Functions and fields: `payment_job_reference`.
    Snake,
    /// Constants: `VISA_CREDIT_4000000000000002`.
    ShoutySnake,
}

impl Case {
    /// `text` in this case.
    fn convert(self, text: &str) -> String {
        match self {
            Case::UpperCamel => text.to_upper_camel_case(),
            Case::Snake => text.to_snake_case(),
            Case::ShoutySnake => text.to_shouty_snake_case(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Case::UpperCamel => "UpperCamelCase",
            Case::Snake => "snake_case",
            Case::ShoutySnake => "SCREAMING_SNAKE_CASE",
        }
    }
}

/// Why `ident` cannot be used as a Rust identifier in `case`, if it cannot.
pub fn check(ident: &str, case: Case) -> Result<(), String> {
    let Some(first) = ident.chars().next() else {
        return Err("the identifier is empty".to_string());
    };
    if first.is_ascii_digit() {
        return Err(format!("`{ident}` starts with a digit"));
    }
    if !ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "`{ident}` has characters other than ASCII letters, digits and `_`"
        ));
    }
    if KEYWORDS.contains(&ident) {
        return Err(format!("`{ident}` is a Rust keyword"));
    }
    if case.convert(ident) != ident {
        return Err(format!("`{ident}` is not {}", case.describe()));
    }
    Ok(())
}

/// `text` converted to `case`, or why the result cannot be an identifier.
pub fn derive(text: &str, case: Case) -> Result<String, String> {
    let ident = case.convert(text);
    check(&ident, case)
        .map(|()| ident)
        .map_err(|reason| format!("derived name {reason}"))
}

/// The same JSON key in the other case the Gateway is known to use:
/// PascalCase for a camelCase key and the reverse; `None` when both agree.
pub fn other_key_case(wire: &str) -> Option<String> {
    let other = if wire.starts_with(|c: char| c.is_ascii_uppercase()) {
        wire.to_lower_camel_case()
    } else {
        wire.to_upper_camel_case()
    };
    (other != wire).then_some(other)
}

/// A stable, URL-safe anchor for the docs: kebab-case ASCII
/// (`InvalidPaymentStatus` → `invalid-payment-status`, `Luke Skywalker` →
/// `luke-skywalker`), after `prefix`.
pub fn anchor(prefix: &str, text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    format!("{prefix}{}", ascii.to_kebab_case())
}

#[cfg(test)]
mod tests {
    use super::{Case, anchor, check, derive, other_key_case};

    #[test]
    fn derived_names_are_checked() {
        assert_eq!(
            derive("InvalidPaymentStatus", Case::UpperCamel).as_deref(),
            Ok("InvalidPaymentStatus")
        );
        assert_eq!(
            derive("paymentJobReference", Case::Snake).as_deref(),
            Ok("payment_job_reference")
        );
        assert_eq!(
            derive("Luke Skywalker", Case::ShoutySnake).as_deref(),
            Ok("LUKE_SKYWALKER")
        );
        assert!(derive("type", Case::Snake).unwrap_err().contains("keyword"));
        assert!(
            derive("3DSecure", Case::UpperCamel)
                .unwrap_err()
                .contains("starts with a digit")
        );
        assert!(derive("", Case::Snake).unwrap_err().contains("empty"));
    }

    #[test]
    fn explicit_names_must_already_be_in_case() {
        assert!(check("job_type", Case::Snake).is_ok());
        assert!(
            check("jobType", Case::Snake)
                .unwrap_err()
                .contains("not snake_case")
        );
        assert!(
            check("Self", Case::UpperCamel)
                .unwrap_err()
                .contains("keyword")
        );
        assert!(
            check("Café", Case::UpperCamel)
                .unwrap_err()
                .contains("ASCII")
        );
    }

    #[test]
    fn keys_in_the_other_case_and_anchors() {
        assert_eq!(other_key_case("cardNumber").as_deref(), Some("CardNumber"));
        assert_eq!(other_key_case("CardNumber").as_deref(), Some("cardNumber"));
        assert_eq!(other_key_case("currency").as_deref(), Some("Currency"));
        assert_eq!(other_key_case("3ds"), None);
        assert_eq!(anchor("error-", "Luke Skywalker"), "error-luke-skywalker");
        assert_eq!(anchor("", "InvalidPaymentStatus"), "invalid-payment-status");
    }
}
