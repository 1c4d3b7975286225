//! `lectern present` in a real browser (Debian's chromium, headless, driven
//! over the DevTools protocol): the presenter console and the audience view
//! follow one state, keys advance step by step, edits reach the audience in
//! place, and a broken edit shows on the presenter console only.
//! Screenshots of both views are written to `target/present-screenshots/`.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;

use crate::cdp::Browser;
use crate::console::Console;
use crate::util::*;

/// Two sections; slide 1 (the title) has opening notes; "Steps" reveals
/// its bullets one by one.
const DECK: &str = "title: 浏览器里的讲台
subtitle: lectern present
lang: zh
slot: 45
notes: |
  开场：先问大家**用过**哪些编排工具。
  然后说明今天的三条主线。
sections:
  - title: 第一部分
    minutes: 10
    slides:
      - title: Steps
        reveal: items
        bullets: [第一步, 第二步, 第三步]
        notes: 一条一条地揭示。
      - title: 要点
        bullets:
          - 调度器决定容器放在哪台机器上
        notes: 这里停一下，提问。
  - title: 第二部分
    minutes: 5
    slides:
      - title: 收尾
        text: 谢谢。
";

/// Where screenshots go.
fn shots() -> PathBuf {
    let dir = root().join("target/present-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// The audience view's accessible text layer.
const AUDIENCE_TEXT: &str = "document.getElementById('text').textContent";

#[test]
fn the_console_and_the_audience_follow_keys_edits_and_broken_edits() {
    let dir = deck(DECK);
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    let deck = console.deck();
    let base = format!("http://127.0.0.1:{}", console.port);
    let mut browser = Browser::launch();
    let presenter = browser.open(&format!("{base}/presenter"));
    let audience = browser.open(&format!("{base}/"));
    let wait = Duration::from_secs(10);

    // Slide 1, the next slide, and slide 1's notes.
    let page = |i: usize| deck["pages"][i]["svg"].as_str().unwrap().to_string();
    browser.wait(
        &presenter,
        "slide 1",
        &format!(
            "document.getElementById('current').getAttribute('src') === '{}'",
            page(0)
        ),
        wait,
    );
    browser.wait(
        &presenter,
        "the next slide",
        &format!(
            "document.getElementById('next').getAttribute('src') === '{}'",
            page(1)
        ),
        wait,
    );
    browser.wait(
        &presenter,
        "slide 1's notes",
        "document.getElementById('notes').innerText.includes('然后说明今天的三条主线')",
        wait,
    );
    assert_eq!(
        browser.eval(&presenter, "document.querySelectorAll('#notes p').length"),
        json!(2),
        "the notes keep their paragraphs"
    );
    assert_eq!(
        browser.eval(
            &presenter,
            "document.querySelector('#notes strong').textContent"
        ),
        json!("用过")
    );
    browser.wait(
        &audience,
        "the audience on slide 1",
        &format!("{AUDIENCE_TEXT}.includes('浏览器里的讲台')"),
        wait,
    );
    std::fs::write(
        shots().join("presenter-slide-1.png"),
        browser.screenshot(&presenter),
    )
    .unwrap();

    // The clicker: → on the presenter moves both views, page by page.
    let steps: Vec<usize> = deck["pages"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, p)| p["title"] == "Steps")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(steps.len(), 3, "three reveal steps, three pages");
    browser.key(&presenter, "ArrowRight", 39); // agenda
    browser.wait(
        &audience,
        "the audience to follow to page 2",
        &format!(
            "document.getElementById('current').getAttribute('src') === '{}'",
            page(1)
        ),
        wait,
    );
    browser.key(&presenter, "ArrowRight", 39); // section divider
    browser.key(&presenter, "ArrowRight", 39); // Steps, step 1
    browser.wait(
        &audience,
        "step 1",
        &format!("{AUDIENCE_TEXT}.includes('第一步') && !{AUDIENCE_TEXT}.includes('第二步')"),
        wait,
    );
    let label = deck["pages"][steps[0]]["label"]
        .as_str()
        .unwrap()
        .to_string();
    browser.wait(
        &presenter,
        "the address to keep the place",
        &format!("location.hash === '#{label}.1'"),
        wait,
    );
    browser.key(&presenter, "ArrowRight", 39);
    browser.wait(
        &audience,
        "step 2",
        &format!("{AUDIENCE_TEXT}.includes('第二步') && !{AUDIENCE_TEXT}.includes('第三步')"),
        wait,
    );
    browser.key(&presenter, " ", 32);
    browser.wait(
        &audience,
        "step 3",
        &format!("{AUDIENCE_TEXT}.includes('第三步')"),
        wait,
    );
    assert_eq!(
        console.get("/state.json").json()["position"],
        json!(steps[2])
    );
    browser.key(&presenter, "PageDown", 34); // 要点
    browser.wait(
        &audience,
        "the 要点 slide",
        &format!("{AUDIENCE_TEXT}.includes('调度器')"),
        wait,
    );
    browser.wait(
        &presenter,
        "the section's time plan",
        "document.getElementById('section').textContent.startsWith('第 1 部分：已用 0/10 分钟')",
        wait,
    );
    std::fs::write(
        shots().join("presenter-steps.png"),
        browser.screenshot(&presenter),
    )
    .unwrap();
    std::fs::write(shots().join("audience.png"), browser.screenshot(&audience)).unwrap();

    // An edit to the bullet reaches the audience, on the same slide. (How
    // fast: `save_to_screen_on_the_chapter_deck_is_measured`.)
    let outline = dir.path().join("deck.yaml");
    let edited = DECK.replace("调度器决定容器放在哪台机器上", "调度器把容器派到合适的节点");
    std::fs::write(&outline, &edited).unwrap();
    browser.wait(
        &audience,
        "the edit",
        &format!("{AUDIENCE_TEXT}.includes('合适的节点')"),
        wait,
    );
    let state = console.get("/state.json").json();
    let deck = console.get("/deck.json").json();
    assert_eq!(
        deck["pages"][state["position"].as_u64().unwrap() as usize]["title"],
        "要点"
    );

    // A broken edit: an overlay on the presenter console, nothing for the audience.
    std::fs::write(
        &outline,
        edited.replace("  - title: 第二部分", "  - title: [第二部分"),
    )
    .unwrap();
    browser.wait(&presenter, "the error overlay",
        "!document.getElementById('error').hidden && document.getElementById('error-text').textContent.includes('deck.yaml:')",
        wait);
    std::fs::write(
        shots().join("presenter-error.png"),
        browser.screenshot(&presenter),
    )
    .unwrap();
    assert_eq!(
        browser.eval(&audience, "document.getElementById('error') === null"),
        json!(true),
        "the audience view has no error overlay"
    );
    assert_eq!(
        browser.eval(
            &audience,
            &format!("{AUDIENCE_TEXT}.includes('合适的节点')")
        ),
        json!(true)
    );

    // Reloading keeps the place: the address names the slide.
    let hash = browser.eval(&presenter, "location.hash");
    browser.eval(&presenter, "location.reload(), true");
    browser.wait(&presenter, "the reloaded console", &format!(
        "location.hash === {hash} && document.getElementById('notes').innerText.includes('提问')"), wait);
}

#[test]
fn the_audience_keys_blank_the_screen_and_goto_jumps_by_label() {
    let dir = deck(DECK);
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    let deck = console.deck();
    let base = format!("http://127.0.0.1:{}", console.port);
    let mut browser = Browser::launch();
    let wait = Duration::from_secs(10);
    // An address with #label opens that slide.
    let last = deck["pages"].as_array().unwrap().last().unwrap()["label"]
        .as_str()
        .unwrap()
        .to_string();
    let audience = browser.open(&format!("{base}/#{last}"));
    browser.wait(
        &audience,
        "the slide named in the address",
        &format!("{AUDIENCE_TEXT}.includes('谢谢')"),
        wait,
    );
    browser.key(&audience, "b", 66);
    browser.wait(
        &audience,
        "black",
        "document.getElementById('blank').className === 'black'",
        wait,
    );
    browser.key(&audience, "w", 87);
    browser.wait(
        &audience,
        "white",
        "document.getElementById('blank').className === 'white'",
        wait,
    );
    browser.key(&audience, "w", 87);
    browser.wait(
        &audience,
        "the slide again",
        "document.getElementById('blank').className === ''",
        wait,
    );
    // g, a label, Enter on the presenter console.
    let presenter = browser.open(&format!("{base}/presenter"));
    browser.wait(
        &presenter,
        "the console",
        "document.getElementById('current').getAttribute('src')",
        wait,
    );
    browser.key(&presenter, "g", 71);
    browser.key(&presenter, "2", 50);
    browser.key(&presenter, "Enter", 13);
    browser.wait(
        &audience,
        "page 2",
        &format!(
            "document.getElementById('current').getAttribute('src') === '{}'",
            deck["pages"][1]["svg"].as_str().unwrap()
        ),
        wait,
    );
    // The overview grid shows one thumbnail per slide.
    browser.key(&presenter, "o", 79);
    let labels: std::collections::BTreeSet<&str> = deck["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        browser.eval(
            &presenter,
            "document.querySelectorAll('#overview:not([hidden]) button').length"
        ),
        json!(labels.len())
    );
    std::fs::write(
        shots().join("presenter-overview.png"),
        browser.screenshot(&presenter),
    )
    .unwrap();
    browser.key(&presenter, "Escape", 27);

    // Home and End; the clock, the time left, the section plan.
    browser.key(&presenter, "End", 35);
    browser.wait(
        &audience,
        "the last page",
        &format!("{AUDIENCE_TEXT}.includes('谢谢')"),
        wait,
    );
    browser.key(&presenter, "Home", 36);
    browser.wait(
        &audience,
        "the first page",
        &format!("{AUDIENCE_TEXT}.includes('浏览器里的讲台')"),
        wait,
    );
    browser.key(&presenter, "g", 71);
    for (key, code) in [("4", 52), ("Enter", 13)] {
        browser.key(&presenter, key, code);
    }
    browser.wait(
        &presenter,
        "the section's slides, this one marked",
        "document.querySelector('#plan li.here').textContent.endsWith('Steps')",
        wait,
    );
    browser.wait(
        &presenter,
        "the wall clock",
        r"/^\d\d:\d\d$/.test(document.getElementById('clock').textContent)",
        wait,
    );
    browser.wait(
        &presenter,
        "the time left of the 45-minute slot",
        r"/^4[45]:\d\d$/.test(document.getElementById('remaining').textContent)",
        wait,
    );
    browser.key(&presenter, "p", 80);
    browser.wait(
        &presenter,
        "the paused clock",
        "document.getElementById('elapsed').classList.contains('paused')",
        wait,
    );
    assert_eq!(console.get("/state.json").json()["running"], json!(false));
    // Notes size.
    let size = "parseFloat(getComputedStyle(document.getElementById('notes')).fontSize)";
    let before = browser.eval(&presenter, size).as_f64().unwrap();
    browser.key(&presenter, "+", 187);
    let after = browser.eval(&presenter, size).as_f64().unwrap();
    assert!(after > before, "{before} → {after}");
    browser.key(&presenter, "-", 189);
    browser.key(&presenter, "-", 189);
    let smaller = browser.eval(&presenter, size).as_f64().unwrap();
    assert!(smaller < after, "{after} → {smaller}");

    // The clicker's back keys: ← and PageUp go back, PageDown forward.
    let position = || {
        console.get("/state.json").json()["position"]
            .as_u64()
            .unwrap()
    };
    let start = position();
    for (key, code, to) in [
        ("PageDown", 34, start + 1),
        ("ArrowLeft", 37, start),
        ("PageDown", 34, start + 1),
        ("PageUp", 33, start),
    ] {
        browser.key(&presenter, key, code);
        let deadline = std::time::Instant::now() + wait;
        while position() != to {
            assert!(std::time::Instant::now() < deadline, "{key}: not at {to}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    // An address with `#label.step` opens that step of that slide.
    let (index, label) = deck["pages"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, p)| p["step"] == json!(1))
        .map(|(i, p)| (i, p["label"].as_str().unwrap().to_string()))
        .expect("a slide with reveal steps");
    let opened = browser.open(&format!("{base}/presenter#{label}.2"));
    browser.wait(
        &opened,
        "the second step of the slide named in the address",
        &format!(
            "document.getElementById('current').getAttribute('src') === '{}'",
            deck["pages"][index]["svg"].as_str().unwrap()
        ),
        wait,
    );
    assert_eq!(position(), index as u64);

    // Full screen on the projector.
    browser.call(Some(&audience), "Page.bringToFront", json!({}));
    browser.key(&audience, "f", 70);
    browser.wait(
        &audience,
        "full screen",
        "document.fullscreenElement !== null",
        wait,
    );

    // The phone remote's big button moves everyone.
    let remote = browser.open(&format!("{base}/remote"));
    browser.wait(
        &remote,
        "the remote's notes",
        "document.getElementById('notes').innerText.includes('一条一条')",
        wait,
    );
    let position = console.get("/state.json").json()["position"]
        .as_u64()
        .unwrap();
    browser.eval(&remote, "document.getElementById('nextb').click(), true");
    browser.wait(
        &audience,
        "the audience after the remote's tap",
        &format!(
            "document.getElementById('current').getAttribute('src') === '{}'",
            deck["pages"][position as usize + 1]["svg"]
                .as_str()
                .unwrap()
        ),
        wait,
    );
    // Its other big button goes back; its timer runs with the console's.
    browser.eval(&remote, "document.getElementById('prev').click(), true");
    browser.wait(
        &audience,
        "the audience after the remote's back tap",
        &format!(
            "document.getElementById('current').getAttribute('src') === '{}'",
            deck["pages"][position as usize]["svg"].as_str().unwrap()
        ),
        wait,
    );
    browser.wait(
        &remote,
        "the remote's timer",
        r"/^\d+:\d\d/.test(document.getElementById('elapsed').textContent)",
        wait,
    );
    std::fs::write(shots().join("remote.png"), browser.screenshot(&remote)).unwrap();
}

/// Arms the audience view to note when its slide image changes and the new
/// one is decoded (`window.lecternDecoded`), and notes now
/// (`window.lecternSaved`), both on the page's clock.
const ARM: &str = "(() => {
  const img = document.getElementById('current');
  const old = img.getAttribute('src');
  window.lecternDecoded = null;
  const watch = new MutationObserver(() => {
    if (img.getAttribute('src') === old) return;
    watch.disconnect();
    img.decode().then(() => { window.lecternDecoded = performance.now(); });
  });
  watch.observe(img, { attributes: true, attributeFilter: ['src'] });
  window.lecternSaved = performance.now();
  return true;
})()";

