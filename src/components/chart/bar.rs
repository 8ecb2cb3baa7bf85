//! The bar chart: vertical bars, stacked bottom-up when there are several series; each
//! segment a keyboard-reachable mark with a tooltip, a link when its category has one.

use leptos::prelude::*;

use crate::domain::kpi::chart::{bars, mark_label, VIEW_HEIGHT, VIEW_WIDTH};

use super::axes::scale;
use super::frame::{axis_svg, chart_instance, series_legend};
use super::{colour_class, no_data, ChartData, Marks};

/// A vertical bar chart of `data`; stacked when it has several series.
#[component]
pub fn BarChart(
    /// What to draw: a bar per category, a segment per series.
    #[prop(into)]
    data: Signal<ChartData>,
) -> impl IntoView {
    chart_instance("bar", data, (VIEW_WIDTH, VIEW_HEIGHT), series_legend, draw)
}

/// The SVG of one bar chart.
fn draw(d: &ChartData, heading: &str, marks: Marks) -> AnyView {
    if d.is_empty() {
        return no_data();
    }
    let axis = scale(d, d.max_total());
    let shapes = bars(d, axis.0.max, axis.2)
        .into_iter()
        .map(|b| {
            let series = d.series.get(b.series).map_or("", |s| s.name.as_str());
            let category = d.categories.get(b.category).map_or("", String::as_str);
            let label = mark_label(category, series, b.value, d.unit);
            let shape = view! {
                <rect
                    class=format!("chart-bar {}", colour_class(b.series))
                    x=b.x
                    y=b.y
                    width=b.width
                    height=b.height
                ></rect>
            }
            .into_any();
            let href = d.link(b.category).map(str::to_owned);
            marks.mark(shape, label, href, (b.x + b.width / 2.0, b.y))
        })
        .collect_view();
    axis_svg(d, heading, axis, shapes)
}
