/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-store.h: the hub's storage, one SQLite database under the data directory.
 *
 * WAL journal and synchronous=FULL: once a write has returned, it is on disk and survives
 * the hub being killed. Every write is one transaction, so a report is stored whole or
 * not at all. Every query is a prepared statement with bound parameters. Tokens are
 * stored only as their SHA-256. */
#pragma once

#include <gio/gio.h>

#include "charta-report.h"

G_BEGIN_DECLS

#define CHARTA_HUB_ERROR (charta_hub_error_quark ())

typedef enum {
  CHARTA_HUB_ERROR_DATABASE,      /* SQLite failed: see the message */
  CHARTA_HUB_ERROR_NOT_FOUND,
  CHARTA_HUB_ERROR_FORBIDDEN,     /* a report of another city */
  CHARTA_HUB_ERROR_PRECONDITION,  /* If-Match did not match */
  CHARTA_HUB_ERROR_CONFLICT,      /* an Idempotency-Key reused for another body */
  CHARTA_HUB_ERROR_INVALID,
} ChartaHubError;

GQuark charta_hub_error_quark (void);

typedef struct _ChartaHubStore ChartaHubStore;

ChartaHubStore *charta_hub_store_open (const char *data_dir,
                                       GError    **error);
void            charta_hub_store_free (ChartaHubStore *store);

/* ---- tokens ---- */

typedef struct {
  gint64 id;
  char *city;
  char *created;
  char *revoked;    /* or NULL */
} ChartaHubToken;

void       charta_hub_token_free (ChartaHubToken *token);

/* A new token for @city (a UUID), returned once: only its hash is kept. */
char      *charta_hub_store_add_token (ChartaHubStore *store,
                                       const char     *city,
                                       gint64         *id,
                                       GError        **error);
GPtrArray *charta_hub_store_list_tokens (ChartaHubStore *store,
                                         GError        **error);
gboolean   charta_hub_store_revoke_token (ChartaHubStore *store,
                                          gint64          id,
                                          GError        **error);
/* The token that @secret is, when known and not revoked; NULL otherwise. */
ChartaHubToken *charta_hub_store_find_token (ChartaHubStore *store,
                                             const char     *secret,
                                             GError        **error);

/* ---- reports ---- */

typedef struct {
  guint status;        /* 201 created, 200 updated or unchanged */
  char *receipt;       /* JSON text */
  char *revision;      /* of the report now stored: the ETag */
  gboolean replayed;   /* the stored answer to an earlier request with this Idempotency-Key */
} ChartaHubPut;

void     charta_hub_put_clear (ChartaHubPut *put);

/* Stores @report (checked, of @city) in one transaction. @if_match: an If-Match header
 * value or NULL; @key: an Idempotency-Key or NULL. */
gboolean charta_hub_store_put_report (ChartaHubStore     *store,
                                      const char         *city,
                                      const ChartaReport *report,
                                      GBytes             *body,
                                      const char         *key,
                                      const char         *if_match,
                                      ChartaHubPut       *put,
                                      GError            **error);
/* The stored body of report @id and its revision; NULL with NOT_FOUND when none. */
GBytes  *charta_hub_store_get_report (ChartaHubStore *store,
                                      const char     *id,
                                      char          **revision,
                                      GError        **error);
/* {"reports": [summary…]}, newest period first; @period and @city optional filters. */
char    *charta_hub_store_list_reports (ChartaHubStore *store,
                                        const char     *period,
                                        const char     *city,
                                        GError        **error);
/* Per framework item, how many cities report each level, and the median level, over the
 * latest report of each city for @period. */
char    *charta_hub_store_network_summary (ChartaHubStore *store,
                                           const char     *period,
                                           GError        **error);

/* The median of @n sorted values (the mean of the middle two when @n is even). */
double   charta_hub_median (const int *sorted,
                            guint      n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubStore, charta_hub_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubToken, charta_hub_token_free)

G_END_DECLS
