//! Snapshots, restores and resets of a store driven through the flows the
//! sandbox serves: a paid job, reservations captured in part and in full,
//! a refund, a cancelled job, card tokens (one waiting for its challenge),
//! a recurring parent and its child, an intent with card fields, and Remote
//! Auth sales, refunds and voids. Hostile snapshots are edits of a real
//! one, each refused with its entry named, the store left as it was.

use std::time::{Duration, SystemTime};

use cashflows::environments::{AUTH_ID_FIELD, AUTH_PASS_FIELD};
use cashflows::models::{
    CapturePaymentRequest, CardTokenisationRequest, CreatePaymentIntentRequest,
};
use cashflows::remote_auth::{
    CARD_CVV, CARD_EXPIRY, CARD_NUM, TRAN_AMOUNT, TRAN_CLASS, TRAN_CURRENCY, TRAN_ORIG_ID,
    TRAN_REF, TRAN_TESTMODE, TRAN_TYPE,
};
use cashflows::test_cards::{HAN_SOLO, LUKE_SKYWALKER, VISA_CREDIT_4000000000000002 as VISA};
use serde_json::{Value, json};

use super::clock::SandboxClock;
use super::intents::FieldKind;
use super::limits::SNAPSHOT_LIMIT;
use super::merchant::Merchant;
use super::remote_auth::RemoteAuthFields;
use super::snapshot::Snapshot;
use super::store::Store;

/// 2030-01-01T00:00:00Z.
const NEW_YEAR_2030: Duration = Duration::from_secs(1_893_456_000);

fn store() -> Store {
    let merchant = Merchant {
        configuration_id: "config".to_owned(),
        webhook_url: Some("http://127.0.0.1:9/hook".to_owned()),
        auth_id: "id".to_owned(),
        auth_pass: "pass".to_owned(),
        automatic_capture: true,
    };
    let clock = SandboxClock::manual(SystemTime::UNIX_EPOCH + NEW_YEAR_2030);
    Store::new(merchant, clock)
}

fn request<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// A card job for `amount`, with these extra parameters and options.
fn card_job(amount: &str, order: &str, parameters: Value, options: Value) -> Value {
    let mut job = json!({
        "currency": "GBP",
        "amountToCollect": amount,
        "paymentMethodsToUse": ["CreditCard"],
        "order": { "orderNumber": order, "customerReference": "customer-1" },
        "options": options,
        "parameters": {
            "CardNumber": VISA.number,
            "CardCvc": VISA.cvc,
            "CardExpiryMonth": "12",
            "CardExpiryYear": "30",
            "CardHolderName": LUKE_SKYWALKER.name,
        },
    });
    for (name, value) in parameters.as_object().unwrap() {
        job["parameters"][name] = value.clone();
    }
    job
}

/// Creates a job; its reference and its first payment's.
fn create(store: &mut Store, job: Value) -> (String, String) {
    let created = store.create_job(request(job)).unwrap();
    let reference = created.job.reference.unwrap().to_string();
    let payment = (created.job.payments.first())
        .and_then(|payment| payment.reference.clone())
        .map(|reference| reference.to_string())
        .unwrap_or_default();
    (reference, payment)
}

fn remote(store: &mut Store, kind: &str, amount: &str, original: Option<&str>) -> String {
    let mut fields = vec![
        (AUTH_ID_FIELD, "id"),
        (AUTH_PASS_FIELD, "pass"),
        (TRAN_TYPE.name, kind),
        (TRAN_CLASS.name, "ecom"),
        (TRAN_REF.name, "order"),
        (TRAN_TESTMODE.name, "1"),
        (TRAN_AMOUNT.name, amount),
        (TRAN_CURRENCY.name, "GBP"),
        (CARD_NUM.name, VISA.number),
        (CARD_CVV.name, VISA.cvc),
        (CARD_EXPIRY.name, "1230"),
    ];
    fields.extend(original.map(|id| (TRAN_ORIG_ID.name, id)));
    let fields = fields
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()));
    let reply = store.answer_remote_auth(&RemoteAuthFields(fields.collect()));
    reply.transaction_id
}

