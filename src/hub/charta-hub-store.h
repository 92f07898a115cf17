/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-store.h: the hub's storage behind one interface, with two backends:
 *
 * - SQLite (charta-hub-store-sqlite.c), the embedded default: one database under the data
 *   directory, nothing to set up. WAL journal and synchronous=FULL.
 * - PostgreSQL (charta-hub-store-pg.c) through libpq, so several hubs behind a proxy share
 *   one database. synchronous_commit stays on; a lost connection is made again on the
 *   next request.
 *
 * On both, once a write has returned it is on disk and survives the hub being killed.
 * Every write is one transaction, so a report is stored whole or not at all. Every query
 * has bound parameters. Tokens are stored only as their SHA-256. The schema is versioned
 * and brought up to date when the store opens.
 *
 * Two connections: the main loop reads on one while the hub's writing thread commits on
 * the other. Each is used by one thread.
 *
 * The rules (idempotency, If-Match, quotas, the registry of names, cursors, the network
 * summary, the cache of answers) live once in charta-hub-store.c; a backend fills in
 * ChartaHubStoreBackend below and only runs SQL. */
#pragma once

#include <gio/gio.h>

#include "charta-report.h"

G_BEGIN_DECLS

#define CHARTA_HUB_ERROR (charta_hub_error_quark ())

typedef enum {
  CHARTA_HUB_ERROR_DATABASE,      /* the database failed: see the message */
  CHARTA_HUB_ERROR_NOT_FOUND,
  CHARTA_HUB_ERROR_FORBIDDEN,     /* a report of another city */
  CHARTA_HUB_ERROR_QUOTA,         /* over the city's quota */
  CHARTA_HUB_ERROR_PRECONDITION,  /* If-Match did not match */
  CHARTA_HUB_ERROR_CONFLICT,      /* an Idempotency-Key reused for another body */
  CHARTA_HUB_ERROR_INVALID,
  CHARTA_HUB_ERROR_UNAVAILABLE,   /* the database cannot be reached now: try again */
} ChartaHubError;

GQuark charta_hub_error_quark (void);

typedef struct _ChartaHubStore ChartaHubStore;

/* The SQLite store in @data_dir (made when missing). */
ChartaHubStore *charta_hub_store_open (const char *data_dir,
                                       GError    **error);
/* The PostgreSQL store @conninfo names: a postgresql:// URI or a libpq connection string
 * ("host=/run/postgresql dbname=charta"). */
ChartaHubStore *charta_hub_store_open_database (const char *conninfo,
                                                GError    **error);
void            charta_hub_store_free (ChartaHubStore *store);
/* "sqlite" or "postgresql". */
const char     *charta_hub_store_get_backend_name (ChartaHubStore *store);

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
/* The token that @secret is when charta_hub_store_find_token() found it at data version
 * @version (still the current one, the caller checked); NULL otherwise, without asking
 * the database. */
ChartaHubToken *charta_hub_store_find_cached_token (ChartaHubStore *store,
                                                    const char     *secret,
                                                    gint64          version);

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

/* ---- backends ---- */

/* A stored report as listed: its place in the order and its summary. */
typedef struct {
  gint64 row;
  char *period;
  char *received;
  char *summary;     /* JSON text as stored */
  char *city;
  char *name;        /* the registry's, or NULL */
} ChartaHubListed;

void charta_hub_listed_free (ChartaHubListed *listed);

typedef void (*ChartaHubLevelFunc) (const char *item,
                                    int         level,
                                    int         scale,
                                    gpointer    user_data);

/* What a backend does. Calls marked "writer" run on the writing connection, inside
 * begin_write()/commit() unless said otherwise; the rest on the reading connection.
 * Failures set CHARTA_HUB_ERROR_DATABASE, or CHARTA_HUB_ERROR_UNAVAILABLE when the database
 * cannot be reached (the next call tries to connect again). */
