/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-outbox.c: the outbox, a folder of one entry per report waiting for its hub (see charta-sync.h). */
#define G_LOG_DOMAIN "charta-sync"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charta-file.h"
#include "charta-sync.h"
#include "charta-sync-private.h"

#define MAX_ENTRY (64 * 1024 * 1024)
#define OUTBOX_FORMAT "charta-outbox-entry"

struct _ChartaOutbox {
  char *dir;
};

/* ---- outbox entries ---- */

ChartaOutboxEntry *
charta_outbox_entry_new (const ChartaReport *report, GBytes *body, const char *endpoint, const char *if_match)
{
  ChartaOutboxEntry *entry = g_new0 (ChartaOutboxEntry, 1);

  g_return_val_if_fail (report != NULL && body != NULL && endpoint != NULL, NULL);

  entry->report_id = g_strdup (report->id);
  entry->revision = g_strdup (report->revision);
  entry->city_id = g_strdup (report->city_id);
  entry->period = g_strdup (report->period);
  entry->endpoint = charta_sync_normalize_endpoint (endpoint);
  entry->if_match = g_strdup (if_match);
  entry->queued = _charta_sync_iso_time (g_get_real_time () / G_USEC_PER_SEC);
  entry->body = g_bytes_ref (body);
  return entry;
}

void
charta_outbox_entry_free (ChartaOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->report_id);
  g_free (entry->revision);
  g_free (entry->city_id);
  g_free (entry->period);
  g_free (entry->endpoint);
  g_free (entry->if_match);
  g_free (entry->queued);
  g_free (entry->last_error);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}

static void
set_text (ChartaNode *object, const char *key, const char *value)
{
  if (value != NULL)
    charta_node_set_member (object, key, charta_node_new_string (value));
}

static char *
entry_to_data (const ChartaOutboxEntry *entry, gsize *len, GError **error)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *next = _charta_sync_iso_time (entry->next_attempt);
  g_autofree char *sha256 = NULL;
  gsize size;
  const char *data = g_bytes_get_data (entry->body, &size);
  ChartaNode *report;

  /* The report is kept as JSON, not as an escaped string: the canonical writer gives its
   * bytes back exactly, and the SHA-256 beside it proves it when the entry is read. */
  report = charta_json_parse (data, size, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  sha256 = charta_sha256_hex (data, size);
  set_text (root, "format", OUTBOX_FORMAT);
  charta_node_set_member (root, "version", charta_node_new_number_int (1));
  set_text (root, "report-id", entry->report_id);
  set_text (root, "revision", entry->revision);
  set_text (root, "city", entry->city_id);
  set_text (root, "period", entry->period);
  set_text (root, "endpoint", entry->endpoint);
  set_text (root, "if-match", entry->if_match);
  set_text (root, "queued", entry->queued);
  charta_node_set_member (root, "attempts", charta_node_new_number_int (entry->attempts));
  set_text (root, "next-attempt", next);
  set_text (root, "last-error", entry->last_error);
  if (entry->refused)
    charta_node_set_member (root, "refused", charta_node_new_bool (TRUE));
  charta_node_set_member (root, "sha256", charta_node_new_string (sha256));
  charta_node_set_member (root, "report", report);
  charta_json_write (out, root, 0);
  g_string_append_c (out, '\n');
  *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

ChartaOutboxEntry *
charta_outbox_entry_parse (const char *data, gsize len, GError **error)
{
  g_autoptr(ChartaNode) root = charta_json_parse (data, len, NULL, NULL, error);
  g_autoptr(ChartaOutboxEntry) entry = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *format = NULL, *next = NULL, *sha256 = NULL, *actual = NULL;
  const ChartaNode *report, *attempts, *refused;
  gint64 n = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (root == NULL)
    return NULL;
  entry = g_new0 (ChartaOutboxEntry, 1);
  format = _charta_sync_answer_string (root, "format");
  entry->report_id = _charta_sync_answer_string (root, "report-id");
  entry->revision = _charta_sync_answer_string (root, "revision");
  entry->city_id = _charta_sync_answer_string (root, "city");
  entry->period = _charta_sync_answer_string (root, "period");
  entry->endpoint = _charta_sync_answer_string (root, "endpoint");
  entry->if_match = _charta_sync_answer_string (root, "if-match");
  entry->queued = _charta_sync_answer_string (root, "queued");
  entry->last_error = _charta_sync_answer_string (root, "last-error");
  next = _charta_sync_answer_string (root, "next-attempt");
  sha256 = _charta_sync_answer_string (root, "sha256");
  attempts = root->type == CHARTA_NODE_OBJECT ? charta_node_get_member (root, "attempts") : NULL;
  report = root->type == CHARTA_NODE_OBJECT ? charta_node_get_member (root, "report") : NULL;
  refused = root->type == CHARTA_NODE_OBJECT ? charta_node_get_member (root, "refused") : NULL;
  entry->refused = refused != NULL && refused->type == CHARTA_NODE_BOOL && refused->boolean;
  if (g_strcmp0 (format, OUTBOX_FORMAT) != 0 || entry->report_id == NULL || !g_uuid_string_is_valid (entry->report_id) ||
      entry->revision == NULL || entry->endpoint == NULL || sha256 == NULL || report == NULL ||
      !charta_node_get_int (attempts, &n))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, _("not an outbox entry"));
      return NULL;
    }
  entry->attempts = (guint) CLAMP (n, 0, G_MAXUINT);
  entry->next_attempt = _charta_sync_parse_iso_time (next);
  charta_json_write (body, report, 0);
  g_string_append_c (body, '\n');
  actual = charta_sha256_hex (body->str, body->len);
  if (strcmp (actual, sha256) != 0)
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX,
                   _("the report in it was changed (SHA-256 %s, expected %s)"), actual, sha256);
      return NULL;
    }
  entry->body = g_string_free_to_bytes (g_steal_pointer (&body));
  return g_steal_pointer (&entry);
}

