/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-server"
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-hub-dashboard.h"
#include "charta-hub-server.h"
#include "charta-report.h"

#define API "/api/v1/"
#define REPORTS_PATH "/api/v1/reports"
#define METRICS_PATH "/metrics"
#define MAX_KEY 255
#define PRUNE_SECONDS 60
#define N_LATENCY_BOUNDS 11

static const double latency_bounds[N_LATENCY_BOUNDS] = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

typedef struct {
  guint64 in_bucket[N_LATENCY_BOUNDS];   /* not cumulative: the text format sums them */
  guint64 count;
  double sum;
} Histogram;

typedef struct {
  GHashTable *requests;       /* "route\tstatus" → guint64* */
  GHashTable *aborted;        /* route → guint64*: requests never answered whole */
  GHashTable *latency;        /* route → Histogram* */
  guint64 store_errors;
  guint64 framing_refused;
} Metrics;

struct _ChartaHubServer {
  GObject parent_instance;

  SoupServer *soup;
  ChartaHubListener *listener;
  ChartaHubStore *store;       /* borrowed */
  ChartaHubOptions options;
  GHashTable *token_buckets;   /* "token id" → Bucket */
  GHashTable *address_buckets; /* address → Bucket */
  GHashTable *failure_buckets; /* address → Bucket: failed authentications */
  guint prune_id;
  GThreadPool *writer;         /* one thread: every report write */
  GMainContext *context;
  Metrics metrics;
  ChartaHubDashboard *dashboard; /* the pages for a browser */
  GHashTable *fast_answers;    /* the fast path's key → FastAnswer: libsoup's answers, to send again */
  gint64 fast_version;         /* the store's data version they are of */
  gsize fast_bytes;
  GQueue fast_lru[2];          /* each route's FastAnswers, the most recently used first */
  gint64 date_second;          /* the Date header's value, made once a second */
  char *date;
};

/* An answer libsoup sent, as it sent it: the status line and headers up to the Date
 * header's value, and after it, then the body. */
typedef struct {
  const char *route;
  GBytes *before_date;
  GBytes *after_date;
  GBytes *body;
  const char *key;             /* its key in fast_answers (owned by the table) */
  gsize size;
  guint lru;                   /* its route's index in fast_lru */
  GList link;                  /* in fast_lru[lru] */
} FastAnswer;

typedef struct {
  double tokens;
  double rate;               /* a minute */
  gint64 updated;            /* monotonic, µs */
} Bucket;

/* What the hub keeps of one request while it is read. */
typedef struct {
  GByteArray *body;
  gboolean too_large;
  gboolean gone;             /* the connection closed */
  ChartaHubToken *token;
  const char *route;         /* for metrics and the log */
  char *address;
  gint64 started;
  char *fast_key;            /* a GET the fast path may answer the same way next time */
  gint64 fast_version;       /* the store's data version before it was answered */
  gboolean fast_close;       /* it said Connection: close */
  gboolean written;          /* its answer was written whole (libsoup's wrote-body) */
  gboolean logged;           /* a 5xx answer whose cause the hub logged */
} Request;

/* A report write, done on the writing thread. */
typedef struct {
  ChartaHubServer *server;
  SoupServerMessage *msg;
  char *city;
  ChartaReport *report;
  GBytes *body;
  char *key;
  char *if_match;
  gboolean ok;
  ChartaHubPut put;
  GError *error;
} WriteJob;

G_DEFINE_FINAL_TYPE (ChartaHubServer, charta_hub_server, G_TYPE_OBJECT)

/* ---- helpers ---- */

static void
request_free (Request *req)
{
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_pointer (&req->token, charta_hub_token_free);
  g_free (req->address);
  g_free (req->fast_key);
  g_free (req);
}

static Request *
get_request (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "charta-hub-request");
}

const char *
charta_hub_reason_phrase (guint status)
{
  /* libsoup 3.2 has no phrase for 429 (RFC 6585) and sends "429 Unknown Error". */
  return status == 429 ? "Too Many Requests" : NULL;
}

static void
respond_json (SoupServerMessage *msg, guint status, const char *json)
{
  soup_server_message_set_status (msg, status, charta_hub_reason_phrase (status));
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static char *
error_json (guint status, const char *code, const char *message)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  ChartaNode *error = charta_node_new_object ();
  GString *out = g_string_new (NULL);

  charta_node_set_member (error, "status", charta_node_new_number_int (status));
  charta_node_set_member (error, "code", charta_node_new_string (code));
  charta_node_set_member (error, "message", charta_node_new_string (message));
  charta_node_set_member (root, "error", error);
  charta_json_write (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Every refusal has a JSON body: {"error": {"status", "code", "message"}}. */
G_GNUC_PRINTF (4, 5)
static void
respond_error (SoupServerMessage *msg, guint status, const char *code, const char *format, ...)
{
  g_autofree char *message = NULL, *json = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  json = error_json (status, code, message);
  respond_json (msg, status, json);
}

static void
set_header (SoupServerMessage *msg, const char *name, const char *value)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), name, value);
}

static void
set_etag (SoupServerMessage *msg, const char *revision)
{
  g_autofree char *etag = g_strdup_printf ("\"%s\"", revision);
  set_header (msg, "ETag", etag);
}

static const char *
request_header (SoupServerMessage *msg, const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
}

static void
set_route (SoupServerMessage *msg, const char *route)
{
  Request *req = get_request (msg);

  if (req != NULL)
    req->route = route;
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

static gboolean
is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL && G_IS_INET_SOCKET_ADDRESS (remote) &&
         g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
}

/* ---- strict HTTP ---- */

typedef struct {
  guint content_length;
  guint transfer_encoding;
  guint authorization;
  guint host;
} HeaderCounts;

static void
count_header (const char *name, const char *value, gpointer user_data)
{
  HeaderCounts *counts = user_data;

  if (g_ascii_strcasecmp (name, "Content-Length") == 0)
    counts->content_length++;
  else if (g_ascii_strcasecmp (name, "Transfer-Encoding") == 0)
    counts->transfer_encoding++;
  else if (g_ascii_strcasecmp (name, "Authorization") == 0)
    counts->authorization++;
  else if (g_ascii_strcasecmp (name, "Host") == 0)
    counts->host++;
}

/* Behind a proxy, any header two parties could read two ways lets one request hide
 * another: such a request is refused, and its connection closed. NULL when it is sound. */
static const char *
framing_problem (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  HeaderCounts counts = { 0 };
  const char *length, *encoding;
  guint64 n;

  soup_message_headers_foreach (headers, count_header, &counts);
  if (counts.content_length > 0 && counts.transfer_encoding > 0)
    return _("a request has Content-Length or Transfer-Encoding, not both");
  if (counts.content_length > 1 || counts.transfer_encoding > 1 || counts.authorization > 1 || counts.host > 1)
    return _("Content-Length, Transfer-Encoding, Authorization and Host may each be given once");
  length = soup_message_headers_get_one (headers, "Content-Length");
  if (length != NULL &&
      (*length < '0' || *length > '9' || !g_ascii_string_to_unsigned (length, 10, 0, G_MAXINT64, &n, NULL)))
    return _("Content-Length must be a number of bytes: digits only");
  encoding = soup_message_headers_get_one (headers, "Transfer-Encoding");
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "chunked") != 0)
    return _("the only Transfer-Encoding taken is chunked");
  return NULL;
}

