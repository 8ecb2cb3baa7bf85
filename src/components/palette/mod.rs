//! The desk's command palette (Ctrl/Cmd+K, or its button): a modal dialog with a
//! combobox that searches every record as the person types and offers actions; the
//! arrows move, Enter opens or runs, Escape closes and gives focus back.

pub mod marks;
pub mod model;
pub mod rows;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::components::form::state::FormState;
use crate::search::{Filter, Results, SearchQuery};
use crate::state::db::Db;

use model::{announcement, record_route, row_at, row_count, search_page_href, sections, step};
use model::{Action, Move, Row};
use rows::PaletteList;

/// Records asked of the index per keystroke.
const LIMIT: usize = 20;
/// Id of the combobox (the first focusable element of the dialog).
const INPUT_ID: &str = "palette-input";
/// Id of the "Show all results" link (the last focusable element when shown).
const ALL_ID: &str = "palette-all";

/// The element that has focus, to give it back on close.
fn focused() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

fn focus_id(id: &str) -> bool {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match el {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// The palette and the button that opens it; closed until Ctrl/Cmd+K or the button.
#[component]
pub fn CommandPalette() -> impl IntoView {
    let db = Db::expect();
    // Loading the demo data is the palette's one write; the palette has closed by
    // then, so its outcome is a toast either way.
    let demo = FormState::new("demo");
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    // `None` = the first row; arrows set it.
    let active = RwSignal::new(None::<usize>);
    // Bumped when the index has caught up, so the results are asked again.
    let epoch = RwSignal::new(0u64);
    let building = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let offer_demo = RwSignal::new(false);
    let return_to = StoredValue::new_local(None::<web_sys::HtmlElement>);

    let results = Memo::new(move |_| {
        epoch.track();
        let text = text.get();
        if !open.get() || text.trim().is_empty() {
            return Results::default();
        }
        db.search().query(&SearchQuery {
            text,
            filter: Filter::default(),
            limit: LIMIT,
        })
    });
    let list =
        Memo::new(move |_| results.with(|r| text.with(|t| sections(t, r, offer_demo.get()))));
    let current = Memo::new(move |_| {
        let n = list.with(|l| row_count(l));
        (n > 0).then(|| active.get().unwrap_or(0).min(n - 1))
    });

    let show = move || {
        if open.get_untracked() {
            return;
        }
        return_to.set_value(focused());
        text.set(String::new());
        active.set(None);
        failure.set(None);
        let search = db.search();
        building.set(!search.is_built());
        open.set(true);
        leptos::task::spawn_local(async move {
            let outcome = match db.store() {
                Ok(store) => {
                    let empty = crate::ops::demo::is_empty(&*store).await;
                    offer_demo.try_set(matches!(empty, Ok(true)));
                    search.sync(&*store).await
                }
                Err(e) => Err(e.into()),
            };
            failure.try_set(outcome.err().map(|e| e.to_string()));
            building.try_set(false);
            epoch.try_update(|n| *n += 1);
        });
    };
    // Closes; gives focus back to where it was unless the palette goes elsewhere.
    let hide = move |give_back: bool| {
        open.set(false);
        if let Some(el) = return_to.get_value() {
            if give_back && el.is_connected() {
                let _ = el.focus();
            }
        }
        return_to.set_value(None);
    };
    let load_demo = move || {
        demo.run_with(
            |n: &usize| format!("Demo data loaded: {n} records."),
            |store| async move { crate::ops::demo::load(&*store, 0).await },
            |_| {},
        );
    };
    let go = StoredValue::new_local(move |href: String| navigate(&href, Default::default()));
    let run = move |row: Row| match row {
        Row::Record(hit) => {
            hide(false);
            go.with_value(|go| go(record_route(&hit.doc).href()));
        }
        Row::Action(Action::LoadDemo) => {
            hide(true);
            load_demo();
        }
        Row::Action(action) => {
            hide(false);
            if let Some(route) = action.route() {
                go.with_value(|go| go(route.href()));
            }
        }
    };

    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        let k = ev.key().eq_ignore_ascii_case("k");
        if k && (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && !ev.shift_key() {
            ev.prevent_default();
            if open.get_untracked() {
                hide(true);
            } else {
                show();
            }
        }
    });
    on_cleanup(move || shortcut.remove());

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = list.with_untracked(|l| row_count(l));
        let moved = |m: Move| step(current.get_untracked(), n, m);
        // The list keys belong to the combobox; on the "Show all" link Enter follows it.
        let on_input = focused().is_some_and(|e| e.id() == INPUT_ID);
        match ev.key().as_str() {
            "ArrowDown" if on_input => active.set(moved(Move::Down)),
            "ArrowUp" if on_input => active.set(moved(Move::Up)),
            "PageDown" if on_input => active.set(moved(Move::Last)),
            "PageUp" if on_input => active.set(moved(Move::First)),
            "Enter" if on_input => {
                let row = current
                    .get_untracked()
                    .and_then(|at| list.with_untracked(|l| row_at(l, at).cloned()));
                match row {
                    Some(row) => run(row),
                    None if !text.get_untracked().trim().is_empty() => {
                        hide(false);
                        go.with_value(|go| go(search_page_href(&text.get_untracked())));
                    }
                    None => {}
                }
            }
            "Escape" => hide(true),
            "Tab" => {
                // Focus stays in the dialog, whose only stops are the combobox and the
                // "Show all" link: either way, Tab goes to the other one.
                let target = if on_input { ALL_ID } else { INPUT_ID };
                if !focus_id(target) {
                    focus_id(INPUT_ID);
                }
            }
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    };

    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    // Keeps the active row in view.
    Effect::new(move |_| {
        if let Some(at) = current.get() {
            rows::scroll_into_view(&rows::option_id(at));
        }
    });

    let dialog = move || {
        view! {
            <div class="palette-backdrop" on:click=move |_| hide(true)></div>
            <div class="palette" role="dialog" aria-modal="true" aria-label="Search the desk"
                on:keydown=on_key>
                <div class="palette-head">
                    <label class="visually-hidden" for=INPUT_ID>"Search records and actions"</label>
                    <span class="palette-icon" aria-hidden="true"></span>
                    <input id=INPUT_ID node_ref=input type="text" role="combobox" autocomplete="off"
                        spellcheck="false" aria-autocomplete="list" aria-controls="palette-list"
                        aria-expanded=move || (list.with(|l| row_count(l)) > 0).to_string()
                        aria-activedescendant=move || current.get().map(rows::option_id)
                        placeholder="Search incidents, problems, known errors, articles, releases…"
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            active.set(None);
                        }/>
                    <kbd class="palette-esc" aria-hidden="true">"Esc"</kbd>
                </div>
                <p class="palette-status" role="status" aria-live="polite">
                    {move || {
                        let total = results.with(|r| r.total);
                        text.with(|t| announcement(t, total, building.get()))
                    }}
                </p>
                {move || failure.get().map(|e| view! {
                    <p class="palette-error" role="alert">
                        {format!("Search is unavailable: {e}. Reload the page to try again.")}
                    </p>
                })}
                <PaletteList list=list current=current active=active matched=Signal::derive(move || results.with(|r| r.matched.clone()))
                    on_pick=Callback::new(run)/>
                <div class="palette-foot">
                    {move || {
                        let total = results.with(|r| r.total);
                        let q = text.get();
                        (total > 0).then(|| view! {
                            <a id=ALL_ID href=search_page_href(&q) on:click=move |_| hide(false)>
                                {if total == 1 {
                                    "Show 1 result on the search page".to_owned()
                                } else {
                                    format!("Show all {total} results")
                                }}
                            </a>
                        })
                    }}
                    <span class="palette-keys" aria-hidden="true">
                        <kbd>"↑"</kbd><kbd>"↓"</kbd>" move "<kbd>"Enter"</kbd>" open "<kbd>"Esc"</kbd>" close"
                    </span>
                </div>
            </div>
        }
    };

    view! {
        <button type="button" class="palette-trigger" aria-haspopup="dialog"
            aria-keyshortcuts="Control+K Meta+K" title="Search every record and action (Ctrl+K or ⌘K)"
            on:click=move |_| show()>
            <span class="palette-icon" aria-hidden="true"></span>
            <span class="palette-trigger-text">"Find anything"</span>
            <kbd aria-hidden="true">"Ctrl K"</kbd>
        </button>
        <Show when=move || open.get()>{dialog}</Show>
    }
}
