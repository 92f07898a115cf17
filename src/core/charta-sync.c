/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "charta-file.h"
#include "charta-sync.h"

#define HTTP_TIMEOUT 30               /* seconds without progress on a connection */
#define MAX_ANSWER (1024 * 1024)      /* a hub's answer is small; never read more */
#define MAX_ENTRY (64 * 1024 * 1024)
#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS (10 * 60 * 1000)
#define MAX_RETRY_AFTER (24 * 3600)
#define OUTBOX_FORMAT "charta-outbox-entry"

struct _ChartaOutbox {
  char *dir;
};

typedef struct {
  SoupMessage *msg;
  GInputStream *stream;
  GByteArray *answer;
  char *sha256;        /* of the body sent */
  char *revision;
  gint64 retry_after;
  gboolean get;        /* a GET of the hub's JSON, not a push: no receipt */
} Push;

typedef struct {
  ChartaOutbox *outbox;
  SoupSession *session;
  char *token;
  guint max_attempts;
  gint64 deadline;     /* monotonic, µs */
  ChartaSyncProgressFunc progress;
  gpointer progress_data;
  GPtrArray *entries;
  guint index;
  guint run_attempts;  /* of the current entry, in this run */
  ChartaSyncCounts counts;
} Deliver;

G_DEFINE_QUARK (charta-sync-error-quark, charta_sync_error)

static void push_read_next (GTask *task);
static void deliver_next (GTask *task);

/* ---- helpers ---- */

static void
push_free (Push *push)
{
  g_clear_object (&push->msg);
  g_clear_object (&push->stream);
  g_clear_pointer (&push->answer, g_byte_array_unref);
  g_free (push->sha256);
  g_free (push->revision);
  g_free (push);
}

static void
deliver_free (Deliver *d)
{
  g_clear_object (&d->session);
  if (d->token)
    memset (d->token, 0, strlen (d->token));
  g_free (d->token);
  g_clear_pointer (&d->entries, g_ptr_array_unref);
  g_free (d);
}

gboolean
charta_sync_error_is_temporary (const GError *error)
{
  return error != NULL && g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE);
}

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0 || g_strcmp0 (host, "localhost") == 0;
}

/* A token is sent in a header: printable ASCII only, so it cannot smuggle a line break. */
static gboolean
token_is_sendable (const char *token)
{
  if (token == NULL || *token == '\0' || strlen (token) > 512)
    return FALSE;
  for (const char *p = token; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

static char *
iso_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");
}

static gint64
parse_iso_time (const char *s)
{
  g_autoptr(GDateTime) dt = s ? g_date_time_new_from_iso8601 (s, NULL) : NULL;
  return dt ? g_date_time_to_unix (dt) : 0;
}

/* ---- the session ---- */

SoupSession *
charta_soup_session_new (void)
{
  g_autofree char *user_agent = g_strdup_printf ("Charta/%s", PACKAGE_VERSION);
  const char *ca_file = g_getenv ("CHARTA_CA_FILE");
  SoupSession *session;

  session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT,
                                           "idle-timeout", 60,
                                           "user-agent", user_agent,
                                           NULL);
  if (ca_file != NULL && *ca_file != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &error);

      /* Verification is never turned off: without a usable CA file the system's CAs
       * still decide, and a hub they do not vouch for is refused. */
      if (database == NULL)
        g_warning ("CHARTA_CA_FILE: %s", error->message);
      else
        soup_session_set_tls_database (session, database);
    }
  return session;
}

