/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The editor of one person, partner or programme (CHARTA_COLLECTION_PEOPLE, _PARTNERS or
 * _PROGRAMMES): it edits a copy; Save (or Enter) commits it as one undo step when something
 * changed, a new one is added at the end. Save stays off while the name is blank or too
 * long, and the reason is shown in words under the fields. */
#define CHARTA_TYPE_ENTRY_DIALOG (charta_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaEntryDialog, charta_entry_dialog, CHARTA, ENTRY_DIALOG, AdwWindow)

/* Edits the entry with @id of @collection, or a new one when @id is NULL. */
ChartaEntryDialog *charta_entry_dialog_new  (GtkWindow        *parent,
                                             ChartaDocument   *document,
                                             ChartaCollection  collection,
                                             const char       *id);
/* Commits as Save does; FALSE when the name is wrong. */
gboolean           charta_entry_dialog_save (ChartaEntryDialog *self);

G_END_DECLS
