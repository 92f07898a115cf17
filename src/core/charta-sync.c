/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charta-file.h"
#include "charta-sync.h"

#define HTTP_TIMEOUT 30               /* seconds without progress on a connection */
#define REQUEST_TIMEOUT 120           /* seconds for a whole request, however it trickles */
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
  GCancellable *cancel;  /* of this request: the caller's cancellable or the deadline */
  GCancellable *outer;   /* the caller's */
  gulong outer_id;
  GSource *deadline;
  guint timeout_s;
  gboolean timed_out;
} Push;


G_DEFINE_QUARK (charta-sync-error-quark, charta_sync_error)

static void push_read_next (GTask *task);
static void push_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* ---- helpers ---- */

static void
push_free (Push *push)
{
  if (push->deadline)
    g_source_destroy (push->deadline);
  g_clear_pointer (&push->deadline, g_source_unref);
  if (push->outer)
    g_cancellable_disconnect (push->outer, push->outer_id);
  g_clear_object (&push->outer);
  g_clear_object (&push->cancel);
  g_clear_object (&push->msg);
  g_clear_object (&push->stream);
  g_clear_pointer (&push->answer, g_byte_array_unref);
  g_free (push->sha256);
  g_free (push->revision);
  g_free (push);
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

char *
charta_sync_normalize_endpoint (const char *endpoint)
{
  char *normal = g_strstrip (g_strdup (endpoint ? endpoint : ""));
  gsize len = strlen (normal);

  while (len > 0 && normal[len - 1] == '/')
    normal[--len] = '\0';
  return normal;
}

guint
charta_sync_request_timeout (void)
{
  const char *value = g_getenv ("CHARTA_REQUEST_TIMEOUT");
  guint64 seconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 3600, &seconds, NULL))
    return (guint) seconds;
  return REQUEST_TIMEOUT;
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

/* A cancelled request: the caller's doing, or the deadline's (then the hub is too slow,
 * which is temporary). Returns FALSE when @error is no cancellation. */
static gboolean
push_return_cancelled (GTask *task, GError **error)
{
  Push *push = g_task_get_task_data (task);

  if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (push->timed_out)
    g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAVAILABLE,
                             g_dngettext (GETTEXT_PACKAGE, "the hub did not answer within %u second",
                                          "the hub did not answer within %u seconds", push->timeout_s),
                             push->timeout_s);
  else
    g_task_return_error (task, g_steal_pointer (error));
  return TRUE;
}

static gboolean
push_deadline_cb (gpointer data)
{
  Push *push = data;

  push->timed_out = TRUE;
  g_cancellable_cancel (push->cancel);
  return G_SOURCE_REMOVE;
}

