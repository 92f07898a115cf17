/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub: where cities' progress reports meet. One binary: the server and its tokens. */
#define G_LOG_DOMAIN "charta-hub"
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "charta-hub-server.h"
#include "charta-hub-store.h"
#include "charta-format.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  g_printerr (_("Try “%s --help” for more information."), g_get_prgname ());
  g_printerr ("\n");
  return EXIT_USAGE;
}

static gboolean
parse_args (const char *parameters, const char *summary, GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  usage_error (error->message);
  return FALSE;
}

/* Every command takes its store the same way: --data DIR (SQLite, the default) or
 * --database CONNINFO (PostgreSQL), exactly one of them. */
#define STORE_ENTRIES(data, database) \
  { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, N_("The data directory (an SQLite database in it)"), N_("DIR") }, \
  { "database", 0, 0, G_OPTION_ARG_STRING, &database, \
    N_("A PostgreSQL database instead: a postgresql:// URI or a libpq connection string"), N_("CONNINFO") }

static gboolean
one_store (const char *data, const char *database)
{
  return (data == NULL) != (database == NULL);
}

static ChartaHubStore *
open_store (const char *data_dir, const char *database)
{
  g_autoptr(GError) error = NULL;
  ChartaHubStore *store = database ? charta_hub_store_open_database (database, &error)
                                   : charta_hub_store_open (data_dir, &error);

  if (store == NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return store;
}

/* ---- serve ---- */

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static guint
debug_ms (const char *name)
{
  const char *value = g_getenv (name);
  guint64 ms = 0;

  if (value != NULL && !g_ascii_string_to_unsigned (value, 10, 0, 60000, &ms, NULL))
    ms = 0;
  return (guint) ms;
}

static gboolean
in_range (gint64 value, gint64 min, gint64 max, const char *option)
{
  g_autofree char *message = NULL;

  if (value >= min && value <= max)
    return TRUE;
  {
    /* Numbers as text first: xgettext cannot see through G_GINT64_FORMAT. */
    g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
    g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

    /* Translators: an option's allowed range, e.g. "--max-connections: from 1 to 65536" */
    message = g_strdup_printf (_("%s: from %s to %s"), option, low, high);
  }
  usage_error (message);
  return FALSE;
}

static gboolean
check_options (gint64 max_body, const int *counts, const char * const *names, guint n)
{
  if (!in_range (max_body, 1024, G_MAXINT32, "--max-body"))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!in_range (counts[i], 0, G_MAXINT32, names[i]))
      return FALSE;
  return TRUE;
}

/* Each connection takes a file descriptor: the soft limit goes up to the hard one (a
 * service manager's soft default of 1024 is low for a server), and the operator hears
 * when the connection cap is still above it. */
static void
check_descriptors (guint max_connections)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return;
  if (limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = MIN (limit.rlim_max, (rlim_t) 65536);
      setrlimit (RLIMIT_NOFILE, &limit);
      getrlimit (RLIMIT_NOFILE, &limit);
    }
  if ((rlim_t) max_connections + 64 > limit.rlim_cur)
    g_warning ("event=config --max-connections=%u is more than ulimit -n %lu leaves room for: connections past "
               "the descriptors are closed at once", max_connections, (unsigned long) limit.rlim_cur);
}

static void
serve_tls_priority (void)
{
  /* Read by glib-networking once, when the first TLS connection is made: TLS 1.2 and
   * 1.3 only, forward-secret suites only. An operator may still set their own. */
  g_setenv ("G_TLS_GNUTLS_PRIORITY", CHARTA_HUB_TLS_PRIORITY, FALSE);
}

