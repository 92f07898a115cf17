/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who may read and write what on the real hub on 127.0.0.1, per route; what a report
 * must be to count in the network's figures; quotas, pages, rates; writes off the main
 * loop; metrics and health; TLS versions and suites; plain HTTP off loopback. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "hub-fixture.h"

#define CITY_A "11111111-1111-4111-8111-111111111111"
#define CITY_B "22222222-2222-4222-8222-222222222222"
#define SOME_ID "8accf094-12ee-54d1-92de-bfd9e4f9b6ba"

typedef struct {
  HubFixture hub;
  char *token_a;
  char *token_b;
  char *reader;
} Access;

static char *
run_hub (Access *t, gboolean check, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CHARTA_HUB_BIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("charta-hub %s %s: %s%s", args[0], args[1], out, err);
  if (check)
    g_assert_true (g_subprocess_get_successful (proc));
  return g_strstrip (g_strconcat (out, err, NULL));
}

static void
access_setup (Access *t, gconstpointer data)
{
  const char *reader[] = { "token", "add", NULL, "--reader", "--name", "Network secretariat", NULL };

  hub_fixture_setup (&t->hub, FALSE);
  hub_start (&t->hub, 0, data, 0);
  t->token_a = hub_token_add (&t->hub, CITY_A);
  t->token_b = hub_token_add (&t->hub, CITY_B);
  reader[2] = t->hub.store_option;
  t->reader = run_hub (t, TRUE, reader);
  g_assert_true (g_str_has_prefix (t->reader, "chub_"));
}

static void
access_teardown (Access *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
  g_free (t->token_a);
  g_free (t->token_b);
  g_free (t->reader);
}

static guint
put (Access *t, const char *token, const ChartaProject *project, GBytes **answer, ChartaReport **out)
{
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  guint status = hub_request (&t->hub, "PUT", path, token, body, NULL, answer, NULL);

  if (out)
    *out = g_steal_pointer (&report);
  return status;
}

static guint
get (Access *t, const char *path, const char *token, GBytes **answer)
{
  return hub_request (&t->hub, "GET", path, token, NULL, NULL, answer, NULL);
}

static void
assert_code (GBytes *answer, const char *code)
{
  g_autofree char *got = json_get_string (answer, "error.code");
  g_autofree char *message = json_get_string (answer, "error.message");

  g_test_message ("%s: %s", got, message);
  g_assert_cmpstr (got, ==, code);
}

static gboolean
contains (GBytes *bytes, const char *text)
{
  g_autofree char *s = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return strstr (s, text) != NULL;
}

/* Per route: no token, a reader's, the city's own, another city's. */
static void
test_routes (Access *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, "A name the report gives");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) answer = NULL, listed = NULL, own = NULL;
  g_autofree char *path = NULL;

  /* PUT: only the city itself. */
  g_assert_cmpuint (put (t, NULL, project, NULL, NULL), ==, 401);
  g_assert_cmpuint (put (t, t->reader, project, &answer, NULL), ==, 403);
  assert_code (answer, "forbidden");
  g_assert_cmpuint (put (t, t->token_b, project, NULL, NULL), ==, 403);
  g_assert_cmpuint (put (t, t->token_a, project, NULL, &report), ==, 201);
  path = g_strconcat ("/api/v1/reports/", report->id, NULL);

  /* GET one report: only its city reads the body (with the project id in it). */
  g_assert_cmpuint (get (t, path, NULL, NULL), ==, 401);
  g_assert_cmpuint (get (t, path, t->reader, NULL), ==, 403);
  g_assert_cmpuint (get (t, path, t->token_b, NULL), ==, 404);
  g_assert_cmpuint (get (t, path, t->token_a, &own), ==, 200);
  g_assert_true (contains (own, report->project));

  /* The list and the network summary: every token; the name is the registry's. */
  g_assert_cmpuint (get (t, "/api/v1/reports", NULL, NULL), ==, 401);
  for (guint i = 0; i < 3; i++)
    {
      const char *tokens[] = { t->reader, t->token_a, t->token_b };
      g_clear_pointer (&listed, g_bytes_unref);
      g_assert_cmpuint (get (t, "/api/v1/reports", tokens[i], &listed), ==, 200);
      g_assert_true (contains (listed, "\"name\": \"City 11111111\""));
      g_assert_false (contains (listed, "\"name\": \"A name the report gives\""));
      g_assert_false (contains (listed, report->project));
      g_assert_cmpuint (get (t, "/api/v1/network/summary?period=2024", tokens[i], NULL), ==, 200);
    }
  g_assert_cmpuint (get (t, "/api/v1/network/summary?period=2024", NULL, NULL), ==, 401);
  /* Health needs no token. */
  g_assert_cmpuint (get (t, "/api/v1/health", NULL, NULL), ==, 200);
}

