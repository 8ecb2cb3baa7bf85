//! The queue filter in the URL: a stable, readable query string holding only the
//! non-default parts, and a forgiving parser that drops anything it does not understand.

use super::{
    AssigneeFilter, Environment, IncidentFilter, IncidentStatus, SlaFilterState, SortDir, SortKey,
    DEFAULT_SORT,
};
use crate::domain::kernel::time::Timestamp;

/// URL names of statuses.
const STATUS_KEYS: [(IncidentStatus, &str); 6] = [
    (IncidentStatus::New, "new"),
    (IncidentStatus::InProgress, "in_progress"),
    (IncidentStatus::OnHold, "on_hold"),
    (IncidentStatus::Resolved, "resolved"),
    (IncidentStatus::Closed, "closed"),
    (IncidentStatus::Cancelled, "cancelled"),
];

/// URL names of SLA states.
const SLA_KEYS: [(SlaFilterState, &str); 3] = [
    (SlaFilterState::OnTrack, "on_track"),
    (SlaFilterState::AtRisk, "at_risk"),
    (SlaFilterState::Breached, "breached"),
];

/// URL names of environments.
const ENV_KEYS: [(Environment, &str); 4] = [
    (Environment::Production, "production"),
    (Environment::Test, "test"),
    (Environment::Staging, "staging"),
    (Environment::Uat, "uat"),
];

/// URL names of sort keys.
const SORT_KEYS: [(SortKey, &str); 12] = [
    (SortKey::Reference, "reference"),
    (SortKey::Title, "title"),
    (SortKey::Priority, "priority"),
    (SortKey::Status, "status"),
    (SortKey::Group, "group"),
    (SortKey::Assignee, "assignee"),
    (SortKey::Service, "service"),
    (SortKey::Environment, "environment"),
    (SortKey::Release, "release"),
    (SortKey::Sla, "sla"),
    (SortKey::Age, "age"),
    (SortKey::Updated, "updated"),
];

/// Assignee values with a meaning of their own; a person id spelled like one of these
/// (or starting with the escape `@`) is written with a leading `@`.
const ME: &str = "me";
const UNASSIGNED: &str = "unassigned";
const ANY: &str = "any";

fn name_of<T: PartialEq + Copy>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, n)| n)
}

fn value_of<T: Copy>(table: &[(T, &'static str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
}

impl SortKey {
    /// The key's URL name (`priority`, `age`, …).
    pub fn key(self) -> &'static str {
        name_of(&SORT_KEYS, self)
    }

    /// The key with this URL name.
    pub fn from_key(name: &str) -> Option<SortKey> {
        value_of(&SORT_KEYS, name)
    }
}

/// Percent-encodes everything but unreserved characters and `:` / `@`, which ids use
/// and which are legal in a query, so the result stays readable.
fn encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':' | b'@') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Decodes `%XX` escapes and `+` (a space, as HTML forms write it); `None` when an
/// escape is broken or the bytes are not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Builds `k=v&k=v` pairs in a fixed order.
struct Writer(String);

impl Writer {
    fn key(&mut self, key: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
    }

    fn pair(&mut self, key: &str, value: &str) {
        self.key(key);
        encode(value, &mut self.0);
    }

    /// A comma-separated list; the commas stay literal, the items are encoded.
    fn list<T>(&mut self, key: &str, items: &[T], name: impl Fn(&T) -> String) {
        for (i, item) in items.iter().enumerate() {
            if i == 0 {
                self.key(key);
            } else {
                self.0.push(',');
            }
            encode(&name(item), &mut self.0);
        }
    }

    fn opt(&mut self, key: &str, value: &Option<String>) {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            self.pair(key, v);
        }
    }

    fn flag(&mut self, key: &str, value: Option<bool>) {
        if let Some(v) = value {
            self.pair(key, if v { "true" } else { "false" });
        }
    }
}

/// A person id as written after `assignee=`: escaped with `@` when it could be read as
/// a keyword.
fn person_value(id: &str) -> String {
    if matches!(id, ME | UNASSIGNED | ANY) || id.starts_with('@') {
        format!("@{id}")
    } else {
        id.to_owned()
    }
}