/// A store after every kind of flow; the reference of its first job.
fn mixed() -> (Store, String) {
    let mut store = store();
    let none = json!({});
    let (paid, payment) = create(
        &mut store,
        card_job("10.00", "A-1", none.clone(), json!([])),
    );
    let refund = json!({ "amountToRefund": "3.00", "refundNumber": "R-1" });
    store.refund(&paid, &payment, &request(refund)).unwrap();

    let reserve = json!({ "SimulatedStatus": "Reserved" });
    let (part, payment) = create(
        &mut store,
        card_job("20.00", "A-2", reserve.clone(), json!([])),
    );
    let capture = json!({ "amountToCapture": "5.00", "isFinalCapture": false });
    store.capture(&part, &payment, &request(capture)).unwrap();
    let (whole, payment) = create(&mut store, card_job("7.50", "A-3", reserve, json!([])));
    let capture: CapturePaymentRequest = request(json!({}));
    store.capture(&whole, &payment, &capture).unwrap();

    let waiting = json!({ "currency": "GBP", "amountToCollect": "4.00",
        "order": { "orderNumber": "A-4" } });
    let (cancelled, _) = create(&mut store, waiting);
    store.cancel_job(&cancelled).unwrap();

    let token = json!(["GenerateToken"]);
    create(
        &mut store,
        card_job("1.00", "A-5", none.clone(), token.clone()),
    );
    let challenge = json!({ "CardHolderName": HAN_SOLO.name });
    create(&mut store, card_job("2.00", "A-6", challenge, token));
    let tokenise = json!({ "cardNumber": VISA.number, "cardCvc": VISA.cvc,
        "cardExpiryMonth": "12", "cardExpiryYear": "30", "cardHolderName": "Leia" });
    store
        .tokenise_card(&request::<CardTokenisationRequest>(tokenise))
        .unwrap();

    let parent = json!(["IsRecurringPaymentJobParent"]);
    let (parent, _) = create(&mut store, card_job("0.00", "A-7", none, parent));
    let child = json!({ "currency": "GBP", "amountToCollect": "9.99",
        "parentPaymentJobReference": parent, "paymentMethodsToUse": ["Card"] });
    create(&mut store, child);

    let intent = json!({ "currency": "GBP", "amountToCollect": "5.00",
        "order": { "orderNumber": "A-8", "customerReference": "shopper-1" } });
    store
        .create_intent(&request::<CreatePaymentIntentRequest>(intent))
        .unwrap();
    let field = "0b6f1c52-3c1e-4a8e-9b7d-2f4a5c6d7e8f";
    store.open_card_field(field, FieldKind::Cvc).unwrap();
    store.update_card_field(field, 1, "123").unwrap();

    let sale = remote(&mut store, "sale", "50.00", None);
    remote(&mut store, "refund", "20.00", Some(&sale));
    let voided = remote(&mut store, "sale", "8.00", None);
    remote(&mut store, "void", "8.00", Some(&voided));
    (store, paid)
}

fn json_of(snapshot: &Snapshot) -> Value {
    serde_json::from_slice(&snapshot.to_json()).unwrap()
}

#[test]
fn a_restored_store_has_the_same_state_and_totals() {
    let (original, first) = mixed();
    let totals = original.totals();
    assert!(totals.captures == 2 && totals.refunds == 1 && totals.remote_auth_transactions == 4);
    let snapshot = original.snapshot();
    let text = snapshot.to_json();
    let value = json_of(&snapshot);
    assert_eq!(value["format"], json!(1));
    assert_eq!(value["pendingTokens"].as_array().unwrap().len(), 1);
    assert_eq!(value["tokens"].as_array().unwrap().len(), 2);
    assert_eq!(value["parents"].as_array().unwrap().len(), 1);

    let mut restored = store();
    restored
        .restore(Snapshot::from_json(&text).unwrap())
        .unwrap();
    assert_eq!(restored.totals(), totals);
    assert_eq!(restored.payment_job(&first), original.payment_job(&first));
    assert_eq!(
        restored.snapshot().to_json(),
        text,
        "nothing lost or changed"
    );
    assert!(!restored.has_notifications(), "a restore notifies nothing");
    assert!(restored.order_exists("A-1"));
}

