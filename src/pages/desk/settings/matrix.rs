//! The priority matrix section: the 3 × 3 impact × urgency grid, each cell a labelled
//! select of P1–P5, saved as one change to the desk settings.

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::priority::{Impact, Priority, PriorityMatrix, Urgency};
use crate::domain::couch::revision::Rev;
use crate::ops::settings::save_matrix;

/// Editing impact × urgency → priority.
#[component]
pub fn MatrixSection(
    /// The stored matrix the grid starts from.
    initial: PriorityMatrix,
    /// The revision of the settings the grid shows, shared with the SLA section: a
    /// save is made on it (refused when the settings changed elsewhere since) and
    /// moves it on.
    rev: RwSignal<Option<Rev>>,
) -> impl IntoView {
    let matrix = RwSignal::new(initial);
    let form = FormState::new("matrix");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (m, parent) = (matrix.get_untracked(), rev.get_untracked());
        form.run(
            "Priority matrix saved.",
            move |store| async move { save_matrix(&*store, m, parent).await },
            move |(saved, new_rev)| {
                matrix.set(saved.matrix);
                rev.set(Some(new_rev));
            },
        );
    };
    let reset = move |_| matrix.set(PriorityMatrix::default());

    view! {
        <section class="settings-section" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Priority matrix"</h2>
            <p class="hint">
                "The priority an incident gets from its impact (rows) and urgency (columns). New and edited incidents use it at once; stored incidents keep their priority until their impact or urgency changes."
            </p>
            <form class="form settings-form" on:submit=submit novalidate>
                <table class="grid matrix-grid">
                    <caption class="visually-hidden">"Priority for each impact and urgency"</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {Urgency::ALL
                                .into_iter()
                                .map(|u| view! { <th scope="col">{format!("Urgency {}", u.label())}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {Impact::ALL
                            .into_iter()
                            .map(|i| view! {
                                <tr>
                                    <th scope="row">{format!("Impact {}", i.label())}</th>
                                    {Urgency::ALL
                                        .into_iter()
                                        .map(|u| view! { <td>{cell(matrix, i, u)}</td> })
                                        .collect_view()}
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <RefusalLine form=form/>
                <div class="form-actions">
                    <button class="button button-primary" type="submit" disabled=move || form.busy.get()>
                        "Save priority matrix"
                    </button>
                    " "
                    <button class="button" type="button" on:click=reset>
                        "Fill in the default matrix"
                    </button>
                </div>
            </form>
        </section>
    }
}

/// One cell: a select of P1–P5 labelled with its impact and urgency.
fn cell(matrix: RwSignal<PriorityMatrix>, impact: Impact, urgency: Urgency) -> impl IntoView {
    let current = move || matrix.with(|m| m.priority(impact, urgency));
    let label = format!(
        "Priority for impact {}, urgency {}",
        impact.label(),
        urgency.label()
    );
    let class = move || format!("matrix-cell badge-{}", current().short().to_lowercase());
    view! {
        <select
            class=class
            aria-label=label
            prop:value=move || current().number().to_string()
            on:change=move |ev| {
                let chosen = event_target_value(&ev)
                    .parse::<u8>()
                    .ok()
                    .and_then(|n| Priority::try_from(n).ok());
                if let Some(p) = chosen {
                    matrix.update(|m| m.set(impact, urgency, p));
                }
            }
        >
            {Priority::ALL
                .into_iter()
                .map(|p| view! {
                    <option value=p.number().to_string() selected=move || current() == p>
                        {p.label()}
                    </option>
                })
                .collect_view()}
        </select>
    }
}
