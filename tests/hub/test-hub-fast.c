/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hub's fast path (src/hub/charta-hub-fast.h) on raw kept-alive connections to the
 * real hub on 127.0.0.1: for each route it answers, its answer is libsoup's byte for byte
 * (the Date apart), as the same hub gives it with the fast path turned off
 * (CHARTA_HUB_NO_FAST_PATH=1, the test hook); and requests it must leave to libsoup —
 * split across packets, pipelined, a huge header, HEAD, a wrong or revoked token, an
 * ended session, Connection: close — are answered as without it. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "hub-fixture.h"

#define CITY_A "11111111-1111-4111-8111-111111111111"
#define ITEM "charter.commitment.policymaker.1"

typedef struct {
  HubFixture hub;
  char *token;        /* city A's */
  char *reader;
  char *cookie;       /* "charta-session=…": the reader's session */
} Fast;

static char *
run_hub (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CHARTA_HUB_BIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return g_strdup (g_strstrip (out));
}

static void
sign_in (Fast *t)
{
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u", t->hub.port);
  g_autofree char *form = g_strconcat ("token=", t->reader, NULL);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(SoupMessageHeaders) headers = NULL;
  const char *request_headers[] = { "Origin", origin, NULL };
  const char *cookie;

  g_assert_cmpuint (hub_request (&t->hub, "POST", "/login", NULL, body, request_headers, NULL, &headers), ==, 303);
  cookie = soup_message_headers_get_one (headers, "Set-Cookie");
  g_assert_nonnull (cookie);
  g_free (t->cookie);
  t->cookie = g_strndup (cookie, strcspn (cookie, ";"));
}

/* City A's report: stored the first time, found unchanged after. */
static void
put_report (Fast *t)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, "City A");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  guint status = hub_request (&t->hub, "PUT", path, t->token, body, NULL, NULL, NULL);

  g_assert_true (status == 200 || status == 201);
}

static void
fast_setup (Fast *t, gconstpointer data)
{
  const char *reader[] = { "token", "add", NULL, "--reader", "--name", "Network secretariat", NULL };

  hub_fixture_setup (&t->hub, FALSE);
  hub_start (&t->hub, 0, NULL, 0);
  t->token = hub_token_add (&t->hub, CITY_A);
  reader[2] = t->hub.store_option;
  t->reader = run_hub (reader);
  sign_in (t);
  put_report (t);
}

static void
fast_teardown (Fast *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
  g_free (t->token);
  g_free (t->reader);
  g_free (t->cookie);
}

/* ---- raw connections ---- */

/* One answer, head and body (none for HEAD), exactly as sent; "" when the hub closed the
 * connection before any byte of it. */
static char *
read_answer (GSocket *socket, gboolean head_only)
{
  GString *answer = g_string_new (NULL);
  gsize head_end = 0, length = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char c;
      gssize n;

      if (head_end != 0 && answer->len == head_end + length)
        return g_string_free (answer, FALSE);
      n = g_socket_receive (socket, &c, 1, NULL, &error);
      if (n == 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        {
          g_assert_cmpuint (head_end, ==, 0);
          g_assert_cmpuint (answer->len, ==, 0);
          return g_string_free (answer, FALSE);
        }
      g_assert_no_error (error);
      g_string_append_c (answer, c);
      if (head_end == 0 && g_str_has_suffix (answer->str, "\r\n\r\n"))
        {
          const char *cl = strstr (answer->str, "\r\nContent-Length: ");

          head_end = answer->len;
          length = cl != NULL && !head_only ? g_ascii_strtoull (cl + strlen ("\r\nContent-Length: "), NULL, 10) : 0;
        }
    }
}

/* @answer with its Date header's value blanked. */
static char *
without_date (const char *answer)
{
  g_autoptr(GString) out = g_string_new (answer);
  const char *date = strstr (out->str, "\r\nDate: ");
  gsize start, end;

  g_assert_nonnull (date);
  start = date - out->str + strlen ("\r\nDate: ");
  end = strstr (out->str + start, "\r\n") - out->str;
  g_string_erase (out, start, end - start);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
status_of (const char *answer)
{
  return g_str_has_prefix (answer, "HTTP/1.") ? (guint) g_ascii_strtoull (answer + 9, NULL, 10) : 0;
}

static guint64
fast_answers (Fast *t)
{
  return hub_metric (&t->hub, "charta_hub_fast_answers_total");
}

/* A GET of @target as a browser or charta-cli sends it, with @extra header lines. */
static char *
get_request (Fast *t, const char *method, const char *target, const char *auth, const char *extra)
{
  return g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUser-Agent: test-hub-fast\r\n%s%s%s%s\r\n",
                          method, target, t->hub.port, auth ? auth : "", auth ? "\r\n" : "", extra ? extra : "",
                          extra ? "\r\n" : "");
}

