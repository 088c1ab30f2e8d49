//! Deferred capture, cancels and settlement, refunds, through the client
//! against the sandbox on a manual clock. Whose rule each behaviour is:
//!
//! - Cashflows' (doc): automatic capture is a portal setting, on by
//!   default, and with it off payments stop at `Reserved`; a capture without
//!   an amount takes the whole reservation, and `isFinalCapture` matters
//!   only for partial ones; a reservation is captured within seven days;
//!   a cancelled payment leaves its job usable; only what is not settled is
//!   cancelled, in full, and captures are settled at midnight; a cancel
//!   answers the payment `Cancelled`; a refund is answered `Completed` at
//!   once, with one step.
//! - Observed, not published: a job stays `Pending` while its payment is
//!   `Reserved`; several partial refunds up to what was paid;
//!   `SimulatedStatus` `PAID` and `RESERVED`.
//! - The sandbox's: partial captures at all; midnight in UTC; a lapsed
//!   reservation `Expired` (or `Paid` for what was captured); the refusal
//!   codes (`InvalidPaymentStatus` for a capture after the seven days and a
//!   cancel after the settlement); no cancel of a captured payment.

use std::time::{Duration, SystemTime};

use cashflows::models::{
    CapturePaymentRequest, CreatePaymentJobRequest, PaymentJob, PaymentStatus,
    RefundPaymentRequest, RefundStatus, RefundStepAction,
};
use cashflows::test_cards::{LUKE_SKYWALKER, VISA_CREDIT_4000000000000002};
use cashflows::{Amount, Client, Error, GatewayErrorCode};
use cashflows_sandbox::{ClockError, Sandbox, SandboxClock, Shopper, ShopperStep};
use cashflows_test_support::jobs::paid_payment;
use cashflows_test_support::{API_KEY, sandbox};

/// 2030-01-01T10:00:00Z.
const MORNING: Duration = Duration::from_secs(1_893_492_000);
/// 2030-01-01T23:00:00Z.
const LATE_EVENING: Duration = Duration::from_secs(1_893_538_800);
const SECOND: Duration = Duration::from_secs(1);
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);

/// A sandbox on a manual clock at `since_epoch`, with automatic capture on
/// or off, and a client of it.
async fn start(automatic_capture: bool, since_epoch: Duration) -> (Sandbox, Client) {
    let mut config = sandbox::config();
    config.automatic_capture = automatic_capture;
    let clock = SandboxClock::manual(SystemTime::UNIX_EPOCH + since_epoch);
    sandbox::start_on_clock(config, clock).await
}

/// A direct card payment of `minor_units`: its job and payment references,
/// and the payment's status.
async fn pay(client: &Client, request: &CreatePaymentJobRequest) -> (String, String, PaymentJob) {
    let job = client
        .create_payment_job(request)
        .await
        .expect("created")
        .data;
    let job_ref = job.job_reference().expect("a job").to_owned();
    let payment = job
        .latest_payment_reference()
        .expect("a payment")
        .to_owned();
    (job_ref, payment, job)
}

fn with_simulated(minor_units: i64, simulated: &str) -> CreatePaymentJobRequest {
    let mut request = paid_payment(minor_units);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.simulated_status = Some(simulated.to_owned());
    }
    request
}

fn capture(minor_units: Option<i64>, is_final: Option<bool>) -> CapturePaymentRequest {
    CapturePaymentRequest {
        amount_to_capture: minor_units.map(Amount::from_minor_units),
        is_final_capture: is_final,
        ..CapturePaymentRequest::default()
    }
}

fn refund(minor_units: i64) -> RefundPaymentRequest {
    RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(minor_units)),
        ..RefundPaymentRequest::default()
    }
}

