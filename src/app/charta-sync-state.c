/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sync-state"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-format.h"
#include "charta-secrets.h"
#include "charta-sync.h"
#include "charta-sync-state.h"

/* One operation at a time, a push or a retry, runs in the core (charta_sync_send_async,
 * charta_sync_deliver_async), which decides what each attempt comes to and keeps the
 * outbox; the token of each attempt comes from the Secret Service, filed under the
 * entry's hub and city. This object only counts and words the outcomes. */

struct _ChartaSyncState {
  GObject parent_instance;

  ChartaSyncStatus status;
  guint waiting;
  guint refused;        /* reports of the city the hub refused, kept in the outbox */
  char *message;
  gboolean busy;
  char *city_id;        /* whose reports "waiting" counts */
  ChartaOutbox *outbox;
  SoupSession *session;
};

typedef struct {
  gboolean retry;
  guint delivered, queued, refused, failed;
  char *delivered_message, *queued_message, *refused_message, *failed_message;
} Op;

enum {
  PROP_0,
  PROP_STATUS,
  PROP_WAITING,
  PROP_REFUSED,
  PROP_MESSAGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaSyncState, charta_sync_state, G_TYPE_OBJECT)

static void
op_free (Op *op)
{
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

/* What the status says while a refused report of the city waits for the user. */
static const char *
standing_refusal (void)
{
  return _("The hub refused a report of this city: it stays in the outbox until you remove it. "
           "Click to see it.");
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
  guint n = 0, refused = 0;

  if (entries == NULL)
    g_warning ("%s", error->message);
  for (guint i = 0; entries && i < entries->len; i++)
    {
      ChartaOutboxEntry *entry = g_ptr_array_index (entries, i);
      if (self->city_id == NULL || g_strcmp0 (entry->city_id, self->city_id) != 0)
        continue;
      if (entry->refused)
        refused++;
      else
        n++;
    }
  g_object_freeze_notify (G_OBJECT (self));
  if (self->waiting != n)
    {
      self->waiting = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
    }
  if (self->refused != refused)
    {
      self->refused = refused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
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

/* ---- tokens from the Secret Service ---- */

static void
secrets_lookup_async (gpointer source_data, const char *endpoint, const char *city_id, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  charta_secrets_lookup_async (endpoint, city_id ? city_id : "", cancellable, callback, user_data);
}

static const ChartaTokenSource secrets_source = {
  secrets_lookup_async, charta_secrets_lookup_finish, charta_secrets_free,
};

/* ---- one entry's outcome, in words ---- */

static void
on_progress_cb (const ChartaOutboxEntry *entry, ChartaSyncOutcome outcome, const ChartaReceipt *receipt,
                const GError *error, const GError *outbox_error, gpointer user_data)
{
  Op *op = user_data;

  if (outbox_error != NULL && outcome == CHARTA_SYNC_QUEUED)
    {
      op->failed++;
      /* Translators: the first %s says why the report was not sent, the second why it could
       * not be kept for later */
      set_message (&op->failed_message, g_strdup_printf (_("Not sent: %s; and it could not be kept for later: %s."),
                                                         error->message, outbox_error->message));
      return;
    }
  if (outbox_error != NULL)
    g_warning ("%s", outbox_error->message);
  switch (outcome)
    {
    case CHARTA_SYNC_DELIVERED:
      op->delivered++;
      set_message (&op->delivered_message, receipt_message (entry, receipt));
      break;
    case CHARTA_SYNC_QUEUED:
      op->queued++;
      /* Translators: %s says why, e.g. "cannot reach the hub: Connection refused" */
      set_message (&op->queued_message, g_strdup_printf (_("Not delivered yet: %s."), error->message));
      break;
    case CHARTA_SYNC_REFUSED:
      op->refused++;
      set_message (&op->refused_message, g_strdup (error->message));
      break;
    case CHARTA_SYNC_HELD:
    default:
      if (g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN))
        {
          g_autofree char *host = host_of (entry->endpoint);
          op->failed++;
          /* Translators: %s is the hub's host name */
          set_message (&op->failed_message, g_strdup_printf (_("Not sent: there is no token for %s. Add the one the "
                                                               "hub gave the city in Preferences."), host));
        }
      else if (g_error_matches (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_UNAUTHORIZED))
        {
          op->refused++;
          set_message (&op->refused_message, g_strdup (error->message));
        }
      else
        {
          op->failed++;
          set_message (&op->failed_message, g_strdup (error->message));
        }
      break;
    }
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
  else if (self->refused > 0)
    set_status (self, CHARTA_SYNC_STATUS_REFUSED, standing_refusal ());
  else
    set_status (self, CHARTA_SYNC_STATUS_IDLE, NULL);
  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
run_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ChartaSyncState *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!charta_sync_run_finish (result, NULL, &error))
    {
      set_busy (self, FALSE);
      count_waiting (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, CHARTA_SYNC_STATUS_FAILED, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  finish (task);
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
    case PROP_REFUSED:
      g_value_set_uint (value, self->refused);
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
  properties[PROP_REFUSED] = g_param_spec_uint ("refused", NULL, NULL, 0, G_MAXUINT, 0, flags);
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

guint
charta_sync_state_get_refused (ChartaSyncState *self)
{
  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), 0);
  return self->refused;
}

GPtrArray *
charta_sync_state_list_refused (ChartaSyncState *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *refused;

  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), NULL);

  refused = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_outbox_entry_free);
  entries = charta_outbox_list (self->outbox, NULL, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ChartaOutboxEntry *entry = g_ptr_array_index (entries, i);
      if (entry->refused && self->city_id != NULL && g_strcmp0 (entry->city_id, self->city_id) == 0)
        g_ptr_array_add (refused, g_ptr_array_steal_index (entries, i--));
    }
  return refused;
}

