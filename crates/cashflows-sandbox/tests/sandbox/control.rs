//! The control surface over HTTP and as a library: the clock, reset,
//! snapshots, faults, the request log and the dashboard; and what it
//! refuses (hostile snapshots, unknown faults, a clock set to year 9999,
//! cross-site posts, Gateway credentials, a missing control token,
//! concurrent resets), without a panic, a half-restored state or money
//! created.

use std::time::{Duration, SystemTime};

use cashflows_sandbox::{SandboxClock, SandboxConfig, Snapshot};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{Harness, config, luke};

/// 2030-01-01T00:00:00Z.
fn start_of_2030() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000)
}

impl Harness {
    /// `body` posted to `/__sandbox/snapshot` as `content_type`; the status.
    async fn post_snapshot(&self, content_type: &str, body: Vec<u8>) -> u16 {
        self.http
            .post(self.url("/__sandbox/snapshot"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("an answer")
            .status()
            .as_u16()
    }

    /// A control call with a JSON body (or none): status and answer.
    async fn control(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        self.control_with(method, path, body, &[]).await
    }

    async fn control_with(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut request = self
            .http
            .request(method, self.url(&format!("/__sandbox{path}")));
        if let Some(body) = body {
            request = request.json(&body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("a body");
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}

#[tokio::test]
async fn the_clock_moves_forward_over_http_and_expires_a_job() {
    let clock = SandboxClock::manual(start_of_2030());
    let harness = Harness::start_with_clock(config(), clock.clone()).await;
    let (job, _) = harness
        .create_ok(&json!({"currency": "GBP", "amountToCollect": "5.00"}))
        .await;
    let (status, now) = harness.control(Method::GET, "/clock", None).await;
    assert_eq!(
        (status, &now),
        (
            200,
            &json!({"now": "2030-01-01T00:00:00Z", "movable": true})
        )
    );

    let (status, moved) = harness
        .control(
            Method::POST,
            "/clock/advance",
            Some(json!({"months": 6, "days": 1})),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["now"], "2030-07-02T00:00:00Z");
    let read = harness
        .call(
            Method::GET,
            &format!("/api/gateway/payment-jobs/{job}"),
            None,
        )
        .await;
    assert_eq!(read.body["data"]["paymentStatus"], "Expired");

    let (status, refused) = harness
        .control(
            Method::POST,
            "/clock/set",
            Some(json!({"now": "2030-01-01T00:00:00Z"})),
        )
        .await;
    assert_eq!(status, 409, "backwards: {refused}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("never goes backwards")
    );
    for hostile in [
        json!({"now": "9999-06-01T00:00:00Z"}),
        json!({"now": "not a time"}),
        json!({"now": 5}),
        json!({"then": "2031-01-01T00:00:00Z"}),
    ] {
        let (status, refused) = harness
            .control(Method::POST, "/clock/set", Some(hostile.clone()))
            .await;
        assert_eq!(status, 400, "{hostile}: {refused}");
    }
    for hostile in [
        json!({"months": 241}),
        json!({"days": u64::MAX}),
        json!({"seconds": -1}),
        json!({"weeks": 1}),
    ] {
        let (status, _) = harness
            .control(Method::POST, "/clock/advance", Some(hostile.clone()))
            .await;
        assert_eq!(status, 400, "{hostile}");
    }
    let (_, still) = harness.control(Method::GET, "/clock", None).await;
    assert_eq!(
        still["now"], "2030-07-02T00:00:00Z",
        "refusals leave the clock"
    );
}

#[tokio::test]
async fn the_system_clock_cannot_be_moved_over_http() {
    let harness = Harness::start().await;
    let (status, clock) = harness.control(Method::GET, "/clock", None).await;
    assert_eq!((status, &clock["movable"]), (200, &json!(false)));
    let (status, refused) = harness
        .control(Method::POST, "/clock/advance", Some(json!({"days": 1})))
        .await;
    assert_eq!(status, 409, "{refused}");
}

#[tokio::test]
async fn reset_empties_the_sandbox_and_references_never_repeat() {
    let harness = Harness::start().await;
    let (first, _) = harness.create_ok(&luke("10.00")).await;
    let (status, _) = harness.control(Method::POST, "/reset", None).await;
    assert_eq!(status, 204);
    let totals = harness.sandbox.totals();
    assert_eq!((totals.payment_jobs, totals.payments), (0, 0));
    assert!(
        harness.sandbox.requests().is_empty(),
        "the request log is emptied"
    );
    let read = harness
        .call(
            Method::GET,
            &format!("/api/gateway/payment-jobs/{first}"),
            None,
        )
        .await;
    assert_eq!(read.status, 404);
    let (second, _) = harness.create_ok(&luke("10.00")).await;
    assert!(second > first, "{second} after {first}");
}

#[tokio::test]
async fn a_snapshot_round_trips_over_http() {
    let harness = Harness::start().await;
    let (paid, payment) = harness.create_ok(&luke("12.00")).await;
    let refund = json!({"amountToRefund": "2.00", "refundNumber": "r-1"});
    let refunds = format!("/api/gateway/payment-jobs/{paid}/payments/{payment}/refunds");
    assert_eq!(
        harness
            .call(Method::POST, &refunds, Some(&refund))
            .await
            .status,
        201
    );
    let before = harness.sandbox.totals();
    let snapshot = harness
        .http
        .get(harness.url("/__sandbox/snapshot"))
        .send()
        .await
        .expect("an answer")
        .bytes()
        .await
        .expect("the snapshot");
    harness.sandbox.reset();
    assert_eq!(harness.sandbox.totals().payment_jobs, 0);
    let restored = harness
        .post_snapshot("application/json", snapshot.to_vec())
        .await;
    assert_eq!(restored, 204);
    assert_eq!(harness.sandbox.totals(), before);
    let read = harness
        .call(
            Method::GET,
            &format!("/api/gateway/payment-jobs/{paid}"),
            None,
        )
        .await;
    assert_eq!(read.body["data"]["paymentStatus"], "Paid");
    // The library's snapshot is the same document.
    let again = harness.sandbox.snapshot().to_json();
    assert_eq!(
        serde_json::from_slice::<Value>(&again).unwrap(),
        serde_json::from_slice::<Value>(&snapshot).unwrap()
    );
}

/// A snapshot of one paid job, as JSON to tamper with.
async fn one_paid_job(harness: &Harness) -> Value {
    harness.create_ok(&luke("10.00")).await;
    serde_json::from_slice(&harness.sandbox.snapshot().to_json()).expect("JSON")
}

/// Every string value at `key` anywhere in `value`, replaced by `with`.
fn replace_all(value: &mut Value, key: &str, with: &Value) {
    match value {
        Value::Object(map) => {
            for (name, inner) in map.iter_mut() {
                if name == key && inner.is_string() {
                    *inner = with.clone();
                } else {
                    replace_all(inner, key, with);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| replace_all(item, key, with)),
        _ => {}
    }
}

#[tokio::test]
async fn hostile_snapshots_are_refused_whole() {
    let harness = Harness::start().await;
    let good = one_paid_job(&harness).await;
    let before = harness.sandbox.totals();
    let before_json = harness.sandbox.snapshot().to_json();
    let tampered = |key: &str, with: Value| {
        let mut snapshot = good.clone();
        replace_all(&mut snapshot, key, &with);
        assert_ne!(snapshot, good, "{key} is in the snapshot");
        serde_json::to_vec(&snapshot).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("negative", tampered("paidAmount", json!("-10.00")), 400),
        (
            "overflowing",
            tampered("paidAmount", json!("79228162514264337593543950335")),
            400,
        ),
        (
            "format",
            {
                let mut snapshot = good.clone();
                snapshot["format"] = json!(2);
                serde_json::to_vec(&snapshot).unwrap()
            },
            400,
        ),
        ("not JSON", b"{\"format\": 1, \"jobs\": [".to_vec(), 400),
        ("another shape", b"[1, 2, 3]".to_vec(), 400),
        ("huge", vec![b' '; 33 * 1024 * 1024], 413),
    ];
    for (name, body, expected) in cases {
        let status = harness.post_snapshot("application/json", body).await;
        assert_eq!(status, expected, "{name}");
        assert_eq!(
            harness.sandbox.totals(),
            before,
            "{name} changed the totals"
        );
        assert_eq!(
            harness.sandbox.snapshot().to_json(),
            before_json,
            "{name} changed the state"
        );
    }
    let wrong_type = harness
        .post_snapshot("text/plain", serde_json::to_vec(&good).unwrap())
        .await;
    assert_eq!(wrong_type, 415);
    assert!(Snapshot::from_json(&serde_json::to_vec(&good).unwrap()).is_ok());
}

#[tokio::test]
async fn faults_over_http_are_checked_listed_used_and_cleared() {
    let harness = Harness::start().await;
    for (hostile, words) in [
        (json!({"kind": "explode"}), "drop_after_processing"),
        (json!({"kind": "status", "status": 404}), "500"),
        (json!({"kind": "delay", "delay_ms": 3_600_000}), "delay"),
        (
            json!({"kind": "drop_before_processing", "times": 0}),
            "times",
        ),
        (
            json!({"kind": "drop_before_processing", "colour": "red"}),
            "colour",
        ),
    ] {
        let (status, refused) = harness
            .control(Method::POST, "/faults", Some(hostile.clone()))
            .await;
        assert_eq!(status, 400, "{hostile}: {refused}");
        let message = refused["error"].as_str().unwrap_or_default();
        assert!(message.contains(words), "{hostile}: {message}");
    }
    let fault = json!({"kind": "status", "status": 503, "method": "GET", "times": 2});
    let (status, created) = harness.control(Method::POST, "/faults", Some(fault)).await;
    assert_eq!(status, 201, "{created}");
    let (_, pending) = harness.control(Method::GET, "/faults", None).await;
    assert_eq!(pending[0]["remaining"], 2);
    assert_eq!(pending[0]["id"], created["id"]);
    // Control requests never meet a fault: this GET is not counted.
    let (_, still) = harness.control(Method::GET, "/faults", None).await;
    assert_eq!(still[0]["remaining"], 2);
    let read = harness
        .call(
            Method::GET,
            "/api/gateway/payment-jobs/220000000000000001",
            None,
        )
        .await;
    assert_eq!(read.status, 503);
    let (status, _) = harness.control(Method::DELETE, "/faults", None).await;
    assert_eq!(status, 204);
    let read = harness
        .call(
            Method::GET,
            "/api/gateway/payment-jobs/220000000000000001",
            None,
        )
        .await;
    assert_eq!(read.status, 404);
    let (_, log) = harness.control(Method::GET, "/requests", None).await;
    let entries = log.as_array().expect("a list");
    assert_eq!(entries.len(), 2, "control requests are not logged: {log}");
    assert_eq!(entries[0]["fault"], "status");
    assert_eq!(entries[0]["status"], 503);
    assert_eq!(
        entries[0]["path"],
        "/api/gateway/payment-jobs/220000000000000001"
    );
    assert_eq!(entries[1]["status"], 404);
}

#[tokio::test]
async fn the_request_log_over_http_hides_bodies_headers_and_tokens() {
    let harness = Harness::start().await;
    let card_number = "4000000000000002";
    harness.create_ok(&luke("3.00")).await;
    let intent = "/api/gateway/payment-intents/0123456789abcdef0123456789abcdef";
    harness
        .http
        .get(harness.url(intent))
        .send()
        .await
        .expect("an answer");
    let (status, log) = harness.control(Method::GET, "/requests", None).await;
    assert_eq!(status, 200);
    let text = log.to_string();
    assert!(!text.contains(card_number), "{text}");
    assert!(!text.contains("0123456789abcdef"), "{text}");
    assert!(!text.contains(&crate::harness::sign(b"")), "{text}");
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["status"], 201);
    assert_eq!(log[1]["path"], "/api/gateway/payment-intents/{token}");
}

#[tokio::test]
async fn cross_site_and_mistaken_requests_are_refused() {
    let harness = Harness::start().await;
    harness.create_ok(&luke("10.00")).await;
    let refusals: [(&[(&str, &str)], u16); 4] = [
        (&[("origin", "https://shop.example")], 403),
        (&[("sec-fetch-site", "cross-site")], 403),
        (&[("hash", "ABC")], 400),
        (&[("configurationid", "23001234567890")], 400),
    ];
    for (headers, expected) in refusals {
        let (status, refused) = harness
            .control_with(Method::POST, "/reset", None, headers)
            .await;
        assert_eq!(status, expected, "{headers:?}: {refused}");
        assert!(refused["error"].is_string());
    }
    // The dashboard's form without its token: refused.
    let form = harness
        .http
        .post(harness.url("/__sandbox/forms/reset"))
        .form(&[("token", "guessed")])
        .send()
        .await
        .expect("an answer");
    assert_eq!(form.status().as_u16(), 403);
    // A form posted as text/plain to the JSON API, as another site can.
    let text = harness
        .http
        .post(harness.url("/__sandbox/clock/advance"))
        .header("content-type", "text/plain")
        .body(r#"{"days":1}"#)
        .send()
        .await
        .expect("an answer");
    assert_eq!(text.status().as_u16(), 415);
    assert_eq!(
        harness.sandbox.totals().payment_jobs,
        1,
        "nothing was reset"
    );
    let (status, _) = harness.control(Method::GET, "/nowhere", None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn with_a_control_token_the_surface_needs_it() {
    let mut config = config();
    config.control_token = Some("s3cret-token".to_owned());
    let harness = Harness::start_with(config).await;
    let (status, refused) = harness.control(Method::GET, "/clock", None).await;
    assert_eq!(status, 401, "{refused}");
    assert!(!refused.to_string().contains("s3cret-token"));
    let bearer = [("authorization", "Bearer s3cret-token")];
    let (status, _) = harness
        .control_with(Method::GET, "/clock", None, &bearer)
        .await;
    assert_eq!(status, 200);
    let wrong = [("authorization", "Bearer s3cret-tokeN")];
    let (status, _) = harness
        .control_with(Method::GET, "/clock", None, &wrong)
        .await;
    assert_eq!(status, 401);
    let page = harness
        .http
        .get(harness.url("/__sandbox/?token=s3cret-token"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status().as_u16(), 200);
    let cookie = page
        .headers()
        .get("set-cookie")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap_or_default();
    let (status, _) = harness
        .control_with(Method::GET, "/webhooks", None, &[("cookie", pair)])
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn concurrent_resets_during_payments_lose_no_money_and_never_panic() {
    let harness = std::sync::Arc::new(Harness::start().await);
    let mut tasks = Vec::new();
    for round in 0..40 {
        let harness = std::sync::Arc::clone(&harness);
        tasks.push(tokio::spawn(async move {
            if round % 5 == 0 {
                let (status, _) = harness.control(Method::POST, "/reset", None).await;
                assert_eq!(status, 204);
            } else {
                let answer = harness.create(&luke("1.00")).await;
                assert_eq!(answer.status, 201, "{}", answer.body);
            }
        }));
    }
    for task in tasks {
        task.await.expect("no panic");
    }
    // What is left adds up: every job left is one paid payment of 1.00.
    let totals = harness.sandbox.totals();
    assert_eq!(totals.payments, totals.payment_jobs);
    assert_eq!(
        totals.paid.to_string(),
        format!("{}.00", totals.payment_jobs),
        "{totals:?}"
    );
    harness.sandbox.reset();
    assert_eq!(
        harness.sandbox.totals(),
        cashflows_sandbox::Totals::default()
    );
}

#[tokio::test]
async fn the_dashboard_lists_jobs_and_escapes_what_it_shows() {
    let harness = Harness::start().await;
    let mut request = luke("10.00");
    request["order"] = json!({"orderNumber": "<script>alert(1)</script>"});
    let (job, _) = harness.create_ok(&request).await;
    let page = harness
        .http
        .get(harness.sandbox.dashboard_url())
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status().as_u16(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "HTML"
    );
    let html = page.text().await.expect("the page");
    assert!(html.contains(&job), "the job is listed");
    assert!(html.contains("Paid"));
    assert!(!html.contains("<script>alert"), "escaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || html.contains("&lt;script&gt;")
    );
    assert!(!html.contains("4000000000000002"), "no card number");
    let job_page = harness
        .http
        .get(harness.url(&format!("/__sandbox/jobs/{job}")))
        .send()
        .await
        .expect("an answer");
    assert_eq!(job_page.status().as_u16(), 200);
    let html = job_page.text().await.expect("the page");
    assert!(
        html.contains("Payments") && html.contains("10.00 GBP"),
        "{html}"
    );
    let missing = harness
        .http
        .get(harness.url("/__sandbox/jobs/220000000000009999"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(missing.status().as_u16(), 404);
}

#[tokio::test]
async fn the_library_and_http_surfaces_agree() {
    let mut config: SandboxConfig = config();
    config.automatic_capture = true;
    let harness = Harness::start_with(config).await;
    assert_eq!(harness.sandbox.control_url(), harness.url("/__sandbox"));
    assert_eq!(harness.sandbox.dashboard_url(), harness.url("/__sandbox/"));
    let fault = cashflows_sandbox::Fault::new(cashflows_sandbox::FaultKind::DropBeforeProcessing)
        .with_times(3);
    let id = harness.sandbox.inject_fault(fault).expect("a fault");
    let (_, pending) = harness.control(Method::GET, "/faults", None).await;
    assert_eq!(pending[0]["id"], id);
    assert_eq!(pending[0]["remaining"], 3);
    harness.sandbox.reset();
    assert!(
        harness.sandbox.faults().is_empty(),
        "a reset clears the faults"
    );
}

#[tokio::test]
async fn a_control_body_that_never_ends_is_refused_in_time() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut config = config();
    config.read_timeout = Duration::from_millis(300);
    let harness = Harness::start_with(config).await;
    let mut stream = tokio::net::TcpStream::connect(harness.sandbox.local_addr())
        .await
        .expect("connected");
    let head = "POST /__sandbox/snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"format\"";
    stream.write_all(head.as_bytes()).await.expect("sent");
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    assert!(
        read.is_ok(),
        "answered within the read timeout, not held open"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(harness.sandbox.totals().payment_jobs, 0);
}
