/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-catalogue.h"
#include "charta-export.h"
#include "charta-export-dialog.h"
#include "charta-export-module.h"
#include "charta-report-preview.h"
#include "charta-file.h"
#include "charta-review.h"
#include "charta-rounds.h"

/* Export…: the format, public or internal, the round "what changed" compares with; then
 * the file chooser (the portal in the Flatpak), then the export in a GTask thread on a
 * copy of the project:
 *
 *   copy of the project ─▶ ChartaExportDocument ─▶ renderer (progress, cancellable)
 *                                                 ─▶ charta_file_replace() (atomic)
 *
 * The window stays responsive; the dialog shows the progress, and Cancel stops the
 * renderer between pages or rows. A failure leaves the target as it was, and says why. */

struct _ChartaExportDialog {
  AdwWindow parent_instance;

  GtkStack *stack;
  AdwComboRow *format_row;
  GtkSwitch *internal_switch;
  AdwComboRow *round_row;
  GtkWidget *preview_group;
  GtkLabel *error_label;
  GtkButton *export_button;
  GtkProgressBar *progress_bar;
  GtkLabel *progress_label;

  ChartaDocument *document;
  GPtrArray *round_ids;        /* of char*, beside the round list's rows; [0] NULL */
  char *review_id;             /* a review's feedback report, or NULL for the progress report */
  GCancellable *cancellable;
  GFile *target;
  guint progress_id;
  gint progress;               /* per mille, written by the export thread */
  char *error;
};

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaExportDialog, charta_export_dialog, ADW_TYPE_WINDOW)

typedef struct {
  ChartaProject *project;
  ChartaExportFormat format;
  gboolean internal;
  char *round_id;
  char *review_id;
  GFile *file;
  gint *progress;
} ExportJob;

/* ---- the export, in a thread ---- */

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  charta_project_free (job->project);
  g_free (job->round_id);
  g_free (job->review_id);
  g_object_unref (job->file);
  g_free (job);
}

static void
on_progress_cb (double fraction, gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) CLAMP (fraction * 1000, 0, 1000));
}

static GBytes *
render (const ChartaExportDocument *doc, ExportJob *job, GCancellable *cancellable, GError **error)
{
  switch (job->format)
    {
    case CHARTA_EXPORT_FORMAT_PDF:
      return charta_export_pdf (doc, charta_export_paper_from_locale (), on_progress_cb, job->progress,
                                cancellable, error);
    case CHARTA_EXPORT_FORMAT_HTML:
      return charta_export_html (doc);
    case CHARTA_EXPORT_FORMAT_XLSX:
      return charta_export_module_xlsx (doc, on_progress_cb, job->progress, cancellable, error);
    case CHARTA_EXPORT_FORMAT_ICS:
      return charta_export_module_ics (doc, error);
    case CHARTA_EXPORT_FORMAT_CSV:
    default:
      g_assert_not_reached ();
    }
}

/* CSV: one file per table in the folder chosen. Every table is made before the first is
 * written, so a cancel leaves the folder as it was. */
