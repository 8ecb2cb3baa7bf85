//! The incident form (create and edit): labelled fields, messages next to each invalid
//! field, the priority computed live from impact × urgency with its reason, and (when
//! editing) the work note that changing impact or urgency requires.

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};

use crate::components::form::field_error::FieldError;
use crate::domain::config::priority::{Impact, PriorityMatrix, Urgency};
use crate::domain::config::Service;
use crate::domain::incident::{Channel, Environment, IncidentDraft};
use crate::ops::records::Choice;

/// Position of `v` in `all` as an option value.
fn index_of<T: PartialEq>(all: &[T], v: &T) -> String {
    all.iter().position(|x| x == v).unwrap_or(0).to_string()
}

/// The value at option index `s`, or `fallback` for anything unexpected.
fn pick<T: Copy>(all: &[T], s: &str, fallback: T) -> T {
    s.parse::<usize>()
        .ok()
        .and_then(|i| all.get(i).copied())
        .unwrap_or(fallback)
}

fn none_if_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Form for an incident. The parent saves the draft and reports field errors back.
#[component]
pub fn IncidentForm(
    /// Values the form starts with.
    initial: IncidentDraft,
    /// Services to pick from.
    services: Vec<Service>,
    /// Releases to pick from.
    releases: Vec<Choice>,
    /// Matrix used for the live priority preview.
    matrix: PriorityMatrix,
    /// Label of the submit button.
    submit_label: &'static str,
    /// The form's state: field messages, busy while saving, refusals.
    form: FormState,
    /// Called with the draft when the person submits.
    on_submit: Callback<IncidentDraft>,
    /// When editing: the work note, shown as a field that is required once impact or
    /// urgency differs from `initial` (the saved values).
    #[prop(optional)]
    work_note: Option<RwSignal<String>>,
) -> impl IntoView {
    let (errors, busy) = (form.errors, form.busy);
    let (saved_impact, saved_urgency) = (initial.impact, initial.urgency);
    let title = RwSignal::new(initial.title.clone());
    let description = RwSignal::new(initial.description.clone());
    let service = RwSignal::new(initial.service.clone().unwrap_or_default());
    let category = RwSignal::new(initial.category.clone());
    let impact = RwSignal::new(initial.impact);
    let urgency = RwSignal::new(initial.urgency);
    let environment = RwSignal::new(initial.environment);
    let release = RwSignal::new(initial.release.clone().unwrap_or_default());
    let reporter_name = RwSignal::new(initial.reporter_name.clone());
    let reporter_contact = RwSignal::new(initial.reporter_contact.clone());
    let channel = RwSignal::new(initial.channel);

    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .and_then(|e| e.for_field(field).map(str::to_string))
        })
    };
    let invalid = move |field: &'static str| {
        move || {
            errors
                .get()
                .map(|e| e.for_field(field).is_some())
                .unwrap_or(false)
                .to_string()
        }
    };
    let explain = move || matrix.explain(impact.get(), urgency.get());
    let note_required = move || impact.get() != saved_impact || urgency.get() != saved_urgency;
    let note_field = work_note.map(|note| {
        view! {
            <div class="field work-note-field">
                <label for="inc-work-note">"Work note"</label>
                <p class="hint" id="inc-work-note-hint">
                    {move || if note_required() {
                        "Required: impact or urgency changed. Say why; the note goes on the timeline."
                    } else {
                        "Optional: added to the timeline as an internal note."
                    }}
                </p>
                <textarea
                    id="inc-work-note"
                    rows="3"
                    required=note_required
                    aria-required=move || note_required().to_string()
                    aria-invalid=invalid("work_note")
                    aria-describedby="inc-work-note-hint inc-work-note-error"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <FieldError id="inc-work-note-error" message=err("work_note")/>
            </div>
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(IncidentDraft {
            title: title.get_untracked().trim().to_string(),
            description: description.get_untracked().trim().to_string(),
            service: none_if_empty(service.get_untracked()),
            category: category.get_untracked().trim().to_string(),
            impact: impact.get_untracked(),
            urgency: urgency.get_untracked(),
            environment: environment.get_untracked(),
            release: none_if_empty(release.get_untracked()),
            reporter_name: reporter_name.get_untracked().trim().to_string(),
            reporter_contact: reporter_contact.get_untracked().trim().to_string(),
            channel: channel.get_untracked(),
        });
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <div class="field">
                <label for="inc-title">"Title"</label>
                <input
                    id="inc-title"
                    type="text"
                    required
                    maxlength="200"
                    aria-invalid=invalid("title")
                    aria-describedby="inc-title-error"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
                <FieldError id="inc-title-error" message=err("title")/>
            </div>
            <div class="field">
                <label for="inc-description">"Description"</label>
                <textarea
                    id="inc-description"
                    rows="5"
                    aria-invalid=invalid("description")
                    aria-describedby="inc-description-error"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
                <FieldError id="inc-description-error" message=err("description")/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="inc-service">"Service"</label>
                    <select
                        id="inc-service"
                        aria-invalid=invalid("service")
                        aria-describedby="inc-service-error"
                        prop:value=move || service.get()
                        on:change=move |ev| service.set(event_target_value(&ev))
                    >
                        <option value="">"— not known —"</option>
                        {services
                            .into_iter()
                            .map(|s| view! { <option value=s.id.clone()>{s.name.clone()}</option> })
                            .collect_view()}
                    </select>
                    <FieldError id="inc-service-error" message=err("service")/>
                </div>
                <div class="field">
                    <label for="inc-category">"Category"</label>
                    <input
                        id="inc-category"
                        type="text"
                        maxlength="100"
                        aria-invalid=invalid("category")
                        aria-describedby="inc-category-error"
                        prop:value=move || category.get()
                        on:input=move |ev| category.set(event_target_value(&ev))
                    />
                    <FieldError id="inc-category-error" message=err("category")/>
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="inc-impact">"Impact"</label>
                    <select
                        id="inc-impact"
                        prop:value=move || index_of(&Impact::ALL, &impact.get())
                        on:change=move |ev| impact.set(pick(&Impact::ALL, &event_target_value(&ev), Impact::Medium))
                    >
                        {Impact::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, v)| view! { <option value=i.to_string()>{v.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="inc-urgency">"Urgency"</label>
                    <select
                        id="inc-urgency"
                        prop:value=move || index_of(&Urgency::ALL, &urgency.get())
                        on:change=move |ev| urgency.set(pick(&Urgency::ALL, &event_target_value(&ev), Urgency::Medium))
                    >
                        {Urgency::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, v)| view! { <option value=i.to_string()>{v.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <span class="label" id="inc-priority-label">"Priority"</span>
                    <output class="priority-preview" aria-labelledby="inc-priority-label" aria-live="polite">
                        {explain}
                    </output>
                </div>
            </div>
            {note_field}
            <div class="field-row">
                <div class="field">
                    <label for="inc-environment">"Found in"</label>
                    <select
                        id="inc-environment"
                        prop:value=move || index_of(&Environment::ALL, &environment.get())
                        on:change=move |ev| environment.set(pick(&Environment::ALL, &event_target_value(&ev), Environment::Production))
                    >
                        {Environment::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, v)| view! { <option value=i.to_string()>{v.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="inc-release">"Release"</label>
                    <select
                        id="inc-release"
                        aria-invalid=invalid("release")
                        aria-describedby="inc-release-error"
                        prop:value=move || release.get()
                        on:change=move |ev| release.set(event_target_value(&ev))
                    >
                        <option value="">"— none —"</option>
                        {releases
                            .into_iter()
                            .map(|r| view! { <option value=r.id.clone()>{r.name.clone()}</option> })
                            .collect_view()}
                    </select>
                    <FieldError id="inc-release-error" message=err("release")/>
                </div>
                <div class="field">
                    <label for="inc-channel">"Channel"</label>
                    <select
                        id="inc-channel"
                        prop:value=move || index_of(&Channel::ALL, &channel.get())
                        on:change=move |ev| channel.set(pick(&Channel::ALL, &event_target_value(&ev), Channel::Phone))
                    >
                        {Channel::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, v)| view! { <option value=i.to_string()>{v.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="inc-reporter">"Reported by"</label>
                    <input
                        id="inc-reporter"
                        type="text"
                        maxlength="200"
                        aria-invalid=invalid("reporter_name")
                        aria-describedby="inc-reporter-error"
                        prop:value=move || reporter_name.get()
                        on:input=move |ev| reporter_name.set(event_target_value(&ev))
                    />
                    <FieldError id="inc-reporter-error" message=err("reporter_name")/>
                </div>
                <div class="field">
                    <label for="inc-contact">"Reporter contact"</label>
                    <input
                        id="inc-contact"
                        type="text"
                        maxlength="200"
                        aria-invalid=invalid("reporter_contact")
                        aria-describedby="inc-contact-error"
                        prop:value=move || reporter_contact.get()
                        on:input=move |ev| reporter_contact.set(event_target_value(&ev))
                    />
                    <FieldError id="inc-contact-error" message=err("reporter_contact")/>
                </div>
            </div>
            <div class="form-actions">
                <RefusalLine form=form/>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { submit_label }}
                </button>
            </div>
        </form>
    }
}
