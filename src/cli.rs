//! The command line: argument types (clap derive) and one function per command.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::diagnostics::{self, Format};
use crate::export::handout::{Layout, Paper};
use crate::pipeline::{
    BuildOptions, Failure, GapOutputs, HandoutColors, HandoutDividers, Outcome, OverviewFormat,
    PngOptions, Session,
};
use crate::theme;

/// Compiles a YAML lecture outline into a themed 16:9 PDF slide deck.
#[derive(Debug, Parser)]
#[command(
    name = "lectern",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  lectern build slides/container-orchestration-wars.yaml --all\n  lectern watch slides/container-orchestration-wars.yaml --handout\n  lectern init my-lecture && lectern build my-lecture/lecture.yaml"
)]
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
    /// Rebuild whenever the outline, its data, images or theme change.
    ///
    /// Example: lectern watch slides/container-orchestration-wars.yaml --handout
    Watch(CompileArgs),
    /// Give the lecture: a presenter console in the browser, rebuilt on every save.
    ///
    /// Serves the audience view (/), the presenter console (/presenter) and a
    /// phone remote (/remote) from 127.0.0.1, and opens the console.
    ///
    /// Example: lectern present slides/container-orchestration-wars.yaml
    Present(PresentArgs),
    /// List the built-in themes.
    Themes,
    /// List the LaTeX commands and environments `math:` accepts, one example each.
    ///
    /// Example: lectern latex | grep frac
    Latex,
    /// Print the JSON Schema of the outline format (for editor completion).
    ///
    /// Example: lectern schema > lectern.schema.json
    Schema {
        /// The schema of course.yaml instead (a course's lectures).
        #[arg(long)]
        course: bool,
    },
    /// Create a new lecture outline that shows every feature and builds as it is.
    ///
    /// Example: lectern init my-lecture && lectern build my-lecture/lecture.yaml
    Init {
        /// The folder to create the lecture in.
        #[arg(default_value = "lecture")]
        dir: PathBuf,
        /// Overwrite the files `init` writes if they already exist.
        #[arg(long)]
        force: bool,
    },
    /// Turn a Marp, Slidev or Quarto deck into an outline, with a report of
    /// what was dropped or approximated.
    ///
    /// Example: lectern import lecture.md && lectern build lecture.yaml
    Import {
        /// The deck: a .md (Marp, Slidev, Pandoc) or .qmd (Quarto) file.
        deck: PathBuf,
        /// The outline to write, in the deck's folder (default: the deck's
        /// name with .yaml).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the outline and its report if they exist.
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions.
    ///
    /// Example: lectern completions bash > ~/.local/share/bash-completion/completions/lectern
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Work with theme folders.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

/// `lectern theme ...` commands.
#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Create a theme folder to edit, starting from a built-in theme.
    ///
    /// Example: lectern theme new slides/my-theme --from midnight
    New {
        /// The folder to create.
        dir: PathBuf,
        /// The built-in theme to start from.
        #[arg(long, default_value = "academic")]
        from: String,
    },
}