/* ENDPOINT/api/v1/PATH[?QUERY]: only https, or http to a loopback address. */
static char *
api_url (const char *endpoint, const char *api_path, const char *query, GError **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *scheme, *host, *base_path;
  gsize len;

  uri = g_uri_parse (endpoint, SOUP_HTTP_URI_FLAGS, &local_error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_ENDPOINT,
                   _("“%s” is not a hub address: give one like https://hub.example.org/"), endpoint);
      return NULL;
    }
  /* The token travels with every request: never in clear text over a network. */
  if (strcmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_ENDPOINT,
                   _("“%s” is not encrypted: use https:// (plain http:// only reaches this computer)"), endpoint);
      return NULL;
    }
  base_path = g_uri_get_path (uri);
  len = strlen (base_path);
  path = g_strdup_printf ("%.*s/api/v1/%s", (int) (len > 0 && base_path[len - 1] == '/' ? len - 1 : len),
                          base_path, api_path);
  return g_uri_join (SOUP_HTTP_URI_FLAGS, scheme, NULL, host, g_uri_get_port (uri), path, query, NULL);
}

char *
charta_sync_report_url (const char *endpoint, const char *report_id, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (endpoint != NULL && report_id != NULL, NULL);

  url = api_url (endpoint, "reports", NULL, error);
  if (url == NULL)
    return NULL;
  if (!g_uuid_string_is_valid (report_id))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_ENDPOINT, _("“%s” is not a report id"), report_id);
      return NULL;
    }
  path = g_strconcat ("reports/", report_id, NULL);
  return api_url (endpoint, path, NULL, error);
}

char *
charta_sync_summary_url (const char *endpoint, const char *period, GError **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (endpoint != NULL && period != NULL, NULL);

  if (!charta_report_period_range (period, NULL, NULL, error))
    return NULL;
  escaped = g_uri_escape_string (period, NULL, FALSE);
  query = g_strconcat ("period=", escaped, NULL);
  return api_url (endpoint, "network/summary", query, error);
}

/* ---- receipts ---- */

void
charta_receipt_free (ChartaReceipt *receipt)
{
  if (receipt == NULL)
    return;
  g_free (receipt->outcome);
  g_free (receipt->revision);
  g_free (receipt->etag);
  g_free (receipt->received);
  g_free (receipt->sha256);
  g_free (receipt);
}

static char *
answer_string (const ChartaNode *object, const char *key)
{
  const ChartaNode *node = object && object->type == CHARTA_NODE_OBJECT ? charta_node_get_member (object, key) : NULL;
  return node && node->type == CHARTA_NODE_STRING ? g_strdup (node->string) : NULL;
}

static ChartaNode *
parse_answer (Push *push)
{
  if (push->answer == NULL || push->answer->len == 0 || push->answer->len > MAX_ANSWER)
    return NULL;
  return charta_json_parse ((const char *) push->answer->data, push->answer->len, NULL, NULL, NULL);
}

/* What the hub said, from its JSON error body, or its status line. */
static char *
hub_message (Push *push)
{
  g_autoptr(ChartaNode) answer = parse_answer (push);
  const ChartaNode *error = answer && answer->type == CHARTA_NODE_OBJECT ? charta_node_get_member (answer, "error") : NULL;
  g_autofree char *message = answer_string (error, "message");
  guint status = soup_message_get_status (push->msg);
  const char *reason = soup_message_get_reason_phrase (push->msg);

  if (message != NULL && g_utf8_validate (message, -1, NULL))
    return g_strdup_printf ("%u %s", status, g_strstrip (message));
  return g_strdup_printf ("%u %s", status, reason && *reason ? reason : soup_status_get_phrase (status));
}

static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
    return (gint64) MIN (seconds, MAX_RETRY_AFTER);
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return CLAMP (g_date_time_difference (when, now) / G_USEC_PER_SEC, 0, MAX_RETRY_AFTER);
}

