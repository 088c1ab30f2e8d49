//! The webhook deliveries log, against real receivers on loopback: each
//! attempt with its status and the receiver's answer, acknowledgement,
//! times from the sandbox's clock, sending one again, and the
//! notifications the sandbox never sends.

use std::time::{Duration, SystemTime};

use cashflows_sandbox::{RedeliverError, SandboxClock, WebhookDelivery};
use serde_json::json;

use crate::harness::{Harness, fast_webhooks, luke, next_delivery, receiver};

/// 2030-01-01T00:00:00Z.
fn new_year_2030() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000)
}

/// The deliveries once `done` holds of them (within ten seconds).
async fn deliveries_once(
    harness: &Harness,
    done: impl Fn(&[WebhookDelivery]) -> bool,
) -> Vec<WebhookDelivery> {
    for _ in 0..200 {
        let deliveries = harness.sandbox.webhook_deliveries();
        if done(&deliveries) {
            return deliveries;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("deliveries: {:?}", harness.sandbox.webhook_deliveries());
}

#[tokio::test]
async fn each_attempt_is_kept_with_its_status_and_answer_and_can_be_sent_again() {
    let clock = SandboxClock::manual(new_year_2030());
    let harness = Harness::start_with_clock(fast_webhooks(5), clock).await;
    let (url, mut received) = receiver(vec![500], true).await;
    let mut request = luke("10.00");
    request["parameters"]["WebhookUrl"] = json!(url);
    let (job, payment) = harness.create_ok(&request).await;
    next_delivery(&mut received).await;
    next_delivery(&mut received).await;

    let deliveries = deliveries_once(&harness, |d| d.first().is_some_and(|d| d.acknowledged)).await;
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(delivery.payment_job_reference, job);
    assert_eq!(
        delivery.payment_reference.as_deref(),
        Some(payment.as_str())
    );
    assert_eq!(delivery.url, url);
    assert_eq!(delivery.error, None);
    let notification = json!({
        "notifyType": "StatusChanged",
        "paymentJobReference": job,
        "paymentReference": payment,
    });
    assert_eq!(delivery.body, notification);
    let [refused, acknowledged] = &delivery.attempts[..] else {
        panic!("two attempts: {delivery:?}");
    };
    assert_eq!(refused.status, Some(500));
    assert!(!refused.acknowledged && !refused.redelivery);
    assert_eq!(refused.answer, "{}");
    assert!(
        refused.error.as_deref().is_some_and(|e| e.contains("500")),
        "{refused:?}"
    );
    assert_eq!(acknowledged.status, Some(200));
    assert!(acknowledged.acknowledged && acknowledged.error.is_none());
    let echoed: serde_json::Value = serde_json::from_str(&acknowledged.answer).expect("JSON");
    assert_eq!(echoed["paymentJobReference"], json!(job));
    assert_eq!(acknowledged.at, new_year_2030(), "the sandbox's clock");

    let again = harness
        .sandbox
        .redeliver(delivery.id)
        .await
        .expect("sent again");
    assert!(again.redelivery && again.acknowledged, "{again:?}");
    assert_eq!(
        next_delivery(&mut received).await,
        notification,
        "the same body"
    );
    let kept = harness.sandbox.webhook_deliveries();
    assert_eq!(kept[0].attempts.len(), 3);
    assert_eq!(kept[0].attempts[2], again);

    let as_json = serde_json::to_value(&kept).expect("JSON");
    assert_eq!(
        as_json[0]["attempts"][0]["at"],
        json!("2030-01-01T00:00:00Z")
    );
    assert_eq!(as_json[0]["attempts"][2]["redelivery"], json!(true));
    assert_eq!(as_json[0]["body"], notification);
    assert_eq!(as_json[0]["payment_job_reference"], json!(job));
}

#[tokio::test]
async fn an_unanswered_attempt_keeps_the_error_and_an_unknown_id_is_refused() {
    let harness = Harness::start_with(fast_webhooks(2)).await;
    // A port nobody listens on: bound, then released.
    let free = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let url = format!("http://{}/hook", free.local_addr().expect("an address"));
    drop(free);
    let mut request = luke("4.00");
    request["parameters"]["WebhookUrl"] = json!(url);
    harness.create_ok(&request).await;

    let deliveries = deliveries_once(&harness, |d| {
        d.first().is_some_and(|d| d.attempts.len() == 2)
    })
    .await;
    let attempt = &deliveries[0].attempts[0];
    assert_eq!(attempt.status, None);
    assert!(
        attempt.error.is_some() && !attempt.acknowledged,
        "{attempt:?}"
    );
    assert!(!deliveries[0].acknowledged);

    let unknown = harness
        .sandbox
        .redeliver(999)
        .await
        .expect_err("no such delivery");
    assert_eq!(unknown, RedeliverError::UnknownId(999));
    assert!(unknown.to_string().contains("999"), "{unknown}");
}

#[tokio::test]
async fn a_webhook_url_off_loopback_is_recorded_as_never_called() {
    let harness = Harness::start().await;
    let mut request = luke("4.00");
    request["parameters"]["WebhookUrl"] = json!("http://example.com/hook");
    harness.create_ok(&request).await;

    let deliveries = harness.sandbox.webhook_deliveries();
    assert_eq!(deliveries.len(), 1, "recorded as the request is answered");
    let delivery = &deliveries[0];
    assert!(delivery.attempts.is_empty());
    assert!(
        delivery
            .error
            .as_deref()
            .is_some_and(|e| e.contains("not called")),
        "{delivery:?}"
    );
    let refused = harness
        .sandbox
        .redeliver(delivery.id)
        .await
        .expect_err("never called");
    assert_eq!(refused, RedeliverError::NotLoopback(delivery.id));
}
