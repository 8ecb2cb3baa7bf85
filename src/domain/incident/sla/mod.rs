//! SLA clocks (response and resolution) derived from an incident's event history only.
//!
//! The status is computed from the creation time and the history events, never from the
//! incident's current fields (except the stored priority when no priority change was
//! ever recorded), so two devices that merged the same events agree. Events are sorted
//! by `at`; events at the same instant are chained by their labels (a `from` follows
//! the previous `to`), otherwise ordered by label, so the result does not depend on the
//! order the events were appended in. Events before creation count as at creation;
//! events after `now` are ignored.
//!
//! Rules:
//! - **Priority in force**: the latest priority at `now` (the last `priority` field
//!   change). Its targets apply to the *whole* elapsed time of *both* clocks, even when
//!   the priority changed part-way ("retroactive start", as in ServiceNow): raising an
//!   incident to P1 after 5 hours breaches its 4-hour resolution target at once.
//! - **Response** is met at the first of: the status leaving New (to anything but
//!   Cancelled), the first assignment to a group or person, the first public comment.
//!   The clock is wall time from creation; it never pauses.
//! - **Resolution** runs from creation while the incident is New or In progress; it
//!   pauses while On hold, stops at Resolved (met when within target), resumes when the
//!   incident is reopened (Resolved → In progress; time spent Resolved is not counted),
//!   and stops for good at Closed or Cancelled (later status events are ignored).
//! - **State**: a running clock is On track, At risk from 75 % of its target, Breached
//!   once it is past the target (exactly at the target is not yet a breach). A paused
//!   clock is Paused unless already past its target. A stopped clock is Met or
//!   Breached; a cancelled one is Not applicable unless it had already breached. With no
//!   target (P5 resolution is only planned) the clock is Not applicable.
//! - `due` is the instant a running clock uses up its target if nothing changes (in the
//!   past once breached); `None` when paused, stopped or without a target.
//!   `remaining_ms` is target − elapsed (negative once breached), `None` without a target.
//! - `overall` is the worse of the two states, for list filters.

pub mod schedule;

use serde::{Deserialize, Serialize};

use crate::domain::config::priority::Priority;
use crate::domain::config::SlaPolicy;
use crate::domain::incident::{Incident, IncidentStatus};
use crate::domain::kernel::history::{Change, Event};
use crate::domain::kernel::lifecycle::{from_label, Lifecycle};
use crate::domain::kernel::time::Timestamp;

/// A running clock is at risk from this percentage of its target.
pub const AT_RISK_PERCENT: i64 = 75;

/// Where one SLA clock stands.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    /// Running, under 75 % of the target used.
    OnTrack,
    /// Running, at least 75 % of the target used.
    AtRisk,
    /// Past the target (running or stopped).
    Breached,
    /// Stopped within the target.
    Met,
    /// Paused while on hold.
    Paused,
    /// No target applies (planned priority, or cancelled before any breach).
    NotApplicable,
}

impl SlaState {
    /// Every state, worst first.
    pub const ALL: [SlaState; 6] = [
        SlaState::Breached,
        SlaState::AtRisk,
        SlaState::OnTrack,
        SlaState::Paused,
        SlaState::Met,
        SlaState::NotApplicable,
    ];

    /// Human label (`At risk`).
    pub fn label(self) -> &'static str {
        match self {
            SlaState::OnTrack => "On track",
            SlaState::AtRisk => "At risk",
            SlaState::Breached => "Breached",
            SlaState::Met => "Met",
            SlaState::Paused => "Paused",
            SlaState::NotApplicable => "Not applicable",
        }
    }

    /// The serialised name (`at_risk`), for URLs and filters.
    pub fn key(self) -> &'static str {
        match self {
            SlaState::OnTrack => "on_track",
            SlaState::AtRisk => "at_risk",
            SlaState::Breached => "breached",
            SlaState::Met => "met",
            SlaState::Paused => "paused",
            SlaState::NotApplicable => "not_applicable",
        }
    }

    /// Parses the serialised name.
    pub fn from_key(key: &str) -> Option<SlaState> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// How bad the state is for a list filter: higher is worse.
    pub fn severity(self) -> u8 {
        match self {
            SlaState::NotApplicable => 0,
            SlaState::Met => 1,
            SlaState::Paused => 2,
            SlaState::OnTrack => 3,
            SlaState::AtRisk => 4,
            SlaState::Breached => 5,
        }
    }

    /// The worse of two states.
    pub fn worst(self, other: SlaState) -> SlaState {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }
}

