//! Reading one imported cell as an incident value: impact, urgency, priority, status,
//! channel, environment (the words other tools export, such as `1 - High` or
//! `Work in progress`) and dates in ISO 8601.

use crate::domain::config::priority::{Impact, Priority, Urgency};
use crate::domain::incident::{Channel, Environment, IncidentStatus};
use crate::domain::kernel::time::{Timestamp, HOUR, MINUTE, SECOND};

/// Lower case words of a cell: `"1 - High"` → `["1", "high"]`. A cell with other
/// signs than `-_.:/()` (a formula such as `=1+1`) stays one word that names nothing.
fn words(cell: &str) -> Vec<String> {
    let plain = |c: char| c.is_alphanumeric() || c.is_whitespace() || "-_.:/()".contains(c);
    if !cell.chars().all(plain) {
        return vec![cell.to_owned()];
    }
    cell.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The cell's words joined by single spaces: `"Work-in progress"` → `"work in progress"`.
pub fn normalise(cell: &str) -> String {
    words(cell).join(" ")
}

/// The one value every word of the cell names (`1 - High` → both words say 0); `None`
/// when a word names nothing or two words disagree (`=1+1` is not `1 - High`).
fn agreed<T: PartialEq>(cell: &str, word: impl Fn(&str) -> Option<T>) -> Option<T> {
    let mut found: Option<T> = None;
    for w in words(cell) {
        let v = word(&w)?;
        match &found {
            Some(f) if *f != v => return None,
            Some(_) => {}
            None => found = Some(v),
        }
    }
    found
}

/// A three-level scale: `1`/`high`, `2`/`medium`/`moderate`, `3`/`low`, alone or both
/// (`1 - High`).
fn level(cell: &str) -> Option<usize> {
    agreed(cell, |w| match w {
        "1" | "high" | "h" | "critical" => Some(0),
        "2" | "medium" | "med" | "m" | "moderate" | "normal" => Some(1),
        "3" | "low" | "l" | "minor" => Some(2),
        _ => None,
    })
}

/// An impact from a cell.
pub fn impact(cell: &str) -> Option<Impact> {
    level(cell).and_then(|i| Impact::ALL.get(i).copied())
}

/// An urgency from a cell.
pub fn urgency(cell: &str) -> Option<Urgency> {
    level(cell).and_then(|i| Urgency::ALL.get(i).copied())
}

/// A priority from a cell: `P1`, `1`, `1 - Critical`, `Critical`, … `P5`/`Planning`.
pub fn priority(cell: &str) -> Option<Priority> {
    let n = agreed(cell, |w| match w {
        "p1" | "1" | "critical" => Some(1u8),
        "p2" | "2" | "high" => Some(2),
        "p3" | "3" | "moderate" | "medium" => Some(3),
        "p4" | "4" | "low" => Some(4),
        "p5" | "5" | "planning" => Some(5),
        _ => None,
    })?;
    Priority::try_from(n).ok()
}

/// The impact and urgency that give `p` in `matrix` (highest impact first); `None`
/// when the matrix never gives it.
pub fn pair_for(
    p: Priority,
    matrix: &crate::domain::config::priority::PriorityMatrix,
) -> Option<(Impact, Urgency)> {
    Impact::ALL.into_iter().find_map(|i| {
        Urgency::ALL
            .into_iter()
            .find(|&u| matrix.priority(i, u) == p)
            .map(|u| (i, u))
    })
}

/// What a status cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusValue {
    /// A status the import can set.
    Known(IncidentStatus),
    /// On hold: needs a hold reason the file does not give.
    OnHold,
}

/// A status from a cell.
pub fn status(cell: &str) -> Option<StatusValue> {
    use IncidentStatus::*;
    let s = match normalise(cell).as_str() {
        "new" | "open" | "opened" | "logged" | "1 new" => Known(New),
        "in progress" | "work in progress" | "wip" | "active" | "assigned" | "2 in progress" => {
            Known(InProgress)
        }
        "on hold" | "pending" | "awaiting" | "3 on hold" => return Some(StatusValue::OnHold),
        "resolved" | "6 resolved" => Known(Resolved),
        "closed" | "closed complete" | "complete" | "completed" | "done" | "7 closed" => {
            Known(Closed)
        }
        "cancelled" | "canceled" | "closed cancelled" | "8 canceled" | "8 cancelled" => {
            Known(Cancelled)
        }
        _ => return None,
    };
    Some(s)
}

use StatusValue::Known;

