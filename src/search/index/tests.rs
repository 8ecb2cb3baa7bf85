//! Tests of the index: adding, replacing and removing records, what each field holds,
//! exact-lookup keys, the portal's public-only index, and (property test) that an index
//! kept current record by record equals one rebuilt from scratch.
use super::*;

fn doc(id: &str, title: &str) -> SearchDoc {
    SearchDoc::sample(id, title, true)
}

fn index_of(docs: &[SearchDoc]) -> Index {
    let mut index = Index::new();
    for d in docs {
        index.upsert(d);
    }
    index
}

fn terms_of(index: &Index) -> Vec<String> {
    index.snapshot().postings.into_keys().collect()
}

#[test]
fn an_added_record_is_held_with_what_a_result_shows() {
    let index = index_of(&[doc("incident:1", "Printer jams")]);
    assert_eq!((index.len(), index.is_empty()), (1, false));
    assert!(index.contains("incident:1"));
    let meta = index.get("incident:1").unwrap();
    assert_eq!(
        (meta.title.as_str(), meta.kind),
        ("Printer jams", Kind::Incident)
    );
}

#[test]
fn adding_a_record_again_replaces_its_earlier_version() {
    let mut index = index_of(&[doc("incident:1", "Printer jams")]);
    index.upsert(&doc("incident:1", "Scanner broken"));
    assert_eq!(index.len(), 1);
    assert_eq!(terms_of(&index), ["broken", "scanner"]);
    assert_eq!(index.get("incident:1").unwrap().title, "Scanner broken");
}

#[test]
fn removing_a_record_forgets_its_terms_keys_and_lengths() {
    let mut index = index_of(&[SearchDoc {
        reference: "INC-7K3QF-0042".into(),
        code: Some("ERR-4012".into()),
        body: "The printer jams".into(),
        ..doc("incident:1", "Printer jams")
    }]);
    index.remove("incident:1");
    assert!(index.is_empty());
    assert!(!index.contains("incident:1"));
    assert_eq!(index.term_count(), 0);
    assert_eq!(index.snapshot(), Index::new().snapshot());
}

#[test]
fn removing_a_record_that_is_not_there_changes_nothing() {
    let mut index = index_of(&[doc("incident:1", "Printer jams")]);
    let before = index.snapshot();
    index.remove("incident:2");
    assert_eq!(index.snapshot(), before);
}

#[test]
fn a_reference_is_a_code_not_a_dictionary_term() {
    let index = index_of(&[SearchDoc {
        reference: "INC-7K3QF-0042".into(),
        ..doc("incident:1", "")
    }]);
    // 50k unique references in the dictionary would slow every prefix and typo scan.
    assert!(terms_of(&index).is_empty());
    let codes = index.snapshot().codes;
    let keys: Vec<(&str, bool)> = codes
        .iter()
        .map(|(k, ids)| (k.as_str(), ids.iter().all(|(_, exact)| *exact)))
        .collect();
    // The number alone finds it, but is not an exact hit.
    assert_eq!(
        keys,
        [("42", false), ("7k3qf0042", true), ("inc7k3qf0042", true)]
    );
}

#[test]
fn each_field_counts_its_own_occurrences() {
    let index = index_of(&[SearchDoc {
        reference: "INC-7K3QF-0042".into(),
        code: Some("ERR-4012".into()),
        summary: "Printer offline".into(),
        body: "The printer jams; printer restarted".into(),
        ..doc("incident:1", "Printer")
    }]);
    let snap = index.snapshot();
    assert_eq!(snap.postings["printer"]["incident:1"], [0, 1, 1, 2]);
    assert_eq!(snap.postings["err4012"]["incident:1"], [1, 0, 0, 0]);
    assert!(!snap.postings.contains_key("42"), "the reference is a code");
    // Code: err, 4012, joined.
    assert_eq!(snap.docs["incident:1"].1, [3, 1, 2, 4]);
    assert_eq!(snap.len_sum, [3, 1, 2, 4]);
}

