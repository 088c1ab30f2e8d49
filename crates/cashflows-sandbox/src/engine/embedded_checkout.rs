//! Embedded checkout, as the engine sees it: a payment intent (a job
//! without card data, paid later by the shopper's browser with the
//! intent's token), the card fields the browser fills, paying with them or
//! with a stored card, and the shopper's stored cards.

use std::collections::BTreeMap;

use cashflows::models::{
    CreatePaymentIntentRequest, CreatePaymentJobRequest, PaymentIntent, PaymentJob,
};
use cashflows::{GatewayErrorCode, Reference};

use super::cards::{self, CardEntry};
use super::intents::{CardFieldsError, FieldKind, Intent, PreparationError, ShopperCard};
use super::job::JobRecord;
use super::refusal::Refusal;
use super::shopper::{PageError, PageOutcome};
use super::store::Store;

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

/// A payment made from an intent, and the intent's job as it now reads.
#[derive(Debug)]
pub(crate) struct IntentPayment {
    pub(crate) step: IntentStep,
    pub(crate) job: PaymentJob,
}

/// Where an intent's payment stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IntentStep {
    /// Authorised (Paid, or Reserved).
    Authorised,
    /// Waiting for its 3-D Secure challenge.
    Challenge(Reference),
    /// 3-D Secure failed: the payment failed, as a direct card payment whose
    /// authentication fails.
    AuthenticationFailed,
}

impl Store {
    /// Creates a payment intent: a payment job without card data, paid
    /// later by the shopper's browser with the intent's token. The token's
    /// format and lifetime are the sandbox's own (Cashflows publishes
    /// neither): 32 hex digits that cannot be derived from the job's
    /// reference, valid as long as the job is kept.
    pub(crate) fn create_intent(
        &mut self,
        request: &CreatePaymentIntentRequest,
    ) -> Result<PaymentIntent, Refusal> {
        let job_request = CreatePaymentJobRequest {
            currency: request.currency.clone().unwrap_or_default(),
            amount_to_collect: request.amount_to_collect,
            locale: request.locale.clone(),
            payment_methods_to_use: request.payment_methods_to_use.clone(),
            options: request.options.clone(),
            order: request.order.clone(),
            ..CreatePaymentJobRequest::default()
        };
        let created = self.create_job(job_request)?;
        let job = created.job.reference.clone().unwrap_or_default();
        let token = self.references.token("intent");
        let customer = request
            .order
            .as_ref()
            .and_then(|order| order.customer_reference.clone())
            .filter(|customer| !customer.trim().is_empty());
        let intent = Intent {
            job: job.to_string(),
            customer,
        };
        self.intents.insert(token.clone(), intent);
        Ok(PaymentIntent {
            payment_job_reference: Some(job),
            token: Some(token),
            other: BTreeMap::new(),
        })
    }

    /// The job an intent pays, as the shopper's browser reads it, after its
    /// expiry has been applied.
    pub(crate) fn intent_job(&mut self, token: &str) -> Result<PaymentJob, Refusal> {
        let intent = self.intents.intent(token).ok_or(Refusal::NotFound)?;
        let job = intent.job.clone();
        self.current_payment_job(&job)
    }

    /// Pays an intent's job from the browser: with the card typed into the
    /// field pages, or with a card the shopper stored. The same checks and
    /// outcomes as the hosted page: a job is paid once, a refused card
    /// changes nothing, the holder name selects the 3-D Secure outcome.
    pub(crate) fn pay_intent(
        &mut self,
        token: &str,
        card: &IntentCard,
    ) -> Result<IntentPayment, Refusal> {
        let intent = self
            .intents
            .intent(token)
            .cloned()
            .ok_or(Refusal::NotFound)?;
        let mut record = self.jobs.remove(&intent.job).ok_or(Refusal::NotFound)?;
        let step = self.pay_intent_job(&intent, &mut record, card);
        let job = record.job.clone();
        self.jobs.insert(intent.job, record);
        let step = step?;
        Ok(IntentPayment { step, job })
    }

