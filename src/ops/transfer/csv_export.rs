//! The CSV exports of the lists: each reads what its list reads, applies the list's
//! current filter to every record (all pages, not only the one shown) and returns the
//! file name and text made by [`crate::domain::transfer::csv::export`].

use std::collections::HashMap;

use crate::domain::couch::record::Record;
use crate::domain::incident::query::{IncidentFilter, SortDir, SortKey};
use crate::domain::knowledge::query::ArticleFilter;
use crate::domain::known_error::query::KnownErrorFilter;
use crate::domain::problem::query::ProblemFilter;
use crate::domain::transfer::csv::export::{self, file_name};
use crate::storage::Store;

use crate::ops::clock;
use crate::ops::directory::{self, Directory};
use crate::ops::error::AppError;
use crate::ops::knowledge;
use crate::ops::known_error;
use crate::ops::problem;
use crate::ops::queue::Queue;
use crate::ops::release;

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
    let text = export::incidents(&page.rows, &namer(&dir));
    Ok((file_name("incidents", &today()), text))
}

/// The problem list under `filter`.
pub async fn problems<S: Store>(store: &S, filter: &ProblemFilter) -> Result<Export, AppError> {
    let all = problem::all(store).await?;
    let dir = directory::load(store).await?;
    let rows: Vec<_> = filter.apply(&all).into_iter().cloned().collect();
    let text = export::problems(&rows, &namer(&dir));
    Ok((file_name("problems", &today()), text))
}

/// The known error list under `filter`: problems and articles by reference, releases
/// by name.
pub async fn known_errors<S: Store>(
    store: &S,
    filter: &KnownErrorFilter,
) -> Result<Export, AppError> {
    let all = known_error::all(store).await?;
    let related = known_error::related(store).await?;
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
    let text = export::known_errors(&rows, &name);
    Ok((file_name("known-errors", &today()), text))
}

/// Every release, in the list's order, with the known errors each carries.
pub async fn releases<S: Store>(store: &S) -> Result<Export, AppError> {
    let list = release::list(store).await?;
    let kes: Vec<crate::domain::known_error::KnownError> =
        crate::ops::portal::scan_kind(store, "known_error", |r| match r {
            Record::KnownError(k) => Some(k),
            _ => None,
        })
        .await?;
    let dir = directory::load(store).await?;
    let carried = |r: &crate::domain::release::Release| {
        crate::domain::release::readiness::carried_ever(r, &kes).len()
    };
    let text = export::releases(&list, &carried, &namer(&dir));
    Ok((file_name("releases", &today()), text))
}

/// The knowledge list under `filter`.
pub async fn articles<S: Store>(store: &S, filter: &ArticleFilter) -> Result<Export, AppError> {
    let all = knowledge::all(store).await?;
    let rows: Vec<_> = filter
        .apply(&all, clock::now())
        .into_iter()
        .cloned()
        .collect();
    Ok((file_name("articles", &today()), export::articles(&rows)))
}
