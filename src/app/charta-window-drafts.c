/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-drafts.h"
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
  g_autoptr(GError) error = NULL;

  self->draft_id = 0;
  _charta_window_flush_edits (self);
  if (self->document && !charta_document_write_draft (self->document, &error))
    g_warning ("Could not write the recovery draft: %s", error->message);
  return G_SOURCE_REMOVE;
}

void
_charta_window_queue_draft (ChartaWindow *self)
{
  GSettings *settings = _charta_window_get_settings (self);
  guint delay = settings ? g_settings_get_uint (settings, "autosave-delay") : DRAFT_DELAY_SECONDS;

  if (self->draft_id == 0 && self->document && charta_document_get_modified (self->document))
    self->draft_id = g_timeout_add_seconds (delay, draft_timeout, self);
}

void
_charta_window_on_changed_on_disk (ChartaWindow *self)
{
  if (!charta_document_get_changed_on_disk (self->document))
    return;
  /* Both sides changed: never overwrite either silently. */
  charta_info_bar_set_kind (self->info_bar, charta_document_get_modified (self->document) ?
                                            CHARTA_INFO_CONFLICT : CHARTA_INFO_CHANGED_ON_DISK);
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
    case CHARTA_INFO_RESPONSE_SAVE_AS:
      charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
      _charta_window_save_as (self);
      break;
    case CHARTA_INFO_RESPONSE_KEEP_MINE:
    default:
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
