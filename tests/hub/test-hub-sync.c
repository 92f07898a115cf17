/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real client (charta-cli push, outbox, sync) against the real hub over TLS on
 * 127.0.0.1: exactly-once delivery across retries, the hub killed mid-push, durability of
 * what was acknowledged, 50 pushes at once, redirects and certificates. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "charta-sync.h"
#include "hub-fixture.h"

#define CITY "33333333-3333-4333-8333-333333333333"
#define EXIT_TEMPFAIL 75

typedef struct {
  HubFixture hub;
  char *token;
  char *project_path;
  ChartaProject *project;
} Sync;

static void
sync_setup (Sync *t, gconstpointer data)
{
  hub_fixture_setup (&t->hub, TRUE);
  t->project = make_project (CITY, "Gent");
  t->project_path = save_project (&t->hub, t->project, "gent");
}

static void
sync_teardown (Sync *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
  charta_project_free (t->project);
  g_free (t->project_path);
  g_free (t->token);
}

static void
start (Sync *t, guint16 port, const char * const *extra, guint stall_ms)
{
  hub_start (&t->hub, port, extra, stall_ms);
  if (t->token == NULL)
    t->token = hub_token_add (&t->hub, CITY);
}

static int
push (Sync *t, const char *made, char **err)
{
  const char *argv[] = { "push", t->project_path, "--endpoint", t->hub.url, "--period", "2024", "--made", made, NULL };
  return run_cli (&t->hub, t->token, NULL, err, argv);
}

/* CHARTA_TOKEN goes only to the hub CHARTA_ENDPOINT names. */
static int
cli_sync (Sync *t, const char *attempts, const char *max_wait)
{
  const char *argv[] = { "sync", "--attempts", attempts, "--max-wait", max_wait, NULL };
  int status;

  g_setenv ("CHARTA_ENDPOINT", t->hub.url, TRUE);
  status = run_cli (&t->hub, t->token, NULL, NULL, argv);
  g_unsetenv ("CHARTA_ENDPOINT");
  return status;
}

static guint
outbox_size (Sync *t)
{
  g_autofree char *dir = g_build_filename (t->hub.xdg, "charta", "outbox", NULL);
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (dir);
  g_autoptr(GPtrArray) list = charta_outbox_list (outbox, NULL, NULL);

  g_assert_nonnull (list);
  return list ? list->len : G_MAXUINT;
}

/* A free port that nothing listens on, for "the hub is down". */
static guint16
reserve_port (Sync *t)
{
  guint16 port;

  port = hub_pick_port ();
  start (t, port, NULL, 0);
  hub_kill (&t->hub, SIGTERM);
  return port;
}

static void
test_push (Sync *t, gconstpointer data)
{
  g_autofree char *err = NULL;

  start (t, 0, NULL, 0);
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", NULL), ==, 0);
  /* Again, made at another time: the same revision, acknowledged again, stored once. */
  g_assert_cmpint (push (t, "2025-01-05T08:00:00Z", NULL), ==, 0);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, "2024"), ==, 1);
  g_assert_cmpuint (outbox_size (t), ==, 0);
}

static void
test_exactly_once_when_down (Sync *t, gconstpointer data)
{
  guint16 port = reserve_port (t);

  /* The hub is down: the report waits, once, however often it is pushed. */
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", NULL), ==, EXIT_TEMPFAIL);
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", NULL), ==, EXIT_TEMPFAIL);
  g_assert_cmpuint (outbox_size (t), ==, 1);
  /* Still down: sync keeps it. */
  g_assert_cmpint (cli_sync (t, "1", "2"), ==, EXIT_TEMPFAIL);
  g_assert_cmpuint (outbox_size (t), ==, 1);

  start (t, port, NULL, 0);
  g_assert_cmpint (cli_sync (t, "3", "10"), ==, 0);
  g_assert_cmpuint (outbox_size (t), ==, 0);
  g_assert_cmpint (cli_sync (t, "3", "10"), ==, 0);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 1);
}

static gboolean
report_is_stored (Sync *t, const char *id)
{
  g_autofree char *path = g_strconcat ("/api/v1/reports/", id, NULL);
  return hub_request (&t->hub, "GET", path, t->token, NULL, NULL, NULL, NULL) == 200;
}

static void
test_killed_mid_push (Sync *t, gconstpointer data)
{
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (t->project, "2024", &report);
  g_autoptr(GSubprocess) pusher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) listed = NULL, listed_after = NULL;
  const char *argv[] = { "push", t->project_path, "--endpoint", NULL, "--period", "2024",
                         "--made", "2024-12-31T12:00:00Z", NULL };
  guint16 port;

  /* The hub stores the report, then holds the answer back: killed in that window, the
   * client never hears that it was stored. */
  port = hub_pick_port ();
  start (t, port, NULL, 30000);
  argv[3] = t->hub.url;
  pusher = spawn_cli (&t->hub, t->token, argv);
  for (int i = 0; i < 500 && !report_is_stored (t, report->id); i++)
    g_usleep (10000);
  g_assert_true (report_is_stored (t, report->id));
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", t->token, NULL, NULL, &listed, NULL), ==, 200);
  hub_kill (&t->hub, SIGKILL);

  g_subprocess_wait (pusher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (pusher), ==, EXIT_TEMPFAIL);
  g_assert_cmpuint (outbox_size (t), ==, 1);

  /* Back up: the outbox delivers, the hub recognises the retry, nothing is stored twice. */
  start (t, port, NULL, 0);
  g_assert_cmpint (cli_sync (t, "3", "10"), ==, 0);
  g_assert_cmpuint (outbox_size (t), ==, 0);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 1);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", t->token, NULL, NULL, &listed_after, NULL), ==, 200);
  g_assert_true (g_bytes_equal (listed, listed_after));
}

