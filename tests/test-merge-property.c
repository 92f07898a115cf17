/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-merge-property.c (included by test-merge.c): properties of the merge on random
 * edits. From a common base (an example, or a generated project), each side makes a
 * random sequence of valid edits — add, edit, delete, reorder, unknown members — and:
 *   merge (base, a, a) = a;  merge (base, base, b) = b;  merge (base, a, base) = a;
 *   merge (base, a, b) and merge (base, b, a) load, are canonical, and hold the same
 *   values outside the paths where either recorded a conflict;
 *   every change of a and of b outside a conflict is in merge (base, a, b).
 * Seeded: CHARTA_MERGE_SEED (default below) and case i uses seed + i, so a failing case
 * replays alone with CHARTA_MERGE_SEED=<its seed> CHARTA_MERGE_CASES=1. At most
 * CHARTA_MERGE_CASES cases (2000) within CHARTA_MERGE_SECONDS (60) seconds. */

#define DEFAULT_SEED 20261130
#define DEFAULT_CASES 2000
#define DEFAULT_SECONDS 60
#define MIN_CASES 1000

#include <stdlib.h>

static const char * const lists[] = { "actions", "measures", "consultations", "people", "partners" };
static const char * const statuses[] = { "planned", "in-progress", "done", "postponed", "cancelled" };
static const char * const kinds[] = { "consultation", "evaluation", "peer-review", "steering", "other" };
static const char * const directions[] = { "increase", "decrease", "maintain" };
static const char * const all_frameworks[] = { "charter", "dive", "inclucities", "aii" };

typedef struct {
  GRand *rng;
  GPtrArray *items;        /* catalogue ids of every item */
  GPtrArray *level_items;  /* those that take a level (1 to 4 is on every scale) */
} Gen;

static guint
pick (Gen *g, guint n)
{
  return n ? (guint) g_rand_int_range (g->rng, 0, (gint32) n) : 0;
}

static gboolean
chance (Gen *g, guint percent)
{
  return pick (g, 100) < percent;
}

/* Few distinct values, so that both sides often make the same change. */
static char *
some_text (Gen *g, const char *what)
{
  return g_strdup_printf ("%s %u", what, pick (g, 6));
}

static char *
some_date (Gen *g, guint year)
{
  return g_strdup_printf ("%04u-%02u-%02u", year, 1 + pick (g, 12), 1 + pick (g, 28));
}

static char *
some_stamp (Gen *g)
{
  static const char * const zones[] = { "Z", "+01:00", "+02:00", "-05:00" };
  return g_strdup_printf ("2026-%02u-%02uT%02u:%02u:00%s", 1 + pick (g, 12), 1 + pick (g, 28), pick (g, 24),
                          pick (g, 60), zones[pick (g, G_N_ELEMENTS (zones))]);
}

static void
collect_items (Gen *g, const ChartaItem *item)
{
  const char *kind = charta_item_get_kind (item);

  g_ptr_array_add (g->items, (gpointer) charta_item_get_id (item));
  if (strcmp (kind, "commitment") == 0 || strcmp (kind, "indicator") == 0 ||
      strcmp (kind, "area") == 0 || strcmp (kind, "key-factor") == 0)
    g_ptr_array_add (g->level_items, (gpointer) charta_item_get_id (item));
  for (guint i = 0; i < charta_item_get_n_children (item); i++)
    collect_items (g, charta_item_get_child (item, i));
}

static void
gen_init (Gen *g)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  g->items = g_ptr_array_new ();
  g->level_items = g_ptr_array_new ();
  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        if (charta_item_get_parent (charta_framework_get_item (fw, i)) == NULL)
          collect_items (g, charta_framework_get_item (fw, i));
    }
  g_assert_cmpuint (g->level_items->len, >, 10);
}

/* ---- tree edits ---- */

