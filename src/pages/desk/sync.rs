//! The sync page: where to sync (server URL, database, live mode), signing in to the
//! server (the password goes to the server and is forgotten), "Test connection",
//! "Sync now", and the status: last sync, what is not yet pushed, progress, conflicts
//! and documents the server refused. Saving the settings is a write and runs through
//! the form's state; the server actions (testing, signing in and out) write nothing
//! here and say how they went on the status lines.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::kernel::validation::ValidationErrors;
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::state::sync::session;
use crate::state::sync::{Phase, SyncHandle};

/// The page at `/desk/sync`.
#[component]
pub fn SyncPage() -> impl IntoView {
    let h = SyncHandle::expect();
    let current = h.settings.get_untracked();
    let server = RwSignal::new(
        current
            .as_ref()
            .map(|s| s.server.clone())
            .unwrap_or_default(),
    );
    let db_name = RwSignal::new(current.as_ref().map(|s| s.db.clone()).unwrap_or_default());
    let live = RwSignal::new(current.as_ref().is_some_and(|s| s.live));
    // Settings may load after the page opened (first visit straight to this page).
    Effect::new(move |_| {
        if let Some(s) = h.settings.get() {
            if server.get_untracked().is_empty() && db_name.get_untracked().is_empty() {
                server.set(s.server);
                db_name.set(s.db);
                live.set(s.live);
            }
        }
    });
    let message = RwSignal::new(String::new());
    let form = FormState::new("settings");

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (s, d, l) = (
            server.get_untracked(),
            db_name.get_untracked(),
            live.get_untracked(),
        );
        // The status line says so, as it does for the connection test: no toast.
        form.run(
            "",
            move |_store| {
                message.set(String::new());
                async move {
                    // The handle writes the settings itself and words why it could not
                    // (a server URL or database name it cannot use, or the store): the
                    // sentence shows at the form.
                    h.save_settings(&s, &d, l).await.map_err(|e| {
                        let mut v = ValidationErrors::new();
                        v.push("settings", format!("Not saved: {e}"));
                        AppError::Validation(v)
                    })
                }
            },
            move |()| {
                let _ = message.try_set("Settings saved.".to_owned());
            },
        );
    };

    let test = move |_| {
        let (s, d) = (server.get_untracked(), db_name.get_untracked());
        message.set("Testing the connection…".into());
        leptos::task::spawn_local(async move {
            let text = session::test_connection(&s, &d).await;
            let _ = message.try_set(text);
        });
    };

    view! {
        <div class="page-head"><h1>"Sync"</h1></div>
        <p class="hint">
            "Sync is optional: the desk works fully without it. With a CouchDB-compatible server, \
             several agents' browsers share one desk; edits made offline are sent when the \
             server is back, and two edits of the same record are both kept as a conflict."
        </p>
        <SyncStatusPanel/>
        <section class="card" aria-labelledby="sync-server-h">
            <h2 id="sync-server-h">"Server"</h2>
            <form on:submit=save class="form" novalidate>
                <div class="field-row">
                    <div class="field">
                        <label for="sync-server">"Server URL"</label>
                        <input id="sync-server" type="url" placeholder="https://couch.example.com"
                            prop:value=server on:input=move |ev| server.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="sync-db">"Database name"</label>
                        <input id="sync-db" type="text" placeholder="desk"
                            prop:value=db_name on:input=move |ev| db_name.set(event_target_value(&ev))/>
                    </div>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=live
                        on:change=move |ev| live.set(event_target_checked(&ev))/>
                    "Live sync"
                    <span class="hint">" (follow the server and send local changes as they happen)"</span>
                </label>
                <div class="form-actions">
                    <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Save settings"</button>
                    " "
                    <button class="button" type="button" on:click=test>"Test connection"</button>
                    " "
                    <button class="button" type="button" on:click=move |_| h.sync_now()
                        disabled=move || h.settings.get().is_none()>"Sync now"</button>
                </div>
            </form>
            <RefusalLine form=form/>
            <p role="status" class="form-message">{move || message.get()}</p>
        </section>
        <SignInSection server=server db_name=db_name/>
    }
}

