/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-store-sqlite.c: the store in one SQLite database under the data directory,
 * the embedded default.
 *
 * WAL journal and synchronous=FULL: a commit returns only once it is on disk. Two
 * connections: the main loop reads on one while the writing thread commits on the other
 * (WAL lets a reader go on during a commit). The schema's version is PRAGMA user_version
 * (atomic with the schema itself); each version applied is also logged in schema_version,
 * as on PostgreSQL. */
#define G_LOG_DOMAIN "charta-hub-store"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "charta-hub-store-private.h"

/* One SQLite connection and its prepared statements. A connection is used by one thread
 * at a time: the reader by the main loop, the writer by the hub's one writing thread. */
typedef struct {
  sqlite3 *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
} Db;

typedef struct {
  ChartaHubStore parent;
  Db reader;
  Db writer;
} SqliteStore;

#define SQLITE_STORE(s) ((SqliteStore *) (s))
#define READER(s) (&SQLITE_STORE (s)->reader)
#define WRITER(s) (&SQLITE_STORE (s)->writer)

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  id INTEGER PRIMARY KEY,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  city TEXT,"                       /* NULL: a reader's token */
  "  name TEXT,"                       /* a reader's name (a city's is in cities) */
  "  created TEXT NOT NULL,"
  "  revoked TEXT);"
  "CREATE TABLE IF NOT EXISTS cities ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS reports ("
  "  city TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  period TEXT NOT NULL,"
  "  revision TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  made TEXT NOT NULL,"
  "  received TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  body BLOB NOT NULL,"
  "  PRIMARY KEY (city, id));"
  "CREATE INDEX IF NOT EXISTS reports_by_period ON reports (period, city, received);"
  "CREATE TABLE IF NOT EXISTS levels ("
  "  city TEXT NOT NULL,"
  "  report TEXT NOT NULL,"
  "  item TEXT NOT NULL,"
  "  level INTEGER NOT NULL,"
  "  scale INTEGER NOT NULL,"
  "  PRIMARY KEY (city, report, item),"
  "  FOREIGN KEY (city, report) REFERENCES reports (city, id) ON DELETE CASCADE);"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  city TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  request_sha256 TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  receipt TEXT NOT NULL,"
  "  revision TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  PRIMARY KEY (city, key));"
  "CREATE TABLE IF NOT EXISTS schema_version ("
  "  version INTEGER PRIMARY KEY,"
  "  applied TEXT NOT NULL);";

/* Schema 1 kept reports by id alone, so the first city to push an id owned it; schema 2
 * keeps them by (city, id). The cities' names come from what their reports said until an
 * administrator names them with token add --name. */
static const char migrate_1_before[] =
  "DROP INDEX IF EXISTS reports_by_period;"
  "ALTER TABLE tokens RENAME TO tokens_1;"
  "ALTER TABLE levels RENAME TO levels_1;"
  "ALTER TABLE reports RENAME TO reports_1;";
static const char migrate_1_after[] =
  "INSERT INTO tokens (id, hash, city, name, created, revoked) "
  "  SELECT id, hash, city, NULL, created, revoked FROM tokens_1;"
  "INSERT INTO reports (city, id, period, revision, sha256, made, received, size, summary, body) "
  "  SELECT city, id, period, revision, sha256, made, received, length(body), summary, body FROM reports_1;"
  "INSERT INTO levels (city, report, item, level, scale) "
  "  SELECT r.city, l.report, l.item, l.level, l.scale FROM levels_1 l JOIN reports_1 r ON r.id = l.report;"
  "INSERT OR IGNORE INTO cities (id, name) "
  "  SELECT city, json_extract(summary, '$.city.name') FROM reports_1 "
  "  WHERE json_extract(summary, '$.city.name') IS NOT NULL ORDER BY received DESC;"
  "DROP TABLE levels_1; DROP TABLE reports_1; DROP TABLE tokens_1;";


/* ---- SQLite helpers ---- */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static gboolean
db_error (Db *db, GError **error)
{
  g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE, _("database: %s"), sqlite3_errmsg (db->db));
  return FALSE;
}

