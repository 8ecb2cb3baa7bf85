//! Tests of the feedback report's content and its Markdown and CSV renderings.

use super::*;
use crate::domain::config::priority::Priority;
use crate::domain::incident::Environment;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::problem::ProblemDraft;
use crate::domain::release::fixtures::{incident, known_error, release, NOW};

fn problem(n: u32, title: &str, release: Option<&str>) -> Problem {
    let draft = ProblemDraft {
        title: title.into(),
        description: String::new(),
        priority: Priority::P2,
        service: None,
        root_cause: "Rounding in the tax table".into(),
        workaround: String::new(),
        fix_notes: String::new(),
        release_found: release.map(str::to_owned),
        target_fix_release: None,
    };
    let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(7), n);
    Problem::create(draft, format!("problem:{n}"), r, NOW, "pm").unwrap_or_else(|e| panic!("{e}"))
}

fn names(id: &str) -> String {
    match id {
        "service:payroll" => "Payroll".into(),
        other => other.into(),
    }
}

fn report() -> Report {
    let rel = release();
    let svc = Some("service:payroll");
    let mut pre1 = incident(
        1,
        Priority::P3,
        Environment::Test,
        NOW,
        Some("release:1"),
        svc,
    );
    let mut pre2 = incident(
        2,
        Priority::P3,
        Environment::Uat,
        NOW,
        Some("release:1"),
        svc,
    );
    let mut prod = incident(
        3,
        Priority::P2,
        Environment::Production,
        NOW,
        Some("release:1"),
        svc,
    );
    let p = problem(1, "Totals off by a cent", Some("release:1"));
    let unrelated = problem(2, "Printer jam", None);
    let mut ke = known_error(1, "Totals off by a cent on payslips");
    ke.problem = Some(p.id.clone());
    let ke_other = known_error(2, "Unrelated");
    for i in [&mut pre1, &mut pre2] {
        i.problem = Some(p.id.clone());
    }
    prod.known_error = Some(ke.id.clone());
    pre2.known_error = Some(ke.id.clone());
    prod.category = "=HYPERLINK(\"x\")".into();
    let pre = [pre1, pre2];
    let production = [prod];
    let problems = [p, unrelated];
    let kes = [ke, ke_other];
    let carried = vec!["known_error:1".to_owned()];
    build(&ReportInput {
        release: &rel,
        pre_production: &pre,
        production: &production,
        problems: &problems,
        known_errors: &kes,
        carried: &carried,
        service_name: &names,
    })
}

#[test]
fn content_counts_and_picks_the_release_records() {
    let r = report();
    assert_eq!(r.release, "Payroll 2.4");
    assert_eq!((r.pre_production, r.production), (2, 1));
    assert_eq!(r.deployed, "not deployed");
    assert_eq!(r.by_category.len(), 2);
    assert_eq!(
        (
            r.by_category[0].stage,
            r.by_category[0].category.as_str(),
            r.by_category[0].service.as_str(),
            r.by_category[0].count
        ),
        ("Pre-production", "Application", "Payroll", 2)
    );
    assert_eq!(r.by_category[1].stage, "Production");
    assert_eq!(r.problems.len(), 1, "only the release's problem");
    assert_eq!(r.problems[0].title, "Totals off by a cent");
    assert_eq!(r.problems[0].root_cause, "Rounding in the tax table");
    assert_eq!(r.known_errors.len(), 1);
    assert!(r.known_errors[0].carried);
    assert_eq!(r.known_errors[0].remedy, "Reload the page");
    // Two incidents share the known error; the third is grouped by its problem.
    assert_eq!(r.top_symptoms[0].text, "Totals off by a cent on payslips");
    assert_eq!(r.top_symptoms[0].count, 2);
    assert_eq!(r.top_symptoms[1].text, "Totals off by a cent");
    assert_eq!(r.top_symptoms[1].count, 1);
}

#[test]
fn markdown_has_every_section() {
    let md = report().to_markdown();
    assert!(md.starts_with("# Feedback report: Payroll 2.4\n"), "{md}");
    for needle in [
        "- Pre-production: 2",
        "- Production: 1",
        "| Pre-production | Application | Payroll | 2 |",
        "## Problems",
        "Root cause: Rounding in the tax table",
        "## Known errors",
        "carried forward into production",
        "Workaround: Reload the page",
        "## Top symptoms",
        "1. Totals off by a cent on payslips: 2 incidents",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
}

#[test]
fn csv_is_one_table_with_neutralised_formulas() {
    let csv = report().to_csv();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("Section,Stage,Category,Service,Reference"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Incidents,Pre-production,Application,Payroll,")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"'=HYPERLINK(\"\"x\"\")\"")),
        "{csv}"
    );
    assert!(!lines.iter().any(|l| l.contains(",=HYPERLINK")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Known error,") && l.contains(",yes,")));
    assert!(lines.iter().any(|l| l.starts_with("Top symptom,")));
    // Every row has the header's 11 columns (no cell here holds a comma).
    assert!(lines.iter().all(|l| l.matches(',').count() >= 10), "{csv}");
}

#[test]
fn markdown_cells_cannot_break_the_table() {
    let mut r = report();
    r.by_category[0].category = "a|b\nc".into();
    let md = r.to_markdown();
    assert!(md.contains("| a\\|b c |"), "{md}");
}
