//! The dashboard's time range in the URL: `days=7|30|90` (30 when absent) or a custom
//! `from=YYYY-MM-DD&to=YYYY-MM-DD`; a range the URL cannot give falls back to 30 days
//! with a sentence saying why.

use crate::domain::kernel::time::Timestamp;
use crate::domain::kpi::range::Range;
use crate::routes::AppRoute;

/// Which range the page shows.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The last n days up to today.
    Days(u32),
    /// Dates chosen by hand.
    Custom,
}

/// The ready-made ranges, in days.
pub const DAYS: [u32; 3] = [7, 30, 90];
const DEFAULT_DAYS: u32 = 30;

/// The range the query string `qs` asks for at `now`, and a warning when it asked for
/// something it cannot have.
pub fn range_of(qs: &str, now: Timestamp) -> (Choice, Range, Option<String>) {
    let qs = qs.strip_prefix('?').unwrap_or(qs);
    let mut days = None;
    let mut from = None;
    let mut to = None;
    for part in qs.split('&') {
        let Some((key, raw)) = part.split_once('=') else {
            continue;
        };
        // Days and dates need no escapes; anything escaped is not one of them.
        let value = raw.to_owned();
        match key {
            "days" => days = Some(value),
            "from" => from = Some(value),
            "to" => to = Some(value),
            _ => {}
        }
    }
    let fallback = |why: String| {
        (
            Choice::Days(DEFAULT_DAYS),
            Range::last_days(DEFAULT_DAYS, now),
            Some(why),
        )
    };
    if from.is_some() || to.is_some() {
        let (from, to) = (from.unwrap_or_default(), to.unwrap_or_default());
        return match Range::custom(&from, &to, now) {
            Ok(r) => (Choice::Custom, r, None),
            Err(e) => fallback(format!("{e} Showing the last {DEFAULT_DAYS} days.")),
        };
    }
    match days.as_deref().map(str::parse::<u32>) {
        None => (
            Choice::Days(DEFAULT_DAYS),
            Range::last_days(DEFAULT_DAYS, now),
            None,
        ),
        Some(Ok(n)) if DAYS.contains(&n) => (Choice::Days(n), Range::last_days(n, now), None),
        Some(_) => fallback(format!(
            "The dashboard offers the last 7, 30 or 90 days, or a custom range. Showing the last {DEFAULT_DAYS} days."
        )),
    }
}

/// The dashboard over the last `n` days.
pub fn days_href(n: u32) -> String {
    format!("{}?days={n}", AppRoute::Dashboard.href())
}

/// The dashboard over a custom range.
pub fn custom_href(r: Range) -> String {
    format!(
        "{}?from={}&to={}",
        AppRoute::Dashboard.href(),
        r.first_date(),
        r.last_date()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::from_civil(2026, 11, 27, 10, 30)
    }

    #[test]
    fn ready_ranges_default_and_custom() {
        let (c, r, w) = range_of("", now());
        assert_eq!(
            (c, r, w),
            (Choice::Days(30), Range::last_days(30, now()), None)
        );
        let (c, r, w) = range_of("?days=7", now());
        assert_eq!(
            (c, r.first_date(), r.last_date(), w),
            (
                Choice::Days(7),
                "2026-11-21".into(),
                "2026-11-27".into(),
                None
            )
        );
        let (c, r, w) = range_of("from=2026-10-01&to=2026-10-31", now());
        assert_eq!((c, r.day_count(), w), (Choice::Custom, 31, None));
        assert_eq!(
            custom_href(r),
            "/desk/dashboard?from=2026-10-01&to=2026-10-31"
        );
        assert_eq!(
            range_of(&custom_href(r)["/desk/dashboard".len()..], now()).1,
            r
        );
        assert_eq!(days_href(90), "/desk/dashboard?days=90");
    }

    #[test]
    fn ranges_it_cannot_give_fall_back_to_30_days_and_say_why() {
        for qs in [
            "days=8",
            "days=abc",
            "from=2026-10-31&to=2026-10-01",
            "from=2026-02-30&to=2026-03-01",
            "from=2026-10-01",
        ] {
            let (c, r, w) = range_of(qs, now());
            assert_eq!(
                (c, r),
                (Choice::Days(30), Range::last_days(30, now())),
                "{qs}"
            );
            let w = w.unwrap_or_default();
            assert!(w.ends_with("Showing the last 30 days."), "{qs}: {w}");
        }
    }
}
