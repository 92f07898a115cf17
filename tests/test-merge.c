/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-merge.c: three-way merge of project files — examples of each rule, bad input,
 * and properties checked on thousands of random pairs of edits. */
#define G_LOG_DOMAIN "test-merge"
#include "config.h"

#include <string.h>

#include "charta-merge.h"
#include "charta-project.h"

/* ---- helpers ---- */

static char *
read_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

/* The canonical text of @text, or NULL when it does not load. */
static char *
canonical (const char *text)
{
  g_autoptr(ChartaProject) project = charta_project_load_from_data (text, strlen (text), "t", NULL);
  return project ? charta_project_to_data (project, NULL) : NULL;
}

static ChartaNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChartaNode *node = charta_json_parse (text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  return node;
}

static char *
to_text (const ChartaNode *node)
{
  GString *out = g_string_new (NULL);
  charta_json_write (out, node, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static char *
merge3 (const char *base, const char *ours, const char *theirs, guint *n_conflicts, GError **error)
{
  ChartaMergeInput b = { base, strlen (base), "base.charta" };
  ChartaMergeInput o = { ours, strlen (ours), "ours.charta" };
  ChartaMergeInput t = { theirs, strlen (theirs), "theirs.charta" };
  gsize len;
  g_auto(GStrv) paths = NULL;
  char *result = charta_merge_data (&b, &o, &t, &len, &paths, error);

  if (result)
    g_assert_cmpuint (len, ==, strlen (result));
  if (n_conflicts)
    *n_conflicts = paths ? g_strv_length (paths) : 0;
  return result;
}

static ChartaNode *
member (const ChartaNode *object, const char *key)
{
  ChartaNode *value = charta_node_get_member (object, key);
  g_assert_nonnull (value);
  return value;
}

static ChartaNode *
element (const ChartaNode *root, const char *list, guint index)
{
  ChartaNode *array = member (root, list);
  g_assert_cmpuint (index, <, array->array->len);
  return g_ptr_array_index (array->array, index);
}

static void
set_string (ChartaNode *object, const char *key, const char *value)
{
  charta_node_set_member (object, key, charta_node_new_string (value));
}

static void
remove_member (ChartaNode *object, const char *key)
{
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *m = &g_array_index (object->members, ChartaMember, i);
      if (strcmp (m->key, key) == 0)
        {
          charta_node_free (m->value);
          if (!m->shared_key)
            g_free (m->key);
          g_array_remove_index (object->members, i);
          return;
        }
    }
}

/* Edits the example with @edit and returns the canonical text. */
typedef void (*Edit) (ChartaNode *root);

static char *
edited (const char *text, Edit edit)
{
  g_autoptr(ChartaNode) root = parse (text);
  g_autofree char *out = NULL;
  char *result;

  edit (root);
  out = to_text (root);
  result = canonical (out);
  g_assert_nonnull (result);
  return result;
}

static const ChartaNode *
conflicts_of (const ChartaNode *root)
{
  return charta_node_get_member (root, CHARTA_MERGE_CONFLICTS_KEY);
}

static const char *
conflict_path (const ChartaNode *root, guint i)
{
  const ChartaNode *conflicts = conflicts_of (root);
  g_assert_nonnull (conflicts);
  return member (g_ptr_array_index (conflicts->array, i), "path")->string;
}

/* ---- the rules, one example each ---- */

static void edit_title0 (ChartaNode *r) { set_string (element (r, "actions", 0), "title", "Ours: a new title"); }
static void edit_title0_theirs (ChartaNode *r) { set_string (element (r, "actions", 0), "title", "Theirs: another title"); }
static void edit_status1 (ChartaNode *r) { set_string (element (r, "actions", 1), "status", "postponed"); }
static void edit_notes0 (ChartaNode *r) { set_string (element (r, "actions", 0), "notes", "Theirs: notes"); }

/* The tree check on @root, parsed from @text; the merge's own way of asking it (the
 * layout found by the reader as it reads, the rest on the tree) must answer the same. */
static gboolean
tree_is_canonical (const ChartaNode *root, const char *text)
{
  gboolean answer = charta_project_tree_is_canonical (root, text, strlen (text));
  gboolean laid_out = FALSE;
  g_autoptr(ChartaNode) tree = charta_json_parse_canonical (text, strlen (text), &laid_out, NULL);

  g_assert_nonnull (tree);
  g_assert_cmpint (laid_out && charta_project_tree_is_canonical_form (tree), ==, answer);
  return answer;
}

static void
test_clean_different_fields (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, edit_title0);
  g_autofree char *theirs = edited (base, edit_status1);
  g_autofree char *theirs2 = edited (base, edit_notes0);
  g_autoptr(GError) error = NULL;
  guint n = 99;
  g_autofree char *result = merge3 (base, ours, theirs, &n, &error);
  g_autofree char *result2 = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(ChartaNode) root2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  root = parse (result);
  g_assert_cmpstr (member (element (root, "actions", 0), "title")->string, ==, "Ours: a new title");
  g_assert_cmpstr (member (element (root, "actions", 1), "status")->string, ==, "postponed");
  g_assert_null (conflicts_of (root));

  /* Two fields of the same action. */
  result2 = merge3 (base, ours, theirs2, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  root2 = parse (result2);
  g_assert_cmpstr (member (element (root2, "actions", 0), "title")->string, ==, "Ours: a new title");
  g_assert_cmpstr (member (element (root2, "actions", 0), "notes")->string, ==, "Theirs: notes");
}

static void
test_conflict_same_field (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, edit_title0);
  g_autofree char *theirs = edited (base, edit_title0_theirs);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(ChartaNode) base_root = parse (base);
  g_autofree char *expected_path = NULL;
  const ChartaNode *conflict;
  guint n = 0;
  g_autofree char *result = merge3 (base, ours, theirs, &n, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_null (strstr (result, "<<<<<<<"));
  root = parse (result);
  g_assert_cmpstr (member (element (root, "actions", 0), "title")->string, ==, "Ours: a new title");
  expected_path = g_strdup_printf ("actions[\"%s\"].title", member (element (base_root, "actions", 0), "id")->string);
  g_assert_cmpstr (conflict_path (root, 0), ==, expected_path);
  conflict = g_ptr_array_index (conflicts_of (root)->array, 0);
  g_assert_cmpstr (member (conflict, "base")->string, ==, member (element (base_root, "actions", 0), "title")->string);
  g_assert_cmpstr (member (conflict, "ours")->string, ==, "Ours: a new title");
  g_assert_cmpstr (member (conflict, "theirs")->string, ==, "Theirs: another title");

  /* The same change on both sides is none. */
  g_free (result);
  result = merge3 (base, ours, ours, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (result, ==, ours);
}

static void stamp_ours (ChartaNode *r) { set_string (element (r, "actions", 0), "title", "Ours"); set_string (element (r, "actions", 0), "changed", "2026-03-01T10:00:00+01:00"); }
static void stamp_theirs (ChartaNode *r) { set_string (element (r, "actions", 0), "notes", "Theirs"); set_string (element (r, "actions", 0), "changed", "2026-03-01T09:30:00Z"); }
static void stamp_only (ChartaNode *r) { set_string (element (r, "actions", 0), "changed", "2027-01-01T00:00:00Z"); }

static void
delete_action0 (ChartaNode *r)
{
  g_ptr_array_remove_index (member (r, "actions")->array, 0);
}

static void
test_changed_takes_later (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, stamp_ours);
  g_autofree char *theirs = edited (base, stamp_theirs);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) root = NULL;
  guint n = 99;
  g_autofree char *result = merge3 (base, ours, theirs, &n, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  root = parse (result);
  /* 09:30Z is later than 10:00+01:00 (09:00Z), though it sorts first as text. */
  g_assert_cmpstr (member (element (root, "actions", 0), "changed")->string, ==, "2026-03-01T09:30:00Z");
  g_assert_cmpstr (member (element (root, "actions", 0), "title")->string, ==, "Ours");
  g_assert_cmpstr (member (element (root, "actions", 0), "notes")->string, ==, "Theirs");
}

static void
test_delete_against_edit (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, delete_action0);
  g_autofree char *theirs = edited (base, edit_title0_theirs);
  g_autofree char *stamped = edited (base, stamp_only);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(ChartaNode) base_root = parse (base);
  const ChartaNode *conflict;
  guint n = 0;
  g_autofree char *result = merge3 (base, ours, theirs, &n, &error);
  g_autofree char *result2 = NULL;
  g_autofree char *result3 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  root = parse (result);
  /* Ours deleted it: the conflict keeps ours (absent) and theirs' version is recorded. */
  g_assert_cmpuint (member (root, "actions")->array->len, ==, member (base_root, "actions")->array->len - 1);
  conflict = g_ptr_array_index (conflicts_of (root)->array, 0);
  g_assert_null (charta_node_get_member (conflict, "ours"));
  g_assert_cmpstr (member (member (conflict, "theirs"), "title")->string, ==, "Theirs: another title");
  g_assert_true (charta_node_equal (member (conflict, "base"), element (base_root, "actions", 0)));

  /* The other way round (ours edited it, theirs deleted it) the action stays, edited. */
  result2 = merge3 (base, theirs, ours, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (result2, "Theirs: another title"));

  /* Against a newer time stamp only, the deletion wins. */
  result3 = merge3 (base, ours, stamped, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (result3, ==, ours);
}

static char *add_ids[2];

static void
add_action_with_id (ChartaNode *r, guint which)
{
  ChartaNode *action = charta_node_new_object ();
  set_string (action, "id", add_ids[which]);
  set_string (action, "title", which ? "Theirs: added" : "Ours: added");
  set_string (action, "status", "planned");
  charta_node_append (member (r, "actions"), action);
}
static void add_ours (ChartaNode *r) { add_action_with_id (r, 0); }
static void add_theirs (ChartaNode *r) { add_action_with_id (r, 1); }

static void
test_both_add (void)
{
  g_autofree char *base = read_example ("antwerp-2022.charta");
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(ChartaNode) base_root = parse (base);
  guint n = 99, len;

  add_ids[0] = g_uuid_string_random ();
  add_ids[1] = g_uuid_string_random ();
  ours = edited (base, add_ours);
  theirs = edited (base, add_theirs);
  result = merge3 (base, ours, theirs, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  root = parse (result);
  len = member (base_root, "actions")->array->len;
  g_assert_cmpuint (member (root, "actions")->array->len, ==, len + 2);
  g_assert_cmpstr (member (element (root, "actions", len), "title")->string, ==, "Ours: added");
  g_assert_cmpstr (member (element (root, "actions", len + 1), "title")->string, ==, "Theirs: added");
  g_clear_pointer (&add_ids[0], g_free);
  g_clear_pointer (&add_ids[1], g_free);
}

/* Linked items as sets; actuals by date; assessments by item; unknown members. */
/* A computed measure has no actuals: the first one that keeps them. */
static ChartaNode *
measure_with_actuals (ChartaNode *r)
{
  ChartaNode *measures = member (r, "measures");

  for (guint i = 0; i < measures->array->len; i++)
    {
      ChartaNode *m = g_ptr_array_index (measures->array, i);
      if (charta_node_get_member (m, "actuals") != NULL)
        return m;
    }
  g_assert_not_reached ();
}

static void
items_ours (ChartaNode *r)
{
  ChartaNode *a = element (r, "actions", 0);
  charta_node_set_member (a, "items", charta_node_new_array ());
  charta_node_append (member (a, "items"), charta_node_new_string ("charter.commitment.policymaker.1"));
  charta_node_append (member (r, "frameworks"), charta_node_new_string ("inclucities"));
  charta_node_set_member (r, "x-ours", charta_node_new_number_int (1));
  charta_node_set_member (member (r, "city"), "x-shared", charta_node_new_string ("same"));
}

static void
items_theirs (ChartaNode *r)
{
  ChartaNode *a = element (r, "actions", 0);
  ChartaNode *m = measure_with_actuals (r);
  ChartaNode *actual = charta_node_new_object ();
  ChartaNode *assessment = charta_node_new_object ();

  charta_node_set_member (a, "items", charta_node_new_array ());
  charta_node_append (member (a, "items"), charta_node_new_string ("charter.commitment.policymaker.2"));
  set_string (actual, "date", "2018-11-30");
  charta_node_set_member (actual, "value", charta_node_new_number_int (2));
  charta_node_append (member (m, "actuals"), actual);
  charta_node_set_member (assessment, "level", charta_node_new_number_int (4));
  charta_node_set_member (member (r, "assessments"), "charter.commitment.buyer.3", assessment);
  charta_node_set_member (r, "x-theirs", charta_node_new_bool (TRUE));
  charta_node_set_member (member (r, "city"), "x-shared", charta_node_new_string ("same"));
}

static void
test_sets_and_identities (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, items_ours);
  g_autofree char *theirs = edited (base, items_theirs);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) root = NULL;
  guint n = 99;
  g_autofree char *result = merge3 (base, ours, theirs, &n, &error);
  const ChartaNode *items, *actuals;
  g_autoptr(ChartaNode) base_root = parse (base);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  root = parse (result);
  items = member (element (root, "actions", 0), "items");
  g_assert_cmpuint (items->array->len, ==, 2);
  g_assert_cmpstr (((ChartaNode *) g_ptr_array_index (items->array, 0))->string, ==, "charter.commitment.policymaker.1");
  g_assert_cmpstr (((ChartaNode *) g_ptr_array_index (items->array, 1))->string, ==, "charter.commitment.policymaker.2");
  actuals = member (measure_with_actuals (root), "actuals");
  g_assert_cmpuint (actuals->array->len, ==, member (measure_with_actuals (base_root), "actuals")->array->len + 1);
  g_assert_nonnull (charta_node_get_member (member (root, "assessments"), "charter.commitment.buyer.3"));
  g_assert_nonnull (charta_node_get_member (root, "x-ours"));
  g_assert_nonnull (charta_node_get_member (root, "x-theirs"));
  g_assert_cmpstr (member (member (root, "city"), "x-shared")->string, ==, "same");
  g_assert_cmpuint (member (root, "frameworks")->array->len, ==, member (base_root, "frameworks")->array->len + 1);
}

