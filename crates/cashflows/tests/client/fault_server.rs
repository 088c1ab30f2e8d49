//! A hostile server over raw TCP, so it can misbehave in ways a real HTTP
//! server would not, against the client. Every case ends in a tolerant
//! decode or a typed error; none panics.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cashflows::models::{CreatePaymentJobRequest, PaymentJob, PaymentStatus, UpdateOrderRequest};
use cashflows::{
    Client, Environment, Error, GatewayCredentials, GatewayErrorCode, GatewayWarningCode,
    RetryPolicy,
};
use cashflows_test_support::{credentials, raw_http};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// What the server does with one request.
#[derive(Clone)]
enum Behaviour {
    /// Answer with these bytes, then close.
    Raw(String),
    /// Wait, then answer.
    Slow(Duration, String),
    /// Promise a long body, send part of it, and drop the connection.
    ResetMidBody,
    /// Close without answering.
    Close,
}

fn answer(status: &str, content_type: &str, body: &str) -> Behaviour {
    Behaviour::Raw(raw_http::response(status, content_type, body))
}

fn json(status: &str, body: &str) -> Behaviour {
    answer(status, "application/json", body)
}

/// A server that plays `script` in order (repeating the last behaviour),
/// counts the requests it saw and keeps their request lines.
struct FaultServer {
    base_url: String,
    requests: Arc<AtomicUsize>,
    request_lines: Arc<Mutex<Vec<String>>>,
}

impl FaultServer {
    async fn start(script: Vec<Behaviour>) -> FaultServer {
        let (listener, base_url) = raw_http::listen().await;
        let requests = Arc::new(AtomicUsize::new(0));
        let seen = requests.clone();
        let request_lines = Arc::new(Mutex::new(Vec::new()));
        let lines = request_lines.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let index = seen.fetch_add(1, Ordering::SeqCst);
                let behaviour = script.get(index).or(script.last()).cloned();
                let lines = lines.clone();
                tokio::spawn(async move {
                    if let Some(behaviour) = behaviour {
                        serve(stream, behaviour, lines).await;
                    }
                });
            }
        });
        FaultServer {
            base_url,
            requests,
            request_lines,
        }
    }

    fn client(
        &self,
        configure: impl FnOnce(cashflows::ClientBuilder) -> cashflows::ClientBuilder,
    ) -> Client {
        let builder = credentials::client_builder(&self.base_url)
            .retry_policy(RetryPolicy {
                max_retries: 2,
                initial_backoff: Duration::from_millis(10),
                max_backoff: Duration::from_millis(50),
            })
            .timeout(Duration::from_secs(5));
        configure(builder).build().expect("builds")
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The request lines received so far (`GET /path HTTP/1.1`), in order.
    fn request_lines(&self) -> Vec<String> {
        self.request_lines.lock().expect("not poisoned").clone()
    }
}

async fn serve(mut stream: TcpStream, behaviour: Behaviour, lines: Arc<Mutex<Vec<String>>>) {
    if let Some(request) = raw_http::read_message(&mut stream).await {
        lines
            .lock()
            .expect("not poisoned")
            .push(request.first_line());
    }
    match behaviour {
        Behaviour::Raw(bytes) => {
            let _ = stream.write_all(bytes.as_bytes()).await;
        }
        Behaviour::Slow(delay, bytes) => {
            tokio::time::sleep(delay).await;
            let _ = stream.write_all(bytes.as_bytes()).await;
        }
        Behaviour::ResetMidBody => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"data\":{\"ref";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.flush().await;
        }
        Behaviour::Close => {}
    }
    let _ = stream.shutdown().await;
}

async fn retrieve(server: &FaultServer) -> Result<cashflows::Response<PaymentJob>, Error> {
    server
        .client(|builder| builder)
        .retrieve_payment_job("1")
        .await
}

