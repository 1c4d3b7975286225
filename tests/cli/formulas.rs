//! The corpus of real formulas (`tests/fixtures/math/real.txt`), copied
//! from public lecture decks and course notes with their sources and
//! licences: at least 99% build, none printing LaTeX as written, and any
//! refused one refused at its line with a hint.

use crate::util::*;

/// A formula of the corpus: whether it is displayed, and its LaTeX.
fn real() -> Vec<(bool, String)> {
    std::fs::read_to_string(root().join("tests/fixtures/math/real.txt"))
        .expect("real.txt")
        .lines()
        .filter_map(|l| {
            l.strip_prefix("$$ ")
                .map(|f| (true, f.to_string()))
                .or_else(|| l.strip_prefix("$ ").map(|f| (false, f.to_string())))
        })
        .collect()
}

/// One slide per formula: a `math:` block, or inline math in a sentence.
fn corpus_deck(formulas: &[(bool, String)]) -> String {
    let mut yaml = String::from("title: Real\nlang: en\nsections:\n  - title: Math\n    slides:\n");
    for (i, (display, f)) in formulas.iter().enumerate() {
        let f = f.replace('\'', "''");
        if *display {
            yaml.push_str(&format!("      - title: F{i}\n        math: '{f}'\n"));
        } else {
            yaml.push_str(&format!(
                "      - title: F{i}\n        text: 'In text \\({f}\\) here.'\n"
            ));
        }
    }
    yaml
}

#[test]
fn real_formulas_from_lecture_decks_build() {
    let formulas = real();
    assert!(formulas.len() >= 300, "{} formulas", formulas.len());
    let dir = deck(&corpus_deck(&formulas));
    let out = lectern()
        .current_dir(dir.path())
        .args(["build", "deck.yaml"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("lectern runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Refused formulas: each error at its slide's line (slide i's formula
    // is on line 7 + 2i), with a hint.
    let mut refused: Vec<usize> = stderr
        .split("\nerror")
        .skip(usize::from(!stderr.starts_with("error")))
        .filter_map(|d| {
            let at = d.find("deck.yaml:")? + 10;
            d[at..].split(':').next()?.parse::<usize>().ok()
        })
        .filter(|line| *line >= 7)
        .map(|line| (line - 7) / 2)
        .collect();
    refused.sort_unstable();
    refused.dedup();
    let errors = stderr.matches("error:").count();
    assert_eq!(
        errors,
        stderr.matches("= hint:").count().min(errors),
        "{stderr}"
    );
    let built = formulas.len() - refused.len();
    eprintln!(
        "real formulas: {built} of {} build ({:.1}%); refused: {refused:?}",
        formulas.len(),
        100.0 * built as f64 / formulas.len() as f64
    );
    assert!(built * 100 >= formulas.len() * 99, "{stderr}");
    // Tall derivations are set smaller to fit their slide, never cut off.
    assert!(!stderr.contains("does not fit"), "{stderr}");
    // The rest build, and no LaTeX is printed as written.
    let kept: Vec<(bool, String)> = formulas
        .iter()
        .enumerate()
        .filter(|(i, _)| !refused.contains(i))
        .map(|(_, f)| f.clone())
        .collect();
    let dir = deck(&corpus_deck(&kept));
    build_in(dir.path(), &["deck.yaml"]).success();
    let text = pdf_text(&dir.path().join("deck.pdf"));
    let literal = text
        .match_indices('\\')
        .filter(|(at, _)| text[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '('))
        .map(|(at, _)| &text[at..(at + 20).min(text.len())])
        .collect::<Vec<_>>();
    assert!(literal.is_empty(), "LaTeX printed as written: {literal:?}");
    for word in ["begin{", "\\frac", "mathbf", "operatorname"] {
        assert!(!text.contains(word), "{word} printed");
    }
}
