/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-store.h: the hub's storage, one SQLite database under the data directory.
 *
 * WAL journal and synchronous=FULL: once a write has returned, it is on disk and survives
 * the hub being killed. Every write is one transaction, so a report is stored whole or
 * not at all. Every query is a prepared statement with bound parameters. Tokens are
 * stored only as their SHA-256.
 *
 * Two connections: the main loop reads on one while the hub's writing thread commits on
 * the other (WAL lets a reader go on during a commit). Each is used by one thread. */
#pragma once

#include <gio/gio.h>

#include "charta-report.h"

G_BEGIN_DECLS

#define CHARTA_HUB_ERROR (charta_hub_error_quark ())

typedef enum {
  CHARTA_HUB_ERROR_DATABASE,      /* SQLite failed: see the message */
  CHARTA_HUB_ERROR_NOT_FOUND,
  CHARTA_HUB_ERROR_FORBIDDEN,     /* a report of another city */
  CHARTA_HUB_ERROR_QUOTA,         /* over the city's quota */
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
  char *city;       /* NULL for a reader's token */
  char *name;       /* the city's name in the registry, or the reader's */
  char *created;
  char *revoked;    /* or NULL */
} ChartaHubToken;

void       charta_hub_token_free (ChartaHubToken *token);

/* A new token, returned once: only its hash is kept. For @city (a UUID), whose name in
 * the registry becomes @name (needed the first time, optional later); or, with @city
 * NULL, a reader's token for @name: it may list reports and read the network summary. */
char      *charta_hub_store_add_token (ChartaHubStore *store,
                                       const char     *city,
                                       const char     *name,
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

typedef struct {
  guint reports_per_period;   /* a city's reports for one period; 0: no limit */
  guint64 bytes;              /* all of a city's reports; 0: no limit */
} ChartaHubQuota;

/* Stores @report (checked, of @city) in one transaction, under @city's own copy of its
 * id. @if_match: an If-Match header value or NULL; @key: an Idempotency-Key or NULL;
 * @quota: NULL for none. @debug_stall_ms: tests only, a pause inside the transaction.
 * Call it from one thread at a time. */
gboolean charta_hub_store_put_report (ChartaHubStore       *store,
                                      const char           *city,
                                      const ChartaReport   *report,
                                      GBytes               *body,
                                      const char           *key,
                                      const char           *if_match,
                                      const ChartaHubQuota *quota,
                                      guint                 debug_stall_ms,
                                      ChartaHubPut         *put,
                                      GError              **error);
gboolean charta_hub_store_remove_report (ChartaHubStore *store,
                                         const char     *city,
                                         const char     *id,
                                         GError        **error);
/* The stored body of @city's report @id and its revision; NULL with NOT_FOUND when none. */
GBytes  *charta_hub_store_get_report (ChartaHubStore *store,
                                      const char     *city,
                                      const char     *id,
                                      char          **revision,
                                      GError        **error);
/* {"reports": [summary…], "next": CURSOR}, newest period first, at most @limit; "next"
 * only when there are more, for @cursor of the next call. @period and @city optional
 * filters. The city's name is the registry's. */
char    *charta_hub_store_list_reports (ChartaHubStore *store,
                                        const char     *period,
                                        const char     *city,
                                        const char     *cursor,
                                        guint           limit,
                                        GError        **error);
/* "CITY\tNAME\tID\tPERIOD\tRECEIVED\tBYTES" lines, for charta-hub report list. */
GPtrArray *charta_hub_store_list_report_lines (ChartaHubStore *store,
                                               const char     *city,
                                               GError        **error);
/* Whether the database answers. */
gboolean charta_hub_store_check (ChartaHubStore *store,
                                 GError        **error);
/* Per framework item, how many cities report each level, and the median level, over the
 * latest report of each city for @period. */
char    *charta_hub_store_network_summary (ChartaHubStore *store,
                                           const char     *period,
                                           GError        **error);

/* The median of @n sorted values (the mean of the middle two when @n is even). */
double   charta_hub_median (const int *sorted,
                            guint      n);

/* Changes whenever the stored data changed, whoever changed it: for caches. -1 on failure. */
gint64   charta_hub_store_data_version (ChartaHubStore *store,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubStore, charta_hub_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubToken, charta_hub_token_free)

G_END_DECLS
