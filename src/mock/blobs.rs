//! Asset bytes, stored once per domain under `<data-dir>/blobs/<domain>/<sha[..2]>/<sha256>`.
//!
//! Bytes are first streamed into a temporary file under `blobs/tmp/` while their SHA-256 is
//! computed (`stage`), fsynced, and only then renamed into place (`commit`), with the directory
//! fsynced too (and any directory created on the way, `disk::create_dir_all`). A crash therefore
//! leaves either no blob or a complete one; a temporary file left behind by a crash is never read
//! and is removed at the next start that finds the data dir unlocked (`remove_leftovers`).
//! Files are 0600 and folders 0700 (disk.rs). Which blobs a domain uses
//! (and their sizes) is recorded by the handlers in the `blobs` table of the metadata store.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tempfile::TempPath;
use tokio::io::AsyncWriteExt;

/// The service's quota on one asset, 5 GB ("Asset file size maximum"): uploads are refused as
/// soon as they pass it, not after the whole body is on disk.
pub const MAX_ASSET_BYTES: u64 = 5 * 1024 * 1024 * 1024;

/// The error kind `stage` reports when the body it reads fails (the client reset the
/// connection, stalled past the client timeout, or sent malformed chunks): the client's doing,
/// answered with a 400, unlike a failing disk.
pub const BODY_BROKEN: io::ErrorKind = io::ErrorKind::ConnectionAborted;

/// The blob store's folder in the data dir, and the folder of uploads in progress in it.
pub const DIR: &str = "blobs";
const TMP: &str = "tmp";

pub struct BlobStore {
    root: PathBuf,
    max_asset_bytes: u64,
}

/// Bytes written and hashed but not yet part of any domain. Dropping it deletes the file.
pub struct StagedBlob {
    path: TempPath,
    pub sha256: String,
    pub size: u64,
    /// The other digests the service reports for an asset, computed in the same pass so a large
    /// upload is read once.
    pub md5: String,
    pub sha1: String,
    pub sha512: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobInfo {
    pub sha256: String,
    pub size: u64,
}

impl StagedBlob {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// A blob being written: bytes go to a temporary file (removed if this is dropped) and through
/// every digest the service reports, in one pass.
pub struct Stager {
    file: tokio::fs::File,
    path: TempPath,
    max_asset_bytes: u64,
    size: u64,
    sha256: Sha256,
    md5: md5::Md5,
    sha1: sha1::Sha1,
    sha512: sha2::Sha512,
}

impl Stager {
    /// Appends `chunk`; past the asset quota the upload stops with `FileTooLarge`.
    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        self.size += chunk.len() as u64;
        if self.size > self.max_asset_bytes {
            // The rest is not read: its size is unknown.
            return Err(too_large(self.max_asset_bytes, None));
        }
        self.sha256.update(chunk);
        self.md5.update(chunk);
        self.sha1.update(chunk);
        self.sha512.update(chunk);
        self.file.write_all(chunk).await
    }

    /// Fsyncs the bytes: from here on a crash cannot tear them.
    pub async fn finish(mut self) -> io::Result<StagedBlob> {
        self.file.flush().await?;
        self.file.sync_all().await?;
        Ok(StagedBlob {
            path: self.path,
            sha256: hex::encode(self.sha256.finalize()),
            size: self.size,
            md5: hex::encode(self.md5.finalize()),
            sha1: hex::encode(self.sha1.finalize()),
            sha512: hex::encode(self.sha512.finalize()),
        })
    }
}

impl BlobStore {
    pub fn open(root: PathBuf) -> io::Result<Self> {
        // Absolute, as tempfile makes the staged paths: `commit_staged` compares the two.
        let root = std::path::absolute(root)?;
        super::disk::create_dir_all(&root.join(TMP))?;
        Ok(BlobStore {
            root,
            max_asset_bytes: MAX_ASSET_BYTES,
        })
    }

