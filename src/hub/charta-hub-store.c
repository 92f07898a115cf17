/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-store"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/random.h>

#include "charta-catalogue.h"
#include "charta-date.h"
#include "charta-hub-store.h"
#include "charta-network.h"

#define SCHEMA_VERSION 2
#define TOKEN_BYTES 32
#define TOKEN_PREFIX "chub_"
#define KEY_DAYS 30
#define MAX_CACHED 256

/* One SQLite connection and its prepared statements. A connection is used by one thread
 * at a time: the reader by the main loop, the writer by the hub's one writing thread. */
typedef struct {
  sqlite3 *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
} Db;

struct _ChartaHubStore {
  Db reader;
  Db writer;
  GHashTable *answers;      /* the text of a list or summary, by query: until the data changes */
  gint64 answers_version;   /* PRAGMA data_version when the answers were kept */
};

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
  "  PRIMARY KEY (city, key));";

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

G_DEFINE_QUARK (charta-hub-error-quark, charta_hub_error)

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

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Lists and summaries are read far more often than reports are written: each answer is
 * kept until the data changes. PRAGMA data_version tells when another connection — the
 * hub's writing thread, or charta-hub report remove in another process — committed. */
static char *
cached (ChartaHubStore *store, const char *key)
{
  sqlite3_stmt *stmt = prepare (&store->reader, "PRAGMA data_version", NULL);
  gint64 version = stmt ? step_int (&store->reader, stmt, NULL) : -1;

  if (version < 0 || version != store->answers_version)
    {
      g_hash_table_remove_all (store->answers);
      store->answers_version = version;
      return NULL;
    }
  return g_strdup (g_hash_table_lookup (store->answers, key));
}

static char *
cache (ChartaHubStore *store, const char *key, char *text)
{
  if (text == NULL)
    return NULL;
  if (g_hash_table_size (store->answers) >= MAX_CACHED)
    g_hash_table_remove_all (store->answers);
  g_hash_table_insert (store->answers, g_strdup (key), g_strdup (text));
  return text;
}

/* ---- opening ---- */

/* A client retries for minutes or days, not months: keys older than that are dropped. */
static gboolean
forget_old_keys (Db *db, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) limit = g_date_time_add_days (now, -KEY_DAYS);
  g_autofree char *before = g_date_time_format (limit, "%Y-%m-%dT%H:%M:%S.%fZ");
  sqlite3_stmt *stmt = prepare (db, "DELETE FROM idempotency WHERE created < ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, before);
  return step_done (db, stmt, error);
}

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
migrate (Db *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "PRAGMA user_version", error);
  gint64 version = stmt ? step_int (db, stmt, error) : -1;

  if (version < 0)
    return FALSE;
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE,
                   _("%s was written by a newer charta-hub (schema %d)"), path, (int) version);
      return FALSE;
    }
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((version == 1 && !exec (db, migrate_1_before, error)) || !exec (db, schema, error) ||
      (version == 1 && !exec (db, migrate_1_after, error)) || !exec (db, "PRAGMA user_version = 2", error))
    {
      exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec (db, "COMMIT", error);
}

ChartaHubStore *
charta_hub_store_open (const char *data_dir, GError **error)
{
  g_autoptr(ChartaHubStore) store = g_new0 (ChartaHubStore, 1);
  g_autofree char *path = g_build_filename (data_dir, "hub.sqlite", NULL);

  store->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  store->answers_version = -1;
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("cannot create %s: %s"), data_dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!db_open (&store->writer, path, error) || !migrate (&store->writer, path, error) ||
      !forget_old_keys (&store->writer, error) || !db_open (&store->reader, path, error))
    return NULL;
  g_chmod (path, 0600);
  return g_steal_pointer (&store);
}

void
charta_hub_store_free (ChartaHubStore *store)
{
  if (store == NULL)
    return;
  db_close (&store->reader);
  db_close (&store->writer);
  g_clear_pointer (&store->answers, g_hash_table_unref);
  g_free (store);
}

gboolean
charta_hub_store_check (ChartaHubStore *store, GError **error)
{
  sqlite3_stmt *stmt = prepare (&store->reader, "SELECT (SELECT COUNT(*) FROM tokens) + "
                                                "(SELECT COUNT(*) FROM reports WHERE rowid = 1)", error);

  return stmt != NULL && step_int (&store->reader, stmt, error) >= 0;
}

