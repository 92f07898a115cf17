/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-listener.h: the hub's own accept loop in front of its SoupServer.
 *
 * libsoup 3.2's listener stops for good at the first failed accept() (EMFILE: out of file
 * descriptors), never closes a connection by itself and has no cap on connections. This
 * one accepts, keeps a reserve descriptor to shed a connection when the process is out of
 * descriptors, caps connections in total and per address, wraps TLS, hands each
 * connection to the SoupServer (soup_server_accept_iostream) and closes connections that
 * take too long to send their headers or body, or to take their answer.
 *
 * Connections are kept alive between requests, up to max_requests each and idle_timeout
 * seconds between two, but never by libsoup: libsoup 3.2.3 never releases a kept-alive
 * connection that its client closes between requests (fixed upstream in libsoup commit
 * d20c6601, not in Debian 12). The hub watches every connection between two requests
 * and takes it from libsoup before libsoup can see it end (see "keeping connections
 * alive" in charta-hub-listener.c). An idle connection gives way to a new one at the
 * connection caps. */
#pragma once

#include <libsoup/soup.h>

#include "charta-hub-fast.h"

G_BEGIN_DECLS

typedef struct {
  guint max_connections;       /* open at once, in total */
  guint max_per_address;       /* open at once, from one IP address */
  guint header_timeout;        /* s: from the connection (or a kept-alive request's first byte) to the request's last header (TLS handshake included) */
  guint body_timeout;          /* s: from the last header to the last byte of the body */
  guint answer_timeout;        /* s: from the whole request to the answer written */
  guint idle_timeout;          /* s: a kept-alive connection's wait for its next request */
  guint max_requests;          /* requests on one connection; the last is answered with Connection: close */
} ChartaHubLimits;

typedef struct {
  guint open;                  /* connections open now */
  guint64 accepted;
  guint64 refused_busy;        /* over a cap */
  guint64 shed_descriptors;    /* closed at once: the process was out of file descriptors */
  guint64 timed_out;
  guint64 idle_closed;         /* kept-alive connections closed by the hub: idle too long, or at a cap */
  guint64 fast_answers;        /* requests answered on the fast path (charta-hub-fast.h) */
} ChartaHubListenerStats;

typedef struct _ChartaHubListener ChartaHubListener;

/* Listens on @address (port 0: a free one) and hands connections to @soup, as TLS ones
 * when @certificate is given. */
ChartaHubListener *charta_hub_listener_new (SoupServer             *soup,
                                            GSocketAddress         *address,
                                            GTlsCertificate        *certificate,
                                            const ChartaHubLimits  *limits,
                                            GError                **error);
void               charta_hub_listener_free (ChartaHubListener *self);
/* The base URL, e.g. https://127.0.0.1:40123/ */
char              *charta_hub_listener_get_url (ChartaHubListener *self);
/* Kept-alive plain-HTTP connections' requests that charta_hub_fast_parse() takes are
 * offered to @func before libsoup sees them (see charta-hub-fast.h). */
void               charta_hub_listener_set_fast_path (ChartaHubListener *self,
                                                      ChartaHubFastFunc  func,
                                                      gpointer           user_data);
void               charta_hub_listener_get_stats (ChartaHubListener      *self,
                                                  ChartaHubListenerStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubListener, charta_hub_listener_free)

G_END_DECLS
