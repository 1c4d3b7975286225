//! The build pipeline: parse → validate → codegen → compile → check → export.
//!
//! A [`Session`] keeps what is worth keeping between builds of one process
//! (fonts, the World with its generated sources, Typst's caches), so `watch`
//! rebuilds reuse them. The options of a build are in `options.rs`, the
//! font policy in `fonts.rs`, and the outputs (made in memory, written by
//! [`Session::write`]) in `outputs.rs`.

mod fonts;
mod options;
mod outputs;
mod paper;

use self::fonts::missing_families;
pub use self::options::{
    BuildOptions, GapOutputs, HandoutColors, HandoutDividers, OverviewFormat, PngOptions, Prepared,
};
use self::outputs::{Deck, DeckPdf, Written};
pub use self::outputs::{Kind, Output};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::foundations::Datetime;

use crate::codegen::{self, Generated};
use crate::compile::{self, Compiled};
use crate::diagnostics::{Diagnostic, Sources};
use crate::export::{self, PdfSettings};
use crate::outline::{self, Outline};
use crate::theme::{self, Theme};
use crate::world::fonts::{FontSet, SC_FALLBACKS};
use crate::world::sandbox::{self, Sandbox};
use crate::world::{LecternWorld, Reads};

/// Why a build failed, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The outline, its data or its theme has errors (exit code 1).
    Input,
    /// A file could not be read or written (exit code 2).
    Io,
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct Built {
    /// The PDF written (or that would be written, for `check`).
    pub pdf: PathBuf,
    /// The number of pages.
    pub pages: usize,
    /// The number of slides (a slide with reveal steps counts once).
    pub slides: usize,
    /// The PDF's size in bytes.
    pub bytes: usize,
    /// Other files made (notes, handout, PNG pages, overview), by kind.
    pub extra: Vec<(Kind, PathBuf)>,
    /// Every file to write, the PDF first; emptied by [`Session::write`].
    pub files: Vec<Output>,
    /// The laid-out deck, when PNG pages are to be rendered as they are
    /// written.
    pub document: Option<typst_layout::PagedDocument>,
    /// The speaking-time estimate, section by section.
    pub timing: outline::Timing,
    /// The deck's title, as the outline gives it.
    pub title: String,
}

/// The result of one build: diagnostics to show, and what was produced.
#[derive(Clone)]
pub struct Outcome {
    /// The files diagnostics point into.
    pub sources: Sources,
    /// Errors and warnings, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// What was built, or why not.
    pub result: Result<Built, Failure>,
    /// What the build did.
    pub stats: BuildStats,
}

/// A listener for long work: what is being done, how much is done, of how
/// much. The CLI draws it as a progress bar; the pipeline never prints.
pub type Progress = Arc<dyn Fn(&str, usize, usize) + Send + Sync>;

/// A good build's laid-out deck, kept for the presenter console.
pub struct KeptDeck {
    /// The outline it was built from (sections, time plan, metadata).
    pub outline: Outline,
    /// The laid-out pages, as in the PDF.
    pub document: typst_layout::PagedDocument,
    /// For each page, its slide and step.
    pub pages: Vec<compile::PageInfo>,
    /// For each slide id, what lectern knows about it.
    pub slides: Vec<codegen::SlideInfo>,
    /// Told once the console shows the deck: the build then goes on to the
    /// PDF export.
    pub shown: std::sync::mpsc::Sender<()>,
}

/// The longest a build waits for the presenter console to show its changed
/// pages before it exports the PDF.
const PUSH_FIRST: std::time::Duration = std::time::Duration::from_millis(250);

