//! lectern's integration tests: one binary, run against the real `lectern`
//! executable, checking the real PDF with a reader of its own (lopdf). They
//! need nothing but the Rust toolchain; `tests/system` checks the same PDFs
//! again with poppler, qpdf and system fonts.

mod access;
mod architecture;
mod bounds;
mod build;
mod console;
mod content;
mod corpus;
mod course;
mod diagram;
mod emit;
mod engine;
mod equations;
mod escaping;
mod fit;
mod formulas;
mod html;
mod import;
mod incremental;
mod languages;
mod markdown;
mod math;
mod mermaid;
mod options;
mod outputs;
mod pdf;
mod present;
mod robust;
mod sandbox;
mod snapshots;
mod stacks;
mod themes;
mod timing;
mod tools;
mod util;
mod watch;
