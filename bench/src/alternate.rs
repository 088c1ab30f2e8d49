//! Several ways of making the same calls, timed side by side: each makes a
//! batch of calls in turn, so a machine that slows down for a while slows
//! them all alike.

use std::future::Future;
use std::time::{Duration, Instant};

/// Makes `calls` calls for each of `sides` sides in batches of `batch`;
/// `call(side, index)` makes one. Returns each side's total time. The side
/// that goes first turns from batch to batch, so that none always runs
/// right after the same other one (in caches it left).
pub async fn alternate<F, Fut>(
    sides: usize,
    calls: usize,
    batch: usize,
    mut call: F,
) -> Result<Vec<Duration>, String>
where
    F: FnMut(usize, usize) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let mut times = vec![Duration::ZERO; sides];
    for (batch_number, start) in (0..calls).step_by(batch).enumerate() {
        let end = (start + batch).min(calls);
        for turn in 0..sides {
            let side = (batch_number + turn) % sides;
            let started = Instant::now();
            for index in start..end {
                call(side, index).await?;
            }
            times[side] += started.elapsed();
        }
    }
    Ok(times)
}
