//! The problem form (new and edit): title, description, priority, service, root cause,
//! workaround, fix notes, release found in and target fix release. Errors show next to
//! their field; nothing is saved while one is shown.

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};

use crate::components::form::field_error::FieldError;
use crate::domain::config::priority::Priority;
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
    let first_priority = initial.priority;
    let priority = RwSignal::new(first_priority);
    let service = RwSignal::new(initial.service.unwrap_or_default());
    let root_cause = RwSignal::new(initial.root_cause);
    let workaround = RwSignal::new(initial.workaround);
    let fix_notes = RwSignal::new(initial.fix_notes);
    let found = RwSignal::new(initial.release_found.unwrap_or_default());
    let target = RwSignal::new(initial.target_fix_release.unwrap_or_default());
    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .read()
                .as_ref()
                .and_then(|e| e.for_field(field).map(str::to_owned))
        })
    };
    let invalid = move |field: &'static str| move || err(field).get().is_some().to_string();
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
    let text_area = move |id: &'static str,
                          label: &'static str,
                          field: &'static str,
                          value: RwSignal<String>,
                          rows: &'static str| {
        let error_id = match field {
            "description" => "pf-description-error",
            "root_cause" => "pf-root-cause-error",
            "workaround" => "pf-workaround-error",
            _ => "pf-fix-notes-error",
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <textarea id=id rows=rows aria-invalid=invalid(field) aria-describedby=error_id
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                <FieldError id=error_id message=err(field)/>
            </div>
        }
    };
    let release_select = move |id: &'static str,
                               label: &'static str,
                               value: RwSignal<String>,
                               releases: Vec<Choice>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">"— none —"</option>
                    {releases.into_iter().map(|r| {
                        let chosen = value.get_untracked() == r.id;
                        view! { <option value=r.id selected=chosen>{r.name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let service_options = services
        .into_iter()
        .map(|s| {
            let chosen = service.get_untracked() == s.id;
            view! { <option value=s.id selected=chosen>{s.name}</option> }
        })
        .collect_view();
    view! {
        <form class="form problem-form" on:submit=submit novalidate>
            <div class="field">
                <label for="pf-title">"Title"</label>
                <input id="pf-title" type="text" maxlength="200" required
                    aria-invalid=invalid("title") aria-describedby="pf-title-error"
                    prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <FieldError id="pf-title-error" message=err("title")/>
            </div>
            {text_area("pf-description", "Description", "description", description, "4")}
            <div class="field-row">
                <div class="field">
                    <label for="pf-priority">"Priority"</label>
                    <select id="pf-priority" prop:value=move || priority.get().short()
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            if let Some(p) = Priority::ALL.into_iter().find(|p| p.short() == key) {
                                priority.set(p);
                            }
                        }>
                        {Priority::ALL.into_iter().map(|p| view! {
                            <option value=p.short() selected={p == first_priority}>{p.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="pf-service">"Service"</label>
                    <select id="pf-service" prop:value=move || service.get()
                        on:change=move |ev| service.set(event_target_value(&ev))>
                        <option value="">"— not known —"</option>
                        {service_options}
                    </select>
                </div>
            </div>
            {text_area("pf-root-cause", "Root cause", "root_cause", root_cause, "4")}
            {text_area("pf-workaround", "Workaround", "workaround", workaround, "4")}
            {text_area("pf-fix-notes", "Fix notes", "fix_notes", fix_notes, "4")}
            <div class="field-row">
                {release_select("pf-release-found", "Found in release", found, releases.clone())}
                {release_select("pf-target-release", "Target fix release", target, releases)}
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