    /// Removes what uploads a crash interrupted left in `root`'s temporary folder: never
    /// committed, so nothing refers to them. Only while nobody else can be uploading (the data
    /// dir's lock held exclusively).
    pub fn remove_leftovers(root: &Path) -> io::Result<()> {
        match std::fs::remove_dir_all(root.join(TMP)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// A lower asset quota (`mock serve --max-asset-bytes`), to test how a pipeline handles the
    /// service's refusal without uploading 5 GB.
    pub fn with_max_asset_bytes(mut self, max: u64) -> Self {
        self.max_asset_bytes = max;
        self
    }

    /// Refuses an upload whose declared length (`Content-Length`) is over the quota before
    /// reading any of it. Errors as `stage` does.
    pub fn check_declared_size(&self, content_length: Option<u64>) -> io::Result<()> {
        match content_length {
            Some(n) if n > self.max_asset_bytes => Err(too_large(self.max_asset_bytes, Some(n))),
            _ => Ok(()),
        }
    }

    /// The asset quota in force.
    pub fn max_asset_bytes(&self) -> u64 {
        self.max_asset_bytes
    }

    /// Streams `body` into a temporary file, hashing as it goes, and fsyncs it. A body over the
    /// asset quota stops the upload with `FileTooLarge` (the temporary file is removed).
    pub async fn stage<S, E>(&self, mut body: S) -> io::Result<StagedBlob>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let mut stager = self.stager()?;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| {
                io::Error::new(BODY_BROKEN, format!("reading the request body: {e}"))
            })?;
            stager.write(&chunk).await?;
        }
        stager.finish().await
    }

    /// A blob to write piece by piece (`stage` for bytes that do not come as one stream, such
    /// as the attachments decoded out of an npm publish body).
    pub fn stager(&self) -> io::Result<Stager> {
        let temp = tempfile::Builder::new()
            .prefix("upload-")
            .tempfile_in(self.root.join(TMP))?;
        super::disk::restrict(temp.as_file())?;
        let (std_file, path) = temp.into_parts();
        Ok(Stager {
            file: tokio::fs::File::from_std(std_file),
            path,
            max_asset_bytes: self.max_asset_bytes,
            size: 0,
            sha256: Sha256::new(),
            md5: md5::Md5::new(),
            sha1: sha1::Sha1::new(),
            sha512: sha2::Sha512::new(),
        })
    }

    /// How the protocol layer hands a streamed request payload to a handler inside its input
    /// `Value` (handlers only see JSON): the staged file stays owned by the protocol layer and is
    /// deleted after the request unless the handler committed it with `commit_staged`.
    pub fn staged_json(staged: &StagedBlob) -> serde_json::Value {
        serde_json::json!({
            "stagedPath": staged.path().to_string_lossy(),
            "sha256": staged.sha256,
            "size": staged.size,
            "md5": staged.md5,
            "sha1": staged.sha1,
            "sha512": staged.sha512,
        })
    }

    /// Commits the payload described by `staged_json` into `domain`.
    pub fn commit_staged(&self, domain: &str, staged: &serde_json::Value) -> io::Result<BlobInfo> {
        let bad = || io::Error::new(io::ErrorKind::InvalidInput, "not a staged payload");
        let src = PathBuf::from(staged["stagedPath"].as_str().ok_or_else(bad)?);
        let sha256 = staged["sha256"].as_str().ok_or_else(bad)?.to_string();
        let size = staged["size"].as_u64().ok_or_else(bad)?;
        if src.parent() != Some(self.root.join(TMP).as_path()) {
            return Err(bad());
        }
        let dest = self.path(domain, &sha256)?;
        if !dest.exists() {
            let dir = dest.parent().expect("blob path has a parent");
            super::disk::create_dir_all(dir)?;
            std::fs::rename(&src, &dest)?;
            super::disk::sync_parent(&dest)?;
        }
        Ok(BlobInfo { sha256, size })
    }

    pub fn open_blob(&self, domain: &str, sha256: &str) -> io::Result<File> {
        File::open(self.path(domain, sha256)?)
    }

