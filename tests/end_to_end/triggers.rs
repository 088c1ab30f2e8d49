//! Every row of every table, provoked through the client against the
//! sandbox by the trigger `cashflows::sandbox_triggers` gives it, and
//! recognised by the client: the Gateway error by its kind, the warning
//! kept on a success, the acquirer code's class and reason, each call's
//! statuses (documented, or assumed where the call publishes none), and
//! every payment, capture and refund status.
//!
//! A natural, documented or sandbox-rule row needs a scenario here; a row
//! added to the spec without one fails its table's test, naming it. A new endpoint
//! fails to compile here until `call` has its arm.

use std::collections::BTreeSet;

use cashflows::endpoints::{self, Operation, SupportedPaymentMethodsQuery};
use cashflows::models::{
    CapturePaymentRequest, CardTokenisationRequest, CreatePaymentIntentRequest,
    CreatePaymentJobRequest, PaymentJobOption, PaymentJobParameters, PaymentMethodToUse,
    PaymentStatus, RefundPaymentRequest, RefundStepAction, UpdateOrderRequest,
};
use cashflows::remote_auth::{
    RemoteAuthReply, RemoteAuthRequest, TransactionClass, TransactionType,
};
use cashflows::sandbox_triggers::{self, CallStatus, Trigger, TriggerKind};
use cashflows::{
    AcquirerReason, Amount, CardNumber, CardSecurityCode, Client, Error, GatewayErrorCode,
    GatewayWarningCode, Reference, RetryPolicy, test_cards,
};
use cashflows_sandbox::Sandbox;
use cashflows_sandbox::limits::MAX_TOKENS_PER_CUSTOMER;
use cashflows_test_support::jobs::{card_payment, order_number, paid_payment, reserved_payment};
use cashflows_test_support::{API_KEY, AUTH_PASS, credentials, sandbox};

/// A client that never retries, so each status is seen as answered.
async fn start() -> (Sandbox, Client) {
    let (sandbox, _) = sandbox::start().await;
    let client = credentials::client_builder(sandbox.base_url())
        .retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .expect("the client builds");
    (sandbox, client)
}

/// The status of a failed call, seen through an unknown outcome too.
fn failed_status(error: &Error) -> Option<u16> {
    match error {
        Error::Api(api) => Some(api.status),
        Error::OutcomeUnknown(unknown) => failed_status(&unknown.cause),
        _ => None,
    }
}

fn with_order(mut request: CreatePaymentJobRequest, number: &str) -> CreatePaymentJobRequest {
    request.order = Some(UpdateOrderRequest {
        order_number: Some(number.to_owned()),
        ..UpdateOrderRequest::default()
    });
    request
}

/// A paid job that asks for a token (`GenerateToken`) for `customer`.
fn tokenising(customer: &str) -> CreatePaymentJobRequest {
    let mut request = paid_payment(1000);
    request.options = vec![PaymentJobOption::GenerateToken];
    if let Some(order) = request.order.as_mut() {
        order.customer_reference = Some(customer.to_owned());
    }
    request
}

/// The token the payment of a created job came back with.
fn token_of(job: &cashflows::models::PaymentJob) -> Option<cashflows::CardToken> {
    let payment = job.latest_payment()?;
    payment.attributes.as_ref()?.token.clone()
}

fn references(job: &cashflows::models::PaymentJob) -> (String, String) {
    let job_reference = job.reference.as_ref().expect("a job reference").to_string();
    let payment = job
        .payments
        .first()
        .and_then(|payment| payment.reference.as_ref())
        .map(ToString::to_string)
        .unwrap_or_default();
    (job_reference, payment)
}

async fn create(client: &Client, request: &CreatePaymentJobRequest) -> (String, String) {
    let created = client
        .create_payment_job(request)
        .await
        .expect("the job is created");
    references(&created.data)
}

