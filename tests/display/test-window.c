/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The display suite: drives the real window under an X server (Xvfb), in-process, on real
 * files. Every wait on the main loop is bounded. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "charta-action-editor.h"
#include "charta-application.h"
#include "charta-date.h"
#include "charta-drafts.h"
#include "charta-help-window.h"
#include "charta-actions-page.h"
#include "charta-item-page.h"
#include "charta-level-row.h"
#include "charta-recent-list.h"
#include "charta-window.h"
#include "display-utils.h"

#define AREA "dive.area.pm.3"   /* not assessed in the Mechelen example */
#define NEW_TITLE "Survey service users with a migrant background"
#define FIXED_ID "00000000-0000-4000-8000-000000000001"



static gboolean
has_action (GtkWidget *widget, gpointer action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
is_info_bar (GtkWidget *widget, gpointer data)
{
  return GTK_IS_INFO_BAR (widget);
}

static ChartaActionEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (CHARTA_IS_ACTION_EDITOR (w))
        return CHARTA_ACTION_EDITOR (w);
    }
  return NULL;
}

static guint
n_actions (ChartaDocument *document)
{
  return charta_document_get_n (document, CHARTA_COLLECTION_ACTIONS);
}

/* Sets the level of AREA through its combo row on the item page. */
static void
set_level_in_page (ChartaWindow *window, guint level)
{
  GtkWidget *row;

  g_assert_true (charta_window_select_item (window, AREA));
  spin (20);
  row = find_widget (GTK_WIDGET (window), is_level_row_for, (gpointer) AREA);
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), level);
  spin (5);
}

/* What the saved file must hold: the example, with the level and the action added by the
 * core API. Volatile fields (the new action's id, time stamps of the edits) are fixed. */
static char *
expected_text (const char *original_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (original_path);
  g_autoptr(ChartaProject) p = charta_project_load_file (file, NULL, NULL, NULL);
  ChartaAssessment *a;
  ChartaAction *action;

  g_assert_nonnull (p);
  a = charta_project_ensure_assessment (p, AREA);
  a->level = 2;
  action = charta_action_new (NEW_TITLE);
  g_free (action->id);
  action->id = g_strdup (FIXED_ID);
  g_ptr_array_add (p->actions, action);
  return charta_project_to_data (p, NULL);
}

static char *
saved_text (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) p = charta_project_load_file (file, NULL, NULL, &error);
  ChartaAssessment *a;

  g_assert_no_error (error);
  a = charta_project_get_assessment (p, AREA);
  g_assert_nonnull (a);
  g_assert_nonnull (a->changed);
  g_clear_pointer (&a->changed, g_free);
  for (guint i = 0; i < p->actions->len; i++)
    {
      ChartaAction *action = g_ptr_array_index (p->actions, i);
      if (g_strcmp0 (action->title, NEW_TITLE) == 0)
        {
          g_assert_nonnull (action->changed);
          g_clear_pointer (&action->changed, g_free);
          g_free (action->id);
          action->id = g_strdup (FIXED_ID);
        }
    }
  return charta_project_to_data (p, NULL);
}