static gboolean
exec (Db *db, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE, _("database: %s"), message);
  sqlite3_free (message);
  return FALSE;
}

/* A prepared statement for @sql, reset and ready for binding. */
static sqlite3_stmt *
prepare (Db *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      db_error (db, error);
      return NULL;
    }
  g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt, int index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);
  return text ? g_strdup ((const char *) text) : NULL;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (Db *db, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || db_error (db, error);
}

/* The first column of the one row @stmt returns, as a number; -1 on failure. */
static gint64
step_int (Db *db, sqlite3_stmt *stmt, GError **error)
{
  gint64 n = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    db_error (db, error);
  sqlite3_reset (stmt);
  return n;
}

/* Runs @stmt, bound with @a and @b (either may be NULL), for one number. */
static gint64
query_int (Db *db, const char *sql, const char *a, const char *b, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, a);
  bind_text (stmt, 2, b);
  return step_int (db, stmt, error);
}

/* ---- opening ---- */

static gboolean
db_open (Db *db, const char *path, GError **error)
{
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  if (sqlite3_open_v2 (path, &db->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE, _("cannot open %s: %s"), path,
                   db->db ? sqlite3_errmsg (db->db) : g_strerror (ENOMEM));
      return FALSE;
    }
  sqlite3_busy_timeout (db->db, 5000);
  /* WAL with synchronous=FULL: a commit returns only once it is on disk, so every
   * acknowledged report survives a crash or a SIGKILL right after. In WAL, the main loop
   * reads while the writing thread commits. No temporary files: under a low ulimit -n
   * they would be the first to fail. */
  return exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                   "PRAGMA temp_store = MEMORY;", error);
}

static void
db_close (Db *db)
{
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->db)
    sqlite3_close (db->db);
  db->db = NULL;
}

static gboolean
log_version (Db *db, gint64 from, GError **error)
{
  g_autofree char *now = _charta_hub_store_now ();
  g_autofree char *sql = NULL;

  for (gint64 v = MAX (from + 1, 1); v <= CHARTA_HUB_SCHEMA_VERSION; v++)
    {
      sqlite3_stmt *stmt = prepare (db, "INSERT OR IGNORE INTO schema_version (version, applied) VALUES (?1, ?2)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, v);
      bind_text (stmt, 2, now);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  sql = g_strdup_printf ("PRAGMA user_version = %d", CHARTA_HUB_SCHEMA_VERSION);
  return exec (db, sql, error);
}

/* Versions: 1 kept reports by id alone; 2 by (city, id), with the registry of names;
 * 3 logs the versions applied in schema_version. */
static gboolean
migrate (Db *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "PRAGMA user_version", error);
  gint64 version = stmt ? step_int (db, stmt, error) : -1;

  if (version < 0)
    return FALSE;
  if (version > CHARTA_HUB_SCHEMA_VERSION)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE,
                   _("%s was written by a newer charta-hub (schema %d)"), path, (int) version);
      return FALSE;
    }
  if (version == CHARTA_HUB_SCHEMA_VERSION)
    return TRUE;
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((version == 1 && !exec (db, migrate_1_before, error)) || !exec (db, schema, error) ||
      (version == 1 && !exec (db, migrate_1_after, error)) || !log_version (db, version, error))
    {
      exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec (db, "COMMIT", error);
}

static void
sqlite_free (ChartaHubStore *store)
{
  db_close (READER (store));
  db_close (WRITER (store));
  _charta_hub_store_finalize (store);
  g_free (store);
}

static gboolean forget_keys (ChartaHubStore *store, const char *before, GError **error);
static const ChartaHubStoreBackend sqlite_backend;

ChartaHubStore *
charta_hub_store_open (const char *data_dir, GError **error)
{
  g_autoptr(ChartaHubStore) store = NULL;
  g_autofree char *path = NULL, *before = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  path = g_build_filename (data_dir, "hub.sqlite", NULL);
  store = (ChartaHubStore *) g_new0 (SqliteStore, 1);
  _charta_hub_store_init (store, &sqlite_backend);
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("cannot create %s: %s"), data_dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  before = _charta_hub_store_days_ago (CHARTA_HUB_KEY_DAYS);
  if (!db_open (WRITER (store), path, error) || !migrate (WRITER (store), path, error) ||
      !forget_keys (store, before, error) || !db_open (READER (store), path, error))
    return NULL;
  g_chmod (path, 0600);
  return g_steal_pointer (&store);
}

