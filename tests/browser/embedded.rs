//! Embedded checkout with Cashflows' own JavaScript library, unmodified
//! (`cashflows-clientlib-js` 1.0.51, installed from the npm registry by
//! `npm ci` in `tests/browser/embedded/`, its integrity checked by the
//! lockfile), against the sandbox, in headless Chromium.
//!
//! The shop's server creates an intent through the client; a shop page on
//! its own origin (`tests/browser/embedded/checkout.html`, served here from
//! another loopback port) loads the library as an ES module and pays with
//! the intent's token; then the server retrieves the job through the client
//! and checks its status and amounts. It never trusts the page.
//!
//! The library hard-codes the Gateway's host: the page points its instance
//! at the sandbox by setting `_endpoint`.
//!
//! The page the guide's "Embedded checkout" chapter shows runs here too,
//! read from the generated chapter, so that it cannot rot.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cashflows::models::{CreatePaymentIntentRequest, PaymentStatus, UpdateOrderRequest};
use cashflows::{Amount, Client, GatewayErrorCode, test_cards};
use cashflows_sandbox::Sandbox;
use fantoccini::Locator;

use crate::webdriver::{Browser, say_skipped};
use cashflows_test_support::jobs::order_number;
use cashflows_test_support::{CONFIGURATION_ID, raw_http, sandbox};

/// The npm project of the test: the page and `node_modules`.
fn project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/embedded")
}

/// Whether `npm ci` has installed the library; outside CI, says the test
/// skipped when it has not. Under CI (`CI` set) a missing library fails.
fn library_installed(test: &str) -> bool {
    let library = project().join("node_modules/cashflows-clientlib-js/src/cashflows.js");
    if library.is_file() {
        return true;
    }
    let why = "the library is not installed (run `npm ci` in tests/browser/embedded)";
    assert!(std::env::var_os("CI").is_none(), "{test}: {why}");
    say_skipped(test, why);
    false
}

/// The shop's web server on its own loopback origin: `checkout.html`, the
/// guide's page (see [`guide_page`]) and the files under `node_modules`;
/// `POST /checkout/done`, which the guide's page sends when it has paid, is
/// counted in `done`. Returns its base URL.
async fn shop_site(done: Arc<AtomicUsize>) -> String {
    let (listener, base) = raw_http::listen().await;
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let done = done.clone();
            tokio::spawn(async move {
                let Some(request) = raw_http::read_message(&mut stream).await else {
                    return;
                };
                let line = request.first_line();
                let mut words = line.split_whitespace();
                let method = words.next().unwrap_or("GET").to_owned();
                let path = words
                    .next()
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/")
                    .to_owned();
                let (status, content_type, body) = answer(&method, &path, &done);
                let _ = raw_http::respond(&mut stream, status, content_type, &body).await;
            });
        }
    });
    base
}

/// The shop's answer to one request: status, content type and body.
fn answer(method: &str, path: &str, done: &AtomicUsize) -> (&'static str, &'static str, Vec<u8>) {
    const HTML: &str = "text/html; charset=utf-8";
    let not_found = ("404 Not Found", "text/plain", b"not found".to_vec());
    match (method, path) {
        ("POST", "/checkout/done") => {
            done.fetch_add(1, Ordering::SeqCst);
            ("200 OK", "text/plain", b"ok".to_vec())
        }
        ("GET", _) if path.trim_start_matches('/') == GUIDE_PAGE => {
            ("200 OK", HTML, guide_page().into_bytes())
        }
        ("GET", _) => match served_file(path) {
            Some((file, content_type)) => match std::fs::read(&file) {
                Ok(body) => ("200 OK", content_type, body),
                Err(_) => not_found,
            },
            None => not_found,
        },
        _ => not_found,
    }
}

/// The guide's checkout page, as the shop serves it.
const GUIDE_PAGE: &str = "guide-checkout.html";

/// The checkout page the repository's own tests use.
const CHECKOUT_PAGE: &str = "checkout.html";

