//! `lectern present`: a presenter console in the browser, live from the
//! outline.
//!
//! One web server, embedded in the binary, serves three views of one shared
//! state ([`state`]): the audience view `/` (the slide, full window), the
//! presenter console `/presenter` (slide, next step, notes, clocks, time
//! plan) and a phone remote `/remote`. Pages are SVG from typst-svg, drawn
//! from the same laid-out document as the PDF. The deck is rebuilt like
//! `lectern watch` does ([`crate::watch`]); after each good build the views
//! get the new deck and keep their place by slide identity, and a failed
//! build shows on the presenter console only.

mod deck;
mod server;
mod state;

use std::sync::Arc;

use crate::diagnostics;
use crate::pipeline::{KeptDeck, Session};

use self::server::Access;
use self::state::Shared;
pub use crate::export::html::notes_html;

/// How long, after a new deck is announced, the views have the machine to
/// themselves (to fetch and decode the changed page) before the build goes
/// on to the PDF export: measured, it takes the chapter deck's save to
/// screen from a median of 71-80 ms to 62-66 ms on two cores.
const SCREEN_FIRST: std::time::Duration = std::time::Duration::from_millis(60);

/// How to serve the console.
#[derive(Debug, Clone)]
pub struct PresentOptions {
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Whether to listen on every interface, behind a token.
    pub lan: bool,
}

/// Where the console is served, for the CLI to print (and open).
#[derive(Debug, Clone)]
pub struct Serving {
    /// The audience view's address.
    pub audience: String,
    /// The presenter console's address.
    pub presenter: String,
    /// The phone remote's address on the local network (`--lan`).
    pub remote: Option<String>,
    /// A QR code of the remote's address, for the terminal.
    pub qr: Option<String>,
}

/// Serves the console and rebuilds on every save, until stopped. An error
/// (the port in use, say) is returned before anything is built.
pub fn present(
    session: &mut Session,
    options: &PresentOptions,
    ready: impl FnOnce(&Serving),
    tell: impl Fn(&crate::watch::Event<'_>),
) -> Result<(), String> {
    let host = if options.lan { "0.0.0.0" } else { "127.0.0.1" };
    let server = tiny_http::Server::http((host, options.port)).map_err(|e| {
        format!(
            "cannot serve on port {} ({e}); is another lectern running? Pick another port with --port",
            options.port
        )
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let token = options.lan.then(token).transpose()?;
    let access = Access {
        port,
        token: token.clone(),
    };
    let shared = Arc::new(Shared::default());
    serve(server, &shared, access);
    let base = format!("http://127.0.0.1:{port}");
    let suffix = token
        .as_ref()
        .map_or(String::new(), |t| format!("?token={t}"));
    let remote = token
        .as_ref()
        .map(|t| format!("http://{}:{port}/remote?token={t}", lan_address()));
    ready(&Serving {
        audience: format!("{base}/{suffix}"),
        presenter: format!("{base}/presenter{suffix}"),
        qr: remote.as_deref().map(qr),
        remote,
    });
    // Decks arrive from the build as soon as they are laid out; this thread
    // renders their changed pages and announces them, and then the build
    // goes on to the PDF.
    let (sink, decks) = std::sync::mpsc::channel::<KeptDeck>();
    session.send_decks(sink);
    {
        let shared = shared.clone();
        std::thread::spawn(move || {
            while let Ok(mut kept) = decks.recv() {
                // Only the newest of several waiting decks matters.
                while let Ok(newer) = decks.try_recv() {
                    kept = newer;
                }
                let (previous, last) = {
                    let state = shared.lock();
                    (state.svgs.clone(), state.deck.clone())
                };
                let rendered = deck::render(&kept, &previous, last.as_deref());
                shared.change(|s| s.set_deck(rendered));
                // The build waits for this before it exports the PDF: the
                // views fetch and decode the new page first, with the cores
                // to themselves.
                std::thread::sleep(SCREEN_FIRST);
                let _ = kept.shown.send(());
            }
        });
    }
    crate::watch::watch(session, |_, event| {
        tell(event);
        if let crate::watch::Event::Built { outcome, .. } = event
            && outcome.result.is_err()
        {
            let errors: Vec<_> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            let message = diagnostics::render_human(&outcome.sources, &errors, false);
            shared.change(|s| s.set_error(message));
        }
    })
}

/// A random token of 128 bits, in hex.
fn token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot make a random token ({e})"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// This machine's address on the local network, as a phone would reach it.
/// Connecting a UDP socket sends nothing; it only asks the system which
/// interface routes outward.
fn lan_address() -> String {
    std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").and_then(|()| s.local_addr()))
        .map_or_else(|_| "THIS-COMPUTER".to_string(), |a| a.ip().to_string())
}

/// A QR code of `text` for the terminal.
fn qr(text: &str) -> String {
    use qrcode::render::unicode::Dense1x2;
    qrcode::QrCode::new(text.as_bytes()).map_or_else(
        |_| String::new(),
        |code| {
            code.render::<Dense1x2>()
                .dark_color(Dense1x2::Light)
                .light_color(Dense1x2::Dark)
                .quiet_zone(true)
                .build()
        },
    )
}

/// Threads that answer requests; event streams take none of them.
const WORKERS: usize = 8;

/// Requests that may wait for a worker; beyond them, 503.
const QUEUE: usize = 256;

/// Answers the server's requests on a fixed pool of [`WORKERS`] threads fed
/// by a queue of [`QUEUE`] requests (a full queue is answered 503 at once),
/// and keeps the event streams on one broadcasting thread: no number of
/// browsers can make the console spawn without bound.
fn serve(server: tiny_http::Server, shared: &Arc<Shared>, access: server::Access) {
    let streams = Arc::new(server::Streams::default());
    {
        let (shared, streams) = (shared.clone(), streams.clone());
        std::thread::spawn(move || streams.broadcast(&shared));
    }
    let (jobs, queue) = std::sync::mpsc::sync_channel::<tiny_http::Request>(QUEUE);
    let queue = Arc::new(std::sync::Mutex::new(queue));
    for _ in 0..WORKERS {
        let (queue, shared, access, streams) = (
            queue.clone(),
            shared.clone(),
            access.clone(),
            streams.clone(),
        );
        std::thread::spawn(move || {
            loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok(request) = next else { return };
                server::handle(request, &shared, &access, &streams);
            }
        });
    }
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            if let Err(std::sync::mpsc::TrySendError::Full(request)) = jobs.try_send(request) {
                server::busy(request);
            }
        }
    });
}
