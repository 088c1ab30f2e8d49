//! Creating a payment job: the checks of the request, the job as the
//! Gateway returns it, and, with card data, its payment at once.

use cashflows::models::{
    CreatePaymentJobRequest, Locale, Order, PaymentJob, PaymentJobParameters, PaymentJobType,
    UpdateOrderRequest,
};
use cashflows::{Amount, GatewayErrorCode, Reference};
use time::OffsetDateTime;

use super::cards::{self, Authentication, Expiry};
use super::dates::{self, months_later, written};
use super::job::JobRecord;
use super::merchant::Merchant;
use super::money::{is_currency, two_places, valid_amount};
use super::refusal::Refusal;
use super::store::Store;
use super::triggers;

/// How long a job waits to be paid when the request sets no
/// `expirationDateTimeUtc`: the sandbox's own choice.
const JOB_LIFETIME_MONTHS: u8 = 6;

/// The outcome of creating a payment job.
pub(crate) struct CreatedJob {
    pub(crate) job: PaymentJob,
    pub(crate) step: JobStep,
}

/// Where a new job stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JobStep {
    /// Without card data, the job waits for the shopper on the hosted page.
    HostedPage,
    /// The card payment waits for its 3-D Secure challenge.
    Challenge(Reference),
    /// The card payment is authorised.
    Authorised,
    /// 3-D Secure failed: the job exists, and the answer is an error.
    AuthenticationFailed,
}

/// A card a direct payment uses, once checked.
struct CheckedCard {
    holder: Option<String>,
    amount: Amount,
}

/// What the checks of a create request found.
struct Checked {
    expires: OffsetDateTime,
    /// `(configuration ID, order number)`, when the order has a number.
    order_number: Option<(String, String)>,
    /// The card of a direct card payment.
    card: Option<CheckedCard>,
}

impl Store {
    /// Creates a payment job; with card data, pays it at once.
    pub(crate) fn create_job(
        &mut self,
        request: CreatePaymentJobRequest,
    ) -> Result<CreatedJob, Refusal> {
        let now = self.now();
        let parameters = request.parameters.clone().unwrap_or_default();
        let checked = self.check_create(&request, &parameters, now)?;
        let reference = self.references.next();
        let mut record = new_record(
            &reference,
            &request,
            &parameters,
            &self.merchant,
            checked.expires,
            now,
        );
        if let Some(key) = checked.order_number {
            self.order_numbers.insert(key);
        }
        let step = match checked.card {
            None => {
                // No notification: the new job waits, and nothing about it
                // changed. Cashflows documents webhooks on status changes
                // only, so a shop cannot learn a lost create's reference
                // from one either (the guide's recovery relies on that).
                record.refresh(now);
                JobStep::HostedPage
            }
            Some(card) => self.pay_at_once(&mut record, card, now),
        };
        let job = record.job.clone();
        self.jobs.insert(reference, record);
        Ok(CreatedJob { job, step })
    }

    /// A direct card payment of a new job, in the state the holder's 3-D
    /// Secure outcome leads to.
    fn pay_at_once(
        &mut self,
        record: &mut JobRecord,
        card: CheckedCard,
        now: OffsetDateTime,
    ) -> JobStep {
        let authentication = cards::authentication(card.holder.as_deref());
        let payment = self.add_payment(record, card.amount, authentication, now);
        self.outbox.extend(record.change(Some(&payment)));
        match authentication {
            Authentication::Pending => JobStep::Challenge(payment),
            Authentication::Failed => JobStep::AuthenticationFailed,
            Authentication::Authenticated => JobStep::Authorised,
        }
    }

    /// The checks of a create request, in the order the sandbox answers
    /// them.
    fn check_create(
        &self,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        now: OffsetDateTime,
    ) -> Result<Checked, Refusal> {
        if !is_currency(&request.currency) {
            return Err(Refusal::Malformed);
        }
        if let Some(amount) = request.amount_to_collect {
            if !valid_amount(amount, true) {
                return Err(Refusal::Gateway(
                    GatewayErrorCode::InvalidAmountForPaymentMethod,
                ));
            }
        }
        let return_urls = [
            &parameters.return_url_success,
            &parameters.return_url_failed,
            &parameters.return_url_cancelled,
        ];
        if !return_urls.into_iter().flatten().all(|url| is_web_url(url)) {
            return Err(Refusal::Malformed);
        }
        let expires = match &request.expiration_date_time_utc {
            Some(text) => dates::parse(text).ok_or(Refusal::Malformed)?,
            None => months_later(now, JOB_LIFETIME_MONTHS),
        };
        let order_number = request
            .order
            .as_ref()
            .and_then(|order| order.order_number.clone())
            .filter(|number| !number.trim().is_empty())
            .map(|number| (self.merchant.configuration_id.clone(), number));
        if order_number
            .as_ref()
            .is_some_and(|key| self.order_numbers.contains(key))
        {
            return Err(Refusal::Gateway(GatewayErrorCode::OrderReferenceNotUnique));
        }
        let card = if parameters.card_number.is_some() || parameters.token.is_some() {
            Some(self.check_direct_card(request, parameters, now)?)
        } else {
            None
        };
        Ok(Checked {
            expires,
            order_number,
            card,
        })
    }