fn capture(amount: i64, is_final: bool) -> CapturePaymentRequest {
    CapturePaymentRequest {
        amount_to_capture: Some(Amount::from_minor_units(amount)),
        is_final_capture: Some(is_final),
        ..CapturePaymentRequest::default()
    }
}

fn refund(amount: i64) -> RefundPaymentRequest {
    RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(amount)),
        ..RefundPaymentRequest::default()
    }
}

// --- Gateway errors ----------------------------------------------------------

#[tokio::test]
async fn every_gateway_error_is_provoked_and_recognised() {
    let (sandbox, client) = start().await;
    let mut seen = BTreeSet::new();
    for trigger in &sandbox_triggers::gateway_errors::ALL {
        let row = &trigger.row;
        let error = match trigger.value {
            Some(value) => client
                .create_payment_job(&with_order(paid_payment(1000), value))
                .await
                .map(|_| ())
                .expect_err("a project trigger refuses the create"),
            None => provoke_error(&client, row).await,
        };
        match &error {
            Error::Api(api) => {
                assert_eq!(api.status, 400, "{row:?}: {}", api.body);
                assert!(api.has(row), "{row:?} not recognised in {}", api.body);
            }
            other => panic!("{row:?}: expected a refusal, got {other:?}"),
        }
        seen.insert(format!("{row:?}"));
    }
    assert_eq!(seen.len(), GatewayErrorCode::known().count());
    drop(sandbox);
}

/// The natural, documented or sandbox-rule scenario of a Gateway error.
async fn provoke_error(client: &Client, row: &GatewayErrorCode) -> Error {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let result = match row {
        GatewayErrorCode::PaymentRefused => client
            .create_payment_job(&card_payment(
                1000,
                "4111111111111111",
                "123",
                "Luke Skywalker",
            ))
            .await
            .map(|_| ()),
        GatewayErrorCode::ThreeDSecureFailed => client
            .create_payment_job(&card_payment(
                1000,
                card.number,
                card.cvc,
                test_cards::DARTH_MAUL.name,
            ))
            .await
            .map(|_| ()),
        GatewayErrorCode::NoPaymentMethodSelected => {
            let mut request = paid_payment(1000);
            request.payment_methods_to_use.clear();
            client.create_payment_job(&request).await.map(|_| ())
        }
        GatewayErrorCode::PaymentMethodNotAllowed => {
            let mut request = paid_payment(1000);
            request.payment_methods_to_use = vec![PaymentMethodToUse::PayPal];
            client.create_payment_job(&request).await.map(|_| ())
        }
        GatewayErrorCode::InvalidAmountForPaymentMethod => client
            .create_payment_job(&paid_payment(100_000_000_000))
            .await
            .map(|_| ()),
        GatewayErrorCode::OrderReferenceNotUnique => {
            let request = paid_payment(1000);
            create(client, &request).await;
            client.create_payment_job(&request).await.map(|_| ())
        }
        GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation => {
            let (job, payment) = create(client, &reserved_payment(1000)).await;
            client
                .capture_payment(&job, &payment, &capture(2000, true))
                .await
                .map(|_| ())
        }
        GatewayErrorCode::InvalidPaymentStatus => {
            let (job, payment) = create(client, &paid_payment(1000)).await;
            client
                .capture_payment(&job, &payment, &capture(1000, true))
                .await
                .map(|_| ())
        }
        GatewayErrorCode::InvalidPaymentForRefund => {
            let (job, payment) = create(client, &reserved_payment(1000)).await;
            client
                .refund_payment(&job, &payment, &refund(500))
                .await
                .map(|_| ())
        }
        GatewayErrorCode::RefundAmountExceedsOriginalAmount => {
            let (job, payment) = create(client, &paid_payment(1000)).await;
            client
                .refund_payment(&job, &payment, &refund(2000))
                .await
                .map(|_| ())
        }
        GatewayErrorCode::PaymentAlreadyFullyRefunded => {
            let (job, payment) = create(client, &paid_payment(1000)).await;
            client
                .refund_payment(&job, &payment, &refund(1000))
                .await
                .expect("the full refund");
            client
                .refund_payment(&job, &payment, &refund(100))
                .await
                .map(|_| ())
        }
        GatewayErrorCode::PaymentJobAlreadyFinal => {
            let (job, _) = create(client, &paid_payment(1000)).await;
            client.cancel_payment_job(&job).await.map(|_| ())
        }
        GatewayErrorCode::GenericRejectionOfRefund => {
            let (job, payment) = create(client, &paid_payment(1000)).await;
            let mut refund = refund(300);
            refund.refund_number = Some(order_number());
            client
                .refund_payment(&job, &payment, &refund)
                .await
                .expect("the first refund");
            refund.amount_to_refund = Some(Amount::from_minor_units(400));
            client
                .refund_payment(&job, &payment, &refund)
                .await
                .map(|_| ())
        }
        GatewayErrorCode::CannotRecurOnNonRecurringParent => {
            // A child of an ordinary job (not created as a recurring parent).
            let (job, _) = create(client, &paid_payment(1000)).await;
            let child = CreatePaymentJobRequest {
                currency: "GBP".to_owned(),
                amount_to_collect: Some(Amount::from_minor_units(500)),
                parent_payment_job_reference: Some(Reference::new(job)),
                ..CreatePaymentJobRequest::default()
            };
            client.create_payment_job(&child).await.map(|_| ())
        }
        GatewayErrorCode::InvalidCustomerReference => {
            // Another customer's token.
            let owner = order_number();
            let created = client.create_payment_job(&tokenising(&owner)).await;
            let token = token_of(&created.expect("the token's job").data);
            let mut request = paid_payment(1000);
            request.parameters = Some(PaymentJobParameters {
                token: Some(token.expect("a token")),
                ..PaymentJobParameters::default()
            });
            client.create_payment_job(&request).await.map(|_| ())
        }
        GatewayErrorCode::PaymentJobCannotBeCancelled => {
            let (job, payment) = create(client, &reserved_payment(1000)).await;
            client
                .capture_payment(&job, &payment, &capture(400, false))
                .await
                .expect("a partial capture");
            client.cancel_payment_job(&job).await.map(|_| ())
        }
        other => panic!("no scenario for the Gateway error {other:?}: add one here"),
    };
    result.expect_err("the scenario is refused")
}

