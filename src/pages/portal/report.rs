//! Report a problem, in plain words: what is wrong, more detail, which service, who is
//! affected and how urgent it is, and who they are. While they type, suggested answers
//! appear; "This solved my problem" counts a deflection and creates nothing. Otherwise
//! sending creates an incident (channel Portal) and opens the request page.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::report_fields::{affected_choice, urgency_choice, ServicePicker};
use super::suggestions::Suggestions;
use super::{portal_error_panel, Debouncer, DEBOUNCE_MS};
use crate::components::form::field_error::FieldError;
use crate::domain::config::Service;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::portal_words::{Affected, HowUrgent};
use crate::domain::release::Release;
use crate::ops::error::AppError;
use crate::ops::portal::{self, Offer, ReportForm, SuggestionPool};
use crate::ops::records;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::portal_identity::{PortalIdentity, PortalMe};
use crate::state::toast::Toasts;

/// Most suggestions shown at once.
const SUGGESTIONS: usize = 5;

/// The report page.
#[component]
pub fn PortalReport() -> impl IntoView {
    let db = Db::expect();
    let solved = RwSignal::new(None::<String>);
    // Read once per visit: a refresh while typing would reset the form.
    let data = LocalResource::new(move || async move {
        let store = db.store()?;
        let services = records::services(&*store).await?;
        let releases = portal::els_releases(&*store).await?;
        let pool = portal::suggestion_pool(&*store).await?;
        Ok::<_, AppError>((services, releases, pool))
    });
    view! {
        <main id="main" class="page portal narrow">
            {move || match solved.get() {
                Some(title) => view! { <Solved title=title/> }.into_any(),
                None => view! {
                    <h1>"Report a problem"</h1>
                    <p class="lead">"Tell us in your own words. We may already have an answer."</p>
                    <Suspense fallback=|| view! { <p role="status">"Loading the form…"</p> }>
                        <ErrorBoundary fallback=portal_error_panel>
                            {move || Suspend::new(async move {
                                data.await.map(|(services, releases, pool)| view! {
                                    <ReportProblem services=services releases=releases pool=pool solved=solved/>
                                })
                            })}
                        </ErrorBoundary>
                    </Suspense>
                }.into_any(),
            }}
        </main>
    }
}

/// Shown when a suggested answer solved the problem: nothing was reported.
#[component]
fn Solved(title: String) -> impl IntoView {
    view! {
        <h1>"Glad that helped!"</h1>
        <p class="lead" role="status">
            {format!("“{title}” solved your problem, so we did not create a request. Thank you for letting us know.")}
        </p>
        <p class="portal-actions">
            <a class="button button-primary" href=AppRoute::Portal.href()>"Back to help"</a>
            <a class="button" href=AppRoute::PortalRequests.href()>"My requests"</a>
        </p>
    }
}

