//! Fonts: loaded once per process, embedded ones first.
//!
//! Order: lectern's Simplified Chinese subset ([`CJK_FAMILY`]), Typst's own
//! embedded fonts, `--font-path` folders, and then (only when asked for, see
//! [`FontSet::needs_system`]) the system fonts. The system scan is skipped
//! when the embedded fonts cover every character of the deck.

use std::path::PathBuf;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

/// The family name of the embedded Simplified Chinese font.
pub const CJK_FAMILY: &str = "Lectern Sans SC";

/// Simplified Chinese families to fall back on, in order, for characters
/// the embedded subset lacks. Naming them keeps Typst from picking another
/// face of a CJK collection (the Japanese one comes first in Noto's `.ttc`).
pub const SC_FALLBACKS: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "Droid Sans Fallback",
];

/// The embedded Simplified Chinese faces (a renamed subset of Noto Sans CJK SC).
pub const CJK_FACES: [&[u8]; 2] = [
    include_bytes!("../../fonts/LecternSansSC-Regular.otf"),
    include_bytes!("../../fonts/LecternSansSC-Bold.otf"),
];

/// A loaded set of fonts.
pub struct FontSet {
    /// The fonts and their metadata.
    store: FontStore,
    /// Whether the system fonts have been added.
    pub has_system: bool,
}

impl FontSet {
    /// Loads the embedded fonts and those in `paths`.
    pub fn new(paths: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        for data in CJK_FACES {
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
        }
    }

    /// Adds the fonts installed on the system.
    pub fn add_system(&mut self) {
        if !self.has_system {
            self.store.extend(typst_kit::fonts::system());
            self.has_system = true;
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

    /// Whether some loaded font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        (0..)
            .map_while(|i| self.book().info(i))
            .any(|info| covers(info, c))
    }

    /// Returns the characters of `text` that no loaded font covers, sorted.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        // A bitmap of the Basic Multilingual Plane makes the deduplication
        // linear; the rare characters beyond it go into a set.
        let mut seen = vec![false; 0x1_0000];
        let mut beyond = std::collections::BTreeSet::new();
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|&c| match seen.get_mut(c as usize) {
                Some(slot) => !std::mem::replace(slot, true),
                None => beyond.insert(c),
            })
            .filter(|&c| !self.covers(c))
            .collect();
        missing.sort_unstable();
        missing
    }

    /// Whether the system fonts should be scanned for this text.
    pub fn needs_system(&self, text: &str) -> bool {
        !self.has_system && !self.uncovered(text).is_empty()
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
    fn embedded_cjk_face_covers_the_chapter_and_has_bold() {
        let fonts = FontSet::new(&[]);
        assert!(
            fonts
                .uncovered("容器编排之争 Kubernetes「」，。“”——")
                .is_empty()
        );
        let weights: Vec<u16> = (0..)
            .map_while(|i| fonts.book().info(i))
            .filter(|info| info.family.eq_ignore_ascii_case(CJK_FAMILY))
            .map(|info| info.variant.weight.to_number())
            .collect();
        assert!(
            weights.contains(&400) && weights.contains(&700),
            "{weights:?}"
        );
    }

    #[test]
    fn characters_outside_the_subset_are_reported() {
        let fonts = FontSet::new(&[]);
        // U+20000 (CJK Extension B) is in no embedded font.
        assert_eq!(fonts.uncovered("中\u{20000}"), vec!['\u{20000}']);
    }
}
