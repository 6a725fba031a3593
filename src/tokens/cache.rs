//! The token cache on disk: `<cache>/codeartifact/tokens/`, where `<cache>` is
//! `$XDG_CACHE_HOME`, else `~/Library/Caches` on macOS and `~/.cache` elsewhere.
//!
//! - The folders are 0700 and each entry is a 0600 JSON file named by its key's digest, written
//!   to a temporary file in the same folder and renamed over the old one: a reader sees the old
//!   entry or the new one, never half of one. No fsync: an entry lost in a crash costs one API
//!   call, and a torn one reads as corrupt.
//! - An entry that does not parse, has another format version, or answers another key, is
//!   ignored (and replaced by the next store).
//! - `lock` serialises fetches of one key across processes with an flock on `<digest>.lock`;
//!   reads take no lock.
//! - A folder that is not the user's, or that cannot be made private, turns the cache off with a
//!   warning rather than trusting or exposing a token.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Key, Token};

/// The entries' format; another number is somebody else's format and ignored.
const VERSION: u32 = 1;

/// How long a process waits for another one fetching the same key before fetching itself.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// What an entry holds: the token, and the key in the clear (but the identity digest) so a
/// person looking at the folder can tell what an entry is for.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    endpoint: String,
    region: String,
    domain: String,
    owner: String,
    duration: Option<i64>,
    identity: String,
    token: String,
    expires: i64,
    expires_nanos: u32,
    issued_ms: i64,
}

impl Entry {
    fn new(key: &Key, token: &Token) -> Entry {
        Entry {
            version: VERSION,
            endpoint: key.endpoint.clone(),
            region: key.region.clone(),
            domain: key.domain.clone(),
            owner: key.owner.clone(),
            duration: key.duration,
            identity: key.identity.clone(),
            token: token.value.clone(),
            expires: token.expires.0,
            expires_nanos: token.expires.1,
            issued_ms: token.issued_ms,
        }
    }

    fn is_for(&self, key: &Key) -> bool {
        self.version == VERSION
            && self.endpoint == key.endpoint
            && self.region == key.region
            && self.domain == key.domain
            && self.owner == key.owner
            && self.duration == key.duration
            && self.identity == key.identity
    }

    fn token(self) -> Token {
        Token {
            value: self.token,
            expires: (self.expires, self.expires_nanos),
            issued_ms: self.issued_ms,
        }
    }
}

/// The user's cache folder: `$XDG_CACHE_HOME` (an absolute path, as the XDG spec requires),
/// else the platform's.
pub fn cache_root() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from)
        && x.is_absolute()
    {
        return Some(x);
    }
    let home = std::env::home_dir().filter(|h| !h.as_os_str().is_empty())?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library").join("Caches")
    } else {
        home.join(".cache")
    })
}

/// `<cache>/codeartifact/<name>`, created private (0700) and checked to be the user's own.
/// With `create` false, a folder that does not exist (or is not private) is an error and nothing
/// is created or changed: what a dry run may do.
pub fn private_dir(name: &str, create: bool) -> Result<PathBuf, String> {
    let root = cache_root().ok_or("no cache folder (set HOME or XDG_CACHE_HOME)")?;
    let ours = root.join("codeartifact");
    let dir = ours.join(name);
    for d in [&ours, &dir] {
        make_private(d, create).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    Ok(dir)
}

#[cfg(unix)]
fn make_private(dir: &Path, create: bool) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    if create {
        // Missing parents (the cache root itself) are made 0700 too, as systemd makes ~/.cache.
        match fs::DirBuilder::new()
            .mode(0o700)
            .recursive(true)
            .create(dir)
        {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    let meta = fs::symlink_metadata(dir)?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if !meta.is_dir() || meta.uid() != me {
        return Err(std::io::Error::other(
            "not a folder owned by the current user; the token cache is not used",
        ));
    }
    if meta.mode() & 0o077 != 0 {
        if !create {
            return Err(std::io::Error::other("not private (0700)"));
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(dir: &Path, create: bool) -> std::io::Result<()> {
    if create {
        fs::create_dir_all(dir)
    } else {
        fs::metadata(dir).map(|_| ())
    }
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache, or `None` (after a warning on stderr) when its folder cannot be used.
    pub fn open() -> Option<Cache> {
        match private_dir("tokens", true) {
            Ok(dir) => Some(Cache { dir }),
            Err(why) => {
                eprintln!("warning: the token cache is not used: {why}");
                None
            }
        }
    }

    /// The cache if its folder exists (and is private); nothing is created.
    pub fn existing() -> Option<Cache> {
        private_dir("tokens", false).ok().map(|dir| Cache { dir })
    }

    /// A cache in `dir` (tests).
    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.json", key.file_stem()))
    }

    /// The cached token for `key` if it is fresh at `now_ms` (more than half its life left).
    pub fn fresh(&self, key: &Key, now_ms: i64) -> Option<Token> {
        let text = fs::read(self.entry_path(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&text).ok()?;
        if !entry.is_for(key) {
            return None;
        }
        Some(entry.token()).filter(|t| t.fresh(now_ms))
    }

    /// Stores `token` for `key`, and removes entries whose tokens have expired. Failing to write
    /// only costs the next caller an API call: it is reported, not returned.
    pub fn store(&self, key: &Key, token: &Token, now_ms: i64) {
        if let Err(e) = self.write(key, token) {
            eprintln!(
                "warning: cannot write the token cache in {}: {e}",
                self.dir.display()
            );
        }
        self.remove_expired(now_ms);
    }

    fn write(&self, key: &Key, token: &Token) -> std::io::Result<()> {
        let body = serde_json::to_vec(&Entry::new(key, token)).map_err(std::io::Error::other)?;
        // tempfile creates the file 0600 with a random name.
        let mut tmp = tempfile::Builder::new()
            .prefix(".entry.")
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        tmp.write_all(&body)?;
        tmp.persist(self.entry_path(key)).map_err(|e| e.error)?;
        Ok(())
    }

    fn remove_expired(&self, now_ms: i64) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let expired = fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<Entry>(&b).ok())
                .is_some_and(|e| !e.token().valid(now_ms));
            if expired {
                let _ = fs::remove_file(&path);
                let _ = fs::remove_file(path.with_extension("lock"));
            }
        }
    }

    /// Holds `key`'s lock until dropped, waiting at most [`LOCK_WAIT`] for another process; a
    /// lock that cannot be had (or a lock file that cannot be opened) is no reason to fail:
    /// the caller then fetches on its own.
    pub async fn lock(&self, key: &Key) -> Option<File> {
        let path = self.dir.join(format!("{}.lock", key.file_stem()));
        let file = lock_file(&path).ok()?;
        let deadline = tokio::time::Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Some(file),
                Err(fs::TryLockError::WouldBlock) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err(_) => return None,
            }
        }
    }
}

