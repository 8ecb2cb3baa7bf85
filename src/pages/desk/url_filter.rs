//! A list page's filter kept in the URL: read from the query string into the list's
//! pure filter, and written back (by navigating) when a control changes it, so the
//! back button, reloads and shared links show the same list.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::routes::AppRoute;

/// The filter of the list at one route, as its URL holds it. A small `Copy` handle:
/// every control's handler can take it.
pub struct UrlFilter<F: Send + Sync + 'static> {
    filter: Memo<F>,
    go: Callback<F>,
}

impl<F: Send + Sync + 'static> Clone for UrlFilter<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for UrlFilter<F> {}

impl<F> UrlFilter<F>
where
    F: Clone + PartialEq + Send + Sync + 'static,
{
    /// The filter of the list at `route`: `read` builds it from the URL's query values
    /// (`get("status")` is the value of `status`, empty when absent), and `write`
    /// gives its query string (without `?`, empty for the default view).
    pub fn new(
        route: AppRoute,
        read: impl Fn(&dyn Fn(&str) -> String) -> F + Send + Sync + 'static,
        write: impl Fn(&F) -> String + Send + Sync + 'static,
    ) -> Self {
        let query = use_query_map();
        let navigate = use_navigate();
        let filter = Memo::new(move |_| {
            let q = query.read();
            read(&|key: &str| q.get(key).unwrap_or_default())
        });
        let base = route.href();
        let go = Callback::new(move |f: F| {
            navigate(&href(&base, &write(&f)), NavigateOptions::default());
        });
        UrlFilter { filter, go }
    }

    /// The filter now (tracked: views and memos that read it follow the URL).
    pub fn get(&self) -> F {
        self.filter.get()
    }

    /// The filter now, without tracking (for event handlers).
    pub fn get_untracked(&self) -> F {
        self.filter.get_untracked()
    }

    /// Shows the list with `filter`, by navigating to its URL.
    pub fn set(&self, filter: F) {
        self.go.run(filter);
    }

    /// Shows the list with the current filter changed by `change`.
    pub fn update(&self, change: impl FnOnce(&mut F)) {
        let mut f = self.get_untracked();
        change(&mut f);
        self.set(f);
    }
}

/// `base` with the query string `query` (`/problems?status=all`), or `base` alone when
/// there is none.
fn href(base: &str, query: &str) -> String {
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn the_default_view_has_no_question_mark() {
        assert_eq!(href("/desk/problems", ""), "/desk/problems");
        assert_eq!(
            href("/desk/problems", "status=all&q=vpn"),
            "/desk/problems?status=all&q=vpn"
        );
    }
}
