//! What a merchant does when a call's outcome is unknown, against the
//! sandbox: a create whose answer is lost is never sent again blindly but
//! resolved through the order lookup; Remote Auth refunds and voids need no
//! card data; a payment intent is created for embedded checkout.

use std::time::Duration;

use cashflows::models::{CreatePaymentIntentRequest, PaymentStatus, UpdateOrderRequest};
use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};
use cashflows::{
    Amount, CardNumber, CardSecurityCode, Client, CreateOutcome, Error, GatewayErrorCode,
    RetryPolicy, test_cards,
};
use cashflows_test_support::jobs::{order_number, paid_payment};
use cashflows_test_support::{CONFIGURATION_ID, credentials, raw_http, sandbox};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// What the proxy does with the one request it takes.
#[derive(Clone, Copy)]
enum Loss {
    /// Forwards it to the sandbox, reads the answer, and drops it.
    Answer,
    /// Drops it without forwarding: the request never arrives.
    Request,
}

/// A proxy in front of the sandbox that loses one thing, and the client of it.
async fn lossy_client(sandbox_address: std::net::SocketAddr, loss: Loss) -> Client {
    let (listener, base) = raw_http::listen().await;
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let Some(request) = raw_http::read_message(&mut client).await else {
                continue;
            };
            if let Loss::Answer = loss {
                let mut upstream = TcpStream::connect(sandbox_address).await.expect("connects");
                upstream.write_all(request.bytes()).await.expect("forwards");
                let _answer = raw_http::read_message(&mut upstream).await;
            }
            drop(client);
        }
    });
    credentials::client_builder(&base)
        .retry_policy(RetryPolicy::NONE)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("builds")
}