static ChartaReceipt *
receipt_from_answer (Push *push, GError **error)
{
  g_autoptr(ChartaNode) answer = parse_answer (push);
  g_autoptr(ChartaReceipt) receipt = g_new0 (ChartaReceipt, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (push->msg);

  receipt->status = soup_message_get_status (push->msg);
  receipt->outcome = answer_string (answer, "outcome");
  receipt->revision = answer_string (answer, "revision");
  receipt->received = answer_string (answer, "received");
  receipt->sha256 = answer_string (answer, "sha256");
  receipt->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  receipt->replayed = g_strcmp0 (soup_message_headers_get_one (headers, "Idempotent-Replayed"), "true") == 0;
  if (receipt->sha256 == NULL || receipt->received == NULL || receipt->outcome == NULL)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                   _("the hub answered %u without a receipt; the report will be sent again"), receipt->status);
      return NULL;
    }
  /* The receipt names what the hub stored: the revision sent and, unless this answers an
   * earlier push of the same revision, the very bytes sent. */
  if (g_strcmp0 (receipt->revision, push->revision) != 0 ||
      (!receipt->replayed && strcmp (receipt->sha256, push->sha256) != 0))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                   _("the hub’s receipt is for other content (revision %s, SHA-256 %s); the report will be sent again"),
                   receipt->revision ? receipt->revision : "?", receipt->sha256);
      return NULL;
    }
  return g_steal_pointer (&receipt);
}

/* ---- pushing ---- */

static void
push_complete (GTask *task)
{
  Push *push = g_task_get_task_data (task);
  guint status = soup_message_get_status (push->msg);
  g_autofree char *message = NULL;
  ChartaReceipt *receipt;
  GError *error = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && push->get)
    {
      ChartaNode *answer = parse_answer (push);
      if (answer == NULL || answer->type != CHARTA_NODE_OBJECT)
        g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                                 _("the hub answered %u without the JSON expected"), status);
      else
        g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify) charta_node_free);
      g_clear_pointer (&answer, charta_node_free);
      return;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      receipt = receipt_from_answer (push, &error);
      if (receipt == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, receipt, (GDestroyNotify) charta_receipt_free);
      return;
    }
  message = hub_message (push);
  push->retry_after = parse_retry_after (push->msg);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (push->msg), "Location");
      g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REDIRECTED,
                               _("the hub answered %s and points to “%s”: a report is never sent on to another "
                                 "address; check the endpoint (https://, the host name, the path)"),
                               message, location ? location : "");
    }
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAUTHORIZED,
                             _("the hub refused the token: %s"), message);
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429 /* Too Many Requests */ ||
           SOUP_STATUS_IS_SERVER_ERROR (status) || status < 200)
    g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                             push->get ? _("the hub cannot answer now: %s") : _("the hub cannot take the report now: %s"),
                             message);
  else
    g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REFUSED,
                             push->get ? _("the hub refused the request: %s") : _("the hub refused the report: %s"),
                             message);
}

static void
push_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Push *push = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (bytes == NULL)
    {
      g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                               _("the connection to the hub broke: %s"), error->message);
      return;
    }
  if (g_bytes_get_size (bytes) == 0 || push->answer->len + g_bytes_get_size (bytes) > MAX_ANSWER)
    {
      /* An answer larger than any the hub gives is not read further: its status still counts. */
      if (g_bytes_get_size (bytes) > 0)
        g_byte_array_set_size (push->answer, 0);
      g_input_stream_close (push->stream, NULL, NULL);
      push_complete (task);
      return;
    }
  g_byte_array_append (push->answer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  push_read_next (g_steal_pointer (&task));
}

static void
push_read_next (GTask *task)
{
  Push *push = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (push->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), push_read_cb, task);
}

static void
push_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Push *push = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  push->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (push->stream != NULL)
    {
      push_read_next (g_steal_pointer (&task));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (error->domain == G_TLS_ERROR)
    g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_TLS,
                             _("the hub’s certificate is not trusted: %s"), error->message);
  else
    g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                             _("cannot reach the hub: %s"), error->message);
}

/* The request of a push or a read: never following redirects (libsoup re-sends a
 * redirected PUT as a GET without its body, and the token is not for whatever address a
 * redirect names), with the token and the answer wanted. Returns the error on @task and
 * FALSE when @url is NULL or unusable. */