typedef struct {
  const char *target;
  gboolean bearer;     /* the city's token; else the reader's session cookie */
  const char *extra;
} Route;

static const Route routes[] = {
  { "/api/v1/network/summary?period=2024", TRUE, NULL },
  { "/", FALSE, NULL },
  { "/", FALSE, "Accept-Encoding: gzip, deflate\r\nAccept-Language: fr-FR,fr;q=0.9" },
  { "/city/" CITY_A, FALSE, "Accept-Language: de" },
  { "/item/" ITEM, FALSE, NULL },
  { "/item/" ITEM "?period=2024", FALSE, "If-None-Match: \"x\"\r\nConnection: keep-alive" },
  { "/api/v1/network/summary?period=2024", TRUE, "Connection: close" },
  { "/city/" CITY_A, FALSE, "Connection: close" },
};

static char *
route_request (Fast *t, const Route *route)
{
  g_autofree char *auth = route->bearer ? g_strconcat ("Authorization: Bearer ", t->token, NULL)
                                        : g_strconcat ("Cookie: ", t->cookie, NULL);

  return get_request (t, "GET", route->target, auth, route->extra);
}

/* Three times each route on one kept-alive connection: libsoup answers the first, the
 * fast path the others (or libsoup again, with CHARTA_HUB_NO_FAST_PATH=1). Returns the
 * last answers, dates blanked. */
static GPtrArray *
answers_of_routes (Fast *t, guint64 expect_fast)
{
  GPtrArray *answers = g_ptr_array_new_with_free_func (g_free);
  guint64 before = fast_answers (t);

  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      g_autoptr(GSocket) socket = NULL;
      g_autofree char *request = route_request (t, &routes[r]);
      g_autofree char *first = NULL;
      gboolean close = routes[r].extra != NULL && strstr (routes[r].extra, "Connection: close") != NULL;

      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *answer = NULL;

          /* Connection: close: a connection each, the first request of which the fast
           * path answers too. */
          if (close || socket == NULL)
            {
              g_clear_object (&socket);
              socket = hub_connect_raw (&t->hub, 0);
            }
          hub_send_text (socket, request);
          answer = read_answer (socket, FALSE);
          if (close)
            {
              g_autofree char *after = read_answer (socket, FALSE);

              g_assert_cmpstr (after, ==, "");
            }
          g_test_message ("%s #%u: %.60s", routes[r].target, i, answer);
          g_assert_cmpuint (status_of (answer), ==, 200);
          if (i == 0)
            first = without_date (answer);
          else
            g_assert_cmpstr (without_date (answer), ==, first);
          if (i == 2)
            g_ptr_array_add (answers, without_date (answer));
          /* libsoup answered: the hub takes the connection back once it is idle. */
          if (i == 0)
            g_usleep (100 * 1000);
        }
    }
  g_assert_cmpuint (fast_answers (t) - before, ==, expect_fast * G_N_ELEMENTS (routes));
  return answers;
}

/* Each route's answer from the fast path equals libsoup's: on the same connection, and
 * from the same hub and data with the fast path turned off. */
