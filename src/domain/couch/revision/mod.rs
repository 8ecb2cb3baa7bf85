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
mod tests;

#[cfg(test)]
mod ref_tests;