/// State kept between builds of one process.
pub struct Session {
    /// The build settings.
    pub options: BuildOptions,
    /// Fonts, loaded once.
    fonts: Option<Arc<FontSet>>,
    /// The World of the last build, with the theme it was made for.
    world: Option<(Theme, LecternWorld)>,
    /// Every file the last build read or asked for (absolute paths).
    dependencies: std::collections::BTreeSet<PathBuf>,
    /// Whether the current build got as far as Typst.
    reached_typst: bool,
    /// Where each good build's laid-out deck goes, if anywhere.
    deck_sink: Option<std::sync::mpsc::Sender<KeptDeck>>,
    /// Told how long work goes (what, done, total), if anyone listens.
    progress: Option<Progress>,
    /// Typst's output of the last successful typeset, with what it read.
    last_typeset: Option<(compile::Typeset, Reads)>,
    /// What the deck's last compilation (successful or not) read and asked
    /// for.
    deck_reads: Reads,
    /// The last PDF exported, with its key (title and settings).
    last_pdf: Option<(String, export::Pdf, u128)>,
    /// What the current build did.
    stats: BuildStats,
    /// Each file this session wrote: the hash of its bytes, its size and
    /// modification time just after.
    written: std::collections::HashMap<PathBuf, Written>,
}

/// What a build did: counts for tests, stage times for benchmarks and
/// `LECTERN_TIMINGS`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Content-slide units generated; unchanged slides reuse their unit.
    pub units_generated: usize,
    /// Generated files Typst had to parse and evaluate again.
    pub sources_changed: usize,
    /// Whether Typst was skipped because nothing it reads changed (a
    /// notes-only edit): the last layout and PDF were reused.
    pub typst_skipped: bool,
    /// Each stage's name and duration, for a successful build.
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

impl Session {
    /// Creates a session; nothing is loaded until the first build.
    pub fn new(options: BuildOptions) -> Self {
        Self {
            options,
            fonts: None,
            world: None,
            dependencies: std::collections::BTreeSet::new(),
            reached_typst: false,
            deck_sink: None,
            progress: None,
            last_typeset: None,
            deck_reads: Reads::default(),
            last_pdf: None,
            stats: BuildStats::default(),
            written: std::collections::HashMap::new(),
        }
    }

    /// Uses fonts already loaded (a course's lectures share one set).
    pub fn share_fonts(&mut self, fonts: Arc<FontSet>) {
        self.fonts = Some(fonts);
    }

    /// Reports the progress of long work (rendering PNG pages) to `progress`.
    pub fn on_progress(&mut self, progress: Progress) {
        self.progress = Some(progress);
    }

    /// Sends each good build's laid-out deck to `sink` (the presenter
    /// console). The deck goes as soon as it is laid out and checked,
    /// before the PDF export, so the console shows an edit while the PDF is
    /// still being written; under `--deny-warnings` it goes only once the
    /// whole build has succeeded.
    pub fn send_decks(&mut self, sink: std::sync::mpsc::Sender<KeptDeck>) {
        self.deck_sink = Some(sink);
    }

    /// Sends the deck to the sink, if there is one; the receiver hears
    /// when the console has shown it.
    fn send_deck(
        &self,
        outline: &Outline,
        compiled: &Compiled,
        generated: &Generated,
    ) -> Option<std::sync::mpsc::Receiver<()>> {
        let sink = self.deck_sink.as_ref()?;
        let (shown, heard) = std::sync::mpsc::channel();
        sink.send(KeptDeck {
            outline: outline.clone(),
            document: compiled.document.clone(),
            pages: compiled.pages.clone(),
            slides: generated.slides.clone(),
            shown,
        })
        .ok()?;
        Some(heard)
    }

    /// Every file the last build read or asked for, as absolute paths: the
    /// outline, its CSV files and images, the theme folder's files and any
    /// file raw Typst read. A file named but missing is included, so that
    /// creating it triggers a rebuild. `watch` follows exactly these.
    pub fn dependencies(&self) -> Vec<PathBuf> {
        self.dependencies.iter().cloned().collect()
    }

