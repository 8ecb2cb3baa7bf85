//! Tests for the CSV import: parsing (quotes, CRLF, BOM, embedded line breaks, hostile
//! files), mapping guesses, every row error, value words, dates, batch planning, and
//! the incidents valid rows become.

use super::map::{guess, Field, Mapping};
use super::rows::{build, check_rows, is_import_note, Names, RowError};
use super::values;
use super::*;
use crate::domain::config::priority::{Impact, Priority, PriorityMatrix, Urgency};
use crate::domain::incident::{Channel, Environment, IncidentStatus};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::Timestamp;

/// 2026-11-27T12:00Z.
const NOW: Timestamp = Timestamp(1_795_780_800_000);

fn names() -> Names {
    Names {
        services: vec![("service:1".into(), "Email".into())],
        groups: vec![("group:1".into(), "Network team".into())],
        people: vec![(
            "person:1".into(),
            "Ana Lima".into(),
            "ana@example.com".into(),
        )],
        releases: vec![("release:1".into(), "Payroll 2.4".into())],
    }
}

fn checked(text: &str) -> rows::Checked {
    let table = parse(text.as_bytes()).unwrap();
    let mapping = guess(&table.headers);
    check_rows(&table, &mapping, &names(), &PriorityMatrix::default(), NOW)
}

