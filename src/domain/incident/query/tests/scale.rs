//! Tests at scale: thousands of rows through the streaming selection, and the packed
//! per-status counters past a lane's capacity.

use super::*;

/// Enough rows that the streaming selection cuts back several times, with heavy ties
/// (demo titles, groups and people repeat) and a status filter.
#[test]
fn pages_of_many_rows_agree_with_a_full_sort() {
    let now = Timestamp::from_civil(2025, 3, 1, 12, 0);
    let mut rows: Vec<IncidentRow> = crate::domain::demo::incidents(3000, 3, now)
        .iter()
        .enumerate()
        .map(|(i, inc)| IncidentRow::from_incident(inc, SlaFilterState::ALL[i % 3], now))
        .collect();
    // Equal timestamps too, so the reference tie-break runs on every key.
    for r in rows.iter_mut().step_by(3) {
        r.updated = now;
        r.created = now;
    }
    let f = IncidentFilter {
        statuses: vec![New, InProgress, OnHold, Resolved],
        ..IncidentFilter::default()
    };
    for key in ALL_KEYS {
        for dir in [SortDir::Asc, SortDir::Desc] {
            let mut expect: Vec<usize> = (0..rows.len())
                .filter(|&i| query(&rows[i..=i], &f, DEFAULT_SORT, 0, 1).total == 1)
                .collect();
            expect.sort_by(|&a, &b| compare(&rows, key, dir, a, b));
            for (offset, limit) in [
                (0, 50),
                (0, 1),
                (100, 400),
                (450, 60),
                (950, 100),
                (0, 5000),
            ] {
                let r = query(&rows, &f, (key, dir), offset, limit);
                let end = (offset + limit).min(expect.len());
                assert_eq!(r.total, expect.len());
                assert_eq!(
                    r.page,
                    expect[offset.min(end)..end],
                    "{key:?} {dir:?} {offset}"
                );
            }
        }
    }
}

#[test]
fn packed_counts_flush_before_a_lane_overflows() {
    let mut c = PackedCounts::default();
    let n: usize = 2 * (1 << 20) + 7;
    for k in 0..n {
        c.add(if k % 2 == 0 { 5 } else { 0 });
    }
    c.add(3);
    let c = c.finish();
    assert_eq!(c.get(Cancelled), n.div_ceil(2));
    assert_eq!(c.get(New), n / 2);
    assert_eq!(c.get(Resolved), 1);
    assert_eq!(c.all(), n + 1);
}
