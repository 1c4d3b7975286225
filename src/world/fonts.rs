//! Fonts: loaded once per process, embedded ones first.
//!
//! Order: lectern's Simplified Chinese subset ([`CJK_FAMILY`]), Typst's own
//! embedded fonts, `--font-path` folders; then, only for a deck whose text
//! needs them, the extension faces ([`CJK_EXT_FAMILY`]: every other
//! ideograph of CJK Unified Ideographs and Extension A, embedded compressed
//! and decompressed on demand); and last the system fonts (both decided by
//! [`FontSet::needs`]). The system scan is
//! skipped when the embedded fonts cover every character of the deck.
//! Default-ignorable code points (joiners, variation selectors, ...) never
//! count as uncovered.

use std::path::PathBuf;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

/// The family name of the embedded Latin text font (Regular, Italic, Bold,
/// Bold Italic: a renamed subset of Source Sans 3).
pub const LATIN_FAMILY: &str = "Lectern Sans";

/// The embedded Latin text faces.
pub const LATIN_FACES: [&[u8]; 4] = [
    include_bytes!("../../fonts/LecternSans-Regular.otf"),
    include_bytes!("../../fonts/LecternSans-Italic.otf"),
    include_bytes!("../../fonts/LecternSans-Bold.otf"),
    include_bytes!("../../fonts/LecternSans-BoldItalic.otf"),
];

/// The family name of the embedded Simplified Chinese font.
pub const CJK_FAMILY: &str = "Lectern Sans SC";

/// The families of the embedded extension faces: the rest of CJK Unified
/// Ideographs, and Extension A (two fonts, because Typst loses the glyphs
/// above 32,767 of a larger CFF font).
pub const CJK_EXT_FAMILIES: [&str; 2] = ["Lectern Sans SC Ext", "Lectern Sans SC ExtA"];

/// The family of the main extension faces.
pub const CJK_EXT_FAMILY: &str = CJK_EXT_FAMILIES[0];

/// The extension faces (Regular and Bold of each part), zstd-compressed.
const CJK_EXT_PACKED: [&[u8]; 4] = [
    include_bytes!("../../fonts/LecternSansSCExt-Regular.otf.zst"),
    include_bytes!("../../fonts/LecternSansSCExt-Bold.otf.zst"),
    include_bytes!("../../fonts/LecternSansSCExtA-Regular.otf.zst"),
    include_bytes!("../../fonts/LecternSansSCExtA-Bold.otf.zst"),
];

/// Families to fall back on, in order, for characters the theme's fonts
/// lack: lectern's extension faces, Simplified Chinese system families
/// (naming them keeps Typst from picking another face of a CJK collection:
/// the Japanese one comes first in Noto's `.ttc`), text faces for Arabic and
/// Hebrew (so that Arabic is joined, not set in a monospaced face), then
/// colour emoji fonts before any monochrome symbol font.
pub const SC_FALLBACKS: &[&str] = &[
    CJK_EXT_FAMILIES[0],
    CJK_EXT_FAMILIES[1],
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "Droid Sans Fallback",
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Noto Sans Hebrew",
    "DejaVu Sans",
    "Noto Color Emoji",
    "Apple Color Emoji",
    "Segoe UI Emoji",
    "Twemoji",
    "Twemoji Mozilla",
];

/// Whether the extension faces may hold `c`: an ideograph of CJK Unified
/// Ideographs or Extension A.
pub fn in_extension(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// Unicode's Default_Ignorable_Code_Point: joiners, variation selectors,
/// the soft hyphen, BOM, bidi controls and the like. They draw nothing, so
/// no font needs a glyph for them.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Whether a character is Han, Kana or Hangul: the scripts set in the CJK
/// face, with Typst's quarter-em space between them and Latin letters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The space Typst puts between two neighbouring characters, in em: a
/// quarter em between CJK and Latin letters or digits (`cjk-latin-spacing`).
pub fn cjk_latin_gap(a: char, b: char) -> f64 {
    let latin = |c: char| c.is_alphanumeric() && !is_cjk(c) && (c as u32) < 0x2E80;
    if (is_cjk(a) && latin(b)) || (latin(a) && is_cjk(b)) {
        0.25
    } else {
        0.0
    }
}

/// Whether `c` is an emoji (pictographs, symbols, skin-tone modifiers).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B50..=0x2B55)
}

/// The embedded Simplified Chinese faces (a renamed subset of Noto Sans CJK SC).
pub const CJK_FACES: [&[u8]; 2] = [
    include_bytes!("../../fonts/LecternSansSC-Regular.otf"),
    include_bytes!("../../fonts/LecternSansSC-Bold.otf"),
];

