//! What the problem page links to: its incidents (with a form to link one more by
//! reference) and the known errors recorded for it (with the way to create one).

use leptos::prelude::*;

use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::KnownError;
use crate::ops::directory::Directory;
use crate::ops::problem;
use crate::pages::desk::problem::ProblemAct;
use crate::routes::AppRoute;

/// `text`, or a dash when it is blank.
fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

/// The linked incidents as a table, each reference a link to the incident.
#[component]
pub fn LinkedIncidents(
    /// Incidents to list.
    incidents: Vec<Incident>,
    /// Names of services.
    names: Directory,
) -> impl IntoView {
    let count = incidents.len();
    view! {
        <table class="grid">
            <caption class="visually-hidden">{format!("{count} linked incidents")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Updated"</th>
                </tr>
            </thead>
            <tbody>
                {incidents
                    .into_iter()
                    .map(|i| {
                        let reference = i.reference.as_str().to_owned();
                        let href = AppRoute::Incident(reference.clone()).href();
                        let service = or_dash(names.name_opt(i.service.as_deref()));
                        view! {
                            <tr>
                                <td><a href=href>{reference}</a></td>
                                <td>{i.title.clone()}</td>
                                <td><PriorityBadge priority=i.priority/></td>
                                <td><StatusBadge label=i.status.label()/></td>
                                <td>{service}</td>
                                <td><time datetime=i.updated.iso()>{i.updated.display()}</time></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Links one more incident by reference: the problem's list and the incident's link are
/// written together; an incident linked to another problem is refused at the field.
#[component]
pub fn LinkIncidentForm(
    /// The page's action runner.
    act: ProblemAct,
) -> impl IntoView {
    let form = FormState::new("incident");
    let typed = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = typed.get_untracked().trim().to_uppercase();
        if wanted.is_empty() {
            form.refuse(
                "incident",
                "Enter the reference of the incident to link (INC-…).",
            );
            return;
        }
        let done = format!("Linked {wanted}.");
        act.run(form, done, move |store, r, _seen, by| async move {
            problem::link_incident(&*store, &r, &wanted, &by).await
        });
    };
    view! {
        <form class="side-form link-incident" aria-labelledby="prb-link-heading" on:submit=submit novalidate>
            <h3 id="prb-link-heading">"Link an incident"</h3>
            <div class="field">
                <label for="prb-link-incident">"Incident reference"</label>
                <input id="prb-link-incident" type="text" placeholder="INC-…" autocomplete="off"
                    aria-invalid=form.invalid("incident")
                    aria-describedby="prb-link-hint prb-link-error"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                <p class="hint" id="prb-link-hint">
                    "The incident is pointed at this problem as well. One linked to another problem is refused."
                </p>
                <FieldError id="prb-link-error" message=form.error("incident")/>
            </div>
            <button type="submit" class="button" disabled=move || form.busy.get()>"Link incident"</button>
        </form>
    }
}

/// The known errors recorded for this problem, and the way to create one from it.
#[component]
pub fn KnownErrorsSection(
    /// The problem's reference (`PRB-…`).
    reference: String,
    /// Known errors whose `problem` is this problem.
    known_errors: Vec<KnownError>,
) -> impl IntoView {
    let create = format!("{}?from={reference}", AppRoute::NewKnownError.href());
    let body = if known_errors.is_empty() {
        view! { <p class="empty">"No known error is recorded for this problem yet."</p> }.into_any()
    } else {
        let count = known_errors.len();
        view! {
            <table class="grid">
                <caption class="visually-hidden">{format!("{count} known errors")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Reference"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {known_errors.into_iter().map(|k| {
                        let r = k.reference.as_str().to_owned();
                        let href = AppRoute::KnownError(r.clone()).href();
                        view! {
                            <tr>
                                <td><a href=href>{r}</a></td>
                                <td>{k.title.clone()}</td>
                                <td><StatusBadge label=k.status.label()/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="prb-kes-heading">
            <h2 id="prb-kes-heading">"Known errors"</h2>
            {body}
            <p><a class="button" href=create>"Create a known error from this problem"</a></p>
        </section>
    }
}
