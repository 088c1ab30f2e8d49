//! The sandbox's clock: a sandbox started on a manual clock reads every time
//! from it (job expiry, card expiry, the times its answers carry), and the
//! clock only moves forward.

use std::time::{Duration, SystemTime};

use cashflows::GatewayErrorCode;
use cashflows::test_cards;
use cashflows_sandbox::{ClockError, SandboxClock};
use reqwest::Method;
use serde_json::{Value, json};

use super::harness::*;

/// 2030-01-01T00:00:00Z.
const NEW_YEAR_2030: Duration = Duration::from_secs(1_893_456_000);
/// 2030-08-31T12:00:00Z.
const END_OF_AUGUST_2030: Duration = Duration::from_secs(1_914_408_000);
/// 2031-01-01T00:00:00Z: the test cards' expiry (12/30) has passed.
const NEW_YEAR_2031: Duration = Duration::from_secs(1_924_992_000);

const SECOND: Duration = Duration::from_secs(1);
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);

fn at(since_epoch: Duration) -> SystemTime {
    SystemTime::UNIX_EPOCH + since_epoch
}

async fn on_manual_clock(since_epoch: Duration) -> Harness {
    Harness::start_with_clock(config(), SandboxClock::manual(at(since_epoch))).await
}

/// A job without card data: it waits on the hosted page until it expires.
fn waiting_job(expiry: Option<&str>) -> Value {
    let mut request = json!({
        "currency": "GBP",
        "amountToCollect": "10.00",
        "order": { "orderNumber": order_number() },
    });
    if let Some(expiry) = expiry {
        request["expirationDateTimeUtc"] = json!(expiry);
    }
    request
}

/// The job as `GET` reads it (its expiry applied).
async fn retrieve(harness: &Harness, job: &str) -> Value {
    let answer = harness
        .call(Method::GET, &format!("{JOBS}/{job}"), None)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["data"].clone()
}

async fn hosted_page_status(harness: &Harness, job: &str) -> u16 {
    let url = format!("{}/sandbox/pay/{job}", harness.sandbox.base_url());
    let page = browser().get(url).send().await.expect("an answer");
    page.status().as_u16()
}

#[tokio::test]
async fn a_job_expires_once_the_clock_passes_its_expiry_and_not_before() {
    let harness = on_manual_clock(NEW_YEAR_2030).await;
    let created = harness
        .create(&waiting_job(Some("2030-01-01T01:00:00Z")))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let job = created.body["data"]["reference"].as_str().expect("a job");
    assert_eq!(
        created.body["data"]["createDateTimeUtc"],
        json!("2030-01-01T00:00:00Z")
    );

    harness.sandbox.clock().advance(HOUR).expect("it moves");
    assert_eq!(
        retrieve(&harness, job).await["paymentStatus"],
        json!("Pending")
    );
    assert_eq!(hosted_page_status(&harness, job).await, 200);

    harness.sandbox.clock().advance(SECOND).expect("it moves");
    // The page that finds the job expired says so (410); the job reads
    // Expired from then on, as of that moment.
    assert_eq!(hosted_page_status(&harness, job).await, 410);
    let expired = retrieve(&harness, job).await;
    assert_eq!(expired["paymentStatus"], json!("Expired"));
    assert_eq!(expired["lastUpdateTimeUtc"], json!("2030-01-01T01:00:01Z"));
}

#[tokio::test]
async fn the_default_expiry_is_six_calendar_months_later() {
    let harness = on_manual_clock(END_OF_AUGUST_2030).await;
    let (job, _) = harness.create_ok(&waiting_job(None)).await;
    let created = retrieve(&harness, &job).await;
    // 31 August and six months: the last day of February.
    assert_eq!(
        created["expirationDateTimeUtc"],
        json!("2031-02-28T12:00:00Z")
    );

    harness
        .sandbox
        .clock()
        .advance(181 * DAY)
        .expect("it moves");
    assert_eq!(
        retrieve(&harness, &job).await["paymentStatus"],
        json!("Pending")
    );

    harness.sandbox.clock().advance(SECOND).expect("it moves");
    assert_eq!(
        retrieve(&harness, &job).await["paymentStatus"],
        json!("Expired")
    );
}

#[tokio::test]
async fn the_clock_never_goes_backwards() {
    let clock = SandboxClock::manual(at(NEW_YEAR_2030));
    let harness = Harness::start_with_clock(config(), clock.clone()).await;
    let (job, _) = harness
        .create_ok(&waiting_job(Some("2030-01-01T00:00:30Z")))
        .await;

    let earlier = at(NEW_YEAR_2030 - DAY);
    assert_eq!(
        harness.sandbox.clock().set(earlier),
        Err(ClockError::Backwards {
            now: at(NEW_YEAR_2030),
            requested: earlier,
        })
    );
    assert_eq!(clock.now(), at(NEW_YEAR_2030), "the clock did not move");
    let unchanged = retrieve(&harness, &job).await;
    assert_eq!(unchanged["paymentStatus"], json!("Pending"));
    assert_eq!(
        unchanged["lastUpdateTimeUtc"],
        json!("2030-01-01T00:00:00Z")
    );

    // The test's clone and the sandbox's clock are one clock.
    clock.advance(HOUR).expect("it moves");
    assert_eq!(harness.sandbox.clock().now(), at(NEW_YEAR_2030 + HOUR));
    assert_eq!(
        retrieve(&harness, &job).await["paymentStatus"],
        json!("Expired")
    );
}

