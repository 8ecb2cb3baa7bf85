//! The IndexedDB [`Store`]: one committed readwrite transaction per write, reads served
//! by the list indexes in one request per page (see `schema` for the record shape).

use std::collections::{HashMap, HashSet};

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbIndex, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction};

use crate::domain::couch::document::{DocState, NewRevision, RemoteRevision};

use super::edit::{apply_local_edit, apply_remote, validate, write_result};
use super::js::{dom_error, idb_error, js_error, open_error, RawRequest};
use super::schema::{self, decode_change, decode_row, decode_state, encode_all};
use super::schema::{BY_REF, BY_SEQ, DOCS, META, SEQ_KEY};
use super::{
    kind_bounds, ChangeRow, DocRow, ListFilter, ListQuery, ScanPage, Store, StoreError, WriteResult,
};

/// Batches with at least this many distinct ids check existence with one key scan of
/// their id range instead of one read per id (10k reads cost ~0.4 s in Chromium).
const KEY_SCAN_MIN: usize = 256;

/// Called once this connection was closed for another tab's schema upgrade.
type VersionChangeHook = std::rc::Rc<std::cell::RefCell<Option<Box<dyn Fn()>>>>;

/// An open IndexedDB database holding the desk's documents.
pub struct IdbStore {
    db: Database,
    /// Closes this connection when another tab upgrades the schema, so it is not blocked.
    _on_version_change: Closure<dyn FnMut()>,
    hook: VersionChangeHook,
}

impl std::fmt::Debug for IdbStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdbStore")
            .field("name", &self.db.name())
            .finish()
    }
}

impl IdbStore {
    /// Opens (creating or migrating to the current schema) the database `name`.
    pub async fn open(name: &str) -> Result<IdbStore, StoreError> {
        Self::open_at_version(name, schema::VERSION).await
    }

    /// Opens at an older schema version: for migration tests only.
    #[doc(hidden)]
    pub async fn open_at_version(name: &str, version: u32) -> Result<IdbStore, StoreError> {
        let db = schema::open_db(name, version).await?;
        let closer = db.as_sys().clone();
        let hook: VersionChangeHook = Default::default();
        let told = hook.clone();
        let on_change: Closure<dyn FnMut()> = Closure::new(move || {
            closer.close();
            if let Some(f) = told.borrow().as_ref() {
                f();
            }
        });
        db.as_sys()
            .set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        Ok(IdbStore {
            db,
            _on_version_change: on_change,
            hook,
        })
    }

    /// Runs `f` when another tab upgrades the database: this connection is then closed
    /// (so the upgrade is not blocked) and this page must reload to go on.
    pub fn on_version_change(&self, f: impl Fn() + 'static) {
        *self.hook.borrow_mut() = Some(Box::new(f));
    }

