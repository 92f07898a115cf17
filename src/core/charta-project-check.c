/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-project-private.h"

/* The checks across a project, against the catalogue and between its parts; they run
 * once every field is read, and only look at what loaded. */

/* ---- checks across the whole project ---- */

static const ChartaNode *
node_at (const ChartaNode *root, const char *key, guint index, const char *subkey)
{
  const ChartaNode *n = charta_node_get_member (root, key);
  if (n == NULL)
    return root;
  if (n->type == CHARTA_NODE_ARRAY && index < n->array->len)
    {
      const ChartaNode *e = g_ptr_array_index (n->array, index);
      const ChartaNode *s = (subkey && e->type == CHARTA_NODE_OBJECT) ? charta_node_get_member (e, subkey) : NULL;
      return s ? s : e;
    }
  return n;
}

static void
check_assessments (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  const ChartaNode *map = charta_node_get_member (root, "assessments");

  for (guint i = 0; p->assessments && i < p->assessments->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (p->assessments, i);
      const ChartaItem *item = charta_catalogue_lookup (l->catalogue, a->item);
      const ChartaFramework *fw = charta_item_get_framework (item);
      const ChartaNode *at = map ? charta_node_get_member (map, a->item) : root;
      Path base = { NULL, "assessments", 0 };
      Path path = { &base, a->item, 0 };

      if (!charta_project_uses_framework (p, charta_framework_get_id (fw)))
        _charta_problem (l, at, &path, _("the project does not use the framework “%s”"), charta_framework_get_id (fw));
      if (a->level != CHARTA_UNSET && charta_framework_find_level (fw, a->level) == NULL)
        {
          Path level_path = { &path, "level", 0 };
          const ChartaNode *level_at = at && at->type == CHARTA_NODE_OBJECT ? charta_node_get_member (at, "level") : NULL;
          _charta_problem (l, level_at ? level_at : at, &level_path, _("level %d is off the %s scale (1 to %u)"), a->level,
                   charta_framework_get_id (fw), charta_framework_get_n_levels (fw));
        }
      for (guint k = 0; a->key_problems && k < a->key_problems->len; k++)
        {
          const ChartaItem *kp = charta_catalogue_lookup (l->catalogue, g_ptr_array_index (a->key_problems, k));
          if (charta_item_get_parent (kp) != item)
            _charta_problem (l, at, &path, _("key problem “%s” does not belong to “%s”"), charta_item_get_id (kp), a->item);
        }
      for (guint k = 0; a->recommendations && k < a->recommendations->len; k++)
        {
          const ChartaItem *r = charta_catalogue_lookup (l->catalogue, g_ptr_array_index (a->recommendations, k));
          const ChartaItem *kp = charta_item_get_parent (r);
          if (kp == NULL || charta_item_get_parent (kp) != item)
            _charta_problem (l, at, &path, _("recommendation “%s” does not belong to “%s”"), charta_item_get_id (r), a->item);
        }
    }
}

static GHashTable *
index_ids (GPtrArray *list)
{
  /* Every listed object starts with its id. */
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; list && i < list->len; i++)
    {
      const char *id = *(char **) g_ptr_array_index (list, i);
      if (id != NULL)
        g_hash_table_add (index, (gpointer) id);
    }
  return index;
}

static void
check_references (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  g_autoptr(GHashTable) people = index_ids (p->people);
  g_autoptr(GHashTable) partners = index_ids (p->partners);

  for (guint i = 0; p->actions && i < p->actions->len; i++)
    {
      ChartaAction *a = g_ptr_array_index (p->actions, i);
      Path base = { NULL, "actions", 0 };
      Path path = { &base, NULL, i };

      if (a->owner && !g_hash_table_contains (people, a->owner))
        {
          Path f = { &path, "owner", 0 };
          _charta_problem (l, node_at (root, "actions", i, "owner"), &f, _("no person with the id “%s”"), a->owner);
        }
      for (guint k = 0; a->partners && k < a->partners->len; k++)
        if (!g_hash_table_contains (partners, g_ptr_array_index (a->partners, k)))
          {
            Path f = { &path, "partners", 0 };
            _charta_problem (l, node_at (root, "actions", i, "partners"), &f, _("no partner with the id “%s”"),
                     (char *) g_ptr_array_index (a->partners, k));
          }
      if (a->start && a->due && strcmp (a->start, a->due) > 0)
        {
          Path f = { &path, "due", 0 };
          _charta_problem (l, node_at (root, "actions", i, "due"), &f, _("due %s is before the start %s"), a->due, a->start);
        }
    }
  if (p->period && p->period->start && p->period->end && strcmp (p->period->start, p->period->end) > 0)
    {
      Path base = { NULL, "period", 0 };
      Path f = { &base, "end", 0 };
      const ChartaNode *period = charta_node_get_member (root, "period");
      const ChartaNode *end = period && period->type == CHARTA_NODE_OBJECT ? charta_node_get_member (period, "end") : NULL;
      _charta_problem (l, end ? end : root, &f, _("the period ends (%s) before it starts (%s)"), p->period->end, p->period->start);
    }
}

static void
check_frameworks (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  const ChartaNode *list = charta_node_get_member (root, "frameworks");

  for (guint i = 0; p->frameworks && i < p->frameworks->len; i++)
    if (charta_catalogue_find_framework (l->catalogue, g_ptr_array_index (p->frameworks, i)) == NULL)
      {
        Path base = { NULL, "frameworks", 0 };
        Path path = { &base, NULL, i };
        const ChartaNode *at = list && list->type == CHARTA_NODE_ARRAY && i < list->array->len
                               ? g_ptr_array_index (list->array, i) : root;
        _charta_problem (l, at, &path, _("unknown framework “%s”"), (char *) g_ptr_array_index (p->frameworks, i));
      }
}
void
_charta_project_check (Loader *l, const ChartaProject *project, const ChartaNode *root)
{
  check_frameworks (l, project, root);
  check_assessments (l, project, root);
  check_references (l, project, root);
}
