//! Tests of revision trees: parsing, the winner rule, conflicts, merging paths.
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