static void
test_admin_remove (Access *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(ChartaReport) report = NULL;
  g_autofree char *path = NULL, *list = NULL, *removed = NULL, *again = NULL;
  const char *list_args[] = { "report", "list", t->hub.store_option, NULL };
  const char *remove_args[] = { "report", "remove", t->hub.store_option, "--city", CITY_A, NULL, NULL };

  g_assert_cmpuint (put (t, t->token_a, project, NULL, &report), ==, 201);
  path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->reader, NULL), ==, 1);
  list = run_hub (t, TRUE, list_args);
  g_assert_nonnull (strstr (list, report->id));
  g_assert_nonnull (strstr (list, "City 11111111"));
  remove_args[5] = report->id;
  removed = run_hub (t, TRUE, remove_args);
  /* The running hub sees it at once, cached lists included. */
  g_assert_cmpuint (hub_count_reports (&t->hub, t->reader, NULL), ==, 0);
  g_assert_cmpuint (get (t, path, t->token_a, NULL), ==, 404);
  again = run_hub (t, FALSE, remove_args);
  g_assert_nonnull (strstr (again, "no report"));
}

/* A copy of @report's body with @edit applied, its revision made to match again: what a
 * forger would send. */
static GBytes *
forged (const ChartaReport *report, void (*edit) (ChartaNode *root))
{
  g_autoptr(ChartaNode) root = charta_node_copy (report->root);
  g_autofree char *revision = NULL;
  GString *out = g_string_new (NULL);

  edit (root);
  revision = charta_report_compute_revision (root);
  charta_node_set_member (root, "revision", charta_node_new_string (revision));
  charta_json_write (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

static ChartaNode *
first_level (ChartaNode *root)
{
  return g_ptr_array_index (charta_node_get_member (root, "levels")->array, 0);
}

static void
level_100 (ChartaNode *root)
{
  charta_node_set_member (first_level (root), "level", charta_node_new_number_int (100));
  charta_node_set_member (first_level (root), "scale", charta_node_new_number_int (100));
}

static void
scale_9 (ChartaNode *root)
{
  charta_node_set_member (first_level (root), "scale", charta_node_new_number_int (9));
}

static void
fake_item (ChartaNode *root)
{
  ChartaNode *level = charta_node_new_object ();

  charta_node_set_member (level, "item", charta_node_new_string ("zzz.fake.item"));
  charta_node_set_member (level, "level", charta_node_new_number_int (1));
  charta_node_set_member (level, "scale", charta_node_new_number_int (5));
  charta_node_append (charta_node_get_member (root, "levels"), level);
}

static void
test_catalogue (Access *t, gconstpointer data)
{
  struct { void (*edit) (ChartaNode *); const char *field; } forgeries[] = {
    { level_100, "levels[0].scale" }, { scale_9, "levels[0].scale" }, { fake_item, "levels[2].item" },
  };
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  g_autoptr(GBytes) summary = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forgeries); i++)
    {
      g_autoptr(GBytes) forgery = forged (report, forgeries[i].edit);
      g_autoptr(GBytes) answer = NULL;
      g_autofree char *message = NULL;

      g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, forgery, NULL, &answer, NULL), ==, 400);
      assert_code (answer, "invalid-report");
      message = json_get_string (answer, "error.message");
      g_assert_nonnull (strstr (message, forgeries[i].field));
    }
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 0);
  /* The report as made is taken, and only its figures count. */
  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, body, NULL, NULL, NULL), ==, 201);
  g_assert_cmpuint (get (t, "/api/v1/network/summary?period=2024", t->reader, &summary), ==, 200);
  g_assert_true (contains (summary, "\"median\": 3\n"));
  g_assert_false (contains (summary, "zzz.fake.item"));
}

