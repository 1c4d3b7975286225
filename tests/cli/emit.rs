//! `--emit-typst` writes a self-contained Typst project, which compiles on its
//! own through the Typst library (with a plain World of this test's, not
//! lectern's) into the same number of pages as lectern's PDF.

use std::path::PathBuf;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::util::*;

/// The simplest World: files from one folder, Typst's fonts and lectern's.
struct DirWorld {
    /// The standard library.
    library: LazyHash<Library>,
    /// Font metadata.
    book: LazyHash<FontBook>,
    /// The fonts.
    fonts: Vec<Font>,
    /// The project root.
    root: PathBuf,
    /// `main.typ`.
    main: FileId,
}

impl DirWorld {
    fn new(root: PathBuf) -> Self {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|d| Font::iter(Bytes::new(d)))
            .collect();
        for face in ["LecternSansSC-Regular.otf", "LecternSansSC-Bold.otf"] {
            let data = std::fs::read(crate::util::root().join("fonts").join(face)).unwrap();
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        let main =
            RootedPath::new(VirtualRoot::Project, VirtualPath::new("/main.typ").unwrap()).intern();
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            root,
            main,
        }
    }
}

impl World for DirWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        let text =
            String::from_utf8(self.file(id)?.to_vec()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().realize(&self.root).map_err(FileError::Realize)?;
        std::fs::read(&path)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2026, 11, 27)
    }
}

#[test]
fn emitted_typst_compiles_on_its_own() {
    let dir = fixture("basic");
    build_in(dir.path(), &["outline.yaml", "--emit-typst"]).success();
    let project = dir.path().join("outline-typst");
    assert!(project.join("main.typ").exists() && project.join(".lectern/main.typ").exists());
    let world = DirWorld::new(project);
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| format!("{e:?}"))
        .expect("emitted Typst compiles");
    let (pages, _, _) = pdf_pages(&dir.path().join("outline.pdf"));
    assert_eq!(doc.pages().len(), pages);
}

#[test]
fn a_diagram_deck_emits_typst_that_compiles_and_exports_every_step_as_png() {
    let dir = deck(
        r#"title: D
lang: zh
sections:
  - title: S
    slides:
      - title: 控制平面
        diagram:
          nodes: [kubectl, { id: api, label: API Server }, { id: etcd, shape: cylinder }]
          edges: ["kubectl -> api: REST", "api -> etcd: 读写"]
          reveal: nodes
      - title: 一次部署
        diagram:
          mermaid: |
            sequenceDiagram
              kubectl->>API Server: 创建
              API Server-->>kubectl: 201
"#,
    );
    build_in(
        dir.path(),
        &["deck.yaml", "--emit-typst", "--png", "--dpi", "30"],
    )
    .success();
    let (pages, _, _) = pdf_pages(&dir.path().join("deck.pdf"));
    let world = DirWorld::new(dir.path().join("deck-typst"));
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| format!("{e:?}"))
        .expect("emitted Typst compiles");
    assert_eq!(doc.pages().len(), pages);
    // The diagrams are drawn in Typst: shapes and curves, not images.
    let units = std::fs::read_dir(dir.path().join("deck-typst/.lectern"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(units.contains("curve(") && units.contains("lectern-diagram"));
    // One PNG per page, the three reveal steps included.
    let pngs = std::fs::read_dir(dir.path().join("deck-png"))
        .unwrap()
        .count();
    assert_eq!(pngs, pages);
    assert!(pages >= 7, "{pages} pages");
}
