//! Faults injected into the sandbox, over real HTTP: drops with and
//! without processing (read byte by byte from a raw socket: not one byte
//! comes back), server errors, delays and cut-short bodies; how many
//! requests a fault takes, which ones it matches, what the request log
//! says, and the JSON form's refusals.

use std::time::{Duration, Instant};

use cashflows::environments::REMOTE_AUTH_PATH;
use cashflows_sandbox::{Fault, FaultError, FaultKind};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{CONFIGURATION_ID, Harness, JOBS, luke, sign};

/// A signed Gateway request written by hand, `connection: close`.
fn raw_request(harness: &Harness, method: &str, path: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nhost: {}\r\nconfigurationid: {CONFIGURATION_ID}\r\n\
         hash: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n",
        harness.sandbox.local_addr(),
        sign(body),
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// Sends `request` on a fresh connection and reads every byte the sandbox
/// writes until it closes the connection (a reset ends it too).
async fn exchange_raw(harness: &Harness, request: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(harness.sandbox.local_addr())
        .await
        .expect("connects");
    stream.write_all(request).await.expect("sent");
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let read_all = async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => received.extend_from_slice(&buffer[..read]),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read_all)
        .await
        .expect("the sandbox closes the connection");
    received
}

fn job_path(job: &str) -> String {
    format!("{JOBS}/{job}")
}

fn order_of(request: &Value) -> String {
    request["order"]["orderNumber"]
        .as_str()
        .expect("an order number")
        .to_owned()
}

/// Whether the sandbox holds a job with this order number, asked over the
/// Gateway's own `HEAD` call.
async fn order_exists(harness: &Harness, order: &str) -> bool {
    let path = format!("/api/gateway/orders/{order}");
    match harness.call(Method::HEAD, &path, None).await.status {
        200 => true,
        404 => false,
        other => panic!("HEAD {path} answered {other}"),
    }
}

fn last_fault(harness: &Harness) -> Option<String> {
    harness
        .sandbox
        .requests()
        .last()
        .expect("a request recorded")
        .fault
        .clone()
}

#[tokio::test]
async fn a_drop_after_processing_answers_nothing_but_the_job_is_created() {
    let harness = Harness::start().await;
    let fault = Fault::new(FaultKind::DropAfterProcessing)
        .with_method("POST")
        .with_path(JOBS);
    harness.sandbox.inject_fault(fault).expect("injected");
    let request = luke("12.00");
    let body = serde_json::to_vec(&request).expect("JSON");

    let answered = exchange_raw(&harness, &raw_request(&harness, "POST", JOBS, &body)).await;

    assert!(
        answered.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&answered)
    );
    assert_eq!(
        last_fault(&harness).as_deref(),
        Some("drop_after_processing")
    );
    assert_eq!(harness.sandbox.totals().payment_jobs, 1);
    assert!(order_exists(&harness, &order_of(&request)).await);
    assert!(harness.sandbox.faults().is_empty(), "used up");
}

#[tokio::test]
async fn a_drop_before_processing_answers_nothing_and_creates_nothing() {
    let harness = Harness::start().await;
    let fault = Fault::new(FaultKind::DropBeforeProcessing).with_path(JOBS);
    harness.sandbox.inject_fault(fault).expect("injected");
    let request = luke("12.00");
    let body = serde_json::to_vec(&request).expect("JSON");

    let answered = exchange_raw(&harness, &raw_request(&harness, "POST", JOBS, &body)).await;

    assert!(
        answered.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&answered)
    );
    assert_eq!(
        last_fault(&harness).as_deref(),
        Some("drop_before_processing")
    );
    assert_eq!(harness.sandbox.totals().payment_jobs, 0);
    assert!(!order_exists(&harness, &order_of(&request)).await);
    // The fault is spent: the same create goes through now.
    harness.create_ok(&request).await;
}

