//! The agent's actions on one incident (status moves, assignment, escalation, major
//! incident, notes, links, edits): each reads the incident's current revision, applies
//! one domain method and saves on that revision, so nothing is written when the domain
//! refuses, and a change made elsewhere in between is refused as stale, never lost.

use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::{HoldReason, Incident, IncidentDraft, IncidentStatus, LinkKind};
use crate::domain::kernel::time::Timestamp;
use crate::storage::Store;

use crate::ops::clock;
use crate::ops::error::AppError;
use crate::ops::incident;
use crate::ops::records::{save, settings};

/// Applies `change` to the current revision of incident `reference` as `by`, saves it
/// on that revision and returns the incident as stored. Nothing is saved when
/// `change` fails.
pub async fn apply<S, F>(
    store: &S,
    reference: &str,
    by: &str,
    change: F,
) -> Result<Incident, AppError>
where
    S: Store,
    F: FnOnce(&mut Incident, Timestamp, &str) -> Result<(), AppError>,
{
    let (mut incident, rev) = incident::by_reference(store, reference).await?;
    change(&mut incident, clock::now(), by)?;
    save(store, &Record::Incident(incident.clone()), Some(rev)).await?;
    Ok(incident)
}

/// Moves the incident to `to` (used for Start work and Close, which need no input).
pub async fn move_to<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    to: IncidentStatus,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.transition(to, now, by, None)?)
    })
    .await
}

/// Puts the incident on hold for `reason`.
pub async fn hold<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    reason: HoldReason,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.put_on_hold(reason, now, by)?)
    })
    .await
}

/// Resolves with a resolution code and notes (notes are required by the domain).
pub async fn resolve<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    code: Option<String>,
    notes: &str,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.resolve(code, notes, now, by)?)
    })
    .await
}

/// Cancels with a reason.
pub async fn cancel<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    reason: &str,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.cancel(reason, now, by)?)
    })
    .await
}

/// Reopens a resolved incident with a reason.
pub async fn reopen<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    reason: &str,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.reopen(reason, now, by)?)
    })
    .await
}

/// Assigns a group (id) and an assignee (person id), either of which may be empty.
pub async fn assign<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    group: Option<String>,
    assignee: Option<String>,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        i.assign(group, assignee, now, by);
        Ok(())
    })
    .await
}

/// Functional escalation to another group (id), with a reason.
pub async fn escalate_functional<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    group: &str,
    reason: &str,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.escalate_functional(group, reason, now, by)?)
    })
    .await
}

/// Hierarchical escalation to a manager (person id), with a reason.
pub async fn escalate_hierarchical<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    manager: &str,
    reason: &str,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        Ok(i.escalate_hierarchical(manager, reason, now, by)?)
    })
    .await
}

/// Declares (`true`) or stands down (`false`) a major incident.
pub async fn set_major<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    major: bool,
) -> Result<Incident, AppError> {
    apply(store, reference, by, |i, now, by| {
        if major {
            Ok(i.declare_major(now, by)?)
        } else {
            Ok(i.stand_down_major(now, by)?)
        }
    })
    .await
}

/// Adds an internal work note, or a public comment when `public`.
pub async fn add_note<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    text: &str,
    public: bool,
) -> Result<Incident, AppError> {
    crate::domain::incident::check_note(text)?;
    apply(store, reference, by, |i, now, by| {
        i.add_note(text, public, now, by);
        Ok(())
    })
    .await
}

/// Links a problem, known error or article (document id). A problem is linked both
/// ways in one atomic write (the problem lists the incident, the incident names the
/// problem), as from the problem page; an incident already linked to another problem
/// is refused.
pub async fn link<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    kind: LinkKind,
    target: &str,
) -> Result<Incident, AppError> {
    if kind == LinkKind::Problem {
        return link_problem(store, reference, by, target).await;
    }
    apply(store, reference, by, |i, now, by| {
        Ok(i.link(kind, target, now, by)?)
    })
    .await
}

/// Links problem `problem_id` through [`crate::ops::problem::link_incident`], with its
/// refusals moved to the incident page's picker field (`target`).
async fn link_problem<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    problem_id: &str,
) -> Result<Incident, AppError> {
    let problem_ref = match store.get(problem_id).await? {
        Some(doc) if !doc.deleted => match Record::from_json(&doc.body) {
            Ok(Record::Problem(p)) => p.reference.as_str().to_owned(),
            _ => return Err(AppError::NotFound(format!("Problem {problem_id}"))),
        },
        _ => return Err(AppError::NotFound(format!("Problem {problem_id}"))),
    };
    match crate::ops::problem::link_incident(store, &problem_ref, reference, by).await {
        Ok(_) => Ok(incident::by_reference(store, reference).await?.0),
        Err(AppError::Validation(v)) => {
            let mut moved = crate::domain::kernel::validation::ValidationErrors::new();
            for e in v.0 {
                moved.push("target", e.message);
            }
            Err(AppError::Validation(moved))
        }
        Err(e) => Err(e),
    }
}