/// Arguments of `lectern present`.
#[derive(Debug, Clone, Args)]
pub struct PresentArgs {
    /// The port to serve on (0 picks a free one).
    #[arg(long, default_value_t = 8765)]
    pub port: u16,
    /// Do not open the presenter console in the browser.
    #[arg(long)]
    pub no_open: bool,
    /// Listen on every network interface, for a phone remote; every request
    /// then needs the printed token.
    #[arg(long)]
    pub lan: bool,
    /// For a course (course.yaml): the lecture to present, by its number.
    #[arg(long, value_name = "N")]
    pub lecture: Option<usize>,
    /// The build options.
    #[command(flatten)]
    pub build: CompileArgs,
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
    /// Use only lectern's embedded fonts and --font-path folders, never the
    /// system's (a build that does not depend on the machine).
    #[arg(long)]
    pub no_system_fonts: bool,
    /// Also write the generated Typst project into DECK-typst/: the
    /// generated files, the theme's files and exactly the files the build
    /// read, with a main.typ to compile.
    #[arg(long)]
    pub emit_typst: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print the speaking-time table: for each section its slides, planned
    /// minutes, and the minutes its notes and pauses need (one JSON object
    /// with --diagnostic-format json).
    #[arg(long)]
    pub timing: bool,
    /// Refuse raw Typst blocks (`typst:`) and theme folders named by the
    /// outline, for outlines from untrusted sources.
    #[arg(long)]
    pub no_raw: bool,
    /// The largest input file (outline, CSV, image, theme file) to read, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_size: u64,
    /// Conform to a PDF standard (repeatable where compatible): a-2b, a-3u, ua-1, ...
    #[arg(long = "pdf-standard", value_enum, value_name = "STANDARD")]
    pub pdf_standards: Vec<StandardArg>,
    /// Do not write the .pdfpc speaker notes (written by default when the outline has notes).
    #[arg(long)]
    pub no_notes: bool,
    /// Also write a handout, DECK-handout.pdf (reveal steps collapsed).
    #[arg(long)]
    pub handout: bool,
    /// Slides per handout page: 1 (with notes), 2, 3 (with lines for notes), 4, 6, or notes (notes only).
    #[arg(long, value_name = "N", value_enum, default_value_t = Layout::Three, hide_possible_values = true)]
    pub handout_layout: Layout,
    /// Handout paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Which handout to write (repeatable): slides, gaps (key terms marked
    /// `{{term}}` blanked and numbered) or key (their answers).
    #[arg(long = "handout-kind", value_enum, value_name = "KIND")]
    pub handout_kinds: Vec<HandoutKind>,
    /// Handout colours: print (the theme's light print palette) or screen.
    #[arg(long, value_enum, default_value_t = HandoutColors::Print)]
    pub handout_colors: HandoutColors,
    /// Section dividers in handouts: headings (a band above their slides) or cells.
    #[arg(long, value_enum, default_value_t = HandoutDividers::Headings)]
    pub handout_dividers: HandoutDividers,
    /// Also write every page as PNG, into DECK-png/.
    #[arg(long)]
    pub png: bool,
    /// Resolution of PNG pages.
    #[arg(long, default_value_t = 150.0, value_parser = parse_dpi)]
    pub dpi: f64,
    /// Which pages to write as PNG, e.g. 1-5,8 (default: all).
    #[arg(long, value_name = "LIST")]
    pub pages: Option<crate::export::PageSpec>,
    /// Also write DECK-overview.png, thumbnails of every slide.
    #[arg(long)]
    pub overview: bool,
    /// The overview's format: png, or pdf (DECK-overview.pdf).
    #[arg(long, value_enum, default_value_t = OverviewFormat::Png)]
    pub overview_format: OverviewFormat,
    /// Also write DECK.html: one self-contained file (every page as inline
    /// SVG, searchable text, no external request) for students and LMSs.
    #[arg(long)]
    pub html: bool,
    /// Include the speaker notes in DECK.html (for students revising).
    #[arg(long)]
    pub html_notes: bool,
    /// For a course (course.yaml): write each deck under DIR, keeping the
    /// lectures' folders, and the course index there.
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Write everything: deck, notes, handout, reading handout, overview and
    /// (when the deck marks key terms) the gap-fill handout and its answer key.
    #[arg(long)]
    pub all: bool,
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub diagnostic_format: DiagnosticFormat,
}

/// PDF standards lectern can produce (through typst-pdf).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StandardArg {
    /// PDF/A-2b (archival, visual appearance).
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u (archival, with Unicode text).
    #[value(name = "a-2u")]
    A2u,
    /// PDF/A-2a (archival, accessible).
    #[value(name = "a-2a")]
    A2a,
    /// PDF/A-3b (archival, allows attachments).
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-3u (archival, allows attachments, Unicode text).
    #[value(name = "a-3u")]
    A3u,
    /// PDF/UA-1 (universal accessibility).
    #[value(name = "ua-1")]
    Ua1,
}

