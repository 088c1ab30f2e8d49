//! What hostile or careless requests cannot do to the sandbox: collect twice,
//! lose or overflow money, read arrays as requests, hang it, or grow its
//! memory without bound. Each test provokes one fault found by probing.

use std::time::{Duration, Instant};

use cashflows::models::PaymentStatus;
use cashflows::test_cards;
use cashflows::{Amount, GatewayErrorCode};
use cashflows_sandbox::RECORDED_BODY_LIMIT;
use cashflows_test_support::{raw_http, sandbox};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::harness::*;

fn amount(text: &str) -> Amount {
    text.parse().expect("an amount")
}

/// A browser visit to one of the sandbox's pages (no signature).
async fn visit(url: &str) -> u16 {
    browser()
        .get(url)
        .send()
        .await
        .expect("an answer")
        .status()
        .as_u16()
}

fn hosted_page(harness: &Harness, job: &str) -> String {
    format!("{}/sandbox/pay/{job}", harness.sandbox.base_url())
}

fn challenge_page(harness: &Harness, job: &str, payment: &str) -> String {
    format!("{}/sandbox/3ds/{job}/{payment}", harness.sandbox.base_url())
}

/// A Han Solo card payment: it waits for its 3-D Secure challenge.
fn challenged(amount: &str, reserve: bool) -> Value {
    let mut request = card_job(
        amount,
        &test_cards::VISA_CREDIT_4000000000000002,
        test_cards::HAN_SOLO.name,
    );
    if reserve {
        request["parameters"]["SimulatedStatus"] = json!("Reserved");
    }
    request
}

#[tokio::test]
async fn a_job_is_paid_once_even_while_its_challenge_is_pending() {
    let harness = Harness::start().await;
    for reserve in [false, true] {
        let (job, payment) = harness.create_ok(&challenged("10.00", reserve)).await;
        assert_eq!(
            visit(&hosted_page(&harness, &job)).await,
            409,
            "the hosted page must not show a form for a job whose card payment waits for 3-D Secure"
        );
        let paid = pay_on_page(&hosted_page(&harness, &job), "Luke Skywalker").await;
        assert_eq!(
            paid.status().as_u16(),
            409,
            "the hosted page must not pay a job whose card payment waits for 3-D Secure"
        );
        let passed = answer_challenge(&challenge_page(&harness, &job, &payment), true).await;
        assert_eq!(passed.status().as_u16(), 200);
        let snapshot = harness.sandbox.payment_job(&job).expect("the job");
        assert_eq!(snapshot.payments.len(), 1, "one job, one payment");
        let expected = if reserve {
            PaymentStatus::Reserved
        } else {
            PaymentStatus::Paid
        };
        assert_eq!(snapshot.payments[0].status, Some(expected));
        let again = pay_on_page(&hosted_page(&harness, &job), "Luke Skywalker").await;
        assert_eq!(
            again.status().as_u16(),
            409,
            "an authorised job is not paid again"
        );
    }
    assert_eq!(harness.sandbox.totals().paid, amount("10.00"));
}

#[tokio::test]
async fn sums_of_refunds_cannot_overflow() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&luke("1.00")).await;
    let refunds = format!("{}/refunds", payment_path(&job, &payment));
    let small = json!({ "amountToRefund": "0.01" });
    let answer = harness.call(Method::POST, &refunds, Some(&small)).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    // Before the cap, 0.01 + Decimal::MAX overflowed and the handler panicked.
    let huge = json!({ "amountToRefund": HUGE });
    let answer = harness.call(Method::POST, &refunds, Some(&huge)).await;
    assert_refused(&answer, GatewayErrorCode::InvalidPaymentForRefund);

    let totals = harness.sandbox.totals();
    assert_eq!(totals.refunded, amount("0.01"));
    assert_eq!(totals.paid, amount("1.00"));
}

