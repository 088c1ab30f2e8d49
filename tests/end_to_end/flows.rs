//! The documented flows of Cashflows' guide pages through the
//! client: recurring payments (a parent and its children), MOTO, the job
//! defaults, and card tokens made during a payment. Each test says which
//! of what it checks Cashflows documents and which the sandbox decided.

use std::time::{Duration, SystemTime};

use cashflows::endpoints::SupportedPaymentMethodsQuery;
use cashflows::models::{
    CardTokenData, CreatePaymentJobRequest, Locale, PaymentJob, PaymentJobOption,
    PaymentJobParameters, PaymentMethodToUse, PaymentStatus, RecurrenceCriteria,
    UpdateOrderRequest,
};
use cashflows::test_cards::{
    DARTH_MAUL, HAN_SOLO, LUKE_SKYWALKER, TestCard, VISA_CREDIT_4000000000000002,
};
use cashflows::webhooks::{WebhookNotification, acknowledgement_body, parse_notification};
use cashflows::{
    Amount, CardToken, Client, Error, GatewayErrorCode, GatewayWarningCode, Reference,
};
use cashflows_sandbox::limits::MAX_TOKENS_PER_CUSTOMER;
use cashflows_sandbox::{SandboxClock, Shopper};
use cashflows_test_support::jobs::{card_payment, order_number, paid_payment};
use cashflows_test_support::{raw_http, sandbox};
use tokio::sync::mpsc;

const CARD: TestCard = VISA_CREDIT_4000000000000002;

/// 2030-01-01T00:00:00Z, where the tests on a manual clock start.
fn new_year_2030() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000)
}

fn with_options(
    mut request: CreatePaymentJobRequest,
    options: &[PaymentJobOption],
) -> CreatePaymentJobRequest {
    request.options = options.to_vec();
    request
}

/// A recurring parent paying `minor_units` with the first Visa test card.
fn parent(minor_units: i64) -> CreatePaymentJobRequest {
    let request = paid_payment(minor_units);
    with_options(request, &[PaymentJobOption::IsRecurringPaymentJobParent])
}

/// A child of `parent` for `minor_units`: amount and currency, no card.
fn child(parent: &str, minor_units: i64) -> CreatePaymentJobRequest {
    CreatePaymentJobRequest {
        currency: "GBP".to_owned(),
        amount_to_collect: Some(Amount::from_minor_units(minor_units)),
        parent_payment_job_reference: Some(Reference::new(parent)),
        order: Some(UpdateOrderRequest {
            order_number: Some(order_number()),
            ..UpdateOrderRequest::default()
        }),
        ..CreatePaymentJobRequest::default()
    }
}

async fn created(client: &Client, request: &CreatePaymentJobRequest) -> PaymentJob {
    client
        .create_payment_job(request)
        .await
        .expect("the job is created")
        .data
}

fn reference(job: &PaymentJob) -> String {
    job.job_reference().expect("a job reference").to_owned()
}

fn status(job: &PaymentJob) -> Option<PaymentStatus> {
    job.payment_status.clone()
}

/// The refusal of a create: its status and first error, if any.
fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, Option<GatewayErrorCode>) {
    match result {
        Err(Error::Api(api)) => (api.status, api.errors.first().map(|e| e.kind.clone())),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A webhook receiver on loopback that acknowledges every notification and
/// passes it on, in order of arrival.
async fn receiver() -> (String, mpsc::UnboundedReceiver<WebhookNotification>) {
    let (listener, base) = raw_http::listen().await;
    let (sender, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let Some(request) = raw_http::read_message(&mut stream).await else {
                continue;
            };
            let Ok(notification) = parse_notification(request.body()) else {
                continue;
            };
            let ack = acknowledgement_body(&notification);
            let json = "application/json";
            let _ = raw_http::respond(&mut stream, "200 OK", json, ack.as_bytes()).await;
            let _ = sender.send(notification);
        }
    });
    (format!("{base}/hook"), received)
}

/// The jobs notified within `wait`.
async fn notified(
    received: &mut mpsc::UnboundedReceiver<WebhookNotification>,
    wait: Duration,
) -> Vec<String> {
    let mut jobs = Vec::new();
    while let Ok(Some(notification)) = tokio::time::timeout(wait, received.recv()).await {
        jobs.push(notification.payment_job_reference.to_string());
    }
    jobs
}

