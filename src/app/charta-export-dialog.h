/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The order of the dialog's format list. */
typedef enum {
  CHARTA_EXPORT_FORMAT_PDF,
  CHARTA_EXPORT_FORMAT_HTML,
  CHARTA_EXPORT_FORMAT_CSV,
  CHARTA_EXPORT_FORMAT_XLSX,
  CHARTA_EXPORT_FORMAT_ICS,
} ChartaExportFormat;

#define CHARTA_TYPE_EXPORT_DIALOG (charta_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChartaExportDialog, charta_export_dialog, CHARTA, EXPORT_DIALOG, AdwWindow)

ChartaExportDialog *charta_export_dialog_new          (GtkWindow      *parent,
                                                       ChartaDocument *document);
void                charta_export_dialog_set_format   (ChartaExportDialog *self,
                                                       ChartaExportFormat  format);
ChartaExportFormat  charta_export_dialog_get_format   (ChartaExportDialog *self);
void                charta_export_dialog_set_internal (ChartaExportDialog *self,
                                                       gboolean            internal);
/* Exports the feedback report of the review with @review_id instead of the progress
 * report (charta_export_document_new_review(), as charta-cli review report): PDF or web
 * page. */
void                charta_export_dialog_set_review   (ChartaExportDialog *self,
                                                       const char         *review_id);
/* The id of the round "what changed" compares with, or NULL for the last one. */
const char         *charta_export_dialog_get_round    (ChartaExportDialog *self);
/* Exports to @file (a folder for CSV) in a thread: what the file chooser's answer does.
 * The dialog shows the progress with Cancel, closes when done ("exported"), and says
 * in words why when the export failed; no partial file is ever left. */
void                charta_export_dialog_export_to_file (ChartaExportDialog *self,
                                                         GFile              *file);
gboolean            charta_export_dialog_get_busy     (ChartaExportDialog *self);
void                charta_export_dialog_cancel       (ChartaExportDialog *self);
/* Why the last export failed, or NULL. */
const char         *charta_export_dialog_get_error    (ChartaExportDialog *self);

G_END_DECLS
