//! Native tests of the release actions against the in-memory store: carrying a known
//! error forward writes both records, the deploy gate refuses until the article is
//! published (or an override is given), acceptance follows the exit criteria, and a
//! stale page changes nothing.

use super::*;
use crate::domain::incident::{Environment, IncidentDraft};
use crate::domain::kernel::reference::{DeviceTag, Reference};
use crate::domain::knowledge::article::{ArticleDraft, ArticleStatus, Audience, KnowledgeArticle};
use crate::domain::known_error::KnownErrorDraft;
use crate::ops::incident;
use crate::ops::records::save;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

async fn setup(s: &MemoryStore) -> (Release, KnownError) {
    let draft = ReleaseDraft {
        name: "Payroll".into(),
        version: "2.4".into(),
        services: vec!["service:payroll".into()],
        deployment_date: None,
        els_days: 14,
    };
    let rel = ok(create(s, draft, "rm").await);
    let ke_draft = KnownErrorDraft {
        title: "Totals off by a cent".into(),
        symptoms: "Payslip totals differ by one cent".into(),
        root_cause: String::new(),
        workaround: "Use the corrected PDF".into(),
        error_code: Some("PAY-17".into()),
        problem: None,
        article: None,
        release_introduced: None,
        carried_forward: false,
        fix_release: None,
    };
    let r = Reference::new(RefKind::KnownError, &DeviceTag::from_bits(9), 1);
    let ke = ok(KnownError::create(
        ke_draft,
        "known_error:1".into(),
        r,
        super::super::clock::now(),
        "pm",
    ));
    ok(save(s, &Record::KnownError(ke.clone()), None).await);
    (rel, ke)
}

async fn rev_of(s: &MemoryStore, reference: &str) -> (Release, Rev) {
    ok(by_reference(s, reference).await)
}

async fn publish_article_about(s: &MemoryStore, ke: &KnownError) {
    let draft = ArticleDraft {
        title: "Payslip totals off by a cent".into(),
        summary: "Use the corrected PDF".into(),
        body: "Download the corrected PDF.".into(),
        audience: Audience::Public,
        tags: vec![],
        services: vec![],
        known_errors: vec![ke.id.clone()],
        review_due: None,
    };
    let r = Reference::new(RefKind::Article, &DeviceTag::from_bits(9), 1);
    let now = super::super::clock::now();
    let mut a = ok(KnowledgeArticle::create(
        draft,
        "article:1".into(),
        r,
        now,
        "kb",
    ));
    ok(a.transition(ArticleStatus::InReview, now, "kb", None));
    ok(a.transition(ArticleStatus::Published, now, "kb", None));
    ok(save(s, &Record::Article(a), None).await);
}

