//! The sandbox over raw HTTP: its protocol, checked without the client.

use std::time::Duration;

use cashflows::environments::REMOTE_AUTH_PATH;
use cashflows::test_cards::{self, TestCard};
use cashflows::{AcquirerReason, Amount, GatewayErrorCode};
use reqwest::Method;
use serde_json::json;

use super::harness::*;
// --- Signing ---------------------------------------------------------------

#[tokio::test]
async fn signatures_verify_in_upper_and_lower_case_hex() {
    let harness = Harness::start().await;
    let body = serde_json::to_vec(&luke("10.00")).expect("JSON");
    let upper = harness
        .raw(
            Method::POST,
            JOBS,
            body.clone(),
            Some(CONFIGURATION_ID),
            Some(sign(&body)),
        )
        .await;
    assert_eq!(upper.status, 201, "{}", upper.body);
    assert_eq!(upper.content_type, "application/json");
    let job = upper.body["data"]["reference"].as_str().expect("reference");
    assert!(
        job.len() >= 18 && job.bytes().all(|byte| byte.is_ascii_digit()),
        "{job}"
    );

    let path = format!("{JOBS}/{job}?locale=en_GB");
    let lower = harness
        .raw(
            Method::GET,
            &path,
            Vec::new(),
            Some(CONFIGURATION_ID),
            Some(sign(b"").to_lowercase()),
        )
        .await;
    assert_eq!(lower.status, 200, "the query is not signed: {}", lower.body);
    assert_eq!(lower.body["data"]["reference"], json!(job));
    assert_eq!(
        lower.body["links"]["data"]["url"],
        json!(format!("{}{JOBS}/{job}", harness.sandbox.base_url()))
    );
}

#[tokio::test]
async fn the_recorded_body_is_the_exact_bytes_received() {
    let harness = Harness::start().await;
    // Odd whitespace and CR-LF: the hash covers these bytes exactly.
    let body = format!(
        "{{\r\n  \"currency\" : \"GBP\",\r\n  \"amountToCollect\": \"5.00\",\r\n  \"order\": {{\"orderNumber\": \"{}\"}}\r\n}}",
        order_number()
    )
    .into_bytes();
    let hash = sign(&body);
    let answer = harness
        .raw(
            Method::POST,
            JOBS,
            body.clone(),
            Some(CONFIGURATION_ID),
            Some(hash.clone()),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);

    let requests = harness.sandbox.requests();
    assert_eq!(requests.len(), 1);
    let recorded = &requests[0];
    assert_eq!(recorded.method, "POST");
    assert_eq!(recorded.path, JOBS);
    assert_eq!(recorded.body, body);
    assert_eq!(recorded.configuration_id.as_deref(), Some(CONFIGURATION_ID));
    assert_eq!(recorded.hash.as_deref(), Some(hash.as_str()));
    assert_eq!(sign(&recorded.body), hash);
    let debug = format!("{recorded:?}");
    assert!(!debug.contains("GBP"), "Debug hides the body: {debug}");
}

// --- Card payments and 3-D Secure ------------------------------------------

#[tokio::test]
async fn a_luke_skywalker_card_payment_is_paid() {
    let harness = Harness::start().await;
    let answer = harness.create(&luke("10.00")).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let job = &answer.body["data"];
    assert_eq!(job["paymentStatus"], json!("Paid"));
    assert_eq!(job["amountToCollect"], json!("10.00"));
    assert_eq!(job["paidAmount"], json!("10.00"));
    assert_eq!(job["amountCollected"], json!("10.00"));
    assert_eq!(job["currency"], json!("GBP"));
    assert_eq!(job["configurationId"], json!(CONFIGURATION_ID));
    let payment = &job["payments"][0];
    assert_eq!(payment["status"], json!("Paid"));
    assert_eq!(payment["paidAmount"], json!("10.00"));
    assert!(payment["reference"].is_string());
    assert_eq!(answer.body["errorReport"]["isFatalError"], json!(false));
    assert_eq!(answer.body["errorReport"]["errors"], json!([]));
    assert!(answer.body["links"].get("action").is_none());

    let reference = job["reference"].as_str().expect("reference");
    let snapshot = harness.sandbox.payment_job(reference).expect("kept");
    assert_eq!(snapshot.paid_amount, Some(Amount::from_minor_units(1000)));
}

