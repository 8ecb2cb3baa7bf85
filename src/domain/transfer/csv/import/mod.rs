//! Reading a CSV file of incidents (RFC 4180: quotes, CRLF or LF, a UTF-8 BOM, line
//! breaks inside quoted cells) into a plain table, refusing files that are not CSV text
//! or are too large with a message that says why, and planning the import's batches.

use std::ops::Range;

pub mod map;
pub mod rows;
pub mod values;

/// Largest file read: 20 MB holds 100 000 incidents with ordinary descriptions, and
/// reading it stays well within a browser tab's memory.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Most incidents in one file; larger exports are split by the person.
pub const MAX_ROWS: usize = 100_000;
/// Longest cell imported, in characters: the longest incident field (description).
pub const MAX_CELL_CHARS: usize = 20_000;
/// Most columns read; no incident export has more.
pub const MAX_COLUMNS: usize = 500;
/// Longest column name; a longer "header" means the first row holds data, not names.
const MAX_HEADER_CHARS: usize = 200;
/// Incidents written per transaction: big enough to be fast, small enough that a
/// batch commits in well under a second and a closed page loses little.
pub const BATCH: usize = 500;

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is {} MB; the limit is {} MB. Split it into smaller files.", mb(*.0), mb(MAX_FILE_BYTES))]
    TooLarge(u64),
    #[error("The file has more than {MAX_ROWS} rows; the limit is {MAX_ROWS}. Split it into smaller files.")]
    TooManyRows,
    #[error("The file is UTF-16 text. Save it as “CSV UTF-8” and choose it again.")]
    Utf16,
    #[error("The file contains NUL bytes: it is a binary file, not CSV text.")]
    Binary,
    #[error("The file is not UTF-8 text (line {0} has bytes that are not UTF-8). Save it as “CSV UTF-8” and choose it again.")]
    NotUtf8(u64),
    #[error("This is a JSON file, not CSV. Choose a CSV file (a JSON backup is restored from the Data page).")]
    Json,
    #[error("The file has only a header row: there are no incidents under it.")]
    HeaderOnly,
    #[error("A quoted cell opened on line {0} is never closed: the file is cut short or a quote is missing.")]
    UnterminatedQuote(u64),
    #[error("The file has {0} columns; at most {MAX_COLUMNS} are read.")]
    TooManyColumns(usize),
    #[error("The first row must name the columns, but its column {0} is {1} characters long.")]
    BadHeader(usize, usize),
    #[error("The file could not be read as CSV: {0}")]
    Malformed(String),
}

/// `1 row`, `2 rows`: a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// One data row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line of the file where the row starts (the header is on line 1).
    pub line: u64,
    /// The cells, as text.
    pub cells: Vec<String>,
}

/// A parsed file: the column names and the data rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Column names from the first row (blank names read "Column N").
    pub headers: Vec<String>,
    /// Data rows, in file order; blank rows are left out.
    pub rows: Vec<Row>,
}

/// Refuses a file by its size before it is read.
pub fn check_size(bytes: u64) -> Result<(), FileError> {
    match bytes {
        0 => Err(FileError::Empty),
        n if n > MAX_FILE_BYTES => Err(FileError::TooLarge(n)),
        _ => Ok(()),
    }
}

/// Parses a whole file.
pub fn parse(bytes: &[u8]) -> Result<Table, FileError> {
    check_size(bytes.len() as u64)?;
    if looks_utf16(bytes) {
        return Err(FileError::Utf16);
    }
    if bytes.contains(&0) {
        return Err(FileError::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            return Err(FileError::NotUtf8(line));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    if matches!(text.trim_start().chars().next(), Some('{' | '['))
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    {
        return Err(FileError::Json);
    }
    let lines = record_lines(text).map_err(FileError::UnterminatedQuote)?;
    read_table(text, &lines)
}

fn read_table(text: &str, lines: &[u64]) -> Result<Table, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut header_seen = false;
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError::Malformed(e.to_string()))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            header_seen = true;
            if record.len() > MAX_COLUMNS {
                return Err(FileError::TooManyColumns(record.len()));
            }
            for (i, name) in record.iter().enumerate() {
                let name = name.trim();
                let n = name.chars().count();
                if n > MAX_HEADER_CHARS {
                    return Err(FileError::BadHeader(i + 1, n));
                }
                table.headers.push(if name.is_empty() {
                    format!("Column {}", i + 1)
                } else {
                    name.to_owned()
                });
            }
            continue;
        }
        if table.rows.len() == MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        let line = lines.get(k).copied().unwrap_or(0);
        table.rows.push(Row {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    if table.rows.is_empty() {
        return Err(FileError::HeaderOnly);
    }
    Ok(table)
}

/// UTF-16 by its byte-order mark, or ASCII text with every other byte zero.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && {
        let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
        let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let half = head.len() / 2;
        zeros_even >= half * 3 / 4 || zeros_odd >= half * 3 / 4
    }
}

/// The file line each record starts on, reading the way RFC 4180 (and the `csv`
/// crate) does: empty lines are no record, a quote opens a cell only at its start, and
/// `""` inside a quoted cell is a quote. `Err(line)` when a quote opened on `line` is
/// never closed.
fn record_lines(text: &str) -> Result<Vec<u64>, u64> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let (mut line, mut opened_at) = (1u64, 0u64);
    let (mut quoted, mut cell_start, mut line_start) = (false, true, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start && !matches!(b, b'\r' | b'\n') {
            starts.push(line);
            line_start = false;
        }
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && cell_start {
            quoted = true;
            opened_at = line;
        }
        if b == b'\n' {
            line += 1;
        }
        let ends_record = !quoted && matches!(b, b'\n' | b'\r');
        line_start = line_start || ends_record;
        cell_start = ends_record || (!quoted && b == b',');
        i += 1;
    }
    if quoted {
        Err(opened_at)
    } else {
        Ok(starts)
    }
}

/// The index ranges of `total` rows written `size` at a time, in order.
pub fn batches(total: usize, size: usize) -> Vec<Range<usize>> {
    let size = size.max(1);
    (0..total.div_ceil(size))
        .map(|k| k * size..((k + 1) * size).min(total))
        .collect()
}

#[cfg(test)]
mod tests;
