//! Tests of sharing workarounds: one incident and all linked open incidents, the
//! refusals (no workaround, not active, incident closed), never the same comment twice,
//! the timeline line, and the known-error picker.

use super::*;
use crate::domain::config::priority::PriorityMatrix;
use crate::domain::incident::{IncidentDraft, IncidentStatus};
use crate::domain::kernel::history::EntryKind;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::known_error::KnownErrorDraft;

fn known_error(n: u32, workaround: &str, code: Option<&str>) -> KnownError {
    let draft = KnownErrorDraft {
        title: format!("Payslip blank {n}"),
        symptoms: "The payslip is an empty page.".into(),
        root_cause: String::new(),
        workaround: workaround.into(),
        error_code: code.map(str::to_owned),
        problem: None,
        article: None,
        release_introduced: None,
        carried_forward: false,
        fix_release: None,
    };
    let r = Reference::new(RefKind::KnownError, &DeviceTag::from_bits(5), n);
    let mut k = KnownError::create(draft, format!("known_error:{n}"), r, Timestamp(1), "pm")
        .unwrap_or_else(|e| panic!("{e}"));
    if !workaround.is_empty() {
        assert!(k
            .transition(KnownErrorStatus::Active, Timestamp(2), "pm", None)
            .is_ok());
    }
    k
}

