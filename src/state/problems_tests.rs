//! Native tests of the problem actions against the in-memory store: creating a problem
//! from incidents links both ways in one write, and refusals change nothing.

use super::*;
use crate::domain::history::Change;
use crate::domain::incident::IncidentDraft;
use crate::domain::priority::{Impact, Priority, Urgency};
use crate::state::incidents;
use crate::state::records::save;
use crate::storage::memory::MemoryStore;
use crate::storage::Store;
use crate::test_util::block_on;

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
    incidents::create(store, draft, "agent")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn stored_incident(store: &MemoryStore, id: &str) -> Incident {
    incident_by_id(store, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .0
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
            .unwrap_or_else(|e| panic!("{e}"));
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
            .unwrap_or_else(|e| panic!("{e}"));
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
            .unwrap_or_else(|e| panic!("{e}"));
        // Another tab edits b between the read and the write.
        let (mut other, rev) = incident_by_id(&s, &b.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        other.title = "Edited in another tab".into();
        save(&s, &Record::Incident(other), Some(rev))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let r = write_plan(&s, plan).await;
        assert!(matches!(r, Err(AppError::Stale)), "{r:?}");
        assert_eq!(stored_incident(&s, &a.id).await, a, "a untouched");
        let b_now = stored_incident(&s, &b.id).await;
        assert_eq!(b_now.title, "Edited in another tab");
        assert_eq!(b_now.problem, None);
        let problems = crate::state::records::all_of_kind(&s, KIND).await;
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