/// A channel from a cell.
pub fn channel(cell: &str) -> Option<Channel> {
    Some(match normalise(cell).as_str() {
        "portal" | "self service" | "web" | "self service portal" => Channel::Portal,
        "phone" | "telephone" | "call" | "phone call" => Channel::Phone,
        "email" | "e mail" | "mail" => Channel::Email,
        "walk in" | "walkin" | "in person" => Channel::WalkIn,
        "monitoring" | "event" | "alert" | "monitor" => Channel::Monitoring,
        "testing" | "test" => Channel::Testing,
        _ => return None,
    })
}

/// An environment from a cell.
pub fn environment(cell: &str) -> Option<Environment> {
    Some(match normalise(cell).as_str() {
        "production" | "prod" | "live" => Environment::Production,
        "test" | "testing" | "qa" => Environment::Test,
        "staging" | "stage" | "pre production" | "preprod" => Environment::Staging,
        "uat" | "user acceptance testing" | "acceptance" => Environment::Uat,
        _ => return None,
    })
}

/// A date or date-time in ISO 8601: `2026-11-27`, `2026-11-27 14:03`,
/// `2026-11-27T14:03:05Z`, `2026-11-27T14:03:05.120+01:00`. Without an offset the time
/// is UTC.
pub fn date_time(cell: &str) -> Option<Timestamp> {
    let cell = cell.trim();
    let (date, time) = match cell.find(['T', 't', ' ']) {
        Some(k) => (&cell[..k], Some(cell[k + 1..].trim())),
        None => (cell, None),
    };
    if date.len() != 10 {
        return None;
    }
    let day = Timestamp::parse_date(date)?;
    let Some(time) = time else {
        return Some(day);
    };
    let (clock, offset_ms) = split_offset(time)?;
    let mut parts = clock.split(':');
    let hour: i64 = two_digits(parts.next()?, 23)?;
    let minute: i64 = two_digits(parts.next()?, 59)?;
    let second_ms: i64 = match parts.next() {
        None => 0,
        Some(s) => {
            let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
            if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 9 {
                return None;
            }
            let ms = format!("{frac:0<3}")[..3].parse::<i64>().ok()?;
            two_digits(whole, 59)? * SECOND + ms
        }
    };
    if parts.next().is_some() {
        return None;
    }
    Some(day.plus_ms(hour * HOUR + minute * MINUTE + second_ms - offset_ms))
}

fn two_digits(s: &str, max: i64) -> Option<i64> {
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n <= max)
}

/// Splits `14:03:05+01:00` into the clock and the offset in milliseconds.
fn split_offset(time: &str) -> Option<(&str, i64)> {
    if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        return Some((clock, 0));
    }
    match time.rfind(['+', '-']) {
        None => Some((time, 0)),
        Some(k) => {
            let (clock, off) = (&time[..k], &time[k + 1..]);
            let sign = if time[k..].starts_with('-') { -1 } else { 1 };
            let (h, m) = off.split_once(':').unwrap_or((off, "00"));
            let (h, m) = (two_digits(h, 23)?, two_digits(m, 59)?);
            Some((clock, sign * (h * HOUR + m * MINUTE)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_words_and_dates() {
        assert_eq!(impact("2 - Medium"), Some(Impact::Medium));
        assert_eq!(urgency("LOW"), Some(Urgency::Low));
        assert_eq!(impact("4"), None);
        assert_eq!(impact("=1+1"), None, "a formula names nothing");
        assert_eq!(impact("1 - Low"), None);
        assert_eq!(urgency("+2"), None);
        assert_eq!(status("=New"), None);
        assert_eq!(priority("=1+2"), None);
        assert_eq!(priority("1 - Critical"), Some(Priority::P1));
        assert_eq!(priority("p4"), Some(Priority::P4));
        assert_eq!(priority("6"), None);
        assert_eq!(channel("Walk-in"), Some(Channel::WalkIn));
        assert_eq!(environment("Prod"), Some(Environment::Production));
        let day = Timestamp::from_civil(2026, 11, 27, 0, 0);
        assert_eq!(date_time("2026-11-27"), Some(day));
        assert_eq!(
            date_time("2026-11-27 14:03"),
            Some(day.plus_ms(14 * Timestamp::HOUR + 3 * Timestamp::MINUTE))
        );
        assert_eq!(
            date_time("2026-11-27T14:03:05.5+01:00"),
            Some(day.plus_ms(13 * Timestamp::HOUR + 3 * Timestamp::MINUTE + 5_500))
        );
        for bad in [
            "2026-13-01",
            "2026-11-27T25:00",
            "11/27/2026",
            "2026-11-27T14:3",
            "x",
        ] {
            assert_eq!(date_time(bad), None, "{bad}");
        }
    }
}
