//! The clock the sandbox reads the time from: the system's, or a manual one
//! that a test sets and moves.

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
/// [`SandboxClock::system`] follows the system clock; it is what
/// [`Sandbox::start`](crate::Sandbox::start) uses. [`SandboxClock::manual`]
/// stands still at the time it is given until [`advance`](Self::advance)
/// or [`set`](Self::set) moves it forward; it never goes backwards. Clones
/// share one time, from any thread: keep one to move the clock of the
/// sandbox started with [`Sandbox::start_with_clock`](crate::Sandbox::start_with_clock),
/// or ask the sandbox for it ([`Sandbox::clock`](crate::Sandbox::clock)).
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
/// # Ok::<(), ClockError>(())
/// ```
#[derive(Clone, Default)]
pub struct SandboxClock {
    /// The manual clock's time; `None` for the system clock.
    manual: Option<Arc<Mutex<SystemTime>>>,
}

impl SandboxClock {
    /// The system clock: it cannot be moved.
    pub fn system() -> SandboxClock {
        SandboxClock { manual: None }
    }

    /// A manual clock that reads `start` until it is moved.
    pub fn manual(start: SystemTime) -> SandboxClock {
        SandboxClock {
            manual: Some(Arc::new(Mutex::new(start))),
        }
    }

    /// Whether this is a manual clock (one a test can move).
    pub fn is_manual(&self) -> bool {
        self.manual.is_some()
    }

    /// The time now.
    pub fn now(&self) -> SystemTime {
        match &self.manual {
            Some(time) => *lock(time),
            None => SystemTime::now(),
        }
    }

    /// Moves a manual clock forward by `by`; returns the new time.
    ///
    /// # Errors
    ///
    /// [`ClockError::NotManual`] for the system clock, and
    /// [`ClockError::OutOfRange`] when the new time is past what
    /// [`SystemTime`] can hold. The clock is unchanged then.
    pub fn advance(&self, by: Duration) -> Result<SystemTime, ClockError> {
        let mut time = self.manual_time()?;
        let later = time.checked_add(by).ok_or(ClockError::OutOfRange)?;
        *time = later;
        Ok(later)
    }

    /// Sets a manual clock to `to`: now, or later.
    ///
    /// # Errors
    ///
    /// [`ClockError::NotManual`] for the system clock, and
    /// [`ClockError::Backwards`] when `to` is before the clock's time. The
    /// clock is unchanged then.
    pub fn set(&self, to: SystemTime) -> Result<(), ClockError> {
        let mut time = self.manual_time()?;
        // Going back would make the sandbox's records contradict each other:
        // a job expired at a time that has not come, a payment made before
        // its job was created.
        if to < *time {
            return Err(ClockError::Backwards {
                now: *time,
                requested: to,
            });
        }
        *time = to;
        Ok(())
    }

    fn manual_time(&self) -> Result<MutexGuard<'_, SystemTime>, ClockError> {
        self.manual
            .as_deref()
            .map(lock)
            .ok_or(ClockError::NotManual)
    }
}

impl fmt::Debug for SandboxClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.manual {
            Some(time) => f.debug_tuple("Manual").field(&*lock(time)).finish(),
            None => f.write_str("System"),
        }
    }
}

/// A time is only ever replaced whole, so a lock poisoned by a panic
/// elsewhere still holds a valid one.
fn lock(time: &Mutex<SystemTime>) -> MutexGuard<'_, SystemTime> {
    time.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Why a [`SandboxClock`] did not move.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClockError {
    /// The clock is the system clock, which the sandbox does not move.
    NotManual,
    /// The clock never goes backwards: `requested` is before `now`.
    Backwards {
        /// The clock's time, unchanged.
        now: SystemTime,
        /// The earlier time asked for.
        requested: SystemTime,
    },
    /// The new time is past what [`SystemTime`] can hold.
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
            ClockError::OutOfRange => f.write_str("the time is out of range"),
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
}
