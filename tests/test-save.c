/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-save.c: saving by atomic replace (charta_file_replace, charta_project_save_file). */
#define G_LOG_DOMAIN "test-save"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "charta-file.h"
#include "charta-project.h"

#define OLD "old content\n"
#define NEW "new content, longer than the old one\n"
#define NOBODY 65534

typedef struct {
  char *dir;
} Fixture;

/* ---- helpers ---- */

static void
remove_tree (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) d = NULL;
      const char *name;

      g_chmod (path, 0700);
      d = g_dir_open (path, 0, NULL);
      while (d && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("charta-save-XXXXXX", &error);
  g_assert_no_error (error);
  /* Traversable by the unprivileged user that some tests switch to when run as root. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
write_file (const char *path, const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Sets @path's modification time well in the past, so a later write changes the etag
 * even on file systems with coarse time stamps. */
static void
age_file (const char *path)
{
  struct timeval times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
  g_assert_cmpint (utimes (path, times), ==, 0);
}

static gboolean
replace_path (const char *path, const char *data, const char *etag, char **new_etag, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  return charta_file_replace (file, data, strlen (data), etag, new_etag, NULL, error);
}

static void
assert_replace_ok (const char *path, const char *data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = replace_path (path, data, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Names in @dir other than @keep that look like our temporary files. */
static guint
count_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while (d && (name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.')
      {
        g_test_message ("left behind: %s/%s", dir, name);
        n++;
      }
  return n;
}

static guint
mode_of (const char *path)
{
  struct stat st;
  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Runs charta_file_replace in a child process, as an unprivileged user when we are
 * root (so permissions apply) and with a file size limit when @fsize_limit > 0.
 * Returns the GIOErrorEnum code, or -1 on success. */
static int
replace_in_child (const char *path, const char *data, gsize len, rlim_t fsize_limit)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  int status;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0 &&
          (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0))
        _exit (126);
      if (fsize_limit > 0)
        {
          struct rlimit rl = { fsize_limit, fsize_limit };
          signal (SIGXFSZ, SIG_IGN);
          if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
            _exit (125);
        }
      if (charta_file_replace (file, data, len, NULL, NULL, NULL, &error))
        _exit (0);
      _exit (error->domain == G_IO_ERROR ? 10 + MIN (error->code, 100) : 124);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 126);
  g_assert_cmpint (WEXITSTATUS (status), !=, 125);
  g_assert_cmpint (WEXITSTATUS (status), !=, 124);
  return WEXITSTATUS (status) == 0 ? -1 : WEXITSTATUS (status) - 10;
}

/* ---- tests ---- */

static void
test_new_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "new.charta");
  g_autofree char *contents = NULL;
  mode_t old = umask (0022);

  assert_replace_ok (path, NEW);
  umask (old);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, NEW);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
  g_assert_cmpuint (mode_of (path), ==, 0644);
}

/* A new file follows the user's umask, like any file an application creates. */
static void
test_new_file_umask (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "private.charta");
  mode_t old = umask (0077);

  assert_replace_ok (path, NEW);
  umask (old);
  g_assert_cmpuint (mode_of (path), ==, 0600);
}

static void
test_permissions (Fixture *f, gconstpointer data)
{
  const guint modes[] = { 0640, 0600, 0604, 0664, 0755 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path = path_in (f, "project.charta");
      g_autofree char *contents = NULL;

      write_file (path, OLD);
      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      assert_replace_ok (path, NEW);
      contents = read_file (path);
      g_assert_cmpstr (contents, ==, NEW);
      g_assert_cmpuint (mode_of (path), ==, modes[i]);
      g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
      g_unlink (path);
    }
}

static void
assert_link_kept (const char *link, const char *expected_target)
{
  struct stat st;
  g_autofree char *target = NULL;

  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, expected_target);
}

