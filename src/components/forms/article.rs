//! The knowledge article form (new and edit): title, summary, Markdown body with a
//! live preview, audience, tags, services, linked known errors and review date.
//! Errors show next to their field; nothing is saved while one is shown.

use leptos::prelude::*;

use crate::components::form::field::{Field, Wire};
use crate::components::form::state::{FormState, RefusalLine};
use crate::components::markdown_view::MarkdownView;
use crate::domain::config::Service;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::{ArticleDraft, Audience};
use crate::ops::records::Choice;

/// Comma-separated tags as a list (blank ones dropped).
fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A checkbox list of ids: toggles `id` in `chosen`.
fn toggle(chosen: RwSignal<Vec<String>>, id: &str, on: bool) {
    chosen.update(|list| {
        list.retain(|x| x != id);
        if on {
            list.push(id.to_owned());
        }
    });
}

/// The article form. `on_submit` gets a draft that passed validation.
#[component]
pub fn ArticleForm(
    /// Values to start from.
    initial: ArticleDraft,
    /// Services to choose from.
    services: Vec<Service>,
    /// Known errors to choose from.
    known_errors: Vec<Choice>,
    /// The submit button's text.
    submit_label: &'static str,
    /// The form's state: field messages, busy while saving, refusals.
    form: FormState,
    /// Called with a valid draft.
    on_submit: Callback<ArticleDraft>,
) -> impl IntoView {
    let (errors, busy) = (form.errors, form.busy);
    let title = RwSignal::new(initial.title);
    let summary = RwSignal::new(initial.summary);
    let body = RwSignal::new(initial.body);
    let audience = RwSignal::new(initial.audience);
    let tags = RwSignal::new(initial.tags.join(", "));
    let chosen_services = RwSignal::new(initial.services);
    let chosen_kes = RwSignal::new(initial.known_errors);
    let due = RwSignal::new(initial.review_due.map(|t| t.date()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due_text = due.get_untracked();
        let review_due = match due_text.trim() {
            "" => None,
            text => match Timestamp::parse_date(text) {
                Some(t) => Some(t),
                None => return form.refuse("review_due", "Enter a date as YYYY-MM-DD."),
            },
        };
        let draft = ArticleDraft {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            body: body.get_untracked(),
            audience: audience.get_untracked(),
            tags: split_tags(&tags.get_untracked()),
            services: chosen_services.get_untracked(),
            known_errors: chosen_kes.get_untracked(),
            review_due,
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
            let id = s.id.clone();
            let checked_id = s.id.clone();
            view! {
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || chosen_services.read().contains(&checked_id)
                        on:change=move |ev| toggle(chosen_services, &id, event_target_checked(&ev))/>
                    " " {s.name}
                </label>
            }
        })
        .collect_view();
    let kes_empty = known_errors.is_empty();
    let kes_view = known_errors
        .into_iter()
        .map(|k| {
            let id = k.id.clone();
            let checked_id = k.id.clone();
            view! {
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || chosen_kes.read().contains(&checked_id)
                        on:change=move |ev| toggle(chosen_kes, &id, event_target_checked(&ev))/>
                    " " {k.name}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="article-form" on:submit=submit novalidate>
            <Field form id="kb-title" label="Title" field="title" text=title required=true maxlength=200/>
            <Field form id="kb-summary" label="Summary" field="summary" text=summary maxlength=500/>
            <div class="editor">
                <Field form id="kb-body" label="Body (Markdown)" field="body" textarea=body rows=18 required=true/>
                <section class="preview" aria-labelledby="kb-preview-heading">
                    <h2 id="kb-preview-heading" class="label">"Preview"</h2>
                    <MarkdownView source=body id="kb-preview"/>
                </section>
            </div>
            <div class="field-row">
                <fieldset class="choice">
                    <legend>"Audience"</legend>
                    {Audience::ALL.into_iter().map(|a| view! {
                        <label>
                            <input type="radio" name="kb-audience"
                                prop:checked=move || audience.get() == a
                                on:change=move |_| audience.set(a)/>
                            {match a {
                                Audience::Public => " Public (shown in the portal)",
                                Audience::Internal => " Internal (agents only)",
                            }}
                        </label>
                    }).collect_view()}
                </fieldset>
                <Field form id="kb-tags" label="Tags (comma-separated)" field="tags" text=tags/>
                <Field form id="kb-due" label="Review due" field="review_due" let(wire: Wire)>
                    <input id=wire.id type="date" aria-invalid=wire.invalid() aria-describedby=wire.described_by()
                        prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                </Field>
            </div>
            <div class="field-row">
                <fieldset class="checks">
                    <legend>"Services"</legend>
                    {services_view}
                </fieldset>
                <fieldset class="checks">
                    <legend>"Linked known errors"</legend>
                    {kes_empty.then(|| view! { <p class="hint">"No known errors recorded yet."</p> })}
                    {kes_view}
                </fieldset>
            </div>
            <div class="form-actions">
                <RefusalLine form=form/>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { submit_label }}
                </button>
            </div>
        </form>
    }
}
