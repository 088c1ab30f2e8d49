//! Encoding a Remote Auth request as its form: the fields are generated
//! (`generated/remote_auth.rs`); which must be set for the request's
//! transaction type, and how values are written, is decided here.

use crate::Provenance;
use crate::remote_auth::{RemoteAuthRequest, TransactionType};

/// Which transactions must send a form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// Every request.
    Always,
    /// Requests of these transaction types (`tran_type`).
    For(&'static [TransactionType]),
    /// No request.
    Optional,
}

impl Requirement {
    /// Whether a request of `tran_type` must send the field.
    pub fn applies_to(&self, tran_type: Option<&TransactionType>) -> bool {
        match self {
            Requirement::Always => true,
            Requirement::For(types) => tran_type.is_some_and(|kind| types.contains(kind)),
            Requirement::Optional => false,
        }
    }
}

/// A field of the Remote Auth request form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FormField {
    /// The form field's name.
    pub name: &'static str,
    /// Which transactions must carry it. The published marks are those of a
    /// sale; refunds and voids refer to the original transaction and carry
    /// no card data.
    pub required: Requirement,
    /// A field that may stand in for this one (`card_token` for `card_num`).
    pub unless: Option<&'static str>,
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

impl FormValue for crate::CardToken {
    fn form_value(&self) -> String {
        self.expose().to_owned()
    }
}

impl FormValue for crate::Cryptogram {
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
    /// first field this request's transaction type needs that is not set.
    ///
    /// ```
    /// use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};
    ///
    /// // A refund refers to the original transaction: no card data.
    /// let refund = RemoteAuthRequest {
    ///     tran_type: Some(TransactionType::Refund),
    ///     tran_class: Some(TransactionClass::Ecommerce),
    ///     tran_ref: Some("refund-1".into()),
    ///     tran_amount: Some("5.00".parse().unwrap()),
    ///     tran_currency: Some("GBP".into()),
    ///     tran_testmode: Some(true),
    ///     tran_orig_id: Some("01ABC123".into()),
    ///     ..Default::default()
    /// };
    /// assert!(refund.form_fields().is_ok());
    /// let sale = RemoteAuthRequest { tran_type: Some(TransactionType::Sale), ..refund };
    /// assert!(sale.form_fields().unwrap_err().to_string().contains("card_num"));
    /// ```
    pub fn form_fields(&self) -> Result<Vec<(&'static str, String)>, crate::Error> {
        let values = self.values();
        let is_set = |name: &str| {
            values
                .iter()
                .any(|(field, value)| field.name == name && value.is_some())
        };
        let mut fields = Vec::new();
        for (field, value) in &values {
            match value {
                Some(value) => fields.push((field.name, value.clone())),
                None if field.required.applies_to(self.tran_type.as_ref())
                    && !field.unless.is_some_and(is_set) =>
                {
                    return Err(crate::Error::Invalid(format!(
                        "`{}` is mandatory for this transaction",
                        field.name
                    )));
                }
                None => {}
            }
        }
        Ok(fields)
    }
}
