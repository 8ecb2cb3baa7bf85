//! Native tests of the problem actions against the in-memory store: creating a problem
//! from incidents links both ways in one write, and refusals change nothing.

use super::*;
use crate::domain::config::priority::{Impact, Priority, Urgency};
use crate::domain::incident::IncidentDraft;
use crate::domain::kernel::history::Change;
use crate::domain::problem::resolve::IncidentResolution;
use crate::domain::problem::{ProblemDraft, ProblemStatus};
use crate::ops::incident;
use crate::ops::records::save;
use crate::storage::memory::MemoryStore;
use crate::storage::Store;
use crate::test_util::block_on;

/// Unwraps a result in tests, panicking with the error's message.
trait OkOrPanic<T> {
    fn ok_or_panic(self) -> T;
}

impl<T> OkOrPanic<T> for Result<T, AppError> {
    fn ok_or_panic(self) -> T {
        self.unwrap_or_else(|e| panic!("{e}"))
    }
}

async fn new_incident(
    store: &MemoryStore,
    title: &str,
    impact: Impact,
    release: Option<&str>,
) -> Incident {
    let draft = IncidentDraft {
        title: title.into(),
        impact,
        urgency: Urgency::Medium,
        service: Some("service:payroll".into()),
        release: release.map(str::to_owned),
        ..IncidentDraft::blank()
    };
    incident::create(store, draft, "agent").await.ok_or_panic()
}

async fn stored_incident(store: &MemoryStore, id: &str) -> Incident {
    incident_by_id(store, id).await.ok_or_panic().0
}

#[test]
fn creates_a_linked_problem_in_one_write() {
    block_on(async {
        let s = MemoryStore::new();
        let a = new_incident(&s, "Payslips blank", Impact::Low, None).await;
        let b = new_incident(&s, "Payslip PDF empty", Impact::High, Some("release:7")).await;
        let seq_before = s.last_seq().await.unwrap_or_default();
        let ids = vec![a.id.clone(), b.id.clone(), a.id.clone()];
        let p = create_from_incidents(&s, &ids, "Daniel Kim")
            .await
            .ok_or_panic();
        assert!(
            p.reference.as_str().starts_with("PRB-"),
            "{}",
            p.reference.as_str()
        );
        assert_eq!(p.title, "Investigate: Payslips blank (and 1 more incident)");
        assert_eq!(p.priority, Priority::P2);
        assert_eq!(p.service.as_deref(), Some("service:payroll"));
        assert_eq!(p.release_found.as_deref(), Some("release:7"));
        assert_eq!(
            p.incidents,
            vec![a.id.clone(), b.id.clone()],
            "duplicates ignored"
        );
        assert_eq!(p.created_by, "Daniel Kim");
        // One batch: the problem and two incidents, three consecutive sequence numbers.
        assert_eq!(s.last_seq().await.unwrap_or_default(), seq_before + 3);

        let (stored, _) = by_reference(&s, &p.reference.as_str().to_lowercase())
            .await
            .ok_or_panic();
        assert_eq!(stored, p);
        for id in [&a.id, &b.id] {
            let i = stored_incident(&s, id).await;
            assert_eq!(i.problem.as_deref(), Some(p.id.as_str()));
            assert_eq!(
                i.history.last().map(|e| (e.by.clone(), e.change.clone())),
                Some((
                    "Daniel Kim".to_owned(),
                    Change::Linked {
                        what: "problem".into(),
                        target: p.id.clone()
                    }
                ))
            );
        }
        let linked = linked_incidents(&s, &stored).await.unwrap_or_default();
        assert_eq!(linked.len(), 2);
        assert_eq!(linked[0].title, "Payslips blank");
    });
}