static ChartaProject *
project_of (const char *city, guint i)
{
  g_autofree char *name = g_strdup_printf ("Project %u", i);
  return make_project (city, name);
}

static void
test_quota_reports (Access *t, gconstpointer data)
{
  g_autoptr(ChartaProject) first = project_of (CITY_A, 0);
  g_autoptr(ChartaProject) second = project_of (CITY_A, 1);
  g_autoptr(ChartaProject) third = project_of (CITY_A, 2);
  g_autoptr(ChartaProject) other = project_of (CITY_B, 3);
  g_autoptr(GBytes) answer = NULL;

  /* The hub was started with --quota-reports=2. */
  g_assert_cmpuint (put (t, t->token_a, first, NULL, NULL), ==, 201);
  g_assert_cmpuint (put (t, t->token_a, second, NULL, NULL), ==, 201);
  g_assert_cmpuint (put (t, t->token_a, third, &answer, NULL), ==, 409);
  assert_code (answer, "quota-exceeded");
  /* A new revision of a report kept is no new report; another city has its own quota. */
  ((ChartaAction *) g_ptr_array_index (first->actions, 0))->status = CHARTA_STATUS_DONE;
  g_assert_cmpuint (put (t, t->token_a, first, NULL, NULL), ==, 200);
  g_assert_cmpuint (put (t, t->token_b, other, NULL, NULL), ==, 201);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->reader, NULL), ==, 3);
}

static void
test_quota_bytes (Access *t, gconstpointer data)
{
  g_autoptr(ChartaProject) first = project_of (CITY_A, 0);
  g_autoptr(ChartaProject) second = project_of (CITY_A, 1);
  g_autoptr(GBytes) answer = NULL;

  g_autoptr(GBytes) body = report_bytes (first, "2024", NULL);

  /* The hub was started with --quota-bytes=2000: one report fits, not two. */
  g_assert_cmpuint (g_bytes_get_size (body), >, 1000);
  g_assert_cmpuint (g_bytes_get_size (body), <=, 2000);
  g_assert_cmpuint (put (t, t->token_a, first, NULL, NULL), ==, 201);
  g_assert_cmpuint (put (t, t->token_a, second, &answer, NULL), ==, 409);
  assert_code (answer, "quota-exceeded");
  g_assert_cmpuint (hub_count_reports (&t->hub, t->reader, NULL), ==, 1);
}

static void
test_pages (Access *t, gconstpointer data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autoptr(GBytes) answer = NULL;
  guint pages = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(ChartaProject) project = project_of (CITY_A, i);
      g_assert_cmpuint (put (t, t->token_a, project, NULL, NULL), ==, 201);
    }
  do
    {
      g_autofree char *path = cursor ? g_strdup_printf ("/api/v1/reports?limit=2&cursor=%s", cursor)
                                     : g_strdup ("/api/v1/reports?limit=2");
      g_autoptr(GBytes) page = NULL;
      g_autoptr(ChartaNode) root = NULL;
      const ChartaNode *list;

      g_assert_cmpuint (get (t, path, t->reader, &page), ==, 200);
      root = charta_json_parse (g_bytes_get_data (page, NULL), g_bytes_get_size (page), NULL, NULL, NULL);
      list = charta_node_get_member (root, "reports");
      g_assert_cmpuint (list->array->len, <=, 2);
      for (guint i = 0; i < list->array->len; i++)
        {
          const ChartaNode *id = charta_node_get_member (g_ptr_array_index (list->array, i), "id");
          g_assert_true (g_hash_table_add (seen, g_strdup (id->string)));
        }
      g_free (cursor);
      cursor = json_get_string (page, "next");
      pages++;
    }
  while (cursor != NULL && pages < 10);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_cmpuint (get (t, "/api/v1/reports?limit=0", t->reader, NULL), ==, 400);
  g_assert_cmpuint (get (t, "/api/v1/reports?limit=100000", t->reader, NULL), ==, 400);
  g_assert_cmpuint (get (t, "/api/v1/reports?cursor=bm90LWEtY3Vyc29y", t->reader, &answer), ==, 400);
  assert_code (answer, "invalid-parameter");
}