impl StandardArg {
    /// The typst-pdf standard.
    fn standard(self) -> typst_pdf::PdfStandard {
        use typst_pdf::PdfStandard as S;
        match self {
            Self::A2b => S::A_2b,
            Self::A2u => S::A_2u,
            Self::A2a => S::A_2a,
            Self::A3b => S::A_3b,
            Self::A3u => S::A_3u,
            Self::Ua1 => S::Ua_1,
        }
    }
}

/// Kinds of handout beyond the slides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HandoutKind {
    /// The slides (DECK-handout.pdf), as `--handout`.
    Slides,
    /// Gap-fill: every `{{term}}` blanked and numbered (DECK-gaps.pdf).
    Gaps,
    /// The answer key of the gap-fill handout (DECK-key.pdf).
    Key,
    /// Reading: each slide once, at its last step, with its notes under
    /// it, tagged for screen readers (DECK-reading.pdf).
    Reading,
}

/// Handout paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// Parses a DPI value between 10 and 1200.
fn parse_dpi(s: &str) -> Result<f64, String> {
    let dpi: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (10.0..=1200.0).contains(&dpi) {
        Ok(dpi)
    } else {
        Err("the resolution must be between 10 and 1200 dpi".into())
    }
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
            no_system_fonts: self.no_system_fonts,
            emit_typst: self.emit_typst,
            check_only,
            deny_warnings: self.deny_warnings,
            no_raw: self.no_raw,
            pdf_standards: self.pdf_standards.iter().map(|s| s.standard()).collect(),
            notes: !self.no_notes,
            handout_colors: self.handout_colors,
            handout_dividers: self.handout_dividers,
            gaps: GapOutputs {
                handout: self.all || self.handout_kinds.contains(&HandoutKind::Gaps),
                key: self.all || self.handout_kinds.contains(&HandoutKind::Key),
                asked: self
                    .handout_kinds
                    .iter()
                    .any(|k| matches!(k, HandoutKind::Gaps | HandoutKind::Key)),
                format: self.handout_format(),
            },
            reading: self.all || self.handout_kinds.contains(&HandoutKind::Reading),
            handout: (self.handout
                || self.all
                || self.handout_kinds.contains(&HandoutKind::Slides))
            .then(|| self.handout_format()),
            png: self.png.then(|| PngOptions {
                dpi: self.dpi,
                pages: self.pages.clone(),
            }),
            overview: self.overview || self.all,
            html: self.html || self.html_notes,
            html_notes: self.html_notes,
            overview_format: self.overview_format,
            max_file_bytes: Some(self.max_file_size << 20),
            root: None,
            default_theme: None,
            prepared: None,
        }
    }

    /// The handout's layout and paper.
    fn handout_format(&self) -> (Layout, Paper) {
        let layout = self.handout_layout;
        let paper = match self.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        };
        (layout, paper)
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
        Command::Watch(args) => watch(&args),
        Command::Present(args) => present(&args),
        Command::Themes => themes(),
        Command::Latex => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for (name, item) in crate::outline::math::drawable_commands() {
                // A closed pipe (`| head`) ends the listing quietly.
                if writeln!(out, "{}", crate::outline::math::example(&name, &item)).is_err() {
                    break;
                }
            }
            ExitCode::SUCCESS
        }
        Command::Schema { course } => {
            if course {
                println!("{}", crate::course::schema());
                return ExitCode::SUCCESS;
            }
            println!("{}", crate::outline::schema());
            ExitCode::SUCCESS
        }
        Command::Init { dir, force } => init(&dir, force),
        Command::Import {
            deck,
            output,
            force,
        } => import(&deck, output.as_deref(), force),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "lectern",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Theme(ThemeCommand::New { dir, from }) => theme_new(&dir, &from),
    }
}

