/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window in Dutch: LANGUAGE=nl with the catalogues built in the tree. GTK is
 * initialised here rather than by gtk_test_init(), which would force the C locale. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "charta-window.h"
#include "display-utils.h"

static void
test_window_in_dutch (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples",
                                            "mechelen-2018.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (NULL);
  const char *plan = g_dgettext (GETTEXT_PACKAGE, "Action Plan");
  const char *roles = g_dgettext (GETTEXT_PACKAGE, "Charter Roles");

  /* The interface strings are translated at all... */
  g_assert_cmpstr (plan, !=, "Action Plan");
  g_assert_cmpstr (roles, !=, "Charter Roles");

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (charta_window_open (window, file));
  spin (50);
  /* ...and the window shows them, framework texts in the seeds' own Dutch wording. */
  g_assert_true (has_label (GTK_WIDGET (window), "De stad als beleidsmaker"));
  g_assert_true (has_label (GTK_WIDGET (window), "De stad als werkgever"));
  g_assert_true (has_label (GTK_WIDGET (window), plan));
  g_assert_true (has_label (GTK_WIDGET (window), roles));
  g_assert_false (has_label (GTK_WIDGET (window), "The city as policymaker"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHARTA_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/i18n/window-in-dutch", test_window_in_dutch);
  return g_test_run ();
}
