/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's PDF, written directly (see charta-export-pdf-writer.h). Objects go out as
 * they are done: a page's content stream, its parent tree entry and its link annotations
 * when the page ends, a structure element when its tag ends; the fonts, the destinations,
 * the outline and the catalogue at the end; the cross-reference table last. Drawing
 * coordinates are cairo's (y down) and written as PDF's (y up): y becomes the page's
 * height less y. */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <string.h>
#ifdef HAVE_LIBDEFLATE
#include <libdeflate.h>
#else
#include <zlib.h>
#endif

#include "charta-export-pdf-writer.h"

/* The fastest level: on the 20,000-action report libdeflate's level 1 deflates the page
 * streams in 0.06 s of CPU, zlib's level 1 in 0.11 s (7 % larger) and level 6 in 0.38 s
 * (7 % smaller). zlib serves where libdeflate is missing (a Flatpak runtime). */
#define DEFLATE_LEVEL 1

/* How far (in points) a glyph may be from where Pango put it before the text says where:
 * the widths in the file are rounded, Pango's positions are in 1/1024 points. */
#define MAX_DRIFT 0.01

/* The largest number the file writes: anything beyond (or not a number at all, NaN
 * as 0) is written as this, with its sign. PDF's own limit for reals is far larger, but
 * a coordinate past ±1e9 points is off any page, and the three decimals of ±1e9 still
 * fit a 64-bit integer many times over (llround() of a larger value is undefined). */
#define MAX_NUM 1e9

typedef struct {
  double rgb[3];
  double line_width;
  double dash[4];
  int n_dash;
  double dash_offset;
} GState;

/* A font file, as Pango's HarfBuzz face, with the glyphs the document used. */
typedef struct {
  hb_face_t *face;
  hb_font_t *measure;        /* at units per em: the glyphs' advances */
  guint n_glyphs;
  double *widths;            /* per glyph, in thousandths of an em; < 0 until used */
  char **unicode;            /* per glyph: the text it stands for (UTF-8), or NULL */
  guint id;                  /* /F<id> */
  guint obj;                 /* the Type0 font */
} PdfFont;

/* A PangoFont (a face at a size). */
typedef struct {
  PdfFont *font;
  double size;
} PdfFontSize;

/* An open structure element. It is written when it closes, its kids (elements, marked
 * content, annotations) written down as they come: the structure of a 1,000-page
 * report is never held whole. */
typedef struct {
  const char *type;          /* interned */
  guint obj, parent_obj;
  guint page_obj;            /* the page of its first marked content, or 0 */
  char *alt;                 /* a figure's text alternative */
  GString *kids;
} Element;

/* What the page's marked content is now: none, an artifact, or an element's (its object). */
#define MARKED_NONE 0
#define MARKED_ARTIFACT G_MAXUINT

typedef struct {
  char *name;
  int page;                  /* -1 until something is drawn in it */
  double x, y;
} Dest;

typedef struct {
  char *title;
  char *dest;
  int parent;                /* index + 1, 0: the top */
  gboolean open;
  int first, last, next, prev;  /* index + 1, 0: none */
  int count;
  guint obj;
} Outline;

/* What a tag opened: a structure element, a link (also an element), a destination. */
typedef struct {
  int element;               /* its index among the open elements, or -1 */
  int dest;                  /* or -1 */
  gboolean link;
  char *link_dest;
  double x0, y0, x1, y1;     /* a link's extents, y down */
} Open;

typedef struct {
  guint obj;
} Page;

struct _ChartaExportPdfWriter {
  ChartaExportCanvas canvas;
  double width, height;
  GString *out;
#ifdef HAVE_LIBDEFLATE
  struct libdeflate_compressor *deflater;
#else
  z_stream deflater;
#endif
  GArray *offsets;           /* of gsize, per object number; 0: not written yet */

  guint pages_obj, resources_obj, struct_root_obj;
  GArray *pages;             /* of Page */

  /* The current page. */
  gboolean page_open;
  guint page_obj;
  GString *content;
  GArray *annots;            /* of guint */
  GArray *mcid_parents;      /* of guint: the element object of each MCID */
  guint marked;              /* MARKED_NONE, MARKED_ARTIFACT or an element's object */
  gboolean in_text;
  PdfFontSize *text_font;    /* the current Tf */
  double line_x, line_y;     /* the text line's start, in the page's coordinates (y up) */
  GArray *missing;           /* of double quadruples: boxes for glyphs no font has */    /* the Tf of the text object */

  GState state;
  GArray *saved;             /* of GState */
  gboolean fill_set, stroke_set;
  double fill_rgb[3], stroke_rgb[3], emitted_width;
  int emitted_n_dash;
  double emitted_dash[4], emitted_dash_offset;

  GString *path;
  gboolean has_point;

  GHashTable *fonts_by_face;    /* hb_face_t → PdfFont */
  GHashTable *sizes;            /* PangoFont → PdfFontSize */
  GPtrArray *fonts;             /* of PdfFont, in id order */

  GArray *elements;          /* of Element: the open ones, the innermost last */
  const char *document, *figure;  /* the interned types mark() looks for */
  const char *last_type;     /* the type of the last element opened */
  GPtrArray *spare_kids;     /* GStrings of closed elements, for the next ones */
  GArray *root_kids;         /* of guint: the objects of the elements at the top */
  GArray *open;              /* of Open */
  guint n_listening;         /* open links and destinations: they want what is drawn's extents */
  GArray *parent_tree;       /* of guint pairs: key, object */
  guint next_key;
  GArray *dests;             /* of Dest */
  GHashTable *dest_names;    /* name → index + 1 */
  GArray *outline;           /* of Outline */
  GPtrArray *info;           /* key, value, key, value… */
  char *language;
};

/* ---- writing ---- */

/* Appending to a GString without a call where it has room (GLib 2.74 has no inline
 * append): the page streams and the structure are written a few bytes at a time. */
static inline void
put_bytes (GString *s, const char *bytes, gsize n)
{
  if (G_LIKELY (s->len + n < s->allocated_len))
    {
      memcpy (s->str + s->len, bytes, n);
      s->len += n;
      s->str[s->len] = '\0';
    }
  else
    g_string_append_len (s, bytes, n);
}

#define put_lit(s, literal) put_bytes ((s), "" literal, sizeof (literal) - 1)

static inline void
put_str (GString *s, const char *text)
{
  put_bytes (s, text, strlen (text));
}

/* Numbers as PDF takes them: at most three decimals, no exponent, no trailing zeros;
 * printf's %f costs more than the rest of a glyph's drawing. Writes at @out (room for
 * 24 bytes) and returns the end. */
static inline double
clamp_num (double v)
{
  if (G_LIKELY (v >= -MAX_NUM && v <= MAX_NUM))
    return v;
  return isnan (v) ? 0 : v < 0 ? -MAX_NUM : MAX_NUM;
}

/* @v as the file will say it: three decimals, within ±MAX_NUM. */
static inline double
round_num (double v)
{
  return llround (clamp_num (v) * 1000) / 1000.0;
}

static char *
format_num (char *out, double v)
{
  char buf[32], *p = buf + sizeof buf;
  gint64 n = llround (clamp_num (v) * 1000);
  gboolean negative = n < 0;
  int frac;

  if (negative)
    n = -n;
  frac = n % 1000;
  n /= 1000;
  if (frac != 0)
    {
      int digits = 3;

      while (frac % 10 == 0)
        {
          frac /= 10;
          digits--;
        }
      while (digits-- > 0)
        {
          *--p = '0' + frac % 10;
          frac /= 10;
        }
      *--p = '.';
    }
  do
    {
      *--p = '0' + n % 10;
      n /= 10;
    }
  while (n > 0);
  if (negative)
    *--p = '-';
  memcpy (out, p, buf + sizeof buf - p);
  return out + (buf + sizeof buf - p);
}

static void
put_num (GString *s, double v)
{
  char buf[32];

  put_bytes (s, buf, format_num (buf, v) - buf);
}

static void
put_nums (GString *s, const double *v, guint n, const char *op)
{
  for (guint i = 0; i < n; i++)
    {
      put_num (s, v[i]);
      g_string_append_c (s, ' ');
    }
  put_str (s, op);
}