static gboolean
new_request (GTask *task, Push *push, const char *method, const char *url, GError *url_error,
             const char *endpoint, const char *token)
{
  SoupMessageHeaders *headers;
  char *authorization;

  if (url != NULL)
    push->msg = soup_message_new (method, url);
  if (push->msg == NULL)
    {
      g_task_return_error (task, url_error ? url_error
                                           : g_error_new (CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_ENDPOINT,
                                                          _("“%s” is not a hub address"), endpoint));
      return FALSE;
    }
  g_clear_error (&url_error);
  soup_message_add_flags (push->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (push->msg);
  authorization = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  g_free (authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  return TRUE;
}

void
charta_sync_push_async (SoupSession *session, const char *endpoint, const char *token, GBytes *body,
                        const char *report_id, const char *revision, const char *if_match,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  SoupMessageHeaders *headers;
  Push *push;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (endpoint != NULL && body != NULL && report_id != NULL && revision != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_sync_push_async);
  push = g_new0 (Push, 1);
  push->retry_after = -1;
  push->answer = g_byte_array_new ();
  push->sha256 = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  push->revision = g_strdup (revision);
  g_task_set_task_data (task, push, (GDestroyNotify) push_free);

  if (!token_is_sendable (token))
    {
      g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAUTHORIZED,
                               _("no usable token: set CHARTA_TOKEN to the token the hub gave the city"));
      return;
    }
  url = charta_sync_report_url (endpoint, report_id, &error);
  /* libsoup re-sends a redirected PUT as a GET without its body: never follow. */
  if (!new_request (task, push, "PUT", url, g_steal_pointer (&error), endpoint, token))
    return;
  headers = soup_message_get_request_headers (push->msg);
  key = g_strdup_printf ("%s:%s", report_id, revision);
  soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  soup_message_set_request_body_from_bytes (push->msg, "application/json", body);
  soup_session_send_async (session, push->msg, G_PRIORITY_DEFAULT, cancellable, push_sent_cb,
                           g_steal_pointer (&task));
}

ChartaReceipt *
charta_sync_push_finish (GAsyncResult *result, gint64 *retry_after, GError **error)
{
  Push *push;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_sync_push_async, NULL);

  push = g_task_get_task_data (G_TASK (result));
  if (retry_after)
    *retry_after = push->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
charta_sync_get_summary_async (SoupSession *session, const char *endpoint, const char *token, const char *period,
                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Push *push;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (endpoint != NULL && period != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_sync_get_summary_async);
  push = g_new0 (Push, 1);
  push->retry_after = -1;
  push->answer = g_byte_array_new ();
  push->get = TRUE;
  g_task_set_task_data (task, push, (GDestroyNotify) push_free);

  if (!token_is_sendable (token))
    {
      g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAUTHORIZED,
                               _("no usable token: the hub gives each city one"));
      return;
    }
  url = charta_sync_summary_url (endpoint, period, &error);
  if (!new_request (task, push, "GET", url, g_steal_pointer (&error), endpoint, token))
    return;
  soup_session_send_async (session, push->msg, G_PRIORITY_DEFAULT, cancellable, push_sent_cb,
                           g_steal_pointer (&task));
}

ChartaNode *
charta_sync_get_summary_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_sync_get_summary_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
charta_sync_backoff_ms (guint attempts, gint64 retry_after)
{
  gint64 delay = BACKOFF_FIRST_MS;

  for (guint i = 1; i < attempts && delay < BACKOFF_MAX_MS; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_MS);
  /* Jitter keeps many clients that failed together from coming back together. */
  delay = delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1);
  if (retry_after >= 0)
    delay = MAX (delay, MIN (retry_after, MAX_RETRY_AFTER) * 1000);
  return delay;
}

/* ---- outbox entries ---- */