/* Each side valid, the combination not: the due date of one side before the start
 * of the other; an owner the other side deleted. */
static void due_early (ChartaNode *r) { set_string (element (r, "actions", 0), "due", "2018-02-02"); }
static void start_late (ChartaNode *r) { set_string (element (r, "actions", 0), "start", "2018-06-01"); }

static void
delete_people (ChartaNode *r)
{
  ChartaNode *actions = member (r, "actions");
  g_ptr_array_set_size (member (r, "people")->array, 0);
  for (guint i = 0; i < actions->array->len; i++)
    {
      remove_member (g_ptr_array_index (actions->array, i), "owner");
    }
}

static void
owner_everywhere (ChartaNode *r)
{
  ChartaNode *actions = member (r, "actions");
  const char *person = member (element (r, "people", 0), "id")->string;
  for (guint i = 0; i < actions->array->len; i++)
    set_string (g_ptr_array_index (actions->array, i), "owner", person);
  set_string (element (r, "actions", 0), "title", "Theirs: owned");
}

static void
test_result_always_valid (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, start_late);
  g_autofree char *theirs = edited (base, due_early);
  g_autofree char *no_people = edited (base, delete_people);
  g_autofree char *owned = edited (base, owner_everywhere);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autofree char *result = merge3 (base, ours, theirs, &n, &error);
  g_autofree char *result2 = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 1);
  again = canonical (result);
  g_assert_cmpstr (again, ==, result);
  g_assert_nonnull (strstr (result, "\"start\": \"2018-06-01\""));

  result2 = merge3 (base, no_people, owned, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 1);
  g_clear_pointer (&again, g_free);
  again = canonical (result2);
  g_assert_cmpstr (again, ==, result2);
  /* Theirs' title is not lost: it is in the result or in a recorded conflict. */
  g_assert_nonnull (strstr (result2, "Theirs: owned"));
}

