//! The clock the sandbox reads the time from: the system's, a manual one
//! that a test sets and moves, or a movable one that follows the system's
//! from an offset that only grows.

use std::error::Error;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

/// The clock a sandbox reads the time from.
///
/// Everything in the sandbox that depends on the time reads this clock:
/// when a payment job expires, whether a card's expiry date has passed (on
/// the Gateway and in Remote Auth), when a reservation's seven days end,
/// when a payment is settled (the next midnight UTC), and the times its
/// answers carry (`createDateTimeUtc`, `lastUpdateTimeUtc`, the default
/// `expirationDateTimeUtc`). Times are read to the second, in UTC.
///
/// Three kinds:
///
/// - [`SandboxClock::system`] follows the system clock and cannot be moved;
///   it is what [`Sandbox::start`](crate::Sandbox::start) uses.
/// - [`SandboxClock::manual`] stands still at the time it is given until
///   [`advance`](Self::advance) or [`set`](Self::set) moves it forward.
/// - [`SandboxClock::movable`] follows the system clock plus an offset that
///   `advance` and `set` grow: for a long-running sandbox whose time runs
///   on its own, yet can be sent ahead (past a job's expiry, a
///   reservation's seven days) without restarting it.
///
/// A clock that can be moved ([`is_movable`](Self::is_movable)) never goes
/// backwards, nor past [`SandboxClock::latest`]. Clones share one time,
/// from any thread: keep one to move the clock of the sandbox started with
/// [`Sandbox::start_with_clock`](crate::Sandbox::start_with_clock), or ask
/// the sandbox for it ([`Sandbox::clock`](crate::Sandbox::clock)).
///
/// ```
/// use std::time::{Duration, SystemTime};
///
/// use cashflows_sandbox::{ClockError, SandboxClock};
///
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000); // 2030-01-01
/// let clock = SandboxClock::manual(start);
/// clock.advance(Duration::from_secs(3600))?;
/// assert_eq!(clock.now(), start + Duration::from_secs(3600));
/// assert!(matches!(clock.set(start), Err(ClockError::Backwards { .. })));
/// assert_eq!(clock.set(SandboxClock::latest() + Duration::from_secs(1)), Err(ClockError::OutOfRange));
///
/// let movable = SandboxClock::movable();
/// movable.advance(Duration::from_secs(86_400))?;
/// assert!(movable.now() >= SystemTime::now() + Duration::from_secs(86_399));
/// # Ok::<(), ClockError>(())
/// ```
#[derive(Clone, Default)]
pub struct SandboxClock {
    kind: Kind,
}

/// What a clock reads.
#[derive(Clone, Default)]
enum Kind {
    #[default]
    System,
    /// A time that stands still until moved.
    Manual(Arc<Mutex<SystemTime>>),
    /// How far ahead of the system clock it reads.
    Movable(Arc<Mutex<Duration>>),
}

impl SandboxClock {
    /// The latest time a movable or manual clock can be moved to,
    /// 9999-01-01T00:00:00Z, as seconds since the Unix epoch (see
    /// [`latest`](Self::latest)).
    pub const LATEST_SINCE_EPOCH: Duration = Duration::from_secs(253_370_764_800);

    /// The latest time a clock can be moved to: 9999-01-01T00:00:00Z.
    ///
    /// The sandbox writes four-digit years, and derives later dates from
    /// the time now: a job's default expiry six months on, a reservation's
    /// seven days, the next midnight's settlement, a card's expiry within
    /// ten years. A year before the last one it writes leaves room for all
    /// of them.
    pub fn latest() -> SystemTime {
        // Every platform's `SystemTime` holds the year 9999 (Unix: 64-bit
        // seconds; Windows: 100 ns ticks up to the year 30828): the
        // fallback is never taken.
        SystemTime::UNIX_EPOCH
            .checked_add(Self::LATEST_SINCE_EPOCH)
            .unwrap_or(SystemTime::UNIX_EPOCH)
    }

    /// The system clock: it cannot be moved.
    pub fn system() -> SandboxClock {
        SandboxClock { kind: Kind::System }
    }

    /// A manual clock that reads `start` until it is moved.
    pub fn manual(start: SystemTime) -> SandboxClock {
        SandboxClock {
            kind: Kind::Manual(Arc::new(Mutex::new(start))),
        }
    }

    /// A movable clock: the system clock's time, plus an offset (zero at
    /// first) that [`advance`](Self::advance) and [`set`](Self::set) grow.
    /// It keeps running as the system clock does.
    pub fn movable() -> SandboxClock {
        SandboxClock {
            kind: Kind::Movable(Arc::new(Mutex::new(Duration::ZERO))),
        }
    }