static ChartaNode *
ensure (ChartaNode *object, const char *key, ChartaNodeType type)
{
  ChartaNode *value = charta_node_get_member (object, key);

  if (value == NULL || value->type != type)
    {
      value = type == CHARTA_NODE_ARRAY ? charta_node_new_array () : charta_node_new_object ();
      charta_node_set_member (object, key, value);
    }
  return value;
}

static ChartaNode *
random_element (Gen *g, ChartaNode *root, const char *list)
{
  ChartaNode *array = charta_node_get_member (root, list);
  if (array == NULL || array->type != CHARTA_NODE_ARRAY || array->array->len == 0)
    return NULL;
  /* Often the first few, so that both sides edit the same records. */
  return g_ptr_array_index (array->array, pick (g, chance (g, 50) ? MIN (array->array->len, 3) : array->array->len));
}

static const char *
random_id (Gen *g, ChartaNode *root, const char *list)
{
  ChartaNode *e = random_element (g, root, list);
  return e ? member (e, "id")->string : NULL;
}

static const char *
random_item (Gen *g, ChartaNode *root, GPtrArray *from)
{
  ChartaNode *frameworks = member (root, "frameworks");

  for (guint tries = 0; tries < 20; tries++)
    {
      const char *id = g_ptr_array_index (from, pick (g, from->len));
      for (guint i = 0; i < frameworks->array->len; i++)
        {
          const char *fw = ((ChartaNode *) g_ptr_array_index (frameworks->array, i))->string;
          if (g_str_has_prefix (id, fw) && id[strlen (fw)] == '.')
            return id;
        }
    }
  return NULL;
}

static void
set_text (Gen *g, ChartaNode *object, const char *key, const char *what)
{
  g_autofree char *text = some_text (g, what);
  set_string (object, key, text);
}

static void
set_date (Gen *g, ChartaNode *object, const char *key, guint year)
{
  g_autofree char *date = some_date (g, year);
  set_string (object, key, date);
}

static void
touch (Gen *g, ChartaNode *object)
{
  if (chance (g, 60))
    {
      g_autofree char *stamp = some_stamp (g);
      set_string (object, "changed", stamp);
    }
}

static ChartaNode *
new_element (Gen *g, const char *list)
{
  ChartaNode *e = charta_node_new_object ();
  g_autofree char *id = g_uuid_string_random ();

  set_string (e, "id", id);
  if (strcmp (list, "actions") == 0)
    {
      set_text (g, e, "title", "New action");
      set_string (e, "status", statuses[pick (g, G_N_ELEMENTS (statuses))]);
    }
  else if (strcmp (list, "measures") == 0)
    {
      set_text (g, e, "title", "New measure");
      set_string (e, "unit", "%");
      set_string (e, "direction", directions[pick (g, G_N_ELEMENTS (directions))]);
    }
  else if (strcmp (list, "consultations") == 0)
    {
      set_date (g, e, "date", 2019);
      set_string (e, "kind", kinds[pick (g, G_N_ELEMENTS (kinds))]);
      set_text (g, e, "title", "Meeting");
    }
  else
    set_text (g, e, "name", "Name");
  return e;
}

static void
add_string_to (Gen *g, ChartaNode *object, const char *key, const char *value)
{
  if (value)
    charta_node_append (ensure (object, key, CHARTA_NODE_ARRAY), charta_node_new_string (value));
  (void) g;
}

static void
remove_random_string (Gen *g, ChartaNode *object, const char *key)
{
  ChartaNode *array = charta_node_get_member (object, key);
  if (array && array->type == CHARTA_NODE_ARRAY && array->array->len > 0)
    g_ptr_array_remove_index (array->array, pick (g, array->array->len));
}

