//! Tests of finding a backup's lines a slice at a time: any slice size gives the lines
//! one pass gives, a file opened from slices reads like one opened whole, and a broken
//! byte in a document is refused at that document.

use super::super::BackupReader;
use super::LineSplit;
use crate::domain::couch::document::DocState;
use crate::domain::couch::record::Record;
use crate::domain::demo;
use crate::domain::kernel::time::Timestamp;
use crate::domain::transfer::backup::tests::single;
use crate::domain::transfer::backup::{encode_all, Header, MAX_DOCUMENTS, VERSION};

fn split_in_steps(bytes: &[u8], step: usize) -> LineSplit {
    let mut split = LineSplit::default();
    let mut steps = 0;
    while !split.step(bytes, step) {
        steps += 1;
        assert!(steps <= bytes.len(), "every step moves on");
    }
    split
}

fn as_text(lines: Vec<&[u8]>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| String::from_utf8(l.to_vec()).unwrap())
        .collect()
}

#[test]
fn any_step_size_finds_the_same_lines() {
    let text = "first,\r\n\"second\":[\n\nfourth é line\n]}\n";
    let expected: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
        .collect();
    for step in [1, 2, 3, 7, 16, text.len(), usize::MAX] {
        let split = split_in_steps(text.as_bytes(), step);
        assert_eq!(split.scanned(), text.len());
        assert_eq!(split.line_count(), expected.len(), "step {step}");
        assert_eq!(
            as_text(split.lines(text.as_bytes(), 0)),
            expected,
            "step {step}"
        );
    }
}

#[test]
fn a_step_scans_no_more_than_asked() {
    let text = b"ab\ncd\nef";
    let mut split = LineSplit::default();
    assert!(!split.step(text, 4));
    assert_eq!(split.scanned(), 4);
    assert_eq!(split.line_count(), 2);
    assert!(split.step(text, 4));
    assert_eq!(split.line_count(), 3);
}

#[test]
fn lines_start_after_a_byte_order_mark() {
    let text = b"\xEF\xBB\xBFone\ntwo";
    let split = split_in_steps(text, 2);
    assert_eq!(as_text(split.lines(text, 3)), vec!["one", "two"]);
}

#[test]
fn too_many_lines_are_counted_but_not_kept() {
    let text = "\n".repeat(MAX_DOCUMENTS + 10);
    let split = split_in_steps(text.as_bytes(), 1 << 16);
    assert!(split.overflowed());
    assert_eq!(split.line_count(), MAX_DOCUMENTS + 11);
    assert!(split.lines(text.as_bytes(), 0).len() <= MAX_DOCUMENTS + 4);
}

fn sample_backup(n: usize) -> String {
    let docs: Vec<DocState> = demo::incidents(n, 3, Timestamp(1_700_000_000_000))
        .into_iter()
        .map(|i| single(&Record::Incident(i)))
        .collect();
    let header = Header {
        version: VERSION,
        schema: 4,
        created: Timestamp(1),
        document_count: n,
        meta: Default::default(),
    };
    encode_all(&header, &docs).unwrap()
}

#[test]
fn a_file_split_in_slices_reads_like_one_opened_whole() {
    let text = sample_backup(6);
    let whole = BackupReader::open(text.as_bytes(), 4).unwrap();
    let split = split_in_steps(text.as_bytes(), 97);
    let sliced = BackupReader::open_split(text.as_bytes(), &split, 4).unwrap();
    assert!(sliced.is_line_layout());
    assert_eq!(sliced.header, whole.header);
    assert_eq!(sliced.len(), 6);
    for i in 0..6 {
        assert_eq!(sliced.document(i).unwrap(), whole.document(i).unwrap());
    }
}

#[test]
fn opening_before_the_split_is_finished_is_refused() {
    let text = sample_backup(2);
    let mut split = LineSplit::default();
    split.step(text.as_bytes(), 10);
    let e = BackupReader::open_split(text.as_bytes(), &split, 4).unwrap_err();
    assert!(e.reason.contains("not read to its end"), "{e}");
}

#[test]
fn a_broken_byte_in_a_document_is_refused_at_that_document() {
    let text = sample_backup(3);
    let mut bytes = text.into_bytes();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    // Inside line 4 of the file: the second document.
    let at = starts[3] + 20;
    bytes[at] = 0xFF;
    let reader = BackupReader::open(&bytes, 4).unwrap();
    assert!(reader.document(0).is_ok());
    let e = reader.document(1).unwrap_err();
    assert_eq!((e.document, e.line), (Some(2), Some(4)), "{e}");
    assert!(e.reason.contains("not UTF-8 text"), "{e}");
}
