//! The CSV exports of the lists: each reads what its list reads, applies the list's
//! current filter to every record (all pages, not only the one shown) and returns the
//! file name and text made by [`crate::domain::csv_export`].

use std::collections::HashMap;

use crate::domain::article_query::ArticleFilter;
use crate::domain::csv_export::{self, file_name};
use crate::domain::incident_query::{IncidentFilter, SortDir, SortKey};
use crate::domain::known_error_query::KnownErrorFilter;
use crate::domain::problem_query::ProblemFilter;
use crate::domain::record::Record;
use crate::storage::Store;

use super::directory::{self, Directory};
use super::error::AppError;
use super::queue::Queue;
use super::{articles, clock, known_errors, problems, releases};

/// A finished export: the file name and its CSV text.
pub type Export = (String, String);

fn today() -> String {
    clock::now().date()
}

fn namer(dir: &Directory) -> impl Fn(Option<&str>) -> String + '_ {
    move |id| dir.name_opt(id).to_owned()
}

/// The incident queue under `filter` and `sort`, every matching incident in the queue's
/// order. Brings the queue's rows up to date for data revision `revision` first.
pub async fn incidents<S: Store>(
    store: &S,
    queue: &Queue,
    revision: u64,
    filter: &IncidentFilter,
    sort: (SortKey, SortDir),
) -> Result<Export, AppError> {
    let dir = queue.sync(store, revision, clock::now()).await?;
    let page = queue.page(filter, sort, 0, usize::MAX);
    let text = csv_export::incidents(&page.rows, &namer(&dir));
    Ok((file_name("incidents", &today()), text))
}

/// The problem list under `filter`.
pub async fn problems<S: Store>(store: &S, filter: &ProblemFilter) -> Result<Export, AppError> {
    let all = problems::all(store).await?;
    let dir = directory::load(store).await?;
    let rows: Vec<_> = filter.apply(&all).into_iter().cloned().collect();
    let text = csv_export::problems(&rows, &namer(&dir));
    Ok((file_name("problems", &today()), text))
}

/// The known error list under `filter`: problems and articles by reference, releases
/// by name.
pub async fn known_errors<S: Store>(
    store: &S,
    filter: &KnownErrorFilter,
) -> Result<Export, AppError> {
    let all = known_errors::all(store).await?;
    let related = known_errors::related(store).await?;
    let mut names: HashMap<String, String> = HashMap::new();
    for r in related.problems.iter().chain(&related.articles) {
        names.insert(r.id.clone(), r.reference.clone());
    }
    for r in &related.releases {
        names.insert(r.id.clone(), r.title.clone());
    }
    let name = |id: Option<&str>| match id {
        None => String::new(),
        Some(id) => names.get(id).cloned().unwrap_or_else(|| id.to_owned()),
    };
    let rows: Vec<_> = filter.apply(&all).into_iter().cloned().collect();
    let text = csv_export::known_errors(&rows, &name);
    Ok((file_name("known-errors", &today()), text))
}

/// Every release, in the list's order, with the known errors each carries.
pub async fn releases<S: Store>(store: &S) -> Result<Export, AppError> {
    let list = releases::list(store).await?;
    let kes: Vec<crate::domain::known_error::KnownError> =
        super::portal::scan_kind(store, "known_error", |r| match r {
            Record::KnownError(k) => Some(k),
            _ => None,
        })
        .await?;
    let dir = directory::load(store).await?;
    let carried = |r: &crate::domain::release::Release| {
        crate::domain::release_readiness::carried_ever(r, &kes).len()
    };
    let text = csv_export::releases(&list, &carried, &namer(&dir));
    Ok((file_name("releases", &today()), text))
}

/// The knowledge list under `filter`.
pub async fn articles<S: Store>(store: &S, filter: &ArticleFilter) -> Result<Export, AppError> {
    let all = articles::all(store).await?;
    let rows: Vec<_> = filter
        .apply(&all, clock::now())
        .into_iter()
        .cloned()
        .collect();
    Ok((file_name("articles", &today()), csv_export::articles(&rows)))
}
