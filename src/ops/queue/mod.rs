//! The incident queue's rows in memory: built from the store a chunk at a time (the
//! page stays responsive), kept current from the local changes feed, and queried with
//! the pure query model without touching IndexedDB. SLA verdicts advance with the
//! clock through per-row schedules, so "breaching soon" stays true without re-reading
//! histories. Incidents whose stored body cannot be read have no row; their ids are
//! listed apart, for the page to report.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use crate::domain::config::SlaPolicy;
use crate::domain::couch::record::Record;
use crate::domain::incident::query::{
    query, rank_by_name, IncidentFilter, IncidentRow, QueryResult, Ranking, SortDir, SortKey,
};
use crate::domain::incident::sla::schedule::SlaSchedule;
use crate::domain::incident::sla::sla_status;
use crate::domain::incident::Incident;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kpi::facts::IncidentFacts;
use crate::storage::{DocRow, Store};

use super::directory::Directory;
use super::error::AppError;
use super::records::{decode, settings};

mod first_paint;
pub use first_paint::{first_page_from_store, store_servable};

/// Documents read per chunk while building.
const CHUNK: u32 = 2_000;
/// Beyond this many changes since the last refresh, rebuilding is cheaper.
const REBUILD_AFTER: usize = 5_000;
/// SLA verdicts are brought up to date when older than this.
const SLA_FRESH_MS: i64 = 15_000;

/// The rows and what they were built from.
#[derive(Default)]
struct Rows {
    rows: Vec<IncidentRow>,
    schedules: Vec<SlaSchedule>,
    /// What the dashboard needs of each row's incident, at the same index.
    facts: Vec<IncidentFacts>,
    by_id: HashMap<String, usize>,
    /// Store sequence the rows reflect.
    seq: u64,
    built: bool,
    policy: Option<SlaPolicy>,
    sla_at: Timestamp,
    /// The name order of the ids in the rows.
    ranking: Ranking,
    /// Set when a row holds an id the ranking does not know.
    unranked: bool,
    /// [`Directory::fingerprint`] of the names the ranking was built with.
    names: u64,
    /// Ids of stored incidents whose body could not be read (they have no row).
    unreadable: BTreeSet<String>,
}

impl Rows {
    fn upsert(&mut self, incident: &Incident, policy: &SlaPolicy, now: Timestamp) {
        let status = sla_status(incident, policy, now);
        let schedule = SlaSchedule::of(&status);
        let mut row = IncidentRow::from_incident(incident, schedule.filter_state(now), now);
        let facts = IncidentFacts::with_sla(incident, &status, now);
        if !self.ranking.apply(&mut row) {
            self.unranked = true;
        }
        match self.by_id.get(&incident.id) {
            Some(&i) => {
                self.rows[i] = row;
                self.schedules[i] = schedule;
                self.facts[i] = facts;
            }
            None => {
                self.by_id.insert(incident.id.clone(), self.rows.len());
                self.rows.push(row);
                self.schedules.push(schedule);
                self.facts.push(facts);
            }
        }
    }

    /// Drops the row of `id` (deleted, or no longer readable).
    fn remove(&mut self, id: &str) {
        self.unreadable.remove(id);
        let Some(i) = self.by_id.remove(id) else {
            return;
        };
        self.rows.swap_remove(i);
        self.schedules.swap_remove(i);
        self.facts.swap_remove(i);
        if let Some(moved) = self.rows.get(i) {
            self.by_id.insert(moved.id.clone(), i);
        }
    }

    fn add_rows(&mut self, docs: &[DocRow], policy: &SlaPolicy, now: Timestamp) {
        for doc in docs {
            // A damaged document leaves the queue (its old row would show what is no
            // longer stored) and is listed as unreadable, rather than hiding all of
            // the queue; its page still reports the damage when opened.
            match decode(doc) {
                Ok(Record::Incident(i)) => {
                    self.unreadable.remove(&doc.id);
                    self.upsert(&i, policy, now);
                }
                _ => {
                    self.remove(&doc.id);
                    self.unreadable.insert(doc.id.clone());
                }
            }
        }
    }

