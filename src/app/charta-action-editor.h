/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_ACTION_EDITOR (charta_action_editor_get_type ())
G_DECLARE_FINAL_TYPE (ChartaActionEditor, charta_action_editor, CHARTA, ACTION_EDITOR, AdwWindow)

/* Edits the action with @action_id, or a new action when @action_id is NULL (linked to
 * @item_id when given). Saving commits one undo step to @document. */
ChartaActionEditor *charta_action_editor_new (GtkWindow      *parent,
                                              ChartaDocument *document,
                                              const char     *action_id,
                                              const char     *item_id);
/* Commits the edit as if Save was pressed (for keyboard users and tests). */
gboolean            charta_action_editor_save (ChartaActionEditor *self);
void                charta_action_editor_set_title_text (ChartaActionEditor *self,
                                                         const char         *title);

G_END_DECLS
