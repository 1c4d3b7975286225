//! The PDF's accessibility structure, read with lopdf: the structure tree
//! in reading order, which text a page marks as an artifact, and its
//! link annotations.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};

use super::{Pdf, ToUnicode, decode_operands, text_string};

/// One element of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Elem {
    /// Its type (`/S`): `H1`, `P`, `Figure`, `TH`, ...
    pub role: String,
    /// How deep it sits: 0 for the children of the tree's root.
    pub depth: usize,
    /// The page (from 1) its content is on, from its own `/Pg` or its
    /// nearest ancestor's.
    pub page: Option<usize>,
    /// Its title (`/T`): Typst gives headings their text here.
    pub title: Option<String>,
    /// Its alternative description (`/Alt`).
    pub alt: Option<String>,
    /// A table header cell's scope (`/Scope` in its table attributes).
    pub scope: Option<String>,
}

impl Pdf {
    /// The structure tree's elements, depth first: the reading order.
    pub fn structure(&self) -> Vec<Elem> {
        self.tree().0
    }

    /// Each page's marked-content ids in the structure tree's reading
    /// order (an element's kids in their `/K` order, content and elements
    /// interleaved), each with whether it is inside a `Caption`: what a
    /// screen reader reads, page by page.
    pub fn reading_order(&self) -> HashMap<usize, Vec<(i64, bool)>> {
        let mut pages: HashMap<usize, Vec<(i64, bool)>> = HashMap::new();
        for (page, mcid, caption) in self.tree().1 {
            pages.entry(page).or_default().push((mcid, caption));
        }
        pages
    }

    /// A page's (from 1) marked-content ids in the order its content stream
    /// paints them.
    pub fn paint_order(&self, page: usize) -> Vec<i64> {
        let id = self.pages()[page - 1];
        let content = self.doc.get_page_content(id).expect("page content");
        let Ok(ops) = Content::decode(&content) else {
            return Vec::new();
        };
        ops.operations
            .iter()
            .filter(|op| op.operator == "BDC")
            .filter_map(|op| match op.operands.get(1).map(|o| self.resolve(o)) {
                Some(Object::Dictionary(d)) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                _ => None,
            })
            .collect()
    }

