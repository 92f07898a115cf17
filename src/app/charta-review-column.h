/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-review.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_REVIEW_COLUMN (charta_review_column_get_type ())
G_DECLARE_FINAL_TYPE (ChartaReviewColumn, charta_review_column, CHARTA, REVIEW_COLUMN, GtkWidget)

GtkWidget              *charta_review_column_new (const char *heading,
                                                  gboolean    editable);
/* Shows the city's own assessment of @item (or that it has none). */
void                    charta_review_column_set_city (ChartaReviewColumn     *self,
                                                       const ChartaItem       *item,
                                                       const ChartaAssessment *assessment);
/* Shows a reviewer's (or the team's) assessment of @item, @assessment NULL for none yet,
 * and how its level stands to the city's @city_level. */
void                    charta_review_column_set_reviewer (ChartaReviewColumn           *self,
                                                           const ChartaItem             *item,
                                                           const ChartaReviewAssessment *assessment,
                                                           const char                   *assessor,
                                                           int                           city_level);
/* The assessment as the form holds it: a new copy of the one shown with the form's level,
 * basis, findings, key problems and recommendations. */
ChartaReviewAssessment *charta_review_column_dup_assessment (ChartaReviewColumn *self);
const char             *charta_review_column_get_assessor (ChartaReviewColumn *self);
/* The item the column shows. */
const char             *charta_review_column_get_item_id (ChartaReviewColumn *self);
ChartaLevelComparison   charta_review_column_get_comparison (ChartaReviewColumn *self);
/* For tests: the form's fields. */
void                    charta_review_column_set_level (ChartaReviewColumn *self,
                                                        int                 level);
void                    charta_review_column_set_findings (ChartaReviewColumn *self,
                                                           const char         *findings);
void                    charta_review_column_save (ChartaReviewColumn *self);

G_END_DECLS
