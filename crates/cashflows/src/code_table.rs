//! The behaviour of the Gateway error and warning tables, written once over
//! the generated data: each table is an enum, one static table of rows and
//! an index from variant to row (see `generated/gateway_errors.rs`).

use crate::{Advice, Provenance, UnknownValue, UnknownValueError};

/// One row of a code table, as the spec lists it.
#[derive(Debug)]
pub(crate) struct CodeRow<K: 'static> {
    /// The variant the row stands for.
    pub(crate) kind: K,
    /// The wire code, where Cashflows publishes one.
    pub(crate) code: Option<&'static str>,
    /// The documented message, verbatim.
    pub(crate) message: &'static str,
    pub(crate) provenance: Provenance,
    pub(crate) advice: Advice,
}

/// A generated code table.
pub(crate) trait CodeTable: Sized + Clone + 'static {
    /// How strict parsing names the type ("Gateway error code").
    const NOUN: &'static str;

    /// The rows, in the spec's order.
    fn rows() -> &'static [CodeRow<Self>];

    /// The row of a listed code; `None` for `Unknown`.
    fn index(&self) -> Option<usize>;

    /// The row of a listed code.
    fn row(&self) -> Option<&'static CodeRow<Self>> {
        self.index().and_then(|index| Self::rows().get(index))
    }

    /// The listed code with this wire code.
    fn by_code(code: &str) -> Option<Self> {
        Self::rows()
            .iter()
            .find(|row| row.code == Some(code))
            .map(|row| row.kind.clone())
    }

    /// The listed code with this exact message, when no other row shares it.
    fn by_message(message: &str) -> Option<Self> {
        let mut rows = Self::rows().iter().filter(|row| row.message == message);
        match (rows.next(), rows.next()) {
            (Some(row), None) => Some(row.kind.clone()),
            _ => None,
        }
    }

    /// What identifies a listed code as text: its wire code, else its message.
    fn known(text: &str) -> Option<Self> {
        Self::by_code(text).or_else(|| Self::by_message(text))
    }
}

/// The public API of a code table type: inherent methods and the text and
/// serde traits, all delegating to [`CodeTable`]. Invoked once per generated
/// table, after its `CodeTable` impl.
macro_rules! code_table_api {
    ($name:ident) => {
        impl $name {
            /// Every code the spec lists, in the spec's order.
            pub fn known() -> impl Iterator<Item = $name> {
                <$name as $crate::code_table::CodeTable>::rows()
                    .iter()
                    .map(|row| row.kind.clone())
            }

            /// The code as text: the wire code, or for a code Cashflows does not
            /// publish, its documented message. `Unknown` gives back what was received.
            pub fn as_str(&self) -> &str {
                match (self, $crate::code_table::CodeTable::row(self)) {
                    ($name::Unknown(value), _) => value.as_str(),
                    (_, Some(row)) => row.code.unwrap_or(row.message),
                    (_, None) => "",
                }
            }

            /// Whether this is a code the spec does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }

            /// Strict parsing, for input a person typed: unknown text is an error.
            pub fn try_parse(text: &str) -> Result<Self, $crate::UnknownValueError> {
                <$name as $crate::code_table::CodeTable>::known(text).ok_or_else(|| {
                    $crate::code_table::unknown_error(
                        <$name as $crate::code_table::CodeTable>::NOUN,
                        text,
                    )
                })
            }

            /// Recognises an entry the Gateway sent: by its code, else by its exact
            /// documented message (when no other row shares it), else `Unknown(code)`.
            pub fn recognise(code: &str, message: &str) -> Self {
                <$name as $crate::code_table::CodeTable>::known(code)
                    .or_else(|| <$name as $crate::code_table::CodeTable>::by_message(message))
                    .unwrap_or_else(|| $name::Unknown($crate::code_table::unknown(code)))
            }

            /// The published wire code; `None` where Cashflows does not publish one.
            /// `Unknown` gives back the code as received.
            pub fn code(&self) -> Option<&str> {
                match self {
                    $name::Unknown(value) => Some(value.as_str()),
                    known => $crate::code_table::CodeTable::row(known).and_then(|row| row.code),
                }
            }

            /// The documented message, verbatim (typos included).
            pub fn message(&self) -> Option<&'static str> {
                $crate::code_table::CodeTable::row(self).map(|row| row.message)
            }

            /// How sure the spec is of this row's code; `None` when unknown.
            pub fn provenance(&self) -> Option<$crate::Provenance> {
                $crate::code_table::CodeTable::row(self).map(|row| row.provenance)
            }

            /// This project's advice on the code (not Cashflows' text); `None` when unknown.
            pub fn advice(&self) -> Option<$crate::Advice> {
                $crate::code_table::CodeTable::row(self).map(|row| row.advice)
            }
        }

        $crate::wire::text_traits!($name, <$name as $crate::code_table::CodeTable>::known);
    };
}

pub(crate) use code_table_api;

/// An unknown value kept as received.
pub(crate) fn unknown(text: &str) -> UnknownValue {
    UnknownValue(text.to_owned())
}

/// The error of a strict parse.
pub(crate) fn unknown_error(type_name: &'static str, text: &str) -> UnknownValueError {
    UnknownValueError {
        type_name,
        value: text.to_owned(),
    }
}
