/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* One measure on the Measures page: title, unit and direction, its chart, baseline,
 * target and latest actual, and an edit button ("records.edit" with the measure's id). */
#define CHARTA_TYPE_MEASURE_GROUP (charta_measure_group_get_type ())
G_DECLARE_FINAL_TYPE (ChartaMeasureGroup, charta_measure_group, CHARTA, MEASURE_GROUP, AdwPreferencesGroup)

/* @measure as it is in @project: a computed measure's values are counted there. */
GtkWidget *charta_measure_group_new (const ChartaMeasure *measure,
                                    const ChartaProject *project);

G_END_DECLS