static void
test_symlink (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = path_in (f, "sub");
  g_autofree char *target = path_in (f, "target.charta");
  g_autofree char *rel = path_in (f, "relative.charta");
  g_autofree char *abs = path_in (f, "absolute.charta");
  g_autofree char *deep = g_build_filename (sub, "deep.charta", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_file (target, OLD);
  g_assert_cmpint (g_chmod (target, 0640), ==, 0);
  g_assert_cmpint (symlink ("target.charta", rel), ==, 0);
  g_assert_cmpint (symlink (target, abs), ==, 0);
  g_assert_cmpint (symlink ("../target.charta", deep), ==, 0);

  /* Relative link. */
  assert_replace_ok (rel, "one\n");
  assert_link_kept (rel, "target.charta");
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "one\n");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpuint (mode_of (target), ==, 0640);

  /* Absolute link. */
  assert_replace_ok (abs, "two\n");
  assert_link_kept (abs, target);
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "two\n");
  g_clear_pointer (&contents, g_free);

  /* Relative link from another directory: relative to the link, not to us. */
  assert_replace_ok (deep, "three\n");
  assert_link_kept (deep, "../target.charta");
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "three\n");
  g_clear_pointer (&contents, g_free);

  /* The temporary file is made beside the target, and none is left. */
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
  g_assert_cmpuint (count_temp_files (sub), ==, 0);
  g_assert_cmpuint (mode_of (target), ==, 0640);
}

static void
test_symlink_chain (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "target.charta");
  g_autofree char *middle = path_in (f, "middle.charta");
  g_autofree char *front = path_in (f, "front.charta");
  g_autofree char *contents = NULL;

  write_file (target, OLD);
  g_assert_cmpint (symlink ("target.charta", middle), ==, 0);
  g_assert_cmpint (symlink (middle, front), ==, 0);
  assert_replace_ok (front, NEW);
  assert_link_kept (front, middle);
  assert_link_kept (middle, "target.charta");
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, NEW);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

static void
test_symlink_dangling (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "later.charta");
  g_autofree char *link = path_in (f, "link.charta");
  g_autofree char *contents = NULL;

  /* A link to a file not yet there: the file is created, the link kept. */
  g_assert_cmpint (symlink ("later.charta", link), ==, 0);
  assert_replace_ok (link, NEW);
  assert_link_kept (link, "later.charta");
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, NEW);
}

static void
test_symlink_loop (Fixture *f, gconstpointer data)
{
  g_autofree char *a = path_in (f, "a.charta");
  g_autofree char *b = path_in (f, "b.charta");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("b.charta", a), ==, 0);
  g_assert_cmpint (symlink ("a.charta", b), ==, 0);
  g_assert_false (replace_path (a, NEW, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  assert_link_kept (a, "b.charta");
  assert_link_kept (b, "a.charta");
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

static void
test_hard_link (Fixture *f, gconstpointer data)
{
  g_autofree char *saved = path_in (f, "saved.charta");
  g_autofree char *other = path_in (f, "other.charta");
  g_autofree char *a = NULL, *b = NULL;
  struct stat before, after, other_st;

  write_file (saved, OLD);
  g_assert_cmpint (g_chmod (saved, 0640), ==, 0);
  g_assert_cmpint (link (saved, other), ==, 0);
  g_assert_cmpint (stat (saved, &before), ==, 0);
  g_assert_cmpuint (before.st_nlink, ==, 2);

  assert_replace_ok (saved, NEW);
  a = read_file (saved);
  b = read_file (other);
  g_assert_cmpstr (a, ==, NEW);
  /* Not written in place: the other name keeps the old content. */
  g_assert_cmpstr (b, ==, OLD);
  g_assert_cmpint (stat (saved, &after), ==, 0);
  g_assert_cmpint (stat (other, &other_st), ==, 0);
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);
  g_assert_cmpuint (other_st.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_nlink, ==, 1);
  g_assert_cmpuint (other_st.st_nlink, ==, 1);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0640);
}

