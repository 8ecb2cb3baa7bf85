//! A new known error prefilled from a problem: title, symptoms (the problem's
//! description), root cause, workaround, the problem itself, the release it was found
//! in (as the release that introduced it) and its target fix release; and whether
//! saving should also move the problem to "Known error".

use crate::domain::known_error::KnownErrorDraft;
use crate::domain::problem::{Problem, ProblemStatus};

/// An empty known-error form.
pub fn blank() -> KnownErrorDraft {
    KnownErrorDraft {
        title: String::new(),
        symptoms: String::new(),
        root_cause: String::new(),
        workaround: String::new(),
        error_code: None,
        problem: None,
        article: None,
        release_introduced: None,
        carried_forward: false,
        fix_release: None,
    }
}

/// The known-error form started from `problem`.
pub fn from_problem(problem: &Problem) -> KnownErrorDraft {
    KnownErrorDraft {
        title: problem.title.trim().to_owned(),
        symptoms: problem.description.trim().to_owned(),
        root_cause: problem.root_cause.trim().to_owned(),
        workaround: problem.workaround.trim().to_owned(),
        problem: Some(problem.id.clone()),
        release_introduced: problem.release_found.clone(),
        fix_release: problem.target_fix_release.clone(),
        ..blank()
    }
}

/// True when creating a known error from `problem` can also move the problem to
/// "Known error" (it is still under investigation).
pub fn offers_problem_move(problem: &Problem) -> bool {
    problem.status == ProblemStatus::UnderInvestigation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::priority::Priority;
    use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
    use crate::domain::kernel::time::Timestamp;
    use crate::domain::problem::ProblemDraft;

    fn problem() -> Problem {
        let draft = ProblemDraft {
            title: "  Payslip PDF renderer drops non-ASCII names ".into(),
            description: "Payslips for names with accents are blank.".into(),
            priority: Priority::P2,
            service: Some("service:payroll".into()),
            root_cause: "Fallback font without accented glyphs.".into(),
            workaround: "Download as HTML, print to PDF.".into(),
            fix_notes: String::new(),
            release_found: Some("release:24".into()),
            target_fix_release: Some("release:25".into()),
        };
        let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(3), 1);
        Problem::create(draft, "problem:1".into(), r, Timestamp(1), "pm")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn copies_what_the_problem_knows() {
        let d = from_problem(&problem());
        assert_eq!(d.title, "Payslip PDF renderer drops non-ASCII names");
        assert_eq!(d.symptoms, "Payslips for names with accents are blank.");
        assert_eq!(d.root_cause, "Fallback font without accented glyphs.");
        assert_eq!(d.workaround, "Download as HTML, print to PDF.");
        assert_eq!(d.problem.as_deref(), Some("problem:1"));
        assert_eq!(d.release_introduced.as_deref(), Some("release:24"));
        assert_eq!(d.fix_release.as_deref(), Some("release:25"));
        assert_eq!(
            (d.error_code, d.article, d.carried_forward),
            (None, None, false)
        );
        assert!(
            from_problem(&problem()).validate().is_ok(),
            "a prefilled form is valid"
        );
    }

    #[test]
    fn a_problem_without_description_leaves_symptoms_to_fill_in() {
        let mut p = problem();
        p.description = String::new();
        let errs = from_problem(&p).validate().err().unwrap_or_default();
        assert!(errs.for_field("symptoms").is_some());
    }

    #[test]
    fn only_a_problem_under_investigation_offers_the_move() {
        let mut p = problem();
        assert!(!offers_problem_move(&p), "new");
        let now = Timestamp(2);
        assert!(p
            .transition(ProblemStatus::UnderInvestigation, now, "pm", None)
            .is_ok());
        assert!(offers_problem_move(&p));
        assert!(p
            .transition(ProblemStatus::KnownError, now, "pm", None)
            .is_ok());
        assert!(!offers_problem_move(&p), "already a known error");
    }
}
