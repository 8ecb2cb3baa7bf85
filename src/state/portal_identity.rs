//! Who the end user on the portal says they are, remembered in this browser's
//! localStorage (`service-desk.portal-me`) and shared with the portal's pages as a
//! handle. Not a credential and no password. The record itself is
//! [`crate::domain::portal_me::PortalMe`].

use crate::domain::portal_me::PortalMe;
use leptos::prelude::*;

/// localStorage key of the portal identity.
pub const KEY: &str = "service-desk.portal-me";

/// Context-free handle: each portal page reads the remembered identity when it opens.
#[derive(Clone, Copy)]
pub struct PortalIdentity {
    /// The end user, once they said who they are.
    pub me: RwSignal<Option<PortalMe>>,
}

impl PortalIdentity {
    /// Reads the remembered identity (nobody when there is none or it is damaged).
    pub fn load() -> PortalIdentity {
        PortalIdentity {
            me: RwSignal::new(load()),
        }
    }

    /// Remembers (or forgets, with `None`) who the end user is, on this device.
    pub fn set(&self, me: Option<PortalMe>) {
        let me = me.map(|m| m.trimmed());
        store(me.as_ref());
        // The page may have been left while a save was running; remembering is enough.
        self.me.try_set(me);
    }
}

/// The stored PortalMe; a damaged entry means "nobody chosen", never an error.
fn load() -> Option<PortalMe> {
    super::prefs::load::<PortalMe>(KEY).filter(|m: &PortalMe| m.validate().is_ok())
}

fn store(me: Option<&PortalMe>) {
    super::prefs::store(KEY, me);
}
