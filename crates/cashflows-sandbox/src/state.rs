//! The sandbox's in-memory store: payment jobs with their payments, captures
//! and refunds, card tokens and Remote Auth transactions. Every operation runs
//! under one lock, so concurrent requests see a consistent store.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

use cashflows::models::{
    Capture, CapturePaymentRequest, CaptureStatus, CreatePaymentIntentRequest,
    CreatePaymentJobRequest, ErrorReport, Locale, Order, Payment, PaymentIntent, PaymentJob,
    PaymentJobParameters, PaymentJobType, PaymentMethod, PaymentStatus, Refund,
    RefundPaymentRequest, RefundStatus, UpdateOrderRequest,
};
use cashflows::remote_auth::TransactionType;
use cashflows::test_cards::TestCard;
use cashflows::{Amount, Decimal, GatewayErrorCode, Reference};

use crate::dates::{self, months_later, written};
use crate::errors::{GatewayRefusal, entry};
use crate::intents::{Intent, Intents, ShopperCard};
use crate::limits::{MAX_AMOUNT, MAX_PAYMENT_ATTEMPTS};
use crate::outcomes::{self, Authentication};
use crate::triggers;
use crate::webhooks::StatusChange;

/// The first reference the sandbox hands out. References are opaque digit
/// strings of 18 digits, like the Gateway's; the counter is the sandbox's
/// own choice and is shared by jobs, payments, captures, refunds and Remote
/// Auth transactions.
const FIRST_REFERENCE: u64 = 220_000_000_000_000_001;

/// Counts and sums over everything the sandbox holds, for reconciliation.
///
/// Amounts are summed as exact decimals, whatever their currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Totals {
    /// Payment jobs created.
    pub payment_jobs: usize,
    /// Payments made (including failed and cancelled ones).
    pub payments: usize,
    /// Captures taken.
    pub captures: usize,
    /// Refunds made through the Gateway.
    pub refunds: usize,
    /// The sum of `paidAmount` over the payments of `Payment` jobs that are
    /// `Paid`: money collected at once (an authenticated card payment) or by
    /// a final capture. A partly captured payment counts once its final
    /// capture closes it.
    pub paid: Amount,
    /// The sum of `paidAmount` over the payments of `Credit` jobs that are
    /// `Paid`: money paid out to shoppers, never counted as collected.
    pub credited: Amount,
    /// The sum of every capture's `amountToCapture`.
    pub captured: Amount,
    /// The sum of every Gateway refund's `amountToRefund`.
    pub refunded: Amount,
    /// Remote Auth transactions kept for later refunds and voids: requests
    /// with the merchant's `auth_id` and `auth_pass` whose type, amount and
    /// currency were valid (authorised or declined after those checks).
    /// Other requests are answered and not kept.
    pub remote_auth_transactions: usize,
    /// The sum of authorised Remote Auth `sale` amounts that were not voided.
    pub remote_auth_sales: Amount,
    /// The sum of authorised Remote Auth `refund` amounts that were not voided.
    pub remote_auth_refunds: Amount,
}

/// A card kept by card tokenisation, so a later payment job can pay with
/// `parameters.Token`.
#[derive(Clone)]
pub(crate) struct StoredCard {
    pub(crate) card: &'static TestCard,
    pub(crate) holder: Option<String>,
}

/// A Remote Auth transaction, kept for later refunds and voids.
pub(crate) struct RemoteTransaction {
    pub(crate) kind: TransactionType,
    pub(crate) authorised: bool,
    pub(crate) amount: Amount,
    pub(crate) currency: String,
    pub(crate) refunded: Amount,
    pub(crate) voided: bool,
}

/// A payment job and what the sandbox keeps beside it.
pub(crate) struct JobRecord {
    /// The job as the Gateway returns it, payments included.
    pub(crate) job: PaymentJob,
    /// Where its status changes are notified: `parameters.WebhookUrl`, or
    /// else the configuration's webhook URL.
    pub(crate) webhook_url: Option<String>,
    /// `parameters.SimulatedStatus` asked for `Reserved`.
    reserve_only: bool,
    /// The status a project trigger in `parameters.SimulatedStatus` gives
    /// an authorised payment instead of `Paid`.
    simulated: Option<PaymentStatus>,
    /// `parameters.ReturnUrlSuccess`.
    pub(crate) return_url_success: Option<String>,
    /// `parameters.ReturnUrlFailed`.
    pub(crate) return_url_failed: Option<String>,
    /// `parameters.ReturnUrlCancelled`.
    pub(crate) return_url_cancelled: Option<String>,
    /// The merchant or the shopper cancelled the job.
    cancelled: bool,
    /// `expirationDateTimeUtc`: after it, a job not yet paid is `Expired`.
    expires: OffsetDateTime,
    /// The job passed its expiry unpaid.
    expired: bool,
    /// How many times a shopper tried to pay the job (refused cards
    /// included); at most [`MAX_PAYMENT_ATTEMPTS`].
    attempts: u32,
}

/// The merchant configuration a job is created for, as the sandbox holds
/// it.
#[derive(Clone, Copy)]
pub(crate) struct Merchant<'a> {
    pub(crate) configuration_id: &'a str,
    /// The sandbox's base URL, for the links its answers carry.
    pub(crate) base_url: &'a str,
    /// The configuration's webhook URL (set in Cashflows' portal): where a
    /// job that gives no `parameters.WebhookUrl` is notified.
    pub(crate) webhook_url: Option<&'a str>,
}

impl JobRecord {
    fn change(&self, payment: Option<&Reference>) -> Option<StatusChange> {
        self.webhook_url.as_ref().map(|url| StatusChange {
            url: url.clone(),
            job: self.job.reference.clone().unwrap_or_default(),
            payment: payment.cloned(),
        })
    }

    /// The payment with this reference, to change.
    fn payment_mut(&mut self, payment: &str) -> Result<&mut Payment, GatewayRefusal> {
        self.job
            .payments
            .iter_mut()
            .find(|candidate| reference_is(&candidate.reference, payment))
            .ok_or(GatewayRefusal::NotFound)
    }

    fn payment_index(&self, payment: &str) -> Result<usize, GatewayRefusal> {
        self.job
            .payments
            .iter()
            .position(|candidate| reference_is(&candidate.reference, payment))
            .ok_or(GatewayRefusal::NotFound)
    }

    /// The status an authorised payment of this job takes.
    fn authorised_status(&self) -> PaymentStatus {
        if self.reserve_only {
            PaymentStatus::Reserved
        } else {
            self.simulated.clone().unwrap_or(PaymentStatus::Paid)
        }
    }

    fn shopper_view(&self, now: OffsetDateTime) -> ShopperView {
        ShopperView {
            payable: self.payable(now),
            amount: self.job.amount_to_collect,
            currency: self.job.currency.clone().unwrap_or_default(),
            order_number: self
                .job
                .order
                .as_ref()
                .and_then(|order| order.order_number.clone()),
            status: self.job.payment_status.clone(),
            return_url_success: self.return_url_success.clone(),
            return_url_failed: self.return_url_failed.clone(),
            return_url_cancelled: self.return_url_cancelled.clone(),
        }
    }

