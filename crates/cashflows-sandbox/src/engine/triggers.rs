//! The project's triggers, read from the client crate's generated tables
//! (`cashflows::sandbox_triggers`): a reserved value in a request's field
//! selects a row of a table. Only rows whose trigger is the project's are
//! provoked this way; natural, documented and sandbox-rule rows happen by
//! their own conditions, elsewhere in the sandbox (each row's `how` says
//! whose condition it is).

use cashflows::endpoints::Endpoint;
use cashflows::models::{CaptureStatus, PaymentStatus, RefundStatus};
use cashflows::sandbox_triggers::{self, Trigger, TriggerKind};
use cashflows::{AcquirerReason, GatewayErrorCode, GatewayWarningCode};

/// The Gateway error an order number selects.
pub(crate) fn gateway_error(order_number: &str) -> Option<GatewayErrorCode> {
    Trigger::find(&sandbox_triggers::gateway_errors::ALL, order_number)
        .map(|trigger| trigger.row.clone())
}

/// The Gateway warning an order number selects.
pub(crate) fn gateway_warning(order_number: &str) -> Option<GatewayWarningCode> {
    Trigger::find(&sandbox_triggers::gateway_warnings::ALL, order_number)
        .map(|trigger| trigger.row.clone())
}

/// The decline a Remote Auth `tran_ref` selects.
pub(crate) fn acquirer_reason(tran_ref: &str) -> Option<AcquirerReason> {
    Trigger::find(&sandbox_triggers::acquirer_codes::ALL, tran_ref).map(|trigger| trigger.row)
}

/// The documented status of `endpoint` that `value` selects: only a status
/// the call documents.
pub(crate) fn http_status(endpoint: &Endpoint, value: &str) -> Option<u16> {
    sandbox_triggers::http_statuses::ALL
        .iter()
        .filter(|trigger| trigger.value == Some(value))
        .filter(|trigger| trigger.row.endpoint.name == endpoint.name)
        .find_map(|trigger| trigger.row.status)
}

/// The payment status a card payment's `SimulatedStatus` selects, read in
/// any letter case: `Paid` or `Reserved`, which an older library's examples
/// send as `PAID` and `RESERVED` (observed; Cashflows publishes no values),
/// or the name of a project trigger's status (`Declined`, …).
pub(crate) fn payment_status(simulated: &str) -> Option<PaymentStatus> {
    let simulated = simulated.trim();
    [PaymentStatus::Paid, PaymentStatus::Reserved]
        .into_iter()
        .find(|status| status.as_str().eq_ignore_ascii_case(simulated))
        .or_else(|| find_any_case(&sandbox_triggers::payment_statuses::ALL, simulated))
}

/// The capture status a capture's `SimulatedStatus` parameter selects.
pub(crate) fn capture_status(simulated: &str) -> Option<CaptureStatus> {
    find_any_case(&sandbox_triggers::capture_statuses::ALL, simulated.trim())
}

/// The refund status a refund's `SimulatedStatus` parameter selects.
pub(crate) fn refund_status(simulated: &str) -> Option<RefundStatus> {
    find_any_case(&sandbox_triggers::refund_statuses::ALL, simulated.trim())
}

/// The row of the project trigger whose value is `value` in any letter
/// case. `SimulatedStatus` values are status names, and the older library
/// writes them in capitals: the sandbox reads every one of them so, its own
/// choice. The other triggers' values (order numbers, references) are
/// matched exactly.
fn find_any_case<R: Clone>(table: &'static [Trigger<R>], value: &str) -> Option<R> {
    table
        .iter()
        .filter(|trigger| trigger.kind == TriggerKind::Project)
        .find(|trigger| {
            trigger
                .value
                .is_some_and(|own| own.eq_ignore_ascii_case(value))
        })
        .map(|trigger| trigger.row.clone())
}

/// The name of the parameter that carries a simulated status in a capture's
/// or refund's `parameters`: the Gateway's own `SimulatedStatus`, found in
/// any letter case (`Parameters::get`), as the Gateway reads keys. Its values
/// Cashflows does not publish (reading a status's name from it is the
/// sandbox's choice).
pub(crate) const SIMULATED_STATUS: &str = "SimulatedStatus";

#[cfg(test)]
mod tests {
    use super::*;
    use cashflows::endpoints;

    #[test]
    fn project_values_select_their_rows() {
        use sandbox_triggers::*;
        assert_eq!(
            gateway_error(gateway_errors::COMMUNICATION_ERROR),
            Some(GatewayErrorCode::CommunicationError)
        );
        assert_eq!(gateway_error("order-1"), None);
        assert_eq!(
            acquirer_reason(acquirer_codes::DX05),
            Some(AcquirerReason::DX05)
        );
        assert_eq!(
            http_status(&endpoints::CREATE_PAYMENT_JOB, http_statuses::STATUS_406),
            Some(406)
        );
        assert_eq!(
            http_status(&endpoints::RETRIEVE_PAYMENT_JOB, http_statuses::STATUS_406),
            None,
            "406 is not documented for this call"
        );
    }

    #[test]
    fn simulated_statuses_are_read_in_any_case() {
        assert_eq!(payment_status("PAID"), Some(PaymentStatus::Paid));
        assert_eq!(payment_status(" RESERVED "), Some(PaymentStatus::Reserved));
        assert_eq!(payment_status("declined"), Some(PaymentStatus::Declined));
        assert_eq!(payment_status("Cancelled"), None, "not a project trigger");
        assert_eq!(capture_status("PENDING"), Some(CaptureStatus::Pending));
        assert_eq!(refund_status("failed"), Some(RefundStatus::Failed));
        assert_eq!(refund_status("Completed"), None);
    }

    #[test]
    fn natural_rows_have_no_project_value() {
        assert_eq!(gateway_error("sandbox-error-OrderReferenceNotUnique"), None);
    }
}
