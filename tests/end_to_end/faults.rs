//! The client against faults the sandbox injects into its own answers: a
//! create whose connection drops after the job was made, or before, ends in
//! an unknown outcome, resolved by the order lookup the book describes (the
//! webhook then names the job made); a read answered 503 once is retried
//! and succeeds. The async client and the blocking one alike.

use cashflows::models::{CreatePaymentJobRequest, PaymentStatus};
use cashflows::{Amount, CreateOutcome, Error, OutcomeUnknown, blocking};
use cashflows_sandbox::{Fault, FaultKind, Sandbox};
use cashflows_test_support::jobs::paid_payment;
use cashflows_test_support::webhooks::acknowledging_receiver;
use cashflows_test_support::{API_KEY, AUTH_PASS, credentials, sandbox};

const JOBS: &str = "/api/gateway/payment-jobs";
const JOB: &str = "/api/gateway/payment-jobs/{paymentJobReference}";

fn drop_create(kind: FaultKind) -> Fault {
    Fault::new(kind).with_method("POST").with_path(JOBS)
}

fn unknown_outcome<T: std::fmt::Debug>(result: Result<T, Error>) -> OutcomeUnknown {
    match result {
        Err(Error::OutcomeUnknown(unknown)) => unknown,
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

fn order_of(request: &CreatePaymentJobRequest) -> Option<String> {
    request
        .order
        .as_ref()
        .and_then(|order| order.order_number.clone())
}

/// The requests with this method and path, each with the fault it met.
fn faults_met(sandbox: &Sandbox, method: &str, path: &str) -> Vec<Option<String>> {
    sandbox
        .requests()
        .into_iter()
        .filter(|request| request.method == method && request.path == path)
        .map(|request| request.fault)
        .collect()
}

#[tokio::test]
async fn a_create_dropped_after_processing_is_found_by_its_order_and_named_by_its_webhook() {
    let (sandbox, client) = sandbox::start().await;
    let (hook, mut notifications) = acknowledging_receiver().await;
    let mut request = paid_payment(1500);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.webhook_url = Some(hook);
    }
    sandbox
        .inject_fault(drop_create(FaultKind::DropAfterProcessing))
        .expect("injected");

    let unknown = unknown_outcome(client.create_payment_job(&request).await);
    assert_eq!(unknown.order_number, order_of(&request));
    assert_eq!(
        faults_met(&sandbox, "POST", JOBS),
        [Some("drop_after_processing".to_owned())],
        "sent once: a create is never retried blindly"
    );
    let outcome = client
        .resolve_unknown_create(&unknown)
        .await
        .expect("looked up");
    assert_eq!(outcome, CreateOutcome::Created);

    // The book's recovery for a direct card create: the webhook names it.
    let notification =
        tokio::time::timeout(std::time::Duration::from_secs(10), notifications.recv())
            .await
            .expect("notified in time")
            .expect("a notification");
    let reference = notification["paymentJobReference"]
        .as_str()
        .expect("the job's reference");
    let job = client
        .retrieve_payment_job(reference)
        .await
        .expect("retrieved");
    assert_eq!(job.data.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(
        job.data
            .order
            .as_ref()
            .and_then(|order| order.order_number.clone()),
        order_of(&request)
    );
    assert_eq!(
        sandbox.totals().paid,
        Amount::from_minor_units(1500),
        "charged once"
    );
    let deliveries = sandbox.webhook_deliveries();
    assert!(
        deliveries
            .iter()
            .any(|delivery| delivery.payment_job_reference == reference && delivery.acknowledged),
        "{deliveries:?}"
    );
}

#[tokio::test]
async fn a_create_dropped_before_processing_is_not_found_and_is_sent_again() {
    let (sandbox, client) = sandbox::start().await;
    let request = paid_payment(900);
    sandbox
        .inject_fault(drop_create(FaultKind::DropBeforeProcessing))
        .expect("injected");

    let unknown = unknown_outcome(client.create_payment_job(&request).await);
    assert_eq!(sandbox.totals().payment_jobs, 0);
    let outcome = client
        .resolve_unknown_create(&unknown)
        .await
        .expect("looked up");
    assert_eq!(outcome, CreateOutcome::NotCreated);
    let created = client.create_payment_job(&request).await.expect("created");
    assert_eq!(created.data.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(900));
    assert_eq!(
        faults_met(&sandbox, "POST", JOBS),
        [Some("drop_before_processing".to_owned()), None]
    );
}

#[tokio::test]
async fn a_read_answered_503_once_is_retried_and_succeeds() {
    let (sandbox, client) = sandbox::start().await;
    let created = client
        .create_payment_job(&paid_payment(300))
        .await
        .expect("created");
    let reference = created.data.reference.expect("a reference").to_string();
    let fault = Fault::new(FaultKind::Status(503))
        .with_method("GET")
        .with_path(JOB);
    sandbox.inject_fault(fault).expect("injected");

    let job = client
        .retrieve_payment_job(&reference)
        .await
        .expect("retried");
    assert_eq!(job.data.payment_status, Some(PaymentStatus::Paid));
    let path = format!("{JOBS}/{reference}");
    assert_eq!(
        faults_met(&sandbox, "GET", &path),
        [Some("status".to_owned()), None],
        "answered 503, then retried"
    );
}

/// A sandbox served by a runtime of its own, for the blocking client.
struct RunningSandbox {
    sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

fn start_blocking() -> (RunningSandbox, blocking::Client) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime for the server");
    let sandbox = runtime.block_on(sandbox::start_with(sandbox::config()));
    let client = credentials::client_builder_with(sandbox.base_url(), API_KEY, AUTH_PASS)
        .build_blocking()
        .expect("the client builds");
    (
        RunningSandbox {
            sandbox,
            _runtime: runtime,
        },
        client,
    )
}

#[test]
fn the_blocking_client_resolves_both_dropped_creates() {
    let (running, client) = start_blocking();
    let sandbox = &running.sandbox;
    for (kind, expected) in [
        (FaultKind::DropAfterProcessing, CreateOutcome::Created),
        (FaultKind::DropBeforeProcessing, CreateOutcome::NotCreated),
    ] {
        let request = paid_payment(200);
        sandbox.inject_fault(drop_create(kind)).expect("injected");
        let unknown = unknown_outcome(client.create_payment_job(&request));
        assert_eq!(unknown.order_number, order_of(&request));
        let outcome = client.resolve_unknown_create(&unknown).expect("looked up");
        assert_eq!(outcome, expected, "{kind:?}");
    }
    assert_eq!(sandbox.totals().payment_jobs, 1, "only the processed one");
}

#[test]
fn the_blocking_client_retries_a_read_answered_503() {
    let (running, client) = start_blocking();
    let sandbox = &running.sandbox;
    let created = client
        .create_payment_job(&paid_payment(250))
        .expect("created");
    let reference = created.data.reference.expect("a reference").to_string();
    let fault = Fault::new(FaultKind::Status(503))
        .with_method("GET")
        .with_path(JOB);
    sandbox.inject_fault(fault).expect("injected");

    let job = client.retrieve_payment_job(&reference).expect("retried");
    assert_eq!(job.data.payment_status, Some(PaymentStatus::Paid));
    let path = format!("{JOBS}/{reference}");
    assert_eq!(
        faults_met(sandbox, "GET", &path),
        [Some("status".to_owned()), None]
    );
}