static void
test_same_answers (Fast *t, gconstpointer data)
{
  g_autoptr(GPtrArray) fast = answers_of_routes (t, 2);
  g_autoptr(GPtrArray) slow = NULL;

  hub_kill (&t->hub, SIGTERM);
  g_setenv ("CHARTA_HUB_NO_FAST_PATH", "1", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_NO_FAST_PATH");
  sign_in (t);
  slow = answers_of_routes (t, 0);
  for (guint r = 0; r < fast->len; r++)
    g_assert_cmpstr (g_ptr_array_index (fast, r), ==, g_ptr_array_index (slow, r));
  /* The gzipped overview is gzip, the other languages translated: the keys told them apart. */
  g_assert_nonnull (strstr (g_ptr_array_index (fast, 2), "\r\nContent-Encoding: gzip\r\n"));
  g_assert_null (strstr (g_ptr_array_index (fast, 1), "\r\nContent-Encoding: gzip\r\n"));
}

/* ---- requests the fast path leaves to libsoup ---- */

static void
add_answer (GString *transcript, const char *what, const char *answer)
{
  g_autofree char *plain = *answer ? without_date (answer) : g_strdup ("(closed)");

  g_string_append_printf (transcript, "== %s\n%s\n", what, plain);
}

/* Sends @request on @socket and adds the answer to @transcript. */
static guint
exchange (GSocket *socket, const char *request, gboolean head, GString *transcript, const char *what)
{
  g_autofree char *answer = NULL;

  hub_send_text (socket, request);
  answer = read_answer (socket, head);
  add_answer (transcript, what, answer);
  return status_of (answer);
}

/* Every odd request, in order, on a hub; the answers, dates blanked. */
static char *
odd_transcript (Fast *t)
{
  GString *transcript = g_string_new (NULL);
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *cookie = g_strconcat ("Cookie: ", t->cookie, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  g_autofree char *page = get_request (t, "GET", "/", cookie, NULL);
  g_autofree char *first = NULL;

  /* Split across packets, after a first answer (which the fast path keeps). */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    gsize half = strlen (summary) / 2;
    g_autofree char *answer = NULL;

    g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "summary"), ==, 200);
    g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "summary again"), ==, 200);
    hub_send_text (socket, first = g_strndup (summary, half));
    g_usleep (200 * 1000);
    hub_send_text (socket, summary + half);
    answer = read_answer (socket, FALSE);
    add_answer (transcript, "split", answer);
    g_assert_cmpuint (status_of (answer), ==, 200);
    /* And the connection goes on. */
    g_assert_cmpuint (exchange (socket, page, FALSE, transcript, "page"), ==, 200);
  }
  /* Pipelined: three requests in one packet, among them one the fast path does not take. */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    g_autofree char *health = get_request (t, "GET", "/api/v1/health", NULL, NULL);
    g_autofree char *three = g_strconcat (summary, health, page, NULL);

    g_assert_cmpuint (exchange (socket, page, FALSE, transcript, "page"), ==, 200);
    hub_send_text (socket, three);
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *answer = read_answer (socket, FALSE);

        add_answer (transcript, "pipelined", answer);
        g_assert_cmpuint (status_of (answer), ==, 200);
      }
  }
  /* Headers the fast path does not read, or not in that form; HEAD; HTTP/1.0. */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    g_autofree char *agent = g_strnfill (6000, 'a');
    g_autofree char *huge_line = g_strconcat ("X-Long: ", agent, NULL);
    const char *extras[] = { huge_line, "X-Unknown: 1", "Accept-Language:  fr \t", "Accept-Encoding: gzip\r\nAccept-Encoding: br",
                             "Content-Length: 0", "Origin: http://example.org" };
    g_autofree char *head_summary = get_request (t, "HEAD", "/api/v1/network/summary?period=2024", bearer, NULL);
    g_autofree char *head_page = get_request (t, "HEAD", "/", cookie, NULL);
    g_autofree char *old = g_strdup_printf ("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n%s\r\nConnection: keep-alive\r\n\r\n",
                                            cookie);

    for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
      {
        g_autofree char *request = get_request (t, "GET", "/", cookie, extras[i]);

        g_assert_cmpuint (exchange (socket, request, FALSE, transcript, "extra header"), ==, 200);
      }
    g_assert_cmpuint (exchange (socket, head_summary, TRUE, transcript, "HEAD summary"), ==, 405);
    socket = (g_object_unref (socket), hub_connect_raw (&t->hub, 0));
    g_assert_cmpuint (exchange (socket, page, FALSE, transcript, "page"), ==, 200);
    g_assert_cmpuint (exchange (socket, head_page, TRUE, transcript, "HEAD page"), ==, 200);
    g_assert_cmpuint (exchange (socket, old, FALSE, transcript, "HTTP/1.0"), ==, 200);
  }
  /* A wrong token; Connection: close. */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    g_autofree char *wrong = get_request (t, "GET", "/api/v1/network/summary?period=2024",
                                          "Authorization: Bearer chub_wrong", NULL);
    g_autofree char *closing = get_request (t, "GET", "/", cookie, "Connection: close");

    g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "summary"), ==, 200);
    g_assert_cmpuint (exchange (socket, wrong, FALSE, transcript, "wrong token"), ==, 401);
    socket = (g_object_unref (socket), hub_connect_raw (&t->hub, 0));
    g_assert_cmpuint (exchange (socket, page, FALSE, transcript, "page"), ==, 200);
    g_assert_cmpuint (exchange (socket, closing, FALSE, transcript, "Connection: close"), ==, 200);
    add_answer (transcript, "after close", read_answer (socket, FALSE));
    /* Again, on new connections: the fast path answers and closes them. */
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GSocket) again = hub_connect_raw (&t->hub, 0);

        g_assert_cmpuint (exchange (again, closing, FALSE, transcript, "Connection: close"), ==, 200);
        add_answer (transcript, "after close", read_answer (again, FALSE));
      }
  }
  /* A slow reader: thirty pages asked for at once, read later, each whole. */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 4096);
    GString *thirty = g_string_new (NULL);

    g_assert_cmpuint (exchange (socket, page, FALSE, transcript, "page"), ==, 200);
    for (guint i = 0; i < 30; i++)
      g_string_append (thirty, page);
    hub_send_text (socket, thirty->str);
    g_string_free (thirty, TRUE);
    g_usleep (300 * 1000);
    for (guint i = 0; i < 30; i++)
      {
        g_autofree char *answer = read_answer (socket, FALSE);

        add_answer (transcript, "slow reader", answer);
        g_assert_cmpuint (status_of (answer), ==, 200);
      }
  }
  return g_string_free (transcript, FALSE);
}

