/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "charta-project.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_MEASURE_CHART (charta_measure_chart_get_type ())
G_DECLARE_FINAL_TYPE (ChartaMeasureChart, charta_measure_chart, CHARTA, MEASURE_CHART, GtkWidget)

GtkWidget *charta_measure_chart_new (const ChartaMeasure *measure,
                                     GPtrArray           *values);
/* Shows @measure (a copy is kept) with @values, of ChartaDatedValue: its actuals, or a
 * computed measure's counts (charta_measure_get_values()); a reference is kept. */
void       charta_measure_chart_set_measure (ChartaMeasureChart  *self,
                                             const ChartaMeasure *measure,
                                             GPtrArray           *values);
/* The chart's figures as one line of text (its accessible description). */
char      *charta_measure_describe (const ChartaMeasure *measure,
                                    GPtrArray           *values);

G_END_DECLS
