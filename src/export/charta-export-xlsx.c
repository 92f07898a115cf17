/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "charta-export.h"

#define XLSX_MAX_STRING 32767

typedef struct {
  ChartaExportProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
  guint n_rows;             /* in all tables */
  guint done;
  char *internal_header;    /* printed on every page of an internal report's sheets */
  lxw_workbook *workbook;
  lxw_format *header;
  lxw_format *date;
  lxw_format *wrap;
} Book;

static gboolean
check (lxw_error status, const ChartaExportTable *table, guint row, guint column, GError **error)
{
  if (status == LXW_NO_ERROR)
    return TRUE;
  if (status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    /* Translators: a spreadsheet cell's limit; %s is a sheet, %u a row, %s a column */
    g_set_error (error, CHARTA_EXPORT_ERROR, CHARTA_EXPORT_ERROR_FAILED,
                 _("Sheet “%s”, row %u, column “%s”: the text is longer than the 32,767 characters a spreadsheet cell can hold"),
                 table->title, row + 1, table->headers[column]);
  else
    /* Translators: a sheet, a row number, and libxlsxwriter's reason in English */
    g_set_error (error, CHARTA_EXPORT_ERROR, CHARTA_EXPORT_ERROR_FAILED,
                 _("Sheet “%s”, row %u: %s"), table->title, row + 1, lxw_strerror (status));
  return FALSE;
}

static lxw_error
write_cell (Book *book, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, ChartaExportType type,
            const ChartaExportCell *cell)
{
  int y, m, d;

  switch (type)
    {
    case CHARTA_EXPORT_DATE:
      if (cell->text != NULL && sscanf (cell->text, "%4d-%2d-%2d", &y, &m, &d) == 3)
        {
          lxw_datetime dt = { y, m, d, 0, 0, 0 };
          return worksheet_write_datetime (sheet, row, col, &dt, book->date);
        }
      return cell->text ? worksheet_write_string (sheet, row, col, cell->text, NULL) : LXW_NO_ERROR;
    case CHARTA_EXPORT_TEXT:
      return cell->text ? worksheet_write_string (sheet, row, col, cell->text, NULL) : LXW_NO_ERROR;
    case CHARTA_EXPORT_BOOLEAN:
      return isnan (cell->number) ? LXW_NO_ERROR : worksheet_write_boolean (sheet, row, col, cell->number != 0, NULL);
    case CHARTA_EXPORT_INTEGER:
    case CHARTA_EXPORT_NUMBER:
    default:
      return isnan (cell->number) ? LXW_NO_ERROR : worksheet_write_number (sheet, row, col, cell->number, NULL);
    }
}

static double
column_width (ChartaExportType type, const char *header)
{
  double header_width = g_utf8_strlen (header, -1) + 2;

  switch (type)
    {
    case CHARTA_EXPORT_TEXT: return MAX (header_width, 30);
    case CHARTA_EXPORT_DATE: return MAX (header_width, 12);
    case CHARTA_EXPORT_INTEGER:
    case CHARTA_EXPORT_NUMBER:
    case CHARTA_EXPORT_BOOLEAN:
    default: return MAX (header_width, 10);
    }
}

static const char *
sheet_name (const ChartaExportTable *table)
{
  /* A translation may be too long or hold a character a sheet name cannot. */
  if (g_utf8_strlen (table->title, -1) <= 31 && strpbrk (table->title, "[]:*?/\\") == NULL)
    return table->title;
  return table->name;
}

static gboolean
add_sheet (Book *book, const ChartaExportTable *table, GError **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (book->workbook, sheet_name (table));
  guint n_rows = charta_export_table_get_n_rows (table);

  if (sheet == NULL)
    return check (LXW_ERROR_MEMORY_MALLOC_FAILED, table, 0, 0, error);
  /* Column formats and panes come first: in constant-memory mode rows go out as written. */
  for (guint c = 0; c < table->n_columns; c++)
    worksheet_set_column (sheet, c, c, column_width (table->types[c], table->headers[c]), NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  if (book->internal_header != NULL)
    worksheet_set_header (sheet, book->internal_header);
  worksheet_autofilter (sheet, 0, 0, MAX (n_rows, 1), table->n_columns - 1);
  for (guint c = 0; c < table->n_columns; c++)
    if (!check (worksheet_write_string (sheet, 0, c, table->headers[c], book->header), table, 0, c, error))
      return FALSE;
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < table->n_columns; c++)
        if (!check (write_cell (book, sheet, r + 1, c, table->types[c], charta_export_table_get_cell (table, r, c)),
                    table, r + 1, c, error))
          return FALSE;
      if (++book->done % 512 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (book->cancellable, error))
            return FALSE;
          if (book->progress != NULL)
            book->progress ((double) book->done / MAX (book->n_rows, 1), book->user_data);
        }
    }
  return TRUE;
}

