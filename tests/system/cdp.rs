//! A headless Chromium driven over the DevTools protocol through a pipe
//! (`--remote-debugging-pipe`: JSON messages ending in NUL on fds 3 and 4),
//! so no WebSocket client and no open debugging port are needed. Chromium
//! only ever loads pages from 127.0.0.1; the flags turn off its own
//! background traffic.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// A running browser.
pub struct Browser {
    /// The chromium process.
    child: Child,
    /// Where commands go (the browser's fd 3).
    input: ChildStdin,
    /// Messages from the browser (its fd 4).
    output: mpsc::Receiver<Value>,
    /// The last command id.
    id: u64,
    /// Messages read while waiting for another reply.
    pending: VecDeque<Value>,
    /// Its profile folder.
    _profile: tempfile::TempDir,
    /// This test's turn with a browser: one at a time, so that a heavy
    /// browser test (the save-to-screen measurement, 21 rebuilds of the
    /// chapter deck) neither starves another's waits on two cores nor has
    /// its figures skewed by them.
    _turn: std::sync::MutexGuard<'static, ()>,
}

/// Whose turn it is with a browser.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// One tab, attached in flat mode.
#[derive(Clone)]
pub struct Tab {
    /// The DevTools session id.
    session: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts Debian's chromium headless; fails naming the package if absent.
    #[track_caller]
    pub fn launch() -> Browser {
        // A test that failed while it held the turn leaves it poisoned: the
        // next still gets its turn.
        let turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        let profile = tempfile::tempdir().expect("profile dir");
        // fd 3 is our pipe into chromium, fd 4 our pipe out of it.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$@" 3<&0 4>&1 </dev/null >/dev/null 2>/dev/null"#)
            .arg("sh")
            .arg("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-renderer-backgrounding",
                "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                "--remote-debugging-pipe",
                "--window-size=1400,850",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("sh starts chromium");
        let input = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                message.pop();
                if let Ok(value) = serde_json::from_slice(&message) {
                    let _ = tx.send(value);
                }
                message.clear();
            }
        });
        let mut browser = Browser {
            child,
            input,
            output,
            id: 0,
            pending: VecDeque::new(),
            _profile: profile,
            _turn: turn,
        };
        let version = browser.try_call(None, "Browser.getVersion", json!({}));
        assert!(
            version.is_some(),
            "chromium is needed by the system suite (apt-get install chromium)"
        );
        browser
    }

    /// Opens `url` in a new tab.
    #[track_caller]
    pub fn open(&mut self, url: &str) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({ "url": url }));
        let id = target["targetId"].as_str().expect("target id").to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": id, "flatten": true }),
        );
        let tab = Tab {
            session: attached["sessionId"].as_str().expect("session").to_string(),
        };
        self.call(Some(&tab), "Page.enable", json!({}));
        self.call(Some(&tab), "Runtime.enable", json!({}));
        tab
    }

    /// Sends a command and waits for its result.
    #[track_caller]
    pub fn call(&mut self, tab: Option<&Tab>, method: &str, params: Value) -> Value {
        match self.try_call(tab, method, params) {
            Some(Ok(result)) => result,
            Some(Err(error)) => panic!("{method} failed: {error}"),
            None => panic!("no answer from chromium to {method}"),
        }
    }

    /// Sends a command: its result or the browser's error; `None` if the
    /// browser does not answer in 30 s.
    fn try_call(
        &mut self,
        tab: Option<&Tab>,
        method: &str,
        params: Value,
    ) -> Option<Result<Value, Value>> {
        self.id += 1;
        let mut message = json!({ "id": self.id, "method": method, "params": params });
        if let Some(tab) = tab {
            message["sessionId"] = json!(tab.session);
        }
        let mut bytes = serde_json::to_vec(&message).ok()?;
        bytes.push(0);
        self.input.write_all(&bytes).ok()?;
        self.input.flush().ok()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let reply = self.output.recv_timeout(left).ok()?;
            if reply["id"] == json!(self.id) {
                return Some(match reply.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(reply["result"].clone()),
                });
            }
            self.pending.push_back(reply);
            if self.pending.len() > 1000 {
                self.pending.pop_front();
            }
        }
    }

    /// Evaluates JavaScript in a tab and returns its value.
    #[track_caller]
    pub fn eval(&mut self, tab: &Tab, expression: &str) -> Value {
        let result = self.call(
            Some(tab),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression} threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Waits (up to `limit`) until `expression` is true in the tab; returns
    /// how long it took.
    #[track_caller]
    pub fn wait(&mut self, tab: &Tab, what: &str, expression: &str, limit: Duration) -> Duration {
        let started = Instant::now();
        loop {
            // The page may still be loading: an exception counts as "not yet".
            let probe = format!(
                "(() => {{ try {{ return !!({expression}); }} catch (e) {{ return false; }} }})()"
            );
            // So may the tab be navigating (a reload, a new tab's first
            // load): the browser's "navigated or closed" counts as "not yet".
            let answer = self.try_call(
                Some(tab),
                "Runtime.evaluate",
                json!({ "expression": probe, "returnByValue": true }),
            );
            match answer {
                Some(Ok(result)) if result["result"]["value"] == json!(true) => {
                    return started.elapsed();
                }
                Some(Err(error)) if !error.to_string().contains("navigated or closed") => {
                    panic!("waiting for {what}: {error}")
                }
                _ => {}
            }
            assert!(
                started.elapsed() < limit,
                "timed out after {limit:?} waiting for {what} ({expression})"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Presses a key in a tab, as a clicker or keyboard sends it.
    pub fn key(&mut self, tab: &Tab, key: &str, code: u32) {
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                Some(tab),
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": key,
                        "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code }),
            );
        }
    }

    /// A PNG screenshot of a tab.
    pub fn screenshot(&mut self, tab: &Tab) -> Vec<u8> {
        let shot = self.call(
            Some(tab),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        );
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .expect("base64 PNG")
    }
}
