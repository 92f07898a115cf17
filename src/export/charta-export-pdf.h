/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-pdf.h: the printed report. One layout paginates the document once and
 * then draws any page: on the PDF writer's canvas for the PDF export here, on a cairo
 * context for a print operation's draw-page handler and the preview in the window. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "charta-export-document.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_EXPORT_PAPER_A4,
  CHARTA_EXPORT_PAPER_LETTER,
} ChartaExportPaper;

/* Letter where the locale's LC_PAPER says so (the US, Canada, …), A4 everywhere else. */
ChartaExportPaper   charta_export_paper_from_locale (void);
/* The size in points (1/72 inch). */
void                charta_export_paper_get_size    (ChartaExportPaper paper,
                                                     double           *width,
                                                     double           *height);

typedef struct _ChartaExportLayout ChartaExportLayout;

/* Paginates @document on pages of @width × @height points, measuring text with
 * @context (from pango_cairo_create_context() on the target's cairo context, with a
 * resolution of 72 so that one unit is a point; a print context scaled to points); the
 * layout turns off the rounding of glyph positions on it. The layout keeps a reference to
 * @document's content: free it first. */
ChartaExportLayout *charta_export_layout_new        (const ChartaExportDocument *document,
                                                     PangoContext               *context,
                                                     double                      width,
                                                     double                      height);
void                charta_export_layout_free       (ChartaExportLayout *layout);
guint               charta_export_layout_get_n_pages (ChartaExportLayout *layout);
/* Draws page @page (from 0). Links, link targets and running heads included. */
void                charta_export_layout_draw_page  (ChartaExportLayout *layout,
                                                     cairo_t            *cr,
                                                     guint               page);

/* The whole report as a PDF (charta-export-pdf-writer.h): cover, contents with links,
 * outline, page numbers, fonts embedded, metadata and language set, tagged. @progress (optional) hears of each page drawn;
 * cancelling @cancellable stops between pages with G_IO_ERROR_CANCELLED. */
GBytes             *charta_export_pdf               (const ChartaExportDocument *document,
                                                     ChartaExportPaper           paper,
                                                     ChartaExportProgressFunc    progress,
                                                     gpointer                    user_data,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaExportLayout, charta_export_layout_free)

G_END_DECLS
