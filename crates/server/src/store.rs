//! The consent log's database: SQLite by default (a file under `data/`, WAL, created on first
//! start), PostgreSQL when `DATABASE_URL` names one, through one API (sqlx's `Any` driver) and one
//! schema (`migrations/*.sql`, run at start on either).
//!
//! Writes go through one task that commits whatever has arrived meanwhile in one transaction
//! ([`Store::keep`] waits for it): a beacon is answered only once its row is committed, so what the
//! server acknowledged survives a killed process, and a busy log pays one commit per batch, not one
//! per beacon. A full queue, a commit that fails or takes over 5 s, and what waits behind a failed
//! commit are answered at once with an error (the server says 503), never left hanging.

use std::borrow::Cow;
use std::path::Path;
use std::time::Duration;

use portal_core::consent::catalogue::{Purpose, Service};
use portal_core::consent::log::Logged;
use portal_core::facts::SERVICES;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{AnyPool, Connection, Executor, Row};
use std::future::Future;
use std::pin::Pin;
use tokio::sync::{mpsc, oneshot};

/// The schema, embedded: the same files on SQLite and PostgreSQL, applied in order at start
/// (sqlx's table `_sqlx_migrations` remembers which ran, with their checksums).
const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "consent log",
    include_str!("../migrations/0001_consent_log.sql"),
)];

/// The most beacons one transaction commits.
const BATCH: usize = 512;

/// How long a request waits for a connection before the server answers 503.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The longest a batch's commit may take (a database that stops answering without closing the
/// connection): then the batch and everything queued behind it are answered 503.
const COMMIT_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest a beacon waits for its commit, queue included.
const KEEP_TIMEOUT: Duration = Duration::from_secs(10);

/// The database the log is kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// Why the log could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with postgres:// or postgresql:// (or sqlite://): {0}")]
    UnknownDatabase(String),
    #[error("cannot create the folder {0} for the consent log: {1}")]
    Folder(String, std::io::Error),
    #[error("cannot open the consent log's database ({0}): {1}")]
    Open(String, sqlx::Error),
    #[error("cannot bring the consent log's database ({0}) to the current schema: {1}")]
    Migrate(String, sqlx::migrate::MigrateError),
    #[error("the consent log's database is not answering: {0}")]
    Unavailable(sqlx::Error),
    #[error("the consent log's writer has stopped")]
    Stopped,
    #[error("the consent log is busy: {0} beacons wait for their commit")]
    Busy(usize),
}

/// One entry of the log, as the DPO's routes give it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub time: i64,
    pub received: i64,
    pub revision: String,
    pub lang: String,
    pub analytics: bool,
    pub marketing: bool,
    pub gpc: bool,
    pub path: String,
    pub record: String,
}

impl Entry {
    /// The services the visitor switched off inside an allowed purpose, as their record names
    /// them (`choices.refused_services` of the record's text, which the log keeps as it came).
    pub fn refused_services(&self) -> Vec<String> {
        refused_in(&self.record)
    }
}

/// `choices.refused_services` of a stored record's text (none in a version 2 record, which had
/// no switch per service).
fn refused_in(record: &str) -> Vec<String> {
    serde_json::from_str::<serde_json::Value>(record)
        .ok()
        .and_then(|record| {
            let ids = record
                .get("choices")?
                .get("refused_services")?
                .as_array()?
                .clone();
            Some(
                ids.iter()
                    .filter_map(|id| id.as_str().map(str::to_owned))
                    .collect(),
            )
        })
        .unwrap_or_default()
}

/// Whether the change from `previous` to `now` (purposes and refused services) switches off a
/// service that could run, while its purpose stays allowed: a withdrawal of that service alone.
fn refuses_a_service(previous: (bool, bool, &[String]), now: (bool, bool, &[String])) -> bool {
    let allows = |(analytics, marketing, refused): (bool, bool, &[String]), service: &Service| {
        let purpose = match service.purpose {
            Purpose::Analytics => analytics,
            Purpose::Marketing => marketing,
            Purpose::Necessary => true,
        };
        purpose && !refused.iter().any(|id| service.id == *id.as_str())
    };
    SERVICES.iter().any(|service| {
        allows(previous, service) && !allows(now, service) && allows((now.0, now.1, &[]), service)
    })
}

/// A choice as the DPO's chart counts it ([`crate::stats::Choice`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceRow {
    pub received: i64,
    pub revision: String,
    pub analytics: bool,
    pub marketing: bool,
    pub previous: Option<(bool, bool)>,
    /// Whether it switches off a service the previous choice let run, its purpose still allowed.
    pub refuses_a_service: bool,
}

