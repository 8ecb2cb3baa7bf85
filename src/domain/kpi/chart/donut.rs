//! Donut geometry: one ring segment per category, clockwise from the top, as SVG path
//! data; a single slice holding everything is drawn as a full ring (one SVG arc cannot
//! draw a whole circle).

use std::f64::consts::{FRAC_PI_2, TAU};

use super::{clean, num};

/// One slice of a donut.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    /// Category index.
    pub category: usize,
    /// The cleaned value it shows.
    pub value: f64,
    /// Its share of the total, 0..=1.
    pub fraction: f64,
    /// Start angle in radians, clockwise from the top.
    pub start: f64,
    /// End angle in radians, clockwise from the top.
    pub end: f64,
    /// SVG path data of the ring segment (draw with `fill-rule: evenodd`).
    pub d: String,
    /// A point in the middle of the segment, for a tooltip.
    pub anchor: (f64, f64),
}

/// Shares above this are a whole ring (float sums of the other shares are not exact).
const FULL: f64 = 1.0 - 1e-9;

/// Slices of a donut centred on (`cx`, `cy`) with outer radius `r` and inner radius
/// `inner`; zero values get no slice. Empty when the total is 0.
pub fn donut_slices(values: &[f64], cx: f64, cy: f64, r: f64, inner: f64) -> Vec<Slice> {
    let total: f64 = values.iter().map(|v| clean(*v)).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let point = |radius: f64, angle: f64| {
        // Angle 0 is the top; SVG's y axis points down, so this turns clockwise.
        let a = angle - FRAC_PI_2;
        (cx + radius * a.cos(), cy + radius * a.sin())
    };
    let p = |(x, y): (f64, f64)| format!("{} {}", num(x), num(y));
    let mut start = 0.0;
    let mut out = Vec::new();
    for (category, v) in values.iter().enumerate() {
        let value = clean(*v);
        if value <= 0.0 {
            continue;
        }
        let fraction = value / total;
        let end = (start + fraction * TAU).min(TAU);
        let d = if fraction >= FULL {
            let (top, bottom) = (point(r, 0.0), point(r, TAU / 2.0));
            let (itop, ibottom) = (point(inner, 0.0), point(inner, TAU / 2.0));
            format!(
                "M{} A{r} {r} 0 1 1 {} A{r} {r} 0 1 1 {} Z M{} A{inner} {inner} 0 1 0 {} \
                 A{inner} {inner} 0 1 0 {} Z",
                p(top),
                p(bottom),
                p(top),
                p(itop),
                p(ibottom),
                p(itop),
                r = num(r),
                inner = num(inner),
            )
        } else {
            let large = u8::from(end - start > TAU / 2.0);
            format!(
                "M{} A{r} {r} 0 {large} 1 {} L{} A{inner} {inner} 0 {large} 0 {} Z",
                p(point(r, start)),
                p(point(r, end)),
                p(point(inner, end)),
                p(point(inner, start)),
                r = num(r),
                inner = num(inner),
            )
        };
        out.push(Slice {
            category,
            value,
            fraction,
            start,
            end,
            d,
            anchor: point((r + inner) / 2.0, (start + end) / 2.0),
        });
        start = end;
    }
    out
}
