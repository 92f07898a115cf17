/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-conflicts-dialog.h"
#include "charta-drafts.h"
#include "charta-file.h"
#include "charta-window-private.h"

/* The window's care for the file: the recovery draft written a few seconds after an edit,
 * the offer to restore one after a crash, and the info bar's answers when the file changed
 * on disk. */

/* How long after an edit the recovery draft is written, unless the settings say. */
#define DRAFT_DELAY_SECONDS 3

static gboolean
draft_timeout (gpointer data)
{
  ChartaWindow *self = data;

  self->draft_id = 0;
  charta_window_write_draft (self);
  return G_SOURCE_REMOVE;
}

/* Now rather than a few seconds after the last edit: before the window asks about its
 * unsaved changes, and before the app quits, so that an edit of a moment ago is kept
 * whatever happens next. */
gboolean
charta_window_write_draft (ChartaWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CHARTA_IS_WINDOW (self), FALSE);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  _charta_window_flush_edits (self);
  if (self->document == NULL || !charta_document_get_modified (self->document))
    return FALSE;
  if (!charta_document_write_draft (self->document, &error))
    g_warning ("Could not write the recovery draft: %s", error->message);
  return TRUE;
}

void
_charta_window_queue_draft (ChartaWindow *self)
{
  GSettings *settings = _charta_window_get_settings (self);
  guint delay = settings ? g_settings_get_uint (settings, "autosave-delay") : DRAFT_DELAY_SECONDS;

  if (self->draft_id == 0 && self->document && charta_document_get_modified (self->document))
    self->draft_id = g_timeout_add_seconds (delay, draft_timeout, self);
}

/* ---- merges ---- */

static void
on_conflicts_resolved_cb (ChartaWindow *self)
{
  if (charta_info_bar_get_kind (self->info_bar) == CHARTA_INFO_UNRESOLVED)
    charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  _charta_window_toast (self, _("All conflicts resolved. Save to keep the result."));
}

static void
on_conflicts_closed_cb (ChartaWindow *self)
{
  if (self->document && charta_merge_count_conflicts (charta_document_get_project (self->document)) > 0)
    charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_UNRESOLVED);
}

void
_charta_window_update_conflicts (ChartaWindow *self)
{
  guint n = self->document ? charta_merge_count_conflicts (charta_document_get_project (self->document)) : 0;
  ChartaInfoKind kind = charta_info_bar_get_kind (self->info_bar);

  if (n == 0 && kind == CHARTA_INFO_UNRESOLVED)
    charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  else if (n > 0 && kind == CHARTA_INFO_NONE && self->conflicts_dialog == NULL)
    charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_UNRESOLVED);
}

/* Opens the conflicts dialog on the project's recorded conflicts. */
void
_charta_window_resolve_conflicts (ChartaWindow *self)
{
  if (self->document == NULL || charta_merge_count_conflicts (charta_document_get_project (self->document)) == 0)
    return;
  if (self->conflicts_dialog == NULL)
    {
      self->conflicts_dialog = charta_conflicts_dialog_new (GTK_WINDOW (self), self->document);
      g_object_add_weak_pointer (G_OBJECT (self->conflicts_dialog), (gpointer *) &self->conflicts_dialog);
      g_signal_connect_object (self->conflicts_dialog, "resolved", G_CALLBACK (on_conflicts_resolved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->conflicts_dialog, "destroy", G_CALLBACK (on_conflicts_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->conflicts_dialog));
}

/* A sync client's conflict copy beside the open file, not yet merged or ignored. */
static GFile *
find_conflict_copy (ChartaWindow *self)
{
  GFile *file = charta_document_get_file (self->document);
  g_autoptr(GFile) dir = file ? g_file_get_parent (file) : NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autofree char *name = NULL;

  if (dir == NULL || !g_file_is_native (file))
    return NULL;
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  name = g_file_get_basename (file);
  while (children)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      g_autofree char *uri = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !charta_merge_is_conflict_copy (name, g_file_info_get_name (info)))
        continue;
      uri = g_file_get_uri (child);
      if (self->seen_copies == NULL || !g_hash_table_contains (self->seen_copies, uri))
        return g_object_ref (child);
    }
  return NULL;
}

static void
offer_conflict_copy (ChartaWindow *self)
{
  g_autoptr(GFile) copy = find_conflict_copy (self);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (copy == NULL || charta_info_bar_get_kind (self->info_bar) != CHARTA_INFO_NONE)
    return;
  g_set_object (&self->conflict_copy, copy);
  name = g_file_get_basename (copy);
  /* Translators: %s is a file name such as "plan (conflicted copy 2026-11-30 101500).charta" */
  message = g_strdup_printf (_("A file sync program left a conflicting copy of this project beside it: "
                               "“%s”. Merge it in to keep the changes it holds."), name);
  charta_info_bar_set_message (self->info_bar, message);
  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_CONFLICT_COPY);
}

static void
forget_copy (ChartaWindow *self)
{
  g_autofree char *uri = NULL;

  if (self->conflict_copy == NULL)
    return;
  if (self->seen_copies == NULL)
    self->seen_copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  uri = g_file_get_uri (self->conflict_copy);
  g_hash_table_add (self->seen_copies, g_steal_pointer (&uri));
  g_clear_object (&self->conflict_copy);
}

/* A two-way merge: the copy and the file share no version Charta can find for sure, so
 * what only one has is kept and every value they hold differently is a conflict. */
