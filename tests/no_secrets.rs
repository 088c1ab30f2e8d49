//! Secrets and card data never leak: every endpoint and Remote Auth run with
//! a TRACE subscriber capturing all output (the client's, the sandbox's and
//! the HTTP stack's), and neither that output nor any `Debug` or error text
//! holds the API key, `auth_pass`, a card number or a CVC.

use std::io::Write;
use std::sync::{Arc, Mutex};

use cashflows::endpoints::SupportedPaymentMethodsQuery;
use cashflows::models::{CapturePaymentRequest, CardTokenisationRequest, RefundPaymentRequest};
use cashflows::remote_auth::{RemoteAuthRequest, TransactionClass, TransactionType};
use cashflows::{Amount, CardNumber, CardSecurityCode, Cryptogram, test_cards};
use cashflows_test_support::jobs::{card_payment, order_number, paid_payment, reserved_payment};
use cashflows_test_support::sandbox;
use cashflows_test_support::{API_KEY, AUTH_PASS};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// 3-D Secure cryptograms sent with a payment: never to be shown.
const CAVV: &str = "AAABBEg0VhI0VniQEjRWAAAAAAA";
const XID: &str = "MDAwMDAwMDAwMDAwMDAwMzIyNzY";
/// A 3-D Secure 1 `PaRes` and a 3-D Secure 2 `RReq`: they carry cryptograms.
const PA_RES: &str = "eJzVWNuSqkqWfecrKqoeiT5cRWo4ZiPI";
const R_REQ: &str = "eyJ0aHJlZURTU2VydmVyVHJhbnNJRCI6";

/// Runs every call, good and bad, and returns the `Debug` and `Display`
/// text of everything it got back, and the card tokens it was given.
async fn exercise_everything() -> (Vec<String>, Vec<String>) {
    let (sandbox, client) = sandbox::start().await;
    let mut tokens = Vec::new();
    let mut shown = vec![format!("{client:?}"), format!("{sandbox:?}")];
    let mut show = |text: String| shown.push(text);

    let paid = client
        .create_payment_job(&paid_payment(1000))
        .await
        .expect("created");
    show(format!("{paid:?}"));
    let job_ref = paid
        .data
        .reference
        .clone()
        .expect("a reference")
        .to_string();
    let payment_ref = paid.data.payments[0]
        .reference
        .clone()
        .expect("a reference")
        .to_string();
    show(format!("{:?}", client.retrieve_payment_job(&job_ref).await));
    show(format!(
        "{:?}",
        client.retrieve_payment(&job_ref, &payment_ref).await
    ));
    let refund = RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(100)),
        ..Default::default()
    };
    show(format!("{refund:?}"));
    show(format!(
        "{:?}",
        client.refund_payment(&job_ref, &payment_ref, &refund).await
    ));
    let too_much = RefundPaymentRequest {
        amount_to_refund: Some(Amount::from_minor_units(5000)),
        ..Default::default()
    };
    let refused = client
        .refund_payment(&job_ref, &payment_ref, &too_much)
        .await
        .unwrap_err();
    show(format!("{refused:?}"));
    show(refused.to_string());
    show(format!("{:?}", client.cancel_payment_job(&job_ref).await));

    let reserved = client
        .create_payment_job(&reserved_payment(1000))
        .await
        .expect("created")
        .data;
    let (reserved_job, reserved_payment_ref) = (
        reserved.reference.clone().expect("a reference").to_string(),
        reserved.payments[0]
            .reference
            .clone()
            .expect("a reference")
            .to_string(),
    );
    show(format!(
        "{:?}",
        client
            .capture_payment(
                &reserved_job,
                &reserved_payment_ref,
                &CapturePaymentRequest::default()
            )
            .await
    ));
    show(format!(
        "{:?}",
        client
            .cancel_payment(&reserved_job, &reserved_payment_ref)
            .await
    ));

    for card in test_cards::ALL_CARDS {
        let request = card_payment(
            1000,
            card.number,
            card.cvc,
            test_cards::LANDO_CALRISSIAN.name,
        );
        show(format!("{request:?}"));
        let result = client.create_payment_job(&request).await;
        show(format!("{result:?}"));
        if let Err(error) = result {
            show(error.to_string());
        }
        let tokenise = CardTokenisationRequest {
            card_number: Some(CardNumber::new(card.number)),
            card_holder_name: "Luke Skywalker".to_owned(),
            card_expiry_year: "30".to_owned(),
            card_expiry_month: "12".to_owned(),
            card_cvc: CardSecurityCode::new(card.cvc),
            ..Default::default()
        };
        show(format!("{tokenise:?}"));
        let tokenised = client.tokenise_card(&tokenise).await;
        show(format!("{tokenised:?}"));
        if let Some(token) = tokenised.ok().and_then(|t| t.data.token) {
            tokens.push(token.expose().to_owned());
            let mut with_token = paid_payment(500);
            if let Some(parameters) = with_token.parameters.as_mut() {
                parameters.card_number = None;
                parameters.token = Some(token);
                parameters.three_d_secure_cavv = Some(Cryptogram::new(CAVV));
                parameters.three_d_secure_xid = Some(Cryptogram::new(XID));
                parameters.pa_res = Some(Cryptogram::new(PA_RES));
                parameters.r_req = Some(Cryptogram::new(R_REQ));
            }
            show(format!("{with_token:?}"));
            show(format!(
                "{:?}",
                client.create_payment_job(&with_token).await
            ));
        }
        let sale = RemoteAuthRequest {
            tran_type: Some(TransactionType::Sale),
            tran_class: Some(TransactionClass::Ecommerce),
            card_num: Some(CardNumber::new(card.number)),
            card_cvv: Some(CardSecurityCode::new(card.cvc)),
            card_expiry: Some("1230".to_owned()),
            tran_ref: Some(order_number()),
            tran_amount: Some(Amount::from_minor_units(1000)),
            tran_currency: Some("GBP".to_owned()),
            tran_testmode: Some(true),
            acs_cavv: Some(Cryptogram::new(CAVV)),
            acs_xid: Some(Cryptogram::new(XID)),
            ..RemoteAuthRequest::default()
        };
        show(format!("{sale:?}"));
        show(format!("{:?}", client.remote_auth(&sale).await));
    }
    show(format!(
        "{:?}",
        client
            .supported_payment_methods(&SupportedPaymentMethodsQuery::default())
            .await
    ));

    let wrong = sandbox::client_for(&sandbox, "not-the-key", "not-the-pass");
    let unauthorised = wrong.retrieve_payment_job(&job_ref).await.unwrap_err();
    show(format!("{unauthorised:?}"));
    show(unauthorised.to_string());
    show(format!("{wrong:?}"));
    (shown, tokens)
}

