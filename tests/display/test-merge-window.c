/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Merges in the real window (issue 14): a file changed on disk while there are unsaved
 * edits, a file that arrives with recorded conflicts, a sync client's conflict copy, and
 * a real git merge with Charta's driver. Each resolved in the conflicts dialog and saved. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "charta-comments-panel.h"
#include "charta-conflicts-dialog.h"
#include "charta-search.h"
#include "charta-sidebar.h"
#include "charta-info-bar.h"
#include "charta-merge.h"
#include "charta-window.h"
#include "display-utils.h"

static char *
example_text (void)
{
  g_autofree char *src = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", "mechelen-2018.charta", NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  return contents;
}

/* A new directory holding @text as NAME. */
static char *
write_in_new_dir (const char *name, const char *text)
{
  g_autofree char *dir = g_dir_make_tmp ("charta-merge-XXXXXX", NULL);
  char *dest = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (dest, text, -1, NULL));
  return dest;
}

/* @text with action @i's @field set to @value (canonical). */
static char *
with_field (const char *text, guint i, const char *field, const char *value)
{
  g_autoptr(ChartaProject) p = charta_project_load_from_data (text, strlen (text), "t", NULL);
  ChartaAction *action;

  g_assert_nonnull (p);
  action = g_ptr_array_index (p->actions, i);
  if (g_str_equal (field, "title"))
    {
      g_free (action->title);
      action->title = g_strdup (value);
    }
  else
    {
      g_free (action->notes);
      action->notes = g_strdup (value);
    }
  return charta_project_to_data (p, NULL);
}

/* @text with a new action titled @title. */
static char *
with_new_action (const char *text, const char *title)
{
  g_autoptr(ChartaProject) p = charta_project_load_from_data (text, strlen (text), "t", NULL);

  g_assert_nonnull (p);
  g_ptr_array_add (p->actions, charta_action_new (title));
  return charta_project_to_data (p, NULL);
}

static gboolean
has_action_titled (const ChartaProject *p, const char *title)
{
  for (guint i = 0; i < p->actions->len; i++)
    if (g_strcmp0 (((ChartaAction *) g_ptr_array_index (p->actions, i))->title, title) == 0)
      return TRUE;
  return FALSE;
}

static void
replace_file (const char *path, const char *text)
{
  g_autofree char *tmp = g_strconcat (path, ".sync-tmp", NULL);

  g_assert_true (g_file_set_contents (tmp, text, -1, NULL));
  g_assert_cmpint (g_rename (tmp, path), ==, 0);
}

