/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli review and charta-cli portfolio: a project's peer reviews, and several
 * projects side by side. The rules are in the core (charta-review.h, charta-portfolio.h). */
#define G_LOG_DOMAIN "charta-cli"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-cli-private.h"
#include "charta-cli-review.h"
#include "charta-date.h"
#include "charta-export.h"
#include "charta-file.h"
#include "charta-format.h"
#include "charta-json.h"
#include "charta-portfolio.h"
#include "charta-review.h"

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  /* Translators: %s is the command, e.g. "charta-cli review" */
  g_printerr (_("Try “%s --help” for more information."), g_get_prgname ());
  g_printerr ("\n");
  return EXIT_USAGE;
}

static gboolean
parse (GOptionContext *context, GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  g_printerr ("charta-cli: %s\n", error->message);
  return FALSE;
}

/* ---- review ---- */

static const char *
item_title (const ChartaItem *item)
{
  const char *title = charta_item_get_title (item);
  return title ? title : charta_item_get_id (item);
}

/* "3 of 5": the stage's place among the catalogue's review stages. */
static void
print_stage (const ChartaReview *review)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaItem *stage = review->stage ? charta_catalogue_lookup (catalogue, review->stage) : NULL;
  const ChartaFramework *fw = stage ? charta_item_get_framework (stage) : NULL;
  guint n = 0, at = 0;

  if (stage == NULL)
    {
      g_print ("  %s\n", _("Stage: not set"));
      return;
    }
  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *item = charta_framework_get_item (fw, i);
      if (strcmp (charta_item_get_kind (item), "review-stage") != 0)
        continue;
      n++;
      if (item == stage)
        at = n;
    }
  /* Translators: the review's stage: its title, then its place, e.g. "Four-day visit (3 of 5)" */
  g_print (_("  Stage: %s (%u of %u)\n"), item_title (stage), at, n);
}

static void
print_team (const ChartaProject *project, const ChartaReview *review)
{
  guint n = review->team ? review->team->len : 0;

  g_print (g_dngettext (GETTEXT_PACKAGE, "  Team: %u member\n", "  Team: %u members\n", n), n);
  for (guint i = 0; i < n; i++)
    {
      ChartaReviewer *m = g_ptr_array_index (review->team, i);
      const ChartaPerson *person = charta_project_find_person (project, m->person);
      g_print ("    %-40s %-22s %s\n", person ? person->name : m->person,
               charta_review_role_get_label (m->role), m->city ? m->city : "");
    }
}

static void
print_coverage (const ChartaReview *review)
{
  g_autoptr(GPtrArray) items = charta_review_get_items (review);
  g_autoptr(GPtrArray) gaps = charta_review_find_gaps (review);
  guint n_sessions = review->sessions ? review->sessions->len : 0;

  /* Translators: e.g. "Items under review: 10, covered by the visit's 10 sessions: 9" */
  g_print (_("  Items under review: %u, covered by the visit's %u sessions: %u\n"), items->len, n_sessions,
           items->len - gaps->len);
  if (gaps->len == 0)
    {
      g_print ("  %s\n", _("Every item under review is covered by a session."));
      return;
    }
  g_print ("  %s\n", _("Not covered by any session:"));
  for (guint i = 0; i < gaps->len; i++)
    g_print ("    %-28s %s\n", charta_item_get_id (g_ptr_array_index (gaps, i)), item_title (g_ptr_array_index (gaps, i)));
}

static char *
describe_minutes (guint minutes)
{
  return g_strdup_printf ("%u:%02u", minutes / 60, minutes % 60);
}

/* Returns the number of days over their hours. */
static guint
print_days (const ChartaReview *review)
{
  g_autoptr(GArray) days = charta_review_get_days (review);
  guint too_long = 0;

  if (days->len == 0)
    {
      g_print ("  %s\n", _("No visit sessions planned."));
      return 0;
    }
  g_print ("  %s\n", _("Visit days (hours planned of the day's hours):"));
  for (guint i = 0; i < days->len; i++)
    {
      ChartaReviewDay *day = &g_array_index (days, ChartaReviewDay, i);
      g_autofree char *date = charta_format_date (day->date);
      g_autofree char *planned = describe_minutes (day->minutes);
      g_autofree char *limit = describe_minutes (day->limit_minutes);

      g_print ("    %-12s %6s / %s", date, planned, limit);
      if (charta_review_day_is_too_long (day))
        {
          too_long++;
          g_print ("  %s", _("warning: longer than the day"));
        }
      g_print ("\n");
    }
  return too_long;
}

