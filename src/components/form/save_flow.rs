//! The save flow the record forms share (articles, known errors, releases): save the
//! draft, then show the record with a toast; field errors go back to the form, anything
//! else (a stale revision, a refusal, storage) to an error toast. A second submit while
//! one is saving is ignored.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::known_error::KnownError;
use crate::domain::release::Release;
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::state::db::{AppStore, Db};
use crate::state::toast::Toasts;

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
/// the record as stored. `done` words the success toast ("created", "saved").
pub fn save_callback<D, T, F, Fut>(
    errors: RwSignal<Option<ValidationErrors>>,
    busy: RwSignal<bool>,
    done: &'static str,
    save: F,
) -> Callback<D>
where
    D: 'static,
    T: Saved + 'static,
    F: Fn(Rc<AppStore>, D) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let db = Db::expect();
    let toasts = Toasts::expect();
    let navigate = use_navigate();
    Callback::new(move |draft: D| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        let fut = db.store().map(|store| save(store, draft));
        leptos::task::spawn_local(async move {
            let result = match fut {
                Ok(fut) => fut.await,
                Err(e) => Err(AppError::from(e)),
            };
            busy.try_set(false);
            match result {
                Ok(record) => {
                    db.changed();
                    toasts.success(format!("{} {} {done}.", T::NOUN, record.reference()));
                    navigate(&record.route().href(), NavigateOptions::default());
                }
                Err(AppError::Validation(v)) => {
                    errors.try_set(Some(v));
                }
                Err(e) => {
                    toasts.error(format!("The {} was not saved: {e}", T::NOUN.to_lowercase()))
                }
            }
        });
    })
}
