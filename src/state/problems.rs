//! Problem actions for the pages: open one by reference (with its linked incidents),
//! and create one from selected incidents, linking both ways in one atomic write.

use crate::domain::document::NewRevision;
use crate::domain::incident::Incident;
use crate::domain::problem::Problem;
use crate::domain::problem_intake::{
    check_incidents, draft_from_incidents, link_incident_to_problem,
};
use crate::domain::record::Record;
use crate::domain::reference::RefKind;
use crate::domain::revision::Rev;
use crate::storage::{Store, StoreError};

use super::error::AppError;
use super::records::{decode, new_id, next_reference, revision};

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
    match store.put_batch(plan.batch).await {
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
        Ok(_) => Ok(plan.problem),
    }
}

#[cfg(test)]
#[path = "problems_tests.rs"]
mod tests;
