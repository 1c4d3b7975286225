//! The font policy of a session: the embedded faces first, the extension
//! faces and the system fonts only when the text or the theme needs them.

use std::sync::Arc;

use super::{Session, Timings};
use crate::diagnostics::Diagnostic;
use crate::world::fonts::FontSet;

impl Session {
    pub(super) fn fonts(
        &mut self,
        text: &str,
        families: &[&str],
        timings: &mut Timings,
    ) -> Arc<FontSet> {
        let paths = self.options.font_paths.clone();
        let fonts = self
            .fonts
            .get_or_insert_with(|| Arc::new(FontSet::new(&paths)));
        // First the embedded extension faces, then (for what they lack too)
        // the system fonts; each set is rebuilt at most once per process. A
        // deck the loaded fonts cover costs one coverage pass.
        let mut needs = fonts.needs(text);
        if needs.extension {
            let mut next = FontSet::new(&paths);
            next.add_extension();
            if fonts.has_system {
                next.add_system();
            }
            *fonts = Arc::new(next);
            self.world = None;
            timings.mark("CJK extension fonts");
            needs = fonts.needs(text);
        }
        let named = fonts.present(families).len() < families.len();
        if !self.options.no_system_fonts && (needs.system || (named && !fonts.has_system)) {
            let mut next = FontSet::new(&paths);
            if fonts.has_extension {
                next.add_extension();
            }
            next.add_system();
            *fonts = Arc::new(next);
            self.world = None;
        }
        fonts.clone()
    }
}

/// Warnings for the families a theme names that no loaded font has: Typst
/// would set their text in the next family of the list without a word.
pub(super) fn missing_families(fonts: &FontSet, families: &[&str], theme: &str) -> Vec<Diagnostic> {
    let present = fonts.present(families);
    let mut missing: Vec<&str> = Vec::new();
    for f in families {
        if !present.iter().any(|p| p == f) && !missing.contains(f) {
            missing.push(f);
        }
    }
    missing
        .into_iter()
        .map(|f| {
            Diagnostic::warning(format!(
                "the theme `{theme}` names the font family `{f}`, which is not installed: its text falls back to the next family in `fonts:`"
            ))
            .hint("install the font, add its folder with --font-path, or take it out of `fonts:` in theme.yaml")
        })
        .collect()
}
