/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-format.h"
#include "charta-export-chart.h"

double
charta_export_date_to_days (const char *iso)
{
  int y, m, d;
  GDate date;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

char *
charta_export_days_to_date (double days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) CLAMP (days, 1, G_MAXUINT32));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

#define SCALE_LIMIT 1e300

void
charta_export_nice_scale (double lo, double hi, guint ticks, ChartaExportScale *scale)
{
  double span, raw, magnitude, step;

  /* Any value a project holds (up to ±1.8e308) keeps hi - lo and the steps finite
   * within ±SCALE_LIMIT; the values beyond are drawn at the scale's end (the chart's
   * text still says them), NaN as 0. */
  lo = isnan (lo) ? 0 : CLAMP (lo, -SCALE_LIMIT, SCALE_LIMIT);
  hi = isnan (hi) ? 0 : CLAMP (hi, -SCALE_LIMIT, SCALE_LIMIT);
  /* Room for a single value, also where adding 1 to it changes nothing. */
  if (hi <= lo)
    hi = lo + MAX (1, fabs (lo) * 1e-6);
  span = hi - lo;
  raw = span / MAX (ticks, 1);
  magnitude = pow (10, floor (log10 (raw)));
  step = raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10;
  scale->step = step * magnitude;
  scale->min = floor (lo / scale->step) * scale->step;
  scale->max = ceil (hi / scale->step) * scale->step;
}

double
charta_export_scale_position (const ChartaExportScale *scale, double value)
{
  double at = (value - scale->min) / (scale->max - scale->min);

  return isnan (at) ? 0 : CLAMP (at, 0, 1);
}

static void
include_value (const ChartaExportValue *v, double *first, double *last, double *lo, double *hi)
{
  double day = v ? charta_export_date_to_days (v->date) : -1;

  if (day < 0)
    return;
  *first = MIN (*first, day);
  *last = MAX (*last, day);
  *lo = MIN (*lo, v->value);
  *hi = MAX (*hi, v->value);
}

gboolean
charta_export_measure_range (const ChartaExportMeasure *m, ChartaExportChartRange *range)
{
  double first = G_MAXDOUBLE, last = -G_MAXDOUBLE, lo = 0, hi = 0;

  include_value (m->baseline, &first, &last, &lo, &hi);
  include_value (m->target, &first, &last, &lo, &hi);
  for (guint i = 0; i < m->actuals->len; i++)
    include_value (g_ptr_array_index (m->actuals, i), &first, &last, &lo, &hi);
  if (first > last)
    return FALSE;
  /* A single date still needs a width: a month either side. */
  if (last - first < 1)
    {
      first -= 30;
      last += 30;
    }
  range->first_day = first;
  range->last_day = last;
  charta_export_nice_scale (lo, hi, 5, &range->values);
  return TRUE;
}

GArray *
charta_export_date_ticks (const ChartaExportChartRange *range, guint max_ticks)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));
  double span = range->last_day - range->first_day;
  guint n = MAX (max_ticks, 2) - 1;

  /* Evenly spaced dates, the ends exact, so the axis always names the first and last
   * value's dates. */
  for (guint i = 0; i <= n; i++)
    {
      double day = round (range->first_day + span * i / n);
      g_array_append_val (ticks, day);
    }
  return ticks;
}

char *
charta_export_format_value (double value)
{
  /* The one formatter for people (charta-format.h): the user's decimal mark, at most three
   * decimals. Never used for the SVG's coordinates, which stay in C notation. */
  return charta_format_number (value, CHARTA_FORMAT_AS_NEEDED);
}

static void
describe_value (GString *out, const char *what, const ChartaExportValue *v, const char *unit)
{
  g_autofree char *date = charta_format_date (v->date);
  g_autofree char *value = charta_export_format_value (v->value);

  /* Translators: e.g. "baseline 0 meetings on 2018-01-01"; %1$s what, %2$s value, %3$s unit, %4$s date */
  g_string_append_printf (out, _("%1$s %2$s %3$s on %4$s"), what, value, unit ? unit : "", date);
}

char *
charta_export_describe_measure (const ChartaExportMeasure *m)
{
  GString *out = g_string_new (NULL);

  if (m->baseline != NULL)
    {
      describe_value (out, C_("measure", "Baseline"), m->baseline, m->unit);
      g_string_append (out, "; ");
    }
  for (guint i = 0; i < m->actuals->len; i++)
    {
      describe_value (out, C_("measure", "value"), g_ptr_array_index (m->actuals, i), m->unit);
      g_string_append (out, "; ");
    }
  if (m->target != NULL)
    describe_value (out, C_("measure", "target"), m->target, m->unit);
  if (out->len == 0)
    g_string_append (out, _("No values recorded."));
  return g_string_free (out, FALSE);
}

char *
charta_export_describe_bars (GPtrArray *bars)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < bars->len; i++)
    {
      const ChartaExportBar *bar = g_ptr_array_index (bars, i);
      g_autofree char *level = bar->mean < 0 ? g_strdup (_("not assessed")) : charta_format_percent (bar->mean);

      /* Translators: one bar of a chart: a role or area and the level it reached */
      g_string_append_printf (out, _("%s: %s"), bar->title, level);
      g_string_append (out, i + 1 < bars->len ? "; " : ".");
    }
  return g_string_free (out, FALSE);
}
