/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one date and time rule: what the loader, the reports and every editor accept. */
#include "config.h"

#include "charta-date.h"
#include "charta-format.h"

static void
test_dates (void)
{
  const char *good[] = { "2018-01-01", "2024-02-29", "0001-01-01", "9999-12-31" };
  /* Each of these was accepted by one copy of the rule or another before there was one. */
  const char *bad[] = { "2024-05- 1", " 201-05-01", "-001-05-01", "0000-01-01", "2023-02-29",
                        "2018-13-01", "2018-00-10", "2018-01-32", "2018-1-01", "2018-01-1",
                        "20180101", "2018-W50-5", "2018-001", "2018-01-01 ", "2018-01-01T00:00:00Z",
                        "+2018-01-01", "2O18-01-01", "", "2018/01/01" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (charta_date_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (charta_date_is_valid (bad[i]))
        g_error ("“%s” was taken for a date", bad[i]);
    }
  g_assert_false (charta_date_is_valid (NULL));
}

static void
test_timestamps (void)
{
  const char *good[] = { "2018-12-14T15:00:00Z", "2018-12-14T15:00:00.123Z", "2018-12-14T15:00:00+01:00",
                         "2018-12-14T23:59:60Z", "2018-12-14T00:00:00-23:59" };
  const char *bad[] = { "2018-W50-5T15:00:00Z", "2018-12-14T15:00:00+24:00", "2018-12-14T15:00:00+01:60",
                        "2018-12-14T15:00:00", "2018-12-14 15:00:00Z", "2018-12-14T24:00:00Z",
                        "2018-12-14T15:60:00Z", "2018-12-14T15:00:61Z", "2018-12-14T15:00:00.Z",
                        "2018-12-14T15:00:00+0100", "2018-12-14T15:00:00z", "2018-02-30T15:00:00Z",
                        "2018-12-14T15:00:00Z ", "2018-12-14T1:00:00Z" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    if (!charta_timestamp_is_valid (good[i]))
      g_error ("“%s” was refused as a timestamp", good[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (charta_timestamp_is_valid (bad[i]))
      g_error ("“%s” was taken for a timestamp", bad[i]);
}

static void
test_messages (void)
{
  g_autofree char *date = charta_date_describe_invalid ("2024-05- 1");
  g_autofree char *time = charta_timestamp_describe_invalid ("yesterday");
  g_autofree char *today = charta_date_today ();

  g_assert_nonnull (strstr (date, "“2024-05- 1”"));
  g_assert_nonnull (strstr (time, "“yesterday”"));
  g_assert_true (charta_date_is_valid (today));
}

/* A date typed as a person writes it (the tests run in the C locale: month first). */
static void
test_from_locale (void)
{
  const struct { const char *typed, *iso; } cases[] = {
    { "2026-12-31", "2026-12-31" },
    { "12/31/2026", "2026-12-31" },
    { "December 31, 2026", "2026-12-31" },
    { "2/29/2024", "2024-02-29" },
    { "2/29/2023", NULL },
    { "2026-02-30", NULL },
    { "banana", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = charta_date_from_locale (cases[i].typed);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

/* In the C locale the shown form is YYYY-MM-DD: leading zeros of day and month may be left
 * off, nothing else differs from what the loader takes. */
static void
test_from_shown (void)
{
  const struct { const char *typed, *iso; } cases[] = {
    { "2026-12-31", "2026-12-31" },
    { "2026-1-5", "2026-01-05" },
    { "2024-02-29", "2024-02-29" },
    { "2023-02-29", NULL },
    { "2024-05- 1", NULL },
    { " 201-05-01", NULL },
    { "201-05-01", NULL },
    { "-001-05-01", NULL },
    { "2024-05-011", NULL },
    { "2024-05-01x", NULL },
    { "12/31/2026", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = charta_date_from_shown (cases[i].typed);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/dates", test_dates);
  g_test_add_func ("/date/timestamps", test_timestamps);
  g_test_add_func ("/date/messages", test_messages);
  g_test_add_func ("/date/from-locale", test_from_locale);
  g_test_add_func ("/date/from-shown", test_from_shown);
  return g_test_run ();
}
