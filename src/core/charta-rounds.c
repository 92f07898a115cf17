/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-rounds"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-date.h"
#include "charta-format.h"
#include "charta-rounds.h"

G_DEFINE_QUARK (charta-rounds-error-quark, charta_rounds_error)

/* ---- closing, renaming, finding ---- */

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
check_label (const char *label, GError **error)
{
  if (label == NULL || !g_utf8_validate (label, -1, NULL) || is_blank (label))
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID,
                   _("label: a round needs a label, e.g. “2024” or “Yearly evaluation 2024”"));
      return FALSE;
    }
  if (g_utf8_strlen (label, -1) > CHARTA_TITLE_MAX_CHARS || strpbrk (label, "\n\r") != NULL)
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID,
                   _("label: one line of at most %d characters"), CHARTA_TITLE_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

static ChartaRound *
round_by_id (const ChartaProject *project, const char *id)
{
  for (guint i = 0; project->rounds && id && i < project->rounds->len; i++)
    {
      ChartaRound *r = g_ptr_array_index (project->rounds, i);
      if (g_strcmp0 (r->id, id) == 0)
        return r;
    }
  return NULL;
}

const ChartaRound *
charta_project_get_last_round (const ChartaProject *project)
{
  const ChartaRound *last = NULL;

  g_return_val_if_fail (project != NULL, NULL);

  for (guint i = 0; project->rounds && i < project->rounds->len; i++)
    {
      const ChartaRound *r = g_ptr_array_index (project->rounds, i);
      if (last == NULL || g_strcmp0 (r->closed, last->closed) >= 0)
        last = r;
    }
  return last;
}

const ChartaRound *
charta_project_close_round (ChartaProject *project, const char *label, const char *closed,
                            GError **error)
{
  const ChartaRound *last;
  g_autofree char *stripped = NULL;
  ChartaRound *round;

  g_return_val_if_fail (project != NULL, NULL);

  if (!check_label (label, error))
    return NULL;
  if (closed == NULL || !charta_date_is_valid (closed))
    {
      g_autofree char *why = charta_date_describe_invalid (closed ? closed : "");
      /* Translators: the field, then why the date is not valid */
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID, _("closed: %s"), why);
      return NULL;
    }
  last = charta_project_get_last_round (project);
  if (last != NULL && strcmp (closed, last->closed) < 0)
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID,
                   _("closed: %s is before %s, when the last round “%s” was closed"),
                   closed, last->closed, last->label);
      return NULL;
    }
  stripped = g_strstrip (g_strdup (label));
  round = charta_round_new (project, stripped, closed);
  if (project->rounds == NULL)
    project->rounds = g_ptr_array_new ();
  g_ptr_array_add (project->rounds, round);
  return round;
}

gboolean
charta_project_rename_round (ChartaProject *project, const char *round_id, const char *label,
                             GError **error)
{
  ChartaRound *round;

  g_return_val_if_fail (project != NULL, FALSE);

  round = round_by_id (project, round_id);
  if (round == NULL)
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                   _("rounds: no round with the id “%s”"), round_id ? round_id : "");
      return FALSE;
    }
  if (!check_label (label, error))
    return FALSE;
  g_free (round->label);
  round->label = g_strstrip (g_strdup (label));
  return TRUE;
}

gboolean
charta_project_update_round (ChartaProject *project, const ChartaRound *round, GError **error)
{
  g_autoptr(ChartaRound) same_label = NULL;
  ChartaRound *old;

  g_return_val_if_fail (project != NULL && round != NULL, FALSE);

  old = round_by_id (project, round->id);
  if (old == NULL)
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                   _("rounds: no round with the id “%s”"), round->id ? round->id : "");
      return FALSE;
    }
  /* Everything but the label must be as it was closed. */
  same_label = charta_round_copy (round);
  g_free (same_label->label);
  same_label->label = g_strdup (old->label);
  if (!charta_round_equal (same_label, old))
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_FROZEN,
                   _("rounds: round “%s” is closed: its date, period and snapshot cannot be "
                     "changed, only its label"), old->label);
      return FALSE;
    }
  return charta_project_rename_round (project, round->id, round->label, error);
}

