//! The console's web server: the three views, their assets, the deck's
//! pages as SVG, one event stream and one control endpoint. Nothing is
//! served from the file system.
//!
//! Access: without `--lan` the server listens on 127.0.0.1 and refuses any
//! request whose `Host` is not a loopback name (no DNS rebinding). With
//! `--lan` every request must carry the token, as `?token=` (the pages then
//! set a cookie) or as that cookie. The control endpoint also wants the
//! header `X-Lectern: control`, which no other site's page can send
//! without a CORS preflight this server never grants.

use std::io::Write as _;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::state::{Action, Shared};

/// The HTML page; `__VIEW__` becomes the view's name.
const PAGE: &str = include_str!("assets/page.html");
/// The script all three views share.
const SCRIPT: &str = include_str!("assets/app.js");
/// The style sheet all three views share.
const STYLE: &str = include_str!("assets/app.css");
/// How often an idle event stream sends a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Who may use the server.
#[derive(Debug, Clone)]
pub struct Access {
    /// The port listened on (for the `Host` check).
    pub port: u16,
    /// The token every request needs (`--lan`), if any.
    pub token: Option<String>,
}

impl Access {
    /// Why a request is refused, if it is.
    fn refuse(&self, request: &Request) -> Option<&'static str> {
        match &self.token {
            Some(token) => {
                let given =
                    query(request.url(), "token").or_else(|| cookie(request, "lectern_token"));
                (!given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())))
                    .then_some("a token is needed: open the address lectern printed")
            }
            None => {
                let host = header(request, "Host").unwrap_or_default();
                let allowed = ["127.0.0.1", "localhost", "[::1]"]
                    .iter()
                    .any(|name| host == format!("{name}:{}", self.port));
                (!allowed).then_some("this server answers only to 127.0.0.1 and localhost")
            }
        }
    }
}

/// Answers one request.
pub fn handle(request: Request, shared: &Arc<Shared>, access: &Access, streams: &Streams) {
    if let Some(why) = access.refuse(&request) {
        return respond(request, text(403, why));
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("/").to_string();
    match (request.method(), path.as_str()) {
        (Method::Get, "/") => page(request, "audience", access),
        (Method::Get, "/presenter") => page(request, "presenter", access),
        (Method::Get, "/remote") => page(request, "remote", access),
        (Method::Get, "/assets/app.js") => respond(
            request,
            body(
                200,
                SCRIPT.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
            ),
        ),
        (Method::Get, "/assets/app.css") => respond(
            request,
            body(200, STYLE.as_bytes().to_vec(), "text/css; charset=utf-8"),
        ),
        (Method::Get, "/deck.json") => {
            let deck = shared.lock().deck.clone();
            let json = deck.map_or_else(
                || "null".to_string(),
                |d| serde_json::to_string(&*d).unwrap_or_default(),
            );
            respond(request, body(200, json.into_bytes(), "application/json"));
        }
        (Method::Get, "/state.json") => {
            let json = serde_json::to_string(&shared.lock().snapshot()).unwrap_or_default();
            respond(request, body(200, json.into_bytes(), "application/json"));
        }
        (Method::Get, "/events") => events(request, shared, streams),
        (Method::Get, "/timing.json") => {
            let json = shared.lock().actual_times().to_string();
            let response =
                body(200, json.into_bytes(), "application/json").with_header(raw_header(
                    "Content-Disposition",
                    "attachment; filename=\"timing.json\"",
                ));
            respond(request, response);
        }
        (Method::Get, p) if p.starts_with("/svg/") => {
            let hash = p.trim_start_matches("/svg/").trim_end_matches(".svg");
            let svg = shared.lock().svgs.get(hash).cloned();
            match svg {
                Some(svg) => respond(
                    request,
                    cached(body(200, svg.as_bytes().to_vec(), "image/svg+xml")),
                ),
                None => respond(request, text(404, "no such page")),
            }
        }
        (Method::Post, "/control") => control(request, shared, &url),
        (Method::Get | Method::Post, _) => respond(request, text(404, "not found")),
        _ => respond(request, text(405, "only GET, and POST /control")),
    }
}

/// Answers a request the workers have no room for.
pub fn busy(request: Request) {
    respond(request, text(503, "the console is busy; try again"));
}

/// Serves a view's page; with a token in the address, sets it as a cookie.
fn page(request: Request, view: &str, access: &Access) {
    let html = PAGE.replace("__VIEW__", view);
    let mut response = body(200, html.into_bytes(), "text/html; charset=utf-8");
    if let Some(token) = &access.token {
        response = response.with_header(raw_header(
            "Set-Cookie",
            &format!("lectern_token={token}; Path=/; HttpOnly; SameSite=Strict"),
        ));
    }
    respond(request, response);
}

/// `POST /control?go=next` and the like.
fn control(request: Request, shared: &Arc<Shared>, url: &str) {
    if header(&request, "X-Lectern").as_deref() != Some("control") {
        return respond(
            request,
            text(403, "control requests need the header X-Lectern: control"),
        );
    }
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let actions: Option<Vec<Action>> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("token="))
        .map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Action::parse(k, v)
        })
        .collect();
    match actions {
        Some(actions) if !actions.is_empty() => {
            shared.change(|state| actions.iter().for_each(|a| state.apply(a)));
            let json = serde_json::to_string(&shared.lock().snapshot()).unwrap_or_default();
            respond(request, body(200, json.into_bytes(), "application/json"));
        }
        _ => respond(
            request,
            text(
                400,
                "unknown control: use go=next|prev|first|last|N, blank=black|white|none, clock=pause|reset",
            ),
        ),
    }
}

