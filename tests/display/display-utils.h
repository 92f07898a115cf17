/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the display tests: bounded waits on the main loop, widget and window look-ups,
 * typing into a field, a window on a copy of an example or on a large generated project,
 * saving and loading again. */
#pragma once

#include <gtk/gtk.h>

#include "charta-actions-page.h"
#include "charta-date.h"
#include "charta-item-page.h"
#include "charta-level-row.h"
#include "charta-records-page.h"
#include "charta-window.h"

/* A wait gives up after 30 s of wall time: on a loaded machine (a fuzzer beside us) turns
 * may be many and fast or few and slow. */
#define MAX_WAIT_US (30 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);
typedef gboolean (*Match) (GtkWidget *widget, gpointer data);

static inline gboolean
wait_for (Condition cond, gpointer data)
{
  gint64 end = g_get_monotonic_time () + MAX_WAIT_US;

  while (g_get_monotonic_time () < end)
    {
      if (cond (data))
        return TRUE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  return cond (data);
}

static inline void
spin (guint turns)
{
  for (guint i = 0; i < turns; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static inline GtkWidget *
find_widget (GtkWidget *root, Match match, gpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found)
        return found;
    }
  return NULL;
}

/* A copy of data/examples/@name in a new temporary directory, for a test to change. */
static inline char *
copy_example (const char *name)
{
  g_autofree char *src = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", name, NULL);
  g_autofree char *dir = g_dir_make_tmp ("charta-display-XXXXXX", NULL);
  g_autofree char *contents = NULL;
  char *dest = g_build_filename (dir, name, NULL);
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dest, contents, len, NULL));
  return dest;
}

/* A project of @n_actions actions (and bench/gen-large-project.py's measures) written in
 * @dir by that script with charta-cli ($CHARTA_CLI_BIN); its path. */
static inline char *
generate_large_project (const char *dir, guint n_actions)
{
  g_autofree char *script = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "bench", "gen-large-project.py", NULL);
  g_autofree char *n = g_strdup_printf ("%u", n_actions);
  char *out = g_build_filename (dir, "large.charta", NULL);
  const char *argv[] = { "python3", script, "--cli", g_getenv ("CHARTA_CLI_BIN"), "-o", out, "--actions", n, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A new window, shown, with @path opened in it (synchronously). */
static inline ChartaWindow *
open_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (charta_window_open (window, file));
  spin (20);
  return window;
}

/* The first shown toplevel window that is a @type, or NULL. */
static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

/* Matches for find_widget (): the level row of an item, the pages, a button by its label;
 * has_label () says whether a label under @root shows @text. */
static inline gboolean
is_level_row_for (GtkWidget *widget, gpointer item_id)
{
  return CHARTA_IS_LEVEL_ROW (widget) && g_strcmp0 (charta_level_row_get_item_id (CHARTA_LEVEL_ROW (widget)), item_id) == 0;
}

static inline gboolean
is_actions_page (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_ACTIONS_PAGE (widget);
}

static inline gboolean
is_button_labelled (GtkWidget *widget, gpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static inline gboolean
is_records_page (GtkWidget *widget, gpointer collection)
{
  return CHARTA_IS_RECORDS_PAGE (widget) &&
         charta_records_page_get_collection (CHARTA_RECORDS_PAGE (widget)) == (ChartaCollection) GPOINTER_TO_INT (collection);
}

static inline gboolean
is_page_stack (GtkWidget *widget, gpointer data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "overview") != NULL;
}

static inline gboolean
is_item_page (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_ITEM_PAGE (widget);
}

static inline gboolean
has_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

/* Conditions for wait_for (): the document saved and idle; a flag set. */
static inline gboolean
not_modified (gpointer document)
{
  return !charta_document_get_modified (document) && !charta_document_get_busy (document);
}

/* No merge with the file on disk under way (it runs in a worker thread). */
static inline gboolean
not_merging (gpointer document)
{
  return !charta_document_get_merging (document);
}

static inline gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* Saves @window's document as a user does (win.save), waits until it is written and loads
 * @path again from disk. */
static inline ChartaProject *
save_and_reload (ChartaWindow *window, const char *path)
{
  ChartaDocument *document = charta_window_get_document (window);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChartaProject *p;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wait_for (not_modified, document));
  p = charta_project_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return p;
}

/* Types @text into the field as a user would: select all, then insert. */
static inline void
type_into (GtkWidget *row, const char *text)
{
  int position = 0;

  gtk_editable_delete_text (GTK_EDITABLE (row), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (row), text, -1, &position);
  spin (3);
}

/* Closes every toplevel but @window: the dialogs a test opened. */
static inline void
destroy_other_windows (ChartaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != GTK_WINDOW (window))
        gtk_window_destroy (w);
    }
  spin (10);
}

/* The display tests' session bus has no notification server, and the reminder of actions
 * falling due (charta-window-reminders.c) would warn, fatally in a test, when a project is
 * opened: the projects in @paths (those that load) are marked reminded today, as after a
 * first opening today. Only test-action-plan is about the reminders themselves. */
static inline void
mark_reminded_today (const char * const *paths)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autofree char *today = charta_date_today ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(ChartaProject) p = charta_project_load_file (file, NULL, NULL, NULL);

      if (p != NULL)
        g_variant_builder_add (&builder, "{ss}", p->id, today);
    }
  g_settings_set_value (settings, "due-reminders", g_variant_builder_end (&builder));
}
