/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-pdf-writer.h: a PDF 1.7 file written directly, for the report's PDF
 * export. A ChartaExportCanvas draws the pages; the writer embeds the fonts Pango shaped
 * with (TrueType subsets with their glyph ids kept, Identity-H, widths and a ToUnicode map
 * so that text can be copied and searched), compresses the page streams, and writes the
 * tagged structure (marked content with MCIDs, the structure tree, its parent tree),
 * links to named destinations, the outline and the document information in one pass,
 * in time linear in what was drawn. */
#pragma once

#include "charta-export-canvas.h"

G_BEGIN_DECLS

typedef struct _ChartaExportPdfWriter ChartaExportPdfWriter;

/* Pages of @width × @height points; drawing coordinates as cairo's: points from the top
 * left corner, y down. */
ChartaExportPdfWriter *charta_export_pdf_writer_new          (double width,
                                                              double height);
void                   charta_export_pdf_writer_free         (ChartaExportPdfWriter *writer);
/* The canvas drawing the current page (owned by @writer). */
ChartaExportCanvas    *charta_export_pdf_writer_get_canvas   (ChartaExportPdfWriter *writer);
/* Ends the current page (as cairo_show_page()): what is drawn next goes on a new one. */
void                   charta_export_pdf_writer_show_page    (ChartaExportPdfWriter *writer);
/* An outline (bookmarks) entry under @parent (0: the top level) opening the named
 * destination @dest; returns its id for the entries under it. */
int                    charta_export_pdf_writer_add_outline  (ChartaExportPdfWriter *writer,
                                                              int                    parent,
                                                              const char            *title,
                                                              const char            *dest,
                                                              gboolean               open);
/* An entry of the document information: @key is the PDF's ("Title", "Author", "Subject",
 * "Keywords", "Creator"); the producer and the creation date are set by the writer. */
void                   charta_export_pdf_writer_set_info     (ChartaExportPdfWriter *writer,
                                                              const char            *key,
                                                              const char            *value);
/* The document's language, BCP 47 ("nl", "en-GB"). */
void                   charta_export_pdf_writer_set_language (ChartaExportPdfWriter *writer,
                                                              const char            *language);
/* The whole file. The writer takes no drawing after this. */
GBytes                *charta_export_pdf_writer_finish      (ChartaExportPdfWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaExportPdfWriter, charta_export_pdf_writer_free)

G_END_DECLS
