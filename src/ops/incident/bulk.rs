//! Bulk actions from the queue: apply one action to every selected incident and write
//! them in one transaction, so either every incident changes or none does.

use crate::domain::couch::document::NewRevision;
use crate::domain::couch::record::Record;
use crate::domain::incident::bulk::{apply, BulkAction};
use crate::storage::{Store, StoreError};

use crate::ops::error::AppError;

/// Applies `action` to the incidents with these ids; returns how many changed. Any
/// refusal (an illegal move, a missing reason, a deleted incident) refuses the whole
/// selection and names the incidents; a concurrent edit refuses it as stale.
pub async fn apply_to<S: Store>(
    store: &S,
    ids: &[String],
    action: &BulkAction,
    now: crate::domain::kernel::time::Timestamp,
    by: &str,
) -> Result<usize, AppError> {
    if ids.is_empty() {
        return Err(AppError::Refused("no incident is selected.".into()));
    }
    let mut revs = Vec::with_capacity(ids.len());
    let mut refused = Vec::new();
    for id in ids {
        let doc = match store.get(id).await? {
            Some(d) if !d.deleted => d,
            _ => {
                refused.push(format!("{id} no longer exists"));
                continue;
            }
        };
        let mut incident = match Record::from_json(&doc.body) {
            Ok(Record::Incident(i)) => i,
            _ => {
                refused.push(format!("{id} could not be read"));
                continue;
            }
        };
        if let Err(why) = apply(&mut incident, action, now, by) {
            refused.push(why);
            continue;
        }
        let record = Record::Incident(incident);
        let body = record.to_json().map_err(|e| AppError::Corrupt {
            id: id.clone(),
            reason: e.to_string(),
        })?;
        revs.push(NewRevision {
            id: id.clone(),
            parent: Some(doc.rev),
            deleted: false,
            body,
        });
    }
    if !refused.is_empty() {
        return Err(AppError::Refused(refused.join("; ")));
    }
    let n = revs.len();
    match store.put_batch(revs).await {
        Ok(_) => Ok(n),
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::{Incident, IncidentStatus};
    use crate::ops::demo;
    use crate::ops::incident;
    use crate::storage::memory::MemoryStore;
    use crate::storage::ListQuery;
    use crate::test_util::block_on;

    async fn stored(store: &MemoryStore) -> Vec<Incident> {
        let rows = store.list(&ListQuery::all("incident")).await.unwrap();
        rows.iter()
            .filter_map(|r| match Record::from_json(&r.body) {
                Ok(Record::Incident(i)) => Some(i),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn assigns_all_or_refuses_all() {
        block_on(async {
            let store = MemoryStore::new();
            demo::load(&store, 0).await.unwrap();
            let all = stored(&store).await;
            let open: Vec<String> = all
                .iter()
                .filter(|i| i.is_open())
                .take(3)
                .map(|i| i.id.clone())
                .collect();
            let closed = all
                .iter()
                .find(|i| i.status == IncidentStatus::Closed)
                .map(|i| i.id.clone())
                .unwrap();
            let action = BulkAction::Assign {
                group: Some("group:bulk".into()),
                assignee: None,
            };
            let now = crate::domain::kernel::time::Timestamp(1_900_000_000_000);
            let seq = store.last_seq().await.unwrap();
            let mut with_closed = open.clone();
            with_closed.push(closed);
            let err = apply_to(&store, &with_closed, &action, now, "Ada")
                .await
                .unwrap_err();
            assert!(matches!(err, AppError::Refused(ref m) if m.contains("closed")));
            assert_eq!(store.last_seq().await.unwrap(), seq, "nothing written");

            assert_eq!(
                apply_to(&store, &open, &action, now, "Ada").await.unwrap(),
                3
            );
            let after = stored(&store).await;
            for id in &open {
                let i = after.iter().find(|i| &i.id == id).unwrap();
                assert_eq!(i.assignment_group.as_deref(), Some("group:bulk"));
                assert_eq!(i.updated_by, "Ada");
            }
            let (one, _) = incident::by_reference(
                &store,
                after
                    .iter()
                    .find(|i| i.id == open[0])
                    .unwrap()
                    .reference
                    .as_str(),
            )
            .await
            .unwrap();
            assert_eq!(one.assignment_group.as_deref(), Some("group:bulk"));
        });
    }
}
