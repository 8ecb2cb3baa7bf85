//! Tests of knowledge articles: lifecycle, versions, validation and edits.
use super::*;
use crate::domain::kernel::lifecycle::{exhaustive_transition_check, lint, reaches_terminal};
use crate::domain::kernel::reference::{DeviceTag, RefKind};
use crate::domain::knowledge::article::version::RestoreError;

fn draft() -> ArticleDraft {
    ArticleDraft {
        title: "Reset your VPN profile".into(),
        summary: "When the VPN keeps dropping".into(),
        body: "1. Open settings\n2. Remove the profile".into(),
        audience: Audience::Public,
        tags: vec!["vpn".into(), " vpn ".into(), "".into()],
        services: vec![],
        known_errors: vec![],
        review_due: None,
    }
}

fn article() -> KnowledgeArticle {
    let r = Reference::new(RefKind::Article, &DeviceTag::from_bits(1), 1);
    KnowledgeArticle::create(draft(), "article:1".into(), r, Timestamp(1), "kb")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lifecycle_is_sound() {
    assert_eq!(lint::<ArticleStatus>(), Ok(()));
    assert_eq!(exhaustive_transition_check::<ArticleStatus>(), Ok(()));
    assert!(reaches_terminal::<ArticleStatus>());
}

#[test]
fn publish_and_new_version() {
    use ArticleStatus::*;
    let mut a = article();
    assert_eq!(a.tags, ["vpn"]);
    assert!(a.transition(Published, Timestamp(2), "kb", None).is_err());
    for s in [InReview, Published] {
        assert!(a.transition(s, Timestamp(2), "kb", None).is_ok());
    }
    assert!(a.is_public());
    assert!(a.transition(Draft, Timestamp(3), "kb", None).is_ok());
    assert_eq!(a.version, 2);
    assert!(!a.is_public());
    a.vote(true);
    a.vote(false);
    a.viewed();
    assert_eq!((a.helpful, a.not_helpful, a.views), (1, 1, 1));
}

#[test]
fn every_transition_from_every_state() {
    use ArticleStatus::*;
    for &from in ArticleStatus::all() {
        for &to in ArticleStatus::all() {
            let mut a = article();
            let path: &[ArticleStatus] = match from {
                Draft => &[],
                InReview => &[InReview],
                Published => &[InReview, Published],
                Retired => &[InReview, Published, Retired],
            };
            for &s in path {
                assert!(a.transition(s, Timestamp(2), "kb", None).is_ok());
            }
            let ok = a.transition(to, Timestamp(3), "kb", None).is_ok();
            assert_eq!(ok, from.allowed().contains(&to), "{from:?}→{to:?}");
        }
    }
}

#[test]
fn validation_and_edits() {
    let mut d = draft();
    d.body = "  ".into();
    d.tags = (0..21).map(|i| i.to_string()).collect();
    let errs = d.validate().err().unwrap_or_default();
    assert!(errs.for_field("body").is_some());
    assert!(errs.for_field("tags").is_some());
    let mut a = article();
    let mut d = draft();
    d.body = "New body".into();
    d.audience = Audience::Internal;
    d.review_due = Some(Timestamp(86_400_000));
    assert!(a.apply_edit(d, Timestamp(5), "kb").is_ok());
    assert_eq!(a.history.len(), 4);
    assert_eq!(a.body, "New body");
}

/// Submitted by the last writer, published by `by` (the reviewer).
fn publish(a: &mut KnowledgeArticle, at: i64, by: &str) {
    let writer = a.updated_by.clone();
    a.transition(ArticleStatus::InReview, Timestamp(at), &writer, None)
        .unwrap_or_else(|e| panic!("{e}"));
    a.transition(ArticleStatus::Published, Timestamp(at), by, None)
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn each_publish_keeps_a_version_with_its_reviewer() {
    let mut a = article();
    publish(&mut a, 10, "rev1");
    assert_eq!(a.reviewed_by.as_deref(), Some("rev1"));
    assert_eq!(a.reviewed_at, Some(Timestamp(10)));
    assert_eq!(a.versions.len(), 1);
    let v1 = &a.versions[0];
    assert_eq!((v1.version, v1.published_by.as_str()), (1, "rev1"));
    assert_eq!(v1.author, "kb");
    assert_eq!(v1.body, a.body);
    assert!(a.review_due.is_some_and(|d| d > Timestamp(10)));

    a.transition(ArticleStatus::Draft, Timestamp(11), "writer", None)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut d = a.draft();
    d.body = "Version two".into();
    a.apply_edit(d, Timestamp(12), "writer")
        .unwrap_or_else(|e| panic!("{e}"));
    publish(&mut a, 13, "rev2");
    assert_eq!(
        a.versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    let v2 = a.version_snapshot(2).unwrap_or_else(|| panic!("v2"));
    assert_eq!(
        (v2.body.as_str(), v2.author.as_str()),
        ("Version two", "writer")
    );
    assert_eq!(
        a.version_snapshot(1).map(|v| v.body.as_str()),
        Some(v1_body())
    );
}

fn v1_body() -> &'static str {
    "1. Open settings\n2. Remove the profile"
}

#[test]
fn restoring_an_old_version_makes_a_new_draft_and_keeps_every_version() {
    let mut a = article();
    publish(&mut a, 10, "rev");
    a.transition(ArticleStatus::Draft, Timestamp(11), "w", None)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut d = a.draft();
    d.body = "Version two".into();
    d.title = "New title".into();
    a.apply_edit(d, Timestamp(12), "w")
        .unwrap_or_else(|e| panic!("{e}"));
    publish(&mut a, 13, "rev");

    assert_eq!(
        a.restore_version(7, Timestamp(14), "w"),
        Err(RestoreError::NoSuchVersion(7))
    );
    assert_eq!(
        a.status,
        ArticleStatus::Published,
        "a refused restore changes nothing"
    );

    a.restore_version(1, Timestamp(15), "w")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.status, ArticleStatus::Draft);
    assert_eq!(a.version, 3, "restored content is a new version");
    assert_eq!(a.body, v1_body());
    assert_eq!(a.title, "Reset your VPN profile");
    assert_eq!(a.versions.len(), 2, "published versions are kept");
    let last = a.history.events().last().map(|e| e.change.describe());
    assert_eq!(last.as_deref(), Some("Restored version 1 as the draft"));
    publish(&mut a, 16, "rev");
    assert_eq!(
        a.versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn review_due_passes_with_time_but_not_for_retired_articles() {
    let mut d = draft();
    d.review_due = Some(Timestamp(100));
    let r = Reference::new(RefKind::Article, &DeviceTag::from_bits(1), 2);
    let mut a = KnowledgeArticle::create(d, "article:2".into(), r, Timestamp(1), "kb")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!a.review_is_due(Timestamp(99)));
    assert!(a.review_is_due(Timestamp(100)));
    publish(&mut a, 50, "rev");
    assert_eq!(a.review_due, Some(Timestamp(100)), "a future date is kept");
    a.transition(ArticleStatus::Retired, Timestamp(60), "rev", None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!a.review_is_due(Timestamp(200)));
}

#[test]
fn deflections_count_without_history() {
    let mut a = article();
    let before = a.history.events().len();
    a.deflected();
    a.deflected();
    assert_eq!(a.deflections, 2);
    assert_eq!(a.history.events().len(), before);
}

#[test]
fn the_portal_keeps_the_published_version_while_a_new_one_is_drafted() {
    let mut a = article();
    assert_eq!(a.portal_view(), None, "never published");
    publish(&mut a, 10, "rev");
    assert_eq!(a.portal_view().map(|v| v.body), Some(v1_body().to_owned()));
    a.transition(ArticleStatus::Draft, Timestamp(11), "w", None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !a.has_unpublished_text(),
        "a new version starts from the published text"
    );
    let mut d = a.draft();
    d.body = "Draft two, not reviewed".into();
    a.apply_edit(d, Timestamp(12), "w")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(a.has_unpublished_text());
    let view = a.portal_view().unwrap_or_else(|| panic!("still shown"));
    assert_eq!((view.body.as_str(), view.version), (v1_body(), 1));
    assert_eq!(view.status, ArticleStatus::Published);
    a.transition(ArticleStatus::InReview, Timestamp(13), "w", None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.portal_view().map(|v| v.version), Some(1));

    let mut internal = a.draft();
    internal.audience = Audience::Internal;
    a.transition(ArticleStatus::Draft, Timestamp(14), "w", None)
        .unwrap_or_else(|e| panic!("{e}"));
    a.apply_edit(internal, Timestamp(15), "w")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.portal_view(), None, "made internal: hidden at once");

    let mut b = article();
    publish(&mut b, 20, "rev");
    b.transition(ArticleStatus::Retired, Timestamp(21), "rev", None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.portal_view(), None, "retired: hidden");
}
