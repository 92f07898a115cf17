/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-dashboard.h: the hub's pages for a browser (docs/hub-dashboard.md).
 *
 * Server-rendered HTML, no script: the network overview (/), a city (/city/ID), an item
 * (/item/ID), the sign-in page (/login) and sign-out (/logout), and their stylesheet.
 * Everything is read through the store's functions, the data the API answers with, and
 * translated into the reader's Accept-Language with the hub's catalogues.
 *
 * A session starts when a city's or a reader's token is given to /login: a random id in
 * a cookie (HttpOnly, SameSite=Strict, Secure under TLS), kept in memory, ended by
 * /logout, by its expiry, or by the token's revocation. Pages are kept, per language and
 * per what the reader may see, until the store's data version changes. */
#pragma once

#include <libsoup/soup.h>

#include "charta-hub-store.h"

G_BEGIN_DECLS

typedef struct _ChartaHubDashboard ChartaHubDashboard;

/* @store must outlive the dashboard. @tls: the hub serves HTTPS (the cookie is Secure).
 * @public_overview: the network overview needs no sign-in. */
ChartaHubDashboard *charta_hub_dashboard_new (ChartaHubStore *store,
                                              gboolean        tls,
                                              gboolean        public_overview);
void                charta_hub_dashboard_free (ChartaHubDashboard *self);

/* Whether @path is one of the dashboard's. */
gboolean            charta_hub_dashboard_owns (const char *path);

/* Answers @msg. @body: the request body (a sign-in form), or NULL. Returns FALSE when
 * the request was a sign-in with a wrong token: the caller counts it against the
 * address, as it does a wrong Bearer token. */
gboolean            charta_hub_dashboard_handle (ChartaHubDashboard *self,
                                                 SoupServerMessage  *msg,
                                                 const char         *path,
                                                 GHashTable         *query,
                                                 GBytes             *body);

/* Whether @cookie_header (a request's Cookie header) names a session that lasts, found
 * as a page's request finds it (its last use noted, a revoked token's session ended),
 * while the dashboard's pages are of the store's data @version. For the fast path
 * (charta-hub-fast.h), which answers with the page it answered that session before. */
gboolean            charta_hub_dashboard_has_session (ChartaHubDashboard *self,
                                                      const char         *cookie_header,
                                                      gint64              version);

/* The language a page is given in for @accept_language (an Accept-Language value, or NULL). */
const char         *charta_hub_dashboard_pick_language (ChartaHubDashboard *self,
                                                        const char         *accept_language);

/* A request to @path refused for too many attempts (status 429, Retry-After set by the
 * caller): a browser's sign-in form gets the sign-in page back with a message in its
 * language, and TRUE; FALSE for anything else (the caller answers in JSON). */
gboolean            charta_hub_dashboard_refuse_too_many (ChartaHubDashboard *self,
                                                          SoupServerMessage  *msg,
                                                          const char         *path);

G_END_DECLS
