//! Moving the sandbox's clock from outside: by calendar months, days,
//! hours, minutes and seconds, or to a given moment, never backwards.

use std::time::{Duration, SystemTime};

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::refusal::ControlRefusal;
use crate::engine::{ClockError, SandboxClock, months_later, parse_moment, utc, written};

/// The most months one advance moves (twenty years): `set` goes further.
const MOST_MONTHS: u8 = 240;

/// How far to move the clock: each part optional, months first (calendar
/// months, the day kept within the month, as a job's six months count),
/// then the rest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Advance {
    #[serde(default)]
    months: u8,
    #[serde(default)]
    days: u64,
    #[serde(default)]
    hours: u64,
    #[serde(default)]
    minutes: u64,
    #[serde(default)]
    seconds: u64,
}

/// Where to set the clock.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SetTo {
    now: String,
}

/// The clock as the control surface shows it.
#[derive(Debug, Serialize)]
pub(super) struct ClockView {
    /// The sandbox's time now, `2026-12-07T10:00:00Z`.
    now: String,
    /// Whether it can be moved (the system clock cannot).
    movable: bool,
}

pub(super) fn view(clock: &SandboxClock) -> ClockView {
    ClockView {
        now: written(utc(clock.now())),
        movable: clock.is_movable(),
    }
}

impl Advance {
    pub(super) fn new(months: u8, days: u64, hours: u64) -> Self {
        Advance {
            months,
            days,
            hours,
            ..Advance::default()
        }
    }

    /// The days, hours, minutes and seconds, as one span.
    fn span(&self) -> Option<Duration> {
        let seconds = self
            .days
            .checked_mul(86_400)?
            .checked_add(self.hours.checked_mul(3_600)?)?
            .checked_add(self.minutes.checked_mul(60)?)?
            .checked_add(self.seconds)?;
        Some(Duration::from_secs(seconds))
    }

    /// Moves `clock` forward; the new time, or why it did not move.
    pub(super) fn apply(&self, clock: &SandboxClock) -> Result<ClockView, ControlRefusal> {
        if self.months > MOST_MONTHS {
            return Err(ControlRefusal::bad_request(format!(
                "an advance moves at most {MOST_MONTHS} months; set the clock to go further"
            )));
        }
        let span = self.span().ok_or_else(out_of_range)?;
        // The months as a span from now, so that the clock moves by one
        // `advance`: a movable clock keeps running between a read and a set.
        let now = utc(clock.now());
        let months = SystemTime::from(months_later(now, self.months))
            .duration_since(SystemTime::from(now))
            .unwrap_or_default();
        let by = months.checked_add(span).ok_or_else(out_of_range)?;
        clock.advance(by).map_err(refused)?;
        Ok(view(clock))
    }
}

impl SetTo {
    /// Sets `clock` to the moment asked for, forward only.
    pub(super) fn apply(&self, clock: &SandboxClock) -> Result<ClockView, ControlRefusal> {
        let moment = parse_moment(&self.now).ok_or_else(|| {
            ControlRefusal::bad_request(
                "`now` must be a UTC date and time such as 2027-06-08T12:00:00Z",
            )
        })?;
        clock.set(SystemTime::from(moment)).map_err(refused)?;
        Ok(view(clock))
    }
}

fn out_of_range() -> ControlRefusal {
    refused(ClockError::OutOfRange)
}

/// A clock that did not move: 409 when it cannot (the system clock, or
/// backwards), 400 when the time asked for is past what it holds.
fn refused(error: ClockError) -> ControlRefusal {
    let status = match error {
        ClockError::OutOfRange => StatusCode::BAD_REQUEST,
        _ => StatusCode::CONFLICT,
    };
    ControlRefusal::new(status, error.to_string())
}
