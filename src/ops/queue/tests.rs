//! Native tests of the queue's row cache over a memory store holding the demo: the
//! first build, incremental updates (edit, create, delete), rebuild on a new SLA
//! policy, and pages that agree with a brute-force reading of the store.

use super::*;
use crate::domain::config::SlaTarget;
use crate::domain::couch::document::NewRevision;
use crate::domain::incident::query::{AssigneeFilter, SlaFilterState, DEFAULT_SORT};
use crate::domain::incident::{IncidentDraft, IncidentStatus};
use crate::ops::demo;
use crate::ops::directory;
use crate::ops::incident;
use crate::ops::incident::actions;
use crate::ops::records::save;
use crate::storage::memory::MemoryStore;
use crate::storage::ListQuery;
use crate::test_util::block_on;

async fn all_incidents(store: &MemoryStore) -> Vec<Incident> {
    let rows = store.list(&ListQuery::all("incident")).await.unwrap();
    rows.iter()
        .filter_map(|r| match decode(r) {
            Ok(Record::Incident(i)) => Some(i),
            _ => None,
        })
        .collect()
}

async fn refreshed(q: &Queue, store: &MemoryStore) {
    let names = directory::load(store).await.unwrap();
    q.refresh(store, &names, super::super::clock::now())
        .await
        .unwrap();
}

#[test]
fn builds_then_follows_edits_creations_and_deletions() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let q = Queue::new();
        refreshed(&q, &store).await;
        let stored = all_incidents(&store).await;
        assert_eq!(q.len(), stored.len());
        assert!(q.len() >= 30);

        // Pages agree with the store, read by brute force.
        let open_p12 = IncidentFilter {
            open_only: true,
            priorities: vec![1, 2],
            ..IncidentFilter::default()
        };
        let page = q.page(&open_p12, (SortKey::Priority, SortDir::Asc), 0, 50);
        let expected = stored
            .iter()
            .filter(|i| i.is_open() && i.priority.number() <= 2)
            .count();
        assert_eq!(page.result.total, expected);
        assert!(expected > 0);
        assert!(page.rows.windows(2).all(|w| w[0].priority <= w[1].priority));
        let unassigned = IncidentFilter {
            assignee: AssigneeFilter::Unassigned,
            ..IncidentFilter::default()
        };
        let page = q.page(&unassigned, DEFAULT_SORT, 0, 500);
        assert_eq!(
            page.result.total,
            stored.iter().filter(|i| i.assignee.is_none()).count()
        );

        // An edit shows up after the next refresh.
        let (incident, rev) = incident::by_reference(&store, stored[0].reference.as_str())
            .await
            .unwrap();
        let mut draft = incident.draft();
        draft.title = "Edited in another tab".into();
        actions::update(&store, incident, rev, draft, "", "Ada")
            .await
            .unwrap();
        refreshed(&q, &store).await;
        let text = IncidentFilter {
            text: "edited in another".into(),
            ..IncidentFilter::default()
        };
        assert_eq!(q.page(&text, DEFAULT_SORT, 0, 10).result.total, 1);
        assert_eq!(q.len(), stored.len());

        // A new incident is added; a deleted one leaves.
        let mut draft = IncidentDraft::blank();
        draft.title = "Brand new outage".into();
        let created = incident::create(&store, draft, "Ada").await.unwrap();
        refreshed(&q, &store).await;
        assert_eq!(q.len(), stored.len() + 1);
        let new_only = IncidentFilter {
            statuses: vec![IncidentStatus::New],
            text: "brand new".into(),
            ..IncidentFilter::default()
        };
        assert_eq!(
            q.page(&new_only, DEFAULT_SORT, 0, 10).rows[0].id,
            created.id
        );
        let doc = store.get(&created.id).await.unwrap().unwrap();
        store
            .put(NewRevision {
                id: created.id.clone(),
                parent: Some(doc.rev),
                deleted: true,
                body: "{}".into(),
            })
            .await
            .unwrap();
        refreshed(&q, &store).await;
        assert_eq!(q.len(), stored.len());
        assert_eq!(q.page(&new_only, DEFAULT_SORT, 0, 10).result.total, 0);
    });
}

