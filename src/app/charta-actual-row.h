/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* One actual of a measure in its editor: a date and a value, both required, and a button
 * that asks (signal "remove") to drop the row. */
#define CHARTA_TYPE_ACTUAL_ROW (charta_actual_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaActualRow, charta_actual_row, CHARTA, ACTUAL_ROW, GtkListBoxRow)

/* A row for @value (its note and unknown members are kept), or a new actual dated @date. */
GtkWidget        *charta_actual_row_new       (const ChartaDatedValue *value,
                                               const char             *date);
/* Both fields right. */
gboolean          charta_actual_row_get_valid (ChartaActualRow *self);
/* The row as a dated value, or NULL when it is not valid. */
ChartaDatedValue *charta_actual_row_dup_value (ChartaActualRow *self);
GtkWidget        *charta_actual_row_get_date_row (ChartaActualRow *self);
/* A value field per group of the measure's breakdown (format version 2), each optional;
 * values typed for a group of the same name stay. NULL: no breakdown. */
void              charta_actual_row_set_groups   (ChartaActualRow    *self,
                                                  const char * const *groups);
/* The field of @group, or NULL. */
GtkWidget        *charta_actual_row_get_group_row (ChartaActualRow *self,
                                                   const char      *group);

G_END_DECLS
