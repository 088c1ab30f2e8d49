//! The sandbox under load: 64 concurrent clients each create 100 payment
//! jobs, with captures and refunds interleaved; afterwards every job,
//! payment, capture and refund reconciles and nothing is lost.

use cashflows::models::{CapturePaymentRequest, PaymentStatus, RefundPaymentRequest};
use cashflows::{Amount, Decimal};
use cashflows_test_support::jobs::{paid_payment, reserved_payment};
use cashflows_test_support::sandbox;

const CLIENTS: usize = 64;
const JOBS_PER_CLIENT: usize = 100;

fn pounds(minor: i64) -> Amount {
    Amount::from_minor_units(minor)
}

/// One client's work: even jobs are reserved then captured in two parts and
/// refunded once; odd jobs are paid at once and refunded twice.
async fn one_client(client: cashflows::Client) -> Result<Vec<String>, cashflows::Error> {
    let mut references = Vec::with_capacity(JOBS_PER_CLIENT);
    for index in 0..JOBS_PER_CLIENT {
        let reserve = index % 2 == 0;
        let request = if reserve {
            reserved_payment(1000)
        } else {
            paid_payment(1000)
        };
        let job = client.create_payment_job(&request).await?.data;
        let (job_ref, payment_ref) = (
            job.reference.clone().expect("a reference").to_string(),
            job.payments[0]
                .reference
                .clone()
                .expect("a reference")
                .to_string(),
        );
        if reserve {
            let part = CapturePaymentRequest {
                amount_to_capture: Some(pounds(600)),
                ..Default::default()
            };
            client
                .capture_payment(&job_ref, &payment_ref, &part)
                .await?;
            client
                .capture_payment(&job_ref, &payment_ref, &CapturePaymentRequest::default())
                .await?;
            let refund = RefundPaymentRequest {
                amount_to_refund: Some(pounds(300)),
                ..Default::default()
            };
            client
                .refund_payment(&job_ref, &payment_ref, &refund)
                .await?;
        } else {
            for _ in 0..2 {
                let refund = RefundPaymentRequest {
                    amount_to_refund: Some(pounds(250)),
                    ..Default::default()
                };
                client
                    .refund_payment(&job_ref, &payment_ref, &refund)
                    .await?;
            }
        }
        references.push(job_ref);
    }
    Ok(references)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_clients_creating_capturing_and_refunding_reconcile() {
    let (sandbox, client) = sandbox::start().await;
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| tokio::spawn(one_client(client.clone())))
        .collect();
    let mut references = Vec::new();
    for task in tasks {
        references.extend(
            task.await
                .expect("the task ran")
                .expect("every call succeeded"),
        );
    }
    let jobs = CLIENTS * JOBS_PER_CLIENT;
    assert_eq!(references.len(), jobs);

    let halves = i64::try_from(jobs / 2).expect("fits");
    let totals = sandbox.totals();
    assert_eq!(totals.payment_jobs, jobs);
    assert_eq!(totals.payments, jobs);
    assert_eq!(totals.captures, jobs);
    assert_eq!(totals.refunds, jobs / 2 + jobs);
    assert_eq!(totals.captured, pounds(1000 * halves));
    assert_eq!(totals.refunded, pounds(300 * halves + 500 * halves));
    assert_eq!(totals.paid, pounds(1000 * halves * 2));

    for (index, reference) in references.iter().enumerate() {
        let job = sandbox.payment_job(reference).expect("the job is kept");
        assert_eq!(job.payments.len(), 1, "{reference}");
        let payment = &job.payments[0];
        assert_eq!(payment.status, Some(PaymentStatus::Paid), "{reference}");
        let sum = |amounts: Vec<Option<Amount>>| -> Decimal {
            amounts.into_iter().flatten().map(|a| a.as_decimal()).sum()
        };
        let captured = sum(payment
            .captures
            .iter()
            .map(|c| c.amount_to_capture)
            .collect());
        let refunded = sum(payment.refunds.iter().map(|r| r.amount_to_refund).collect());
        if index % JOBS_PER_CLIENT % 2 == 0 {
            assert_eq!(
                (payment.captures.len(), captured),
                (2, Decimal::from(10)),
                "{reference}"
            );
            assert_eq!(
                (payment.refunds.len(), refunded),
                (1, Decimal::from(3)),
                "{reference}"
            );
        } else {
            assert_eq!(
                (payment.captures.len(), payment.refunds.len()),
                (0, 2),
                "{reference}"
            );
            assert_eq!(refunded, Decimal::from(5), "{reference}");
        }
        assert_eq!(payment.paid_amount, Some(pounds(1000)), "{reference}");
    }
}
