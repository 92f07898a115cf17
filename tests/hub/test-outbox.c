/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outbox and the client against real servers on 127.0.0.1: two real hubs (a token
 * never goes to another hub than its own), and small misbehaving servers written here
 * with GSocketService: one answering 400/404/413 (a refused report stays in the outbox,
 * marked refused, until the user removes it), one that trickles a byte every two seconds
 * (a request has an overall deadline, a sync a bound). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "charta-sync.h"
#include "hub-fixture.h"

#define CITY "55555555-5555-4555-8555-555555555555"
#define EXIT_TEMPFAIL 75

/* ---- a small HTTP server in a thread of its own ----
 * charta-cli runs synchronously in the test's thread, so the server has its own thread,
 * main context and loop. */

typedef enum {
  SERVE_STATUS,   /* answers every request with @status and a JSON error */
  SERVE_TRICKLE,  /* answers 200 with a long body, one byte every two seconds */
} ServeMode;

typedef struct {
  ServeMode mode;
  guint status;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GSocketService *service;
  guint16 port;
  char *url;
  GMutex lock;
  GCond ready;
  GPtrArray *authorizations;  /* every Authorization header received */
  guint requests;
  gint stop;
} Server;

static char *
read_request (GInputStream *in)
{
  GString *request = g_string_new (NULL);
  char buf[4096];
  gssize n;
  gsize body_wanted = 0;
  const char *end;

  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    {
      g_string_append_len (request, buf, n);
      end = strstr (request->str, "\r\n\r\n");
      if (end == NULL)
        continue;
      if (body_wanted == 0)
        {
          const char *length = strcasestr (request->str, "\r\nContent-Length:");
          body_wanted = length && length < end ? g_ascii_strtoull (length + 17, NULL, 10) : 0;
        }
      if (request->len >= (gsize) (end + 4 - request->str) + body_wanted)
        break;
    }
  return g_string_free (request, FALSE);
}

static gboolean
serve_cb (GThreadedSocketService *service, GSocketConnection *connection, GObject *source, gpointer user_data)
{
  Server *s = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *request = read_request (in);
  const char *auth = strcasestr (request, "\r\nAuthorization: ");

  g_mutex_lock (&s->lock);
  s->requests++;
  if (auth != NULL)
    g_ptr_array_add (s->authorizations, g_strndup (auth + 17, strcspn (auth + 17, "\r\n")));
  g_mutex_unlock (&s->lock);

  if (s->mode == SERVE_STATUS)
    {
      g_autofree char *body = g_strdup_printf ("{\"error\": {\"code\": \"test\", \"message\": \"test server says %u\"}}",
                                               s->status);
      g_autofree char *answer = g_strdup_printf ("HTTP/1.1 %u Test\r\nContent-Type: application/json\r\n"
                                                 "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                                 s->status, strlen (body), body);
      g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
      return TRUE;
    }
  /* A byte every two seconds: never silent long enough for an idle timeout. */
  if (!g_output_stream_write_all (out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", 44, NULL, NULL, NULL))
    return TRUE;
  for (guint i = 0; i < 100000 && !g_atomic_int_get (&s->stop); i++)
    {
      if (!g_output_stream_write_all (out, "{", 1, NULL, NULL, NULL) || !g_output_stream_flush (out, NULL, NULL))
        break;
      for (guint j = 0; j < 20 && !g_atomic_int_get (&s->stop); j++)
        g_usleep (100 * 1000);
    }
  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  Server *s = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (s->context);
  s->service = g_threaded_socket_service_new (8);
  s->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (s->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (s->service, "run", G_CALLBACK (serve_cb), s);
  g_socket_service_start (s->service);
  g_mutex_lock (&s->lock);
  s->url = g_strdup_printf ("http://127.0.0.1:%u/", s->port);
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->lock);
  g_main_loop_run (s->loop);
  g_socket_service_stop (s->service);
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static Server *
server_start (ServeMode mode, guint status)
{
  Server *s = g_new0 (Server, 1);

  s->mode = mode;
  s->status = status;
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  s->authorizations = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&s->lock);
  g_cond_init (&s->ready);
  g_mutex_lock (&s->lock);
  s->thread = g_thread_new ("test-server", server_thread, s);
  while (s->url == NULL)
    g_cond_wait (&s->ready, &s->lock);
  g_mutex_unlock (&s->lock);
  return s;
}

static void
server_stop (Server *s)
{
  g_atomic_int_set (&s->stop, 1);
  g_main_loop_quit (s->loop);
  g_thread_join (s->thread);
  /* Connection threads end within a tick of @stop; the service outlives them by its own refs. */
  g_usleep (300 * 1000);
  g_object_unref (s->service);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_ptr_array_unref (s->authorizations);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->ready);
  g_free (s->url);
  g_free (s);
}

static guint
server_requests (Server *s)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = s->requests;
  g_mutex_unlock (&s->lock);
  return n;
}

/* ---- the client ---- */

typedef struct {
  HubFixture hub;     /* hub A; its directory holds the client's XDG_DATA_HOME */
  HubFixture other;   /* hub B */
  char *outbox_dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  hub_fixture_setup (&f->hub, FALSE);
  hub_fixture_setup (&f->other, FALSE);
  f->outbox_dir = g_build_filename (f->hub.xdg, "charta", "outbox", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  hub_fixture_teardown (&f->other);
  hub_fixture_teardown (&f->hub);
  g_free (f->outbox_dir);
}

typedef struct {
  GSubprocess *proc;
  char *out, *err;
  gboolean done;
} Ran;

static void
communicated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Ran *ran = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &ran->out, &ran->err, NULL);
  ran->done = TRUE;
}

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs charta-cli with @env ("NAME=VALUE", NULL-terminated) and no other CHARTA_ variable;
 * a run longer than @limit_s is killed and fails the test: nothing may hang. */
