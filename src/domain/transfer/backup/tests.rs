//! Tests of the backup format: writing and reading back every leaf, and every refusal
//! of a damaged or hostile file (each says why and where).

use super::*;
use crate::domain::couch::document::LeafBody;
use crate::domain::couch::record::Record;
use crate::domain::couch::revision::{next_rev, RevTree};
use crate::domain::demo;
use crate::domain::transfer::backup::read::{
    check_document, json_depth, BackupReader, DuplicateCheck,
};

const SCHEMA: u32 = 4;

fn incidents(n: usize) -> Vec<Record> {
    demo::incidents(n, 7, Timestamp(1_700_000_000_000))
        .into_iter()
        .map(Record::Incident)
        .collect()
}

/// A document with one revision holding `record`.
pub(crate) fn single(record: &Record) -> DocState {
    let body = record.to_json().unwrap();
    let rev = next_rev(None, false, &body);
    let mut tree = RevTree::new();
    tree.add_child(None, rev.clone(), false).unwrap();
    DocState {
        id: record.id().to_owned(),
        rev,
        deleted: false,
        body,
        tree,
        others: vec![],
        seq: 1,
    }
}

/// A document with a conflict (two live children of 1) and a deleted branch.
fn conflicted(record: &Record) -> DocState {
    let body = record.to_json().unwrap();
    let r1 = next_rev(None, false, &body);
    let a = next_rev(Some(&r1), false, &format!("{body} "));
    let b = next_rev(Some(&r1), false, &format!("{body}  "));
    let d = next_rev(Some(&r1), true, "{}");
    let mut tree = RevTree::new();
    tree.add_child(None, r1.clone(), false).unwrap();
    for (r, del) in [(&a, false), (&b, false), (&d, true)] {
        tree.add_child(Some(&r1), r.clone(), del).unwrap();
    }
    let win = tree.winner().unwrap();
    let mut others: Vec<LeafBody> = [(&a, false), (&b, false), (&d, true)]
        .into_iter()
        .filter(|(r, _)| **r != win)
        .map(|(r, del)| LeafBody {
            rev: r.clone(),
            deleted: del,
            body: if del { "{}".into() } else { body.clone() },
        })
        .collect();
    others.sort_by(|x, y| y.rev.cmp(&x.rev));
    DocState {
        id: record.id().to_owned(),
        rev: win,
        deleted: false,
        body,
        tree,
        others,
        seq: 2,
    }
}

fn header(n: usize) -> Header {
    Header {
        version: VERSION,
        schema: SCHEMA,
        created: Timestamp(1_700_000_000_000),
        document_count: n,
        meta: [("counter:INC".to_owned(), "42".to_owned())].into(),
    }
}

fn backup(docs: &[DocState]) -> String {
    encode_all(&header(docs.len()), docs).unwrap()
}

/// Every document of a file, checked, with duplicate detection.
fn read_all(
    text: &str,
) -> Result<Vec<crate::domain::transfer::backup::read::CheckedDoc>, BackupError> {
    let reader = BackupReader::open(text.as_bytes(), SCHEMA)?;
    let mut dups = DuplicateCheck::default();
    (0..reader.len())
        .map(|i| {
            let d = reader.document(i)?;
            dups.check(&reader, i, &d.id)?;
            Ok(d)
        })
        .collect()
}

