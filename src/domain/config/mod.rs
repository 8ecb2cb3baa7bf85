//! Desk configuration stored as records (so it syncs): services, assignment groups,
//! people, and the desk settings (priority matrix and SLA targets per priority).

pub mod escalation;
pub mod practice;
pub mod priority;
pub mod settings_form;

use serde::{Deserialize, Serialize};

use crate::domain::config::priority::{Priority, PriorityMatrix};
use crate::domain::kernel::time::{humanize_duration, Timestamp};
use crate::domain::kernel::validation::{max_text, require_text, ValidationErrors};

/// The fixed document id of the desk settings (one per desk, so devices converge).
pub const SETTINGS_ID: &str = "settings:desk";

/// A business service incidents are logged against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Document id, `service:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Name (`Email`).
    pub name: String,
    /// What the service is.
    #[serde(default)]
    pub description: String,
    /// Last change.
    #[serde(default)]
    pub updated: Timestamp,
}

/// An assignment group (team) incidents are assigned to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Document id, `group:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Name (`Network team`).
    pub name: String,
    /// What the group does.
    #[serde(default)]
    pub description: String,
    /// Last change.
    #[serde(default)]
    pub updated: Timestamp,
}

/// A person working on the desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Document id, `person:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Full name.
    pub name: String,
    /// Email address.
    #[serde(default)]
    pub email: String,
    /// Ids of the groups the person belongs to.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Last change.
    #[serde(default)]
    pub updated: Timestamp,
}

/// Validates a named configuration record (service or group).
pub fn validate_named(name: &str, description: &str) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    errs.check(require_text("name", name, 100));
    errs.check(max_text("description", description, 2_000));
    errs.into_result()
}

impl Service {
    /// Checks the name and description.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validate_named(&self.name, &self.description)
    }
}

impl Group {
    /// Checks the name and description.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validate_named(&self.name, &self.description)
    }
}

impl Person {
    /// Checks the name and email.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text("name", &self.name, 200));
        errs.check(max_text("email", &self.email, 200));
        let email = self.email.trim();
        if !email.is_empty() && !email.contains('@') {
            errs.push("email", "Enter an email address such as name@example.com.");
        }
        errs.into_result()
    }
}

/// Response and resolution targets for one priority, in milliseconds.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaTarget {
    /// Time to first response.
    pub response_ms: i64,
    /// Time to resolution; `None` when only planned (no resolution target).
    #[serde(default)]
    pub resolution_ms: Option<i64>,
}

/// SLA targets per priority, P1 first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaPolicy {
    /// `targets[0]` is P1 … `targets[4]` is P5.
    pub targets: [SlaTarget; 5],
}

impl Default for SlaPolicy {
    /// P1 15 min / 4 h, P2 30 min / 8 h, P3 4 h / 3 d, P4 1 d / 5 d, P5 5 d / planned.
    fn default() -> Self {
        const MIN: i64 = Timestamp::MINUTE;
        const H: i64 = Timestamp::HOUR;
        const D: i64 = Timestamp::DAY;
        let t = |response_ms: i64, resolution_ms: Option<i64>| SlaTarget {
            response_ms,
            resolution_ms,
        };
        SlaPolicy {
            targets: [
                t(15 * MIN, Some(4 * H)),
                t(30 * MIN, Some(8 * H)),
                t(4 * H, Some(3 * D)),
                t(D, Some(5 * D)),
                t(5 * D, None),
            ],
        }
    }
}

/// Form field names of the SLA targets, P1 first: (response, resolution).
pub const SLA_FIELDS: [(&str, &str); 5] = [
    ("p1_response", "p1_resolution"),
    ("p2_response", "p2_resolution"),
    ("p3_response", "p3_resolution"),
    ("p4_response", "p4_resolution"),
    ("p5_response", "p5_resolution"),
];

impl SlaPolicy {
    /// The targets for `priority`.
    pub fn target(&self, priority: Priority) -> SlaTarget {
        self.targets[priority.index()]
    }

