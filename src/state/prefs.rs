//! Small per-device preferences kept as JSON in localStorage (who you are on the desk,
//! who you are on the portal). Never credentials. A missing, blocked or damaged entry
//! reads as "none"; a write that fails (storage full or blocked) lasts for this page.

use serde::de::DeserializeOwned;
use serde::Serialize;

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value stored under `key`, if it is there and reads as a `T`.
#[cfg(target_arch = "wasm32")]
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = local_storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

/// Stores `value` under `key`, or removes the entry for `None`.
#[cfg(target_arch = "wasm32")]
pub fn store<T: Serialize>(key: &str, value: Option<&T>) {
    let Some(storage) = local_storage() else {
        return;
    };
    let _ = match value.and_then(|v| serde_json::to_string(v).ok()) {
        Some(json) => storage.set_item(key, &json),
        None => storage.remove_item(key),
    };
}

/// Native builds (tests) have no localStorage: nothing is stored.
#[cfg(not(target_arch = "wasm32"))]
pub fn load<T: DeserializeOwned>(_key: &str) -> Option<T> {
    None
}

/// Native builds (tests) have no localStorage: nothing is stored.
#[cfg(not(target_arch = "wasm32"))]
pub fn store<T: Serialize>(_key: &str, _value: Option<&T>) {}
