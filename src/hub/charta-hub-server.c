/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-server"
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-hub-server.h"
#include "charta-report.h"

#define API "/api/v1/"
#define REPORTS_PATH "/api/v1/reports"
#define MAX_KEY 255

struct _ChartaHubServer {
  GObject parent_instance;

  SoupServer *soup;
  ChartaHubStore *store;     /* borrowed */
  ChartaHubOptions options;
  GHashTable *buckets;       /* token id → Bucket, for the rate limit */
};

typedef struct {
  double tokens;
  gint64 updated;            /* monotonic, µs */
} Bucket;

/* What the hub keeps of one request while it is read. */
typedef struct {
  GByteArray *body;
  gboolean too_large;
  ChartaHubToken *token;
  gint64 started;
} Request;

G_DEFINE_FINAL_TYPE (ChartaHubServer, charta_hub_server, G_TYPE_OBJECT)

/* ---- helpers ---- */

static void
request_free (Request *req)
{
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_pointer (&req->token, charta_hub_token_free);
  g_free (req);
}

static Request *
get_request (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "charta-hub-request");
}

static void
respond_json (SoupServerMessage *msg, guint status, const char *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

/* Every refusal has a JSON body: {"error": {"status", "code", "message"}}. */
G_GNUC_PRINTF (4, 5)
static void
respond_error (SoupServerMessage *msg, guint status, const char *code, const char *format, ...)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  ChartaNode *error = charta_node_new_object ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  charta_node_set_member (error, "status", charta_node_new_number_int (status));
  charta_node_set_member (error, "code", charta_node_new_string (code));
  charta_node_set_member (error, "message", charta_node_new_string (message));
  charta_node_set_member (root, "error", error);
  charta_json_write (out, root, 0);
  g_string_append_c (out, '\n');
  respond_json (msg, status, out->str);
}

static void
set_etag (SoupServerMessage *msg, const char *revision)
{
  g_autofree char *etag = g_strdup_printf ("\"%s\"", revision);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
}

static const char *
request_header (SoupServerMessage *msg, const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
}

/* An Idempotency-Key is stored and compared, never interpreted: printable ASCII, short. */
static gboolean
key_is_valid (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > MAX_KEY)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

/* ---- authentication and the rate limit ---- */

static char *
bearer_token (SoupServerMessage *msg)
{
  const char *value = request_header (msg, "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  return *value && strlen (value) <= 512 ? g_strstrip (g_strdup (value)) : NULL;
}

/* A token bucket per token: rate_limit requests a minute, in bursts of at most as many. */
static gboolean
take_from_bucket (ChartaHubServer *self, gint64 token_id, gint64 *retry_after)
{
  double rate = self->options.rate_limit;
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  if (self->options.rate_limit == 0)
    return TRUE;
  bucket = g_hash_table_lookup (self->buckets, &token_id);
  if (bucket == NULL)
    {
      gint64 *key = g_memdup2 (&token_id, sizeof token_id);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = rate;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, key, bucket);
    }
  bucket->tokens = MIN (rate, bucket->tokens + (now - bucket->updated) * rate / (60.0 * G_USEC_PER_SEC));
  bucket->updated = now;
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }
  *retry_after = (gint64) ceil ((1.0 - bucket->tokens) * 60.0 / rate);
  return FALSE;
}

static gboolean
authenticate (ChartaHubServer *self, SoupServerMessage *msg, Request *req)
{
  g_autofree char *secret = bearer_token (msg);
  g_autoptr(GError) error = NULL;
  gint64 retry_after = 1;

  if (secret != NULL)
    req->token = charta_hub_store_find_token (self->store, secret, &error);
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", _("the hub cannot check tokens now"));
      return FALSE;
    }
  if (req->token == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                    "Bearer realm=\"charta-hub\"");
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                     secret ? _("the token is unknown or revoked") : _("a token is needed: Authorization: Bearer TOKEN"));
      return FALSE;
    }
  if (!take_from_bucket (self, req->token->id, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      respond_error (msg, 429, "rate-limited", _("more than %u requests a minute; try again in %s s"),
                     self->options.rate_limit, seconds);
      return FALSE;
    }
  return TRUE;
}

/* ---- the routes ---- */

