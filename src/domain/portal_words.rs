//! The portal's plain words, pure (no web types): an incident's status and public
//! thread as an end user may see them (never work notes, assignment or escalation),
//! the report form's "who is affected" and "how urgent" choices, and which articles
//! and releases the portal puts forward.

use crate::domain::config::priority::{Impact, Urgency};
use crate::domain::incident::{Incident, IncidentStatus};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::release::{Release, ReleaseStatus};

/// An incident's status in the end user's words.
pub fn status_words(status: IncidentStatus) -> &'static str {
    match status {
        IncidentStatus::New => "Received",
        IncidentStatus::InProgress => "Being worked on",
        IncidentStatus::OnHold => "Waiting",
        IncidentStatus::Resolved => "Resolved",
        IncidentStatus::Closed => "Closed",
        IncidentStatus::Cancelled => "Cancelled",
    }
}

/// One sentence saying what the status means for the end user.
pub fn status_meaning(status: IncidentStatus) -> &'static str {
    match status {
        IncidentStatus::New => "We have received your request and will look at it soon.",
        IncidentStatus::InProgress => "Someone is working on it.",
        IncidentStatus::OnHold => "We are waiting for something before we can go on.",
        IncidentStatus::Resolved => "We think it is fixed. Please tell us whether it is.",
        IncidentStatus::Closed => "This request is closed.",
        IncidentStatus::Cancelled => "This request was cancelled.",
    }
}

/// What a thread entry is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ThreadKind {
    /// The end user's report (title and description).
    Reported,
    /// A public comment, by the desk or the end user.
    Comment,
    /// The status changed.
    Status,
}

/// One entry of the thread the end user sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadEntry {
    /// When.
    pub at: Timestamp,
    /// Who (the desk agent's name, or `Alex (portal)`).
    pub by: String,
    /// What kind of entry.
    pub kind: ThreadKind,
    /// What to show.
    pub text: String,
}

/// The public thread of an incident, oldest first: the report, public comments and
/// status changes in plain words. Work notes, assignment, escalation, field changes
/// and links are internal and never appear.
pub fn public_thread(incident: &Incident) -> Vec<ThreadEntry> {
    let mut out = vec![ThreadEntry {
        at: incident.created,
        by: incident.reporter.name.clone(),
        kind: ThreadKind::Reported,
        text: if incident.description.trim().is_empty() {
            incident.title.clone()
        } else {
            incident.description.clone()
        },
    }];
    for e in incident.history.events() {
        let (kind, text) = match &e.change {
            Change::PublicComment { text } => (ThreadKind::Comment, text.clone()),
            Change::Status { from, to, reason } => match status_change(from, to, reason) {
                Some(text) => (ThreadKind::Status, text),
                None => continue,
            },
            _ => continue,
        };
        out.push(ThreadEntry {
            at: e.at,
            by: e.by.clone(),
            kind,
            text,
        });
    }
    out
}

fn status_of(label: &str) -> Option<IncidentStatus> {
    IncidentStatus::all()
        .iter()
        .copied()
        .find(|s| s.label() == label)
}

/// `Status: Being worked on`, with the reason only for a reopening (the end user's
/// own words, or the desk's) and a cancellation; hold reasons stay internal.
fn status_change(from: &str, to: &str, reason: &Option<String>) -> Option<String> {
    let (from, to) = (status_of(from)?, status_of(to)?);
    let text = format!("Status: {}", status_words(to));
    let reopened = from == IncidentStatus::Resolved && to == IncidentStatus::InProgress;
    let says_why = reopened || to == IncidentStatus::Cancelled;
    Some(match reason.as_deref().map(str::trim) {
        Some(r) if says_why && !r.is_empty() => {
            let what = if reopened { "reopened" } else { "cancelled" };
            format!("{text} ({what}: {r})")
        }
        _ => text,
    })
}

/// Who a problem affects, in the report form's words (→ impact).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Affected {
    /// Only the person reporting.
    JustMe,
    /// Their team or a few people.
    MyTeam,
    /// Many people or everyone.
    Everyone,
}

impl Affected {
    /// Every choice, in form order.
    pub const ALL: [Affected; 3] = [Affected::JustMe, Affected::MyTeam, Affected::Everyone];

    /// What the form says.
    pub fn label(self) -> &'static str {
        match self {
            Affected::JustMe => "Just me",
            Affected::MyTeam => "My team or a few people",
            Affected::Everyone => "Many people or everyone",
        }
    }

    /// The impact it means.
    pub fn impact(self) -> Impact {
        match self {
            Affected::JustMe => Impact::Low,
            Affected::MyTeam => Impact::Medium,
            Affected::Everyone => Impact::High,
        }
    }
}

/// How urgent it is, in the report form's words (→ urgency).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum HowUrgent {
    /// Work can go on.
    CanWait,
    /// Work is slowed down.
    SlowsMeDown,
    /// Work has stopped.
    CannotWork,
}

impl HowUrgent {
    /// Every choice, in form order.
    pub const ALL: [HowUrgent; 3] = [
        HowUrgent::CanWait,
        HowUrgent::SlowsMeDown,
        HowUrgent::CannotWork,
    ];

