//! A PDF reader for the default suite, in Rust only (lopdf): pages and their
//! sizes, text through each font's ToUnicode map, fonts and whether they are
//! embedded, page labels, bookmarks, XMP metadata and image sizes.
//!
//! It reads the file lectern wrote, not lectern's in-memory document, and
//! shares no code with lectern. The system suite (`--features
//! system-tests`) checks the same files again with poppler and qpdf.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

#[path = "pdf/tags.rs"]
pub mod tags;

/// A parsed PDF.
pub struct Pdf {
    doc: Document,
}

/// One font of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PdfFont {
    /// The font's name, without a subset tag (`ABCDEF+`).
    pub name: String,
    /// Whether the font program is embedded.
    pub embedded: bool,
}

impl Pdf {
    /// Reads a PDF file; panics (failing the test) when it does not parse.
    #[track_caller]
    pub fn open(path: &Path) -> Self {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let doc = Document::load_mem(&bytes)
            .unwrap_or_else(|e| panic!("{} is not a valid PDF: {e}", path.display()));
        Self { doc }
    }

    /// The pages' object ids, in order.
    fn pages(&self) -> Vec<ObjectId> {
        self.doc.get_pages().into_values().collect()
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The size of a page (from 1) in points, from its MediaBox (inherited
    /// from the page tree if need be).
    pub fn page_size(&self, page: usize) -> (f64, f64) {
        let mut id = self.pages()[page - 1];
        loop {
            let dict = self.dict(id);
            if let Ok(b) = dict.get(b"MediaBox") {
                let b = self.resolve(b).as_array().expect("MediaBox array");
                let n: Vec<f64> = b.iter().map(|o| number(self.resolve(o))).collect();
                return (n[2] - n[0], n[3] - n[1]);
            }
            id = dict
                .get(b"Parent")
                .and_then(Object::as_reference)
                .expect("a MediaBox on the page or its parents");
        }
    }

    /// The text of every page, pages separated by form feeds.
    pub fn text(&self) -> String {
        (1..=self.page_count())
            .map(|p| self.page_text(p))
            .collect::<Vec<_>>()
            .join("\u{c}")
    }

    /// The text of one page (from 1), in content-stream order: a text object
    /// or a new line ends a line; a wide gap becomes a space.
    pub fn page_text(&self, page: usize) -> String {
        let id = self.pages()[page - 1];
        let content = self.doc.get_page_content(id).expect("page content");
        let resources = self.page_resources(id);
        let mut out = String::new();
        self.collect_text(&content, &resources, &mut out, &mut Vec::new(), 0);
        out
    }

    /// Every text run of a page (from 1) with where it starts: its text, x
    /// and y in points from the page's bottom left corner.
    pub fn runs(&self, page: usize) -> Vec<(String, f64, f64)> {
        let id = self.pages()[page - 1];
        let content = self.doc.get_page_content(id).expect("page content");
        let resources = self.page_resources(id);
        let mut runs = Vec::new();
        self.collect_text(&content, &resources, &mut String::new(), &mut runs, 0);
        runs
    }

    /// Where the first run holding `word` starts on a page: (x, y).
    pub fn position(&self, page: usize, word: &str) -> Option<(f64, f64)> {
        self.runs(page)
            .into_iter()
            .find(|(t, _, _)| t.contains(word))
            .map(|(_, x, y)| (x, y))
    }

    /// How many times a page's own content stream uses the operator `op`
    /// (`S` strokes a path, `re` adds a rectangle).
    pub fn operator_count(&self, page: usize, op: &str) -> usize {
        let id = self.pages()[page - 1];
        let content = self.doc.get_page_content(id).expect("page content");
        lopdf::content::Content::decode(&content)
            .expect("content stream")
            .operations
            .iter()
            .filter(|o| o.operator == op)
            .count()
    }

    /// A page's resources (inherited from the page tree if need be).
    fn page_resources(&self, mut id: ObjectId) -> Dictionary {
        loop {
            let dict = self.dict(id);
            if let Ok(r) = dict.get(b"Resources") {
                return self.resolve(r).as_dict().expect("Resources").clone();
            }
            match dict.get(b"Parent").and_then(Object::as_reference) {
                Ok(parent) => id = parent,
                Err(_) => return Dictionary::new(),
            }
        }
    }

    /// Decodes the text of a content stream, following form XObjects.
    fn collect_text(
        &self,
        content: &[u8],
        resources: &Dictionary,
        out: &mut String,
        runs: &mut Vec<(String, f64, f64)>,
        depth: u32,
    ) {
        let Ok(ops) = Content::decode(content) else {
            return;
        };
        let fonts = self.sub(resources, b"Font");
        let xobjects = self.sub(resources, b"XObject");
        let mut encoding: Option<ToUnicode> = None;
        // The current transformation matrix (with its q/Q stack) and the
        // text line origin: a run on a new baseline starts a new line.
        let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut stack = Vec::new();
        let mut line = (0.0, 0.0);
        let mut last_y: Option<f64> = None;
        // A new text object on the same baseline is a new word (Typst sets
        // words apart by position, not always by a space glyph).
        let mut new_run = false;
        let nums = |op: &lopdf::content::Operation| -> Vec<f64> {
            op.operands.iter().map(number).collect()
        };
        for op in &ops.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => {
                    if let [a, b, c, d, e, f] = nums(op)[..] {
                        ctm = multiply([a, b, c, d, e, f], ctm);
                    }
                }
                "BT" => {
                    line = (0.0, 0.0);
                    new_run = true;
                }
                "Tm" => {
                    if let [_, _, _, _, e, f] = nums(op)[..] {
                        line = (e, f);
                    }
                }
                "Td" | "TD" => {
                    if let [x, y] = nums(op)[..] {
                        line = (line.0 + x, line.1 + y);
                    }
                }
                "Tf" => encoding = self.font_encoding(op, &fonts),
                "Tj" | "'" | "\"" | "TJ" => {
                    let y = ctm[1] * line.0 + ctm[3] * line.1 + ctm[5];
                    let mut run = String::new();
                    if let Some(enc) = &encoding {
                        decode_operands(enc, &op.operands, &mut run);
                    }
                    if last_y.is_some_and(|last| (last - y).abs() > 1.0) {
                        newline(out);
                    } else if new_run
                        && !out.is_empty()
                        && !out.ends_with(char::is_whitespace)
                        && !run.starts_with(char::is_whitespace)
                    {
                        out.push(' ');
                    }
                    new_run = false;
                    last_y = Some(y);
                    let x = ctm[0] * line.0 + ctm[2] * line.1 + ctm[4];
                    out.push_str(&run);
                    runs.push((run, x, y));
                }
                "T*" => newline(out),
                "Do" if depth < 8 => {
                    if let Some((bytes, inner)) = self.form(op, &xobjects, resources) {
                        self.collect_text(&bytes, &inner, out, runs, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// The content and resources of the form XObject a `Do` operator
    /// paints (`None` for an image).
    fn form(
        &self,
        op: &lopdf::content::Operation,
        xobjects: &Dictionary,
        resources: &Dictionary,
    ) -> Option<(Vec<u8>, Dictionary)> {
        let name = op.operands.first()?.as_name().ok()?;
        let stream = self.resolve(xobjects.get(name).ok()?).as_stream().ok()?;
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return None;
        }
        let inner = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.resolve(r).as_dict().ok())
            .cloned()
            .unwrap_or_else(|| resources.clone());
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        Some((bytes, inner))
    }

    /// The ToUnicode map of the font a `Tf` operator selects from `fonts`.
    fn font_encoding(
        &self,
        op: &lopdf::content::Operation,
        fonts: &Dictionary,
    ) -> Option<ToUnicode> {
        let name = op.operands.first()?.as_name().ok()?;
        let font = self.resolve(fonts.get(name).ok()?).as_dict().ok()?;
        self.to_unicode(font)
    }

    /// A font's ToUnicode map.
    fn to_unicode(&self, font: &Dictionary) -> Option<ToUnicode> {
        let stream = self
            .resolve(font.get(b"ToUnicode").ok()?)
            .as_stream()
            .ok()?;
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        Some(ToUnicode::parse(&String::from_utf8_lossy(&bytes)))
    }

    /// Every font of the document, with its embedding, sorted and unique.
    pub fn fonts(&self) -> Vec<PdfFont> {
        let mut fonts: Vec<PdfFont> = self
            .doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
            .filter(|d| {
                d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice())
            })
            .map(|d| {
                let name = d
                    .get(b"BaseFont")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                let name = match name.split_once('+') {
                    Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
                    _ => name,
                };
                let embedded = d
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|fd| self.resolve(fd).as_dict().ok())
                    .is_some_and(|fd| {
                        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                            .iter()
                            .any(|k| fd.has(k))
                    });
                PdfFont { name, embedded }
            })
            .collect();
        fonts.sort();
        fonts.dedup();
        fonts
    }

    /// The page labels' start numbers, one per page (as pdfpc and qpdf see
    /// them): each page gets the `/St` of the label range it falls in.
    pub fn page_labels(&self) -> Vec<i64> {
        let catalog = self.doc.catalog().expect("catalog");
        let Ok(labels) = catalog.get(b"PageLabels") else {
            return Vec::new();
        };
        let mut ranges = BTreeMap::new();
        self.number_tree(self.resolve(labels), &mut ranges);
        let mut out = Vec::new();
        for page in 0..self.page_count() as i64 {
            let (start, dict) = ranges
                .range(..=page)
                .next_back()
                .expect("a label range covers every page");
            let st = dict
                .get(b"St")
                .ok()
                .map_or(1, |s| number(self.resolve(s)) as i64);
            out.push(st + (page - start));
        }
        out
    }

    /// Collects a number tree's entries.
    fn number_tree(&self, node: &Object, into: &mut BTreeMap<i64, Dictionary>) {
        let Ok(node) = node.as_dict() else { return };
        if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
            for pair in nums.chunks(2) {
                if let [k, v] = pair
                    && let Ok(dict) = self.resolve(v).as_dict()
                {
                    into.insert(number(self.resolve(k)) as i64, dict.clone());
                }
            }
        }
        if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
            for kid in kids {
                self.number_tree(self.resolve(kid), into);
            }
        }
    }

