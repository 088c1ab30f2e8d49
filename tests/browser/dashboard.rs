//! The sandbox's dashboard in a real browser: a paid job in the list, its
//! page with its webhook delivery, a redeliver that adds an attempt, the
//! clock advanced and the sandbox reset from their forms, without
//! JavaScript's help, and nothing scrolling sideways at 1280 pixels.

use std::time::{Duration, SystemTime};

use cashflows_sandbox::{Sandbox, SandboxClock};
use cashflows_test_support::jobs::paid_payment;
use cashflows_test_support::sandbox;
use cashflows_test_support::webhooks::acknowledging_receiver;
use fantoccini::{Client, Locator};

use crate::webdriver::{Browser, screenshot, sideways};

/// The text of the element `css` finds.
async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("{css}: {error}"))
        .text()
        .await
        .expect("its text")
}

/// How many attempts the job page lists under its deliveries.
async fn attempts_shown(client: &Client) -> usize {
    client
        .find_all(Locator::Css("div.panel table tbody tr"))
        .await
        .expect("the attempts")
        .len()
}

/// Clicks what `locator` finds and waits until the browser has loaded
/// `path` anew (a form that redirects to its own page included).
async fn click_and_land(client: &Client, locator: Locator<'_>, path: &str) {
    // A mark on this document: gone once the next one has loaded.
    client
        .execute("window.beforeClick = true", vec![])
        .await
        .expect("marked");
    client
        .find(locator)
        .await
        .unwrap_or_else(|error| panic!("{locator:?}: {error}"))
        .click()
        .await
        .expect("clicked");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let url = client.current_url().await.expect("a URL");
        let fresh = client
            .execute(
                "return window.beforeClick === undefined && document.readyState === 'complete'",
                vec![],
            )
            .await
            .expect("the state");
        if url.path() == path && fresh == true {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "stuck on {url}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A paid job notified at an acknowledging receiver; its reference.
async fn paid_and_notified(client: &cashflows::Client) -> String {
    let (hook, mut notifications) = acknowledging_receiver().await;
    let mut request = paid_payment(4250);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.webhook_url = Some(hook);
    }
    let created = client.create_payment_job(&request).await.expect("created");
    tokio::time::timeout(Duration::from_secs(10), notifications.recv())
        .await
        .expect("notified in time");
    created.data.reference.expect("a reference").to_string()
}

/// Waits until the sandbox has recorded the delivery's acknowledgement.
async fn delivered(sandbox: &Sandbox) {
    for _ in 0..200 {
        if sandbox.webhook_deliveries().iter().any(|d| d.acknowledged) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!(
        "no acknowledged delivery: {:?}",
        sandbox.webhook_deliveries()
    );
}

#[tokio::test]
async fn the_dashboard_shows_a_paid_job_and_redelivers_its_webhook() {
    let test = "the_dashboard_shows_a_paid_job_and_redelivers_its_webhook";
    let Some(browser) = Browser::start(test).await else {
        return;
    };
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000); // 2030-01-01
    let (sandbox, client) =
        sandbox::start_on_clock(sandbox::config(), SandboxClock::manual(start)).await;
    let job = paid_and_notified(&client).await;
    delivered(&sandbox).await;
    let page = &browser.client;
    page.goto(&sandbox.dashboard_url())
        .await
        .expect("the dashboard");
    let row = text_of(page, "tbody tr").await;
    assert!(
        row.contains(&job) && row.contains("Paid") && row.contains("42.50 GBP"),
        "{row}"
    );
    assert_eq!(sideways(page).await, Vec::<String>::new(), "the list");
    screenshot(page, "dashboard-jobs").await;

    let job_path = format!("/__sandbox/jobs/{job}");
    click_and_land(page, Locator::LinkText(&job), &job_path).await;
    assert_eq!(attempts_shown(page).await, 1);
    let redeliver = Locator::Css("form[action$='/redeliver'] button");
    click_and_land(page, redeliver, &job_path).await;
    assert_eq!(attempts_shown(page).await, 2, "redeliver adds an attempt");
    assert!(text_of(page, "main").await.contains("(redelivery)"));
    assert_eq!(sandbox.webhook_deliveries()[0].attempts.len(), 2);
    assert_eq!(sideways(page).await, Vec::<String>::new(), "the job page");
    screenshot(page, "dashboard-job").await;

    page.goto(&sandbox.dashboard_url())
        .await
        .expect("the dashboard");
    let advance = Locator::Css("form[action$='/forms/clock'] button");
    click_and_land(page, advance, "/__sandbox/").await;
    assert!(
        text_of(page, "header")
            .await
            .contains("2030-01-02T00:00:00Z"),
        "a day later"
    );
    let reset = Locator::Css("form[action$='/forms/reset'] button");
    click_and_land(page, reset, "/__sandbox/").await;
    assert!(text_of(page, "main").await.contains("No payment jobs yet"));
    assert_eq!(sandbox.totals().payment_jobs, 0);
    browser.close().await;
}
