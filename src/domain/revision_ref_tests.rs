//! Revision trees checked against an independent reference of CouchDB's model: random
//! trees built by merging paths, the winner rule, conflicts, ancestry and `missing`.
use std::collections::BTreeSet;

use super::*;

/// Random trees per property; the brief of the sync issue asks for at least 10,000.
const TREES: usize = 12_000;

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
struct RefRoot {
    pos: u64,
    node: RefNode,
}

#[derive(Default)]
struct RefTree {
    roots: Vec<RefRoot>,
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
    fn merge_path(&mut self, path: &[Rev], deleted_leaf: bool) {
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
    fn walk(&self) -> Vec<(Rev, Option<Rev>, Option<bool>, bool)> {
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
    fn ranked_leaves(&self) -> Vec<(Rev, bool)> {
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
    fn verdict(&self) -> (Option<Rev>, Vec<Rev>, bool) {
        let mut ranked = self.ranked_leaves().into_iter();
        let (winner, deleted) = ranked.next().map_or((None, false), |(w, d)| (Some(w), d));
        (
            winner,
            ranked.filter(|l| !l.1).map(|l| l.0).collect(),
            deleted,
        )
    }

    /// `rev` and its ancestors newest first, found by descending from its root.
    fn ancestry(&self, rev: &Rev) -> Vec<Rev> {
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
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
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
struct Case {
    revs: Vec<Rev>,
    paths: Vec<(Vec<Rev>, bool)>,
}

fn gen_case(rng: &mut Rng) -> Case {
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

fn build(paths: &[(Vec<Rev>, bool)]) -> RevTree {
    let mut t = RevTree::new();
    for (p, d) in paths {
        t.merge_path(p, *d).unwrap();
    }
    t
}

fn reference_of(paths: &[(Vec<Rev>, bool)]) -> RefTree {
    let mut reference = RefTree::default();
    for (p, d) in paths {
        reference.merge_path(p, *d);
    }
    reference
}

/// Asserts that `tree` is the reference's tree: the same revisions under the same
/// parents, the same leaves, winner, conflicts and deletion, and each leaf's ancestry
/// newest first with consecutive numbers.
fn assert_same(tree: &RevTree, reference: &RefTree, paths: &[(Vec<Rev>, bool)]) {
    let (winner, conflicts, deleted) = reference.verdict();
    assert_eq!(tree.winner(), winner, "paths {paths:?}");
    assert_eq!(tree.conflicts(), conflicts, "paths {paths:?}");
    assert_eq!(tree.is_deleted_winner(), deleted, "paths {paths:?}");
    let edges: BTreeSet<_> = tree.nodes().iter().map(|n| (&n.rev, &n.parent)).collect();
    let ref_nodes = reference.walk();
    assert_eq!(
        edges,
        ref_nodes.iter().map(|n| (&n.0, &n.1)).collect(),
        "paths {paths:?}"
    );
    let leaves: BTreeSet<_> = tree.leaves().iter().map(|n| (&n.rev, n.deleted)).collect();
    let ranked = reference.ranked_leaves();
    assert_eq!(
        leaves,
        ranked.iter().map(|l| (&l.0, l.1)).collect(),
        "paths {paths:?}"
    );
    for (leaf, _) in &ranked {
        let chain = tree.ancestry(leaf);
        assert_eq!(chain, reference.ancestry(leaf), "paths {paths:?}");
        assert_eq!(chain.first(), Some(leaf), "paths {paths:?}");
        for pair in chain.windows(2) {
            assert_eq!(pair[1].pos + 1, pair[0].pos, "ancestry {chain:?}");
        }
    }
}

// ---------- properties ----------

#[test]
fn winner_conflicts_and_deletion_match_the_reference() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // Trees showing each shape: the generator must keep producing them all.
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for _ in 0..TREES {
        let case = gen_case(&mut rng);
        let mut tree = RevTree::new();
        let mut reference = RefTree::default();
        let mut linked = false;
        for (path, del) in &case.paths {
            let before: Vec<RevNode> = tree.nodes().to_vec();
            let known = reference.walk().len();
            let added = tree.merge_path(path, *del).unwrap();
            reference.merge_path(path, *del);
            assert_eq!(added, reference.walk().len() - known, "added by {path:?}");
            let linked_root = |r: &RevNode| r.parent.is_none() && tree.node(&r.rev) != Some(r);
            linked |= before.iter().any(linked_root);
        }
        assert_same(&tree, &reference, &case.paths);
        let (winner, conflicts, _) = reference.verdict();
        let ranked = reference.ranked_leaves();
        let top = winner.map_or(0, |w| ranked.iter().filter(|l| l.0.pos == w.pos).count());
        let (tie, prefix, live_beat) = match ranked.as_slice() {
            [(a, ad), (b, bd), ..] => {
                let tie = ad == bd && a.pos == b.pos;
                let prefix = tie && a.hash.starts_with(b.hash.as_str());
                (tie, prefix, !ad && *bd && b.pos > a.pos)
            }
            _ => (false, false, false),
        };
        let shapes = [
            ("several roots", reference.roots.len() > 1),
            ("every leaf deleted", ranked.iter().all(|l| l.1)),
            ("2+ conflicts", conflicts.len() >= 2),
            ("3+ leaves at the winner's pos", top >= 3),
            ("won on hash", tie),
            ("won on a longer hash with the same prefix", prefix),
            ("a live leaf beat a higher deleted one", live_beat),
            ("a merge linked a stemmed root", linked),
        ];
        seen.resize(shapes.len(), ("", 0));
        for (slot, (name, shape)) in seen.iter_mut().zip(shapes) {
            *slot = (name, slot.1 + usize::from(shape));
        }
    }
    println!("{TREES} trees checked");
    for (name, n) in seen {
        println!("  {n} trees: {name}");
        assert!(n >= TREES / 100, "only {n} trees: {name}");
    }
}

#[test]
fn merging_is_order_independent_and_idempotent() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..TREES {
        let case = gen_case(&mut rng);
        let reference = reference_of(&case.paths);
        let mut reordered = case.paths.clone();
        rng.shuffle(&mut reordered);
        let mut reversed = case.paths.clone();
        reversed.reverse();
        for paths in [&case.paths, &reordered, &reversed] {
            let mut tree = build(paths);
            assert_same(&tree, &reference, paths);
            let before = tree.clone();
            for (path, del) in &reordered {
                assert_eq!(tree.merge_path(path, *del), Ok(0), "{path:?} again");
            }
            assert_eq!(tree, before, "merging known paths again changes nothing");
        }
    }
}

#[test]
fn a_broken_path_is_refused_and_changes_nothing() {
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    for _ in 0..TREES {
        let case = gen_case(&mut rng);
        let mut tree = build(&case.paths);
        let before = tree.clone();
        let mut path = case.paths[rng.below(case.paths.len())].0.clone();
        let n = path.len();
        match rng.below(5) {
            0 if n >= 2 => path.reverse(),
            1 if n >= 2 => {
                let i = rng.below(n);
                path[i].pos += 1 + rng.below(3) as u64;
            }
            2 if n >= 3 => {
                path.remove(1 + rng.below(n - 2));
            }
            // A gap below the oldest, or a generation 0 under a first revision.
            3 => path.push(Rev::new(0, "z")),
            _ => path.clear(),
        }
        let result = tree.merge_path(&path, rng.chance(50));
        assert_eq!(result, Err(RevError::BadPath), "path {path:?}");
        assert_eq!(tree, before, "a refused path {path:?} changed the tree");
    }
}

#[test]
fn missing_answers_like_revs_diff() {
    let mut rng = Rng(0x1405_7b7e_f767_814f);
    let (mut known, mut unknown) = (0, 0);
    for _ in 0..TREES {
        let case = gen_case(&mut rng);
        let tree = build(&case.paths);
        let have: Vec<Rev> = (reference_of(&case.paths).walk().into_iter())
            .map(|n| n.0)
            .collect();
        // Revisions of the true history (some never received), near misses, repeats.
        let mut asked: Vec<Rev> = Vec::new();
        for _ in 0..rng.below(12) {
            let rev = case.revs[rng.below(case.revs.len())].clone();
            asked.push(match rng.below(4) {
                0 => Rev::new(rev.pos + 1, rev.hash),
                1 => Rev::new(rev.pos, format!("{}0", rev.hash)),
                _ => rev,
            });
            if rng.chance(20) {
                asked.push(asked[rng.below(asked.len())].clone());
            }
        }
        let mut expected: Vec<Rev> = Vec::new();
        for rev in &asked {
            if !have.contains(rev) && !expected.contains(rev) {
                expected.push(rev.clone());
            }
        }
        known += asked.len() - expected.len();
        unknown += expected.len();
        assert_eq!(tree.missing(&asked), expected, "asked {asked:?}");
    }
    let asked = format!("{known} known, {unknown} unknown revisions asked");
    assert!(known >= TREES && unknown >= TREES, "{asked}");
}

#[test]
fn a_longer_history_links_a_stemmed_root_to_its_parents() {
    let r = |s: &str| s.parse::<Rev>().unwrap();
    let mut tree = RevTree::new();
    // Known only from a history stemmed to two revisions, plus a sibling branch.
    assert_eq!(tree.merge_path(&[r("5-e"), r("4-d")], false), Ok(2));
    assert_eq!(tree.merge_path(&[r("3-x"), r("2-b")], true), Ok(2));
    assert_eq!(tree.node(&r("4-d")).unwrap().parent, None);
    let full = [r("5-e"), r("4-d"), r("3-c"), r("2-b"), r("1-a")];
    assert_eq!(tree.merge_path(&full, false), Ok(2), "adds 3-c, 1-a");
    assert_eq!(tree.node(&r("4-d")).unwrap().parent, Some(r("3-c")));
    assert_eq!(tree.node(&r("2-b")).unwrap().parent, Some(r("1-a")));
    assert_eq!(tree.ancestry(&r("5-e")), full.to_vec());
    assert_eq!(tree.ancestry(&r("3-x")), vec![r("3-x"), r("2-b"), r("1-a")]);
    assert_eq!(tree.winner(), Some(r("5-e")));
    assert!(tree.conflicts().is_empty(), "the other leaf is deleted");
}
