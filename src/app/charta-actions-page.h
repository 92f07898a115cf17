/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_ACTIONS_PAGE (charta_actions_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaActionsPage, charta_actions_page, CHARTA, ACTIONS_PAGE, GtkWidget)

GtkWidget      *charta_actions_page_new          (void);
ChartaDocument *charta_actions_page_get_document (ChartaActionsPage *self);
void charta_actions_page_set_document (ChartaActionsPage *self,
                                       ChartaDocument    *document);
/* The id of the selected action, or NULL. */
const char *charta_actions_page_get_selected_id (ChartaActionsPage *self);
void charta_actions_page_select (ChartaActionsPage *self,
                                 const char        *action_id);

G_END_DECLS
