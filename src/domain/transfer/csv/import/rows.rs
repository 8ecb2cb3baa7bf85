//! Checking each row of an imported file against the mapping (per-row errors with the
//! row's line and the reason) and turning a valid row into a new incident whose history
//! says it was imported.

use crate::domain::config::priority::{Impact, PriorityMatrix, Urgency};
use crate::domain::incident::{Incident, IncidentDraft, IncidentStatus};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::{Timestamp, DAY};

use super::map::{Field, Mapping};
use super::values::{self, StatusValue};
use super::{Table, MAX_CELL_CHARS};

/// What a row cannot be imported for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("has {}, the header has {expected}", super::count(*.found, "column", "columns"))]
    ColumnCount { found: usize, expected: usize },
    #[error("missing title")]
    MissingTitle,
    #[error("title too short ({}; at least 3)", super::count(*.0, "character", "characters"))]
    TitleTooShort(usize),
    #[error("title too long ({0} characters; at most 200)")]
    TitleTooLong(usize),
    #[error("{field} is {len} characters long; at most {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("unknown {field} value “{value}” (expected {expected})")]
    UnknownValue {
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("the priority matrix gives no impact and urgency for {0}")]
    UnreachablePriority(String),
    #[error("bad date “{0}” (use ISO 8601: 2026-11-27 or 2026-11-27T14:03:05Z)")]
    BadDate(String),
    #[error("created date “{0}” is in the future")]
    FutureDate(String),
    #[error(
        "status “{0}” needs resolution notes (policy “A resolved incident has a resolution note”)"
    )]
    NeedsResolution(&'static str),
    #[error("status “On hold” cannot be imported (it needs a hold reason); use In progress")]
    OnHold,
}

/// A row that cannot be imported: its line and every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    /// Line of the file where the row starts.
    pub line: u64,
    /// The reasons, at least one.
    pub errors: Vec<RowError>,
}

impl RowIssue {
    /// `Row 3: missing title; unknown impact value “huge” (…)`.
    pub fn message(&self) -> String {
        let reasons: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        format!("Row {}: {}", self.line, reasons.join("; "))
    }
}

/// A valid row: everything needed to create its incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Line of the file where the row starts.
    pub line: u64,
    pub draft: IncidentDraft,
    pub status: IncidentStatus,
    pub resolution_notes: String,
    pub group: Option<String>,
    pub assignee: Option<String>,
    /// When the incident was created in the other tool.
    pub created: Option<Timestamp>,
}

/// The desk's names the file's cells are matched against: `(id, name)` pairs, and for
/// people also their email address.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub services: Vec<(String, String)>,
    pub groups: Vec<(String, String)>,
    pub people: Vec<(String, String, String)>,
    pub releases: Vec<(String, String)>,
}

/// Every row checked: the valid ones, ready to create, and the others with reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    pub valid: Vec<Prepared>,
    pub invalid: Vec<RowIssue>,
}

/// Checks every row of `table` under `mapping`.
pub fn check_rows(
    table: &Table,
    mapping: &Mapping,
    names: &Names,
    matrix: &PriorityMatrix,
    now: Timestamp,
) -> Checked {
    let mut out = Checked::default();
    for row in &table.rows {
        if row.cells.len() != table.headers.len() {
            out.invalid.push(RowIssue {
                line: row.line,
                errors: vec![RowError::ColumnCount {
                    found: row.cells.len(),
                    expected: table.headers.len(),
                }],
            });
            continue;
        }
        let cell = |f: Field| -> &str {
            mapping
                .column(f)
                .and_then(|c| row.cells.get(c))
                .map_or("", |s| s.trim())
        };
        match check_row(&cell, names, matrix, now) {
            Ok(mut p) => {
                p.line = row.line;
                out.valid.push(p);
            }
            Err(errors) => out.invalid.push(RowIssue {
                line: row.line,
                errors,
            }),
        }
    }
    out
}

