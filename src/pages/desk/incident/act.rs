//! Running one action of the incident page: the page's runner hands each write the
//! incident's reference and the author to the shared form state (busy while it saves,
//! refusals at the form, success as a toast and a refresh of every reader), and the
//! flag that moves focus back to the heading after a success.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::components::form::state::FormState;

use crate::domain::incident::Incident;
use crate::ops::error::AppError;
use crate::state::identity::Identity;
use crate::storage::AppStore;

/// Set when an action succeeded: the page re-renders with the saved incident, and the
/// new view moves keyboard focus to its heading instead of leaving it on the body.
#[derive(Clone, Copy)]
pub struct Refocus(pub StoredValue<bool>);

impl Refocus {
    /// Creates the flag and provides it to the page's parts.
    pub fn provide() -> Refocus {
        let r = Refocus(StoredValue::new(false));
        provide_context(r);
        r
    }

    /// True once after an action succeeded (reading clears it).
    pub fn take(self) -> bool {
        let was = self.0.get_value();
        self.0.set_value(false);
        was
    }
}

/// The page's action runner, created with the page (contexts are read once, here).
#[derive(Clone, Copy)]
pub struct Act {
    who: Identity,
    refocus: Option<Refocus>,
    reference: StoredValue<String>,
}

impl Act {
    /// A runner for incident `reference`.
    pub fn new(reference: String) -> Act {
        Act {
            who: Identity::expect(),
            refocus: use_context::<Refocus>(),
            reference: StoredValue::new(reference),
        }
    }

    /// Runs `action(store, reference, author)` through `form` (the one write rule, see
    /// [`FormState::run`]); on success the page moves focus to its heading again.
    pub fn run<F, Fut>(self, form: FormState, done: impl Into<String>, action: F)
    where
        F: FnOnce(Rc<AppStore>, String, String) -> Fut,
        Fut: Future<Output = Result<Incident, AppError>> + 'static,
    {
        let (reference, author, refocus) =
            (self.reference.get_value(), self.who.author(), self.refocus);
        form.run(
            done,
            move |store| action(store, reference, author),
            move |_| {
                if let Some(r) = refocus {
                    r.0.set_value(true);
                }
            },
        );
    }
}
