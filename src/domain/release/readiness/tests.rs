//! Tests of the readiness gate: which known errors are carried, which are documented,
//! and the gated move to Deployed with and without an override.

use super::*;
use crate::domain::kernel::history::Change;
use crate::domain::knowledge::article::ArticleStatus;
use crate::domain::known_error::KnownErrorStatus;
use crate::domain::release::fixtures::{article, known_error, release, NOW};
use crate::domain::release::ReleaseStatus;

fn carried_release() -> (Release, Vec<KnownError>) {
    let mut rel = release();
    let a = known_error(1, "Payslip PDF blank");
    let mut b = known_error(2, "Totals off by a cent");
    b.carried_forward = true;
    b.release_introduced = Some(rel.id.clone());
    let c = known_error(3, "Not carried");
    rel.carry_forward(&a.id, NOW, "rm");
    (rel, vec![a, b, c])
}

#[test]
fn carried_are_the_list_and_the_flagged_ones_not_fixed_or_retired() {
    let (rel, mut kes) = carried_release();
    let ids = |kes: &[KnownError]| -> Vec<String> {
        carried_known_errors(&rel, kes)
            .iter()
            .map(|k| k.id.clone())
            .collect()
    };
    assert_eq!(ids(&kes), ["known_error:1", "known_error:2"]);
    kes[0].status = KnownErrorStatus::Fixed;
    kes[1].status = KnownErrorStatus::Retired;
    assert!(
        ids(&kes).is_empty(),
        "fixed and retired are no longer carried"
    );
}

#[test]
fn documented_only_by_a_published_article_either_way_round() {
    let (rel, mut kes) = carried_release();
    // KE 1 names a published article; KE 2 is named by an article in review.
    let published = article(10, ArticleStatus::Published, &[]);
    kes[0].article = Some(published.id.clone());
    let in_review = article(11, ArticleStatus::InReview, &["known_error:2"]);
    let articles = vec![published, in_review];
    let gate = readiness(&rel, &kes, &articles);
    assert_eq!(gate.len(), 2);
    assert!(gate[0].documented());
    assert!(!gate[1].documented());
    let missing = missing(&gate);
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].contains(kes[1].reference.as_str()),
        "{missing:?}"
    );
    assert!(
        missing[0].contains("in review, not published"),
        "{missing:?}"
    );
}

#[test]
fn no_article_at_all_is_named_and_retired_articles_do_not_count() {
    let (rel, kes) = carried_release();
    let retired = article(12, ArticleStatus::Retired, &["known_error:1"]);
    let gate = readiness(&rel, &kes, std::slice::from_ref(&retired));
    let missing = missing(&gate);
    assert_eq!(missing.len(), 2);
    assert!(
        missing[0].ends_with("has no knowledge article."),
        "{missing:?}"
    );
}

#[test]
fn a_new_version_in_draft_keeps_the_published_one_in_place() {
    let (rel, kes) = carried_release();
    let mut a = article(
        13,
        ArticleStatus::Published,
        &["known_error:1", "known_error:2"],
    );
    assert!(a
        .transition(ArticleStatus::Draft, NOW, "kb", Some("update".into()))
        .is_ok());
    assert!(is_published(&a));
    assert!(missing(&readiness(&rel, &kes, &[a])).is_empty());
}

#[test]
fn deploy_is_refused_naming_the_policy_then_allowed_with_an_override() {
    let (mut rel, kes) = carried_release();
    assert!(rel
        .transition(ReleaseStatus::InTesting, NOW, "rm", None)
        .is_ok());
    let blockers = missing(&readiness(&rel, &kes, &[]));
    let refused = rel.transition_gated(ReleaseStatus::Deployed, &blockers, None, NOW, "rm");
    let reason = refused.err().map(|e| e.reason).unwrap_or_default();
    assert!(reason.contains("policy “A known error carried forward has a published knowledge article before deployment”"), "{reason}");
    assert!(reason.contains(kes[0].reference.as_str()), "{reason}");
    assert_eq!(rel.status, ReleaseStatus::InTesting);
    let blank = rel.transition_gated(ReleaseStatus::Deployed, &blockers, Some("  "), NOW, "rm");
    assert!(blank.is_err(), "a blank override is no override");
    let ok = rel.transition_gated(
        ReleaseStatus::Deployed,
        &blockers,
        Some("Payroll run on Friday cannot wait"),
        NOW,
        "rm",
    );
    assert!(ok.is_ok());
    assert_eq!(rel.status, ReleaseStatus::Deployed);
    let recorded = rel.history.events().iter().any(|e| match &e.change {
        Change::Status {
            to,
            reason: Some(r),
            ..
        } => {
            to == "Deployed"
                && r.starts_with("Override of policy")
                && r.contains("Payroll run on Friday")
        }
        _ => false,
    });
    assert!(recorded, "the override and its reason are in the history");
}

#[test]
fn an_open_gate_deploys_without_override() {
    let (mut rel, kes) = carried_release();
    let articles = vec![article(
        14,
        ArticleStatus::Published,
        &["known_error:1", "known_error:2"],
    )];
    assert!(rel
        .transition(ReleaseStatus::InTesting, NOW, "rm", None)
        .is_ok());
    let blockers = missing(&readiness(&rel, &kes, &articles));
    assert!(blockers.is_empty());
    assert!(rel
        .transition_gated(ReleaseStatus::Deployed, &blockers, None, NOW, "rm")
        .is_ok());
    assert_eq!(rel.deployment_date, Some(NOW));
}