static int
cli (Fixture *f, const char * const *env, guint limit_s, double *elapsed, char **err, const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  guint timer;
  Ran ran = { 0 };
  int status;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->hub.xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "CHARTA_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "CHARTA_ENDPOINT");
  g_subprocess_launcher_unsetenv (launcher, "CHARTA_REQUEST_TIMEOUT");
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (args, (gpointer) g_getenv ("CHARTA_CLI_BIN"));
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  ran.proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (ran.proc, NULL, NULL, communicated_cb, &ran);
  timer = g_timeout_add_seconds (limit_s, set_true_cb, &timed_out);
  while (!ran.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!ran.done)
    {
      g_subprocess_force_exit (ran.proc);
      while (!ran.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timer);
  g_subprocess_wait (ran.proc, NULL, NULL);
  g_test_message ("charta-cli %s: %s after %.1f s\n%s%s", argv[0], timed_out ? "killed" : "done",
                  (g_get_monotonic_time () - start) / 1e6, ran.out ? ran.out : "", ran.err ? ran.err : "");
  g_assert_false (timed_out);
  if (elapsed)
    *elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (g_subprocess_get_if_exited (ran.proc));
  status = g_subprocess_get_exit_status (ran.proc);
  if (err)
    *err = g_steal_pointer (&ran.err);
  g_free (ran.out);
  g_free (ran.err);
  g_object_unref (ran.proc);
  return status;
}

/* Queues a report of a new project of CITY for @endpoint, as a push that could not get
 * through would; returns its id. */
static char *
queue (Fixture *f, const char *endpoint, const char *city_name)
{
  g_autoptr(ChartaProject) project = make_project (CITY, city_name);
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2024", &report);
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (f->outbox_dir);
  g_autoptr(ChartaOutboxEntry) entry = charta_outbox_entry_new (report, body, endpoint, NULL);
  g_autoptr(GError) error = NULL;

  entry->attempts = 1;
  entry->last_error = g_strdup ("cannot reach the hub");
  charta_outbox_put (outbox, entry, &error);
  g_assert_no_error (error);
  return g_strdup (report->id);
}

static GPtrArray *
outbox_entries (Fixture *f)
{
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (f->outbox_dir);
  g_autofree char *problems = NULL;
  GPtrArray *entries = charta_outbox_list (outbox, &problems, NULL);

  g_assert_nonnull (entries);
  g_assert_null (problems);
  return entries;
}

/* ---- a refusal keeps the report ---- */

static void
test_refused_kept (Fixture *f, gconstpointer data)
{
  guint status = GPOINTER_TO_UINT (data);
  Server *server = server_start (SERVE_STATUS, status);
  g_autofree char *id = queue (f, server->url, "Gent");
  g_autofree char *endpoint_env = g_strconcat ("CHARTA_ENDPOINT=", server->url, NULL);
  g_autofree char *err = NULL, *status_text = g_strdup_printf ("%u", status);
  g_autoptr(GPtrArray) entries = NULL;
  const char *env[] = { "CHARTA_TOKEN=chub_test", endpoint_env, NULL };
  const char *sync[] = { "sync", "--attempts", "1", "--max-wait", "10", NULL };
  const char *list[] = { "outbox", NULL };
  const char *remove[] = { "outbox", "remove", id, NULL };
  ChartaOutboxEntry *entry;

  /* The hub (or a proxy before it) refuses: the report stays, marked refused, and why. */
  g_assert_cmpint (cli (f, env, 20, NULL, &err, sync), ==, 1);
  g_assert_nonnull (strstr (err, status_text));
  entries = outbox_entries (f);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->report_id, ==, id);
  g_assert_true (entry->refused);
  g_assert_nonnull (strstr (entry->last_error, "test server says"));
  g_assert_cmpuint (server_requests (server), ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_pointer (&err, g_free);

  /* The next sync does not send it again, names it and still fails; the listing says it. */
  g_assert_cmpint (cli (f, env, 20, NULL, &err, sync), ==, 1);
  g_assert_nonnull (strstr (err, "outbox remove"));
  g_assert_cmpuint (server_requests (server), ==, 1);
  g_clear_pointer (&err, g_free);
  entries = outbox_entries (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_cmpint (cli (f, NULL, 20, NULL, NULL, list), ==, 0);

  /* Only the user removes it. */
  g_assert_cmpint (cli (f, NULL, 20, NULL, NULL, remove), ==, 0);
  entries = outbox_entries (f);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpint (cli (f, env, 20, NULL, NULL, sync), ==, 0);
  server_stop (server);
}

/* ---- a token per hub ---- */

static guint
stored_at (HubFixture *hub, const char *token)
{
  return hub_count_reports (hub, token, NULL);
}

static void
test_token_per_hub (Fixture *f, gconstpointer data)
{
  Server *recorder = server_start (SERVE_STATUS, 503);
  g_autofree char *token_a = NULL, *token_b = NULL, *id_c = NULL, *tokens_path = NULL, *tokens_text = NULL;
  g_autofree char *env_b = NULL, *env_a_token = NULL, *env_b_token = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *sync[] = { "sync", "--attempts", "1", "--max-wait", "20", NULL };
  const char *sync_file[] = { "sync", "--attempts", "1", "--max-wait", "20", "--tokens", NULL, NULL };
  const char *remove[] = { "outbox", "remove", NULL, NULL };

  hub_start (&f->hub, 0, NULL, 0);
  hub_start (&f->other, 0, NULL, 0);
  token_a = hub_token_add (&f->hub, CITY);
  token_b = hub_token_add (&f->other, CITY);
  g_free (queue (f, f->hub.url, "Gent"));
  g_free (queue (f, f->other.url, "Gent"));
  id_c = queue (f, recorder->url, "Gent");

  /* B's token with B's address: B's report is delivered; neither A nor the third server
   * is sent B's token (nor anything: there is no token for them). */
  env_b = g_strconcat ("CHARTA_ENDPOINT=", f->other.url, NULL);
  env_b_token = g_strconcat ("CHARTA_TOKEN=", token_b, NULL);
  {
    const char *env[] = { env_b_token, env_b, NULL };
    g_assert_cmpint (cli (f, env, 30, NULL, &err, sync), ==, 1);
  }
  g_assert_nonnull (strstr (err, "no token for"));
  g_assert_cmpuint (stored_at (&f->other, token_b), ==, 1);
  g_assert_cmpuint (stored_at (&f->hub, token_a), ==, 0);
  g_assert_cmpuint (server_requests (recorder), ==, 0);
  entries = outbox_entries (f);
  g_assert_cmpuint (entries->len, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_pointer (&err, g_free);

  /* CHARTA_TOKEN without the hub it is for is not sent anywhere. */
  {
    const char *env[] = { env_b_token, NULL };
    g_assert_cmpint (cli (f, env, 30, NULL, &err, sync), ==, 2);
  }
  g_assert_nonnull (strstr (err, "CHARTA_ENDPOINT"));
  g_clear_pointer (&err, g_free);

  /* A tokens file: private, one token per hub. */
  tokens_path = g_build_filename (f->hub.dir, "tokens", NULL);
  tokens_text = g_strdup_printf ("# hub tokens\n%s %s\n\n%s\t%s\n", f->hub.url, token_a, f->other.url, token_b);
  g_file_set_contents (tokens_path, tokens_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (tokens_path, 0640), ==, 0);
  sync_file[6] = tokens_path;
  g_assert_cmpint (cli (f, NULL, 30, NULL, &err, sync_file), ==, 2);
  g_assert_nonnull (strstr (err, "chmod 600"));
  g_assert_cmpuint (stored_at (&f->hub, token_a), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_chmod (tokens_path, 0600), ==, 0);
  g_assert_cmpint (cli (f, NULL, 30, NULL, &err, sync_file), ==, 1);
  g_assert_cmpuint (stored_at (&f->hub, token_a), ==, 1);
  g_assert_cmpuint (server_requests (recorder), ==, 0);
  g_clear_pointer (&err, g_free);

  /* The third server's report is the user's to remove; then all is delivered. */
  remove[2] = id_c;
  g_assert_cmpint (cli (f, NULL, 20, NULL, NULL, remove), ==, 0);
  g_assert_cmpint (cli (f, NULL, 30, NULL, NULL, sync_file), ==, 0);
  g_assert_cmpuint (server_requests (recorder), ==, 0);
  for (guint i = 0; i < recorder->authorizations->len; i++)
    g_assert_null (strstr (g_ptr_array_index (recorder->authorizations, i), token_b));
  server_stop (recorder);
}

/* ---- deadlines ---- */

static void
test_trickle_push_deadline (Fixture *f, gconstpointer data)
{
  Server *server = server_start (SERVE_TRICKLE, 0);
  g_autoptr(ChartaProject) project = make_project (CITY, "Gent");
  g_autofree char *path = save_project (&f->hub, project, "gent");
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *env[] = { "CHARTA_TOKEN=chub_test", "CHARTA_REQUEST_TIMEOUT=3", NULL };
  const char *push[] = { "push", path, "--endpoint", server->url, "--period", "2024", NULL };
  double elapsed = 0;

  /* A byte every two seconds never trips an idle timeout; the overall deadline ends it. */
  g_assert_cmpint (cli (f, env, 15, &elapsed, &err, push), ==, EXIT_TEMPFAIL);
  g_assert_nonnull (strstr (err, "did not answer within 3 seconds"));
  g_assert_cmpfloat (elapsed, <, 8);
  entries = outbox_entries (f);
  g_assert_cmpuint (entries->len, ==, 1);
  server_stop (server);
}

static void
test_trickle_sync_bound (Fixture *f, gconstpointer data)
{
  Server *server = server_start (SERVE_TRICKLE, 0);
  g_autofree char *endpoint_env = g_strconcat ("CHARTA_ENDPOINT=", server->url, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  /* Each request alone may take a minute; the whole sync may take 4 seconds. */
  const char *env[] = { "CHARTA_TOKEN=chub_test", endpoint_env, "CHARTA_REQUEST_TIMEOUT=60", NULL };
  const char *sync[] = { "sync", "--attempts", "3", "--max-wait", "4", NULL };
  double elapsed = 0;

  g_free (queue (f, server->url, "Gent"));
  g_free (queue (f, server->url, "Brugge"));
  g_assert_cmpint (cli (f, env, 15, &elapsed, NULL, sync), ==, EXIT_TEMPFAIL);
  g_assert_cmpfloat (elapsed, <, 8);
  entries = outbox_entries (f);
  g_assert_cmpuint (entries->len, ==, 2);
  server_stop (server);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/outbox/refused-kept/400", test_refused_kept, GUINT_TO_POINTER (400));
  ADD ("/outbox/refused-kept/404", test_refused_kept, GUINT_TO_POINTER (404));
  ADD ("/outbox/refused-kept/413", test_refused_kept, GUINT_TO_POINTER (413));
  ADD ("/outbox/token-per-hub", test_token_per_hub, NULL);
  ADD ("/outbox/deadline/push", test_trickle_push_deadline, NULL);
  ADD ("/outbox/deadline/sync", test_trickle_sync_bound, NULL);
#undef ADD
  return g_test_run ();
}
