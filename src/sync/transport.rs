//! What replication asks of HTTP, as plain data: an endpoint (server + database), a
//! request, a response, the transport trait the browser's `fetch` implements, and the
//! typed errors a run can end with.

use crate::storage::StoreError;

use super::protocol::{error_reason, BadAnswer};

/// A CouchDB-compatible server and one database on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `http(s)://host[:port][/prefix]`, without a trailing slash.
    pub server: String,
    pub db: String,
}

/// Why an endpoint cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error("the server URL must start with http:// or https://")]
    Scheme,
    #[error("the server URL must not contain spaces, a query or a fragment")]
    Shape,
    #[error(
        "a database name starts with a lowercase letter and holds only lowercase letters, \
         digits and _ $ ( ) + - /"
    )]
    DbName,
}

impl Endpoint {
    /// Checks and normalises what a person typed.
    pub fn parse(server: &str, db: &str) -> Result<Endpoint, EndpointError> {
        let server = server.trim();
        let (scheme, rest) = if let Some(rest) = server.strip_prefix("http://") {
            ("http://", rest)
        } else if let Some(rest) = server.strip_prefix("https://") {
            ("https://", rest)
        } else {
            return Err(EndpointError::Scheme);
        };
        let rest = rest.trim_end_matches('/');
        if rest.is_empty() || rest.starts_with('/') || rest.contains([' ', '?', '#', '\t', '\n']) {
            return Err(EndpointError::Shape);
        }
        let server = format!("{scheme}{rest}");
        let db = db.trim();
        let valid_db = db.starts_with(|c: char| c.is_ascii_lowercase())
            && db
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
        if !valid_db {
            return Err(EndpointError::DbName);
        }
        Ok(Endpoint {
            server,
            db: db.to_owned(),
        })
    }

    /// The URL of the database (`/` in its name escaped, as CouchDB requires).
    pub fn db_url(&self) -> String {
        format!("{}/{}", self.server, encode(&self.db))
    }

    /// The URL of `path` under the database (`path` already encoded, e.g. `_changes?…`).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.db_url())
    }

    /// The URL of a document (its id escaped).
    pub fn doc_url(&self, id: &str) -> String {
        match id.strip_prefix("_local/") {
            Some(rest) => format!("{}/_local/{}", self.db_url(), encode(rest)),
            None => format!("{}/{}", self.db_url(), encode(id)),
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), like
/// `encodeURIComponent` minus its extra marks.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One HTTP request (JSON in, JSON out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub body: Option<String>,
    /// Milliseconds before giving up (longpoll waits longer than a batch).
    pub timeout_ms: u32,
}

impl Request {
    pub const TIMEOUT_MS: u32 = 30_000;

    pub fn get(url: String) -> Request {
        Request {
            method: Method::Get,
            url,
            body: None,
            timeout_ms: Self::TIMEOUT_MS,
        }
    }

    pub fn post(url: String, body: String) -> Request {
        Request {
            method: Method::Post,
            url,
            body: Some(body),
            timeout_ms: Self::TIMEOUT_MS,
        }
    }

