//! The knowledge article form (new and edit): title, summary, Markdown body with a
//! live preview, audience, tags, services, linked known errors and review date.
//! Errors show next to their field; nothing is saved while one is shown.

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};

use crate::components::form::field_error::FieldError;
use crate::components::markdown_view::MarkdownView;
use crate::domain::config::Service;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::ValidationErrors;
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
    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .read()
                .as_ref()
                .and_then(|e| e.for_field(field).map(str::to_owned))
        })
    };
    let invalid = move |field: &'static str| {
        move || {
            if err(field).get().is_some() {
                "true"
            } else {
                "false"
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due_text = due.get_untracked();
        let review_due = match due_text.trim() {
            "" => None,
            text => match Timestamp::parse_date(text) {
                Some(t) => Some(t),
                None => {
                    let mut e = ValidationErrors::new();
                    e.push("review_due", "Enter a date as YYYY-MM-DD.");
                    errors.set(Some(e));
                    return;
                }
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
            <div class="field">
                <label for="kb-title">"Title"</label>
                <input id="kb-title" type="text" maxlength="200" required
                    aria-invalid=invalid("title") aria-describedby="kb-title-error"
                    prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <FieldError id="kb-title-error" message=err("title")/>
            </div>
            <div class="field">
                <label for="kb-summary">"Summary"</label>
                <input id="kb-summary" type="text" maxlength="500"
                    aria-invalid=invalid("summary") aria-describedby="kb-summary-error"
                    prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))/>
                <FieldError id="kb-summary-error" message=err("summary")/>
            </div>
            <div class="editor">
                <div class="field">
                    <label for="kb-body">"Body (Markdown)"</label>
                    <textarea id="kb-body" rows="18" required
                        aria-invalid=invalid("body") aria-describedby="kb-body-error"
                        prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                    <FieldError id="kb-body-error" message=err("body")/>
                </div>
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
                <div class="field">
                    <label for="kb-tags">"Tags (comma-separated)"</label>
                    <input id="kb-tags" type="text"
                        aria-invalid=invalid("tags") aria-describedby="kb-tags-error"
                        prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev))/>
                    <FieldError id="kb-tags-error" message=err("tags")/>
                </div>
                <div class="field">
                    <label for="kb-due">"Review due"</label>
                    <input id="kb-due" type="date"
                        aria-invalid=invalid("review_due") aria-describedby="kb-due-error"
                        prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                    <FieldError id="kb-due-error" message=err("review_due")/>
                </div>
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
