//! Tests of the chart geometry: nice ticks, scales, (stacked) bars, line points, donut
//! arcs, x-label thinning, value formatting and the cleaning of bad values.

use std::f64::consts::TAU;

use super::*;

const EPS: f64 = 1e-6;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

fn data(categories: &[&str], series: &[(&str, &[f64])]) -> ChartData {
    ChartData {
        title: "Chart".into(),
        x_label: "Day".into(),
        y_label: "Incidents".into(),
        unit: Unit::Count,
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        series: series
            .iter()
            .map(|(name, values)| Series {
                name: (*name).to_owned(),
                values: values.to_vec(),
            })
            .collect(),
        links: Vec::new(),
    }
}

const PLOT: Plot = Plot {
    x: 40.0,
    y: 10.0,
    width: 500.0,
    height: 200.0,
};

#[test]
fn nice_ticks_for_seven_counts() {
    let t = nice_ticks(7.0, true);
    assert_eq!(t.values, vec![0.0, 2.0, 4.0, 6.0, 8.0]);
    assert_eq!((t.max, t.step), (8.0, 2.0));
}

#[test]
fn nice_ticks_for_twelve_and_a_thousand() {
    let t = nice_ticks(12.0, true);
    assert_eq!(t.values, vec![0.0, 5.0, 10.0, 15.0]);
    let t = nice_ticks(1000.0, true);
    assert_eq!(t.values, vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
    assert_eq!(t.max, 1000.0);
}

#[test]
fn nice_ticks_for_nothing_and_bad_values() {
    for max in [0.0, -3.0, f64::NAN, f64::INFINITY] {
        let t = nice_ticks(max, true);
        assert_eq!(t.values, vec![0.0, 1.0], "max {max}");
        assert_eq!(t.max, 1.0);
    }
}

#[test]
fn nice_ticks_keep_counts_whole_and_allow_fractions_otherwise() {
    let t = nice_ticks(2.0, true);
    assert!(t.values.iter().all(|v| v.fract() == 0.0), "{:?}", t.values);
    assert_eq!(t.max, 2.0);
    let t = nice_ticks(2.0, false);
    assert_eq!(t.step, 0.5);
    assert_eq!(t.values, vec![0.0, 0.5, 1.0, 1.5, 2.0]);
    let t = nice_ticks(0.3, false);
    assert_eq!(t.values, vec![0.0, 0.1, 0.2, 0.3]);
}

#[test]
fn nice_ticks_always_cover_the_max() {
    for max in [1.0, 3.0, 9.5, 99.0, 100.0, 101.0, 4321.0, 0.07] {
        let t = nice_ticks(max, false);
        assert!(t.max >= max, "max {max} → {t:?}");
        assert!(t.values.len() >= 2 && t.values.len() <= 11, "{t:?}");
        assert_eq!(t.values.last().copied(), Some(t.max));
    }
}

#[test]
fn plot_area_leaves_room_for_ticks_and_labels() {
    let narrow = plot_area(1);
    let wide = plot_area(6);
    assert!(wide.x > narrow.x && wide.width < narrow.width);
    assert!(close(wide.x + wide.width + RIGHT, VIEW_WIDTH));
    assert!(close(wide.bottom() + BOTTOM, VIEW_HEIGHT));
    assert!(narrow.x > Y_LABEL_ROOM);
}

#[test]
fn scale_maps_zero_to_bottom_and_max_to_top() {
    assert!(close(PLOT.y_of(0.0, 10.0), 210.0));
    assert!(close(PLOT.y_of(10.0, 10.0), 10.0));
    assert!(close(PLOT.y_of(2.5, 10.0), 160.0));
    assert!(close(PLOT.y_of(f64::NAN, 10.0), 210.0));
    assert!(close(PLOT.y_of(5.0, 0.0), 210.0));
}

#[test]
fn bars_are_proportional_and_inside_their_band() {
    let d = data(&["a", "b", "c", "d"], &[("Open", &[1.0, 2.0, 4.0, 0.0])]);
    let b = bars(&d, 4.0, PLOT);
    assert_eq!(b.len(), 3, "a zero value draws no bar");
    assert!(close(b[0].height * 2.0, b[1].height));
    assert!(close(b[1].height * 2.0, b[2].height));
    assert!(close(b[2].height, PLOT.height));
    let band = PLOT.width / 4.0;
    for bar in &b {
        let left = PLOT.x + bar.category as f64 * band;
        assert!(bar.x >= left && bar.x + bar.width <= left + band, "{bar:?}");
        assert!(close(bar.y + bar.height, PLOT.bottom()));
    }
}

#[test]
fn stacked_segments_add_up_to_the_total() {
    let d = data(
        &["mon", "tue"],
        &[
            ("P1", &[1.0, 3.0]),
            ("P2", &[2.0, 0.0]),
            ("P3", &[3.0, 1.0]),
        ],
    );
    let max = nice_ticks(d.max_total(), true).max;
    let b = bars(&d, max, PLOT);
    for c in 0..2 {
        let segs: Vec<&Bar> = b.iter().filter(|s| s.category == c).collect();
        let height: f64 = segs.iter().map(|s| s.height).sum();
        assert!(
            close(height, d.total(c) / max * PLOT.height),
            "category {c}"
        );
        // Stacked bottom-up, each segment on top of the one before.
        for pair in segs.windows(2) {
            assert!(close(pair[0].y, pair[1].y + pair[1].height));
        }
        assert!(close(segs[0].y + segs[0].height, PLOT.bottom()));
    }
    assert_eq!(d.total(0), 6.0);
    assert_eq!(b.iter().filter(|s| s.category == 1).count(), 2);
}

#[test]
fn line_points_sit_mid_band_at_their_value() {
    let pts = line_points(&[0.0, 5.0, 10.0], 3, 10.0, PLOT);
    let band = PLOT.width / 3.0;
    assert_eq!(pts.len(), 3);
    for (i, (x, _)) in pts.iter().enumerate() {
        assert!(close(*x, PLOT.x + band * (i as f64 + 0.5)));
    }
    assert!(close(pts[0].1, 210.0) && close(pts[1].1, 110.0) && close(pts[2].1, 10.0));
    assert_eq!(path_d(&pts[..2]), "M123.33 210 L290 110");
    assert_eq!(path_d(&[]), "");
}

#[test]
fn donut_arcs_cover_the_full_circle() {
    let s = donut_slices(&[1.0, 0.0, 2.0, 1.0], 100.0, 100.0, 80.0, 50.0);
    assert_eq!(s.len(), 3, "a zero value draws no slice");
    assert_eq!(
        s.iter().map(|x| x.category).collect::<Vec<_>>(),
        vec![0, 2, 3]
    );
    let sweep: f64 = s.iter().map(|x| x.end - x.start).sum();
    assert!(close(sweep, TAU));
    assert!(close(s.iter().map(|x| x.fraction).sum::<f64>(), 1.0));
    assert!(close(s[0].start, 0.0) && close(s[2].end, TAU));
    for pair in s.windows(2) {
        assert!(close(pair[0].end, pair[1].start));
    }
    // The half slice is not a large arc; the quarter starts at the top (12 o'clock).
    assert!(s[1].d.contains(" 0 0 1 "), "{}", s[1].d);
    assert!(
        s[0].d.starts_with("M100 20 A80 80 0 0 1 180 100"),
        "{}",
        s[0].d
    );
}

#[test]
fn a_large_slice_uses_the_large_arc_flag() {
    let s = donut_slices(&[3.0, 1.0], 0.0, 0.0, 10.0, 5.0);
    assert!(s[0].d.contains(" 0 1 1 "), "{}", s[0].d);
    assert!(s[1].d.contains(" 0 0 1 "), "{}", s[1].d);
}

#[test]
fn a_single_full_slice_is_drawn_as_a_ring() {
    let s = donut_slices(&[0.0, 7.0, f64::NAN], 100.0, 100.0, 80.0, 50.0);
    assert_eq!(s.len(), 1);
    assert!(close(s[0].fraction, 1.0));
    assert!(close(s[0].end - s[0].start, TAU));
    // Two half arcs outside and two inside: a whole ring, not a zero-length arc.
    assert_eq!(s[0].d.matches('A').count(), 4, "{}", s[0].d);
    assert!(s[0]
        .d
        .contains("M100 20 A80 80 0 1 1 100 180 A80 80 0 1 1 100 20"));
}

#[test]
fn donut_of_nothing_has_no_slices() {
    assert!(donut_slices(&[], 0.0, 0.0, 10.0, 5.0).is_empty());
    assert!(donut_slices(&[0.0, -1.0, f64::NAN], 0.0, 0.0, 10.0, 5.0).is_empty());
}

fn days(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("2025-01-{:02}", i % 31 + 1))
        .collect()
}

