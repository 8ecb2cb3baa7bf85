//! What the sync handle needs around a run: this database's replication identity,
//! how far the push got, the transport (the browser's `fetch`; none in native builds),
//! and a random number for retry jitter.

use crate::storage::{Store, StoreError};
use crate::sync::checkpoint::{replication_id, Checkpoint, Direction};
use crate::sync::transport::{Endpoint, SyncError};

use crate::ops::clock;
use crate::storage::AppStore;

/// Meta key of this database's replication identity.
const LOCAL_ID_KEY: &str = "sync-local-id";

/// This database's replication identity (made once, kept in meta).
pub async fn local_id(store: &AppStore) -> Result<String, SyncError> {
    if let Some(id) = store.meta_get(LOCAL_ID_KEY).await? {
        return Ok(id);
    }
    let id = clock::uuid();
    store.meta_put(LOCAL_ID_KEY, &id).await?;
    Ok(id)
}

/// The local sequence the push has recorded as done (0 when never pushed, or when
/// its checkpoint is unreadable: the push starts over then too).
pub async fn pushed_through(
    store: &AppStore,
    ep: &Endpoint,
    local: &str,
) -> Result<u64, StoreError> {
    let rep = replication_id(local, &ep.server, &ep.db, Direction::Push);
    let key = crate::sync::replicate::checkpoint_key(&rep);
    Ok(store
        .meta_get(&key)
        .await?
        .map(|t| Checkpoint::parse(&t))
        .and_then(|c| c.history.first().and_then(|e| e.last_seq.as_u64()))
        .unwrap_or(0))
}

/// Local changes the push has not sent yet.
pub async fn pending_changes(store: &AppStore, ep: &Endpoint) -> Result<u32, SyncError> {
    let id = local_id(store).await?;
    let since = pushed_through(store, ep, &id).await?;
    Ok(store.count_changes(since).await?)
}

#[cfg(target_arch = "wasm32")]
pub fn transport() -> crate::sync::http::FetchTransport {
    crate::sync::http::FetchTransport
}

/// Native builds have no network: every request fails as offline.
#[cfg(not(target_arch = "wasm32"))]
pub fn transport() -> NoNetwork {
    NoNetwork
}

#[cfg(not(target_arch = "wasm32"))]
pub struct NoNetwork;

#[cfg(not(target_arch = "wasm32"))]
impl crate::sync::transport::Transport for NoNetwork {
    async fn send(
        &self,
        _req: crate::sync::transport::Request,
    ) -> Result<crate::sync::transport::Response, crate::sync::transport::TransportError> {
        Err(crate::sync::transport::TransportError::Network(
            "no network in native builds".into(),
        ))
    }
}

/// A random number in 0..1 (`Math.random`; a constant in native builds).
pub fn js_random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::random()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.5
    }
}
