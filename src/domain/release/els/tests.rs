//! Tests of the early-life-support figures: which incidents belong to a release,
//! per-day and per-priority counts, open P1/P2, SLA compliance, escalations and known
//! errors hit, on a small hand-made set with known answers.

use super::*;
use crate::domain::config::priority::Priority;
use crate::domain::incident::IncidentStatus;
use crate::domain::kernel::history::Change;
use crate::domain::release::fixtures::{incident, release, NOW};
use crate::domain::release::ReleaseStatus;

const DAY: i64 = Timestamp::DAY;
const HOUR: i64 = Timestamp::HOUR;

fn deployed() -> Release {
    let mut r = release();
    r.deployment_date = Some(Timestamp(NOW.0 - 3 * DAY));
    r.status = ReleaseStatus::EarlyLifeSupport;
    r
}

#[test]
fn scope_pre_production_and_production() {
    use Environment::*;
    let r = deployed();
    let (named, svc) = (Some("release:1"), Some("service:payroll"));
    let after = NOW.plus_ms(-DAY);
    let before = NOW.plus_ms(-10 * DAY);
    assert!(is_pre_production(&r, Test, named));
    assert!(is_pre_production(&r, Uat, named));
    assert!(!is_pre_production(&r, Production, named));
    assert!(!is_pre_production(&r, Staging, Some("release:2")));
    assert!(
        is_production(&r, Production, named, None, before),
        "named: always"
    );
    assert!(
        is_production(&r, Production, None, svc, after),
        "its service after deployment"
    );
    assert!(
        !is_production(&r, Production, None, svc, before),
        "before deployment"
    );
    assert!(!is_production(
        &r,
        Production,
        None,
        Some("service:other"),
        after
    ));
    assert!(!is_production(&r, Staging, named, svc, after));
    let mut undeployed = release();
    undeployed.deployment_date = None;
    assert!(!is_production(&undeployed, Production, None, svc, after));
    let mut planned = release();
    planned.deployment_date = Some(NOW.plus_ms(-3 * DAY));
    assert!(
        !is_production(&planned, Production, None, svc, after),
        "a planned date is not a deployment"
    );
    assert!(is_production(&planned, Production, named, None, after));
}

#[test]
fn scope_ends_at_acceptance() {
    let mut r = deployed();
    r.history.record(
        NOW.plus_ms(-DAY),
        "rm",
        Change::Status {
            from: "Early life support".into(),
            to: "Accepted".into(),
            reason: None,
        },
    );
    let svc = Some("service:payroll");
    assert_eq!(r.accepted_at(), Some(NOW.plus_ms(-DAY)));
    assert!(is_production(
        &r,
        Environment::Production,
        None,
        svc,
        NOW.plus_ms(-2 * DAY)
    ));
    assert!(!is_production(&r, Environment::Production, None, svc, NOW));
}

#[test]
fn figures_on_a_known_set() {
    let r = deployed();
    let d0 = Timestamp(r.deployment_date.map_or(0, |d| d.0));
    let p = Some("service:payroll");
    let mut a = incident(
        1,
        Priority::P1,
        Environment::Production,
        d0.plus_ms(HOUR),
        None,
        p,
    );
    let b = incident(
        2,
        Priority::P2,
        Environment::Production,
        d0.plus_ms(DAY + HOUR),
        None,
        p,
    );
    let mut c = incident(
        3,
        Priority::P3,
        Environment::Production,
        d0.plus_ms(DAY + 2 * HOUR),
        None,
        p,
    );
    let mut d = incident(
        4,
        Priority::P4,
        Environment::Production,
        d0.plus_ms(3 * DAY),
        None,
        p,
    );
    // a: resolved (not open); c: escalated twice; c and d hit the same known error.
    a.status = IncidentStatus::Resolved;
    for to in ["Level 2", "Payroll team lead"] {
        c.history.record(
            d0.plus_ms(DAY + 3 * HOUR),
            "agent",
            Change::Escalated {
                functional: true,
                to: to.into(),
                reason: "needs a specialist".into(),
            },
        );
    }
    c.known_error = Some("known_error:9".into());
    d.known_error = Some("known_error:9".into());
    let incidents = vec![a, b, c, d];
    let f = figures(
        &r,
        &incidents,
        &crate::domain::config::SlaPolicy::default(),
        NOW,
    );
    assert_eq!(f.total, 4);
    assert_eq!(f.by_priority, [1, 1, 1, 1, 0]);
    let per_day: Vec<[u32; 5]> = f.per_day.iter().map(|(_, c)| *c).collect();
    let first = (d0.0.div_euclid(DAY)) * DAY;
    assert_eq!(f.per_day[0].0, Timestamp(first));
    assert_eq!(
        per_day.iter().map(|c| c.iter().sum::<u32>()).sum::<u32>(),
        4
    );
    assert_eq!(f.daily_totals().len(), per_day.len());
    assert_eq!(f.open_p1_p2.len(), 1, "the P1 is resolved; the P2 is open");
    assert_eq!(f.open_p1_p2[0].priority, 2);
    assert_eq!(f.escalations, 2);
    assert_eq!(f.known_errors_hit, vec![("known_error:9".to_owned(), 2)]);
    // None of them responded to: the P1/P2 response targets (minutes) are breached,
    // the P4's day-long one is not yet.
    assert!(f.response.breached >= 2, "{:?}", f.response);
    assert_eq!(f.response.within + f.response.breached, 4);
    assert!(f.response.percent().is_some());
}

#[test]
fn per_day_runs_from_deployment_to_today_even_without_incidents() {
    let r = deployed();
    let f = figures(&r, &[], &crate::domain::config::SlaPolicy::default(), NOW);
    assert_eq!(f.total, 0);
    assert!(
        f.per_day.len() == 4 || f.per_day.len() == 3,
        "{}",
        f.per_day.len()
    );
    assert!(f.per_day.iter().all(|(_, c)| c.iter().sum::<u32>() == 0));
    assert_eq!(f.response.display(), "—");
}

#[test]
fn compliance_display() {
    let c = Compliance {
        within: 23,
        breached: 2,
    };
    assert_eq!(c.percent(), Some(92));
    assert_eq!(c.display(), "92% (23 of 25)");
}

#[test]
fn only_complete_days_after_deployment_count_for_the_quiet_period() {
    let day = |n: i64| Timestamp(n * DAY);
    let totals: Vec<(Timestamp, u32)> = (0..5).map(|n| (day(n), n as u32)).collect();
    // Deployed at 23:59 on day 0, now 00:01 on day 4: days 1, 2 and 3 are complete.
    let deployed = day(0).plus_ms(DAY - 60_000);
    let now = day(4).plus_ms(60_000);
    let full: Vec<i64> = full_days(&totals, deployed, now)
        .iter()
        .map(|(d, _)| d.0 / DAY)
        .collect();
    assert_eq!(full, [1, 2, 3]);
    // Deployed at midnight: that day is whole.
    let full = full_days(&totals, day(2), day(4));
    assert_eq!(
        full.iter().map(|(d, _)| d.0 / DAY).collect::<Vec<_>>(),
        [2, 3]
    );
    // Deployed today: no complete day yet.
    assert!(full_days(&totals, day(4).plus_ms(HOUR), day(4).plus_ms(2 * HOUR)).is_empty());
}
