//! The column mapping form: for each incident field, a select of the file's columns,
//! first set to the guess from the header names.

use leptos::prelude::*;

use crate::domain::transfer::csv::import::map::{Field, Mapping};

/// One select per incident field; changing one updates `mapping`.
#[component]
pub fn MappingForm(
    /// The file's column names.
    headers: Vec<String>,
    /// The mapping being edited.
    mapping: RwSignal<Mapping>,
) -> impl IntoView {
    let fields = Field::ALL.into_iter().map(|field| {
        let id = format!("map-{}", field.key());
        let hint_id = format!("{id}-hint");
        let options = headers
            .iter()
            .enumerate()
            .map(|(k, h)| view! { <option value=k.to_string()>{h.clone()}</option> })
            .collect_view();
        let label = if field == Field::Title {
            format!("{} (required)", field.label())
        } else {
            field.label().to_owned()
        };
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id aria-describedby=hint_id.clone()
                    prop:value=move || mapping.with(|m| m.column(field).map(|c| c.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let column = event_target_value(&ev).parse::<usize>().ok();
                        mapping.update(|m| m.set(field, column));
                    }>
                    <option value="">"— not in the file —"</option>
                    {options}
                </select>
                <small id=hint_id class="hint">{field.hint()}</small>
            </div>
        }
    });
    view! {
        <fieldset class="import-mapping">
            <legend>"Which column holds what"</legend>
            <p class="hint">"Guessed from the column names; change any that are wrong."</p>
            <div class="import-mapping-grid">{fields.collect_view()}</div>
        </fieldset>
    }
}