#[test]
fn rfc4180_quotes_crlf_bom_and_line_breaks_in_cells() {
    let text = "\u{feff}Title,Description\r\n\"VPN, down\",\"said \"\"hi\"\"\r\nthen left\"\r\nPrinter jam,plain\r\n";
    let t = parse(text.as_bytes()).unwrap();
    assert_eq!(t.headers, ["Title", "Description"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells, ["VPN, down", "said \"hi\"\r\nthen left"]);
    assert_eq!(t.rows[0].line, 2);
    assert_eq!(
        t.rows[1].line, 4,
        "file line numbers, counting the embedded break"
    );
    let lf = parse(b"Title\nA one\n\nB two\n").unwrap();
    assert_eq!(lf.rows.len(), 2, "blank lines are skipped");
    assert_eq!(lf.rows[1].line, 4);
    let blank_header = parse(b"Title,,x\na,b,c\n").unwrap();
    assert_eq!(blank_header.headers[1], "Column 2");
}

#[test]
fn hostile_files_are_refused_with_their_reason() {
    assert_eq!(parse(b""), Err(FileError::Empty));
    assert_eq!(parse(b"  \r\n \n"), Err(FileError::Empty));
    assert_eq!(parse(b"Title,Impact\r\n"), Err(FileError::HeaderOnly));
    assert_eq!(parse(b"Title\n,\n"), Err(FileError::HeaderOnly));
    assert_eq!(parse(b"a,b\x00c\n1,2\n"), Err(FileError::Binary));
    assert_eq!(
        parse(b"Title\nok\n\xff\xfe junk\n"),
        Err(FileError::NotUtf8(3))
    );
    let utf16: Vec<u8> = "\u{feff}Title\r\nVPN down\r\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert_eq!(parse(&utf16), Err(FileError::Utf16));
    let no_bom: Vec<u8> = "Title\r\nVPN down\r\n"
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    assert_eq!(parse(&no_bom), Err(FileError::Utf16));
    assert_eq!(
        parse(b"[{\"title\": \"x\"}]"),
        Err(FileError::Json),
        "JSON given as CSV"
    );
    assert_eq!(parse(b" {\"a\": {\"b\": 1}}\n"), Err(FileError::Json));
    assert_eq!(
        parse(b"Title,Description\nok,\"never closed\nmore\n"),
        Err(FileError::UnterminatedQuote(2))
    );
    assert!(
        parse(b"Title\n\"5\"\" screen\"\nsize 5\" screen\n").is_ok(),
        "a quote inside an unquoted cell is text"
    );
    let wide = vec!["c"; MAX_COLUMNS + 1].join(",") + "\n1\n";
    assert_eq!(
        parse(wide.as_bytes()),
        Err(FileError::TooManyColumns(MAX_COLUMNS + 1))
    );
    let long_header = format!("{}\nx\n", "h".repeat(300));
    assert_eq!(
        parse(long_header.as_bytes()),
        Err(FileError::BadHeader(1, 300))
    );
    assert_eq!(check_size(0), Err(FileError::Empty));
    assert_eq!(
        check_size(MAX_FILE_BYTES + 1),
        Err(FileError::TooLarge(MAX_FILE_BYTES + 1))
    );
    assert!(check_size(MAX_FILE_BYTES).is_ok());
    assert!(FileError::TooLarge(30 * 1024 * 1024)
        .to_string()
        .contains("30.0 MB"));
}

#[test]
fn too_many_rows_are_refused() {
    let mut text = String::from("Title\n");
    text.push_str(&"x\n".repeat(MAX_ROWS));
    assert_eq!(parse(text.as_bytes()).map(|t| t.rows.len()), Ok(MAX_ROWS));
    text.push_str("one more\n");
    assert_eq!(parse(text.as_bytes()), Err(FileError::TooManyRows));
}

#[test]
fn mapping_is_guessed_from_common_header_names() {
    let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let m = guess(&h(&[
        "Number",
        "Short description",
        "Caller",
        "Opened",
        "PRIORITY",
        "State",
        "Assignment group",
        "Assigned to",
        "Contact type",
        "Close notes",
    ]));
    assert_eq!(m.column(Field::Title), Some(1));
    assert_eq!(m.column(Field::ReporterName), Some(2));
    assert_eq!(m.column(Field::Created), Some(3));
    assert_eq!(m.column(Field::Priority), Some(4));
    assert_eq!(m.column(Field::Status), Some(5));
    assert_eq!(m.column(Field::AssignmentGroup), Some(6));
    assert_eq!(m.column(Field::Assignee), Some(7));
    assert_eq!(m.column(Field::Channel), Some(8));
    assert_eq!(m.column(Field::ResolutionNotes), Some(9));
    assert_eq!(m.column(Field::Description), None);
    let m = guess(&h(&[
        "summary",
        "Details",
        "E-mail",
        "Environment found in",
    ]));
    assert_eq!(m.column(Field::Title), Some(0));
    assert_eq!(m.column(Field::Description), Some(1));
    assert_eq!(m.column(Field::ReporterContact), Some(2));
    assert_eq!(m.column(Field::Environment), Some(3));
    let m = guess(&h(&["Incident short description", "Title"]));
    assert_eq!(m.column(Field::Title), Some(1), "exact names win");
    assert_eq!(m.column(Field::Description), None);
    let m = guess(&h(&["Foo", "Bar"]));
    assert!(Field::ALL.iter().all(|&f| m.column(f).is_none()));
    let mut m = Mapping::default();
    m.set(Field::Title, Some(0));
    m.set(Field::Description, Some(0));
    assert_eq!(m.shared_columns(), [(Field::Title, Field::Description)]);
}

#[test]
fn valid_rows_carry_their_values() {
    let c = checked(
        "Title,Impact,Urgency,Status,Service,Assignment group,Assigned to,Opened,Environment,Release,Channel,Resolution notes,Caller,Email,Category\n\
         VPN down,1 - High,Low,Resolved,email,Network team,ANA@example.com,2026-11-20T09:30:00Z,UAT,payroll 2.4,e-mail,Restarted,Bo,bo@x.org,Network\n",
    );
    assert!(c.invalid.is_empty(), "{:?}", c.invalid);
    let p = &c.valid[0];
    assert_eq!(p.line, 2);
    assert_eq!(
        (p.draft.impact, p.draft.urgency),
        (Impact::High, Urgency::Low)
    );
    assert_eq!(p.status, IncidentStatus::Resolved);
    assert_eq!(p.draft.service.as_deref(), Some("service:1"));
    assert_eq!(p.group.as_deref(), Some("group:1"));
    assert_eq!(p.assignee.as_deref(), Some("person:1"));
    assert_eq!(p.draft.release.as_deref(), Some("release:1"));
    assert_eq!(p.draft.environment, Environment::Uat);
    assert_eq!(p.draft.channel, Channel::Email);
    assert_eq!(p.draft.reporter_name, "Bo");
    assert_eq!(p.draft.reporter_contact, "bo@x.org");
    assert_eq!(p.created, values::date_time("2026-11-20T09:30:00Z"));
    let c = checked("Title,Priority\nDisk full,P1\nSlow app,5 - Planning\n");
    let v: Vec<_> = c
        .valid
        .iter()
        .map(|p| (p.draft.impact, p.draft.urgency))
        .collect();
    assert_eq!(
        v,
        [(Impact::High, Urgency::High), (Impact::Low, Urgency::Low)],
        "priority without impact and urgency picks a matrix pair"
    );
}

#[test]
fn every_row_error_is_reported_with_its_line() {
    let c = checked(
        "Title,Impact,Priority,Status,Opened,Service,Assigned to,Description,Resolution notes\n\
         ,,,,,,,,\n\
         ab,,,,,,,,\n\
         ok title,huge,,,,,,,\n\
         ok title,,P9,,,,,,\n\
         ok title,,,Resolved,,,,,\n\
         ok title,,,On hold,,,,,\n\
         ok title,,,Sleeping,,,,,\n\
         ok title,,,,27/11/2026,,,,\n\
         ok title,,,,2999-01-01,,,,\n\
         ok title,,,,,Nope,,,\n\
         ok title,,,,,,Nobody,,\n\
         too,many,columns,here,,,,,,,\n\
         ok title,,,,,,,,\n",
    );
    assert_eq!(c.valid.len(), 1);
    assert_eq!(c.valid[0].line, 14);
    let lines: Vec<u64> = c.invalid.iter().map(|i| i.line).collect();
    assert_eq!(
        lines,
        (3..=13).collect::<Vec<u64>>(),
        "the all-blank row is skipped"
    );
    let first = |k: usize| c.invalid[k].errors[0].clone();
    assert_eq!(first(0), RowError::TitleTooShort(2));
    assert!(
        matches!(first(1), RowError::UnknownValue { field: "Impact", ref value, .. } if value == "huge")
    );
    assert!(matches!(
        first(2),
        RowError::UnknownValue {
            field: "Priority",
            ..
        }
    ));
    assert_eq!(first(3), RowError::NeedsResolution("Resolved"));
    assert_eq!(first(4), RowError::OnHold);
    assert!(matches!(
        first(5),
        RowError::UnknownValue {
            field: "Status",
            ..
        }
    ));
    assert_eq!(first(6), RowError::BadDate("27/11/2026".into()));
    assert_eq!(first(7), RowError::FutureDate("2999-01-01".into()));
    assert!(matches!(
        first(8),
        RowError::UnknownValue {
            field: "Service",
            ..
        }
    ));
    assert!(matches!(
        first(9),
        RowError::UnknownValue {
            field: "Assignee",
            ..
        }
    ));
    assert_eq!(
        first(10),
        RowError::ColumnCount {
            found: 11,
            expected: 9
        }
    );
    assert_eq!(
        c.invalid[10].message(),
        "Row 13: has 11 columns, the header has 9"
    );
    let c = checked("Title,Description\n\"\",only a description\n");
    assert_eq!(c.invalid[0].errors, [RowError::MissingTitle]);
    let long = "t".repeat(201);
    let c = checked(&format!(
        "Title,Description\n{long},{}\n",
        "d".repeat(20_001)
    ));
    assert_eq!(
        c.invalid[0].errors,
        [RowError::TooLong {
            field: "Description",
            len: 20_001,
            max: MAX_CELL_CHARS
        }],
        "a huge cell is refused before anything else is read"
    );
    let c = checked(&format!("Title,Category\n{long},{}\n", "c".repeat(101)));
    assert_eq!(
        c.invalid[0].errors,
        [
            RowError::TitleTooLong(201),
            RowError::TooLong {
                field: "Category",
                len: 101,
                max: 100
            }
        ]
    );
    let mut matrix = PriorityMatrix::default();
    matrix.set(Impact::High, Urgency::High, Priority::P2);
    let table = parse(b"Title,Priority\nDisk full,P1\n").unwrap();
    let c = check_rows(&table, &guess(&table.headers), &names(), &matrix, NOW);
    assert_eq!(
        c.invalid[0].errors,
        [RowError::UnreachablePriority("P1 Critical".into())]
    );
}

#[test]
fn injection_payloads_stay_plain_text() {
    let payload = "=cmd|' /C calc'!A0";
    let c = checked(&format!("Title,Description\n\"{payload}\",\"@SUM(1+1)\"\n"));
    assert_eq!(
        c.valid[0].draft.title, payload,
        "stored as written, never run"
    );
    assert_eq!(c.valid[0].draft.description, "@SUM(1+1)");
}

#[test]
fn batches_cover_every_row_once_in_order() {
    assert_eq!(batches(0, 500), Vec::<std::ops::Range<usize>>::new());
    assert_eq!(batches(1_001, 500), [0..500, 500..1_000, 1_000..1_001]);
    assert_eq!(batches(1_000, 500).len(), 2);
    assert_eq!(batches(3, 0), [0..1, 1..2, 2..3]);
}

#[test]
fn a_valid_row_becomes_an_incident_with_an_import_note() {
    let c = checked(
        "Title,Status,Resolution notes,Assigned to,Opened,Impact,Urgency\nVPN down,Closed,Restarted the gateway,Ana Lima,2026-11-20,High,High\n",
    );
    let tag = DeviceTag::from_bits(7);
    let inc = build(
        &c.valid[0],
        "incident:abc".into(),
        Reference::new(RefKind::Incident, &tag, 9),
        NOW,
        "Desk agent",
        &PriorityMatrix::default(),
        "export.csv",
    )
    .unwrap();
    assert_eq!(inc.status, IncidentStatus::Closed);
    assert_eq!(inc.priority, Priority::P1);
    assert_eq!(inc.assignee.as_deref(), Some("person:1"));
    assert_eq!(
        inc.resolution_notes.as_deref(),
        Some("Restarted the gateway")
    );
    assert_eq!(Some(inc.created), values::date_time("2026-11-20"));
    assert_eq!(inc.updated, NOW);
    let notes: Vec<_> = inc
        .history
        .events()
        .iter()
        .filter(|e| is_import_note(&e.change))
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        matches!(&notes[0].change, Change::WorkNote { text } if text.contains("“export.csv”, row 2"))
    );
    let c = checked("Title,Status\nDup ticket,Cancelled\n");
    let inc = build(
        &c.valid[0],
        "incident:x".into(),
        Reference::new(RefKind::Incident, &tag, 10),
        NOW,
        "Desk agent",
        &PriorityMatrix::default(),
        "f.csv",
    )
    .unwrap();
    assert_eq!(inc.status, IncidentStatus::Cancelled);
}
