/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-measure-chart"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-date.h"
#include "charta-measure-chart.h"
#include "charta-ui-utils.h"

/* A line chart of a measure's values over time: a value axis with the unit, a date axis,
 * each point labelled with its value, the target and the baseline as named lines, and a
 * legend. Colours come from the widget's style (its text colour, and AdwStyleManager for
 * dark), so the chart reads in both styles. The same figures are the chart's accessible
 * description; the measure group lists them as rows too, for the keyboard. */

struct _ChartaMeasureChart {
  GtkWidget parent_instance;
  ChartaMeasure *measure;
  GPtrArray *values;
};

G_DEFINE_FINAL_TYPE (ChartaMeasureChart, charta_measure_chart, GTK_TYPE_WIDGET)

typedef struct {
  double x0, x1, y0, y1;
} Range;

typedef struct {
  cairo_t *cr;
  PangoLayout *layout;
  GdkRGBA fg, line, target, baseline;
  double left, right, top, bottom;   /* the plot area */
  Range r;
} Plot;

static double
day_of (const char *date)
{
  int y, m, d;
  GDate g;

  /* The one date rule (charta-date.h) first: sscanf alone would take "2024-05- 1". */
  if (!charta_date_is_valid (date) || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NAN;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g_date_get_julian (&g);
}

static char *
date_of_day (double day)
{
  GDate g;
  char iso[16];

  g_date_clear (&g, 1);
  g_date_set_julian (&g, (guint32) CLAMP (day, 1, G_MAXINT32));
  g_snprintf (iso, sizeof iso, "%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
  return charta_format_date (iso);
}

static gboolean
has_value (const ChartaDatedValue *v)
{
  return v != NULL && isfinite (v->value);
}

static void
extend (Range *r, double x, double y)
{
  if (isfinite (x))
    {
      r->x0 = MIN (r->x0, x);
      r->x1 = MAX (r->x1, x);
    }
  r->y0 = MIN (r->y0, y);
  r->y1 = MAX (r->y1, y);
}

/* A step of 1, 2 or 5 times a power of ten giving about @n ticks over @span. */
static double
nice_step (double span, int n)
{
  double raw = span / MAX (n, 1), mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static Range
range_of (ChartaMeasureChart *self)
{
  const ChartaMeasure *m = self->measure;
  Range r = { INFINITY, -INFINITY, INFINITY, -INFINITY };
  double step;

  if (has_value (m->baseline))
    extend (&r, day_of (m->baseline->date), m->baseline->value);
  if (has_value (m->target))
    extend (&r, day_of (m->target->date), m->target->value);
  for (guint i = 0; i < self->values->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (self->values, i);
      if (has_value (v))
        extend (&r, day_of (v->date), v->value);
    }
  if (!isfinite (r.x0))
    r.x0 = r.x1 = 0;
  if (r.x1 - r.x0 < 30)
    r.x0 -= 15, r.x1 += 15;
  /* Counts and most figures start at zero; a value axis from zero does not exaggerate. */
  if (r.y0 > 0)
    r.y0 = 0;
  if (r.y1 <= r.y0)
    r.y1 = r.y0 + 1;
  /* Room above the highest point for its label. */
  r.y1 += (r.y1 - r.y0) * 0.08;
  step = nice_step (r.y1 - r.y0, 4);
  r.y0 = floor (r.y0 / step) * step;
  r.y1 = ceil (r.y1 / step) * step;
  return r;
}

static double
px (const Plot *p, double x)
{
  return p->left + (x - p->r.x0) / (p->r.x1 - p->r.x0) * (p->right - p->left);
}

static double
py (const Plot *p, double y)
{
  return p->bottom - (y - p->r.y0) / (p->r.y1 - p->r.y0) * (p->bottom - p->top);
}

static void
set_rgba (cairo_t *cr, const GdkRGBA *c, double alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Draws @text with its top-left (or, for @align 1, top-right; 0.5 centred) at x, y;
 * returns its width. */
static int
draw_text (Plot *p, const char *text, double x, double y, double align, const GdkRGBA *colour)
{
  int w, h;

  pango_layout_set_text (p->layout, text, -1);
  pango_layout_get_pixel_size (p->layout, &w, &h);
  cairo_move_to (p->cr, x - align * w, y);
  set_rgba (p->cr, colour, 1);
  pango_cairo_show_layout (p->cr, p->layout);
  return w;
}

static int
text_width (Plot *p, const char *text)
{
  int w;

  pango_layout_set_text (p->layout, text, -1);
  pango_layout_get_pixel_size (p->layout, &w, NULL);
  return w;
}

static void
draw_hline (Plot *p, double y, const GdkRGBA *colour, double dash)
{
  double pattern[] = { dash, dash };

  set_rgba (p->cr, colour, 1);
  cairo_set_line_width (p->cr, 2);
  cairo_set_dash (p->cr, pattern, dash > 0 ? 2 : 0, 0);
  cairo_move_to (p->cr, p->left, py (p, y));
  cairo_line_to (p->cr, p->right, py (p, y));
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
}

/* One legend entry: a short line or dot in its colour and its name; returns its width. */
static double
legend_entry (Plot *p, double x, double y, const char *name, const GdkRGBA *colour, double dash, gboolean dot,
              gboolean draw)
{
  double pattern[] = { dash, dash };
  int w = text_width (p, name);

  if (!draw)
    return 28 + w + 16;
  set_rgba (p->cr, colour, 1);
  cairo_set_line_width (p->cr, 2);
  cairo_set_dash (p->cr, pattern, dash > 0 ? 2 : 0, 0);
  cairo_move_to (p->cr, x, y + 9);
  cairo_line_to (p->cr, x + 22, y + 9);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
  if (dot)
    {
      cairo_arc (p->cr, x + 11, y + 9, 3.5, 0, 2 * G_PI);
      cairo_fill (p->cr);
    }
  draw_text (p, name, x + 28, y, 0, &p->fg);
  return 28 + w + 16;
}

/* The legend's entries, wrapped to @width; returns the height it takes. */
static double
draw_legend (ChartaMeasureChart *self, Plot *p, double width, gboolean draw)
{
  const ChartaMeasure *m = self->measure;
  g_autofree char *target = NULL, *baseline = NULL;
  const char *names[3];
  const GdkRGBA *colours[3];
  double dashes[3], x = 0, y = 0;
  gboolean dots[3];
  int n = 0, line_h;

  pango_layout_set_text (p->layout, "Mg", -1);
  pango_layout_get_pixel_size (p->layout, NULL, &line_h);
  line_h += 4;
  names[n] = m->computed >= 0 ? _("Counted") : _("Measured"), colours[n] = &p->line, dashes[n] = 0, dots[n++] = TRUE;
  if (has_value (m->target))
    {
      g_autofree char *v = charta_format_value (m->target->value, m->unit);
      /* Translators: the chart's legend, e.g. "Target 20 %" */
      names[n] = target = g_strdup_printf (_("Target %s"), v);
      colours[n] = &p->target, dashes[n] = 6, dots[n++] = FALSE;
    }
  if (has_value (m->baseline))
    {
      g_autofree char *v = charta_format_value (m->baseline->value, m->unit);
      /* Translators: the chart's legend, e.g. "Baseline 10 %" */
      names[n] = baseline = g_strdup_printf (_("Baseline %s"), v);
      colours[n] = &p->baseline, dashes[n] = 2, dots[n++] = FALSE;
    }
  for (int i = 0; i < n; i++)
    {
      double w = legend_entry (p, 0, 0, names[i], colours[i], dashes[i], dots[i], FALSE);
      if (x > 0 && x + w > width)
        x = 0, y += line_h;
      legend_entry (p, p->left + x, y, names[i], colours[i], dashes[i], dots[i], draw);
      x += w;
    }
  return y + line_h;
}

static void
draw_value_axis (ChartaMeasureChart *self, Plot *p)
{
  double step = nice_step (p->r.y1 - p->r.y0, 4);
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step));

  for (double v = p->r.y0; v <= p->r.y1 + step / 2; v += step)
    {
      g_autofree char *label = charta_format_number (v, decimals);
      double y = round (py (p, v)) + 0.5;
      set_rgba (p->cr, &p->fg, 0.15);
      cairo_set_line_width (p->cr, 1);
      cairo_move_to (p->cr, p->left, y);
      cairo_line_to (p->cr, p->right, y);
      cairo_stroke (p->cr);
      pango_layout_set_text (p->layout, label, -1);
      draw_text (p, label, p->left - 6, y - 8, 1, &p->fg);
    }
}

static void
draw_date_axis (Plot *p)
{
  g_autofree char *sample = date_of_day (p->r.x0);
  int label_w = text_width (p, sample) + 16;
  /* n intervals, n + 1 labels that do not touch. */
  int n = CLAMP ((int) ((p->right - p->left + 16) / label_w) - 1, 1, 4);

  set_rgba (p->cr, &p->fg, 0.6);
  cairo_set_line_width (p->cr, 1);
  cairo_move_to (p->cr, p->left, p->bottom + 0.5);
  cairo_line_to (p->cr, p->right, p->bottom + 0.5);
  cairo_stroke (p->cr);
  for (int i = 0; i <= n; i++)
    {
      double day = n == 0 ? p->r.x0 : p->r.x0 + (p->r.x1 - p->r.x0) * i / n;
      g_autofree char *label = date_of_day (day);
      double x = px (p, day), align = i == 0 ? 0 : i == n ? 1 : 0.5;
      if (n == 1 && i == 1 && label_w * 2 > p->right - p->left + 16)
        break;   /* no room for a second date: the first one says where the axis starts */
      set_rgba (p->cr, &p->fg, 0.6);
      cairo_move_to (p->cr, round (x) + 0.5, p->bottom);
      cairo_line_to (p->cr, round (x) + 0.5, p->bottom + 4);
      cairo_stroke (p->cr);
      draw_text (p, label, x, p->bottom + 6, align, &p->fg);
    }
}

static int
compare_dates (gconstpointer a, gconstpointer b)
{
  const ChartaDatedValue *va = *(ChartaDatedValue * const *) a, *vb = *(ChartaDatedValue * const *) b;

  return strcmp (va->date, vb->date);
}

static void
draw_values (ChartaMeasureChart *self, Plot *p)
{
  const ChartaMeasure *m = self->measure;
  g_autoptr(GPtrArray) points = g_ptr_array_new ();
  double last_label_x = -INFINITY;

  for (guint i = 0; i < self->values->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (self->values, i);
      if (has_value (v) && isfinite (day_of (v->date)))
        g_ptr_array_add (points, v);
    }
  /* The line joins them by date, however they were entered. */
  g_ptr_array_sort (points, compare_dates);
  if (has_value (m->baseline) && isfinite (day_of (m->baseline->date)))
    {
      set_rgba (p->cr, &p->baseline, 1);
      cairo_rectangle (p->cr, px (p, day_of (m->baseline->date)) - 4, py (p, m->baseline->value) - 4, 8, 8);
      cairo_fill (p->cr);
    }
  set_rgba (p->cr, &p->line, 1);
  cairo_set_line_width (p->cr, 2.5);
  for (guint i = 0; i < points->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (points, i);
      cairo_line_to (p->cr, px (p, day_of (v->date)), py (p, v->value));
    }
  cairo_stroke (p->cr);
  for (guint i = 0; i < points->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (points, i);
      g_autofree char *label = charta_format_number (v->value, CHARTA_FORMAT_AS_NEEDED);
      double x = px (p, day_of (v->date)), y = py (p, v->value);
      int w = text_width (p, label);
      set_rgba (p->cr, &p->line, 1);
      cairo_arc (p->cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (p->cr);
      /* Every point that has room for its label gets one, and always the last. */
      if (x - w / 2.0 > last_label_x + 4 || i + 1 == points->len)
        {
          double lx = CLAMP (x, p->left + w / 2.0, p->right - w / 2.0);
          draw_text (p, label, lx, y - 22 < p->top - 20 ? y + 6 : y - 22, 0.5, &p->fg);
          last_label_x = lx + w / 2.0;
        }
    }
}

static void
charta_measure_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ChartaMeasureChart *self = CHARTA_MEASURE_CHART (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autofree char *top_label = NULL;
  Plot p = { 0 };
  int label_w = 0;
  double step;

  if (self->measure == NULL || w < 80 || h < 80)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &p.fg);
  /* GNOME's palette: blue 3 and green 4 on light, blue 1 and green 1 on dark. */
  gdk_rgba_parse (&p.line, dark ? "#99c1f1" : "#1c71d8");
  gdk_rgba_parse (&p.target, dark ? "#8ff0a4" : "#26a269");
  p.baseline = p.fg;
  p.baseline.alpha *= 0.7;
  p.layout = layout;
  p.r = range_of (self);
  p.cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* The left margin takes the widest value label. */
  step = nice_step (p.r.y1 - p.r.y0, 4);
  for (double v = p.r.y0; v <= p.r.y1 + step / 2; v += step)
    {
      g_autofree char *label = charta_format_number (v, step >= 1 ? 0 : (int) ceil (-log10 (step)));
      label_w = MAX (label_w, text_width (&p, label));
    }
  p.left = label_w + 10;
  p.right = w - 8;
  /* The legend on top, the unit naming the value axis under it, then the plot. */
  p.top = draw_legend (self, &p, w - p.left, TRUE) + 6;
  top_label = g_strdup (self->measure->unit ? self->measure->unit : "");
  draw_text (&p, top_label, 0, p.top, 0, &p.fg);
  p.top += 30;
  p.bottom = h - 24;
  draw_value_axis (self, &p);
  draw_date_axis (&p);
  if (has_value (self->measure->baseline))
    draw_hline (&p, self->measure->baseline->value, &p.baseline, 2);
  if (has_value (self->measure->target))
    draw_hline (&p, self->measure->target->value, &p.target, 6);
  draw_values (self, &p);
  cairo_destroy (p.cr);
}

static void
charta_measure_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                              int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 200;
      *natural = 240;
    }
}