/* References to a deleted person or partner go too, as the window does it. */
static void
drop_references (ChartaNode *root, const char *id)
{
  ChartaNode *actions = charta_node_get_member (root, "actions");

  for (guint i = 0; actions && i < actions->array->len; i++)
    {
      ChartaNode *a = g_ptr_array_index (actions->array, i);
      ChartaNode *partners = charta_node_get_member (a, "partners");
      ChartaNode *owner = charta_node_get_member (a, "owner");

      if (owner && strcmp (owner->string, id) == 0)
        remove_member (a, "owner");
      for (guint k = 0; partners && k < partners->array->len; k++)
        if (strcmp (((ChartaNode *) g_ptr_array_index (partners->array, k))->string, id) == 0)
          g_ptr_array_remove_index (partners->array, k--);
    }
}

static void
edit_list (Gen *g, ChartaNode *root)
{
  const char *list = lists[pick (g, G_N_ELEMENTS (lists))];
  ChartaNode *array = ensure (root, list, CHARTA_NODE_ARRAY);
  guint n = array->array->len;

  switch (pick (g, 3))
    {
    case 0:
      g_ptr_array_insert (array->array, (gint) pick (g, n + 1), new_element (g, list));
      break;
    case 1:
      if (n > 0)
        {
          guint i = pick (g, n);
          g_autofree char *id = g_strdup (member (g_ptr_array_index (array->array, i), "id")->string);
          g_ptr_array_remove_index (array->array, i);
          drop_references (root, id);
        }
      break;
    default:
      if (n > 1)
        {
          ChartaNode *e = g_ptr_array_steal_index (array->array, pick (g, n));
          g_ptr_array_insert (array->array, (gint) pick (g, n), e);
        }
      break;
    }
}

static void
edit_action (Gen *g, ChartaNode *root)
{
  ChartaNode *a = random_element (g, root, "actions");

  if (a == NULL)
    return;
  switch (pick (g, 11))
    {
    case 0: set_text (g, a, "title", "Action"); break;
    case 1: set_string (a, "status", statuses[pick (g, G_N_ELEMENTS (statuses))]); break;
    case 2: charta_node_set_member (a, "progress", charta_node_new_number_int (pick (g, 5) * 25)); break;
    case 3: set_text (g, a, "notes", "Notes"); break;
    case 4: chance (g, 50) ? set_text (g, a, "description", "Description") : remove_member (a, "description"); break;
    case 5: set_date (g, a, chance (g, 50) ? "start" : "due", 2018); break;
    case 6:
      if (chance (g, 70) && random_id (g, root, "people"))
        set_string (a, "owner", random_id (g, root, "people"));
      else
        remove_member (a, "owner");
      break;
    case 7: add_string_to (g, a, "partners", random_id (g, root, "partners")); break;
    case 8: add_string_to (g, a, "items", random_item (g, root, g->items)); break;
    case 9: remove_random_string (g, a, chance (g, 50) ? "items" : "partners"); break;
    default: remove_member (a, "progress"); break;
    }
  touch (g, a);
}

static void
edit_measure (Gen *g, ChartaNode *root)
{
  ChartaNode *m = random_element (g, root, "measures");
  ChartaNode *actuals, *dv;

  if (m == NULL)
    return;
  switch (pick (g, 6))
    {
    case 0: set_text (g, m, "title", "Measure"); break;
    case 1: set_string (m, "direction", directions[pick (g, G_N_ELEMENTS (directions))]); break;
    case 2:
      dv = charta_node_new_object ();
      set_date (g, dv, "date", 2020);
      charta_node_set_member (dv, "value", charta_node_new_number_int (pick (g, 50)));
      actuals = ensure (m, "actuals", CHARTA_NODE_ARRAY);
      g_ptr_array_insert (actuals->array, (gint) pick (g, actuals->array->len + 1), dv);
      break;
    case 3:
      actuals = charta_node_get_member (m, "actuals");
      if (actuals && actuals->array->len > 0)
        charta_node_set_member (g_ptr_array_index (actuals->array, pick (g, actuals->array->len)), "value",
                                charta_node_new_number_int (pick (g, 50)));
      break;
    case 4: remove_random_string (g, m, "actuals"); break;
    default:
      dv = charta_node_new_object ();
      set_date (g, dv, "date", 2021);
      charta_node_set_member (dv, "value", charta_node_new_number_int (pick (g, 10)));
      charta_node_set_member (m, "target", dv);
      break;
    }
}

