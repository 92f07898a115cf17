/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editors under the real window. Their date fields: each refuses what the loader refuses,
 * with the loader's message, keeps Save off meanwhile, and takes a good date into the
 * document and the saved file. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "charta-actions-page.h"
#include "charta-actual-row.h"
#include "charta-assessment-text.h"
#include "charta-comments.h"
#include "charta-comments-panel.h"
#include "charta-date.h"
#include "charta-date-row.h"
#include "charta-format.h"
#include "charta-editor-dialog.h"
#include "charta-item-page.h"
#include "charta-level-row.h"
#include "charta-records-page.h"
#include "charta-window.h"
#include "display-utils.h"

/* Dates the old editors took and the loader refuses. */
static const char * const bad_dates[] = { "2024-05- 1", " 201-05-01", "-001-05-01" };
#define GOOD_DATE "2024-05-01"

static ChartaEditorDialog *
find_editor (void)
{
  return CHARTA_EDITOR_DIALOG (find_toplevel (CHARTA_TYPE_EDITOR_DIALOG));
}

static gboolean
editor_gone (gpointer data)
{
  return find_editor () == NULL;
}

static gboolean
is_date_row_titled (GtkWidget *widget, gpointer title)
{
  return CHARTA_IS_DATE_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_actual_row (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_ACTUAL_ROW (widget);
}

/* The loader's verdict on @date in the field @field of the first record of a copy of the
 * example: it must refuse it with the message the editor shows. */
static void
assert_loader_refuses (ChartaDocument *document, const char *date, const char *message)
{
  g_autoptr(ChartaProject) p = charta_project_copy (charta_document_get_project (document));
  ChartaAction *action = g_ptr_array_index (p->actions, 0);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) loaded = NULL;
  gsize len;

  g_free (action->due);
  action->due = g_strdup (date);
  data = charta_project_to_data (p, &len);
  loaded = charta_project_load_from_data (data, len, "check.charta", &error);
  g_assert_null (loaded);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, message));
}

/* Each bad date: the field says what the loader says, Save is off and refuses. Then the
 * good date: the field is right again, with its own title back. */
static void
check_field (ChartaEditorDialog *editor, GtkWidget *row, ChartaDocument *document)
{
  g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  g_assert_true (charta_editor_dialog_get_can_save (editor));
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autofree char *message = charta_date_describe_invalid (bad_dates[i]);

      type_into (row, bad_dates[i]);
      g_assert_false (charta_date_row_get_valid (CHARTA_DATE_ROW (row)));
      g_assert_null (charta_date_row_get_date (CHARTA_DATE_ROW (row)));
      g_assert_cmpstr (charta_date_row_get_error (CHARTA_DATE_ROW (row)), ==, message);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, message);
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_false (charta_editor_dialog_get_can_save (editor));
      g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL) && editor_gone (NULL));
      g_assert_false (charta_editor_dialog_save (editor));
      g_assert_true (find_editor () == editor);
      assert_loader_refuses (document, bad_dates[i], message);
    }
  type_into (row, GOOD_DATE);
  g_assert_true (charta_date_row_get_valid (CHARTA_DATE_ROW (row)));
  g_assert_null (charta_date_row_get_error (CHARTA_DATE_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (charta_editor_dialog_get_can_save (editor));
}

/* Saves the window's project and loads the file back: the loader takes what was saved. */
static void
test_action_due (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaAction *first = charta_document_get (document, CHARTA_COLLECTION_ACTIONS, 0);
  g_autofree char *id = g_strdup (first->id);
  g_autoptr(ChartaProject) saved = NULL;
  ChartaEditorDialog *editor;
  GtkWidget *due;
  int position;

  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_actions_page, NULL), "open-action", id);
  spin (10);
  editor = find_editor ();
  g_assert_nonnull (editor);
  due = find_widget (GTK_WIDGET (editor), is_date_row_titled, (gpointer) "Due (YYYY-MM-DD)");
  g_assert_nonnull (due);
  check_field (editor, due, document);
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));

  position = charta_document_find (document, CHARTA_COLLECTION_ACTIONS, id);
  g_assert_cmpstr (((const ChartaAction *) charta_document_get (document, CHARTA_COLLECTION_ACTIONS, position))->due,
                   ==, GOOD_DATE);
  saved = save_and_reload (window, path);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (saved->actions, position))->due, ==, GOOD_DATE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static ChartaEditorDialog *
