/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-server.h: the hub's HTTP API v1 (docs/hub-api.md) on a SoupServer.
 *
 * One thread, one main loop: requests are answered one at a time between reads, and
 * each write is one SQLite transaction committed before the answer goes out. Checks that
 * need no body (token, rate, size, id) run before the body is read; a body is kept only
 * up to the size limit, so an oversized or endless upload costs no memory. */
#pragma once

#include <gio/gio.h>

#include "charta-hub-store.h"

G_BEGIN_DECLS

#define CHARTA_HUB_DEFAULT_MAX_BODY (1024 * 1024)
#define CHARTA_HUB_DEFAULT_RATE_LIMIT 120

typedef struct {
  gsize max_body;          /* bytes */
  guint rate_limit;        /* requests a minute per token; 0 for no limit */
  gboolean access_log;     /* one line per request on standard error */
  guint debug_stall_ms;    /* tests only: hold each stored report's answer this long */
} ChartaHubOptions;

#define CHARTA_TYPE_HUB_SERVER (charta_hub_server_get_type ())
G_DECLARE_FINAL_TYPE (ChartaHubServer, charta_hub_server, CHARTA, HUB_SERVER, GObject)

/* @store must outlive the server. */
ChartaHubServer *charta_hub_server_new (ChartaHubStore          *store,
                                        const ChartaHubOptions  *options);
/* Listens on @address ("127.0.0.1:8080", "[::1]:0"; port 0 picks a free one), with TLS
 * when @certificate is given. */
gboolean         charta_hub_server_listen (ChartaHubServer  *self,
                                           const char       *address,
                                           GTlsCertificate  *certificate,
                                           GError          **error);
/* The base URL the server listens on, e.g. https://127.0.0.1:40123/ */
char            *charta_hub_server_get_url (ChartaHubServer *self);

G_END_DECLS
