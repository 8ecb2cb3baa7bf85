//! One replicating tab per browser: a Web Lock (`navigator.locks`) held while a tab
//! replicates, and a `BroadcastChannel` that shares the runner's status with the other
//! tabs, passes their "Sync now" to it, and tells them when settings change.

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::{Cell, RefCell};
    use std::future::Future;
    use std::rc::Rc;

    use js_sys::{Function, Object, Promise, Reflect};
    use leptos::prelude::*;
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::{future_to_promise, JsFuture};
    use web_sys::{BroadcastChannel, MessageEvent};

    use crate::state::sync::{SyncHandle, SyncStatus};

    const LOCK: &str = "service-desk-sync";
    const CHANNEL: &str = "service-desk-sync";

    thread_local! {
        static HOLDS: Cell<bool> = const { Cell::new(false) };
        static BUS: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
    }

    #[derive(Serialize, Deserialize)]
    #[serde(tag = "kind", rename_all = "kebab-case")]
    enum Message {
        Status {
            status: SyncStatus,
        },
        SyncNow,
        Settings,
        /// A tab that just opened asks the replicating tab for its status.
        Hello,
    }

    fn post(msg: &Message) {
        let Ok(text) = serde_json::to_string(msg) else {
            return;
        };
        BUS.with(|b| {
            if let Some(bus) = b.borrow().as_ref() {
                let _ = bus.post_message(&JsValue::from_str(&text));
            }
        });
    }

    pub fn listen(h: SyncHandle) {
        let Ok(bus) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            match serde_json::from_str::<Message>(&text) {
                Ok(Message::Status { status }) => {
                    if !holds_lock() && !h.is_running() {
                        let _ = h.status.try_set(status);
                    }
                }
                Ok(Message::SyncNow) => {
                    if holds_lock() {
                        h.sync_now();
                    }
                }
                Ok(Message::Settings) => h.reload(),
                Ok(Message::Hello) => {
                    if holds_lock() {
                        post(&Message::Status {
                            status: h.status.get_untracked(),
                        });
                    }
                }
                Err(_) => {}
            }
        });
        bus.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        BUS.with(|b| *b.borrow_mut() = Some(bus));
        post(&Message::Hello);
        // Back online: the replicating tab syncs at once instead of waiting for its
        // next retry.
        if let Some(w) = web_sys::window() {
            let on_online = Closure::<dyn FnMut()>::new(move || {
                let live = h
                    .settings
                    .try_get_untracked()
                    .flatten()
                    .is_some_and(|s| s.live);
                if live && holds_lock() {
                    h.sync_now();
                }
            });
            let _ =
                w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            on_online.forget();
        }
    }

    pub fn holds_lock() -> bool {
        HOLDS.with(Cell::get)
    }

    pub fn publish(status: SyncStatus, running: bool) {
        if holds_lock() || running {
            post(&Message::Status { status });
        }
    }

    pub fn ask_holder_to_sync() {
        post(&Message::SyncNow);
    }

    pub fn announce_settings() {
        post(&Message::Settings);
    }

    /// Runs `f` holding the browser-wide sync lock. With `wait` false, returns `None`
    /// at once when another tab holds it. Without Web Locks, just runs `f`.
    pub async fn with_lock<T, Fut>(wait: bool, f: impl FnOnce() -> Fut + 'static) -> Option<T>
    where
        T: 'static,
        Fut: Future<Output = T> + 'static,
    {
        let locks = web_sys::window()
            .map(|w| Reflect::get(&w.navigator(), &JsValue::from_str("locks")))
            .and_then(Result::ok)
            .filter(|l| !l.is_undefined() && !l.is_null());
        let request = locks.as_ref().and_then(|l| {
            Reflect::get(l, &JsValue::from_str("request"))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
        });
        let (Some(locks), Some(request)) = (locks, request) else {
            return Some(f().await);
        };
        let out: Rc<RefCell<Option<T>>> = Rc::default();
        let slot = out.clone();
        let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
            if lock.is_null() {
                return Promise::resolve(&JsValue::FALSE);
            }
            future_to_promise(async move {
                HOLDS.with(|h| h.set(true));
                let v = f().await;
                HOLDS.with(|h| h.set(false));
                *slot.borrow_mut() = Some(v);
                Ok(JsValue::TRUE)
            })
        });
        let opts = Object::new();
        let _ = Reflect::set(
            &opts,
            &JsValue::from_str("ifAvailable"),
            &JsValue::from_bool(!wait),
        );
        let promise = request
            .call3(&locks, &JsValue::from_str(LOCK), &opts, &callback)
            .ok()?
            .dyn_into::<Promise>()
            .ok()?;
        let _ = JsFuture::from(promise).await;
        let v = out.borrow_mut().take();
        v
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::*;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::future::Future;

    use crate::state::sync::{SyncHandle, SyncStatus};

    pub fn listen(_h: SyncHandle) {}
    pub fn holds_lock() -> bool {
        false
    }
    pub fn publish(_status: SyncStatus, _running: bool) {}
    pub fn ask_holder_to_sync() {}
    pub fn announce_settings() {}
    pub async fn with_lock<T, Fut>(_wait: bool, f: impl FnOnce() -> Fut + 'static) -> Option<T>
    where
        T: 'static,
        Fut: Future<Output = T> + 'static,
    {
        Some(f().await)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