#[test]
fn refusals_change_nothing() {
    block_on(async {
        let s = MemoryStore::new();
        let a = new_incident(&s, "Printer jams", Impact::Low, None).await;
        let seq = s.last_seq().await.unwrap_or_default();

        let none = create_from_incidents(&s, &[], "agent").await;
        assert!(matches!(none, Err(AppError::Validation(_))), "{none:?}");

        let missing = vec![a.id.clone(), "incident:nope".to_owned()];
        let r = create_from_incidents(&s, &missing, "agent").await;
        assert!(matches!(r, Err(AppError::NotFound(_))), "{r:?}");
        assert_eq!(s.last_seq().await.unwrap_or_default(), seq);

        let ok = create_from_incidents(&s, std::slice::from_ref(&a.id), "agent").await;
        assert!(ok.is_ok(), "{ok:?}");
        let seq = s.last_seq().await.unwrap_or_default();
        let again = create_from_incidents(&s, std::slice::from_ref(&a.id), "agent").await;
        let msg = again
            .as_ref()
            .err()
            .and_then(|e| e.validation())
            .and_then(|v| v.for_field("incidents"))
            .unwrap_or_default()
            .to_owned();
        assert!(msg.contains("already linked"), "{again:?}");
        assert_eq!(
            s.last_seq().await.unwrap_or_default(),
            seq,
            "nothing written"
        );
    });
}

#[test]
fn an_incident_changed_meanwhile_fails_the_whole_batch() {
    block_on(async {
        let s = MemoryStore::new();
        let a = new_incident(&s, "VPN drops", Impact::Medium, None).await;
        let b = new_incident(&s, "VPN slow", Impact::Medium, None).await;
        let plan = plan_from_incidents(&s, &[a.id.clone(), b.id.clone()], "agent")
            .await
            .ok_or_panic();
        // Another tab edits b between the read and the write.
        let (mut other, rev) = incident_by_id(&s, &b.id).await.ok_or_panic();
        other.title = "Edited in another tab".into();
        save(&s, &Record::Incident(other), Some(rev))
            .await
            .ok_or_panic();
        let r = write_plan(&s, plan).await;
        assert!(matches!(r, Err(AppError::Stale)), "{r:?}");
        assert_eq!(stored_incident(&s, &a.id).await, a, "a untouched");
        let b_now = stored_incident(&s, &b.id).await;
        assert_eq!(b_now.title, "Edited in another tab");
        assert_eq!(b_now.problem, None);
        let problems = crate::ops::records::all_of_kind(&s, KIND).await;
        assert_eq!(
            problems.map(|p| p.len()).ok(),
            Some(0),
            "no problem written"
        );
    });
}

#[test]
fn unknown_problem_reference_is_not_found() {
    block_on(async {
        let s = MemoryStore::new();
        let r = by_reference(&s, "PRB-XXXXX-0001").await;
        assert!(
            matches!(r, Err(AppError::NotFound(ref m)) if m.contains("PRB-XXXXX-0001")),
            "{r:?}"
        );
    });
}

fn blank_draft(title: &str) -> ProblemDraft {
    ProblemDraft {
        title: title.into(),
        description: String::new(),
        priority: Priority::P3,
        service: Some("service:payroll".into()),
        root_cause: String::new(),
        workaround: String::new(),
        fix_notes: String::new(),
        release_found: None,
        target_fix_release: None,
    }
}

async fn new_problem(s: &MemoryStore, title: &str) -> (Problem, Rev) {
    let p = create(s, blank_draft(title), "pm").await.ok_or_panic();
    by_reference(s, p.reference.as_str()).await.ok_or_panic()
}

async fn seq(s: &MemoryStore) -> u64 {
    s.last_seq().await.unwrap_or_default()
}

