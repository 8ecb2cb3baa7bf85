//! The command palette's list as pure data: the actions and which typed words match
//! them, the rows in order (an exact reference or error code first, then matched
//! actions, then records grouped by kind), how the arrow keys move the active row,
//! where each record opens and what the live region says. No Leptos here, so it is
//! tested natively.

use crate::domain::kernel::percent::encode;
use crate::routes::AppRoute;
use crate::search::{DocMeta, Hit, Kind, Results};

/// Something the palette can do besides opening a record.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Action {
    NewIncident,
    GoIncidents,
    GoProblems,
    GoKnownErrors,
    GoReleases,
    GoKnowledge,
    GoPractices,
    GoSettings,
    GoSearch,
    LoadDemo,
}

impl Action {
    /// Every action, in the order the palette lists them.
    pub const ALL: [Action; 10] = [
        Action::NewIncident,
        Action::GoIncidents,
        Action::GoProblems,
        Action::GoKnownErrors,
        Action::GoReleases,
        Action::GoKnowledge,
        Action::GoPractices,
        Action::GoSettings,
        Action::GoSearch,
        Action::LoadDemo,
    ];

    /// What the row says.
    pub fn label(self) -> &'static str {
        match self {
            Action::NewIncident => "New incident",
            Action::GoIncidents => "Go to incidents",
            Action::GoProblems => "Go to problems",
            Action::GoKnownErrors => "Go to known errors",
            Action::GoReleases => "Go to releases",
            Action::GoKnowledge => "Go to knowledge",
            Action::GoPractices => "Go to practices",
            Action::GoSettings => "Go to settings",
            Action::GoSearch => "Go to search with filters",
            Action::LoadDemo => "Load demo data",
        }
    }

    /// Other words people use for it, matched like the label.
    fn synonyms(self) -> &'static str {
        match self {
            Action::NewIncident => "create log report raise ticket",
            Action::GoIncidents => "queue tickets",
            Action::GoProblems => "",
            Action::GoKnownErrors => "kedb workarounds",
            Action::GoReleases => "deployments",
            Action::GoKnowledge => "articles kb",
            Action::GoPractices => "roles policies owners",
            Action::GoSettings => "sla priority matrix escalation configuration",
            Action::GoSearch => "find advanced",
            Action::LoadDemo => "sample example",
        }
    }

    /// Where it goes; `None` for an action that runs in place.
    pub fn route(self) -> Option<AppRoute> {
        Some(match self {
            Action::NewIncident => AppRoute::NewIncident,
            Action::GoIncidents => AppRoute::Incidents,
            Action::GoProblems => AppRoute::Problems,
            Action::GoKnownErrors => AppRoute::KnownErrors,
            Action::GoReleases => AppRoute::Releases,
            Action::GoKnowledge => AppRoute::Articles,
            Action::GoPractices => AppRoute::Practices,
            Action::GoSettings => AppRoute::Settings,
            Action::GoSearch => AppRoute::Search,
            Action::LoadDemo => return None,
        })
    }

    /// True when every typed word starts a word of the label or its synonyms (any
    /// case); an empty query matches every action.
    pub fn matches(self, query: &str) -> bool {
        let words = format!("{} {}", self.label(), self.synonyms()).to_lowercase();
        query
            .to_lowercase()
            .split_whitespace()
            .all(|typed| words.split_whitespace().any(|w| w.starts_with(typed)))
    }
}

/// The actions a query matches, in order; loading demo data only when `demo` (the
/// desk is empty).
pub fn actions_for(query: &str, demo: bool) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| (demo || *a != Action::LoadDemo) && a.matches(query))
        .collect()
}

/// A heading of the list.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Group {
    /// The record whose reference or error code was typed.
    Exact,
    Actions,
    Kind(Kind),
}

impl Group {
    /// The heading shown above its rows.
    pub fn title(self) -> &'static str {
        match self {
            Group::Exact => "Exact match",
            Group::Actions => "Actions",
            Group::Kind(k) => k.plural(),
        }
    }

    /// A stable key for element ids (`exact`, `actions`, `known_error`).
    pub fn key(self) -> &'static str {
        match self {
            Group::Exact => "exact",
            Group::Actions => "actions",
            Group::Kind(k) => k.key(),
        }
    }
}