static void
test_address_rate (Access *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;

  /* The hub was started with --address-rate-limit=8; the set-up made no request. */
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (get (t, "/api/v1/health", NULL, NULL), ==, 200);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, &answer, &headers), ==, 429);
  assert_code (answer, "rate-limited");
  g_assert_nonnull (soup_message_headers_get_one (headers, "Retry-After"));
  /* A valid token does not lift an address's limit. */
  g_assert_cmpuint (get (t, "/api/v1/reports", t->token_a, NULL), ==, 429);
}

static void
test_auth_failures (Access *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL;

  /* The hub was started with --auth-failures=3. */
  g_assert_cmpuint (get (t, "/api/v1/reports", t->token_a, NULL), ==, 200);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (get (t, "/api/v1/reports", "chub_guess", NULL), ==, 401);
  g_assert_cmpuint (get (t, "/api/v1/reports", "chub_guess", &answer), ==, 429);
  assert_code (answer, "too-many-failures");
  /* Guessing from this address now waits, even with a right token at the end. */
  g_assert_cmpuint (get (t, "/api/v1/reports", t->token_a, NULL), ==, 429);
}

/* A write held inside its transaction (the test hook): reads are answered meanwhile. */
static void
test_write_off_main_loop (Access *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autofree char *file = save_project (&t->hub, project, "a");
  const char *argv[] = { "push", file, "--endpoint", t->hub.url, "--period", "2024", NULL };
  g_autoptr(GSubprocess) push = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, read_start;
  double read_took;

  /* The same hub and data, now holding every write 3 s inside its transaction. */
  hub_kill (&t->hub, SIGTERM);
  g_setenv ("CHARTA_HUB_DEBUG_COMMIT_STALL_MS", "3000", TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_DEBUG_COMMIT_STALL_MS");
  argv[3] = t->hub.url;
  start = g_get_monotonic_time ();
  push = spawn_cli (&t->hub, t->token_a, argv);
  g_usleep (1000 * 1000);
  read_start = g_get_monotonic_time ();
  g_assert_cmpuint (hub_count_reports (&t->hub, t->reader, NULL), ==, 0);
  g_assert_cmpuint (get (t, "/api/v1/health", NULL, NULL), ==, 200);
  read_took = (g_get_monotonic_time () - read_start) / (double) G_USEC_PER_SEC;
  g_subprocess_wait (push, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("reads took %.3f s while the write was held; the push took %.2f s", read_took,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (g_subprocess_get_exit_status (push), ==, 0);
  /* The write was held 3 s, and the reads did not wait for it. */
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, >=, 3.0);
  g_assert_cmpfloat (read_took, <, 1.0);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->reader, NULL), ==, 1);
}

static void
test_metrics_health (Access *t, gconstpointer data)
{
  g_autoptr(GBytes) metrics = NULL, health = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *database = NULL;

  g_assert_cmpuint (get (t, "/api/v1/health", NULL, &health), ==, 200);
  database = json_get_string (health, "database");
  g_assert_cmpstr (database, ==, "ok");
  g_assert_cmpuint (get (t, "/api/v1/reports", t->reader, NULL), ==, 200);
  g_assert_cmpuint (get (t, "/api/v1/reports", "chub_wrong", NULL), ==, 401);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/metrics", NULL, NULL, NULL, &metrics, &headers), ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (headers, NULL), "text/plain"));
  g_test_message ("%.*s", (int) g_bytes_get_size (metrics), (const char *) g_bytes_get_data (metrics, NULL));
  g_assert_true (contains (metrics, "charta_hub_requests_total{route=\"health\",status=\"200\"} 1\n"));
  g_assert_true (contains (metrics, "charta_hub_requests_total{route=\"reports.list\",status=\"200\"} 1\n"));
  g_assert_true (contains (metrics, "charta_hub_requests_total{route=\"reports.list\",status=\"401\"} 1\n"));
  g_assert_true (contains (metrics, "charta_hub_request_duration_seconds_bucket{route=\"health\",le=\"+Inf\"} 1\n"));
  g_assert_true (contains (metrics, "# TYPE charta_hub_request_duration_seconds histogram\n"));
  g_assert_true (contains (metrics, "charta_hub_store_errors_total 0\n"));
  g_assert_true (contains (metrics, "\ncharta_hub_open_connections "));
  /* No token, not even a hash, in what the hub exposes. */
  g_assert_false (contains (metrics, "chub_"));
}

