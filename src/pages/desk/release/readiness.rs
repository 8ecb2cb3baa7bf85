//! The readiness panel: the known errors the release carries forward into production,
//! the article that documents each (and what to do when none is published), and
//! carrying another known error forward while the release is not yet deployed.

use leptos::prelude::*;

use crate::components::form::state::FormState;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::release::ReleaseStatus;
use crate::ops::release;
use crate::pages::desk::release::ReleaseCtx;
use crate::routes::AppRoute;
use crate::state::identity::Identity;

/// The panel.
#[component]
pub fn ReadinessPanel(ctx: ReleaseCtx) -> impl IntoView {
    let who = Identity::expect();
    let release = ctx.release.clone();
    let carried = ctx.facts.readiness(&release);
    let missing = carried.iter().filter(|c| !c.documented()).count();
    let open_for_carrying = matches!(
        release.status,
        ReleaseStatus::Planned | ReleaseStatus::InTesting
    );
    let form = FormState::new("carry");
    let stop = {
        let (reference, rev) = (release.reference.as_str().to_owned(), ctx.rev.clone());
        move |id: String| {
            let (reference, rev, by) = (reference.clone(), rev.clone(), who.author());
            form.run(
                "No longer carried forward.",
                move |store| async move {
                    release::stop_carrying(&*store, &reference, &rev, &id, &by).await
                },
                |_| {},
            );
        }
    };
    let rows = carried
        .iter()
        .map(|c| {
            let ke = c.known_error;
            let stop_button = open_for_carrying.then(|| {
                let (stop, id) = (stop.clone(), ke.id.clone());
                let label = format!("Stop carrying {} forward", ke.reference);
                view! {
                    <button type="button" class="button small" aria-label=label
                        disabled=move || form.busy.get() on:click=move |_| stop(id.clone())>"Stop carrying"</button>
                }
            });
            let ke_ref = ke.reference.as_str().to_owned();
            let ke_href = AppRoute::KnownError(ke_ref.clone()).href();
            let article = match (c.published, c.unpublished) {
                (Some(a), _) => {
                    let href = AppRoute::Article(a.reference.as_str().to_owned()).href();
                    view! { <a href=href>{a.reference.as_str().to_owned()}</a> " " <span class="ok">"Published"</span> }.into_any()
                }
                (None, Some(a)) => {
                    let r = a.reference.as_str().to_owned();
                    let href = AppRoute::Article(r.clone()).href();
                    let label = format!("Publish {r}");
                    view! {
                        <span class="missing">{format!("{} — not published", a.status_label())}</span>
                        " " <a href=href aria-label=label>"Review and publish"</a>
                    }.into_any()
                }
                (None, None) => {
                    let href = format!("{}?from={ke_ref}", AppRoute::NewArticle.href());
                    let label = format!("Write the article for {ke_ref}");
                    view! { <span class="missing">"No article"</span> " " <a href=href aria-label=label>"Write the article"</a> }.into_any()
                }
            };
            view! {
                <tr>
                    <td><a href=ke_href>{ke_ref}</a></td>
                    <td>{ke.title.clone()}</td>
                    <td>{ke.status.label()}</td>
                    <td>{article}</td>
                    <td>{stop_button}</td>
                </tr>
            }
        })
        .collect_view();
    let candidates: Vec<(String, String)> = ctx
        .facts
        .known_errors
        .iter()
        .filter(|k| k.is_open() && !carried.iter().any(|c| c.known_error.id == k.id))
        .map(|k| (k.id.clone(), format!("{} {}", k.reference, k.title)))
        .collect();
    let chosen = RwSignal::new(String::new());
    let (reference, rev) = (release.reference.as_str().to_owned(), ctx.rev.clone());
    let carry = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = chosen.get_untracked();
        if id.is_empty() {
            form.refuse_action("Choose the known error to carry forward.");
            return;
        }
        let (reference, rev, by) = (reference.clone(), rev.clone(), who.author());
        form.run(
            "Known error carried forward.",
            move |store| async move {
                release::carry_forward(&*store, &reference, &rev, &id, &by).await
            },
            |_| {},
        );
    };
    let summary = match (carried.len(), missing, open_for_carrying) {
        (0, _, _) => "This release carries no known error into production.".to_owned(),
        (n, 0, true) => {
            format!("All {n} carried known error(s) have a published article: ready to deploy.")
        }
        (n, 0, false) => format!("All {n} carried known error(s) have a published article."),
        (n, m, true) => format!(
            "{m} of {n} carried known error(s) lack a published article: deployment is blocked."
        ),
        (n, m, false) => format!("{m} of {n} carried known error(s) lack a published article."),
    };
    let has_rows = !carried.is_empty();
    view! {
        <section aria-labelledby="rel-readiness">
            <h2 id="rel-readiness">"Known errors carried forward"</h2>
            <p class={if missing > 0 { "gate-summary blocked" } else { "gate-summary" }}>{summary}</p>
            {has_rows.then(|| view! {
                <table class="grid">
                    <caption class="visually-hidden">"Carried known errors and their articles"</caption>
                    <thead><tr>
                        <th scope="col">"Known error"</th><th scope="col">"Title"</th>
                        <th scope="col">"Status"</th><th scope="col">"Knowledge article"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
            {(open_for_carrying && !candidates.is_empty()).then(|| view! {
                <form class="inline-form" aria-label="Carry a known error forward" on:submit=carry>
                    <div class="field">
                        <label for="rel-carry">"Known error going into production unfixed"</label>
                        <select id="rel-carry" on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">"— choose —"</option>
                            {candidates.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button" disabled=move || form.busy.get()>"Carry forward"</button>
                </form>
            })}
            {move || form.error("carry").get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
    }
}