    /// Whether the job pays money out (`Credit`) rather than collecting it.
    fn is_credit(&self) -> bool {
        self.job.job_type == Some(PaymentJobType::Credit)
    }

    /// Whether a shopper may still pay this job: not expired, not final
    /// (the rule `cancel_job` uses: see [`is_final`]), and no payment yet.
    ///
    /// A job's first payment decides it: authorised, the job is paid or
    /// reserved (a job is paid once); waiting for its challenge, the job
    /// waits; failed or cancelled, the job reads `Failed` or `Cancelled`,
    /// which is final. Cashflows does not say in words what a failed
    /// payment means for its job, but its own JavaScript library (facts §3)
    /// only starts a checkout on a job that reads `Pending` and gives up on
    /// any other status with the payment's error: a job whose payment failed
    /// is not paid again. So a job `cancel_job` refuses as already final is
    /// never payable here.
    fn payable(&self, now: OffsetDateTime) -> bool {
        !self.cancelled
            && !self.expired
            && now <= self.expires
            && !self.job.payment_status.as_ref().is_some_and(is_final)
            && self.job.payments.is_empty()
    }

    /// Marks an unpaid job past its expiry `Expired`, with its waiting
    /// payments; returns the notifications of that change, or `None` when
    /// nothing changed.
    fn expire_if_due(&mut self, now: OffsetDateTime) -> Option<Vec<StatusChange>> {
        if self.expired
            || self.cancelled
            || now <= self.expires
            || self.job.payment_status != Some(PaymentStatus::Pending)
        {
            return None;
        }
        self.expired = true;
        let mut expired = Vec::new();
        for payment in &mut self.job.payments {
            if payment.status == Some(PaymentStatus::Pending) {
                payment.status = Some(PaymentStatus::Expired);
                expired.push(payment.reference.clone());
            }
        }
        self.refresh(now);
        let mut changes: Vec<StatusChange> = expired
            .iter()
            .filter_map(|payment| self.change(payment.as_ref()))
            .collect();
        if expired.is_empty() {
            changes.extend(self.change(None));
        }
        Some(changes)
    }

    /// Recomputes the job's amounts and status from its payments. Sums are
    /// bounded: every amount is at most [`MAX_AMOUNT`], and a payment's
    /// captures and refunds never exceed it.
    fn refresh(&mut self, now: OffsetDateTime) {
        let credit = self.is_credit();
        let job = &mut self.job;
        let paid = checked_sum(
            job.payments
                .iter()
                .filter(|payment| payment.status == Some(PaymentStatus::Paid))
                .map(|payment| payment.paid_amount),
        );
        job.paid_amount = Some(Amount::from_decimal(paid));
        job.amount_collected = Some(Amount::from_decimal(if credit {
            Decimal::ZERO
        } else {
            paid
        }));
        let has = |status: PaymentStatus| {
            job.payments
                .iter()
                .any(|payment| payment.status.as_ref() == Some(&status))
        };
        let status = if self.cancelled {
            PaymentStatus::Cancelled
        } else if self.expired {
            PaymentStatus::Expired
        } else if has(PaymentStatus::Paid) {
            PaymentStatus::Paid
        } else if has(PaymentStatus::Reserved) {
            PaymentStatus::Reserved
        } else {
            job.payments
                .last()
                .and_then(|payment| payment.status.clone())
                .unwrap_or(PaymentStatus::Pending)
        };
        job.payment_status = Some(status);
        job.last_update_time_utc = Some(written(now));
    }
}

/// The outcome of creating a payment job.
pub(crate) struct CreatedJob {
    pub(crate) job: PaymentJob,
    /// Where the shopper goes next: the 3-D Secure step or the hosted page.
    pub(crate) action_url: Option<String>,
    /// 3-D Secure failed: the job exists, and the response is an error.
    pub(crate) failed: bool,
    pub(crate) changes: Vec<StatusChange>,
}

/// A card a direct payment uses, once checked.
struct CheckedCard {
    holder: Option<String>,
    amount: Amount,
}

/// Everything the sandbox holds.
pub(crate) struct Store {
    next_reference: u64,
    jobs: BTreeMap<String, JobRecord>,
    /// `(configuration ID, order number)` of every job created.
    order_numbers: HashSet<(String, String)>,
    /// Embedded checkout: intents by token, card-field preparations and
    /// shoppers' stored cards.
    pub(crate) intents: Intents,
    tokens: HashMap<String, StoredCard>,
    /// This sandbox's secret, from which its tokens are derived: a token
    /// cannot be guessed from a reference.
    secret: [u8; 32],
    pub(crate) transactions: HashMap<String, RemoteTransaction>,
}

impl Store {
    pub(crate) fn new() -> Self {
        Store {
            next_reference: FIRST_REFERENCE,
            jobs: BTreeMap::new(),
            order_numbers: HashSet::new(),
            intents: Intents::default(),
            tokens: HashMap::new(),
            transactions: HashMap::new(),
            secret: fresh_secret(),
        }
    }

    /// A fresh token: 32 hex digits derived from this sandbox's secret and a
    /// fresh reference (the sandbox's own format; Cashflows does not publish
    /// one).
    pub(crate) fn fresh_token(&mut self, purpose: &str) -> String {
        let reference = self.next_reference();
        tokenise(&self.secret, &format!("{purpose}:{reference}"))
    }

    /// A fresh reference.
    pub(crate) fn next_reference(&mut self) -> String {
        let reference = self.next_reference;
        // 18-digit references: u64 runs out after 10^19, never in a test.
        self.next_reference = self.next_reference.saturating_add(1);
        reference.to_string()
    }

    /// A snapshot of a job.
    pub(crate) fn payment_job(&self, reference: &str) -> Option<PaymentJob> {
        self.jobs.get(reference).map(|record| record.job.clone())
    }

    /// A snapshot of a job after its expiry has been applied, with the
    /// notifications of that change.
    pub(crate) fn current_payment_job(
        &mut self,
        reference: &str,
        now: OffsetDateTime,
    ) -> Option<(PaymentJob, Vec<StatusChange>)> {
        let record = self.jobs.get_mut(reference)?;
        let changes = record.expire_if_due(now).unwrap_or_default();
        Some((record.job.clone(), changes))
    }

    /// A snapshot of a payment.
    pub(crate) fn payment(&self, job: &str, payment: &str) -> Result<Payment, GatewayRefusal> {
        let record = self.jobs.get(job).ok_or(GatewayRefusal::NotFound)?;
        let index = record.payment_index(payment)?;
        record
            .job
            .payments
            .get(index)
            .cloned()
            .ok_or(GatewayRefusal::NotFound)
    }

    /// Keeps a tokenised card; returns its token.
    pub(crate) fn store_token(&mut self, card: StoredCard) -> String {
        let token = self.fresh_token("card");
        self.tokens.insert(token.clone(), card);
        token
    }

    pub(crate) fn token(&self, token: &str) -> Option<&StoredCard> {
        self.tokens.get(token)
    }

