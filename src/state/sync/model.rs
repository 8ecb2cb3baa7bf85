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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncStatus {
    pub phase: Phase,
    pub pulled: u64,
    pub pushed: u64,
    /// Last successful run, ms since the epoch.
    pub last_sync: Option<i64>,
    /// Local changes not yet pushed.
    pub pending: u32,
    pub conflicts: u32,
    pub rejected: Vec<Rejection>,
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
}
