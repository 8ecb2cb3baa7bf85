//! The SLA targets section: response and resolution targets per priority as number +
//! unit, "no resolution target" for planned work, messages at the fields, save and
//! restore the defaults (after a confirmation).

use leptos::html;
use leptos::prelude::*;

use super::duration_field::DurationField;
use crate::components::form::state::{FormState, RefusalLine};
use crate::components::priority_badge::PriorityBadge;
use crate::domain::config::priority::Priority;
use crate::domain::config::settings_form::{sla_form, sla_policy, SlaForm, SlaRow};
use crate::domain::config::{SlaPolicy, SLA_FIELDS};
use crate::domain::couch::revision::Rev;
use crate::domain::kernel::duration_input::{DurationInput, DurationUnit};
use crate::ops::settings::save_sla;

/// The form signals of one priority's row.
#[derive(Clone, Copy)]
struct RowSignals {
    response: (RwSignal<String>, RwSignal<DurationUnit>),
    resolution: (RwSignal<String>, RwSignal<DurationUnit>),
    planned: RwSignal<bool>,
}

impl RowSignals {
    fn new(row: &SlaRow) -> RowSignals {
        RowSignals {
            response: (
                RwSignal::new(row.response.amount.clone()),
                RwSignal::new(row.response.unit),
            ),
            resolution: (
                RwSignal::new(row.resolution.amount.clone()),
                RwSignal::new(row.resolution.unit),
            ),
            planned: RwSignal::new(row.planned),
        }
    }

    fn read(&self) -> SlaRow {
        let input = |(amount, unit): (RwSignal<String>, RwSignal<DurationUnit>)| DurationInput {
            amount: amount.get_untracked(),
            unit: unit.get_untracked(),
        };
        SlaRow {
            response: input(self.response),
            resolution: input(self.resolution),
            planned: self.planned.get_untracked(),
        }
    }

    fn show(&self, row: &SlaRow) {
        self.response.0.set(row.response.amount.clone());
        self.response.1.set(row.response.unit);
        self.resolution.0.set(row.resolution.amount.clone());
        self.resolution.1.set(row.resolution.unit);
        self.planned.set(row.planned);
    }
}

/// Editing the SLA targets per priority.
#[component]
pub fn SlaSection(
    /// The stored targets the form starts from.
    initial: SlaPolicy,
    /// The revision of the settings the form shows, shared with the matrix section:
    /// a save is made on it (refused when the settings changed elsewhere since) and
    /// moves it on.
    rev: RwSignal<Option<Rev>>,
) -> impl IntoView {
    let start = sla_form(&initial);
    let rows: [RowSignals; 5] = std::array::from_fn(|k| RowSignals::new(&start[k]));
    let form = FormState::new("sla");
    let errors = form.errors;
    let confirming = RwSignal::new(false);
    let restore_ref = NodeRef::<html::Button>::new();
    let confirm_ref = NodeRef::<html::Button>::new();

    let show = move |policy: &SlaPolicy| {
        let form = sla_form(policy);
        for (signals, row) in rows.iter().zip(&form) {
            signals.show(row);
        }
    };
    let store_policy = move |policy: SlaPolicy, done: &'static str| {
        let parent = rev.get_untracked();
        form.run(
            done,
            move |store| async move { save_sla(&*store, policy, parent).await },
            move |(saved, new_rev)| {
                show(&saved.sla);
                rev.set(Some(new_rev));
            },
        );
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed: SlaForm = std::array::from_fn(|k| rows[k].read());
        match sla_policy(&typed) {
            Ok(policy) => store_policy(policy, "SLA targets saved."),
            Err(e) => errors.set(Some(e)),
        }
    };
    let ask = move |_| {
        confirming.set(true);
        request_animation_frame(move || {
            if let Some(b) = confirm_ref.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    let cancel = move |_| {
        confirming.set(false);
        if let Some(b) = restore_ref.get_untracked() {
            let _ = b.focus();
        }
    };
    let restore = move |_| {
        confirming.set(false);
        store_policy(SlaPolicy::default(), "Default SLA targets restored.");
    };
    let summary = move || {
        errors
            .with(|e| e.as_ref().is_some_and(|e| !e.is_empty()))
            .then_some("Please correct the highlighted targets; nothing was saved.")
    };

    view! {
        <section class="settings-section" aria-labelledby="sla-heading">
            <h2 id="sla-heading">"SLA targets"</h2>
            <p class="hint">
                "Response and resolution targets per priority, counted while an incident is open and not on hold. New incidents and SLA states use them at once."
            </p>
            <form class="form settings-form" on:submit=submit novalidate>
                <table class="grid settings-grid">
                    <caption class="visually-hidden">"SLA targets per priority"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Priority"</th>
                            <th scope="col">"Response target"</th>
                            <th scope="col">"Resolution target"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Priority::ALL
                            .into_iter()
                            .zip(rows)
                            .zip(SLA_FIELDS)
                            .map(|((p, row), fields)| sla_row(p, row, fields, form))
                            .collect_view()}
                    </tbody>
                </table>
                <p class="field-error" role="alert">{summary}</p>
                <RefusalLine form=form/>
                <div class="form-actions">
                    <button class="button button-primary" type="submit" disabled=move || form.busy.get()>
                        "Save SLA targets"
                    </button>
                    " "
                    <button class="button" type="button" node_ref=restore_ref on:click=ask disabled=move || form.busy.get()>
                        "Restore defaults"
                    </button>
                </div>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="group" aria-labelledby="sla-confirm-text">
                        <p id="sla-confirm-text">
                            "Restore the default SLA targets (P1 15 min / 4 h … P5 planned) for every priority? Your targets are replaced."
                        </p>
                        <button class="button button-primary" type="button" node_ref=confirm_ref on:click=restore>
                            "Yes, restore defaults"
                        </button>
                        " "
                        <button class="button" type="button" on:click=cancel>"Cancel"</button>
                    </div>
                </Show>
            </form>
        </section>
    }
}

/// One priority's row: response target, resolution target or "no target".
fn sla_row(
    priority: Priority,
    row: RowSignals,
    (response_field, resolution_field): (&'static str, &'static str),
    form: FormState,
) -> impl IntoView {
    let p = priority.short();
    let err = move |field: &'static str| form.error(field);
    let planned_id = format!("sla-{}-planned", p.to_lowercase());
    view! {
        <tr>
            <th scope="row"><PriorityBadge priority=priority/></th>
            <td>
                <DurationField
                    id=format!("sla-{}-response", p.to_lowercase())
                    label=format!("{p} response target")
                    unit_label=format!("{p} response unit")
                    amount=row.response.0
                    unit=row.response.1
                    error=err(response_field)
                />
            </td>
            <td>
                <DurationField
                    id=format!("sla-{}-resolution", p.to_lowercase())
                    label=format!("{p} resolution target")
                    unit_label=format!("{p} resolution unit")
                    amount=row.resolution.0
                    unit=row.resolution.1
                    disabled=row.planned
                    error=err(resolution_field)
                />
                <div class="check">
                    <input
                        id=planned_id.clone()
                        type="checkbox"
                        prop:checked=move || row.planned.get()
                        on:change=move |ev| row.planned.set(event_target_checked(&ev))
                    />
                    <label for=planned_id>
                        <span class="visually-hidden">{format!("{p}: ")}</span>
                        "No resolution target (planned)"
                    </label>
                </div>
            </td>
        </tr>
    }
}