/// `lectern build` and `lectern check`.
fn build(args: &CompileArgs, check_only: bool) -> ExitCode {
    if let Some(text) = course_text(&args.outline, args.max_file_size) {
        return course(args, text, check_only);
    }
    let started = std::time::Instant::now();
    let mut session = Session::new(args.options(check_only));
    session_progress(&mut session);
    let outcome = session.build_and_write();
    report(&outcome, args.format());
    if let (true, Ok(built)) = (args.timing, &outcome.result) {
        print_timing(&built.timing, args);
    }
    let denied = args.deny_warnings
        && outcome
            .diagnostics
            .iter()
            .any(diagnostics::Diagnostic::is_warning);
    match &outcome.result {
        Ok(_) if denied => {
            eprintln!("error: warnings are denied (--deny-warnings)");
            ExitCode::from(1)
        }
        Ok(built) if check_only => {
            eprintln!(
                "checked {}: {} slides, {} pages, no errors ({:.2} s)",
                args.outline.display(),
                built.slides,
                built.pages,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Ok(built) => {
            eprintln!(
                "wrote {} ({} slides, {} pages, {:.1} MB) in {:.2} s",
                built.pdf.display(),
                built.slides,
                built.pages,
                built.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            let (pngs, others): (Vec<_>, Vec<_>) = built
                .extra
                .iter()
                .partition(|(kind, _)| *kind == crate::pipeline::Kind::PngPage);
            let pngs: Vec<&PathBuf> = pngs.into_iter().map(|(_, p)| p).collect();
            for (_, path) in others {
                eprintln!("wrote {}", path.display());
            }
            if let Some(dir) = pngs.first().and_then(|p| p.parent()) {
                eprintln!(
                    "wrote {} PNG page{} to {}",
                    pngs.len(),
                    if pngs.len() == 1 { "" } else { "s" },
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(failure) => exit_code(*failure),
    }
}

/// Prints the speaking-time table (or its JSON) on standard output.
fn print_timing(timing: &crate::outline::Timing, args: &CompileArgs) {
    match args.diagnostic_format {
        DiagnosticFormat::Json => {
            let value = serde_json::json!({
                "timing": timing,
                "speaking_minutes": timing.speaking(),
                "estimate_minutes": timing.estimate(),
            });
            println!("{value}");
        }
        DiagnosticFormat::Human => print!("{}", crate::outline::timing_table(timing)),
    }
}

/// `lectern watch`.
fn watch(args: &CompileArgs) -> ExitCode {
    if let Some(text) = course_text(&args.outline, args.max_file_size) {
        return watch_course(args, &text);
    }
    let mut session = Session::new(args.options(false));
    session_progress(&mut session);
    let format = args.format();
    let followed = crate::watch::watch(&mut session, |_, event| watch_event(event, format));
    exit_with(followed)
}

/// `lectern watch course.yaml`: every lecture watched (see
/// [`crate::course::watch`]), its events and the index's files printed.
fn watch_course(args: &CompileArgs, text: &str) -> ExitCode {
    let Some(course) = load_course(&args.outline, text, args.format()).0 else {
        return ExitCode::from(1);
    };
    let format = args.format();
    let failures = crate::course::watch(
        &course,
        &args.options(false),
        args.out_dir.as_deref(),
        &|event| watch_event(event, format),
        &|index| match index {
            crate::course::IndexEvent::Wrote(files) => {
                for f in files {
                    eprintln!("wrote {}", f.display());
                }
            }
            crate::course::IndexEvent::Failed(e) => eprintln!("error: {e}"),
        },
    );
    for f in &failures {
        eprintln!("error: {f}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Tells the user what watch (or the presenter console) saw: diagnostics
/// and one status line per build.
pub fn watch_event(event: &crate::watch::Event<'_>, format: Format) {
    match event {
        crate::watch::Event::Watching { outline, others } => eprintln!(
            "watching {} and the {others} other files it reads (Ctrl-C to stop)",
            outline.display()
        ),
        crate::watch::Event::Built { outcome, took } => {
            report(outcome, format);
            let ms = took.as_secs_f64() * 1000.0;
            let warnings = outcome
                .diagnostics
                .iter()
                .filter(|d| d.is_warning())
                .count();
            let suffix = match warnings {
                0 => String::new(),
                1 => ", 1 warning".into(),
                n => format!(", {n} warnings"),
            };
            match &outcome.result {
                Ok(built) => eprintln!(
                    "[{}] rebuilt {} in {ms:.0} ms ({} pages{suffix})",
                    clock(),
                    built.pdf.display(),
                    built.pages
                ),
                Err(_) => eprintln!(
                    "[{}] build failed in {ms:.0} ms; the last good PDF is kept",
                    clock()
                ),
            }
        }
    }
}

/// The wall-clock time as HH:MM:SS (UTC).
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

/// Shows the session's long work (PNG rendering) as a progress bar, when
/// standard error is a terminal.
fn session_progress(session: &mut Session) {
    if !std::io::stderr().is_terminal() {
        return;
    }
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} pages")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    session.on_progress(std::sync::Arc::new(move |what, done, total| {
        bar.set_message(what.to_string());
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done >= total {
            bar.finish_and_clear();
            bar.reset();
        }
    }));
}

/// `lectern present`.
fn present(args: &PresentArgs) -> ExitCode {
    let mut options = args.build.options(false);
    if let Some(text) = course_text(&args.build.outline, args.build.max_file_size) {
        match course_lecture(
            &args.build.outline,
            &text,
            args.lecture,
            &options,
            args.build.format(),
        ) {
            Ok(lecture) => options = lecture,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let mut session = Session::new(options);
    let options = crate::present::PresentOptions {
        port: args.port,
        lan: args.lan,
    };
    session_progress(&mut session);
    let format = args.build.format();
    let ready = |serving: &crate::present::Serving| {
        println!(
            "presenting on {}  (presenter console: {})",
            serving.audience, serving.presenter
        );
        if let (Some(remote), Some(qr)) = (&serving.remote, &serving.qr) {
            println!("phone remote: {remote}\n{qr}");
        }
        // Flushed now: scripts (and the tests) read the addresses from a pipe.
        let _ = std::io::Write::flush(&mut std::io::stdout());
        if !args.no_open {
            open_browser(&serving.presenter);
        }
    };
    let served = crate::present::present(&mut session, &options, ready, |event| {
        watch_event(event, format)
    });
    exit_with(served)
}

/// Opens an address in the default browser; failing that, says so.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("note: could not open a browser; open {url} yourself");
    }
}

/// Exit code 0, or 2 after printing why the command could not go on.
fn exit_with(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
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
    if std::env::var_os("LECTERN_TIMINGS").is_some() {
        for (stage, d) in &outcome.stats.stages {
            eprintln!("{:>8.2} ms  {stage}", d.as_secs_f64() * 1000.0);
        }
    }
}

/// The text of `path` when it is a course (`course.yaml`), not an outline.
fn course_text(path: &std::path::Path, max_mib: u64) -> Option<String> {
    crate::course::text_of(path, max_mib << 20)
}

/// Reads and checks a course file, printing its problems: the course (if
/// it could be read) and whether any problem is an error.
fn load_course(
    path: &std::path::Path,
    text: &str,
    format: Format,
) -> (Option<crate::course::Course>, bool) {
    let opened = crate::course::open(path, text);
    let shown = match format {
        Format::Human => diagnostics::render_human(
            &opened.sources,
            &opened.diagnostics,
            std::io::stderr().is_terminal(),
        ),
        Format::Json => diagnostics::render_json(&opened.sources, &opened.diagnostics),
    };
    eprint!("{shown}");
    let failed = opened.failed();
    (opened.course, failed)
}

/// The options for `present` or `watch` on a lecture of a course
/// (`--lecture N`), or an error message.
fn course_lecture(
    path: &std::path::Path,
    text: &str,
    lecture: Option<usize>,
    template: &crate::pipeline::BuildOptions,
    format: Format,
) -> Result<crate::pipeline::BuildOptions, String> {
    let course = load_course(path, text, format)
        .0
        .ok_or("the course could not be read")?;
    course.pick(lecture, template)
}

/// `lectern build course.yaml` and `lectern check course.yaml`: every
/// lecture, then (when building) the course index.
fn course(args: &CompileArgs, text: String, check_only: bool) -> ExitCode {
    if args.output.is_some() {
        eprintln!("error: `-o` names one PDF; a course writes one per lecture");
        eprintln!("  = hint: write them under a folder with `--out-dir DIR`");
        return ExitCode::from(2);
    }
    let (course, mut failed) = load_course(&args.outline, &text, args.format());
    let Some(course) = course else {
        return ExitCode::from(1);
    };
    let root = course.root.clone();
    let template = args.options(check_only);
    let built = crate::course::build::lectures(&course, &template, args.out_dir.as_deref());
    eprintln!(
        "\n{:>3}  {:<40} {:>6} {:>7}  files",
        "no.", "lecture", "slides", "minutes"
    );
    for b in &built {
        report(&b.outcome, args.format());
        let (slides, files) = match &b.outcome.result {
            Ok(deck) => (
                deck.slides.to_string(),
                std::iter::once(&deck.pdf)
                    .chain(deck.extra.iter().map(|(_, p)| p))
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Err(_) => {
                failed = true;
                ("-".into(), "FAILED".into())
            }
        };
        let minutes = b.minutes.map_or_else(|| "-".into(), |m| m.to_string());
        let files = if check_only && b.outcome.result.is_ok() {
            "checked".into()
        } else {
            files
        };
        eprintln!(
            "{:>3}  {:<40} {slides:>6} {minutes:>7}  {files}",
            b.lecture.number, b.title
        );
    }
    if !check_only {
        let dir = args.out_dir.clone().unwrap_or_else(|| root.clone());
        match crate::course::build::write_index(&course, &built, &dir, &template) {
            Ok(files) => {
                for f in files {
                    eprintln!("wrote {}", f.display());
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
            Ok((t, _)) => println!("{name:<12} {}", t.description),
            Err(_) => println!("{name:<12} (broken)"),
        }
    }
    ExitCode::SUCCESS
}

/// `lectern init DIR`.
fn init(dir: &std::path::Path, force: bool) -> ExitCode {
    match crate::scaffold::init(dir, force) {
        Ok(files) => {
            for f in &files {
                eprintln!("wrote {}", f.display());
            }
            eprintln!(
                "build it with: lectern build {}",
                dir.join(crate::scaffold::OUTLINE).display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `lectern import DECK`: prints the report's counts and findings.
fn import(deck: &std::path::Path, output: Option<&std::path::Path>, force: bool) -> ExitCode {
    match crate::import::import(deck, output, force) {
        Ok(done) => {
            for f in &done.report.findings {
                eprintln!("{}:{}: {}: {}", deck.display(), f.line, f.kind, f.what);
            }
            for (kind, n) in done.report.counts() {
                eprintln!("  {n:>4} × {kind}");
            }
            eprintln!(
                "imported {} ({}, {} slides) into {}; the report is {}",
                deck.display(),
                done.dialect.name(),
                done.slides,
                done.outline.display(),
                done.report_path.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `lectern theme new DIR --from NAME`.
fn theme_new(dir: &std::path::Path, from: &str) -> ExitCode {
    match theme::eject(from, dir) {
        Ok(files) => {
            for f in files {
                eprintln!("wrote {}", f.display());
            }
            eprintln!(
                "use it with `--theme {}` or `theme: {}` in the outline",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        super::Cli::command().debug_assert();
    }
}