static void
push_outer_cancelled_cb (GCancellable *outer, gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

/* Sends the request of @task, cut off after @timeout_ms in all. */
static void
push_send (GTask *task, SoupSession *session, guint timeout_ms)
{
  Push *push = g_task_get_task_data (task);
  GCancellable *outer = g_task_get_cancellable (task);

  push->cancel = g_cancellable_new ();
  push->timeout_s = MAX ((timeout_ms + 999) / 1000, 1);
  if (outer != NULL)
    {
      push->outer = g_object_ref (outer);
      push->outer_id = g_cancellable_connect (outer, G_CALLBACK (push_outer_cancelled_cb), push->cancel, NULL);
    }
  push->deadline = g_timeout_source_new (timeout_ms);
  g_source_set_callback (push->deadline, push_deadline_cb, push, NULL);
  g_source_attach (push->deadline, g_task_get_context (task));
  soup_session_send_async (session, push->msg, G_PRIORITY_DEFAULT, push->cancel, push_sent_cb, task);
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
      if (push_return_cancelled (task, &error))
        return;
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
                                   push->cancel, push_read_cb, task);
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
  if (push_return_cancelled (task, &error))
    return;
  if (error->domain == G_TLS_ERROR)
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

static void
push_start (SoupSession *session, const char *endpoint, const char *token, GBytes *body, const char *report_id,
            const char *revision, const char *if_match, guint timeout_ms, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
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
  g_task_set_source_tag (task, push_start);
  push = g_new0 (Push, 1);
  push->retry_after = -1;
  push->answer = g_byte_array_new ();
  push->sha256 = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  push->revision = g_strdup (revision);
  g_task_set_task_data (task, push, (GDestroyNotify) push_free);

  if (!token_is_sendable (token))
    {
      g_task_return_new_error (task, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAUTHORIZED,
                               _("no usable token: give the token the hub gave the city"));
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
  push_send (g_steal_pointer (&task), session, timeout_ms);
}

void
charta_sync_push_async (SoupSession *session, const char *endpoint, const char *token, GBytes *body,
                        const char *report_id, const char *revision, const char *if_match,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  push_start (session, endpoint, token, body, report_id, revision, if_match, charta_sync_request_timeout () * 1000,
              cancellable, callback, user_data);
}

ChartaReceipt *
charta_sync_push_finish (GAsyncResult *result, gint64 *retry_after, GError **error)
{
  Push *push;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == push_start, NULL);

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
  push_send (g_steal_pointer (&task), session, charta_sync_request_timeout () * 1000);
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
  entry->endpoint = charta_sync_normalize_endpoint (endpoint);
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
  if (entry->refused)
    charta_node_set_member (root, "refused", charta_node_new_bool (TRUE));
  charta_node_set_member (root, "sha256", charta_node_new_string (sha256));
  charta_node_set_member (root, "report", report);
  charta_json_write (out, root, 0);
  g_string_append_c (out, '\n');
  *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

ChartaOutboxEntry *
charta_outbox_entry_parse (const char *data, gsize len, GError **error)
{
  g_autoptr(ChartaNode) root = charta_json_parse (data, len, NULL, NULL, error);
  g_autoptr(ChartaOutboxEntry) entry = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *format = NULL, *next = NULL, *sha256 = NULL, *actual = NULL;
  const ChartaNode *report, *attempts, *refused;
  gint64 n = 0;

  g_return_val_if_fail (data != NULL, NULL);

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
  refused = root->type == CHARTA_NODE_OBJECT ? charta_node_get_member (root, "refused") : NULL;
  entry->refused = refused != NULL && refused->type == CHARTA_NODE_BOOL && refused->boolean;
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

/* Only a regular file is read, opened without blocking and never through a symbolic link:
 * a FIFO, a folder or a link to /dev/zero is named, not waited on. */
static ChartaOutboxEntry *
read_entry (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!charta_file_load_nofollow (path, MAX_ENTRY, &data, &len, error))
    return NULL;
  return charta_outbox_entry_parse (data, len, error);
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
          const char *why = entry_error ? entry_error->message : _("names another report");

          /* The file's own messages name it already. */
          if (g_str_has_prefix (why, path))
            g_string_append_printf (messages, "%s%s", messages->len ? "\n" : "", why);
          else
            g_string_append_printf (messages, "%s%s: %s", messages->len ? "\n" : "", path, why);
          charta_outbox_entry_free (entry);
        }
    }
  g_ptr_array_sort (entries, compare_queued);
  if (problems)
    *problems = messages->len ? g_strdup (messages->str) : NULL;
  return g_steal_pointer (&entries);
}

gboolean
charta_outbox_discard (ChartaOutbox *outbox, const char *report_id, GError **error)
{
  g_autofree char *path = NULL;
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (outbox != NULL && report_id != NULL, FALSE);

  if (!g_uuid_string_is_valid (report_id))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, _("“%s” is not a report id"), report_id);
      return FALSE;
    }
  path = entry_path (outbox, report_id);
  fd = outbox_lock (outbox, error);
  if (fd < 0)
    return FALSE;
  if (g_unlink (path) != 0)
    {
      if (errno == ENOENT)
        ok = (g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX,
                           _("no report %s waits in the outbox"), report_id), FALSE);
      else
        ok = set_errno_error (error, _("cannot remove"), path);
    }
  outbox_unlock (fd);
  return ok;
}

/* ---- tokens ---- */

struct _ChartaTokens {
  GHashTable *by_endpoint;  /* normal endpoint -> token */
};

static void
wipe_free (char *token)
{
  if (token != NULL)
    memset (token, 0, strlen (token));
  g_free (token);
}

ChartaTokens *
charta_tokens_new (void)
{
  ChartaTokens *tokens = g_new0 (ChartaTokens, 1);

  tokens->by_endpoint = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) wipe_free);
  return tokens;
}

void
charta_tokens_free (ChartaTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_hash_table_unref (tokens->by_endpoint);
  g_free (tokens);
}