static void
put_uint (GString *s, guint64 v)
{
  char buf[24], *p = buf + sizeof buf;

  do
    {
      *--p = '0' + v % 10;
      v /= 10;
    }
  while (v > 0);
  put_bytes (s, p, buf + sizeof buf - p);
}

static void
put_ref (GString *s, guint obj)
{
  put_uint (s, obj);
  put_lit (s, " 0 R");
}

static void
put_hex4 (GString *s, guint v)
{
  static const char hex[] = "0123456789ABCDEF";
  char b[4] = { hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15] };

  put_bytes (s, b, 4);
}

/* A text string: literal where it is printable ASCII, else UTF-16BE with its mark. */
static void
put_text (GString *s, const char *text)
{
  gboolean ascii = TRUE;

  for (const char *c = text; *c; c++)
    ascii = ascii && (guchar) *c >= 0x20 && (guchar) *c < 0x7f;
  if (ascii)
    {
      g_string_append_c (s, '(');
      for (const char *c = text; *c; c++)
        {
          if (*c == '(' || *c == ')' || *c == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *c);
        }
      g_string_append_c (s, ')');
      return;
    }
  else
    {
      glong n = 0;
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);

      put_lit (s, "<FEFF");
      for (glong i = 0; utf16 != NULL && i < n; i++)
        put_hex4 (s, utf16[i]);
      g_string_append_c (s, '>');
    }
}

static guint
new_obj (ChartaExportPdfWriter *self)
{
  gsize none = 0;

  g_array_append_val (self->offsets, none);
  return self->offsets->len - 1;
}

static void
begin_obj (ChartaExportPdfWriter *self, guint obj)
{
  g_array_index (self->offsets, gsize, obj) = self->out->len;
  put_uint (self->out, obj);
  put_lit (self->out, " 0 obj\n");
}

static void
end_obj (ChartaExportPdfWriter *self)
{
  put_lit (self->out, "\nendobj\n");
}

/* A stream object, deflated (zlib format, as FlateDecode reads it) straight into the
 * output; @extra goes into its dictionary. */
static void
write_stream (ChartaExportPdfWriter *self, guint obj, const void *data, gsize length, const char *extra)
{
  gsize at, start, size;
  char number[24];
  int n;

  begin_obj (self, obj);
  put_lit (self->out, "<< /Filter /FlateDecode ");
  if (extra != NULL)
    put_str (self->out, extra);
  /* The length is known once deflated: a field is kept for it. */
  put_lit (self->out, " /Length ");
  at = self->out->len;
  put_lit (self->out, "                    >>\nstream\n");
  start = self->out->len;
#ifdef HAVE_LIBDEFLATE
  g_string_set_size (self->out, start + libdeflate_zlib_compress_bound (self->deflater, length));
  size = libdeflate_zlib_compress (self->deflater, data, length, self->out->str + start, self->out->len - start);
  if (size == 0)
    g_error ("libdeflate could not deflate %" G_GSIZE_FORMAT " bytes", length);
#else
  g_string_set_size (self->out, start + deflateBound (&self->deflater, length));
  self->deflater.next_in = (Bytef *) data;
  self->deflater.avail_in = length;
  self->deflater.next_out = (Bytef *) self->out->str + start;
  self->deflater.avail_out = self->out->len - start;
  if (deflate (&self->deflater, Z_FINISH) != Z_STREAM_END)
    g_error ("zlib could not deflate %" G_GSIZE_FORMAT " bytes", length);
  size = self->deflater.total_out;
  deflateReset (&self->deflater);
#endif
  g_string_set_size (self->out, start + size);
  n = g_snprintf (number, sizeof number, "%" G_GSIZE_FORMAT, size);
  memcpy (self->out->str + at, number, n);
  put_lit (self->out, "\nendstream");
  end_obj (self);
}

/* ---- pages and marked content ---- */

static void
begin_page (ChartaExportPdfWriter *self)
{
  if (self->page_open)
    return;
  self->page_open = TRUE;
  self->page_obj = new_obj (self);
  g_string_truncate (self->content, 0);
  self->marked = MARKED_NONE;
  self->text_font = NULL;   /* the font is graphics state: it outlives a text object */
  self->fill_set = self->stroke_set = FALSE;
  self->emitted_width = 1;
  self->emitted_n_dash = 0;
}

static void
end_marked (ChartaExportPdfWriter *self)
{
  if (self->marked != MARKED_NONE)
    put_lit (self->content, "EMC\n");
  self->marked = MARKED_NONE;
}

static void end_text (ChartaExportPdfWriter *self);

static Element *
current_element (ChartaExportPdfWriter *self)
{
  return self->elements->len > 0 ? &g_array_index (self->elements, Element, self->elements->len - 1) : NULL;
}

/* Before anything is drawn: the page, and the marked content it belongs to: text the
 * innermost element's, lines and areas a figure's; the rest (the running heads, rules,
 * backgrounds of rows) is an artifact. */
static void
mark (ChartaExportPdfWriter *self, gboolean text)
{
  Element *e;
  guint mcid;

  begin_page (self);
  e = current_element (self);
  if (e != NULL && (e->type == self->document || (!text && e->type != self->figure)))
    e = NULL;
  if ((e != NULL ? e->obj : MARKED_ARTIFACT) == self->marked)
    return;
  end_text (self);
  end_marked (self);
  if (e == NULL)
    {
      self->marked = MARKED_ARTIFACT;
      put_lit (self->content, "/Artifact BMC\n");
      return;
    }
  self->marked = e->obj;
  mcid = self->mcid_parents->len;
  g_array_append_val (self->mcid_parents, e->obj);
  /* An element's kids on its first page are plain MCIDs; on a later one, references. */
  if (e->page_obj == 0)
    e->page_obj = self->page_obj;
  if (e->page_obj == self->page_obj)
    put_uint (e->kids, mcid);
  else
    {
      put_lit (e->kids, "<< /Type /MCR /Pg ");
      put_ref (e->kids, self->page_obj);
      put_lit (e->kids, " /MCID ");
      put_uint (e->kids, mcid);
      put_lit (e->kids, " >>");
    }
  g_string_append_c (e->kids, ' ');
  g_string_append_c (self->content, '/');
  put_str (self->content, e->type);
  put_lit (self->content, " <</MCID ");
  put_uint (self->content, mcid);
  put_lit (self->content, ">> BDC\n");
}

/* Links and destinations hear of what is drawn in them (y down). */
static void
note_extents (ChartaExportPdfWriter *self, double x0, double y0, double x1, double y1)
{
  for (guint i = 0; i < self->open->len; i++)
    {
      Open *o = &g_array_index (self->open, Open, i);

      if (o->dest >= 0)
        {
          Dest *d = &g_array_index (self->dests, Dest, o->dest);

          if (d->page < 0)
            {
              d->page = self->pages->len;
              d->x = x0;
              d->y = y0;
            }
        }
      if (o->link)
        {
          o->x0 = MIN (o->x0, x0);
          o->y0 = MIN (o->y0, y0);
          o->x1 = MAX (o->x1, x1);
          o->y1 = MAX (o->y1, y1);
        }
    }
}

static void
write_parent_tree_entry (ChartaExportPdfWriter *self, guint key, guint obj)
{
  guint entry[2] = { key, obj };

  g_array_append_vals (self->parent_tree, entry, 2);
}

static void
end_page (ChartaExportPdfWriter *self)
{
  Page page = { self->page_obj };
  guint contents = new_obj (self), key = self->next_key++;
  GString *o = self->out;

  end_text (self);
  end_marked (self);
  write_stream (self, contents, self->content->str, self->content->len, NULL);
  /* The parent tree's entry for the page: the element of each MCID. */
  if (self->mcid_parents->len > 0)
    {
      guint array = new_obj (self);

      begin_obj (self, array);
      g_string_append_c (o, '[');
      for (guint i = 0; i < self->mcid_parents->len; i++)
        {
          put_ref (o, g_array_index (self->mcid_parents, guint, i));
          g_string_append_c (o, ' ');
        }
      g_string_append_c (o, ']');
      end_obj (self);
      write_parent_tree_entry (self, key, array);
    }
  begin_obj (self, page.obj);
  put_lit (o, "<< /Type /Page /Parent ");
  put_ref (o, self->pages_obj);
  put_lit (o, " /MediaBox [0 0 ");
  put_num (o, self->width);
  g_string_append_c (o, ' ');
  put_num (o, self->height);
  put_lit (o, "] /Resources ");
  put_ref (o, self->resources_obj);
  put_lit (o, " /Contents ");
  put_ref (o, contents);
  put_lit (o, " /StructParents ");
  put_uint (o, key);
  put_lit (o, " /Tabs /S");
  if (self->annots->len > 0)
    {
      put_lit (o, " /Annots [");
      for (guint i = 0; i < self->annots->len; i++)
        {
          put_ref (o, g_array_index (self->annots, guint, i));
          g_string_append_c (o, ' ');
        }
      g_string_append_c (o, ']');
    }
  put_lit (o, " >>");
  end_obj (self);
  g_array_append_val (self->pages, page);
  g_array_set_size (self->annots, 0);
  g_array_set_size (self->mcid_parents, 0);
  self->page_open = FALSE;
}

