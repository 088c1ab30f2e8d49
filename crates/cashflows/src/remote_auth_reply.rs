//! The Remote Auth reply: one line of `|`-separated fields.

use std::fmt;

use crate::generated::remote_auth::CHECK_RESULTS;
use crate::remote_auth::{CheckResult, REPLY_SEPARATOR};
use crate::{AcquirerClass, AcquirerResponseCode};

/// A Remote Auth reply, parsed. Fields past the documented five are kept.
///
/// ```
/// use cashflows::remote_auth::{CheckResult, RemoteAuthReply};
///
/// let reply = RemoteAuthReply::parse("A|01ABC123|222|654321|Authorised").unwrap();
/// assert!(reply.is_authorised());
/// assert_eq!(reply.authorisation_code(), Some("654321"));
/// assert_eq!(reply.cvv_check, CheckResult::Matched);
///
/// let declined = RemoteAuthReply::parse("V|01ABC124|000|V206|Invalid card number").unwrap();
/// assert_eq!(declined.response_code().map(|code| code.to_string()).as_deref(), Some("V206"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteAuthReply {
    /// The status: `A` when authorised, otherwise the response code's class.
    pub status: AcquirerClass,
    /// The transaction ID; send it as `tran_orig_id` to refund or void.
    pub transaction_id: String,
    /// The CVV check.
    pub cvv_check: CheckResult,
    /// The address check.
    pub address_check: CheckResult,
    /// The postcode check.
    pub postcode_check: CheckResult,
    /// The fourth field as sent: the authorisation code when authorised,
    /// otherwise the acquirer response code.
    pub code: String,
    /// The message.
    pub message: String,
    /// Fields after the message, as sent.
    pub extra: Vec<String>,
}

impl RemoteAuthReply {
    /// Parses a reply; spaces around fields are allowed.
    pub fn parse(text: &str) -> Result<RemoteAuthReply, ParseReplyError> {
        let fields: Vec<&str> = text.trim().split(REPLY_SEPARATOR).map(str::trim).collect();
        let [status, transaction_id, checks, code, message, extra @ ..] = fields.as_slice() else {
            return Err(ParseReplyError::new(text, "fewer than five fields"));
        };
        let mut letters = status.chars();
        let (Some(letter), None) = (letters.next(), letters.next()) else {
            return Err(ParseReplyError::new(text, "the status is not one letter"));
        };
        let digits: Vec<char> = checks.chars().collect();
        let [cvv, address, postcode] = digits.as_slice() else {
            return Err(ParseReplyError::new(
                text,
                "the check results are not three digits",
            ));
        };
        Ok(RemoteAuthReply {
            status: AcquirerClass::from_letter(letter),
            transaction_id: transaction_id.to_string(),
            cvv_check: CheckResult::from_digit(*cvv),
            address_check: CheckResult::from_digit(*address),
            postcode_check: CheckResult::from_digit(*postcode),
            code: code.to_string(),
            message: message.to_string(),
            extra: extra.iter().map(|field| field.to_string()).collect(),
        })
    }

    /// Whether the transaction was authorised.
    pub fn is_authorised(&self) -> bool {
        self.status == AcquirerClass::Authorised
    }

    /// The authorisation code, when authorised.
    pub fn authorisation_code(&self) -> Option<&str> {
        self.is_authorised().then_some(self.code.as_str())
    }

    /// The acquirer response code, when not authorised and well formed.
    pub fn response_code(&self) -> Option<AcquirerResponseCode> {
        if self.is_authorised() {
            return None;
        }
        AcquirerResponseCode::parse(&self.code).ok()
    }
}

impl CheckResult {
    /// The result a reply digit stands for; a digit the spec does not list is `Other`.
    pub fn from_digit(digit: char) -> Self {
        CHECK_RESULTS
            .iter()
            .find(|(_, listed)| *listed == digit)
            .map_or(CheckResult::Other(digit), |(result, _)| *result)
    }

    /// The digit as sent.
    pub fn digit(self) -> char {
        match self {
            CheckResult::Other(digit) => digit,
            listed => listed
                .index()
                .and_then(|index| CHECK_RESULTS.get(index))
                .map_or('?', |(_, digit)| *digit),
        }
    }
}

/// A reply that is not in the documented format; the text is kept.
#[derive(Clone, PartialEq, Eq)]
pub struct ParseReplyError {
    reason: &'static str,
    /// The reply as received. A reply that is not in the format may be
    /// anything, even the request with its card data sent back: neither
    /// `Debug` nor `Display` shows it.
    pub reply: String,
}

impl fmt::Debug for ParseReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseReplyError")
            .field("reason", &self.reason)
            .field("reply_len", &self.reply.len())
            .finish()
    }
}

impl ParseReplyError {
    fn new(reply: &str, reason: &'static str) -> Self {
        ParseReplyError {
            reason,
            reply: reply.to_owned(),
        }
    }
}

impl fmt::Display for ParseReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a Remote Auth reply: {}", self.reason)
    }
}

impl std::error::Error for ParseReplyError {}
