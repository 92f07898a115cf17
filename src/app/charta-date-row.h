/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* A date field of an editor: an entry row with a calendar to pick from. It shows a date in
 * the user's form (charta_format_date()) and takes one typed in that form or as YYYY-MM-DD
 * (charta_date_from_shown()), giving it as YYYY-MM-DD; anything else, and any day the
 * loader refuses, shows the loader's own message (charta_date_describe_invalid()) in the
 * row, in red, and as the field's accessible description, and the row is not "valid". */
#define CHARTA_TYPE_DATE_ROW (charta_date_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaDateRow, charta_date_row, CHARTA, DATE_ROW, AdwEntryRow)

GtkWidget  *charta_date_row_new          (void);
/* The date typed, YYYY-MM-DD, or NULL when the field is empty or does not hold a date. */
const char *charta_date_row_get_date     (ChartaDateRow *self);
void        charta_date_row_set_date     (ChartaDateRow *self,
                                          const char    *date);
gboolean    charta_date_row_get_valid    (ChartaDateRow *self);
/* The field's name: the row's title while the date is right; the title says what is
 * wrong otherwise. */
const char *charta_date_row_get_label    (ChartaDateRow *self);
void        charta_date_row_set_label    (ChartaDateRow *self,
                                          const char    *label);
/* What is wrong with the text, or NULL when it is right. */
const char *charta_date_row_get_error    (ChartaDateRow *self);
/* An optional field may stay empty; a required one may not. */
gboolean    charta_date_row_get_optional (ChartaDateRow *self);
void        charta_date_row_set_optional (ChartaDateRow *self,
                                          gboolean       optional);

/* A copy of @original (NULL: a new one) with the date of @date_row and the number of
 * @value_row; NULL when either is empty or wrong. The note and unknown members stay. */
ChartaDatedValue *charta_dated_value_update (const ChartaDatedValue *original,
                                             GtkWidget              *date_row,
                                             GtkWidget              *value_row);

G_END_DECLS
