//! Impact, urgency and the priority matrix that turns them into a priority (P1–P5),
//! with the explanation shown next to the read-only priority field.

use serde::{Deserialize, Serialize};

/// How widely the business is affected.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Many people or a whole service.
    High,
    /// A team or part of a service.
    Medium,
    /// One person.
    Low,
}

/// How soon the business needs it fixed.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Work has stopped.
    High,
    /// Work is slowed down.
    Medium,
    /// Work can continue.
    Low,
}

impl Impact {
    /// Every impact, highest first.
    pub const ALL: [Impact; 3] = [Impact::High, Impact::Medium, Impact::Low];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Impact::High => "High",
            Impact::Medium => "Medium",
            Impact::Low => "Low",
        }
    }

    /// The serialised name (`high`), for forms and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Impact::High => "high",
            Impact::Medium => "medium",
            Impact::Low => "low",
        }
    }

    /// Parses the serialised name.
    pub fn from_key(key: &str) -> Option<Impact> {
        Self::ALL.into_iter().find(|i| i.key() == key)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl Urgency {
    /// Every urgency, highest first.
    pub const ALL: [Urgency; 3] = [Urgency::High, Urgency::Medium, Urgency::Low];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::High => "High",
            Urgency::Medium => "Medium",
            Urgency::Low => "Low",
        }
    }

    /// The serialised name (`high`), for forms and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Urgency::High => "high",
            Urgency::Medium => "medium",
            Urgency::Low => "low",
        }
    }

    /// Parses the serialised name.
    pub fn from_key(key: &str) -> Option<Urgency> {
        Self::ALL.into_iter().find(|u| u.key() == key)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Priority, P1 (most urgent) to P5; serialised as the number 1–5.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Priority {
    /// Critical.
    P1 = 1,
    /// High.
    P2 = 2,
    /// Moderate.
    P3 = 3,
    /// Low.
    P4 = 4,
    /// Planning.
    P5 = 5,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 5] = [
        Priority::P1,
        Priority::P2,
        Priority::P3,
        Priority::P4,
        Priority::P5,
    ];

    /// `P1 Critical`, `P2 High`, …
    pub fn label(self) -> &'static str {
        match self {
            Priority::P1 => "P1 Critical",
            Priority::P2 => "P2 High",
            Priority::P3 => "P3 Moderate",
            Priority::P4 => "P4 Low",
            Priority::P5 => "P5 Planning",
        }
    }

    /// `P1` … `P5`.
    pub fn short(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
            Priority::P5 => "P5",
        }
    }

    /// The number 1–5.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// Index 0–4 (P1 = 0), for per-priority tables such as SLA targets.
    pub fn index(self) -> usize {
        self as usize - 1
    }
}

impl From<Priority> for u8 {
    fn from(p: Priority) -> u8 {
        p as u8
    }
}

/// A number outside 1–5 given as a priority.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("priority must be 1 to 5, not {0}")]
pub struct BadPriority(pub u8);

impl TryFrom<u8> for Priority {
    type Error = BadPriority;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(Priority::P1),
            2 => Ok(Priority::P2),
            3 => Ok(Priority::P3),
            4 => Ok(Priority::P4),
            5 => Ok(Priority::P5),
            other => Err(BadPriority(other)),
        }
    }
}

/// Priority for each impact (row: High, Medium, Low) and urgency (column: High, Medium,
/// Low). Configurable per desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityMatrix {
    /// `cells[impact][urgency]`, both indexed High = 0, Medium = 1, Low = 2.
    pub cells: [[Priority; 3]; 3],
}

impl Default for PriorityMatrix {
    /// ServiceNow's default matrix.
    fn default() -> Self {
        use Priority::*;
        PriorityMatrix {
            cells: [[P1, P2, P3], [P2, P3, P4], [P3, P4, P5]],
        }
    }
}

impl PriorityMatrix {
    /// The priority for this impact and urgency.
    pub fn priority(&self, impact: Impact, urgency: Urgency) -> Priority {
        self.cells[impact.index()][urgency.index()]
    }

    /// Why the priority is what it is: `P2 High: impact High, urgency Medium`.
    pub fn explain(&self, impact: Impact, urgency: Urgency) -> String {
        format!(
            "{}: impact {}, urgency {}",
            self.priority(impact, urgency).label(),
            impact.label(),
            urgency.label()
        )
    }

    /// Sets one cell.
    pub fn set(&mut self, impact: Impact, urgency: Urgency, priority: Priority) {
        self.cells[impact.index()][urgency.index()] = priority;
    }
}

// Host only: the property tests use proptest, which does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Impact as I;
    use Priority::*;
    use Urgency as U;

    #[test]
    fn default_table() {
        let m = PriorityMatrix::default();
        let expected = [
            (I::High, U::High, P1),
            (I::High, U::Medium, P2),
            (I::High, U::Low, P3),
            (I::Medium, U::High, P2),
            (I::Medium, U::Medium, P3),
            (I::Medium, U::Low, P4),
            (I::Low, U::High, P3),
            (I::Low, U::Medium, P4),
            (I::Low, U::Low, P5),
        ];
        for (i, u, p) in expected {
            assert_eq!(m.priority(i, u), p, "{i:?}/{u:?}");
        }
        assert_eq!(
            m.explain(I::High, U::Medium),
            "P2 High: impact High, urgency Medium"
        );
    }

    #[test]
    fn labels_and_serde() {
        assert_eq!(P1.label(), "P1 Critical");
        assert_eq!(P5.label(), "P5 Planning");
        assert_eq!(P3.short(), "P3");
        assert_eq!(P4.index(), 3);
        assert_eq!(serde_json::to_string(&P2).ok().as_deref(), Some("2"));
        assert_eq!(serde_json::from_str::<Priority>("4").ok(), Some(P4));
        assert!(serde_json::from_str::<Priority>("0").is_err());
        assert!(serde_json::from_str::<Priority>("6").is_err());
        assert_eq!(
            serde_json::to_string(&I::Medium).ok().as_deref(),
            Some("\"medium\"")
        );
        assert_eq!(Urgency::from_key("low"), Some(U::Low));
        assert_eq!(Impact::from_key("nope"), None);
        let m = PriorityMatrix::default();
        let json = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(json, r#"{"cells":[[1,2,3],[2,3,4],[3,4,5]]}"#);
        assert_eq!(serde_json::from_str::<PriorityMatrix>(&json).ok(), Some(m));
    }

    fn impact() -> impl Strategy<Value = Impact> {
        prop::sample::select(Impact::ALL.to_vec())
    }
    fn urgency() -> impl Strategy<Value = Urgency> {
        prop::sample::select(Urgency::ALL.to_vec())
    }

    proptest! {
        /// Raising impact or urgency never lowers the priority (lower P number = higher).
        #[test]
        fn default_is_monotone(i1 in impact(), u1 in urgency(), i2 in impact(), u2 in urgency()) {
            let m = PriorityMatrix::default();
            // Index 0 is High, so "at least as high" means index <=.
            if i2.index() <= i1.index() && u2.index() <= u1.index() {
                prop_assert!(m.priority(i2, u2) <= m.priority(i1, u1));
            }
        }
    }
}
