/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charta-export.h"

G_DEFINE_QUARK (charta-export-error-quark, charta_export_error)

/* A spreadsheet runs a cell that starts with = + - or @ as a formula (and one that starts
 * with a tab or a carriage return after trimming it): a title such as
 * "=HYPERLINK(…)" in a project would become a link or a command when the file is opened.
 * As OWASP recommends ("CSV injection"), such a text cell starts with a single quote,
 * which spreadsheets show as text. Numbers and dates are written by append_number() and
 * never start so, apart from a negative number, which is a number, not a text. */
static gboolean
needs_guard (const char *text)
{
  return strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
}

static void
append_field (GString *out, const char *text)
{
  gboolean guard;

  if (text == NULL)
    return;
  guard = needs_guard (text);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Numbers in the C locale's notation whatever the user's: a spreadsheet's CSV import
 * and every program reading the file expect the dot. */
static void
append_number (GString *out, ChartaExportType type, double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (number))
    return;
  if (type == CHARTA_EXPORT_BOOLEAN)
    g_string_append (out, number != 0 ? "TRUE" : "FALSE");
  else if (type == CHARTA_EXPORT_INTEGER)
    g_string_append_printf (out, "%.0f", number);
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.15g", number));
}

GBytes *
charta_export_csv (const ChartaExportTable *table)
{
  GString *out = g_string_new (NULL);
  guint n_rows;

  g_return_val_if_fail (table != NULL, NULL);

  for (guint c = 0; c < table->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, table->headers[c]);
    }
  g_string_append (out, "\r\n");
  n_rows = charta_export_table_get_n_rows (table);
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < table->n_columns; c++)
        {
          const ChartaExportCell *cell = charta_export_table_get_cell (table, r, c);
          ChartaExportType type = table->types[c];

          if (c > 0)
            g_string_append_c (out, ',');
          if (type == CHARTA_EXPORT_TEXT || type == CHARTA_EXPORT_DATE)
            append_field (out, cell->text);
          else
            append_number (out, type, cell->number);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}
