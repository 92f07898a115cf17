/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-store-private.h: what the store's backends share with charta-hub-store.c.
 * A backend is a struct that starts with ChartaHubStore and fills in the vtable
 * (ChartaHubStoreBackend in charta-hub-store.h). The rules (tokens, idempotency, If-Match,
 * quotas, cursors, the network summary, the cache of answers) live once, in
 * charta-hub-store.c; a backend only runs SQL. */
#pragma once

#include "charta-hub-store.h"

G_BEGIN_DECLS

#define CHARTA_HUB_SCHEMA_VERSION 3

struct _ChartaHubStore {
  const ChartaHubStoreBackend *backend;
  GHashTable *answers;      /* the text of a list or summary, by query: until the data changes */
  gint64 answers_version;   /* the backend's data version when the answers were kept */
  GHashTable *tokens;       /* a token's hash → the ChartaHubToken found for it: until the data changes */
  gint64 tokens_version;    /* the backend's data version when the tokens were kept */
};

/* Sets up the shared part of a backend's store. */
void  _charta_hub_store_init (ChartaHubStore              *store,
                              const ChartaHubStoreBackend *backend);
void  _charta_hub_store_finalize (ChartaHubStore *store);

/* "2024-12-31T12:00:00.000000Z", the one timestamp format the store writes. */
char *_charta_hub_store_now (void);
char *_charta_hub_store_days_ago (guint days);

/* A client retries for minutes or days, not months: keys older than this are dropped. */
#define CHARTA_HUB_KEY_DAYS 30

G_END_DECLS