// --- Gateway warnings --------------------------------------------------------

#[tokio::test]
async fn every_gateway_warning_is_provoked_and_kept() {
    let (_sandbox, client) = start().await;
    for trigger in &sandbox_triggers::gateway_warnings::ALL {
        let row = &trigger.row;
        let request = match (trigger.value, row) {
            (Some(value), _) => with_order(paid_payment(1000), value),
            (None, GatewayWarningCode::PaymentPageReferenceDoesNotExist) => {
                let mut request = paid_payment(1000);
                if let Some(parameters) = request.parameters.as_mut() {
                    parameters.payment_page_reference = Some("no-such-page".to_owned());
                }
                request
            }
            (None, GatewayWarningCode::MaximunNumberOfTokensReached) => {
                // One token more than the sandbox's cap for one customer.
                let customer = order_number();
                for _ in 0..MAX_TOKENS_PER_CUSTOMER {
                    create(&client, &tokenising(&customer)).await;
                }
                tokenising(&customer)
            }
            (None, other) => panic!("no scenario for the warning {other:?}: add one here"),
        };
        let created = client
            .create_payment_job(&request)
            .await
            .unwrap_or_else(|error| panic!("{row:?}: the job is created with a warning: {error}"));
        assert!(
            created.warnings.iter().any(|warning| &warning.kind == row),
            "{row:?} not kept: {:?}",
            created.warnings
        );
    }
    assert_eq!(
        sandbox_triggers::gateway_warnings::ALL.len(),
        GatewayWarningCode::known().count()
    );
}