gboolean
charta_tokens_add (ChartaTokens *tokens, const char *endpoint, const char *token, GError **error)
{
  g_autofree char *normal = charta_sync_normalize_endpoint (endpoint);
  g_autofree char *url = NULL;
  const char *known;

  g_return_val_if_fail (tokens != NULL && endpoint != NULL && token != NULL, FALSE);

  url = charta_sync_report_url (normal, "00000000-0000-4000-8000-000000000000", error);
  if (url == NULL)
    return FALSE;
  if (!token_is_sendable (token))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                   _("the token for %s is not one a hub gives (printable characters, no spaces)"), normal);
      return FALSE;
    }
  known = g_hash_table_lookup (tokens->by_endpoint, normal);
  if (known != NULL && strcmp (known, token) != 0)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                   _("two different tokens for %s"), normal);
      return FALSE;
    }
  g_hash_table_replace (tokens->by_endpoint, g_steal_pointer (&normal), g_strdup (token));
  return TRUE;
}

gboolean
charta_tokens_load_file (ChartaTokens *tokens, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat st;
  gsize len;

  g_return_val_if_fail (tokens != NULL && path != NULL, FALSE);

  if (!charta_file_load_nofollow (path, 1024 * 1024, &data, &len, error))
    return FALSE;
  /* Read first, then checked: the mode of the file that was read is what counts. */
  if (g_stat (path, &st) != 0)
    return set_errno_error (error, _("cannot read"), path);
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                   _("%s: others than its owner may read or change it; make it private with “chmod 600 %s”"),
                   path, path);
      memset (data, 0, len);
      return FALSE;
    }
  lines = g_strsplit (data, "\n", -1);
  memset (data, 0, len);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GError) line_error = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      fields = g_strsplit_set (line, " \t", -1);
      /* Empty fields come from runs of blanks. */
      {
        guint n = 0;
        for (guint j = 0; fields[j]; j++)
          if (*fields[j] != '\0')
            fields[n++] = fields[j];
          else
            g_free (fields[j]);
        fields[n] = NULL;
        if (n != 2)
          {
            g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                         _("%s:%u: a line must be “ENDPOINT TOKEN”"), path, i + 1);
            goto fail;
          }
      }
      if (!charta_tokens_add (tokens, fields[0], fields[1], &line_error))
        {
          g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN, "%s:%u: %s", path, i + 1,
                       line_error->message);
          goto fail;
        }
    }
  for (guint i = 0; lines[i]; i++)
    memset (lines[i], 0, strlen (lines[i]));
  return TRUE;

fail:
  for (guint i = 0; lines[i]; i++)
    memset (lines[i], 0, strlen (lines[i]));
  return FALSE;
}

const char *
charta_tokens_lookup (ChartaTokens *tokens, const char *endpoint)
{
  g_autofree char *normal = charta_sync_normalize_endpoint (endpoint);

  g_return_val_if_fail (tokens != NULL, NULL);
  return g_hash_table_lookup (tokens->by_endpoint, normal);
}

static void
tokens_lookup_async (gpointer source_data, const char *endpoint, const char *city_id, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *token = charta_tokens_lookup (source_data, endpoint);

  g_task_set_source_tag (task, tokens_lookup_async);
  g_task_return_pointer (task, g_strdup (token), (GDestroyNotify) wipe_free);
}

static char *
tokens_lookup_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const ChartaTokenSource *
charta_tokens_get_source (void)
{
  static const ChartaTokenSource source = { tokens_lookup_async, tokens_lookup_finish, wipe_free };
  return &source;
}

/* ---- the policy after an attempt ---- */

static gint64
next_attempt_after (guint attempts, gint64 retry_after)
{
  return g_get_real_time () / G_USEC_PER_SEC + (charta_sync_backoff_ms (attempts, retry_after) + 999) / 1000;
}

ChartaSyncOutcome
charta_sync_settle (ChartaOutbox *outbox, ChartaOutboxEntry *entry, gboolean queued, const ChartaReceipt *receipt,
                    const GError *error, gint64 retry_after, GError **outbox_error)
{
  g_return_val_if_fail (outbox != NULL && entry != NULL, CHARTA_SYNC_HELD);
  g_return_val_if_fail (receipt != NULL || error != NULL, CHARTA_SYNC_HELD);

  if (receipt != NULL)
    {
      /* Whatever waited for this report (this revision, or an older one when this is a
       * fresh push) must not follow the one the hub stored. */
      charta_outbox_remove (outbox, entry->report_id, queued ? entry->revision : NULL, outbox_error);
      return CHARTA_SYNC_DELIVERED;
    }
  g_free (entry->last_error);
  entry->last_error = g_strdup (error->message);
  if (charta_sync_error_is_temporary (error))
    {
      entry->attempts++;
      entry->next_attempt = next_attempt_after (entry->attempts, retry_after);
      entry->refused = FALSE;
      if (queued)
        charta_outbox_update (outbox, entry, outbox_error);
      else
        charta_outbox_put (outbox, entry, outbox_error);
      return CHARTA_SYNC_QUEUED;
    }
  /* A refusal is kept, with its reason: the user decides (remove it, or queue a newer
   * revision); a proxy answering 404 or 413 must not cost a city its report. */
  if (g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REFUSED))
    {
      entry->refused = TRUE;
      if (queued)
        charta_outbox_update (outbox, entry, outbox_error);
      return CHARTA_SYNC_REFUSED;
    }
  /* A token, an address or a certificate to put right: a queued report waits for it. */
  if (queued)
    charta_outbox_update (outbox, entry, outbox_error);
  return CHARTA_SYNC_HELD;
}

