//! Every row of the guide's outcome tables ("Getting each outcome" in
//! `guide/testing-your-integration.md`), walked as the table says: the
//! hosted page, embedded checkout and a direct card create, each outcome
//! provoked by the recipe the guide gives and checked on the job the
//! Gateway returns. A change to the sandbox that breaks a recipe breaks
//! this test, and the table must change with it.

use std::time::{Duration, SystemTime};

use cashflows::models::{
    CreatePaymentIntentRequest, CreatePaymentJobRequest, PaymentJob, PaymentJobParameters,
    PaymentMethodToUse, PaymentStatus, UpdateOrderRequest,
};
use cashflows::sandbox_triggers::payment_statuses;
use cashflows::test_cards::{
    DARTH_MAUL, HAN_SOLO, LANDO_CALRISSIAN, LEIA_SKYWALKER, LUKE_SKYWALKER, TestCard,
    VISA_CREDIT_4000000000000002,
};
use cashflows::{Amount, Client, Error, GatewayErrorCode};
use cashflows_sandbox::{Sandbox, SandboxClock, Shopper, ShopperStep};
use cashflows_test_support::jobs::{card_payment, order_number};
use cashflows_test_support::sandbox;
use serde_json::{Value, json};

/// 2030-01-01T12:00:00Z.
const NOON: Duration = Duration::from_secs(1_893_499_200);

/// A card number that passes the Luhn check but is not a test card.
const NOT_A_TEST_CARD: &str = "4111111111111111";

const CARD: TestCard = VISA_CREDIT_4000000000000002;

async fn job(client: &Client, reference: &str) -> PaymentJob {
    client
        .retrieve_payment_job(reference)
        .await
        .expect("the job")
        .data
}

fn latest_status(job: &PaymentJob) -> Option<PaymentStatus> {
    job.latest_payment()
        .and_then(|payment| payment.status.clone())
}

fn refusal_code<T: std::fmt::Debug>(result: Result<T, Error>) -> GatewayErrorCode {
    match result {
        Err(Error::Api(refusal)) => refusal.errors[0].kind.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

// --- The hosted page ------------------------------------------------------

/// A job the shopper pays on the hosted page, with return URLs to tell the
/// three endings apart, and `SimulatedStatus` when given.
async fn hosted_job(client: &Client, simulated: Option<&str>) -> (String, String) {
    let request = CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(1000)),
        payment_methods_to_use: vec![PaymentMethodToUse::CreditCard],
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            ..Default::default()
        }),
        parameters: Some(PaymentJobParameters {
            return_url_success: Some("http://shop.test/paid".to_owned()),
            return_url_failed: Some("http://shop.test/failed".to_owned()),
            return_url_cancelled: Some("http://shop.test/cancelled".to_owned()),
            simulated_status: simulated.map(str::to_owned),
            ..Default::default()
        }),
        ..Default::default()
    };
    let created = client.create_payment_job(&request).await.expect("created");
    let page = created.payment_page_url().expect("a page").to_owned();
    let reference = created.data.job_reference().expect("a reference");
    (reference.to_owned(), page)
}

async fn pay_on_page(page: &str, number: &'static str, holder: &str) -> ShopperStep {
    let card = TestCard { number, ..CARD };
    Shopper::new()
        .pay(page, &card, ("12", "30"), holder)
        .await
        .expect("the page answers")
}

fn returned_to(step: &ShopperStep) -> &str {
    match step {
        ShopperStep::Returned(url) => url.split('?').next().unwrap_or_default(),
        other => panic!("expected a return, got {other:?}"),
    }
}

