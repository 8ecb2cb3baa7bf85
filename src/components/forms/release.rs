//! The release form (new and edit): name, version, services, deployment date and the
//! early-life-support window. Errors show next to their field; nothing is saved while
//! one is shown.

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};

use crate::components::form::field_error::FieldError;
use crate::domain::config::Service;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::release::ReleaseDraft;

/// The release form. `on_submit` gets a draft that passed validation.
#[component]
pub fn ReleaseForm(
    /// Values to start from.
    initial: ReleaseDraft,
    /// Services to choose from.
    services: Vec<Service>,
    /// True once deployed: the deployment date is then a fact, shown but not edited.
    #[prop(optional)]
    date_locked: bool,
    /// The submit button's text.
    submit_label: &'static str,
    /// The form's state: field messages, busy while saving, refusals.
    form: FormState,
    /// Called with a valid draft.
    on_submit: Callback<ReleaseDraft>,
) -> impl IntoView {
    let (errors, busy) = (form.errors, form.busy);
    let name = RwSignal::new(initial.name);
    let version = RwSignal::new(initial.version);
    let chosen = RwSignal::new(initial.services);
    let initial_date = initial.deployment_date;
    let initial_text = initial_date.map(|t| t.date()).unwrap_or_default();
    let date = RwSignal::new(initial_text.clone());
    let els = RwSignal::new(initial.els_days.to_string());
    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .read()
                .as_ref()
                .and_then(|e| e.for_field(field).map(str::to_owned))
        })
    };
    let invalid = move |field: &'static str| move || err(field).get().is_some().to_string();
    let refuse = move |field: &'static str, message: &'static str| {
        let mut e = ValidationErrors::new();
        e.push(field, message);
        errors.set(Some(e));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date.get_untracked();
        let deployment_date = match text.trim() {
            // Unchanged (or locked): keep the stored instant, not midnight of its day.
            t if date_locked || t == initial_text => initial_date,
            "" => None,
            text => match Timestamp::parse_date(text) {
                Some(t) => Some(t),
                None => return refuse("deployment_date", "Enter a date as YYYY-MM-DD."),
            },
        };
        let Ok(els_days) = els.get_untracked().trim().parse::<u32>() else {
            return refuse("els_days", "Enter a whole number of days (0–365).");
        };
        let draft = ReleaseDraft {
            name: name.get_untracked(),
            version: version.get_untracked(),
            services: chosen.get_untracked(),
            deployment_date,
            els_days,
        };
        match draft.validate() {
            Err(e) => errors.set(Some(e)),
            Ok(()) => {
                errors.set(None);
                on_submit.run(draft);
            }
        }
    };
    let services_view = services
        .into_iter()
        .map(|s| {
            let (id, checked_id) = (s.id.clone(), s.id.clone());
            view! {
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || chosen.read().contains(&checked_id)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|l| {
                                l.retain(|x| x != &id);
                                if on {
                                    l.push(id.clone());
                                }
                            });
                        }/>
                    " " {s.name}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="record-form" aria-label="Release" on:submit=submit novalidate>
            <div class="field">
                <label for="rel-name">"Name"</label>
                <input id="rel-name" type="text" required aria-invalid=invalid("name")
                    aria-describedby="rel-name-error" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError id="rel-name-error" message=err("name")/>
            </div>
            <div class="field">
                <label for="rel-version">"Version"</label>
                <input id="rel-version" type="text" required aria-invalid=invalid("version")
                    aria-describedby="rel-version-error" prop:value=move || version.get()
                    on:input=move |ev| version.set(event_target_value(&ev))/>
                <FieldError id="rel-version-error" message=err("version")/>
            </div>
            <fieldset class="field">
                <legend>"Services it changes"</legend>
                {services_view}
            </fieldset>
            <div class="field">
                <label for="rel-date">{if date_locked { "Deployed on" } else { "Planned deployment date" }}</label>
                <input id="rel-date" type="date" aria-invalid=invalid("deployment_date") readonly=date_locked
                    aria-describedby="rel-date-error" prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))/>
                <FieldError id="rel-date-error" message=err("deployment_date")/>
            </div>
            <div class="field">
                <label for="rel-els">"Early life support (days)"</label>
                <input id="rel-els" type="number" min="0" max="365" aria-invalid=invalid("els_days")
                    aria-describedby="rel-els-error" prop:value=move || els.get()
                    on:input=move |ev| els.set(event_target_value(&ev))/>
                <FieldError id="rel-els-error" message=err("els_days")/>
            </div>
            <RefusalLine form=form/>
            <button type="submit" class="button primary" disabled=move || busy.get()>{submit_label}</button>
        </form>
    }
}