/// One SLA clock (response or resolution).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaClock {
    /// Where it stands.
    pub state: SlaState,
    /// The target of the priority in force; `None` when there is none.
    pub target_ms: Option<i64>,
    /// Time counted so far (up to the stop, or `now`).
    pub elapsed_ms: i64,
    /// When a running clock uses up its target if nothing changes; `None` when paused,
    /// stopped or without a target.
    pub due: Option<Timestamp>,
    /// Target − elapsed (negative once breached); `None` without a target.
    pub remaining_ms: Option<i64>,
}

/// Both SLA clocks of an incident at one instant.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaStatus {
    /// Time to first response.
    pub response: SlaClock,
    /// Time to resolution.
    pub resolution: SlaClock,
    /// The worse of the two states, for list filters.
    pub overall: SlaState,
}

/// The SLA status of `incident` at `now` under `policy` (see the module doc for the
/// rules). Depends only on the creation time and the history events.
pub fn sla_status(incident: &Incident, policy: &SlaPolicy, now: Timestamp) -> SlaStatus {
    let target = policy.target(priority_in_force(incident, now));
    let timeline = Timeline::of(incident, now);
    let response = timeline.response(target.response_ms, now);
    let resolution = timeline.resolution(target.resolution_ms, now);
    SlaStatus {
        response,
        resolution,
        overall: response.state.worst(resolution.state),
    }
}

/// The priority in force at `now`: the latest recorded priority change at or before
/// `now`; the priority before the first change when all changes are later; the stored
/// priority when no change was ever recorded.
pub fn priority_in_force(incident: &Incident, now: Timestamp) -> Priority {
    let changes = ordered(incident.history.events(), None, |c| match c {
        Change::Field { field, from, to } if field == "priority" => Some((from, to)),
        _ => None,
    });
    let parse = |label: &str| Priority::ALL.into_iter().find(|p| p.label() == label);
    let latest = changes
        .iter()
        .rev()
        .filter(|c| c.at <= now)
        .find_map(|c| parse(c.to));
    let before_first = || changes.iter().find_map(|c| parse(c.from));
    latest.or_else(before_first).unwrap_or(incident.priority)
}

/// A `from → to` label change at one instant.
struct LabelChange<'a> {
    at: Timestamp,
    from: &'a str,
    to: &'a str,
}

/// The label changes `pick` selects, in time order; changes at the same instant are
/// chained (`from` equal to the previous `to`, starting from `start`), else ordered by
/// label, so the order does not depend on the order of `events`.
fn ordered<'a>(
    events: &'a [Event],
    start: Option<&'a str>,
    pick: impl Fn(&'a Change) -> Option<(&'a String, &'a String)>,
) -> Vec<LabelChange<'a>> {
    let mut v: Vec<LabelChange<'a>> = events
        .iter()
        .filter_map(|e| pick(&e.change).map(|(from, to)| LabelChange { at: e.at, from, to }))
        .collect();
    v.sort_by_key(|c| c.at);
    let mut prev = start;
    for i in 0..v.len() {
        let tie_end = i + v[i..].iter().take_while(|c| c.at == v[i].at).count();
        let key = |c: &LabelChange<'a>| (Some(c.from) != prev, c.from, c.to);
        let best = (i..tie_end).min_by_key(|&j| key(&v[j])).unwrap_or(i);
        v[i..=best].rotate_right(1);
        prev = Some(v[i].to);
    }
    v
}

/// The status moves and the response instant, up to `now`.
struct Timeline {
    created: Timestamp,
    /// Status moves at or after creation and at or before `now`, up to the first
    /// terminal status.
    moves: Vec<(Timestamp, IncidentStatus)>,
    /// The first response, when it happened before any terminal status.
    responded: Option<Timestamp>,
}

