//! The release form (new and edit): name, version, services, deployment date and the
//! early-life-support window. Errors show next to their field; nothing is saved while
//! one is shown.

use leptos::prelude::*;

use crate::components::form::field::{Field, Wire};
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::Service;
use crate::domain::kernel::time::Timestamp;
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
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date.get_untracked();
        let deployment_date = match text.trim() {
            // Unchanged (or locked): keep the stored instant, not midnight of its day.
            t if date_locked || t == initial_text => initial_date,
            "" => None,
            text => match Timestamp::parse_date(text) {
                Some(t) => Some(t),
                None => return form.refuse("deployment_date", "Enter a date as YYYY-MM-DD."),
            },
        };
        let Ok(els_days) = els.get_untracked().trim().parse::<u32>() else {
            return form.refuse("els_days", "Enter a whole number of days (0–365).");
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
    let date_label = if date_locked {
        "Deployed on"
    } else {
        "Planned deployment date"
    };
    view! {
        <form class="record-form" aria-label="Release" on:submit=submit novalidate>
            <Field form id="rel-name" label="Name" field="name" text=name required=true/>
            <Field form id="rel-version" label="Version" field="version" text=version required=true/>
            <fieldset class="field">
                <legend>"Services it changes"</legend>
                {services_view}
            </fieldset>
            <Field form id="rel-date" label=date_label field="deployment_date" let(wire: Wire)>
                <input id=wire.id type="date" readonly=date_locked
                    aria-invalid=wire.invalid() aria-describedby=wire.described_by()
                    prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
            </Field>
            <Field form id="rel-els" label="Early life support (days)" field="els_days" let(wire: Wire)>
                <input id=wire.id type="number" min="0" max="365"
                    aria-invalid=wire.invalid() aria-describedby=wire.described_by()
                    prop:value=move || els.get() on:input=move |ev| els.set(event_target_value(&ev))/>
            </Field>
            <div class="form-actions">
                <RefusalLine form=form/>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { submit_label }}
                </button>
            </div>
        </form>
    }
}
