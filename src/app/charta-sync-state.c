/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync-state"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-format.h"
#include "charta-secrets.h"
#include "charta-sync.h"
#include "charta-sync-state.h"

/* One operation at a time, a push or a retry, walks a list of outbox entries: for each,
 * the token filed for its city at its hub is looked up, the entry pushed, and the answer
 * decides where the entry goes (gone when delivered or refused for its content, into the
 * outbox or updated there when the hub cannot take it now). A push is a list of one entry
 * that is not in the outbox yet. */

struct _ChartaSyncState {
  GObject parent_instance;

  ChartaSyncStatus status;
  guint waiting;
  char *message;
  gboolean busy;
  char *city_id;        /* whose reports "waiting" counts */
  ChartaOutbox *outbox;
  SoupSession *session;
};

typedef struct {
  gboolean retry;       /* entries come from the outbox: update them there, never add */
  GPtrArray *entries;   /* of ChartaOutboxEntry */
  guint index;
  guint delivered, queued, refused, failed;
  char *delivered_message, *queued_message, *refused_message, *failed_message;
} Op;

enum {
  PROP_0,
  PROP_STATUS,
  PROP_WAITING,
  PROP_MESSAGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaSyncState, charta_sync_state, G_TYPE_OBJECT)

static void send_next (GTask *task);

static void
op_free (Op *op)
{
  g_clear_pointer (&op->entries, g_ptr_array_unref);
  g_free (op->delivered_message);
  g_free (op->queued_message);
  g_free (op->refused_message);
  g_free (op->failed_message);
  g_free (op);
}

static void
set_message (char **slot, char *message)
{
  g_free (*slot);
  *slot = message;
}

static void
set_status (ChartaSyncState *self, ChartaSyncStatus status, const char *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_busy (ChartaSyncState *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
count_waiting (ChartaSyncState *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = charta_outbox_list (self->outbox, NULL, &error);
  guint n = 0;

  if (entries == NULL)
    g_warning ("%s", error->message);
  for (guint i = 0; entries && i < entries->len; i++)
    {
      ChartaOutboxEntry *entry = g_ptr_array_index (entries, i);
      n += self->city_id != NULL && g_strcmp0 (entry->city_id, self->city_id) == 0;
    }
  if (self->waiting != n)
    {
      self->waiting = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
    }
}

static char *
host_of (const char *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  return g_strdup (host ? host : endpoint);
}

static char *
receipt_message (const ChartaOutboxEntry *entry, const ChartaReceipt *receipt)
{
  g_autoptr(GDateTime) received = g_date_time_new_from_iso8601 (receipt->received, NULL);
  g_autoptr(GDateTime) local = received ? g_date_time_to_local (received) : NULL;
  g_autofree char *day = local ? g_date_time_format (local, "%Y-%m-%d") : NULL;
  g_autofree char *date = day ? charta_format_date (day) : NULL;
  g_autofree char *hour = local ? g_date_time_format (local, "%H:%M") : NULL;
  /* Translators: a date and a time, e.g. "22/11/2026 18:04" */
  g_autofree char *when = local ? g_strdup_printf (_("%s %s"), date, hour) : g_strdup (receipt->received);
  g_autofree char *host = host_of (entry->endpoint);
  const char *outcome;

  if (g_strcmp0 (receipt->outcome, "unchanged") == 0)
    outcome = _("The hub already had this version.");
  else if (g_strcmp0 (receipt->outcome, "updated") == 0)
    outcome = _("It replaces the version sent before.");
  else
    outcome = _("It is the first one for this period.");
  /* Translators: %1$s is a reporting period ("2024"), %2$s the hub's host name, %3$s a date
   * and time, %4$s one of the sentences "It is the first one for this period." … */
  return g_strdup_printf (_("The report for %1$s reached %2$s on %3$s. %4$s"), entry->period, host, when, outcome);
}

/* ---- one entry ---- */

static void
entry_failed (GTask *task, ChartaOutboxEntry *entry, const GError *error, gint64 retry_after)
{
  ChartaSyncState *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) outbox_error = NULL;
  gboolean ok = TRUE;

  g_free (entry->last_error);
  entry->last_error = g_strdup (error->message);
  if (charta_sync_error_is_temporary (error))
    {
      entry->attempts++;
      entry->next_attempt = g_get_real_time () / G_USEC_PER_SEC +
                            (charta_sync_backoff_ms (entry->attempts, retry_after) + 999) / 1000;
      ok = op->retry ? charta_outbox_update (self->outbox, entry, &outbox_error)
                     : charta_outbox_put (self->outbox, entry, &outbox_error);
      if (ok)
        {
          op->queued++;
          /* Translators: %s says why, e.g. "cannot reach the hub: Connection refused" */
          set_message (&op->queued_message, g_strdup_printf (_("Not delivered yet: %s."), error->message));
          return;
        }
      op->failed++;
      /* Translators: the first %s says why the report was not sent, the second why it could
       * not be kept for later */
      set_message (&op->failed_message, g_strdup_printf (_("Not sent: %s; and it could not be kept for later: %s."),
                                                         error->message, outbox_error->message));
      return;
    }
  /* A report refused for its content will be refused again: it leaves the outbox. One
   * refused for its token, its address or a certificate waits until that is put right. */
  if (op->retry && g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REFUSED))
    ok = charta_outbox_remove (self->outbox, entry->report_id, entry->revision, &outbox_error);
  else if (op->retry)
    ok = charta_outbox_update (self->outbox, entry, &outbox_error);
  if (!ok)
    g_warning ("%s", outbox_error->message);
  if (g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_REFUSED) ||
      g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAUTHORIZED))
    {
      op->refused++;
      set_message (&op->refused_message, g_strdup (error->message));
    }
  else
    {
      op->failed++;
      set_message (&op->failed_message, g_strdup (error->message));
    }
}

