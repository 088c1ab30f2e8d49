//! The blocking client (`cashflows::blocking`, the `blocking` feature)
//! against the sandbox over loopback, from plain threads: the same calls,
//! errors, retries, timeouts and secrets handling as the async client.
//!
//! The sandbox runs on a runtime of the test's own; the client runs on the
//! one it owns.

use std::time::{Duration, Instant};

use cashflows::models::{CapturePaymentRequest, PaymentStatus, RefundPaymentRequest};
use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};
use cashflows::sandbox_triggers::http_statuses;
use cashflows::{
    Amount, CardNumber, CardSecurityCode, Error, GatewayErrorCode, RetryPolicy, blocking,
    test_cards,
};
use cashflows_sandbox::Sandbox;
use cashflows_test_support::jobs::{order_number, paid_payment, reserved_payment};
use cashflows_test_support::{API_KEY, AUTH_PASS, credentials, raw_http, sandbox};

/// A sandbox served by a runtime of its own, for as long as this lives.
struct RunningSandbox {
    sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

/// A runtime of the test's own, for the servers the client calls.
fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime for the server")
}

fn start_sandbox() -> RunningSandbox {
    let runtime = server_runtime();
    let (sandbox, _) = runtime.block_on(sandbox::start());
    RunningSandbox {
        sandbox,
        _runtime: runtime,
    }
}

fn builder(sandbox: &Sandbox, api_key: &str) -> cashflows::ClientBuilder {
    credentials::client_builder_with(sandbox.base_url(), api_key, AUTH_PASS)
}

fn client(sandbox: &Sandbox) -> blocking::Client {
    builder(sandbox, API_KEY)
        .build_blocking()
        .expect("the client builds")
}

fn references(job: &cashflows::models::PaymentJob) -> (String, String) {
    let payment = job.payments.first().expect("the job has a payment");
    (
        job.reference.as_ref().expect("a job reference").to_string(),
        payment
            .reference
            .as_ref()
            .expect("a payment reference")
            .to_string(),
    )
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<GatewayErrorCode> {
    match result {
        Err(Error::Api(api)) => api.errors.into_iter().map(|error| error.kind).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_payment_is_created_captured_refunded_and_counted_once() {
    let running = start_sandbox();
    let client = client(&running.sandbox);

    let created = client
        .create_payment_job(&reserved_payment(1000))
        .expect("created");
    assert_eq!(created.status, 201);
    let (job_ref, payment_ref) = references(&created.data);

    let capture = CapturePaymentRequest {
        amount_to_capture: Some(Amount::from_minor_units(1000)),
        ..Default::default()
    };
    let captured = client
        .capture_payment(&job_ref, &payment_ref, &capture)
        .expect("captured");
    assert_eq!(
        captured.data.amount_to_capture,
        Some(Amount::from_minor_units(1000))
    );

    let refund = RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(250)),
        ..Default::default()
    };
    client
        .refund_payment(&job_ref, &payment_ref, &refund)
        .expect("refunded");
    let too_much = RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(751)),
        ..Default::default()
    };
    assert_eq!(
        refusal(client.refund_payment(&job_ref, &payment_ref, &too_much)),
        vec![GatewayErrorCode::RefundAmountExceedsOriginalAmount]
    );

    let payment = client
        .retrieve_payment(&job_ref, &payment_ref)
        .expect("retrieved")
        .data;
    assert_eq!(payment.status, Some(PaymentStatus::Paid));
    let job = client
        .retrieve_payment_job(&job_ref)
        .expect("retrieved")
        .data;
    assert_eq!(job.amount_to_collect, Some(Amount::from_minor_units(1000)));

    let totals = running.sandbox.totals();
    assert_eq!(totals.payment_jobs, 1);
    assert_eq!(totals.captures, 1);
    assert_eq!(totals.refunds, 1);
    assert_eq!(totals.paid, Amount::from_minor_units(1000));
}

#[test]
fn clones_share_the_client_across_threads() {
    let running = start_sandbox();
    let client = client(&running.sandbox);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                client
                    .create_payment_job(&paid_payment(100))
                    .expect("created")
                    .data
                    .payment_status
            })
        })
        .collect();
    for worker in workers {
        assert_eq!(
            worker.join().expect("the thread finishes"),
            Some(PaymentStatus::Paid)
        );
    }
    assert_eq!(running.sandbox.totals().paid, Amount::from_minor_units(400));
}

#[test]
fn reads_are_retried_and_a_change_whose_answer_failed_is_unknown() {
    let running = start_sandbox();
    let client = builder(&running.sandbox, API_KEY)
        .retry_policy(RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        })
        .build_blocking()
        .expect("the client builds");

    let error = client
        .retrieve_payment_job(http_statuses::STATUS_503)
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        running.sandbox.requests().len(),
        3,
        "a read is retried twice"
    );

    let error = client
        .cancel_payment_job(http_statuses::STATUS_503)
        .unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown(_)),
        "a cancel answered 503 may have happened: {error:?}"
    );
    assert_eq!(running.sandbox.requests().len(), 4, "a change is sent once");
}

#[test]
fn a_bad_signature_is_a_typed_refusal_sent_once_and_no_secret_is_shown() {
    let running = start_sandbox();
    let wrong_key = "blocking-wrong-key-3c9e1f";
    let client = builder(&running.sandbox, wrong_key)
        .build_blocking()
        .expect("the client builds");
    let error = client
        .retrieve_payment_job("220000000000000001")
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(
        running.sandbox.requests().len(),
        1,
        "a 401 is never retried"
    );
    for shown in [
        format!("{client:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ] {
        assert!(!shown.contains(wrong_key), "the API key leaked: {shown}");
        assert!(!shown.contains(AUTH_PASS), "auth_pass leaked: {shown}");
    }
}

#[test]
fn a_silent_server_times_out() {
    // Accepts, reads, never answers.
    let runtime = server_runtime();
    let (base, _taken) = runtime.block_on(raw_http::silent_server());
    let timeout = Duration::from_millis(300);
    let client = credentials::client_builder(&base)
        .retry_policy(RetryPolicy::NONE)
        .timeout(timeout)
        .build_blocking()
        .expect("the client builds");
    let started = Instant::now();
    let error = client
        .retrieve_payment_job("220000000000000001")
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { after } if after == timeout),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn remote_auth_is_authorised() {
    let running = start_sandbox();
    let client = client(&running.sandbox);
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let request = RemoteAuthRequest {
        tran_type: Some(TransactionType::Sale),
        tran_class: Some(TransactionClass::Ecommerce),
        card_num: Some(CardNumber::new(card.number)),
        card_cvv: Some(CardSecurityCode::new(card.cvc)),
        card_expiry: Some("1230".to_owned()),
        tran_ref: Some(order_number()),
        tran_amount: Some(Amount::from_minor_units(1000)),
        tran_currency: Some("GBP".to_owned()),
        tran_testmode: Some(true),
        ..RemoteAuthRequest::default()
    };
    let reply = client.remote_auth(&request).expect("a reply");
    assert!(reply.is_authorised(), "{reply:?}");
}

#[test]
fn called_from_async_code_it_refuses_instead_of_stalling_and_drops_cleanly() {
    let running = start_sandbox();
    let client = client(&running.sandbox);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        match client.retrieve_payment_job("220000000000000001") {
            Err(Error::Invalid(reason)) => assert!(reason.contains("async"), "{reason}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        // The last clone dropped inside async code: no panic.
        drop(client);
    });
    assert!(running.sandbox.requests().is_empty(), "nothing was sent");
}
