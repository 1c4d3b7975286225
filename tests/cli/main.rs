//! lectern's integration tests: one binary, run against the real `lectern`
//! executable, checking the real PDF with an independent reader (poppler).

mod build;
mod corpus;
mod emit;
mod escaping;
mod outputs;
mod robust;
mod snapshots;
mod themes;
mod tools;
mod util;
mod watch;