    /// The structure elements, and every marked-content reference with its
    /// page, both in reading order.
    fn tree(&self) -> (Vec<Elem>, Vec<(usize, i64, bool)>) {
        let pages: HashMap<ObjectId, usize> = self
            .pages()
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i + 1))
            .collect();
        let mut out = (Vec::new(), Vec::new());
        let catalog = self.doc.catalog().expect("catalog");
        if let Some(root) = catalog
            .get(b"StructTreeRoot")
            .ok()
            .and_then(|r| self.resolve(r).as_dict().ok())
            && let Ok(kids) = root.get(b"K")
        {
            self.walk(kids, (0, false), None, &pages, &mut out);
        }
        out
    }

    /// Adds the structure elements under `kids` to `out`.
    fn walk(
        &self,
        kids: &Object,
        (depth, caption): (usize, bool),
        page: Option<usize>,
        pages: &HashMap<ObjectId, usize>,
        out: &mut (Vec<Elem>, Vec<(usize, i64, bool)>),
    ) {
        if depth > 64 {
            return;
        }
        match self.resolve(kids) {
            Object::Array(items) => {
                for item in items {
                    self.walk(item, (depth, caption), page, pages, out);
                }
            }
            Object::Integer(mcid) => {
                if let Some(page) = page {
                    out.1.push((page, *mcid, caption));
                }
            }
            Object::Dictionary(d) if d.has(b"MCID") => {
                let page = own_page(d, pages).or(page);
                if let (Some(page), Ok(mcid)) = (page, d.get(b"MCID").and_then(Object::as_i64)) {
                    out.1.push((page, mcid, caption));
                }
            }
            Object::Dictionary(d) if d.has(b"S") => {
                let page = own_page(d, pages).or(page);
                let text = |key: &[u8]| d.get(key).ok().map(|t| text_string(self.resolve(t)));
                let role = d
                    .get(b"S")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                let caption = caption || role == "Caption";
                out.0.push(Elem {
                    role,
                    depth,
                    page,
                    title: text(b"T"),
                    alt: text(b"Alt"),
                    scope: d.get(b"A").ok().and_then(|a| self.scope(a)),
                });
                if let Ok(k) = d.get(b"K") {
                    self.walk(k, (depth + 1, caption), page, pages, out);
                }
            }
            _ => {}
        }
    }

    /// The `/Scope` of a table attribute object (or of one in an array).
    fn scope(&self, attrs: &Object) -> Option<String> {
        match self.resolve(attrs) {
            Object::Array(items) => items.iter().find_map(|a| self.scope(a)),
            Object::Dictionary(d) => d
                .get(b"Scope")
                .and_then(Object::as_name)
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned()),
            _ => None,
        }
    }

    /// A page's (from 1) text, split into what is tagged (read by a screen
    /// reader) and what is marked as an artifact (`/Artifact`).
    pub fn marked_text(&self, page: usize) -> (String, String) {
        let id = self.pages()[page - 1];
        let content = self.doc.get_page_content(id).expect("page content");
        let resources = self.page_resources(id);
        let mut out = (String::new(), String::new());
        self.collect_marked(&content, &resources, false, &mut out, 0);
        out
    }

    /// Decodes a content stream's text into the tagged or the artifact
    /// part, by the marked content around it; follows form XObjects.
    fn collect_marked(
        &self,
        content: &[u8],
        resources: &Dictionary,
        artifact: bool,
        out: &mut (String, String),
        depth: u32,
    ) {
        let Ok(ops) = Content::decode(content) else {
            return;
        };
        let fonts = self.sub(resources, b"Font");
        let xobjects = self.sub(resources, b"XObject");
        let mut encoding: Option<ToUnicode> = None;
        let mut stack = vec![artifact];
        for op in &ops.operations {
            let inside = *stack.last().unwrap_or(&artifact);
            let name = |i: usize| op.operands.get(i).and_then(|n| n.as_name().ok());
            match op.operator.as_str() {
                "BDC" | "BMC" => stack.push(inside || name(0) == Some(b"Artifact".as_slice())),
                "EMC" => {
                    stack.pop();
                }
                "Tf" => encoding = self.font_encoding(op, &fonts),
                "Tj" | "'" | "\"" | "TJ" => {
                    let into = if inside { &mut out.1 } else { &mut out.0 };
                    if let Some(enc) = &encoding {
                        decode_operands(enc, &op.operands, into);
                        into.push(' ');
                    }
                }
                "Do" if depth < 8 => {
                    if let Some((bytes, inner)) = self.form(op, &xobjects, resources) {
                        self.collect_marked(&bytes, &inner, inside, out, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// The addresses of a page's (from 1) link annotations (`/Link` with a
    /// `/URI` action), in order.
    pub fn link_uris(&self, page: usize) -> Vec<String> {
        let Ok(annots) = self.dict(self.pages()[page - 1]).get(b"Annots") else {
            return Vec::new();
        };
        let Ok(annots) = self.resolve(annots).as_array() else {
            return Vec::new();
        };
        annots
            .iter()
            .filter_map(|a| {
                let a = self.resolve(a).as_dict().ok()?;
                (a.get(b"Subtype").ok()?.as_name().ok()? == b"Link").then_some(())?;
                let action = self.resolve(a.get(b"A").ok()?).as_dict().ok()?;
                let uri = self.resolve(action.get(b"URI").ok()?).as_str().ok()?;
                Some(String::from_utf8_lossy(uri).into_owned())
            })
            .collect()
    }

    /// Whether the catalog asks viewers to show the document's title
    /// (`/ViewerPreferences /DisplayDocTitle true`).
    pub fn displays_doc_title(&self) -> bool {
        let catalog = self.doc.catalog().expect("catalog");
        catalog
            .get(b"ViewerPreferences")
            .ok()
            .and_then(|v| self.resolve(v).as_dict().ok())
            .and_then(|v| v.get(b"DisplayDocTitle").ok())
            .and_then(|d| d.as_bool().ok())
            .unwrap_or(false)
    }
}

/// The page (from 1) an element or content reference names (`/Pg`).
fn own_page(d: &Dictionary, pages: &HashMap<ObjectId, usize>) -> Option<usize> {
    let id = d.get(b"Pg").and_then(Object::as_reference).ok()?;
    pages.get(&id).copied()
}
