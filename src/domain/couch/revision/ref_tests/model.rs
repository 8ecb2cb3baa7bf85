//! The reference the revision-tree properties are checked against, and their random
//! input: CouchDB's rooted paths of nested nodes rebuilt independently of `RevTree`, and
//! a seeded generator of document histories and the paths a replica receives of them.

use crate::domain::couch::revision::{Rev, RevTree};

// ---------- reference: CouchDB's rooted paths of nested nodes ----------

/// A node of a rooted path, as CouchDB and PouchDB keep it: key, value, children.
#[derive(Clone)]
struct RefNode {
    hash: String,
    /// `Some` when the revision itself was received (its deletion flag is known);
    /// `None` for an ancestor known only by id (CouchDB's "missing" revision).
    deleted: Option<bool>,
    children: Vec<RefNode>,
}

/// A tree rooted at `pos`: one element of CouchDB's `rev_tree` list.
#[derive(Clone)]
pub(super) struct RefRoot {
    pos: u64,
    node: RefNode,
}

#[derive(Default)]
pub(super) struct RefTree {
    pub(super) roots: Vec<RefRoot>,
}

/// Merges `other` (same key) into `into`: the received value wins over an id-only one.
fn merge_nodes(into: &mut RefNode, other: RefNode) {
    if into.deleted.is_none() {
        into.deleted = other.deleted;
    }
    for child in other.children {
        match into.children.iter_mut().find(|c| c.hash == child.hash) {
            Some(same) => merge_nodes(same, child),
            None => into.children.push(child),
        }
    }
}

/// The node `depth` generations below `node` whose key is `hash`, if any.
fn find_at<'a>(node: &'a mut RefNode, depth: u64, hash: &str) -> Option<&'a mut RefNode> {
    if depth == 0 {
        return (node.hash == hash).then_some(node);
    }
    let mut below = node.children.iter_mut();
    below.find_map(|c| find_at(c, depth - 1, hash))
}

/// Grafts one tree onto the other when the later root occurs inside the earlier tree.
fn graft(a: &RefRoot, b: &RefRoot) -> Option<RefRoot> {
    let (low, high) = if a.pos <= b.pos { (a, b) } else { (b, a) };
    let (mut low, high) = (low.clone(), high.clone());
    let at = find_at(&mut low.node, high.pos - low.pos, &high.node.hash)?;
    merge_nodes(at, high.node);
    Some(low)
}

impl RefTree {
    /// `path` newest first; a new rooted path is grafted until no two roots overlap.
    pub(super) fn merge_path(&mut self, path: &[Rev], deleted_leaf: bool) {
        let mut node: Option<RefNode> = None;
        for (i, rev) in path.iter().enumerate() {
            node = Some(RefNode {
                hash: rev.hash.clone(),
                deleted: (i == 0).then_some(deleted_leaf),
                children: node.into_iter().collect(),
            });
        }
        let (Some(node), Some(oldest)) = (node, path.last()) else {
            return;
        };
        let pos = oldest.pos;
        let mut tree = RefRoot { pos, node };
        while let Some((i, merged)) =
            (0..self.roots.len()).find_map(|i| graft(&self.roots[i], &tree).map(|m| (i, m)))
        {
            self.roots.remove(i);
            tree = merged;
        }
        self.roots.push(tree);
    }

    /// Every node as (rev, parent, deletion flag when known), by walking the roots.
    pub(super) fn walk(&self) -> Vec<(Rev, Option<Rev>, Option<bool>, bool)> {
        let mut out = Vec::new();
        let mut stack: Vec<(u64, &RefNode, Option<Rev>)> =
            self.roots.iter().map(|r| (r.pos, &r.node, None)).collect();
        while let Some((pos, node, parent)) = stack.pop() {
            let rev = Rev::new(pos, node.hash.clone());
            for c in &node.children {
                stack.push((pos + 1, c, Some(rev.clone())));
            }
            out.push((rev, parent, node.deleted, node.children.is_empty()));
        }
        out
    }

    /// Leaves ranked as PouchDB's `winningRev` does: live first, then pos, then hash
    /// compared as bytes (CouchDB compares binaries), best first.
    pub(super) fn ranked_leaves(&self) -> Vec<(Rev, bool)> {
        let mut leaves: Vec<(Rev, bool)> = (self.walk().into_iter())
            .filter(|n| n.3)
            .map(|(rev, _, deleted, _)| {
                let deleted = deleted.unwrap_or_else(|| panic!("leaf {rev} has no value"));
                (rev, deleted)
            })
            .collect();
        leaves.sort_by(|(a, ad), (b, bd)| {
            (!bd, b.pos, b.hash.as_bytes()).cmp(&(!ad, a.pos, a.hash.as_bytes()))
        });
        leaves
    }

