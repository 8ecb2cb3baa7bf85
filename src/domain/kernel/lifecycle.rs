//! The status-machine trait every record lifecycle implements, the transition check
//! with a human reason, and the reachability check used by every lifecycle's tests.

use std::fmt;

use super::history::{Change, History};
use super::time::Timestamp;

/// A record's status machine: its states, where it starts and the legal moves.
pub trait Lifecycle: Copy + Eq + 'static {
    /// Every state, in display order.
    fn all() -> &'static [Self];
    /// The state a new record starts in.
    fn initial() -> Self;
    /// The states this state may move to.
    fn allowed(self) -> &'static [Self];
    /// True for final states (no further work happens).
    fn is_terminal(self) -> bool;
    /// The human label (`In progress`).
    fn label(self) -> &'static str;
    /// The noun used in messages (`incident`, `problem`, …).
    fn record_noun() -> &'static str {
        "record"
    }
}

/// Why a status change was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct TransitionError {
    /// Label of the current state.
    pub from: &'static str,
    /// Label of the requested state.
    pub to: &'static str,
    /// The full sentence for the person, e.g.
    /// "An incident cannot go from Closed to In progress: Closed is final".
    pub reason: String,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl TransitionError {
    /// A refusal of `from → to` because of `why` (a policy, such as a missing note).
    pub fn policy<S: Lifecycle>(from: S, to: S, why: &str) -> Self {
        TransitionError {
            from: from.label(),
            to: to.label(),
            reason: format!(
                "{} cannot go from {} to {}: {why}",
                article_noun(S::record_noun()),
                from.label(),
                to.label()
            ),
        }
    }
}

fn article_noun(noun: &str) -> String {
    let article = match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "An",
        _ => "A",
    };
    format!("{article} {noun}")
}