static void
pushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ChartaSyncState *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = g_ptr_array_index (op->entries, op->index);
  g_autoptr(ChartaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after = -1;

  receipt = charta_sync_push_finish (result, &retry_after, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_busy (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (receipt != NULL)
    {
      g_autoptr(GError) remove_error = NULL;

      /* Whatever older revision waited for this report must not follow the one stored. */
      if (!charta_outbox_remove (self->outbox, entry->report_id, op->retry ? entry->revision : NULL, &remove_error))
        g_warning ("%s", remove_error->message);
      op->delivered++;
      set_message (&op->delivered_message, receipt_message (entry, receipt));
    }
  else
    entry_failed (task, entry, error, retry_after);
  op->index++;
  send_next (g_steal_pointer (&task));
}

static void
token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ChartaSyncState *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  ChartaOutboxEntry *entry = g_ptr_array_index (op->entries, op->index);
  g_autoptr(GError) error = NULL;
  char *token = charta_secrets_lookup_finish (result, &error);
  GCancellable *cancellable;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_busy (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token == NULL)
    {
      g_autofree char *host = host_of (entry->endpoint);
      op->failed++;
      if (error != NULL)
        /* Translators: %s is why the desktop's password store could not be read */
        set_message (&op->failed_message, g_strdup_printf (_("Not sent: the token could not be read from the "
                                                             "desktop’s password store: %s."), error->message));
      else
        /* Translators: %s is the hub's host name */
        set_message (&op->failed_message, g_strdup_printf (_("Not sent: there is no token for %s. Add the one the "
                                                             "hub gave the city in Preferences."), host));
      op->index++;
      send_next (g_steal_pointer (&task));
      return;
    }
  /* The token is copied into the request's header; this copy is wiped now. */
  cancellable = g_task_get_cancellable (task);
  charta_sync_push_async (self->session, entry->endpoint, token, entry->body, entry->report_id, entry->revision,
                          entry->if_match, cancellable, pushed_cb, g_steal_pointer (&task));
  charta_secrets_free (token);
}

/* ---- the operation ---- */

static void
finish (GTask *task)
{
  ChartaSyncState *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  count_waiting (self);
  if (op->refused)
    set_status (self, CHARTA_SYNC_STATUS_REFUSED, op->refused_message);
  else if (op->failed)
    set_status (self, CHARTA_SYNC_STATUS_FAILED, op->failed_message);
  else if (op->queued)
    set_status (self, CHARTA_SYNC_STATUS_WAITING, op->queued_message);
  else if (op->delivered && (!op->retry || self->waiting == 0))
    set_status (self, CHARTA_SYNC_STATUS_DELIVERED, op->delivered_message);
  else if (self->waiting > 0)
    set_status (self, CHARTA_SYNC_STATUS_WAITING, NULL);
  else
    set_status (self, CHARTA_SYNC_STATUS_IDLE, NULL);
  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
send_next (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  ChartaOutboxEntry *entry;

  if (g_task_return_error_if_cancelled (task))
    {
      set_busy (g_task_get_source_object (task), FALSE);
      g_object_unref (task);
      return;
    }
  if (op->index >= op->entries->len)
    {
      finish (task);
      g_object_unref (task);
      return;
    }
  entry = g_ptr_array_index (op->entries, op->index);
  charta_secrets_lookup_async (entry->endpoint, entry->city_id ? entry->city_id : "", g_task_get_cancellable (task),
                               token_cb, task);
}

static GTask *
start (ChartaSyncState *self, gpointer tag, gboolean retry, GCancellable *cancellable,
       GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op;

  g_task_set_source_tag (task, tag);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("A report is being sent already"));
      g_object_unref (task);
      return NULL;
    }
  op = g_new0 (Op, 1);
  op->retry = retry;
  op->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_outbox_entry_free);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  set_busy (self, TRUE);
  set_status (self, CHARTA_SYNC_STATUS_SENDING, NULL);
  return task;
}

