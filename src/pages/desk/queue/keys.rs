//! Keyboard shortcuts of the queue (`j`/`k` move, `x` selects, `Enter` opens, `c`
//! creates, `/` searches, `?` explains) and the dialog that lists them.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::routes::AppRoute;

use super::QueueCtx;

/// The shortcuts, as the help dialog lists them.
pub const SHORTCUTS: [(&str, &str); 8] = [
    ("j", "Move to the next incident"),
    ("k", "Move to the previous incident"),
    ("x", "Select or unselect the current incident"),
    ("Enter", "Open the current incident"),
    ("c", "Create an incident"),
    ("/", "Search and filter"),
    ("?", "Show these shortcuts"),
    ("Esc", "Close this dialog, or leave the search box"),
];

/// Where the cursor goes for `j` (down) or `k` (up) on a page of `len` rows.
pub fn step(cursor: Option<usize>, down: bool, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (cursor, down) {
        (None, _) => 0,
        (Some(c), true) => (c + 1).min(len - 1),
        (Some(c), false) => c.saturating_sub(1),
    })
}

fn element_by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

fn focus(el: Option<web_sys::Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Focuses the reference link of row `k`, which also scrolls it into view.
pub fn focus_row(k: usize) {
    let link = element_by_id(&format!("queue-row-{k}"))
        .and_then(|row| row.query_selector("a").ok().flatten());
    focus(link);
}

/// The tag name of the element a key event came from, upper case.
fn target_tag(ev: &web_sys::KeyboardEvent) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.tag_name().to_uppercase())
        .unwrap_or_default()
}

/// Listens for the shortcuts while the queue is on screen.
pub fn install(ctx: QueueCtx, help: RwSignal<bool>) {
    let navigate = use_navigate();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        let tag = target_tag(&ev);
        if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
            if key == "Escape" {
                if let Some(el) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.blur();
                }
            }
            return;
        }
        let len = ctx.rows.with_untracked(Vec::len);
        match key.as_str() {
            "j" | "k" => {
                let next = step(ctx.cursor.get_untracked(), key == "j", len);
                ctx.cursor.set(next);
                if let Some(k) = next {
                    focus_row(k);
                }
                ev.prevent_default();
            }
            "x" => {
                if let Some(k) = ctx.cursor.get_untracked() {
                    if let Some((id, _, status)) = ctx.rows.with_untracked(|r| r.get(k).cloned()) {
                        ctx.toggle(&id, status);
                    }
                }
            }
            "Enter" if tag != "A" && tag != "BUTTON" => {
                let row = ctx
                    .cursor
                    .get_untracked()
                    .and_then(|k| ctx.rows.with_untracked(|r| r.get(k).cloned()));
                if let Some((_, reference, _)) = row {
                    navigate(&AppRoute::Incident(reference).href(), Default::default());
                }
            }
            "c" => {
                ev.prevent_default();
                navigate(&AppRoute::NewIncident.href(), Default::default());
            }
            "/" => {
                ev.prevent_default();
                focus(element_by_id("queue-q"));
            }
            "?" => help.set(true),
            "Escape" => help.set(false),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

/// The shortcuts dialog.
#[component]
pub fn ShortcutsDialog(
    /// Open while true.
    open: RwSignal<bool>,
) -> impl IntoView {
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(b) = close.get() {
                let _ = b.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| open.set(false)></div>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-heading">
                <h2 id="shortcuts-heading">"Keyboard shortcuts"</h2>
                <dl class="shortcuts">
                    {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> }).collect_view()}
                </dl>
                <button type="button" class="button" node_ref=close on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn cursor_moves_within_the_page() {
        assert_eq!(step(None, true, 3), Some(0));
        assert_eq!(step(None, false, 3), Some(0));
        assert_eq!(step(Some(0), true, 3), Some(1));
        assert_eq!(step(Some(2), true, 3), Some(2));
        assert_eq!(step(Some(0), false, 3), Some(0));
        assert_eq!(step(Some(2), false, 3), Some(1));
        assert_eq!(step(Some(1), true, 0), None);
    }
}
