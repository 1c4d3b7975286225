//! Running a course: reading `course.yaml` through the input gate, choosing
//! one lecture (`--lecture N`), and watching every lecture. The CLI prints;
//! this module decides.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::Course;
use super::build::LiveIndex;
use crate::diagnostics::{Diagnostic, Sources};
use crate::pipeline::{BuildOptions, Session};
use crate::watch::Event;
use crate::world::fonts::FontSet;

/// `course.yaml` read and checked: the sources its messages point into, the
/// course (if it could be read), and every problem found.
pub struct Opened {
    /// course.yaml, for rendering the diagnostics.
    pub sources: Sources,
    /// The course, with the lectures whose entries passed.
    pub course: Option<Course>,
    /// Every problem, located in course.yaml.
    pub diagnostics: Vec<Diagnostic>,
}

impl Opened {
    /// Whether any problem is an error.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The text of `path` when it is a course (`course.yaml`), not an outline:
/// read through the input gate (a regular file within `max_bytes`), so a
/// FIFO or `/dev/zero` is never read here; the outline's own reading then
/// reports why.
pub fn text_of(path: &Path, max_bytes: u64) -> Option<String> {
    crate::world::sandbox::read_text_capped(path, max_bytes).filter(|text| super::is_course(text))
}

/// Reads and checks the course in `text` (the contents of `path`).
pub fn open(path: &Path, text: &str) -> Opened {
    let root = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let mut sources = Sources::default();
    let name = crate::theme::display_path(path);
    let file = sources.add(name.clone(), Some(path.to_path_buf()), text.to_string());
    let (course, diagnostics) = super::parse(file, &name, text, &root);
    Opened {
        sources,
        course,
        diagnostics,
    }
}

impl Course {
    /// The build options of lecture `number` (`--lecture N`) for `present`
    /// or `watch`, or why there is none.
    pub fn pick(
        &self,
        number: Option<usize>,
        template: &BuildOptions,
    ) -> Result<BuildOptions, String> {
        let n = number.ok_or("a course holds several lectures: choose one with `--lecture N`")?;
        let lecture = self.lecture(n).ok_or_else(|| {
            format!(
                "the course has no lecture {n} that builds (it lists {} that do)",
                self.lectures.len()
            )
        })?;
        Ok(self.lecture_options(lecture, template, None))
    }
}

/// What watching a course reports, besides each lecture's own events.
pub enum IndexEvent {
    /// The index was written again: these files.
    Wrote(Vec<PathBuf>),
    /// The index could not be written.
    Failed(String),
}

/// `lectern watch course.yaml`: one watcher per lecture, each following
/// only its own files, so a save rebuilds only the lectures it touches. The
/// lectures share one font set; the course index is written once every
/// lecture has built, and again whenever what it shows changes. Returns
/// the watchers' failures.
pub fn watch(
    course: &Course,
    template: &BuildOptions,
    out_dir: Option<&Path>,
    on_event: &(dyn Fn(&Event<'_>) + Sync),
    on_index: &(dyn Fn(IndexEvent) + Sync),
) -> Vec<String> {
    let dir = out_dir.map_or_else(|| course.root.clone(), Path::to_path_buf);
    let index = Mutex::new(LiveIndex::new(course, template, dir));
    let fonts = Arc::new(FontSet::new(&template.font_paths));
    std::thread::scope(|scope| {
        let watchers: Vec<_> = course
            .lectures
            .iter()
            .enumerate()
            .map(|(i, lecture)| {
                let options = course.lecture_options(lecture, template, out_dir);
                let (index, fonts) = (&index, fonts.clone());
                scope.spawn(move || {
                    let mut session = Session::new(options);
                    session.share_fonts(fonts);
                    crate::watch::watch(&mut session, |_, event| {
                        on_event(event);
                        if let Event::Built { outcome, .. } = event
                            && let Ok(mut index) = index.lock()
                        {
                            on_index(match index.record(i, outcome) {
                                Ok(files) => IndexEvent::Wrote(files),
                                Err(e) => IndexEvent::Failed(e),
                            });
                        }
                    })
                })
            })
            .collect();
        watchers
            .into_iter()
            .filter_map(|w| w.join().ok().and_then(Result::err))
            .collect()
    })
}
