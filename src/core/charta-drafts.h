/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-drafts.h: recovery drafts of unsaved changes, kept outside the user's files in
 * $XDG_STATE_HOME/charta/drafts/, so a crash loses at most a few seconds of work. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A draft's key: stable for a file (a hash of its URI), or for an unsaved project. */
char      *charta_draft_key_for (GFile      *file,
                                 const char *project_id);
/* Writes the draft atomically, with the URI of the file it belongs to (or NULL). */
gboolean   charta_draft_save (const char  *key,
                              const char  *uri,
                              const char  *data,
                              gsize        length,
                              GError     **error);
gboolean   charta_draft_exists (const char *key);
/* Reads a draft and the URI it belongs to (NULL for a never-saved project). */
gboolean   charta_draft_load (const char  *key,
                              char       **data,
                              gsize       *length,
                              char       **uri,
                              GError     **error);
void       charta_draft_remove (const char *key);
/* The keys of every draft waiting, oldest first. */
GStrv      charta_drafts_list (void);

G_END_DECLS