/* A database that stops answering (here, a table dropped behind the hub's back): health
 * says so with 503, and the store error is counted. */
static void
test_health_failing (Access *t, gconstpointer data)
{
  g_autoptr(GBytes) health = NULL, metrics = NULL;
  g_autofree char *status = NULL, *database = NULL;

  g_assert_cmpuint (get (t, "/api/v1/health", NULL, NULL), ==, 200);
  hub_sql (&t->hub, "DROP TABLE tokens");
  g_assert_cmpuint (get (t, "/api/v1/health", NULL, &health), ==, 503);
  status = json_get_string (health, "status");
  database = json_get_string (health, "database");
  g_assert_cmpstr (status, ==, "unavailable");
  g_assert_cmpstr (database, ==, "failing");
  g_assert_cmpuint (get (t, "/metrics", NULL, &metrics), ==, 200);
  g_assert_true (contains (metrics, "charta_hub_store_errors_total 1\n"));
}

/* A real internal error (the reports' table dropped behind the hub's back): the answer
 * is a 500 that closes its connection, and the hub's log says why, naming the route;
 * /metrics counts the 500 and the store error. */
static void
test_internal_error_logged (Access *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL, metrics = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *code = NULL, *log = NULL;

  hub_kill (&t->hub, SIGTERM);
  t->hub.log = g_build_filename (t->hub.dir, "hub.log", NULL);
  hub_start (&t->hub, 0, NULL, 0);
  g_assert_cmpuint (get (t, "/api/v1/network/summary?period=2023", t->reader, NULL), ==, 200);
  /* PostgreSQL's tables refer to it. */
  hub_sql (&t->hub, hub_backend_is_pg () ? "DROP TABLE reports CASCADE" : "DROP TABLE reports");
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/network/summary?period=2024", t->reader, NULL, NULL,
                                 &answer, &headers), ==, 500);
  code = json_get_string (answer, "error.code");
  g_assert_cmpstr (code, ==, "internal");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Connection"), ==, "close");
  g_assert_cmpuint (get (t, "/metrics", NULL, &metrics), ==, 200);
  g_assert_true (contains (metrics, "charta_hub_requests_total{route=\"network.summary\",status=\"500\"} 1\n"));
  g_assert_true (contains (metrics, "charta_hub_store_errors_total 1\n"));
  hub_kill (&t->hub, SIGTERM);
  g_assert_true (g_file_get_contents (t->hub.log, &log, NULL, NULL));
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "event=store-error what=read route=network.summary status=500 message=\""));
}

static char *
openssl_client (Access *t, const char * const *options)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, g_strdup ("openssl"));
  g_ptr_array_add (argv, g_strdup ("s_client"));
  g_ptr_array_add (argv, g_strdup ("-connect"));
  g_ptr_array_add (argv, g_strdup_printf ("127.0.0.1:%u", t->hub.port));
  for (guint i = 0; options[i]; i++)
    g_ptr_array_add (argv, g_strdup (options[i]));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static gboolean
handshake_done (const char *out)
{
  return strstr (out, "Cipher is (NONE)") == NULL && strstr (out, "Cipher    : 0000") == NULL &&
         strstr (out, "New, ") != NULL;
}

static void
test_tls_versions (Access *t, gconstpointer data)
{
  const char * const old_tls[][4] = {
    { "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0", NULL },
    { "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0", NULL },
    { "-tls1_2", "-cipher", "AES128-SHA:AES256-GCM-SHA384", NULL },   /* static RSA: no forward secrecy */
  };
  const char * const good[] = { "-tls1_2", NULL };
  const char * const best[] = { "-tls1_3", NULL };
  g_autofree char *out = NULL, *out13 = NULL;

  hub_fixture_teardown (&t->hub);
  memset (&t->hub, 0, sizeof t->hub);
  hub_fixture_setup (&t->hub, TRUE);
  hub_start (&t->hub, 0, NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old_tls); i++)
    {
      g_autofree char *refused = openssl_client (t, old_tls[i]);
      g_test_message ("%s %s: %s", old_tls[i][0], old_tls[i][2], handshake_done (refused) ? "accepted" : "refused");
      g_assert_false (handshake_done (refused));
    }
  out = openssl_client (t, good);
  g_assert_true (handshake_done (out));
  g_assert_nonnull (strstr (out, "ECDHE"));
  out13 = openssl_client (t, best);
  g_assert_true (handshake_done (out13));
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 200);
}

