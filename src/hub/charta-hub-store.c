/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-store.c: the store's rules, the same on every backend. */
#define G_LOG_DOMAIN "charta-hub-store"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "charta-catalogue.h"
#include "charta-date.h"
#include "charta-hub-store-private.h"
#include "charta-network.h"

#define TOKEN_BYTES 32
#define TOKEN_PREFIX "chub_"
#define MAX_CACHED 256
#define MAX_CACHED_TOKENS 1024

G_DEFINE_QUARK (charta-hub-error-quark, charta_hub_error)

/* ---- shared with the backends ---- */

void
_charta_hub_store_init (ChartaHubStore *store, const ChartaHubStoreBackend *backend)
{
  store->backend = backend;
  store->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  store->answers_version = -1;
  store->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) charta_hub_token_free);
  store->tokens_version = -1;
}

void
_charta_hub_store_finalize (ChartaHubStore *store)
{
  g_clear_pointer (&store->answers, g_hash_table_unref);
  g_clear_pointer (&store->tokens, g_hash_table_unref);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ");
}

char *
_charta_hub_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return format_time (now);
}

char *
_charta_hub_store_days_ago (guint days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -(gint) days);
  return format_time (then);
}

void
charta_hub_listed_free (ChartaHubListed *listed)
{
  if (listed == NULL)
    return;
  g_free (listed->period);
  g_free (listed->received);
  g_free (listed->summary);
  g_free (listed->city);
  g_free (listed->name);
  g_free (listed);
}

void
charta_hub_store_free (ChartaHubStore *store)
{
  if (store != NULL)
    store->backend->free (store);
}

const char *
charta_hub_store_get_backend_name (ChartaHubStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->backend->name;
}

gboolean
charta_hub_store_check (ChartaHubStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return store->backend->check (store, error);
}

/* Lists and summaries are read far more often than reports are written: each answer is
 * kept until the data changes. The backend's data version tells when any connection —
 * the hub's writing thread, charta-hub report remove, or another hub on the same
 * PostgreSQL — committed a change. */
static char *
cached (ChartaHubStore *store, const char *key, GError **error)
{
  gint64 version = store->backend->data_version (store, error);

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
  if (text == NULL || store->answers_version < 0)
    return text;
  if (g_hash_table_size (store->answers) >= MAX_CACHED)
    g_hash_table_remove_all (store->answers);
  g_hash_table_insert (store->answers, g_strdup (key), g_strdup (text));
  return text;
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
name_city (ChartaHubStore *store, const char *city, const char *name, GError **error)
{
  gboolean named = FALSE;

  if (name != NULL)
    return store->backend->name_city (store, city, name, error);
  if (!store->backend->city_has_name (store, city, &named, error))
    return FALSE;
  if (named)
    return TRUE;
  g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID,
               _("city %s has no name yet: give it one with --name NAME"), city);
  return FALSE;
}

static gboolean
check_token_args (const char *city, const char *name, GError **error)
{
  if (city != NULL && !g_uuid_string_is_valid (city))
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID, _("“%s” is not a city id (a UUID)"), city);
      return FALSE;
    }
  if (name != NULL && (*name == '\0' || g_utf8_strlen (name, -1) > CHARTA_TITLE_MAX_CHARS || strchr (name, '\n')))
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID, _("a name is one line of at most %d characters"),
                   CHARTA_TITLE_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

char *
charta_hub_store_add_token (ChartaHubStore *store, const char *city, const char *name, gint64 *id, GError **error)
{
  g_autofree char *secret = NULL, *hash = NULL, *created = NULL;
  const ChartaHubStoreBackend *b;

  g_return_val_if_fail (store != NULL && (city != NULL || name != NULL), NULL);

  b = store->backend;
  if (!check_token_args (city, name, error))
    return NULL;
  secret = new_secret (error);
  if (secret == NULL)
    return NULL;
  hash = charta_sha256_hex (secret, strlen (secret));
  created = _charta_hub_store_now ();
  if (!b->begin_write (store, city, error))
    return NULL;
  if ((city != NULL && !name_city (store, city, name, error)) ||
      !b->insert_token (store, hash, city, city ? NULL : name, created, id, error) || !b->commit (store, error))
    {
      b->rollback (store);
      return NULL;
    }
  return g_steal_pointer (&secret);
}

