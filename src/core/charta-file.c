/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-file"
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charta-file.h"

#define MAX_SYMLINKS 40

static gboolean
set_errno_error (GError **error, int saved_errno, const char *what, const char *path)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* @what is one of the translated formats below, each "…“%s”…: %s". */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               what, path, g_strerror (saved_errno));
#pragma GCC diagnostic pop
  return FALSE;
}

/* ---- the identity of a file ----
 *
 * A local file's etag is "charta1:DEV:INO:SIZE:MTIME:CTIME:HASH", taken by fstat() of the
 * very descriptor that was read (times with nanoseconds). Another program that rewrites
 * the file changes its ctime, which no program can set back; one that renames another
 * file over it changes the inode. Only a change within the same tick of the file system's
 * clock could leave all of them equal, so when the file was changed less than
 * RECENT_SECONDS before it was read, the etag also holds the SHA-256 of what was read
 * ("-" otherwise), and the check compares the content too. */

#define ETAG_PREFIX "charta1:"
#define RECENT_SECONDS 2

typedef struct {
  guint64 dev, ino, size;
  gint64 mtime_s, mtime_ns, ctime_s, ctime_ns;
  char hash[65];
} Identity;

static char *
sha256_hex (const char *data, gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static gboolean
is_recent (const struct stat *st)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return st->st_ctim.tv_sec >= now - RECENT_SECONDS || st->st_mtim.tv_sec >= now - RECENT_SECONDS;
}

static char *
etag_from_stat (const struct stat *st, const char *data, gsize len)
{
  g_autofree char *hash = data != NULL && is_recent (st) ? sha256_hex (data, len) : NULL;

  return g_strdup_printf (ETAG_PREFIX "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT
                          ":%" G_GINT64_FORMAT ".%09ld:%" G_GINT64_FORMAT ".%09ld:%s",
                          (guint64) st->st_dev, (guint64) st->st_ino, (guint64) st->st_size,
                          (gint64) st->st_mtim.tv_sec, (long) st->st_mtim.tv_nsec,
                          (gint64) st->st_ctim.tv_sec, (long) st->st_ctim.tv_nsec, hash ? hash : "-");
}

static gboolean
parse_etag (const char *etag, Identity *id)
{
  char hash[65] = "";

  if (etag == NULL || !g_str_has_prefix (etag, ETAG_PREFIX))
    return FALSE;
  if (sscanf (etag + strlen (ETAG_PREFIX),
              /* "%ld", not G_GINT64_FORMAT ("%li"): the nanoseconds have leading zeros,
               * which "%i" reads as octal. */
              "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_MODIFIER "d.%"
              G_GINT64_MODIFIER "d:%" G_GINT64_MODIFIER "d.%" G_GINT64_MODIFIER "d:%64s",
              &id->dev, &id->ino, &id->size, &id->mtime_s, &id->mtime_ns, &id->ctime_s, &id->ctime_ns, hash) != 8)
    return FALSE;
  g_strlcpy (id->hash, strcmp (hash, "-") == 0 ? "" : hash, sizeof id->hash);
  return TRUE;
}

static gboolean
same_stat (const Identity *id, const struct stat *st)
{
  return id->dev == (guint64) st->st_dev && id->ino == (guint64) st->st_ino && id->size == (guint64) st->st_size &&
         id->mtime_s == st->st_mtim.tv_sec && id->mtime_ns == st->st_mtim.tv_nsec &&
         id->ctime_s == st->st_ctim.tv_sec && id->ctime_ns == st->st_ctim.tv_nsec;
}

/* Opens @path for reading without blocking (a FIFO with no writer would block open() and
 * read() forever) and only when it is a regular file; then reads block again. */
static int
open_regular (const char *path, gboolean follow, struct stat *st, GError **error)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (follow ? 0 : O_NOFOLLOW));
  int flags;

  if (fd < 0)
    {
      if (errno == ELOOP && !follow)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                     _("%s:1:1: a symbolic link, not a regular file"), path);
      else
        set_errno_error (error, errno, _("%s:1:1: cannot open it: %s"), path);
      return -1;
    }
  if (fstat (fd, st) != 0)
    {
      set_errno_error (error, errno, _("%s:1:1: cannot open it: %s"), path);
      close (fd);
      return -1;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   S_ISDIR (st->st_mode) ? _("%s:1:1: a folder, not a file")
                                         : _("%s:1:1: not a regular file (a pipe, a device or a socket)"), path);
      close (fd);
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

static gboolean
too_large (GError **error, const char *name, gsize max_size)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("%s:1:1: the file is larger than %zu MiB"), name, max_size / (1024 * 1024));
  return FALSE;
}

