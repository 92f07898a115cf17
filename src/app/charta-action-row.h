/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* One action as a row of the narrow action plan: title and comment count, due date,
 * status and progress. The page fills it and edits through its status and progress
 * fields (charta_action_cell_*() in charta-actions-page.c). */
#define CHARTA_TYPE_ACTION_ROW (charta_action_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaActionRow, charta_action_row, CHARTA, ACTION_ROW, GtkWidget)

GtkWidget *charta_action_row_new                 (void);
void       charta_action_row_set_texts           (ChartaActionRow *self,
                                                  const char      *title,
                                                  const char      *due,
                                                  gboolean         overdue);
GtkLabel  *charta_action_row_get_comments_label  (ChartaActionRow *self);
GtkDropDown *charta_action_row_get_status_dropdown (ChartaActionRow *self);
GtkSpinButton *charta_action_row_get_progress_spin (ChartaActionRow *self);

G_END_DECLS
