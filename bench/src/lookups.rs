//! Code recognition: the generated `match` lookups against a linear scan of
//! the same table.

use std::hint::black_box;
use std::time::Instant;

use cashflows::{AcquirerReason, GatewayErrorCode};

use crate::report::Report;

const ROUNDS: usize = 20_000;

fn nanos_per(started: Instant, lookups: usize) -> f64 {
    started.elapsed().as_nanos() as f64 / lookups as f64
}

pub fn measure(report: &mut Report) {
    let codes: Vec<&str> = GatewayErrorCode::KNOWN
        .iter()
        .filter_map(GatewayErrorCode::code)
        .collect();
    let messages: Vec<&str> = GatewayErrorCode::KNOWN
        .iter()
        .filter_map(GatewayErrorCode::message)
        .collect();
    let reasons: Vec<(char, u8)> = AcquirerReason::ALL
        .iter()
        .map(|r| (r.class().letter(), r.number()))
        .collect();

    let mut line = |name: &str, generated: f64, scan: f64| {
        report.add(
            name,
            format!("{generated:.1} ns vs {scan:.1} ns"),
            "both shown",
            None,
            format!("scan/lookup = {:.1}×", scan / generated),
        );
    };

    let started = Instant::now();
    for _ in 0..ROUNDS {
        for code in &codes {
            black_box(GatewayErrorCode::from(black_box(*code)));
        }
    }
    let generated = nanos_per(started, ROUNDS * codes.len());
    let started = Instant::now();
    for _ in 0..ROUNDS {
        for code in &codes {
            black_box(
                GatewayErrorCode::KNOWN
                    .iter()
                    .find(|known| known.code() == Some(black_box(*code)))
                    .cloned(),
            );
        }
    }
    line(
        "error code lookup (match vs linear scan)",
        generated,
        nanos_per(started, ROUNDS * codes.len()),
    );

    let started = Instant::now();
    for _ in 0..ROUNDS {
        for message in &messages {
            black_box(GatewayErrorCode::recognise(
                black_box("Unpublished"),
                black_box(message),
            ));
        }
    }
    let generated = nanos_per(started, ROUNDS * messages.len());
    let started = Instant::now();
    for _ in 0..ROUNDS {
        for message in &messages {
            black_box(
                GatewayErrorCode::KNOWN
                    .iter()
                    .find(|known| known.message() == Some(black_box(*message)))
                    .cloned(),
            );
        }
    }
    line(
        "error message lookup (match vs linear scan)",
        generated,
        nanos_per(started, ROUNDS * messages.len()),
    );

    let started = Instant::now();
    for _ in 0..ROUNDS {
        for (class, number) in &reasons {
            black_box(AcquirerReason::lookup(
                black_box(*class),
                black_box(*number),
            ));
        }
    }
    let generated = nanos_per(started, ROUNDS * reasons.len());
    let started = Instant::now();
    for _ in 0..ROUNDS {
        for (class, number) in &reasons {
            let class = black_box(*class);
            let number = black_box(*number);
            black_box(
                AcquirerReason::ALL
                    .iter()
                    .find(|r| r.class().letter() == class && r.number() == number),
            );
        }
    }
    line(
        "acquirer code lookup (match vs linear scan)",
        generated,
        nanos_per(started, ROUNDS * reasons.len()),
    );
}