void
charta_export_pdf_writer_show_page (ChartaExportPdfWriter *self)
{
  begin_page (self);
  end_page (self);
}

/* ---- graphics state ---- */

static void
emit_fill_colour (ChartaExportPdfWriter *self)
{
  if (self->fill_set && memcmp (self->fill_rgb, self->state.rgb, sizeof self->fill_rgb) == 0)
    return;
  memcpy (self->fill_rgb, self->state.rgb, sizeof self->fill_rgb);
  self->fill_set = TRUE;
  put_nums (self->content, self->state.rgb, 3, "rg\n");
}

static void
emit_stroke_state (ChartaExportPdfWriter *self)
{
  GState *s = &self->state;

  if (!self->stroke_set || memcmp (self->stroke_rgb, s->rgb, sizeof self->stroke_rgb) != 0)
    {
      memcpy (self->stroke_rgb, s->rgb, sizeof self->stroke_rgb);
      self->stroke_set = TRUE;
      put_nums (self->content, s->rgb, 3, "RG\n");
    }
  if (self->emitted_width != s->line_width)
    {
      self->emitted_width = s->line_width;
      put_nums (self->content, &s->line_width, 1, "w\n");
    }
  if (self->emitted_n_dash != s->n_dash || self->emitted_dash_offset != s->dash_offset ||
      memcmp (self->emitted_dash, s->dash, sizeof (double) * s->n_dash) != 0)
    {
      self->emitted_n_dash = s->n_dash;
      self->emitted_dash_offset = s->dash_offset;
      memcpy (self->emitted_dash, s->dash, sizeof s->dash);
      g_string_append_c (self->content, '[');
      put_nums (self->content, s->dash, s->n_dash, "] ");
      put_nums (self->content, &s->dash_offset, 1, "d\n");
    }
}

static ChartaExportPdfWriter *
writer (ChartaExportCanvas *canvas)
{
  return (ChartaExportPdfWriter *) canvas;
}

static void
pdf_set_rgb (ChartaExportCanvas *canvas, double red, double green, double blue)
{
  ChartaExportPdfWriter *self = writer (canvas);

  self->state.rgb[0] = red;
  self->state.rgb[1] = green;
  self->state.rgb[2] = blue;
}

static void
pdf_set_line_width (ChartaExportCanvas *canvas, double width)
{
  writer (canvas)->state.line_width = width;
}

static void
pdf_set_dash (ChartaExportCanvas *canvas, const double *dashes, int n_dashes, double offset)
{
  GState *s = &writer (canvas)->state;

  s->n_dash = CLAMP (n_dashes, 0, (int) G_N_ELEMENTS (s->dash));
  memset (s->dash, 0, sizeof s->dash);
  if (s->n_dash > 0)
    memcpy (s->dash, dashes, sizeof (double) * s->n_dash);
  s->dash_offset = offset;
}

static void
pdf_save (ChartaExportCanvas *canvas)
{
  ChartaExportPdfWriter *self = writer (canvas);

  g_array_append_val (self->saved, self->state);
}

static void
pdf_restore (ChartaExportCanvas *canvas)
{
  ChartaExportPdfWriter *self = writer (canvas);

  if (self->saved->len == 0)
    return;
  self->state = g_array_index (self->saved, GState, self->saved->len - 1);
  g_array_set_size (self->saved, self->saved->len - 1);
}

/* ---- paths ---- */

static void
pdf_move_to (ChartaExportCanvas *canvas, double x, double y)
{
  ChartaExportPdfWriter *self = writer (canvas);
  double p[2] = { x, self->height - y };

  put_nums (self->path, p, 2, "m\n");
  self->has_point = TRUE;
}

static void
pdf_line_to (ChartaExportCanvas *canvas, double x, double y)
{
  ChartaExportPdfWriter *self = writer (canvas);
  double p[2] = { x, self->height - y };

  put_nums (self->path, p, 2, self->has_point ? "l\n" : "m\n");
  self->has_point = TRUE;
}

static void
pdf_rectangle (ChartaExportCanvas *canvas, double x, double y, double width, double height)
{
  ChartaExportPdfWriter *self = writer (canvas);
  double r[4] = { x, self->height - y - height, width, height };

  put_nums (self->path, r, 4, "re\n");
  self->has_point = TRUE;
}

/* Quarter circles at most, each a Bézier curve. */
static void
pdf_arc (ChartaExportCanvas *canvas, double xc, double yc, double radius, double angle1, double angle2)
{
  ChartaExportPdfWriter *self = writer (canvas);
  int segments;
  double step;

  if (!isfinite (angle1) || !isfinite (angle2))
    return;
  /* As cairo: a sweep backwards goes round once more, by fmod () for any angle (adding
   * 2π to a huge angle changes nothing); past two turns, cut to between one and two. */
  if (angle2 < angle1)
    {
      double sweep = fmod (angle2 - angle1, 2 * G_PI);

      angle2 = angle1 + (sweep < 0 ? sweep + 2 * G_PI : sweep);
    }
  else if (angle2 - angle1 > 4 * G_PI)
    angle2 = angle1 + 2 * G_PI + fmod (angle2 - angle1, 2 * G_PI);
  pdf_line_to (canvas, xc + radius * cos (angle1), yc + radius * sin (angle1));
  segments = MAX (1, (int) ceil ((angle2 - angle1) / (G_PI / 2) - 1e-9));
  step = (angle2 - angle1) / segments;
  for (int i = 0; i < segments; i++)
    {
      double a = angle1 + i * step, b = a + step, h = 4.0 / 3.0 * tan (step / 4);
      double c[6] = {
        xc + radius * (cos (a) - h * sin (a)), yc + radius * (sin (a) + h * cos (a)),
        xc + radius * (cos (b) + h * sin (b)), yc + radius * (sin (b) - h * cos (b)),
        xc + radius * cos (b), yc + radius * sin (b),
      };

      for (int k = 1; k < 6; k += 2)
        c[k] = self->height - c[k];
      put_nums (self->path, c, 6, "c\n");
    }
}

static void
pdf_new_path (ChartaExportCanvas *canvas)
{
  ChartaExportPdfWriter *self = writer (canvas);

  g_string_truncate (self->path, 0);
  self->has_point = FALSE;
}

static void
paint_path (ChartaExportPdfWriter *self, const char *op)
{
  if (self->path->len > 0)
    {
      end_text (self);
      mark (self, FALSE);
      if (op[0] == 'f')
        emit_fill_colour (self);
      else
        emit_stroke_state (self);
      put_bytes (self->content, self->path->str, self->path->len);
      put_str (self->content, op);
    }
  pdf_new_path (&self->canvas);
}

static void
pdf_fill (ChartaExportCanvas *canvas)
{
  paint_path (writer (canvas), "f\n");
}

static void
pdf_stroke (ChartaExportCanvas *canvas)
{
  paint_path (writer (canvas), "S\n");
}

/* ---- fonts and text ---- */

static void
free_font (gpointer data)
{
  PdfFont *font = data;

  for (guint i = 0; i < font->n_glyphs; i++)
    g_free (font->unicode[i]);
  g_free (font->unicode);
  g_free (font->widths);
  hb_font_destroy (font->measure);
  hb_face_destroy (font->face);
  g_free (font);
}