static void
print_differences (const ChartaProject *project, const ChartaReview *review)
{
  g_autoptr(GArray) diffs = charta_review_compare_levels (review, project);

  if (diffs->len == 0)
    {
      g_print ("  %s\n", _("The team's levels do not differ from the city's."));
      return;
    }
  g_print ("  %s\n", _("Where the team's level differs from the city's (city → team):"));
  for (guint i = 0; i < diffs->len; i++)
    {
      ChartaLevelDifference *d = &g_array_index (diffs, ChartaLevelDifference, i);
      g_autofree char *city = d->city_level == CHARTA_UNSET ? g_strdup ("–") : g_strdup_printf ("%d", d->city_level);
      g_print ("    %-28s %s → %d  %s\n", charta_item_get_id (d->item), city, d->team_level, item_title (d->item));
    }
}

static void
print_documents (const ChartaReview *review)
{
  guint n = review->documents ? review->documents->len : 0, arrived = 0;

  for (guint i = 0; i < n; i++)
    if (((ChartaReviewDocument *) g_ptr_array_index (review->documents, i))->arrived)
      arrived++;
  /* Translators: documents the review team asked the city for */
  g_print (_("  Documents requested: %u, arrived: %u\n"), n, arrived);
  for (guint i = 0; i < n; i++)
    {
      ChartaReviewDocument *d = g_ptr_array_index (review->documents, i);
      if (!d->arrived)
        g_print (_("    waiting: %s\n"), d->title);
    }
}

static guint
print_review (const ChartaProject *project, const ChartaReview *review)
{
  guint too_long;

  g_print ("%s\n", review->title ? review->title : charta_review_kind_to_string (review->kind));
  print_stage (review);
  if (review->mentor_city || review->mentee_city)
    /* Translators: a mentoring: mentor city → mentee city */
    g_print (_("  Mentor city: %s, mentee city: %s\n"), review->mentor_city ? review->mentor_city : "–",
             review->mentee_city ? review->mentee_city : "–");
  print_team (project, review);
  print_coverage (review);
  too_long = print_days (review);
  print_differences (project, review);
  print_documents (review);
  return too_long;
}

/* ---- review report ---- */

/* The review @name refers to: its number in the project (from 1), its id or its title;
 * NULL for the last review. */
static const ChartaReview *
find_review (const ChartaProject *project, const char *name)
{
  guint n = project->reviews ? project->reviews->len : 0;
  guint64 number;

  if (n == 0)
    return NULL;
  if (name == NULL)
    return g_ptr_array_index (project->reviews, n - 1);
  if (g_ascii_string_to_unsigned (name, 10, 1, n, &number, NULL))
    return g_ptr_array_index (project->reviews, number - 1);
  for (guint i = 0; i < n; i++)
    {
      const ChartaReview *r = g_ptr_array_index (project->reviews, i);
      if (g_strcmp0 (r->id, name) == 0 || g_strcmp0 (r->title, name) == 0)
        return r;
    }
  return NULL;
}

static GBytes *
render_review (const ChartaExportDocument *doc, const char *format, GError **error)
{
  if (g_str_equal (format, "html"))
    return charta_export_html (doc);
  return charta_export_pdf (doc, charta_export_paper_from_locale (), NULL, NULL, NULL, error);
}

