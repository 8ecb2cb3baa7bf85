//! The start page: what this is, the two areas, and demo data for an empty desk.

use leptos::prelude::*;

use crate::components::demo_offer::DemoOffer;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// Landing page with the way into the desk and the portal.
#[component]
pub fn Home() -> impl IntoView {
    let db = Db::expect();
    let empty = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            match db.store() {
                Ok(store) => crate::ops::demo::is_empty(&*store).await.unwrap_or(false),
                Err(_) => false,
            }
        }
    });
    view! {
        <main id="main" class="page">
            <h1>"Service desk"</h1>
            <p class="lead">
                "An ITIL service desk that lives in your browser: it works offline and keeps its data on this device."
            </p>
            <div class="cards">
                <a class="card" href=AppRoute::Incidents.href()>
                    <h2>"Desk"</h2>
                    <p>"For service-desk agents: the incident queue, triage and follow-up."</p>
                </a>
                <a class="card" href=AppRoute::Portal.href()>
                    <h2>"Portal"</h2>
                    <p>"For everyone else: find help articles about our services."</p>
                </a>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { empty.await.then(|| view! { <DemoOffer/> }) })}
            </Suspense>
        </main>
    }
}
