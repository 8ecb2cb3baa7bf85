//! An in-memory [`Store`] with the same semantics as the IndexedDB one, for native
//! tests and native builds of the app.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::domain::couch::document::{
    index_entry_from_json, DocState, NewRevision, RemoteRevision,
};

use super::edit::{apply_local_edit, apply_remote, write_result};
use super::query::list_order_key;
use super::{kind_bounds, ChangeRow, DocRow, ListQuery, ScanPage, Store, StoreError, WriteResult};

#[derive(Debug, Default)]
struct Inner {
    docs: BTreeMap<String, DocState>,
    meta: BTreeMap<String, String>,
    seq: u64,
}

/// Documents in a `BTreeMap`, one counter for the changes feed.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: RefCell<Inner>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn live_matching(&self, q: &ListQuery) -> Vec<DocRow> {
        let inner = self.inner.borrow();
        let mut hits: Vec<_> = inner
            .docs
            .values()
            .filter(|d| !d.deleted)
            .map(|d| (index_entry_from_json(&d.body), d))
            .filter(|(e, _)| q.matches(e))
            .collect();
        hits.sort_by(|(ea, a), (eb, b)| list_order_key(ea, &a.id).cmp(&list_order_key(eb, &b.id)));
        hits.into_iter().map(|(_, d)| row(d)).collect()
    }
}

fn row(d: &DocState) -> DocRow {
    DocRow {
        id: d.id.clone(),
        rev: d.rev.clone(),
        body: d.body.clone(),
    }
}

impl MemoryStore {
    /// Applies writes one by one on a staged copy, committing only when all succeed;
    /// `apply` returning `None` means "nothing to write" and uses no sequence number.
    fn write_batch<T>(
        &self,
        items: Vec<T>,
        id_of: impl Fn(&T) -> String,
        mut apply: impl FnMut(Option<DocState>, T, u64) -> Result<Option<DocState>, StoreError>,
    ) -> Result<Vec<WriteResult>, StoreError> {
        let mut inner = self.inner.borrow_mut();
        let mut staged: BTreeMap<String, DocState> = BTreeMap::new();
        let mut seq = inner.seq;
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            let id = id_of(&item);
            let existing = staged.get(&id).or_else(|| inner.docs.get(&id)).cloned();
            if let Some(state) = apply(existing, item, seq + 1)? {
                seq += 1;
                results.push(write_result(&state));
                staged.insert(state.id.clone(), state);
            }
        }
        inner.docs.extend(staged);
        inner.seq = seq;
        Ok(results)
    }
}

impl Store for MemoryStore {
    async fn put(&self, rev: NewRevision) -> Result<WriteResult, StoreError> {
        let mut out = self.put_batch(vec![rev]).await?;
        out.pop()
            .ok_or_else(|| StoreError::Io("a write reported no result".into()))
    }

    async fn put_batch(&self, revs: Vec<NewRevision>) -> Result<Vec<WriteResult>, StoreError> {
        self.write_batch(
            revs,
            |r| r.id.clone(),
            |e, r, seq| apply_local_edit(e, r, seq).map(Some),
        )
    }

    async fn merge_remote(
        &self,
        revs: Vec<RemoteRevision>,
    ) -> Result<Vec<WriteResult>, StoreError> {
        self.write_batch(revs, |r| r.id.clone(), apply_remote)
    }

    async fn conflicted(&self, limit: u32) -> Result<Vec<DocRow>, StoreError> {
        let inner = self.inner.borrow();
        let take = if limit == 0 {
            usize::MAX
        } else {
            limit as usize
        };
        Ok(inner
            .docs
            .values()
            .filter(|d| !d.deleted && !d.tree.conflicts().is_empty())
            .take(take)
            .map(row)
            .collect())
    }

