/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_OVERVIEW_PAGE (charta_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaOverviewPage, charta_overview_page, CHARTA, OVERVIEW_PAGE, GtkWidget)

GtkWidget      *charta_overview_page_new          (void);
ChartaDocument *charta_overview_page_get_document (ChartaOverviewPage *self);
void charta_overview_page_set_document (ChartaOverviewPage *self,
                                        ChartaDocument     *document);

G_END_DECLS
