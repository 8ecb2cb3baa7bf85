//! What the release page, the gates and the feedback report read about one release:
//! its pre-production and production incidents (found through the in-memory queue,
//! then read in full), known errors, articles, problems, escalation procedures and
//! portal feedback.

use crate::domain::config::escalation::EscalationProcedure;
use crate::domain::couch::record::Record;
use crate::domain::incident::Incident;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::known_error::KnownError;
use crate::domain::problem::Problem;
use crate::domain::release::els::{self, ElsFigures};
use crate::domain::release::exit_criteria::{evaluate, ExitFacts, Verdict};
use crate::domain::release::feedback::Feedback;
use crate::domain::release::readiness::{self, Carried};
use crate::domain::release::report::{self, Report, ReportInput};
use crate::domain::release::Release;
use crate::storage::Store;

use super::super::directory::Directory;
use super::super::error::AppError;
use super::super::portal::scan_kind;
use super::super::queue::Queue;
use super::super::records::settings;

/// Everything known about one release's practice.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    /// Incidents found before production against it, newest first.
    pub pre_production: Vec<Incident>,
    /// Its production incidents, newest first.
    pub production: Vec<Incident>,
    /// Every known error.
    pub known_errors: Vec<KnownError>,
    /// Every article.
    pub articles: Vec<KnowledgeArticle>,
    /// Every problem.
    pub problems: Vec<Problem>,
    /// Every escalation procedure.
    pub procedures: Vec<EscalationProcedure>,
    /// Portal feedback on it, newest first.
    pub feedback: Vec<Feedback>,
    /// The SLA policy in force.
    pub policy: crate::domain::config::SlaPolicy,
    /// Names of services, releases and people.
    pub names: Directory,
}

/// Reads everything about `release`: its incidents through the queue's rows (no full
/// scan of the incident store), the rest by kind.
pub async fn gather<S: Store>(
    store: &S,
    queue: &Queue,
    data_revision: u64,
    release: &Release,
    now: Timestamp,
) -> Result<Gathered, AppError> {
    let names = queue.sync(store, data_revision, now).await?;
    let pre_ids =
        queue.ids_where(|r| els::is_pre_production(release, r.environment, r.release.as_deref()));
    let prod_ids = queue.ids_where(|r| {
        els::is_production(
            release,
            r.environment,
            r.release.as_deref(),
            r.service.as_deref(),
            r.created,
        )
    });
    let mut pre_production = read_incidents(store, &pre_ids).await?;
    let mut production = read_incidents(store, &prod_ids).await?;
    for list in [&mut pre_production, &mut production] {
        list.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    }
    let mut feedback = scan_kind(store, "feedback", |r| match r {
        Record::Feedback(f) if f.release == release.id => Some(f),
        _ => None,
    })
    .await?;
    feedback.sort_by_key(|f| std::cmp::Reverse(f.created));
    Ok(Gathered {
        pre_production,
        production,
        known_errors: scan_kind(store, "known_error", |r| match r {
            Record::KnownError(k) => Some(k),
            _ => None,
        })
        .await?,
        articles: scan_kind(store, "article", |r| match r {
            Record::Article(a) => Some(a),
            _ => None,
        })
        .await?,
        problems: scan_kind(store, "problem", |r| match r {
            Record::Problem(p) => Some(p),
            _ => None,
        })
        .await?,
        procedures: scan_kind(store, "escalation_procedure", |r| match r {
            Record::EscalationProcedure(p) => Some(p),
            _ => None,
        })
        .await?,
        feedback,
        policy: settings(store).await?.sla,
        names,
    })
}

/// The incidents with these ids that are live here (deleted ones are skipped).
async fn read_incidents<S: Store>(store: &S, ids: &[String]) -> Result<Vec<Incident>, AppError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match crate::ops::problem::incident_by_id(store, id).await {
            Ok((i, _)) => out.push(i),
            Err(AppError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

impl Gathered {
    /// The carried known errors with their documentation.
    pub fn readiness<'a>(&'a self, release: &Release) -> Vec<Carried<'a>> {
        readiness::readiness(release, &self.known_errors, &self.articles)
    }

    /// What blocks deployment, as sentences.
    pub fn readiness_missing(&self, release: &Release) -> Vec<String> {
        readiness::missing(&self.readiness(release))
    }

    /// The early-life-support figures as of `now`.
    pub fn figures(&self, release: &Release, now: Timestamp) -> ElsFigures {
        els::figures(release, &self.production, &self.policy, now)
    }

    /// The exit criteria's verdicts as of `now`.
    pub fn verdicts(&self, release: &Release, now: Timestamp) -> Vec<Verdict> {
        let figures = self.figures(release, now);
        let carried = self.readiness(release);
        let per_day = match release.deployment_date.filter(|_| release.is_deployed()) {
            Some(deployed) => els::full_days(&figures.daily_totals(), deployed, now),
            None => Vec::new(),
        };
        let facts = ExitFacts {
            open_p1_p2: figures
                .open_p1_p2
                .iter()
                .map(|o| o.reference.clone())
                .collect(),
            per_day,
            undocumented: carried
                .iter()
                .filter(|c| !c.documented())
                .map(|c| c.known_error.reference.as_str().to_owned())
                .collect(),
            services_without_procedure: release
                .services
                .iter()
                .filter(|s| {
                    !self
                        .procedures
                        .iter()
                        .any(|p| &p.service == *s && !p.levels.is_empty())
                })
                .map(|s| self.names.name(s).to_owned())
                .collect(),
        };
        evaluate(&release.exit_criteria, &facts)
    }

    /// The feedback report for development.
    pub fn report(&self, release: &Release) -> Report {
        let carried: Vec<String> = readiness::carried_ever(release, &self.known_errors)
            .iter()
            .map(|k| k.id.clone())
            .collect();
        let names = &self.names;
        let service_name = |id: &str| names.name(id).to_owned();
        report::build(&ReportInput {
            release,
            pre_production: &self.pre_production,
            production: &self.production,
            problems: &self.problems,
            known_errors: &self.known_errors,
            carried: &carried,
            service_name: &service_name,
        })
    }
}
