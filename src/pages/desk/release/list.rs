//! Every release with its status, deployment date, early-life-support window and the
//! known errors it carries forward; releases still moving come first.

use leptos::prelude::*;

use crate::components::download::ExportCsv;
use crate::components::error_panel::error_panel;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::ops::directory;
use crate::ops::error::AppError;
use crate::ops::release;
use crate::ops::transfer::csv_export;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The releases page.
#[component]
pub fn ReleaseList() -> impl IntoView {
    let db = Db::expect();
    let data = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let list = release::list(&*store).await?;
            let kes: Vec<crate::domain::known_error::KnownError> =
                crate::ops::portal::scan_kind(&*store, "known_error", |r| match r {
                    crate::domain::couch::record::Record::KnownError(k) => Some(k),
                    _ => None,
                })
                .await?;
            let names = directory::load(&*store).await?;
            Ok::<_, AppError>((list, names, kes))
        }
    });
    let export = move || {
        let store = db.store();
        async move { csv_export::releases(&*store?).await }
    };
    view! {
        <div class="page-head">
            <h1>"Releases"</h1>
            <div class="actions">
                <ExportCsv make=export what="releases"/>
                <a class="button primary" href=AppRoute::NewRelease.href()>"New release"</a>
            </div>
        </div>
        <Suspense fallback=|| view! { <p role="status">"Loading releases…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (list, names, kes) = data.await?;
                    if list.is_empty() {
                        return Ok::<_, AppError>(view! {
                            <p class="empty empty-state">"No releases yet. "
                                <a href=AppRoute::NewRelease.href()>"Create a release"</a>
                                " to follow it from testing through early life support."</p>
                        }.into_any());
                    }
                    let rows = list.into_iter().map(|r| {
                        let reference = r.reference.as_str().to_owned();
                        let href = AppRoute::Release(reference.clone()).href();
                        let services: Vec<String> = r.services.iter().map(|s| names.name(s).to_owned()).collect();
                        let carried = crate::domain::release::readiness::carried_ever(&r, &kes).len();
                        let deployed = match (r.deployment_date, r.is_deployed()) {
                            (Some(d), true) => d.date(),
                            (Some(d), false) => format!("{} (planned)", d.date()),
                            (None, _) => "—".to_owned(),
                        };
                        let els_end = r.els_end().filter(|_| r.is_deployed()).map_or_else(|| "—".to_owned(), |d| d.date());
                        view! {
                            <tr>
                                <td><a href=href>{reference}</a></td>
                                <td>{r.title()}</td>
                                <td><StatusBadge label=r.status.label()/></td>
                                <td>{services.join(", ")}</td>
                                <td>{deployed}</td>
                                <td>{els_end}</td>
                                <td>{carried}</td>
                            </tr>
                        }
                    }).collect_view();
                    Ok(view! {
                        <table class="grid">
                            <caption class="visually-hidden">"Releases"</caption>
                            <thead><tr>
                                <th scope="col">"Reference"</th>
                                <th scope="col">"Release"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Services"</th>
                                <th scope="col">"Deployment"</th>
                                <th scope="col">"Early life support until"</th>
                                <th scope="col">"Known errors carried"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any())
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
