/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-document.h"

G_BEGIN_DECLS

/* The project page: the city's name and country, the project's title, the plan period,
 * the frameworks used, the city's Charter signature, whether the report carries the review
 * teams' levels, the programmes and the policy-objective codes the actions give. Each
 * change is checked by the core (charta_project_check_header()) and committed as one undo
 * step; what is wrong is said in words beside the field, and nothing is committed. */
#define CHARTA_TYPE_PROJECT_PAGE (charta_project_page_get_type ())
G_DECLARE_FINAL_TYPE (ChartaProjectPage, charta_project_page, CHARTA, PROJECT_PAGE, GtkWidget)

GtkWidget      *charta_project_page_new          (void);
ChartaDocument *charta_project_page_get_document (ChartaProjectPage *self);
void            charta_project_page_set_document (ChartaProjectPage *self,
                                                  ChartaDocument    *document);
/* Reads every field and commits them as one undo step, as Enter does (for tests and
 * keyboard users); FALSE, with the reason shown, when a field breaks a rule. */
gboolean        charta_project_page_commit       (ChartaProjectPage *self);

G_END_DECLS
