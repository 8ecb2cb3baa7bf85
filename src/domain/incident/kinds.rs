//! The incident's small vocabularies: status (with its lifecycle), channel,
//! environment found in, and on-hold reason.

use serde::{Deserialize, Serialize};

use crate::domain::kernel::lifecycle::Lifecycle;

/// Where an incident is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    /// Logged, not yet worked on.
    New,
    /// Someone is working on it.
    InProgress,
    /// Waiting for something outside the desk (see [`HoldReason`]); SLA paused.
    OnHold,
    /// Service restored; waiting for the caller to confirm or for auto-close.
    Resolved,
    /// Done.
    Closed,
    /// Logged in error or a duplicate.
    Cancelled,
}

impl Lifecycle for IncidentStatus {
    fn all() -> &'static [Self] {
        use IncidentStatus::*;
        &[New, InProgress, OnHold, Resolved, Closed, Cancelled]
    }
    fn initial() -> Self {
        IncidentStatus::New
    }
    fn allowed(self) -> &'static [Self] {
        use IncidentStatus::*;
        match self {
            New => &[InProgress, OnHold, Resolved, Cancelled],
            InProgress => &[OnHold, Resolved, Cancelled],
            OnHold => &[InProgress, Resolved, Cancelled],
            Resolved => &[Closed, InProgress],
            Closed | Cancelled => &[],
        }
    }
    fn is_terminal(self) -> bool {
        matches!(self, IncidentStatus::Closed | IncidentStatus::Cancelled)
    }
    fn label(self) -> &'static str {
        match self {
            IncidentStatus::New => "New",
            IncidentStatus::InProgress => "In progress",
            IncidentStatus::OnHold => "On hold",
            IncidentStatus::Resolved => "Resolved",
            IncidentStatus::Closed => "Closed",
            IncidentStatus::Cancelled => "Cancelled",
        }
    }
    fn record_noun() -> &'static str {
        "incident"
    }
}

/// How the incident reached the desk.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Self-service portal.
    #[default]
    Portal,
    /// Phone call.
    Phone,
    /// Email.
    Email,
    /// In person at the desk.
    WalkIn,
    /// Raised by monitoring.
    Monitoring,
    /// Found while testing a release.
    Testing,
}

impl Channel {
    /// Every channel, in form order.
    pub const ALL: [Channel; 6] = [
        Channel::Portal,
        Channel::Phone,
        Channel::Email,
        Channel::WalkIn,
        Channel::Monitoring,
        Channel::Testing,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Portal => "Portal",
            Channel::Phone => "Phone",
            Channel::Email => "Email",
            Channel::WalkIn => "Walk-in",
            Channel::Monitoring => "Monitoring",
            Channel::Testing => "Testing",
        }
    }
}

/// Where the incident was found: production or a pre-production stage.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// Live service.
    #[default]
    Production,
    /// Test environment.
    Test,
    /// Staging environment.
    Staging,
    /// User acceptance testing.
    Uat,
}

impl Environment {
    /// Every environment, production first.
    pub const ALL: [Environment; 4] = [
        Environment::Production,
        Environment::Test,
        Environment::Staging,
        Environment::Uat,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Environment::Production => "Production",
            Environment::Test => "Test",
            Environment::Staging => "Staging",
            Environment::Uat => "User acceptance testing",
        }
    }

    /// True for every stage before production.
    pub fn is_pre_production(self) -> bool {
        self != Environment::Production
    }
}

/// What an on-hold incident is waiting for.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// Waiting for the caller's answer.
    AwaitingCaller,
    /// Waiting for a change to be implemented.
    AwaitingChange,
    /// Waiting for a problem to be fixed.
    AwaitingProblem,
    /// Waiting for a supplier.
    AwaitingVendor,
}

impl HoldReason {
    /// Every hold reason.
    pub const ALL: [HoldReason; 4] = [
        HoldReason::AwaitingCaller,
        HoldReason::AwaitingChange,
        HoldReason::AwaitingProblem,
        HoldReason::AwaitingVendor,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            HoldReason::AwaitingCaller => "Awaiting caller",
            HoldReason::AwaitingChange => "Awaiting change",
            HoldReason::AwaitingProblem => "Awaiting problem",
            HoldReason::AwaitingVendor => "Awaiting vendor",
        }
    }
}

/// How an incident was resolved. Stored as its key (`workaround`) in
/// `Incident::resolution_code`, so codes written by older versions still read.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolutionCode {
    /// The cause was fixed.
    Fixed,
    /// A workaround restored the service; the cause remains.
    Workaround,
    /// The caller was shown how to do it.
    AdviceGiven,
    /// Nothing wrong was found.
    NoFaultFound,
    /// The caller fixed it themselves or it went away.
    ResolvedByCaller,
}

impl ResolutionCode {
    /// Every code, in form order.
    pub const ALL: [ResolutionCode; 5] = [
        ResolutionCode::Fixed,
        ResolutionCode::Workaround,
        ResolutionCode::AdviceGiven,
        ResolutionCode::NoFaultFound,
        ResolutionCode::ResolvedByCaller,
    ];

    /// The stored key (`no_fault_found`).
    pub fn key(self) -> &'static str {
        match self {
            ResolutionCode::Fixed => "fixed",
            ResolutionCode::Workaround => "workaround",
            ResolutionCode::AdviceGiven => "advice_given",
            ResolutionCode::NoFaultFound => "no_fault_found",
            ResolutionCode::ResolvedByCaller => "resolved_by_caller",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            ResolutionCode::Fixed => "Fixed",
            ResolutionCode::Workaround => "Workaround applied",
            ResolutionCode::AdviceGiven => "Advice given",
            ResolutionCode::NoFaultFound => "No fault found",
            ResolutionCode::ResolvedByCaller => "Resolved by caller",
        }
    }

    /// The code stored as `key`.
    pub fn from_key(key: &str) -> Option<ResolutionCode> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The label of a stored key; the key itself when it is not a known code.
    pub fn label_of(key: &str) -> &str {
        match Self::from_key(key) {
            Some(code) => code.label(),
            None => key,
        }
    }
}
