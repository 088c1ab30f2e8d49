//! The client's signer against plain `sha2` over the same bodies.

use std::hint::black_box;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha512};

use crate::report::Report;

fn plain_sha2(key: &str, body: &[u8]) -> String {
    let mut joined = Vec::with_capacity(key.len() + body.len());
    joined.extend_from_slice(key.as_bytes());
    joined.extend_from_slice(body);
    hex::encode_upper(Sha512::digest(&joined))
}

pub fn measure(report: &mut Report) {
    for (label, size, iterations) in [("1 KiB", 1024, 20_000), ("1 MiB", 1024 * 1024, 40)] {
        let body = vec![b'x'; size];
        let key = "0123456789abcdef0123456789abcdef";
        assert_eq!(cashflows::sign_request(key, &body), plain_sha2(key, &body));
        let (mut signer, mut plain) = (Duration::ZERO, Duration::ZERO);
        // Alternate rounds so both see the same machine.
        for _ in 0..10 {
            let started = Instant::now();
            for _ in 0..iterations {
                black_box(cashflows::sign_request(black_box(key), black_box(&body)));
            }
            signer += started.elapsed();
            let started = Instant::now();
            for _ in 0..iterations {
                black_box(plain_sha2(black_box(key), black_box(&body)));
            }
            plain += started.elapsed();
        }
        let ratio = plain.as_secs_f64() / signer.as_secs_f64();
        report.add(
            &format!("signing {label} (signer/plain sha2 throughput)"),
            format!("{ratio:.3}"),
            "≥ 0.95",
            Some(ratio >= 0.95),
            format!(
                "signer {:.1} µs, plain {:.1} µs per body",
                per(signer, iterations),
                per(plain, iterations)
            ),
        );
    }
}

fn per(total: Duration, iterations: usize) -> f64 {
    total.as_secs_f64() * 1e6 / (iterations * 10) as f64
}
