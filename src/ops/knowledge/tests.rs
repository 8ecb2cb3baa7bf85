//! Native tests of the article actions against the in-memory store: drafts started
//! from known errors and incidents link both ways in one write, only drafts are
//! edited, and versions restore through the store.

use super::*;
use crate::domain::demo::scenario;
use crate::domain::incident::kinds::IncidentStatus;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::Audience;
use crate::ops::records::save;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

async fn demo_store() -> (MemoryStore, Vec<Record>) {
    let s = MemoryStore::new();
    let records = scenario(Timestamp::from_civil(2026, 3, 2, 9, 0));
    for r in &records {
        save(&s, r, None).await.unwrap_or_else(|e| panic!("{e}"));
    }
    (s, records)
}

fn blank(title: &str) -> ArticleDraft {
    ArticleDraft {
        title: title.into(),
        summary: String::new(),
        body: "Line one\nLine two".into(),
        audience: Audience::Internal,
        tags: vec![],
        services: vec![],
        known_errors: vec![],
        review_due: None,
    }
}

#[test]
fn an_article_from_a_known_error_points_the_known_error_at_it() {
    block_on(async {
        let s = MemoryStore::new();
        let mut records = scenario(Timestamp::from_civil(2026, 3, 2, 9, 0));
        for r in records.iter_mut() {
            if let Record::KnownError(k) = r {
                k.article = None;
            }
            save(&s, r, None).await.unwrap_or_else(|e| panic!("{e}"));
        }
        let ke = records
            .iter()
            .find_map(|r| match r {
                Record::KnownError(k) => Some(k.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("a known error"));
        let draft = prefill(&s, ke.reference.as_str())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(draft.known_errors, vec![ke.id.clone()]);
        let a = create(&s, draft, Some(ke.reference.as_str()), "Kim")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(a.reference.as_str().starts_with("KB-"));
        let state = s
            .get(&ke.id)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("ke"));
        let Ok(Record::KnownError(stored)) = Record::from_json(&state.body) else {
            panic!("not a known error")
        };
        assert_eq!(stored.article.as_deref(), Some(a.id.as_str()));
        let (back, _) = by_reference(&s, a.reference.as_str())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, a);
    })
}

#[test]
fn only_a_resolved_incident_starts_an_article_and_a_refusal_writes_nothing() {
    block_on(async {
        let (s, records) = demo_store().await;
        let incidents: Vec<&Incident> = records
            .iter()
            .filter_map(|r| match r {
                Record::Incident(i) => Some(i),
                _ => None,
            })
            .collect();
        let open = incidents
            .iter()
            .find(|i| i.status == IncidentStatus::New)
            .unwrap_or_else(|| panic!("an open incident"));
        let seq = s.last_seq().await.unwrap_or_default();
        let refused = create(
            &s,
            blank("From an open one"),
            Some(open.reference.as_str()),
            "Kim",
        )
        .await;
        assert!(matches!(refused, Err(AppError::Refused(_))), "{refused:?}");
        assert_eq!(
            s.last_seq().await.unwrap_or_default(),
            seq,
            "nothing written"
        );
        assert!(matches!(
            prefill(&s, open.reference.as_str()).await,
            Err(AppError::Refused(_))
        ));

        let done = incidents
            .iter()
            .find(|i| i.status == IncidentStatus::Resolved)
            .unwrap_or_else(|| panic!("a resolved incident"));
        let draft = prefill(&s, done.reference.as_str())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let seq_before = s.last_seq().await.unwrap_or_default();
        assert!(seq_before >= seq);
        let a = create(&s, draft, Some(done.reference.as_str()), "Kim")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let (stored, _) = crate::ops::incident::by_reference(&s, done.reference.as_str())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(stored.articles.contains(&a.id));
        let written = s.last_seq().await.unwrap_or_default() - seq_before;
        assert_eq!(written, 2, "the article and the incident, nothing else");
    })
}

#[test]
fn only_drafts_are_edited_and_versions_restore_through_the_store() {
    block_on(async {
        let s = MemoryStore::new();
        let a = create(&s, blank("Reset the VPN"), None, "Writer")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let r = a.reference.to_string();
        move_to(&s, &r, "Writer", ArticleStatus::InReview, None, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let (a, rev) = by_reference(&s, &r).await.unwrap_or_else(|e| panic!("{e}"));
        let refused = update(
            &s,
            a.clone(),
            rev.clone(),
            blank("Changed in review"),
            "Writer",
        )
        .await;
        assert!(matches!(refused, Err(AppError::Refused(_))), "{refused:?}");
        move_to(&s, &r, "Reviewer", ArticleStatus::Published, None, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        move_to(&s, &r, "Writer", ArticleStatus::Draft, None, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let (a, rev) = by_reference(&s, &r).await.unwrap_or_else(|e| panic!("{e}"));
        let mut d = a.draft();
        d.body = "Line one\nLine 2".into();
        update(&s, a.clone(), rev.clone(), d.clone(), "Writer")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let stale = update(&s, a, rev, d, "Writer").await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        move_to(&s, &r, "Writer", ArticleStatus::InReview, None, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        move_to(&s, &r, "Reviewer", ArticleStatus::Published, None, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));

        let missing = restore(&s, &r, "Writer", 9, None).await;
        assert!(matches!(missing, Err(AppError::NotFound(_))), "{missing:?}");
        let a = restore(&s, &r, "Writer", 1, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((a.status, a.version), (ArticleStatus::Draft, 3));
        assert_eq!(a.body, "Line one\nLine two");
        let (stored, _) = by_reference(&s, &r).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stored.versions.len(), 2);
        assert_eq!(stored.reviewed_by.as_deref(), Some("Reviewer"));
    })
}

#[test]
fn a_reviewer_cannot_publish_text_that_changed_after_they_opened_it() {
    block_on(async {
        let s = MemoryStore::new();
        let a = create(&s, blank("Reset the VPN"), None, "Writer")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let r = a.reference.to_string();
        let ok = |x: Result<KnowledgeArticle, AppError>| x.unwrap_or_else(|e| panic!("{e}"));
        ok(move_to(&s, &r, "Writer", ArticleStatus::InReview, None, None).await);
        let (_, seen) = ok_pair(by_reference(&s, &r).await);
        // Meanwhile, in another tab: sent back, edited, resubmitted.
        ok(move_to(&s, &r, "Writer", ArticleStatus::Draft, None, None).await);
        let (a, rev) = ok_pair(by_reference(&s, &r).await);
        let mut d = a.draft();
        d.body = "Changed after review started".into();
        ok(update(&s, a, rev, d, "Writer").await);
        ok(move_to(&s, &r, "Writer", ArticleStatus::InReview, None, None).await);

        let stale = move_to(
            &s,
            &r,
            "Reviewer",
            ArticleStatus::Published,
            None,
            Some(&seen),
        )
        .await;
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
        let (now, rev) = ok_pair(by_reference(&s, &r).await);
        assert_eq!(now.status, ArticleStatus::InReview, "nothing published");
        let published = move_to(
            &s,
            &r,
            "Reviewer",
            ArticleStatus::Published,
            None,
            Some(&rev),
        )
        .await;
        assert_eq!(ok(published).reviewed_by.as_deref(), Some("Reviewer"));
    })
}

fn ok_pair<T>(x: Result<T, AppError>) -> T {
    x.unwrap_or_else(|e| panic!("{e}"))
}
