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

      - title: Raw Typst, when nothing else will do
        typst: |
          #align(center, text(32pt)[$ e^(i pi) + 1 = 0 $])

closing:
  - title: Questions?
    text: Thank you.
"#;

/// The CSV file the line chart reads.
const DATA: &str = "year,Adoption,Satisfaction\n2022,20,55\n2023,35,61\n2024,52,66\n2025,68,72\n";

/// Creates the lecture; refuses to overwrite an existing outline.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let outline = dir.join(OUTLINE);
    if outline.exists() {
        return Err(format!(
            "{} already exists; choose another folder",
            outline.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {} ({e})", dir.display()))?;
    let image = diagram().map_err(|e| format!("cannot draw the sample image ({e})"))?;
    let files = [
        (OUTLINE, TEMPLATE.as_bytes().to_vec()),
        ("data.csv", DATA.as_bytes().to_vec()),
        ("diagram.png", image),
    ];
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
