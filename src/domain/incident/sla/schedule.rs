//! When an incident's SLA verdict will change if nothing else happens: computed once
//! from its history, then evaluated at any later instant for the cost of two
//! comparisons. The queue keeps one per row so "at risk" and "breached" stay true as
//! the clock runs, without re-reading 100k histories.

use crate::domain::incident::query::SlaFilterState;
use crate::domain::incident::sla::{SlaClock, SlaState, SlaStatus, AT_RISK_PERCENT};
use crate::domain::kernel::time::Timestamp;

/// A running clock's turning points.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct Turns {
    /// At risk from this instant (inclusive).
    at_risk_from: Timestamp,
    /// Breached after this instant (exclusive: exactly at the target is not a breach).
    breached_after: Timestamp,
}

/// The verdict of both SLA clocks over time, valid until the incident changes again.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct SlaSchedule {
    /// The worst state of the clocks that are not running (paused, stopped, no target).
    fixed: SlaState,
    /// The running clocks (at most response and resolution).
    running: [Option<Turns>; 2],
}

impl SlaSchedule {
    /// The schedule of a status computed at some instant: running clocks keep running
    /// one millisecond per millisecond, the others keep their state.
    pub fn of(status: &SlaStatus) -> SlaSchedule {
        let mut fixed = SlaState::NotApplicable;
        let mut running = [None, None];
        for (slot, clock) in [status.response, status.resolution].iter().enumerate() {
            match turns(clock) {
                Some(t) => running[slot] = Some(t),
                None => fixed = fixed.worst(clock.state),
            }
        }
        SlaSchedule { fixed, running }
    }

    /// The overall state at `at` (not before the instant the status was computed).
    pub fn at(&self, at: Timestamp) -> SlaState {
        self.running.iter().flatten().fold(self.fixed, |worst, t| {
            let state = if at > t.breached_after {
                SlaState::Breached
            } else if at >= t.at_risk_from {
                SlaState::AtRisk
            } else {
                SlaState::OnTrack
            };
            worst.worst(state)
        })
    }

    /// The queue's three-way verdict at `at`.
    pub fn filter_state(&self, at: Timestamp) -> SlaFilterState {
        filter_state(self.at(at))
    }
}

/// The queue's three-way verdict for a clock state: Breached and At risk as they are,
/// everything else (on track, paused, met, no target) counts as on track.
pub fn filter_state(state: SlaState) -> SlaFilterState {
    match state {
        SlaState::Breached => SlaFilterState::Breached,
        SlaState::AtRisk => SlaFilterState::AtRisk,
        _ => SlaFilterState::OnTrack,
    }
}

/// The turning points of a running clock (one with a due time and a target).
fn turns(clock: &SlaClock) -> Option<Turns> {
    let (due, target) = (clock.due?, clock.target_ms?);
    // The clock started (in counted time) at due − target; at risk once the elapsed
    // time reaches ⌈target × 75 %⌉, as `sla::running` decides it.
    let start = due.plus_ms(-target);
    let threshold = (i128::from(target) * i128::from(AT_RISK_PERCENT) + 99) / 100;
    let threshold = i64::try_from(threshold).unwrap_or(i64::MAX);
    Some(Turns {
        at_risk_from: start.plus_ms(threshold),
        breached_after: due,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::SlaPolicy;
    use crate::domain::couch::record::Record;
    use crate::domain::demo::scenario;
    use crate::domain::incident::sla::sla_status;
    use crate::domain::kernel::time::{Timestamp, MINUTE};

    /// For every demo incident, the schedule made at `now` predicts the status computed
    /// afresh at every later minute for ten days (no events happen after `now`).
    #[test]
    fn schedule_predicts_the_recomputed_state() {
        let now = Timestamp::from_civil(2026, 11, 26, 9, 0);
        let policy = SlaPolicy::default();
        let mut checked = 0;
        let mut states = std::collections::HashSet::new();
        for record in scenario(now) {
            let Record::Incident(incident) = record else {
                continue;
            };
            let schedule = SlaSchedule::of(&sla_status(&incident, &policy, now));
            let mut t = now;
            while t < now.plus_ms(10 * 24 * 60 * MINUTE) {
                let expected = sla_status(&incident, &policy, t).overall;
                assert_eq!(
                    schedule.at(t),
                    expected,
                    "{} at {}",
                    incident.reference,
                    t.iso()
                );
                states.insert(expected);
                checked += 1;
                t = t.plus_ms(7 * MINUTE + 13);
            }
        }
        assert!(checked > 10_000);
        // The demo covers the interesting verdicts, so the test exercises each rule.
        for s in [SlaState::OnTrack, SlaState::AtRisk, SlaState::Breached] {
            assert!(states.contains(&s), "{s:?} never seen");
        }
    }

    /// Exactly at the at-risk threshold and exactly at the target.
    #[test]
    fn boundaries_match_the_clock_rules() {
        let clock = SlaClock {
            state: SlaState::OnTrack,
            target_ms: Some(1000),
            elapsed_ms: 100,
            due: Some(Timestamp(10_900)),
            remaining_ms: Some(900),
        };
        let idle = SlaClock {
            state: SlaState::Met,
            target_ms: Some(1000),
            elapsed_ms: 10,
            due: None,
            remaining_ms: Some(990),
        };
        let s = SlaSchedule::of(&SlaStatus {
            response: idle,
            resolution: clock,
            overall: SlaState::OnTrack,
        });
        // Started at 9 900: at risk from 10 650, breached after 10 900.
        assert_eq!(s.at(Timestamp(10_649)), SlaState::OnTrack);
        assert_eq!(s.at(Timestamp(10_650)), SlaState::AtRisk);
        assert_eq!(s.at(Timestamp(10_900)), SlaState::AtRisk);
        assert_eq!(s.at(Timestamp(10_901)), SlaState::Breached);
        assert_eq!(s.filter_state(Timestamp(10_901)), SlaFilterState::Breached);
        assert_eq!(filter_state(SlaState::Paused), SlaFilterState::OnTrack);
    }
}
