/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reports from the window (issue 13), under an X server: Export… to PDF through the same
 * code the file chooser's answer runs, a cancelled export of a 20,000-action project and
 * an export into an unwritable place leave no file and say why, Print lays out the PDF's
 * pages, and Reporting Rounds closes and renames rounds (one undo step each) and lists
 * what changed. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "charta-catalogue.h"
#include "charta-export-dialog.h"
#include "charta-export-print.h"
#include "charta-level-row.h"
#include "charta-report-preview.h"
#include "charta-rounds-dialog.h"
#include "charta-window.h"
#include "charta-window-export.h"
#include "display-utils.h"

#define AREA "dive.area.pm.3"   /* not assessed in the Mechelen example */

static char *
make_dir (void)
{
  return g_dir_make_tmp ("charta-export-window-XXXXXX", NULL);
}

static char *
copy_example_into (const char *dir)
{
  g_autofree char *src = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples",
                                           "mechelen-2018.charta", NULL);
  g_autofree char *contents = NULL;
  char *dest = g_build_filename (dir, "mechelen-2018.charta", NULL);
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dest, contents, len, NULL));
  return dest;
}

static gboolean
is_loaded (gpointer window)
{
  return charta_window_get_document (window) != NULL && !charta_window_get_busy (window);
}

static ChartaWindow *
open_loaded_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  charta_window_open_async (window, file);
  g_assert_true (wait_for (is_loaded, window));
  spin (10);
  return window;
}

static ChartaExportDialog *
open_export_dialog (ChartaWindow *window)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  spin (10);
  dialog = _charta_window_get_export_dialog (window);
  g_assert_true (CHARTA_IS_EXPORT_DIALOG (dialog));
  return CHARTA_EXPORT_DIALOG (dialog);
}

