//! Embedded checkout's browser side over plain HTTP, as Cashflows' library
//! calls it (unsigned, the intent's token as credential): the intent read,
//! the card field pages and their preparations, payments from fields and
//! from stored cards, the 3-D Secure step through the hosted flow's
//! challenge page, CORS; and what hostile input cannot do: bad tokens,
//! unknown or reused preparations, replayed payments, a field page opened
//! twice, huge bodies.

use std::sync::atomic::{AtomicU64, Ordering};

use cashflows::test_cards;
use cashflows::{Amount, GatewayErrorCode};
use reqwest::Method;
use serde_json::{Value, json};

use super::harness::*;

const INTENTS: &str = "/api/gateway/payment-intents";

/// A fresh v4-shaped UUID, as the library's `uuid.v4()` writes one.
fn uuid() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "6f1c0b52-3c1e-4a8e-9b7d-{:012x}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Creates an intent of £12.50 (signed, as the shop's server does); its job
/// and token.
async fn intent(harness: &Harness, customer: Option<&str>) -> (String, String) {
    let mut order = json!({ "orderNumber": order_number() });
    if let Some(customer) = customer {
        order["customerReference"] = json!(customer);
    }
    let body = json!({
        "configurationId": CONFIGURATION_ID,
        "amountToCollect": "12.50",
        "currency": "GBP",
        "paymentMethodsToUse": ["Card"],
        "order": order,
    });
    let answer = harness
        .call(Method::POST, &format!("{INTENTS}/"), Some(&body))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let data = &answer.body["data"];
    let job = data["paymentJobReference"]
        .as_str()
        .expect("a job")
        .to_owned();
    let token = data["token"].as_str().expect("a token").to_owned();
    (job, token)
}

/// An unsigned call, as the browser makes it.
async fn browse(harness: &Harness, method: Method, path: &str, body: Option<&Value>) -> Answer {
    let bytes = body
        .map(|body| serde_json::to_vec(body).expect("JSON"))
        .unwrap_or_default();
    harness.raw(method, path, bytes, None, None).await
}

async fn open_field(harness: &Harness, id: &str, kind: &str) -> reqwest::Response {
    browser()
        .get(harness.url(&format!("/preparations/{id}?inputtype={kind}")))
        .send()
        .await
        .expect("an answer")
}

async fn type_into(harness: &Harness, id: &str, sequence: u64, value: &str) -> u16 {
    browser()
        .post(harness.url(&format!("/preparations/{id}")))
        .json(&json!({ "sequence": sequence, "value": value }))
        .send()
        .await
        .expect("an answer")
        .status()
        .as_u16()
}

/// Opens the four field pages and types a card into them, as the shopper
/// does; the preparation ids.
async fn fields(harness: &Harness, number: &str, holder: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (kind, value) in [
        ("cardnumber", number),
        ("cardholdername", holder),
        ("cardexpiry", "12/30"),
        ("cardcvc", "123"),
    ] {
        let id = uuid();
        let page = open_field(harness, &id, kind).await;
        assert_eq!(page.status().as_u16(), 200);
        let html = page.text().await.expect("the page");
        assert!(html.contains("postMessage"), "{html}");
        assert!(html.contains(&id), "{html}");
        assert_eq!(type_into(harness, &id, 1, value).await, 204);
        ids.push(id);
    }
    ids
}

async fn luke_fields(harness: &Harness) -> Vec<String> {
    fields(
        harness,
        test_cards::VISA_CREDIT_4000000000000002.number,
        test_cards::LUKE_SKYWALKER.name,
    )
    .await
}

async fn pay(harness: &Harness, token: &str, body: &Value) -> Answer {
    browse(
        harness,
        Method::POST,
        &format!("{INTENTS}/{token}/payments"),
        Some(body),
    )
    .await
}

async fn read(harness: &Harness, token: &str) -> Answer {
    browse(harness, Method::GET, &format!("{INTENTS}/{token}"), None).await
}

/// Pays `token`'s intent with Luke Skywalker's card typed into fresh fields,
/// asking to store the card; the fields' ids.
async fn pay_storing_the_card(harness: &Harness, token: &str) -> Vec<String> {
    let ids = luke_fields(harness).await;
    let stored = pay(
        harness,
        token,
        &json!({ "preparationIds": ids, "options": ["StoreCardDetails"] }),
    )
    .await;
    assert_eq!(stored.status, 200, "{}", stored.body);
    ids
}