static char *
list_rounds (const ChartaProject *project)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; project->rounds && i < project->rounds->len; i++)
    {
      const ChartaRound *r = g_ptr_array_index (project->rounds, i);
      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: a round in a list: its number and label, e.g. 1 “2018” */
      g_string_append_printf (text, _("%u “%s”"), i + 1, r->label);
    }
  return g_string_free (text, FALSE);
}

const ChartaRound *
charta_project_find_round (const ChartaProject *project, const char *name, GError **error)
{
  const ChartaRound *found = NULL;
  guint n = project->rounds ? project->rounds->len : 0, n_found = 0;
  g_autofree char *known = NULL;
  char *end = NULL;
  guint64 number;

  g_return_val_if_fail (project != NULL && name != NULL, NULL);

  if ((found = round_by_id (project, name)) != NULL)
    return found;
  for (guint i = 0; i < n; i++)
    {
      const ChartaRound *r = g_ptr_array_index (project->rounds, i);
      if (g_strcmp0 (r->label, name) == 0)
        found = r, n_found++;
    }
  if (n_found == 1)
    return found;
  number = g_ascii_strtoull (name, &end, 10);
  if (n_found == 0 && *name != '\0' && *end == '\0' && number >= 1 && number <= n)
    return g_ptr_array_index (project->rounds, number - 1);

  known = list_rounds (project);
  if (n == 0)
    g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                 _("no round “%s”: the project has no closed round"), name);
  else if (n_found > 1)
    g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                 _("%u rounds are labelled “%s”: name one by its number or id (%s)"), n_found, name, known);
  else
    g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                 _("no round “%s”: name one by its number, label or id (%s)"), name, known);
  return NULL;
}

/* ---- the open round's period ---- */

char *
charta_project_get_report_period (const ChartaProject *project, GDateTime *made)
{
  g_autoptr(GDateTime) now = made ? g_date_time_to_utc (made) : g_date_time_new_now_utc ();
  const ChartaPeriod *p = project ? project->period : NULL;
  int year = g_date_time_get_year (now);
  int sy, sm, ey, em;

  if (p == NULL || !charta_date_is_valid (p->start) || !charta_date_is_valid (p->end) ||
      sscanf (p->start, "%4d-%2d", &sy, &sm) != 2 || sscanf (p->end, "%4d-%2d", &ey, &em) != 2 ||
      strcmp (p->start, p->end) > 0 || sy < 1900)
    return g_strdup_printf ("%04d", year);
  if (sy != ey)
    return g_strdup_printf ("%04d", CLAMP (year, sy, ey));
  if (sm == em)
    return g_strdup_printf ("%04d-%02d", sy, sm);
  if ((sm - 1) / 3 == (em - 1) / 3)
    return g_strdup_printf ("%04d-Q%d", sy, (sm - 1) / 3 + 1);
  if ((sm - 1) / 6 == (em - 1) / 6)
    return g_strdup_printf ("%04d-H%d", sy, (sm - 1) / 6 + 1);
  return g_strdup_printf ("%04d", sy);
}

/* ---- what changed ---- */

static const char * const kind_keys[] = {
  "level-up", "level-down", "action-added", "action-completed", "action-postponed",
  "action-overdue", "measure-toward-target", "measure-away-from-target",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_keys) == CHARTA_N_CHANGE_KINDS);

static const char * const direction_keys[] = { "increase", "decrease", "maintain" };

const char *
charta_change_kind_to_string (ChartaChangeKind kind)
{
  g_return_val_if_fail (kind < CHARTA_N_CHANGE_KINDS, NULL);
  return kind_keys[kind];
}