static ChartaConflictsDialog *
find_dialog (void)
{
  return CHARTA_CONFLICTS_DIALOG (find_toplevel (CHARTA_TYPE_CONFLICTS_DIALOG));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* Clicks the dialog's button, as a user would. */
static void
click (ChartaConflictsDialog *dialog, const char *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin (5);
}

static gboolean
is_info_bar (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_INFO_BAR (widget);
}

static const char *
action_field (const ChartaProject *p, guint i, const char *field)
{
  const ChartaAction *action = g_ptr_array_index (p->actions, i);
  return g_str_equal (field, "title") ? action->title : action->notes;
}

/* Saves through the window and checks what is on disk: valid, no conflicts. */
static ChartaProject *
save_resolved (ChartaWindow *window, const char *path)
{
  ChartaProject *saved = save_and_reload (window, path);

  g_assert_cmpuint (charta_merge_count_conflicts (saved), ==, 0);
  return saved;
}

/* @document's action @i with @field set to @value, as an editor commits it. */
static void
edit_action (ChartaDocument *document, guint i, const char *field, const char *value)
{
  ChartaAction *edit = charta_action_copy (g_ptr_array_index (charta_document_get_project (document)->actions, i));
  char **slot = g_str_equal (field, "title") ? &edit->title : &edit->notes;

  g_free (*slot);
  *slot = g_strdup (value);
  charta_document_replace (document, CHARTA_COLLECTION_ACTIONS, i, edit);
}

/* Waits for the merge with the file on disk to end, and for what it shows. */
static void
wait_merged (ChartaDocument *document)
{
  g_assert_true (wait_for (not_merging, document));
  spin (10);
}

static void
test_external_change_merged (void)
{
  g_autofree char *base = example_text ();
  g_autofree char *path = write_in_new_dir ("plan.charta", base);
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaProject *p = charta_document_get_project (document);
  g_autofree char *theirs = NULL;
  g_autofree char *theirs2 = NULL;
  g_autoptr(ChartaProject) saved = NULL;
  g_autofree char *base_title0 = g_strdup (action_field (p, 0, "title"));
  ChartaConflictsDialog *dialog;

  /* Ours, unsaved: action 0's title and action 1's notes. */
  edit_action (document, 0, "title", "Ours: welcome desk");
  edit_action (document, 1, "notes", "Ours: notes");
  g_assert_true (charta_document_get_modified (document));

  /* Theirs, saved by a colleague: the same title, and action 2's notes. */
  theirs = with_field (base, 0, "title", "Theirs: information point");
  theirs2 = with_field (theirs, 2, "notes", "Theirs: notes");
  replace_file (path, theirs2);
  charta_document_check_disk (document);
  wait_merged (document);

  /* Merged: what does not conflict is in, the conflict is shown at once. */
  p = charta_document_get_project (document);
  g_assert_cmpuint (charta_merge_count_conflicts (p), ==, 1);
  g_assert_cmpstr (action_field (p, 1, "notes"), ==, "Ours: notes");
  g_assert_cmpstr (action_field (p, 2, "notes"), ==, "Theirs: notes");
  g_assert_cmpstr (action_field (p, 0, "title"), ==, "Ours: welcome desk");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (charta_conflicts_dialog_get_current (dialog), ==, 0);

  /* The whole merge is one undo step (the dialog is modal: undo through the window's
   * action after closing it, then redo). */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL));
  g_assert_cmpint (charta_info_bar_get_kind (CHARTA_INFO_BAR (find_widget (GTK_WIDGET (window), is_info_bar, NULL))),
                   ==, CHARTA_INFO_UNRESOLVED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (5);
  p = charta_document_get_project (document);
  g_assert_cmpuint (charta_merge_count_conflicts (p), ==, 0);
  g_assert_cmpstr (action_field (p, 0, "title"), ==, "Ours: welcome desk");
  g_assert_cmpstr (action_field (p, 2, "notes"), !=, "Theirs: notes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin (5);
  p = charta_document_get_project (document);
  g_assert_cmpuint (charta_merge_count_conflicts (p), ==, 1);
  g_assert_cmpstr (action_field (p, 2, "notes"), ==, "Theirs: notes");

  /* Back into the dialog from the info bar; theirs is picked. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_info_bar, NULL), "response", CHARTA_INFO_RESPONSE_RESOLVE);
  spin (10);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  click (dialog, "Take _Theirs");
  g_assert_true (wait_for (dialog_gone, NULL));
  p = charta_document_get_project (document);
  g_assert_cmpuint (charta_merge_count_conflicts (p), ==, 0);
  g_assert_cmpstr (action_field (p, 0, "title"), ==, "Theirs: information point");
  g_assert_cmpstr (base_title0, !=, "Theirs: information point");

  /* One save keeps both sides. */
  saved = save_resolved (window, path);
  g_assert_cmpstr (action_field (saved, 0, "title"), ==, "Theirs: information point");
  g_assert_cmpstr (action_field (saved, 1, "notes"), ==, "Ours: notes");
  g_assert_cmpstr (action_field (saved, 2, "notes"), ==, "Theirs: notes");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* The merge runs in a worker thread while the window stays in use: the user keeps
 * editing, and a colleague saves again before it is done. A result made from an older
 * state is never applied; the merge runs again on the newest of both, and ends with
 * every change of both sides and the one real conflict. */
static void
test_edit_during_merge (void)
{
  g_autofree char *base = example_text ();
  g_autofree char *path = write_in_new_dir ("plan.charta", base);
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  ChartaInfoBar *bar = CHARTA_INFO_BAR (find_widget (GTK_WIDGET (window), is_info_bar, NULL));
  g_autofree char *theirs = with_field (base, 0, "title", "Theirs: information point");
  g_autofree char *theirs2 = with_field (theirs, 2, "notes", "Theirs: notes");
  g_autofree char *theirs3 = with_field (theirs2, 4, "title", "Theirs, saved again");
  g_autofree char *theirs4 = with_field (theirs3, 6, "notes", "Theirs, saved during the merge");
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaProject *p;

  edit_action (document, 0, "title", "Ours: welcome desk");
  edit_action (document, 1, "notes", "Ours: notes");
  replace_file (path, theirs2);
  charta_document_check_disk (document);

  /* Under way: the bar says so, and the window takes edits (this main loop is the
   * window's: nothing waits for the worker, whose result comes through it). */
  g_assert_true (charta_document_get_merging (document));
  g_assert_cmpint (charta_info_bar_get_kind (bar), ==, CHARTA_INFO_MERGING);
  edit_action (document, 3, "notes", "Ours, typed during the merge");
  wait_merged (document);
  p = charta_document_get_project (document);
  g_assert_cmpuint (charta_merge_count_conflicts (p), ==, 1);
  g_assert_cmpstr (action_field (p, 0, "title"), ==, "Ours: welcome desk");
  g_assert_cmpstr (action_field (p, 1, "notes"), ==, "Ours: notes");
  g_assert_cmpstr (action_field (p, 2, "notes"), ==, "Theirs: notes");
  g_assert_cmpstr (action_field (p, 3, "notes"), ==, "Ours, typed during the merge");
  g_assert_cmpint (charta_info_bar_get_kind (bar), !=, CHARTA_INFO_MERGING);
  g_assert_nonnull (find_dialog ());
  click (find_dialog (), "Take _Theirs");
  g_assert_true (wait_for (dialog_gone, NULL));

  /* Saved on disk again, and once more while that merge runs: the newest is merged. */
  edit_action (document, 5, "notes", "Ours, typed before the second merge");
  replace_file (path, theirs3);
  charta_document_check_disk (document);
  g_assert_true (charta_document_get_merging (document));
  /* Most likely read by the worker by now (the result waits for this main loop). */
  g_usleep (200 * 1000);
  replace_file (path, theirs4);
  wait_merged (document);
  p = charta_document_get_project (document);
  g_assert_cmpuint (charta_merge_count_conflicts (p), ==, 0);
  g_assert_cmpstr (action_field (p, 4, "title"), ==, "Theirs, saved again");
  g_assert_cmpstr (action_field (p, 6, "notes"), ==, "Theirs, saved during the merge");
  g_assert_cmpstr (action_field (p, 5, "notes"), ==, "Ours, typed before the second merge");
  g_assert_false (charta_document_get_changed_on_disk (document));

  /* One save keeps both sides. */
  saved = save_resolved (window, path);
  g_assert_cmpstr (action_field (saved, 0, "title"), ==, "Theirs: information point");
  g_assert_cmpstr (action_field (saved, 1, "notes"), ==, "Ours: notes");
  g_assert_cmpstr (action_field (saved, 2, "notes"), ==, "Theirs: notes");
  g_assert_cmpstr (action_field (saved, 3, "notes"), ==, "Ours, typed during the merge");
  g_assert_cmpstr (action_field (saved, 4, "title"), ==, "Theirs, saved again");
  g_assert_cmpstr (action_field (saved, 5, "notes"), ==, "Ours, typed before the second merge");
  g_assert_cmpstr (action_field (saved, 6, "notes"), ==, "Theirs, saved during the merge");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* A file merged elsewhere (charta-cli merge) with a conflict recorded in it. */
static char *
conflicted_text (const char *base, const char *ours_title, const char *theirs_title)
{
  g_autofree char *ours = with_field (base, 0, "title", ours_title);
  g_autofree char *theirs = with_field (base, 0, "title", theirs_title);
  ChartaMergeInput b = { base, strlen (base), "base" };
  ChartaMergeInput o = { ours, strlen (ours), "ours" };
  ChartaMergeInput t = { theirs, strlen (theirs), "theirs" };
  g_autoptr(GError) error = NULL;
  char *merged = charta_merge_data (&b, &o, &t, NULL, NULL, &error);

  g_assert_no_error (error);
  return merged;
}

static void
test_recorded_conflicts_on_open (void)
{
  g_autofree char *base = example_text ();
  g_autofree char *merged = conflicted_text (base, "Ours: A", "Theirs: B");
  g_autofree char *path = write_in_new_dir ("plan.charta", merged);
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  g_autoptr(ChartaProject) saved = NULL;
  ChartaConflictsDialog *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  /* A value the file cannot hold is refused with a message, nothing changed... */
  charta_conflicts_dialog_set_edited_text (dialog, "");
  click (dialog, "_Use Your Own Value");
  g_assert_nonnull (find_dialog ());
  g_assert_cmpuint (charta_merge_count_conflicts (charta_document_get_project (document)), ==, 1);
  g_assert_false (charta_document_get_modified (document));
  /* ...one it can is written. */
  charta_conflicts_dialog_set_edited_text (dialog, "Both: A and B");
  click (dialog, "_Use Your Own Value");
  g_assert_true (wait_for (dialog_gone, NULL));
  g_assert_true (charta_document_get_modified (document));
  saved = save_resolved (window, path);
  g_assert_cmpstr (action_field (saved, 0, "title"), ==, "Both: A and B");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static void
test_sync_conflict_copy (void)
{
  g_autofree char *base = example_text ();
  g_autofree char *path = write_in_new_dir ("plan.charta", base);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *copy_path = g_build_filename (dir, "plan (conflicted copy 2026-11-30 101500).charta", NULL);
  g_autofree char *theirs = with_new_action (base, "From the conflict copy");
  g_autofree char *theirs2 = with_field (theirs, 0, "title", "Copy: another title");
  g_autofree char *ours = with_field (base, 0, "title", "Ours: title");
  ChartaWindow *window;
  ChartaDocument *document;
  ChartaInfoBar *bar;
  ChartaConflictsDialog *dialog;
  g_autoptr(ChartaProject) saved = NULL;

  replace_file (path, ours);
  g_assert_true (g_file_set_contents (copy_path, theirs2, -1, NULL));
  window = open_window (path);
  document = charta_window_get_document (window);
  bar = CHARTA_INFO_BAR (find_widget (GTK_WIDGET (window), is_info_bar, NULL));
  g_assert_cmpint (charta_info_bar_get_kind (bar), ==, CHARTA_INFO_CONFLICT_COPY);
  g_assert_nonnull (strstr (charta_info_bar_get_message (bar), "conflicted copy 2026-11-30"));

  /* Two-way: the action only the copy has comes in; the titles differ, a conflict. */
  g_signal_emit_by_name (bar, "response", CHARTA_INFO_RESPONSE_MERGE_COPY);
  spin (10);
  g_assert_true (has_action_titled (charta_document_get_project (document), "From the conflict copy"));
  g_assert_cmpuint (charta_merge_count_conflicts (charta_document_get_project (document)), ==, 1);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  click (dialog, "Keep _Yours");
  g_assert_true (wait_for (dialog_gone, NULL));
  saved = save_resolved (window, path);
  g_assert_cmpstr (action_field (saved, 0, "title"), ==, "Ours: title");
  g_assert_true (has_action_titled (saved, "From the conflict copy"));
  /* The copy is left alone (the user deletes it), and not offered again this session. */
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (charta_info_bar_get_kind (bar), ==, CHARTA_INFO_NONE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
is_comments_panel (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_COMMENTS_PANEL (widget);
}

static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static void
click_in (GtkWidget *root, const char *label)
{
  GtkWidget *button = find_widget (root, is_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (5);
}

#define ITEM "dive.area.pm.3"

static gboolean
is_sidebar (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_SIDEBAR (widget);
}

/* The selected sidebar row's subtitle holds @text (NULL: says nothing of comments). */
typedef struct {
  ChartaSidebar *sidebar;
  const char *text;
} SubtitleWait;

static gboolean
subtitle_is (gpointer data)
{
  SubtitleWait *w = data;
  ChartaSidebarItem *row = charta_sidebar_get_selected (w->sidebar);
  const char *subtitle = row ? charta_sidebar_item_get_subtitle (row) : NULL;

  if (subtitle == NULL)
    return FALSE;
  return w->text ? strstr (subtitle, w->text) != NULL : strstr (subtitle, "comment") == NULL;
}

/* A mentor suggests on an item, the mentee answers and resolves; saved, searchable. */
static void
test_comments_on_item (void)
{
  g_autofree char *base = example_text ();
  g_autofree char *path = write_in_new_dir ("plan.charta", base);
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *panel, *entry, *view;
  g_autoptr(ChartaProject) saved = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const ChartaComment *first;

  g_assert_true (charta_window_select_item (window, ITEM));
  spin (20);
  panel = find_widget (GTK_WIDGET (window), is_comments_panel, NULL);
  g_assert_nonnull (panel);

  /* The first comment asks for the author's name. */
  entry = find_widget (panel, is_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY));
  view = find_widget (panel, is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  g_assert_true (gtk_widget_get_visible (entry));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Suggest: involve the welcome desk", -1);
  click_in (panel, "_Add Comment");
  /* Without a name it is refused. */
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (document), ITEM, FALSE), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mentor Gent");
  click_in (panel, "_Add Comment");
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (document), ITEM, TRUE), ==, 1);
  first = g_ptr_array_index (charta_document_get_project (document)->comments, 0);
  g_assert_cmpstr (first->author, ==, "Mentor Gent");
  g_assert_false (gtk_widget_get_visible (entry));
  {
    SubtitleWait w = { CHARTA_SIDEBAR (find_widget (GTK_WIDGET (window), is_sidebar, NULL)), "1 comment" };
    g_assert_true (wait_for (subtitle_is, &w));
  }

  /* Searchable: a hit on the item. */
  hits = charta_search (charta_document_get_project (document), "welcome desk", 10);
  g_assert_cmpuint (hits->len, >=, 1);
  g_assert_cmpstr (((ChartaHit *) g_ptr_array_index (hits, hits->len - 1))->id, ==, ITEM);

  /* The mentee answers and resolves. */
  click_in (panel, "_Reply");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Done: they are on the list", -1);
  click_in (panel, "_Add Comment");
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (document), ITEM, TRUE), ==, 2);
  click_in (panel, "Re_solve");
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (document), ITEM, TRUE), ==, 0);
  g_assert_nonnull (find_widget (panel, is_button_labelled, (gpointer) "Re_open"));
  {
    SubtitleWait w = { CHARTA_SIDEBAR (find_widget (GTK_WIDGET (window), is_sidebar, NULL)), NULL };
    g_assert_true (wait_for (subtitle_is, &w));
  }
  /* Each step undoes on its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (5);
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (document), ITEM, TRUE), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin (5);

  saved = save_resolved (window, path);
  g_assert_cmpuint (charta_comments_count (saved, ITEM, FALSE), ==, 2);
  g_assert_cmpuint (charta_comments_count (saved, ITEM, TRUE), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* Runs @script with sh in @dir; returns its exit status. */
static int
run_sh (const char *dir, const char *script)
{
  const char *argv[] = { "sh", "-c", script, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("sh: %s\n%s%s", script, out, err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
write_text (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Two clones change the same field; git merges with Charta's driver (docs/sharing.md),
 * which records the conflict; the window opens the file into resolving it; saved, the
 * file validates and is committed. */
static void
test_real_git (void)
{
  const char *cli = g_getenv ("CHARTA_CLI");
  g_autofree char *tmp = g_dir_make_tmp ("charta-git-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (tmp, "mentee", NULL);
  g_autofree char *b = g_build_filename (tmp, "mentor", NULL);
  g_autofree char *path = g_build_filename (a, "plan.charta", NULL);
  g_autofree char *base = example_text ();
  g_autofree char *ours = with_field (base, 0, "title", "Mentee: welcome desk");
  g_autofree char *theirs = with_field (base, 0, "title", "Mentor: information point");
  g_autofree char *theirs2 = with_field (theirs, 1, "notes", "Mentor: notes");
  g_autofree char *setup = NULL;
  g_autofree char *driver = NULL;
  g_autofree char *validate = NULL;
  g_autofree char *on_disk = NULL;
  ChartaWindow *window;
  ChartaConflictsDialog *dialog;
  g_autoptr(ChartaProject) saved = NULL;
  g_autofree char *git = g_find_program_in_path ("git");

  if (cli == NULL || git == NULL)
    {
      g_test_skip ("needs git and CHARTA_CLI");
      return;
    }
  g_setenv ("GIT_CONFIG_NOSYSTEM", "1", TRUE);
  g_setenv ("GIT_AUTHOR_NAME", "Mentee", TRUE);
  g_setenv ("GIT_AUTHOR_EMAIL", "mentee@example.org", TRUE);
  g_setenv ("GIT_COMMITTER_NAME", "Mentee", TRUE);
  g_setenv ("GIT_COMMITTER_EMAIL", "mentee@example.org", TRUE);
  /* The lines of docs/sharing.md. */
  driver = g_strdup_printf ("git config merge.charta.name 'Charta project merge' && "
                            "git config merge.charta.driver '%s merge %%O %%A %%B -o %%A'", cli);
  g_assert_cmpint (g_mkdir (a, 0700), ==, 0);
  write_text (a, "plan.charta", base);
  write_text (a, ".gitattributes", "*.charta merge=charta text eol=lf\n");
  setup = g_strdup_printf ("git -c init.defaultBranch=main init -q && %s && git add . && git commit -qm base && "
                           "git clone -q . ../mentor && cd ../mentor && %s", driver, driver);
  g_assert_cmpint (run_sh (a, setup), ==, 0);

  write_text (b, "plan.charta", theirs2);
  g_assert_cmpint (run_sh (b, "git commit -qam 'mentor: title and notes'"), ==, 0);
  write_text (a, "plan.charta", ours);
  g_assert_cmpint (run_sh (a, "git commit -qam 'mentee: title'"), ==, 0);
  /* The driver exits 1: git reports a conflict, and the file is a valid project. */
  g_assert_cmpint (run_sh (a, "git pull -q --no-rebase ../mentor main"), !=, 0);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_null (strstr (on_disk, "<<<<<<<"));

  window = open_window (path);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (action_field (charta_document_get_project (charta_window_get_document (window)), 1, "notes"), ==,
                   "Mentor: notes");
  click (dialog, "Take _Theirs");
  g_assert_true (wait_for (dialog_gone, NULL));
  saved = save_resolved (window, path);
  g_assert_cmpstr (action_field (saved, 0, "title"), ==, "Mentor: information point");
  g_assert_cmpstr (action_field (saved, 1, "notes"), ==, "Mentor: notes");
  validate = g_strdup_printf ("'%s' validate plan.charta && git add plan.charta && git commit -qm merged", cli);
  g_assert_cmpint (run_sh (a, validate), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/merge-window/external-change-merged", test_external_change_merged);
  g_test_add_func ("/merge-window/edit-during-merge", test_edit_during_merge);
  g_test_add_func ("/merge-window/recorded-conflicts-on-open", test_recorded_conflicts_on_open);
  g_test_add_func ("/merge-window/sync-conflict-copy", test_sync_conflict_copy);
  g_test_add_func ("/merge-window/real-git", test_real_git);
  g_test_add_func ("/comments/on-item", test_comments_on_item);
  return g_test_run ();
}