// --- Acquirer codes ------------------------------------------------------------

fn sale() -> RemoteAuthRequest {
    let card = test_cards::VISA_CREDIT_4000000000000002;
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

/// A refund or void of `original`, without card data.
fn follow_up(kind: TransactionType, original: &str, amount: i64) -> RemoteAuthRequest {
    RemoteAuthRequest {
        tran_type: Some(kind),
        tran_orig_id: Some(original.to_owned()),
        tran_amount: Some(Amount::from_minor_units(amount)),
        card_num: None,
        card_cvv: None,
        card_expiry: None,
        ..sale()
    }
}

async fn remote(client: &Client, request: &RemoteAuthRequest) -> RemoteAuthReply {
    client.remote_auth(request).await.expect("a reply")
}

/// An authorised transaction of `kind`; its ID.
async fn authorised(client: &Client, request: &RemoteAuthRequest) -> String {
    let reply = remote(client, request).await;
    assert!(reply.is_authorised(), "{reply:?}");
    reply.transaction_id
}

#[tokio::test]
async fn every_acquirer_code_is_provoked_and_recognised() {
    let (sandbox, client) = start().await;
    let mut count = 0;
    for trigger in &sandbox_triggers::acquirer_codes::ALL {
        let reason = trigger.row;
        let reply = match trigger.value {
            Some(value) => {
                let mut request = sale();
                request.tran_ref = Some(value.to_owned());
                remote(&client, &request).await
            }
            None => provoke_decline(&sandbox, &client, reason).await,
        };
        let code = reply
            .response_code()
            .unwrap_or_else(|| panic!("{reason:?}: no acquirer code in {reply:?}"));
        assert_eq!(code.reason(), Some(reason), "{reply:?}");
        assert_eq!(code.class(), reason.class(), "{reply:?}");
        assert_eq!(reply.message, reason.reason(), "{reply:?}");
        count += 1;
    }
    assert_eq!(count, AcquirerReason::all().count());
}

/// The natural or sandbox-rule scenario of a Remote Auth decline.
async fn provoke_decline(
    sandbox: &Sandbox,
    client: &Client,
    reason: AcquirerReason,
) -> RemoteAuthReply {
    let mut request = sale();
    let verify = RemoteAuthRequest {
        tran_type: Some(TransactionType::Verify),
        ..sale()
    };
    match reason {
        AcquirerReason::VX01 => {
            let wrong = sandbox::client_for(sandbox, API_KEY, "the-wrong-pass");
            return remote(&wrong, &request).await;
        }
        AcquirerReason::VX02 => request.card_expiry = Some("1399".to_owned()),
        AcquirerReason::VX05 => request.card_cvv = Some(CardSecurityCode::new("1")),
        AcquirerReason::VX06 => request.card_num = Some(CardNumber::new("4000000000000003")),
        AcquirerReason::VX10 => request.tran_ref = Some(" ".to_owned()),
        AcquirerReason::VX13 => request.tran_amount = Some(Amount::ZERO),
        AcquirerReason::VX14 => request.tran_currency = Some("XYZ".to_owned()),
        AcquirerReason::VX16 => request = follow_up(TransactionType::Refund, "999", 100),
        AcquirerReason::VX18 => request.tran_type = Some("bogus".parse().expect("any text")),
        AcquirerReason::VX37 => request.tran_class = Some("bogus".parse().expect("any text")),
        AcquirerReason::VX39 => request.card_expiry = Some("0120".to_owned()),
        AcquirerReason::VX20 => {
            let original = authorised(client, &sale()).await;
            request = follow_up(TransactionType::Refund, &original, 100);
            request.tran_currency = Some("EUR".to_owned());
        }
        AcquirerReason::VX21 => {
            request = follow_up(TransactionType::Refund, " ", 100);
        }
        AcquirerReason::VX22 => {
            let original = authorised(client, &sale()).await;
            request = follow_up(TransactionType::Refund, &original, 2000);
        }
        AcquirerReason::VX23 => {
            let original = authorised(client, &verify).await;
            request = follow_up(TransactionType::Refund, &original, 100);
        }
        AcquirerReason::VX34 => {
            let original = authorised(client, &sale()).await;
            authorised(client, &follow_up(TransactionType::Refund, &original, 100)).await;
            request = follow_up(TransactionType::Void, &original, 1000);
        }
        AcquirerReason::VX35 => {
            let mut declined = sale();
            declined.card_cvv = Some(CardSecurityCode::new("1"));
            let original = remote(client, &declined).await.transaction_id;
            request = follow_up(TransactionType::Refund, &original, 100);
        }
        other => panic!("no scenario for the acquirer code {other:?}: add one here"),
    }
    remote(client, &request).await
}

// --- HTTP statuses of each call --------------------------------------------

#[tokio::test]
async fn every_documented_status_of_every_call_is_provoked() {
    let (sandbox, client) = start().await;
    let wrong_key = sandbox::client_for(&sandbox, "the-wrong-key", AUTH_PASS);
    let mut count = 0;
    for trigger in &sandbox_triggers::http_statuses::ALL {
        let CallStatus {
            endpoint, status, ..
        } = trigger.row;
        let name = endpoint.name;
        let outcome = match (trigger.kind, status) {
            (TriggerKind::Project, Some(404)) if endpoint.operation == Operation::OrderExists => {
                // The lookup's 404 reads as "no such order number": the
                // project's reading (Cashflows publishes no meaning for it).
                let value = trigger.value.expect("a project value");
                let exists = client.order_exists(value).await.expect("an answer");
                assert!(!exists, "a 404 from the order lookup means no such order");
                count += 1;
                continue;
            }
            (TriggerKind::Project, _) => {
                let value = trigger.value.expect("a project value");
                call(&client, endpoint, value).await
            }
            (_, None) => {
                let value = order_number();
                let answered = call(&client, endpoint, &value).await;
                assert!(answered.is_ok(), "{name} success: {answered:?}");
                count += 1;
                continue;
            }
            (_, Some(401)) => {
                // A reserved value no trigger uses: nothing is set up first.
                let unused = format!("{}401", sandbox_triggers::http_statuses::PREFIX);
                call(&wrong_key, endpoint, &unused).await
            }
            (_, Some(other)) => panic!("no scenario for {name} {other}: add one here"),
        };
        let Err(error) = outcome else {
            panic!("{name} {status:?}: the call succeeded");
        };
        assert_eq!(failed_status(&error), status, "{name}: {error:?}");
        count += 1;
    }
    assert_eq!(count, sandbox_triggers::http_statuses::ALL.len());
    for endpoint in endpoints::ALL {
        let provoked: Vec<Option<u16>> = sandbox_triggers::http_statuses::ALL
            .iter()
            .filter(|trigger| trigger.row.endpoint.operation == endpoint.operation)
            .map(|trigger| trigger.row.status)
            .collect();
        let listed: Vec<Option<u16>> = std::iter::once(None)
            .chain(endpoint.other_statuses.iter().copied().map(Some))
            .collect();
        assert_eq!(
            provoked, listed,
            "{}: its success and each other status, once",
            endpoint.name
        );
    }
}

/// Calls `endpoint` with `value` in the field its status triggers read;
/// with an ordinary value, the call succeeds.
async fn call(client: &Client, endpoint: &endpoints::Endpoint, value: &str) -> Result<(), Error> {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    let is_trigger = value.starts_with(sandbox_triggers::http_statuses::PREFIX);
    // The real job and payment an ordinary value stands for.
    let (job, payment) = if is_trigger {
        (value.to_owned(), "1".to_owned())
    } else {
        let request = match endpoint.operation {
            Operation::CancelPayment | Operation::CapturePayment => reserved_payment(1000),
            Operation::CancelPaymentJob => hosted_job(),
            _ => paid_payment(1000),
        };
        create(client, &request).await
    };
    match endpoint.operation {
        Operation::CreatePaymentJob => client
            .create_payment_job(&with_order(paid_payment(1000), value))
            .await
            .map(|_| ()),
        Operation::RetrievePaymentJob => client.retrieve_payment_job(&job).await.map(|_| ()),
        Operation::CancelPaymentJob => client.cancel_payment_job(&job).await.map(|_| ()),
        Operation::RetrievePayment => client.retrieve_payment(&job, &payment).await.map(|_| ()),
        Operation::CancelPayment => client.cancel_payment(&job, &payment).await.map(|_| ()),
        Operation::CapturePayment => client
            .capture_payment(&job, &payment, &capture(1000, true))
            .await
            .map(|_| ()),
        Operation::RefundPayment => client
            .refund_payment(&job, &payment, &refund(100))
            .await
            .map(|_| ()),
        Operation::SupportedPaymentMethods => client
            .supported_payment_methods(&SupportedPaymentMethodsQuery {
                customer_reference: Some(value.to_owned()),
                ..SupportedPaymentMethodsQuery::default()
            })
            .await
            .map(|_| ()),
        Operation::TokeniseCard => client
            .tokenise_card(&CardTokenisationRequest {
                card_number: Some(CardNumber::new(card.number)),
                card_cvc: CardSecurityCode::new(card.cvc),
                card_expiry_month: "12".to_owned(),
                card_expiry_year: "30".to_owned(),
                card_holder_name: value.to_owned(),
                ..CardTokenisationRequest::default()
            })
            .await
            .map(|_| ()),
        Operation::OrderExists => {
            let number = if is_trigger {
                value.to_owned()
            } else {
                let request = paid_payment(1000);
                let number = request
                    .order
                    .as_ref()
                    .and_then(|order| order.order_number.clone())
                    .unwrap_or_default();
                create(client, &request).await;
                number
            };
            client.order_exists(&number).await.map(|exists| {
                assert!(is_trigger || exists, "the order exists");
            })
        }
        Operation::CreatePaymentIntent => client
            .create_payment_intent(&CreatePaymentIntentRequest {
                currency: Some("GBP".to_owned()),
                amount_to_collect: Some(Amount::from_minor_units(1000)),
                order: Some(UpdateOrderRequest {
                    order_number: Some(value.to_owned()),
                    ..UpdateOrderRequest::default()
                }),
                ..CreatePaymentIntentRequest::default()
            })
            .await
            .map(|_| ()),
    }
}

/// A job without card data: it waits on the hosted page.
fn hosted_job() -> CreatePaymentJobRequest {
    let mut request = paid_payment(1000);
    request.parameters = None;
    request
}

// --- Payment, capture and refund statuses ------------------------------------

#[tokio::test]
async fn every_payment_status_is_provoked() {
    let (_sandbox, client) = start().await;
    let (_deferred, deferred) = sandbox::start_without_automatic_capture().await;
    let card = test_cards::VISA_CREDIT_4000000000000002;
    for trigger in &sandbox_triggers::payment_statuses::ALL {
        let row = &trigger.row;
        // The documented way to reserve is the configuration's setting.
        let client = if *row == PaymentStatus::Reserved && trigger.value.is_none() {
            &deferred
        } else {
            &client
        };
        let job = match (trigger.value, row) {
            (Some(value), _) => {
                let mut request = paid_payment(1000);
                if let Some(parameters) = request.parameters.as_mut() {
                    parameters.simulated_status = Some(value.to_owned());
                }
                create(client, &request).await.0
            }
            (None, PaymentStatus::Pending) => create(client, &hosted_job()).await.0,
            (None, PaymentStatus::Paid | PaymentStatus::Reserved) => {
                create(client, &paid_payment(1000)).await.0
            }
            (None, PaymentStatus::Cancelled) => {
                let (job, payment) = create(client, &reserved_payment(1000)).await;
                client
                    .cancel_payment(&job, &payment)
                    .await
                    .expect("cancelled");
                job
            }
            (None, PaymentStatus::Expired) => {
                let mut request = hosted_job();
                request.expiration_date_time_utc = Some("2001-01-01T00:00:00Z".to_owned());
                create(client, &request).await.0
            }
            (None, PaymentStatus::Failed) => {
                let request =
                    card_payment(1000, card.number, card.cvc, test_cards::DARTH_MAUL.name);
                match client.create_payment_job(&request).await {
                    Err(Error::Api(api)) => {
                        let body: serde_json::Value =
                            serde_json::from_str(&api.body).expect("a JSON answer");
                        body["data"]["reference"]
                            .as_str()
                            .expect("the failed job's reference")
                            .to_owned()
                    }
                    other => panic!("expected a refused create, got {other:?}"),
                }
            }
            (None, other) => panic!("no scenario for the payment status {other:?}"),
        };
        let retrieved = client
            .retrieve_payment_job(&job)
            .await
            .expect("the job")
            .data;
        // A payment's status where there is one (a job reads `Pending`
        // while its payment is `Reserved`, and stays usable after a cancel),
        // else the job's.
        let status = match retrieved.latest_payment() {
            Some(payment) => payment.status.as_ref(),
            None => retrieved.payment_status.as_ref(),
        };
        assert_eq!(status, Some(row), "{retrieved:?}");
    }
}

#[tokio::test]
async fn every_capture_and_refund_status_is_provoked() {
    let (_sandbox, client) = start().await;
    for trigger in &sandbox_triggers::capture_statuses::ALL {
        let (job, payment) = create(&client, &reserved_payment(1000)).await;
        let mut request = capture(400, false);
        if let Some(value) = trigger.value {
            request.parameters.insert("SimulatedStatus", value);
        }
        let captured = client
            .capture_payment(&job, &payment, &request)
            .await
            .expect("a capture")
            .data;
        assert_eq!(captured.status.as_ref(), Some(&trigger.row));
    }
    for trigger in &sandbox_triggers::refund_statuses::ALL {
        let (job, payment) = create(&client, &paid_payment(1000)).await;
        let mut request = refund(400);
        if let Some(value) = trigger.value {
            request.parameters.insert("SimulatedStatus", value);
        }
        let refunded = client
            .refund_payment(&job, &payment, &request)
            .await
            .expect("a refund")
            .data;
        assert_eq!(refunded.status.as_ref(), Some(&trigger.row));
        // One step, `Start`, with the refund's status (documented for a
        // completed refund).
        let actions: Vec<_> = (refunded.steps.iter())
            .map(|step| (step.action.clone(), step.status.clone()))
            .collect();
        assert_eq!(
            actions,
            [(Some(RefundStepAction::Start), Some(trigger.row.clone()))]
        );
    }
}

/// The project triggers are the sandbox's only: each value is unique, and
/// none looks like an ordinary order number.
#[test]
fn project_values_are_unique_and_reserved() {
    fn values<R>(table: &'static [Trigger<R>]) -> impl Iterator<Item = &'static str> {
        table.iter().filter_map(|trigger| trigger.value)
    }
    let mut all = BTreeSet::new();
    for value in values(&sandbox_triggers::gateway_errors::ALL)
        .chain(values(&sandbox_triggers::gateway_warnings::ALL))
        .chain(values(&sandbox_triggers::acquirer_codes::ALL))
    {
        assert!(value.starts_with("sandbox-"), "{value}");
        assert!(all.insert(value), "{value} is used twice");
    }
}
