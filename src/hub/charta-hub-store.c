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
#include "charta-hub-store.h"

#define SCHEMA_VERSION 1
#define TOKEN_BYTES 32
#define TOKEN_PREFIX "chub_"
#define KEY_DAYS 30
#define MAX_CACHED 256

struct _ChartaHubStore {
  sqlite3 *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
  GHashTable *answers;      /* the text of a list or summary, by query: until the next write */
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  id INTEGER PRIMARY KEY,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  city TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  revoked TEXT);"
  "CREATE TABLE IF NOT EXISTS reports ("
  "  id TEXT PRIMARY KEY,"
  "  city TEXT NOT NULL,"
  "  period TEXT NOT NULL,"
  "  revision TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  made TEXT NOT NULL,"
  "  received TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  body BLOB NOT NULL);"
  "CREATE INDEX IF NOT EXISTS reports_by_period ON reports (period, city, received);"
  "CREATE TABLE IF NOT EXISTS levels ("
  "  report TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL,"
  "  level INTEGER NOT NULL,"
  "  scale INTEGER NOT NULL,"
  "  PRIMARY KEY (report, item));"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  city TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  request_sha256 TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  receipt TEXT NOT NULL,"
  "  revision TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  PRIMARY KEY (city, key));";

G_DEFINE_QUARK (charta-hub-error-quark, charta_hub_error)

/* ---- SQLite helpers ---- */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static gboolean
db_error (ChartaHubStore *store, GError **error)
{
  g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE, _("database: %s"), sqlite3_errmsg (store->db));
  return FALSE;
}

static gboolean
exec (ChartaHubStore *store, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE, _("database: %s"), message);
  sqlite3_free (message);
  return FALSE;
}