/// The stored cards `token`'s intent lists, as the browser reads them.
async fn stored_cards(harness: &Harness, token: &str) -> Answer {
    let path = format!("{INTENTS}/{token}/stored-cards");
    browse(harness, Method::GET, &path, None).await
}

fn payments(harness: &Harness, job: &str) -> usize {
    harness
        .sandbox
        .payment_job(job)
        .expect("the job")
        .payments
        .len()
}

#[tokio::test]
async fn a_card_typed_into_the_fields_pays_the_intent_once() {
    let harness = Harness::start().await;
    let (job, token) = intent(&harness, None).await;
    let before = read(&harness, &token).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert_eq!(before.body["data"]["paymentStatus"], "Pending");
    assert_eq!(before.body["data"]["paymentJobReference"], job.as_str());

    let ids = luke_fields(&harness).await;
    let body = json!({ "preparationIds": ids });
    let paid = pay(&harness, &token, &body).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
    assert_eq!(paid.body["data"]["paymentStatus"], "Paid");
    assert_eq!(paid.body["data"]["lastPaymentStatus"], "Paid");
    assert_eq!(
        read(&harness, &token).await.body["data"]["paymentStatus"],
        "Paid"
    );

    // Replayed, or paid again with fresh fields: refused, never charged twice.
    let replayed = pay(&harness, &token, &body).await;
    assert_refused(&replayed, GatewayErrorCode::PaymentJobAlreadyFinal);
    let fresh = json!({ "preparationIds": luke_fields(&harness).await });
    assert_refused(
        &pay(&harness, &token, &fresh).await,
        GatewayErrorCode::PaymentJobAlreadyFinal,
    );
    // Fields that paid keep nothing more.
    assert_eq!(
        type_into(&harness, &ids[0], 9, "4510400400099005").await,
        409
    );

    let job_now = harness.sandbox.payment_job(&job).expect("the job");
    assert_eq!(job_now.payments.len(), 1);
    assert_eq!(job_now.paid_amount, Some(Amount::from_minor_units(1250)));
    assert_eq!(
        harness.sandbox.totals().paid,
        Amount::from_minor_units(1250)
    );
}

#[tokio::test]
async fn twenty_concurrent_payments_of_one_intent_pay_once() {
    let harness = Harness::start().await;
    let (job, token) = intent(&harness, None).await;
    let url = harness.url(&format!("{INTENTS}/{token}/payments"));
    let mut attempts = Vec::new();
    for _ in 0..20 {
        let body = json!({ "preparationIds": luke_fields(&harness).await });
        let url = url.clone();
        attempts.push(tokio::spawn(async move {
            let response = browser()
                .post(&url)
                .json(&body)
                .send()
                .await
                .expect("an answer");
            let status = response.status().as_u16();
            let body: Value = response.json().await.expect("JSON");
            (status, body)
        }));
    }
    let mut answers = Vec::new();
    for attempt in attempts {
        answers.push(attempt.await.expect("the task ends"));
    }
    let paid = answers.iter().filter(|(status, _)| *status == 200).count();
    assert_eq!(paid, 1, "{answers:?}");
    for (status, body) in answers.iter().filter(|(status, _)| *status != 200) {
        assert_eq!(*status, 400);
        assert_eq!(
            body["errorReport"]["errors"][0]["message"],
            GatewayErrorCode::PaymentJobAlreadyFinal
                .message()
                .expect("a message")
        );
    }
    assert_eq!(payments(&harness, &job), 1);
    assert_eq!(
        harness.sandbox.totals().paid,
        Amount::from_minor_units(1250)
    );
}

