//! The import preview: the first valid rows as they would be imported, and every row
//! that will be skipped with its row number and reason.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::config::priority::PriorityMatrix;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::transfer::csv::import::rows::{Checked, Names};

/// Valid rows shown in the preview.
const PREVIEW_ROWS: usize = 10;
/// Skipped rows listed; the rest are counted.
const LISTED_ERRORS: usize = 200;

fn name_in(list: &[(String, String)], id: Option<&str>) -> String {
    id.and_then(|id| list.iter().find(|(i, _)| i == id))
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

/// The preview table and the list of rows with errors.
#[component]
pub fn Preview(
    /// The checked rows.
    checked: Arc<Checked>,
    /// Names for ids.
    names: Arc<Names>,
    /// The desk's priority matrix.
    matrix: PriorityMatrix,
) -> impl IntoView {
    let people: Vec<(String, String)> = names
        .people
        .iter()
        .map(|(id, n, _)| (id.clone(), n.clone()))
        .collect();
    let rows = checked
        .valid
        .iter()
        .take(PREVIEW_ROWS)
        .map(|p| {
            let d = &p.draft;
            view! {
                <tr>
                    <td class="num">{p.line}</td>
                    <td>{d.title.clone()}</td>
                    <td>{matrix.explain(d.impact, d.urgency)}</td>
                    <td>{p.status.label()}</td>
                    <td>{name_in(&names.services, d.service.as_deref())}</td>
                    <td>{name_in(&names.groups, p.group.as_deref())}</td>
                    <td>{name_in(&people, p.assignee.as_deref())}</td>
                    <td>{d.reporter_name.clone()}</td>
                    <td>{d.environment.label()}</td>
                    <td>{p.created.map(|t| t.iso()).unwrap_or_else(|| "now".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let preview = (!checked.valid.is_empty()).then(|| {
        view! {
            <table class="grid import-preview">
                <caption>{format!("Preview: the first {} of {} incidents as they will be imported", checked.valid.len().min(PREVIEW_ROWS), checked.valid.len())}</caption>
                <thead><tr>
                    <th scope="col">"Row"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Assignment group"</th>
                    <th scope="col">"Assignee"</th>
                    <th scope="col">"Reported by"</th>
                    <th scope="col">"Environment"</th>
                    <th scope="col">"Created"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let more = checked.invalid.len().saturating_sub(LISTED_ERRORS);
    let errors = (!checked.invalid.is_empty()).then(|| {
        let items = checked
            .invalid
            .iter()
            .take(LISTED_ERRORS)
            .map(|i| view! { <li>{i.message()}</li> })
            .collect_view();
        view! {
            <section class="import-errors" aria-labelledby="import-errors-title">
                <h2 id="import-errors-title">{format!("Rows with errors ({}): skipped", checked.invalid.len())}</h2>
                <p class="hint">"Rows are numbered as lines of the file; the header is row 1."</p>
                <ul>{items}</ul>
                {(more > 0).then(|| view! { <p>{format!("…and {more} more rows with errors.")}</p> })}
            </section>
        }
    });
    view! { {preview} {errors} }
}