/* A prepared statement for @sql, reset and ready for binding. */
static sqlite3_stmt *
prepare (ChartaHubStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      db_error (store, error);
      return NULL;
    }
  g_hash_table_insert (store->statements, (gpointer) sql, stmt);
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
step_done (ChartaHubStore *store, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || db_error (store, error);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Lists and summaries are read far more often than reports are written: each answer is
 * kept until the next write. Only this process writes reports, so nothing else can make
 * a kept answer stale. */
static char *
cached (ChartaHubStore *store, const char *key)
{
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
forget_old_keys (ChartaHubStore *store, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) limit = g_date_time_add_days (now, -KEY_DAYS);
  g_autofree char *before = g_date_time_format (limit, "%Y-%m-%dT%H:%M:%S.%fZ");
  sqlite3_stmt *stmt = prepare (store, "DELETE FROM idempotency WHERE created < ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, before);
  return step_done (store, stmt, error);
}

ChartaHubStore *
charta_hub_store_open (const char *data_dir, GError **error)
{
  g_autoptr(ChartaHubStore) store = g_new0 (ChartaHubStore, 1);
  g_autofree char *path = g_build_filename (data_dir, "hub.sqlite", NULL);
  int version = 0;
  sqlite3_stmt *stmt;

  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  store->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("cannot create %s: %s"), data_dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE, _("cannot open %s: %s"), path,
                   store->db ? sqlite3_errmsg (store->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  /* WAL with synchronous=FULL: a commit returns only once it is on disk, so every
   * acknowledged report survives a crash or a SIGKILL right after. */
  if (!exec (store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", error))
    return NULL;
  stmt = prepare (store, "PRAGMA user_version", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_DATABASE,
                   _("%s was written by a newer charta-hub (schema %d)"), path, version);
      return NULL;
    }
  if (!exec (store, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!exec (store, schema, error) || !exec (store, "PRAGMA user_version = 1", error))
    {
      exec (store, "ROLLBACK", NULL);
      return NULL;
    }
  if (!exec (store, "COMMIT", error) || !forget_old_keys (store, error))
    return NULL;
  g_chmod (path, 0600);
  return g_steal_pointer (&store);
}

void
charta_hub_store_free (ChartaHubStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->statements, g_hash_table_unref);
  g_clear_pointer (&store->answers, g_hash_table_unref);
  if (store->db)
    sqlite3_close (store->db);
  g_free (store);
}

/* ---- tokens ---- */

void
charta_hub_token_free (ChartaHubToken *token)
{
  if (token == NULL)
    return;
  g_free (token->city);
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

char *
charta_hub_store_add_token (ChartaHubStore *store, const char *city, gint64 *id, GError **error)
{
  g_autofree char *secret = NULL, *hash = NULL, *created = now_iso ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && city != NULL, NULL);

  if (!g_uuid_string_is_valid (city))
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID, _("“%s” is not a city id (a UUID)"), city);
      return NULL;
    }
  secret = new_secret (error);
  if (secret == NULL)
    return NULL;
  hash = charta_sha256_hex (secret, strlen (secret));
  stmt = prepare (store, "INSERT INTO tokens (hash, city, created) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, hash);
  bind_text (stmt, 2, city);
  bind_text (stmt, 3, created);
  if (!step_done (store, stmt, error))
    return NULL;
  if (id)
    *id = sqlite3_last_insert_rowid (store->db);
  return g_steal_pointer (&secret);
}

static ChartaHubToken *
token_from_row (sqlite3_stmt *stmt)
{
  ChartaHubToken *token = g_new0 (ChartaHubToken, 1);

  token->id = sqlite3_column_int64 (stmt, 0);
  token->city = column_text (stmt, 1);
  token->created = column_text (stmt, 2);
  token->revoked = column_text (stmt, 3);
  return token;
}

GPtrArray *
charta_hub_store_list_tokens (ChartaHubStore *store, GError **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_hub_token_free);
  sqlite3_stmt *stmt = prepare (store, "SELECT id, city, created, revoked FROM tokens ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tokens, token_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store, error), NULL;
  return g_steal_pointer (&tokens);
}

gboolean
charta_hub_store_revoke_token (ChartaHubStore *store, gint64 id, GError **error)
{
  g_autofree char *now = now_iso ();
  sqlite3_stmt *stmt = prepare (store, "UPDATE tokens SET revoked = ?1 WHERE id = ?2 AND revoked IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (store->db) == 0)
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
  stmt = prepare (store, "SELECT id, city, created, revoked FROM tokens WHERE hash = ?1 AND revoked IS NULL", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    token = token_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    db_error (store, error);
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

static guint
list_length (const ChartaNode *object, const char *key)
{
  const ChartaNode *list = charta_node_get_member (object, key);
  return list && list->type == CHARTA_NODE_ARRAY ? list->array->len : 0;
}

/* What the list of reports shows of each: enough to compare cities, not the whole body. */
static char *
report_summary (const ChartaReport *report, const char *received)
{
  g_autoptr(ChartaNode) summary = charta_node_new_object ();
  const ChartaNode *actions = charta_node_get_member (report->root, "actions");
  const ChartaNode *narrative = charta_node_get_member (report->root, "narrative");
  ChartaNode *city = charta_node_new_object ();
  ChartaNode *counts = charta_node_new_object ();

  set_text (summary, "id", report->id);
  set_text (city, "id", report->city_id);
  set_text (city, "name", report->city_name);
  charta_node_set_member (summary, "city", city);
  set_text (summary, "period", report->period);
  set_text (summary, "revision", report->revision);
  set_text (summary, "made", report->made);
  set_text (summary, "received", received);
  charta_node_set_member (summary, "levels", charta_node_new_number_int (list_length (report->root, "levels")));
  for (guint i = 0; actions && i < actions->members->len; i++)
    {
      ChartaMember *m = &g_array_index (actions->members, ChartaMember, i);
      charta_node_set_member (counts, m->key, charta_node_new_number_int (m->value->array->len));
    }
  charta_node_set_member (summary, "actions", counts);
  charta_node_set_member (summary, "measures", charta_node_new_number_int (list_length (report->root, "measures")));
  set_text (summary, "narrative", narrative->string);
  return node_to_text (summary);
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
lookup_key (ChartaHubStore *store, const char *city, const char *key, const char *revision, ChartaHubPut *put,
            gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT status, receipt, revision FROM idempotency "
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
    return db_error (store, error);
  if (*found && g_strcmp0 (put->revision, revision) != 0)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_CONFLICT,
                   _("the Idempotency-Key “%s” was used before for another revision"), key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lookup_report (ChartaHubStore *store, const char *id, char **city, char **revision, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT city, revision FROM reports WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *city = column_text (stmt, 0);
      *revision = column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || db_error (store, error);
}

static gboolean
write_levels (ChartaHubStore *store, const ChartaReport *report, GError **error)
{
  const ChartaNode *levels = charta_node_get_member (report->root, "levels");
  sqlite3_stmt *stmt = prepare (store, "DELETE FROM levels WHERE report = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, report->id);
  if (!step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < levels->array->len; i++)
    {
      const ChartaNode *e = g_ptr_array_index (levels->array, i);
      gint64 level = 0, scale = 0;

      charta_node_get_int (charta_node_get_member (e, "level"), &level);
      charta_node_get_int (charta_node_get_member (e, "scale"), &scale);
      stmt = prepare (store, "INSERT INTO levels (report, item, level, scale) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, report->id);
      bind_text (stmt, 2, charta_node_get_member (e, "item")->string);
      sqlite3_bind_int64 (stmt, 3, level);
      sqlite3_bind_int64 (stmt, 4, scale);
      if (!step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_report (ChartaHubStore *store, const ChartaReport *report, GBytes *body, const char *sha256,
              const char *received, GError **error)
{
  g_autofree char *summary = report_summary (report, received);
  sqlite3_stmt *stmt;
  gsize size;
  const void *data = g_bytes_get_data (body, &size);

  stmt = prepare (store, "INSERT INTO reports (id, city, period, revision, sha256, made, received, summary, body) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                         "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, sha256 = excluded.sha256, "
                         "made = excluded.made, received = excluded.received, summary = excluded.summary, "
                         "body = excluded.body", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, report->id);
  bind_text (stmt, 2, report->city_id);
  bind_text (stmt, 3, report->period);
  bind_text (stmt, 4, report->revision);
  bind_text (stmt, 5, sha256);
  bind_text (stmt, 6, report->made);
  bind_text (stmt, 7, received);
  bind_text (stmt, 8, summary);
  sqlite3_bind_blob64 (stmt, 9, data, size, SQLITE_TRANSIENT);
  return step_done (store, stmt, error) && write_levels (store, report, error);
}

static gboolean
remember_key (ChartaHubStore *store, const char *city, const char *key, const char *sha256,
              const ChartaHubPut *put, const char *received, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT INTO idempotency (city, key, request_sha256, status, receipt, "
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
  return step_done (store, stmt, error);
}

/* The body of the transaction of charta_hub_store_put_report(). */
static gboolean
put_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body,
            const char *sha256, const char *key, const char *if_match, ChartaHubPut *put, GError **error)
{
  g_autofree char *stored_city = NULL, *stored_revision = NULL;
  g_autofree char *received = now_iso ();
  gboolean replayed = FALSE;
  const char *outcome;

  /* A retry of a request already answered gets the same answer, whatever happened since:
   * so a late retry of an older revision never replaces a newer one. */
  if (key != NULL && !lookup_key (store, city, key, report->revision, put, &replayed, error))
    return FALSE;
  if (replayed)
    return TRUE;
  if (!lookup_report (store, report->id, &stored_city, &stored_revision, error))
    return FALSE;
  if (stored_city != NULL && strcmp (stored_city, city) != 0)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_FORBIDDEN,
                   _("report %s belongs to another city"), report->id);
      return FALSE;
    }
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
  else if (!write_report (store, report, body, sha256, received, error))
    return FALSE;
  else
    outcome = stored_revision ? "updated" : "created";
  put->status = stored_revision ? 200 : 201;
  put->receipt = make_receipt (report, outcome, received, sha256);
  put->revision = g_strdup (report->revision);
  return key == NULL || remember_key (store, city, key, sha256, put, received, error);
}

gboolean
charta_hub_store_put_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body,
                             const char *key, const char *if_match, ChartaHubPut *put, GError **error)
{
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (store != NULL && city != NULL && report != NULL && body != NULL && put != NULL, FALSE);

  memset (put, 0, sizeof *put);
  sha256 = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (!exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!put_report (store, city, report, body, sha256, key, if_match, put, error) ||
      !exec (store, "COMMIT", error))
    {
      exec (store, "ROLLBACK", NULL);
      charta_hub_put_clear (put);
      return FALSE;
    }
  g_hash_table_remove_all (store->answers);
  return TRUE;
}

GBytes *
charta_hub_store_get_report (ChartaHubStore *store, const char *id, char **revision, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT body, revision FROM reports WHERE id = ?1", error);
  GBytes *body = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
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
    db_error (store, error);
  return body;
}

char *
charta_hub_store_list_reports (ChartaHubStore *store, const char *period, const char *city, GError **error)
{
  g_autofree char *cache_key = g_strdup_printf ("reports?%s&%s", period ? period : "", city ? city : "");
  g_autoptr(ChartaNode) root = NULL;
  char *text = cached (store, cache_key);
  ChartaNode *list;
  sqlite3_stmt *stmt;
  int rc;

  if (text != NULL)
    return text;
  root = charta_node_new_object ();
  list = charta_node_new_array ();
  charta_node_set_member (root, "reports", list);
  stmt = prepare (store, "SELECT summary FROM reports WHERE (?1 IS NULL OR period = ?1) AND (?2 IS NULL OR city = ?2) "
                         "ORDER BY period DESC, received DESC, id", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, period);
  bind_text (stmt, 2, city);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *stored = (const char *) sqlite3_column_text (stmt, 0);
      ChartaNode *summary = stored ? charta_json_parse (stored, strlen (stored), NULL, NULL, NULL) : NULL;
      if (summary != NULL)
        charta_node_append (list, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store, error), NULL;
  return cache (store, cache_key, node_to_text (root));
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
compare_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return x < y ? -1 : x > y;
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
  if (n == 0)
    return 0.0;
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

static ChartaNode *
item_levels_node (ItemLevels *il)
{
  ChartaNode *node = charta_node_new_object ();
  ChartaNode *counts = charta_node_new_array ();

  g_array_sort (il->levels, compare_int);
  set_text (node, "item", il->item);
  charta_node_set_member (node, "scale", charta_node_new_number_int (il->scale));
  charta_node_set_member (node, "cities", charta_node_new_number_int (il->levels->len));
  for (int level = 1; level <= il->scale; level++)
    {
      ChartaNode *count = charta_node_new_object ();
      guint n = 0;

      for (guint i = 0; i < il->levels->len; i++)
        n += g_array_index (il->levels, int, i) == level;
      charta_node_set_member (count, "level", charta_node_new_number_int (level));
      charta_node_set_member (count, "cities", charta_node_new_number_int (n));
      charta_node_append (counts, count);
    }
  charta_node_set_member (node, "levels", counts);
  charta_node_set_member (node, "median",
                          charta_node_new_number_double (charta_hub_median ((int *) (void *) il->levels->data,
                                                                            il->levels->len)));
  return node;
}

static gint64
count_cities (ChartaHubStore *store, const char *period, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT COUNT(DISTINCT city) FROM reports WHERE period = ?1", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, period);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    db_error (store, error);
  sqlite3_reset (stmt);
  return n;
}

char *
charta_hub_store_network_summary (ChartaHubStore *store, const char *period, GError **error)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_levels_free);
  g_autofree char *cache_key = g_strconcat ("summary?", period, NULL);
  g_autoptr(ChartaNode) root = NULL;
  ChartaNode *list;
  char *text = cached (store, cache_key);
  gint64 n_cities;
  sqlite3_stmt *stmt;
  int rc;

  if (text != NULL)
    return text;
  n_cities = count_cities (store, period, error);
  if (n_cities < 0)
    return NULL;
  root = charta_node_new_object ();
  list = charta_node_new_array ();
  /* Each city counts once: by its latest report for the period. */
  stmt = prepare (store, "SELECT l.item, l.level, l.scale FROM levels l JOIN reports r ON r.id = l.report "
                         "WHERE r.period = ?1 AND r.id = (SELECT r2.id FROM reports r2 "
                         "  WHERE r2.city = r.city AND r2.period = r.period ORDER BY r2.received DESC, r2.id LIMIT 1)",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, period);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *item = (const char *) sqlite3_column_text (stmt, 0);
      int level = sqlite3_column_int (stmt, 1);
      ItemLevels *il = g_hash_table_lookup (by_item, item);

      if (il == NULL)
        {
          const ChartaItem *known = charta_catalogue_lookup (catalogue, item);
          il = g_new0 (ItemLevels, 1);
          il->item = g_strdup (item);
          il->position = known ? charta_item_get_position (known) : G_MAXUINT;
          il->levels = g_array_new (FALSE, FALSE, sizeof (int));
          g_ptr_array_add (items, il);
          g_hash_table_insert (by_item, il->item, il);
        }
      il->scale = MAX (il->scale, sqlite3_column_int (stmt, 2));
      g_array_append_val (il->levels, level);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store, error), NULL;

  g_ptr_array_sort (items, compare_items);
  for (guint i = 0; i < items->len; i++)
    charta_node_append (list, item_levels_node (g_ptr_array_index (items, i)));
  set_text (root, "period", period);
  charta_node_set_member (root, "cities", charta_node_new_number_int (n_cities));
  charta_node_set_member (root, "items", list);
  return cache (store, cache_key, node_to_text (root));
}