/// Neighbouring labels' estimated extents never overlap.
fn assert_no_overlap(cats: &[String], labels: &[(usize, String)], plot: Plot) {
    let n = cats.len();
    for pair in labels.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let right_of_a = plot.x_mid(a.0, n) + a.1.chars().count() as f64 * CHAR_WIDTH / 2.0;
        let left_of_b = plot.x_mid(b.0, n) - b.1.chars().count() as f64 * CHAR_WIDTH / 2.0;
        assert!(right_of_a < left_of_b, "{a:?} overlaps {b:?} of {n}");
    }
    for (i, text) in labels {
        let half = text.chars().count() as f64 * CHAR_WIDTH / 2.0;
        assert!(
            plot.x_mid(*i, n) + half <= VIEW_WIDTH,
            "{text} leaves the chart"
        );
    }
}

#[test]
fn seven_days_show_every_label() {
    let cats = days(7);
    let plot = plot_area("15 %".len());
    let labels = x_labels(&cats, plot, plot.x, RIGHT);
    assert_eq!(labels.len(), 7);
    // Days are written short on the axis: 2025-01-03 → "3 Jan".
    assert!(labels
        .iter()
        .all(|(i, t)| *t == format!("{} Jan", i % 31 + 1)));
    assert_no_overlap(&cats, &labels, plot);
}