#[tokio::test]
async fn captured_money_survives_cancelling_and_counts_once_final() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let path = payment_path(&job, &payment);
    let partial = json!({ "amountToCapture": "4.00", "isFinalCapture": false });
    let answer = harness
        .call(Method::POST, &format!("{path}/captures"), Some(&partial))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(
        harness.sandbox.totals().paid,
        Amount::ZERO,
        "a non-final capture is not collected money yet"
    );

    let answer = harness
        .call(Method::PATCH, &format!("{path}/cancel"), None)
        .await;
    assert_refused(&answer, GatewayErrorCode::InvalidPaymentStatus);
    let answer = harness
        .call(Method::PATCH, &format!("{JOBS}/{job}/cancel"), None)
        .await;
    assert_refused(&answer, GatewayErrorCode::PaymentJobCannotBeCancelled);

    let rest = json!({ "amountToCapture": "6.00" });
    let answer = harness
        .call(Method::POST, &format!("{path}/captures"), Some(&rest))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    assert_eq!(snapshot.payments[0].status, Some(PaymentStatus::Paid));
    assert_eq!(snapshot.payments[0].paid_amount, Some(amount("10.00")));
    let totals = harness.sandbox.totals();
    assert_eq!(totals.paid, amount("10.00"));
    assert_eq!(totals.captured, amount("10.00"));

    let refund = json!({ "amountToRefund": "10.00" });
    let answer = harness
        .call(Method::POST, &format!("{path}/refunds"), Some(&refund))
        .await;
    assert_eq!(answer.status, 201, "captured money stays refundable");
}

#[tokio::test]
async fn the_same_refund_number_refunds_once() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&luke("10.00")).await;
    let refunds = format!("{}/refunds", payment_path(&job, &payment));
    let request = json!({ "amountToRefund": "3.00", "refundNumber": "R-1" });
    let first = harness.call(Method::POST, &refunds, Some(&request)).await;
    let second = harness.call(Method::POST, &refunds, Some(&request)).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(second.status, 201, "{}", second.body);
    assert_eq!(first.body["data"], second.body["data"], "the first refund");
    // The same number with another amount is another request: answering
    // with the 3.00 refund would claim 5.00 was refunded.
    let other = json!({ "amountToRefund": "5.00", "refundNumber": "R-1" });
    let third = harness.call(Method::POST, &refunds, Some(&other)).await;
    assert_refused(&third, GatewayErrorCode::GenericRejectionOfRefund);
    let totals = harness.sandbox.totals();
    assert_eq!(totals.refunds, 1);
    assert_eq!(totals.refunded, amount("3.00"));
}

#[tokio::test]
async fn parameters_that_give_a_key_twice_in_two_cases_capture_nothing() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let path = payment_path(&job, &payment);
    // The Gateway reads keys in any case, so it would read one of these two,
    // and which one is not documented: the request is refused whole.
    let twice = json!({
        "parameters": { "SimulatedStatus": "Pending", "simulatedstatus": "Failed" }
    });
    let answer = harness
        .call(Method::POST, &format!("{path}/captures"), Some(&twice))
        .await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(harness.sandbox.totals().captures, 0);
}

#[tokio::test]
async fn a_pending_capture_is_never_collected_nor_refundable() {
    let harness = Harness::start().await;
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let path = payment_path(&job, &payment);
    let pending =
        json!({ "amountToCapture": "4.00", "parameters": { "SimulatedStatus": "Pending" } });
    let answer = harness
        .call(Method::POST, &format!("{path}/captures"), Some(&pending))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["data"]["status"], json!("Pending"));
    // 4.00 + 6.00 is the whole authorisation: this capture is final.
    let rest = json!({ "amountToCapture": "6.00" });
    let answer = harness
        .call(Method::POST, &format!("{path}/captures"), Some(&rest))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["data"]["isFinalCapture"], json!(true));

    // Only 6.00 was collected: refunding 10.00 would pay out money never taken.
    let refund = json!({ "amountToRefund": "10.00" });
    let answer = harness
        .call(Method::POST, &format!("{path}/refunds"), Some(&refund))
        .await;
    assert_refused(&answer, GatewayErrorCode::RefundAmountExceedsOriginalAmount);
    let totals = harness.sandbox.totals();
    assert_eq!(totals.paid, amount("6.00"));
    assert_eq!(totals.captured, amount("6.00"));
    assert_eq!(totals.refunded, Amount::ZERO);
}