    pub(crate) fn totals(&self) -> Totals {
        let mut totals = Totals {
            payment_jobs: self.jobs.len(),
            remote_auth_transactions: self.transactions.len(),
            ..Totals::default()
        };
        let payments = || self.jobs.values().flat_map(|record| &record.job.payments);
        totals.payments = payments().count();
        totals.captures = payments().map(|payment| payment.captures.len()).sum();
        totals.refunds = payments().map(|payment| payment.refunds.len()).sum();
        let paid_in = |credit: bool| {
            checked_sum(
                self.jobs
                    .values()
                    .filter(|record| record.is_credit() == credit)
                    .flat_map(|record| &record.job.payments)
                    .filter(|payment| payment.status == Some(PaymentStatus::Paid))
                    .map(|payment| payment.paid_amount),
            )
        };
        totals.paid = Amount::from_decimal(paid_in(false));
        totals.credited = Amount::from_decimal(paid_in(true));
        totals.captured = Amount::from_decimal(checked_sum(
            payments()
                .flat_map(|payment| &payment.captures)
                .filter(|capture| capture.status == Some(CaptureStatus::Completed))
                .map(|capture| capture.amount_to_capture),
        ));
        totals.refunded = Amount::from_decimal(checked_sum(
            payments()
                .flat_map(|payment| &payment.refunds)
                .filter(|refund| refund.status == Some(RefundStatus::Completed))
                .map(|refund| refund.amount_to_refund),
        ));
        let remote = |kind: TransactionType| {
            checked_sum(
                self.transactions
                    .values()
                    .filter(|transaction| transaction.authorised && !transaction.voided)
                    .filter(|transaction| transaction.kind == kind)
                    .map(|transaction| Some(transaction.amount)),
            )
        };
        totals.remote_auth_sales = Amount::from_decimal(remote(TransactionType::Sale));
        totals.remote_auth_refunds = Amount::from_decimal(remote(TransactionType::Refund));
        totals
    }

    /// Whether a job with this order number exists for the configuration.
    pub(crate) fn order_exists(&self, configuration_id: &str, order_number: &str) -> bool {
        self.order_numbers
            .contains(&(configuration_id.to_owned(), order_number.to_owned()))
    }

    /// Creates a payment intent: a payment job without card data, paid
    /// later by the shopper's browser with the intent's token. The token's
    /// format and lifetime are the sandbox's own (Cashflows publishes
    /// neither): 32 hex digits that cannot be derived from the job's
    /// reference, valid as long as the job is kept.
    pub(crate) fn create_intent(
        &mut self,
        merchant: &Merchant<'_>,
        request: &CreatePaymentIntentRequest,
        now: OffsetDateTime,
    ) -> Result<(PaymentIntent, Vec<StatusChange>), GatewayRefusal> {
        let job_request = CreatePaymentJobRequest {
            currency: request.currency.clone().unwrap_or_default(),
            amount_to_collect: request.amount_to_collect,
            locale: request.locale.clone(),
            payment_methods_to_use: request.payment_methods_to_use.clone(),
            options: request.options.clone(),
            order: request.order.clone(),
            ..CreatePaymentJobRequest::default()
        };
        let created = self.create_job(merchant, job_request, now)?;
        let job = created.job.reference.clone().unwrap_or_default();
        let token = self.fresh_token("intent");
        let customer = request
            .order
            .as_ref()
            .and_then(|order| order.customer_reference.clone())
            .filter(|customer| !customer.trim().is_empty());
        self.intents.insert(
            token.clone(),
            Intent {
                job: job.to_string(),
                customer,
            },
        );
        let intent = PaymentIntent {
            payment_job_reference: Some(job),
            token: Some(token),
            other: BTreeMap::new(),
        };
        Ok((intent, created.changes))
    }