static void
edit_other_records (Gen *g, ChartaNode *root)
{
  ChartaNode *c = random_element (g, root, "consultations");
  ChartaNode *p = random_element (g, root, chance (g, 50) ? "people" : "partners");

  switch (pick (g, 4))
    {
    case 0: if (c) set_text (g, c, "title", "Meeting"); break;
    case 1: if (c) add_string_to (g, c, "participants", chance (g, 50) ? "Mentor city" : "Mentee city"); break;
    case 2: if (c) remove_random_string (g, c, "participants"); break;
    default: if (p) set_text (g, p, "name", "Name"); break;
    }
}

static void
edit_assessment (Gen *g, ChartaNode *root)
{
  ChartaNode *assessments = ensure (root, "assessments", CHARTA_NODE_OBJECT);
  const char *item = random_item (g, root, g->level_items);
  ChartaNode *a;

  if (chance (g, 20) && assessments->members->len > 0)
    {
      g_autofree char *key = g_strdup (g_array_index (assessments->members, ChartaMember,
                                                      pick (g, assessments->members->len)).key);
      remove_member (assessments, key);
      return;
    }
  if (item == NULL)
    return;
  a = ensure (assessments, item, CHARTA_NODE_OBJECT);
  if (chance (g, 60))
    charta_node_set_member (a, "level", charta_node_new_number_int (1 + pick (g, 4)));
  else
    set_text (g, a, "evidence", "Evidence");
  touch (g, a);
}

static ChartaNode *
random_value (Gen *g)
{
  ChartaNode *object;

  switch (pick (g, 5))
    {
    case 0: return charta_node_new_number_int (pick (g, 4));
    case 1: return charta_node_new_bool (chance (g, 50));
    case 2: return charta_node_new_null ();
    case 3:
      object = charta_node_new_object ();
      charta_node_set_member (object, "deep", charta_node_new_number_int (pick (g, 3)));
      return object;
    default: { g_autofree char *s = some_text (g, "x"); return charta_node_new_string (s); }
    }
}

static void
edit_unknown (Gen *g, ChartaNode *root)
{
  ChartaNode *targets[4] = { root, member (root, "city"), NULL, NULL };
  ChartaNode *target;
  g_autofree char *key = g_strdup_printf ("x-test-%u", pick (g, 3));

  targets[2] = random_element (g, root, lists[pick (g, G_N_ELEMENTS (lists))]);
  targets[3] = member (root, "period");
  target = targets[pick (g, 4)];
  if (target == NULL)
    return;
  if (chance (g, 25))
    remove_member (target, key);
  else
    charta_node_set_member (target, key, random_value (g));
}

static void
edit_top (Gen *g, ChartaNode *root)
{
  switch (pick (g, 3))
    {
    case 0: set_text (g, root, "title", "Project"); break;
    case 1: set_text (g, member (root, "period"), "label", "Period"); break;
    default: add_string_to (g, root, "frameworks", all_frameworks[pick (g, G_N_ELEMENTS (all_frameworks))]); break;
    }
}

static void
random_edit (Gen *g, ChartaNode *root)
{
  static void (*const edits[]) (Gen *, ChartaNode *) = {
    edit_list, edit_list, edit_action, edit_action, edit_action, edit_measure,
    edit_other_records, edit_assessment, edit_assessment, edit_unknown, edit_top,
  };
  edits[pick (g, G_N_ELEMENTS (edits))] (g, root);
}

/* Applies @n random edits to the canonical @text, each kept only if the project still
 * loads (an edit may break a rule, e.g. a due date before the start). */
