//! Test fixtures for the dashboard figures (tests only): fourteen hand-made incidents
//! with histories whose figures were worked out by hand in `kpi_tests.rs`.
//!
//! "Now" is 2027-01-15 12:00 UTC; the default SLA policy applies (P1 15 min / 4 h,
//! P2 30 min / 8 h, P3 4 h / 3 d, P4 1 d / 5 d, P5 5 d / none).

use crate::domain::config::priority::{Priority, PriorityMatrix};
use crate::domain::incident::{
    Channel, Environment, Incident, IncidentDraft, IncidentStatus, MajorFlag,
};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::Timestamp;

/// 2027-01-15 12:00 UTC.
pub fn now() -> Timestamp {
    at(15, 12, 0)
}

/// January 2027, day `day` at `hour:minute` UTC.
pub fn at(day: u32, hour: u32, minute: u32) -> Timestamp {
    Timestamp::from_civil(2027, 1, day, hour, minute)
}

/// What one fixture incident is made of.
pub struct Spec {
    /// Number (`incident:<n>`).
    pub n: u32,
    /// Priority.
    pub priority: Priority,
    /// Created at.
    pub created: Timestamp,
    /// Service id.
    pub service: Option<&'static str>,
    /// Category.
    pub category: &'static str,
    /// Environment found in.
    pub environment: Environment,
    /// Release id.
    pub release: Option<&'static str>,
    /// Channel.
    pub channel: Channel,
}

/// A spec with the usual values: production, phone, no service, release or category.
pub fn spec(n: u32, priority: Priority, created: Timestamp) -> Spec {
    Spec {
        n,
        priority,
        created,
        service: None,
        category: "",
        environment: Environment::Production,
        release: None,
        channel: Channel::Phone,
    }
}