    /// What the shopper's browser reads of an intent, after the job's
    /// expiry has been applied, with the notifications of that change.
    pub(crate) fn intent_view(
        &mut self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<(IntentView, Vec<StatusChange>), GatewayRefusal> {
        let intent = self.intents.intent(token).ok_or(GatewayRefusal::NotFound)?;
        let record = self
            .jobs
            .get_mut(&intent.job)
            .ok_or(GatewayRefusal::NotFound)?;
        let changes = record.expire_if_due(now).unwrap_or_default();
        Ok((IntentView::of(&record.job), changes))
    }

    /// Pays an intent's job from the browser: with the card typed into the
    /// field pages, or with a card the shopper stored. The same checks and
    /// outcomes as the hosted page: a job is paid once, a refused card
    /// changes nothing, the holder name selects the 3-D Secure outcome.
    /// Returns the notifications to send whatever the result.
    pub(crate) fn pay_intent(
        &mut self,
        token: &str,
        card: &IntentCard,
        now: OffsetDateTime,
    ) -> (Result<IntentPayment, GatewayRefusal>, Vec<StatusChange>) {
        let Some(intent) = self.intents.intent(token).cloned() else {
            return (Err(GatewayRefusal::NotFound), Vec::new());
        };
        let Some(mut record) = self.jobs.remove(&intent.job) else {
            return (Err(GatewayRefusal::NotFound), Vec::new());
        };
        let (result, changes) = self.pay_intent_record(&intent, &mut record, card, now);
        let view = IntentView::of(&record.job);
        let result = match result {
            Ok(PageOutcome::Authorised(_)) => Ok(IntentPayment {
                challenge: None,
                view,
            }),
            Ok(PageOutcome::Challenge(payment)) => Ok(IntentPayment {
                challenge: Some(payment),
                view,
            }),
            // As a direct card payment whose authentication fails: 400 with
            // the failed job's intent in `data`.
            Ok(PageOutcome::Failed(_)) => Err(GatewayRefusal::documented_with_data(
                GatewayErrorCode::ThreeDSecureFailed,
                serde_json::to_value(&view).ok(),
            )),
            Ok(PageOutcome::Refused(_)) => Err(card_refused()),
            Err(error) => Err(error),
        };
        self.jobs.insert(intent.job, record);
        (result, changes)
    }

    fn pay_intent_record(
        &mut self,
        intent: &Intent,
        record: &mut JobRecord,
        card: &IntentCard,
        now: OffsetDateTime,
    ) -> (Result<PageOutcome, GatewayRefusal>, Vec<StatusChange>) {
        if let Some(changes) = record.expire_if_due(now) {
            let refusal = GatewayRefusal::documented(GatewayErrorCode::PaymentJobAlreadyFinal);
            return (Err(refusal), changes);
        }
        if !record.payable(now) {
            // Paid, reserved, failed, cancelled: final. A payment waiting for its
            // challenge: not final, but not payable again either.
            let code = if record.job.payment_status.as_ref().is_some_and(is_final) {
                GatewayErrorCode::PaymentJobAlreadyFinal
            } else {
                GatewayErrorCode::InvalidPaymentStatus
            };
            return (Err(GatewayRefusal::documented(code)), Vec::new());
        }
        let entry = match card {
            IntentCard::Fields { preparations, .. } => self.intents.card_from(preparations),
            IntentCard::Stored(id) => intent
                .customer
                .as_deref()
                .and_then(|customer| self.intents.card(customer, id))
                .map(ShopperCard::entry)
                .ok_or(crate::intents::CardFieldsError::Invalid),
        };
        let Ok(entry) = entry else {
            return (Err(card_refused()), Vec::new());
        };
        let (outcome, changes) = match self.pay_record(record, &entry, now) {
            Ok(paid) => paid,
            Err(PageError::Expired(changes)) => {
                let refusal = GatewayRefusal::documented(GatewayErrorCode::PaymentJobAlreadyFinal);
                return (Err(refusal), changes);
            }
            Err(PageError::Conflict) => {
                let refusal = GatewayRefusal::documented(GatewayErrorCode::InvalidPaymentStatus);
                return (Err(refusal), Vec::new());
            }
            Err(PageError::TooManyAttempts) => {
                let refusal = GatewayRefusal::documented(GatewayErrorCode::TooManyAttempts);
                return (Err(refusal), Vec::new());
            }
            Err(PageError::NotFound) => return (Err(GatewayRefusal::NotFound), Vec::new()),
        };
        let payment = match &outcome {
            PageOutcome::Refused(_) => return (Err(card_refused()), changes),
            PageOutcome::Authorised(payment)
            | PageOutcome::Challenge(payment)
            | PageOutcome::Failed(payment) => payment.clone(),
        };
        if let IntentCard::Fields {
            preparations,
            store,
        } = card
        {
            self.intents.use_preparations(preparations);
            let customer = intent.customer.as_deref().filter(|_| *store);
            let test_card = outcomes::find_test_card(&entry.card_number);
            if let (Some(customer), Some(test_card)) = (customer, test_card) {
                let stored = ShopperCard {
                    id: self.fresh_token("stored-card"),
                    card: test_card,
                    holder: entry.card_holder_name.clone(),
                    expiry_month: entry.card_expiry_month.clone(),
                    expiry_year: entry.card_expiry_year.clone(),
                };
                match &outcome {
                    PageOutcome::Authorised(_) => self.intents.store_card(customer, stored),
                    PageOutcome::Challenge(_) => {
                        self.intents
                            .store_when_authorised(payment.as_str(), customer, stored);
                    }
                    _ => {}
                }
            }
        }
        (Ok(outcome), changes)
    }

    /// The cards the intent's shopper stored (none without a customer
    /// reference).
    pub(crate) fn stored_cards(&self, token: &str) -> Result<Vec<ShopperCard>, GatewayRefusal> {
        let intent = self.intents.intent(token).ok_or(GatewayRefusal::NotFound)?;
        Ok(intent
            .customer
            .as_deref()
            .map(|customer| self.intents.cards(customer).to_vec())
            .unwrap_or_default())
    }

    /// Forgets one of the intent's shopper's stored cards.
    pub(crate) fn delete_stored_card(
        &mut self,
        token: &str,
        id: &str,
    ) -> Result<(), GatewayRefusal> {
        let intent = self.intents.intent(token).ok_or(GatewayRefusal::NotFound)?;
        let customer = intent.customer.clone().ok_or(GatewayRefusal::NotFound)?;
        if self.intents.delete_card(&customer, id) {
            Ok(())
        } else {
            Err(GatewayRefusal::NotFound)
        }
    }

    /// Creates a payment job; with card data, pays it at once.
    pub(crate) fn create_job(
        &mut self,
        merchant: &Merchant<'_>,
        request: CreatePaymentJobRequest,
        now: OffsetDateTime,
    ) -> Result<CreatedJob, GatewayRefusal> {
        let Merchant {
            configuration_id,
            base_url,
            webhook_url,
        } = *merchant;
        if !is_currency(&request.currency) {
            return Err(GatewayRefusal::Malformed);
        }
        if let Some(amount) = request.amount_to_collect {
            if !valid_amount(amount, true) {
                return Err(GatewayRefusal::documented(
                    GatewayErrorCode::InvalidAmountForPaymentMethod,
                ));
            }
        }
        let parameters = request.parameters.clone().unwrap_or_default();
        let return_urls = [
            &parameters.return_url_success,
            &parameters.return_url_failed,
            &parameters.return_url_cancelled,
        ];
        if !return_urls.into_iter().flatten().all(|url| is_web_url(url)) {
            return Err(GatewayRefusal::Malformed);
        }
        let expires = match &request.expiration_date_time_utc {
            Some(text) => dates::parse(text).ok_or(GatewayRefusal::Malformed)?,
            None => months_later(now, JOB_LIFETIME_MONTHS),
        };
        let order_number = request
            .order
            .as_ref()
            .and_then(|order| order.order_number.clone())
            .filter(|number| !number.trim().is_empty())
            .map(|number| (configuration_id.to_owned(), number));
        if let Some(key) = &order_number {
            if self.order_numbers.contains(key) {
                return Err(GatewayRefusal::documented(
                    GatewayErrorCode::OrderReferenceNotUnique,
                ));
            }
        }
        let card = if parameters.card_number.is_some() || parameters.token.is_some() {
            Some(self.check_direct_card(&request, &parameters, now)?)
        } else {
            None
        };

        let reference = self.next_reference();
        let job = PaymentJob {
            reference: Some(Reference::new(reference.clone())),
            create_date_time_utc: Some(written(now)),
            job_type: Some(request.job_type.clone().unwrap_or(PaymentJobType::Payment)),
            configuration_id: Some(configuration_id.to_owned()),
            locale: Some(request.locale.clone().unwrap_or(Locale::EnGb)),
            order: request.order.as_ref().map(|order| ordered(order, now)),
            currency: Some(request.currency.clone()),
            amount_to_collect: request.amount_to_collect.map(two_places),
            expiration_date_time_utc: Some(
                request
                    .expiration_date_time_utc
                    .clone()
                    .unwrap_or_else(|| written(expires)),
            ),
            recurrence_criteria: request.recurrence_criteria.clone(),
            ..PaymentJob::default()
        };
        let mut record = JobRecord {
            job,
            webhook_url: parameters
                .webhook_url
                .clone()
                .filter(|url| !url.is_empty())
                .or_else(|| webhook_url.map(str::to_owned)),
            reserve_only: parameters
                .simulated_status
                .as_deref()
                .is_some_and(|status| {
                    status
                        .trim()
                        .eq_ignore_ascii_case(PaymentStatus::Reserved.as_str())
                }),
            simulated: parameters
                .simulated_status
                .as_deref()
                .and_then(triggers::payment_status),
            return_url_success: parameters.return_url_success.clone(),
            return_url_failed: parameters.return_url_failed.clone(),
            return_url_cancelled: parameters.return_url_cancelled.clone(),
            cancelled: false,
            expires,
            expired: false,
            attempts: 0,
        };
        if let Some(key) = order_number {
            self.order_numbers.insert(key);
        }

        let mut changes = Vec::new();
        let mut failed = false;
        let action_url = match card {
            None => {
                // No notification: the new job waits, and nothing about it
                // changed. Cashflows documents webhooks on status changes
                // only, so a shop cannot learn a lost create's reference
                // from one either (the guide's recovery relies on that).
                record.refresh(now);
                Some(format!(
                    "{base_url}{}/{reference}",
                    crate::server::HOSTED_PAGE_PATH
                ))
            }
            Some(checked) => {
                let authentication = outcomes::authentication(checked.holder.as_deref());
                let payment = self.add_payment(
                    &mut record,
                    checked.amount,
                    PaymentMethod::Card,
                    authentication,
                    now,
                );
                changes.extend(record.change(Some(&payment)));
                match authentication {
                    Authentication::Pending => Some(format!(
                        "{base_url}{}/{reference}/{payment}",
                        crate::server::THREE_D_SECURE_PATH
                    )),
                    Authentication::Failed => {
                        failed = true;
                        None
                    }
                    Authentication::Authenticated => None,
                }
            }
        };
        let job = record.job.clone();
        self.jobs.insert(reference, record);
        Ok(CreatedJob {
            job,
            action_url,
            failed,
            changes,
        })
    }

    /// Adds a card payment to a job, in the state its authentication leads
    /// to, and refreshes the job. Returns the payment's reference.
    fn add_payment(
        &mut self,
        record: &mut JobRecord,
        amount: Amount,
        method: PaymentMethod,
        authentication: Authentication,
        now: OffsetDateTime,
    ) -> Reference {
        let reference = Reference::new(self.next_reference());
        let mut payment = Payment {
            reference: Some(reference.clone()),
            create_date_time_utc: Some(written(now)),
            payment_methods: vec![method],
            amount_to_collect: Some(amount),
            paid_amount: Some(Amount::ZERO),
            ..Payment::default()
        };
        match authentication {
            Authentication::Authenticated => authorise(&mut payment, record.authorised_status()),
            Authentication::Pending => payment.status = Some(PaymentStatus::Pending),
            Authentication::Failed => fail_authentication(&mut payment),
        }
        record.job.payments.push(payment);
        record.refresh(now);
        reference
    }

    /// The checks of a direct card payment (`parameters.CardNumber`, or
    /// `parameters.Token` from card tokenisation).
    fn check_direct_card(
        &self,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        now: OffsetDateTime,
    ) -> Result<CheckedCard, GatewayRefusal> {
        if request.payment_methods_to_use.is_empty() {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::NoPaymentMethodSelected,
            ));
        }
        if !request
            .payment_methods_to_use
            .iter()
            .any(outcomes::is_card_method)
        {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::PaymentMethodNotAllowed,
            ));
        }
        let holder = parameters.card_holder_name.clone();
        let holder = match &parameters.card_number {
            Some(number) => {
                let card = outcomes::find_test_card(number.expose()).ok_or_else(card_refused)?;
                let cvc = parameters.card_cvc.as_ref().ok_or_else(card_refused)?;
                if !outcomes::cvc_matches(card, cvc.expose()) {
                    return Err(card_refused());
                }
                let month = parameters.card_expiry_month.as_deref().unwrap_or_default();
                let year = parameters.card_expiry_year.as_deref().unwrap_or_default();
                if outcomes::check_expiry(month, year, now.date()) != outcomes::Expiry::Valid {
                    return Err(card_refused());
                }
                holder
            }
            None => {
                let token = parameters.token.as_ref().map_or("", |token| token.expose());
                let stored = self.token(token).ok_or_else(card_refused)?;
                if let Some(cvc) = &parameters.card_cvc {
                    if !outcomes::cvc_matches(stored.card, cvc.expose()) {
                        return Err(card_refused());
                    }
                }
                holder.or_else(|| stored.holder.clone())
            }
        };
        let amount = request
            .amount_to_collect
            .filter(|amount| valid_amount(*amount, false))
            .map(two_places)
            .ok_or_else(|| {
                GatewayRefusal::documented(GatewayErrorCode::InvalidAmountForPaymentMethod)
            })?;
        Ok(CheckedCard { holder, amount })
    }

    /// Answers a challenged payment's 3-D Secure step: passed, the payment
    /// is authorised (Paid, or Reserved with `SimulatedStatus: Reserved`);
    /// failed, it fails. Returns whether it passed.
    pub(crate) fn complete_authentication(
        &mut self,
        job: &str,
        payment: &str,
        passed: bool,
        now: OffsetDateTime,
    ) -> Result<(bool, Vec<StatusChange>), PageError> {
        let record = self.jobs.get_mut(job).ok_or(PageError::NotFound)?;
        let expiry = record.expire_if_due(now);
        let index = record
            .payment_index(payment)
            .map_err(|_| PageError::NotFound)?;
        let status = record.authorised_status();
        let target = record
            .job
            .payments
            .get_mut(index)
            .ok_or(PageError::NotFound)?;
        if target.status != Some(PaymentStatus::Pending) || record.cancelled {
            return Err(expiry.map_or(PageError::Conflict, PageError::Expired));
        }
        if passed {
            authorise(target, status);
        } else {
            fail_authentication(target);
        }
        let reference = target.reference.clone();
        record.refresh(now);
        self.intents.challenge_completed(payment, passed);
        Ok((
            passed,
            record.change(reference.as_ref()).into_iter().collect(),
        ))
    }

    /// What the shopper's pages show of a job, or why it cannot be paid.
    pub(crate) fn shopper_view(
        &mut self,
        job: &str,
        now: OffsetDateTime,
    ) -> Result<ShopperView, PageError> {
        let record = self.jobs.get_mut(job).ok_or(PageError::NotFound)?;
        if let Some(changes) = record.expire_if_due(now) {
            return Err(PageError::Expired(changes));
        }
        Ok(record.shopper_view(now))
    }

    /// Pays a job with the card the shopper typed on the hosted page. A card
    /// the sandbox refuses leaves the job as it was.
    pub(crate) fn pay_on_hosted_page(
        &mut self,
        job: &str,
        card: &CardEntry,
        now: OffsetDateTime,
    ) -> Result<(PageOutcome, Vec<StatusChange>), PageError> {
        let mut record = self.jobs.remove(job).ok_or(PageError::NotFound)?;
        let result = self.pay_record(&mut record, card, now);
        self.jobs.insert(job.to_owned(), record);
        result
    }

    fn pay_record(
        &mut self,
        record: &mut JobRecord,
        card: &CardEntry,
        now: OffsetDateTime,
    ) -> Result<(PageOutcome, Vec<StatusChange>), PageError> {
        if let Some(changes) = record.expire_if_due(now) {
            return Err(PageError::Expired(changes));
        }
        if !record.payable(now) {
            return Err(PageError::Conflict);
        }
        // Anyone with the job's page can try cards: without a cap, a loop of
        // refused cards would never end.
        if record.attempts >= MAX_PAYMENT_ATTEMPTS {
            return Err(PageError::TooManyAttempts);
        }
        let amount = record
            .job
            .amount_to_collect
            .filter(|amount| valid_amount(*amount, false))
            .ok_or(PageError::Conflict)?;
        record.attempts = record.attempts.saturating_add(1);
        if let Some(reason) = card.refusal(now) {
            return Ok((PageOutcome::Refused(reason), Vec::new()));
        }
        let holder = Some(card.card_holder_name.as_str()).filter(|name| !name.trim().is_empty());
        let authentication = outcomes::authentication(holder);
        let payment = self.add_payment(record, amount, PaymentMethod::Card, authentication, now);
        let outcome = match authentication {
            Authentication::Authenticated => PageOutcome::Authorised(payment.clone()),
            Authentication::Pending => PageOutcome::Challenge(payment.clone()),
            Authentication::Failed => PageOutcome::Failed(payment.clone()),
        };
        Ok((outcome, record.change(Some(&payment)).into_iter().collect()))
    }

    /// The shopper cancels on the hosted page: the job, while nothing is
    /// waiting, authorised or paid, becomes Cancelled.
    pub(crate) fn cancel_on_hosted_page(
        &mut self,
        job: &str,
        now: OffsetDateTime,
    ) -> Result<Vec<StatusChange>, PageError> {
        let record = self.jobs.get_mut(job).ok_or(PageError::NotFound)?;
        if let Some(changes) = record.expire_if_due(now) {
            return Err(PageError::Expired(changes));
        }
        if !record.payable(now) {
            return Err(PageError::Conflict);
        }
        record.cancelled = true;
        record.refresh(now);
        Ok(record.change(None).into_iter().collect())
    }

    /// Cancels a payment job that is not final, and its open payments.
    pub(crate) fn cancel_job(
        &mut self,
        job: &str,
        now: OffsetDateTime,
    ) -> Result<(PaymentJob, Vec<StatusChange>), GatewayRefusal> {
        let record = self.jobs.get_mut(job).ok_or(GatewayRefusal::NotFound)?;
        if record.job.payment_status.as_ref().is_some_and(is_final) {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::PaymentJobAlreadyFinal,
            ));
        }
        // Captured money is collected: cancelling would lose it. A partly
        // captured payment is closed by a final capture instead.
        if record
            .job
            .payments
            .iter()
            .any(|payment| !payment.captures.is_empty())
        {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::PaymentJobCannotBeCancelled,
            ));
        }
        record.cancelled = true;
        let mut cancelled = Vec::new();
        for payment in &mut record.job.payments {
            if matches!(
                payment.status,
                Some(PaymentStatus::Pending | PaymentStatus::Reserved)
            ) {
                payment.status = Some(PaymentStatus::Cancelled);
                cancelled.push(payment.reference.clone());
            }
        }
        record.refresh(now);
        let mut changes: Vec<StatusChange> = cancelled
            .iter()
            .filter_map(|payment| record.change(payment.as_ref()))
            .collect();
        if cancelled.is_empty() {
            changes.extend(record.change(None));
        }
        Ok((record.job.clone(), changes))
    }

    /// Cancels a pending or reserved payment.
    pub(crate) fn cancel_payment(
        &mut self,
        job: &str,
        payment: &str,
        now: OffsetDateTime,
    ) -> Result<(Payment, Vec<StatusChange>), GatewayRefusal> {
        let record = self.jobs.get_mut(job).ok_or(GatewayRefusal::NotFound)?;
        let target = record.payment_mut(payment)?;
        let open = matches!(
            target.status,
            Some(PaymentStatus::Pending | PaymentStatus::Reserved)
        );
        // A partly captured payment keeps its captures: see `cancel_job`.
        if !open || !target.captures.is_empty() {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::InvalidPaymentStatus,
            ));
        }
        target.status = Some(PaymentStatus::Cancelled);
        let snapshot = target.clone();
        record.refresh(now);
        let changes = record
            .change(snapshot.reference.as_ref())
            .into_iter()
            .collect();
        Ok((snapshot, changes))
    }

    /// Captures (part of) a reserved payment.
    pub(crate) fn capture(
        &mut self,
        job: &str,
        payment: &str,
        request: &CapturePaymentRequest,
        now: OffsetDateTime,
    ) -> Result<(Capture, Vec<StatusChange>), GatewayRefusal> {
        let reference = Reference::new(self.next_reference());
        let record = self.jobs.get_mut(job).ok_or(GatewayRefusal::NotFound)?;
        let target = record.payment_mut(payment)?;
        if target.status != Some(PaymentStatus::Reserved) {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::InvalidPaymentStatus,
            ));
        }
        let authorised = decimal(target.amount_to_collect);
        // A failed capture took nothing; a pending one holds its amount.
        let captured = checked_sum(
            target
                .captures
                .iter()
                .filter(|capture| capture.status != Some(CaptureStatus::Failed))
                .map(|capture| capture.amount_to_capture),
        );
        let left = authorised.checked_sub(captured).unwrap_or(Decimal::ZERO);
        let amount = request
            .amount_to_capture
            .unwrap_or(Amount::from_decimal(left));
        if !valid_amount(amount, false) {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::InvalidAmountForPaymentMethod,
            ));
        }
        let amount = two_places(amount);
        let total = captured
            .checked_add(amount.as_decimal())
            .filter(|total| *total <= authorised)
            .ok_or(GatewayRefusal::documented(
                GatewayErrorCode::CaptureAmountExceedsOriginalAuthorisation,
            ))?;
        let status = request
            .parameters
            .get(triggers::SIMULATED_STATUS)
            .and_then(|value| triggers::capture_status(value))
            .unwrap_or(CaptureStatus::Completed);
        let is_final = request.is_final_capture == Some(true) || total == authorised;
        let capture = Capture {
            reference: Some(reference),
            create_date_time_utc: Some(written(now)),
            status: Some(status.clone()),
            amount_to_capture: Some(amount),
            is_final_capture: Some(is_final),
            ..Capture::default()
        };
        target.captures.push(capture.clone());
        if is_final && status == CaptureStatus::Completed {
            // Only completed captures collected money: a pending one holds
            // its amount against over-capture but is never paid, nor
            // refundable.
            let collected = checked_sum(
                target
                    .captures
                    .iter()
                    .filter(|capture| capture.status == Some(CaptureStatus::Completed))
                    .map(|capture| capture.amount_to_capture),
            );
            target.status = Some(PaymentStatus::Paid);
            target.paid_amount = Some(Amount::from_decimal(collected));
        }
        let payment_reference = target.reference.clone();
        record.refresh(now);
        let changes = record
            .change(payment_reference.as_ref())
            .into_iter()
            .collect();
        Ok((capture, changes))
    }

    /// Refunds (part of) a paid payment.
    pub(crate) fn refund(
        &mut self,
        job: &str,
        payment: &str,
        request: &RefundPaymentRequest,
        now: OffsetDateTime,
    ) -> Result<(Refund, Vec<StatusChange>), GatewayRefusal> {
        let reference = Reference::new(self.next_reference());
        let record = self.jobs.get_mut(job).ok_or(GatewayRefusal::NotFound)?;
        let target = record.payment_mut(payment)?;
        // The same refund number again is the same refund: answered again,
        // never made twice. With another amount it is not the same request:
        // answering with the earlier refund would tell the caller its new
        // amount was refunded, and making a second refund would break the
        // number's meaning, so it is refused. `GenericRejectionOfRefund`
        // ("Refund has been refused.") is the closest published error: the
        // refund itself is refused, not the payment's status or amounts
        // (`InvalidPaymentForRefund`, `RefundAmountExceedsOriginalAmount`).
        // A repeat without an amount names none, and gets the earlier refund.
        if let Some(number) = request.refund_number.as_deref() {
            let earlier = target
                .refunds
                .iter()
                .find(|refund| refund.refund_number.as_deref() == Some(number));
            if let Some(earlier) = earlier {
                let other_amount = request
                    .amount_to_refund
                    .is_some_and(|amount| Some(amount) != earlier.amount_to_refund);
                if other_amount {
                    return Err(GatewayRefusal::documented(
                        GatewayErrorCode::GenericRejectionOfRefund,
                    ));
                }
                return Ok((earlier.clone(), Vec::new()));
            }
        }
        if target.status != Some(PaymentStatus::Paid) {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::InvalidPaymentForRefund,
            ));
        }
        let paid = decimal(target.paid_amount);
        // A failed refund returned nothing; a pending one holds its amount.
        let refunded = checked_sum(
            target
                .refunds
                .iter()
                .filter(|refund| refund.status != Some(RefundStatus::Failed))
                .map(|refund| refund.amount_to_refund),
        );
        if refunded >= paid {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::PaymentAlreadyFullyRefunded,
            ));
        }
        let left = paid.checked_sub(refunded).unwrap_or(Decimal::ZERO);
        let amount = request
            .amount_to_refund
            .unwrap_or(Amount::from_decimal(left));
        if !valid_amount(amount, false) {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::InvalidPaymentForRefund,
            ));
        }
        let amount = two_places(amount);
        if amount.as_decimal() > left {
            return Err(GatewayRefusal::documented(
                GatewayErrorCode::RefundAmountExceedsOriginalAmount,
            ));
        }
        let refund = Refund {
            reference: Some(reference),
            create_date_time_utc: Some(written(now)),
            refund_number: request.refund_number.clone(),
            status: Some(
                request
                    .parameters
                    .get(triggers::SIMULATED_STATUS)
                    .and_then(|value| triggers::refund_status(value))
                    .unwrap_or(RefundStatus::Completed),
            ),
            amount_to_refund: Some(amount),
            ..Refund::default()
        };
        target.refunds.push(refund.clone());
        let payment_reference = target.reference.clone();
        record.refresh(now);
        let changes = record
            .change(payment_reference.as_ref())
            .into_iter()
            .collect();
        Ok((refund, changes))
    }
}

