//! A loaded page drawn anew only when what it shows changed: pages re-read on every
//! write (this tab's, another tab's, sync's), and redrawing an unchanged page would wipe
//! what a person is typing in its forms.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::ops::error::AppError;

/// A load's outcome, equal to another only when both loaded the same data (errors are
/// always drawn anew).
#[derive(Clone)]
struct Loaded<T>(Result<T, AppError>);

impl<T: PartialEq> PartialEq for Loaded<T> {
    fn eq(&self, other: &Self) -> bool {
        matches!((&self.0, &other.0), (Ok(a), Ok(b)) if a == b)
    }
}

/// Draws `data` with `draw` once loaded ("`loading`" meanwhile, the error panel on
/// failure), and again only when the loaded value differs from the one drawn.
pub fn stable_page<T, V>(
    data: LocalResource<Result<T, AppError>>,
    loading: &'static str,
    draw: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let page = Memo::new(move |_| data.get().map(Loaded));
    move || match page.get() {
        None => view! { <p role="status">{loading}</p> }.into_any(),
        Some(Loaded(result)) => {
            let draw = draw.clone();
            view! { <ErrorBoundary fallback=error_panel>{result.map(draw)}</ErrorBoundary> }
                .into_any()
        }
    }
}