/* Conflicts recorded by an earlier merge are carried over, and go when resolved. */
static void
test_carried_conflicts (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, edit_title0);
  g_autofree char *theirs = edited (base, edit_title0_theirs);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autofree char *conflicted = merge3 (base, ours, theirs, &n, &error);
  g_autofree char *other = edited (base, edit_status1);
  g_autofree char *carried = NULL;
  g_autofree char *resolved_text = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ChartaNode) resolved = NULL;
  g_autoptr(ChartaProject) project = NULL;

  g_assert_no_error (error);
  carried = merge3 (base, conflicted, other, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  project = charta_project_load_from_data (carried, strlen (carried), "c", NULL);
  g_assert_cmpuint (charta_merge_count_conflicts (project), ==, n);

  /* Resolved on our side (the member removed): gone after the next merge. */
  resolved = parse (conflicted);
  remove_member (resolved, CHARTA_MERGE_CONFLICTS_KEY);
  resolved_text = to_text (resolved);
  after = merge3 (conflicted, resolved_text, conflicted, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

/* ---- bad input ---- */

static void
other_project (ChartaNode *r)
{
  g_autofree char *id = g_uuid_string_random ();
  set_string (r, "id", id);
}

/* A number node spelled @literal (which must be valid JSON). */
static ChartaNode *
number_literal (const char *literal)
{
  ChartaNode *n = charta_node_new_number_int (0);
  g_free (n->number);
  n->number = g_strdup (literal);
  return n;
}

static void bad_level (ChartaNode *r)
{
  ChartaMember *m = &g_array_index (member (r, "assessments")->members, ChartaMember, 0);
  charta_node_set_member (m->value, "level", charta_node_new_number_int (500));
}
static void bad_due0 (ChartaNode *r) { set_string (element (r, "actions", 0), "due", "2018-13-45"); }
static void good_due0 (ChartaNode *r) { set_string (element (r, "actions", 0), "due", "2018-11-30"); }

/* @text edited with each of @edits in turn, written in the canonical layout but not
 * loaded: it may be invalid. */
static char *
edited_raw (const char *text, Edit edit, Edit edit2)
{
  g_autoptr(ChartaNode) root = parse (text);

  edit (root);
  if (edit2)
    edit2 (root);
  return to_text (root);
}

static void
test_bad_input (void)
{
  g_autofree char *raw = read_example ("mechelen-2018.charta");
  /* Canonical, as Charta writes it: the versions are merged as parsed, and checked
   * only when the result does not load. */
  g_autofree char *base = canonical (raw);
  g_autofree char *ours = edited (base, edit_title0);
  g_autofree char *other = edited (base, other_project);
  g_autofree char *newer = g_strdup (base);
  g_autofree char *truncated = g_strndup (base, strlen (base) / 2);
  g_autofree char *marked = g_strconcat ("<<<<<<< HEAD\n", base, "=======\n>>>>>>> theirs\n", NULL);
  const char *hostile = "{\"format\": \"charta-project\", \"version\": 1, \"id\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}";
  /* A level out of range in ours alone: it ends in the result. */
  g_autofree char *ours_bad_level = edited_raw (ours, bad_level, NULL);
  /* A bad date in the base that both sides kept while editing other fields. */
  g_autofree char *base_bad_date = edited_raw (base, bad_due0, NULL);
  g_autofree char *ours_bad_date = edited_raw (base, bad_due0, edit_title0);
  g_autofree char *theirs_bad_date = edited_raw (base, bad_due0, edit_status1);
  /* The same, in theirs alone (a field ours left alone). */
  g_autofree char *theirs_bad = edited_raw (base, bad_due0, NULL);
  char *version;
  struct { const char *base, *ours, *theirs; GQuark domain; int code; const char *needle; } cases[] = {
    { base, ours, other, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_DIFFERENT_PROJECTS, "theirs.charta: this is another project" },
    { other, ours, base, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_DIFFERENT_PROJECTS, "ours.charta: this is another project" },
    { base, ours, newer, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "theirs.charta:3:" },
    { base, ours, truncated, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "theirs.charta:" },
    { base, ours, marked, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_CONFLICT_MARKERS, "theirs.charta:1:1: this file holds text conflict markers" },
    { base, ours, hostile, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "theirs.charta:1:" },
    { base, ours_bad_level, base, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "ours.charta:" },
    { base_bad_date, ours_bad_date, theirs_bad_date, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "base.charta:" },
    { base, ours, theirs_bad, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "theirs.charta:" },
    { base, truncated, ours, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "ours.charta:" },
  };

  version = strstr (newer, "\"version\": ");
  g_assert_nonnull (version);
  version[strlen ("\"version\": ")] = '9';
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint n = 0;
      g_autofree char *result = merge3 (cases[i].base, cases[i].ours, cases[i].theirs, &n, &error);

      g_assert_null (result);
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].needle))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].needle);
    }
  /* Each file of the table is the same with the examples' text as it is. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *result = merge3 (raw, raw, other, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_DIFFERENT_PROJECTS);
  }
  /* The bad values above took the path of canonical files, not the loader's. */
  {
    const char *texts[] = { ours_bad_level, base_bad_date, ours_bad_date, theirs_bad };
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(ChartaNode) root = parse (texts[i]);
        g_assert_true (tree_is_canonical (root, texts[i]));
      }
  }
}