/* ---- running attempts ---- */

typedef struct {
  ChartaOutbox *outbox;
  SoupSession *session;
  const ChartaTokenSource *tokens;
  gpointer token_data;
  gboolean queued;      /* the entries are in the outbox (deliver), or fresh (send) */
  gboolean now;         /* the first try of each entry does not wait for its back-off */
  guint max_attempts;
  gint64 deadline;      /* monotonic, µs */
  ChartaSyncProgressFunc progress;
  gpointer progress_data;
  GPtrArray *entries;
  guint index;
  guint run_attempts;   /* of the current entry, in this run */
  ChartaSyncCounts counts;
} Run;

static void run_next (GTask *task);

static void
run_free (Run *run)
{
  g_clear_object (&run->session);
  g_clear_pointer (&run->entries, g_ptr_array_unref);
  g_free (run);
}

static ChartaOutboxEntry *
run_entry (Run *run)
{
  return g_ptr_array_index (run->entries, run->index);
}

static void
run_advance (Run *run)
{
  run->index++;
  run->run_attempts = 0;
}

static void
run_settle (GTask *task, const ChartaReceipt *receipt, const GError *error, gint64 retry_after)
{
  Run *run = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = run_entry (run);
  g_autoptr(GError) outbox_error = NULL;
  ChartaSyncOutcome outcome;

  outcome = charta_sync_settle (run->outbox, entry, run->queued, receipt, error, retry_after, &outbox_error);
  if (outbox_error != NULL)
    run->counts.not_kept++;
  if (run->progress)
    run->progress (entry, outcome, receipt, error, outbox_error, run->progress_data);
  switch (outcome)
    {
    case CHARTA_SYNC_DELIVERED:
      run->counts.delivered++;
      run_advance (run);
      break;
    case CHARTA_SYNC_REFUSED:
      run->counts.refused++;
      run_advance (run);
      break;
    case CHARTA_SYNC_HELD:
      run->counts.held++;
      run_advance (run);
      break;
    case CHARTA_SYNC_QUEUED:
    default:
      run->run_attempts++;
      if (!run->queued && outbox_error == NULL)
        run->queued = TRUE;  /* it is in the outbox now */
      if (run->run_attempts >= run->max_attempts || outbox_error != NULL)
        {
          run->counts.waiting += outbox_error == NULL;
          run_advance (run);
        }
      break;
    }
}

static void
run_pushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(ChartaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after = -1;

  receipt = charta_sync_push_finish (result, &retry_after, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  run_settle (task, receipt, error, retry_after);
  run_next (g_steal_pointer (&task));
}

static gint64
remaining_ms (Run *run)
{
  return (run->deadline - g_get_monotonic_time ()) / 1000;
}

static void
run_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = run_entry (run);
  g_autoptr(GError) error = NULL;
  char *token = run->tokens->lookup_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 budget_ms;

  if (g_task_return_error_if_cancelled (task))
    {
      if (token)
        run->tokens->free_token (token);
      return;
    }
  if (token == NULL)
    {
      g_autoptr(GError) no_token = NULL;

      if (error != NULL)
        no_token = g_error_new (CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                                _("the token for %s could not be read: %s"), entry->endpoint, error->message);
      else
        no_token = g_error_new (CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                                _("no token for %s: give the one its hub gave the city"), entry->endpoint);
      run_settle (task, NULL, no_token, -1);
      run_next (g_steal_pointer (&task));
      return;
    }
  /* The request is cut off at its own deadline, or at the run's, whichever comes first. */
  budget_ms = CLAMP (remaining_ms (run), 1000, (gint64) charta_sync_request_timeout () * 1000);
  push_start (run->session, entry->endpoint, token, entry->body, entry->report_id, entry->revision,
              entry->if_match, (guint) budget_ms, cancellable, run_pushed_cb, g_steal_pointer (&task));
  /* The request holds its own copy in its header; this one is wiped now. */
  run->tokens->free_token (token);
}

