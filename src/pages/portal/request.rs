//! One of the end user's requests: its status in plain words, the public conversation
//! (their report, public comments, status changes; never work notes or the desk's
//! internals), a comment form, and "Is it fixed?" once resolved. Anyone else's request
//! reads exactly like a missing one.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::request_actions::{CommentForm, ResolvedChoices};
use super::{portal_error_panel, PortalNotFound};
use crate::domain::incident::{Incident, IncidentStatus};
use crate::domain::portal_me::PortalMe;
use crate::domain::portal_words::{public_thread, status_meaning, status_words, ThreadKind};
use crate::ops::error::AppError;
use crate::ops::portal;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::portal_identity::PortalIdentity;

/// What the page found.
#[derive(Clone)]
enum Loaded {
    /// The end user has not said who they are on this device.
    Anonymous,
    /// Missing, or not theirs.
    NotFound,
    /// Their request.
    Found(Box<Incident>, PortalMe),
}

/// The request page.
#[component]
pub fn PortalRequest() -> impl IntoView {
    let db = Db::expect();
    let identity = PortalIdentity::load();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let me = identity.me.get();
        let _ = db.revision.get();
        async move {
            let Some(me) = me else {
                return Ok(Loaded::Anonymous);
            };
            let store = db.store()?;
            match portal::my_request(&*store, &reference, &me).await {
                Ok(i) => Ok(Loaded::Found(Box::new(i), me)),
                Err(AppError::NotFound(_)) => Ok(Loaded::NotFound),
                Err(e) => Err(e),
            }
        }
    });
    view! {
        <main id="main" class="page portal narrow">
            <Suspense fallback=|| view! { <p role="status">"Loading your request…"</p> }>
                <ErrorBoundary fallback=portal_error_panel>
                    {move || Suspend::new(async move {
                        data.await.map(|loaded| match loaded {
                            Loaded::Anonymous => view! {
                                <h1>"Who are you?"</h1>
                                <p class="lead">"Tell us your name and email on My requests to follow your requests here."</p>
                                <p><a class="button button-primary" href=AppRoute::PortalRequests.href()>"My requests"</a></p>
                            }.into_any(),
                            Loaded::NotFound => view! { <PortalNotFound what="request"/> }.into_any(),
                            Loaded::Found(i, me) => view! { <RequestView incident=*i me=me/> }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

/// Who wrote a thread entry, as the end user reads it: the report itself and what
/// they wrote on the portal are "You"; an agent is never "You", even with their name.
fn author(kind: ThreadKind, by: &str, me: &PortalMe) -> String {
    if kind == ThreadKind::Reported || by == me.author() {
        "You".to_owned()
    } else if by.ends_with(" (portal)") {
        by.to_owned()
    } else {
        format!("{by} (service desk)")
    }
}

/// The request itself.
#[component]
fn RequestView(incident: Incident, me: PortalMe) -> impl IntoView {
    let i = incident;
    let reference = i.reference.as_str().to_owned();
    let status = i.status;
    let notes = i.resolution_notes.clone().unwrap_or_default();
    let thread = public_thread(&i);
    let open = !matches!(status, IncidentStatus::Closed | IncidentStatus::Cancelled);
    let status_class = format!(
        "portal-status status-{}",
        crate::ops::records::enum_key(&status)
    );
    view! {
        <p class="reference">{reference.clone()}</p>
        <h1>{i.title.clone()}</h1>
        <p class="status-line">
            <span class=status_class>{status_words(status)}</span>
            " "
            {status_meaning(status)}
        </p>
        {(status == IncidentStatus::Resolved).then(|| view! {
            <ResolvedChoices reference=reference.clone() me=me.clone() notes=notes.clone()/>
        })}
        {(status == IncidentStatus::Closed && !notes.trim().is_empty()).then(|| view! {
            <section aria-labelledby="fix-heading">
                <h2 id="fix-heading">"How it was fixed"</h2>
                <p class="prose">{notes.clone()}</p>
            </section>
        })}
        <section aria-labelledby="thread-heading">
            <h2 id="thread-heading">"Conversation"</h2>
            <ol class="thread" aria-label="Conversation">
                {thread.into_iter().map(|e| {
                    let (class, tag) = match e.kind {
                        ThreadKind::Reported => ("thread-entry thread-reported", "Reported"),
                        ThreadKind::Comment => ("thread-entry thread-comment", "Comment"),
                        ThreadKind::Status => ("thread-entry thread-status", "Update"),
                    };
                    view! {
                        <li class=class>
                            <p class="thread-meta">
                                <span class="thread-tag">{tag}</span>
                                " · " {author(e.kind, &e.by, &me)} " · "
                                <time datetime=e.at.iso()>{e.at.display()}</time>
                            </p>
                            <p class="prose">{e.text}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        {open.then(|| view! { <CommentForm reference=reference.clone() me=me.clone()/> })}
        <p><a href=AppRoute::PortalRequests.href()>"All my requests"</a></p>
    }
}
