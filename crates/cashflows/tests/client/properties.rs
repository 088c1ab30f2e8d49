//! Property tests: 10,000 cases each by default; set
//! `CASHFLOWS_PROPTEST_CASES` (for example to 1000000, as `cargo xtask bench properties`
//! does) for a long run.

use cashflows::models::PaymentJob;
use cashflows::remote_auth::RemoteAuthReply;
use cashflows::{AcquirerResponseCode, Amount, Decimal, Error};
use proptest::prelude::*;
use sha2::{Digest, Sha512};

fn config() -> ProptestConfig {
    let cases = std::env::var("CASHFLOWS_PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn remote_auth_replies_never_panic(text in ".{0,200}") {
        let _ = RemoteAuthReply::parse(&text);
    }

    #[test]
    fn well_formed_replies_keep_every_field(
        status in "[AVDRBCSE]",
        id in "[A-Za-z0-9]{1,20}",
        checks in "[0-5]{3}",
        code in "[A-Z0-9]{1,8}",
        message in "[^|\r\n]{0,60}",
        extra in proptest::collection::vec("[^|\r\n]{0,20}", 0..4),
    ) {
        let mut line = format!("{status}|{id}|{checks}|{code}|{message}");
        for field in &extra {
            line.push('|');
            line.push_str(field);
        }
        let reply = RemoteAuthReply::parse(&line).expect("well formed");
        prop_assert_eq!(reply.status.letter().to_string(), status.clone());
        prop_assert_eq!(&reply.transaction_id, &id);
        let shown: String = [reply.cvv_check, reply.address_check, reply.postcode_check].iter().map(|c| c.digit()).collect();
        prop_assert_eq!(shown, checks);
        prop_assert_eq!(&reply.code, &code);
        prop_assert_eq!(&reply.message, message.trim());
        let trimmed: Vec<String> = extra.iter().map(|field| field.trim().to_owned()).collect();
        prop_assert_eq!(&reply.extra, &trimmed);
        prop_assert_eq!(reply.is_authorised(), status == "A");
    }

    #[test]
    fn acquirer_codes_parse_exactly_their_form(text in ".{0,6}") {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 4 && bytes[0].is_ascii_uppercase() && bytes[1..].iter().all(u8::is_ascii_digit);
        match AcquirerResponseCode::parse(&text) {
            Ok(code) => {
                prop_assert!(well_formed);
                prop_assert_eq!(code.to_string(), text);
            }
            Err(_) => prop_assert!(!well_formed),
        }
    }

    #[test]
    fn valid_acquirer_codes_round_trip(letter in "[A-Z]", digits in "[0-9]{3}") {
        let text = format!("{letter}{digits}");
        let code = AcquirerResponseCode::parse(&text).expect("valid");
        prop_assert_eq!(code.to_string(), text.clone());
        prop_assert_eq!(u32::from(code.reason_number()), digits[1..].parse::<u32>().expect("digits"));
    }

    #[test]
    fn the_envelope_decoder_never_panics(status in 100u16..600, body in proptest::collection::vec(any::<u8>(), 0..300)) {
        match cashflows::decode_gateway_response::<PaymentJob>(status, &body) {
            Ok(response) => prop_assert!((200..300).contains(&status) && response.status == status),
            Err(Error::Api(api)) => prop_assert!(!(200..300).contains(&status) && api.status == status),
            Err(Error::Decode(decode)) => prop_assert!((200..300).contains(&status) && decode.status == Some(status)),
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }

    #[test]
    fn generated_envelopes_decode(reference in "[0-9]{1,18}", numeric in any::<bool>(), minor in 0i64..10_000_000) {
        let reference_json = if numeric { reference.trim_start_matches('0').to_owned() } else { format!("\"{reference}\"") };
        let reference_json = if reference_json.is_empty() { "0".to_owned() } else { reference_json };
        let amount = Amount::from_minor_units(minor);
        let body = format!(r#"{{"data":{{"reference":{reference_json},"amountToCollect":"{amount}"}}}}"#);
        let job = cashflows::decode_gateway_response::<PaymentJob>(200, body.as_bytes()).expect("decodes").data;
        prop_assert_eq!(job.amount_to_collect, Some(amount));
    }

    #[test]
    fn amounts_format_and_parse_back_exactly(mantissa in any::<i64>(), scale in 0u32..6) {
        let amount = Amount::from_decimal(Decimal::new(mantissa, scale));
        let text = amount.to_string();
        let back: Amount = text.parse().expect("parses");
        prop_assert_eq!(back, amount);
        let json = serde_json::to_string(&amount).expect("serialises");
        prop_assert_eq!(serde_json::from_str::<Amount>(&json).expect("deserialises"), amount);
        prop_assert!(text.split_once('.').is_some_and(|(_, decimals)| decimals.len() >= 2));
    }

    #[test]
    fn amounts_read_from_json_numbers_are_the_written_decimal(pounds in 0u32..1_000_000, pence in 0u32..100) {
        let written = format!("{pounds}.{pence:02}");
        let amount: Amount = serde_json::from_str(&written).expect("a number");
        prop_assert_eq!(amount, written.parse::<Amount>().expect("text"));
    }

    #[test]
    fn the_signer_matches_a_reference_implementation(key in ".{0,64}", body in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut joined = key.as_bytes().to_vec();
        joined.extend_from_slice(&body);
        let reference = hex::encode(Sha512::digest(&joined)).to_uppercase();
        prop_assert_eq!(cashflows::sign_request(&key, &body), reference);
    }
}
