//! Tests for the list exports: one row per record in the given order, the columns
//! named in the header, ISO dates, names instead of ids, and formulas neutralised.

use super::*;
use crate::domain::couch::record::Record;
use crate::domain::demo::scenario;
use crate::domain::incident::query::SlaFilterState;

const NOW: Timestamp = Timestamp(1_795_000_000_000);
const PAYLOAD: &str = "=cmd|' /C calc'!A0";

/// Reads a CSV text back with a real CSV reader: header and rows.
fn read(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut all: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let header = all.remove(0);
    (header, all)
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

fn names(id: Option<&str>) -> String {
    id.map(|i| format!("name of {i}")).unwrap_or_default()
}

#[test]
fn file_names_carry_the_list_and_the_date() {
    assert_eq!(
        file_name("incidents", "2026-11-27"),
        "incidents-2026-11-27.csv"
    );
}

#[test]
fn incident_rows_in_order_with_names_dates_and_neutralised_formulas() {
    let records = scenario(NOW);
    let mut rows: Vec<IncidentRow> = records
        .iter()
        .filter_map(|r| match r {
            Record::Incident(i) => {
                Some(IncidentRow::from_incident(i, SlaFilterState::Breached, NOW))
            }
            _ => None,
        })
        .collect();
    assert!(rows.len() > 3);
    rows[1].title = PAYLOAD.to_owned();
    rows[2].title = "Printer, \"third floor\"\nsecond line".to_owned();
    let text = incidents(&rows, &names);
    assert!(text.ends_with("\r\n"));
    let (header, body) = read(&text);
    assert_eq!(body.len(), rows.len(), "one line per row, nothing else");
    let (r, t, created) = (
        col(&header, "Reference"),
        col(&header, "Title"),
        col(&header, "Created"),
    );
    for (line, row) in body.iter().zip(&rows) {
        assert_eq!(line.len(), header.len());
        assert_eq!(line[r], row.reference);
        assert_eq!(line[created], row.created.iso());
        assert_eq!(line[col(&header, "SLA")], "Breached");
        assert_eq!(line[col(&header, "Priority")], priority_label(row.priority));
        assert_eq!(
            line[col(&header, "Assignee")],
            names(row.assignee.as_deref())
        );
    }
    assert_eq!(body[1][t], format!("'{PAYLOAD}"), "formula neutralised");
    assert_eq!(body[2][t], rows[2].title, "quotes and line breaks survive");
}

#[test]
fn problem_known_error_release_and_article_rows() {
    let records = scenario(NOW);
    let mut problems_: Vec<Problem> = Vec::new();
    let mut kes: Vec<KnownError> = Vec::new();
    let mut rels: Vec<Release> = Vec::new();
    let mut arts: Vec<KnowledgeArticle> = Vec::new();
    for r in records {
        match r {
            Record::Problem(p) => problems_.push(p),
            Record::KnownError(k) => kes.push(k),
            Record::Release(r) => rels.push(r),
            Record::Article(a) => arts.push(a),
            _ => {}
        }
    }
    assert!(!problems_.is_empty() && !kes.is_empty() && !rels.is_empty() && !arts.is_empty());
    problems_[0].title = "+SUM(A1:A9)".to_owned();
    let (h, body) = read(&problems(&problems_, &names));
    assert_eq!(body.len(), problems_.len());
    assert_eq!(body[0][col(&h, "Title")], "'+SUM(A1:A9)");
    assert_eq!(
        body[0][col(&h, "Incidents")],
        problems_[0].incidents.len().to_string()
    );
    assert_eq!(body[0][col(&h, "Updated")], problems_[0].updated.iso());

    kes[0].title = "@SUM(1)".to_owned();
    let (h, body) = read(&known_errors(&kes, &names));
    assert_eq!(body.len(), kes.len());
    assert_eq!(body[0][col(&h, "Title")], "'@SUM(1)");
    assert_eq!(body[0][col(&h, "Reference")], kes[0].reference.as_str());
    assert_eq!(
        body[0][col(&h, "Problem")],
        names(kes[0].problem.as_deref())
    );

    let (h, body) = read(&releases(&rels, &|r| r.services.len() + 7, &names));
    assert_eq!(body.len(), rels.len());
    assert_eq!(body[0][col(&h, "Release")], rels[0].title());
    assert_eq!(
        body[0][col(&h, "Known errors carried")],
        (rels[0].services.len() + 7).to_string()
    );
    let deployed = rels.iter().position(|r| r.deployment_date.is_some());
    if let Some(k) = deployed {
        let d = rels[k].deployment_date.map(|d| d.iso());
        assert_eq!(Some(body[k][col(&h, "Deployment")].clone()), d);
    }

    arts[0].title = "-1+1".to_owned();
    let (h, body) = read(&articles(&arts));
    assert_eq!(body.len(), arts.len());
    assert_eq!(body[0][col(&h, "Title")], "'-1+1");
    assert_eq!(body[0][col(&h, "Audience")], arts[0].audience.label());
    assert_eq!(body[0][col(&h, "Views")], arts[0].views.to_string());
}

#[test]
fn an_empty_list_is_a_header_alone() {
    let (header, body) = read(&problems(&[], &names));
    assert!(body.is_empty());
    assert_eq!(header[0], "Reference");
}
