//! The behaviour of the forward-compatible string enumerations (the models'
//! enums, Remote Auth's transaction types and classes), written once over
//! the generated data: each is an enum, a static table of wire values and
//! an index from variant to value.

/// A listed value and its text on the wire.
#[derive(Debug)]
pub(crate) struct WireValue<K: 'static> {
    pub(crate) kind: K,
    pub(crate) wire: &'static str,
}

impl<K> WireValue<K> {
    /// A row of a generated table.
    pub(crate) const fn new(kind: K, wire: &'static str) -> Self {
        WireValue { kind, wire }
    }
}

/// A generated enumeration.
pub(crate) trait WireEnum: Sized + Clone + 'static {
    /// How strict parsing names the type.
    const NOUN: &'static str;

    /// The listed values, in the spec's order.
    fn values() -> &'static [WireValue<Self>];

    /// The position of a listed value; `None` for `Unknown`.
    fn index(&self) -> Option<usize>;

    /// The listed value with this text.
    fn known(text: &str) -> Option<Self> {
        Self::values()
            .iter()
            .find(|value| value.wire == text)
            .map(|value| value.kind.clone())
    }

    /// The wire text of a listed value.
    fn wire(&self) -> Option<&'static str> {
        self.index()
            .and_then(|index| Self::values().get(index))
            .map(|value| value.wire)
    }
}

/// The public API of an enumeration: inherent methods and the text and
/// serde traits, all delegating to [`WireEnum`]. Invoked once per generated
/// enum, after its `WireEnum` impl.
macro_rules! wire_enum_api {
    ($name:ident) => {
        impl $name {
            /// Every value the spec lists, in the spec's order.
            pub fn known() -> impl Iterator<Item = $name> {
                <$name as $crate::wire_enum::WireEnum>::values()
                    .iter()
                    .map(|value| value.kind.clone())
            }

            /// The value as sent on the wire; `Unknown` gives back what was received.
            pub fn as_str(&self) -> &str {
                match self {
                    $name::Unknown(value) => value.as_str(),
                    known => $crate::wire_enum::WireEnum::wire(known).unwrap_or_default(),
                }
            }

            /// Whether this is a value the spec does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }

            /// Strict parsing, for input a person typed: unknown text is an error.
            pub fn try_parse(text: &str) -> Result<Self, $crate::UnknownValueError> {
                <$name as $crate::wire_enum::WireEnum>::known(text).ok_or_else(|| {
                    $crate::code_table::unknown_error(
                        <$name as $crate::wire_enum::WireEnum>::NOUN,
                        text,
                    )
                })
            }
        }

        $crate::wire::text_traits!($name, <$name as $crate::wire_enum::WireEnum>::known);
    };
}

pub(crate) use wire_enum_api;
