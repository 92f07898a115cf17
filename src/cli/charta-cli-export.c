/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli export: a project's report as PDF, a web page, CSV, an XLSX workbook or an
 * iCalendar file, through the same src/export/ code as the window. */
#define G_LOG_DOMAIN "charta-cli"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "charta-cli-private.h"
#include "charta-catalogue.h"
#include "charta-date.h"
#include "charta-file.h"
#include "charta-project.h"
#include "charta-rounds.h"
#include "charta-export.h"
#include "charta-cli-export.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct {
  char *format;
  char *output;
  char *table;
  char *language;
  char *date;
  char *paper;
  char *round;
  gboolean internal;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->format);
  g_free (o->output);
  g_free (o->table);
  g_free (o->language);
  g_free (o->date);
  g_free (o->paper);
  g_free (o->round);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  /* Translators: %s is the command, e.g. "charta-cli export" */
  g_printerr (_("Try “%s --help” for more information."), g_get_prgname ());
  g_printerr ("\n");
  return EXIT_USAGE;
}

static gboolean
is_language_tag (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[a-z]{2,3}([_-][A-Za-z]{2})?$", 0, 0, NULL);

  return g_regex_match (regex, text, 0, NULL);
}

/* Switches the messages to @language; FALSE when Charta has no translation for it. */
static gboolean
use_language (const char *language)
{
  const char *current = setlocale (LC_MESSAGES, NULL);

  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 has the same conventions. */
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  else
    setlocale (LC_MESSAGES, "");   /* makes gettext drop what it looked up so far */
  /* A message every translation of Charta has. */
  return g_str_has_prefix (language, "en") ||
         g_strcmp0 (charta_status_get_label (CHARTA_STATUS_IN_PROGRESS), "In progress") != 0;
}

/* Whether @output names the project file itself (or a link to it): an export must never
 * replace the project. */
static gboolean
is_same_file (const char *input, const char *output)
{
  g_autoptr(GFile) a = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) b = g_file_new_for_commandline_arg (output);
  g_autoptr(GFileInfo) ia = NULL;
  g_autoptr(GFileInfo) ib = NULL;
  const char *attributes = G_FILE_ATTRIBUTE_UNIX_DEVICE "," G_FILE_ATTRIBUTE_UNIX_INODE;

  if (g_file_equal (a, b))
    return TRUE;
  ia = g_file_query_info (a, attributes, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  ib = g_file_query_info (b, attributes, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return ia != NULL && ib != NULL &&
         g_file_info_get_attribute_uint32 (ia, G_FILE_ATTRIBUTE_UNIX_DEVICE) ==
         g_file_info_get_attribute_uint32 (ib, G_FILE_ATTRIBUTE_UNIX_DEVICE) &&
         g_file_info_get_attribute_uint64 (ia, G_FILE_ATTRIBUTE_UNIX_INODE) ==
         g_file_info_get_attribute_uint64 (ib, G_FILE_ATTRIBUTE_UNIX_INODE);
}

/* The value of --language, read before anything is translated: GLib decides once, at its
 * first translation, whether to translate at all (g_dgettext()), so the language must be
 * in place by then. */
static const char *
find_language (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        return argv[i + 1];
      if (g_str_has_prefix (argv[i], "--language="))
        return argv[i] + strlen ("--language=");
    }
  return NULL;
}

static gboolean
write_bytes (const char *output, GBytes *bytes, GError **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (output, "-"))
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Standard output could not be written"));
          return FALSE;
        }
      return TRUE;
    }
  file = g_file_new_for_commandline_arg (output);
  return charta_file_replace (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, NULL, NULL, error);
}

static gboolean
write_csv_table (const ChartaExportDocument *doc, const char *name, const char *output, GError **error)
{
  g_autoptr(ChartaExportTable) table = charta_export_table_new (doc, name);
  g_autoptr(GBytes) bytes = charta_export_csv (table);

  return write_bytes (output, bytes, error);
}