ChartaOutboxEntry *
charta_outbox_entry_new (const ChartaReport *report, GBytes *body, const char *endpoint, const char *if_match)
{
  ChartaOutboxEntry *entry = g_new0 (ChartaOutboxEntry, 1);

  g_return_val_if_fail (report != NULL && body != NULL && endpoint != NULL, NULL);

  entry->report_id = g_strdup (report->id);
  entry->revision = g_strdup (report->revision);
  entry->city_id = g_strdup (report->city_id);
  entry->period = g_strdup (report->period);
  entry->endpoint = g_strdup (endpoint);
  entry->if_match = g_strdup (if_match);
  entry->queued = iso_time (g_get_real_time () / G_USEC_PER_SEC);
  entry->body = g_bytes_ref (body);
  return entry;
}

void
charta_outbox_entry_free (ChartaOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->report_id);
  g_free (entry->revision);
  g_free (entry->city_id);
  g_free (entry->period);
  g_free (entry->endpoint);
  g_free (entry->if_match);
  g_free (entry->queued);
  g_free (entry->last_error);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}

static void
set_text (ChartaNode *object, const char *key, const char *value)
{
  if (value != NULL)
    charta_node_set_member (object, key, charta_node_new_string (value));
}

static char *
entry_to_data (const ChartaOutboxEntry *entry, gsize *len, GError **error)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *next = iso_time (entry->next_attempt);
  g_autofree char *sha256 = NULL;
  gsize size;
  const char *data = g_bytes_get_data (entry->body, &size);
  ChartaNode *report;

  /* The report is kept as JSON, not as an escaped string: the canonical writer gives its
   * bytes back exactly, and the SHA-256 beside it proves it when the entry is read. */
  report = charta_json_parse (data, size, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  sha256 = charta_sha256_hex (data, size);
  set_text (root, "format", OUTBOX_FORMAT);
  charta_node_set_member (root, "version", charta_node_new_number_int (1));
  set_text (root, "report-id", entry->report_id);
  set_text (root, "revision", entry->revision);
  set_text (root, "city", entry->city_id);
  set_text (root, "period", entry->period);
  set_text (root, "endpoint", entry->endpoint);
  set_text (root, "if-match", entry->if_match);
  set_text (root, "queued", entry->queued);
  charta_node_set_member (root, "attempts", charta_node_new_number_int (entry->attempts));
  set_text (root, "next-attempt", next);
  set_text (root, "last-error", entry->last_error);
  charta_node_set_member (root, "sha256", charta_node_new_string (sha256));
  charta_node_set_member (root, "report", report);
  charta_json_write (out, root, 0);
  g_string_append_c (out, '\n');
  *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static ChartaOutboxEntry *
entry_from_data (const char *data, gsize len, GError **error)
{
  g_autoptr(ChartaNode) root = charta_json_parse (data, len, NULL, NULL, error);
  g_autoptr(ChartaOutboxEntry) entry = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *format = NULL, *next = NULL, *sha256 = NULL, *actual = NULL;
  const ChartaNode *report, *attempts;
  gint64 n = 0;

  if (root == NULL)
    return NULL;
  entry = g_new0 (ChartaOutboxEntry, 1);
  format = answer_string (root, "format");
  entry->report_id = answer_string (root, "report-id");
  entry->revision = answer_string (root, "revision");
  entry->city_id = answer_string (root, "city");
  entry->period = answer_string (root, "period");
  entry->endpoint = answer_string (root, "endpoint");
  entry->if_match = answer_string (root, "if-match");
  entry->queued = answer_string (root, "queued");
  entry->last_error = answer_string (root, "last-error");
  next = answer_string (root, "next-attempt");
  sha256 = answer_string (root, "sha256");
  attempts = root->type == CHARTA_NODE_OBJECT ? charta_node_get_member (root, "attempts") : NULL;
  report = root->type == CHARTA_NODE_OBJECT ? charta_node_get_member (root, "report") : NULL;
  if (g_strcmp0 (format, OUTBOX_FORMAT) != 0 || entry->report_id == NULL || !g_uuid_string_is_valid (entry->report_id) ||
      entry->revision == NULL || entry->endpoint == NULL || sha256 == NULL || report == NULL ||
      !charta_node_get_int (attempts, &n))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, _("not an outbox entry"));
      return NULL;
    }
  entry->attempts = (guint) CLAMP (n, 0, G_MAXUINT);
  entry->next_attempt = parse_iso_time (next);
  charta_json_write (body, report, 0);
  g_string_append_c (body, '\n');
  actual = charta_sha256_hex (body->str, body->len);
  if (strcmp (actual, sha256) != 0)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX,
                   _("the report in it was changed (SHA-256 %s, expected %s)"), actual, sha256);
      return NULL;
    }
  entry->body = g_string_free_to_bytes (g_steal_pointer (&body));
  return g_steal_pointer (&entry);
}

