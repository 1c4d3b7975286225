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