#[tokio::test]
async fn card_parameters_are_read_in_camel_case_too() {
    let harness = Harness::start().await;
    let card = test_cards::MASTERCARD_DEBIT_5400100400099001;
    let answer = harness
        .create(&json!({
            "currency": "GBP",
            "amountToCollect": 12.5,
            "paymentMethodsToUse": ["creditcard"],
            "parameters": {
                "cardNumber": card.number,
                "cardCvc": card.cvc,
                "cardExpiryMonth": "01",
                "cardExpiryYear": "2031",
                "CARDHOLDERNAME": test_cards::LUKE_SKYWALKER.name,
            },
        }))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["data"]["paymentStatus"], json!("Paid"));
    assert_eq!(answer.body["data"]["paidAmount"], json!("12.50"));
    assert_eq!(
        answer.body["data"]["payments"][0]["paymentMethods"],
        json!(["Card"])
    );
}

#[tokio::test]
async fn han_solo_waits_for_3ds_and_completing_it_pays() {
    let harness = Harness::start().await;
    for holder in [test_cards::HAN_SOLO, test_cards::LEIA_SKYWALKER] {
        let answer = harness
            .create(&card_job(
                "7.00",
                &test_cards::VISA_DEBIT_8400682600000008,
                holder.name,
            ))
            .await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        let job = answer.body["data"]["reference"]
            .as_str()
            .expect("job")
            .to_owned();
        let payment = answer.body["data"]["payments"][0]["reference"]
            .as_str()
            .expect("payment")
            .to_owned();
        assert_eq!(answer.body["data"]["paymentStatus"], json!("Pending"));
        assert_eq!(
            answer.body["data"]["payments"][0]["status"],
            json!("Pending")
        );
        let action = answer.body["links"]["action"]["url"]
            .as_str()
            .expect("an action url");
        assert_eq!(
            action,
            format!("{}/sandbox/3ds/{job}/{payment}", harness.sandbox.base_url())
        );

        let page = harness.http.get(action).send().await.expect("an answer");
        assert_eq!(page.status().as_u16(), 200);
        let completed = answer_challenge(action, true).await;
        assert_eq!(completed.status().as_u16(), 200);
        let again = answer_challenge(action, true).await;
        assert_eq!(again.status().as_u16(), 409, "completed only once");

        let retrieved = harness
            .call(Method::GET, &payment_path(&job, &payment), None)
            .await;
        assert_eq!(retrieved.status, 200);
        assert_eq!(retrieved.body["data"]["status"], json!("Paid"));
        assert_eq!(retrieved.body["data"]["paidAmount"], json!("7.00"));
        let job_answer = harness
            .call(Method::GET, &format!("{JOBS}/{job}"), None)
            .await;
        assert_eq!(job_answer.body["data"]["paymentStatus"], json!("Paid"));
    }
}

#[tokio::test]
async fn lando_and_darth_maul_fail_3ds() {
    let harness = Harness::start().await;
    for holder in [test_cards::LANDO_CALRISSIAN, test_cards::DARTH_MAUL] {
        let answer = harness
            .create(&card_job(
                "10.00",
                &test_cards::AMEX_CREDIT_340000000000009,
                holder.name,
            ))
            .await;
        assert_refused(&answer, GatewayErrorCode::ThreeDSecureFailed);
        assert_eq!(
            answer.body["errorReport"]["errors"][0]["message"],
            json!("3DSecure Authentication Failed - Payment cannot proceed.")
        );
        let job = &answer.body["data"];
        assert_eq!(job["paymentStatus"], json!("Failed"));
        assert_eq!(job["payments"][0]["status"], json!("Failed"));
        assert_eq!(job["paidAmount"], json!("0.00"));
    }
}

