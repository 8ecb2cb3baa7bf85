//! How the in-memory CouchDB answers a request: the URL read into a route, injected
//! faults and the request log, then database info, `_changes` (sequences as numbers or
//! opaque strings), `_revs_diff` and `_local` checkpoint documents.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::domain::couch::revision::Rev;
use crate::storage::Store;
use crate::test_util::block_on;

use super::docs::couch_doc;
use super::{error, reply, FakeCouch, Fault, Route};
use crate::sync::transport::{Method, Request, Response, TransportError};

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
impl FakeCouch {
    fn seq_value(&self, n: u64) -> Value {
        if self.state.borrow().string_seqs {
            json!(format!(
                "{n}-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMc{:x}",
                n * 7919
            ))
        } else {
            json!(n)
        }
    }

    fn parse_since(&self, since: &str) -> Option<u64> {
        if since == "0" {
            return Some(0);
        }
        if !self.state.borrow().string_seqs {
            return since.parse().ok();
        }
        // Opaque string sequences must come back exactly as they were given.
        let n: u64 = since.split('-').next()?.parse().ok()?;
        (self.seq_value(n) == json!(since)).then_some(n)
    }

    fn route(&self, req: &Request) -> (Route, String, BTreeMap<String, String>) {
        let rest = req
            .url
            .strip_prefix(Self::SERVER)
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or("");
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let query = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (decode(k), decode(v)))
            .collect::<BTreeMap<_, _>>();
        let (db, doc) = path.split_once('/').unwrap_or((path, ""));
        if decode(db) != Self::DB {
            return (Route::Unknown, String::new(), query);
        }
        let get = req.method == Method::Get;
        let route = match doc {
            "" if get => Route::DbInfo,
            "_changes" if get => Route::Changes,
            "_revs_diff" if !get => Route::RevsDiff,
            "_bulk_get" if !get => Route::BulkGet,
            "_bulk_docs" if !get => Route::BulkDocs,
            d if d.starts_with("_local/") => match req.method {
                Method::Get => Route::LocalGet,
                Method::Put => Route::LocalPut,
                _ => Route::Unknown,
            },
            d if get && !d.starts_with('_') && query.contains_key("open_revs") => Route::OpenRevs,
            d if get && !d.starts_with('_') => Route::Doc,
            _ => Route::Unknown,
        };
        let id = decode(doc.strip_prefix("_local/").unwrap_or(doc));
        (route, id, query)
    }

    pub(super) fn handle(&self, req: Request) -> Result<Response, TransportError> {
        let (route, id, query) = self.route(&req);
        let fault = {
            let mut st = self.state.borrow_mut();
            if let Some(left) = st.budget.as_mut() {
                if *left == 0 {
                    return Err(TransportError::Network("connection refused".into()));
                }
                *left -= 1;
            }
            let mut fault = None;
            for f in st.faults.iter_mut().filter(|f| f.route == route) {
                f.seen += 1;
                let hit = f.seen > f.skip && (!f.once || f.seen == f.skip + 1);
                if hit && fault.is_none() {
                    fault = Some(f.fault.clone());
                }
            }
            if fault == Some(Fault::Network) {
                return Err(TransportError::Network("connection reset".into()));
            }
            st.log.push((route, req.clone()));
            fault
        };
        if let Some(Fault::Status(status)) = fault {
            return Ok(match status {
                401 => error(
                    401,
                    "unauthorized",
                    "You are not authorized to access this db.",
                ),
                403 => error(403, "forbidden", "You are not allowed to access this db."),
                s => error(
                    s,
                    "internal_server_error",
                    "The server could not complete the request.",
                ),
            });
        }
        let body: Value = req
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        let res = self.answer(route, &id, &query, &body);
        Ok(match fault {
            Some(Fault::Malformed) => Response {
                status: 200,
                body: "<html><body>Bad gateway</body></html>".into(),
            },
            Some(Fault::Truncated) => {
                let half = &res.body.as_bytes()[..res.body.len() / 2];
                Response {
                    status: res.status,
                    body: String::from_utf8_lossy(half).into_owned(),
                }
            }
            Some(Fault::DocError(err)) => doc_error(res, &body, err),
            _ => res,
        })
    }

    fn answer(
        &self,
        route: Route,
        id: &str,
        q: &BTreeMap<String, String>,
        body: &Value,
    ) -> Response {
        if self.state.borrow().missing_db || route == Route::Unknown {
            return error(404, "not_found", "Database does not exist.");
        }
        match route {
            Route::DbInfo => {
                let seq = block_on(self.store.last_seq()).unwrap();
                reply(
                    200,
                    json!({ "db_name": Self::DB, "update_seq": self.seq_value(seq) }),
                )
            }
            Route::Changes => self.changes(q),
            Route::RevsDiff => self.revs_diff(body),
            Route::BulkGet if self.state.borrow().no_bulk_get => error(404, "not_found", "missing"),
            Route::BulkGet => self.bulk_get(body),
            Route::OpenRevs => self.open_revs(id, q),
            Route::Doc => match self.doc(id) {
                Some(s) if !s.deleted => reply(200, couch_doc(&s, &s.rev).unwrap_or(Value::Null)),
                _ => error(404, "not_found", "missing"),
            },
            Route::BulkDocs => self.bulk_docs(body),
            Route::LocalGet => match self.state.borrow().local.get(id) {
                Some((n, fields)) => {
                    let mut doc = fields.clone();
                    doc.insert("_id".into(), json!(format!("_local/{id}")));
                    doc.insert("_rev".into(), json!(format!("0-{n}")));
                    reply(200, Value::Object(doc))
                }
                None => error(404, "not_found", "missing"),
            },
            Route::LocalPut => self.local_put(id, body),
            Route::Unknown => error(404, "not_found", "missing"),
        }
    }

    fn changes(&self, q: &BTreeMap<String, String>) -> Response {
        let Some(since) = self.parse_since(q.get("since").map_or("0", String::as_str)) else {
            return error(
                400,
                "bad_request",
                "Malformed sequence supplied in 'since' parameter.",
            );
        };
        let limit = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(0);
        let all_docs = q.get("style").map(String::as_str) == Some("all_docs");
        let rows = block_on(self.store.changes(since, limit)).unwrap();
        let mut results = Vec::new();
        for row in &rows {
            let state = self.doc(&row.id).unwrap();
            let mut revs = vec![state.rev.clone()];
            if all_docs {
                revs.extend(
                    state
                        .tree
                        .leaves()
                        .into_iter()
                        .map(|n| n.rev.clone())
                        .filter(|r| *r != state.rev),
                );
            }
            let changes: Vec<Value> = revs
                .iter()
                .map(|r| json!({ "rev": r.to_string() }))
                .collect();
            let mut row_v =
                json!({ "seq": self.seq_value(row.seq), "id": row.id, "changes": changes });
            if state.deleted {
                row_v["deleted"] = json!(true);
            }
            results.push(row_v);
        }
        self.state.borrow_mut().served.changes_rows += results.len();
        let last = match rows.last() {
            Some(r) => r.seq,
            None => block_on(self.store.last_seq()).unwrap().max(since),
        };
        reply(
            200,
            json!({ "results": results, "last_seq": self.seq_value(last) }),
        )
    }

    fn revs_diff(&self, body: &Value) -> Response {
        let Some(asked) = body.as_object() else {
            return error(400, "bad_request", "Request body must be a JSON object");
        };
        self.state.borrow_mut().served.revs_diff_ids += asked.len();
        let mut out = Map::new();
        for (id, revs) in asked {
            let state = self.doc(id);
            let missing: Vec<&Value> = revs
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| {
                    let known = r
                        .as_str()
                        .and_then(|s| s.parse::<Rev>().ok())
                        .zip(state.as_ref())
                        .is_some_and(|(r, s)| s.tree.contains(&r));
                    !known
                })
                .collect();
            if !missing.is_empty() {
                out.insert(id.clone(), json!({ "missing": missing }));
            }
        }
        reply(200, Value::Object(out))
    }
    fn local_put(&self, id: &str, body: &Value) -> Response {
        let Some(obj) = body.as_object() else {
            return error(400, "bad_request", "Document must be a JSON object");
        };
        let mut st = self.state.borrow_mut();
        let given = obj.get("_rev").and_then(Value::as_str);
        let current = st.local.get(id).map(|(n, _)| *n);
        if given != current.map(|n| format!("0-{n}")).as_deref() {
            return error(409, "conflict", "Document update conflict.");
        }
        let n = current.unwrap_or(0) + 1;
        let fields = obj
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        st.local.insert(id.to_owned(), (n, fields));
        reply(
            201,
            json!({ "ok": true, "id": format!("_local/{id}"), "rev": format!("0-{n}") }),
        )
    }
}

/// A `_bulk_get` answer whose first result holds `err` for the first revision asked for.
fn doc_error(res: Response, asked: &Value, err: &str) -> Response {
    let Ok(mut v) = serde_json::from_str::<Value>(&res.body) else {
        return res;
    };
    let first = &asked["docs"][0];
    let entry = json!({ "error": {
        "id": first["id"], "rev": first["rev"], "error": err, "reason": "injected",
    } });
    if let Some(r) = v.pointer_mut("/results/0") {
        r["docs"] = json!([entry]);
    }
    Response {
        status: 200,
        body: v.to_string(),
    }
}
