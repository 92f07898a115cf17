/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_REPORT_PREVIEW (charta_report_preview_get_type ())

G_DECLARE_FINAL_TYPE (ChartaReportPreview, charta_report_preview, CHARTA, REPORT_PREVIEW, AdwWindow)

/* The report's pages as the PDF and the printer get them, drawn by the same layout. */
ChartaReportPreview *charta_report_preview_new          (GtkWindow      *parent,
                                                         ChartaDocument *document,
                                                         gboolean        internal);
guint                charta_report_preview_get_n_pages  (ChartaReportPreview *self);
guint                charta_report_preview_get_page     (ChartaReportPreview *self);
void                 charta_report_preview_set_page     (ChartaReportPreview *self,
                                                         guint                page);

G_END_DECLS
