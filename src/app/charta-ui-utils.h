/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the window's pages. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows show user and catalogue text, which may hold "&" or "<": never parse it as markup. */
static inline void
charta_row_set_title (gpointer row, const char *title)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
}

/* A group's description is markup in libadwaita; escape plain text for it. */
static inline void
charta_group_set_description (gpointer group, const char *text)
{
  g_autofree char *escaped = text ? g_markup_escape_text (text, -1) : NULL;
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
}

G_END_DECLS
