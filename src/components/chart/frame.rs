//! What the three chart components share: one instance's id, tooltip and marks wired
//! to its figure, and the SVG of the charts with axes (bar and line).

use leptos::prelude::*;

use crate::domain::kpi::chart::{Plot, Ticks, VIEW_HEIGHT, VIEW_WIDTH};

use super::axes::axes;
use super::figure::ChartFigure;
use super::{chart_id, ChartData, Marks};

/// Draws one chart's SVG from its data, the id of its heading and its marks' handles.
pub(super) type Draw = fn(&ChartData, &str, Marks) -> AnyView;

/// One chart instance: a fresh id, its tooltip, its figure, and `draw` rerun whenever
/// `data` changes; `view_size` is the SVG's coordinate system (width, height).
pub(super) fn chart_instance(
    kind: &'static str,
    data: Signal<ChartData>,
    view_size: (f64, f64),
    legend: fn(&ChartData) -> Vec<(usize, String)>,
    draw: Draw,
) -> impl IntoView {
    let id = chart_id();
    let heading = format!("{id}-title");
    let tip = RwSignal::new(None);
    let marks = Marks::new(tip, view_size.0, view_size.1);
    let legend = Signal::derive(move || data.with(legend));
    view! {
        <ChartFigure id data tip kind legend>
            {move || data.with(|d| draw(d, &heading, marks))}
        </ChartFigure>
    }
}

/// Legend entries naming each series.
pub(super) fn series_legend(d: &ChartData) -> Vec<(usize, String)> {
    d.series
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.name.clone()))
        .collect()
}

/// The SVG of a chart with axes: the axes of `ticks` over `plot`, then `marks`.
pub(super) fn axis_svg(
    d: &ChartData,
    heading: &str,
    (ticks, tick_labels, plot): (Ticks, Vec<String>, Plot),
    marks: impl IntoView + 'static,
) -> AnyView {
    view! {
        <svg
            class="chart-svg"
            viewBox=format!("0 0 {VIEW_WIDTH} {VIEW_HEIGHT}")
            role="group"
            aria-labelledby=heading.to_owned()
        >
            {axes(d, &ticks, tick_labels, plot)}
            <g class="chart-marks">{marks}</g>
        </svg>
    }
    .into_any()
}
