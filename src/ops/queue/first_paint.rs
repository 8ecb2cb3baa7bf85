//! The queue's first paint on a first visit: the default and one-status views served
//! straight from IndexedDB's indexes while the in-memory rows are being built.

use crate::domain::couch::record::Record;
use crate::domain::incident::query::{IncidentFilter, IncidentRow, QueryResult, SortDir, SortKey};
use crate::domain::incident::sla::schedule::SlaSchedule;
use crate::domain::incident::sla::sla_status;
use crate::domain::kernel::time::Timestamp;
use crate::storage::{ListFilter, Store};

use super::super::error::AppError;
use super::super::records::{decode, settings};
use super::QueuePage;

/// The store's own list order (newest updated first) can serve the first page of the
/// default view and of a one-status view while the rows are being built: the list
/// filter for that, or `None` when this view needs the rows.
pub fn store_servable(
    filter: &IncidentFilter,
    sort: (SortKey, SortDir),
    page: usize,
) -> Option<ListFilter> {
    use crate::domain::incident::query::DEFAULT_SORT;
    if sort != DEFAULT_SORT || page != 1 {
        return None;
    }
    let rest = IncidentFilter {
        statuses: Vec::new(),
        ..filter.clone()
    };
    if rest != IncidentFilter::default() {
        return None;
    }
    match filter.statuses.as_slice() {
        [] => Some(ListFilter::All),
        [one] => Some(ListFilter::Status(super::super::records::enum_key(one))),
        _ => None,
    }
}

/// The first page of a store-servable view read straight from IndexedDB's indexes:
/// rows, totals and per-status counts, for the first paint before the rows are built.
pub async fn first_page_from_store<S: Store>(
    store: &S,
    filter: ListFilter,
    limit: usize,
    now: Timestamp,
) -> Result<QueuePage, AppError> {
    use crate::domain::incident::IncidentStatus;
    use crate::domain::kernel::lifecycle::Lifecycle;
    use crate::storage::ListQuery;
    let started = super::super::clock::precise_ms();
    let policy = settings(store).await?.sla;
    let q = |filter: ListFilter, limit: u32| ListQuery {
        kind: "incident".into(),
        filter,
        limit,
        offset: 0,
    };
    let docs = store
        .list(&q(filter.clone(), u32::try_from(limit).unwrap_or(u32::MAX)))
        .await?;
    let mut rows = Vec::with_capacity(docs.len());
    for doc in &docs {
        // A damaged incident is left out, as the rows leave it out, rather than failing
        // the whole first paint; the queue lists it as unreadable once built.
        if let Ok(Record::Incident(i)) = decode(doc) {
            let verdict = SlaSchedule::of(&sla_status(&i, &policy, now)).filter_state(now);
            rows.push(IncidentRow::from_incident(&i, verdict, now));
        }
    }
    let mut per_status = [0usize; 6];
    for (k, status) in IncidentStatus::all().iter().enumerate().take(6) {
        let key = super::super::records::enum_key(status);
        per_status[k] = store.count(&q(ListFilter::Status(key), 0)).await? as usize;
    }
    let statuses = IncidentStatus::all();
    let counts = crate::domain::incident::query::StatusCounts::from_fn(|s| {
        statuses
            .iter()
            .position(|x| *x == s)
            .map_or(0, |k| per_status.get(k).copied().unwrap_or(0))
    });
    let total = store.count(&q(filter, 0)).await? as usize;
    Ok(QueuePage {
        result: QueryResult {
            page: (0..rows.len()).collect(),
            total,
            counts,
        },
        rows,
        query_ms: super::super::clock::precise_ms() - started,
    })
}
