/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hub against clients that hold on, on raw sockets on 127.0.0.1: out of file
 * descriptors, over the connection caps, slow headers and bodies, kept-alive connections
 * (many requests on one, idle ones, thousands closed by their clients), a TLS client that
 * never says hello, and requests framed two ways. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "hub-fixture.h"

#define CITY_A "11111111-1111-4111-8111-111111111111"

typedef struct {
  HubFixture hub;
  char *token;
} Limits;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* charta-hub serve under `ulimit -n @nofile`, as the fixture's hub_start otherwise does. */
static void
start_with_ulimit (Limits *t, guint nofile, const char *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *script = g_strdup_printf ("ulimit -n %u && exec \"$0\" serve --listen=127.0.0.1:0 \"$1\" %s",
                                             nofile, extra);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log = g_build_filename (t->hub.dir, "hub.log", NULL);
  const char *url;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  t->hub.hub = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", script, g_getenv ("CHARTA_HUB_BIN"),
                                            t->hub.store_option, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (t->hub.hub));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "listening on ");
  g_assert_nonnull (url);
  t->hub.url = g_strdup (url + strlen ("listening on "));
  t->hub.port = (guint16) g_ascii_strtoull (strrchr (t->hub.url, ':') + 1, NULL, 10);
}

static void
limits_setup (Limits *t, gconstpointer data)
{
  const char * const *extra = data;

  hub_fixture_setup (&t->hub, extra != NULL && extra[0] != NULL && strcmp (extra[0], "tls") == 0);
  if (extra != NULL && extra[0] != NULL && strcmp (extra[0], "ulimit") == 0)
    return;
  hub_start (&t->hub, 0, t->hub.tls ? extra + 1 : extra, 0);
  t->token = hub_token_add (&t->hub, CITY_A);
}

static void
limits_teardown (Limits *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
  g_free (t->token);
}

/* Everything the hub sends until it closes the connection; NULL when it has not closed
 * it within the socket's timeout. */
static char *
read_to_close (GSocket *socket)
{
  GString *answer = g_string_new (NULL);
  char buf[4096];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);

      if (n == 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        return g_string_free (answer, FALSE);
      if (n < 0)
        {
          g_test_message ("read: %s", error->message);
          g_string_free (answer, TRUE);
          return NULL;
        }
      g_string_append_len (answer, buf, n);
    }
}

/* How long the hub takes to close a connection on which @text was sent (NULL: nothing). */
static double
seconds_until_closed (Limits *t, const char *text)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autofree char *answer = NULL;
  gint64 start = g_get_monotonic_time ();

  if (text != NULL)
    hub_send_text (socket, text);
  answer = read_to_close (socket);
  g_assert_nonnull (answer);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The status lines of every answer in @answer. */
static guint
count_answers (const char *answer)
{
  guint n = 0;

  for (const char *p = answer; (p = strstr (p, "HTTP/1.1 ")) != NULL; p++)
    n++;
  return n;
}

static gboolean
socket_byte (gpointer source, char *c)
{
  return g_socket_receive (source, c, 1, NULL, NULL) == 1;
}

static gboolean
stream_byte (gpointer source, char *c)
{
  return g_input_stream_read (source, c, 1, NULL, NULL) == 1;
}

/* Reads one answer (headers and a Content-Length body) a byte at a time, so that nothing
 * of the next answer is read with it; NULL at end of file or timeout. */
static char *
read_answer_with (gboolean (*read_byte) (gpointer source, char *c), gpointer source)
{
  GString *answer = g_string_new (NULL);
  char c;

  for (;;)
    {
      const char *end = strstr (answer->str, "\r\n\r\n"), *length;

      if (end != NULL && (length = strstr (answer->str, "Content-Length: ")) != NULL && length < end)
        {
          gsize want = (gsize) (end + 4 - answer->str) + g_ascii_strtoull (length + 16, NULL, 10);

          if (answer->len >= want)
            return g_string_free (answer, FALSE);
        }
      if (!read_byte (source, &c))
        {
          g_string_free (answer, TRUE);
          return NULL;
        }
      g_string_append_c (answer, c);
    }
}

static char *
read_answer (GSocket *socket)
{
  return read_answer_with (socket_byte, socket);
}