#[test]
fn creates_lists_newest_first_and_edits_on_the_revision_read() {
    block_on(async {
        let s = MemoryStore::new();
        let short = create(&s, blank_draft("ab"), "pm").await;
        let field = short.as_ref().err().and_then(|e| e.validation());
        assert!(
            field.and_then(|v| v.for_field("title")).is_some(),
            "{short:?}"
        );
        assert_eq!(seq(&s).await, 0, "nothing written");

        let (first, _) = new_problem(&s, "Printer queue stalls").await;
        let (second, rev) = new_problem(&s, "VPN drops").await;
        assert_eq!(second.status, ProblemStatus::New);
        let listed = all(&s).await.ok_or_panic();
        assert_eq!(listed, vec![second.clone(), first], "newest first");

        let mut edit = second.draft();
        edit.root_cause = "Firmware".into();
        let saved = update(&s, second.clone(), rev.clone(), edit.clone(), "pm")
            .await
            .ok_or_panic();
        assert_eq!(saved.root_cause, "Firmware");
        // The same page saving again on the old revision is refused: nothing lost.
        edit.root_cause = "Overwrite".into();
        let stale = update(&s, second, rev, edit, "pm").await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        let (now, _) = by_reference(&s, saved.reference.as_str())
            .await
            .ok_or_panic();
        assert_eq!(now.root_cause, "Firmware");
    });
}

#[test]
fn moves_on_the_revision_shown_and_keeps_the_domain_refusal() {
    block_on(async {
        let s = MemoryStore::new();
        let (p, rev) = new_problem(&s, "Payslips blank").await;
        let r = p.reference.as_str();
        let to = ProblemStatus::UnderInvestigation;
        let moved = move_to(&s, r, &rev, to, Some("triage".into()), "pm").await;
        assert_eq!(moved.map(|p| p.status).ok(), Some(to));
        let again = move_to(&s, r, &rev, ProblemStatus::Resolved, None, "pm").await;
        assert!(matches!(again, Err(AppError::Stale)), "{again:?}");
        let (_, rev) = by_reference(&s, r).await.ok_or_panic();
        let before = seq(&s).await;
        let refused = move_to(&s, r, &rev, ProblemStatus::Resolved, None, "pm").await;
        assert!(
            matches!(&refused, Err(AppError::Transition(t)) if t.reason.contains("fix notes")),
            "{refused:?}"
        );
        assert_eq!(seq(&s).await, before, "nothing written");
    });
}

#[test]
fn links_an_incident_both_ways_and_refuses_what_is_linked_already() {
    block_on(async {
        let s = MemoryStore::new();
        let (p, _) = new_problem(&s, "Payslips blank").await;
        let (other, _) = new_problem(&s, "Other").await;
        let a = new_incident(&s, "Payslip 1 blank", Impact::Low, None).await;
        let r = p.reference.as_str();
        let message = |res: &Result<Problem, AppError>| {
            res.as_ref()
                .err()
                .and_then(|e| e.validation())
                .and_then(|v| v.for_field("incident"))
                .unwrap_or_default()
                .to_owned()
        };
        let blank = link_incident(&s, r, "  ", "pm").await;
        assert!(message(&blank).contains("Enter"), "{blank:?}");
        let missing = link_incident(&s, r, "inc-nope0-0001", "pm").await;
        assert!(message(&missing).contains("INC-NOPE0-0001"), "{missing:?}");

        let before = seq(&s).await;
        let linked = link_incident(&s, r, &a.reference.as_str().to_lowercase(), "pm")
            .await
            .ok_or_panic();
        assert_eq!(linked.incidents, vec![a.id.clone()]);
        assert_eq!(
            seq(&s).await,
            before + 2,
            "problem and incident in one batch"
        );
        assert_eq!(
            stored_incident(&s, &a.id).await.problem.as_deref(),
            Some(p.id.as_str())
        );

        let twice = link_incident(&s, r, a.reference.as_str(), "pm").await;
        assert!(message(&twice).contains("already linked to"), "{twice:?}");
        let elsewhere =
            link_incident(&s, other.reference.as_str(), a.reference.as_str(), "pm").await;
        assert!(
            message(&elsewhere).contains(r),
            "names the other problem: {elsewhere:?}"
        );
        assert_eq!(seq(&s).await, before + 2, "refusals write nothing");
    });
}

