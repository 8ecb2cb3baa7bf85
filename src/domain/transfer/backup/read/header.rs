//! Reading a backup's header fields (everything but `documents`): format, versions,
//! creation time, document count and the meta entries a backup may carry.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::domain::kernel::time::Timestamp;
use crate::domain::transfer::backup::{is_backup_meta_key, Header, FORMAT, MAX_DOCUMENTS, VERSION};

/// Reads and checks the header fields (everything but `documents`).
pub fn header_from(fields: &BTreeMap<String, &RawValue>, schema: u32) -> Result<Header, String> {
    fn field<'de, T: Deserialize<'de>>(
        fields: &'de BTreeMap<String, &RawValue>,
        name: &str,
        what: &str,
    ) -> Result<T, String> {
        let raw = fields
            .get(name)
            .ok_or_else(|| format!("the header has no \"{name}\""))?;
        serde_json::from_str(raw.get()).map_err(|_| format!("\"{name}\" must be {what}"))
    }
    let format: String = match fields.get("format") {
        None => return Err("this is not a service-desk backup: it has no \"format\"".into()),
        Some(_) => field(fields, "format", "a string")?,
    };
    if format != FORMAT {
        return Err(format!(
            "this is not a service-desk backup: its format is \"{format}\", not \"{FORMAT}\""
        ));
    }
    let version: u32 = field(fields, "version", "a whole number")?;
    if version == 0 {
        return Err("\"version\" must be 1 or more".into());
    }
    if version > VERSION {
        return Err(format!(
            "this backup uses format version {version}, and this app reads versions up to {VERSION}. Open it with a newer version of the app."
        ));
    }
    let file_schema: u32 = field(fields, "schema", "a whole number")?;
    if file_schema == 0 {
        return Err("\"schema\" must be 1 or more".into());
    }
    if file_schema > schema {
        return Err(format!(
            "this backup was made by a newer version of the app (database schema {file_schema}; this app has schema {schema}). Open it with a newer version of the app."
        ));
    }
    let created: i64 = field(fields, "created", "a time in milliseconds")?;
    let document_count: u64 = field(fields, "document_count", "a whole number")?;
    if document_count > MAX_DOCUMENTS as u64 {
        return Err(format!(
            "the file says it holds {document_count} documents; a backup holds at most {MAX_DOCUMENTS}"
        ));
    }
    let meta: BTreeMap<String, String> = field(fields, "meta", "an object of text values")?;
    for (key, value) in &meta {
        if !is_backup_meta_key(key) {
            return Err(format!(
                "the meta entry \"{}\" is not something a backup may restore",
                key.chars().take(60).collect::<String>()
            ));
        }
        if value.parse::<u64>().is_err() {
            return Err(format!("the meta entry \"{key}\" must be a whole number"));
        }
    }
    if let Some(extra) = fields.keys().find(|k| {
        !matches!(
            k.as_str(),
            "format" | "version" | "schema" | "created" | "document_count" | "meta"
        )
    }) {
        return Err(format!(
            "the header has an unknown field \"{}\"",
            extra.chars().take(60).collect::<String>()
        ));
    }
    Ok(Header {
        version,
        schema: file_schema,
        created: Timestamp(created),
        document_count: document_count as usize,
        meta,
    })
}
