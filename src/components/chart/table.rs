//! A chart's figures as an accessible table: the title as caption, a column per
//! series, a row per category (a link when the category has one), values with units.

use leptos::prelude::*;

use crate::domain::kpi::chart::format_value;

use super::ChartData;

/// The data table of one chart.
#[component]
pub(super) fn DataTable(
    /// What the chart shows.
    data: Signal<ChartData>,
) -> impl IntoView {
    move || {
        let d = data.get();
        let category_head = if d.x_label.is_empty() {
            "Category".to_owned()
        } else {
            d.x_label.clone()
        };
        let heads = d
            .series
            .iter()
            .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
            .collect_view();
        let rows = d
            .categories
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let head = match d.link(c) {
                    Some(href) => view! { <a href=href.to_owned()>{name.clone()}</a> }.into_any(),
                    None => name.clone().into_any(),
                };
                let cells = (0..d.series.len())
                    .map(|s| view! { <td>{format_value(d.value(s, c), d.unit)}</td> })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{head}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="chart-table">
                <caption>{d.title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{category_head}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    }
}