typedef struct {
  GIOStream *stream;
  char *answer;
} Refusal;

static void
refusal_free (Refusal *refusal)
{
  g_clear_object (&refusal->stream);
  g_free (refusal->answer);
  g_free (refusal);
}

static void
refusal_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (user_data);
}

static void
refusal_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Refusal *refusal = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, refusal_closed_cb, refusal);
}

/* libsoup would go on reading the body as the headers frame it (for ever, with a
 * Content-Length of -1): the hub takes the connection from libsoup, answers and closes. */
static gboolean
refuse_framing_cb (gpointer user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  Request *req = get_request (msg);
  g_autofree char *json = NULL;
  Refusal *refusal;
  GIOStream *stream;

  if (req == NULL || req->gone)
    return G_SOURCE_REMOVE;
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return G_SOURCE_REMOVE;
  json = error_json (SOUP_STATUS_BAD_REQUEST, "bad-request", soup_server_message_get_reason_phrase (msg));
  refusal = g_new0 (Refusal, 1);
  refusal->stream = stream;
  refusal->answer = g_strdup_printf ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                                     "Connection: close\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                                     strlen (json), json);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), refusal->answer, strlen (refusal->answer),
                                   G_PRIORITY_DEFAULT, NULL, refusal_written_cb, refusal);
  return G_SOURCE_REMOVE;
}

static gboolean
check_framing (ChartaHubServer *self, SoupServerMessage *msg)
{
  const char *problem = framing_problem (msg);

  if (problem == NULL)
    return TRUE;
  self->metrics.framing_refused++;
  g_message ("event=refused reason=framing remote=%s", soup_server_message_get_remote_host (msg));
  soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, problem);
  soup_server_message_pause (msg);
  g_idle_add (refuse_framing_cb, g_object_ref (msg));
  return FALSE;
}

/* ---- rates: token buckets ---- */

/* @rate requests a minute, in bursts of at most as many. */
static Bucket *
refill (GHashTable *table, const char *key, double rate)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket = g_hash_table_lookup (table, key);

  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = rate;
      bucket->rate = rate;
      bucket->updated = now;
      g_hash_table_insert (table, g_strdup (key), bucket);
    }
  bucket->tokens = MIN (rate, bucket->tokens + (now - bucket->updated) * rate / (60.0 * G_USEC_PER_SEC));
  bucket->updated = now;
  return bucket;
}

static gboolean
bucket_has (GHashTable *table, const char *key, guint rate, gint64 *retry_after)
{
  Bucket *bucket;

  if (rate == 0)
    return TRUE;
  bucket = refill (table, key, rate);
  if (bucket->tokens >= 1.0)
    return TRUE;
  *retry_after = (gint64) ceil ((1.0 - bucket->tokens) * 60.0 / rate);
  return FALSE;
}

static gboolean
take_from_bucket (GHashTable *table, const char *key, guint rate, gint64 *retry_after)
{
  if (!bucket_has (table, key, rate, retry_after))
    return FALSE;
  if (rate > 0)
    ((Bucket *) g_hash_table_lookup (table, key))->tokens -= 1.0;
  return TRUE;
}

/* A full bucket says nothing a new one would not: dropped, so the tables stay as small
 * as the number of recent clients. */
static gboolean
prune_table (gpointer key, gpointer value, gpointer user_data)
{
  Bucket *bucket = value;
  gint64 now = g_get_monotonic_time ();

  return bucket->tokens + (now - bucket->updated) * bucket->rate / (60.0 * G_USEC_PER_SEC) >= bucket->rate;
}

static gboolean
prune_cb (gpointer user_data)
{
  ChartaHubServer *self = user_data;

  g_hash_table_foreach_remove (self->token_buckets, prune_table, NULL);
  g_hash_table_foreach_remove (self->address_buckets, prune_table, NULL);
  g_hash_table_foreach_remove (self->failure_buckets, prune_table, NULL);
  return G_SOURCE_CONTINUE;
}

static const char *
route_of_message (SoupServerMessage *msg)
{
  Request *req = get_request (msg);

  return req != NULL ? req->route : "other";
}

static void
mark_logged (SoupServerMessage *msg)
{
  Request *req = get_request (msg);

  if (req != NULL)
    req->logged = TRUE;
}

/* The one way the hub answers 500 itself: a store operation (@what) failed with
 * @error. The warning names the route and the cause, so that no 500 is silent; the
 * connection closes after the answer. (A 500 libsoup makes itself is logged when the
 * request ends: on_request_ended().) */
static void
respond_internal_error (ChartaHubServer *self, SoupServerMessage *msg, const char *what, const GError *error,
                        const char *message)
{
  self->metrics.store_errors++;
  g_warning ("event=store-error what=%s route=%s status=500 message=\"%s\"", what, route_of_message (msg),
             error->message);
  mark_logged (msg);
  set_header (msg, "Connection", "close");
  respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "%s", message);
}

/* A database that cannot be reached now (PostgreSQL restarting, a failover): 503, and
 * the next request connects again. */
static gboolean
respond_unavailable (ChartaHubServer *self, SoupServerMessage *msg, const GError *error)
{
  if (!g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_UNAVAILABLE))
    return FALSE;
  self->metrics.store_errors++;
  g_warning ("event=store-error what=unavailable route=%s status=503 message=\"%s\"", route_of_message (msg),
             error->message);
  mark_logged (msg);
  set_header (msg, "Retry-After", "1");
  respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                 _("the hub cannot reach its database now; nothing was stored, try again"));
  return TRUE;
}

static void
respond_rate_limited (ChartaHubServer *self, SoupServerMessage *msg, const char *path, gint64 retry_after,
                      const char *code, const char *what)
{
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

  set_header (msg, "Retry-After", seconds);
  /* A browser's sign-in form gets its page back, saying so. */
  if (path != NULL && charta_hub_dashboard_refuse_too_many (self->dashboard, msg, path))
    return;
  respond_error (msg, 429, code, "%s; try again in %s s", what, seconds);
}

/* ---- authentication ---- */

static char *
bearer_token_in (const char *value)
{
  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  return *value && strlen (value) <= 512 ? g_strstrip (g_strdup (value)) : NULL;
}

static char *
bearer_token (SoupServerMessage *msg)
{
  return bearer_token_in (request_header (msg, "Authorization"));
}

static void
refuse_token (ChartaHubServer *self, SoupServerMessage *msg, Request *req, gboolean had_secret)
{
  gint64 retry_after = 1;

  /* Each failure from an address costs it: guessing tokens soon waits. */
  take_from_bucket (self->failure_buckets, req->address, self->options.auth_failures, &retry_after);
  set_header (msg, "WWW-Authenticate", "Bearer realm=\"charta-hub\"");
  respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "%s",
                 had_secret ? _("the token is unknown or revoked") : _("a token is needed: Authorization: Bearer TOKEN"));
}