static gboolean
write_csv (const ChartaExportDocument *doc, ExportJob *job, GCancellable *cancellable, GError **error)
{
  const char * const *all = charta_export_table_names ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  /* The library's rule, as charta-cli export: "changes" only when there is a round. */
  for (guint i = 0; all[i] != NULL; i++)
    if (charta_export_table_is_wanted (doc, all[i]))
      g_ptr_array_add (names, (gpointer) all[i]);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(ChartaExportTable) table = charta_export_table_new (doc, names->pdata[i]);
      g_ptr_array_add (files, charta_export_csv (table));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = g_strconcat (names->pdata[i], ".csv", NULL);
      g_autoptr(GFile) file = g_file_get_child (job->file, name);
      GBytes *bytes = files->pdata[i];

      if (!charta_file_replace (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, NULL,
                                cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  ChartaExportOptions options = { .internal = job->internal };
  g_autoptr(ChartaExportDocument) doc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (job->round_id != NULL)
    options.round = charta_project_find_round (job->project, job->round_id, NULL);
  if (job->review_id != NULL)
    {
      /* The same document as charta-cli review report makes. */
      const ChartaReview *review = charta_project_find_review (job->project, job->review_id);
      if (review == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The review is no longer in the project"));
          return;
        }
      doc = charta_export_document_new_review (job->project, charta_catalogue_get_default (), review, &options);
    }
  else
    doc = charta_export_document_new (job->project, charta_catalogue_get_default (), &options);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->format == CHARTA_EXPORT_FORMAT_CSV)
    {
      if (!write_csv (doc, job, cancellable, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  bytes = render (doc, job, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_task_return_error_if_cancelled (task))
    return;
  else if (!charta_file_replace (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                 NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- helpers ---- */

static char *
describe_place (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  return g_file_get_parse_name (parent != NULL ? parent : file);
}

/* The error in words a person can act on: where, and what to do. */
static char *
describe_error (GFile *file, const GError *error)
{
  g_autofree char *place = describe_place (file);
  g_autofree char *name = g_file_get_basename (file);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    /* Translators: %s is a folder */
    return g_strdup_printf (_("You may not write in the folder “%s”: nothing was exported. Choose another place."),
                            place);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    /* Translators: %s is a file name */
    return g_strdup_printf (_("The disk is full: “%s” was not written. Free some space or choose another place."),
                            name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s is a folder */
    return g_strdup_printf (_("The folder “%s” does not exist: nothing was exported."), place);
  /* Translators: the first %s is a file name, the second the reason */
  return g_strdup_printf (_("“%s” could not be exported: %s"), name, error->message);
}

static void
set_error (ChartaExportDialog *self, char *error)
{
  g_free (self->error);
  self->error = error;
  gtk_label_set_text (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static gboolean
update_progress_cb (gpointer data)
{
  ChartaExportDialog *self = data;

  int progress = g_atomic_int_get (&self->progress);

  /* The report is built before the renderer counts pages or rows, and the web page and
   * the calendar are made in one go: until there is a share to show, the bar moves. */
  if (progress == 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, progress / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (ChartaExportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) target = g_steal_pointer (&self->target);

  /* Closed while exporting: the export was cancelled, and there is no one to tell. */
  if (self->stack == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->progress_id, g_source_remove);
      g_clear_object (&self->cancellable);
      return;
    }
  stop_progress (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, g_strdup (_("Export cancelled: nothing was written.")));
      else
        set_error (self, describe_error (target, error));
      return;
    }
  g_signal_emit (self, signals[EXPORTED], 0, target);
  gtk_window_destroy (GTK_WINDOW (self));
}

static const char *
suggested_extension (ChartaExportFormat format)
{
  static const char *extensions[] = { "pdf", "html", NULL, "xlsx", "ics" };
  return format < G_N_ELEMENTS (extensions) ? extensions[format] : NULL;
}

static GtkFileFilter *
format_filter (ChartaExportFormat format)
{
  static const char *types[] = { "application/pdf", "text/html", NULL,
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 "text/calendar" };
  static const char *names[] = { N_("PDF Documents"), N_("Web Pages"), NULL, N_("Spreadsheet Workbooks"),
                                 N_("Calendar Files") };
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", suggested_extension (format));

  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, types[format]);
  gtk_file_filter_set_name (filter, _(names[format]));
  return filter;
}

/* ---- callbacks ---- */

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, ChartaExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        charta_export_dialog_export_to_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_clicked_cb (ChartaExportDialog *self)
{
  ChartaExportFormat format = charta_export_dialog_get_format (self);
  const ChartaProject *p = charta_document_get_project (self->document);
  GtkFileChooserNative *chooser;

  if (format == CHARTA_EXPORT_FORMAT_CSV)
    chooser = gtk_file_chooser_native_new (_("Export Tables to Folder"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  else
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", p->city->name, suggested_extension (format));

      chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), format_filter (format));
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_clicked_cb (ChartaExportDialog *self)
{
  charta_export_dialog_cancel (self);
}

static void
on_preview_clicked_cb (ChartaExportDialog *self)
{
  ChartaReportPreview *preview = charta_report_preview_new (GTK_WINDOW (self), self->document,
                                                            gtk_switch_get_active (self->internal_switch));
  gtk_window_present (GTK_WINDOW (preview));
}

/* ---- the round list ---- */

static void
fill_rounds (ChartaExportDialog *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const ChartaRound *last = charta_project_get_last_round (p);

  g_ptr_array_set_size (self->round_ids, 0);
  if (last != NULL)
    {
      /* Translators: the default choice of round; %s is its label */
      g_autofree char *text = g_strdup_printf (_("The last round (%s)"), last->label);
      gtk_string_list_append (list, text);
    }
  else
    gtk_string_list_append (list, _("No round closed yet"));
  g_ptr_array_add (self->round_ids, NULL);
  for (guint i = 0; p->rounds != NULL && i < p->rounds->len; i++)
    {
      const ChartaRound *round = p->rounds->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s (%s)", round->label, round->closed);

      gtk_string_list_append (list, text);
      g_ptr_array_add (self->round_ids, g_strdup (round->id));
    }
  adw_combo_row_set_model (self->round_row, G_LIST_MODEL (list));
  gtk_widget_set_sensitive (GTK_WIDGET (self->round_row), last != NULL);
}

/* ---- GObject ---- */

static void
charta_export_dialog_dispose (GObject *object)
{
  ChartaExportDialog *self = CHARTA_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->target);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (charta_export_dialog_parent_class)->dispose (object);
}

static void
charta_export_dialog_finalize (GObject *object)
{
  ChartaExportDialog *self = CHARTA_EXPORT_DIALOG (object);

  g_ptr_array_unref (self->round_ids);
  g_free (self->error);
  g_free (self->review_id);
  G_OBJECT_CLASS (charta_export_dialog_parent_class)->finalize (object);
}

/* Closing the dialog stops the export: nothing is written. */
static gboolean
charta_export_dialog_close_request (GtkWindow *window)
{
  charta_export_dialog_cancel (CHARTA_EXPORT_DIALOG (window));
  return GTK_WINDOW_CLASS (charta_export_dialog_parent_class)->close_request (window);
}

static void
charta_export_dialog_class_init (ChartaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = charta_export_dialog_dispose;
  object_class->finalize = charta_export_dialog_finalize;
  window_class->close_request = charta_export_dialog_close_request;

  /* The export is written: the GFile (a folder for CSV). */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, internal_switch);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, round_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ChartaExportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
charta_export_dialog_init (ChartaExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->round_ids = g_ptr_array_new_with_free_func (g_free);
}

/* ---- public API ---- */

ChartaExportDialog *
charta_export_dialog_new (GtkWindow *parent, ChartaDocument *document)
{
  ChartaExportDialog *self;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);

  self = g_object_new (CHARTA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  fill_rounds (self);
  return self;
}

void
charta_export_dialog_set_format (ChartaExportDialog *self, ChartaExportFormat format)
{
  g_return_if_fail (CHARTA_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format);
}

ChartaExportFormat
charta_export_dialog_get_format (ChartaExportDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_EXPORT_DIALOG (self), CHARTA_EXPORT_FORMAT_PDF);
  return MIN (adw_combo_row_get_selected (self->format_row), CHARTA_EXPORT_FORMAT_ICS);
}

void
charta_export_dialog_set_internal (ChartaExportDialog *self, gboolean internal)
{
  g_return_if_fail (CHARTA_IS_EXPORT_DIALOG (self));
  gtk_switch_set_active (self->internal_switch, internal);
}

void
charta_export_dialog_set_review (ChartaExportDialog *self, const char *review_id)
{
  g_autoptr(GtkStringList) formats = NULL;

  g_return_if_fail (CHARTA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (review_id != NULL);

  g_free (self->review_id);
  self->review_id = g_strdup (review_id);
  /* A feedback report is a document to read: PDF or web page, the first two formats. */
  formats = gtk_string_list_new ((const char *[]) { _("PDF document"), _("Web page (HTML)"), NULL });
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  gtk_widget_set_visible (GTK_WIDGET (self->round_row), FALSE);
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Export Feedback Report"));
}

const char *
charta_export_dialog_get_round (ChartaExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CHARTA_IS_EXPORT_DIALOG (self), NULL);
  selected = adw_combo_row_get_selected (self->round_row);
  return selected < self->round_ids->len ? self->round_ids->pdata[selected] : NULL;
}

void
charta_export_dialog_export_to_file (ChartaExportDialog *self, GFile *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (CHARTA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;
  set_error (self, NULL);
  job = g_new0 (ExportJob, 1);
  job->project = charta_project_copy (charta_document_get_project (self->document));
  job->format = charta_export_dialog_get_format (self);
  job->internal = gtk_switch_get_active (self->internal_switch);
  job->round_id = g_strdup (charta_export_dialog_get_round (self));
  job->review_id = g_strdup (self->review_id);
  job->file = g_object_ref (file);
  job->progress = &self->progress;
  g_atomic_int_set (&self->progress, 0);
  g_set_object (&self->target, file);
  self->cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);

  task = g_task_new (self, self->cancellable, exported_cb, g_object_ref (self));
  g_task_set_source_tag (task, charta_export_dialog_export_to_file);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
charta_export_dialog_get_busy (ChartaExportDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

void
charta_export_dialog_cancel (ChartaExportDialog *self)
{
  g_return_if_fail (CHARTA_IS_EXPORT_DIALOG (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

const char *
charta_export_dialog_get_error (ChartaExportDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_EXPORT_DIALOG (self), NULL);
  return self->error;
}