    /// The bookmark titles, depth first, with their depth (0 = top level).
    pub fn bookmarks(&self) -> Vec<(usize, String)> {
        let catalog = self.doc.catalog().expect("catalog");
        let mut out = Vec::new();
        if let Ok(root) = catalog.get(b"Outlines") {
            let root = self.resolve(root).as_dict().expect("outline root");
            if let Ok(first) = root.get(b"First") {
                self.outline_items(first, 0, &mut out);
            }
        }
        out
    }

    /// Walks a chain of outline items and their children.
    fn outline_items(&self, first: &Object, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = Some(first.clone());
        while let Some(item) = next {
            let dict = self.resolve(&item).as_dict().expect("outline item").clone();
            let title = dict
                .get(b"Title")
                .ok()
                .map(|t| text_string(self.resolve(t)))
                .unwrap_or_default();
            out.push((depth, title));
            if let Ok(child) = dict.get(b"First") {
                self.outline_items(child, depth + 1, out);
            }
            next = dict.get(b"Next").ok().cloned();
        }
    }

    /// The document's XMP metadata, as text.
    pub fn xmp(&self) -> String {
        let catalog = self.doc.catalog().expect("catalog");
        let stream = self
            .resolve(catalog.get(b"Metadata").expect("XMP metadata"))
            .as_stream()
            .expect("metadata stream");
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// A field of the document information dictionary (`Title`, `Author`).
    pub fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let value = self
            .resolve(info)
            .as_dict()
            .ok()?
            .get(key.as_bytes())
            .ok()?;
        Some(text_string(self.resolve(value)))
    }

