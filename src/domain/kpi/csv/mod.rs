//! The dashboard as CSV: one row per figure (`section,label,series,value`), numbers
//! plain so a spreadsheet can chart them, names instead of ids, every cell quoted and
//! neutralised like the other exports (`csv_out`).
//!
//! Values: counts as integers; percentages with one decimal (`87.5`); durations in
//! hours with one decimal; an empty value where a figure has nothing to measure (a
//! percentage of nothing, a mean over no incident).

use crate::domain::kernel::time::HOUR;
use crate::domain::kpi::records::{
    deflection_rate, KnowledgeFigures, KnownErrorFigures, ProblemAging, AGING_LABELS,
};
use crate::domain::kpi::IncidentKpis;
use crate::domain::transfer::csv::out::row;

/// The CSV header.
pub const HEADER: [&str; 4] = ["section", "label", "series", "value"];

/// Priority names for the `series` column, P1 first.
const PRIORITIES: [&str; 5] = ["P1", "P2", "P3", "P4", "P5"];

/// A percentage with one decimal; empty when there is none.
fn pct(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}")).unwrap_or_default()
}

/// Milliseconds as hours with one decimal.
fn hours(ms: i64) -> String {
    format!("{:.1}", ms as f64 / HOUR as f64)
}

/// The rows being written.
struct Sheet(String);

impl Sheet {
    fn put(&mut self, section: &str, label: &str, series: &str, value: impl ToString) {
        self.0
            .push_str(&row(&[section, label, series, &value.to_string()]));
    }
}

/// Every figure of the dashboard as CSV: header `section,label,series,value`, one row per
/// figure, numbers plain (percent with one decimal, durations in hours with one decimal),
/// names resolved through `name` (id → display name), cells neutralised like csv_out.
pub fn dashboard_csv(
    k: &IncidentKpis,
    aging: &ProblemAging,
    kes: &KnownErrorFigures,
    knowledge: &KnowledgeFigures,
    portal_incidents_all_time: u32,
    name: &dyn Fn(&str) -> String,
) -> String {
    let mut s = Sheet(row(&HEADER));
    s.put("Range", "First day", "", k.range.first_date());
    s.put("Range", "Last day", "", k.range.last_date());

    let backlog = "Backlog (open now)";
    for (p, n) in PRIORITIES.iter().zip(k.backlog_by_priority) {
        s.put(backlog, "Open incidents", p, n);
    }

    let volume = "Volume";
    s.put(volume, "Created", "Total", k.created);
    s.put(volume, "Resolved", "Total", k.resolved);
    let days = k.range.day_labels();
    for (day, n) in days.iter().zip(&k.created_per_day) {
        s.put(volume, "Created", day, n);
    }
    for (day, n) in days.iter().zip(&k.resolved_per_day) {
        s.put(volume, "Resolved", day, n);
    }

    let mttr = "Mean time to resolve";
    for (i, p) in PRIORITIES.iter().enumerate() {
        let mean = k.mttr_by_priority[i].map(hours).unwrap_or_default();
        s.put(mttr, "Mean time to resolve (hours)", p, mean);
        s.put(mttr, "Resolved incidents", p, k.resolved_by_priority[i]);
    }

    let sla = "SLA compliance";
    for (what, c) in [
        ("Response", &k.response_sla),
        ("Resolution", &k.resolution_sla),
    ] {
        s.put(sla, &format!("{what} compliance (%)"), "", pct(c.percent()));
        s.put(sla, &format!("{what} met"), "", c.met);
        s.put(sla, &format!("{what} breached"), "", c.breached);
    }

    let reopens = "Reopens";
    s.put(reopens, "Reopened incidents", "", k.reopened);
    s.put(reopens, "Reopen rate (%)", "", pct(k.reopen_rate()));

    let esc = "Escalations";
    s.put(esc, "Functional escalations", "", k.functional_escalations);
    s.put(
        esc,
        "Hierarchical escalations",
        "",
        k.hierarchical_escalations,
    );

    let major = "Major incidents";
    s.put(major, "Created in range", "", k.major_created);
    s.put(major, "Open now", "", k.major_open);

    for (service, n) in &k.by_service {
        let label = service
            .as_deref()
            .map(name)
            .unwrap_or_else(|| "No service".into());
        s.put("By service", &label, "", n);
    }
    for (category, n) in &k.by_category {
        let label = if category.is_empty() {
            "No category"
        } else {
            category.as_str()
        };
        s.put("By category", label, "", n);
    }
    for r in &k.by_release {
        let label = name(&r.release);
        s.put("By release", &label, "Pre-production", r.pre_production);
        s.put("By release", &label, "Production", r.production);
    }

    let problems = "Problems";
    for (label, n) in AGING_LABELS.iter().zip(aging.buckets) {
        s.put(problems, "Open problems by age", label, n);
    }
    if let Some((reference, age)) = &aging.oldest {
        s.put(
            problems,
            "Oldest open problem (hours)",
            reference,
            hours(*age),
        );
    }

    let ke = "Known errors";
    s.put(ke, "Active", "", kes.active);
    s.put(
        ke,
        "Active with a workaround",
        "",
        kes.active_with_workaround,
    );
    s.put(ke, "Draft", "", kes.draft);

    let kb = "Knowledge";
    s.put(kb, "Published articles", "", knowledge.published);
    s.put(
        kb,
        "Published public articles",
        "",
        knowledge.published_public,
    );
    for a in &knowledge.most_viewed {
        s.put(
            kb,
            "Most viewed (views)",
            &format!("{} {}", a.reference, a.title),
            a.value,
        );
    }
    for a in &knowledge.most_helpful {
        let series = format!("{} {}", a.reference, a.title);
        s.put(kb, "Most helpful (helpful votes)", &series, a.value);
    }

    let portal = "Portal";
    s.put(
        portal,
        "Raised through the portal in range",
        "",
        k.portal_created,
    );
    s.put(
        portal,
        "Raised through the portal (all time)",
        "",
        portal_incidents_all_time,
    );
    s.put(portal, "Deflections (all time)", "", knowledge.deflections);
    let rate = deflection_rate(knowledge.deflections, portal_incidents_all_time);
    s.put(portal, "Deflection rate (%)", "", pct(rate));
    s.0
}

#[cfg(test)]
mod tests;