/* ---- the outbox ---- */

ChartaOutbox *
charta_outbox_new (const char *dir)
{
  ChartaOutbox *outbox = g_new0 (ChartaOutbox, 1);

  outbox->dir = dir ? g_strdup (dir) : g_build_filename (g_get_user_data_dir (), "charta", "outbox", NULL);
  return outbox;
}

void
charta_outbox_free (ChartaOutbox *outbox)
{
  if (outbox == NULL)
    return;
  g_free (outbox->dir);
  g_free (outbox);
}

const char *
charta_outbox_get_dir (ChartaOutbox *outbox)
{
  return outbox->dir;
}

static char *
entry_path (ChartaOutbox *outbox, const char *report_id)
{
  g_autofree char *name = g_strconcat (report_id, ".json", NULL);

  /* Only a UUID ever names a file here. */
  g_assert (g_uuid_string_is_valid (report_id));
  return g_build_filename (outbox->dir, name, NULL);
}

static gboolean
set_errno_error (GError **error, const char *what, const char *path)
{
  int saved_errno = errno;

  g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, "%s %s: %s", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Writers (a push queueing, a sync updating or removing) take this lock, so none of them
 * replaces an entry that another has just changed. Returns the fd to close, or -1. */
static int
outbox_lock (ChartaOutbox *outbox, GError **error)
{
  g_autofree char *path = g_build_filename (outbox->dir, ".lock", NULL);
  int fd;

  if (g_mkdir_with_parents (outbox->dir, 0700) != 0)
    return set_errno_error (error, _("cannot create the outbox"), outbox->dir), -1;
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, _("cannot open"), path), -1;
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        set_errno_error (error, _("cannot lock"), path);
        close (fd);
        return -1;
      }
  return fd;
}

static void
outbox_unlock (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* Only a regular file is read, opened without blocking and never through a symbolic link:
 * a FIFO, a folder or a link to /dev/zero is named, not waited on. */
static ChartaOutboxEntry *
read_entry (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!charta_file_load_nofollow (path, MAX_ENTRY, &data, &len, error))
    return NULL;
  return charta_outbox_entry_parse (data, len, error);
}

/* The revision of the entry waiting for @report_id, or NULL when none (or unreadable). */
static char *
waiting_revision (ChartaOutbox *outbox, const char *report_id)
{
  g_autofree char *path = entry_path (outbox, report_id);
  g_autoptr(ChartaOutboxEntry) entry = read_entry (path, NULL);

  return entry ? g_strdup (entry->revision) : NULL;
}

static gboolean
write_entry (ChartaOutbox *outbox, ChartaOutboxEntry *entry, GError **error)
{
  g_autofree char *path = entry_path (outbox, entry->report_id);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *data = NULL;
  gsize len;

  data = entry_to_data (entry, &len, error);
  return data != NULL && charta_file_replace (file, data, len, NULL, NULL, NULL, error);
}