#[test]
fn a_new_sla_policy_rebuilds_the_verdicts() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let q = Queue::new();
        refreshed(&q, &store).await;
        let breached = IncidentFilter {
            open_only: true,
            sla: vec![SlaFilterState::Breached],
            ..IncidentFilter::default()
        };
        let open = IncidentFilter {
            open_only: true,
            ..IncidentFilter::default()
        };
        let open_total = q.page(&open, DEFAULT_SORT, 0, 1).result.total;
        let before = q.page(&breached, DEFAULT_SORT, 0, 1).result.total;
        assert!(
            before < open_total,
            "some open demo incidents are within target"
        );

        // One-second targets: every open incident has breached its response or
        // resolution target (or both).
        let mut desk = super::super::records::settings(&store).await.unwrap();
        let stored = store.get(&desk.id).await.unwrap().map(|d| d.rev);
        desk.sla.targets = [SlaTarget {
            response_ms: 1_000,
            resolution_ms: Some(1_000),
        }; 5];
        save(&store, &Record::Settings(desk), stored).await.unwrap();
        refreshed(&q, &store).await;
        assert_eq!(
            q.page(&breached, DEFAULT_SORT, 0, 1).result.total,
            open_total
        );
    });
}

#[test]
fn group_column_sorts_by_group_name() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let q = Queue::new();
        refreshed(&q, &store).await;
        let names = directory::load(&store).await.unwrap();
        let page = q.page(
            &IncidentFilter::default(),
            (SortKey::Group, SortDir::Asc),
            0,
            500,
        );
        let groups: Vec<String> = page
            .rows
            .iter()
            .filter_map(|r| r.assignment_group.as_deref())
            .map(|g| names.name(g).to_lowercase())
            .collect();
        assert!(groups.len() > 5);
        assert!(groups.windows(2).all(|w| w[0] <= w[1]), "{groups:?}");
    });
}

#[test]
fn renaming_a_group_reorders_the_group_column() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let q = Queue::new();
        refreshed(&q, &store).await;
        let by_group = (SortKey::Group, SortDir::Asc);
        let first_group = |q: &Queue| {
            q.page(&IncidentFilter::default(), by_group, 0, 1).rows[0]
                .assignment_group
                .clone()
        };
        let before = first_group(&q).unwrap();
        let dir = directory::load(&store).await.unwrap();
        let mut group = dir.groups.iter().find(|g| g.id == before).unwrap().clone();
        let rev = store.get(&group.id).await.unwrap().map(|d| d.rev);
        group.name = "Zzz last team".into();
        save(&store, &Record::Group(group), rev).await.unwrap();
        refreshed(&q, &store).await;
        assert_ne!(first_group(&q).unwrap(), before);
    });
}

#[test]
fn sync_reads_the_store_only_when_the_revision_moved() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let q = Queue::new();
        let now = super::super::clock::now();
        let names = q.sync(&store, 1, now).await.unwrap();
        assert!(!names.groups.is_empty());
        let held = q.len();
        let mut draft = IncidentDraft::blank();
        draft.title = "Written without telling the page".into();
        incident::create(&store, draft, "Ada").await.unwrap();
        // Same revision: the page was not told, so the rows stay as they were.
        q.sync(&store, 1, now).await.unwrap();
        assert_eq!(q.len(), held);
        // A new revision: the write is picked up.
        q.sync(&store, 2, now).await.unwrap();
        assert_eq!(q.len(), held + 1);
    });
}

