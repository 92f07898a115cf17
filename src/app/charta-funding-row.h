/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* One budget or funding line of an action in its editor (format version 2): the amount,
 * its currency, who pays and whether it is applied for, granted or refused. Folded, the
 * row shows the amount as the user's language writes it (charta_format_number()) and
 * the status; unfolded, its fields. "remove" asks to drop the row. */
#define CHARTA_TYPE_FUNDING_ROW (charta_funding_row_get_type ())
G_DECLARE_FINAL_TYPE (ChartaFundingRow, charta_funding_row, CHARTA, FUNDING_ROW, AdwExpanderRow)

/* A row for @funding (its note and unknown members are kept), or a new line in EUR. */
GtkWidget     *charta_funding_row_new       (const ChartaFunding *funding);
/* The amount a number not below 0 and the currency three capital letters. */
gboolean       charta_funding_row_get_valid (ChartaFundingRow *self);
/* The row as a funding line, or NULL when it is not valid. */
ChartaFunding *charta_funding_row_dup_value (ChartaFundingRow *self);
GtkWidget     *charta_funding_row_get_amount_row   (ChartaFundingRow *self);
GtkWidget     *charta_funding_row_get_currency_row (ChartaFundingRow *self);
GtkWidget     *charta_funding_row_get_source_row   (ChartaFundingRow *self);
GtkWidget     *charta_funding_row_get_status_row   (ChartaFundingRow *self);

G_END_DECLS