#[tokio::test]
async fn fewer_decimal_places_are_kept_at_two() {
    // More than two are refused (see `refusals.rs`).
    let harness = Harness::start().await;
    let mut request = luke("10");
    request["amountToCollect"] = json!(10.5);
    let (job, _) = harness.create_ok(&request).await;
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    let kept = snapshot.amount_to_collect.expect("an amount").as_decimal();
    assert_eq!((kept.to_string().as_str(), kept.scale()), ("10.50", 2));
    let paid = snapshot.payments[0].paid_amount.expect("paid").as_decimal();
    assert_eq!(paid.scale(), 2);

    assert_eq!(harness.sandbox.totals().paid, amount("10.50"));
}

// --- Unauthenticated visitors ---------------------------------------------

/// Pays the hosted page of `job` with a card number that is no test card.
async fn pay_with_unknown_card(url: &str) -> u16 {
    browser()
        .post(url)
        .form(&[
            ("cardNumber", "4111111111111111"),
            ("cardExpiryMonth", "12"),
            ("cardExpiryYear", "30"),
            ("cardCvc", "123"),
            ("cardHolderName", "Luke Skywalker"),
        ])
        .send()
        .await
        .expect("an answer")
        .status()
        .as_u16()
}

/// A job without card data, paid on the hosted page.
async fn hosted_job(harness: &Harness) -> String {
    let request = json!({
        "currency": "GBP",
        "amountToCollect": "10.00",
        "order": { "orderNumber": order_number() },
    });
    let (job, _) = harness.create_ok(&request).await;
    job
}

#[tokio::test]
async fn payment_attempts_on_one_job_are_capped() {
    let attempts = cashflows_sandbox::limits::MAX_PAYMENT_ATTEMPTS;
    let harness = Harness::start().await;
    let job = hosted_job(&harness).await;
    let page = hosted_page(&harness, &job);
    for attempt in 0..attempts {
        assert_eq!(pay_with_unknown_card(&page).await, 422, "attempt {attempt}");
    }
    assert_eq!(pay_with_unknown_card(&page).await, 429);
    let paid = pay_on_page(&page, "Luke Skywalker").await;
    assert_eq!(paid.status().as_u16(), 429, "a good card after the cap");
    let text = paid.text().await.expect("the page");
    assert!(text.contains("Too many attempts."), "{text}");
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    assert!(snapshot.payments.is_empty());
    assert_eq!(snapshot.payment_status, Some(PaymentStatus::Pending));
    assert_eq!(harness.sandbox.totals().paid, Amount::ZERO);
}

/// The merchant's cancel calls `job` final, and the shopper cannot pay it.
async fn assert_final_and_unpayable(harness: &Harness, job: &str, what: &str) {
    let cancel = harness
        .call(Method::PATCH, &format!("{JOBS}/{job}/cancel"), None)
        .await;
    assert_refused(&cancel, GatewayErrorCode::PaymentJobAlreadyFinal);
    let paid = pay_on_page(&hosted_page(harness, job), "Luke Skywalker").await;
    assert_eq!(paid.status().as_u16(), 409, "{what} is not paid later");
}