/* A token revoked by another process, a session ended by signing out: the next request
 * on a kept-alive connection that the fast path answered before is refused. */
static char *
ended_transcript (Fast *t)
{
  GString *transcript = g_string_new (NULL);
  g_autofree char *token = hub_token_add (&t->hub, CITY_A);
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", token, NULL);
  g_autofree char *cookie = g_strconcat ("Cookie: ", t->cookie, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  g_autofree char *page = get_request (t, "GET", "/city/" CITY_A, cookie, NULL);
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u", t->hub.port);
  const char *logout_headers[] = { "Origin", origin, "Cookie", t->cookie, NULL };
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autoptr(GSocket) browser = hub_connect_raw (&t->hub, 0);
  g_autofree char *list = NULL;
  g_autofree char *id = NULL;
  const char *revoke[] = { "token", "revoke", t->hub.store_option, NULL, NULL };
  g_autofree char *revoked = NULL;
  char *line;

  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "summary"), ==, 200);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (exchange (browser, page, FALSE, transcript, "page"), ==, 200);
  /* Signed out (the data version unchanged). */
  g_assert_cmpuint (hub_request (&t->hub, "POST", "/logout", NULL, NULL, logout_headers, NULL, NULL), ==, 303);
  g_assert_cmpuint (exchange (browser, page, FALSE, transcript, "signed out"), ==, 303);
  /* The newest token is the last listed: its id is the line's first field. */
  {
    const char *list_args[] = { "token", "list", t->hub.store_option, NULL };

    list = run_hub (list_args);
    line = strrchr (list, '\n') ? strrchr (list, '\n') + 1 : list;
    id = g_strndup (line, strspn (line, "0123456789"));
    revoke[3] = id;
    revoked = run_hub (revoke);
  }
  g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "revoked"), ==, 401);
  return g_string_free (transcript, FALSE);
}

/* The same requests, the same answers, with and without the fast path. */
static void
test_odd_requests (Fast *t, gconstpointer data)
{
  g_autofree char *fast = NULL, *fast_ended = NULL, *slow = NULL, *slow_ended = NULL;
  guint64 before = fast_answers (t);

  fast = odd_transcript (t);
  fast_ended = ended_transcript (t);
  /* The fast path answered some of them. */
  g_assert_cmpuint (fast_answers (t), >, before + 30);
  hub_kill (&t->hub, SIGTERM);
  g_setenv ("CHARTA_HUB_NO_FAST_PATH", "1", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_NO_FAST_PATH");
  sign_in (t);
  slow = odd_transcript (t);
  slow_ended = ended_transcript (t);
  g_assert_cmpuint (fast_answers (t), ==, 0);
  g_assert_cmpstr (fast, ==, slow);
  g_assert_cmpstr (fast_ended, ==, slow_ended);
}

/* The fast path leaves the connection's last request (the 1000th) to libsoup, which says
 * Connection: close and closes it. */
static void
test_last_request (Fast *t, gconstpointer data)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  g_autofree char *after = NULL;
  const char *no_limits[] = { "--rate-limit", "0", "--address-rate-limit", "0", NULL };
  guint64 before;

  hub_kill (&t->hub, SIGTERM);
  hub_start (&t->hub, 0, no_limits, 0);
  g_clear_object (&socket);
  socket = hub_connect_raw (&t->hub, 0);
  g_free (summary);
  summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  before = fast_answers (t);
  for (guint i = 1; i <= 1000; i++)
    {
      g_autofree char *answer = NULL;

      hub_send_text (socket, summary);
      answer = read_answer (socket, FALSE);
      g_assert_cmpuint (status_of (answer), ==, 200);
      g_assert_cmpint (strstr (answer, "\r\nConnection: close\r\n") != NULL, ==, i == 1000);
      /* libsoup answered: the hub takes the connection back once it is idle. */
      if (i == 1)
        g_usleep (100 * 1000);
    }
  after = read_answer (socket, FALSE);
  g_assert_cmpstr (after, ==, "");
  g_assert_cmpuint (fast_answers (t) - before, ==, 998);
}

