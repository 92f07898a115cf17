/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-format"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <stdio.h>

#include "charta-format.h"

/* The format is numeric so it reads right whatever month names the system's locale has. */
char *
charta_format_date (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (dt = g_date_time_new_local (y, m, d, 12, 0, 0)) == NULL)
    return g_strdup (iso ? iso : "");
  /* Translators: how a date is shown, in g_date_time_format() notation: e.g. "%d-%m-%Y"
   * for Dutch, "%d/%m/%Y" for French, "%d.%m.%Y" for German. Keep it numeric. */
  return g_date_time_format (dt, _("%Y-%m-%d"));
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