/// One choice of the list.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Action(Action),
    Record(Hit),
}

/// A group and its rows, each with its position in the whole list.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub group: Group,
    pub rows: Vec<(usize, Row)>,
}

/// The list for a query: exact matches, then matched actions, then the other records
/// grouped by kind in [`Kind::ALL`] order (best first within a kind). With an empty
/// query only the actions.
pub fn sections(query: &str, results: &Results, demo: bool) -> Vec<Section> {
    let mut groups: Vec<(Group, Vec<Row>)> = Vec::new();
    let blank = query.trim().is_empty();
    let (exact, rest): (Vec<&Hit>, Vec<&Hit>) = if blank {
        (Vec::new(), Vec::new())
    } else {
        results.hits.iter().partition(|h| h.exact)
    };
    groups.push((
        Group::Exact,
        exact.into_iter().cloned().map(Row::Record).collect(),
    ));
    groups.push((
        Group::Actions,
        actions_for(query, demo)
            .into_iter()
            .map(Row::Action)
            .collect(),
    ));
    for kind in Kind::ALL {
        let rows = rest
            .iter()
            .filter(|h| h.doc.kind == kind)
            .map(|h| Row::Record((*h).clone()))
            .collect();
        groups.push((Group::Kind(kind), rows));
    }
    let mut at = 0;
    groups
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(group, rows)| Section {
            group,
            rows: rows
                .into_iter()
                .map(|r| {
                    at += 1;
                    (at - 1, r)
                })
                .collect(),
        })
        .collect()
}

/// Number of rows in `sections`.
pub fn row_count(sections: &[Section]) -> usize {
    sections.iter().map(|s| s.rows.len()).sum()
}

/// The row at position `at`.
pub fn row_at(sections: &[Section], at: usize) -> Option<&Row> {
    sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .find(|(i, _)| *i == at)
        .map(|(_, r)| r)
}

/// A key that moves the active row.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Move {
    Down,
    Up,
    First,
    Last,
}

/// The active row after `m` in a list of `len` rows; Down from the last row wraps to
/// the first and Up from the first to the last.
pub fn step(active: Option<usize>, len: usize, m: Move) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (m, active) {
        (Move::First, _) | (Move::Down, None) => 0,
        (Move::Last, _) | (Move::Up, None) => len - 1,
        (Move::Down, Some(a)) if a + 1 >= len => 0,
        (Move::Down, Some(a)) => a + 1,
        (Move::Up, Some(0)) => len - 1,
        (Move::Up, Some(a)) => (a - 1).min(len - 1),
    })
}

/// The page a record opens on.
pub fn record_route(doc: &DocMeta) -> AppRoute {
    let r = doc.reference.clone();
    match doc.kind {
        Kind::Incident => AppRoute::Incident(r),
        Kind::Problem => AppRoute::Problem(r),
        Kind::KnownError => AppRoute::KnownError(r),
        Kind::Article => AppRoute::Article(r),
        Kind::Release => AppRoute::Release(r),
    }
}

/// The search page for these words.
pub fn search_page_href(query: &str) -> String {
    let q = query.trim();
    if q.is_empty() {
        AppRoute::Search.href()
    } else {
        format!("{}?q={}", AppRoute::Search.href(), encode(q))
    }
}

/// "1 result", "12 results".
pub fn count_phrase(n: usize) -> String {
    if n == 1 {
        "1 result".to_owned()
    } else {
        format!("{n} results")
    }
}

/// What the palette's live region says.
pub fn announcement(query: &str, total: usize, building: bool) -> String {
    let q = query.trim();
    if building {
        "Building the search index…".to_owned()
    } else if q.is_empty() {
        "Type to search incidents, problems, known errors, articles and releases, or pick an action.".to_owned()
    } else if total == 0 {
        format!("No records match “{q}”.")
    } else {
        count_phrase(total)
    }
}

#[cfg(test)]
mod tests;