impl IncidentFilter {
    /// The filter and sort as a query string (no leading `?`) holding only non-default
    /// parts in a fixed order, e.g.
    /// `status=new,in_progress&priority=1,2&assignee=unassigned&sort=priority&dir=asc&q=printer`.
    /// [`AssigneeFilter::Me`] is written as `assignee=me` without the id, so a shared
    /// link means "mine" for whoever opens it; [`parse_query_for`] binds it again.
    pub fn to_query(&self, sort: (SortKey, SortDir)) -> String {
        let mut w = Writer(String::new());
        w.list("status", &self.statuses, |s| {
            name_of(&STATUS_KEYS, *s).into()
        });
        if self.open_only {
            w.pair("open", "true");
        }
        w.list("priority", &self.priorities, u8::to_string);
        w.opt("group", &self.group);
        match &self.assignee {
            AssigneeFilter::Any => {}
            AssigneeFilter::Me(_) => w.pair("assignee", ME),
            AssigneeFilter::Unassigned => w.pair("assignee", UNASSIGNED),
            AssigneeFilter::Person(id) if id.is_empty() => {}
            AssigneeFilter::Person(id) => w.pair("assignee", &person_value(id)),
        }
        w.opt("service", &self.service);
        if let Some(env) = self.environment {
            w.pair("env", name_of(&ENV_KEYS, env));
        }
        w.flag("preprod", self.pre_production);
        w.opt("release", &self.release);
        w.flag("major", self.major);
        w.list("sla", &self.sla, |s| name_of(&SLA_KEYS, *s).into());
        w.opt("category", &self.category);
        if let Some(t) = self.created_from {
            w.pair("created_from", &t.date());
        }
        if let Some(t) = self.created_until {
            w.pair("created_to", &t.date());
        }
        if sort.0 != DEFAULT_SORT.0 {
            w.pair("sort", sort.0.key());
        }
        if sort.1 != DEFAULT_SORT.1 {
            w.pair("dir", "asc");
        }
        if !self.text.is_empty() {
            w.pair("q", &self.text);
        }
        w.0
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

/// The known items of a comma-separated list, in order; unknown items are dropped.
fn parse_list<T>(v: &str, item: impl Fn(&str) -> Option<T>) -> Vec<T> {
    v.split(',').filter_map(|s| item(s.trim())).collect()
}

fn non_empty(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

/// Reads a query string written by [`IncidentFilter::to_query`] (a leading `?` is
/// allowed). Unknown keys, unknown values and broken escapes are dropped, never an
/// error. `assignee=me` gives `AssigneeFilter::Me` with an empty id: use
/// [`parse_query_for`] to bind it to the signed-in person.
pub fn parse_query(qs: &str) -> (IncidentFilter, (SortKey, SortDir)) {
    parse_query_for(qs, "")
}

/// [`parse_query`], binding `assignee=me` to the person `me`. Repeated list keys
/// (`status=new&status=closed`) add up; for other keys the last one wins.
pub fn parse_query_for(qs: &str, me: &str) -> (IncidentFilter, (SortKey, SortDir)) {
    let mut f = IncidentFilter::default();
    let mut sort = DEFAULT_SORT;
    let qs = qs.strip_prefix('?').unwrap_or(qs);
    for part in qs.split('&') {
        let Some((key, raw)) = part.split_once('=') else {
            continue;
        };
        let Some(v) = decode(raw) else {
            continue;
        };
        match key {
            "status" => f
                .statuses
                .extend(parse_list(&v, |s| value_of(&STATUS_KEYS, s))),
            "open" => f.open_only = parse_bool(&v).unwrap_or(f.open_only),
            "priority" => f.priorities.extend(parse_list(&v, |s| {
                s.parse::<u8>().ok().filter(|p| (1..=5).contains(p))
            })),
            "group" => f.group = non_empty(v),
            "assignee" => {
                f.assignee = match v.as_str() {
                    ME => AssigneeFilter::Me(me.to_owned()),
                    UNASSIGNED => AssigneeFilter::Unassigned,
                    ANY | "" | "@" => AssigneeFilter::Any,
                    id => AssigneeFilter::Person(id.strip_prefix('@').unwrap_or(id).to_owned()),
                }
            }
            "service" => f.service = non_empty(v),
            "env" => f.environment = value_of(&ENV_KEYS, &v).or(f.environment),
            "preprod" => f.pre_production = parse_bool(&v).or(f.pre_production),
            "release" => f.release = non_empty(v),
            "major" => f.major = parse_bool(&v).or(f.major),
            "sla" => f.sla.extend(parse_list(&v, |s| value_of(&SLA_KEYS, s))),
            "category" => f.category = non_empty(v),
            "created_from" => f.created_from = Timestamp::parse_date(&v).or(f.created_from),
            "created_to" => f.created_until = Timestamp::parse_date(&v).or(f.created_until),
            "sort" => sort.0 = SortKey::from_key(&v).unwrap_or(sort.0),
            "dir" => {
                sort.1 = match v.as_str() {
                    "asc" => SortDir::Asc,
                    "desc" => SortDir::Desc,
                    _ => sort.1,
                }
            }
            "q" => f.text = v,
            _ => {}
        }
    }
    (f, sort)
}
