//! The generated client's tables: unknown values round-trip, every acquirer
//! code parses and prints back, recognition by code and message, lenient
//! model decoding, exact model encoding, and every table row present
//! exactly once.

use cashflows::models::{PaymentJob, PaymentStatus};
use cashflows::{
    AcquirerClass, AcquirerReason, AcquirerResponseCode, Amount, CardNumber, CardSecurityCode,
    Environment, GatewayErrorCode, GatewayWarningCode,
};

#[test]
fn an_unknown_code_round_trips_through_from_str_display_and_serde() {
    let raw = "SomethingCashflowsAddsLater";
    let code: GatewayErrorCode = raw.parse().unwrap_or_else(|never| match never {});
    assert!(code.is_unknown());
    assert_eq!(code.to_string(), raw);
    assert_eq!(code.code(), Some(raw));
    let json = serde_json::to_string(&code).expect("serialises");
    assert_eq!(json, format!("\"{raw}\""));
    let back: GatewayErrorCode = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, code);

    let warning = GatewayWarningCode::from(raw);
    assert_eq!(warning.as_str(), raw);
    let status: PaymentStatus =
        serde_json::from_str("\"Refunded\"").expect("unknown enum values are kept");
    assert_eq!(
        serde_json::to_string(&status).expect("serialises"),
        "\"Refunded\""
    );
    assert!(
        GatewayErrorCode::try_parse(raw).is_err(),
        "strict parsing refuses unknown text"
    );
}

#[test]
fn every_known_code_round_trips() {
    for code in &GatewayErrorCode::known().collect::<Vec<_>>() {
        assert_eq!(&GatewayErrorCode::from(code.as_str()), code, "{code:?}");
        assert_eq!(
            GatewayErrorCode::try_parse(code.as_str()).as_ref(),
            Ok(code)
        );
        let json = serde_json::to_string(code).expect("serialises");
        assert_eq!(
            &serde_json::from_str::<GatewayErrorCode>(&json).expect("deserialises"),
            code
        );
        assert!(code.message().is_some() && code.advice().is_some() && code.provenance().is_some());
    }
    for code in &GatewayWarningCode::known().collect::<Vec<_>>() {
        assert_eq!(&GatewayWarningCode::from(code.as_str()), code, "{code:?}");
    }
}

#[test]
fn entries_are_recognised_by_code_then_by_unambiguous_message() {
    let by_code = GatewayErrorCode::recognise("InvalidPaymentStatus", "whatever the text");
    assert_eq!(by_code, GatewayErrorCode::InvalidPaymentStatus);
    let unpublished = GatewayErrorCode::recognise("Code42", "Payment job is already final.");
    assert_eq!(unpublished, GatewayErrorCode::PaymentJobAlreadyFinal);
    assert_eq!(
        unpublished.code(),
        None,
        "an unpublished code is never invented"
    );
    let shared = "3DSecure Authentication Unavailable - Payment cannot proceed.";
    let ambiguous = GatewayErrorCode::recognise("Code43", shared);
    assert_eq!(
        ambiguous.as_str(),
        "Code43",
        "a shared message identifies nothing"
    );
    assert_eq!(
        GatewayErrorCode::recognise("ThreeDSecureMethodPostCallbackConflict", shared),
        GatewayErrorCode::ThreeDSecureMethodPostCallbackConflict
    );
    let typo = GatewayWarningCode::recognise("MaximunNumberOfTokensReached", "");
    assert_eq!(typo, GatewayWarningCode::MaximunNumberOfTokensReached);
}

