//! Problem actions for the pages: list, open one by reference (with its linked
//! incidents), create (blank or from selected incidents), edit, move through the
//! lifecycle, link an incident and resolve with the linked incidents. Every write of
//! several records is one atomic batch made on the revisions read.

use std::collections::HashMap;

use crate::domain::couch::document::NewRevision;
use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::Incident;
use crate::domain::kernel::reference::RefKind;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::known_error::KnownError;
use crate::domain::problem::intake::{
    check_incidents, draft_from_incidents, link_incident_to_problem,
};
use crate::domain::problem::resolve::{self, IncidentResolution, ResolveRefusal};
use crate::domain::problem::{Problem, ProblemDraft, ProblemStatus};
use crate::storage::{Store, StoreError};

use super::error::AppError;
use super::records::{all_of_kind, decode, new_id, next_reference, revision, save};
use crate::ops::incident;

/// Document type of problems.
pub const KIND: &str = "problem";

/// The problem with this reference and the revision it was read at.
pub async fn by_reference<S: Store>(
    store: &S,
    reference: &str,
) -> Result<(Problem, Rev), AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        if let Record::Problem(p) = decode(&row)? {
            return Ok((p, row.rev));
        }
    }
    Err(AppError::NotFound(format!("Problem {wanted}")))
}

/// The live incident with this id and its current revision.
pub async fn incident_by_id<S: Store>(store: &S, id: &str) -> Result<(Incident, Rev), AppError> {
    let missing = || AppError::NotFound(format!("Incident {id}"));
    let state = store.get(id).await?.ok_or_else(missing)?;
    if state.deleted {
        return Err(missing());
    }
    match Record::from_json(&state.body) {
        Ok(Record::Incident(i)) => Ok((i, state.rev)),
        Ok(_) => Err(missing()),
        Err(e) => Err(AppError::Corrupt {
            id: id.to_owned(),
            reason: e.to_string(),
        }),
    }
}

