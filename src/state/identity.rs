//! Who is working at this desk: the person an agent picked from the people list,
//! remembered on this device (a person id and name in localStorage: not a credential,
//! it grants nothing). It is the author of desk changes and "me" in the queue.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AGENT;

/// localStorage key of the chosen person.
const KEY: &str = "service-desk.me";

/// The person an agent says they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Person record id.
    pub id: String,
    /// Display name, recorded as the author of changes.
    pub name: String,
}

/// Context handle: the chosen person, if any.
#[derive(Clone, Copy)]
pub struct Identity {
    /// The chosen person; `None` until someone picks one.
    pub me: RwSignal<Option<Me>>,
}

impl Identity {
    /// Reads the remembered person and provides the handle as context.
    pub fn provide() -> Identity {
        let id = Identity {
            me: RwSignal::new(load()),
        };
        provide_context(id);
        id
    }

    /// The handle provided by [`Identity::provide`].
    pub fn expect() -> Identity {
        expect_context::<Identity>()
    }

    /// Chooses (or clears) who is working here, and remembers it on this device.
    pub fn set(&self, me: Option<Me>) {
        store(me.as_ref());
        self.me.set(me);
    }

    /// The name recorded as the author of changes (untracked read).
    pub fn author(&self) -> String {
        self.me
            .with_untracked(|m| m.as_ref().map(|m| m.name.clone()))
            .unwrap_or_else(|| AGENT.to_owned())
    }

    /// The chosen person's id, empty when none is chosen (tracked read).
    pub fn id(&self) -> String {
        self.me
            .with(|m| m.as_ref().map(|m| m.id.clone()))
            .unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(target_arch = "wasm32")]
fn load() -> Option<Me> {
    let raw = local_storage()?.get_item(KEY).ok().flatten()?;
    // A damaged entry means "nobody chosen", never an error.
    serde_json::from_str::<Me>(&raw)
        .ok()
        .filter(|m| !m.id.is_empty())
}

#[cfg(target_arch = "wasm32")]
fn store(me: Option<&Me>) {
    let Some(storage) = local_storage() else {
        return;
    };
    let _ = match me.and_then(|m| serde_json::to_string(m).ok()) {
        Some(json) => storage.set_item(KEY, &json),
        None => storage.remove_item(KEY),
    };
}

#[cfg(not(target_arch = "wasm32"))]
fn load() -> Option<Me> {
    let _ = KEY;
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn store(_me: Option<&Me>) {}