/* What checking the versions only when the result does not load lets through (see
 * charta_merge_data()): a bad value that is not in the result, here the base's date
 * that both sides replaced. The sides' values are all in the result, which is valid. */
static void
test_bad_base_replaced (void)
{
  g_autofree char *base = canonical (read_example ("mechelen-2018.charta"));
  g_autofree char *base_bad_date = edited_raw (base, bad_due0, NULL);
  g_autofree char *ours = edited_raw (base, good_due0, NULL);
  g_autoptr(GError) error = NULL;
  guint n = 99;
  g_autofree char *result = merge3 (base_bad_date, ours, ours, &n, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (result, ==, ours);
  g_assert_null (strstr (result, "2018-13-45"));
}

/* ---- canonical form on the tree ---- */

static void move_id_last (ChartaNode *r)
{
  ChartaNode *a = element (r, "actions", 0);
  ChartaNode *id = charta_node_copy (member (a, "id"));
  remove_member (a, "id");
  charta_node_set_member (a, "id", id);
}
static void progress_dot (ChartaNode *r) { charta_node_set_member (element (r, "actions", 0), "progress", number_literal ("100.0")); }
static void progress_exp (ChartaNode *r) { charta_node_set_member (element (r, "actions", 0), "progress", number_literal ("1e2")); }
static void value_dot (ChartaNode *r)
{
  charta_node_set_member (member (element (r, "measures", 0), "target"), "value", number_literal ("3.0"));
}
static void value_fraction (ChartaNode *r)
{
  charta_node_set_member (member (element (r, "measures", 0), "target"), "value", number_literal ("2.5"));
}
static void upper_id (ChartaNode *r)
{
  ChartaNode *a = element (r, "actions", 0);
  g_autofree char *up = g_ascii_strup (member (a, "id")->string, -1);
  set_string (a, "id", up);
}
static void upper_partner (ChartaNode *r)
{
  ChartaNode *list = member (element (r, "actions", 0), "partners");
  ChartaNode *e = g_ptr_array_index (list->array, 0);
  char *up = g_ascii_strup (e->string, -1);
  g_free (e->string);
  e->string = up;
}
static void false_bool (ChartaNode *r)
{
  ChartaMember *m = &g_array_index (member (r, "assessments")->members, ChartaMember, 0);
  charta_node_set_member (m->value, "evidence-private", charta_node_new_bool (FALSE));
}
static void true_bool (ChartaNode *r)
{
  ChartaMember *m = &g_array_index (member (r, "assessments")->members, ChartaMember, 0);
  ChartaNode *changed = charta_node_copy (member (m->value, "changed"));
  /* In the order of the fields: "evidence-private" comes before "sources". */
  remove_member (m->value, "sources");
  remove_member (m->value, "changed");
  charta_node_set_member (m->value, "evidence-private", charta_node_new_bool (TRUE));
  charta_node_set_member (m->value, "changed", changed);
}
static void empty_funding (ChartaNode *r) { charta_node_set_member (element (r, "actions", 0), "funding", charta_node_new_array ()); }
static void empty_partners (ChartaNode *r) { charta_node_set_member (element (r, "actions", 0), "partners", charta_node_new_array ()); }
static void no_consultations (ChartaNode *r) { remove_member (r, "consultations"); }
static void unknown_last (ChartaNode *r) { set_string (element (r, "actions", 0), "x-tool", "kept"); }
static void unknown_first (ChartaNode *r)
{
  ChartaNode *a = element (r, "actions", 0);
  g_autoptr(ChartaNode) copy = charta_node_copy (a);
  while (a->members->len > 0)
    remove_member (a, g_array_index (a->members, ChartaMember, 0).key);
  set_string (a, "x-tool", "kept");
  for (guint i = 0; i < copy->members->len; i++)
    {
      ChartaMember *m = &g_array_index (copy->members, ChartaMember, i);
      charta_node_set_member (a, m->key, charta_node_copy (m->value));
    }
}
static void swap_assessments (ChartaNode *r)
{
  GArray *members = member (r, "assessments")->members;
  ChartaMember first = g_array_index (members, ChartaMember, 0);
  g_array_index (members, ChartaMember, 0) = g_array_index (members, ChartaMember, 1);
  g_array_index (members, ChartaMember, 1) = first;
}
static void older_version (ChartaNode *r) { charta_node_set_member (r, "version", charta_node_new_number_int (1)); }
static void mixed_notes (ChartaNode *r) { set_string (element (r, "actions", 0), "notes", "a/b\tc\x1b é"); }

/* The tree check answers as loading and comparing would, for every file that loads;
 * and a version that is not canonical still merges as its canonical form. */
static void
test_canonical_tree (void)
{
  const char *examples[] = { "mechelen-2018.charta", "antwerp-2022.charta", "ghent-peer-review-2025.charta" };
  Edit edits[] = { NULL, move_id_last, progress_dot, progress_exp, value_dot, value_fraction, upper_id,
                   upper_partner, false_bool, true_bool, empty_funding, empty_partners, no_consultations,
                   unknown_last, unknown_first, swap_assessments, older_version, mixed_notes };
  /* Text edits of a canonical text, which the layout check must see. */
  const char *text_edits[][2] = {
    { "\n  \"title\": ", "\n   \"title\": " },
    { "\"title\": ", "\"title\" : " },
    { "a/b", "a\\/b" },
    { "\\u001b", "\\u001B" },
    { "\\t", "\\u0009" },
    { "é", "\\u00e9" },
    { "\n}\n", "\n}" },
    { "\n}\n", "\n}\n\n" },
  };
  guint n_canonical = 0, n_not = 0;

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autofree char *raw = read_example (examples[e]);
      g_autofree char *base = canonical (raw);
      /* Only the first example has the actions to edit. */
      g_autofree char *theirs = e == 0 ? edited (base, edit_status1) : g_strdup (base);

      for (guint i = 0; i < G_N_ELEMENTS (edits) + 1 + G_N_ELEMENTS (text_edits); i++)
        {
          g_autofree char *text = NULL;
          g_autoptr(ChartaNode) root = NULL;
          g_autoptr(ChartaProject) project = NULL;
          gboolean is_canonical, expected;

          if (i == 0)
            text = g_strdup (raw);
          else if (i <= G_N_ELEMENTS (edits))
            {
              Edit edit = edits[i - 1];
              if (edit != NULL && e > 0)
                continue;  /* the edits know the first example's shape */
              text = edit ? edited_raw (base, edit, NULL) : g_strdup (base);
            }
          else if (e > 0)
            continue;
          else
            {
              const char **t = text_edits[i - 1 - G_N_ELEMENTS (edits)];
              g_autofree char *from = edited_raw (base, mixed_notes, NULL);
              const char *at = strstr (from, t[0]);
              if (at == NULL)
                g_error ("text edit %s: not found", t[0]);
              text = g_strdup_printf ("%.*s%s%s", (int) (at - from), from, t[1], at + strlen (t[0]));
            }
          root = parse (text);
          project = charta_project_load_from_data (text, strlen (text), "t", NULL);
          is_canonical = tree_is_canonical (root, text);
          if (project == NULL)
            {
              g_test_message ("%s, case %u: does not load", examples[e], i);
              continue;  /* the check may answer either way; the loader finds the problem */
            }
          expected = charta_project_is_data (project, text, strlen (text));
          if (is_canonical != expected)
            g_error ("%s, case %u: the tree check says %d, loading and comparing %d", examples[e], i, is_canonical, expected);
          g_test_message ("%s, case %u: canonical %d", examples[e], i, expected);
          if (expected)
            n_canonical++;
          else
            n_not++;

          /* As ours against an edited theirs: the same result as its canonical text. */
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *canonical_text = charta_project_to_data (project, NULL);
            g_autofree char *result = merge3 (base, text, theirs, NULL, &error);
            g_autofree char *expected_result = NULL;

            g_assert_no_error (error);
            expected_result = merge3 (base, canonical_text, theirs, NULL, &error);
            g_assert_no_error (error);
            g_assert_cmpstr (result, ==, expected_result);
          }
        }
    }
  /* Numbers in every spelling: the tree check answers as the writer does. */
  {
    const char *literals[] = { "0", "-0", "3", "3.0", "0.5", "-0.75", "2.25", "12.50", "0.0001", "0.00001",
                               "0.0", "1e2", "1E-3", "123456789012.345", "1234567890123.456",
                               "0.123456789012345", "0.1234567890123456", "100000000000000", "1000000000000000",
                               "9007199254740993", "0.30000000000000004" };
    g_autofree char *base = canonical (read_example ("mechelen-2018.charta"));

    for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
      {
        g_autoptr(ChartaNode) root = parse (base);
        g_autoptr(ChartaProject) project = NULL;
        g_autofree char *text = NULL;
        gboolean is_canonical, expected;

        charta_node_set_member (member (element (root, "measures", 0), "target"), "value", number_literal (literals[i]));
        text = to_text (root);
        project = charta_project_load_from_data (text, strlen (text), "t", NULL);
        g_assert_nonnull (project);
        is_canonical = tree_is_canonical (root, text);
        expected = charta_project_is_data (project, text, strlen (text));
        if (is_canonical != expected)
          g_error ("%s: the tree check says %d, loading and comparing %d", literals[i], is_canonical, expected);
      }
  }

  /* Both answers were seen, and most of the edits loaded. */
  g_assert_cmpuint (n_canonical, >=, 6);
  g_assert_cmpuint (n_not, >=, 15);
}

