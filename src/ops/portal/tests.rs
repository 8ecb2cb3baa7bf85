//! Native tests of the portal against the in-memory store loaded with the demo desk:
//! suggestions and counters touch only public answers, an end user only ever reaches
//! their own incidents, and feedback is linked to a release in early life support.

use super::*;
use crate::domain::config::priority::{Impact, Urgency};
use crate::domain::incident::IncidentStatus;
use crate::domain::portal_me::PortalMe;
use crate::domain::portal_words::{public_thread, Affected, HowUrgent, ThreadKind};
use crate::domain::release::feedback::FeedbackKind;
use crate::ops::incident::actions as desk;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

fn demo() -> MemoryStore {
    let s = MemoryStore::default();
    block_on(crate::ops::demo::load(&s, 0)).unwrap_or_else(|e| panic!("{e}"));
    s
}

fn me(email: &str) -> PortalMe {
    PortalMe {
        name: "Alex Morgan".into(),
        email: email.into(),
    }
}

fn all<T>(s: &MemoryStore, f: impl Fn(Record) -> Option<T>) -> Vec<T> {
    let kinds = ["article", "known_error", "release", "service"];
    let mut out = Vec::new();
    for k in kinds {
        let records = block_on(all_of_kind(s, k)).unwrap_or_default();
        out.extend(records.into_iter().filter_map(&f));
    }
    out
}

fn form(title: &str, service: Option<String>, who: &PortalMe) -> ReportForm {
    ReportForm {
        title: title.into(),
        description: "It shows an error since this morning.".into(),
        service,
        affected: Affected::MyTeam,
        urgent: HowUrgent::CannotWork,
        me: who.clone(),
    }
}