#[tokio::test]
async fn hosted_page_outcomes() {
    let (_sandbox, client) = sandbox::start().await;

    let (paid, page) = hosted_job(&client, None).await;
    let step = pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    assert_eq!(returned_to(&step), "http://shop.test/paid");
    assert!(job(&client, &paid).await.is_paid());

    let (reserved, page) = hosted_job(&client, Some("Reserved")).await;
    pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    let reserved = job(&client, &reserved).await;
    assert_eq!(latest_status(&reserved), Some(PaymentStatus::Reserved));
    assert_eq!(reserved.payment_status, Some(PaymentStatus::Pending));

    let (declined, page) = hosted_job(&client, Some(payment_statuses::DECLINED)).await;
    pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    let declined = job(&client, &declined).await;
    assert_eq!(
        declined.latest_payment().and_then(|p| p.status.clone()),
        Some(PaymentStatus::Declined)
    );

    // A card the sandbox refuses: the page says so, no payment is made and
    // the job waits for another card.
    let (refused, page) = hosted_job(&client, None).await;
    let step = pay_on_page(&page, NOT_A_TEST_CARD, LUKE_SKYWALKER.name).await;
    assert!(matches!(step, ShopperStep::Stayed { .. }), "{step:?}");
    let refused = job(&client, &refused).await;
    assert!(refused.payments.is_empty());
    assert_eq!(refused.payment_status, Some(PaymentStatus::Pending));

    for (holder, pass, status) in [
        (HAN_SOLO.name, true, PaymentStatus::Paid),
        (HAN_SOLO.name, false, PaymentStatus::Failed),
        (LEIA_SKYWALKER.name, true, PaymentStatus::Paid),
    ] {
        let (challenged, page) = hosted_job(&client, None).await;
        let ShopperStep::Challenged(challenge) = pay_on_page(&page, CARD.number, holder).await
        else {
            panic!("{holder} is challenged");
        };
        assert_eq!(
            job(&client, &challenged).await.payment_status,
            Some(PaymentStatus::Pending),
            "waiting for the challenge"
        );
        Shopper::new()
            .answer_challenge(&challenge, pass)
            .await
            .expect("answered");
        let payment = job(&client, &challenged).await.latest_payment().cloned();
        assert_eq!(payment.and_then(|p| p.status), Some(status), "{holder}");
    }

    for holder in [LANDO_CALRISSIAN.name, DARTH_MAUL.name] {
        let (failed, page) = hosted_job(&client, None).await;
        let step = pay_on_page(&page, CARD.number, holder).await;
        assert_eq!(returned_to(&step), "http://shop.test/failed", "{holder}");
        let payment = job(&client, &failed).await.latest_payment().cloned();
        assert_eq!(payment.and_then(|p| p.status), Some(PaymentStatus::Failed));
    }

    let (cancelled, page) = hosted_job(&client, None).await;
    let step = Shopper::new().cancel(&page).await.expect("cancelled");
    assert_eq!(returned_to(&step), "http://shop.test/cancelled");
    let cancelled = job(&client, &cancelled).await;
    assert_eq!(cancelled.payment_status, Some(PaymentStatus::Cancelled));

    let (by_merchant, _) = hosted_job(&client, None).await;
    client
        .cancel_payment_job(&by_merchant)
        .await
        .expect("cancelled");
    let by_merchant = job(&client, &by_merchant).await;
    assert_eq!(by_merchant.payment_status, Some(PaymentStatus::Cancelled));
}

#[tokio::test]
async fn hosted_page_outcomes_without_automatic_capture() {
    let (_sandbox, client) = sandbox::start_without_automatic_capture().await;
    let (reference, page) = hosted_job(&client, None).await;
    let step = pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    assert_eq!(returned_to(&step), "http://shop.test/paid");
    let reserved = job(&client, &reference).await;
    assert_eq!(latest_status(&reserved), Some(PaymentStatus::Reserved));
    assert_eq!(reserved.payment_status, Some(PaymentStatus::Pending));

    // The merchant cancels the payment, not the job: the job stays usable.
    let payment = reserved.latest_payment_reference().expect("a payment");
    let cancelled = client.cancel_payment(&reference, payment).await;
    let cancelled = cancelled.expect("cancelled").data;
    assert_eq!(cancelled.status, Some(PaymentStatus::Cancelled));
    assert_eq!(
        job(&client, &reference).await.payment_status,
        Some(PaymentStatus::Pending)
    );
    let step = pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    assert_eq!(returned_to(&step), "http://shop.test/paid");
    let again = job(&client, &reference).await;
    assert_eq!(again.payments.len(), 2);
    assert_eq!(latest_status(&again), Some(PaymentStatus::Reserved));
}

