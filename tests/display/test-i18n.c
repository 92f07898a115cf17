/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window in Dutch: LANGUAGE=nl with the catalogues built in the tree. GTK is
 * initialised here rather than by gtk_test_init(), which would force the C locale. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "charta-date.h"
#include "charta-date-row.h"
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

/* The one date field in Dutch: it shows a date as Dutch writes it, takes one typed that way
 * or as the file keeps it, gives YYYY-MM-DD, and refuses what the loader refuses with the
 * loader's message. */
static void
test_date_row_in_dutch (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = charta_date_row_new ();
  ChartaDateRow *date_row = CHARTA_DATE_ROW (row);
  const char * const refused[] = { "31-02-2018", "15-03-18", "15/03/2018", "2018-03- 1", " 201-05-01" };

  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  spin (5);

  charta_date_row_set_date (date_row, "2026-12-31");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31-12-2026");
  g_assert_cmpstr (charta_date_row_get_date (date_row), ==, "2026-12-31");

  gtk_editable_set_text (GTK_EDITABLE (row), "15-3-2018");
  g_assert_cmpstr (charta_date_row_get_date (date_row), ==, "2018-03-15");
  g_assert_true (charta_date_row_get_valid (date_row));
  /* Taken (Enter): shown in the Dutch form. */
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "15-03-2018");

  gtk_editable_set_text (GTK_EDITABLE (row), "2018-04-01");
  g_assert_cmpstr (charta_date_row_get_date (date_row), ==, "2018-04-01");
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "01-04-2018");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *message = charta_date_describe_invalid (refused[i]);

      gtk_editable_set_text (GTK_EDITABLE (row), refused[i]);
      g_assert_null (charta_date_row_get_date (date_row));
      g_assert_false (charta_date_row_get_valid (date_row));
      g_assert_cmpstr (charta_date_row_get_error (date_row), ==, message);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (5);
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
  g_test_add_func ("/i18n/date-row-in-dutch", test_date_row_in_dutch);
  return g_test_run ();
}