    /// What the form says.
    pub fn label(self) -> &'static str {
        match self {
            HowUrgent::CanWait => "It can wait: I can still work",
            HowUrgent::SlowsMeDown => "It slows my work down",
            HowUrgent::CannotWork => "I cannot work at all",
        }
    }

    /// The urgency it means.
    pub fn urgency(self) -> Urgency {
        match self {
            HowUrgent::CanWait => Urgency::Low,
            HowUrgent::SlowsMeDown => Urgency::Medium,
            HowUrgent::CannotWork => Urgency::High,
        }
    }
}

/// The release of `service` now in early life support, if any (the newest deployed
/// one when several are).
pub fn els_release_for<'a>(releases: &'a [Release], service: &str) -> Option<&'a Release> {
    releases
        .iter()
        .filter(|r| r.status == ReleaseStatus::EarlyLifeSupport)
        .filter(|r| r.services.iter().any(|s| s == service))
        .max_by_key(|r| r.deployment_date)
}

/// The `n` most read articles, most read first (ties by title).
pub fn popular(articles: &[KnowledgeArticle], n: usize) -> Vec<KnowledgeArticle> {
    let mut list = articles.to_vec();
    list.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| a.title.cmp(&b.title)));
    list.truncate(n);
    list
}

/// The `n` most recently updated articles, newest first.
pub fn recent(articles: &[KnowledgeArticle], n: usize) -> Vec<KnowledgeArticle> {
    let mut list = articles.to_vec();
    list.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then_with(|| a.title.cmp(&b.title))
    });
    list.truncate(n);
    list
}

/// What a known-error suggestion says: `Known issue since release Customer portal 5.1 —
/// workaround: …` (without the release part when it is not known).
pub fn known_issue_line(release: Option<&str>, workaround: &str) -> String {
    let workaround = workaround.trim();
    match release.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => format!("Known issue since release {r} — workaround: {workaround}"),
        None => format!("Known issue — workaround: {workaround}"),
    }
}

/// The first line of `text`, cut at a word to at most `max` characters with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= max && line.len() == text.trim().len() {
        return line.to_owned();
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if line.chars().count() > max && i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kernel::history::History;

    fn release(id: &str, status: ReleaseStatus, deployed: i64) -> Release {
        let mut history = History::new();
        history.record(Timestamp(0), "rm", Change::Created);
        Release {
            id: id.into(),
            reference: crate::domain::kernel::reference::Reference::new(
                crate::domain::kernel::reference::RefKind::Release,
                &crate::domain::kernel::reference::DeviceTag::from_bits(1),
                1,
            ),
            name: "Shop".into(),
            version: id.into(),
            services: vec!["service:shop".into()],
            status,
            deployment_date: Some(Timestamp(deployed)),
            els_days: 14,
            known_errors_carried: Vec::new(),
            exit_criteria: Default::default(),
            created: Timestamp(0),
            created_by: "rm".into(),
            updated: Timestamp(0),
            updated_by: "rm".into(),
            history,
        }
    }

    #[test]
    fn status_changes_in_plain_words_keep_hold_reasons_internal() {
        let reason = |r: &str| Some(r.to_owned());
        let said = |from, to, why: &Option<String>| status_change(from, to, why);
        assert_eq!(
            said("New", "On hold", &reason("Awaiting vendor")).as_deref(),
            Some("Status: Waiting")
        );
        assert_eq!(
            said("Resolved", "In progress", &reason("Still broken")).as_deref(),
            Some("Status: Being worked on (reopened: Still broken)")
        );
        assert_eq!(
            said("New", "Cancelled", &reason("Duplicate")).as_deref(),
            Some("Status: Cancelled (cancelled: Duplicate)")
        );
        assert_eq!(said("New", "Exploded", &None), None);
        for s in IncidentStatus::all() {
            assert!(!status_words(*s).is_empty() && !status_meaning(*s).is_empty());
        }
    }

    #[test]
    fn choices_map_to_impact_and_urgency() {
        let impacts: Vec<Impact> = Affected::ALL.iter().map(|a| a.impact()).collect();
        assert_eq!(impacts, [Impact::Low, Impact::Medium, Impact::High]);
        let urgencies: Vec<Urgency> = HowUrgent::ALL.iter().map(|u| u.urgency()).collect();
        assert_eq!(urgencies, [Urgency::Low, Urgency::Medium, Urgency::High]);
    }

    #[test]
    fn the_service_release_in_early_life_support() {
        use ReleaseStatus::*;
        let list = [
            release("1.0", Accepted, 10),
            release("2.0", EarlyLifeSupport, 20),
            release("2.1", EarlyLifeSupport, 30),
            release("3.0", InTesting, 40),
        ];
        assert_eq!(
            els_release_for(&list, "service:shop").map(|r| r.id.as_str()),
            Some("2.1")
        );
        assert!(els_release_for(&list, "service:other").is_none());
        assert!(els_release_for(&list, "").is_none());
    }

    #[test]
    fn lines_and_excerpts() {
        assert_eq!(
            known_issue_line(Some("Shop 2.1"), "Sign in again"),
            "Known issue since release Shop 2.1 — workaround: Sign in again"
        );
        assert_eq!(known_issue_line(None, "x"), "Known issue — workaround: x");
        assert_eq!(shorten("Short one", 20), "Short one");
        assert_eq!(shorten("First line\nsecond", 40), "First line…");
        assert_eq!(shorten("one two three four five", 12), "one two…");
    }
}
