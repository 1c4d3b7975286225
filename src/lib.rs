//! lectern compiles a YAML lecture outline into a themed 16:9 PDF deck,
//! through the Typst engine embedded as a library.
//!
//! The stages, each one module with one entry point (see ARCHITECTURE.md):
//! [`outline`] (parse, validate) → [`codegen`] (Typst source) → [`world`]
//! (files, fonts, sandbox) → [`compile`] (layout and checks) → [`export`]
//! (PDF). [`pipeline`] wires them together; [`cli`] is the command line.

#![warn(missing_docs)]

pub mod charts;
pub mod cli;
pub mod codegen;
pub mod compile;
pub mod course;
pub mod diagnostics;
pub mod diagrams;
pub mod export;
pub mod import;
pub mod outline;
pub mod pipeline;
pub mod present;
pub mod scaffold;
pub mod theme;
pub mod watch;
pub mod world;