static int
review_report (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autofree char *output = NULL, *format = NULL, *which = NULL, *date = NULL;
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(ChartaExportDocument) doc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) out = NULL;
  ChartaExportOptions options = { 0 };
  const ChartaReview *review;
  gboolean internal = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .pdf or .html"), N_("OUT") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("pdf or html (default: from OUT's name)"), N_("FORMAT") },
    { "review", 0, 0, G_OPTION_ARG_STRING, &which, N_("The review: its number, id or title (default: the last)"), N_("REVIEW") },
    { "internal", 0, 0, G_OPTION_ARG_NONE, &internal, N_("Name the team's members; mark every page “Internal”"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The report's date (YYYY-MM-DD; default today)"), N_("DATE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Make a peer review's feedback report: PDF or web page."));
  g_option_context_set_description (context,
    _("The report holds the review's team, stage and visit, and per area under review\n"
      "the city's situation, the team's findings, key problems, recommendations and\n"
      "good practices. Sections the team has not written yet are drafted from the\n"
      "assessments, as the window drafts them; FILE is not changed. A public report\n"
      "names the team's roles and cities, not its members. OUT is replaced atomically.\n\n"
      "Exit status: 0 on success, 1 when FILE is invalid or OUT cannot be written,\n"
      "2 on a usage error (no such review)."));
  if (!parse (context, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || output == NULL)
    return usage_error (_("review report needs one FILE and -o OUT"));
  if (format == NULL)
    format = g_strdup (g_str_has_suffix (output, ".html") || g_str_has_suffix (output, ".htm") ? "html" : "pdf");
  if (!g_str_equal (format, "pdf") && !g_str_equal (format, "html"))
    return usage_error (_("--format must be pdf or html"));
  if (date != NULL && !charta_date_is_valid (date))
    return usage_error (_("--date needs a date in the form YYYY-MM-DD"));
  project = charta_cli_load_project (argv[1], NULL);
  if (project == NULL)
    return EXIT_INVALID;
  if ((review = find_review (project, which)) == NULL)
    {
      g_autofree char *message = which ? g_strdup_printf (_("%s: no review “%s”"), argv[1], which)
                                       : g_strdup_printf (_("%s: no reviews in this project"), argv[1]);
      return usage_error (message);
    }
  options.internal = internal;
  options.today = date;
  doc = charta_export_document_new_review (project, charta_catalogue_get_default (), review, &options);
  bytes = render_review (doc, format, &error);
  out = g_file_new_for_path (output);
  if (bytes == NULL ||
      !charta_file_replace (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", output, error->message);
      return EXIT_INVALID;
    }
  return EXIT_OK;
}

int
charta_cli_review (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(ChartaProject) project = NULL;
  guint too_long = 0;

  g_option_context_set_summary (context, _("Show a project's peer reviews: the stage, the team, which items under review "
                                           "the visit's sessions cover and which they miss, days planned over their "
                                           "hours, and where the team's level differs from the city's."));
  g_option_context_set_description (context, _("“charta-cli review report FILE -o OUT.pdf” makes the feedback report\n"
                                               "(see “charta-cli review report --help”).\n\n"
                                               "Exit status: 0 on success, 1 when FILE is invalid, 2 on a usage error."));
  if (argc >= 2 && g_str_equal (argv[1], "report"))
    {
      g_set_prgname ("charta-cli review report");
      return review_report (argc - 1, argv + 1);
    }
  if (!parse (context, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("review needs exactly one FILE"));
  project = charta_cli_load_project (argv[1], NULL);
  if (project == NULL)
    return EXIT_INVALID;
  g_print ("%s: %s\n", argv[1], project->city->name);
  if (project->reviews == NULL || project->reviews->len == 0)
    {
      g_print ("%s\n", _("No reviews in this project."));
      return EXIT_OK;
    }
  for (guint i = 0; i < project->reviews->len; i++)
    {
      g_print ("\n");
      too_long += print_review (project, g_ptr_array_index (project->reviews, i));
    }
  if (too_long > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: warning: %u visit day is planned over its hours\n",
                             "%s: warning: %u visit days are planned over their hours\n", too_long),
                argv[1], too_long);
  return EXIT_OK;
}

/* ---- portfolio ---- */

static ChartaNode *
level_node (int level)
{
  return level == CHARTA_UNSET ? charta_node_new_null () : charta_node_new_number_int (level);
}

static ChartaNode *
entry_to_node (const ChartaPortfolioEntry *e)
{
  ChartaNode *node = charta_node_new_object ();
  ChartaNode *actions = charta_node_new_object ();

  charta_node_set_member (node, "file", charta_node_new_string (e->path));
  if (e->project == NULL)
    {
      charta_node_set_member (node, "error", charta_node_new_string (e->error));
      charta_node_free (actions);
      return node;
    }
  charta_node_set_member (node, "city", charta_node_new_string (e->project->city->name));
  for (int s = 0; s < CHARTA_N_STATUSES; s++)
    charta_node_set_member (actions, charta_status_to_string (s), charta_node_new_number_int (e->actions[s]));
  charta_node_set_member (node, "actions", actions);
  charta_node_set_member (node, "overdue", charta_node_new_number_int (e->n_overdue));
  if (e->last_round)
    {
      ChartaNode *round = charta_node_new_object ();
      charta_node_set_member (round, "label", charta_node_new_string (e->last_round->label));
      charta_node_set_member (round, "closed", charta_node_new_string (e->last_round->closed));
      charta_node_set_member (node, "last-round", round);
    }
  else
    charta_node_set_member (node, "last-round", charta_node_new_null ());
  charta_node_set_member (node, "reviews-in-progress", charta_node_new_number_int (e->n_reviews_in_progress));
  return node;
}

static void
print_portfolio_json (const ChartaPortfolio *portfolio)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  ChartaNode *files = charta_node_new_array ();
  ChartaNode *items = charta_node_new_array ();
  g_autoptr(GString) out = g_string_new (NULL);

  charta_node_set_member (root, "date", charta_node_new_string (portfolio->today));
  for (guint i = 0; i < portfolio->entries->len; i++)
    charta_node_append (files, entry_to_node (g_ptr_array_index (portfolio->entries, i)));
  for (guint r = 0; r < portfolio->rows->len; r++)
    {
      ChartaPortfolioRow *row = g_ptr_array_index (portfolio->rows, r);
      ChartaNode *node = charta_node_new_object ();
      ChartaNode *levels = charta_node_new_array ();

      charta_node_set_member (node, "id", charta_node_new_string (charta_item_get_id (row->item)));
      charta_node_set_member (node, "title", charta_node_new_string (item_title (row->item)));
      for (guint i = 0; i < portfolio->entries->len; i++)
        charta_node_append (levels, level_node (row->levels[i]));
      charta_node_set_member (node, "levels", levels);
      charta_node_set_member (node, "median", charta_node_new_number_double (row->median));
      charta_node_append (items, node);
    }
  /* "levels" line up with "files", a file that did not load included (null). */
  charta_node_set_member (root, "files", files);
  charta_node_set_member (root, "items", items);
  charta_json_write (out, root, 0);
  g_print ("%s\n", out->str);
}

/* RFC 4180: a field with a comma, a quote or a line end is quoted. */
static void
csv_field (GString *out, const char *value, gboolean last)
{
  if (value != NULL && strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (value != NULL)
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

typedef char *(*CellFunc) (const ChartaPortfolioEntry *e, gconstpointer data);

static void
csv_row (GString *out, const ChartaPortfolio *portfolio, const char *key, const char *title,
         CellFunc cell, gconstpointer data, const char *last)
{
  csv_field (out, key, FALSE);
  csv_field (out, title, FALSE);
  for (guint i = 0; i < portfolio->entries->len; i++)
    {
      g_autofree char *value = cell (g_ptr_array_index (portfolio->entries, i), data);
      csv_field (out, value, FALSE);
    }
  csv_field (out, last, TRUE);
}

static char *cell_city (const ChartaPortfolioEntry *e, gconstpointer data) { return e->project ? g_strdup (e->project->city->name) : NULL; }
static char *cell_error (const ChartaPortfolioEntry *e, gconstpointer data) { return g_strdup (e->error); }
static char *cell_overdue (const ChartaPortfolioEntry *e, gconstpointer data) { return e->project ? g_strdup_printf ("%u", e->n_overdue) : NULL; }
static char *cell_reviews (const ChartaPortfolioEntry *e, gconstpointer data) { return e->project ? g_strdup_printf ("%u", e->n_reviews_in_progress) : NULL; }
static char *cell_round (const ChartaPortfolioEntry *e, gconstpointer data) { return e->last_round ? g_strdup (e->last_round->closed) : NULL; }
static char *
cell_status (const ChartaPortfolioEntry *e, gconstpointer data)
{
  return e->project ? g_strdup_printf ("%u", e->actions[GPOINTER_TO_INT (data)]) : NULL;
}
static char *
cell_level (const ChartaPortfolioEntry *e, gconstpointer data)
{
  int level = ((const int *) data)[0];
  return level == CHARTA_UNSET ? NULL : g_strdup_printf ("%d", level);
}

static void
print_portfolio_csv (const ChartaPortfolio *portfolio)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* One column per file, in the order opened; rows: the city, the file's error, the
   * figures per city, then the level of each item with the network's median. */
  csv_field (out, "row", FALSE);
  csv_field (out, "title", FALSE);
  for (guint i = 0; i < portfolio->entries->len; i++)
    csv_field (out, ((ChartaPortfolioEntry *) g_ptr_array_index (portfolio->entries, i))->path, FALSE);
  csv_field (out, "median", TRUE);
  csv_row (out, portfolio, "city", _("City"), cell_city, NULL, NULL);
  csv_row (out, portfolio, "error", _("Error"), cell_error, NULL, NULL);
  for (int s = 0; s < CHARTA_N_STATUSES; s++)
    {
      g_autofree char *key = g_strconcat ("actions:", charta_status_to_string (s), NULL);
      csv_row (out, portfolio, key, charta_status_get_label (s), cell_status, GINT_TO_POINTER (s), NULL);
    }
  csv_row (out, portfolio, "overdue", _("Overdue actions"), cell_overdue, NULL, NULL);
  csv_row (out, portfolio, "last-round", _("Last round closed"), cell_round, NULL, NULL);
  csv_row (out, portfolio, "reviews-in-progress", _("Reviews in progress"), cell_reviews, NULL, NULL);
  for (guint r = 0; r < portfolio->rows->len; r++)
    {
      ChartaPortfolioRow *row = g_ptr_array_index (portfolio->rows, r);
      g_autofree char *median = charta_json_format_double (row->median);

      csv_field (out, charta_item_get_id (row->item), FALSE);
      csv_field (out, item_title (row->item), FALSE);
      for (guint i = 0; i < portfolio->entries->len; i++)
        {
          g_autofree char *value = cell_level (NULL, &row->levels[i]);
          csv_field (out, value, FALSE);
        }
      csv_field (out, median, TRUE);
    }
  g_print ("%s", out->str);
}

static void
print_portfolio_text (const ChartaPortfolio *portfolio)
{
  g_print (_("Portfolio as of %s: %u files\n"), portfolio->today, portfolio->entries->len);
  for (guint i = 0; i < portfolio->entries->len; i++)
    {
      ChartaPortfolioEntry *e = g_ptr_array_index (portfolio->entries, i);
      guint open;

      if (e->project == NULL)
        {
          /* Translators: a file of the portfolio that did not load; %s is the loader's message */
          g_print (_("  [%u] did not load: %s\n"), i + 1, e->error);
          continue;
        }
      open = e->actions[CHARTA_STATUS_PLANNED] + e->actions[CHARTA_STATUS_IN_PROGRESS] + e->actions[CHARTA_STATUS_POSTPONED];
      /* Translators: one city of the portfolio: number, city, file, open/done actions, overdue, the date the last
       * reporting round closed, the number of reviews in progress */
      g_print (_("  [%u] %s (%s): %u open, %u done, %u overdue actions; last round: %s; reviews in progress: %u\n"),
               i + 1, e->project->city->name, e->path, open, e->actions[CHARTA_STATUS_DONE], e->n_overdue,
               e->last_round ? e->last_round->closed : "–", e->n_reviews_in_progress);
    }
  if (portfolio->rows->len > 0)
    g_print ("\n%s\n", _("Levels per item, by city number, with the network's median:"));
  for (guint r = 0; r < portfolio->rows->len; r++)
    {
      ChartaPortfolioRow *row = g_ptr_array_index (portfolio->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *median = charta_json_format_double (row->median);

      for (guint i = 0; i < portfolio->entries->len; i++)
        if (row->levels[i] != CHARTA_UNSET)
          g_string_append_printf (line, " %u:%d", i + 1, row->levels[i]);
      g_print ("  %-32s %s %-6s%s\n", charta_item_get_id (row->item), _("median"), median, line->str);
    }
}

int
charta_cli_portfolio (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR…"));
  g_autoptr(ChartaPortfolio) portfolio = NULL;
  g_autofree char *date = NULL;
  gboolean json = FALSE, csv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the portfolio as JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the portfolio as CSV (a column per file)"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Count overdue actions as of DATE (YYYY-MM-DD; default today)"), N_("DATE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Compare cities side by side from local project files: the level per item "
                                           "per city with the network's median, actions by status, overdue actions, "
                                           "the last reporting round and the reviews in progress."));
  g_option_context_set_description (context, _("Each DIR is a folder whose *.charta files are read in name order, or a "
                                               "single project file.\nA file that does not load is listed with its "
                                               "error.\n\nExit status: 0 when every file loaded, 1 when any did not, "
                                               "2 on a usage error."));
  if (!parse (context, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return usage_error (_("portfolio needs at least one DIR or FILE"));
  if (json && csv)
    return usage_error (_("--json and --csv cannot be combined"));
  if (date != NULL && !charta_date_is_valid (date))
    return usage_error (_("--date needs a date in the form YYYY-MM-DD"));
  portfolio = charta_portfolio_new ((const char * const *) argv + 1, date);
  if (json)
    print_portfolio_json (portfolio);
  else if (csv)
    print_portfolio_csv (portfolio);
  else
    print_portfolio_text (portfolio);
  for (guint i = 0; i < portfolio->entries->len; i++)
    {
      ChartaPortfolioEntry *e = g_ptr_array_index (portfolio->entries, i);
      if (e->error)
        g_printerr ("%s\n", e->error);
    }
  return charta_portfolio_count_failed (portfolio) > 0 ? EXIT_INVALID : EXIT_OK;
}