#[test]
fn the_first_paint_from_the_store_agrees_with_the_rows() {
    use crate::domain::incident::query::IncidentFilter as F;
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let now = super::super::clock::now();
        let q = Queue::new();
        q.sync(&store, 1, now).await.unwrap();
        let in_progress = F {
            statuses: vec![IncidentStatus::InProgress],
            ..F::default()
        };
        for filter in [F::default(), in_progress] {
            let list = store_servable(&filter, DEFAULT_SORT, 1).expect("servable");
            let early = first_page_from_store(&store, list, 10, now).await.unwrap();
            let rows = q.page(&filter, DEFAULT_SORT, 0, 10);
            assert_eq!(early.result.total, rows.result.total);
            assert_eq!(early.result.counts, rows.result.counts);
            // Same rows in the same order of `updated`; rows updated at the same instant
            // may swap (the store breaks ties by id, the rows by reference).
            let keyed = |p: &QueuePage| {
                let mut v: Vec<_> = p
                    .rows
                    .iter()
                    .map(|r| {
                        (
                            std::cmp::Reverse(r.updated),
                            r.reference.clone(),
                            r.sla.rank(),
                        )
                    })
                    .collect();
                v.sort();
                v
            };
            assert_eq!(keyed(&early), keyed(&rows));
            let updated = |p: &QueuePage| p.rows.iter().map(|r| r.updated).collect::<Vec<_>>();
            assert_eq!(updated(&early), updated(&rows));
        }
        // Views the store's indexes cannot serve wait for the rows.
        let text = F {
            text: "vpn".into(),
            ..F::default()
        };
        assert!(store_servable(&text, DEFAULT_SORT, 1).is_none());
        assert!(store_servable(&F::default(), (SortKey::Priority, SortDir::Asc), 1).is_none());
        assert!(store_servable(&F::default(), DEFAULT_SORT, 2).is_none());
    });
}

/// Writes `id`'s body again with its title a number, so it no longer decodes as an
/// incident (its list fields, such as `updated`, stay readable to the indexes).
async fn damage(store: &MemoryStore, id: &str) {
    let doc = store.get(id).await.unwrap().unwrap();
    let mut body: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    body["title"] = 7.into();
    store
        .put(NewRevision {
            id: id.to_owned(),
            parent: Some(doc.rev),
            deleted: false,
            body: body.to_string(),
        })
        .await
        .unwrap();
}

#[test]
fn an_incident_that_no_longer_decodes_leaves_the_queue() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let q = Queue::new();
        refreshed(&q, &store).await;
        let held = q.len();
        let stored = all_incidents(&store).await;
        let id = stored[0].id.clone();
        damage(&store, &id).await;
        refreshed(&q, &store).await;
        assert_eq!(q.len(), held - 1, "the old row left");
        assert!(q.ids_where(|r| r.id == id).is_empty());
        assert_eq!(
            q.unreadable(),
            vec![id.clone()],
            "and is listed as unreadable"
        );

        // A full build says the same.
        let fresh = Queue::new();
        refreshed(&fresh, &store).await;
        assert_eq!(fresh.len(), held - 1);
        assert_eq!(fresh.unreadable(), vec![id.clone()]);

        // Readable again: back in the queue, off the list. Deleted: off both.
        let (incident, rev) = (
            stored[0].clone(),
            store.get(&id).await.unwrap().unwrap().rev,
        );
        save(&store, &Record::Incident(incident), Some(rev))
            .await
            .unwrap();
        refreshed(&q, &store).await;
        assert_eq!(q.len(), held);
        assert!(q.unreadable().is_empty());
        damage(&store, &id).await;
        refreshed(&q, &store).await;
        assert_eq!(q.unreadable(), vec![id.clone()]);
        let rev = store.get(&id).await.unwrap().unwrap().rev;
        store
            .put(NewRevision {
                id: id.clone(),
                parent: Some(rev),
                deleted: true,
                body: "{}".into(),
            })
            .await
            .unwrap();
        refreshed(&q, &store).await;
        assert_eq!(q.len(), held - 1);
        assert!(q.unreadable().is_empty());
    });
}

#[test]
fn a_damaged_incident_does_not_stop_the_first_paint() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let now = super::super::clock::now();
        let newest = store.list(&ListQuery::all("incident")).await.unwrap()[0]
            .id
            .clone();
        damage(&store, &newest).await;
        let list = store_servable(&IncidentFilter::default(), DEFAULT_SORT, 1).expect("servable");
        let early = first_page_from_store(&store, list, 10, now).await;
        let early = early.unwrap_or_else(|e| panic!("{e}"));
        assert!(!early.rows.is_empty());
        assert!(early.rows.iter().all(|r| r.id != newest));
    });
}