    fn pay_intent_job(
        &mut self,
        intent: &Intent,
        record: &mut JobRecord,
        card: &IntentCard,
    ) -> Result<IntentStep, Refusal> {
        let now = self.now();
        if let Some(changes) = record.expire_if_due(now) {
            self.outbox.extend(changes);
            return Err(Refusal::Gateway(GatewayErrorCode::PaymentJobAlreadyFinal));
        }
        if !record.payable(now) {
            // Paid, reserved, failed, cancelled: final. A payment waiting for its
            // challenge: not final, but not payable again either.
            let code = if record.is_final() {
                GatewayErrorCode::PaymentJobAlreadyFinal
            } else {
                GatewayErrorCode::InvalidPaymentStatus
            };
            return Err(Refusal::Gateway(code));
        }
        let entry = self
            .intent_card(intent, card)
            .map_err(|_| Refusal::card_refused())?;
        let outcome = self.pay_with_card(record, &entry, now);
        let step = match outcome.map_err(page_refusal)? {
            PageOutcome::Refused(_) => return Err(Refusal::card_refused()),
            PageOutcome::Authorised(_) => IntentStep::Authorised,
            PageOutcome::Challenge(payment) => IntentStep::Challenge(payment),
            PageOutcome::Failed(_) => IntentStep::AuthenticationFailed,
        };
        if let IntentCard::Fields {
            preparations,
            store,
        } = card
        {
            self.intents.use_preparations(preparations);
            let customer = intent.customer.as_deref().filter(|_| *store);
            if let Some(customer) = customer {
                self.store_card(customer, &entry, &step);
            }
        }
        Ok(step)
    }

    /// The card an intent's payment names.
    fn intent_card(
        &self,
        intent: &Intent,
        card: &IntentCard,
    ) -> Result<CardEntry, CardFieldsError> {
        match card {
            IntentCard::Fields { preparations, .. } => self.intents.card_from(preparations),
            IntentCard::Stored(id) => intent
                .customer
                .as_deref()
                .and_then(|customer| self.intents.card(customer, id))
                .map(ShopperCard::entry)
                .ok_or(CardFieldsError::Invalid),
        }
    }

    /// Stores the card a payment used for `customer`: at once when it is
    /// authorised, after its challenge when it waits for one.
    fn store_card(&mut self, customer: &str, entry: &CardEntry, step: &IntentStep) {
        let Some(test_card) = cards::find_test_card(&entry.card_number) else {
            return;
        };
        let stored = ShopperCard {
            id: self.references.token("stored-card"),
            card: test_card,
            holder: entry.card_holder_name.clone(),
            expiry_month: entry.card_expiry_month.clone(),
            expiry_year: entry.card_expiry_year.clone(),
        };
        match step {
            IntentStep::Authorised => self.intents.store_card(customer, stored),
            IntentStep::Challenge(payment) => {
                self.intents
                    .store_when_authorised(payment.as_str(), customer, stored);
            }
            IntentStep::AuthenticationFailed => {}
        }
    }

    /// The cards the intent's shopper stored (none without a customer
    /// reference).
    pub(crate) fn stored_cards(&self, token: &str) -> Result<Vec<ShopperCard>, Refusal> {
        let intent = self.intents.intent(token).ok_or(Refusal::NotFound)?;
        Ok(intent
            .customer
            .as_deref()
            .map(|customer| self.intents.cards(customer).to_vec())
            .unwrap_or_default())
    }

    /// Forgets one of the intent's shopper's stored cards.
    pub(crate) fn delete_stored_card(&mut self, token: &str, id: &str) -> Result<(), Refusal> {
        let intent = self.intents.intent(token).ok_or(Refusal::NotFound)?;
        let customer = intent.customer.clone().ok_or(Refusal::NotFound)?;
        if self.intents.delete_card(&customer, id) {
            Ok(())
        } else {
            Err(Refusal::NotFound)
        }
    }

    /// A card field page was opened: its preparation starts empty.
    pub(crate) fn open_card_field(
        &mut self,
        id: &str,
        kind: FieldKind,
    ) -> Result<(), PreparationError> {
        self.intents.open_preparation(id, kind)
    }

    /// What the shopper typed into a card field page, numbered by the page.
    pub(crate) fn update_card_field(
        &mut self,
        id: &str,
        sequence: u64,
        value: &str,
    ) -> Result<(), PreparationError> {
        self.intents.update_preparation(id, sequence, value)
    }
}

/// A hosted page's refusal, as the browser's payment call gives it.
fn page_refusal(error: PageError) -> Refusal {
    match error {
        PageError::NotFound => Refusal::NotFound,
        PageError::Conflict => Refusal::Gateway(GatewayErrorCode::InvalidPaymentStatus),
        PageError::Expired => Refusal::Gateway(GatewayErrorCode::PaymentJobAlreadyFinal),
        PageError::TooManyAttempts => Refusal::Gateway(GatewayErrorCode::TooManyAttempts),
    }
}