    /// Deletes the database `name` (tests, "reset local data").
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(open_error)?
            .await
            .map_err(idb_error)
    }

    /// One readwrite transaction over a batch: reads every touched document, applies
    /// `apply` to each in order (on the staged result of earlier items), and writes what
    /// changed with the new sequence numbers. `None` from `apply` writes nothing.
    async fn write_batch<T>(
        &self,
        items: Vec<T>,
        id_of: impl Fn(&T) -> &str,
        mut apply: impl FnMut(Option<DocState>, T, u64) -> Result<Option<DocState>, StoreError>,
    ) -> Result<Vec<WriteResult>, StoreError> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.tx(&[DOCS, META], true)?;
        let docs = tx.object_store(DOCS).map_err(idb_error)?;
        let meta = tx.object_store(META).map_err(idb_error)?;
        let (docs, meta) = (docs.as_sys(), meta.as_sys());
        let mut ids: Vec<&str> = items.iter().map(&id_of).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() >= KEY_SCAN_MIN {
            // Large batches (imports): learn which ids exist from one key-only scan of
            // their id range, then read only those.
            let known = existing_ids(docs, ids.iter().copied()).await?;
            ids.retain(|id| known.contains(*id));
        }
        // Every read goes out before any is awaited (one round trip for the batch).
        let mut reads: HashMap<String, IdbRequest> = HashMap::with_capacity(ids.len());
        for id in ids {
            let req = docs.get(&JsValue::from_str(id)).map_err(|e| js_error(&e))?;
            reads.insert(id.to_owned(), req);
        }
        // Requests run in order, so once this last one is done every read above is too.
        let seq_req = meta
            .get(&JsValue::from_str(SEQ_KEY))
            .map_err(|e| js_error(&e))?;
        let mut seq = seq_from(&RawRequest::new(seq_req).await?)?;
        let mut staged: HashMap<String, DocState> = HashMap::with_capacity(items.len());
        let mut unchanged: HashMap<String, DocState> = HashMap::new();
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            let id = id_of(&item).to_owned();
            let existing = match staged.get(&id).or_else(|| unchanged.get(&id)) {
                Some(s) => Some(s.clone()),
                None => match reads.remove(&id) {
                    Some(req) => {
                        let v = req.result().map_err(|e| js_error(&e))?;
                        if v.is_undefined() {
                            None
                        } else {
                            Some(decode_state(&v)?)
                        }
                    }
                    None => None,
                },
            };
            match apply(existing.clone(), item, seq + 1)? {
                Some(state) => {
                    seq += 1;
                    results.push(write_result(&state));
                    staged.insert(state.id.clone(), state);
                }
                // Unchanged: keep what was read so a later item of the batch sees it.
                None => {
                    if let Some(state) = existing.filter(|_| !staged.contains_key(&id)) {
                        unchanged.insert(id, state);
                    }
                }
            }
        }
        if staged.is_empty() {
            return Ok(results);
        }
        for record in encode_all(staged.values())?.iter() {
            docs.put(&record).map_err(|e| js_error(&e))?;
        }
        meta.put_with_key(&JsValue::from_f64(seq as f64), &JsValue::from_str(SEQ_KEY))
            .map_err(|e| js_error(&e))?;
        commit(tx).await?;
        Ok(results)
    }

    fn tx(&self, stores: &[&str], write: bool) -> Result<Transaction<'_>, StoreError> {
        let mode = if write {
            TransactionMode::Readwrite
        } else {
            TransactionMode::Readonly
        };
        self.db
            .transaction(stores)
            .with_mode(mode)
            .build()
            .map_err(idb_error)
    }

    /// Runs one read request against the `docs` store or one of its indexes.
    async fn read_docs(
        &self,
        index: Option<&str>,
        f: impl FnOnce(&IdbObjectStore, Option<&IdbIndex>) -> Result<IdbRequest, JsValue>,
    ) -> Result<JsValue, StoreError> {
        let tx = self.tx(&[DOCS], false)?;
        let docs = tx.object_store(DOCS).map_err(idb_error)?;
        let raw = docs.as_sys();
        let idx = match index {
            Some(name) => Some(raw.index(name).map_err(|e| js_error(&e))?),
            None => None,
        };
        let req = f(raw, idx.as_ref()).map_err(|e| js_error(&e))?;
        RawRequest::new(req).await
    }

    async fn read_meta(&self, key: &str) -> Result<JsValue, StoreError> {
        let tx = self.tx(&[META], false)?;
        let meta = tx.object_store(META).map_err(idb_error)?;
        let req = meta
            .as_sys()
            .get(&JsValue::from_str(key))
            .map_err(|e| js_error(&e))?;
        RawRequest::new(req).await
    }
}

impl Drop for IdbStore {
    fn drop(&mut self) {
        self.db.as_sys().set_onversionchange(None);
        self.db.as_sys().close();
    }
}

/// Commits, reporting the transaction's own error (e.g. a full quota) when it aborted.
async fn commit(tx: Transaction<'_>) -> Result<(), StoreError> {
    let raw: IdbTransaction = tx.as_sys().clone().unchecked_into();
    tx.commit().await.map_err(|e| match raw.error() {
        Some(d) => dom_error(&d.name(), &d.message()),
        None => idb_error(e),
    })
}