const char *
charta_change_kind_get_label (ChartaChangeKind kind)
{
  switch (kind)
    {
    case CHARTA_CHANGE_LEVEL_UP: return _("Level up");
    case CHARTA_CHANGE_LEVEL_DOWN: return _("Level down");
    case CHARTA_CHANGE_ACTION_ADDED: return _("Action added");
    case CHARTA_CHANGE_ACTION_COMPLETED: return _("Action completed");
    case CHARTA_CHANGE_ACTION_POSTPONED: return _("Action postponed");
    case CHARTA_CHANGE_ACTION_OVERDUE: return _("Action newly overdue");
    case CHARTA_CHANGE_MEASURE_TOWARD: return _("Measure toward its target");
    case CHARTA_CHANGE_MEASURE_AWAY: return _("Measure away from its target");
    case CHARTA_N_CHANGE_KINDS:
    default: return NULL;
    }
}

static void
change_free (ChartaChange *c)
{
  g_free (c->id);
  g_free (c->title);
  g_free (c->due);
  g_strfreev (c->items);
  g_free (c->unit);
  g_clear_pointer (&c->old_value, charta_dated_value_free);
  g_clear_pointer (&c->new_value, charta_dated_value_free);
  g_clear_pointer (&c->target, charta_dated_value_free);
  g_free (c);
}

static char **
strv_of (const GPtrArray *list)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint i = 0; list && i < list->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

static ChartaChange *
change_new (ChartaChanges *changes, ChartaChangeKind kind, const char *id, const char *title)
{
  ChartaChange *c = g_new0 (ChartaChange, 1);

  c->kind = kind;
  c->id = g_strdup (id);
  c->title = g_strdup (title);
  c->old_level = c->new_level = CHARTA_UNSET;
  c->old_status = c->new_status = CHARTA_UNSET;
  c->direction = CHARTA_UNSET;
  g_ptr_array_add (changes->changes, c);
  return c;
}

static void
compare_levels (ChartaChanges *changes, const ChartaProject *project, const ChartaSnapshot *snap)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  g_autoptr(GHashTable) then = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; snap && snap->items && i < snap->items->len; i++)
    {
      ChartaSnapshotItem *s = g_ptr_array_index (snap->items, i);
      g_hash_table_insert (then, s->item, s);
    }
  for (guint i = 0; project->assessments && i < project->assessments->len; i++)
    {
      const ChartaAssessment *a = g_ptr_array_index (project->assessments, i);
      const ChartaSnapshotItem *s = g_hash_table_lookup (then, a->item);
      const ChartaItem *item = charta_catalogue_lookup (catalogue, a->item);
      ChartaChange *c;

      /* An item assessed for the first time, or no longer, has no level to compare. */
      if (s == NULL || s->level == CHARTA_UNSET || a->level == CHARTA_UNSET || s->level == a->level)
        continue;
      c = change_new (changes, a->level > s->level ? CHARTA_CHANGE_LEVEL_UP : CHARTA_CHANGE_LEVEL_DOWN,
                      a->item, item ? charta_item_get_title (item) : a->item);
      c->old_level = s->level;
      c->new_level = a->level;
      c->items = g_new0 (char *, 2);
      c->items[0] = g_strdup (a->item);
    }
}

static ChartaChange *
action_change (ChartaChanges *changes, ChartaChangeKind kind, const ChartaAction *a, int old_status)
{
  ChartaChange *c = change_new (changes, kind, a->id, a->title);

  c->old_status = old_status;
  c->new_status = a->status;
  c->due = g_strdup (a->due);
  c->items = strv_of (a->items);
  return c;
}

