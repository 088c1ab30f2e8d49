//! What a decoded answer's errors show, and repeated keys however they are
//! written, through the public decoder.

use cashflows::models::{PaymentJob, TokenisedCard};
use cashflows::{Error, decode_gateway_response};

const TOKEN: &str = "tok_live_9f8e7d6c5b4a3f2e1d0c";

fn shown(error: &Error) -> [String; 2] {
    [format!("{error:?}"), format!("{error}")]
}

#[test]
fn an_undecodable_answer_never_shows_its_body_in_debug_or_display() {
    // A 2xx answer carrying a token, undecodable because of another field.
    let body = format!(r#"{{"data":{{"token":"{TOKEN}","cardExpiryMonth":12}}}}"#);
    let error = decode_gateway_response::<TokenisedCard>(201, body.as_bytes())
        .expect_err("a number where a string belongs");
    for text in shown(&error) {
        assert!(!text.contains(TOKEN), "{text}");
    }
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.body, body, "the body stays available to ask for");
    assert!(format!("{decode:?}").contains(&format!("body_len: {}", body.len())));
}

#[test]
fn a_misplaced_secret_is_not_quoted_in_the_reason() {
    // The wrong-typed value is itself the secret: the reason may say where
    // and what was expected, never the value.
    for data in [
        format!(r#"{{"token":{{"value":"{TOKEN}"}}}}"#),
        format!(r#"{{"cardExpiryMonth":["{TOKEN}"],"token":"{TOKEN}"}}"#),
    ] {
        let body = format!(r#"{{"data":{data}}}"#);
        let error = decode_gateway_response::<TokenisedCard>(201, body.as_bytes())
            .expect_err("undecodable");
        for text in shown(&error) {
            assert!(!text.contains(TOKEN), "{text}");
        }
    }
    for data in [
        format!(r#"{{"amountToCollect":"{TOKEN}"}}"#),
        format!(r#"{{"reference":"1","paymentStatus":{{"x":"{TOKEN}"}}}}"#),
        format!(r#"{{"payments":"{TOKEN}"}}"#),
        format!(r#"{{"order":"{TOKEN}"}}"#),
    ] {
        let body = format!(r#"{{"data":{data}}}"#);
        let error =
            decode_gateway_response::<PaymentJob>(200, body.as_bytes()).expect_err("undecodable");
        for text in shown(&error) {
            assert!(!text.contains(TOKEN), "{text}");
            assert!(
                text.contains("line 1 column"),
                "where it went wrong: {text}"
            );
        }
    }
}

#[test]
fn a_refusal_wrapped_as_an_unknown_outcome_never_shows_its_body() {
    let body = format!(r#"{{"token":"{TOKEN}","errorReport":{{"errors":[]}}}}"#);
    let error = decode_gateway_response::<TokenisedCard>(503, body.as_bytes())
        .expect_err("a server failure");
    for text in shown(&error) {
        assert!(!text.contains(TOKEN), "{text}");
    }
}

fn refused_as_repeated(body: &str) {
    match decode_gateway_response::<PaymentJob>(200, body.as_bytes()) {
        Err(Error::Decode(decode)) => {
            assert!(
                decode.reason.contains("twice") || decode.reason.contains("duplicate"),
                "{body}: {}",
                decode.reason
            );
        }
        other => panic!("{body}: expected a decode error, got {other:?}"),
    }
}

#[test]
fn an_envelope_key_repeated_through_an_escape_is_refused() {
    refused_as_repeated(r#"{"data":{"reference":"1"},"\u0064ata":{"reference":"2"}}"#);
    refused_as_repeated(r#"{"data":{"reference":"1"},"D\u0061ta":{"reference":"2"}}"#);
    refused_as_repeated(
        r#"{"data":{"reference":"1"},"errorReport":{},"\u0065rrorReport":{"errors":[]}}"#,
    );
    refused_as_repeated(r#"{"data":{"reference":"1"},"links":{},"\u006cinks":{}}"#);
    // So is any other key, in the envelope and in the values inside a model.
    refused_as_repeated(r#"{"data":{},"x":1,"\u0078":2}"#);
    refused_as_repeated(r#"{"data":{"brandNew":{"k":1,"\u004b":2}}}"#);
    assert!(
        decode_gateway_response::<PaymentJob>(200, br#"{"data":{},"x":1,"\\u0078":2}"#).is_ok()
    );
}

#[test]
fn a_kept_key_repeated_through_an_escape_is_refused() {
    refused_as_repeated(r#"{"data":{"brandNew":1,"\u0062randNew":2}}"#);
    refused_as_repeated(r#"{"data":{"payments":[{"extra":"a","\u0065xtra":"b"}]}}"#);
    // A listed field, written either way, was refused already.
    refused_as_repeated(r#"{"data":{"reference":"1","\u0072eference":"2"}}"#);
    let job = decode_gateway_response::<PaymentJob>(200, br#"{"data":{"brandNew":1,"other":2}}"#)
        .expect("distinct keys")
        .data;
    assert_eq!(job.other.len(), 2);
}

#[test]
fn a_boolean_is_never_read_as_a_reference_or_card_data() {
    for body in [
        r#"{"data":{"reference":true}}"#,
        r#"{"data":{"payments":[{"reference":false}]}}"#,
    ] {
        match decode_gateway_response::<PaymentJob>(200, body.as_bytes()) {
            Err(Error::Decode(decode)) => {
                assert!(
                    decode.reason.contains("a string or a number"),
                    "{body}: {decode}"
                );
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
    }
    let token = decode_gateway_response::<TokenisedCard>(201, br#"{"data":{"token":true}}"#);
    assert!(matches!(token, Err(Error::Decode(_))), "{token:?}");
    let notification = cashflows::webhooks::parse_notification(br#"{"paymentJobReference":true}"#);
    assert!(notification.is_err(), "{notification:?}");
    // Numbers still read as their digits.
    let job =
        decode_gateway_response::<PaymentJob>(200, br#"{"data":{"reference":220516143012345678}}"#)
            .expect("a numeric reference")
            .data;
    assert_eq!(
        job.reference.map(|r| r.to_string()).as_deref(),
        Some("220516143012345678")
    );
}
