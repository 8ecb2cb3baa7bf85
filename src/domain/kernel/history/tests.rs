//! Tests for the history: describing changes for timelines (with names for ids) and
//! the stored shape of events.

use super::*;

#[test]
fn describes() {
    let s = Change::Status {
        from: "New".into(),
        to: "In progress".into(),
        reason: None,
    };
    assert_eq!(s.describe(), "Status New → In progress");
    let f = Change::Field {
        field: "title".into(),
        from: "a".into(),
        to: "b".into(),
    };
    assert_eq!(f.describe(), "Title: a → b");
    assert_eq!(field_label("resolution_notes"), "Resolution notes");
    let e = Change::Escalated {
        functional: true,
        to: "Network team".into(),
        reason: "needs router access".into(),
    };
    assert_eq!(e.describe(), "Functional escalation to Network team");
    let l = Change::Linked {
        what: "known_error".into(),
        target: "KE-DEM00-0001".into(),
    };
    assert_eq!(l.describe(), "Linked known error KE-DEM00-0001");
}

#[test]
fn describes_with_names_old_and_new_values_and_texts() {
    let names = |id: &str| match id {
        "group:net" => "Network team".to_owned(),
        "person:ada" => "Ada Lovelace".to_owned(),
        "service:vpn" => "VPN".to_owned(),
        "problem:1" => "PRB-DEM00-0001 VPN drops".to_owned(),
        other => other.to_owned(),
    };
    let d = |c: Change| c.describe_with(&names);
    let assigned = d(Change::Assigned {
        group: Some("group:net".into()),
        assignee: Some("person:ada".into()),
    });
    assert_eq!(assigned.summary, "Assigned to Ada Lovelace (Network team)");
    assert_eq!(assigned.kind, EntryKind::Assignment);
    let group_only = Change::Assigned {
        group: Some("group:net".into()),
        assignee: None,
    };
    assert_eq!(d(group_only).summary, "Assigned to group Network team");
    let field = d(Change::Field {
        field: "service".into(),
        from: "".into(),
        to: "service:vpn".into(),
    });
    assert_eq!(field.summary, "Service: — → VPN");
    let impact = Change::Field {
        field: "impact".into(),
        from: "Medium".into(),
        to: "High".into(),
    };
    assert_eq!(d(impact).summary, "Impact: Medium → High");
    let esc = d(Change::Escalated {
        functional: false,
        to: "person:ada".into(),
        reason: "Customer complaint".into(),
    });
    assert_eq!(esc.summary, "Hierarchical escalation to Ada Lovelace");
    assert_eq!(esc.detail.as_deref(), Some("Customer complaint"));
    let note = d(Change::WorkNote {
        text: "Called the user".into(),
    });
    assert_eq!(note.kind.label(), "Work note (internal)");
    assert_eq!(note.detail.as_deref(), Some("Called the user"));
    let public = d(Change::PublicComment {
        text: "Fixed".into(),
    });
    assert_eq!(public.kind, EntryKind::PublicComment);
    let link = d(Change::Linked {
        what: "problem".into(),
        target: "problem:1".into(),
    });
    assert_eq!(link.summary, "Linked problem PRB-DEM00-0001 VPN drops");
    let major = d(Change::Field {
        field: "major".into(),
        from: "No".into(),
        to: "Yes".into(),
    });
    assert_eq!(
        (major.kind, major.summary.as_str()),
        (EntryKind::Major, "Declared a major incident")
    );
    // Names are looked up only for id fields: a title is never replaced.
    let title = Change::Field {
        field: "title".into(),
        from: "group:net".into(),
        to: "x".into(),
    };
    assert_eq!(d(title).summary, "Title: group:net → x");
}

#[test]
fn serialises_with_kind_tag() {
    let mut h = History::new();
    h.record(Timestamp(5), "ana", Change::Created);
    h.record(
        Timestamp(6),
        "ana",
        Change::WorkNote {
            text: "called user".into(),
        },
    );
    assert_eq!(h.len(), 2);
    let json = serde_json::to_string(&h).unwrap_or_default();
    assert_eq!(
        json,
        r#"[{"at":5,"by":"ana","change":{"kind":"created"}},{"at":6,"by":"ana","change":{"kind":"work_note","text":"called user"}}]"#
    );
    assert_eq!(serde_json::from_str::<History>(&json).ok(), Some(h));
    let partial = r#"{"kind":"status","from":"New","to":"Closed"}"#;
    assert!(serde_json::from_str::<Change>(partial).is_ok());
}