static gboolean
export_done (gpointer dialog)
{
  return !charta_export_dialog_get_busy (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
gone_or_done (gpointer data)
{
  return dialog_gone (data) || !charta_export_dialog_get_busy (*(gpointer *) data);
}

/* Exports as the file chooser's answer does; NULL when it worked (the dialog closed), or
 * what the dialog says. */
static char *
export_to (ChartaExportDialog *dialog, GFile *file)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  charta_export_dialog_export_to_file (dialog, file);
  g_assert_true (charta_export_dialog_get_busy (dialog));
  g_assert_true (wait_for (gone_or_done, &dialog));
  spin (5);
  if (dialog == NULL)
    return NULL;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_nonnull (charta_export_dialog_get_error (dialog));
  return g_strdup (charta_export_dialog_get_error (dialog));
}

static char *
run (const char *program, const char *path)
{
  const char *argv[] = { program, path, "-", NULL };
  char *out = NULL;
  int status;

  if (g_str_equal (program, "pdfinfo"))
    argv[2] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run ("pdfinfo", path);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
close_window (ChartaWindow *window)
{
  GtkWidget *dialog = _charta_window_get_export_dialog (window);

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = _charta_window_get_rounds_dialog (window);
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

/* ---- export ---- */

/* An empty window has nothing to export, print or close a round of. */
static void
test_actions_need_document (void)
{
  ChartaWindow *window = charta_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  spin (5);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "rounds"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  spin (5);
  g_assert_null (_charta_window_get_export_dialog (window));
  close_window (window);
}

static void
test_export_pdf (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  g_autofree char *target = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  ChartaWindow *window = open_loaded_window (project);
  ChartaExportDialog *dialog;
  g_autofree char *text = NULL;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  dialog = open_export_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  charta_export_dialog_set_format (dialog, CHARTA_EXPORT_FORMAT_PDF);
  charta_export_dialog_export_to_file (dialog, file);
  g_assert_true (charta_export_dialog_get_busy (dialog));
  /* Done: the dialog closes, the window says where the report went. */
  g_assert_true (wait_for (dialog_gone, &dialog));
  g_assert_null (_charta_window_get_export_dialog (window));
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (pdf_pages (target), >=, 3);
  text = run ("pdftotext", target);
  g_assert_nonnull (strstr (text, "Mechelen"));
  /* Only the project and the report: no temporary file left beside it. */
  g_assert_cmpuint (count_files (dir), ==, 2);
  close_window (window);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Every format the dialog offers, written where the chooser would have said. */
static void
test_every_format (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  g_autofree char *html = g_build_filename (dir, "report.html", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *ics = g_build_filename (dir, "report.ics", NULL);
  g_autofree char *tables = g_build_filename (dir, "tables", NULL);
  g_autofree char *actions_csv = g_build_filename (tables, "actions.csv", NULL);
  g_autofree char *text = NULL;
  struct { ChartaExportFormat format; const char *path; } cases[] = {
    { CHARTA_EXPORT_FORMAT_HTML, html }, { CHARTA_EXPORT_FORMAT_XLSX, xlsx },
    { CHARTA_EXPORT_FORMAT_ICS, ics }, { CHARTA_EXPORT_FORMAT_CSV, tables },
  };
  ChartaWindow *window = open_loaded_window (project);

  g_assert_cmpint (g_mkdir (tables, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChartaExportDialog *dialog = open_export_dialog (window);
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);

      charta_export_dialog_set_format (dialog, cases[i].format);
      g_assert_null (export_to (dialog, file));
    }
  text = read_file (html);
  g_assert_nonnull (strstr (text, "<html"));
  g_assert_nonnull (strstr (text, "Mechelen"));
  g_free (text);
  text = read_file (xlsx);
  g_assert_true (g_str_has_prefix (text, "PK"));
  g_free (text);
  text = read_file (ics);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR"));
  g_free (text);
  text = read_file (actions_csv);
  g_assert_nonnull (strstr (text, "\r\n"));
  g_assert_cmpuint (count_files (tables), ==, 3);
  close_window (window);
}

/* The spreadsheet and calendar renderers come from a module the window loads on first use
 * (src/app/charta-export-module.c). Without it (CHARTA_MODULEDIR pointing where it is not;
 * run alone by the test test-export-window-no-module), the export fails with a message that
 * names the module's file, the target is not written, and PDF still works. */
static void
test_module_missing (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *ics = g_build_filename (dir, "report.ics", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  const char *paths[] = { xlsx, ics };
  ChartaExportFormat formats[] = { CHARTA_EXPORT_FORMAT_XLSX, CHARTA_EXPORT_FORMAT_ICS };
  ChartaWindow *window = open_loaded_window (project);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);

  g_assert_nonnull (g_getenv ("CHARTA_MODULEDIR"));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      ChartaExportDialog *dialog = open_export_dialog (window);
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *error = NULL;

      charta_export_dialog_set_format (dialog, formats[i]);
      error = export_to (dialog, file);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error, "could not be loaded"));
      g_assert_nonnull (strstr (error, g_getenv ("CHARTA_MODULEDIR")));
      g_assert_false (g_file_test (paths[i], G_FILE_TEST_EXISTS));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_null (export_to (open_export_dialog (window), pdf_file));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  close_window (window);
}

static gboolean
is_preview_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Preview the Report") == 0;
}

static ChartaReportPreview *
find_preview (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (CHARTA_IS_REPORT_PREVIEW (w))
        return CHARTA_REPORT_PREVIEW (w);
    }
  return NULL;
}

/* Print goes through the PDF's layout: printed to a file, the same number of pages. */
static void
test_print_same_pages (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) printed_file = g_file_new_for_path (printed);
  ChartaWindow *window = open_loaded_window (project);
  ChartaExportDialog *dialog = open_export_dialog (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ChartaReportPreview *preview;

  g_assert_null (export_to (dialog, pdf_file));
  g_assert_cmpint (charta_export_print_run (GTK_WINDOW (window), charta_window_get_document (window), FALSE,
                                            GTK_PRINT_OPERATION_ACTION_EXPORT, printed_file, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpuint (charta_export_print_get_last_n_pages (), ==, pdf_pages (pdf));
  g_assert_cmpuint (pdf_pages (printed), ==, pdf_pages (pdf));
  text = run ("pdftotext", printed);
  g_assert_nonnull (strstr (text, "Mechelen"));

  /* The preview in the export dialog: the same pages, one after the other. */
  dialog = open_export_dialog (window);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), is_preview_button, NULL), "clicked");
  spin (10);
  preview = find_preview ();
  g_assert_nonnull (preview);
  g_assert_cmpuint (charta_report_preview_get_n_pages (preview), ==, pdf_pages (pdf));
  g_assert_cmpuint (charta_report_preview_get_page (preview), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL);
  g_assert_cmpuint (charta_report_preview_get_page (preview), ==, 1);
  spin (10);
  gtk_window_destroy (GTK_WINDOW (preview));
  close_window (window);
}

