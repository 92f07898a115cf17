/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* Prints the report of @document (public, or @internal) through the export library's
 * page layout, so that the printed pages are the PDF's pages. @action: PRINT_DIALOG for
 * Print…, PREVIEW for the report preview, EXPORT with @export_file for tests. */
GtkPrintOperationResult charta_export_print_run (GtkWindow               *parent,
                                                 ChartaDocument          *document,
                                                 gboolean                 internal,
                                                 GtkPrintOperationAction  action,
                                                 GFile                   *export_file,
                                                 GError                 **error);
/* The number of pages the last print operation of this process laid out (for tests). */
guint                   charta_export_print_get_last_n_pages (void);

G_END_DECLS