static void
test_markers (void)
{
  guint line = 0;
  const char *text = "{\n  \"a\": 1,\n<<<<<<< HEAD\n  \"b\": 2\n=======\n  \"b\": 3\n>>>>>>> theirs\n}\n";
  const char *diff3 = "{\n||||||| base\n}";
  const char *clean = "{\n  \"text\": \"<<<<<<< inside a string\",\n  \"eq\": \"=======\"\n}\n";
  g_autoptr(GError) error = NULL;

  g_assert_true (charta_merge_find_conflict_markers (text, strlen (text), &line));
  g_assert_cmpuint (line, ==, 3);
  g_assert_true (charta_merge_find_conflict_markers (diff3, strlen (diff3), &line));
  g_assert_cmpuint (line, ==, 2);
  g_assert_false (charta_merge_find_conflict_markers (clean, strlen (clean), &line));
  g_assert_false (charta_merge_find_conflict_markers ("<<<<<<", 6, &line));
  g_assert_true (charta_merge_find_conflict_markers ("=======", 7, &line));
  g_assert_true (charta_merge_explain_conflict_markers (text, strlen (text), "f.charta", &error));
  g_assert_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_CONFLICT_MARKERS);
  g_assert_true (g_str_has_prefix (error->message, "f.charta:3:1: "));
  g_assert_nonnull (strstr (error->message, "charta-cli merge"));
}

