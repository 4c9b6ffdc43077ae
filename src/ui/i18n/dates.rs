//! Dates, clock times and durations in words. The patterns (jiff strftime, numbers only) and
//! the words ("Yesterday", weekday names) come from each language's Fluent file; the time zone
//! is passed in, so tests can fix it and only the public helpers ask for the system's.

use super::Localizer;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// Dates further back than this many days are shown as a date, not a weekday.
const WEEKDAY_DAYS: i64 = 6;

/// The system time zone (`TZ`, else /etc/localtime); UTC when there is none, as the C
/// library does.
pub fn system_zone() -> TimeZone {
    TimeZone::system()
}

impl Localizer {
    /// "14:05" (or "2:05 PM": the language's `time-format` decides).
    pub fn format_time_in(self, unix_secs: u64, zone: &TimeZone) -> String {
        match zoned(unix_secs, zone) {
            Some(time) => self.clock_time(&time),
            None => unix_secs.to_string(),
        }
    }

    /// The date and the clock time, as the language's `date-time` puts them together.
    pub fn format_date_time_in(self, unix_secs: u64, zone: &TimeZone) -> String {
        match zoned(unix_secs, zone) {
            Some(time) => self.date_and_time(&time),
            None => unix_secs.to_string(),
        }
    }

    /// See [`super::format_when`].
    pub fn format_when_in(self, unix_secs: u64, now_unix_secs: u64, zone: &TimeZone) -> String {
        let (Some(then), Some(now)) = (zoned(unix_secs, zone), zoned(now_unix_secs, zone)) else {
            return unix_secs.to_string();
        };
        let time = self.clock_time(&then);
        match days_between(then.date(), now.date()) {
            Some(0) => self.tr_args("when-today", &[("time", &time)]),
            Some(1) => self.tr_args("when-yesterday", &[("time", &time)]),
            Some(days) if (2..=WEEKDAY_DAYS).contains(&days) => {
                let day = then.date().weekday().to_monday_one_offset().to_string();
                let weekday = self.tr_args("weekday-name", &[("day", &day)]);
                self.tr_args("when-weekday", &[("weekday", &weekday), ("time", &time)])
            }
            // Older, or later than now (a clock that was wrong): the full date says it all.
            Some(days) if days > WEEKDAY_DAYS => self.pattern("date-format", &then),
            _ => self.date_and_time(&then),
        }
    }

    fn clock_time(self, time: &ZonedDateTime) -> String {
        self.pattern("time-format", time)
    }

    fn date_and_time(self, time: &ZonedDateTime) -> String {
        let date = self.pattern("date-format", time);
        let clock = self.clock_time(time);
        self.tr_args("date-time", &[("date", &date), ("time", &clock)])
    }

    /// `time` formatted with the strftime pattern the message `key` holds. A pattern jiff
    /// refuses (a translation's typo) falls back to ISO numbers rather than to nothing.
    fn pattern(self, key: &str, time: &ZonedDateTime) -> String {
        jiff::fmt::strtime::format(self.tr(key), time).unwrap_or_else(|_| {
            let (date, clock) = (time.date(), time.time());
            if key == "time-format" {
                format!("{:02}:{:02}", clock.hour(), clock.minute())
            } else {
                format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            }
        })
    }
}

fn zoned(unix_secs: u64, zone: &TimeZone) -> Option<ZonedDateTime> {
    let seconds = i64::try_from(unix_secs).ok()?;
    Some(
        Timestamp::from_second(seconds)
            .ok()?
            .to_zoned_datetime(zone.clone()),
    )
}

/// Calendar days from `then` to `now` (negative when `then` is later).
fn days_between(then: Date, now: Date) -> Option<i64> {
    let span = then.until(now).ok()?;
    Some(i64::from(span.get_days()))
}

/// A call's length like a clock: "0:42", "1:05", "1:02:03".
pub fn format_duration(secs: u64) -> String {
    let (hours, minutes, seconds) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}
