/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-sync-state.h: a window's link to the hub. It sends a city's progress reports with
 * the core client (charta-sync.h), the token coming from the Secret Service
 * (charta-secrets.h); a report the hub cannot take now goes into the outbox, the same one
 * "charta-cli sync" delivers. Its status is what the header bar shows. */
#pragma once

#include <gio/gio.h>

#include "charta-report.h"

G_BEGIN_DECLS

typedef enum {
  CHARTA_SYNC_STATUS_IDLE,       /* nothing sent from this window, nothing waits */
  CHARTA_SYNC_STATUS_SENDING,
  CHARTA_SYNC_STATUS_DELIVERED,  /* the hub acknowledged the last report */
  CHARTA_SYNC_STATUS_WAITING,    /* reports of the city wait in the outbox */
  CHARTA_SYNC_STATUS_REFUSED,    /* the hub refused the report or the token: the message says why */
  CHARTA_SYNC_STATUS_FAILED,     /* not sent: no token, an unusable address, an untrusted certificate */
} ChartaSyncStatus;

#define CHARTA_TYPE_SYNC_STATE (charta_sync_state_get_type ())
G_DECLARE_FINAL_TYPE (ChartaSyncState, charta_sync_state, CHARTA, SYNC_STATE, GObject)

/* @outbox_dir: NULL for the user's outbox. */
ChartaSyncState  *charta_sync_state_new (const char *outbox_dir);
ChartaSyncStatus  charta_sync_state_get_status (ChartaSyncState *self);
/* The reports of the city last pushed or refreshed that wait in the outbox. */
guint             charta_sync_state_get_waiting (ChartaSyncState *self);
/* The reports of that city the hub refused: they stay in the outbox until removed. */
guint             charta_sync_state_get_refused (ChartaSyncState *self);
/* Those reports (ChartaOutboxEntry), oldest first. */
GPtrArray        *charta_sync_state_list_refused (ChartaSyncState *self);
/* The user's removal of a report from the outbox: it will not be sent. */
gboolean          charta_sync_state_remove (ChartaSyncState  *self,
                                            const char       *report_id,
                                            GError          **error);
/* What the last attempt came to, in words: the receipt, or the hub's reason. */
const char       *charta_sync_state_get_message (ChartaSyncState *self);
gboolean          charta_sync_state_get_busy (ChartaSyncState *self);
const char       *charta_sync_state_get_outbox_dir (ChartaSyncState *self);

/* Sends @report to @endpoint with the token filed for its city there; when the hub cannot
 * be reached or cannot take it now, the report waits in the outbox and the operation
 * still succeeds (the status says WAITING). Fails when it was neither sent nor queued. */
void              charta_sync_state_push_async (ChartaSyncState     *self,
                                                const char          *endpoint,
                                                const ChartaReport  *report,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean          charta_sync_state_push_finish (ChartaSyncState  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

/* Tries once more every report of @city_id waiting in the outbox (not those the hub
 * refused), each to the hub it was meant for, with the token filed for the city there. */
void              charta_sync_state_retry_async (ChartaSyncState     *self,
                                                 const char          *city_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          charta_sync_state_retry_finish (ChartaSyncState  *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);

/* Counts again what waits for @city_id; an idle state becomes WAITING when something does. */
void              charta_sync_state_refresh (ChartaSyncState *self,
                                             const char      *city_id);

G_END_DECLS
