/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "charta-editor-dialog.h"

G_BEGIN_DECLS

/* The action editor is the editor dialog (charta-editor-dialog.h) on an action; these
 * names stay for the window and the tests that open one. */
typedef ChartaEditorDialog ChartaActionEditor;

#define CHARTA_ACTION_EDITOR(obj) CHARTA_EDITOR_DIALOG (obj)
#define CHARTA_IS_ACTION_EDITOR(obj) \
  (CHARTA_IS_EDITOR_DIALOG (obj) && \
   charta_editor_dialog_get_collection (CHARTA_EDITOR_DIALOG (obj)) == CHARTA_COLLECTION_ACTIONS)

/* Edits the action with @action_id, or a new action when @action_id is NULL (linked to
 * @item_id when given). Saving commits one undo step to @document. */
static inline ChartaActionEditor *
charta_action_editor_new (GtkWindow      *parent,
                          ChartaDocument *document,
                          const char     *action_id,
                          const char     *item_id)
{
  return charta_editor_dialog_new (parent, document, CHARTA_COLLECTION_ACTIONS, action_id, item_id);
}

/* Commits the edit as if Save was pressed (for keyboard users and tests). */
static inline gboolean
charta_action_editor_save (ChartaActionEditor *self)
{
  return charta_editor_dialog_save (self);
}

static inline void
charta_action_editor_set_title_text (ChartaActionEditor *self,
                                     const char         *title)
{
  charta_editor_dialog_set_title_text (self, title);
}

G_END_DECLS
