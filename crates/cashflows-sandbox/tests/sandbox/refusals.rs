//! What the sandbox refuses, as tables of cases. A case names what exists
//! before its request (nothing, a paid job, a reserved payment), the request
//! and how it is signed, and the refusal it must get. One loop runs each
//! case on a fresh sandbox, then names every case that failed and why.
//!
//! Every refusal also has a fatal envelope without `data`, leaves the
//! sandbox's totals as they were, and is recorded in its request log once.

use cashflows::GatewayErrorCode::{
    self, InvalidAmountForPaymentMethod, InvalidPaymentForRefund, InvalidPaymentStatus,
    NoPaymentMethodSelected, OrderReferenceNotUnique, PaymentJobAlreadyFinal, PaymentRefused,
};
use cashflows::environments::{CONFIGURATION_ID_HEADER, HASH_HEADER};
use cashflows::test_cards;
use reqwest::Method;
use serde_json::{Value, json};
use sha2::{Digest, Sha512};

use super::harness::*;

const TOKENISATION: &str = "/api/gateway/card-tokenisation";
/// A job no sandbox has made.
const UNKNOWN_JOB: &str = "/api/gateway/payment-jobs/220000000000000001";
/// A configuration the sandbox does not have.
const OTHER_CONFIGURATION: &str = "23000000000000";

/// What exists before a case's request.
#[derive(Clone, Copy)]
enum Given {
    Nothing,
    /// A job paid with Luke Skywalker's card (£10.00).
    Paid,
    /// The same payment left Reserved.
    Reserved,
    /// The reserved payment, captured whole: Paid.
    Captured,
}

/// What a case's `Given` made: the job's and the payment's references and
/// the job's `order`, for the request's path and body.
#[derive(Default)]
struct Made {
    job: String,
    payment: String,
    order: Value,
}

/// How a case's request is signed.
#[derive(Clone, Copy)]
enum Signing {
    /// The test configuration, and the right `Hash`.
    Signed,
    /// The right `Hash` with its first digit changed.
    WrongHash,
    /// A hash of the body alone, without the API key.
    Keyless,
    NoHash,
    NoConfiguration,
    /// Signed right, for another configuration.
    Configuration(&'static str),
    /// The right `Hash`, then a wrong one: a reader that keeps the first
    /// header would take it.
    TwoHashes,
    /// The test configuration twice, and the right `Hash`.
    TwoConfigurations,
}

type Json = Box<dyn Fn(&Made) -> Value + Send + Sync>;

enum Body {
    Empty,
    Json(Json),
    Raw(&'static [u8]),
}

/// The refusal a case must get.
enum Refused {
    /// This status.
    Status(u16),
    /// 400 with exactly this documented error (see [`assert_refused`]).
    Error(GatewayErrorCode),
    /// This status with this message first, and no code.
    Message(u16, &'static str),
}

struct Case {
    name: String,
    given: Given,
    method: Method,
    path: &'static str,
    body: Body,
    signing: Signing,
    refused: Refused,
}

impl Case {
    fn new(name: impl Into<String>, method: Method, path: &'static str, body: Body) -> Self {
        Case {
            name: name.into(),
            given: Given::Nothing,
            method,
            path,
            body,
            signing: Signing::Signed,
            refused: Refused::Status(400),
        }
    }

    fn given(self, given: Given) -> Self {
        Case { given, ..self }
    }

    fn signed(self, signing: Signing) -> Self {
        Case { signing, ..self }
    }

    fn status(self, status: u16) -> Self {
        Case {
            refused: Refused::Status(status),
            ..self
        }
    }

    fn error(self, error: GatewayErrorCode) -> Self {
        Case {
            refused: Refused::Error(error),
            ..self
        }
    }

    /// The same call with this body, byte for byte.
    fn with_raw(self, body: &'static [u8]) -> Self {
        Case {
            body: Body::Raw(body),
            ..self
        }
    }

