/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-catalogue.h"
#include "charta-export.h"
#include "charta-export-print.h"

/* Print and PDF are the same pages: the print operation's begin-print paginates the
 * report with the export library's layout on the print context (in points, the whole
 * sheet: the layout draws its own margins, page numbers and running heads), and each
 * draw-page draws one of its pages. */

typedef struct {
  ChartaExportDocument *document;
  ChartaExportLayout *layout;
} PrintJob;

static guint last_n_pages;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  /* The layout holds on to the document's content: it goes first. */
  g_clear_pointer (&job->layout, charta_export_layout_free);
  g_clear_pointer (&job->document, charta_export_document_free);
  g_free (job);
}

static void
on_begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  PangoContext *pango = pango_cairo_create_context (cr);

  pango_cairo_context_set_resolution (pango, 72);
  job->layout = charta_export_layout_new (job->document, pango, gtk_print_context_get_width (context),
                                          gtk_print_context_get_height (context));
  g_object_unref (pango);
  last_n_pages = charta_export_layout_get_n_pages (job->layout);
  gtk_print_operation_set_n_pages (operation, MAX (1, (int) last_n_pages));
}

static void
on_draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page, PrintJob *job)
{
  if (job->layout != NULL && page >= 0 && (guint) page < charta_export_layout_get_n_pages (job->layout))
    charta_export_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page);
}

static GtkPageSetup *
page_setup_from_locale (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = NULL;

  size = gtk_paper_size_new (charta_export_paper_from_locale () == CHARTA_EXPORT_PAPER_LETTER ?
                             GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, size);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

GtkPrintOperationResult
charta_export_print_run (GtkWindow               *parent,
                         ChartaDocument          *document,
                         gboolean                 internal,
                         GtkPrintOperationAction  action,
                         GFile                   *export_file,
                         GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = page_setup_from_locale ();
  ChartaExportOptions options = { .internal = internal };
  PrintJob *job;
  const ChartaProject *p;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), GTK_PRINT_OPERATION_RESULT_ERROR);

  p = charta_document_get_project (document);
  job = g_new0 (PrintJob, 1);
  job->document = charta_export_document_new (p, charta_catalogue_get_default (), &options);
  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "charta-print-job", job, print_job_free);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, p->city->name);
  if (export_file != NULL)
    {
      g_autofree char *path = g_file_get_path (export_file);
      gtk_print_operation_set_export_filename (operation, path);
    }
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  return gtk_print_operation_run (operation, action, parent, error);
}

guint
charta_export_print_get_last_n_pages (void)
{
  return last_n_pages;
}