/* Reads all of @fd, up to @max_size bytes; one byte more is refused, so a file that grows
 * while it is read is never read without bound. */
static char *
read_fd (int fd, gsize size_hint, gsize max_size, const char *name, gsize *length, GError **error)
{
  g_autofree char *buf = NULL;
  gsize cap = MIN (MAX (size_hint + 1, 4096), max_size + 1), len = 0;

  buf = g_malloc (cap + 1);
  for (;;)
    {
      gssize n;

      if (len == cap)
        {
          if (cap > max_size)
            return too_large (error, name, max_size), NULL;
          cap = MIN (cap * 2, max_size + 1);
          buf = g_realloc (buf, cap + 1);
        }
      n = read (fd, buf + len, cap - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, _("%s:1:1: cannot read it: %s"), name), NULL;
      if (n == 0)
        break;
      len += n;
    }
  if (len > max_size)
    return too_large (error, name, max_size), NULL;
  buf[len] = '\0';
  *length = len;
  return g_steal_pointer (&buf);
}

static gboolean
load_local (const char *path, const char *name, gboolean follow, gsize max_size, char **contents, gsize *length,
            char **etag, GError **error)
{
  struct stat st;
  char *data;
  int fd = open_regular (path, follow, &st, error);

  if (fd < 0)
    return FALSE;
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      return too_large (error, name, max_size);
    }
  data = read_fd (fd, st.st_size, max_size, name, length, error);
  close (fd);
  if (data == NULL)
    return FALSE;
  if (etag)
    *etag = etag_from_stat (&st, data, *length);
  *contents = data;
  return TRUE;
}

/* Whether the file at @path is still the one @id describes; FALSE with no error when it
 * changed (or is gone). */
static gboolean
identity_holds (const char *path, const Identity *id, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *hash = NULL;
  struct stat st;
  gsize len;
  int fd;

  if (stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return FALSE;
      return set_errno_error (error, errno, _("Could not read “%s”: %s"), path);
    }
  if (!same_stat (id, &st))
    return FALSE;
  if (id->hash[0] == '\0')
    return TRUE;
  fd = open_regular (path, TRUE, &st, error);
  if (fd < 0)
    return FALSE;
  data = read_fd (fd, st.st_size, G_MAXSIZE - 1, path, &len, error);
  close (fd);
  if (data == NULL)
    return FALSE;
  hash = sha256_hex (data, len);
  return same_stat (id, &st) && strcmp (hash, id->hash) == 0;
}

static char *
query_etag (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  return g_strdup (g_file_info_get_etag (info));
}

gboolean
charta_file_load (GFile *file, gsize max_size, char **contents, gsize *length, char **etag,
                  GCancellable *cancellable, GError **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *buf = NULL;
  gsize cap, len = 0;

  if (path != NULL)
    return load_local (path, name, TRUE, max_size, contents, length, etag, error);

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_ETAG_VALUE,
                                         cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      (guint64) g_file_info_get_size (info) > max_size)
    return too_large (error, name, max_size);

  /* Read up to one byte past the cap, so a file that grows or a device that never
   * ends is refused rather than read without bound. */
  cap = (info && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
        ? (gsize) g_file_info_get_size (info) + 1 : 65536;
  cap = MIN (MAX (cap, 4096), max_size + 1);
  buf = g_malloc (cap + 1);
  for (;;)
    {
      gssize n;
      if (len == cap)
        {
          if (cap > max_size)
            return too_large (error, name, max_size);
          cap = MIN (cap * 2, max_size + 1);
          buf = g_realloc (buf, cap + 1);
        }
      n = g_input_stream_read (G_INPUT_STREAM (in), buf + len, cap - len, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      len += n;
    }
  if (len > max_size)
    return too_large (error, name, max_size);
  buf[len] = '\0';
  if (etag)
    *etag = info ? g_strdup (g_file_info_get_etag (info)) : NULL;
  *contents = g_steal_pointer (&buf);
  *length = len;
  return TRUE;
}

gboolean
charta_file_load_nofollow (const char *path, gsize max_size, char **contents, gsize *length, GError **error)
{
  g_return_val_if_fail (path != NULL && contents != NULL && length != NULL, FALSE);

  return load_local (path, path, FALSE, max_size, contents, length, NULL, error);
}

gboolean
charta_file_is_unchanged (GFile *file, const char *etag, GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *current = NULL;
  Identity id;

  if (path != NULL && parse_etag (etag, &id))
    return identity_holds (path, &id, NULL);
  current = query_etag (file, cancellable, NULL);
  return current != NULL && g_strcmp0 (current, etag) == 0;
}

/* The path that a save must replace: the final target of any symbolic links. */
static char *
resolve_target (const char *path, GError **error)
{
  g_autofree char *current = g_strdup (path);

  for (int i = 0; i < MAX_SYMLINKS; i++)
    {
      g_autofree char *link = NULL;
      struct stat st;

      if (lstat (current, &st) != 0)
        {
          if (errno == ENOENT)
            return g_steal_pointer (&current);  /* a new file */
          set_errno_error (error, errno, _("Could not read “%s”: %s"), current);
          return NULL;
        }
      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, error);
      if (link == NULL)
        return NULL;
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *joined = g_build_filename (dir, link, NULL);
          g_free (current);
          current = g_canonicalize_filename (joined, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
               _("Could not save “%s”: too many levels of symbolic links"), path);
  return NULL;
}

static gboolean
write_all (int fd, const char *data, gsize length, const char *path, GError **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, 1 << 20));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno, _("Could not write “%s”: %s"), path);
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
conflict (GError **error, const char *name)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, _("“%s” was changed on disk since it was opened"), name);
  return FALSE;
}