/// The incident of `s`, status New, history holding only its creation.
pub fn incident(s: Spec) -> Incident {
    let draft = IncidentDraft {
        title: format!("Fixture incident {}", s.n),
        service: s.service.map(str::to_owned),
        category: s.category.to_owned(),
        environment: s.environment,
        release: s.release.map(str::to_owned),
        channel: s.channel,
        ..IncidentDraft::blank()
    };
    let reference = Reference::new(RefKind::Incident, &DeviceTag::from_bits(9), s.n);
    let mut i = Incident::create(
        draft,
        format!("incident:{}", s.n),
        reference,
        s.created,
        "agent",
        &PriorityMatrix::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    i.priority = s.priority;
    i
}

/// Records a status move `from → to` at `when` and sets the status (no lifecycle check,
/// so merged or imported histories can be imitated).
pub fn mv(i: &mut Incident, when: Timestamp, to: IncidentStatus) {
    let from = i.status;
    i.history.record(
        when,
        "agent",
        Change::Status {
            from: from.label().to_owned(),
            to: to.label().to_owned(),
            reason: None,
        },
    );
    i.status = to;
    i.updated = when;
}

/// Records an escalation at `when`.
pub fn escalate(i: &mut Incident, when: Timestamp, functional: bool) {
    let change = Change::Escalated {
        functional,
        to: "group:2".into(),
        reason: "Needs specialists".into(),
    };
    i.history.record(when, "agent", change);
}

/// Declares `i` a major incident at `when`.
pub fn major(i: &mut Incident, when: Timestamp) {
    i.major = Some(MajorFlag {
        by: "manager".into(),
        at: when,
    });
    i.history
        .record_field(when, "manager", "major", "No", "Yes");
}

/// The fourteen incidents (see `kpi_tests.rs` for what each one is for).
pub fn incidents() -> Vec<Incident> {
    use Channel::*;
    use Environment::*;
    use IncidentStatus::*;
    use Priority::*;
    let mail = Some("service:mail");
    let vpn = Some("service:vpn");
    let payroll = Some("service:payroll");
    let mut v = Vec::new();

    let mut i = incident(Spec {
        service: mail,
        category: "Email",
        ..spec(1, P1, at(10, 8, 0))
    });
    mv(&mut i, at(10, 8, 10), InProgress);
    escalate(&mut i, at(10, 9, 0), true);
    major(&mut i, at(10, 9, 0));
    mv(&mut i, at(10, 11, 0), Resolved);
    v.push(i);

    let mut i = incident(Spec {
        service: mail,
        category: "Email",
        environment: Test,
        release: Some("release:2"),
        channel: Testing,
        ..spec(2, P2, at(11, 9, 0))
    });
    mv(&mut i, at(11, 10, 0), InProgress);
    mv(&mut i, at(11, 15, 0), Resolved);
    mv(&mut i, at(12, 9, 0), InProgress);
    mv(&mut i, at(12, 10, 0), Resolved);
    v.push(i);

    let mut i = incident(Spec {
        service: vpn,
        category: "Network",
        channel: Portal,
        ..spec(3, P3, at(12, 8, 0))
    });
    mv(&mut i, at(12, 9, 0), InProgress);
    escalate(&mut i, at(14, 10, 0), false);
    v.push(i);

    let i = incident(Spec {
        service: vpn,
        category: "Network",
        channel: Portal,
        ..spec(4, P3, at(14, 10, 0))
    });
    v.push(i);

    v.push(incident(Spec {
        channel: Portal,
        ..spec(5, P4, at(15, 11, 0))
    }));

    let mut i = incident(Spec {
        service: mail,
        category: "Email",
        ..spec(6, P2, at(5, 9, 0))
    });
    mv(&mut i, at(5, 10, 0), InProgress);
    escalate(&mut i, at(6, 10, 0), true);
    mv(&mut i, at(9, 0, 0), Resolved);
    v.push(i);

    let mut i = incident(spec(7, P1, at(8, 23, 0)));
    major(&mut i, at(8, 23, 1));
    mv(&mut i, at(8, 23, 5), InProgress);
    escalate(&mut i, at(9, 0, 30), true);
    mv(&mut i, at(9, 1, 0), OnHold);
    v.push(i);

    let mut i = incident(Spec {
        service: vpn,
        category: "=cmd",
        channel: Email,
        ..spec(8, P3, at(9, 0, 0))
    });
    mv(&mut i, at(9, 6, 0), Closed);
    v.push(i);

    let mut i = incident(Spec {
        service: mail,
        category: "Email",
        channel: Portal,
        ..spec(9, P2, at(13, 8, 0))
    });
    mv(&mut i, at(13, 8, 10), Cancelled);
    v.push(i);

    let mut i = incident(Spec {
        release: Some("release:1"),
        ..spec(10, P5, at(1, 8, 0))
    });
    mv(&mut i, at(1, 20, 0), InProgress);
    v.push(i);

    let mut i = incident(Spec {
        service: payroll,
        category: "Payroll",
        environment: Staging,
        release: Some("release:1"),
        channel: Testing,
        ..spec(11, P4, at(14, 9, 0))
    });
    mv(&mut i, at(14, 9, 30), InProgress);
    mv(&mut i, at(15, 9, 0), Resolved);
    mv(&mut i, at(15, 10, 0), Closed);
    v.push(i);

    let mut i = incident(Spec {
        service: payroll,
        category: "Payroll",
        release: Some("release:1"),
        ..spec(12, P4, at(13, 12, 0))
    });
    mv(&mut i, at(13, 12, 30), InProgress);
    mv(&mut i, at(13, 14, 0), Resolved);
    mv(&mut i, at(14, 8, 0), InProgress);
    v.push(i);

    v.push(incident(spec(13, P2, at(9, 0, 0).plus_ms(-1))));

    let mut i = incident(Spec {
        service: vpn,
        category: "Network",
        environment: Uat,
        release: Some("release:2"),
        channel: Monitoring,
        ..spec(14, P3, at(11, 12, 0))
    });
    mv(&mut i, at(11, 12, 5), InProgress);
    major(&mut i, at(11, 12, 10));
    escalate(&mut i, at(11, 13, 30), true);
    escalate(&mut i, at(11, 13, 0), false);
    mv(&mut i, at(11, 20, 0), Resolved);
    mv(&mut i, at(12, 9, 0), Closed);
    v.push(i);
    v
}