/// The words of `text` (runs of letters and digits).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_or_card_data_in_logs_debug_or_errors() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only subscriber of this test binary");

    let (shown, tokens) = exercise_everything().await;
    assert!(!tokens.is_empty(), "a card token was issued and used");
    let log = String::from_utf8_lossy(&captured.0.lock().expect("not poisoned")).into_owned();
    assert!(
        log.contains("cashflows.gateway"),
        "the client's spans are in the capture"
    );
    assert!(
        log.contains("cashflows.remote_auth"),
        "the Remote Auth spans are in the capture"
    );
    assert!(
        log.contains("TRACE"),
        "TRACE events (of the HTTP stack) are in the capture"
    );
    if let Ok(path) = std::env::var("CASHFLOWS_DUMP_TRACE") {
        std::fs::write(path, &log).expect("dump written");
    }

    let mut texts = shown;
    texts.push(log);
    let mut secrets = vec![
        API_KEY,
        AUTH_PASS,
        "not-the-key",
        "not-the-pass",
        CAVV,
        XID,
        PA_RES,
        R_REQ,
    ];
    secrets.extend(tokens.iter().map(String::as_str));
    for text in &texts {
        for secret in &secrets {
            assert!(!text.contains(secret), "a secret leaked into:\n{text}");
        }
        for card in test_cards::ALL_CARDS {
            assert!(
                !text.contains(card.number),
                "card {} leaked into:\n{text}",
                card.number
            );
            assert!(
                !words(text).any(|word| word == card.cvc),
                "CVC {} leaked into:\n{text}",
                card.cvc
            );
        }
    }
    std::io::stdout().flush().ok();
}
