//! The labelled select of one record (a service, a release, a problem…) from a list,
//! with a first choice for none.

use leptos::prelude::*;

use super::field::{Field, Wire};
use super::state::FormState;
use crate::domain::config::Service;
use crate::ops::records::Choice;

/// A service is offered by its name.
impl From<Service> for Choice {
    fn from(service: Service) -> Choice {
        Choice {
            id: service.id,
            name: service.name,
        }
    }
}

/// A labelled `<select>` of `options` (by id, showing their names) after a choice with
/// the empty value, bound to `value` (the chosen id, empty for none).
#[component]
pub fn RecordPicker<C: Into<Choice> + 'static>(
    /// The form whose messages the field shows.
    form: FormState,
    /// The select's id.
    id: &'static str,
    /// The label's text.
    label: &'static str,
    /// The chosen record's id, empty for none.
    value: RwSignal<String>,
    /// The records to choose from, in the order shown.
    options: Vec<C>,
    /// The text of the empty choice.
    #[prop(default = "— none —")]
    none: &'static str,
    /// The name of the field in the form's messages, when it can have one.
    #[prop(optional)]
    field: Option<&'static str>,
) -> impl IntoView {
    view! {
        <Field form id label field let(wire: Wire)>
            <select id=wire.id aria-invalid=wire.invalid() aria-describedby=wire.described_by()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{none}</option>
                {options
                    .into_iter()
                    .map(|c| {
                        let c: Choice = c.into();
                        view! { <option value=c.id>{c.name}</option> }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}