    /// Records what the build that just ran depended on. A build that failed
    /// before compiling keeps the previous list (plus anything new).
    fn record_dependencies(&mut self, inputs: Option<&[String]>, compiled: bool) {
        let base = Sandbox::new(&self.options.base_dir(), 0);
        let absolute = |p: &Path| base.root().join(p);
        if compiled {
            self.dependencies.clear();
        }
        let name = self.options.outline.file_name().map(PathBuf::from);
        if let Some(name) = name {
            self.dependencies.insert(absolute(&name));
        }
        for path in inputs.into_iter().flatten() {
            self.dependencies.insert(absolute(Path::new(path)));
        }
        if let Some((theme, _)) = &self.world
            && let Some(dir) = &theme.dir
        {
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            for (file, _) in &theme.files {
                self.dependencies.insert(dir.join(file));
            }
        }
        // What the deck's compilation asked for, as recorded when it ended:
        // the paper variants and handouts compiled since cannot change it.
        self.dependencies
            .extend(self.deck_reads.asked().iter().cloned());
    }

    /// Builds, then writes the files if the build succeeded: what `lectern
    /// build`, watch and the presenter console do.
    pub fn build_and_write(&mut self) -> Outcome {
        let mut outcome = self.build();
        self.write(&mut outcome);
        outcome
    }

    /// Runs one build: every output is made in memory, nothing is written
    /// and nothing printed ([`Session::write`] writes).
    pub fn build(&mut self) -> Outcome {
        let mut sources = Sources::default();
        let mut diagnostics = Vec::new();
        let mut inputs = None;
        self.reached_typst = false;
        self.stats = BuildStats::default();
        let result = self.run(&mut sources, &mut diagnostics, &mut inputs);
        self.record_dependencies(inputs.as_deref(), self.reached_typst);
        Outcome {
            sources,
            diagnostics,
            result,
            stats: std::mem::take(&mut self.stats),
        }
    }