static gboolean
authenticate (ChartaHubServer *self, SoupServerMessage *msg, Request *req)
{
  g_autofree char *secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_key = NULL;
  gint64 retry_after = 1;

  if (!bucket_has (self->failure_buckets, req->address, self->options.auth_failures, &retry_after))
    {
      respond_rate_limited (self, msg, NULL, retry_after, "too-many-failures",
                            _("too many requests with a wrong or no token from this address"));
      return FALSE;
    }
  secret = bearer_token (msg);
  if (secret != NULL)
    req->token = charta_hub_store_find_token (self->store, secret, &error);
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  if (error != NULL && respond_unavailable (self, msg, error))
    return FALSE;
  if (error != NULL)
    {
      respond_internal_error (self, msg, "token-lookup", error, _("the hub cannot check tokens now"));
      return FALSE;
    }
  if (req->token == NULL)
    {
      refuse_token (self, msg, req, secret != NULL);
      return FALSE;
    }
  token_key = g_strdup_printf ("%" G_GINT64_FORMAT, req->token->id);
  if (!take_from_bucket (self->token_buckets, token_key, self->options.rate_limit, &retry_after))
    {
      g_autofree char *what = g_strdup_printf (_("more than %u requests a minute with this token"),
                                               self->options.rate_limit);
      respond_rate_limited (self, msg, NULL, retry_after, "rate-limited", what);
      return FALSE;
    }
  return TRUE;
}

/* ---- metrics ---- */

static void
count_request (ChartaHubServer *self, const char *route, guint status, double seconds)
{
  g_autofree char *key = g_strdup_printf ("%s\t%u", route, status);
  guint64 *count = g_hash_table_lookup (self->metrics.requests, key);
  Histogram *h = g_hash_table_lookup (self->metrics.latency, route);
  guint i;

  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (self->metrics.requests, g_steal_pointer (&key), count);
    }
  (*count)++;
  if (h == NULL)
    {
      h = g_new0 (Histogram, 1);
      g_hash_table_insert (self->metrics.latency, (gpointer) route, h);
    }
  for (i = 0; i < N_LATENCY_BOUNDS && seconds > latency_bounds[i]; i++)
    ;
  if (i < N_LATENCY_BOUNDS)
    h->in_bucket[i]++;
  h->count++;
  h->sum += seconds;
}

/* A request whose answer was never written whole: not answered, so not counted by
 * status (libsoup gives it status 500 with the I/O error as its reason). */
static void
count_aborted (ChartaHubServer *self, const char *route)
{
  guint64 *count = g_hash_table_lookup (self->metrics.aborted, route);

  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (self->metrics.aborted, (gpointer) route, count);
    }
  (*count)++;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
write_histograms (ChartaHubServer *self, GString *out)
{
  g_autofree gpointer *routes = NULL;
  guint n;

  g_string_append (out, "# HELP charta_hub_request_duration_seconds Time from a request's start to its answer.\n"
                        "# TYPE charta_hub_request_duration_seconds histogram\n");
  routes = g_hash_table_get_keys_as_array (self->metrics.latency, &n);
  qsort (routes, n, sizeof (gpointer), compare_strings);
  for (guint r = 0; r < n; r++)
    {
      Histogram *h = g_hash_table_lookup (self->metrics.latency, routes[r]);
      guint64 cumulative = 0;

      for (guint i = 0; i < N_LATENCY_BOUNDS; i++)
        {
          cumulative += h->in_bucket[i];
          g_string_append_printf (out, "charta_hub_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %"
                                  G_GUINT64_FORMAT "\n", (char *) routes[r], latency_bounds[i], cumulative);
        }
      g_string_append_printf (out, "charta_hub_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %"
                              G_GUINT64_FORMAT "\n", (char *) routes[r], h->count);
      g_string_append_printf (out, "charta_hub_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
                              (char *) routes[r], h->sum);
      g_string_append_printf (out, "charta_hub_request_duration_seconds_count{route=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              (char *) routes[r], h->count);
    }
}

static void
write_requests (ChartaHubServer *self, GString *out)
{
  g_autofree gpointer *keys = NULL;
  guint n;

  g_string_append (out, "# HELP charta_hub_requests_total Requests answered, by route and status.\n"
                        "# TYPE charta_hub_requests_total counter\n");
  keys = g_hash_table_get_keys_as_array (self->metrics.requests, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (keys[i], "\t", 2);
      guint64 *count = g_hash_table_lookup (self->metrics.requests, keys[i]);
      g_string_append_printf (out, "charta_hub_requests_total{route=\"%s\",status=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              parts[0], parts[1], *count);
    }
}

static void
write_aborted (ChartaHubServer *self, GString *out)
{
  g_autofree gpointer *routes = NULL;
  guint n;

  g_string_append (out, "# HELP charta_hub_requests_aborted_total Requests whose connection ended or failed before "
                        "their answer was sent whole (the client went away, a timeout): not answered, so not in "
                        "charta_hub_requests_total.\n"
                        "# TYPE charta_hub_requests_aborted_total counter\n");
  routes = g_hash_table_get_keys_as_array (self->metrics.aborted, &n);
  qsort (routes, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "charta_hub_requests_aborted_total{route=\"%s\"} %" G_GUINT64_FORMAT "\n",
                            (char *) routes[i], *(guint64 *) g_hash_table_lookup (self->metrics.aborted, routes[i]));
}

G_GNUC_PRINTF (4, 5)
static void
write_metric (GString *out, const char *name, const char *type, const char *help_and_value, ...)
{
  va_list args;

  g_string_append_printf (out, "# TYPE %s %s\n# HELP %s ", name, type, name);
  va_start (args, help_and_value);
  g_string_append_vprintf (out, help_and_value, args);
  va_end (args);
}

static char *
metrics_text (ChartaHubServer *self)
{
  GString *out = g_string_new (NULL);
  ChartaHubListenerStats stats;

  charta_hub_listener_get_stats (self->listener, &stats);
  write_requests (self, out);
  write_aborted (self, out);
  write_histograms (self, out);
  write_metric (out, "charta_hub_store_errors_total", "counter",
                "Store (database) operations that failed.\ncharta_hub_store_errors_total %" G_GUINT64_FORMAT "\n",
                self->metrics.store_errors);
  write_metric (out, "charta_hub_open_connections", "gauge",
                "Connections open now.\ncharta_hub_open_connections %u\n", stats.open);
  write_metric (out, "charta_hub_connections_total", "counter",
                "Connections accepted.\ncharta_hub_connections_total %" G_GUINT64_FORMAT "\n", stats.accepted);
  write_metric (out, "charta_hub_connections_refused_total", "counter",
                "Connections closed at once: over the total or per-address cap.\n"
                "charta_hub_connections_refused_total %" G_GUINT64_FORMAT "\n", stats.refused_busy);
  write_metric (out, "charta_hub_connections_shed_total", "counter",
                "Connections closed at once: the hub was out of file descriptors.\n"
                "charta_hub_connections_shed_total %" G_GUINT64_FORMAT "\n", stats.shed_descriptors);
  write_metric (out, "charta_hub_connections_timed_out_total", "counter",
                "Connections closed for a header, body or answer timeout.\n"
                "charta_hub_connections_timed_out_total %" G_GUINT64_FORMAT "\n", stats.timed_out);
  write_metric (out, "charta_hub_connections_idle_closed_total", "counter",
                "Kept-alive connections closed by the hub: idle too long, or giving way at a cap.\n"
                "charta_hub_connections_idle_closed_total %" G_GUINT64_FORMAT "\n", stats.idle_closed);
  write_metric (out, "charta_hub_fast_answers_total", "counter",
                "Requests answered on the fast path, from the answers libsoup sent before.\n"
                "charta_hub_fast_answers_total %" G_GUINT64_FORMAT "\n", stats.fast_answers);
  write_metric (out, "charta_hub_requests_refused_framing_total", "counter",
                "Requests refused for ambiguous framing (Content-Length, Transfer-Encoding).\n"
                "charta_hub_requests_refused_framing_total %" G_GUINT64_FORMAT "\n", self->metrics.framing_refused);
  return g_string_free (out, FALSE);
}

/* ---- the routes ---- */

static void
handle_health (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (!charta_hub_store_check (self->store, &error))
    {
      self->metrics.store_errors++;
      g_warning ("event=store-error what=health route=health status=503 message=\"%s\"", error->message);
      mark_logged (msg);
      respond_json (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                    "{\n  \"status\": \"unavailable\",\n  \"database\": \"failing\",\n  \"api\": 1\n}\n");
      return;
    }
  json = g_strdup_printf ("{\n  \"status\": \"ok\",\n  \"database\": \"ok\",\n  \"version\": \"%s\",\n  \"api\": 1\n}\n",
                          PACKAGE_VERSION);
  respond_json (msg, SOUP_STATUS_OK, json);
}

static void
handle_metrics (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  g_autofree char *text = NULL;
  gsize len;

  /* Figures about the network's traffic are for its operator: only from this machine. */
  if (!is_loopback (msg))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("no such resource: %s"), METRICS_PATH);
      return;
    }
  text = metrics_text (self);
  len = strlen (text);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain; version=0.0.4; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

static void
respond_text (ChartaHubServer *self, SoupServerMessage *msg, char *json, GError *error)
{
  if (json == NULL && g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_INVALID))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter", "%s", error->message);
      return;
    }
  if (json == NULL && respond_unavailable (self, msg, error))
    return;
  if (json == NULL)
    {
      respond_internal_error (self, msg, "read", error, _("the hub cannot read its store now"));
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

static gboolean
page_size (SoupServerMessage *msg, GHashTable *query, guint *limit)
{
  const char *text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 n = CHARTA_HUB_DEFAULT_PAGE;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, CHARTA_HUB_MAX_PAGE, &n, NULL))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter", _("limit must be a number from 1 to %d"),
                     CHARTA_HUB_MAX_PAGE);
      return FALSE;
    }
  *limit = (guint) n;
  return TRUE;
}

