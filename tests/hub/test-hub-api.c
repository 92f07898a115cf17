/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hub's API v1 against the real charta-hub on 127.0.0.1: every refusal provoked. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "hub-fixture.h"

#define CITY_A "11111111-1111-4111-8111-111111111111"
#define CITY_B "22222222-2222-4222-8222-222222222222"

typedef struct {
  HubFixture hub;
  char *token_a;
  char *token_b;
} Api;

static void
api_setup_with (Api *t, const char * const *extra)
{
  hub_fixture_setup (&t->hub, FALSE);
  hub_start (&t->hub, 0, extra, 0);
  t->token_a = hub_token_add (&t->hub, CITY_A);
  t->token_b = hub_token_add (&t->hub, CITY_B);
}

static void
api_setup (Api *t, gconstpointer data)
{
  api_setup_with (t, (const char * const *) data);
}

static void
api_teardown (Api *t, gconstpointer data)
{
  hub_fixture_teardown (&t->hub);
  g_free (t->token_a);
  g_free (t->token_b);
}

static char *
report_path (const ChartaReport *report)
{
  return g_strconcat ("/api/v1/reports/", report->id, NULL);
}

static guint
put_report (Api *t, const char *token, const ChartaProject *project, const char * const *headers,
            GBytes **answer, ChartaReport **out)
{
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = report_path (report);
  guint status = hub_request (&t->hub, "PUT", path, token, body, headers, answer, NULL);

  if (out)
    *out = g_steal_pointer (&report);
  return status;
}

static void
assert_error_code (GBytes *answer, const char *code)
{
  g_autofree char *got = json_get_string (answer, "error.code");
  g_autofree char *message = json_get_string (answer, "error.message");

  g_test_message ("%s: %s", got, message);
  g_assert_cmpstr (got, ==, code);
  g_assert_nonnull (message);
}

static void
test_health (Api *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *status = NULL;

  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, &answer, NULL), ==, 200);
  status = json_get_string (answer, "status");
  g_assert_cmpstr (status, ==, "ok");
}

static void
test_put_get (Api *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, "Antwerpen");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = report_path (report);
  g_autofree char *etag = g_strdup_printf ("\"%s\"", report->revision);
  g_autoptr(GBytes) answer = NULL, again = NULL, got = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *outcome = NULL, *sha = NULL, *expected_sha = NULL;

  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, body, NULL, &answer, &headers), ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, etag);
  outcome = json_get_string (answer, "outcome");
  g_assert_cmpstr (outcome, ==, "created");
  sha = json_get_string (answer, "sha256");
  expected_sha = charta_sha256_hex (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_cmpstr (sha, ==, expected_sha);
  g_clear_pointer (&outcome, g_free);

  /* The same body again: one report, unchanged. */
  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, body, NULL, &again, NULL), ==, 200);
  outcome = json_get_string (again, "outcome");
  g_assert_cmpstr (outcome, ==, "unchanged");
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 1);

  /* What was stored is given back byte for byte, to its city only. */
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token_a, NULL, NULL, &got, NULL), ==, 200);
  g_assert_true (g_bytes_equal (got, body));
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token_b, NULL, NULL, NULL, NULL), ==, 404);
}

static void
test_network_summary (Api *t, gconstpointer data)
{
  const char *cities[] = { CITY_A, CITY_B };
  const char *tokens[] = { t->token_a, t->token_b };
  int levels[] = { 2, 4 };
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *cities_count = NULL, *first_item = NULL, *median = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ChartaProject) project = make_project (cities[i], NULL);
      charta_project_get_assessment (project, "charter.commitment.policymaker.1")->level = levels[i];
      g_assert_cmpuint (put_report (t, tokens[i], project, NULL, NULL, NULL), ==, 201);
    }
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/network/summary?period=2024", t->token_a, NULL, NULL,
                                 &answer, NULL), ==, 200);
  cities_count = json_get_string (answer, "cities");
  g_assert_cmpstr (cities_count, ==, "2");
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "\"item\": \"charter.commitment.policymaker.1\""));
  /* policymaker.1 was reported as 2 and 4: median 3. */
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "\"median\": 3\n"));
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/network/summary", t->token_a, NULL, NULL, &answer, NULL), ==, 400);
  assert_error_code (answer, "invalid-parameter");
}

