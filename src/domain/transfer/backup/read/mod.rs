//! Reading a backup (format in [`crate::domain::transfer::backup`]): its lines are found a slice at a
//! time ([`LineSplit`]), the layout and header are checked when it is opened, then the
//! documents one at a time (each line checked as UTF-8 as it is read), so a caller can
//! go through a large file in slices. Nothing here writes; every refusal says why and
//! where (document and line).

use std::collections::{BTreeMap, HashMap};

use serde_json::value::RawValue;

use crate::domain::transfer::backup::{
    BackupError, Header, MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES,
};

mod doc;
mod header;
mod lines;
use crate::domain::couch::document::RemoteRevision;
pub use doc::{check_document, check_id};
use header::header_from;
pub use lines::LineSplit;

/// Where the documents of an opened backup are.
#[derive(Debug)]
enum Source<'a> {
    /// The line layout: document `i` is `lines[i]`, which is line `i + 3` of the file
    /// (checked as UTF-8 when read).
    Lines(Vec<&'a [u8]>),
    /// Any other layout of the same JSON: parsed whole.
    Parsed(Vec<&'a RawValue>),
}

/// An opened backup: header checked, documents checked one by one on request.
#[derive(Debug)]
pub struct BackupReader<'a> {
    pub header: Header,
    source: Source<'a>,
}

/// One checked document: its leaves as revisions to merge (winner first).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedDoc {
    pub id: String,
    pub revs: Vec<RemoteRevision>,
}

/// Catches an id seen twice across [`BackupReader::document`] calls.
#[derive(Debug, Default)]
pub struct DuplicateCheck {
    seen: HashMap<String, usize>,
}

impl DuplicateCheck {
    /// Records document `index` (0-based); refuses an id already recorded.
    pub fn check(
        &mut self,
        reader: &BackupReader,
        index: usize,
        id: &str,
    ) -> Result<(), BackupError> {
        if let Some(first) = self.seen.get(id) {
            return Err(reader.at(
                index,
                format!(
                    "the id \"{id}\" appears twice (first as document {})",
                    first + 1
                ),
            ));
        }
        self.seen.insert(id.to_owned(), index);
        Ok(())
    }
}

pub(crate) fn size_text(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 1.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

/// The UTF-8 byte-order mark, which some editors add.
const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Checks what can be told of a file without reading it through: not empty, not too
/// large, not UTF-16.
fn check_bytes(bytes: &[u8]) -> Result<(), BackupError> {
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BackupError::file("The file is empty: it is not a backup."));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(BackupError::file(format!(
            "The file is {}; a backup this app can read is at most {}.",
            size_text(bytes.len() as u64),
            size_text(MAX_FILE_BYTES)
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(BackupError::file(
            "The file is UTF-16 text; a backup is UTF-8. Use the file the app downloaded, unchanged.",
        ));
    }
    Ok(())
}

/// The whole file as UTF-8 text without a byte-order mark (files not in the line
/// layout, which are parsed whole).
fn text_of(bytes: &[u8]) -> Result<&str, BackupError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        BackupError::file(format!(
            "The file is not UTF-8 text (byte {} is not valid): it is not a backup made by this app.",
            e.valid_up_to() + 1
        ))
    })
}

/// Deepest nesting of arrays and objects in a JSON text (strings skipped).
pub fn json_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// A serde_json error without its "at line 1 column N" (positions are ours).
pub(crate) fn json_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rsplit_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => s,
    }
}

impl<'a> BackupReader<'a> {
    /// Opens a backup from the bytes of a file in one go: checks encoding, layout,
    /// header and document count; `schema` is this app's database schema version.
    pub fn open(bytes: &'a [u8], schema: u32) -> Result<Self, BackupError> {
        let mut split = LineSplit::default();
        split.step(bytes, usize::MAX);
        Self::open_split(bytes, &split, schema)
    }

    /// Opens a backup whose lines were found beforehand, a slice at a time
    /// ([`LineSplit`] over the same bytes, scanned to the end). A file in the line
    /// layout is then read without another pass over the whole of it: each document
    /// line is checked as UTF-8 when it is read.
    pub fn open_split(
        bytes: &'a [u8],
        split: &LineSplit,
        schema: u32,
    ) -> Result<Self, BackupError> {
        check_bytes(bytes)?;
        if !split.is_done(bytes) {
            return Err(BackupError::file(
                "The file was not read to its end; retry.",
            ));
        }
        let from = if bytes.starts_with(UTF8_BOM) { 3 } else { 0 };
        if let Some(reader) = Self::open_lines(bytes, from, split, schema)? {
            return Ok(reader);
        }
        let text = text_of(bytes)?;
        let start = text.trim_start();
        if start.starts_with('[') {
            return Err(BackupError::file(
                "The file holds a JSON array; a backup is a JSON object starting with {\"format\":…}.",
            ));
        }
        if !start.starts_with('{') {
            let first: String = start
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            return Err(BackupError::file(format!(
                "The file is not JSON (it starts with \"{first}\"). A backup starts with {{\"format\":…}}; incidents in a CSV file are imported on the CSV import page."
            )));
        }
        Self::open_parsed(text, schema)
    }