static void
handle_list (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  const char *period = query ? g_hash_table_lookup (query, "period") : NULL;
  const char *city = query ? g_hash_table_lookup (query, "city") : NULL;
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint limit;

  set_route (msg, "reports.list");
  if (!check_period_param (msg, period) || !page_size (msg, query, &limit))
    return;
  if (city != NULL && !g_uuid_string_is_valid (city))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter", _("city must be a city id (a UUID)"));
      return;
    }
  json = charta_hub_store_list_reports (self->store, period, city, cursor, limit, &error);
  respond_text (self, msg, json, error);
}

static void
handle_summary (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query)
{
  const char *period = query ? g_hash_table_lookup (query, "period") : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  set_route (msg, "network.summary");
  if (period == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-parameter", _("period is needed, e.g. ?period=2024"));
      return;
    }
  if (!check_period_param (msg, period))
    return;
  json = charta_hub_store_network_summary (self->store, period, &error);
  respond_text (self, msg, json, error);
}

static void
refuse_reader (SoupServerMessage *msg)
{
  respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                 _("a reader’s token may list reports and read the network summary; only a city reads and "
                   "writes its own reports"));
}

static void
handle_get_report (ChartaHubServer *self, SoupServerMessage *msg, const char *id, Request *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *revision = NULL;
  g_autoptr(GBytes) body = NULL;

  set_route (msg, "reports.get");
  if (req->token->city == NULL)
    {
      refuse_reader (msg);
      return;
    }
  /* A city reads only its own report of that id: another city's is not even named. */
  body = charta_hub_store_get_report (self->store, req->token->city, id, &revision, &error);
  if (body == NULL && g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_NOT_FOUND))
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("this city has no report %s"), id);
  else if (body == NULL)
    respond_text (self, msg, NULL, error);
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
  SoupServerMessage *msg = user_data;
  Request *req = get_request (msg);

  if (req != NULL && !req->gone)
    soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
respond_put_error (ChartaHubServer *self, SoupServerMessage *msg, GError *error)
{
  if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_FORBIDDEN))
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "%s", error->message);
  else if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_QUOTA))
    respond_error (msg, SOUP_STATUS_CONFLICT, "quota-exceeded", "%s", error->message);
  else if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_PRECONDITION))
    respond_error (msg, SOUP_STATUS_PRECONDITION_FAILED, "precondition-failed", "%s", error->message);
  else if (g_error_matches (error, CHARTA_HUB_ERROR, CHARTA_HUB_ERROR_CONFLICT))
    respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency-key-reused", "%s", error->message);
  else if (!respond_unavailable (self, msg, error))
    respond_internal_error (self, msg, "write", error,
                            _("the hub could not store the report; nothing was stored, try again"));
}

static void
respond_put (ChartaHubServer *self, SoupServerMessage *msg, const char *id, ChartaHubPut *put)
{
  g_autofree char *receipt = g_strconcat (put->receipt, "\n", NULL);

  respond_json (msg, put->status, receipt);
  set_etag (msg, put->revision);
  if (put->status == SOUP_STATUS_CREATED)
    {
      g_autofree char *location = g_strconcat (REPORTS_PATH "/", id, NULL);
      set_header (msg, "Location", location);
    }
  if (put->replayed)
    set_header (msg, "Idempotent-Replayed", "true");
}

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->server);
  g_clear_object (&job->msg);
  g_free (job->city);
  g_clear_pointer (&job->report, charta_report_free);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job->key);
  g_free (job->if_match);
  charta_hub_put_clear (&job->put);
  g_clear_error (&job->error);
  g_free (job);
}

/* Back on the main loop: the answer, and the message goes on. */
static gboolean
write_done_cb (gpointer user_data)
{
  WriteJob *job = user_data;
  ChartaHubServer *self = job->server;
  Request *req = get_request (job->msg);

  if (job->ok)
    respond_put (self, job->msg, job->report->id, &job->put);
  else
    respond_put_error (self, job->msg, job->error);
  if (req != NULL && !req->gone)
    {
      if (job->ok && self->options.debug_stall_ms > 0)
        /* A window, in tests, in which the report is stored but not yet acknowledged. */
        g_timeout_add_full (G_PRIORITY_DEFAULT, self->options.debug_stall_ms, unstall_cb, g_object_ref (job->msg),
                            g_object_unref);
      else
        soup_server_message_unpause (job->msg);
    }
  write_job_free (job);
  return G_SOURCE_REMOVE;
}

/* On the writing thread: only the store's writer connection is used here. */
static void
write_job_run (gpointer data, gpointer user_data)
{
  WriteJob *job = data;
  ChartaHubServer *self = job->server;

  job->ok = charta_hub_store_put_report (self->store, job->city, job->report, job->body, job->key, job->if_match,
                                         &self->options.quota, self->options.debug_commit_stall_ms, &job->put,
                                         &job->error);
  g_main_context_invoke (self->context, write_done_cb, job);
}

