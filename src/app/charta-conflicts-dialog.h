/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The conflicts a merge recorded in the document's project, one by one, side by side:
 * yours, theirs and the original. Each is resolved by picking a side or writing a value
 * of one's own (charta_document_resolve_conflict(), one undo step each); "Next Conflict"
 * leaves one for later. Emits "resolved" and closes when none is left. */
#define CHARTA_TYPE_CONFLICTS_DIALOG (charta_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaConflictsDialog, charta_conflicts_dialog, CHARTA, CONFLICTS_DIALOG, AdwWindow)

GtkWidget *charta_conflicts_dialog_new (GtkWindow      *parent,
                                        ChartaDocument *document);
/* The index (in the project's conflicts) of the conflict shown. */
guint      charta_conflicts_dialog_get_current (ChartaConflictsDialog *self);
/* Resolves the conflict shown, as its buttons do; FALSE when the value was refused
 * (the dialog says why). */
gboolean   charta_conflicts_dialog_resolve (ChartaConflictsDialog *self,
                                            ChartaMergeChoice      choice);
/* The text in "Your own value". */
void       charta_conflicts_dialog_set_edited_text (ChartaConflictsDialog *self,
                                                    const char            *text);

G_END_DECLS
