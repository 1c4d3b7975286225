//! The `--html` deck in a real browser, opened from a file:// address:
//! keys move it, the number follows, and the browser's find reaches a word
//! on a later slide.

use std::time::Duration;

use crate::cdp::Browser;
use crate::util::*;

#[test]
fn the_html_deck_moves_with_keys_and_find_reaches_a_later_slide() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &["--html"]);
    let mut browser = Browser::launch();
    let url = format!("file://{}", dir.path().join("deck.html").display());
    let tab = browser.open(&url);
    let wait = Duration::from_secs(10);
    let number = "document.getElementById('number').textContent";
    browser.wait(
        &tab,
        "the first slide",
        &format!("{number}.startsWith('1 / ')"),
        wait,
    );
    for _ in 0..3 {
        browser.key(&tab, "ArrowRight", 39);
    }
    browser.wait(
        &tab,
        "slide 4 after three presses",
        &format!("{number}.startsWith('4 / ')"),
        wait,
    );
    browser.eval(&tab, "window.find('dockershim')");
    browser.wait(
        &tab,
        "the slide that holds the word",
        &format!("slides[current].contains(getSelection().anchorNode) && current > 3 && !{number}.startsWith('4 / ')"),
        wait,
    );
}

#[test]
fn the_html_deck_opens_at_a_deep_link_to_a_page_or_a_step_and_follows_a_swipe() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    build_chapter(&pdf, &["--html"]);
    let mut browser = Browser::launch();
    let file = format!("file://{}", dir.path().join("deck.html").display());
    let wait = Duration::from_secs(10);
    let number = "document.getElementById('number').textContent";

    // `#12`: page 12, as the PDF labels it.
    let tab = browser.open(&format!("{file}#12"));
    browser.wait(
        &tab,
        "page 12",
        &format!("{number}.startsWith('12 / ')"),
        wait,
    );
    assert_eq!(
        browser.eval(&tab, "slides[current].dataset.label"),
        serde_json::json!("12")
    );

    // `#L.2`: the second step of the first slide with steps.
    let stepped = browser.eval(
        &tab,
        "slides.find((s, i) => slides[i + 1] && slides[i + 1].dataset.label === s.dataset.label).dataset.label",
    );
    let label = stepped.as_str().expect("a slide with steps").to_string();
    let tab = browser.open(&format!("{file}#{label}.2"));
    browser.wait(
        &tab,
        "its second step",
        &format!(
            "current === slides.findIndex(s => s.dataset.label === '{label}') + 1 && location.hash === '#{label}.2'"
        ),
        wait,
    );

    // A swipe to the left shows the next page.
    let before = browser.eval(&tab, "current").as_u64().unwrap();
    for (kind, points) in [
        ("touchStart", serde_json::json!([{ "x": 700, "y": 300 }])),
        ("touchMove", serde_json::json!([{ "x": 450, "y": 300 }])),
        ("touchEnd", serde_json::json!([])),
    ] {
        browser.call(
            Some(&tab),
            "Input.dispatchTouchEvent",
            serde_json::json!({ "type": kind, "touchPoints": points }),
        );
    }
    browser.wait(
        &tab,
        "the next page after a swipe",
        &format!("current === {}", before + 1),
        wait,
    );
}
