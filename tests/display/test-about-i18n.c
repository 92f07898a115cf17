/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The About window in the language of LANGUAGE (the catalogues built in the tree): it
 * credits that language's translators, from the catalogue's "translator-credits", and
 * shows them on its Credits page. GTK is initialised here rather than by gtk_test_init(),
 * which would force the C locale. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "charta-application.h"
#include "display-utils.h"

static AdwAboutWindow *
find_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_ABOUT_WINDOW (w))
        return ADW_ABOUT_WINDOW (w);
    }
  return NULL;
}

static gboolean
about_shown (gpointer data)
{
  return find_about () != NULL;
}

static void
test_about_credits_translators (void)
{
  g_autoptr(ChartaApplication) app = charta_application_new ();
  g_autoptr(GError) error = NULL;
  const char *credits = g_dgettext (GETTEXT_PACKAGE, "translator-credits");
  const char *comments = g_dgettext (GETTEXT_PACKAGE,
                                     "Assess a city against the Integrating Cities Charter and the DIVE benchmark, "
                                     "plan its actions and follow them up.");
  AdwAboutWindow *about;
  g_auto(GStrv) lines = NULL;

  g_test_message ("LANGUAGE=%s: translator-credits is “%s”", g_getenv ("LANGUAGE"), credits);
  /* The catalogue has a credit line for this language, and translates the rest. */
  g_assert_cmpstr (credits, !=, "translator-credits");
  g_assert_cmpstr (credits, !=, "");
  g_assert_cmpstr (comments, !=, "Assess a city against the Integrating Cities Charter and the DIVE benchmark, "
                                 "plan its actions and follow them up.");

  /* Help → About, as the menu does it. One instance per session bus: this one needs none. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (wait_for (about_shown, NULL));
  about = find_about ();
  spin (20);

  g_assert_cmpstr (adw_about_window_get_translator_credits (about), ==, credits);
  g_assert_cmpstr (adw_about_window_get_comments (about), ==, comments);
  /* Every line of the credit is a row on the Credits page. */
  lines = g_strsplit (credits, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      {
        g_autofree char *name = g_strdup (lines[i]);
        char *email = strchr (name, '<');
        if (email != NULL)  /* "Name <address>": the row shows the name */
          *email = '\0';
        g_strstrip (name);
        g_test_message ("credit row “%s”", name);
        g_assert_true (has_label (GTK_WIDGET (about), name));
      }
  gtk_window_destroy (GTK_WINDOW (about));
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
  g_test_add_func ("/i18n/about-credits-translators", test_about_credits_translators);
  return g_test_run ();
}
