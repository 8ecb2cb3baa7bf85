//! The parts of the incident page (the agent's workbench): what it loads, and the
//! panels for lifecycle moves, assignment and escalation, notes, links, workarounds,
//! SLA and escalation procedure, and the timeline.

use std::collections::HashMap;

use crate::domain::config::escalation::EscalationProcedure;
use crate::domain::config::DeskSettings;
use crate::domain::couch::record::Record;
use crate::domain::incident::{Incident, LinkKind};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::{KnownError, KnownErrorStatus};
use crate::ops::directory::{self, Directory};
use crate::ops::error::AppError;
use crate::ops::incident;
use crate::ops::records::{all_of_kind, settings};
use crate::storage::Store;

/// A problem, known error or article that can be linked or is linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linkable {
    /// What it is.
    pub kind: LinkKind,
    /// Document id.
    pub id: String,
    /// Human reference (`PRB-…`).
    pub reference: String,
    /// Title.
    pub title: String,
    /// Status label.
    pub status: &'static str,
}

impl Linkable {
    /// `PRB-DEM00-0001 · Title`, as offered in the picker and shown in the timeline.
    pub fn label(&self) -> String {
        format!("{} · {}", self.reference, self.title)
    }
}

/// Everything the incident page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PageData {
    /// The incident as stored now.
    pub incident: Incident,
    /// Names of services, groups, people, releases; pickers.
    pub directory: Directory,
    /// Priority matrix and SLA targets.
    pub settings: DeskSettings,
    /// The escalation procedure of the incident's service, if one is configured.
    pub procedure: Option<EscalationProcedure>,
    /// Problems, known errors and articles, for the link picker and link names.
    pub linkables: Vec<Linkable>,
    /// Active known errors, for the workaround picker.
    pub workarounds: Vec<KnownError>,
}

impl PageData {
    /// The name of any id the page may meet in the incident or its history: people,
    /// groups, services, releases, and linked records (as `REF · title`).
    pub fn names(&self) -> HashMap<String, String> {
        let mut names: HashMap<String, String> = HashMap::new();
        for s in &self.directory.services {
            names.insert(s.id.clone(), s.name.clone());
        }
        for g in &self.directory.groups {
            names.insert(g.id.clone(), g.name.clone());
        }
        for p in &self.directory.people {
            names.insert(p.id.clone(), p.name.clone());
        }
        for r in &self.directory.releases {
            names.insert(r.id.clone(), r.name.clone());
        }
        for l in &self.linkables {
            names.insert(l.id.clone(), l.label());
        }
        names
    }
}

/// Loads the incident `reference` and what its page needs.
pub async fn load<S: Store>(store: &S, reference: &str) -> Result<PageData, AppError> {
    let (incident, _rev) = incident::by_reference(store, reference).await?;
    let directory = directory::load(store).await?;
    let settings = settings(store).await?;
    let procedure = match &incident.service {
        Some(service) => all_of_kind(store, "escalation_procedure")
            .await?
            .into_iter()
            .find_map(|r| match r {
                Record::EscalationProcedure(p) if &p.service == service => Some(p),
                _ => None,
            }),
        None => None,
    };
    let mut linkables = Vec::new();
    let mut workarounds = Vec::new();
    for kind in LinkKind::ALL {
        for record in all_of_kind(store, kind.key()).await? {
            let item = match record {
                Record::Problem(p) => Some((p.id, p.reference, p.title, p.status.label())),
                Record::KnownError(k) => {
                    if k.status == KnownErrorStatus::Active {
                        workarounds.push(k.clone());
                    }
                    Some((k.id, k.reference, k.title, k.status.label()))
                }
                Record::Article(a) => Some((a.id, a.reference, a.title, a.status.label())),
                _ => None,
            };
            if let Some((id, reference, title, status)) = item {
                linkables.push(Linkable {
                    kind,
                    id,
                    reference: reference.as_str().to_owned(),
                    title,
                    status,
                });
            }
        }
    }
    linkables.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(PageData {
        incident,
        directory,
        settings,
        procedure,
        linkables,
        workarounds,
    })
}