    fn refresh_sla(&mut self, now: Timestamp) {
        for (row, schedule) in self.rows.iter_mut().zip(&self.schedules) {
            row.sla = schedule.filter_state(now);
        }
        self.sla_at = now;
    }
}

/// One page of the queue.
#[derive(Clone, Debug, Default)]
pub struct QueuePage {
    /// The rows of the page, in order.
    pub rows: Vec<IncidentRow>,
    /// Matching rows, counts per status.
    pub result: QueryResult,
    /// Milliseconds the in-memory query took.
    pub query_ms: f64,
}

/// Handle to the shared row cache (cheap to clone).
#[derive(Clone, Default)]
pub struct Queue {
    rows: Rc<RefCell<Rows>>,
    busy: Rc<Cell<bool>>,
    /// The data revision ([`crate::state::db::Db::revision`]) the rows and names reflect.
    seen: Rc<Cell<Option<u64>>>,
    /// The directory read at `seen`.
    names: Rc<RefCell<Directory>>,
    /// A background build is running.
    building: Rc<Cell<bool>>,
}

impl Queue {
    /// An empty cache; the first [`Queue::refresh`] builds it.
    pub fn new() -> Queue {
        Queue::default()
    }

    /// Makes the rows current for data revision `revision` and returns the directory
    /// (names) they were ranked with. When nothing was written since the last call
    /// (same revision), the store is not read at all: only the SLA verdicts advance
    /// with the clock. Turning pages and changing filters cost just the query.
    pub async fn sync<S: Store>(
        &self,
        store: &S,
        revision: u64,
        now: Timestamp,
    ) -> Result<Directory, AppError> {
        if self.seen.get() == Some(revision) {
            let mut rows = self.rows.borrow_mut();
            if now.since(rows.sla_at) > SLA_FRESH_MS || now < rows.sla_at {
                rows.refresh_sla(now);
            }
            return Ok(self.names.borrow().clone());
        }
        let names = super::directory::load(store).await?;
        self.refresh(store, &names, now).await?;
        *self.names.borrow_mut() = names.clone();
        self.seen.set(Some(revision));
        Ok(names)
    }

    /// True once the rows were built (they may be behind the store).
    pub fn is_built(&self) -> bool {
        self.rows.borrow().built
    }

    /// Marks a background build as started; false when one already runs (the caller
    /// then starts nothing). [`Queue::build_finished`] clears the mark.
    pub fn try_start_build(&self) -> bool {
        !self.building.replace(true)
    }

    /// Clears the mark set by [`Queue::try_start_build`].
    pub fn build_finished(&self) {
        self.building.set(false);
    }

    /// Brings the rows up to date with the store: a chunked full build the first time
    /// (or after many changes, or when the SLA policy changed), otherwise only the
    /// documents changed since. `names` orders the group, assignee, service and
    /// release columns.
    pub async fn refresh<S: Store>(
        &self,
        store: &S,
        names: &Directory,
        now: Timestamp,
    ) -> Result<(), AppError> {
        // One refresh at a time; a second caller waits for the first and then finds
        // little or nothing left to do.
        while self.busy.get() {
            super::clock::pause().await;
        }
        let _busy = Busy::hold(&self.busy);
        self.refresh_inner(store, now).await?;
        let mut rows = self.rows.borrow_mut();
        if now.since(rows.sla_at) > SLA_FRESH_MS || now < rows.sla_at {
            rows.refresh_sla(now);
        }
        if rows.unranked || rows.names != names.fingerprint() {
            rows.names = names.fingerprint();
            rows.ranking = rank_by_name(&mut rows.rows, |id| names.name(id).to_owned());
            rows.unranked = false;
        }
        Ok(())
    }

