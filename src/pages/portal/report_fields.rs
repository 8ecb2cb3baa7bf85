//! Parts of the report form: the service picker (with the note that a recently changed
//! service links the report to its release) and the plain-words choice groups for who
//! is affected and how urgent it is.

use leptos::prelude::*;

use crate::domain::config::Service;
use crate::domain::portal_words::{els_release_for, Affected, HowUrgent};
use crate::domain::release::Release;

/// "Which service?": services by name, or "I don't know".
#[component]
pub fn ServicePicker(
    /// Services to pick from, by name.
    services: Vec<Service>,
    /// Releases in early life support (to say when the report will be linked to one).
    releases: Vec<Release>,
    /// The chosen service id (empty = not known).
    chosen: RwSignal<String>,
) -> impl IntoView {
    let hint = move || {
        let id = chosen.get();
        els_release_for(&releases, &id).map(|r| {
            format!(
                "This service changed recently ({}). Your report will be linked to that change, so the team behind it sees it.",
                r.title()
            )
        })
    };
    view! {
        <div class="field">
            <label for="rp-service">"Which service is it about?"</label>
            <select id="rp-service" aria-describedby="rp-service-hint"
                prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"I don't know"</option>
                {services.into_iter().map(|s| view! { <option value=s.id.clone()>{s.name.clone()}</option> }).collect_view()}
            </select>
            <p class="hint" id="rp-service-hint" aria-live="polite">{hint}</p>
        </div>
    }
}

/// A group of radio buttons with a legend, one per choice.
fn radios<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    name: &'static str,
    all: &'static [T],
    label: fn(T) -> &'static str,
    chosen: RwSignal<T>,
) -> impl IntoView {
    view! {
        <fieldset class="choice portal-choice">
            <legend>{legend}</legend>
            {all.iter().copied().enumerate().map(|(n, v)| {
                let id = format!("{name}-{n}");
                view! {
                    <div class="radio">
                        <input type="radio" id=id.clone() name=name value=n.to_string()
                            prop:checked=move || chosen.get() == v on:change=move |_| chosen.set(v)/>
                        <label for=id>{label(v)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// "Who is affected?" (→ impact).
pub fn affected_choice(chosen: RwSignal<Affected>) -> impl IntoView {
    radios(
        "Who is affected?",
        "rp-affected",
        &Affected::ALL,
        Affected::label,
        chosen,
    )
}

/// "How urgent is it?" (→ urgency).
pub fn urgency_choice(chosen: RwSignal<HowUrgent>) -> impl IntoView {
    radios(
        "How urgent is it?",
        "rp-urgent",
        &HowUrgent::ALL,
        HowUrgent::label,
        chosen,
    )
}
