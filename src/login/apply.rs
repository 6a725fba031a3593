//! Applying a plan: every file edit of a login or logout, all or nothing.
//!
//! An edit is a pure function from a file's current text (or its absence) to its new text (or
//! `None`: delete it). Applying a plan:
//! 1. locks every directory it will write in (sorted, so two logins never deadlock), because the
//!    files themselves are replaced by rename and a lock on the old inode would protect nothing;
//! 2. reads every file and runs every edit, so a file that cannot be parsed fails the whole plan
//!    before anything is written;
//! 3. writes each changed file atomically (temporary file in the same folder, fsync, rename,
//!    fsync of the folder), with mode 0600 when it holds a secret;
//! 4. if a later write fails, puts back the files already written, so an error leaves every file
//!    as it was.
//!
//! A file or folder the user made read-only (no owner write bit, or not writable by us) is
//! refused before anything is written, dry runs included: the rename would replace a read-only
//! file (and as root even write into a read-only folder), and npm and others refuse a config
//! they cannot write anyway.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file's edit: `edit(current)` returns the new contents, or `None` to delete the file.
pub struct Edit {
    pub path: PathBuf,
    /// The file holds a token: written with mode 0600.
    pub secret: bool,
    #[allow(clippy::type_complexity)]
    pub edit: Box<dyn Fn(Option<&str>) -> Result<Option<String>> + Send + Sync>,
}

impl Edit {
    pub fn new(
        path: PathBuf,
        secret: bool,
        edit: impl Fn(Option<&str>) -> Result<Option<String>> + Send + Sync + 'static,
    ) -> Self {
        Edit {
            path,
            secret,
            edit: Box::new(edit),
        }
    }
}

impl std::fmt::Debug for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Edit")
            .field("path", &self.path)
            .field("secret", &self.secret)
            .finish()
    }
}

/// What applying (or dry-running) an edit did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }

    /// A unified diff of the change. Unless `show_secrets`, every secret on every line (ours or
    /// the user's, old or new, changed or context) is masked (crate::secrets); the diff itself
    /// is of the real texts, so a changed token still shows as a changed line.
    pub fn diff(&self, show_secrets: bool) -> String {
        let before = self.before.as_deref().unwrap_or("");
        let after = self.after.as_deref().unwrap_or("");
        let path = self.path.display().to_string();
        let old_name = if self.before.is_some() {
            path.clone()
        } else {
            "/dev/null".to_string()
        };
        let new_name = if self.after.is_some() {
            path
        } else {
            "/dev/null".to_string()
        };
        let diff = similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .context_radius(3)
            .header(&old_name, &new_name)
            .to_string();
        if show_secrets {
            diff
        } else {
            crate::secrets::mask_diff(&diff)
        }
    }
}

/// Runs every edit and writes the results; with `dry_run`, only reports what would change.
pub fn apply(edits: &[Edit], dry_run: bool) -> Result<Vec<Change>> {
    // A folder that does not exist yet is not created just to be locked (a logout must not leave
    // empty folders behind): its nearest existing ancestor is locked instead, which every login
    // that could create it locks too.
    let dirs: BTreeSet<PathBuf> = edits
        .iter()
        .map(|e| existing_ancestor(parent(&e.path)))
        .collect();
    // Held until the end of this function: the locks are released when the files close.
    let mut locks = Vec::new();
    if !dry_run {
        for dir in &dirs {
            locks.push(lock_dir(dir)?);
        }
    }

    let mut changes: Vec<Change> = Vec::with_capacity(edits.len());
    for edit in edits {
        // Two edits of one file in one plan see each other's result.
        let before = match changes.iter().rev().find(|c| c.path == edit.path) {
            Some(c) => c.after.clone(),
            None => read_optional(&edit.path)?,
        };
        let after = (edit.edit)(before.as_deref())?;
        changes.push(Change {
            path: edit.path.clone(),
            before,
            after,
        });
    }
    // Collapse several edits of one file into one change from its first to its last state.
    let mut merged: Vec<(Change, bool)> = Vec::new();
    for (change, edit) in changes.into_iter().zip(edits) {
        if let Some((m, secret)) = merged.iter_mut().find(|(m, _)| m.path == change.path) {
            m.after = change.after;
            *secret |= edit.secret;
        } else {
            merged.push((change, edit.secret));
        }
    }
    for (change, _) in &merged {
        if change.changed() {
            check_writable(&change.path)?;
        }
    }
    if dry_run {
        return Ok(merged.into_iter().map(|(c, _)| c).collect());
    }

    let mut done: Vec<(&Change, bool)> = Vec::new();
    for (change, secret) in &merged {
        if !change.changed() {
            continue;
        }
        let result = match &change.after {
            Some(text) => write_atomic(&change.path, text, *secret),
            None => remove(&change.path),
        };
        if let Err(e) = result {
            // Best effort: put back what this plan already changed, so the files stay consistent.
            for (prev, secret) in done.iter().rev() {
                let _ = match &prev.before {
                    Some(text) => write_atomic(&prev.path, text, *secret),
                    None => remove(&prev.path),
                };
            }
            return Err(e);
        }
        done.push((change, *secret));
    }
    drop(locks);
    Ok(merged.into_iter().map(|(c, _)| c).collect())
}