/* Summaries asked for on a kept-alive connection until the token's rate (120 a minute)
 * refuses one: how many were answered; the refusal closes the connection. */
static guint
answered_until_refused (Fast *t)
{
  g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *answer = NULL;

      hub_send_text (socket, summary);
      answer = read_answer (socket, FALSE);
      if (status_of (answer) == 429)
        {
          g_autofree char *after = read_answer (socket, FALSE);

          g_assert_nonnull (strstr (answer, "\"rate-limited\""));
          g_assert_nonnull (strstr (answer, "\r\nRetry-After: "));
          g_assert_cmpstr (after, ==, "");
          return i;
        }
      g_assert_cmpuint (status_of (answer), ==, 200);
      /* The first may be libsoup's (the token not yet known to the fast path): the hub
       * takes the connection back once it is idle, not while the next request races in. */
      if (i == 0)
        g_usleep (100 * 1000);
    }
  g_assert_not_reached ();
}

/* The token's rate counts the fast path's answers as libsoup's. */
static void
test_rate_limit (Fast *t, gconstpointer data)
{
  guint fast, slow;

  fast_answers (t);
  fast = answered_until_refused (t);
  g_assert_cmpuint (fast_answers (t), >, 100);
  hub_kill (&t->hub, SIGTERM);
  g_setenv ("CHARTA_HUB_NO_FAST_PATH", "1", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_NO_FAST_PATH");
  /* The same requests before as in fast_setup(): a sign-in and a PUT (which the token's
   * rate counts: the report is found unchanged). */
  sign_in (t);
  put_report (t);
  fast_answers (t);
  slow = answered_until_refused (t);
  g_test_message ("answered before the token's rate refused: %u with the fast path, %u without", fast, slow);
  /* The bucket refills at 2 a second while the loop runs. */
  g_assert_cmpuint (fast, >=, 118);
  g_assert_cmpuint (fast, <=, 121);
  g_assert_cmpuint (slow, >=, 118);
  g_assert_cmpuint (slow, <=, 121);
}

/* A connection the fast path answered on is closed at the idle timeout, as libsoup's are;
 * and the access log has the fast path's requests as libsoup's. */
static void
test_idle_and_log (Fast *t, gconstpointer data)
{
  const char *extra[] = { "--idle-timeout", "1", "--access-log", NULL };
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *summary = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *logged = g_ptr_array_new_with_free_func (g_free);
  gint64 start;

  hub_kill (&t->hub, SIGTERM);
  t->hub.log = g_build_filename (t->hub.dir, "hub.log", NULL);
  hub_start (&t->hub, 0, extra, 0);
  summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  socket = hub_connect_raw (&t->hub, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *answer = NULL;

      hub_send_text (socket, summary);
      answer = read_answer (socket, FALSE);
      g_assert_cmpuint (status_of (answer), ==, 200);
      /* libsoup answered: the hub takes the connection back once it is idle. */
      if (i == 0)
        g_usleep (100 * 1000);
    }
  g_assert_cmpuint (fast_answers (t), ==, 2);
  start = g_get_monotonic_time ();
  after = read_answer (socket, FALSE);
  g_assert_cmpstr (after, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  hub_kill (&t->hub, SIGTERM);
  {
    g_autofree char *text = NULL;

    g_file_get_contents (t->hub.log, &text, NULL, &error);
    g_assert_no_error (error);
    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], "route=network.summary") != NULL)
      {
        /* Everything but the time and the duration. */
        g_autoptr(GRegex) varying = g_regex_new ("time=\\S+ |duration_ms=\\S+ ", 0, 0, NULL);

        g_ptr_array_add (logged, g_regex_replace_literal (varying, lines[i], -1, 0, "", 0, NULL));
      }
  g_assert_cmpuint (logged->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (logged, 1), ==, g_ptr_array_index (logged, 0));
  g_assert_cmpstr (g_ptr_array_index (logged, 2), ==, g_ptr_array_index (logged, 0));
  g_ptr_array_unref (logged);
}

/* The hub's /metrics, as text. */
static char *
metrics_text (Fast *t)
{
  g_autoptr(GBytes) metrics = NULL;

  g_assert_cmpuint (hub_request (&t->hub, "GET", "/metrics", NULL, NULL, NULL, &metrics, NULL), ==, 200);
  return g_strndup (g_bytes_get_data (metrics, NULL), g_bytes_get_size (metrics));
}

/* Ends @socket with a reset (SO_LINGER 0), as a client killed mid-request does. */
static void
reset_connection (GSocket *socket)
{
  struct linger linger = { 1, 0 };

  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger), ==, 0);
  g_socket_close (socket, NULL);
}