/// Checks that `from → to` is a legal move in `S`'s lifecycle.
pub fn check_transition<S: Lifecycle>(from: S, to: S) -> Result<(), TransitionError> {
    if from.allowed().contains(&to) {
        return Ok(());
    }
    let why = if from == to {
        format!("it is already {}", from.label())
    } else if from.is_terminal() && from.allowed().is_empty() {
        format!("{} is final", from.label())
    } else {
        let options: Vec<&str> = from.allowed().iter().map(|s| s.label()).collect();
        format!(
            "from {} it can only go to {}",
            from.label(),
            join_or(&options)
        )
    };
    Err(TransitionError::policy(from, to, &why))
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => "nothing".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Checks `*status → to`, then moves and records a [`Change::Status`] in `history`.
/// Policy checks specific to a record happen before calling this.
pub fn move_status<S: Lifecycle>(
    status: &mut S,
    to: S,
    history: &mut History,
    at: Timestamp,
    by: &str,
    reason: Option<String>,
) -> Result<(), TransitionError> {
    let from = *status;
    check_transition(from, to)?;
    *status = to;
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    history.record(
        at,
        by,
        Change::Status {
            from: from.label().to_owned(),
            to: to.label().to_owned(),
            reason,
        },
    );
    Ok(())
}

/// The state of `S` whose label is `label` (history stores labels).
pub fn from_label<S: Lifecycle>(label: &str) -> Option<S> {
    S::all().iter().copied().find(|s| s.label() == label)
}

/// States reachable from the initial state (including it), in discovery order.
pub fn reachable<S: Lifecycle>() -> Vec<S> {
    reachable_from(S::initial())
}

fn reachable_from<S: Lifecycle>(start: S) -> Vec<S> {
    let mut seen = vec![start];
    let mut i = 0;
    while i < seen.len() {
        for &next in seen[i].allowed() {
            if !seen.contains(&next) {
                seen.push(next);
            }
        }
        i += 1;
    }
    seen
}

/// True when every state reachable from the initial state has a legal path to a
/// terminal state (no record can get stuck where work never ends).
pub fn reaches_terminal<S: Lifecycle>() -> bool {
    reachable::<S>()
        .into_iter()
        .all(|s| reachable_from(s).into_iter().any(|t| t.is_terminal()))
}

/// Consistency checks every lifecycle must pass; returns a description of the first
/// problem found. Used by each lifecycle's tests.
pub fn lint<S: Lifecycle + fmt::Debug>() -> Result<(), String> {
    if !S::all().contains(&S::initial()) {
        return Err("initial state missing from all()".into());
    }
    for &s in S::all() {
        if s.allowed().contains(&s) {
            return Err(format!("{s:?} allows itself"));
        }
        if s.allowed().iter().any(|t| !S::all().contains(t)) {
            return Err(format!("{s:?} allows a state missing from all()"));
        }
        if s.label().is_empty() {
            return Err(format!("{s:?} has no label"));
        }
    }
    if !reaches_terminal::<S>() {
        return Err("some reachable state cannot reach a terminal state".into());
    }
    if !S::all().iter().any(|s| s.is_terminal()) {
        return Err("no terminal state".into());
    }
    Ok(())
}

/// Checks `check_transition` against `allowed()` for every pair of states.
pub fn exhaustive_transition_check<S: Lifecycle + fmt::Debug>() -> Result<(), String> {
    for &from in S::all() {
        for &to in S::all() {
            let legal = from.allowed().contains(&to);
            match check_transition(from, to) {
                Ok(()) if !legal => return Err(format!("{from:?}→{to:?} accepted")),
                Err(e) if legal => return Err(format!("{from:?}→{to:?} refused: {e}")),
                Err(e) if !e.reason.contains(from.label()) || e.from != from.label() => {
                    return Err(format!("unclear reason for {from:?}→{to:?}: {e}"));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Copy, Clone, Debug, PartialEq, Eq)]
    enum Door {
        Open,
        Shut,
        Gone,
    }

    impl Lifecycle for Door {
        fn all() -> &'static [Self] {
            &[Door::Open, Door::Shut, Door::Gone]
        }
        fn initial() -> Self {
            Door::Open
        }
        fn allowed(self) -> &'static [Self] {
            match self {
                Door::Open => &[Door::Shut],
                Door::Shut => &[Door::Open, Door::Gone],
                Door::Gone => &[],
            }
        }
        fn is_terminal(self) -> bool {
            self == Door::Gone
        }
        fn label(self) -> &'static str {
            match self {
                Door::Open => "Open",
                Door::Shut => "Shut",
                Door::Gone => "Gone",
            }
        }
        fn record_noun() -> &'static str {
            "interior door"
        }
    }

    #[test]
    fn reasons_are_human() {
        assert!(check_transition(Door::Open, Door::Shut).is_ok());
        let e = check_transition(Door::Gone, Door::Open).err();
        assert_eq!(
            e.map(|e| e.reason).as_deref(),
            Some("An interior door cannot go from Gone to Open: Gone is final")
        );
        let e = check_transition(Door::Open, Door::Gone).err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("An interior door cannot go from Open to Gone: from Open it can only go to Shut")
        );
        assert_eq!(join_or(&["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn door_lifecycle_is_sound() {
        assert_eq!(lint::<Door>(), Ok(()));
        assert_eq!(exhaustive_transition_check::<Door>(), Ok(()));
        assert_eq!(reachable::<Door>().len(), 3);
        assert_eq!(from_label::<Door>("Shut"), Some(Door::Shut));
        assert_eq!(from_label::<Door>("Ajar"), None);
    }

    #[test]
    fn move_status_records() {
        let mut d = Door::Open;
        let mut h = History::new();
        assert!(move_status(&mut d, Door::Gone, &mut h, Timestamp(1), "x", None).is_err());
        assert!(h.is_empty());
        let why = Some(" draught ".to_string());
        assert!(move_status(&mut d, Door::Shut, &mut h, Timestamp(1), "x", why).is_ok());
        assert_eq!(d, Door::Shut);
        let last = h.last().map(|e| e.change.describe());
        assert_eq!(last.as_deref(), Some("Status Open → Shut (draught)"));
    }
}
