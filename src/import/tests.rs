use super::lists;
use super::report::Report;
use super::source::{self, Dialect, Line};
use super::yaml::title_markup;

/// Numbered lines of a text.
fn lines(text: &str) -> Vec<Line> {
    source::lines(text)
}

#[test]
fn the_dialect_comes_from_front_matter_extension_and_syntax() {
    let mut report = Report::default();
    let marp = lines("---\nmarp: true\n---\n# A\n");
    let (front, _) = source::front_matter(&marp, &mut report);
    assert_eq!(source::dialect("md", front.as_ref(), &marp), Dialect::Marp);
    let quarto = lines("---\nformat:\n  revealjs:\n    theme: dark\n---\n## A\n");
    let (front, _) = source::front_matter(&quarto, &mut report);
    assert_eq!(
        source::dialect("md", front.as_ref(), &quarto),
        Dialect::Quarto
    );
    assert_eq!(source::dialect("qmd", None, &[]), Dialect::Quarto);
    let slidev = lines("# A\n---\nlayout: two-cols\n---\nx\n::right::\ny\n");
    assert_eq!(source::dialect("md", None, &slidev), Dialect::Slidev);
    assert_eq!(
        source::dialect("md", None, &lines("# A\n## B\n")),
        Dialect::Pandoc
    );
    // Front matter that is not a mapping is a finding, and skipped.
    let (front, start) = source::front_matter(&lines("---\n- a\n---\nbody\n"), &mut report);
    assert!(front.is_none() && start == 3);
    assert_eq!(report.findings.last().map(|f| f.kind), Some("front matter"));
}

#[test]
fn slidev_slides_carry_their_own_settings_and_comments_do_not_split() {
    let deck = lines(
        "# One\n---\nlayout: center\nclass: big\n---\n# Two\n<!--\n---\n-->\n---\n### → a: [b](http://c)\n",
    );
    let slides = source::split_rules(&deck, true);
    assert_eq!(slides.len(), 3, "{slides:?}");
    assert_eq!(slides[1].front.get("layout"), Some("center"));
    // A heading with a colon is a slide, not settings.
    assert!(slides[2].front.values.is_empty());
}

#[test]
fn quarto_headings_inside_divs_are_not_slides() {
    let deck = lines("# Part\n\n## A\n\n::: {.panel-tabset}\n## Tab\n:::\n\n## B\n");
    let slides = source::split_headings(&deck);
    let titles: Vec<String> = slides
        .iter()
        .map(|s| {
            s.title
                .as_ref()
                .or(s.section.as_ref())
                .map_or(String::new(), |l| l.text.clone())
        })
        .collect();
    assert_eq!(titles, ["# Part", "## A", "## B"]);
}

#[test]
fn titles_read_dollar_math_as_lecterns_inline_math() {
    assert_eq!(
        title_markup("The $\\beta$ estimator"),
        "The \\(\\beta\\) estimator"
    );
    assert_eq!(title_markup("Costs \\$5"), "Costs $5");
}

#[test]
fn deep_lists_move_up_to_the_third_level() {
    let mut l = lines("- a\n  - b\n    - c\n      - d\n        more of d\n- e\n");
    let mut report = Report::default();
    lists::flatten(&mut l, &mut report);
    let text: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        text,
        [
            "- a",
            "  - b",
            "    - c",
            "    - d",
            "      more of d",
            "- e"
        ]
    );
    assert_eq!(report.findings.len(), 1);
}