edit_record (ChartaWindow *window, ChartaCollection collection, guint index, char **id_out)
{
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_records_page, GINT_TO_POINTER (collection));
  /* Measures and meetings have their id first. */
  const char *id = *(char * const *) charta_document_get (document, collection, index);

  g_assert_nonnull (page);
  *id_out = g_strdup (id);
  charta_records_page_edit (CHARTA_RECORDS_PAGE (page), id);
  spin (10);
  return find_editor ();
}

static ChartaEditorDialog *
edit_first_record (ChartaWindow *window, ChartaCollection collection, char **id_out)
{
  return edit_record (window, collection, 0, id_out);
}

/* The first measure that records its values (the example's first one counts meetings). */
static guint
first_recorded_measure (ChartaDocument *document)
{
  const ChartaProject *project = charta_document_get_project (document);

  for (guint i = 0; i < project->measures->len; i++)
    if (((ChartaMeasure *) g_ptr_array_index (project->measures, i))->computed == CHARTA_UNSET)
      return i;
  g_assert_not_reached ();
}

static gboolean
is_value_row (GtkWidget *widget, gpointer data)
{
  return ADW_IS_ENTRY_ROW (widget) && !CHARTA_IS_DATE_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Value") == 0;
}

static gboolean
is_unit_row (GtkWidget *widget, gpointer data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Unit") == 0;
}