#[tokio::test]
async fn a_truncated_body_announces_its_full_length_and_sends_half() {
    let harness = Harness::start().await;
    let (job, _) = harness.create_ok(&luke("3.00")).await;
    let path = job_path(&job);
    let whole = exchange_raw(&harness, &raw_request(&harness, "GET", &path, b"")).await;
    let fault = Fault::new(FaultKind::TruncateBody).with_method("get");
    harness.sandbox.inject_fault(fault).expect("injected");

    let cut = exchange_raw(&harness, &raw_request(&harness, "GET", &path, b"")).await;

    let split = |bytes: &[u8]| {
        let end = bytes
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a head");
        let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
        (head, bytes[end + 4..].to_vec())
    };
    let (whole_head, whole_body) = split(&whole);
    let (cut_head, cut_body) = split(&cut);
    assert!(cut_head.starts_with("http/1.1 200"), "{cut_head}");
    let length = format!("content-length: {}", whole_body.len());
    assert!(whole_head.contains(&length), "{whole_head}");
    assert!(
        cut_head.contains(&length),
        "the full length is announced: {cut_head}"
    );
    assert_eq!(
        cut_body,
        whole_body[..whole_body.len() / 2],
        "the first half, no more"
    );
    assert_eq!(last_fault(&harness).as_deref(), Some("truncate_body"));
}

#[tokio::test]
async fn a_status_fault_answers_without_processing_in_each_protocols_form() {
    let harness = Harness::start().await;
    let fault = Fault::new(FaultKind::Status(503)).with_path(JOBS);
    harness.sandbox.inject_fault(fault).expect("injected");
    let request = luke("5.00");

    let answer = harness.create(&request).await;
    assert_eq!(answer.status, 503);
    assert_eq!(
        answer.body["errorReport"]["isFatalError"],
        json!(true),
        "{}",
        answer.body
    );
    assert_eq!(harness.sandbox.totals().payment_jobs, 0, "not processed");
    assert_eq!(last_fault(&harness).as_deref(), Some("status"));

    // Remote Auth is no Gateway path: the bare status, no envelope.
    let fault = Fault::new(FaultKind::Status(500)).with_path(REMOTE_AUTH_PATH);
    harness.sandbox.inject_fault(fault).expect("injected");
    let response = harness
        .http
        .post(harness.url(REMOTE_AUTH_PATH))
        .form(&[("auth_id", "x")])
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 500);
    assert!(response.bytes().await.expect("a body").is_empty());
}

#[tokio::test]
async fn a_delay_holds_the_request_then_answers_it() {
    let harness = Harness::start().await;
    let delay = Duration::from_millis(400);
    let fault = Fault::new(FaultKind::Delay(delay)).with_method("POST");
    harness.sandbox.inject_fault(fault).expect("injected");
    let started = Instant::now();
    harness.create_ok(&luke("1.00")).await;
    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
    assert_eq!(last_fault(&harness).as_deref(), Some("delay"));
}

#[tokio::test]
async fn a_fault_fires_its_times_on_matching_requests_only() {
    let harness = Harness::start().await;
    let (job, _) = harness.create_ok(&luke("2.00")).await;
    let template = "/api/gateway/payment-jobs/{paymentJobReference}";
    let fault = Fault::new(FaultKind::Status(500))
        .with_method("get")
        .with_path(template)
        .with_times(2);
    let id = harness.sandbox.inject_fault(fault).expect("injected");

    // Another method, another path: untouched, and not counted.
    harness.create_ok(&luke("2.00")).await;
    let order = format!("/api/gateway/orders/{}", "missing");
    assert_eq!(harness.call(Method::HEAD, &order, None).await.status, 404);
    let pending = harness.sandbox.faults();
    assert_eq!((pending[0].id, pending[0].remaining), (id, 2));

    let path = job_path(&job);
    let get = || harness.call(Method::GET, &path, None);
    assert_eq!(get().await.status, 500);
    assert_eq!(harness.sandbox.faults()[0].remaining, 1);
    assert_eq!(get().await.status, 500);
    assert!(harness.sandbox.faults().is_empty());
    assert_eq!(get().await.status, 200);
    let faults: Vec<Option<String>> = harness
        .sandbox
        .requests()
        .into_iter()
        .map(|request| request.fault)
        .collect();
    let status = Some("status".to_owned());
    assert_eq!(
        faults,
        [None, None, None, status.clone(), status, None],
        "the log says which requests met the fault"
    );
}

