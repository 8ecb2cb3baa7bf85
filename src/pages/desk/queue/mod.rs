//! The incident queue's parts: the URL state (filter, sort, page), the filter bar and
//! saved views, the table, bulk actions, keyboard shortcuts and the notice of
//! incidents that could not be read.

pub mod bulk;
pub mod filters;
pub mod keys;
pub mod list;
pub mod table;
pub mod unreadable;

use std::collections::HashMap;

use leptos::prelude::*;

use crate::domain::incident::query::{IncidentFilter, SortDir, SortKey};
use crate::domain::incident::IncidentStatus;
use crate::routes::AppRoute;

/// Rows per page.
pub const PAGE: usize = 50;

/// The queue's state shared by its parts: what the URL says, and what is selected.
#[derive(Clone, Copy)]
pub struct QueueCtx {
    /// Filter and sort, from the URL.
    pub view: Memo<(IncidentFilter, (SortKey, SortDir))>,
    /// 1-based page number, from the URL.
    pub page: Memo<usize>,
    /// Goes to a queue URL (replacing the history entry when the flag is set).
    pub go: Callback<(String, bool)>,
    /// Selected incidents (id → status when selected), across pages.
    pub selected: RwSignal<Vec<(String, IncidentStatus)>>,
    /// The row the keyboard cursor is on (index in the page).
    pub cursor: RwSignal<Option<usize>>,
    /// Ids of the rows on the current page, in order, with their reference.
    pub rows: RwSignal<Vec<(String, String, IncidentStatus)>>,
}

impl QueueCtx {
    /// Applies `change` to the current filter and shows its first page.
    pub fn edit(&self, change: impl FnOnce(&mut IncidentFilter)) {
        let (mut filter, sort) = self.view.get_untracked();
        change(&mut filter);
        self.go.run((queue_href(&filter, sort, 1), true));
    }

    /// Sorts by `key`: the other direction when already sorted by it, else its natural
    /// first direction.
    pub fn sort_by(&self, key: SortKey) {
        let (filter, (current, dir)) = self.view.get_untracked();
        let dir = if current == key {
            dir.toggled()
        } else {
            natural_dir(key)
        };
        self.go.run((queue_href(&filter, (key, dir), 1), false));
    }

    /// Shows page `n` (1-based).
    pub fn show_page(&self, n: usize) {
        let (filter, sort) = self.view.get_untracked();
        self.go.run((queue_href(&filter, sort, n.max(1)), false));
    }

    /// True when the incident with this id is selected.
    pub fn is_selected(&self, id: &str) -> bool {
        // `try_`: a row redrawn just as the page is left must not panic.
        self.selected
            .try_with(|s| s.iter().any(|(i, _)| i == id))
            .unwrap_or(false)
    }

    /// Selects or unselects one incident.
    pub fn toggle(&self, id: &str, status: IncidentStatus) {
        self.selected.update(|s| {
            if let Some(k) = s.iter().position(|(i, _)| i == id) {
                s.remove(k);
            } else {
                s.push((id.to_owned(), status));
            }
        });
    }
}

/// The first direction a column sorts in when its header is clicked: most recent
/// first for "Updated", oldest first for "Age", ascending otherwise (P1 first,
/// breached first, A to Z).
pub fn natural_dir(key: SortKey) -> SortDir {
    match key {
        SortKey::Updated => SortDir::Desc,
        _ => SortDir::Asc,
    }
}

/// The queue URL for a filter, sort and 1-based page.
pub fn queue_href(filter: &IncidentFilter, sort: (SortKey, SortDir), page: usize) -> String {
    let mut qs = filter.to_query(sort);
    if page > 1 {
        if !qs.is_empty() {
            qs.push('&');
        }
        qs.push_str(&format!("page={page}"));
    }
    let base = AppRoute::Incidents.href();
    if qs.is_empty() {
        base
    } else {
        format!("{base}?{qs}")
    }
}

/// The 1-based page number in a query string (`page=3`); 1 when absent or invalid.
pub fn page_of(qs: &str) -> usize {
    qs.trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.strip_prefix("page="))
        .filter_map(|v| v.parse::<usize>().ok())
        .next_back()
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

/// Names of ids, for the table and the pickers.
pub type Names = HashMap<String, String>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::query::{parse_query, DEFAULT_SORT};

    #[test]
    fn hrefs_carry_filter_sort_and_page_and_read_back() {
        let f = IncidentFilter {
            priorities: vec![1, 2],
            text: "vpn".into(),
            ..IncidentFilter::default()
        };
        let href = queue_href(&f, (SortKey::Priority, SortDir::Asc), 3);
        assert_eq!(
            href,
            "/desk/incidents?priority=1,2&sort=priority&dir=asc&q=vpn&page=3"
        );
        let qs = href.split_once('?').map(|(_, q)| q).unwrap_or("");
        assert_eq!(parse_query(qs), (f, (SortKey::Priority, SortDir::Asc)));
        assert_eq!(page_of(qs), 3);
        assert_eq!(
            queue_href(&IncidentFilter::default(), DEFAULT_SORT, 1),
            "/desk/incidents"
        );
        assert_eq!(page_of("?page=0"), 1);
        assert_eq!(page_of("page=x"), 1);
        assert_eq!(page_of(""), 1);
    }
}
