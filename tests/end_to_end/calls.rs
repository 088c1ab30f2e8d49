//! The generated client against the generated sandbox over loopback HTTP:
//! every endpoint, the documented errors, Remote Auth and webhooks.

use std::time::Duration;

use cashflows::endpoints::SupportedPaymentMethodsQuery;
use cashflows::models::{
    CapturePaymentRequest, CaptureStatus, CardTokenisationRequest, Parameters, PaymentStatus,
    RefundPaymentRequest, RefundStatus,
};
use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};
use cashflows::{Amount, CardNumber, CardSecurityCode, Error, GatewayErrorCode, test_cards};
use cashflows_test_support::jobs::{card_payment, order_number, paid_payment, reserved_payment};
use cashflows_test_support::raw_http;
use cashflows_test_support::sandbox;
use cashflows_test_support::{API_KEY, AUTH_PASS, CONFIGURATION_ID};

/// The error kinds of a refusal, or a failure naming what came instead.
fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, Vec<GatewayErrorCode>) {
    match result {
        Err(Error::Api(api)) => (
            api.status,
            api.errors.into_iter().map(|error| error.kind).collect(),
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn first_payment(job: &cashflows::models::PaymentJob) -> &cashflows::models::Payment {
    job.payments.first().expect("the job has a payment")
}

#[tokio::test]
async fn a_luke_skywalker_card_payment_is_paid_and_can_be_retrieved() {
    let (sandbox, client) = sandbox::start().await;
    let created = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created");
    assert_eq!(created.status, 201);
    let job = created.data;
    assert_eq!(job.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(job.amount_to_collect, Some(Amount::from_minor_units(1000)));
    let payment = first_payment(&job);
    assert_eq!(payment.status, Some(PaymentStatus::Paid));

    let job_ref = job.reference.as_ref().expect("a reference").as_str();
    let retrieved = client
        .retrieve_payment_job(job_ref)
        .await
        .expect("retrieved");
    assert_eq!(retrieved.status, 200);
    assert_eq!(retrieved.data.reference, job.reference);
    let payment = client
        .retrieve_payment(
            job_ref,
            payment.reference.as_ref().expect("a reference").as_str(),
        )
        .await
        .expect("retrieved");
    assert_eq!(payment.data.status, Some(PaymentStatus::Paid));
    drop(sandbox);
}

#[tokio::test]
async fn the_hash_sent_verifies_against_the_exact_bytes_received() {
    let (sandbox, client) = sandbox::start().await;
    let job = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created")
        .data;
    client
        .retrieve_payment_job(job.reference.as_ref().expect("a reference").as_str())
        .await
        .expect("retrieved");
    let requests = sandbox.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let hash = request.hash.as_deref().expect("a Hash header");
        assert_eq!(
            hash,
            cashflows::sign_request(API_KEY, &request.body),
            "{} {}",
            request.method,
            request.path
        );
        assert_eq!(hash, hash.to_uppercase(), "upper-case hex");
        assert_eq!(request.configuration_id.as_deref(), Some(CONFIGURATION_ID));
    }
    assert!(!requests[0].body.is_empty());
    assert!(
        requests[1].body.is_empty(),
        "a GET is signed over the key alone"
    );
}

#[tokio::test]
async fn three_d_secure_names_drive_the_outcome() {
    let (_sandbox, client) = sandbox::start().await;
    let card = test_cards::MASTERCARD_CREDIT_5400200400099009;

    let challenged = card_payment(500, card.number, card.cvc, test_cards::HAN_SOLO.name);
    let response = client
        .create_payment_job(&challenged)
        .await
        .expect("created");
    assert_eq!(
        first_payment(&response.data).status,
        Some(PaymentStatus::Pending)
    );
    let action = response
        .links
        .and_then(|links| links.action)
        .and_then(|link| link.url);
    assert!(
        action.is_some_and(|url| url.starts_with("http://127.0.0.1")),
        "the shopper has somewhere to go"
    );

    let refused = card_payment(
        500,
        card.number,
        card.cvc,
        test_cards::LANDO_CALRISSIAN.name,
    );
    let (status, kinds) = refusal(client.create_payment_job(&refused).await);
    assert_eq!(status, 400);
    assert_eq!(kinds, vec![GatewayErrorCode::ThreeDSecureFailed]);
}

#[tokio::test]
async fn invalid_creates_are_refused_with_the_documented_errors() {
    let (_sandbox, client) = sandbox::start().await;

    let first = paid_payment(1000);
    client.create_payment_job(&first).await.expect("created");
    let (_, kinds) = refusal(client.create_payment_job(&first).await);
    assert_eq!(
        kinds,
        vec![GatewayErrorCode::OrderReferenceNotUnique],
        "recognised by message: no code is published"
    );

    let mut no_method = paid_payment(1000);
    no_method.payment_methods_to_use.clear();
    let (_, kinds) = refusal(client.create_payment_job(&no_method).await);
    assert_eq!(kinds, vec![GatewayErrorCode::NoPaymentMethodSelected]);

    for number in ["4111111111111111", "4000000000000003"] {
        let not_a_test_card = card_payment(1000, number, "123", test_cards::LUKE_SKYWALKER.name);
        let (_, kinds) = refusal(client.create_payment_job(&not_a_test_card).await);
        assert_eq!(kinds, vec![GatewayErrorCode::PaymentRefused], "{number}");
    }
}

#[tokio::test]
async fn captures_follow_the_reserved_amount() {
    let (_sandbox, client) = sandbox::start().await;
    let job = client
        .create_payment_job(&reserved_payment(1000))
        .await
        .expect("created")
        .data;
    let (job_ref, payment_ref) = (
        job.reference.as_ref().expect("a reference").as_str(),
        first_payment(&job)
            .reference
            .as_ref()
            .expect("a reference")
            .as_str(),
    );
    assert_eq!(first_payment(&job).status, Some(PaymentStatus::Reserved));

    let too_much = CapturePaymentRequest {
        amount_to_capture: Some(Amount::from_minor_units(1001)),
        ..Default::default()
    };
    let (_, kinds) = refusal(
        client
            .capture_payment(job_ref, payment_ref, &too_much)
            .await,
    );
    assert_eq!(
        kinds,
        vec![GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation]
    );

    let part = CapturePaymentRequest {
        amount_to_capture: Some(Amount::from_minor_units(400)),
        ..Default::default()
    };
    let capture = client
        .capture_payment(job_ref, payment_ref, &part)
        .await
        .expect("captured");
    assert_eq!(capture.status, 201);
    assert_eq!(
        capture.data.amount_to_capture,
        Some(Amount::from_minor_units(400))
    );
    let rest = client
        .capture_payment(job_ref, payment_ref, &CapturePaymentRequest::default())
        .await
        .expect("captured");
    assert_eq!(
        rest.data.amount_to_capture,
        Some(Amount::from_minor_units(600))
    );
    let payment = client
        .retrieve_payment(job_ref, payment_ref)
        .await
        .expect("retrieved")
        .data;
    assert_eq!(payment.status, Some(PaymentStatus::Paid));

    let (_, kinds) = refusal(client.capture_payment(job_ref, payment_ref, &part).await);
    assert_eq!(
        kinds,
        vec![GatewayErrorCode::InvalidPaymentStatus],
        "a Paid payment is not Reserved"
    );
}

#[tokio::test]
async fn refunds_never_exceed_what_was_paid() {
    let (_sandbox, client) = sandbox::start().await;
    let job = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created")
        .data;
    let (job_ref, payment_ref) = (
        job.reference.as_ref().expect("a reference").as_str(),
        first_payment(&job)
            .reference
            .as_ref()
            .expect("a reference")
            .as_str(),
    );
    let refund = |minor| RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(minor)),
        ..Default::default()
    };

    let (_, kinds) = refusal(
        client
            .refund_payment(job_ref, payment_ref, &refund(1001))
            .await,
    );
    assert_eq!(
        kinds,
        vec![GatewayErrorCode::RefundAmountExceedsOriginalAmount]
    );
    let partial = client
        .refund_payment(job_ref, payment_ref, &refund(300))
        .await
        .expect("refunded");
    assert_eq!(partial.status, 201);
    assert_eq!(
        partial.data.amount_to_refund,
        Some(Amount::from_minor_units(300))
    );
    let rest = client
        .refund_payment(job_ref, payment_ref, &RefundPaymentRequest::default())
        .await
        .expect("refunded");
    assert_eq!(
        rest.data.amount_to_refund,
        Some(Amount::from_minor_units(700))
    );
    let (_, kinds) = refusal(
        client
            .refund_payment(job_ref, payment_ref, &refund(1))
            .await,
    );
    assert_eq!(kinds, vec![GatewayErrorCode::PaymentAlreadyFullyRefunded]);
}

/// The references of a job's first payment.
fn payment_of(job: &cashflows::models::PaymentJob) -> (String, String) {
    let reference =
        |reference: Option<&cashflows::Reference>| reference.expect("a reference").to_string();
    (
        reference(job.reference.as_ref()),
        reference(first_payment(job).reference.as_ref()),
    )
}

/// The body of the last request the sandbox received, as text.
fn last_body(sandbox: &cashflows_sandbox::Sandbox) -> String {
    let requests = sandbox.requests();
    let last = requests.last().expect("a request was received");
    String::from_utf8(last.body.clone()).expect("a UTF-8 body")
}

#[tokio::test]
async fn capture_and_refund_parameters_go_out_as_built_and_are_read_in_any_case() {
    let (sandbox, client) = sandbox::start().await;
    let reserved = client
        .create_payment_job(&reserved_payment(1000))
        .await
        .expect("created")
        .data;
    let (job_ref, payment_ref) = payment_of(&reserved);
    let capture = CapturePaymentRequest {
        amount_to_capture: Some(Amount::from_minor_units(1000)),
        parameters: Parameters::from([
            ("shopNote", "parcel 7"),
            ("simulatedstatus", "Pending"),
            ("Alpha", ""),
        ]),
        ..Default::default()
    };
    let captured = client
        .capture_payment(&job_ref, &payment_ref, &capture)
        .await
        .expect("captured")
        .data;
    assert_eq!(
        captured.status,
        Some(CaptureStatus::Pending),
        "the sandbox reads `SimulatedStatus` in any case"
    );
    let sent = last_body(&sandbox);
    assert_eq!(
        sent,
        r#"{"amountToCapture":"10.00","parameters":{"shopNote":"parcel 7","simulatedstatus":"Pending","Alpha":""}}"#,
        "every key, in its spelling and order"
    );
    let read: CapturePaymentRequest = serde_json::from_str(&sent).expect("the body decodes");
    assert_eq!(read, capture);

    let paid = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created")
        .data;
    let (job_ref, payment_ref) = payment_of(&paid);
    let refund = RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(300)),
        parameters: Parameters::new().with("SIMULATEDSTATUS", "Failed"),
        ..Default::default()
    };
    let refunded = client
        .refund_payment(&job_ref, &payment_ref, &refund)
        .await
        .expect("refunded")
        .data;
    assert_eq!(refunded.status, Some(RefundStatus::Failed));
    assert_eq!(
        last_body(&sandbox),
        r#"{"amountToRefund":"3.00","parameters":{"SIMULATEDSTATUS":"Failed"}}"#
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_four_concurrent_refunds_of_one_pound_succeed_ten_times() {
    let (_sandbox, client) = sandbox::start().await;
    let job = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created")
        .data;
    let (job_ref, payment_ref) = (
        job.reference.clone().expect("a reference").to_string(),
        first_payment(&job)
            .reference
            .clone()
            .expect("a reference")
            .to_string(),
    );
    let tasks: Vec<_> = (0..24)
        .map(|_| {
            let (client, job_ref, payment_ref) =
                (client.clone(), job_ref.clone(), payment_ref.clone());
            tokio::spawn(async move {
                let one = RefundPaymentRequest {
                    amount_to_refund: Some(Amount::from_minor_units(100)),
                    ..Default::default()
                };
                client.refund_payment(&job_ref, &payment_ref, &one).await
            })
        })
        .collect();
    let mut succeeded = 0;
    for task in tasks {
        match task.await.expect("the task ran") {
            Ok(_) => succeeded += 1,
            Err(Error::Api(api)) => assert!(
                api.has(&GatewayErrorCode::RefundAmountExceedsOriginalAmount)
                    || api.has(&GatewayErrorCode::PaymentAlreadyFullyRefunded),
                "{api}"
            ),
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(succeeded, 10);
    let payment = client
        .retrieve_payment(&job_ref, &payment_ref)
        .await
        .expect("retrieved")
        .data;
    let refunded: cashflows::Decimal = payment
        .refunds
        .iter()
        .filter_map(|r| r.amount_to_refund)
        .map(|a| a.as_decimal())
        .sum();
    assert_eq!(refunded, cashflows::Decimal::from(10));
}

#[tokio::test]
async fn cancelling_jobs_and_payments() {
    let (_sandbox, client) = sandbox::start().await;
    let paid = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created")
        .data;
    let (_, kinds) = refusal(
        client
            .cancel_payment_job(paid.reference.as_ref().expect("a reference").as_str())
            .await,
    );
    assert_eq!(kinds, vec![GatewayErrorCode::PaymentJobAlreadyFinal]);

    let reserved = client
        .create_payment_job(&reserved_payment(1000))
        .await
        .expect("created")
        .data;
    let payment_ref = first_payment(&reserved)
        .reference
        .as_ref()
        .expect("a reference")
        .as_str();
    let cancelled = client
        .cancel_payment(
            reserved.reference.as_ref().expect("a reference").as_str(),
            payment_ref,
        )
        .await
        .expect("cancelled");
    assert_eq!(cancelled.data.status, Some(PaymentStatus::Cancelled));

    let mut hosted = paid_payment(1000);
    hosted.parameters = None;
    let pending = client
        .create_payment_job(&hosted)
        .await
        .expect("created")
        .data;
    assert_eq!(pending.payment_status, Some(PaymentStatus::Pending));
    let cancelled = client
        .cancel_payment_job(pending.reference.as_ref().expect("a reference").as_str())
        .await
        .expect("cancelled");
    assert_eq!(
        cancelled.data.payment_status,
        Some(PaymentStatus::Cancelled)
    );
}

#[tokio::test]
async fn unknown_references_are_not_found() {
    let (_sandbox, client) = sandbox::start().await;
    assert_eq!(
        client
            .retrieve_payment_job("999999999999999999")
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    let job = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created")
        .data;
    let missing = client
        .retrieve_payment(
            job.reference.as_ref().expect("a reference").as_str(),
            "999999999999999999",
        )
        .await;
    assert_eq!(missing.unwrap_err().status(), Some(404));
}

#[tokio::test]
async fn supported_methods_and_card_tokenisation() {
    let (_sandbox, client) = sandbox::start().await;
    let query = SupportedPaymentMethodsQuery {
        currency: Some("GBP".to_owned()),
        collect_amount: Some(Amount::from_minor_units(1000)),
        ..Default::default()
    };
    let methods = client
        .supported_payment_methods(&query)
        .await
        .expect("listed");
    assert!(!methods.data.is_empty());

    let card = test_cards::VISA_CREDIT_4000000000000002;
    let request = CardTokenisationRequest {
        card_number: Some(CardNumber::new(card.number)),
        card_holder_name: test_cards::LUKE_SKYWALKER.name.to_owned(),
        card_expiry_year: "30".to_owned(),
        card_expiry_month: "12".to_owned(),
        card_cvc: CardSecurityCode::new(card.cvc),
        ..Default::default()
    };
    let token = client.tokenise_card(&request).await.expect("tokenised");
    assert_eq!(token.status, 201);
    assert!(
        !token
            .data
            .token
            .as_ref()
            .expect("a token")
            .expose()
            .is_empty()
    );
    assert_eq!(token.data.card_expiry_month.as_deref(), Some("12"));
    assert_eq!(
        token
            .data
            .truncated_card_number
            .as_deref()
            .map(|t| (&t[..6], &t[t.len() - 4..])),
        Some(("400000", "0002"))
    );
}

#[tokio::test]
async fn a_bad_signature_is_401_and_is_sent_exactly_once() {
    let (sandbox, _) = sandbox::start().await;
    let client = sandbox::client_for(&sandbox, "the-wrong-key", AUTH_PASS);
    let error = client
        .retrieve_payment_job("220000000000000001")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(sandbox.requests().len(), 1, "a 401 is never retried");
    // The error says which credentials to check, and never shows them.
    let text = error.to_string();
    assert!(
        text.contains("check the configuration ID and the API key"),
        "{text}"
    );
    assert!(!text.contains("the-wrong-key") && !format!("{error:?}").contains("the-wrong-key"));
}

fn sale(card: &test_cards::TestCard) -> RemoteAuthRequest {
    RemoteAuthRequest {
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
    }
}

#[tokio::test]
async fn remote_auth_sale_is_authorised_and_declines_carry_acquirer_codes() {
    let (sandbox, client) = sandbox::start().await;
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let reply = client.remote_auth(&sale(&card)).await.expect("a reply");
    assert!(reply.is_authorised(), "{reply:?}");
    assert!(
        reply
            .authorisation_code()
            .is_some_and(|code| !code.is_empty())
    );
    assert!(!reply.transaction_id.is_empty());

    let mut bad_card = sale(&card);
    bad_card.card_num = Some(CardNumber::new("4000000000000003"));
    let reply = client.remote_auth(&bad_card).await.expect("a reply");
    let code = reply.response_code().expect("an acquirer code");
    assert_eq!(code.reason(), Some(cashflows::AcquirerReason::VX06));
    assert_eq!(reply.message, cashflows::AcquirerReason::VX06.reason());

    let wrong = sandbox::client_for(&sandbox, API_KEY, "the-wrong-pass");
    let reply = wrong.remote_auth(&sale(&card)).await.expect("a reply");
    assert_eq!(
        reply.response_code().and_then(|code| code.reason()),
        Some(cashflows::AcquirerReason::VX01)
    );

    let before = sandbox.requests().len();
    let mut incomplete = sale(&card);
    incomplete.tran_amount = None;
    match client.remote_auth(&incomplete).await {
        Err(Error::Invalid(reason)) => assert!(reason.contains("tran_amount"), "{reason}"),
        other => panic!("expected a refusal before sending, got {other:?}"),
    }
    assert_eq!(sandbox.requests().len(), before, "nothing was sent");
}

#[tokio::test]
async fn webhooks_are_delivered_and_acknowledged() {
    let (_sandbox, client) = sandbox::start().await;
    let (listener, base) = raw_http::listen().await;
    let url = format!("{base}/hook");
    let receiver = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a delivery");
        let request = raw_http::read_message(&mut stream)
            .await
            .expect("the connection closed early");
        let notification =
            cashflows::webhooks::parse_notification(request.body()).expect("a notification");
        let ack = cashflows::webhooks::acknowledgement_body(&notification);
        raw_http::respond(&mut stream, "200 OK", "application/json", ack.as_bytes())
            .await
            .expect("answers");
        // A rejected acknowledgement would bring the notification again
        // (the sandbox's default retries come within a second): none may.
        let again = tokio::time::timeout(Duration::from_millis(1500), listener.accept()).await;
        (notification, again.is_ok())
    });
    let mut request = paid_payment(1000);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.webhook_url = Some(url);
    }
    let job = client
        .create_payment_job(&request)
        .await
        .expect("created")
        .data;
    let (notification, delivered_again) = tokio::time::timeout(Duration::from_secs(10), receiver)
        .await
        .expect("delivered in time")
        .expect("received");
    assert_eq!(
        Some(&notification.payment_job_reference),
        job.reference.as_ref()
    );
    assert!(
        !delivered_again,
        "the sandbox sent the notification again: it did not take the client's acknowledgement"
    );
    let fetched = client
        .retrieve_payment_job(notification.payment_job_reference.as_str())
        .await
        .expect("fetched");
    assert_eq!(fetched.data.payment_status, Some(PaymentStatus::Paid));
}
