//! The `lectern` binary: parse arguments, run, return the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    lectern::cli::run(lectern::cli::Cli::parse())
}