    /// The winner, the conflicts (live losing leaves, best first), and whether the
    /// document reads as deleted (its winner is a deletion).
    pub(super) fn verdict(&self) -> (Option<Rev>, Vec<Rev>, bool) {
        let mut ranked = self.ranked_leaves().into_iter();
        let (winner, deleted) = ranked.next().map_or((None, false), |(w, d)| (Some(w), d));
        (
            winner,
            ranked.filter(|l| !l.1).map(|l| l.0).collect(),
            deleted,
        )
    }

    /// `rev` and its ancestors newest first, found by descending from its root.
    pub(super) fn ancestry(&self, rev: &Rev) -> Vec<Rev> {
        fn down(node: &RefNode, pos: u64, target: &Rev, trail: &mut Vec<Rev>) -> bool {
            trail.push(Rev::new(pos, node.hash.clone()));
            let found = trail.last() == Some(target)
                || (node.children.iter()).any(|c| down(c, pos + 1, target, trail));
            if !found {
                trail.pop();
            }
            found
        }
        let mut trail = Vec::new();
        (self.roots.iter()).any(|r| down(&r.node, r.pos, rev, &mut trail));
        trail.reverse();
        trail
    }
}

// ---------- random revision trees ----------

/// xorshift64*: a fixed seed makes every run check the same trees.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub(super) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Hashes that share prefixes, differ in length and case, or are not ASCII at all.
fn gen_hash(rng: &mut Rng) -> String {
    let pick = |rng: &mut Rng, alphabet: &[&str], max: usize| -> String {
        let len = 1 + rng.below(max);
        (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect()
    };
    match rng.below(10) {
        0..=3 => pick(rng, &["a", "b"], 3),
        4 | 5 => pick(rng, &["0", "7", "9", "a", "f"], 5),
        6 => format!("d41d8cd98f00b204e9800998ecf8{}", pick(rng, &["4", "e"], 4)),
        7 => pick(rng, &["A", "a", "B", "0", "z"], 2),
        8 => pick(rng, &["\u{e9}", "\u{fffd}", "\u{1f600}", "z"], 2),
        _ => format!("{:016x}{:016x}", rng.next(), rng.next()),
    }
}

/// A document's true history and the paths (newest first, leaf deleted?) a replica
/// receives of it: one per leaf, some stemmed, some ending at inner revisions.
pub(super) struct Case {
    pub(super) revs: Vec<Rev>,
    pub(super) paths: Vec<(Vec<Rev>, bool)>,
}

pub(super) fn gen_case(rng: &mut Rng) -> Case {
    let max = if rng.chance(10) { 60 } else { 18 };
    let size = 1 + rng.below(max);
    let roots = if rng.chance(15) { 2 + rng.below(2) } else { 1 };
    let bushy = rng.chance(30);
    let delete_percent = [0, 20, 50][rng.below(3)];
    let mut revs: Vec<Rev> = Vec::new();
    let mut parent: Vec<Option<usize>> = Vec::new();
    let mut deleted: Vec<bool> = Vec::new();
    for i in 0..size.max(roots) {
        let up = match i {
            _ if i < roots => None,
            _ if bushy => Some(rng.below(i.min(3))),
            _ if rng.chance(50) => Some(i - 1),
            _ => Some(rng.below(i)),
        };
        let first_pos = if rng.chance(10) { 1 + rng.below(40) } else { 1 } as u64;
        let pos = up.map_or(first_pos, |p| revs[p].pos + 1);
        let mut rev = Rev::new(pos, gen_hash(rng));
        while revs.contains(&rev) {
            rev.hash.push_str(&gen_hash(rng));
        }
        revs.push(rev);
        parent.push(up);
        deleted.push(rng.chance(delete_percent));
    }
    let is_leaf = |i: usize| !parent.contains(&Some(i));
    if rng.chance(10) {
        // A document deleted on every branch.
        for (i, d) in deleted.iter_mut().enumerate() {
            *d = *d || is_leaf(i);
        }
    }
    let mut paths = Vec::new();
    for i in 0..revs.len() {
        if !is_leaf(i) && !rng.chance(15) {
            continue;
        }
        let mut path = vec![revs[i].clone()];
        let mut cur = i;
        while let Some(p) = parent[cur] {
            path.push(revs[p].clone());
            cur = p;
        }
        if rng.chance(30) {
            path.truncate(1 + rng.below(path.len()));
        }
        paths.push((path, deleted[i]));
    }
    rng.shuffle(&mut paths);
    Case { revs, paths }
}

pub(super) fn build(paths: &[(Vec<Rev>, bool)]) -> RevTree {
    let mut t = RevTree::new();
    for (p, d) in paths {
        t.merge_path(p, *d).unwrap();
    }
    t
}

pub(super) fn reference_of(paths: &[(Vec<Rev>, bool)]) -> RefTree {
    let mut reference = RefTree::default();
    for (p, d) in paths {
        reference.merge_path(p, *d);
    }
    reference
}
