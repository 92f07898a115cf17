/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-server.h: the hub's HTTP API v1 (docs/hub-api.md) on a SoupServer.
 *
 * The main loop reads requests and answers reads; each report write is one database
 * transaction committed on the hub's writing thread, so a slow commit never holds a read
 * back. Checks that need no body (framing, address and token rates, token, size, id) run
 * once the headers are read, before the body; a body is kept only up to the size limit,
 * so an oversized or endless upload costs no memory. */
#pragma once

#include <gio/gio.h>

#include "charta-hub-listener.h"
#include "charta-hub-store.h"

G_BEGIN_DECLS

#define CHARTA_HUB_DEFAULT_MAX_BODY (1024 * 1024)
#define CHARTA_HUB_DEFAULT_RATE_LIMIT 120
#define CHARTA_HUB_DEFAULT_ADDRESS_RATE_LIMIT 600
#define CHARTA_HUB_DEFAULT_AUTH_FAILURES 10
#define CHARTA_HUB_DEFAULT_QUOTA_REPORTS 100
#define CHARTA_HUB_DEFAULT_QUOTA_BYTES (64 * 1024 * 1024)
#define CHARTA_HUB_DEFAULT_PAGE 100
#define CHARTA_HUB_MAX_PAGE 1000
#define CHARTA_HUB_DEFAULT_MAX_CONNECTIONS 512
#define CHARTA_HUB_DEFAULT_MAX_PER_ADDRESS 64
#define CHARTA_HUB_DEFAULT_HEADER_TIMEOUT 10
#define CHARTA_HUB_DEFAULT_BODY_TIMEOUT 30
#define CHARTA_HUB_DEFAULT_ANSWER_TIMEOUT 60
#define CHARTA_HUB_DEFAULT_IDLE_TIMEOUT 15
#define CHARTA_HUB_DEFAULT_MAX_REQUESTS 1000

typedef struct {
  gsize max_body;              /* bytes */
  guint rate_limit;            /* requests a minute per token; 0 for no limit */
  guint address_rate_limit;    /* requests a minute per IP address, with a token or not; 0 for no limit */
  guint auth_failures;         /* failed authentications a minute per IP address before it waits; 0: no limit */
  ChartaHubQuota quota;
  ChartaHubLimits limits;
  gboolean access_log;         /* one line per request on standard error */
  gboolean insecure_plain_http;/* plain HTTP on an address other than loopback */
  gboolean public_overview;    /* the dashboard's network overview needs no sign-in */
  guint debug_stall_ms;        /* tests only: hold each stored report's answer this long */
  guint debug_commit_stall_ms; /* tests only: hold each write's transaction open this long */
} ChartaHubOptions;

/* The defaults above. */
void charta_hub_options_init (ChartaHubOptions *options);

#define CHARTA_TYPE_HUB_SERVER (charta_hub_server_get_type ())
G_DECLARE_FINAL_TYPE (ChartaHubServer, charta_hub_server, CHARTA, HUB_SERVER, GObject)

/* @store must outlive the server. */
ChartaHubServer *charta_hub_server_new (ChartaHubStore          *store,
                                        const ChartaHubOptions  *options);
/* Listens on @address ("127.0.0.1:8080", "[::1]:0"; port 0 picks a free one), with TLS
 * when @certificate is given. Plain HTTP is refused on an address other than loopback
 * unless the options allow it. */
gboolean         charta_hub_server_listen (ChartaHubServer  *self,
                                           const char       *address,
                                           GTlsCertificate  *certificate,
                                           GError          **error);
/* The base URL the server listens on, e.g. https://127.0.0.1:40123/ */
char            *charta_hub_server_get_url (ChartaHubServer *self);

/* The GnuTLS priority the hub serves TLS with, unless G_TLS_GNUTLS_PRIORITY says
 * otherwise: TLS 1.2 and 1.3, forward-secret key exchanges only. Set it (with
 * g_setenv) before anything uses TLS. */
#define CHARTA_HUB_TLS_PRIORITY "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-RSA:-CIPHER-ALL:" \
                                "+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305:%SERVER_PRECEDENCE"

/* The reason phrase for @status where libsoup 3.2 has none (429), else NULL (libsoup's own). */
const char *charta_hub_reason_phrase (guint status);

G_END_DECLS