/* PRAGMA data_version changes when another connection — the hub's writing thread, or
 * charta-hub report remove in another process — committed. */
static gint64
data_version (ChartaHubStore *store, GError **error)
{
  return query_int (READER (store), "PRAGMA data_version", NULL, NULL, error);
}

static gboolean
check (ChartaHubStore *store, GError **error)
{
  return query_int (READER (store), "SELECT (SELECT COUNT(*) FROM tokens) + "
                                    "(SELECT COUNT(*) FROM reports WHERE rowid = 1)", NULL, NULL, error) >= 0;
}

/* ---- writes ---- */

static gboolean
begin_write (ChartaHubStore *store, const char *city, GError **error)
{
  /* IMMEDIATE: the write lock from the start, so the checks inside see what is written. */
  return exec (WRITER (store), "BEGIN IMMEDIATE", error);
}

static gboolean
commit (ChartaHubStore *store, GError **error)
{
  return exec (WRITER (store), "COMMIT", error);
}

static void
rollback (ChartaHubStore *store)
{
  exec (WRITER (store), "ROLLBACK", NULL);
}

/* ---- tokens ---- */

static gboolean
city_has_name (ChartaHubStore *store, const char *city, gboolean *named, GError **error)
{
  gint64 n = query_int (WRITER (store), "SELECT COUNT(*) FROM cities WHERE id = ?1", city, NULL, error);

  *named = n > 0;
  return n >= 0;
}

static gboolean
name_city (ChartaHubStore *store, const char *city, const char *name, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO cities (id, name) VALUES (?1, ?2) "
                                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, name);
  return step_done (db, stmt, error);
}

static gboolean
insert_token (ChartaHubStore *store, const char *hash, const char *city, const char *name, const char *created,
              gint64 *id, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO tokens (hash, city, name, created) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hash);
  bind_text (stmt, 2, city);
  bind_text (stmt, 3, name);
  bind_text (stmt, 4, created);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (id)
    *id = sqlite3_last_insert_rowid (db->db);
  return TRUE;
}

#define TOKEN_COLUMNS "t.id, t.city, t.created, t.revoked, COALESCE(c.name, t.name) FROM tokens t " \
                      "LEFT JOIN cities c ON c.id = t.city"

static ChartaHubToken *
token_from_row (sqlite3_stmt *stmt)
{
  ChartaHubToken *token = g_new0 (ChartaHubToken, 1);

  token->id = sqlite3_column_int64 (stmt, 0);
  token->city = column_text (stmt, 1);
  token->created = column_text (stmt, 2);
  token->revoked = column_text (stmt, 3);
  token->name = column_text (stmt, 4);
  return token;
}

static GPtrArray *
list_tokens (ChartaHubStore *store, GError **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_hub_token_free);
  sqlite3_stmt *stmt = prepare (READER (store), "SELECT " TOKEN_COLUMNS " ORDER BY t.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tokens, token_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (READER (store), error), NULL;
  return g_steal_pointer (&tokens);
}

static gint64
revoke_token (ChartaHubStore *store, gint64 id, const char *now, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "UPDATE tokens SET revoked = ?1 WHERE id = ?2 AND revoked IS NULL", error);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (db, stmt, error))
    return -1;
  return sqlite3_changes (db->db);
}

static ChartaHubToken *
find_token (ChartaHubStore *store, const char *hash, GError **error)
{
  Db *db = READER (store);
  sqlite3_stmt *stmt = prepare (db, "SELECT " TOKEN_COLUMNS " WHERE t.hash = ?1 AND t.revoked IS NULL", error);
  ChartaHubToken *token = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    token = token_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    db_error (db, error);
  return token;
}

/* ---- reports ---- */

