//! Talking to the server outside replication: "Test connection" (with an answer a person
//! can act on) and CouchDB cookie sessions (`_session`). The password goes to the server
//! once and is never kept.

use serde_json::Value;

use super::protocol::error_reason;
use super::transport::{Endpoint, Method, Request, Transport, TransportError};

/// What "Test connection" found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    /// The database answered; how many documents it holds.
    Ok {
        docs: u64,
    },
    /// No answer at all (down, wrong address, offline).
    Unreachable(String),
    /// The server answers but the browser refused the answer: CORS is not enabled for
    /// this page's origin (with credentials).
    CorsRefused,
    /// 401/403: wrong or missing credentials, or not a member of the database.
    Unauthorized(String),
    NoDatabase,
    Other(String),
}

impl Connection {
    /// The message shown after "Test connection".
    pub fn message(&self, ep: &Endpoint, origin: &str) -> String {
        match self {
            Connection::Ok { docs } => format!(
                "Connected: database \"{}\" answers and holds {docs} document{}.",
                ep.db,
                if *docs == 1 { "" } else { "s" }
            ),
            Connection::Unreachable(why) => format!(
                "The server at {} is unreachable ({why}). Check the address and that it is running.",
                ep.server
            ),
            Connection::CorsRefused => format!(
                "The server answers but refuses requests from this page: enable CORS with \
                 credentials for {origin} on the server."
            ),
            Connection::Unauthorized(why) => format!(
                "The server refused access ({why}): sign in with a user allowed on \"{}\".",
                ep.db
            ),
            Connection::NoDatabase => format!(
                "Database \"{}\" does not exist on the server: create it there first.",
                ep.db
            ),
            Connection::Other(why) => format!("The server answered with an error: {why}"),
        }
    }
}

/// Asks for the database's info. `reachable_without_cors` is consulted only when the
/// request failed, to tell a CORS refusal from a server that is down.
pub async fn test_connection<T: Transport>(
    http: &T,
    ep: &Endpoint,
    reachable_without_cors: impl std::future::Future<Output = bool>,
) -> Connection {
    match http.send(Request::get(ep.db_url())).await {
        Err(TransportError::Timeout) => Connection::Unreachable("no answer in time".into()),
        Err(TransportError::Network(why)) => {
            if reachable_without_cors.await {
                Connection::CorsRefused
            } else {
                Connection::Unreachable(why)
            }
        }
        Ok(res) => {
            let reason =
                || error_reason(&res.body).unwrap_or_else(|| format!("HTTP {}", res.status));
            match res.status {
                200..=299 => match serde_json::from_str::<Value>(&res.body) {
                    Ok(v) => match v.get("doc_count").and_then(Value::as_u64) {
                        Some(docs) => Connection::Ok { docs },
                        None => Connection::Other("the answer is not a CouchDB database".into()),
                    },
                    Err(_) => Connection::Other("the answer is not JSON".into()),
                },
                401 | 403 => Connection::Unauthorized(reason()),
                404 => Connection::NoDatabase,
                _ => Connection::Other(reason()),
            }
        }
    }
}

/// How signing in went.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("wrong user name or password")]
    Rejected,
    #[error("{0}")]
    Offline(TransportError),
    #[error("the server answered {0}")]
    Other(String),
}

/// Opens a CouchDB cookie session (`POST /_session`); the browser keeps the cookie.
/// Returns the user name the server confirms.
pub async fn sign_in<T: Transport>(
    http: &T,
    ep: &Endpoint,
    name: &str,
    password: &str,
) -> Result<String, SignInError> {
    let body = serde_json::json!({ "name": name, "password": password }).to_string();
    let res = http
        .send(Request::post(format!("{}/_session", ep.server), body))
        .await
        .map_err(SignInError::Offline)?;
    match res.status {
        200..=299 => {
            let v: Value = serde_json::from_str(&res.body).unwrap_or(Value::Null);
            Ok(v.get("name")
                .and_then(Value::as_str)
                .unwrap_or(name)
                .to_owned())
        }
        401 | 403 => Err(SignInError::Rejected),
        _ => Err(SignInError::Other(
            error_reason(&res.body).unwrap_or_else(|| format!("HTTP {}", res.status)),
        )),
    }
}

/// Ends the cookie session (`DELETE /_session`).
pub async fn sign_out<T: Transport>(http: &T, ep: &Endpoint) -> Result<(), TransportError> {
    http.send(Request {
        method: Method::Delete,
        url: format!("{}/_session", ep.server),
        body: None,
        timeout_ms: Request::TIMEOUT_MS,
    })
    .await
    .map(|_| ())
}

/// The user the server's session cookie belongs to (`None` when anonymous).
pub async fn session_user<T: Transport>(http: &T, ep: &Endpoint) -> Option<String> {
    let res = http
        .send(Request::get(format!("{}/_session", ep.server)))
        .await
        .ok()?;
    let v: Value = serde_json::from_str(&res.body).ok()?;
    v.pointer("/userCtx/name")
        .and_then(Value::as_str)
        .map(str::to_owned)
}