#[test]
fn every_acquirer_code_parses_and_prints_back() {
    assert_eq!(
        AcquirerReason::all().count(),
        manifest_keys("acquirer-codes").len()
    );
    for reason in AcquirerReason::all() {
        for digit in 0..=9 {
            let text = reason.pattern().replace('x', &digit.to_string());
            let code = AcquirerResponseCode::parse(&text).expect("parses");
            assert_eq!(code.to_string(), text);
            assert_eq!(code.internal_digit(), digit);
            assert_eq!(code.reason(), Some(reason));
            assert_eq!(code.class(), reason.class());
            let json = serde_json::to_string(&code).expect("serialises");
            assert_eq!(
                serde_json::from_str::<AcquirerResponseCode>(&json).expect("deserialises"),
                code
            );
        }
    }
    let e = AcquirerResponseCode::parse("E101").expect("parses");
    assert_eq!(e.reason().map(AcquirerReason::status), Some("Blocked"));
    let new_class = AcquirerResponseCode::parse("Z999").expect("a new class still parses");
    assert_eq!(new_class.class(), AcquirerClass::Other('Z'));
    assert_eq!(new_class.reason(), None);
    assert_eq!(new_class.to_string(), "Z999");
    for bad in ["", "D10", "D1011", "d101", "DA01", "D1x1", "Dx01"] {
        assert!(
            AcquirerResponseCode::parse(bad).is_err(),
            "{bad:?} must not parse"
        );
    }
}

#[test]
fn every_table_row_is_present_exactly_once() {
    let debug = |row: &dyn std::fmt::Debug| format!("{row:?}");
    let tables: [(&str, Vec<String>); 5] = [
        (
            "gateway-errors",
            GatewayErrorCode::known().map(|row| debug(&row)).collect(),
        ),
        (
            "gateway-warnings",
            GatewayWarningCode::known().map(|row| debug(&row)).collect(),
        ),
        (
            "acquirer-codes",
            AcquirerReason::all()
                .map(|row| row.pattern().to_owned())
                .collect(),
        ),
        (
            "test-cards",
            cashflows::test_cards::ALL_CARDS
                .iter()
                .map(|card| card.number.to_owned())
                .collect(),
        ),
        (
            "endpoints",
            cashflows::endpoints::ALL
                .iter()
                .map(|endpoint| endpoint.name.to_owned())
                .collect(),
        ),
    ];
    for (table, mut rows) in tables {
        rows.sort();
        assert_eq!(
            rows,
            manifest_keys(table),
            "{table}: each row of the spec, once"
        );
    }
    let errors: Vec<GatewayErrorCode> = GatewayErrorCode::known().collect();
    for (index, code) in errors.iter().enumerate() {
        assert!(!errors[..index].contains(code), "{code:?} is listed twice");
    }
    for url in [
        cashflows::environments::GATEWAY_PRODUCTION,
        cashflows::environments::GATEWAY_INTEGRATION,
    ] {
        assert!(url.starts_with("https://"), "{url}");
    }
    assert_eq!(
        Environment::Integration.gateway_base_url(),
        "https://gateway-int.cashflows.com"
    );
}

/// The keys of `table`'s rows in `generated/manifest.tsv` (one line per
/// spec row, written by the generator beside the Rust), sorted.
fn manifest_keys(table: &str) -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../generated/manifest.tsv");
    let text = std::fs::read_to_string(path).expect("the manifest reads");
    let mut keys: Vec<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix(table)?.strip_prefix('\t'))
        .filter_map(|rest| rest.split('\t').next())
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys
}

#[test]
fn models_read_leniently_and_write_exact_amounts() {
    let body = r#"{
        "Reference": 220516143012345678,
        "paymentStatus": 7,
        "amountToCollect": 10.01,
        "payments": null,
        "flags": {"isTest": true},
        "somethingNew": {"nested": 1}
    }"#;
    let job: PaymentJob = serde_json::from_str(body).expect("lenient decode");
    assert_eq!(
        job.reference.as_ref().expect("a reference").as_str(),
        "220516143012345678"
    );
    assert_eq!(
        job.payment_status.as_ref().map(PaymentStatus::as_str),
        Some("7")
    );
    assert_eq!(
        job.amount_to_collect,
        Some("10.01".parse::<Amount>().expect("amount"))
    );
    assert!(job.payments.is_empty());
    let written = serde_json::to_value(&job).expect("serialises");
    assert_eq!(written["reference"], "220516143012345678");
    assert_eq!(written["amountToCollect"], "10.01");
    assert!(
        written.get("payments").is_none(),
        "empty lists are left out"
    );
}

