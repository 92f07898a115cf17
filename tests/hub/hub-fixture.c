/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hub-fixture"
#include "config.h"

#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "charta-sync.h"
#include "hub-fixture.h"

static const char *
bin (const char *env)
{
  const char *path = g_getenv (env);

  if (path == NULL)
    g_error ("%s is not set: run the tests through meson test", env);
  return path;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
make_certificate (HubFixture *f)
{
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost",
                         "-keyout", f->key, "-out", f->cert, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* ---- PostgreSQL ---- */

static char *pg_dir;        /* the cluster of this test program */
static char *pg_conninfo;   /* its database "postgres" */

gboolean
hub_backend_is_pg (void)
{
  return g_strcmp0 (g_getenv ("CHARTA_HUB_TEST_BACKEND"), "postgresql") == 0;
}

const char *
hub_pg_dir (void)
{
  return pg_dir;
}

static char *
pg_script (void)
{
  return g_build_filename (bin ("G_TEST_SRCDIR"), "pg-start.sh", NULL);
}

/* One cluster per test program, started the first time a fixture needs it. The script
 * leaves a watcher behind that stops it once this process is gone, however it ends. */
static void
pg_cluster (void)
{
  g_autofree char *script = pg_script ();
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pg_dir != NULL)
    return;
  pg_dir = g_strdup_printf ("/tmp/charta-hub-pg-%d-%u", (int) getpid (), g_random_int ());
  {
    const char *argv[] = { script, "start", pg_dir, pid, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pg-start.sh start %s failed: %s", pg_dir, err);
  pg_conninfo = g_strdup (g_strstrip (out));
}

void
hub_pg_control (const char *what)
{
  g_autofree char *script = pg_script ();
  const char *argv[] = { script, what, pg_dir, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (pg_dir);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
pg_exec (const char *conninfo, const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

/* A new, empty database for one fixture. */
static char *
pg_database (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("hub_%u", ++n);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *base = NULL;

  pg_cluster ();
  pg_exec (pg_conninfo, create);
  base = g_strndup (pg_conninfo, strstr (pg_conninfo, "dbname=") - pg_conninfo);
  return g_strconcat (base, "dbname=", name, NULL);
}

void
hub_sql (HubFixture *f, const char *sql)
{
  g_autofree char *path = NULL;
  char *message = NULL;
  sqlite3 *db = NULL;

  if (f->database != NULL)
    {
      pg_exec (f->database, sql);
      return;
    }
  path = g_build_filename (f->data, "hub.sqlite", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* ---- the fixture ---- */

void
hub_fixture_setup (HubFixture *f, gboolean tls)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("charta-hub-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->data = g_build_filename (f->dir, "data", NULL);
  f->cert = g_build_filename (f->dir, "cert.pem", NULL);
  f->key = g_build_filename (f->dir, "key.pem", NULL);
  f->xdg = g_build_filename (f->dir, "xdg", NULL);
  f->tls = tls;
  f->database = hub_backend_is_pg () ? pg_database () : NULL;
  f->store_option = f->database ? g_strconcat ("--database=", f->database, NULL)
                                : g_strconcat ("--data=", f->data, NULL);
  if (tls)
    {
      make_certificate (f);
      g_setenv ("CHARTA_CA_FILE", f->cert, TRUE);
    }
  f->session = charta_soup_session_new ();
}

void
hub_fixture_teardown (HubFixture *f)
{
  if (f->hub != NULL)
    hub_kill (f, SIGTERM);
  g_clear_object (&f->session);
  g_unsetenv ("CHARTA_CA_FILE");
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data);
  g_free (f->database);
  g_free (f->store_option);
  g_free (f->log);
  g_free (f->cert);
  g_free (f->key);
  g_free (f->xdg);
  g_free (f->url);
}

guint16
hub_pick_port (void)
{
  /* Below Linux's ephemeral range (32768 and up), so no port-0 bind elsewhere takes it
   * between a hub's kill and its restart on the same port. */
  for (int i = 0; i < 100; i++)
    {
      guint16 port = (guint16) g_random_int_range (20000, 32000);
      g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

      if (socket != NULL && g_socket_bind (socket, address, TRUE, NULL))
        return port;
    }
  g_error ("no free port between 20000 and 32000");
}

/* A hub outlives no test: when the test process dies, so does the hub. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
hub_start (HubFixture *f, guint16 port, const char * const *extra, guint stall_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *stall = g_strdup_printf ("%u", stall_ms);
  const char *url;

  g_assert_null (f->hub);
  g_ptr_array_add (argv, g_strdup (bin ("CHARTA_HUB_BIN")));
  g_ptr_array_add (argv, g_strdup ("serve"));
  g_ptr_array_add (argv, g_strdup_printf ("--listen=127.0.0.1:%u", port));
  g_ptr_array_add (argv, g_strdup (f->store_option));
  if (f->tls)
    {
      g_ptr_array_add (argv, g_strdup_printf ("--tls-cert=%s", f->cert));
      g_ptr_array_add (argv, g_strdup_printf ("--tls-key=%s", f->key));
    }
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "CHARTA_HUB_DEBUG_STALL_MS", stall, TRUE);
  if (f->log != NULL)
    g_subprocess_launcher_set_stderr_file_path (launcher, f->log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->hub = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* The hub's first line names the port it got. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->hub));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "listening on ");
  g_assert_nonnull (url);
  g_free (f->url);
  f->url = g_strdup (url + strlen ("listening on "));
  f->port = (guint16) g_ascii_strtoull (strrchr (f->url, ':') + 1, NULL, 10);
  g_assert_cmpuint (f->port, >, 0);
}

void
hub_kill (HubFixture *f, int signum)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (f->hub);
  g_subprocess_send_signal (f->hub, signum);
  g_subprocess_wait (f->hub, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->hub);
}

char *
hub_token_add (HubFixture *f, const char *city)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  /* The city's name in the hub's registry: what the network sees, whatever reports say. */
  g_autofree char *name = g_strdup_printf ("City %.8s", city);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, bin ("CHARTA_HUB_BIN"), "token", "add",
                           f->store_option, "--city", city, "--name", name, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  g_assert_true (g_str_has_prefix (out, "chub_"));
  return g_strdup (g_strstrip (out));
}

static GSubprocessLauncher *
cli_launcher (HubFixture *f, const char *token, GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "CHARTA_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CHARTA_TOKEN");
  return launcher;
}

static GSubprocess *
spawn_cli_with (HubFixture *f, const char *token, GSubprocessFlags flags, const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher (f, token, flags);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (args, (gpointer) bin ("CHARTA_CLI_BIN"));
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

GSubprocess *
spawn_cli (HubFixture *f, const char *token, const char * const *argv)
{
  return spawn_cli_with (f, token, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, argv);
}

int
run_cli (HubFixture *f, const char *token, char **out, char **err, const char * const *argv)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;

  proc = spawn_cli_with (f, token, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, argv);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("charta-cli %s: exit %d\n%s%s", argv[0], g_subprocess_get_exit_status (proc),
                  stdout_text, stderr_text);
  if (out)
    *out = g_steal_pointer (&stdout_text);
  if (err)
    *err = g_steal_pointer (&stderr_text);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

guint
hub_request (HubFixture *f, const char *method, const char *path, const char *token, GBytes *body,
             const char * const *headers, GBytes **answer, SoupMessageHeaders **response_headers)
{
  g_autofree char *url = g_strconcat (f->url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *request_headers;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  request_headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (request_headers, "Authorization", value);
    }
  for (guint i = 0; headers && headers[i] && headers[i + 1]; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (answer)
    *answer = g_steal_pointer (&bytes);
  if (response_headers)
    *response_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return soup_message_get_status (msg);
}

guint64
hub_metric (HubFixture *f, const char *name)
{
  g_autoptr(GBytes) metrics = NULL;
  g_autofree char *text = NULL;
  g_autofree char *start = g_strconcat ("\n", name, " ", NULL);
  const char *line;

  g_assert_cmpuint (hub_request (f, "GET", "/metrics", NULL, NULL, NULL, &metrics, NULL), ==, 200);
  text = g_strndup (g_bytes_get_data (metrics, NULL), g_bytes_get_size (metrics));
  line = strstr (text, start);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (start), NULL, 10);
}

GSocket *
hub_connect_raw (HubFixture *f, int receive_buffer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, f->port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  /* A hub that stopped accepting leaves connections waiting: fail, not hang. */
  g_socket_set_timeout (socket, 20);
  if (receive_buffer > 0)
    g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, receive_buffer, NULL);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

void
hub_send_text (GSocket *socket, const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize len = strlen (text), sent = 0;

  while (sent < len)
    {
      gssize n = g_socket_send (socket, text + sent, len - sent, NULL, &error);
      g_assert_no_error (error);
      sent += (gsize) n;
    }
}

guint
hub_raw_request (HubFixture *f, const char *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  GInputStream *in;
  char buf[4096];
  gssize n;

  g_assert_false (f->tls);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", f->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, strlen (request),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0 && answer->len < 65536)
    g_string_append_len (answer, buf, n);
  if (!g_str_has_prefix (answer->str, "HTTP/1.1 ") && !g_str_has_prefix (answer->str, "HTTP/1.0 "))
    return 0;
  /* Every refusal carries a JSON error body. */
  g_assert_nonnull (strstr (answer->str, "\r\n\r\n{\n  \"error\": {"));
  return (guint) g_ascii_strtoull (answer->str + 9, NULL, 10);
}

static void
add_assessment (ChartaProject *p, const char *item, int level, const char *evidence, gboolean private)
{
  ChartaAssessment *a = charta_project_ensure_assessment (p, item);

  a->level = level;
  a->evidence = g_strdup (evidence);
  a->evidence_private = private;
}

ChartaProject *
make_project (const char *city_id, const char *city_name)
{
  ChartaProject *p = charta_project_new (city_name ? city_name : "Testville");
  ChartaAction *a;

  if (city_id != NULL)
    {
      g_free (p->city->id);
      p->city->id = g_strdup (city_id);
    }
  g_free (p->period->start);
  g_free (p->period->end);
  p->period->start = g_strdup ("2024-01-01");
  p->period->end = g_strdup ("2024-12-31");
  add_assessment (p, "charter.commitment.policymaker.1", 3, "Published plan", FALSE);
  add_assessment (p, "charter.commitment.employer.1", 2, "PRIVATE-EVIDENCE", TRUE);
  a = charta_action_new ("Training for front-desk staff");
  a->status = CHARTA_STATUS_IN_PROGRESS;
  a->notes = g_strdup ("PRIVATE-NOTE");
  g_ptr_array_add (p->actions, a);
  a = charta_action_new ("Translate the website");
  a->status = CHARTA_STATUS_DONE;
  g_ptr_array_add (p->actions, a);
  return p;
}

char *
save_project (HubFixture *f, const ChartaProject *project, const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".charta", NULL);
  char *path = g_build_filename (f->dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  charta_project_save_file (project, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

GBytes *
report_bytes (const ChartaProject *project, const char *period, ChartaReport **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) made = g_date_time_new_utc (2024, 12, 31, 12, 0, 0);
  ChartaReport *report = charta_report_new (project, period, made, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = charta_report_to_bytes (report);
  if (out)
    *out = report;
  else
    charta_report_free (report);
  return bytes;
}

guint
hub_count_reports (HubFixture *f, const char *token, const char *period)
{
  g_autofree char *path = period ? g_strdup_printf ("/api/v1/reports?period=%s", period) : g_strdup ("/api/v1/reports");
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(ChartaNode) root = NULL;
  const ChartaNode *list;
  gsize size;
  const char *data;

  g_assert_cmpuint (hub_request (f, "GET", path, token, NULL, NULL, &answer, NULL), ==, 200);
  data = g_bytes_get_data (answer, &size);
  root = charta_json_parse (data, size, NULL, NULL, NULL);
  g_assert_nonnull (root);
  list = charta_node_get_member (root, "reports");
  g_assert_nonnull (list);
  return list->array->len;
}

char *
json_get_string (GBytes *json, const char *path)
{
  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  g_autoptr(ChartaNode) root = NULL;
  const ChartaNode *node;
  gsize size;
  const char *data;

  if (json == NULL)
    return NULL;
  data = g_bytes_get_data (json, &size);
  root = charta_json_parse (data, size, NULL, NULL, NULL);
  node = root;
  for (guint i = 0; node && keys[i]; i++)
    node = node->type == CHARTA_NODE_OBJECT ? charta_node_get_member (node, keys[i]) : NULL;
  if (node == NULL)
    return NULL;
  if (node->type == CHARTA_NODE_STRING)
    return g_strdup (node->string);
  if (node->type == CHARTA_NODE_NUMBER)
    return g_strdup (node->number);
  return NULL;
}
