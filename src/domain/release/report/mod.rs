//! The feedback report to development for one release: incidents (pre-production and
//! production) by category and service, the problems and known errors with root
//! causes and status, and the top symptoms; rendered as Markdown and as CSV.

use crate::domain::incident::Incident;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::KnownError;
use crate::domain::problem::Problem;
use crate::domain::release::Release;

/// How many top symptoms the report lists.
pub const TOP_SYMPTOMS: usize = 10;

/// Incidents of one stage, category and service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryCount {
    /// `Pre-production` or `Production`.
    pub stage: &'static str,
    /// Category as written (`—` when blank).
    pub category: String,
    /// Service name (`—` when none).
    pub service: String,
    /// How many incidents.
    pub count: u32,
}

/// A problem or known error as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// `PRB-…` / `KE-…`.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Status label.
    pub status: String,
    /// Root cause (`Not known yet.` when blank).
    pub root_cause: String,
    /// Problems: the fix notes; known errors: the workaround.
    pub remedy: String,
    /// Known errors: carried into production with this release.
    pub carried: bool,
}

/// A symptom many incidents share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symptom {
    /// What people saw: the known error's or problem's title, else the incident title.
    pub text: String,
    /// How many incidents.
    pub count: u32,
    /// Up to three incident references.
    pub examples: Vec<String>,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// `Payroll 2.4`.
    pub release: String,
    /// `REL-…`.
    pub reference: String,
    /// Status label.
    pub status: String,
    /// Deployment date (`YYYY-MM-DD`) or `not deployed`.
    pub deployed: String,
    /// Pre-production incidents.
    pub pre_production: u32,
    /// Production incidents.
    pub production: u32,
    /// By stage, category and service, most first.
    pub by_category: Vec<CategoryCount>,
    /// Problems found in, fixed by, or linked to the release's incidents.
    pub problems: Vec<Finding>,
    /// Known errors introduced with, carried by, fixed by or hit by the release.
    pub known_errors: Vec<Finding>,
    /// Top symptoms, most incidents first.
    pub top_symptoms: Vec<Symptom>,
}

/// What the report is built from.
pub struct ReportInput<'a> {
    /// The release.
    pub release: &'a Release,
    /// Its pre-production incidents.
    pub pre_production: &'a [Incident],
    /// Its production incidents.
    pub production: &'a [Incident],
    /// Every problem (the report picks the release's).
    pub problems: &'a [Problem],
    /// Every known error (the report picks the release's).
    pub known_errors: &'a [KnownError],
    /// Ids of the known errors the release carries forward.
    pub carried: &'a [String],
    /// A service's name from its id.
    pub service_name: &'a dyn Fn(&str) -> String,
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.trim().to_owned()
    }
}

