//! Tests of the settings forms: SLA rows and escalation levels to and from the domain.
use super::*;
use crate::domain::config::escalation::demo_procedures;
use crate::domain::kernel::time::{DAY, MINUTE};

fn amount(a: &str, unit: DurationUnit) -> DurationInput {
    DurationInput {
        amount: a.into(),
        unit,
    }
}

#[test]
fn the_default_policy_round_trips_through_the_form() {
    let form = sla_form(&SlaPolicy::default());
    assert_eq!(form[0].response, amount("15", DurationUnit::Minutes));
    assert_eq!(form[0].resolution, amount("4", DurationUnit::Hours));
    assert_eq!(form[2].resolution, amount("3", DurationUnit::Days));
    assert!(form[4].planned);
    assert!(!form[3].planned);
    assert_eq!(sla_policy(&form), Ok(SlaPolicy::default()));
}

#[test]
fn a_changed_row_becomes_the_new_target() {
    let mut form = sla_form(&SlaPolicy::default());
    form[1].response = amount("45", DurationUnit::Minutes);
    form[4].planned = false;
    form[4].resolution = amount("10", DurationUnit::Days);
    let policy = sla_policy(&form).unwrap_or_default();
    assert_eq!(policy.targets[1].response_ms, 45 * MINUTE);
    assert_eq!(policy.targets[4].resolution_ms, Some(10 * DAY));
    form[0].planned = true;
    let policy = sla_policy(&form).unwrap_or_default();
    assert_eq!(policy.targets[0].resolution_ms, None);
}

#[test]
fn bad_numbers_and_short_resolutions_are_reported_at_their_fields() {
    let mut form = sla_form(&SlaPolicy::default());
    form[0].response = amount("soon", DurationUnit::Minutes);
    form[2].resolution = amount("0", DurationUnit::Hours);
    let errs = sla_policy(&form).err().unwrap_or_default();
    assert_eq!(
        errs.for_field("p1_response"),
        Some("Enter a whole number of minutes, such as 30.")
    );
    assert_eq!(errs.for_field("p3_resolution"), Some("Enter more than 0."));
    assert_eq!(errs.len(), 2);

    let mut form = sla_form(&SlaPolicy::default());
    form[1].response = amount("2", DurationUnit::Hours);
    form[1].resolution = amount("90", DurationUnit::Minutes);
    let errs = sla_policy(&form).err().unwrap_or_default();
    assert_eq!(
        errs.for_field("p2_resolution"),
        Some("The resolution target cannot be shorter than the response target (2 h).")
    );
    // A bad resolution of a planned row is ignored: it is not used.
    let mut form = sla_form(&SlaPolicy::default());
    form[4].resolution = amount("nonsense", DurationUnit::Days);
    assert!(sla_policy(&form).is_ok());
}

fn demo_rows() -> Vec<LevelRow> {
    let services = vec![crate::domain::config::Service {
        id: "service:vpn".into(),
        name: "VPN".into(),
        description: String::new(),
        updated: Timestamp(0),
    }];
    let groups = vec![crate::domain::config::Group {
        id: "group:desk".into(),
        name: "Service desk".into(),
        description: String::new(),
        updated: Timestamp(0),
    }];
    let procs = demo_procedures(&services, &groups, Timestamp(0));
    procs.first().map(level_rows).unwrap_or_default()
}

#[test]
fn levels_round_trip_and_edit() {
    let mut rows = demo_rows();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].after, amount("30", DurationUnit::Minutes));
    assert_eq!(rows[2].after, amount("2", DurationUnit::Hours));
    assert_eq!(rows[0].group, "group:desk");
    assert!(rows[2].group.is_empty());
    rows[2].after = amount("3", DurationUnit::Hours);
    rows[1].contact = "  ".into();
    let p = procedure_from_rows(
        "escalation_procedure:vpn",
        "service:vpn",
        &rows,
        Timestamp(9),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.levels[2].after_ms, 3 * HOUR);
    assert_eq!(p.levels[1].contact, None, "blank contact is none");
    assert_eq!(p.levels[0].group.as_deref(), Some("group:desk"));
    assert_eq!(
        (p.updated, p.service.as_str()),
        (Timestamp(9), "service:vpn")
    );
    assert_eq!(level_rows(&p), rows_after_normalising(rows));
}

fn rows_after_normalising(mut rows: Vec<LevelRow>) -> Vec<LevelRow> {
    for r in &mut rows {
        r.contact = r.contact.trim().to_owned();
    }
    rows
}

#[test]
fn level_messages_name_the_level() {
    let mut rows = demo_rows();
    rows[1].after = amount("x", DurationUnit::Hours);
    let errs = procedure_from_rows("e", "service:vpn", &rows, Timestamp(0))
        .err()
        .unwrap_or_default();
    assert_eq!(
        errs.for_field("levels"),
        Some("Level 2 threshold: Enter a whole number of hours, such as 30.")
    );
    let mut rows = demo_rows();
    rows[2].after = amount("20", DurationUnit::Minutes);
    rows[0].name = " ".into();
    let errs = procedure_from_rows("e", "service:vpn", &rows, Timestamp(0))
        .err()
        .unwrap_or_default();
    let messages: Vec<&str> = errs.0.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Level 1 needs a name.",
            "Level 3 must be due later than level 2."
        ]
    );
    let errs = procedure_from_rows("e", "service:vpn", &[], Timestamp(0))
        .err()
        .unwrap_or_default();
    assert_eq!(
        errs.for_field("levels"),
        Some("Add at least one escalation level.")
    );
}

#[test]
fn adding_and_moving_levels() {
    let first = LevelRow::next_after(&[]);
    assert_eq!(first.name, "Level 1");
    assert_eq!(first.after, amount("0", DurationUnit::Minutes));
    let mut rows = demo_rows();
    let added = LevelRow::next_after(&rows);
    assert_eq!(added.name, "Level 4");
    assert_eq!(
        added.after,
        amount("3", DurationUnit::Hours),
        "an hour after 2 h"
    );
    rows.push(added);
    assert!(procedure_from_rows("e", "s", &rows, Timestamp(0)).is_ok());
    let names = |r: &[LevelRow]| r.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    move_level(&mut rows, 3, true);
    assert_eq!(names(&rows)[2..], ["Level 4", "Level 3: VPN duty manager"]);
    move_level(&mut rows, 0, true);
    move_level(&mut rows, 3, false);
    move_level(&mut rows, 9, false);
    assert_eq!(
        names(&rows)[3],
        "Level 3: VPN duty manager",
        "out of range: nothing"
    );
    move_level(&mut rows, 0, false);
    assert_eq!(rows[1].name, "Level 1: Service desk");
}

#[test]
fn one_procedure_id_per_service() {
    assert_eq!(procedure_id("service:abc"), "escalation_procedure:abc");
    assert_eq!(procedure_id("odd"), "escalation_procedure:odd");
}
