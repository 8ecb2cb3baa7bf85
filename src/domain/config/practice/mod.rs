//! Practice roles and policies: for each practice (incident, problem, knowledge,
//! release) who is accountable (the process owner), who manages it and who practises
//! it, and its policies. Policies the app can check are [`Rule`]s, enforced where the
//! work happens with messages that name them; the others are guidance text.

use serde::{Deserialize, Serialize};

use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::ValidationErrors;

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

    /// `policy “…”`: how refusals cite the rule.
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

/// Shortest guidance policy, in characters: anything shorter is not a sentence.
pub const POLICY_MIN_CHARS: usize = 3;
/// Longest guidance policy: a policy is one rule people can remember, not a document.
pub const POLICY_MAX_CHARS: usize = 500;
/// Most guidance policies per practice: beyond this nobody reads them all.
pub const MAX_POLICIES: usize = 30;

/// Form field of each guidance policy row (`policy_1` … ), so its message shows at it.
#[rustfmt::skip]
pub const POLICY_FIELDS: [&str; MAX_POLICIES] = [
    "policy_1", "policy_2", "policy_3", "policy_4", "policy_5", "policy_6", "policy_7",
    "policy_8", "policy_9", "policy_10", "policy_11", "policy_12", "policy_13", "policy_14",
    "policy_15", "policy_16", "policy_17", "policy_18", "policy_19", "policy_20", "policy_21",
    "policy_22", "policy_23", "policy_24", "policy_25", "policy_26", "policy_27", "policy_28",
    "policy_29", "policy_30",
];

impl PracticeKind {
    /// The practice stored under `key` (`incident`), if any.
    pub fn from_key(key: &str) -> Option<PracticeKind> {
        PracticeKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The guidance policies a new desk starts with: common ITIL practice, meant to be
    /// edited.
    pub fn default_policies(self) -> &'static [&'static str] {
        match self {
            PracticeKind::Incident => &[
                "All incidents are logged, however they are reported",
                "Incidents are prioritised by impact and urgency, not by who reports them",
                "Major incidents are reviewed within five working days",
                "The caller confirms a resolution before the incident is closed",
            ],
            PracticeKind::Problem => &[
                "Problems are prioritised by business impact",
                "Every major incident and every recurring incident gets a problem record",
                "A workaround found during investigation is recorded as a known error at once",
            ],
            PracticeKind::Knowledge => &[
                "Articles are reviewed at least every six months",
                "Public articles use plain words and say who they are for",
                "Agents link the article they used to the incident",
            ],
            PracticeKind::Release => &[
                "Releases name an early-life-support window",
                "Incidents found in testing are logged against their release",
                "Known errors carried forward are agreed with development before deployment",
            ],
        }
    }
}

impl Rule {
    /// Where the desk checks the rule, in a few words.
    pub fn enforced_at(self) -> &'static str {
        match self {
            Rule::ResolutionNote => {
                "Checked when an incident is resolved, on its page or in the queue."
            }
            Rule::KnownErrorAnalysed => "Checked when a problem is moved to Known error.",
            Rule::ProblemFixNotes => "Checked when a problem is resolved.",
            Rule::KnownErrorWorkaround => "Checked when a known error is made active.",
            Rule::ArticleBeforeDeploy => "Checked when a release is deployed.",
            Rule::ExitCriteriaBeforeAcceptance => {
                "Checked when a release in early life support is accepted into operation."
            }
        }
    }
}

/// What the practices form holds for one practice: person ids and policy texts as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PracticeForm {
    /// Person id of the process owner; empty for nobody.
    pub owner: String,
    /// Person ids of the managers.
    pub managers: Vec<String>,
    /// Person ids of the practitioners.
    pub practitioners: Vec<String>,
    /// Guidance policies, one per row.
    pub policies: Vec<String>,
}

impl Practice {
    /// A practice nobody has configured yet: no roles, the default guidance policies.
    pub fn blank(kind: PracticeKind, now: Timestamp) -> Practice {
        Practice {
            id: kind.doc_id(),
            practice: kind,
            owner: None,
            managers: Vec::new(),
            practitioners: Vec::new(),
            policies: kind
                .default_policies()
                .iter()
                .map(|p| (*p).to_owned())
                .collect(),
            updated: now,
            updated_by: String::new(),
        }
    }

    /// The form showing this practice.
    pub fn form(&self) -> PracticeForm {
        PracticeForm {
            owner: self.owner.clone().unwrap_or_default(),
            managers: self.managers.clone(),
            practitioners: self.practitioners.clone(),
            policies: self.policies.clone(),
        }
    }

    /// This practice changed as `form` says, tidied (texts trimmed, people listed once)
    /// and checked against `people` (the person ids of the directory). Nothing changes
    /// when the form is refused.
    pub fn apply(
        &self,
        form: &PracticeForm,
        people: &[String],
        now: Timestamp,
        by: &str,
    ) -> Result<Practice, ValidationErrors> {
        let owner = form.owner.trim();
        let next = Practice {
            owner: (!owner.is_empty()).then(|| owner.to_owned()),
            managers: distinct(&form.managers),
            practitioners: distinct(&form.practitioners),
            policies: form.policies.iter().map(|p| p.trim().to_owned()).collect(),
            updated: now,
            updated_by: by.to_owned(),
            ..self.clone()
        };
        next.validate(people)?;
        Ok(next)
    }

    /// Checks the roles against `people` (person ids) and the guidance policies:
    /// each 3–500 characters, listed once, at most 30.
    pub fn validate(&self, people: &[String]) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let known = |id: &str| people.iter().any(|p| p == id);
        if let Some(owner) = &self.owner {
            if owner.trim().is_empty() || !known(owner) {
                errs.push(
                    "owner",
                    "Choose the process owner from the list: this person is not in the directory.",
                );
            }
        }
        for (field, ids) in [
            ("managers", &self.managers),
            ("practitioners", &self.practitioners),
        ] {
            if ids.iter().any(|id| !known(id)) {
                errs.push(field, "Untick people who are not in the directory.");
            } else if distinct(ids).len() != ids.len() {
                errs.push(field, "List each person once.");
            }
        }
        check_policies(&self.policies, &mut errs);
        errs.into_result()
    }
}

/// Non-blank ids, trimmed, each once, in their first order.
fn distinct(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    out
}

/// Length, duplicates and count of the guidance policies; messages at each row.
fn check_policies(policies: &[String], errs: &mut ValidationErrors) {
    if policies.len() > MAX_POLICIES {
        errs.push(
            "policies",
            format!(
                "A practice has at most {MAX_POLICIES} guidance policies (now {}): remove some.",
                policies.len()
            ),
        );
    }
    for (k, policy) in policies.iter().enumerate() {
        let text = policy.trim();
        let n = text.chars().count();
        let message = if n == 0 {
            "Write the policy, or remove it.".to_owned()
        } else if n < POLICY_MIN_CHARS {
            format!("Use at least {POLICY_MIN_CHARS} characters.")
        } else if n > POLICY_MAX_CHARS {
            format!("Use at most {POLICY_MAX_CHARS} characters (now {n}).")
        } else if policies[..k]
            .iter()
            .any(|p| p.trim().to_lowercase() == text.to_lowercase())
        {
            "This policy is already listed above.".to_owned()
        } else {
            continue;
        };
        errs.push(POLICY_FIELDS.get(k).copied().unwrap_or("policies"), message);
    }
}

#[cfg(test)]
mod tests;