#[tokio::test]
async fn a_failed_payment_ends_its_job_on_the_hosted_page_too() {
    let harness = Harness::start().await;
    // Before, each failed 3-D Secure left the job payable: a loop of them
    // added a Failed payment (and a webhook) per request, without end.
    let job = hosted_job(&harness).await;
    let page = hosted_page(&harness, &job);
    let failed = pay_on_page(&page, test_cards::LANDO_CALRISSIAN.name).await;
    assert_eq!(failed.status().as_u16(), 200);
    for _ in 0..3 {
        let again = pay_on_page(&page, test_cards::LANDO_CALRISSIAN.name).await;
        assert_eq!(again.status().as_u16(), 409);
    }
    let paid = pay_on_page(&page, "Luke Skywalker").await;
    assert_eq!(paid.status().as_u16(), 409, "a failed job is final");
    let cancel = harness
        .call(Method::PATCH, &format!("{JOBS}/{job}/cancel"), None)
        .await;
    assert_refused(&cancel, GatewayErrorCode::PaymentJobAlreadyFinal);
    assert_eq!(harness.sandbox.totals().payments, 1);

    // A direct card payment that failed its 3-D Secure step.
    let answer = harness
        .create(&card_job(
            "10.00",
            &test_cards::VISA_CREDIT_4000000000000002,
            test_cards::DARTH_MAUL.name,
        ))
        .await;
    assert_refused(&answer, GatewayErrorCode::ThreeDSecureFailed);
    let job = answer.body["data"]["reference"]
        .as_str()
        .expect("the failed job")
        .to_owned();
    assert_final_and_unpayable(&harness, &job, "a failed job").await;

    // A reserved payment the merchant cancelled leaves its job usable, as
    // Cashflows documents: the job reads Pending, the shopper pays it again,
    // and then it is paid for (a reservation again) and takes no third.
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let cancelled = harness
        .call(
            Method::PATCH,
            &format!("{}/cancel", payment_path(&job, &payment)),
            None,
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    assert_eq!(snapshot.payment_status, Some(PaymentStatus::Pending));
    let page = hosted_page(&harness, &job);
    let paid = pay_on_page(&page, "Luke Skywalker").await;
    assert_eq!(paid.status().as_u16(), 200, "the job takes another payment");
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    let statuses: Vec<_> = snapshot.payments.iter().map(|p| p.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            Some(PaymentStatus::Cancelled),
            Some(PaymentStatus::Reserved)
        ]
    );
    let again = pay_on_page(&page, "Luke Skywalker").await;
    assert_eq!(again.status().as_u16(), 409, "a reserved job is paid for");

    let totals = harness.sandbox.totals();
    assert_eq!(totals.payments, 4);
    assert_eq!(totals.paid, Amount::ZERO);
}