// --- Recurring payments ------------------------------------------------------

#[tokio::test]
async fn a_recurring_parent_pays_its_children_from_its_card() {
    let (sandbox, client) = sandbox::start().await;
    // Doc: the parent carries the option, card data and the flag.
    let parent = created(&client, &parent(1000)).await;
    let flags = parent.flags.clone().unwrap_or_default();
    assert_eq!(flags.recurring_parent, Some(true));
    assert_eq!(status(&parent), Some(PaymentStatus::Paid));
    let parent_ref = reference(&parent);

    // Doc: a child's status comes back in its create answer.
    for minor_units in [499, 1250] {
        let child = created(&client, &child(&parent_ref, minor_units)).await;
        assert_eq!(status(&child), Some(PaymentStatus::Paid));
        let payment = child.latest_payment().expect("the child's payment");
        assert_eq!(
            payment.paid_amount,
            Some(Amount::from_minor_units(minor_units))
        );
        let named = child.parent_payment_job_reference.as_ref();
        assert_eq!(named.map(Reference::as_str), Some(parent_ref.as_str()));
    }
    // The parent is untouched, and each amount is counted once.
    let parent = client
        .retrieve_payment_job(&parent_ref)
        .await
        .expect("the parent")
        .data;
    assert_eq!(parent.payments.len(), 1);
    assert_eq!(parent.paid_amount, Some(Amount::from_minor_units(1000)));
    let totals = sandbox.totals();
    assert_eq!((totals.payment_jobs, totals.payments), (3, 3));
    assert_eq!(totals.paid, Amount::from_minor_units(2749));
}

#[tokio::test]
async fn a_zero_amount_parent_verifies_the_card() {
    let (sandbox, client) = sandbox::start().await;
    // Doc: a parent may be for a zero amount, to verify the card. That it
    // ends `Verified` is the sandbox's choice.
    let parent = created(&client, &parent(0)).await;
    assert_eq!(status(&parent), Some(PaymentStatus::Verified));
    let payment = parent.latest_payment().expect("the verification");
    assert_eq!(payment.status, Some(PaymentStatus::Verified));
    assert_eq!(payment.paid_amount, Some(Amount::ZERO));
    let child = created(&client, &child(&reference(&parent), 999)).await;
    assert_eq!(status(&child), Some(PaymentStatus::Paid));
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(999));
    // Zero is for parents only (the sandbox's rule, as before).
    let (code, error) = refusal(client.create_payment_job(&paid_payment(0)).await);
    assert_eq!(
        (code, error),
        (400, Some(GatewayErrorCode::InvalidAmountForPaymentMethod))
    );
}

#[tokio::test]
async fn children_notify_the_configured_webhook_not_the_parents() {
    let (configured, mut at_configured) = receiver().await;
    let (per_job, mut at_per_job) = receiver().await;
    let mut config = sandbox::config();
    config.webhook_url = Some(configured);
    let (_sandbox, client) = sandbox::start_with_client(config).await;

    // Doc: a webhook URL in the parent's create is the parent's only; the
    // configuration's is used for the children too.
    let mut request = parent(1000);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.webhook_url = Some(per_job);
    }
    let parent_ref = reference(&created(&client, &request).await);
    let child_ref = reference(&created(&client, &child(&parent_ref, 500)).await);

    let wait = Duration::from_millis(1500);
    assert_eq!(notified(&mut at_per_job, wait).await, vec![parent_ref]);
    assert_eq!(notified(&mut at_configured, wait).await, vec![child_ref]);
}

