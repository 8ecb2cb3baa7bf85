//! The frame every chart shares: a `<figure>` with the title as its heading, the plot
//! with its tooltip, a legend when there are several series, and the data table behind
//! a "Show data table" toggle.

use leptos::prelude::*;

use super::table::DataTable;
use super::{colour_class, ChartData, Tip};

/// The figure around one chart's SVG (its children).
#[component]
pub(super) fn ChartFigure(
    /// The chart instance's id; the heading is `<id>-title`, the table `<id>-table`.
    id: String,
    /// What the chart shows.
    data: Signal<ChartData>,
    /// The tooltip the marks set.
    tip: RwSignal<Option<Tip>>,
    /// "bar", "line" or "donut": styles the plot's size.
    kind: &'static str,
    /// Legend entries (colour index, name); shown when there are two or more.
    legend: Signal<Vec<(usize, String)>>,
    /// The SVG (or the empty-state message).
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-title");
    let table_id = format!("{id}-table");
    let (labelled_by, controls) = (heading.clone(), table_id.clone());
    let open = RwSignal::new(false);
    let empty = Memo::new(move |_| data.with(ChartData::is_empty));
    // `try_with`: a mark may clear the tooltip while the page is being torn down.
    let tip_text = move || {
        tip.try_with(|t| t.as_ref().map(|t| t.text.clone()))
            .flatten()
    };
    let tip_left = move || {
        tip.try_with(|t| t.as_ref().map_or(0.0, |t| t.left))
            .unwrap_or(0.0)
    };
    let tip_end = move || tip_left() > 60.0;
    let tip_top = move || {
        tip.try_with(|t| t.as_ref().map_or(0.0, |t| t.top))
            .unwrap_or(0.0)
    };
    view! {
        <figure class=format!("chart chart-fig-{kind}") id=id aria-labelledby=labelled_by>
            <h3 class="chart-title" id=heading>
                {move || data.with(|d| d.title.clone())}
            </h3>
            <div class=format!("chart-plot chart-plot-{kind}")>
                {children()}
                <div
                    class="chart-tip"
                    class:chart-tip-end=tip_end
                    aria-hidden="true"
                    hidden=move || tip_text().is_none()
                    style:left=move || format!("{:.2}%", tip_left())
                    style:top=move || format!("{:.2}%", tip_top())
                >
                    {tip_text}
                </div>
            </div>
            <Show when=move || !empty.get()>
                <Legend entries=legend />
                <button
                    type="button"
                    class="button chart-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=controls.clone()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || if open.get() { "Hide data table" } else { "Show data table" }}
                </button>
            </Show>
            <div
                class="chart-table-wrap"
                id=table_id
                hidden=move || !open.get() || empty.get()
            >
                {move || (open.get() && !empty.get()).then(|| view! { <DataTable data /> })}
            </div>
        </figure>
    }
}

/// The colour key of a chart with several series (or a donut's slices).
#[component]
fn Legend(
    /// (colour index, name) per entry.
    entries: Signal<Vec<(usize, String)>>,
) -> impl IntoView {
    move || {
        let entries = entries.get();
        (entries.len() > 1).then(|| {
            let items = entries
                .into_iter()
                .map(|(i, name)| {
                    view! {
                        <li>
                            <span class=format!("chart-swatch {}", colour_class(i)) aria-hidden="true"></span>
                            {name}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chart-legend">{items}</ul> }
        })
    }
}
