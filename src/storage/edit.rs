//! The pure write rules every store shares: checking a local edit against the current
//! winner, minting its revision, and settling which leaf body wins.

use crate::domain::couch::document::{DocState, LeafBody, NewRevision, RemoteRevision};
use crate::domain::couch::revision::{next_rev, RevTree};

use super::{StoreError, WriteResult};

/// Checks what a write carries before anything is stored.
pub fn validate(rev: &NewRevision) -> Result<(), StoreError> {
    validate_id(&rev.id)?;
    validate_body(&rev.id, &rev.body)
}

fn validate_id(id: &str) -> Result<(), StoreError> {
    if id.is_empty() {
        return Err(StoreError::Invalid("a document needs an id".into()));
    }
    // CouchDB reserves ids starting with '_' (`_design/…`, `_local/…`): keep sync simple.
    if id.starts_with('_') {
        return Err(StoreError::Invalid(format!(
            "document id \"{id}\" must not start with '_'"
        )));
    }
    Ok(())
}

fn validate_body(id: &str, body: &str) -> Result<(), StoreError> {
    if serde_json::from_str::<&serde_json::value::RawValue>(body).is_err() {
        return Err(StoreError::Invalid(format!(
            "the body of \"{id}\" is not JSON"
        )));
    }
    Ok(())
}

/// Applies one local edit to the stored state of its document (None = not stored yet).
///
/// The edit must be made on the current winner (`parent`), or be a create (`parent`
/// None) of a new or deleted document; otherwise it is a [`StoreError::Conflict`].
/// The new revision is `next_rev(parent, deleted, body)`, the previous winner body is
/// dropped (it is an ancestor now) and other leaves keep their bodies.
pub fn apply_local_edit(
    existing: Option<DocState>,
    rev: NewRevision,
    seq: u64,
) -> Result<DocState, StoreError> {
    validate(&rev)?;
    let NewRevision {
        id,
        parent,
        deleted,
        body,
    } = rev;
    let Some(state) = existing else {
        if parent.is_some() {
            return Err(StoreError::Conflict { id });
        }
        if deleted {
            return Err(StoreError::NotFound { id });
        }
        let new = next_rev(None, false, &body);
        let mut tree = RevTree::new();
        tree.add_child(None, new.clone(), false)
            .map_err(|e| corrupt(&id, &e))?;
        return Ok(DocState {
            id,
            rev: new,
            deleted: false,
            body,
            tree,
            others: Vec::new(),
            seq,
        });
    };
    let base = match parent {
        Some(p) if p == state.rev => p,
        // Re-creating a deleted document continues its deleted branch, as CouchDB does.
        None if state.deleted => state.rev.clone(),
        _ => return Err(StoreError::Conflict { id }),
    };
    let new = next_rev(Some(&base), deleted, &body);
    let mut tree = state.tree;
    tree.add_child(Some(&base), new.clone(), deleted)
        .map_err(|e| corrupt(&id, &e))?;
    let mut leaves = state.others;
    leaves.push(LeafBody {
        rev: new,
        deleted,
        body,
    });
    settle(id, tree, leaves, seq)
}

/// Merges a revision from another replica into the stored state of its document.
///
/// The path joins the revision tree (nothing is ever removed: a concurrent edit becomes
/// a conflict leaf), the winner is chosen again by CouchDB's rule. Returns `None` when the
/// revision was already known: merging is idempotent and writes nothing.
pub fn apply_remote(
    existing: Option<DocState>,
    rev: RemoteRevision,
    seq: u64,
) -> Result<Option<DocState>, StoreError> {
    validate_id(&rev.id)?;
    validate_body(&rev.id, &rev.body)?;
    let RemoteRevision {
        id,
        path,
        deleted,
        body,
    } = rev;
    let leaf = path.first().cloned().ok_or_else(|| {
        StoreError::Invalid(format!("a revision of \"{id}\" came without a revision id"))
    })?;
    let (mut tree, mut leaves) = match existing {
        Some(state) => {
            let mut leaves = state.others;
            leaves.push(LeafBody {
                rev: state.rev,
                deleted: state.deleted,
                body: state.body,
            });
            (state.tree, leaves)
        }
        None => (RevTree::new(), Vec::new()),
    };
    let added = tree
        .merge_path(&path, deleted)
        .map_err(|e| StoreError::Invalid(format!("revision history of \"{id}\": {e}")))?;
    if added == 0 {
        return Ok(None);
    }
    leaves.push(LeafBody {
        rev: leaf,
        deleted,
        body,
    });
    settle(id, tree, leaves, seq).map(Some)
}