    pub fn remove(&self, domain: &str, sha256: &str) -> io::Result<()> {
        match std::fs::remove_file(self.path(domain, sha256)?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes every blob of a deleted domain.
    pub fn remove_domain(&self, domain: &str) -> io::Result<()> {
        check_domain(domain)?;
        match std::fs::remove_dir_all(self.root.join("d").join(domain)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Where a blob lives; both parts are checked so no input can point outside the store.
    pub fn path(&self, domain: &str, sha256: &str) -> io::Result<PathBuf> {
        check_domain(domain)?;
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a lowercase hex SHA-256",
            ));
        }
        Ok(self
            .root
            .join("d")
            .join(domain)
            .join(&sha256[..2])
            .join(sha256))
    }
}

/// `io::ErrorKind::FileTooLarge`, which the control plane answers with
/// ServiceQuotaExceededException and the data plane with 413.
fn too_large(max: u64, size: Option<u64>) -> io::Error {
    let size = size.map_or("more".to_string(), |n| n.to_string());
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("An asset can be at most {max} bytes; this one has {size}"),
    )
}

/// Domain names are `[a-z][a-z0-9-]*`, so they are safe as directory names.
fn check_domain(domain: &str) -> io::Result<()> {
    let ok = domain
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase())
        && domain
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a domain name",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn chunks(
        parts: &[&'static [u8]],
    ) -> impl Stream<Item = Result<Bytes, std::convert::Infallible>> + Unpin {
        futures_util::stream::iter(
            parts
                .iter()
                .map(|p| Ok(Bytes::from_static(p)))
                .collect::<Vec<_>>(),
        )
    }

    /// The handlers' path: staged by the protocol layer, committed from its JSON description.
    async fn put(store: &BlobStore, domain: &str, parts: &[&'static [u8]]) -> BlobInfo {
        let staged = store.stage(chunks(parts)).await.unwrap();
        store
            .commit_staged(domain, &BlobStore::staged_json(&staged))
            .unwrap()
    }

    #[tokio::test]
    async fn put_then_read_back_by_sha256() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path().join("blobs")).unwrap();
        let info = put(&store, "dom", &[b"hello ", b"world"]).await;
        assert_eq!(
            info.sha256,
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
        assert_eq!(info.size, 11);
        let mut s = String::new();
        store
            .open_blob("dom", &info.sha256)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "hello world");
        // Same bytes again: stored once, the staged copy is gone.
        put(&store, "dom", &[b"hello world"]).await;
        assert_eq!(
            std::fs::read_dir(dir.path().join("blobs/tmp"))
                .unwrap()
                .count(),
            0
        );
        let staged = store.stage(chunks(&[b"other"])).await.unwrap();
        let committed = store
            .commit_staged("dom", &BlobStore::staged_json(&staged))
            .unwrap();
        assert!(!staged.path().exists());
        drop(staged);
        assert!(store.open_blob("dom", &committed.sha256).is_ok());
        store.remove_domain("dom").unwrap();
        assert!(store.open_blob("dom", &info.sha256).is_err());
    }

    #[tokio::test]
    async fn uploads_over_the_quota_stop_and_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path().join("blobs"))
            .unwrap()
            .with_max_asset_bytes(8);
        // Exactly at the quota is allowed.
        let staged = store.stage(chunks(&[b"1234", b"5678"])).await.unwrap();
        assert_eq!(staged.size, 8);
        drop(staged);
        // One byte more stops the upload, whichever chunk passes the quota.
        let e = store
            .stage(chunks(&[b"1234", b"5678", b"9", b"never read"]))
            .await
            .err()
            .unwrap();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(
            e.to_string(),
            "An asset can be at most 8 bytes; this one has more"
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("blobs/tmp"))
                .unwrap()
                .count(),
            0
        );
        assert!(store.check_declared_size(Some(8)).is_ok());
        assert!(store.check_declared_size(None).is_ok());
        let e = store.check_declared_size(Some(9)).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }

    #[tokio::test]
    async fn dropped_stage_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path().join("blobs")).unwrap();
        let staged = store.stage(chunks(&[b"x"])).await.unwrap();
        assert!(staged.path().exists());
        drop(staged);
        assert_eq!(
            std::fs::read_dir(dir.path().join("blobs/tmp"))
                .unwrap()
                .count(),
            0
        );
    }

    #[test]
    fn paths_cannot_escape() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path().join("blobs")).unwrap();
        assert!(store.path("../x", &"a".repeat(64)).is_err());
        assert!(store.path("dom", "../../etc/passwd").is_err());
    }
}
