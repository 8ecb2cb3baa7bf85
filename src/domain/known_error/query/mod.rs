//! The known error database as a pure query: find known errors by error code (exact or
//! partial, any case or punctuation) and by words of their title, symptoms and
//! workaround (case and accent insensitive, every word must match), filter by status
//! ("open" = draft and active by default), and the filter's URL form.

use crate::domain::incident::query::fold;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::{KnownError, KnownErrorStatus};

/// Which statuses the list shows.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Draft and active: the workaround still matters (the default).
    #[default]
    Open,
    /// One status.
    Only(KnownErrorStatus),
    /// Every status.
    All,
}

impl StatusFilter {
    /// Every choice, in the order the status picker offers them.
    pub fn choices() -> Vec<StatusFilter> {
        let mut out = vec![StatusFilter::Open];
        out.extend(
            KnownErrorStatus::all()
                .iter()
                .map(|s| StatusFilter::Only(*s)),
        );
        out.push(StatusFilter::All);
        out
    }

    /// The URL value (`open`, `active`, `all`, …).
    pub fn key(self) -> &'static str {
        match self {
            StatusFilter::Open => "open",
            StatusFilter::Only(s) => status_key(s),
            StatusFilter::All => "all",
        }
    }

    /// The picker's label.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Open => "Open (draft or active)",
            StatusFilter::Only(s) => s.label(),
            StatusFilter::All => "All",
        }
    }

    /// Reads a URL value; anything unknown means the default (open).
    pub fn from_key(key: &str) -> StatusFilter {
        StatusFilter::choices()
            .into_iter()
            .find(|c| c.key() == key.trim())
            .unwrap_or_default()
    }

    /// True when a known error in `status` belongs in the list.
    pub fn admits(self, status: KnownErrorStatus) -> bool {
        match self {
            StatusFilter::Open => {
                matches!(status, KnownErrorStatus::Draft | KnownErrorStatus::Active)
            }
            StatusFilter::Only(s) => s == status,
            StatusFilter::All => true,
        }
    }
}

/// The URL key of a status (`active`).
pub fn status_key(s: KnownErrorStatus) -> &'static str {
    match s {
        KnownErrorStatus::Draft => "draft",
        KnownErrorStatus::Active => "active",
        KnownErrorStatus::Fixed => "fixed",
        KnownErrorStatus::Retired => "retired",
    }
}

/// What the known error list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownErrorFilter {
    /// Which statuses.
    pub status: StatusFilter,
    /// An error code, or words that must all appear (see [`text_matches`]).
    pub text: String,
}

impl KnownErrorFilter {
    /// Reads a filter from URL query values.
    pub fn from_query(status: &str, text: &str) -> KnownErrorFilter {
        KnownErrorFilter {
            status: StatusFilter::from_key(status),
            text: text.trim().to_owned(),
        }
    }

    /// The query string (without `?`; empty for the default view).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if self.status != StatusFilter::Open {
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

    /// True when `k` belongs in the list.
    pub fn matches(&self, k: &KnownError) -> bool {
        self.status.admits(k.status) && text_matches(k, &self.text)
    }

    /// The matching known errors, newest change first, ties by reference.
    pub fn apply<'a>(&self, all: &'a [KnownError]) -> Vec<&'a KnownError> {
        let mut out: Vec<&KnownError> = all.iter().filter(|k| self.matches(k)).collect();
        out.sort_by(|x, y| {
            y.updated
                .cmp(&x.updated)
                .then_with(|| x.reference.as_str().cmp(y.reference.as_str()))
        });
        out
    }
}

/// Letters and digits only, folded: `ERR-4012` → `err4012`.
fn compact(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The folded words of `s` (split at anything that is not a letter or digit).
fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True when `typed` finds `k`. Empty text finds everything. The whole text may be an
/// error code, or part of one, in any case and with or without punctuation (`ERR-4012`,
/// `err4012`, `4012`); otherwise every typed word must either be part of the error code
/// or begin a word of the reference, title, symptoms or workaround, ignoring case and
/// accents (`connexion` finds “Connexión”; `out` finds “logged out” but not “about”).
pub fn text_matches(k: &KnownError, typed: &str) -> bool {
    let typed = typed.trim();
    if typed.is_empty() {
        return true;
    }
    let code = k.error_code.as_deref().map(compact).unwrap_or_default();
    let in_code = |text: &str| {
        let c = compact(text);
        !c.is_empty() && !code.is_empty() && code.contains(&c)
    };
    if in_code(typed) {
        return true;
    }
    let hay = words(&format!(
        "{} {} {} {}",
        k.reference, k.title, k.symptoms, k.workaround
    ));
    typed.split_whitespace().all(|w| {
        let parts = words(w);
        // A word of punctuation only (`-`) asks for nothing.
        in_code(w)
            || parts
                .iter()
                .all(|p| hay.iter().any(|h| h.starts_with(p.as_str())))
    })
}

#[cfg(test)]
mod tests;