GPtrArray *
charta_hub_store_list_tokens (ChartaHubStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->backend->list_tokens (store, error);
}

gboolean
charta_hub_store_revoke_token (ChartaHubStore *store, gint64 id, GError **error)
{
  g_autofree char *now = _charta_hub_store_now ();
  gint64 n;

  g_return_val_if_fail (store != NULL, FALSE);

  n = store->backend->revoke_token (store, id, now, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND,
                   _("no token %lld that is not revoked already"), (long long) id);
      return FALSE;
    }
  return TRUE;
}

static ChartaHubToken *
token_copy (const ChartaHubToken *token)
{
  ChartaHubToken *copy = g_new0 (ChartaHubToken, 1);

  copy->id = token->id;
  copy->city = g_strdup (token->city);
  copy->name = g_strdup (token->name);
  copy->created = g_strdup (token->created);
  copy->revoked = g_strdup (token->revoked);
  return copy;
}

ChartaHubToken *
charta_hub_store_find_token (ChartaHubStore *store, const char *secret, GError **error)
{
  g_autofree char *hash = NULL;
  ChartaHubToken *token;
  gint64 version;

  g_return_val_if_fail (store != NULL && secret != NULL, NULL);

  /* Looked up by its hash: the secret itself is neither stored nor compared. */
  hash = charta_sha256_hex (secret, strlen (secret));
  /* A token found is kept until the data changes: every token added or revoked (by this
   * hub, charta-hub token, or another hub on the same PostgreSQL) changes the data
   * version, as a report written does. Unknown tokens are not kept. */
  version = store->backend->data_version (store, error);
  if (version < 0)
    return NULL;
  if (version != store->tokens_version)
    {
      g_hash_table_remove_all (store->tokens);
      store->tokens_version = version;
    }
  token = g_hash_table_lookup (store->tokens, hash);
  if (token != NULL)
    return token_copy (token);
  token = store->backend->find_token (store, hash, error);
  if (token == NULL)
    return NULL;
  if (g_hash_table_size (store->tokens) >= MAX_CACHED_TOKENS)
    g_hash_table_remove_all (store->tokens);
  g_hash_table_insert (store->tokens, g_steal_pointer (&hash), token_copy (token));
  return token;
}

ChartaHubToken *
charta_hub_store_find_cached_token (ChartaHubStore *store, const char *secret, gint64 version)
{
  g_autofree char *hash = NULL;
  ChartaHubToken *token;

  g_return_val_if_fail (store != NULL && secret != NULL, NULL);

  if (version < 0 || version != store->tokens_version)
    return NULL;
  hash = charta_sha256_hex (secret, strlen (secret));
  token = g_hash_table_lookup (store->tokens, hash);
  return token != NULL ? token_copy (token) : NULL;
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
lookup_key (ChartaHubStore *store, const char *city, const char *key, const char *revision, ChartaHubPut *put,
            gboolean *found, GError **error)
{
  *found = FALSE;
  if (!store->backend->lookup_key (store, city, key, put, found, error))
    return FALSE;
  if (*found)
    put->replayed = TRUE;
  if (*found && g_strcmp0 (put->revision, revision) != 0)
    {
      g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_CONFLICT,
                   _("the Idempotency-Key “%s” was used before for another revision"), key);
      return FALSE;
    }
  return TRUE;
}

/* A new report must fit the city's quota: so many reports per reporting period, so many
 * bytes in all (the report it replaces does not count). */
