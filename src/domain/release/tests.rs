//! Tests of releases: lifecycle, edits, carrying known errors forward.

use super::*;
use crate::domain::kernel::lifecycle::{exhaustive_transition_check, lint};
use crate::domain::kernel::reference::{DeviceTag, RefKind};

fn draft() -> ReleaseDraft {
    ReleaseDraft {
        name: "Payroll".into(),
        version: "2.4".into(),
        services: vec!["service:payroll".into()],
        deployment_date: None,
        els_days: 14,
    }
}

fn release() -> Release {
    let r = Reference::new(RefKind::Release, &DeviceTag::from_bits(1), 1);
    Release::create(draft(), "release:1".into(), r, Timestamp(1), "rm")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lifecycle_is_sound() {
    assert_eq!(lint::<ReleaseStatus>(), Ok(()));
    assert_eq!(exhaustive_transition_check::<ReleaseStatus>(), Ok(()));
}

#[test]
fn walks_to_accepted() {
    use ReleaseStatus::*;
    let mut r = release();
    assert_eq!(r.title(), "Payroll 2.4");
    assert!(r.transition(Deployed, Timestamp(2), "rm", None).is_err());
    for s in [InTesting, Deployed, EarlyLifeSupport, Accepted] {
        assert!(r.transition(s, Timestamp(2), "rm", None).is_ok());
    }
    assert_eq!(r.deployment_date, Some(Timestamp(2)));
    assert_eq!(r.els_end(), Some(Timestamp(2 + 14 * Timestamp::DAY)));
    let e = r.transition(Planned, Timestamp(3), "rm", None).err();
    assert!(e.is_some_and(|e| e.reason.contains("Accepted is final")));
}

#[test]
fn validation_edits_and_carry_forward() {
    let mut d = draft();
    d.name = String::new();
    d.els_days = 400;
    let errs = d.validate().err().unwrap_or_default();
    assert!(errs.for_field("name").is_some());
    assert!(errs.for_field("els_days").is_some());
    let mut r = release();
    let mut d = draft();
    d.version = "2.5".into();
    d.els_days = 30;
    assert!(r.apply_edit(d, Timestamp(5), "rm").is_ok());
    assert_eq!(r.history.len(), 3);
    r.carry_forward("known_error:1", Timestamp(6), "rm");
    r.carry_forward("known_error:1", Timestamp(7), "rm");
    assert_eq!(r.known_errors_carried, ["known_error:1"]);
}
