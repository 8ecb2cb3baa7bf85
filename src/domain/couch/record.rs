//! The one record type storage and sync see: every record kind in a `type`-tagged enum,
//! serialised as a CouchDB document body, and reading the kind back from a
//! `<type>:<uuid>` document id (made by `kernel::reference::new_id`).

use serde::{Deserialize, Serialize};

use crate::domain::config::escalation::EscalationProcedure;
use crate::domain::config::practice::Practice;
use crate::domain::config::{DeskSettings, Group, Person, Service};
use crate::domain::incident::Incident;
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::known_error::KnownError;
use crate::domain::problem::Problem;
use crate::domain::release::feedback::Feedback;
use crate::domain::release::Release;

/// Any stored record. Serialised with a `type` field naming the kind (`incident`,
/// `known_error`, …) next to the record's own fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// An incident.
    Incident(Incident),
    /// A problem.
    Problem(Problem),
    /// A known error.
    KnownError(KnownError),
    /// A knowledge article.
    Article(KnowledgeArticle),
    /// A release.
    Release(Release),
    /// A service.
    Service(Service),
    /// An assignment group.
    Group(Group),
    /// A person.
    Person(Person),
    /// The desk settings.
    Settings(DeskSettings),
    /// A service's escalation procedure.
    EscalationProcedure(EscalationProcedure),
    /// End-user feedback on a release in early life support.
    Feedback(Feedback),
    /// One practice's roles and policies.
    Practice(Practice),
}

/// Every record kind's `type` tag.
pub const KINDS: [&str; 12] = [
    "incident",
    "problem",
    "known_error",
    "article",
    "release",
    "service",
    "group",
    "person",
    "settings",
    "escalation_procedure",
    "feedback",
    "practice",
];

/// The kind part of a document id (`incident` for `incident:6f1c…`).
pub fn kind_of_id(id: &str) -> Option<&str> {
    id.split_once(':').map(|(kind, _)| kind)
}

impl Record {
    /// The document id (`_id`).
    pub fn id(&self) -> &str {
        match self {
            Record::Incident(r) => &r.id,
            Record::Problem(r) => &r.id,
            Record::KnownError(r) => &r.id,
            Record::Article(r) => &r.id,
            Record::Release(r) => &r.id,
            Record::Service(r) => &r.id,
            Record::Group(r) => &r.id,
            Record::Person(r) => &r.id,
            Record::Settings(r) => &r.id,
            Record::EscalationProcedure(r) => &r.id,
            Record::Feedback(r) => &r.id,
            Record::Practice(r) => &r.id,
        }
    }

