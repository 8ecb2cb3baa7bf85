//! The palette's listbox: one group per heading (exact match, actions, each kind of
//! record), each option showing a record's reference, highlighted title and status,
//! or an action's label; the active option is marked and kept in view.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::marks::marked;
use super::model::{Action, Group, Row, Section};

/// The element id of option `at` (what `aria-activedescendant` names).
pub fn option_id(at: usize) -> String {
    format!("palette-opt-{at}")
}

/// Scrolls the listbox just enough to show the option with this id.
pub fn scroll_into_view(id: &str) {
    let doc = web_sys::window().and_then(|w| w.document());
    let find = |id: &str| {
        doc.as_ref()
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let (Some(option), Some(list)) = (find(id), find("palette-list")) else {
        return;
    };
    // The listbox is the options' offset parent (it is positioned), so offsets are
    // within its scrolled content.
    let top = option.offset_top();
    let bottom = top + option.offset_height();
    let (scroll, height) = (list.scroll_top(), list.client_height());
    if top < scroll {
        list.set_scroll_top(top);
    } else if bottom > scroll + height {
        list.set_scroll_top(bottom - height);
    }
}

/// A short mark before an action's label.
fn action_glyph(a: Action) -> &'static str {
    match a {
        Action::NewIncident => "+",
        Action::LoadDemo => "↓",
        _ => "→",
    }
}

/// The listbox of the palette.
#[component]
pub fn PaletteList(
    /// The rows, grouped.
    #[prop(into)]
    list: Signal<Vec<Section>>,
    /// Position of the active row.
    #[prop(into)]
    current: Signal<Option<usize>>,
    /// Set when the pointer moves over a row.
    active: RwSignal<Option<usize>>,
    /// Index terms that matched, for highlighting.
    #[prop(into)]
    matched: Signal<Vec<String>>,
    /// Opens a record or runs an action.
    on_pick: Callback<Row>,
) -> impl IntoView {
    view! {
        <div id="palette-list" class="palette-list" role="listbox" aria-label="Records and actions">
            {move || {
                let matched = matched.get();
                list.get().into_iter().map(|section| {
                    let heading = format!("palette-group-{}", section.group.key());
                    let heading_ref = heading.clone();
                    let exact = section.group == Group::Exact;
                    let rows = section.rows.into_iter().map(|(at, row)| {
                        let picked = row.clone();
                        let body = match &row {
                            Row::Record(hit) => {
                                let d = &hit.doc;
                                view! {
                                    <span class="palette-ref">{d.reference.clone()}</span>
                                    <span class="palette-title">{marked(&d.title, &matched)}</span>
                                    {exact.then(|| view! { <span class="palette-kind">{d.kind.noun()}</span> })}
                                    <span class="palette-state">{d.status}</span>
                                }.into_any()
                            }
                            Row::Action(a) => view! {
                                <span class="palette-glyph" aria-hidden="true">{action_glyph(*a)}</span>
                                <span class="palette-title">{a.label()}</span>
                            }.into_any(),
                        };
                        let kind_class = match &row {
                            Row::Record(_) => "palette-option",
                            Row::Action(_) => "palette-option palette-action",
                        };
                        view! {
                            <div id=option_id(at) role="option" class=kind_class
                                aria-selected=move || (current.get() == Some(at)).to_string()
                                on:mousedown=|ev| ev.prevent_default()
                                on:mousemove=move |_| if current.get_untracked() != Some(at) { active.set(Some(at)) }
                                on:click=move |_| on_pick.run(picked.clone())>
                                {body}
                            </div>
                        }
                    }).collect_view();
                    view! {
                        <div class="palette-group" role="group" aria-labelledby=heading_ref>
                            <div class="palette-group-title" id=heading role="presentation">{section.group.title()}</div>
                            {rows}
                        </div>
                    }
                }).collect_view()
            }}
        </div>
    }
}