fn decode_error(result: Result<cashflows::Response<PaymentJob>, Error>) -> cashflows::DecodeError {
    match result {
        Err(Error::Decode(decode)) => decode,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

fn api_error(result: Result<cashflows::Response<PaymentJob>, Error>) -> cashflows::ApiError {
    match result {
        Err(Error::Api(api)) => api,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn non_json_body_with_200_is_a_decode_error_keeping_the_body() {
    let server = FaultServer::start(vec![answer("200 OK", "application/json", "hello")]).await;
    let decode = decode_error(retrieve(&server).await);
    assert_eq!((decode.status, decode.body.as_str()), (Some(200), "hello"));
}

#[tokio::test]
async fn html_error_page_is_a_refusal_with_the_page_kept() {
    let page = "<html><body>Bad gateway</body></html>";
    let server = FaultServer::start(vec![
        answer("502 Bad Gateway", "text/html", page),
        answer("502 Bad Gateway", "text/html", page),
    ])
    .await;
    let api = api_error(retrieve(&server).await);
    assert_eq!(api.status, 502);
    assert!(api.errors.is_empty());
    assert_eq!(api.body, page);
    assert_eq!(server.requests(), 3, "a read is retried twice after 502");
}

#[tokio::test]
async fn empty_body_with_200_is_a_decode_error() {
    let server = FaultServer::start(vec![json("200 OK", "")]).await;
    assert_eq!(decode_error(retrieve(&server).await).body, "");
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server =
        FaultServer::start(vec![json("200 OK", r#"{"data":{"reference":"1","paym"#)]).await;
    assert!(decode_error(retrieve(&server).await).reason.contains("EOF"));
}

#[tokio::test]
async fn null_data_is_a_decode_error() {
    let server = FaultServer::start(vec![json("200 OK", r#"{"data":null}"#)]).await;
    assert!(
        decode_error(retrieve(&server).await)
            .reason
            .contains("no `data`")
    );
}

#[tokio::test]
async fn a_wrong_content_type_does_not_stop_a_valid_answer() {
    let server = FaultServer::start(vec![answer(
        "200 OK",
        "text/plain",
        r#"{"data":{"reference":"7"}}"#,
    )])
    .await;
    assert_eq!(
        retrieve(&server)
            .await
            .expect("decoded")
            .data
            .reference
            .expect("a reference")
            .as_str(),
        "7"
    );
}

#[tokio::test]
async fn unknown_codes_are_kept_with_their_message() {
    let body = r#"{"errorReport":{"errors":[{"code":"BrandNewCode","message":"Something new."}],"isFatalError":true}}"#;
    let server = FaultServer::start(vec![json("400 Bad Request", body)]).await;
    let api = api_error(retrieve(&server).await);
    assert_eq!(api.errors[0].kind.as_str(), "BrandNewCode");
    assert!(api.errors[0].kind.is_unknown());
    assert_eq!(api.errors[0].message, "Something new.");
    assert_eq!(server.requests(), 1, "a 400 is not retried");
}

#[tokio::test]
async fn an_unpublished_code_is_recognised_by_its_message() {
    let body = r#"{"errorReport":{"errors":[{"code":"E1234","message":"Payment job is already final."}]}}"#;
    let server = FaultServer::start(vec![json("400 Bad Request", body)]).await;
    assert_eq!(
        api_error(retrieve(&server).await).errors[0].kind,
        GatewayErrorCode::PaymentJobAlreadyFinal
    );
}

#[tokio::test]
async fn an_unknown_status_is_a_refusal_with_that_status() {
    let server = FaultServer::start(vec![json(
        "418 I'm a teapot",
        r#"{"errorReport":{"errors":[]}}"#,
    )])
    .await;
    assert_eq!(api_error(retrieve(&server).await).status, 418);
}

#[tokio::test]
async fn unknown_enum_values_extra_and_missing_fields_decode() {
    let body = r#"{"data":{"reference":"1","paymentStatus":"Teleported","brandNew":{"x":[1,2]}},"somethingElse":true}"#;
    let server = FaultServer::start(vec![json("200 OK", body)]).await;
    let job = retrieve(&server).await.expect("decoded").data;
    assert_eq!(
        job.payment_status.as_ref().map(PaymentStatus::as_str),
        Some("Teleported")
    );
    assert!(job.payments.is_empty() && job.order.is_none() && job.amount_to_collect.is_none());
}

#[tokio::test]
async fn pascal_case_keys_numeric_enums_and_long_numeric_references_decode() {
    let body = r#"{"Data":{"Reference":220516143012345678,"PaymentStatus":4,"AmountToCollect":10.5,"Payments":[{"Reference":220516143012345679,"Status":"Paid"}]}}"#;
    let server = FaultServer::start(vec![json("200 OK", body)]).await;
    let job = retrieve(&server).await.expect("decoded").data;
    assert_eq!(
        job.reference.as_ref().expect("a reference").as_str(),
        "220516143012345678"
    );
    assert_eq!(
        job.payment_status.as_ref().map(PaymentStatus::as_str),
        Some("4")
    );
    assert_eq!(
        job.amount_to_collect
            .map(|amount| amount.to_string())
            .as_deref(),
        Some("10.50")
    );
    assert_eq!(
        job.payments[0]
            .reference
            .as_ref()
            .expect("a reference")
            .as_str(),
        "220516143012345679"
    );
}

#[tokio::test]
async fn warnings_on_a_successful_answer_are_returned() {
    let body = r#"{"data":{"reference":"1"},"errorReport":{"warnings":[{"code":"MaximunNumberOfTokensReached","message":"The maximum number of stored tokens for a customer has been reached"},{"message":"Supplied payment page reference does not exists"}]}}"#;
    let server = FaultServer::start(vec![json("200 OK", body)]).await;
    let warnings: Vec<_> = retrieve(&server)
        .await
        .expect("decoded")
        .warnings
        .into_iter()
        .map(|w| w.kind)
        .collect();
    assert_eq!(
        warnings,
        vec![
            GatewayWarningCode::MaximunNumberOfTokensReached,
            GatewayWarningCode::PaymentPageReferenceDoesNotExist
        ]
    );
}

#[tokio::test]
async fn a_body_over_the_cap_is_an_error_whether_announced_or_chunked() {
    let big = format!(r#"{{"data":{{"reference":"{}"}}}}"#, "9".repeat(10_000));
    let chunked = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    for behaviour in [json("200 OK", &big), Behaviour::Raw(chunked)] {
        let server = FaultServer::start(vec![behaviour]).await;
        let client = server.client(|builder| builder.max_response_bytes(1024));
        match client.retrieve_payment_job("1").await {
            Err(Error::ResponseTooLarge { limit }) => assert_eq!(limit, 1024),
            other => panic!("expected ResponseTooLarge, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn slow_headers_time_out() {
    let server =
        FaultServer::start(vec![Behaviour::Slow(Duration::from_secs(3), String::new())]).await;
    let client = server.client(|builder| {
        builder
            .timeout(Duration::from_millis(200))
            .retry_policy(RetryPolicy::NONE)
    });
    match client.retrieve_payment_job("1").await {
        Err(Error::Timeout { after }) => assert_eq!(after, Duration::from_millis(200)),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_a_transport_error() {
    let server = FaultServer::start(vec![Behaviour::ResetMidBody]).await;
    let client = server.client(|builder| builder.retry_policy(RetryPolicy::NONE));
    match client.retrieve_payment_job("1").await {
        Err(Error::Transport(transport)) => assert!(!transport.not_sent),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_503_with_retry_after_is_retried_for_a_read() {
    let unavailable = Behaviour::Raw("HTTP/1.1 503 Service Unavailable\r\nretry-after: 0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned());
    let server = FaultServer::start(vec![
        unavailable,
        json("200 OK", r#"{"data":{"reference":"5"}}"#),
    ])
    .await;
    assert_eq!(
        retrieve(&server)
            .await
            .expect("retried")
            .data
            .reference
            .expect("a reference")
            .as_str(),
        "5"
    );
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_401_is_requested_exactly_once() {
    let server = FaultServer::start(vec![json("401 Unauthorized", "")]).await;
    assert_eq!(api_error(retrieve(&server).await).status, 401);
    assert_eq!(server.requests(), 1);
}

/// A create with an order number, for the outcome tests.
fn create_request(order_number: &str) -> CreatePaymentJobRequest {
    CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number.to_owned()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_sent_once_and_its_outcome_unknown() {
    for behaviour in [
        json("500 Internal Server Error", ""),
        json("200 OK", r#"{"data":{"reference":"#),
        json("302 Found", ""),
        Behaviour::Close,
        Behaviour::ResetMidBody,
    ] {
        let server = FaultServer::start(vec![behaviour]).await;
        let result = server
            .client(|builder| builder)
            .create_payment_job(&create_request("A-17"))
            .await;
        match result {
            Err(Error::OutcomeUnknown(unknown)) => {
                assert_eq!(unknown.call, "create_payment_job");
                assert_eq!(unknown.order_number.as_deref(), Some("A-17"));
            }
            other => panic!("expected an unknown outcome, got {other:?}"),
        }
        assert_eq!(
            server.requests(),
            1,
            "the outcome of a create is unknown: it is never sent twice"
        );
    }
}

#[tokio::test]
async fn a_refused_create_did_not_happen() {
    let body =
        r#"{"errorReport":{"errors":[{"message":"The supplied order reference is not unique."}]}}"#;
    let server = FaultServer::start(vec![json("400 Bad Request", body)]).await;
    let result = server
        .client(|builder| builder)
        .create_payment_job(&create_request("A-18"))
        .await;
    match result {
        Err(Error::Api(refusal)) => {
            assert!(refusal.has(&GatewayErrorCode::OrderReferenceNotUnique));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn no_request_follows_a_redirect() {
    let target = FaultServer::start(vec![json("200 OK", r#"{"data":{"reference":"9"}}"#)]).await;
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "303 See Other",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let redirect = Behaviour::Raw(format!(
            "HTTP/1.1 {status}\r\nlocation: {}/steal\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            target.base_url
        ));
        let server = FaultServer::start(vec![redirect]).await;
        let client = server.client(|builder| builder);
        match client.retrieve_payment_job("1").await {
            Err(Error::Redirected(redirect)) => {
                assert!(redirect.location.is_some_and(|l| l.ends_with("/steal")));
            }
            other => panic!("{status}: expected a redirect error, got {other:?}"),
        }
        match client.create_payment_job(&create_request("A-19")).await {
            Err(Error::OutcomeUnknown(unknown)) => {
                assert!(matches!(*unknown.cause, Error::Redirected(_)), "{status}");
            }
            other => panic!("{status}: expected an unknown outcome, got {other:?}"),
        }
    }
    assert_eq!(target.requests(), 0, "nothing reaches a redirect's target");
}

#[tokio::test]
async fn a_reference_is_always_one_path_segment() {
    let server = FaultServer::start(vec![json("200 OK", r#"{"data":{"reference":"1"}}"#)]).await;
    let client = server.client(|builder| builder);
    for reference in ["..", ".", ""] {
        match client.cancel_payment("1", reference).await {
            Err(Error::Invalid(reason)) => assert!(reason.contains("segment"), "{reason}"),
            other => panic!("`{reference}`: expected an invalid request, got {other:?}"),
        }
    }
    assert_eq!(server.requests(), 0, "nothing was sent");
    client
        .retrieve_payment("1", "a/../b?c#d")
        .await
        .expect("a reference with reserved characters is encoded, not refused");
    assert_eq!(
        server.request_lines(),
        vec!["GET /api/gateway/payment-jobs/1/payments/a%2F..%2Fb%3Fc%23d HTTP/1.1".to_owned()],
        "the reference reached the server as one percent-encoded segment"
    );
}

#[tokio::test]
async fn errors_in_a_successful_answer_are_kept() {
    let body = r#"{"data":{"reference":"1"},"errorReport":{"errors":[{"code":"InvalidPaymentStatus","message":"Payment has an invalid status."}]}}"#;
    let server = FaultServer::start(vec![json("200 OK", body)]).await;
    let response = retrieve(&server).await.expect("decoded");
    assert_eq!(response.errors.len(), 1);
    assert_eq!(
        response.errors[0].kind,
        GatewayErrorCode::InvalidPaymentStatus
    );
}

#[tokio::test]
async fn long_numbers_are_exact_and_repeated_keys_refused() {
    let body =
        r#"{"data":{"reference":1,"amountToCollect":12345678901234567.89,"paidAmount":0.1}}"#;
    let server = FaultServer::start(vec![json("200 OK", body)]).await;
    let job = retrieve(&server).await.expect("decoded").data;
    assert_eq!(
        job.amount_to_collect.map(|a| a.to_string()).as_deref(),
        Some("12345678901234567.89")
    );
    assert_eq!(
        job.paid_amount.map(|a| a.to_string()).as_deref(),
        Some("0.10")
    );

    let body = r#"{"data":{"reference":"1","paymentStatus":"Paid","PaymentStatus":"Failed"}}"#;
    let server = FaultServer::start(vec![json("200 OK", body)]).await;
    assert!(
        decode_error(retrieve(&server).await)
            .reason
            .contains("twice")
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_marked_not_sent() {
    let (listener, base) = raw_http::listen().await;
    drop(listener);
    let client = credentials::client_builder(&base)
        .retry_policy(RetryPolicy {
            max_retries: 1,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
        })
        .build()
        .expect("builds");
    match client.retrieve_payment_job("1").await {
        Err(Error::Transport(transport)) => assert!(transport.not_sent),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_warning_on_a_refusal_is_kept_beside_the_errors() {
    let body = r#"{"errorReport":{"errors":[{"code":"InvalidPaymentStatus","message":"Payment has an invalid status."}],"warnings":[{"code":"UnexpectedPaymentStatus","message":"Payment has an unexpected status."}]}}"#;
    let server = FaultServer::start(vec![json("400 Bad Request", body)]).await;
    let api = api_error(retrieve(&server).await);
    assert_eq!(api.errors[0].kind, GatewayErrorCode::InvalidPaymentStatus);
    assert_eq!(
        api.warnings[0].kind,
        GatewayWarningCode::UnexpectedPaymentStatus
    );
    assert!(
        api.to_string()
            .contains("Payment has an invalid status. (InvalidPaymentStatus)")
    );
}

#[test]
fn a_configuration_id_that_cannot_be_a_header_is_refused_when_the_client_is_built() {
    let credentials = GatewayCredentials::new("2300\r\nX-Injected: 1", "the-api-key");
    match Client::builder(Environment::Custom("http://127.0.0.1:9".to_string()))
        .gateway_credentials(credentials)
        .build()
    {
        Err(Error::Invalid(reason)) => {
            assert!(reason.contains("configuration ID"), "{reason}");
            assert!(!reason.contains("the-api-key"), "{reason}");
        }
        other => panic!("expected an invalid configuration ID, got {other:?}"),
    }
}

/// Cashflows documents 406 only as "Bad response", for the calls that change
/// something: it does not say that nothing happened.
const BAD_RESPONSE: &str = "406 Not Acceptable";

#[tokio::test]
async fn a_406_to_a_call_that_changes_something_leaves_its_outcome_unknown() {
    let body = r#"{"errorReport":{"errors":[{"message":"Bad response"}]}}"#;
    let capture = cashflows::models::CapturePaymentRequest::default();
    let refund = cashflows::models::RefundPaymentRequest::default();
    for call in [
        "create_payment_job",
        "capture_payment",
        "refund_payment",
        "cancel_payment",
        "cancel_payment_job",
    ] {
        let server = FaultServer::start(vec![json(BAD_RESPONSE, body)]).await;
        let client = server.client(|builder| builder);
        let result = match call {
            "create_payment_job" => client
                .create_payment_job(&create_request("A-20"))
                .await
                .map(drop),
            "capture_payment" => client.capture_payment("1", "2", &capture).await.map(drop),
            "refund_payment" => client.refund_payment("1", "2", &refund).await.map(drop),
            "cancel_payment" => client.cancel_payment("1", "2").await.map(drop),
            _ => client.cancel_payment_job("1").await.map(drop),
        };
        match result {
            Err(Error::OutcomeUnknown(unknown)) => {
                assert_eq!(unknown.call, call);
                assert!(
                    matches!(&*unknown.cause, Error::Api(api) if api.status == 406),
                    "{call}"
                );
            }
            other => panic!("{call}: expected an unknown outcome, got {other:?}"),
        }
        assert_eq!(server.requests(), 1, "{call} is never sent twice");
    }
}

#[tokio::test]
async fn a_406_to_a_read_is_a_refusal() {
    let server = FaultServer::start(vec![json(BAD_RESPONSE, "")]).await;
    assert_eq!(api_error(retrieve(&server).await).status, 406);
    assert_eq!(server.requests(), 1, "a 406 is not retried");
}

#[tokio::test]
async fn a_406_to_a_remote_auth_request_leaves_its_outcome_unknown() {
    use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};

    let server = FaultServer::start(vec![answer(BAD_RESPONSE, "text/plain", "Bad response")]).await;
    let client = server.client(|builder| {
        builder.remote_auth_credentials(cashflows::RemoteAuthCredentials::new("id", "pass"))
    });
    let request = RemoteAuthRequest {
        tran_type: Some(TransactionType::Refund),
        tran_class: Some(TransactionClass::Ecommerce),
        tran_orig_id: Some("01ABC123".to_owned()),
        tran_ref: Some("R-1".to_owned()),
        tran_amount: Some(cashflows::Amount::from_minor_units(1000)),
        tran_currency: Some("GBP".to_owned()),
        tran_testmode: Some(true),
        ..RemoteAuthRequest::default()
    };
    match client.remote_auth(&request).await {
        Err(Error::OutcomeUnknown(unknown)) => {
            assert!(matches!(&*unknown.cause, Error::Api(api) if api.status == 406));
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_400_that_lists_no_error_says_so() {
    let server = FaultServer::start(vec![json("400 Bad Request", r#"{"errorReport":{}}"#)]).await;
    let refusal = api_error(retrieve(&server).await);
    assert!(refusal.errors.is_empty());
    let text = refusal.to_string();
    assert!(
        text.starts_with("Cashflows refused the request (HTTP 400); ")
            && text.contains("listed no error"),
        "{text}"
    );
}

#[tokio::test]
async fn a_400_with_its_errors_names_them_and_adds_no_hint() {
    let body = r#"{"errorReport":{"errors":[{"message":"Payment has an invalid status.","code":"InvalidPaymentStatus"}]}}"#;
    let server = FaultServer::start(vec![json("400 Bad Request", body)]).await;
    let text = api_error(retrieve(&server).await).to_string();
    assert_eq!(
        text,
        "Cashflows refused the request (HTTP 400): Payment has an invalid status. (InvalidPaymentStatus)"
    );
}

#[tokio::test]
async fn a_request_with_an_empty_required_field_is_refused_before_sending() {
    let server = FaultServer::start(vec![json("201 Created", r#"{"data":{}}"#)]).await;
    let client = server.client(|builder| builder);
    let no_currency = CreatePaymentJobRequest::default();
    match client.create_payment_job(&no_currency).await {
        Err(Error::Invalid(message)) => assert!(
            message.contains("`CreatePaymentJobRequest.currency`"),
            "{message}"
        ),
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
    let nameless_line = CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        order: Some(UpdateOrderRequest {
            order_lines: vec![cashflows::models::OrderLine::default()],
            ..Default::default()
        }),
        ..Default::default()
    };
    match client.create_payment_job(&nameless_line).await {
        Err(Error::Invalid(message)) => {
            assert!(message.contains("`OrderLine.name`"), "{message}")
        }
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
    assert_eq!(server.requests(), 0, "nothing is sent");
}
