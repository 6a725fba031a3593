//! Metadata store: one SQLite database in the data dir (WAL, foreign keys, busy timeout).
//!
//! The schema evolves only by appending to `MIGRATIONS`; `schema_version` records how many have
//! been applied, so an older data dir is upgraded in place when a newer mock opens it. Every
//! mutation goes through `Store::write`, one IMMEDIATE transaction per request, so a request is
//! either wholly visible after a restart or not at all.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::error::ApiError;

/// Append-only. Issues 3/4 add packages, versions, assets and package groups as new entries.
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
];

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, rusqlite::Error> {
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
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
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
