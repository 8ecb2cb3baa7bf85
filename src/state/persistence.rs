//! The browser's storage manager (`navigator.storage`): how much this site uses and may
//! use, whether its data is persistent (not cleared under storage pressure), and asking
//! for persistence. Every call answers `None` where the browser has no storage manager.

/// Bytes used and the quota, from `navigator.storage.estimate()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub usage: f64,
    pub quota: f64,
}

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::Estimate;

    fn manager() -> Option<JsValue> {
        let nav = web_sys::window()?.navigator();
        Reflect::get(&nav, &JsValue::from_str("storage"))
            .ok()
            .filter(|s| !s.is_undefined() && !s.is_null())
    }

    /// Calls `navigator.storage[method]()` and awaits its promise.
    async fn call(method: &str) -> Option<JsValue> {
        let storage = manager()?;
        let f = Reflect::get(&storage, &JsValue::from_str(method))
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        let promise = f.call0(&storage).ok()?.dyn_into::<Promise>().ok()?;
        JsFuture::from(promise).await.ok()
    }

    pub async fn estimate() -> Option<Estimate> {
        let e = call("estimate").await?;
        let num = |k: &str| Reflect::get(&e, &JsValue::from_str(k)).ok()?.as_f64();
        Some(Estimate {
            usage: num("usage").unwrap_or(0.0),
            quota: num("quota").unwrap_or(f64::NAN),
        })
    }

    pub async fn persisted() -> Option<bool> {
        call("persisted").await?.as_bool()
    }

    pub async fn persist() -> Option<bool> {
        call("persist").await?.as_bool()
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::{estimate, persist, persisted};

/// Native builds have no storage manager.
#[cfg(not(target_arch = "wasm32"))]
pub async fn estimate() -> Option<Estimate> {
    None
}

/// Native builds have no storage manager.
#[cfg(not(target_arch = "wasm32"))]
pub async fn persisted() -> Option<bool> {
    None
}

/// Native builds have no storage manager.
#[cfg(not(target_arch = "wasm32"))]
pub async fn persist() -> Option<bool> {
    None
}

/// Asks once, quietly, for persistent storage when the site does not have it yet
/// (Chromium decides without a prompt, from how the site is used or installed).
pub fn request_at_start() {
    leptos::task::spawn_local(async {
        if persisted().await == Some(false) {
            let _ = persist().await;
        }
    });
}