static gboolean
check_quota (ChartaHubStore *store, const char *city, const ChartaReport *report, gsize size, gboolean is_new,
             const ChartaHubQuota *quota, GError **error)
{
  gint64 n;

  if (quota == NULL)
    return TRUE;
  if (is_new && quota->reports_per_period > 0)
    {
      if ((n = store->backend->count_reports (store, city, report->period, error)) < 0)
        return FALSE;
      if (n >= quota->reports_per_period)
        return g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_QUOTA,
                            _("this city has %u reports for %s already, as many as the hub takes per period; "
                              "an administrator can remove one (charta-hub report remove)"),
                            quota->reports_per_period, report->period), FALSE;
    }
  if (quota->bytes == 0)
    return TRUE;
  if ((n = store->backend->sum_sizes (store, city, report->id, error)) < 0)
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
write_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body, const char *sha256,
              const char *received, GError **error)
{
  g_autofree char *summary = charta_report_make_summary (report, received);

  return store->backend->write_report (store, city, report, body, sha256, received, summary, error);
}

/* The body of the transaction of charta_hub_store_put_report(). */
static gboolean
put_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body, const char *sha256,
            const char *key, const char *if_match, const ChartaHubQuota *quota, ChartaHubPut *put, GError **error)
{
  g_autofree char *stored_revision = NULL;
  g_autofree char *received = _charta_hub_store_now ();
  gboolean replayed = FALSE;
  const char *outcome;

  /* A retry of a request already answered gets the same answer, whatever happened since:
   * so a late retry of an older revision never replaces a newer one. */
  if (key != NULL && !lookup_key (store, city, key, report->revision, put, &replayed, error))
    return FALSE;
  if (replayed)
    return TRUE;
  /* Reports are kept by (city, id): a city only ever sees and replaces its own. */
  if (!store->backend->lookup_report (store, city, report->id, &stored_revision, error))
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
  else if (!check_quota (store, city, report, g_bytes_get_size (body), stored_revision == NULL, quota, error) ||
           !write_report (store, city, report, body, sha256, received, error))
    return FALSE;
  else
    outcome = stored_revision ? "updated" : "created";
  put->status = stored_revision ? 200 : 201;
  put->receipt = make_receipt (report, outcome, received, sha256);
  put->revision = g_strdup (report->revision);
  return key == NULL || store->backend->remember_key (store, city, key, sha256, put, received, error);
}

gboolean
charta_hub_store_put_report (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body,
                             const char *key, const char *if_match, const ChartaHubQuota *quota,
                             guint debug_stall_ms, ChartaHubPut *put, GError **error)
{
  g_autofree char *sha256 = NULL;
  const ChartaHubStoreBackend *b;

  g_return_val_if_fail (store != NULL && city != NULL && report != NULL && body != NULL && put != NULL, FALSE);

  b = store->backend;
  memset (put, 0, sizeof *put);
  sha256 = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  /* On every backend, the writes of one city are one at a time, across hubs too: the
   * same report pushed to two hubs at once is stored once, and answered "created" once. */
  if (!b->begin_write (store, city, error))
    return FALSE;
  if (debug_stall_ms > 0)
    g_usleep (debug_stall_ms * 1000);
  if (!put_report (store, city, report, body, sha256, key, if_match, quota, put, error) || !b->commit (store, error))
    {
      b->rollback (store);
      charta_hub_put_clear (put);
      return FALSE;
    }
  return TRUE;
}

gboolean
charta_hub_store_remove_report (ChartaHubStore *store, const char *city, const char *id, GError **error)
{
  gint64 n;

  g_return_val_if_fail (store != NULL && city != NULL && id != NULL, FALSE);

  n = store->backend->remove_report (store, city, id, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    return g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND, _("city %s has no report %s"), city, id),
           FALSE;
  return TRUE;
}

