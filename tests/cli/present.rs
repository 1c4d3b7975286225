//! `lectern present` at the HTTP level: what the server serves, to whom,
//! and how the place survives edits. The browser tests are in
//! `tests/system/present.rs`.

use std::net::TcpListener;

use crate::console::{Console, current_title};
use crate::util::*;

/// An outline of three content slides in one section, the middle one with
/// two reveal steps.
const THREE: &str = "title: Console deck
lang: en
slot: 20
sections:
  - title: Part one
    minutes: 9
    slides:
      - title: Alpha
        text: The first slide.
        notes: |
          Open with a **question**.
          Then <wait> for answers.
      - title: Beta
        reveal: items
        bullets: [one, two]
      - title: Gamma
        text: The third slide.
";

#[test]
fn the_console_serves_every_page_as_svg_with_labels_notes_and_text() {
    let dir = deck(THREE);
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdf = Pdf::open(&dir.path().join("deck.pdf"));
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    let deck = console.deck();
    let pages = deck["pages"].as_array().expect("pages");
    // The same pages as the PDF, with the PDF's page labels.
    assert_eq!(pages.len(), pdf.page_count());
    let labels: Vec<i64> = pages
        .iter()
        .map(|p| p["label"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(labels, page_labels(&dir.path().join("deck.pdf")));
    // Every page is served as SVG, cacheable by its content address.
    for page in pages {
        let svg = console.get(page["svg"].as_str().unwrap());
        assert_eq!(svg.status, 200);
        assert!(svg.text().starts_with("<svg"), "{}", &svg.text()[..40]);
        assert!(svg.head.contains("immutable"));
    }
    // Notes keep their paragraphs and markup; the rest is escaped.
    let alpha = pages.iter().find(|p| p["title"] == "Alpha").unwrap();
    assert_eq!(
        alpha["notes"],
        "<p>Open with a <strong>question</strong>.</p><p>Then &lt;wait&gt; for answers.</p>"
    );
    assert!(alpha["text"].as_str().unwrap().contains("The first slide."));
    // Reveal steps are pages of their own, sharing the label.
    let beta: Vec<_> = pages.iter().filter(|p| p["title"] == "Beta").collect();
    assert_eq!(beta.len(), 2);
    assert_eq!(beta[0]["label"], beta[1]["label"]);
    assert_eq!(deck["sections"][0]["minutes"], 9);
    assert_eq!(deck["slot"], 20);
    // The three views are served.
    for view in [
        "/",
        "/presenter",
        "/remote",
        "/assets/app.js",
        "/assets/app.css",
    ] {
        assert_eq!(console.get(view).status, 200, "{view}");
    }
    assert!(
        console
            .get("/presenter")
            .text()
            .contains("data-view=\"presenter\"")
    );
    // Everything the views load comes from this server: no CDN, no network.
    for asset in ["/", "/assets/app.js", "/assets/app.css"] {
        let text = console.get(asset).text();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{asset}"
        );
    }
}

#[test]
fn control_moves_every_view_and_edits_keep_the_place_by_slide() {
    let dir = deck(THREE);
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    let deck = console.deck();
    let gamma = deck["pages"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["title"] == "Gamma")
        .unwrap();
    let state = console.control(&format!("go={gamma}")).json();
    assert_eq!(state["position"], gamma);
    assert_eq!(state["running"], true, "the clock starts on the first move");

    // A slide inserted before the current one: the audience stays on Gamma.
    let edited = THREE.replace(
        "      - title: Beta",
        "      - title: Inserted\n        text: New.\n      - title: Beta",
    );
    std::fs::write(dir.path().join("deck.yaml"), edited).unwrap();
    let (deck, state) = console.wait("the rebuilt deck", |deck, _| {
        deck["pages"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["title"] == "Inserted"))
    });
    assert_eq!(current_title(&deck, &state), "Gamma");
    assert_eq!(state["position"], gamma + 1);

    // A broken edit: an error for the presenter, the deck stays.
    std::fs::write(dir.path().join("deck.yaml"), "title: [broken\n").unwrap();
    let (deck, state) = console.wait("the error", |_, state| !state["error"].is_null());
    let error = state["error"].as_str().unwrap();
    assert!(
        error.contains("deck.yaml:2:1") && error.contains("hint"),
        "{error}"
    );
    assert_eq!(current_title(&deck, &state), "Gamma");

    // Steps, blanking and the clock.
    assert_eq!(console.control("go=first").json()["position"], 0);
    assert_eq!(console.control("go=next").json()["position"], 1);
    assert_eq!(console.control("blank=black").json()["blank"], "black");
    assert_eq!(console.control("clock=pause").json()["running"], false);
    assert_eq!(console.control("go=sideways").status, 400);
}