    /// Checks every target: response positive; resolution, when set, positive and no
    /// shorter than the response. Messages go on the fields in [`SLA_FIELDS`].
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        for (t, (response, resolution)) in self.targets.iter().zip(SLA_FIELDS) {
            if t.response_ms <= 0 {
                errs.push(response, "The response target must be more than zero.");
            }
            match t.resolution_ms {
                Some(ms) if ms <= 0 => {
                    errs.push(resolution, "The resolution target must be more than zero.")
                }
                Some(ms) if ms < t.response_ms => errs.push(
                    resolution,
                    format!(
                        "The resolution target cannot be shorter than the response target ({}).",
                        humanize_duration(t.response_ms)
                    ),
                ),
                _ => {}
            }
        }
        errs.into_result()
    }
}

/// Desk-wide settings: the priority matrix and SLA targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskSettings {
    /// Always [`SETTINGS_ID`].
    #[serde(rename = "_id")]
    pub id: String,
    /// Impact × urgency → priority.
    #[serde(default)]
    pub matrix: PriorityMatrix,
    /// SLA targets per priority.
    #[serde(default)]
    pub sla: SlaPolicy,
    /// Last change.
    #[serde(default)]
    pub updated: Timestamp,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            id: SETTINGS_ID.to_owned(),
            matrix: PriorityMatrix::default(),
            sla: SlaPolicy::default(),
            updated: Timestamp::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sla() {
        let sla = SlaPolicy::default();
        assert_eq!(sla.target(Priority::P1).response_ms, 15 * Timestamp::MINUTE);
        assert_eq!(
            sla.target(Priority::P1).resolution_ms,
            Some(4 * Timestamp::HOUR)
        );
        assert_eq!(
            sla.target(Priority::P3).resolution_ms,
            Some(3 * Timestamp::DAY)
        );
        assert_eq!(sla.target(Priority::P5).resolution_ms, None);
        for w in sla.targets.windows(2) {
            assert!(w[0].response_ms <= w[1].response_ms);
        }
    }

    #[test]
    fn sla_validation_names_the_field() {
        assert_eq!(SlaPolicy::default().validate(), Ok(()));
        let mut sla = SlaPolicy::default();
        sla.targets[1].resolution_ms = Some(10 * Timestamp::MINUTE);
        sla.targets[3].response_ms = 0;
        sla.targets[4].resolution_ms = Some(-1);
        let errs = sla.validate().err().unwrap_or_default();
        assert_eq!(errs.len(), 3);
        assert_eq!(
            errs.for_field("p2_resolution"),
            Some("The resolution target cannot be shorter than the response target (30 min).")
        );
        assert!(errs.for_field("p2_response").is_none());
        assert!(errs.for_field("p4_response").is_some());
        assert!(errs.for_field("p5_resolution").is_some());
        // Equal targets and "planned" (no resolution target) are fine.
        let mut sla = SlaPolicy::default();
        sla.targets[0].resolution_ms = Some(sla.targets[0].response_ms);
        sla.targets[2].resolution_ms = None;
        assert_eq!(sla.validate(), Ok(()));
    }

    #[test]
    fn settings_round_trip_and_defaults() {
        let s = DeskSettings::default();
        assert_eq!(s.id, SETTINGS_ID);
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(serde_json::from_str::<DeskSettings>(&json).ok(), Some(s));
        let bare: Option<DeskSettings> = serde_json::from_str(r#"{"_id":"settings:desk"}"#).ok();
        assert_eq!(bare, Some(DeskSettings::default()));
    }

    #[test]
    fn config_validation() {
        let p = Person {
            id: "person:1".into(),
            name: " ".into(),
            email: "nope".into(),
            groups: vec![],
            updated: Timestamp(0),
        };
        let errs = p.validate().err().unwrap_or_default();
        assert!(errs.for_field("name").is_some());
        assert!(errs.for_field("email").is_some());
        let s = Service {
            id: "service:1".into(),
            name: "Email".into(),
            description: String::new(),
            updated: Timestamp(0),
        };
        assert!(s.validate().is_ok());
    }
}