#[test]
fn capture_and_refund_parameters_keep_every_key_and_are_read_in_any_case() {
    use cashflows::models::{CapturePaymentRequest, Parameters, RefundPaymentRequest};

    // Keys Cashflows does not publish, in no sorted order, one empty: read
    // and written back byte for byte, beside a field the model keeps.
    let body = r#"{"amountToCapture":"4.00","parameters":{"Zeta":"1","simulatedStatus":"Pending","":"","alpha":"ä"},"later":true}"#;
    let capture: CapturePaymentRequest = serde_json::from_str(body).expect("decodes");
    assert_eq!(capture.parameters.len(), 4);
    assert_eq!(capture.parameters.get("SimulatedStatus"), Some("Pending"));
    assert_eq!(capture.parameters.get("ZETA"), Some("1"));
    assert_eq!(capture.parameters.get("beta"), None);
    assert_eq!(serde_json::to_string(&capture).expect("encodes"), body);

    // An explicit `null` reads as empty, and empty parameters are left out.
    let refund: RefundPaymentRequest =
        serde_json::from_str(r#"{"Parameters":null,"refundNumber":"r-1"}"#).expect("decodes");
    assert!(refund.parameters.is_empty());
    assert_eq!(
        serde_json::to_string(&refund).expect("encodes"),
        r#"{"refundNumber":"r-1"}"#
    );

    // A key given twice in different cases: the Gateway would read one of
    // them, which one is not documented, so reading refuses it.
    let twice = r#"{"parameters":{"SimulatedStatus":"Pending","simulatedstatus":"Failed"}}"#;
    let error = serde_json::from_str::<RefundPaymentRequest>(twice).unwrap_err();
    assert!(
        error.to_string().contains("`simulatedstatus` twice"),
        "{error}"
    );
    // Values are text: another JSON value would not encode back the same.
    let number = r#"{"parameters":{"SimulatedStatus":1}}"#;
    assert!(serde_json::from_str::<RefundPaymentRequest>(number).is_err());

    // Built in code, a later key in another case replaces the earlier one.
    let built: Parameters = [
        ("SimulatedStatus", "Pending"),
        ("simulatedstatus", "Failed"),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        built.iter().collect::<Vec<_>>(),
        [("simulatedstatus", "Failed")]
    );
}

#[test]
fn amounts_written_as_numbers_read_exactly_whatever_their_shape() {
    // Trailing zeros past 15 digits (read through the float), and an
    // exponent on a number too long for one (read from its text).
    for (written, expected) in [
        ("360300002.02010500", "360300002.020105"),
        ("4000000000251230.0", "4000000000251230"),
        ("12345678901234567e-2", "123456789012345.67"),
        ("1.5E3", "1500"),
    ] {
        let body = format!(r#"{{"data":{{"reference":"1","amountToCollect":{written}}}}}"#);
        let job = cashflows::decode_gateway_response::<PaymentJob>(200, body.as_bytes())
            .unwrap_or_else(|err| panic!("{written}: {err}"))
            .data;
        let expected: Amount = expected.parse().expect("amount");
        assert_eq!(job.amount_to_collect, Some(expected), "{written}");
    }
}

#[test]
fn models_refuse_repeated_and_missing_fields_and_non_objects() {
    // The same field twice, in either key case, is an error, not "last wins".
    let twice = r#"{"paymentStatus":"Paid","PaymentStatus":"Failed"}"#;
    let error = serde_json::from_str::<PaymentJob>(twice).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("duplicate field `paymentStatus`"),
        "{error}"
    );
    // A required field left out is named.
    let tokenise = r#"{"cardHolderName":"Luke","cardExpiryYear":"30","cardExpiryMonth":"12"}"#;
    let error =
        serde_json::from_str::<cashflows::models::CardTokenisationRequest>(tokenise).unwrap_err();
    assert!(
        error.to_string().contains("missing field `cardCvc`"),
        "{error}"
    );
    // A required field given as null is refused too.
    let null_currency = r#"{"currency":null}"#;
    assert!(
        serde_json::from_str::<cashflows::models::CreatePaymentJobRequest>(null_currency).is_err()
    );
    // Only objects are models.
    let error = serde_json::from_str::<PaymentJob>("[1, 2]").unwrap_err();
    assert!(error.to_string().contains("a PaymentJob object"), "{error}");
    // Kept keys keep their case and value.
    let kept: PaymentJob = serde_json::from_str(r#"{"paymentstatus":"Paid"}"#).expect("decodes");
    assert_eq!(kept.payment_status, None);
    assert_eq!(kept.other["paymentstatus"], "Paid");
}

#[test]
fn nested_models_and_lists_of_models_follow_the_same_rules() {
    let body = r#"{
        "Order": {"OrderNumber": "o-1", "somethingNew": 1},
        "Payments": [
            {"reference": "1", "status": "Paid"},
            {"Reference": "2", "paidAmount": "10.50", "unlisted": [true]}
        ]
    }"#;
    let job: PaymentJob = serde_json::from_str(body).expect("decodes");
    let order = job.order.as_ref().expect("an order");
    assert_eq!(order.order_number.as_deref(), Some("o-1"));
    assert_eq!(
        order.other["somethingNew"], 1,
        "a nested model keeps its unlisted keys"
    );
    assert_eq!(job.payments.len(), 2);
    assert_eq!(
        job.payments[1].reference.as_ref().map(|r| r.as_str()),
        Some("2")
    );
    assert_eq!(job.payments[1].other["unlisted"], serde_json::json!([true]));
    // Null reads as absent (a model) or empty (a list).
    let nulls: PaymentJob =
        serde_json::from_str(r#"{"order":null,"payments":null}"#).expect("decodes");
    assert_eq!(nulls.order, None);
    assert!(nulls.payments.is_empty());
    // A repeated field inside a nested model, or a nested value that is not
    // an object, is refused and named.
    let twice = r#"{"order":{"orderNumber":"a","OrderNumber":"b"}}"#;
    let error = serde_json::from_str::<PaymentJob>(twice).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `orderNumber`"),
        "{error}"
    );
    let error = serde_json::from_str::<PaymentJob>(r#"{"payments":[{}, 7]}"#).unwrap_err();
    assert!(error.to_string().contains("a Payment object"), "{error}");
    let error = serde_json::from_str::<PaymentJob>(r#"{"payments":{"a":1}}"#).unwrap_err();
    assert!(
        error.to_string().contains("list of Payment objects"),
        "{error}"
    );
}

#[test]
fn a_request_is_written_in_field_order_with_kept_keys_last() {
    use cashflows::models::{CreatePaymentJobRequest, Locale, PaymentMethodToUse};

    let mut request = CreatePaymentJobRequest {
        locale: Some(Locale::EnUs),
        payment_methods_to_use: vec![PaymentMethodToUse::CreditCard, "SomethingNew".into()],
        currency: "GBP".to_string(),
        amount_to_collect: Some("10.50".parse().expect("amount")),
        ..CreatePaymentJobRequest::default()
    };
    request
        .other
        .insert("aNewKey".to_string(), serde_json::json!({"n": [1, null]}));
    let expected = r#"{"locale":"en_US","paymentMethodsToUse":["CreditCard","SomethingNew"],"currency":"GBP","amountToCollect":"10.50","aNewKey":{"n":[1,null]}}"#;
    // The client's own writer (bytes) and a generic serde serializer (a value) agree.
    assert_eq!(serde_json::to_string(&request).expect("encodes"), expected);
    assert_eq!(
        serde_json::to_value(&request).expect("encodes"),
        serde_json::from_str::<serde_json::Value>(expected).expect("json")
    );
}

#[test]
fn the_error_report_is_read_in_either_key_case_and_written_back() {
    let body = r#"{"Errors":null,"Warnings":[{"Code":"X","parameters":["a"],"extra":1}],
                   "isFatalError":false,"language":"en"}"#;
    let report: cashflows::ErrorReport = serde_json::from_str(body).expect("decodes");
    assert!(report.errors.is_empty(), "a null list reads as empty");
    assert_eq!(report.warnings[0].code.as_deref(), Some("X"));
    assert_eq!(
        serde_json::to_string(&report).expect("encodes"),
        r#"{"warnings":[{"code":"X","parameters":["a"],"extra":1}],"language":"en","isFatalError":false}"#
    );
}

#[test]
fn card_data_is_masked_in_debug_and_display() {
    let number = CardNumber::new("4000000000000002");
    let cvc = CardSecurityCode::new("123");
    for shown in [format!("{number:?}"), number.to_string()] {
        assert!(
            !shown.contains("4000000000000002")
                && shown.contains("400000")
                && shown.contains("0002")
        );
    }
    for shown in [format!("{cvc:?}"), cvc.to_string()] {
        assert!(!shown.contains("123"));
    }
}

/// A payment job with every published field at every level, and a field the
/// spec does not list in every object: what an answer may carry.
fn every_field_and_more() -> serde_json::Value {
    let address = serde_json::json!({
        "title": "Ms", "firstName": "Leia", "middleName": "O", "lastName": "Organa",
        "countryIso3166Alpha2": "GB", "addressLine1": "1 High Street", "addressLine2": "Flat 2",
        "zipCode": "AB1 2CD", "city": "London", "stateProvince": "Greater London",
        "phoneNumber1": "+441234567890", "phoneNumber1Type": "Mobile",
        "phoneNumber2": "+441234567891", "phoneNumber2Type": "Home",
        "organisation": "Rebellion", "department": "Diplomacy", "unlistedAddressKey": 1
    });
    let order = serde_json::json!({
        "orderNumber": "A-1", "note": "gift", "createDateTimeUtc": "2026-11-25T10:00:00Z",
        "customerReference": "C-1", "billingAddress": address, "shippingAddress": address,
        "billingIdentity": {
            "debtorId": "D-1", "emailAddress": "leia@example.com", "gender": "F",
            "dateOfBirth": "1977-05-25", "socialSecurityNumber": "123", "chamberOfCommerceNumber": "456",
            "vatNumber": "GB789", "unlistedIdentityKey": [1, 2]
        },
        "orderLines": [{
            "lineNumber": 1, "type": "Physical", "skuCode": "SKU-1", "name": "Droid", "description": "R2",
            "quantity": 2, "unitPriceExclVat": "5.00", "unitPriceInclVat": "6.00", "vatPercentage": "20",
            "vatPercentageLabel": "20%", "discountPercentageLabel": "0%", "totalLineAmount": "12.00",
            "url": "https://shop.example/r2", "unlistedLineKey": null
        }],
        "unlistedOrderKey": "kept"
    });
    let step = serde_json::json!({
        "reference": "5", "createDateTimeUtc": "2026-11-25T10:00:01Z", "action": "Process",
        "paymentMethods": ["Card"], "status": "Paid", "amountToCollect": "10.00", "unlistedStepKey": true
    });
    let refund = serde_json::json!({
        "reference": "7", "createDateTimeUtc": "2026-11-25T10:00:03Z", "refundNumber": "R-1",
        "status": "Completed", "amountToRefund": "1.00", "convertedAmountToRefund": "1.17",
        "convertedCurrency": "EUR", "conversionRate": "1.1700",
        "steps": [{
            "reference": "8", "createDateTimeUtc": "2026-11-25T10:00:04Z", "action": "Start",
            "status": "Completed", "description": "started", "resultAttributes": {"code": "00"},
            "unlistedRefundStepKey": "x"
        }],
        "attributes": {"PaymentMethodTransactionId": "T-2", "CashFlowsAcquiringDetails": "acq", "Unlisted": "y"},
        "unlistedRefundKey": {"nested": {"deep": [1, "two"]}}
    });
    let capture = serde_json::json!({
        "reference": "6", "createDateTimeUtc": "2026-11-25T10:00:02Z", "status": "Completed",
        "amountToCapture": "10.00", "convertedAmountToCapture": "11.70", "convertedCurrency": "EUR",
        "conversionRate": "1.17", "isFinalCapture": true,
        "attributes": {"PaymentMethodTransactionId": "T-1", "Unlisted": "z"}, "unlistedCaptureKey": 3
    });
    let payment = serde_json::json!({
        "reference": "4", "createDateTimeUtc": "2026-11-25T10:00:00Z", "paymentMethods": ["Card"],
        "status": "Paid",
        "lastErrorReport": {"errors": [{"code": "X", "message": "m", "parameters": ["p"], "translatedMessage": "t"}],
                            "warnings": [{"code": "W", "message": "w", "newEntryKey": 1}], "language": "en_GB",
                            "isFatalError": false, "newReportKey": "r"},
        "abuseReport": {"score": "0.5", "createdDateTimeUtc": "2026-11-25T10:00:00Z",
                        "triggers": [{"score": "0.25", "code": "VELOCITY", "description": "too fast",
                                      "parameters": {"count": 3}, "unlistedTriggerKey": 1}],
                        "unlistedAbuseKey": 2},
        "amountToCollect": "10.00", "surchargeAmount": "0.50", "convertedTotalAmount": "12.29",
        "convertedCurrency": "EUR", "conversionRate": "1.17", "paidAmount": "10.50", "steps": [step],
        "flags": {"Moto": false, "SomethingNew": true},
        "attributes": {
            "OriginatingIpAddress": "192.0.2.1", "OriginHeader": "https://shop.example", "UserAgent": "ua",
            "ReturnUrlSuccess": "https://shop.example/ok", "ReturnUrlFailed": "https://shop.example/ko",
            "ReturnUrlCancelled": "https://shop.example/cancel", "SimulatedStatus": "Paid", "IdealBic": "BIC",
            "PaymentMethodTransactionId": "T-0", "PaymentMethodVoidTransactionId": "V-0", "Token": "tok",
            "CashFlowsAcquiringDetails": "acq", "Descriptor": "SHOP", "EWalletType": "applepay",
            "UnlistedAttribute": "w"
        },
        "refunds": [refund], "captures": [capture], "unlistedPaymentKey": "v"
    });
    serde_json::json!({
        "reference": "220516143012345678", "createDateTimeUtc": "2026-11-25T10:00:00Z", "type": "Payment",
        "traceReference": "trace", "configurationId": "23001234567890", "domain": "shop.example",
        "locale": "en_GB", "timeZone": "Europe/London", "order": order, "orderHistory": [order],
        "parentPaymentJobReference": "220516143012345600", "paymentMethodsToUse": ["creditcard"],
        "displayUrl": "https://shop.example", "currency": "GBP", "amountToCollect": "10.00",
        "amountCollected": "10.50", "paidAmount": "10.50", "paidDateTimeUtc": "2026-11-25T10:00:05Z",
        "expirationDateTimeUtc": "2027-05-25T10:00:00Z", "dueDateTimeUtc": "2026-12-25T10:00:00Z",
        "lastUpdateTimeUtc": "2026-11-25T10:00:06Z", "lastProcessedTimeUtc": "2026-11-25T10:00:07Z",
        "flags": {
            "PaymentAbandonmentEmailSent": false, "PaidByPaymentAbandonmentEmail": false, "Moto": false,
            "ApplePay": false, "ForcedMoto": false, "RecurringParent": false, "Direct": true,
            "GenerateToken": false, "StoreCardDetails": false, "CreatedOnMapi": false, "Frictionless": true,
            "SomethingNew": true
        },
        "attributes": {
            "WebhookUrl": "https://shop.example/hook", "GoogleAnalyticsClientId": "GA",
            "AllowedParentFrameDomains": "shop.example", "PaymentPageReference": "page", "Unlisted": "u"
        },
        "paymentStatus": "Paid", "payments": [payment],
        "recurrenceCriteria": {"recurrenceType": "Subscription", "recurringExpiry": "2027-11-25T00:00:00Z",
                               "recurringFrequency": 30, "instalments": 12, "unlistedRecurrenceKey": false},
        "somethingCashflowsAddsLater": {"with": ["nested", {"values": 1}]}
    })
}

#[test]
fn a_payment_job_decodes_and_encodes_back_with_nothing_lost() {
    let sent = every_field_and_more();
    let job: PaymentJob = serde_json::from_value(sent.clone()).expect("decodes");
    assert_eq!(
        job.payments[0].captures[0]
            .attributes
            .as_ref()
            .and_then(|a| a.payment_method_transaction_id.as_deref()),
        Some("T-1")
    );
    assert!(job.other.contains_key("somethingCashflowsAddsLater"));
    assert_only_unlisted_keys_are_other(&job);
    let encoded = serde_json::to_value(&job).expect("encodes");
    assert_eq!(
        encoded, sent,
        "decoding then encoding loses or changes nothing"
    );
    let empty: PaymentJob = serde_json::from_str(r#"{"payments":[]}"#).expect("decodes");
    assert_eq!(
        serde_json::to_string(&empty).expect("encodes"),
        "{}",
        "an empty list is written as absent: it carries nothing"
    );
    let debug = format!("{job:?}");
    assert!(
        !debug.contains("\"tok\""),
        "the payment's card token is hidden in Debug"
    );
}

/// At every level of [`every_field_and_more`], `other` holds exactly the key
/// the fixture adds there and the spec does not list: a published field that
/// a model fails to list would still round-trip, through `other`, and fail here.
fn assert_only_unlisted_keys_are_other(job: &PaymentJob) {
    fn keys(other: &std::collections::BTreeMap<String, serde_json::Value>) -> Vec<&str> {
        other.keys().map(String::as_str).collect()
    }
    #[track_caller]
    fn only(
        level: &str,
        other: &std::collections::BTreeMap<String, serde_json::Value>,
        expected: &[&str],
    ) {
        assert_eq!(keys(other), expected, "the keys kept in `other` of {level}");
    }

    only("the job", &job.other, &["somethingCashflowsAddsLater"]);
    let flags = job.flags.as_ref().expect("the job's flags");
    only("the job's flags", &flags.other, &["SomethingNew"]);
    let attributes = job.attributes.as_ref().expect("the job's attributes");
    only("the job's attributes", &attributes.other, &["Unlisted"]);
    let recurrence = job.recurrence_criteria.as_ref().expect("the recurrence");
    only(
        "the recurrence",
        &recurrence.other,
        &["unlistedRecurrenceKey"],
    );

    assert_eq!(job.order_history.len(), 1);
    let order = job.order.as_ref().expect("the order");
    for order in [order, &job.order_history[0]] {
        only("the order", &order.other, &["unlistedOrderKey"]);
        let billing = order.billing_address.as_ref().expect("a billing address");
        let shipping = order.shipping_address.as_ref().expect("a shipping address");
        for address in [billing, shipping] {
            only("an address", &address.other, &["unlistedAddressKey"]);
        }
        let identity = order.billing_identity.as_ref().expect("an identity");
        only("the identity", &identity.other, &["unlistedIdentityKey"]);
        assert_eq!(order.order_lines.len(), 1);
        only(
            "the order line",
            &order.order_lines[0].other,
            &["unlistedLineKey"],
        );
    }

    assert_eq!(job.payments.len(), 1);
    let payment = &job.payments[0];
    only("the payment", &payment.other, &["unlistedPaymentKey"]);
    let report = payment.last_error_report.as_ref().expect("an error report");
    only("the error report", &report.other, &["newReportKey"]);
    only("the report's error", &report.errors[0].other, &[]);
    only(
        "the report's warning",
        &report.warnings[0].other,
        &["newEntryKey"],
    );
    let abuse = payment.abuse_report.as_ref().expect("an abuse report");
    only("the abuse report", &abuse.other, &["unlistedAbuseKey"]);
    assert_eq!(abuse.triggers.len(), 1);
    only(
        "the abuse trigger",
        &abuse.triggers[0].other,
        &["unlistedTriggerKey"],
    );
    assert_eq!(payment.steps.len(), 1);
    only(
        "the payment step",
        &payment.steps[0].other,
        &["unlistedStepKey"],
    );
    let attributes = payment
        .attributes
        .as_ref()
        .expect("the payment's attributes");
    only(
        "the payment's attributes",
        &attributes.other,
        &["UnlistedAttribute"],
    );

    assert_eq!(payment.refunds.len(), 1);
    let refund = &payment.refunds[0];
    only("the refund", &refund.other, &["unlistedRefundKey"]);
    assert_eq!(refund.steps.len(), 1);
    only(
        "the refund step",
        &refund.steps[0].other,
        &["unlistedRefundStepKey"],
    );
    let attributes = refund.attributes.as_ref().expect("the refund's attributes");
    only("the refund's attributes", &attributes.other, &["Unlisted"]);

    assert_eq!(payment.captures.len(), 1);
    let capture = &payment.captures[0];
    only("the capture", &capture.other, &["unlistedCaptureKey"]);
    let attributes = capture
        .attributes
        .as_ref()
        .expect("the capture's attributes");
    only("the capture's attributes", &attributes.other, &["Unlisted"]);
}

#[test]
fn a_webhook_notification_keeps_what_it_does_not_list() {
    use cashflows::webhooks::{acknowledgement_body, parse_notification};

    let body =
        br#"{"NotifyType":"StatusChanged","PaymentJobReference":220516143012345678,"attempt":2}"#;
    let notification = parse_notification(body).expect("decodes");
    assert_eq!(notification.notify_type.as_deref(), Some("StatusChanged"));
    assert_eq!(
        notification.payment_job_reference.as_str(),
        "220516143012345678"
    );
    assert_eq!(notification.payment_reference, None);
    assert_eq!(notification.other["attempt"], 2);
    assert_eq!(
        serde_json::to_string(&notification).expect("serialises"),
        r#"{"notifyType":"StatusChanged","paymentJobReference":"220516143012345678","attempt":2}"#
    );
    assert_eq!(
        acknowledgement_body(&notification),
        r#"{"paymentJobReference":"220516143012345678"}"#,
        "the acknowledgement names the job and nothing else"
    );
    // The job reference is required, and a field given twice is refused.
    let error = parse_notification(br#"{"notifyType":"StatusChanged"}"#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("missing field `paymentJobReference`"),
        "{error}"
    );
    let twice = br#"{"paymentJobReference":"1","PaymentJobReference":"2"}"#;
    assert!(parse_notification(twice).is_err());
    // A key repeated in any case is refused, as in a Gateway answer, even
    // one the notification does not list.
    let unlisted_twice = br#"{"paymentJobReference":"1","attempt":1,"Attempt":2}"#;
    let error = parse_notification(unlisted_twice).unwrap_err();
    assert!(error.reason.contains("twice in one object"), "{error}");
}

#[test]
fn a_webhook_notification_error_never_quotes_a_value_from_the_body() {
    use cashflows::webhooks::parse_notification;

    // Anyone can post to a webhook: what they send must not reach a log
    // through the error.
    let card = "4000000000000002";
    for body in [
        format!(r#"{{"paymentJobReference":"1","notifyType":{card}}}"#),
        format!(r#"{{"paymentJobReference":"1","notifyType":["{card}"]}}"#),
        format!(r#"{{"paymentJobReference":"1","notifyType":{{"card":"{card}"}}}}"#),
    ] {
        let error = parse_notification(body.as_bytes()).expect_err(&body);
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(shown.contains("(not shown)"), "{shown}");
            assert!(!shown.contains(card), "{shown}");
        }
        assert_eq!(error.status, None);
        assert_eq!(error.body, body, "the body itself is kept");
    }
}
