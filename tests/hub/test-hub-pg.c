/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hubs on PostgreSQL (suite hub-pg only): two hub processes on one database — the same
 * report pushed to both at once is stored once, a token added once works on both, a write
 * through one is seen at once through the other — and PostgreSQL crashing and restarting
 * under a running hub: acknowledged reports survive, a request while it is down gets 503,
 * the next one after it is back succeeds. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "charta-sync.h"
#include "hub-fixture.h"

#define CITY_A "11111111-1111-4111-8111-111111111111"

typedef struct {
  HubFixture one;
  HubFixture two;     /* the second hub, on the first one's database */
  char *token;
} Pair;

static void
pair_setup (Pair *t, gconstpointer data)
{
  hub_fixture_setup (&t->one, FALSE);
  hub_fixture_setup (&t->two, FALSE);
  g_free (t->two.database);
  g_free (t->two.store_option);
  t->two.database = g_strdup (t->one.database);
  t->two.store_option = g_strdup (t->one.store_option);
}

static void
pair_teardown (Pair *t, gconstpointer data)
{
  hub_fixture_teardown (&t->two);
  hub_fixture_teardown (&t->one);
  g_free (t->token);
}

typedef struct {
  HubFixture *hub;
  const char *token;
  const char *path;
  GBytes *body;
  const char * const *headers;
  guint status;
  GBytes *answer;
  SoupMessageHeaders *response_headers;
} Put;

static gpointer
put_thread (gpointer user_data)
{
  Put *p = user_data;

  p->status = hub_request (p->hub, "PUT", p->path, p->token, p->body, p->headers, &p->answer, &p->response_headers);
  return NULL;
}

static void
put_clear (Put *p)
{
  g_clear_pointer (&p->answer, g_bytes_unref);
  g_clear_pointer (&p->response_headers, soup_message_headers_unref);
}

/* Both hubs get @body for @path at the same moment, each on its own thread. */
static void
put_on_both (Pair *t, const char *path, GBytes *body, const char * const *headers, Put *a, Put *b)
{
  GThread *thread_a, *thread_b;

  *a = (Put) { &t->one, t->token, path, body, headers, 0, NULL, NULL };
  *b = (Put) { &t->two, t->token, path, body, headers, 0, NULL, NULL };
  thread_a = g_thread_new ("put-one", put_thread, a);
  thread_b = g_thread_new ("put-two", put_thread, b);
  g_thread_join (thread_a);
  g_thread_join (thread_b);
}

static char *
outcome (Put *p)
{
  return json_get_string (p->answer, "outcome");
}