static void
test_edit_undo_redo_save (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autofree char *original = NULL;
  g_autofree char *expected = expected_text (path);
  g_autofree char *saved = NULL;
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  ChartaActionEditor *editor;
  guint before = n_actions (document);

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  g_assert_false (charta_document_get_modified (document));

  /* A level, set in the page. */
  set_level_in_page (window, 2);
  g_assert_cmpint (charta_project_get_assessment (charta_document_get_project (document), AREA)->level, ==, 2);
  g_assert_true (charta_document_get_modified (document));

  /* An action, added through the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-action", NULL));
  spin (10);
  editor = find_editor ();
  g_assert_nonnull (editor);
  charta_action_editor_set_title_text (editor, NEW_TITLE);
  g_assert_true (charta_action_editor_save (editor));
  spin (10);
  g_assert_cmpuint (n_actions (document), ==, before + 1);

  /* Undo takes the action back, redo brings it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (5);
  g_assert_cmpuint (n_actions (document), ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin (5);
  g_assert_cmpuint (n_actions (document), ==, before + 1);

  /* Nothing is on disk before Save. */
  {
    g_autofree char *now = NULL;
    g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
    g_assert_cmpstr (now, ==, original);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wait_for (not_modified, document));

  saved = saved_text (path);
  g_assert_cmpstr (saved, ==, expected);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
changed_on_disk (gpointer document)
{
  return charta_document_get_changed_on_disk (document);
}

/* A colleague's copy synced in: written elsewhere, renamed over ours. */
static void
replace_externally (const char *path, const char *city)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChartaProject) p = charta_project_load_file (file, NULL, NULL, NULL);
  g_autofree char *tmp = g_strconcat (path, ".sync-tmp", NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_nonnull (p);
  g_free (p->city->name);
  p->city->name = g_strdup (city);
  data = charta_project_to_data (p, &len);
  g_assert_true (g_file_set_contents (tmp, data, len, NULL));
  g_assert_cmpint (g_rename (tmp, path), ==, 0);
}

