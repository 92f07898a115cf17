/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The projects opened lately (the "recent-files" setting, newest first), as the empty
 * window lists them. The list is read when the widget is first mapped, so a window opened
 * on a file never looks at it. Activating a row emits "open" with its GFile. */
#define CHARTA_TYPE_RECENT_LIST (charta_recent_list_get_type ())
G_DECLARE_FINAL_TYPE (ChartaRecentList, charta_recent_list, CHARTA, RECENT_LIST, GtkWidget)

GtkWidget *charta_recent_list_new (void);
GSettings *charta_recent_list_get_settings (ChartaRecentList *self);
void       charta_recent_list_set_settings (ChartaRecentList *self,
                                            GSettings        *settings);
/* How many projects are listed (those whose file still exists). */
guint      charta_recent_list_get_n_projects (ChartaRecentList *self);

/* Puts @file first in the desktop's recent files and in @settings' list (when not NULL). */
void       charta_recent_remember (GSettings *settings,
                                   GFile     *file);

G_END_DECLS