/* Puts the new file @tmp in place of @target. With @expected (the identity of the file
 * that was read), the file is checked immediately before, and the two are swapped
 * atomically (RENAME_EXCHANGE) so that the file taken out can be checked again: one that
 * another program renamed in between is put back, and the save is a conflict. */
static gboolean
put_in_place (const char *tmp, const char *target, const Identity *expected, const char *name, GError **error)
{
  struct stat st;

  if (expected == NULL)
    {
      if (g_rename (tmp, target) != 0)
        return set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
      return TRUE;
    }
  if (!identity_holds (target, expected, error))
    return error && *error ? FALSE : conflict (error, name);
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) != 0)
    {
      /* A file system without RENAME_EXCHANGE: the check above has to do. */
      if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
      if (g_rename (tmp, target) != 0)
        return set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
      return TRUE;
    }
  if (lstat (tmp, &st) == 0 && (guint64) st.st_dev == expected->dev && (guint64) st.st_ino == expected->ino)
    {
      g_unlink (tmp);
      return TRUE;
    }
  /* Another file came in between the check and the swap: it goes back. */
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) != 0)
    g_warning ("Could not put back “%s” (now “%s”): %s", target, tmp, g_strerror (errno));
  return conflict (error, name);
}

static gboolean
replace_local (const char *path, const char *data, gsize length, const char *etag, const char *name,
               char **new_etag, GError **error)
{
  g_autofree char *target = resolve_target (path, error);
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL;
  Identity expected;
  gboolean check = parse_etag (etag, &expected);
  struct stat st;
  mode_t mask = umask (0);
  mode_t mode;
  int fd, dfd;

  /* A new file gets what the user's umask allows, as any program's would. */
  umask (mask);
  mode = 0666 & ~mask;

  if (target == NULL)
    return FALSE;
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  if (stat (target, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("Could not save “%s”: not a regular file"), target);
          return FALSE;
        }
      mode = st.st_mode & 07777;
    }
  else if (check)
    return conflict (error, name);  /* it was read, and is gone */

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
  if (!write_all (fd, data, length, target, error) ||
      (fchmod (fd, mode) != 0 && set_errno_error (error, errno, _("Could not save “%s”: %s"), target)) ||
      (fsync (fd) != 0 && set_errno_error (error, errno, _("Could not save “%s”: %s"), target)) ||
      !put_in_place (tmp, target, check ? &expected : NULL, name, error))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  /* The descriptor is still the new file's: its identity, whatever is at the name now. */
  if (new_etag && fstat (fd, &st) == 0)
    *new_etag = etag_from_stat (&st, data, length);
  if (close (fd) != 0)
    return set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
  /* Make the rename itself durable. */
  dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  return TRUE;
}

gboolean
charta_file_replace (GFile *file, const char *data, gsize length, const char *etag,
                     char **new_etag, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);

  if (path != NULL && (etag == NULL || g_str_has_prefix (etag, ETAG_PREFIX)))
    return replace_local (path, data, length, etag, name, new_etag, error);

  if (etag != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *current = query_etag (file, cancellable, &local_error);
      if (current == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (current != NULL && strcmp (current, etag) != 0)
        return conflict (error, name);
    }
  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error))
    return FALSE;
  if (new_etag)
    *new_etag = query_etag (file, cancellable, NULL);
  return TRUE;
}
