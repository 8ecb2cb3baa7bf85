//! Durations as people type them: a whole number and a unit (minutes, hours, days),
//! converted to and from milliseconds for settings forms.

use super::time::{DAY, HOUR, MINUTE};

/// Longest duration a settings form accepts: a year, far beyond any SLA or escalation
/// threshold, and small enough that no arithmetic on it overflows.
pub const MAX_MS: i64 = 366 * DAY;

/// The unit of a duration typed in a form.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days (24 hours, calendar time).
    Days,
}

impl DurationUnit {
    /// Every unit, smallest first (the order of the select).
    pub const ALL: [DurationUnit; 3] = [
        DurationUnit::Minutes,
        DurationUnit::Hours,
        DurationUnit::Days,
    ];

    /// The unit's length in milliseconds.
    pub fn ms(self) -> i64 {
        match self {
            DurationUnit::Minutes => MINUTE,
            DurationUnit::Hours => HOUR,
            DurationUnit::Days => DAY,
        }
    }

    /// The select's option value (`minutes`).
    pub fn key(self) -> &'static str {
        match self {
            DurationUnit::Minutes => "minutes",
            DurationUnit::Hours => "hours",
            DurationUnit::Days => "days",
        }
    }

    /// The option's label (`minutes`).
    pub fn label(self) -> &'static str {
        self.key()
    }

    /// Parses an option value; unknown values give `None`.
    pub fn from_key(key: &str) -> Option<DurationUnit> {
        Self::ALL.into_iter().find(|u| u.key() == key)
    }
}

/// A duration as a form shows it: the amount as typed, and the unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationInput {
    /// What is in the number field (kept as text so bad input can be explained).
    pub amount: String,
    /// The unit select.
    pub unit: DurationUnit,
}

impl DurationInput {
    /// The largest unit that expresses `ms` exactly (4 h → `4 hours`, 90 min →
    /// `90 minutes`); durations under a minute or not whole minutes show in minutes,
    /// rounded down.
    pub fn from_ms(ms: i64) -> DurationInput {
        let unit = [DurationUnit::Days, DurationUnit::Hours]
            .into_iter()
            .find(|u| ms > 0 && ms % u.ms() == 0)
            .unwrap_or(DurationUnit::Minutes);
        DurationInput {
            amount: (ms / unit.ms()).to_string(),
            unit,
        }
    }

    /// The duration in milliseconds, or a sentence saying what to type instead.
    /// Accepts a whole number (surrounding spaces allowed); `allow_zero` lets 0 through
    /// (an escalation level due at once), otherwise it must be positive.
    pub fn to_ms(&self, allow_zero: bool) -> Result<i64, String> {
        let text = self.amount.trim();
        if text.is_empty() {
            return Err("Enter a number.".into());
        }
        let n: i64 = text
            .parse()
            .map_err(|_| format!("Enter a whole number of {}, such as 30.", self.unit.label()))?;
        if n < 0 || (n == 0 && !allow_zero) {
            let least = if allow_zero {
                "0 or more"
            } else {
                "more than 0"
            };
            return Err(format!("Enter {least}."));
        }
        match n.checked_mul(self.unit.ms()) {
            Some(ms) if ms <= MAX_MS => Ok(ms),
            _ => Err("Enter at most a year (366 days).".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(amount: &str, unit: DurationUnit) -> DurationInput {
        DurationInput {
            amount: amount.into(),
            unit,
        }
    }

    #[test]
    fn from_ms_picks_the_largest_exact_unit() {
        use DurationUnit::*;
        assert_eq!(DurationInput::from_ms(15 * MINUTE), input("15", Minutes));
        assert_eq!(DurationInput::from_ms(4 * HOUR), input("4", Hours));
        assert_eq!(DurationInput::from_ms(3 * DAY), input("3", Days));
        assert_eq!(DurationInput::from_ms(90 * MINUTE), input("90", Minutes));
        assert_eq!(DurationInput::from_ms(36 * HOUR), input("36", Hours));
        assert_eq!(DurationInput::from_ms(0), input("0", Minutes));
        assert_eq!(DurationInput::from_ms(61_000), input("1", Minutes));
    }

    #[test]
    fn round_trips_for_whole_minutes() {
        for ms in [
            MINUTE,
            15 * MINUTE,
            90 * MINUTE,
            HOUR,
            8 * HOUR,
            DAY,
            5 * DAY,
        ] {
            assert_eq!(DurationInput::from_ms(ms).to_ms(false), Ok(ms));
        }
    }

    #[test]
    fn to_ms_explains_bad_input() {
        use DurationUnit::*;
        assert_eq!(input(" 45 ", Minutes).to_ms(false), Ok(45 * MINUTE));
        assert_eq!(input("2", Days).to_ms(false), Ok(2 * DAY));
        assert_eq!(input("", Hours).to_ms(false), Err("Enter a number.".into()));
        assert_eq!(
            input("1.5", Hours).to_ms(false),
            Err("Enter a whole number of hours, such as 30.".into())
        );
        assert_eq!(
            input("0", Hours).to_ms(false),
            Err("Enter more than 0.".into())
        );
        assert_eq!(input("0", Hours).to_ms(true), Ok(0));
        assert_eq!(
            input("-3", Hours).to_ms(true),
            Err("Enter 0 or more.".into())
        );
        assert_eq!(input("367", Days).to_ms(false).ok(), None);
        assert_eq!(input("366", Days).to_ms(false), Ok(MAX_MS));
        assert_eq!(
            input("99999999999999999", Days).to_ms(false),
            Err("Enter at most a year (366 days).".into())
        );
    }

    #[test]
    fn unit_keys_round_trip() {
        for u in DurationUnit::ALL {
            assert_eq!(DurationUnit::from_key(u.key()), Some(u));
        }
        assert_eq!(DurationUnit::from_key("weeks"), None);
    }
}