/// Builds the stored state from a tree and the bodies of its leaves: picks the winner
/// (CouchDB's rule), keeps the other leaves' bodies, drops bodies of non-leaves.
pub fn settle(
    id: String,
    tree: RevTree,
    leaves: Vec<LeafBody>,
    seq: u64,
) -> Result<DocState, StoreError> {
    let winner = tree.winner().ok_or_else(|| StoreError::Corrupt {
        id: id.clone(),
        reason: "empty revision tree".into(),
    })?;
    let leaf_revs: Vec<_> = tree.leaves().into_iter().map(|n| n.rev.clone()).collect();
    let mut winner_body = None;
    let mut others = Vec::new();
    for leaf in leaves {
        if leaf.rev == winner {
            winner_body = Some(leaf);
        } else if leaf_revs.contains(&leaf.rev) {
            others.push(leaf);
        }
    }
    let win = winner_body.ok_or_else(|| StoreError::Corrupt {
        id: id.clone(),
        reason: format!("no body for winning revision {winner}"),
    })?;
    others.sort_by(|a, b| b.rev.cmp(&a.rev));
    Ok(DocState {
        id,
        rev: win.rev,
        deleted: win.deleted,
        body: win.body,
        tree,
        others,
        seq,
    })
}

/// What a write reports for a stored state.
pub fn write_result(state: &DocState) -> WriteResult {
    WriteResult {
        id: state.id.clone(),
        rev: state.rev.clone(),
        seq: state.seq,
    }
}

fn corrupt(id: &str, e: &impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::couch::revision::Rev;

    fn nr(id: &str, parent: Option<&Rev>, deleted: bool, body: &str) -> NewRevision {
        NewRevision {
            id: id.into(),
            parent: parent.cloned(),
            deleted,
            body: body.into(),
        }
    }

    #[test]
    fn create_then_edit_then_delete_then_recreate() {
        let s1 = apply_local_edit(None, nr("a", None, false, "{\"v\":1}"), 1).unwrap();
        assert_eq!(s1.rev.pos, 1);
        assert_eq!(s1.seq, 1);
        let s2 = apply_local_edit(
            Some(s1.clone()),
            nr("a", Some(&s1.rev), false, "{\"v\":2}"),
            2,
        )
        .unwrap();
        assert_eq!(s2.rev.pos, 2);
        assert_eq!(s2.body, "{\"v\":2}");
        assert!(s2.others.is_empty());
        let s3 = apply_local_edit(Some(s2.clone()), nr("a", Some(&s2.rev), true, "{}"), 3).unwrap();
        assert!(s3.deleted);
        assert_eq!(s3.tree.len(), 3);
        let s4 = apply_local_edit(Some(s3.clone()), nr("a", None, false, "{\"v\":4}"), 4).unwrap();
        assert_eq!(s4.rev.pos, 4);
        assert!(!s4.deleted);
    }

    #[test]
    fn stale_parent_and_double_create_conflict() {
        let s1 = apply_local_edit(None, nr("a", None, false, "{}"), 1).unwrap();
        let stale = Rev::new(1, "zzz");
        assert_eq!(
            apply_local_edit(Some(s1.clone()), nr("a", Some(&stale), false, "{}"), 2),
            Err(StoreError::Conflict { id: "a".into() })
        );
        assert_eq!(
            apply_local_edit(Some(s1), nr("a", None, false, "{}"), 2),
            Err(StoreError::Conflict { id: "a".into() })
        );
        assert!(matches!(
            apply_local_edit(None, nr("b", Some(&stale), false, "{}"), 1),
            Err(StoreError::Conflict { .. })
        ));
        assert!(matches!(
            apply_local_edit(None, nr("b", None, true, "{}"), 1),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn invalid_input_is_rejected() {
        for bad in [
            nr("", None, false, "{}"),
            nr("_x", None, false, "{}"),
            nr("a", None, false, "{"),
        ] {
            assert!(matches!(
                apply_local_edit(None, bad, 1),
                Err(StoreError::Invalid(_))
            ));
        }
    }

    #[test]
    fn deleting_the_winner_promotes_a_live_conflict() {
        let mut tree = RevTree::new();
        let (a, b, c) = (Rev::new(1, "a"), Rev::new(2, "b"), Rev::new(2, "c"));
        tree.add_child(None, a.clone(), false).unwrap();
        tree.add_child(Some(&a), b.clone(), false).unwrap();
        tree.add_child(Some(&a), c.clone(), false).unwrap();
        let leaves = vec![
            LeafBody {
                rev: b.clone(),
                deleted: false,
                body: "\"b\"".into(),
            },
            LeafBody {
                rev: c.clone(),
                deleted: false,
                body: "\"c\"".into(),
            },
        ];
        let state = settle("d".into(), tree, leaves, 5).unwrap();
        assert_eq!(state.rev, c);
        assert_eq!(state.others.len(), 1);
        let del = apply_local_edit(Some(state), nr("d", Some(&c), true, "{}"), 6).unwrap();
        assert_eq!(del.rev, b, "the live leaf wins over the new tombstone");
        assert!(!del.deleted);
        assert_eq!(del.body, "\"b\"");
        assert_eq!(del.others.len(), 1);
        assert!(del.others[0].deleted);
    }
}
