//! My requests: the incidents this end user reported (found by the email they gave,
//! remembered on this device), newest first, with their status in plain words.

use leptos::prelude::*;

use super::identity_form::IdentityForm;
use super::portal_error_panel;
use crate::domain::incident::Incident;
use crate::domain::portal_words::status_words;
use crate::ops::portal;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::portal_identity::PortalIdentity;

/// The My requests page.
#[component]
pub fn PortalRequests() -> impl IntoView {
    let identity = PortalIdentity::load();
    let changing = RwSignal::new(false);
    view! {
        <main id="main" class="page portal narrow">
            <h1>"My requests"</h1>
            {move || match identity.me.get() {
                Some(me) if !changing.get() => {
                    let email = me.email.clone();
                    view! {
                        <p class="portal-me">
                            {format!("Showing the requests of {} ({}). ", me.name, me.email)}
                            <button type="button" class="button-link" on:click=move |_| changing.set(true)>
                                "Not you?"
                            </button>
                        </p>
                        <RequestList email=email/>
                    }
                    .into_any()
                }
                _ => view! {
                    <IdentityForm identity=identity on_saved=Callback::new(move |()| changing.set(false))/>
                    {move || changing.get().then(|| view! {
                        <button type="button" class="button" on:click=move |_| changing.set(false)>"Cancel"</button>
                    })}
                }
                .into_any(),
            }}
        </main>
    }
}

/// The end user's incidents.
#[component]
fn RequestList(
    /// Their email address.
    email: String,
) -> impl IntoView {
    let db = Db::expect();
    let email = StoredValue::new(email);
    let list = LocalResource::new(move || {
        let _ = db.revision.get();
        let email = email.get_value();
        async move {
            let store = db.store()?;
            portal::my_requests(&*store, &email).await
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading your requests…"</p> }>
            <ErrorBoundary fallback=portal_error_panel>
                {move || Suspend::new(async move {
                    list.await.map(|items| view! { <Requests items=items/> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The requests as a list of cards (readable on a phone).
#[component]
fn Requests(items: Vec<Incident>) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <p class="empty empty-state">"You have not reported anything yet."</p>
            <p><a class="button button-primary" href=AppRoute::PortalReport.href()>"Report a problem"</a></p>
        }
        .into_any();
    }
    let count = items.len();
    view! {
        <p class="hint">{if count == 1 { "1 request, newest first.".to_owned() } else { format!("{count} requests, newest first.") }}</p>
        <ul class="request-list" aria-label="Your requests">
            {items.into_iter().map(|i| {
                let reference = i.reference.as_str().to_owned();
                let href = AppRoute::PortalRequest(reference.clone()).href();
                view! {
                    <li class="request-card">
                        <a href=href>
                            <span class="reference">{reference}</span>
                            <span class="request-title">{i.title.clone()}</span>
                        </a>
                        <p class="request-meta">
                            <span class="portal-status">{status_words(i.status)}</span>
                            " · updated "
                            <time datetime=i.updated.iso()>{i.updated.display()}</time>
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
