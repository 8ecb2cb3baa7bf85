//! The dashboard's reporting period: a span of whole UTC days, either the last N days
//! up to today or a custom from–to pair of dates as typed, with the checks that keep a
//! typed range sensible.

use crate::domain::kernel::time::{Timestamp, DAY};

/// Longest range a person may ask for: a year, leap day included.
pub const MAX_RANGE_DAYS: i64 = 366;

/// A span of whole UTC days: [from, to) in milliseconds, from = start of the first day.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Range {
    /// Midnight UTC at the start of the first day.
    pub from: Timestamp,
    /// Midnight UTC at the end of the last day (excluded).
    pub to: Timestamp,
}

/// Midnight UTC at the start of the day holding `t`.
fn day_start(t: Timestamp) -> Timestamp {
    Timestamp(t.0.div_euclid(DAY) * DAY)
}

impl Range {
    /// The last `days` whole days up to and including today (the day holding `now`).
    /// Zero days is read as one (today).
    pub fn last_days(days: u32, now: Timestamp) -> Range {
        let to = day_start(now).plus_ms(DAY);
        let from = to.plus_ms(-(i64::from(days.max(1)) * DAY));
        Range { from, to }
    }

    /// From and to dates as typed (`YYYY-MM-DD`, both inclusive). Errors (a clear
    /// sentence): unreadable date, to before from, longer than 366 days, to after today.
    pub fn custom(from: &str, to: &str, now: Timestamp) -> Result<Range, String> {
        let first = Timestamp::parse_date(from).ok_or_else(|| {
            format!(
                "The start date “{}” is not a date: use YYYY-MM-DD.",
                from.trim()
            )
        })?;
        let last = Timestamp::parse_date(to).ok_or_else(|| {
            format!(
                "The end date “{}” is not a date: use YYYY-MM-DD.",
                to.trim()
            )
        })?;
        if last < first {
            return Err("The end date is before the start date.".to_owned());
        }
        if last > day_start(now) {
            return Err("The end date is after today.".to_owned());
        }
        let range = Range {
            from: first,
            to: last.plus_ms(DAY),
        };
        if range.to.since(range.from) > MAX_RANGE_DAYS * DAY {
            return Err(format!(
                "The range is longer than {MAX_RANGE_DAYS} days: choose a shorter one."
            ));
        }
        Ok(range)
    }

    /// True when `t` falls on one of the range's days.
    pub fn contains(&self, t: Timestamp) -> bool {
        self.from <= t && t < self.to
    }

    /// Which day of the range holds `t` (0 = the first day), `None` outside the range.
    pub fn day_index(&self, t: Timestamp) -> Option<usize> {
        if self.contains(t) {
            usize::try_from(t.since(self.from) / DAY).ok()
        } else {
            None
        }
    }

    /// How many days the range covers.
    pub fn day_count(&self) -> usize {
        usize::try_from(self.to.since(self.from).max(0) / DAY).unwrap_or(0)
    }

    /// Each day's date (`YYYY-MM-DD`) in order.
    pub fn day_labels(&self) -> Vec<String> {
        (0..self.day_count())
            .map(|i| self.from.plus_ms(i as i64 * DAY).date())
            .collect()
    }

    /// The first day as a date (`YYYY-MM-DD`).
    pub fn first_date(&self) -> String {
        self.from.date()
    }

    /// The last day as a date (`YYYY-MM-DD`).
    pub fn last_date(&self) -> String {
        self.to.plus_ms(-DAY).date()
    }
}

#[cfg(test)]
mod tests;