#[tokio::test]
async fn children_that_cannot_recur_are_refused_and_nothing_is_made() {
    let (sandbox, client) = sandbox::start().await;
    let parent_ref = reference(&created(&client, &parent(1000)).await);
    let child_ref = reference(&created(&client, &child(&parent_ref, 500)).await);
    let ordinary = reference(&created(&client, &paid_payment(1000)).await);
    let failed = {
        let request = card_payment(1000, CARD.number, CARD.cvc, DARTH_MAUL.name);
        let request = with_options(request, &[PaymentJobOption::IsRecurringPaymentJobParent]);
        let body = match client.create_payment_job(&request).await {
            Err(Error::Api(api)) => api.body,
            other => panic!("3-D Secure fails: {other:?}"),
        };
        let body: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        body["data"]["reference"]
            .as_str()
            .expect("the failed job")
            .to_owned()
    };
    let cancelled = {
        let mut request = parent(1000);
        if let Some(parameters) = request.parameters.as_mut() {
            parameters.simulated_status = Some("Reserved".to_owned());
        }
        let job = reference(&created(&client, &request).await);
        client.cancel_payment_job(&job).await.expect("cancelled");
        job
    };
    let before = sandbox.totals();

    let cannot_recur = (400, Some(GatewayErrorCode::CannotRecurOnNonRecurringParent));
    // Doc: a child of a job that is not a recurring parent (an ordinary
    // job, a child). The sandbox's: a parent whose card never went through
    // (failed, cancelled) is the same; 400 is the sandbox's status.
    for not_a_parent in [&ordinary, &child_ref, &failed, &cancelled] {
        let result = client.create_payment_job(&child(not_a_parent, 500)).await;
        assert_eq!(refusal(result), cannot_recur, "{not_a_parent}");
    }
    // The sandbox's: no job at all is 404, as any unknown reference.
    let result = client
        .create_payment_job(&child("220000000000999999", 500))
        .await;
    assert_eq!(refusal(result), (404, None));

    // The sandbox's: a child sends no card data, no token, and is no parent
    // itself (400, no error entry); its amount is above zero.
    let mut with_card = child(&parent_ref, 500);
    with_card.parameters = paid_payment(500).parameters;
    let mut with_cvc = child(&parent_ref, 500);
    with_cvc.parameters = Some(PaymentJobParameters {
        card_cvc: Some(cashflows::CardSecurityCode::new("123")),
        ..PaymentJobParameters::default()
    });
    let a_parent_too = with_options(
        child(&parent_ref, 500),
        &[PaymentJobOption::IsRecurringPaymentJobParent],
    );
    for request in [with_card, with_cvc, a_parent_too] {
        let result = client.create_payment_job(&request).await;
        assert_eq!(refusal(result), (400, None));
    }
    let mut no_amount = child(&parent_ref, 500);
    no_amount.amount_to_collect = None;
    let result = client.create_payment_job(&no_amount).await;
    let invalid_amount = (400, Some(GatewayErrorCode::InvalidAmountForPaymentMethod));
    assert_eq!(refusal(result), invalid_amount);

    // The sandbox's: a parent without card data is refused at create.
    let mut no_card = parent(1000);
    no_card.parameters = None;
    assert_eq!(
        refusal(client.create_payment_job(&no_card).await),
        (400, None)
    );

    assert_eq!(sandbox.totals(), before, "no refused create made anything");
}

#[tokio::test]
async fn recurrence_criteria_are_kept_on_the_sandboxs_clock() {
    let clock = SandboxClock::manual(new_year_2030());
    let (_sandbox, client) = sandbox::start_on_clock(sandbox::config(), clock.clone()).await;
    let days = |count: u64| Duration::from_secs(count * 86_400);
    let cannot_recur = (400, Some(GatewayErrorCode::CannotRecurOnNonRecurringParent));

    // The sandbox's choice: the criteria are enforced (Cashflows documents
    // what they mean, not that it enforces them).
    let mut request = parent(1000);
    request.recurrence_criteria = Some(RecurrenceCriteria {
        recurring_frequency: Some(30),
        instalments: Some(2),
        ..RecurrenceCriteria::default()
    });
    let parent_ref = reference(&created(&client, &request).await);
    let result = client.create_payment_job(&child(&parent_ref, 500)).await;
    assert_eq!(refusal(result), cannot_recur, "sooner than 30 days");
    for _ in 0..2 {
        clock.advance(days(30)).expect("the clock moves");
        created(&client, &child(&parent_ref, 500)).await;
    }
    clock.advance(days(30)).expect("the clock moves");
    let result = client.create_payment_job(&child(&parent_ref, 500)).await;
    assert_eq!(refusal(result), cannot_recur, "both instalments taken");

    let mut request = parent(1000);
    request.recurrence_criteria = Some(RecurrenceCriteria {
        recurring_expiry: Some("2030-04-15T00:00:00Z".to_owned()),
        ..RecurrenceCriteria::default()
    });
    let parent_ref = reference(&created(&client, &request).await);
    created(&client, &child(&parent_ref, 500)).await;
    clock.advance(days(30)).expect("the clock moves");
    let result = client.create_payment_job(&child(&parent_ref, 500)).await;
    assert_eq!(refusal(result), cannot_recur, "past the recurring expiry");

    // The parent's card expiry is checked again for each child.
    let mut request = parent(1000);
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.card_expiry_month = Some("06".to_owned());
    }
    let parent_ref = reference(&created(&client, &request).await);
    clock.advance(days(62)).expect("into July");
    let result = client.create_payment_job(&child(&parent_ref, 500)).await;
    let refused = (400, Some(GatewayErrorCode::PaymentRefused));
    assert_eq!(refusal(result), refused, "the card expired in June");
}

