//! Local storage: the only module that touches IndexedDB. A [`Store`] trait with an
//! IndexedDB implementation (`idb`, browser only) and an in-memory one (`memory`, for
//! native tests), plain-data rows and errors, and the pure write rules both share.

pub mod edit;
pub mod memory;
pub mod query;

#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
pub mod schema;

use crate::domain::couch::document::{DocState, NewRevision, RemoteRevision};
use crate::domain::couch::revision::Rev;

pub use edit::{apply_local_edit, apply_remote};
pub use query::{ListFilter, ListQuery};

#[cfg(target_arch = "wasm32")]
/// The store the app runs on: IndexedDB in the browser.
pub type AppStore = idb::IdbStore;
#[cfg(not(target_arch = "wasm32"))]
/// The store the app runs on: memory in native builds (never used by people).
pub type AppStore = memory::MemoryStore;

/// Name of the IndexedDB database holding the desk.
pub const DB_NAME: &str = "service-desk";

/// Opens the app's store.
pub async fn open_store() -> Result<AppStore, StoreError> {
    #[cfg(target_arch = "wasm32")]
    {
        idb::IdbStore::open(DB_NAME).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(memory::MemoryStore::default())
    }
}

/// The IndexedDB schema version this build writes (the upgrades are in `schema`,
/// browser builds only); backups record it, so it is known in native builds too.
pub const SCHEMA_VERSION: u32 = 4;

/// Meta key of the sequence counter; reserved, `meta_put` refuses it.
pub const SEQ_KEY: &str = "seq";

/// Everything that can go wrong in storage, as plain data the UI can show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The edit was made on a revision that is no longer the current one.
    #[error(
        "\"{id}\" was changed elsewhere since it was opened; reload it and apply the change again"
    )]
    Conflict { id: String },
    #[error("\"{id}\" does not exist")]
    NotFound { id: String },
    #[error("the browser has no storage space left for this site")]
    QuotaExceeded,
    /// Another tab holds an older version of the database open.
    #[error(
        "the database is open in another tab with an older version; close other tabs of this site"
    )]
    Blocked,
    #[error("the database was created by a newer version of the app; reload the page")]
    VersionTooNew,
    /// IndexedDB missing, private mode, or opening failed.
    #[error("local storage is unavailable: {0}")]
    Unavailable(String),
    #[error("stored document \"{id}\" is damaged: {reason}")]
    Corrupt { id: String, reason: String },
    #[error("invalid request: {0}")]
    Invalid(String),
    #[error("storage error: {0}")]
    Io(String),
}

/// The winning revision of a live document, as lists return it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    pub id: String,
    pub rev: Rev,
    pub body: String,
}

/// What a committed write produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteResult {
    pub id: String,
    pub rev: Rev,
    pub seq: u64,
}

/// One chunk of a [`Store::scan`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScanPage {
    /// Live documents of the chunk, in id order.
    pub rows: Vec<DocRow>,
    /// The id to continue after; `None` once the scan reached the end.
    pub next: Option<String>,
}

/// The id range of documents of `kind`: ids are `<kind>:<uuid>`, and `;` follows `:`.
pub fn kind_bounds(kind: &str) -> (String, String) {
    (format!("{kind}:"), format!("{kind};"))
}

/// One entry of the local changes feed: the last write to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub seq: u64,
    pub id: String,
    /// Winning revision after that write.
    pub rev: Rev,
    pub deleted: bool,
}

