/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-summary"
#include "config.h"

#include <stdio.h>
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
add_actions (ChartaProgress *progress, const ChartaSummary *s)
{
  const ChartaActionCounts *counts = charta_summary_get_counts (s, charta_item_get_id (progress->item));

  memcpy (progress->actions, counts->actions, sizeof progress->actions);
  progress->n_overdue = counts->n_overdue;
}

static void
add_target (GPtrArray *targets, const ChartaItem *item)
{
  const char *id = charta_item_get_id (item);

  if (!g_ptr_array_find (targets, id, NULL))
    g_ptr_array_add (targets, (gpointer) id);
}

/* What an action linked to @item serves: the item, everything above it, and (for a DIVE
 * item) the Charter items it serves with everything above those — the relation of
 * charta_action_serves(). The catalogue never changes, so this is worked out once per item. */
static GPtrArray *
targets_of (const ChartaItem *item)
{
  static GHashTable *cache;
  static GMutex lock;
  GPtrArray *targets;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  targets = g_hash_table_lookup (cache, item);
  if (targets == NULL)
    {
      targets = g_ptr_array_new ();
      for (const ChartaItem *it = item; it != NULL; it = charta_item_get_parent (it))
        {
          const char * const *serves = charta_item_get_serves (it);
          add_target (targets, it);
          for (guint i = 0; serves[i]; i++)
            for (const ChartaItem *up = charta_catalogue_lookup (charta_catalogue_get_default (), serves[i]);
                 up != NULL; up = charta_item_get_parent (up))
              add_target (targets, up);
        }
      g_hash_table_insert (cache, (gpointer) item, targets);
    }
  g_mutex_unlock (&lock);
  return targets;
}

typedef struct {
  ChartaActionCounts counts;
  guint last_action;   /* 1 + index of the last action counted, so an action counts once */
} Entry;

/* One pass over the actions: each adds itself to the counts of every item it serves. A
 * project with 20,000 actions costs a few hash look-ups per action, not one scan of all
 * actions per role, area and sidebar row. */
static void
count_actions (ChartaSummary *s, const ChartaProject *project)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; project->actions && i < project->actions->len; i++)
    {
      const ChartaAction *action = g_ptr_array_index (project->actions, i);
      gboolean overdue = charta_action_is_overdue (action, s->today);

      for (guint k = 0; action->items && k < action->items->len; k++)
        {
          const ChartaItem *item = charta_catalogue_lookup (catalogue, g_ptr_array_index (action->items, k));
          GPtrArray *targets = item ? targets_of (item) : NULL;

          for (guint t = 0; targets && t < targets->len; t++)
            {
              Entry *e = g_hash_table_lookup (s->counts, g_ptr_array_index (targets, t));
              if (e == NULL)
                {
                  e = g_new0 (Entry, 1);
                  g_hash_table_insert (s->counts, g_ptr_array_index (targets, t), e);
                }
              if (e->last_action == i + 1)
                continue;
              e->last_action = i + 1;
              e->counts.actions[action->status]++;
              if (overdue)
                e->counts.n_overdue++;
            }
        }
    }
}

const ChartaActionCounts *
charta_summary_get_counts (const ChartaSummary *summary, const char *item_id)
{
  static const ChartaActionCounts none;
  const Entry *e = g_hash_table_lookup (summary->counts, item_id);
  return e ? &e->counts : &none;
}

guint
charta_action_counts_get_open (const ChartaActionCounts *c)
{
  return c->actions[CHARTA_STATUS_PLANNED] + c->actions[CHARTA_STATUS_IN_PROGRESS] +
         c->actions[CHARTA_STATUS_POSTPONED];
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
  add_actions (&progress, s);
  g_array_append_val (s->roles, progress);
}

static void
summarise_area (ChartaSummary *s, const ChartaProject *project, const ChartaItem *area)
{
  ChartaProgress progress = { .item = area };

  add_assessment (&progress, project, area);
  add_actions (&progress, s);
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
  s->counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  count_actions (s, project);
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
  g_hash_table_unref (summary->counts);
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

/* @date plus @days, as YYYY-MM-DD; NULL for a date that is not one. */
static char *
date_after (const char *date, guint days)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) later = NULL;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  day = g_date_time_new_utc (y, m, d, 0, 0, 0);
  later = day ? g_date_time_add_days (day, (int) days) : NULL;
  return later ? g_date_time_format (later, "%Y-%m-%d") : NULL;
}

GPtrArray *
charta_actions_falling_due (const ChartaProject *project, const char *today, guint days, guint *n_overdue)
{
  g_autofree char *until = date_after (today, days);
  GPtrArray *due = g_ptr_array_new ();
  guint overdue = 0;

  g_return_val_if_fail (project != NULL && today != NULL, due);
  for (guint i = 0; until && project->actions && i < project->actions->len; i++)
    {
      ChartaAction *action = g_ptr_array_index (project->actions, i);

      if (!charta_action_is_open (action) || action->due == NULL || strcmp (action->due, until) > 0)
        continue;
      if (charta_action_is_overdue (action, today))
        overdue++;
      g_ptr_array_add (due, action);
    }
  g_ptr_array_sort (due, compare_due);
  if (n_overdue != NULL)
    *n_overdue = overdue;
  return due;
}