#[tokio::test]
async fn a_job_without_card_data_waits_on_the_hosted_page() {
    let harness = Harness::start().await;
    let answer = harness
        .create(&json!({
            "currency": "GBP",
            "amountToCollect": "20.00",
            "order": { "orderNumber": order_number() },
        }))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let job = answer.body["data"]["reference"].as_str().expect("job");
    assert_eq!(answer.body["data"]["paymentStatus"], json!("Pending"));
    assert!(answer.body["data"].get("payments").is_none());
    let action = answer.body["links"]["action"]["url"]
        .as_str()
        .expect("an action url");
    assert_eq!(
        action,
        format!("{}/sandbox/pay/{job}", harness.sandbox.base_url())
    );
    let page = harness.http.get(action).send().await.expect("an answer");
    assert_eq!(page.status().as_u16(), 200);
    let paid = pay_on_page(action, test_cards::LUKE_SKYWALKER.name).await;
    assert_eq!(paid.status().as_u16(), 200);
    let snapshot = harness.sandbox.payment_job(job).expect("kept");
    assert_eq!(
        snapshot.payment_status,
        Some(cashflows::models::PaymentStatus::Paid)
    );
    assert_eq!(snapshot.paid_amount, Some(Amount::from_minor_units(2000)));
}

// --- Captures and refunds --------------------------------------------------

#[tokio::test]
async fn captures_follow_the_reserved_amount() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let snapshot = harness.sandbox.payment_job(&job).expect("kept");
    assert_eq!(
        snapshot.payments[0].status,
        Some(cashflows::models::PaymentStatus::Reserved)
    );
    let captures = format!("{}/captures", payment_path(&job, &payment));

    let over = harness
        .call(
            Method::POST,
            &captures,
            Some(&json!({ "amountToCapture": "10.01" })),
        )
        .await;
    assert_refused(
        &over,
        GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation,
    );

    let part = harness
        .call(
            Method::POST,
            &captures,
            Some(&json!({ "amountToCapture": "4.00" })),
        )
        .await;
    assert_eq!(part.status, 201, "{}", part.body);
    assert_eq!(part.body["data"]["status"], json!("Completed"));
    assert_eq!(part.body["data"]["amountToCapture"], json!("4.00"));
    assert_eq!(part.body["data"]["isFinalCapture"], json!(false));

    let over_rest = harness
        .call(
            Method::POST,
            &captures,
            Some(&json!({ "amountToCapture": "6.01" })),
        )
        .await;
    assert_refused(
        &over_rest,
        GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation,
    );

    let rest = harness
        .call(Method::POST, &captures, Some(&json!({})))
        .await;
    assert_eq!(rest.status, 201, "{}", rest.body);
    assert_eq!(rest.body["data"]["amountToCapture"], json!("6.00"));
    assert_eq!(rest.body["data"]["isFinalCapture"], json!(true));

    let retrieved = harness
        .call(Method::GET, &payment_path(&job, &payment), None)
        .await;
    assert_eq!(retrieved.body["data"]["status"], json!("Paid"));
    assert_eq!(retrieved.body["data"]["paidAmount"], json!("10.00"));

    let totals = harness.sandbox.totals();
    assert_eq!(totals.captures, 2);
    assert_eq!(totals.captured, Amount::from_minor_units(1000));
    assert_eq!(totals.paid, Amount::from_minor_units(1000));
}

#[tokio::test]
async fn a_final_capture_closes_a_partly_captured_payment() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let captures = format!("{}/captures", payment_path(&job, &payment));
    let answer = harness
        .call(
            Method::POST,
            &captures,
            Some(&json!({ "amountToCapture": "2.50", "isFinalCapture": true })),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let retrieved = harness
        .call(Method::GET, &payment_path(&job, &payment), None)
        .await;
    assert_eq!(retrieved.body["data"]["status"], json!("Paid"));
    assert_eq!(retrieved.body["data"]["paidAmount"], json!("2.50"));
}

