//! One knowledge article as agents see it: the rendered body, its lifecycle actions
//! (submit, publish, send back, new version, retire, revive), its metadata, reader
//! feedback and timeline. Reached by reference, so links survive a reload.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::{FormState, RefusalLine};
use crate::components::sync_notice::SyncNotice;

use crate::components::policy_notes::PolicyNotes;
use crate::domain::config::practice::PracticeKind;
use leptos_router::hooks::use_params_map;

use crate::components::markdown_view::MarkdownView;
use crate::components::print_button::PrintButton;
use crate::components::stable_page::stable_page;
use crate::components::status_badge::StatusBadge;
use crate::domain::couch::revision::Rev;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::knowledge::article::{ArticleStatus, KnowledgeArticle};
use crate::ops::clock;
use crate::ops::directory;
use crate::ops::error::AppError;
use crate::ops::knowledge;
use crate::pages::desk::incident::timeline::Timeline;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The article page.
#[component]
pub fn ArticleDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let (article, rev) = knowledge::by_reference(&*store, &reference).await?;
            let dir = directory::load(&*store).await?;
            let mut names: HashMap<String, String> = dir
                .services
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect();
            for k in knowledge::known_error_choices(&*store).await? {
                names.insert(k.id, k.name);
            }
            Ok::<_, AppError>((article, rev, names))
        }
    });
    view! {
        {stable_page(data, "Loading article…", |(article, rev, names)| view! { <ArticleView article=article rev=rev names=names/> })}
    }
}

/// Names of `ids` (the id itself when unknown), comma-separated, or "—".
fn names_of(ids: &[String], names: &HashMap<String, String>) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The article's content, actions and facts.
#[component]
fn ArticleView(
    article: KnowledgeArticle,
    rev: Rev,
    names: HashMap<String, String>,
) -> impl IntoView {
    let r = article.reference.as_str().to_owned();
    let now = clock::now();
    let due = article.review_due.map(|d| {
        let overdue = article.review_is_due(now);
        view! {
            <span>{d.date()}</span>
            {overdue.then(|| view! { " " <span class="badge badge-warn">"Review due"</span> })}
        }
    });
    let reviewed = match (&article.reviewed_by, article.reviewed_at) {
        (Some(by), Some(at)) => format!("{by}, {}", at.display()),
        _ => "Not reviewed yet".into(),
    };
    let in_portal = article
        .is_public()
        .then(|| view! { <a class="button" href=AppRoute::PortalArticle(r.clone()).href()>"View in the portal"</a> });
    let services = names_of(&article.services, &names);
    let known_errors = names_of(&article.known_errors, &names);
    let versions = article.versions.len();
    let body = article.body.clone();
    view! {
        <article class="kb-article" aria-labelledby="kb-heading">
            <header class="record-head">
                <p class="reference">{r.clone()}</p>
                <h1 id="kb-heading" tabindex="-1">{article.title.clone()}</h1>
                <p class="badges">
                    <StatusBadge label=article.status.label()/>
                    " "
                    <span class="badge">{article.audience.label()}</span>
                    " "
                    <span class="badge">{format!("Version {}", article.version)}</span>
                </p>
            </header>
            <SyncNotice id=article.id.clone()/>
            <Actions article=article.clone() rev=rev/>
            <p class="links no-print">
                <a href=AppRoute::ArticleVersions(r.clone()).href()>{format!("Published versions ({versions})")}</a>
                " "
                {in_portal}
                " "
                <PrintButton/>
            </p>
            <div class="kb-layout">
                <section class="kb-body" aria-label="Article body">
                    {(!article.summary.is_empty()).then(|| view! { <p class="lead">{article.summary.clone()}</p> })}
                    <MarkdownView source=Signal::stored(body) id="kb-rendered"/>
                </section>
                <aside class="kb-facts">
                    <dl class="facts" aria-label="Details">
                        <dt>"Tags"</dt><dd>{if article.tags.is_empty() { "—".to_owned() } else { article.tags.join(", ") }}</dd>
                        <dt>"Services"</dt><dd>{services}</dd>
                        <dt>"Linked known errors"</dt><dd>{known_errors}</dd>
                        <dt>"Review due"</dt><dd>{due.map(|d| d.into_any()).unwrap_or_else(|| "—".into_any())}</dd>
                        <dt>"Reviewed"</dt><dd>{reviewed}</dd>
                        <dt>"Created"</dt><dd>{format!("{}, {}", article.created_by, article.created.display())}</dd>
                        <dt>"Updated"</dt><dd>{format!("{}, {}", article.updated_by, article.updated.display())}</dd>
                    </dl>
                    <h2 id="kb-feedback-heading">"Reader feedback"</h2>
                    <dl class="facts stats" aria-labelledby="kb-feedback-heading">
                        <dt>"Views"</dt><dd>{article.views}</dd>
                        <dt>"Helpful"</dt><dd>{article.helpful}</dd>
                        <dt>"Not helpful"</dt><dd>{article.not_helpful}</dd>
                        <dt>"Solved a problem (portal)"</dt><dd>{article.deflections}</dd>
                    </dl>
                    <PolicyNotes practice=PracticeKind::Knowledge/>
                </aside>
            </div>
            <Timeline events=article.history.events().to_vec() names=names/>
        </article>
    }
}