/* ---- the outbox ---- */

ChartaOutbox *
charta_outbox_new (const char *dir)
{
  ChartaOutbox *outbox = g_new0 (ChartaOutbox, 1);

  outbox->dir = dir ? g_strdup (dir) : g_build_filename (g_get_user_data_dir (), "charta", "outbox", NULL);
  return outbox;
}

void
charta_outbox_free (ChartaOutbox *outbox)
{
  if (outbox == NULL)
    return;
  g_free (outbox->dir);
  g_free (outbox);
}

const char *
charta_outbox_get_dir (ChartaOutbox *outbox)
{
  return outbox->dir;
}

static char *
entry_path (ChartaOutbox *outbox, const char *report_id)
{
  g_autofree char *name = g_strconcat (report_id, ".json", NULL);

  /* Only a UUID ever names a file here. */
  g_assert (g_uuid_string_is_valid (report_id));
  return g_build_filename (outbox->dir, name, NULL);
}

static gboolean
set_errno_error (GError **error, const char *what, const char *path)
{
  int saved_errno = errno;

  g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, "%s %s: %s", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Writers (a push queueing, a sync updating or removing) take this lock, so none of them
 * replaces an entry that another has just changed. Returns the fd to close, or -1. */
static int
outbox_lock (ChartaOutbox *outbox, GError **error)
{
  g_autofree char *path = g_build_filename (outbox->dir, ".lock", NULL);
  int fd;

  if (g_mkdir_with_parents (outbox->dir, 0700) != 0)
    return set_errno_error (error, _("cannot create the outbox"), outbox->dir), -1;
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, _("cannot open"), path), -1;
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        set_errno_error (error, _("cannot lock"), path);
        close (fd);
        return -1;
      }
  return fd;
}

static void
outbox_unlock (int fd)
{
  if (fd >= 0)
    close (fd);
}

static ChartaOutboxEntry *
read_entry (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *data = NULL;
  gsize len;

  if (!charta_file_load (file, MAX_ENTRY, &data, &len, NULL, NULL, error))
    return NULL;
  return entry_from_data (data, len, error);
}

/* The revision of the entry waiting for @report_id, or NULL when none (or unreadable). */
static char *
waiting_revision (ChartaOutbox *outbox, const char *report_id)
{
  g_autofree char *path = entry_path (outbox, report_id);
  g_autoptr(ChartaOutboxEntry) entry = read_entry (path, NULL);

  return entry ? g_strdup (entry->revision) : NULL;
}

static gboolean
write_entry (ChartaOutbox *outbox, ChartaOutboxEntry *entry, GError **error)
{
  g_autofree char *path = entry_path (outbox, entry->report_id);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *data = NULL;
  gsize len;

  data = entry_to_data (entry, &len, error);
  return data != NULL && charta_file_replace (file, data, len, NULL, NULL, NULL, error);
}

gboolean
charta_outbox_put (ChartaOutbox *outbox, ChartaOutboxEntry *entry, GError **error)
{
  gboolean ok;
  int fd;

  g_return_val_if_fail (outbox != NULL && entry != NULL, FALSE);
  g_return_val_if_fail (g_uuid_string_is_valid (entry->report_id), FALSE);

  fd = outbox_lock (outbox, error);
  if (fd < 0)
    return FALSE;
  ok = write_entry (outbox, entry, error);
  outbox_unlock (fd);
  return ok;
}