static void
compare_actions (ChartaChanges *changes, const ChartaProject *project, const ChartaSnapshot *snap)
{
  g_autoptr(GHashTable) then = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; snap && snap->actions && i < snap->actions->len; i++)
    {
      ChartaSnapshotAction *s = g_ptr_array_index (snap->actions, i);
      g_hash_table_insert (then, s->id, s);
    }
  for (guint i = 0; project->actions && i < project->actions->len; i++)
    {
      const ChartaAction *a = g_ptr_array_index (project->actions, i);
      const ChartaSnapshotAction *s = a->id ? g_hash_table_lookup (then, a->id) : NULL;
      int old_status = s ? s->status : CHARTA_UNSET;
      gboolean was_overdue = FALSE;

      if (s == NULL)
        action_change (changes, CHARTA_CHANGE_ACTION_ADDED, a, old_status);
      if (a->status == CHARTA_STATUS_DONE && old_status != CHARTA_STATUS_DONE)
        action_change (changes, CHARTA_CHANGE_ACTION_COMPLETED, a, old_status);
      if (a->status == CHARTA_STATUS_POSTPONED && old_status != CHARTA_STATUS_POSTPONED)
        action_change (changes, CHARTA_CHANGE_ACTION_POSTPONED, a, old_status);
      if (s != NULL)
        {
          /* The same rule as today's, applied to the status then and the close date. */
          ChartaAction then_action = *a;
          then_action.status = s->status;
          was_overdue = charta_action_is_overdue (&then_action, changes->since->closed);
        }
      if (charta_action_is_overdue (a, changes->today) && !was_overdue)
        action_change (changes, CHARTA_CHANGE_ACTION_OVERDUE, a, old_status);
    }
}

/* -1 away from the target, 1 toward it, 0 neither. */
static int
measure_movement (const ChartaMeasure *m, double old, double now)
{
  double ref;

  switch (m->direction)
    {
    case CHARTA_DIRECTION_INCREASE: return now > old ? 1 : now < old ? -1 : 0;
    case CHARTA_DIRECTION_DECREASE: return now < old ? 1 : now > old ? -1 : 0;
    case CHARTA_DIRECTION_MAINTAIN:
    default:
      /* Keeping a level: the target if there is one, else what it was. */
      ref = m->target && isfinite (m->target->value) ? m->target->value
            : m->baseline && isfinite (m->baseline->value) ? m->baseline->value : old;
      return fabs (now - ref) < fabs (old - ref) ? 1 : fabs (now - ref) > fabs (old - ref) ? -1 : 0;
    }
}

static void
compare_measures (ChartaChanges *changes, const ChartaProject *project, const ChartaSnapshot *snap)
{
  g_autoptr(GHashTable) then = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; snap && snap->measures && i < snap->measures->len; i++)
    {
      ChartaSnapshotMeasure *s = g_ptr_array_index (snap->measures, i);
      g_hash_table_insert (then, s->id, s);
    }
  for (guint i = 0; project->measures && i < project->measures->len; i++)
    {
      const ChartaMeasure *m = g_ptr_array_index (project->measures, i);
      const ChartaSnapshotMeasure *s = m->id ? g_hash_table_lookup (then, m->id) : NULL;
      g_autoptr(ChartaDatedValue) now = charta_measure_get_latest (m, project, changes->today);
      ChartaChange *c;
      int move;

      if (s == NULL || now == NULL || !isfinite (s->value))
        continue;
      move = measure_movement (m, s->value, now->value);
      if (move == 0)
        continue;
      c = change_new (changes, move > 0 ? CHARTA_CHANGE_MEASURE_TOWARD : CHARTA_CHANGE_MEASURE_AWAY,
                      m->id, m->title);
      c->old_value = charta_dated_value_new (s->date, s->value);
      c->new_value = g_steal_pointer (&now);
      c->target = m->target ? charta_dated_value_copy (m->target) : NULL;
      c->unit = g_strdup (m->unit);
      c->direction = m->direction;
      c->items = strv_of (m->items);
    }
}

/* What @item counts toward: itself, what it lies under, and what it serves with what that
 * lies under — the relation the summary counts actions by. Worked out once per item. */
static GPtrArray *
targets_of (GHashTable *cache, const ChartaItem *item)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GPtrArray *targets = g_hash_table_lookup (cache, item);

  if (targets != NULL)
    return targets;
  targets = g_ptr_array_new ();
  for (const ChartaItem *it = item; it != NULL; it = charta_item_get_parent (it))
    {
      const char * const *serves = charta_item_get_serves (it);
      g_ptr_array_add (targets, (gpointer) it);
      for (guint i = 0; serves && serves[i]; i++)
        for (const ChartaItem *up = charta_catalogue_lookup (catalogue, serves[i]); up; up = charta_item_get_parent (up))
          g_ptr_array_add (targets, (gpointer) up);
    }
  g_hash_table_insert (cache, (gpointer) item, targets);
  return targets;
}

