/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-catalogue.h"

G_BEGIN_DECLS

/* Read-only parts of the item page, built from the catalogue. */

/* A wrapping label with the CSS class @style ("title-1", "heading"…). */
GtkWidget *charta_item_heading_new         (const char *text,
                                            const char *style);
/* Body text a reader can select. */
GtkWidget *charta_item_paragraph_new       (const char *text);
/* The good practices among @parent's children, or NULL when there are none. */
GtkWidget *charta_good_practice_group_new  (const ChartaItem *parent);
/* @parent's children of @kind as rows under @title, or NULL when there are none. */
GtkWidget *charta_item_list_group_new      (const ChartaItem *parent,
                                            const char       *kind,
                                            const char       *title);
/* The context factors of @fw (IncluCities). */
GtkWidget *charta_context_factor_group_new (const ChartaFramework *fw);
/* A row that opens @item through the action @action_name (string target: the item's id). */
GtkWidget *charta_item_link_row_new        (const ChartaItem *item,
                                            const char       *subtitle,
                                            const char       *action_name);

G_END_DECLS
