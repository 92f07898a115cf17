/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-date"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-date.h"

/* Reads @n ASCII digits at @s, or returns -1. */
static int
read_digits (const char *s, guint n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      value = value * 10 + (s[i] - '0');
    }
  return value;
}

/* The date part, without looking past its ten characters. */
static gboolean
date_prefix_is_valid (const char *s)
{
  int y, m, d;

  if (s[4] != '-' || s[7] != '-')
    return FALSE;
  y = read_digits (s, 4);
  m = read_digits (s + 5, 2);
  d = read_digits (s + 8, 2);
  return y > 0 && m > 0 && d > 0 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

gboolean
charta_date_is_valid (const char *text)
{
  return text != NULL && strlen (text) == 10 && date_prefix_is_valid (text);
}

/* "HH:MM" with hours up to @max_hour. */
static gboolean
hours_minutes_are_valid (const char *s, int max_hour)
{
  int h = read_digits (s, 2), m = s[2] == ':' ? read_digits (s + 3, 2) : -1;

  return h >= 0 && h <= max_hour && m >= 0 && m <= 59;
}

gboolean
charta_timestamp_is_valid (const char *text)
{
  const char *p;
  int seconds;

  if (text == NULL || strlen (text) < 20 || !date_prefix_is_valid (text))
    return FALSE;
  if (text[10] != 'T' || !hours_minutes_are_valid (text + 11, 23) || text[16] != ':')
    return FALSE;
  /* 60 is a leap second, which RFC 3339 allows. */
  seconds = read_digits (text + 17, 2);
  if (seconds < 0 || seconds > 60)
    return FALSE;
  p = text + 19;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (p[1]))
        return FALSE;
      for (p++; g_ascii_isdigit (*p); p++)
        ;
    }
  if (strcmp (p, "Z") == 0)
    return TRUE;
  return (p[0] == '+' || p[0] == '-') && strlen (p) == 6 && hours_minutes_are_valid (p + 1, 23);
}

char *
charta_date_describe_invalid (const char *text)
{
  return g_strdup_printf (_("“%s” is not a real date in the form YYYY-MM-DD"), text ? text : "");
}

char *
charta_timestamp_describe_invalid (const char *text)
{
  return g_strdup_printf (_("“%s” is not a date and time in ISO 8601 form with a time zone"),
                          text ? text : "");
}

char *
charta_date_from_locale (const char *text)
{
  g_autofree char *iso = NULL;
  GDate date;

  g_return_val_if_fail (text != NULL, NULL);
  if (charta_date_is_valid (text))
    return g_strdup (text);
  /* GDate reads the day, month and year in the order the locale's date format has them. */
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  if (!g_date_valid (&date))
    return NULL;
  iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                         g_date_get_day (&date));
  return charta_date_is_valid (iso) ? g_steal_pointer (&iso) : NULL;
}

char *
charta_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