    /// The pipeline proper; diagnostics are collected in `diags`.
    fn run(
        &mut self,
        sources: &mut Sources,
        diags: &mut Vec<Diagnostic>,
        inputs: &mut Option<Vec<String>>,
    ) -> Result<Built, Failure> {
        let opts = self.options.clone();
        let mut timings = Timings::start();
        // On the first build, load the fonts on another core while the
        // outline is read and parsed.
        let preload = self.fonts.is_none().then(|| {
            let paths = opts.font_paths.clone();
            std::thread::spawn(move || FontSet::new(&paths))
        });
        let (mut outline, warnings) = match &opts.prepared {
            Some(prepared) => {
                sources.add(
                    prepared.name.clone(),
                    Some(opts.outline.clone()),
                    prepared.text.clone(),
                );
                (prepared.outline.clone(), Vec::new())
            }
            None => read_outline(&opts, sources, diags)?,
        };
        diags.extend(warnings);
        *inputs = Some(
            outline::input_paths(&outline)
                .into_iter()
                .map(str::to_string)
                .collect(),
        );
        timings.mark("read + parse");
        let base = opts.base_dir();
        let sandbox = opts.sandbox();
        input(diags, outline::check_files(&outline, &sandbox))?;
        if opts.no_raw {
            input(diags, outline::refuse_raw(&outline))?;
        }
        input(diags, outline::load_data(&mut outline, &sandbox, sources))?;
        let (spec, origin) = match (&opts.theme, &outline.meta.theme) {
            (Some(t), _) => (t.clone(), theme::Origin::CommandLine),
            (None, Some(t)) => (
                t.value.clone(),
                theme::Origin::Outline {
                    no_raw: opts.no_raw,
                },
            ),
            // A course's theme (checked inside the course folder when the
            // course was read) is Typst code the user did not choose: it is
            // refused under --no-raw like an outline's.
            (None, None) => (
                opts.default_theme
                    .clone()
                    .unwrap_or_else(|| theme::DEFAULT.to_string()),
                if opts.no_raw && opts.default_theme.is_some() {
                    theme::Origin::Outline { no_raw: true }
                } else {
                    theme::Origin::CommandLine
                },
            ),
        };
        let (theme, theme_warnings) =
            theme::load_from(&spec, &base, origin, opts.max_bytes(), sources).map_err(|e| {
                diags.extend(e.into_iter().map(|d| match (&d.span, &outline.meta.theme) {
                    (None, Some(t)) if opts.theme.is_none() => d.at(t.span.clone()),
                    _ => d,
                }));
                Failure::Input
            })?;
        diags.extend(theme_warnings);
        timings.mark("files, CSV, theme");
        // Fonts first: the user's text decides whether system fonts are
        // needed, and which Simplified Chinese fallback families exist.
        if let Some(fonts) = preload.and_then(|handle| handle.join().ok()) {
            self.fonts = Some(Arc::new(fonts));
        }
        let mut user_text: String = sources.texts().collect();
        user_text.push_str(&codegen::interface_text(&outline.meta));
        let families: Vec<&str> = theme
            .text_fonts
            .iter()
            .chain(&theme.raw_fonts)
            .chain(&theme.math_fonts)
            .map(String::as_str)
            .collect();
        let fonts = self.fonts(&user_text, &families, &mut timings);
        diags.extend(missing_families(&fonts, &families, &theme.name));
        let fallbacks = fonts.present(SC_FALLBACKS);
        let faces = codegen::chart_faces(&theme, &fallbacks, &fonts);
        timings.mark("font coverage");
        let made = codegen::units_made();
        let generated = codegen::generate(&outline, &theme, &fallbacks, &faces);
        self.stats.units_generated = codegen::units_made() - made;
        timings.mark("codegen");
        let typeset = self
            .compile(&outline, &theme, &generated, sandbox, sources, &mut timings)
            .map_err(|e| {
                diags.extend(e);
                Failure::Input
            })?;
        // The PDF is exported on another core while lectern checks the deck
        // and makes its other outputs; a notes-only edit reuses the last.
        // For the presenter console the changed pages go first: the export
        // starts once they are shown (or after a moment).
        let settings = PdfSettings {
            standards: opts.pdf_standards.clone(),
            timestamp: today(&outline),
            ua: true,
        };
        let key = format!("{}|{settings:?}", outline.meta.title.value);
        let early = !opts.deny_warnings;
        let mut pdf = match self.last_pdf.take() {
            Some((last, made, hash)) if self.stats.typst_skipped && last == key => {
                Some(DeckPdf::ready(made, hash))
            }
            _ => None,
        };
        let start_pdf = |document: &typst_layout::PagedDocument| {
            DeckPdf::start(document.clone(), outline.meta.clone(), settings.clone())
        };
        let presenting = early && self.deck_sink.is_some();
        if pdf.is_none() && !presenting {
            pdf = Some(start_pdf(&typeset.document));
        }
        let compiled = self
            .check(typeset, &theme, &generated, sources)
            .map_err(|e| {
                diags.extend(e);
                Failure::Input
            })?;
        diags.extend(compiled.warnings.iter().cloned());
        timings.mark("checks");
        if early && let Some(shown) = self.send_deck(&outline, &compiled, &generated) {
            let _ = shown.recv_timeout(PUSH_FIRST);
        }
        let pdf = pdf.unwrap_or_else(|| start_pdf(&compiled.document));
        let (planned, plan_warnings) = outline::time_plan(&outline);
        diags.extend(plan_warnings);
        let mut timing = outline::timing(&outline);
        diags.extend(outline::timing_warnings(&outline, &timing));
        diags.extend(last_times(&mut timing, &opts.base_dir(), opts.max_bytes()));
        let mut built = Built {
            pdf: opts.pdf_path(),
            pages: compiled.document.pages().len(),
            slides: generated.slides.len(),
            bytes: 0,
            extra: Vec::new(),
            files: Vec::new(),
            document: None,
            timing,
            title: outline.meta.title.value.clone(),
        };
        let files = if opts.check_only {
            Ok(Vec::new())
        } else {
            let deck = Deck {
                outline: &outline,
                generated: &generated,
                compiled: &compiled,
                pdf: &pdf,
                theme: &theme,
                planned,
            };
            self.outputs(&deck, diags)
        };
        timings.mark("other outputs");
        // Whatever failed, the export's own errors are reported.
        let (made, hash) = pdf.finish().map_err(|e| {
            diags.extend(e);
            Failure::Input
        })?;
        timings.mark("pdf export (rest)");
        if let Some((_, world)) = self.world.as_ref() {
            diags.extend(compile::not_accessible(
                world,
                &generated,
                &theme,
                sources,
                &made.dropped,
            ));
        }
        let mut files = files?;
        built.bytes = made.bytes.len();
        let bytes = made.bytes.clone();
        self.last_pdf = Some((key, made, hash));
        if opts.check_only {
            deny(&opts, diags)?;
            return Ok(built);
        }
        files.insert(
            0,
            Output::hashed(built.pdf.clone(), Kind::Deck, (bytes, hash)),
        );
        built.extra = files
            .iter()
            .skip(1)
            .map(|o| (o.kind, o.path.clone()))
            .collect();
        if files.iter().any(|o| o.kind == Kind::PngPage) {
            built.document = Some(compiled.document.clone());
        }
        built.files = files;
        // The one gate: every stage that can warn has run, nothing is
        // written yet.
        deny(&opts, diags)?;
        self.stats.stages = timings.stages;
        if !early {
            self.send_deck(&outline, &compiled, &generated);
        }
        Ok(built)
    }