static PdfFontSize *
font_for (ChartaExportPdfWriter *self, PangoFont *pango_font)
{
  PdfFontSize *size = g_hash_table_lookup (self->sizes, pango_font);

  if (size == NULL)
    {
      hb_font_t *hb_font = pango_font_get_hb_font (pango_font);
      hb_face_t *face = hb_font ? hb_font_get_face (hb_font) : NULL;
      PangoFontDescription *description;
      PdfFont *font;

      /* A font HarfBuzz cannot open (Pango shapes nothing with it either) draws nothing. */
      if (face == NULL || hb_face_get_glyph_count (face) == 0)
        return NULL;
      description = pango_font_describe_with_absolute_size (pango_font);
      font = g_hash_table_lookup (self->fonts_by_face, face);

      if (font == NULL)
        {
          font = g_new0 (PdfFont, 1);
          font->face = hb_face_reference (face);
          font->measure = hb_font_create (face);
          font->n_glyphs = hb_face_get_glyph_count (face);
          font->widths = g_new (double, font->n_glyphs);
          for (guint i = 0; i < font->n_glyphs; i++)
            font->widths[i] = -1;
          font->unicode = g_new0 (char *, font->n_glyphs);
          font->id = self->fonts->len + 1;
          font->obj = new_obj (self);
          g_ptr_array_add (self->fonts, font);
          g_hash_table_insert (self->fonts_by_face, face, font);
        }
      size = g_new (PdfFontSize, 1);
      size->font = font;
      size->size = (double) pango_font_description_get_size (description) / PANGO_SCALE;
      pango_font_description_free (description);
      g_hash_table_insert (self->sizes, g_object_ref (pango_font), size);
    }
  return size;
}

static double
glyph_width (PdfFont *font, guint glyph)
{
  if (font->widths[glyph] < 0)
    {
      unsigned int upem = hb_face_get_upem (font->face);
      double w = hb_font_get_glyph_h_advance (font->measure, glyph) * 1000.0 / upem;

      /* As the file will say it: three decimals. */
      font->widths[glyph] = round_num (w);
    }
  return font->widths[glyph];
}

/* The text a glyph stands for: its cluster's, on the cluster's first glyph (in logical
 * order); NULL for the others (a hyphen Pango adds where it breaks a word is one: it
 * shares the last letter's cluster), which stand for nothing. Clusters run in logical
 * order through a run (HarfBuzz keeps them monotonic), so the cluster's end is the next
 * glyph's cluster that differs. */
static const char *
cluster_text (const char *text, const PangoGlyphItem *item, int i, int *len)
{
  const PangoGlyphString *glyphs = item->glyphs;
  int start = glyphs->log_clusters[i], end = item->item->length;
  int dir = item->item->analysis.level % 2 == 0 ? 1 : -1;

  if (i - dir >= 0 && i - dir < glyphs->num_glyphs && glyphs->log_clusters[i - dir] == start)
    return NULL;
  for (int j = i + dir; j >= 0 && j < glyphs->num_glyphs; j += dir)
    if (glyphs->log_clusters[j] != start)
      {
        end = glyphs->log_clusters[j];
        break;
      }
  if (end <= start)
    return NULL;
  *len = end - start;
  return text + item->item->offset + start;
}

/* Whether a glyph in a right-to-left run is its text's mirror image: Pango draws "(" there
 * with the glyph of ")", which must not make that glyph "(" in the ToUnicode map. */
static gboolean
is_mirrored (const PangoGlyphItem *item, const char *text, int len)
{
  gunichar c, mirror;

  if (item->item->analysis.level % 2 == 0)
    return FALSE;
  c = g_utf8_get_char (text);
  return g_utf8_next_char (text) == text + len && g_unichar_get_mirror_char (c, &mirror);
}

/* A glyph's text where its ToUnicode entry says another (a mirrored bracket, a glyph two
 * characters share), as marked content over that glyph alone, as cairo writes it. */
static char *
put_actual_text (char *p, const char *text, int len)
{
  static const char hex[] = "0123456789ABCDEF";

  p = stpcpy (p, ")]TJ\n/Span <</ActualText <FEFF");
  for (const char *c = text; c < text + len; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      gunichar2 units[2] = { u, 0 };
      int n = 1;

      if (u > 0xffff)
        {
          units[0] = 0xd800 + ((u - 0x10000) >> 10);
          units[1] = 0xdc00 + ((u - 0x10000) & 0x3ff);
          n = 2;
        }
      for (int k = 0; k < n; k++)
        for (int shift = 12; shift >= 0; shift -= 4)
          *p++ = hex[(units[k] >> shift) & 0xf];
    }
  return stpcpy (p, ">>> BDC\n[(");
}

/* Text objects stay open from one run of glyphs to the next while nothing else is drawn
 * and the marked content stays the same (a cell's lines, a page's running heads). */
static void
begin_text (ChartaExportPdfWriter *self)
{
  mark (self, TRUE);
  emit_fill_colour (self);
  if (self->in_text)
    return;
  put_lit (self->content, "BT\n");
  self->in_text = TRUE;
  self->line_x = self->line_y = 0;
}

static void
end_text (ChartaExportPdfWriter *self)
{
  if (!self->in_text)
    return;
  put_lit (self->content, "ET\n");
  self->in_text = FALSE;
  if (self->missing->len > 0)
    {
      put_lit (self->content, "q\n");
      put_nums (self->content, self->state.rgb, 3, "RG 0.5 w [] 0 d\n");
      for (guint i = 0; i + 3 < self->missing->len; i += 4)
        put_nums (self->content, &g_array_index (self->missing, double, i), 4, "re\n");
      put_lit (self->content, "S\nQ\n");
      g_array_set_size (self->missing, 0);
    }
}

/* After text is shown: boxes for missing characters are drawn now, in its colour. */
static void
end_show (ChartaExportPdfWriter *self)
{
  if (self->missing->len > 0)
    end_text (self);
}

/* A run of glyphs of one font, the baseline starting at (@x, @y): each glyph where Pango
 * put it, by the widths the file declares and an adjustment where they differ. */
static void
show_glyphs (ChartaExportPdfWriter *self, const char *text, PangoGlyphItem *item, double x, double y)
{
  PangoGlyphString *glyphs = item->glyphs;
  PdfFontSize *fs;
  GString *s;
  double pen = 0, at = 0, rise = 0;
  gboolean started = FALSE;

  if (item->item->analysis.font == NULL || glyphs->num_glyphs == 0 ||
      (fs = font_for (self, item->item->analysis.font)) == NULL)
    return;
  begin_text (self);
  s = self->content;
  if (self->text_font != fs)
    {
      put_lit (s, "/F");
      put_uint (s, fs->font->id);
      g_string_append_c (s, ' ');
      put_num (s, fs->size);
      put_lit (s, " Tf\n");
      self->text_font = fs;
    }
  /* Written straight into the stream's buffer, room made first: a glyph takes at most
   * its two escaped bytes and an adjustment or a new text matrix (under 80 bytes). */
  {
    gsize len = s->len, need = len + 16 + 96 * (gsize) glyphs->num_glyphs;
    double scale = fs->size / 1000;
    PdfFont *font = fs->font;
    char *p;

    if (need >= s->allocated_len)
      {
        g_string_set_size (s, need);
        g_string_truncate (s, len);
      }
    p = s->str + len;
    for (int i = 0; i < glyphs->num_glyphs; i++)
      {
        const PangoGlyphInfo *g = &glyphs->glyphs[i];
        double gx = x + pen + (double) g->geometry.x_offset / PANGO_SCALE;
        double gy = y + (double) g->geometry.y_offset / PANGO_SCALE;
        guint glyph = g->glyph;
        const char *want;
        int want_len = 0;
        gboolean actual;

        pen += (double) g->geometry.width / PANGO_SCALE;
        if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) && glyph != PANGO_GLYPH_EMPTY)
          {
            /* A character no font has: a box where Pango made room for it, as cairo draws
             * (without the character's code in it). */
            double box[4] = { gx + 0.1 * fs->size, self->height - gy - 0.05 * fs->size,
                              (double) g->geometry.width / PANGO_SCALE - 0.2 * fs->size, 0.8 * fs->size };

            g_array_append_vals (self->missing, box, 4);
            continue;
          }
        if (glyph == PANGO_GLYPH_EMPTY || glyph >= font->n_glyphs)
          continue;
        want = cluster_text (text, item, i, &want_len);
        actual = FALSE;
        if (want != NULL)
          {
            const char *mapped = font->unicode[glyph];

            if (mapped == NULL && !is_mirrored (item, want, want_len))
              font->unicode[glyph] = g_strndup (want, want_len);
            else
              actual = mapped == NULL || strncmp (mapped, want, want_len) != 0 || mapped[want_len] != '\0';
          }
        if (!started || gy != rise)
          {
            if (started)
              p = stpcpy (p, ")]TJ\n");
            /* Moved from the last run's start: a text object starts at the origin. */
            double dx = round_num (gx - self->line_x);
            double dy = round_num (self->height - gy - self->line_y);

            p = format_num (p, dx);
            *p++ = ' ';
            p = format_num (p, dy);
            p = stpcpy (p, " Td\n[(");
            self->line_x += dx;
            self->line_y += dy;
            started = TRUE;
            rise = gy;
            at = gx;
          }
        else if (fabs (gx - at) > MAX_DRIFT)
          {
            /* Glyphs in one string while the widths put them where Pango did. */
            *p++ = ')';
            p = format_num (p, -(gx - at) / scale);
            *p++ = '(';
            at = gx;
          }
        if (actual)
          {
            if (G_UNLIKELY (p + 16 + 12 * (gsize) want_len + 96 * (gsize) (glyphs->num_glyphs - i) >= s->str + s->allocated_len))
              {
                gsize at_len = p - s->str;

                g_string_set_size (s, at_len + 16 + 12 * (gsize) want_len + 96 * (gsize) (glyphs->num_glyphs - i));
                g_string_truncate (s, at_len);
                p = s->str + at_len;
              }
            p = put_actual_text (p, want, want_len);
          }
        for (int shift = 8; shift >= 0; shift -= 8)
          {
            char c = (glyph >> shift) & 0xff;

            if (c == '(' || c == ')' || c == '\\')
              *p++ = '\\';
            else if (c == '\r')
              {
                *p++ = '\\';
                c = 'r';
              }
            *p++ = c;
          }
        if (actual)
          p = stpcpy (p, ")]TJ\nEMC\n[(");
        at += (font->widths[glyph] >= 0 ? font->widths[glyph] : glyph_width (font, glyph)) * scale;
      }
    if (started)
      p = stpcpy (p, ")]TJ\n");
    g_string_set_size (s, p - s->str);
  }
}

