/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-summary"
#include "config.h"

#include <string.h>

#include "charta-summary.h"

static gboolean
takes_level (const ChartaItem *item)
{
  const char *kind = charta_item_get_kind (item);
  return strcmp (kind, "commitment") == 0 || strcmp (kind, "indicator") == 0 ||
         strcmp (kind, "area") == 0 || strcmp (kind, "key-factor") == 0;
}

static void
add_assessment (ChartaProgress *progress, const ChartaProject *project, const ChartaItem *item)
{
  ChartaAssessment *a = charta_project_get_assessment (project, charta_item_get_id (item));
  const ChartaFramework *fw = charta_item_get_framework (item);

  progress->n_assessable++;
  if (a == NULL)
    return;
  if (a->level != CHARTA_UNSET)
    {
      progress->n_assessed++;
      progress->level_sum += (double) a->level / charta_framework_get_n_levels (fw);
    }
  if (a->key_problems)
    progress->n_key_problems += a->key_problems->len;
  if (a->recommendations)
    progress->n_recommendations += a->recommendations->len;
}

gboolean
charta_action_serves (const ChartaAction *action, const ChartaItem *target)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; action->items && i < action->items->len; i++)
    {
      const ChartaItem *item = charta_catalogue_lookup (catalogue, g_ptr_array_index (action->items, i));
      if (item == NULL)
        continue;
      if (charta_item_serves (item, charta_item_get_id (target)))
        return TRUE;
      /* A Charter commitment belongs to its role. */
      for (const ChartaItem *p = charta_item_get_parent (item); p; p = charta_item_get_parent (p))
        if (p == target)
          return TRUE;
    }
  return FALSE;
}

static void
add_actions (ChartaProgress *progress, const ChartaProject *project, const char *today)
{
  for (guint i = 0; project->actions && i < project->actions->len; i++)
    {
      ChartaAction *action = g_ptr_array_index (project->actions, i);
      if (!charta_action_serves (action, progress->item))
        continue;
      progress->actions[action->status]++;
      if (charta_action_is_overdue (action, today))
        progress->n_overdue++;
    }
}

static void
summarise_role (ChartaSummary *s, const ChartaProject *project, const ChartaItem *role)
{
  ChartaProgress progress = { .item = role };
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  /* A role is assessed through its own commitments and through every DIVE indicator
   * and area that serves it, so one assessment answers both frameworks. */
  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      if (!charta_project_uses_framework (project, charta_framework_get_id (fw)))
        continue;
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        {
          const ChartaItem *item = charta_framework_get_item (fw, i);
          if (!takes_level (item))
            continue;
          if (charta_item_get_parent (item) == role || charta_item_serves (item, charta_item_get_id (role)))
            add_assessment (&progress, project, item);
        }
    }
  add_actions (&progress, project, s->today);
  g_array_append_val (s->roles, progress);
}

static void
summarise_area (ChartaSummary *s, const ChartaProject *project, const ChartaItem *area)
{
  ChartaProgress progress = { .item = area };

  add_assessment (&progress, project, area);
  add_actions (&progress, project, s->today);
  g_array_append_val (s->areas, progress);
}

static int
compare_due (gconstpointer a, gconstpointer b)
{
  const ChartaAction *x = *(ChartaAction **) a, *y = *(ChartaAction **) b;
  int c = strcmp (x->due, y->due);
  return c ? c : g_strcmp0 (x->title, y->title);
}

ChartaSummary *
charta_summary_new (const ChartaProject *project, const char *today)
{
  ChartaSummary *s = g_new0 (ChartaSummary, 1);
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaFramework *fw;

  if (today != NULL)
    s->today = g_strdup (today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      s->today = g_date_time_format (now, "%Y-%m-%d");
    }
  s->roles = g_array_new (FALSE, TRUE, sizeof (ChartaProgress));
  s->areas = g_array_new (FALSE, TRUE, sizeof (ChartaProgress));
  s->overdue = g_ptr_array_new ();

  fw = charta_catalogue_find_framework (catalogue, "charter");
  for (guint i = 0; fw && i < charta_framework_get_n_items (fw); i++)
    if (strcmp (charta_item_get_kind (charta_framework_get_item (fw, i)), "role") == 0)
      summarise_role (s, project, charta_framework_get_item (fw, i));

  fw = charta_catalogue_find_framework (catalogue, "dive");
  if (fw && charta_project_uses_framework (project, "dive"))
    for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
      if (strcmp (charta_item_get_kind (charta_framework_get_item (fw, i)), "area") == 0)
        summarise_area (s, project, charta_framework_get_item (fw, i));

  for (guint i = 0; project->actions && i < project->actions->len; i++)
    {
      ChartaAction *action = g_ptr_array_index (project->actions, i);
      s->actions[action->status]++;
      if (charta_action_is_overdue (action, s->today))
        g_ptr_array_add (s->overdue, action);
    }
  g_ptr_array_sort (s->overdue, compare_due);
  return s;
}

void
charta_summary_free (ChartaSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->today);
  g_array_unref (summary->roles);
  g_array_unref (summary->areas);
  g_ptr_array_unref (summary->overdue);
  g_free (summary);
}

double
charta_progress_get_mean (const ChartaProgress *progress)
{
  if (progress->n_assessed == 0)
    return -1.0;
  return progress->level_sum / progress->n_assessed;
}

guint
charta_progress_get_open_actions (const ChartaProgress *progress)
{
  return progress->actions[CHARTA_STATUS_PLANNED] + progress->actions[CHARTA_STATUS_IN_PROGRESS] +
         progress->actions[CHARTA_STATUS_POSTPONED];
}
