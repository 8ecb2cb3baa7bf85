//! The problem pages: list, detail with its actions and linked incidents, new and edit;
//! and the detail page's runner, which every panel of the page writes through.

pub mod actions;
pub mod detail;
pub mod edit;
pub mod links;
pub mod list;
pub mod new;
pub mod resolve_form;

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::components::form::state::FormState;
use crate::domain::couch::revision::Rev;
use crate::domain::problem::Problem;
use crate::ops::error::AppError;
use crate::state::identity::Identity;
use crate::storage::AppStore;

/// The page's action runner for one problem at the revision the page shows: hands
/// each write the reference, that revision and the author, through the shared form
/// state (see [`FormState::run`]).
#[derive(Clone, Copy)]
pub struct ProblemAct {
    who: Identity,
    reference: StoredValue<String>,
    seen: StoredValue<Rev>,
}

impl ProblemAct {
    /// A runner for problem `reference` as read at revision `seen`.
    pub fn new(reference: String, seen: Rev) -> ProblemAct {
        ProblemAct {
            who: Identity::expect(),
            reference: StoredValue::new(reference),
            seen: StoredValue::new(seen),
        }
    }

    /// Runs `action(store, reference, seen revision, author)` through `form`.
    pub fn run<F, Fut>(self, form: FormState, done: impl Into<String>, action: F)
    where
        F: FnOnce(Rc<AppStore>, String, Rev, String) -> Fut,
        Fut: Future<Output = Result<Problem, AppError>> + 'static,
    {
        let (r, seen, by) = (
            self.reference.get_value(),
            self.seen.get_value(),
            self.who.author(),
        );
        form.run(done, move |store| action(store, r, seen, by), |_| {});
    }
}