#[tokio::test]
async fn a_challenged_parent_recurs_once_its_challenge_passes() {
    let (_sandbox, client) = sandbox::start().await;
    let request = card_payment(1000, CARD.number, CARD.cvc, HAN_SOLO.name);
    let request = with_options(request, &[PaymentJobOption::IsRecurringPaymentJobParent]);
    let answer = client.create_payment_job(&request).await.expect("created");
    let parent_ref = reference(&answer.data);
    let challenge = answer.payment_page_url().expect("the challenge").to_owned();
    let result = client.create_payment_job(&child(&parent_ref, 500)).await;
    let cannot_recur = (400, Some(GatewayErrorCode::CannotRecurOnNonRecurringParent));
    assert_eq!(refusal(result), cannot_recur, "not authorised yet");
    Shopper::new()
        .answer_challenge(&challenge, true)
        .await
        .expect("answered");
    let child = created(&client, &child(&parent_ref, 500)).await;
    assert_eq!(status(&child), Some(PaymentStatus::Paid));
}

// --- MOTO and the defaults -----------------------------------------------------

/// Cashflows' documented MOTO request: card 4000000000000002, `IsMoto`,
/// 5.00, no holder name, no locale.
fn documented_moto() -> CreatePaymentJobRequest {
    let mut request = card_payment(500, CARD.number, CARD.cvc, "");
    if let Some(parameters) = request.parameters.as_mut() {
        parameters.card_holder_name = None;
        parameters.card_expiry_month = Some("05".to_owned());
        parameters.card_expiry_year = Some("33".to_owned());
    }
    with_options(request, &[PaymentJobOption::IsMoto])
}

#[tokio::test]
async fn a_moto_payment_is_collected_in_its_create_answer() {
    let (hook, mut received) = receiver().await;
    let mut config = sandbox::config();
    config.webhook_url = Some(hook);
    let clock = SandboxClock::manual(new_year_2030());
    let (_sandbox, client) = sandbox::start_on_clock(config, clock).await;

    // Doc: every value below is in Cashflows' documented answer.
    let job = created(&client, &documented_moto()).await;
    let five = Some(Amount::from_minor_units(500));
    assert_eq!((job.amount_collected, job.paid_amount), (five, five));
    assert_eq!(job.latest_payment().and_then(|p| p.paid_amount), five);
    assert_eq!(
        job.paid_date_time_utc.as_deref(),
        Some("2030-01-01T00:00:00Z")
    );
    assert_eq!(job.payment_methods_to_use, vec![PaymentMethodToUse::Card]);
    assert_eq!(job.locale, Some(Locale::EnGb));
    assert_eq!(job.time_zone.as_deref(), Some("Europe/London"));
    let expires = job.expiration_date_time_utc.as_deref();
    assert_eq!(expires, Some("2030-07-01T00:00:00Z"), "six months on");
    // Doc: a webhook follows the status change.
    let wait = Duration::from_millis(1500);
    assert_eq!(notified(&mut received, wait).await, vec![reference(&job)]);

    // Doc: no 3-D Secure, so holders that would be challenged or fail are
    // not applied.
    for holder in [HAN_SOLO.name, DARTH_MAUL.name] {
        let request = card_payment(500, CARD.number, CARD.cvc, holder);
        let request = with_options(request, &[PaymentJobOption::IsMoto]);
        assert!(created(&client, &request).await.is_paid(), "{holder}");
    }
    // The sandbox's: MOTO needs card data in the create itself.
    let mut no_card = documented_moto();
    no_card.parameters = None;
    assert_eq!(
        refusal(client.create_payment_job(&no_card).await),
        (400, None)
    );
}

