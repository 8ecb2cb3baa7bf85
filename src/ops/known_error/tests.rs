//! Native tests of the known error actions against the in-memory store: creating from
//! a problem (and moving it) in one write, edits and moves on the revision read,
//! linked incidents through the queue rows, applying and communicating workarounds
//! without ever posting the same one twice, and refusals that write nothing.

use super::*;
use crate::domain::config::priority::Priority;
use crate::domain::demo::scenario;
use crate::domain::kernel::time::Timestamp;
use crate::domain::problem::ProblemDraft;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

async fn demo_store() -> MemoryStore {
    let s = MemoryStore::new();
    for r in scenario(Timestamp::from_civil(2026, 3, 2, 9, 0)) {
        save(&s, &r, None).await.unwrap_or_else(|e| panic!("{e}"));
    }
    s
}

fn ok<T>(r: Result<T, AppError>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

async fn seq(s: &MemoryStore) -> u64 {
    s.last_seq().await.unwrap_or_default()
}

/// A problem under investigation (or only logged, with `investigate` false).
async fn problem(s: &MemoryStore, investigate: bool) -> Problem {
    let draft = ProblemDraft {
        title: "Timesheet import rounds overtime down".into(),
        description: "Imported 7.5 overtime hours show as 7.".into(),
        priority: Priority::P3,
        service: None,
        root_cause: "Integer division in the importer.".into(),
        workaround: "Enter overtime by hand in the preview.".into(),
        fix_notes: String::new(),
        release_found: Some("release:payroll".into()),
        target_fix_release: None,
    };
    let r = ok(next_reference(s, RefKind::Problem).await);
    let mut p = Problem::create(draft, new_id("problem"), r, Timestamp(1), "pm")
        .unwrap_or_else(|e| panic!("{e}"));
    if investigate {
        let moved = p.transition(ProblemStatus::UnderInvestigation, Timestamp(2), "pm", None);
        assert!(moved.is_ok());
    }
    ok(save(s, &Record::Problem(p.clone()), None).await);
    p
}

async fn stored_problem(s: &MemoryStore, reference: &str) -> Problem {
    ok(problem::by_reference(s, reference).await).0
}

#[test]
fn created_from_a_problem_under_investigation_moves_it_in_the_same_write() {
    block_on(async {
        let s = demo_store().await;
        let p = problem(&s, true).await;
        let start = ok(start(&s, &p.reference.as_str().to_lowercase()).await);
        assert_eq!(start.draft.problem.as_deref(), Some(p.id.as_str()));
        assert_eq!(
            start.draft.release_introduced.as_deref(),
            Some("release:payroll")
        );
        assert!(start.problem.is_some_and(|p| offers(&p)));
        let before = seq(&s).await;
        let k = ok(create(&s, start.draft, true, "Grace").await);
        assert!(k.reference.as_str().starts_with("KE-"));
        assert_eq!(k.status, KnownErrorStatus::Draft);
        assert_eq!(seq(&s).await, before + 2, "one batch of two documents");
        let moved = stored_problem(&s, p.reference.as_str()).await;
        assert_eq!(moved.status, ProblemStatus::KnownError);
        let last = moved.history.last().map(|e| e.change.clone());
        let link = Change::Linked {
            what: "known_error".into(),
            target: k.id.clone(),
        };
        assert_eq!(last, Some(link));
        let (back, _) = ok(by_reference(&s, k.reference.as_str()).await);
        assert_eq!(back, k);
        assert!(ok(all(&s).await).iter().any(|x| x.id == k.id));
    })
}

fn offers(p: &Problem) -> bool {
    prefill::offers_problem_move(p)
}

#[test]
fn a_refused_problem_move_writes_nothing_and_no_move_leaves_the_problem() {
    block_on(async {
        let s = demo_store().await;
        let logged = problem(&s, false).await;
        let draft = ok(start(&s, logged.reference.as_str()).await).draft;
        let before = seq(&s).await;
        let refused = create(&s, draft.clone(), true, "Grace").await;
        assert!(
            matches!(refused, Err(AppError::Transition(_))),
            "{refused:?}"
        );
        assert_eq!(seq(&s).await, before);
        assert_eq!(ok(all(&s).await).len(), 2, "only the demo's known errors");
        let k = ok(create(&s, draft, false, "Grace").await);
        assert_eq!(seq(&s).await, before + 1);
        let p = stored_problem(&s, logged.reference.as_str()).await;
        assert_eq!((p.status, k.problem), (ProblemStatus::New, Some(logged.id)));
        let mut bad = prefill::blank();
        bad.title = "x".into();
        let invalid = create(&s, bad, false, "Grace").await;
        assert!(invalid
            .as_ref()
            .err()
            .and_then(|e| e.validation())
            .is_some());
        let missing = start(&s, "PRB-NOPE0-0001").await;
        assert!(matches!(missing, Err(AppError::NotFound(_))));
    })
}

#[test]
fn edits_and_moves_are_refused_when_stale() {
    block_on(async {
        let s = demo_store().await;
        let mut draft = prefill::blank();
        draft.title = "Bank export times out".into();
        draft.symptoms = "Gateway timeout after 60 seconds.".into();
        let k = ok(create(&s, draft, false, "Grace").await);
        let r = k.reference.as_str().to_owned();
        let (read, rev) = ok(by_reference(&s, &r).await);
        let refused = move_to(&s, &r, "Grace", KnownErrorStatus::Active, None, Some(&rev)).await;
        let reason = match refused {
            Err(AppError::Transition(t)) => t.reason,
            other => panic!("{other:?}"),
        };
        assert!(
            reason.starts_with("A known error cannot go from Draft to Active")
                && reason.contains("workaround"),
            "{reason}"
        );
        let mut edit = read.draft();
        edit.workaround = "Export in batches of 400.".into();
        let edited = ok(update(&s, read.clone(), rev.clone(), edit.clone(), "Grace").await);
        assert_eq!(edited.workaround, "Export in batches of 400.");
        let stale = update(&s, read, rev.clone(), edit, "Grace").await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        let stale = move_to(&s, &r, "Grace", KnownErrorStatus::Active, None, Some(&rev)).await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        let active = ok(move_to(&s, &r, "Grace", KnownErrorStatus::Active, None, None).await);
        assert_eq!(active.status, KnownErrorStatus::Active);
    })
}

#[test]
fn related_records_name_problems_articles_and_releases() {
    block_on(async {
        let s = demo_store().await;
        let rel = ok(related(&s).await);
        assert_eq!((rel.problems.len(), rel.releases.len()), (2, 2));
        let (k, _) = ok(by_reference(&s, "KE-DEM00-0002").await);
        let article = RelatedRecords::find(&rel.articles, k.article.as_deref());
        assert!(article.is_some_and(|a| a.published && a.reference.starts_with("KB-")));
        let release = RelatedRecords::find(&rel.releases, k.release_introduced.as_deref());
        assert_eq!(
            release.map(|r| r.title.as_str()),
            Some("Customer portal 5.1")
        );
        let problem = RelatedRecords::find(&rel.problems, k.problem.as_deref());
        assert!(problem.is_some_and(|p| p.label().starts_with("PRB-DEM00-")));
    })
}

#[test]
fn apply_one_then_communicate_to_all_without_repeating() {
    block_on(async {
        let s = demo_store().await;
        let (k, rev) = ok(by_reference(&s, "KE-DEM00-0002").await);
        let queue = Queue::new();
        let linked = ok(linked_incidents(&s, &queue, 1, &k.id).await);
        let refs: Vec<&str> = linked.iter().map(|i| i.reference.as_str()).collect();
        assert_eq!(refs, ["INC-DEM00-0004", "INC-DEM00-0005", "INC-DEM00-0010"]);

        // Apply on an open incident not linked yet: INC-DEM00-0006 (order history slow).
        let i = ok(apply_workaround(&s, "INC-DEM00-0006", "Ada", &k.id).await);
        assert_eq!(i.known_error.as_deref(), Some(k.id.as_str()));
        let again = apply_workaround(&s, "INC-DEM00-0006", "Ada", &k.id).await;
        let msg = again
            .as_ref()
            .err()
            .and_then(|e| e.validation())
            .and_then(|v| v.for_field("known_error"))
            .unwrap_or_default();
        assert!(msg.contains("already communicated"), "{again:?}");

        let linked = ok(linked_incidents(&s, &queue, 2, &k.id).await);
        assert_eq!(linked.len(), 4);
        let ids: Vec<String> = linked.iter().map(|i| i.id.clone()).collect();
        let before = seq(&s).await;
        let out = ok(communicate_workaround(&s, "KE-DEM00-0002", Some(&rev), &ids, "Ben").await);
        let updated: Vec<&str> = out.updated.iter().map(|i| i.reference.as_str()).collect();
        assert_eq!(updated, ["INC-DEM00-0004"]);
        assert_eq!(
            (out.already.as_slice(), out.not_open),
            (&["INC-DEM00-0006".to_owned()][..], 2)
        );
        assert_eq!(seq(&s).await, before + 1);
        let stored = ok(incident::by_reference(&s, "INC-DEM00-0004").await).0;
        assert!(workaround::already_communicated(&stored, &k));

        let second = ok(communicate_workaround(&s, "KE-DEM00-0002", Some(&rev), &ids, "Ben").await);
        assert!(second.updated.is_empty());
        assert_eq!(second.already.len(), 2);
        assert_eq!(seq(&s).await, before + 1, "nothing written the second time");
    })
}

#[test]
fn communicating_is_refused_for_a_draft_or_a_stale_known_error() {
    block_on(async {
        let s = demo_store().await;
        let (k, rev) = ok(by_reference(&s, "KE-DEM00-0001").await);
        let ids = vec!["incident:nope".to_owned()];
        let before = seq(&s).await;
        let mut edit = k.draft();
        edit.title = "Payslip PDF blank (accented names)".into();
        ok(update(&s, k.clone(), rev.clone(), edit, "Grace").await);
        let stale = communicate_workaround(&s, "KE-DEM00-0001", Some(&rev), &ids, "Ben").await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        ok(move_to(
            &s,
            "KE-DEM00-0001",
            "Grace",
            KnownErrorStatus::Fixed,
            None,
            None,
        )
        .await);
        let refused = communicate_workaround(&s, "KE-DEM00-0001", None, &ids, "Ben").await;
        let text = refused
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            text.starts_with("Nothing was changed: KE-DEM00-0001 is fixed"),
            "{text}"
        );
        assert_eq!(seq(&s).await, before + 2, "only the edit and the move");
        let refused = apply_workaround(&s, "INC-DEM00-0002", "Ada", &k.id).await;
        assert!(refused
            .as_ref()
            .err()
            .and_then(|e| e.validation())
            .is_some());
    })
}
