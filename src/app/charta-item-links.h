/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The framework items an action serves, in its editor: the list, a remove button for
 * each, and a searchable picker of the items of the frameworks @document's project uses. */
#define CHARTA_TYPE_ITEM_LINKS (charta_item_links_get_type ())
G_DECLARE_FINAL_TYPE (ChartaItemLinks, charta_item_links, CHARTA, ITEM_LINKS, AdwPreferencesGroup)

ChartaDocument *charta_item_links_get_document (ChartaItemLinks *self);
void            charta_item_links_set_document (ChartaItemLinks *self,
                                                ChartaDocument  *document);
/* The catalogue ids linked, in order; @items may be NULL. */
void            charta_item_links_set_items    (ChartaItemLinks *self,
                                                GPtrArray       *items);
/* Writes the ids linked into *@items: left NULL when it was and nothing is linked. */
void            charta_item_links_apply        (ChartaItemLinks *self,
                                                GPtrArray      **items);

G_END_DECLS
