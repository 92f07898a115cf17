/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-sync.h: sending progress reports to a Charta hub, and the outbox of reports
 * that could not be sent yet.
 *
 * A push is one PUT of the report's exact bytes to ENDPOINT/api/v1/reports/ID with the
 * city's token, an Idempotency-Key of "ID:REVISION" and never a redirect. The hub either
 * acknowledges it (a receipt), refuses it (it will refuse it again: the caller shows the
 * hub's message) or cannot take it now (unreachable, 5xx, 429: the report goes into the
 * outbox and is delivered later, backing off between attempts).
 *
 * What follows an attempt is decided here once, for the window and charta-cli alike
 * (charta_sync_settle(), run by charta_sync_send_async() and charta_sync_deliver_async()):
 * acknowledged, the report leaves the outbox; the hub cannot take it now, it waits there
 * with a back-off (exponential, with jitter, never before the hub's Retry-After); refused,
 * a queued report stays, marked refused with the hub's reason, until the user removes it
 * or queues a newer revision. Nothing else ever removes an entry.
 *
 * A token belongs to one hub: every entry records its endpoint and city, and the token of
 * each attempt is asked for that endpoint and city (a ChartaTokenSource), so one hub's
 * token never goes to another.
 *
 * The outbox is a folder, by default $XDG_DATA_HOME/charta/outbox, with one file per
 * report id, each written by atomic replace: a newer revision of a report replaces the
 * older one, so retrying never sends a stale report after a newer one. The token is
 * never written there: it is given again to each delivery. */
#pragma once

#include <libsoup/soup.h>

#include "charta-report.h"

G_BEGIN_DECLS

#define CHARTA_SYNC_ERROR (charta_sync_error_quark ())

typedef enum {
  CHARTA_SYNC_ERROR_REFUSED,       /* the hub refused the report (4xx): its message says why */
  CHARTA_SYNC_ERROR_UNAUTHORIZED,  /* 401 or 403: the token is missing, unknown or of another city */
  CHARTA_SYNC_ERROR_UNAVAILABLE,   /* unreachable, timed out, 5xx, 408 or 429: try again later */
  CHARTA_SYNC_ERROR_REDIRECTED,    /* a 3xx: an upload never follows a redirect */
  CHARTA_SYNC_ERROR_ENDPOINT,      /* the endpoint is not a usable URL */
  CHARTA_SYNC_ERROR_TLS,           /* the hub's certificate is not trusted */
  CHARTA_SYNC_ERROR_OUTBOX,        /* the outbox cannot be read or written */
  CHARTA_SYNC_ERROR_NO_TOKEN,      /* no token is known for the entry's hub (and city) */
} ChartaSyncError;

GQuark       charta_sync_error_quark (void);
/* Whether the operation that failed with @error may succeed when tried again later. */
gboolean     charta_sync_error_is_temporary (const GError *error);

/* The form endpoints are recorded and tokens filed under: trimmed, no trailing '/'. */
char        *charta_sync_normalize_endpoint (const char *endpoint);

/* The overall deadline of one request, in seconds: 120, or $CHARTA_REQUEST_TIMEOUT
 * (1 to 3600; meant for tests). The session's timeout only bounds a silent connection;
 * this bounds one that trickles. */
guint        charta_sync_request_timeout (void);

/* Every SoupSession of Charta: a 30 s timeout, the User-Agent "Charta/VERSION", TLS
 * verified through glib-networking against the system's CAs, or against the CA file
 * named by $CHARTA_CA_FILE when set. */
SoupSession *charta_soup_session_new (void);

/* ENDPOINT/api/v1/reports/ID. Only https, or http to a loopback address. */
char        *charta_sync_report_url (const char *endpoint,
                                     const char *report_id,
                                     GError    **error);
/* ENDPOINT/api/v1/network/summary?period=PERIOD, under the same rules. */
char        *charta_sync_summary_url (const char *endpoint,
                                      const char *period,
                                      GError    **error);

typedef struct {
  guint status;       /* 200 or 201 */
  char *outcome;      /* "created", "updated" or "unchanged" */
  char *revision;     /* of the report stored */
  char *etag;
  char *received;     /* when the hub stored it, ISO 8601 */
  char *sha256;       /* of the body, as the hub received it (the first time, if replayed) */
  gboolean replayed;  /* the answer to an earlier attempt with the same Idempotency-Key */
} ChartaReceipt;

void           charta_receipt_free (ChartaReceipt *receipt);

void           charta_sync_push_async (SoupSession         *session,
                                       const char          *endpoint,
                                       const char          *token,
                                       GBytes              *body,
                                       const char          *report_id,
                                       const char          *revision,
                                       const char          *if_match,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* *@retry_after (optional) receives the seconds the hub asked to wait, or -1. */
ChartaReceipt *charta_sync_push_finish (GAsyncResult  *result,
                                        gint64        *retry_after,
                                        GError       **error);

/* GETs the network summary of @period (see docs/hub-api.md) with the city's @token, never
 * following a redirect; the errors are a push's. The answer is a JSON object. */
void           charta_sync_get_summary_async (SoupSession         *session,
                                              const char          *endpoint,
                                              const char          *token,
                                              const char          *period,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChartaNode    *charta_sync_get_summary_finish (GAsyncResult  *result,
                                               GError       **error);

/* The delay before attempt @attempts + 1 after @attempts failures, in milliseconds:
 * exponential from 1 s to 10 minutes with jitter (between half and all of it), and
 * never shorter than the @retry_after seconds the hub asked for (when >= 0). */
gint64         charta_sync_backoff_ms (guint  attempts,
                                       gint64 retry_after);

/* ---- the outbox ---- */

typedef struct {
  char *report_id;
  char *revision;
  char *city_id;
  char *period;
  char *endpoint;
  char *if_match;      /* or NULL */
  char *queued;        /* ISO 8601 */
  guint attempts;
  gint64 next_attempt; /* Unix time, seconds */
  char *last_error;    /* or NULL */
  gboolean refused;    /* the hub refused it (last_error says why): not tried again */
  GBytes *body;        /* exactly what is sent */
} ChartaOutboxEntry;

ChartaOutboxEntry *charta_outbox_entry_new (const ChartaReport *report,
                                            GBytes             *body,
                                            const char         *endpoint,
                                            const char         *if_match);
void               charta_outbox_entry_free (ChartaOutboxEntry *entry);

typedef struct _ChartaOutbox ChartaOutbox;

/* @dir: NULL for $XDG_DATA_HOME/charta/outbox. */
ChartaOutbox *charta_outbox_new (const char *dir);
void          charta_outbox_free (ChartaOutbox *outbox);
const char   *charta_outbox_get_dir (ChartaOutbox *outbox);
/* Stores @entry, replacing whatever waits for the same report. */
gboolean      charta_outbox_put (ChartaOutbox       *outbox,
                                 ChartaOutboxEntry  *entry,
                                 GError            **error);
/* The entries waiting, oldest first; an entry that cannot be read is left alone and
 * named in *@problems (optional, one line each). */
GPtrArray    *charta_outbox_list (ChartaOutbox  *outbox,
                                  char         **problems,
                                  GError       **error);
/* Writes @entry back after an attempt (its attempts, next attempt, last error), unless what
 * waits is no longer that revision: a newer one was queued, or it was delivered meanwhile. */
gboolean      charta_outbox_update (ChartaOutbox       *outbox,
                                    ChartaOutboxEntry  *entry,
                                    GError            **error);
/* Removes the entry of @report_id, when it still holds @revision (any when NULL). */
gboolean      charta_outbox_remove (ChartaOutbox  *outbox,
                                    const char    *report_id,
                                    const char    *revision,
                                    GError       **error);
/* The user's removal of the entry of @report_id, readable or not; fails when none waits. */
gboolean      charta_outbox_discard (ChartaOutbox  *outbox,
                                     const char    *report_id,
                                     GError       **error);
/* Reads one outbox entry from @data (what charta_outbox_list reads from each file). */
ChartaOutboxEntry *charta_outbox_entry_parse (const char  *data,
                                              gsize        len,
                                              GError     **error);

/* ---- tokens ---- */

/* Where the token of an attempt comes from: @lookup_async finishes (@lookup_finish) with
 * the token for @city_id (may be NULL) at @endpoint, or NULL and no error when there is
 * none; @free_token wipes and frees it. The window asks the Secret Service, charta-cli
 * a ChartaTokens table. */
typedef struct {
  void  (*lookup_async)  (gpointer             source_data,
                          const char          *endpoint,
                          const char          *city_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);
  char *(*lookup_finish) (GAsyncResult        *result,
                          GError             **error);
  void  (*free_token)    (char                *token);
} ChartaTokenSource;

/* Tokens by hub address: one token per endpoint, never given for another. */
typedef struct _ChartaTokens ChartaTokens;

ChartaTokens *charta_tokens_new (void);
void          charta_tokens_free (ChartaTokens *tokens);
gboolean      charta_tokens_add (ChartaTokens  *tokens,
                                 const char    *endpoint,
                                 const char    *token,
                                 GError       **error);
/* Lines "ENDPOINT TOKEN" ('#' comments, blank lines); refused when the file is not a
 * regular file or others than its owner may read or write it. */
gboolean      charta_tokens_load_file (ChartaTokens  *tokens,
                                       const char    *path,
                                       GError       **error);
const char   *charta_tokens_lookup (ChartaTokens *tokens,
                                    const char   *endpoint);
/* A ChartaTokenSource whose source_data is a ChartaTokens. */
const ChartaTokenSource *charta_tokens_get_source (void);

/* ---- the policy after an attempt ---- */

typedef enum {
  CHARTA_SYNC_DELIVERED,  /* acknowledged: no revision up to it waits any more */
  CHARTA_SYNC_QUEUED,     /* the hub cannot take it now: it waits, backing off */
  CHARTA_SYNC_REFUSED,    /* the hub refused it: a queued one stays, marked refused */
  CHARTA_SYNC_HELD,       /* not sent (no or refused token, untrusted certificate, bad address,
                           * redirect): a queued one stays as it was, the reason noted */
} ChartaSyncOutcome;

/* Decides what an attempt of @entry comes to, and does it to the outbox: @receipt when
 * the hub acknowledged it, else @error (and @retry_after, the seconds the hub asked to
 * wait, or -1). @queued: the entry is in the outbox already; a fresh one (a push) is only
 * stored when the hub cannot take it now. Updates @entry (attempts, next attempt, last
 * error, refused). *@outbox_error is set when the outbox could not be written. */
ChartaSyncOutcome charta_sync_settle (ChartaOutbox         *outbox,
                                      ChartaOutboxEntry    *entry,
                                      gboolean              queued,
                                      const ChartaReceipt  *receipt,
                                      const GError         *error,
                                      gint64                retry_after,
                                      GError              **outbox_error);

/* Called after each attempt: @receipt when delivered, else @error (@outbox_error when the
 * outcome could not be written to the outbox). */
typedef void (*ChartaSyncProgressFunc) (const ChartaOutboxEntry *entry,
                                        ChartaSyncOutcome        outcome,
                                        const ChartaReceipt     *receipt,
                                        const GError            *error,
                                        const GError            *outbox_error,
                                        gpointer                 user_data);

typedef struct {
  guint delivered;
  guint refused;    /* refused by the hub in this run */
  guint held;       /* not sent: no token, token refused, certificate, address */
  guint waiting;    /* in the outbox, to be tried again later */
  guint not_kept;   /* could not be stored in or updated in the outbox */
} ChartaSyncCounts;

/* Sends @entry (transfer full), a report not in the outbox yet, once: the outcome is
 * settled as above. @tokens and @token_data must live until the operation completes. */
void     charta_sync_send_async (ChartaOutbox             *outbox,
                                 SoupSession              *session,
                                 ChartaOutboxEntry        *entry,
                                 const ChartaTokenSource  *tokens,
                                 gpointer                  token_data,
                                 ChartaSyncProgressFunc    progress,
                                 gpointer                  progress_data,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data);

typedef enum {
  CHARTA_SYNC_DELIVER_NONE = 0,
  CHARTA_SYNC_DELIVER_NOW = 1 << 0,  /* the user asked: the first try of each does not wait
                                      * for its back-off (later ones do) */
} ChartaSyncDeliverFlags;

/* Delivers the entries of @outbox (those of @city_id, or all when NULL) not marked
 * refused: up to @max_attempts tries each in this run, backing off between them, and all
 * of it within @max_seconds (waits and requests alike). @outbox must live until the
 * operation completes. */
void     charta_sync_deliver_async (ChartaOutbox             *outbox,
                                    SoupSession              *session,
                                    const char               *city_id,
                                    ChartaSyncDeliverFlags    flags,
                                    const ChartaTokenSource  *tokens,
                                    gpointer                  token_data,
                                    guint                     max_attempts,
                                    guint                     max_seconds,
                                    ChartaSyncProgressFunc    progress,
                                    gpointer                  progress_data,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data);
/* Finishes either operation. */
gboolean charta_sync_run_finish (GAsyncResult      *result,
                                 ChartaSyncCounts  *counts,
                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaReceipt, charta_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaOutboxEntry, charta_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaOutbox, charta_outbox_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaTokens, charta_tokens_free)

G_END_DECLS
