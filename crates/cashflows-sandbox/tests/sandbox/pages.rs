//! The shopper's pages over plain HTTP, as a browser without JavaScript
//! uses them: the card form, the 3-D Secure challenge, the cancel link, and
//! the redirects back to the shop with the documented parameters.

use std::collections::BTreeMap;

use cashflows::test_cards;
use serde_json::{Value, json};

use super::harness::*;

const SHOP: &str = "http://shop.test";

/// A job without card data, with the three return URLs; its hosted page.
async fn hosted_job(harness: &Harness, order: &str) -> (String, String) {
    let answer = harness
        .create(&json!({
            "currency": "GBP",
            "amountToCollect": "12.50",
            "order": { "orderNumber": order },
            "parameters": {
                "ReturnUrlSuccess": format!("{SHOP}/ok?basket=7"),
                "ReturnUrlFailed": format!("{SHOP}/failed"),
                "ReturnUrlCancelled": format!("{SHOP}/cancelled"),
            },
        }))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let job = answer.body["data"]["reference"]
        .as_str()
        .expect("a job")
        .to_owned();
    let page = answer.body["links"]["action"]["url"]
        .as_str()
        .expect("the hosted page")
        .to_owned();
    (job, page)
}

/// Where a redirect goes, and its query.
fn redirected(response: &reqwest::Response) -> (String, BTreeMap<String, String>) {
    assert_eq!(response.status().as_u16(), 303);
    let location = response
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .expect("a location");
    let url = reqwest::Url::parse(location).expect("an absolute URL");
    let query = url.query_pairs().into_owned().collect();
    (
        format!("{}{}", url.origin().ascii_serialization(), url.path()),
        query,
    )
}

fn expected(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

#[tokio::test]
async fn the_hosted_page_is_a_labelled_card_form() {
    let harness = Harness::start().await;
    let (_, page) = hosted_job(&harness, "<b>order</b>").await;
    let response = browser().get(&page).send().await.expect("the page");
    assert_eq!(response.status().as_u16(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = response.text().await.expect("a page");
    for field in [
        "cardNumber",
        "cardExpiryMonth",
        "cardExpiryYear",
        "cardCvc",
        "cardHolderName",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{field}\">")),
            "no label for {field}"
        );
        assert!(
            html.contains(&format!("name=\"{field}\"")),
            "no field {field}"
        );
    }
    assert!(
        html.contains("&lt;b&gt;order&lt;/b&gt;"),
        "the order number is escaped"
    );
    assert!(!html.contains("<b>order"), "{html}");
    assert!(!html.contains("<script"), "usable without JavaScript");
}

#[tokio::test]
async fn paying_returns_to_the_success_url_with_the_documented_parameters() {
    let harness = Harness::start().await;
    let order = order_number();
    let (job, page) = hosted_job(&harness, &order).await;
    let paid = pay_on_page(&page, test_cards::LUKE_SKYWALKER.name).await;
    let (url, query) = redirected(&paid);
    assert_eq!(url, format!("{SHOP}/ok"));
    let payment = harness.sandbox.payment_job(&job).expect("the job").payments[0]
        .reference
        .clone()
        .expect("a payment")
        .to_string();
    assert_eq!(
        query,
        expected(&[
            ("basket", "7"),
            ("status", "Paid"),
            ("paymentjobref", &job),
            ("paymentref", &payment),
            ("ordernumber", &order),
        ])
    );
}

#[tokio::test]
async fn a_challenge_passed_and_failed() {
    let harness = Harness::start().await;
    for (pass, path, status) in [(true, "/ok", "Paid"), (false, "/failed", "Failed")] {
        let (job, page) = hosted_job(&harness, &order_number()).await;
        let challenged = pay_on_page(&page, test_cards::HAN_SOLO.name).await;
        assert_eq!(challenged.status().as_u16(), 303);
        let challenge = challenged.headers()["location"]
            .to_str()
            .expect("a path")
            .to_owned();
        let challenge = format!("{}{challenge}", harness.sandbox.base_url());
        let shown = browser().get(&challenge).send().await.expect("the page");
        assert_eq!(shown.status().as_u16(), 200);
        let answered = answer_challenge(&challenge, pass).await;
        let (url, query) = redirected(&answered);
        assert_eq!(url, format!("{SHOP}{path}"));
        assert_eq!(query["status"], status);
        assert_eq!(query["paymentjobref"], job);
        let retrieved = harness
            .call(reqwest::Method::GET, &format!("{JOBS}/{job}"), None)
            .await;
        assert_eq!(retrieved.body["data"]["paymentStatus"], Value::from(status));
    }
}

