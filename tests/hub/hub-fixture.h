/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hub-fixture.h: the real charta-hub on 127.0.0.1, started by tests, with a temporary
 * data directory and a self-signed certificate made at test time by the openssl CLI;
 * and the real charta-cli run against it.
 *
 * With CHARTA_HUB_TEST_BACKEND=postgresql (the suite hub-pg), the hub stores in a real
 * PostgreSQL instead of SQLite: one throw-away cluster per test program, started by
 * tests/hub/pg-start.sh on a Unix socket, and a new database for each fixture. */
#pragma once

#include <libsoup/soup.h>

#include "charta-project.h"
#include "charta-report.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;          /* everything of this test lives under it */
  char *data;         /* the hub's data directory (SQLite) */
  char *database;     /* or its PostgreSQL connection string (NULL with SQLite) */
  char *store_option; /* "--data=DIR" or "--database=CONNINFO", for charta-hub commands */
  char *cert;
  char *key;
  char *xdg;          /* XDG_DATA_HOME of the client */
  gboolean tls;
  GSubprocess *hub;
  char *url;          /* base URL, ends with / */
  char *log;          /* when set, hub_start() sends the hub's standard error to this file */
  guint16 port;
  SoupSession *session;
} HubFixture;

/* @tls: serve https with a certificate made now (the client trusts it by CHARTA_CA_FILE). */
void         hub_fixture_setup (HubFixture *f,
                                gboolean    tls);
void         hub_fixture_teardown (HubFixture *f);

/* Starts charta-hub serve on @port (0: a free one) with @extra arguments (NULL-terminated
 * or NULL) and @stall_ms as the test-only stall after storing a report. */
void         hub_start (HubFixture         *f,
                        guint16             port,
                        const char * const *extra,
                        guint               stall_ms);
/* Whether the hubs of this test program store in PostgreSQL. */
gboolean     hub_backend_is_pg (void);
/* Runs @sql on the hub's database, behind the hub's back. */
void         hub_sql (HubFixture *f,
                      const char *sql);
/* The cluster's folder, for tests/hub/pg-start.sh restart; NULL with SQLite. */
const char  *hub_pg_dir (void);
/* Runs tests/hub/pg-start.sh @what (restart, crash, resume) on the PostgreSQL of this
 * test program. */
void         hub_pg_control (const char *what);

/* A free port on 127.0.0.1 for a hub that will be restarted on it. */
guint16      hub_pick_port (void);
void         hub_kill (HubFixture *f,
                       int         signum);
char        *hub_token_add (HubFixture *f,
                            const char *city);

/* Runs charta-cli with @token as CHARTA_TOKEN (NULL: unset); returns the exit status.
 * *@out / *@err (optional) receive what it printed. */
int          run_cli (HubFixture         *f,
                      const char         *token,
                      char              **out,
                      char              **err,
                      const char * const *argv);
GSubprocess *spawn_cli (HubFixture         *f,
                        const char         *token,
                        const char * const *argv);

/* A request to the hub; returns the status, *@answer (optional) the body. */
guint        hub_request (HubFixture          *f,
                          const char          *method,
                          const char          *path,
                          const char          *token,
                          GBytes              *body,
                          const char * const  *headers,
                          GBytes             **answer,
                          SoupMessageHeaders **response_headers);
/* Writes @request as is on a plain TCP connection to the hub (no TLS) and returns the
 * status of the answer: for paths no HTTP client library would send. */
guint        hub_raw_request (HubFixture *f,
                              const char *request);

/* The value of the metric @name (without labels) in the hub's /metrics. */
guint64      hub_metric (HubFixture *f,
                         const char *name);
/* A plain TCP connection to the hub (no TLS), whose reads and writes fail after 20 s
 * rather than hang; @receive_buffer: its SO_RCVBUF in bytes, 0 for the system's. */
GSocket     *hub_connect_raw (HubFixture *f,
                              int         receive_buffer);
/* Sends all of @text on @socket. */
void         hub_send_text (GSocket    *socket,
                            const char *text);

/* A valid project with a few levels, actions and measures; @city NULL for a random one. */
ChartaProject *make_project (const char *city_id,
                             const char *city_name);
char          *save_project (HubFixture          *f,
                             const ChartaProject *project,
                             const char          *name);
GBytes        *report_bytes (const ChartaProject *project,
                             const char          *period,
                             ChartaReport       **report);
/* The number of reports the hub lists (for @period when not NULL). */
guint          hub_count_reports (HubFixture *f,
                                  const char *token,
                                  const char *period);
/* The member @key of the top-level object in @json, as text; NULL when none. */
char          *json_get_string (GBytes     *json,
                                const char *path);

G_END_DECLS
