//! The value of a code or enum that this version of the crate does not know.

use std::fmt;

/// A value the spec does not list, kept exactly as received.
///
/// It is opaque on purpose: match on the known variants and treat anything
/// else as unknown, so code keeps compiling and working when Cashflows adds
/// values.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(pub(crate) String);

impl UnknownValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A string that names no known value, given to a strict `try_parse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValueError {
    pub(crate) type_name: &'static str,
    pub(crate) value: String,
}

impl UnknownValueError {
    /// The string that was refused.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for UnknownValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a known {}", self.value, self.type_name)
    }
}

impl std::error::Error for UnknownValueError {}
