/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The canvas that forwards to a cairo context: printing and the print preview draw the
 * report exactly as they did before the canvas existed. */
#include "config.h"

#include <pango/pangocairo.h>

#include "charta-export-canvas.h"

#define CR(canvas) (((ChartaExportCairoCanvas *) (canvas))->cr)

static void
fwd_set_rgb (ChartaExportCanvas *canvas, double red, double green, double blue)
{
  cairo_set_source_rgb (CR (canvas), red, green, blue);
}

static void
fwd_line_width (ChartaExportCanvas *canvas, double width)
{
  cairo_set_line_width (CR (canvas), width);
}

static void
fwd_dash (ChartaExportCanvas *canvas, const double *dashes, int n_dashes, double offset)
{
  cairo_set_dash (CR (canvas), dashes, n_dashes, offset);
}

static void
fwd_rect (ChartaExportCanvas *canvas, double x, double y, double width, double height)
{
  cairo_rectangle (CR (canvas), x, y, width, height);
}

static void
fwd_move (ChartaExportCanvas *canvas, double x, double y)
{
  cairo_move_to (CR (canvas), x, y);
}

static void
fwd_line (ChartaExportCanvas *canvas, double x, double y)
{
  cairo_line_to (CR (canvas), x, y);
}

static void
fwd_arc_to (ChartaExportCanvas *canvas, double xc, double yc, double radius, double angle1, double angle2)
{
  cairo_arc (CR (canvas), xc, yc, radius, angle1, angle2);
}

static void
fwd_clear_path (ChartaExportCanvas *canvas)
{
  cairo_new_path (CR (canvas));
}

static void
fwd_do_fill (ChartaExportCanvas *canvas)
{
  cairo_fill (CR (canvas));
}

static void
fwd_do_stroke (ChartaExportCanvas *canvas)
{
  cairo_stroke (CR (canvas));
}

static void
fwd_do_save (ChartaExportCanvas *canvas)
{
  cairo_save (CR (canvas));
}

static void
fwd_do_restore (ChartaExportCanvas *canvas)
{
  cairo_restore (CR (canvas));
}

static void
fwd_layout (ChartaExportCanvas *canvas, PangoLayout *layout, double x, double y)
{
  cairo_move_to (CR (canvas), x, y);
  pango_cairo_show_layout (CR (canvas), layout);
}

static void
fwd_layout_line (ChartaExportCanvas *canvas, PangoLayoutLine *line, double x, double y)
{
  cairo_move_to (CR (canvas), x, y);
  pango_cairo_show_layout_line (CR (canvas), line);
}

static void
fwd_glyph_item (ChartaExportCanvas *canvas, const char *text, PangoGlyphItem *glyph_item, double x, double y)
{
  cairo_move_to (CR (canvas), x, y);
  pango_cairo_show_glyph_item (CR (canvas), text, glyph_item);
}

/* cairo 1.16 takes attributes of links and destinations only: a figure's text
 * alternative stays with the PDF writer. */
static void
fwd_begin (ChartaExportCanvas *canvas, const char *name, const char *attributes)
{
  gboolean linking = g_str_equal (name, CAIRO_TAG_LINK) || g_str_equal (name, CAIRO_TAG_DEST);

  cairo_tag_begin (CR (canvas), name, linking ? attributes : "");
}

static void
fwd_end (ChartaExportCanvas *canvas, const char *name)
{
  cairo_tag_end (CR (canvas), name);
}

static const ChartaExportCanvasFuncs cairo_funcs = {
  fwd_set_rgb, fwd_line_width, fwd_dash, fwd_rect, fwd_move, fwd_line, fwd_arc_to,
  fwd_clear_path, fwd_do_fill, fwd_do_stroke, fwd_do_save, fwd_do_restore,
  fwd_layout, fwd_layout_line, fwd_glyph_item, fwd_begin, fwd_end,
};

void
charta_export_cairo_canvas_init (ChartaExportCairoCanvas *canvas, cairo_t *cr)
{
  canvas->parent.funcs = &cairo_funcs;
  canvas->cr = cr;
}
