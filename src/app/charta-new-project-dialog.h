/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* Asks for a new project's city, its plan period (the current calendar year to start
 * with) and the frameworks it works with (the Charter and DIVE to start with). "Create" is
 * enabled once a city is typed and the period is right; the "response" is
 * AdwMessageDialog's. */
#define CHARTA_TYPE_NEW_PROJECT_DIALOG (charta_new_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaNewProjectDialog, charta_new_project_dialog, CHARTA, NEW_PROJECT_DIALOG,
                      AdwMessageDialog)

ChartaNewProjectDialog *charta_new_project_dialog_new (GtkWindow *parent);
/* The city typed, without blanks around it ("" when none). */
const char             *charta_new_project_dialog_get_city (ChartaNewProjectDialog *self);
/* The project asked for, or NULL while no city is typed or the period is wrong. */
ChartaProject          *charta_new_project_dialog_create_project (ChartaNewProjectDialog *self);

G_END_DECLS