    /// The `type` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Incident(_) => "incident",
            Record::Problem(_) => "problem",
            Record::KnownError(_) => "known_error",
            Record::Article(_) => "article",
            Record::Release(_) => "release",
            Record::Service(_) => "service",
            Record::Group(_) => "group",
            Record::Person(_) => "person",
            Record::Settings(_) => "settings",
            Record::EscalationProcedure(_) => "escalation_procedure",
            Record::Feedback(_) => "feedback",
            Record::Practice(_) => "practice",
        }
    }

    /// The human reference, for kinds that have one.
    pub fn reference(&self) -> Option<&Reference> {
        match self {
            Record::Incident(r) => Some(&r.reference),
            Record::Problem(r) => Some(&r.reference),
            Record::KnownError(r) => Some(&r.reference),
            Record::Article(r) => Some(&r.reference),
            Record::Release(r) => Some(&r.reference),
            _ => None,
        }
    }

    /// When the record last changed.
    pub fn updated(&self) -> Timestamp {
        match self {
            Record::Incident(r) => r.updated,
            Record::Problem(r) => r.updated,
            Record::KnownError(r) => r.updated,
            Record::Article(r) => r.updated,
            Record::Release(r) => r.updated,
            Record::Service(r) => r.updated,
            Record::Group(r) => r.updated,
            Record::Person(r) => r.updated,
            Record::Settings(r) => r.updated,
            Record::EscalationProcedure(r) => r.updated,
            Record::Feedback(r) => r.updated,
            Record::Practice(r) => r.updated,
        }
    }

    /// The document body (JSON, without `_rev`).
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads a document body (extra fields such as `_rev` are ignored). The `type` is
    /// read first, then the body straight into that kind's struct: serde's derived
    /// reader for a tagged enum would buffer every field of every document first,
    /// which costs time on 100k incidents and bytes in the bundle.
    pub fn from_json(body: &str) -> Result<Record, serde_json::Error> {
        #[derive(Deserialize)]
        struct Tag<'a> {
            #[serde(rename = "type", borrow)]
            kind: std::borrow::Cow<'a, str>,
        }
        let tag: Tag = serde_json::from_str(body)?;
        Ok(match tag.kind.as_ref() {
            "incident" => Record::Incident(serde_json::from_str(body)?),
            "problem" => Record::Problem(serde_json::from_str(body)?),
            "known_error" => Record::KnownError(serde_json::from_str(body)?),
            "article" => Record::Article(serde_json::from_str(body)?),
            "release" => Record::Release(serde_json::from_str(body)?),
            "service" => Record::Service(serde_json::from_str(body)?),
            "group" => Record::Group(serde_json::from_str(body)?),
            "person" => Record::Person(serde_json::from_str(body)?),
            "settings" => Record::Settings(serde_json::from_str(body)?),
            "escalation_procedure" => Record::EscalationProcedure(serde_json::from_str(body)?),
            "feedback" => Record::Feedback(serde_json::from_str(body)?),
            "practice" => Record::Practice(serde_json::from_str(body)?),
            other => return Err(serde::de::Error::unknown_variant(other, &KINDS)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::escalation::demo_procedures;
    use crate::domain::couch::document::index_entry_from_json;
    use crate::domain::demo::scenario;
    use crate::domain::kernel::lifecycle::Lifecycle;
    use crate::domain::kernel::reference::new_id;

    fn status_key<S: Serialize>(s: &S) -> Option<String> {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
    }

    /// (status, priority) the index should see for a record.
    fn expected(r: &Record) -> (Option<String>, Option<u8>) {
        match r {
            Record::Incident(i) => (status_key(&i.status), Some(i.priority.number())),
            Record::Problem(p) => (status_key(&p.status), Some(p.priority.number())),
            Record::KnownError(k) => (status_key(&k.status), None),
            Record::Article(a) => (status_key(&a.status), None),
            Record::Release(r) => (status_key(&r.status), None),
            _ => (None, None),
        }
    }

    /// The demo scenario holds no feedback (end users send it), so the test adds one.
    fn feedback() -> Feedback {
        let draft = crate::domain::release::feedback::FeedbackDraft {
            release: "release:1".into(),
            service: None,
            kind: crate::domain::release::feedback::FeedbackKind::Compliment,
            text: "Checkout is faster since the update.".into(),
            name: String::new(),
            contact: String::new(),
        };
        Feedback::create(draft, new_id("feedback", "1"), Timestamp(1_800_000_000_000))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_kind_indexes_and_round_trips() -> Result<(), serde_json::Error> {
        let mut records = scenario(Timestamp(1_800_000_000_000));
        let services: Vec<_> = records
            .iter()
            .filter_map(|r| match r {
                Record::Service(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let groups: Vec<_> = records
            .iter()
            .filter_map(|r| match r {
                Record::Group(g) => Some(g.clone()),
                _ => None,
            })
            .collect();
        let procedures = demo_procedures(&services, &groups, Timestamp(1_700_000_000_000));
        records.extend(procedures.into_iter().map(Record::EscalationProcedure));
        records.push(Record::Feedback(feedback()));
        records.push(Record::Practice(
            crate::domain::config::practice::Practice {
                id: "practice:incident".into(),
                practice: crate::domain::config::practice::PracticeKind::Incident,
                owner: None,
                managers: Vec::new(),
                practitioners: Vec::new(),
                policies: vec!["Major incidents get a review within five days.".into()],
                updated: Timestamp(1_800_000_000_000),
                updated_by: "Ana".into(),
            },
        ));
        let mut seen: Vec<&str> = Vec::new();
        for r in &records {
            let json = r.to_json()?;
            let e = index_entry_from_json(&json);
            assert_eq!(e.kind, r.kind(), "{json}");
            let (status, priority) = expected(r);
            assert_eq!(e.status, status, "{}", r.id());
            assert_eq!(e.priority, priority, "{}", r.id());
            assert_eq!(e.updated, r.updated().0);
            assert_eq!(e.reference.as_deref(), r.reference().map(|x| x.as_str()));
            assert_eq!(&Record::from_json(&json)?, r);
            assert_eq!(kind_of_id(r.id()), Some(r.kind()));
            if !seen.contains(&r.kind()) {
                seen.push(r.kind());
            }
        }
        seen.sort_unstable();
        let mut all = KINDS.to_vec();
        all.sort_unstable();
        assert_eq!(seen, all, "the demo covers every kind");
        Ok(())
    }

    #[test]
    fn incident_status_key_is_snake_case() -> Result<(), serde_json::Error> {
        let inc = scenario(Timestamp(1_800_000_000_000))
            .into_iter()
            .find_map(|r| match r {
                Record::Incident(i) if i.status.label() == "In progress" => Some(i),
                _ => None,
            });
        let Some(inc) = inc else {
            panic!("demo has an in-progress incident")
        };
        let json = Record::Incident(inc).to_json()?;
        let e = index_entry_from_json(&json);
        assert_eq!(e.status.as_deref(), Some("in_progress"));
        assert!(json.starts_with(r#"{"type":"incident","_id":"incident:"#));
        Ok(())
    }

    #[test]
    fn ids_and_bad_input() {
        assert_eq!(new_id("incident", "6f1c"), "incident:6f1c");
        assert_eq!(kind_of_id("known_error:1"), Some("known_error"));
        assert!(Record::from_json("{}").is_err());
        assert!(Record::from_json(r#"{"type":"spaceship"}"#).is_err());
        let s =
            Record::from_json(r#"{"type":"service","_id":"service:1","name":"VPN","_rev":"1-a"}"#);
        assert_eq!(
            s.ok().map(|s| s.id().to_owned()).as_deref(),
            Some("service:1")
        );
    }

    #[test]
    fn bodies_without_a_known_type_are_refused_with_a_reason() {
        let unknown = Record::from_json(r#"{"type":"spaceship","_id":"spaceship:1"}"#);
        assert!(unknown.is_err_and(|e| e.to_string().contains("spaceship")));
        let missing = Record::from_json(r#"{"_id":"incident:1","title":"x"}"#);
        assert!(missing.is_err_and(|e| e.to_string().contains("type")));
        assert!(Record::from_json("not json").is_err());
        let wrong_shape = Record::from_json(r#"{"type":"incident","_id":"incident:1"}"#);
        assert!(wrong_shape.is_err(), "an incident body without its fields");
        // The tag may be escaped like any JSON string.
        let escaped = r#"{"type":"serv\u0069ce","_id":"service:1","name":"VPN"}"#;
        assert_eq!(
            Record::from_json(escaped).ok().map(|r| r.kind()),
            Some("service")
        );
    }
}
