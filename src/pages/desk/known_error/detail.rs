//! One known error, by reference: its fields (problem, article and releases as links),
//! lifecycle actions, whether its article is published (what the release readiness
//! gate needs), portal deflections, its linked incidents with "Communicate
//! workaround", and its timeline. Reached by reference, so links survive a reload.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::sync_notice::SyncNotice;

use crate::components::policy_notes::PolicyNotes;
use crate::domain::config::practice::PracticeKind;
use leptos_router::hooks::use_params_map;

use crate::components::stable_page::stable_page;
use crate::components::status_badge::StatusBadge;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::KnownError;
use crate::ops::error::AppError;
use crate::ops::known_error::{self, Related, RelatedRecords};
use crate::pages::desk::incident::timeline::Timeline;
use crate::pages::desk::known_error::actions::KnownErrorActions;
use crate::pages::desk::known_error::incidents::{LinkedIncidents, Outcome};
use crate::routes::AppRoute;
use crate::state::db::Db;

/// Everything the page shows.
#[derive(Clone, PartialEq)]
struct Loaded {
    known_error: KnownError,
    rev: Rev,
    related: RelatedRecords,
    incidents: Vec<Incident>,
}

/// The known error page.
#[component]
pub fn KnownErrorDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let outcome = RwSignal::new(None::<Outcome>);
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let revision = db.revision.get();
        async move {
            let store = db.store()?;
            let (known_error, rev) = known_error::by_reference(&*store, &reference).await?;
            let related = known_error::related(&*store).await?;
            let queue = db.queue();
            let incidents =
                known_error::linked_incidents(&*store, &queue, revision, &known_error.id).await?;
            Ok::<_, AppError>(Loaded {
                known_error,
                rev,
                related,
                incidents,
            })
        }
    });
    view! {
        {stable_page(data, "Loading known error…", move |page| view! { <KnownErrorView page=page outcome=outcome/> })}
    }
}

/// `text`, or `fallback` when it is blank.
fn or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

/// A link to a related record (by reference), its id when not on this device, or "—".
fn related_link(id: Option<&str>, list: &[Related], href: fn(String) -> AppRoute) -> AnyView {
    match (id, RelatedRecords::find(list, id)) {
        (None, _) => view! { "—" }.into_any(),
        (Some(_), Some(r)) => {
            let link = href(r.reference.clone()).href();
            view! { <a href=link>{r.reference.clone()}</a> " " <span>{r.title.clone()}</span> }
                .into_any()
        }
        (Some(id), None) => {
            view! { <span class="muted">{format!("{id} (not on this device)")}</span> }.into_any()
        }
    }
}

/// The known error's content, actions, linked incidents and timeline.
#[component]
fn KnownErrorView(
    /// What the page loaded.
    page: Loaded,
    /// The last "Communicate workaround" outcome.
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let Loaded {
        known_error: k,
        rev,
        related,
        incidents,
    } = page;
    let r = k.reference.as_str().to_owned();
    // The article it names, else one that names it (as the readiness gate reads it).
    let article = RelatedRecords::find(&related.articles, k.article.as_deref())
        .or_else(|| related.articles.iter().find(|a| a.about.contains(&k.id)))
        .cloned();
    let article_state = match (&k.article, &article) {
        (None, None) => {
            let href = format!("{}?from={r}", AppRoute::NewArticle.href());
            view! {
                "No article yet. "
                <a class="button" href=href>"Write an article"</a>
            }
            .into_any()
        }
        (_, Some(a)) => {
            let text = if a.published {
                "Published".to_owned()
            } else {
                format!("{}: not published yet", a.status)
            };
            let class = if a.published {
                "badge status-published"
            } else {
                "badge badge-warn"
            };
            view! { <span class=class>{text}</span> }.into_any()
        }
        (Some(_), None) => view! { <span class="muted">"Unknown on this device"</span> }.into_any(),
    };
    let gate = (k.carried_forward && !article.as_ref().is_some_and(|a| a.published)).then(|| view! {
        <p class="notice" role="note">
            "Carried forward into production: the release readiness gate needs a published knowledge article with this workaround before the release deploys."
        </p>
    });
    let mut names: HashMap<String, String> = HashMap::new();
    for x in related
        .problems
        .iter()
        .chain(&related.articles)
        .chain(&related.releases)
    {
        names.insert(x.id.clone(), x.label());
    }
    let problem = related_link(k.problem.as_deref(), &related.problems, AppRoute::Problem);
    let article_link = related_link(k.article.as_deref(), &related.articles, AppRoute::Article);
    let introduced = related_link(
        k.release_introduced.as_deref(),
        &related.releases,
        AppRoute::Release,
    );
    let fix = related_link(
        k.fix_release.as_deref(),
        &related.releases,
        AppRoute::Release,
    );
    let carried = if k.carried_forward { "Yes" } else { "No" };
    let code = k
        .error_code
        .clone()
        .map(|c| view! { <code>{c}</code> }.into_any())
        .unwrap_or_else(|| "—".into_any());
    let text_section = |id: &'static str, heading: &'static str, body: &str, empty: &str| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                <p class="prose">{or(body, empty)}</p>
            </section>
        }
    };
    view! {
        <article class="ke-page" aria-labelledby="ke-heading">
            <header class="record-head">
                <p class="reference">{r.clone()}</p>
                <h1 id="ke-heading" tabindex="-1">{k.title.clone()}</h1>
                <p class="badges">
                    <StatusBadge label=k.status.label()/>
                    {k.carried_forward.then(|| view! { " " <span class="badge badge-warn">"Carried forward"</span> })}
                </p>
            </header>
            <SyncNotice id=k.id.clone()/>
            <KnownErrorActions known_error=k.clone() rev=rev.clone()/>
            {gate}
            <div class="ke-layout">
                <div class="ke-text">
                    {text_section("ke-symptoms-heading", "Symptoms", &k.symptoms, "No symptoms recorded.")}
                    {text_section("ke-workaround-heading", "Workaround", &k.workaround, "No workaround yet: write one before activating.")}
                    {text_section("ke-cause-heading", "Root cause", &k.root_cause, "Not known yet.")}
                </div>
                <aside class="kb-facts">
                    <dl class="facts" aria-label="Details">
                        <dt>"Error code"</dt><dd>{code}</dd>
                        <dt>"Problem"</dt><dd>{problem}</dd>
                        <dt>"Knowledge article"</dt><dd>{article_link}</dd>
                        <dt>"Article status"</dt><dd>{article_state}</dd>
                        <dt>"Release introduced"</dt><dd>{introduced}</dd>
                        <dt>"Carried forward"</dt><dd>{carried}</dd>
                        <dt>"Fix release"</dt><dd>{fix}</dd>
                        <dt>"Solved a problem (portal)"</dt><dd>{k.deflections}</dd>
                        <dt>"Created"</dt><dd>{format!("{}, {}", k.created_by, k.created.display())}</dd>
                        <dt>"Updated"</dt><dd>{format!("{}, {}", k.updated_by, k.updated.display())}</dd>
                    </dl>
                    <PolicyNotes practice=PracticeKind::Problem/>
                </aside>
            </div>
            <LinkedIncidents known_error=k.clone() rev=rev incidents=incidents outcome=outcome/>
            <Timeline events=k.history.events().to_vec() names=names/>
        </article>
    }
}