static void
test_acknowledged_survives_sigkill (Sync *t, gconstpointer data)
{
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (t->project, "2024", &report);
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  guint16 port;

  port = hub_pick_port ();
  start (t, port, NULL, 0);
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", NULL), ==, 0);
  hub_kill (&t->hub, SIGKILL);
  start (t, port, NULL, 0);
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token, NULL, NULL, &stored, NULL), ==, 200);
  g_assert_true (g_bytes_equal (stored, body));
}

static void
test_refused (Sync *t, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autofree char *other_token = NULL;
  const char *argv[] = { "push", t->project_path, "--endpoint", NULL, "--period", "2024", NULL };

  start (t, 0, NULL, 0);
  argv[3] = t->hub.url;
  /* A token of another city: refused, the hub's message printed, nothing queued. */
  other_token = hub_token_add (&t->hub, "44444444-4444-4444-8444-444444444444");
  g_assert_cmpint (run_cli (&t->hub, other_token, NULL, &err, argv), ==, 1);
  g_assert_nonnull (strstr (err, "403"));
  g_assert_nonnull (strstr (err, "belongs to city"));
  g_assert_cmpuint (outbox_size (t), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&t->hub, "chub_not-a-token", NULL, &err, argv), ==, 1);
  g_assert_nonnull (strstr (err, "401"));
  /* No token at all is a usage error. */
  g_assert_cmpint (run_cli (&t->hub, NULL, NULL, NULL, argv), ==, 2);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 0);
}

static void
test_rate_limited (Sync *t, gconstpointer data)
{
  static const char * const slow[] = { "--rate-limit=2", NULL };
  g_autofree char *err = NULL, *out = NULL;
  const char *list[] = { "outbox", "--json", NULL };
  g_autofree char *next = NULL;
  g_autoptr(GDateTime) next_dt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  start (t, 0, slow, 0);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 0);
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", NULL), ==, 0);
  /* The third request in the minute: 429, the report waits and Retry-After is honoured. */
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", &err), ==, EXIT_TEMPFAIL);
  g_assert_nonnull (strstr (err, "429"));
  g_assert_cmpint (run_cli (&t->hub, t->token, &out, NULL, list), ==, 0);
  next = g_strdup (strstr (out, "\"next-attempt\": \"") + strlen ("\"next-attempt\": \""));
  *strchr (next, '"') = '\0';
  next_dt = g_date_time_new_from_iso8601 (next, NULL);
  g_assert_cmpint (g_date_time_difference (next_dt, now) / G_USEC_PER_SEC, >=, 15);
  /* Not due within a 2 s sync: it still waits, and the hub saw no request. */
  g_assert_cmpint (cli_sync (t, "3", "2"), ==, EXIT_TEMPFAIL);
  g_assert_cmpuint (outbox_size (t), ==, 1);
}

static void
test_concurrent (Sync *t, gconstpointer data)
{
  /* Fifty clients start at once; on a loaded 2-core machine the hub's main loop may read
   * a request's headers later than its 10 s default allows, which would be a test of the
   * machine, not of exactly-once delivery. */
  static const char * const fast[] = { "--rate-limit=100000", "--header-timeout=120", "--body-timeout=120", NULL };
  GSubprocess *procs[50];
  char *paths[50];
  char *urls[50];

  start (t, 0, fast, 0);
  for (guint i = 0; i < G_N_ELEMENTS (procs); i++)
    {
      g_autoptr(ChartaProject) project = make_project (CITY, NULL);
      g_autofree char *name = g_strdup_printf ("p%u", i);
      paths[i] = save_project (&t->hub, project, name);
      urls[i] = g_strdup (t->hub.url);
    }
  for (guint i = 0; i < G_N_ELEMENTS (procs); i++)
    {
      const char *argv[] = { "push", paths[i], "--endpoint", urls[i], "--period", "2024", NULL };
      procs[i] = spawn_cli (&t->hub, t->token, argv);
    }
  for (guint i = 0; i < G_N_ELEMENTS (procs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_subprocess_wait (procs[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (procs[i]), ==, 0);
      g_object_unref (procs[i]);
      g_free (paths[i]);
      g_free (urls[i]);
    }
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, "2024"), ==, 50);
}

