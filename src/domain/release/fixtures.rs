//! Test fixtures for the release practice (tests only): a release, known errors,
//! articles and incidents built through the domain's own constructors.

use crate::domain::config::priority::{Priority, PriorityMatrix};
use crate::domain::incident::{Environment, Incident, IncidentDraft};
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::{ArticleDraft, ArticleStatus, Audience, KnowledgeArticle};
use crate::domain::known_error::{KnownError, KnownErrorDraft};
use crate::domain::release::{Release, ReleaseDraft};

/// A fixed "now" for the fixtures: 2027-01-15 12:00 UTC.
pub const NOW: Timestamp = Timestamp(1_800_000_000_000);

fn reference(kind: RefKind, n: u32) -> Reference {
    Reference::new(kind, &DeviceTag::from_bits(7), n)
}

/// `Payroll 2.4` for service `service:payroll`, 14 days of early life support.
pub fn release() -> Release {
    let draft = ReleaseDraft {
        name: "Payroll".into(),
        version: "2.4".into(),
        services: vec!["service:payroll".into()],
        deployment_date: None,
        els_days: 14,
    };
    Release::create(
        draft,
        "release:1".into(),
        reference(RefKind::Release, 1),
        NOW.plus_ms(-30 * Timestamp::DAY),
        "rm",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Known error `n`, active with a workaround.
pub fn known_error(n: u32, title: &str) -> KnownError {
    let draft = KnownErrorDraft {
        title: title.into(),
        symptoms: format!("{title}: users see it"),
        root_cause: "A bug".into(),
        workaround: "Reload the page".into(),
        error_code: None,
        problem: None,
        article: None,
        release_introduced: None,
        carried_forward: false,
        fix_release: None,
    };
    let mut k = KnownError::create(
        draft,
        format!("known_error:{n}"),
        reference(RefKind::KnownError, n),
        NOW,
        "pm",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    k.status = crate::domain::known_error::KnownErrorStatus::Active;
    k
}

/// Article `n` about known errors `kes`, in `status` (published ones carry a
/// published version).
pub fn article(n: u32, status: ArticleStatus, kes: &[&str]) -> KnowledgeArticle {
    let draft = ArticleDraft {
        title: format!("Workaround {n}"),
        summary: "How to get going".into(),
        body: "Reload.".into(),
        audience: Audience::Public,
        tags: vec![],
        services: vec![],
        known_errors: kes.iter().map(|s| s.to_string()).collect(),
        review_due: None,
    };
    let mut a = KnowledgeArticle::create(
        draft,
        format!("article:{n}"),
        reference(RefKind::Article, n),
        NOW,
        "kb",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    use ArticleStatus::*;
    let path: &[ArticleStatus] = match status {
        Draft => &[],
        InReview => &[InReview],
        Published => &[InReview, Published],
        Retired => &[InReview, Published, Retired],
    };
    for &s in path {
        a.transition(s, NOW, "kb", None)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    a
}

/// Incident `n` created at `created` with `priority`, in `environment`, naming
/// `release` and service `service`.
pub fn incident(
    n: u32,
    priority: Priority,
    environment: Environment,
    created: Timestamp,
    release: Option<&str>,
    service: Option<&str>,
) -> Incident {
    let draft = IncidentDraft {
        title: format!("Payslip problem {n}"),
        reporter_name: "Ana".into(),
        environment,
        release: release.map(str::to_owned),
        service: service.map(str::to_owned),
        category: "Application".into(),
        ..IncidentDraft::blank()
    };
    let mut i = Incident::create(
        draft,
        format!("incident:{n}"),
        reference(RefKind::Incident, n),
        created,
        "agent",
        &PriorityMatrix::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    i.priority = priority;
    i
}