    async fn get(&self, id: &str) -> Result<Option<DocState>, StoreError> {
        Ok(self.inner.borrow().docs.get(id).cloned())
    }

    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError> {
        let inner = self.inner.borrow();
        Ok(ids.iter().map(|id| inner.docs.get(id).cloned()).collect())
    }

    async fn count_changes(&self, since: u64) -> Result<u32, StoreError> {
        let inner = self.inner.borrow();
        let n = inner.docs.values().filter(|d| d.seq > since).count();
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn find_by_reference(&self, reference: &str) -> Result<Vec<DocRow>, StoreError> {
        let inner = self.inner.borrow();
        Ok(inner
            .docs
            .values()
            .filter(|d| {
                !d.deleted && index_entry_from_json(&d.body).reference.as_deref() == Some(reference)
            })
            .map(row)
            .collect())
    }

    async fn list(&self, q: &ListQuery) -> Result<Vec<DocRow>, StoreError> {
        Ok(q.page(self.live_matching(q)))
    }

    async fn count(&self, q: &ListQuery) -> Result<u32, StoreError> {
        Ok(u32::try_from(self.live_matching(q).len()).unwrap_or(u32::MAX))
    }

    async fn scan(
        &self,
        kind: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<ScanPage, StoreError> {
        use std::ops::Bound;
        let (lo, hi) = kind_bounds(kind);
        let lower = match after {
            Some(a) if a >= lo.as_str() => Bound::Excluded(a.to_owned()),
            _ => Bound::Included(lo),
        };
        let inner = self.inner.borrow();
        let take = if limit == 0 {
            usize::MAX
        } else {
            limit as usize
        };
        let mut page = ScanPage::default();
        let mut examined = 0usize;
        let mut last = None;
        for (id, d) in inner.docs.range((lower, Bound::Excluded(hi))).take(take) {
            examined += 1;
            last = Some(id);
            if !d.deleted {
                page.rows.push(row(d));
            }
        }
        if examined == take {
            page.next = last.cloned();
        }
        Ok(page)
    }

    async fn changes(&self, since: u64, limit: u32) -> Result<Vec<ChangeRow>, StoreError> {
        let inner = self.inner.borrow();
        let mut rows: Vec<ChangeRow> = inner
            .docs
            .values()
            .filter(|d| d.seq > since)
            .map(|d| ChangeRow {
                seq: d.seq,
                id: d.id.clone(),
                rev: d.rev.clone(),
                deleted: d.deleted,
            })
            .collect();
        rows.sort_by_key(|r| r.seq);
        if limit > 0 {
            rows.truncate(limit as usize);
        }
        Ok(rows)
    }

    async fn last_seq(&self) -> Result<u64, StoreError> {
        Ok(self.inner.borrow().seq)
    }

    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.inner.borrow().meta.get(key).cloned())
    }

    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if key == super::SEQ_KEY {
            return Err(StoreError::Invalid(format!(
                "meta key \"{key}\" is reserved"
            )));
        }
        self.inner
            .borrow_mut()
            .meta
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    async fn reserve_counters(&self, key: &str, count: u64) -> Result<u64, StoreError> {
        if key == super::SEQ_KEY {
            return Err(StoreError::Invalid(format!(
                "meta key \"{key}\" is reserved"
            )));
        }
        let mut inner = self.inner.borrow_mut();
        let n = super::counter_advance(key, inner.meta.get(key).map(String::as_str), count)?;
        inner.meta.insert(key.to_owned(), n.to_string());
        Ok(n - (count - 1))
    }

    async fn raise_counter(&self, key: &str, at_least: u64) -> Result<u64, StoreError> {
        if key == super::SEQ_KEY {
            return Err(StoreError::Invalid(format!(
                "meta key \"{key}\" is reserved"
            )));
        }
        let mut inner = self.inner.borrow_mut();
        let current = inner.meta.get(key).map(String::as_str);
        let (n, changed) = super::counter_at_least(key, current, at_least)?;
        if changed {
            inner.meta.insert(key.to_owned(), n.to_string());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
