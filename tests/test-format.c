/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Figures for people in the user's notation, from one formatter (issue 12): a Dutch
 * locale writes "11,5 %" on every page; the files (the report's JSON) keep "11.5". */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "charta-format.h"
#include "charta-project.h"
#include "charta-report.h"

/* A locale that writes a decimal comma: the system's, or one compiled into a folder of
 * our own with localedef (Debian's containers ship only C). */
static gboolean
use_comma_locale (void)
{
  static const char * const names[] = { "nl_NL.UTF-8", "nl_BE.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "localedef", "-i", "nl_NL", "-f", "UTF-8", NULL, NULL };
  int status = -1;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (setlocale (LC_NUMERIC, names[i]) != NULL)
      return TRUE;
  dir = g_dir_make_tmp ("charta-locale-XXXXXX", NULL);
  out = g_build_filename (dir, "nl_NL.UTF-8", NULL);
  argv[5] = out;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) || status != 0)
    return FALSE;
  /* glibc reads LOCPATH on every setlocale(). */
  g_setenv ("LOCPATH", dir, TRUE);
  return setlocale (LC_NUMERIC, "nl_NL.UTF-8") != NULL;
}

static void
test_number_c (void)
{
  g_autofree char *a = charta_format_number (11.5, CHARTA_FORMAT_AS_NEEDED);
  g_autofree char *b = charta_format_number (12, CHARTA_FORMAT_AS_NEEDED);
  g_autofree char *c = charta_format_number (0.125, CHARTA_FORMAT_AS_NEEDED);
  g_autofree char *d = charta_format_number (2.5, 2);
  g_autofree char *e = charta_format_number (-0.0001, CHARTA_FORMAT_AS_NEEDED);
  g_autofree char *f = charta_format_value (11.5, "%");
  g_autofree char *g = charta_format_value (3, NULL);

  g_assert_cmpstr (a, ==, "11.5");
  g_assert_cmpstr (b, ==, "12");
  g_assert_cmpstr (c, ==, "0.125");
  g_assert_cmpstr (d, ==, "2.50");
  g_assert_cmpstr (e, ==, "0");
  g_assert_cmpstr (f, ==, "11.5 %");
  g_assert_cmpstr (g, ==, "3");
}

static void
test_number_comma (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Mechelen");
  g_autoptr(ChartaMeasure) m = charta_measure_new ("Staff", "%");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  if (!use_comma_locale ())
    {
      g_test_skip ("no locale with a decimal comma, and localedef could not make one");
      return;
    }
  {
    g_autofree char *a = charta_format_number (11.5, CHARTA_FORMAT_AS_NEEDED);
    g_autofree char *b = charta_format_value (12.1, "%");
    g_autofree char *c = charta_format_number (12, CHARTA_FORMAT_AS_NEEDED);
    g_assert_cmpstr (a, ==, "11,5");
    g_assert_cmpstr (b, ==, "12,1 %");
    g_assert_cmpstr (c, ==, "12");
  }
  /* The file a report is sent as stays in C notation. */
  g_ptr_array_add (m->actuals, charta_dated_value_new ("2018-06-30", 12.1));
  g_ptr_array_add (p->measures, g_steal_pointer (&m));
  report = charta_report_new (p, "2026", NULL, &error);
  g_assert_no_error (error);
  bytes = charta_report_to_bytes (report);
  json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (json, "12.1"));
  g_assert_null (strstr (json, "12,1"));
  setlocale (LC_NUMERIC, "C");
}

/* Another language's decimal mark and value format, whatever LC_NUMERIC says (the hub's
 * pages, one language per reader). */
static void
test_number_in (void)
{
  g_autofree char *a = charta_format_number_in (11.5, CHARTA_FORMAT_AS_NEEDED, ",");
  g_autofree char *b = charta_format_value_in (12.1, "%", ",", "%s %s");
  g_autofree char *c = charta_format_number_in (3.0, 1, ",");
  g_autofree char *d = charta_format_number_in (12, CHARTA_FORMAT_AS_NEEDED, ",");
  g_autofree char *e = charta_format_value_in (-0.25, "t", NULL, NULL);
  g_autofree char *f = charta_format_value_in (1.5, "m", "٫", "%2$s %1$s");

  g_assert_cmpstr (a, ==, "11,5");
  g_assert_cmpstr (b, ==, "12,1 %");
  g_assert_cmpstr (c, ==, "3,0");
  g_assert_cmpstr (d, ==, "12");
  g_assert_cmpstr (e, ==, "-0.25 t");
  g_assert_cmpstr (f, ==, "m 1٫5");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/number/c", test_number_c);
  g_test_add_func ("/format/number/in", test_number_in);
  g_test_add_func ("/format/number/comma", test_number_comma);
  return g_test_run ();
}