static void
test_two_hubs (Pair *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, "Gent");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autoptr(ChartaReport) report2 = NULL;
  g_autoptr(GBytes) body2 = NULL;
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);
  g_autofree char *out_a = NULL, *out_b = NULL, *key_a = NULL, *key_b = NULL;
  const char * const key[] = { "Idempotency-Key", "same-key-on-both-hubs", NULL };
  const char *replayed_a, *replayed_b;
  g_autoptr(GBytes) list = NULL;
  Put a, b;

  /* Each write holds its transaction open a while, so the two overlap for sure. */
  g_setenv ("CHARTA_HUB_DEBUG_COMMIT_STALL_MS", "300", TRUE);
  hub_start (&t->one, 0, NULL, 0);
  hub_start (&t->two, 0, NULL, 0);
  g_unsetenv ("CHARTA_HUB_DEBUG_COMMIT_STALL_MS");

  /* A token added once (through the database both share) works on both hubs. */
  t->token = hub_token_add (&t->one, CITY_A);
  g_assert_cmpuint (hub_count_reports (&t->one, t->token, NULL), ==, 0);
  g_assert_cmpuint (hub_count_reports (&t->two, t->token, NULL), ==, 0);

  /* The same report at once to both: stored once, "created" once. */
  put_on_both (t, path, body, NULL, &a, &b);
  out_a = outcome (&a);
  out_b = outcome (&b);
  g_test_message ("hub one: %u %s, hub two: %u %s", a.status, out_a, b.status, out_b);
  g_assert_true ((a.status == 201 && b.status == 200) || (a.status == 200 && b.status == 201));
  g_assert_cmpstr (a.status == 201 ? out_a : out_b, ==, "created");
  g_assert_cmpstr (a.status == 201 ? out_b : out_a, ==, "unchanged");
  g_assert_cmpuint (hub_count_reports (&t->one, t->token, NULL), ==, 1);
  g_assert_cmpuint (hub_count_reports (&t->two, t->token, NULL), ==, 1);
  put_clear (&a);
  put_clear (&b);

  /* A new revision with one Idempotency-Key at once to both: one stores it, the other
   * replays that answer. */
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  body2 = report_bytes (project, "2024", &report2);
  g_assert_cmpstr (report2->id, ==, report->id);
  put_on_both (t, path, body2, key, &a, &b);
  g_assert_cmpuint (a.status, ==, 200);
  g_assert_cmpuint (b.status, ==, 200);
  replayed_a = soup_message_headers_get_one (a.response_headers, "Idempotent-Replayed");
  replayed_b = soup_message_headers_get_one (b.response_headers, "Idempotent-Replayed");
  g_assert_true ((replayed_a == NULL) != (replayed_b == NULL));
  key_a = json_get_string (a.answer, "received");
  key_b = json_get_string (b.answer, "received");
  g_assert_cmpstr (key_a, ==, key_b);
  put_clear (&a);
  put_clear (&b);

  /* What one hub stored, the other lists at once, its cache of answers notwithstanding. */
  g_assert_cmpuint (hub_request (&t->two, "GET", path, t->token, NULL, NULL, &list, NULL), ==, 200);
  g_assert_true (g_bytes_equal (list, body2));
  {
    g_autoptr(ChartaProject) other = make_project (CITY_A, "Gent");
    g_autoptr(ChartaReport) other_report = NULL;
    g_autoptr(GBytes) other_body = report_bytes (other, "2025", &other_report);
    g_autofree char *other_path = g_strconcat ("/api/v1/reports/", other_report->id, NULL);

    g_assert_cmpuint (hub_count_reports (&t->two, t->token, NULL), ==, 1);
    g_assert_cmpuint (hub_request (&t->one, "PUT", other_path, t->token, other_body, NULL, NULL, NULL), ==, 201);
    g_assert_cmpuint (hub_count_reports (&t->two, t->token, NULL), ==, 2);
  }

  /* Revoked through the database: refused by both hubs from the next request on. */
  {
    const char *argv[] = { g_getenv ("CHARTA_HUB_BIN"), "token", "revoke", t->one.store_option, "1", NULL };
    g_autoptr(GError) error = NULL;
    int status;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_cmpuint (hub_request (&t->one, "GET", "/api/v1/reports", t->token, NULL, NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (hub_request (&t->two, "GET", "/api/v1/reports", t->token, NULL, NULL, NULL, NULL), ==, 401);
}

/* ---- PostgreSQL going away under a running hub ---- */

typedef struct {
  HubFixture hub;
  char *token;
} Single;

static void
single_setup (Single *t, gconstpointer data)
{
  hub_fixture_setup (&t->hub, FALSE);
  hub_start (&t->hub, 0, NULL, 0);
  t->token = hub_token_add (&t->hub, CITY_A);
}

static void
single_teardown (Single *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
  g_free (t->token);
}

static char *
put_period (Single *t, const char *period, guint *status, GBytes **body)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, "Gent");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) bytes = report_bytes (project, period, &report);
  g_autofree char *path = g_strconcat ("/api/v1/reports/", report->id, NULL);

  *status = hub_request (&t->hub, "PUT", path, t->token, bytes, NULL, NULL, NULL);
  if (body)
    *body = g_steal_pointer (&bytes);
  return g_steal_pointer (&path);
}

static void
assert_unavailable (Single *t, const char *method, const char *path, GBytes *body)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpuint (hub_request (&t->hub, method, path, t->token, body, NULL, &answer, &headers), ==, 503);
  code = json_get_string (answer, "error.code");
  g_assert_cmpstr (code, ==, "unavailable");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Retry-After"), ==, "1");
}

static void
test_restart (Single *t, gconstpointer data)
{
  const char * const periods[] = { "2021", "2022", "2023" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *late = NULL, *after = NULL;
  g_autoptr(GBytes) late_body = NULL;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      GBytes *body = NULL;

      g_ptr_array_add (paths, put_period (t, periods[i], &status, &body));
      g_ptr_array_add (bodies, body);
      g_assert_cmpuint (status, ==, 201);
    }
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 3);

  /* PostgreSQL crashes (no checkpoint): while it is down, reads and writes get 503. */
  hub_pg_control ("crash");
  assert_unavailable (t, "GET", "/api/v1/reports", NULL);
  assert_unavailable (t, "GET", g_ptr_array_index (paths, 0), NULL);
  {
    g_autoptr(ChartaProject) project = make_project (CITY_A, "Gent");
    g_autoptr(ChartaReport) report = NULL;

    late_body = report_bytes (project, "2024", &report);
    late = g_strconcat ("/api/v1/reports/", report->id, NULL);
  }
  assert_unavailable (t, "PUT", late, late_body);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 503);

  /* Back: the first request succeeds, and every acknowledged report is there. */
  hub_pg_control ("resume");
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 3);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GBytes) stored = NULL;

      g_assert_cmpuint (hub_request (&t->hub, "GET", g_ptr_array_index (paths, i), t->token, NULL, NULL, &stored,
                                     NULL), ==, 200);
      g_assert_true (g_bytes_equal (stored, g_ptr_array_index (bodies, i)));
    }
  /* The write refused while it was down goes through now. */
  g_assert_cmpuint (hub_request (&t->hub, "PUT", late, t->token, late_body, NULL, NULL, NULL), ==, 201);

  /* A clean restart between two requests: the hub's connections are stale, yet the next
   * read and the next write succeed, on new ones. */
  hub_pg_control ("restart");
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 4);
  after = put_period (t, "2020", &status, NULL);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token, NULL), ==, 5);
}

