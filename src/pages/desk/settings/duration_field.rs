//! A duration typed as a whole number and a unit (minutes, hours, days), with labels
//! for screen readers and an optional message under it.

use leptos::prelude::*;

use crate::domain::kernel::duration_input::DurationUnit;

/// A number field and a unit select side by side.
#[component]
pub fn DurationField(
    /// Id of the number field; the unit select gets `<id>-unit`, the message `<id>-error`.
    id: String,
    /// Label of the number field (`P2 response target`).
    #[prop(into)]
    label: Signal<String>,
    /// Label of the unit select (`P2 response unit`).
    #[prop(into)]
    unit_label: Signal<String>,
    /// The amount as typed.
    amount: RwSignal<String>,
    /// The unit.
    unit: RwSignal<DurationUnit>,
    /// Whether the field is switched off (a planned priority has no resolution target).
    #[prop(into, optional)]
    disabled: Signal<bool>,
    /// The message for this field, if it is invalid.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let unit_id = format!("{id}-unit");
    let error_id = format!("{id}-error");
    let invalid = move || error.with(Option::is_some).to_string();
    view! {
        <div class="duration">
            <div class="duration-inputs">
                <label class="visually-hidden" for=id.clone()>{move || label.get()}</label>
                <input
                    id=id.clone()
                    class="duration-amount"
                    type="number"
                    min="0"
                    step="1"
                    inputmode="numeric"
                    aria-invalid=invalid
                    aria-describedby=error_id.clone()
                    disabled=move || disabled.get()
                    prop:value=move || amount.get()
                    on:input=move |ev| amount.set(event_target_value(&ev))
                />
                <label class="visually-hidden" for=unit_id.clone()>{move || unit_label.get()}</label>
                <select
                    id=unit_id.clone()
                    disabled=move || disabled.get()
                    prop:value=move || unit.get().key()
                    on:change=move |ev| {
                        if let Some(u) = DurationUnit::from_key(&event_target_value(&ev)) {
                            unit.set(u);
                        }
                    }
                >
                    {DurationUnit::ALL
                        .into_iter()
                        .map(|u| view! {
                            <option value=u.key() selected=move || unit.get() == u>{u.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