static gboolean
check_put (ChartaHubServer *self, SoupServerMessage *msg, const char *id, Request *req, const ChartaReport *report)
{
  const char *key = request_header (msg, "Idempotency-Key");
  g_autoptr(GError) error = NULL;

  if (strcmp (report->id, id) != 0)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "id-mismatch",
                   _("the address names report %s, the body report %s"), id, report->id);
  else if (strcmp (report->city_id, req->token->city) != 0)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                   _("this token belongs to city %s, not to %s"), req->token->city, report->city_id);
  else if (key != NULL && !key_is_valid (key))
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-idempotency-key",
                   _("an Idempotency-Key has 1 to %d printable ASCII characters"), MAX_KEY);
  else if (!charta_report_check_catalogue (report, charta_catalogue_get_default (), &error))
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-report", "%s", error->message);
  else
    return TRUE;
  return FALSE;
}

static void
handle_put_report (ChartaHubServer *self, SoupServerMessage *msg, const char *id, Request *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaReport) report = NULL;
  WriteJob *job;

  set_route (msg, "reports.put");
  if (req->token->city == NULL)
    {
      refuse_reader (msg);
      return;
    }
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
  if (!check_put (self, msg, id, req, report))
    return;
  job = g_new0 (WriteJob, 1);
  job->server = g_object_ref (self);
  job->msg = g_object_ref (msg);
  job->city = g_strdup (req->token->city);
  job->report = g_steal_pointer (&report);
  job->body = g_bytes_new (req->body->data, req->body->len);
  job->key = g_strdup (request_header (msg, "Idempotency-Key"));
  job->if_match = g_strdup (request_header (msg, "If-Match"));
  soup_server_message_pause (msg);
  g_thread_pool_push (self->writer, job, NULL);
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
  set_header (msg, "Allow", allow);
  respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", _("allowed here: %s"), allow);
}

/* One line per request, key=value: never the token, only its id and city. */
static void
log_line (const char *address, const char *method, const char *route, const char *path, guint status,
          double seconds, const ChartaHubToken *token)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *escaped = g_strescape (path, NULL);

  g_autofree char *answered = status != 0 ? g_strdup_printf ("%u", status) : g_strdup ("aborted");

  g_printerr ("time=%s event=request remote=%s method=%s route=%s path=\"%.200s\" status=%s duration_ms=%.1f "
              "token=%" G_GINT64_FORMAT " city=%s\n",
              time, address, method, route, escaped, answered, seconds * 1000.0, token ? token->id : 0,
              token && token->city ? token->city : "-");
}

/* ---- the fast path (charta-hub-fast.h) ----
 *
 * An HTTP/1.1 GET of the network summary or of a dashboard page over plain HTTP,
 * answered by libsoup with 200, is kept as libsoup sent it (status line, headers, body),
 * under its target and what its answer depends on (the language chosen for
 * Accept-Language, whether Accept-Encoding takes gzip, Cookie, Connection: close), when the store's data version from before
 * it was answered is still the current one, and only when the fast path could answer it
 * again: no query but period=, no cookie or (for a page) a live session's. At most
 * MAX_FAST_ANSWERS_PER_ROUTE a route are kept, the least recently used giving way; a
 * new data version drops them all. The same request is then answered with those bytes by the listener
 * itself (charta-hub-listener.c), a new Date apart, while the data version is the
 * same, and only when every rule libsoup's path applies says yes: the address's rate,
 * and for the summary the failed-token rate, the token (only among those libsoup's path
 * found: charta_hub_store_find_cached_token; an unknown one is left to libsoup) and the
 * token's rate; for a page the session (charta_hub_dashboard_has_session).
 * When any says no, the request goes to libsoup, which answers (and refuses) it as
 * always; nothing was counted. Metrics and the access log count the request as on
 * libsoup's path. */

#define MAX_FAST_ANSWERS_PER_ROUTE 128
#define MAX_FAST_BYTES (32 * 1024 * 1024)

static void
fast_answer_free (gpointer data)
{
  FastAnswer *answer = data;

  g_bytes_unref (answer->before_date);
  g_bytes_unref (answer->after_date);
  g_bytes_unref (answer->body);
  g_free (answer);
}

/* The route of a path whose GET the fast path may answer, or NULL. */
static const char *
fast_route (const char *path)
{
  if (strcmp (path, API "network/summary") == 0)
    return "network.summary";
  if (strcmp (path, "/") == 0 || g_str_has_prefix (path, "/city/") || g_str_has_prefix (path, "/item/"))
    return "dashboard";
  return NULL;
}

/* Keyed on what the answer depends on: the language chosen for Accept-Language and
 * whether Accept-Encoding takes gzip (as the dashboard decides), not the headers' text,
 * so that odd values share the answer rather than crowd out the others. */
static char *
fast_key (ChartaHubServer *self, const char *target, const char *language, const char *encoding, const char *cookie,
          gboolean close)
{
  return g_strdup_printf ("%s\n%s\n%d\n%c%s\n%d", target, charta_hub_dashboard_pick_language (self->dashboard, language),
                          encoding != NULL && soup_header_contains (encoding, "gzip"), cookie ? '=' : '-',
                          cookie ? cookie : "", close);
}

/* Drops the least recently used answer of fast_lru[@lru]. */
static void
fast_evict (ChartaHubServer *self, guint lru)
{
  GList *link = g_queue_pop_tail_link (&self->fast_lru[lru]);
  FastAnswer *answer = link->data;

  self->fast_bytes -= answer->size;
  g_hash_table_remove (self->fast_answers, answer->key);
}

/* Only "period=…", the one parameter either route reads, or none: answers to other
 * queries are not kept (they would crowd out the others). */
static gboolean
fast_query_is_plain (const char *query)
{
  return query == NULL || (g_str_has_prefix (query, "period=") && strchr (query, '&') == NULL);
}

/* On libsoup's path, before the answer: whether the fast path may keep it. */
static void
fast_note_request (ChartaHubServer *self, SoupServerMessage *msg, const char *path, Request *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *connection = soup_message_headers_get_one (headers, "Connection");
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *cookie;
  g_autofree char *target = NULL;

  if (self->fast_answers == NULL || fast_route (path) == NULL ||
      strcmp (soup_server_message_get_method (msg), "GET") != 0 ||
      soup_server_message_get_http_version (msg) != SOUP_HTTP_1_1 ||
      (connection != NULL && g_ascii_strcasecmp (connection, "keep-alive") != 0 &&
       g_ascii_strcasecmp (connection, "close") != 0) ||
      !fast_query_is_plain (query))
    return;
  req->fast_version = charta_hub_store_data_version (self->store, NULL);
  if (req->fast_version < 0)
    return;
  /* The summary only without a cookie; a page's is checked once answered. */
  cookie = soup_message_headers_get_list (headers, "Cookie");
  if (cookie != NULL && strcmp (fast_route (path), "dashboard") != 0)
    return;
  target = query ? g_strconcat (path, "?", query, NULL) : g_strdup (path);
  req->fast_close = connection != NULL && g_ascii_strcasecmp (connection, "close") == 0;
  req->fast_key = fast_key (self, target, soup_message_headers_get_list (headers, "Accept-Language"),
                            soup_message_headers_get_list (headers, "Accept-Encoding"),
                            soup_message_headers_get_list (headers, "Cookie"), req->fast_close);
}