/// Which of `ids` are stored (tombstones included), from one key-only scan of the range
/// they span: for large batches, far cheaper than one read per id.
async fn existing_ids<'a>(
    docs: &IdbObjectStore,
    ids: impl Iterator<Item = &'a str> + Clone,
) -> Result<HashSet<String>, StoreError> {
    let (Some(lo), Some(hi)) = (ids.clone().min(), ids.max()) else {
        return Ok(HashSet::new());
    };
    let range = IdbKeyRange::bound(&JsValue::from_str(lo), &JsValue::from_str(hi))
        .map_err(|e| js_error(&e))?;
    let req = docs
        .get_all_keys_with_key(&range)
        .map_err(|e| js_error(&e))?;
    let keys: Array = RawRequest::new(req).await?.unchecked_into();
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

fn seq_from(v: &JsValue) -> Result<u64, StoreError> {
    if v.is_undefined() {
        return Ok(0);
    }
    match v.as_f64() {
        Some(s) if s >= 0.0 && s.fract() == 0.0 => Ok(s as u64),
        _ => Err(StoreError::Corrupt {
            id: format!("meta:{SEQ_KEY}"),
            reason: "the sequence counter is not a whole number".into(),
        }),
    }
}

/// The list index and key range serving a query: `[type, (field,)] ..= [type, (field,) []]`
/// (an array sorts after every number, so the range covers every `rupd`).
fn list_range(q: &ListQuery) -> Result<(&'static str, IdbKeyRange), StoreError> {
    let kind = JsValue::from_str(&q.kind);
    let (index, prefix) = match &q.filter {
        ListFilter::All => (schema::BY_TYPE_UPDATED, Array::of1(&kind)),
        ListFilter::Status(s) => (
            schema::BY_TYPE_STATUS_UPDATED,
            Array::of2(&kind, &JsValue::from_str(s)),
        ),
        ListFilter::Priority(p) => (
            schema::BY_TYPE_PRIORITY_UPDATED,
            Array::of2(&kind, &JsValue::from_f64(f64::from(*p))),
        ),
        ListFilter::Contact(c) => (
            schema::BY_TYPE_CONTACT_UPDATED,
            Array::of2(&kind, &JsValue::from_str(c)),
        ),
    };
    let upper = prefix.slice(0, prefix.length());
    upper.push(&Array::new());
    let range = IdbKeyRange::bound(&prefix, &upper).map_err(|e| js_error(&e))?;
    Ok((index, range))
}

fn rows(v: JsValue) -> Result<Vec<DocRow>, StoreError> {
    let arr: Array = v.unchecked_into();
    arr.iter().map(|r| decode_row(&r)).collect()
}

impl Store for IdbStore {
    async fn put(&self, rev: NewRevision) -> Result<WriteResult, StoreError> {
        let mut out = self.put_batch(vec![rev]).await?;
        out.pop()
            .ok_or_else(|| StoreError::Io("a write reported no result".into()))
    }

    async fn put_batch(&self, revs: Vec<NewRevision>) -> Result<Vec<WriteResult>, StoreError> {
        revs.iter().try_for_each(validate)?;
        self.write_batch(
            revs,
            |r| r.id.as_str(),
            |e, r, seq| apply_local_edit(e, r, seq).map(Some),
        )
        .await
    }

    async fn merge_remote(
        &self,
        revs: Vec<RemoteRevision>,
    ) -> Result<Vec<WriteResult>, StoreError> {
        self.write_batch(revs, |r| r.id.as_str(), apply_remote)
            .await
    }

    async fn conflicted(&self, limit: u32) -> Result<Vec<DocRow>, StoreError> {
        let v = self
            .read_docs(Some(schema::BY_CONFLICT), |_, i| match i {
                Some(i) => i.get_all_with_key_and_limit(&JsValue::UNDEFINED, limit),
                None => Err(JsValue::from_str("missing index")),
            })
            .await?;
        rows(v)
    }

    async fn get(&self, id: &str) -> Result<Option<DocState>, StoreError> {
        let key = JsValue::from_str(id);
        let v = self.read_docs(None, |s, _| s.get(&key)).await?;
        if v.is_undefined() {
            Ok(None)
        } else {
            decode_state(&v).map(Some)
        }
    }

    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.tx(&[DOCS], false)?;
        let docs = tx.object_store(DOCS).map_err(idb_error)?;
        let docs = docs.as_sys();
        // Large batches (a sync batch of new documents): one key-only scan says which
        // exist, and only those are read.
        let known: Option<HashSet<String>> = if ids.len() >= KEY_SCAN_MIN {
            Some(existing_ids(docs, ids.iter().map(String::as_str)).await?)
        } else {
            None
        };
        let mut reqs = Vec::with_capacity(ids.len());
        for id in ids {
            let wanted = known.as_ref().is_none_or(|k| k.contains(id));
            reqs.push(if wanted {
                Some(docs.get(&JsValue::from_str(id)).map_err(|e| js_error(&e))?)
            } else {
                None
            });
        }
        // Requests complete in order: once the last is done, all are.
        if let Some(last) = reqs.iter().rev().flatten().next() {
            RawRequest::new(last.clone()).await?;
        }
        reqs.iter()
            .map(|r| {
                let Some(r) = r else { return Ok(None) };
                let v = r.result().map_err(|e| js_error(&e))?;
                if v.is_undefined() {
                    Ok(None)
                } else {
                    decode_state(&v).map(Some)
                }
            })
            .collect()
    }

    async fn count_changes(&self, since: u64) -> Result<u32, StoreError> {
        let range = IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(since as f64), true)
            .map_err(|e| js_error(&e))?;
        let v = self
            .read_docs(Some(BY_SEQ), |_, i| match i {
                Some(i) => i.count_with_key(&range),
                None => Err(JsValue::from_str("missing index")),
            })
            .await?;
        Ok(v.as_f64().map_or(0, |n| n as u32))
    }

    async fn find_by_reference(&self, reference: &str) -> Result<Vec<DocRow>, StoreError> {
        let key = JsValue::from_str(reference);
        let v = self
            .read_docs(Some(BY_REF), |_, i| match i {
                Some(i) => i.get_all_with_key(&key),
                None => Err(JsValue::from_str("missing index")),
            })
            .await?;
        rows(v)
    }

    async fn list(&self, q: &ListQuery) -> Result<Vec<DocRow>, StoreError> {
        let (index, range) = list_range(q)?;
        if q.offset == 0 {
            // The common case, a first page: one getAll on the index.
            let v = self
                .read_docs(Some(index), |_, i| match i {
                    Some(i) => i.get_all_with_key_and_limit(&range, q.limit),
                    None => Err(JsValue::from_str("missing index")),
                })
                .await?;
            return rows(v);
        }
        // Deeper pages: primary keys up to the page end (cheap), then the page's values.
        let tx = self.tx(&[DOCS], false)?;
        let docs = tx.object_store(DOCS).map_err(idb_error)?;
        let docs = docs.as_sys();
        let idx = docs.index(index).map_err(|e| js_error(&e))?;
        let keys_req = if q.limit == 0 {
            idx.get_all_keys_with_key(&range)
        } else {
            idx.get_all_keys_with_key_and_limit(&range, q.offset.saturating_add(q.limit))
        }
        .map_err(|e| js_error(&e))?;
        let keys: Array = RawRequest::new(keys_req).await?.unchecked_into();
        let page: Vec<JsValue> = keys.iter().skip(q.offset as usize).collect();
        let mut reqs = Vec::with_capacity(page.len());
        for k in &page {
            reqs.push(docs.get(k).map_err(|e| js_error(&e))?);
        }
        let Some(last) = reqs.last().cloned() else {
            return Ok(Vec::new());
        };
        RawRequest::new(last).await?;
        reqs.iter()
            .map(|r| decode_row(&r.result().map_err(|e| js_error(&e))?))
            .collect()
    }

    async fn count(&self, q: &ListQuery) -> Result<u32, StoreError> {
        let (index, range) = list_range(q)?;
        let v = self
            .read_docs(Some(index), |_, i| match i {
                Some(i) => i.count_with_key(&range),
                None => Err(JsValue::from_str("missing index")),
            })
            .await?;
        Ok(v.as_f64().map_or(0, |n| n as u32))
    }

    async fn scan(
        &self,
        kind: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<ScanPage, StoreError> {
        let (lo, hi) = kind_bounds(kind);
        let (lower, open) = match after {
            Some(a) if a >= lo.as_str() => (a.to_owned(), true),
            _ => (lo, false),
        };
        let range = IdbKeyRange::bound_with_lower_open_and_upper_open(
            &JsValue::from_str(&lower),
            &JsValue::from_str(&hi),
            open,
            true,
        )
        .map_err(|e| js_error(&e))?;
        let v = self
            .read_docs(None, |docs, _| {
                docs.get_all_with_key_and_limit(&range, limit)
            })
            .await?;
        let arr: Array = v.unchecked_into();
        let examined = arr.length();
        let mut page = ScanPage::default();
        if limit > 0 && examined == limit {
            let last = arr.get(examined - 1);
            page.next = Some(decode_change(&last)?.id);
        }
        for r in arr.iter() {
            if !js_sys::Reflect::get(&r, &JsValue::from_str("deleted"))
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(false)
            {
                page.rows.push(decode_row(&r)?);
            }
        }
        Ok(page)
    }

    async fn changes(&self, since: u64, limit: u32) -> Result<Vec<ChangeRow>, StoreError> {
        let range = IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(since as f64), true)
            .map_err(|e| js_error(&e))?;
        let v = self
            .read_docs(Some(BY_SEQ), |_, i| match i {
                Some(i) => i.get_all_with_key_and_limit(&range, limit),
                None => Err(JsValue::from_str("missing index")),
            })
            .await?;
        let arr: Array = v.unchecked_into();
        arr.iter().map(|r| decode_change(&r)).collect()
    }

    async fn last_seq(&self) -> Result<u64, StoreError> {
        seq_from(&self.read_meta(SEQ_KEY).await?)
    }

    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let v = self.read_meta(key).await?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| StoreError::Corrupt {
            id: format!("meta:{key}"),
            reason: "value is not a string".into(),
        })
    }

    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if key == SEQ_KEY {
            return Err(StoreError::Invalid(format!(
                "meta key \"{key}\" is reserved"
            )));
        }
        let tx = self.tx(&[META], true)?;
        let meta = tx.object_store(META).map_err(idb_error)?;
        meta.as_sys()
            .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
            .map_err(|e| js_error(&e))?;
        commit(tx).await
    }

    async fn reserve_counters(&self, key: &str, count: u64) -> Result<u64, StoreError> {
        if key == SEQ_KEY {
            return Err(StoreError::Invalid(format!(
                "meta key \"{key}\" is reserved"
            )));
        }
        // Read and write in one readwrite transaction: IndexedDB runs overlapping
        // readwrite transactions on the same store one after the other, across tabs.
        let tx = self.tx(&[META], true)?;
        let meta = tx.object_store(META).map_err(idb_error)?;
        let k = JsValue::from_str(key);
        let current = stored_counter(meta.as_sys(), &k, key).await?;
        let n = super::counter_advance(key, current.as_deref(), count)?;
        meta.as_sys()
            .put_with_key(&JsValue::from_str(&n.to_string()), &k)
            .map_err(|e| js_error(&e))?;
        commit(tx).await?;
        Ok(n - (count - 1))
    }

    async fn raise_counter(&self, key: &str, at_least: u64) -> Result<u64, StoreError> {
        if key == SEQ_KEY {
            return Err(StoreError::Invalid(format!(
                "meta key \"{key}\" is reserved"
            )));
        }
        // One readwrite transaction, as for reserve_counters: a reservation in another
        // tab runs wholly before or after it, so it is never rolled back.
        let tx = self.tx(&[META], true)?;
        let meta = tx.object_store(META).map_err(idb_error)?;
        let k = JsValue::from_str(key);
        let current = stored_counter(meta.as_sys(), &k, key).await?;
        let (n, changed) = super::counter_at_least(key, current.as_deref(), at_least)?;
        if changed {
            meta.as_sys()
                .put_with_key(&JsValue::from_str(&n.to_string()), &k)
                .map_err(|e| js_error(&e))?;
        }
        commit(tx).await?;
        Ok(n)
    }
}

/// The value stored under meta `key` (as the JS key `k`), read inside the running
/// transaction of `meta`; `None` when absent.
async fn stored_counter(
    meta: &IdbObjectStore,
    k: &JsValue,
    key: &str,
) -> Result<Option<String>, StoreError> {
    let req = meta.get(k).map_err(|e| js_error(&e))?;
    let current = RawRequest::new(req).await?;
    if current.is_undefined() {
        return Ok(None);
    }
    current
        .as_string()
        .map(Some)
        .ok_or_else(|| StoreError::Corrupt {
            id: format!("meta:{key}"),
            reason: "value is not a string".into(),
        })
}
