//! The time plan: minutes per slide and section against the lecture's slot.

use super::Outline;
use crate::diagnostics::Diagnostic;

impl super::Section {
    /// The minutes planned on the section's slides, added up.
    pub fn slide_minutes(&self) -> u32 {
        self.slides
            .iter()
            .filter_map(|s| s.minutes.as_ref())
            .map(|m| m.value)
            .sum()
    }
}

/// Adds up the planned minutes; warns when the plan exceeds the slot, or a
/// section's slides exceed the section's own budget. Returns the total, if
/// any minutes were planned.
pub fn time_plan(outline: &Outline) -> (Option<u32>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut total = 0;
    let mut planned = false;
    for section in &outline.sections {
        let slides = section.slide_minutes();
        planned |= slides > 0 || section.minutes.is_some();
        match &section.minutes {
            Some(budget) => {
                if slides > budget.value {
                    warnings.push(
                        Diagnostic::warning(format!(
                            "the slides of \"{}\" plan {slides} minutes, more than the section's {}",
                            section.title.value, budget.value
                        ))
                        .at(budget.span.clone())
                        .hint("raise the section's `minutes` or trim the slides' `minutes`"),
                    );
                }
                total += budget.value.max(slides);
            }
            None => total += slides,
        }
    }
    let closing: u32 = outline
        .closing
        .iter()
        .filter_map(|s| s.minutes.as_ref())
        .map(|m| m.value)
        .sum();
    planned |= closing > 0;
    total += closing;
    if let Some(slot) = &outline.meta.slot
        && total > slot.value
    {
        warnings.push(
            Diagnostic::warning(format!(
                "the time plan adds up to {total} minutes, more than the {}-minute slot",
                slot.value
            ))
            .at(slot.span.clone())
            .hint(format!(
                "cut {} minutes from the plan, or move material into the handout",
                total - slot.value
            )),
        );
    }
    (planned.then_some(total), warnings)
}
