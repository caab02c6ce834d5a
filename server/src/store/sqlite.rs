//! The embedded default store: one SQLite file in WAL mode.
//!
//! Writes go through one connection behind a mutex and run in `BEGIN IMMEDIATE`
//! transactions, so votes from this process never race each other; other processes on
//! the same file are serialized by SQLite's own lock (with a busy timeout). Reads use
//! a small pool of read-only connections, which WAL lets run beside the writer.
//! `synchronous=FULL` makes every committed vote durable before it is acknowledged.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

use super::{
    Article, ArticleKey, Card, CardSource, ImportBatch, ListKind, Page, Rating, RatingLookup,
    RatingState, Source, Store, StoreError, VoteIntent,
};

/// How long a write waits, in all, for the writer connection and for another process's
/// lock before giving up with `Busy`; also each reader's wait for SQLite's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

type WriterGuard<'a> = parking_lot::MutexGuard<'a, Connection>;
/// Read connections kept open at most; more readers wait for a free one.
const MAX_READERS: usize = 8;
/// The schema this code writes and understands (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY,
    url          TEXT NOT NULL,
    title        TEXT NOT NULL,
    section      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    source_name  TEXT,
    source_url   TEXT,
    published_at TEXT,                         -- RFC 3339, UTC ('Z')
    updated_at   TEXT,
    byline       TEXT,
    dateline     TEXT,
    image        TEXT,                         -- JSON object or NULL
    body         TEXT NOT NULL DEFAULT '[]',   -- JSON array of typed blocks
    rating_label TEXT,                         -- NULL: the article has no rating
    rating_count INTEGER NOT NULL DEFAULT 0    -- base count + vote rows, kept in the vote transaction
);
CREATE INDEX IF NOT EXISTS articles_newest ON articles (COALESCE(published_at, ''), id);
CREATE TABLE IF NOT EXISTS cards (
    id           TEXT PRIMARY KEY,
    url          TEXT NOT NULL,
    title        TEXT NOT NULL,
    image        TEXT,                         -- JSON object or NULL
    source_name  TEXT,
    published_at TEXT
);
CREATE TABLE IF NOT EXISTS recommendations (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    list       TEXT NOT NULL CHECK (list IN ('related', 'popular', 'recommended')),
    position   INTEGER NOT NULL CHECK (position >= 1),
    card_id    TEXT NOT NULL REFERENCES cards (id),
    PRIMARY KEY (article_id, list, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS votes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    voter      TEXT NOT NULL,
    voted_at   INTEGER NOT NULL,
    PRIMARY KEY (article_id, voter)
) WITHOUT ROWID;
";

/// A `Store` on one SQLite database file.
pub struct SqliteStore {
    // parking_lot: a lock wait with a deadline (std's Mutex has none), and no poisoning
    // (a panic inside a transaction rolls it back on drop, so the connection stays usable).
    writer: parking_lot::Mutex<Connection>,
    readers: ReaderPool,
}

impl SqliteStore {
    /// Opens (creating if needed, with its parent folder) the database at `path` and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|err| {
                StoreError::Open(format!("cannot create folder {}: {err}", parent.display()))
            })?;
        }
        let mut writer = Connection::open(path)
            .map_err(|err| StoreError::Open(format!("{}: {err}", path.display())))?;
        configure(&writer, false)
            .map_err(StoreError::from)
            .map_err(open_error(path))?;
        migrate(&mut writer).map_err(open_error(path))?;
        Ok(SqliteStore {
            writer: parking_lot::Mutex::new(writer),
            readers: ReaderPool::new(path.to_path_buf()),
        })
    }

    /// The writer connection, for one transaction. Waiting for it (other votes queued in
    /// this process) and for SQLite's own lock (another process writing) share one budget,
    /// BUSY_TIMEOUT: past it the caller gets `Busy` (503, try again) at once, instead of
    /// each queued vote waiting its own full timeout and being applied long after its
    /// client gave up.
    fn write(&self) -> Result<WriterGuard<'_>, StoreError> {
        let started = Instant::now();
        let conn = self
            .writer
            .try_lock_for(BUSY_TIMEOUT)
            .ok_or(StoreError::Busy)?;
        let left = BUSY_TIMEOUT.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(StoreError::Busy);
        }
        conn.busy_timeout(left)?;
        Ok(conn)
    }

    fn import_batch(tx: &rusqlite::Transaction<'_>, batch: &ImportBatch) -> Result<(), StoreError> {
        let mut insert_article = tx.prepare_cached(
            "INSERT OR REPLACE INTO articles (id, url, title, section, source_name, source_url,
                 published_at, updated_at, byline, dateline, image, body, rating_label, rating_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for article in &batch.articles {
            insert_article.execute(params![
                article.id,
                article.url,
                article.title,
                to_json(&article.section)?,
                article.source.as_ref().map(|s| &s.name),
                article.source.as_ref().and_then(|s| s.url.as_ref()),
                article.published_at,
                article.updated_at,
                article.byline,
                article.dateline,
                article.image.as_ref().map(to_json).transpose()?,
                to_json(&article.body)?,
                article.rating.as_ref().map(|r| &r.label),
                article.rating.as_ref().map_or(0, |r| r.count as i64),
            ])?;
        }
        let mut insert_card = tx.prepare_cached(
            "INSERT OR REPLACE INTO cards (id, url, title, image, source_name, published_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for card in &batch.cards {
            insert_card.execute(params![
                card.id,
                card.url,
                card.title,
                card.image.as_ref().map(to_json).transpose()?,
                card.source.as_ref().map(|s| &s.name),
                card.published_at,
            ])?;
        }
        let mut clear_list =
            tx.prepare_cached("DELETE FROM recommendations WHERE article_id = ?1 AND list = ?2")?;
        let mut insert_entry = tx.prepare_cached(
            "INSERT INTO recommendations (article_id, list, position, card_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for list in &batch.lists {
            clear_list.execute(params![list.article_id, list.list.as_str()])?;
            for (index, card_id) in list.card_ids.iter().enumerate() {
                insert_entry.execute(params![
                    list.article_id,
                    list.list.as_str(),
                    index as i64 + 1,
                    card_id
                ])?;
            }
        }
        Ok(())
    }
}