static void
add_candidates (GPtrArray *groups, const char *framework, const char *kind)
{
  const ChartaFramework *fw = charta_catalogue_find_framework (charta_catalogue_get_default (), framework);

  for (guint i = 0; fw && i < charta_framework_get_n_items (fw); i++)
    if (strcmp (charta_item_get_kind (charta_framework_get_item (fw, i)), kind) == 0)
      {
        ChartaChangeGroup *g = g_new0 (ChartaChangeGroup, 1);
        g->item = charta_framework_get_item (fw, i);
        g->changes = g_ptr_array_new ();
        g_ptr_array_add (groups, g);
      }
}

/* Puts @c in every candidate group its items count toward, once each; TRUE if any. */
static gboolean
place_change (ChartaChange *c, GHashTable *group_of, GHashTable *cache)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  gboolean placed = FALSE;

  for (guint i = 0; c->items && c->items[i]; i++)
    {
      const ChartaItem *item = charta_catalogue_lookup (catalogue, c->items[i]);
      GPtrArray *targets = item ? targets_of (cache, item) : NULL;

      for (guint t = 0; targets && t < targets->len; t++)
        {
          ChartaChangeGroup *g = g_hash_table_lookup (group_of, g_ptr_array_index (targets, t));
          if (g == NULL)
            continue;
          if (g->changes->len == 0 || g_ptr_array_index (g->changes, g->changes->len - 1) != c)
            g_ptr_array_add (g->changes, c);
          placed = TRUE;
        }
    }
  return placed;
}

/* Roles, then areas, then the rest; a change is in every group it counts toward. One
 * pass over the changes, so 20,000 actions cost a few look-ups each. */
static void
group_changes (ChartaChanges *changes, const ChartaProject *project)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GHashTable) group_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  ChartaChangeGroup *other = g_new0 (ChartaChangeGroup, 1);

  add_candidates (candidates, "charter", "role");
  if (charta_project_uses_framework (project, "dive"))
    add_candidates (candidates, "dive", "area");
  for (guint i = 0; i < candidates->len; i++)
    {
      ChartaChangeGroup *g = g_ptr_array_index (candidates, i);
      g_hash_table_insert (group_of, (gpointer) g->item, g);
    }
  other->changes = g_ptr_array_new ();
  g_ptr_array_add (candidates, other);
  for (guint i = 0; i < changes->changes->len; i++)
    {
      ChartaChange *c = g_ptr_array_index (changes->changes, i);
      if (!place_change (c, group_of, cache))
        g_ptr_array_add (other->changes, c);
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      ChartaChangeGroup *g = g_ptr_array_index (candidates, i);
      if (g->changes->len > 0)
        g_ptr_array_add (changes->groups, g);
      else
        {
          g_ptr_array_unref (g->changes);
          g_free (g);
        }
    }
}

ChartaChanges *
charta_changes_new (const ChartaProject *project, const ChartaRound *since, const char *today,
                    GError **error)
{
  ChartaChanges *changes;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (today == NULL || charta_date_is_valid (today), NULL);

  if (since == NULL && (since = charta_project_get_last_round (project)) == NULL)
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                   _("rounds: the project has no closed round to compare with"));
      return NULL;
    }
  /* The format allows a round without a snapshot (written by hand or by another tool):
   * without one, every action would look added. */
  if (since->snapshot == NULL)
    {
      g_set_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND,
                   _("rounds: round “%s” has no snapshot to compare with"), since->label);
      return NULL;
    }
  changes = g_new0 (ChartaChanges, 1);
  changes->since = charta_round_copy (since);
  changes->today = today ? g_strdup (today) : charta_date_today ();
  changes->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  changes->groups = g_ptr_array_new ();
  compare_levels (changes, project, since->snapshot);
  compare_actions (changes, project, since->snapshot);
  compare_measures (changes, project, since->snapshot);
  group_changes (changes, project);
  return changes;
}