    /// lectern's checks of the laid-out deck, in the World it was laid out
    /// in.
    fn check(
        &self,
        typeset: compile::Typeset,
        theme: &Theme,
        generated: &Generated,
        sources: &mut Sources,
    ) -> Result<Compiled, Vec<Diagnostic>> {
        let Some((_, world)) = self.world.as_ref() else {
            return Err(vec![Diagnostic::error("internal error: no world")]);
        };
        compile::check(world, typeset, generated, theme, sources)
    }

    /// Prepares the World, then runs Typst (or reuses its last output).
    fn compile(
        &mut self,
        outline: &Outline,
        theme: &Theme,
        generated: &Generated,
        sandbox: Sandbox,
        sources: &mut Sources,
        timings: &mut Timings,
    ) -> Result<compile::Typeset, Vec<Diagnostic>> {
        // `run` chose the fonts (and whether the system ones are needed).
        let fonts = self
            .fonts
            .clone()
            .unwrap_or_else(|| Arc::new(FontSet::new(&self.options.font_paths)));
        let reuse = matches!(&self.world, Some((t, _)) if t == theme);
        match self.world.as_mut() {
            // An edited theme: the same World, warm, with the new files.
            Some((old, world)) if !reuse => {
                world.set_theme(&theme.files, theme.dir.as_deref(), today(outline));
                *old = theme.clone();
            }
            Some(_) => {}
            None => {
                let world = LecternWorld::new(
                    sandbox,
                    fonts,
                    &theme.files,
                    theme.dir.as_deref(),
                    today(outline),
                );
                self.world = Some((theme.clone(), world));
            }
        }
        let Some((_, world)) = self.world.as_mut() else {
            return Err(vec![Diagnostic::error("internal error: no world")]);
        };
        self.reached_typst = true;
        // Nothing Typst reads has changed (a notes-only edit, a save without
        // changes): its last output is reused, and only lectern's checks run
        // again, against the current outline.
        let last = match self.last_typeset.take() {
            Some((typeset, reads)) if reuse && world.unchanged(&generated.files, &reads) => {
                self.stats.typst_skipped = true;
                Some((typeset, reads))
            }
            _ => None,
        };
        let (typeset, reads) = match last {
            Some(last) => last,
            None => {
                world.set_sources(&generated.files);
                self.stats.sources_changed = world.changed_sources();
                let typeset = compile::typeset(world, generated, theme, sources);
                // The deck compilation's record of its inputs, taken as it
                // ends (failed or not): nothing compiled later changes it.
                self.deck_reads = world.reads();
                let typeset = typeset?;
                comemo::evict(10);
                (typeset, self.deck_reads.clone())
            }
        };
        self.last_typeset = Some((typeset.clone(), reads));
        timings.mark("typst compile");
        Ok(typeset)
    }
}

