//! The CSV import's reads and writes: what the file's cells are matched against (the
//! directory and the priority matrix), and writing valid rows as new incidents a batch
//! per transaction (all or nothing per batch) with references minted the normal way.

use crate::domain::config::DeskSettings;
use crate::domain::couch::record::Record;
use crate::domain::kernel::reference::{RefKind, Reference};
use crate::domain::transfer::csv::import::batches;
use crate::domain::transfer::csv::import::rows::{build, Names, Prepared};
use crate::storage::Store;

use crate::ops::clock;
use crate::ops::directory::{self, Directory};
use crate::ops::error::AppError;
use crate::ops::incident;
use crate::ops::records::{device_tag, new_id, revision, settings};

/// What imported rows are checked against.
#[derive(Debug, Clone, Default)]
pub struct ImportContext {
    pub names: Names,
    pub settings: DeskSettings,
}

/// The directory's names as the import matches them.
pub fn names_of(dir: &Directory) -> Names {
    Names {
        services: dir
            .services
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect(),
        groups: dir
            .groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect(),
        people: dir
            .people
            .iter()
            .map(|p| (p.id.clone(), p.name.clone(), p.email.clone()))
            .collect(),
        releases: dir
            .releases
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect(),
    }
}

/// Loads the names and settings rows are checked against.
pub async fn context<S: Store>(store: &S) -> Result<ImportContext, AppError> {
    Ok(ImportContext {
        names: names_of(&directory::load(store).await?),
        settings: settings(store).await?,
    })
}

/// Where a running import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Incidents written so far.
    pub done: usize,
    /// Incidents to write.
    pub total: usize,
    /// Batches written so far.
    pub batches_done: usize,
    /// Batches in all.
    pub batches: usize,
}

/// Writes `rows` as new incidents, `batch` per transaction, calling `progress` after
/// each committed batch. Stops at the first batch that fails: batches before it are
/// written, it and those after are not. Returns how many incidents were written.
pub async fn import<S: Store>(
    store: &S,
    rows: &[Prepared],
    batch: usize,
    by: &str,
    file_name: &str,
    progress: impl Fn(Progress),
) -> Result<usize, (usize, AppError)> {
    let plan = batches(rows.len(), batch);
    let matrix = settings(store).await.map_err(|e| (0, e))?.matrix;
    let tag = device_tag(store).await.map_err(|e| (0, e))?;
    let key = format!("counter:{}", RefKind::Incident.prefix());
    let mut done = 0;
    for (k, range) in plan.iter().enumerate() {
        let mut revs = Vec::with_capacity(range.len());
        // The batch's references in one write (a gap is left if the batch then fails:
        // references are never handed out twice, gaps are harmless).
        let first = store
            .reserve_counters(&key, range.len() as u64)
            .await
            .map_err(|e| (done, e.into()))?;
        for (offset, row) in rows[range.clone()].iter().enumerate() {
            let n = first + offset as u64;
            let n = u32::try_from(n).map_err(|_| {
                (
                    done,
                    AppError::Refused("the incident reference counter is full".into()),
                )
            })?;
            let reference = Reference::new(RefKind::Incident, &tag, n);
            let incident = build(
                row,
                new_id(incident::KIND),
                reference,
                clock::now(),
                by,
                &matrix,
                file_name,
            )
            .map_err(|e| (done, AppError::Refused(format!("row {}: {e}", row.line))))?;
            revs.push(revision(&Record::Incident(incident), None).map_err(|e| (done, e))?);
        }
        store.put_batch(revs).await.map_err(|e| (done, e.into()))?;
        done += range.len();
        progress(Progress {
            done,
            total: rows.len(),
            batches_done: k + 1,
            batches: plan.len(),
        });
        clock::pause().await;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transfer::csv::import::map::guess;
    use crate::domain::transfer::csv::import::parse;
    use crate::domain::transfer::csv::import::rows::check_rows;
    use crate::storage::memory::MemoryStore;
    use crate::storage::ListQuery;
    use crate::test_util::block_on;
    use std::cell::RefCell;

    #[test]
    fn rows_are_written_a_batch_per_transaction_with_fresh_references() {
        block_on(async {
            let s = MemoryStore::new();
            let mut text = String::from("Title,Impact\n");
            for k in 0..7 {
                text.push_str(&format!("Imported incident {k},High\n"));
            }
            let table = parse(text.as_bytes()).unwrap();
            let ctx = context(&s).await.unwrap();
            let checked = check_rows(
                &table,
                &guess(&table.headers),
                &ctx.names,
                &ctx.settings.matrix,
                clock::now(),
            );
            let seen = RefCell::new(Vec::new());
            let n = import(&s, &checked.valid, 3, "Desk agent", "f.csv", |p| {
                seen.borrow_mut().push((p.done, p.batches_done, p.batches))
            })
            .await
            .unwrap();
            assert_eq!(n, 7);
            assert_eq!(*seen.borrow(), [(3, 1, 3), (6, 2, 3), (7, 3, 3)]);
            let rows = s.list(&ListQuery::all("incident")).await.unwrap();
            assert_eq!(rows.len(), 7);
            let mut refs: Vec<String> = rows
                .iter()
                .filter_map(|r| match Record::from_json(&r.body) {
                    Ok(Record::Incident(i)) => Some(i.reference.as_str().to_owned()),
                    _ => None,
                })
                .collect();
            refs.sort();
            refs.dedup();
            assert_eq!(refs.len(), 7, "every incident has its own reference");
        });
    }
}
