/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-network.h: the network summary, what a hub tells its cities of one reporting
 * period: per framework item, how many cities report each level, and the median level,
 * over the latest report of each city. The hub builds it and writes it with
 * charta_network_summary_to_json(); the window reads what the hub sent with
 * charta_network_summary_from_node(). One type, one JSON shape (docs/hub-api.md). */
#pragma once

#include <glib.h>

#include "charta-json.h"

G_BEGIN_DECLS

#define CHARTA_NETWORK_ERROR (charta_network_error_quark ())

typedef enum {
  CHARTA_NETWORK_ERROR_INVALID,     /* not a network summary: see the message */
} ChartaNetworkError;

GQuark charta_network_error_quark (void);

typedef struct {
  char *item;
  int scale;          /* the number of levels of the item's framework */
  guint cities;       /* cities that report a level for the item */
  guint *counts;      /* cities at each level: counts[level - 1], for level 1 to scale */
  double median;
} ChartaNetworkItem;

typedef struct {
  char *period;
  guint cities;       /* cities with a report for the period */
  GPtrArray *items;   /* of ChartaNetworkItem, in catalogue order */
} ChartaNetworkSummary;

ChartaNetworkSummary    *charta_network_summary_new (const char *period,
                                                     guint       cities);
void                     charta_network_summary_free (ChartaNetworkSummary *summary);
/* Adds @item with the @n levels the cities reported on a scale of @scale; sorts @levels. */
void                     charta_network_summary_add_item (ChartaNetworkSummary *summary,
                                                          const char           *item,
                                                          int                   scale,
                                                          int                  *levels,
                                                          guint                 n);
const ChartaNetworkItem *charta_network_summary_find (const ChartaNetworkSummary *summary,
                                                      const char                 *item);
/* The canonical JSON text, without a trailing newline. */
char                    *charta_network_summary_to_json (const ChartaNetworkSummary *summary);
/* Reads what a hub sent; the message names the field that is wrong. */
ChartaNetworkSummary    *charta_network_summary_from_node (const ChartaNode *root,
                                                           GError          **error);

/* The median of @n sorted values (the mean of the middle two when @n is even; 0 for none). */
double                   charta_network_median (const int *sorted,
                                                guint      n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaNetworkSummary, charta_network_summary_free)

G_END_DECLS
