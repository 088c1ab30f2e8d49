//! The field type grammar of `models.yaml`: `string`, `amount`, `list<Order>`, ….

/// A parsed field type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    Integer,
    /// An exact decimal amount of money.
    Amount,
    /// Any other exact decimal (a rate, a percentage, a score).
    Decimal,
    /// An opaque identifier: a string on the wire, though the Gateway may send a number.
    Reference,
    /// ISO 8601 text, kept as sent.
    DateTime,
    /// Any JSON value.
    Json,
    CardNumber,
    CardCvc,
    /// A card token: sensitive, hidden in `Debug`.
    CardToken,
    /// A 3-D Secure cryptogram (CAVV, XID): sensitive, hidden in `Debug`.
    Cryptogram,
    /// The envelope's `errorReport` (hand-written in the client).
    ErrorReport,
    /// A free-form `parameters` object of strings whose keys are not
    /// published: every key kept in order, looked up without regard to case
    /// (`Parameters`, hand-written in the client).
    Parameters,
    /// A model or enum from `models.yaml`.
    Named(String),
    List(Box<TypeRef>),
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// Parses the grammar; the error says what was not understood.
    pub fn parse(text: &str) -> Result<TypeRef, String> {
        let text = text.trim();
        if let Some(inner) = generic(text, "list") {
            return TypeRef::parse(inner).map(|inner| TypeRef::List(Box::new(inner)));
        }
        if let Some(inner) = generic(text, "map") {
            return TypeRef::parse(inner).map(|inner| TypeRef::Map(Box::new(inner)));
        }
        Ok(match text {
            "string" => TypeRef::String,
            "bool" => TypeRef::Bool,
            "integer" => TypeRef::Integer,
            "amount" => TypeRef::Amount,
            "decimal" => TypeRef::Decimal,
            "card_token" => TypeRef::CardToken,
            "cryptogram" => TypeRef::Cryptogram,
            "reference" => TypeRef::Reference,
            "datetime" => TypeRef::DateTime,
            "json" => TypeRef::Json,
            "card_number" => TypeRef::CardNumber,
            "card_cvc" => TypeRef::CardCvc,
            "error_report" => TypeRef::ErrorReport,
            "parameters" => TypeRef::Parameters,
            named
                if named.starts_with(|c: char| c.is_ascii_uppercase())
                    && named.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                TypeRef::Named(named.to_string())
            }
            other => return Err(format!("`{other}` is not a type")),
        })
    }

    /// The model or enum names this type refers to.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.named(),
            _ => None,
        }
    }

    /// Whether a value holds entries rather than being one: such a field is
    /// never optional (empty stands for absent), is written only when not
    /// empty, and reads an explicit `null` as empty.
    pub fn is_collection(&self) -> bool {
        matches!(
            self,
            TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Parameters
        )
    }

    /// As the spec writes it (`list<PaymentMethodInfo>`).
    pub fn spelling(&self) -> String {
        match self {
            TypeRef::String => "string".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::Integer => "integer".into(),
            TypeRef::Amount => "amount".into(),
            TypeRef::Decimal => "decimal".into(),
            TypeRef::CardToken => "card_token".into(),
            TypeRef::Cryptogram => "cryptogram".into(),
            TypeRef::Reference => "reference".into(),
            TypeRef::DateTime => "datetime".into(),
            TypeRef::Json => "json".into(),
            TypeRef::CardNumber => "card_number".into(),
            TypeRef::CardCvc => "card_cvc".into(),
            TypeRef::ErrorReport => "error_report".into(),
            TypeRef::Parameters => "parameters".into(),
            TypeRef::Named(name) => name.clone(),
            TypeRef::List(inner) => format!("list<{}>", inner.spelling()),
            TypeRef::Map(inner) => format!("map<{}>", inner.spelling()),
        }
    }

    /// How the docs show it.
    pub fn display(&self) -> String {
        match self {
            TypeRef::String => "string".into(),
            TypeRef::Bool => "boolean".into(),
            TypeRef::Integer => "integer".into(),
            TypeRef::Amount => "amount (exact decimal)".into(),
            TypeRef::Decimal => "decimal (exact)".into(),
            TypeRef::CardToken => "card token (sensitive)".into(),
            TypeRef::Cryptogram => "3-D Secure cryptogram (sensitive)".into(),
            TypeRef::Reference => "reference (string)".into(),
            TypeRef::DateTime => "date-time (ISO 8601)".into(),
            TypeRef::Json => "any JSON".into(),
            TypeRef::CardNumber => "card number".into(),
            TypeRef::CardCvc => "card security code".into(),
            TypeRef::ErrorReport => "error report (as in the envelope)".into(),
            TypeRef::Parameters => {
                "free-form object of strings (any key; kept in order; looked up in any letter case)"
                    .into()
            }
            TypeRef::Named(name) => name.clone(),
            TypeRef::List(inner) => format!("list of {}", inner.display()),
            TypeRef::Map(inner) => format!("map of {}", inner.display()),
        }
    }
}

/// Shown to the docs' templates as the docs write it.
impl serde::Serialize for TypeRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.display())
    }
}

fn generic<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.strip_prefix(name)?
        .strip_prefix('<')?
        .strip_suffix('>')
}

#[cfg(test)]
mod tests {
    use super::TypeRef;

    #[test]
    fn the_grammar_parses_nested_types_and_refuses_the_rest() {
        assert_eq!(
            TypeRef::parse("list<map<Order>>"),
            Ok(TypeRef::List(Box::new(TypeRef::Map(Box::new(
                TypeRef::Named("Order".into())
            )))))
        );
        assert_eq!(
            TypeRef::parse("list<map<Order>>")
                .ok()
                .as_ref()
                .and_then(TypeRef::named),
            Some("Order")
        );
        assert_eq!(
            TypeRef::parse("list<map<Order>>").map(|ty| ty.spelling()),
            Ok("list<map<Order>>".to_string())
        );
        assert!(TypeRef::parse("lst<amount>").is_err());
        assert!(TypeRef::parse("order").is_err());
        assert!(TypeRef::parse("list<>").is_err());
    }

    #[test]
    fn entries_make_a_collection_and_values_do_not() {
        for spelling in ["list<string>", "map<bool>", "parameters"] {
            let ty = TypeRef::parse(spelling).expect("parses");
            assert!(ty.is_collection(), "{spelling}");
        }
        for spelling in ["string", "json", "PaymentJobParameters"] {
            let ty = TypeRef::parse(spelling).expect("parses");
            assert!(!ty.is_collection(), "{spelling}");
        }
    }
}
