//! Ready-made queue views for agents, and the status moves a bulk selection allows.

use super::{
    AssigneeFilter, IncidentFilter, IncidentStatus, SlaFilterState, SortDir, SortKey, DEFAULT_SORT,
};
use crate::domain::kernel::lifecycle::Lifecycle;

/// A named filter and sort offered in the queue's sidebar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedView {
    /// What the view is called.
    pub name: &'static str,
    /// What it shows.
    pub filter: IncidentFilter,
    /// How it is ordered.
    pub sort: (SortKey, SortDir),
}

fn open() -> IncidentFilter {
    IncidentFilter {
        open_only: true,
        ..IncidentFilter::default()
    }
}

/// The built-in views for the person whose id is `me`.
pub fn saved_views(me: &str) -> Vec<SavedView> {
    vec![
        SavedView {
            name: "My open incidents",
            filter: IncidentFilter {
                assignee: AssigneeFilter::Me(me.to_owned()),
                ..open()
            },
            sort: DEFAULT_SORT,
        },
        SavedView {
            name: "Unassigned P1–P2",
            filter: IncidentFilter {
                priorities: vec![1, 2],
                assignee: AssigneeFilter::Unassigned,
                ..open()
            },
            sort: (SortKey::Priority, SortDir::Asc),
        },
        SavedView {
            name: "Breaching soon",
            filter: IncidentFilter {
                sla: vec![SlaFilterState::AtRisk, SlaFilterState::Breached],
                ..open()
            },
            // Ascending SLA = breached first, then at risk.
            sort: (SortKey::Sla, SortDir::Asc),
        },
        SavedView {
            name: "Pre-production incidents",
            filter: IncidentFilter {
                pre_production: Some(true),
                ..IncidentFilter::default()
            },
            sort: DEFAULT_SORT,
        },
        SavedView {
            name: "Major incidents",
            filter: IncidentFilter {
                major: Some(true),
                ..open()
            },
            sort: DEFAULT_SORT,
        },
    ]
}

/// The statuses every incident in a selection with these `statuses` may move to, in
/// lifecycle order (empty for an empty selection or when no move is legal for all).
pub fn bulk_allowed(statuses: &[IncidentStatus]) -> Vec<IncidentStatus> {
    if statuses.is_empty() {
        return Vec::new();
    }
    IncidentStatus::all()
        .iter()
        .copied()
        .filter(|to| statuses.iter().all(|from| from.allowed().contains(to)))
        .collect()
}
