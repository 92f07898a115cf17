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
/* ---- version 2: programmes, measures by group, comments, rounds ---- */

/* Where a problem is reported: the member @key of @node, or @node itself. */
static const ChartaNode *
member_at (const ChartaNode *node, const char *key)
{
  const ChartaNode *m = node && node->type == CHARTA_NODE_OBJECT ? charta_node_get_member (node, key) : NULL;
  return m ? m : node;
}

static const ChartaNode *
element_at (const ChartaNode *node, guint index)
{
  if (node && node->type == CHARTA_NODE_ARRAY && index < node->array->len)
    return g_ptr_array_index (node->array, index);
  return node;
}

static void
check_programmes (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  g_autoptr(GHashTable) programmes = index_ids (p->programmes);

  for (guint i = 0; p->actions && i < p->actions->len; i++)
    {
      ChartaAction *a = g_ptr_array_index (p->actions, i);
      Path base = { NULL, "actions", 0 };
      Path path = { &base, NULL, i };
      Path f = { &path, "programme", 0 };

      if (a->programme && !g_hash_table_contains (programmes, a->programme))
        _charta_problem (l, node_at (root, "actions", i, "programme"), &f, _("no programme with the id “%s”"),
                         a->programme);
    }
}

/* A value per group names one of the measure's groups, each group once per date. */
static void
check_group_values (Loader *l, GHashTable *groups, const ChartaDatedValue *v,
                    const ChartaNode *at, const Path *path)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const ChartaNode *list = member_at (at, "by-group");
  Path base = { path, "by-group", 0 };

  for (guint k = 0; v && v->by_group && k < v->by_group->len; k++)
    {
      ChartaGroupValue *g = g_ptr_array_index (v->by_group, k);
      Path p = { &base, NULL, k };
      Path gp = { &p, "group", 0 };
      const ChartaNode *g_at = member_at (element_at (list, k), "group");

      if (g->group == NULL)
        continue;
      if (!g_hash_table_contains (groups, g->group))
        _charta_problem (l, g_at, &gp, _("“%s” is not one of the measure’s groups"), g->group);
      else if (!g_hash_table_add (seen, g->group))
        _charta_problem (l, g_at, &gp, _("“%s” is listed twice"), g->group);
    }
}

static void
check_measures (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  const ChartaNode *list = charta_node_get_member (root, "measures");

  for (guint i = 0; p->measures && i < p->measures->len; i++)
    {
      ChartaMeasure *m = g_ptr_array_index (p->measures, i);
      g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
      const ChartaNode *at = element_at (list, i);
      Path base = { NULL, "measures", 0 };
      Path path = { &base, NULL, i };

      for (guint k = 0; m->groups && k < m->groups->len; k++)
        if (!g_hash_table_add (groups, g_ptr_array_index (m->groups, k)))
          {
            Path f = { &path, "groups", 0 };
            Path e = { &f, NULL, k };
            _charta_problem (l, element_at (member_at (at, "groups"), k), &e, _("“%s” is listed twice"),
                             (char *) g_ptr_array_index (m->groups, k));
          }
      if (m->computed >= 0 && m->actuals && m->actuals->len > 0)
        {
          Path f = { &path, "actuals", 0 };
          _charta_problem (l, member_at (at, "actuals"), &f,
                           _("a computed measure counts its values in the project: remove “actuals”"));
        }
      {
        Path pb = { &path, "baseline", 0 }, pt = { &path, "target", 0 }, pa = { &path, "actuals", 0 };
        check_group_values (l, groups, m->baseline, member_at (at, "baseline"), &pb);
        check_group_values (l, groups, m->target, member_at (at, "target"), &pt);
        for (guint k = 0; m->actuals && k < m->actuals->len; k++)
          {
            Path e = { &pa, NULL, k };
            check_group_values (l, groups, g_ptr_array_index (m->actuals, k),
                                element_at (member_at (at, "actuals"), k), &e);
          }
      }
    }
}