fn lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key {
            endpoint: "http://127.0.0.1:1".into(),
            region: "us-east-1".into(),
            domain: "dom".into(),
            owner: "111122223333".into(),
            duration: None,
            identity: "id".into(),
        }
    }

    fn token(value: &str, issued_ms: i64, expires_s: i64) -> Token {
        Token {
            value: value.into(),
            expires: (expires_s, 0),
            issued_ms,
        }
    }

    #[test]
    fn stores_reads_and_ignores_what_is_not_a_fresh_entry_for_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().to_path_buf());
        let k = key();
        assert_eq!(cache.fresh(&k, 0), None);
        let t = token("tok", 1_000_000, 1000 + 100);
        cache.store(&k, &t, 1_000_000);
        assert_eq!(cache.fresh(&k, 1_000_000), Some(t.clone()));
        assert_eq!(cache.fresh(&k, 1_050_000), None, "half its life is gone");

        let path = cache.entry_path(&k);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        // Another key with the same file (as a renamed file would be) is not this key's.
        let other = Key {
            domain: "other".into(),
            ..k.clone()
        };
        fs::copy(&path, cache.entry_path(&other)).unwrap();
        assert_eq!(cache.fresh(&other, 1_000_000), None);

        for junk in [
            &b""[..],
            b"{not json",
            br#"{"version":2,"token":"x"}"#,
            b"\xff\xfe",
        ] {
            fs::write(&path, junk).unwrap();
            assert_eq!(cache.fresh(&k, 1_000_000), None, "{junk:?}");
        }
        let version2 = serde_json::to_string(&Entry {
            version: 2,
            ..Entry::new(&k, &t)
        })
        .unwrap();
        fs::write(&path, version2).unwrap();
        assert_eq!(cache.fresh(&k, 1_000_000), None);
        cache.store(&k, &t, 1_000_000);
        assert_eq!(
            cache.fresh(&k, 1_000_000),
            Some(t),
            "replaced by the next store"
        );
    }

    #[test]
    fn storing_removes_expired_entries() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().to_path_buf());
        let old = Key {
            domain: "old".into(),
            ..key()
        };
        cache.store(&old, &token("old", 0, 10), 0);
        assert!(cache.entry_path(&old).exists());
        cache.store(&key(), &token("new", 20_000, 100), 20_000);
        assert!(!cache.entry_path(&old).exists());
        assert!(cache.entry_path(&key()).exists());
    }

    #[tokio::test]
    async fn the_lock_is_exclusive_between_holders() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().to_path_buf());
        let held = cache.lock(&key()).await.expect("lock");
        let again = lock_file(&dir.path().join(format!("{}.lock", key().file_stem()))).unwrap();
        assert!(matches!(
            again.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(held);
        assert!(again.try_lock().is_ok());
    }
}