/// The card a shopper typed on the hosted page.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct CardEntry {
    pub(crate) card_number: String,
    pub(crate) card_expiry_month: String,
    pub(crate) card_expiry_year: String,
    pub(crate) card_cvc: String,
    pub(crate) card_holder_name: String,
}

impl CardEntry {
    /// Why the sandbox refuses this card, in words for the shopper: the
    /// same checks as a direct card payment.
    fn refusal(&self, now: OffsetDateTime) -> Option<&'static str> {
        let number: String = self
            .card_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let Some(card) = outcomes::find_test_card(&number) else {
            return Some("This card number is not one of the test cards.");
        };
        if !outcomes::cvc_matches(card, self.card_cvc.trim()) {
            return Some("The security code does not have the card's number of digits.");
        }
        let expiry = outcomes::check_expiry(
            self.card_expiry_month.trim(),
            self.card_expiry_year.trim(),
            now.date(),
        );
        match expiry {
            outcomes::Expiry::Valid => None,
            outcomes::Expiry::Expired => Some("The card has expired."),
            outcomes::Expiry::Invalid => {
                Some("The expiry date is not a month and year within the next ten years.")
            }
        }
    }
}

/// The card an intent's payment uses.
#[derive(Debug, Clone)]
pub(crate) enum IntentCard {
    /// The ids of the card fields' preparations, and whether the shopper
    /// asked to store the card (`options: ['StoreCardDetails']`).
    Fields {
        preparations: Vec<String>,
        store: bool,
    },
    /// A stored card's `encryptedCardData`.
    Stored(String),
}