static char *
random_version (Gen *g, const char *text, guint n)
{
  char *current = g_strdup (text);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChartaNode) root = parse (current);
      g_autofree char *out = NULL;
      char *next;

      random_edit (g, root);
      out = to_text (root);
      next = canonical (out);
      if (next)
        {
          g_free (current);
          current = next;
        }
    }
  return current;
}

static char *
generated_base (Gen *g)
{
  g_autoptr(ChartaProject) project = charta_project_new ("Testville");
  g_autofree char *text = charta_project_to_data (project, NULL);
  g_autoptr(ChartaNode) root = parse (text);
  g_autofree char *start = NULL;
  ChartaNode *frameworks = ensure (root, "frameworks", CHARTA_NODE_ARRAY);

  g_ptr_array_set_size (frameworks->array, 0);
  for (guint i = 0; i < G_N_ELEMENTS (all_frameworks); i++)
    if (chance (g, 75))
      charta_node_append (frameworks, charta_node_new_string (all_frameworks[i]));
  for (guint i = 0; i < 4; i++)
    for (guint k = 0; k < 1 + pick (g, 4); k++)
      charta_node_append (ensure (root, lists[i + 1 == 4 ? 3 : i], CHARTA_NODE_ARRAY),
                          new_element (g, lists[i + 1 == 4 ? 3 : i]));
  charta_node_append (ensure (root, "partners", CHARTA_NODE_ARRAY), new_element (g, "partners"));
  start = to_text (root);
  g_clear_pointer (&text, g_free);
  text = canonical (start);
  g_assert_nonnull (text);
  return random_version (g, text, 10 + pick (g, 20));
}

/* ---- comparing by identity ---- */


static void
push_key (GString *path, const char *key, gboolean element)
{
  gboolean plain = !element && (g_ascii_isalpha (*key) || *key == '_');

  for (const char *p = key; plain && *p; p++)
    plain = g_ascii_isalnum (*p) || *p == '_' || *p == '-';
  if (plain)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, key);
      return;
    }
  g_string_append_c (path, '[');
  charta_json_write_string (path, key);
  g_string_append_c (path, ']');
}

/* The key of each element if every element has a distinct one. */
static gboolean
keyed_by (const ChartaNode *array, const char *key)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < array->array->len; i++)
    {
      ChartaNode *e = g_ptr_array_index (array->array, i);
      ChartaNode *k = e->type == CHARTA_NODE_OBJECT ? charta_node_get_member (e, key) : NULL;
      if (k == NULL || k->type != CHARTA_NODE_STRING || !g_hash_table_add (seen, k->string))
        return FALSE;
    }
  return TRUE;
}

static gboolean
all_strings (const ChartaNode *array)
{
  for (guint i = 0; i < array->array->len; i++)
    if (((ChartaNode *) g_ptr_array_index (array->array, i))->type != CHARTA_NODE_STRING)
      return FALSE;
  return TRUE;
}

/* path -> value for every leaf, by identity: keyed elements by key, lists of strings
 * as multisets (path{"value"} -> count), so order does not count. */