static void
test_measure_actual (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  g_autofree char *id = NULL;
  guint index = first_recorded_measure (document);
  ChartaEditorDialog *editor = edit_record (window, CHARTA_COLLECTION_MEASURES, index, &id);
  const ChartaMeasure *m = charta_document_get (document, CHARTA_COLLECTION_MEASURES, index);
  guint before = m->actuals ? m->actuals->len : 0;
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaDatedValue *last;
  GtkWidget *row = NULL;

  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-actual", NULL));
  spin (5);
  /* The new actual is the last row; its value is still empty, so Save waits for it. */
  for (GtkWidget *r = find_widget (GTK_WIDGET (editor), is_actual_row, NULL); r; r = gtk_widget_get_next_sibling (r))
    row = r;
  g_assert_nonnull (row);
  g_assert_false (charta_editor_dialog_get_can_save (editor));
  type_into (find_widget (row, is_value_row, NULL), "42,5");
  g_assert_true (charta_editor_dialog_get_can_save (editor));

  check_field (editor, charta_actual_row_get_date_row (CHARTA_ACTUAL_ROW (row)), document);
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));

  m = charta_document_get (document, CHARTA_COLLECTION_MEASURES, index);
  g_assert_cmpstr (m->id, ==, id);
  g_assert_cmpuint (m->actuals->len, ==, before + 1);
  last = g_ptr_array_index (m->actuals, before);
  g_assert_cmpstr (last->date, ==, GOOD_DATE);
  g_assert_cmpfloat (last->value, ==, 42.5);
  saved = save_and_reload (window, path);
  m = g_ptr_array_index (saved->measures, index);
  g_assert_cmpstr (((ChartaDatedValue *) g_ptr_array_index (m->actuals, before))->date, ==, GOOD_DATE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* A computed measure counts its values in the project: its editor offers no actuals to
 * add (the loader would refuse the file), and saving it keeps the file valid. */
static void
test_measure_computed (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  g_autofree char *id = NULL;
  const ChartaMeasure *m = charta_document_get (document, CHARTA_COLLECTION_MEASURES, 0);
  ChartaEditorDialog *editor;
  g_autoptr(ChartaProject) saved = NULL;

  g_assert_cmpint (m->computed, !=, CHARTA_UNSET);
  editor = edit_first_record (window, CHARTA_COLLECTION_MEASURES, &id);
  g_assert_nonnull (editor);
  /* The action is disabled: activating it adds no row. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-actual", NULL);
  spin (5);
  g_assert_null (find_widget (GTK_WIDGET (editor), is_actual_row, NULL));
  type_into (find_widget (GTK_WIDGET (editor), is_unit_row, NULL), "meetings held");
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));
  saved = save_and_reload (window, path);
  m = g_ptr_array_index (saved->measures, 0);
  g_assert_cmpstr (m->unit, ==, "meetings held");
  g_assert_null (m->actuals);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static void
test_consultation_date (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  g_autofree char *id = NULL;
  ChartaEditorDialog *editor = edit_first_record (window, CHARTA_COLLECTION_CONSULTATIONS, &id);
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaConsultation *c;
  GtkWidget *date;
  int position;

  g_assert_nonnull (editor);
  date = find_widget (GTK_WIDGET (editor), is_date_row_titled, (gpointer) "Date (YYYY-MM-DD)");
  g_assert_nonnull (date);
  /* Required: empty is wrong too. */
  type_into (date, "");
  g_assert_false (charta_date_row_get_valid (CHARTA_DATE_ROW (date)));
  g_assert_false (charta_editor_dialog_get_can_save (editor));
  type_into (date, "2018-03-15");
  check_field (editor, date, document);
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));

  position = charta_document_find (document, CHARTA_COLLECTION_CONSULTATIONS, id);
  c = charta_document_get (document, CHARTA_COLLECTION_CONSULTATIONS, position);
  g_assert_cmpstr (c->date, ==, GOOD_DATE);
  saved = save_and_reload (window, path);
  g_assert_cmpstr (((ChartaConsultation *) g_ptr_array_index (saved->consultations, position))->date, ==, GOOD_DATE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* Opening and saving without a change adds no undo step. */
static void
test_save_unchanged (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  g_autofree char *id = NULL;
  g_autofree char *meeting_id = NULL;
  ChartaEditorDialog *editor = edit_first_record (window, CHARTA_COLLECTION_MEASURES, &id);

  g_assert_nonnull (editor);
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));
  g_assert_false (charta_document_can_undo (document));

  editor = edit_first_record (window, CHARTA_COLLECTION_CONSULTATIONS, &meeting_id);
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));
  g_assert_false (charta_document_can_undo (document));

  /* Every action, with its linked items, partners and dates, comes back unchanged. */
  for (guint i = 0; i < charta_document_get_n (document, CHARTA_COLLECTION_ACTIONS); i++)
    {
      const ChartaAction *action = charta_document_get (document, CHARTA_COLLECTION_ACTIONS, i);
      g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_actions_page, NULL), "open-action", action->id);
      spin (5);
      editor = find_editor ();
      g_assert_nonnull (editor);
      g_assert_true (charta_editor_dialog_save (editor));
      g_assert_true (wait_for (editor_gone, NULL));
    }
  g_assert_false (charta_document_can_undo (document));
  g_assert_false (charta_document_get_modified (document));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
is_calendar (GtkWidget *widget, gpointer data)
{
  return GTK_IS_CALENDAR (widget);
}

/* Delete in the editor removes the measure, one undo step; picking a day in a date
 * field's calendar writes it into the field. */
