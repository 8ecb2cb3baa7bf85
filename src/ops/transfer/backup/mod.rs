//! Backup and restore actions: exporting every document (all leaves, tombstones too)
//! and the reference counters as a backup file, a slice at a time; restoring one into
//! an empty desk or merging it into this one by revision (the same rule sync uses),
//! after checking the whole file, in batches of one transaction each. Every step lets
//! the page paint at least every [`SLICE_MS`] of work, however large the file.

use std::collections::{BTreeMap, HashSet};

use crate::domain::couch::document::DocState;
use crate::domain::kernel::time::Timestamp;
use crate::domain::transfer::backup::read::{BackupReader, DuplicateCheck, LineSplit};
use crate::domain::transfer::backup::{
    backup_meta_keys, encode_document, encode_header, BackupError, Header, Outcome, DOC_SEPARATOR,
    EMPTY_FOOTER, FOOTER, VERSION,
};
use crate::storage::edit::apply_remote;
use crate::storage::{Store, StoreError, SCHEMA_VERSION as SCHEMA};

use crate::ops::clock::{pause, precise_ms};

/// Documents read from the changes feed per request while exporting.
const EXPORT_CHUNK: u32 = 1_000;
/// Documents read per `get_many` while exporting: below the size at which the
/// IndexedDB store checks which ids exist with one scan of their key range, which for
/// ids spread over the whole desk reads every key once per call.
const EXPORT_READ: usize = 200;
/// Longest stretch of work between two pauses: well under the 50 ms after which a
/// page feels stuck, and long enough that the pauses themselves cost little.
pub const SLICE_MS: f64 = 25.0;
/// Bytes searched for line ends between two looks at the clock: a few milliseconds of
/// work in a release build.
const SPLIT_STEP: usize = 2 * 1024 * 1024;
/// Documents written per transaction. A write's preparation runs in one go on the
/// page's thread (about 0.13 ms a document in a release build, measured at 1 000 a
/// batch): 250 keeps it near 35 ms, so the page keeps painting, and a failed batch
/// (a full disk) loses little.
pub const WRITE_BATCH: usize = 250;

/// How a backup goes into this desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Merge by revision into whatever is here (the sync rule: nothing is lost).
    Merge,
    /// Only into a desk that has never held a document.
    IntoEmpty,
}

/// Pauses a long job for the page whenever [`SLICE_MS`] of work has gone by.
struct Slices {
    since: f64,
}

impl Slices {
    fn new() -> Self {
        Self {
            since: precise_ms(),
        }
    }

    /// True when the slice is used up; then call [`Slices::pause`].
    fn due(&self) -> bool {
        precise_ms() - self.since >= SLICE_MS
    }

    async fn pause(&mut self) {
        pause().await;
        self.since = precise_ms();
    }
}

/// What a long job is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Reading,
    /// Finding the documents' lines (in bytes).
    Splitting,
    Checking,
    Writing,
    Exporting,
}

impl Step {
    /// Words for the progress label.
    pub fn label(self) -> &'static str {
        match self {
            Step::Reading => "Reading the file",
            Step::Splitting => "Finding the documents",
            Step::Checking => "Checking documents",
            Step::Writing => "Writing documents",
            Step::Exporting => "Reading documents",
        }
    }
}

/// One progress report: `done` of `total` units of `step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub step: Step,
    pub done: usize,
    pub total: usize,
}

/// Why a restore stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    /// The file is not a backup this app can restore; nothing was written.
    #[error("Nothing was restored. {0}")]
    Invalid(BackupError),
    #[error("Nothing was restored: this desk is not empty (it holds or held {0} documents). Choose \"Merge into this desk\", or restore in a browser profile with no desk data.")]
    NotEmpty(u64),
    #[error("Nothing was restored: there is no storage space left for this backup (it needs about {needed_mb} MB, the browser allows {available_mb} MB more for this site). Free some space, then retry.")]
    NoSpace { needed_mb: u64, available_mb: u64 },
    /// A batch failed; the batches before it are written, this one and later are not.
    #[error("{}", stopped_message(.error, *.written, *.batches, .so_far))]
    Stopped {
        error: StoreError,
        written: usize,
        batches: usize,
        so_far: Outcome,
    },
    #[error("Nothing was restored: {0}")]
    Store(StoreError),
}

