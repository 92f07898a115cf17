/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* Network Comparison: per framework item the city has assessed, its level beside the
 * network's median and the number of cities that report the item, from the hub's
 * GET /api/v1/network/summary?period=P (fetched without blocking, with the city's token). */
#define CHARTA_TYPE_COMPARE_PAGE (charta_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaComparePage, charta_compare_page, CHARTA, COMPARE_PAGE, GtkWidget)

GtkWidget  *charta_compare_page_new (void);
void        charta_compare_page_set_document (ChartaComparePage *self,
                                              ChartaDocument    *document);
void        charta_compare_page_set_endpoint (ChartaComparePage *self,
                                              const char        *endpoint);
void        charta_compare_page_set_period (ChartaComparePage *self,
                                            const char        *period);
/* Fetches the network summary again. */
void        charta_compare_page_reload (ChartaComparePage *self);
/* "no-hub", "loading", "error" or "loaded": what the page shows. */
const char *charta_compare_page_get_state (ChartaComparePage *self);

G_END_DECLS