/* The hub process's open file descriptors. */
static guint
hub_descriptors (Limits *t)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd", g_subprocess_get_identifier (t->hub.hub));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint
health (Limits *t)
{
  return hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL);
}

/* Whether the hub answers a health request on a new connection (a client library might
 * reuse one it kept alive from before). */
static gboolean
answers_afresh (Limits *t)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autofree char *answer = NULL;

  g_socket_set_timeout (socket, 5);
  hub_send_text (socket, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  answer = read_to_close (socket);
  return answer != NULL && g_str_has_prefix (answer, "HTTP/1.1 200 ");
}

static guint
open_connections (Limits *t)
{
  return (guint) hub_metric (&t->hub, "charta_hub_open_connections");
}

/* More connections than the hub has file descriptors, all held open, then closed: the
 * hub still answers (libsoup's own listener gave up for good at the first EMFILE). Then
 * many more, one after the other, each with a request and closed by the client after
 * the answer (or before), and 1000 kept alive for three requests each, then closed by
 * the client: none keeps its descriptor (libsoup 3.2.3 kept a kept-alive connection
 * the client closed, until the hub ran out of descriptors). */
static void
test_descriptors (Limits *t, gconstpointer data)
{
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *log_path = g_build_filename (t->hub.dir, "hub.log", NULL);
  g_autofree char *log = NULL;
  guint before;

  start_with_ulimit (t, 64, "--max-connections=1000 --max-connections-per-address=1000 --address-rate-limit=0");
  g_assert_cmpuint (health (t), ==, 200);
  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (sockets, hub_connect_raw (&t->hub, 0));
  /* Give the hub time to meet EMFILE on every queued connection. */
  g_usleep (500 * 1000);
  g_ptr_array_set_size (sockets, 0);
  g_usleep (500 * 1000);
  for (guint i = 0; i < 5; i++)
    g_assert_true (answers_afresh (t));

  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
      char buf[64];

      hub_send_text (socket, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      if (i % 2 == 0)
        g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
    }
  g_usleep (500 * 1000);
  g_assert_true (answers_afresh (t));
  before = hub_descriptors (t);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);

      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *answer = NULL;

          hub_send_text (socket, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
          answer = read_answer (socket);
          g_assert_nonnull (answer);
          if (!g_str_has_prefix (answer, "HTTP/1.1 200 "))
            g_error ("connection %u, request %u: %s", i, j, answer);
        }
    }
  g_usleep (500 * 1000);
  g_test_message ("hub descriptors: %u before 1000 kept-alive connections, %u after", before, hub_descriptors (t));
  g_assert_cmpuint (hub_descriptors (t), <=, before);
  g_assert_true (answers_afresh (t));
  /* Only the connection asking counts. */
  g_assert_cmpuint (open_connections (t), <=, 2);
  /* And running out of descriptors was logged. */
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "event=connection-shed"));
}

static void
test_caps (Limits *t, gconstpointer data)
{
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) over = NULL;
  g_autofree char *answer = NULL;

  /* The hub was started with --max-connections-per-address=4, or --max-connections=4. */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (sockets, hub_connect_raw (&t->hub, 0));
  over = hub_connect_raw (&t->hub, 0);
  answer = read_to_close (over);
  g_assert_nonnull (answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 503 "));
  g_assert_nonnull (strstr (answer, "\"code\": \"busy\""));
  g_ptr_array_set_size (sockets, 0);
  /* Closed connections count no longer (the hub notices within a quarter second). */
  g_usleep (600 * 1000);
  g_assert_cmpuint (health (t), ==, 200);
}