/* On libsoup's path, once answered: keeps the answer as it was sent. */
static void
fast_keep_answer (ChartaHubServer *self, SoupServerMessage *msg, Request *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GString) before = NULL, after = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *connection = soup_message_headers_get_one (headers, "Connection");
  FastAnswer *answer;
  const char *cookie;
  gint64 version;
  guint lru;
  gsize size;

  /* Closed after the answer only when the request said so: not for the connection's last
   * request (the listener's max_requests), which the fast path never answers. */
  if (soup_server_message_get_status (msg) != SOUP_STATUS_OK ||
      (connection != NULL && !(req->fast_close && strcmp (connection, "close") == 0)) ||
      soup_message_headers_get_one (headers, "Set-Cookie") != NULL ||
      soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return;
  /* Kept already at this data version: nothing to format again. */
  if (req->fast_version == self->fast_version && g_hash_table_contains (self->fast_answers, req->fast_key))
    return;
  body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  if (soup_message_headers_get_content_length (headers) != (goffset) g_bytes_get_size (body))
    return;
  /* As libsoup writes them (soup-server-message-io-http1.c, write_headers()). */
  before = g_string_new (NULL);
  g_string_append_printf (before, "HTTP/1.1 %u %s\r\n", soup_server_message_get_status (msg),
                          soup_server_message_get_reason_phrase (msg));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (after == NULL && g_ascii_strcasecmp (name, "Date") == 0)
      {
        g_string_append_printf (before, "%s: ", name);
        after = g_string_new ("\r\n");
      }
    else
      g_string_append_printf (after ? after : before, "%s: %s\r\n", name, value);
  if (after == NULL)
    return;
  g_string_append (after, "\r\n");
  size = before->len + after->len + g_bytes_get_size (body);
  /* Answered at an older data version than the current one (a slow request): not kept,
   * and the answers of the current one stay. */
  version = charta_hub_store_data_version (self->store, NULL);
  if (version < 0 || req->fast_version != version)
    return;
  /* Only answers the fast path could give again: a page without a cookie (the public
   * overview) or with a live session's. */
  cookie = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie");
  if (cookie != NULL && !charta_hub_dashboard_has_session (self->dashboard, cookie, version))
    return;
  if (version != self->fast_version)
    {
      g_hash_table_remove_all (self->fast_answers);
      for (guint i = 0; i < G_N_ELEMENTS (self->fast_lru); i++)
        g_queue_init (&self->fast_lru[i]);
      self->fast_bytes = 0;
      self->fast_version = version;
    }
  if (size > MAX_FAST_BYTES || g_hash_table_contains (self->fast_answers, req->fast_key))
    return;
  lru = strcmp (req->route, "dashboard") == 0;
  /* The least recently used answers of the route make room, then of any route. */
  if (self->fast_lru[lru].length >= MAX_FAST_ANSWERS_PER_ROUTE)
    fast_evict (self, lru);
  while (self->fast_bytes + size > MAX_FAST_BYTES)
    fast_evict (self, self->fast_lru[lru].length > 0 ? lru : !lru);
  answer = g_new0 (FastAnswer, 1);
  answer->route = req->route;
  answer->before_date = g_string_free_to_bytes (g_steal_pointer (&before));
  answer->after_date = g_string_free_to_bytes (g_steal_pointer (&after));
  answer->body = g_steal_pointer (&body);
  answer->size = size;
  answer->lru = lru;
  answer->key = req->fast_key;
  answer->link.data = answer;
  g_queue_push_head_link (&self->fast_lru[lru], &answer->link);
  self->fast_bytes += size;
  g_hash_table_insert (self->fast_answers, g_steal_pointer (&req->fast_key), answer);
}

/* The Date header's value, as libsoup writes it. */
static const char *
http_date (ChartaHubServer *self)
{
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;

  if (self->date == NULL || second != self->date_second)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (second);

      g_free (self->date);
      self->date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
      self->date_second = second;
    }
  return self->date;
}

/* The rules of early_checks() and authenticate() for a request the fast path answers:
 * all asked first, then the rates taken, so that a "no" leaves everything as it was for
 * libsoup's path. */
static gboolean
fast_admit (ChartaHubServer *self, const ChartaHubFastRequest *request, const char *route, gint64 version,
            ChartaHubToken **token)
{
  g_autofree char *secret = NULL;
  g_autofree char *token_key = NULL;
  gint64 retry_after;

  if (!bucket_has (self->address_buckets, request->address, self->options.address_rate_limit, &retry_after))
    return FALSE;
  if (strcmp (route, "dashboard") == 0)
    {
      /* Without a cookie the kept answer is the public overview. */
      if (request->cookie != NULL && !charta_hub_dashboard_has_session (self->dashboard, request->cookie, version))
        return FALSE;
    }
  else
    {
      if (!bucket_has (self->failure_buckets, request->address, self->options.auth_failures, &retry_after))
        return FALSE;
      secret = bearer_token_in (request->authorization);
      if (secret != NULL)
        *token = charta_hub_store_find_cached_token (self->store, secret, version);
      if (secret != NULL)
        memset (secret, 0, strlen (secret));
      if (*token == NULL)
        return FALSE;
      token_key = g_strdup_printf ("%" G_GINT64_FORMAT, (*token)->id);
      if (!bucket_has (self->token_buckets, token_key, self->options.rate_limit, &retry_after))
        return FALSE;
      take_from_bucket (self->token_buckets, token_key, self->options.rate_limit, &retry_after);
    }
  take_from_bucket (self->address_buckets, request->address, self->options.address_rate_limit, &retry_after);
  return TRUE;
}

