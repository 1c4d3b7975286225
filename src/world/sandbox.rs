//! The sandbox every deck input is read through.
//!
//! A [`Sandbox`] is one root folder (the outline's folder, or a theme
//! folder). A path is resolved against it, canonicalised (so `..` and
//! symbolic links are followed) and must still lie inside the root. Only
//! regular files are read: a FIFO or a device node is refused before it is
//! opened, so it can never block a build. Every file has a size cap.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The default size cap of one input file: 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The path is absolute or climbs out with `..`.
    Escapes,
    /// The path leads out of the root through a symbolic link.
    LinksOut,
    /// Nothing is there.
    NotFound,
    /// It is a folder.
    IsDirectory,
    /// It is a FIFO, a socket or a device node.
    NotRegular,
    /// It is larger than the cap.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The cap in bytes.
        max: u64,
    },
    /// Reading failed.
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Escapes => f.write_str("it points outside the outline's folder"),
            Self::LinksOut => f.write_str("it leads outside its folder through a symbolic link"),
            Self::NotFound => f.write_str("not found"),
            Self::IsDirectory => f.write_str("it is a folder, not a file"),
            Self::NotRegular => f.write_str("it is not a regular file (a pipe, socket or device)"),
            Self::TooLarge { size, max } => write!(
                f,
                "it is {} MiB, larger than the {} MiB limit",
                size.div_ceil(1 << 20),
                max >> 20
            ),
            Self::Io(e) => f.write_str(e),
        }
    }
}

impl ReadError {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Escapes | Self::LinksOut => {
                "copy the file into the outline's folder and give a relative path such as `img/diagram.png`"
            }
            Self::NotFound => "paths are relative to the outline's folder",
            Self::IsDirectory | Self::NotRegular => "name a regular file",
            Self::TooLarge { .. } => {
                "make the file smaller, or raise the limit with --max-file-size"
            }
            Self::Io(_) => "check the file's permissions",
        }
    }
}

/// The name a `..` of an outline's path takes in the Typst project, where
/// paths are absolute and `..` is dropped; reads turn it back into `..`.
pub const PARENT: &str = "lectern-parent";

/// One root folder that reads are confined to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sandbox {
    /// The root as the user named it, for messages.
    shown: PathBuf,
    /// The root, canonicalised.
    root: PathBuf,
    /// The folder inside the root that relative paths start from (empty:
    /// the root itself). A lecture of a course reads from its own folder,
    /// and `../shared/` reaches the course's shared files.
    within: PathBuf,
    /// The size cap of one file, in bytes.
    max_bytes: u64,
}

impl Sandbox {
    /// A sandbox rooted at `root` (canonicalised when it exists).
    pub fn new(root: &Path, max_bytes: u64) -> Self {
        Self {
            shown: root.to_path_buf(),
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            within: PathBuf::new(),
            max_bytes,
        }
    }

    /// A sandbox rooted at `root` whose relative paths start from `base`, a
    /// folder inside it: `../x` from `base` is allowed while it stays
    /// inside `root`.
    pub fn within(root: &Path, base: &Path, max_bytes: u64) -> Self {
        let mut sandbox = Self::new(root, max_bytes);
        let base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
        sandbox.within = base
            .strip_prefix(&sandbox.root)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        sandbox.shown = base;
        sandbox
    }

    /// The canonical root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The root as the user named it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// The size cap of one file, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Resolves a relative path to a regular file inside the root.
    pub fn resolve(&self, rel: &Path) -> Result<PathBuf, ReadError> {
        // `..` may climb back out of `within`, never out of the root.
        let inside = join_inside(&self.within, rel).ok_or(ReadError::Escapes)?;
        let real = self
            .root
            .join(inside)
            .canonicalize()
            .map_err(|_| ReadError::NotFound)?;
        if !real.starts_with(&self.root) {
            return Err(ReadError::LinksOut);
        }
        regular(&real, self.max_bytes)?;
        Ok(real)
    }

    /// Reads a file given relative to the root.
    pub fn read(&self, rel: &Path) -> Result<(PathBuf, Vec<u8>), ReadError> {
        let rel: PathBuf = rel
            .iter()
            .map(|c| if c == PARENT { "..".as_ref() } else { c })
            .collect();
        let real = self.resolve(&rel)?;
        let bytes = read_capped(&real, self.max_bytes)?;
        Ok((real, bytes))
    }
}

/// `rel` taken from the folder `from` (both relative to a root), worked out
/// by their names: the path from the root, or `None` when a `..` climbs
/// above the root or `rel` is absolute.
pub fn join_inside(from: &Path, rel: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = from.iter().collect();
    for c in rel.components() {
        match c {
            Component::Normal(name) => parts.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Prefix(_) | Component::RootDir => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Checks that `path` is a regular file within the size cap, without opening it.
fn regular(path: &Path, max: u64) -> Result<u64, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            max,
        });
    }
    Ok(meta.len())
}

/// Reads a regular file of at most `max` bytes (the user's own paths, such as
/// the outline itself, use this directly).
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let len = regular(path, max)?;
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow between the check and the read: never take more.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// A regular file of at most `max` bytes read as UTF-8 text, or `None`
/// (for a second look at a file whose own reading reports why).
pub fn read_text_capped(path: &Path, max: u64) -> Option<String> {
    read_capped(path, max)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_and_files_are_regular_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("deck");
        std::fs::create_dir_all(inner.join("img")).unwrap();
        std::fs::write(inner.join("img/a.txt"), "hello").unwrap();
        std::fs::write(dir.path().join("secret"), "top secret").unwrap();
        let sandbox = Sandbox::new(&inner, 16);
        assert_eq!(
            sandbox.read(Path::new("img/a.txt")).unwrap().1,
            b"hello".to_vec()
        );
        assert_eq!(
            sandbox.read(Path::new("../secret")),
            Err(ReadError::Escapes)
        );
        assert_eq!(
            sandbox.read(&dir.path().join("secret")),
            Err(ReadError::Escapes)
        );
        assert_eq!(sandbox.read(Path::new("img")), Err(ReadError::IsDirectory));
        assert_eq!(sandbox.read(Path::new("nope")), Err(ReadError::NotFound));
        std::fs::write(inner.join("big"), [0u8; 17]).unwrap();
        assert_eq!(
            sandbox.read(Path::new("big")),
            Err(ReadError::TooLarge { size: 17, max: 16 })
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret"), inner.join("link")).unwrap();
            assert_eq!(sandbox.read(Path::new("link")), Err(ReadError::LinksOut));
            let fifo = inner.join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils)");
            assert_eq!(sandbox.read(Path::new("fifo")), Err(ReadError::NotRegular));
        }
    }
}
