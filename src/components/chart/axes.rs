//! The axes of bar and line charts: y ticks with gridlines, thinned x labels, the
//! zero line and both axis labels, as SVG.

use leptos::prelude::*;

use crate::domain::kpi::chart::{
    format_tick, nice_ticks, plot_area, x_labels, ChartData, Plot, Ticks, Unit, RIGHT, VIEW_HEIGHT,
};

/// The value axis of `data` for a top value of `max`, and the plot area it leaves.
pub(super) fn scale(data: &ChartData, max: f64) -> (Ticks, Vec<String>, Plot) {
    let ticks = nice_ticks(max, data.unit == Unit::Count);
    let labels: Vec<String> = ticks
        .values
        .iter()
        .map(|v| format_tick(*v, ticks.step, data.unit))
        .collect();
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    (ticks, labels, plot_area(longest))
}

/// Gridlines, tick labels, x labels, the zero line and the axis labels.
pub(super) fn axes(
    data: &ChartData,
    ticks: &Ticks,
    tick_labels: Vec<String>,
    plot: Plot,
) -> impl IntoView {
    let right = plot.x + plot.width;
    let grid = ticks
        .values
        .iter()
        .zip(tick_labels)
        .map(|(v, label)| {
            let y = plot.y_of(*v, ticks.max);
            view! {
                <line class="chart-grid" x1=plot.x x2=right y1=y y2=y></line>
                <text class="chart-tick" x=plot.x - 6.0 y=y dy="0.32em" text-anchor="end">
                    {label}
                </text>
            }
        })
        .collect_view();
    let n = data.categories.len();
    let x_ticks = x_labels(&data.categories, plot, plot.x, RIGHT)
        .into_iter()
        .map(|(i, text)| {
            view! {
                <text class="chart-tick" x=plot.x_mid(i, n) y=plot.bottom() + 18.0 text-anchor="middle">
                    {text}
                </text>
            }
        })
        .collect_view();
    let mid_x = plot.x + plot.width / 2.0;
    let mid_y = plot.y + plot.height / 2.0;
    view! {
        <g class="chart-axes" aria-hidden="true">
            {grid}
            {x_ticks}
            <line class="chart-axis" x1=plot.x x2=right y1=plot.bottom() y2=plot.bottom()></line>
        </g>
        <text class="chart-axis-label" x=mid_x y=VIEW_HEIGHT - 8.0 text-anchor="middle">
            {data.x_label.clone()}
        </text>
        <text
            class="chart-axis-label"
            transform=format!("rotate(-90 14 {mid_y})")
            x=14.0
            y=mid_y
            text-anchor="middle"
        >
            {data.y_label.clone()}
        </text>
    }
}