#[tokio::test]
async fn hosted_page_expiry() {
    let (_sandbox, client) = sandbox::start().await;
    let request = CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(1000)),
        expiration_date_time_utc: Some("2020-01-01T00:00:00Z".to_owned()),
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let created = client.create_payment_job(&request).await.expect("created");
    let reference = created.data.job_reference().expect("a reference");
    let page = created.payment_page_url().expect("a page").to_owned();
    assert_eq!(
        job(&client, reference).await.payment_status,
        Some(PaymentStatus::Expired)
    );
    let step = pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    assert!(matches!(step, ShopperStep::Stayed { .. }), "{step:?}");
}

// --- A direct card create -------------------------------------------------

fn direct(holder: &str, simulated: Option<&str>) -> CreatePaymentJobRequest {
    let mut request = card_payment(1000, CARD.number, CARD.cvc, holder);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.simulated_status = simulated.map(str::to_owned);
    }
    request
}

async fn direct_status(client: &Client, request: &CreatePaymentJobRequest) -> PaymentStatus {
    let created = client.create_payment_job(request).await.expect("created");
    let payment = created.data.latest_payment().expect("a payment");
    payment.status.clone().expect("a status")
}

#[tokio::test]
async fn direct_card_outcomes() {
    let (_sandbox, client) = sandbox::start().await;
    let luke = LUKE_SKYWALKER.name;

    assert_eq!(
        direct_status(&client, &direct(luke, None)).await,
        PaymentStatus::Paid
    );
    assert_eq!(
        direct_status(&client, &direct(luke, Some("Reserved"))).await,
        PaymentStatus::Reserved
    );
    assert_eq!(
        direct_status(&client, &direct(luke, Some(payment_statuses::DECLINED))).await,
        PaymentStatus::Declined
    );

    // Refused before any job exists: a card that is not a test card, a CVC
    // of the wrong length, an expiry in the past.
    let not_a_test_card = card_payment(1000, NOT_A_TEST_CARD, "123", luke);
    let short_cvc = card_payment(1000, CARD.number, "12", luke);
    let mut expired_card = direct(luke, None);
    if let Some(parameters) = expired_card.parameters.as_mut() {
        parameters.card_expiry_year = Some("20".to_owned());
    }
    for mut request in [not_a_test_card, short_cvc, expired_card] {
        let result = client.create_payment_job(&request).await;
        assert_eq!(refusal_code(result), GatewayErrorCode::PaymentRefused);
        // No job was made: the order number is still free for another card.
        let order = request.order.clone();
        request = direct(luke, None);
        request.order = order;
        assert_eq!(direct_status(&client, &request).await, PaymentStatus::Paid);
    }

    for (holder, pass, status) in [
        (HAN_SOLO.name, true, PaymentStatus::Paid),
        (LEIA_SKYWALKER.name, false, PaymentStatus::Failed),
    ] {
        let created = client
            .create_payment_job(&direct(holder, None))
            .await
            .expect("created");
        let reference = created.data.job_reference().expect("a reference");
        let challenge = created
            .payment_page_url()
            .expect("the challenge")
            .to_owned();
        assert_eq!(created.data.payment_status, Some(PaymentStatus::Pending));
        Shopper::new()
            .answer_challenge(&challenge, pass)
            .await
            .expect("answered");
        let payment = job(&client, reference).await.latest_payment().cloned();
        assert_eq!(payment.and_then(|p| p.status), Some(status), "{holder}");
    }

    for holder in [LANDO_CALRISSIAN.name, DARTH_MAUL.name] {
        let result = client.create_payment_job(&direct(holder, None)).await;
        let Err(Error::Api(refusal)) = result else {
            panic!("{holder} is refused: {result:?}");
        };
        assert!(refusal.has(&GatewayErrorCode::ThreeDSecureFailed));
        // The failed job comes in the refusal's `data`.
        let body: Value = serde_json::from_str(&refusal.body).expect("JSON");
        let failed: PaymentJob = serde_json::from_value(body["data"].clone()).expect("a job");
        let payment = failed.latest_payment().and_then(|p| p.status.clone());
        assert_eq!(payment, Some(PaymentStatus::Failed), "{holder}");
    }

    // Cancelled: a reservation, or a payment paid at once before the
    // midnight settlement; the job stays usable either way. At noon on a
    // manual clock, so that midnight never falls between pay and cancel.
    let clock = SandboxClock::manual(SystemTime::UNIX_EPOCH + NOON);
    let (noon, client) = sandbox::start_on_clock(sandbox::config(), clock).await;
    for simulated in [Some("Reserved"), None] {
        let created = client
            .create_payment_job(&direct(luke, simulated))
            .await
            .expect("created");
        let reference = created.data.job_reference().expect("a reference");
        let payment = created.data.latest_payment_reference().expect("a payment");
        let cancelled = client
            .cancel_payment(reference, payment)
            .await
            .expect("cancelled");
        assert_eq!(cancelled.data.status, Some(PaymentStatus::Cancelled));
        assert_eq!(
            job(&client, reference).await.payment_status,
            Some(PaymentStatus::Pending)
        );
    }

    // Expired: a reservation left uncaptured past its seven days.
    let reserve = direct(luke, Some("Reserved"));
    let created = client.create_payment_job(&reserve).await;
    let created = created.expect("created").data;
    let reference = created.job_reference().expect("a reference");
    let week = Duration::from_secs(7 * 86_400 + 1);
    noon.clock().advance(week).expect("the clock moves");
    let expired = job(&client, reference).await;
    assert_eq!(latest_status(&expired), Some(PaymentStatus::Expired));

    let (_deferred, deferred) = sandbox::start_without_automatic_capture().await;
    let created = deferred.create_payment_job(&direct(luke, None)).await;
    let created = created.expect("created").data;
    assert_eq!(latest_status(&created), Some(PaymentStatus::Reserved));
    assert_eq!(created.payment_status, Some(PaymentStatus::Pending));
}