static void
test_reload_on_external_change (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *bar = find_widget (GTK_WIDGET (window), is_info_bar, NULL);

  g_assert_nonnull (bar);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  replace_externally (path, "Mechelen (colleague's copy)");
  g_assert_true (wait_for (changed_on_disk, document));
  spin (5);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  gtk_info_bar_response (GTK_INFO_BAR (bar), 1 /* reload */);
  spin (5);
  g_assert_cmpstr (charta_document_get_project (document)->city->name, ==, "Mechelen (colleague's copy)");
  g_assert_false (charta_document_get_modified (document));
  g_assert_false (charta_document_get_changed_on_disk (document));

  /* Changes on both sides: a save made before the window hears of the other side's does
   * not overwrite it... */
  set_level_in_page (window, 3);
  replace_externally (path, "Mechelen (second copy)");
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *on_disk = NULL;
    g_assert_false (charta_document_save (document, NULL, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
    g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
    g_assert_nonnull (strstr (on_disk, "Mechelen (second copy)"));
    g_assert_true (charta_document_get_modified (document));
  }
  /* ...and once it does, the window merges theirs into ours: both are kept, and a save
   * writes both. */
  charta_document_check_disk (document);
  g_assert_true (wait_for (not_merging, document));
  spin (5);
  g_assert_false (charta_document_get_changed_on_disk (document));
  g_assert_cmpstr (charta_document_get_project (document)->city->name, ==, "Mechelen (second copy)");
  g_assert_cmpint (charta_project_get_assessment (charta_document_get_project (document), AREA)->level, ==, 3);
  g_assert_true (charta_document_get_modified (document));
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (charta_document_save (document, NULL, FALSE, &error));
    g_assert_no_error (error);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
draft_exists (gpointer key)
{
  return charta_draft_exists (key);
}

static void
test_restore_after_crash (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *key = NULL;

  if (g_test_subprocess ())
    {
      /* The crashing session: an edit, its draft written by the window's timer, then a crash. */
      ChartaWindow *window = open_window (g_getenv ("CHARTA_TEST_FILE"));
      file = g_file_new_for_path (g_getenv ("CHARTA_TEST_FILE"));
      key = charta_draft_key_for (file, NULL);
      set_level_in_page (window, 4);
      g_assert_true (wait_for (draft_exists, key));
      abort ();
    }

  path = copy_example ("antwerp-2022.charta");
  file = g_file_new_for_path (path);
  key = charta_draft_key_for (file, NULL);
  g_assert_false (charta_draft_exists (key));
  /* The child shares this process's environment, so its drafts land where ours look. */
  g_setenv ("CHARTA_TEST_FILE", path, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_assert_true (charta_draft_exists (key));

  /* The next session offers the draft; restoring brings the edit back, unsaved. */
  {
    ChartaWindow *window = open_window (path);
    ChartaDocument *document = charta_window_get_document (window);
    GtkWidget *bar = find_widget (GTK_WIDGET (window), is_info_bar, NULL);
    const ChartaAssessment *a;

    g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
    a = charta_project_get_assessment (charta_document_get_project (document), AREA);
    g_assert_true (a == NULL || a->level != 4);
    gtk_info_bar_response (GTK_INFO_BAR (bar), 3 /* restore */);
    spin (5);
    a = charta_project_get_assessment (charta_document_get_project (document), AREA);
    g_assert_nonnull (a);
    g_assert_cmpint (a->level, ==, 4);
    g_assert_true (charta_document_get_modified (document));

    /* Saving makes the draft go. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
    g_assert_true (wait_for (not_modified, document));
    g_assert_false (charta_draft_exists (key));
    gtk_window_destroy (GTK_WINDOW (window));
    spin (10);
  }
}

static void
test_failed_load_never_written (void)
{
  g_autofree char *dir = g_dir_make_tmp ("charta-display-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *broken = "{\"format\": \"charta-project\", \"version\": 1, \"id\": 5}\n";
  g_autofree char *after = NULL;
  ChartaWindow *window = charta_window_new (NULL);
  GtkWidget *save_button;

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (charta_window_open (window, file));
  spin (10);
  g_assert_null (charta_window_get_document (window));
  /* Save is not even possible: the action is disabled (its header button insensitive), and
   * activating it anyway leaves the file as it was. */
  save_button = find_widget (GTK_WIDGET (window), has_action, (gpointer) "win.save");
  g_assert_nonnull (save_button);
  g_assert_false (gtk_widget_get_sensitive (save_button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  spin (10);
  g_assert_null (charta_window_get_document (window));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, broken);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
is_named (GtkWidget *widget, gpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_results (gpointer list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) > 0;
}

/* Ctrl+F, words from an area's evidence, the first hit activated: that item's page shows. */
static void
test_search_jumps_to_hit (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *entry, *list, *page;
  const ChartaItem *shown;
  const ChartaAssessment *a;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  spin (10);
  entry = find_widget (GTK_WIDGET (window), is_named, (gpointer) "search-entry");
  list = find_widget (GTK_WIDGET (window), is_named, (gpointer) "results-list");
  g_assert_nonnull (entry);
  g_assert_nonnull (list);
  gtk_editable_set_text (GTK_EDITABLE (entry), "one by one");
  g_assert_true (wait_for (has_results, list));
  /* Enter in the search opens the first hit, and the focus is on its page. */
  g_signal_emit_by_name (entry, "activate");
  spin (20);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), page));
  shown = charta_item_page_get_item (CHARTA_ITEM_PAGE (page));
  g_assert_nonnull (shown);
  a = charta_project_get_assessment (charta_document_get_project (document), charta_item_get_id (shown));
  g_assert_nonnull (a);
  g_assert_nonnull (strstr (a->evidence, "one by one"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
is_actionable_row (GtkWidget *widget, gpointer action)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_status_row (GtkWidget *widget, gpointer title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.show-actions") == 0 &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_shown_actions_page (GtkWidget *widget, gpointer data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, CHARTA_TYPE_ACTIONS_PAGE) && gtk_widget_get_mapped (widget);
}

static GtkWindow *
find_action_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (CHARTA_IS_ACTION_EDITOR (w))
        return w;
    }
  return NULL;
}

/* The overview's rows open what they show: an area's row its page, an overdue action's row
 * the action in its editor, a status row the action plan. */
static void
test_overview_rows_open (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  const ChartaProject *p = charta_document_get_project (charta_window_get_document (window));
  GtkWidget *row, *page;
  GtkWindow *editor;
  g_autofree char *record = NULL;
  GVariant *target;
  const ChartaItem *shown;

  /* An overdue action's row. */
  row = find_widget (GTK_WIDGET (window), is_actionable_row, (gpointer) "win.open-action");
  g_assert_nonnull (row);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));
  g_signal_emit_by_name (row, "activate");
  spin (20);
  editor = find_action_editor ();
  g_assert_nonnull (editor);
  g_object_get (editor, "record-id", &record, NULL);
  g_assert_cmpstr (record, ==, g_variant_get_string (target, NULL));
  g_assert_cmpint (charta_document_find (charta_window_get_document (window), CHARTA_COLLECTION_ACTIONS, record), >=, 0);
  g_assert_nonnull (p);
  gtk_window_destroy (editor);
  spin (10);

  /* An area's row opens the area's page. */
  row = find_widget (GTK_WIDGET (window), is_actionable_row, (gpointer) "win.open-item");
  g_assert_nonnull (row);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));
  g_signal_emit_by_name (row, "activate");
  spin (20);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  g_assert_nonnull (page);
  shown = charta_item_page_get_item (CHARTA_ITEM_PAGE (page));
  g_assert_nonnull (shown);
  g_assert_cmpstr (charta_item_get_id (shown), ==, g_variant_get_string (target, NULL));

  /* A status row opens the action plan. */
  g_assert_null (find_widget (GTK_WIDGET (window), is_shown_actions_page, NULL));
  row = find_widget (GTK_WIDGET (window), is_status_row, (gpointer) charta_status_get_label (CHARTA_STATUS_PLANNED));
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  spin (20);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_shown_actions_page, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
window_gone (gpointer weak)
{
  return *(gpointer *) weak == NULL;
}

/* Closing with unsaved changes asks; "Discard" closes without writing the file. */
static void
test_close_asks (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autofree char *before = NULL, *after = NULL;
  ChartaWindow *window = open_window (path);
  gpointer weak = window;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  set_level_in_page (window, 5);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  spin (10);
  g_assert_nonnull (weak);             /* still open: it asked */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (wait_for (window_gone, &weak));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

static gboolean
has_document (gpointer window)
{
  return charta_window_get_document (window) != NULL;
}

static gboolean
has_actions_page (gpointer window)
{
  return find_widget (window, is_actions_page, NULL) != NULL;
}

/* Opening a file loads it in a thread and shows the overview; the other pages (here the
 * action plan) are made only after that first frame, and are there without being asked. */
static void
test_first_frame_overview_only (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  charta_window_open_async (window, file);
  g_assert_true (charta_window_get_busy (window));
  g_assert_true (g_file_equal (charta_window_get_file (window), file));
  g_assert_true (wait_for (has_document, window));
  g_assert_false (charta_window_get_busy (window));
  g_assert_null (find_widget (GTK_WIDGET (window), is_actions_page, NULL));
  g_assert_true (wait_for (has_actions_page, window));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* ---- one instance ---- */

/* The application, registered once for the process: an application id is exported on the
 * session bus once. */
static ChartaApplication *
get_app (void)
{
  static ChartaApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;
  app = charta_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static ChartaWindow *
window_for (ChartaApplication *app, GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      ChartaDocument *document = charta_window_get_document (l->data);
      GFile *shown = document ? charta_document_get_file (document) : NULL;
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

typedef struct {
  ChartaApplication *app;
  GFile *file;
} Shown;

static gboolean
is_shown (gpointer data)
{
  Shown *shown = data;
  return window_for (shown->app, shown->file) != NULL;
}

static gboolean
is_front (gpointer data)
{
  Shown *shown = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (shown->app));
  return windows != NULL && windows->data == (gpointer) window_for (shown->app, shown->file);
}

static void
exited_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

/* `charta PATH` as a second process: it finds this instance on the session bus, hands it
 * the file and exits. This process's main loop must answer it meanwhile. */
static void
run_second_instance (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                                     g_getenv ("CHARTA_APP_BIN"), path, NULL);
  gboolean exited = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, exited_cb, &exited);
  g_assert_true (wait_for (is_true, &exited));
}

static void
test_two_files_one_instance (void)
{
  g_autofree char *path1 = copy_example ("mechelen-2018.charta");
  g_autofree char *path2 = copy_example ("antwerp-2022.charta");
  g_autoptr(GFile) file1 = g_file_new_for_path (path1);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  ChartaApplication *app;
  Shown first = { NULL, file1 }, second = { NULL, file2 };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || g_getenv ("CHARTA_APP_BIN") == NULL)
    {
      g_test_skip ("needs a session bus and CHARTA_APP_BIN (meson test runs it under dbus-run-session)");
      return;
    }
  app = get_app ();
  first.app = second.app = app;
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));

  /* The first instance opens the first file, as from its command line. */
  g_application_open (G_APPLICATION (app), &file1, 1, "");
  g_assert_true (wait_for (is_shown, &first));

  /* A second `charta` process with the second file: a window of this instance shows it. */
  run_second_instance (path2);
  g_assert_true (wait_for (is_shown, &second));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  g_assert_true (window_for (app, file1) != window_for (app, file2));
  g_assert_true (wait_for (is_front, &second));

  /* The first file again: its window comes to the front, and no third window opens. */
  run_second_instance (path1);
  g_assert_true (wait_for (is_front, &first));
  spin (20);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  /* The same through the application in this process (Open…, the recent projects). */
  g_application_open (G_APPLICATION (app), &file2, 1, "");
  g_assert_true (wait_for (is_front, &second));
  spin (20);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  spin (10);
}