/* ---- GObject ---- */

static void
charta_sync_state_finalize (GObject *object)
{
  ChartaSyncState *self = CHARTA_SYNC_STATE (object);

  g_free (self->message);
  g_free (self->city_id);
  g_clear_pointer (&self->outbox, charta_outbox_free);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (charta_sync_state_parent_class)->finalize (object);
}

static void
charta_sync_state_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaSyncState *self = CHARTA_SYNC_STATE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_sync_state_class_init (ChartaSyncStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = charta_sync_state_finalize;
  object_class->get_property = charta_sync_state_get_property;

  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, CHARTA_SYNC_STATUS_IDLE,
                                              CHARTA_SYNC_STATUS_FAILED, CHARTA_SYNC_STATUS_IDLE, flags);
  properties[PROP_WAITING] = g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
charta_sync_state_init (ChartaSyncState *self)
{
  self->session = charta_soup_session_new ();
}

/* ---- public API ---- */

ChartaSyncState *
charta_sync_state_new (const char *outbox_dir)
{
  ChartaSyncState *self = g_object_new (CHARTA_TYPE_SYNC_STATE, NULL);
  self->outbox = charta_outbox_new (outbox_dir);
  return self;
}

ChartaSyncStatus
charta_sync_state_get_status (ChartaSyncState *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), CHARTA_SYNC_STATUS_IDLE);
  return self->status;
}

guint
charta_sync_state_get_waiting (ChartaSyncState *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), 0);
  return self->waiting;
}

const char *
charta_sync_state_get_message (ChartaSyncState *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), NULL);
  return self->message;
}

gboolean
charta_sync_state_get_busy (ChartaSyncState *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), FALSE);
  return self->busy;
}

const char *
charta_sync_state_get_outbox_dir (ChartaSyncState *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), NULL);
  return charta_outbox_get_dir (self->outbox);
}

void
charta_sync_state_push_async (ChartaSyncState *self, const char *endpoint, const ChartaReport *report,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *normal = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (CHARTA_IS_SYNC_STATE (self));
  g_return_if_fail (endpoint != NULL && report != NULL);

  task = start (self, charta_sync_state_push_async, FALSE, cancellable, callback, user_data);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  g_free (self->city_id);
  self->city_id = g_strdup (report->city_id);
  body = charta_report_to_bytes (report);
  normal = charta_secrets_normalize_endpoint (endpoint);
  g_ptr_array_add (op->entries, charta_outbox_entry_new (report, body, normal, NULL));
  send_next (task);
}

gboolean
charta_sync_state_push_finish (ChartaSyncState *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_sync_state_push_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
charta_sync_state_retry_async (ChartaSyncState *self, const char *city_id, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GTask *task;
  Op *op;

  g_return_if_fail (CHARTA_IS_SYNC_STATE (self));
  g_return_if_fail (city_id != NULL);

  task = start (self, charta_sync_state_retry_async, TRUE, cancellable, callback, user_data);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  g_free (self->city_id);
  self->city_id = g_strdup (city_id);
  entries = charta_outbox_list (self->outbox, NULL, &error);
  if (entries == NULL)
    {
      set_busy (self, FALSE);
      set_status (self, CHARTA_SYNC_STATUS_FAILED, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((ChartaOutboxEntry *) g_ptr_array_index (entries, i))->city_id, city_id) == 0)
      g_ptr_array_add (op->entries, g_ptr_array_steal_index (entries, i--));
  send_next (task);
}

gboolean
charta_sync_state_retry_finish (ChartaSyncState *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_sync_state_retry_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
charta_sync_state_refresh (ChartaSyncState *self, const char *city_id)
{
  g_return_if_fail (CHARTA_IS_SYNC_STATE (self));

  g_free (self->city_id);
  self->city_id = g_strdup (city_id);
  count_waiting (self);
  if (self->busy)
    return;
  if (self->waiting > 0 && (self->status == CHARTA_SYNC_STATUS_IDLE || self->status == CHARTA_SYNC_STATUS_DELIVERED))
    set_status (self, CHARTA_SYNC_STATUS_WAITING, NULL);
  else if (self->waiting == 0 && self->status == CHARTA_SYNC_STATUS_WAITING)
    set_status (self, CHARTA_SYNC_STATUS_IDLE, NULL);
}