#[test]
fn a_restored_store_carries_on_where_the_original_stopped() {
    let (original, _) = mixed();
    let value = json_of(&original.snapshot());
    let mut restored = store();
    restored.restore(original.snapshot()).unwrap();
    // The partly captured reservation takes the rest, then is refunded.
    let job = &value["jobs"][1]["job"];
    let (part, payment) = (
        job["reference"].as_str().unwrap(),
        job["payments"][0]["reference"].as_str().unwrap(),
    );
    let rest: CapturePaymentRequest = request(json!({}));
    restored.capture(part, payment, &rest).unwrap();
    let refund = json!({ "amountToRefund": "20.00" });
    restored.refund(part, payment, &request(refund)).unwrap();
    // 10.00 + 20.00 + 7.50 + 1.00 + the child's 9.99.
    assert_eq!(restored.totals().paid, "48.49".parse().unwrap());
    assert_eq!(restored.totals().refunded, "23.00".parse().unwrap());
    // The customer's token pays, and the parent's child is paid from its card.
    let token = value["tokens"][0]["token"].as_str().unwrap();
    let by_token = json!({ "currency": "GBP", "amountToCollect": "1.00",
        "paymentMethodsToUse": ["Card"], "order": { "customerReference": "customer-1" },
        "parameters": { "Token": token } });
    let (_, paid) = create(&mut restored, by_token);
    let parent = value["parents"][0]["job"].as_str().unwrap();
    let child = json!({ "currency": "GBP", "amountToCollect": "1.00",
        "parentPaymentJobReference": parent });
    let (child, _) = create(&mut restored, child);
    let next: u64 = value["nextReference"].as_u64().unwrap();
    assert!(
        paid.parse::<u64>().unwrap() >= next,
        "references never repeat"
    );
    assert!(child.parse::<u64>().unwrap() > next);
}

#[test]
fn the_counter_moves_past_every_reference_and_never_back() {
    let (original, _) = mixed();
    let mut value = json_of(&original.snapshot());
    let highest = value["nextReference"].as_u64().unwrap() - 1;
    value["nextReference"] = json!(220_000_000_000_000_001u64);
    let lowered = Snapshot::from_json(&serde_json::to_vec(&value).unwrap()).unwrap();
    let mut restored = store();
    restored.restore(lowered).unwrap();
    assert_eq!(restored.references.upcoming(), highest + 1);

    let mut ahead = store();
    for _ in 0..100 {
        ahead.references.next();
    }
    let counter = ahead.references.upcoming();
    assert!(counter > highest + 1);
    ahead.restore(original.snapshot()).unwrap();
    assert_eq!(ahead.references.upcoming(), counter);
}

#[test]
fn a_reset_empties_the_store_but_keeps_the_counter() {
    let (mut store, first) = mixed();
    let counter = store.references.upcoming();
    store.reset();
    assert_eq!(store.totals(), super::Totals::default());
    assert!(store.payment_job(&first).is_none() && !store.has_notifications());
    assert!(!store.order_exists("A-1"));
    assert_eq!(store.references.upcoming(), counter);
    let value = json_of(&store.snapshot());
    for list in [
        "jobs",
        "tokens",
        "parents",
        "intents",
        "preparations",
        "remoteAuth",
    ] {
        assert_eq!(value[list], json!([]), "{list}");
    }
    let (job, _) = create(&mut store, card_job("1.00", "A-1", json!({}), json!([])));
    assert!(job.parse::<u64>().unwrap() >= counter);
}