#[tokio::test]
async fn every_job_gets_the_documented_defaults() {
    let clock = SandboxClock::manual(new_year_2030() + Duration::from_secs(3600));
    let (_sandbox, client) = sandbox::start_on_clock(sandbox::config(), clock).await;
    let mut hosted = paid_payment(1000);
    hosted.parameters = None;
    let job = created(&client, &hosted).await;
    assert_eq!(job.locale, Some(Locale::EnGb));
    assert_eq!(job.time_zone.as_deref(), Some("Europe/London"));
    let expires = job.expiration_date_time_utc.as_deref();
    assert_eq!(expires, Some("2030-07-01T01:00:00Z"));
    // What a request names is kept.
    hosted.order = None;
    hosted.locale = Some(Locale::EsEs);
    hosted.time_zone = Some("Europe/Madrid".to_owned());
    let job = created(&client, &hosted).await;
    assert_eq!(job.locale, Some(Locale::EsEs));
    assert_eq!(job.time_zone.as_deref(), Some("Europe/Madrid"));
}

// --- Tokens -------------------------------------------------------------------

/// A Luke Skywalker payment asking for a token, for `customer` (or, with
/// `None`, `StoreCustomerInformation` to have one assigned).
fn tokenising(option: PaymentJobOption, customer: Option<&str>) -> CreatePaymentJobRequest {
    let mut request = paid_payment(1000);
    let mut options = vec![option];
    match customer {
        Some(customer) => {
            if let Some(order) = request.order.as_mut() {
                order.customer_reference = Some(customer.to_owned());
            }
        }
        None => options.push(PaymentJobOption::StoreCustomerInformation),
    }
    with_options(request, &options)
}

/// A payment with `token` for `customer`.
fn by_token(token: &CardToken, customer: Option<&str>) -> CreatePaymentJobRequest {
    let mut request = paid_payment(700);
    request.parameters = Some(PaymentJobParameters {
        token: Some(token.clone()),
        ..PaymentJobParameters::default()
    });
    if let Some(order) = request.order.as_mut() {
        order.customer_reference = customer.map(str::to_owned);
    }
    request
}

fn token_of(job: &PaymentJob) -> Option<CardToken> {
    let payment = job.latest_payment()?;
    payment.attributes.as_ref()?.token.clone()
}

async fn tokenised_cards(client: &Client, customer: &str) -> Vec<CardTokenData> {
    let query = SupportedPaymentMethodsQuery {
        customer_reference: Some(customer.to_owned()),
        ..SupportedPaymentMethodsQuery::default()
    };
    let methods = client
        .supported_payment_methods(&query)
        .await
        .expect("listed")
        .data;
    methods
        .into_iter()
        .flat_map(|method| method.tokenized_cards)
        .collect()
}

#[tokio::test]
async fn a_token_made_during_a_payment_pays_later() {
    let (sandbox, client) = sandbox::start().await;
    for option in [
        PaymentJobOption::GenerateToken,
        PaymentJobOption::StoreCardDetails,
    ] {
        // Observed: StoreCustomerInformation without a reference assigns one.
        let job = created(&client, &tokenising(option.clone(), None)).await;
        let order = job.order.as_ref().expect("the order");
        let customer = order.customer_reference.clone().expect("assigned");
        // The sandbox's choice: the token comes back in the payment's
        // attributes (Cashflows does not say where).
        let token = token_of(&job).expect("a token");

        // Doc: the customer's tokenised cards are listed.
        let listed = tokenised_cards(&client, &customer).await;
        assert_eq!(listed.len(), 1, "{option:?}");
        assert_eq!(
            listed[0].token.as_ref().map(CardToken::expose),
            Some(token.expose())
        );
        assert_eq!(
            listed[0].truncated_card_number.as_deref(),
            Some("400000******0002")
        );
        assert_eq!(listed[0].card_expiry_month.as_deref(), Some("12"));

        // Doc: `parameters.Token` pays instead of card details.
        let paid = created(&client, &by_token(&token, Some(&customer))).await;
        assert!(paid.is_paid());
        assert_eq!(token_of(&paid), None, "a token payment makes no new token");
    }
    assert!(tokenised_cards(&client, "nobody").await.is_empty());
    assert_eq!(sandbox.totals().paid, Amount::from_minor_units(3400));
}