gboolean
charta_sync_state_remove (ChartaSyncState *self, const char *report_id, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (CHARTA_IS_SYNC_STATE (self), FALSE);
  g_return_val_if_fail (report_id != NULL, FALSE);

  ok = charta_outbox_discard (self->outbox, report_id, error);
  count_waiting (self);
  if (!self->busy && self->refused == 0 && self->status == CHARTA_SYNC_STATUS_REFUSED)
    set_status (self, self->waiting > 0 ? CHARTA_SYNC_STATUS_WAITING : CHARTA_SYNC_STATUS_IDLE, NULL);
  return ok;
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
  GTask *task;

  g_return_if_fail (CHARTA_IS_SYNC_STATE (self));
  g_return_if_fail (endpoint != NULL && report != NULL);

  task = start (self, charta_sync_state_push_async, FALSE, cancellable, callback, user_data);
  if (task == NULL)
    return;
  g_free (self->city_id);
  self->city_id = g_strdup (report->city_id);
  body = charta_report_to_bytes (report);
  charta_sync_send_async (self->outbox, self->session, charta_outbox_entry_new (report, body, endpoint, NULL),
                          &secrets_source, NULL, on_progress_cb, g_task_get_task_data (task),
                          g_task_get_cancellable (task), run_done_cb, task);
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
  GTask *task;

  g_return_if_fail (CHARTA_IS_SYNC_STATE (self));
  g_return_if_fail (city_id != NULL);

  task = start (self, charta_sync_state_retry_async, TRUE, cancellable, callback, user_data);
  if (task == NULL)
    return;
  g_free (self->city_id);
  self->city_id = g_strdup (city_id);
  /* Once each: the window tries again on a click or when the network comes back. */
  charta_sync_deliver_async (self->outbox, self->session, city_id, CHARTA_SYNC_DELIVER_NOW, &secrets_source, NULL, 1,
                             charta_sync_request_timeout () * 2, on_progress_cb, g_task_get_task_data (task),
                             g_task_get_cancellable (task), run_done_cb, task);
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
  else if (self->waiting == 0 && self->refused > 0 &&
           (self->status == CHARTA_SYNC_STATUS_IDLE || self->status == CHARTA_SYNC_STATUS_DELIVERED))
    set_status (self, CHARTA_SYNC_STATUS_REFUSED, standing_refusal ());
  else if (self->waiting == 0 && self->status == CHARTA_SYNC_STATUS_WAITING)
    set_status (self, CHARTA_SYNC_STATUS_IDLE, NULL);
}
