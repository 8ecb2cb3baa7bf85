//! The sync page's server actions as the person sees them: "Test connection", signing in
//! and out (CouchDB cookie sessions; the password is passed through, never kept). Each
//! answers with the sentence to show.

use crate::sync::session::{self, Connection};
use crate::sync::transport::Endpoint;

use crate::state::sync::support::transport;
use crate::state::sync::SyncHandle;

/// Tests the server and database a person typed.
pub async fn test_connection(server: &str, db: &str) -> String {
    let ep = match Endpoint::parse(server, db) {
        Ok(ep) => ep,
        Err(e) => return e.to_string(),
    };
    let found: Connection =
        session::test_connection(&transport(), &ep, reachable(ep.db_url())).await;
    found.message(&ep, &origin())
}

/// Signs in to the server (the browser keeps the session cookie), then syncs.
pub async fn sign_in(h: SyncHandle, server: &str, db: &str, name: &str, password: &str) -> String {
    let ep = match Endpoint::parse(server, db) {
        Ok(ep) => ep,
        Err(e) => return e.to_string(),
    };
    match session::sign_in(&transport(), &ep, name, password).await {
        Ok(user) => {
            h.sync_now();
            format!("Signed in as {user}.")
        }
        Err(e) => format!("Not signed in: {e}."),
    }
}

/// Ends the server session.
pub async fn sign_out(server: &str, db: &str) -> String {
    let ep = match Endpoint::parse(server, db) {
        Ok(ep) => ep,
        Err(e) => return e.to_string(),
    };
    match session::sign_out(&transport(), &ep).await {
        Ok(()) => "Signed out.".to_owned(),
        Err(e) => format!("Could not sign out: {e}."),
    }
}

/// This page's origin, for the CORS advice.
fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

async fn reachable(url: String) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        crate::sync::http::reachable_without_cors(&url).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = url;
        false
    }
}
