/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-sync-run.c: what follows a push attempt, decided once (charta_sync_settle), and the
 * runs that push, settle and back off (charta_sync_send_async, charta_sync_deliver_async). */
#define G_LOG_DOMAIN "charta-sync"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-sync.h"
#include "charta-sync-private.h"

/* ---- the policy after an attempt ---- */

static gint64
next_attempt_after (guint attempts, gint64 retry_after)
{
  return g_get_real_time () / G_USEC_PER_SEC + (charta_sync_backoff_ms (attempts, retry_after) + 999) / 1000;
}

ChartaSyncOutcome
charta_sync_settle (ChartaOutbox *outbox, ChartaOutboxEntry *entry, gboolean queued, const ChartaReceipt *receipt,
                    const GError *error, gint64 retry_after, GError **outbox_error)
{
  g_return_val_if_fail (outbox != NULL && entry != NULL, CHARTA_SYNC_HELD);
  g_return_val_if_fail (receipt != NULL || error != NULL, CHARTA_SYNC_HELD);

  if (receipt != NULL)
    {
      /* Whatever waited for this report (this revision, or an older one when this is a
       * fresh push) must not follow the one the hub stored. */
      charta_outbox_remove (outbox, entry->report_id, queued ? entry->revision : NULL, outbox_error);
      return CHARTA_SYNC_DELIVERED;
    }
  g_free (entry->last_error);
  entry->last_error = g_strdup (error->message);
  if (charta_sync_error_is_temporary (error))
    {
      entry->attempts++;
      entry->next_attempt = next_attempt_after (entry->attempts, retry_after);
      entry->refused = FALSE;
      if (queued)
        charta_outbox_update (outbox, entry, outbox_error);
      else
        charta_outbox_put (outbox, entry, outbox_error);
      return CHARTA_SYNC_QUEUED;
    }
  /* A refusal is kept, with its reason: the user decides (remove it, or queue a newer
   * revision); a proxy answering 404 or 413 must not cost a city its report. */
  if (g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REFUSED))
    {
      entry->refused = TRUE;
      if (queued)
        charta_outbox_update (outbox, entry, outbox_error);
      return CHARTA_SYNC_REFUSED;
    }
  /* A token, an address or a certificate to put right: a queued report waits for it. */
  if (queued)
    charta_outbox_update (outbox, entry, outbox_error);
  return CHARTA_SYNC_HELD;
}

/* ---- running attempts ---- */

typedef struct {
  ChartaOutbox *outbox;
  SoupSession *session;
  const ChartaTokenSource *tokens;
  gpointer token_data;
  gboolean queued;      /* the entries are in the outbox (deliver), or fresh (send) */
  gboolean now;         /* the first try of each entry does not wait for its back-off */
  guint max_attempts;
  gint64 deadline;      /* monotonic, µs */
  ChartaSyncProgressFunc progress;
  gpointer progress_data;
  GPtrArray *entries;
  guint index;
  guint run_attempts;   /* of the current entry, in this run */
  ChartaSyncCounts counts;
} Run;

static void run_next (GTask *task);

static void
run_free (Run *run)
{
  g_clear_object (&run->session);
  g_clear_pointer (&run->entries, g_ptr_array_unref);
  g_free (run);
}

static ChartaOutboxEntry *
run_entry (Run *run)
{
  return g_ptr_array_index (run->entries, run->index);
}

static void
run_advance (Run *run)
{
  run->index++;
  run->run_attempts = 0;
}

static void
run_settle (GTask *task, const ChartaReceipt *receipt, const GError *error, gint64 retry_after)
{
  Run *run = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = run_entry (run);
  g_autoptr(GError) outbox_error = NULL;
  ChartaSyncOutcome outcome;

  outcome = charta_sync_settle (run->outbox, entry, run->queued, receipt, error, retry_after, &outbox_error);
  if (outbox_error != NULL)
    run->counts.not_kept++;
  if (run->progress)
    run->progress (entry, outcome, receipt, error, outbox_error, run->progress_data);
  switch (outcome)
    {
    case CHARTA_SYNC_DELIVERED:
      run->counts.delivered++;
      run_advance (run);
      break;
    case CHARTA_SYNC_REFUSED:
      run->counts.refused++;
      run_advance (run);
      break;
    case CHARTA_SYNC_HELD:
      run->counts.held++;
      run_advance (run);
      break;
    case CHARTA_SYNC_QUEUED:
    default:
      run->run_attempts++;
      if (!run->queued && outbox_error == NULL)
        run->queued = TRUE;  /* it is in the outbox now */
      if (run->run_attempts >= run->max_attempts || outbox_error != NULL)
        {
          run->counts.waiting += outbox_error == NULL;
          run_advance (run);
        }
      break;
    }
}

