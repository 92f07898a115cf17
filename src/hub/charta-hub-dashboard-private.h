/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-dashboard-private.h: what the dashboard's routes (charta-hub-dashboard.c)
 * and its pages (charta-hub-dashboard-pages.c) share.
 *
 * The model is everything the pages show, read through the store's own functions (the
 * list of report summaries, the reports' bodies, the network summary): built when a page
 * is asked for after a write, and dropped when the store's data version changes. It
 * starts with the summaries alone; a body or a period's network summary is read the
 * first time a page needs it, so the overview never parses a report's body. */
#pragma once

#include "charta-hub-dashboard-i18n.h"
#include "charta-hub-store.h"
#include "charta-json.h"

G_BEGIN_DECLS

typedef struct {
  char *city;
  char *id;
  char *period;
  char *received;
  ChartaNode *summary;   /* what GET /api/v1/reports lists of it: shared */
  ChartaNode *body;      /* the whole report, its city's own: read when a page needs it */
  gboolean body_read;
  ChartaHubStore *store;
} DashReport;

typedef struct {
  char *id;
  char *name;            /* the hub's registry name */
  GPtrArray *reports;    /* of DashReport, oldest period first */
} DashCity;

typedef struct {
  ChartaHubStore *store;
  GPtrArray *cities;     /* of DashCity, by name */
  GHashTable *by_id;     /* city id → DashCity */
  GPtrArray *periods;    /* of char *, newest first */
  GHashTable *summaries; /* period → ChartaNetworkSummary, read when first needed */
} DashModel;

DashModel  *dash_model_build (ChartaHubStore *store,
                              GError        **error);
void        dash_model_free (DashModel *model);

/* What a page shows: its title (text) and its <main> (HTML). */
typedef struct {
  char *title;
  char *main;
  guint status;
  GHashTable *rendered;  /* the whole page per session header, for charta-hub-dashboard.c */
} DashPage;

void        dash_page_free (DashPage *page);

/* @period NULL: the newest. NULL page: the store failed (see @error). */
DashPage   *dash_page_overview (DashModel         *model,
                                ChartaHubMessages *messages,
                                const char        *lang,
                                const char        *period,
                                GError           **error);
/* @full: with the city's actions and measures (its own session). */
DashPage   *dash_page_city (DashModel         *model,
                            ChartaHubMessages *messages,
                            const char        *lang,
                            const char        *city,
                            gboolean           full);
DashPage   *dash_page_item (DashModel         *model,
                            ChartaHubMessages *messages,
                            const char        *lang,
                            const char        *item,
                            const char        *period);
DashPage   *dash_page_not_found (ChartaHubMessages *messages,
                                 const char        *lang);

/* Appends @text HTML-escaped (for text and for quoted attribute values). */
void        dash_escape (GString    *out,
                         const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashModel, dash_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DashPage, dash_page_free)

G_END_DECLS