    async fn refresh_inner<S: Store>(&self, store: &S, now: Timestamp) -> Result<(), AppError> {
        let policy = settings(store).await?.sla;
        let last = store.last_seq().await?;
        let (built, seq, same_policy) = {
            let r = self.rows.borrow();
            (r.built, r.seq, r.policy.as_ref() == Some(&policy))
        };
        if built && same_policy && seq == last {
            return Ok(());
        }
        if built && same_policy {
            let changes = store.changes(seq, 0).await?;
            if changes.len() <= REBUILD_AFTER {
                for change in changes.iter().filter(|c| c.id.starts_with("incident:")) {
                    let doc = store.get(&change.id).await?;
                    let mut rows = self.rows.borrow_mut();
                    match doc {
                        Some(d) if !d.deleted => rows.add_rows(
                            &[DocRow {
                                id: d.id.clone(),
                                rev: d.rev.clone(),
                                body: d.body.clone(),
                            }],
                            &policy,
                            now,
                        ),
                        _ => rows.remove(&change.id),
                    }
                }
                let mut rows = self.rows.borrow_mut();
                rows.seq = changes.last().map_or(last, |c| c.seq.max(last));
                return Ok(());
            }
        }
        self.build(store, policy, last, now).await
    }

    async fn build<S: Store>(
        &self,
        store: &S,
        policy: SlaPolicy,
        seq: u64,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let mut fresh = Rows::default();
        let mut after: Option<String> = None;
        loop {
            let page = store.scan("incident", after.as_deref(), CHUNK).await?;
            fresh.add_rows(&page.rows, &policy, now);
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
            super::clock::pause().await;
        }
        fresh.built = true;
        fresh.seq = seq;
        fresh.policy = Some(policy);
        fresh.sla_at = now;
        fresh.unranked = true;
        *self.rows.borrow_mut() = fresh;
        Ok(())
    }

    /// One page of the cached rows (call [`Queue::refresh`] first).
    pub fn page(
        &self,
        filter: &IncidentFilter,
        sort: (SortKey, SortDir),
        offset: usize,
        limit: usize,
    ) -> QueuePage {
        let rows = self.rows.borrow();
        let started = super::clock::precise_ms();
        let result = query(&rows.rows, filter, sort, offset, limit);
        let query_ms = super::clock::precise_ms() - started;
        QueuePage {
            rows: result.page.iter().map(|&i| rows.rows[i].clone()).collect(),
            result,
            query_ms,
        }
    }

    /// Ids of the cached rows `keep` accepts, in cache order (call [`Queue::sync`]
    /// first): how pages find a release's or a known error's incidents without
    /// reading every document.
    pub fn ids_where(&self, keep: impl Fn(&IncidentRow) -> bool) -> Vec<String> {
        let rows = self.rows.borrow();
        rows.rows
            .iter()
            .filter(|r| keep(r))
            .map(|r| r.id.clone())
            .collect()
    }

    /// Runs `f` over the dashboard facts of every cached incident (call
    /// [`Queue::sync`] first).
    pub fn with_facts<R>(&self, f: impl FnOnce(&[IncidentFacts]) -> R) -> R {
        f(&self.rows.borrow().facts)
    }

    /// Ids of the stored incidents that could not be read, so have no row, in id
    /// order (call [`Queue::sync`] first).
    pub fn unreadable(&self) -> Vec<String> {
        self.rows.borrow().unreadable.iter().cloned().collect()
    }

    /// How many incidents the cache holds.
    pub fn len(&self) -> usize {
        self.rows.borrow().rows.len()
    }

    /// True when the cache holds no incident.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Marks a refresh in progress until dropped, also when the refresh is abandoned
/// half-way (a page that stops waiting for it drops its future).
struct Busy(Rc<Cell<bool>>);

impl Busy {
    fn hold(flag: &Rc<Cell<bool>>) -> Busy {
        flag.set(true);
        Busy(flag.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// Gives the browser a turn (input, painting) between chunks of work.
#[cfg(test)]
mod tests;