static gboolean
is_text_view (GtkWidget *widget, gpointer data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* A window of @app on @path with a few words typed into the area page's first text field
 * a moment ago: the field has not yet handed them to the document. */
static ChartaWindow *
window_with_fresh_edit (ChartaApplication *app, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (app);
  GtkWidget *view;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (charta_window_open (window, file));
  g_assert_true (charta_window_select_item (window, AREA));
  spin (20);
  view = find_widget (GTK_WIDGET (window), is_text_view, NULL);
  g_assert_nonnull (view);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "typed just now", -1);
  g_assert_false (charta_document_get_modified (charta_window_get_document (window)));
  return window;
}

static gboolean
is_scrolled_window (GtkWidget *widget, gpointer data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

/* The last focusable text field under @root (far down the page). */
static GtkWidget *
last_text_view (GtkWidget *root)
{
  GtkWidget *last = GTK_IS_TEXT_VIEW (root) ? root : NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = last_text_view (c);
      if (found != NULL)
        last = found;
    }
  return last;
}

/* Saving an action (or adding a source document) rebuilds the item page: it stays where
 * it was scrolled to, the focus stays in the page and no text is left selected. */
static void
test_rebuild_keeps_place (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page, *scroller, *view, *focus;
  GtkAdjustment *vadj;
  double before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  g_assert_true (charta_window_select_item (window, AREA));
  spin (40);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  scroller = find_widget (page, is_scrolled_window, NULL);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  view = last_text_view (page);
  g_assert_nonnull (view);
  gtk_widget_grab_focus (view);
  spin (40);
  before = gtk_adjustment_get_value (vadj);
  g_assert_cmpfloat (before, >, 100);

  charta_document_insert (document, CHARTA_COLLECTION_ACTIONS, 0, charta_action_new (NEW_TITLE));
  for (guint i = 0; i < 50; i++)
    {
      spin (10);
      g_usleep (20000);
    }
  g_test_message ("scroll %f -> %f of %f", before, gtk_adjustment_get_value (vadj), gtk_adjustment_get_upper (vadj));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (vadj) - before), <, 50);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page));
  if (GTK_IS_TEXT_VIEW (focus))
    g_assert_false (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus))));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static gboolean
