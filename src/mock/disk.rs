//! How the emulator creates what it keeps under its data dir: private and durable.
//!
//! Private: the data dir holds private packages and tokens' hashes, so directories it creates are
//! 0700 and its files 0600, set explicitly after creation so the umask (which only clears bits,
//! and could clear the owner's own) has no say. A directory that already exists keeps its mode:
//! the user chose it. Files are always ours, so an existing one is brought back to 0600.
//!
//! Durable: a directory created on the way to a file is fsynced into its parent, so a file
//! renamed into it after an fsync survives a power loss along with the path leading to it.

use std::fs::{File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub const DIR_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and any missing parents, each 0700 and fsynced into its parent. Existing
/// directories are left as they are.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir_all(parent)?;
    }
    match std::fs::DirBuilder::new().mode(DIR_MODE).create(dir) {
        Ok(()) => {}
        // Another thread or process made it in the meantime: theirs is as good as ours.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => return Ok(()),
        Err(e) => return Err(e),
    }
    std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))?;
    sync_parent(dir)
}

/// Fsyncs the directory holding `path`, making a new entry in it (a rename, a new directory)
/// durable.
pub fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => File::open(parent)?.sync_all(),
        None => File::open(".")?.sync_all(),
    }
}

/// Opens (creating if needed) `path` for writing, 0600.
pub fn open_private(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(FILE_MODE)
        .open(path)?;
    restrict(&file)?;
    Ok(file)
}

/// Sets an open file of ours to 0600, whatever it was created with.
pub fn restrict(file: &File) -> io::Result<()> {
    file.set_permissions(Permissions::from_mode(FILE_MODE))
}

/// `restrict` for a path that may not exist.
pub fn restrict_path(path: &Path) -> io::Result<()> {
    match std::fs::set_permissions(path, Permissions::from_mode(FILE_MODE)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_directories_are_private_and_existing_ones_keep_their_mode() {
        let tmp = tempfile::tempdir().unwrap();
        let existing = tmp.path().join("shared");
        std::fs::create_dir(&existing).unwrap();
        std::fs::set_permissions(&existing, Permissions::from_mode(0o755)).unwrap();
        let deep = existing.join("a/b");
        create_dir_all(&deep).unwrap();
        assert_eq!(mode(&existing), 0o755);
        assert_eq!(mode(&existing.join("a")), 0o700);
        assert_eq!(mode(&deep), 0o700);
        create_dir_all(&deep).unwrap();
    }

    #[test]
    fn files_are_private_even_when_they_existed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, Permissions::from_mode(0o644)).unwrap();
        open_private(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
        restrict_path(&tmp.path().join("missing")).unwrap();
    }
}