fn stopped_message(error: &StoreError, written: usize, batches: usize, so_far: &Outcome) -> String {
    let why = match error {
        StoreError::QuotaExceeded => "there is no storage space left for this site".to_owned(),
        other => other.to_string(),
    };
    if written == 0 {
        format!("Nothing was restored: {why}. The desk is unchanged.")
    } else if written >= batches {
        format!("Every document was written ({so_far}), but the reference counters could not be raised: {why}.")
    } else {
        let done = if written == 1 {
            format!("Batch 1 of {batches} was written")
        } else {
            format!("Batches 1–{written} of {batches} were written")
        };
        format!(
            "The restore stopped: {why}. {done} ({so_far}); batch {} and later were not. Merging the same file again later completes it.",
            written + 1
        )
    }
}

impl From<BackupError> for RestoreError {
    fn from(e: BackupError) -> Self {
        RestoreError::Invalid(e)
    }
}

impl From<StoreError> for RestoreError {
    fn from(e: StoreError) -> Self {
        RestoreError::Store(e)
    }
}

/// A finished export: the text that goes before the document slices and after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The header lines (the file starts with them).
    pub header: String,
    /// The end of the file (after the last slice).
    pub footer: &'static str,
    /// How many documents the slices hold.
    pub documents: usize,
}

/// Writes the backup text of every document in `store` plus the reference counters.
/// The documents go to `emit` a slice at a time (each ready to append: separators
/// included), so the caller can hand them on and the whole text is never held here;
/// the file is `header`, the slices in order, then `footer`. Each document appears
/// once, even when written again while the export runs; `progress` gets
/// `(done, total)`.
pub async fn export<S: Store>(
    store: &S,
    now: Timestamp,
    mut progress: impl FnMut(Progress),
    mut emit: impl FnMut(String),
) -> Result<Exported, StoreError> {
    let total = store.count_changes(0).await? as usize;
    let mut seen: HashSet<String> = HashSet::new();
    let mut since = 0;
    let mut slices = Slices::new();
    loop {
        let rows = store.changes(since, EXPORT_CHUNK).await?;
        let Some(last) = rows.last() else { break };
        since = last.seq;
        let ids: Vec<String> = rows
            .iter()
            .filter(|r| !seen.contains(&r.id))
            .map(|r| r.id.clone())
            .collect();
        let mut states = Vec::with_capacity(ids.len());
        for piece in ids.chunks(EXPORT_READ) {
            states.extend(store.get_many(piece).await?);
        }
        let mut chunk = String::new();
        for state in states.into_iter().flatten() {
            let line = encode_document(&state).map_err(|e| StoreError::Corrupt {
                id: state.id.clone(),
                reason: e.reason,
            })?;
            if !seen.is_empty() {
                chunk.push_str(DOC_SEPARATOR);
            }
            seen.insert(state.id);
            chunk.push_str(&line);
            if slices.due() {
                emit(std::mem::take(&mut chunk));
                slices.pause().await;
            }
        }
        if !chunk.is_empty() {
            emit(chunk);
        }
        progress(Progress {
            step: Step::Exporting,
            done: seen.len(),
            total: total.max(seen.len()),
        });
        slices.pause().await;
    }
    let mut meta = BTreeMap::new();
    for key in backup_meta_keys() {
        if let Some(v) = store.meta_get(&key).await? {
            meta.insert(key, v);
        }
    }
    let header = Header {
        version: VERSION,
        schema: SCHEMA,
        created: now,
        document_count: seen.len(),
        meta,
    };
    Ok(Exported {
        header: encode_header(&header),
        footer: if seen.is_empty() {
            EMPTY_FOOTER
        } else {
            FOOTER
        },
        documents: seen.len(),
    })
}