static void
test_untrusted_certificate (Sync *t, gconstpointer data)
{
  g_autofree char *err = NULL;
  const char *argv[] = { "push", t->project_path, "--endpoint", NULL, "--period", "2024", NULL };

  start (t, 0, NULL, 0);
  argv[3] = t->hub.url;
  /* Without the test CA the self-signed hub is refused, never accepted. */
  g_unsetenv ("CHARTA_CA_FILE");
  g_assert_cmpint (run_cli (&t->hub, t->token, NULL, &err, argv), ==, 1);
  g_setenv ("CHARTA_CA_FILE", t->hub.cert, TRUE);
  g_assert_nonnull (strstr (err, "certificate"));
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 0);
}

/* ---- a redirect: uploads never follow it ---- */

typedef struct {
  guint redirects;
  guint targets;
} Redirector;

static void
redirect_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data)
{
  Redirector *r = user_data;

  if (g_str_has_prefix (path, "/elsewhere/"))
    {
      r->targets++;
      soup_server_message_set_status (msg, 201, NULL);
      return;
    }
  if (g_str_has_prefix (path, "/busy/"))
    {
      g_autoptr(GDateTime) later = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) then = g_date_time_add_seconds (later, 90);
      g_autofree char *date = soup_date_time_to_string (then, SOUP_DATE_HTTP);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", date);
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }
  r->redirects++;
  soup_server_message_set_redirect (msg, 308, "/elsewhere/api/v1/reports/x");
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_redirect_refused (Sync *t, gconstpointer data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (t->project, "2024", &report);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChartaReceipt) receipt = NULL;
  g_autoptr(SoupSession) session = charta_soup_session_new ();
  g_autofree char *url = NULL;
  Redirector r = { 0 };
  GSList *uris;

  soup_server_add_handler (server, "/", redirect_cb, &r, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  charta_sync_push_async (session, url, "chub_test", body, report->id, report->revision, NULL, NULL,
                          store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  receipt = charta_sync_push_finish (result, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REDIRECTED);
  g_assert_false (charta_sync_error_is_temporary (error));
  g_assert_nonnull (strstr (error->message, "308"));
  g_assert_cmpuint (r.redirects, ==, 1);
  g_assert_cmpuint (r.targets, ==, 0);
}

static void
test_unavailable (Sync *t, gconstpointer data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (t->project, "2024", &report);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChartaReceipt) receipt = NULL;
  g_autoptr(SoupSession) session = charta_soup_session_new ();
  g_autofree char *url = NULL, *endpoint = NULL;
  gint64 retry_after = -1;
  Redirector r = { 0 };
  GSList *uris;

  /* A 503 with Retry-After as an HTTP date: try again later, not before it. */
  soup_server_add_handler (server, "/", redirect_cb, &r, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  endpoint = g_strconcat (url, "busy/", NULL);

  charta_sync_push_async (session, endpoint, "chub_test", body, report->id, report->revision, NULL, NULL,
                          store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  receipt = charta_sync_push_finish (result, &retry_after, &error);
  g_assert_null (receipt);
  g_assert_true (charta_sync_error_is_temporary (error));
  g_assert_cmpint (retry_after, >=, 80);
  g_assert_cmpint (retry_after, <=, 90);
  g_assert_cmpint (charta_sync_backoff_ms (1, retry_after), >=, 80000);
}

static void
test_token_never_written (Sync *t, gconstpointer data)
{
  g_autofree char *err = NULL, *out = NULL, *outbox_text = NULL, *project_text = NULL;
  g_autofree char *outbox_dir = g_build_filename (t->hub.xdg, "charta", "outbox", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *list[] = { "outbox", NULL };
  guint16 port = reserve_port (t);
  const char *name;

  (void) port;
  g_assert_cmpint (push (t, "2024-12-31T12:00:00Z", &err), ==, EXIT_TEMPFAIL);
  g_assert_null (strstr (err, t->token));
  g_assert_cmpint (run_cli (&t->hub, t->token, &out, NULL, list), ==, 0);
  g_assert_null (strstr (out, t->token));
  dir = g_dir_open (outbox_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (outbox_dir, name, NULL);
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_null (strstr (text, t->token));
    }
  g_assert_true (g_file_get_contents (t->project_path, &project_text, NULL, NULL));
  g_assert_null (strstr (project_text, t->token));
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Sync, NULL, sync_setup, func, sync_teardown)
  ADD ("/hub/sync/push", test_push);
  ADD ("/hub/sync/exactly-once-when-down", test_exactly_once_when_down);
  ADD ("/hub/sync/killed-mid-push", test_killed_mid_push);
  ADD ("/hub/sync/acknowledged-survives-sigkill", test_acknowledged_survives_sigkill);
  ADD ("/hub/sync/refused", test_refused);
  ADD ("/hub/sync/rate-limited", test_rate_limited);
  ADD ("/hub/sync/50-concurrent", test_concurrent);
  ADD ("/hub/sync/untrusted-certificate", test_untrusted_certificate);
  ADD ("/hub/sync/redirect-refused", test_redirect_refused);
  ADD ("/hub/sync/503-retry-after", test_unavailable);
  ADD ("/hub/sync/token-never-written", test_token_never_written);
#undef ADD
  return g_test_run ();
}
