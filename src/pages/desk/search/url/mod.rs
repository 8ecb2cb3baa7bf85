//! The search page's state as pure data: the words, kind, status, service and created
//! date range, read from and written to the URL query string (`q`, `kind`, `status`,
//! `service`, `from`, `to`), turned into the index's [`Filter`], and the sentences the
//! page says about the results. No Leptos here, so it is tested natively.

use crate::domain::incident::kinds::IncidentStatus;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::percent::encode;
use crate::domain::kernel::time::{Timestamp, DAY};
use crate::domain::knowledge::article::ArticleStatus;
use crate::domain::known_error::KnownErrorStatus;
use crate::domain::problem::ProblemStatus;
use crate::domain::release::ReleaseStatus;
use crate::routes::AppRoute;
use crate::search::{Filter, Kind};

/// Results shown on one page (the best ones; the count says how many matched).
pub const SHOWN: usize = 50;

/// The status labels of one kind, in lifecycle order.
pub fn kind_statuses(kind: Kind) -> Vec<&'static str> {
    fn labels<S: Lifecycle>() -> Vec<&'static str> {
        S::all().iter().map(|s| s.label()).collect()
    }
    match kind {
        Kind::Incident => labels::<IncidentStatus>(),
        Kind::Problem => labels::<ProblemStatus>(),
        Kind::KnownError => labels::<KnownErrorStatus>(),
        Kind::Article => labels::<ArticleStatus>(),
        Kind::Release => labels::<ReleaseStatus>(),
    }
}

/// The statuses the status filter offers: those of the kind, or of every kind (each
/// label once) when no kind is chosen.
pub fn status_choices(kind: Option<Kind>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for k in kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
        for label in kind_statuses(k) {
            if !out.contains(&label) {
                out.push(label);
            }
        }
    }
    out
}

/// The URL value of a status label (`In progress` → `in_progress`).
pub fn status_key(label: &str) -> String {
    label.to_lowercase().replace(' ', "_")
}

/// A `YYYY-MM-DD` date (as a date input gives it), written the same way, when it is
/// a real day.
fn valid_date(text: &str) -> Option<String> {
    Timestamp::parse_date(text).map(|t| t.date())
}

/// What the search page shows: every field optional, empty = everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchParams {
    /// The words as typed.
    pub text: String,
    pub kind: Option<Kind>,
    /// A status label of the kind (or of any kind).
    pub status: Option<&'static str>,
    /// A service id.
    pub service: Option<String>,
    /// Created on or after this UTC day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Created on or before this UTC day (`YYYY-MM-DD`).
    pub to: Option<String>,
}

impl SearchParams {
    /// Reads the state from decoded URL query values (`get("q")`); values that mean
    /// nothing (an unknown kind, a status the kind does not have, an impossible date)
    /// are dropped.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> SearchParams {
        let kind = get("kind").and_then(|k| Kind::from_key(k.trim()));
        let status = get("status").and_then(|s| {
            let key = status_key(s.trim());
            status_choices(kind)
                .into_iter()
                .find(|label| status_key(label) == key)
        });
        SearchParams {
            text: get("q").unwrap_or_default(),
            kind,
            status,
            service: get("service").filter(|s| !s.trim().is_empty()),
            from: get("from").and_then(|d| valid_date(&d)),
            to: get("to").and_then(|d| valid_date(&d)),
        }
    }

    /// The query string (without `?`; empty when everything is shown).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("q={}", encode(&self.text)));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.key()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", status_key(s)));
        }
        if let Some(s) = &self.service {
            parts.push(format!("service={}", encode(s)));
        }
        if let Some(d) = &self.from {
            parts.push(format!("from={}", encode(d)));
        }
        if let Some(d) = &self.to {
            parts.push(format!("to={}", encode(d)));
        }
        parts.join("&")
    }

    /// The search page URL for this state.
    pub fn href(&self) -> String {
        let q = self.to_query();
        if q.is_empty() {
            AppRoute::Search.href()
        } else {
            format!("{}?{q}", AppRoute::Search.href())
        }
    }

    /// The same search limited to `kind` (`None`: every kind); a status the new kind
    /// does not have is dropped.
    pub fn with_kind(&self, kind: Option<Kind>) -> SearchParams {
        let status = self.status.filter(|s| status_choices(kind).contains(s));
        SearchParams {
            kind,
            status,
            ..self.clone()
        }
    }

    /// What the index is asked for: `to` is exclusive, so a `to` day counts whole.
    pub fn filter(&self) -> Filter {
        let day = |d: &Option<String>| d.as_deref().and_then(Timestamp::parse_date);
        Filter {
            kinds: self.kind.into_iter().collect(),
            status: self.status.map(str::to_owned),
            service: self.service.clone(),
            from: day(&self.from).map(Timestamp::millis),
            to: day(&self.to).map(|t| t.plus_ms(DAY).millis()),
            public_only: false,
        }
    }

    /// True when any filter besides the words is set.
    pub fn filtered(&self) -> bool {
        self.kind.is_some()
            || self.status.is_some()
            || self.service.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// Why the date range cannot match anything, if it cannot.
    pub fn date_problem(&self) -> Option<&'static str> {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) if t < f => Some("The “to” date is before the “from” date."),
            _ => None,
        }
    }
}

/// The count line: "23 results", "showing the best 50 of 230 results", or what to try
/// when nothing matched.
pub fn count_line(p: &SearchParams, total: usize, shown: usize) -> String {
    let words = p.text.trim();
    if total == 0 {
        let hint = if p.filtered() {
            "Check the spelling, use fewer words, or clear some filters."
        } else {
            "Check the spelling or use fewer words."
        };
        return format!("No results for “{words}”. {hint}");
    }
    let results = if total == 1 { "result" } else { "results" };
    if shown < total {
        format!("{total} {results}, showing the best {shown}.")
    } else {
        format!("{total} {results}.")
    }
}

#[cfg(test)]
mod tests;