/* One file per table in @dir, each replaced atomically; @dir is made when missing. */
static gboolean
write_csv_dir (const ChartaExportDocument *doc, const char *dir, GError **error)
{
  g_autoptr(GFile) folder = g_file_new_for_commandline_arg (dir);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory (folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", dir);
      return FALSE;
    }
  for (const char * const *name = charta_export_table_names (); *name; name++)
    {
      g_autofree char *file = g_strconcat (*name, ".csv", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      if (charta_export_table_is_wanted (doc, *name) && !write_csv_table (doc, *name, path, error))
        return FALSE;
    }
  return TRUE;
}

static GBytes *
render (const ChartaExportDocument *doc, const Options *o, GError **error)
{
  ChartaExportPaper paper = charta_export_paper_from_locale ();

  if (g_str_equal (o->format, "pdf"))
    {
      if (o->paper != NULL)
        paper = g_ascii_strcasecmp (o->paper, "letter") == 0 ? CHARTA_EXPORT_PAPER_LETTER : CHARTA_EXPORT_PAPER_A4;
      return charta_export_pdf (doc, paper, NULL, NULL, NULL, error);
    }
  if (g_str_equal (o->format, "html"))
    return charta_export_html (doc);
  if (g_str_equal (o->format, "xlsx"))
    return charta_export_xlsx (doc, NULL, NULL, NULL, error);
  if (g_str_equal (o->format, "ics"))
    return charta_export_ics (doc, error);
  g_assert_not_reached ();
}

static const char *
check_options (const Options *o, int argc)
{
  static const char * const formats[] = { "pdf", "html", "csv", "xlsx", "ics", NULL };

  if (argc != 2 || o->format == NULL || o->output == NULL)
    return _("export needs a FILE, --format and -o OUT");
  if (!g_strv_contains (formats, o->format))
    return _("--format must be pdf, html, csv, xlsx or ics");
  if (o->table != NULL && (!g_str_equal (o->format, "csv") || !g_strv_contains (charta_export_table_names (), o->table)))
    return _("--table goes with --format csv and is actions, measures, assessments or changes");
  if (g_str_equal (o->format, "csv") && o->table == NULL && g_str_equal (o->output, "-"))
    return _("CSV to standard output needs --table");
  if (o->language != NULL && !is_language_tag (o->language))
    return _("--language needs a language code such as nl, fr or de_BE");
  if (o->date != NULL && !charta_date_is_valid (o->date))
    return _("--date needs a date in the form YYYY-MM-DD");
  if (o->paper != NULL && g_ascii_strcasecmp (o->paper, "a4") != 0 && g_ascii_strcasecmp (o->paper, "letter") != 0)
    return _("--paper must be a4 or letter");
  return NULL;
}

int
charta_cli_export (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(Options) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(ChartaExportDocument) doc = NULL;
  g_autofree char *language = NULL;
  ChartaExportOptions options = { 0 };
  const char *problem;
  gboolean ok;
  const char *early_language = find_language (argc, argv);
  gboolean translated = early_language == NULL || !is_language_tag (early_language) || use_language (early_language);
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format, N_("pdf, html, csv, xlsx or ics"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("The file to write (a folder for CSV without --table; “-” for standard output)"), N_("OUT") },
    { "table", 0, 0, G_OPTION_ARG_STRING, &o.table, N_("CSV: only this table: actions, measures, assessments or changes"), N_("TABLE") },
    { "round", 0, 0, G_OPTION_ARG_STRING, &o.round, N_("What changed since this reporting round: its number, label or id (default: the last closed)"), N_("ROUND") },
    { "internal", 0, 0, G_OPTION_ARG_NONE, &o.internal, N_("Include internal evidence, names, notes and conclusions"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &o.language, N_("The report's language, e.g. nl (default: yours)"), N_("LL") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_("The report's date, for overdue actions (YYYY-MM-DD; default today)"), N_("DATE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &o.paper, N_("PDF: a4 or letter (default: as your locale says)"), N_("PAPER") },
    { NULL }
  };

  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Make a report of a project: PDF, web page, spreadsheet or calendar."));
  g_option_context_set_description (context,
    _("A public report leaves out evidence kept internal, people's names, notes and\n"
      "what consultations concluded and who took part; --internal puts them in and\n"
      "marks every page “Internal”. CSV writes actions.csv, measures.csv and\n"
      "assessments.csv into the folder OUT, or one table with --table. Every report\n"
      "says what changed since a reporting round (--round; default the last closed):\n"
      "a section of the PDF and the web page, and the table changes (changes.csv and\n"
      "a sheet, written when the project has a round). A CSV cell that starts with\n"
      "= + - @, a tab or a carriage return gets a leading ' so that no spreadsheet\n"
      "runs it as a formula. The calendar holds one task per action; its UID is the\n"
      "action's id, so importing a later export updates the tasks. OUT is replaced\n"
      "atomically: a failed export leaves no partial file.\n\n"
      "Exit status: 0 on success, 1 when FILE is invalid or OUT cannot be written,\n"
      "2 on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if ((problem = check_options (&o, argc)) != NULL)
    return usage_error (problem);
  if (!g_str_equal (o.output, "-") && is_same_file (argv[1], o.output))
    return usage_error (_("OUT is the project file itself; choose another name"));
  if (o.language != NULL)
    {
      language = g_strdelimit (g_strdup (o.language), "_", '-');
      if (!translated)
        {
          /* Translators: the command, then the language code the user asked for */
          g_printerr (_("%s: Charta has no translation into “%s”; the report is in English\n"), g_get_prgname (), o.language);
          g_free (language);
          language = g_strdup ("en");
        }
    }

  project = charta_cli_load_project (argv[1], NULL);
  if (project == NULL)
    return EXIT_FAILED;
  if (o.round != NULL && (options.round = charta_project_find_round (project, o.round, &error)) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("--round: %s", error->message);
      return usage_error (message);
    }
  options.internal = o.internal;
  options.today = o.date;
  options.language = language;
  doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);

  if (g_str_equal (o.format, "csv"))
    ok = o.table ? write_csv_table (doc, o.table, o.output, &error) : write_csv_dir (doc, o.output, &error);
  else
    {
      g_autoptr(GBytes) bytes = render (doc, &o, &error);
      ok = bytes != NULL && write_bytes (o.output, bytes, &error);
    }
  if (!ok)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}
