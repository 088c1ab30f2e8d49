//! Code recognition: the client's lookups (a scan of the generated table, or
//! for acquirer codes a generated `match`) against a prebuilt hash index of
//! the same table, to show what an index would buy.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use cashflows::{AcquirerReason, GatewayErrorCode};

use crate::report::Report;

const ROUNDS: usize = 20_000;

fn nanos_per(started: Instant, lookups: usize) -> f64 {
    started.elapsed().as_nanos() as f64 / lookups as f64
}

/// Times `lookup` over every key, `ROUNDS` times; nanoseconds per lookup.
fn time<K, T>(keys: &[K], mut lookup: impl FnMut(&K) -> T) -> f64 {
    let started = Instant::now();
    for _ in 0..ROUNDS {
        for key in keys {
            black_box(lookup(black_box(key)));
        }
    }
    nanos_per(started, ROUNDS * keys.len())
}

pub fn measure(report: &mut Report) {
    let known: Vec<GatewayErrorCode> = GatewayErrorCode::known().collect();
    let codes: Vec<&str> = known.iter().filter_map(GatewayErrorCode::code).collect();
    let messages: Vec<&str> = known.iter().filter_map(GatewayErrorCode::message).collect();
    let reasons: Vec<(char, u8)> = AcquirerReason::all()
        .map(|r| (r.class().letter(), r.number()))
        .collect();

    let mut line = |name: &str, client: f64, index: f64| {
        report.add(
            name,
            format!("{client:.1} ns vs {index:.1} ns"),
            "both shown",
            None,
            format!("client/index = {:.1}×", client / index),
        );
    };

    let by_code: HashMap<&str, &GatewayErrorCode> = known
        .iter()
        .filter_map(|code| code.code().map(|text| (text, code)))
        .collect();
    line(
        "error code lookup (client vs hash index)",
        time(&codes, |code| GatewayErrorCode::from(*code)),
        time(&codes, |code| {
            by_code.get(code).map(|found| (*found).clone())
        }),
    );

    let by_message: HashMap<&str, &GatewayErrorCode> = known
        .iter()
        .filter_map(|code| code.message().map(|text| (text, code)))
        .collect();
    line(
        "error message lookup (client vs hash index)",
        time(&messages, |message| {
            GatewayErrorCode::recognise("Unpublished", message)
        }),
        time(&messages, |message| {
            by_message.get(message).map(|found| (*found).clone())
        }),
    );

    let by_reason: HashMap<(char, u8), AcquirerReason> = AcquirerReason::all()
        .map(|reason| ((reason.class().letter(), reason.number()), reason))
        .collect();
    line(
        "acquirer code lookup (client vs hash index)",
        time(&reasons, |(class, number)| {
            AcquirerReason::lookup(*class, *number)
        }),
        time(&reasons, |key| by_reason.get(key).copied()),
    );
}