    /// The checks of a direct card payment (`parameters.CardNumber`, or
    /// `parameters.Token` from card tokenisation).
    fn check_direct_card(
        &self,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        now: OffsetDateTime,
    ) -> Result<CheckedCard, Refusal> {
        if request.payment_methods_to_use.is_empty() {
            return Err(Refusal::Gateway(GatewayErrorCode::NoPaymentMethodSelected));
        }
        if !request
            .payment_methods_to_use
            .iter()
            .any(cards::is_card_method)
        {
            return Err(Refusal::Gateway(GatewayErrorCode::PaymentMethodNotAllowed));
        }
        let holder = match &parameters.card_number {
            Some(number) => {
                check_card_number(number.expose(), parameters, now)?;
                parameters.card_holder_name.clone()
            }
            None => {
                let token = parameters.token.as_ref().map_or("", |token| token.expose());
                let stored = self.tokens.get(token).ok_or_else(Refusal::card_refused)?;
                if let Some(cvc) = &parameters.card_cvc {
                    if !cards::cvc_matches(stored.card, cvc.expose()) {
                        return Err(Refusal::card_refused());
                    }
                }
                (parameters.card_holder_name.clone()).or_else(|| stored.holder.clone())
            }
        };
        let amount = request
            .amount_to_collect
            .filter(|amount| valid_amount(*amount, false))
            .map(two_places)
            .ok_or(Refusal::Gateway(
                GatewayErrorCode::InvalidAmountForPaymentMethod,
            ))?;
        Ok(CheckedCard { holder, amount })
    }
}

/// The checks of a card number sent with its CVC and expiry.
fn check_card_number(
    number: &str,
    parameters: &PaymentJobParameters,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    let card = cards::find_test_card(number).ok_or_else(Refusal::card_refused)?;
    let cvc = parameters
        .card_cvc
        .as_ref()
        .ok_or_else(Refusal::card_refused)?;
    if !cards::cvc_matches(card, cvc.expose()) {
        return Err(Refusal::card_refused());
    }
    let month = parameters.card_expiry_month.as_deref().unwrap_or_default();
    let year = parameters.card_expiry_year.as_deref().unwrap_or_default();
    if cards::check_expiry(month, year, now.date()) != Expiry::Valid {
        return Err(Refusal::card_refused());
    }
    Ok(())
}

/// The record of a new job, as the request describes it, without payments.
fn new_record(
    reference: &str,
    request: &CreatePaymentJobRequest,
    parameters: &PaymentJobParameters,
    merchant: &Merchant,
    expires: OffsetDateTime,
    now: OffsetDateTime,
) -> JobRecord {
    let simulated = parameters.simulated_status.as_deref();
    let job = PaymentJob {
        reference: Some(Reference::new(reference.to_owned())),
        create_date_time_utc: Some(written(now)),
        job_type: Some(request.job_type.clone().unwrap_or(PaymentJobType::Payment)),
        configuration_id: Some(merchant.configuration_id.clone()),
        locale: Some(request.locale.clone().unwrap_or(Locale::EnGb)),
        order: request.order.as_ref().map(|order| ordered(order, now)),
        currency: Some(request.currency.clone()),
        amount_to_collect: request.amount_to_collect.map(two_places),
        expiration_date_time_utc: Some(
            (request.expiration_date_time_utc.clone()).unwrap_or_else(|| written(expires)),
        ),
        recurrence_criteria: request.recurrence_criteria.clone(),
        ..PaymentJob::default()
    };
    JobRecord {
        job,
        webhook_url: (parameters.webhook_url.clone())
            .filter(|url| !url.is_empty())
            .or_else(|| merchant.webhook_url.clone()),
        simulated: simulated.and_then(triggers::payment_status),
        return_url_success: parameters.return_url_success.clone(),
        return_url_failed: parameters.return_url_failed.clone(),
        return_url_cancelled: parameters.return_url_cancelled.clone(),
        cancelled: false,
        expires,
        expired: false,
        attempts: 0,
    }
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

/// Whether a return URL is one a browser can be sent to: `http` or `https`
/// with a host. Anything else (`javascript:`, `data:`, a relative path) is
/// refused at create.
fn is_web_url(url: &str) -> bool {
    url::Url::parse(url)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some())
}
