//! The theme picker in the header (desk and portal): System, Light or Dark, kept on
//! this device.

use leptos::prelude::*;

use crate::state::theme::{self, Theme};

/// A `<select>` labelled "Theme"; a change is applied at once and remembered.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let current = RwSignal::new(theme::saved());
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = Theme::from_key(&event_target_value(&ev));
        theme::choose(chosen);
        current.set(chosen);
    };
    view! {
        <div class="theme-toggle">
            <label for="theme-toggle">"Theme"</label>
            <select id="theme-toggle" on:change=on_change prop:value=move || current.get().key()>
                {Theme::ALL.into_iter().map(|t| view! {
                    <option value=t.key() selected=move || current.get() == t>{t.label()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