one_gone (gpointer pair)
{
  return *((gpointer **) pair)[0] == NULL || *((gpointer **) pair)[1] == NULL;
}

/* As its button does: the response, then the dialog closes. */
static void
answer (const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (no_message_dialog, NULL));
}

/* Ctrl+Q right after an edit: the draft of every changed window is written at once, and
 * each asks in turn as closing it would. Cancel keeps that window and stops the quit;
 * Discard closes it and the next one asks. */
static void
test_quit_asks (void)
{
  g_autofree char *path1 = copy_example ("mechelen-2018.charta");
  g_autofree char *path2 = copy_example ("antwerp-2022.charta");
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *key1 = NULL, *key2 = NULL;
  ChartaApplication *app;
  gpointer weak1, weak2;
  gpointer *pair[] = { &weak1, &weak2 };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs a session bus (meson test runs it under dbus-run-session)");
      return;
    }
  app = get_app ();
  g_assert_true (g_file_get_contents (path1, &before, NULL, NULL));
  weak1 = window_with_fresh_edit (app, path1);
  weak2 = window_with_fresh_edit (app, path2);
  g_object_add_weak_pointer (weak1, &weak1);
  g_object_add_weak_pointer (weak2, &weak2);
  key1 = g_strdup (charta_document_get_draft_key (charta_window_get_document (weak1)));
  key2 = g_strdup (charta_document_get_draft_key (charta_window_get_document (weak2)));
  g_assert_false (charta_draft_exists (key1) || charta_draft_exists (key2));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (10);
  g_assert_true (charta_draft_exists (key1) && charta_draft_exists (key2));
  g_assert_nonnull (find_message_dialog ());
  g_assert_true (weak1 != NULL && weak2 != NULL);

  /* Cancel: nothing closes, and no other question follows. */
  answer ("cancel");
  spin (10);
  g_assert_null (find_message_dialog ());
  g_assert_true (weak1 != NULL && weak2 != NULL);

  /* Again, discarding both: one question after the other, then no window is left. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (10);
  answer ("discard");
  g_assert_true (wait_for (one_gone, pair));
  spin (10);
  g_assert_true (weak1 != NULL || weak2 != NULL);
  answer ("discard");
  g_assert_true (wait_for (window_gone, &weak1) && wait_for (window_gone, &weak2));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_false (charta_draft_exists (key1) || charta_draft_exists (key2));
  g_assert_true (g_file_get_contents (path1, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

static gboolean
is_recent_list (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_RECENT_LIST (widget);
}

/* The list of the projects (the group has an empty list box of its own). */
static gboolean
is_list_box_with_rows (GtkWidget *widget, gpointer data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) != NULL;
}

