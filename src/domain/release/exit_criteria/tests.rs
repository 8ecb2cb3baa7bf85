//! Tests of the exit criteria: each criterion met and unmet, switched off, the quiet
//! period's edge cases, and validation.

use super::*;

const DAY: i64 = Timestamp::DAY;

fn days(counts: &[u32]) -> Vec<(Timestamp, u32)> {
    counts
        .iter()
        .enumerate()
        .map(|(d, n)| (Timestamp(d as i64 * DAY), *n))
        .collect()
}

fn facts() -> ExitFacts {
    ExitFacts {
        open_p1_p2: vec![],
        per_day: days(&[5, 4, 1, 0, 2]),
        undocumented: vec![],
        services_without_procedure: vec![],
    }
}

#[test]
fn all_met_on_quiet_documented_releases() {
    let v = evaluate(&ExitCriteria::default(), &facts());
    assert_eq!(v.len(), 4);
    assert!(v.iter().all(|v| v.met), "{v:?}");
    assert_eq!(
        v[1].label,
        "At most 2 production incidents a day for the last 3 days"
    );
    assert_eq!(v[1].detail, "Last 3 days: 1, 0, 2.");
    assert!(unmet(&v).is_empty());
}

#[test]
fn each_unmet_criterion_says_why() {
    let f = ExitFacts {
        open_p1_p2: vec!["INC-1".into(), "INC-2".into()],
        per_day: days(&[0, 0, 3, 1]),
        undocumented: vec!["KE-7".into()],
        services_without_procedure: vec!["Payroll".into()],
    };
    let v = evaluate(&ExitCriteria::default(), &f);
    assert!(v.iter().all(|v| !v.met), "{v:?}");
    assert_eq!(v[0].detail, "2 open: INC-1, INC-2.");
    assert_eq!(v[1].detail, "Over the threshold: 1970-01-03 had 3.");
    assert_eq!(v[2].detail, "Without a published article: KE-7.");
    assert_eq!(v[3].detail, "No procedure for: Payroll.");
    let u = unmet(&v);
    assert_eq!(u.len(), 4);
    assert!(u[0].starts_with("No open P1 or P2 incident: 2 open"));
}

#[test]
fn too_few_days_in_production_is_not_quiet_yet() {
    let mut f = facts();
    f.per_day = days(&[0, 0]);
    let v = evaluate(&ExitCriteria::default(), &f);
    assert!(!v[1].met);
    assert_eq!(v[1].detail, "Only 2 of 3 full days in production so far.");
}

#[test]
fn switched_off_criteria_are_not_checked() {
    let c = ExitCriteria {
        no_open_p1_p2: false,
        max_incidents_per_day: 0,
        quiet_days: 0,
        known_errors_documented: false,
        escalation_defined: false,
    };
    let f = ExitFacts {
        open_p1_p2: vec!["INC-1".into()],
        per_day: days(&[9]),
        undocumented: vec!["KE-1".into()],
        services_without_procedure: vec!["X".into()],
    };
    assert!(evaluate(&c, &f).is_empty());
    let one = ExitCriteria {
        quiet_days: 1,
        max_incidents_per_day: 1,
        ..c
    };
    let v = evaluate(&one, &f);
    assert_eq!(
        v[0].label,
        "At most 1 production incident a day for the last 1 day"
    );
    assert!(!v[0].met);
}

#[test]
fn validation_bounds() {
    let bad = ExitCriteria {
        max_incidents_per_day: 10_001,
        quiet_days: 91,
        ..ExitCriteria::default()
    };
    let errs = bad.validate().err().unwrap_or_default();
    assert!(errs.for_field("max_incidents_per_day").is_some());
    assert!(errs.for_field("quiet_days").is_some());
    assert!(ExitCriteria::default().validate().is_ok());
}

#[test]
fn old_releases_without_criteria_read_the_defaults() {
    let read: Result<ExitCriteria, _> = serde_json::from_str("{}");
    assert_eq!(read.ok(), Some(ExitCriteria::default()));
    let partial: Result<ExitCriteria, _> = serde_json::from_str(r#"{"quiet_days":7}"#);
    assert_eq!(
        partial
            .map(|c| (c.quiet_days, c.max_incidents_per_day))
            .ok(),
        Some((7, 2))
    );
}