static void
check_comments (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  g_autoptr(GHashTable) actions = NULL;
  g_autoptr(GHashTable) measures = NULL;
  g_autoptr(GHashTable) comments = NULL;
  const ChartaNode *list = charta_node_get_member (root, "comments");

  /* An index of every action costs memory while the parse tree is still alive. */
  if (p->comments == NULL || p->comments->len == 0)
    return;
  actions = index_ids (p->actions);
  measures = index_ids (p->measures);
  comments = index_ids (p->comments);

  for (guint i = 0; p->comments && i < p->comments->len; i++)
    {
      ChartaComment *c = g_ptr_array_index (p->comments, i);
      const ChartaNode *at = element_at (list, i);
      Path base = { NULL, "comments", 0 };
      Path path = { &base, NULL, i };

      /* The loader has checked that a target that is not an id is a catalogue item. */
      if (c->target && g_uuid_string_is_valid (c->target) &&
          !g_hash_table_contains (actions, c->target) && !g_hash_table_contains (measures, c->target))
        {
          Path f = { &path, "target", 0 };
          _charta_problem (l, member_at (at, "target"), &f, _("no action or measure with the id “%s”"), c->target);
        }
      if (c->in_reply_to && (!g_hash_table_contains (comments, c->in_reply_to) || g_strcmp0 (c->in_reply_to, c->id) == 0))
        {
          Path f = { &path, "in-reply-to", 0 };
          _charta_problem (l, member_at (at, "in-reply-to"), &f, _("no other comment with the id “%s”"), c->in_reply_to);
        }
    }
}

static void
check_rounds (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  const ChartaNode *list = charta_node_get_member (root, "rounds");

  for (guint i = 0; p->rounds && i < p->rounds->len; i++)
    {
      ChartaRound *r = g_ptr_array_index (p->rounds, i);
      Path base = { NULL, "rounds", 0 };
      Path path = { &base, NULL, i };
      Path pp = { &path, "period", 0 };
      Path f = { &pp, "end", 0 };

      if (r->period && r->period->start && r->period->end && strcmp (r->period->start, r->period->end) > 0)
        _charta_problem (l, member_at (member_at (element_at (list, i), "period"), "end"), &f,
                         _("the period ends (%s) before it starts (%s)"), r->period->end, r->period->start);
    }
}

/* ---- peer review and mentoring ---- */

/* A level on the item's framework scale, key problems of the item, recommendations
 * answering one of them: the same rules as the city's own assessment. */
static void
check_review_assessment (Loader *l, const ChartaReviewAssessment *a, GHashTable *team,
                         const ChartaNode *at, const Path *path)
{
  const ChartaItem *item = charta_catalogue_lookup (l->catalogue, a->item);
  const ChartaFramework *fw = item ? charta_item_get_framework (item) : NULL;

  /* Ids are compared without regard to case, like every id of the file. */
  g_autofree char *assessor = a->assessor ? g_ascii_strdown (a->assessor, -1) : NULL;

  if (assessor && strcmp (a->assessor, CHARTA_REVIEW_ASSESSOR_TEAM) != 0 && !g_hash_table_contains (team, assessor))
    {
      Path f = { path, "assessor", 0 };
      _charta_problem (l, member_at (at, "assessor"), &f,
                       _("“%s” is neither “team” nor the person id of a member of the review team"), a->assessor);
    }
  if (item == NULL)
    return;
  if (a->level != CHARTA_UNSET && charta_framework_find_level (fw, a->level) == NULL)
    {
      Path f = { path, "level", 0 };
      _charta_problem (l, member_at (at, "level"), &f, _("level %d is off the %s scale (1 to %u)"), a->level,
                       charta_framework_get_id (fw), charta_framework_get_n_levels (fw));
    }
  for (guint k = 0; a->key_problems && k < a->key_problems->len; k++)
    {
      const ChartaItem *kp = charta_catalogue_lookup (l->catalogue, g_ptr_array_index (a->key_problems, k));
      Path f = { path, "key-problems", 0 };
      if (charta_item_get_parent (kp) != item)
        _charta_problem (l, member_at (at, "key-problems"), &f, _("key problem “%s” does not belong to “%s”"),
                         charta_item_get_id (kp), a->item);
    }
  for (guint k = 0; a->recommendations && k < a->recommendations->len; k++)
    {
      const ChartaItem *r = charta_catalogue_lookup (l->catalogue, g_ptr_array_index (a->recommendations, k));
      const ChartaItem *kp = charta_item_get_parent (r);
      Path f = { path, "recommendations", 0 };
      if (kp == NULL || charta_item_get_parent (kp) != item)
        _charta_problem (l, member_at (at, "recommendations"), &f, _("recommendation “%s” does not belong to “%s”"),
                         charta_item_get_id (r), a->item);
    }
}