#[test]
fn exact_keys_are_the_reference_with_and_without_its_kind_and_the_error_code() {
    let index = index_of(&[SearchDoc {
        reference: "KE-7K3QF-0042".into(),
        code: Some("ERR-4012".into()),
        ..doc("known_error:1", "")
    }]);
    let exact: Vec<String> = index
        .snapshot()
        .codes
        .into_iter()
        .filter(|(_, ids)| ids.iter().all(|(_, exact)| *exact))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(exact, ["7k3qf0042", "err4012", "ke7k3qf0042"]);
}

#[test]
fn two_records_sharing_a_key_are_both_found_under_it() {
    let mut index = index_of(&[
        SearchDoc {
            code: Some("ERR-4012".into()),
            ..doc("known_error:1", "")
        },
        SearchDoc {
            code: Some("err 4012".into()),
            ..doc("known_error:2", "")
        },
    ]);
    let holders = |index: &Index| {
        let codes = index.snapshot().codes;
        codes
            .get("err4012")
            .map(|ids| ids.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>())
    };
    assert_eq!(holders(&index).unwrap().len(), 2);
    index.remove("known_error:1");
    assert_eq!(holders(&index).unwrap(), ["known_error:2"]);
    index.remove("known_error:2");
    assert_eq!(holders(&index), None);
}

#[test]
fn only_words_of_letters_are_typo_candidates() {
    let index = index_of(&[SearchDoc {
        code: Some("ERR-4012".into()),
        ..doc("known_error:1", "Printer v5 café")
    }]);
    let snap = index.snapshot();
    let candidates: Vec<&str> = snap.by_len.values().flatten().map(String::as_str).collect();
    assert_eq!(candidates, ["err", "cafe", "printer"]);
}

#[test]
fn the_portal_index_refuses_a_record_that_is_not_public() {
    let mut index = Index::public();
    index.upsert(&SearchDoc {
        public: false,
        ..doc("article:1", "Internal runbook")
    });
    assert!(index.is_empty());
    assert!(!index.contains("article:1"));
    assert_eq!(index.term_count(), 0);
}

#[test]
fn the_portal_index_holds_a_public_record() {
    let mut index = Index::public();
    index.upsert(&doc("article:1", "Clear a paper jam"));
    assert!(index.contains("article:1"));
}

#[test]
fn the_portal_index_drops_a_record_that_stops_being_public() {
    let mut index = Index::public();
    index.upsert(&doc("article:1", "Clear a paper jam"));
    index.upsert(&SearchDoc {
        public: false,
        ..doc("article:1", "Clear a paper jam")
    });
    assert!(!index.contains("article:1"));
    assert_eq!(index.snapshot(), Index::public().snapshot());
}

#[test]
fn the_desk_index_keeps_records_that_are_not_public() {
    let index = index_of(&[SearchDoc {
        public: false,
        ..doc("article:1", "Internal runbook")
    }]);
    assert!(index.contains("article:1"));
}

#[test]
fn a_freed_slot_is_reused_without_keeping_anything_of_its_old_record() {
    let (a, b, c) = (
        doc("incident:1", "Printer jams"),
        doc("incident:2", "Scanner offline"),
        doc("incident:3", "Keyboard missing keys"),
    );
    let mut index = index_of(&[a.clone(), b.clone()]);
    index.remove(&a.id);
    index.upsert(&c);
    assert_eq!(index.snapshot(), index_of(&[b, c]).snapshot());
}

#[test]
fn the_memory_estimate_grows_with_the_records_held() {
    let small = index_of(&[doc("incident:0", "Printer jams")]);
    let docs: Vec<SearchDoc> = (0..200)
        .map(|n| {
            doc(
                &format!("incident:{n}"),
                &format!("Printer {n} jams on floor {n}"),
            )
        })
        .collect();
    let large = index_of(&docs);
    assert!(Index::new().heap_bytes() < small.heap_bytes());
    assert!(small.heap_bytes() * 50 < large.heap_bytes());
}

