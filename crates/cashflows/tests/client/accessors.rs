//! The everyday values of an answer, read without a chain of `Option`s,
//! and what each gives when the Gateway leaves its field out.

use cashflows::decode_gateway_response;
use cashflows::models::PaymentJob;

const CREATED: &str = r#"{
    "data": {
        "reference": "220516143012345678",
        "paymentStatus": "Paid",
        "order": {"orderNumber": "order-17"},
        "payments": [
            {"reference": "220516143012345679", "status": "Failed"},
            {"reference": "220516143012345680", "status": "Paid"}
        ]
    },
    "links": {"action": {"url": "https://pay.example/page/1", "type": "redirect"}}
}"#;

#[test]
fn the_everyday_values_of_an_answer() {
    let created = decode_gateway_response::<PaymentJob>(201, CREATED.as_bytes()).unwrap();
    assert_eq!(
        created.payment_page_url(),
        Some("https://pay.example/page/1")
    );
    let job = &created.data;
    assert_eq!(job.job_reference(), Some("220516143012345678"));
    assert_eq!(job.order_number(), Some("order-17"));
    assert!(job.is_paid());
    let latest = job.latest_payment().expect("a payment");
    assert_eq!(latest.payment_reference(), Some("220516143012345680"));
    assert_eq!(job.latest_payment_reference(), Some("220516143012345680"));
}

#[test]
fn each_is_none_or_false_when_the_answer_leaves_it_out() {
    for body in [
        r#"{"data": {}}"#,
        r#"{"data": {"order": {}, "payments": [{}]}, "links": {"action": {}}}"#,
        r#"{"data": {"paymentStatus": "Pending"}, "links": {}}"#,
        r#"{"data": {"paymentStatus": "SomethingNew"}}"#,
    ] {
        let answer = decode_gateway_response::<PaymentJob>(200, body.as_bytes()).unwrap();
        assert_eq!(answer.payment_page_url(), None, "{body}");
        let job = &answer.data;
        assert_eq!(job.job_reference(), None, "{body}");
        assert_eq!(job.order_number(), None, "{body}");
        assert_eq!(job.latest_payment_reference(), None, "{body}");
        assert!(!job.is_paid(), "{body}");
    }
}
