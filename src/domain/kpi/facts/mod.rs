//! What the dashboard needs to know of one incident, read once from the record and its
//! history (resolution instant, reopenings, escalations, SLA outcomes), so the figures
//! can be counted over many incidents without going back to their histories.
//!
//! Reading rules:
//! - Status events are taken in time order (same-instant events chained by their
//!   labels); events after `now` are ignored.
//! - **Resolved at**: the last time the status became Resolved, or became Closed from
//!   anything but Resolved (closed without passing Resolved). A reopening (Resolved or
//!   Closed → New, In progress or On hold) or a cancellation forgets it. It is kept only
//!   when the incident is Resolved or Closed now; an incident with no status event at
//!   all (never moved) that is Resolved or Closed counts as resolved at its last update.
//! - **Reopens**: how many status events went from Resolved or Closed to New, In
//!   progress or On hold.
//! - **Escalations**: every escalation event up to `now`, in time order.
//! - **SLA outcomes** come from the SLA clocks at `now` (see `sla.rs`).

use crate::domain::config::SlaPolicy;
use crate::domain::incident::sla::{priority_in_force, sla_status, SlaClock, SlaState, SlaStatus};
use crate::domain::incident::{Channel, Environment, Incident, IncidentStatus};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::{from_label, Lifecycle};
use crate::domain::kernel::time::Timestamp;

/// How one SLA clock of an incident turned out.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SlaOutcome {
    /// Stopped within the target.
    Met,
    /// Past the target (stopped or still running).
    Breached,
    /// Still running or paused; `due` = when it breaches if nothing changes (`None`
    /// while paused).
    Running {
        /// When a running clock uses up its target.
        due: Option<Timestamp>,
    },
    /// No target applies (planned priority, or cancelled before any breach).
    NotApplicable,
}

impl SlaOutcome {
    /// The outcome of a clock as the SLA rules state it.
    pub fn of(clock: &SlaClock) -> SlaOutcome {
        match clock.state {
            SlaState::Met => SlaOutcome::Met,
            SlaState::Breached => SlaOutcome::Breached,
            SlaState::OnTrack | SlaState::AtRisk => SlaOutcome::Running { due: clock.due },
            SlaState::Paused => SlaOutcome::Running { due: None },
            SlaState::NotApplicable => SlaOutcome::NotApplicable,
        }
    }

    /// The outcome at a later instant: a running clock whose `due` has passed is
    /// Breached (exactly at `due` it is not yet).
    pub fn at(self, now: Timestamp) -> SlaOutcome {
        match self {
            SlaOutcome::Running { due: Some(due) } if now > due => SlaOutcome::Breached,
            other => other,
        }
    }
}

/// What the dashboard needs of one incident, computed once when the cache row is built.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentFacts {
    /// Document id.
    pub id: String,
    /// Priority in force at `now`, 1..=5.
    pub priority: u8,
    /// Status (as stored, which is what lists show).
    pub status: IncidentStatus,
    /// Affected service id.
    pub service: Option<String>,
    /// Category, trimmed, as written ("" = none).
    pub category: String,
    /// Environment found in.
    pub environment: Environment,
    /// Release id.
    pub release: Option<String>,
    /// Declared a major incident.
    pub major: bool,
    /// How it was reported.
    pub channel: Channel,
    /// When created.
    pub created: Timestamp,
    /// When the incident was last resolved (status became Resolved, or Closed without
    /// passing Resolved), if it is Resolved or Closed now; None otherwise (open, cancelled).
    pub resolved: Option<Timestamp>,
    /// How many times it went back from Resolved (or Closed) to an open status.
    pub reopens: u32,
    /// Escalation instants and kinds (true = functional), in time order.
    pub escalations: Vec<(Timestamp, bool)>,
    /// Response clock.
    pub response: SlaOutcome,
    /// Resolution clock.
    pub resolution: SlaOutcome,
}

/// True for the statuses an incident is worked in.
fn is_open_status(s: IncidentStatus) -> bool {
    matches!(
        s,
        IncidentStatus::New | IncidentStatus::InProgress | IncidentStatus::OnHold
    )
}