static void
handle_health (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  g_autofree char *json = g_strdup_printf ("{\n  \"status\": \"ok\",\n  \"version\": \"%s\",\n  \"api\": 1\n}\n",
                                           PACKAGE_VERSION);
  respond_json (msg, SOUP_STATUS_OK, json);
}

static void
respond_text (SoupServerMessage *msg, char *json, GError *error)
{
  if (json == NULL)
    {
      g_warning ("%s", error->message);
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", _("the hub cannot read its store now"));
      return;
    }
  respond_json (msg, SOUP_STATUS_OK, json);
}

static gboolean
check_period_param (SoupServerMessage *msg, const char *period)
{
  if (period == NULL || charta_report_period_range (period, NULL, NULL, NULL))
    return TRUE;
  respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter",
                 _("period must be a year (2024), a half year (2024-H1), a quarter (2024-Q3) or a month (2024-05)"));
  return FALSE;
}

static void
handle_list (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  const char *period = query ? g_hash_table_lookup (query, "period") : NULL;
  const char *city = query ? g_hash_table_lookup (query, "city") : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (!check_period_param (msg, period))
    return;
  if (city != NULL && !g_uuid_string_is_valid (city))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter", _("city must be a city id (a UUID)"));
      return;
    }
  json = charta_hub_store_list_reports (self->store, period, city, &error);
  respond_text (msg, json, error);
}

static void
handle_summary (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  const char *period = query ? g_hash_table_lookup (query, "period") : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (period == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter", _("period is needed, e.g. ?period=2024"));
      return;
    }
  if (!check_period_param (msg, period))
    return;
  json = charta_hub_store_network_summary (self->store, period, &error);
  respond_text (msg, json, error);
}

static void
handle_get_report (ChartaHubServer *self, SoupServerMessage *msg, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *revision = NULL;
  g_autoptr(GBytes) body = charta_hub_store_get_report (self->store, id, &revision, &error);

  if (body == NULL && g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND))
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("no report %s"), id);
  else if (body == NULL)
    respond_text (msg, NULL, error);
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      set_etag (msg, revision);
    }
}

static gboolean
unstall_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

static void
respond_put_error (SoupServerMessage *msg, GError *error)
{
  if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_FORBIDDEN))
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "%s", error->message);
  else if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_PRECONDITION))
    respond_error (msg, SOUP_STATUS_PRECONDITION_FAILED, "precondition-failed", "%s", error->message);
  else if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_CONFLICT))
    respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency-key-reused", "%s", error->message);
  else
    {
      g_warning ("%s", error->message);
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                     _("the hub could not store the report; nothing was stored, try again"));
    }
}

static void
respond_put (ChartaHubServer *self, SoupServerMessage *msg, const char *id, ChartaHubPut *put)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *receipt = g_strconcat (put->receipt, "\n", NULL);

  respond_json (msg, put->status, receipt);
  set_etag (msg, put->revision);
  if (put->status == SOUP_STATUS_CREATED)
    {
      g_autofree char *location = g_strconcat (REPORTS_PATH "/", id, NULL);
      soup_message_headers_replace (headers, "Location", location);
    }
  if (put->replayed)
    soup_message_headers_replace (headers, "Idempotent-Replayed", "true");
  if (self->options.debug_stall_ms > 0)
    {
      /* A window, in tests, in which the report is stored but not yet acknowledged. */
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, self->options.debug_stall_ms, unstall_cb, g_object_ref (msg),
                          g_object_unref);
    }
}

static void
handle_put_report (ChartaHubServer *self, SoupServerMessage *msg, const char *id, Request *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *key = request_header (msg, "Idempotency-Key");
  ChartaHubPut put = { 0 };

  if (req->too_large)
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                     _("a report may have at most %lu bytes"), (unsigned long) self->options.max_body);
      return;
    }
  report = charta_report_parse ((const char *) req->body->data, req->body->len, &error);
  if (report == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                     g_error_matches (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_VERSION)
                       ? "unsupported-version" : "invalid-report",
                     "%s", error->message);
      return;
    }
  if (strcmp (report->id, id) != 0)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "id-mismatch",
                   _("the address names report %s, the body report %s"), id, report->id);
  else if (strcmp (report->city_id, req->token->city) != 0)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                   _("this token belongs to city %s, not to %s"), req->token->city, report->city_id);
  else if (key != NULL && !key_is_valid (key))
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-idempotency-key",
                   _("an Idempotency-Key has 1 to %d printable ASCII characters"), MAX_KEY);
  else
    {
      body = g_bytes_new (req->body->data, req->body->len);
      if (charta_hub_store_put_report (self->store, req->token->city, report, body, key,
                                       request_header (msg, "If-Match"), &put, &error))
        respond_put (self, msg, id, &put);
      else
        respond_put_error (msg, error);
      charta_hub_put_clear (&put);
    }
}