#[tokio::test]
async fn the_cancel_link_returns_to_the_cancelled_url() {
    let harness = Harness::start().await;
    let order = order_number();
    let (job, page) = hosted_job(&harness, &order).await;
    let cancelled = browser()
        .get(format!("{page}/cancel"))
        .send()
        .await
        .expect("an answer");
    let (url, query) = redirected(&cancelled);
    assert_eq!(url, format!("{SHOP}/cancelled"));
    assert_eq!(
        query,
        expected(&[
            ("status", "Cancelled"),
            ("paymentjobref", &job),
            ("ordernumber", &order)
        ])
    );
    let paid = pay_on_page(&page, test_cards::LUKE_SKYWALKER.name).await;
    assert_eq!(paid.status().as_u16(), 409, "a cancelled job is not paid");
}

#[tokio::test]
async fn a_refused_card_shows_the_form_again_and_changes_nothing() {
    let harness = Harness::start().await;
    let (job, page) = hosted_job(&harness, &order_number()).await;
    let refused = browser()
        .post(&page)
        .form(&[
            ("cardNumber", "4111111111111111"),
            ("cardExpiryMonth", "12"),
            ("cardExpiryYear", "30"),
            ("cardCvc", "123"),
            ("cardHolderName", "<script>x</script>"),
        ])
        .send()
        .await
        .expect("an answer");
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.expect("the form");
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    assert!(snapshot.payments.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_payments_of_one_page_pay_once() {
    let harness = Harness::start().await;
    let (job, page) = hosted_job(&harness, &order_number()).await;
    let mut attempts = Vec::new();
    for _ in 0..20 {
        let page = page.clone();
        attempts.push(tokio::spawn(async move {
            pay_on_page(&page, test_cards::LUKE_SKYWALKER.name)
                .await
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.expect("the task ends"));
    }
    assert_eq!(
        statuses.iter().filter(|status| **status == 303).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|status| **status == 409).count(),
        19,
        "{statuses:?}"
    );
    let snapshot = harness.sandbox.payment_job(&job).expect("the job");
    assert_eq!(snapshot.payments.len(), 1);
    assert_eq!(
        harness.sandbox.totals().paid,
        "12.50".parse().expect("an amount")
    );
}

#[tokio::test]
async fn malformed_and_huge_page_requests_are_refused_cleanly() {
    let harness = Harness::start().await;
    let (job, page) = hosted_job(&harness, &order_number()).await;
    let huge = "9".repeat(1024 * 1024);
    for body in [
        "cardNumber=%ZZ&cardCvc".to_owned(),
        format!("cardNumber={huge}&cardCvc=123&cardExpiryMonth=12&cardExpiryYear=30"),
        "\u{0}\u{1}garbage".to_owned(),
    ] {
        let answer = browser()
            .post(&page)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("an answer");
        let status = answer.status().as_u16();
        assert!((400..500).contains(&status), "{status}");
    }
    let wrong_type = browser()
        .post(&page)
        .json(&json!({ "cardNumber": "4000000000000002" }))
        .send()
        .await
        .expect("an answer");
    assert!(wrong_type.status().is_client_error());
    let unknown = answer_challenge(
        &format!("{}/sandbox/3ds/1/2", harness.sandbox.base_url()),
        true,
    )
    .await;
    assert_eq!(unknown.status().as_u16(), 404);
    assert!(
        harness
            .sandbox
            .payment_job(&job)
            .expect("the job")
            .payments
            .is_empty()
    );
    assert_eq!(harness.sandbox.totals().paid, cashflows::Amount::ZERO);
}
