//! The office server's HTTP API (Apache CouchDB), as far as joining and
//! the replication protocol use it. Requests go through gloo-net's fetch
//! with the session cookie (`credentials: include`); answers are read by
//! `domain::replication`, so a strange answer is an error, never a panic.

use crate::domain::doc::Rev;
use crate::domain::invite::{percent_encode, OfficeLink};
use crate::domain::replication::{
    parse_bulk_docs, parse_bulk_get, parse_changes, parse_revs_diff, parse_session, revs_diff_request, Account,
    ChangesPage, Checkpoint, DocRefusal, Fetched, Seq,
};
use gloo_net::http::{Method, RequestBuilder};
use std::collections::HashMap;
use std::fmt;
use web_sys::{AbortSignal, RequestCredentials};

/// Why a request to the office server failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpError {
    /// No answer: no network, or the server is down or unknown.
    Unreachable,
    /// 401: nobody signed in, or the session expired.
    Unauthorized,
    /// 403: this account may not do that.
    Forbidden(String),
    /// 404: no such database (or document).
    NotFound,
    /// Another status, or an answer that is not CouchDB's.
    Server(String),
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::Unreachable => write!(f, "the office server cannot be reached"),
            HttpError::Unauthorized => write!(f, "not signed in"),
            HttpError::Forbidden(why) => write!(f, "refused: {why}"),
            HttpError::NotFound => write!(f, "no such office on this server"),
            HttpError::Server(why) => write!(f, "the office server answered: {why}"),
        }
    }
}

/// The `reason` of a CouchDB error body, or the body itself.
fn reason(body: &str) -> String {
    #[derive(serde::Deserialize)]
    struct ErrorBody {
        error: Option<String>,
        reason: Option<String>,
    }
    match serde_json::from_str::<ErrorBody>(body) {
        Ok(ErrorBody { reason: Some(reason), .. }) => reason,
        Ok(ErrorBody { error: Some(error), .. }) => error,
        _ => body.chars().take(200).collect(),
    }
}

/// One office database on one server.
#[derive(Clone, Debug)]
pub struct Couch {
    server: String,
    db_url: String,
}

impl Couch {
    pub fn new(link: &OfficeLink) -> Couch {
        Couch { server: link.server.clone(), db_url: link.db_url() }
    }

