//! Tests of the reporting period: the last N days around midnight, typed ranges and
//! their errors, day indexes and labels.

use super::*;

fn t(day: u32, hour: u32, minute: u32) -> Timestamp {
    Timestamp::from_civil(2027, 1, day, hour, minute)
}

#[test]
fn last_days_ends_with_today() {
    let r = Range::last_days(7, t(15, 12, 0));
    assert_eq!(r.from, t(9, 0, 0));
    assert_eq!(r.to, t(16, 0, 0));
    assert_eq!(r.day_count(), 7);
    assert_eq!(r.first_date(), "2027-01-09");
    assert_eq!(r.last_date(), "2027-01-15");
    assert_eq!(
        r.day_labels(),
        [
            "2027-01-09",
            "2027-01-10",
            "2027-01-11",
            "2027-01-12",
            "2027-01-13",
            "2027-01-14",
            "2027-01-15"
        ]
    );
}

#[test]
fn last_days_at_midnight_boundaries() {
    // Exactly midnight belongs to the new day.
    let r = Range::last_days(7, t(15, 0, 0));
    assert_eq!((r.from, r.to), (t(9, 0, 0), t(16, 0, 0)));
    // One millisecond before midnight is still the day before.
    let r = Range::last_days(7, t(15, 0, 0).plus_ms(-1));
    assert_eq!((r.from, r.to), (t(8, 0, 0), t(15, 0, 0)));
    // Zero days is today alone.
    let r = Range::last_days(0, t(15, 12, 0));
    assert_eq!(
        (r.day_count(), r.first_date()),
        (1, "2027-01-15".to_owned())
    );
    // Across a month and a year.
    let r = Range::last_days(30, t(15, 12, 0));
    assert_eq!(r.first_date(), "2026-12-17");
    assert_eq!(r.day_labels().len(), 30);
}

#[test]
fn contains_is_half_open_and_day_index_counts_days() {
    let r = Range::last_days(7, t(15, 12, 0));
    assert!(r.contains(t(9, 0, 0)));
    assert!(r.contains(t(16, 0, 0).plus_ms(-1)));
    assert!(!r.contains(t(16, 0, 0)));
    assert!(!r.contains(t(9, 0, 0).plus_ms(-1)));
    assert_eq!(r.day_index(t(9, 0, 0)), Some(0));
    assert_eq!(r.day_index(t(10, 0, 0).plus_ms(-1)), Some(0));
    assert_eq!(r.day_index(t(10, 0, 0)), Some(1));
    assert_eq!(r.day_index(t(15, 23, 59)), Some(6));
    assert_eq!(r.day_index(t(16, 0, 0)), None);
    assert_eq!(r.day_index(t(8, 23, 59)), None);
}

#[test]
fn custom_range_both_days_included() {
    let now = t(15, 12, 0);
    let r = Range::custom("2027-01-10", " 2027-01-12 ", now).unwrap();
    assert_eq!((r.from, r.to), (t(10, 0, 0), t(13, 0, 0)));
    assert_eq!(r.day_count(), 3);
    assert_eq!(
        (r.first_date(), r.last_date()),
        ("2027-01-10".into(), "2027-01-12".into())
    );
    let one = Range::custom("2027-01-15", "2027-01-15", now).unwrap();
    assert_eq!(one.day_count(), 1, "today alone");
    // 2024 is a leap year: all of it is 366 days, the most allowed.
    let year = Range::custom("2024-01-01", "2024-12-31", now).unwrap();
    assert_eq!(year.day_count(), 366);
}

#[test]
fn custom_range_errors_are_sentences() {
    let now = t(15, 12, 0);
    let err = |from: &str, to: &str| Range::custom(from, to, now).unwrap_err();
    assert_eq!(
        err("2027-02-30", "2027-01-12"),
        "The start date “2027-02-30” is not a date: use YYYY-MM-DD."
    );
    assert_eq!(
        err("2027-01-01", "12/01/2027"),
        "The end date “12/01/2027” is not a date: use YYYY-MM-DD."
    );
    assert_eq!(
        err("", "2027-01-12"),
        "The start date “” is not a date: use YYYY-MM-DD."
    );
    assert_eq!(
        err("2027-01-12", "2027-01-11"),
        "The end date is before the start date."
    );
    assert_eq!(
        err("2027-01-10", "2027-01-16"),
        "The end date is after today."
    );
    assert_eq!(
        err("2025-01-01", "2026-01-02"),
        "The range is longer than 366 days: choose a shorter one."
    );
    assert!(
        Range::custom("2025-01-01", "2026-01-01", now).is_ok(),
        "366 days"
    );
}