static void
test_401 (Api *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GSubprocess) revoke = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (put_report (t, NULL, project, NULL, &answer, NULL), ==, 401);
  assert_error_code (answer, "unauthorized");
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (put_report (t, "chub_unknown", project, NULL, &answer, NULL), ==, 401);
  assert_error_code (answer, "unauthorized");
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", NULL, NULL, NULL, NULL, NULL), ==, 401);

  /* Revoked while the hub runs: refused from the next request on. */
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 0);
  revoke = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("CHARTA_HUB_BIN"), "token", "revoke",
                             t->hub.store_option, "1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (revoke, NULL, NULL));
  g_assert_cmpuint (put_report (t, t->token_a, project, NULL, &answer, NULL), ==, 401);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_b, NULL), ==, 0);
}

static void
test_403 (Api *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, "Antwerpen");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) answer = NULL, stored = NULL, after = NULL;
  g_autofree char *path = NULL;

  /* City B's token for city A's report. */
  g_assert_cmpuint (put_report (t, t->token_b, project, NULL, &answer, NULL), ==, 403);
  assert_error_code (answer, "forbidden");
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 0);

  /* City B pushes city A's report id (same project and period, its own city): report
   * ids are scoped to their city, so B stores its own report of that id and neither
   * blocks nor touches A's. */
  g_assert_cmpuint (put_report (t, t->token_a, project, NULL, NULL, &report), ==, 201);
  path = report_path (report);
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token_a, NULL, NULL, &stored, NULL), ==, 200);
  g_free (project->city->id);
  project->city->id = g_strdup (CITY_B);
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (put_report (t, t->token_b, project, NULL, &answer, NULL), ==, 201);
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token_a, NULL, NULL, &after, NULL), ==, 200);
  g_assert_true (g_bytes_equal (stored, after));
  /* And A's next revision is still taken. */
  g_free (project->city->id);
  project->city->id = g_strdup (CITY_A);
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  g_assert_cmpuint (put_report (t, t->token_a, project, NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 2);
}

static void
test_400 (Api *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autofree char *path = report_path (report);
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_auto(GStrv) halves = g_strsplit (text, "Translate the website", 2);
  g_autofree char *tampered_text = g_strjoinv ("Translate the webpage", halves);
  g_autoptr(GBytes) tampered = g_bytes_new_take (g_steal_pointer (&tampered_text), strlen (text));
  g_autoptr(GBytes) malformed = g_bytes_new_static ("{\"format\": \"charta-report\",", 27);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(ChartaProject) other = make_project (CITY_A, NULL);
  g_autoptr(GBytes) other_body = report_bytes (other, "2024", NULL);

  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, malformed, NULL, &answer, NULL), ==, 400);
  assert_error_code (answer, "invalid-report");
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, tampered, NULL, &answer, NULL), ==, 400);
  assert_error_code (answer, "invalid-report");
  g_clear_pointer (&answer, g_bytes_unref);
  /* The path names one report, the body another. */
  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, other_body, NULL, &answer, NULL), ==, 400);
  assert_error_code (answer, "id-mismatch");
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (hub_request (&t->hub, "PUT", "/api/v1/reports/not-a-uuid", t->token_a, body, NULL, &answer, NULL),
                    ==, 400);
  assert_error_code (answer, "invalid-id");
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports?period=2024-13", t->token_a, NULL, NULL, &answer, NULL),
                    ==, 400);
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 0);
}

static void
test_deep_json (Api *t, gconstpointer data)
{
  g_autoptr(GString) deep = g_string_sized_new (400001);
  g_autoptr(GBytes) body = NULL, answer = NULL;

  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  body = g_bytes_new (deep->str, deep->len);
  g_assert_cmpuint (hub_request (&t->hub, "PUT", "/api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba",
                                 t->token_a, body, NULL, &answer, NULL), ==, 400);
  assert_error_code (answer, "invalid-report");
  /* And the hub is still there. */
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 200);
}

static void
test_412 (Api *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(ChartaReport) first = NULL;
  g_autoptr(GBytes) answer = NULL, stored = NULL;
  g_autofree char *etag = NULL, *path = NULL;
  const char *wrong[] = { "If-Match", "\"0000\"", NULL };
  const char *any[] = { "If-Match", "*", NULL };

  /* If-Match: * on a report that does not exist yet. */
  g_assert_cmpuint (put_report (t, t->token_a, project, any, &answer, NULL), ==, 412);
  assert_error_code (answer, "precondition-failed");
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 0);

  g_assert_cmpuint (put_report (t, t->token_a, project, NULL, NULL, &first), ==, 201);
  etag = g_strdup_printf ("\"%s\"", first->revision);
  path = report_path (first);
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  g_clear_pointer (&answer, g_bytes_unref);
  g_assert_cmpuint (put_report (t, t->token_a, project, wrong, &answer, NULL), ==, 412);
  assert_error_code (answer, "precondition-failed");
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token_a, NULL, NULL, &stored, NULL), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (stored, NULL), first->revision));
  {
    const char *right[] = { "If-Match", etag, NULL };
    g_assert_cmpuint (put_report (t, t->token_a, project, right, NULL, NULL), ==, 200);
  }
}