/// The incidents linked to `problem`, in the problem's order; ids that no longer
/// resolve to a live incident are skipped (deleted, or not synced here yet).
pub async fn linked_incidents<S: Store>(
    store: &S,
    problem: &Problem,
) -> Result<Vec<Incident>, AppError> {
    let mut out = Vec::with_capacity(problem.incidents.len());
    for id in &problem.incidents {
        match incident_by_id(store, id).await {
            Ok((i, _)) => out.push(i),
            Err(AppError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Creates a problem from incidents (ids; the first one gives title and service):
/// reference `PRB-…`, priority the highest of the incidents, release found from their
/// release, linked to every incident, and each incident pointed at the problem with a
/// `Linked { what: "problem", target: <reference> }` event. The problem and every
/// incident are written in one atomic batch: all or nothing. Refused when no incident
/// is given, one is missing, or one is already linked to a problem; an incident
/// changed elsewhere meanwhile gives [`AppError::Stale`].
pub async fn create_from_incidents<S: Store>(
    store: &S,
    incident_ids: &[String],
    by: &str,
) -> Result<Problem, AppError> {
    let plan = plan_from_incidents(store, incident_ids, by).await?;
    write_plan(store, plan).await
}

/// A problem made from incidents, and the batch that stores it with its links.
#[derive(Debug)]
struct Plan {
    problem: Problem,
    batch: Vec<NewRevision>,
}

/// Reads the incidents and builds the problem and the batch, writing nothing (besides
/// taking the next problem reference).
async fn plan_from_incidents<S: Store>(
    store: &S,
    incident_ids: &[String],
    by: &str,
) -> Result<Plan, AppError> {
    let mut incidents: Vec<(Incident, Rev)> = Vec::with_capacity(incident_ids.len());
    for id in incident_ids {
        if incidents.iter().any(|(i, _)| &i.id == id) {
            continue;
        }
        incidents.push(incident_by_id(store, id).await?);
    }
    let plain: Vec<Incident> = incidents.iter().map(|(i, _)| i.clone()).collect();
    check_incidents(&plain)?;
    let draft = draft_from_incidents(&plain).ok_or_else(|| {
        AppError::Store(StoreError::Invalid(
            "no incidents to create a problem from".into(),
        ))
    })?;
    let now = super::clock::now();
    let reference = next_reference(store, RefKind::Problem).await?;
    let mut problem = Problem::create(draft, new_id(KIND), reference, now, by)?;
    let mut batch = Vec::with_capacity(incidents.len() + 1);
    for (mut incident, rev) in incidents {
        problem.link_incident(&incident.id, now, by);
        link_incident_to_problem(&mut incident, &problem, now, by);
        batch.push(revision(&Record::Incident(incident), Some(rev))?);
    }
    batch.insert(0, revision(&Record::Problem(problem.clone()), None)?);
    Ok(Plan { problem, batch })
}

/// Writes a plan in one atomic batch; an incident changed since it was read fails the
/// whole batch with [`AppError::Stale`].
async fn write_plan<S: Store>(store: &S, plan: Plan) -> Result<Problem, AppError> {
    put_all(store, plan.batch).await?;
    Ok(plan.problem)
}

/// Writes `batch` in one atomic write; a document changed since it was read fails the
/// whole batch with [`AppError::Stale`].
async fn put_all<S: Store>(store: &S, batch: Vec<NewRevision>) -> Result<(), AppError> {
    match store.put_batch(batch).await {
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
        Ok(_) => Ok(()),
    }
}

/// Every live problem, newest first (by creation).
pub async fn all<S: Store>(store: &S) -> Result<Vec<Problem>, AppError> {
    let mut list: Vec<Problem> = all_of_kind(store, KIND)
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Problem(p) => Some(p),
            _ => None,
        })
        .collect();
    list.sort_by(|a, b| {
        b.created
            .cmp(&a.created)
            .then(b.reference.cmp(&a.reference))
    });
    Ok(list)
}

/// Creates a problem from the form (status New); returns it as stored.
pub async fn create<S: Store>(
    store: &S,
    draft: ProblemDraft,
    by: &str,
) -> Result<Problem, AppError> {
    draft.validate()?;
    let reference = next_reference(store, RefKind::Problem).await?;
    let now = super::clock::now();
    let problem = Problem::create(draft, new_id(KIND), reference, now, by)?;
    save(store, &Record::Problem(problem.clone()), None).await?;
    Ok(problem)
}

/// Saves an edit of `problem` as the page read it at revision `rev`, on that revision:
/// a problem changed elsewhere meanwhile is refused as stale, never overwritten.
pub async fn update<S: Store>(
    store: &S,
    mut problem: Problem,
    rev: Rev,
    draft: ProblemDraft,
    by: &str,
) -> Result<Problem, AppError> {
    problem.apply_edit(draft, super::clock::now(), by)?;
    save(store, &Record::Problem(problem.clone()), Some(rev)).await?;
    Ok(problem)
}

/// The problem `reference` as stored now, refused as stale unless it is still at
/// revision `seen` (the one the person was shown).
async fn read_seen<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
) -> Result<(Problem, Rev), AppError> {
    let (problem, rev) = by_reference(store, reference).await?;
    if rev != *seen {
        return Err(AppError::Stale);
    }
    Ok((problem, rev))
}

/// Moves the problem to `to` with an optional reason, on revision `seen` (the one the
/// page shows): the domain refuses moves its policies forbid, and a problem changed
/// since is refused as stale.
pub async fn move_to<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
    to: ProblemStatus,
    reason: Option<String>,
    by: &str,
) -> Result<Problem, AppError> {
    let (mut problem, rev) = read_seen(store, reference, seen).await?;
    problem.transition(to, super::clock::now(), by, reason)?;
    save(store, &Record::Problem(problem.clone()), Some(rev)).await?;
    Ok(problem)
}

/// One message at field `incident`.
fn refuse_link(message: String) -> AppError {
    let mut e = ValidationErrors::new();
    e.push("incident", message);
    AppError::Validation(e)
}

/// The reference of the problem with document id `id` (the id when it is not here).
async fn problem_name<S: Store>(store: &S, id: &str) -> String {
    match store.get(id).await {
        Ok(Some(state)) => match Record::from_json(&state.body) {
            Ok(Record::Problem(p)) => p.reference.as_str().to_owned(),
            _ => id.to_owned(),
        },
        _ => id.to_owned(),
    }
}