impl Store for SqliteStore {
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let conn = self.readers.get()?;
        let row = conn
            .prepare_cached(
                "SELECT id, url, title, section, source_name, source_url, published_at, updated_at,
                        byline, dateline, image, body, rating_label, rating_count
                 FROM articles WHERE id = ?1",
            )?
            .query_row([id], |row| {
                Ok(ArticleRow {
                    id: row.get(0)?,
                    url: row.get(1)?,
                    title: row.get(2)?,
                    section: row.get(3)?,
                    source_name: row.get(4)?,
                    source_url: row.get(5)?,
                    published_at: row.get(6)?,
                    updated_at: row.get(7)?,
                    byline: row.get(8)?,
                    dateline: row.get(9)?,
                    image: row.get(10)?,
                    body: row.get(11)?,
                    rating_label: row.get(12)?,
                    rating_count: row.get(13)?,
                })
            })
            .optional()?;
        row.map(ArticleRow::into_article).transpose()
    }

    fn list_articles(
        &self,
        after: Option<&ArticleKey>,
        limit: u32,
    ) -> Result<Page<ArticleKey>, StoreError> {
        let mut conn = self.readers.get()?;
        let tx = conn.transaction()?;
        let total: i64 = tx.query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))?;
        // Keyset paging on (published_at, id), newest first: stable however the
        // pages are fetched, and with no offset to skip.
        let (after_published, after_id) = match after {
            Some(key) => (Some(key.published_at.as_str()), Some(key.id.as_str())),
            None => (None, None),
        };
        let mut rows = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT id, url, title, image, source_name, published_at
                 FROM articles
                 WHERE ?1 IS NULL OR (COALESCE(published_at, ''), id) < (?1, ?2)
                 ORDER BY COALESCE(published_at, '') DESC, id DESC
                 LIMIT ?3",
            )?;
            let mut query = stmt.query(params![after_published, after_id, limit as i64 + 1])?;
            while let Some(row) = query.next()? {
                let image: Option<String> = row.get(3)?;
                let image = image
                    .map(|json| from_json::<super::Image>(&json, "article image"))
                    .transpose()?
                    .map(thumbnail);
                rows.push(Card {
                    id: row.get(0)?,
                    url: row.get(1)?,
                    title: row.get(2)?,
                    image,
                    source: row
                        .get::<_, Option<String>>(4)?
                        .map(|name| CardSource { name }),
                    published_at: row.get(5)?,
                    rank: None,
                });
            }
        }
        tx.commit()?;
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|card| ArticleKey {
                published_at: card.published_at.clone().unwrap_or_default(),
                id: card.id.clone(),
            })
        } else {
            None
        };
        Ok(Page {
            items: rows,
            total: total as u64,
            next,
        })
    }

    fn recommendations(
        &self,
        article_id: &str,
        list: ListKind,
        after: u32,
        limit: u32,
    ) -> Result<Option<Page<u32>>, StoreError> {
        let mut conn = self.readers.get()?;
        let tx = conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
            [article_id],
            |row| row.get(0),
        )?;
        if !exists {
            return Ok(None);
        }
        let total: i64 = tx.query_row(
            "SELECT COUNT(*) FROM recommendations WHERE article_id = ?1 AND list = ?2",
            params![article_id, list.as_str()],
            |row| row.get(0),
        )?;
        let mut entries: Vec<(u32, Card)> = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT r.position, c.id, c.url, c.title, c.image, c.source_name, c.published_at
                 FROM recommendations r JOIN cards c ON c.id = r.card_id
                 WHERE r.article_id = ?1 AND r.list = ?2 AND r.position > ?3
                 ORDER BY r.position
                 LIMIT ?4",
            )?;
            let mut query = stmt.query(params![
                article_id,
                list.as_str(),
                after as i64,
                limit as i64 + 1
            ])?;
            while let Some(row) = query.next()? {
                let position: u32 = row.get(0)?;
                let image: Option<String> = row.get(4)?;
                entries.push((
                    position,
                    Card {
                        id: row.get(1)?,
                        url: row.get(2)?,
                        title: row.get(3)?,
                        image: image
                            .map(|json| from_json(&json, "card image"))
                            .transpose()?,
                        source: row
                            .get::<_, Option<String>>(5)?
                            .map(|name| CardSource { name }),
                        published_at: row.get(6)?,
                        rank: list.is_ranked().then_some(position),
                    },
                ));
            }
        }
        tx.commit()?;
        let next = if entries.len() > limit as usize {
            entries.truncate(limit as usize);
            entries.last().map(|(position, _)| *position)
        } else {
            None
        };
        Ok(Some(Page {
            items: entries.into_iter().map(|(_, card)| card).collect(),
            total: total as u64,
            next,
        }))
    }

    fn rating(&self, article_id: &str, voter: Option<&str>) -> Result<RatingLookup, StoreError> {
        let mut conn = self.readers.get()?;
        let tx = conn.transaction()?;
        let Some((label, count)) = rating_row(&tx, article_id)? else {
            return Ok(RatingLookup::NoArticle);
        };
        let Some(label) = label else {
            return Ok(RatingLookup::NoRating);
        };
        let voted = match voter {
            Some(voter) => tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM votes WHERE article_id = ?1 AND voter = ?2)",
                params![article_id, voter],
                |row| row.get(0),
            )?,
            None => false,
        };
        tx.commit()?;
        Ok(RatingLookup::Found(RatingState {
            label,
            count: count.max(0) as u64,
            voted,
        }))
    }

    fn vote(
        &self,
        article_id: &str,
        voter: &str,
        intent: VoteIntent,
    ) -> Result<RatingLookup, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some((label, _)) = rating_row(&tx, article_id)? else {
            return Ok(RatingLookup::NoArticle);
        };
        let Some(label) = label else {
            return Ok(RatingLookup::NoRating);
        };
        // The vote row and the counter change in the same transaction, and the
        // counter moves only when the row really appeared or disappeared: repeats
        // and concurrent duplicates cannot count twice.
        let changed = match intent {
            VoteIntent::Cast => tx.execute(
                "INSERT OR IGNORE INTO votes (article_id, voter, voted_at) VALUES (?1, ?2, ?3)",
                params![article_id, voter, unix_now()],
            )?,
            VoteIntent::Withdraw => tx.execute(
                "DELETE FROM votes WHERE article_id = ?1 AND voter = ?2",
                params![article_id, voter],
            )?,
        };
        if changed == 1 {
            let delta: i64 = match intent {
                VoteIntent::Cast => 1,
                VoteIntent::Withdraw => -1,
            };
            tx.execute(
                "UPDATE articles SET rating_count = rating_count + ?2 WHERE id = ?1",
                params![article_id, delta],
            )?;
        }
        let count: i64 = tx.query_row(
            "SELECT rating_count FROM articles WHERE id = ?1",
            [article_id],
            |row| row.get(0),
        )?;
        tx.commit()?;
        Ok(RatingLookup::Found(RatingState {
            label,
            count: count.max(0) as u64,
            voted: intent == VoteIntent::Cast,
        }))
    }

    fn seed_if_empty(&self, batch: &ImportBatch) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let has_articles: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |row| {
                row.get(0)
            })?;
        if has_articles {
            return Ok(false);
        }
        Self::import_batch(&tx, batch)?;
        tx.commit()?;
        Ok(true)
    }

    fn import_unless_present(
        &self,
        marker_id: &str,
        batch: &ImportBatch,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let present: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
            [marker_id],
            |row| row.get(0),
        )?;
        if present {
            return Ok(false);
        }
        Self::import_batch(&tx, batch)?;
        tx.commit()?;
        Ok(true)
    }
}