static int
cmd_serve (int argc, char **argv)
{
  g_autofree char *listen = NULL, *data = NULL, *database = NULL, *cert_file = NULL, *key_file = NULL, *url = NULL;
  g_autoptr(ChartaHubStore) store = NULL;
  g_autoptr(ChartaHubServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  ChartaHubOptions options;
  gint64 max_body = CHARTA_HUB_DEFAULT_MAX_BODY, quota_bytes = CHARTA_HUB_DEFAULT_QUOTA_BYTES;
  int counts[] = {
    CHARTA_HUB_DEFAULT_RATE_LIMIT, CHARTA_HUB_DEFAULT_ADDRESS_RATE_LIMIT, CHARTA_HUB_DEFAULT_AUTH_FAILURES,
    CHARTA_HUB_DEFAULT_QUOTA_REPORTS, CHARTA_HUB_DEFAULT_MAX_CONNECTIONS, CHARTA_HUB_DEFAULT_MAX_PER_ADDRESS,
    CHARTA_HUB_DEFAULT_HEADER_TIMEOUT, CHARTA_HUB_DEFAULT_BODY_TIMEOUT, CHARTA_HUB_DEFAULT_IDLE_TIMEOUT,
  };
  const char * const names[] = {
    "--rate-limit", "--address-rate-limit", "--auth-failures", "--quota-reports", "--max-connections",
    "--max-connections-per-address", "--header-timeout", "--body-timeout", "--idle-timeout",
  };
  gboolean access_log = FALSE, insecure = FALSE, public_overview = FALSE;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port (default 127.0.0.1:8080; port 0 picks a free one)"), N_("ADDR:PORT") },
    STORE_ENTRIES (data, database),
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_file, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("TLS private key (PEM)"), N_("FILE") },
    { "insecure-plain-http", 0, 0, G_OPTION_ARG_NONE, &insecure, N_("Serve plain HTTP on an address other than loopback (only behind a TLS proxy)"), NULL },
    { "max-body", 0, 0, G_OPTION_ARG_INT64, &max_body, N_("Largest report accepted, in bytes (default 1 MiB)"), N_("BYTES") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &counts[0], N_("Requests a minute per token (default 120; 0: no limit)"), N_("N") },
    { "address-rate-limit", 0, 0, G_OPTION_ARG_INT, &counts[1], N_("Requests a minute per IP address (default 600; 0: no limit)"), N_("N") },
    { "auth-failures", 0, 0, G_OPTION_ARG_INT, &counts[2], N_("Failed authentications a minute per IP address before it must wait (default 10; 0: no limit)"), N_("N") },
    { "quota-reports", 0, 0, G_OPTION_ARG_INT, &counts[3], N_("Reports a city may keep per reporting period (default 100; 0: no limit)"), N_("N") },
    { "quota-bytes", 0, 0, G_OPTION_ARG_INT64, &quota_bytes, N_("Bytes a city's reports may take in all (default 64 MiB; 0: no limit)"), N_("BYTES") },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &counts[4], N_("Connections open at once (default 512)"), N_("N") },
    { "max-connections-per-address", 0, 0, G_OPTION_ARG_INT, &counts[5], N_("Connections open at once from one IP address (default 64)"), N_("N") },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &counts[6], N_("Seconds a client has to send a request's headers, TLS handshake included (default 10)"), N_("S") },
    { "body-timeout", 0, 0, G_OPTION_ARG_INT, &counts[7], N_("Seconds a client has to send a request's body (default 30)"), N_("S") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &counts[8], N_("Seconds a kept-alive connection may wait for its next request (default 15)"), N_("S") },
    { "access-log", 0, 0, G_OPTION_ARG_NONE, &access_log, N_("Log each request on standard error"), NULL },
    { "public-overview", 0, 0, G_OPTION_ARG_NONE, &public_overview, N_("Show the dashboard’s network overview without signing in"), NULL },
    { NULL }
  };

  if (!parse_args (NULL, _("Serve the hub's API v1."), entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || !one_store (data, database))
    return usage_error (_("serve needs --data DIR or --database CONNINFO"));
  if ((cert_file == NULL) != (key_file == NULL))
    return usage_error (_("--tls-cert and --tls-key go together"));
  if (!check_options (max_body, counts, names, G_N_ELEMENTS (counts)) ||
      !in_range (quota_bytes, 0, G_MAXINT64, "--quota-bytes") || !in_range (counts[4], 1, G_MAXINT32, names[4]) ||
      !in_range (counts[5], 1, G_MAXINT32, names[5]) || !in_range (counts[6], 1, 3600, names[6]) ||
      !in_range (counts[7], 1, 3600, names[7]) || !in_range (counts[8], 1, 3600, names[8]))
    return EXIT_USAGE;
  serve_tls_priority ();
  if (cert_file != NULL)
    {
      certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
      if (certificate == NULL)
        {
          g_printerr ("%s: %s: %s\n", g_get_prgname (), cert_file, error->message);
          return EXIT_FAILED;
        }
    }
  store = open_store (data, database);
  if (store == NULL)
    return EXIT_FAILED;

  charta_hub_options_init (&options);
  options.max_body = (gsize) max_body;
  options.rate_limit = (guint) counts[0];
  options.address_rate_limit = (guint) counts[1];
  options.auth_failures = (guint) counts[2];
  options.quota.reports_per_period = (guint) counts[3];
  options.quota.bytes = (guint64) quota_bytes;
  options.limits.max_connections = (guint) counts[4];
  options.limits.max_per_address = (guint) counts[5];
  options.limits.header_timeout = (guint) counts[6];
  options.limits.body_timeout = (guint) counts[7];
  options.limits.idle_timeout = (guint) counts[8];
  options.access_log = access_log;
  options.insecure_plain_http = insecure;
  options.public_overview = public_overview;
  options.debug_stall_ms = debug_ms ("CHARTA_HUB_DEBUG_STALL_MS");
  options.debug_commit_stall_ms = debug_ms ("CHARTA_HUB_DEBUG_COMMIT_STALL_MS");
  check_descriptors (options.limits.max_connections);
  server = charta_hub_server_new (store, &options);
  if (!charta_hub_server_listen (server, listen ? listen : "127.0.0.1:8080", certificate, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  url = charta_hub_server_get_url (server);
  /* The first line of standard output, for scripts and tests: the actual port. */
  g_print ("charta-hub: listening on %s\n", url);
  fflush (stdout);
  g_main_loop_run (loop);
  return EXIT_OK;
}

/* ---- token ---- */

static int
cmd_token_add (int argc, char **argv)
{
  g_autofree char *data = NULL, *database = NULL, *city = NULL, *name = NULL, *token = NULL;
  g_autoptr(ChartaHubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reader = FALSE;
  GOptionEntry entries[] = {
    STORE_ENTRIES (data, database),
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city id (a UUID) the token may report for"), N_("CITY-ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The city's name as the network sees it (needed the first time), or the reader's"), N_("NAME") },
    { "reader", 0, 0, G_OPTION_ARG_NONE, &reader, N_("A token that may only list reports and read the network summary"), NULL },
    { NULL }
  };

  if (!parse_args (NULL, _("Make a token for a city or a reader and print it: it is shown only this once."), entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || !one_store (data, database) || (city == NULL) == !reader)
    return usage_error (_("token add needs --data DIR (or --database CONNINFO) and either --city CITY-ID [--name NAME] "
                          "or --reader --name NAME"));
  if (city != NULL && !g_uuid_string_is_valid (city))
    return usage_error (_("the city id is a UUID, as in the project file’s city.id"));
  if (reader && name == NULL)
    return usage_error (_("a reader’s token needs --name NAME"));
  store = open_store (data, database);
  if (store == NULL)
    return EXIT_FAILED;
  token = charta_hub_store_add_token (store, city, name, NULL, &error);
  if (token == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  g_print ("%s\n", token);
  return EXIT_OK;
}

static int
cmd_token_list (int argc, char **argv)
{
  g_autofree char *data = NULL, *database = NULL;
  g_autoptr(ChartaHubStore) store = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    STORE_ENTRIES (data, database),
    { NULL }
  };

  if (!parse_args (NULL, _("List the tokens: id, city (or reader), name, when made, whether revoked."), entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || !one_store (data, database))
    return usage_error (_("token list needs --data DIR or --database CONNINFO"));
  store = open_store (data, database);
  if (store == NULL)
    return EXIT_FAILED;
  tokens = charta_hub_store_list_tokens (store, &error);
  if (tokens == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      ChartaHubToken *t = g_ptr_array_index (tokens, i);
      g_autofree char *state = t->revoked ? g_strdup_printf (_("revoked %s"), t->revoked) : g_strdup (_("active"));
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", t->id, t->city ? t->city : _("reader"),
               t->name ? t->name : "", t->created, state);
    }
  return EXIT_OK;
}

static int
cmd_token_revoke (int argc, char **argv)
{
  g_autofree char *data = NULL, *database = NULL;
  g_autoptr(ChartaHubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 id;
  GOptionEntry entries[] = {
    STORE_ENTRIES (data, database),
    { NULL }
  };

  if (!parse_args (_("ID"), _("Revoke a token (ID from “token list”); it is refused from then on."), entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !one_store (data, database) || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return usage_error (_("token revoke needs --data DIR (or --database CONNINFO) and a token ID"));
  store = open_store (data, database);
  if (store == NULL)
    return EXIT_FAILED;
  if (!charta_hub_store_revoke_token (store, (gint64) id, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

/* ---- report ---- */

static int
cmd_report_list (int argc, char **argv)
{
  g_autofree char *data = NULL, *database = NULL, *city = NULL;
  g_autoptr(ChartaHubStore) store = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    STORE_ENTRIES (data, database),
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("Only this city's reports"), N_("CITY-ID") },
    { NULL }
  };

  if (!parse_args (NULL, _("List the reports: city, name, id, period, when received, bytes."), entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || !one_store (data, database) || (city != NULL && !g_uuid_string_is_valid (city)))
    return usage_error (_("report list needs --data DIR (or --database CONNINFO) [--city CITY-ID]"));
  store = open_store (data, database);
  if (store == NULL)
    return EXIT_FAILED;
  lines = charta_hub_store_list_report_lines (store, city, &error);
  if (lines == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < lines->len; i++)
    g_print ("%s\n", (char *) g_ptr_array_index (lines, i));
  return EXIT_OK;
}

static int
cmd_report_remove (int argc, char **argv)
{
  g_autofree char *data = NULL, *database = NULL, *city = NULL;
  g_autoptr(ChartaHubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    STORE_ENTRIES (data, database),
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city whose report it is"), N_("CITY-ID") },
    { NULL }
  };

  if (!parse_args (_("REPORT-ID"), _("Remove a city's report (ids from “report list”); a running hub sees it at once."),
                   entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !one_store (data, database) || city == NULL || !g_uuid_string_is_valid (city) ||
      !g_uuid_string_is_valid (argv[1]))
    return usage_error (_("report remove needs --data DIR (or --database CONNINFO), --city CITY-ID and a report id"));
  store = open_store (data, database);
  if (store == NULL)
    return EXIT_FAILED;
  if (!charta_hub_store_remove_report (store, city, argv[1], &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static const Command report_commands[] = {
  { "list", cmd_report_list, N_("List the reports") },
  { "remove", cmd_report_remove, N_("Remove a report") },
};

static const Command token_commands[] = {
  { "add", cmd_token_add, N_("Make a token for a city or a reader") },
  { "list", cmd_token_list, N_("List the tokens") },
  { "revoke", cmd_token_revoke, N_("Revoke a token") },
};

static const Command commands[] = {
  { "serve", cmd_serve, N_("Serve the API") },
  { "token", NULL, N_("Make, list and revoke tokens") },
  { "report", NULL, N_("List and remove reports") },
};

static void
print_usage (FILE *to)
{
  fprintf (to, "%s\n  charta-hub serve --listen ADDR:PORT STORE [--tls-cert FILE --tls-key FILE]\n"
               "  charta-hub token add STORE --city CITY-ID [--name NAME]\n"
               "  charta-hub token add STORE --reader --name NAME\n"
               "  charta-hub token list STORE\n"
               "  charta-hub token revoke STORE ID\n"
               "  charta-hub report list STORE [--city CITY-ID]\n"
               "  charta-hub report remove STORE --city CITY-ID REPORT-ID\n\n%s\n"
               "  --data DIR               %s\n  --database CONNINFO      %s\n\n%s\n",
           _("Usage:"), _("STORE is one of:"), _("an SQLite database in DIR (the default; made when missing)"),
           _("PostgreSQL, e.g. postgresql://charta@db.example.org/charta or \"host=/run/postgresql dbname=charta\""),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
}

static int
run_command (const Command *table, guint n, const char *group, int argc, char **argv)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (argv[0], table[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("charta-hub %s%s%s", group ? group : "", group ? " " : "",
                                                    table[i].name);
        g_set_prgname (prgname);
        return table[i].run (argc, argv);
      }
  g_printerr (_("charta-hub: unknown command “%s”\n\n"), argv[0]);
  print_usage (stderr);
  return EXIT_USAGE;
}

int
main (int argc, char **argv)
{

  charta_i18n_init ();
  g_set_prgname ("charta-hub");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("charta-hub %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (strcmp (argv[1], "token") == 0)
    {
      if (argc < 3)
        {
          print_usage (stderr);
          return EXIT_USAGE;
        }
      return run_command (token_commands, G_N_ELEMENTS (token_commands), "token", argc - 2, argv + 2);
    }
  if (strcmp (argv[1], "report") == 0)
    {
      if (argc < 3)
        {
          print_usage (stderr);
          return EXIT_USAGE;
        }
      return run_command (report_commands, G_N_ELEMENTS (report_commands), "report", argc - 2, argv + 2);
    }
  return run_command (commands, 1, NULL, argc - 1, argv + 1);
}
