/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Preferences: the network hub's address and the city's token. The address is the
 * "hub-endpoint" setting when there are settings, else the "hub-endpoint" property of
 * @endpoint_owner (the window); the token goes to the Secret Service (charta-secrets.h),
 * filed under the address and @city_id, and is never shown again once stored. */
#define CHARTA_TYPE_PREFERENCES_WINDOW (charta_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ChartaPreferencesWindow, charta_preferences_window, CHARTA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @settings may be NULL; @city_id NULL when no project is open (no token can be set). */
ChartaPreferencesWindow *charta_preferences_window_new (GtkWindow  *parent,
                                                        GSettings  *settings,
                                                        GObject    *endpoint_owner,
                                                        const char *city_id,
                                                        const char *city_name);
/* TRUE while a stored token is known for the address shown. */
gboolean                 charta_preferences_window_get_has_token (ChartaPreferencesWindow *self);

G_END_DECLS
