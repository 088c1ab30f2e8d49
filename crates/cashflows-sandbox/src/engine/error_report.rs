//! The entries of an `errorReport`, as the sandbox writes them into its
//! answers and into a failed payment's `lastErrorReport`, from the client
//! crate's Gateway error and warning tables.

use cashflows::models::ErrorEntry;
use cashflows::{GatewayErrorCode, GatewayWarningCode};

/// An `errorReport` entry for a Gateway error: the published code (omitted
/// when Cashflows publishes none) and the documented message, verbatim, as
/// both `message` and `translatedMessage` (the sandbox speaks en_GB only).
pub(crate) fn error_entry(code: &GatewayErrorCode) -> ErrorEntry {
    report_entry(code.code(), code.message())
}

/// An `errorReport.warnings` entry for a Gateway warning, built like an
/// error's.
pub(crate) fn warning_entry(code: &GatewayWarningCode) -> ErrorEntry {
    report_entry(code.code(), code.message())
}

/// An entry with this code and message, the message as both `message` and
/// `translatedMessage`.
pub(crate) fn report_entry(code: Option<&str>, message: Option<&str>) -> ErrorEntry {
    let message = message.map(str::to_owned);
    ErrorEntry {
        code: code.map(str::to_owned),
        message: message.clone(),
        parameters: Vec::new(),
        translated_message: message,
        ..ErrorEntry::default()
    }
}
