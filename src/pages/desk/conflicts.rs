//! Conflicts left by sync: the list of conflicted records, and one record's two
//! versions side by side with "keep this one" and a field-by-field merge, saved
//! through the page's form state (a merge that cannot be made shows on its refusal
//! line).

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::{FormState, RefusalLine};
use crate::ops::conflicts::{self, ConflictView};
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::sync::SyncHandle;

/// `/desk/conflicts`: every record with conflicting versions.
#[component]
pub fn ConflictList() -> impl IntoView {
    let db = Db::expect();
    let rows = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            conflicts::list(&*store).await
        }
    });
    view! {
        <div class="page-head"><h1>"Conflicts"</h1></div>
        <p class="hint">
            "A record edited on two devices before they synced keeps both versions. Every \
             device shows the same one (CouchDB's rule) until someone chooses; nothing is lost."
        </p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty empty-state">"No conflicts: every record has one version. "
                            <A href=AppRoute::Sync.href()>"Sync settings"</A></p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="conflict-list">
                            {list.into_iter().map(|r| view! {
                                <li>
                                    <A href=AppRoute::Conflict(r.id.clone()).href()>
                                        {format!("{} {}", r.reference, r.title)}
                                    </A>
                                    {format!(" — {} other version{}", r.others, if r.others == 1 { "" } else { "s" })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/desk/conflicts/:id`: compare and resolve one record's conflict.
#[component]
pub fn ConflictPage() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let done = RwSignal::new(String::new());
    let view_res = LocalResource::new(move || {
        let id = id();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            conflicts::load(&*store, &id).await
        }
    });
    view! {
        <p role="status" class="form-message">{move || done.get()}</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view_res.await {
                    Ok(Some(v)) => view! { <Compare v=v done=done/> }.into_any(),
                    Ok(None) => view! {
                        <div class="page-head"><h1>"Conflict: none"</h1></div>
                        <p>"This record has no conflicting version."</p>
                        <A href=AppRoute::Conflicts.href()>"Back to conflicts"</A>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Which version the person chose to keep.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Current,
    Other,
    Merged,
}

impl Choice {
    /// What keeping it does, asked before it is done.
    fn question(self) -> &'static str {
        match self {
            Choice::Current => "Keep the current winner? The other version is discarded on this device and, after sync, everywhere.",
            Choice::Other => "Keep the other version? The current winner is replaced, and discarded everywhere after sync.",
            Choice::Merged => "Save the merged version? It replaces both versions, here and, after sync, everywhere.",
        }
    }

    /// The confirming button's text.
    fn yes(self) -> &'static str {
        match self {
            Choice::Current => "Yes, keep the current winner",
            Choice::Other => "Yes, keep the other version",
            Choice::Merged => "Yes, save the merged version",
        }
    }
}

/// The two versions side by side, the merge choices and the buttons that keep one.
#[component]
fn Compare(v: ConflictView, done: RwSignal<String>) -> impl IntoView {
    let sync = SyncHandle::expect();
    let form = FormState::new("merge");
    let take_other: RwSignal<HashSet<String>> = RwSignal::new(HashSet::new());
    let v = StoredValue::new(v);
    let resolve = move |body: String| {
        let view = v.get_value();
        // The page says so itself (the view is re-read at once): no toast.
        form.run(
            "",
            move |store| async move { conflicts::resolve(&*store, &view, body).await },
            move |()| {
                done.try_set("Conflict resolved.".into());
                sync.sync_now();
            },
        );
    };
    let keep_current = move || resolve(v.with_value(|v| v.current.clone()));
    let keep_other = move || resolve(v.with_value(|v| v.other.clone()));
    let save_merged = move || {
        let chosen: Vec<String> = take_other.get_untracked().into_iter().collect();
        match v.with_value(|v| {
            crate::domain::couch::conflict_merge::merge(&v.current, &v.other, &chosen)
        }) {
            Ok(body) => resolve(body),
            Err(e) => form.refuse_action(&AppError::Refused(e).to_string()),
        }
    };
    let asking = RwSignal::new(false);
    let choice = RwSignal::new(Choice::Current);
    let ask = move |c: Choice| {
        choice.set(c);
        asking.set(true);
    };
    let (heading, cur_rev, other_rev, remaining, fields) = v.with_value(|v| {
        (
            format!("Conflict: {} {}", v.reference, v.title),
            v.current_rev.to_string(),
            v.other_rev.to_string(),
            v.remaining,
            v.fields.clone(),
        )
    });
    view! {
        <div class="page-head"><h1>{heading}</h1></div>
        <RefusalLine form=form/>
        {(remaining > 0).then(|| view! {
            <p class="hint">{format!("{remaining} more version(s) will be shown after this one is resolved.")}</p>
        })}
        <table class="conflict-table">
            <caption>"Fields that differ"</caption>
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">"Current winner" <br/><small>{cur_rev}</small></th>
                    <th scope="col">"Other version" <br/><small>{other_rev}</small></th>
                    <th scope="col">"Merge: take"</th>
                </tr>
            </thead>
            <tbody>
                {fields.into_iter().map(|f| {
                    let key = f.key.clone();
                    let key2 = f.key.clone();
                    let group = format!("merge-{}", f.key);
                    let label = f.label.clone();
                    view! {
                        <tr>
                            <th scope="row">{f.label.clone()}</th>
                            <td class="version">{f.current.unwrap_or_else(|| "(none)".into())}</td>
                            <td class="version">{f.other.unwrap_or_else(|| "(none)".into())}</td>
                            <td>
                                <div role="radiogroup" aria-label=label>
                                    <label><input type="radio" name=group.clone() checked=true
                                        on:change=move |_| { take_other.update(|s| { s.remove(&key); }); }/>" Current"</label>
                                    <label><input type="radio" name=group
                                        on:change=move |_| { take_other.update(|s| { s.insert(key2.clone()); }); }/>" Other"</label>
                                </div>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <div class="form-actions">
            <button class="button" type="button" disabled=move || form.busy.get()
                on:click=move |_| ask(Choice::Current)>"Keep current winner"</button>
            " "
            <button class="button" type="button" disabled=move || form.busy.get()
                on:click=move |_| ask(Choice::Other)>"Keep other version"</button>
            " "
            <button class="button button-primary" type="button" disabled=move || form.busy.get()
                on:click=move |_| ask(Choice::Merged)>"Save merged version"</button>
        </div>
        <ConfirmStep open=asking busy=form.busy message=Signal::derive(move || choice.get().question().to_owned())
            yes=Signal::derive(move || choice.get().yes().to_owned())
            on_yes=Callback::new(move |()| match choice.get_untracked() {
                Choice::Current => keep_current(),
                Choice::Other => keep_other(),
                Choice::Merged => save_merged(),
            })/>
    }
}
