//! Other tabs of this site see writes at once: every write announced with
//! [`crate::state::db::Db::changed`] is posted on a `BroadcastChannel`, and a message from
//! another tab bumps this tab's data revision, so its lists and pages re-read.

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;

    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::BroadcastChannel;

    /// The channel's name; every tab of the same origin shares it.
    const CHANNEL: &str = "service-desk-changes";

    thread_local! {
        static BUS: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
    }

    /// Listens for other tabs' writes; each one bumps `revision`.
    pub fn listen(revision: RwSignal<u64>) {
        let Ok(bus) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let on_message = Closure::<dyn FnMut()>::new(move || {
            revision.try_update(|r| *r += 1);
        });
        bus.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        BUS.with(|b| *b.borrow_mut() = Some(bus));
    }

    /// Tells the other tabs that this one wrote.
    pub fn announce() {
        BUS.with(|b| {
            if let Some(bus) = b.borrow().as_ref() {
                let _ = bus.post_message(&JsValue::from_str("changed"));
            }
        });
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::{announce, listen};

/// Native builds have one "tab": nothing to tell.
#[cfg(not(target_arch = "wasm32"))]
pub fn listen(_revision: leptos::prelude::RwSignal<u64>) {}

/// Native builds have one "tab": nothing to tell.
#[cfg(not(target_arch = "wasm32"))]
pub fn announce() {}
