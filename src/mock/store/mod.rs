//! The emulator's store: one SQLite database in the data dir (WAL, foreign keys, busy timeout),
//! and every table and query over it. Nothing outside this folder writes SQL: handlers and
//! registries open a read (`Store::read`) or a transaction (`Store::write`) and pass its
//! connection to the functions of the table's module here (`domains`, `repositories` with
//! upstreams and external connections, `tags`, `tokens`, `policies`, `groups`, `packages` with
//! versions, assets, blobs and dist-tags, `documents`); each returns rows as plain types. (Asset
//! bytes are files, `blobs.rs`; the store holds their hashes.)
//!
//! The schema evolves only by appending to `MIGRATIONS`; `schema_version` records how many have
//! been applied, so an older data dir is upgraded in place when a newer mock opens it. Every
//! mutation goes through `Store::write`, one IMMEDIATE transaction per request, so a request is
//! either wholly visible after a restart or not at all.

pub mod documents;
pub mod domains;
pub mod groups;
pub mod packages;
pub mod policies;
pub mod repositories;
pub mod tags;
pub mod tokens;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::error::ApiError;

/// Append-only: never edit an applied entry, add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: domains, repositories, their links, tags, tokens, blobs.
    "CREATE TABLE domains (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        encryption_key TEXT NOT NULL,
        policy TEXT,
        policy_revision TEXT
    );
    CREATE TABLE repositories (
        domain TEXT NOT NULL REFERENCES domains(name),
        name TEXT NOT NULL,
        administrator_account TEXT NOT NULL,
        description TEXT,
        created_ms INTEGER NOT NULL,
        policy TEXT,
        policy_revision TEXT,
        PRIMARY KEY (domain, name)
    );
    CREATE TABLE upstreams (
        domain TEXT NOT NULL,
        repository TEXT NOT NULL,
        position INTEGER NOT NULL,
        upstream TEXT NOT NULL,
        PRIMARY KEY (domain, repository, position),
        FOREIGN KEY (domain, repository) REFERENCES repositories(domain, name) ON DELETE CASCADE,
        FOREIGN KEY (domain, upstream) REFERENCES repositories(domain, name)
    );
    CREATE INDEX upstreams_by_upstream ON upstreams(domain, upstream);
    CREATE TABLE external_connections (
        domain TEXT NOT NULL,
        repository TEXT NOT NULL,
        name TEXT NOT NULL,
        package_format TEXT NOT NULL,
        PRIMARY KEY (domain, repository, name),
        FOREIGN KEY (domain, repository) REFERENCES repositories(domain, name) ON DELETE CASCADE
    );
    CREATE TABLE tags (
        resource_arn TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (resource_arn, key)
    );
    CREATE TABLE tokens (
        token_sha256 TEXT PRIMARY KEY,
        domain TEXT NOT NULL REFERENCES domains(name) ON DELETE CASCADE,
        domain_owner TEXT NOT NULL,
        expires_ms INTEGER NOT NULL
    );
    CREATE INDEX tokens_by_domain ON tokens(domain);
    CREATE TABLE blobs (
        domain TEXT NOT NULL REFERENCES domains(name) ON DELETE CASCADE,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (domain, sha256)
    );",
    // 2: packages, versions, assets, package groups (issue 3). A package without a namespace
    // stores '' so the UNIQUE constraints treat "no namespace" as one value. Hashes other than
    // SHA-256 belong to the bytes, so they live with the blob record.
    "ALTER TABLE blobs ADD COLUMN md5 TEXT;
    ALTER TABLE blobs ADD COLUMN sha1 TEXT;
    ALTER TABLE blobs ADD COLUMN sha512 TEXT;
    CREATE TABLE packages (
        id INTEGER PRIMARY KEY,
        domain TEXT NOT NULL,
        repository TEXT NOT NULL,
        format TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        publish TEXT NOT NULL,
        upstream TEXT NOT NULL,
        UNIQUE (domain, repository, format, namespace, name),
        FOREIGN KEY (domain, repository) REFERENCES repositories(domain, name) ON DELETE CASCADE
    );
    CREATE TABLE package_versions (
        id INTEGER PRIMARY KEY,
        package_id INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        revision TEXT NOT NULL,
        status TEXT NOT NULL,
        origin_type TEXT NOT NULL,
        entry_repository TEXT,
        entry_external_connection TEXT,
        published_ms INTEGER NOT NULL,
        display_name TEXT,
        summary TEXT,
        home_page TEXT,
        source_code_repository TEXT,
        licenses TEXT NOT NULL DEFAULT '[]',
        readme TEXT,
        dependencies TEXT NOT NULL DEFAULT '[]',
        UNIQUE (package_id, version)
    );
    CREATE TABLE assets (
        version_id INTEGER NOT NULL REFERENCES package_versions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        domain TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (version_id, name)
    );
    CREATE INDEX assets_by_blob ON assets(domain, sha256);
    CREATE TABLE package_dist_tags (
        package_id INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (package_id, tag)
    );
    CREATE TABLE package_groups (
        domain TEXT NOT NULL REFERENCES domains(name) ON DELETE CASCADE,
        pattern TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        contact_info TEXT,
        description TEXT,
        publish_mode TEXT NOT NULL,
        external_upstream_mode TEXT NOT NULL,
        internal_upstream_mode TEXT NOT NULL,
        PRIMARY KEY (domain, pattern)
    );
    CREATE TABLE package_group_allowed_repositories (
        domain TEXT NOT NULL,
        pattern TEXT NOT NULL,
        restriction_type TEXT NOT NULL,
        repository TEXT NOT NULL,
        PRIMARY KEY (domain, pattern, restriction_type, repository),
        FOREIGN KEY (domain, pattern) REFERENCES package_groups(domain, pattern) ON DELETE CASCADE,
        FOREIGN KEY (domain, repository) REFERENCES repositories(domain, name) ON DELETE CASCADE
    );
    INSERT INTO package_groups (domain, pattern, created_ms, publish_mode, external_upstream_mode, internal_upstream_mode)
        SELECT name, '/*', created_ms, 'ALLOW', 'ALLOW', 'ALLOW' FROM domains;",
    // 3: what the data plane serves of a version beyond the control plane's metadata: the npm
    // manifest for packuments, PyPI's per-file Requires-Python (issue 4).
    "CREATE TABLE format_documents (
        version_id INTEGER PRIMARY KEY REFERENCES package_versions(id) ON DELETE CASCADE,
        document TEXT NOT NULL
    );",
    // 4: indexes the listings page on (issue: listings in the store). ListPackageVersions walks
    // a package's versions in arrival order (the rowid, implicitly the last column of an index
    // on package_id) or newest first (published_ms, then the rowid); ListAssociatedPackages
    // walks a domain's distinct package coordinates in key order across repositories.
    "CREATE INDEX package_versions_by_arrival ON package_versions(package_id);
    CREATE INDEX package_versions_by_time ON package_versions(package_id, published_ms);
    CREATE INDEX packages_by_coordinates ON packages(domain, format, namespace, name);",
    // 5: the region each domain lives in (the service's domains are per region; issue 11). A
    // separate table, so rows written by older versions stay valid: the emulator gives domains
    // without one its `--region` when it starts (`Store::assign_regions`).
    "CREATE TABLE domain_regions (
        domain TEXT PRIMARY KEY REFERENCES domains(name) ON DELETE CASCADE,
        region TEXT NOT NULL
    );",
];

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating) the database at `path`, private (see `make_private`).
    pub fn open(path: &Path) -> Result<Self, rusqlite::Error> {
        make_private(path).map_err(|e| {
            rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!("cannot make {} private: {e}", path.display())),
            )
        })?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: an acknowledged request survives a power loss, as DESIGN.md §2 promises.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panicking request cannot leave a transaction open (rusqlite rolls back on drop), so
        // the connection behind a poisoned lock is still consistent.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Gives every domain without a region (created by a version that kept none) `region`.
    pub fn assign_regions(&self, region: &str) -> Result<(), ApiError> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO domain_regions (domain, region) SELECT name, ?1 FROM domains",
                [region],
            )?;
            Ok(())
        })
    }

    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        f(&self.lock())
    }

    /// Runs `f` in one IMMEDIATE transaction, committed only when `f` succeeds.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.write_then(f, |_| Ok(()))
    }

    /// `write`, then `after` once the transaction is committed, still holding the connection.
    /// Blob files are removed this way: only after the metadata forgetting them is durable,
    /// and before any other request could commit a new reference to the same bytes.
    pub fn write_then<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<T, ApiError>,
        after: impl FnOnce(&T) -> Result<(), ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        after(&out)?;
        Ok(out)
    }
}

