//! A saved index reads back as the same index (same snapshot, same answers), and a
//! damaged or foreign saved index is refused rather than half-read.

use super::*;
use crate::domain::demo::scenario;
use crate::domain::kernel::time::Timestamp;
use crate::search::extract::from_record;
use crate::search::{Filter, SearchQuery};

fn demo(index: &mut Index) {
    for r in scenario(Timestamp(1_795_000_000_000)) {
        if let Some(doc) = from_record(&r) {
            index.upsert(&doc);
        }
    }
}

fn answers(index: &Index, text: &str) -> Vec<(String, bool)> {
    let q = SearchQuery {
        text: text.into(),
        filter: Filter::default(),
        limit: 20,
    };
    index
        .search(&q)
        .hits
        .into_iter()
        .map(|h| (h.doc.id, h.exact))
        .collect()
}

#[test]
fn a_saved_index_reads_back_the_same() {
    let mut index = Index::new();
    demo(&mut index);
    // Removals leave free slots and free terms behind; the saved form has neither.
    let first = index
        .snapshot()
        .docs
        .keys()
        .next()
        .cloned()
        .unwrap_or_default();
    index.remove(&first);
    let (back, seq) = Index::load(&index.save(42)).unwrap();
    assert_eq!(seq, 42);
    assert_eq!(back.snapshot(), index.snapshot());
    for q in [
        "printr jam",
        "vpn",
        "SESSION_EXPIRED",
        "zoe angstrom",
        "pay",
    ] {
        assert_eq!(answers(&back, q), answers(&index, q), "{q}");
    }
    // It keeps working as an index: a record removed and added again.
    let mut back = back;
    let some = back
        .snapshot()
        .docs
        .keys()
        .next()
        .cloned()
        .unwrap_or_default();
    back.remove(&some);
    index.remove(&some);
    assert_eq!(back.snapshot(), index.snapshot());
}

#[test]
fn the_portal_index_stays_public_only_when_read_back() {
    let mut index = Index::public();
    demo(&mut index);
    assert!(!index.is_empty());
    let (back, _) = Index::load(&index.save(7)).unwrap();
    assert_eq!(back.snapshot(), index.snapshot());
    assert!(back.snapshot().docs.values().all(|(d, _)| d.public));
}

#[test]
fn an_empty_index_round_trips() {
    let (back, seq) = Index::load(&Index::new().save(0)).unwrap();
    assert!(back.is_empty());
    assert_eq!(seq, 0);
}

#[test]
fn damaged_or_foreign_saved_indexes_are_refused() {
    let mut index = Index::new();
    demo(&mut index);
    let good = index.save(3);
    let mut bad: Vec<String> = vec![
        String::new(),
        "{".into(),
        "null".into(),
        good[..good.len() / 2].to_string(),
        good.replacen("\"v\":1", "\"v\":99", 1),
        good.replacen("\"kind\":\"incident\"", "\"kind\":\"spaceship\"", 1),
        good.replacen("\"status\":\"New\"", "\"status\":\"Imaginary\"", 1),
    ];
    // Postings cut short, padded, or not base64 at all.
    let at = good.find("\"postings\":\"").unwrap() + "\"postings\":\"".len();
    bad.push(format!("{}{}", &good[..at], &good[at + 8..]));
    bad.push(format!("{}AAAAAAAA{}", &good[..at], &good[at..]));
    bad.push(format!("{}!!!!{}", &good[..at], &good[at + 4..]));
    for text in bad {
        assert!(
            Index::load(&text).is_err(),
            "{}",
            &text[..text.len().min(80)]
        );
    }
}

#[test]
fn a_public_index_holding_an_internal_record_is_refused() {
    let mut index = Index::public();
    demo(&mut index);
    let saved = index
        .save(1)
        .replacen("\"public\":true", "\"public\":false", 1);
    assert!(Index::load(&saved).is_err());
}