static gboolean
is_cancel_export (GtkWidget *widget, gpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Cancel Export") == 0;
}

static gboolean
is_progress_bar (GtkWidget *widget, gpointer data)
{
  return GTK_IS_PROGRESS_BAR (widget);
}

/* The window keeps drawing while a 20,000-action project exports: the progress bar moves,
 * main-loop turns go on, and Cancel leaves no file. */
static void
test_cancel_large (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = generate_large_project (dir, 20000);
  g_autofree char *target = g_build_filename (dir, "large.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  ChartaWindow *window = open_loaded_window (project);
  ChartaExportDialog *dialog = open_export_dialog (window);
  GtkWidget *bar = find_widget (GTK_WIDGET (dialog), is_progress_bar, NULL);
  gint64 start, longest = 0, last;

  charta_export_dialog_export_to_file (dialog, file);
  g_assert_true (gtk_widget_get_mapped (bar) || (spin (5), gtk_widget_get_mapped (bar)));
  /* The main loop turns while the export runs: no turn waits long. */
  start = last = g_get_monotonic_time ();
  while (charta_export_dialog_get_busy (dialog) && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) <= 0 &&
         g_get_monotonic_time () - start < MAX_WAIT_US)
    {
      gint64 now;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
      now = g_get_monotonic_time ();
      longest = MAX (longest, now - last);
      last = now;
    }
  g_assert_true (charta_export_dialog_get_busy (dialog));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), >, 0);
  g_test_message ("longest main-loop turn during the export: %" G_GINT64_FORMAT " ms", longest / 1000);
  g_assert_cmpint (longest, <, G_USEC_PER_SEC);

  /* Cancel, as clicked. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), is_cancel_export, NULL), "clicked");
  g_assert_true (wait_for (export_done, dialog));
  g_assert_nonnull (charta_export_dialog_get_error (dialog));
  g_assert_nonnull (strstr (charta_export_dialog_get_error (dialog), "cancelled"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);
  close_window (window);
}

/* A folder that cannot be written: nothing is left, and the dialog says why. */
static void
test_unwritable (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *error = NULL;
  ChartaWindow *window = open_loaded_window (project);
  ChartaExportDialog *dialog = open_export_dialog (window);

  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  /* root writes anywhere a mode allows nothing; sysfs refuses even root. */
  target = getuid () == 0 ? g_strdup ("/sys/charta-report.pdf") : g_build_filename (locked, "report.pdf", NULL);
  file = g_file_new_for_path (target);
  error = export_to (dialog, file);
  g_assert_nonnull (error);
  g_test_message ("%s", error);
  g_assert_nonnull (strstr (error, "You may not write in the folder"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (locked), ==, 0);
  /* The dialog stays for another try. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  close_window (window);
  g_rmdir (locked);
}

static gboolean
no_export_dialog (gpointer window)
{
  return _charta_window_get_export_dialog (window) == NULL;
}

/* Closing the dialog while it exports cancels the export: no file, no warning. */
static void
test_close_while_exporting (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  g_autofree char *target = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  ChartaWindow *window = open_loaded_window (project);
  ChartaExportDialog *dialog = open_export_dialog (window);

  charta_export_dialog_export_to_file (dialog, file);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  /* The thread stops, then finds the dialog closed; the dialog goes with it. */
  g_assert_true (wait_for (no_export_dialog, window));
  spin (10);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);
  close_window (window);
}

/* A full disk: CHARTA_FULL_DISK_DIR names a folder on a file system too small for the
 * report (e.g. a 64 KiB tmpfs); skipped without one. */
static void
test_full_disk (void)
{
  const char *full = g_getenv ("CHARTA_FULL_DISK_DIR");
  g_autofree char *dir = NULL, *project = NULL, *target = NULL, *error = NULL;
  g_autoptr(GFile) file = NULL;
  ChartaWindow *window;

  if (full == NULL)
    {
      g_test_skip ("CHARTA_FULL_DISK_DIR not set");
      return;
    }
  dir = make_dir ();
  project = copy_example_into (dir);
  target = g_build_filename (full, "report.pdf", NULL);
  file = g_file_new_for_path (target);
  window = open_loaded_window (project);
  error = export_to (open_export_dialog (window), file);
  g_assert_nonnull (error);
  g_test_message ("%s", error);
  g_assert_nonnull (strstr (error, "The disk is full"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (full), ==, 0);
  close_window (window);
}

/* ---- rounds ---- */

typedef struct {
  const char *title;
  const char *subtitle;
} RowMatch;

static gboolean
is_row (GtkWidget *widget, gpointer data)
{
  RowMatch *m = data;
  const char *subtitle;

  if (!ADW_IS_ACTION_ROW (widget) || !gtk_widget_get_mapped (widget) ||
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), m->title) != 0)
    return FALSE;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  return m->subtitle == NULL || (subtitle != NULL && strstr (subtitle, m->subtitle) != NULL);
}