/// The raw columns of one article row.
struct ArticleRow {
    id: String,
    url: String,
    title: String,
    section: String,
    source_name: Option<String>,
    source_url: Option<String>,
    published_at: Option<String>,
    updated_at: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    image: Option<String>,
    body: String,
    rating_label: Option<String>,
    rating_count: i64,
}

impl ArticleRow {
    fn into_article(self) -> Result<Article, StoreError> {
        Ok(Article {
            section: from_json(&self.section, "section")?,
            image: self
                .image
                .map(|json| from_json(&json, "image"))
                .transpose()?,
            body: from_json(&self.body, "body")?,
            source: self.source_name.map(|name| Source {
                name,
                url: self.source_url,
            }),
            rating: self.rating_label.map(|label| Rating {
                label,
                count: self.rating_count.max(0) as u64,
            }),
            id: self.id,
            url: self.url,
            title: self.title,
            published_at: self.published_at,
            updated_at: self.updated_at,
            byline: self.byline,
            dateline: self.dateline,
        })
    }
}

/// A list thumbnail of an article's lead image: same picture, card-sized.
fn thumbnail(image: super::Image) -> super::Image {
    let width = 320u32;
    let height = if image.width == 0 {
        180
    } else {
        ((u64::from(image.height) * u64::from(width) + u64::from(image.width) / 2)
            / u64::from(image.width)) as u32
    };
    super::Image {
        width,
        height,
        ..image
    }
}

