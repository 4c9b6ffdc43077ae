//! Reading and writing calls. Every write is its own transaction, so a crash or a kill keeps
//! either all of an entry or none of it.

use super::entry::{direction_from_sql, direction_to_sql, Entry, EntryId, Filter, NewEntry};
use super::HistoryError;
use crate::config::AccountId;
use crate::engine::api::Direction;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, params_from_iter, Connection, Row, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// The call history: one SQLite file. Open it with [`History::open`].
#[derive(Debug)]
pub struct History {
    conn: Connection,
    path: PathBuf,
}

type Result<T> = std::result::Result<T, HistoryError>;

/// Every column of an entry, in the order [`entry_from_row`] reads them.
pub(crate) const SELECT_ENTRY: &str = "SELECT id, direction, remote, contact_name, contact_uid, \
    account_id, started_unix, answered_unix, duration_secs, end_reason, missed, seen FROM calls";

/// Newest first; the id breaks ties between calls started in the same second.
const NEWEST_FIRST: &str = "ORDER BY started_unix DESC, id DESC LIMIT ?";

impl History {
    pub(crate) fn new(conn: Connection, path: PathBuf) -> Self {
        History { conn, path }
    }

    /// Where the history file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores one finished call in its own transaction. A missed call starts unseen.
    pub fn record(&mut self, entry: &NewEntry) -> Result<EntryId> {
        let tx = self.write()?;
        let id = insert(&tx, entry)?;
        tx.commit()?;
        Ok(id)
    }

    /// Stores several calls in one transaction: all of them or none (for imports).
    pub fn record_all(&mut self, entries: &[NewEntry]) -> Result<Vec<EntryId>> {
        let tx = self.write()?;
        let ids = entries
            .iter()
            .map(|entry| insert(&tx, entry))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(ids)
    }

    /// The newest `limit` calls, all of them or only the missed ones.
    pub fn list(&self, filter: Filter, limit: usize) -> Result<Vec<Entry>> {
        let sql = match filter {
            Filter::All => format!("{SELECT_ENTRY} {NEWEST_FIRST}"),
            Filter::Missed => format!("{SELECT_ENTRY} WHERE missed = 1 {NEWEST_FIRST}"),
        };
        self.query(&sql, params![sql_limit(limit)])
    }

    /// One contact's calls, newest first: those recorded against `contact_uid`, and those with
    /// any of `remotes` (compared exactly, as the engine reported them), which finds calls made
    /// before the contact existed.
    pub fn for_contact(
        &self,
        contact_uid: &str,
        remotes: &[&str],
        limit: usize,
    ) -> Result<Vec<Entry>> {
        let placeholders = vec!["?"; remotes.len()].join(", ");
        let sql = format!(
            "{SELECT_ENTRY} WHERE contact_uid = ? OR remote IN ({placeholders}) {NEWEST_FIRST}"
        );
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(remotes.len() + 2);
        values.push(&contact_uid);
        values.extend(remotes.iter().map(|remote| remote as &dyn ToSql));
        let limit = sql_limit(limit);
        values.push(&limit);
        self.query(&sql, params_from_iter(values))
    }

    /// The calls with one address (for a caller who is no contact), newest first.
    pub fn for_remote(&self, remote: &str, limit: usize) -> Result<Vec<Entry>> {
        let sql = format!("{SELECT_ENTRY} WHERE remote = ? {NEWEST_FIRST}");
        self.query(&sql, params![remote, sql_limit(limit)])
    }

    /// One call, if it is still stored.
    pub fn get(&self, id: EntryId) -> Result<Option<Entry>> {
        let sql = format!("{SELECT_ENTRY} WHERE id = ?");
        Ok(self.query(&sql, params![id.0])?.pop())
    }

    /// Deletes one call; `false` when there was no such entry.
    pub fn delete(&mut self, id: EntryId) -> Result<bool> {
        let tx = self.write()?;
        let deleted = tx.execute("DELETE FROM calls WHERE id = ?", params![id.0])?;
        tx.commit()?;
        Ok(deleted > 0)
    }

    /// Deletes every call and returns how many there were. The WAL is then checkpointed and
    /// truncated so that the deleted numbers do not linger in it.
    pub fn clear(&mut self) -> Result<usize> {
        let tx = self.write()?;
        let deleted = tx.execute("DELETE FROM calls", [])?;
        tx.commit()?;
        // Best effort: a reader in another process can hold the checkpoint back; the entries
        // are deleted all the same and the next checkpoint overwrites them.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(deleted)
    }

    /// How many missed calls the user has not seen yet: the number on the badge.
    pub fn unseen_missed(&self) -> Result<u32> {
        let count = self
            .conn
            .prepare_cached("SELECT count(*) FROM calls WHERE missed = 1 AND seen = 0")?
            .query_row([], |row| row.get(0))?;
        Ok(count)
    }

    /// Marks every missed call seen (the user opened the list); returns how many changed.
    pub fn mark_missed_seen(&mut self) -> Result<usize> {
        let tx = self.write()?;
        let changed = tx.execute(
            "UPDATE calls SET seen = 1 WHERE missed = 1 AND seen = 0",
            [],
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// Immediate, so that a second Handset process waits (busy_timeout) at the start instead of
    /// failing at the commit.
    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    fn query(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn insert(tx: &Transaction<'_>, entry: &NewEntry) -> Result<EntryId> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO calls (direction, remote, contact_name, contact_uid, account_id, \
         started_unix, answered_unix, duration_secs, end_reason, missed, seen) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    stmt.execute(params![
        SqlDirection(entry.direction),
        entry.remote,
        entry.contact,
        entry.contact_uid,
        entry.account.map(|account| account.0),
        entry.started_unix,
        entry.answered_unix,
        entry.duration_secs,
        entry.end_reason,
        entry.missed,
        !entry.missed,
    ])?;
    Ok(EntryId(tx.last_insert_rowid()))
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: EntryId(row.get(0)?),
        direction: row.get::<_, SqlDirection>(1)?.0,
        remote: row.get(2)?,
        contact: row.get(3)?,
        contact_uid: row.get(4)?,
        account: row.get::<_, Option<u32>>(5)?.map(AccountId),
        started_unix: row.get(6)?,
        answered_unix: row.get(7)?,
        duration_secs: row.get(8)?,
        end_reason: row.get(9)?,
        missed: row.get(10)?,
        seen: row.get(11)?,
    })
}

/// SQLite's LIMIT is signed; anything above its range means "no limit".
fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

struct SqlDirection(Direction);

impl ToSql for SqlDirection {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(direction_to_sql(self.0)))
    }
}

impl FromSql for SqlDirection {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        direction_from_sql(text)
            .map(SqlDirection)
            .ok_or_else(|| FromSqlError::Other(format!("unknown direction {text:?}").into()))
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
