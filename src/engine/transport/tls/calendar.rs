//! Civil dates in UTC, for certificate validity: X.509 writes dates as text, rustls speaks in
//! Unix seconds, and the user wants to read a date.

const MONTH_DAYS: [u64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

fn is_leap_year(year: u64) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn month_length(year: u64, month_index: usize) -> u64 {
    let leap_day = u64::from(month_index == 1 && is_leap_year(year));
    MONTH_DAYS.get(month_index).copied().unwrap_or(0) + leap_day
}

fn year_length(year: u64) -> u64 {
    if is_leap_year(year) {
        366
    } else {
        365
    }
}

/// Days from 1970-01-01 to the given date (proleptic Gregorian, month and day from 1), counting
/// whole years and then whole months; `None` before 1970 or for a month or day out of range.
pub(crate) fn days_since_epoch(year: u64, month: u64, day: u64) -> Option<u64> {
    let month_index = usize::try_from(month.checked_sub(1)?).ok()?;
    if year < 1970 || month_index >= MONTH_DAYS.len() || day == 0 {
        return None;
    }
    if day > month_length(year, month_index) {
        return None;
    }
    let year_days: u64 = (1970..year).map(year_length).sum();
    let month_days: u64 = (0..month_index).map(|m| month_length(year, m)).sum();
    Some(year_days + month_days + day - 1)
}

/// The (year, month, day) of a day count since 1970-01-01.
pub(crate) fn civil_date(mut days: u64) -> (u64, u64, u64) {
    let mut year = 1970;
    while days >= year_length(year) {
        days -= year_length(year);
        year += 1;
    }
    let mut month = 1;
    for month_index in 0..MONTH_DAYS.len() {
        let length = month_length(year, month_index);
        if days < length {
            break;
        }
        days -= length;
        month += 1;
    }
    (year, month, days + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_count_leap_years() {
        assert_eq!(days_since_epoch(1970, 1, 1), Some(0));
        assert_eq!(days_since_epoch(2000, 3, 1), Some(11_017));
        assert_eq!(days_since_epoch(2024, 12, 31), Some(20_088));
        assert_eq!(days_since_epoch(2023, 2, 29), None);
        assert_eq!(days_since_epoch(2024, 13, 1), None);
    }

    #[test]
    fn day_counts_turn_back_into_the_same_dates() {
        for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (2091, 1, 1)] {
            let days = days_since_epoch(year, month, day).unwrap();
            assert_eq!(civil_date(days), (year, month, day));
        }
    }
}
