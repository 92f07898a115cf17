/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-file"
#include "config.h"

#include <errno.h>
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
  g_autofree char *buf = NULL;
  gsize cap, len = 0;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_ETAG_VALUE,
                                         cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      (guint64) g_file_info_get_size (info) > max_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s:1:1: the file is larger than %zu MiB"), name, max_size / (1024 * 1024));
      return FALSE;
    }

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
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("%s:1:1: the file is larger than %zu MiB"), name, max_size / (1024 * 1024));
              return FALSE;
            }
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
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s:1:1: the file is larger than %zu MiB"), name, max_size / (1024 * 1024));
      return FALSE;
    }
  buf[len] = '\0';
  if (etag)
    *etag = info ? g_strdup (g_file_info_get_etag (info)) : NULL;
  *contents = g_steal_pointer (&buf);
  *length = len;
  return TRUE;
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
replace_local (const char *path, const char *data, gsize length, GError **error)
{
  g_autofree char *target = resolve_target (path, error);
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL;
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

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
  if (!write_all (fd, data, length, target, error) ||
      (fchmod (fd, mode) != 0 && set_errno_error (error, errno, _("Could not save “%s”: %s"), target)) ||
      (fsync (fd) != 0 && set_errno_error (error, errno, _("Could not save “%s”: %s"), target)))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, target) != 0)
    {
      set_errno_error (error, errno, _("Could not save “%s”: %s"), target);
      g_unlink (tmp);
      return FALSE;
    }
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
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                       _("“%s” was changed on disk since it was opened"), name);
          return FALSE;
        }
    }

  if (path != NULL)
    {
      if (!replace_local (path, data, length, error))
        return FALSE;
    }
  else if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error))
    return FALSE;

  if (new_etag)
    *new_etag = query_etag (file, cancellable, NULL);
  return TRUE;
}
