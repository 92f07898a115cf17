/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The user guide, inside the app (F1). Its text is in the app's GResource and translated
 * with the app's other strings, so it reads the same installed, from the build tree and in
 * the Flatpak, where no help browser can read the sandbox's files. */
#define CHARTA_TYPE_HELP_WINDOW (charta_help_window_get_type ())
G_DECLARE_FINAL_TYPE (ChartaHelpWindow, charta_help_window, CHARTA, HELP_WINDOW, AdwWindow)

ChartaHelpWindow *charta_help_window_new (GtkWindow *parent);
/* The titles of the guide's sections, in order (for tests and the window's own list). */
GStrv             charta_help_window_dup_section_titles (ChartaHelpWindow *self);

G_END_DECLS
