//! The one place URLs are built: every route of the app as an enum with `href()`.
//! The router in `app.rs` declares the same paths; a test keeps the two in step.

use crate::domain::kernel::percent::encode as encode_segment;

/// A place in the app a link can point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppRoute {
    /// Landing page: choose the desk or the portal.
    Home,
    /// The agent's home: my work, my groups' unassigned work, breaching soon, majors.
    DeskHome,
    /// The manager dashboard: figures and charts over a time range.
    Dashboard,
    /// The agents' incident queue.
    Incidents,
    /// The form for a new incident.
    NewIncident,
    /// One incident, by its human reference (`INC-…`).
    Incident(String),
    /// Editing one incident.
    EditIncident(String),
    /// Every problem, with filters.
    Problems,
    /// The form for a new problem.
    NewProblem,
    /// One problem, by its human reference (`PRB-…`).
    Problem(String),
    /// Editing one problem.
    EditProblem(String),
    /// The known error database, searchable by error code and symptoms.
    KnownErrors,
    /// The form for a new known error (`?from=PRB-…` prefills it).
    NewKnownError,
    /// One known error, by its human reference (`KE-…`).
    KnownError(String),
    /// Editing one known error.
    EditKnownError(String),
    /// Every release.
    Releases,
    /// The form for a new release.
    NewRelease,
    /// One release: readiness, pre-production, early life support.
    Release(String),
    /// Editing one release.
    EditRelease(String),
    /// A release's feedback report for development.
    ReleaseReport(String),
    /// Practice roles (owner, managers, practitioners) and policies.
    Practices,
    /// Search across every kind of record, with filters (in the query string).
    Search,
    /// Desk configuration: SLA targets, priority matrix, escalation procedures.
    Settings,
    /// Sync with a CouchDB-compatible server: settings, sign in, status.
    Sync,
    /// Records with conflicting versions left by sync.
    Conflicts,
    /// Data portability: JSON backup, restore or merge, and where to import and export.
    Data,
    /// Importing incidents from a CSV file: column mapping, preview, confirmation.
    ImportIncidents,
    /// One record's conflict, by document id: compare, keep one, or merge.
    Conflict(String),
    /// The knowledge base as agents see it: every article, with filters.
    Articles,
    /// The form for a new article (`?from=INC-…|KE-…` prefills it).
    NewArticle,
    /// One article, by its human reference (`KB-…`).
    Article(String),
    /// Editing one article.
    EditArticle(String),
    /// One article's published versions: view and compare.
    ArticleVersions(String),
    /// The end users' self-service portal.
    Portal,
    /// A public article as the portal shows it.
    PortalArticle(String),
    /// Reporting a problem from the portal.
    PortalReport,
    /// The end user's own incidents.
    PortalRequests,
    /// One of the end user's incidents.
    PortalRequest(String),
    /// Feedback on a release in early life support.
    PortalFeedback,
}

