//! Tests of the problem, known error and knowledge figures: aging bucket edges, the
//! oldest problem, top-5 ordering with ties, deflections and the deflection rate.

use super::*;
use crate::domain::config::priority::Priority;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::knowledge::article::{ArticleStatus, Audience};
use crate::domain::problem::ProblemDraft;
use crate::domain::release::fixtures::{article, known_error, NOW};

fn problem(n: u32, age_ms: i64, status: ProblemStatus) -> Problem {
    let draft = ProblemDraft {
        title: format!("Problem {n}"),
        description: String::new(),
        priority: Priority::P3,
        service: None,
        root_cause: String::new(),
        workaround: String::new(),
        fix_notes: String::new(),
        release_found: None,
        target_fix_release: None,
    };
    let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(3), n);
    let mut p = Problem::create(draft, format!("problem:{n}"), r, NOW.plus_ms(-age_ms), "pm")
        .unwrap_or_else(|e| panic!("{e}"));
    p.status = status;
    p
}

#[test]
fn aging_bucket_edges() {
    use ProblemStatus::*;
    let ps = vec![
        problem(1, 0, New),                          // under 7
        problem(2, 7 * DAY - 1, UnderInvestigation), // under 7
        problem(3, 7 * DAY, KnownError),             // exactly 7 days: 7–29
        problem(4, 30 * DAY - 1, New),               // 7–29
        problem(5, 30 * DAY, New),                   // 30–89
        problem(6, 90 * DAY - 1, New),               // 30–89
        problem(7, 90 * DAY, New),                   // 90 or more
        problem(8, 400 * DAY, Resolved),             // not open
        problem(9, 500 * DAY, Closed),               // not open
        problem(10, -DAY, New),                      // created "tomorrow" (clock skew): age 0
    ];
    let aging = problem_aging(&ps, NOW);
    assert_eq!(aging.buckets, [3, 2, 2, 1]);
    let oldest = ps[6].reference.as_str().to_owned();
    assert_eq!(aging.oldest, Some((oldest, 90 * DAY)));
}

#[test]
fn oldest_ties_go_to_the_lower_reference_and_none_when_all_done() {
    use ProblemStatus::*;
    let ps = vec![problem(12, 40 * DAY, New), problem(11, 40 * DAY, New)];
    let aging = problem_aging(&ps, NOW);
    assert_eq!(
        aging.oldest.map(|o| o.0),
        Some(ps[1].reference.as_str().to_owned())
    );
    let done = vec![problem(1, DAY, Resolved)];
    assert_eq!(problem_aging(&done, NOW), ProblemAging::default());
}

#[test]
fn known_error_counts() {
    use KnownErrorStatus::*;
    let mut kes = vec![
        known_error(1, "Blank payslip"),
        known_error(2, "Login loop"),
        known_error(3, "Slow search"),
        known_error(4, "Old bug"),
        known_error(5, "Retired bug"),
        known_error(6, "Being written"),
    ];
    kes[1].workaround = "   ".into(); // active, no workaround
    kes[3].status = Fixed;
    kes[4].status = Retired;
    kes[5].status = Draft;
    assert_eq!(
        known_error_figures(&kes),
        KnownErrorFigures {
            active: 3,
            active_with_workaround: 2,
            draft: 1
        }
    );
}

#[test]
fn knowledge_top_five_with_ties_and_deflections() {
    use ArticleStatus::*;
    // (n, status, audience, title, views, helpful, deflections)
    let rows: [(u32, ArticleStatus, Audience, &str, u32, u32, u32); 9] = [
        (1, Published, Audience::Public, "Printer jam", 100, 4, 2),
        (2, Published, Audience::Public, "VPN drops", 300, 9, 5),
        (
            3,
            Published,
            Audience::Internal,
            "Unlock account",
            100,
            4,
            0,
        ),
        (4, Published, Audience::Public, "Blank payslip", 100, 0, 1),
        (5, Published, Audience::Public, "Zoom audio", 50, 1, 0),
        (6, Published, Audience::Internal, "Reset MFA", 20, 2, 0),
        (7, Published, Audience::Public, "Never read", 0, 0, 0),
        (8, Draft, Audience::Public, "Draft article", 999, 99, 3), // not published
        (9, Retired, Audience::Public, "Retired one", 500, 50, 4), // not published
    ];
    let articles: Vec<_> = rows
        .iter()
        .map(
            |&(n, status, audience, title, views, helpful, deflections)| {
                let mut a = article(n, status, &[]);
                a.audience = audience;
                a.title = title.into();
                a.views = views;
                a.helpful = helpful;
                a.deflections = deflections;
                a
            },
        )
        .collect();
    let mut kes = vec![
        known_error(1, "Blank payslip"),
        known_error(2, "Login loop"),
    ];
    kes[0].deflections = 6;
    let f = knowledge_figures(&articles, &kes);
    assert_eq!(f.published, 7);
    assert_eq!(f.published_public, 5);
    let names = |v: &[ArticleFigure]| -> Vec<(String, u32)> {
        v.iter().map(|a| (a.title.clone(), a.value)).collect()
    };
    // 300 first; three tie at 100 (by title: Blank, Printer, Unlock); then 50. Reset
    // MFA (20) is sixth; Never read has no view.
    assert_eq!(
        names(&f.most_viewed),
        [
            ("VPN drops".into(), 300),
            ("Blank payslip".into(), 100),
            ("Printer jam".into(), 100),
            ("Unlock account".into(), 100),
            ("Zoom audio".into(), 50)
        ]
    );
    // Helpful: 9; 4 and 4 (Printer before Unlock); 2; 1. Blank payslip has no vote.
    assert_eq!(
        names(&f.most_helpful),
        [
            ("VPN drops".into(), 9),
            ("Printer jam".into(), 4),
            ("Unlock account".into(), 4),
            ("Reset MFA".into(), 2),
            ("Zoom audio".into(), 1)
        ]
    );
    assert_eq!(f.most_viewed[0].id, "article:2");
    assert_eq!(f.most_viewed[0].reference, articles[1].reference.as_str());
    // Articles 2+5+1+3+4 (draft and retired included: they were counted) + known error 6.
    assert_eq!(f.deflections, 21);
}

#[test]
fn same_title_ties_break_on_reference() {
    let mut a = article(2, ArticleStatus::Published, &[]);
    let mut b = article(1, ArticleStatus::Published, &[]);
    for x in [&mut a, &mut b] {
        x.title = "Same".into();
        x.views = 10;
    }
    let f = knowledge_figures(&[a, b], &[]);
    assert_eq!(f.most_viewed[0].id, "article:1");
    assert_eq!(f.most_viewed[1].id, "article:2");
}

#[test]
fn deflection_rate_in_percent() {
    assert_eq!(deflection_rate(0, 0), None);
    assert_eq!(deflection_rate(0, 7), Some(0.0));
    assert_eq!(deflection_rate(3, 0), Some(100.0));
    assert_eq!(deflection_rate(1, 3), Some(25.0));
    assert_eq!(deflection_rate(u32::MAX, u32::MAX), Some(50.0));
}