static void
flatten (const ChartaNode *node, GString *path, GHashTable *flat)
{
  gsize len = path->len;

  if (node->type == CHARTA_NODE_OBJECT)
    {
      g_hash_table_insert (flat, g_strdup (path->str), g_strdup ("{}"));
      for (guint i = 0; i < node->members->len; i++)
        {
          ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
          if (len == 0 && strcmp (m->key, CHARTA_MERGE_CONFLICTS_KEY) == 0)
            continue;
          push_key (path, m->key, FALSE);
          flatten (m->value, path, flat);
          g_string_truncate (path, len);
        }
      return;
    }
  if (node->type == CHARTA_NODE_ARRAY && (keyed_by (node, "id") || keyed_by (node, "date")))
    {
      const char *key = keyed_by (node, "id") ? "id" : "date";
      for (guint i = 0; i < node->array->len; i++)
        {
          ChartaNode *e = g_ptr_array_index (node->array, i);
          push_key (path, member (e, key)->string, TRUE);
          flatten (e, path, flat);
          g_string_truncate (path, len);
        }
      return;
    }
  if (node->type == CHARTA_NODE_ARRAY && all_strings (node))
    {
      for (guint i = 0; i < node->array->len; i++)
        {
          g_autoptr(GString) leaf = g_string_new (path->str);
          const char *count;
          g_string_append_c (leaf, '{');
          charta_json_write_string (leaf, ((ChartaNode *) g_ptr_array_index (node->array, i))->string);
          g_string_append_c (leaf, '}');
          count = g_hash_table_lookup (flat, leaf->str);
          g_hash_table_insert (flat, g_strdup (leaf->str), g_strdup_printf ("%d", count ? atoi (count) + 1 : 1));
        }
      return;
    }
  g_hash_table_insert (flat, g_strdup (path->str), to_text (node));
}

static GHashTable *
flat_of (const char *text)
{
  g_autoptr(ChartaNode) root = parse (text);
  g_autoptr(GString) path = g_string_new (NULL);
  GHashTable *flat = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  flatten (root, path, flat);
  return flat;
}

static void
add_conflict_paths (const char *text, GPtrArray *paths)
{
  g_autoptr(ChartaNode) root = parse (text);
  const ChartaNode *conflicts = conflicts_of (root);

  for (guint i = 0; conflicts && i < conflicts->array->len; i++)
    g_ptr_array_add (paths, g_strdup (member (g_ptr_array_index (conflicts->array, i), "path")->string));
}

static gboolean
covered (const char *leaf, GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    {
      const char *c = g_ptr_array_index (paths, i);
      gsize n = strlen (c);
      if (n == 0 || (strncmp (leaf, c, n) == 0 && (leaf[n] == '\0' || strchr (".[{", leaf[n]))))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_stamp (const char *leaf)
{
  return g_str_has_suffix (leaf, ".changed");
}

static guint64 case_seed;

#define FAIL(...) g_error ("case seed %" G_GUINT64_FORMAT ": %s", case_seed, g_strdup_printf (__VA_ARGS__))

static char *
merged (const char *base, const char *ours, const char *theirs, guint *n)
{
  g_autoptr(GError) error = NULL;
  char *result = merge3 (base, ours, theirs, n, &error);
  g_autofree char *again = NULL;
  g_autoptr(ChartaProject) project = NULL;

  if (result == NULL)
    FAIL ("merge failed: %s", error->message);
  project = charta_project_load_from_data (result, strlen (result), "result", NULL);
  if (project == NULL)
    FAIL ("the result does not load");
  if (charta_merge_count_conflicts (project) != *n)
    FAIL ("the result holds %u conflicts, the merge said %u", charta_merge_count_conflicts (project), *n);
  again = charta_project_to_data (project, NULL);
  if (strcmp (again, result) != 0)
    FAIL ("the result is not canonical");
  return result;
}

/* Every leaf @side changed from @base is in @result, unless under a conflict. */
static void
check_changes_kept (GHashTable *base, GHashTable *side, GHashTable *result, GPtrArray *conflicts, const char *name)
{
  GHashTable *tables[2] = { side, base };

  for (guint t = 0; t < 2; t++)
    {
      GHashTableIter iter;
      const char *leaf;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &leaf, NULL))
        {
          const char *want = g_hash_table_lookup (side, leaf);
          if (g_strcmp0 (want, g_hash_table_lookup (base, leaf)) == 0 || is_stamp (leaf) || covered (leaf, conflicts))
            continue;
          if (g_strcmp0 (want, g_hash_table_lookup (result, leaf)) != 0)
            FAIL ("%s's change at %s (%s) is not in the result (%s)", name, leaf, want ? want : "absent",
                  (char *) g_hash_table_lookup (result, leaf));
        }
    }
}

