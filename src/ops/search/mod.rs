//! The desk's search index in memory. The first time, it is built from the store in
//! slices (the page stays responsive) and saved in the store; later visits read the
//! saved index back instead of re-reading every record. Either way it is then kept
//! current from the local changes feed, so a record created, edited, deleted or
//! arriving by sync is findable (or gone) at the next query. (The portal searches its
//! own small public-only index: see `state::portal::SuggestionPool`.)

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::search::extract::from_json;
use crate::search::{Index, Results, SearchQuery};
use crate::storage::Store;

use super::error::AppError;

/// Documents read from the store per transaction while building.
const CHUNK: u32 = 1_000;
/// Longest stretch of indexing before the page gets a turn (ms): well under the 50 ms
/// at which a task counts as long, so typing and scrolling stay smooth.
const SLICE_MS: f64 = 20.0;
/// Documents indexed between two looks at the clock.
const CLOCK_EVERY: usize = 32;
/// Beyond this many changes since the index's sequence, rebuilding is cheaper.
const REBUILD_AFTER: usize = 5_000;
/// The saved index is rewritten once this many writes were caught up since it was
/// saved: often enough that opening the desk replays little, rarely enough that
/// saving (tens of megabytes at 50k records) costs nothing people notice.
const SAVE_AFTER: u64 = 1_000;
/// Meta key of the saved index.
pub const SAVED_KEY: &str = "search-index";
/// The record kinds the desk searches.
const KINDS: [&str; 5] = ["incident", "problem", "known_error", "article", "release"];

#[derive(Default)]
struct State {
    index: Index,
    /// Store sequence the index reflects.
    seq: u64,
    /// Store sequence of the saved index.
    saved: u64,
    built: bool,
    /// Documents that could not be read (damaged) at the last build or catch-up.
    unreadable: Vec<String>,
}

/// Handle to the shared index (cheap to clone).
#[derive(Clone, Default)]
pub struct Search {
    state: Rc<RefCell<State>>,
    busy: Rc<Cell<bool>>,
}

impl Search {
    /// An empty index; the first [`Search::sync`] reads or builds it.
    pub fn desk() -> Search {
        Search::default()
    }

    /// True once built (it may be behind the store until the next sync).
    pub fn is_built(&self) -> bool {
        self.state.borrow().built
    }

    /// Number of records indexed.
    pub fn len(&self) -> usize {
        self.state.borrow().index.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ids of stored documents that could not be read, so could not be indexed.
    pub fn unreadable(&self) -> Vec<String> {
        self.state.borrow().unreadable.clone()
    }

    /// Runs a query on the index as it is (call [`Search::sync`] first).
    pub fn query(&self, q: &SearchQuery) -> Results {
        self.state.borrow().index.search(q)
    }

    /// Approximate heap bytes of the index.
    pub fn heap_bytes(&self) -> usize {
        self.state.borrow().index.heap_bytes()
    }

    /// Forgets the index in memory (the saved one stays), so the next sync starts
    /// over: reading the saved index, or building when there is none.
    pub fn forget(&self) {
        *self.state.borrow_mut() = State::default();
    }

    /// Brings the index up to date with the store: the saved index or a sliced build
    /// the first time (or after very many changes), otherwise only the documents
    /// written since. Cheap when nothing changed (one read of the store's sequence).
    pub async fn sync<S: Store>(&self, store: &S) -> Result<(), AppError> {
        // One sync at a time; a second caller waits and then finds little to do.
        while self.busy.get() {
            super::clock::pause().await;
        }
        self.busy.set(true);
        let result = self.sync_inner(store).await;
        self.busy.set(false);
        result
    }

    async fn sync_inner<S: Store>(&self, store: &S) -> Result<(), AppError> {
        let last = store.last_seq().await?;
        if !self.is_built() {
            self.read_saved(store, last).await?;
        }
        let (built, seq) = {
            let s = self.state.borrow();
            (s.built, s.seq)
        };
        if built && seq == last {
            return Ok(());
        }
        if built {
            let changes = store.changes(seq, 0).await?;
            if changes.len() <= REBUILD_AFTER {
                for change in changes.iter().filter(|c| {
                    c.id.split_once(':')
                        .is_some_and(|(kind, _)| KINDS.contains(&kind))
                }) {
                    let doc = store.get(&change.id).await?;
                    let mut s = self.state.borrow_mut();
                    match doc {
                        Some(d) if !d.deleted => match from_json(&d.body) {
                            Ok(Some(doc)) => {
                                s.unreadable.retain(|id| id != &d.id);
                                s.index.upsert(&doc);
                            }
                            Ok(None) => s.index.remove(&change.id),
                            Err(_) => {
                                // Keep what was findable before; say it is damaged.
                                if !s.unreadable.contains(&d.id) {
                                    s.unreadable.push(d.id.clone());
                                }
                            }
                        },
                        _ => s.index.remove(&change.id),
                    }
                }
                let due = {
                    let mut s = self.state.borrow_mut();
                    s.seq = changes.last().map_or(last, |c| c.seq.max(last));
                    s.seq.saturating_sub(s.saved) >= SAVE_AFTER
                };
                if due {
                    self.save(store).await;
                }
                return Ok(());
            }
        }
        self.build(store, last).await?;
        self.save(store).await;
        Ok(())
    }

    /// Takes the saved index when there is a usable one. A damaged one, or one from a
    /// store that was emptied since (its sequence is ahead), is ignored: the index is
    /// then built from the records.
    async fn read_saved<S: Store>(&self, store: &S, last: u64) -> Result<(), AppError> {
        let Some(text) = store.meta_get(SAVED_KEY).await? else {
            return Ok(());
        };
        if let Ok((index, seq)) = Index::load(&text) {
            if seq <= last {
                *self.state.borrow_mut() = State {
                    index,
                    seq,
                    saved: seq,
                    built: true,
                    unreadable: Vec::new(),
                };
            }
        }
        Ok(())
    }

    /// Saves the index in the store. A failure (a full disk, say) only means the next
    /// visit builds again, so it is not an error for the person searching now.
    async fn save<S: Store>(&self, store: &S) {
        let (text, seq) = {
            let s = self.state.borrow();
            (s.index.save(s.seq), s.seq)
        };
        if store.meta_put(SAVED_KEY, &text).await.is_ok() {
            self.state.borrow_mut().saved = seq;
        }
    }

    async fn build<S: Store>(&self, store: &S, seq: u64) -> Result<(), AppError> {
        let mut index = Index::new();
        let mut unreadable = Vec::new();
        for kind in KINDS {
            let mut after: Option<String> = None;
            loop {
                let page = store.scan(kind, after.as_deref(), CHUNK).await?;
                let mut slice = super::clock::precise_ms();
                for (n, row) in page.rows.iter().enumerate() {
                    match from_json(&row.body) {
                        Ok(Some(doc)) => index.upsert(&doc),
                        Ok(None) => {}
                        Err(_) => unreadable.push(row.id.clone()),
                    }
                    if n % CLOCK_EVERY == CLOCK_EVERY - 1
                        && super::clock::precise_ms() - slice > SLICE_MS
                    {
                        super::clock::pause().await;
                        slice = super::clock::precise_ms();
                    }
                }
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
                super::clock::pause().await;
            }
        }
        *self.state.borrow_mut() = State {
            index,
            seq,
            saved: 0,
            built: true,
            unreadable,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests;
