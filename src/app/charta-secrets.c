/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-secrets"
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "charta-secrets.h"
#include "charta-sync.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    CHARTA_SECRETS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "city", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  return &schema;
}

char *
charta_secrets_normalize_endpoint (const char *endpoint)
{
  /* The outbox records endpoints in the same form: one rule, in the core. */
  return charta_sync_normalize_endpoint (endpoint);
}

/* ---- store ---- */

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
charta_secrets_store_async (const char *endpoint, const char *city_id, const char *city_name, const char *token,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *normal = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (endpoint != NULL && city_id != NULL && token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_secrets_store_async);
  normal = charta_secrets_normalize_endpoint (endpoint);
  /* Translators: the name of the hub token in the desktop's password manager (Passwords and
   * Keys); %s are a city's name and the hub's address */
  label = g_strdup_printf (_("Charta hub token of %s at %s"), city_name ? city_name : city_id, normal);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable, store_cb, task,
                         "endpoint", normal, "city", city_id, NULL);
}

gboolean
charta_secrets_store_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- lookup ---- */

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
charta_secrets_lookup_async (const char *endpoint, const char *city_id, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *normal = NULL;
  GTask *task;

  g_return_if_fail (endpoint != NULL && city_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_secrets_lookup_async);
  normal = charta_secrets_normalize_endpoint (endpoint);
  secret_password_lookup (token_schema (), cancellable, lookup_cb, task, "endpoint", normal, "city", city_id, NULL);
}

char *
charta_secrets_lookup_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_secrets_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- clear ---- */

static void
clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is what was asked. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
charta_secrets_clear_async (const char *endpoint, const char *city_id, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *normal = NULL;
  GTask *task;

  g_return_if_fail (endpoint != NULL && city_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_secrets_clear_async);
  normal = charta_secrets_normalize_endpoint (endpoint);
  secret_password_clear (token_schema (), cancellable, clear_cb, task, "endpoint", normal, "city", city_id, NULL);
}

gboolean
charta_secrets_clear_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_secrets_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
charta_secrets_free (char *token)
{
  if (token != NULL)
    secret_password_free (token);
}