#[tokio::test]
async fn a_concrete_path_matches_and_cleared_faults_fire_no_more() {
    let harness = Harness::start().await;
    let (job, _) = harness.create_ok(&luke("2.00")).await;
    let (other, _) = harness.create_ok(&luke("2.00")).await;
    let fault = Fault::new(FaultKind::Status(503)).with_path(&job_path(&job));
    harness.sandbox.inject_fault(fault).expect("injected");
    let other_answer = harness.call(Method::GET, &job_path(&other), None).await;
    assert_eq!(
        other_answer.status, 200,
        "another job's path does not match"
    );
    let answer = harness.call(Method::GET, &job_path(&job), None).await;
    assert_eq!(answer.status, 503);

    let everything = Fault::new(FaultKind::DropBeforeProcessing).with_times(5);
    harness.sandbox.inject_fault(everything).expect("injected");
    assert_eq!(harness.sandbox.faults().len(), 1);
    harness.sandbox.clear_faults();
    assert!(harness.sandbox.faults().is_empty());
    assert_eq!(
        harness
            .call(Method::GET, &job_path(&job), None)
            .await
            .status,
        200
    );
    assert_eq!(last_fault(&harness), None);
}

#[tokio::test]
async fn the_log_line_names_the_fault() {
    let logs = crate::harness::captured_logs();
    let harness = Harness::start().await;
    let fault = Fault::new(FaultKind::Status(503)).with_path("/api/gateway/orders/{orderNumber}");
    harness.sandbox.inject_fault(fault).expect("injected");
    let answer = harness
        .call(Method::HEAD, "/api/gateway/orders/fault-log-order", None)
        .await;
    assert_eq!(answer.status, 503);
    let logs = logs.lock().expect("the log").clone();
    assert!(
        logs.iter().any(
            |line| line.contains("route=/api/gateway/orders/{orderNumber}")
                && line.contains("status=503")
                && line.contains("fault=\"status\"")
        ),
        "{logs:?}"
    );
}

#[test]
fn the_json_form_reads_and_writes_every_kind() {
    let read = |json: Value| Fault::from_json(json.to_string().as_bytes());
    let fault = read(json!({"kind": "status", "status": 503, "method": "post", "path": JOBS}))
        .expect("a fault");
    assert_eq!(
        fault,
        Fault::new(FaultKind::Status(503))
            .with_method("POST")
            .with_path(JOBS)
    );
    assert_eq!(
        serde_json::to_value(&fault).expect("JSON"),
        json!({"kind": "status", "status": 503, "method": "POST", "path": JOBS, "times": 1})
    );
    let delay = read(json!({"kind": "delay", "delay_ms": 60000, "times": 3})).expect("a fault");
    assert_eq!(delay.kind, FaultKind::Delay(Duration::from_secs(60)));
    assert_eq!(delay.times, 3);
    for kind in cashflows_sandbox::FAULT_KINDS {
        let mut json = json!({"kind": kind});
        match kind {
            "status" => json["status"] = json!(500),
            "delay" => json["delay_ms"] = json!(1),
            _ => {}
        }
        let fault = read(json.clone()).expect("every kind reads");
        assert_eq!(fault.kind.name(), kind);
        let again: Fault = serde_json::from_value(serde_json::to_value(&fault).expect("JSON"))
            .expect("reads back");
        assert_eq!(again, fault);
    }
}