#[test]
fn the_server_refuses_other_hosts_other_methods_and_bare_control_posts() {
    let dir = deck(THREE);
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    console.deck();
    // DNS rebinding: a page from another name gets nothing.
    let forged = console.request("GET", "/deck.json", &[("Host", "evil.example:80")]);
    assert_eq!(forged.status, 403);
    assert!(!forged.text().contains("Alpha"));
    for host in [
        format!("localhost:{}", console.port),
        format!("[::1]:{}", console.port),
    ] {
        assert_eq!(
            console.request("GET", "/", &[("Host", &host)]).status,
            200,
            "{host}"
        );
    }
    // It listens on 127.0.0.1 only (read from Linux's socket table, so no
    // packet goes to another address; other systems skip this check).
    if cfg!(target_os = "linux") {
        let listening: Vec<String> = std::fs::read_to_string("/proc/net/tcp")
            .unwrap()
            .lines()
            .skip(1)
            .filter_map(|l| {
                let fields: Vec<&str> = l.split_whitespace().collect();
                let (local, state) = (fields.get(1)?, fields.get(3)?);
                let port = u16::from_str_radix(local.split(':').nth(1)?, 16).ok()?;
                (*state == "0A" && port == console.port).then(|| local.to_string())
            })
            .collect();
        assert_eq!(
            listening,
            vec![format!("0100007F:{:04X}", console.port)],
            "listening sockets on the port"
        );
    }
    // Control wants its header (no cross-site form can send it).
    assert_eq!(console.request("POST", "/control?go=next", &[]).status, 403);
    assert_eq!(console.request("PUT", "/control?go=next", &[]).status, 405);
    assert_eq!(console.request("DELETE", "/", &[]).status, 405);
    // Nothing from the file system.
    for path in [
        "/deck.yaml",
        "/svg/../deck.yaml",
        "/assets/../deck.yaml",
        "/svg/nothing.svg",
    ] {
        let reply = console.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.text().contains("Console deck"));
    }
}

#[test]
fn on_the_lan_every_request_needs_the_token_loopback_included() {
    let dir = deck(THREE);
    let console = Console::start(dir.path(), "deck.yaml", &["--lan"]);
    let token = console.token.trim_start_matches("?token=").to_string();
    assert_eq!(token.len(), 32, "a 128-bit token: {}", console.token);
    console.deck();
    for path in [
        "/",
        "/presenter",
        "/remote",
        "/deck.json",
        "/state.json",
        "/events",
    ] {
        let bare = console.get(path);
        assert_eq!(bare.status, 403, "{path}");
        assert!(!bare.text().contains("Alpha"));
    }
    assert_eq!(
        console
            .request("POST", "/control?go=next", &[("X-Lectern", "control")])
            .status,
        403
    );
    assert_eq!(
        console
            .get(&format!("/deck.json?token=wrong{token}"))
            .status,
        403
    );
    // With the token: in the address, then as the cookie the page set.
    let page = console.get(&format!("/remote?token={token}"));
    assert_eq!(page.status, 200);
    assert!(page.head.contains(&format!("lectern_token={token}")));
    let cookie = format!("lectern_token={token}");
    let deck = console.request("GET", "/deck.json", &[("Cookie", &cookie)]);
    assert_eq!(deck.status, 200);
    assert!(deck.text().contains("Alpha"));
    // The remote's address with the token, and its QR code for a phone.
    let printed = console.printed();
    let remote = printed.lines().next().unwrap_or_default();
    assert!(
        remote.starts_with("phone remote: http://")
            && remote.ends_with(&format!(":{}/remote?token={token}", console.port)),
        "{printed}"
    );
    let qr_rows = printed
        .lines()
        .filter(|l| l.contains('█') || l.contains('▀'))
        .count();
    assert!(qr_rows >= 15, "a QR code of at least 21 modules: {printed}");
}

