//! Demo data: loads the deterministic demo scenario (and optionally N generated
//! incidents, for demos at scale and benchmarks) into the store.

use crate::domain::document::NewRevision;
use crate::domain::record::Record;
use crate::storage::{ListFilter, ListQuery, Store, StoreError};

use super::clock;
use super::error::AppError;

/// Documents written per transaction when loading: large enough to be fast, small
/// enough that a huge load shows progress and never holds one giant transaction.
const BATCH: usize = 5_000;

/// Most generated incidents one load may add (a benchmark-sized desk).
pub const MAX_GENERATED: usize = 200_000;

/// Reads a demo request from a URL query string: `?demo` (or `?demo=1`) asks for the
/// demo scenario, `&incidents=N` adds N generated incidents. Returns the extra count.
pub fn requested(query: &str) -> Option<usize> {
    let mut demo = false;
    let mut extra = 0usize;
    for pair in query.trim_start_matches('?').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "demo" => demo = !matches!(v, "0" | "false" | "no"),
            "incidents" => extra = v.parse().unwrap_or(0),
            _ => {}
        }
    }
    demo.then_some(extra.min(MAX_GENERATED))
}

/// Whether the desk holds no records yet (the moment to offer demo data).
pub async fn is_empty<S: Store>(store: &S) -> Result<bool, AppError> {
    for kind in ["incident", "service"] {
        let q = ListQuery {
            kind: kind.into(),
            filter: ListFilter::All,
            limit: 1,
            offset: 0,
        };
        if store.count(&q).await? > 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Loads the demo scenario plus `extra` generated incidents; returns how many records
/// were written. Loading twice is refused whole (the demo ids already exist).
pub async fn load<S: Store>(store: &S, extra: usize) -> Result<usize, AppError> {
    let now = clock::now();
    let mut records = crate::domain::demo::scenario(now);
    let extra = extra.min(MAX_GENERATED);
    if extra > 0 {
        records.extend(
            crate::domain::demo::incidents(extra, 42, now)
                .into_iter()
                .map(Record::Incident),
        );
    }
    let mut revs = Vec::with_capacity(records.len());
    for r in &records {
        let body = r.to_json().map_err(|e| AppError::Corrupt {
            id: r.id().to_string(),
            reason: e.to_string(),
        })?;
        revs.push(NewRevision {
            id: r.id().to_string(),
            parent: None,
            deleted: false,
            body,
        });
    }
    let total = revs.len();
    let mut first = true;
    while !revs.is_empty() {
        let rest = revs.split_off(revs.len().min(BATCH));
        match store.put_batch(std::mem::replace(&mut revs, rest)).await {
            Err(StoreError::Conflict { .. }) if first => {
                return Err(AppError::Store(StoreError::Invalid(
                    "Demo data is already loaded in this desk.".into(),
                )))
            }
            other => {
                other?;
            }
        }
        first = false;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::requested;

    #[test]
    fn demo_requests_are_read_from_the_query() {
        assert_eq!(requested(""), None);
        assert_eq!(requested("?x=1"), None);
        assert_eq!(requested("?demo"), Some(0));
        assert_eq!(requested("?demo=1"), Some(0));
        assert_eq!(requested("?demo=0"), None);
        assert_eq!(requested("?demo=1&incidents=10000"), Some(10_000));
        assert_eq!(requested("?incidents=5&demo"), Some(5));
        assert_eq!(requested("?demo&incidents=lots"), Some(0));
        assert_eq!(
            requested("?demo&incidents=99999999"),
            Some(super::MAX_GENERATED)
        );
    }
}
