//! Practice roles and policies: for each practice (incident, problem, knowledge,
//! release) who is accountable (the process owner), who manages it and who practises
//! it, and its policies. Policies the app can check are [`Rule`]s, enforced where the
//! work happens with messages that name them; the others are guidance text.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;

/// One of the desk's practices.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeKind {
    /// Incident management.
    Incident,
    /// Problem management.
    Problem,
    /// Knowledge management.
    Knowledge,
    /// Release management (with early life support).
    Release,
}

impl PracticeKind {
    /// Every practice, in the order the desk shows them.
    pub const ALL: [PracticeKind; 4] = [
        PracticeKind::Incident,
        PracticeKind::Problem,
        PracticeKind::Knowledge,
        PracticeKind::Release,
    ];

    /// `Incident management`.
    pub fn label(self) -> &'static str {
        match self {
            PracticeKind::Incident => "Incident management",
            PracticeKind::Problem => "Problem management",
            PracticeKind::Knowledge => "Knowledge management",
            PracticeKind::Release => "Release management",
        }
    }

    /// The stored key (`incident`).
    pub fn key(self) -> &'static str {
        match self {
            PracticeKind::Incident => "incident",
            PracticeKind::Problem => "problem",
            PracticeKind::Knowledge => "knowledge",
            PracticeKind::Release => "release",
        }
    }

    /// The document id of this practice's record (`practice:incident`).
    pub fn doc_id(self) -> String {
        format!("practice:{}", self.key())
    }
}

/// A policy the app checks and enforces where the work happens. Refusals name the
/// policy by [`Rule::name`], so people learn the rule, not just the refusal.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A resolved incident has a resolution note.
    ResolutionNote,
    /// A problem becomes a known error only with a root cause or a workaround.
    KnownErrorAnalysed,
    /// A resolved problem has fix notes.
    ProblemFixNotes,
    /// An active known error has a workaround.
    KnownErrorWorkaround,
    /// A known error carried forward has a published article before deployment.
    ArticleBeforeDeploy,
    /// A release is accepted into operation only when its exit criteria hold.
    ExitCriteriaBeforeAcceptance,
}

impl Rule {
    /// Every enforced rule.
    pub const ALL: [Rule; 6] = [
        Rule::ResolutionNote,
        Rule::KnownErrorAnalysed,
        Rule::ProblemFixNotes,
        Rule::KnownErrorWorkaround,
        Rule::ArticleBeforeDeploy,
        Rule::ExitCriteriaBeforeAcceptance,
    ];

    /// The practice the rule belongs to.
    pub fn practice(self) -> PracticeKind {
        match self {
            Rule::ResolutionNote => PracticeKind::Incident,
            Rule::KnownErrorAnalysed | Rule::ProblemFixNotes | Rule::KnownErrorWorkaround => {
                PracticeKind::Problem
            }
            Rule::ArticleBeforeDeploy | Rule::ExitCriteriaBeforeAcceptance => PracticeKind::Release,
        }
    }

    /// The policy as people read it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::ResolutionNote => "A resolved incident has a resolution note",
            Rule::KnownErrorAnalysed => {
                "A problem becomes a known error only with a root cause or a workaround"
            }
            Rule::ProblemFixNotes => "A resolved problem has fix notes",
            Rule::KnownErrorWorkaround => "An active known error has a workaround",
            Rule::ArticleBeforeDeploy => {
                "A known error carried forward has a published knowledge article before deployment"
            }
            Rule::ExitCriteriaBeforeAcceptance => {
                "A release is accepted into operation only when its exit criteria hold"
            }
        }
    }

    /// `Policy “…”`: how refusals cite the rule.
    pub fn cite(self) -> String {
        format!("policy “{}”", self.name())
    }

    /// The enforced rules of one practice.
    pub fn of(practice: PracticeKind) -> impl Iterator<Item = Rule> {
        Rule::ALL
            .into_iter()
            .filter(move |r| r.practice() == practice)
    }
}

/// One practice's roles and guidance policies (the enforced [`Rule`]s are not stored:
/// they always apply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Practice {
    /// Document id, `practice:<key>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Which practice.
    pub practice: PracticeKind,
    /// The process owner (accountable): a person id.
    #[serde(default)]
    pub owner: Option<String>,
    /// Practice managers: person ids.
    #[serde(default)]
    pub managers: Vec<String>,
    /// Practitioners: person ids.
    #[serde(default)]
    pub practitioners: Vec<String>,
    /// Guidance policies, one per entry, as written.
    #[serde(default)]
    pub policies: Vec<String>,
    /// Last change.
    pub updated: Timestamp,
    /// Who made the last change.
    #[serde(default)]
    pub updated_by: String,
}