    /// Whether this is a manual clock (one that stands still until moved).
    pub fn is_manual(&self) -> bool {
        matches!(self.kind, Kind::Manual(_))
    }

    /// Whether this clock can be moved forward: a manual or a movable one.
    pub fn is_movable(&self) -> bool {
        !matches!(self.kind, Kind::System)
    }

    /// The time now.
    pub fn now(&self) -> SystemTime {
        match &self.kind {
            Kind::System => SystemTime::now(),
            Kind::Manual(time) => *lock(time),
            Kind::Movable(offset) => ahead(SystemTime::now(), *lock(offset)),
        }
    }

    /// Moves the clock forward by `by`; returns the new time.
    ///
    /// # Errors
    ///
    /// [`ClockError::NotManual`] for the system clock, and
    /// [`ClockError::OutOfRange`] when the new time is past
    /// [`latest`](Self::latest). The clock is unchanged then.
    pub fn advance(&self, by: Duration) -> Result<SystemTime, ClockError> {
        match &self.kind {
            Kind::System => Err(ClockError::NotManual),
            Kind::Manual(time) => {
                let mut time = lock(time);
                let later = time.checked_add(by).filter(|later| in_range(*later));
                *time = later.ok_or(ClockError::OutOfRange)?;
                Ok(*time)
            }
            Kind::Movable(offset) => {
                let mut offset = lock(offset);
                let system = SystemTime::now();
                let further = offset.checked_add(by).ok_or(ClockError::OutOfRange)?;
                let later = system.checked_add(further).filter(|later| in_range(*later));
                let later = later.ok_or(ClockError::OutOfRange)?;
                *offset = further;
                Ok(later)
            }
        }
    }

    /// Sets the clock to `to`: now, or later.
    ///
    /// A movable clock then reads `to`, and runs on from there.
    ///
    /// # Errors
    ///
    /// [`ClockError::NotManual`] for the system clock,
    /// [`ClockError::Backwards`] when `to` is before the clock's time, and
    /// [`ClockError::OutOfRange`] when it is past
    /// [`latest`](Self::latest). The clock is unchanged then.
    pub fn set(&self, to: SystemTime) -> Result<(), ClockError> {
        // Going back would make the sandbox's records contradict each other:
        // a job expired at a time that has not come, a payment made before
        // its job was created.
        let forward = |now: SystemTime| {
            if to < now {
                Err(ClockError::Backwards { now, requested: to })
            } else if !in_range(to) {
                Err(ClockError::OutOfRange)
            } else {
                Ok(())
            }
        };
        match &self.kind {
            Kind::System => Err(ClockError::NotManual),
            Kind::Manual(time) => {
                let mut time = lock(time);
                forward(*time)?;
                *time = to;
                Ok(())
            }
            Kind::Movable(offset) => {
                let mut offset = lock(offset);
                let system = SystemTime::now();
                forward(ahead(system, *offset))?;
                // `to` is at least the system's time, the offset never
                // being negative.
                *offset = to.duration_since(system).unwrap_or_default();
                Ok(())
            }
        }
    }
}

impl fmt::Debug for SandboxClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::System => f.write_str("System"),
            Kind::Manual(time) => f.debug_tuple("Manual").field(&*lock(time)).finish(),
            Kind::Movable(offset) => f.debug_tuple("Movable").field(&*lock(offset)).finish(),
        }
    }
}

/// `system` moved ahead by `offset`; [`SandboxClock::latest`] if that is
/// past what [`SystemTime`] holds, which `advance` and `set` never allow.
fn ahead(system: SystemTime, offset: Duration) -> SystemTime {
    system
        .checked_add(offset)
        .unwrap_or_else(SandboxClock::latest)
}

/// Whether a clock may be moved to `time`: not past
/// [`SandboxClock::latest`].
fn in_range(time: SystemTime) -> bool {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(true, |since| since <= SandboxClock::LATEST_SINCE_EPOCH)
}

/// A time or offset is only ever replaced whole, so a lock poisoned by a
/// panic elsewhere still holds a valid one.
fn lock<T>(value: &Mutex<T>) -> MutexGuard<'_, T> {
    value.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Why a [`SandboxClock`] did not move.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClockError {
    /// The clock is the system clock, which the sandbox does not move
    /// (only manual and movable clocks move).
    NotManual,
    /// The clock never goes backwards: `requested` is before `now`.
    Backwards {
        /// The clock's time, unchanged.
        now: SystemTime,
        /// The earlier time asked for.
        requested: SystemTime,
    },
    /// The new time is past [`SandboxClock::latest`].
    OutOfRange,
}