static void
test_plain_http_off_loopback (Access *t, gconstpointer data)
{
  const char *refused[] = { "serve", "--listen=0.0.0.0:0", t->hub.store_option, NULL };
  g_autofree char *out = run_hub (t, FALSE, refused);
  g_autoptr(GSubprocess) allowed = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (strstr (out, "--insecure-plain-http"));
  allowed = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("CHARTA_HUB_BIN"), "serve", "--listen=0.0.0.0:0", t->hub.store_option,
                              "--insecure-plain-http", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (allowed));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "listening on http://0.0.0.0:"));
  g_subprocess_send_signal (allowed, SIGTERM);
  g_subprocess_wait (allowed, NULL, NULL);
}

/* The tables of a hub of schema 1, where reports were kept by id alone. */
static const char schema_1[] =
  "CREATE TABLE tokens (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, city TEXT NOT NULL, "
  "  created TEXT NOT NULL, revoked TEXT);"
  "CREATE TABLE reports (id TEXT PRIMARY KEY, city TEXT NOT NULL, period TEXT NOT NULL, revision TEXT NOT NULL, "
  "  sha256 TEXT NOT NULL, made TEXT NOT NULL, received TEXT NOT NULL, summary TEXT NOT NULL, body BLOB NOT NULL);"
  "CREATE INDEX reports_by_period ON reports (period, city, received);"
  "CREATE TABLE levels (report TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE, item TEXT NOT NULL, "
  "  level INTEGER NOT NULL, scale INTEGER NOT NULL, PRIMARY KEY (report, item));"
  "CREATE TABLE idempotency (city TEXT NOT NULL, key TEXT NOT NULL, request_sha256 TEXT NOT NULL, "
  "  status INTEGER NOT NULL, receipt TEXT NOT NULL, revision TEXT NOT NULL, created TEXT NOT NULL, "
  "  PRIMARY KEY (city, key));"
  "PRAGMA user_version = 1;";

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
write_schema_1 (Access *t, const char *secret, const ChartaReport *report, GBytes *body)
{
  g_autofree char *path = g_build_filename (t->hub.data, "hub.sqlite", NULL);
  g_autofree char *hash = charta_sha256_hex (secret, strlen (secret));
  g_autofree char *summary = g_strdup_printf ("{\"id\": \"%s\", \"city\": {\"id\": \"%s\", \"name\": \"Gent\"}, "
                                              "\"period\": \"2024\", \"revision\": \"%s\"}",
                                              report->id, CITY_A, report->revision);
  char *sql;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (t->hub.data, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, schema_1);
  sql = sqlite3_mprintf ("INSERT INTO tokens (hash, city, created) VALUES (%Q, %Q, '2024-01-01T00:00:00Z');"
                         "INSERT INTO reports VALUES (%Q, %Q, '2024', %Q, 'x', %Q, '2024-12-31T12:00:01Z', %Q, %Q);"
                         "INSERT INTO levels VALUES (%Q, 'charter.commitment.policymaker.1', 3, 5);",
                         hash, CITY_A, report->id, CITY_A, report->revision, report->made, summary,
                         (const char *) g_bytes_get_data (body, NULL), report->id);
  exec_sql (db, sql);
  sqlite3_free (sql);
  sqlite3_close (db);
}

/* A hub of schema 1 keeps its tokens and reports, now under their city, and the city's
 * name its report gave becomes the registry's until an administrator renames it. */