static void
merge_conflict_copy (ChartaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len;
  guint n = 0;

  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  if (self->conflict_copy == NULL)
    return;
  name = g_file_get_parse_name (self->conflict_copy);
  if (!charta_file_load (self->conflict_copy, CHARTA_PROJECT_MAX_SIZE, &data, &len, NULL, NULL, &error) ||
      !charta_document_merge_data (self->document, NULL, 0, data, len, name, &n, &error))
    {
      charta_info_bar_show_error (self->info_bar, error->message);
      forget_copy (self);
      return;
    }
  forget_copy (self);
  if (n > 0)
    _charta_window_resolve_conflicts (self);
  else
    _charta_window_toast (self, _("Conflict copy merged in. Save to keep the result."));
}

void
_charta_window_check_conflicts (ChartaWindow *self)
{
  if (self->document == NULL)
    return;
  if (charta_merge_count_conflicts (charta_document_get_project (self->document)) > 0)
    {
      if (charta_info_bar_get_kind (self->info_bar) == CHARTA_INFO_NONE)
        charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_UNRESOLVED);
      _charta_window_resolve_conflicts (self);
      return;
    }
  offer_conflict_copy (self);
}

void
_charta_window_stop_merging (ChartaWindow *self)
{
  g_cancellable_cancel (self->merging);
  g_clear_object (&self->merging);
}

static void
on_merged_from_disk_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaWindow) self = user_data;
  ChartaDocument *document = CHARTA_DOCUMENT (source);
  g_autoptr(GError) error = NULL;
  gboolean merged;
  guint n = 0;

  merged = charta_document_merge_from_disk_finish (document, result, &n, &error);
  /* Stopped: the window closed or shows another document. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || document != self->document)
    return;
  g_clear_object (&self->merging);
  if (!merged)
    {
      /* Both sides changed and they do not merge: never overwrite either silently. */
      g_message ("Could not merge the file changed on disk: %s", error->message);
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_CONFLICT);
      return;
    }
  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  if (n > 0)
    _charta_window_resolve_conflicts (self);
  else
    _charta_window_toast (self, _("Merged with the changes saved elsewhere. Save to keep both."));
  offer_conflict_copy (self);
}

/* Someone else saved the file. With no changes of ours the bar offers to reload; with
 * changes, theirs are merged into ours (base: what was loaded or last saved), the
 * conflicts shown to resolve, and one save keeps both. The merge runs in a worker thread
 * while the bar says so; the window stays usable, and what is edited meanwhile, or
 * saved on disk again, is merged too (see charta_document_merge_from_disk_async()). */
void
_charta_window_on_changed_on_disk (ChartaWindow *self)
{
  if (!charta_document_get_changed_on_disk (self->document) || self->merging != NULL)
    return;
  if (!charta_document_get_modified (self->document))
    {
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_CHANGED_ON_DISK);
      offer_conflict_copy (self);
      return;
    }
  _charta_window_flush_edits (self);
  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_MERGING);
  self->merging = g_cancellable_new ();
  charta_document_merge_from_disk_async (self->document, self->merging, on_merged_from_disk_cb, g_object_ref (self));
}

static void
reload_from_disk (ChartaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  GFile *file = charta_document_get_file (self->document);
  ChartaProject *project = charta_project_load_file (file, &etag, NULL, &error);

  if (project == NULL)
    {
      /* The copy on disk is broken: keep ours, and say why. */
      charta_info_bar_show_error (self->info_bar, error->message);
      return;
    }
  charta_document_reload (self->document, project, etag);
  charta_document_discard_draft (self->document);
  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  _charta_window_toast (self, _("Reloaded from disk"));
}

static void
restore_draft (ChartaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  const char *key = charta_document_get_draft_key (self->document);
  ChartaProject *project;
  gsize len;

  if (!charta_draft_load (key, &data, &len, NULL, &error))
    {
      charta_info_bar_show_error (self->info_bar, error->message);
      return;
    }
  name = charta_document_dup_title (self->document);
  project = charta_project_load_from_data (data, len, name, &error);
  if (project == NULL)
    {
      charta_info_bar_show_error (self->info_bar, error->message);
      return;
    }
  /* The etag stays the file's: saving the restored changes is a normal save. */
  charta_document_reload (self->document, project, charta_document_get_etag (self->document));
  charta_document_mark_unsaved (self->document);
  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  _charta_window_toast (self, _("Unsaved changes restored"));
}

void
_charta_window_on_info_response (ChartaWindow *self, int response)
{
  switch (response)
    {
    case CHARTA_INFO_RESPONSE_RELOAD:
      reload_from_disk (self);
      break;
    case CHARTA_INFO_RESPONSE_RESTORE:
      restore_draft (self);
      break;
    case CHARTA_INFO_RESPONSE_DISCARD_DRAFT:
      charta_document_discard_draft (self->document);
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
      break;
    case CHARTA_INFO_RESPONSE_RESOLVE:
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
      _charta_window_resolve_conflicts (self);
      break;
    case CHARTA_INFO_RESPONSE_MERGE_COPY:
      merge_conflict_copy (self);
      break;
    case CHARTA_INFO_RESPONSE_SAVE_AS:
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
      _charta_window_save_as (self);
      break;
    case CHARTA_INFO_RESPONSE_KEEP_MINE:
    default:
      if (charta_info_bar_get_kind (self->info_bar) == CHARTA_INFO_CONFLICT_COPY)
        forget_copy (self);
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
      break;
    }
}

void
_charta_window_offer_draft (ChartaWindow *self)
{
  if (charta_draft_exists (charta_document_get_draft_key (self->document)))
    charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_DRAFT_FOUND);
}
