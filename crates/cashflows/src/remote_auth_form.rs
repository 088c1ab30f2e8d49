//! Encoding a Remote Auth request as its form: the fields are generated
//! (`generated/remote_auth.rs`); which must be set, and how values are
//! written, is decided here.

use crate::Provenance;
use crate::remote_auth::RemoteAuthRequest;

/// A field of the Remote Auth request form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FormField {
    /// The form field's name.
    pub name: &'static str,
    /// Whether every request must carry it.
    pub required: bool,
    /// The documented format.
    pub format: &'static str,
    /// The longest value allowed, where documented.
    pub max_length: Option<usize>,
    /// Whether the value is a secret or card data that must never be logged.
    pub secret: bool,
    /// How sure the spec is of this field.
    pub provenance: Provenance,
}

/// A flag as Remote Auth writes it: `1` or `0`.
pub(crate) fn flag(value: bool) -> String {
    if value { "1" } else { "0" }.to_owned()
}

/// How a form field's value is written in the form.
pub(crate) trait FormValue {
    fn form_value(&self) -> String;
}

impl FormValue for String {
    fn form_value(&self) -> String {
        self.clone()
    }
}

impl FormValue for bool {
    fn form_value(&self) -> String {
        self.to_string()
    }
}

impl FormValue for crate::Amount {
    fn form_value(&self) -> String {
        self.to_string()
    }
}

impl FormValue for crate::CardNumber {
    fn form_value(&self) -> String {
        self.expose().to_owned()
    }
}

impl FormValue for crate::CardSecurityCode {
    fn form_value(&self) -> String {
        self.expose().to_owned()
    }
}

impl FormValue for crate::remote_auth::TransactionType {
    fn form_value(&self) -> String {
        self.as_str().to_owned()
    }
}

impl FormValue for crate::remote_auth::TransactionClass {
    fn form_value(&self) -> String {
        self.as_str().to_owned()
    }
}

impl RemoteAuthRequest {
    /// The form fields to send, in the documented order; an error names the
    /// first mandatory field that is not set.
    pub fn form_fields(&self) -> Result<Vec<(&'static str, String)>, crate::Error> {
        let mut fields = Vec::new();
        for (field, value) in self.values() {
            match value {
                Some(value) => fields.push((field.name, value)),
                None if field.required => {
                    return Err(crate::Error::Invalid(format!(
                        "`{}` is mandatory",
                        field.name
                    )));
                }
                None => {}
            }
        }
        Ok(fields)
    }
}
