//! Tests of the known error search: error codes in any form, symptom words with case
//! and accents ignored, no false hits, the status filter and its URL form.

use super::*;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::Timestamp;
use crate::domain::known_error::KnownErrorDraft;

fn ke(n: u32, title: &str, symptoms: &str, workaround: &str, code: Option<&str>) -> KnownError {
    let draft = KnownErrorDraft {
        title: title.into(),
        symptoms: symptoms.into(),
        root_cause: "Cause nobody searches for".into(),
        workaround: workaround.into(),
        error_code: code.map(str::to_owned),
        problem: None,
        article: None,
        release_introduced: None,
        carried_forward: false,
        fix_release: None,
    };
    let r = Reference::new(RefKind::KnownError, &DeviceTag::from_bits(7), n);
    KnownError::create(
        draft,
        format!("known_error:{n}"),
        r,
        Timestamp(i64::from(n)),
        "pm",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn sample() -> Vec<KnownError> {
    vec![
        ke(
            1,
            "Payslip PDF blank for names with accents",
            "The payslip is an empty page when the name has accents (Zoë Ångström).",
            "Download as HTML and print to PDF.",
            None,
        ),
        ke(
            2,
            "Customers logged out when switching language",
            "After changing the language the customer is signed out; the basket seems empty.",
            "Choose the language on the sign-in page.",
            Some("ERR-4012"),
        ),
        ke(
            3,
            "Connexión perdue",
            "La connexión VPN se coupe toutes les dix minutes.",
            "Basculer en TCP 443.",
            Some("SESSION_EXPIRED"),
        ),
    ]
}

fn found(text: &str) -> Vec<u32> {
    let all = sample();
    let f = KnownErrorFilter {
        status: StatusFilter::All,
        text: text.into(),
    };
    let mut refs: Vec<u32> = f
        .apply(&all)
        .iter()
        .filter_map(|k| k.id.rsplit(':').next().and_then(|n| n.parse().ok()))
        .collect();
    refs.sort_unstable();
    refs
}

#[test]
fn finds_by_error_code_exact_partial_and_any_case() {
    for code in [
        "ERR-4012", "err-4012", "4012", "Err4012", "err 4012", " 401 ",
    ] {
        assert_eq!(found(code), vec![2], "{code}");
    }
    assert_eq!(found("session_expired"), vec![3]);
    assert_eq!(found("SESSION EXPIRED"), vec![3]);
    assert_eq!(found("expired"), vec![3]);
}

#[test]
fn finds_by_symptom_title_and_workaround_words() {
    assert_eq!(found("basket signed out"), vec![2]);
    assert_eq!(found("PAYSLIP empty"), vec![1]);
    assert_eq!(found("print html"), vec![1], "workaround words");
    assert_eq!(found("logg"), vec![2], "word beginnings");
    assert_eq!(found("language"), vec![2]);
    assert_eq!(found("  "), vec![1, 2, 3]);
    assert_eq!(found("-"), vec![1, 2, 3], "punctuation asks for nothing");
}

#[test]
fn ignores_accents_both_ways() {
    assert_eq!(found("accénts"), vec![1]);
    assert_eq!(found("zoe angstrom"), vec![1]);
    assert_eq!(found("connexion"), vec![3]);
    assert_eq!(found("CONNEXIÓN coupe"), vec![3]);
}

#[test]
fn no_false_hits() {
    // Every word must match: one unknown word rules a known error out.
    assert_eq!(found("basket printer"), Vec::<u32>::new());
    // Inside a word is not a hit: "igned" is in "signed" but starts no word.
    assert_eq!(found("igned"), Vec::<u32>::new());
    // Part of a code is, though: codes are searched as written.
    assert_eq!(found("ssion"), vec![3]);
    assert_eq!(found("4013"), Vec::<u32>::new());
    // The root cause is not searched.
    assert_eq!(found("nobody"), Vec::<u32>::new());
    // A known error without a code is not found by a code.
    assert_eq!(found("ERR"), vec![2]);
}

#[test]
fn status_filter_defaults_to_open() {
    let mut all = sample();
    all[0].workaround = "Download".into();
    assert!(all[0]
        .transition(KnownErrorStatus::Active, Timestamp(10), "pm", None)
        .is_ok());
    assert!(all[1]
        .transition(KnownErrorStatus::Retired, Timestamp(11), "pm", None)
        .is_ok());
    let ids = |f: &KnownErrorFilter| -> Vec<String> {
        f.apply(&all).iter().map(|k| k.id.clone()).collect()
    };
    let open = KnownErrorFilter::from_query("", "");
    assert_eq!(open.status, StatusFilter::Open);
    // Newest change first.
    assert_eq!(ids(&open), ["known_error:1", "known_error:3"]);
    let active = KnownErrorFilter::from_query("active", "");
    assert_eq!(ids(&active), ["known_error:1"]);
    let retired = KnownErrorFilter::from_query("retired", "");
    assert_eq!(ids(&retired), ["known_error:2"]);
    let every = KnownErrorFilter::from_query("all", "");
    assert_eq!(ids(&every).len(), 3);
    assert_eq!(
        KnownErrorFilter::from_query("bogus", "x").status,
        StatusFilter::Open
    );
}

#[test]
fn url_round_trip() {
    assert_eq!(KnownErrorFilter::default().to_query(), "");
    let f = KnownErrorFilter {
        status: StatusFilter::Only(KnownErrorStatus::Fixed),
        text: "ERR-4012 café".into(),
    };
    let q = f.to_query();
    assert_eq!(q, "status=fixed&q=ERR-4012%20caf%C3%A9");
    let all = KnownErrorFilter::from_query("all", "");
    assert_eq!(all.to_query(), "status=all");
    for c in StatusFilter::choices() {
        assert_eq!(StatusFilter::from_key(c.key()), c);
    }
}