#[tokio::test]
async fn a_sandbox_started_without_a_clock_runs_on_the_system_clock() {
    let harness = Harness::start().await;
    let clock = harness.sandbox.clock();
    assert!(!clock.is_manual());
    assert_eq!(clock.advance(HOUR), Err(ClockError::NotManual));
    let before = SystemTime::now();
    assert!(clock.now() >= before);
}

#[tokio::test]
async fn card_expiry_dates_are_checked_against_the_clock() {
    // The harness's cards expire 12/30: good in 2030, expired in 2031.
    let in_2030 = on_manual_clock(NEW_YEAR_2030).await;
    in_2030.create_ok(&luke("10.00")).await;
    let harness = on_manual_clock(NEW_YEAR_2031).await;
    assert_refused(
        &harness.create(&luke("10.00")).await,
        GatewayErrorCode::PaymentRefused,
    );

    let (job, _) = harness.create_ok(&waiting_job(None)).await;
    let page = format!("{}/sandbox/pay/{job}", harness.sandbox.base_url());
    let paid = pay_on_page(&page, test_cards::LUKE_SKYWALKER.name).await;
    assert_eq!(paid.status().as_u16(), 422);
    assert!(
        paid.text()
            .await
            .expect("a page")
            .contains("The card has expired.")
    );

    let card = test_cards::VISA_CREDIT_4000000000000002;
    let tokenised = harness
        .call(
            Method::POST,
            "/api/gateway/card-tokenisation",
            Some(&json!({
                "cardNumber": card.number,
                "cardCvc": card.cvc,
                "cardExpiryMonth": "12",
                "cardExpiryYear": "30",
                "cardHolderName": test_cards::LUKE_SKYWALKER.name,
            })),
        )
        .await;
    assert_refused(&tokenised, GatewayErrorCode::PaymentRefused);

    let (_, reply) = harness
        .remote_auth(&[
            ("auth_id", AUTH_ID),
            ("auth_pass", AUTH_PASS),
            ("card_num", card.number),
            ("card_cvv", card.cvc),
            ("card_expiry", "1230"),
            ("tran_ref", &order_number()),
            ("tran_amount", "10.00"),
            ("tran_currency", "GBP"),
            ("tran_testmode", "1"),
            ("tran_type", "sale"),
            ("tran_class", "ecom"),
        ])
        .await;
    assert_eq!(reply[3], "V139", "expired (Vx39): {reply:?}");
}

#[tokio::test]
async fn the_sandbox_works_on_its_last_day_and_the_clock_stops_there() {
    // 9998-12-31T23:59:59Z: the clock's latest time, less a second.
    let clock = SandboxClock::manual(SandboxClock::latest() - SECOND);
    let harness = Harness::start_with_clock(config(), clock.clone()).await;
    let mut request = reserved("10.00");
    request["parameters"]["CardExpiryMonth"] = json!("01");
    request["parameters"]["CardExpiryYear"] = json!("9999");
    let (job, payment) = harness.create_ok(&request).await;
    let created = retrieve(&harness, &job).await;
    assert_eq!(created["createDateTimeUtc"], json!("9998-12-31T23:59:59Z"));
    assert_eq!(
        created["expirationDateTimeUtc"],
        json!("9999-06-30T23:59:59Z")
    );
    assert_eq!(created["payments"][0]["status"], json!("Reserved"));

    let path = payment_path(&job, &payment);
    clock.advance(SECOND).expect("up to the latest time");
    let capture = json!({ "amountToCapture": "10.00" });
    let captured = harness
        .call(Method::POST, &format!("{path}/captures"), Some(&capture))
        .await;
    assert_eq!(captured.status, 201, "{}", captured.body);
    assert_eq!(
        captured.body["data"]["createDateTimeUtc"],
        json!("9999-01-01T00:00:00Z")
    );
    let refund = json!({ "amountToRefund": "4.00" });
    let refunded = harness
        .call(Method::POST, &format!("{path}/refunds"), Some(&refund))
        .await;
    assert_eq!(refunded.status, 201, "{}", refunded.body);
    let job_now = retrieve(&harness, &job).await;
    assert_eq!(job_now["paymentStatus"], json!("Paid"));
    assert_eq!(job_now["paidDateTimeUtc"], json!("9999-01-01T00:00:00Z"));
    let totals = harness.sandbox.totals();
    assert_eq!(totals.captured, "10.00".parse().expect("an amount"));
    assert_eq!(totals.refunded, "4.00".parse().expect("an amount"));

    // 9999-06-01T00:00:00Z is past the latest time: refused, the clock
    // unchanged.
    let june_9999 = SandboxClock::latest() + 151 * DAY;
    assert_eq!(clock.set(june_9999), Err(ClockError::OutOfRange));
    assert_eq!(clock.advance(SECOND), Err(ClockError::OutOfRange));
    assert_eq!(clock.now(), SandboxClock::latest());
}

#[tokio::test]
async fn a_sandbox_on_a_movable_clock_runs_and_is_sent_ahead() {
    let clock = SandboxClock::movable();
    let harness = Harness::start_with_clock(config(), clock.clone()).await;
    let (job, _) = harness
        .create_ok(&waiting_job(Some("2100-01-01T00:00:00Z")))
        .await;
    assert_eq!(
        retrieve(&harness, &job).await["paymentStatus"],
        json!("Pending")
    );
    // Into 2100, from whenever the test runs.
    clock
        .set(at(Duration::from_secs(4_102_444_800)) + SECOND)
        .expect("it moves forward");
    assert_eq!(
        retrieve(&harness, &job).await["paymentStatus"],
        json!("Expired")
    );
    assert!(matches!(
        clock.set(SystemTime::now()),
        Err(ClockError::Backwards { .. })
    ));
}