/// The page the guide's "Embedded checkout" chapter shows (its HTML block,
/// read from the generated book), made runnable in the three ways the
/// chapter names: the token comes from the query, the instance is pointed
/// at the sandbox through `_endpoint`, and `showError` shows the message.
/// The rest is the guide's text as a reader copies it.
fn guide_page() -> String {
    let chapter = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../generated/docs/src/guide/embedded-checkout.md");
    let chapter = std::fs::read_to_string(&chapter).expect("the guide's chapter reads");
    let start = chapter.find("```html\n").expect("the chapter shows a page") + "```html\n".len();
    let end = start + chapter[start..].find("```").expect("the page's block ends");
    let constructor = "const cashflows = new Cashflows(TOKEN_FROM_YOUR_SERVER, true);";
    let page = &chapter[start..end];
    assert!(
        page.contains(constructor),
        "the guide's page makes its instance with `{constructor}`"
    );
    let page = page.replace(
        constructor,
        "const query = new URLSearchParams(location.search);\n\
         const cashflows = new Cashflows(query.get('token'), true);\n\
         cashflows._endpoint = query.get('gateway');",
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>The guide's checkout</title></head>\n<body>\n\
         <p id=\"result\"></p>\n\
         <script>\nfunction showError(message) {{\n  const result = document.getElementById('result');\n  \
         result.textContent = message;\n  result.dataset.outcome = 'failed';\n}}\n</script>\n\
         {page}</body>\n</html>\n"
    )
}

/// The file a shop path names, and its content type: the page, or a file
/// under `node_modules` (no `..`).
fn served_file(path: &str) -> Option<(PathBuf, &'static str)> {
    let relative = Path::new(path.trim_start_matches('/'));
    let plain = relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    let allowed = relative == Path::new("checkout.html") || relative.starts_with("node_modules");
    if !plain || !allowed {
        return None;
    }
    let content_type = match relative.extension().and_then(|ext| ext.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    Some((project().join(relative), content_type))
}

/// The shop's server creates an intent of £12.50 through the client; its
/// job and token.
async fn create_intent(client: &Client, customer: Option<&str>) -> (String, String) {
    let request = CreatePaymentIntentRequest {
        configuration_id: Some(CONFIGURATION_ID.to_owned()),
        amount_to_collect: Some(Amount::from_minor_units(1250)),
        currency: Some("GBP".to_owned()),
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            customer_reference: customer.map(str::to_owned),
            ..UpdateOrderRequest::default()
        }),
        ..CreatePaymentIntentRequest::default()
    };
    let intent = client
        .create_payment_intent(&request)
        .await
        .expect("the intent")
        .data;
    let job = intent.payment_job_reference.expect("its job").to_string();
    (job, intent.token.expect("its token"))
}

/// Opens one of the shop's checkout pages for `token` and waits for the
/// library's four card fields.
async fn open_checkout(
    browser: &Browser,
    site: &str,
    page: &str,
    sandbox: &Sandbox,
    token: &str,
    stored: bool,
) {
    let mut url = reqwest::Url::parse(&format!("{site}/{page}")).expect("a URL");
    url.query_pairs_mut()
        .append_pair("token", token)
        .append_pair("gateway", &format!("{}/", sandbox.base_url()));
    if stored {
        url.query_pairs_mut().append_pair("stored", "");
    }
    browser
        .client
        .goto(url.as_str())
        .await
        .expect("the checkout page");
    for kind in ["cardnumber", "cardholdername", "cardexpiry", "cardcvc"] {
        wait_for(browser, &format!("iframe.cf-{kind}")).await;
    }
}