typedef struct {
  gpointer dialog;
  RowMatch match;
  gboolean present;
} RowWait;

static gboolean
row_as_expected (gpointer data)
{
  RowWait *w = data;
  return (find_widget (w->dialog, is_row, &w->match) != NULL) == w->present;
}

/* Whether a row shows (or, with @present FALSE, goes) within the bounded wait: the lists
 * are rebuilt in an idle after the document changes. */
static gboolean
row_shown (gpointer dialog, const char *title, const char *subtitle, gboolean present)
{
  RowWait w = { dialog, { title, subtitle }, present };
  return wait_for (row_as_expected, &w);
}

static ChartaRoundsDialog *
open_rounds_dialog (ChartaWindow *window)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rounds", NULL));
  spin (10);
  dialog = _charta_window_get_rounds_dialog (window);
  g_assert_true (CHARTA_IS_ROUNDS_DIALOG (dialog));
  return CHARTA_ROUNDS_DIALOG (dialog);
}

static gboolean
is_rename_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Re_name…") == 0;
}

static GtkWidget *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return GTK_WIDGET (w);
    }
  return NULL;
}

static void
test_close_rename_undo (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  ChartaWindow *window = open_loaded_window (project);
  ChartaDocument *document = charta_window_get_document (window);
  ChartaRoundsDialog *dialog = open_rounds_dialog (window);
  GtkWidget *ask;
  const ChartaProject *p;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  /* Close Round… as a person fills it in. */
  ask = charta_rounds_dialog_ask_close (dialog);
  gtk_window_present (GTK_WINDOW (ask));
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (ask), "label")), "Council report 2018");
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (ask), "date")), "2026-11-01");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "close");
  spin (10);
  p = charta_document_get_project (document);
  g_assert_nonnull (p->rounds);
  g_assert_cmpuint (p->rounds->len, ==, 1);
  id = g_strdup (((ChartaRound *) p->rounds->pdata[0])->id);
  g_assert_true (row_shown (dialog, "1. Council report 2018", "Closed 2026-11-01", TRUE));

  /* One undo step takes the round back, redo brings it again. */
  charta_document_undo (document);
  g_assert_cmpuint (p->rounds ? p->rounds->len : 0, ==, 0);
  g_assert_true (row_shown (dialog, "1. Council report 2018", NULL, FALSE));
  charta_document_redo (document);
  g_assert_true (row_shown (dialog, "1. Council report 2018", NULL, TRUE));

  /* Renamed through its row's Rename… button: one undo step restores the label; the
   * round is still there. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), is_rename_button, NULL), "clicked");
  spin (10);
  ask = find_message_dialog ("Rename Round");
  g_assert_nonnull (ask);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (ask), "label")), "Evaluation 2018");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "rename");
  g_assert_true (row_shown (dialog, "1. Evaluation 2018", NULL, TRUE));
  g_assert_cmpstr (((ChartaRound *) p->rounds->pdata[0])->id, ==, id);
  charta_document_undo (document);
  g_assert_true (row_shown (dialog, "1. Council report 2018", NULL, TRUE));
  g_assert_cmpuint (p->rounds->len, ==, 1);

  /* A bad date is refused in words; nothing changes. */
  g_assert_false (charta_rounds_dialog_close_round (dialog, "Too early", "2026-02-30", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (p->rounds->len, ==, 1);
  close_window (window);
}

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

static void
test_what_changed (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = copy_example_into (dir);
  ChartaWindow *window = open_loaded_window (project);
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), AREA);
  ChartaRoundsDialog *dialog;
  g_autoptr(GError) error = NULL;

  set_level_in_page (window, 2);
  dialog = open_rounds_dialog (window);
  g_assert_true (charta_rounds_dialog_close_round (dialog, "Spring", "2026-11-01", &error));
  g_assert_no_error (error);
  g_assert_true (row_shown (dialog, "1. Spring", NULL, TRUE));
  charta_rounds_dialog_show_page (dialog, "changes");
  spin (5);
  g_assert_true (row_shown (dialog, charta_item_get_title (item), NULL, FALSE));

  /* A level set after the round: listed under its area, its kind in words. */
  set_level_in_page (window, 3);
  g_assert_true (row_shown (dialog, charta_item_get_title (item), "Level up: ", TRUE));
  close_window (window);
}

