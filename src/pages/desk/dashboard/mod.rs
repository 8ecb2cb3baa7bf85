//! The manager dashboard (`/desk/dashboard`): a time range in the URL (`days=7|30|90`
//! or `from`/`to` dates), the figures at a glance, the charts, the knowledge tables and
//! a CSV export of every figure.

pub mod charts;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::chart::{BarChart, DonutChart, LineChart};
use crate::components::download::ExportCsv;
use crate::components::error_panel::error_panel;
use crate::domain::incident::query::{IncidentFilter, DEFAULT_SORT};
use crate::domain::kernel::time::humanize_duration;
use crate::domain::kpi::range::Range;
use crate::domain::kpi::records::{deflection_rate, ArticleFigure};
use crate::domain::kpi::Compliance;
use crate::ops::clock;
use crate::ops::dashboard::{self, Figures};
use crate::ops::directory;
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::state::db::Db;

use super::queue::queue_href;

mod url;
pub use url::{range_of, Choice};

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1} %"))
}

fn compliance_detail(c: &Compliance) -> String {
    format!("{} met, {} breached", c.met, c.breached)
}

/// One figure tile.
fn tile(label: &'static str, value: String, detail: String, href: Option<String>) -> impl IntoView {
    let value = match href {
        Some(h) => view! { <a href=h>{value}</a> }.into_any(),
        None => view! { <span>{value}</span> }.into_any(),
    };
    view! {
        <div class="kpi">
            <dt>{label}</dt>
            <dd class="kpi-value">{value}</dd>
            <dd class="kpi-detail">{detail}</dd>
        </div>
    }
}