#[tokio::test]
async fn unauthenticated_remote_auth_requests_are_not_kept() {
    let harness = Harness::start().await;
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let huge = "X".repeat(256 * 1024);
    let sale = |auth_pass: &'static str, currency: &str| -> Vec<(&'static str, String)> {
        vec![
            ("auth_id", AUTH_ID.to_owned()),
            ("auth_pass", auth_pass.to_owned()),
            ("card_num", card.number.to_owned()),
            ("card_cvv", card.cvc.to_owned()),
            ("card_expiry", "1230".to_owned()),
            ("tran_ref", order_number()),
            ("tran_amount", "10.00".to_owned()),
            ("tran_currency", currency.to_owned()),
            ("tran_testmode", "1".to_owned()),
            ("tran_type", "sale".to_owned()),
            ("tran_class", "ecom".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let harness = &harness;
        async move {
            let borrowed: Vec<(&str, &str)> = fields
                .iter()
                .map(|(key, value)| (*key, value.as_str()))
                .collect();
            harness.remote_auth(&borrowed).await.1
        }
    };
    for _ in 0..20 {
        let reply = send(sale("wrong", &huge)).await;
        assert_eq!(reply[3], "V101", "{}", reply[..3].join("|"));
    }
    // With the merchant's credentials but a currency that is no code.
    let reply = send(sale(AUTH_PASS, &huge)).await;
    assert_eq!(reply[3], "V114");
    assert_eq!(harness.sandbox.totals().remote_auth_transactions, 0);

    // A valid sale declined for its card is kept: refunding it says why.
    let mut declined = sale(AUTH_PASS, "GBP");
    declined.retain(|(key, _)| *key != "card_cvv");
    declined.push(("card_cvv", "1".to_owned()));
    let reply = send(declined).await;
    assert_eq!(reply[3], "V105");
    let refund = vec![
        ("auth_id", AUTH_ID.to_owned()),
        ("auth_pass", AUTH_PASS.to_owned()),
        ("tran_ref", order_number()),
        ("tran_amount", "1.00".to_owned()),
        ("tran_currency", "GBP".to_owned()),
        ("tran_testmode", "1".to_owned()),
        ("tran_type", "refund".to_owned()),
        ("tran_class", "ecom".to_owned()),
        ("tran_orig_id", reply[1].clone()),
    ];
    assert_eq!(send(refund).await[3], "V135");
    assert_eq!(harness.sandbox.totals().remote_auth_transactions, 2);
}

#[tokio::test]
async fn a_credit_job_pays_out_and_is_never_counted_as_collected() {
    let harness = Harness::start().await;
    let mut request = luke("5.00");
    request["type"] = json!("Credit");
    let (job, _) = harness.create_ok(&request).await;
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    assert_eq!(snapshot.amount_collected, Some(Amount::ZERO));
    let totals = harness.sandbox.totals();
    assert_eq!(totals.paid, Amount::ZERO);
    assert_eq!(totals.credited, amount("5.00"));
}

#[tokio::test]
async fn an_iso_4217_currency_is_taken() {
    // Text that is no ISO 4217 code is refused (see `refusals.rs`).
    let harness = Harness::start().await;
    let mut request = luke("1.00");
    request["currency"] = json!("EUR");
    harness.create_ok(&request).await;
}

#[tokio::test]
async fn an_expired_job_cannot_be_paid() {
    let harness = Harness::start().await;
    let request = json!({
        "currency": "GBP",
        "amountToCollect": "10.00",
        "order": { "orderNumber": order_number() },
        "expirationDateTimeUtc": "2001-01-01T00:00:00Z",
    });
    let answer = harness.create(&request).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let job = answer.body["data"]["reference"]
        .as_str()
        .expect("a reference")
        .to_owned();
    assert_eq!(visit(&hosted_page(&harness, &job)).await, 410);
    let paid = pay_on_page(&hosted_page(&harness, &job), "Luke Skywalker").await;
    assert_eq!(paid.status().as_u16(), 409);
    let retrieved = harness
        .call(Method::GET, &format!("{JOBS}/{job}"), None)
        .await;
    assert_eq!(retrieved.body["data"]["paymentStatus"], json!("Expired"));
    assert_eq!(harness.sandbox.totals().paid, Amount::ZERO);
}

// --- Connections and memory ------------------------------------------------

/// Whether the server closes `stream` (or answers and closes) within
/// `limit`; what it sent, if anything.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 1024];
    let read = tokio::time::timeout(limit, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(count) => received.extend_from_slice(&buffer[..count]),
            }
        }
    })
    .await;
    read.ok()
        .map(|()| String::from_utf8_lossy(&received).into_owned())
}

fn quick_timeouts() -> cashflows_sandbox::SandboxConfig {
    let mut config = config();
    config.read_timeout = Duration::from_millis(300);
    config
}