static void
check_same_values (GHashTable *x, GHashTable *y, GPtrArray *conflicts)
{
  GHashTable *tables[2] = { x, y };

  for (guint t = 0; t < 2; t++)
    {
      GHashTableIter iter;
      const char *leaf;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &leaf, NULL))
        if (!covered (leaf, conflicts) && g_strcmp0 (g_hash_table_lookup (x, leaf), g_hash_table_lookup (y, leaf)) != 0)
          FAIL ("merge (a, b) and merge (b, a) differ at %s", leaf);
    }
}

static guint
check_case (const char *base, const char *a, const char *b)
{
  g_autofree char *aa = NULL, *bb = NULL, *ab = NULL, *ba = NULL, *a_base = NULL;
  g_autoptr(GHashTable) fbase = NULL, fa = NULL, fb = NULL, fab = NULL, fba = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  aa = merged (base, a, a, &n);
  if (strcmp (aa, a) != 0 || n != 0)
    FAIL ("merge (base, a, a) is not a");
  bb = merged (base, base, b, &n);
  if (strcmp (bb, b) != 0 || n != 0)
    FAIL ("merge (base, base, b) is not b");
  a_base = merged (base, a, base, &n);
  if (strcmp (a_base, a) != 0 || n != 0)
    FAIL ("merge (base, a, base) is not a");

  ab = merged (base, a, b, &n);
  ba = merged (base, b, a, &n);
  add_conflict_paths (ab, conflicts);
  add_conflict_paths (ba, conflicts);
  fbase = flat_of (base);
  fa = flat_of (a);
  fb = flat_of (b);
  fab = flat_of (ab);
  fba = flat_of (ba);
  check_same_values (fab, fba, conflicts);
  check_changes_kept (fbase, fa, fab, conflicts, "a");
  check_changes_kept (fbase, fb, fab, conflicts, "b");
  return conflicts->len;
}

static guint
env_uint (const char *name, guint fallback)
{
  const char *value = g_getenv (name);
  return value && *value ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
test_property (void)
{
  guint64 seed = env_uint ("CHARTA_MERGE_SEED", DEFAULT_SEED);
  guint cases = env_uint ("CHARTA_MERGE_CASES", DEFAULT_CASES);
  guint seconds = env_uint ("CHARTA_MERGE_SECONDS", DEFAULT_SECONDS);
  char *examples[2] = { read_example ("mechelen-2018.charta"), read_example ("antwerp-2022.charta") };
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint done = 0, with_conflicts = 0;
  Gen g = { NULL, NULL, NULL };

  gen_init (&g);
  for (done = 0; done < cases && g_get_monotonic_time () < deadline; done++)
    {
      g_autofree char *base = NULL, *a = NULL, *b = NULL;

      case_seed = seed + done;
      g.rng = g_rand_new_with_seed ((guint32) case_seed);
      base = pick (&g, 3) < 2 ? canonical (examples[pick (&g, 2)]) : generated_base (&g);
      a = random_version (&g, base, pick (&g, 11));
      b = random_version (&g, base, pick (&g, 11));
      with_conflicts += check_case (base, a, b) > 0;
      g_rand_free (g.rng);
    }
  g_test_message ("%u cases from seed %" G_GUINT64_FORMAT ", %u with conflicts", done, seed, with_conflicts);
  if (cases >= MIN_CASES && done < MIN_CASES)
    g_test_message ("only %u cases in %u s: the machine is slow", done, seconds);
  g_assert_cmpuint (done, >, 0);
  if (done >= 100)
    g_assert_cmpuint (with_conflicts, >, 0);
  g_ptr_array_unref (g.items);
  g_ptr_array_unref (g.level_items);
  g_free (examples[0]);
  g_free (examples[1]);
}
