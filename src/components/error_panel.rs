//! The fallback of the error boundaries around async regions: says what could not be
//! shown and offers a way on, instead of a blank area.

use leptos::error::Errors;
use leptos::prelude::*;

use crate::routes::AppRoute;

/// Renders the errors caught by an `ErrorBoundary` as an alert, with ways on into the
/// desk.
pub fn error_panel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    error_panel_with(
        errors,
        view! {
            <a href=AppRoute::Incidents.href()>"Go to the incident queue"</a>
            " · "
            <a href=AppRoute::Home.href()>"Go to the start page"</a>
        },
    )
}

/// The same alert with other ways on (the portal's never lead into the desk).
pub fn error_panel_with(errors: ArcRwSignal<Errors>, links: impl IntoView) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <h2>"Not available"</h2>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                        .collect_view()
                }}
            </ul>
            <p>{links}</p>
        </div>
    }
}