/// What a deck's text needs beyond the fonts loaded so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// The embedded extension faces.
    pub extension: bool,
    /// The system fonts.
    pub system: bool,
}

/// A loaded set of fonts.
pub struct FontSet {
    /// The fonts and their metadata.
    store: FontStore,
    /// Whether the system fonts have been added.
    pub has_system: bool,
    /// Whether the extension faces have been added.
    pub has_extension: bool,
    /// What [`FontSet::covers`] found for each character of the Basic
    /// Multilingual Plane so far (0 not asked, 1 covered, 2 not): a
    /// coverage lookup walks every font's ranges, and rebuilds ask about the
    /// same few thousand characters again.
    known: std::sync::Mutex<Vec<u8>>,
}

impl FontSet {
    /// Loads the embedded fonts and those in `paths`.
    pub fn new(paths: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        for data in LATIN_FACES.into_iter().chain(CJK_FACES) {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                store.push((font, info));
            }
        }
        store.extend(typst_kit::fonts::embedded());
        for path in paths {
            store.extend(typst_kit::fonts::scan(path));
        }
        Self {
            store,
            has_system: false,
            has_extension: false,
            known: std::sync::Mutex::new(vec![0; 0x1_0000]),
        }
    }

    /// Decompresses (on all cores) and adds the extension faces.
    pub fn add_extension(&mut self) {
        use rayon::prelude::*;
        if self.has_extension {
            return;
        }
        let faces: Vec<Vec<u8>> = CJK_EXT_PACKED
            .par_iter()
            .filter_map(|packed| {
                let mut data = Vec::new();
                let mut decoder = ruzstd::decoding::StreamingDecoder::new(*packed).ok()?;
                std::io::Read::read_to_end(&mut decoder, &mut data).ok()?;
                Some(data)
            })
            .collect();
        // Our own embedded data: a face that fails to unpack is a packaging
        // bug, and the glyph check still names any character left uncovered.
        for data in faces {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                self.store.push((font, info));
            }
        }
        self.has_extension = true;
        self.forget_coverage();
    }

    /// What this text needs beyond the loaded fonts, from one coverage
    /// pass: the extension faces when it has an ideograph they may hold, the
    /// system fonts when anything is uncovered (recheck after loading the
    /// extension, which may cover it) or Arabic/Hebrew lacks a text face.
    pub fn needs(&self, text: &str) -> Needs {
        let missing = self.uncovered(text);
        Needs {
            extension: !self.has_extension && missing.iter().any(|&c| in_extension(c)),
            system: !self.has_system && (!missing.is_empty() || self.lacks_rtl_face(text)),
        }
    }

    /// Adds the fonts installed on the system.
    pub fn add_system(&mut self) {
        if !self.has_system {
            self.store.extend(typst_kit::fonts::system());
            self.has_system = true;
            self.forget_coverage();
        }
    }

    /// Forgets what [`FontSet::covers`] found, after fonts were added.
    fn forget_coverage(&mut self) {
        if let Ok(known) = self.known.get_mut() {
            known.fill(0);
        }
    }

    /// The families of `candidates` that are loaded, in order.
    pub fn present(&self, candidates: &[&str]) -> Vec<String> {
        candidates
            .iter()
            .filter(|f| self.book().contains_family(&f.to_lowercase()))
            .map(|f| f.to_string())
            .collect()
    }

    /// The metadata of every loaded font.
    fn infos(&self) -> impl Iterator<Item = &FontInfo> {
        (0..).map_while(|i| self.book().info(i))
    }

    /// Whether some loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let lookup = || self.infos().any(|info| covers(info, c));
        let Ok(mut known) = self.known.lock() else {
            return lookup();
        };
        match known.get_mut(c as usize) {
            Some(0) => {
                let found = lookup();
                known[c as usize] = if found { 1 } else { 2 };
                found
            }
            Some(state) => *state == 1,
            None => lookup(),
        }
    }

    /// Returns the characters of `text` that no loaded font covers, sorted.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        // A bitmap of the Basic Multilingual Plane makes the deduplication
        // linear; the rare characters beyond it go into a set.
        let mut seen = vec![false; 0x1_0000];
        let mut beyond = std::collections::BTreeSet::new();
        // Each character is looked at once: the first filter is the cheap one.
        let mut missing: Vec<char> = text
            .chars()
            .filter(|&c| match seen.get_mut(c as usize) {
                Some(slot) => !std::mem::replace(slot, true),
                None => beyond.insert(c),
            })
            .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_default_ignorable(c))
            .filter(|&c| !self.covers(c))
            .collect();
        missing.sort_unstable();
        missing
    }

    /// Whether the text has Arabic or Hebrew that only a monospaced or
    /// maths face covers: Typst's embedded fonts have those letters, but
    /// Arabic set in them comes out unjoined, so a system text face (named
    /// in [`SC_FALLBACKS`]) is wanted.
    fn lacks_rtl_face(&self, text: &str) -> bool {
        let rtl = text
            .chars()
            .find(|c| matches!(*c as u32, 0x0590..=0x05FF | 0x0600..=0x06FF | 0x0750..=0x077F));
        let Some(c) = rtl else { return false };
        !self.infos().any(|info| {
            let name = info.family.to_lowercase();
            covers(info, c)
                && !name.contains("mono")
                && !name.contains("math")
                && !name.contains("libertinus")
                && !name.contains("computer modern")
        })
    }

    /// The font metadata, for [`typst::World::book`].
    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    /// A font by index, for [`typst::World::font`].
    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }
}