static void
test_migrate_schema_1 (Access *t, gconstpointer data)
{
  const char *secret = "chub_schema_one_token";
  g_autoptr(ChartaProject) project = make_project (CITY_A, "Gent");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  g_autoptr(GBytes) got = NULL, listed = NULL, summary = NULL;

  hub_fixture_setup (&t->hub, FALSE);
  write_schema_1 (t, secret, report, body);
  hub_start (&t->hub, 0, NULL, 0);
  g_assert_cmpuint (get (t, path, secret, &got), ==, 200);
  g_assert_true (g_bytes_equal (got, body));
  g_assert_cmpuint (get (t, "/api/v1/reports", secret, &listed), ==, 200);
  g_assert_true (contains (listed, "\"name\": \"Gent\""));
  g_assert_cmpuint (get (t, "/api/v1/network/summary?period=2024", secret, &summary), ==, 200);
  g_assert_true (contains (summary, "\"median\": 3\n"));
  /* And the city's next revision replaces it. */
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  g_assert_cmpuint (put (t, secret, project, NULL, NULL), ==, 200);
  g_assert_cmpuint (hub_count_reports (&t->hub, secret, NULL), ==, 1);
}

/* With --access-log, one key=value line per request on standard error: the token's id and
 * city, never the token. */
static void
test_log_without_tokens (Access *t, gconstpointer data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *log_path = g_build_filename (t->hub.dir, "hub.log", NULL);
  g_autofree char *log = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);

  hub_kill (&t->hub, SIGTERM);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  t->hub.hub = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CHARTA_HUB_BIN"), "serve",
                                            "--listen=127.0.0.1:0", t->hub.store_option, "--access-log", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (t->hub.hub));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_free (t->hub.url);
  t->hub.url = g_strdup (strstr (line, "http://"));
  g_assert_cmpuint (put (t, t->token_a, project, NULL, NULL), ==, 201);
  g_assert_cmpuint (get (t, "/api/v1/reports", t->reader, NULL), ==, 200);
  g_assert_cmpuint (get (t, "/api/v1/reports", "chub_not_a_token_at_all", NULL), ==, 401);
  hub_kill (&t->hub, SIGTERM);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "event=request remote=127.0.0.1 method=PUT route=reports.put"));
  g_assert_nonnull (strstr (log, "status=201"));
  g_assert_nonnull (strstr (log, "city=" CITY_A));
  g_assert_nonnull (strstr (log, "status=401"));
  g_assert_null (strstr (log, "chub_"));
}

static void
bare_teardown (Access *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
}

int
main (int argc, char **argv)
{
  static const char * const reports2[] = { "--quota-reports=2", NULL };
  static const char * const bytes2000[] = { "--quota-bytes=2000", NULL };
  static const char * const address8[] = { "--address-rate-limit=8", NULL };
  static const char * const failures3[] = { "--auth-failures=3", NULL };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, extra) g_test_add (path, Access, extra, access_setup, func, access_teardown)
  ADD ("/hub/access/routes", test_routes, NULL);
  ADD ("/hub/access/admin-remove", test_admin_remove, NULL);
  ADD ("/hub/access/catalogue", test_catalogue, NULL);
  ADD ("/hub/access/quota-reports", test_quota_reports, reports2);
  ADD ("/hub/access/quota-bytes", test_quota_bytes, bytes2000);
  ADD ("/hub/access/pages", test_pages, NULL);
  ADD ("/hub/access/address-rate", test_address_rate, address8);
  ADD ("/hub/access/auth-failures", test_auth_failures, failures3);
  ADD ("/hub/access/metrics-health", test_metrics_health, NULL);
  ADD ("/hub/access/health-failing", test_health_failing, NULL);
  ADD ("/hub/access/internal-error-logged", test_internal_error_logged, NULL);
  ADD ("/hub/access/tls-versions", test_tls_versions, NULL);
  ADD ("/hub/access/plain-http-off-loopback", test_plain_http_off_loopback, NULL);
  ADD ("/hub/access/write-off-main-loop", test_write_off_main_loop, NULL);
  ADD ("/hub/access/log-without-tokens", test_log_without_tokens, NULL);
#undef ADD
  /* Schema 1 only ever existed in SQLite. */
  if (!hub_backend_is_pg ())
    g_test_add ("/hub/access/migrate-schema-1", Access, NULL, NULL, test_migrate_schema_1, bare_teardown);
  return g_test_run ();
}