    /// Whether the PDF is tagged (has a structure tree and says it is marked).
    pub fn is_tagged(&self) -> bool {
        let catalog = self.doc.catalog().expect("catalog");
        let marked = catalog
            .get(b"MarkInfo")
            .ok()
            .and_then(|m| self.resolve(m).as_dict().ok())
            .and_then(|m| m.get(b"Marked").ok())
            .and_then(|m| m.as_bool().ok())
            .unwrap_or(false);
        marked && catalog.has(b"StructTreeRoot")
    }

    /// Every alternative description (`/Alt`) of the structure tree: the
    /// alt text of figures.
    pub fn alts(&self) -> Vec<String> {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter_map(|d| d.get(b"Alt").ok())
            .map(|a| text_string(self.resolve(a)))
            .collect()
    }

    /// The type (`/S`) of every element of the structure tree: `TH`, `TD`,
    /// `Figure`, ...
    pub fn structure_types(&self) -> Vec<String> {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| {
                d.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructElem".as_slice())
                    || d.has(b"P") && d.has(b"S")
            })
            .filter_map(|d| d.get(b"S").and_then(Object::as_name).ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect()
    }

    /// Every RGB fill colour a page's own content stream sets (`rg`, or
    /// `sc`/`scn` in an RGB colour space), as (r, g, b) from 0 to 1.
    pub fn fill_colours(&self, page: usize) -> Vec<(f64, f64, f64)> {
        let id = self.pages()[page - 1];
        let content = self.doc.get_page_content(id).expect("page content");
        lopdf::content::Content::decode(&content)
            .expect("content stream")
            .operations
            .iter()
            .filter(|o| matches!(o.operator.as_str(), "rg" | "sc" | "scn"))
            .filter_map(
                |o| match o.operands.iter().map(number).collect::<Vec<_>>()[..] {
                    [r, g, b] => Some((r, g, b)),
                    _ => None,
                },
            )
            .collect()
    }

    /// The document language from the catalog (`/Lang`).
    pub fn lang(&self) -> Option<String> {
        let catalog = self.doc.catalog().ok()?;
        Some(text_string(self.resolve(catalog.get(b"Lang").ok()?)))
    }