/* A client's going away is never a 500 (issue 16): clients that leave mid-request (a
 * report's body cut short, answers not read) and kept-alive connections over the
 * token's rate, at once. Every answer sent is a 200 or a 429 with Retry-After; /metrics
 * has no 5xx and counts the requests left unanswered as aborted; the log has no
 * warning. With the fast path and without (libsoup's path). */
static void
client_gone_round (Fast *t, gboolean fast)
{
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  g_autofree char *put = get_request (t, "PUT", "/api/v1/reports/" CITY_A, bearer,
                                      "Content-Type: application/json\r\nContent-Length: 5000");
  g_autofree char *log = NULL, *metrics = NULL;
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint ok = 0, refused = 0;

  g_free (t->hub.log);
  t->hub.log = g_build_filename (t->hub.dir, fast ? "fast.log" : "slow.log", NULL);
  if (t->hub.hub != NULL)
    hub_kill (&t->hub, SIGTERM);
  if (!fast)
    g_setenv ("CHARTA_HUB_NO_FAST_PATH", "1", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_NO_FAST_PATH");
  /* A report's upload cut short: its headers and part of its body, then the end. */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    g_autofree char *start = g_strconcat (put, "{\"format\": \"charta-report\", ", NULL);

    hub_send_text (socket, start);
    g_usleep (200 * 1000);
    g_socket_close (socket, NULL);
  }
  /* Twelve clients ask for the summary 30 times each, all at once, kept alive: 360
   * requests over the token's 120 a minute. */
  for (guint i = 0; i < 12; i++)
    {
      GSocket *socket = hub_connect_raw (&t->hub, 0);
      g_autoptr(GString) thirty = g_string_new (NULL);

      for (guint j = 0; j < 30; j++)
        g_string_append (thirty, summary);
      hub_send_text (socket, thirty->str);
      g_ptr_array_add (sockets, socket);
    }
  for (guint i = 0; i < sockets->len; i++)
    for (;;)
      {
        g_autofree char *answer = read_answer (g_ptr_array_index (sockets, i), FALSE);
        guint status = status_of (answer);

        if (status == 0)
          break;
        g_assert_true (status == 200 || status == 429);
        if (status == 429)
          g_assert_nonnull (strstr (answer, "\r\nRetry-After: "));
        if (status == 429)
          refused++;
        else
          ok++;
        /* A third of the clients go away after their first answer, with requests unanswered. */
        if (i % 3 == 1)
          {
            reset_connection (g_ptr_array_index (sockets, i));
            break;
          }
      }
  g_test_message ("%s: %u answered 200, %u refused with 429", fast ? "fast path" : "libsoup's path", ok, refused);
  g_assert_cmpuint (refused, >, 0);
  /* The hub has seen the upload's end. */
  for (guint i = 0; i < 50 && (metrics == NULL || strstr (metrics, "_aborted_total{route=\"reports.put\"} 1\n") == NULL);
       i++)
    {
      g_free (metrics);
      g_usleep (100 * 1000);
      metrics = metrics_text (t);
    }
  g_test_message ("%s", metrics);
  g_assert_null (strstr (metrics, ",status=\"5"));
  g_assert_nonnull (strstr (metrics, "charta_hub_requests_aborted_total{route=\"reports.put\"} 1\n"));
  g_assert_nonnull (strstr (metrics, "charta_hub_requests_total{route=\"network.summary\",status=\"429\"} "));
  g_assert_nonnull (strstr (metrics, "charta_hub_store_errors_total 0\n"));
  hub_kill (&t->hub, SIGTERM);
  g_assert_true (g_file_get_contents (t->hub.log, &log, NULL, NULL));
  g_test_message ("the hub's log: %s", log);
  g_assert_null (strstr (log, "WARNING"));
  g_assert_null (strstr (log, "status=500"));
  g_clear_pointer (&t->hub.log, g_free);
}

static void
test_client_gone (Fast *t, gconstpointer data)
{
  client_gone_round (t, TRUE);
  client_gone_round (t, FALSE);
}

/* ---- pipelined requests libsoup read ahead ---- */

/* Every answer on @socket, in order, until the hub closes it: its status line and length
 * (a stored report's answer differs from one hub to the other). */
static void
read_all (GSocket *socket, GString *transcript)
{
  for (;;)
    {
      g_autofree char *answer = read_answer (socket, FALSE);
      const char *length = strstr (answer, "\r\nContent-Length: ");

      g_string_append_printf (transcript, "== pipelined\n%.*s %.*s\n", (int) strcspn (answer, "\r"), answer,
                              length ? (int) strcspn (length + 2, "\r") : 0, length ? length + 2 : "");
      if (*answer == '\0')
        return;
    }
}