#[tokio::test]
async fn refunds_never_exceed_what_was_paid() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&luke("10.00")).await;
    let refunds = format!("{}/refunds", payment_path(&job, &payment));

    let over = harness
        .call(
            Method::POST,
            &refunds,
            Some(&json!({ "amountToRefund": "10.01" })),
        )
        .await;
    assert_refused(&over, GatewayErrorCode::RefundAmountExceedsOriginalAmount);

    let part = harness
        .call(
            Method::POST,
            &refunds,
            Some(&json!({ "amountToRefund": "3.00", "refundNumber": "R-1" })),
        )
        .await;
    assert_eq!(part.status, 201, "{}", part.body);
    assert_eq!(part.body["data"]["status"], json!("Completed"));
    assert_eq!(part.body["data"]["amountToRefund"], json!("3.00"));
    assert_eq!(part.body["data"]["refundNumber"], json!("R-1"));

    let rest = harness.call(Method::POST, &refunds, None).await;
    assert_eq!(rest.status, 201, "{}", rest.body);
    assert_eq!(rest.body["data"]["amountToRefund"], json!("7.00"));

    let after = harness
        .call(
            Method::POST,
            &refunds,
            Some(&json!({ "amountToRefund": "0.01" })),
        )
        .await;
    assert_refused(&after, GatewayErrorCode::PaymentAlreadyFullyRefunded);

    let totals = harness.sandbox.totals();
    assert_eq!(totals.refunds, 2);
    assert_eq!(totals.refunded, Amount::from_minor_units(1000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_four_concurrent_refunds_of_one_pound_succeed_ten_times() {
    let harness = std::sync::Arc::new(Harness::start().await);
    let (job, payment) = harness.create_ok(&luke("10.00")).await;
    let refunds = format!("{}/refunds", payment_path(&job, &payment));
    let tasks: Vec<_> = (0..24)
        .map(|_| {
            let harness = harness.clone();
            let refunds = refunds.clone();
            tokio::spawn(async move {
                harness
                    .call(
                        Method::POST,
                        &refunds,
                        Some(&json!({ "amountToRefund": "1.00" })),
                    )
                    .await
            })
        })
        .collect();
    let mut succeeded = 0;
    for task in tasks {
        let answer = task.await.expect("the task ran");
        if answer.status == 201 {
            succeeded += 1;
            continue;
        }
        assert_eq!(answer.status, 400, "{}", answer.body);
        let message = &answer.body["errorReport"]["errors"][0]["message"];
        let expected = [
            GatewayErrorCode::RefundAmountExceedsOriginalAmount,
            GatewayErrorCode::PaymentAlreadyFullyRefunded,
        ]
        .map(|error| json!(error.message().expect("documented")));
        assert!(expected.contains(message), "{}", answer.body);
    }
    assert_eq!(succeeded, 10);
    let totals = harness.sandbox.totals();
    assert_eq!(totals.refunds, 10);
    assert_eq!(totals.refunded, Amount::from_minor_units(1000));
}

// --- Cancelling ------------------------------------------------------------

#[tokio::test]
async fn cancelling_a_reserved_job_cancels_its_payment() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let answer = harness
        .call(Method::PATCH, &format!("{JOBS}/{job}/cancel"), None)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["data"]["paymentStatus"], json!("Cancelled"));
    assert_eq!(
        answer.body["data"]["payments"][0]["status"],
        json!("Cancelled")
    );
    let again = harness
        .call(Method::PATCH, &format!("{JOBS}/{job}/cancel"), None)
        .await;
    assert_refused(&again, GatewayErrorCode::PaymentJobAlreadyFinal);
    let payment_cancel = harness
        .call(
            Method::PATCH,
            &format!("{}/cancel", payment_path(&job, &payment)),
            None,
        )
        .await;
    assert_refused(&payment_cancel, GatewayErrorCode::InvalidPaymentStatus);
}

#[tokio::test]
async fn a_reserved_payment_can_be_cancelled() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let answer = harness
        .call(
            Method::PATCH,
            &format!("{}/cancel", payment_path(&job, &payment)),
            None,
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["data"]["status"], json!("Cancelled"));
}

// --- Other endpoints -------------------------------------------------------