/// Waits (15 s at most) for an element matching `css`.
async fn wait_for(browser: &Browser, css: &str) -> fantoccini::elements::Element {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(element) = browser.client.find(Locator::Css(css)).await {
            return element;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no {css} on the page"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types a card into the library's field iframes, as a shopper does.
async fn type_card(browser: &Browser, number: &str, holder: &str) {
    for (kind, value) in [
        ("cardnumber", number),
        ("cardholdername", holder),
        ("cardexpiry", "12/30"),
        ("cardcvc", "123"),
    ] {
        let frame = wait_for(browser, &format!("iframe.cf-{kind}")).await;
        frame.enter_frame().await.expect("into the field");
        wait_for(browser, "#value")
            .await
            .send_keys(value)
            .await
            .expect("typed");
        browser.client.enter_parent_frame().await.expect("back");
    }
}

/// Waits until the library enables the pay button, and clicks it.
async fn pay(browser: &Browser) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let button = wait_for(browser, "#pay").await;
        if button
            .attr("disabled")
            .await
            .expect("an attribute")
            .is_none()
        {
            button.click().await.expect("clicked");
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the library never enabled the pay button"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Answers the 3-D Secure challenge the library opened in its dialog.
async fn answer_challenge(browser: &Browser, button: &str) {
    let frame = wait_for(browser, "iframe[src*='/sandbox/3ds/']").await;
    frame.enter_frame().await.expect("into the challenge");
    wait_for(browser, &format!("#{button}"))
        .await
        .click()
        .await
        .expect("clicked");
    browser.client.enter_parent_frame().await.expect("back");
}

/// How the library settled the checkout promise: `paid` or `failed`, and
/// the data or message it settled with.
async fn outcome(browser: &Browser) -> (String, String) {
    // Paying waits 0.5 s; a challenge's result arrives by message or by the
    // library's 5 s poll.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let result = wait_for(browser, "#result").await;
        if let Some(outcome) = result.attr("data-outcome").await.expect("an attribute") {
            return (outcome, result.text().await.expect("its text"));
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the checkout never settled"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The job, as the shop's server retrieves it.
async fn job(client: &Client, job: &str) -> cashflows::models::PaymentJob {
    client
        .retrieve_payment_job(job)
        .await
        .expect("the job")
        .data
}

fn message(code: GatewayErrorCode) -> &'static str {
    code.message().expect("a documented message")
}

/// What each test needs: a browser, a sandbox and its client, and the
/// shop's own site with its count of `POST /checkout/done`.
struct Shop {
    browser: Browser,
    sandbox: Sandbox,
    client: Client,
    site: String,
    done: Arc<AtomicUsize>,
}

/// The shop for `test`; `None` (said) when the library or a browser is
/// missing.
async fn start(test: &str) -> Option<Shop> {
    if !library_installed(test) {
        return None;
    }
    let browser = Browser::start(test).await?;
    let (sandbox, client) = sandbox::start().await;
    let done = Arc::new(AtomicUsize::new(0));
    let site = shop_site(done.clone()).await;
    Some(Shop {
        browser,
        sandbox,
        client,
        site,
        done,
    })
}

impl Shop {
    /// A new intent, opened on `page` and paid with `number` in `holder`'s
    /// name: its job. How the page settles is for the caller to check.
    async fn pay(&self, page: &str, number: &str, holder: &str) -> String {
        let (job, token) = create_intent(&self.client, None).await;
        open_checkout(
            &self.browser,
            &self.site,
            page,
            &self.sandbox,
            &token,
            false,
        )
        .await;
        type_card(&self.browser, number, holder).await;
        pay(&self.browser).await;
        job
    }

    /// Pays on `page` with a card the Gateway refuses; the page must show
    /// the Gateway's message. Returns the intent's job.
    async fn pay_with_a_refused_card(&self, page: &str) -> String {
        let job = self
            .pay(page, "4111111111111111", test_cards::LUKE_SKYWALKER.name)
            .await;
        let (settled, reason) = outcome(&self.browser).await;
        assert_eq!(settled, "failed", "{reason}");
        assert_eq!(reason, message(GatewayErrorCode::PaymentRefused));
        job
    }
}

#[tokio::test]
async fn the_official_library_pays_is_declined_and_refuses_a_bad_token() {
    let test = "the_official_library_pays_is_declined_and_refuses_a_bad_token";
    let Some(shop) = start(test).await else {
        return;
    };
    let Shop {
        browser,
        sandbox,
        client,
        site,
        ..
    } = &shop;

    // A card paid at once.
    let paid_job = shop
        .pay(
            CHECKOUT_PAGE,
            test_cards::VISA_CREDIT_4000000000000002.number,
            test_cards::LUKE_SKYWALKER.name,
        )
        .await;
    let (settled, data) = outcome(browser).await;
    assert_eq!(settled, "paid", "{data}");
    assert!(data.contains("\"paymentStatus\":\"Paid\""), "{data}");
    let paid = job(client, &paid_job).await;
    assert_eq!(paid.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(paid.paid_amount, Some(Amount::from_minor_units(1250)));
    assert_eq!(paid.amount_collected, Some(Amount::from_minor_units(1250)));
    assert_eq!(paid.payments.len(), 1);

    // A card the Gateway refuses: the promise rejects with its message, and
    // nothing is charged.
    let declined_job = shop.pay_with_a_refused_card(CHECKOUT_PAGE).await;
    let declined = job(client, &declined_job).await;
    assert_eq!(declined.payment_status, Some(PaymentStatus::Pending));
    assert!(declined.payments.is_empty());
    assert_eq!(declined.paid_amount, Some(Amount::ZERO));

    // A token the Gateway does not know.
    let (untouched_job, token) = create_intent(client, None).await;
    open_checkout(
        browser,
        site,
        CHECKOUT_PAGE,
        sandbox,
        &format!("{token}0"),
        false,
    )
    .await;
    let (settled, reason) = outcome(browser).await;
    assert_eq!(settled, "failed");
    assert_eq!(reason, "Invalid payment intent.");
    let untouched = job(client, &untouched_job).await;
    assert_eq!(untouched.payment_status, Some(PaymentStatus::Pending));
    assert!(untouched.payments.is_empty());

    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(1250));
    shop.browser.close().await;
}

#[tokio::test]
async fn the_official_library_passes_and_fails_a_challenge() {
    let test = "the_official_library_passes_and_fails_a_challenge";
    let Some(shop) = start(test).await else {
        return;
    };
    let Shop {
        browser,
        sandbox,
        client,
        ..
    } = &shop;
    for (button, status) in [
        ("pass", PaymentStatus::Paid),
        ("fail", PaymentStatus::Failed),
    ] {
        let reference = shop
            .pay(
                CHECKOUT_PAGE,
                test_cards::VISA_CREDIT_4000000000000002.number,
                test_cards::HAN_SOLO.name,
            )
            .await;
        answer_challenge(browser, button).await;
        let (settled, detail) = outcome(browser).await;
        let found = job(client, &reference).await;
        assert_eq!(found.payment_status, Some(status.clone()), "{detail}");
        assert_eq!(found.payments.len(), 1);
        assert_eq!(found.payments[0].status, Some(status.clone()));
        if status == PaymentStatus::Paid {
            assert_eq!(settled, "paid", "{detail}");
            assert_eq!(found.paid_amount, Some(Amount::from_minor_units(1250)));
        } else {
            assert_eq!(settled, "failed", "{detail}");
            assert_eq!(detail, message(GatewayErrorCode::ThreeDSecureFailed));
            assert_eq!(found.paid_amount, Some(Amount::ZERO));
        }
    }
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(1250));
    shop.browser.close().await;
}

#[tokio::test]
async fn the_official_library_stores_a_card_and_pays_with_it_again() {
    let test = "the_official_library_stores_a_card_and_pays_with_it_again";
    let Some(shop) = start(test).await else {
        return;
    };
    let Shop {
        browser,
        sandbox,
        client,
        site,
        ..
    } = &shop;
    let customer = "shopper-embedded-1";

    let (first_job, token) = create_intent(client, Some(customer)).await;
    open_checkout(browser, site, CHECKOUT_PAGE, sandbox, &token, true).await;
    type_card(
        browser,
        test_cards::VISA_CREDIT_4000000000000002.number,
        test_cards::LUKE_SKYWALKER.name,
    )
    .await;
    wait_for(browser, "#store-card")
        .await
        .click()
        .await
        .expect("ticked");
    pay(browser).await;
    let (settled, data) = outcome(browser).await;
    assert_eq!(settled, "paid", "{data}");
    assert_eq!(
        job(client, &first_job).await.payment_status,
        Some(PaymentStatus::Paid)
    );

    // The next visit lists the stored card; the shopper picks it and pays.
    let (second_job, token) = create_intent(client, Some(customer)).await;
    open_checkout(browser, site, CHECKOUT_PAGE, sandbox, &token, true).await;
    let listed = wait_for(browser, "#card-list li").await;
    let text = listed.text().await.expect("its text");
    assert!(text.contains("400000******0002"), "{text}");
    assert!(text.contains("12/30"), "{text}");
    wait_for(browser, "#card-list input[type=radio]")
        .await
        .click()
        .await
        .expect("picked");
    pay(browser).await;
    let (settled, data) = outcome(browser).await;
    assert_eq!(settled, "paid", "{data}");
    let second = job(client, &second_job).await;
    assert_eq!(second.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(second.paid_amount, Some(Amount::from_minor_units(1250)));
    assert_eq!(second.payments.len(), 1);
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(2500));
    shop.browser.close().await;
}

#[tokio::test]
async fn the_guide_s_checkout_page_pays_and_shows_a_refusal() {
    let test = "the_guide_s_checkout_page_pays_and_shows_a_refusal";
    let Some(shop) = start(test).await else {
        return;
    };
    let Shop {
        sandbox,
        client,
        done,
        ..
    } = &shop;

    // Paid: the page tells the shop's server, which retrieves the job.
    let paid_job = shop
        .pay(
            GUIDE_PAGE,
            test_cards::VISA_CREDIT_4000000000000002.number,
            test_cards::LUKE_SKYWALKER.name,
        )
        .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while done.load(Ordering::SeqCst) == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the guide's page never said it was done"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let paid = job(client, &paid_job).await;
    assert_eq!(paid.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(paid.paid_amount, Some(Amount::from_minor_units(1250)));

    // Refused: `showError` gets the Gateway's message; the shop is not told.
    shop.pay_with_a_refused_card(GUIDE_PAGE).await;
    assert_eq!(done.load(Ordering::SeqCst), 1);
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(1250));
    shop.browser.close().await;
}
