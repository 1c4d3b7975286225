//! `lectern init`: a new lecture that shows every feature and builds as it is.

use std::path::{Path, PathBuf};

/// The outline file `init` writes.
pub const OUTLINE: &str = "lecture.yaml";

/// The outline: every slide kind, a chart from CSV, notes and reveal steps.
const TEMPLATE: &str = r#"# yaml-language-server: $schema=https://example.invalid/lectern.schema.json
# A new lecture. Build it with `lectern build lecture.yaml`; see README.md of
# lectern for every key. `lectern schema > lectern.schema.json` gives editors
# completion (point the first line above at that file).
title: My lecture
subtitle: What this lecture is about
short-title: My lecture
author: Your name
institution: Your course
lang: en
theme: academic          # or midnight, projector, metro, or a theme folder
slot: 45                 # minutes; the plan below is checked against it

sections:
  - title: Getting started
    slides:
      - title: Bullets, revealed one at a time
        reveal: items
        minutes: 3
        bullets:
          - Write **bold**, *emphasis*, `code` and [links](https://typst.app)
          - Mark a {{key term}} for the gap-fill handout (--handout-kind gaps)
          - - A nested list holds the sub-points of the bullet before it
          - 'Everything else prints exactly as typed: # $ < @ \ [ ]'
          - 中文也可以直接写
        notes: |
          Speaker notes go to the .pdfpc file for the presenter console,
          and to the one-slide-per-page handout.

      - title: Two columns
        columns:
          - bullets: [left, column]
          - quote: Simplicity is prerequisite for reliability.
            by: Edsger W. Dijkstra
        notes: Columns hold any content, charts included.

      - title: An image with a caption
        image: diagram.png
        caption: The caption is also the image's alt text

  - title: Data
    slides:
      - title: A chart from a CSV file
        chart:
          kind: line
          unit: "%"
          data: data.csv
          source: Your source here
        notes: Edit data.csv and rebuild; `lectern watch` does it on every save.

      - title: A timeline
        chart:
          kind: timeline
          categories: { plan: Planning, work: Work }
          eras:
            - { from: 2024, to: 2025, label: Pilot }
          events:
            - { date: 2023-09, label: Idea, category: plan }
            - { date: 2024-03-15, label: First prototype, category: work }
            - { date: 2025, label: Pilot ends, category: work }
            - { date: 2026-06, label: Release, category: plan }
          source: Project records

  - title: Code and tables
    slides:
      - title: Code, one step per highlight
        code:
          lang: python
          numbers: true
          src: |
            def mean(values):
                total = sum(values)
                return total / len(values)

            print(mean([3, 5, 7]))   # 5.0
          highlight: ["1", "2-3", "5", all]
          caption: Each highlight entry is a reveal step
        notes: The lit lines change from page to page; the rest is dimmed.

      - title: Code from a file
        code: { file: hello.go, lines: "3-7" }

      - title: A table
        table:
          header: ["", Version 1, Version 2]
          rows:
            - [Release, "2024-03", "2025-06"]
            - [Users, "1,200", "~3,400"]
            - [Cost per user, "$0.80", "**$0.50**"]
          reveal: rows
          source: Project records

      - title: A table from a CSV file
        table: { data: data.csv }

      - title: A derivation, one line per step
        reveal: items
        math:
          - 'W &= \frac{L}{\lambda}'
          - '&= \frac{1}{\mu - \lambda}'
        notes: LaTeX in, Typst math out; each line is a step.

      - title: Inline math
        text: 'Little''s law, \(L = \lambda W\), holds for any stable queue; a $ stays a dollar.'

      - title: A flowchart, one node per step
        diagram:
          direction: right
          nodes:
            - { id: user, label: Browser, shape: round }
            - { id: lb, label: Load balancer }
            - { id: app, label: App server }
            - { id: db, label: Database, shape: cylinder }
          edges:
            - "user -> lb: HTTPS"
            - "lb -> app"
            - "app -> db: SQL"
          groups:
            - { label: Data centre, nodes: [lb, app, db] }
          reveal: nodes

      - title: The same kind of picture, pasted from Mermaid
        diagram:
          mermaid: |
            sequenceDiagram
              participant B as Browser
              participant S as Server
              B->>S: GET /slides
              S-->>B: 200 OK
              Note over B,S: one round trip

      - title: Raw Typst, when nothing else will do
        typst: |
          // Raw Typst is yours to make accessible: a formula's alt text.
          #align(center, text(32pt, math.equation(block: true, alt: "e to the i pi, plus 1, equals 0", $e^(i pi) + 1 = 0$)))

  - title: Composing slides
    slides:
      - title: Blocks stack top to bottom
        text: A slide may hold several blocks, drawn in the order written.
        code: { src: "let total = values.sum();", lang: rust }
        bullets: [Each block takes the height it needs, A picture takes the rest]

      - title: Steps on any block
        body:
          - numbered: [First, Second, Third]
            reveal: items
          - box: { kind: note, text: "Shown from step 4: `step: 4`." }
            step: 4
        notes: A block hidden by `step` keeps its space; `only` swaps blocks in place.

      - title: Markdown, as in Marp, Slidev or Quarto
        markdown: |
          A `markdown:` block becomes the same blocks, with $\lambda$ math:

          ```python {1|2}
          queue = []
          queue.append(job)
          ```

          . . .

          - `. . .` starts the next step
          - a comment becomes a speaker note

          <!-- HTML comments are speaker notes, as in Marp. -->

      - title: A theorem, sized columns
        columns:
          - width: 2
            body:
              - box:
                  kind: theorem
                  title: Little's law
                  number: true
                  body:
                    - math: 'L = \lambda W'
              - text: Holds for any stable queue.
                size: small
          - width: 1
            valign: middle
            heading: Why it matters
            bullets: [Capacity planning, Queue sizing]

closing:
  - title: Questions?
    text: Thank you.
"#;

/// Further files the scaffold's slides read (name, text).
const EXTRA: &[(&str, &str)] = &[(
    "hello.go",
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"Hello, 世界\")\n}\n",
)];

/// The CSV file the line chart reads.
const DATA: &str = "year,Adoption,Satisfaction\n2022,20,55\n2023,35,61\n2024,52,66\n2025,68,72\n";

/// Creates the lecture. Refuses, naming them, when any file it would
/// write already exists, unless `force` is set.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    let image = diagram().map_err(|e| format!("cannot draw the sample image ({e})"))?;
    let mut files = vec![
        (OUTLINE, TEMPLATE.as_bytes().to_vec()),
        ("data.csv", DATA.as_bytes().to_vec()),
        ("diagram.png", image),
    ];
    files.extend(EXTRA.iter().map(|(n, b)| (*n, b.as_bytes().to_vec())));
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !force {
        return Err(format!(
            "{} already exist{}; choose another folder, or pass --force to overwrite {}",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" },
            if existing.len() == 1 { "it" } else { "them" },
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {} ({e})", dir.display()))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        crate::export::write_atomic(&path, &bytes)
            .map_err(|e| format!("cannot write {} ({e})", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Draws a small sample diagram (three boxes) as PNG.
fn diagram() -> Result<Vec<u8>, image::ImageError> {
    let colours = [[31, 78, 140], [194, 65, 12], [15, 118, 110]];
    let img = image::RgbImage::from_fn(600, 240, |x, y| {
        let i = (x / 200) as usize;
        let inside = x % 200 > 20 && x % 200 < 180 && y > 40 && y < 200;
        image::Rgb(if inside { colours[i] } else { [246, 247, 249] })
    });
    let mut bytes = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )?;
    Ok(bytes)
}