/* A, B and C pipelined on a new connection, then D (Connection: close): B is padded so
 * that libsoup's first read (8 KB) takes A and B whole, while C waits on the socket; and,
 * on another, a PUT and B in one write, C and D a moment later, while the PUT is being
 * stored. Each request is answered, in order. */
static char *
pipelined_transcript (Fast *t, gboolean slow_first)
{
  GString *transcript = g_string_new (NULL);
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  g_autofree char *a = get_request (t, "GET", "/api/v1/health", NULL, NULL);
  g_autofree char *d = get_request (t, "GET", "/api/v1/health", NULL, "Connection: close");
  g_autofree char *b = NULL, *pad = NULL, *text = NULL, *put = NULL;
  g_autoptr(ChartaProject) project = make_project (CITY_A, "City A");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  gsize pad_len;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);

      g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "warm"), ==, 200);
    }
  /* B = A with "X-Pad: …\r\n", of 8192 bytes with A. */
  pad_len = 8192 - 2 * strlen (a) - strlen ("X-Pad: \r\n");
  pad = g_strnfill (pad_len, 'x');
  {
    g_autofree char *extra = g_strconcat ("X-Pad: ", pad, NULL);

    b = get_request (t, "GET", "/api/v1/health", NULL, extra);
  }
  /* get_request adds the same headers to both: B is A plus the pad line. */
  g_assert_cmpuint (strlen (a) + strlen (b), ==, 8192);
  if (!slow_first)
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);

    text = g_strconcat (a, b, summary, d, NULL);
    hub_send_text (socket, text);
    read_all (socket, transcript);
  }
  else
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
    g_autofree char *length = g_strdup_printf ("Content-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT,
                                               g_bytes_get_size (body));
    g_autofree char *head = get_request (t, "PUT", path, bearer, length);
    g_autofree char *rest = g_strconcat (summary, d, NULL);

    g_autofree char *json = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

    put = g_strconcat (head, json, a, NULL);
    /* JSON text: no NUL in it. */
    g_assert_cmpuint (strlen (put), ==, strlen (head) + g_bytes_get_size (body) + strlen (a));
    hub_send_text (socket, put);
    /* C and D arrive while libsoup stores the report, B in its buffer. */
    g_usleep (300);
    hub_send_text (socket, rest);
    read_all (socket, transcript);
  }
  return g_string_free (transcript, FALSE);
}

/* Pipelined requests libsoup read ahead of the fast path are answered, in order, as
 * without it. */
static void
test_pipelined (Fast *t, gconstpointer data)
{
  g_autofree char *fast = NULL, *slow = NULL;

  fast = pipelined_transcript (t, GPOINTER_TO_INT (data));
  hub_kill (&t->hub, SIGTERM);
  g_setenv ("CHARTA_HUB_NO_FAST_PATH", "1", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_NO_FAST_PATH");
  slow = pipelined_transcript (t, GPOINTER_TO_INT (data));
  g_assert_cmpstr (fast, ==, slow);
}

/* ---- odd request heads on new connections ---- */

/* The summary (kept by the fast path) asked for with Hosts libsoup refuses, and short
 * request lines: each on a new connection, its answers until the hub closes it (or the
 * first, when it keeps it open). */
static char *
heads_transcript (Fast *t)
{
  GString *transcript = g_string_new (NULL);
  g_autofree char *bearer = g_strconcat ("Authorization: Bearer ", t->token, NULL);
  g_autofree char *summary = get_request (t, "GET", "/api/v1/network/summary?period=2024", bearer, NULL);
  const char *hosts[] = { "[1.2.3.4]", "[::::::::::]", "[::1]", "[127.0.0.1]:80" };
  const char *lines[] = { "GET /", "GET / ", "GET /HTTP/1.1", "GET  HTTP/1.1" };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);

      g_assert_cmpuint (exchange (socket, summary, FALSE, transcript, "warm"), ==, 200);
    }
  for (guint i = 0; i < G_N_ELEMENTS (hosts) + G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
      g_autofree char *request = NULL;
      g_autofree char *answer = NULL;

      if (i < G_N_ELEMENTS (hosts))
        request = g_strdup_printf ("GET /api/v1/network/summary?period=2024 HTTP/1.1\r\nHost: %s\r\n%s\r\n"
                                   "Connection: close\r\n\r\n", hosts[i], bearer);
      else
        request = g_strdup_printf ("%s\r\nHost: 127.0.0.1\r\n%s\r\nConnection: close\r\n\r\n",
                                   lines[i - G_N_ELEMENTS (hosts)], bearer);
      hub_send_text (socket, request);
      answer = read_answer (socket, FALSE);
      g_string_append_printf (transcript, "== %s\n%.*s\n", i < G_N_ELEMENTS (hosts) ? hosts[i] : lines[i - G_N_ELEMENTS (hosts)],
                              (int) strcspn (answer, "\r"), answer);
    }
  return g_string_free (transcript, FALSE);
}