fn unknown_outcome<T: std::fmt::Debug>(result: Result<T, Error>) -> cashflows::OutcomeUnknown {
    match result {
        Err(Error::OutcomeUnknown(unknown)) => unknown,
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_resolved_as_created_and_never_charged_twice() {
    let (sandbox, client) = sandbox::start().await;
    let lossy = lossy_client(sandbox.local_addr(), Loss::Answer).await;
    let request = paid_payment(1000);
    let order = request.order.as_ref().and_then(|o| o.order_number.clone());

    let unknown = unknown_outcome(lossy.create_payment_job(&request).await);
    assert_eq!(unknown.order_number, order);
    assert_eq!(sandbox.totals().payment_jobs, 1, "the create did happen");

    let outcome = client
        .resolve_unknown_create(&unknown)
        .await
        .expect("looked up");
    assert_eq!(outcome, CreateOutcome::Created);
    let again = client.create_payment_job(&request).await;
    match again {
        Err(Error::Api(refusal)) => {
            assert!(refusal.has(&GatewayErrorCode::OrderReferenceNotUnique))
        }
        other => panic!("a second create with the order number is refused, got {other:?}"),
    }
    assert_eq!(sandbox.totals().payment_jobs, 1);
    assert_eq!(
        sandbox.totals().paid,
        Amount::from_minor_units(1000),
        "charged once"
    );
}

#[tokio::test]
async fn a_create_that_never_arrived_is_resolved_as_not_created_and_sent_again() {
    let (sandbox, client) = sandbox::start().await;
    let lossy = lossy_client(sandbox.local_addr(), Loss::Request).await;
    let request = paid_payment(700);

    let unknown = unknown_outcome(lossy.create_payment_job(&request).await);
    assert_eq!(sandbox.totals().payment_jobs, 0);
    let outcome = client
        .resolve_unknown_create(&unknown)
        .await
        .expect("looked up");
    assert_eq!(outcome, CreateOutcome::NotCreated);
    let created = client
        .create_payment_job(&request)
        .await
        .expect("created again");
    assert_eq!(created.data.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(700));
}

#[tokio::test]
async fn an_unknown_create_without_an_order_number_says_it_cannot_be_resolved() {
    let (sandbox, client) = sandbox::start().await;
    let lossy = lossy_client(sandbox.local_addr(), Loss::Request).await;
    let mut request = paid_payment(100);
    request.order = None;
    let unknown = unknown_outcome(lossy.create_payment_job(&request).await);
    assert_eq!(unknown.order_number, None);
    match client.resolve_unknown_create(&unknown).await {
        Err(Error::Invalid(reason)) => assert!(reason.contains("order number"), "{reason}"),
        other => panic!("expected an explanation, got {other:?}"),
    }
}

#[tokio::test]
async fn order_numbers_are_looked_up_with_head() {
    let (_sandbox, client) = sandbox::start().await;
    let request = paid_payment(100);
    let order = request
        .order
        .as_ref()
        .and_then(|o| o.order_number.clone())
        .expect("an order number");
    assert!(!client.order_exists(&order).await.expect("looked up"));
    client.create_payment_job(&request).await.expect("created");
    assert!(client.order_exists(&order).await.expect("looked up"));
}

fn remote(kind: TransactionType, reference: &str) -> RemoteAuthRequest {
    RemoteAuthRequest {
        tran_type: Some(kind),
        tran_class: Some(TransactionClass::Ecommerce),
        tran_ref: Some(reference.to_owned()),
        tran_amount: Some(Amount::from_minor_units(1000)),
        tran_currency: Some("GBP".to_owned()),
        tran_testmode: Some(true),
        ..RemoteAuthRequest::default()
    }
}

#[tokio::test]
async fn remote_auth_refunds_and_voids_carry_no_card_data() {
    let (sandbox, client) = sandbox::start().await;
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let sale = |reference: &str| RemoteAuthRequest {
        card_num: Some(CardNumber::new(card.number)),
        card_cvv: Some(CardSecurityCode::new(card.cvc)),
        card_expiry: Some("1230".to_owned()),
        ..remote(TransactionType::Sale, reference)
    };
    let first = client.remote_auth(&sale("sale-1")).await.expect("a reply");
    let second = client.remote_auth(&sale("sale-2")).await.expect("a reply");
    assert!(first.is_authorised() && second.is_authorised());

    let refund = RemoteAuthRequest {
        tran_orig_id: Some(first.transaction_id.clone()),
        ..remote(TransactionType::Refund, "refund-1")
    };
    let void = RemoteAuthRequest {
        tran_orig_id: Some(second.transaction_id.clone()),
        ..remote(TransactionType::Void, "void-1")
    };
    for request in [&refund, &void] {
        let fields = request.form_fields().expect("no card data is demanded");
        assert!(
            !fields.iter().any(|(name, _)| name.starts_with("card_")),
            "{fields:?}"
        );
        let reply = client.remote_auth(request).await.expect("a reply");
        assert!(reply.is_authorised(), "{reply:?}");
    }
    let totals = sandbox.totals();
    assert_eq!(
        totals.remote_auth_sales,
        Amount::from_minor_units(1000),
        "one sale voided"
    );
    assert_eq!(totals.remote_auth_refunds, Amount::from_minor_units(1000));

    let without_original = remote(TransactionType::Refund, "refund-2");
    match client.remote_auth(&without_original).await {
        Err(Error::Invalid(reason)) => assert!(reason.contains("tran_orig_id"), "{reason}"),
        other => panic!("a refund names its original, got {other:?}"),
    }
}

#[tokio::test]
async fn a_payment_intent_is_created_for_embedded_checkout() {
    let (_sandbox, client) = sandbox::start().await;
    let order = order_number();
    let request = CreatePaymentIntentRequest {
        configuration_id: Some(CONFIGURATION_ID.to_owned()),
        amount_to_collect: Some(Amount::from_minor_units(2500)),
        currency: Some("GBP".to_owned()),
        order: Some(UpdateOrderRequest {
            order_number: Some(order.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let intent = client
        .create_payment_intent(&request)
        .await
        .expect("created")
        .data;
    let token = intent.token.expect("a token for the browser");
    assert!(!token.is_empty());
    let job_reference = intent.payment_job_reference.expect("the job it pays");
    let job = client
        .retrieve_payment_job(job_reference.as_str())
        .await
        .expect("the job exists")
        .data;
    assert_eq!(job.payment_status, Some(PaymentStatus::Pending));
    assert_eq!(job.amount_to_collect, Some(Amount::from_minor_units(2500)));
    assert!(client.order_exists(&order).await.expect("looked up"));
}