/* ---- tokens ---- */

void
charta_hub_token_free (ChartaHubToken *token)
{
  if (token == NULL)
    return;
  g_free (token->city);
  g_free (token->name);
  g_free (token->created);
  g_free (token->revoked);
  g_free (token);
}

static char *
new_secret (GError **error)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *base64 = NULL;
  gsize got = 0;

  while (got < sizeof bytes)
    {
      gssize n = getrandom (bytes + got, sizeof bytes - got, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "getrandom: %s", g_strerror (saved_errno));
          return NULL;
        }
      got += (gsize) n;
    }
  base64 = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);
  /* URL-safe and without padding, so it can be pasted anywhere. */
  g_strdelimit (base64, "+", '-');
  g_strdelimit (base64, "/", '_');
  *strchrnul (base64, '=') = '\0';
  return g_strconcat (TOKEN_PREFIX, base64, NULL);
}

/* The registry of cities' names: set by an administrator, shown to the network. */
static gboolean
name_city (Db *db, const char *city, const char *name, GError **error)
{
  sqlite3_stmt *stmt;

  if (name == NULL)
    {
      stmt = prepare (db, "SELECT COUNT(*) FROM cities WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, city);
      if (step_int (db, stmt, error) > 0)
        return TRUE;
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID,
                   _("city %s has no name yet: give it one with --name NAME"), city);
      return FALSE;
    }
  stmt = prepare (db, "INSERT INTO cities (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, name);
  return step_done (db, stmt, error);
}

static gboolean
insert_token (Db *db, const char *hash, const char *city, const char *name, gint64 *id, GError **error)
{
  g_autofree char *created = now_iso ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO tokens (hash, city, name, created) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hash);
  bind_text (stmt, 2, city);
  bind_text (stmt, 3, city ? NULL : name);
  bind_text (stmt, 4, created);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (id)
    *id = sqlite3_last_insert_rowid (db->db);
  return TRUE;
}

char *
charta_hub_store_add_token (ChartaHubStore *store, const char *city, const char *name, gint64 *id, GError **error)
{
  g_autofree char *secret = NULL, *hash = NULL;
  Db *db = &store->writer;

  g_return_val_if_fail (store != NULL && (city != NULL || name != NULL), NULL);

  if (city != NULL && !g_uuid_string_is_valid (city))
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID, _("“%s” is not a city id (a UUID)"), city);
      return NULL;
    }
  if (name != NULL && (*name == '\0' || g_utf8_strlen (name, -1) > CHARTA_TITLE_MAX_CHARS || strchr (name, '\n')))
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID, _("a name is one line of at most %d characters"),
                   CHARTA_TITLE_MAX_CHARS);
      return NULL;
    }
  secret = new_secret (error);
  if (secret == NULL)
    return NULL;
  hash = charta_sha256_hex (secret, strlen (secret));
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return NULL;
  if ((city != NULL && !name_city (db, city, name, error)) || !insert_token (db, hash, city, name, id, error) ||
      !exec (db, "COMMIT", error))
    {
      exec (db, "ROLLBACK", NULL);
      return NULL;
    }
  return g_steal_pointer (&secret);
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

GPtrArray *
charta_hub_store_list_tokens (ChartaHubStore *store, GError **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_hub_token_free);
  sqlite3_stmt *stmt = prepare (&store->reader, "SELECT " TOKEN_COLUMNS " ORDER BY t.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tokens, token_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (&store->reader, error), NULL;
  return g_steal_pointer (&tokens);
}

gboolean
charta_hub_store_revoke_token (ChartaHubStore *store, gint64 id, GError **error)
{
  g_autofree char *now = now_iso ();
  sqlite3_stmt *stmt = prepare (&store->writer, "UPDATE tokens SET revoked = ?1 WHERE id = ?2 AND revoked IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (&store->writer, stmt, error))
    return FALSE;
  if (sqlite3_changes (store->writer.db) == 0)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND,
                   _("no token %lld that is not revoked already"), (long long) id);
      return FALSE;
    }
  return TRUE;
}

