//! Creating a payment job: the checks of the request, the job as the
//! Gateway returns it, and, with card data, its payment at once.

use cashflows::models::{
    CreatePaymentJobRequest, Locale, Order, PaymentJob, PaymentJobParameters, PaymentJobType,
    UpdateOrderRequest,
};
use cashflows::{Amount, GatewayErrorCode, GatewayWarningCode, Reference};
use time::OffsetDateTime;

use super::cards::{self, Authentication, Expiry, StoredCard};
use super::dates::{self, months_later, written};
use super::job::JobRecord;
use super::job_options::JobOptions;
use super::kept_cards::{Criteria, Recurring};
use super::merchant::Merchant;
use super::money::{is_currency, two_places, valid_amount};
use super::refusal::Refusal;
use super::store::Store;
use super::triggers;

/// How long a job waits to be paid when the request sets no
/// `expirationDateTimeUtc`: six months, as Cashflows documents (doc).
const JOB_LIFETIME_MONTHS: u8 = 6;

/// The time zone a job gets when the request names none: Cashflows'
/// documented MOTO answer fills in `Europe/London` (doc).
const DEFAULT_TIME_ZONE: &str = "Europe/London";

/// The outcome of creating a payment job.
pub(crate) struct CreatedJob {
    pub(crate) job: PaymentJob,
    pub(crate) step: JobStep,
    /// The warnings the create answer carries.
    pub(crate) warnings: Vec<GatewayWarningCode>,
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
pub(super) struct CheckedCard {
    pub(super) amount: Amount,
    /// Where 3-D Secure leaves the payment: as the holder name selects, or
    /// authenticated at once for MOTO and a recurring child.
    pub(super) authentication: Authentication,
    /// The card, as the sandbox keeps it for a token or a recurrence.
    pub(super) kept: StoredCard,
    pub(super) recurring: Recurring,
    /// Paid with `parameters.Token`: the card has its token already.
    pub(super) from_token: bool,
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
        let options = JobOptions::of(&request.options);
        let checked = self.check_create(&request, &parameters, options, now)?;
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
        self.apply_options(&mut record, options, now);
        let mut warnings = Vec::new();
        let step = match checked.card {
            None => {
                // No notification: the new job waits, and nothing about it
                // changed. Cashflows documents webhooks on status changes
                // only, so a shop cannot learn a lost create's reference
                // from one either (the guide's recovery relies on that).
                record.refresh(now);
                JobStep::HostedPage
            }
            Some(card) => {
                let step = self.pay_at_once(&mut record, card.amount, card.authentication, now);
                if self.keep_card(&mut record, card, options, now) {
                    warnings.push(GatewayWarningCode::MaximunNumberOfTokensReached);
                }
                step
            }
        };
        let job = record.job.clone();
        self.jobs.insert(reference, record);
        Ok(CreatedJob {
            job,
            step,
            warnings,
        })
    }

    /// A direct card payment of a new job, in the state its 3-D Secure
    /// outcome leads to.
    fn pay_at_once(
        &mut self,
        record: &mut JobRecord,
        amount: Amount,
        authentication: Authentication,
        now: OffsetDateTime,
    ) -> JobStep {
        let payment = self.add_payment(record, amount, authentication, now);
        self.outbox.extend(record.change(Some(&payment)));
        match authentication {
            Authentication::Pending => JobStep::Challenge(payment),
            Authentication::Failed => JobStep::AuthenticationFailed,
            Authentication::Authenticated => JobStep::Authorised,
        }
    }

    /// What the sandbox keeps of the card a new job paid with: a recurring
    /// parent's card for its children, a child counted in its parent's
    /// recurrence, the token the options asked for (for the order's
    /// customer). Returns whether the customer's token cap stopped a token.
    fn keep_card(
        &mut self,
        record: &mut JobRecord,
        card: CheckedCard,
        options: JobOptions,
        now: OffsetDateTime,
    ) -> bool {
        let mut kept = card.kept;
        self.recur(record, card.recurring, kept.clone(), now);
        if !options.token || card.from_token {
            return false;
        }
        kept.customer = (record.job.order.as_ref())
            .and_then(|order| order.customer_reference.clone())
            .filter(|customer| !customer.trim().is_empty());
        self.token_for_new_job(record, kept)
    }