static gboolean
lookup_key (ChartaHubStore *store, const char *city, const char *key, ChartaHubPut *put, gboolean *found,
            GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "SELECT status, receipt, revision FROM idempotency "
                                    "WHERE city = ?1 AND key = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      put->status = (guint) sqlite3_column_int (stmt, 0);
      put->receipt = column_text (stmt, 1);
      put->revision = column_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || db_error (db, error);
}

static gboolean
lookup_report (ChartaHubStore *store, const char *city, const char *id, char **revision, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "SELECT revision FROM reports WHERE city = ?1 AND id = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *revision = column_text (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || db_error (db, error);
}

static gint64
count_reports (ChartaHubStore *store, const char *city, const char *period, GError **error)
{
  return query_int (WRITER (store), "SELECT COUNT(*) FROM reports WHERE city = ?1 AND period = ?2", city, period,
                    error);
}

static gint64
sum_sizes (ChartaHubStore *store, const char *city, const char *except_id, GError **error)
{
  return query_int (WRITER (store), "SELECT COALESCE(SUM(size), 0) FROM reports WHERE city = ?1 AND id != ?2", city,
                    except_id, error);
}

static gboolean
write_levels (Db *db, const char *city, const ChartaReport *report, GError **error)
{
  g_autoptr(GArray) levels = charta_report_get_levels (report);
  sqlite3_stmt *stmt = prepare (db, "DELETE FROM levels WHERE city = ?1 AND report = ?2", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, report->id);
  if (!step_done (db, stmt, error))
    return FALSE;
  for (guint i = 0; i < levels->len; i++)
    {
      const ChartaReportLevel *level = &g_array_index (levels, ChartaReportLevel, i);

      stmt = prepare (db, "INSERT INTO levels (city, report, item, level, scale) VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, city);
      bind_text (stmt, 2, report->id);
      bind_text (stmt, 3, level->item);
      sqlite3_bind_int (stmt, 4, level->level);
      sqlite3_bind_int (stmt, 5, level->scale);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body, const char *sha256,
              const char *received, const char *summary, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt;
  gsize size;
  const void *data = g_bytes_get_data (body, &size);

  stmt = prepare (db, "INSERT INTO reports (city, id, period, revision, sha256, made, received, size, summary, body) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                      "ON CONFLICT (city, id) DO UPDATE SET revision = excluded.revision, sha256 = excluded.sha256, "
                      "made = excluded.made, received = excluded.received, size = excluded.size, "
                      "summary = excluded.summary, body = excluded.body", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, report->id);
  bind_text (stmt, 3, report->period);
  bind_text (stmt, 4, report->revision);
  bind_text (stmt, 5, sha256);
  bind_text (stmt, 6, report->made);
  bind_text (stmt, 7, received);
  sqlite3_bind_int64 (stmt, 8, (sqlite3_int64) size);
  bind_text (stmt, 9, summary);
  sqlite3_bind_blob64 (stmt, 10, data, size, SQLITE_TRANSIENT);
  return step_done (db, stmt, error) && write_levels (db, city, report, error);
}

static gboolean
remember_key (ChartaHubStore *store, const char *city, const char *key, const char *sha256,
              const ChartaHubPut *put, const char *received, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO idempotency (city, key, request_sha256, status, receipt, "
                                    "revision, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, sha256);
  sqlite3_bind_int (stmt, 4, (int) put->status);
  bind_text (stmt, 5, put->receipt);
  bind_text (stmt, 6, put->revision);
  bind_text (stmt, 7, received);
  return step_done (db, stmt, error);
}

static gint64
remove_report (ChartaHubStore *store, const char *city, const char *id, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "DELETE FROM reports WHERE city = ?1 AND id = ?2", error);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, id);
  if (!step_done (db, stmt, error))
    return -1;
  return sqlite3_changes (db->db);
}

static gboolean
forget_keys (ChartaHubStore *store, const char *before, GError **error)
{
  Db *db = WRITER (store);
  sqlite3_stmt *stmt = prepare (db, "DELETE FROM idempotency WHERE created < ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, before);
  return step_done (db, stmt, error);
}

/* ---- reads ---- */

static GBytes *
get_report (ChartaHubStore *store, const char *city, const char *id, char **revision, GError **error)
{
  Db *db = READER (store);
  sqlite3_stmt *stmt = prepare (db, "SELECT body, revision FROM reports WHERE city = ?1 AND id = ?2", error);
  GBytes *body = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      body = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
      if (revision)
        *revision = column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    db_error (db, error);
  return body;
}

static GPtrArray *
list_reports (ChartaHubStore *store, const char *period, const char *city, const char *after_period,
              const char *after_received, gint64 after_row, guint limit, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_hub_listed_free);
  Db *db = READER (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT r.rowid, r.period, r.received, r.summary, r.city, c.name FROM reports r "
                      "LEFT JOIN cities c ON c.id = r.city "
                      "WHERE (?1 IS NULL OR r.period = ?1) AND (?2 IS NULL OR r.city = ?2) "
                      "AND (?3 IS NULL OR (r.period, r.received, r.rowid) < (?3, ?4, ?5)) "
                      "ORDER BY r.period DESC, r.received DESC, r.rowid DESC LIMIT ?6", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, period);
  bind_text (stmt, 2, city);
  bind_text (stmt, 3, after_period);
  bind_text (stmt, 4, after_received);
  sqlite3_bind_int64 (stmt, 5, after_row);
  sqlite3_bind_int64 (stmt, 6, (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChartaHubListed *listed = g_new0 (ChartaHubListed, 1);

      listed->row = sqlite3_column_int64 (stmt, 0);
      listed->period = column_text (stmt, 1);
      listed->received = column_text (stmt, 2);
      listed->summary = column_text (stmt, 3);
      listed->city = column_text (stmt, 4);
      listed->name = column_text (stmt, 5);
      g_ptr_array_add (rows, listed);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (db, error), NULL;
  return g_steal_pointer (&rows);
}

static GPtrArray *
list_report_rows (ChartaHubStore *store, const char *city, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  Db *db = READER (store);
  sqlite3_stmt *stmt = prepare (db, "SELECT r.city, COALESCE(c.name, ''), r.id, r.period, r.received, r.size "
                                    "FROM reports r LEFT JOIN cities c ON c.id = r.city "
                                    "WHERE ?1 IS NULL OR r.city = ?1 ORDER BY r.city, r.period DESC, r.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, city);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 7);

      for (int i = 0; i < 6; i++)
        row[i] = column_text (stmt, i);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (db, error), NULL;
  return g_steal_pointer (&rows);
}

static gint64
count_cities (ChartaHubStore *store, const char *period, GError **error)
{
  return query_int (READER (store), "SELECT COUNT(DISTINCT city) FROM reports WHERE period = ?1", period, NULL, error);
}

static gboolean
collect_levels (ChartaHubStore *store, const char *period, ChartaHubLevelFunc func, gpointer user_data,
                GError **error)
{
  Db *db = READER (store);
  sqlite3_stmt *stmt = prepare (db, "SELECT l.item, l.level, l.scale FROM levels l "
                                    "JOIN reports r ON r.city = l.city AND r.id = l.report "
                                    "WHERE r.period = ?1 AND r.id = (SELECT r2.id FROM reports r2 "
                                    "  WHERE r2.city = r.city AND r2.period = r.period "
                                    "  ORDER BY r2.received DESC, r2.id LIMIT 1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, period);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2),
          user_data);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || db_error (db, error);
}

static const ChartaHubStoreBackend sqlite_backend = {
  .name = "sqlite",
  .free = sqlite_free,
  .data_version = data_version,
  .check = check,
  .begin_write = begin_write,
  .commit = commit,
  .rollback = rollback,
  .city_has_name = city_has_name,
  .name_city = name_city,
  .insert_token = insert_token,
  .revoke_token = revoke_token,
  .list_tokens = list_tokens,
  .find_token = find_token,
  .lookup_key = lookup_key,
  .lookup_report = lookup_report,
  .count_reports = count_reports,
  .sum_sizes = sum_sizes,
  .write_report = write_report,
  .remember_key = remember_key,
  .remove_report = remove_report,
  .forget_keys = forget_keys,
  .get_report = get_report,
  .list_reports = list_reports,
  .list_report_rows = list_report_rows,
  .count_cities = count_cities,
  .collect_levels = collect_levels,
};
