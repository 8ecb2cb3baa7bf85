//! CouchDB revisions: the `N-hash` revision id, the revision tree of one document,
//! CouchDB's winner rule, and deterministic revision hashes. Pure Rust, no web types.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use md5::{Digest, Md5};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A revision id, `pos-hash` (e.g. `2-8e1f…`). Ordered by `(pos, hash)`, the order
/// CouchDB uses to pick a winner among leaves of equal standing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rev {
    /// Generation: 1 for the first revision, parent + 1 after that.
    pub pos: u64,
    /// Opaque hash (lowercase hex md5 for revisions made here).
    pub hash: String,
}

/// Why a string is not a revision id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevParseError {
    #[error("revision id \"{0}\" has no '-' between number and hash")]
    MissingDash(String),
    #[error("revision id \"{0}\" does not start with a positive number")]
    BadPos(String),
    #[error("revision id \"{0}\" has an empty hash")]
    EmptyHash(String),
}

impl Rev {
    pub fn new(pos: u64, hash: impl Into<String>) -> Self {
        Self {
            pos,
            hash: hash.into(),
        }
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

impl FromStr for Rev {
    type Err = RevParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (pos, hash) = s
            .split_once('-')
            .ok_or_else(|| RevParseError::MissingDash(s.to_owned()))?;
        let pos: u64 = pos
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| RevParseError::BadPos(s.to_owned()))?;
        if hash.is_empty() {
            return Err(RevParseError::EmptyHash(s.to_owned()));
        }
        Ok(Rev::new(pos, hash))
    }
}

impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a revision cannot be added to a tree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevError {
    #[error("revision {0} is already in the tree")]
    Exists(Rev),
    #[error("parent revision {0} is not in the tree")]
    MissingParent(Rev),
    #[error("revision {child} cannot follow {parent}: numbers must increase by one")]
    BadPos { parent: Rev, child: Rev },
    #[error("revision path is empty or its numbers do not decrease by one")]
    BadPath,
}

/// One revision in a document's tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevNode {
    pub rev: Rev,
    /// None for a root (the first revision, or the oldest one still known).
    pub parent: Option<Rev>,
    /// True when this revision is a deletion (tombstone).
    pub deleted: bool,
}

/// The revision tree of one document, stored flat (insertion order, parents first).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RevTree {
    nodes: Vec<RevNode>,
}

impl RevTree {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn nodes(&self) -> &[RevNode] {
        &self.nodes
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.node(rev).is_some()
    }

    pub fn node(&self, rev: &Rev) -> Option<&RevNode> {
        self.nodes.iter().find(|n| &n.rev == rev)
    }

    /// Revisions that no other revision descends from.
    pub fn leaves(&self) -> Vec<&RevNode> {
        let parents: HashSet<&Rev> = self
            .nodes
            .iter()
            .filter_map(|n| n.parent.as_ref())
            .collect();
        self.nodes
            .iter()
            .filter(|n| !parents.contains(&n.rev))
            .collect()
    }

    /// CouchDB's winner: non-deleted leaves first, then highest pos, then highest hash.
    pub fn winner(&self) -> Option<Rev> {
        self.leaves()
            .into_iter()
            .max_by(|a, b| winner_key(a).cmp(&winner_key(b)))
            .map(|n| n.rev.clone())
    }

    /// True when the winning leaf is a deletion (the whole document reads as deleted).
    pub fn is_deleted_winner(&self) -> bool {
        self.winner()
            .and_then(|w| self.node(&w).map(|n| n.deleted))
            .unwrap_or(false)
    }

    /// Non-deleted leaves other than the winner, highest first.
    pub fn conflicts(&self) -> Vec<Rev> {
        let winner = self.winner();
        let mut out: Vec<Rev> = self
            .leaves()
            .into_iter()
            .filter(|n| !n.deleted && Some(&n.rev) != winner.as_ref())
            .map(|n| n.rev.clone())
            .collect();
        out.sort_by(|a, b| b.cmp(a));
        out
    }

    /// Adds `rev` as a child of `parent` (or as a new root when `parent` is None).
    pub fn add_child(
        &mut self,
        parent: Option<&Rev>,
        rev: Rev,
        deleted: bool,
    ) -> Result<(), RevError> {
        if self.contains(&rev) {
            return Err(RevError::Exists(rev));
        }
        if let Some(p) = parent {
            if !self.contains(p) {
                return Err(RevError::MissingParent(p.clone()));
            }
            if p.pos.checked_add(1) != Some(rev.pos) {
                return Err(RevError::BadPos {
                    parent: p.clone(),
                    child: rev,
                });
            }
        }
        self.nodes.push(RevNode {
            rev,
            parent: parent.cloned(),
            deleted,
        });
        Ok(())
    }

