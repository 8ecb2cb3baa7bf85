//! The incident figures of the manager dashboard, counted over a reporting period.
//!
//! Definitions, for the incident practice owner. "In the range" means on one of the
//! chosen whole UTC days; "now" is the moment the dashboard is drawn.
//!
//! - **Backlog**: incidents open now (New, In progress or On hold), by the priority in
//!   force now. Not limited to the range.
//! - **Created / resolved per day**: incidents logged on each day of the range, and
//!   incidents resolved on each day. An incident counts as resolved when it is Resolved
//!   or Closed now; its resolution instant is the last time it became Resolved (or was
//!   closed without passing Resolved). A reopened incident that is open again is not
//!   resolved; when it is resolved again, it counts on the new day. Cancelled
//!   incidents are never resolved.
//! - **Mean time to resolve (MTTR)**: for incidents resolved in the range, the mean
//!   wall-clock time from logging to resolution (on-hold time included), per priority,
//!   rounded down to the millisecond; blank for a priority with none resolved.
//! - **Response SLA compliance**: of incidents logged in the range whose response clock
//!   is decided, the share that met it. A clock still running past its target counts as
//!   breached; one still running within its target is not counted yet.
//! - **Resolution SLA compliance**: resolution clocks of incidents resolved in the
//!   range, plus those of incidents logged in the range that are still open and have
//!   already breached. Priorities without a resolution target (P5) are not counted.
//! - **Reopen rate**: of incidents resolved in the range, the share that was ever
//!   reopened (went back from Resolved or Closed to an open status).
//! - **Escalations**: functional (to another group or tier) and hierarchical (to a
//!   manager) escalations made in the range, whatever the incident.
//! - **Major incidents**: declared-major incidents logged in the range; and major
//!   incidents open now (not limited to the range).
//! - **By service, by category**: incidents logged in the range, most first (ties by
//!   the service id or category name); "no service" and "no category" are rows too.
//! - **By release**: incidents logged in the range that name a release, split into
//!   those found before production (test, staging, user acceptance) and in production.
//! - **Raised through the portal**: incidents logged in the range through the portal.
//!
//! The percentages are computed here, never rounded; display rounds them.

pub mod chart;
pub mod csv;
pub mod facts;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod range;
pub mod records;

use std::collections::HashMap;

pub use crate::domain::kpi::facts::{IncidentFacts, SlaOutcome};
pub use crate::domain::kpi::range::Range;
pub use crate::domain::kpi::records::{
    deflection_rate, knowledge_figures, known_error_figures, problem_aging, ArticleFigure,
    KnowledgeFigures, KnownErrorFigures, ProblemAging, AGING_LABELS,
};

use super::incident::Channel;
use crate::domain::kernel::time::Timestamp;

/// Met and breached SLA clocks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compliance {
    /// Clocks stopped within their target.
    pub met: u32,
    /// Clocks past their target.
    pub breached: u32,
}

impl Compliance {
    /// met / (met + breached) in percent, None when both are 0.
    pub fn percent(&self) -> Option<f64> {
        percent(self.met, self.met + self.breached)
    }

    fn count(&mut self, outcome: SlaOutcome) {
        match outcome {
            SlaOutcome::Met => self.met += 1,
            SlaOutcome::Breached => self.breached += 1,
            SlaOutcome::Running { .. } | SlaOutcome::NotApplicable => {}
        }
    }
}

/// `part` of `whole` in percent; None when `whole` is 0.
fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// Incidents of one release logged in the range, by where they were found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReleaseSplit {
    /// Release id.
    pub release: String,
    /// Found in test, staging or user acceptance testing.
    pub pre_production: u32,
    /// Found in production.
    pub production: u32,
}

/// Every incident figure of the dashboard (see the module doc for the definitions).
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentKpis {
    /// The period counted.
    pub range: Range,
    /// Open now (New, In progress, On hold), index 0 = P1 … 4 = P5. Not range-bound.
    pub backlog_by_priority: [u32; 5],
    /// Per day of the range: incidents created that day.
    pub created_per_day: Vec<u32>,
    /// Per day of the range: incidents resolved that day.
    pub resolved_per_day: Vec<u32>,
    /// Incidents created in the range.
    pub created: u32,
    /// Incidents resolved in the range.
    pub resolved: u32,
    /// Mean created→resolved wall time (ms) of incidents resolved in the range, per
    /// priority; None where none was resolved.
    pub mttr_by_priority: [Option<i64>; 5],
    /// How many incidents each mean is over.
    pub resolved_by_priority: [u32; 5],
    /// Response clocks of incidents created in the range that are decided.
    pub response_sla: Compliance,
    /// Resolution clocks of incidents resolved in the range plus open ones created in
    /// the range already breached.
    pub resolution_sla: Compliance,
    /// Of incidents resolved in the range, how many were reopened at least once.
    pub reopened: u32,
    /// Functional escalations made in the range.
    pub functional_escalations: u32,
    /// Hierarchical escalations made in the range.
    pub hierarchical_escalations: u32,
    /// Major incidents created in the range.
    pub major_created: u32,
    /// Open major incidents now.
    pub major_open: u32,
    /// Created in the range by service id (None = no service), most first, ties by id.
    pub by_service: Vec<(Option<String>, u32)>,
    /// Created in the range by category ("" = none), most first, ties by name.
    pub by_category: Vec<(String, u32)>,
    /// Created in the range with a release, per release id, ordered by release id.
    pub by_release: Vec<ReleaseSplit>,
    /// Created in the range through the portal (channel Portal).
    pub portal_created: u32,
}

