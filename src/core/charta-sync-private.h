/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-sync-private.h: what the sync client's files share (charta-sync.c,
 * charta-outbox.c, charta-tokens.c, charta-sync-run.c); not for other callers. */
#pragma once

#include "charta-sync.h"

G_BEGIN_DECLS

gboolean _charta_sync_token_is_sendable (const char *token);
char    *_charta_sync_iso_time (gint64 unix_seconds);
gint64   _charta_sync_parse_iso_time (const char *s);
/* The member @key of @object when it is a string, copied; else NULL. */
char    *_charta_sync_answer_string (const ChartaNode *object,
                                     const char       *key);
/* charta_sync_push_async() with its overall deadline in @timeout_ms; finished by
 * charta_sync_push_finish(). */
void     _charta_sync_push_start (SoupSession         *session,
                                  const char          *endpoint,
                                  const char          *token,
                                  GBytes              *body,
                                  const char          *report_id,
                                  const char          *revision,
                                  const char          *if_match,
                                  guint                timeout_ms,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

G_END_DECLS