/// One status move read from the history.
struct Move {
    at: Timestamp,
    from: Option<IncidentStatus>,
    to: Option<IncidentStatus>,
    from_label: String,
    to_label: String,
}

/// The status moves up to `now`, in time order; moves at the same instant are chained
/// (the one whose `from` is the previous `to` first), so the append order of merged
/// histories does not matter.
fn status_moves(incident: &Incident, now: Timestamp) -> Vec<Move> {
    let mut moves: Vec<Move> = incident
        .history
        .events()
        .iter()
        .filter(|e| e.at <= now)
        .filter_map(|e| match &e.change {
            Change::Status { from, to, .. } => Some(Move {
                at: e.at,
                from: from_label(from),
                to: from_label(to),
                from_label: from.clone(),
                to_label: to.clone(),
            }),
            _ => None,
        })
        .collect();
    moves.sort_by_key(|m| m.at);
    let mut prev = IncidentStatus::New.label().to_owned();
    for i in 0..moves.len() {
        let end = i + moves[i..]
            .iter()
            .take_while(|m| m.at == moves[i].at)
            .count();
        let key = |m: &Move| {
            (
                m.from_label != prev,
                m.from_label.clone(),
                m.to_label.clone(),
            )
        };
        let best = (i..end).min_by_key(|&j| key(&moves[j])).unwrap_or(i);
        moves[i..=best].rotate_right(1);
        prev.clone_from(&moves[i].to_label);
    }
    moves
}

impl IncidentFacts {
    /// The facts of `incident` at `now` under `policy` (see the module doc).
    pub fn of(incident: &Incident, policy: &SlaPolicy, now: Timestamp) -> IncidentFacts {
        IncidentFacts::with_sla(incident, &sla_status(incident, policy, now), now)
    }

    /// [`IncidentFacts::of`] with the incident's SLA status at `now` already computed
    /// (the queue has it at hand when it builds a row).
    pub fn with_sla(incident: &Incident, sla: &SlaStatus, now: Timestamp) -> IncidentFacts {
        use IncidentStatus::{Cancelled, Closed, Resolved};
        let moves = status_moves(incident, now);
        let mut resolved_at: Option<Timestamp> = None;
        let mut reopens = 0u32;
        for m in &moves {
            let from_done = matches!(m.from, Some(Resolved | Closed));
            match m.to {
                Some(Resolved) => resolved_at = Some(m.at),
                Some(Closed) if !from_done || resolved_at.is_none() => resolved_at = Some(m.at),
                Some(Closed) => {}
                Some(Cancelled) => resolved_at = None,
                Some(to) if is_open_status(to) && from_done => {
                    reopens = reopens.saturating_add(1);
                    resolved_at = None;
                }
                _ => {}
            }
        }
        let done = matches!(incident.status, Resolved | Closed);
        let resolved = match (done, moves.is_empty()) {
            (false, _) => None,
            (true, false) => resolved_at,
            (true, true) => Some(incident.updated),
        };
        let mut escalations: Vec<(Timestamp, bool)> = incident
            .history
            .events()
            .iter()
            .filter(|e| e.at <= now)
            .filter_map(|e| match e.change {
                Change::Escalated { functional, .. } => Some((e.at, functional)),
                _ => None,
            })
            .collect();
        escalations.sort_by_key(|&(at, _)| at);
        let non_blank = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        IncidentFacts {
            id: incident.id.clone(),
            priority: priority_in_force(incident, now).number(),
            status: incident.status,
            service: non_blank(&incident.service),
            category: incident.category.trim().to_owned(),
            environment: incident.environment,
            release: non_blank(&incident.release),
            major: incident.major.is_some(),
            channel: incident.channel,
            created: incident.created,
            resolved,
            reopens,
            escalations,
            response: SlaOutcome::of(&sla.response),
            resolution: SlaOutcome::of(&sla.resolution),
        }
    }

    /// True while New, In progress or On hold.
    pub fn is_open(&self) -> bool {
        is_open_status(self.status)
    }

    /// Index 0–4 of the priority (P1 = 0); out-of-range values count as the nearest.
    pub fn priority_index(&self) -> usize {
        usize::from(self.priority.clamp(1, 5) - 1)
    }
}

#[cfg(test)]
mod tests;