gboolean
charta_outbox_update (ChartaOutbox *outbox, ChartaOutboxEntry *entry, GError **error)
{
  g_autofree char *revision = NULL;
  gboolean ok = TRUE;
  int fd = outbox_lock (outbox, error);

  if (fd < 0)
    return FALSE;
  revision = waiting_revision (outbox, entry->report_id);
  if (g_strcmp0 (revision, entry->revision) == 0)
    ok = write_entry (outbox, entry, error);
  outbox_unlock (fd);
  return ok;
}

gboolean
charta_outbox_remove (ChartaOutbox *outbox, const char *report_id, const char *revision, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *waiting = NULL;
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (outbox != NULL && report_id != NULL, FALSE);

  if (!g_uuid_string_is_valid (report_id))
    return TRUE;
  path = entry_path (outbox, report_id);
  fd = outbox_lock (outbox, error);
  if (fd < 0)
    return FALSE;
  if (revision != NULL)
    waiting = waiting_revision (outbox, report_id);
  if ((revision == NULL || g_strcmp0 (waiting, revision) == 0) && g_unlink (path) != 0 && errno != ENOENT)
    ok = set_errno_error (error, _("cannot remove"), path);
  outbox_unlock (fd);
  return ok;
}

static int
compare_queued (gconstpointer a, gconstpointer b)
{
  const ChartaOutboxEntry *x = *(ChartaOutboxEntry **) a, *y = *(ChartaOutboxEntry **) b;
  int c = g_strcmp0 (x->queued, y->queued);

  return c ? c : strcmp (x->report_id, y->report_id);
}

GPtrArray *
charta_outbox_list (ChartaOutbox *outbox, char **problems, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_outbox_entry_free);
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (outbox != NULL, NULL);

  dir = g_dir_open (outbox->dir, 0, &local_error);
  if (dir == NULL)
    {
      /* No outbox yet: nothing waits. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, "%s", local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = g_str_has_suffix (name, ".json") ? g_strndup (name, strlen (name) - 5) : NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) entry_error = NULL;
      ChartaOutboxEntry *entry;

      if (id == NULL || !g_uuid_string_is_valid (id))
        continue;
      path = g_build_filename (outbox->dir, name, NULL);
      entry = read_entry (path, &entry_error);
      if (entry != NULL && strcmp (entry->report_id, id) == 0)
        g_ptr_array_add (entries, entry);
      else
        {
          g_string_append_printf (messages, "%s%s: %s", messages->len ? "\n" : "", path,
                                  entry_error ? entry_error->message : _("names another report"));
          charta_outbox_entry_free (entry);
        }
    }
  g_ptr_array_sort (entries, compare_queued);
  if (problems)
    *problems = messages->len ? g_strdup (messages->str) : NULL;
  return g_steal_pointer (&entries);
}

/* ---- delivering ---- */

static void
deliver_advance (Deliver *d)
{
  d->index++;
  d->run_attempts = 0;
}

static void
deliver_report (Deliver *d, ChartaOutboxEntry *entry, const ChartaReceipt *receipt, const GError *error)
{
  if (d->progress)
    d->progress (entry, receipt, error, d->progress_data);
}

static void
deliver_failed (GTask *task, ChartaOutboxEntry *entry, GError *error, gint64 retry_after)
{
  Deliver *d = g_task_get_task_data (task);
  g_autoptr(GError) update_error = NULL;
  gboolean drop = g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REFUSED);

  g_free (entry->last_error);
  entry->last_error = g_strdup (error->message);
  if (charta_sync_error_is_temporary (error))
    {
      entry->attempts++;
      d->run_attempts++;
      entry->next_attempt = g_get_real_time () / G_USEC_PER_SEC +
                            (charta_sync_backoff_ms (entry->attempts, retry_after) + 999) / 1000;
    }
  deliver_report (d, entry, NULL, error);
  /* A report the hub refused will be refused again: it leaves the outbox. One refused
   * for its token, its address or a certificate waits until that is put right. */
  if (drop)
    charta_outbox_remove (d->outbox, entry->report_id, entry->revision, &update_error);
  else
    charta_outbox_update (d->outbox, entry, &update_error);
  if (update_error != NULL)
    g_warning ("%s", update_error->message);

  if (!charta_sync_error_is_temporary (error))
    {
      d->counts.refused++;
      deliver_advance (d);
    }
  else if (d->run_attempts >= d->max_attempts)
    {
      d->counts.waiting++;
      deliver_advance (d);
    }
}

