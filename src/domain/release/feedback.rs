//! Feedback from end users on a release in early life support: a complaint, a
//! compliment or a suggestion, linked to the release (and optionally a service), which
//! the release's early-life-support dashboard counts.

use serde::{Deserialize, Serialize};

use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{max_text, require_text, ValidationErrors};

/// Longest feedback text accepted (characters).
pub const TEXT_MAX: usize = 5_000;

/// What the end user is telling us.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    /// Something got worse or does not work as it should.
    Complaint,
    /// Something got better.
    Compliment,
    /// An idea for improvement.
    Suggestion,
}

impl FeedbackKind {
    /// Every kind, in form order.
    pub const ALL: [FeedbackKind; 3] = [
        FeedbackKind::Complaint,
        FeedbackKind::Compliment,
        FeedbackKind::Suggestion,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            FeedbackKind::Complaint => "Complaint",
            FeedbackKind::Compliment => "Compliment",
            FeedbackKind::Suggestion => "Suggestion",
        }
    }

    /// The stored name (`complaint`), for form values.
    pub fn key(self) -> &'static str {
        match self {
            FeedbackKind::Complaint => "complaint",
            FeedbackKind::Compliment => "compliment",
            FeedbackKind::Suggestion => "suggestion",
        }
    }

    /// Parses the stored name.
    pub fn from_key(key: &str) -> Option<FeedbackKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One piece of feedback about a release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// Document id, `feedback:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Release record id it is about.
    pub release: String,
    /// Service record id, when the person named one.
    #[serde(default)]
    pub service: Option<String>,
    /// Complaint, compliment or suggestion.
    pub kind: FeedbackKind,
    /// What they said.
    pub text: String,
    /// Who said it (may be empty: feedback can be anonymous).
    #[serde(default)]
    pub name: String,
    /// How to reach them (may be empty).
    #[serde(default)]
    pub contact: String,
    /// When it was sent.
    pub created: Timestamp,
    /// Same as `created` (feedback is never edited); kept for the list indexes.
    pub updated: Timestamp,
}

/// The feedback form's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedbackDraft {
    /// Release id (required).
    pub release: String,
    /// Service id.
    pub service: Option<String>,
    /// Kind.
    pub kind: FeedbackKind,
    /// Text (required, up to 5 000 characters).
    pub text: String,
    /// Name (up to 200 characters).
    pub name: String,
    /// Contact (up to 200 characters).
    pub contact: String,
}

impl FeedbackDraft {
    /// Checks every field; one message per field in error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.release.trim().is_empty() {
            errs.push("release", "Choose the change your feedback is about.");
        }
        errs.check(require_text("text", &self.text, TEXT_MAX));
        errs.check(max_text("name", &self.name, 200));
        errs.check(max_text("contact", &self.contact, 200));
        errs.into_result()
    }
}

impl Feedback {
    /// New feedback from a valid draft.
    pub fn create(
        draft: FeedbackDraft,
        id: String,
        now: Timestamp,
    ) -> Result<Feedback, ValidationErrors> {
        draft.validate()?;
        Ok(Feedback {
            id,
            release: draft.release.trim().to_owned(),
            service: crate::domain::kernel::validation::non_blank(&draft.service),
            kind: draft.kind,
            text: draft.text.trim().to_owned(),
            name: draft.name.trim().to_owned(),
            contact: draft.contact.trim().to_owned(),
            created: now,
            updated: now,
        })
    }
}

/// How many complaints, compliments and suggestions a list holds.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedbackCounts {
    /// Complaints.
    pub complaints: usize,
    /// Compliments.
    pub compliments: usize,
    /// Suggestions.
    pub suggestions: usize,
}

/// Counts feedback by kind.
pub fn counts(items: &[Feedback]) -> FeedbackCounts {
    let mut c = FeedbackCounts::default();
    for f in items {
        match f.kind {
            FeedbackKind::Complaint => c.complaints += 1,
            FeedbackKind::Compliment => c.compliments += 1,
            FeedbackKind::Suggestion => c.suggestions += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> FeedbackDraft {
        FeedbackDraft {
            release: "release:1".into(),
            service: Some(" ".into()),
            kind: FeedbackKind::Complaint,
            text: "  The new checkout is slower.  ".into(),
            name: "Alex".into(),
            contact: "alex@example.com".into(),
        }
    }

    #[test]
    fn creates_trimmed_feedback() {
        let f = Feedback::create(draft(), "feedback:1".into(), Timestamp(5));
        let f = f.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.text, "The new checkout is slower.");
        assert_eq!(f.service, None);
        assert_eq!((f.created, f.updated), (Timestamp(5), Timestamp(5)));
    }

    #[test]
    fn refuses_missing_and_long_text_and_no_release() {
        let mut d = draft();
        d.text = "   ".into();
        d.release = String::new();
        let errs = d.validate().err().unwrap_or_default();
        assert_eq!(errs.for_field("text"), Some("This field is required."));
        assert!(errs.for_field("release").is_some());
        let mut d = draft();
        d.text = "x".repeat(TEXT_MAX + 1);
        let errs = d.validate().err().unwrap_or_default();
        assert!(errs.for_field("text").is_some_and(|m| m.contains("5000")));
        let mut d = draft();
        d.text = "x".repeat(TEXT_MAX);
        assert!(d.validate().is_ok());
    }

    #[test]
    fn kinds_round_trip_and_count() {
        for k in FeedbackKind::ALL {
            assert_eq!(FeedbackKind::from_key(k.key()), Some(k));
        }
        assert_eq!(FeedbackKind::from_key("rant"), None);
        let make = |kind| Feedback {
            kind,
            ..Feedback::create(draft(), "feedback:1".into(), Timestamp(1))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let list = [
            make(FeedbackKind::Complaint),
            make(FeedbackKind::Complaint),
            make(FeedbackKind::Suggestion),
        ];
        let c = counts(&list);
        assert_eq!((c.complaints, c.compliments, c.suggestions), (2, 0, 1));
    }
}
