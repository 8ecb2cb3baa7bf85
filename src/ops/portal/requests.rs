//! The end user's own requests: reporting a problem (an incident with channel Portal,
//! linked to the service's release in early life support), reading one of their
//! incidents, commenting, confirming a resolution or reopening it. Every action on an
//! incident checks it was reported with the end user's email first; anyone else's
//! incident is "not found", exactly like a missing one.

use crate::domain::incident::{check_note, Channel, Incident, IncidentDraft, IncidentStatus};
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{require_text, ValidationErrors};
use crate::storage::Store;

use super::super::error::AppError;
use crate::domain::portal_me::PortalMe;
use crate::domain::portal_words::{els_release_for, Affected, HowUrgent};
use crate::ops::incident;
use crate::ops::incident::actions::apply;

/// What "not found" says for a request that is missing or someone else's.
const NOT_FOUND: &str = "This request";

fn not_found() -> AppError {
    AppError::NotFound(NOT_FOUND.into())
}

/// The report form's input, in the end user's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportForm {
    /// What is wrong (the title).
    pub title: String,
    /// More detail (the description).
    pub description: String,
    /// Service id, when they picked one.
    pub service: Option<String>,
    /// Who is affected (→ impact).
    pub affected: Affected,
    /// How urgent (→ urgency).
    pub urgent: HowUrgent,
    /// Who they are.
    pub me: PortalMe,
}

impl ReportForm {
    /// The incident draft it stands for (channel Portal, found in production), linked
    /// to `release` when given.
    pub fn draft(&self, release: Option<String>) -> IncidentDraft {
        IncidentDraft {
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            service: self.service.clone(),
            impact: self.affected.impact(),
            urgency: self.urgent.urgency(),
            release,
            reporter_name: self.me.name.trim().to_owned(),
            reporter_contact: self.me.email.trim().to_owned(),
            channel: Channel::Portal,
            ..IncidentDraft::blank()
        }
    }

    /// Checks every field: the incident's (`title`, `description`) and the end user's
    /// (`name`, `email`), all at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = self.draft(None).validate().err().unwrap_or_default();
        if let Err(e) = self.me.validate() {
            errs.0.extend(e.0);
        }
        errs.into_result()
    }
}

/// Creates the incident an end user reported. When the chosen service has a release in
/// early life support, the incident is linked to it (that is how complaints during
/// early life support reach the release).
pub async fn report<S: Store>(store: &S, form: ReportForm) -> Result<Incident, AppError> {
    form.validate()?;
    let release = match form.service.as_deref() {
        Some(service) => {
            let releases = super::releases(store).await?;
            els_release_for(&releases, service).map(|r| r.id.clone())
        }
        None => None,
    };
    incident::create(store, form.draft(release), &form.me.author()).await
}

/// The end user's incident with this reference; "not found" when it is missing or was
/// reported by someone else.
pub async fn my_request<S: Store>(
    store: &S,
    reference: &str,
    me: &PortalMe,
) -> Result<Incident, AppError> {
    match incident::by_reference(store, reference).await {
        Ok((i, _)) if me.owns(&i.reporter.contact) => Ok(i),
        Ok(_) | Err(AppError::NotFound(_)) => Err(not_found()),
        Err(e) => Err(e),
    }
}

/// Applies `change` to the end user's own incident, as `Name (portal)`.
async fn act<S, F>(
    store: &S,
    reference: &str,
    me: &PortalMe,
    change: F,
) -> Result<Incident, AppError>
where
    S: Store,
    F: FnOnce(&mut Incident, Timestamp, &str) -> Result<(), AppError>,
{
    let result = apply(store, reference, &me.author(), |i, now, by| {
        if !me.owns(&i.reporter.contact) {
            return Err(not_found());
        }
        change(i, now, by)
    })
    .await;
    match result {
        Err(AppError::NotFound(_)) => Err(not_found()),
        other => other,
    }
}

/// Adds the end user's comment (a public comment) to their incident.
pub async fn comment<S: Store>(
    store: &S,
    reference: &str,
    me: &PortalMe,
    text: &str,
) -> Result<Incident, AppError> {
    check_note(text)?;
    act(store, reference, me, |i, now, by| {
        i.add_note(text, true, now, by);
        Ok(())
    })
    .await
}

/// "Yes, it's fixed": closes the resolved incident.
pub async fn confirm_fixed<S: Store>(
    store: &S,
    reference: &str,
    me: &PortalMe,
) -> Result<Incident, AppError> {
    act(store, reference, me, |i, now, by| {
        Ok(i.transition(IncidentStatus::Closed, now, by, None)?)
    })
    .await
}

/// "No, it's still broken": reopens the resolved incident with the end user's reason
/// (field `reason`, required).
pub async fn reopen<S: Store>(
    store: &S,
    reference: &str,
    me: &PortalMe,
    reason: &str,
) -> Result<Incident, AppError> {
    let mut errs = ValidationErrors::new();
    errs.check(require_text("reason", reason, 20_000));
    errs.into_result()?;
    act(store, reference, me, |i, now, by| {
        Ok(i.reopen(reason.trim(), now, by)?)
    })
    .await
}