static void
on_dark_changed_cb (AdwStyleManager *manager, GParamSpec *pspec, ChartaMeasureChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
charta_measure_chart_dispose (GObject *object)
{
  ChartaMeasureChart *self = CHARTA_MEASURE_CHART (object);

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), on_dark_changed_cb, self);
  G_OBJECT_CLASS (charta_measure_chart_parent_class)->dispose (object);
}

static void
charta_measure_chart_finalize (GObject *object)
{
  ChartaMeasureChart *self = CHARTA_MEASURE_CHART (object);

  g_clear_pointer (&self->measure, charta_measure_free);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_measure_chart_parent_class)->finalize (object);
}

static void
charta_measure_chart_class_init (ChartaMeasureChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_measure_chart_dispose;
  G_OBJECT_CLASS (klass)->finalize = charta_measure_chart_finalize;
  widget_class->snapshot = charta_measure_chart_snapshot;
  widget_class->measure = charta_measure_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
charta_measure_chart_init (ChartaMeasureChart *self)
{
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed_cb), self);
}

char *
charta_measure_describe (const ChartaMeasure *m, GPtrArray *values)
{
  GString *s = g_string_new (NULL);

  if (has_value (m->baseline))
    {
      g_autofree char *date = charta_format_date (m->baseline->date);
      g_autofree char *value = charta_format_value (m->baseline->value, m->unit);
      /* Translators: e.g. "Baseline 12 % on 2018-01-01" */
      g_string_append_printf (s, _("Baseline %s on %s"), value, date);
    }
  if (has_value (m->target))
    {
      g_autofree char *date = charta_format_date (m->target->date);
      g_autofree char *value = charta_format_value (m->target->value, m->unit);
      if (s->len)
        g_string_append (s, "; ");
      /* Translators: e.g. "target 20 % by 2020-12-31" */
      g_string_append_printf (s, _("target %s by %s"), value, date);
    }
  for (guint i = 0; values && i < values->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (values, i);
      g_autofree char *date = charta_format_date (v->date);
      g_autofree char *value = charta_format_value (v->value, m->unit);
      if (s->len)
        g_string_append (s, "; ");
      /* Translators: a value and its date, e.g. "15 % on 2018-06-30" */
      g_string_append_printf (s, _("%s on %s"), value, date);
    }
  return g_string_free (s, FALSE);
}

GtkWidget *
charta_measure_chart_new (const ChartaMeasure *measure, GPtrArray *values)
{
  ChartaMeasureChart *self = g_object_new (CHARTA_TYPE_MEASURE_CHART, NULL);

  charta_measure_chart_set_measure (self, measure, values);
  return GTK_WIDGET (self);
}

void
charta_measure_chart_set_measure (ChartaMeasureChart *self, const ChartaMeasure *measure, GPtrArray *values)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CHARTA_IS_MEASURE_CHART (self));
  g_return_if_fail (measure != NULL && values != NULL);

  g_clear_pointer (&self->measure, charta_measure_free);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  self->measure = charta_measure_copy (measure);
  self->values = g_ptr_array_ref (values);
  description = charta_measure_describe (measure, values);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, measure->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
