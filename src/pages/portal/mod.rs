//! The self-service portal for end users: answers, reporting a problem, and following
//! their own requests. Never shows internal notes, internal articles or other people's
//! incidents, and never links to the desk.

pub mod article;
pub mod feedback;
pub mod home;
pub mod identity_form;
pub mod report;
pub mod report_fields;
pub mod request;
pub mod request_actions;
pub mod requests;
pub mod suggestions;

use std::time::Duration;

use leptos::error::Errors;
use leptos::prelude::*;

use crate::components::error_panel::error_panel_with;
use crate::routes::AppRoute;

/// How long typing must pause before suggestions are looked up (milliseconds).
pub const DEBOUNCE_MS: u64 = 200;

/// Runs the last of a quick series of calls once the calls pause for a moment.
#[derive(Clone, Copy)]
pub struct Debouncer {
    generation: StoredValue<u64>,
    delay: Duration,
}

impl Debouncer {
    /// A debouncer waiting `ms` milliseconds of quiet.
    pub fn new(ms: u64) -> Debouncer {
        Debouncer {
            generation: StoredValue::new(0),
            delay: Duration::from_millis(ms),
        }
    }

    /// Runs `f` after the delay, unless another call came in meanwhile or the page
    /// was left.
    pub fn run(self, f: impl FnOnce() + 'static) {
        let Some(g) = self.generation.try_get_value().map(|g| g.wrapping_add(1)) else {
            return;
        };
        self.generation.set_value(g);
        set_timeout(
            move || {
                if self.generation.try_get_value() == Some(g) {
                    f();
                }
            },
            self.delay,
        );
    }
}

/// The fallback of the portal's error boundaries: says what could not be shown and
/// leads back to the portal (never to the desk).
pub fn portal_error_panel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    error_panel_with(
        errors,
        view! { <a href=AppRoute::Portal.href()>"Back to help"</a> },
    )
}

/// The one "not found" the portal shows for anything missing, internal or someone
/// else's: it never says which.
#[component]
pub fn PortalNotFound(
    /// What was looked for: `article` or `request`.
    what: &'static str,
) -> impl IntoView {
    view! {
        <h1>{format!("We could not find that {what}")}</h1>
        <p class="lead">
            {format!("The {what} does not exist, or it is not available to you.")}
        </p>
        <p class="portal-actions">
            <a class="button" href=AppRoute::Portal.href()>"Back to help"</a>
            <a class="button" href=AppRoute::PortalRequests.href()>"My requests"</a>
        </p>
    }
}
