//! Scale check of the incident figures: 100 000 generated facts over 90 days. Prints
//! the time taken (the budget is measured in the browser), asserts only the counts.

use super::*;
use crate::domain::incident::{Channel, Environment, IncidentStatus};
use crate::domain::kernel::time::{Timestamp, DAY, HOUR};

/// A small deterministic generator (64-bit LCG), so the data is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn generated(count: usize, now: Timestamp) -> Vec<IncidentFacts> {
    let mut rng = Lcg(42);
    let services: Vec<String> = (0..40).map(|i| format!("service:{i}")).collect();
    let categories: Vec<String> = (0..60).map(|i| format!("Category {i}")).collect();
    let releases: Vec<String> = (0..25).map(|i| format!("release:{i}")).collect();
    (0..count)
        .map(|n| {
            let created = now.plus_ms(-(rng.next(400) as i64 * DAY) - rng.next(24) as i64 * HOUR);
            let status = match rng.next(10) {
                0 => IncidentStatus::New,
                1 => IncidentStatus::InProgress,
                2 => IncidentStatus::OnHold,
                3 => IncidentStatus::Cancelled,
                4..=6 => IncidentStatus::Resolved,
                _ => IncidentStatus::Closed,
            };
            let resolved = matches!(status, IncidentStatus::Resolved | IncidentStatus::Closed)
                .then(|| created.plus_ms(rng.next(200) as i64 * HOUR))
                .filter(|&t| t <= now);
            let outcome = |r: u64| match r {
                0 => SlaOutcome::Breached,
                1 => SlaOutcome::NotApplicable,
                2 => SlaOutcome::Running {
                    due: Some(now.plus_ms(HOUR)),
                },
                _ => SlaOutcome::Met,
            };
            IncidentFacts {
                id: format!("incident:{n}"),
                priority: rng.next(5) as u8 + 1,
                status,
                service: (rng.next(10) > 0).then(|| services[rng.next(40) as usize].clone()),
                category: categories[rng.next(60) as usize].clone(),
                environment: Environment::ALL[rng.next(4) as usize],
                release: (rng.next(3) == 0).then(|| releases[rng.next(25) as usize].clone()),
                major: rng.next(100) == 0,
                channel: Channel::ALL[rng.next(6) as usize],
                created,
                resolved,
                reopens: u32::from(rng.next(12) == 0),
                escalations: (0..rng.next(3))
                    .map(|_| (created.plus_ms(HOUR), rng.next(2) == 0))
                    .collect(),
                response: outcome(rng.next(6)),
                resolution: outcome(rng.next(6)),
            }
        })
        .collect()
}

#[test]
fn hundred_thousand_incidents_over_ninety_days() {
    let now = Timestamp::from_civil(2027, 1, 15, 12, 0);
    let facts = generated(100_000, now);
    let range = Range::last_days(90, now);
    let started = std::time::Instant::now();
    let k = incident_kpis(&facts, range, now);
    eprintln!(
        "incident_kpis over {} facts, {} days: {:?}",
        facts.len(),
        range.day_count(),
        started.elapsed()
    );
    let in_range = facts.iter().filter(|f| range.contains(f.created)).count();
    let open = facts.iter().filter(|f| f.is_open()).count();
    assert_eq!(k.created as usize, in_range);
    assert_eq!(k.created_per_day.iter().sum::<u32>(), k.created);
    assert_eq!(k.backlog_by_priority.iter().sum::<u32>() as usize, open);
    assert_eq!(k.by_service.iter().map(|s| s.1).sum::<u32>(), k.created);
    assert_eq!(k.by_category.iter().map(|s| s.1).sum::<u32>(), k.created);
}
