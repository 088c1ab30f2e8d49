//! A shopper on the sandbox's pages in a real browser.

use std::collections::BTreeMap;
use std::time::Duration;

use cashflows::Client;
use cashflows::models::{
    CreatePaymentJobRequest, PaymentJobParameters, PaymentStatus, UpdateOrderRequest,
};
use cashflows::test_cards;
use fantoccini::Locator;

use crate::webdriver::{Browser, shop};
use cashflows_test_support::jobs::order_number;
use cashflows_test_support::sandbox;

/// A job without card data whose return URLs point at `shop`; its
/// reference, order number and hosted page.
async fn hosted_job(client: &Client, shop: &str) -> (String, String, String) {
    let order = order_number();
    let request = CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(cashflows::Amount::from_minor_units(1250)),
        order: Some(UpdateOrderRequest {
            order_number: Some(order.clone()),
            ..UpdateOrderRequest::default()
        }),
        parameters: Some(PaymentJobParameters {
            return_url_success: Some(format!("{shop}/ok")),
            return_url_failed: Some(format!("{shop}/failed")),
            return_url_cancelled: Some(format!("{shop}/cancelled")),
            ..PaymentJobParameters::default()
        }),
        ..CreatePaymentJobRequest::default()
    };
    let created = client.create_payment_job(&request).await.expect("created");
    let job = created.data.reference.expect("a reference").to_string();
    let page = created
        .links
        .and_then(|links| links.action)
        .and_then(|action| action.url)
        .expect("the hosted page");
    (job, order, page)
}

/// Types a test card and `holder` into the form and submits it.
async fn pay(browser: &Browser, holder: &str) {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let client = &browser.client;
    for (id, value) in [
        ("cardNumber", card.number),
        ("cardExpiryMonth", "12"),
        ("cardExpiryYear", "30"),
        ("cardCvc", card.cvc),
        ("cardHolderName", holder),
    ] {
        client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|error| panic!("the field {id}: {error}"))
            .send_keys(value)
            .await
            .expect("typed");
    }
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .expect("the Pay button")
        .click()
        .await
        .expect("clicked");
}

/// Waits until the browser is on `shop`; the path and query it landed on.
async fn landed(browser: &Browser, shop: &str) -> (String, BTreeMap<String, String>) {
    let client = &browser.client;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let url = client.current_url().await.expect("a URL");
        if url.as_str().starts_with(shop) {
            let query = url.query_pairs().into_owned().collect();
            return (url.path().to_owned(), query);
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never reached the shop; at {url}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the browser shows the challenge page.
async fn challenged(browser: &Browser) {
    let client = &browser.client;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while !client
        .current_url()
        .await
        .expect("a URL")
        .path()
        .starts_with("/sandbox/3ds/")
    {
        assert!(tokio::time::Instant::now() < deadline, "no challenge page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn status_of(client: &Client, job: &str) -> Option<PaymentStatus> {
    client
        .retrieve_payment_job(job)
        .await
        .expect("the job")
        .data
        .payment_status
}

#[tokio::test]
async fn a_shopper_pays_on_the_hosted_page() {
    let Some(browser) = Browser::start("a_shopper_pays_on_the_hosted_page").await else {
        return;
    };
    let (_sandbox, client) = sandbox::start().await;
    let shop = shop().await;
    let (job, order, page) = hosted_job(&client, &shop).await;
    browser.client.goto(&page).await.expect("the hosted page");
    let heading = browser
        .client
        .find(Locator::Css("h1"))
        .await
        .expect("a heading")
        .text()
        .await
        .expect("its text");
    assert!(heading.contains("12.50"), "{heading}");
    pay(&browser, test_cards::LUKE_SKYWALKER.name).await;
    let (path, query) = landed(&browser, &shop).await;
    assert_eq!(path, "/ok");
    assert_eq!(query["status"], "Paid");
    assert_eq!(query["paymentjobref"], job);
    assert_eq!(query["ordernumber"], order);
    assert!(!query["paymentref"].is_empty());
    // Never trust the return URL: the server retrieves the job.
    assert_eq!(status_of(&client, &job).await, Some(PaymentStatus::Paid));
    browser.close().await;
}

#[tokio::test]
async fn a_shopper_passes_and_fails_a_challenge() {
    let Some(browser) = Browser::start("a_shopper_passes_and_fails_a_challenge").await else {
        return;
    };
    let (_sandbox, client) = sandbox::start().await;
    let shop = shop().await;
    for (button, path, status) in [
        ("pass", "/ok", PaymentStatus::Paid),
        ("fail", "/failed", PaymentStatus::Failed),
    ] {
        let (job, _, page) = hosted_job(&client, &shop).await;
        browser.client.goto(&page).await.expect("the hosted page");
        pay(&browser, test_cards::HAN_SOLO.name).await;
        challenged(&browser).await;
        browser
            .client
            .find(Locator::Id(button))
            .await
            .expect("the challenge's buttons")
            .click()
            .await
            .expect("clicked");
        let (landed_on, query) = landed(&browser, &shop).await;
        assert_eq!(landed_on, path);
        assert_eq!(query["status"], status.as_str());
        assert_eq!(query["paymentjobref"], job);
        assert_eq!(status_of(&client, &job).await, Some(status));
    }
    browser.close().await;
}

#[tokio::test]
async fn a_shopper_cancels() {
    let Some(browser) = Browser::start("a_shopper_cancels").await else {
        return;
    };
    let (_sandbox, client) = sandbox::start().await;
    let shop = shop().await;
    let (job, order, page) = hosted_job(&client, &shop).await;
    browser.client.goto(&page).await.expect("the hosted page");
    browser
        .client
        .find(Locator::Id("cancel"))
        .await
        .expect("the cancel link")
        .click()
        .await
        .expect("clicked");
    let (path, query) = landed(&browser, &shop).await;
    assert_eq!(path, "/cancelled");
    assert_eq!(query["status"], "Cancelled");
    assert_eq!(query["paymentjobref"], job);
    assert_eq!(query["ordernumber"], order);
    assert_eq!(
        status_of(&client, &job).await,
        Some(PaymentStatus::Cancelled)
    );
    browser.close().await;
}
