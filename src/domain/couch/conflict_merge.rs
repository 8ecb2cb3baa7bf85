//! Comparing two versions of a record field by field and merging them by a person's
//! choices (the conflict view): pure JSON work, no storage.

use serde_json::{Map, Value};

/// One top-level field whose value differs between the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    pub key: String,
    /// A label for people: `short_description` → "Short description".
    pub label: String,
    /// The values as text (`None` where the field is absent).
    pub current: Option<String>,
    pub other: Option<String>,
}

/// Fields a person never picks: identity and bookkeeping.
fn ignored(key: &str) -> bool {
    key.starts_with('_') || key == "type"
}

fn object(body: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err("a version of this record is not a JSON object".into()),
    }
}

/// A field label from its key.
pub fn label(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if c == '_' || c == '-' {
            out.push(' ');
        } else if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The fields that differ: the current version's keys (sorted), then keys only the
/// other version has.
pub fn differing_fields(current: &str, other: &str) -> Result<Vec<FieldDiff>, String> {
    let (a, b) = (object(current)?, object(other)?);
    let mut keys: Vec<&String> = a.keys().collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
    Ok(keys
        .into_iter()
        .filter(|k| !ignored(k) && a.get(*k) != b.get(*k))
        .map(|k| FieldDiff {
            key: k.clone(),
            label: label(k),
            current: a.get(k).map(text),
            other: b.get(k).map(text),
        })
        .collect())
}

/// The current version with the fields listed in `take_other` taken from the other
/// version (a field absent there is removed).
pub fn merge(current: &str, other: &str, take_other: &[String]) -> Result<String, String> {
    let (mut a, b) = (object(current)?, object(other)?);
    for key in take_other.iter().filter(|k| !ignored(k)) {
        match b.get(key) {
            Some(v) => {
                a.insert(key.clone(), v.clone());
            }
            None => {
                a.remove(key);
            }
        }
    }
    serde_json::to_string(&Value::Object(a)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str =
        r#"{"_id":"incident:1","type":"incident","title":"Printer jams","priority":2,"notes":"a"}"#;
    const B: &str = r#"{"_id":"incident:1","type":"incident","title":"Printer jams on floor 3","priority":2,"impact":"high"}"#;

    #[test]
    fn only_differing_fields_are_listed_with_labels() {
        let d = differing_fields(A, B).unwrap();
        let keys: Vec<&str> = d.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["notes", "title", "impact"]);
        assert_eq!(d[1].label, "Title");
        assert_eq!(d[0].other, None);
        assert_eq!(d[2].current, None);
        assert_eq!(d[2].other.as_deref(), Some("high"));
        assert_eq!(label("short_description"), "Short description");
        assert_eq!(label("knownError"), "Known error");
    }

    #[test]
    fn merging_takes_the_chosen_fields_only() {
        let m: Value =
            serde_json::from_str(&merge(A, B, &["title".into(), "notes".into()]).unwrap()).unwrap();
        assert_eq!(m["title"], "Printer jams on floor 3");
        assert!(
            m.get("notes").is_none(),
            "absent in the other version: removed"
        );
        assert!(
            m.get("impact").is_none(),
            "not chosen: stays as in the current version"
        );
        assert_eq!(m["_id"], "incident:1");
        let same: Value =
            serde_json::from_str(&merge(A, B, &["_id".into(), "type".into()]).unwrap()).unwrap();
        assert_eq!(same, serde_json::from_str::<Value>(A).unwrap());
    }

    #[test]
    fn versions_that_are_not_objects_are_refused() {
        assert!(differing_fields("[1]", A).is_err());
        assert!(merge(A, "nope", &[]).is_err());
    }
}
