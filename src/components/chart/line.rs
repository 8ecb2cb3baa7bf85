//! The line chart: one line per series, a point per category; each point a
//! keyboard-reachable mark with a tooltip, a link when its category has one.

use leptos::prelude::*;

use crate::domain::kpi::chart::{line_points, mark_label, path_d, VIEW_HEIGHT, VIEW_WIDTH};

use super::axes::scale;
use super::frame::{axis_svg, chart_instance, series_legend};
use super::{colour_class, no_data, ChartData, Marks};

/// Radius of a visible point.
const DOT: f64 = 3.5;
/// Largest radius of a point's invisible hover target (smaller when points crowd).
const HIT: f64 = 9.0;

/// A line chart of `data`: one line per series.
#[component]
pub fn LineChart(
    /// What to draw: a line per series, a point per category.
    #[prop(into)]
    data: Signal<ChartData>,
) -> impl IntoView {
    chart_instance("line", data, (VIEW_WIDTH, VIEW_HEIGHT), series_legend, draw)
}

/// The SVG of one line chart.
fn draw(d: &ChartData, heading: &str, marks: Marks) -> AnyView {
    if d.is_empty() {
        return no_data();
    }
    let axis = scale(d, d.max_value());
    let (max, plot) = (axis.0.max, axis.2);
    let n = d.categories.len();
    let hit = (plot.band(n) / 2.0).clamp(DOT + 1.0, HIT);
    // Crowded points (long ranges) shrink so the line stays readable.
    let dot = (plot.band(n) / 3.0).clamp(1.5, DOT);
    let lines = d
        .series
        .iter()
        .enumerate()
        .map(|(s, series)| {
            let values: Vec<f64> = (0..n).map(|c| d.value(s, c)).collect();
            let points = line_points(&values, n, max, plot);
            let path = view! {
                <path class=format!("chart-line {}", colour_class(s)) d=path_d(&points)></path>
            };
            let dots = points
                .into_iter()
                .enumerate()
                .map(|(c, (x, y))| {
                    let category = d.categories.get(c).map_or("", String::as_str);
                    let label = mark_label(category, &series.name, values[c], d.unit);
                    let shape = view! {
                        <circle class="chart-hit" cx=x cy=y r=hit></circle>
                        <circle class=format!("chart-point {}", colour_class(s)) cx=x cy=y r=dot></circle>
                    }
                    .into_any();
                    marks.mark(shape, label, d.link(c).map(str::to_owned), (x, y))
                })
                .collect_view();
            view! { <g class="chart-series">{path} {dots}</g> }
        })
        .collect_view();
    axis_svg(d, heading, axis, lines)
}
