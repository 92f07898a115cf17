/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-file.h: reading with a size cap, and saving by atomic replace. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads at most @max_size bytes; a larger file is refused before it is read whole. A
 * local file is opened without blocking and refused unless it is a regular file (a FIFO,
 * a device, a folder), before a byte is read. *@etag (optional) receives the identity of
 * the file that was read, for charta_file_replace() and charta_file_is_unchanged(): for
 * a local file its device, inode, size, modification and change times (nanoseconds), and
 * when those could be fooled (the file changed within the last seconds) a SHA-256 of
 * what was read. */
gboolean charta_file_load (GFile        *file,
                           gsize         max_size,
                           char        **contents,
                           gsize        *length,
                           char        **etag,
                           GCancellable *cancellable,
                           GError      **error);

/* As charta_file_load() for the local @path, but a symbolic link at @path is refused. */
gboolean charta_file_load_nofollow (const char  *path,
                                    gsize        max_size,
                                    char       **contents,
                                    gsize       *length,
                                    GError     **error);

/* Whether @file is still the file @etag describes (FALSE when it changed or is gone). */
gboolean charta_file_is_unchanged (GFile        *file,
                                   const char   *etag,
                                   GCancellable *cancellable);

/* Replaces @file with @data atomically: a temporary file beside the target, written in
 * full, flushed to disk, given the target's permissions, then renamed over it. A symbolic
 * link is followed and its target replaced, the link kept. A hard link is replaced by a
 * new file at this name (other names keep the old content): writing in place, as
 * g_file_replace() does for links, could leave a half-written file after a crash.
 * With @etag, a file changed on disk since it was read (another program wrote it, or
 * renamed another file over it, even one with the same modification time) is refused
 * with G_IO_ERROR_WRONG_ETAG and left alone: its identity is checked immediately before
 * the new file takes its place, and again atomically with it (RENAME_EXCHANGE, where the
 * file system has it). On any failure the original is untouched. */
gboolean charta_file_replace (GFile        *file,
                              const char   *data,
                              gsize         length,
                              const char   *etag,
                              char        **new_etag,
                              GCancellable *cancellable,
                              GError      **error);

G_END_DECLS