/// A payment made from an intent (authorised, or waiting for its 3-D
/// Secure challenge), and the intent as it now reads.
#[derive(Debug)]
pub(crate) struct IntentPayment {
    /// The payment that waits for its challenge, if it does.
    pub(crate) challenge: Option<Reference>,
    pub(crate) view: IntentView,
}

/// What the shopper's browser reads of an intent: the fields Cashflows'
/// library reads (`paymentStatus`, `lastPaymentStatus`,
/// `lastErrorReport.errors[0].translatedMessage`) and a few the shop may
/// show. The shape beyond those fields is the sandbox's own choice.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IntentView {
    payment_job_reference: String,
    /// The job's status; a job whose payment is reserved reads `Pending`
    /// with `lastPaymentStatus: Reserved`, as the library expects.
    payment_status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_payment_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_payment_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error_report: Option<ErrorReport>,
    currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_to_collect: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paid_amount: Option<Amount>,
}

impl IntentView {
    /// The reference of the job the intent pays.
    pub(crate) fn job_reference(&self) -> &str {
        &self.payment_job_reference
    }

    fn of(job: &PaymentJob) -> Self {
        let last = job.payments.last();
        let status = job.payment_status.clone().unwrap_or(PaymentStatus::Pending);
        let status = if status == PaymentStatus::Reserved {
            PaymentStatus::Pending
        } else {
            status
        };
        IntentView {
            payment_job_reference: job
                .reference
                .as_ref()
                .map(|reference| reference.as_str().to_owned())
                .unwrap_or_default(),
            payment_status: status.as_str().to_owned(),
            last_payment_status: last
                .and_then(|payment| payment.status.as_ref())
                .map(|status| status.as_str().to_owned()),
            last_payment_reference: last
                .and_then(|payment| payment.reference.as_ref())
                .map(|reference| reference.as_str().to_owned()),
            last_error_report: last.and_then(|payment| payment.last_error_report.clone()),
            currency: job.currency.clone().unwrap_or_default(),
            amount_to_collect: job.amount_to_collect,
            paid_amount: job.paid_amount,
        }
    }
}