/// The local document store. Futures are not `Send`: IndexedDB handles are tied to the
/// one thread of the page, and the app is single-threaded wasm, so that costs nothing.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// Writes one revision in one committed transaction.
    async fn put(&self, rev: NewRevision) -> Result<WriteResult, StoreError>;
    /// Writes all revisions in one transaction: all of them or none.
    async fn put_batch(&self, revs: Vec<NewRevision>) -> Result<Vec<WriteResult>, StoreError>;
    /// Merges revisions received from another replica, in one transaction: all of them
    /// or none. A revision already known writes nothing (and gets no result).
    async fn merge_remote(&self, revs: Vec<RemoteRevision>)
        -> Result<Vec<WriteResult>, StoreError>;
    /// Live documents that have conflicting leaves, in id order; at most `limit` (0 = all).
    async fn conflicted(&self, limit: u32) -> Result<Vec<DocRow>, StoreError>;
    /// Everything stored for one document, including deleted (tombstone) documents.
    async fn get(&self, id: &str) -> Result<Option<DocState>, StoreError>;
    /// Everything stored for each id (None where absent), in one read transaction.
    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError>;
    /// How many documents were written after `since` (the changes feed's length).
    async fn count_changes(&self, since: u64) -> Result<u32, StoreError>;
    /// Live documents carrying this human reference (normally one).
    async fn find_by_reference(&self, reference: &str) -> Result<Vec<DocRow>, StoreError>;
    /// One page of live documents, newest `updated` first (ties by id).
    async fn list(&self, q: &ListQuery) -> Result<Vec<DocRow>, StoreError>;
    /// How many live documents match, ignoring limit and offset.
    async fn count(&self, q: &ListQuery) -> Result<u32, StoreError>;
    /// Reads documents whose id is `<kind>:…` in id order, starting after `after`,
    /// examining at most `limit` (tombstones are examined but not returned). Meant for
    /// building in-memory views a chunk at a time; continue from [`ScanPage::next`].
    async fn scan(
        &self,
        kind: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<ScanPage, StoreError>;
    /// The local changes feed: documents whose last write has `seq > since`, ascending.
    async fn changes(&self, since: u64, limit: u32) -> Result<Vec<ChangeRow>, StoreError>;
    /// Sequence of the last write (0 for an empty database).
    async fn last_seq(&self) -> Result<u64, StoreError>;
    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Increments the counter stored under meta `key` (missing = 0) and returns the new
    /// value, in one transaction: two tabs never get the same number.
    async fn next_counter(&self, key: &str) -> Result<u64, StoreError> {
        self.reserve_counters(key, 1).await
    }
    /// Advances the counter under meta `key` by `count` (at least 1) in one transaction
    /// and returns the first of the `count` values reserved (`first..first + count`):
    /// a batch of new records gets its references in one write.
    async fn reserve_counters(&self, key: &str, count: u64) -> Result<u64, StoreError>;
    /// Raises the counter under meta `key` to at least `at_least` (missing = 0) in one
    /// transaction and returns its value after: a higher value is kept, so a counter
    /// restored from a backup never rolls back a reservation made meanwhile. A stored
    /// value that is not a number is refused ([`StoreError::Corrupt`]), not reset.
    async fn raise_counter(&self, key: &str, at_least: u64) -> Result<u64, StoreError>;
}

/// The value after `current` (a stored counter, `None` when absent) for
/// [`Store::next_counter`]; a stored value that is not a number is refused, not reset.
pub fn counter_after(key: &str, current: Option<&str>) -> Result<u64, StoreError> {
    counter_advance(key, current, 1)
}

/// The counter's value after raising `current` (a stored counter, `None` when absent)
/// to at least `at_least`, for [`Store::raise_counter`], and whether that is a change
/// to write; a stored value that is not a number is refused, not reset.
pub fn counter_at_least(
    key: &str,
    current: Option<&str>,
    at_least: u64,
) -> Result<(u64, bool), StoreError> {
    let n = match current {
        None => return Ok((at_least, true)),
        Some(v) => v.parse::<u64>().map_err(|_| StoreError::Corrupt {
            id: format!("meta:{key}"),
            reason: "the counter is not a whole number".into(),
        })?,
    };
    Ok(if n >= at_least {
        (n, false)
    } else {
        (at_least, true)
    })
}

/// The counter's new value after reserving `count` values past `current` (the last
/// one reserved), for [`Store::reserve_counters`]; `count` 0 is refused.
pub fn counter_advance(key: &str, current: Option<&str>, count: u64) -> Result<u64, StoreError> {
    if count == 0 {
        return Err(StoreError::Invalid(format!(
            "counter \"{key}\": nothing to reserve"
        )));
    }
    let n = match current {
        None => 0,
        Some(v) => v.parse::<u64>().map_err(|_| StoreError::Corrupt {
            id: format!("meta:{key}"),
            reason: "the counter is not a whole number".into(),
        })?,
    };
    n.checked_add(count)
        .ok_or_else(|| StoreError::Invalid(format!("counter \"{key}\" overflowed")))
}
