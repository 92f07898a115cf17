/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the window's pages. */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "charta-document.h"
#include "charta-format.h"

G_BEGIN_DECLS

/* Rows show user and catalogue text, which may hold "&" or "<": never parse it as markup. */
static inline void
charta_row_set_title (gpointer row, const char *title)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
}

/* Makes @widget @row's activatable widget, keeping the name @widget was given: libadwaita
 * labels it by the row's title as well, and GTK 4.8 reads both, one after the other
 * ("Adopted: Strong leadership… Strong leadership…"). Where the title is the name, plain
 * adw_action_row_set_activatable_widget() and no name of its own. */
static inline void
charta_action_row_set_activatable_named (GtkWidget *row, GtkWidget *widget)
{
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* A row of @expander with a check in front, titled @title, which names the check for
 * screen readers too (libadwaita's labelled-by); activating the row toggles the check.
 * Returns the check. */
static inline GtkWidget *
charta_expander_add_check (GtkWidget *expander, const char *title, gboolean active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  charta_row_set_title (row, title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return check;
}

/* A form field shown in red while what it holds is wrong. */
static inline void
charta_widget_mark_error (GtkWidget *widget, gboolean good)
{
  if (good)
    gtk_widget_remove_css_class (widget, "error");
  else
    gtk_widget_add_css_class (widget, "error");
}

/* A group's description is markup in libadwaita; escape plain text for it. */
static inline void
charta_group_set_description (gpointer group, const char *text)
{
  g_autofree char *escaped = text ? g_markup_escape_text (text, -1) : NULL;
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
}

/* A button with a mnemonic: GTK 4.8 would name it "_Save Save" for screen readers, from
 * the raw label and its text; give it the plain text as its name. */
static inline void
charta_accessible_set_mnemonic_label (GtkWidget *widget, const char *label)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (plain, *p);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str, -1);
  g_string_free (plain, TRUE);
}

static inline GtkWidget *
charta_button_new_with_mnemonic (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  charta_accessible_set_mnemonic_label (button, label);
  return button;
}

/* From now on every button is named once, from its label without the mnemonic's underline
 * or from the name its .ui gave it (see the .c). */
void       charta_accessible_name_buttons (void);

/* @dropdown (of a GtkStringList) shows its choice ellipsized, in full in its tooltip, and
 * its open list wraps long choices: a long name does not widen the window (360 px). */
void       charta_drop_down_ellipsize (GtkDropDown *dropdown);

/* @group's title wraps instead of being ellipsized (libadwaita 1.2 ellipsizes it when the
 * group has a header suffix, and has no property for that): a measure's title is read in
 * full at 360 px. Call after setting the title. */
void       charta_group_wrap_title (AdwPreferencesGroup *group);

/* A list of rows is one Tab stop: arrow keys move between its rows, Tab past it. */
void       charta_list_make_one_tab_stop (GtkWidget *list);

/* The text of a form field, or NULL when it holds only blanks. */
char      *charta_text_buffer_dup_text (GtkTextBuffer *buffer);
/* A number typed in a form: "12,5" and "12.5" alike; FALSE for anything else. */
gboolean   charta_parse_number (const char *text,
                                double     *out);
/* @value as a form shows it: C locale, the shortest text that reads back the same; "" for NAN. */
char      *charta_format_form_number (double value);

/* Why a token could not be stored or read, in words a consultant can act on: without a
 * running password store (Secret Service) libsecret's raw D-Bus error says nothing to them. */
char      *charta_describe_secrets_error (const GError *error);
/* A new file chooser filter for project files (.charta). */
GtkFileFilter *charta_project_file_filter (void);

/* A flat icon button for a list row that activates @action with the string @target; @label
 * is its tooltip and its name for screen readers. */
GtkWidget *charta_row_button_new (const char *icon,
                                  const char *action,
                                  const char *target,
                                  const char *label);

/* A toast saying @text in the toast overlay around @widget, with an Undo button that
 * undoes the last edit of @document (none when @document is NULL). */
void       charta_toast_with_undo (GtkWidget      *widget,
                                   const char     *text,
                                   ChartaDocument *document);

/* Walks the focusable widgets under @widget in order, counting in *@n: stops at @target
 * when given (*@n is then its place), else at the *@n-th (counting down to 0). A rebuilt
 * view gives the focus back to the widget at the same place. */
GtkWidget *charta_walk_focusable (GtkWidget *widget,
                                  GtkWidget *target,
                                  int       *n);

G_END_DECLS
