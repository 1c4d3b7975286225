//! A course (`course.yaml`): every lecture built in one run, the index
//! (`course.pdf` with a linked row per lecture, and the course site with
//! `--html`), shared files under the course folder, a broken lecture
//! failing alone, and every mistake in course.yaml at its line.

use std::path::Path;

use crate::util::*;

/// A lecture outline: two content slides, one a chart of the course's
/// shared CSV file.
fn lecture(title: &str) -> String {
    format!(
        "title: {title}\nlang: zh\nsections:\n  - title: 概览\n    minutes: 5\n    slides:\n      - title: 要点\n        bullets: [一, 二]\n      - title: 用户数\n        chart: {{ kind: line, data: ../shared/users.csv, source: 课程数据 }}\n      - title: 课程图\n        image: ../shared/logo.png\n"
    )
}

/// The repository, where `docs/table.png` is.
fn root_of_repo() -> std::path::PathBuf {
    crate::util::root()
}

/// A course folder: `course.yaml` with the given text, three lectures, a
/// shared CSV file and a shared picture.
fn course(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(
        root.join("shared/users.csv"),
        "year,Users\n2020,1\n2021,3\n2022,7\n",
    )
    .unwrap();
    std::fs::copy(
        root_of_repo().join("docs/table.png"),
        root.join("shared/logo.png"),
    )
    .unwrap();
    for (folder, title) in [
        ("01-intro", "容器简史"),
        ("02-docker", "Docker 入门"),
        ("03-k8s", "Kubernetes 对象"),
    ] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
        std::fs::write(root.join(folder).join("lecture.yaml"), lecture(title)).unwrap();
    }
    std::fs::write(root.join("course.yaml"), yaml).unwrap();
    dir
}

const COURSE: &str = "title: 云原生架构\nterm: 2026 秋\ntheme: academic\nlang: zh\nlectures:\n  - 01-intro/lecture.yaml\n  - path: 02-docker/lecture.yaml\n    date: 2026-10-13\n  - 03-k8s/lecture.yaml\n";