static void
test_413 (Api *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) chunked_answer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *big = g_malloc (4096 + 1);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", t->token_a, NULL);
  g_autofree char *code = NULL;

  /* The hub was started with --max-body=4096. */
  memset (big, ' ', 4097);
  body = g_bytes_new (big, 4097);
  g_assert_cmpuint (hub_request (&t->hub, "PUT", "/api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba", t->token_a,
                                 body, NULL, &answer, NULL), ==, 413);
  assert_error_code (answer, "too-large");

  /* Without a Content-Length (chunked), refused as it arrives. */
  url = g_strconcat (t->hub.url, "api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba", NULL);
  msg = soup_message_new ("PUT", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  stream = g_memory_input_stream_new_from_bytes (body);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  chunked_answer = soup_session_send_and_read (t->hub.session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  code = json_get_string (chunked_answer, "error.code");
  g_assert_cmpstr (code, ==, "too-large");
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 200);
}

static void
test_429 (Api *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  const char *retry_after;

  /* The hub was started with --rate-limit=3: three requests pass, the fourth waits. */
  for (int i = 0; i < 3; i++)
    g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", t->token_a, NULL, NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", t->token_a, NULL, NULL, &answer, &headers), ==, 429);
  assert_error_code (answer, "rate-limited");
  retry_after = soup_message_headers_get_one (headers, "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >=, 1);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), <=, 20);
  /* The status line says what 429 means (libsoup 3.2 knows no phrase for it and would send
   * "Unknown Error"). */
  {
    g_autoptr(GSocket) socket = hub_connect_raw (&t->hub, 0);
    g_autofree char *request = g_strdup_printf ("GET /api/v1/reports HTTP/1.1\r\nHost: h\r\n"
                                                "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                                                t->token_a);
    g_autoptr(GError) error = NULL;
    char head[256] = { 0 };
    gsize got = 0;
    gssize n;

    hub_send_text (socket, request);
    while (got < sizeof head - 1 && !strstr (head, "\r\n") &&
           (n = g_socket_receive (socket, head + got, sizeof head - 1 - got, NULL, &error)) > 0)
      got += (gsize) n;
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (head, "HTTP/1.1 429 Too Many Requests\r\n"));
  }
  /* Per token: the other city is not held back. */
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", t->token_b, NULL, NULL, NULL, NULL), ==, 200);
}

static void
test_idempotency_key (Api *t, gconstpointer data)
{
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(ChartaReport) first = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &first);
  g_autofree char *path = report_path (first);
  g_autofree char *key = g_strdup_printf ("%s:%s", first->id, first->revision);
  const char *headers[] = { "Idempotency-Key", key, NULL };
  g_autoptr(GBytes) newer = NULL, a1 = NULL, a2 = NULL, stored = NULL;
  g_autoptr(SoupMessageHeaders) replay_headers = NULL;
  g_autoptr(ChartaReport) second = NULL;
  g_autofree char *key2 = NULL;

  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, body, headers, &a1, NULL), ==, 201);
  /* A newer revision is stored... */
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  newer = report_bytes (project, "2024", &second);
  key2 = g_strdup_printf ("%s:%s", second->id, second->revision);
  {
    const char *headers2[] = { "Idempotency-Key", key2, NULL };
    g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, newer, headers2, NULL, NULL), ==, 200);
  }
  /* ...then a late retry of the first arrives: it gets the first answer and changes nothing. */
  g_assert_cmpuint (hub_request (&t->hub, "PUT", path, t->token_a, body, headers, &a2, &replay_headers), ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (replay_headers, "Idempotent-Replayed"), ==, "true");
  g_assert_true (g_bytes_equal (a1, a2));
  g_assert_cmpuint (hub_request (&t->hub, "GET", path, t->token_a, NULL, NULL, &stored, NULL), ==, 200);
  g_assert_true (g_bytes_equal (stored, newer));
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, NULL), ==, 1);
}

