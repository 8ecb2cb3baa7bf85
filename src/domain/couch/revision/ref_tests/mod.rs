//! Revision trees checked against an independent reference of CouchDB's model: random
//! trees built by merging paths, the winner rule, conflicts, ancestry and `missing`
//! (the reference and the generator are in `revision_ref_model.rs`).
use std::collections::BTreeSet;

use super::*;

mod model;

use model::{build, gen_case, reference_of, RefTree, Rng};

/// Random trees per property; checking the winner rule needs at least 10,000 to reach rare tree shapes.
const TREES: usize = 12_000;

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
