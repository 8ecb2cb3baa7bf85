//! Demo data: loads the deterministic demo scenario with an escalation procedure per
//! demo service (and optionally N generated incidents, for demos at scale and
//! benchmarks) into the store.

use crate::domain::config::escalation::demo_procedures;
use crate::domain::couch::document::NewRevision;
use crate::domain::couch::record::Record;
use crate::domain::kernel::time::Timestamp;
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
    let mut records = with_procedures(crate::domain::demo::scenario(now), now);
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

/// Adds the demo escalation procedures (one per service in `records`, escalating to
/// the demo groups) to the scenario.
fn with_procedures(mut records: Vec<Record>, now: Timestamp) -> Vec<Record> {
    let mut services = Vec::new();
    let mut groups = Vec::new();
    for r in &records {
        match r {
            Record::Service(s) => services.push(s.clone()),
            Record::Group(g) => groups.push(g.clone()),
            _ => {}
        }
    }
    records.extend(
        demo_procedures(&services, &groups, now)
            .into_iter()
            .map(Record::EscalationProcedure),
    );
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scenario_gets_a_valid_procedure_for_every_service() {
        let records = with_procedures(crate::domain::demo::scenario(Timestamp(0)), Timestamp(0));
        let services: Vec<&str> = records
            .iter()
            .filter(|r| r.kind() == "service")
            .map(|r| r.id())
            .collect();
        let procedures: Vec<_> = records
            .iter()
            .filter_map(|r| match r {
                Record::EscalationProcedure(p) => Some(p),
                _ => None,
            })
            .collect();
        assert!(!services.is_empty());
        assert_eq!(procedures.len(), services.len());
        for p in procedures {
            assert!(services.contains(&p.service.as_str()), "{}", p.service);
            assert_eq!(p.validate(), Ok(()), "{}", p.id);
            assert!(p.levels.iter().any(|l| l.group.is_some()), "{}", p.id);
        }
    }

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