static void
test_header_timeout (Limits *t, gconstpointer data)
{
  /* The hub was started with --header-timeout=1 --body-timeout=1. */
  double silent = seconds_until_closed (t, NULL);
  double partial = seconds_until_closed (t, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  double body = seconds_until_closed (t, "PUT /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         "Content-Length: 100\r\n\r\n{\"a\":");

  g_test_message ("closed after %.2f s (silent), %.2f s (half a header), %.2f s (half a body)", silent, partial, body);
  g_assert_cmpfloat (silent, <, 3.0);
  g_assert_cmpfloat (partial, <, 3.0);
  g_assert_cmpfloat (body, <, 3.0);
  g_assert_cmpuint (health (t), ==, 200);
}

/* A kept-alive connection carries request after request, up to the hub's limit
 * (CHARTA_HUB_DEFAULT_MAX_REQUESTS), whose answer closes it; pipelined requests are not
 * left waiting. */
static void
test_keep_alive (Limits *t, gconstpointer data)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autoptr(GSocket) pipelined = hub_connect_raw (&t->hub, 0);
  g_autofree char *rest = NULL, *answer = NULL;
  g_autofree char *request = g_strdup_printf ("GET /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Authorization: Bearer %s\r\n\r\n", t->token);
  gint64 start;

  for (guint i = 1; i <= 1000; i++)
    {
      g_autofree char *one = NULL;

      /* A page and the API in turn, and a refusal that keeps the connection. */
      hub_send_text (socket, i % 3 == 0 ? "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                         : i % 3 == 1 ? request : "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      one = read_answer (socket);
      g_assert_nonnull (one);
      g_assert_true (g_str_has_prefix (one, i % 3 == 2 ? "HTTP/1.1 404 " : "HTTP/1.1 200 "));
      if (i < 1000)
        g_assert_null (strstr (one, "Connection: close\r\n"));
      else
        g_assert_nonnull (strstr (one, "Connection: close\r\n"));
    }
  rest = read_to_close (socket);
  g_assert_cmpstr (rest, ==, "");

  /* Two requests in one write: both answered, or the first and the connection closed. */
  hub_send_text (pipelined, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  start = g_get_monotonic_time ();
  answer = read_to_close (pipelined);
  g_assert_nonnull (answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 "));
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, <, 1.0);
  g_assert_cmpuint (health (t), ==, 200);
}

/* An idle kept-alive connection is closed after --idle-timeout, and one that is over a
 * cap gives way to a new connection. */
static void
test_idle_timeout (Limits *t, gconstpointer data)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autofree char *answer = NULL, *rest = NULL;
  gint64 start;
  double idle;

  hub_send_text (socket, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  answer = read_answer (socket);
  g_assert_nonnull (answer);
  start = g_get_monotonic_time ();
  rest = read_to_close (socket);
  idle = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("an idle kept-alive connection closed after %.2f s", idle);
  g_assert_cmpstr (rest, ==, "");
  g_assert_cmpfloat (idle, >, 0.7);
  g_assert_cmpfloat (idle, <, 3.0);
}

static void
test_idle_gives_way (Limits *t, gconstpointer data)
{
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  /* The hub was started with --max-connections-per-address=4: four idle connections. */
  for (guint i = 0; i < 4; i++)
    {
      GSocket *socket = hub_connect_raw (&t->hub, 0);
      g_autofree char *answer = NULL;

      hub_send_text (socket, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      answer = read_answer (socket);
      g_assert_nonnull (answer);
      g_ptr_array_add (sockets, socket);
    }
  g_assert_true (answers_afresh (t));
  g_assert_true (answers_afresh (t));
}

static gboolean
accept_any_cb (GTlsConnection *tls, GTlsCertificate *certificate, GTlsCertificateFlags errors, gpointer data)
{
  return TRUE;
}

/* Kept-alive TLS connections (handed to libsoup anew for each request): several requests
 * on one, then 150 of them closed by their client, and the hub's descriptors do not grow. */
static void
test_tls_keep_alive (Limits *t, gconstpointer data)
{
  static const char request[] = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  guint before = 0;

  for (guint i = 0; i < 151; i++)
    {
      g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
      g_autoptr(GSocketConnection) base = g_socket_connection_factory_create_connection (socket);
      g_autoptr(GError) error = NULL;
      g_autoptr(GIOStream) tls = g_tls_client_connection_new (G_IO_STREAM (base), NULL, &error);

      g_assert_no_error (error);
      g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_any_cb), NULL);
      for (guint j = 0; j < (i == 0 ? 5 : 2); j++)
        {
          g_autofree char *answer = NULL;

          g_output_stream_write_all (g_io_stream_get_output_stream (tls), request, strlen (request), NULL, NULL, &error);
          g_assert_no_error (error);
          answer = read_answer_with (stream_byte, g_io_stream_get_input_stream (tls));
          g_assert_nonnull (answer);
          g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 "));
          g_assert_null (strstr (answer, "Connection: close"));
        }
      g_io_stream_close (tls, NULL, NULL);
      if (i == 0)
        {
          g_usleep (300 * 1000);
          before = hub_descriptors (t);
        }
    }
  g_usleep (500 * 1000);
  g_test_message ("hub descriptors: %u before 150 kept-alive TLS connections, %u after", before, hub_descriptors (t));
  g_assert_cmpuint (hub_descriptors (t), <=, before);
}

static void
test_tls_no_hello (Limits *t, gconstpointer data)
{
  double silent = seconds_until_closed (t, NULL);

  g_test_message ("a TLS connection without a hello closed after %.2f s", silent);
  g_assert_cmpfloat (silent, <, 3.0);
  g_assert_cmpuint (health (t), ==, 200);
}

static void
assert_refused (Limits *t, const char *request)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autofree char *answer = NULL;

  hub_send_text (socket, request);
  answer = read_to_close (socket);
  g_assert_nonnull (answer);
  g_test_message ("%s\n→ %s", request, answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 400 "));
  /* The hub's refusals say why; libsoup's own (a header it cannot parse) are empty. */
  if (strstr (answer, "Content-Length: 0\r\n") == NULL)
    g_assert_nonnull (strstr (answer, "\r\n\r\n{\n  \"error\": {"));
  /* Closed after the refusal: whatever followed was never read as a request. */
  g_assert_cmpuint (count_answers (answer), ==, 1);
}

static void
test_framing (Limits *t, gconstpointer data)
{
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s\r\n", t->token);
  g_autofree char *smuggled = g_strdup_printf ("PUT /api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba HTTP/1.1\r\n"
                                               "Host: 127.0.0.1\r\n%sContent-Length: 4\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n"
                                               "0\r\n\r\nGET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", auth);
  g_autofree char *two_lengths = g_strdup_printf ("PUT /api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1\r\n%sContent-Length: 2\r\nContent-Length: 0\r\n\r\n{}",
                                                  auth);
  g_autofree char *two_tokens = g_strdup_printf ("GET /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
                                                 "Authorization: Bearer chub_other\r\n\r\n", auth);
  const char *lengths[] = { "+5", "-1", "18446744073709551616", "0x10", " 5 5" };

  assert_refused (t, smuggled);
  assert_refused (t, two_lengths);
  assert_refused (t, two_tokens);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *request = g_strdup_printf ("PUT /api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1\r\n%sContent-Length: %s\r\n\r\n{}{}{",
                                                  auth, lengths[i]);
      assert_refused (t, request);
    }
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 0);
  g_assert_cmpuint (health (t), ==, 200);
}