/// Status, counts, progress, conflicts and refusals.
#[component]
fn SyncStatusPanel() -> impl IntoView {
    let h = SyncHandle::expect();
    let st = h.status;
    let phase_text = move || match st.get().phase {
        Phase::Off => "Off: no server is set up.".to_owned(),
        Phase::Idle => "Not yet synced in this visit.".to_owned(),
        Phase::Syncing => "Syncing…".to_owned(),
        Phase::UpToDate => "Up to date.".to_owned(),
        Phase::Offline(why) => format!("Offline, retrying: {why}"),
        Phase::Paused(why) => format!("Paused: {why}"),
    };
    let last = move || {
        st.get()
            .last_sync
            .map(|ms| crate::domain::kernel::time::Timestamp(ms).display())
            .unwrap_or_else(|| "never".into())
    };
    view! {
        <section class="card sync-status" aria-labelledby="sync-status-h">
            <h2 id="sync-status-h">"Status"</h2>
            <p>{phase_text}</p>
            {move || matches!(st.get().phase, Phase::Syncing).then(|| view! {
                <progress aria-label="Sync progress"></progress>
            })}
            <ul class="facts">
                <li>"Last sync: " {last}</li>
                <li>{move || st.get().pending_fact()}</li>
                <li>{move || format!("Pulled {} · Pushed {}", st.get().pulled, st.get().pushed)}</li>
                <li><A href=AppRoute::Conflicts.href()>{move || format!("Conflicts ({})", st.get().conflicts)}</A></li>
            </ul>
            {move || {
                let rejected = st.get().rejected;
                (!rejected.is_empty()).then(|| view! {
                    <h3>"Refused by the server"</h3>
                    <p class="hint">"These records stay here unchanged and are sent again after their next edit."</p>
                    <ul>
                        {rejected.into_iter().map(|r| view! {
                            <li><code>{r.id}</code> ": " {r.error} " — " {r.reason}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// Signing in with a CouchDB cookie session. The password is only sent to the server.
#[component]
fn SignInSection(server: RwSignal<String>, db_name: RwSignal<String>) -> impl IntoView {
    let h = SyncHandle::expect();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (s, d) = (server.get_untracked(), db_name.get_untracked());
        let (n, p) = (name.get_untracked(), password.get_untracked());
        // The password leaves the page's memory as soon as it is sent.
        password.set(String::new());
        leptos::task::spawn_local(async move {
            let text = session::sign_in(h, &s, &d, &n, &p).await;
            let _ = message.try_set(text);
        });
    };
    let signing_out = RwSignal::new(false);
    let sign_out_ref = NodeRef::<leptos::html::Button>::new();
    let sign_out = move |()| {
        let (s, d) = (server.get_untracked(), db_name.get_untracked());
        leptos::task::spawn_local(async move {
            let text = session::sign_out(&s, &d).await;
            let _ = message.try_set(text);
        });
    };
    view! {
        <section class="card" aria-labelledby="sync-signin-h">
            <h2 id="sync-signin-h">"Sign in to the server"</h2>
            <p class="hint">"The server keeps the session; this browser never stores the password."</p>
            <form on:submit=sign_in class="form" novalidate>
                <div class="field-row">
                    <div class="field">
                        <label for="sync-user">"User name"</label>
                        <input id="sync-user" type="text" autocomplete="username"
                            prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="sync-password">"Password"</label>
                        <input id="sync-password" type="password" autocomplete="current-password"
                            prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                    </div>
                </div>
                <div class="form-actions">
                    <button class="button button-primary" type="submit">"Sign in"</button>
                    " "
                    <button class="button" type="button" node_ref=sign_out_ref
                        aria-expanded=move || signing_out.get().to_string()
                        on:click=move |_| signing_out.set(true)>"Sign out"</button>
                </div>
            </form>
            <ConfirmStep open=signing_out back=sign_out_ref on_yes=Callback::new(sign_out)
                message="Sign out of the sync server? Sync stops until someone signs in again; the records on this device stay."
                yes="Yes, sign out"/>
            <p role="status" class="form-message">{move || message.get()}</p>
        </section>
    }
}