/// The documented error a refused call got: a 400 the client recognises,
/// never a panic of the sandbox nor a transport failure.
fn refused<T: std::fmt::Debug>(result: Result<T, Error>) -> GatewayErrorCode {
    match result {
        Err(Error::Api(refusal)) if refusal.status == 400 => refusal.errors[0].kind.clone(),
        other => panic!("expected a 400 refusal, got {other:?}"),
    }
}

async fn job(client: &Client, reference: &str) -> PaymentJob {
    let answer = client.retrieve_payment_job(reference).await;
    answer.expect("the job").data
}

async fn payment_status(client: &Client, job: &str, payment: &str) -> Option<PaymentStatus> {
    let answer = client.retrieve_payment(job, payment).await;
    answer.expect("the payment").data.status
}

// --- Deferred capture ----------------------------------------------------

#[tokio::test]
async fn with_automatic_capture_off_card_payments_stop_at_reserved() {
    let (sandbox, client) = start(false, MORNING).await;
    let (job_ref, payment, created) = pay(&client, &paid_payment(1000)).await;
    let reserved = created.latest_payment().and_then(|p| p.status.clone());
    assert_eq!(reserved, Some(PaymentStatus::Reserved));
    // The job stays Pending while its payment is Reserved (observed).
    assert_eq!(created.payment_status, Some(PaymentStatus::Pending));
    assert_eq!(created.amount_collected, Some(Amount::ZERO));
    assert_eq!(sandbox.totals().paid, Amount::ZERO);

    // Without an amount, the capture takes the whole reservation.
    let captured = client
        .capture_payment(&job_ref, &payment, &capture(None, None))
        .await
        .expect("captured")
        .data;
    assert_eq!(
        captured.amount_to_capture,
        Some(Amount::from_minor_units(1000))
    );
    assert_eq!(captured.is_final_capture, Some(true));
    let paid = job(&client, &job_ref).await;
    assert_eq!(paid.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(paid.amount_collected, Some(Amount::from_minor_units(1000)));
}

#[tokio::test]
async fn simulated_status_paid_and_reserved_are_honoured_in_capitals() {
    // `PAID` and `RESERVED`, as an older library's examples send them
    // (observed): each overrides the configuration for its job.
    let (_off, client) = start(false, MORNING).await;
    let (_, _, job) = pay(&client, &with_simulated(1000, "PAID")).await;
    assert_eq!(job.payment_status, Some(PaymentStatus::Paid));
    let (_on, client) = start(true, MORNING).await;
    let (job_ref, payment, job) = pay(&client, &with_simulated(1000, "RESERVED")).await;
    let status = job.latest_payment().and_then(|p| p.status.clone());
    assert_eq!(status, Some(PaymentStatus::Reserved));
    let captured = client
        .capture_payment(&job_ref, &payment, &capture(None, None))
        .await;
    assert!(captured.is_ok(), "{captured:?}");
}

#[tokio::test]
async fn partial_captures_and_is_final_capture() {
    let (sandbox, client) = start(false, MORNING).await;
    // The whole amount is final whatever `isFinalCapture` says: it matters
    // only for a partial capture.
    let (job_ref, payment, _) = pay(&client, &paid_payment(1000)).await;
    let whole = client
        .capture_payment(&job_ref, &payment, &capture(Some(1000), Some(false)))
        .await
        .expect("captured");
    assert_eq!(whole.data.is_final_capture, Some(true));
    let status = payment_status(&client, &job_ref, &payment).await;
    assert_eq!(status, Some(PaymentStatus::Paid));

    // Partial captures (the sandbox allows them; Cashflows says cards take
    // full captures only): a non-final one leaves the rest reserved.
    let (job_ref, payment, _) = pay(&client, &paid_payment(1000)).await;
    client
        .capture_payment(&job_ref, &payment, &capture(Some(400), Some(false)))
        .await
        .expect("a partial capture");
    let status = payment_status(&client, &job_ref, &payment).await;
    assert_eq!(status, Some(PaymentStatus::Reserved));
    // More than is left: refused, and nothing changes.
    let over = client
        .capture_payment(&job_ref, &payment, &capture(Some(601), Some(true)))
        .await;
    assert_eq!(
        refused(over),
        GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation
    );
    client
        .capture_payment(&job_ref, &payment, &capture(Some(300), Some(true)))
        .await
        .expect("the final capture");
    let closed = client.retrieve_payment(&job_ref, &payment).await;
    let closed = closed.expect("the payment").data;
    assert_eq!(closed.status, Some(PaymentStatus::Paid));
    assert_eq!(closed.paid_amount, Some(Amount::from_minor_units(700)));
    let again = client
        .capture_payment(&job_ref, &payment, &capture(None, None))
        .await;
    assert_eq!(refused(again), GatewayErrorCode::InvalidPaymentStatus);
    let totals = sandbox.totals();
    assert_eq!(totals.captured, Amount::from_minor_units(1700));
    assert_eq!(totals.paid, Amount::from_minor_units(1700));
}

#[tokio::test]
async fn a_reservation_is_captured_within_seven_days() {
    let (sandbox, client) = start(false, MORNING).await;
    let (on_time, on_time_payment, _) = pay(&client, &paid_payment(1000)).await;
    let (late, late_payment, _) = pay(&client, &paid_payment(1000)).await;
    let (partly, partly_payment, _) = pay(&client, &paid_payment(1000)).await;
    client
        .capture_payment(&partly, &partly_payment, &capture(Some(400), Some(false)))
        .await
        .expect("a partial capture");

    // Exactly seven days later is still within them.
    sandbox.clock().advance(7 * DAY).expect("it moves");
    client
        .capture_payment(&on_time, &on_time_payment, &capture(None, None))
        .await
        .expect("captured on the seventh day");

    sandbox.clock().advance(SECOND).expect("it moves");
    let too_late = client
        .capture_payment(&late, &late_payment, &capture(None, None))
        .await;
    assert_eq!(refused(too_late), GatewayErrorCode::InvalidPaymentStatus);
    // The sandbox's choice: the lapsed reservation reads Expired, and its
    // job with it; nothing was collected, nothing can be cancelled.
    let status = payment_status(&client, &late, &late_payment).await;
    assert_eq!(status, Some(PaymentStatus::Expired));
    let expired = job(&client, &late).await;
    assert_eq!(expired.payment_status, Some(PaymentStatus::Expired));
    let cancel = client.cancel_payment(&late, &late_payment).await;
    assert_eq!(refused(cancel), GatewayErrorCode::InvalidPaymentStatus);

    // A partly captured reservation keeps what it took: Paid for that, and
    // refundable; the rest is released.
    let closed = client.retrieve_payment(&partly, &partly_payment).await;
    let closed = closed.expect("the payment").data;
    assert_eq!(closed.status, Some(PaymentStatus::Paid));
    assert_eq!(closed.paid_amount, Some(Amount::from_minor_units(400)));
    client
        .refund_payment(&partly, &partly_payment, &refund(400))
        .await
        .expect("refunded");
    let totals = sandbox.totals();
    assert_eq!(totals.paid, Amount::from_minor_units(1400));
    assert_eq!(totals.captured, Amount::from_minor_units(1400));
}

// --- Cancels and settlement ----------------------------------------------

#[tokio::test]
async fn a_cancelled_payment_leaves_its_job_usable() {
    let (_sandbox, client) = start(false, MORNING).await;
    let mut hosted = paid_payment(1000);
    hosted.parameters = None;
    let created = client.create_payment_job(&hosted).await.expect("created");
    let page = created.payment_page_url().expect("a page").to_owned();
    let job_ref = created.data.job_reference().expect("a job").to_owned();
    let card = VISA_CREDIT_4000000000000002;
    let shopper = Shopper::new();
    let step = shopper
        .pay(&page, &card, ("12", "30"), LUKE_SKYWALKER.name)
        .await
        .expect("paid");
    assert!(
        matches!(step, ShopperStep::Stayed { status: 200, .. }),
        "{step:?}"
    );
    let first = job(&client, &job_ref).await;
    let first = first
        .latest_payment_reference()
        .expect("a payment")
        .to_owned();

    // The cancel has no body; it answers the payment Cancelled.
    let cancelled = client.cancel_payment(&job_ref, &first).await.expect("ok");
    assert_eq!(cancelled.data.status, Some(PaymentStatus::Cancelled));
    let usable = job(&client, &job_ref).await;
    assert_eq!(usable.payment_status, Some(PaymentStatus::Pending));

    // The same job takes another payment, which is captured as usual.
    shopper
        .pay(&page, &card, ("12", "30"), LUKE_SKYWALKER.name)
        .await
        .expect("paid again");
    let second = job(&client, &job_ref).await;
    assert_eq!(second.payments.len(), 2);
    let second = second.latest_payment_reference().expect("a payment");
    client
        .capture_payment(&job_ref, second, &capture(None, None))
        .await
        .expect("captured");
    let paid = job(&client, &job_ref).await;
    assert_eq!(paid.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(paid.amount_collected, Some(Amount::from_minor_units(1000)));
}

#[tokio::test]
async fn after_the_midnight_settlement_a_cancel_is_refused_and_a_refund_gives_back() {
    let (sandbox, client) = start(true, LATE_EVENING).await;
    let (before, before_payment, _) = pay(&client, &paid_payment(1000)).await;
    let (after, after_payment, _) = pay(&client, &paid_payment(1000)).await;

    // Paid at once at 23:00 UTC, not settled until midnight: a cancel
    // gives it all back, and the job can be paid again.
    sandbox.clock().advance(HOUR - SECOND).expect("it moves");
    let cancelled = client.cancel_payment(&before, &before_payment).await;
    let cancelled = cancelled.expect("cancelled before midnight").data;
    assert_eq!(cancelled.status, Some(PaymentStatus::Cancelled));
    assert_eq!(cancelled.paid_amount, Some(Amount::ZERO));
    let usable = job(&client, &before).await;
    assert_eq!(usable.payment_status, Some(PaymentStatus::Pending));

    // Midnight (UTC, the sandbox's reading): settled.
    sandbox.clock().advance(SECOND).expect("it moves");
    let late = client.cancel_payment(&after, &after_payment).await;
    assert_eq!(refused(late), GatewayErrorCode::InvalidPaymentStatus);
    let status = payment_status(&client, &after, &after_payment).await;
    assert_eq!(status, Some(PaymentStatus::Paid));
    let refunded = client
        .refund_payment(&after, &after_payment, &refund(1000))
        .await
        .expect("refunded");
    assert_eq!(refunded.data.status, Some(RefundStatus::Completed));
    let totals = sandbox.totals();
    assert_eq!(totals.paid, Amount::from_minor_units(1000));
    assert_eq!(totals.refunded, Amount::from_minor_units(1000));
}

// --- Refunds -------------------------------------------------------------

#[tokio::test]
async fn refunds_complete_at_once_with_one_step_and_add_up_to_what_was_paid() {
    let (sandbox, client) = start(true, MORNING).await;
    let (job_ref, payment, _) = pay(&client, &paid_payment(1000)).await;
    for _ in 0..3 {
        let answer = client
            .refund_payment(&job_ref, &payment, &refund(300))
            .await
            .expect("a partial refund")
            .data;
        assert_eq!(answer.status, Some(RefundStatus::Completed));
        let [step] = answer.steps.as_slice() else {
            panic!("one step: {:?}", answer.steps);
        };
        assert_eq!(step.action, Some(RefundStepAction::Start));
        assert_eq!(step.status, Some(RefundStatus::Completed));
        assert!(step.result_attributes.is_empty());
    }
    let over = client
        .refund_payment(&job_ref, &payment, &refund(101))
        .await;
    assert_eq!(
        refused(over),
        GatewayErrorCode::RefundAmountExceedsOriginalAmount
    );
    client
        .refund_payment(&job_ref, &payment, &refund(100))
        .await
        .expect("the last 1.00");
    let none_left = client.refund_payment(&job_ref, &payment, &refund(1)).await;
    assert_eq!(
        refused(none_left),
        GatewayErrorCode::PaymentAlreadyFullyRefunded
    );
    assert_eq!(sandbox.totals().refunded, Amount::from_minor_units(1000));

    // The step's `resultAttributes` is on the wire as documented: `{}`.
    let path = format!("/api/gateway/payment-jobs/{job_ref}/payments/{payment}");
    let answer = reqwest::Client::new()
        .get(format!("{}{path}", sandbox.base_url()))
        .header("ConfigurationId", cashflows_test_support::CONFIGURATION_ID)
        .header("Hash", cashflows::sign_request(API_KEY, b""))
        .send()
        .await
        .expect("an answer");
    let body: serde_json::Value = answer.json().await.expect("JSON");
    let step = &body["data"]["refunds"][0]["steps"][0];
    assert_eq!(step["resultAttributes"], serde_json::json!({}), "{body}");
}

// --- Races and hostile input ---------------------------------------------

#[tokio::test]
async fn a_capture_racing_a_cancel_has_one_winner() {
    let (sandbox, client) = start(false, MORNING).await;
    let mut captured = 0;
    for _ in 0..20 {
        let (job_ref, payment, _) = pay(&client, &paid_payment(1000)).await;
        let whole = capture(None, None);
        let (capture, cancel) = tokio::join!(
            client.capture_payment(&job_ref, &payment, &whole),
            client.cancel_payment(&job_ref, &payment),
        );
        let status = payment_status(&client, &job_ref, &payment).await;
        match (capture, cancel) {
            (Ok(_), Err(cancel)) => {
                assert_eq!(
                    refused::<()>(Err(cancel)),
                    GatewayErrorCode::InvalidPaymentStatus
                );
                assert_eq!(status, Some(PaymentStatus::Paid));
                captured += 1000;
            }
            (Err(capture), Ok(_)) => {
                assert_eq!(
                    refused::<()>(Err(capture)),
                    GatewayErrorCode::InvalidPaymentStatus
                );
                assert_eq!(status, Some(PaymentStatus::Cancelled));
            }
            other => panic!("exactly one must win: {other:?}"),
        }
    }
    let totals = sandbox.totals();
    assert_eq!(totals.captured, Amount::from_minor_units(captured));
    assert_eq!(totals.paid, Amount::from_minor_units(captured));
}

#[tokio::test]
async fn the_clock_never_goes_back_and_nothing_changes_when_it_is_asked_to() {
    let (sandbox, client) = start(false, MORNING).await;
    let (job_ref, payment, _) = pay(&client, &paid_payment(1000)).await;
    sandbox.clock().advance(7 * DAY + SECOND).expect("it moves");
    let lapsed = payment_status(&client, &job_ref, &payment).await;
    assert_eq!(lapsed, Some(PaymentStatus::Expired));

    // Back to the morning the payment was reserved: refused by the clock,
    // and the reservation stays lapsed.
    let now = sandbox.clock().now();
    let back = sandbox.clock().set(SystemTime::UNIX_EPOCH + MORNING);
    assert!(
        matches!(back, Err(ClockError::Backwards { .. })),
        "{back:?}"
    );
    assert_eq!(sandbox.clock().now(), now);
    let again = client
        .capture_payment(&job_ref, &payment, &capture(None, None))
        .await;
    assert_eq!(refused(again), GatewayErrorCode::InvalidPaymentStatus);
    assert_eq!(sandbox.totals().captured, Amount::ZERO);
}