#include "test-merge-property.c"

/* ---- resolving, two-way merges, sync clients' copies ---- */

static ChartaProject *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChartaProject *project = charta_project_load_from_data (text, strlen (text), "t", &error);
  g_assert_no_error (error);
  return project;
}

static void
test_resolve (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, edit_title0);
  g_autofree char *theirs = edited (base, edit_title0_theirs);
  g_autofree char *deleted = edited (base, delete_action0);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = merge3 (base, ours, theirs, NULL, &error);
  g_autofree char *result2 = NULL;
  g_autoptr(ChartaProject) merged = NULL;
  g_autoptr(ChartaProject) merged2 = NULL;
  g_autoptr(ChartaProject) resolved = NULL;
  g_autoptr(ChartaProject) base_project = load (base);
  g_autoptr(ChartaNode) edited_value = charta_node_new_string ("Edited: both titles");
  const ChartaAction *action;

  g_assert_no_error (error);
  merged = load (result);
  g_assert_cmpuint (charta_merge_count_conflicts (merged), ==, 1);
  {
    g_autofree char *place = charta_merge_describe_path (merged, ((ChartaConflict *) g_ptr_array_index (merged->conflicts, 0))->path);
    g_assert_cmpstr (place, ==, "Action “Ours: a new title” › title");
  }

  /* Theirs: the value written, the record gone; nothing else changes. */
  resolved = charta_merge_resolve (merged, 0, CHARTA_MERGE_TAKE_THEIRS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (charta_merge_count_conflicts (resolved), ==, 0);
  action = g_ptr_array_index (resolved->actions, 0);
  g_assert_cmpstr (action->title, ==, "Theirs: another title");
  g_assert_cmpuint (resolved->actions->len, ==, merged->actions->len);
  g_clear_pointer (&resolved, charta_project_free);

  resolved = charta_merge_resolve (merged, 0, CHARTA_MERGE_TAKE_BASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (resolved->actions, 0))->title, ==,
                   ((ChartaAction *) g_ptr_array_index (base_project->actions, 0))->title);
  g_clear_pointer (&resolved, charta_project_free);

  resolved = charta_merge_resolve (merged, 0, CHARTA_MERGE_TAKE_VALUE, edited_value, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (resolved->actions, 0))->title, ==, "Edited: both titles");
  g_clear_pointer (&resolved, charta_project_free);

  /* A value the loader refuses is refused, the project untouched. */
  {
    g_autoptr(ChartaNode) bad = charta_node_new_number_int (3);
    g_assert_null (charta_merge_resolve (merged, 0, CHARTA_MERGE_TAKE_VALUE, bad, &error));
    g_assert_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (charta_merge_count_conflicts (merged), ==, 1);
  }
  g_assert_null (charta_merge_resolve (merged, 1, CHARTA_MERGE_TAKE_OURS, NULL, &error));
  g_assert_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID);
  g_clear_error (&error);

  /* A deleted action against an edited one: theirs brings it back, ours leaves it out. */
  result2 = merge3 (base, deleted, theirs, NULL, &error);
  g_assert_no_error (error);
  merged2 = load (result2);
  g_assert_cmpuint (charta_merge_count_conflicts (merged2), ==, 1);
  resolved = charta_merge_resolve (merged2, 0, CHARTA_MERGE_TAKE_THEIRS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resolved->actions->len, ==, base_project->actions->len);
  {
    g_autofree char *text = charta_project_to_data (resolved, NULL);
    g_assert_nonnull (strstr (text, "Theirs: another title"));
  }
  g_clear_pointer (&resolved, charta_project_free);
  resolved = charta_merge_resolve (merged2, 0, CHARTA_MERGE_TAKE_OURS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resolved->actions->len, ==, base_project->actions->len - 1);
  g_assert_cmpuint (charta_merge_count_conflicts (resolved), ==, 0);
}

