//! Native tests of the agent's home over a memory store holding the demo: each
//! section agrees with a brute-force reading of the stored incidents.

use super::*;
use crate::domain::incident::query::SlaFilterState;
use crate::domain::incident::sla::{sla_status, SlaState};
use crate::domain::incident::Incident;
use crate::ops::clock;
use crate::ops::demo;
use crate::ops::records::settings;
use crate::storage::memory::MemoryStore;
use crate::storage::ListQuery;
use crate::test_util::block_on;

async fn stored(store: &MemoryStore) -> Vec<Incident> {
    let rows = store.list(&ListQuery::all("incident")).await.unwrap();
    rows.iter()
        .filter_map(|r| match decode(r) {
            Ok(Record::Incident(i)) => Some(i),
            _ => None,
        })
        .collect()
}

#[test]
fn sections_match_the_stored_incidents() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let queue = Queue::new();
        let dir = queue.sync(&store, 1, clock::now()).await.unwrap();
        let all = stored(&store).await;
        let policy = settings(&store).await.unwrap().sla;
        let now = clock::now();
        // Someone who belongs to a group and has open incidents of their own.
        let me = dir
            .people
            .iter()
            .find(|p| {
                !p.groups.is_empty()
                    && all
                        .iter()
                        .any(|i| i.is_open() && i.assignee.as_deref() == Some(&p.id))
            })
            .expect("the demo has a busy agent");
        let home = load(&store, &queue, &dir, &me.id).await.unwrap();

        let mine = home.mine.as_ref().unwrap();
        let expected = all
            .iter()
            .filter(|i| i.is_open() && i.assignee.as_deref() == Some(me.id.as_str()))
            .count();
        assert_eq!(mine.total, expected);
        assert_eq!(mine.rows.len(), expected.min(SHOWN));

        assert_eq!(home.my_groups.len(), me.groups.len());
        for (section, group) in home.my_groups.iter().zip(&me.groups) {
            let expected = all
                .iter()
                .filter(|i| {
                    i.is_open()
                        && i.assignee.is_none()
                        && i.assignment_group.as_deref() == Some(group.as_str())
                })
                .count();
            assert_eq!(section.total, expected, "{}", section.title);
            assert!(section.title.ends_with(dir.name(group)));
            assert!(section
                .rows
                .windows(2)
                .all(|w| w[0].priority <= w[1].priority));
        }

        let breaching = all
            .iter()
            .filter(|i| {
                let s = sla_status(i, &policy, now).overall;
                i.is_open() && matches!(s, SlaState::AtRisk | SlaState::Breached)
            })
            .count();
        assert_eq!(home.breaching.total, breaching);
        assert!(home
            .breaching
            .rows
            .iter()
            .all(|r| matches!(r.sla, SlaFilterState::AtRisk | SlaFilterState::Breached)));
        let majors = all
            .iter()
            .filter(|i| i.is_open() && i.major.is_some())
            .count();
        assert_eq!(home.major.total, majors);

        // Recent activity: the most recently changed incidents, newest first, each with
        // its last event.
        assert_eq!(home.recent.len(), RECENT.min(all.len()));
        let mut newest: Vec<&Incident> = all.iter().collect();
        newest.sort_by_key(|i| std::cmp::Reverse(i.updated.min(now)));
        let cutoff = newest[RECENT - 1].updated.min(now);
        for a in &home.recent {
            let i = all.iter().find(|i| i.id == a.row.id).unwrap();
            assert!(i.updated.min(now) >= cutoff);
            let last = i.history.last().unwrap();
            assert_eq!((a.at, a.by.as_str()), (last.at, dir.name(&last.by)));
            assert!(!a.what.is_empty());
        }
        assert!(home
            .recent
            .windows(2)
            .all(|w| w[0].row.updated >= w[1].row.updated));
        assert_eq!(home.held, all.len());

        // No one chosen on this device: no "mine", no groups, the rest as before.
        let anon = load(&store, &queue, &dir, "").await.unwrap();
        assert!(anon.mine.is_none() && anon.my_groups.is_empty());
        assert_eq!(anon.breaching.total, breaching);
    });
}
