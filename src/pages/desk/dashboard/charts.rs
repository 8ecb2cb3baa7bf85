//! The dashboard's charts as data: each figure of the KPIs turned into a chart (title,
//! axis labels, categories, series) with, for incident counts, a link per bar to the
//! queue filtered to exactly the incidents it counts.

use crate::components::chart::{ChartData, Series, Unit};
use crate::domain::incident::query::{IncidentFilter, DEFAULT_SORT};
use crate::domain::kernel::time::Timestamp;
use crate::domain::kpi::range::Range;
use crate::domain::kpi::records::{ProblemAging, AGING_LABELS};
use crate::domain::kpi::IncidentKpis;
use crate::ops::directory::Directory;

use crate::pages::desk::queue::queue_href;

/// Bars shown for services and categories; the rest are summed as "Other".
pub const TOP: usize = 10;

fn chart(title: &str, x: &str, y: &str, unit: Unit) -> ChartData {
    ChartData {
        title: title.into(),
        x_label: x.into(),
        y_label: y.into(),
        unit,
        categories: Vec::new(),
        series: Vec::new(),
        links: Vec::new(),
    }
}

fn count(n: u32) -> f64 {
    f64::from(n)
}

/// The queue filter for "created in `range`", to which a chart adds its bar's part.
pub fn created_in(range: Range) -> IncidentFilter {
    IncidentFilter {
        created_from: Some(range.from),
        created_until: Some(Timestamp(range.to.0 - Timestamp::DAY)),
        ..IncidentFilter::default()
    }
}

fn link(filter: IncidentFilter) -> Option<String> {
    Some(queue_href(&filter, DEFAULT_SORT, 1))
}

/// Open incidents now by priority; each bar opens the open incidents of that priority.
pub fn backlog(k: &IncidentKpis) -> ChartData {
    let mut c = chart(
        "Open backlog by priority",
        "Priority",
        "Open incidents",
        Unit::Count,
    );
    c.categories = (1..=5).map(|p| format!("P{p}")).collect();
    c.series = vec![Series {
        name: "Open incidents".into(),
        values: k.backlog_by_priority.iter().copied().map(count).collect(),
    }];
    c.links = (1..=5u8)
        .map(|p| {
            link(IncidentFilter {
                open_only: true,
                priorities: vec![p],
                ..IncidentFilter::default()
            })
        })
        .collect();
    c
}

/// Created and resolved per day; each day opens the incidents created that day.
pub fn flow(k: &IncidentKpis) -> ChartData {
    let mut c = chart(
        "Created and resolved per day",
        "Day (UTC)",
        "Incidents",
        Unit::Count,
    );
    c.categories = k.range.day_labels();
    c.series = vec![
        Series {
            name: "Created".into(),
            values: k.created_per_day.iter().copied().map(count).collect(),
        },
        Series {
            name: "Resolved".into(),
            values: k.resolved_per_day.iter().copied().map(count).collect(),
        },
    ];
    c.links = (0..c.categories.len())
        .map(|d| {
            let day = Timestamp(k.range.from.0 + d as i64 * Timestamp::DAY);
            link(IncidentFilter {
                created_from: Some(day),
                created_until: Some(day),
                ..IncidentFilter::default()
            })
        })
        .collect();
    c
}

/// Mean time to resolve by priority, in hours.
pub fn mttr(k: &IncidentKpis) -> ChartData {
    let mut c = chart(
        "Mean time to resolve by priority",
        "Priority",
        "Hours",
        Unit::Hours,
    );
    c.categories = (1..=5).map(|p| format!("P{p}")).collect();
    c.series = vec![Series {
        name: "Mean time to resolve".into(),
        values: k
            .mttr_by_priority
            .iter()
            .map(|m| m.map_or(0.0, |ms| ms as f64 / Timestamp::HOUR as f64))
            .collect(),
    }];
    c
}

/// Met and breached clocks, for a donut.
pub fn sla(title: &str, met: u32, breached: u32) -> ChartData {
    let mut c = chart(title, "", "", Unit::Count);
    c.categories = vec!["Met".into(), "Breached".into()];
    c.series = vec![Series {
        name: "Incidents".into(),
        values: vec![count(met), count(breached)],
    }];
    c
}

