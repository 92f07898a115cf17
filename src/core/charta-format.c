/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-format"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <stdio.h>

#include "charta-date.h"
#include "charta-format.h"

/* The format is numeric so it reads right whatever month names the system's locale has. */
static const char *
date_format (void)
{
  /* Translators: how a date is shown, in g_date_time_format() notation: e.g. "%d-%m-%Y"
   * for Dutch, "%d/%m/%Y" for French, "%d.%m.%Y" for German. Keep it numeric: a date
   * typed in this form is read back by it (only %Y, %m and %d are understood). */
  return _("%Y-%m-%d");
}

char *
charta_format_date (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (dt = g_date_time_new_local (y, m, d, 12, 0, 0)) == NULL)
    return g_strdup (iso ? iso : "");
  return g_date_time_format (dt, date_format ());
}

/* Reads @text by the shown form's pattern: %Y a year of four digits, %m and %d a month and
 * day of one or two, anything else itself. */
static gboolean
read_by_format (const char *text, const char *format, int *y, int *m, int *d)
{
  *y = *m = *d = -1;
  for (; *format != '\0'; format++)
    {
      if (*format == '%' && format[1] != '\0' && strchr ("Ymd", format[1]) != NULL)
        {
          int most = format[1] == 'Y' ? 4 : 2, value = 0, n = 0;

          for (; n < most && g_ascii_isdigit (*text); n++, text++)
            value = value * 10 + (*text - '0');
          if (n == 0 || (format[1] == 'Y' && n != 4) || g_ascii_isdigit (*text))
            return FALSE;
          *(format[1] == 'Y' ? y : format[1] == 'm' ? m : d) = value;
          format++;
        }
      else if (*text++ != *format)
        return FALSE;
    }
  return *text == '\0' && *y > 0 && *m > 0 && *d > 0;
}

char *
charta_date_from_shown (const char *text)
{
  int y, m, d;
  g_autofree char *iso = NULL;

  if (text == NULL)
    return NULL;
  if (charta_date_is_valid (text))
    return g_strdup (text);
  if (!read_by_format (text, date_format (), &y, &m, &d))
    return NULL;
  iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  /* The one rule for a date: what the loader would refuse is refused here too. */
  return charta_date_is_valid (iso) ? g_steal_pointer (&iso) : NULL;
}

char *
charta_format_percent (double fraction)
{
  /* Translators: a percentage, e.g. "53%"; French writes "53 %" */
  return g_strdup_printf (_("%.0f%%"), fraction * 100);
}

/* Only for the hub, which looks it up in the reader's catalogue (CHARTA_FORMAT_DECIMAL_MARK):
 * the window and charta-cli take LC_NUMERIC's. */
static const char *const decimal_mark_msgid G_GNUC_UNUSED =
  /* Translators: your language's decimal mark, as in 11.5: "," in Dutch, "." in English */
  NC_("decimal mark", ".");

char *
charta_format_number_in (double value, int decimals, const char *decimal_mark)
{
  g_autofree char *text = NULL;
  const char *mark = localeconv ()->decimal_point;
  char *at;
  gsize len;

  if (!isfinite (value))
    return g_strdup ("–");
  /* printf() writes LC_NUMERIC's decimal mark; the zeros after it are trimmed by hand. */
  text = g_strdup_printf ("%.*f", decimals >= 0 ? decimals : 3, value);
  if (mark == NULL || *mark == '\0')
    mark = ".";
  at = strstr (text, mark);
  if (decimals < 0 && at != NULL)
    {
      len = strlen (text);
      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
      if (len >= strlen (mark) && strcmp (text + len - strlen (mark), mark) == 0)
        text[len - strlen (mark)] = '\0';
    }
  if (strcmp (text, "-0") == 0)
    text[0] = '0', text[1] = '\0';
  at = strstr (text, mark);
  if (decimal_mark == NULL || at == NULL || strcmp (decimal_mark, mark) == 0)
    return g_steal_pointer (&text);
  *at = '\0';
  return g_strconcat (text, decimal_mark, at + strlen (mark), NULL);
}

char *
charta_format_number (double value, int decimals)
{
  return charta_format_number_in (value, decimals, NULL);
}

char *
charta_format_value_in (double value, const char *unit, const char *decimal_mark, const char *value_with_unit)
{
  g_autofree char *number = charta_format_number_in (value, CHARTA_FORMAT_AS_NEEDED, decimal_mark);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  if (value_with_unit == NULL)
    /* Translators: a value and its unit, e.g. "11.5 %" or "3 meetings" */
    value_with_unit = C_("value with unit", "%s %s");
  /* A translation of "%s %s", whose directives msgfmt --check holds to the msgid's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (value_with_unit, number, unit);
#pragma GCC diagnostic pop
}

char *
charta_format_value (double value, const char *unit)
{
  return charta_format_value_in (value, unit, NULL, NULL);
}

const char *
charta_format_not_assessed (void)
{
  /* Translators: an item of a framework without a level yet; the sidebar, the editor, the
   * overview and the report all say this */
  return _("Not assessed");
}

void
charta_i18n_init (void)
{
  /* CHARTA_LOCALEDIR lets the programs run from the build tree in any language. */
  const char *localedir = g_getenv ("CHARTA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