/// Where paying on the hosted page leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PageOutcome {
    /// The payment is authorised (Paid, or Reserved).
    Authorised(Reference),
    /// The payment waits for its 3-D Secure challenge.
    Challenge(Reference),
    /// 3-D Secure failed: the payment failed.
    Failed(Reference),
    /// The card was refused; nothing changed. Why, for the shopper.
    Refused(&'static str),
}

/// What the shopper's pages show of a job.
#[derive(Debug, Clone)]
pub(crate) struct ShopperView {
    /// Whether the hosted page may take a card for the job now.
    pub(crate) payable: bool,
    pub(crate) amount: Option<Amount>,
    pub(crate) currency: String,
    pub(crate) order_number: Option<String>,
    pub(crate) status: Option<PaymentStatus>,
    pub(crate) return_url_success: Option<String>,
    pub(crate) return_url_failed: Option<String>,
    pub(crate) return_url_cancelled: Option<String>,
}

/// Why a sandbox browser page (3-D Secure step, hosted page) cannot proceed.
#[derive(Debug)]
pub(crate) enum PageError {
    /// No such job or payment.
    NotFound,
    /// The job or payment is not waiting for this step.
    Conflict,
    /// The job has just passed its expiry; the notifications of that change.
    Expired(Vec<StatusChange>),
    /// The job has had [`MAX_PAYMENT_ATTEMPTS`] attempts to pay it.
    TooManyAttempts,
}

