/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export.h: the renderers of a report (see charta-export-document.h), GTK-free,
 * shared by charta-cli and the window. Each returns the whole file, to be written by
 * atomic replace (charta_file_replace()). */
#pragma once

#include <gio/gio.h>

#include "charta-export-document.h"
#include "charta-export-pdf.h"
#include "charta-export-table.h"

G_BEGIN_DECLS

#define CHARTA_EXPORT_ERROR (charta_export_error_quark ())

typedef enum {
  CHARTA_EXPORT_ERROR_FAILED,
} ChartaExportError;

GQuark    charta_export_error_quark (void);

/* RFC 4180: UTF-8, CRLF line ends, a header row; fields with a comma, a quote or a line
 * end are quoted. Numbers with a dot, dates YYYY-MM-DD, booleans TRUE/FALSE. A text that
 * starts with = + - @, a tab or a carriage return gets a leading single quote, so that
 * no spreadsheet runs it as a formula (OWASP, "CSV injection"). */
GBytes   *charta_export_csv   (const ChartaExportTable *table);

/* A self-contained, accessible web page: inline CSS, charts as inline SVG, no scripts. */
GBytes   *charta_export_html  (const ChartaExportDocument *document);

/* iCalendar: one VTODO per action with a start or due date, UID from the action's id, so
 * importing a later export updates the tasks instead of adding them twice. */
GBytes   *charta_export_ics   (const ChartaExportDocument *document,
                               GError                   **error);

/* A workbook with a sheet per table: typed cells, real dates, a frozen header row and
 * filters. Texts are string cells, never formulas, whatever they start with. libxlsxwriter writes a file of its own in the temporary folder; its bytes come
 * back so that the target is written, like every other export, by atomic replace.
 * @progress and @cancellable as for charta_export_pdf(), between rows. */
GBytes   *charta_export_xlsx  (const ChartaExportDocument *document,
                               ChartaExportProgressFunc    progress,
                               gpointer                    user_data,
                               GCancellable               *cancellable,
                               GError                    **error);

G_END_DECLS