#[tokio::test]
async fn bad_tokens_are_404_and_change_nothing() {
    let harness = Harness::start().await;
    let (job, token) = intent(&harness, Some("shopper-1")).await;
    let long = "f".repeat(8 * 1024);
    let ids = luke_fields(&harness).await;
    let body = json!({ "preparationIds": ids });
    for bad in [
        "0123456789abcdef0123456789abcdef".to_owned(),
        format!("{token}x"),
        token.to_uppercase(),
        job.clone(),
        "..%2F..%2Fpayment-jobs".to_owned(),
        "%00".to_owned(),
        long,
    ] {
        let answer = read(&harness, &bad).await;
        assert_eq!(answer.status, 404, "{bad}: {}", answer.body);
        assert_eq!(pay(&harness, &bad, &body).await.status, 404, "{bad}");
        let cards = browse(
            &harness,
            Method::GET,
            &format!("{INTENTS}/{bad}/stored-cards"),
            None,
        )
        .await;
        assert_eq!(cards.status, 404, "{bad}");
        let delete = browse(
            &harness,
            Method::DELETE,
            &format!("{INTENTS}/{bad}/stored-cards/abc"),
            None,
        )
        .await;
        assert_eq!(delete.status, 404, "{bad}");
    }
    assert_eq!(payments(&harness, &job), 0);
    // The good token still pays with the same fields.
    assert_eq!(pay(&harness, &token, &body).await.status, 200);
}

#[tokio::test]
async fn unknown_incomplete_and_malformed_payments_are_refused() {
    let harness = Harness::start().await;
    let (job, token) = intent(&harness, None).await;
    let ids = luke_fields(&harness).await;
    let unknown = vec![uuid(), uuid(), uuid(), uuid()];
    let mut two_numbers = ids.clone();
    two_numbers[1] = luke_fields(&harness).await[0].clone();
    let mut repeated = ids.clone();
    repeated[3] = ids[0].clone();
    for preparations in [
        unknown,
        ids[..3].to_vec(),
        two_numbers,
        repeated,
        vec![],
        vec!["../../etc/passwd".to_owned(); 4],
    ] {
        let answer = pay(&harness, &token, &json!({ "preparationIds": preparations })).await;
        assert_refused(&answer, GatewayErrorCode::PaymentRefused);
    }
    for body in [
        json!([ids]),
        json!({}),
        json!({ "preparationIds": ids, "storedCard": "abc" }),
        json!({ "preparationIds": "not a list" }),
        json!({ "preparationIds": vec![uuid(); 100] }),
    ] {
        let answer = pay(&harness, &token, &body).await;
        assert_eq!(answer.status, 400, "{}", answer.body);
    }
    let not_json = harness
        .raw(
            Method::POST,
            &format!("{INTENTS}/{token}/payments"),
            b"\x00\x01garbage".to_vec(),
            None,
            None,
        )
        .await;
    assert_eq!(not_json.status, 400);
    for size in [64 * 1024, 3 * 1024 * 1024] {
        let mut huge = b"{\"preparationIds\":[\"".to_vec();
        huge.extend(std::iter::repeat_n(b'a', size));
        huge.extend(b"\"]}");
        let answer = harness
            .raw(
                Method::POST,
                &format!("{INTENTS}/{token}/payments"),
                huge,
                None,
                None,
            )
            .await;
        assert_eq!(answer.status, 413, "{size} bytes");
    }
    assert_eq!(payments(&harness, &job), 0);
    // Nothing was used up: the fields still pay.
    let paid = pay(&harness, &token, &json!({ "preparationIds": ids })).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
}

#[tokio::test]
async fn a_field_page_is_opened_once_and_keeps_bounded_values() {
    let harness = Harness::start().await;
    let id = uuid();
    assert_eq!(
        open_field(&harness, &id, "cardnumber")
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        open_field(&harness, &id, "cardnumber")
            .await
            .status()
            .as_u16(),
        409
    );
    assert_eq!(
        open_field(&harness, &id, "cardcvc").await.status().as_u16(),
        409
    );
    let other = uuid();
    for kind in ["", "CARDNUMBER", "password", "cardnumber%00"] {
        let status = open_field(&harness, &other, kind).await.status().as_u16();
        assert_eq!(status, 400, "{kind:?}");
    }
    let missing = browser()
        .get(harness.url(&format!("/preparations/{other}")))
        .send()
        .await
        .expect("an answer");
    assert_eq!(missing.status().as_u16(), 400);
    for bad_id in ["not-a-uuid", "..", "6F1C0B52-3C1E-4A8E-9B7D-00000000000"] {
        let status = open_field(&harness, bad_id, "cardnumber")
            .await
            .status()
            .as_u16();
        assert_eq!(status, 404, "{bad_id}");
    }
    assert_eq!(
        type_into(&harness, &uuid(), 1, "4000000000000002").await,
        404
    );
    assert_eq!(type_into(&harness, &id, 1, &"4".repeat(129)).await, 413);
    assert_eq!(type_into(&harness, &id, 1, &"4".repeat(128)).await, 204);
    let huge = browser()
        .post(harness.url(&format!("/preparations/{id}")))
        .header("content-type", "application/json")
        .body(vec![b' '; 64 * 1024])
        .send()
        .await
        .expect("an answer");
    assert_eq!(huge.status().as_u16(), 413);
    for body in [
        "",
        "[]",
        "{\"sequence\":-1,\"value\":\"1\"}",
        "{\"value\":1}",
    ] {
        let answer = browser()
            .post(harness.url(&format!("/preparations/{id}")))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status().as_u16(), 400, "{body:?}");
    }
}