fn lookup(list: &[(String, String)], cell: &str) -> Option<String> {
    let want = cell.to_lowercase();
    list.iter()
        .find(|(_, name)| name.trim().to_lowercase() == want)
        .map(|(id, _)| id.clone())
}

fn check_row<'a>(
    cell: &dyn Fn(Field) -> &'a str,
    names: &Names,
    matrix: &PriorityMatrix,
    now: Timestamp,
) -> Result<Prepared, Vec<RowError>> {
    let mut errs = Vec::new();
    for field in Field::ALL {
        let len = cell(field).chars().count();
        if len > MAX_CELL_CHARS {
            errs.push(RowError::TooLong {
                field: field.label(),
                len,
                max: MAX_CELL_CHARS,
            });
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let title = cell(Field::Title);
    match title.chars().count() {
        0 => errs.push(RowError::MissingTitle),
        n @ 1..=2 => errs.push(RowError::TitleTooShort(n)),
        n if n > 200 => errs.push(RowError::TitleTooLong(n)),
        _ => {}
    }
    let unknown = |field: Field, expected: &'static str| RowError::UnknownValue {
        field: field.label(),
        value: cell(field).chars().take(60).collect(),
        expected,
    };
    let bad = |f: Field, ok: &dyn Fn(&str) -> bool| !cell(f).is_empty() && !ok(cell(f));
    const LEVELS: &str = "High, Medium or Low";
    if bad(Field::Impact, &|c| values::impact(c).is_some()) {
        errs.push(unknown(Field::Impact, LEVELS));
    }
    if bad(Field::Urgency, &|c| values::urgency(c).is_some()) {
        errs.push(unknown(Field::Urgency, LEVELS));
    }
    if bad(Field::Priority, &|c| values::priority(c).is_some()) {
        errs.push(unknown(Field::Priority, "P1 to P5"));
    }
    if bad(Field::Channel, &|c| values::channel(c).is_some()) {
        errs.push(unknown(
            Field::Channel,
            "Portal, Phone, Email, Walk-in, Monitoring or Testing",
        ));
    }
    if bad(Field::Environment, &|c| values::environment(c).is_some()) {
        errs.push(unknown(
            Field::Environment,
            "Production, Test, Staging or UAT",
        ));
    }
    let status = match cell(Field::Status) {
        "" => IncidentStatus::New,
        c => match values::status(c) {
            Some(StatusValue::Known(s)) => s,
            Some(StatusValue::OnHold) => {
                errs.push(RowError::OnHold);
                IncidentStatus::New
            }
            None => {
                errs.push(unknown(
                    Field::Status,
                    "New, In progress, Resolved, Closed or Cancelled",
                ));
                IncidentStatus::New
            }
        },
    };
    let mut named = |field: Field, list: &[(String, String)]| match cell(field) {
        "" => None,
        c => {
            let found = lookup(list, c);
            if found.is_none() {
                errs.push(unknown(field, "a name the desk knows"));
            }
            found
        }
    };
    let service = named(Field::Service, &names.services);
    let group = named(Field::AssignmentGroup, &names.groups);
    let release = named(Field::Release, &names.releases);
    let assignee = match cell(Field::Assignee) {
        "" => None,
        c => {
            let want = c.to_lowercase();
            let found = names
                .people
                .iter()
                .find(|(_, name, email)| {
                    name.trim().to_lowercase() == want
                        || (!email.is_empty() && email.trim().to_lowercase() == want)
                })
                .map(|(id, _, _)| id.clone());
            if found.is_none() {
                errs.push(unknown(
                    Field::Assignee,
                    "a person the desk knows, by name or email",
                ));
            }
            found
        }
    };
    let created = match cell(Field::Created) {
        "" => None,
        c => match values::date_time(c) {
            None => {
                errs.push(RowError::BadDate(c.chars().take(60).collect()));
                None
            }
            Some(t) if t.since(now) > DAY => {
                errs.push(RowError::FutureDate(c.to_owned()));
                None
            }
            Some(t) => Some(t),
        },
    };
    let notes = cell(Field::ResolutionNotes);
    if matches!(status, IncidentStatus::Resolved | IncidentStatus::Closed) && notes.is_empty() {
        errs.push(RowError::NeedsResolution(status.label()));
    }
    let (impact, urgency) = match (
        values::impact(cell(Field::Impact)),
        values::urgency(cell(Field::Urgency)),
        values::priority(cell(Field::Priority)),
    ) {
        (None, None, Some(p)) => values::pair_for(p, matrix).unwrap_or_else(|| {
            errs.push(RowError::UnreachablePriority(p.label().to_owned()));
            (Impact::Medium, Urgency::Medium)
        }),
        (i, u, _) => (i.unwrap_or(Impact::Medium), u.unwrap_or(Urgency::Medium)),
    };
    let draft = IncidentDraft {
        title: title.to_owned(),
        description: cell(Field::Description).to_owned(),
        service,
        category: cell(Field::Category).to_owned(),
        impact,
        urgency,
        environment: values::environment(cell(Field::Environment)).unwrap_or_default(),
        release,
        reporter_name: cell(Field::ReporterName).to_owned(),
        reporter_contact: cell(Field::ReporterContact).to_owned(),
        channel: values::channel(cell(Field::Channel)).unwrap_or_default(),
    };
    if let Err(v) = draft.validate() {
        for e in v.0.into_iter().filter(|e| e.field != "title") {
            let (field, max) = match e.field {
                "description" => (Field::Description.label(), 20_000),
                "category" => (Field::Category.label(), 100),
                "reporter_name" => (Field::ReporterName.label(), 200),
                _ => (Field::ReporterContact.label(), 200),
            };
            let len = match e.field {
                "description" => draft.description.chars().count(),
                "category" => draft.category.chars().count(),
                "reporter_name" => draft.reporter_name.chars().count(),
                _ => draft.reporter_contact.chars().count(),
            };
            errs.push(RowError::TooLong { field, len, max });
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Prepared {
        line: 0,
        draft,
        status,
        resolution_notes: notes.to_owned(),
        group,
        assignee,
        created,
    })
}

/// The incident a valid row becomes: created at the file's date (or now) by `by`,
/// assigned and moved to the file's status as audited events, with a work note saying
/// which file and row it came from.
pub fn build(
    row: &Prepared,
    id: String,
    reference: Reference,
    now: Timestamp,
    by: &str,
    matrix: &PriorityMatrix,
    file_name: &str,
) -> Result<Incident, String> {
    let at = row.created.unwrap_or(now).min(now);
    let mut inc = Incident::create(row.draft.clone(), id, reference, at, by, matrix)
        .map_err(|e| e.to_string())?;
    inc.add_note(
        &format!(
            "Imported from the CSV file “{file_name}”, row {}.",
            row.line
        ),
        false,
        now,
        by,
    );
    inc.assign(row.group.clone(), row.assignee.clone(), now, by);
    let notes = row.resolution_notes.as_str();
    let moved = match row.status {
        IncidentStatus::New | IncidentStatus::OnHold => Ok(()),
        IncidentStatus::InProgress => inc.transition(IncidentStatus::InProgress, now, by, None),
        IncidentStatus::Resolved => inc.resolve(None, notes, now, by),
        IncidentStatus::Closed => inc
            .resolve(None, notes, now, by)
            .and_then(|_| inc.transition(IncidentStatus::Closed, now, by, None)),
        IncidentStatus::Cancelled => {
            let reason = if notes.is_empty() {
                "Cancelled in the tool it was imported from"
            } else {
                notes
            };
            inc.cancel(reason, now, by)
        }
    };
    moved.map_err(|e| e.to_string())?;
    Ok(inc)
}

/// Every change a history can hold is allowed here; this only names the import note.
pub fn is_import_note(change: &Change) -> bool {
    matches!(change, Change::WorkNote { text } if text.starts_with("Imported from the CSV file"))
}