/// Restores `value` into a store holding another state; the refusal's
/// message, once the store is seen unchanged.
fn refusal(value: &Value) -> String {
    let mut store = store();
    let (job, _) = create(&mut store, card_job("12.00", "B-1", json!({}), json!([])));
    let (before, totals) = (store.snapshot().to_json(), store.totals());
    let bytes = serde_json::to_vec(value).unwrap();
    let message = match Snapshot::from_json(&bytes) {
        Err(error) => error.to_string(),
        Ok(snapshot) => store.restore(snapshot).unwrap_err().to_string(),
    };
    assert_eq!(store.totals(), totals, "{message}");
    assert_eq!(store.snapshot().to_json(), before, "{message}");
    assert!(store.payment_job(&job).is_some());
    assert!(
        !message.contains(VISA.number) && !message.contains(VISA.cvc),
        "{message}"
    );
    message
}

/// A mixed store's snapshot after `edit`, refused: the message.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let (original, _) = mixed();
    let mut value = json_of(&original.snapshot());
    edit(&mut value);
    refusal(&value)
}

fn reference(value: &Value) -> String {
    value.as_str().unwrap().to_owned()
}

#[test]
fn hostile_amounts_are_refused() {
    let mut job = String::new();
    let mut payment = String::new();
    let message = edited(|value| {
        let entry = &mut value["jobs"][0]["job"];
        (job, payment) = (
            reference(&entry["reference"]),
            reference(&entry["payments"][0]["reference"]),
        );
        entry["payments"][0]["amountToCollect"] = json!("-10.00");
    });
    assert_eq!(
        message,
        format!("job {job}, payment {payment}: amountToCollect is negative")
    );

    let message = edited(|value| {
        value["jobs"][0]["job"]["payments"][0]["amountToCollect"] = json!("1000000000.00");
    });
    assert!(
        message.ends_with("amountToCollect is more than the largest amount, 999999999.99"),
        "{message}"
    );

    // Two paid payments of `Decimal::MAX`: the first is already past the cap.
    let message = edited(|value| {
        let payments = &mut value["jobs"][0]["job"]["payments"];
        let mut second = payments[0].clone();
        second["reference"] = json!("220000000000099999");
        payments.as_array_mut().unwrap().push(second);
        for payment in payments.as_array_mut().unwrap() {
            payment["amountToCollect"] = json!("79228162514264337593543950335");
            payment["paidAmount"] = json!("79228162514264337593543950335");
            payment["refunds"] = json!([]);
        }
    });
    assert!(
        message.contains("payment") && message.contains("is more than the largest"),
        "{message}"
    );
}

#[test]
fn money_taken_past_what_was_paid_or_authorised_is_refused() {
    let message = edited(|value| {
        value["jobs"][0]["job"]["payments"][0]["refunds"][0]["amountToRefund"] = json!("10.01");
    });
    assert!(
        message.ends_with("its refunds hold more than paidAmount"),
        "{message}"
    );
    assert!(message.starts_with("job 2"), "{message}");

    let message = edited(|value| {
        value["jobs"][1]["job"]["payments"][0]["captures"][0]["amountToCapture"] = json!("20.01");
    });
    assert!(
        message.ends_with("its captures hold more than amountToCollect"),
        "{message}"
    );

    let message = edited(|value| {
        let payment = &mut value["jobs"][1]["job"]["payments"][0];
        payment["status"] = json!("Paid");
        payment["paidAmount"] = json!("20.00");
    });
    assert!(
        message.ends_with("paidAmount is more than its captures took"),
        "{message}"
    );

    let message = edited(|value| value["jobs"][0]["job"]["paidAmount"] = json!("100.00"));
    assert!(
        message.ends_with("paidAmount is not the sum of its paid payments"),
        "{message}"
    );

    let message = edited(|value| {
        let entries = value["remoteAuth"].as_array_mut().unwrap();
        let sale = entries
            .iter_mut()
            .find(|entry| entry["transaction"]["refunded"] == json!("20.00"))
            .unwrap();
        sale["transaction"]["refunded"] = json!("0.00");
    });
    assert!(message.contains("refunds do not add up"), "{message}");
}

