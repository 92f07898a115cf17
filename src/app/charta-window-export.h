/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's reports: Export… (Shift+Ctrl+E), Print… (Ctrl+P) and Reporting Rounds.
 * App-internal: names start with "_". */
#pragma once

#include "charta-window.h"

G_BEGIN_DECLS

/* Adds the actions win.export, win.print and win.rounds and their shortcuts. */
void       _charta_window_init_export        (ChartaWindow *self);
/* The dialog open now, or NULL. */
GtkWidget *_charta_window_get_export_dialog  (ChartaWindow *self);
GtkWidget *_charta_window_get_rounds_dialog  (ChartaWindow *self);

G_END_DECLS