impl IncidentKpis {
    /// Reopened incidents in percent of those resolved in the range; None when none was
    /// resolved.
    pub fn reopen_rate(&self) -> Option<f64> {
        percent(self.reopened, self.resolved)
    }
}

/// Counts keyed by `K`, most first, ties by key.
fn ranked<K: Ord + Clone>(counts: HashMap<K, u32>) -> Vec<(K, u32)> {
    let mut v: Vec<(K, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Every incident figure for `range`, with SLA clocks judged at `now`. One pass over
/// `facts`; the maps are keyed by borrowed ids, so nothing is allocated per incident.
pub fn incident_kpis(facts: &[IncidentFacts], range: Range, now: Timestamp) -> IncidentKpis {
    let days = range.day_count();
    let mut k = IncidentKpis {
        range,
        backlog_by_priority: [0; 5],
        created_per_day: vec![0; days],
        resolved_per_day: vec![0; days],
        created: 0,
        resolved: 0,
        mttr_by_priority: [None; 5],
        resolved_by_priority: [0; 5],
        response_sla: Compliance::default(),
        resolution_sla: Compliance::default(),
        reopened: 0,
        functional_escalations: 0,
        hierarchical_escalations: 0,
        major_created: 0,
        major_open: 0,
        by_service: Vec::new(),
        by_category: Vec::new(),
        by_release: Vec::new(),
        portal_created: 0,
    };
    let mut ttr_sum = [0i128; 5];
    let mut services: HashMap<Option<&str>, u32> = HashMap::new();
    let mut categories: HashMap<&str, u32> = HashMap::new();
    let mut releases: HashMap<&str, (u32, u32)> = HashMap::new();
    for f in facts {
        let p = f.priority_index();
        let open = f.is_open();
        if open {
            k.backlog_by_priority[p] += 1;
            if f.major {
                k.major_open += 1;
            }
        }
        for &(at, functional) in &f.escalations {
            if range.contains(at) {
                if functional {
                    k.functional_escalations += 1;
                } else {
                    k.hierarchical_escalations += 1;
                }
            }
        }
        if let Some(day) = range.day_index(f.created) {
            k.created += 1;
            k.created_per_day[day] += 1;
            k.response_sla.count(f.response.at(now));
            if open && f.resolution.at(now) == SlaOutcome::Breached {
                k.resolution_sla.breached += 1;
            }
            if f.major {
                k.major_created += 1;
            }
            if f.channel == Channel::Portal {
                k.portal_created += 1;
            }
            *services.entry(f.service.as_deref()).or_insert(0) += 1;
            *categories.entry(f.category.as_str()).or_insert(0) += 1;
            if let Some(release) = f.release.as_deref() {
                let split = releases.entry(release).or_insert((0, 0));
                if f.environment.is_pre_production() {
                    split.0 += 1;
                } else {
                    split.1 += 1;
                }
            }
        }
        let resolved = f.resolved.and_then(|t| Some((t, range.day_index(t)?)));
        if let Some((at, day)) = resolved {
            k.resolved += 1;
            k.resolved_per_day[day] += 1;
            k.resolved_by_priority[p] += 1;
            // Clock skew between devices could put a resolution before the creation.
            ttr_sum[p] += i128::from(at.since(f.created).max(0));
            k.resolution_sla.count(f.resolution.at(now));
            if f.reopens > 0 {
                k.reopened += 1;
            }
        }
    }
    for ((mean, &sum), &n) in k
        .mttr_by_priority
        .iter_mut()
        .zip(&ttr_sum)
        .zip(&k.resolved_by_priority)
    {
        *mean = (n > 0).then(|| i64::try_from(sum / i128::from(n)).unwrap_or(i64::MAX));
    }
    k.by_service = ranked(services)
        .into_iter()
        .map(|(s, n)| (s.map(str::to_owned), n))
        .collect();
    k.by_category = ranked(categories)
        .into_iter()
        .map(|(c, n)| (c.to_owned(), n))
        .collect();
    let mut by_release: Vec<ReleaseSplit> = releases
        .into_iter()
        .map(|(r, (pre, prod))| ReleaseSplit {
            release: r.to_owned(),
            pre_production: pre,
            production: prod,
        })
        .collect();
    by_release.sort_by(|a, b| a.release.cmp(&b.release));
    k.by_release = by_release;
    k
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod scale_tests;
