//! The problem list's filter as pure data: status (open by default, one status, or
//! all) and words to find in the reference or title, read from and written to the URL
//! query. No Leptos here, so it is tested natively.

use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::problem::{Problem, ProblemStatus};

/// Which statuses the list shows.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Not resolved or closed (the default).
    #[default]
    Open,
    /// One status.
    Only(ProblemStatus),
    /// Every status.
    All,
}

impl StatusFilter {
    /// Every choice, in the order the select offers them.
    pub fn choices() -> Vec<StatusFilter> {
        let mut out = vec![StatusFilter::Open];
        out.extend(ProblemStatus::all().iter().map(|s| StatusFilter::Only(*s)));
        out.push(StatusFilter::All);
        out
    }

    /// The URL value (`""` for the default, `under_investigation`, `all`).
    pub fn key(self) -> &'static str {
        match self {
            StatusFilter::Open => "",
            StatusFilter::All => "all",
            StatusFilter::Only(s) => status_key(s),
        }
    }

    /// What the select shows.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Open => "Open (not resolved or closed)",
            StatusFilter::All => "All",
            StatusFilter::Only(s) => s.label(),
        }
    }

    /// The choice stored as `key`; unknown values mean the default.
    pub fn from_key(key: &str) -> StatusFilter {
        Self::choices()
            .into_iter()
            .find(|c| c.key() == key.trim())
            .unwrap_or_default()
    }

    fn admits(self, status: ProblemStatus) -> bool {
        match self {
            StatusFilter::Open => {
                !matches!(status, ProblemStatus::Resolved | ProblemStatus::Closed)
            }
            StatusFilter::All => true,
            StatusFilter::Only(s) => s == status,
        }
    }
}

/// The stored name of a status (`known_error`), as the URL uses it.
pub fn status_key(s: ProblemStatus) -> &'static str {
    match s {
        ProblemStatus::New => "new",
        ProblemStatus::UnderInvestigation => "under_investigation",
        ProblemStatus::KnownError => "known_error",
        ProblemStatus::Resolved => "resolved",
        ProblemStatus::Closed => "closed",
    }
}

/// What the problem list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProblemFilter {
    /// Statuses shown.
    pub status: StatusFilter,
    /// Words that must all appear in the reference or title (any case).
    pub text: String,
}

impl ProblemFilter {
    /// Reads the filter from the URL's `status` and `q` values.
    pub fn from_query(status: &str, text: &str) -> ProblemFilter {
        ProblemFilter {
            status: StatusFilter::from_key(status),
            text: text.trim().to_owned(),
        }
    }

    /// The query string (without `?`; empty for the default view).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.status.key().is_empty() {
            parts.push(format!("status={}", self.status.key()));
        }
        if !self.text.is_empty() {
            parts.push(format!(
                "q={}",
                crate::domain::kernel::percent::encode(&self.text)
            ));
        }
        parts.join("&")
    }

    /// True when `p` is shown.
    pub fn matches(&self, p: &Problem) -> bool {
        if !self.status.admits(p.status) {
            return false;
        }
        let haystack = format!("{} {}", p.reference.as_str(), p.title).to_lowercase();
        self.text
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }

    /// The problems shown, in the order given (the list passes them newest first).
    pub fn apply<'a>(&self, all: &'a [Problem]) -> Vec<&'a Problem> {
        all.iter().filter(|p| self.matches(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::priority::Priority;
    use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
    use crate::domain::kernel::time::Timestamp;
    use crate::domain::problem::ProblemDraft;

    fn problem(n: u32, title: &str, status: ProblemStatus) -> Problem {
        let draft = ProblemDraft {
            title: title.into(),
            description: String::new(),
            priority: Priority::P3,
            service: None,
            root_cause: String::new(),
            workaround: String::new(),
            fix_notes: String::new(),
            release_found: None,
            target_fix_release: None,
        };
        let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(5), n);
        let mut p = Problem::create(draft, format!("problem:{n}"), r, Timestamp(1), "pm")
            .unwrap_or_else(|e| panic!("{e}"));
        p.status = status;
        p
    }

    #[test]
    fn open_is_the_default_and_hides_resolved_and_closed() {
        use ProblemStatus::*;
        let all = [
            problem(1, "VPN drops", New),
            problem(2, "Printer jams", Resolved),
            problem(3, "Payslips blank", KnownError),
            problem(4, "Mail slow", Closed),
        ];
        let titles = |f: &ProblemFilter| -> Vec<String> {
            f.apply(&all).iter().map(|p| p.title.clone()).collect()
        };
        let f = ProblemFilter::from_query("", "");
        assert_eq!(titles(&f), vec!["VPN drops", "Payslips blank"]);
        assert_eq!(titles(&ProblemFilter::from_query("all", "")).len(), 4);
        let resolved = ProblemFilter::from_query("resolved", "");
        assert_eq!(titles(&resolved), vec!["Printer jams"]);
        assert_eq!(
            ProblemFilter::from_query("bogus", ""),
            f,
            "unknown = default"
        );
        let text = ProblemFilter::from_query("all", "  SLIP  blank ");
        assert_eq!(titles(&text), vec!["Payslips blank"]);
        let by_ref = ProblemFilter::from_query("all", &all[3].reference.as_str().to_lowercase());
        assert_eq!(titles(&by_ref), vec!["Mail slow"]);
    }

    #[test]
    fn the_query_round_trips() {
        for choice in StatusFilter::choices() {
            let f = ProblemFilter {
                status: choice,
                text: "a&b é".into(),
            };
            let q = f.to_query();
            assert!(q.contains("q=a%26b%20%C3%A9"), "{q}");
            let status = q
                .split('&')
                .find_map(|p| p.strip_prefix("status="))
                .unwrap_or("");
            assert_eq!(ProblemFilter::from_query(status, &f.text), f);
        }
        assert_eq!(ProblemFilter::default().to_query(), "");
        assert_eq!(StatusFilter::choices().len(), 7);
    }
}