/// Checks the whole file: finds its lines, then checks the header, every document and
/// that no id comes twice, pausing for the page between slices. Nothing is written.
pub async fn check<'a>(
    bytes: &'a [u8],
    progress: &mut impl FnMut(Progress),
) -> Result<BackupReader<'a>, BackupError> {
    let mut slices = Slices::new();
    let mut split = LineSplit::default();
    while !split.step(bytes, SPLIT_STEP) {
        if slices.due() {
            progress(Progress {
                step: Step::Splitting,
                done: split.scanned(),
                total: bytes.len(),
            });
            slices.pause().await;
        }
    }
    let reader = BackupReader::open_split(bytes, &split, SCHEMA)?;
    drop(split);
    let total = reader.len();
    let mut dups = DuplicateCheck::default();
    for i in 0..total {
        let doc = reader.document(i)?;
        dups.check(&reader, i, &doc.id)?;
        if slices.due() {
            progress(Progress {
                step: Step::Checking,
                done: i + 1,
                total,
            });
            slices.pause().await;
        }
    }
    Ok(reader)
}

/// Restores a backup: checks the whole file first (a bad file changes nothing), refuses
/// a non-empty desk for [`Mode::IntoEmpty`] and, when `available` space is known and
/// clearly too small, refuses up front. Then writes in batches of [`WRITE_BATCH`]
/// documents, one transaction each, merging by revision, and raises the reference
/// counters to the backup's where they are lower (each in one store transaction).
pub async fn restore<S: Store>(
    store: &S,
    bytes: &[u8],
    mode: Mode,
    available: Option<u64>,
    mut progress: impl FnMut(Progress),
) -> Result<Outcome, RestoreError> {
    let before_seq = store.last_seq().await?;
    if mode == Mode::IntoEmpty && before_seq > 0 {
        return Err(RestoreError::NotEmpty(store.count_changes(0).await?.into()));
    }
    let reader = check(bytes, &mut progress).await?;
    if let Some(free) = available {
        // Stored documents take at least their size in the file (indexes come on top).
        let needed = bytes.len() as u64;
        if mode == Mode::IntoEmpty && needed > free {
            const MB: u64 = 1024 * 1024;
            return Err(RestoreError::NoSpace {
                needed_mb: needed.div_ceil(MB),
                available_mb: free / MB,
            });
        }
    }
    let total = reader.len();
    let batches = total.div_ceil(WRITE_BATCH);
    let mut outcome = Outcome::default();
    let mut slices = Slices::new();
    for b in 0..batches {
        let range = b * WRITE_BATCH..((b + 1) * WRITE_BATCH).min(total);
        let stop = |error: StoreError, so_far: Outcome| RestoreError::Stopped {
            error,
            written: b,
            batches,
            so_far,
        };
        let mut docs = Vec::with_capacity(range.len());
        for i in range {
            docs.push(reader.document(i)?);
            if slices.due() {
                slices.pause().await;
            }
        }
        let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        let before = if before_seq == 0 {
            vec![None; ids.len()]
        } else {
            store.get_many(&ids).await.map_err(|e| stop(e, outcome))?
        };
        let mut tally = Outcome::default();
        let mut revs = Vec::new();
        for (doc, old) in docs.into_iter().zip(before) {
            let mut state: Option<DocState> = old.clone();
            for rev in &doc.revs {
                if let Some(next) =
                    apply_remote(state.clone(), rev.clone(), 0).map_err(|e| stop(e, outcome))?
                {
                    state = Some(next);
                }
            }
            tally.count(old.as_ref(), state.as_ref());
            revs.extend(doc.revs);
            if slices.due() {
                slices.pause().await;
            }
        }
        store
            .merge_remote(revs)
            .await
            .map_err(|e| stop(e, outcome))?;
        outcome.add(tally);
        progress(Progress {
            step: Step::Writing,
            done: ((b + 1) * WRITE_BATCH).min(total),
            total,
        });
        slices.pause().await;
    }
    let stop = |error: StoreError| RestoreError::Stopped {
        error,
        written: batches,
        batches,
        so_far: outcome,
    };
    for (key, value) in &reader.header.meta {
        let Ok(n) = value.parse::<u64>() else {
            continue;
        };
        // Raised in one step of the store, never read here and written back: a
        // reference another tab reserves meanwhile is never handed out again. A
        // damaged counter is left as it is (the app reports it when it is used).
        match store.raise_counter(key, n).await {
            Ok(_) | Err(StoreError::Corrupt { .. }) => {}
            Err(e) => return Err(stop(e)),
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;