    pub fn put(url: String, body: String) -> Request {
        Request {
            method: Method::Put,
            url,
            body: Some(body),
            timeout_ms: Self::TIMEOUT_MS,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// How a request failed before any answer came back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No connection: offline, server down, DNS, or a CORS refusal (browsers do not
    /// say which).
    #[error("the server cannot be reached ({0})")]
    Network(String),
    #[error("the server did not answer in time")]
    Timeout,
}

/// Sends requests; the browser's `fetch` in the app, a scripted server in tests.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn send(&self, req: Request) -> Result<Response, TransportError>;
}

/// Everything that can end a replication run, as a person should read it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Offline(TransportError),
    /// 401/403 on the database: sign in (again) or ask for access.
    #[error("the server refused access ({0}); sign in again")]
    Unauthorized(String),
    #[error("database \"{0}\" does not exist on the server")]
    NoDatabase(String),
    #[error("the server answered {status}: {reason}")]
    Server { status: u16, reason: String },
    #[error(transparent)]
    BadAnswer(#[from] BadAnswer),
    #[error("local storage: {0}")]
    Store(#[from] StoreError),
}

impl SyncError {
    /// Whether retrying later may help (network and server trouble) or a person must act.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Offline(_) => true,
            SyncError::Server { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// The error for a non-success answer to a database request.
    pub fn from_status(ep: &Endpoint, res: &Response) -> SyncError {
        let reason = error_reason(&res.body).unwrap_or_else(|| "no reason given".into());
        match res.status {
            401 | 403 => SyncError::Unauthorized(reason),
            404 if reason.contains("no_db_file") || reason.contains("Database does not exist") => {
                SyncError::NoDatabase(ep.db.clone())
            }
            status => SyncError::Server { status, reason },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_checked_and_normalised() {
        let ep = Endpoint::parse(" http://127.0.0.1:5984/ ", " desk ").unwrap();
        assert_eq!(ep.server, "http://127.0.0.1:5984");
        assert_eq!(ep.db_url(), "http://127.0.0.1:5984/desk");
        let ep = Endpoint::parse("https://couch.example.com/prefix", "team/desk").unwrap();
        assert_eq!(ep.db_url(), "https://couch.example.com/prefix/team%2Fdesk");
        assert_eq!(
            ep.doc_url("incident:4a b"),
            "https://couch.example.com/prefix/team%2Fdesk/incident%3A4a%20b"
        );
        assert_eq!(
            ep.doc_url("_local/abc"),
            "https://couch.example.com/prefix/team%2Fdesk/_local/abc"
        );
        assert_eq!(Endpoint::parse("ftp://x", "d"), Err(EndpointError::Scheme));
        assert_eq!(
            Endpoint::parse("couch:5984", "d"),
            Err(EndpointError::Scheme)
        );
        assert_eq!(Endpoint::parse("http://", "d"), Err(EndpointError::Shape));
        assert_eq!(
            Endpoint::parse("http://a b", "d"),
            Err(EndpointError::Shape)
        );
        assert_eq!(
            Endpoint::parse("http://a?x=1", "d"),
            Err(EndpointError::Shape)
        );
        for db in ["", "Desk", "1desk", "desk!", "_users", "dé"] {
            assert_eq!(
                Endpoint::parse("http://a", db),
                Err(EndpointError::DbName),
                "{db}"
            );
        }
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(encode("aZ09-_.~"), "aZ09-_.~");
        assert_eq!(encode("a/b:c é"), "a%2Fb%3Ac%20%C3%A9");
    }

    #[test]
    fn statuses_map_to_what_a_person_must_do() {
        let ep = Endpoint::parse("http://a", "desk").unwrap();
        let res = |status, body: &str| Response {
            status,
            body: body.into(),
        };
        let e = SyncError::from_status(
            &ep,
            &res(
                401,
                r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#,
            ),
        );
        assert!(matches!(e, SyncError::Unauthorized(ref r) if r.contains("incorrect")));
        assert!(!e.is_transient());
        let e = SyncError::from_status(
            &ep,
            &res(
                404,
                r#"{"error":"not_found","reason":"Database does not exist."}"#,
            ),
        );
        assert_eq!(e, SyncError::NoDatabase("desk".into()));
        let e = SyncError::from_status(
            &ep,
            &res(404, r#"{"error":"not_found","reason":"no_db_file"}"#),
        );
        assert_eq!(e, SyncError::NoDatabase("desk".into()));
        let e = SyncError::from_status(&ep, &res(503, "<html>"));
        assert!(e.is_transient());
        assert!(e.to_string().contains("503"));
        assert!(SyncError::Offline(TransportError::Timeout).is_transient());
        assert!(!SyncError::from_status(&ep, &res(400, "{}")).is_transient());
    }
}