    /// Adds the missing part of an ancestry path (newest first, as CouchDB's
    /// `_revisions`); `deleted_leaf` marks the newest as a deletion. Returns how many
    /// revisions were added (0 when the path was already known: merging is idempotent).
    pub fn merge_path(&mut self, path: &[Rev], deleted_leaf: bool) -> Result<usize, RevError> {
        let newest = path.first().ok_or(RevError::BadPath)?;
        let consecutive = path
            .iter()
            .enumerate()
            .all(|(i, r)| Some(r.pos) == newest.pos.checked_sub(i as u64) && r.pos > 0);
        if !consecutive {
            return Err(RevError::BadPath);
        }
        let mut added = 0;
        // Oldest first so that every parent is in the tree before its child.
        for i in (0..path.len()).rev() {
            let parent = path.get(i + 1);
            let rev = &path[i];
            match self.nodes.iter_mut().find(|n| &n.rev == rev) {
                Some(node) => {
                    // A root we knew only from a shortened history: the path knows more.
                    if node.parent.is_none() {
                        node.parent = parent.cloned();
                    }
                }
                None => {
                    self.nodes.push(RevNode {
                        rev: rev.clone(),
                        parent: parent.cloned(),
                        deleted: i == 0 && deleted_leaf,
                    });
                    added += 1;
                }
            }
        }
        Ok(added)
    }

    /// `rev` and its known ancestors, newest first (empty when `rev` is unknown).
    pub fn ancestry(&self, rev: &Rev) -> Vec<Rev> {
        let mut out = Vec::new();
        let mut cur = self.node(rev);
        while let Some(node) = cur {
            // A tree is acyclic by construction; the bound guards against corrupt data.
            if out.len() > self.nodes.len() {
                break;
            }
            out.push(node.rev.clone());
            cur = node.parent.as_ref().and_then(|p| self.node(p));
        }
        out
    }

    /// The revisions of `revs` this tree does not have, in input order, without repeats.
    pub fn missing(&self, revs: &[Rev]) -> Vec<Rev> {
        let mut seen = HashSet::new();
        revs.iter()
            .filter(|r| !self.contains(r) && seen.insert(*r))
            .cloned()
            .collect()
    }
}

fn winner_key(n: &RevNode) -> (bool, u64, &str) {
    (!n.deleted, n.rev.pos, n.rev.hash.as_str())
}

