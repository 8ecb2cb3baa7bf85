//! Feedback on recent changes: the releases in early life support, and a form to send
//! a complaint, compliment or suggestion about one. Saved linked to the release, where
//! its early-life-support dashboard counts it. Sent through the form's state: messages
//! at the fields, other failures in a toast, the thanks under the form.

use leptos::prelude::*;

use super::portal_error_panel;
use crate::components::form::field_error::FieldError;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::Service;
use crate::domain::release::feedback::{FeedbackDraft, FeedbackKind, TEXT_MAX};
use crate::domain::release::Release;
use crate::ops::error::AppError;
use crate::ops::portal;
use crate::ops::records;
use crate::state::db::Db;
use crate::state::portal_identity::PortalIdentity;

/// The feedback page.
#[component]
pub fn PortalFeedback() -> impl IntoView {
    let db = Db::expect();
    let data = LocalResource::new(move || async move {
        let store = db.store()?;
        let releases = portal::els_releases(&*store).await?;
        let services = records::services(&*store).await?;
        Ok::<_, AppError>((releases, services))
    });
    view! {
        <main id="main" class="page portal narrow">
            <h1>"Feedback on recent changes"</h1>
            <p class="lead">"These services changed recently. Tell the teams behind them what you think."</p>
            <Suspense fallback=|| view! { <p role="status">"Loading recent changes…"</p> }>
                <ErrorBoundary fallback=portal_error_panel>
                    {move || Suspend::new(async move {
                        data.await.map(|(releases, services)| if releases.is_empty() {
                            view! { <p class="empty">"Nothing has changed recently."</p> }.into_any()
                        } else {
                            view! {
                                <RecentChanges releases=releases.clone() services=services/>
                                <FeedbackForm releases=releases/>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

/// The releases in early life support, with the services they changed.
#[component]
fn RecentChanges(releases: Vec<Release>, services: Vec<Service>) -> impl IntoView {
    let service_names = move |r: &Release| {
        r.services
            .iter()
            .filter_map(|id| {
                services
                    .iter()
                    .find(|s| &s.id == id)
                    .map(|s| s.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <section aria-labelledby="recent-changes-heading">
            <h2 id="recent-changes-heading">"Recently changed"</h2>
            <ul class="change-list">
                {releases.iter().map(|r| {
                    let names = service_names(r);
                    let when = r.deployment_date.map(|d| d.date()).unwrap_or_default();
                    view! {
                        <li class="change">
                            <strong>{r.title()}</strong>
                            {(!names.is_empty()).then(|| view! { <span>{format!(" · {names}")}</span> })}
                            {(!when.is_empty()).then(|| view! { <span class="hint">{format!(" · changed on {when}")}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The feedback form.
#[component]
fn FeedbackForm(releases: Vec<Release>) -> impl IntoView {
    let form = FormState::new("form");
    let known = PortalIdentity::load()
        .me
        .get_untracked()
        .unwrap_or_default();
    let first = releases.first().map(|r| r.id.clone()).unwrap_or_default();
    let release = RwSignal::new(first);
    let kind = RwSignal::new(FeedbackKind::Complaint);
    let text = RwSignal::new(String::new());
    let name = RwSignal::new(known.name);
    let contact = RwSignal::new(known.email);
    let thanks = RwSignal::new(String::new());
    let all = StoredValue::new(releases.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen =
            all.with_value(|l| l.iter().find(|r| r.id == release.get_untracked()).cloned());
        let draft = FeedbackDraft {
            release: release.get_untracked(),
            service: chosen
                .as_ref()
                .filter(|r| r.services.len() == 1)
                .and_then(|r| r.services.first().cloned()),
            kind: kind.get_untracked(),
            text: text.get_untracked(),
            name: name.get_untracked(),
            contact: contact.get_untracked(),
        };
        let about = chosen.map(|r| r.title()).unwrap_or_default();
        // The thanks under the form says it was sent: no toast besides it.
        form.run(
            "",
            move |store| {
                thanks.set(String::new());
                async move { portal::send_feedback(&*store, draft).await }
            },
            move |_| {
                text.try_set(String::new());
                thanks.try_set(format!(
                    "Thank you! Your feedback about {about} was sent to the team."
                ));
            },
        );
    };
    view! {
        <form class="form portal-form" aria-labelledby="feedback-heading" on:submit=submit novalidate>
            <h2 id="feedback-heading">"Send feedback"</h2>
            <div class="field">
                <label for="fb-release">"Which change?"</label>
                <select id="fb-release" aria-invalid=form.invalid("release") aria-describedby="fb-release-error"
                    prop:value=move || release.get() on:change=move |ev| release.set(event_target_value(&ev))>
                    {releases.into_iter().map(|r| view! { <option value=r.id.clone()>{r.title()}</option> }).collect_view()}
                </select>
                <FieldError id="fb-release-error" message=form.error("release")/>
            </div>
            <fieldset class="choice portal-choice">
                <legend>"What kind of feedback?"</legend>
                {FeedbackKind::ALL.into_iter().map(|k| {
                    let id = format!("fb-kind-{}", k.key());
                    view! {
                        <div class="radio">
                            <input type="radio" id=id.clone() name="fb-kind" value=k.key()
                                prop:checked=move || kind.get() == k on:change=move |_| kind.set(k)/>
                            <label for=id>{k.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="fb-text">"Your feedback"</label>
                <textarea id="fb-text" rows="5" required maxlength=TEXT_MAX.to_string()
                    aria-invalid=form.invalid("text") aria-describedby="fb-text-error"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <FieldError id="fb-text-error" message=form.error("text")/>
            </div>
            <div class="field">
                <label for="fb-name">"Your name (optional)"</label>
                <input id="fb-name" type="text" autocomplete="name" maxlength="200"
                    aria-invalid=form.invalid("name") aria-describedby="fb-name-error"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError id="fb-name-error" message=form.error("name")/>
            </div>
            <div class="field">
                <label for="fb-contact">"Your email (optional)"</label>
                <input id="fb-contact" type="email" autocomplete="email" maxlength="200"
                    aria-invalid=form.invalid("contact") aria-describedby="fb-contact-error"
                    prop:value=move || contact.get() on:input=move |ev| contact.set(event_target_value(&ev))/>
                <FieldError id="fb-contact-error" message=form.error("contact")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>"Send feedback"</button>
            </div>
            <RefusalLine form=form/>
            <p role="status" class="portal-thanks">{move || thanks.get()}</p>
        </form>
    }
}
