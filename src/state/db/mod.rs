//! The database handle: opens the local store once, exposes its status (opening, ready,
//! failed with a reason) and a revision counter that lists watch to re-read after writes.

pub mod tabs;

use std::rc::Rc;

use leptos::prelude::*;

use crate::storage::{open_store, AppStore, StoreError};

/// Where opening the database stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbStatus {
    Opening,
    /// Loading the demo data the URL asked for (`?demo`).
    LoadingDemo,
    Ready,
    Failed(String),
}

/// Small `Copy` handle to the open database, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Db {
    store: StoredValue<Option<Rc<AppStore>>, LocalStorage>,
    queue: StoredValue<crate::ops::queue::Queue, LocalStorage>,
    search: StoredValue<crate::ops::search::Search, LocalStorage>,
    /// Opening / ready / failed.
    pub status: RwSignal<DbStatus>,
    /// Incremented after every write (in this tab or another), so readers refresh.
    pub revision: RwSignal<u64>,
    /// Set once another tab upgraded the database: this tab's connection is closed and
    /// the page must reload.
    pub outdated: RwSignal<bool>,
}

impl Db {
    /// Creates the handle, provides it as context and starts opening the database.
    pub fn provide() -> Self {
        let db = Db {
            store: StoredValue::new_local(None),
            queue: StoredValue::new_local(crate::ops::queue::Queue::new()),
            search: StoredValue::new_local(crate::ops::search::Search::desk()),
            status: RwSignal::new(DbStatus::Opening),
            revision: RwSignal::new(0),
            outdated: RwSignal::new(false),
        };
        provide_context(db);
        crate::state::db::tabs::listen(db.revision);
        db.open();
        db
    }

    /// The handle provided by [`Db::provide`].
    pub fn expect() -> Self {
        expect_context::<Db>()
    }

    /// (Re)tries opening the database.
    pub fn open(self) {
        self.status.set(DbStatus::Opening);
        leptos::task::spawn_local(async move {
            match open_store().await {
                Ok(store) => {
                    #[cfg(target_arch = "wasm32")]
                    {
                        let outdated = self.outdated;
                        store.on_version_change(move || {
                            let _ = outdated.try_set(true);
                        });
                    }
                    let store = Rc::new(store);
                    self.store.set_value(Some(store.clone()));
                    if let Some(extra) = demo_requested() {
                        self.status.set(DbStatus::LoadingDemo);
                        match crate::ops::demo::is_empty(&*store).await {
                            Ok(true) => {
                                if let Err(e) = crate::ops::demo::load(&*store, extra).await {
                                    self.status.set(DbStatus::Failed(format!(
                                        "The demo data could not be loaded: {e}"
                                    )));
                                    return;
                                }
                            }
                            Ok(false) => {}
                            Err(e) => {
                                self.status.set(DbStatus::Failed(e.to_string()));
                                return;
                            }
                        }
                    }
                    self.status.set(DbStatus::Ready);
                    super::persistence::request_at_start();
                }
                Err(e) => self.status.set(DbStatus::Failed(open_failure_message(&e))),
            }
        });
    }

    /// The open store. Pages are only shown once the database is ready, so `None`
    /// means a programming error upstream; callers turn it into a message.
    pub fn store(&self) -> Result<Rc<AppStore>, StoreError> {
        self.store
            .get_value()
            .ok_or_else(|| StoreError::Unavailable("the database is not open yet".into()))
    }

    /// The incident queue's in-memory rows, shared by every visit to the queue.
    pub fn queue(&self) -> crate::ops::queue::Queue {
        self.queue.get_value()
    }

    /// Brings the queue's rows up to date in the background unless a build already
    /// runs; `done` is called when it has finished (successfully or not: the next sync
    /// reports).
    pub fn build_queue_in_background(&self, revision: u64, done: impl FnOnce() + 'static) {
        let queue = self.queue();
        let Ok(store) = self.store() else { return };
        if !queue.try_start_build() {
            return;
        }
        leptos::task::spawn_local(async move {
            let _ = queue
                .sync(&*store, revision, crate::ops::clock::now())
                .await;
            queue.build_finished();
            done();
        });
    }

    /// The desk's search index (every searchable record), shared by the command
    /// palette and the search page.
    pub fn search(&self) -> crate::ops::search::Search {
        self.search.get_value()
    }

    /// Tells readers, in this tab and the others, that data changed.
    pub fn changed(&self) {
        self.revision.update(|r| *r += 1);
        crate::state::db::tabs::announce();
    }
}

/// Explains a failure to open in words that say what to do.
pub fn open_failure_message(e: &StoreError) -> String {
    match e {
        StoreError::Blocked => "The desk is open in another tab with an older version. Close the other tabs of this site, then retry.".into(),
        StoreError::VersionTooNew => "This database was created by a newer version of the app. Reload the page to get the newest version.".into(),
        StoreError::QuotaExceeded => "The browser has no storage space left for this site. Free some space (or allow more storage), then retry.".into(),
        other => format!("The local database could not be opened ({other}). Private browsing modes and some browser settings block storage; allow site data for this page and retry."),
    }
}

/// The demo request in the page URL, if any (see [`crate::ops::demo::requested`]).
fn demo_requested() -> Option<usize> {
    #[cfg(target_arch = "wasm32")]
    {
        let search = web_sys::window()?.location().search().ok()?;
        crate::ops::demo::requested(&search)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}