/// The form with its live suggestions.
#[component]
fn ReportProblem(
    services: Vec<Service>,
    releases: Vec<Release>,
    pool: SuggestionPool,
    solved: RwSignal<Option<String>>,
) -> impl IntoView {
    let (db, toasts) = (Db::expect(), Toasts::expect());
    let identity = PortalIdentity::load();
    let navigate = use_navigate();
    let known = identity.me.get_untracked().unwrap_or_default();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let affected = RwSignal::new(Affected::JustMe);
    let urgent = RwSignal::new(HowUrgent::SlowsMeDown);
    let name = RwSignal::new(known.name);
    let email = RwSignal::new(known.email);
    let errors = RwSignal::new(None::<ValidationErrors>);
    let busy = RwSignal::new(false);

    let query = RwSignal::new(String::new());
    let debounce = Debouncer::new(DEBOUNCE_MS);
    let retype = move || {
        let text = format!("{}\n{}", title.get_untracked(), description.get_untracked());
        debounce.run(move || {
            query.try_set(text);
        });
    };
    let offers = Memo::new(move |_| pool.suggest(&query.get(), SUGGESTIONS));

    let on_solved = Callback::new(move |offer: Offer| {
        let store = match db.store() {
            Ok(s) => s,
            Err(e) => return toasts.error(format!("Nothing was saved: {e}")),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = portal::deflect(&*store, &offer.target).await;
            busy.try_set(false);
            match result {
                Ok(()) => {
                    solved.try_set(Some(offer.title));
                    db.changed();
                }
                Err(e) => toasts.error(format!("Nothing was saved: {e}")),
            }
        });
    });

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
            errors
                .read()
                .as_ref()
                .is_some_and(|e| e.for_field(field).is_some())
                .to_string()
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let form = ReportForm {
            title: title.get_untracked(),
            description: description.get_untracked(),
            service: Some(service.get_untracked()).filter(|s| !s.trim().is_empty()),
            affected: affected.get_untracked(),
            urgent: urgent.get_untracked(),
            me: PortalMe {
                name: name.get_untracked(),
                email: email.get_untracked(),
            },
        };
        if let Err(e) = form.validate() {
            errors.set(Some(e));
            return;
        }
        let store = match db.store() {
            Ok(s) => s,
            Err(e) => return toasts.error(format!("Nothing was sent: {e}")),
        };
        errors.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let me = form.me.clone();
            let result = portal::report(&*store, form).await;
            busy.try_set(false);
            match result {
                Ok(incident) => {
                    identity.set(Some(me));
                    let reference = incident.reference.as_str().to_owned();
                    toasts.success(format!("Thank you! We received your report {reference}."));
                    db.changed();
                    navigate(
                        &AppRoute::PortalRequest(reference).href(),
                        NavigateOptions::default(),
                    );
                }
                Err(AppError::Validation(v)) => {
                    errors.try_set(Some(v));
                }
                Err(e) => toasts.error(format!("Nothing was sent: {e}")),
            }
        });
    };

    view! {
        <form class="form portal-form" aria-label="Report a problem" on:submit=submit novalidate>
            <div class="field">
                <label for="rp-title">"What is wrong?"</label>
                <p class="hint" id="rp-title-hint">"A few words, like “Cannot print on floor 3”."</p>
                <input id="rp-title" type="text" maxlength="200" required autocomplete="off"
                    aria-invalid=invalid("title") aria-describedby="rp-title-hint rp-title-error"
                    prop:value=move || title.get()
                    on:input=move |ev| { title.set(event_target_value(&ev)); retype(); }/>
                <FieldError id="rp-title-error" message=err("title")/>
            </div>
            <div class="field">
                <label for="rp-description">"Tell us more"</label>
                <p class="hint" id="rp-description-hint">"What were you doing? What did you see? Any error message?"</p>
                <textarea id="rp-description" rows="5"
                    aria-invalid=invalid("description") aria-describedby="rp-description-hint rp-description-error"
                    prop:value=move || description.get()
                    on:input=move |ev| { description.set(event_target_value(&ev)); retype(); }></textarea>
                <FieldError id="rp-description-error" message=err("description")/>
            </div>
            <Suggestions offers=offers on_solved=on_solved busy=busy/>
            <ServicePicker services=services releases=releases chosen=service/>
            {affected_choice(affected)}
            {urgency_choice(urgent)}
            <fieldset class="portal-contact">
                <legend>"How can we reach you?"</legend>
                <div class="field">
                    <label for="rp-name">"Your name"</label>
                    <input id="rp-name" type="text" autocomplete="name" maxlength="200" required
                        aria-invalid=invalid("name") aria-describedby="rp-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError id="rp-name-error" message=err("name")/>
                </div>
                <div class="field">
                    <label for="rp-email">"Your email"</label>
                    <input id="rp-email" type="email" autocomplete="email" maxlength="200" required
                        aria-invalid=invalid("email") aria-describedby="rp-email-error"
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldError id="rp-email-error" message=err("email")/>
                </div>
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button button-primary button-big" disabled=move || busy.get()>
                    {move || if busy.get() { "Sending…" } else { "Send report" }}
                </button>
            </div>
        </form>
    }
}