/* The hub killed with SIGKILL and PostgreSQL crashed after it: what was acknowledged
 * is there for the next hub. */
static void
test_sigkill_and_crash (Single *t, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL, stored = NULL;
  guint status;

  path = put_period (t, "2024", &status, &body);
  g_assert_cmpuint (status, ==, 201);
  hub_kill (&t->hub, SIGKILL);
  hub_pg_control ("crash");
  hub_pg_control ("resume");
  hub_start (&t->hub, 0, NULL, 0);
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token, NULL, NULL, &stored, NULL), ==, 200);
  g_assert_true (g_bytes_equal (stored, body));
}

static int
run_hub (char **err, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CHARTA_HUB_BIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("charta-hub %s: %s", args[0], *err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* One store or the other, never both; a database that cannot be reached or was written
 * by a newer hub is refused with a message, before the hub listens. */
static void
test_options (Single *t, gconstpointer data)
{
  g_autofree char *data_option = g_strconcat ("--data=", t->hub.dir, "/data", NULL);
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL, *err4 = NULL;
  const char * const both[] = { "token", "list", data_option, t->hub.store_option, NULL };
  const char * const nowhere[] = { "token", "list", "--database=host=/nonexistent/socket dbname=charta", NULL };
  const char * const newer[] = { "serve", "--listen=127.0.0.1:0", t->hub.store_option, NULL };
  const char * const list[] = { "token", "list", t->hub.store_option, NULL };

  g_assert_cmpint (run_hub (&err1, both), ==, 2);
  g_assert_nonnull (strstr (err1, "--database CONNINFO"));
  g_assert_cmpint (run_hub (&err2, nowhere), ==, 1);
  g_assert_nonnull (strstr (err2, "/nonexistent/socket"));
  /* The schema is versioned: a database of schema 3 lists its tokens; of schema 99, no. */
  g_assert_cmpint (run_hub (&err3, list), ==, 0);
  /* The same database named by a postgresql:// URI (its host a socket folder, escaped). */
  {
    g_autofree char *host = g_uri_escape_string (hub_pg_dir (), NULL, FALSE);
    g_autofree char *uri = g_strdup_printf ("--database=postgresql://charta@%s/%s", host,
                                            strstr (t->hub.database, "dbname=") + strlen ("dbname="));
    const char * const by_uri[] = { "token", "list", uri, NULL };
    g_autofree char *out = NULL, *err5 = NULL;
    g_autoptr(GError) error = NULL;
    int status;
    const char *argv[] = { g_getenv ("CHARTA_HUB_BIN"), by_uri[0], by_uri[1], by_uri[2], NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err5, &status, &error);
    g_assert_no_error (error);
    g_test_message ("%s: %s%s", uri, out, err5);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "City 11111111"));
  }
  hub_kill (&t->hub, SIGTERM);
  hub_sql (&t->hub, "INSERT INTO schema_version (version, applied) VALUES (99, '2030-01-01T00:00:00Z')");
  g_assert_cmpint (run_hub (&err4, newer), ==, 1);
  g_assert_nonnull (strstr (err4, "newer charta-hub (schema 99)"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!hub_backend_is_pg ())
    {
      g_test_skip ("PostgreSQL only: run in the suite hub-pg");
      return g_test_run ();
    }
  g_test_add ("/hub-pg/two-hubs", Pair, NULL, pair_setup, test_two_hubs, pair_teardown);
  g_test_add ("/hub-pg/restart", Single, NULL, single_setup, test_restart, single_teardown);
  g_test_add ("/hub-pg/options", Single, NULL, single_setup, test_options, single_teardown);
  g_test_add ("/hub-pg/sigkill-and-crash", Single, NULL, single_setup, test_sigkill_and_crash, single_teardown);
  return g_test_run ();
}
