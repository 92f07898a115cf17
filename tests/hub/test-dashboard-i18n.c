/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's translations: the language chosen from Accept-Language, lookups in the
 * build's real catalogues, and catalogue files that lie about themselves. */
#define G_LOG_DOMAIN "test-dashboard-i18n"
#include "config.h"

#include <glib/gstdio.h>

#include "charta-hub-dashboard-i18n.h"

static ChartaHubMessages *
load_build_catalogues (void)
{
  const char *localedir = g_getenv ("CHARTA_LOCALEDIR");

  g_assert_nonnull (localedir);
  return charta_hub_messages_load (localedir);
}

static void
test_pick (void)
{
  g_autoptr(ChartaHubMessages) messages = load_build_catalogues ();

  g_assert_cmpstr (charta_hub_messages_pick (messages, NULL), ==, "en");
  g_assert_cmpstr (charta_hub_messages_pick (messages, ""), ==, "en");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "*"), ==, "en");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "nl-BE,nl;q=0.9,en;q=0.5"), ==, "nl");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "xx-YY, de;q=0.5"), ==, "de");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "en-GB,nl;q=0.8"), ==, "en");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "fr;q=0.2, it;q=0.9"), ==, "it");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "FR-ca"), ==, "fr");
  g_assert_cmpstr (charta_hub_messages_pick (messages, "nl;q=0"), ==, "en");
}

static void
test_get (void)
{
  g_autoptr(ChartaHubMessages) messages = load_build_catalogues ();

  g_assert_cmpstr (charta_hub_messages_get (messages, "nl", "Not yet addressed"), ==, "Nog niet aangepakt");
  g_assert_cmpstr (charta_hub_messages_get (messages, "en", "Not yet addressed"), ==, "Not yet addressed");
  g_assert_cmpstr (charta_hub_messages_get (messages, "nl", "no such text anywhere"), ==, "no such text anywhere");
  g_assert_cmpstr (charta_hub_messages_get (messages, "xx", "Not yet addressed"), ==, "Not yet addressed");
  /* The header entry is not a translation of "". */
  g_assert_cmpstr (charta_hub_messages_get (messages, "nl", ""), ==, "");
  /* A text with a context (msgctxt). */
  g_assert_cmpstr (charta_hub_messages_pget (messages, "nl", "shortcut window", "Projects"), ==, "Projecten");
  g_assert_cmpstr (charta_hub_messages_pget (messages, "en", "shortcut window", "Projects"), ==, "Projects");
  g_assert_cmpstr (charta_hub_messages_pget (messages, "nl", "no such context", "Projects"), ==, "Projects");
}

static void
write_mo (const char *dir, const char *lang, const void *data, gsize len)
{
  g_autofree char *folder = g_build_filename (dir, lang, "LC_MESSAGES", NULL);
  g_autofree char *path = g_build_filename (folder, GETTEXT_PACKAGE ".mo", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

/* Each broken file is named in the log and skipped; the hub goes on in English. */
static void
test_broken (void)
{
  g_autofree char *dir = NULL;
  /* The right magic, one string, and offsets past the end of the file. */
  const guint32 lying[] = { 0x950412de, 0, 1, 28, 36, 0, 0, 5, 4000, 5, 4000 };
  g_autoptr(ChartaHubMessages) messages = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*catalogue-unreadable*xx*");
      g_test_trap_assert_stderr ("*catalogue-unreadable*yy*");
      g_test_trap_assert_stderr ("*catalogue-unreadable*zz*");
      return;
    }
  /* Warnings are not fatal here: they are what is checked. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_fatal_mask ("charta-hub-dashboard", G_LOG_FATAL_MASK);
  dir = g_dir_make_tmp ("charta-mo-XXXXXX", NULL);
  write_mo (dir, "xx", "not a catalogue at all", 22);
  write_mo (dir, "yy", lying, sizeof lying);
  write_mo (dir, "zz", "", 0);
  messages = charta_hub_messages_load (dir);
  g_assert_cmpstr (charta_hub_messages_pick (messages, "xx, yy, zz"), ==, "en");
  g_assert_cmpstr (charta_hub_messages_get (messages, "yy", "hello"), ==, "hello");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/dashboard/i18n/pick", test_pick);
  g_test_add_func ("/dashboard/i18n/get", test_get);
  g_test_add_func ("/dashboard/i18n/broken", test_broken);
  return g_test_run ();
}