#[tokio::test]
async fn a_late_field_update_never_replaces_a_newer_one() {
    let harness = Harness::start().await;
    let (job, token) = intent(&harness, None).await;
    let ids = luke_fields(&harness).await;
    // The CVC field: "12" arrives after "123", which was typed later.
    assert_eq!(type_into(&harness, &ids[3], 3, "123").await, 204);
    assert_eq!(type_into(&harness, &ids[3], 2, "12").await, 204);
    let paid = pay(&harness, &token, &json!({ "preparationIds": ids })).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
    assert_eq!(payments(&harness, &job), 1);
}

#[tokio::test]
async fn a_challenge_goes_through_the_challenge_page_and_tells_the_parent() {
    let harness = Harness::start().await;
    for (pass, status) in [(true, "Paid"), (false, "Failed")] {
        let (job, token) = intent(&harness, None).await;
        let ids = fields(
            &harness,
            test_cards::VISA_CREDIT_4000000000000002.number,
            test_cards::HAN_SOLO.name,
        )
        .await;
        let waiting = pay(&harness, &token, &json!({ "preparationIds": ids })).await;
        assert_eq!(waiting.status, 200, "{}", waiting.body);
        assert_eq!(waiting.body["data"]["paymentStatus"], "Pending");
        let url = waiting.body["links"]["action"]["url"]
            .as_str()
            .expect("the 3-D Secure step")
            .to_owned();
        let payment = waiting.body["data"]["lastPaymentReference"]
            .as_str()
            .expect("the payment");
        assert_eq!(
            url,
            format!("{}/sandbox/3ds/{job}/{payment}", harness.sandbox.base_url())
        );
        // While the challenge waits, the job cannot be paid again.
        let again = pay(
            &harness,
            &token,
            &json!({ "preparationIds": luke_fields(&harness).await }),
        )
        .await;
        assert_refused(&again, GatewayErrorCode::InvalidPaymentStatus);

        let page = browser().get(&url).send().await.expect("the page");
        assert_eq!(page.status().as_u16(), 200);
        let result = answer_challenge(&url, pass).await;
        assert_eq!(result.status().as_u16(), 200);
        let html = result.text().await.expect("the result page");
        assert!(
            html.contains("window.parent.postMessage({ event: \"update\" }, \"*\")"),
            "{html}"
        );
        let now = read(&harness, &token).await;
        assert_eq!(now.body["data"]["paymentStatus"], status, "{}", now.body);
        if !pass {
            let message = GatewayErrorCode::ThreeDSecureFailed
                .message()
                .expect("a message");
            assert_eq!(
                now.body["data"]["lastErrorReport"]["errors"][0]["translatedMessage"],
                message
            );
        }
        assert_eq!(payments(&harness, &job), 1);
    }
    assert_eq!(
        harness.sandbox.totals().paid,
        Amount::from_minor_units(1250)
    );
}

#[tokio::test]
async fn a_failed_authentication_and_a_refused_card() {
    let harness = Harness::start().await;
    let (job, token) = intent(&harness, None).await;
    let refused = fields(
        &harness,
        "4111111111111111",
        test_cards::LUKE_SKYWALKER.name,
    )
    .await;
    let answer = pay(&harness, &token, &json!({ "preparationIds": refused })).await;
    assert_refused(&answer, GatewayErrorCode::PaymentRefused);
    assert_eq!(payments(&harness, &job), 0);
    assert_eq!(
        read(&harness, &token).await.body["data"]["paymentStatus"],
        "Pending"
    );

    let lando = fields(
        &harness,
        test_cards::VISA_CREDIT_4000000000000002.number,
        test_cards::LANDO_CALRISSIAN.name,
    )
    .await;
    let failed = pay(&harness, &token, &json!({ "preparationIds": lando })).await;
    assert_refused(&failed, GatewayErrorCode::ThreeDSecureFailed);
    assert_eq!(failed.body["data"]["paymentStatus"], "Failed");
    assert_eq!(payments(&harness, &job), 1);
    assert_eq!(harness.sandbox.totals().paid, Amount::ZERO);
}

