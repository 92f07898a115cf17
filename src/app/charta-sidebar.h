/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"
#include "charta-sidebar-item.h"

G_BEGIN_DECLS

/* The window's sidebar: the document's pages as a tree (the overview, the Charter's roles
 * with their commitments and the DIVE areas serving them, the key factors, the action plan,
 * the records, the comparison), each row with its progress as subtitle. It owns its tree
 * model; choosing a row emits "row-activated" and the window shows that row's page. */
#define CHARTA_TYPE_SIDEBAR (charta_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSidebar, charta_sidebar, CHARTA, SIDEBAR, GtkWidget)

GtkWidget         *charta_sidebar_new (void);
ChartaDocument    *charta_sidebar_get_document (ChartaSidebar *self);
void               charta_sidebar_set_document (ChartaSidebar  *self,
                                                ChartaDocument *document);
/* Shown as the comparison row's subtitle; NULL for none. */
const char        *charta_sidebar_get_hub_endpoint (ChartaSidebar *self);
void               charta_sidebar_set_hub_endpoint (ChartaSidebar *self,
                                                    const char    *endpoint);
/* The row selected, or NULL. */
ChartaSidebarItem *charta_sidebar_get_selected (ChartaSidebar *self);
/* Selects the first row showing @item_id (an area may have two rows); FALSE when no row
 * shows it. */
gboolean           charta_sidebar_select_item (ChartaSidebar *self,
                                               const char    *item_id);

/* Selects the row of the review with @review_id (and so shows its page); FALSE when the
 * sidebar has none. */
gboolean           charta_sidebar_select_review (ChartaSidebar *self,
                                                 const char    *review_id);

G_END_DECLS
