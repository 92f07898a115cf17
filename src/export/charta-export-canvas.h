/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-canvas.h: what the printed report draws with. The subset of cairo the
 * report's drawing code uses — a colour, lines, rectangles, arcs, Pango text, structure
 * tags — behind a small table of functions, with two implementations: one forwarding to
 * a cairo context (printing, the print preview) and the PDF writer of
 * charta-export-pdf-writer.h (the PDF export), which writes the file itself: cairo 1.16's
 * PDF surface spends more time than the whole report is allowed (issue 13).
 *
 * The calls mean what cairo's of the same name mean, with two differences: text is shown
 * at a point given with the call (not at a current point), and a fill or a stroke always
 * clears the path. Tags are cairo's: structure element names ("Document", "H1", "P",
 * "Table", "TR", "TH", "TD", "Figure"), CAIRO_TAG_LINK ("Link", attributes "dest='NAME'")
 * and CAIRO_TAG_DEST ("cairo.dest", attributes "name='NAME'"); a "Figure" may have
 * "alt='TEXT'" (the PDF writer's; the cairo canvas passes on only a link's and a
 * destination's attributes). Quotes and backslashes in values are escaped with a backslash. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _ChartaExportCanvas ChartaExportCanvas;

typedef struct {
  void (*set_rgb)         (ChartaExportCanvas *canvas, double red, double green, double blue);
  void (*set_line_width)  (ChartaExportCanvas *canvas, double width);
  /* @n_dashes 0: solid. */
  void (*set_dash)        (ChartaExportCanvas *canvas, const double *dashes, int n_dashes, double offset);
  void (*rectangle)       (ChartaExportCanvas *canvas, double x, double y, double width, double height);
  void (*move_to)         (ChartaExportCanvas *canvas, double x, double y);
  void (*line_to)         (ChartaExportCanvas *canvas, double x, double y);
  /* As cairo_arc(): a line from the current point, if there is one, to the arc's start. */
  void (*arc)             (ChartaExportCanvas *canvas, double xc, double yc, double radius, double angle1, double angle2);
  void (*new_path)        (ChartaExportCanvas *canvas);
  void (*fill)            (ChartaExportCanvas *canvas);
  void (*stroke)          (ChartaExportCanvas *canvas);
  void (*save)            (ChartaExportCanvas *canvas);
  void (*restore)         (ChartaExportCanvas *canvas);
  /* The layout's top left corner at (@x, @y). */
  void (*show_layout)     (ChartaExportCanvas *canvas, PangoLayout *layout, double x, double y);
  /* The line's (or the glyphs') baseline starts at (@x, @y). @text is the text the glyph
   * item's offsets count in, as for pango_cairo_show_glyph_item(). */
  void (*show_layout_line)(ChartaExportCanvas *canvas, PangoLayoutLine *line, double x, double y);
  void (*show_glyph_item) (ChartaExportCanvas *canvas, const char *text, PangoGlyphItem *glyph_item, double x, double y);
  void (*tag_begin)       (ChartaExportCanvas *canvas, const char *name, const char *attributes);
  void (*tag_end)         (ChartaExportCanvas *canvas, const char *name);
} ChartaExportCanvasFuncs;

struct _ChartaExportCanvas {
  const ChartaExportCanvasFuncs *funcs;
};

/* A canvas drawing on @cr (not referenced: it lives on the caller's stack, as long as @cr). */
typedef struct {
  ChartaExportCanvas parent;
  cairo_t *cr;
} ChartaExportCairoCanvas;

void charta_export_cairo_canvas_init (ChartaExportCairoCanvas *canvas,
                                      cairo_t                 *cr);

/* Shorthands: canvas_fill (c) for c->funcs->fill (c). */
#define canvas_set_rgb(c, r, g, b)           ((c)->funcs->set_rgb ((c), (r), (g), (b)))
#define canvas_set_line_width(c, w)          ((c)->funcs->set_line_width ((c), (w)))
#define canvas_set_dash(c, d, n, o)          ((c)->funcs->set_dash ((c), (d), (n), (o)))
#define canvas_rectangle(c, x, y, w, h)      ((c)->funcs->rectangle ((c), (x), (y), (w), (h)))
#define canvas_move_to(c, x, y)              ((c)->funcs->move_to ((c), (x), (y)))
#define canvas_line_to(c, x, y)              ((c)->funcs->line_to ((c), (x), (y)))
#define canvas_arc(c, x, y, r, a1, a2)       ((c)->funcs->arc ((c), (x), (y), (r), (a1), (a2)))
#define canvas_new_path(c)                   ((c)->funcs->new_path ((c)))
#define canvas_fill(c)                       ((c)->funcs->fill ((c)))
#define canvas_stroke(c)                     ((c)->funcs->stroke ((c)))
#define canvas_save(c)                       ((c)->funcs->save ((c)))
#define canvas_restore(c)                    ((c)->funcs->restore ((c)))
#define canvas_show_layout(c, l, x, y)       ((c)->funcs->show_layout ((c), (l), (x), (y)))
#define canvas_show_layout_line(c, l, x, y)  ((c)->funcs->show_layout_line ((c), (l), (x), (y)))
#define canvas_show_glyph_item(c, t, g, x, y) ((c)->funcs->show_glyph_item ((c), (t), (g), (x), (y)))
#define canvas_tag_begin(c, n, a)            ((c)->funcs->tag_begin ((c), (n), (a)))
#define canvas_tag_end(c, n)                 ((c)->funcs->tag_end ((c), (n)))

G_END_DECLS