fn article_table(
    caption: &'static str,
    unit: &'static str,
    rows: Vec<ArticleFigure>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <div class="dash-table"><h3>{caption}</h3>
            <p class="empty">"No published article yet. Publish one from Knowledge."</p></div>
        }
        .into_any();
    }
    view! {
        <div class="dash-table">
            <table>
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Article"</th><th scope="col">{unit}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|a| {
                        let href = AppRoute::Article(a.reference.clone()).href();
                        view! {
                        <tr>
                            <th scope="row"><a href=href>{a.reference}" "{a.title}</a></th>
                            <td>{a.value}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn tiles(f: &Figures) -> impl IntoView {
    let k = &f.incidents;
    let open: u32 = k.backlog_by_priority.iter().sum();
    let open_link = queue_href(
        &IncidentFilter {
            open_only: true,
            ..IncidentFilter::default()
        },
        DEFAULT_SORT,
        1,
    );
    let created_link = queue_href(&charts::created_in(k.range), DEFAULT_SORT, 1);
    let major_link = queue_href(
        &IncidentFilter {
            major: Some(true),
            ..charts::created_in(k.range)
        },
        DEFAULT_SORT,
        1,
    );
    let rate = deflection_rate(f.knowledge.deflections, f.portal_incidents);
    view! {
        <dl class="kpi-tiles">
            {tile("Open backlog", open.to_string(), "open now, all priorities".into(), Some(open_link))}
            {tile("Created", k.created.to_string(), "in the range".into(), Some(created_link))}
            {tile("Resolved", k.resolved.to_string(), "in the range".into(), None)}
            {tile("Response SLA", percent(k.response_sla.percent()), compliance_detail(&k.response_sla), None)}
            {tile("Resolution SLA", percent(k.resolution_sla.percent()), compliance_detail(&k.resolution_sla), None)}
            {tile("Reopen rate", percent(k.reopen_rate()), format!("{} of {} resolved were reopened", k.reopened, k.resolved), None)}
            {tile("Escalations", (k.functional_escalations + k.hierarchical_escalations).to_string(),
                format!("{} functional, {} hierarchical", k.functional_escalations, k.hierarchical_escalations), None)}
            {tile("Major incidents", k.major_created.to_string(), format!("created in the range; {} open now", k.major_open), Some(major_link))}
            {tile("Active known errors", f.known_errors.active.to_string(),
                format!("{} with a workaround, {} in draft", f.known_errors.active_with_workaround, f.known_errors.draft),
                Some(AppRoute::KnownErrors.href()))}
            {tile("Open problems", f.aging.buckets.iter().sum::<u32>().to_string(),
                f.aging.oldest.as_ref().map_or_else(|| "none open".to_owned(), |(r, age)| format!("oldest {r}, {}", humanize_duration(*age))),
                Some(AppRoute::Problems.href()))}
            {tile("Published articles", f.knowledge.published.to_string(), format!("{} on the portal", f.knowledge.published_public), Some(AppRoute::Articles.href()))}
            {tile("Portal deflection rate", percent(rate),
                format!("{} deflected, {} reported through the portal (all time)", f.knowledge.deflections, f.portal_incidents), None)}
        </dl>
    }
}

/// The range picker: three ready ranges and a custom one.
#[component]
fn RangeBar(choice: Choice, range: Range) -> impl IntoView {
    let navigate = use_navigate();
    let (from0, to0) = match choice {
        Choice::Custom => (range.first_date(), range.last_date()),
        _ => (String::new(), String::new()),
    };
    let from = RwSignal::new(from0);
    let to = RwSignal::new(to0);
    let error = RwSignal::new(None::<String>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Range::custom(&from.get_untracked(), &to.get_untracked(), clock::now()) {
            Ok(r) => {
                error.set(None);
                navigate(&url::custom_href(r), Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let days = |n: u32, label: &'static str| {
        let here = choice == Choice::Days(n);
        view! { <a href=url::days_href(n) aria-current=here.then_some("page")>{label}</a> }
    };
    view! {
        <div class="range-bar">
            <nav class="range-choices" aria-label="Time range">
                {days(7, "Last 7 days")}
                {days(30, "Last 30 days")}
                {days(90, "Last 90 days")}
            </nav>
            <form class="range-custom" on:submit=apply aria-label="Custom range">
                <div class="field">
                    <label for="range-from">"From"</label>
                    <input id="range-from" type="date" prop:value=move || from.get()
                        on:input=move |ev| from.set(event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="range-error"/>
                </div>
                <div class="field">
                    <label for="range-to">"To"</label>
                    <input id="range-to" type="date" prop:value=move || to.get()
                        on:input=move |ev| to.set(event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="range-error"/>
                </div>
                <button type="submit" class="button">"Show range"</button>
                <p id="range-error" class="field-error" role="alert">{move || error.get()}</p>
            </form>
        </div>
        <p class="range-note">
            {format!("{} to {} (UTC), {} days", range.first_date(), range.last_date(), range.day_count())}
            {(choice == Choice::Custom).then_some(" · custom range")}
        </p>
    }
}

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    let db = Db::expect();
    let location = use_location();
    let data = LocalResource::new(move || {
        let revision = db.revision.get();
        let qs = location.search.get();
        async move {
            let store = db.store()?;
            let queue = db.queue();
            let now = clock::now();
            let (choice, range, warning) = range_of(&qs, now);
            queue.sync(&*store, revision, now).await?;
            let dir = directory::load(&*store).await?;
            let records = dashboard::records(&*store, now).await?;
            let figures = dashboard::figures(&queue, &records, range, now);
            Ok::<_, AppError>((choice, range, warning, figures, dir))
        }
    });
    view! {
        <div class="page-head">
            <h1>"Dashboard"</h1>
        </div>
        <Transition fallback=|| view! { <p role="status">"Computing the figures…"</p> }>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                let (choice, range, warning, f, dir) = data.await?;
                let csv = dashboard::csv(&f, &dir);
                let name = format!("dashboard-{}-to-{}.csv", range.first_date(), range.last_date());
                let export = move || {
                    let out = (name.clone(), csv.clone());
                    async move { Ok::<_, AppError>(out) }
                };
                let k = &f.incidents;
                let empty = f.held == 0;
                Ok::<_, AppError>(view! {
                    <RangeBar choice=choice range=range/>
                    {warning.map(|w| view! { <p class="notice" role="status">{w}</p> })}
                    <div class="dash-actions">
                        <ExportCsv make=export what="dashboard figures"/>
                    </div>
                    {empty.then(|| view! {
                        <p class="empty">"No incidents on this desk yet: the figures fill in as incidents are logged. Load the demo data from the incident queue to look around."</p>
                    })}
                    <section aria-labelledby="dash-glance" class="dash-section"
                        data-compute-ms=format!("{:.2}", f.compute_ms)>
                        <h2 id="dash-glance">"At a glance"</h2>
                        {tiles(&f)}
                    </section>
                    <section aria-labelledby="dash-incidents" class="dash-section">
                        <h2 id="dash-incidents">"Incidents"</h2>
                        <div class="chart-grid">
                            <BarChart data=charts::backlog(k)/>
                            <LineChart data=charts::flow(k)/>
                            <BarChart data=charts::mttr(k)/>
                            <DonutChart data=charts::sla("Response SLA", k.response_sla.met, k.response_sla.breached)/>
                            <DonutChart data=charts::sla("Resolution SLA", k.resolution_sla.met, k.resolution_sla.breached)/>
                            <DonutChart data=charts::escalations(k)/>
                            <BarChart data=charts::by_service(k, &dir)/>
                            <BarChart data=charts::by_category(k)/>
                        </div>
                    </section>
                    <section aria-labelledby="dash-releases" class="dash-section">
                        <h2 id="dash-releases">"Releases and problems"</h2>
                        <div class="chart-grid">
                            <BarChart data=charts::by_release(k, &dir)/>
                            <BarChart data=charts::aging(&f.aging)/>
                        </div>
                    </section>
                    <section aria-labelledby="dash-knowledge" class="dash-section">
                        <h2 id="dash-knowledge">"Knowledge"</h2>
                        <div class="chart-grid">
                            {article_table("Most viewed articles", "Views", f.knowledge.most_viewed.clone())}
                            {article_table("Most helpful articles", "Helpful votes", f.knowledge.most_helpful.clone())}
                        </div>
                    </section>
                    <p class="compute-note">{format!("Figures computed from {} incidents in {:.0} ms.", f.held, f.compute_ms)}</p>
                })
            })}
            </ErrorBoundary>
        </Transition>
    }
}