    fn message(self, status: u16, message: &'static str) -> Self {
        Case {
            refused: Refused::Message(status, message),
            ..self
        }
    }
}

fn json_body(body: impl Fn(&Made) -> Value + Send + Sync + 'static) -> Body {
    Body::Json(Box::new(body))
}

/// A signed create of a payment job.
fn create(name: impl Into<String>, body: impl Fn(&Made) -> Value + Send + Sync + 'static) -> Case {
    Case::new(name, Method::POST, JOBS, json_body(body))
}

/// A capture of the reserved payment.
fn capture(name: impl Into<String>, body: Value) -> Case {
    let path = "/api/gateway/payment-jobs/{job}/payments/{payment}/captures";
    Case::new(name, Method::POST, path, json_body(move |_| body.clone())).given(Given::Reserved)
}

/// A refund of the paid payment.
fn refund(name: impl Into<String>, body: Value) -> Case {
    let path = "/api/gateway/payment-jobs/{job}/payments/{payment}/refunds";
    Case::new(name, Method::POST, path, json_body(move |_| body.clone())).given(Given::Paid)
}

fn tokenise(name: impl Into<String>, body: Value) -> Case {
    Case::new(
        name,
        Method::POST,
        TOKENISATION,
        json_body(move |_| body.clone()),
    )
}

/// `request` with the value at `path` (object keys) set to `value`.
fn set(mut request: Value, path: &[&str], value: Value) -> Value {
    let mut slot = &mut request;
    for key in path {
        slot = &mut slot[*key];
    }
    *slot = value;
    request
}

/// `request` without the key `field`.
fn without(mut request: Value, field: &str) -> Value {
    request.as_object_mut().expect("an object").remove(field);
    request
}

/// Luke Skywalker's payment of £10.00 with this card number and CVC.
fn card(number: &str, cvc: &str) -> Value {
    let request = set(luke("10.00"), &["parameters", "CardNumber"], json!(number));
    set(request, &["parameters", "CardCvc"], json!(cvc))
}

/// A job for the hosted page (no card data) of `amount`.
fn hosted(amount: &str) -> Value {
    json!({
        "currency": "GBP",
        "amountToCollect": amount,
        "order": { "orderNumber": order_number() },
    })
}

/// A complete tokenisation of the first Visa test card.
fn tokenisation() -> Value {
    let card = test_cards::VISA_CREDIT_4000000000000002;
    json!({
        "cardNumber": card.number,
        "cardCvc": card.cvc,
        "cardExpiryMonth": "12",
        "cardExpiryYear": "30",
        "cardHolderName": test_cards::LUKE_SKYWALKER.name,
    })
}

// --- The tables ------------------------------------------------------------

#[tokio::test]
async fn unsigned_unknown_and_unreadable_requests_are_refused() {
    let not_objects = [json!([]), json!(["4.00", true]), json!("4.00"), json!(4)];
    let mut cases = vec![
        create("a wrong hash", |_| luke("10.00"))
            .signed(Signing::WrongHash)
            .status(401),
        create("a hash of the body without the key", |_| luke("10.00"))
            .signed(Signing::Keyless)
            .status(401),
        Case::new(
            "a read without a hash",
            Method::GET,
            UNKNOWN_JOB,
            Body::Empty,
        )
        .signed(Signing::NoHash)
        .status(401),
        Case::new(
            "a read without a configuration",
            Method::GET,
            UNKNOWN_JOB,
            Body::Empty,
        )
        .signed(Signing::NoConfiguration)
        .status(401),
        // An unknown configuration is 404 "Configuration not found." (Cashflows documents it).
        create("a create for an unknown configuration", |_| luke("10.00"))
            .signed(Signing::Configuration(OTHER_CONFIGURATION))
            .message(404, "Configuration not found."),
        Case::new(
            "a read for an unknown configuration",
            Method::GET,
            UNKNOWN_JOB,
            Body::Empty,
        )
        .signed(Signing::Configuration(OTHER_CONFIGURATION))
        .status(404),
        Case::new("an unknown job", Method::GET, UNKNOWN_JOB, Body::Empty).status(404),
        Case::new(
            "an unknown payment of a known job",
            Method::GET,
            "/api/gateway/payment-jobs/{job}/payments/999999999999999999",
            Body::Empty,
        )
        .given(Given::Paid)
        .status(404),
        Case::new(
            "a body that is not JSON",
            Method::POST,
            JOBS,
            Body::Raw(b"{not json"),
        ),
        create(
            "a create without a currency",
            |_| json!({ "amountToCollect": "10.00" }),
        ),
        create("a create of an array", |_| json!([])),
        refund("a refund of an array", json!([])),
        refund("a refund of an array of values", json!(["4.00", "R-1"])),
        create("an unreadable expiry date", |_| {
            set(
                hosted("10.00"),
                &["expirationDateTimeUtc"],
                json!("next Tuesday"),
            )
        }),
    ];
    for body in not_objects {
        cases.push(capture(format!("a capture of {body}"), body));
    }
    check_all(cases).await;
}

/// Found by Schemathesis (`.ci/schemathesis`): the supported payment methods
/// answered 200 to query values not of their documented type
/// (`collectAmount=` against the `Amount` pattern). Each is a malformed
/// request now.
#[tokio::test]
async fn query_values_not_of_their_documented_type_are_refused() {
    let paths = [
        "/api/gateway/supported-payment-methods?collectAmount=",
        "/api/gateway/supported-payment-methods?collectAmount=ten",
        "/api/gateway/supported-payment-methods?collectAmount=1e2",
        "/api/gateway/supported-payment-methods?collectAmount=-1.00",
        "/api/gateway/supported-payment-methods?collectAmount=%2010.00",
        "/api/gateway/supported-payment-methods?collectAmount=10.",
        "/api/gateway/supported-payment-methods?collectAmount=.5",
        "/api/gateway/supported-payment-methods?all=",
        "/api/gateway/supported-payment-methods?all=yes",
        "/api/gateway/supported-payment-methods?currency=GBP&all=1",
    ];
    let cases = paths
        .into_iter()
        .map(|path| Case::new(path, Method::GET, path, Body::Empty))
        .collect();
    check_all(cases).await;
}

#[tokio::test]
async fn cards_that_are_not_test_cards_are_refused() {
    const VISA: test_cards::TestCard = test_cards::VISA_CREDIT_4000000000000002;
    const AMEX: test_cards::TestCard = test_cards::AMEX_CREDIT_340000000000009;
    let mut cases = vec![
        create("a card number that fails Luhn", |_| {
            card("4000000000000003", VISA.cvc)
        }),
        create("a number that passes Luhn but is no test card", |_| {
            card("4111111111111111", VISA.cvc)
        }),
        create("a CVC too short", |_| card(VISA.number, "12")),
        create("an Amex CVC of three digits", |_| card(AMEX.number, "123")),
        create("an expired card", |_| {
            set(
                luke("10.00"),
                &["parameters", "CardExpiryYear"],
                json!("20"),
            )
        }),
        create("an expiry more than ten years away", |_| {
            set(
                luke("1.00"),
                &["parameters", "CardExpiryYear"],
                json!("9999"),
            )
        }),
        tokenise(
            "tokenising a card that is no test card",
            set(tokenisation(), &["cardNumber"], json!("4111111111111111")),
        ),
        tokenise(
            "tokenising with an expiry more than ten years away",
            set(tokenisation(), &["cardExpiryYear"], json!("9999")),
        ),
    ];
    for case in &mut cases {
        case.refused = Refused::Error(PaymentRefused);
    }
    // The published required fields: without one the request is malformed.
    for field in [
        "cardCvc",
        "cardExpiryMonth",
        "cardExpiryYear",
        "cardHolderName",
    ] {
        let body = without(tokenisation(), field);
        cases.push(tokenise(format!("tokenising without {field}"), body));
    }
    let blank = set(tokenisation(), &["cardHolderName"], json!("  "));
    cases.push(tokenise("tokenising for a blank holder", blank));
    check_all(cases).await;
}

#[tokio::test]
async fn requests_the_state_or_amounts_forbid_are_refused() {
    let mut cases = vec![
        create("an order number already used", |made| {
            set(luke("3.00"), &["order"], made.order.clone())
        })
        .given(Given::Paid)
        .error(OrderReferenceNotUnique),
        create("a card payment without payment methods", |_| {
            set(luke("10.00"), &["paymentMethodsToUse"], json!([]))
        })
        .error(NoPaymentMethodSelected),
        capture(
            "a capture of a paid payment",
            json!({ "amountToCapture": "1.00" }),
        )
        .given(Given::Paid)
        .error(InvalidPaymentStatus),
        refund(
            "a refund of a reserved payment",
            json!({ "amountToRefund": "1.00" }),
        )
        .given(Given::Reserved)
        .error(InvalidPaymentForRefund),
        Case::new(
            "cancelling a paid job",
            Method::PATCH,
            "/api/gateway/payment-jobs/{job}/cancel",
            Body::Empty,
        )
        .given(Given::Paid)
        .error(PaymentJobAlreadyFinal),
        // A payment paid at once can be cancelled until it is settled (see
        // `tests/sandbox/clock.rs`); a captured one never (the sandbox's
        // rule).
        Case::new(
            "cancelling a captured payment",
            Method::PATCH,
            "/api/gateway/payment-jobs/{job}/payments/{payment}/cancel",
            Body::Empty,
        )
        .given(Given::Captured)
        .error(InvalidPaymentStatus),
        // Amounts: at most `MAX_AMOUNT`, and two decimal places.
        create("an amount of Decimal::MAX", |_| luke(HUGE)).error(InvalidAmountForPaymentMethod),
        create("an amount past the cap", |_| luke("1000000000.00"))
            .error(InvalidAmountForPaymentMethod),
        capture(
            "a capture of Decimal::MAX",
            json!({ "amountToCapture": HUGE }),
        )
        .error(InvalidAmountForPaymentMethod),
        create("a card payment of three decimal places", |_| luke("10.000"))
            .error(InvalidAmountForPaymentMethod),
        create("a hosted job of three decimal places", |_| hosted("10.001"))
            .error(InvalidAmountForPaymentMethod),
        capture(
            "a capture of three decimal places",
            json!({ "amountToCapture": "4.000" }),
        )
        .error(InvalidAmountForPaymentMethod),
        refund(
            "a refund of three decimal places",
            json!({ "amountToRefund": "1.000" }),
        )
        .error(InvalidPaymentForRefund),
    ];
    for currency in ["XYZ", "gbp", "POUNDS", ""] {
        cases.push(create(format!("the currency {currency:?}"), move |_| {
            set(luke("1.00"), &["currency"], json!(currency))
        }));
    }
    for url in [
        "javascript:alert(1)",
        "data:text/html,hi",
        "/relative",
        "ftp://example.com/",
    ] {
        cases.push(create(format!("the return URL {url}"), move |_| {
            set(
                luke("1.00"),
                &["parameters", "ReturnUrlSuccess"],
                json!(url),
            )
        }));
    }
    check_all(cases).await;
}

/// The payment intents of embedded checkout, created by the shop's server.
const INTENTS: &str = "/api/gateway/payment-intents/";

/// A create whose body is written out byte for byte.
fn create_raw(name: &str, body: &'static [u8]) -> Case {
    Case::new(name, Method::POST, JOBS, Body::Raw(body))
}

/// A hosted job with `recurrenceCriteria`.
fn recurring(criteria: Value) -> Value {
    set(hosted("10.00"), &["recurrenceCriteria"], criteria)
}

/// A hosted job with one order line.
fn with_line(line: Value) -> Value {
    set(hosted("10.00"), &["order", "orderLines"], json!([line]))
}

/// Requests a JSON reader or a header lookup would read one way and their
/// author may have meant another: the sandbox refuses them (its own rules
/// where Cashflows publishes none; see the sandbox's `gateway::strict` and
/// `gateway::signature`). Each body is the one [`written_once_they_pass`]
/// accepts, with one flaw.
#[tokio::test]
async fn bodies_and_headers_that_read_two_ways_are_refused() {
    let cases = vec![
        // A key given twice in one object, at any depth, in any letter case
        // or through an escape.
        create_raw(
            "currency given twice",
            br#"{"currency":"GBP","currency":"EUR","amountToCollect":"10.00"}"#,
        ),
        create_raw(
            "currency and Currency",
            br#"{"currency":"GBP","Currency":"EUR","amountToCollect":"10.00"}"#,
        ),
        create_raw(
            "currency and an escaped currency",
            br#"{"currency":"GBP","\u0063urrency":"EUR","amountToCollect":"10.00"}"#,
        ),
        create_raw(
            "an order number in two cases",
            br#"{"currency":"GBP","order":{"orderNumber":"W-1","ORDERNUMBER":"W-2"}}"#,
        ),
        create_raw(
            "a return URL in two cases",
            br#"{"currency":"GBP","parameters":{"ReturnUrlSuccess":"https://a.example/","returnUrlSuccess":"https://b.example/"}}"#,
        ),
        create_raw(
            "an order line's name twice",
            br#"{"currency":"GBP","order":{"orderLines":[{"name":"a","NAME":"b","unitPriceInclVat":"1.00"}]}}"#,
        ),
        capture("a capture's amount twice", json!({})).with_raw(
            br#"{"amountToCapture":"1.00","AMOUNTTOCAPTURE":"10.00"}"#,
        ),
        refund("a refund's amount twice", json!({})).with_raw(
            br#"{"amountToRefund":"1.00","amounttorefund":"10.00"}"#,
        ),
        // Two signing headers: which one a server reads is anyone's guess.
        create("two Hash headers, the first one right", |_| hosted("10.00"))
            .signed(Signing::TwoHashes)
            .status(401),
        Case::new("two ConfigurationId headers", Method::GET, UNKNOWN_JOB, Body::Empty)
            .signed(Signing::TwoConfigurations)
            .status(401),
        // Amounts: plain decimals, as published.
        create_raw(
            "an amount with an exponent",
            br#"{"currency":"GBP","amountToCollect":1e1}"#,
        ),
        create("an amount in a string with an exponent", |_| hosted("1E1")),
        create("an amount after a space", |_| hosted(" 10.00")),
        create("an amount before a newline", |_| hosted("10.00\n")),
        create("an order line's price with an exponent", |_| {
            with_line(json!({ "name": "a", "unitPriceInclVat": "1e1" }))
        }),
        capture("a capture with an exponent", json!({})).with_raw(br#"{"amountToCapture":4E0}"#),
        refund("a refund after a space", json!({ "amountToRefund": " 1.00" })),
        Case::new(
            "an intent with an exponent",
            Method::POST,
            INTENTS,
            json_body(|_| json!({ "currency": "GBP", "amountToCollect": "1.25e1" })),
        ),
        // Recurrence figures below zero.
        create("a negative recurringFrequency", |_| {
            recurring(json!({ "recurrenceType": "Subscription", "recurringFrequency": -30 }))
        }),
        create("negative instalments", |_| {
            recurring(json!({ "recurrenceType": "Instalment", "instalments": -3 }))
        }),
    ];
    check_all(cases).await;
}

/// The bodies above without their flaw pass, so that each refusal is the
/// flaw's.
#[tokio::test]
async fn written_once_they_pass() {
    let harness = Harness::start().await;
    let created: [&[u8]; 5] = [
        br#"{"currency":"GBP","amountToCollect":"10.00"}"#,
        br#"{"\u0063urrency":"GBP","amountToCollect":10}"#,
        br#"{"currency":"GBP","order":{"orderNumber":"W-1"}}"#,
        br#"{"currency":"GBP","parameters":{"ReturnUrlSuccess":"https://a.example/"}}"#,
        br#"{"currency":"GBP","order":{"orderLines":[{"name":"a","unitPriceInclVat":"1.00"}]}}"#,
    ];
    for body in created {
        let hash = sign(body);
        let answer = harness
            .raw(
                Method::POST,
                JOBS,
                body.to_vec(),
                Some(CONFIGURATION_ID),
                Some(hash),
            )
            .await;
        assert_eq!(answer.status, 201, "{}", String::from_utf8_lossy(body));
    }
    for request in [
        recurring(json!({ "recurrenceType": "Subscription", "recurringFrequency": 30 })),
        recurring(json!({ "recurrenceType": "Instalment", "instalments": 3 })),
        with_line(json!({ "name": "a", "unitPriceInclVat": 10.5 })),
    ] {
        harness.create_ok(&request).await;
    }
    for query in [
        "collectAmount=10.00&all=true",
        "collectAmount=7&all=false&locale=xx",
    ] {
        let path = format!("/api/gateway/supported-payment-methods?{query}");
        let answer = harness.call(Method::GET, &path, None).await;
        assert_eq!(answer.status, 200, "{query}: {}", answer.body);
    }
    let (job, payment) = harness.create_ok(&reserved("10.00")).await;
    let captures = format!("{}/captures", payment_path(&job, &payment));
    let capture = json!({ "amountToCapture": 4 });
    let answer = harness.call(Method::POST, &captures, Some(&capture)).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
}

// --- The loop ----------------------------------------------------------------

/// Runs every case, each on a fresh sandbox in a task of its own, and fails
/// naming each case that failed.
async fn check_all(cases: Vec<Case>) {
    let runs: Vec<_> = cases
        .into_iter()
        .map(|case| (case.name.clone(), tokio::spawn(check(case))))
        .collect();
    let mut failed = Vec::new();
    for (name, run) in runs {
        if let Err(error) = run.await {
            failed.push(format!("{name}: {}", panic_text(error)));
        }
    }
    assert!(failed.is_empty(), "cases failed:\n{}", failed.join("\n"));
}

fn panic_text(error: tokio::task::JoinError) -> String {
    let Ok(payload) = error.try_into_panic() else {
        return "cancelled".to_owned();
    };
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast::<&str>()
            .map_or_else(|_| "a panic".to_owned(), |text| (*text).to_owned()),
    }
}

async fn check(case: Case) {
    let harness = Harness::start().await;
    let made = make(&harness, case.given).await;
    let totals = harness.sandbox.totals();
    let recorded = harness.sandbox.requests().len();
    let answer = send(&harness, &case, &made).await;
    assert_refusal(&answer, &case.refused);
    assert_eq!(answer.body["errorReport"]["isFatalError"], json!(true));
    assert_eq!(answer.body["data"], Value::Null, "{}", answer.body);
    assert_eq!(
        harness.sandbox.totals(),
        totals,
        "a refusal changes nothing"
    );
    assert_eq!(
        harness.sandbox.requests().len(),
        recorded + 1,
        "recorded once"
    );
}

async fn make(harness: &Harness, given: Given) -> Made {
    let request = match given {
        Given::Nothing => return Made::default(),
        Given::Paid => luke("10.00"),
        Given::Reserved | Given::Captured => reserved("10.00"),
    };
    let (job, payment) = harness.create_ok(&request).await;
    if let Given::Captured = given {
        let captures = format!("{}/captures", payment_path(&job, &payment));
        let captured = harness.call(Method::POST, &captures, None).await;
        assert_eq!(captured.status, 201, "{}", captured.body);
    }
    let order = request["order"].clone();
    Made {
        job,
        payment,
        order,
    }
}

async fn send(harness: &Harness, case: &Case, made: &Made) -> Answer {
    let path = (case.path)
        .replace("{job}", &made.job)
        .replace("{payment}", &made.payment);
    let body = match &case.body {
        Body::Empty => Vec::new(),
        Body::Json(body) => serde_json::to_vec(&body(made)).expect("JSON"),
        Body::Raw(bytes) => bytes.to_vec(),
    };
    let headers = signing(case.signing, &body);
    harness
        .raw_with_headers(case.method.clone(), &path, body, &headers)
        .await
}

/// The `ConfigurationId` and `Hash` headers a request is sent with, in order.
fn signing(signing: Signing, body: &[u8]) -> Vec<(&'static str, String)> {
    let configuration = |id: &str| (CONFIGURATION_ID_HEADER, id.to_owned());
    let hash = |hash: String| (HASH_HEADER, hash);
    let ours = configuration(CONFIGURATION_ID);
    match signing {
        Signing::Signed => vec![ours, hash(sign(body))],
        Signing::WrongHash => vec![ours, hash(wrong_hash(body))],
        Signing::Keyless => vec![ours, hash(hex::encode_upper(Sha512::digest(body)))],
        Signing::NoHash => vec![ours],
        Signing::NoConfiguration => vec![hash(sign(body))],
        Signing::Configuration(id) => vec![configuration(id), hash(sign(body))],
        Signing::TwoHashes => vec![ours, hash(sign(body)), hash(wrong_hash(body))],
        Signing::TwoConfigurations => vec![ours.clone(), ours, hash(sign(body))],
    }
}

/// The right `Hash` with its first digit changed.
fn wrong_hash(body: &[u8]) -> String {
    let mut wrong = sign(body);
    let digit = if wrong.starts_with('0') { "1" } else { "0" };
    wrong.replace_range(0..1, digit);
    wrong
}

fn assert_refusal(answer: &Answer, refused: &Refused) {
    match refused {
        Refused::Status(status) => assert_eq!(answer.status, *status, "{}", answer.body),
        Refused::Error(error) => assert_refused(answer, error.clone()),
        Refused::Message(status, message) => {
            assert_eq!(answer.status, *status, "{}", answer.body);
            let entry = &answer.body["errorReport"]["errors"][0];
            assert_eq!(entry["message"], json!(message));
            assert!(entry.get("code").is_none(), "{entry}");
        }
    }
}