#[test]
fn save_to_screen_on_the_chapter_deck_is_measured() {
    // A measurement, not a timed test: it checks that every save reaches
    // the audience view as a new, decoded slide image, and prints how long
    // that took (save → image decoded, on the browser's clock) for
    // BENCHMARKS.md.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root.join("slides")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "csv") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let name = "container-orchestration-wars.yaml";
    let outline = dir.path().join(name);
    let original = std::fs::read_to_string(&outline).unwrap();
    let bullet = "每台虚拟机都要自带一整套操作系统";
    assert!(original.contains(bullet));
    let console = Console::start(dir.path(), name, &[]);
    let deck = console.deck();
    let page = deck["pages"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["text"].as_str().is_some_and(|t| t.contains(bullet)))
        .expect("the bullet's page");
    let mut browser = Browser::launch();
    let audience = browser.open(&format!("http://127.0.0.1:{}/", console.port));
    let wait = Duration::from_secs(20);
    console.control(&format!("go={page}"));
    browser.wait(
        &audience,
        "the bullet's slide",
        &format!("{AUDIENCE_TEXT}.includes('{bullet}')"),
        wait,
    );
    let mut samples: Vec<f64> = (1..=21)
        .map(|k| {
            browser.eval(&audience, ARM);
            // Saved as editors save: a new file renamed over the outline.
            let tmp = outline.with_extension("yaml.swp");
            std::fs::write(
                &tmp,
                original.replace(bullet, &format!("{bullet}（第 {k} 次）")),
            )
            .unwrap();
            std::fs::rename(&tmp, &outline).unwrap();
            browser.wait(
                &audience,
                "the new slide image",
                "window.lecternDecoded !== null",
                wait,
            );
            // The text layer spaces Latin digits apart from CJK: compare
            // without spaces.
            let text = browser.eval(&audience, AUDIENCE_TEXT);
            let compact: String = text
                .as_str()
                .unwrap_or_default()
                .split_whitespace()
                .collect();
            assert!(compact.contains(&format!("（第{k}次）")), "{text}");
            let took = browser.eval(&audience, "window.lecternDecoded - window.lecternSaved");
            // Saves come seconds apart while editing: let the last build
            // finish its PDF and other outputs (about 0.3 s) first.
            std::thread::sleep(Duration::from_millis(1000));
            took.as_f64().unwrap()
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    eprintln!(
        "save → audience image decoded, chapter deck: median {:.0} ms (min {:.0}, max {:.0}, n = {})",
        samples[samples.len() / 2],
        samples[0],
        samples[samples.len() - 1],
        samples.len()
    );
}

#[test]
fn the_console_says_how_far_ahead_or_behind_the_plan_the_lecture_is() {
    // A five-minute pause on slide A: slide B is planned to come up about
    // five minutes in.
    let dir = deck(
        "title: Pace\nlang: en\nopening:\n  - title: A\n    text: Discuss.\n    pause: 5\n  - title: B\n    text: Then this.\n  - title: C\n    text: End.\n",
    );
    let console = Console::start(dir.path(), "deck.yaml", &[]);
    let deck = console.deck();
    let b = deck["pages"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["title"] == "B")
        .unwrap();
    let mut browser = Browser::launch();
    let presenter = browser.open(&format!("http://127.0.0.1:{}/presenter", console.port));
    let wait = Duration::from_secs(10);
    // The first move starts the clock; the second reports it running.
    console.control("go=next");
    std::thread::sleep(Duration::from_millis(50));
    console.control(&format!("go={b}"));
    let pace = "document.getElementById('pace')";
    browser.wait(
        &presenter,
        "ahead of the plan on B",
        &format!("{pace}.textContent === '5 min ahead' && {pace}.className === 'ahead'"),
        wait,
    );
    // Twelve minutes later (the page's clock moved on), B is late.
    browser.eval(&presenter, "stateAt -= 12 * 60000");
    browser.wait(
        &presenter,
        "behind the plan on B",
        &format!("{pace}.textContent === '7 min behind' && {pace}.className === 'behind'"),
        wait,
    );
}