fn or_unknown(s: &str) -> String {
    if s.trim().is_empty() {
        "Not known yet.".to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// Builds the report.
pub fn build(input: &ReportInput<'_>) -> Report {
    let rel = input.release;
    let all: Vec<&Incident> = input
        .pre_production
        .iter()
        .chain(input.production.iter())
        .collect();
    let problems: Vec<&Problem> = input
        .problems
        .iter()
        .filter(|p| {
            p.release_found.as_deref() == Some(rel.id.as_str())
                || p.target_fix_release.as_deref() == Some(rel.id.as_str())
                || all
                    .iter()
                    .any(|i| i.problem.as_deref() == Some(p.id.as_str()))
        })
        .collect();
    let known_errors: Vec<&KnownError> = input
        .known_errors
        .iter()
        .filter(|k| {
            let of_rel = |r: &Option<String>| r.as_deref() == Some(rel.id.as_str());
            of_rel(&k.release_introduced)
                || of_rel(&k.fix_release)
                || input.carried.contains(&k.id)
                || k.problem
                    .as_deref()
                    .is_some_and(|p| problems.iter().any(|x| x.id == p))
                || all
                    .iter()
                    .any(|i| i.known_error.as_deref() == Some(k.id.as_str()))
        })
        .collect();
    let mut by_category: Vec<CategoryCount> = Vec::new();
    for (stage, list) in [
        ("Pre-production", input.pre_production),
        ("Production", input.production),
    ] {
        for i in list {
            let category = or_dash(&i.category);
            let service = i
                .service
                .as_deref()
                .map_or_else(|| "—".to_owned(), |s| (input.service_name)(s));
            match by_category
                .iter_mut()
                .find(|c| c.stage == stage && c.category == category && c.service == service)
            {
                Some(c) => c.count += 1,
                None => by_category.push(CategoryCount {
                    stage,
                    category,
                    service,
                    count: 1,
                }),
            }
        }
    }
    by_category.sort_by(|a, b| {
        (
            a.stage != "Pre-production",
            std::cmp::Reverse(a.count),
            &a.category,
            &a.service,
        )
            .cmp(&(
                b.stage != "Pre-production",
                std::cmp::Reverse(b.count),
                &b.category,
                &b.service,
            ))
    });
    let mut problem_lines: Vec<Finding> = problems
        .iter()
        .map(|p| Finding {
            reference: p.reference.as_str().to_owned(),
            title: p.title.clone(),
            status: p.status.label().to_owned(),
            root_cause: or_unknown(&p.root_cause),
            remedy: or_dash(&p.fix_notes),
            carried: false,
        })
        .collect();
    problem_lines.sort_by(|a, b| a.reference.cmp(&b.reference));
    let mut ke_lines: Vec<Finding> = known_errors
        .iter()
        .map(|k| Finding {
            reference: k.reference.as_str().to_owned(),
            title: k.title.clone(),
            status: k.status.label().to_owned(),
            root_cause: or_unknown(&k.root_cause),
            remedy: or_dash(&k.workaround),
            carried: input.carried.contains(&k.id),
        })
        .collect();
    ke_lines.sort_by(|a, b| a.reference.cmp(&b.reference));
    Report {
        release: rel.title(),
        reference: rel.reference.as_str().to_owned(),
        status: rel.status.label().to_owned(),
        deployed: rel
            .deployment_date
            .map_or_else(|| "not deployed".to_owned(), |d| d.date()),
        pre_production: input.pre_production.len() as u32,
        production: input.production.len() as u32,
        by_category,
        problems: problem_lines,
        known_errors: ke_lines,
        top_symptoms: top_symptoms(&all, input.known_errors, input.problems),
    }
}

/// Incidents grouped by what they share: their known error, else their problem, else
/// their title (case and spacing folded).
fn top_symptoms(incidents: &[&Incident], kes: &[KnownError], problems: &[Problem]) -> Vec<Symptom> {
    let mut groups: Vec<(String, Symptom)> = Vec::new();
    for i in incidents {
        let ke = i
            .known_error
            .as_deref()
            .and_then(|id| kes.iter().find(|k| k.id == id));
        let problem = i
            .problem
            .as_deref()
            .and_then(|id| problems.iter().find(|p| p.id == id));
        let (key, text) = match (ke, problem) {
            (Some(k), _) => (k.id.clone(), k.title.clone()),
            (None, Some(p)) => (p.id.clone(), p.title.clone()),
            (None, None) => {
                let folded = i.title.split_whitespace().collect::<Vec<_>>().join(" ");
                (folded.to_lowercase(), folded)
            }
        };
        let reference = i.reference.as_str().to_owned();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, s)) => {
                s.count += 1;
                if s.examples.len() < 3 {
                    s.examples.push(reference);
                }
            }
            None => groups.push((
                key,
                Symptom {
                    text,
                    count: 1,
                    examples: vec![reference],
                },
            )),
        }
    }
    let mut out: Vec<Symptom> = groups.into_iter().map(|(_, s)| s).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    out.truncate(TOP_SYMPTOMS);
    out
}

mod render;

#[cfg(test)]
mod tests;