#[tokio::test]
async fn a_half_sent_request_is_dropped_after_the_read_timeout() {
    let harness = Harness::start_with(quick_timeouts()).await;
    let address = harness.sandbox.local_addr();

    let mut header_only = TcpStream::connect(address).await.expect("connects");
    header_only
        .write_all(b"POST /api/gateway/payment-jobs HTTP/1.1\r\nHost: sandbox\r\n")
        .await
        .expect("sends");
    assert!(
        closed_within(&mut header_only, Duration::from_secs(5))
            .await
            .is_some(),
        "a request whose header never ends is held open"
    );

    let mut body_short = TcpStream::connect(address).await.expect("connects");
    body_short
        .write_all(
            b"POST /api/gateway/payment-jobs HTTP/1.1\r\nHost: sandbox\r\ncontent-length: 100\r\n\r\n{\"currency\"",
        )
        .await
        .expect("sends");
    let answer = closed_within(&mut body_short, Duration::from_secs(5))
        .await
        .expect("a request whose body never ends is held open");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

/// A body announced past the limit is refused as soon as its head arrives:
/// waiting for a body that would be refused anyway only held the connection
/// until the read timeout.
#[tokio::test]
async fn a_body_announced_past_the_limit_is_refused_at_once() {
    let mut config = config();
    config.read_timeout = Duration::from_secs(60);
    let harness = Harness::start_with(config).await;
    let too_long = cashflows_sandbox::limits::BODY_LIMIT + 1;
    for length in [too_long.to_string(), "1000000000000".to_owned()] {
        let totals = harness.sandbox.totals();
        let recorded = harness.sandbox.requests().len();
        let mut stream = TcpStream::connect(harness.sandbox.local_addr())
            .await
            .expect("connects");
        let head = format!(
            "POST {JOBS} HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\n\
             ConfigurationId: {CONFIGURATION_ID}\r\nHash: {}\r\nContent-Length: {length}\r\n\r\n",
            sign(b"")
        );
        stream.write_all(head.as_bytes()).await.expect("sends");
        // The body never comes: the answer must not wait for it.
        let answer =
            tokio::time::timeout(Duration::from_secs(10), raw_http::read_message(&mut stream))
                .await
                .expect("answered long before the read timeout")
                .expect("an answer");
        assert!(
            answer.first_line().starts_with("HTTP/1.1 413"),
            "{}",
            answer.head()
        );
        let envelope: Value = serde_json::from_slice(answer.body()).expect("the envelope");
        assert_eq!(envelope["errorReport"]["isFatalError"], json!(true));
        assert_eq!(envelope["data"], Value::Null);
        assert_eq!(harness.sandbox.totals(), totals, "nothing counted");
        let requests = harness.sandbox.requests();
        assert_eq!(requests.len(), recorded + 1, "recorded once");
        let refused = requests.last().expect("the request");
        assert!(refused.body.is_empty() && refused.body_truncated);
    }
}

#[tokio::test]
async fn shutdown_is_prompt_with_a_request_half_sent() {
    let sandbox = sandbox::start_with(config()).await;
    let mut stalled = TcpStream::connect(sandbox.local_addr())
        .await
        .expect("connects");
    stalled
        .write_all(
            b"POST /api/gateway/payment-jobs HTTP/1.1\r\nHost: sandbox\r\ncontent-length: 100\r\n\r\n{",
        )
        .await
        .expect("sends");
    // Let the server start reading the body.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(5), sandbox.shutdown())
        .await
        .expect("shutdown waits on a stalled client");
    // Not a timing assertion on speed: the grace period is a second, and
    // a hang is what this test is about.
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn the_request_log_keeps_the_newest_and_cuts_large_bodies() {
    let mut config = config();
    config.request_log_limit = 8;
    let harness = Harness::start_with(config).await;
    for index in 0..20 {
        harness
            .raw(
                Method::GET,
                &format!("{JOBS}/{index}"),
                Vec::new(),
                None,
                None,
            )
            .await;
    }
    let large = vec![b' '; 1024 * 1024];
    harness
        .raw(Method::POST, JOBS, large, Some(CONFIGURATION_ID), None)
        .await;
    let too_large = vec![b' '; 3 * 1024 * 1024];
    let refused = harness
        .raw(Method::POST, JOBS, too_large, Some(CONFIGURATION_ID), None)
        .await;
    assert_eq!(refused.status, 413);

    let requests = harness.sandbox.requests();
    assert_eq!(requests.len(), 8);
    assert_eq!(requests[5].path, format!("{JOBS}/19"));
    let large = &requests[6];
    assert_eq!(large.body.len(), RECORDED_BODY_LIMIT);
    assert!(large.body_truncated);
    let too_large = &requests[7];
    assert!(too_large.body.is_empty() && too_large.body_truncated);
}

/// A webhook receiver that answers 200 and then streams body bytes until
/// the sandbox hangs up; reports how many bytes it managed to write.
async fn endless_receiver() -> (String, mpsc::UnboundedReceiver<usize>) {
    let (listener, base) = raw_http::listen().await;
    let (sent, written) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let Ok((mut stream, _)) = listener.accept().await else {
            return;
        };
        raw_http::read_message(&mut stream).await;
        let head =
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
        let mut total = 0usize;
        if stream.write_all(head).await.is_ok() {
            let chunk = vec![b' '; 64 * 1024];
            // At most 256 MiB; the sandbox should hang up long before.
            for _ in 0..4096 {
                let write = tokio::time::timeout(Duration::from_secs(2), stream.write_all(&chunk));
                match write.await {
                    Ok(Ok(())) => total += chunk.len(),
                    _ => break,
                }
            }
        }
        let _ = sent.send(total);
    });
    (format!("{base}/hook"), written)
}

