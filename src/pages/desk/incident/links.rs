//! The incident's links to a problem, a known error and knowledge articles: what is
//! linked (with references and titles) and a picker that searches by reference and
//! title.

use leptos::prelude::*;

use super::act::Act;
use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::domain::incident::{Incident, IncidentStatus, LinkKind};
use crate::ops::incident::actions;
use crate::pages::desk::incident::load::Linkable;
use crate::routes::AppRoute;

/// The linkable record a person meant by `typed` among `candidates` of one kind: the
/// exact picker label, else a reference (the first word, any case), else the only
/// record whose reference or title contains the text.
pub fn resolve_pick<'a>(typed: &str, candidates: &[&'a Linkable]) -> Result<&'a Linkable, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("Type a reference or part of a title, then pick a record.".into());
    }
    if let Some(l) = candidates.iter().find(|l| l.label() == typed) {
        return Ok(l);
    }
    let first = typed.split_whitespace().next().unwrap_or(typed);
    if let Some(l) = candidates
        .iter()
        .find(|l| l.reference.eq_ignore_ascii_case(first))
    {
        return Ok(l);
    }
    let needle = typed.to_lowercase();
    let hits: Vec<&&Linkable> = candidates
        .iter()
        .filter(|l| {
            l.title.to_lowercase().contains(&needle) || l.reference.to_lowercase().contains(&needle)
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("Nothing matches “{typed}”.")),
        many => Err(format!(
            "{} records match “{typed}”: pick one from the list.",
            many.len()
        )),
    }
}

/// Linked records and the link picker.
#[component]
pub fn LinksPanel(
    /// The incident (its links).
    incident: Incident,
    /// Every problem, known error and article.
    linkables: Vec<Linkable>,
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    let find = |id: &str| linkables.iter().find(|l| l.id == id).cloned();
    let mut linked: Vec<(LinkKind, String, Option<Linkable>)> = Vec::new();
    for kind in LinkKind::ALL {
        for id in incident.links(kind) {
            linked.push((kind, id.clone(), find(&id)));
        }
    }
    let write_up = matches!(
        incident.status,
        IncidentStatus::Resolved | IncidentStatus::Closed
    )
    .then(|| {
        let href = format!(
            "{}?from={}",
            AppRoute::NewArticle.href(),
            incident.reference.as_str()
        );
        view! { <p><a class="button" href=href>"Write a knowledge article from this incident"</a></p> }
    });
    let form = FormState::new("target");
    let kind = RwSignal::new(LinkKind::Problem);
    let typed = RwSignal::new(String::new());
    let all = StoredValue::new(linkables);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = kind.get_untracked();
        let picked = all.with_value(|all| {
            let of_kind: Vec<&Linkable> = all.iter().filter(|l| l.kind == k).collect();
            resolve_pick(&typed.get_untracked(), &of_kind)
                .map(|l| (l.id.clone(), l.reference.clone()))
        });
        match picked {
            Err(message) => form.refuse("target", &message),
            Ok((id, reference)) => act.run(
                form,
                format!("Linked {reference}."),
                move |store, r, by| async move { actions::link(&*store, &r, &by, k, &id).await },
            ),
        }
    };
    let kind_index = move || {
        LinkKind::ALL
            .iter()
            .position(|k| *k == kind.get())
            .unwrap_or(0)
            .to_string()
    };
    let on_kind = move |ev: leptos::ev::Event| {
        let k = event_target_value(&ev)
            .parse::<usize>()
            .ok()
            .and_then(|k| LinkKind::ALL.get(k).copied());
        kind.set(k.unwrap_or(LinkKind::Problem));
        typed.set(String::new());
        form.errors.set(None);
    };
    let options = move || {
        let k = kind.get();
        all.with_value(|all| {
            all.iter()
                .filter(|l| l.kind == k)
                .map(|l| view! { <option value=l.label()>{format!("{} ({})", l.kind.label(), l.status)}</option> })
                .collect_view()
        })
    };
    view! {
        <section class="side-form" aria-labelledby="links-heading">
            <h3 id="links-heading">"Linked records"</h3>
            {if linked.is_empty() {
                view! { <p class="muted">"No problem, known error or article linked yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="linked">
                        {linked.into_iter().map(|(kind, id, found)| view! {
                            <li><span class="link-kind">{kind.label()}</span> " " {linked_record(kind, &id, found)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {write_up}
            <form aria-labelledby="link-form-heading" on:submit=submit novalidate>
                <h4 id="link-form-heading">"Link a record"</h4>
                <div class="field">
                    <label for="link-kind">"Link type"</label>
                    <select id="link-kind" prop:value=kind_index on:change=on_kind>
                        {LinkKind::ALL.iter().enumerate().map(|(k, l)| view! {
                            <option value=k.to_string()>{l.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="link-target">"Record to link"</label>
                    <input id="link-target" type="text" list="link-options" autocomplete="off"
                        placeholder="Reference or title" aria-invalid=form.invalid("target")
                        aria-describedby="link-target-error"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                    <datalist id="link-options">{options}</datalist>
                    <FieldError id="link-target-error" message=form.error("target")/>
                </div>
                <button type="submit" class="button" disabled=move || form.busy.get()>"Link"</button>
            </form>
        </section>
    }
}

/// A linked record: reference and title, a link where the record has a page.
fn linked_record(kind: LinkKind, id: &str, found: Option<Linkable>) -> AnyView {
    match found {
        Some(l) if kind == LinkKind::Problem => {
            let href = AppRoute::Problem(l.reference.clone()).href();
            view! { <a href=href>{l.reference.clone()}</a> " " <span>{l.title.clone()}</span> }
                .into_any()
        }
        Some(l) if kind == LinkKind::Article => {
            let href = AppRoute::Article(l.reference.clone()).href();
            view! { <a href=href>{l.reference.clone()}</a> " " <span>{l.title.clone()}</span> }
                .into_any()
        }
        Some(l) => {
            let write = format!("{}?from={}", AppRoute::NewArticle.href(), l.reference);
            let label = format!("Write an article from {}", l.reference);
            view! {
                <span class="reference-inline">{l.reference.clone()}</span> " " <span>{l.title.clone()}</span>
                " " <a class="small" href=write aria-label=label>"Write an article"</a>
            }
            .into_any()
        }
        None => {
            view! { <span class="muted">{format!("{id} (not on this device)")}</span> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(reference: &str, title: &str) -> Linkable {
        Linkable {
            kind: LinkKind::Problem,
            id: format!("problem:{reference}"),
            reference: reference.into(),
            title: title.into(),
            status: "New",
        }
    }

    #[test]
    fn picks_by_label_reference_or_unique_title() {
        let a = item("PRB-DEM00-0001", "Payslip PDF blank");
        let b = item("PRB-DEM00-0002", "Session cookie lost");
        let all = [&a, &b];
        let id = |typed: &str| resolve_pick(typed, &all).map(|l| l.id.clone());
        assert_eq!(id("PRB-DEM00-0002 · Session cookie lost"), Ok(b.id.clone()));
        assert_eq!(id("prb-dem00-0001"), Ok(a.id.clone()));
        assert_eq!(id("cookie"), Ok(b.id.clone()));
        assert!(id("PRB-DEM00").is_err_and(|e| e.contains("2 records match")));
        assert!(id("printer").is_err_and(|e| e.contains("Nothing matches")));
        assert!(id("  ").is_err());
    }
}