/// SQLite creates the `-wal` and `-shm` files with the database file's mode, so the database
/// file is created 0600 before SQLite opens it; side files a crash left are brought to 0600 too.
fn make_private(path: &Path) -> std::io::Result<()> {
    super::disk::open_private(path)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        super::disk::restrict_path(Path::new(&side))?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    let current: Option<i64> =
        tx.query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))?;
    let current = current.unwrap_or(0) as usize;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES (?1)",
            [(i + 1) as i64],
        )?;
    }
    tx.commit()
}

/// An emulator context over a fresh store in `dir`, deterministic (frozen clock, counted ids),
/// for the unit tests that drive handlers.
#[cfg(test)]
pub(crate) fn test_ctx(dir: &Path) -> super::Ctx {
    super::Ctx {
        store: Store::open(&dir.join("db.sqlite3")).expect("a fresh store opens"),
        blobs: super::blobs::BlobStore::open(dir.join("blobs")).expect("a fresh blob store opens"),
        account_id: "111122223333".into(),
        region: "us-east-1".into(),
        base_url: "http://127.0.0.1:1".into(),
        verbose: false,
        external_connections: Default::default(),
        deterministic: true,
        counter: Default::default(),
        token_lifetimes: Default::default(),
        data_dir: dir.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let store = Store::open(&path).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO domains VALUES ('d', '111122223333', 1, 'k', NULL, NULL)",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let (n, v): (i64, i64) = store
            .read(|c| {
                Ok(c.query_row("SELECT (SELECT COUNT(*) FROM domains), (SELECT MAX(version) FROM schema_version)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?)
            })
            .unwrap();
        assert_eq!((n, v), (1, MIGRATIONS.len() as i64));
    }

    /// A data dir written before the listing indexes (schema 3) gains them when a newer mock
    /// opens it, keeping its rows.
    #[test]
    fn schema_3_data_dir_upgrades_in_place_to_the_listing_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                .unwrap();
            for (i, sql) in MIGRATIONS[..3].iter().enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.execute("INSERT INTO schema_version VALUES (?1)", [i as i64 + 1])
                    .unwrap();
            }
            conn.execute_batch(
                "INSERT INTO domains VALUES ('d', '111122223333', 1, 'k', NULL, NULL);
                 INSERT INTO repositories VALUES ('d', 'r', '111122223333', NULL, 1, NULL, NULL);
                 INSERT INTO packages VALUES (1, 'd', 'r', 'npm', '', 'p', 'ALLOW', 'BLOCK');
                 INSERT INTO package_versions (package_id, version, revision, status, origin_type,
                     published_ms) VALUES (1, '1.0.0', 'rev', 'Published', 'INTERNAL', 5);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let (version, indexes, versions): (i64, i64, i64) = store
            .read(|c| {
                Ok(c.query_row(
                    "SELECT (SELECT MAX(version) FROM schema_version),
                            (SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN
                                ('package_versions_by_arrival', 'package_versions_by_time',
                                 'packages_by_coordinates')),
                            (SELECT COUNT(*) FROM package_versions)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?)
            })
            .unwrap();
        assert_eq!(
            (version, indexes, versions),
            (MIGRATIONS.len() as i64, 3, 1)
        );
    }

    /// What RELIABILITY.md promises of an acknowledged write: WAL, and every commit fsynced
    /// (`synchronous = FULL`, 2) before the response; and the database private.
    #[test]
    fn commits_are_durable_and_the_database_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let store = Store::open(&path).unwrap();
        let (mode, sync): (String, i64) = store
            .read(|c| {
                Ok((
                    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
                    c.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
                ))
            })
            .unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
        for file in ["db.sqlite", "db.sqlite-wal", "db.sqlite-shm"] {
            let meta = std::fs::metadata(dir.path().join(file)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file}");
        }
    }

    #[test]
    fn failed_write_rolls_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        let r: Result<(), ApiError> = store.write(|tx| {
            tx.execute(
                "INSERT INTO domains VALUES ('d', '111122223333', 1, 'k', NULL, NULL)",
                [],
            )?;
            Err(ApiError::internal("boom"))
        });
        assert!(r.is_err());
        let n: i64 = store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM domains", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 0);
    }
}
