/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-file.h: reading with a size cap, and saving by atomic replace. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads at most @max_size bytes; a larger file is refused before it is read whole.
 * *@etag (optional) receives the etag of the file that was read. */
gboolean charta_file_load (GFile        *file,
                           gsize         max_size,
                           char        **contents,
                           gsize        *length,
                           char        **etag,
                           GCancellable *cancellable,
                           GError      **error);

/* Replaces @file with @data atomically: a temporary file beside the target, written in
 * full, flushed to disk, given the target's permissions, then renamed over it. A symbolic
 * link is followed and its target replaced, the link kept. A hard link is replaced by a
 * new file at this name (other names keep the old content): writing in place, as
 * g_file_replace() does for links, could leave a half-written file after a crash.
 * With @etag, a file changed on disk since it was read is refused with
 * G_IO_ERROR_WRONG_ETAG and left alone. On any failure the original is untouched. */
gboolean charta_file_replace (GFile        *file,
                              const char   *data,
                              gsize         length,
                              const char   *etag,
                              char        **new_etag,
                              GCancellable *cancellable,
                              GError      **error);

G_END_DECLS
