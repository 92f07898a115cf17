/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-tokens.c: hub tokens by endpoint for charta-cli (see charta-sync.h). */
#define G_LOG_DOMAIN "charta-sync"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "charta-file.h"
#include "charta-sync.h"
#include "charta-sync-private.h"

/* ---- tokens ---- */

struct _ChartaTokens {
  GHashTable *by_endpoint;  /* normal endpoint -> token */
};

static void
wipe_free (char *token)
{
  if (token != NULL)
    memset (token, 0, strlen (token));
  g_free (token);
}

ChartaTokens *
charta_tokens_new (void)
{
  ChartaTokens *tokens = g_new0 (ChartaTokens, 1);

  tokens->by_endpoint = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) wipe_free);
  return tokens;
}

void
charta_tokens_free (ChartaTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_hash_table_unref (tokens->by_endpoint);
  g_free (tokens);
}

gboolean
charta_tokens_add (ChartaTokens *tokens, const char *endpoint, const char *token, GError **error)
{
  g_autofree char *normal = charta_sync_normalize_endpoint (endpoint);
  g_autofree char *url = NULL;
  const char *known;

  g_return_val_if_fail (tokens != NULL && endpoint != NULL && token != NULL, FALSE);

  url = charta_sync_report_url (normal, "00000000-0000-4000-8000-000000000000", error);
  if (url == NULL)
    return FALSE;
  if (!_charta_sync_token_is_sendable (token))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                   _("the token for %s is not one a hub gives (printable characters, no spaces)"), normal);
      return FALSE;
    }
  known = g_hash_table_lookup (tokens->by_endpoint, normal);
  if (known != NULL && strcmp (known, token) != 0)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                   _("two different tokens for %s"), normal);
      return FALSE;
    }
  g_hash_table_replace (tokens->by_endpoint, g_steal_pointer (&normal), g_strdup (token));
  return TRUE;
}

gboolean
charta_tokens_load_file (ChartaTokens *tokens, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat st;
  gsize len;

  g_return_val_if_fail (tokens != NULL && path != NULL, FALSE);

  if (!charta_file_load_nofollow (path, 1024 * 1024, &data, &len, error))
    return FALSE;
  /* Read first, then checked: the mode of the file that was read is what counts. */
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN, "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                   _("%s: others than its owner may read or change it; make it private with “chmod 600 %s”"),
                   path, path);
      memset (data, 0, len);
      return FALSE;
    }
  lines = g_strsplit (data, "\n", -1);
  memset (data, 0, len);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GError) line_error = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      fields = g_strsplit_set (line, " \t", -1);
      /* Empty fields come from runs of blanks. */
      {
        guint n = 0;
        for (guint j = 0; fields[j]; j++)
          if (*fields[j] != '\0')
            fields[n++] = fields[j];
          else
            g_free (fields[j]);
        fields[n] = NULL;
        if (n != 2)
          {
            g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN,
                         _("%s:%u: a line must be “ENDPOINT TOKEN”"), path, i + 1);
            goto fail;
          }
      }
      if (!charta_tokens_add (tokens, fields[0], fields[1], &line_error))
        {
          g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_NO_TOKEN, "%s:%u: %s", path, i + 1,
                       line_error->message);
          goto fail;
        }
    }
  for (guint i = 0; lines[i]; i++)
    memset (lines[i], 0, strlen (lines[i]));
  return TRUE;

fail:
  for (guint i = 0; lines[i]; i++)
    memset (lines[i], 0, strlen (lines[i]));
  return FALSE;
}

const char *
charta_tokens_lookup (ChartaTokens *tokens, const char *endpoint)
{
  g_autofree char *normal = charta_sync_normalize_endpoint (endpoint);

  g_return_val_if_fail (tokens != NULL, NULL);
  return g_hash_table_lookup (tokens->by_endpoint, normal);
}

static void
tokens_lookup_async (gpointer source_data, const char *endpoint, const char *city_id, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *token = charta_tokens_lookup (source_data, endpoint);

  g_task_set_source_tag (task, tokens_lookup_async);
  g_task_return_pointer (task, g_strdup (token), (GDestroyNotify) wipe_free);
}

static char *
tokens_lookup_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const ChartaTokenSource *
charta_tokens_get_source (void)
{
  static const ChartaTokenSource source = { tokens_lookup_async, tokens_lookup_finish, wipe_free };
  return &source;
}

