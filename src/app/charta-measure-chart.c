/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-measure-chart"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "charta-date.h"
#include "charta-measure-chart.h"
#include "charta-ui-utils.h"

/* A small line chart of a measure's actuals over time, with the baseline as the first
 * point and the target as a dashed line. The same figures are its accessible description,
 * for screen readers. */

struct _ChartaMeasureChart {
  GtkWidget parent_instance;
  ChartaMeasure *measure;
};

G_DEFINE_FINAL_TYPE (ChartaMeasureChart, charta_measure_chart, GTK_TYPE_WIDGET)

static double
day_of (const char *date)
{
  int y, m, d;
  GDate g;

  /* The one date rule (charta-date.h) first: sscanf alone would take "2024-05- 1". */
  if (!charta_date_is_valid (date) || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g_date_get_julian (&g);
}

typedef struct {
  double x0, x1, y0, y1;
} Range;

static void
extend (Range *r, double x, double y)
{
  r->x0 = MIN (r->x0, x);
  r->x1 = MAX (r->x1, x);
  r->y0 = MIN (r->y0, y);
  r->y1 = MAX (r->y1, y);
}

static Range
range_of (const ChartaMeasure *m)
{
  Range r = { INFINITY, -INFINITY, INFINITY, -INFINITY };

  if (m->baseline && isfinite (m->baseline->value))
    extend (&r, day_of (m->baseline->date), m->baseline->value);
  if (m->target && isfinite (m->target->value))
    extend (&r, day_of (m->target->date), m->target->value);
  for (guint i = 0; m->actuals && i < m->actuals->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (m->actuals, i);
      extend (&r, day_of (v->date), v->value);
    }
  if (r.x1 <= r.x0)
    r.x1 = r.x0 + 1;
  if (r.y1 <= r.y0)
    {
      r.y0 -= 1;
      r.y1 += 1;
    }
  return r;
}

static void
charta_measure_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ChartaMeasureChart *self = CHARTA_MEASURE_CHART (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  const double pad = 8;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 };
  cairo_t *cr;
  Range r;

  if (self->measure == NULL || w <= 2 * pad || h <= 2 * pad)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  r = range_of (self->measure);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

#define PX(x) (pad + ((x) - r.x0) / (r.x1 - r.x0) * (w - 2 * pad))
#define PY(y) (h - pad - ((y) - r.y0) / (r.y1 - r.y0) * (h - 2 * pad))

  if (self->measure->target && isfinite (self->measure->target->value))
    {
      double dash[] = { 4, 4 };
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, pad, PY (self->measure->target->value));
      cairo_line_to (cr, w - pad, PY (self->measure->target->value));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  if (self->measure->baseline && isfinite (self->measure->baseline->value))
    cairo_move_to (cr, PX (day_of (self->measure->baseline->date)), PY (self->measure->baseline->value));
  for (guint i = 0; self->measure->actuals && i < self->measure->actuals->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (self->measure->actuals, i);
      cairo_line_to (cr, PX (day_of (v->date)), PY (v->value));
    }
  cairo_stroke (cr);
  for (guint i = 0; self->measure->actuals && i < self->measure->actuals->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (self->measure->actuals, i);
      cairo_arc (cr, PX (day_of (v->date)), PY (v->value), 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef PX
#undef PY
  cairo_destroy (cr);
}

static void
charta_measure_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                              int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 320;
    }
  else
    {
      *minimum = 60;
      *natural = 90;
    }
}

static void
charta_measure_chart_finalize (GObject *object)
{
  g_clear_pointer (&CHARTA_MEASURE_CHART (object)->measure, charta_measure_free);
  G_OBJECT_CLASS (charta_measure_chart_parent_class)->finalize (object);
}

static void
charta_measure_chart_class_init (ChartaMeasureChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = charta_measure_chart_finalize;
  widget_class->snapshot = charta_measure_chart_snapshot;
  widget_class->measure = charta_measure_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
charta_measure_chart_init (ChartaMeasureChart *self)
{
}

char *
charta_measure_describe (const ChartaMeasure *m)
{
  GString *s = g_string_new (NULL);
  g_autofree char *baseline = m->baseline ? g_strdup_printf ("%g", m->baseline->value) : NULL;
  g_autofree char *target = m->target ? g_strdup_printf ("%g", m->target->value) : NULL;

  /* Translators: e.g. "Baseline 12 (2018-01-01)" */
  if (baseline)
    {
      g_autofree char *date = charta_format_date (m->baseline->date);
      g_string_append_printf (s, _("Baseline %s (%s)"), baseline, date);
    }
  if (target)
    {
      g_autofree char *date = charta_format_date (m->target->date);
      if (s->len)
        g_string_append (s, "; ");
      g_string_append_printf (s, _("target %s (%s)"), target, date);
    }
  for (guint i = 0; m->actuals && i < m->actuals->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (m->actuals, i);
      g_autofree char *date = charta_format_date (v->date);
      if (s->len)
        g_string_append (s, "; ");
      /* Translators: an actual value and its date, e.g. "15 on 2018-06-30" */
      g_string_append_printf (s, _("%g on %s"), v->value, date);
    }
  return g_string_free (s, FALSE);
}

GtkWidget *
charta_measure_chart_new (const ChartaMeasure *measure)
{
  ChartaMeasureChart *self = g_object_new (CHARTA_TYPE_MEASURE_CHART, NULL);

  charta_measure_chart_set_measure (self, measure);
  return GTK_WIDGET (self);
}

void
charta_measure_chart_set_measure (ChartaMeasureChart *self, const ChartaMeasure *measure)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CHARTA_IS_MEASURE_CHART (self));
  g_return_if_fail (measure != NULL);

  g_clear_pointer (&self->measure, charta_measure_free);
  self->measure = charta_measure_copy (measure);
  description = charta_measure_describe (measure);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, measure->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
