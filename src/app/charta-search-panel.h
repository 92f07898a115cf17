/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"
#include "charta-search.h"

G_BEGIN_DECLS

/* A search hit as a list item, for the results list's row template. */
#define CHARTA_TYPE_SEARCH_HIT (charta_search_hit_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSearchHit, charta_search_hit, CHARTA, SEARCH_HIT, GObject)

const ChartaHit *charta_search_hit_get_hit (ChartaSearchHit *self);

/* The sidebar's search: the search bar and, while there is a query, its hits in place of
 * the tree ("searching"). Activating a hit emits "hit-activated" with the hit's kind
 * (ChartaHitKind) and id. */
#define CHARTA_TYPE_SEARCH_PANEL (charta_search_panel_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSearchPanel, charta_search_panel, CHARTA, SEARCH_PANEL, GtkWidget)

GtkWidget      *charta_search_panel_new (void);
ChartaDocument *charta_search_panel_get_document (ChartaSearchPanel *self);
void            charta_search_panel_set_document (ChartaSearchPanel *self,
                                                  ChartaDocument    *document);
gboolean        charta_search_panel_get_search_mode (ChartaSearchPanel *self);
void            charta_search_panel_set_search_mode (ChartaSearchPanel *self,
                                                     gboolean           search_mode);
/* TRUE while a query is typed: the hits are shown. */
gboolean        charta_search_panel_get_searching (ChartaSearchPanel *self);
/* Opens the search bar and puts the keyboard in its entry. */
void            charta_search_panel_focus (ChartaSearchPanel *self);

G_END_DECLS