#[tokio::test]
async fn stored_cards_belong_to_their_shopper() {
    let harness = Harness::start().await;
    let (_, first) = intent(&harness, Some("shopper-a")).await;
    pay_storing_the_card(&harness, &first).await;

    let (job, second) = intent(&harness, Some("shopper-a")).await;
    let list = stored_cards(&harness, &second).await;
    assert_eq!(list.status, 200);
    let cards = list.body["data"].as_array().expect("a list");
    assert_eq!(cards.len(), 1, "{}", list.body);
    assert_eq!(cards[0]["maskedCardNumber"], "400000******0002");
    assert_eq!(cards[0]["cardExpiryMonth"], "12");
    assert_eq!(cards[0]["cardExpiryYear"], "30");
    let card = cards[0]["encryptedCardData"]
        .as_str()
        .expect("an id")
        .to_owned();
    assert!(!card.contains("4000000000000002"));

    // Another shopper sees none of it, and cannot pay or delete with it.
    let (other_job, other) = intent(&harness, Some("shopper-b")).await;
    let none = stored_cards(&harness, &other).await;
    assert_eq!(none.body["data"], json!([]));
    assert_refused(
        &pay(&harness, &other, &json!({ "storedCard": card })).await,
        GatewayErrorCode::PaymentRefused,
    );
    let stolen = browse(
        &harness,
        Method::DELETE,
        &format!("{INTENTS}/{other}/stored-cards/{card}"),
        None,
    )
    .await;
    assert_eq!(stolen.status, 404);
    assert_eq!(payments(&harness, &other_job), 0);

    let reused = pay(&harness, &second, &json!({ "storedCard": card })).await;
    assert_eq!(reused.status, 200, "{}", reused.body);
    assert_eq!(reused.body["data"]["paymentStatus"], "Paid");
    assert_eq!(payments(&harness, &job), 1);

    let path = format!("{INTENTS}/{second}/stored-cards/{card}");
    assert_eq!(
        browse(&harness, Method::DELETE, &path, None).await.status,
        200
    );
    assert_eq!(
        browse(&harness, Method::DELETE, &path, None).await.status,
        404
    );
    let empty = stored_cards(&harness, &second).await;
    assert_eq!(empty.body["data"], json!([]));
    assert_eq!(
        harness.sandbox.totals().paid,
        Amount::from_minor_units(2500)
    );
}

#[tokio::test]
async fn a_challenged_card_is_stored_only_once_authenticated() {
    let harness = Harness::start().await;
    for (pass, kept) in [(false, 0), (true, 1)] {
        let (_, token) = intent(&harness, Some("shopper-c")).await;
        let ids = fields(
            &harness,
            test_cards::VISA_CREDIT_4000000000000002.number,
            test_cards::HAN_SOLO.name,
        )
        .await;
        let waiting = pay(
            &harness,
            &token,
            &json!({ "preparationIds": ids, "options": ["StoreCardDetails"] }),
        )
        .await;
        let url = waiting.body["links"]["action"]["url"]
            .as_str()
            .expect("a challenge");
        assert_eq!(stored_cards(&harness, &token).await.body["data"], json!([]));
        answer_challenge(url, pass).await;
        let cards = stored_cards(&harness, &token).await;
        assert_eq!(cards.body["data"].as_array().map(Vec::len), Some(kept));
    }
}