/* The report id in @path, or NULL when @path is not /api/v1/reports/{id}. */
static const char *
report_id_in (const char *path)
{
  return g_str_has_prefix (path, REPORTS_PATH "/") ? path + strlen (REPORTS_PATH "/") : NULL;
}

static void
respond_method_not_allowed (SoupServerMessage *msg, const char *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", _("allowed here: %s"), allow);
}

/* ---- callbacks ---- */

static void
on_got_chunk_cb (SoupServerMessage *msg, GBytes *chunk, ChartaHubServer *self)
{
  Request *req = get_request (msg);
  gsize size = g_bytes_get_size (chunk);

  if (req == NULL || req->too_large)
    return;
  if (req->body->len + size > self->options.max_body)
    {
      /* The rest is read and dropped, so the answer can still be given. */
      req->too_large = TRUE;
      g_byte_array_unref (req->body);
      req->body = g_byte_array_new ();
      return;
    }
  g_byte_array_append (req->body, g_bytes_get_data (chunk, NULL), size);
}

static void
on_request_started_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubServer *self)
{
  Request *req = g_new0 (Request, 1);

  req->body = g_byte_array_new ();
  req->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "charta-hub-request", req, (GDestroyNotify) request_free);
  /* The hub keeps the body itself, capped; libsoup would keep all of it. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self, 0);
}

/* libsoup refuses some requests itself (a path that adds "..", a malformed header) with
 * an empty body: give those the JSON error body every refusal has. */
static void
on_request_read_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubServer *self)
{
  guint status = soup_server_message_get_status (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (status >= 400 && body->length == 0)
    respond_error (msg, status, status == SOUP_STATUS_BAD_REQUEST ? "bad-request" : "refused", "%s",
                   soup_status_get_phrase (status));
}

static void
on_request_finished_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubServer *self)
{
  Request *req = get_request (msg);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;

  if (!self->options.access_log || req == NULL)
    return;
  now = g_date_time_new_now_utc ();
  time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  /* Never the Authorization header: the token id and city say who it was. */
  g_printerr ("%s %s %s %s %u %.1f ms token=%" G_GINT64_FORMAT "\n", time,
              soup_server_message_get_remote_host (msg), soup_server_message_get_method (msg),
              g_uri_get_path (soup_server_message_get_uri (msg)), soup_server_message_get_status (msg),
              (g_get_monotonic_time () - req->started) / 1000.0, req->token ? req->token->id : 0);
}

/* Runs once the headers are read, before the body: what can be refused without it is
 * refused here, and the body of a refused request is never looked at. */
static void
early_handler_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                  gpointer user_data)
{
  ChartaHubServer *self = user_data;
  Request *req = get_request (msg);
  const char *id = report_id_in (path);
  goffset length;

  if (req == NULL || !g_str_has_prefix (path, API) || strcmp (path, API "health") == 0)
    return;
  if (!authenticate (self, msg, req))
    return;
  if (id != NULL && !g_uuid_string_is_valid (id))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-id", _("“%.80s” is not a report id (a UUID)"), id);
      return;
    }
  length = soup_message_headers_get_content_length (soup_server_message_get_request_headers (msg));
  if (length > 0 && (guint64) length > self->options.max_body)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                     _("a report may have at most %lu bytes"), (unsigned long) self->options.max_body);
    }
}

