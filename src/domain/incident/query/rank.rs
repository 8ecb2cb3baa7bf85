//! Ranking of the queue's optional columns (group, assignee, service, release) by the
//! names people see, so sorting by them follows names, not ids.

use super::{fold, IncidentRow};

/// Which id a rank slot orders.
pub const RANK_GROUP: usize = 0;
/// See [`RANK_GROUP`].
pub const RANK_ASSIGNEE: usize = 1;
/// See [`RANK_GROUP`].
pub const RANK_SERVICE: usize = 2;
/// See [`RANK_GROUP`].
pub const RANK_RELEASE: usize = 3;

/// The id in rank slot `slot` of a row.
fn slot_id(r: &IncidentRow, slot: usize) -> Option<&str> {
    match slot {
        RANK_GROUP => r.assignment_group.as_deref(),
        RANK_ASSIGNEE => r.assignee.as_deref(),
        RANK_SERVICE => r.service.as_deref(),
        _ => r.release.as_deref(),
    }
}

/// The name order of every group, assignee, service and release id seen in a set of
/// rows: what [`IncidentRow::ranks`] hold.
#[derive(Clone, Debug, Default)]
pub struct Ranking([std::collections::HashMap<String, u32>; 4]);

impl Ranking {
    /// Ranks the ids found in `rows` by `name(id)` (case- and accent-insensitive); ids
    /// with the same name are told apart by id, so ranks stay unique.
    pub fn build(rows: &[IncidentRow], name: impl Fn(&str) -> String) -> Ranking {
        let mut out = Ranking::default();
        for (slot, map) in out.0.iter_mut().enumerate() {
            let mut distinct: Vec<&str> = rows.iter().filter_map(|r| slot_id(r, slot)).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let mut keyed: Vec<(String, &str)> = distinct
                .into_iter()
                .map(|id| (fold(&name(id)), id))
                .collect();
            keyed.sort();
            *map = keyed
                .into_iter()
                .enumerate()
                .map(|(k, (_, id))| (id.to_owned(), u32::try_from(k + 1).unwrap_or(u32::MAX)))
                .collect();
        }
        out
    }

    /// Sets `row`'s ranks; false when one of its ids is not ranked yet (the ranking
    /// must then be built again for the order to stay right).
    pub fn apply(&self, row: &mut IncidentRow) -> bool {
        let mut known = true;
        for (slot, map) in self.0.iter().enumerate() {
            row.ranks[slot] = match slot_id(row, slot) {
                None => 0,
                Some(id) => match map.get(id) {
                    Some(&r) => r,
                    None => {
                        known = false;
                        0
                    }
                },
            };
        }
        known
    }
}

/// Sets every row's [`IncidentRow::ranks`] so that sorting by group, assignee, service
/// or release follows the names people see (`name(id)`), not the ids.
pub fn rank_by_name(rows: &mut [IncidentRow], name: impl Fn(&str) -> String) -> Ranking {
    let ranking = Ranking::build(rows, name);
    for row in rows.iter_mut() {
        ranking.apply(row);
    }
    ranking
}