/// Whether two byte strings are equal, in time that depends only on their
/// lengths (a token compare leaks nothing about how much of it was right).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The most event streams open at once; one more is answered 503.
pub const MAX_STREAMS: usize = 512;

/// The open event streams, written by one broadcasting thread: a browser
/// that keeps a stream open costs a socket, not a thread.
#[derive(Default)]
pub struct Streams {
    /// Each stream's writer.
    writers: std::sync::Mutex<Vec<Box<dyn std::io::Write + Send>>>,
}

impl Streams {
    /// Sends every state change (and a keep-alive when idle) to every open
    /// stream, dropping those whose browser went away. Runs for ever.
    pub fn broadcast(&self, shared: &Shared) {
        let mut seen = shared.lock().version;
        loop {
            let message = match shared.wait_change(seen, KEEP_ALIVE) {
                Some(snapshot) => {
                    seen = snapshot.version;
                    format!(
                        "data: {}\n\n",
                        serde_json::to_string(&snapshot).unwrap_or_default()
                    )
                }
                None => ": keep-alive\n\n".to_string(),
            };
            let mut writers = self.writers.lock().unwrap_or_else(|e| e.into_inner());
            writers.retain_mut(|w| {
                w.write_all(message.as_bytes())
                    .and_then(|()| w.flush())
                    .is_ok()
            });
        }
    }
}

/// `GET /events`: the current state at once, then (from the broadcaster) a
/// server-sent event per state change, until the browser goes away.
fn events(request: Request, shared: &Arc<Shared>, streams: &Streams) {
    let mut writers = streams.writers.lock().unwrap_or_else(|e| e.into_inner());
    if writers.len() >= MAX_STREAMS {
        drop(writers);
        return respond(
            request,
            text(503, "too many open views; close some and reload"),
        );
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
    // Under the streams' lock, so no change can slip between this snapshot
    // and the broadcaster's next message.
    let first = shared.lock().snapshot();
    let message = format!(
        "{head}data: {}\n\n",
        serde_json::to_string(&first).unwrap_or_default()
    );
    if writer
        .write_all(message.as_bytes())
        .and_then(|()| writer.flush())
        .is_ok()
    {
        writers.push(writer);
    }
}

/// The value of a query parameter.
fn query(url: &str, key: &str) -> Option<String> {
    let (_, q) = url.split_once('?')?;
    q.split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

/// The value of a cookie.
fn cookie(request: &Request, name: &str) -> Option<String> {
    let cookies = header(request, "Cookie")?;
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The value of a request header.
fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_string())
}

/// A header from a name and value (both ASCII, ours).
fn raw_header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("valid header")
    })
}

/// A response with a body and content type.
fn body(status: u16, bytes: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(raw_header("Content-Type", content_type))
        .with_header(raw_header("X-Content-Type-Options", "nosniff"))
}

/// Marks a content-addressed response as cacheable for good.
fn cached(response: Response<std::io::Cursor<Vec<u8>>>) -> Response<std::io::Cursor<Vec<u8>>> {
    response.with_header(raw_header("Cache-Control", "max-age=31536000, immutable"))
}

/// A plain-text response.
fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    body(
        status,
        format!("{message}\n").into_bytes(),
        "text/plain; charset=utf-8",
    )
}

/// Sends a response (never cached unless marked so); a browser that went
/// away is no error of ours.
fn respond(request: Request, mut response: Response<std::io::Cursor<Vec<u8>>>) {
    if !response
        .headers()
        .iter()
        .any(|h| h.field.equiv("Cache-Control"))
    {
        response.add_header(raw_header("Cache-Control", "no-store"));
    }
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_compare_whole() {
        assert!(super::same(b"abc", b"abc"));
        assert!(!super::same(b"abc", b"abd"));
        assert!(!super::same(b"abc", b"abcd"));
        assert!(!super::same(b"", b"a"));
    }
}
