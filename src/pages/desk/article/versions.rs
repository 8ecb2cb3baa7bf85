//! An article's published versions: who wrote and who published each and when; read
//! any one (`?view=N`), compare two (`?a=N&b=M`, changed lines marked), and restore
//! one as the new draft.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::error_panel::error_panel;
use crate::components::form::state::{FormState, RefusalLine};
use crate::components::markdown_view::MarkdownView;
use crate::domain::couch::revision::Rev;
use crate::domain::knowledge::article::{ArticleStatus, KnowledgeArticle};
use crate::domain::knowledge::line_diff::{diff_lines, stats, LineChange};
use crate::ops::error::AppError;
use crate::ops::knowledge;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The value of "the article as it stands now" in the compare pickers.
const CURRENT: &str = "current";

/// The versions page.
#[component]
pub fn ArticleVersions() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let query = use_query_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            knowledge::by_reference(&*store, &reference).await
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading versions…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (article, rev) = data.await?;
                    let q = query.read();
                    let (view_n, a, b) = (q.get("view"), q.get("a"), q.get("b"));
                    drop(q);
                    Ok::<_, AppError>(view! {
                        <VersionsView article=article rev=rev view_n=view_n a=a b=b/>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// Title, summary and body of version `key` (a number, or [`CURRENT`]).
fn text_of(article: &KnowledgeArticle, key: &str) -> Option<(String, String, String, String)> {
    if key == CURRENT {
        return Some((
            format!(
                "Current {} (version {})",
                article.status_label(),
                article.version
            ),
            article.title.clone(),
            article.summary.clone(),
            article.body.clone(),
        ));
    }
    let n: u32 = key.parse().ok()?;
    article.version_snapshot(n).map(|v| {
        (
            format!("Version {}", v.version),
            v.title.clone(),
            v.summary.clone(),
            v.body.clone(),
        )
    })
}

/// The versions table, the compare form, and the comparison or version asked for.
#[component]
fn VersionsView(
    article: KnowledgeArticle,
    rev: Rev,
    view_n: Option<String>,
    a: Option<String>,
    b: Option<String>,
) -> impl IntoView {
    let r = article.reference.as_str().to_owned();
    let base = AppRoute::ArticleVersions(r.clone()).href();
    let latest = article.versions.last().map(|v| v.version.to_string());
    let first = article.versions.first().map(|v| v.version.to_string());
    let pick_a = RwSignal::new(a.clone().or(first).unwrap_or_default());
    let pick_b = RwSignal::new(b.clone().or(latest).unwrap_or_else(|| CURRENT.into()));
    let navigate = use_navigate();
    let compare_base = base.clone();
    let compare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let href = format!(
            "{compare_base}?a={}&b={}",
            pick_a.get_untracked(),
            pick_b.get_untracked()
        );
        navigate(&href, NavigateOptions::default());
    };
    let options: Vec<(String, String)> = article
        .versions
        .iter()
        .map(|v| (v.version.to_string(), format!("Version {}", v.version)))
        .chain(std::iter::once((
            CURRENT.to_owned(),
            format!(
                "Current {} (version {})",
                article.status_label(),
                article.version
            ),
        )))
        .collect();
    let replaces_draft = article.status == ArticleStatus::Draft && article.has_unpublished_text();
    let rows = article
        .versions
        .iter()
        .rev()
        .map(|v| {
            let view_href = format!("{base}?view={}", v.version);
            view! {
                <tr>
                    <th scope="row">{format!("Version {}", v.version)}</th>
                    <td>{v.title.clone()}</td>
                    <td><time datetime=v.published.iso()>{v.published.display()}</time></td>
                    <td>{if v.author.is_empty() { "—".to_owned() } else { v.author.clone() }}</td>
                    <td>{v.published_by.clone()}</td>
                    <td class="actions">
                        <a href=view_href>{format!("View version {}", v.version)}</a>
                        " "
                        <RestoreButton reference=r.clone() version=v.version rev=rev.clone()
                            replaces_draft=replaces_draft/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let shown = view_n.as_deref().and_then(|k| text_of(&article, k)).map(
        |(label, title, summary, body)| {
            view! {
                <section class="version-view" aria-labelledby="version-view-heading">
                    <h2 id="version-view-heading">{label}</h2>
                    <h3>{title}</h3>
                    {(!summary.is_empty()).then(|| view! { <p class="lead">{summary}</p> })}
                    <MarkdownView source=Signal::stored(body)/>
                </section>
            }
        },
    );
    let comparison = match (a.as_deref(), b.as_deref()) {
        (Some(a), Some(b)) => Some(match (text_of(&article, a), text_of(&article, b)) {
            (Some(old), Some(new)) => view! { <Comparison old=old new=new/> }.into_any(),
            _ => view! { <p role="alert">"One of the chosen versions does not exist."</p> }
                .into_any(),
        }),
        _ => None,
    };
    let empty = article.versions.is_empty();
    view! {
        <p class="reference"><a href=AppRoute::Article(r.clone()).href()>{format!("{r} {}", article.title)}</a></p>
        <h1>"Published versions"</h1>
        {if empty {
            view! { <p class="empty">"Nothing has been published yet: a version is kept each time the article is published."</p> }.into_any()
        } else {
            view! {
                <table class="grid versions">
                    <thead><tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Published"</th>
                        <th scope="col">"Written by"</th>
                        <th scope="col">"Reviewed and published by"</th>
                        <th scope="col">"Actions"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <form class="compare-form filters" on:submit=compare aria-label="Compare versions">
                    <div class="field">
                        <label for="cmp-a">"Compare"</label>
                        <select id="cmp-a" prop:value=move || pick_a.get() on:change=move |ev| pick_a.set(event_target_value(&ev))>
                            {options.iter().map(|(k, l)| view! { <option value=k.clone()>{l.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="cmp-b">"with"</label>
                        <select id="cmp-b" prop:value=move || pick_b.get() on:change=move |ev| pick_b.set(event_target_value(&ev))>
                            {options.iter().map(|(k, l)| view! { <option value=k.clone()>{l.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">"Compare"</button>
                </form>
            }.into_any()
        }}
        {comparison}
        {shown}
    }
}

/// Two versions side by side as one list of lines, removed and added lines marked.
#[component]
fn Comparison(
    old: (String, String, String, String),
    new: (String, String, String, String),
) -> impl IntoView {
    let (old_label, old_title, old_summary, old_body) = old;
    let (new_label, new_title, new_summary, new_body) = new;
    let old_text = comparable(&old_title, &old_summary, &old_body);
    let new_text = comparable(&new_title, &new_summary, &new_body);
    let lines = diff_lines(&old_text, &new_text);
    let (added, removed) = stats(&lines);
    let summary = if added + removed == 0 {
        "No differences.".to_owned()
    } else {
        format!(
            "{} added, {} removed",
            plural(added, "line"),
            plural(removed, "line")
        )
    };
    let rows = lines
        .into_iter()
        .map(|l| {
            let (class, mark, label) = match l.change {
                LineChange::Same => ("diff-same", " ", "Unchanged"),
                LineChange::Added => ("diff-added", "+", "Added"),
                LineChange::Removed => ("diff-removed", "−", "Removed"),
            };
            let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
            view! {
                <tr class=class>
                    <td class="ln">{num(l.old)}</td>
                    <td class="ln">{num(l.new)}</td>
                    <td class="mark" aria-label=label>{mark}</td>
                    <td class="text"><code>{l.text}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="comparison" aria-labelledby="cmp-heading">
            <h2 id="cmp-heading">{format!("{old_label} compared with {new_label}")}</h2>
            <p role="status">{summary}</p>
            <table class="diff" aria-label="Changed lines">
                <thead><tr>
                    <th scope="col">{old_label.clone()}</th>
                    <th scope="col">{new_label.clone()}</th>
                    <th scope="col"><span class="visually-hidden">"Change"</span></th>
                    <th scope="col">"Line"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// "Restore version N as draft", acting on the revision shown. When the current draft
/// holds text that was never published, restoring asks first: it would replace it.
#[component]
fn RestoreButton(
    /// The article's reference.
    reference: String,
    /// The version to restore.
    version: u32,
    /// The revision the page shows.
    rev: Rev,
    /// True when restoring would replace unpublished draft text.
    replaces_draft: bool,
) -> impl IntoView {
    let who = Identity::expect();
    let form = FormState::new("restore");
    let busy = form.busy;
    let asking = RwSignal::new(false);
    let navigate = use_navigate();
    let reference = StoredValue::new(reference);
    let rev = StoredValue::new(rev);
    let restore = move || {
        let by = who.author();
        let navigate = navigate.clone();
        let (r, seen) = (reference.get_value(), rev.get_value());
        let page = AppRoute::Article(r.clone()).href();
        let done = move |a: &KnowledgeArticle| {
            format!("Version {version} restored as draft version {}.", a.version)
        };
        form.run_with(
            done,
            move |store| async move {
                knowledge::restore(&*store, &r, &by, version, Some(&seen)).await
            },
            move |_| navigate(&page, NavigateOptions::default()),
        );
    };
    let first = restore.clone();
    let on_first = move |_| {
        if replaces_draft {
            asking.set(true);
        } else {
            first();
        }
    };
    view! {
        <button type="button" class="button" disabled=move || busy.get() on:click=on_first>
            {format!("Restore version {version} as draft")}
        </button>
        <Show when=move || asking.get()>
            <div class="confirm" role="alert">
                <p>"The current draft has text that was never published. Restoring replaces it."</p>
                <button type="button" class="button button-danger" disabled=move || busy.get()
                    on:click={let restore = restore.clone(); move |_| { asking.set(false); restore() }}>
                    {format!("Replace the draft with version {version}")}
                </button>
                " "
                <button type="button" class="button" on:click=move |_| asking.set(false)>"Keep the draft"</button>
            </div>
        </Show>
        <RefusalLine form=form/>
    }
}

/// One version as the text compared: title as a heading, summary when there is one,
/// then the body.
fn comparable(title: &str, summary: &str, body: &str) -> String {
    if summary.trim().is_empty() {
        format!("# {title}\n\n{body}")
    } else {
        format!("# {title}\n\n{summary}\n\n{body}")
    }
}

/// "1 line", "2 lines".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
