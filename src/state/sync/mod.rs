//! Sync as the app sees it: the settings (server and database, kept in the local meta
//! store; never a credential), the status every page shows, "Sync now", live mode with
//! backoff, and one replicating tab at a time (see `sync_tabs`).

pub mod model;
pub mod session;
pub mod support;
pub mod tabs;

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;

use crate::storage::Store;
use crate::sync::checkpoint::backoff_ms;
use crate::sync::protocol::{since_param, Rejection};
use crate::sync::replicate::{Progress, Replication, Report, REJECTED_KEY};
use crate::sync::transport::{encode, Endpoint, Request, SyncError, Transport};

use crate::ops::clock;
use crate::state::db::{Db, DbStatus};
use crate::storage::AppStore;

/// Meta key of the sync settings.
pub const SETTINGS_KEY: &str = "sync-settings";
/// Meta key of the time of the last successful run (ms).
const LAST_KEY: &str = "sync-last";

pub use crate::state::sync::model::{Phase, SyncSettings, SyncStatus};
use crate::state::sync::support::{js_random, local_id, pending_changes, transport};

/// The sync handle, provided as context.
#[derive(Clone, Copy)]
pub struct SyncHandle {
    db: Db,
    pub settings: RwSignal<Option<SyncSettings>>,
    pub status: RwSignal<SyncStatus>,
    /// Bumped to stop a live loop (settings changed, live turned off).
    generation: StoredValue<u64>,
    running: StoredValue<bool>,
    /// A live loop runs in this tab or waits for the lock (at most one of either).
    live_started: StoredValue<bool>,
    /// A retry loop after a failed "Sync now" is waiting (at most one).
    retrying: StoredValue<bool>,
    /// A revision bump caused by sync itself (not a local edit to push).
    own_change: StoredValue<bool>,
}

impl SyncHandle {
    /// Creates the handle and loads the settings once the database is open.
    pub fn provide() -> Self {
        let db = Db::expect();
        let h = SyncHandle {
            db,
            settings: RwSignal::new(None),
            status: RwSignal::new(SyncStatus::default()),
            generation: StoredValue::new(0),
            running: StoredValue::new(false),
            live_started: StoredValue::new(false),
            retrying: StoredValue::new(false),
            own_change: StoredValue::new(false),
        };
        provide_context(h);
        let loaded = StoredValue::new(false);
        Effect::new(move |_| {
            if db.status.get() == DbStatus::Ready && !loaded.get_value() {
                loaded.set_value(true);
                leptos::task::spawn_local(async move { h.load(db).await });
            }
        });
        // A local write while live: push it soon (other tabs hear of it through sync_tabs).
        Effect::new(move |prev: Option<u64>| {
            let rev = db.revision.get();
            if prev.is_some() && !h.own_change.get_value() {
                let live = h.settings.get_untracked().is_some_and(|s| s.live);
                if live {
                    h.sync_now();
                } else {
                    leptos::task::spawn_local(async move { h.refresh_counts(db).await });
                }
            }
            h.own_change.set_value(false);
            rev
        });
        tabs::listen(h);
        h
    }

    pub fn expect() -> Self {
        expect_context::<SyncHandle>()
    }