static gboolean
fast_cb (const ChartaHubFastRequest *request, ChartaHubFastPart *parts, gpointer user_data)
{
  ChartaHubServer *self = user_data;
  gint64 started = g_get_monotonic_time ();
  g_autofree char *key = fast_key (self, request->target, request->accept_language, request->accept_encoding,
                                   request->cookie, request->close);
  FastAnswer *answer = g_hash_table_lookup (self->fast_answers, key);
  g_autoptr(ChartaHubToken) token = NULL;
  g_autofree char *path = NULL;
  const char *date;
  double seconds;
  gint64 version;

  if (answer == NULL)
    return FALSE;
  version = charta_hub_store_data_version (self->store, NULL);
  if (version < 0 || version != self->fast_version || !fast_admit (self, request, answer->route, version, &token))
    return FALSE;
  g_queue_unlink (&self->fast_lru[answer->lru], &answer->link);
  g_queue_push_head_link (&self->fast_lru[answer->lru], &answer->link);
  date = http_date (self);
  parts[0].data = g_bytes_get_data (answer->before_date, &parts[0].len);
  parts[0].bytes = answer->before_date;
  parts[1].data = date;
  parts[1].len = strlen (date);
  parts[2].data = g_bytes_get_data (answer->after_date, &parts[2].len);
  parts[2].bytes = answer->after_date;
  parts[3].data = g_bytes_get_data (answer->body, &parts[3].len);
  parts[3].bytes = answer->body;
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  count_request (self, answer->route, SOUP_STATUS_OK, seconds);
  if (self->options.access_log)
    {
      path = g_strndup (request->target, strcspn (request->target, "?"));
      log_line (request->address, "GET", answer->route, path, SOUP_STATUS_OK, seconds, token);
    }
  return TRUE;
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

/* Whatever refused a request once its headers were read (libsoup or the hub) also ends
 * its connection: the rest of what was sent is not read as another request. */
static void
on_got_headers_cb (SoupServerMessage *msg, ChartaHubServer *self)
{
  if (soup_server_message_get_status (msg) >= 400)
    set_header (msg, "Connection", "close");
}

static void
on_wrote_body_cb (SoupServerMessage *msg, ChartaHubServer *self)
{
  Request *req = get_request (msg);

  if (req != NULL)
    req->written = TRUE;
}

static void
on_disconnected_cb (SoupServerMessage *msg, ChartaHubServer *self)
{
  Request *req = get_request (msg);

  if (req != NULL)
    req->gone = TRUE;
}

static void
on_request_started_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubServer *self)
{
  Request *req = g_new0 (Request, 1);
  const char *host = soup_server_message_get_remote_host (msg);

  req->body = g_byte_array_new ();
  req->started = g_get_monotonic_time ();
  req->route = "other";
  req->address = g_strdup (host ? host : "");
  g_object_set_data_full (G_OBJECT (msg), "charta-hub-request", req, (GDestroyNotify) request_free);
  /* The hub keeps the body itself, capped; libsoup would keep all of it. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self, 0);
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers_cb), self, 0);
  g_signal_connect_object (msg, "disconnected", G_CALLBACK (on_disconnected_cb), self, 0);
  g_signal_connect_object (msg, "wrote-body", G_CALLBACK (on_wrote_body_cb), self, 0);
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
log_request (ChartaHubServer *self, SoupServerMessage *msg, Request *req, guint status, double seconds)
{
  log_line (req->address, soup_server_message_get_method (msg), req->route,
            g_uri_get_path (soup_server_message_get_uri (msg)), status, seconds, req->token);
}

/* libsoup's request-finished, or its request-aborted: which libsoup emits for an answer
 * with status 500 as for a request whose connection failed (an I/O error, which it
 * gives status 500 too, with the error as the reason phrase, though nothing was sent).
 * So whether the answer was written whole tells them apart: a request not answered
 * (the client went away, a timeout) is counted as aborted, never as a 500; a 500 that
 * was sent is always logged, with its route and cause, if the hub did not log it
 * (respond_internal_error()): one libsoup made itself, for a handler that set no
 * status. */
static void
on_request_ended (ChartaHubServer *self, SoupServerMessage *msg)
{
  Request *req = get_request (msg);
  guint status = soup_server_message_get_status (msg);
  double seconds;

  if (req == NULL)
    return;
  seconds = (g_get_monotonic_time () - req->started) / (double) G_USEC_PER_SEC;
  if (!req->written)
    {
      count_aborted (self, req->route);
      g_debug ("event=request-aborted route=%s remote=%s cause=\"%s\"", req->route, req->address,
               status == SOUP_STATUS_INTERNAL_SERVER_ERROR ? soup_server_message_get_reason_phrase (msg)
                                                           : "the connection closed");
      status = 0;
    }
  else
    {
      count_request (self, req->route, status, seconds);
      if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR && !req->logged)
        g_warning ("event=internal-error route=%s status=500 remote=%s cause=\"no answer set by the hub (libsoup: "
                   "%s)\"", req->route, req->address, soup_server_message_get_reason_phrase (msg));
    }
  if (self->options.access_log && soup_server_message_get_uri (msg) != NULL)
    log_request (self, msg, req, status, seconds);
  if (req->fast_key != NULL && req->written)
    fast_keep_answer (self, msg, req);
}

static void
on_request_finished_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubServer *self)
{
  on_request_ended (self, msg);
}

static void
on_request_aborted_cb (SoupServer *server, SoupServerMessage *msg, ChartaHubServer *self)
{
  on_request_ended (self, msg);
}

static gboolean
early_checks (ChartaHubServer *self, SoupServerMessage *msg, const char *path, Request *req)
{
  const char *id = report_id_in (path);
  gint64 retry_after = 1;
  goffset length;

  if (!check_framing (self, msg))
    return FALSE;
  if (!take_from_bucket (self->address_buckets, req->address, self->options.address_rate_limit, &retry_after))
    {
      g_autofree char *what = g_strdup_printf (_("more than %u requests a minute from this address"),
                                               self->options.address_rate_limit);
      respond_rate_limited (self, msg, path, retry_after, "rate-limited", what);
      return FALSE;
    }
  if (!g_str_has_prefix (path, API) || strcmp (path, API "health") == 0)
    return TRUE;
  if (!authenticate (self, msg, req))
    return FALSE;
  if (id != NULL && !g_uuid_string_is_valid (id))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-id", _("“%.80s” is not a report id (a UUID)"), id);
      return FALSE;
    }
  length = soup_message_headers_get_content_length (soup_server_message_get_request_headers (msg));
  if (length > 0 && (guint64) length > self->options.max_body)
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                     _("a report may have at most %lu bytes"), (unsigned long) self->options.max_body);
      return FALSE;
    }
  return TRUE;
}

/* The route a request is counted under, whatever its answer. */
static const char *
route_of (const char *path, const char *method)
{
  if (strcmp (path, API "health") == 0)
    return "health";
  if (strcmp (path, METRICS_PATH) == 0)
    return "metrics";
  if (strcmp (path, REPORTS_PATH) == 0)
    return "reports.list";
  if (report_id_in (path) != NULL)
    return strcmp (method, "PUT") == 0 ? "reports.put" : "reports.get";
  if (strcmp (path, API "network/summary") == 0)
    return "network.summary";
  if (charta_hub_dashboard_owns (path))
    return "dashboard";
  return "other";
}

/* Runs once the headers are read, before the body: what can be refused without it is
 * refused here, and the body of a refused request is never looked at. */
static void
early_handler_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                  gpointer user_data)
{
  ChartaHubServer *self = user_data;
  Request *req = get_request (msg);

  if (req != NULL)
    req->route = route_of (path, soup_server_message_get_method (msg));
  if (req != NULL && !early_checks (self, msg, path, req))
    set_header (msg, "Connection", "close");
  else if (req != NULL)
    fast_note_request (self, msg, path, req);
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
    handle_get_report (self, msg, id, req);
  else if (strcmp (method, "PUT") == 0)
    handle_put_report (self, msg, id, req);
  else
    respond_method_not_allowed (msg, "GET, PUT");
}

static void
route_get_only (ChartaHubServer *self, SoupServerMessage *msg, GHashTable *query, const char *route,
                void (*handle) (ChartaHubServer *, SoupServerMessage *, GHashTable *))
{
  set_route (msg, route);
  if (strcmp (soup_server_message_get_method (msg), "GET") == 0)
    handle (self, msg, query);
  else
    respond_method_not_allowed (msg, "GET");
}

/* The dashboard's pages; a sign-in with a wrong token costs the address as a wrong
 * Bearer token does. */
