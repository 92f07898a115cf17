/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-fast.h: the hub's fast path for plain-HTTP GETs of cached pages.
 *
 * Before libsoup reads a request on a plain-HTTP connection (its first, or the next on a
 * kept-alive one) the listener peeks at the socket (charta-hub-listener.c). When the
 * bytes there are one whole request that this
 * parser fully understands — an HTTP/1.1 GET of a plain path, with only the headers
 * listed in charta-hub-fast.c, each well formed — the server may answer it from the
 * answers libsoup sent before (charta-hub-server.c, "the fast path"), byte for byte as
 * libsoup would, and the listener consumes the request and writes the answer itself.
 * Anything else is left unread, for libsoup, exactly as without the fast path.
 *
 * The parser refuses rather than guesses: a request it returns TRUE for is one libsoup
 * reads the same way. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No request head longer than this is looked at (libsoup takes longer ones). */
#define CHARTA_HUB_FAST_MAX_HEAD 4096

typedef struct {
  gsize length;                /* bytes of the request, its blank line included */
  const char *target;          /* the request target: "/", "/city/ID", "/api/v1/network/summary?period=2024" */
  const char *accept_language; /* each NULL when the request has none; values without surrounding blanks */
  const char *accept_encoding;
  const char *authorization;
  const char *cookie;
  gboolean close;              /* Connection: close (the only Connection header taken, besides keep-alive) */
  const char *address;         /* the client's IP address (set by the listener) */
} ChartaHubFastRequest;

/* An answer, in pieces written one after the other (writev): valid until the main loop
 * runs again. */
typedef struct {
  const void *data;
  gsize len;
  GBytes *bytes;               /* when not NULL, @data is its: a slow reader's rest holds a reference */
} ChartaHubFastPart;

#define CHARTA_HUB_FAST_PARTS 4

/* The server's side: fills @parts (unused ones with len 0) with the answer to @request
 * and returns TRUE, or returns FALSE and changes nothing (libsoup then reads it). Once it
 * returned TRUE the request counts as answered: rates, metrics, the access log. */
typedef gboolean (*ChartaHubFastFunc) (const ChartaHubFastRequest *request,
                                       ChartaHubFastPart          *parts,
                                       gpointer                    user_data);

/* Parses the request at the start of @buf (@len bytes, of which it writes NULs into the
 * copy it is given: @buf must be writable). TRUE when it is one the fast path takes. */
gboolean charta_hub_fast_parse (char                 *buf,
                                gsize                 len,
                                ChartaHubFastRequest *request);

/* The test hook: CHARTA_HUB_NO_FAST_PATH=1 in the hub's environment turns the fast path
 * off, so tests and bench/hub can compare its answers with libsoup's. */
gboolean charta_hub_fast_disabled (void);

G_END_DECLS
