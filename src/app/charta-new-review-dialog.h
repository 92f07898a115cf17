/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* Asks for a new review: its kind (a DIVE peer review or an IncluCities mentoring), a
 * title, the mentor and mentee cities (a mentoring only), what is under review (all of
 * the kind's, or one or several DIVE groups and areas or key factors, checked in a list:
 * charta_review_get_candidates()) and its dates. "Create" is enabled while the dates are
 * right and something is checked, a label saying why not; the "response" is
 * AdwMessageDialog's. */
#define CHARTA_TYPE_NEW_REVIEW_DIALOG (charta_new_review_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaNewReviewDialog, charta_new_review_dialog, CHARTA, NEW_REVIEW_DIALOG,
                      AdwMessageDialog)

ChartaNewReviewDialog *charta_new_review_dialog_new (GtkWindow *parent);
ChartaReviewKind       charta_new_review_dialog_get_kind (ChartaNewReviewDialog *self);
void                   charta_new_review_dialog_set_kind (ChartaNewReviewDialog *self,
                                                          ChartaReviewKind       kind);
/* The review asked for (charta_review_create()), or NULL while a date is wrong or
 * nothing is checked. */
ChartaReview          *charta_new_review_dialog_create_review (ChartaNewReviewDialog *self);

G_END_DECLS
