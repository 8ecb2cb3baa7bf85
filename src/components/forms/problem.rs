//! The problem form (new and edit): title, description, priority, service, root cause,
//! workaround, fix notes, release found in and target fix release. Errors show next to
//! their field; nothing is saved while one is shown.

use leptos::prelude::*;

use crate::components::form::enum_select::EnumSelect;
use crate::components::form::field::Field;
use crate::components::form::record_picker::RecordPicker;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::Service;
use crate::domain::problem::ProblemDraft;
use crate::ops::records::Choice;

fn none_if_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The problem form. `on_submit` gets a draft that passed validation.
#[component]
pub fn ProblemForm(
    /// Values to start from.
    initial: ProblemDraft,
    /// Services to choose from.
    services: Vec<Service>,
    /// Releases to choose from (found in, target fix).
    releases: Vec<Choice>,
    /// The submit button's text.
    submit_label: &'static str,
    /// The form's state: field messages, busy while saving, refusals.
    form: FormState,
    /// Called with a valid draft.
    on_submit: Callback<ProblemDraft>,
) -> impl IntoView {
    let (errors, busy) = (form.errors, form.busy);
    let title = RwSignal::new(initial.title);
    let description = RwSignal::new(initial.description);
    let priority = RwSignal::new(initial.priority);
    let service = RwSignal::new(initial.service.unwrap_or_default());
    let root_cause = RwSignal::new(initial.root_cause);
    let workaround = RwSignal::new(initial.workaround);
    let fix_notes = RwSignal::new(initial.fix_notes);
    let found = RwSignal::new(initial.release_found.unwrap_or_default());
    let target = RwSignal::new(initial.target_fix_release.unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ProblemDraft {
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            priority: priority.get_untracked(),
            service: none_if_empty(service.get_untracked()),
            root_cause: root_cause.get_untracked().trim().to_owned(),
            workaround: workaround.get_untracked().trim().to_owned(),
            fix_notes: fix_notes.get_untracked().trim().to_owned(),
            release_found: none_if_empty(found.get_untracked()),
            target_fix_release: none_if_empty(target.get_untracked()),
        };
        match draft.validate() {
            Err(e) => errors.set(Some(e)),
            Ok(()) => {
                errors.set(None);
                on_submit.run(draft);
            }
        }
    };
    view! {
        <form class="form problem-form" on:submit=submit novalidate>
            <Field form id="pf-title" label="Title" field="title" text=title required=true maxlength=200/>
            <Field form id="pf-description" label="Description" field="description" textarea=description rows=4/>
            <div class="field-row">
                <EnumSelect form id="pf-priority" label="Priority" value=priority/>
                <RecordPicker form id="pf-service" label="Service" value=service options=services
                    none="— not known —"/>
            </div>
            <Field form id="pf-root-cause" label="Root cause" field="root_cause" textarea=root_cause rows=4/>
            <Field form id="pf-workaround" label="Workaround" field="workaround" textarea=workaround rows=4/>
            <Field form id="pf-fix-notes" label="Fix notes" field="fix_notes" textarea=fix_notes rows=4/>
            <div class="field-row">
                <RecordPicker form id="pf-release-found" label="Found in release" value=found
                    options=releases.clone()/>
                <RecordPicker form id="pf-target-release" label="Target fix release" value=target
                    options=releases/>
            </div>
            <RefusalLine form=form/>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { submit_label }}
                </button>
            </div>
        </form>
    }
}
