//! Dates and times as the sandbox writes and reads them, on the `time`
//! crate: UTC to the second, written `2025-05-16T14:30:12Z`.

use std::time::{SystemTime, UNIX_EPOCH};

use time::format_description::BorrowedFormatItem;
use time::macros::{datetime, format_description};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// How the sandbox writes a moment (its models' `…DateTimeUtc` fields).
const WRITTEN: &[BorrowedFormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// The date part of a moment the sandbox reads.
const READ_DATE: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");

/// The time part of a moment the sandbox reads.
const READ_TIME: &[BorrowedFormatItem<'_>] = format_description!("[hour]:[minute]:[second]");

/// The first moment the sandbox writes: years have four digits.
const EARLIEST: OffsetDateTime = datetime!(0000-01-01 00:00:00 UTC);

/// The last moment the sandbox writes: years have four digits.
const LATEST: OffsetDateTime = datetime!(9999-12-31 23:59:59 UTC);

/// `moment` as the sandbox writes it: `2025-05-16T14:30:12Z`.
pub(crate) fn written(moment: OffsetDateTime) -> String {
    // Only a year of more than four digits fails, and `utc` never makes one.
    moment.format(WRITTEN).unwrap_or_default()
}

/// Reads a date-time in UTC to the second: `2025-05-16T14:30:12` (the `T`
/// also `t` or a space), then anything (fractions, `Z`), which is not read.
/// `None` when the text does not start that way or names no real moment
/// (`2025-02-30`).
pub(crate) fn parse(text: &str) -> Option<OffsetDateTime> {
    let date = text.get(..10)?;
    let separator = text.as_bytes().get(10)?;
    let time = text.get(11..19)?;
    if !matches!(separator, b'T' | b't' | b' ') {
        return None;
    }
    let date = Date::parse(date, READ_DATE).ok()?;
    let time = Time::parse(time, READ_TIME).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

/// The moment `time` is, in UTC to the whole second, within the years the
/// sandbox writes (0000 to 9999): a time outside them reads as the nearest
/// one inside.
pub(crate) fn utc(time: SystemTime) -> OffsetDateTime {
    let seconds = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs())
            .map_or(i64::MIN, |seconds| 0i64.saturating_sub(seconds)),
    };
    let fallback = if seconds < 0 { EARLIEST } else { LATEST };
    OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or(fallback)
        .clamp(EARLIEST, LATEST)
}

/// Whether `moment` is within the years the sandbox writes (0000 to 9999).
pub(crate) fn in_range(moment: OffsetDateTime) -> bool {
    (EARLIEST..=LATEST).contains(&moment)
}

/// The same time `months` calendar months later, the day kept within the
/// month (31 August and six months is 28 or 29 February); past the year
/// 9999, the last moment the sandbox writes.
pub(crate) fn months_later(moment: OffsetDateTime, months: u8) -> OffsetDateTime {
    let date = moment.date();
    let month = date.month().nth_next(months);
    // Months counted from January of the moment's year, to find the year.
    let from_january = u16::from(u8::from(date.month()))
        .saturating_sub(1)
        .saturating_add(u16::from(months));
    let year = date.year().checked_add(i32::from(from_january / 12));
    year.and_then(|year| {
        let day = date.day().min(month.length(year));
        Date::from_calendar_date(year, month, day).ok()
    })
    .map_or(LATEST, |later| moment.replace_date(later))
}

/// The first midnight, 00:00:00 UTC, after `moment`: the start of the next
/// day in UTC, a whole day later when `moment` is a midnight itself; past
/// the year 9999, the last moment the sandbox writes.
pub(crate) fn next_midnight(moment: OffsetDateTime) -> OffsetDateTime {
    let day = moment.to_offset(UtcOffset::UTC).date();
    day.next_day()
        .map_or(LATEST, |next| next.midnight().assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn moments_are_written_to_the_second_in_utc() {
        let moment = datetime!(2025-05-16 14:30:12.123 UTC);
        assert_eq!(written(moment), "2025-05-16T14:30:12Z");
        assert_eq!(written(EARLIEST), "0000-01-01T00:00:00Z");
    }

    #[test]
    fn parsed_times() {
        let time = parse("2025-05-16T14:30:12.123Z").unwrap();
        assert_eq!(written(time), "2025-05-16T14:30:12Z");
        assert!(time > parse("2025-05-16T14:30:11Z").unwrap());
        assert_eq!(
            parse("2025-05-16 14:30:12"),
            Some(datetime!(2025-05-16 14:30:12 UTC))
        );
        for bad in [
            "2025-02-30T00:00:00Z",
            "2025-05-16",
            "next Tuesday",
            "2025-13-01T00:00:00Z",
            "2025-05-16X14:30:12Z",
            "2025-05-16T14:30:1é",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn months_later_keep_the_day_within_the_month() {
        let moment = datetime!(2024-08-31 01:02:03 UTC);
        assert_eq!(written(months_later(moment, 6)), "2025-02-28T01:02:03Z");
        let moment = datetime!(2023-08-31 01:02:03 UTC);
        assert_eq!(written(months_later(moment, 6)), "2024-02-29T01:02:03Z");
        let moment = datetime!(2025-12-15 00:00:00 UTC);
        assert_eq!(written(months_later(moment, 1)), "2026-01-15T00:00:00Z");
        let moment = datetime!(9999-10-01 00:00:00 UTC);
        assert_eq!(months_later(moment, 6), LATEST);
    }

    #[test]
    fn the_next_midnight_is_in_utc_and_always_later() {
        let evening = datetime!(2030-01-01 23:59:59 UTC);
        assert_eq!(next_midnight(evening), datetime!(2030-01-02 00:00:00 UTC));
        let midnight = datetime!(2030-01-02 00:00:00 UTC);
        assert_eq!(next_midnight(midnight), datetime!(2030-01-03 00:00:00 UTC));
        let london = datetime!(2030-06-01 00:30:00 +01:00);
        assert_eq!(next_midnight(london), datetime!(2030-06-01 00:00:00 UTC));
        assert_eq!(next_midnight(LATEST), LATEST);
    }

    #[test]
    fn system_times_read_to_the_second_within_four_digit_years() {
        let time = UNIX_EPOCH + Duration::from_millis(1_747_405_812_999);
        assert_eq!(written(utc(time)), "2025-05-16T14:30:12Z");
        assert_eq!(utc(UNIX_EPOCH), datetime!(1970-01-01 00:00:00 UTC));
        let far = UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        assert_eq!(utc(far), LATEST);
    }
}