#[test]
fn thirty_and_ninety_days_thin_labels_evenly() {
    for n in [30, 90] {
        let cats = days(n);
        let plot = plot_area(2);
        let labels = x_labels(&cats, plot, plot.x, RIGHT);
        assert!(labels.len() < n && labels.len() >= 3, "{n}: {labels:?}");
        let step = labels[1].0 - labels[0].0;
        assert!(step > 1, "{n}");
        assert!(labels.windows(2).all(|p| p[1].0 - p[0].0 == step));
        assert_eq!(labels[0], (0, "1 Jan".to_owned()), "whole short dates kept");
        assert_no_overlap(&cats, &labels, plot);
    }
}

#[test]
fn long_names_are_shortened_when_a_little_is_missing() {
    let cats: Vec<String> = ["Email and calendar", "Payroll", "VPN", "Service desk tools"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let labels = x_labels(&cats, PLOT, 40.0, 20.0);
    assert_eq!(labels.len(), 4);
    assert_eq!(labels[1].1, "Payroll");
    assert!(labels[0].1.ends_with('…') && labels[0].1.starts_with("Email and"));
    assert_no_overlap(&cats, &labels, PLOT);
    assert!(x_labels(&[], PLOT, 0.0, 0.0).is_empty());
}

#[test]
fn values_are_written_per_unit() {
    assert_eq!(format_value(12.0, Unit::Count), "12");
    assert_eq!(format_value(12.6, Unit::Count), "13");
    assert_eq!(format_value(3.25, Unit::Hours), "3.2 h");
    assert_eq!(format_value(3.0, Unit::Hours), "3.0 h");
    assert_eq!(format_value(87.46, Unit::Percent), "87.5 %");
    assert_eq!(format_value(f64::NAN, Unit::Percent), "0.0 %");
    assert_eq!(format_value(-4.0, Unit::Count), "0");
    assert_eq!(format_tick(10.0, 5.0, Unit::Count), "10");
    assert_eq!(format_tick(1.5, 0.5, Unit::Hours), "1.5 h");
    assert_eq!(format_tick(50.0, 25.0, Unit::Percent), "50 %");
    assert_eq!(
        mark_label("Mon", "P1", 4.0, Unit::Count),
        "Mon · P1: 4".to_owned()
    );
}

#[test]
fn bad_values_count_as_zero() {
    let d = data(
        &["a", "b", "c"],
        &[("x", &[f64::NAN, f64::INFINITY, -2.0]), ("y", &[1.0])],
    );
    assert_eq!(d.value(0, 0), 0.0);
    assert_eq!(d.value(0, 1), 0.0);
    assert_eq!(d.value(0, 2), 0.0);
    assert_eq!(d.value(1, 2), 0.0, "missing value");
    assert_eq!(d.value(5, 0), 0.0, "missing series");
    assert_eq!(d.max_total(), 1.0);
    assert!(!d.is_empty());
    let b = bars(&d, 1.0, PLOT);
    assert_eq!(b.len(), 1);
    assert!(b.iter().all(|s| s.height.is_finite() && s.y.is_finite()));
}

#[test]
fn empty_when_no_categories_or_all_zero() {
    assert!(data(&[], &[("x", &[])]).is_empty());
    assert!(data(&["a"], &[]).is_empty());
    assert!(data(&["a", "b"], &[("x", &[0.0, f64::NAN])]).is_empty());
    assert!(!data(&["a", "b"], &[("x", &[0.0, 0.5])]).is_empty());
}

#[test]
fn links_are_per_category_and_optional() {
    let mut d = data(&["a", "b"], &[("x", &[1.0, 2.0])]);
    assert_eq!(d.link(0), None);
    d.links = vec![None, Some("/desk/incidents?priority=P1".into())];
    assert_eq!(d.link(0), None);
    assert_eq!(d.link(1), Some("/desk/incidents?priority=P1"));
    assert_eq!(d.link(2), None);
}

#[test]
fn only_iso_dates_are_written_short() {
    assert_eq!(short_date("2026-10-29").as_deref(), Some("29 Oct"));
    assert_eq!(short_date("2026-01-01").as_deref(), Some("1 Jan"));
    for text in [
        "2026-13-01",
        "2026-00-10",
        "2026-10-32",
        "2026-10-2",
        "20261029xx",
        "P1",
        "",
        "2026-1o-29",
        "２０２６-10-29",
    ] {
        assert_eq!(short_date(text), None, "{text}");
    }
    // A mix of dates and names keeps every label as written.
    let cats = vec!["2026-10-29".to_owned(), "Payroll".to_owned()];
    let labels = x_labels(&cats, PLOT, 40.0, 20.0);
    assert_eq!(labels[0].1, "2026-10-29");
}
