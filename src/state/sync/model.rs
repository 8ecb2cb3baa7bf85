//! What sync is set to and how it stands, as plain data: the saved settings, the phase
//! the header shows, and the counts beside it.

use serde::{Deserialize, Serialize};

use crate::sync::protocol::Rejection;
use crate::sync::transport::Endpoint;

/// Where to sync, as saved. No user name, no password: the server's session cookie
/// is the only credential, and the browser keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    pub server: String,
    pub db: String,
    #[serde(default)]
    pub live: bool,
}

impl SyncSettings {
    pub fn endpoint(&self) -> Option<Endpoint> {
        Endpoint::parse(&self.server, &self.db).ok()
    }
}

/// What the sync indicator says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Phase {
    /// No server configured.
    #[default]
    Off,
    /// Configured, not run yet in this visit.
    Idle,
    Syncing,
    UpToDate,
    /// The server cannot be reached; retrying.
    Offline(String),
    /// Stopped until a person acts (sign in, create the database, fix the address).
    Paused(String),
}

/// Everything the indicator and the sync page show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub phase: Phase,
    pub pulled: u64,
    pub pushed: u64,
    /// Last successful run, ms since the epoch.
    pub last_sync: Option<i64>,
    /// Local changes not yet pushed, or why they could not be counted (a storage
    /// error must not read as "nothing to push").
    pub pending: Result<u32, String>,
    pub conflicts: u32,
    pub rejected: Vec<Rejection>,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            phase: Phase::default(),
            pulled: 0,
            pushed: 0,
            last_sync: None,
            pending: Ok(0),
            conflicts: 0,
            rejected: Vec::new(),
        }
    }
}

impl SyncStatus {
    /// The header's words: "Sync: up to date", …
    pub fn label(&self) -> &'static str {
        match self.phase {
            Phase::Off => "Sync: off",
            Phase::Idle => "Sync: not yet synced",
            Phase::Syncing => "Sync: syncing",
            Phase::UpToDate => "Sync: up to date",
            Phase::Offline(_) => "Sync: offline",
            Phase::Paused(_) => "Sync: paused",
        }
    }

    /// What the header adds about local changes: " · 3 not yet pushed", nothing when
    /// there are none, " · not yet pushed: unknown" when they could not be counted.
    pub fn pending_note(&self) -> Option<String> {
        match &self.pending {
            Ok(0) => None,
            Ok(n) => Some(format!(" · {n} not yet pushed")),
            Err(_) => Some(" · not yet pushed: unknown".into()),
        }
    }

    /// The sync page's line: "Not yet pushed: 3", or "Not yet pushed: unknown (why)".
    pub fn pending_fact(&self) -> String {
        match &self.pending {
            Ok(n) => format!("Not yet pushed: {n}"),
            Err(why) => format!("Not yet pushed: unknown ({why})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_has_a_label_starting_with_sync() {
        for phase in [
            Phase::Off,
            Phase::Idle,
            Phase::Syncing,
            Phase::UpToDate,
            Phase::Offline("x".into()),
            Phase::Paused("y".into()),
        ] {
            let status = SyncStatus {
                phase,
                ..SyncStatus::default()
            };
            assert!(status.label().starts_with("Sync: "));
        }
        let saved = SyncSettings {
            server: "http://127.0.0.1:5984".into(),
            db: "desk".into(),
            live: true,
        };
        assert!(saved.endpoint().is_some());
        let text = serde_json::to_string(&saved).unwrap();
        assert!(!text.contains("password"));
        assert_eq!(serde_json::from_str::<SyncSettings>(&text).unwrap(), saved);
    }

    #[test]
    fn a_storage_error_counting_unpushed_changes_shows_as_unknown_not_zero() {
        let with = |pending| SyncStatus {
            phase: Phase::UpToDate,
            pending,
            ..SyncStatus::default()
        };
        let none = with(Ok(0));
        assert_eq!(none.pending_note(), None);
        assert_eq!(none.pending_fact(), "Not yet pushed: 0");
        let some = with(Ok(3));
        assert_eq!(some.pending_note().as_deref(), Some(" · 3 not yet pushed"));
        assert_eq!(some.pending_fact(), "Not yet pushed: 3");
        let broken = with(Err("local storage: the database is closing".into()));
        assert_eq!(
            broken.pending_note().as_deref(),
            Some(" · not yet pushed: unknown")
        );
        assert_eq!(
            broken.pending_fact(),
            "Not yet pushed: unknown (local storage: the database is closing)"
        );
        assert_eq!(broken.label(), "Sync: up to date");
        let text = serde_json::to_string(&broken).unwrap();
        assert_eq!(serde_json::from_str::<SyncStatus>(&text).unwrap(), broken);
    }
}
