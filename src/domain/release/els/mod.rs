//! Early-life-support figures for one release: which incidents belong to it
//! (pre-production and production), incidents since deployment per day and by
//! priority, open P1/P2, SLA compliance, escalations, known errors hit.

use crate::domain::config::SlaPolicy;
use crate::domain::incident::sla::{sla_status, SlaState};
use crate::domain::incident::{Environment, Incident};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::time::Timestamp;
use crate::domain::release::Release;

/// Longest run of days the per-day figures cover (a year).
pub const MAX_DAYS: usize = 366;

/// True for an incident found before production against `release` (test, staging,
/// UAT, with the release named).
pub fn is_pre_production(release: &Release, environment: Environment, named: Option<&str>) -> bool {
    environment != Environment::Production && named == Some(release.id.as_str())
}

/// True for a production incident of `release`: it names the release, or (naming no
/// release) it hit one of the release's services after the deployment (once deployed, and before
/// acceptance, once accepted).
pub fn is_production(
    release: &Release,
    environment: Environment,
    named: Option<&str>,
    service: Option<&str>,
    created: Timestamp,
) -> bool {
    if environment != Environment::Production {
        return false;
    }
    match named {
        Some(id) if id == release.id => return true,
        // Logged against another release: that release's, not this one's.
        Some(_) => return false,
        None => {}
    }
    let Some(deployed) = release.deployment_date.filter(|_| release.is_deployed()) else {
        return false;
    };
    let before_end = release.accepted_at().is_none_or(|end| created <= end);
    created >= deployed
        && before_end
        && service.is_some_and(|s| release.services.iter().any(|r| r == s))
}

/// Met and breached SLA clocks among incidents with a target.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Compliance {
    /// Clocks within target so far (met, running on time, or paused).
    pub within: u32,
    /// Clocks breached.
    pub breached: u32,
}

impl Compliance {
    fn count(&mut self, state: SlaState) {
        match state {
            SlaState::Breached => self.breached += 1,
            SlaState::NotApplicable => {}
            _ => self.within += 1,
        }
    }

    /// Percentage within target, rounded down; `None` without any clock.
    pub fn percent(&self) -> Option<u32> {
        let all = self.within + self.breached;
        (all > 0).then(|| self.within * 100 / all)
    }

    /// `92% (23 of 25)` or `—`.
    pub fn display(&self) -> String {
        match self.percent() {
            Some(p) => format!("{p}% ({} of {})", self.within, self.within + self.breached),
            None => "—".to_owned(),
        }
    }
}

/// An open P1/P2 incident, for the dashboard's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenMajor {
    /// `INC-…`.
    pub reference: String,
    /// Title.
    pub title: String,
    /// 1 or 2.
    pub priority: u8,
}

/// The early-life-support dashboard's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElsFigures {
    /// Production incidents counted.
    pub total: u32,
    /// Per UTC day from the deployment day to today: the day and counts by priority
    /// (index 0 = P1).
    pub per_day: Vec<(Timestamp, [u32; 5])>,
    /// Counts by priority (index 0 = P1).
    pub by_priority: [u32; 5],
    /// Open P1 and P2 incidents, most urgent first.
    pub open_p1_p2: Vec<OpenMajor>,
    /// Response clocks.
    pub response: Compliance,
    /// Resolution clocks.
    pub resolution: Compliance,
    /// Functional and hierarchical escalations recorded on the incidents.
    pub escalations: u32,
    /// Known error ids linked to the incidents, with how many incidents hit each,
    /// most hit first.
    pub known_errors_hit: Vec<(String, u32)>,
}

impl ElsFigures {
    /// Production incidents per day (all priorities), for the exit criteria.
    pub fn daily_totals(&self) -> Vec<(Timestamp, u32)> {
        self.per_day
            .iter()
            .map(|(day, counts)| (*day, counts.iter().sum()))
            .collect()
    }
}

fn day_start(t: Timestamp) -> Timestamp {
    Timestamp(t.0.div_euclid(Timestamp::DAY) * Timestamp::DAY)
}

/// The per-day totals of the complete UTC days in production: from the first whole
/// day after the deployment (a day only partly in production says nothing about a
/// quiet period) to yesterday. What the quiet-period criterion reads.
pub fn full_days(
    totals: &[(Timestamp, u32)],
    deployed: Timestamp,
    now: Timestamp,
) -> Vec<(Timestamp, u32)> {
    let first = if day_start(deployed) == deployed {
        deployed
    } else {
        day_start(deployed).plus_ms(Timestamp::DAY)
    };
    let today = day_start(now);
    totals
        .iter()
        .copied()
        .filter(|(day, _)| *day >= first && *day < today)
        .collect()
}

/// The figures for `incidents` (the release's production incidents) as of `now`.
/// Days run from the deployment day (or the first incident's day) to `now`, at most
/// [`MAX_DAYS`] of them (the latest).
pub fn figures(
    release: &Release,
    incidents: &[Incident],
    policy: &SlaPolicy,
    now: Timestamp,
) -> ElsFigures {
    let mut f = ElsFigures::default();
    let first = incidents.iter().map(|i| i.created).min();
    let start = match (release.deployment_date, first) {
        (Some(d), Some(i)) => d.min(i),
        (Some(d), None) => d,
        (None, Some(i)) => i,
        (None, None) => now,
    };
    let end = release.accepted_at().unwrap_or(now).min(now).max(start);
    let (first_day, last_day) = (day_start(start), day_start(end));
    let days = ((last_day.0 - first_day.0) / Timestamp::DAY) as usize + 1;
    let skip = days.saturating_sub(MAX_DAYS);
    f.per_day = (skip..days)
        .map(|d| (first_day.plus_ms(d as i64 * Timestamp::DAY), [0; 5]))
        .collect();
    for i in incidents {
        let p = usize::from(i.priority.number().clamp(1, 5)) - 1;
        f.total += 1;
        f.by_priority[p] += 1;
        let day = ((day_start(i.created).0 - first_day.0) / Timestamp::DAY) as usize;
        if let Some(slot) = day.checked_sub(skip).and_then(|d| f.per_day.get_mut(d)) {
            slot.1[p] += 1;
        }
        if i.is_open() && p < 2 {
            f.open_p1_p2.push(OpenMajor {
                reference: i.reference.as_str().to_owned(),
                title: i.title.clone(),
                priority: p as u8 + 1,
            });
        }
        let sla = sla_status(i, policy, now);
        f.response.count(sla.response.state);
        f.resolution.count(sla.resolution.state);
        f.escalations += i
            .history
            .events()
            .iter()
            .filter(|e| matches!(e.change, Change::Escalated { .. }))
            .count() as u32;
        if let Some(ke) = &i.known_error {
            match f.known_errors_hit.iter_mut().find(|(k, _)| k == ke) {
                Some((_, n)) => *n += 1,
                None => f.known_errors_hit.push((ke.clone(), 1)),
            }
        }
    }
    f.open_p1_p2
        .sort_by(|a, b| (a.priority, &a.reference).cmp(&(b.priority, &b.reference)));
    f.known_errors_hit
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    f
}

#[cfg(test)]
mod tests;
