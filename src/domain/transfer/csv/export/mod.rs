//! CSV exports of the desk's lists (incident queue, problems, known errors, releases,
//! knowledge articles): the rows a list shows, as the list shows them plus the useful
//! extra columns, with ISO 8601 dates; quoting and formula neutralisation by
//! [`crate::domain::transfer::csv::out`].

use crate::domain::config::priority::Priority;
use crate::domain::incident::query::IncidentRow;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::known_error::KnownError;
use crate::domain::problem::Problem;
use crate::domain::release::Release;
use crate::domain::transfer::csv::out::row;

/// Turns a record id (service, group, person, release, problem, article) into what
/// people call it; empty for `None`.
pub type NameOf<'a> = &'a dyn Fn(Option<&str>) -> String;

/// A file name for an export made on `today` (`YYYY-MM-DD`): `incidents-2026-11-27.csv`.
pub fn file_name(stem: &str, today: &str) -> String {
    format!("{stem}-{today}.csv")
}

fn iso(t: Option<Timestamp>) -> String {
    t.map(|t| t.iso()).unwrap_or_default()
}

fn priority_label(n: u8) -> String {
    Priority::try_from(n).map_or_else(|_| n.to_string(), |p| p.label().to_owned())
}

fn yes(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

fn table(header: &[&str], body: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = row(header);
    for cells in body {
        out.push_str(&row(&cells));
    }
    out
}

/// The incident queue's rows, in the queue's order.
pub fn incidents(rows: &[IncidentRow], name: NameOf) -> String {
    table(
        &[
            "Reference",
            "Title",
            "Priority",
            "Status",
            "Assignment group",
            "Assignee",
            "Service",
            "Environment found in",
            "Release",
            "Major incident",
            "SLA",
            "Created",
            "Updated",
        ],
        rows.iter().map(|r| {
            vec![
                r.reference.clone(),
                r.title.clone(),
                priority_label(r.priority),
                r.status.label().to_owned(),
                name(r.assignment_group.as_deref()),
                name(r.assignee.as_deref()),
                name(r.service.as_deref()),
                r.environment.label().to_owned(),
                name(r.release.as_deref()),
                yes(r.major).to_owned(),
                r.sla.label().to_owned(),
                r.created.iso(),
                r.updated.iso(),
            ]
        }),
    )
}

/// Problems, in the list's order.
pub fn problems(rows: &[Problem], name: NameOf) -> String {
    table(
        &[
            "Reference",
            "Title",
            "Priority",
            "Status",
            "Service",
            "Incidents",
            "Found in release",
            "Target fix release",
            "Created",
            "Updated",
        ],
        rows.iter().map(|p| {
            vec![
                p.reference.as_str().to_owned(),
                p.title.clone(),
                p.priority.label().to_owned(),
                p.status.label().to_owned(),
                name(p.service.as_deref()),
                p.incidents.len().to_string(),
                name(p.release_found.as_deref()),
                name(p.target_fix_release.as_deref()),
                p.created.iso(),
                p.updated.iso(),
            ]
        }),
    )
}

/// Known errors, in the list's order.
pub fn known_errors(rows: &[KnownError], name: NameOf) -> String {
    table(
        &[
            "Reference",
            "Title",
            "Error code",
            "Status",
            "Problem",
            "Article",
            "Release introduced",
            "Carried forward",
            "Fix release",
            "Created",
            "Updated",
        ],
        rows.iter().map(|k| {
            vec![
                k.reference.as_str().to_owned(),
                k.title.clone(),
                k.error_code.clone().unwrap_or_default(),
                k.status.label().to_owned(),
                name(k.problem.as_deref()),
                name(k.article.as_deref()),
                name(k.release_introduced.as_deref()),
                yes(k.carried_forward).to_owned(),
                name(k.fix_release.as_deref()),
                k.created.iso(),
                k.updated.iso(),
            ]
        }),
    )
}

/// Releases, in the list's order; `carried` counts each one's known errors carried
/// forward.
pub fn releases(rows: &[Release], carried: &dyn Fn(&Release) -> usize, name: NameOf) -> String {
    table(
        &[
            "Reference",
            "Release",
            "Status",
            "Services",
            "Deployment",
            "Early life support until",
            "Known errors carried",
            "Created",
            "Updated",
        ],
        rows.iter().map(|r| {
            let services: Vec<String> = r.services.iter().map(|s| name(Some(s))).collect();
            vec![
                r.reference.as_str().to_owned(),
                r.title(),
                r.status.label().to_owned(),
                services.join(", "),
                iso(r.deployment_date),
                iso(r.els_end().filter(|_| r.is_deployed())),
                carried(r).to_string(),
                r.created.iso(),
                r.updated.iso(),
            ]
        }),
    )
}

/// Knowledge articles, in the list's order.
pub fn articles(rows: &[KnowledgeArticle]) -> String {
    table(
        &[
            "Reference",
            "Title",
            "Status",
            "Audience",
            "Version",
            "Tags",
            "Review due",
            "Views",
            "Helpful",
            "Not helpful",
            "Created",
            "Updated",
        ],
        rows.iter().map(|a| {
            vec![
                a.reference.as_str().to_owned(),
                a.title.clone(),
                a.status.label().to_owned(),
                a.audience.label().to_owned(),
                a.version.to_string(),
                a.tags.join(", "),
                a.review_due.map(|d| d.date()).unwrap_or_default(),
                a.views.to_string(),
                a.helpful.to_string(),
                a.not_helpful.to_string(),
                a.created.iso(),
                a.updated.iso(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests;
