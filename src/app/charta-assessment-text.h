/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A framed text area for one text of an assessment (the evidence, an answer). Its "text"
 * follows the typing only when the typing pauses or the field loses the focus, so a
 * sentence is one change, not one per key; NULL when the field holds only blanks. */
#define CHARTA_TYPE_ASSESSMENT_TEXT (charta_assessment_text_get_type ())
G_DECLARE_FINAL_TYPE (ChartaAssessmentText, charta_assessment_text, CHARTA, ASSESSMENT_TEXT, GtkWidget)

GtkWidget  *charta_assessment_text_new         (const char *item_id,
                                                const char *label,
                                                const char *text);
const char *charta_assessment_text_get_item_id (ChartaAssessmentText *self);
const char *charta_assessment_text_get_text    (ChartaAssessmentText *self);
/* Takes what is typed now into "text" (before save, undo, close). */
void        charta_assessment_text_flush       (ChartaAssessmentText *self);

G_END_DECLS
