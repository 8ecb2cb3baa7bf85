//! The incident form (create and edit): labelled fields, messages next to each invalid
//! field, the priority computed live from impact × urgency with its reason, and (when
//! editing) the work note that changing impact or urgency requires.

use leptos::prelude::*;

use crate::components::form::enum_select::EnumSelect;
use crate::components::form::field::{Field, Wire};
use crate::components::form::record_picker::RecordPicker;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::priority::PriorityMatrix;
use crate::domain::config::Service;
use crate::domain::incident::IncidentDraft;
use crate::ops::records::Choice;

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
    let busy = form.busy;
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

    let explain = move || matrix.explain(impact.get(), urgency.get());
    let note_required = move || impact.get() != saved_impact || urgency.get() != saved_urgency;
    let note_field = work_note.map(|note| {
        let hint = Signal::derive(move || {
            if note_required() {
                "Required: impact or urgency changed. Say why; the note goes on the timeline."
            } else {
                "Optional: added to the timeline as an internal note."
            }
            .to_owned()
        });
        view! {
            <Field form id="inc-work-note" label="Work note" field="work_note" hint class="work-note-field"
                let(wire: Wire)>
                <textarea id=wire.id rows="3" required=note_required
                    aria-required=move || note_required().to_string()
                    aria-invalid=wire.invalid() aria-describedby=wire.described_by()
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </Field>
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
            <Field form id="inc-title" label="Title" field="title" text=title required=true maxlength=200/>
            <Field form id="inc-description" label="Description" field="description" textarea=description rows=5/>
            <div class="field-row">
                <RecordPicker form id="inc-service" label="Service" value=service options=services
                    none="— not known —" field="service"/>
                <Field form id="inc-category" label="Category" field="category" text=category maxlength=100/>
            </div>
            <div class="field-row">
                <EnumSelect form id="inc-impact" label="Impact" value=impact/>
                <EnumSelect form id="inc-urgency" label="Urgency" value=urgency/>
                <div class="field">
                    <span class="label" id="inc-priority-label">"Priority"</span>
                    <output class="priority-preview" aria-labelledby="inc-priority-label" aria-live="polite">
                        {explain}
                    </output>
                </div>
            </div>
            {note_field}
            <div class="field-row">
                <EnumSelect form id="inc-environment" label="Found in" value=environment/>
                <RecordPicker form id="inc-release" label="Release" value=release options=releases field="release"/>
                <EnumSelect form id="inc-channel" label="Channel" value=channel/>
            </div>
            <div class="field-row">
                <Field form id="inc-reporter" label="Reported by" field="reporter_name" text=reporter_name maxlength=200/>
                <Field form id="inc-contact" label="Reporter contact" field="reporter_contact" text=reporter_contact maxlength=200/>
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