int
main (int argc, char **argv)
{
  static const char * const ulimit[] = { "ulimit", NULL };
  static const char * const caps[] = { "--max-connections-per-address=4", NULL };
  static const char * const total[] = { "--max-connections=4", NULL };
  static const char * const unlimited[] = { "--rate-limit=0", "--address-rate-limit=0", NULL };
  static const char * const idle[] = { "--idle-timeout=1", NULL };
  static const char * const fast[] = { "--header-timeout=1", "--body-timeout=1", NULL };
  static const char * const tls_unlimited[] = { "tls", "--rate-limit=0", "--address-rate-limit=0", NULL };
  static const char * const tls_fast[] = { "tls", "--header-timeout=1", NULL };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, extra) g_test_add (path, Limits, extra, limits_setup, func, limits_teardown)
  ADD ("/hub/limits/descriptors", test_descriptors, ulimit);
  ADD ("/hub/limits/cap-per-address", test_caps, caps);
  ADD ("/hub/limits/cap-total", test_caps, total);
  ADD ("/hub/limits/header-body-timeout", test_header_timeout, fast);
  ADD ("/hub/limits/keep-alive", test_keep_alive, unlimited);
  ADD ("/hub/limits/idle-timeout", test_idle_timeout, idle);
  ADD ("/hub/limits/idle-gives-way", test_idle_gives_way, caps);
  ADD ("/hub/limits/tls-no-hello", test_tls_no_hello, tls_fast);
  ADD ("/hub/limits/tls-keep-alive", test_tls_keep_alive, tls_unlimited);
  ADD ("/hub/http/framing", test_framing, NULL);
#undef ADD
  return g_test_run ();
}