/// A problem with fix notes, under investigation, with `n` new incidents linked.
async fn fixable(s: &MemoryStore, n: usize) -> (Problem, Rev, Vec<Incident>) {
    let (p, rev) = new_problem(s, "Payslips blank").await;
    let mut edit = p.draft();
    edit.fix_notes = "Embedded the font".into();
    let p = update(s, p, rev, edit, "pm").await.ok_or_panic();
    let r = p.reference.as_str().to_owned();
    let mut list = Vec::new();
    for k in 0..n {
        let i = new_incident(s, &format!("Payslip {k} blank"), Impact::Low, None).await;
        link_incident(s, &r, i.reference.as_str(), "pm")
            .await
            .ok_or_panic();
        list.push(stored_incident(s, &i.id).await);
    }
    let (_, rev) = by_reference(s, &r).await.ok_or_panic();
    let to = ProblemStatus::UnderInvestigation;
    move_to(s, &r, &rev, to, None, "pm").await.ok_or_panic();
    let (p, rev) = by_reference(s, &r).await.ok_or_panic();
    (p, rev, list)
}

fn chosen(incidents: &[&Incident], note: &str) -> Vec<IncidentResolution> {
    incidents
        .iter()
        .map(|i| IncidentResolution {
            incident_id: i.id.clone(),
            note: note.into(),
        })
        .collect()
}

#[test]
fn resolves_the_problem_and_the_chosen_incidents_in_one_batch() {
    block_on(async {
        let s = MemoryStore::new();
        let (p, rev, list) = fixable(&s, 2).await;
        let before = seq(&s).await;
        let done = resolve_with_incidents(
            &s,
            p.reference.as_str(),
            &rev,
            &chosen(&[&list[0]], "Font embedded"),
            Some("2.5 out".into()),
            "pm",
        )
        .await
        .ok_or_panic();
        assert_eq!(done.status, ProblemStatus::Resolved);
        assert_eq!(
            seq(&s).await,
            before + 2,
            "problem and one incident, one batch"
        );
        let a = stored_incident(&s, &list[0].id).await;
        assert_eq!(a.status, crate::domain::incident::IncidentStatus::Resolved);
        assert_eq!(a.resolution_code.as_deref(), Some("fixed"));
        assert_eq!(a.resolution_notes.as_deref(), Some("Font embedded"));
        assert_eq!(
            stored_incident(&s, &list[1].id).await,
            list[1],
            "unchosen untouched"
        );
    });
}

#[test]
fn a_refused_or_stale_resolve_writes_nothing() {
    block_on(async {
        let s = MemoryStore::new();
        let (p, rev, list) = fixable(&s, 2).await;
        let r = p.reference.as_str();
        let before = seq(&s).await;
        let blank =
            resolve_with_incidents(&s, r, &rev, &chosen(&[&list[0], &list[1]], " "), None, "pm")
                .await;
        let Err(AppError::Refused(why)) = &blank else {
            panic!("{blank:?}")
        };
        assert!(
            why.contains(list[0].reference.as_str()) && why.contains(list[1].reference.as_str()),
            "{why}"
        );
        assert_eq!(seq(&s).await, before);

        // The problem changed since the page showed it: stale.
        let (p_now, p_rev) = by_reference(&s, r).await.ok_or_panic();
        let mut edit = p_now.draft();
        edit.description = "More".into();
        update(&s, p_now, p_rev, edit, "pm").await.ok_or_panic();
        let before = seq(&s).await;
        let stale =
            resolve_with_incidents(&s, r, &rev, &chosen(&[&list[0]], "ok"), None, "pm").await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        assert_eq!(seq(&s).await, before);
        let (still, _) = by_reference(&s, r).await.ok_or_panic();
        assert_eq!(still.status, ProblemStatus::UnderInvestigation);
    });
}