/// The lifecycle buttons that apply now, with an optional reason. Each acts on the
/// revision shown: an article changed meanwhile is refused, not published unseen; a
/// refused move shows on the refusal line under the buttons.
#[component]
fn Actions(article: KnowledgeArticle, rev: Rev) -> impl IntoView {
    let who = Identity::expect();
    let form = FormState::new("status");
    let busy = form.busy;
    let reason = RwSignal::new(String::new());
    let reference = StoredValue::new(article.reference.as_str().to_owned());
    let seen = StoredValue::new(rev);
    let run = move |to: ArticleStatus, done: &'static str| {
        let why = reason.get_untracked();
        let why = (!why.trim().is_empty()).then(|| why.trim().to_owned());
        let by = who.author();
        let (r, seen) = (reference.get_value(), seen.get_value());
        form.run(
            done,
            move |store| async move {
                knowledge::move_to(&*store, &r, &by, to, why, Some(&seen)).await
            },
            |_| {},
        );
    };
    let r = article.reference.as_str().to_owned();
    let buttons: Vec<(ArticleStatus, &'static str, &'static str)> = article
        .status
        .allowed()
        .iter()
        .map(|&to| {
            let (label, done) = match (article.status, to) {
                (_, ArticleStatus::InReview) => ("Submit for review", "Submitted for review."),
                (_, ArticleStatus::Published) => ("Publish", "Published."),
                (ArticleStatus::InReview, ArticleStatus::Draft) => {
                    ("Send back to draft", "Sent back to draft.")
                }
                (ArticleStatus::Retired, ArticleStatus::Draft) => {
                    ("Revive as a new draft", "Revived as a new draft.")
                }
                (_, ArticleStatus::Draft) => ("Start a new version", "New version started."),
                (_, ArticleStatus::Retired) => ("Retire", "Retired."),
            };
            (to, label, done)
        })
        .collect();
    let edit = (article.status == ArticleStatus::Draft).then(|| {
        view! { <a class="button" href=AppRoute::EditArticle(r.clone()).href()>"Edit"</a> }
    });
    let wants_reason = article.status != ArticleStatus::Draft;
    let retiring = RwSignal::new(false);
    let retire_ref = NodeRef::<leptos::html::Button>::new();
    let question = format!("Retire {r}? It leaves the portal and the suggestions at once; bringing it back means a new draft that has to be published again.");
    view! {
        <div class="record-actions" role="group" aria-label="Article actions">
            {edit}
            {buttons.into_iter().map(|(to, label, done)| {
                let primary = matches!(to, ArticleStatus::Published | ArticleStatus::InReview);
                let class = if primary { "button button-primary" } else { "button" };
                if to == ArticleStatus::Retired {
                    return view! {
                        <button type="button" class=class disabled=move || busy.get() node_ref=retire_ref
                            aria-expanded=move || retiring.get().to_string()
                            on:click=move |_| retiring.set(true)>{label}</button>
                    }.into_any();
                }
                view! {
                    <button type="button" class=class disabled=move || busy.get()
                        on:click=move |_| run(to, done)>{label}</button>
                }.into_any()
            }).collect_view()}
            {wants_reason.then(|| view! {
                <label class="inline-field">
                    "Reason (optional) "
                    <input type="text" maxlength="500" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))/>
                </label>
            })}
        </div>
        <ConfirmStep open=retiring back=retire_ref busy=busy message=question
            yes="Yes, retire the article" on_yes=Callback::new(move |()| run(ArticleStatus::Retired, "Retired."))/>
        <RefusalLine form=form/>
    }
}