#[tokio::test]
async fn supported_methods_and_card_tokenisation() {
    let harness = Harness::start().await;
    let methods = harness
        .call(
            Method::GET,
            "/api/gateway/supported-payment-methods?currency=GBP&collectAmount=10.00",
            None,
        )
        .await;
    assert_eq!(methods.status, 200, "{}", methods.body);
    assert_eq!(
        methods.body["data"],
        json!([{
            "paymentMethod": "Card",
            "supportsTokenisation": true,
            "currencies": ["GBP", "EUR", "USD"],
        }])
    );

    let card = test_cards::VISA_CREDIT_4510400400099005;
    let tokenised = harness
        .call(
            Method::POST,
            "/api/gateway/card-tokenisation",
            Some(&json!({
                "cardNumber": card.number,
                "cardHolderName": test_cards::LUKE_SKYWALKER.name,
                "cardExpiryYear": "30",
                "cardExpiryMonth": "06",
                "cardCvc": card.cvc,
            })),
        )
        .await;
    assert_eq!(tokenised.status, 201, "{}", tokenised.body);
    assert_eq!(
        tokenised.body["data"]["truncatedCardNumber"],
        json!("451040******9005")
    );
    let token = tokenised.body["data"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    assert!(!token.is_empty());

    // The token pays like the card.
    let answer = harness
        .create(&json!({
            "currency": "GBP",
            "amountToCollect": "4.00",
            "paymentMethodsToUse": ["Card"],
            "parameters": { "Token": token },
        }))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["data"]["paymentStatus"], json!("Paid"));
}

// --- Webhooks --------------------------------------------------------------

#[tokio::test]
async fn a_webhook_is_retried_after_a_500_and_stops_once_acknowledged() {
    let harness = Harness::start_with(fast_webhooks(5)).await;
    let (url, mut received) = receiver(vec![500], true).await;
    let mut request = luke("10.00");
    request["parameters"]["WebhookUrl"] = json!(url);
    let (job, payment) = harness.create_ok(&request).await;

    let expected = json!({
        "notifyType": "StatusChanged",
        "paymentJobReference": job,
        "paymentReference": payment,
    });
    assert_eq!(next_delivery(&mut received).await, expected, "answered 500");
    assert_eq!(next_delivery(&mut received).await, expected, "answered 200");
    let more = tokio::time::timeout(Duration::from_millis(300), received.recv()).await;
    assert!(more.is_err(), "no delivery after the acknowledgement");
}

#[tokio::test]
async fn a_webhook_without_a_proper_acknowledgement_is_tried_webhook_attempts_times() {
    let harness = Harness::start_with(fast_webhooks(3)).await;
    let (url, mut received) = receiver(Vec::new(), false).await;
    let mut request = reserved("10.00");
    request["parameters"]["WebhookUrl"] = json!(url);
    harness.create_ok(&request).await;
    for _ in 0..3 {
        next_delivery(&mut received).await;
    }
    let more = tokio::time::timeout(Duration::from_millis(300), received.recv()).await;
    assert!(more.is_err(), "three attempts in all");
}

#[tokio::test]
async fn captures_and_refunds_notify_too() {
    let harness = Harness::start_with(fast_webhooks(2)).await;
    let (url, mut received) = receiver(Vec::new(), true).await;
    let mut request = reserved("10.00");
    request["parameters"]["webhookUrl"] = json!(url);
    let (job, payment) = harness.create_ok(&request).await;
    assert_eq!(
        next_delivery(&mut received).await["paymentReference"],
        json!(payment)
    );
    let captured = harness
        .call(
            Method::POST,
            &format!("{}/captures", payment_path(&job, &payment)),
            None,
        )
        .await;
    assert_eq!(captured.status, 201);
    assert_eq!(
        next_delivery(&mut received).await["paymentJobReference"],
        json!(job)
    );
    let refunded = harness
        .call(
            Method::POST,
            &format!("{}/refunds", payment_path(&job, &payment)),
            None,
        )
        .await;
    assert_eq!(refunded.status, 201);
    assert_eq!(
        next_delivery(&mut received).await["paymentReference"],
        json!(payment)
    );
}

// --- Remote Auth -----------------------------------------------------------

fn sale(card: &TestCard) -> Vec<(&'static str, String)> {
    vec![
        ("auth_id", AUTH_ID.to_owned()),
        ("auth_pass", AUTH_PASS.to_owned()),
        ("card_num", card.number.to_owned()),
        ("card_cvv", card.cvc.to_owned()),
        ("card_expiry", "1230".to_owned()),
        ("cust_name", test_cards::LUKE_SKYWALKER.name.to_owned()),
        ("tran_ref", order_number()),
        ("tran_amount", "10.00".to_owned()),
        ("tran_currency", "GBP".to_owned()),
        ("tran_testmode", "1".to_owned()),
        ("tran_type", "sale".to_owned()),
        ("tran_class", "ecom".to_owned()),
    ]
}

fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    fields.retain(|(key, _)| *key != name);
    fields.push((name, value.to_owned()));
    fields
}

fn without(mut fields: Vec<(&'static str, String)>, name: &str) -> Vec<(&'static str, String)> {
    fields.retain(|(key, _)| *key != name);
    fields
}

async fn remote(harness: &Harness, fields: &[(&'static str, String)]) -> Vec<String> {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(key, value)| (*key, value.as_str()))
        .collect();
    harness.remote_auth(&borrowed).await.1
}

/// The reply is the decline `reason`: status letter, `000`, code `X1nn` and
/// the table's reason as message.
fn assert_declined(reply: &[String], reason: AcquirerReason) {
    assert_eq!(reply.len(), 5, "{reply:?}");
    let letter = reason.pattern().chars().next().expect("a class letter");
    assert_eq!(reply[0], letter.to_string(), "{reply:?}");
    assert!(!reply[1].is_empty(), "a transaction id: {reply:?}");
    assert_eq!(reply[2], "000");
    assert_eq!(reply[3], reason.pattern().replace('x', "1"), "{reply:?}");
    assert_eq!(reply[4], reason.reason());
}

#[tokio::test]
async fn remote_auth_authorises_a_test_card_sale() {
    let harness = Harness::start().await;
    let card = test_cards::MASTERCARD_CREDIT_5400300400099007;
    let (text, reply) = harness
        .remote_auth(
            &sale(&card)
                .iter()
                .map(|(key, value)| (*key, value.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(reply.len(), 5, "{text}");
    assert_eq!(reply[0], "A");
    assert!(reply[1].bytes().all(|byte| byte.is_ascii_alphanumeric()) && !reply[1].is_empty());
    assert_eq!(reply[2], "222");
    assert_eq!(reply[3].len(), 6, "{text}");
    assert_eq!(reply[4], "Authorised");
    assert!(
        !text.contains(card.number),
        "the reply never repeats the card"
    );

    let verify = remote(
        &harness,
        &with(
            with(sale(&card), "tran_type", "verify"),
            "tran_amount",
            "0.00",
        ),
    )
    .await;
    assert_eq!(verify[0], "A", "{verify:?}");

    let totals = harness.sandbox.totals();
    assert_eq!(totals.remote_auth_transactions, 2);
    assert_eq!(totals.remote_auth_sales, Amount::from_minor_units(1000));
}

#[tokio::test]
async fn remote_auth_declines_carry_the_documented_reasons() {
    let harness = Harness::start().await;
    let visa = test_cards::VISA_CREDIT_4000000000000002;
    let cases: Vec<(Vec<(&'static str, String)>, AcquirerReason)> = vec![
        (
            with(sale(&visa), "auth_pass", "wrong"),
            AcquirerReason::VX01,
        ),
        (
            with(sale(&visa), "auth_id", "1111111"),
            AcquirerReason::VX01,
        ),
        (
            with(sale(&visa), "card_num", "4000000000000003"),
            AcquirerReason::VX06,
        ),
        (
            with(sale(&visa), "card_num", "4111111111111111"),
            AcquirerReason::VX06,
        ),
        (with(sale(&visa), "card_cvv", "12"), AcquirerReason::VX05),
        (
            with(sale(&visa), "card_expiry", "1340"),
            AcquirerReason::VX02,
        ),
        (
            with(sale(&visa), "card_expiry", "12-39"),
            AcquirerReason::VX02,
        ),
        (
            with(sale(&visa), "card_expiry", "0120"),
            AcquirerReason::VX39,
        ),
        (
            with(sale(&visa), "tran_type", "purchase"),
            AcquirerReason::VX18,
        ),
        (with(sale(&visa), "tran_class", "pos"), AcquirerReason::VX37),
        (with(sale(&visa), "tran_amount", "10"), AcquirerReason::VX13),
        (
            with(sale(&visa), "tran_amount", "-1.00"),
            AcquirerReason::VX13,
        ),
        (
            with(sale(&visa), "tran_currency", "pounds"),
            AcquirerReason::VX14,
        ),
    ];
    for (fields, reason) in cases {
        let reply = remote(&harness, &fields).await;
        assert_declined(&reply, reason);
    }
    let reply = remote(&harness, &with(sale(&visa), "auth_pass", "wrong")).await;
    assert_eq!(reply[0], "V");
    assert_eq!(reply[3], "V101");
    assert_eq!(reply[4], "Invalid merchant details");
    let reply = remote(&harness, &with(sale(&visa), "card_num", "1234567812345678")).await;
    assert_eq!(reply[3], "V106");
    assert_eq!(reply[4], "Invalid card number");
}

#[tokio::test]
async fn remote_auth_refunds_and_voids_need_their_original() {
    let harness = Harness::start().await;
    let card = test_cards::VISA_CREDIT_4510500400099002;
    let sold = remote(&harness, &sale(&card)).await;
    assert_eq!(sold[0], "A");
    let original = sold[1].clone();
    let refund = |amount: &str| {
        with(
            with(
                without(without(sale(&card), "card_num"), "card_cvv"),
                "tran_type",
                "refund",
            ),
            "tran_amount",
            amount,
        )
    };

    assert_declined(
        &remote(&harness, &refund("1.00")).await,
        AcquirerReason::VX21,
    );
    assert_declined(
        &remote(&harness, &with(refund("1.00"), "tran_orig_id", "999")).await,
        AcquirerReason::VX16,
    );
    assert_declined(
        &remote(&harness, &with(refund("10.01"), "tran_orig_id", &original)).await,
        AcquirerReason::VX22,
    );
    let refunded = remote(&harness, &with(refund("4.00"), "tran_orig_id", &original)).await;
    assert_eq!(refunded[0], "A", "{refunded:?}");
    assert_ne!(refunded[1], original);
    assert_declined(
        &remote(&harness, &with(refund("6.01"), "tran_orig_id", &original)).await,
        AcquirerReason::VX22,
    );
    let rest = remote(&harness, &with(refund("6.00"), "tran_orig_id", &original)).await;
    assert_eq!(rest[0], "A", "{rest:?}");

    let second = remote(&harness, &sale(&card)).await;
    let void = with(
        with(sale(&card), "tran_type", "void"),
        "tran_orig_id",
        &second[1],
    );
    assert_eq!(remote(&harness, &void).await[0], "A");
    assert_declined(&remote(&harness, &void).await, AcquirerReason::VX34);
    let void_without = without(with(sale(&card), "tran_type", "void"), "tran_orig_id");
    assert_declined(&remote(&harness, &void_without).await, AcquirerReason::VX21);

    let totals = harness.sandbox.totals();
    assert_eq!(totals.remote_auth_sales, Amount::from_minor_units(1000));
    assert_eq!(totals.remote_auth_refunds, Amount::from_minor_units(1000));
}

#[tokio::test]
async fn remote_auth_requests_are_recorded_without_gateway_headers() {
    let harness = Harness::start().await;
    let card = test_cards::VISA_CREDIT_4000000000000002;
    remote(&harness, &sale(&card)).await;
    let requests = harness.sandbox.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, REMOTE_AUTH_PATH);
    assert_eq!(requests[0].configuration_id, None);
    assert_eq!(
        requests[0].content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let debug = format!("{:?}", requests[0]);
    assert!(
        !debug.contains(AUTH_PASS) && !debug.contains(card.number),
        "{debug}"
    );
}

// --- The configuration and lifecycle ---------------------------------------

#[test]
fn the_configuration_debug_hides_the_secrets() {
    let debug = format!("{:?}", config());
    assert!(debug.contains(CONFIGURATION_ID));
    assert!(!debug.contains(API_KEY), "{debug}");
    assert!(!debug.contains(AUTH_PASS), "{debug}");
}

#[tokio::test]
async fn the_server_stops_on_shutdown() {
    let harness = Harness::start().await;
    let base = harness.sandbox.base_url().to_owned();
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with('/'),
        "{base}"
    );
    let Harness { sandbox, http } = harness;
    sandbox.shutdown().await;
    let refused = http.get(format!("{base}{JOBS}/1")).send().await;
    assert!(refused.is_err(), "nothing listens any more");
}