static gboolean
run_wait_done_cb (gpointer user_data)
{
  run_next (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  while (run->index < run->entries->len)
    {
      ChartaOutboxEntry *entry = run_entry (run);
      gboolean due = !run->queued || (run->now && run->run_attempts == 0);
      gint64 wait_ms = due ? 0 : (entry->next_attempt - g_get_real_time () / G_USEC_PER_SEC) * 1000;
      g_autoptr(GSource) source = NULL;

      /* Nothing is started that the run's deadline would cut off at once. */
      if (remaining_ms (run) - MAX (wait_ms, 0) < 1000)
        {
          run->counts.waiting += run->queued;
          run_advance (run);
          continue;
        }
      if (wait_ms <= 0)
        {
          run->tokens->lookup_async (run->token_data, entry->endpoint, entry->city_id,
                                     g_task_get_cancellable (task), run_token_cb, task);
          return;
        }
      /* Waiting ends early when the caller cancels. */
      source = g_timeout_source_new ((guint) wait_ms);
      if (g_task_get_cancellable (task) != NULL)
        {
          g_autoptr(GSource) cancelled = g_cancellable_source_new (g_task_get_cancellable (task));
          g_source_set_dummy_callback (cancelled);
          g_source_add_child_source (source, cancelled);
        }
      g_source_set_callback (source, run_wait_done_cb, task, NULL);
      g_source_attach (source, g_task_get_context (task));
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static GTask *
run_new (ChartaOutbox *outbox, SoupSession *session, const ChartaTokenSource *tokens, gpointer token_data,
         gboolean queued, guint max_attempts, guint max_seconds, ChartaSyncProgressFunc progress,
         gpointer progress_data, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, run_new);
  run->outbox = outbox;
  run->session = g_object_ref (session);
  run->tokens = tokens;
  run->token_data = token_data;
  run->queued = queued;
  run->max_attempts = MAX (max_attempts, 1);
  run->deadline = g_get_monotonic_time () + (gint64) max_seconds * G_USEC_PER_SEC;
  run->progress = progress;
  run->progress_data = progress_data;
  run->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_outbox_entry_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  return task;
}

void
charta_sync_send_async (ChartaOutbox *outbox, SoupSession *session, ChartaOutboxEntry *entry,
                        const ChartaTokenSource *tokens, gpointer token_data, ChartaSyncProgressFunc progress,
                        gpointer progress_data, GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (outbox != NULL && SOUP_IS_SESSION (session) && entry != NULL && tokens != NULL);

  /* One attempt; its own deadline bounds it. */
  task = run_new (outbox, session, tokens, token_data, FALSE, 1, charta_sync_request_timeout () + 60, progress,
                  progress_data, cancellable, callback, user_data);
  run = g_task_get_task_data (task);
  g_ptr_array_add (run->entries, entry);
  run_next (task);
}

void
charta_sync_deliver_async (ChartaOutbox *outbox, SoupSession *session, const char *city_id,
                           ChartaSyncDeliverFlags flags, const ChartaTokenSource *tokens, gpointer token_data, guint max_attempts,
                           guint max_seconds, ChartaSyncProgressFunc progress, gpointer progress_data,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (outbox != NULL && SOUP_IS_SESSION (session) && tokens != NULL);

  task = run_new (outbox, session, tokens, token_data, TRUE, max_attempts, max_seconds, progress, progress_data,
                  cancellable, callback, user_data);
  run = g_task_get_task_data (task);
  run->now = (flags & CHARTA_SYNC_DELIVER_NOW) != 0;
  entries = charta_outbox_list (outbox, NULL, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      ChartaOutboxEntry *entry = g_ptr_array_index (entries, i);

      /* A refused report waits for the user, not for another try. */
      if (!entry->refused && (city_id == NULL || g_strcmp0 (entry->city_id, city_id) == 0))
        g_ptr_array_add (run->entries, g_ptr_array_steal_index (entries, i--));
    }
  run_next (task);
}

gboolean
charta_sync_run_finish (GAsyncResult *result, ChartaSyncCounts *counts, GError **error)
{
  Run *run;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == run_new, FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (counts)
    *counts = run->counts;
  return g_task_propagate_boolean (G_TASK (result), error);
}
