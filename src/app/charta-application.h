/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHARTA_TYPE_APPLICATION (charta_application_get_type ())
G_DECLARE_FINAL_TYPE (ChartaApplication, charta_application, CHARTA, APPLICATION, AdwApplication)

ChartaApplication *charta_application_new (void);
/* The app's settings, or NULL when the schema is not installed (running from a build
 * tree without GSETTINGS_SCHEMA_DIR): Charta then runs on its defaults. */
GSettings         *charta_application_get_settings (ChartaApplication *self);

G_END_DECLS