    /// The pixel size of every raster image in the document.
    pub fn image_sizes(&self) -> Vec<(i64, i64)> {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
            })
            .map(|s| {
                let n = |k: &[u8]| s.dict.get(k).map_or(0.0, |v| number(self.resolve(v))) as i64;
                (n(b"Width"), n(b"Height"))
            })
            .collect()
    }

    /// A page object's dictionary.
    fn dict(&self, id: ObjectId) -> &Dictionary {
        self.doc
            .get_object(id)
            .and_then(Object::as_dict)
            .expect("a dictionary")
    }

    /// Follows a reference.
    fn resolve<'a>(&'a self, obj: &'a Object) -> &'a Object {
        match obj {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(obj),
            _ => obj,
        }
    }

    /// A sub-dictionary of a resource dictionary (`Font`, `XObject`).
    fn sub(&self, resources: &Dictionary, key: &[u8]) -> Dictionary {
        resources
            .get(key)
            .ok()
            .and_then(|d| self.resolve(d).as_dict().ok())
            .cloned()
            .unwrap_or_default()
    }
}

/// A font's ToUnicode CMap: character codes to text.
struct ToUnicode {
    /// Bytes per character code (from the code space range).
    width: usize,
    /// Code → text.
    map: HashMap<u32, String>,
}

impl ToUnicode {
    /// Parses the `bfchar` and `bfrange` sections of a CMap.
    fn parse(cmap: &str) -> Self {
        let hex = |t: &str| -> Option<Vec<u8>> {
            let t = t.trim_start_matches('<').trim_end_matches('>');
            (0..t.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(t.get(i..i + 2)?, 16).ok())
                .collect()
        };
        let code = |b: &[u8]| b.iter().fold(0u32, |acc, x| (acc << 8) | u32::from(*x));
        let utf16 = |b: &[u8]| {
            let units: Vec<u16> = b
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let mut width = 2;
        let mut map = HashMap::new();
        let spaced = cmap.replace('[', " [ ").replace(']', " ] ");
        let tokens: Vec<&str> = spaced.split_whitespace().collect();
        let mut i = 0;
        while i < tokens.len() {
            match tokens[i] {
                "begincodespacerange" => {
                    if let Some(lo) = tokens.get(i + 1).and_then(|t| hex(t)) {
                        width = lo.len().max(1);
                    }
                }
                "beginbfchar" => {
                    i += 1;
                    while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                        if let (Some(src), Some(dst)) = (hex(tokens[i]), hex(tokens[i + 1])) {
                            map.insert(code(&src), utf16(&dst));
                        }
                        i += 2;
                    }
                }
                "beginbfrange" => {
                    i += 1;
                    while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                        let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else {
                            break;
                        };
                        let (lo, hi) = (code(&lo), code(&hi));
                        if tokens[i + 2] == "[" {
                            // `<lo> <hi> [<d0> <d1> ...]`
                            let mut j = i + 3;
                            let mut c = lo;
                            while j < tokens.len() && tokens[j] != "]" {
                                map.insert(c, utf16(&hex(tokens[j]).unwrap_or_default()));
                                c += 1;
                                j += 1;
                            }
                            i = j + 1;
                        } else {
                            // `<lo> <hi> <dst>`: consecutive targets.
                            let base = hex(tokens[i + 2]).unwrap_or_default();
                            for (k, c) in (lo..=hi).enumerate() {
                                let mut dst = base.clone();
                                if let Some(last) = dst.last_mut() {
                                    *last = last.wrapping_add(k as u8);
                                }
                                map.insert(c, utf16(&dst));
                            }
                            i += 3;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        Self { width, map }
    }

    /// The text of a string of character codes.
    fn decode(&self, bytes: &[u8]) -> String {
        bytes
            .chunks(self.width)
            .filter_map(|c| {
                let code = c.iter().fold(0u32, |acc, x| (acc << 8) | u32::from(*x));
                self.map.get(&code).cloned()
            })
            .collect()
    }
}

/// Decodes the string operands of a text-showing operator.
fn decode_operands(enc: &ToUnicode, operands: &[Object], out: &mut String) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => out.push_str(&enc.decode(bytes)),
            Object::Array(items) => decode_operands(enc, items, out),
            // A kerning adjustment wider than a third of an em is a gap.
            Object::Integer(_) | Object::Real(_)
                if number(operand) < -333.0 && !out.ends_with([' ', '\n']) =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
}

/// `m × n` for PDF matrices `[a b c d e f]`.
fn multiply(m: [f64; 6], n: [f64; 6]) -> [f64; 6] {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Ends the current line (once).
fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// A PDF number as f64.
fn number(obj: &Object) -> f64 {
    match obj {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

/// A PDF text string (UTF-16BE with a byte-order mark, or PDFDocEncoding).
fn text_string(obj: &Object) -> String {
    let Ok(bytes) = obj.as_str() else {
        return String::new();
    };
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}
