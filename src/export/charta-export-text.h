/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-text.h: a plain text shaped once and broken into lines, for the printed
 * report's table cells and paragraphs. A PangoLayout shapes a text, then shapes again
 * each piece of it that line breaking cuts, keeps log attributes and line structures a
 * report does not need; a table of 20,000 actions has 100,000 cells. This shapes each
 * run once, breaks lines as a PangoLayout with PANGO_WRAP_WORD_CHAR does and splits the
 * glyph runs where the lines end. A text it cannot lay out the same (right-to-left
 * runs, tabs, line separators, a word wider than the line, a break that needs a hyphen,
 * runs in several fonts that must wrap) keeps a PangoLayout. */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _ChartaExportText ChartaExportText;
typedef struct _ChartaExportFont ChartaExportFont;

/* A font on @context for the texts below: it keeps what every text in it shares. */
ChartaExportFont *charta_export_font_new  (PangoContext               *context,
                                           const PangoFontDescription *description);
void              charta_export_font_free (ChartaExportFont           *font);

/* @text in @font, @width Pango units wide, or -1 for no wrapping. */
ChartaExportText *charta_export_text_new (ChartaExportFont *font,
                                          const char       *text,
                                          int               width);
/* Takes @layout: a text the caller lays out itself (markup, tabs, an indent). */
ChartaExportText *charta_export_text_new_for_layout (PangoLayout *layout);
ChartaExportText *charta_export_text_ref            (ChartaExportText *self);
void              charta_export_text_unref          (ChartaExportText *self);

/* The layout it keeps when the text took the slow way, else NULL. */
PangoLayout      *charta_export_text_get_layout     (ChartaExportText *self);
gboolean          charta_export_text_is_empty       (ChartaExportText *self);
/* In Pango units, as pango_layout_get_size() gives them. */
int               charta_export_text_get_width      (ChartaExportText *self);
int               charta_export_text_get_height     (ChartaExportText *self);
guint             charta_export_text_get_n_lines    (ChartaExportText *self);
/* Line @line's logical extents from the text's top left and its baseline from the
 * text's top, in Pango units (as a PangoLayoutIter gives them); its byte offset. */
void              charta_export_text_get_line       (ChartaExportText *self,
                                                     guint             line,
                                                     PangoRectangle   *logical,
                                                     int              *baseline,
                                                     int              *start_index);
/* Line @line's runs, in order from the left, and the text they index into. Only for a
 * text without a layout. */
GSList           *charta_export_text_get_runs       (ChartaExportText *self,
                                                     guint             line,
                                                     const char      **text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaExportText, charta_export_text_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaExportFont, charta_export_font_free)

G_END_DECLS
