//! Remote Auth's decisions: a request's fields in, a reply out (status,
//! transaction ID, check digits, code, message), the transactions kept in
//! the ledger.
//!
//! The sandbox's own choices, where Cashflows publishes nothing:
//! - a decline's code is the class letter, the internal digit `1`, and the
//!   two-digit reason (`V106`); its status field is the class letter, its
//!   check digits `000` (not checked), its message the table's reason;
//! - every reply (declines too) carries a fresh transaction ID, an 18-digit
//!   string from the sandbox's reference counter; only requests with the
//!   merchant's credentials whose type, amount and currency are valid are
//!   kept under it (so a refund or void of a declined sale finds it,
//!   Vx35), others are forgotten (a later refund of them is Vx16);
//! - an authorised `sale` or `verify` reports `222` (CVV, address and
//!   postcode all matched: the sandbox does not check addresses) and a
//!   six-digit authorisation code; an authorised `refund` or `void`
//!   reports `000`;
//! - checks run in this order: merchant details (Vx01), `tran_type`
//!   (Vx18), `tran_class` (Vx37), `tran_ref` present (Vx10),
//!   `tran_testmode` 0 or 1 (Vx26), `tran_amount` with two decimals and at
//!   most [`MAX_AMOUNT`](super::limits::MAX_AMOUNT) (Vx13), `tran_currency` an ISO 4217 code (Vx14);
//!   then for `sale` and
//!   `verify` the card number (Luhn and a test card, or a token from card
//!   tokenisation: Vx06), the CVV length (Vx05), the expiry (MMYY: Vx02,
//!   in the past by the sandbox's clock: Vx39); for `refund` and `void`
//!   `tran_orig_id` (Vx21), the
//!   original (Vx16), its kind (Vx23 for a refund of anything but a sale;
//!   Vx34 for a void of anything but a sale, or of a sale already voided or
//!   partly refunded), whether it was
//!   authorised and not voided (Vx35), its currency (Vx20) and, for a
//!   refund, the amount left (Vx22);
//! - a `sale` and `verify` need an amount above zero, except `verify`,
//!   which may send 0.00;
//! - a body that is not a form is declined Vx26.

use cashflows::environments::{AUTH_ID_FIELD, AUTH_PASS_FIELD};
use cashflows::remote_auth::{
    CARD_CVV, CARD_EXPIRY, CARD_NUM, CARD_TOKEN, CheckResult, TRAN_AMOUNT, TRAN_CLASS,
    TRAN_CURRENCY, TRAN_ORIG_ID, TRAN_REF, TRAN_TESTMODE, TRAN_TYPE, TransactionClass,
    TransactionType,
};
use cashflows::{AcquirerClass, AcquirerReason, Amount};

use super::cards::{self, Expiry};
use super::ledger::RemoteTransaction;
use super::merchant::Merchant;
use super::money::{is_currency, valid_amount};
use super::store::Store;
use super::triggers;

/// The internal digit of the codes the sandbox sends. It has no meaning.
const INTERNAL_DIGIT: u8 = 1;

/// A request's fields, as sent; the first of a repeated field counts.
pub(crate) struct RemoteAuthFields(pub(crate) Vec<(String, String)>);

impl RemoteAuthFields {
    /// The value as sent.
    fn raw(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The value without surrounding spaces; an empty value counts as absent.
    fn get(&self, name: &str) -> Option<&str> {
        self.raw(name)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }
}

/// A reply: the fields of the line the adapter writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemoteAuthReply {
    pub(crate) status: char,
    pub(crate) transaction_id: String,
    pub(crate) checks: [CheckResult; 3],
    pub(crate) code: String,
    pub(crate) message: &'static str,
}

impl RemoteAuthReply {
    fn decline(transaction_id: String, reason: AcquirerReason) -> Self {
        RemoteAuthReply {
            status: reason.class().letter(),
            transaction_id,
            checks: [CheckResult::NotChecked; 3],
            code: format!(
                "{}{INTERNAL_DIGIT}{:02}",
                reason.class().letter(),
                reason.number()
            ),
            message: reason.reason(),
        }
    }

    fn authorised(transaction_id: String, checks: [CheckResult; 3]) -> Self {
        let auth_code = format!("{:06}", digits_of(&transaction_id) % 1_000_000);
        RemoteAuthReply {
            status: AcquirerClass::Authorised.letter(),
            transaction_id,
            checks,
            code: auth_code,
            message: AcquirerClass::Authorised.status().unwrap_or_default(),
        }
    }

    fn is_authorised(&self) -> bool {
        self.status == AcquirerClass::Authorised.letter()
    }
}

fn digits_of(text: &str) -> u64 {
    text.bytes()
        .filter(u8::is_ascii_digit)
        .fold(0u64, |value, digit| {
            value
                .wrapping_mul(10)
                .wrapping_add(u64::from(digit.saturating_sub(b'0')))
        })
}

/// A request's fields that passed the checks every transaction shares, as
/// kept with the transaction.
struct Validated {
    kind: TransactionType,
    amount: Amount,
    currency: String,
}