#[test]
fn carry_forward_then_gate_then_publish_then_deploy() {
    block_on(async {
        let s = MemoryStore::new();
        let q = Queue::new();
        let (rel, ke) = setup(&s).await;
        let r = rel.reference.as_str().to_owned();
        let (_, rev) = rev_of(&s, &r).await;
        ok(move_to(&s, (&q, 1), &r, &rev, ReleaseStatus::InTesting, None, "rm").await);
        let (_, rev) = rev_of(&s, &r).await;
        ok(carry_forward(&s, &r, &rev, &ke.id, "rm").await);
        let stored = ok(s.get(&ke.id).await).map(|d| d.body).unwrap_or_default();
        assert!(stored.contains(r#""carried_forward":true"#), "{stored}");
        assert!(stored.contains(&format!(r#""release_introduced":"{}""#, rel.id)));
        let (now_rel, rev) = rev_of(&s, &r).await;
        assert_eq!(now_rel.known_errors_carried, std::slice::from_ref(&ke.id));

        let refused = move_to(&s, (&q, 2), &r, &rev, ReleaseStatus::Deployed, None, "rm").await;
        let msg = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("published knowledge article before deployment"),
            "{msg}"
        );
        assert!(msg.contains(ke.reference.as_str()), "{msg}");
        assert_eq!(
            rev_of(&s, &r).await.0.status,
            ReleaseStatus::InTesting,
            "nothing written"
        );

        publish_article_about(&s, &ke).await;
        let deployed =
            ok(move_to(&s, (&q, 3), &r, &rev, ReleaseStatus::Deployed, None, "rm").await);
        assert_eq!(deployed.status, ReleaseStatus::Deployed);
        assert!(deployed.deployment_date.is_some());
    });
}

#[test]
fn override_is_recorded_and_stale_pages_are_refused() {
    block_on(async {
        let s = MemoryStore::new();
        let q = Queue::new();
        let (rel, ke) = setup(&s).await;
        let r = rel.reference.as_str().to_owned();
        let (_, rev0) = rev_of(&s, &r).await;
        ok(move_to(&s, (&q, 1), &r, &rev0, ReleaseStatus::InTesting, None, "rm").await);
        let stale = move_to(&s, (&q, 1), &r, &rev0, ReleaseStatus::InTesting, None, "rm").await;
        assert!(matches!(stale, Err(AppError::Stale)));
        let (_, rev) = rev_of(&s, &r).await;
        ok(carry_forward(&s, &r, &rev, &ke.id, "rm").await);
        let (_, rev) = rev_of(&s, &r).await;
        let why = Some("Payroll run cannot wait; article due tomorrow");
        let done = ok(move_to(&s, (&q, 2), &r, &rev, ReleaseStatus::Deployed, why, "rm").await);
        let all = format!("{:?}", done.history.events());
        assert!(all.contains("Override of policy"), "{all}");
        assert!(all.contains("article due tomorrow"), "{all}");
        let (_, rev) = rev_of(&s, &r).await;
        let late = carry_forward(&s, &r, &rev, &ke.id, "rm").await;
        assert!(
            matches!(late, Err(AppError::Refused(_))),
            "no carrying after deployment"
        );
    });
}

#[test]
fn acceptance_follows_the_exit_criteria() {
    block_on(async {
        let s = MemoryStore::new();
        let q = Queue::new();
        let (rel, _) = setup(&s).await;
        let r = rel.reference.as_str().to_owned();
        for (n, to) in [
            ReleaseStatus::InTesting,
            ReleaseStatus::Deployed,
            ReleaseStatus::EarlyLifeSupport,
        ]
        .into_iter()
        .enumerate()
        {
            let (_, rev) = rev_of(&s, &r).await;
            ok(move_to(&s, (&q, n as u64 + 1), &r, &rev, to, None, "rm").await);
        }
        // A P1 production incident on the release's service, and no escalation
        // procedure for the service: two criteria unmet (the quiet period too: the
        // release deployed today).
        let draft = IncidentDraft {
            title: "Payroll down".into(),
            service: Some("service:payroll".into()),
            impact: crate::domain::config::priority::Impact::High,
            urgency: crate::domain::config::priority::Urgency::High,
            environment: Environment::Production,
            ..IncidentDraft::blank()
        };
        ok(incident::create(&s, draft, "agent").await);
        let (release, rev) = rev_of(&s, &r).await;
        let g = ok(gather(&s, &q, 10, &release, super::super::clock::now()).await);
        assert_eq!(g.production.len(), 1);
        let verdicts = g.verdicts(&release, super::super::clock::now());
        let unmet = crate::domain::release::exit_criteria::unmet(&verdicts);
        assert_eq!(unmet.len(), 3, "{unmet:?}");
        let refused = move_to(&s, (&q, 10), &r, &rev, ReleaseStatus::Accepted, None, "rm").await;
        let msg = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("exit criteria hold"), "{msg}");
        assert!(msg.contains("No open P1 or P2 incident"), "{msg}");
        // Switch the criteria off (with a reason, in the history): accepted without an
        // override.
        let none = ExitCriteria {
            no_open_p1_p2: false,
            max_incidents_per_day: 0,
            quiet_days: 0,
            known_errors_documented: false,
            escalation_defined: false,
        };
        let silent = set_exit_criteria(&s, &r, &rev, none.clone(), None, "rm").await;
        assert!(
            matches!(silent, Err(AppError::Validation(_))),
            "a reason is needed in ELS"
        );
        let why = Some("Accepted by the change board");
        ok(set_exit_criteria(&s, &r, &rev, none, why, "rm").await);
        let (_, rev) = rev_of(&s, &r).await;
        let accepted =
            ok(move_to(&s, (&q, 11), &r, &rev, ReleaseStatus::Accepted, None, "rm").await);
        assert_eq!(accepted.status, ReleaseStatus::Accepted);
        let report =
            ok(gather(&s, &q, 12, &accepted, super::super::clock::now()).await).report(&accepted);
        assert_eq!(report.production, 1);
        assert!(report.to_markdown().contains("Payroll down"));
    });
}

#[test]
fn stop_carrying_undoes_both_sides_until_deployment() {
    block_on(async {
        let s = MemoryStore::new();
        let q = Queue::new();
        let (rel, ke) = setup(&s).await;
        let r = rel.reference.as_str().to_owned();
        let (_, rev) = rev_of(&s, &r).await;
        ok(carry_forward(&s, &r, &rev, &ke.id, "rm").await);
        let (_, rev) = rev_of(&s, &r).await;
        let back = ok(stop_carrying(&s, &r, &rev, &ke.id, "rm").await);
        assert!(back.known_errors_carried.is_empty());
        let stored = ok(s.get(&ke.id).await).map(|d| d.body).unwrap_or_default();
        assert!(stored.contains(r#""carried_forward":false"#), "{stored}");
        let (now_rel, rev) = rev_of(&s, &r).await;
        let g = ok(gather(&s, &q, 1, &now_rel, super::super::clock::now()).await);
        assert!(g.readiness(&now_rel).is_empty(), "nothing carried any more");
        // Deployed: carried known errors stay on record.
        ok(carry_forward(&s, &r, &rev, &ke.id, "rm").await);
        for (n, to) in [ReleaseStatus::InTesting, ReleaseStatus::Deployed]
            .into_iter()
            .enumerate()
        {
            let (_, rev) = rev_of(&s, &r).await;
            ok(move_to(&s, (&q, n as u64 + 2), &r, &rev, to, Some("test"), "rm").await);
        }
        let (_, rev) = rev_of(&s, &r).await;
        let refused = stop_carrying(&s, &r, &rev, &ke.id, "rm").await;
        assert!(matches!(refused, Err(AppError::Refused(_))));
    });
}