#[test]
fn a_port_in_use_is_a_clear_error_before_any_build() {
    let dir = deck(THREE);
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = lectern()
        .current_dir(dir.path())
        .args(["present", "deck.yaml", "--no-open", "--port", &port])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&port) && stderr.contains("--port"),
        "{stderr}"
    );
    assert!(!dir.path().join("deck.pdf").exists(), "nothing is built");
}

#[test]
fn without_no_open_the_console_opens_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let dir = deck(THREE);
    // A stand-in for the desktop's opener that records what it was given.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let opener = bin.join("xdg-open");
    let opened = dir.path().join("opened.txt");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lectern"))
        .current_dir(dir.path())
        .env("PATH", path)
        .args(["present", "deck.yaml", "--port", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let url = loop {
        let text = std::fs::read_to_string(&opened).unwrap_or_default();
        if !text.is_empty() || std::time::Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.trim_end().ends_with("/presenter"),
        "{url}"
    );
}

#[test]
fn the_end_time_reaches_the_notes_file_and_the_console() {
    let dir = deck(&THREE.replace("slot: 20\n", "slot: 20\nend-time: \"11:30\"\n"));
    build_in(dir.path(), &["deck.yaml"]).success();
    let pdfpc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap())
            .unwrap();
    assert_eq!(pdfpc["endTime"], "11:30");
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    assert_eq!(console.deck()["end_time"], "11:30");
}

#[test]
fn two_hundred_open_event_streams_leave_the_console_answering() {
    use std::io::{Read, Write};
    let dir = deck(THREE);
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    console.deck();
    let mut streams = Vec::new();
    for _ in 0..200 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", console.port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        write!(
            s,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            console.port
        )
        .unwrap();
        // Each stream gets its first event before the next one opens (as
        // browsers arrive): tiny_http's connection threads then never race.
        let mut first = [0u8; 64];
        let n = s.read(&mut first).unwrap();
        assert!(String::from_utf8_lossy(&first[..n]).contains("200 OK"));
        streams.push(s);
    }
    // With all 200 open, the console still answers, and a move reaches a
    // stream.
    assert_eq!(console.get("/deck.json").status, 200);
    assert_eq!(console.control("go=next").status, 200);
    let mut more = [0u8; 4096];
    let n = streams[199].read(&mut more).unwrap();
    assert!(String::from_utf8_lossy(&more[..n]).contains("data:"));
}

#[test]
fn the_console_knows_the_plan_and_saves_the_actual_times() {
    let dir = deck(
        "title: Plan\nlang: en\nslot: 20\nsections:\n  - title: Part one\n    minutes: 9\n    slides:\n      - title: Alpha\n        text: a\n        notes: one two three four five six seven\n      - title: Beta\n        text: b\n        pause: 2\n",
    );
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    let deck = console.deck();
    // Alpha: 7 words at 140 a minute (3 s); Beta starts 3 s in, and its
    // 20 s floor plus a 2-minute pause make the section's estimate.
    let pages = deck["pages"].as_array().unwrap();
    let plan = |title: &str| {
        pages
            .iter()
            .find(|p| p["title"] == title)
            .map(|p| p["plan_ms"].as_u64().unwrap())
            .unwrap()
    };
    assert_eq!(plan("Alpha"), 0);
    assert_eq!(plan("Beta"), 3000);
    let estimate = deck["sections"][0]["estimate"].as_f64().unwrap();
    assert!(
        (estimate - (0.05 + 20.0 / 60.0 + 2.0)).abs() < 1e-9,
        "{estimate}"
    );
    // The actual times download as timing.json.
    console.control("go=next");
    let times = console.get("/timing.json").json();
    assert_eq!(times["sections"][0]["title"], "Part one");
    assert!(times["sections"][0]["minutes"].as_f64().is_some());
}
