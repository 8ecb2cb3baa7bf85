//! Reading and writing typed records through the store: decoding bodies, the desk
//! settings, the configuration lists, and minting collision-free references.

use crate::domain::config::{DeskSettings, Service};
use crate::domain::couch::document::NewRevision;
use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::storage::{DocRow, ListFilter, ListQuery, Store, WriteResult};

use super::clock;
use super::error::AppError;

/// Meta key of this browser's device tag (part of every reference it mints).
const DEVICE_TAG_KEY: &str = "device_tag";

/// Records read per request when reading a whole kind.
const PAGE: u32 = 5_000;

/// Decodes a stored body into a record, naming the document when it cannot be read.
pub fn decode(row: &DocRow) -> Result<Record, AppError> {
    Record::from_json(&row.body).map_err(|e| AppError::Corrupt {
        id: row.id.clone(),
        reason: e.to_string(),
    })
}

/// A record as a new revision of its document, made on `parent` (None = create), for
/// writes and atomic batches.
pub fn revision(record: &Record, parent: Option<Rev>) -> Result<NewRevision, AppError> {
    let body = record.to_json().map_err(|e| AppError::Corrupt {
        id: record.id().to_owned(),
        reason: e.to_string(),
    })?;
    Ok(NewRevision {
        id: record.id().to_owned(),
        parent,
        deleted: false,
        body,
    })
}

/// Writes a record as a new revision of its document (`parent` None = create).
pub async fn save<S: Store>(
    store: &S,
    record: &Record,
    parent: Option<Rev>,
) -> Result<WriteResult, AppError> {
    match store.put(revision(record, parent)?).await {
        Err(crate::storage::StoreError::Conflict { .. }) => Err(AppError::Stale),
        other => Ok(other?),
    }
}

/// All live records of one kind, newest first, read a page at a time (no limit on
/// how many).
pub async fn all_of_kind<S: Store>(store: &S, kind: &str) -> Result<Vec<Record>, AppError> {
    let mut out = Vec::new();
    loop {
        let rows = store
            .list(&ListQuery {
                kind: kind.to_string(),
                filter: ListFilter::All,
                limit: PAGE,
                offset: out.len() as u32,
            })
            .await?;
        for row in &rows {
            out.push(decode(row)?);
        }
        if rows.len() < PAGE as usize {
            return Ok(out);
        }
    }
}

/// The desk settings (priority matrix, SLA targets); defaults when none are stored.
pub async fn settings<S: Store>(store: &S) -> Result<DeskSettings, AppError> {
    for r in all_of_kind(store, "settings").await? {
        if let Record::Settings(s) = r {
            return Ok(s);
        }
    }
    Ok(DeskSettings::default())
}

/// The services, sorted by name.
pub async fn services<S: Store>(store: &S) -> Result<Vec<Service>, AppError> {
    let mut list: Vec<Service> = all_of_kind(store, "service")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Service(s) => Some(s),
            _ => None,
        })
        .collect();
    list.sort_by_key(|s| s.name.to_lowercase());
    Ok(list)
}

/// A record offered in a picker: its id and what people call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub name: String,
}

/// Releases for pickers, newest first.
pub async fn release_choices<S: Store>(store: &S) -> Result<Vec<Choice>, AppError> {
    Ok(all_of_kind(store, "release")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Release(rel) => Some(Choice {
                id: rel.id.clone(),
                name: format!("{} {}", rel.name, rel.version),
            }),
            _ => None,
        })
        .collect())
}

/// Everything the incident form needs besides the incident itself.
#[derive(Debug, Clone)]
pub struct FormContext {
    pub services: Vec<Service>,
    pub releases: Vec<Choice>,
    pub settings: DeskSettings,
}

/// Loads the pickers and settings for the incident form.
pub async fn form_context<S: Store>(store: &S) -> Result<FormContext, AppError> {
    Ok(FormContext {
        services: services(store).await?,
        releases: release_choices(store).await?,
        settings: settings(store).await?,
    })
}

/// This browser's device tag, created on first use from random bits.
pub async fn device_tag<S: Store>(store: &S) -> Result<DeviceTag, AppError> {
    if let Some(tag) = store
        .meta_get(DEVICE_TAG_KEY)
        .await?
        .and_then(|t| DeviceTag::parse(&t))
    {
        return Ok(tag);
    }
    let bits = uuid::Uuid::new_v4().as_u64_pair().0;
    let tag = DeviceTag::from_bits(bits);
    store.meta_put(DEVICE_TAG_KEY, tag.as_str()).await?;
    Ok(tag)
}

/// The next reference of a kind: this device's tag plus a per-device counter that is
/// incremented atomically in the store, so two tabs never mint the same number.
pub async fn next_reference<S: Store>(store: &S, kind: RefKind) -> Result<Reference, AppError> {
    let tag = device_tag(store).await?;
    let n = store
        .next_counter(&format!("counter:{}", kind.prefix()))
        .await?;
    let n = u32::try_from(n).map_err(|_| {
        AppError::Store(crate::storage::StoreError::Invalid(
            "reference counter overflow".into(),
        ))
    })?;
    Ok(Reference::new(kind, &tag, n))
}

/// A new document id for a record kind.
pub fn new_id(kind: &str) -> String {
    crate::domain::kernel::reference::new_id(kind, &clock::uuid())
}

/// The stored (serialised) name of an enum value, e.g. `in_progress`: what the list
/// indexes hold and what filters in the URL use.
pub fn enum_key<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kernel::time::Timestamp;
    use crate::storage::memory::MemoryStore;
    use crate::test_util::block_on;

    #[test]
    fn a_whole_kind_is_read_past_one_page_newest_first() {
        block_on(async {
            let s = MemoryStore::new();
            let n = PAGE as usize + 3;
            let batch: Vec<NewRevision> = (0..n)
                .filter_map(|k| {
                    let service = Service {
                        id: format!("service:{k:05}"),
                        name: format!("Service {k}"),
                        description: String::new(),
                        updated: Timestamp(k as i64),
                    };
                    revision(&Record::Service(service), None).ok()
                })
                .collect();
            assert!(s.put_batch(batch).await.is_ok());
            let all = all_of_kind(&s, "service").await.unwrap_or_default();
            assert_eq!(all.len(), n, "nothing cut off at a page boundary");
            assert_eq!(
                all.first().map(|r| r.updated()),
                Some(Timestamp(n as i64 - 1))
            );
            let mut ids: Vec<&str> = all.iter().map(|r| r.id()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "no record read twice");
        });
    }
}