/* Bracketed Hosts and short request lines are answered as without the fast path. */
static void
test_odd_heads (Fast *t, gconstpointer data)
{
  g_autofree char *fast = NULL, *slow = NULL;

  fast = heads_transcript (t);
  hub_kill (&t->hub, SIGTERM);
  g_setenv ("CHARTA_HUB_NO_FAST_PATH", "1", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_NO_FAST_PATH");
  slow = heads_transcript (t);
  g_test_message ("%s", slow);
  g_assert_cmpstr (fast, ==, slow);
}

/* ---- what the fast path keeps ---- */

/* With --public-overview, 300 requests for the overview with junk cookies and 300 with
 * junk queries (which the fast path can never answer again) leave the overview kept:
 * the plain GET / after them is answered by the fast path; and 300 with Accept-Language
 * values of no language the hub has are answered with the overview kept for none. */
static void
test_junk_keys (Fast *t, gconstpointer data)
{
  const char *extra[] = { "--public-overview", "--rate-limit", "0", "--address-rate-limit", "0", NULL };
  g_autofree char *plain = NULL;
  g_autoptr(GSocket) socket = NULL;
  guint64 before;

  hub_kill (&t->hub, SIGTERM);
  hub_start (&t->hub, 0, extra, 0);
  plain = get_request (t, "GET", "/", NULL, NULL);
  socket = hub_connect_raw (&t->hub, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *answer = (hub_send_text (socket, plain), read_answer (socket, FALSE));

      g_assert_cmpuint (status_of (answer), ==, 200);
      g_usleep (100 * 1000);
    }
  before = fast_answers (t);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *junk = g_strdup_printf ("Cookie: charta-session=junk%u", i);
      g_autofree char *target = g_strdup_printf ("/?junk=%u", i);
      g_autofree char *request = i < 300 ? get_request (t, "GET", "/", NULL, junk) : get_request (t, "GET", target, NULL, NULL);
      g_autofree char *answer = NULL;

      hub_send_text (socket, request);
      answer = read_answer (socket, FALSE);
      g_assert_cmpuint (status_of (answer), ==, 200);
    }
  g_assert_cmpuint (fast_answers (t), ==, before);
  /* libsoup answered: the hub takes the connection back once it is idle. */
  g_usleep (100 * 1000);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *junk = g_strdup_printf ("Accept-Language: x-junk-%u", i);
      g_autofree char *request = get_request (t, "GET", "/", NULL, junk);
      g_autofree char *answer = NULL;

      hub_send_text (socket, request);
      answer = read_answer (socket, FALSE);
      g_assert_cmpuint (status_of (answer), ==, 200);
    }
  g_assert_cmpuint (fast_answers (t), ==, before + 300);
  before += 300;
  g_clear_object (&socket);
  socket = hub_connect_raw (&t->hub, 0);
  {
    g_autofree char *answer = (hub_send_text (socket, plain), read_answer (socket, FALSE));

    g_assert_cmpuint (status_of (answer), ==, 200);
  }
  g_assert_cmpuint (fast_answers (t), ==, before + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/hub/fast/same-answers", Fast, NULL, fast_setup, test_same_answers, fast_teardown);
  g_test_add ("/hub/fast/odd-requests", Fast, NULL, fast_setup, test_odd_requests, fast_teardown);
  g_test_add ("/hub/fast/last-request", Fast, NULL, fast_setup, test_last_request, fast_teardown);
  g_test_add ("/hub/fast/rate-limit", Fast, NULL, fast_setup, test_rate_limit, fast_teardown);
  g_test_add ("/hub/fast/idle-and-log", Fast, NULL, fast_setup, test_idle_and_log, fast_teardown);
  g_test_add ("/hub/fast/client-gone", Fast, NULL, fast_setup, test_client_gone, fast_teardown);
  g_test_add ("/hub/fast/pipelined-8k", Fast, GINT_TO_POINTER (FALSE), fast_setup, test_pipelined, fast_teardown);
  g_test_add ("/hub/fast/pipelined-slow", Fast, GINT_TO_POINTER (TRUE), fast_setup, test_pipelined, fast_teardown);
  g_test_add ("/hub/fast/odd-heads", Fast, NULL, fast_setup, test_odd_heads, fast_teardown);
  g_test_add ("/hub/fast/junk-keys", Fast, NULL, fast_setup, test_junk_keys, fast_teardown);
  return g_test_run ();
}
