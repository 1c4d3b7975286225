//! A World that borrows the deck's World and lays other files over it.
//!
//! The paper variants of the deck (print colours, blanked key terms) and the
//! documents lectern makes from the deck (handouts, the answer key, the
//! overview) are compiled through an [`Overlay`]: the deck's World is never
//! changed and restored, so what the deck's build read stays exactly as it
//! was recorded, and Typst's caches are shared.

use std::collections::HashMap;

use typst::diag::FileResult;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use super::{LecternWorld, file_id};

/// The deck's World with some sources replaced or added, another main file,
/// and in-memory files (such as the deck's PDF, placed by a handout).
pub struct Overlay<'a> {
    /// The World underneath.
    base: &'a LecternWorld,
    /// The main file of this compilation.
    main: FileId,
    /// Sources laid over the base's.
    sources: HashMap<FileId, Source>,
    /// Binary files laid over the base's.
    bytes: HashMap<FileId, Bytes>,
}

impl<'a> Overlay<'a> {
    /// The base World as it is, with its own main file.
    pub fn new(base: &'a LecternWorld) -> Self {
        Self {
            base,
            main: base.main(),
            sources: HashMap::new(),
            bytes: HashMap::new(),
        }
    }

    /// Lays a source over the base (a generated file with other text).
    pub fn source(mut self, path: &str, text: String) -> Self {
        let id = file_id(path);
        // An unchanged source keeps its identity: Typst reuses its work.
        let source = match self.base.generated(id) {
            Some(old) if old.text() == text => old.clone(),
            Some(old) => {
                let mut new = old.clone();
                new.replace(&text);
                new
            }
            None => Source::new(id, text),
        };
        self.sources.insert(id, source);
        self
    }

    /// Lays a source over the base and makes it the main file.
    pub fn main(mut self, path: &str, text: String) -> Self {
        self = self.source(path, text);
        self.main = file_id(path);
        self
    }

    /// Adds an in-memory binary file.
    pub fn bytes(mut self, path: &str, bytes: Vec<u8>) -> Self {
        self.bytes.insert(file_id(path), Bytes::new(bytes));
        self
    }
}

impl World for Overlay<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.base.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.base.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None => self.base.source(id),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        match self.bytes.get(&id) {
            Some(bytes) => Ok(bytes.clone()),
            None => self.base.file(id),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        self.base.today(offset)
    }
}