#[tokio::test]
async fn the_browser_calls_answer_another_origin() {
    let harness = Harness::start().await;
    let (_, token) = intent(&harness, None).await;
    let http = browser();
    let preflight = http
        .request(
            Method::OPTIONS,
            harness.url(&format!("{INTENTS}/{token}/payments")),
        )
        .header("origin", "http://shop.test:8080")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .expect("an answer");
    assert_eq!(preflight.status().as_u16(), 204);
    let header = |response: &reqwest::Response, name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header(&preflight, "access-control-allow-origin"), "*");
    assert!(header(&preflight, "access-control-allow-methods").contains("POST"));
    assert!(header(&preflight, "access-control-allow-methods").contains("DELETE"));
    assert!(
        header(&preflight, "access-control-allow-headers")
            .to_ascii_lowercase()
            .contains("content-type")
    );
    let read = http
        .get(harness.url(&format!("{INTENTS}/{token}")))
        .header("origin", "http://shop.test:8080")
        .send()
        .await
        .expect("an answer");
    assert_eq!(read.status().as_u16(), 200);
    assert_eq!(header(&read, "access-control-allow-origin"), "*");
    let unknown = http
        .get(harness.url(&format!("{INTENTS}/nope")))
        .header("origin", "http://shop.test:8080")
        .send()
        .await
        .expect("an answer");
    assert_eq!(unknown.status().as_u16(), 404);
    assert_eq!(header(&unknown, "access-control-allow-origin"), "*");
    // The signed server calls are not for browsers.
    let signed = http
        .request(Method::OPTIONS, harness.url("/api/gateway/payment-jobs"))
        .header("origin", "http://shop.test:8080")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("an answer");
    assert_eq!(header(&signed, "access-control-allow-origin"), "");
}

#[tokio::test]
async fn the_log_shows_route_templates_never_tokens() {
    let logs = captured_logs();
    let harness = Harness::start().await;
    let (_, token) = intent(&harness, Some("shopper-log")).await;
    let ids = pay_storing_the_card(&harness, &token).await;
    let (_, second) = intent(&harness, Some("shopper-log")).await;
    let list = stored_cards(&harness, &second).await;
    let stored = list.body["data"][0]["encryptedCardData"]
        .as_str()
        .expect("a stored card")
        .to_owned();
    let deleted = browse(
        &harness,
        Method::DELETE,
        &format!("{INTENTS}/{second}/stored-cards/{stored}"),
        None,
    )
    .await;
    assert!(deleted.status < 300, "{}", deleted.status);

    let logs = logs.lock().expect("the log").clone();
    // The tokens, the stored card's reference and the card fields' ids.
    let mut secrets = vec![token, second, stored];
    secrets.extend(ids);
    for secret in &secrets {
        assert!(
            !logs.iter().any(|line| line.contains(secret)),
            "the log shows {secret}: {logs:?}"
        );
    }
    assert!(
        logs.iter()
            .any(|line| line.contains("/api/gateway/payment-intents/{token}/payments")),
        "the requests were logged by route: {logs:?}"
    );
}

#[tokio::test]
async fn an_intent_paid_in_the_browser_notifies_the_configurations_webhook_url() {
    // An intent's request carries no `parameters`, so no per-job webhook
    // URL: the configuration's (set in Cashflows' portal) is notified.
    let (url, mut received) = receiver(Vec::new(), true).await;
    let mut config = fast_webhooks(1);
    config.webhook_url = Some(url);
    let harness = Harness::start_with(config).await;
    let (job, token) = intent(&harness, None).await;
    // Creating the intent changed no status: no notification.
    let early = tokio::time::timeout(std::time::Duration::from_millis(300), received.recv()).await;
    assert!(early.is_err(), "a notification of the intent's creation");
    let body = json!({ "preparationIds": luke_fields(&harness).await });
    let paid = pay(&harness, &token, &body).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
    let notification = next_delivery(&mut received).await;
    assert_eq!(notification["paymentJobReference"], job.as_str());
    let payment = harness.sandbox.payment_job(&job).expect("the job").payments[0]
        .reference
        .clone()
        .expect("a reference");
    assert_eq!(notification["paymentReference"], payment.as_str());
}

#[tokio::test]
async fn a_jobs_own_webhook_url_wins_over_the_configurations() {
    let (configured, mut configured_received) = receiver(Vec::new(), true).await;
    let (own, mut own_received) = receiver(Vec::new(), true).await;
    let mut config = fast_webhooks(1);
    config.webhook_url = Some(configured);
    let harness = Harness::start_with(config).await;
    let mut request = luke("3.00");
    request["parameters"]["WebhookUrl"] = json!(own);
    let (job, _) = harness.create_ok(&request).await;
    let notification = next_delivery(&mut own_received).await;
    assert_eq!(notification["paymentJobReference"], job.as_str());
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        configured_received.try_recv().is_err(),
        "the configuration's URL was notified of a job that gives its own"
    );
}
