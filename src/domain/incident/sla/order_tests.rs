//! Tests that SLA clocks do not depend on the order events were appended in: older
//! events appended last, same-instant changes, every permutation, and shuffles.

use super::tests::{priority_change, status, status_at, with};
use super::*;
use crate::domain::kernel::time::{DAY, HOUR, MINUTE};

#[test]
fn an_older_event_appended_last_counts_at_its_time() {
    // A hold made offline at 1 h syncs in after later events were recorded.
    let i = with(
        Priority::P2,
        vec![
            (5 * MINUTE, status("New", "In progress")),
            (3 * HOUR, status("On hold", "In progress")),
            (HOUR, status("In progress", "On hold")),
        ],
    );
    let s = status_at(&i, 4 * HOUR).resolution;
    assert_eq!((s.state, s.elapsed_ms), (SlaState::OnTrack, 2 * HOUR));
    // An event dated before creation counts as at creation.
    let early = with(Priority::P2, vec![(-HOUR, status("New", "In progress"))]);
    assert_eq!(status_at(&early, HOUR).response.elapsed_ms, 0);
    // Events after `now` are ignored.
    let s = status_at(&i, 30 * MINUTE).resolution;
    assert_eq!((s.state, s.elapsed_ms), (SlaState::OnTrack, 30 * MINUTE));
}

#[test]
fn same_instant_changes_chain_whatever_the_order() {
    let forward = with(
        Priority::P3,
        vec![
            (HOUR, status("New", "Resolved")),
            (HOUR, status("Resolved", "Closed")),
        ],
    );
    let backward = with(
        Priority::P3,
        vec![
            (HOUR, status("Resolved", "Closed")),
            (HOUR, status("New", "Resolved")),
        ],
    );
    let a = status_at(&forward, DAY);
    assert_eq!(a, status_at(&backward, DAY));
    assert_eq!(
        (a.resolution.state, a.resolution.elapsed_ms),
        (SlaState::Met, HOUR)
    );
}

fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for k in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(k);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

#[test]
fn every_order_of_the_same_events_gives_the_same_status() {
    let events = vec![
        (5 * MINUTE, status("New", "In progress")),
        (HOUR, status("In progress", "On hold")),
        (2 * HOUR, status("On hold", "In progress")),
        (90 * MINUTE, priority_change(Priority::P3, Priority::P2)),
        (
            3 * MINUTE,
            Change::Assigned {
                group: Some("group:desk".into()),
                assignee: None,
            },
        ),
        (4 * HOUR, status("In progress", "Resolved")),
    ];
    let reference = status_at(&with(Priority::P2, events.clone()), 5 * HOUR);
    assert_eq!(reference.response.elapsed_ms, 3 * MINUTE);
    assert_eq!(reference.resolution.elapsed_ms, 3 * HOUR);
    assert_eq!(reference.resolution.state, SlaState::Met);
    let all = permutations(&events);
    assert_eq!(all.len(), 720);
    for order in all {
        assert_eq!(status_at(&with(Priority::P2, order), 5 * HOUR), reference);
    }
}

// Host only: proptest does not build for wasm32.
#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::super::tests::{priority_change, status, status_at, with};
    use super::*;
    use proptest::prelude::*;

    const STATUSES: [&str; 6] = [
        "New",
        "In progress",
        "On hold",
        "Resolved",
        "Closed",
        "Cancelled",
    ];

    /// One event from a small code: statuses, priorities, assignment, comments.
    fn change(code: u8, prev: &mut &'static str) -> Change {
        let code = usize::from(code);
        match code {
            0..=5 => {
                let to = STATUSES[code];
                let from = std::mem::replace(prev, to);
                status(from, to)
            }
            6..=9 => priority_change(Priority::ALL[code - 5], Priority::ALL[code - 6]),
            10 => Change::PublicComment { text: "hi".into() },
            11 => Change::Assigned {
                group: Some("group:x".into()),
                assignee: None,
            },
            _ => Change::WorkNote { text: "n".into() },
        }
    }

    /// Events 0–2 h apart in steps of 40 min: many happen at the same instant.
    fn events() -> impl Strategy<Value = Vec<(i64, Change)>> {
        prop::collection::vec((0i64..4, 0u8..13), 0..12).prop_map(|steps| {
            let mut t = 0;
            let mut prev = "New";
            steps
                .into_iter()
                .map(|(gap, code)| {
                    t += gap * 40 * MINUTE;
                    (t, change(code, &mut prev))
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn shuffled_events_give_the_same_status(
            (ordered, shuffled) in events().prop_flat_map(|e| (Just(e.clone()), Just(e).prop_shuffle())),
            now in 0i64..2 * DAY,
            p in 0usize..5,
        ) {
            let p = Priority::ALL[p];
            let a = status_at(&with(p, ordered), now);
            let b = status_at(&with(p, shuffled), now);
            prop_assert_eq!(a, b);
            prop_assert!(a.response.elapsed_ms >= 0 && a.resolution.elapsed_ms >= 0);
            prop_assert!(a.resolution.elapsed_ms <= now);
            prop_assert_eq!(a.overall, a.response.state.worst(a.resolution.state));
        }
    }
}