static void
deliver_pushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Deliver *d = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = g_ptr_array_index (d->entries, d->index);
  g_autoptr(ChartaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after = -1;

  receipt = charta_sync_push_finish (result, &retry_after, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (receipt != NULL)
    {
      g_autoptr(GError) remove_error = NULL;

      if (!charta_outbox_remove (d->outbox, entry->report_id, entry->revision, &remove_error))
        g_warning ("%s", remove_error->message);
      d->counts.delivered++;
      deliver_report (d, entry, receipt, NULL);
      deliver_advance (d);
    }
  else
    deliver_failed (task, entry, error, retry_after);
  deliver_next (g_steal_pointer (&task));
}

static gboolean
deliver_wait_done_cb (gpointer user_data)
{
  deliver_next (user_data);
  return G_SOURCE_REMOVE;
}

static void
deliver_next (GTask *task)
{
  Deliver *d = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  while (d->index < d->entries->len)
    {
      ChartaOutboxEntry *entry = g_ptr_array_index (d->entries, d->index);
      gint64 wait_ms = (entry->next_attempt - g_get_real_time () / G_USEC_PER_SEC) * 1000;
      g_autoptr(GSource) source = NULL;

      if (wait_ms <= 0)
        {
          charta_sync_push_async (d->session, entry->endpoint, d->token, entry->body, entry->report_id,
                                  entry->revision, entry->if_match, g_task_get_cancellable (task),
                                  deliver_pushed_cb, task);
          return;
        }
      if (g_get_monotonic_time () + wait_ms * 1000 > d->deadline)
        {
          d->counts.waiting++;
          deliver_advance (d);
          continue;
        }
      /* Waiting ends early when the caller cancels. */
      source = g_timeout_source_new ((guint) wait_ms);
      if (g_task_get_cancellable (task) != NULL)
        {
          g_autoptr(GSource) cancelled = g_cancellable_source_new (g_task_get_cancellable (task));
          g_source_set_dummy_callback (cancelled);
          g_source_add_child_source (source, cancelled);
        }
      g_source_set_callback (source, deliver_wait_done_cb, task, NULL);
      g_source_attach (source, g_task_get_context (task));
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
charta_sync_deliver_async (ChartaOutbox *outbox, SoupSession *session, const char *token, guint max_attempts,
                           guint max_wait, ChartaSyncProgressFunc progress, gpointer progress_data,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Deliver *d;
  GError *error = NULL;

  g_return_if_fail (outbox != NULL && SOUP_IS_SESSION (session));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_sync_deliver_async);
  d = g_new0 (Deliver, 1);
  d->outbox = outbox;
  d->session = g_object_ref (session);
  d->token = g_strdup (token);
  d->max_attempts = MAX (max_attempts, 1);
  d->deadline = g_get_monotonic_time () + (gint64) max_wait * G_USEC_PER_SEC;
  d->progress = progress;
  d->progress_data = progress_data;
  g_task_set_task_data (task, d, (GDestroyNotify) deliver_free);
  d->entries = charta_outbox_list (outbox, NULL, &error);
  if (d->entries == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  deliver_next (task);
}

gboolean
charta_sync_deliver_finish (GAsyncResult *result, ChartaSyncCounts *counts, GError **error)
{
  Deliver *d;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_sync_deliver_async, FALSE);

  d = g_task_get_task_data (G_TASK (result));
  if (counts)
    *counts = d->counts;
  return g_task_propagate_boolean (G_TASK (result), error);
}