    async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
        signal: Option<&AbortSignal>,
    ) -> Result<String, HttpError> {
        let builder = RequestBuilder::new(url)
            .method(method)
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json")
            .abort_signal(signal);
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|e| HttpError::Server(e.to_string()))?;
        let response = request.send().await.map_err(|_| HttpError::Unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| HttpError::Unreachable)?;
        match status {
            200..=299 => Ok(text),
            401 => Err(HttpError::Unauthorized),
            403 => Err(HttpError::Forbidden(reason(&text))),
            404 => Err(HttpError::NotFound),
            // A proxy in front of a stopped server.
            502..=504 => Err(HttpError::Unreachable),
            _ => Err(HttpError::Server(format!("{status} {}", reason(&text)))),
        }
    }

    fn db(&self, path: &str) -> String {
        format!("{}/{path}", self.db_url)
    }

    /// Whether the address is a CouchDB server at all: its welcome
    /// (`{"couchdb":"Welcome"}`, or pouchdb-server's `express-pouchdb`).
    pub async fn is_couch(&self) -> Result<(), HttpError> {
        let body = self.send(Method::GET, &format!("{}/", self.server), None, None).await?;
        #[derive(serde::Deserialize)]
        struct Welcome {
            couchdb: Option<String>,
            #[serde(rename = "express-pouchdb")]
            express_pouchdb: Option<String>,
        }
        match serde_json::from_str::<Welcome>(&body) {
            Ok(Welcome { couchdb: Some(_), .. } | Welcome { express_pouchdb: Some(_), .. }) => Ok(()),
            _ => Err(HttpError::Server("not a CouchDB server".into())),
        }
    }

    /// Signs in (the server sets the session cookie); the password is
    /// sent once and kept nowhere.
    pub async fn sign_in(&self, user: &str, password: &str) -> Result<Account, HttpError> {
        #[derive(serde::Serialize)]
        struct Credentials<'a> {
            name: &'a str,
            password: &'a str,
        }
        let body = serde_json::to_string(&Credentials { name: user, password }).expect("strings");
        let answer = self.send(Method::POST, &format!("{}/_session", self.server), Some(body), None).await?;
        parse_session(&answer).map_err(HttpError::Server)?.ok_or(HttpError::Unauthorized)
    }

    /// Who the session cookie signs in, if anyone.
    pub async fn session(&self) -> Result<Option<Account>, HttpError> {
        let answer = self.send(Method::GET, &format!("{}/_session", self.server), None, None).await?;
        parse_session(&answer).map_err(HttpError::Server)
    }

    pub async fn sign_out(&self) -> Result<(), HttpError> {
        self.send(Method::DELETE, &format!("{}/_session", self.server), None, None).await.map(drop)
    }

    /// Whether the office database is there and this account may read it.
    pub async fn check_access(&self) -> Result<(), HttpError> {
        self.send(Method::GET, &format!("{}/", self.db_url), None, None).await.map(drop)
    }

    /// A page of changes since `since`: `wait_ms` makes it a long poll
    /// (the server answers when something changes, or after the wait).
    pub async fn changes(
        &self,
        since: &Seq,
        limit: usize,
        wait_ms: Option<u32>,
        signal: Option<&AbortSignal>,
    ) -> Result<ChangesPage, HttpError> {
        let mut url = self.db(&format!(
            "_changes?style=all_docs&include_docs=true&conflicts=true&limit={limit}&since={}",
            percent_encode(&since.as_param())
        ));
        if let Some(ms) = wait_ms {
            url.push_str(&format!("&feed=longpoll&timeout={ms}"));
        }
        let answer = self.send(Method::GET, &url, None, signal).await?;
        parse_changes(&answer).map_err(HttpError::Server)
    }

    /// Given versions of documents (a conflict's other leaves).
    pub async fn bulk_get(&self, wanted: &[(String, Rev)]) -> Result<Vec<Fetched>, HttpError> {
        #[derive(serde::Serialize)]
        struct Wanted<'a> {
            id: &'a str,
            rev: String,
        }
        #[derive(serde::Serialize)]
        struct Body<'a> {
            docs: Vec<Wanted<'a>>,
        }
        let docs = wanted.iter().map(|(id, rev)| Wanted { id, rev: rev.to_string() }).collect();
        let body = serde_json::to_string(&Body { docs }).expect("strings");
        let answer = self.send(Method::POST, &self.db("_bulk_get"), Some(body), None).await?;
        parse_bulk_get(&answer).map_err(HttpError::Server)
    }

    /// Of these revisions, the ones the server lacks.
    pub async fn revs_diff(&self, docs: &[(&str, &Rev)]) -> Result<HashMap<String, Vec<Rev>>, HttpError> {
        let body = revs_diff_request(docs.iter().copied());
        let answer = self.send(Method::POST, &self.db("_revs_diff"), Some(body), None).await?;
        parse_revs_diff(&answer).map_err(HttpError::Server)
    }

    /// Stores documents with their revisions as given (`new_edits:
    /// false`): sending one twice is harmless. Returns the refusals.
    pub async fn bulk_docs(&self, docs: &[&str]) -> Result<Vec<DocRefusal>, HttpError> {
        let body = format!(r#"{{"new_edits":false,"docs":[{}]}}"#, docs.join(","));
        let answer = self.send(Method::POST, &self.db("_bulk_docs"), Some(body), None).await?;
        parse_bulk_docs(&answer).map_err(HttpError::Server)
    }

    /// The server's copy of a replication checkpoint, with its revision.
    pub async fn get_checkpoint(&self, id: &str) -> Result<Option<(Checkpoint, String)>, HttpError> {
        #[derive(serde::Deserialize)]
        struct LocalDoc {
            #[serde(rename = "_rev")]
            rev: String,
            last_seq: Box<serde_json::value::RawValue>,
        }
        match self.send(Method::GET, &self.db(&format!("_local/{id}")), None, None).await {
            Ok(body) => {
                let doc: LocalDoc = serde_json::from_str(&body).map_err(|e| HttpError::Server(e.to_string()))?;
                Ok(Some((Checkpoint { since: Seq(doc.last_seq.get().to_owned()) }, doc.rev)))
            }
            Err(HttpError::NotFound) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// Saves a replication checkpoint on the server; returns its new
    /// revision (needed to save it again).
    pub async fn put_checkpoint(&self, id: &str, checkpoint: &Checkpoint, rev: Option<&str>) -> Result<String, HttpError> {
        let rev = rev.map(|r| format!(r#","_rev":{}"#, serde_json::to_string(r).expect("a string"))).unwrap_or_default();
        let body = format!(r#"{{"last_seq":{}{rev}}}"#, checkpoint.since.0);
        let answer = self.send(Method::PUT, &self.db(&format!("_local/{id}")), Some(body), None).await?;
        #[derive(serde::Deserialize)]
        struct Saved {
            rev: String,
        }
        serde_json::from_str::<Saved>(&answer).map(|s| s.rev).map_err(|e| HttpError::Server(e.to_string()))
    }
}