/* ---- screenshots (CHARTA_SHOTS_DIR set; not part of the suite) ---- */

static void
shoot (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s/%s.png", g_getenv ("CHARTA_SHOTS_DIR"), name);
  const char *argv[] = { "import", "-window", "root", file, NULL };

  spin (60);
  g_usleep (300000);
  spin (20);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  g_print ("%s\n", file);
}

static void
test_screenshots (void)
{
  const char *dir_name = g_getenv ("CHARTA_SHOTS_DIR");
  int width = atoi (g_getenv ("CHARTA_SHOTS_WIDTH") ? g_getenv ("CHARTA_SHOTS_WIDTH") : "1280");
  int height = atoi (g_getenv ("CHARTA_SHOTS_HEIGHT") ? g_getenv ("CHARTA_SHOTS_HEIGHT") : "800");
  g_autofree char *dir = NULL, *project = NULL, *name = NULL;
  ChartaWindow *window;
  GtkWidget *dialog;
  g_autoptr(GError) error = NULL;

  if (dir_name == NULL)
    {
      g_test_skip ("CHARTA_SHOTS_DIR not set");
      return;
    }
  dir = make_dir ();
  project = copy_example_into (dir);
  window = open_loaded_window (project);
  gtk_window_maximize (GTK_WINDOW (window));
  dialog = GTK_WIDGET (open_export_dialog (window));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 560), MIN (height, 560));
  name = g_strdup_printf ("export-dialog-%d", width);
  shoot (name);
  g_signal_emit_by_name (find_widget (dialog, is_preview_button, NULL), "clicked");
  spin (10);
  gtk_window_set_default_size (GTK_WINDOW (find_preview ()), MIN (width, 640), height);
  g_free (name);
  name = g_strdup_printf ("report-preview-%d", width);
  shoot (name);
  gtk_window_destroy (GTK_WINDOW (find_preview ()));
  gtk_window_destroy (GTK_WINDOW (dialog));

  set_level_in_page (window, 2);
  dialog = GTK_WIDGET (open_rounds_dialog (window));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 640), MIN (height, 640));
  charta_rounds_dialog_close_round (CHARTA_ROUNDS_DIALOG (dialog), "Council report 2018", "2026-11-01", &error);
  g_free (name);
  name = g_strdup_printf ("rounds-%d", width);
  shoot (name);
  set_level_in_page (window, 3);
  charta_rounds_dialog_show_page (CHARTA_ROUNDS_DIALOG (dialog), "changes");
  g_free (name);
  name = g_strdup_printf ("what-changed-%d", width);
  shoot (name);
  close_window (window);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  if (g_getenv ("CHARTA_TEST_NO_MODULE") != NULL)
    {
      g_test_add_func ("/export-window/module-missing", test_module_missing);
      return g_test_run ();
    }
  g_test_add_func ("/export-window/actions-need-document", test_actions_need_document);
  g_test_add_func ("/export-window/pdf", test_export_pdf);
  g_test_add_func ("/export-window/every-format", test_every_format);
  g_test_add_func ("/export-window/print-same-pages", test_print_same_pages);
  g_test_add_func ("/export-window/unwritable", test_unwritable);
  g_test_add_func ("/export-window/close-while-exporting", test_close_while_exporting);
  g_test_add_func ("/export-window/full-disk", test_full_disk);
  g_test_add_func ("/export-window/cancel-large", test_cancel_large);
  g_test_add_func ("/rounds-window/close-rename-undo", test_close_rename_undo);
  g_test_add_func ("/rounds-window/what-changed", test_what_changed);
  g_test_add_func ("/export-window/screenshots", test_screenshots);
  return g_test_run ();
}
