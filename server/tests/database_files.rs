//! Opening the database file: what the server refuses to start on, and why it says so.

use std::path::Path;

use news_widget_server::store::sqlite::SqliteStore;
use news_widget_server::store::StoreError;
use rusqlite::Connection;

fn refusal(path: &Path) -> String {
    match SqliteStore::open(path) {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(StoreError::Open(message)) => message,
        Err(other) => panic!("not an open error: {other}"),
    }
}

fn tables(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("open");
    let mut statement = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare");
    let names = statement.query_map([], |row| row.get(0)).expect("query");
    names.collect::<Result<_, _>>().expect("names")
}

/// A database of an older or damaged schema (a column missing, the version not set) is
/// refused at startup with one short line, instead of starting and answering every
/// article 500 ("no such column") while votes still succeed.
#[test]
fn a_database_missing_a_column_is_refused_at_startup() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old.sqlite3");
    drop(SqliteStore::open(&path).expect("a new database"));
    let conn = Connection::open(&path).expect("open");
    conn.execute_batch("ALTER TABLE articles DROP COLUMN dateline; PRAGMA user_version = 0;")
        .expect("make it old");
    drop(conn);

    let message = refusal(&path);
    assert!(
        message.contains("articles") && message.contains("dateline"),
        "{message}"
    );
    assert!(!message.contains('\n') && message.len() < 300, "{message}");
}

/// A table of the same name but another shape (another application's `articles`): refused
/// in one line, not with the schema's SQL.
#[test]
fn a_table_of_another_shape_is_refused_in_one_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("shop.sqlite3");
    let conn = Connection::open(&path).expect("open");
    conn.execute_batch("CREATE TABLE articles (sku TEXT PRIMARY KEY, price INTEGER);")
        .expect("another schema");
    drop(conn);

    let message = refusal(&path);
    assert!(message.contains("articles"), "{message}");
    assert!(!message.contains('\n') && message.len() < 300, "{message}");
    assert_eq!(tables(&path), ["articles"], "the file was changed");
}

/// Any other SQLite file (a mistyped --db pointing at another application's database) is
/// left untouched: no tables or demo articles are added to it.
#[test]
fn another_applications_database_is_left_untouched() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("other.sqlite3");
    let conn = Connection::open(&path).expect("open");
    conn.execute_batch("CREATE TABLE foo (x); INSERT INTO foo VALUES (1);")
        .expect("another database");
    drop(conn);

    let message = refusal(&path);
    assert!(message.contains("not a news-widget database"), "{message}");
    assert!(message.contains("foo"), "{message}");
    assert_eq!(tables(&path), ["foo"], "the file was changed");
}

/// A database written by a newer server is refused, never downgraded.
#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("new.sqlite3");
    drop(SqliteStore::open(&path).expect("a new database"));
    Connection::open(&path)
        .expect("open")
        .execute_batch("PRAGMA user_version = 7;")
        .expect("from the future");

    let message = refusal(&path);
    assert!(message.contains("schema version 7"), "{message}");
}

/// The server's own database opens again, as it is, with or without its version mark
/// (an empty file is a new database).
#[test]
fn its_own_database_opens_again() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("own.sqlite3");
    drop(SqliteStore::open(&path).expect("a new database"));
    drop(SqliteStore::open(&path).expect("opened again"));
    Connection::open(&path)
        .expect("open")
        .execute_batch("PRAGMA user_version = 0;")
        .expect("unmarked");
    drop(SqliteStore::open(&path).expect("unmarked, opened again"));
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").expect("an empty file");
    drop(SqliteStore::open(&empty).expect("an empty file"));
}

/// A start that fails to listen (the port is taken) leaves the disk as it was: no
/// database file created and seeded for a server that never ran.
#[tokio::test]
async fn a_start_that_cannot_listen_writes_no_database() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let config = news_widget_server::Config {
        addr: taken.local_addr().expect("address"),
        db: dir.path().join("never.sqlite3"),
        ..Default::default()
    };
    let error = news_widget_server::spawn(config).await.err();
    assert!(
        matches!(error, Some(news_widget_server::StartError::Bind { .. })),
        "{error:?}"
    );
    assert!(
        !dir.path().join("never.sqlite3").exists(),
        "database written"
    );
}

/// Column names are compared as SQLite does, without regard to case: a column declared
/// `ID` is the column `id` (was: refused as missing).
#[test]
fn column_names_are_case_insensitive() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("upper.sqlite3");
    drop(SqliteStore::open(&path).expect("a new database"));
    Connection::open(&path)
        .expect("open")
        .execute_batch("ALTER TABLE articles RENAME COLUMN title TO TITLE;")
        .expect("rename");
    drop(SqliteStore::open(&path).expect("opened with TITLE"));
}
