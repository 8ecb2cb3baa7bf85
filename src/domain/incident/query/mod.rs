//! The incident queue's query model: compact summary rows, the filter, sorting, paging
//! and per-status counts, computed in one pass so the first page of 100k rows is cheap.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::domain::incident::{Environment, Incident, IncidentStatus};
use crate::domain::kernel::time::Timestamp;

mod counts;
mod matching;
mod order;
mod rank;
mod url;
mod views;

use counts::PackedCounts;
use matching::Matcher;
#[cfg(test)]
use order::compare;
use order::{Keys, TopK};

pub use counts::StatusCounts;
pub use matching::{fold, grams, ref_grams};
pub use rank::{rank_by_name, Ranking, RANK_ASSIGNEE, RANK_GROUP, RANK_RELEASE, RANK_SERVICE};
pub use url::{parse_query, parse_query_for};
pub use views::{bulk_allowed, saved_views, SavedView};

/// The SLA state a row is filtered and sorted on, computed by the caller (the SLA
/// module owns the clock rules; this module only needs the verdict).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaFilterState {
    /// Within target with room to spare.
    #[default]
    OnTrack,
    /// Close to a target.
    AtRisk,
    /// A target has passed.
    Breached,
}

impl SlaFilterState {
    /// Every state, in display order.
    pub const ALL: [SlaFilterState; 3] = [Self::OnTrack, Self::AtRisk, Self::Breached];

    /// Sort rank: most urgent first (Breached 0, At risk 1, On track 2), so that an
    /// ascending SLA sort lists breaches first, like an ascending priority sort.
    pub fn rank(self) -> u8 {
        match self {
            Self::Breached => 0,
            Self::AtRisk => 1,
            Self::OnTrack => 2,
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTrack => "On track",
            Self::AtRisk => "At risk",
            Self::Breached => "Breached",
        }
    }

    /// Index into [`Self::ALL`], used for bit masks.
    #[inline(always)]
    fn index(self) -> u32 {
        self as u32
    }
}

/// One incident as the queue needs it: no history, no description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentRow {
    /// Document id.
    pub id: String,
    /// Human reference (`INC-…`), upper case.
    pub reference: String,
    /// Short summary as written.
    pub title: String,
    /// The title passed through [`fold`], for text search and title sorting.
    pub title_lower: String,
    /// Priority number 1 (critical) to 5.
    pub priority: u8,
    /// Lifecycle status.
    pub status: IncidentStatus,
    /// Assignment group id.
    pub assignment_group: Option<String>,
    /// Assignee (person) id.
    pub assignee: Option<String>,
    /// Affected service id.
    pub service: Option<String>,
    /// Environment found in.
    pub environment: Environment,
    /// Release id.
    pub release: Option<String>,
    /// Linked known error id.
    pub known_error: Option<String>,
    /// The category folded ([`fold`]) and trimmed, for the category filter.
    pub category: String,
    /// Declared a major incident.
    pub major: bool,
    /// SLA verdict at the time the row was built.
    pub sla: SlaFilterState,
    /// When created.
    pub created: Timestamp,
    /// Last change.
    pub updated: Timestamp,
    /// Sort positions of the group, assignee, service and release ids by name, set by
    /// [`rank_by_name`]; equal ranks mean equal ids. All 0 (unranked) sorts by id.
    pub ranks: [u32; 4],
    /// Sort key of `title_lower` (its first 15 bytes and length); 0 = not computed.
    pub title_key: u128,
    /// Tie-break key of the reference (its first 16 bytes); 0 = not computed.
    pub ref_key: u128,
    /// Byte-pair signature of `title_lower` ([`grams`]), so most rows fail a text
    /// filter without their strings being read; 0 = not computed.
    pub grams: u128,
    /// Byte-pair signature of the reference ([`ref_grams`]); 0 = not computed.
    pub ref_grams: u64,
}

impl IncidentRow {
    /// The summary row of `incident`. Timestamps from a device whose clock ran ahead
    /// are clamped to `now`, so no age is negative and a skewed record cannot pin itself
    /// to the top of the "recently updated" view.
    pub fn from_incident(incident: &Incident, sla: SlaFilterState, now: Timestamp) -> IncidentRow {
        let title_lower = fold(&incident.title);
        IncidentRow {
            id: incident.id.clone(),
            reference: incident.reference.as_str().to_owned(),
            title: incident.title.clone(),
            grams: grams(title_lower.as_bytes()),
            title_key: order::prefix(&title_lower).0,
            ref_key: order::reference_key(incident.reference.as_str()),
            ref_grams: ref_grams(incident.reference.as_str().as_bytes()),
            title_lower,
            priority: incident.priority.number(),
            status: incident.status,
            assignment_group: incident.assignment_group.clone(),
            assignee: incident.assignee.clone(),
            service: incident.service.clone(),
            environment: incident.environment,
            release: incident.release.clone(),
            known_error: incident.known_error.clone(),
            category: fold(incident.category.trim()),
            major: incident.major.is_some(),
            sla,
            created: incident.created.min(now),
            updated: incident.updated.min(now),
            ranks: [0; 4],
        }
    }
}

/// Whose incidents to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssigneeFilter {
    /// Anyone or no one.
    #[default]
    Any,
    /// The signed-in person (their id); written to the URL as `me`, so a shared link
    /// means "mine" for whoever opens it.
    Me(String),
    /// No assignee.
    Unassigned,
    /// A named person (their id).
    Person(String),
}

