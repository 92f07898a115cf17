/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_ROUNDS_DIALOG (charta_rounds_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChartaRoundsDialog, charta_rounds_dialog, CHARTA, ROUNDS_DIALOG, AdwWindow)

ChartaRoundsDialog *charta_rounds_dialog_new          (GtkWindow      *parent,
                                                       ChartaDocument *document);
/* Shows the list of rounds ("rounds") or what changed ("changes"). */
void                charta_rounds_dialog_show_page    (ChartaRoundsDialog *self,
                                                       const char         *name);
/* What the Close Round and Rename dialogs' answers do: one undo step each. */
gboolean            charta_rounds_dialog_close_round  (ChartaRoundsDialog *self,
                                                       const char         *label,
                                                       const char         *closed,
                                                       GError            **error);
gboolean            charta_rounds_dialog_rename_round (ChartaRoundsDialog *self,
                                                       const char         *round_id,
                                                       const char         *label,
                                                       GError            **error);
/* What changed compares with this round (NULL: the last one). */
void                charta_rounds_dialog_set_since    (ChartaRoundsDialog *self,
                                                       const char         *round_id);
/* The Close Round… dialog, as the button opens it (its entries are "label" and "date"). */
GtkWidget          *charta_rounds_dialog_ask_close    (ChartaRoundsDialog *self);

G_END_DECLS