static gboolean
has_recent (gpointer list)
{
  return charta_recent_list_get_n_projects (list) > 0;
}

static gboolean
shows_file (gpointer data)
{
  Shown *shown = data;
  return window_for (shown->app, shown->file) != NULL;
}

/* The empty window lists the projects opened lately; choosing one loads it (in a thread,
 * through the application) into that same window. */
static void
test_recent_projects (void)
{
  g_autofree char *path = copy_example ("antwerp-2022.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, "file:///nonexistent/gone.charta", NULL };
  ChartaApplication *app = get_app ();
  GSettings *settings = charta_application_get_settings (app);
  Shown shown = { app, file };
  ChartaWindow *window;
  GtkWidget *list, *box;

  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_strv (settings, "recent-files", uris));
  window = charta_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  list = find_widget (GTK_WIDGET (window), is_recent_list, NULL);
  g_assert_nonnull (list);
  g_assert_true (wait_for (has_recent, list));
  /* The file that is gone is left out. */
  g_assert_cmpuint (charta_recent_list_get_n_projects (CHARTA_RECENT_LIST (list)), ==, 1);
  box = find_widget (list, is_list_box_with_rows, NULL);
  g_assert_nonnull (box);
  g_signal_emit_by_name (box, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (box), 0));
  g_assert_true (wait_for (shows_file, &shown));
  g_assert_true (window_for (app, file) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* ---- help ---- */

static guint
count_help_windows (ChartaHelpWindow **found)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (CHARTA_IS_HELP_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          *found = CHARTA_HELP_WINDOW (w);
          n++;
        }
    }
  return n;
}