/// `(rating_label, rating_count)` of an article, `None` if it does not exist.
fn rating_row(
    conn: &Connection,
    article_id: &str,
) -> Result<Option<(Option<String>, i64)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT rating_label, rating_count FROM articles WHERE id = ?1")?
        .query_row([article_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

fn configure(conn: &Connection, read_only: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if !read_only {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(journal_mode = %mode, "SQLite refused WAL mode");
        }
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if read_only {
        conn.pragma_update(None, "query_only", "ON")?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::Open(format!(
            "the database has schema version {version}; this server knows up to {SCHEMA_VERSION}"
        )));
    }
    check_tables(&tx, version)?;
    tx.execute_batch(SCHEMA)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Refuses, before anything is written, a file that is not this server's database: one
/// that holds other tables only (another application's: it is left untouched), or one of
/// our tables without a column the code reads (an older or damaged schema, which would
/// otherwise start and answer every article 500). The columns expected are those SCHEMA
/// creates, read from a copy of it in memory.
fn check_tables(conn: &Connection, version: i64) -> Result<(), StoreError> {
    let expected = Connection::open_in_memory()?;
    expected.execute_batch(SCHEMA)?;
    let ours = table_names(&expected)?;
    let present: Vec<String> = table_names(conn)?
        .iter()
        .map(|name| name.to_ascii_lowercase())
        .collect();
    if version == 0 && !present.is_empty() && !present.iter().any(|name| ours.contains(name)) {
        return Err(StoreError::Open(format!(
            "not a news-widget database (it holds the tables {}); give --db a new file",
            present.join(", ")
        )));
    }
    for table in ours.iter().filter(|name| present.contains(name)) {
        // SQLite's names are case-insensitive: `ID` is the column `id`.
        let have: Vec<String> = column_names(conn, table)?
            .iter()
            .map(|name| name.to_ascii_lowercase())
            .collect();
        let missing: Vec<String> = column_names(&expected, table)?
            .into_iter()
            .filter(|column| !have.contains(&column.to_ascii_lowercase()))
            .collect();
        if !missing.is_empty() {
            return Err(StoreError::Open(format!(
                "table {table} has no column {} (schema version {version}): not a news-widget \
                 database this server can use",
                missing.join(", ")
            )));
        }
    }
    Ok(())
}

fn table_names(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let names = statement.query_map([], |row| row.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

fn column_names(conn: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = statement.query_map([table], |row| row.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

fn open_error(path: &Path) -> impl Fn(StoreError) -> StoreError + '_ {
    move |err| match err {
        StoreError::Open(message) => StoreError::Open(format!("{}: {message}", path.display())),
        other => StoreError::Open(format!("{}: {other}", path.display())),
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|err| StoreError::Corrupt(err.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|err| StoreError::Corrupt(format!("{what}: {err}")))
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Database(err.to_string()),
        }
    }
}

/// A bounded pool of read-only connections.
struct ReaderPool {
    path: PathBuf,
    state: Mutex<PoolState>,
    returned: Condvar,
}

struct PoolState {
    idle: Vec<Connection>,
    open: usize,
}

impl ReaderPool {
    fn new(path: PathBuf) -> ReaderPool {
        ReaderPool {
            path,
            state: Mutex::new(PoolState {
                idle: Vec::new(),
                open: 0,
            }),
            returned: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn get(&self) -> Result<PooledConnection<'_>, StoreError> {
        let mut state = self.lock();
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(PooledConnection {
                    pool: self,
                    conn: Some(conn),
                });
            }
            if state.open < MAX_READERS {
                state.open += 1;
                drop(state);
                return match self.open_reader() {
                    Ok(conn) => Ok(PooledConnection {
                        pool: self,
                        conn: Some(conn),
                    }),
                    Err(err) => {
                        self.lock().open -= 1;
                        self.returned.notify_one();
                        Err(err)
                    }
                };
            }
            state = self
                .returned
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    fn open_reader(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn, true)?;
        Ok(conn)
    }

    fn put_back(&self, conn: Connection) {
        self.lock().idle.push(conn);
        self.returned.notify_one();
    }
}

/// A read connection borrowed from the pool; goes back on drop.
struct PooledConnection<'a> {
    pool: &'a ReaderPool,
    conn: Option<Connection>,
}

impl std::ops::Deref for PooledConnection<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Always `Some` until drop.
        self.conn.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl std::ops::DerefMut for PooledConnection<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for PooledConnection<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.put_back(conn);
        }
    }
}
