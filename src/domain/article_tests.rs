//! Tests of knowledge articles: lifecycle, versions, validation and edits.
use super::*;
use crate::domain::lifecycle::{exhaustive_transition_check, lint, reaches_terminal};
use crate::domain::reference::{DeviceTag, RefKind};

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
