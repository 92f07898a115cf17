/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The editor of one action, measure or meeting (CHARTA_COLLECTION_ACTIONS, _MEASURES or
 * _CONSULTATIONS): it edits a copy; Save commits the copy as one undo step when something
 * changed, Cancel drops it. Save stays off while a field is wrong (a date the loader would
 * refuse, a number that is none, an empty title). Delete asks the window ("win.delete-action")
 * for an action, and removes a measure or meeting itself, then emits "deleted" with its
 * title so the page can offer an undo. */
#define CHARTA_TYPE_EDITOR_DIALOG (charta_editor_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaEditorDialog, charta_editor_dialog, CHARTA, EDITOR_DIALOG, AdwWindow)

/* Edits the record with @record_id of @collection, or a new record when @record_id is NULL
 * (a new action is linked to @item_id when given). */
ChartaEditorDialog *charta_editor_dialog_new            (GtkWindow        *parent,
                                                         ChartaDocument   *document,
                                                         ChartaCollection  collection,
                                                         const char       *record_id,
                                                         const char       *item_id);
ChartaCollection    charta_editor_dialog_get_collection (ChartaEditorDialog *self);
/* Whether Save would commit: every field right. */
gboolean            charta_editor_dialog_get_can_save   (ChartaEditorDialog *self);
/* Commits the edit as if Save was pressed (for keyboard users and tests); FALSE when a
 * field is wrong. */
gboolean            charta_editor_dialog_save           (ChartaEditorDialog *self);
void                charta_editor_dialog_set_title_text (ChartaEditorDialog *self,
                                                         const char         *title);

G_END_DECLS
