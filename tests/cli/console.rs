//! Runs `lectern present` for a test and talks to it over plain HTTP on
//! 127.0.0.1 (a few lines over a `TcpStream`, so a test can send exactly the
//! headers it means to, a forged `Host` included). Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running `lectern present`, stopped when dropped.
pub struct Console {
    /// The server process.
    child: Child,
    /// The port it serves on.
    pub port: u16,
    /// The `?token=...` suffix of its addresses (`--lan`), or nothing.
    pub token: String,
    /// The lines it printed after the first.
    lines: mpsc::Receiver<String>,
}

/// An HTTP reply.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The header block, as sent.
    pub head: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Console {
    /// Starts `lectern present OUTLINE --no-open --port 0 ARGS...` in `dir`
    /// (its messages go to `dir/present.log`) and waits for its address.
    #[track_caller]
    pub fn start(dir: &Path, outline: &str, args: &[&str]) -> Console {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("lectern"))
            .current_dir(dir)
            .args(["present", outline, "--no-open", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(dir.join("present.log")).expect("log"))
            .spawn()
            .expect("start lectern present");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("lectern present prints its address");
        // presenting on http://127.0.0.1:PORT/[?token=T]  (presenter console: ...)
        let address = line
            .strip_prefix("presenting on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        let (port, rest) = address.split_once('/').expect("port then path");
        let token = match rest.split_whitespace().next() {
            Some(t) if rest.starts_with('?') => t.to_string(),
            _ => String::new(),
        };
        Console {
            child,
            port: port.parse().expect("port"),
            token,
            lines: rx,
        }
    }

    /// The lines printed after the address so far (waiting up to 5 s for
    /// the first).
    pub fn printed(&self) -> String {
        let mut out = String::new();
        let mut wait = Duration::from_secs(5);
        while let Ok(line) = self.lines.recv_timeout(wait) {
            out += &line;
            out.push('\n');
            wait = Duration::from_millis(200);
        }
        out
    }

    /// `GET path` with the right `Host`.
    #[track_caller]
    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[])
    }

    /// `POST /control?query` as the console's pages send it.
    #[track_caller]
    pub fn control(&self, query: &str) -> Reply {
        self.request(
            "POST",
            &format!("/control?{query}"),
            &[("X-Lectern", "control")],
        )
    }

    /// Sends a request to 127.0.0.1 with `Host: 127.0.0.1:PORT` unless
    /// `headers` names another `Host`.
    #[track_caller]
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head += &format!("Host: 127.0.0.1:{}\r\n", self.port);
        }
        for (k, v) in headers {
            head += &format!("{k}: {v}\r\n");
        }
        head += "Content-Length: 0\r\n\r\n";
        stream.write_all(head.as_bytes()).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read reply");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code");
        let mut body = raw[split + 4..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = unchunk(&body);
        }
        Reply { status, head, body }
    }

    /// Waits until `ready` holds for the deck (`/deck.json`) and the state
    /// (`/state.json`), then returns both.
    #[track_caller]
    pub fn wait(&self, what: &str, ready: impl Fn(&Value, &Value) -> bool) -> (Value, Value) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // The deck between two states of the same deck version: a
            // rebuild between the two reads would pair a new deck with an
            // old position.
            let before = self.get(&format!("/state.json{}", self.token)).json();
            let deck = self.get(&format!("/deck.json{}", self.token)).json();
            let state = self.get(&format!("/state.json{}", self.token)).json();
            if before["deck_version"] == state["deck_version"] && ready(&deck, &state) {
                return (deck, state);
            }
            if Instant::now() >= deadline {
                panic!("timed out waiting for {what}; it said:\n{}", self.printed());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the first deck.
    #[track_caller]
    pub fn deck(&self) -> Value {
        self.wait("the first deck", |deck, _| !deck.is_null()).0
    }
}

/// Decodes a chunked body.
fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..line_end])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// The title of the page the state is on.
pub fn current_title(deck: &Value, state: &Value) -> String {
    let position = state["position"].as_u64().expect("position") as usize;
    deck["pages"][position]["title"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}
