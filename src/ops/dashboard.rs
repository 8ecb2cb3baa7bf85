//! The manager dashboard's figures: incident KPIs computed from the queue's in-memory
//! facts (no incident is read from IndexedDB once the queue is built), and the problem,
//! known-error and knowledge figures from their (small) lists.

use crate::domain::incident::Channel;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kpi::range::Range;
use crate::domain::kpi::records::{
    knowledge_figures, known_error_figures, problem_aging, KnowledgeFigures, KnownErrorFigures,
    ProblemAging,
};
use crate::domain::kpi::{incident_kpis, IncidentKpis};
use crate::storage::Store;

use super::directory::Directory;
use super::error::AppError;
use super::queue::Queue;

/// Everything the dashboard shows for one range.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Incident figures over the range.
    pub incidents: IncidentKpis,
    /// Open problems by age.
    pub aging: ProblemAging,
    /// Known errors by state.
    pub known_errors: KnownErrorFigures,
    /// Published articles, the most read and most helpful, deflections.
    pub knowledge: KnowledgeFigures,
    /// Incidents raised through the portal, all time (for the deflection rate).
    pub portal_incidents: u32,
    /// Incidents on the desk.
    pub held: usize,
    /// Milliseconds the incident figures took to compute from the facts.
    pub compute_ms: f64,
}

/// The records the dashboard reads besides incidents (they change rarely and are few).
#[derive(Clone, Debug, PartialEq)]
pub struct Records {
    aging: ProblemAging,
    known_errors: KnownErrorFigures,
    knowledge: KnowledgeFigures,
}

/// Reads problems, known errors and articles and computes their figures at `now`.
pub async fn records<S: Store>(store: &S, now: Timestamp) -> Result<Records, AppError> {
    let problems = crate::ops::problem::all(store).await?;
    let kes = crate::ops::known_error::all(store).await?;
    let articles = crate::ops::knowledge::all(store).await?;
    Ok(Records {
        aging: problem_aging(&problems, now),
        known_errors: known_error_figures(&kes),
        knowledge: knowledge_figures(&articles, &kes),
    })
}

/// The dashboard over `range`: the queue must be current ([`Queue::sync`]).
pub fn figures(queue: &Queue, records: &Records, range: Range, now: Timestamp) -> Figures {
    let started = super::clock::precise_ms();
    let (incidents, portal_incidents) = queue.with_facts(|facts| {
        let k = incident_kpis(facts, range, now);
        let portal = facts
            .iter()
            .filter(|f| f.channel == Channel::Portal)
            .count();
        (k, u32::try_from(portal).unwrap_or(u32::MAX))
    });
    let compute_ms = super::clock::precise_ms() - started;
    Figures {
        incidents,
        aging: records.aging.clone(),
        known_errors: records.known_errors.clone(),
        knowledge: records.knowledge.clone(),
        portal_incidents,
        held: queue.len(),
        compute_ms,
    }
}

/// The figures as CSV, names resolved through the directory.
pub fn csv(f: &Figures, dir: &Directory) -> String {
    crate::domain::kpi::csv::dashboard_csv(
        &f.incidents,
        &f.aging,
        &f.known_errors,
        &f.knowledge,
        f.portal_incidents,
        &|id: &str| dir.name(id).to_owned(),
    )
}
