//! Chart data and geometry, pure: the data a chart shows, value formatting per unit,
//! "nice" axis ticks, linear scales, bar and stacked-bar rectangles, line points and
//! paths, donut arcs and the thinning of x labels. The SVG itself is drawn by
//! `components/chart`.

/// What a chart's values measure; decides how they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Whole things ("12").
    Count,
    /// Durations in hours ("3.5 h").
    Hours,
    /// Shares out of a hundred ("87.5 %").
    Percent,
}

/// One named row of values, one value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Shown in the legend, the tooltips and the data table.
    pub name: String,
    /// One value per category, in the categories' order.
    pub values: Vec<f64>,
}

/// Everything a chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// The figure's heading; also names the SVG.
    pub title: String,
    /// Label under the x axis (unused by the donut).
    pub x_label: String,
    /// Label beside the y axis (unused by the donut).
    pub y_label: String,
    /// How the values are written.
    pub unit: Unit,
    /// Bars, days or slices, in order.
    pub categories: Vec<String>,
    /// One series = plain chart; several = stacked bars or several lines.
    pub series: Vec<Series>,
    /// Per category: the app path its marks open (may be empty = no links).
    pub links: Vec<Option<String>>,
}

impl ChartData {
    /// Value of `series` at `category`, cleaned (missing, NaN, infinite or negative = 0).
    pub fn value(&self, series: usize, category: usize) -> f64 {
        self.series
            .get(series)
            .and_then(|s| s.values.get(category))
            .map_or(0.0, |v| clean(*v))
    }

    /// The link of a category, if any.
    pub fn link(&self, category: usize) -> Option<&str> {
        self.links.get(category).and_then(|l| l.as_deref())
    }

    /// Sum of every series at `category` (the height of a stacked bar).
    pub fn total(&self, category: usize) -> f64 {
        (0..self.series.len())
            .map(|s| self.value(s, category))
            .sum()
    }

    /// Largest single value of any series (the top of a line chart).
    pub fn max_value(&self) -> f64 {
        let all = (0..self.series.len())
            .flat_map(|s| (0..self.categories.len()).map(move |c| (s, c)))
            .map(|(s, c)| self.value(s, c));
        all.fold(0.0, f64::max)
    }

    /// Largest stacked total (the top of a bar chart).
    pub fn max_total(&self) -> f64 {
        (0..self.categories.len())
            .map(|c| self.total(c))
            .fold(0.0, f64::max)
    }

    /// True when there is nothing to draw: no categories, no series or all zero.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() || self.max_value() <= 0.0
    }
}

/// A value fit to draw: NaN, infinities and negatives become 0.
pub fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// A value as people read it: Count → "12", Hours → "3.5 h", Percent → "87.5 %".
pub fn format_value(v: f64, unit: Unit) -> String {
    let v = clean(v);
    match unit {
        Unit::Count => format!("{:.0}", v.round()),
        Unit::Hours => format!("{v:.1} h"),
        Unit::Percent => format!("{v:.1} %"),
    }
}

/// A tick on the value axis: no decimals when the step is whole, the unit's suffix.
pub fn format_tick(v: f64, step: f64, unit: Unit) -> String {
    let number = if step.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    match unit {
        Unit::Count => number,
        Unit::Hours => format!("{number} h"),
        Unit::Percent => format!("{number} %"),
    }
}

/// What a mark says in its tooltip and accessible name.
pub fn mark_label(category: &str, series: &str, value: f64, unit: Unit) -> String {
    format!("{category} · {series}: {}", format_value(value, unit))
}

/// Ticks of a value axis that starts at 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// The top of the axis (the last tick), ≥ the largest value.
    pub max: f64,
    /// Distance between ticks.
    pub step: f64,
    /// Every tick from 0 to `max`.
    pub values: Vec<f64>,
}

/// About this many intervals on a value axis: enough to read, few enough to label.
const TARGET_INTERVALS: f64 = 5.0;