    async fn load(self, db: Db) {
        let Ok(store) = db.store() else { return };
        let settings = store
            .meta_get(SETTINGS_KEY)
            .await
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<SyncSettings>(&t).ok());
        let last = store
            .meta_get(LAST_KEY)
            .await
            .ok()
            .flatten()
            .and_then(|t| t.parse::<i64>().ok());
        self.settings.set(settings.clone());
        self.status.update(|s| {
            s.last_sync = s.last_sync.max(last);
            // Another tab may already have said how sync stands: keep that.
            if settings.is_none() {
                s.phase = Phase::Off;
            } else if s.phase == Phase::Off {
                s.phase = Phase::Idle;
            }
        });
        self.refresh_counts(db).await;
        if settings.is_some_and(|s| s.live) {
            self.start_live();
        }
    }

    /// Saves where to sync (validated); stops a running live loop.
    pub async fn save_settings(
        self,
        server: &str,
        db_name: &str,
        live: bool,
    ) -> Result<(), String> {
        let ep = Endpoint::parse(server, db_name).map_err(|e| e.to_string())?;
        let settings = SyncSettings {
            server: ep.server,
            db: ep.db,
            live,
        };
        let db = self.db;
        let store = db.store().map_err(|e| e.to_string())?;
        let text = serde_json::to_string(&settings).map_err(|e| e.to_string())?;
        store
            .meta_put(SETTINGS_KEY, &text)
            .await
            .map_err(|e| e.to_string())?;
        self.generation.update_value(|g| *g += 1);
        self.settings.set(Some(settings));
        let _ = self.status.try_update(|s| {
            if !matches!(s.phase, Phase::Syncing) {
                s.phase = Phase::Idle;
            }
        });
        self.refresh_counts(db).await;
        if live {
            self.start_live();
        }
        tabs::announce_settings();
        Ok(())
    }

    /// Re-reads the settings after another tab changed them.
    pub fn reload(self) {
        let db = self.db;
        self.generation.update_value(|g| *g += 1);
        leptos::task::spawn_local(async move { self.load(db).await });
    }

    /// Counts shown beside the status: changes not pushed, conflicts, refusals.
    pub async fn refresh_counts(self, db: Db) {
        let Ok(store) = db.store() else { return };
        let Some(ep) = self.settings.get_untracked().and_then(|s| s.endpoint()) else {
            let conflicts = store.conflicted(0).await.map_or(0, |v| v.len() as u32);
            let _ = self.status.try_update(|s| s.conflicts = conflicts);
            return;
        };
        let pending = pending_changes(&store, &ep)
            .await
            .map_err(|e| e.to_string());
        let conflicts = store.conflicted(0).await.map_or(0, |v| v.len() as u32);
        let rejected: Vec<Rejection> = store
            .meta_get(REJECTED_KEY)
            .await
            .ok()
            .flatten()
            .and_then(|t| {
                serde_json::from_str::<std::collections::BTreeMap<String, Rejection>>(&t).ok()
            })
            .map(|m| m.into_values().collect())
            .unwrap_or_default();
        let _ = self.status.try_update(|s| {
            s.pending = pending;
            s.conflicts = conflicts;
            s.rejected = rejected;
        });
        tabs::publish(self.status.get_untracked(), self.running.get_value());
    }

    /// Whether a run is going on in this tab.
    pub fn is_running(self) -> bool {
        self.running.get_value()
    }

    /// Runs once now (in the background). When another tab holds the replication, it
    /// is asked to run instead.
    pub fn sync_now(self) {
        leptos::task::spawn_local(async move {
            if let Some(Err(e)) = self.run_once_locked().await {
                if e.is_transient() {
                    self.retry_with_backoff().await;
                }
            }
        });
    }

    /// After a run failed for want of the server (outside live mode, which retries on
    /// its own): tries again with growing pauses until one succeeds, a person must act,
    /// or the settings change.
    async fn retry_with_backoff(self) {
        let live = || self.settings.get_untracked().is_some_and(|s| s.live);
        if self.retrying.get_value() || live() {
            return;
        }
        self.retrying.set_value(true);
        let generation = self.generation.get_value();
        let mut attempt = 0u32;
        loop {
            clock::sleep_ms(backoff_ms(attempt, js_random()) as u32).await;
            attempt = attempt.saturating_add(1);
            if self.generation.try_get_value() != Some(generation) || live() {
                break;
            }
            match self.run_once_locked().await {
                Some(Err(e)) if e.is_transient() => continue,
                // Busy elsewhere (another run or tab): try again later.
                None => continue,
                _ => break,
            }
        }
        self.retrying.set_value(false);
    }

    async fn run_once_locked(self) -> Option<Result<Report, SyncError>> {
        if self.running.get_value() {
            return None;
        }
        if tabs::holds_lock() {
            return Some(self.run_once().await);
        }
        let out = tabs::with_lock(false, move || async move { self.run_once().await }).await;
        if out.is_none() {
            tabs::ask_holder_to_sync();
        }
        out
    }

    /// One replication run: pull then push, updating the status as it goes.
    async fn run_once(self) -> Result<Report, SyncError> {
        let db = self.db;
        let Some(ep) = self.settings.get_untracked().and_then(|s| s.endpoint()) else {
            return Err(SyncError::Server {
                status: 0,
                reason: "no server is configured".into(),
            });
        };
        let store: Rc<AppStore> = db.store().map_err(SyncError::Store)?;
        self.running.set_value(true);
        let _ = self.status.try_update(|s| {
            s.phase = Phase::Syncing;
            s.pulled = 0;
            s.pushed = 0;
        });
        tabs::publish(self.status.get_untracked(), true);
        let result = async {
            let local = local_id(&store).await?;
            let http = transport();
            let rep = Replication::new(&*store, &http, &ep, &local);
            let mut on_progress = |p: Progress| {
                let _ = self.status.try_update(|s| {
                    s.pulled = p.pulled;
                    s.pushed = p.pushed;
                });
                if p.pulled > 0 {
                    self.own_change.set_value(true);
                    db.changed();
                }
            };
            rep.run(&mut on_progress).await
        }
        .await;
        self.running.set_value(false);
        match &result {
            Ok(_) => {
                let now = clock::now().0;
                let _ = store.meta_put(LAST_KEY, &now.to_string()).await;
                let _ = self.status.try_update(|s| {
                    s.phase = Phase::UpToDate;
                    s.last_sync = Some(now);
                });
                // A live loop stopped by an error that needed a person resumes now.
                if self.settings.get_untracked().is_some_and(|s| s.live) {
                    self.start_live();
                }
            }
            Err(e) => {
                let phase = if e.is_transient() {
                    Phase::Offline(e.to_string())
                } else {
                    Phase::Paused(e.to_string())
                };
                let _ = self.status.try_update(|s| s.phase = phase);
            }
        }
        self.refresh_counts(db).await;
        result
    }

    /// Follows the server while live mode is on, in the tab holding the replication.
    fn start_live(self) {
        if self.live_started.get_value() {
            return;
        }
        self.live_started.set_value(true);
        let generation = self.generation.get_value();
        leptos::task::spawn_local(async move {
            let _ = tabs::with_lock(true, move || async move {
                self.live_loop(generation).await;
            })
            .await;
            self.live_started.set_value(false);
            // Settings changed while this loop ran: follow the new ones.
            if self.generation.try_get_value() != Some(generation)
                && self.settings.get_untracked().is_some_and(|s| s.live)
            {
                self.start_live();
            }
        });
    }

    async fn live_loop(self, generation: u64) {
        let mut attempt = 0u32;
        while self.generation.try_get_value() == Some(generation) {
            if self.running.get_value() {
                clock::sleep_ms(500).await;
                continue;
            }
            match self.run_once().await {
                Ok(report) => {
                    attempt = 0;
                    if self.wait_for_changes(&report.pull_seq).await.is_err() {
                        clock::sleep_ms(backoff_ms(0, js_random()) as u32).await;
                    }
                }
                Err(e) if e.is_transient() => {
                    clock::sleep_ms(backoff_ms(attempt, js_random()) as u32).await;
                    attempt = attempt.saturating_add(1);
                }
                // Needs a person: stay paused until settings change or "Sync now".
                Err(_) => return,
            }
        }
    }

    /// Waits until the server has changes after `since` (`feed=longpoll`, 25 s at most).
    async fn wait_for_changes(self, since: &Value) -> Result<(), SyncError> {
        let Some(ep) = self.settings.get_untracked().and_then(|s| s.endpoint()) else {
            return Ok(());
        };
        let mut req = Request::get(ep.url(&format!(
            "_changes?feed=longpoll&timeout=25000&limit=1&since={}",
            encode(&since_param(since))
        )));
        // Some servers (PouchDB Server) ignore `timeout` and hold the request until a
        // change comes: give up on our side and simply run again.
        req.timeout_ms = 30_000;
        let res = match transport().send(req).await {
            Ok(res) => res,
            Err(crate::sync::transport::TransportError::Timeout) => return Ok(()),
            Err(e) => return Err(SyncError::Offline(e)),
        };
        if (200..300).contains(&res.status) {
            Ok(())
        } else {
            Err(SyncError::from_status(&ep, &res))
        }
    }
}