static gboolean
is_label_with (GtkWidget *widget, gpointer text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* F1 opens the guide from the app's own resources: no file, no help browser, so what works
 * here works installed and in the Flatpak too. A second F1 raises the same window. */
static void
test_help (void)
{
  ChartaApplication *app = get_app ();
  g_auto(GStrv) accels = NULL;
  g_auto(GStrv) titles = NULL;
  ChartaHelpWindow *help = NULL;
  ChartaWindow *window;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));
  window = charta_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  spin (10);
  g_assert_cmpuint (count_help_windows (&help), ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  spin (10);
  g_assert_cmpuint (count_help_windows (&help), ==, 1);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (help)) == GTK_WINDOW (window));
  titles = charta_help_window_dup_section_titles (help);
  g_assert_cmpuint (g_strv_length (titles), ==, 7);
  g_assert_cmpstr (titles[0], ==, "Starting");
  g_assert_cmpstr (titles[2], ==, "Undo, Search and Safety");
  g_assert_cmpstr (titles[4], ==, "Reports, Printing and Reporting Rounds");
  g_assert_cmpstr (titles[5], ==, "A Portfolio of Cities");
  g_assert_nonnull (find_widget (GTK_WIDGET (help), is_label_with, (gpointer) "Save (Ctrl+S)"));
  g_assert_nonnull (find_widget (GTK_WIDGET (help), is_label_with, (gpointer) "charta-cli --help"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  spin (10);
  g_assert_cmpuint (count_help_windows (&help), ==, 1);

  gtk_window_destroy (GTK_WINDOW (help));

  /* The shortcuts window is built when asked for (Ctrl+?). */
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL));
  spin (10);
  g_assert_nonnull (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  gtk_window_destroy (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

int
main (int argc, char **argv)
{
  /* meson points the XDG directories at a folder of the build tree (not the user's); the
   * crash test's child process must share them, which G_TEST_OPTION_ISOLATE_DIRS would not
   * guarantee. Drafts left by an earlier run are cleared first. */
  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    {
      g_auto(GStrv) keys = charta_drafts_list ();
      for (guint i = 0; keys[i]; i++)
        charta_draft_remove (keys[i]);
    }
  gtk_init ();
  adw_init ();
  {
    g_autofree char *mechelen = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", "mechelen-2018.charta", NULL);
    g_autofree char *antwerp = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", "antwerp-2022.charta", NULL);
    const char *examples[] = { mechelen, antwerp, NULL };
    mark_reminded_today (examples);
  }

  g_test_add_func ("/window/edit-undo-redo-save", test_edit_undo_redo_save);
  g_test_add_func ("/window/reload-on-external-change", test_reload_on_external_change);
  g_test_add_func ("/window/restore-after-crash", test_restore_after_crash);
  g_test_add_func ("/window/failed-load-never-written", test_failed_load_never_written);
  g_test_add_func ("/window/search-jumps-to-hit", test_search_jumps_to_hit);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/overview-rows-open", test_overview_rows_open);
  g_test_add_func ("/window/rebuild-keeps-place", test_rebuild_keeps_place);
  g_test_add_func ("/window/first-frame-overview-only", test_first_frame_overview_only);
  g_test_add_func ("/application/two-files-one-instance", test_two_files_one_instance);
  g_test_add_func ("/application/quit-asks", test_quit_asks);
  g_test_add_func ("/application/help", test_help);
  g_test_add_func ("/application/recent-projects", test_recent_projects);
  return g_test_run ();
}
