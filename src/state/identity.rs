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

/// The stored Me; a damaged entry means "nobody chosen", never an error.
fn load() -> Option<Me> {
    super::prefs::load::<Me>(KEY).filter(|m: &Me| !m.id.is_empty())
}

fn store(me: Option<&Me>) {
    super::prefs::store(KEY, me);
}