impl ChoiceRow {
    pub fn choice(&self) -> crate::stats::Choice<'_> {
        crate::stats::Choice {
            received: self.received,
            revision: &self.revision,
            analytics: self.analytics,
            marketing: self.marketing,
            previous: self.previous,
            refuses_a_service: self.refuses_a_service,
        }
    }
}

struct Job {
    logged: Logged,
    received: i64,
    done: oneshot::Sender<Result<(), String>>,
}

/// The log: a pool of connections and the writer task.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    kind: Kind,
    /// Where it is, without a password (what the start line and errors say).
    shown: String,
    writer: mpsc::Sender<Job>,
}

/// `url` without its password, for messages and logs.
pub fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

impl Store {
    /// Opens the log: `database_url` (PostgreSQL or SQLite), else SQLite at `default_file`,
    /// whose folder is created. Runs the migrations; a database that cannot be opened or
    /// migrated is an error that says which and why.
    pub async fn open(database_url: Option<&str>, default_file: &Path) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, kind) = match database_url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                (url.to_owned(), Kind::Postgres)
            }
            Some(url) if url.starts_with("sqlite:") => (url.to_owned(), Kind::Sqlite),
            Some(url) => return Err(StoreError::UnknownDatabase(without_password(url))),
            None => {
                if let Some(folder) = default_file.parent().filter(|f| !f.as_os_str().is_empty()) {
                    // Readable by the server's user only: the log is personal data.
                    let mut builder = std::fs::DirBuilder::new();
                    builder.recursive(true);
                    #[cfg(unix)]
                    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
                    builder
                        .create(folder)
                        .map_err(|e| StoreError::Folder(folder.display().to_string(), e))?;
                }
                (
                    format!("sqlite://{}?mode=rwc", default_file.display()),
                    Kind::Sqlite,
                )
            }
        };
        let shown = without_password(&url);
        let options: AnyConnectOptions = url.parse().map_err(|e| StoreError::Open(shown.clone(), e))?;
        // One connection first, so that a database that cannot be reached says why (refused,
        // unknown host, wrong password) rather than the pool's "timed out".
        sqlx::AnyConnection::connect_with(&options)
            .await
            .map_err(|e| StoreError::Open(shown.clone(), e))?
            .close()
            .await
            .map_err(|e| StoreError::Open(shown.clone(), e))?;
        let pool = AnyPoolOptions::new()
            .max_connections(match kind {
                Kind::Sqlite => 4,
                Kind::Postgres => 8,
            })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if kind == Kind::Sqlite {
                        // WAL: readers never wait for the writer; FULL: a commit is on disk
                        // before the beacon is answered; a busy database waits, not fails.
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA busy_timeout = 5000;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Open(shown.clone(), e))?;
        let migrator = Migrator::new(Embedded)
            .await
            .map_err(|e| StoreError::Migrate(shown.clone(), e))?;
        migrator
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate(shown.clone(), e))?;
        let (writer, jobs) = mpsc::channel(BATCH * 8);
        tokio::spawn(write(pool.clone(), jobs));
        Ok(Store {
            pool,
            kind,
            shown,
            writer,
        })
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Where the log is, without a password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Keeps `logged`, received at `received` (milliseconds since 1970): returns once it is
    /// committed. The same record (id and time) kept twice is one entry.
    pub async fn keep(&self, logged: Logged, received: i64) -> Result<(), StoreError> {
        let (done, answer) = oneshot::channel();
        // A full queue is answered at once (503), not waited for.
        self.writer
            .try_send(Job {
                logged,
                received,
                done,
            })
            .map_err(|error| match error {
                mpsc::error::TrySendError::Full(_) => StoreError::Busy(self.writer.max_capacity()),
                mpsc::error::TrySendError::Closed(_) => StoreError::Stopped,
            })?;
        match tokio::time::timeout(KEEP_TIMEOUT, answer).await {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(message))) => Err(StoreError::Unavailable(sqlx::Error::Protocol(message))),
            Ok(Err(_)) => Err(StoreError::Stopped),
            Err(_) => Err(StoreError::Unavailable(sqlx::Error::PoolTimedOut)),
        }
    }

    /// The entries of one visitor's record id, oldest first.
    pub async fn entries(&self, id: &str) -> Result<Vec<Entry>, StoreError> {
        let rows = sqlx::query(&format!("{SELECT} WHERE id = $1 ORDER BY time, received"))
            .bind(id.to_owned())
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::Unavailable)?;
        rows.iter().map(entry).collect()
    }

    /// The entries received from `from` (inclusive) to `to` (exclusive), milliseconds since 1970,
    /// in the order received.
    pub async fn received_between(&self, from: i64, to: i64) -> Result<Vec<Entry>, StoreError> {
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE received >= $1 AND received < $2 ORDER BY received, id, time"
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::Unavailable)?;
        rows.iter().map(entry).collect()
    }

    /// The choices received from `from` (inclusive) to `to` (exclusive), in the order received,
    /// each with the same visitor's previous choice (by the record's time), wherever it falls:
    /// what the DPO's chart counts.
    pub async fn choices_between(&self, from: i64, to: i64) -> Result<Vec<ChoiceRow>, StoreError> {
        // A window over the entries of the ids seen in the period (SQLite 3.25+, PostgreSQL).
        let rows = sqlx::query(
            "SELECT received, revision, analytics, marketing, record, previous_analytics, previous_marketing, previous_record FROM ( \
               SELECT received, revision, analytics, marketing, record, \
                 LAG(analytics) OVER (PARTITION BY id ORDER BY time) AS previous_analytics, \
                 LAG(marketing) OVER (PARTITION BY id ORDER BY time) AS previous_marketing, \
                 LAG(record) OVER (PARTITION BY id ORDER BY time) AS previous_record \
               FROM consent_log \
               WHERE id IN (SELECT id FROM consent_log WHERE received >= $1 AND received < $2) \
             ) AS t WHERE received >= $1 AND received < $2 ORDER BY received",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::Unavailable)?;
        rows.iter()
            .map(|row| {
                let previous_analytics: Option<i64> = row.try_get("previous_analytics")?;
                let previous_marketing: Option<i64> = row.try_get("previous_marketing")?;
                let previous_record: Option<String> = row.try_get("previous_record")?;
                let analytics = row.try_get::<i64, _>("analytics")? != 0;
                let marketing = row.try_get::<i64, _>("marketing")? != 0;
                let previous = previous_analytics
                    .zip(previous_marketing)
                    .map(|(a, m)| (a != 0, m != 0));
                let refused = refused_in(&row.try_get::<String, _>("record")?);
                let refuses_a_service = previous.zip(previous_record).is_some_and(|((a, m), text)| {
                    refuses_a_service((a, m, &refused_in(&text)), (analytics, marketing, &refused))
                });
                Ok(ChoiceRow {
                    received: row.try_get("received")?,
                    revision: row.try_get("revision")?,
                    analytics,
                    marketing,
                    previous,
                    refuses_a_service,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::Unavailable)
    }

    /// Deletes the entries received before `before` (milliseconds since 1970); returns how many.
    pub async fn delete_received_before(&self, before: i64) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM consent_log WHERE received < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(StoreError::Unavailable)?;
        Ok(result.rows_affected())
    }

    /// Whether the connection to the database is encrypted (PostgreSQL's `pg_stat_ssl`; SQLite
    /// is a local file: `false`).
    pub async fn tls(&self) -> Result<bool, StoreError> {
        if self.kind == Kind::Sqlite {
            return Ok(false);
        }
        let row =
            sqlx::query("SELECT CAST(ssl AS INTEGER) AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::Unavailable)?;
        Ok(row.try_get::<i32, _>("ssl").map_err(StoreError::Unavailable)? != 0)
    }

    /// Whether the database answers a trivial query within 2 seconds.
    pub async fn ping(&self) -> bool {
        let query = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_secs(2), query).await,
            Ok(Ok(_))
        )
    }

    /// Closes the connections, once the server has stopped taking requests. Every beacon it
    /// acknowledged is committed already (each is answered only after its commit); a beacon still
    /// queued belongs to a request whose answer was never sent.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

const SELECT: &str =
    "SELECT id, time, received, revision, lang, analytics, marketing, gpc, path, record FROM consent_log";

fn entry(row: &sqlx::any::AnyRow) -> Result<Entry, StoreError> {
    let get_text = |name: &str| row.try_get::<String, _>(name);
    let get_int = |name: &str| row.try_get::<i64, _>(name);
    (|| {
        Ok(Entry {
            id: get_text("id")?,
            time: get_int("time")?,
            received: get_int("received")?,
            revision: get_text("revision")?,
            lang: get_text("lang")?,
            analytics: get_int("analytics")? != 0,
            marketing: get_int("marketing")? != 0,
            gpc: get_int("gpc")? != 0,
            path: get_text("path")?,
            record: get_text("record")?,
        })
    })()
    .map_err(StoreError::Unavailable)
}

/// The writer: takes a beacon, and whatever else is waiting (up to [`BATCH`]), commits them in
/// one transaction, and answers each. A failed commit answers each with the error (the server
/// then says 503 and the visitor's page does not care); the next batch tries again.
async fn write(pool: AnyPool, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(BATCH);
    while jobs.recv_many(&mut batch, BATCH).await > 0 {
        let result = match tokio::time::timeout(COMMIT_TIMEOUT, commit(&pool, &batch)).await {
            Ok(result) => result.map_err(|e| e.to_string()),
            Err(_) => Err(format!("no commit within {} s", COMMIT_TIMEOUT.as_secs())),
        };
        for job in batch.drain(..) {
            let _ = job.done.send(result.clone());
        }
        // A database that failed fails what waits behind too, at once: each would wait for a
        // connection as long again. The next beacon tries again.
        if let Err(error) = &result {
            while let Ok(job) = jobs.try_recv() {
                let _ = job.done.send(Err(error.clone()));
            }
        }
    }
}

/// The most rows one INSERT statement carries (10 parameters each: far below SQLite's and
/// PostgreSQL's limits).
const ROWS_PER_STATEMENT: usize = 64;

/// `INSERT … VALUES ($1, …, $10), ($11, …), … ON CONFLICT (id, time) DO NOTHING` for `rows` rows.
fn insert_statement(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let params: Vec<String> = (1..=10).map(|n| format!("${}", row * 10 + n)).collect();
            format!("({})", params.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO consent_log (id, time, received, revision, lang, analytics, marketing, gpc, path, record) \
         VALUES {} ON CONFLICT (id, time) DO NOTHING",
        values.join(", ")
    )
}

/// Commits `batch` in one transaction, [`ROWS_PER_STATEMENT`] rows per statement (one round trip
/// each, not one per beacon).
async fn commit(pool: &AnyPool, batch: &[Job]) -> Result<(), sqlx::Error> {
    let mut transaction = pool.begin().await?;
    for chunk in batch.chunks(ROWS_PER_STATEMENT) {
        let sql = insert_statement(chunk.len());
        let mut query = sqlx::query(&sql);
        for job in chunk {
            let record = &job.logged.record;
            query = query
                .bind(record.id.clone())
                .bind(record.time)
                .bind(job.received)
                .bind(record.revision.clone())
                .bind(record.lang.code().to_owned())
                .bind(i64::from(record.choices.analytics))
                .bind(i64::from(record.choices.marketing))
                .bind(i64::from(record.gpc))
                .bind(job.logged.path.clone())
                .bind(job.logged.text.clone());
        }
        query.execute(&mut *transaction).await?;
    }
    transaction.commit().await
}

/// [`MIGRATIONS`] as sqlx's migrator takes them.
#[derive(Debug)]
struct Embedded;

impl MigrationSource<'static> for Embedded {
    #[allow(clippy::type_complexity)]
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, sqlx::error::BoxDynError>> + Send>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, description, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*description),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insert_numbers_its_parameters_row_by_row() {
        let sql = insert_statement(2);
        assert!(
            sql.contains("VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10), ($11, $12,"),
            "{sql}"
        );
        assert!(sql.ends_with("$20) ON CONFLICT (id, time) DO NOTHING"), "{sql}");
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            without_password("postgres://portal:s3cret@127.0.0.1:5432/consent"),
            "postgres://portal@127.0.0.1:5432/consent"
        );
        assert_eq!(
            without_password("postgres://127.0.0.1/consent"),
            "postgres://127.0.0.1/consent"
        );
        assert_eq!(
            without_password("sqlite://data/consent.sqlite?mode=rwc"),
            "sqlite://data/consent.sqlite?mode=rwc"
        );
    }

    #[test]
    fn a_service_switched_off_alone_is_a_withdrawal_and_nothing_else_is() {
        let first = &SERVICES[0];
        let id = vec![first.id.to_string()];
        let on = |purpose_on: bool| match first.purpose {
            Purpose::Marketing => (false, purpose_on),
            _ => (purpose_on, false),
        };
        let (a, m) = on(true);
        assert!(refuses_a_service((a, m, &[]), (a, m, &id)));
        // Switched on again, or off with its purpose (counted as the purpose's withdrawal), or
        // refused before and still: not this.
        assert!(!refuses_a_service((a, m, &id), (a, m, &[])));
        let (off_a, off_m) = on(false);
        assert!(!refuses_a_service((a, m, &[]), (off_a, off_m, &[])));
        assert!(!refuses_a_service((a, m, &id), (a, m, &id)));
        assert!(!refuses_a_service((off_a, off_m, &[]), (a, m, &id)));
        // Read from a stored record's text; a version 2 record refused none.
        let text = format!(
            "{{\"choices\":{{\"analytics\":true,\"marketing\":false,\"refused_services\":[\"{}\"]}}}}",
            first.id
        );
        assert_eq!(refused_in(&text), id);
        assert!(refused_in("{\"choices\":{\"analytics\":true,\"marketing\":false}}").is_empty());
    }
}
