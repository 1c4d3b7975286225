//! The command line: argument types (clap derive) and one function per command.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostics::{self, Format};
use crate::pipeline::{BuildOptions, Failure, Outcome, Session};
use crate::theme;

/// Compiles a YAML lecture outline into a themed 16:9 PDF slide deck.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// lectern's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the PDF deck from an outline.
    ///
    /// Example: lectern build slides/container-orchestration-wars.yaml
    Build(CompileArgs),
    /// Check an outline (syntax, data, layout, overflow, glyphs) without writing files.
    ///
    /// Example: lectern check slides/container-orchestration-wars.yaml --diagnostic-format json
    Check(CompileArgs),
    /// List the built-in themes.
    Themes,
}

/// Arguments shared by `build` and `check`.
#[derive(Debug, Clone, Args)]
pub struct CompileArgs {
    /// The outline file (YAML).
    pub outline: PathBuf,
    /// Where to write the PDF [default: beside the outline, with .pdf].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// A built-in theme name or a theme folder (overrides the outline's `theme`).
    #[arg(long)]
    pub theme: Option<String>,
    /// An extra folder of fonts (may be repeated).
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
    /// Also write the generated Typst source beside the PDF (.typ).
    #[arg(long)]
    pub emit_typst: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub diagnostic_format: DiagnosticFormat,
}

/// The output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Snippets with a caret, for people.
    Human,
    /// One JSON object per line, for editors and CI.
    Json,
}

impl CompileArgs {
    /// Converts the arguments into build options.
    fn options(&self, check_only: bool) -> BuildOptions {
        BuildOptions {
            outline: self.outline.clone(),
            output: self.output.clone(),
            theme: self.theme.clone(),
            font_paths: self.font_paths.clone(),
            emit_typst: self.emit_typst,
            check_only,
        }
    }

    /// The diagnostics format.
    fn format(&self) -> Format {
        match self.diagnostic_format {
            DiagnosticFormat::Human => Format::Human,
            DiagnosticFormat::Json => Format::Json,
        }
    }
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args, false),
        Command::Check(args) => build(&args, true),
        Command::Themes => themes(),
    }
}

/// `lectern build` and `lectern check`.
fn build(args: &CompileArgs, check_only: bool) -> ExitCode {
    let started = std::time::Instant::now();
    let mut session = Session::new(args.options(check_only));
    let outcome = session.build();
    report(&outcome, args.format());
    let denied = args.deny_warnings && !outcome.diagnostics.is_empty();
    match &outcome.result {
        Ok(_) if denied => {
            eprintln!("error: warnings are denied (--deny-warnings)");
            ExitCode::from(1)
        }
        Ok(built) => {
            let what = if check_only { "checked" } else { "wrote" };
            eprintln!(
                "{what} {} ({} slides, {} pages, {:.1} MB) in {:.2} s",
                built.pdf.display(),
                built.slides,
                built.pages,
                built.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => exit_code(*failure),
    }
}

/// Prints an outcome's diagnostics to stderr.
pub fn report(outcome: &Outcome, format: Format) {
    let text = match format {
        Format::Human => diagnostics::render_human(
            &outcome.sources,
            &outcome.diagnostics,
            std::io::stderr().is_terminal(),
        ),
        Format::Json => diagnostics::render_json(&outcome.sources, &outcome.diagnostics),
    };
    eprint!("{text}");
}

/// The exit code for a failure: 1 for bad input, 2 for I/O.
pub fn exit_code(failure: Failure) -> ExitCode {
    match failure {
        Failure::Input => ExitCode::from(1),
        Failure::Io => ExitCode::from(2),
    }
}

/// `lectern themes`.
fn themes() -> ExitCode {
    let mut sources = crate::diagnostics::Sources::default();
    for (name, _) in theme::BUILTIN {
        match theme::load(name, std::path::Path::new("."), &mut sources) {
            Ok(t) => println!("{name:<12} {}", t.description),
            Err(_) => println!("{name:<12} (broken)"),
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        super::Cli::command().debug_assert();
    }
}