// --- Embedded checkout ----------------------------------------------------

async fn intent(client: &Client) -> (String, String) {
    let request = CreatePaymentIntentRequest {
        amount_to_collect: Some(Amount::from_minor_units(1250)),
        currency: Some("GBP".to_owned()),
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let intent = client
        .create_payment_intent(&request)
        .await
        .expect("created")
        .data;
    let job = intent.payment_job_reference.expect("a job").to_string();
    (job, intent.token.expect("a token"))
}

/// The page's part, as Cashflows' browser library does it: the four card
/// fields, then the payment. The answer's status and body.
async fn pay_in_browser(
    sandbox: &Sandbox,
    token: &str,
    number: &str,
    holder: &str,
) -> (u16, Value) {
    let browser = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let base = sandbox.base_url();
    let mut preparations = Vec::new();
    for (index, (kind, value)) in [
        ("cardnumber", number),
        ("cardholdername", holder),
        ("cardexpiry", "12/30"),
        ("cardcvc", CARD.cvc),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("{token:.8}-9b2f-4c3d-8e5f-00000000000{index}");
        let field = format!("{base}/preparations/{id}");
        let opened = browser
            .get(format!("{field}?inputtype={kind}"))
            .send()
            .await;
        assert_eq!(opened.expect("the field").status(), 200);
        let typed = browser
            .post(&field)
            .json(&json!({ "sequence": 1, "value": value }))
            .send()
            .await;
        assert_eq!(typed.expect("typed").status(), 204);
        preparations.push(id);
    }
    let paid = browser
        .post(format!(
            "{base}/api/gateway/payment-intents/{token}/payments"
        ))
        .json(&json!({ "preparationIds": preparations }))
        .send()
        .await
        .expect("an answer");
    let status = paid.status().as_u16();
    (status, paid.json().await.expect("JSON"))
}

/// The first error of an answer's `errorReport`, recognised as the client
/// does (by code, or by message where Cashflows publishes no code).
fn gateway_error(body: &Value) -> GatewayErrorCode {
    let error = &body["errorReport"]["errors"][0];
    let text = |key: &str| error[key].as_str().unwrap_or_default().to_owned();
    GatewayErrorCode::recognise(&text("code"), &text("message"))
}

#[tokio::test]
async fn embedded_checkout_outcomes() {
    let (sandbox, client) = sandbox::start().await;

    let (paid, token) = intent(&client).await;
    let (status, _) = pay_in_browser(&sandbox, &token, CARD.number, LUKE_SKYWALKER.name).await;
    assert_eq!(status, 200);
    assert!(job(&client, &paid).await.is_paid());

    let (refused, token) = intent(&client).await;
    let (status, body) =
        pay_in_browser(&sandbox, &token, NOT_A_TEST_CARD, LUKE_SKYWALKER.name).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(gateway_error(&body), GatewayErrorCode::PaymentRefused);
    let refused = job(&client, &refused).await;
    assert_eq!(refused.payment_status, Some(PaymentStatus::Pending));
    assert!(refused.payments.is_empty());

    for (pass, expected) in [(true, PaymentStatus::Paid), (false, PaymentStatus::Failed)] {
        let (challenged, token) = intent(&client).await;
        let (status, body) = pay_in_browser(&sandbox, &token, CARD.number, HAN_SOLO.name).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["paymentStatus"], "Pending");
        let challenge = body["links"]["action"]["url"]
            .as_str()
            .expect("a challenge");
        Shopper::new()
            .answer_challenge(challenge, pass)
            .await
            .expect("answered");
        let payment = job(&client, &challenged).await.latest_payment().cloned();
        assert_eq!(payment.and_then(|p| p.status), Some(expected));
    }

    let (failed, token) = intent(&client).await;
    let (status, body) = pay_in_browser(&sandbox, &token, CARD.number, LANDO_CALRISSIAN.name).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(gateway_error(&body), GatewayErrorCode::ThreeDSecureFailed);
    let payment = job(&client, &failed).await.latest_payment().cloned();
    assert_eq!(payment.and_then(|p| p.status), Some(PaymentStatus::Failed));

    let (cancelled, _) = intent(&client).await;
    client
        .cancel_payment_job(&cancelled)
        .await
        .expect("cancelled");
    let cancelled = job(&client, &cancelled).await;
    assert_eq!(cancelled.payment_status, Some(PaymentStatus::Cancelled));

    // Reserved: automatic capture off. The browser reads the job `Pending`
    // with `lastPaymentStatus` `Reserved`, as Cashflows' library expects.
    let (deferred_sandbox, deferred) = sandbox::start_without_automatic_capture().await;
    let (reserved, token) = intent(&deferred).await;
    let (status, body) =
        pay_in_browser(&deferred_sandbox, &token, CARD.number, LUKE_SKYWALKER.name).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["paymentStatus"], "Pending");
    assert_eq!(body["data"]["lastPaymentStatus"], "Reserved");
    let reserved = job(&deferred, &reserved).await;
    assert_eq!(latest_status(&reserved), Some(PaymentStatus::Reserved));
}