/// Refuses a change to a file, or in a folder, that the user made read-only.
fn check_writable(path: &Path) -> Result<()> {
    let target = resolve(path);
    let folder = existing_ancestor(parent(&target));
    for (p, what) in [(target.as_path(), "file"), (folder.as_path(), "folder")] {
        let Ok(meta) = fs::metadata(p) else {
            continue;
        };
        if read_only(p, &meta) {
            return Err(Error::other(format!(
                "the {what} {0} is read-only; codeartifact login leaves it as it is (`chmod u+w {0}` lets login change it)",
                p.display()
            )));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn read_only(p: &Path, meta: &fs::Metadata) -> bool {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    if meta.permissions().mode() & 0o200 == 0 {
        return true;
    }
    // Owner-writable but not by us (another user's file): access(2) answers for this process.
    let Ok(c) = std::ffi::CString::new(p.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) != 0 }
}

#[cfg(not(unix))]
fn read_only(_p: &Path, meta: &fs::Metadata) -> bool {
    meta.permissions().readonly()
}

fn existing_ancestor(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|a| a.is_dir())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// A configuration file that is a symbolic link (dotfiles kept in a repository) is edited where it
/// points, so the link stays a link.
fn resolve(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn io_error(what: &str, path: &Path, e: io::Error) -> Error {
    Error::other(format!("{what} {}: {e}", path.display()))
}

pub fn read_optional(path: &Path) -> Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            Error::other(format!(
                "{} is not valid UTF-8; it was left as it was",
                path.display()
            ))
        }),
        // Under a file instead of a folder, the file cannot exist: writing it will fail clearly.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(io_error("cannot read", path, e)),
    }
}

#[cfg(unix)]
fn lock_dir(dir: &Path) -> Result<File> {
    // flock(2) on the folder itself: no lock file is left behind in the user's home.
    let f = File::open(dir).map_err(|e| io_error("cannot open the folder", dir, e))?;
    f.lock()
        .map_err(|e| io_error("cannot lock the folder", dir, e))?;
    Ok(f)
}

#[cfg(not(unix))]
fn lock_dir(dir: &Path) -> Result<File> {
    // Folders cannot be opened as files here: lock a file beside the configuration instead.
    let path = dir.join(".codeartifact-login.lock");
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_error("cannot open", &path, e))?;
    f.lock().map_err(|e| io_error("cannot lock", &path, e))?;
    Ok(f)
}

fn write_atomic(path: &Path, text: &str, secret: bool) -> Result<()> {
    let path = &resolve(path);
    let dir = parent(path);
    fs::create_dir_all(dir).map_err(|e| io_error("cannot create the folder", dir, e))?;
    // tempfile creates the file with mode 0600 and a random name in the target folder.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("config")
        ))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io_error("cannot create a temporary file in", dir, e))?;
    tmp.write_all(text.as_bytes())
        .map_err(|e| io_error("cannot write", tmp.path(), e))?;
    if !secret {
        keep_mode(path, tmp.as_file())?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| io_error("cannot sync", tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| io_error("cannot replace", path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// A file without a token keeps its permissions (new ones get the usual 0644).
#[cfg(unix)]
fn keep_mode(path: &Path, tmp: &File) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
    tmp.set_permissions(fs::Permissions::from_mode(mode))
        .map_err(|e| io_error("cannot set the mode of", path, e))
}

#[cfg(not(unix))]
fn keep_mode(_path: &Path, _tmp: &File) -> Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename durable; a failure here cannot be acted on, the data itself is synced.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

fn remove(path: &Path) -> Result<()> {
    match fs::remove_file(resolve(path)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error("cannot remove", path, e)),
    }
}
