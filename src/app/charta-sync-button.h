/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-sync-state.h"

G_BEGIN_DECLS

/* The header bar's sync status: an icon (a spinner while sending) and a short word,
 * "Delivered", "2 Waiting", "Refused"; the full story (the hub's reason, the receipt) is its
 * tooltip and its accessible description. What a click does is the window's, except while
 * reports the hub refused wait in the outbox: then a click lists them in a popover, each
 * with the hub's reason and a Remove button. */
#define CHARTA_TYPE_SYNC_BUTTON (charta_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSyncButton, charta_sync_button, CHARTA, SYNC_BUTTON, GtkButton)

GtkWidget  *charta_sync_button_new (ChartaSyncState *state);

/* The word shown, e.g. "Delivered" or "1 Waiting". */
const char *charta_sync_button_get_text (ChartaSyncButton *self);
/* The tooltip and accessible description. */
const char *charta_sync_button_get_description (ChartaSyncButton *self);

/* The popover of the refused reports. */
GtkPopover *charta_sync_button_get_refused_popover (ChartaSyncButton *self);

G_END_DECLS