static void
check_review (Loader *l, const ChartaReview *r, GHashTable *people, const ChartaNode *at, const Path *path)
{
  g_autoptr(GHashTable) team = g_hash_table_new (g_str_hash, g_str_equal);
  const ChartaNode *list = member_at (at, "team");
  Path team_path = { path, "team", 0 }, assessments_path = { path, "assessments", 0 };
  Path sessions_path = { path, "sessions", 0 };

  for (guint i = 0; r->team && i < r->team->len; i++)
    {
      ChartaReviewer *m = g_ptr_array_index (r->team, i);
      Path e = { &team_path, NULL, i };
      Path f = { &e, "person", 0 };
      if (m->person == NULL)
        continue;
      if (!g_hash_table_contains (people, m->person))
        _charta_problem (l, member_at (element_at (list, i), "person"), &f, _("no person with the id “%s”"), m->person);
      else if (!g_hash_table_add (team, m->person))
        _charta_problem (l, member_at (element_at (list, i), "person"), &f, _("“%s” is listed twice"), m->person);
    }
  list = member_at (at, "assessments");
  for (guint i = 0; r->assessments && i < r->assessments->len; i++)
    {
      Path e = { &assessments_path, NULL, i };
      check_review_assessment (l, g_ptr_array_index (r->assessments, i), team, element_at (list, i), &e);
    }
  list = member_at (at, "sessions");
  for (guint i = 0; r->sessions && i < r->sessions->len; i++)
    {
      ChartaReviewSession *s = g_ptr_array_index (r->sessions, i);
      Path e = { &sessions_path, NULL, i };
      Path f = { &e, "end", 0 };
      if (s->start && s->end && strcmp (s->start, s->end) >= 0)
        _charta_problem (l, member_at (element_at (list, i), "end"), &f, _("the session ends (%s) before it starts (%s)"),
                         s->end, s->start);
    }
  if (r->start && r->end && strcmp (r->start, r->end) > 0)
    {
      Path f = { path, "end", 0 };
      _charta_problem (l, member_at (at, "end"), &f, _("the review ends (%s) before it starts (%s)"), r->end, r->start);
    }
}

static void
check_reviews (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GHashTable) reviews = NULL;
  const ChartaNode *list = charta_node_get_member (root, "reviews");

  gboolean linked = FALSE;

  /* Indexes cost memory on a large project: only built when there is something to check. */
  for (guint i = 0; p->actions && i < p->actions->len && !linked; i++)
    linked = ((ChartaAction *) g_ptr_array_index (p->actions, i))->review != NULL;
  if (!linked && (p->reviews == NULL || p->reviews->len == 0))
    return;
  people = index_ids (p->people);
  reviews = index_ids (p->reviews);
  for (guint i = 0; p->reviews && i < p->reviews->len; i++)
    {
      Path base = { NULL, "reviews", 0 };
      Path path = { &base, NULL, i };
      check_review (l, g_ptr_array_index (p->reviews, i), people, element_at (list, i), &path);
    }
  for (guint i = 0; p->actions && i < p->actions->len; i++)
    {
      ChartaAction *a = g_ptr_array_index (p->actions, i);
      Path base = { NULL, "actions", 0 };
      Path path = { &base, NULL, i };
      Path f = { &path, "review", 0 };
      if (a->review && !g_hash_table_contains (reviews, a->review))
        _charta_problem (l, node_at (root, "actions", i, "review"), &f, _("no review with the id “%s”"), a->review);
    }
}

void
_charta_project_check (Loader *l, const ChartaProject *project, const ChartaNode *root)
{
  check_frameworks (l, project, root);
  check_assessments (l, project, root);
  check_references (l, project, root);
  check_programmes (l, project, root);
  check_measures (l, project, root);
  check_comments (l, project, root);
  check_rounds (l, project, root);
  check_reviews (l, project, root);
}