/// Six months of 31 days and a day: past the default expiry whatever the
/// months. One day less is before it whatever the months.
const PAST_SIX_MONTHS: Duration = Duration::from_secs((6 * 31 + 1) * 24 * 3600);
const BEFORE_SIX_MONTHS: Duration = Duration::from_secs((6 * 28 - 1) * 24 * 3600);

#[tokio::test]
async fn jobs_nobody_pays_expire_six_months_on_when_the_clock_is_moved() {
    let clock = SandboxClock::manual(SystemTime::UNIX_EPOCH + NOON);
    let (sandbox, client) = sandbox::start_on_clock(sandbox::config(), clock.clone()).await;
    let (hosted, page) = hosted_job(&client, None).await;
    let (embedded, token) = intent(&client).await;

    clock.advance(BEFORE_SIX_MONTHS).expect("moves");
    for reference in [&hosted, &embedded] {
        let status = job(&client, reference).await.payment_status;
        assert_eq!(status, Some(PaymentStatus::Pending), "not yet");
    }
    clock
        .advance(PAST_SIX_MONTHS - BEFORE_SIX_MONTHS)
        .expect("moves");
    for reference in [&hosted, &embedded] {
        let status = job(&client, reference).await.payment_status;
        assert_eq!(status, Some(PaymentStatus::Expired), "six months on");
    }
    let step = pay_on_page(&page, CARD.number, LUKE_SKYWALKER.name).await;
    assert!(matches!(step, ShopperStep::Stayed { .. }), "{step:?}");
    let (status, body) = pay_in_browser(&sandbox, &token, CARD.number, LUKE_SKYWALKER.name).await;
    assert_eq!(status, 400, "{body}");
}