    /// The line layout, or `None` when the file is laid out differently.
    fn open_lines(
        bytes: &'a [u8],
        from: usize,
        split: &LineSplit,
        schema: u32,
    ) -> Result<Option<Self>, BackupError> {
        let head = split.lines(bytes, from);
        let (Some(first), Some(second)) = (head.first(), head.get(1)) else {
            return Ok(None);
        };
        if !(first.starts_with(b"{\"format\"")
            && first.ends_with(b",")
            && *second == b"\"documents\":[")
        {
            return Ok(None);
        }
        let first = std::str::from_utf8(first).map_err(|e| BackupError {
            document: None,
            line: Some(1),
            reason: format!(
                "the header is not UTF-8 text (byte {} of the line is not valid)",
                e.valid_up_to() + 1
            ),
        })?;
        let header_text = format!("{}}}", &first[..first.len() - 1]);
        let fields: BTreeMap<String, &RawValue> =
            serde_json::from_str(&header_text).map_err(|e| BackupError {
                document: None,
                line: Some(1),
                reason: format!("the header is not valid JSON: {}", json_reason(&e)),
            })?;
        let header = header_from(&fields, schema).map_err(|reason| BackupError {
            document: None,
            line: Some(1),
            reason,
        })?;
        if split.overflowed() || split.line_count() > MAX_DOCUMENTS + 4 {
            return Err(BackupError::file(format!(
                "The file has {} lines; a backup holds at most {MAX_DOCUMENTS} documents, one a line.",
                split.line_count()
            )));
        }
        let mut lines = head;
        while lines.last().is_some_and(|l| l.trim_ascii().is_empty()) {
            lines.pop();
        }
        if lines.last() != Some(&&b"]}"[..]) || lines.len() < 3 {
            return Err(BackupError::file(format!(
                "The file ends early (after line {}): a backup ends with a line \"]}}\". It was probably cut short while saving or copying.",
                lines.len()
            )));
        }
        lines.pop();
        let docs: Vec<&[u8]> = lines.split_off(2);
        if docs.len() != header.document_count {
            return Err(BackupError::file(format!(
                "The file says it holds {} documents but has {}: it was cut short or edited.",
                header.document_count,
                docs.len()
            )));
        }
        Ok(Some(BackupReader {
            header,
            source: Source::Lines(docs),
        }))
    }

    /// Any other layout: the whole text parsed at once (no slices).
    fn open_parsed(text: &'a str, schema: u32) -> Result<Self, BackupError> {
        let mut fields: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
            let why = if e.is_eof() {
                "it ends too early (cut short?)".to_owned()
            } else {
                json_reason(&e)
            };
            BackupError {
                document: None,
                line: Some(e.line()),
                reason: format!("the file is not valid JSON: {why} (column {})", e.column()),
            }
        })?;
        let documents = fields.remove("documents").ok_or_else(|| {
            BackupError::file("The file has no \"documents\" list: it is not a backup.")
        })?;
        // One level more than a document line's check (`doc.rs`): the list itself.
        if json_depth(documents.get()) > MAX_DEPTH + 4 {
            return Err(BackupError::file(format!(
                "The documents are nested deeper than {MAX_DEPTH} levels."
            )));
        }
        let header = header_from(&fields, schema).map_err(BackupError::file)?;
        let docs: Vec<&RawValue> = serde_json::from_str(documents.get()).map_err(|e| {
            BackupError::file(format!(
                "\"documents\" is not a list of documents: {}",
                json_reason(&e)
            ))
        })?;
        if docs.len() > MAX_DOCUMENTS {
            return Err(BackupError::file(format!(
                "The file holds {} documents; a backup holds at most {MAX_DOCUMENTS}.",
                docs.len()
            )));
        }
        if docs.len() != header.document_count {
            return Err(BackupError::file(format!(
                "The file says it holds {} documents but has {}: it was cut short or edited.",
                header.document_count,
                docs.len()
            )));
        }
        Ok(BackupReader {
            header,
            source: Source::Parsed(docs),
        })
    }

    /// How many documents the backup holds.
    pub fn len(&self) -> usize {
        match &self.source {
            Source::Lines(l) => l.len(),
            Source::Parsed(d) => d.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the file has the line layout (documents can be read in slices).
    pub fn is_line_layout(&self) -> bool {
        matches!(self.source, Source::Lines(_))
    }

    /// An error located at document `index` (0-based).
    fn at(&self, index: usize, reason: impl Into<String>) -> BackupError {
        BackupError {
            document: Some(index + 1),
            line: matches!(self.source, Source::Lines(_)).then_some(index + 3),
            reason: reason.into(),
        }
    }

    /// Checks document `index` (0-based) and returns its leaves as revisions to merge.
    pub fn document(&self, index: usize) -> Result<CheckedDoc, BackupError> {
        let text = match &self.source {
            Source::Lines(lines) => {
                let line = lines
                    .get(index)
                    .ok_or_else(|| self.at(index, "there is no such document"))?;
                let line = std::str::from_utf8(line).map_err(|e| {
                    self.at(
                        index,
                        format!(
                            "the line is not UTF-8 text (byte {} of the line is not valid)",
                            e.valid_up_to() + 1
                        ),
                    )
                })?;
                if index + 1 < lines.len() {
                    line.strip_suffix(',').ok_or_else(|| {
                        self.at(
                            index,
                            "the line does not end with ',' (lines were joined, split or edited)",
                        )
                    })?
                } else {
                    line
                }
            }
            Source::Parsed(docs) => docs
                .get(index)
                .ok_or_else(|| self.at(index, "there is no such document"))?
                .get(),
        };
        check_document(text).map_err(|reason| self.at(index, reason))
    }
}