/// The PDF's raw bytes hold a link to `target`.
fn links_to(pdf: &Path, target: &str) -> bool {
    let bytes = std::fs::read(pdf).unwrap();
    let needle = format!("({target})");
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_course_of_three_lectures_builds_three_decks_the_index_and_the_site() {
    let dir = course(COURSE);
    let root = dir.path();
    let out = build_in(root, &["course.yaml", "--html", "--handout"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    // Each lecture read the shared CSV through `../shared/`.
    for folder in ["01-intro", "02-docker", "03-k8s"] {
        let pdf = root.join(folder).join("lecture.pdf");
        let text = squash(&pdf_text(&pdf));
        assert!(
            text.contains("用户数") && text.contains("2021"),
            "{folder}: {text}"
        );
        // And the shared picture, through `../shared/` in Typst too.
        assert!(!Pdf::open(&pdf).image_sizes().is_empty(), "{folder}");
        assert!(root.join(folder).join("lecture.html").exists());
        assert!(root.join(folder).join("lecture-handout.pdf").exists());
    }
    // The summary names every lecture with its slides and minutes.
    for title in ["容器简史", "Docker 入门", "Kubernetes 对象"] {
        let line = stderr
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{stderr}"));
        assert!(
            line.contains(" 5 ") && line.contains("lecture.pdf"),
            "{line}"
        );
    }
    // course.pdf: the title page, then one row per lecture, linked.
    let index = root.join("course.pdf");
    let text = squash(&pdf_text(&index));
    for word in [
        "云原生架构",
        "2026秋",
        "容器简史",
        "Docker入门",
        "Kubernetes对象",
        "2026-10-13",
    ] {
        assert!(text.contains(word), "{word} missing from {text}");
    }
    for folder in ["01-intro", "02-docker", "03-k8s"] {
        assert!(
            links_to(&index, &format!("{folder}/lecture.pdf")),
            "{folder}"
        );
    }
    // The site: an index linking a self-contained copy of each deck.
    let site = std::fs::read_to_string(root.join("course-site/index.html")).unwrap();
    for (n, page) in ["01-lecture.html", "02-lecture.html", "03-lecture.html"]
        .iter()
        .enumerate()
    {
        assert!(site.contains(&format!("href=\"{page}\"")), "{site}");
        let html = std::fs::read_to_string(root.join("course-site").join(page)).unwrap();
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "lecture {n}"
        );
    }
    assert!(!site.contains("http://") && !site.contains("https://"));
}

#[test]
fn out_dir_keeps_the_lecture_folders_and_check_writes_nothing() {
    let dir = course(COURSE);
    let root = dir.path();
    lectern()
        .current_dir(root)
        .args(["check", "course.yaml"])
        .assert()
        .success();
    assert!(!root.join("01-intro/lecture.pdf").exists() && !root.join("course.pdf").exists());
    build_in(root, &["course.yaml", "--out-dir", "public"]).success();
    for folder in ["01-intro", "02-docker", "03-k8s"] {
        assert!(
            root.join("public")
                .join(folder)
                .join("lecture.pdf")
                .exists()
        );
        assert!(!root.join(folder).join("lecture.pdf").exists());
    }
    assert!(links_to(
        &root.join("public/course.pdf"),
        "02-docker/lecture.pdf"
    ));
}

#[test]
fn a_broken_lecture_fails_alone_with_exit_1() {
    let dir = course(COURSE);
    let root = dir.path();
    std::fs::write(
        root.join("02-docker/lecture.yaml"),
        "title: Docker\nlang: zh\nsections:\n  - title: S\n    slides:\n      - title: X\n        bulets: [a]\n",
    )
    .unwrap();
    let out = build_in(root, &["course.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("02-docker/lecture.yaml:7:"), "{stderr}");
    assert!(stderr.contains("FAILED"), "{stderr}");
    assert!(root.join("01-intro/lecture.pdf").exists());
    assert!(root.join("03-k8s/lecture.pdf").exists());
    assert!(!root.join("02-docker/lecture.pdf").exists());
    let text = squash(&pdf_text(&root.join("course.pdf")));
    assert!(
        text.contains("容器简史") && !text.contains("Docker入门"),
        "{text}"
    );
}

#[test]
fn mistakes_in_course_yaml_are_located_and_the_other_lectures_still_build() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "lectures:\n  - 01-intro/lecture.yaml\n  - 04-missing/lecture.yaml\n",
            "course.yaml:3:5",
            "lecture `04-missing/lecture.yaml` not found",
        ),
        (
            "lectures:\n  - 01-intro/lecture.yaml\n  - ./01-intro/lecture.yaml\n",
            "course.yaml:3:5",
            "is listed twice (first as lecture 1)",
        ),
        (
            "lectures:\n  - 01-intro/lecture.yaml\n  - 01-intro/lecture.yml\n",
            "course.yaml:3:5",
            "would both write `01-intro/lecture.pdf`",
        ),
        (
            "lectures:\n  - 01-intro/lecture.yaml\n  - ../elsewhere/lecture.yaml\n",
            "course.yaml:3:5",
            "lies outside the course folder",
        ),
        (
            "title: C\nlecture: []\nlectures:\n  - 01-intro/lecture.yaml\n",
            "course.yaml:2:1",
            "did you mean `lectures`?",
        ),
    ];
    for (yaml, at, message) in cases {
        let dir = course(yaml);
        std::fs::copy(
            dir.path().join("01-intro/lecture.yaml"),
            dir.path().join("01-intro/lecture.yml"),
        )
        .unwrap();
        let out = build_in(dir.path(), &["course.yaml"]).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr);
        assert!(
            stderr.contains(at) && stderr.contains(message),
            "{yaml}\n{stderr}"
        );
        // The good lecture still built.
        assert!(
            dir.path().join("01-intro/lecture.pdf").exists(),
            "{yaml}\n{stderr}"
        );
    }
    let dir = course("title: C\nlectures: []\n");
    let out = build_in(dir.path(), &["course.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("`lectures:` is empty") && stderr.contains("course.yaml:2:11"),
        "{stderr}"
    );
}

#[test]
fn a_lecture_cannot_read_outside_the_course_folder() {
    let dir = course(COURSE);
    let root = dir.path();
    std::fs::write(
        root.join("03-k8s/lecture.yaml"),
        lecture("K").replace("../shared/users.csv", "../../users.csv"),
    )
    .unwrap();
    std::fs::write(
        root.parent().unwrap().join("users.csv"),
        "year,Users\n2020,1\n",
    )
    .ok();
    let out = build_in(root, &["course.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("03-k8s/lecture.yaml:") && stderr.contains("outside"),
        "{stderr}"
    );
    assert!(!root.join("03-k8s/lecture.pdf").exists());
}

#[test]
fn schema_course_describes_course_yaml() {
    let out = lectern().args(["schema", "--course"]).assert().success();
    let schema: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    let keys: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["title", "term", "theme", "lang", "lectures"] {
        assert!(keys.contains(&key), "{key}: {keys:?}");
    }
    assert_eq!(schema["required"][0], "lectures");
    let lecture = &schema["properties"]["lectures"]["items"]["oneOf"][1];
    assert_eq!(lecture["required"][0], "path");
    assert!(lecture["properties"]["date"].is_object());
}

#[test]
fn present_course_lecture_2_serves_that_lecture_with_its_shared_files() {
    let dir = course(COURSE);
    let console = crate::console::Console::start(dir.path(), "course.yaml", &["--lecture", "2"]);
    let deck = console.deck();
    let pages = deck["pages"].as_array().expect("pages");
    let text: String = pages
        .iter()
        .map(|p| p["text"].as_str().unwrap_or_default())
        .collect();
    let text = squash(&text);
    assert!(
        text.contains("Docker入门") && !text.contains("容器简史"),
        "{text}"
    );
    // The chart of ../shared/users.csv was drawn.
    assert!(text.contains("2021"), "{text}");
    // Without --lecture, a course is refused with what to do.
    let out = lectern()
        .current_dir(dir.path())
        .args(["present", "course.yaml", "--no-open", "--port", "0"])
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--lecture N"));
}

/// Kills the watcher when the test ends.
struct Watching(std::process::Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_course_rebuilds_only_the_lecture_that_changed_and_keeps_the_index_current() {
    let dir = course(COURSE);
    let root = dir.path();
    let log = root.join("watch.log");
    let _watching = Watching(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("lectern"))
            .current_dir(root)
            .args(["watch", "course.yaml"])
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let wait = |what: &str, ready: &dyn Fn() -> bool| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !ready() {
            assert!(
                std::time::Instant::now() < deadline,
                "waited for {what}; the log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let rebuilt = |folder: &str| {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("rebuilt") && l.contains(folder))
            .count()
    };
    wait("the first builds", &|| {
        ["01-intro", "02-docker", "03-k8s"]
            .iter()
            .all(|f| rebuilt(f) == 1)
    });
    // An edit to lecture 2, saved whole.
    let outline = root.join("02-docker/lecture.yaml");
    let tmp = root.join("02-docker/lecture.yaml.swp");
    std::fs::write(&tmp, lecture("Docker 进阶")).unwrap();
    std::fs::rename(&tmp, &outline).unwrap();
    wait("lecture 2's rebuild", &|| rebuilt("02-docker") == 2);
    assert!(squash(&pdf_text(&root.join("02-docker/lecture.pdf"))).contains("Docker进阶"));
    // The course index follows the new title: written after the first
    // builds, and again after the edit.
    let index_writes = || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("wrote") && l.contains("course.pdf"))
            .count()
    };
    wait("the index with the new title", &|| index_writes() == 2);
    assert!(squash(&pdf_text(&root.join("course.pdf"))).contains("Docker进阶"));
    // The shared file is followed too: every lecture charts it.
    std::fs::write(
        root.join("shared/users.csv"),
        "year,Users\n2020,1\n2023,9\n",
    )
    .unwrap();
    wait("the rebuilds after the shared edit", &|| {
        rebuilt("01-intro") == 2 && rebuilt("03-k8s") == 2 && rebuilt("02-docker") == 3
    });
    // Nothing else was rebuilt, and the index shows nothing new: it is
    // left alone.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!((rebuilt("01-intro"), rebuilt("03-k8s")), (2, 2));
    assert_eq!(index_writes(), 2);
}

#[test]
fn a_course_refuses_one_output_file_and_speaks_json_when_asked() {
    let dir = course(COURSE);
    let out = build_in(dir.path(), &["course.yaml", "-o", "x.pdf"]).code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--out-dir"));
    assert!(!dir.path().join("x.pdf").exists());
    let dir = course("title: C\nlectures:\n  - 01-intro/lecture.yaml\n  - 09-none/lecture.yaml\n");
    let out = build_in(dir.path(), &["course.yaml", "--diagnostic-format", "json"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    let first: serde_json::Value = serde_json::from_str(stderr.lines().next().unwrap())
        .unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert!(
        first["message"].as_str().unwrap().contains("09-none"),
        "{first}"
    );
    assert_eq!(first["location"]["line"], 4, "{first}");
}

#[test]
fn a_lecture_planning_no_minutes_in_a_folder_with_brackets_gets_its_index_row_and_link() {
    let dir = course(COURSE);
    let root = dir.path();
    std::fs::create_dir_all(root.join("04-a(b)")).unwrap();
    std::fs::write(
        root.join("04-a(b)/lecture.yaml"),
        "title: 无计划\nlang: zh\nsections:\n  - title: 概览\n    slides:\n      - title: 要点\n        bullets: [一, 二]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("course.yaml"),
        format!("{COURSE}  - \"04-a(b)/lecture.yaml\"\n"),
    )
    .unwrap();
    build_in(root, &["course.yaml"]).success();
    let index = root.join("course.pdf");
    let text = pdf_text(&index);
    assert!(text.contains("无计划"), "{text}");
    assert!(links_to(&index, "04-a%28b%29/lecture.pdf"));
}

#[test]
fn a_course_theme_outside_the_course_or_under_no_raw_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let dir = course(&COURSE.replace("theme: academic", "theme: ../evil"));
    // The folder exists beside the course, as an attacker would plant it.
    let evil = dir.path().parent().unwrap().join("evil");
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(evil.join("theme.typ"), "#panic(\"ran\")").unwrap();
    let out = build_in(dir.path(), &["course.yaml"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("theme folder `../evil` is outside the course folder"),
        "{stderr}"
    );
    assert!(stderr.contains("course.yaml:3:8"), "{stderr}");
    assert!(!stderr.contains("ran"), "{stderr}");
    let _ = std::fs::remove_dir_all(&evil);
    // Inside the course, a theme folder is Typst code: refused by --no-raw.
    let dir = course(&COURSE.replace("theme: academic", "theme: mine"));
    std::fs::create_dir_all(dir.path().join("mine")).unwrap();
    std::fs::write(dir.path().join("mine/theme.typ"), "#panic(\"ran\")").unwrap();
    let out = build_in(dir.path(), &["course.yaml", "--no-raw"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("refused with --no-raw"), "{stderr}");
    drop(outer);
}

#[cfg(unix)]
#[test]
fn a_lecture_folder_linking_out_of_the_course_is_refused_at_its_line() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("lecture.yaml"), lecture("别处")).unwrap();
    let dir = course(COURSE);
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("04-link")).unwrap();
    std::fs::write(
        dir.path().join("course.yaml"),
        format!("{COURSE}  - 04-link/lecture.yaml\n"),
    )
    .unwrap();
    let stderr = fails_with(dir.path(), &["check", "course.yaml"], 1);
    assert!(
        stderr.contains("`04-link/lecture.yaml` lies outside the course folder"),
        "{stderr}"
    );
    assert!(stderr.contains("course.yaml:10:5"), "{stderr}");
}

#[test]
fn a_bad_course_lang_or_title_is_found_by_check_at_its_line_before_any_lecture() {
    let dir = course(
        &COURSE
            .replace("lang: zh", "lang: english")
            .replace("title: 云原生架构", "title: 云原生 {{架构"),
    );
    let stderr = fails_with(dir.path(), &["check", "course.yaml"], 1);
    assert!(
        stderr.contains("`english` is not a language code"),
        "{stderr}"
    );
    assert!(stderr.contains("course.yaml:4:7"), "{stderr}");
    assert!(stderr.contains("course.yaml:1:8"), "{stderr}");
}

#[test]
fn the_course_index_is_built_from_the_model_without_a_temporary_file() {
    let dir = course(COURSE);
    // A temporary folder that does not exist: an index written to a
    // temporary file and read back could not build.
    let tmp = tempfile::tempdir().unwrap();
    lectern()
        .current_dir(dir.path())
        .env("TMPDIR", tmp.path().join("missing"))
        .args(["build", "course.yaml"])
        .assert()
        .success();
    assert!(!tmp.path().join("missing").exists());
    // The index speaks the course's language, under its title and term.
    let text = pdf_text(&dir.path().join("course.pdf"));
    for words in ["云原生架构", "2026 秋", "课程各讲", "计划分钟"] {
        assert!(text.contains(words), "{words}: {text}");
    }
}
