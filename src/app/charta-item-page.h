/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_ITEM_PAGE (charta_item_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaItemPage, charta_item_page, CHARTA, ITEM_PAGE, GtkWidget)

GtkWidget        *charta_item_page_new (void);
ChartaDocument   *charta_item_page_get_document (ChartaItemPage *self);
void              charta_item_page_set_document (ChartaItemPage *self,
                                                 ChartaDocument *document);
/* Shows @item: a Charter role or commitment, a DIVE area, an IncluCities key factor. */
void              charta_item_page_set_item (ChartaItemPage   *self,
                                             const ChartaItem *item);
const ChartaItem *charta_item_page_get_item (ChartaItemPage *self);
const char       *charta_item_page_get_item_id (ChartaItemPage *self);
/* Writes any text being typed into the document now (before save, undo, close). */
void              charta_item_page_flush (ChartaItemPage *self);

G_END_DECLS