impl Store {
    /// Validates and applies a request. Only a request that passed the
    /// shared checks (the merchant's credentials, type, amount, currency) is
    /// kept as a transaction, with those validated fields: a refund or void
    /// can refer to it later. Anyone can post here, so keeping every request
    /// (as sent, up to the body limit) would let unauthenticated requests
    /// grow the store without bound.
    pub(crate) fn answer_remote_auth(&mut self, fields: &RemoteAuthFields) -> RemoteAuthReply {
        let id = self.references.next();
        let validated = match validate(&self.merchant, fields) {
            Ok(validated) => validated,
            Err(reason) => return RemoteAuthReply::decline(id, reason),
        };
        let reply = match self.apply(fields, &validated) {
            Ok(checks) => RemoteAuthReply::authorised(id.clone(), checks),
            Err(reason) => RemoteAuthReply::decline(id.clone(), reason),
        };
        let transaction = RemoteTransaction {
            kind: validated.kind,
            authorised: reply.is_authorised(),
            amount: validated.amount,
            currency: validated.currency,
            refunded: Amount::ZERO,
            voided: false,
        };
        self.ledger.transactions.insert(id, transaction);
        reply
    }

    /// The reply to a request whose body is not a form: Vx26, kept nowhere.
    pub(crate) fn undecodable_remote_auth(&mut self) -> RemoteAuthReply {
        RemoteAuthReply::decline(self.references.next(), AcquirerReason::VX26)
    }

    /// The checks of a validated request's kind; the check digits of an
    /// authorisation, or the reason of a decline. Refunds and voids update
    /// their original.
    fn apply(
        &mut self,
        fields: &RemoteAuthFields,
        validated: &Validated,
    ) -> Result<[CheckResult; 3], AcquirerReason> {
        match validated.kind {
            TransactionType::Sale | TransactionType::Verify => {
                self.check_card(fields)?;
                Ok([CheckResult::Matched; 3])
            }
            TransactionType::Refund | TransactionType::Void => {
                let original_id = fields.get(TRAN_ORIG_ID.name).ok_or(AcquirerReason::VX21)?;
                let original =
                    (self.ledger.transactions.get_mut(original_id)).ok_or(AcquirerReason::VX16)?;
                original.take_back(&validated.kind, validated.amount, &validated.currency)?;
                Ok([CheckResult::NotChecked; 3])
            }
            _ => Err(AcquirerReason::VX18),
        }
    }

    /// The card checks of a sale or verify.
    fn check_card(&self, fields: &RemoteAuthFields) -> Result<(), AcquirerReason> {
        let card = match (fields.get(CARD_NUM.name), fields.get(CARD_TOKEN.name)) {
            (Some(number), _) => cards::find_test_card(number),
            (None, Some(token)) => self.tokens.get(token).map(|stored| stored.card),
            (None, None) => None,
        }
        .ok_or(AcquirerReason::VX06)?;
        let cvv = fields.get(CARD_CVV.name).unwrap_or_default();
        if !cards::cvc_matches(card, cvv) {
            return Err(AcquirerReason::VX05);
        }
        let expiry = fields.get(CARD_EXPIRY.name).unwrap_or_default();
        match cards::check_mmyy(expiry, self.now().date()) {
            Expiry::Valid => Ok(()),
            Expiry::Expired => Err(AcquirerReason::VX39),
            Expiry::Invalid => Err(AcquirerReason::VX02),
        }
    }
}

/// The checks every request shares, in the documented order: the merchant
/// details, type, class, reference, test mode, amount and currency.
fn validate(merchant: &Merchant, fields: &RemoteAuthFields) -> Result<Validated, AcquirerReason> {
    let auth_id = fields.raw(AUTH_ID_FIELD).unwrap_or_default();
    let auth_pass = fields.raw(AUTH_PASS_FIELD).unwrap_or_default();
    if !merchant.remote_auth_matches(auth_id, auth_pass) {
        return Err(AcquirerReason::VX01);
    }
    let kind = fields
        .get(TRAN_TYPE.name)
        .map(TransactionType::from)
        .filter(|kind| !kind.is_unknown())
        .ok_or(AcquirerReason::VX18)?;
    fields
        .get(TRAN_CLASS.name)
        .map(TransactionClass::from)
        .filter(|class| !class.is_unknown())
        .ok_or(AcquirerReason::VX37)?;
    let tran_ref = fields.get(TRAN_REF.name).ok_or(AcquirerReason::VX10)?;
    if let Some(reason) = triggers::acquirer_reason(tran_ref) {
        return Err(reason);
    }
    if !matches!(fields.get(TRAN_TESTMODE.name), Some("0" | "1")) {
        return Err(AcquirerReason::VX26);
    }
    let amount = fields
        .get(TRAN_AMOUNT.name)
        .and_then(|text| text.parse::<Amount>().ok())
        .filter(|amount| amount.as_decimal().scale() == 2)
        .filter(|amount| valid_amount(*amount, kind == TransactionType::Verify))
        .ok_or(AcquirerReason::VX13)?;
    let currency = fields
        .get(TRAN_CURRENCY.name)
        .filter(|code| is_currency(code))
        .ok_or(AcquirerReason::VX14)?;
    Ok(Validated {
        kind,
        amount,
        currency: currency.to_owned(),
    })
}
