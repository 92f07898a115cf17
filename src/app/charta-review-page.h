/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_REVIEW_PAGE (charta_review_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaReviewPage, charta_review_page, CHARTA, REVIEW_PAGE, GtkWidget)

GtkWidget      *charta_review_page_new (void);
ChartaDocument *charta_review_page_get_document (ChartaReviewPage *self);
void            charta_review_page_set_document (ChartaReviewPage *self,
                                                 ChartaDocument   *document);
const char     *charta_review_page_get_review_id (ChartaReviewPage *self);
void            charta_review_page_set_review_id (ChartaReviewPage *self,
                                                  const char       *review_id);
/* Shows one of the page's views: "review", "compare", "visit" or "feedback". */
void            charta_review_page_show_view (ChartaReviewPage *self,
                                              const char       *name);
/* Whether the views are waiting to be rebuilt after a change (for tests). */
gboolean        charta_review_page_get_pending (ChartaReviewPage *self);
/* Opens the export dialog for the review's feedback report (as review.export does) and
 * returns it. */
GtkWidget      *charta_review_page_export (ChartaReviewPage *self);

G_END_DECLS
