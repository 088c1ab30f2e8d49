//! The generated client's tables: unknown values round-trip, every acquirer
//! code parses and prints back, recognition by code and message, lenient
//! model decoding, and every table row present exactly once.

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
    assert_eq!(AcquirerReason::all().count(), 85);
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
    assert_eq!(GatewayErrorCode::known().count(), 30);
    assert_eq!(GatewayWarningCode::known().count(), 3);
    assert_eq!(AcquirerReason::all().count(), 85);
    assert_eq!(cashflows::test_cards::ALL_CARDS.len(), 13);
    assert_eq!(cashflows::endpoints::ALL.len(), 11);
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
