//! Report a problem, in plain words: what is wrong, more detail, which service, who is
//! affected and how urgent it is, and who they are. While they type, suggested answers
//! appear; "This solved my problem" counts a deflection and creates nothing. Otherwise
//! sending creates an incident (channel Portal) and opens the request page. Both
//! writes run through the form's state: messages at the fields, other failures in a
//! toast.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::report_fields::{affected_choice, urgency_choice, ServicePicker};
use super::suggestions::Suggestions;
use super::{portal_error_panel, Debouncer, DEBOUNCE_MS};
use crate::components::form::field_error::FieldError;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::config::Service;
use crate::domain::incident::Incident;
use crate::domain::portal_me::PortalMe;
use crate::domain::portal_words::{Affected, HowUrgent};
use crate::domain::release::Release;
use crate::ops::error::AppError;
use crate::ops::portal::{self, Offer, ReportForm, SuggestionPool};
use crate::ops::records;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::portal_identity::PortalIdentity;

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
    let form = FormState::new("report");
    let busy = form.busy;
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

    let query = RwSignal::new(String::new());
    let debounce = Debouncer::new(DEBOUNCE_MS);
    let retype = move || {
        let text = format!("{}\n{}", title.get_untracked(), description.get_untracked());
        debounce.run(move || {
            query.try_set(text);
        });
    };
    let offers = Memo::new(move |_| pool.suggest(&query.get(), SUGGESTIONS));

    // The page that replaces the form says so: no toast.
    let on_solved = Callback::new(move |offer: Offer| {
        let Offer {
            target,
            title: answer,
            ..
        } = offer;
        form.run(
            "",
            move |store| async move { portal::deflect(&*store, &target).await },
            move |()| {
                solved.try_set(Some(answer));
            },
        );
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let report = ReportForm {
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
        // Checked here first, so a form with a mistake is never "Sending…".
        if let Err(e) = report.validate() {
            form.errors.set(Some(e));
            return;
        }
        let me = report.me.clone();
        let navigate = navigate.clone();
        form.run_with(
            |incident: &Incident| {
                format!(
                    "Thank you! We received your report {}.",
                    incident.reference.as_str()
                )
            },
            move |store| async move { portal::report(&*store, report).await },
            move |incident| {
                identity.set(Some(me));
                navigate(
                    &AppRoute::PortalRequest(incident.reference.as_str().to_owned()).href(),
                    NavigateOptions::default(),
                );
            },
        );
    };

    view! {
        <form class="form portal-form" aria-label="Report a problem" on:submit=submit novalidate>
            <div class="field">
                <label for="rp-title">"What is wrong?"</label>
                <p class="hint" id="rp-title-hint">"A few words, like “Cannot print on floor 3”."</p>
                <input id="rp-title" type="text" maxlength="200" required autocomplete="off"
                    aria-invalid=form.invalid("title") aria-describedby="rp-title-hint rp-title-error"
                    prop:value=move || title.get()
                    on:input=move |ev| { title.set(event_target_value(&ev)); retype(); }/>
                <FieldError id="rp-title-error" message=form.error("title")/>
            </div>
            <div class="field">
                <label for="rp-description">"Tell us more"</label>
                <p class="hint" id="rp-description-hint">"What were you doing? What did you see? Any error message?"</p>
                <textarea id="rp-description" rows="5"
                    aria-invalid=form.invalid("description") aria-describedby="rp-description-hint rp-description-error"
                    prop:value=move || description.get()
                    on:input=move |ev| { description.set(event_target_value(&ev)); retype(); }></textarea>
                <FieldError id="rp-description-error" message=form.error("description")/>
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
                        aria-invalid=form.invalid("name") aria-describedby="rp-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError id="rp-name-error" message=form.error("name")/>
                </div>
                <div class="field">
                    <label for="rp-email">"Your email"</label>
                    <input id="rp-email" type="email" autocomplete="email" maxlength="200" required
                        aria-invalid=form.invalid("email") aria-describedby="rp-email-error"
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldError id="rp-email-error" message=form.error("email")/>
                </div>
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button button-primary button-big" disabled=move || busy.get()>
                    {move || if busy.get() { "Sending…" } else { "Send report" }}
                </button>
            </div>
            <RefusalLine form=form/>
        </form>
    }
}
