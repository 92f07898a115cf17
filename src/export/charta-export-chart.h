/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-export-chart.h: the geometry the PDF and the web page share for their charts, so
 * both draw the same axes, ticks and ranges. */
#pragma once

#include "charta-export-document.h"

G_BEGIN_DECLS

typedef struct {
  double min;
  double max;
  double step;              /* between ticks, a 1, 2 or 5 times a power of ten */
} ChartaExportScale;

typedef struct {
  double first_day;         /* days since 0001-01-01 of the earliest and latest date */
  double last_day;
  ChartaExportScale values;
} ChartaExportChartRange;

/* Days since 0001-01-01, or a negative number when @iso is not a date. */
double   charta_export_date_to_days (const char *iso);
/* YYYY-MM-DD for a day number. */
char    *charta_export_days_to_date (double days);
/* A scale from @lo to @hi with about @ticks ticks at round values. */
void     charta_export_nice_scale (double             lo,
                                   double             hi,
                                   guint              ticks,
                                   ChartaExportScale *scale);
/* How far @value is from @scale's min to its max, 0 to 1: a value beyond the scale (one
 * past what charta_export_nice_scale() takes) at its end, NaN at 0. */
double   charta_export_scale_position (const ChartaExportScale *scale,
                                       double                   value);
/* The dates and values of a measure's chart: baseline, actuals and target, with zero in
 * view. FALSE when the measure has no dated value to draw. */
gboolean charta_export_measure_range (const ChartaExportMeasure *measure,
                                      ChartaExportChartRange   *range);
/* Dates for the time axis, first and last included: about @max_ticks, as day numbers. */
GArray  *charta_export_date_ticks (const ChartaExportChartRange *range,
                                   guint                         max_ticks);
/* A value as the axis and the labels write it: no more decimals than needed. */
char    *charta_export_format_value (double value);
/* A chart's text equivalent: what a screen reader reads and a web page's <desc> says. */
char    *charta_export_describe_measure (const ChartaExportMeasure *measure);
char    *charta_export_describe_bars (GPtrArray *bars);

G_END_DECLS