/// What the queue shows. `Default` shows everything; each field narrows it, and all
/// fields must hold at once. An empty list means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentFilter {
    /// Statuses to show (empty = any).
    pub statuses: Vec<IncidentStatus>,
    /// Shorthand for New, In progress and On hold; combines with `statuses`.
    pub open_only: bool,
    /// Priority numbers 1–5 to show (empty = any).
    pub priorities: Vec<u8>,
    /// Assignment group id.
    pub group: Option<String>,
    /// Whose incidents.
    pub assignee: AssigneeFilter,
    /// Affected service id.
    pub service: Option<String>,
    /// Environment found in.
    pub environment: Option<Environment>,
    /// `Some(true)`: found before production; `Some(false)`: found in production.
    pub pre_production: Option<bool>,
    /// Release id.
    pub release: Option<String>,
    /// Major incidents only (`Some(true)`) or none of them (`Some(false)`).
    pub major: Option<bool>,
    /// SLA states to show (empty = any).
    pub sla: Vec<SlaFilterState>,
    /// Category, matched whole, ignoring case, accents and surrounding spaces.
    pub category: Option<String>,
    /// Created on or after the start of this day (UTC midnight).
    pub created_from: Option<Timestamp>,
    /// Created before the end of this day (UTC midnight of the last day included).
    pub created_until: Option<Timestamp>,
    /// Case- and accent-insensitive substring of the reference or the title.
    pub text: String,
}

/// A column the queue sorts on.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// Reference text.
    Reference,
    /// Title, case- and accent-insensitive.
    Title,
    /// Priority number (ascending = P1 first).
    Priority,
    /// Lifecycle order (New first).
    Status,
    /// Assignment group id (empty last).
    Group,
    /// Assignee id (empty last).
    Assignee,
    /// Service id (empty last).
    Service,
    /// Production first, then the pre-production stages.
    Environment,
    /// Release id (empty last).
    Release,
    /// SLA urgency (ascending = breached first).
    Sla,
    /// Creation time (ascending = oldest first).
    Age,
    /// Last change (the default, descending = most recent first).
    #[default]
    Updated,
}

impl SortKey {
    /// Every sort key, in column order.
    pub const ALL: [SortKey; 12] = [
        SortKey::Reference,
        SortKey::Title,
        SortKey::Priority,
        SortKey::Status,
        SortKey::Group,
        SortKey::Assignee,
        SortKey::Service,
        SortKey::Environment,
        SortKey::Release,
        SortKey::Sla,
        SortKey::Age,
        SortKey::Updated,
    ];
}

/// Sort direction.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDir {
    /// Smallest first.
    Asc,
    /// Largest first (the default).
    #[default]
    Desc,
}

impl SortDir {
    /// The other direction.
    pub fn toggled(self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }

    fn apply(self, ord: Ordering) -> Ordering {
        match self {
            SortDir::Asc => ord,
            SortDir::Desc => ord.reverse(),
        }
    }
}

/// The queue's default order: most recently updated first.
pub const DEFAULT_SORT: (SortKey, SortDir) = (SortKey::Updated, SortDir::Desc);

/// One page of a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryResult {
    /// Indexes into the queried rows, in display order.
    pub page: Vec<usize>,
    /// Rows matching the whole filter.
    pub total: usize,
    /// Per-status counts of rows matching every filter except the status one.
    pub counts: StatusCounts,
}

/// Statuses in lifecycle order; the position is the status's index in masks.
const STATUSES: [IncidentStatus; 6] = [
    IncidentStatus::New,
    IncidentStatus::InProgress,
    IncidentStatus::OnHold,
    IncidentStatus::Resolved,
    IncidentStatus::Closed,
    IncidentStatus::Cancelled,
];

/// The statuses `open_only` keeps.
const OPEN: [IncidentStatus; 3] = [
    IncidentStatus::New,
    IncidentStatus::InProgress,
    IncidentStatus::OnHold,
];

/// A status's position in [`STATUSES`] (lifecycle order, which is declaration order:
/// a test holds the two together). A cast, because the scan does this per row.
#[inline(always)]
fn status_index(status: IncidentStatus) -> usize {
    status as usize
}

/// An environment's position in [`Environment::ALL`] (declaration order, tested).
#[inline(always)]
fn env_index(env: Environment) -> u32 {
    env as u32
}

/// One page of `rows` under `filter`, sorted by `sort`: the indexes of rows
/// `offset..offset + limit` of the sorted, filtered list, the filtered total, and the
/// per-status counts ignoring the status filter. One pass filters, counts and keeps the
/// first `offset + limit` matches (streaming selection); only those are sorted.
pub fn query(
    rows: &[IncidentRow],
    filter: &IncidentFilter,
    sort: (SortKey, SortDir),
    offset: usize,
    limit: usize,
) -> QueryResult {
    let matcher = Matcher::new(filter);
    let keys = Keys::new(rows, sort);
    let mut top = TopK::new(&keys, offset.saturating_add(limit), rows.len());
    let mut counts = PackedCounts::default();
    let mut total = 0;
    for (i, row) in rows.iter().enumerate() {
        let flag = matcher.quick(row);
        if flag & 1 != 0 && matcher.rest(row) {
            counts.add(status_index(row.status));
            if flag & 2 != 0 {
                total += 1;
                top.offer(i, row);
            }
        }
    }
    let first = top.into_sorted();
    let page = first.get(offset..).unwrap_or(&[]);
    QueryResult {
        page: page.iter().map(|e| e.idx).collect(),
        total,
        counts: counts.finish(),
    }
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