GBytes *
charta_hub_store_get_report (ChartaHubStore *store, const char *city, const char *id, char **revision, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *body;

  g_return_val_if_fail (store != NULL && city != NULL && id != NULL, NULL);

  body = store->backend->get_report (store, city, id, revision, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (body == NULL)
    g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND, _("no report %s"), id);
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
listed_summary (const ChartaHubListed *listed)
{
  const char *stored = listed->summary;
  ChartaNode *summary = stored ? charta_json_parse (stored, strlen (stored), NULL, NULL, NULL) : NULL;
  ChartaNode *city;

  if (summary == NULL || summary->type != CHARTA_NODE_OBJECT)
    return summary;
  city = charta_node_new_object ();
  set_text (city, "id", listed->city);
  set_text (city, "name", listed->name);
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
  g_autoptr(GPtrArray) rows = NULL;
  gint64 after_row = 0;
  ChartaNode *list;
  char *text;

  g_return_val_if_fail (store != NULL, NULL);

  if ((text = cached (store, cache_key, NULL)) != NULL)
    return text;
  if (cursor != NULL && !parse_cursor (cursor, &after_period, &after_received, &after_row))
    return g_set_error (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID,
                        _("cursor: not one this hub gave (use the “next” of the page before)")), NULL;
  rows = store->backend->list_reports (store, period, city, after_period, after_received, after_row, limit + 1, error);
  if (rows == NULL)
    return NULL;
  root = charta_node_new_object ();
  list = charta_node_new_array ();
  charta_node_set_member (root, "reports", list);
  for (guint i = 0; i < rows->len && i < limit; i++)
    {
      ChartaNode *summary = listed_summary (g_ptr_array_index (rows, i));
      if (summary != NULL)
        charta_node_append (list, summary);
    }
  if (rows->len > limit)
    {
      const ChartaHubListed *last = g_ptr_array_index (rows, limit - 1);

      next = make_cursor (last->period, last->received, last->row);
      set_text (root, "next", next);
    }
  return cache (store, cache_key, node_to_text (root));
}

/* One line per report, for an administrator: city, id, period, received, bytes. */
GPtrArray *
charta_hub_store_list_report_lines (ChartaHubStore *store, const char *city, GError **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  rows = store->backend->list_report_rows (store, city, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_ptr_array_add (lines, g_strjoinv ("\t", row));
    }
  return g_steal_pointer (&lines);
}

/* ---- the network summary ---- */

typedef struct {
  char *item;
  guint position;   /* in the catalogue, or G_MAXUINT when this hub does not know the item */
  int scale;
  GArray *levels;   /* of int */
} ItemLevels;

typedef struct {
  GHashTable *by_item;
  GPtrArray *items;
} Collected;

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

static ItemLevels *
item_levels (Collected *c, const char *item)
{
  ItemLevels *il = g_hash_table_lookup (c->by_item, item);
  const ChartaItem *known;

  if (il != NULL)
    return il;
  known = charta_catalogue_lookup (charta_catalogue_get_default (), item);
  il = g_new0 (ItemLevels, 1);
  il->item = g_strdup (item);
  il->position = known ? charta_item_get_position (known) : G_MAXUINT;
  il->levels = g_array_new (FALSE, FALSE, sizeof (int));
  g_ptr_array_add (c->items, il);
  g_hash_table_insert (c->by_item, il->item, il);
  return il;
}

static void
add_level (const char *item, int level, int scale, gpointer user_data)
{
  ItemLevels *il = item_levels (user_data, item);

  il->scale = MAX (il->scale, scale);
  g_array_append_val (il->levels, level);
}

char *
charta_hub_store_network_summary (ChartaHubStore *store, const char *period, GError **error)
{
  g_autofree char *cache_key = g_strconcat ("summary?", period, NULL);
  g_autoptr(ChartaNetworkSummary) summary = NULL;
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_levels_free);
  Collected collected = { by_item, items };
  char *text;
  gint64 n_cities;

  g_return_val_if_fail (store != NULL && period != NULL, NULL);

  if ((text = cached (store, cache_key, NULL)) != NULL)
    return text;
  n_cities = store->backend->count_cities (store, period, error);
  if (n_cities < 0)
    return NULL;
  /* Each city counts once: by its latest report for the period. */
  if (!store->backend->collect_levels (store, period, add_level, &collected, error))
    return NULL;
  g_ptr_array_sort (items, compare_items);
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

/* A number that changes whenever anything in the database changed: on SQLite, PRAGMA
 * data_version on the reading connection (a commit of the writing thread, or of
 * charta-hub token add, token revoke, report remove in another process); on PostgreSQL,
 * the change counter every hub on the database bumps. -1 when the database fails. */
gint64
charta_hub_store_data_version (ChartaHubStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, -1);
  return store->backend->data_version (store, error);
}
