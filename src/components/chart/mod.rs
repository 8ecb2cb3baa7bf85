//! Charts drawn by the app as SVG (bar, stacked bar, line, donut) and the parts they
//! share: per-instance ids, marks that are keyboard-reachable and may be links, the
//! tooltip. The figure (title, legend, data table) is in `figure.rs`, the wiring of one
//! instance in `frame.rs`, the axes in `axes.rs`; the geometry is pure, in `domain::chart`.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

pub use crate::domain::kpi::chart::{ChartData, Series, Unit};

mod axes;
mod bar;
mod donut;
mod figure;
mod frame;
mod line;
mod table;

pub use bar::BarChart;
pub use donut::DonutChart;
pub use line::LineChart;

/// Number of series colours in `style/charts.css` (`--series-0` … `--series-5`).
const COLOURS: usize = 6;

/// The class giving a mark series (or slice) colour `i`.
fn colour_class(i: usize) -> String {
    format!("chart-c{}", i % COLOURS)
}

/// Ids handed out so far: several charts on one page, even with the same title, get
/// distinct element ids.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A fresh element id for one chart instance.
fn chart_id() -> String {
    format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// The tooltip on show: where (percent of the plot's width and height) and what.
#[derive(Clone, Debug, PartialEq)]
struct Tip {
    left: f64,
    top: f64,
    text: String,
}

/// Navigates inside the app to a path (the router's `navigate`, kept per chart).
type Go = StoredValue<Box<dyn Fn(&str)>, LocalStorage>;

/// What every mark of one chart needs: the tooltip it sets, the way to follow its link
/// inside the app, and the size of the SVG's coordinate system (to place the tooltip).
#[derive(Clone, Copy)]
struct Marks {
    tip: RwSignal<Option<Tip>>,
    go: Go,
    view_width: f64,
    view_height: f64,
}

impl Marks {
    /// Handles for a chart whose SVG coordinates span `view_width` × `view_height`.
    fn new(tip: RwSignal<Option<Tip>>, view_width: f64, view_height: f64) -> Self {
        let navigate = use_navigate();
        let go: Box<dyn Fn(&str)> =
            Box::new(move |href| navigate(href, NavigateOptions::default()));
        Self {
            tip,
            go: StoredValue::new_local(go),
            view_width,
            view_height,
        }
    }

    /// One mark: `shape` made focusable (a link when `href` is given), named `label`,
    /// showing `label` as a tooltip at `anchor` on hover and on focus.
    fn mark(
        self,
        shape: AnyView,
        label: String,
        href: Option<String>,
        anchor: (f64, f64),
    ) -> AnyView {
        let tip = self.tip;
        let at = Tip {
            left: anchor.0 / self.view_width * 100.0,
            top: anchor.1 / self.view_height * 100.0,
            text: label.clone(),
        };
        // `try_set`: a mark can lose focus or the pointer while its page is being torn down
        // (after its own link was followed), when the signal is already gone.
        let show = move || {
            let _ = tip.try_set(Some(at.clone()));
        };
        let (show_hover, show_focus) = (show.clone(), show);
        let hide = move || {
            let _ = tip.try_set(None);
        };
        let focusable = match href {
            Some(href) => {
                let go = self.go;
                let target = href.clone();
                // The outer `g` makes the macro build an SVG `a`, not an HTML one.
                view! {
                    <g>
                        <a
                            class="chart-mark chart-link"
                            href=href
                            aria-label=label
                            on:click=move |ev: MouseEvent| follow(&ev, &target, go)
                        >
                            {shape}
                        </a>
                    </g>
                }
                .into_any()
            }
            None => view! {
                <g class="chart-mark" tabindex="0" role="img" aria-label=label>
                    {shape}
                </g>
            }
            .into_any(),
        };
        // `focusin`/`focusout` bubble from the focusable part, unlike `focus`/`blur`.
        view! {
            <g
                on:mouseenter=move |_| show_hover()
                on:mouseleave=move |_| hide()
                on:focusin=move |_| show_focus()
                on:focusout=move |_| hide()
            >
                {focusable}
            </g>
        }
        .into_any()
    }
}

/// A plain click on a mark's link navigates inside the app; a modified click (new tab,
/// new window, download) or another button keeps the browser's default.
fn follow(ev: &MouseEvent, href: &str, go: Go) {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    ev.prevent_default();
    let _ = go.try_with_value(|go| go(href));
}

/// What a chart shows instead of axes when there is nothing to draw.
fn no_data() -> AnyView {
    view! { <p class="chart-empty">"No data in this range."</p> }.into_any()
}