static void
assert_nothing_stored (Api *t)
{
  g_autoptr(GDir) dir = g_dir_open (t->hub.data, 0, NULL);
  g_autofree char *escaped = g_build_filename (t->hub.dir, "etc", NULL);
  const char *name;

  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_b, NULL), ==, 0);
  /* Only the database lives in the data directory (none with PostgreSQL), and nothing
   * was written beside it. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "hub.sqlite"));
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
}

static void
test_path_traversal (Api *t, gconstpointer data)
{
  const char *paths[] = {
    "/api/v1/reports/../../../etc/passwd",
    "/api/v1/reports/..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/v1/reports/%2e%2e/%2e%2e/hub.sqlite",
    "/api/v1/reports/%2e%2e%2f%2e%2e%2fetc",
    "/api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba/../../../../etc",
    "/api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba%00.json",
    "/api/v1/../../etc/passwd",
    "/api/v1/reports/..",
  };
  g_autoptr(ChartaProject) project = make_project (CITY_A, NULL);
  g_autoptr(GBytes) body = report_bytes (project, "2024", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint m = 0; m < 2; m++)
      {
        g_autofree char *request = NULL;
        guint status;

        request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                                   "Content-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                                   "Connection: close\r\n\r\n%.*s",
                                   m ? "GET" : "PUT", paths[i], t->token_a, m ? 0 : g_bytes_get_size (body),
                                   m ? 0 : (int) g_bytes_get_size (body), (const char *) g_bytes_get_data (body, NULL));
        status = hub_raw_request (&t->hub, request);
        g_test_message ("%s %s → %u", m ? "GET" : "PUT", paths[i], status);
        g_assert_cmpuint (status, >=, 400);
        g_assert_cmpuint (status, <, 500);
      }
  assert_nothing_stored (t);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/health", NULL, NULL, NULL, NULL, NULL), ==, 200);
}

static void
test_sql_injection (Api *t, gconstpointer data)
{
  const char *queries[] = {
    "/api/v1/reports?city=%27%20OR%20%271%27%3D%271",
    "/api/v1/reports?period=2024%27%3B%20DROP%20TABLE%20reports%3B--",
    "/api/v1/network/summary?period=2024%27%20OR%201%3D1--",
    "/api/v1/reports/%27%20OR%201%3D1--",
  };
  g_autoptr(ChartaProject) project = make_project (CITY_A, "Robert'); DROP TABLE reports;--");
  g_autoptr(GBytes) listed = NULL;
  const char *sneaky[] = { "Idempotency-Key", "x'); DELETE FROM reports; --", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_assert_cmpuint (hub_request (&t->hub, "GET", queries[i], t->token_a, NULL, NULL, NULL, NULL), ==, 400);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", "' OR '1'='1", NULL, NULL, NULL, NULL), ==, 401);
  assert_nothing_stored (t);

  /* Quotes in the content are stored as text, and the tables are still there. */
  g_assert_cmpuint (put_report (t, t->token_a, project, sneaky, NULL, NULL), ==, 201);
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports", t->token_a, NULL, NULL, &listed, NULL), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (listed, NULL), "Robert'); DROP TABLE reports;--"));
  g_assert_cmpuint (hub_count_reports (&t->hub, t->token_a, "2024"), ==, 1);
}

static void
test_not_found (Api *t, gconstpointer data)
{
  g_autoptr(GBytes) answer = NULL;

  g_assert_cmpuint (hub_request (&t->hub, "GET", "/api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba",
                                 t->token_a, NULL, NULL, &answer, NULL), ==, 404);
  assert_error_code (answer, "not-found");
  g_assert_cmpuint (hub_request (&t->hub, "GET", "/no-such-page", NULL, NULL, NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (hub_request (&t->hub, "DELETE", "/api/v1/reports/8accf094-12ee-54d1-92de-bfd9e4f9b6ba",
                                 t->token_a, NULL, NULL, NULL, NULL), ==, 405);
}

int
main (int argc, char **argv)
{
  static const char * const small[] = { "--max-body=4096", NULL };
  static const char * const slow[] = { "--rate-limit=3", NULL };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, extra) g_test_add (path, Api, extra, api_setup, func, api_teardown)
  ADD ("/hub/api/health", test_health, NULL);
  ADD ("/hub/api/put-get", test_put_get, NULL);
  ADD ("/hub/api/network-summary", test_network_summary, NULL);
  ADD ("/hub/api/401", test_401, NULL);
  ADD ("/hub/api/403", test_403, NULL);
  ADD ("/hub/api/400", test_400, NULL);
  ADD ("/hub/api/400-deep-json", test_deep_json, NULL);
  ADD ("/hub/api/412", test_412, NULL);
  ADD ("/hub/api/413", test_413, small);
  ADD ("/hub/api/429", test_429, slow);
  ADD ("/hub/api/idempotency-key", test_idempotency_key, NULL);
  ADD ("/hub/api/path-traversal", test_path_traversal, NULL);
  ADD ("/hub/api/sql-injection", test_sql_injection, NULL);
  ADD ("/hub/api/not-found", test_not_found, NULL);
#undef ADD
  return g_test_run ();
}
