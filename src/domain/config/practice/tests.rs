//! Tests of practice roles and policies: blank practices with default guidance, the
//! form's tidying and checks, and the enforced rules per practice.

use super::*;

const NOW: Timestamp = Timestamp(1_795_000_000_000);

fn people() -> Vec<String> {
    ["person:ada", "person:bo", "person:cy"]
        .iter()
        .map(|p| (*p).to_owned())
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn blank_practices_start_with_default_guidance() {
    for kind in PracticeKind::ALL {
        let p = Practice::blank(kind, NOW);
        assert_eq!(p.id, format!("practice:{}", kind.key()));
        assert_eq!(PracticeKind::from_key(kind.key()), Some(kind));
        assert_eq!(p.owner, None);
        assert!(p.managers.is_empty() && p.practitioners.is_empty());
        assert!(p.policies.len() >= 3, "{kind:?}");
        assert_eq!(p.updated, NOW);
        assert!(p.validate(&[]).is_ok(), "{kind:?} defaults are valid");
    }
    assert_eq!(PracticeKind::from_key("change"), None);
    let incident = Practice::blank(PracticeKind::Incident, NOW).policies;
    assert!(incident.contains(&"Major incidents are reviewed within five working days".into()));
}

#[test]
fn every_rule_belongs_to_one_practice_and_says_where_it_is_checked() {
    let counted: usize = PracticeKind::ALL
        .into_iter()
        .map(|k| Rule::of(k).count())
        .sum();
    assert_eq!(counted, Rule::ALL.len());
    assert_eq!(Rule::of(PracticeKind::Knowledge).count(), 0);
    let problem: Vec<Rule> = Rule::of(PracticeKind::Problem).collect();
    assert_eq!(
        problem,
        [
            Rule::KnownErrorAnalysed,
            Rule::ProblemFixNotes,
            Rule::KnownErrorWorkaround
        ]
    );
    for r in Rule::ALL {
        assert!(r.enforced_at().starts_with("Checked when"), "{r:?}");
    }
    assert_eq!(
        Rule::ProblemFixNotes.cite(),
        "policy “A resolved problem has fix notes”"
    );
}

#[test]
fn the_form_round_trips_and_is_tidied_on_apply() {
    let base = Practice::blank(PracticeKind::Problem, NOW);
    let mut form = base.form();
    assert_eq!(form.owner, "");
    form.owner = " person:ada ".into();
    form.managers = strings(&["person:bo", "person:bo", " ", "person:cy"]);
    form.practitioners = strings(&["person:cy"]);
    form.policies
        .push("  Problems are reviewed weekly  ".into());
    let later = NOW.plus_ms(Timestamp::HOUR);
    let p = base
        .apply(&form, &people(), later, "Daniel Kim")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.owner.as_deref(), Some("person:ada"));
    assert_eq!(p.managers, strings(&["person:bo", "person:cy"]));
    assert_eq!(p.practitioners, strings(&["person:cy"]));
    assert_eq!(
        p.policies.last().map(String::as_str),
        Some("Problems are reviewed weekly")
    );
    assert_eq!((p.updated, p.updated_by.as_str()), (later, "Daniel Kim"));
    assert_eq!(
        (p.id.as_str(), p.practice),
        ("practice:problem", PracticeKind::Problem)
    );
    assert_eq!(p.form().owner, "person:ada");
    // Nobody as owner.
    form.owner = "  ".into();
    let p = base
        .apply(&form, &people(), later, "x")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.owner, None);
}

#[test]
fn unknown_people_are_refused_at_their_field() {
    let base = Practice::blank(PracticeKind::Incident, NOW);
    let form = PracticeForm {
        owner: "person:gone".into(),
        managers: strings(&["person:ada", "person:gone"]),
        practitioners: strings(&["person:bo"]),
        policies: Vec::new(),
    };
    let Err(e) = base.apply(&form, &people(), NOW, "x") else {
        panic!("unknown people accepted")
    };
    assert!(e
        .for_field("owner")
        .is_some_and(|m| m.contains("not in the directory")));
    assert!(e.for_field("managers").is_some());
    assert!(e.for_field("practitioners").is_none());
    // A stored record listing someone twice is reported, not silently fixed.
    let mut stored = base.clone();
    stored.practitioners = strings(&["person:bo", "person:bo"]);
    let e = stored.validate(&people()).err();
    assert_eq!(
        e.as_ref().and_then(|e| e.for_field("practitioners")),
        Some("List each person once.")
    );
}

#[test]
fn guidance_policies_are_checked_row_by_row() {
    let base = Practice::blank(PracticeKind::Knowledge, NOW);
    let form = PracticeForm {
        policies: strings(&[
            "Articles are reviewed yearly",
            "  ",
            "ok",
            &"x".repeat(501),
            "articles are REVIEWED yearly ",
            &"y".repeat(500),
        ]),
        ..PracticeForm::default()
    };
    let Err(e) = base.apply(&form, &people(), NOW, "x") else {
        panic!("bad policies accepted")
    };
    assert_eq!(e.for_field("policy_1"), None);
    assert_eq!(
        e.for_field("policy_2"),
        Some("Write the policy, or remove it.")
    );
    assert_eq!(e.for_field("policy_3"), Some("Use at least 3 characters."));
    assert_eq!(
        e.for_field("policy_4"),
        Some("Use at most 500 characters (now 501).")
    );
    assert_eq!(
        e.for_field("policy_5"),
        Some("This policy is already listed above.")
    );
    assert_eq!(e.for_field("policy_6"), None, "500 characters is fine");
    assert_eq!(e.len(), 4);
}

#[test]
fn at_most_thirty_guidance_policies() {
    let base = Practice::blank(PracticeKind::Release, NOW);
    let mut form = PracticeForm {
        policies: (1..=MAX_POLICIES)
            .map(|k| format!("Policy number {k}"))
            .collect(),
        ..PracticeForm::default()
    };
    assert!(base.apply(&form, &[], NOW, "x").is_ok());
    form.policies.push("One too many".into());
    let e = base.apply(&form, &[], NOW, "x").err();
    assert!(e
        .as_ref()
        .and_then(|e| e.for_field("policies"))
        .is_some_and(|m| m.contains("at most 30") && m.contains("now 31")));
    // No policy at all is allowed.
    form.policies.clear();
    assert!(base.apply(&form, &[], NOW, "x").is_ok());
}

#[test]
fn stored_practices_read_without_optional_fields() {
    let json = r#"{"_id":"practice:release","practice":"release","updated":5}"#;
    let p: Practice = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.practice, PracticeKind::Release);
    assert!(p.policies.is_empty() && p.owner.is_none());
}
