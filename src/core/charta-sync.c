/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync"
#include "config.h"

/* charta-sync.c: the HTTP client of the hub: the session, URLs, a push and a read of the
 * network summary, each with an overall deadline; receipts; the back-off. */

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
#include "charta-sync-private.h"

#define HTTP_TIMEOUT 30               /* seconds without progress on a connection */
#define REQUEST_TIMEOUT 120           /* seconds for a whole request, however it trickles */
#define MAX_ANSWER (1024 * 1024)      /* a hub's answer is small; never read more */
#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS (10 * 60 * 1000)
#define MAX_RETRY_AFTER (24 * 3600)

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
gboolean
_charta_sync_token_is_sendable (const char *token)
{
  if (token == NULL || *token == '\0' || strlen (token) > 512)
    return FALSE;
  for (const char *p = token; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

char *
_charta_sync_iso_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");
}

gint64
_charta_sync_parse_iso_time (const char *s)
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

char *
_charta_sync_answer_string (const ChartaNode *object, const char *key)
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
  g_autofree char *message = _charta_sync_answer_string (error, "message");
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
  receipt->outcome = _charta_sync_answer_string (answer, "outcome");
  receipt->revision = _charta_sync_answer_string (answer, "revision");
  receipt->received = _charta_sync_answer_string (answer, "received");
  receipt->sha256 = _charta_sync_answer_string (answer, "sha256");
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

void
_charta_sync_push_start (SoupSession *session, const char *endpoint, const char *token, GBytes *body,
                         const char *report_id, const char *revision, const char *if_match, guint timeout_ms,
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
  g_task_set_source_tag (task, _charta_sync_push_start);
  push = g_new0 (Push, 1);
  push->retry_after = -1;
  push->answer = g_byte_array_new ();
  push->sha256 = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  push->revision = g_strdup (revision);
  g_task_set_task_data (task, push, (GDestroyNotify) push_free);

  if (!_charta_sync_token_is_sendable (token))
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
  _charta_sync_push_start (session, endpoint, token, body, report_id, revision, if_match,
                           charta_sync_request_timeout () * 1000, cancellable, callback, user_data);
}

ChartaReceipt *
charta_sync_push_finish (GAsyncResult *result, gint64 *retry_after, GError **error)
{
  Push *push;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _charta_sync_push_start, NULL);

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

  if (!_charta_sync_token_is_sendable (token))
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

