//! The donut chart: a slice per category of the first series, the total in the middle;
//! each slice a keyboard-reachable mark with a tooltip, a link when its category has one.

use leptos::prelude::*;

use crate::domain::kpi::chart::{donut_slices, format_value, mark_label};

use super::frame::chart_instance;
use super::{colour_class, no_data, ChartData, Marks};

/// Side of the donut's square coordinate system.
const SIZE: f64 = 240.0;
/// Outer radius (a little room for the focus ring).
const OUTER: f64 = 112.0;
/// Inner radius: room for the total.
const INNER: f64 = 68.0;

/// A donut of the first series of `data`: a slice per category, the total in the middle.
#[component]
pub fn DonutChart(
    /// What to draw: slices = categories of `series[0]`.
    #[prop(into)]
    data: Signal<ChartData>,
) -> impl IntoView {
    chart_instance("donut", data, (SIZE, SIZE), slice_legend, draw)
}

/// Legend entries naming each slice with its value.
fn slice_legend(d: &ChartData) -> Vec<(usize, String)> {
    d.categories
        .iter()
        .enumerate()
        .map(|(c, name)| {
            (
                c,
                format!("{name}: {}", format_value(d.value(0, c), d.unit)),
            )
        })
        .collect()
}

/// The SVG of one donut.
fn draw(d: &ChartData, heading: &str, marks: Marks) -> AnyView {
    if d.is_empty() {
        return no_data();
    }
    let n = d.categories.len();
    let values: Vec<f64> = (0..n).map(|c| d.value(0, c)).collect();
    let total: f64 = values.iter().sum();
    let series = d.series.first().map_or("", |s| s.name.as_str());
    let centre = SIZE / 2.0;
    let slices = donut_slices(&values, centre, centre, OUTER, INNER)
        .into_iter()
        .map(|s| {
            let category = d.categories.get(s.category).map_or("", String::as_str);
            let label = mark_label(category, series, s.value, d.unit);
            let shape = view! {
                <path class=format!("chart-slice {}", colour_class(s.category)) d=s.d></path>
            }
            .into_any();
            marks.mark(
                shape,
                label,
                d.link(s.category).map(str::to_owned),
                s.anchor,
            )
        })
        .collect_view();
    view! {
        <svg
            class="chart-svg"
            viewBox=format!("0 0 {SIZE} {SIZE}")
            role="group"
            aria-labelledby=heading.to_owned()
        >
            <g class="chart-marks">{slices}</g>
            <text class="chart-total" x=centre y=centre text-anchor="middle">
                {format_value(total, d.unit)}
            </text>
            <text class="chart-tick" x=centre y=centre + 20.0 text-anchor="middle">
                "Total"
            </text>
        </svg>
    }
    .into_any()
}