gboolean
charta_outbox_put (ChartaOutbox *outbox, ChartaOutboxEntry *entry, GError **error)
{
  gboolean ok;
  int fd;

  g_return_val_if_fail (outbox != NULL && entry != NULL, FALSE);
  g_return_val_if_fail (g_uuid_string_is_valid (entry->report_id), FALSE);

  fd = outbox_lock (outbox, error);
  if (fd < 0)
    return FALSE;
  ok = write_entry (outbox, entry, error);
  outbox_unlock (fd);
  return ok;
}

gboolean
charta_outbox_update (ChartaOutbox *outbox, ChartaOutboxEntry *entry, GError **error)
{
  g_autofree char *revision = NULL;
  gboolean ok = TRUE;
  int fd = outbox_lock (outbox, error);

  if (fd < 0)
    return FALSE;
  revision = waiting_revision (outbox, entry->report_id);
  if (g_strcmp0 (revision, entry->revision) == 0)
    ok = write_entry (outbox, entry, error);
  outbox_unlock (fd);
  return ok;
}

gboolean
charta_outbox_remove (ChartaOutbox *outbox, const char *report_id, const char *revision, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *waiting = NULL;
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (outbox != NULL && report_id != NULL, FALSE);

  if (!g_uuid_string_is_valid (report_id))
    return TRUE;
  path = entry_path (outbox, report_id);
  fd = outbox_lock (outbox, error);
  if (fd < 0)
    return FALSE;
  if (revision != NULL)
    waiting = waiting_revision (outbox, report_id);
  if ((revision == NULL || g_strcmp0 (waiting, revision) == 0) && g_unlink (path) != 0 && errno != ENOENT)
    ok = set_errno_error (error, _("cannot remove"), path);
  outbox_unlock (fd);
  return ok;
}

static int
compare_queued (gconstpointer a, gconstpointer b)
{
  const ChartaOutboxEntry *x = *(ChartaOutboxEntry **) a, *y = *(ChartaOutboxEntry **) b;
  int c = g_strcmp0 (x->queued, y->queued);

  return c ? c : strcmp (x->report_id, y->report_id);
}

GPtrArray *
charta_outbox_list (ChartaOutbox *outbox, char **problems, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_outbox_entry_free);
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (outbox != NULL, NULL);

  dir = g_dir_open (outbox->dir, 0, &local_error);
  if (dir == NULL)
    {
      /* No outbox yet: nothing waits. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, "%s", local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = g_str_has_suffix (name, ".json") ? g_strndup (name, strlen (name) - 5) : NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) entry_error = NULL;
      ChartaOutboxEntry *entry;

      if (id == NULL || !g_uuid_string_is_valid (id))
        continue;
      path = g_build_filename (outbox->dir, name, NULL);
      entry = read_entry (path, &entry_error);
      if (entry != NULL && strcmp (entry->report_id, id) == 0)
        g_ptr_array_add (entries, entry);
      else
        {
          const char *why = entry_error ? entry_error->message : _("names another report");

          /* The file's own messages name it already. */
          if (g_str_has_prefix (why, path))
            g_string_append_printf (messages, "%s%s", messages->len ? "\n" : "", why);
          else
            g_string_append_printf (messages, "%s%s: %s", messages->len ? "\n" : "", path, why);
          charta_outbox_entry_free (entry);
        }
    }
  g_ptr_array_sort (entries, compare_queued);
  if (problems)
    *problems = messages->len ? g_strdup (messages->str) : NULL;
  return g_steal_pointer (&entries);
}

gboolean
charta_outbox_discard (ChartaOutbox *outbox, const char *report_id, GError **error)
{
  g_autofree char *path = NULL;
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (outbox != NULL && report_id != NULL, FALSE);

  if (!g_uuid_string_is_valid (report_id))
    {
      g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX, _("“%s” is not a report id"), report_id);
      return FALSE;
    }
  path = entry_path (outbox, report_id);
  fd = outbox_lock (outbox, error);
  if (fd < 0)
    return FALSE;
  if (g_unlink (path) != 0)
    {
      if (errno == ENOENT)
        ok = (g_set_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_OUTBOX,
                           _("no report %s waits in the outbox"), report_id), FALSE);
      else
        ok = set_errno_error (error, _("cannot remove"), path);
    }
  outbox_unlock (fd);
  return ok;
}

