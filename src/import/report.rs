//! The import report: every construct dropped or approximated, with its
//! line in the original deck, and a count per kind.

use std::fmt::Write as _;

/// One thing the import could not carry over as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The line in the original deck.
    pub line: usize,
    /// The kind (`CSS`, `Vue component`, `executable chunk`...).
    pub kind: &'static str,
    /// What happened to it.
    pub what: String,
}

/// Everything the import dropped or approximated.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// The findings, in the order met.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Records a finding.
    pub fn add(&mut self, line: usize, kind: &'static str, what: String) {
        self.findings.push(Finding { line, kind, what });
    }

    /// Each kind and how often it was met, most frequent first.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for f in &self.findings {
            match counts.iter_mut().find(|(k, _)| *k == f.kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((f.kind, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
    }

    /// The report as Markdown: a summary line, the counts, and every
    /// finding by line.
    pub fn render(&self, deck: &str, outline: &str, slides: usize) -> String {
        let mut out = format!("# Import report: {deck} → {outline}\n\n");
        let _ = writeln!(out, "{slides} slides imported.");
        if self.findings.is_empty() {
            out.push_str("\nNothing was dropped or approximated.\n");
            return out;
        }
        out.push_str("\n| kind | count |\n|---|---|\n");
        for (kind, n) in self.counts() {
            let _ = writeln!(out, "| {kind} | {n} |");
        }
        out.push_str("\n## Each, by line of the original\n\n");
        let mut sorted = self.findings.clone();
        sorted.sort_by_key(|f| f.line);
        for f in &sorted {
            let _ = writeln!(out, "- line {}: {}: {}", f.line, f.kind, f.what);
        }
        out
    }
}