/// Links incident `incident_reference` to problem `reference`: the problem's list and
/// the incident's `problem` field are written in one atomic batch, each on the revision
/// read. Refused at field `incident` for a blank or unknown reference, an incident
/// already linked (here or to another problem), or a closed problem.
pub async fn link_incident<S: Store>(
    store: &S,
    reference: &str,
    incident_reference: &str,
    by: &str,
) -> Result<Problem, AppError> {
    let wanted = incident_reference.trim().to_uppercase();
    if wanted.is_empty() {
        return Err(refuse_link(
            "Enter the reference of the incident to link (INC-…).".into(),
        ));
    }
    let (mut problem, rev) = by_reference(store, reference).await?;
    let name = problem.reference.as_str().to_owned();
    if problem.status == ProblemStatus::Closed {
        return Err(refuse_link(format!(
            "{name} is closed: a closed problem takes no more incidents."
        )));
    }
    let (mut incident, incident_rev) = match incident::by_reference(store, &wanted).await {
        Ok(found) => found,
        Err(AppError::NotFound(_)) => {
            return Err(refuse_link(format!(
                "There is no incident {wanted} on this device: check the reference."
            )))
        }
        Err(e) => return Err(e),
    };
    let listed = problem.incidents.contains(&incident.id);
    match incident.problem.as_deref() {
        Some(id) if id == problem.id && listed => {
            return Err(refuse_link(format!(
                "{wanted} is already linked to {name}."
            )));
        }
        Some(id) if id != problem.id => {
            let other = problem_name(store, id).await;
            return Err(refuse_link(format!(
                "{wanted} is already linked to problem {other}: an incident belongs to one problem."
            )));
        }
        _ => {}
    }
    // An incident pointed here from its own page but missing from the list only needs
    // the problem's side written.
    let now = super::clock::now();
    problem.link_incident(&incident.id, now, by);
    let mut batch = vec![revision(&Record::Problem(problem.clone()), Some(rev))?];
    if incident.problem.is_none() {
        link_incident_to_problem(&mut incident, &problem, now, by);
        batch.push(revision(&Record::Incident(incident), Some(incident_rev))?);
    }
    put_all(store, batch).await?;
    Ok(problem)
}

/// Resolves problem `reference` (read at revision `seen`, the one the page shows) with
/// an optional reason, and each chosen linked incident (code "fixed", its note), in ONE
/// atomic batch on the revisions read. Refused, writing nothing, when the problem
/// cannot be resolved ([`AppError::Transition`]), when any chosen incident cannot
/// ([`AppError::Refused`] naming each and why), or when any of them changed meanwhile
/// ([`AppError::Stale`]).
pub async fn resolve_with_incidents<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
    chosen: &[IncidentResolution],
    reason: Option<String>,
    by: &str,
) -> Result<Problem, AppError> {
    let (problem, rev) = read_seen(store, reference, seen).await?;
    let mut read: Vec<(Incident, Rev)> = Vec::with_capacity(chosen.len());
    for choice in chosen {
        match incident_by_id(store, &choice.incident_id).await {
            Ok(found) => read.push(found),
            Err(AppError::NotFound(_)) => {
                return Err(AppError::Refused(format!(
                    "incident {} is not on this device.",
                    choice.incident_id
                )))
            }
            Err(e) => return Err(e),
        }
    }
    let linked: Vec<Incident> = read.iter().map(|(i, _)| i.clone()).collect();
    let now = super::clock::now();
    let (problem, resolved) =
        resolve::plan(&problem, &linked, chosen, reason, now, by).map_err(|e| match e {
            ResolveRefusal::Problem(t) => AppError::Transition(t),
            other => AppError::Refused(other.to_string()),
        })?;
    let mut batch = vec![revision(&Record::Problem(problem.clone()), Some(rev))?];
    for incident in resolved {
        let rev = read
            .iter()
            .find(|(i, _)| i.id == incident.id)
            .map(|(_, rev)| rev.clone());
        batch.push(revision(&Record::Incident(incident), rev)?);
    }
    put_all(store, batch).await?;
    Ok(problem)
}

/// The known errors recorded for the problem with document id `problem_id` (their
/// `problem` field), newest first.
pub async fn known_errors_of<S: Store>(
    store: &S,
    problem_id: &str,
) -> Result<Vec<KnownError>, AppError> {
    Ok(all_of_kind(store, "known_error")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::KnownError(k) if k.problem.as_deref() == Some(problem_id) => Some(k),
            _ => None,
        })
        .collect())
}

/// Release references (`REL-…`) by release id, for links to the release pages.
pub async fn release_references<S: Store>(store: &S) -> Result<HashMap<String, String>, AppError> {
    Ok(all_of_kind(store, "release")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Release(rel) => Some((rel.id, rel.reference.as_str().to_owned())),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests;
