//! The search index in memory: built from the store a chunk at a time (the page stays
//! responsive), then kept current from the local changes feed, so a record created,
//! edited, deleted or arriving by sync is findable (or gone) at the next query. The
//! desk's index holds every searchable record; the portal's holds only what the portal
//! may show, so nothing internal can reach it whatever the query.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::search::extract::from_json;
use crate::search::{Index, Results, SearchQuery};
use crate::storage::Store;

use super::error::AppError;

/// Documents read per chunk while building (one chunk is one task of the page).
const CHUNK: u32 = 1_000;
/// Beyond this many changes since the last catch-up, rebuilding is cheaper.
const REBUILD_AFTER: usize = 5_000;

/// Which records an index may hold.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
enum Scope {
    /// Incidents, problems, known errors, articles, releases.
    #[default]
    Desk,
    /// Public published articles and active known errors with a workaround.
    Portal,
}

impl Scope {
    fn kinds(self) -> &'static [&'static str] {
        match self {
            Scope::Desk => &["incident", "problem", "known_error", "article", "release"],
            Scope::Portal => &["article", "known_error"],
        }
    }

    fn empty(self) -> Index {
        match self {
            Scope::Desk => Index::new(),
            Scope::Portal => Index::public(),
        }
    }
}

#[derive(Default)]
struct State {
    index: Index,
    /// Store sequence the index reflects.
    seq: u64,
    built: bool,
    /// Documents that could not be read (damaged) at the last build or catch-up.
    unreadable: Vec<String>,
}

/// Handle to a shared index (cheap to clone).
#[derive(Clone, Default)]
pub struct Search {
    scope: Scope,
    state: Rc<RefCell<State>>,
    busy: Rc<Cell<bool>>,
}

impl Search {
    /// The desk's index (empty until the first [`Search::sync`]).
    pub fn desk() -> Search {
        Search::default()
    }

    /// The portal's index: public content only.
    pub fn portal() -> Search {
        Search {
            scope: Scope::Portal,
            state: Rc::new(RefCell::new(State {
                index: Index::public(),
                ..State::default()
            })),
            busy: Rc::default(),
        }
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

    /// Brings the index up to date with the store: a chunked build the first time (or
    /// after very many changes), otherwise only the documents written since. Cheap when
    /// nothing changed (one read of the store's sequence).
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
                let kinds = self.scope.kinds();
                for change in changes.iter().filter(|c| {
                    c.id.split_once(':')
                        .is_some_and(|(kind, _)| kinds.contains(&kind))
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
                let mut s = self.state.borrow_mut();
                s.seq = changes.last().map_or(last, |c| c.seq.max(last));
                return Ok(());
            }
        }
        self.build(store, last).await
    }

    async fn build<S: Store>(&self, store: &S, seq: u64) -> Result<(), AppError> {
        let mut index = self.scope.empty();
        let mut unreadable = Vec::new();
        for kind in self.scope.kinds() {
            let mut after: Option<String> = None;
            loop {
                let page = store.scan(kind, after.as_deref(), CHUNK).await?;
                for row in &page.rows {
                    match from_json(&row.body) {
                        Ok(Some(doc)) => index.upsert(&doc),
                        Ok(None) => {}
                        Err(_) => unreadable.push(row.id.clone()),
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
            built: true,
            unreadable,
        };
        Ok(())
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
