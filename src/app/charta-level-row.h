/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-catalogue.h"

G_BEGIN_DECLS

/* The level of one framework item on its framework's scale, as a combo row: "Not assessed"
 * and each level. "level" is the level chosen (CHARTA_UNSET for none); "meaning" what the
 * chosen level means, for a row beneath to show. */
#define CHARTA_TYPE_LEVEL_ROW (charta_level_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaLevelRow, charta_level_row, CHARTA, LEVEL_ROW, AdwComboRow)

GtkWidget  *charta_level_row_new         (const ChartaItem *item,
                                          int               level);
const char *charta_level_row_get_item_id (ChartaLevelRow *self);
int         charta_level_row_get_level   (ChartaLevelRow *self);
const char *charta_level_row_get_meaning (ChartaLevelRow *self);

G_END_DECLS