#[test]
fn references_held_twice_or_not_the_sandbox_s_are_refused() {
    let message = edited(|value| {
        let jobs = value["jobs"].as_array_mut().unwrap();
        let mut copy = jobs[0].clone();
        copy["job"]["order"]["orderNumber"] = json!("other");
        jobs.push(copy);
    });
    assert!(
        message.contains("its reference is another entry's too"),
        "{message}"
    );

    let mut payment = String::new();
    let message = edited(|value| {
        payment = reference(&value["jobs"][0]["job"]["payments"][0]["reference"]);
        value["jobs"][1]["job"]["payments"][0]["reference"] = json!(payment);
    });
    assert!(
        message.contains(&format!(
            "payment {payment}: its reference is another entry's too"
        )),
        "{message}"
    );

    let message = edited(|value| {
        value["jobs"][0]["job"]["payments"][0]["reference"] = json!(VISA.number);
    });
    assert!(
        message.ends_with("payment #1: its reference is not 18 digits"),
        "{message}"
    );

    let message = edited(|value| {
        value["orderNumbers"]
            .as_array_mut()
            .unwrap()
            .pop()
            .map(drop)
            .unwrap()
    });
    assert!(
        message.ends_with("its order number is not among the order numbers"),
        "{message}"
    );

    let message = edited(|value| {
        value["pendingTokens"][0]["job"] = value["jobs"][0]["job"]["reference"].clone()
    });
    assert!(
        message.ends_with("its payment is not one of its job's"),
        "{message}"
    );

    let message =
        edited(|value| value["tokens"][1]["card"]["cardNumber"] = json!("4111111111111112"));
    assert_eq!(
        message,
        "card token #2: its card is not one of the test cards"
    );
}

#[test]
fn unreadable_snapshots_are_refused() {
    let message = edited(|value| value["format"] = json!(2));
    assert_eq!(
        message,
        "snapshot format 2 is not one this sandbox reads (it reads format 1)"
    );
    assert_eq!(
        refusal(&json!({ "jobs": [] })),
        "not a snapshot: it names no format"
    );
    let message = refusal(&json!({ "format": 1, "jobs": {} }));
    assert!(
        message.starts_with("the snapshot does not have a snapshot's shape"),
        "{message}"
    );
    let message = edited(|value| value["jobs"][0]["surprise"] = json!(VISA.number));
    assert!(message.contains("unknown field `surprise`"), "{message}");
    let message =
        edited(|value| value["tokens"][0]["card"]["cardNumber"] = json!(4000000000000002u64));
    assert!(
        message.contains("does not have a snapshot's shape"),
        "{message}"
    );

    let mut store = store();
    let syntax = Snapshot::from_json(b"{\"format\": 1,")
        .unwrap_err()
        .to_string();
    assert!(syntax.starts_with("the snapshot ends too soon"), "{syntax}");
    let junk = Snapshot::from_json(b"not json").unwrap_err().to_string();
    assert!(junk.starts_with("the snapshot is not JSON"), "{junk}");
    let oversize = vec![b' '; SNAPSHOT_LIMIT + 1];
    let refused = Snapshot::from_json(&oversize).unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!("the snapshot is larger than {SNAPSHOT_LIMIT} bytes")
    );
    let objects = "{}, ".repeat(300_000);
    let many = format!("{{\"format\": 1, \"jobs\": [{objects}]}}");
    let refused = Snapshot::from_json(many.as_bytes()).unwrap_err();
    assert!(
        refused.to_string().contains("more than 250000 objects"),
        "{refused}"
    );
    assert_eq!(store.totals(), super::Totals::default());
    store.restore(store.snapshot()).unwrap();
}

#[test]
fn a_snapshot_shows_counts_only() {
    let (original, _) = mixed();
    let shown = format!("{:?}", original.snapshot());
    assert!(
        shown.starts_with("Snapshot { format: 1, jobs: 9, payments: 7,"),
        "{shown}"
    );
    assert!(
        !shown.contains(VISA.number) && !shown.contains("123"),
        "{shown}"
    );
}
