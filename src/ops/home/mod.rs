//! The agent's home, read from the in-memory queue: my open incidents, the unassigned
//! work of my groups, what is about to breach, the open major incidents, and the latest
//! activity (the last event of the most recently changed incidents).

use crate::domain::couch::record::Record;
use crate::domain::incident::query::{
    saved_views, AssigneeFilter, IncidentFilter, IncidentRow, SortDir, SortKey, DEFAULT_SORT,
};
use crate::domain::kernel::time::Timestamp;
use crate::storage::{DocRow, Store};

use super::directory::Directory;
use super::error::AppError;
use super::queue::Queue;
use super::records::decode;

/// Rows shown per section; the count and a link give the rest.
pub const SHOWN: usize = 5;
/// Incidents shown under "Recent activity".
pub const RECENT: usize = 8;

/// One section of the home page: a queue view, how many it matches, its first rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The section's heading.
    pub title: String,
    /// The queue filter and sort behind "View all".
    pub filter: IncidentFilter,
    /// How the view is sorted.
    pub sort: (SortKey, SortDir),
    /// How many incidents the view matches.
    pub total: usize,
    /// Its first rows.
    pub rows: Vec<IncidentRow>,
}

/// The last thing that happened to a recently changed incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// The incident's row.
    pub row: IncidentRow,
    /// What happened, names resolved (`Status: New → In progress`).
    pub what: String,
    /// Who did it, as a name.
    pub by: String,
    /// When.
    pub at: Timestamp,
}

/// Everything the home page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Home {
    /// My open incidents (empty title when no one is signed in on this device).
    pub mine: Option<Section>,
    /// Unassigned open incidents, one section per group I belong to.
    pub my_groups: Vec<Section>,
    /// Open incidents at risk of breaching or breached.
    pub breaching: Section,
    /// Open major incidents.
    pub major: Section,
    /// The most recently changed incidents and their last event.
    pub recent: Vec<Activity>,
    /// Incidents on the desk in all.
    pub held: usize,
}

fn section(
    queue: &Queue,
    title: String,
    filter: IncidentFilter,
    sort: (SortKey, SortDir),
) -> Section {
    let page = queue.page(&filter, sort, 0, SHOWN);
    Section {
        title,
        total: page.result.total,
        rows: page.rows,
        filter,
        sort,
    }
}

fn view_named(me: &str, name: &str) -> (IncidentFilter, (SortKey, SortDir)) {
    saved_views(me)
        .into_iter()
        .find(|v| v.name == name)
        .map_or((IncidentFilter::default(), DEFAULT_SORT), |v| {
            (v.filter, v.sort)
        })
}

/// Reads the home page for person `me` (empty: no one chosen on this device). The
/// queue must be current ([`Queue::sync`]); only the recent incidents are read whole.
pub async fn load<S: Store>(
    store: &S,
    queue: &Queue,
    dir: &Directory,
    me: &str,
) -> Result<Home, AppError> {
    let mine = (!me.is_empty()).then(|| {
        let (filter, sort) = view_named(me, "My open incidents");
        section(queue, "My open incidents".into(), filter, sort)
    });
    let my_groups = dir
        .people
        .iter()
        .find(|p| p.id == me)
        .map(|p| p.groups.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|group| {
            let title = format!("Unassigned in {}", dir.name(&group));
            let filter = IncidentFilter {
                open_only: true,
                group: Some(group),
                assignee: AssigneeFilter::Unassigned,
                ..IncidentFilter::default()
            };
            section(queue, title, filter, (SortKey::Priority, SortDir::Asc))
        })
        .collect();
    let (filter, sort) = view_named(me, "Breaching soon");
    let breaching = section(queue, "Breaching soon".into(), filter, sort);
    let (filter, sort) = view_named(me, "Major incidents");
    let major = section(queue, "Major incidents".into(), filter, sort);

    let latest = queue.page(
        &IncidentFilter::default(),
        (SortKey::Updated, SortDir::Desc),
        0,
        RECENT,
    );
    let ids: Vec<String> = latest.rows.iter().map(|r| r.id.clone()).collect();
    let docs = store.get_many(&ids).await?;
    let name = |id: &str| dir.name(id).to_owned();
    let recent = latest
        .rows
        .into_iter()
        .zip(docs)
        .filter_map(|(row, doc)| {
            let doc = doc.filter(|d| !d.deleted)?;
            let Ok(Record::Incident(incident)) = decode(&DocRow {
                id: doc.id,
                rev: doc.rev,
                body: doc.body,
            }) else {
                return None;
            };
            let event = incident.history.last()?;
            Some(Activity {
                what: event.change.describe_with(&name).summary,
                by: dir.name(&event.by).to_owned(),
                at: event.at,
                row,
            })
        })
        .collect();
    Ok(Home {
        mine,
        my_groups,
        breaching,
        major,
        recent,
        held: queue.len(),
    })
}

#[cfg(test)]
mod tests;