    /// The checks of a create request, in the order the sandbox answers
    /// them.
    fn check_create(
        &self,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        options: JobOptions,
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
        let has_card = parameters.card_number.is_some() || parameters.token.is_some();
        let card = match &request.parent_payment_job_reference {
            Some(parent) => {
                let is_parent = options.recurring_parent;
                Some(self.check_child(parent.as_str(), request, parameters, is_parent, now)?)
            }
            None if has_card => Some(self.check_direct_card(request, parameters, options, now)?),
            None if options.need_card_data() => return Err(Refusal::Malformed),
            None => None,
        };
        Ok(Checked {
            expires,
            order_number,
            card,
        })
    }

    /// The checks of a direct card payment (`parameters.CardNumber`, or
    /// `parameters.Token` from card tokenisation or an earlier payment).
    fn check_direct_card(
        &self,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        options: JobOptions,
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
        let (kept, from_token) = match &parameters.card_number {
            Some(number) => (check_card_number(number.expose(), parameters, now)?, false),
            None => (self.check_token(request, parameters, now)?, true),
        };
        // MOTO: "without any checks", no 3-D Secure (doc).
        let authentication = if options.moto {
            Authentication::Authenticated
        } else {
            cards::authentication(kept.holder.as_deref())
        };
        // Only a recurring parent may be for zero: it verifies the card.
        let amount = request
            .amount_to_collect
            .filter(|amount| valid_amount(*amount, options.recurring_parent))
            .map(two_places)
            .ok_or(Refusal::Gateway(
                GatewayErrorCode::InvalidAmountForPaymentMethod,
            ))?;
        let recurring = if options.recurring_parent {
            Recurring::Parent(Criteria::read(request.recurrence_criteria.as_ref())?)
        } else {
            Recurring::No
        };
        Ok(CheckedCard {
            amount,
            authentication,
            kept,
            recurring,
            from_token,
        })
    }

    /// The checks of a payment with `parameters.Token`: a token this
    /// sandbox made, for the order's customer, a CVC of the card's length
    /// when one is sent (whether a token payment needs one Cashflows does
    /// not say), and a card still in date.
    fn check_token(
        &self,
        request: &CreatePaymentJobRequest,
        parameters: &PaymentJobParameters,
        now: OffsetDateTime,
    ) -> Result<StoredCard, Refusal> {
        let token = parameters.token.as_ref().map_or("", |token| token.expose());
        let customer = (request.order.as_ref())
            .and_then(|order| order.customer_reference.as_deref())
            .filter(|customer| !customer.trim().is_empty());
        let stored = self.tokens.card_for(token, customer)?;
        if let Some(cvc) = &parameters.card_cvc {
            if !cards::cvc_matches(stored.card, cvc.expose()) {
                return Err(Refusal::card_refused());
            }
        }
        if !stored.in_date(now.date()) {
            return Err(Refusal::card_refused());
        }
        let mut kept = stored.clone();
        if let Some(holder) = &parameters.card_holder_name {
            kept.holder = Some(holder.clone());
        }
        Ok(kept)
    }
}

/// The checks of a card number sent with its CVC and expiry; the card, as
/// the sandbox would keep it (without its CVC).
fn check_card_number(
    number: &str,
    parameters: &PaymentJobParameters,
    now: OffsetDateTime,
) -> Result<StoredCard, Refusal> {
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
    Ok(StoredCard {
        card,
        holder: parameters.card_holder_name.clone(),
        expiry_month: month.to_owned(),
        expiry_year: year.to_owned(),
        customer: None,
    })
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
        // Defaults as Cashflows' documented MOTO answer fills them in (doc).
        locale: Some(request.locale.clone().unwrap_or(Locale::EnGb)),
        time_zone: Some(
            (request.time_zone.clone()).unwrap_or_else(|| DEFAULT_TIME_ZONE.to_owned()),
        ),
        order: request.order.as_ref().map(|order| ordered(order, now)),
        parent_payment_job_reference: request.parent_payment_job_reference.clone(),
        payment_methods_to_use: cards::as_answered(&request.payment_methods_to_use),
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
