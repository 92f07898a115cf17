/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-project.h"

G_BEGIN_DECLS

/* Asks for a new project's city and the frameworks it works with besides the Charter and
 * DIVE. "Create" is enabled once a city is typed; the "response" is AdwMessageDialog's. */
#define CHARTA_TYPE_NEW_PROJECT_DIALOG (charta_new_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChartaNewProjectDialog, charta_new_project_dialog, CHARTA, NEW_PROJECT_DIALOG,
                      AdwMessageDialog)

ChartaNewProjectDialog *charta_new_project_dialog_new (GtkWindow *parent);
/* The city typed, without blanks around it ("" when none). */
const char             *charta_new_project_dialog_get_city (ChartaNewProjectDialog *self);
/* The project asked for, or NULL while no city is typed. */
ChartaProject          *charta_new_project_dialog_create_project (ChartaNewProjectDialog *self);

G_END_DECLS