#[test]
fn suggestions_offer_public_answers_only_and_name_the_release() {
    let s = demo();
    let pool = block_on(suggestion_pool(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert!(pool.len() >= 4, "{}", pool.len());
    let offers = pool.suggest("I get logged out when I change the language", 5);
    assert!(!offers.is_empty());
    let titles: Vec<&str> = offers.iter().map(|o| o.title.as_str()).collect();
    assert!(
        titles.contains(&"Logged out after changing the language on the customer portal"),
        "{titles:?}"
    );
    let issue = offers.iter().find(|o| !o.is_article());
    let line = issue.map(|o| o.line.as_str()).unwrap_or_default();
    assert!(
        line.starts_with("Known issue since release Customer portal 5.1 — workaround: "),
        "{line}"
    );
    // The internal payslip article never reaches the portal, whatever is typed.
    let payslip = pool.suggest("payslip pdf blank download html", 10);
    assert!(payslip
        .iter()
        .all(|o| o.title != "Payslip PDF is blank: download as HTML"));
    assert!(pool.suggest("ab", 5).is_empty());
}

#[test]
fn views_votes_and_deflections_count_on_public_answers_only() {
    let s = demo();
    let articles = all(&s, |r| match r {
        Record::Article(a) => Some(a),
        _ => None,
    });
    let public = articles.iter().find(|a| a.is_public());
    let internal = articles.iter().find(|a| {
        !a.is_public()
            && a.status
                .eq(&crate::domain::knowledge::article::ArticleStatus::Published)
    });
    let (Some(public), Some(internal)) = (public, internal) else {
        panic!("the demo has public and internal published articles");
    };
    let r = public.reference.as_str();
    let seen = block_on(visit_article(&s, r)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(seen.views, public.views + 1);
    assert!(block_on(vote(&s, &public.id, true)).is_ok());
    assert!(block_on(deflect(&s, &Target::Article(public.id.clone()))).is_ok());
    let after = block_on(public_article(&s, r)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.helpful, public.helpful + 1);
    assert_eq!(after.deflections, 1);
    assert_eq!(after.updated, public.updated, "counting is not an edit");

    let hidden = block_on(visit_article(&s, internal.reference.as_str()));
    assert!(matches!(hidden, Err(AppError::NotFound(_))), "{hidden:?}");
    let refused = block_on(deflect(&s, &Target::Article(internal.id.clone())));
    assert!(matches!(refused, Err(AppError::NotFound(_))));

    let ke = all(&s, |r| match r {
        Record::KnownError(k) if k.title.starts_with("Customers logged out") => Some(k),
        _ => None,
    });
    let Some(ke) = ke.first() else {
        panic!("demo known error")
    };
    assert!(block_on(deflect(&s, &Target::KnownError(ke.id.clone()))).is_ok());
    let stored = all(&s, |r| match r {
        Record::KnownError(k) if k.id == ke.id => Some(k.deflections),
        _ => None,
    });
    assert_eq!(stored, [1]);
}

#[test]
fn a_report_becomes_a_portal_incident_linked_to_the_els_release() {
    let s = demo();
    let services = all(&s, |r| match r {
        Record::Service(v) => Some(v),
        _ => None,
    });
    let id_of = |name: &str| {
        services
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.id.clone())
    };
    let who = me("alex.morgan@example.com");
    let bad = block_on(report(&s, form("x", None, &PortalMe::default())));
    let errs = bad
        .err()
        .and_then(|e| e.validation().cloned())
        .unwrap_or_default();
    for field in ["title", "name", "email"] {
        assert!(errs.for_field(field).is_some(), "{field}: {errs}");
    }

    let portal = block_on(report(
        &s,
        form("Basket empty after login", id_of("Customer portal"), &who),
    ));
    let portal = portal.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(portal.channel, crate::domain::incident::Channel::Portal);
    assert_eq!(
        (portal.impact, portal.urgency),
        (Impact::Medium, Urgency::High)
    );
    assert_eq!(portal.reporter.contact, "alex.morgan@example.com");
    assert_eq!(portal.created_by, "Alex Morgan (portal)");
    let els = block_on(els_releases(&s)).unwrap_or_default();
    assert_eq!(els.len(), 1);
    assert_eq!(
        portal.release.as_deref(),
        els.first().map(|r| r.id.as_str())
    );

    let vpn = block_on(report(&s, form("VPN slow", id_of("VPN"), &who)));
    assert_eq!(vpn.map(|i| i.release).ok(), Some(None));
}

#[test]
fn an_end_user_reaches_only_their_own_requests() {
    let s = demo();
    let alex = me("Alex.Morgan@example.com ");
    let other = me("someone.else@example.com");
    let made = block_on(report(
        &s,
        form("Printer jams", None, &me("alex.morgan@example.com")),
    ));
    let made = made.unwrap_or_else(|e| panic!("{e}"));
    let r = made.reference.as_str().to_owned();
    block_on(report(&s, form("Printer still jams", None, &alex))).unwrap_or_else(|e| panic!("{e}"));

    let mine = block_on(my_requests(&s, " ALEX.MORGAN@example.com")).unwrap_or_default();
    let titles: Vec<&str> = mine.iter().map(|i| i.title.as_str()).collect();
    assert!(
        titles.starts_with(&["Printer still jams", "Printer jams"]),
        "{titles:?}"
    );
    assert!(mine.iter().all(|i| alex.owns(&i.reporter.contact)));
    assert!(block_on(my_requests(&s, "  "))
        .unwrap_or_default()
        .is_empty());

    let theirs = block_on(my_request(&s, &r, &other))
        .err()
        .map(|e| e.to_string());
    let missing = block_on(my_request(&s, "INC-NOPE0-0001", &other))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        theirs, missing,
        "someone else's request looks like a missing one"
    );
    assert_eq!(missing.as_deref(), Some("This request was not found."));
    assert!(block_on(comment(&s, &r, &other, "mine now")).is_err());
    assert!(block_on(my_request(&s, &r.to_lowercase(), &alex)).is_ok());
}

#[test]
fn the_thread_is_public_and_the_end_user_confirms_or_reopens() {
    let s = demo();
    let alex = me("alex@example.com");
    let made = block_on(report(&s, form("Mail stuck in outbox", None, &alex)));
    let r = made
        .map(|i| i.reference.as_str().to_owned())
        .unwrap_or_else(|e| panic!("{e}"));
    let agent = "Maya Okafor";
    assert!(block_on(desk::add_note(
        &s,
        &r,
        agent,
        "Secret: mailbox quota",
        false
    ))
    .is_ok());
    assert!(block_on(desk::add_note(&s, &r, agent, "We are on it.", true)).is_ok());
    assert!(block_on(desk::assign(&s, &r, agent, Some("group:1".into()), None)).is_ok());
    let empty = block_on(comment(&s, &r, &alex, " "));
    assert!(matches!(empty, Err(AppError::Validation(_))));
    assert!(block_on(comment(&s, &r, &alex, "Thanks!")).is_ok());
    // Only a resolved incident can be confirmed.
    assert!(matches!(
        block_on(confirm_fixed(&s, &r, &alex)),
        Err(AppError::Transition(_))
    ));
    assert!(block_on(desk::resolve(&s, &r, agent, None, "Quota raised")).is_ok());
    let no_reason = block_on(reopen(&s, &r, &alex, ""));
    let errs = no_reason
        .err()
        .and_then(|e| e.validation().cloned())
        .unwrap_or_default();
    assert!(errs.for_field("reason").is_some());
    let back = block_on(reopen(&s, &r, &alex, "Still stuck"));
    assert_eq!(
        back.map(|i| i.status).ok(),
        Some(IncidentStatus::InProgress)
    );
    assert!(block_on(desk::resolve(&s, &r, agent, None, "Cleared the queue")).is_ok());
    let done = block_on(confirm_fixed(&s, &r, &alex)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.status, IncidentStatus::Closed);

    let thread = public_thread(&done);
    let texts: Vec<&str> = thread.iter().map(|t| t.text.as_str()).collect();
    assert!(!texts.iter().any(|t| t.contains("Secret")), "{texts:?}");
    assert!(!texts
        .iter()
        .any(|t| t.contains("group:1") || t.contains("Assigned")));
    assert_eq!(thread.first().map(|t| t.kind), Some(ThreadKind::Reported));
    assert!(texts.contains(&"We are on it."));
    assert!(texts.contains(&"Thanks!"));
    assert!(
        texts.contains(&"Status: Being worked on (reopened: Still stuck)"),
        "{texts:?}"
    );
    assert_eq!(texts.last(), Some(&"Status: Closed"));
    let by: Vec<&str> = thread
        .iter()
        .filter(|t| t.text == "Thanks!")
        .map(|t| t.by.as_str())
        .collect();
    assert_eq!(by, ["Alex Morgan (portal)"]);
}

#[test]
fn feedback_goes_to_a_release_in_early_life_support() {
    let s = demo();
    let els = block_on(els_releases(&s)).unwrap_or_default();
    let Some(release) = els.first() else {
        panic!("demo ELS release")
    };
    let other = all(&s, |r| match r {
        Record::Release(r) if r.status != ReleaseStatus::EarlyLifeSupport => Some(r.id),
        _ => None,
    });
    let draft = |release: &str, text: &str| FeedbackDraft {
        release: release.into(),
        service: release_service(&s, release),
        kind: FeedbackKind::Complaint,
        text: text.into(),
        name: "Alex".into(),
        contact: "alex@example.com".into(),
    };
    let empty = block_on(send_feedback(&s, draft(&release.id, "  ")));
    assert!(matches!(empty, Err(AppError::Validation(_))));
    let Some(not_els) = other.first() else {
        panic!("demo release in testing")
    };
    let refused = block_on(send_feedback(&s, draft(not_els, "Slow")));
    let errs = refused
        .err()
        .and_then(|e| e.validation().cloned())
        .unwrap_or_default();
    assert!(errs.for_field("release").is_some());
    for text in ["Checkout is slow", "Language switch logs me out"] {
        assert!(block_on(send_feedback(&s, draft(&release.id, text))).is_ok());
    }
    let saved = block_on(feedback_for_release(&s, &release.id)).unwrap_or_default();
    assert_eq!(saved.len(), 2);
    assert!(saved
        .iter()
        .all(|f| f.release == release.id && f.service.is_some()));
    assert!(block_on(feedback_for_release(&s, not_els))
        .unwrap_or_default()
        .is_empty());
}

fn release_service(s: &MemoryStore, release: &str) -> Option<String> {
    all(s, |r| match r {
        Record::Release(r) if r.id == release => r.services.first().cloned(),
        _ => None,
    })
    .pop()
}