typedef struct {
  const char *name;
  void      (*free) (ChartaHubStore *store);
  /* A number that changes whenever any process commits a change to reports or names. */
  gint64    (*data_version) (ChartaHubStore *store, GError **error);
  gboolean  (*check) (ChartaHubStore *store, GError **error);

  /* writer: one transaction at a time; @city, when given, is the city the write is for
   * (so writes for one city are serialized across hubs). */
  gboolean  (*begin_write) (ChartaHubStore *store, const char *city, GError **error);
  gboolean  (*commit) (ChartaHubStore *store, GError **error);
  void      (*rollback) (ChartaHubStore *store);

  /* writer */
  gboolean  (*city_has_name) (ChartaHubStore *store, const char *city, gboolean *named, GError **error);
  gboolean  (*name_city) (ChartaHubStore *store, const char *city, const char *name, GError **error);
  gboolean  (*insert_token) (ChartaHubStore *store, const char *hash, const char *city, const char *name,
                             const char *created, gint64 *id, GError **error);
  /* writer, no transaction needed: the number of tokens revoked (0 or 1), -1 on failure. */
  gint64    (*revoke_token) (ChartaHubStore *store, gint64 id, const char *now, GError **error);
  GPtrArray *(*list_tokens) (ChartaHubStore *store, GError **error);
  /* NULL without an error when no token that is not revoked has @hash. */
  ChartaHubToken *(*find_token) (ChartaHubStore *store, const char *hash, GError **error);

  /* writer */
  gboolean  (*lookup_key) (ChartaHubStore *store, const char *city, const char *key, ChartaHubPut *put,
                           gboolean *found, GError **error);
  gboolean  (*lookup_report) (ChartaHubStore *store, const char *city, const char *id, char **revision,
                              GError **error);
  gint64    (*count_reports) (ChartaHubStore *store, const char *city, const char *period, GError **error);
  gint64    (*sum_sizes) (ChartaHubStore *store, const char *city, const char *except_id, GError **error);
  /* The report and its levels, replacing the city's report of that id. */
  gboolean  (*write_report) (ChartaHubStore *store, const char *city, const ChartaReport *report, GBytes *body,
                             const char *sha256, const char *received, const char *summary, GError **error);
  gboolean  (*remember_key) (ChartaHubStore *store, const char *city, const char *key, const char *sha256,
                             const ChartaHubPut *put, const char *received, GError **error);
  /* writer, no transaction needed: the number of reports removed, -1 on failure. */
  gint64    (*remove_report) (ChartaHubStore *store, const char *city, const char *id, GError **error);
  gboolean  (*forget_keys) (ChartaHubStore *store, const char *before, GError **error);

  /* NULL without an error when none. */
  GBytes   *(*get_report) (ChartaHubStore *store, const char *city, const char *id, char **revision, GError **error);
  /* Up to @limit ChartaHubListed, newest period first, after (@period, @received, @row)
   * when @after_period is given. */
  GPtrArray *(*list_reports) (ChartaHubStore *store, const char *period, const char *city,
                              const char *after_period, const char *after_received, gint64 after_row,
                              guint limit, GError **error);
  /* Rows of 6 strings: city, name, id, period, received, bytes. */
  GPtrArray *(*list_report_rows) (ChartaHubStore *store, const char *city, GError **error);
  gint64    (*count_cities) (ChartaHubStore *store, const char *period, GError **error);
  /* Calls @func for each level of each city's latest report for @period. */
  gboolean  (*collect_levels) (ChartaHubStore *store, const char *period, ChartaHubLevelFunc func,
                               gpointer user_data, GError **error);
} ChartaHubStoreBackend;

/* The median of @n sorted values (the mean of the middle two when @n is even). */
double   charta_hub_median (const int *sorted,
                            guint      n);

/* Changes whenever the stored data changed, whoever changed it: for caches. -1 on failure. */
gint64   charta_hub_store_data_version (ChartaHubStore *store,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubStore, charta_hub_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubToken, charta_hub_token_free)

G_END_DECLS