ChartaHubToken *
charta_hub_store_find_token (ChartaHubStore *store, const char *secret, GError **error)
{
  g_autofree char *hash = NULL;
  ChartaHubToken *token = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* Looked up by its hash: the secret itself is neither stored nor compared. */
  hash = charta_sha256_hex (secret, strlen (secret));
  stmt = prepare (&store->reader, "SELECT " TOKEN_COLUMNS " WHERE t.hash = ?1 AND t.revoked IS NULL", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    token = token_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    db_error (&store->reader, error);
  return token;
}

/* ---- reports ---- */

void
charta_hub_put_clear (ChartaHubPut *put)
{
  g_clear_pointer (&put->receipt, g_free);
  g_clear_pointer (&put->revision, g_free);
}

static void
set_text (ChartaNode *object, const char *key, const char *value)
{
  charta_node_set_member (object, key, value ? charta_node_new_string (value) : charta_node_new_null ());
}

static char *
node_to_text (const ChartaNode *node)
{
  GString *out = g_string_new (NULL);

  charta_json_write (out, node, 0);
  return g_string_free (out, FALSE);
}

static char *
make_receipt (const ChartaReport *report, const char *outcome, const char *received, const char *sha256)
{
  g_autoptr(ChartaNode) receipt = charta_node_new_object ();

  set_text (receipt, "id", report->id);
  set_text (receipt, "city", report->city_id);
  set_text (receipt, "period", report->period);
  set_text (receipt, "revision", report->revision);
  set_text (receipt, "outcome", outcome);
  set_text (receipt, "received", received);
  set_text (receipt, "sha256", sha256);
  return node_to_text (receipt);
}

/* Whether an If-Match header value names @revision's entity tag (strong comparison). */
static gboolean
if_match_matches (const char *if_match, const char *revision)
{
  g_auto(GStrv) tags = g_strsplit (if_match, ",", 64);
  g_autofree char *etag = revision ? g_strdup_printf ("\"%s\"", revision) : NULL;

  for (guint i = 0; tags[i]; i++)
    {
      const char *tag = g_strstrip (tags[i]);
      if (strcmp (tag, "*") == 0)
        return revision != NULL;
      if (etag != NULL && strcmp (tag, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The key names a report revision, not its bytes: the same revision made at another time
 * ("made" differs) is the same request again, and gets the same answer. */
static gboolean
lookup_key (Db *db, const char *city, const char *key, const char *revision, ChartaHubPut *put,
            gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT status, receipt, revision FROM idempotency "
                                    "WHERE city = ?1 AND key = ?2", error);
  int rc;

  *found = FALSE;
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
      put->replayed = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_error (db, error);
  if (*found && g_strcmp0 (put->revision, revision) != 0)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_CONFLICT,
                   _("the Idempotency-Key “%s” was used before for another revision"), key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lookup_report (Db *db, const char *city, const char *id, char **revision, GError **error)
{
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

/* A new report must fit the city's quota: so many reports per reporting period, so many
 * bytes in all (the report it replaces does not count). */
static gboolean
check_quota (Db *db, const char *city, const ChartaReport *report, gsize size, gboolean is_new,
             const ChartaHubQuota *quota, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 n;

  if (quota == NULL)
    return TRUE;
  if (is_new && quota->reports_per_period > 0)
    {
      stmt = prepare (db, "SELECT COUNT(*) FROM reports WHERE city = ?1 AND period = ?2", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, city);
      bind_text (stmt, 2, report->period);
      if ((n = step_int (db, stmt, error)) < 0)
        return FALSE;
      if (n >= quota->reports_per_period)
        return g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_QUOTA,
                            _("this city has %u reports for %s already, as many as the hub takes per period; "
                              "an administrator can remove one (charta-hub report remove)"),
                            quota->reports_per_period, report->period), FALSE;
    }
  if (quota->bytes == 0)
    return TRUE;
  stmt = prepare (db, "SELECT COALESCE(SUM(size), 0) FROM reports WHERE city = ?1 AND id != ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, report->id);
  if ((n = step_int (db, stmt, error)) < 0)
    return FALSE;
  if ((guint64) n + size > quota->bytes)
    {
      /* Sizes as text first: xgettext cannot see through G_GUINT64_FORMAT, so a message
       * holding it would never be found in a translation. */
      g_autofree char *total = g_format_size_full ((guint64) n + size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (quota->bytes, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_QUOTA,
                   _("this city's reports would take %s, more than the %s the hub keeps per city"),
                   total, limit);
      return FALSE;
    }
  return TRUE;
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
write_report (Db *db, const char *city, const ChartaReport *report, GBytes *body, const char *sha256,
              const char *received, GError **error)
{
  g_autofree char *summary = charta_report_make_summary (report, received);
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
remember_key (Db *db, const char *city, const char *key, const char *sha256,
              const ChartaHubPut *put, const char *received, GError **error)
{
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

/* The body of the transaction of charta_hub_store_put_report(). */
static gboolean
put_report (Db *db, const char *city, const ChartaReport *report, GBytes *body, const char *sha256,
            const char *key, const char *if_match, const ChartaHubQuota *quota, ChartaHubPut *put, GError **error)
{
  g_autofree char *stored_revision = NULL;
  g_autofree char *received = now_iso ();
  gboolean replayed = FALSE;
  const char *outcome;

  /* A retry of a request already answered gets the same answer, whatever happened since:
   * so a late retry of an older revision never replaces a newer one. */
  if (key != NULL && !lookup_key (db, city, key, report->revision, put, &replayed, error))
    return FALSE;
  if (replayed)
    return TRUE;
  /* Reports are kept by (city, id): a city only ever sees and replaces its own. */
  if (!lookup_report (db, city, report->id, &stored_revision, error))
    return FALSE;
  if (if_match != NULL && !if_match_matches (if_match, stored_revision))
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_PRECONDITION,
                   stored_revision ? _("the report stored has ETag \"%s\", not %s")
                                   : _("no report is stored yet (If-Match %s)"),
                   stored_revision ? stored_revision : if_match, if_match);
      return FALSE;
    }
  if (stored_revision != NULL && strcmp (stored_revision, report->revision) == 0)
    outcome = "unchanged";
  else if (!check_quota (db, city, report, g_bytes_get_size (body), stored_revision == NULL, quota, error) ||
           !write_report (db, city, report, body, sha256, received, error))
    return FALSE;
  else
    outcome = stored_revision ? "updated" : "created";
  put->status = stored_revision ? 200 : 201;
  put->receipt = make_receipt (report, outcome, received, sha256);
  put->revision = g_strdup (report->revision);
  return key == NULL || remember_key (db, city, key, sha256, put, received, error);
}

gboolean
charta_hub_store_put_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body,
                             const char *key, const char *if_match, const ChartaHubQuota *quota,
                             guint debug_stall_ms, ChartaHubPut *put, GError **error)
{
  g_autofree char *sha256 = NULL;
  Db *db = &store->writer;

  g_return_val_if_fail (store != NULL && city != NULL && report != NULL && body != NULL && put != NULL, FALSE);

  memset (put, 0, sizeof *put);
  sha256 = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (debug_stall_ms > 0)
    g_usleep (debug_stall_ms * 1000);
  if (!put_report (db, city, report, body, sha256, key, if_match, quota, put, error) || !exec (db, "COMMIT", error))
    {
      exec (db, "ROLLBACK", NULL);
      charta_hub_put_clear (put);
      return FALSE;
    }
  return TRUE;
}

gboolean
charta_hub_store_remove_report (ChartaHubStore *store, const char *city, const char *id, GError **error)
{
  Db *db = &store->writer;
  sqlite3_stmt *stmt = prepare (db, "DELETE FROM reports WHERE city = ?1 AND id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, city);
  bind_text (stmt, 2, id);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db->db) == 0)
    return g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND, _("city %s has no report %s"), city, id),
           FALSE;
  return TRUE;
}

GBytes *
charta_hub_store_get_report (ChartaHubStore *store, const char *city, const char *id, char **revision, GError **error)
{
  Db *db = &store->reader;
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
  if (rc == SQLITE_DONE)
    g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND, _("no report %s"), id);
  else if (rc != SQLITE_ROW)
    db_error (db, error);
  return body;
}

/* ---- the list, a page at a time ---- */

/* A cursor names the last report of a page by its place in the order: period, time
 * received, row. It is opaque to clients (URL-safe base64). */
static char *
make_cursor (const char *period, const char *received, gint64 row)
{
  g_autofree char *plain = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT, period, received, row);
  char *text = g_base64_encode ((const guchar *) plain, strlen (plain));

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

static gboolean
parse_cursor (const char *cursor, char **period, char **received, gint64 *row)
{
  g_autofree char *text = g_strdup (cursor);
  g_autofree guchar *plain = NULL;
  g_autofree char *nul = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = 0;
  guint64 n;

  if (strlen (text) > 200 || strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=") != strlen (text))
    return FALSE;
  g_strdelimit (text, "-", '+');
  g_strdelimit (text, "_", '/');
  plain = g_base64_decode (text, &len);
  nul = g_strndup ((const char *) plain, len);
  parts = g_strsplit (nul, "|", 4);
  if (g_strv_length (parts) != 3 || !charta_report_period_range (parts[0], NULL, NULL, NULL) ||
      !charta_timestamp_is_valid (parts[1]) || !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXINT64, &n, NULL))
    return FALSE;
  *period = g_strdup (parts[0]);
  *received = g_strdup (parts[1]);
  *row = (gint64) n;
  return TRUE;
}

/* The summary as stored, with the city's name from the registry, never from the report. */
static ChartaNode *
listed_summary (sqlite3_stmt *stmt)
{
  const char *stored = (const char *) sqlite3_column_text (stmt, 3);
  ChartaNode *summary = stored ? charta_json_parse (stored, strlen (stored), NULL, NULL, NULL) : NULL;
  ChartaNode *city;

  if (summary == NULL || summary->type != CHARTA_NODE_OBJECT)
    return summary;
  city = charta_node_new_object ();
  set_text (city, "id", (const char *) sqlite3_column_text (stmt, 4));
  set_text (city, "name", (const char *) sqlite3_column_text (stmt, 5));
  charta_node_set_member (summary, "city", city);
  return summary;
}

char *
charta_hub_store_list_reports (ChartaHubStore *store, const char *period, const char *city, const char *cursor,
                               guint limit, GError **error)
{
  g_autofree char *cache_key = g_strdup_printf ("reports?%s&%s&%s&%u", period ? period : "", city ? city : "",
                                                cursor ? cursor : "", limit);
  g_autofree char *after_period = NULL, *after_received = NULL, *next = NULL;
  g_autoptr(ChartaNode) root = NULL;
  gint64 after_row = 0, last_row = 0;
  char *text = cached (store, cache_key);
  Db *db = &store->reader;
  ChartaNode *list;
  sqlite3_stmt *stmt;
  gboolean more = FALSE;
  guint n = 0;
  int rc;

  if (text != NULL)
    return text;
  if (cursor != NULL && !parse_cursor (cursor, &after_period, &after_received, &after_row))
    return g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID,
                        _("cursor: not one this hub gave (use the “next” of the page before)")), NULL;
  root = charta_node_new_object ();
  list = charta_node_new_array ();
  charta_node_set_member (root, "reports", list);
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
  sqlite3_bind_int64 (stmt, 6, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChartaNode *summary;

      if (++n > limit)
        {
          more = TRUE;
          break;
        }
      g_free (after_period);
      g_free (after_received);
      after_period = column_text (stmt, 1);
      after_received = column_text (stmt, 2);
      last_row = sqlite3_column_int64 (stmt, 0);
      summary = listed_summary (stmt);
      if (summary != NULL)
        charta_node_append (list, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_error (db, error), NULL;
  if (more)
    {
      next = make_cursor (after_period, after_received, last_row);
      set_text (root, "next", next);
    }
  return cache (store, cache_key, node_to_text (root));
}

/* One line per report, for an administrator: city, id, period, received, bytes. */
GPtrArray *
charta_hub_store_list_report_lines (ChartaHubStore *store, const char *city, GError **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  Db *db = &store->reader;
  sqlite3_stmt *stmt = prepare (db, "SELECT r.city, COALESCE(c.name, ''), r.id, r.period, r.received, r.size "
                                    "FROM reports r LEFT JOIN cities c ON c.id = r.city "
                                    "WHERE ?1 IS NULL OR r.city = ?1 ORDER BY r.city, r.period DESC, r.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, city);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT,
                                             sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                                             sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                                             sqlite3_column_text (stmt, 4), (gint64) sqlite3_column_int64 (stmt, 5)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (db, error), NULL;
  return g_steal_pointer (&lines);
}

/* ---- the network summary ---- */

typedef struct {
  char *item;
  guint position;   /* in the catalogue, or G_MAXUINT when this hub does not know the item */
  int scale;
  GArray *levels;   /* of int */
} ItemLevels;

static void
item_levels_free (ItemLevels *il)
{
  g_free (il->item);
  g_array_unref (il->levels);
  g_free (il);
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const ItemLevels *x = *(ItemLevels **) a, *y = *(ItemLevels **) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return strcmp (x->item, y->item);
}

double
charta_hub_median (const int *sorted, guint n)
{
  return charta_network_median (sorted, n);
}

static gint64
count_cities (Db *db, const char *period, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT COUNT(DISTINCT city) FROM reports WHERE period = ?1", error);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, period);
  return step_int (db, stmt, error);
}

static ItemLevels *
item_levels (GHashTable *by_item, GPtrArray *items, const char *item)
{
  ItemLevels *il = g_hash_table_lookup (by_item, item);
  const ChartaItem *known;

  if (il != NULL)
    return il;
  known = charta_catalogue_lookup (charta_catalogue_get_default (), item);
  il = g_new0 (ItemLevels, 1);
  il->item = g_strdup (item);
  il->position = known ? charta_item_get_position (known) : G_MAXUINT;
  il->levels = g_array_new (FALSE, FALSE, sizeof (int));
  g_ptr_array_add (items, il);
  g_hash_table_insert (by_item, il->item, il);
  return il;
}

/* Each city counts once: by its latest report for the period. */
static GPtrArray *
collect_levels (Db *db, const char *period, GError **error)
{
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_levels_free);
  sqlite3_stmt *stmt = prepare (db, "SELECT l.item, l.level, l.scale FROM levels l "
                                    "JOIN reports r ON r.city = l.city AND r.id = l.report "
                                    "WHERE r.period = ?1 AND r.id = (SELECT r2.id FROM reports r2 "
                                    "  WHERE r2.city = r.city AND r2.period = r.period "
                                    "  ORDER BY r2.received DESC, r2.id LIMIT 1)", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, period);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ItemLevels *il = item_levels (by_item, items, (const char *) sqlite3_column_text (stmt, 0));
      int level = sqlite3_column_int (stmt, 1);

      il->scale = MAX (il->scale, sqlite3_column_int (stmt, 2));
      g_array_append_val (il->levels, level);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (db, error), NULL;
  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

char *
charta_hub_store_network_summary (ChartaHubStore *store, const char *period, GError **error)
{
  g_autofree char *cache_key = g_strconcat ("summary?", period, NULL);
  g_autoptr(ChartaNetworkSummary) summary = NULL;
  g_autoptr(GPtrArray) items = NULL;
  char *text = cached (store, cache_key);
  gint64 n_cities;

  if (text != NULL)
    return text;
  n_cities = count_cities (&store->reader, period, error);
  if (n_cities < 0)
    return NULL;
  items = collect_levels (&store->reader, period, error);
  if (items == NULL)
    return NULL;
  summary = charta_network_summary_new (period, (guint) n_cities);
  for (guint i = 0; i < items->len; i++)
    {
      ItemLevels *il = g_ptr_array_index (items, i);
      charta_network_summary_add_item (summary, il->item, il->scale, (int *) (void *) il->levels->data,
                                       il->levels->len);
    }
  return cache (store, cache_key, charta_network_summary_to_json (summary));
}

/* ---- for the dashboard (charta-hub-dashboard.c) ---- */

/* A number that changes whenever anything in the database changed (PRAGMA data_version
 * on the reading connection: a commit of the writing thread, or of charta-hub token add,
 * token revoke, report remove in another process); -1 when the database fails. */
gint64
charta_hub_store_data_version (ChartaHubStore *store, GError **error)
{
  sqlite3_stmt *stmt = prepare (&store->reader, "PRAGMA data_version", error);

  return stmt ? step_int (&store->reader, stmt, error) : -1;
}
