//! The save flow every record form shares (incidents, problems, known errors, articles,
//! releases): save the draft through the form's state, then show the record with a
//! toast. Errors go where [`FormState::run`] puts them; a second submit while one is
//! saving is ignored.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::form::state::FormState;
use crate::domain::incident::Incident;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::known_error::KnownError;
use crate::domain::problem::Problem;
use crate::domain::release::Release;
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::storage::AppStore;

/// A record a form saves: what it is called and where its page is.
pub trait Saved {
    /// `Known error`, as toasts name it.
    const NOUN: &'static str;
    /// Its human reference.
    fn reference(&self) -> String;
    /// Its page.
    fn route(&self) -> AppRoute;
}

impl Saved for KnowledgeArticle {
    const NOUN: &'static str = "Article";
    fn reference(&self) -> String {
        self.reference.as_str().to_owned()
    }
    fn route(&self) -> AppRoute {
        AppRoute::Article(self.reference())
    }
}

impl Saved for Incident {
    const NOUN: &'static str = "Incident";
    fn reference(&self) -> String {
        self.reference.as_str().to_owned()
    }
    fn route(&self) -> AppRoute {
        AppRoute::Incident(self.reference())
    }
}

impl Saved for Problem {
    const NOUN: &'static str = "Problem";
    fn reference(&self) -> String {
        self.reference.as_str().to_owned()
    }
    fn route(&self) -> AppRoute {
        AppRoute::Problem(self.reference())
    }
}

impl Saved for KnownError {
    const NOUN: &'static str = "Known error";
    fn reference(&self) -> String {
        self.reference.as_str().to_owned()
    }
    fn route(&self) -> AppRoute {
        AppRoute::KnownError(self.reference())
    }
}

impl Saved for Release {
    const NOUN: &'static str = "Release";
    fn reference(&self) -> String {
        self.reference.as_str().to_owned()
    }
    fn route(&self) -> AppRoute {
        AppRoute::Release(self.reference())
    }
}

/// Builds a form's submit callback around `save`, which writes the draft and returns
/// the record as stored; it runs through `form` (see [`FormState::run`]) and, once
/// saved, opens the record's page. `done` words the success toast ("created",
/// "saved").
pub fn save_callback<D, T, F, Fut>(form: FormState, done: &'static str, save: F) -> Callback<D>
where
    D: 'static,
    T: Saved + 'static,
    F: Fn(Rc<AppStore>, D) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let navigate = use_navigate();
    Callback::new(move |draft: D| {
        let navigate = navigate.clone();
        form.run_with(
            move |record: &T| format!("{} {} {done}.", T::NOUN, record.reference()),
            |store| save(store, draft),
            move |record: T| navigate(&record.route().href(), NavigateOptions::default()),
        );
    })
}