/// Stage timings of a build ([`Outcome::stages`]).
struct Timings {
    /// When the last stage ended.
    last: std::time::Instant,
    /// Each stage's name and duration.
    stages: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    /// Starts timing.
    fn start() -> Self {
        Self {
            last: std::time::Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends a stage.
    fn mark(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

/// The name of the file the presenter console saves the lecture's actual
/// times in, beside the outline.
pub const TIMING_FILE: &str = "timing.json";

/// Reads and parses the outline file through the input gate.
fn read_outline(
    opts: &BuildOptions,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Outline, Vec<Diagnostic>), Failure> {
    let bytes = sandbox::read_capped(&opts.outline, opts.max_bytes()).map_err(|e| {
        diags.push(
            Diagnostic::error(format!("cannot read {}: {e}", opts.outline.display())).hint(
                "give the path of a lecture outline, e.g. slides/container-orchestration-wars.yaml",
            ),
        );
        Failure::Io
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        diags.push(
            Diagnostic::error(format!("{} is not UTF-8 text", opts.outline.display()))
                .hint("save the outline as UTF-8"),
        );
        Failure::Input
    })?;
    let file = sources.add(
        opts.outline.display().to_string(),
        Some(opts.outline.clone()),
        text,
    );
    outline::parse(file, sources.get(file)).map_err(|e| {
        diags.extend(e);
        Failure::Input
    })
}

/// Reads the last lecture's actual times (`timing.json` beside the outline)
/// into `timing`. A missing file is nothing; one that cannot be read is a
/// warning, never a failed build.
fn last_times(timing: &mut outline::Timing, base: &Path, max_bytes: u64) -> Option<Diagnostic> {
    let sandbox = Sandbox::new(base, max_bytes);
    let problem = match sandbox.read(Path::new(TIMING_FILE)) {
        Err(sandbox::ReadError::NotFound) => return None,
        Err(e) => e.to_string(),
        Ok((_, bytes)) => match std::str::from_utf8(&bytes) {
            Ok(text) => outline::read_actual(timing, text).err()?,
            Err(_) => "it is not UTF-8 text".into(),
        },
    };
    Some(
        Diagnostic::warning(format!(
            "{} beside the outline cannot be read ({problem}); the last lecture's times are left out",
            TIMING_FILE
        ))
        .hint("save it again from the presenter console (Save the times), or delete it"),
    )
}

/// Fails the build when warnings are denied and any stage warned; called
/// once every output is made and before anything is written.
fn deny(opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Result<(), Failure> {
    if opts.deny_warnings && diags.iter().any(Diagnostic::is_warning) {
        diags.push(
            Diagnostic::error("warnings are denied (--deny-warnings); nothing was written")
                .hint("fix the warnings above, or build without --deny-warnings"),
        );
        return Err(Failure::Input);
    }
    Ok(())
}

/// Adds diagnostics, failing if any is an error.
fn input(diags: &mut Vec<Diagnostic>, found: Vec<Diagnostic>) -> Result<(), Failure> {
    let failed = found.iter().any(Diagnostic::is_error);
    diags.extend(found);
    if failed { Err(Failure::Input) } else { Ok(()) }
}

/// The date Typst's `datetime.today()` returns: the outline's date, else
/// `SOURCE_DATE_EPOCH`, else now.
fn today(outline: &Outline) -> Datetime {
    if let Some(d) = &outline.meta.date
        && let Some(dt) = Datetime::from_ymd(d.value.year, d.value.month, d.value.day)
    {
        return dt;
    }
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .map(|t| t.date())
        .and_then(|d| Datetime::from_ymd(d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("valid date"))
}