static void
test_delete_and_calendar (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  guint before = charta_document_get_n (document, CHARTA_COLLECTION_MEASURES);
  g_autofree char *id = NULL;
  ChartaEditorDialog *editor = edit_first_record (window, CHARTA_COLLECTION_MEASURES, &id);
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 5, 1, 12, 0, 0);
  GtkWidget *date, *calendar;

  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  g_assert_true (wait_for (editor_gone, NULL));
  g_assert_cmpuint (charta_document_get_n (document, CHARTA_COLLECTION_MEASURES), ==, before - 1);
  g_assert_cmpint (charta_document_find (document, CHARTA_COLLECTION_MEASURES, id), <, 0);
  g_assert_true (charta_document_undo (document));
  g_assert_cmpint (charta_document_find (document, CHARTA_COLLECTION_MEASURES, id), ==, 0);

  editor = edit_first_record (window, CHARTA_COLLECTION_CONSULTATIONS, &id);
  date = find_widget (GTK_WIDGET (editor), is_date_row_titled, (gpointer) "Date (YYYY-MM-DD)");
  type_into (date, "2024-05- 1");
  g_assert_false (charta_editor_dialog_get_can_save (editor));
  calendar = find_widget (date, is_calendar, NULL);
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_signal_emit_by_name (calendar, "day-selected");
  spin (3);
  g_assert_cmpstr (charta_date_row_get_date (CHARTA_DATE_ROW (date)), ==, GOOD_DATE);
  g_assert_true (charta_editor_dialog_get_can_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
is_text_for (GtkWidget *widget, gpointer item_id)
{
  return CHARTA_IS_ASSESSMENT_TEXT (widget) &&
         g_strcmp0 (charta_assessment_text_get_item_id (CHARTA_ASSESSMENT_TEXT (widget)), item_id) == 0;
}

static gboolean
is_text_view (GtkWidget *widget, gpointer data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* The item page: the level and the evidence typed reach the document, one undo step each,
 * the evidence once the typing is over (flush), not per key. */
static void
test_item_page_commits (void)
{
  static const char area[] = "dive.area.pm.3";
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaProject *p = charta_document_get_project (document);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  GtkWidget *level, *text;
  GtkTextBuffer *buffer;

  g_assert_true (charta_window_select_item (window, area));
  spin (20);
  g_assert_cmpstr (charta_item_page_get_item_id (CHARTA_ITEM_PAGE (page)), ==, area);
  level = find_widget (page, is_level_row_for, (gpointer) area);
  text = find_widget (page, is_text_for, (gpointer) area);
  g_assert_nonnull (level);
  g_assert_nonnull (text);

  adw_combo_row_set_selected (ADW_COMBO_ROW (level), 3);
  spin (5);
  g_assert_cmpint (charta_project_get_assessment (p, area)->level, ==, 3);
  g_assert_cmpstr (charta_level_row_get_meaning (CHARTA_LEVEL_ROW (level)), !=, charta_format_not_assessed ());

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (text, is_text_view, NULL)));
  gtk_text_buffer_set_text (buffer, "Council decision 2018/12", -1);
  gtk_text_buffer_insert_at_cursor (buffer, ", annex B", -1);
  g_assert_null (charta_project_get_assessment (p, area)->evidence);
  charta_item_page_flush (CHARTA_ITEM_PAGE (page));
  p = charta_document_get_project (document);
  g_assert_cmpstr (charta_project_get_assessment (p, area)->evidence, ==, "Council decision 2018/12, annex B");

  /* Undo takes back the evidence (one step), then the level. */
  g_assert_true (charta_document_undo (document));
  p = charta_document_get_project (document);
  g_assert_null (charta_project_get_assessment (p, area)->evidence);
  g_assert_cmpint (charta_project_get_assessment (p, area)->level, ==, 3);
  g_assert_true (charta_document_undo (document));
  g_assert_false (charta_document_can_undo (document));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

static gboolean
is_comments_panel (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_COMMENTS_PANEL (widget);
}

/* Only a shown button: the comments panel hides the buttons of a thread being answered. */
static gboolean
is_shown_button_labelled (GtkWidget *widget, gpointer label)
{
  return gtk_widget_get_visible (widget) && is_button_labelled (widget, label);
}

static gboolean
is_visible_entry (GtkWidget *widget, gpointer data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_get_visible (widget);
}

static void
click (GtkWidget *root, const char *label)
{
  GtkWidget *button = find_widget (root, is_shown_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin (5);
}

/* Types @text into the panel's comment field and presses Add Comment. */
static void
write_comment (GtkWidget *panel, const char *text)
{
  GtkWidget *view = find_widget (panel, is_text_view, NULL);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  click (panel, "_Add Comment");
}

/* Issue 14: a mentor comments on an action in its editor, the mentee replies and resolves;
 * the comments are on the action's id in the saved file. A new action has no id yet and
 * no comments panel. */
static void
test_action_comments (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaAction *first = charta_document_get (document, CHARTA_COLLECTION_ACTIONS, 0);
  g_autofree char *id = g_strdup (first->id);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ChartaProject) saved = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  const ChartaComment *question, *answer;
  ChartaEditorDialog *editor;
  GtkWidget *panel, *entry;

  g_settings_set_string (settings, "comment-author", "");

  /* A new action: no panel. */
  editor = charta_editor_dialog_new (GTK_WINDOW (window), document, CHARTA_COLLECTION_ACTIONS, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  spin (5);
  g_assert_null (find_widget (GTK_WIDGET (editor), is_comments_panel, NULL));
  gtk_window_destroy (GTK_WINDOW (editor));
  spin (5);

  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_actions_page, NULL), "open-action", id);
  spin (10);
  editor = find_editor ();
  g_assert_nonnull (editor);
  panel = find_widget (GTK_WIDGET (editor), is_comments_panel, NULL);
  g_assert_nonnull (panel);
  g_assert_true (gtk_widget_is_visible (panel));

  /* The mentor: asked for a name the first time. */
  entry = find_widget (panel, is_visible_entry, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mentor Ghent");
  write_comment (panel, "Could the due date move to the spring?");
  thread = charta_comments_thread (charta_document_get_project (document), id);
  g_assert_cmpuint (thread->len, ==, 1);
  g_clear_pointer (&thread, g_ptr_array_unref);
  g_assert_false (gtk_widget_get_visible (entry));

  /* The mentee replies and resolves. */
  g_settings_set_string (settings, "comment-author", "Mentee Mechelen");
  click (panel, "_Reply");
  write_comment (panel, "Yes, moved to April.");
  click (panel, "Re_solve");
  g_assert_nonnull (find_widget (panel, is_shown_button_labelled, "Re_open"));

  /* An edit of the action itself, saved with the editor. */
  charta_editor_dialog_set_title_text (editor, "Welcome desk, with comments");
  g_assert_true (charta_editor_dialog_save (editor));
  g_assert_true (wait_for (editor_gone, NULL));

  saved = save_and_reload (window, path);
  thread = charta_comments_thread (saved, id);
  g_assert_cmpuint (thread->len, ==, 2);
  question = g_ptr_array_index (thread, 0);
  answer = g_ptr_array_index (thread, 1);
  g_assert_cmpstr (question->target, ==, id);
  g_assert_cmpstr (question->author, ==, "Mentor Ghent");
  g_assert_cmpstr (question->text, ==, "Could the due date move to the spring?");
  g_assert_null (question->in_reply_to);
  g_assert_true (question->resolved);
  g_assert_cmpstr (answer->target, ==, id);
  g_assert_cmpstr (answer->author, ==, "Mentee Mechelen");
  g_assert_cmpstr (answer->text, ==, "Yes, moved to April.");
  g_assert_cmpstr (answer->in_reply_to, ==, question->id);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (saved->actions,
                                                        charta_document_find (document, CHARTA_COLLECTION_ACTIONS, id)))->title,
                   ==, "Welcome desk, with comments");
  g_settings_set_string (settings, "comment-author", "");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/editors/action/due", test_action_due);
  g_test_add_func ("/editors/measure/actual", test_measure_actual);
  g_test_add_func ("/editors/measure/computed", test_measure_computed);
  g_test_add_func ("/editors/consultation/date", test_consultation_date);
  g_test_add_func ("/editors/save-unchanged", test_save_unchanged);
  g_test_add_func ("/editors/delete-and-calendar", test_delete_and_calendar);
  g_test_add_func ("/pages/item/commits", test_item_page_commits);
  g_test_add_func ("/editors/action/comments", test_action_comments);
  return g_test_run ();
}