#[test]
fn the_json_form_refuses_each_mistake_saying_what_it_is() {
    let refused = |json: &str| Fault::from_json(json.as_bytes()).expect_err(json);
    let cases: [(&str, FaultError, &str); 10] = [
        (
            r#"{"kind": "explode"}"#,
            FaultError::UnknownKind("explode".to_owned()),
            "drop_after_processing, drop_before_processing, status, delay, truncate_body",
        ),
        (
            r#"{"kind": "status", "status": 404}"#,
            FaultError::Status(404),
            "500 or 503",
        ),
        (
            r#"{"kind": "status", "status": 70000}"#,
            FaultError::Status(70000),
            "not 70000",
        ),
        (
            r#"{"kind": "status"}"#,
            FaultError::MissingField {
                kind: "status",
                field: "status",
            },
            "needs \"status\"",
        ),
        (
            r#"{"kind": "delay"}"#,
            FaultError::MissingField {
                kind: "delay",
                field: "delay_ms",
            },
            "needs \"delay_ms\"",
        ),
        (
            r#"{"kind": "delay", "delay_ms": 5, "status": 500}"#,
            FaultError::ExcessField {
                kind: "delay",
                field: "status",
            },
            "takes no \"status\"",
        ),
        (
            r#"{"kind": "truncate_body", "delay_ms": 5}"#,
            FaultError::ExcessField {
                kind: "truncate_body",
                field: "delay_ms",
            },
            "takes no \"delay_ms\"",
        ),
        (
            r#"{"kind": "delay", "delay_ms": 60001}"#,
            FaultError::DelayTooLong(60001),
            "at most 60000",
        ),
        (
            r#"{"kind": "truncate_body", "times": 0}"#,
            FaultError::Times(0),
            "1 to 1000",
        ),
        (
            r#"{"kind": "truncate_body", "times": 1001}"#,
            FaultError::Times(1001),
            "not 1001",
        ),
    ];
    for (json, error, words) in cases {
        let refusal = refused(json);
        assert_eq!(refusal, error, "{json}");
        assert!(refusal.to_string().contains(words), "{json}: {refusal}");
    }
    for json in [
        r#"{"kind": "status", "status": 500, "colour": "red"}"#,
        r#"{"status": 500}"#,
        r#"{"kind": "status", "status": "500"}"#,
        "not json",
    ] {
        assert!(matches!(refused(json), FaultError::Json(_)), "{json}");
    }
    let unknown_field = refused(r#"{"kind": "delay", "delay_ms": 1, "colour": "red"}"#);
    assert!(
        unknown_field.to_string().contains("unknown field `colour`"),
        "{unknown_field}"
    );
    assert!(matches!(
        refused(r#"{"kind": "status", "status": 500, "path": "jobs"}"#),
        FaultError::Path(_)
    ));
    assert!(matches!(
        refused(r#"{"kind": "status", "status": 500, "method": "G T"}"#),
        FaultError::Method(_)
    ));
}

#[tokio::test]
async fn a_fault_that_could_never_fire_is_not_injected() {
    let harness = Harness::start().await;
    let refused = harness
        .sandbox
        .inject_fault(Fault::new(FaultKind::Status(418)))
        .expect_err("418 is no server failure");
    assert_eq!(refused, FaultError::Status(418));
    for _ in 0..cashflows_sandbox::MAX_PENDING_FAULTS {
        harness
            .sandbox
            .inject_fault(Fault::new(FaultKind::TruncateBody).with_path("/nowhere"))
            .expect("injected");
    }
    let too_many = harness
        .sandbox
        .inject_fault(Fault::new(FaultKind::TruncateBody))
        .expect_err("too many");
    assert_eq!(too_many, FaultError::TooMany);
    assert!(harness.sandbox.faults().len() == cashflows_sandbox::MAX_PENDING_FAULTS);
}