/// Whether a font's coverage includes `c`.
fn covers(info: &FontInfo, c: char) -> bool {
    info.coverage.contains(c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_em_separates_cjk_and_latin_letters_only() {
        assert_eq!(cjk_latin_gap('中', 'K'), 0.25);
        assert_eq!(cjk_latin_gap('8', '年'), 0.25);
        assert_eq!(cjk_latin_gap('中', '文'), 0.0);
        assert_eq!(cjk_latin_gap('a', 'b'), 0.0);
        assert_eq!(cjk_latin_gap('中', ' '), 0.0);
        assert_eq!(cjk_latin_gap('（', 'K'), 0.0);
    }

    #[test]
    fn embedded_latin_face_has_four_styles_and_covers_latin_greek_punctuation() {
        let fonts = FontSet::new(&[]);
        let faces: Vec<&FontInfo> = fonts
            .infos()
            .filter(|info| info.family.eq_ignore_ascii_case(LATIN_FAMILY))
            .collect();
        assert_eq!(faces.len(), 4);
        let italic = faces
            .iter()
            .filter(|f| f.variant.style == typst::text::FontStyle::Italic)
            .count();
        let bold = faces
            .iter()
            .filter(|f| f.variant.weight.to_number() >= 700)
            .count();
        assert_eq!((italic, bold), (2, 2));
        for c in "Àéßœŋ ΑΩαω ’‘“”‐–—… €".chars().filter(|c| *c != ' ') {
            assert!(faces.iter().all(|f| covers(f, c)), "{c}");
        }
    }

    #[test]
    fn embedded_cjk_face_covers_the_chapter_and_has_bold() {
        let fonts = FontSet::new(&[]);
        assert!(
            fonts
                .uncovered("容器编排之争 Kubernetes「」，。“”——")
                .is_empty()
        );
        let weights: Vec<u16> = fonts
            .infos()
            .filter(|info| info.family.eq_ignore_ascii_case(CJK_FAMILY))
            .map(|info| info.variant.weight.to_number())
            .collect();
        assert!(
            weights.contains(&400) && weights.contains(&700),
            "{weights:?}"
        );
    }

    #[test]
    fn the_extension_holds_the_rarer_hanzi_and_loads_only_when_asked() {
        // Traditional forms, name characters, one past glyph 32,767 of a
        // single extension font (龕), and Extension A (㐀).
        let rare = "臺灣鬱龜龕們課朱镕基喆堃玥昇㐀";
        let mut fonts = FontSet::new(&[]);
        assert!(!fonts.needs("容器编排之争").extension);
        assert!(fonts.needs(rare).extension);
        fonts.add_extension();
        assert!(fonts.has_extension);
        assert!(
            fonts.uncovered(rare).is_empty(),
            "{:?}",
            fonts.uncovered(rare)
        );
        let bold = fonts.infos().any(|i| {
            i.family.eq_ignore_ascii_case(CJK_EXT_FAMILY) && i.variant.weight.to_number() == 700
        });
        assert!(bold, "the extension has a Bold face");
    }

    #[test]
    fn joiners_and_selectors_are_never_uncovered() {
        let fonts = FontSet::new(&[]);
        assert!(
            fonts
                .uncovered("a\u{200D}b\u{FE0F}\u{00AD}\u{FEFF}")
                .is_empty()
        );
    }

    #[test]
    fn characters_outside_the_subset_are_reported() {
        let fonts = FontSet::new(&[]);
        // U+20000 (CJK Extension B) is in no embedded font.
        assert_eq!(fonts.uncovered("中\u{20000}"), vec!['\u{20000}']);
    }
}