static void
test_not_regular (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = path_in (f, "folder.charta");
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_false (replace_path (dir, NEW, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpint (lstat (dir, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

static void
test_etag (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "project.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *etag = NULL, *new_etag = NULL, *newer_etag = NULL;
  g_autofree char *now = NULL;
  gsize len;

  write_file (path, OLD);
  age_file (path);
  g_assert_true (charta_file_load (file, 1024, &contents, &len, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, OLD);
  g_assert_nonnull (etag);

  /* The right etag: saved, and a new etag handed back. */
  g_assert_true (charta_file_replace (file, NEW, strlen (NEW), etag, &new_etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (new_etag);
  g_assert_cmpstr (new_etag, !=, etag);
  now = read_file (path);
  g_assert_cmpstr (now, ==, NEW);
  g_clear_pointer (&now, g_free);

  /* The new etag is good for the next save. */
  g_assert_true (charta_file_replace (file, "third\n", 6, new_etag, &newer_etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (newer_etag);
}

static void
test_etag_stale (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "project.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *etag = NULL, *new_etag = NULL, *now = NULL;
  gsize len;

  write_file (path, OLD);
  age_file (path);
  g_assert_true (charta_file_load (file, 1024, &contents, &len, &etag, NULL, &error));
  g_assert_no_error (error);

  /* Someone else saves the file meanwhile. */
  write_file (path, "changed elsewhere\n");
  g_assert_false (charta_file_replace (file, NEW, strlen (NEW), etag, &new_etag, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_null (new_etag);
  now = read_file (path);
  g_assert_cmpstr (now, ==, "changed elsewhere\n");
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

static void
test_etag_symlink (Fixture *f, gconstpointer data)
{
  g_autofree char *target = path_in (f, "target.charta");
  g_autofree char *link_path = path_in (f, "link.charta");
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *etag = NULL;
  gsize len;

  write_file (target, OLD);
  age_file (target);
  g_assert_cmpint (symlink ("target.charta", link_path), ==, 0);
  /* The etag read through a link is the one checked through it. */
  g_assert_true (charta_file_load (link_file, 1024, &contents, &len, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (charta_file_replace (link_file, NEW, strlen (NEW), etag, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_link_kept (link_path, "target.charta");
}

static void
test_read_only_dir (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = path_in (f, "locked");
  g_autofree char *path = g_build_filename (dir, "project.charta", NULL);
  g_autofree char *contents = NULL;
  int code;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  write_file (path, OLD);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  code = replace_in_child (path, NEW, strlen (NEW), 0);
  g_assert_cmpint (code, ==, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, OLD);
  g_assert_cmpuint (count_temp_files (dir), ==, 0);
}

static void
test_write_fails (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = path_in (f, "open");
  g_autofree char *path = g_build_filename (dir, "project.charta", NULL);
  g_autofree char *contents = NULL;
  gsize len = 1024 * 1024;
  g_autofree char *big = g_malloc (len);
  int code;

  memset (big, 'x', len);
  /* Writable by the unprivileged user too. */
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  write_file (path, OLD);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  /* The disk fills up part-way through: the temporary file goes, the original stays. */
  code = replace_in_child (path, big, len, 64 * 1024);
  g_assert_cmpint (code, >=, 0);
  g_assert_cmpint (code, !=, G_IO_ERROR_PERMISSION_DENIED);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, OLD);
  g_assert_cmpuint (count_temp_files (dir), ==, 0);
}

static void
sleep_us (gint64 us)
{
  struct timespec ts = { us / G_USEC_PER_SEC, (us % G_USEC_PER_SEC) * 1000 };
  while (nanosleep (&ts, &ts) != 0 && errno == EINTR)
    ;
}

static void
remove_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.')
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
}

/* Kills a child in the middle of saving 50 MB, at several moments: the file is always
 * either all old or all new. */
static void
test_interrupted (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "project.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize old_len = 1024 * 1024, new_len = 50 * 1024 * 1024;
  g_autofree char *old = g_malloc (old_len);
  g_autofree char *new = g_malloc (new_len);
  gint64 full_us;
  GArray *delays = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_old = 0, n_new = 0;

  for (gsize i = 0; i < old_len; i++)
    old[i] = 'a' + i % 23;
  for (gsize i = 0; i < new_len; i++)
    new[i] = 'A' + i % 19;

  /* How long one whole save takes here, to kill at fractions of it too. */
  g_file_set_contents (path, old, old_len, NULL);
  {
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_assert_true (charta_file_replace (file, new, new_len, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    full_us = g_get_monotonic_time () - start;
    g_test_message ("a 50 MB save takes %" G_GINT64_FORMAT " us", full_us);
  }
  {
    const gint64 fixed_ms[] = { 0, 1, 5, 20, 0, 1, 5, 20 };
    for (guint i = 0; i < G_N_ELEMENTS (fixed_ms); i++)
      {
        gint64 us = fixed_ms[i] * 1000;
        g_array_append_val (delays, us);
      }
    for (guint pct = 10; pct < 100; pct += 20)
      {
        gint64 us = full_us * pct / 100;
        g_array_append_val (delays, us);
      }
  }

  for (guint i = 0; i < delays->len; i++)
    {
      gint64 delay = g_array_index (delays, gint64, i);
      g_autofree char *contents = NULL;
      gsize len = 0;
      int status;
      pid_t pid;

      g_assert_true (g_file_set_contents (path, old, old_len, NULL));
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        _exit (charta_file_replace (file, new, new_len, NULL, NULL, NULL, NULL) ? 0 : 1);
      if (delay > 0)
        sleep_us (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      if (len == old_len && memcmp (contents, old, old_len) == 0)
        n_old++;
      else if (len == new_len && memcmp (contents, new, new_len) == 0)
        n_new++;
      else
        {
          g_test_message ("killed after %" G_GINT64_FORMAT " us: the file has %" G_GSIZE_FORMAT
                          " bytes, neither old nor new", delay, len);
          g_test_fail ();
        }
      /* A killed save may leave its temporary file; never the target half-written. */
      remove_temp_files (f->dir);
    }
  g_test_message ("after %u kills: %u old, %u new", delays->len, n_old, n_new);
  g_assert_cmpuint (n_old + n_new, ==, delays->len);
  g_array_unref (delays);
}

/* What is not a regular file is refused before a byte is read, without blocking: a FIFO
 * with no writer would block open() and read() for ever. The outbox's reader also
 * refuses a symbolic link (to /dev/zero, say). */
static void
test_load_not_regular (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = path_in (f, "fifo.charta");
  g_autofree char *folder = path_in (f, "folder.charta");
  g_autofree char *link = path_in (f, "zero.json");
  g_autofree char *regular = path_in (f, "regular.json");
  const char *paths[] = { fifo, folder, "/dev/zero" };
  g_autofree char *contents = NULL;
  gsize len = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (charta_file_load (file, 1024, &contents, &len, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_true (g_str_has_prefix (error->message, paths[i]));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (charta_file_load_nofollow (link, 1024, &contents, &len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_assert_nonnull (strstr (error->message, "symbolic link"));
  }
  write_file (regular, OLD);
  g_assert_true (charta_file_load_nofollow (regular, 1024, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, OLD);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* Another file renamed over the one read, with the same size and the same modification
 * time to the nanosecond (a colleague's copy synced in with "cp -p" and "mv"), is still
 * another file: the save is a conflict. So is the file rewritten in place with its
 * modification time put back. */
static void
test_etag_same_mtime (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "city.charta");
  g_autofree char *other = path_in (f, "other.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *etag = NULL, *after = NULL;
  struct stat st;
  struct timespec times[2];
  gsize len;
  int fd;

  write_file (path, OLD);
  age_file (path);
  g_assert_true (charta_file_load (file, 1024, &contents, &len, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;

  write_file (other, "OLD content\n");
  g_assert_cmpint (utimensat (AT_FDCWD, other, times, 0), ==, 0);
  g_assert_cmpint (rename (other, path), ==, 0);
  g_assert_false (charta_file_replace (file, NEW, strlen (NEW), etag, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_false (charta_file_is_unchanged (file, etag, NULL));
  after = read_file (path);
  g_assert_cmpstr (after, ==, "OLD content\n");
  g_clear_pointer (&etag, g_free);
  g_clear_pointer (&contents, g_free);

  /* Rewritten in place, the same size, the time put back. */
  g_assert_true (charta_file_load (file, 1024, &contents, &len, &etag, NULL, &error));
  g_assert_true (charta_file_is_unchanged (file, etag, NULL));
  g_assert_cmpint (stat (path, &st), ==, 0);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, "X", 1, 0), ==, 1);
  g_assert_cmpint (futimens (fd, times), ==, 0);
  close (fd);
  g_assert_false (charta_file_replace (file, NEW, strlen (NEW), etag, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = read_file (path);
  g_assert_cmpstr (after, ==, "XLD content\n");
}

/* A child renames another file over the project while a large save runs, at every
 * moment of it: the save either fails as a conflict or the other file's content is
 * what remains; never is the other file silently overwritten. */
static void
test_save_race (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "big.charta");
  g_autofree char *other = path_in (f, "theirs.charta");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize size = 4 * 1024 * 1024;
  g_autofree char *mine = g_malloc (size), *theirs = g_malloc (size), *original = g_malloc (size);
  guint trials = 40, conflicts = 0, saved = 0, silent = 0;
  gint64 full_us;

  memset (original, 'o', size);
  memset (mine, 'm', size);
  memset (theirs, 't', size);
  {
    g_autofree char *contents = NULL, *etag = NULL;
    gsize len;
    gint64 start;

    /* How long a checked save takes here: the child's renames are spread over twice that. */
    g_assert_true (g_file_set_contents (path, original, size, NULL));
    g_assert_true (charta_file_load (file, size + 1, &contents, &len, &etag, NULL, NULL));
    start = g_get_monotonic_time ();
    g_assert_true (charta_file_replace (file, mine, size, etag, NULL, NULL, NULL));
    full_us = g_get_monotonic_time () - start;
  }
  for (guint i = 0; i < trials; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL, *etag = NULL, *now = NULL;
      gint64 delay = full_us * 2 * i / trials;
      struct stat st;
      struct timespec times[2];
      gboolean ok;
      gsize len;
      int status;
      pid_t pid;

      g_assert_true (g_file_set_contents (path, original, size, NULL));
      g_assert_true (charta_file_load (file, size + 1, &contents, &len, &etag, NULL, NULL));
      /* Theirs has the same size and the same modification time as what was read. */
      g_assert_true (g_file_set_contents (other, theirs, size, NULL));
      g_assert_cmpint (stat (path, &st), ==, 0);
      times[0] = st.st_atim;
      times[1] = st.st_mtim;
      g_assert_cmpint (utimensat (AT_FDCWD, other, times, 0), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          if (delay > 0)
            g_usleep (delay);
          _exit (rename (other, path) == 0 ? 0 : 1);
        }
      ok = charta_file_replace (file, mine, size, etag, NULL, NULL, &error);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_assert_true (g_file_get_contents (path, &now, &len, NULL));
      g_assert_cmpuint (len, ==, size);
      if (ok && now[0] == 'm')
        silent++;  /* theirs came first, and ours replaced it */
      else if (ok)
        saved++;   /* ours came first; theirs, renamed after, is what is there */
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
          g_assert_true (now[0] == 't');
          conflicts++;
        }
      remove_temp_files (f->dir);
    }
  g_test_message ("%u trials over a %" G_GINT64_FORMAT " us save: %u saved before theirs, %u conflicts, "
                  "%u silent overwrites", trials, full_us, saved, conflicts, silent);
  g_assert_cmpuint (silent, ==, 0);
  g_assert_cmpuint (conflicts, >, 0);
}

static void
test_project_save (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "city.charta");
  g_autofree char *link_path = path_in (f, "link.charta");
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(ChartaProject) p = charta_project_new ("Gent");
  g_autoptr(ChartaProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL, *etag2 = NULL, *expected = NULL, *contents = NULL;

  write_file (path, OLD);
  age_file (path);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (symlink ("city.charta", link_path), ==, 0);
  g_assert_true (charta_project_save_file (p, link_file, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  assert_link_kept (link_path, "city.charta");
  g_assert_cmpuint (mode_of (path), ==, 0640);
  expected = charta_project_to_data (p, NULL);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, expected);

  back = charta_project_load_file (link_file, &etag2, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (etag2, ==, etag);
  /* Saving with a stale etag is refused and leaves the file alone. */
  age_file (path);
  g_assert_false (charta_project_save_file (back, link_file, etag2, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/save/new-file", test_new_file);
  ADD ("/save/new-file-umask", test_new_file_umask);
  ADD ("/save/permissions", test_permissions);
  ADD ("/save/symlink", test_symlink);
  ADD ("/save/symlink-chain", test_symlink_chain);
  ADD ("/save/symlink-dangling", test_symlink_dangling);
  ADD ("/save/symlink-loop", test_symlink_loop);
  ADD ("/save/hard-link", test_hard_link);
  ADD ("/save/not-regular", test_not_regular);
  ADD ("/save/etag", test_etag);
  ADD ("/save/etag-stale", test_etag_stale);
  ADD ("/save/etag-symlink", test_etag_symlink);
  ADD ("/save/etag-same-mtime", test_etag_same_mtime);
  ADD ("/save/load-not-regular", test_load_not_regular);
  ADD ("/save/race", test_save_race);
  ADD ("/save/read-only-dir", test_read_only_dir);
  ADD ("/save/write-fails", test_write_fails);
  ADD ("/save/interrupted", test_interrupted);
  ADD ("/save/project", test_project_save);
#undef ADD

  return g_test_run ();
}