impl Timeline {
    fn of(incident: &Incident, now: Timestamp) -> Timeline {
        let created = incident.created;
        let events = incident.history.events();
        let clamp = |at: Timestamp| at.max(created);
        let changes = ordered(events, Some(IncidentStatus::New.label()), |c| match c {
            Change::Status { from, to, .. } => Some((from, to)),
            _ => None,
        });
        let mut moves = Vec::new();
        let mut responded: Option<Timestamp> = None;
        for c in changes.iter().filter(|c| c.at <= now) {
            let Some(status) = from_label::<IncidentStatus>(c.to) else {
                continue;
            };
            let at = clamp(c.at);
            if responded.is_none()
                && !matches!(status, IncidentStatus::New | IncidentStatus::Cancelled)
            {
                responded = Some(at);
            }
            moves.push((at, status));
            if status.is_terminal() {
                break;
            }
        }
        let stop = moves.last().filter(|m| m.1.is_terminal()).map(|m| m.0);
        let other = events
            .iter()
            .filter(|e| e.at <= now && stop.is_none_or(|s| clamp(e.at) <= s))
            .filter(|e| match &e.change {
                Change::Assigned { group, assignee } => group.is_some() || assignee.is_some(),
                Change::PublicComment { .. } => true,
                _ => false,
            })
            .map(|e| clamp(e.at))
            .min();
        let responded = match (responded, other) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Timeline {
            created,
            moves,
            responded,
        }
    }

    /// The terminal move (Closed or Cancelled), if any.
    fn stop(&self) -> Option<(Timestamp, IncidentStatus)> {
        self.moves.last().copied().filter(|m| m.1.is_terminal())
    }

    fn response(&self, target: i64, now: Timestamp) -> SlaClock {
        if let Some(at) = self.responded {
            let elapsed = at.since(self.created).max(0);
            return stopped(target, elapsed, false);
        }
        if let Some((at, _)) = self.stop() {
            return stopped(target, at.since(self.created).max(0), true);
        }
        running(target, now.since(self.created).max(0), now)
    }

    fn resolution(&self, target: Option<i64>, now: Timestamp) -> SlaClock {
        let mut status = IncidentStatus::New;
        let mut since = self.created;
        let mut elapsed = 0i64;
        let counts =
            |s: IncidentStatus| matches!(s, IncidentStatus::New | IncidentStatus::InProgress);
        for &(at, to) in &self.moves {
            if counts(status) {
                elapsed = elapsed.saturating_add(at.since(since).max(0));
            }
            since = at;
            status = to;
        }
        if counts(status) {
            elapsed = elapsed.saturating_add(now.since(since).max(0));
        }
        let Some(target) = target else {
            return SlaClock {
                state: SlaState::NotApplicable,
                target_ms: None,
                elapsed_ms: elapsed,
                due: None,
                remaining_ms: None,
            };
        };
        match status {
            IncidentStatus::New | IncidentStatus::InProgress => running(target, elapsed, now),
            IncidentStatus::OnHold => {
                let mut clock = stopped(target, elapsed, false);
                if clock.state == SlaState::Met {
                    clock.state = SlaState::Paused;
                }
                clock
            }
            IncidentStatus::Resolved | IncidentStatus::Closed => stopped(target, elapsed, false),
            IncidentStatus::Cancelled => stopped(target, elapsed, true),
        }
    }
}

/// A clock that is not running: Met or Breached (`cancelled`: Not applicable or
/// Breached).
fn stopped(target: i64, elapsed: i64, cancelled: bool) -> SlaClock {
    let state = match (elapsed > target, cancelled) {
        (true, _) => SlaState::Breached,
        (false, false) => SlaState::Met,
        (false, true) => SlaState::NotApplicable,
    };
    SlaClock {
        state,
        target_ms: Some(target),
        elapsed_ms: elapsed,
        due: None,
        remaining_ms: Some(target.saturating_sub(elapsed)),
    }
}

/// A running clock at `now`: On track, At risk or Breached, with its due time.
fn running(target: i64, elapsed: i64, now: Timestamp) -> SlaClock {
    let at_risk = i128::from(elapsed) * 100 >= i128::from(target) * i128::from(AT_RISK_PERCENT);
    let state = if elapsed > target {
        SlaState::Breached
    } else if at_risk {
        SlaState::AtRisk
    } else {
        SlaState::OnTrack
    };
    let remaining = target.saturating_sub(elapsed);
    SlaClock {
        state,
        target_ms: Some(target),
        elapsed_ms: elapsed,
        due: Some(now.plus_ms(remaining)),
        remaining_ms: Some(remaining),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod order_tests;