impl AppRoute {
    /// The path of this route, with path segments percent-encoded.
    pub fn href(&self) -> String {
        match self {
            AppRoute::Home => "/".to_string(),
            AppRoute::DeskHome => "/desk".to_string(),
            AppRoute::Dashboard => "/desk/dashboard".to_string(),
            AppRoute::Incidents => "/desk/incidents".to_string(),
            AppRoute::NewIncident => "/desk/incidents/new".to_string(),
            AppRoute::Incident(r) => {
                format!("/desk/incidents/{}", encode_segment(r))
            }
            AppRoute::EditIncident(r) => {
                format!("/desk/incidents/{}/edit", encode_segment(r))
            }
            AppRoute::Problems => "/desk/problems".to_string(),
            AppRoute::NewProblem => "/desk/problems/new".to_string(),
            AppRoute::Problem(r) => format!("/desk/problems/{}", encode_segment(r)),
            AppRoute::EditProblem(r) => {
                format!("/desk/problems/{}/edit", encode_segment(r))
            }
            AppRoute::KnownErrors => "/desk/known-errors".to_string(),
            AppRoute::NewKnownError => "/desk/known-errors/new".to_string(),
            AppRoute::KnownError(r) => {
                format!("/desk/known-errors/{}", encode_segment(r))
            }
            AppRoute::EditKnownError(r) => {
                format!("/desk/known-errors/{}/edit", encode_segment(r))
            }
            AppRoute::Releases => "/desk/releases".to_string(),
            AppRoute::NewRelease => "/desk/releases/new".to_string(),
            AppRoute::Release(r) => format!("/desk/releases/{}", encode_segment(r)),
            AppRoute::EditRelease(r) => {
                format!("/desk/releases/{}/edit", encode_segment(r))
            }
            AppRoute::ReleaseReport(r) => {
                format!("/desk/releases/{}/report", encode_segment(r))
            }
            AppRoute::Practices => "/desk/practices".to_string(),
            AppRoute::Search => "/desk/search".to_string(),
            AppRoute::Settings => "/desk/settings".to_string(),
            AppRoute::Sync => "/desk/sync".to_string(),
            AppRoute::Conflicts => "/desk/conflicts".to_string(),
            AppRoute::Data => "/desk/data".to_string(),
            AppRoute::ImportIncidents => "/desk/incidents/import".to_string(),
            AppRoute::Conflict(id) => format!("/desk/conflicts/{}", encode_segment(id)),
            AppRoute::Articles => "/desk/articles".to_string(),
            AppRoute::NewArticle => "/desk/articles/new".to_string(),
            AppRoute::Article(r) => format!("/desk/articles/{}", encode_segment(r)),
            AppRoute::EditArticle(r) => {
                format!("/desk/articles/{}/edit", encode_segment(r))
            }
            AppRoute::ArticleVersions(r) => {
                format!("/desk/articles/{}/versions", encode_segment(r))
            }
            AppRoute::Portal => "/portal".to_string(),
            AppRoute::PortalArticle(r) => {
                format!("/portal/articles/{}", encode_segment(r))
            }
            AppRoute::PortalReport => "/portal/report".to_string(),
            AppRoute::PortalRequests => "/portal/requests".to_string(),
            AppRoute::PortalRequest(r) => {
                format!("/portal/requests/{}", encode_segment(r))
            }
            AppRoute::PortalFeedback => "/portal/feedback".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_match_the_router_paths() {
        assert_eq!(AppRoute::Home.href(), "/");
        assert_eq!(AppRoute::DeskHome.href(), "/desk");
        assert_eq!(AppRoute::Dashboard.href(), "/desk/dashboard");
        assert_eq!(AppRoute::Incidents.href(), "/desk/incidents");
        assert_eq!(AppRoute::NewIncident.href(), "/desk/incidents/new");
        assert_eq!(
            AppRoute::Incident("INC-7K3QF-0042".into()).href(),
            "/desk/incidents/INC-7K3QF-0042"
        );
        assert_eq!(
            AppRoute::EditIncident("INC-7K3QF-0042".into()).href(),
            "/desk/incidents/INC-7K3QF-0042/edit"
        );
        assert_eq!(
            AppRoute::Problem("PRB-7K3QF-0001".into()).href(),
            "/desk/problems/PRB-7K3QF-0001"
        );
        assert_eq!(AppRoute::Settings.href(), "/desk/settings");
        assert_eq!(AppRoute::Sync.href(), "/desk/sync");
        assert_eq!(AppRoute::Data.href(), "/desk/data");
        assert_eq!(AppRoute::ImportIncidents.href(), "/desk/incidents/import");
        assert_eq!(
            AppRoute::Conflict("incident:a b".into()).href(),
            "/desk/conflicts/incident%3Aa%20b"
        );
        assert_eq!(AppRoute::Problems.href(), "/desk/problems");
        assert_eq!(AppRoute::NewProblem.href(), "/desk/problems/new");
        assert_eq!(
            AppRoute::EditProblem("PRB-1".into()).href(),
            "/desk/problems/PRB-1/edit"
        );
        assert_eq!(AppRoute::KnownErrors.href(), "/desk/known-errors");
        assert_eq!(AppRoute::NewKnownError.href(), "/desk/known-errors/new");
        assert_eq!(
            AppRoute::KnownError("KE-1".into()).href(),
            "/desk/known-errors/KE-1"
        );
        assert_eq!(
            AppRoute::EditKnownError("KE-1".into()).href(),
            "/desk/known-errors/KE-1/edit"
        );
        assert_eq!(AppRoute::Releases.href(), "/desk/releases");
        assert_eq!(AppRoute::NewRelease.href(), "/desk/releases/new");
        assert_eq!(
            AppRoute::Release("REL-1".into()).href(),
            "/desk/releases/REL-1"
        );
        assert_eq!(
            AppRoute::EditRelease("REL-1".into()).href(),
            "/desk/releases/REL-1/edit"
        );
        assert_eq!(
            AppRoute::ReleaseReport("REL-1".into()).href(),
            "/desk/releases/REL-1/report"
        );
        assert_eq!(AppRoute::Practices.href(), "/desk/practices");
        assert_eq!(AppRoute::Search.href(), "/desk/search");
        assert_eq!(AppRoute::Portal.href(), "/portal");
        assert_eq!(AppRoute::Articles.href(), "/desk/articles");
        assert_eq!(AppRoute::NewArticle.href(), "/desk/articles/new");
        assert_eq!(
            AppRoute::Article("KB-1".into()).href(),
            "/desk/articles/KB-1"
        );
        assert_eq!(
            AppRoute::EditArticle("KB-1".into()).href(),
            "/desk/articles/KB-1/edit"
        );
        assert_eq!(
            AppRoute::ArticleVersions("KB-1".into()).href(),
            "/desk/articles/KB-1/versions"
        );
        assert_eq!(
            AppRoute::PortalArticle("KB-1".into()).href(),
            "/portal/articles/KB-1"
        );
        assert_eq!(AppRoute::PortalReport.href(), "/portal/report");
        assert_eq!(AppRoute::PortalRequests.href(), "/portal/requests");
        assert_eq!(
            AppRoute::PortalRequest("INC-1".into()).href(),
            "/portal/requests/INC-1"
        );
        assert_eq!(AppRoute::PortalFeedback.href(), "/portal/feedback");
    }

    #[test]
    fn segments_cannot_escape() {
        assert_eq!(
            AppRoute::Incident("../x?y#z".into()).href(),
            "/desk/incidents/..%2Fx%3Fy%23z"
        );
    }
}