static void
set_properties (Book *book, const ChartaExportDocument *doc)
{
  lxw_doc_properties properties = { 0 };
  /* Translators: the title of a spreadsheet; %s is the city */
  g_autofree char *title = g_strdup_printf (_("Action plan and assessment of %s"), doc->city);

  properties.title = title;
  properties.subject = doc->title;
  properties.author = (char *) "Charta";
  properties.comments = (char *) charta_export_describe_audience (doc);
  workbook_set_properties (book->workbook, &properties);
}

/* A printed page's header, centred and bold. An ampersand starts a code there: doubled,
 * it stands for itself. */
static char *
page_header (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "&", -1);
  g_autofree char *escaped = g_strjoinv ("&&", parts);

  return g_strdup_printf ("&C&\"Bold\"%s", escaped);
}

static gboolean
write_book (const ChartaExportDocument *doc, Book *book_in, const char *path, GError **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) g_get_tmp_dir () };
  Book book = *book_in;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_export_table_free);
  gboolean ok = TRUE;
  lxw_error status;

  for (const char * const *name = charta_export_table_names (); *name; name++)
    {
      ChartaExportTable *table;

      if (!charta_export_table_is_wanted (doc, *name))
        continue;
      table = charta_export_table_new (doc, *name);
      book.n_rows += charta_export_table_get_n_rows (table);
      g_ptr_array_add (tables, table);
    }

  book.workbook = workbook_new_opt (path, &options);
  if (book.workbook == NULL)
    {
      /* Translators: %s is a folder */
      g_set_error (error, CHARTA_EXPORT_ERROR, CHARTA_EXPORT_ERROR_FAILED,
                   _("The spreadsheet could not be started in %s"), g_get_tmp_dir ());
      return FALSE;
    }
  book.header = workbook_add_format (book.workbook);
  format_set_bold (book.header);
  book.date = workbook_add_format (book.workbook);
  format_set_num_format (book.date, "yyyy-mm-dd");
  set_properties (&book, doc);
  for (guint i = 0; ok && i < tables->len; i++)
    ok = add_sheet (&book, g_ptr_array_index (tables, i), error);
  /* Closing writes the file; it also frees the workbook when a sheet failed. */
  status = workbook_close (book.workbook);
  if (ok && status != LXW_NO_ERROR)
    {
      /* Translators: %s is libxlsxwriter's reason, in English */
      g_set_error (error, CHARTA_EXPORT_ERROR, CHARTA_EXPORT_ERROR_FAILED,
                   _("The spreadsheet could not be written: %s"), lxw_strerror (status));
      ok = FALSE;
    }
  return ok;
}

/* libxlsxwriter writes numbers with printf(), which writes "0,7" in a Dutch or French
 * LC_NUMERIC: a workbook no spreadsheet opens. Numbers in the file are in the C locale's
 * notation, for this thread only. */
static gboolean
write_book_in_c_locale (const ChartaExportDocument *doc, Book *book, const char *path, GError **error)
{
  locale_t c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t) 0)));
  locale_t previous = uselocale (c_numeric);
  gboolean ok = write_book (doc, book, path, error);

  uselocale (previous);
  freelocale (c_numeric);
  return ok;
}

GBytes *
charta_export_xlsx (const ChartaExportDocument *doc, ChartaExportProgressFunc progress, gpointer user_data,
                    GCancellable *cancellable, GError **error)
{
  Book book = { .progress = progress, .user_data = user_data, .cancellable = cancellable };
  g_autofree char *header = doc->internal ? page_header (charta_export_describe_audience (doc)) : NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;
  int fd;
  gboolean ok;

  g_return_val_if_fail (doc != NULL, NULL);

  book.internal_header = header;
  fd = g_file_open_tmp ("charta-XXXXXX.xlsx", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  ok = write_book_in_c_locale (doc, &book, path, error) && g_file_get_contents (path, &data, &length, error);
  g_unlink (path);
  if (!ok)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), length);
}
