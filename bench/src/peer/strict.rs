//! The answers as a careful user decodes them with serde's derive, giving
//! the guarantees the client gives: the same shape as the client's models
//! (the envelope, the payment job and every model nested in it, each with
//! every field the client's has), fields neither lists kept in `other`,
//! amounts and other decimals exact (`super::amount`), a field the spec
//! marks required not an `Option` (its absence is an error), and a value of
//! an enumeration that is not known kept as its text.

// A user's structs hold the fields their program reads somewhere; the
// benchmark reads few of them, but decoding them all is the work measured.
#![allow(dead_code)]

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields a struct does not list, as received.
pub type Other = serde_json::Map<String, Value>;

/// Declares a wire enumeration the way the client's are forward-compatible:
/// the known values as variants, any other value kept as its text.
macro_rules! wire_enum {
    ($name:ident { $($variant:ident $(= $wire:literal)?),* $(,)? }) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum $name {
            $($(#[serde(rename = $wire)])? $variant,)*
            #[serde(untagged)]
            Other(String),
        }
    };
}

wire_enum!(PaymentStatus {
    Pending,
    Reserved,
    Commissioned,
    Paid,
    Verified,
    Cancelled,
    Failed,
    Rejected,
    Expired,
    Blocked,
    Declined,
});
wire_enum!(PaymentJobType { Payment, Credit });
wire_enum!(Locale {
    ElGr = "el_GR", EnUs = "en_US", NlNl = "nl_NL", EnGb = "en_GB", EsEs = "es_ES",
});
wire_enum!(PaymentMethod {
    Ideal,
    PayPal,
    Card,
    Bancontact,
    SepaBanktransfer,
    KlarnaPayLater,
    KlarnaSliceIt,
    KlarnaPayNow,
    AfterPay,
    DirectDebit,
});
wire_enum!(PaymentMethodToUse {
    Ideal,
    PayPal,
    CreditCard,
    Creditcard,
    DebitCard,
    Debitcard,
    Card,
    Bancontact,
    SepaBanktransfer,
    KlarnaPayLater,
    KlarnaSliceIt,
    KlarnaPayNow,
    AfterPay,
    DirectDebit,
});
wire_enum!(PaymentStepAction {
    DisplayHostedPage,
    Start,
    Process,
    BackgroundProcess,
    Capture,
    Refund,
    Cancel,
});
wire_enum!(CaptureStatus {
    Pending,
    Completed,
    Failed
});
wire_enum!(RefundStatus {
    Pending,
    Completed,
    Failed
});
wire_enum!(RefundStepAction {
    Start,
    Process,
    Cancel
});
wire_enum!(RecurrenceType {
    Subscription,
    Instalment,
    Unscheduled,
    CustomerInitiated
});

/// Every answer: `data`, `errorReport` and `links`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    pub data: PaymentJob,
    pub error_report: Option<ErrorReport>,
    pub links: Option<Links>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    #[serde(default)]
    pub errors: Vec<ErrorEntry>,
    #[serde(default)]
    pub warnings: Vec<ErrorEntry>,
    pub language: Option<String>,
    pub is_fatal_error: Option<bool>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorEntry {
    pub code: Option<String>,
    pub message: Option<String>,
    #[serde(default)]
    pub parameters: Vec<String>,
    pub translated_message: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
pub struct Links {
    pub data: Option<Link>,
    pub action: Option<Link>,
    pub documentation: Option<Link>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
pub struct Link {
    pub url: Option<String>,
    #[serde(rename = "type")]
    pub link_type: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentJob {
    pub reference: Option<String>,
    pub create_date_time_utc: Option<String>,
    #[serde(rename = "type")]
    pub job_type: Option<PaymentJobType>,
    pub trace_reference: Option<String>,
    pub configuration_id: Option<String>,
    pub domain: Option<String>,
    pub locale: Option<Locale>,
    pub time_zone: Option<String>,
    pub order: Option<Order>,
    #[serde(default)]
    pub order_history: Vec<Order>,
    pub parent_payment_job_reference: Option<String>,
    #[serde(default)]
    pub payment_methods_to_use: Vec<PaymentMethodToUse>,
    pub display_url: Option<String>,
    pub currency: Option<String>,
    #[serde(default, with = "super::amount::option")]
    pub amount_to_collect: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub amount_collected: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub paid_amount: Option<Decimal>,
    pub paid_date_time_utc: Option<String>,
    pub expiration_date_time_utc: Option<String>,
    pub due_date_time_utc: Option<String>,
    pub last_update_time_utc: Option<String>,
    pub last_processed_time_utc: Option<String>,
    pub flags: Option<PaymentJobFlags>,
    pub attributes: Option<PaymentJobAttributes>,
    pub payment_status: Option<PaymentStatus>,
    #[serde(default)]
    pub payments: Vec<Payment>,
    pub recurrence_criteria: Option<RecurrenceCriteria>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub order_number: Option<String>,
    pub note: Option<String>,
    pub create_date_time_utc: Option<String>,
    pub customer_reference: Option<String>,
    pub billing_address: Option<Address>,
    pub billing_identity: Option<Identity>,
    pub shipping_address: Option<Address>,
    #[serde(default)]
    pub order_lines: Vec<OrderLine>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub title: Option<String>,
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub country_iso3166_alpha2: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub zip_code: Option<String>,
    pub city: Option<String>,
    pub state_province: Option<String>,
    pub phone_number1: Option<String>,
    pub phone_number1_type: Option<String>,
    pub phone_number2: Option<String>,
    pub phone_number2_type: Option<String>,
    pub organisation: Option<String>,
    pub department: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub debtor_id: Option<String>,
    pub email_address: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<String>,
    pub social_security_number: Option<String>,
    pub chamber_of_commerce_number: Option<String>,
    pub vat_number: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    pub line_number: Option<i64>,
    #[serde(rename = "type")]
    pub line_type: Option<String>,
    pub sku_code: Option<String>,
    /// Required by the spec: an order line without a name is an error.
    pub name: String,
    pub description: Option<String>,
    pub quantity: Option<i64>,
    #[serde(default, with = "super::amount::option")]
    pub unit_price_excl_vat: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub unit_price_incl_vat: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub vat_percentage: Option<Decimal>,
    pub vat_percentage_label: Option<String>,
    pub discount_percentage_label: Option<String>,
    #[serde(default, with = "super::amount::option")]
    pub total_line_amount: Option<Decimal>,
    pub url: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecurrenceCriteria {
    pub recurrence_type: Option<RecurrenceType>,
    pub recurring_expiry: Option<String>,
    pub recurring_frequency: Option<i64>,
    pub instalments: Option<i64>,
    #[serde(flatten)]
    pub other: Other,
}

/// The Gateway writes a job's flags and the attribute objects in PascalCase.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentJobFlags {
    pub payment_abandonment_email_sent: Option<bool>,
    pub paid_by_payment_abandonment_email: Option<bool>,
    pub moto: Option<bool>,
    pub apple_pay: Option<bool>,
    pub forced_moto: Option<bool>,
    pub recurring_parent: Option<bool>,
    pub direct: Option<bool>,
    pub generate_token: Option<bool>,
    pub store_card_details: Option<bool>,
    pub created_on_mapi: Option<bool>,
    pub frictionless: Option<bool>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentJobAttributes {
    pub webhook_url: Option<String>,
    pub google_analytics_client_id: Option<String>,
    pub allowed_parent_frame_domains: Option<String>,
    pub payment_page_reference: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub reference: Option<String>,
    pub create_date_time_utc: Option<String>,
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    pub status: Option<PaymentStatus>,
    pub last_error_report: Option<ErrorReport>,
    pub abuse_report: Option<AbuseReport>,
    #[serde(default, with = "super::amount::option")]
    pub amount_to_collect: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub surcharge_amount: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub converted_total_amount: Option<Decimal>,
    pub converted_currency: Option<String>,
    #[serde(default, with = "super::amount::option")]
    pub conversion_rate: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub paid_amount: Option<Decimal>,
    #[serde(default)]
    pub steps: Vec<PaymentStep>,
    #[serde(default)]
    pub flags: BTreeMap<String, bool>,
    pub attributes: Option<PaymentAttributes>,
    #[serde(default)]
    pub refunds: Vec<Refund>,
    #[serde(default)]
    pub captures: Vec<Capture>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentAttributes {
    pub originating_ip_address: Option<String>,
    pub origin_header: Option<String>,
    pub user_agent: Option<String>,
    pub return_url_success: Option<String>,
    pub return_url_failed: Option<String>,
    pub return_url_cancelled: Option<String>,
    pub simulated_status: Option<String>,
    pub ideal_bic: Option<String>,
    pub payment_method_transaction_id: Option<String>,
    pub payment_method_void_transaction_id: Option<String>,
    pub token: Option<String>,
    pub cash_flows_acquiring_details: Option<String>,
    pub descriptor: Option<String>,
    pub e_wallet_type: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentStep {
    pub reference: Option<String>,
    pub create_date_time_utc: Option<String>,
    pub action: Option<PaymentStepAction>,
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    pub status: Option<PaymentStatus>,
    #[serde(default, with = "super::amount::option")]
    pub amount_to_collect: Option<Decimal>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbuseReport {
    #[serde(default, with = "super::amount::option")]
    pub score: Option<Decimal>,
    #[serde(default)]
    pub triggers: Vec<AbuseTrigger>,
    pub created_date_time_utc: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
pub struct AbuseTrigger {
    #[serde(default, with = "super::amount::option")]
    pub score: Option<Decimal>,
    pub code: Option<String>,
    pub description: Option<String>,
    pub parameters: Option<Value>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    pub reference: Option<String>,
    pub create_date_time_utc: Option<String>,
    pub status: Option<CaptureStatus>,
    #[serde(default, with = "super::amount::option")]
    pub amount_to_capture: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub converted_amount_to_capture: Option<Decimal>,
    pub converted_currency: Option<String>,
    #[serde(default, with = "super::amount::option")]
    pub conversion_rate: Option<Decimal>,
    pub is_final_capture: Option<bool>,
    pub attributes: Option<CaptureAttributes>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CaptureAttributes {
    pub payment_method_transaction_id: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    pub reference: Option<String>,
    pub create_date_time_utc: Option<String>,
    pub refund_number: Option<String>,
    pub status: Option<RefundStatus>,
    #[serde(default, with = "super::amount::option")]
    pub amount_to_refund: Option<Decimal>,
    #[serde(default, with = "super::amount::option")]
    pub converted_amount_to_refund: Option<Decimal>,
    pub converted_currency: Option<String>,
    #[serde(default, with = "super::amount::option")]
    pub conversion_rate: Option<Decimal>,
    #[serde(default)]
    pub steps: Vec<RefundStep>,
    pub attributes: Option<RefundAttributes>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RefundAttributes {
    pub payment_method_transaction_id: Option<String>,
    pub cash_flows_acquiring_details: Option<String>,
    #[serde(flatten)]
    pub other: Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundStep {
    pub reference: Option<String>,
    pub create_date_time_utc: Option<String>,
    pub action: Option<RefundStepAction>,
    pub status: Option<RefundStatus>,
    pub description: Option<String>,
    #[serde(default)]
    pub result_attributes: BTreeMap<String, String>,
    #[serde(flatten)]
    pub other: Other,
}

#[cfg(test)]
mod tests {
    use super::{Envelope, PaymentStatus};
    use rust_decimal::Decimal;

    fn decode(json: &str) -> Result<Envelope, String> {
        serde_json::from_str(json).map_err(|err| err.to_string())
    }

    #[test]
    fn fields_no_struct_lists_are_kept() {
        let job = decode(r#"{"data":{"reference":"1","newField":{"a":1}},"extra":true}"#);
        let job = job.expect("decodes");
        assert_eq!(job.data.other["newField"], serde_json::json!({"a": 1}));
        assert_eq!(job.other["extra"], serde_json::json!(true));
    }

    #[test]
    fn amounts_are_exact_and_never_read_through_a_float() {
        let job = decode(r#"{"data":{"amountToCollect":"12345678901234567.89"}}"#);
        let exact = Decimal::from_str_exact("12345678901234567.89").ok();
        assert_eq!(job.expect("decodes").data.amount_to_collect, exact);
        // A number would go through an f64: refused, not rounded.
        assert!(decode(r#"{"data":{"amountToCollect":10.01}}"#).is_err());
    }

    #[test]
    fn a_required_field_missing_is_an_error() {
        let missing_name = r#"{"data":{"order":{"orderLines":[{"quantity":1}]}}}"#;
        assert!(decode(missing_name).is_err_and(|err| err.contains("`name`")));
        assert!(decode("{}").is_err_and(|err| err.contains("`data`")));
    }

    #[test]
    fn an_unknown_status_is_kept_as_its_text() {
        let job = decode(r#"{"data":{"paymentStatus":"Parked"}}"#).expect("decodes");
        let parked = PaymentStatus::Other("Parked".to_owned());
        assert_eq!(job.data.payment_status, Some(parked));
    }
}