/// The answer to a card the sandbox refuses (not a test card, a CVC of the
/// wrong length, an expiry in the past or more than ten years ahead, an
/// unknown token or card fields): 400 with `PaymentRefused` ("Payment has
/// been refused."). Cashflows does not publish which error code or HTTP
/// status a refused card payment answers with (facts §7): both are the
/// sandbox's own choice.
pub(crate) fn card_refused() -> GatewayRefusal {
    GatewayRefusal::documented(GatewayErrorCode::PaymentRefused)
}

/// Whether a model's reference is `wanted`.
fn reference_is(reference: &Option<Reference>, wanted: &str) -> bool {
    reference
        .as_ref()
        .is_some_and(|reference| reference.as_str() == wanted)
}

/// The order of a job, as answers carry it: the request's, with its
/// creation time.
fn ordered(order: &UpdateOrderRequest, now: OffsetDateTime) -> Order {
    Order {
        order_number: order.order_number.clone(),
        note: order.note.clone(),
        create_date_time_utc: Some(written(now)),
        customer_reference: order.customer_reference.clone(),
        billing_address: order.billing_address.clone(),
        billing_identity: order.billing_identity.clone(),
        shipping_address: order.shipping_address.clone(),
        order_lines: order.order_lines.clone(),
        other: order.other.clone(),
    }
}

/// Makes a payment authorised: `Paid` (collected at once, `paidAmount` =
/// the amount) or `Reserved` (authorised, waiting for a capture).
fn authorise(payment: &mut Payment, status: PaymentStatus) {
    if status == PaymentStatus::Paid {
        payment.paid_amount = payment.amount_to_collect;
    }
    payment.status = Some(status);
}

/// Makes a payment fail its 3-D Secure step, with the documented error.
fn fail_authentication(payment: &mut Payment) {
    payment.status = Some(PaymentStatus::Failed);
    payment.last_error_report = Some(ErrorReport {
        errors: vec![entry(&GatewayErrorCode::ThreeDSecureFailed)],
        warnings: Vec::new(),
        language: Some(Locale::EnGb.as_str().to_owned()),
        is_fatal_error: Some(true),
        ..ErrorReport::default()
    });
}

/// Whether a job in this status can no longer change.
fn is_final(status: &PaymentStatus) -> bool {
    match status {
        PaymentStatus::Paid
        | PaymentStatus::Verified
        | PaymentStatus::Cancelled
        | PaymentStatus::Failed
        | PaymentStatus::Rejected
        | PaymentStatus::Expired
        | PaymentStatus::Blocked
        | PaymentStatus::Declined => true,
        // Pending, Reserved, Commissioned and statuses this version does not know.
        _ => false,
    }
}

/// How long a job waits to be paid when the request sets no
/// `expirationDateTimeUtc`: the sandbox's own choice.
const JOB_LIFETIME_MONTHS: u8 = 6;

/// An amount of money the sandbox accepts: not negative, at most two
/// decimal places as sent (amounts are sent with two: facts §4; `10.000`
/// is refused, not read as `10.00`), at most [`MAX_AMOUNT`], and above
/// zero unless `zero_allowed`.
pub(crate) fn valid_amount(amount: Amount, zero_allowed: bool) -> bool {
    let decimal = amount.as_decimal();
    !amount.is_negative()
        && decimal.scale() <= 2
        && decimal <= MAX_AMOUNT
        && (zero_allowed || !decimal.is_zero())
}

/// A valid amount as the sandbox keeps it: at two decimal places (`10` and
/// `10.5` become `10.00` and `10.50`), like every amount it sends.
pub(crate) fn two_places(amount: Amount) -> Amount {
    let mut decimal = amount.as_decimal();
    // Only called on valid amounts (scale at most 2): nothing is rounded.
    if decimal.scale() < 2 {
        decimal.rescale(2);
    }
    Amount::from_decimal(decimal)
}

fn decimal(amount: Option<Amount>) -> Decimal {
    amount.map(|amount| amount.as_decimal()).unwrap_or_default()
}

/// The sum of amounts (absent ones count as zero). Every amount the sandbox
/// keeps is at most [`MAX_AMOUNT`], so no realistic sum overflows; one that
/// did would stop at `Decimal::MAX` rather than wrap or panic.
fn checked_sum(amounts: impl Iterator<Item = Option<Amount>>) -> Decimal {
    amounts.fold(Decimal::ZERO, |sum, amount| {
        sum.checked_add(decimal(amount)).unwrap_or(Decimal::MAX)
    })
}

/// Whether `code` is an ISO 4217 currency code (`GBP`, `EUR`, …).
pub(crate) fn is_currency(code: &str) -> bool {
    iso_currency::Currency::from_code(code).is_some()
}

/// Whether a return URL is one a browser can be sent to: `http` or `https`
/// with a host. Anything else (`javascript:`, `data:`, a relative path) is
/// refused at create.
fn is_web_url(url: &str) -> bool {
    reqwest::Url::parse(url)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some())
}

/// A token: 32 hex digits of the SHA-512 of the sandbox's secret and
/// `label` (the sandbox's own format; Cashflows does not publish one).
fn tokenise(secret: &[u8; 32], label: &str) -> String {
    use sha2::{Digest, Sha512};
    let mut hasher = Sha512::new();
    hasher.update(secret);
    hasher.update(label.as_bytes());
    let digest = hasher.finalize();
    hex::encode(digest.get(..16).unwrap_or_default())
}

/// 32 bytes no one outside this process can predict: the standard
/// library's randomly keyed hasher, seeded by the operating system, over
/// the clock.
fn fresh_secret() -> [u8; 32] {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos())
        .unwrap_or_default();
    let mut secret = [0u8; 32];
    for (index, chunk) in secret.chunks_mut(8).enumerate() {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_usize(index);
        hasher.write_u128(nanos);
        for (byte, value) in chunk.iter_mut().zip(hasher.finish().to_le_bytes()) {
            *byte = value;
        }
    }
    secret
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_cap() {
        assert_eq!(MAX_AMOUNT.to_string(), "999999999.99");
        let amount = |text: &str| text.parse::<Amount>().unwrap();
        assert!(valid_amount(amount("999999999.99"), false));
        assert!(!valid_amount(amount("1000000000.00"), false));
        assert!(!valid_amount(amount("0.00"), false));
        assert!(valid_amount(amount("0.00"), true));
    }
}
