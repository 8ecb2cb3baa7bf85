//! Time as plain milliseconds since the Unix epoch: ISO and human display, durations,
//! and civil-date arithmetic done by hand (Howard Hinnant's algorithms, no chrono).

use serde::{Deserialize, Serialize};

/// A point in time: milliseconds since 1970-01-01T00:00:00Z (UTC).
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// One second in milliseconds.
pub const SECOND: i64 = 1_000;
/// One minute in milliseconds (same as [`Timestamp::MINUTE`]).
pub const MINUTE: i64 = Timestamp::MINUTE;
/// One hour in milliseconds (same as [`Timestamp::HOUR`]).
pub const HOUR: i64 = Timestamp::HOUR;
/// One day in milliseconds (same as [`Timestamp::DAY`]).
pub const DAY: i64 = Timestamp::DAY;

impl Timestamp {
    /// One minute in milliseconds.
    pub const MINUTE: i64 = 60 * SECOND;
    /// One hour in milliseconds.
    pub const HOUR: i64 = 60 * Self::MINUTE;
    /// One day in milliseconds.
    pub const DAY: i64 = 24 * Self::HOUR;

    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// This instant moved by `ms` milliseconds (negative moves back); saturates.
    pub fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0)
    }

    /// The civil (UTC) date and time of this instant.
    pub fn civil(self) -> Civil {
        let days = self.0.div_euclid(Self::DAY);
        let rem = self.0.rem_euclid(Self::DAY);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (rem / Self::HOUR) as u32,
            minute: ((rem % Self::HOUR) / Self::MINUTE) as u32,
            second: ((rem % Self::MINUTE) / SECOND) as u32,
        }
    }

    /// The instant at the given UTC civil date and time.
    pub fn from_civil(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> Timestamp {
        let days = days_from_civil(year, month, day);
        Timestamp(
            days * Self::DAY + i64::from(hour) * Self::HOUR + i64::from(minute) * Self::MINUTE,
        )
    }

    /// Midnight UTC of a `YYYY-MM-DD` date (what a date input gives); `None` for
    /// anything else, including days a month does not have.
    pub fn parse_date(text: &str) -> Option<Timestamp> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i64 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let t = Timestamp::from_civil(year, month, day, 0, 0);
        let c = t.civil();
        (c.year == year && c.month == month && c.day == day && (1..=9999).contains(&year))
            .then_some(t)
    }

    /// ISO 8601 in UTC to the second, e.g. `2026-11-26T14:03:05Z`.
    pub fn iso(&self) -> String {
        let c = self.civil();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// Short human form in UTC, e.g. `2026-11-26 14:03`.
    pub fn display(&self) -> String {
        let c = self.civil();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute
        )
    }

    /// The calendar date in UTC, e.g. `2026-11-26`.
    pub fn date(&self) -> String {
        let c = self.civil();
        format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
    }
}

/// A broken-down UTC date and time.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Proleptic Gregorian year.
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
    /// 0–59.
    pub second: u32,
}

/// Days since 1970-01-01 of the given proleptic Gregorian date (Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a count of days since 1970-01-01 (Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A duration for people: `45 min`, `3 h 5 min`, `2 d 4 h`; negative durations get a
/// leading minus, anything under a minute is `0 min`.
pub fn humanize_duration(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let total_min = ms.unsigned_abs() / Timestamp::MINUTE as u64;
    let days = total_min / (24 * 60);
    let hours = (total_min / 60) % 24;
    let minutes = total_min % 60;
    if days > 0 {
        if hours > 0 {
            format!("{sign}{days} d {hours} h")
        } else {
            format!("{sign}{days} d")
        }
    } else if hours > 0 {
        if minutes > 0 {
            format!("{sign}{hours} h {minutes} min")
        } else {
            format!("{sign}{hours} h")
        }
    } else {
        format!("{sign}{minutes} min")
    }
}

// Host only: the property tests use proptest, which does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn dates_parse_strictly() {
        use super::Timestamp;
        let t = Timestamp::parse_date("2026-11-26").unwrap_or_else(|| panic!("valid"));
        assert_eq!(t.date(), "2026-11-26");
        assert_eq!(
            Timestamp::parse_date(" 2024-02-29 ")
                .map(|t| t.date())
                .as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "26-1",
            "x-1-1",
            "2026-11-26-1",
        ] {
            assert_eq!(Timestamp::parse_date(bad), None, "{bad}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(Timestamp(0).iso(), "1970-01-01T00:00:00Z");
        let t = Timestamp::from_civil(2026, 11, 26, 14, 3).plus_ms(5 * SECOND);
        assert_eq!(t.iso(), "2026-11-26T14:03:05Z");
        assert_eq!(t.display(), "2026-11-26 14:03");
        assert_eq!(t.date(), "2026-11-26");
        assert_eq!(Timestamp(951_782_400_000).iso(), "2000-02-29T00:00:00Z");
        assert_eq!(Timestamp(-1).iso(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn constants() {
        assert_eq!(Timestamp::MINUTE, 60_000);
        assert_eq!(Timestamp::HOUR, 3_600_000);
        assert_eq!(Timestamp::DAY, 86_400_000);
        assert_eq!(Timestamp(5).plus_ms(10), Timestamp(15));
        assert_eq!(Timestamp(15).since(Timestamp(5)), 10);
    }

    #[test]
    fn humanized() {
        assert_eq!(humanize_duration(45 * Timestamp::MINUTE), "45 min");
        assert_eq!(
            humanize_duration(3 * Timestamp::HOUR + 5 * Timestamp::MINUTE),
            "3 h 5 min"
        );
        assert_eq!(
            humanize_duration(2 * Timestamp::DAY + 4 * Timestamp::HOUR),
            "2 d 4 h"
        );
        assert_eq!(humanize_duration(4 * Timestamp::HOUR), "4 h");
        assert_eq!(humanize_duration(Timestamp::DAY), "1 d");
        assert_eq!(humanize_duration(30 * SECOND), "0 min");
        assert_eq!(humanize_duration(-15 * Timestamp::MINUTE), "-15 min");
        assert_eq!(humanize_duration(i64::MIN), humanize_duration(i64::MIN));
    }

    #[test]
    fn serialises_as_number() {
        assert_eq!(
            serde_json::to_string(&Timestamp(42)).ok().as_deref(),
            Some("42")
        );
    }

    proptest! {
        #[test]
        fn civil_round_trips(days in -1_000_000i64..1_000_000) {
            let (y, m, d) = civil_from_days(days);
            prop_assert!((1..=12).contains(&m));
            prop_assert!((1..=31).contains(&d));
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }

        #[test]
        fn civil_of_timestamp_round_trips(ms in -10_000_000_000_000i64..10_000_000_000_000) {
            let t = Timestamp(ms);
            let c = t.civil();
            let back = Timestamp::from_civil(c.year, c.month, c.day, c.hour, c.minute)
                .plus_ms(i64::from(c.second) * SECOND);
            prop_assert_eq!(back.0, ms - ms.rem_euclid(SECOND));
        }
    }
}