static void
handle_dashboard (ChartaHubServer *self, SoupServerMessage *msg, const char *path, GHashTable *query, Request *req)
{
  g_autoptr(GBytes) body = NULL;
  gint64 retry_after = 1;
  gboolean login = strcmp (path, "/login") == 0 && strcmp (soup_server_message_get_method (msg), "POST") == 0;

  set_route (msg, "dashboard");
  if (login && req != NULL &&
      !bucket_has (self->failure_buckets, req->address, self->options.auth_failures, &retry_after))
    {
      respond_rate_limited (self, msg, path, retry_after, "too-many-failures",
                            _("too many requests with a wrong or no token from this address"));
      return;
    }
  if (req != NULL && !req->too_large)
    body = g_bytes_new (req->body->data, req->body->len);
  if (!charta_hub_dashboard_handle (self->dashboard, msg, path, query, body) && req != NULL)
    take_from_bucket (self->failure_buckets, req->address, self->options.auth_failures, &retry_after);
}

static void
handler_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data)
{
  ChartaHubServer *self = user_data;
  Request *req = get_request (msg);

  if (strcmp (path, API "health") == 0)
    route_get_only (self, msg, query, "health", handle_health);
  else if (strcmp (path, METRICS_PATH) == 0)
    route_get_only (self, msg, query, "metrics", handle_metrics);
  else if (charta_hub_dashboard_owns (path))
    handle_dashboard (self, msg, path, query, req);
  else if (!g_str_has_prefix (path, API))
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("nothing here: the API is under %s"), API);
  else if (req == NULL || req->token == NULL)
    respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", _("a token is needed"));
  else if (strcmp (path, REPORTS_PATH) == 0 || report_id_in (path) != NULL)
    route_reports (self, msg, path, query, req);
  else if (strcmp (path, API "network/summary") == 0)
    route_get_only (self, msg, query, "network.summary", handle_summary);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", _("no such resource: %.200s"), path);
}

/* ---- GObject ---- */

static void
charta_hub_server_dispose (GObject *object)
{
  ChartaHubServer *self = CHARTA_HUB_SERVER (object);

  if (self->writer != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writer), FALSE, TRUE);
  g_clear_pointer (&self->listener, charta_hub_listener_free);
  if (self->soup)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_handle_id (&self->prune_id, g_source_remove);
  g_clear_pointer (&self->token_buckets, g_hash_table_unref);
  g_clear_pointer (&self->address_buckets, g_hash_table_unref);
  g_clear_pointer (&self->failure_buckets, g_hash_table_unref);
  g_clear_pointer (&self->metrics.requests, g_hash_table_unref);
  g_clear_pointer (&self->metrics.aborted, g_hash_table_unref);
  g_clear_pointer (&self->metrics.latency, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->dashboard, charta_hub_dashboard_free);
  g_clear_pointer (&self->fast_answers, g_hash_table_unref);
  g_clear_pointer (&self->date, g_free);
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
  self->token_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->address_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->failure_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->metrics.requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->metrics.aborted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->metrics.latency = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->context = g_main_context_ref_thread_default ();
}

/* ---- public API ---- */

void
charta_hub_options_init (ChartaHubOptions *options)
{
  memset (options, 0, sizeof *options);
  options->max_body = CHARTA_HUB_DEFAULT_MAX_BODY;
  options->rate_limit = CHARTA_HUB_DEFAULT_RATE_LIMIT;
  options->address_rate_limit = CHARTA_HUB_DEFAULT_ADDRESS_RATE_LIMIT;
  options->auth_failures = CHARTA_HUB_DEFAULT_AUTH_FAILURES;
  options->quota.reports_per_period = CHARTA_HUB_DEFAULT_QUOTA_REPORTS;
  options->quota.bytes = CHARTA_HUB_DEFAULT_QUOTA_BYTES;
  options->limits.max_connections = CHARTA_HUB_DEFAULT_MAX_CONNECTIONS;
  options->limits.max_per_address = CHARTA_HUB_DEFAULT_MAX_PER_ADDRESS;
  options->limits.header_timeout = CHARTA_HUB_DEFAULT_HEADER_TIMEOUT;
  options->limits.body_timeout = CHARTA_HUB_DEFAULT_BODY_TIMEOUT;
  options->limits.answer_timeout = CHARTA_HUB_DEFAULT_ANSWER_TIMEOUT;
  options->limits.idle_timeout = CHARTA_HUB_DEFAULT_IDLE_TIMEOUT;
  options->limits.max_requests = CHARTA_HUB_DEFAULT_MAX_REQUESTS;
}

ChartaHubServer *
charta_hub_server_new (ChartaHubStore *store, const ChartaHubOptions *options)
{
  ChartaHubServer *self;

  g_return_val_if_fail (store != NULL && options != NULL, NULL);

  self = g_object_new (CHARTA_TYPE_HUB_SERVER, NULL);
  self->store = store;
  self->options = *options;
  /* One writing thread: SQLite takes one writer at a time anyway, and the store's writer
   * connection is used by no other thread. */
  self->writer = g_thread_pool_new (write_job_run, self, 1, TRUE, NULL);
  self->prune_id = g_timeout_add_seconds (PRUNE_SECONDS, prune_cb, self);
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
  GInetAddress *inet;

  g_return_val_if_fail (CHARTA_IS_HUB_SERVER (self) && self->soup == NULL, FALSE);

  socket_address = parse_address (address, error);
  if (socket_address == NULL)
    return FALSE;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (socket_address));
  if (certificate == NULL && !g_inet_address_get_is_loopback (inet) && !self->options.insecure_plain_http)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is not a loopback address: serve it with --tls-cert and --tls-key, or, behind a TLS "
                     "proxy only, with --insecure-plain-http"), address);
      return FALSE;
    }
  if (certificate == NULL && !g_inet_address_get_is_loopback (inet))
    g_warning ("serving plain HTTP on %s: tokens and reports cross the network unencrypted; put a TLS proxy in "
               "front of it", address);
  /* Behind --insecure-plain-http a TLS proxy faces the browsers: the cookie is Secure there too. */
  self->dashboard = charta_hub_dashboard_new (self->store, certificate != NULL || self->options.insecure_plain_http,
                                              self->options.public_overview);
  self->soup = soup_server_new ("server-header", server_header, NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self, 0);
  g_signal_connect_object (self->soup, "request-read", G_CALLBACK (on_request_read_cb), self, 0);
  g_signal_connect_object (self->soup, "request-finished", G_CALLBACK (on_request_finished_cb), self, 0);
  g_signal_connect_object (self->soup, "request-aborted", G_CALLBACK (on_request_aborted_cb), self, 0);
  soup_server_add_early_handler (self->soup, "/", early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, "/", handler_cb, self, NULL);
  self->listener = charta_hub_listener_new (self->soup, socket_address, certificate, &self->options.limits, error);
  if (self->listener == NULL)
    return FALSE;
  /* Plain HTTP only: a TLS connection's bytes cannot be peeked at. */
  if (certificate == NULL && !charta_hub_fast_disabled ())
    {
      self->fast_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, fast_answer_free);
      self->fast_version = -1;
      for (guint i = 0; i < G_N_ELEMENTS (self->fast_lru); i++)
        g_queue_init (&self->fast_lru[i]);
      charta_hub_listener_set_fast_path (self->listener, fast_cb, self);
    }
  return TRUE;
}

char *
charta_hub_server_get_url (ChartaHubServer *self)
{
  g_return_val_if_fail (CHARTA_IS_HUB_SERVER (self) && self->listener != NULL, NULL);

  return charta_hub_listener_get_url (self->listener);
}