/// The revision a local edit gets: `pos` one past its parent (1 for a first revision)
/// and a lowercase hex md5 of parent, deletion flag and body, so the same edit made
/// twice yields the same revision (as in CouchDB).
pub fn next_rev(parent: Option<&Rev>, deleted: bool, body: &str) -> Rev {
    let mut h = Md5::new();
    if let Some(p) = parent {
        h.update(p.to_string().as_bytes());
    }
    h.update([0u8, u8::from(deleted), 0u8]);
    h.update(body.as_bytes());
    let digest = h.finalize();
    let mut hash = String::with_capacity(32);
    for b in digest {
        hash.push(char::from(HEX[usize::from(b >> 4)]));
        hash.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    Rev::new(parent.map_or(1, |p| p.pos.saturating_add(1)), hash)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Rev {
        s.parse().unwrap()
    }

    #[test]
    fn rev_parses_displays_and_orders() {
        let a = r("2-abc");
        assert_eq!(a, Rev::new(2, "abc"));
        assert_eq!(a.to_string(), "2-abc");
        assert!(r("10-a") > r("9-z"));
        assert!(r("2-b") > r("2-a"));
        assert!(matches!(
            "abc".parse::<Rev>(),
            Err(RevParseError::MissingDash(_))
        ));
        assert!(matches!(
            "0-a".parse::<Rev>(),
            Err(RevParseError::BadPos(_))
        ));
        assert!(matches!(
            "x-a".parse::<Rev>(),
            Err(RevParseError::BadPos(_))
        ));
        assert!(matches!(
            "1-".parse::<Rev>(),
            Err(RevParseError::EmptyHash(_))
        ));
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"2-abc\"");
        assert_eq!(serde_json::from_str::<Rev>("\"2-abc\"").unwrap(), a);
        assert!(serde_json::from_str::<Rev>("\"nope\"").is_err());
    }

    #[test]
    fn next_rev_is_deterministic() {
        let one = next_rev(None, false, "{}");
        assert_eq!(one.pos, 1);
        assert_eq!(one.hash.len(), 32);
        assert!(one
            .hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(one, next_rev(None, false, "{}"));
        assert_ne!(one, next_rev(None, true, "{}"));
        let two = next_rev(Some(&one), false, "{}");
        assert_eq!(two.pos, 2);
        assert_ne!(two.hash, one.hash);
    }

    #[test]
    fn winner_prefers_live_then_pos_then_hash() {
        let mut t = RevTree::new();
        assert_eq!(t.winner(), None);
        t.add_child(None, r("1-a"), false).unwrap();
        t.add_child(Some(&r("1-a")), r("2-a"), false).unwrap();
        t.add_child(Some(&r("1-a")), r("2-b"), false).unwrap();
        assert_eq!(t.winner(), Some(r("2-b")), "hash breaks the tie");
        assert_eq!(t.conflicts(), vec![r("2-a")], "the losing leaf is kept");
        t.add_child(Some(&r("2-a")), r("3-a"), false).unwrap();
        assert_eq!(t.winner(), Some(r("3-a")), "higher pos wins");
        assert_eq!(t.conflicts(), vec![r("2-b")]);
        t.add_child(Some(&r("3-a")), r("4-d"), true).unwrap();
        assert_eq!(
            t.winner(),
            Some(r("2-b")),
            "a live leaf beats a deleted one"
        );
        assert!(!t.is_deleted_winner());
        assert!(t.conflicts().is_empty());
        t.add_child(Some(&r("2-b")), r("3-x"), true).unwrap();
        assert_eq!(t.winner(), Some(r("4-d")), "all deleted: highest pos");
        assert!(t.is_deleted_winner());
        assert_eq!(t.leaves().len(), 2);
    }

    #[test]
    fn add_child_rejects_bad_input() {
        let mut t = RevTree::new();
        t.add_child(None, r("1-a"), false).unwrap();
        assert_eq!(
            t.add_child(None, r("1-a"), false),
            Err(RevError::Exists(r("1-a")))
        );
        assert_eq!(
            t.add_child(Some(&r("1-z")), r("2-a"), false),
            Err(RevError::MissingParent(r("1-z")))
        );
        assert!(matches!(
            t.add_child(Some(&r("1-a")), r("3-a"), false),
            Err(RevError::BadPos { .. })
        ));
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn merge_path_ancestry_missing() {
        let mut t = RevTree::new();
        let path = [r("3-c"), r("2-b"), r("1-a")];
        assert_eq!(t.merge_path(&path, false), Ok(3));
        assert_eq!(t.merge_path(&path, false), Ok(0), "idempotent");
        assert_eq!(t.len(), 3);
        assert_eq!(t.ancestry(&r("3-c")), path.to_vec());
        assert!(t.ancestry(&r("9-z")).is_empty());
        assert_eq!(t.merge_path(&[r("3-d"), r("2-b")], true), Ok(1));
        assert_eq!(t.winner(), Some(r("3-c")));
        assert_eq!(
            t.missing(&[r("3-d"), r("4-e"), r("1-a"), r("4-e")]),
            vec![r("4-e")]
        );
        assert_eq!(t.merge_path(&[], false), Err(RevError::BadPath));
        assert_eq!(
            t.merge_path(&[r("3-x"), r("1-a")], false),
            Err(RevError::BadPath)
        );
    }

    #[test]
    fn merge_path_links_a_stemmed_root() {
        let mut t = RevTree::new();
        t.merge_path(&[r("3-c"), r("2-b")], false).unwrap();
        t.merge_path(&[r("2-b"), r("1-a")], false).unwrap();
        assert_eq!(t.ancestry(&r("3-c")), vec![r("3-c"), r("2-b"), r("1-a")]);
    }

    #[test]
    fn tree_round_trips_through_json() {
        let mut t = RevTree::new();
        t.merge_path(&[r("2-b"), r("1-a")], true).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<RevTree>(&json).unwrap(), t);
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Random tree: node i > 0 hangs under an earlier node; leaf paths newest first.
    fn leaf_paths(parents: &[usize], hashes: &[u8], deleted: &[bool]) -> Vec<(Vec<Rev>, bool)> {
        let n = parents.len() + 1;
        let parent_of = |i: usize| (i > 0).then(|| parents[i - 1] % i);
        let mut pos = vec![1u64; n];
        for i in 1..n {
            pos[i] = pos[parent_of(i).unwrap_or(0)] + 1;
        }
        let rev = |i: usize| Rev::new(pos[i], format!("{:02x}{i}", hashes[i % hashes.len()]));
        (0..n)
            .filter(|i| (0..n).all(|j| parent_of(j) != Some(*i)))
            .map(|leaf| {
                let mut path = vec![rev(leaf)];
                let mut cur = leaf;
                while let Some(p) = parent_of(cur) {
                    path.push(rev(p));
                    cur = p;
                }
                (path, deleted[leaf % deleted.len()])
            })
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn winner_is_independent_of_insertion_order(
            parents in proptest::collection::vec(0usize..64, 0..12),
            hashes in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..6),
            deleted in proptest::collection::vec(proptest::prelude::any::<bool>(), 1..6),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let paths = leaf_paths(&parents, &hashes, &deleted);
            let mut forward = RevTree::new();
            for (p, d) in &paths {
                forward.merge_path(p, *d).unwrap();
            }
            let mut shuffled = paths.clone();
            // Deterministic shuffle from the seed (a simple LCG is enough here).
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            let mut other = RevTree::new();
            for (p, d) in &shuffled {
                other.merge_path(p, *d).unwrap();
            }
            proptest::prop_assert_eq!(forward.winner(), other.winner());
            proptest::prop_assert_eq!(forward.conflicts(), other.conflicts());
            proptest::prop_assert_eq!(forward.len(), other.len());
        }
    }
}