/// Escalations in the range by kind, for a donut.
pub fn escalations(k: &IncidentKpis) -> ChartData {
    let mut c = chart("Escalations by kind", "", "", Unit::Count);
    c.categories = vec!["Functional".into(), "Hierarchical".into()];
    c.series = vec![Series {
        name: "Escalations".into(),
        values: vec![
            count(k.functional_escalations),
            count(k.hierarchical_escalations),
        ],
    }];
    c
}

/// The first [`TOP`] entries and the rest summed as "Other" (no link).
fn top<T>(items: &[(T, u32)]) -> (Vec<&(T, u32)>, u32) {
    let shown: Vec<&(T, u32)> = items.iter().take(TOP).collect();
    let other = items.iter().skip(TOP).map(|(_, n)| n).sum();
    (shown, other)
}

/// Incidents created in the range by service; a bar opens that service's incidents
/// created in the range.
pub fn by_service(k: &IncidentKpis, dir: &Directory) -> ChartData {
    let mut c = chart(
        "Incidents by service",
        "Service",
        "Incidents created",
        Unit::Count,
    );
    let (shown, other) = top(&k.by_service);
    for (service, n) in shown {
        c.categories.push(match service {
            Some(id) => dir.name(id).to_owned(),
            None => "No service".into(),
        });
        c.links.push(service.as_ref().and_then(|id| {
            link(IncidentFilter {
                service: Some(id.clone()),
                ..created_in(k.range)
            })
        }));
        push_value(&mut c, *n);
    }
    if other > 0 {
        c.categories.push("Other".into());
        c.links.push(None);
        push_value(&mut c, other);
    }
    c
}

/// Incidents created in the range by category.
pub fn by_category(k: &IncidentKpis) -> ChartData {
    let mut c = chart(
        "Incidents by category",
        "Category",
        "Incidents created",
        Unit::Count,
    );
    let (shown, other) = top(&k.by_category);
    for (category, n) in shown {
        let named = !category.is_empty();
        c.categories.push(if named {
            category.clone()
        } else {
            "No category".into()
        });
        c.links.push(named.then(|| {
            queue_href(
                &IncidentFilter {
                    category: Some(category.clone()),
                    ..created_in(k.range)
                },
                DEFAULT_SORT,
                1,
            )
        }));
        push_value(&mut c, *n);
    }
    if other > 0 {
        c.categories.push("Other".into());
        c.links.push(None);
        push_value(&mut c, other);
    }
    c
}

fn push_value(c: &mut ChartData, n: u32) {
    if c.series.is_empty() {
        c.series.push(Series {
            name: "Incidents".into(),
            values: Vec::new(),
        });
    }
    c.series[0].values.push(count(n));
}

/// Pre-production and production incidents per release (created in the range); a bar
/// opens that release's incidents created in the range.
pub fn by_release(k: &IncidentKpis, dir: &Directory) -> ChartData {
    let mut c = chart(
        "Pre-production and production incidents per release",
        "Release",
        "Incidents created",
        Unit::Count,
    );
    let mut pre = Vec::new();
    let mut prod = Vec::new();
    for r in &k.by_release {
        c.categories.push(dir.name(&r.release).to_owned());
        c.links.push(link(IncidentFilter {
            release: Some(r.release.clone()),
            ..created_in(k.range)
        }));
        pre.push(count(r.pre_production));
        prod.push(count(r.production));
    }
    c.series = vec![
        Series {
            name: "Found in pre-production".into(),
            values: pre,
        },
        Series {
            name: "Found in production".into(),
            values: prod,
        },
    ];
    c
}

/// Open problems by age.
pub fn aging(a: &ProblemAging) -> ChartData {
    let mut c = chart("Open problems by age", "Age", "Open problems", Unit::Count);
    c.categories = AGING_LABELS.iter().map(|l| (*l).to_owned()).collect();
    c.series = vec![Series {
        name: "Open problems".into(),
        values: a.buckets.iter().copied().map(count).collect(),
    }];
    c
}