void
charta_changes_free (ChartaChanges *changes)
{
  if (changes == NULL)
    return;
  for (guint i = 0; i < changes->groups->len; i++)
    {
      ChartaChangeGroup *g = g_ptr_array_index (changes->groups, i);
      g_ptr_array_unref (g->changes);
      g_free (g);
    }
  g_ptr_array_unref (changes->groups);
  g_ptr_array_unref (changes->changes);
  charta_round_free (changes->since);
  g_free (changes->today);
  g_free (changes);
}

guint
charta_changes_count (const ChartaChanges *changes, ChartaChangeKind kind)
{
  guint n = 0;

  for (guint i = 0; i < changes->changes->len; i++)
    n += ((ChartaChange *) g_ptr_array_index (changes->changes, i))->kind == kind;
  return n;
}

static char *
value_text (const ChartaDatedValue *v, const char *unit)
{
  g_autofree char *number = charta_json_format_double (v->value);
  g_autofree char *date = v->date ? charta_format_date (v->date) : NULL;
  g_autofree char *with_unit = NULL;

  if (unit != NULL && *unit != '\0')
    /* Translators: a measured value and its unit, e.g. "12.1 %" */
    number = (with_unit = number, g_strdup_printf (C_("measure value", "%s %s"), with_unit, unit));
  if (date == NULL)
    return g_steal_pointer (&number);
  /* Translators: a measured value and its date, e.g. "12.1 % (30/11/2026)" */
  return g_strdup_printf (C_("measure value", "%s (%s)"), number, date);
}