static void
route_reports (ChartaHubServer *self, SoupServerMessage *msg, const char *path, GHashTable *query, Request *req)
{
  const char *method = soup_server_message_get_method (msg);
  const char *id = report_id_in (path);

  if (id == NULL)
    {
      if (strcmp (method, "GET") == 0)
        handle_list (self, msg, query);
      else
        respond_method_not_allowed (msg, "GET");
    }
  else if (strcmp (method, "GET") == 0)
    handle_get_report (self, msg, id);
  else if (strcmp (method, "PUT") == 0)
    handle_put_report (self, msg, id, req);
  else
    respond_method_not_allowed (msg, "GET, PUT");
}

static void
route_get_only (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query,
                void (*handle) (ChartaHubServer *, SoupServerMessage *, GHashTable *))
{
  if (strcmp (soup_server_message_get_method (msg), "GET") == 0)
    handle (self, msg, query);
  else
    respond_method_not_allowed (msg, "GET");
}

static void
handler_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data)
{
  ChartaHubServer *self = user_data;
  Request *req = get_request (msg);

  if (strcmp (path, API "health") == 0)
    route_get_only (self, msg, query, handle_health);
  else if (!g_str_has_prefix (path, API))
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("nothing here: the API is under %s"), API);
  else if (req == NULL || req->token == NULL)
    respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", _("a token is needed"));
  else if (strcmp (path, REPORTS_PATH) == 0 || report_id_in (path) != NULL)
    route_reports (self, msg, path, query, req);
  else if (strcmp (path, API "network/summary") == 0)
    route_get_only (self, msg, query, handle_summary);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("no such resource: %.200s"), path);
}

/* ---- GObject ---- */

static void
charta_hub_server_dispose (GObject *object)
{
  ChartaHubServer *self = CHARTA_HUB_SERVER (object);

  if (self->soup)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  G_OBJECT_CLASS (charta_hub_server_parent_class)->dispose (object);
}

static void
charta_hub_server_class_init (ChartaHubServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = charta_hub_server_dispose;
}

static void
charta_hub_server_init (ChartaHubServer *self)
{
  self->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/* ---- public API ---- */

ChartaHubServer *
charta_hub_server_new (ChartaHubStore *store, const ChartaHubOptions *options)
{
  ChartaHubServer *self;

  g_return_val_if_fail (store != NULL && options != NULL, NULL);

  self = g_object_new (CHARTA_TYPE_HUB_SERVER, NULL);
  self->store = store;
  self->options = *options;
  return self;
}

static GSocketAddress *
parse_address (const char *text, GError **error)
{
  g_autoptr(GSocketConnectable) address = g_network_address_parse (text, 0, error);
  g_autoptr(GInetAddress) inet = NULL;
  const char *host;

  if (address == NULL)
    return NULL;
  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (address));
  inet = strcmp (host, "localhost") == 0 ? g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4)
                                         : g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s”: listen on an IP address and port, e.g. 127.0.0.1:8080 or [::1]:8080"), text);
      return NULL;
    }
  return g_inet_socket_address_new (inet, g_network_address_get_port (G_NETWORK_ADDRESS (address)));
}

gboolean
charta_hub_server_listen (ChartaHubServer *self, const char *address, GTlsCertificate *certificate, GError **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *server_header = g_strdup_printf ("charta-hub/%s ", PACKAGE_VERSION);

  g_return_val_if_fail (CHARTA_IS_HUB_SERVER (self) && self->soup == NULL, FALSE);

  socket_address = parse_address (address, error);
  if (socket_address == NULL)
    return FALSE;
  self->soup = soup_server_new ("server-header", server_header, "tls-certificate", certificate, NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self, 0);
  g_signal_connect_object (self->soup, "request-read", G_CALLBACK (on_request_read_cb), self, 0);
  g_signal_connect_object (self->soup, "request-finished", G_CALLBACK (on_request_finished_cb), self, 0);
  soup_server_add_early_handler (self->soup, "/", early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, "/", handler_cb, self, NULL);
  return soup_server_listen (self->soup, socket_address, certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

char *
charta_hub_server_get_url (ChartaHubServer *self)
{
  GSList *uris;
  char *url;

  g_return_val_if_fail (CHARTA_IS_HUB_SERVER (self) && self->soup != NULL, NULL);

  uris = soup_server_get_uris (self->soup);
  url = uris ? g_uri_to_string (uris->data) : NULL;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}