static void
run_pushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(ChartaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after = -1;

  receipt = charta_sync_push_finish (result, &retry_after, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  run_settle (task, receipt, error, retry_after);
  run_next (g_steal_pointer (&task));
}

static gint64
remaining_ms (Run *run)
{
  return (run->deadline - g_get_monotonic_time ()) / 1000;
}

static void
run_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = run_entry (run);
  g_autoptr(GError) error = NULL;
  char *token = run->tokens->lookup_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 budget_ms;

  if (g_task_return_error_if_cancelled (task))
    {
      if (token)
        run->tokens->free_token (token);
      return;
    }
  if (token == NULL)
    {
      g_autoptr(GError) no_token = NULL;

      if (error != NULL)
        no_token = g_error_new (CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                                _("the token for %s could not be read: %s"), entry->endpoint, error->message);
      else
        no_token = g_error_new (CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                                _("no token for %s: give the one its hub gave the city"), entry->endpoint);
      run_settle (task, NULL, no_token, -1);
      run_next (g_steal_pointer (&task));
      return;
    }
  /* The request is cut off at its own deadline, or at the run's, whichever comes first. */
  budget_ms = CLAMP (remaining_ms (run), 1000, (gint64) charta_sync_request_timeout () * 1000);
  _charta_sync_push_start (run->session, entry->endpoint, token, entry->body, entry->report_id, entry->revision,
                           entry->if_match, (guint) budget_ms, cancellable, run_pushed_cb, g_steal_pointer (&task));
  /* The request holds its own copy in its header; this one is wiped now. */
  run->tokens->free_token (token);
}

static gboolean
run_wait_done_cb (gpointer user_data)
{
  run_next (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  while (run->index < run->entries->len)
    {
      ChartaOutboxEntry *entry = run_entry (run);
      gboolean due = !run->queued || (run->now && run->run_attempts == 0);
      gint64 wait_ms = due ? 0 : (entry->next_attempt - g_get_real_time () / G_USEC_PER_SEC) * 1000;
      g_autoptr(GSource) source = NULL;

      /* Nothing is started that the run's deadline would cut off at once. */
      if (remaining_ms (run) - MAX (wait_ms, 0) < 1000)
        {
          run->counts.waiting += run->queued;
          run_advance (run);
          continue;
        }
      if (wait_ms <= 0)
        {
          run->tokens->lookup_async (run->token_data, entry->endpoint, entry->city_id,
                                     g_task_get_cancellable (task), run_token_cb, task);
          return;
        }
      /* Waiting ends early when the caller cancels. */
      source = g_timeout_source_new ((guint) wait_ms);
      if (g_task_get_cancellable (task) != NULL)
        {
          g_autoptr(GSource) cancelled = g_cancellable_source_new (g_task_get_cancellable (task));
          g_source_set_dummy_callback (cancelled);
          g_source_add_child_source (source, cancelled);
        }
      g_source_set_callback (source, run_wait_done_cb, task, NULL);
      g_source_attach (source, g_task_get_context (task));
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static GTask *
run_new (ChartaOutbox *outbox, SoupSession *session, const ChartaTokenSource *tokens, gpointer token_data,
         gboolean queued, guint max_attempts, guint max_seconds, ChartaSyncProgressFunc progress,
         gpointer progress_data, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, run_new);
  run->outbox = outbox;
  run->session = g_object_ref (session);
  run->tokens = tokens;
  run->token_data = token_data;
  run->queued = queued;
  run->max_attempts = MAX (max_attempts, 1);
  run->deadline = g_get_monotonic_time () + (gint64) max_seconds * G_USEC_PER_SEC;
  run->progress = progress;
  run->progress_data = progress_data;
  run->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_outbox_entry_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  return task;
}

void
charta_sync_send_async (ChartaOutbox *outbox, SoupSession *session, ChartaOutboxEntry *entry,
                        const ChartaTokenSource *tokens, gpointer token_data, ChartaSyncProgressFunc progress,
                        gpointer progress_data, GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (outbox != NULL && SOUP_IS_SESSION (session) && entry != NULL && tokens != NULL);

  /* One attempt; its own deadline bounds it. */
  task = run_new (outbox, session, tokens, token_data, FALSE, 1, charta_sync_request_timeout () + 60, progress,
                  progress_data, cancellable, callback, user_data);
  run = g_task_get_task_data (task);
  g_ptr_array_add (run->entries, entry);
  run_next (task);
}

void
charta_sync_deliver_async (ChartaOutbox *outbox, SoupSession *session, const char *city_id,
                           ChartaSyncDeliverFlags flags, const ChartaTokenSource *tokens, gpointer token_data, guint max_attempts,
                           guint max_seconds, ChartaSyncProgressFunc progress, gpointer progress_data,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (outbox != NULL && SOUP_IS_SESSION (session) && tokens != NULL);

  task = run_new (outbox, session, tokens, token_data, TRUE, max_attempts, max_seconds, progress, progress_data,
                  cancellable, callback, user_data);
  run = g_task_get_task_data (task);
  run->now = (flags & CHARTA_SYNC_DELIVER_NOW) != 0;
  entries = charta_outbox_list (outbox, NULL, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      ChartaOutboxEntry *entry = g_ptr_array_index (entries, i);

      /* A refused report waits for the user, not for another try. */
      if (!entry->refused && (city_id == NULL || g_strcmp0 (entry->city_id, city_id) == 0))
        g_ptr_array_add (run->entries, g_ptr_array_steal_index (entries, i--));
    }
  run_next (task);
}

gboolean
charta_sync_run_finish (GAsyncResult *result, ChartaSyncCounts *counts, GError **error)
{
  Run *run;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == run_new, FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (counts)
    *counts = run->counts;
  return g_task_propagate_boolean (G_TASK (result), error);
}