static void
show_line (ChartaExportPdfWriter *self, PangoLayoutLine *line, double x, double y)
{
  const char *text = pango_layout_get_text (line->layout);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      show_glyphs (self, text, run, x, y);
      x += (double) pango_glyph_string_get_width (run->glyphs) / PANGO_SCALE;
    }
}

static void
note_rect (ChartaExportPdfWriter *self, const PangoRectangle *r, double x, double y)
{
  if (self->n_listening > 0)
    note_extents (self, x + (double) r->x / PANGO_SCALE, y + (double) r->y / PANGO_SCALE,
                  x + (double) (r->x + r->width) / PANGO_SCALE, y + (double) (r->y + r->height) / PANGO_SCALE);
}

static void
pdf_show_layout (ChartaExportCanvas *canvas, PangoLayout *layout, double x, double y)
{
  ChartaExportPdfWriter *self = writer (canvas);
  PangoLayoutIter *iter;

  if (self->n_listening > 0)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      note_rect (self, &logical, x, y);
    }
  begin_text (self);
  /* A layout of one line, left to right from its left edge (most cells of a table): its
   * baseline is its ascent down, and no iterator need measure every line again. */
  if (pango_layout_get_line_count (layout) == 1 && pango_layout_get_indent (layout) == 0 &&
      pango_layout_get_alignment (layout) == PANGO_ALIGN_LEFT && !pango_layout_get_justify (layout))
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);

      if (line->resolved_dir == PANGO_DIRECTION_LTR)
        {
          PangoRectangle logical;

          pango_layout_line_get_extents (line, NULL, &logical);
          show_line (self, line, x + (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
          end_show (self);
          return;
        }
    }
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      show_line (self, pango_layout_iter_get_line_readonly (iter), x + (double) logical.x / PANGO_SCALE,
                 y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  end_show (self);
}

static void
pdf_show_layout_line (ChartaExportCanvas *canvas, PangoLayoutLine *line, double x, double y)
{
  ChartaExportPdfWriter *self = writer (canvas);

  if (self->n_listening > 0)
    {
      PangoRectangle logical;

      pango_layout_line_get_extents (line, NULL, &logical);
      note_rect (self, &logical, x, y);
    }
  begin_text (self);
  show_line (self, line, x, y);
  end_show (self);
}

static void
pdf_show_glyph_item (ChartaExportCanvas *canvas, const char *text, PangoGlyphItem *glyph_item, double x, double y)
{
  ChartaExportPdfWriter *self = writer (canvas);

  if (self->n_listening > 0)
    {
      PangoRectangle logical;

      pango_glyph_string_extents (glyph_item->glyphs, glyph_item->item->analysis.font, NULL, &logical);
      note_rect (self, &logical, x, y);
    }
  begin_text (self);
  show_glyphs (self, text, glyph_item, x, y);
  end_show (self);
}

/* ---- tags ---- */

/* The value of @key='…' in cairo's attribute syntax (a backslash escapes what follows). */
static char *
attribute (const char *attributes, const char *key)
{
  const char *at = attributes ? strstr (attributes, key) : NULL;
  GString *value;

  if (at == NULL)
    return NULL;
  at += strlen (key);
  if (at[0] != '=' || at[1] != '\'')
    return NULL;
  value = g_string_new (NULL);
  for (at += 2; *at != '\0' && *at != '\''; at++)
    {
      if (*at == '\\' && at[1] != '\0')
        at++;
      g_string_append_c (value, *at);
    }
  return g_string_free (value, FALSE);
}

static int
new_element (ChartaExportPdfWriter *self, const char *type, char *alt)
{
  Element *parent = current_element (self);
  Element e = { NULL, new_obj (self), parent ? parent->obj : self->struct_root_obj, 0, alt, NULL };

  /* A table's cells come one after another: the same type, without a look-up. */
  if (self->last_type == NULL || strcmp (type, self->last_type) != 0)
    self->last_type = g_intern_string (type);
  e.type = self->last_type;

  e.kids = self->spare_kids->len > 0 ? g_ptr_array_steal_index_fast (self->spare_kids, self->spare_kids->len - 1)
                                     : g_string_new (NULL);
  if (parent != NULL)
    {
      put_ref (parent->kids, e.obj);
      g_string_append_c (parent->kids, ' ');
    }
  else
    g_array_append_val (self->root_kids, e.obj);
  g_array_append_val (self->elements, e);
  return self->elements->len - 1;
}

static void
write_element (ChartaExportPdfWriter *self, Element *e)
{
  GString *s = self->out;

  begin_obj (self, e->obj);
  /* /Type /StructElem is optional: 18 bytes times 137,000 elements in a large plan. */
  put_lit (s, "<< /S /");
  put_str (s, e->type);
  put_lit (s, " /P ");
  put_ref (s, e->parent_obj);
  if (e->alt != NULL)
    {
      put_lit (s, " /Alt ");
      put_text (s, e->alt);
    }
  if (e->page_obj != 0)
    {
      put_lit (s, " /Pg ");
      put_ref (s, e->page_obj);
    }
  put_lit (s, " /K [");
  put_bytes (s, e->kids->str, e->kids->len);
  put_lit (s, "] >>");
  end_obj (self);
  g_clear_pointer (&e->alt, g_free);
  g_string_truncate (e->kids, 0);
  g_ptr_array_add (self->spare_kids, e->kids);
  e->kids = NULL;
}

static void
pdf_tag_begin (ChartaExportCanvas *canvas, const char *name, const char *attributes)
{
  ChartaExportPdfWriter *self = writer (canvas);
  Open o = { -1, -1, FALSE, NULL, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  end_text (self);
  if (self->page_open)
    end_marked (self);
  if (g_str_equal (name, CAIRO_TAG_DEST))
    {
      g_autofree char *dest = attribute (attributes, "name");

      if (dest != NULL && !g_hash_table_contains (self->dest_names, dest))
        {
          Dest d = { g_strdup (dest), -1, 0, 0 };

          g_array_append_val (self->dests, d);
          g_hash_table_insert (self->dest_names, g_steal_pointer (&dest), GUINT_TO_POINTER (self->dests->len));
          o.dest = self->dests->len - 1;
          self->n_listening++;
        }
    }
  else
    {
      o.element = new_element (self, name, attribute (attributes, "alt"));
      if (g_str_equal (name, CAIRO_TAG_LINK))
        {
          o.link = TRUE;
          o.link_dest = attribute (attributes, "dest");
          self->n_listening++;
        }
    }
  g_array_append_val (self->open, o);
}

static void
end_link (ChartaExportPdfWriter *self, Open *o)
{
  guint annot, key;
  GString *s = self->out;
  Element *e;
  double rect[4];

  if (o->x0 > o->x1 || o->link_dest == NULL)
    return;
  begin_page (self);
  annot = new_obj (self);
  key = self->next_key++;
  rect[0] = o->x0;
  rect[1] = self->height - o->y1;
  rect[2] = o->x1;
  rect[3] = self->height - o->y0;
  begin_obj (self, annot);
  put_lit (s, "<< /Type /Annot /Subtype /Link /Rect [");
  put_nums (s, rect, 4, "] /Border [0 0 0] /Dest ");
  put_text (s, o->link_dest);
  put_lit (s, " /StructParent ");
  put_uint (s, key);
  put_lit (s, " >>");
  end_obj (self);
  g_array_append_val (self->annots, annot);
  e = &g_array_index (self->elements, Element, o->element);
  put_lit (e->kids, "<< /Type /OBJR /Obj ");
  put_ref (e->kids, annot);
  put_lit (e->kids, " /Pg ");
  put_ref (e->kids, self->page_obj);
  put_lit (e->kids, " >> ");
  write_parent_tree_entry (self, key, e->obj);
}

static void
pdf_tag_end (ChartaExportCanvas *canvas, const char *name)
{
  ChartaExportPdfWriter *self = writer (canvas);
  Open *o;

  end_text (self);
  if (self->page_open)
    end_marked (self);
  if (self->open->len == 0)
    return;
  o = &g_array_index (self->open, Open, self->open->len - 1);
  if (o->dest >= 0)
    {
      Dest *d = &g_array_index (self->dests, Dest, o->dest);

      if (d->page < 0)
        d->page = self->pages->len;
    }
  if (o->link)
    end_link (self, o);
  if (o->link || o->dest >= 0)
    self->n_listening--;
  if (o->element >= 0)
    {
      write_element (self, &g_array_index (self->elements, Element, o->element));
      g_array_set_size (self->elements, o->element);
    }
  g_free (o->link_dest);
  g_array_set_size (self->open, self->open->len - 1);
}

static const ChartaExportCanvasFuncs pdf_funcs = {
  pdf_set_rgb, pdf_set_line_width, pdf_set_dash, pdf_rectangle, pdf_move_to, pdf_line_to, pdf_arc,
  pdf_new_path, pdf_fill, pdf_stroke, pdf_save, pdf_restore,
  pdf_show_layout, pdf_show_layout_line, pdf_show_glyph_item, pdf_tag_begin, pdf_tag_end,
};

/* ---- the writer ---- */

ChartaExportPdfWriter *
charta_export_pdf_writer_new (double width, double height)
{
  ChartaExportPdfWriter *self = g_new0 (ChartaExportPdfWriter, 1);

  self->canvas.funcs = &pdf_funcs;
  self->width = width;
  self->height = height;
  self->out = g_string_sized_new (1 << 20);
  /* The header, and a comment of bytes above 127: the file is binary. */
  put_lit (self->out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
#ifdef HAVE_LIBDEFLATE
  self->deflater = libdeflate_alloc_compressor (DEFLATE_LEVEL);
  if (self->deflater == NULL)
    g_error ("libdeflate could not start");
#else
  if (deflateInit (&self->deflater, DEFLATE_LEVEL) != Z_OK)
    g_error ("zlib could not start");
#endif
  self->offsets = g_array_new (FALSE, TRUE, sizeof (gsize));
  g_array_set_size (self->offsets, 1);
  self->pages_obj = new_obj (self);
  self->resources_obj = new_obj (self);
  self->struct_root_obj = new_obj (self);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->content = g_string_sized_new (1 << 16);
  self->annots = g_array_new (FALSE, FALSE, sizeof (guint));
  self->mcid_parents = g_array_new (FALSE, FALSE, sizeof (guint));
  self->marked = MARKED_NONE;
  self->state = (GState) { { 0, 0, 0 }, 2.0, { 0 }, 0, 0 };   /* cairo's defaults */
  self->saved = g_array_new (FALSE, FALSE, sizeof (GState));
  self->path = g_string_new (NULL);
  self->missing = g_array_new (FALSE, FALSE, sizeof (double));
  self->fonts_by_face = g_hash_table_new (NULL, NULL);
  self->sizes = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->fonts = g_ptr_array_new_with_free_func (free_font);
  self->elements = g_array_new (FALSE, FALSE, sizeof (Element));
  self->document = g_intern_static_string ("Document");
  self->figure = g_intern_static_string ("Figure");
  self->spare_kids = g_ptr_array_new ();
  self->root_kids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->open = g_array_new (FALSE, FALSE, sizeof (Open));
  self->parent_tree = g_array_new (FALSE, FALSE, sizeof (guint));
  self->dests = g_array_new (FALSE, FALSE, sizeof (Dest));
  self->dest_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->outline = g_array_new (FALSE, TRUE, sizeof (Outline));
  self->info = g_ptr_array_new_with_free_func (g_free);
  return self;
}

ChartaExportCanvas *
charta_export_pdf_writer_get_canvas (ChartaExportPdfWriter *self)
{
  return &self->canvas;
}

void
charta_export_pdf_writer_free (ChartaExportPdfWriter *self)
{
  if (self == NULL)
    return;
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
#ifdef HAVE_LIBDEFLATE
  libdeflate_free_compressor (self->deflater);
#else
  deflateEnd (&self->deflater);
#endif
  g_array_unref (self->offsets);
  g_array_unref (self->pages);
  g_string_free (self->content, TRUE);
  g_array_unref (self->annots);
  g_array_unref (self->mcid_parents);
  g_array_unref (self->saved);
  g_string_free (self->path, TRUE);
  g_array_unref (self->missing);
  g_hash_table_unref (self->sizes);
  g_hash_table_unref (self->fonts_by_face);
  g_ptr_array_unref (self->fonts);
  for (guint i = 0; i < self->elements->len; i++)
    {
      g_free (g_array_index (self->elements, Element, i).alt);
      g_string_free (g_array_index (self->elements, Element, i).kids, TRUE);
    }
  g_array_unref (self->elements);
  for (guint i = 0; i < self->spare_kids->len; i++)
    g_string_free (g_ptr_array_index (self->spare_kids, i), TRUE);
  g_ptr_array_unref (self->spare_kids);
  g_array_unref (self->root_kids);
  for (guint i = 0; i < self->open->len; i++)
    g_free (g_array_index (self->open, Open, i).link_dest);
  g_array_unref (self->open);
  g_array_unref (self->parent_tree);
  for (guint i = 0; i < self->dests->len; i++)
    g_free (g_array_index (self->dests, Dest, i).name);
  g_array_unref (self->dests);
  g_hash_table_unref (self->dest_names);
  for (guint i = 0; i < self->outline->len; i++)
    {
      g_free (g_array_index (self->outline, Outline, i).title);
      g_free (g_array_index (self->outline, Outline, i).dest);
    }
  g_array_unref (self->outline);
  g_ptr_array_unref (self->info);
  g_free (self->language);
  g_free (self);
}

int
charta_export_pdf_writer_add_outline (ChartaExportPdfWriter *self, int parent, const char *title, const char *dest,
                                      gboolean open)
{
  Outline item = { g_strdup (title), g_strdup (dest), parent, open, 0, 0, 0, 0, 0, 0 };
  int id;

  g_return_val_if_fail (parent >= 0 && (guint) parent <= self->outline->len, 0);
  g_array_append_val (self->outline, item);
  id = self->outline->len;
  if (parent > 0)
    {
      Outline *p = &g_array_index (self->outline, Outline, parent - 1);

      if (p->last > 0)
        {
          g_array_index (self->outline, Outline, p->last - 1).next = id;
          g_array_index (self->outline, Outline, id - 1).prev = p->last;
        }
      else
        p->first = id;
      p->last = id;
    }
  return id;
}

void
charta_export_pdf_writer_set_info (ChartaExportPdfWriter *self, const char *key, const char *value)
{
  g_ptr_array_add (self->info, g_strdup (key));
  g_ptr_array_add (self->info, g_strdup (value ? value : ""));
}

void
charta_export_pdf_writer_set_language (ChartaExportPdfWriter *self, const char *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
}

/* ---- the end: fonts ---- */

static const char *
font_name (PdfFont *font, char *buffer, guint size)
{
  unsigned int length = size;
  char *c;

  if (hb_ot_name_get_utf8 (font->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, buffer) == 0)
    g_strlcpy (buffer, "Font", size);
  for (c = buffer; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      *c = '-';
  return buffer;
}

static gint16
read_int16 (hb_blob_t *blob, guint at)
{
  unsigned int length;
  const guint8 *data = (const guint8 *) hb_blob_get_data (blob, &length);

  return at + 2 <= length ? (gint16) ((data[at] << 8) | data[at + 1]) : 0;
}

static void
write_font (ChartaExportPdfWriter *self, PdfFont *font)
{
  GString *s = self->out;
  guint file = new_obj (self), descriptor = new_obj (self), cid = new_obj (self), to_unicode = new_obj (self);
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_set_t *glyphs = hb_subset_input_glyph_set (input);
  hb_face_t *subset;
  hb_blob_t *blob, *head;
  gboolean cff = FALSE;
  char name[128], tag[8], extra[64];
  unsigned int length, upem = hb_face_get_upem (font->face);
  hb_font_extents_t extents = { 0 };
  double bbox[4];
  GString *cmap;
  guint n_mapped = 0;
  gboolean first = TRUE;

  /* The glyphs used, at their ids: Identity-H keeps Pango's glyph ids as the codes. */
  hb_set_add (glyphs, 0);
  for (guint g = 0; g < font->n_glyphs; g++)
    if (font->widths[g] >= 0)
      hb_set_add (glyphs, g);
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_RETAIN_GIDS);
  subset = hb_subset_or_fail (font->face, input);
  hb_subset_input_destroy (input);
  blob = subset ? hb_face_reference_blob (subset) : hb_face_reference_blob (font->face);
  {
    hb_blob_t *table = hb_face_reference_table (font->face, HB_TAG ('C', 'F', 'F', ' '));

    cff = hb_blob_get_length (table) > 0;
    hb_blob_destroy (table);
  }
  g_snprintf (extra, sizeof extra, cff ? "/Subtype /OpenType" : "/Length1 %u", hb_blob_get_length (blob));
  {
    const char *data = hb_blob_get_data (blob, &length);
    write_stream (self, file, data, length, extra);
  }
  hb_blob_destroy (blob);
  if (subset != NULL)
    hb_face_destroy (subset);

  /* A subset's name starts with a tag of six capitals, from the font's id. */
  for (int i = 0; i < 6; i++)
    tag[i] = 'A' + (font->id * 7 + i * 3 + self->fonts->len) % 26;
  tag[6] = '\0';
  font_name (font, name, sizeof name);
  hb_font_get_h_extents (font->measure, &extents);
  head = hb_face_reference_table (font->face, HB_TAG ('h', 'e', 'a', 'd'));
  for (int i = 0; i < 4; i++)
    bbox[i] = read_int16 (head, 36 + 2 * i) * 1000.0 / upem;
  hb_blob_destroy (head);

  begin_obj (self, descriptor);
  g_string_append_printf (s, "<< /Type /FontDescriptor /FontName /%s+%s /Flags 32 /FontBBox [", tag, name);
  put_nums (s, bbox, 4, "] /ItalicAngle 0 /Ascent ");
  put_num (s, extents.ascender * 1000.0 / upem);
  put_lit (s, " /Descent ");
  put_num (s, extents.descender * 1000.0 / upem);
  put_lit (s, " /CapHeight ");
  put_num (s, extents.ascender * 1000.0 / upem);
  put_lit (s, " /StemV 80 ");
  put_str (s, cff ? "/FontFile3 " : "/FontFile2 ");
  put_ref (s, file);
  put_lit (s, " >>");
  end_obj (self);

  begin_obj (self, cid);
  g_string_append_printf (s, "<< /Type /Font /Subtype /%s /BaseFont /%s+%s "
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ",
                          cff ? "CIDFontType0" : "CIDFontType2", tag, name);
  put_ref (s, descriptor);
  if (!cff)
    put_lit (s, " /CIDToGIDMap /Identity");
  put_lit (s, " /W [");
  for (guint g = 0; g < font->n_glyphs; g++)
    {
      if (font->widths[g] < 0)
        {
          if (!first)
            put_lit (s, "]");
          first = TRUE;
          continue;
        }
      if (first)
        {
          put_uint (s, g);
          put_lit (s, " [");
        }
      else
        g_string_append_c (s, ' ');
      put_num (s, font->widths[g]);
      first = FALSE;
    }
  if (!first)
    put_lit (s, "]");
  put_lit (s, "] >>");
  end_obj (self);

  cmap = g_string_new ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  for (guint g = 0; g < font->n_glyphs; g++)
    {
      glong n = 0;
      g_autofree gunichar2 *utf16 = NULL;

      if (font->unicode[g] == NULL || font->unicode[g][0] == '\0' || font->widths[g] < 0 ||
          (utf16 = g_utf8_to_utf16 (font->unicode[g], -1, NULL, &n, NULL)) == NULL)
        continue;
      if (n_mapped % 100 == 0)
        {
          guint left = 0;

          if (n_mapped > 0)
            put_lit (cmap, "endbfchar\n");
          for (guint h = g; h < font->n_glyphs && left < 100; h++)
            left += font->unicode[h] != NULL && font->unicode[h][0] != '\0' && font->widths[h] >= 0;
          g_string_append_printf (cmap, "%u beginbfchar\n", left);
        }
      g_string_append_c (cmap, '<');
      put_hex4 (cmap, g);
      put_lit (cmap, "> <");
      for (glong i = 0; i < n; i++)
        put_hex4 (cmap, utf16[i]);
      put_lit (cmap, ">\n");
      n_mapped++;
    }
  if (n_mapped > 0)
    put_lit (cmap, "endbfchar\n");
  put_lit (cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  write_stream (self, to_unicode, cmap->str, cmap->len, NULL);
  g_string_free (cmap, TRUE);

  begin_obj (self, font->obj);
  g_string_append_printf (s, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H /DescendantFonts [", tag, name);
  put_ref (s, cid);
  put_lit (s, "] /ToUnicode ");
  put_ref (s, to_unicode);
  put_lit (s, " >>");
  end_obj (self);
}

/* ---- the end: structure, destinations, outline ---- */

static guint
page_obj (ChartaExportPdfWriter *self, guint page)
{
  return g_array_index (self->pages, Page, MIN (page, self->pages->len - 1)).obj;
}

static void
write_struct_root (ChartaExportPdfWriter *self)
{
  GString *s = self->out;
  guint tree = new_obj (self);

  begin_obj (self, tree);
  put_lit (s, "<< /Nums [");
  for (guint i = 0; i + 1 < self->parent_tree->len; i += 2)
    {
      put_uint (s, g_array_index (self->parent_tree, guint, i));
      g_string_append_c (s, ' ');
      put_ref (s, g_array_index (self->parent_tree, guint, i + 1));
      g_string_append_c (s, ' ');
    }
  put_lit (s, "] >>");
  end_obj (self);
  begin_obj (self, self->struct_root_obj);
  put_lit (s, "<< /Type /StructTreeRoot /K [");
  for (guint i = 0; i < self->root_kids->len; i++)
    {
      put_ref (s, g_array_index (self->root_kids, guint, i));
      g_string_append_c (s, ' ');
    }
  put_lit (s, "] /ParentTree ");
  put_ref (s, tree);
  put_lit (s, " /ParentTreeNextKey ");
  put_uint (s, self->next_key);
  put_lit (s, " >>");
  end_obj (self);
}

static int
compare_dests (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Dest *) a)->name, ((const Dest *) b)->name);
}

static void
put_dest (ChartaExportPdfWriter *self, GString *s, const Dest *d)
{
  double xy[2] = { d->x, self->height - d->y };

  g_string_append_c (s, '[');
  put_ref (s, page_obj (self, MAX (d->page, 0)));
  put_lit (s, " /XYZ ");
  put_nums (s, xy, 2, "0]");
}

static guint
write_dests (ChartaExportPdfWriter *self)
{
  GString *s = self->out;
  guint obj = new_obj (self);

  /* A name tree's keys in byte order. */
  g_array_sort (self->dests, compare_dests);
  begin_obj (self, obj);
  put_lit (s, "<< /Names [");
  for (guint i = 0; i < self->dests->len; i++)
    {
      const Dest *d = &g_array_index (self->dests, Dest, i);

      put_text (s, d->name);
      g_string_append_c (s, ' ');
      put_dest (self, s, d);
      g_string_append_c (s, ' ');
    }
  put_lit (s, "] >>");
  end_obj (self);
  return obj;
}

/* Returns the outline's root object, or 0 without an outline. */
static guint
write_outline (ChartaExportPdfWriter *self)
{
  GString *s = self->out;
  guint root, n = self->outline->len, first = 0, last = 0, count = 0;

  if (n == 0)
    return 0;
  root = new_obj (self);
  for (guint i = 0; i < n; i++)
    g_array_index (self->outline, Outline, i).obj = new_obj (self);
  /* Visible descendants, children before parents: a parent comes before its children. */
  for (guint i = n; i-- > 0;)
    {
      Outline *o = &g_array_index (self->outline, Outline, i);
      int visible = 0;

      for (int c = o->first; c > 0; c = g_array_index (self->outline, Outline, c - 1).next)
        {
          const Outline *child = &g_array_index (self->outline, Outline, c - 1);
          visible += 1 + (child->open ? ABS (child->count) : 0);
        }
      o->count = o->open ? visible : -visible;
    }
  for (guint i = 0; i < n; i++)
    {
      Outline *o = &g_array_index (self->outline, Outline, i);

      if (o->parent != 0)
        continue;
      if (last > 0)
        {
          g_array_index (self->outline, Outline, last - 1).next = i + 1;
          o->prev = last;
        }
      else
        first = i + 1;
      last = i + 1;
      count += 1 + (o->open ? ABS (o->count) : 0);
    }
  for (guint i = 0; i < n; i++)
    {
      const Outline *o = &g_array_index (self->outline, Outline, i);
      struct { const char *key; int id; } links[] = {
        { " /First ", o->first }, { " /Last ", o->last }, { " /Next ", o->next }, { " /Prev ", o->prev },
      };

      begin_obj (self, o->obj);
      put_lit (s, "<< /Title ");
      put_text (s, o->title);
      put_lit (s, " /Parent ");
      put_ref (s, o->parent > 0 ? g_array_index (self->outline, Outline, o->parent - 1).obj : root);
      for (guint k = 0; k < G_N_ELEMENTS (links); k++)
        if (links[k].id > 0)
          {
            put_str (s, links[k].key);
            put_ref (s, g_array_index (self->outline, Outline, links[k].id - 1).obj);
          }
      if (o->count != 0)
        {
          put_lit (s, " /Count ");
          g_string_append_printf (s, "%d", o->count);
        }
      if (o->dest != NULL)
        {
          put_lit (s, " /Dest ");
          put_text (s, o->dest);
        }
      put_lit (s, " >>");
      end_obj (self);
    }
  begin_obj (self, root);
  put_lit (s, "<< /Type /Outlines /First ");
  put_ref (s, g_array_index (self->outline, Outline, first - 1).obj);
  put_lit (s, " /Last ");
  put_ref (s, g_array_index (self->outline, Outline, last - 1).obj);
  put_lit (s, " /Count ");
  put_uint (s, count);
  put_lit (s, " >>");
  end_obj (self);
  return root;
}

static guint
write_info (ChartaExportPdfWriter *self)
{
  GString *s = self->out;
  guint obj = new_obj (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "D:%Y%m%d%H%M%S");
  int offset = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE);
  g_autofree char *stamp = g_strdup_printf ("%s%c%02d'%02d'", date, offset < 0 ? '-' : '+', ABS (offset) / 60, ABS (offset) % 60);

  begin_obj (self, obj);
  put_str (s, "<< /Producer (Charta " PACKAGE_VERSION ") /CreationDate ");
  put_text (s, stamp);
  for (guint i = 0; i + 1 < self->info->len; i += 2)
    {
      put_lit (s, " /");
      put_str (s, g_ptr_array_index (self->info, i));
      g_string_append_c (s, ' ');
      put_text (s, g_ptr_array_index (self->info, i + 1));
    }
  put_lit (s, " >>");
  end_obj (self);
  return obj;
}

GBytes *
charta_export_pdf_writer_finish (ChartaExportPdfWriter *self)
{
  GString *s = self->out;
  guint dests, outline, info, catalog;
  gsize xref;

  /* Tags left open close here, on the last page. */
  while (self->open->len > 0)
    pdf_tag_end (&self->canvas, NULL);
  end_text (self);
  if (self->page_open || self->pages->len == 0)
    charta_export_pdf_writer_show_page (self);
  for (guint i = 0; i < self->fonts->len; i++)
    write_font (self, g_ptr_array_index (self->fonts, i));
  begin_obj (self, self->resources_obj);
  put_lit (s, "<< /ProcSet [/PDF /Text] /Font <<");
  for (guint i = 0; i < self->fonts->len; i++)
    {
      const PdfFont *font = g_ptr_array_index (self->fonts, i);

      put_lit (s, " /F");
      put_uint (s, font->id);
      g_string_append_c (s, ' ');
      put_ref (s, font->obj);
    }
  put_lit (s, " >> >>");
  end_obj (self);
  begin_obj (self, self->pages_obj);
  put_lit (s, "<< /Type /Pages /Kids [");
  for (guint i = 0; i < self->pages->len; i++)
    {
      put_ref (s, g_array_index (self->pages, Page, i).obj);
      g_string_append_c (s, ' ');
    }
  put_lit (s, "] /Count ");
  put_uint (s, self->pages->len);
  put_lit (s, " >>");
  end_obj (self);
  write_struct_root (self);
  dests = write_dests (self);
  outline = write_outline (self);
  info = write_info (self);

  catalog = new_obj (self);
  begin_obj (self, catalog);
  put_lit (s, "<< /Type /Catalog /Pages ");
  put_ref (s, self->pages_obj);
  put_lit (s, " /Names << /Dests ");
  put_ref (s, dests);
  put_lit (s, " >>");
  if (outline > 0)
    {
      put_lit (s, " /Outlines ");
      put_ref (s, outline);
      put_lit (s, " /PageMode /UseOutlines");
    }
  put_lit (s, " /StructTreeRoot ");
  put_ref (s, self->struct_root_obj);
  put_lit (s, " /MarkInfo << /Marked true >> /ViewerPreferences << /DisplayDocTitle true >>");
  if (self->language != NULL)
    {
      put_lit (s, " /Lang ");
      put_text (s, self->language);
    }
  put_lit (s, " >>");
  end_obj (self);

  xref = s->len;
  put_lit (s, "xref\n0 ");
  put_uint (s, self->offsets->len);
  put_lit (s, "\n0000000000 65535 f \n");
  for (guint i = 1; i < self->offsets->len; i++)
    {
      /* "0000012345 00000 n \n": twenty bytes an object. */
      char entry[21] = "0000000000 00000 n \n";
      gsize offset = g_array_index (self->offsets, gsize, i);

      for (int d = 9; d >= 0 && offset > 0; d--, offset /= 10)
        entry[d] = '0' + offset % 10;
      put_bytes (s, entry, 20);
    }
  put_lit (s, "trailer\n<< /Size ");
  put_uint (s, self->offsets->len);
  put_lit (s, " /Root ");
  put_ref (s, catalog);
  put_lit (s, " /Info ");
  put_ref (s, info);
  put_lit (s, " >>\nstartxref\n");
  put_uint (s, xref);
  put_lit (s, "\n%%EOF\n");
  {
    GBytes *bytes = g_string_free_to_bytes (self->out);

    self->out = NULL;
    return bytes;
  }
}