/// Saves an edit made on revision `rev` of `incident`, with the work note that must
/// accompany a change of impact or urgency; refused when the incident changed since.
pub async fn update<S: Store>(
    store: &S,
    mut incident: Incident,
    rev: Rev,
    draft: IncidentDraft,
    work_note: &str,
    by: &str,
) -> Result<Incident, AppError> {
    let desk = settings(store).await?;
    incident.apply_edit_noted(draft, work_note, clock::now(), by, &desk.matrix)?;
    save(store, &Record::Incident(incident.clone()), Some(rev)).await?;
    Ok(incident)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::IncidentDraft;
    use crate::storage::memory::MemoryStore;
    use crate::test_util::block_on;

    fn logged(store: &MemoryStore) -> String {
        let mut draft = IncidentDraft::blank();
        draft.title = "VPN drops".into();
        let made = block_on(incident::create(store, draft, "Ada"));
        made.map(|i| i.reference.as_str().to_owned())
            .unwrap_or_else(|e| panic!("create failed: {e}"))
    }

    #[test]
    fn refused_actions_save_nothing_and_accepted_ones_save_once() {
        let store = MemoryStore::default();
        let r = logged(&store);
        let before = block_on(incident::by_reference(&store, &r))
            .map(|(_, rev)| rev)
            .ok();
        let refused = block_on(resolve(&store, &r, "Ada", None, "  "));
        assert!(
            matches!(refused, Err(AppError::Transition(_))),
            "{refused:?}"
        );
        let after = block_on(incident::by_reference(&store, &r))
            .map(|(_, rev)| rev)
            .ok();
        assert_eq!(before, after, "a refused action writes no revision");

        let done = block_on(resolve(
            &store,
            &r,
            "Ada",
            Some("fixed".into()),
            "Reset the token",
        ));
        assert_eq!(done.map(|i| i.status).ok(), Some(IncidentStatus::Resolved));
        let stored = block_on(incident::by_reference(&store, &r)).ok();
        assert_eq!(
            stored.map(|(i, _)| i.status),
            Some(IncidentStatus::Resolved)
        );

        let empty = block_on(add_note(&store, &r, "Ada", "", false));
        assert!(matches!(empty, Err(AppError::Validation(_))));
        let noted = block_on(add_note(&store, &r, "Ada", "Called back", true));
        assert!(noted.is_ok());
    }

    #[test]
    fn an_edit_on_a_stale_revision_is_refused() {
        let store = MemoryStore::default();
        let r = logged(&store);
        let read = block_on(incident::by_reference(&store, &r));
        let Ok((incident, rev)) = read else {
            panic!("not found");
        };
        assert!(block_on(set_major(&store, &r, "Ada", true)).is_ok());
        let mut draft = incident.draft();
        draft.title = "VPN drops hourly".into();
        let stale = block_on(update(&store, incident, rev, draft, "", "Ada"));
        assert!(matches!(stale, Err(AppError::Stale)), "{stale:?}");
    }

    #[test]
    fn linking_a_problem_from_the_incident_links_both_ways() {
        let store = MemoryStore::default();
        let a = logged(&store);
        let b = logged(&store);
        let Ok((ia, _)) = block_on(incident::by_reference(&store, &a)) else {
            panic!("not found");
        };
        let made = block_on(crate::ops::problem::create_from_incidents(
            &store,
            std::slice::from_ref(&ia.id),
            "Ada",
        ));
        let problem = made.unwrap_or_else(|e| panic!("{e}"));
        let linked = block_on(link(&store, &b, "Ada", LinkKind::Problem, &problem.id));
        assert_eq!(
            linked.map(|i| i.problem).ok().flatten(),
            Some(problem.id.clone())
        );
        let reread = block_on(crate::ops::problem::by_reference(
            &store,
            problem.reference.as_str(),
        ));
        let (p, _) = reread.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.incidents.len(), 2, "the problem lists the incident too");
        let again = block_on(link(&store, &b, "Ada", LinkKind::Problem, &problem.id));
        let field = again
            .err()
            .and_then(|e| e.validation().map(|v| v.0[0].field));
        assert_eq!(field, Some("target"), "refusals show at the picker");
    }
}