impl fmt::Display for ClockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClockError::NotManual => f.write_str("the system clock cannot be moved"),
            ClockError::Backwards { now, requested } => {
                let back = now.duration_since(*requested).unwrap_or_default();
                write!(
                    f,
                    "the sandbox clock never goes backwards (by {back:?} here)"
                )
            }
            ClockError::OutOfRange => {
                f.write_str("the sandbox clock goes no further than 9999-01-01T00:00:00Z")
            }
        }
    }
}

impl Error for ClockError {}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Duration = Duration::from_secs(1_893_456_000);

    #[test]
    fn a_manual_clock_moves_forward_only_and_its_clones_share_it() {
        let start = SystemTime::UNIX_EPOCH + START;
        let clock = SandboxClock::manual(start);
        let shared = clock.clone();
        assert_eq!(
            clock.advance(Duration::from_secs(60)),
            Ok(start + Duration::from_secs(60))
        );
        assert_eq!(shared.now(), start + Duration::from_secs(60));
        assert_eq!(
            shared.set(start),
            Err(ClockError::Backwards {
                now: start + Duration::from_secs(60),
                requested: start
            })
        );
        assert_eq!(clock.now(), start + Duration::from_secs(60));
        assert_eq!(clock.set(start + Duration::from_secs(60)), Ok(()));
        assert_eq!(clock.advance(Duration::MAX), Err(ClockError::OutOfRange));
        assert_eq!(clock.now(), start + Duration::from_secs(60));
    }

    #[test]
    fn the_system_clock_cannot_be_moved() {
        let clock = SandboxClock::system();
        assert!(!clock.is_manual());
        assert_eq!(
            clock.advance(Duration::from_secs(1)),
            Err(ClockError::NotManual)
        );
        assert_eq!(clock.set(SystemTime::now()), Err(ClockError::NotManual));
        assert_eq!(format!("{clock:?}"), "System");
    }

    #[test]
    fn the_refusal_says_why() {
        let start = SystemTime::UNIX_EPOCH + START;
        let clock = SandboxClock::manual(start + Duration::from_secs(2));
        let error = clock.set(start).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the sandbox clock never goes backwards (by 2s here)"
        );
    }

    #[test]
    fn a_clock_moves_no_further_than_the_latest_time() {
        let latest = SandboxClock::latest();
        let clock = SandboxClock::manual(latest - Duration::from_secs(1));
        assert_eq!(
            clock.advance(Duration::from_secs(2)),
            Err(ClockError::OutOfRange)
        );
        assert_eq!(clock.now(), latest - Duration::from_secs(1));
        assert_eq!(clock.advance(Duration::from_secs(1)), Ok(latest));
        assert_eq!(
            clock.set(latest + Duration::from_secs(1)),
            Err(ClockError::OutOfRange)
        );
        assert_eq!(clock.now(), latest);
        // 9999-01-01T00:00:00Z.
        assert_eq!(
            time::OffsetDateTime::from_unix_timestamp(253_370_764_800),
            Ok(time::macros::datetime!(9999-01-01 00:00:00 UTC))
        );
    }

    #[test]
    fn a_movable_clock_runs_with_the_system_clock_and_moves_forward_only() {
        let clock = SandboxClock::movable();
        let shared = clock.clone();
        assert!(clock.is_movable() && !clock.is_manual());
        let before = SystemTime::now();
        let moved = clock.advance(Duration::from_secs(3600)).unwrap();
        assert!(moved >= before + Duration::from_secs(3600));
        assert!(shared.now() >= moved, "clones share the offset");
        assert!(shared.now() < SystemTime::now() + Duration::from_secs(3601));

        let target = SystemTime::now() + Duration::from_secs(10 * 86_400);
        assert_eq!(clock.set(target), Ok(()));
        let read = clock.now();
        assert!(read >= target && read < target + Duration::from_secs(60));
        let earlier = target - Duration::from_secs(86_400);
        assert!(matches!(
            clock.set(earlier),
            Err(ClockError::Backwards { requested, .. }) if requested == earlier
        ));
        assert!(clock.now() >= target, "a refused set leaves it as it was");

        let past_latest = SandboxClock::latest() + Duration::from_secs(1);
        assert_eq!(clock.set(past_latest), Err(ClockError::OutOfRange));
        assert_eq!(clock.advance(Duration::MAX), Err(ClockError::OutOfRange));
        let years = Duration::from_secs(10_000 * 366 * 86_400);
        assert_eq!(clock.advance(years), Err(ClockError::OutOfRange));
        assert!(clock.now() < target + Duration::from_secs(60));
        assert!(format!("{clock:?}").starts_with("Movable("));
    }

    #[test]
    fn only_the_system_clock_is_immovable() {
        assert!(!SandboxClock::system().is_movable());
        assert!(SandboxClock::manual(SystemTime::UNIX_EPOCH).is_movable());
        assert!(!SandboxClock::default().is_movable());
    }
}
