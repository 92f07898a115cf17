/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-portfolio"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charta-file.h"
#include "charta-portfolio.h"
#include "charta-review.h"

/* Several projects side by side (see charta-portfolio.h). The figures per city come from
 * charta_summary_new(), the rule charta-cli summary and the window's overview use, so the
 * portfolio cannot count differently. */

static void
entry_free (gpointer data)
{
  ChartaPortfolioEntry *e = data;

  g_free (e->path);
  g_clear_pointer (&e->project, charta_project_free);
  g_free (e->error);
  g_free (e);
}

static void
row_free (gpointer data)
{
  ChartaPortfolioRow *r = data;

  g_free (r->levels);
  g_free (r);
}

static void
count_entry (ChartaPortfolioEntry *e, const char *today)
{
  g_autoptr(ChartaSummary) summary = charta_summary_new (e->project, today);
  GPtrArray *rounds = e->project->rounds;
  GPtrArray *reviews = e->project->reviews;

  memcpy (e->actions, summary->actions, sizeof e->actions);
  e->n_overdue = summary->overdue->len;
  for (guint i = 0; rounds && i < rounds->len; i++)
    {
      const ChartaRound *r = g_ptr_array_index (rounds, i);
      if (e->last_round == NULL || g_strcmp0 (r->closed, e->last_round->closed) > 0)
        e->last_round = r;
    }
  for (guint i = 0; reviews && i < reviews->len; i++)
    if (charta_review_is_in_progress (g_ptr_array_index (reviews, i)))
      e->n_reviews_in_progress++;
}

static void
add_file (ChartaPortfolio *portfolio, const char *path)
{
  ChartaPortfolioEntry *e = g_new0 (ChartaPortfolioEntry, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  e->path = g_strdup (path);
  /* Messages name the file as it was given. */
  if (charta_file_load (file, CHARTA_PROJECT_MAX_SIZE, &data, &len, NULL, NULL, &error))
    e->project = charta_project_load_from_owned_data (data, len, path, &error);
  if (e->project == NULL)
    e->error = g_str_has_prefix (error->message, path) ? g_strdup (error->message)
                                                       : g_strdup_printf ("%s: %s", path, error->message);
  else
    count_entry (e, portfolio->today);
  g_ptr_array_add (portfolio->entries, e);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
add_folder (ChartaPortfolio *portfolio, const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      ChartaPortfolioEntry *e = g_new0 (ChartaPortfolioEntry, 1);
      e->path = g_strdup (path);
      e->error = g_strdup_printf ("%s: %s", path, error->message);
      g_ptr_array_add (portfolio->entries, e);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".charta"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    add_file (portfolio, g_ptr_array_index (names, i));
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static double
median_of (int *values, guint n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (int), compare_ints);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  guint pa = charta_item_get_position ((*(ChartaPortfolioRow **) a)->item);
  guint pb = charta_item_get_position ((*(ChartaPortfolioRow **) b)->item);

  return pa < pb ? -1 : pa > pb;
}

/* A row for every item some city has a level for. */
static void
build_rows (ChartaPortfolio *portfolio)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  g_autoptr(GHashTable) by_item = g_hash_table_new (NULL, NULL);
  g_autofree int *scratch = g_new (int, portfolio->entries->len + 1);
  guint n = portfolio->entries->len;

  for (guint i = 0; i < n; i++)
    {
      ChartaPortfolioEntry *e = g_ptr_array_index (portfolio->entries, i);
      for (guint k = 0; e->project && k < e->project->assessments->len; k++)
        {
          ChartaAssessment *a = g_ptr_array_index (e->project->assessments, k);
          const ChartaItem *item = charta_catalogue_lookup (catalogue, a->item);
          ChartaPortfolioRow *row;

          if (item == NULL || a->level == CHARTA_UNSET)
            continue;
          row = g_hash_table_lookup (by_item, item);
          if (row == NULL)
            {
              row = g_new0 (ChartaPortfolioRow, 1);
              row->item = item;
              row->levels = g_new (int, n);
              for (guint j = 0; j < n; j++)
                row->levels[j] = CHARTA_UNSET;
              g_hash_table_insert (by_item, (gpointer) item, row);
              g_ptr_array_add (portfolio->rows, row);
            }
          row->levels[i] = a->level;
        }
    }
  g_ptr_array_sort (portfolio->rows, compare_rows);
  for (guint r = 0; r < portfolio->rows->len; r++)
    {
      ChartaPortfolioRow *row = g_ptr_array_index (portfolio->rows, r);
      row->n_assessed = 0;
      for (guint j = 0; j < n; j++)
        if (row->levels[j] != CHARTA_UNSET)
          scratch[row->n_assessed++] = row->levels[j];
      row->median = median_of (scratch, row->n_assessed);
    }
}

ChartaPortfolio *
charta_portfolio_new (const char * const *paths, const char *today)
{
  ChartaPortfolio *portfolio = g_new0 (ChartaPortfolio, 1);

  g_return_val_if_fail (paths != NULL, portfolio);

  if (today != NULL)
    portfolio->today = g_strdup (today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      portfolio->today = g_date_time_format (now, "%Y-%m-%d");
    }
  portfolio->entries = g_ptr_array_new_with_free_func (entry_free);
  portfolio->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        add_folder (portfolio, paths[i]);
      else
        add_file (portfolio, paths[i]);
    }
  build_rows (portfolio);
  return portfolio;
}

void
charta_portfolio_free (ChartaPortfolio *portfolio)
{
  if (portfolio == NULL)
    return;
  g_free (portfolio->today);
  g_clear_pointer (&portfolio->entries, g_ptr_array_unref);
  g_clear_pointer (&portfolio->rows, g_ptr_array_unref);
  g_free (portfolio);
}

guint
charta_portfolio_count_failed (const ChartaPortfolio *portfolio)
{
  guint n = 0;

  g_return_val_if_fail (portfolio != NULL, 0);

  for (guint i = 0; i < portfolio->entries->len; i++)
    if (((ChartaPortfolioEntry *) g_ptr_array_index (portfolio->entries, i))->project == NULL)
      n++;
  return n;
}

static gboolean
is_under (const ChartaItem *item, const ChartaItem *ancestor)
{
  for (const ChartaItem *i = item; i != NULL; i = charta_item_get_parent (i))
    if (i == ancestor)
      return TRUE;
  return FALSE;
}

/* A DIVE item serves a role when it names the role or one of the role's commitments. */
static gboolean
serves_role (const ChartaItem *item, const ChartaItem *role)
{
  if (charta_item_serves (item, charta_item_get_id (role)))
    return TRUE;
  for (guint i = 0; i < charta_item_get_n_children (role); i++)
    if (charta_item_serves (item, charta_item_get_id (charta_item_get_child (role, i))))
      return TRUE;
  return FALSE;
}

gboolean
charta_portfolio_row_matches (const ChartaPortfolioRow *row,
                              const ChartaFramework    *framework,
                              const ChartaItem         *group,
                              const ChartaItem         *role)
{
  g_return_val_if_fail (row != NULL, FALSE);

  if (framework != NULL && charta_item_get_framework (row->item) != framework)
    return FALSE;
  if (group != NULL && !is_under (row->item, group))
    return FALSE;
  return role == NULL || serves_role (row->item, role);
}