#[tokio::test]
async fn a_webhook_reply_is_read_only_up_to_a_limit() {
    let harness = Harness::start_with(fast_webhooks(1)).await;
    let (url, mut written) = endless_receiver().await;
    let mut request = luke("1.00");
    request["parameters"]["WebhookUrl"] = json!(url);
    harness.create_ok(&request).await;
    let total = tokio::time::timeout(Duration::from_secs(30), written.recv())
        .await
        .expect("the receiver finished")
        .expect("a count");
    assert!(
        total < 16 * 1024 * 1024,
        "the sandbox read {total} bytes of a webhook reply"
    );
}

#[tokio::test]
async fn webhooks_do_not_follow_redirects() {
    let (elsewhere, elsewhere_base) = raw_http::listen().await;
    let target = format!("{elsewhere_base}/stolen");
    let (redirector, redirector_base) = raw_http::listen().await;
    let url = format!("{redirector_base}/hook");
    let (attempted, mut attempts) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = redirector.accept().await {
            raw_http::read_message(&mut stream).await;
            let answer = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nlocation: {target}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
            let _ = stream.write_all(answer.as_bytes()).await;
            let _ = stream.shutdown().await;
            let _ = attempted.send(());
        }
    });
    let harness = Harness::start_with(fast_webhooks(2)).await;
    let mut request = luke("1.00");
    request["parameters"]["WebhookUrl"] = json!(url);
    harness.create_ok(&request).await;
    for _ in 0..2 {
        tokio::time::timeout(Duration::from_secs(10), attempts.recv())
            .await
            .expect("an attempt")
            .expect("an attempt");
    }
    let followed = tokio::time::timeout(Duration::from_millis(500), elsewhere.accept()).await;
    assert!(followed.is_err(), "a webhook followed a redirect");
}

#[tokio::test]
async fn webhook_deliveries_in_flight_are_capped() {
    let mut config = fast_webhooks(1);
    config.webhook_deliveries_limit = 2;
    let harness = Harness::start_with(config).await;
    let (base, mut taken) = raw_http::silent_server().await;
    let url = format!("{base}/hook");
    for _ in 0..4 {
        let mut request = luke("1.00");
        request["parameters"]["WebhookUrl"] = json!(url);
        harness.create_ok(&request).await;
    }
    for delivery in 1..=2 {
        tokio::time::timeout(Duration::from_secs(5), taken.recv())
            .await
            .unwrap_or_else(|_| panic!("delivery {delivery} never arrived"))
            .expect("the receiver runs");
    }
    // Past the limit a change is dropped when it happens, not queued: no
    // later delivery can arrive.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        taken.try_recv().is_err(),
        "a third delivery was sent while two were in flight"
    );
}