fn incident(n: u32) -> Incident {
    let draft = IncidentDraft {
        title: format!("Payslip empty {n}"),
        ..IncidentDraft::blank()
    };
    let r = Reference::new(RefKind::Incident, &DeviceTag::from_bits(5), n);
    let m = PriorityMatrix::default();
    Incident::create(draft, format!("incident:{n}"), r, Timestamp(3), "agent", &m)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn kinds(i: &Incident) -> Vec<EntryKind> {
    let name = |id: &str| id.to_owned();
    i.history
        .events()
        .iter()
        .map(|e| e.change.describe_with(&name).kind)
        .collect()
}

#[test]
fn applying_links_comments_and_records_the_event() {
    let k = known_error(1, "Download as HTML.", None);
    let mut i = incident(1);
    assert!(apply(&mut i, &k, Timestamp(10), "Ada").is_ok());
    assert_eq!(i.known_error.as_deref(), Some("known_error:1"));
    assert_eq!(
        kinds(&i),
        [
            EntryKind::Created,
            EntryKind::Link,
            EntryKind::Workaround,
            EntryKind::PublicComment
        ]
    );
    let comment = i.history.last().map(|e| e.change.clone());
    let text = format!("Workaround ({}): Download as HTML.", k.reference);
    assert_eq!(comment, Some(Change::PublicComment { text }));
    assert_eq!((i.updated, i.updated_by.as_str()), (Timestamp(10), "Ada"));
    let line = Change::Workaround {
        known_error: k.id.clone(),
    }
    .describe_with(&|_: &str| "KE-1 · Payslip".to_owned());
    assert_eq!(
        line.summary,
        "Workaround from KE-1 · Payslip given to the reporter"
    );
    assert_eq!(
        (line.kind.key(), line.kind.label()),
        ("workaround", "Workaround")
    );
}

#[test]
fn never_the_same_workaround_twice_but_an_edited_one_again() {
    let mut k = known_error(1, "Download as HTML.", None);
    let mut i = incident(1);
    assert!(apply(&mut i, &k, Timestamp(10), "Ada").is_ok());
    let before = i.clone();
    let again = apply(&mut i, &k, Timestamp(11), "Ada");
    assert!(matches!(
        again,
        Err(WorkaroundError::AlreadyCommunicated(_))
    ));
    assert!(again
        .err()
        .is_some_and(|e| e.to_string().contains("already communicated")));
    assert_eq!(i, before, "nothing changes when refused");
    k.workaround = "Print from the HTML view instead.".into();
    assert!(apply(&mut i, &k, Timestamp(12), "Ada").is_ok());
    // Already linked: no second link event.
    assert_eq!(
        kinds(&i).iter().filter(|k| **k == EntryKind::Link).count(),
        1
    );
}

#[test]
fn refusals_change_nothing() {
    let draft_ke = known_error(1, "", None);
    let mut blank_active = known_error(2, "Something", None);
    blank_active.workaround = "  ".into();
    let mut retired = known_error(3, "Something", None);
    assert!(retired
        .transition(KnownErrorStatus::Retired, Timestamp(4), "pm", None)
        .is_ok());
    let mut i = incident(1);
    let before = i.clone();
    let e = apply(&mut i, &draft_ke, Timestamp(10), "Ada").err();
    assert!(
        matches!(e, Some(WorkaroundError::NotActive(_, ref s)) if s == "draft"),
        "{e:?}"
    );
    let e = apply(&mut i, &blank_active, Timestamp(10), "Ada").err();
    assert!(matches!(e, Some(WorkaroundError::NoWorkaround(_))), "{e:?}");
    let e = apply(&mut i, &retired, Timestamp(10), "Ada").err();
    assert!(
        e.as_ref().is_some_and(|e| e
            .to_string()
            .ends_with("only an active known error's workaround can be shared.")),
        "{e:?}"
    );
    assert_eq!(i, before);
    let k = known_error(4, "Something", None);
    assert!(i
        .transition(
            IncidentStatus::Cancelled,
            Timestamp(5),
            "Ada",
            Some("dup".into())
        )
        .is_ok());
    let before = i.clone();
    let e = apply(&mut i, &k, Timestamp(10), "Ada").err();
    assert!(
        matches!(e, Some(WorkaroundError::IncidentNotOpen(_, _))),
        "{e:?}"
    );
    assert_eq!(i, before);
}

#[test]
fn communicate_reaches_every_open_linked_incident_once() {
    let k = known_error(1, "Download as HTML.", None);
    let link = |mut i: Incident| {
        i.known_error = Some(k.id.clone());
        i
    };
    let mut done = link(incident(1));
    assert!(apply(&mut done, &k, Timestamp(5), "Ada").is_ok());
    let mut closed = link(incident(2));
    assert!(closed
        .transition(
            IncidentStatus::Cancelled,
            Timestamp(5),
            "Ada",
            Some("dup".into())
        )
        .is_ok());
    let open_a = link(incident(3));
    let open_b = link(incident(4));
    let unrelated = incident(5);
    let all = vec![done, closed, open_a, open_b, unrelated];
    let out = communicate(&k, all.clone(), Timestamp(9), "Ben").unwrap_or_default();
    let refs: Vec<String> = out
        .updated
        .iter()
        .map(|i| i.reference.to_string())
        .collect();
    assert_eq!(refs.len(), 2);
    assert!(
        refs[0].ends_with("0003") && refs[1].ends_with("0004"),
        "{refs:?}"
    );
    assert_eq!(out.already.len(), 1);
    assert_eq!(out.not_open, 1);
    assert_eq!(
        out.summary(),
        format!(
            "Workaround sent to 2 open incidents; {} already communicated.",
            out.already[0]
        )
    );
    // Second time round, everyone already has it.
    let after: Vec<Incident> = all
        .into_iter()
        .map(|i| {
            out.updated
                .iter()
                .find(|u| u.id == i.id)
                .cloned()
                .unwrap_or(i)
        })
        .collect();
    let again = communicate(&k, after, Timestamp(10), "Ben").unwrap_or_default();
    assert!(again.updated.is_empty());
    assert_eq!(again.already.len(), 3);
    assert_eq!(
        again.summary(),
        "No incident was updated; 3 incidents already communicated."
    );
    let none = communicate(&k, vec![], Timestamp(10), "Ben").unwrap_or_default();
    assert_eq!(
        none.summary(),
        "No incident was updated: no open incident is linked to this known error."
    );
    let draft = known_error(2, "", None);
    assert!(communicate(&draft, vec![], Timestamp(10), "Ben").is_err());
}

#[test]
fn picks_by_label_reference_code_or_unique_words() {
    let a = known_error(1, "Download as HTML.", Some("ERR-4012"));
    let b = known_error(2, "Sign in again.", Some("SESSION_EXPIRED"));
    let all = [&a, &b];
    let id = |typed: &str| resolve_pick(typed, &all).map(|k| k.id.clone());
    assert_eq!(
        pick_label(&a),
        format!("{} · Payslip blank 1 (ERR-4012)", a.reference)
    );
    assert_eq!(id(&pick_label(&b)), Ok(b.id.clone()));
    assert_eq!(id(&a.reference.as_str().to_lowercase()), Ok(a.id.clone()));
    assert_eq!(id("err-4012"), Ok(a.id.clone()));
    assert_eq!(id("session expired"), Ok(b.id.clone()));
    assert!(id("payslip").is_err_and(|e| e.contains("2 active known errors match")));
    assert!(id("printer").is_err_and(|e| e.contains("No active known error matches")));
    assert!(id(" ").is_err());
}