#[tokio::test]
async fn tokens_of_others_and_unknown_tokens_are_refused() {
    let (sandbox, client) = sandbox::start().await;
    let job = created(
        &client,
        &tokenising(PaymentJobOption::GenerateToken, Some("alice")),
    )
    .await;
    let token = token_of(&job).expect("a token");
    let before = sandbox.totals();
    // The sandbox's rule: a customer's token pays that customer's jobs only.
    let invalid = (400, Some(GatewayErrorCode::InvalidCustomerReference));
    for customer in [Some("mallory"), None] {
        let result = client.create_payment_job(&by_token(&token, customer)).await;
        assert_eq!(refusal(result), invalid, "{customer:?}");
    }
    // As before: a token the sandbox never made is a refused card.
    let unknown = CardToken::new("0123456789abcdef0123456789abcdef");
    let result = client
        .create_payment_job(&by_token(&unknown, Some("alice")))
        .await;
    assert_eq!(
        refusal(result),
        (400, Some(GatewayErrorCode::PaymentRefused))
    );
    assert_eq!(sandbox.totals(), before, "nothing was made");
    assert_eq!(tokenised_cards(&client, "mallory").await.len(), 0);
}

#[tokio::test]
async fn a_customer_at_the_token_cap_is_warned_and_still_paid() {
    let (_sandbox, client) = sandbox::start().await;
    let request = || tokenising(PaymentJobOption::GenerateToken, Some("carol"));
    for _ in 0..MAX_TOKENS_PER_CUSTOMER {
        let answer = client
            .create_payment_job(&request())
            .await
            .expect("created");
        assert!(answer.warnings.is_empty());
        assert!(token_of(&answer.data).is_some());
    }
    // Natural: the cap (the sandbox's number) reached, the job is created
    // and paid, with the warning, and no token.
    let answer = client
        .create_payment_job(&request())
        .await
        .expect("created");
    let warned = answer.warnings.iter().map(|warning| &warning.kind);
    assert!(warned.eq([&GatewayWarningCode::MaximunNumberOfTokensReached]));
    assert!(answer.data.is_paid());
    assert_eq!(token_of(&answer.data), None);
    assert_eq!(
        tokenised_cards(&client, "carol").await.len(),
        MAX_TOKENS_PER_CUSTOMER
    );
}

#[tokio::test]
async fn a_challenged_payment_gets_its_token_once_the_challenge_passes() {
    let (_sandbox, client) = sandbox::start().await;
    for (pass, tokens) in [(true, 1), (false, 0)] {
        let customer = order_number();
        let mut request = card_payment(1000, CARD.number, CARD.cvc, HAN_SOLO.name);
        if let Some(order) = request.order.as_mut() {
            order.customer_reference = Some(customer.clone());
        }
        let request = with_options(request, &[PaymentJobOption::GenerateToken]);
        let answer = client.create_payment_job(&request).await.expect("created");
        assert_eq!(token_of(&answer.data), None, "not before the challenge");
        let challenge = answer.payment_page_url().expect("the challenge");
        Shopper::new()
            .answer_challenge(challenge, pass)
            .await
            .expect("answered");
        let job_ref = reference(&answer.data);
        let job = client
            .retrieve_payment_job(&job_ref)
            .await
            .expect("the job")
            .data;
        assert_eq!(token_of(&job).is_some(), pass);
        assert_eq!(tokenised_cards(&client, &customer).await.len(), tokens);
    }
    // A holder that is not challenged gets the token at once.
    let request = card_payment(1000, CARD.number, CARD.cvc, LUKE_SKYWALKER.name);
    let request = with_options(request, &[PaymentJobOption::GenerateToken]);
    assert!(token_of(&created(&client, &request).await).is_some());
}