// Host only: proptest does not build for wasm32.
#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use crate::search::{Filter, SearchQuery};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Words that collide on purpose: forms of one stem, prefixes, near misses,
    /// accents, codes, numbers with and without leading zeros.
    const WORDS: &[&str] = &[
        "printer",
        "printers",
        "printing",
        "print",
        "jam",
        "jams",
        "paper",
        "pepper",
        "Café",
        "cafe",
        "keyboard",
        "kexboard",
        "vpn",
        "vpm",
        "Wi-Fi",
        "wifi",
        "ERR-4012",
        "err4012",
        "0042",
        "42",
        "the",
        "Ångström",
    ];
    const REFERENCES: &[&str] = &["INC-7K3QF-0001", "INC-7K3QF-0002", "KE-7K3QF-0001", ""];
    const CODES: &[Option<&str>] = &[None, Some("ERR-4012"), Some("SESSION_EXPIRED")];
    const QUERIES: &[&str] = &[
        "print",
        "printer jam",
        "pritner",
        "kexboard",
        "cafe wifi",
        "ERR-4012",
        "4012",
        "inc-7k3qf-0001",
        "7K3QF0002",
        "session_expired",
        "pepper vpn 42",
        "angstrom",
    ];

    #[derive(Clone, Debug)]
    enum Op {
        Upsert(Box<SearchDoc>),
        Remove(String),
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..6).prop_map(|w| w.join(" "))
    }

    fn search_doc() -> impl Strategy<Value = SearchDoc> {
        let fields = (text(), text(), (text(), "\\PC{0,8}"));
        let meta = (0..4usize, 0..5usize, 0..REFERENCES.len(), 0..CODES.len());
        let flags = (
            any::<bool>(),
            0..3i64,
            prop::sample::select(&["New", "Closed"][..]),
        );
        (fields, meta, flags).prop_map(
            |((title, summary, (body, noise)), (id, kind, r, c), (public, updated, status))| {
                SearchDoc {
                    kind: Kind::ALL[kind],
                    reference: REFERENCES[r].to_owned(),
                    code: CODES[c].map(str::to_owned),
                    summary,
                    body: format!("{body} {noise}"),
                    status,
                    services: vec![format!("service:{}", id % 2)],
                    created: updated,
                    updated,
                    public,
                    ..doc(&format!("record:{id}"), &title)
                }
            },
        )
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => search_doc().prop_map(|d| Op::Upsert(Box::new(d))),
            1 => (0..4usize).prop_map(|id| Op::Remove(format!("record:{id}"))),
        ]
    }

    /// What a person sees of a query's answer: ids, scores and flags, counts.
    fn answer(index: &Index, text: &str, filter: &Filter) -> impl PartialEq + std::fmt::Debug {
        let q = SearchQuery {
            text: text.to_owned(),
            filter: filter.clone(),
            limit: 3,
        };
        let r = index.search(&q);
        let hits: Vec<(String, f32, bool)> = r
            .hits
            .into_iter()
            .map(|h| (h.doc.id, h.score, h.exact))
            .collect();
        (hits, r.total, r.by_kind, r.matched, r.all_words)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn an_index_kept_current_equals_one_rebuilt_from_the_surviving_records(
            ops in prop::collection::vec(op(), 0..24),
            public in any::<bool>(),
        ) {
            let empty = || if public { Index::public() } else { Index::new() };
            let mut kept = empty();
            let mut surviving: BTreeMap<String, SearchDoc> = BTreeMap::new();
            for op in &ops {
                match op {
                    Op::Upsert(d) => {
                        kept.upsert(d);
                        surviving.insert(d.id.clone(), (**d).clone());
                    }
                    Op::Remove(id) => {
                        kept.remove(id);
                        surviving.remove(id);
                    }
                }
            }
            let mut rebuilt = empty();
            for d in surviving.values() {
                rebuilt.upsert(d);
            }
            prop_assert_eq!(kept.snapshot(), rebuilt.snapshot());
            let filters = [
                Filter::default(),
                Filter { public_only: true, ..Filter::default() },
                Filter { kinds: vec![Kind::Incident, Kind::Article], ..Filter::default() },
                Filter { status: Some("New".into()), from: Some(1), ..Filter::default() },
            ];
            for text in QUERIES {
                for filter in &filters {
                    prop_assert_eq!(
                        answer(&kept, text, filter),
                        answer(&rebuilt, text, filter),
                        "query {:?}, filter {:?}", text, filter
                    );
                }
            }
        }
    }
}