char *
charta_change_describe (const ChartaChange *c)
{
  g_autofree char *from = NULL, *to = NULL, *target = NULL, *due = NULL;

  g_return_val_if_fail (c != NULL, NULL);

  switch (c->kind)
    {
    case CHARTA_CHANGE_LEVEL_UP:
    case CHARTA_CHANGE_LEVEL_DOWN:
      /* Translators: an item's level then and now, e.g. "level 2 → 3" */
      return g_strdup_printf (_("level %d → %d"), c->old_level, c->new_level);
    case CHARTA_CHANGE_ACTION_ADDED:
    case CHARTA_CHANGE_ACTION_OVERDUE:
      if (c->due == NULL)
        return g_strdup (charta_status_get_label (c->new_status));
      due = charta_format_date (c->due);
      /* Translators: an action's status and due date, e.g. "Planned, due 30/06/2026" */
      return g_strdup_printf (_("%s, due %s"), charta_status_get_label (c->new_status), due);
    case CHARTA_CHANGE_ACTION_COMPLETED:
    case CHARTA_CHANGE_ACTION_POSTPONED:
      if (c->old_status == CHARTA_UNSET)
        /* Translators: the status of an action added since the round, e.g. "new, Done" */
        return g_strdup_printf (_("new, %s"), charta_status_get_label (c->new_status));
      /* Translators: an action's status then and now, e.g. "In progress → Done" */
      return g_strdup_printf (_("%s → %s"), charta_status_get_label (c->old_status),
                              charta_status_get_label (c->new_status));
    case CHARTA_CHANGE_MEASURE_TOWARD:
    case CHARTA_CHANGE_MEASURE_AWAY:
      from = value_text (c->old_value, c->unit);
      to = value_text (c->new_value, c->unit);
      if (c->target == NULL || !isfinite (c->target->value))
        /* Translators: a measure's value at the round and now */
        return g_strdup_printf (_("%s → %s"), from, to);
      target = value_text (c->target, c->unit);
      /* Translators: a measure's value at the round and now, then its target */
      return g_strdup_printf (_("%s → %s, target %s"), from, to, target);
    case CHARTA_N_CHANGE_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_string (ChartaNode *object, const char *key, const char *value)
{
  charta_node_set_member (object, key, value ? charta_node_new_string (value) : charta_node_new_null ());
}

static ChartaNode *
value_node (const ChartaDatedValue *v)
{
  ChartaNode *node;

  if (v == NULL)
    return charta_node_new_null ();
  node = charta_node_new_object ();
  set_string (node, "date", v->date);
  charta_node_set_member (node, "value", charta_node_new_number_double (v->value));
  return node;
}

static ChartaNode *
change_node (const ChartaChange *c, GHashTable *groups_of)
{
  ChartaNode *node = charta_node_new_object ();
  ChartaNode *groups = charta_node_new_array ();
  GPtrArray *ids = g_hash_table_lookup (groups_of, c);

  set_string (node, "kind", kind_keys[c->kind]);
  set_string (node, "id", c->id);
  set_string (node, "title", c->title);
  if (c->kind <= CHARTA_CHANGE_LEVEL_DOWN)
    {
      charta_node_set_member (node, "from", charta_node_new_number_int (c->old_level));
      charta_node_set_member (node, "to", charta_node_new_number_int (c->new_level));
    }
  else if (c->kind <= CHARTA_CHANGE_ACTION_OVERDUE)
    {
      set_string (node, "from", c->old_status == CHARTA_UNSET ? NULL : charta_status_to_string (c->old_status));
      set_string (node, "to", charta_status_to_string (c->new_status));
      set_string (node, "due", c->due);
    }
  else
    {
      charta_node_set_member (node, "from", value_node (c->old_value));
      charta_node_set_member (node, "to", value_node (c->new_value));
      charta_node_set_member (node, "target", value_node (c->target));
      set_string (node, "direction", direction_keys[CLAMP (c->direction, 0, 2)]);
      set_string (node, "unit", c->unit);
    }
  for (guint i = 0; ids && i < ids->len; i++)
    charta_node_append (groups, charta_node_new_string (g_ptr_array_index (ids, i)));
  charta_node_set_member (node, "groups", groups);
  return node;
}

ChartaNode *
charta_changes_to_node (const ChartaChanges *changes)
{
  ChartaNode *root = charta_node_new_object ();
  ChartaNode *since = charta_node_new_object ();
  ChartaNode *counts = charta_node_new_object ();
  ChartaNode *list = charta_node_new_array ();
  ChartaNode *groups = charta_node_new_array ();
  g_autoptr(GHashTable) groups_of = NULL;

  g_return_val_if_fail (changes != NULL, root);

  set_string (since, "id", changes->since->id);
  set_string (since, "label", changes->since->label);
  set_string (since, "closed", changes->since->closed);
  charta_node_set_member (root, "since", since);
  set_string (root, "today", changes->today);
  for (guint k = 0; k < CHARTA_N_CHANGE_KINDS; k++)
    charta_node_set_member (counts, kind_keys[k], charta_node_new_number_int (charta_changes_count (changes, k)));
  charta_node_set_member (root, "counts", counts);
  /* Each change's groups, in one pass over the groups rather than one per change. */
  groups_of = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < changes->groups->len; i++)
    {
      const ChartaChangeGroup *g = g_ptr_array_index (changes->groups, i);
      for (guint k = 0; g->item != NULL && k < g->changes->len; k++)
        {
          GPtrArray *ids = g_hash_table_lookup (groups_of, g_ptr_array_index (g->changes, k));
          if (ids == NULL)
            g_hash_table_insert (groups_of, g_ptr_array_index (g->changes, k), ids = g_ptr_array_new ());
          g_ptr_array_add (ids, (gpointer) charta_item_get_id (g->item));
        }
    }
  for (guint i = 0; i < changes->changes->len; i++)
    charta_node_append (list, change_node (g_ptr_array_index (changes->changes, i), groups_of));
  charta_node_set_member (root, "changes", list);
  for (guint i = 0; i < changes->groups->len; i++)
    {
      const ChartaChangeGroup *g = g_ptr_array_index (changes->groups, i);
      ChartaNode *group = charta_node_new_object ();
      set_string (group, "id", g->item ? charta_item_get_id (g->item) : NULL);
      set_string (group, "title", g->item ? charta_item_get_title (g->item) : _("Other"));
      charta_node_set_member (group, "changes", charta_node_new_number_int (g->changes->len));
      charta_node_append (groups, group);
    }
  charta_node_set_member (root, "groups", groups);
  return root;
}