fn refusal(text: &str) -> String {
    match read_all(text) {
        Ok(_) => panic!("accepted: {}", &text[..text.len().min(200)]),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_leaf_comes_back_with_its_history() {
    let recs = incidents(3);
    let docs = vec![single(&recs[0]), conflicted(&recs[1]), single(&recs[2])];
    let text = backup(&docs);
    assert!(
        text.lines().count() == docs.len() + 3,
        "one document a line"
    );
    serde_json::from_str::<serde_json::Value>(&text).expect("the whole file is JSON");
    let reader = BackupReader::open(text.as_bytes(), SCHEMA).unwrap();
    assert!(reader.is_line_layout());
    assert_eq!(reader.header, header(3));
    let back = read_all(&text).unwrap();
    for (doc, state) in back.iter().zip(&docs) {
        assert_eq!(doc.id, state.id);
        assert_eq!(doc.revs.len(), 1 + state.others.len());
        assert_eq!(
            doc.revs[0].path,
            state.tree.ancestry(&state.rev),
            "winner first"
        );
        for leaf in &state.others {
            let r = doc.revs.iter().find(|r| r.path[0] == leaf.rev).unwrap();
            assert_eq!(r.path, state.tree.ancestry(&leaf.rev));
            assert_eq!(r.deleted, leaf.deleted);
            assert_eq!(r.body, leaf.body);
        }
        assert_eq!(doc.revs[0].body, state.body);
    }
}

#[test]
fn an_empty_desk_makes_a_valid_backup() {
    let text = backup(&[]);
    serde_json::from_str::<serde_json::Value>(&text).unwrap();
    assert!(read_all(&text).unwrap().is_empty());
}

#[test]
fn a_backup_laid_out_differently_still_reads() {
    let recs = incidents(2);
    let text = backup(&[single(&recs[0]), conflicted(&recs[1])]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    let reader = BackupReader::open(pretty.as_bytes(), SCHEMA).unwrap();
    assert!(!reader.is_line_layout());
    // The same documents, revisions and bodies (whitespace aside).
    let key = |docs: Vec<crate::domain::transfer::backup::read::CheckedDoc>| {
        docs.into_iter()
            .flat_map(|d| d.revs)
            .map(|r| {
                let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
                (r.id, r.path, r.deleted, body)
            })
            .collect::<Vec<_>>()
    };
    let (a, b) = (
        key(read_all(&pretty).unwrap()),
        key(read_all(&text).unwrap()),
    );
    assert_eq!(a.len(), 4);
    assert_eq!(a, b);
    // A UTF-8 byte-order mark is allowed.
    let bom = format!("\u{feff}{text}");
    assert_eq!(read_all(&bom).unwrap().len(), 2);
}

#[test]
fn files_that_are_not_backups_are_refused_with_the_reason() {
    assert!(refusal("").contains("empty"));
    assert!(refusal(" \n\n").contains("empty"));
    assert!(refusal("[1,2]").contains("JSON array"));
    assert!(refusal("id,title,priority\n1,Printer,P2\n").contains("CSV"));
    assert!(refusal("{\"format\": ").contains("not valid JSON"));
    assert!(refusal("{\"version\":1,\"documents\":[]}").contains("no \"format\""));
    let other = "{\"format\":\"other-app\",\"version\":1,\"documents\":[]}";
    assert!(refusal(other).contains("\"other-app\""));
    let e = BackupReader::open(&[0xFF, 0xFE, b'{', 0], SCHEMA).unwrap_err();
    assert!(e.to_string().contains("UTF-16"), "{e}");
    let e = BackupReader::open(&[b'{', 0xC3, 0x28, 0x00, 0xFF], SCHEMA).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}

#[test]
fn newer_versions_are_refused_naming_both() {
    let text = backup(&[]);
    let v2 = text.replace("\"version\":1", "\"version\":2");
    let msg = refusal(&v2);
    assert!(
        msg.contains("version 2") && msg.contains("up to 1"),
        "{msg}"
    );
    let s9 = text.replace("\"schema\":4", "\"schema\":9");
    let msg = refusal(&s9);
    assert!(
        msg.contains("schema 9") && msg.contains("schema 4"),
        "{msg}"
    );
    let older = text.replace("\"schema\":4", "\"schema\":3");
    assert!(read_all(&older).is_ok(), "older schemas read");
}

#[test]
fn header_fields_are_checked() {
    let text = backup(&[]);
    let cases = [
        ("\"version\":1", "\"version\":\"1\"", "\"version\" must be"),
        (
            "\"created\":1700000000000",
            "\"created\":\"today\"",
            "\"created\" must be",
        ),
        (
            "\"counter:INC\":\"42\"",
            "\"sync-settings\":\"{}\"",
            "\"sync-settings\" is not",
        ),
        (
            "\"counter:INC\":\"42\"",
            "\"counter:INC\":\"x\"",
            "whole number",
        ),
        (
            "\"meta\":{",
            "\"password\":\"x\",\"meta\":{",
            "unknown field \"password\"",
        ),
        (
            "\"document_count\":0",
            "\"document_count\":5",
            "says it holds 5",
        ),
    ];
    for (from, to, want) in cases {
        assert!(text.contains(from), "{from}");
        let msg = refusal(&text.replacen(from, to, 1));
        assert!(msg.contains(want), "{to}: {msg}");
    }
}

#[test]
fn a_cut_short_file_is_refused() {
    let recs = incidents(3);
    let text = backup(&[single(&recs[0]), single(&recs[1]), single(&recs[2])]);
    let cut = &text[..text.len() * 2 / 3];
    assert!(refusal(cut).contains("ends early"));
    let lost_line: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains(&recs[1].id().to_string()))
        .collect();
    assert!(refusal(&lost_line.join("\n")).contains("says it holds 3 documents but has 2"));
}

#[test]
fn documents_are_checked_one_by_one_with_their_place() {
    let recs = incidents(2);
    let good = backup(&[single(&recs[0]), single(&recs[1])]);
    let second = good.lines().nth(3).unwrap().to_owned();
    let id = recs[1].id().to_string();
    let title = match &recs[1] {
        Record::Incident(i) => i.title.clone(),
        _ => unreachable!(),
    };
    let uuid = id.trim_start_matches("incident:").to_owned();
    let cases: Vec<(String, &str)> = vec![
        (
            second.replacen(&format!("\"id\":\"{id}\""), "\"id\":5", 1),
            "expected a string",
        ),
        (
            second.replacen("\"leaves\":[", "\"leaves\":\"x\",\"z\":[", 1),
            "invalid type",
        ),
        (
            second.replacen(
                &format!("\"id\":\"{id}\""),
                &format!("\"id\":\"widget:{uuid}\""),
                1,
            ),
            "unknown kind of record \"widget\"",
        ),
        (
            second.replacen(
                &format!("\"id\":\"{id}\""),
                &format!("\"id\":\"incident:{uuid}/../x\""),
                1,
            ),
            "must be <kind>:<uuid>",
        ),
        (
            second.replacen("\"start\":1", "\"start\":0", 1),
            "cannot start at revision 0",
        ),
        (
            second.replacen("\"ids\":[\"", "\"ids\":[\"\",\"", 1),
            "cannot start",
        ),
        (
            second.replacen(
                &format!("\"title\":{}", serde_json::to_string(&title).unwrap()),
                "\"title\":7",
                1,
            ),
            "record does not read",
        ),
        (
            second.replace(&id, recs[0].id()),
            "appears twice (first as document 1)",
        ),
    ];
    for (line, want) in cases {
        assert_ne!(line, second, "the case changes the line ({want})");
        let text = good.replacen(&second, &line, 1);
        let msg = refusal(&text);
        assert!(msg.starts_with("Document 2 (line 4): "), "{msg}");
        assert!(msg.contains(want), "{want}: {msg}");
    }
}

#[test]
fn revision_histories_that_do_not_fit_are_refused() {
    let recs = incidents(1);
    let body = recs[0].to_json().unwrap();
    let id = recs[0].id();
    let doc = |leaves: &str| format!("{{\"id\":\"{id}\",\"leaves\":[{leaves}]}}");
    let leaf =
        |start: u32, ids: &str| format!("{{\"start\":{start},\"ids\":[{ids}],\"body\":{body}}}");
    let ancestor = doc(&format!("{},{}", leaf(2, "\"b\",\"a\""), leaf(1, "\"a\"")));
    assert!(check_document(&ancestor)
        .unwrap_err()
        .contains("another revision descends"));
    let twice = doc(&format!("{},{}", leaf(1, "\"a\""), leaf(1, "\"a\"")));
    assert!(
        check_document(&twice).unwrap_err().contains("descends")
            || check_document(&twice).unwrap_err().contains("twice")
    );
    let disagree = doc(&format!(
        "{},{}",
        leaf(3, "\"c\",\"b\",\"a\""),
        leaf(3, "\"d\",\"b\",\"x\"")
    ));
    assert!(check_document(&disagree).unwrap_err().contains("disagree"));
    assert!(check_document(&doc(""))
        .unwrap_err()
        .contains("1 to 100 leaf"));
    let ok = doc(&format!(
        "{},{}",
        leaf(2, "\"b\",\"a\""),
        leaf(2, "\"c\",\"a\"")
    ));
    assert_eq!(check_document(&ok).unwrap().revs.len(), 2);
}

#[test]
fn huge_and_deep_documents_are_refused_before_parsing() {
    let recs = incidents(1);
    let state = single(&recs[0]);
    let mut big = state.clone();
    big.body = big.body.replacen(
        "\"title\":\"",
        &format!("\"title\":\"{}", "x".repeat(2 << 20)),
        1,
    );
    let msg = refusal(&backup(&[big]));
    assert!(
        msg.contains("2.0 MB") && msg.contains("at most 1.0 MB"),
        "{msg}"
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut nested = state.clone();
    nested.body = nested.body.replacen("{", &format!("{{\"x\":{deep},"), 1);
    let msg = refusal(&backup(&[nested]));
    assert!(msg.contains("nested deeper"), "{msg}");
    // The same nesting in a file of another layout.
    let whole = format!("{{\"format\":\"{FORMAT}\",\"documents\":{deep}}}");
    assert!(refusal(&whole).contains("nested deeper"));
    assert_eq!(json_depth("{\"a\":\"[[[\",\"b\":[{}]}"), 3);
}

/// A record body nested exactly `depth` levels deep (the body object is level 1).
fn body_nested(state: &DocState, depth: usize) -> DocState {
    let arrays = depth - 1;
    let mut nested = state.clone();
    nested.body = nested.body.replacen(
        "{",
        &format!("{{\"x\":{}{},", "[".repeat(arrays), "]".repeat(arrays)),
        1,
    );
    nested
}

/// The same backup, pretty-printed: not one document per line.
fn pretty(text: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn bodies_nested_64_levels_restore_and_65_are_refused_in_either_layout() {
    let recs = incidents(1);
    let state = single(&recs[0]);
    let at_limit = backup(&[body_nested(&state, MAX_DEPTH)]);
    let over = backup(&[body_nested(&state, MAX_DEPTH + 1)]);
    assert_eq!(read_all(&at_limit).unwrap().len(), 1);
    assert!(refusal(&over).contains("nested deeper than 64 levels"));
    // Regression: the other layout counted the documents list as a level of the body,
    // so a 64-level body restored from a line-per-document file but not from a
    // pretty-printed one.
    assert!(!BackupReader::open(pretty(&at_limit).as_bytes(), SCHEMA)
        .unwrap()
        .is_line_layout());
    assert_eq!(read_all(&pretty(&at_limit)).unwrap().len(), 1);
    assert!(refusal(&pretty(&over)).contains("nested deeper than 64 levels"));
}

#[test]
fn too_many_lines_are_refused_without_reading_them() {
    let text = backup(&[]);
    let (head, tail) = text.split_at(text.find("]}").unwrap());
    let lines = "{},\n".repeat(MAX_DOCUMENTS + 1);
    let msg = refusal(&format!("{head}{lines}{tail}"));
    assert!(msg.contains("lines; a backup holds at most"), "{msg}");
}

#[test]
fn a_line_without_its_comma_is_refused() {
    let recs = incidents(2);
    let text = backup(&[single(&recs[0]), single(&recs[1])]);
    let joined = text.replacen("}]},\n", "}]}\n", 1);
    assert_ne!(joined, text);
    let msg = refusal(&joined);
    assert!(
        msg.contains("Document 1 (line 3)") && msg.contains("','"),
        "{msg}"
    );
}

#[test]
fn only_reference_counters_are_backup_meta_keys() {
    assert!(is_backup_meta_key("counter:INC"));
    assert!(!is_backup_meta_key("counter:XYZ"));
    assert!(!is_backup_meta_key("sync-settings"));
    assert_eq!(backup_meta_keys().len(), 5);
}
