/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-drafts"
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "charta-drafts.h"
#include "charta-file.h"
#include "charta-project.h"

static char *
drafts_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "charta", "drafts", NULL);
}

static char *
draft_path (const char *key, const char *suffix)
{
  g_autofree char *dir = drafts_dir ();
  g_autofree char *name = g_strconcat (key, suffix, NULL);
  return g_build_filename (dir, name, NULL);
}

static gboolean
valid_key (const char *key)
{
  /* Keys become file names: hex digits and dashes only. */
  if (key == NULL || *key == '\0' || strlen (key) > 80)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

char *
charta_draft_key_for (GFile *file, const char *project_id)
{
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      return g_compute_checksum_for_string (G_CHECKSUM_SHA1, uri, -1);
    }
  g_return_val_if_fail (project_id != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, project_id, -1);
}

gboolean
charta_draft_save (const char *key, const char *uri, const char *data, gsize length, GError **error)
{
  g_autofree char *dir = drafts_dir ();
  g_autofree char *path = NULL, *uri_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) uri_file = NULL;

  g_return_val_if_fail (valid_key (key), FALSE);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  path = draft_path (key, ".charta");
  uri_path = draft_path (key, ".uri");
  file = g_file_new_for_path (path);
  uri_file = g_file_new_for_path (uri_path);
  /* The URI first: a draft is only offered once its content is complete. */
  if (!charta_file_replace (uri_file, uri ? uri : "", uri ? strlen (uri) : 0, NULL, NULL, NULL, error))
    return FALSE;
  return charta_file_replace (file, data, length, NULL, NULL, NULL, error);
}

gboolean
charta_draft_exists (const char *key)
{
  g_autofree char *path = NULL;

  if (!valid_key (key))
    return FALSE;
  path = draft_path (key, ".charta");
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

gboolean
charta_draft_load (const char *key, char **data, gsize *length, char **uri, GError **error)
{
  g_autofree char *path = NULL, *uri_path = NULL, *uri_text = NULL;
  g_autoptr(GFile) file = NULL;

  if (!valid_key (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Invalid draft key");
      return FALSE;
    }
  path = draft_path (key, ".charta");
  uri_path = draft_path (key, ".uri");
  file = g_file_new_for_path (path);
  if (!charta_file_load (file, CHARTA_PROJECT_MAX_SIZE, data, length, NULL, NULL, error))
    return FALSE;
  if (uri)
    {
      g_file_get_contents (uri_path, &uri_text, NULL, NULL);
      *uri = (uri_text && *uri_text) ? g_steal_pointer (&uri_text) : NULL;
    }
  return TRUE;
}

void
charta_draft_remove (const char *key)
{
  g_autofree char *path = NULL, *uri_path = NULL;

  if (!valid_key (key))
    return;
  path = draft_path (key, ".charta");
  uri_path = draft_path (key, ".uri");
  g_unlink (path);
  g_unlink (uri_path);
}

typedef struct {
  char *key;
  gint64 mtime;
} Entry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

GStrv
charta_drafts_list (void)
{
  g_autofree char *dir = drafts_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      Entry e;

      if (!g_str_has_suffix (name, ".charta"))
        continue;
      e.key = g_strndup (name, strlen (name) - strlen (".charta"));
      path = g_build_filename (dir, name, NULL);
      if (!valid_key (e.key) || g_stat (path, &st) != 0)
        {
          g_free (e.key);
          continue;
        }
      e.mtime = st.st_mtime;
      g_array_append_val (entries, e);
    }
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      g_strv_builder_add (builder, e->key);
      g_free (e->key);
    }
  return g_strv_builder_end (builder);
}