static void
test_two_way (void)
{
  g_autofree char *base = read_example ("mechelen-2018.charta");
  g_autofree char *ours = edited (base, edit_title0);
  g_autofree char *theirs = edited (base, edit_status1);
  ChartaMergeInput o = { ours, strlen (ours), "ours.charta" };
  ChartaMergeInput t = { theirs, strlen (theirs), "theirs.charta" };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autofree char *result = charta_merge_data (NULL, &o, &t, NULL, &paths, &error);

  /* Without a common version, both changed values are conflicts (each keeps ours). */
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (paths), ==, 2);
  root = parse (result);
  g_assert_cmpstr (member (element (root, "actions", 0), "title")->string, ==, "Ours: a new title");
  g_clear_pointer (&result, g_free);
  g_clear_pointer (&paths, g_strfreev);

  /* The same file twice is no conflict. */
  result = charta_merge_data (NULL, &o, &o, NULL, &paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (paths), ==, 0);
  g_assert_cmpstr (result, ==, ours);
}

static void
test_conflict_copy_names (void)
{
  const char *copies[] = {
    "plan (conflicted copy 2026-11-30 101500).charta",
    "plan_conflict-20261130-101500.charta",
    "plan.sync-conflict-20261130-101500-ABCDEFG.charta",
    "plan (Anna's conflicted copy 2026-11-30).charta",
    "plan (Anna’s conflicted copy 2026-11-30) (1).charta",
  };
  const char *others[] = {
    "plan.charta",
    "plan2 (conflicted copy 2026-11-30 101500).charta",
    "plan (conflicted copy 2026-11-30 101500).charta.bak",
    "plan.sync-conflict-20261130-101500-ABCDEFG.json",
    "other_conflict-20261130-101500.charta",
    "plan (copy).charta",
  };

  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    g_assert_true (charta_merge_is_conflict_copy ("plan.charta", copies[i]));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (charta_merge_is_conflict_copy ("plan.charta", others[i]));
  /* Names with characters a regular expression would read as its own. */
  g_assert_true (charta_merge_is_conflict_copy ("a+b (2).charta", "a+b (2) (conflicted copy 2026-11-30 101500).charta"));
  g_assert_false (charta_merge_is_conflict_copy ("a+b (2).charta", "aab (2) (conflicted copy 2026-11-30 101500).charta"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/clean/different-fields", test_clean_different_fields);
  g_test_add_func ("/merge/conflict/same-field", test_conflict_same_field);
  g_test_add_func ("/merge/changed/takes-later", test_changed_takes_later);
  g_test_add_func ("/merge/conflict/delete-against-edit", test_delete_against_edit);
  g_test_add_func ("/merge/clean/both-add", test_both_add);
  g_test_add_func ("/merge/clean/sets-and-identities", test_sets_and_identities);
  g_test_add_func ("/merge/valid/across-fields", test_result_always_valid);
  g_test_add_func ("/merge/conflict/carried", test_carried_conflicts);
  g_test_add_func ("/merge/bad-input", test_bad_input);
  g_test_add_func ("/merge/bad-input/base-replaced", test_bad_base_replaced);
  g_test_add_func ("/merge/canonical-tree", test_canonical_tree);
  g_test_add_func ("/merge/markers", test_markers);
  g_test_add_func ("/merge/resolve", test_resolve);
  g_test_add_func ("/merge/two-way", test_two_way);
  g_test_add_func ("/merge/conflict-copy-names", test_conflict_copy_names);
  g_test_add_func ("/merge/property", test_property);
  return g_test_run ();
}