/// Ticks from 0 to a round number ≥ `max`, stepping by 1, 2 or 5 × 10ⁿ, about five
/// intervals; `whole` keeps steps whole (counts). `max` ≤ 0 (or not finite) gives 0..1.
pub fn nice_ticks(max: f64, whole: bool) -> Ticks {
    let max = clean(max);
    if max == 0.0 {
        return Ticks {
            max: 1.0,
            step: 1.0,
            values: vec![0.0, 1.0],
        };
    }
    let raw = max / TARGET_INTERVALS;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    let step = if whole { step.max(1.0).round() } else { step };
    let intervals = (max / step - 1e-9).ceil().max(1.0) as usize;
    let values = (0..=intervals).map(|i| tidy(i as f64 * step)).collect();
    Ticks {
        max: tidy(intervals as f64 * step),
        step,
        values,
    }
}

/// Removes float noise such as 0.30000000000000004.
fn tidy(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// The drawing area inside the axes, in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Plot {
    /// The bottom edge (the zero line).
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The y coordinate of `value` on an axis from 0 to `max`.
    pub fn y_of(&self, value: f64, max: f64) -> f64 {
        if max <= 0.0 {
            return self.bottom();
        }
        self.bottom() - clean(value).min(max) / max * self.height
    }

    /// Width of one category's band when `n` categories share the width.
    pub fn band(&self, n: usize) -> f64 {
        self.width / n.max(1) as f64
    }

    /// The x coordinate of the middle of category `i` of `n`.
    pub fn x_mid(&self, i: usize, n: usize) -> f64 {
        self.x + (i as f64 + 0.5) * self.band(n)
    }
}

/// Width of the SVG coordinate system of bar and line charts (it scales to the page).
pub const VIEW_WIDTH: f64 = 640.0;
/// Height of the SVG coordinate system of bar and line charts.
pub const VIEW_HEIGHT: f64 = 320.0;
/// Space above the plot (half a tick label).
const TOP: f64 = 12.0;
/// Space right of the plot, which the last x label may reach into.
pub const RIGHT: f64 = 24.0;
/// Space under the plot: x labels, then the x axis label.
pub const BOTTOM: f64 = 52.0;
/// Space left of the tick labels for the rotated y axis label.
pub const Y_LABEL_ROOM: f64 = 26.0;

/// The plot area of a bar or line chart whose longest y tick label has `tick_chars`
/// characters.
pub fn plot_area(tick_chars: usize) -> Plot {
    let left = Y_LABEL_ROOM + tick_chars as f64 * labels::CHAR_WIDTH + 8.0;
    Plot {
        x: left,
        y: TOP,
        width: VIEW_WIDTH - left - RIGHT,
        height: VIEW_HEIGHT - TOP - BOTTOM,
    }
}

/// Share of a band a bar fills; the rest is the gap between bars.
const BAR_FILL: f64 = 0.7;

/// One rectangle of a (stacked) bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Category index.
    pub category: usize,
    /// Series index.
    pub series: usize,
    /// The cleaned value it shows.
    pub value: f64,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (proportional to the value).
    pub height: f64,
}

/// Rectangles of a bar chart, series stacked bottom-up in their order, on an axis from
/// 0 to `max`; zero values get no rectangle.
pub fn bars(data: &ChartData, max: f64, plot: Plot) -> Vec<Bar> {
    let n = data.categories.len();
    let band = plot.band(n);
    let width = band * BAR_FILL;
    let mut out = Vec::new();
    for c in 0..n {
        let x = plot.x + c as f64 * band + (band - width) / 2.0;
        let mut below = 0.0;
        for s in 0..data.series.len() {
            let value = data.value(s, c);
            if value <= 0.0 {
                continue;
            }
            let bottom = plot.y_of(below, max);
            below += value;
            let top = plot.y_of(below, max);
            out.push(Bar {
                category: c,
                series: s,
                value,
                x,
                y: top,
                width,
                height: bottom - top,
            });
        }
    }
    out
}

/// Points of one line: a point per category, in the middle of its band.
pub fn line_points(values: &[f64], n: usize, max: f64, plot: Plot) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let v = values.get(i).copied().unwrap_or(0.0);
            (plot.x_mid(i, n), plot.y_of(v, max))
        })
        .collect()
}

/// The SVG path `d` joining the points ("M x y L x y …"); empty for no points.
pub fn path_d(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        if i > 0 {
            d.push(' ');
        }
        d.push_str(&format!("{cmd}{} {}", num(*x), num(*y)));
    }
    d
}

/// A coordinate with at most two decimals, no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

mod donut;
pub use donut::{donut_slices, Slice};

mod labels;
pub use labels::{short_date, x_labels, CHAR_WIDTH};

#[cfg(test)]
mod tests;
