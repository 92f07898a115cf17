/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-project.c: loading and saving project files (test-project-validate.c: the
 * problems reported; test-project-v2.c: the fields of version 2 and the migration). */
#define G_LOG_DOMAIN "test-project"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "charta-document.h"
#include "charta-project.h"
#include "charta-summary.h"
#include "test-project-utils.h"
#include "test-project-base.h"

/* ---- loading ---- */

static void
test_load_minimal (void)
{
  g_autoptr(ChartaProject) p = load_ok (base);
  ChartaAction *action;
  ChartaAssessment *a;

  if (p == NULL)
    return;
  g_assert_cmpint (p->version, ==, 2);
  g_assert_cmpint (p->file_version, ==, 2);
  g_assert_false (charta_project_is_migrated (p));
  g_assert_cmpstr (p->id, ==, "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
  g_assert_cmpstr (p->title, ==, "Integration plan");
  g_assert_cmpstr (p->city->name, ==, "Mechelen");
  g_assert_cmpstr (p->city->country, ==, "BE");
  g_assert_cmpstr (p->period->start, ==, "2018-01-01");
  g_assert_cmpstr (p->period->end, ==, "2020-12-31");
  g_assert_null (p->period->label);
  g_assert_cmpuint (p->frameworks->len, ==, 3);
  g_assert_true (charta_project_uses_framework (p, "aii"));
  g_assert_false (charta_project_uses_framework (p, "inclucities"));
  g_assert_cmpuint (p->people->len, ==, 1);
  g_assert_cmpstr (charta_project_find_person (p, "11111111-1111-4111-8111-111111111111")->name, ==, "An Peeters");
  g_assert_cmpuint (p->partners->len, ==, 0);
  g_assert_cmpuint (p->assessments->len, ==, 2);
  a = charta_project_get_assessment (p, "dive.area.pm.1");
  g_assert_nonnull (a);
  g_assert_cmpint (a->level, ==, 2);
  g_assert_cmpuint (a->key_problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (a->key_problems, 0), ==, "dive.area.pm.1.kp1");
  g_assert_false (a->evidence_private);
  g_assert_null (charta_project_get_assessment (p, "dive.area.pm.2"));
  g_assert_cmpuint (p->actions->len, ==, 1);
  action = g_ptr_array_index (p->actions, 0);
  g_assert_cmpstr (action->title, ==, "Train front-desk staff");
  g_assert_cmpuint (action->workforms->len, ==, 1);
  g_assert_cmpstr (charta_action_get_workform (action), ==, "aii.workform.training");
  g_assert_cmpint (action->status, ==, CHARTA_STATUS_PLANNED);
  g_assert_cmpint (action->progress, ==, CHARTA_UNSET);
  g_assert_null (action->start);
  g_assert_null (p->extra);
  g_assert_null (action->extra);
}

static void
test_load_optional_lists (void)
{
  /* The lists after "frameworks" are optional. */
  g_autofree char *t1 = replace (base, ",\n  \"measures\": [],\n  \"consultations\": []\n", "\n");
  g_autoptr(ChartaProject) p = load_ok (t1);

  if (p == NULL)
    return;
  g_assert_cmpuint (p->actions->len, ==, 1);
  g_assert_true (p->measures == NULL || p->measures->len == 0);
  g_assert_true (p->consultations == NULL || p->consultations->len == 0);
}

/* A project's own lists are always written, so a file that leaves them out and one that
 * has them empty have the same canonical form. */
static void
test_save_absent_lists (void)
{
  g_autofree char *t1 = replace (base, ",\n  \"measures\": [],\n  \"consultations\": []\n", "\n");
  g_autofree char *t2 = replace (base, "  \"people\": [\n    {\n      \"id\": \"11111111-1111-4111-8111-111111111111\",\n"
                                 "      \"name\": \"An Peeters\"\n    }\n  ],\n  \"partners\": [],\n", "");
  g_autofree char *t3 = replace (t2, "\"owner\": \"11111111-1111-4111-8111-111111111111\",\n      ", "");
  g_autofree char *expected = replace (base, "\"owner\": \"11111111-1111-4111-8111-111111111111\",\n      ", "");
  g_autofree char *expected3 = replace (expected, "  \"people\": [\n    {\n      \"id\": \"11111111-1111-4111-8111-111111111111\",\n"
                                        "      \"name\": \"An Peeters\"\n    }\n  ],\n", "  \"people\": [],\n");

  assert_round_trip (t1, base);
  assert_round_trip (t3, expected3);
}

static void
test_load_too_large (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "huge.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) p = NULL;
  FILE *f;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  /* A sparse file larger than 64 MiB: refused from its size, before it is read. */
  f = fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, CHARTA_PROJECT_MAX_SIZE + 1024, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', f), !=, EOF);
  fclose (f);
  p = charta_project_load_file (file, NULL, NULL, &error);
  g_assert_null (p);
  g_assert_nonnull (error);
  if (error != NULL)
    {
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, "64 MiB"));
    }
  g_unlink (path);
}

static void
test_load_not_object (void)
{
  const char *docs[] = { "[]", "\"charta-project\"", "42", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_auto(GStrv) lines = load_problems (docs[i], CHARTA_PROJECT_ERROR_INVALID);
      g_assert_cmpuint (g_strv_length (lines), ==, 1);
      g_assert_true (g_str_has_prefix (lines[0], NAME ":1:1: "));
    }
  {
    /* Syntax errors name the file too. */
    g_auto(GStrv) lines = load_problems ("{\n  \"format\": NaN\n}", CHARTA_PROJECT_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (lines[0], NAME ":2:"));
  }
}

/* ---- saving ---- */

static void
test_save_canonical (void)
{
  /* The same project written compactly, keys shuffled, assessments out of catalogue
   * order, an escaped "/" and a number with a fraction of zero. */
  const char *messy =
    "{\"actions\":[{\"status\":\"planned\",\"due\":\"2019-06-30\",\"owner\":\"11111111-1111-4111-8111-111111111111\","
    "\"workforms\":[\"aii.workform.training\"],\"title\":\"Train front-desk staff\",\"id\":\"22222222-2222-4222-8222-222222222222\"}],"
    "\"consultations\":[],\"measures\":[],"
    "\"assessments\":{\"dive.area.pm.1\":{\"key-problems\":[\"dive.area.pm.1.kp1\"],\"level\":2.0},"
    "\"charter.commitment.policymaker.1\":{\"level\":3}},"
    "\"partners\":[],\"people\":[{\"name\":\"An Peeters\",\"id\":\"11111111-1111-4111-8111-111111111111\"}],"
    "\"frameworks\":[\"charter\",\"dive\",\"aii\"],"
    "\"period\":{\"end\":\"2020-12-31\",\"start\":\"2018-01-01\"},"
    "\"city\":{\"country\":\"BE\",\"name\":\"Mechelen\",\"id\":\"0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d\"},"
    "\"title\":\"Integration plan\",\"id\":\"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f\",\"version\":2,\"format\":\"charta-project\"}";

  assert_round_trip (messy, base);
  assert_round_trip (base, base);
}

static void
test_save_stable (void)
{
  /* A fuller project: load+save, then load+save again gives the same bytes. */
  g_autofree char *t1 = replace (base, "  \"partners\": [],\n",
    "  \"partners\": [\n"
    "    {\n"
    "      \"id\": \"44444444-4444-4444-8444-444444444444\",\n"
    "      \"name\": \"Vluchtelingenwerk \\\"Mechelen\\\"\",\n"
    "      \"description\": \"Two lines\\nand a tab\\t.\"\n"
    "    }\n"
    "  ],\n");
  g_autofree char *t2 = replace (t1, "  \"measures\": [],\n",
    "  \"measures\": [\n"
    "    {\n"
    "      \"id\": \"33333333-3333-4333-8333-333333333333\",\n"
    "      \"title\": \"Staff with a migrant background\",\n"
    "      \"unit\": \"%\",\n"
    "      \"direction\": \"increase\",\n"
    "      \"baseline\": {\n"
    "        \"date\": \"2018-01-01\",\n"
    "        \"value\": 4.50\n"
    "      },\n"
    "      \"actuals\": [\n"
    "        {\n"
    "          \"date\": \"2019-01-01\",\n"
    "          \"value\": 1e1,\n"
    "          \"note\": \"é ü €\"\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ],\n");
  g_autoptr(ChartaProject) p = load_ok (t2);
  g_autofree char *once = NULL, *twice = NULL;
  g_autoptr(ChartaProject) again = NULL;
  ChartaMeasure *m;

  if (p == NULL)
    return;
  m = g_ptr_array_index (p->measures, 0);
  g_assert_cmpfloat (m->baseline->value, ==, 4.5);
  g_assert_true (isnan (m->target ? m->target->value : NAN));
  once = to_data (p);
  /* Known numbers are written in their shortest form. */
  g_assert_nonnull (strstr (once, "\"value\": 4.5\n"));
  g_assert_nonnull (strstr (once, "\"value\": 10,\n"));
  g_assert_nonnull (strstr (once, "\"name\": \"Vluchtelingenwerk \\\"Mechelen\\\"\""));
  g_assert_true (g_str_has_suffix (once, "\n}\n"));
  again = load_ok (once);
  if (again == NULL)
    return;
  twice = to_data (again);
  g_assert_cmpstr (once, ==, twice);
}

static void
test_save_new_project (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Liège \"Cité\"");
  g_autoptr(ChartaProject) back = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "projects", NULL);
  g_autofree char *path = g_build_filename (dir, "new.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL, *etag_read = NULL, *before = NULL, *after = NULL;
  g_autofree char *on_disk = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_uuid_string_is_valid (p->id));
  g_assert_true (g_uuid_string_is_valid (p->city->id));
  g_assert_cmpstr (p->city->name, ==, "Liège \"Cité\"");
  g_assert_true (charta_project_uses_framework (p, "charter"));
  g_assert_true (charta_project_uses_framework (p, "dive"));
  g_assert_cmpstr (p->period->start, <=, p->period->end);

  g_assert_true (charta_project_save_file (p, file, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  before = to_data (p);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, before);

  back = charta_project_load_file (file, &etag_read, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  if (back == NULL)
    return;
  g_assert_cmpstr (etag_read, ==, etag);
  g_assert_cmpstr (back->id, ==, p->id);
  g_assert_cmpstr (back->city->name, ==, p->city->name);
  after = to_data (back);
  g_assert_cmpstr (after, ==, before);
  g_unlink (path);
}

/* ---- unknown fields ---- */

static const char with_measure[] =
  "  \"measures\": [\n"
  "    {\n"
  "      \"id\": \"33333333-3333-4333-8333-333333333333\",\n"
  "      \"title\": \"Staff with a migrant background\",\n"
  "      \"unit\": \"%\",\n"
  "      \"direction\": \"increase\",\n"
  "      \"actuals\": [\n"
  "        {\n"
  "          \"date\": \"2019-01-01\",\n"
  "          \"value\": 12@ACTUAL@\n"
  "        }\n"
  "      ]\n"
  "    }\n"
  "  ],\n";

/* @base with unknown members added, in canonical form, after the known ones. */
static char *
with_extras (const char *top, const char *city, const char *action, const char *assessment, const char *actual)
{
  g_autofree char *measure = replace (with_measure, "@ACTUAL@", actual);
  g_autofree char *t1 = replace (base, "  \"consultations\": []\n}\n", top);
  g_autofree char *t2 = replace (t1, "    \"country\": \"BE\"\n", city);
  g_autofree char *t3 = replace (t2, "      \"status\": \"planned\"\n", action);
  g_autofree char *t4 = replace (t3, "    \"charter.commitment.policymaker.1\": {\n      \"level\": 3\n",
                                 assessment);
  return replace (t4, "  \"measures\": [],\n", measure);
}

static void
test_unknown_scalars (void)
{
  g_autofree char *text = with_extras (
    "  \"consultations\": [],\n"
    "  \"x-top\": 1.50,\n"
    "  \"x-empty-object\": {},\n"
    "  \"x-empty-list\": [],\n"
    "  \"x-null\": null\n"
    "}\n",
    "    \"country\": \"BE\",\n"
    "    \"x-city\": \"kept \\\"as is\\\" é\"\n",
    "      \"status\": \"planned\",\n"
    "      \"x-action\": 1e2,\n"
    "      \"x-flag\": false\n",
    "    \"charter.commitment.policymaker.1\": {\n"
    "      \"level\": 3,\n"
    "      \"x-assessment\": -0.0\n",
    ",\n"
    "          \"x-actual\": 1E+2");
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaAction *action;

  if (p == NULL)
    return;
  g_assert_nonnull (p->extra);
  g_assert_cmpstr (charta_node_get_member (p->extra, "x-top")->number, ==, "1.50");
  action = g_ptr_array_index (p->actions, 0);
  g_assert_cmpstr (charta_node_get_member (action->extra, "x-action")->number, ==, "1e2");
  {
    g_autofree char *out = to_data (p);
    g_assert_cmpstr (out, ==, text);
  }
}

/* Nested unknown values keep their canonical two-space indentation. */
static void
test_unknown_nested (void)
{
  g_autofree char *text = with_extras (
    "  \"consultations\": [],\n"
    "  \"x-top\": {\n"
    "    \"n\": 1.50,\n"
    "    \"list\": [\n"
    "      1e2,\n"
    "      {\n"
    "        \"deep\": true\n"
    "      }\n"
    "    ]\n"
    "  }\n"
    "}\n",
    "    \"country\": \"BE\",\n"
    "    \"x-city\": {\n"
    "      \"region\": \"Antwerpen\"\n"
    "    }\n",
    "      \"status\": \"planned\",\n"
    "      \"x-action\": {\n"
    "        \"a\": null\n"
    "      }\n",
    "    \"charter.commitment.policymaker.1\": {\n"
    "      \"level\": 3,\n"
    "      \"x-assessment\": [\n"
    "        1,\n"
    "        2.50\n"
    "      ]\n",
    ",\n"
    "          \"x-actual\": {\n"
    "            \"source\": \"HR\",\n"
    "            \"weight\": 1.50\n"
    "          }");
  g_autoptr(ChartaProject) p = load_ok (text);
  g_autofree char *out = NULL;

  if (p == NULL)
    return;
  out = to_data (p);
  g_assert_cmpstr (out, ==, text);
}

static void
assert_extras_last (const ChartaNode *object, const char *what, guint n_extra, const char *first_extra)
{
  guint n = object->members->len;

  g_assert_cmpint (object->type, ==, CHARTA_NODE_OBJECT);
  g_assert_cmpuint (n, >, n_extra);
  for (guint i = 0; i < n; i++)
    {
      const char *key = g_array_index (object->members, ChartaMember, i).key;
      gboolean is_extra = g_str_has_prefix (key, "x-");
      if (is_extra != (i >= n - n_extra))
        {
          g_test_message ("%s: member %u “%s” is out of place", what, i, key);
          g_test_fail ();
        }
    }
  g_assert_cmpstr (g_array_index (object->members, ChartaMember, n - n_extra).key, ==, first_extra);
}

static void
test_unknown_after_known (void)
{
  /* Unknown members written first (and nested) come back after the known ones, in
   * their own order, with the same values. */
  const char *text =
    "{\"x-b\": {\"k\": [1.50, {\"z\": 1e2}]}, \"x-a\": 0.10, \"format\": \"charta-project\", \"version\": 2,"
    "\"id\": \"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f\","
    "\"city\": {\"x-c\": {\"q\": []}, \"id\": \"0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d\", \"name\": \"Gent\"},"
    "\"period\": {\"start\": \"2018-01-01\", \"end\": \"2020-12-31\"},"
    "\"frameworks\": [\"charter\"],"
    "\"assessments\": {\"charter.role.employer\": {\"x-s\": \"s\", \"level\": 1}},"
    "\"actions\": [{\"x-a1\": 1, \"x-a2\": {\"deep\": {\"er\": 2.000}}, \"id\": \"22222222-2222-4222-8222-222222222222\","
    " \"title\": \"T\", \"status\": \"done\"}],"
    "\"measures\": [{\"id\": \"33333333-3333-4333-8333-333333333333\", \"title\": \"M\", \"unit\": \"n\","
    " \"direction\": \"maintain\", \"actuals\": [{\"x-v\": [true], \"date\": \"2019-01-01\", \"value\": 3}]}]}";
  g_autoptr(ChartaNode) in = charta_json_parse (text, strlen (text), NULL, NULL, NULL);
  g_autoptr(ChartaProject) p = load_ok (text);
  g_autofree char *out = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(GError) error = NULL;
  ChartaNode *n;

  g_assert_nonnull (in);
  if (p == NULL)
    return;
  out = to_data (p);
  root = charta_json_parse (out, strlen (out), NULL, NULL, &error);
  g_assert_no_error (error);
  if (root == NULL)
    return;
  g_assert_cmpstr (g_array_index (root->members, ChartaMember, 0).key, ==, "format");
  g_assert_cmpstr (g_array_index (root->members, ChartaMember, 1).key, ==, "version");
  assert_extras_last (root, "top", 2, "x-b");
  g_assert_true (charta_node_equal (charta_node_get_member (root, "x-b"), charta_node_get_member (in, "x-b")));
  g_assert_cmpstr (charta_node_get_member (root, "x-a")->number, ==, "0.10");

  n = charta_node_get_member (root, "city");
  assert_extras_last (n, "city", 1, "x-c");
  n = charta_node_get_member (charta_node_get_member (root, "assessments"), "charter.role.employer");
  assert_extras_last (n, "assessment", 1, "x-s");
  n = g_ptr_array_index (charta_node_get_member (root, "actions")->array, 0);
  assert_extras_last (n, "action", 2, "x-a1");
  g_assert_true (charta_node_equal (charta_node_get_member (n, "x-a2"),
                                    charta_node_get_member (g_ptr_array_index (charta_node_get_member (in, "actions")->array, 0), "x-a2")));
  n = g_ptr_array_index (charta_node_get_member (root, "measures")->array, 0);
  n = g_ptr_array_index (charta_node_get_member (n, "actuals")->array, 0);
  assert_extras_last (n, "actual", 1, "x-v");

  {
    /* And the canonical text is stable. */
    g_autoptr(ChartaProject) again = load_ok (out);
    g_autofree char *out2 = again ? to_data (again) : NULL;
    g_assert_cmpstr (out2, ==, out);
  }
}

/* ---- summary ---- */

/* A tree loaded and kept (as the merge does) or taken gives the project, the canonical
 * text and the messages loading its text gives; a kept tree is left as parsed. */
static void
assert_tree_loads_as_text (const char *text)
{
  g_autoptr(GError) text_error = NULL, kept_error = NULL, taken_error = NULL;
  g_autoptr(ChartaProject) from_text = charta_project_load_from_data (text, strlen (text), "t.charta", &text_error);
  g_autoptr(ChartaNode) tree = charta_json_parse (text, strlen (text), NULL, NULL, NULL);
  g_autoptr(ChartaNode) parsed = charta_json_parse (text, strlen (text), NULL, NULL, NULL);
  g_autoptr(ChartaProject) kept = charta_project_load_from_kept_tree (tree, "t.charta", &kept_error);
  g_autoptr(ChartaProject) taken = charta_project_load_from_tree (g_steal_pointer (&parsed), strlen (text),
                                                                  "t.charta", &taken_error);
  g_autoptr(ChartaNode) again = charta_json_parse (text, strlen (text), NULL, NULL, NULL);

  g_assert_true (charta_node_equal (tree, again));
  g_assert_true ((from_text == NULL) == (kept == NULL) && (kept == NULL) == (taken == NULL));
  if (from_text == NULL)
    {
      g_assert_cmpstr (kept_error->message, ==, text_error->message);
      g_assert_cmpstr (taken_error->message, ==, text_error->message);
      return;
    }
  {
    g_autofree char *expected = to_data (from_text);
    g_autofree char *out_kept = to_data (kept);
    g_autofree char *out_taken = to_data (taken);
    g_assert_cmpstr (out_kept, ==, expected);
    g_assert_cmpstr (out_taken, ==, expected);
    /* Compared piece by piece: only the canonical text itself is its data. */
    g_assert_true (charta_project_is_data (kept, expected, strlen (expected)));
    g_assert_false (charta_project_is_data (kept, expected, strlen (expected) - 1));
    g_assert_false (charta_project_is_data (kept, text, strlen (text)) && strcmp (text, expected) != 0);
  }
}

static void
test_load_from_tree (void)
{
  g_autofree char *invalid = replace (base, "\"planned\"", "\"someday\"");
  g_autofree char *extras = with_extras ("  \"consultations\": [],\n  \"x-top\": {\"a\": [1, 2.50]}\n}\n",
                                         "    \"country\": \"BE\",\n    \"x-city\": null\n",
                                         "      \"status\": \"planned\",\n      \"x-action\": 1e2\n",
                                         "    \"charter.commitment.policymaker.1\": {\n      \"level\": 3,\n      \"x\": true\n",
                                         "");
  g_autofree char *longer = g_strconcat (base, " ", NULL);

  assert_tree_loads_as_text (base);
  assert_tree_loads_as_text (extras);
  assert_tree_loads_as_text (invalid);
  assert_tree_loads_as_text ("[1, 2]");
  assert_tree_loads_as_text ("{\"format\": \"charta-project\", \"version\": 99}");
  {
    g_autoptr(ChartaProject) p = load_ok (base);
    g_autofree char *changed = g_strdup (base);
    changed[strlen (changed) - 3] ^= 1;
    g_assert_true (charta_project_is_data (p, base, strlen (base)));
    g_assert_false (charta_project_is_data (p, changed, strlen (changed)));
    g_assert_false (charta_project_is_data (p, longer, strlen (longer)));
  }
}

static void
test_summary_overdue (void)
{
  g_autofree char *t1 = replace (base, "      \"status\": \"planned\"\n    }\n",
    "      \"status\": \"planned\"\n    },\n"
    "    {\n      \"id\": \"66666666-6666-4666-8666-666666666666\",\n      \"title\": \"Done late\",\n"
    "      \"items\": [\n        \"charter.commitment.employer.1\"\n      ],\n"
    "      \"due\": \"2019-01-31\",\n      \"status\": \"done\"\n    },\n"
    "    {\n      \"id\": \"77777777-7777-4777-8777-777777777777\",\n      \"title\": \"Later\",\n"
    "      \"items\": [\n        \"dive.area.pm.1\"\n      ],\n"
    "      \"due\": \"2030-01-01\",\n      \"status\": \"in-progress\"\n    }\n");
  g_autoptr(ChartaProject) p = load_ok (t1);
  g_autoptr(ChartaSummary) s = NULL;

  if (p == NULL)
    return;
  s = charta_summary_new (p, "2026-01-01");
  g_assert_cmpstr (s->today, ==, "2026-01-01");
  g_assert_cmpuint (s->overdue->len, ==, 1);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (s->overdue, 0))->title, ==, "Train front-desk staff");
  g_assert_cmpuint (s->actions[CHARTA_STATUS_PLANNED], ==, 1);
  g_assert_cmpuint (s->actions[CHARTA_STATUS_DONE], ==, 1);
  g_assert_cmpuint (s->actions[CHARTA_STATUS_IN_PROGRESS], ==, 1);
  g_assert_cmpuint (s->roles->len, ==, 4);
  g_assert_cmpuint (s->areas->len, ==, 15);
  for (guint i = 0; i < s->roles->len; i++)
    {
      ChartaProgress *r = &g_array_index (s->roles, ChartaProgress, i);
      const char *id = charta_item_get_id (r->item);
      if (strcmp (id, "charter.role.employer") == 0)
        g_assert_cmpuint (r->actions[CHARTA_STATUS_DONE], ==, 1);
      if (strcmp (id, "charter.role.policymaker") == 0)
        {
          /* dive.area.pm.1 (2 of 5) and commitment 1 (3 of 5). */
          g_assert_cmpuint (r->n_assessed, ==, 2);
          g_assert_cmpfloat_with_epsilon (charta_progress_get_mean (r), 0.5, 1e-9);
          g_assert_cmpuint (r->actions[CHARTA_STATUS_IN_PROGRESS], ==, 1);
        }
    }
  {
    /* On the due date itself an action is not yet overdue. */
    g_autoptr(ChartaSummary) s2 = charta_summary_new (p, "2019-06-30");
    g_autoptr(ChartaSummary) s3 = charta_summary_new (p, "2019-07-01");
    g_assert_cmpuint (s2->overdue->len, ==, 0);
    g_assert_cmpuint (s3->overdue->len, ==, 1);
  }
}

/* Latest is the newest date, not the last entered; @until bounds it (issue 12). */
static void
test_measure_latest (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Mechelen");
  g_autoptr(ChartaMeasure) m = charta_measure_new ("Staff", "%");
  g_autoptr(ChartaDatedValue) latest = NULL, until = NULL, none = NULL;

  g_ptr_array_add (m->actuals, charta_dated_value_new ("2026-11-30", 12.1));
  g_ptr_array_add (m->actuals, charta_dated_value_new ("2026-06-30", 12.4));
  latest = charta_measure_get_latest (m, p, NULL);
  g_assert_nonnull (latest);
  g_assert_cmpstr (latest->date, ==, "2026-11-30");
  g_assert_cmpfloat (latest->value, ==, 12.1);
  until = charta_measure_get_latest (m, p, "2026-07-01");
  g_assert_cmpfloat (until->value, ==, 12.4);
  none = charta_measure_get_latest (m, p, "2026-01-01");
  g_assert_null (none);
}

/* The project page's rules (issue 12): a period the right way round, a new project for
 * the calendar year, removing a person that actions refer to as one undo step. */
static void
test_header_rules (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Gent");
  g_autoptr(ChartaProject) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL, *end = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *jan1 = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));

  g_assert_cmpstr (p->period->start, ==, jan1);
  g_assert_true (charta_period_parse ("2024-01-01..2026-12-31", &start, &end, NULL));
  g_assert_cmpstr (start, ==, "2024-01-01");
  g_assert_cmpstr (end, ==, "2026-12-31");
  g_assert_false (charta_period_check ("2026-01-01", "2025-12-31", &error));
  g_assert_nonnull (strstr (error->message, "before it starts"));
  g_clear_error (&error);
  g_assert_false (charta_period_check ("2026-02-30", "2026-12-31", &error));
  g_clear_error (&error);

  g_ptr_array_add (p->assessments, charta_assessment_new ("dive.area.pm.1"));
  header = charta_project_copy (p);
  g_ptr_array_remove_index (header->frameworks, 1);
  g_assert_false (charta_project_check_header (p, header, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_free (header->city->name);
  header->city->name = g_strdup ("  ");
  g_assert_false (charta_project_check_header (p, header, &error));
}

/* A person on a review team cannot be removed: the review needs its member. */
static void
test_removal_review_team (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Gent");
  ChartaPerson *reviewer = charta_person_new ("Reviewer");
  ChartaReview *review = charta_review_new (CHARTA_REVIEW_DIVE_PEER_REVIEW, "Peer review 2025");
  /* A team member as the loader makes one, copied from a plain struct. */
  ChartaReviewer plain = { .id = (char *) "r1", .person = reviewer->id, .role = CHARTA_REVIEW_ROLE_PEER };
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (p->people, reviewer);
  p->reviews = g_ptr_array_new ();
  g_ptr_array_add (p->reviews, review);
  g_assert_true (charta_project_check_removal (p, CHARTA_REFERENCE_PERSON, reviewer->id, NULL, NULL));
  if (review->team == NULL)
    review->team = g_ptr_array_new ();
  g_ptr_array_add (review->team, charta_reviewer_copy (&plain));
  g_assert_false (charta_project_check_removal (p, CHARTA_REFERENCE_PERSON, reviewer->id, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Peer review 2025"));
}

static void
test_remove_referenced (void)
{
  ChartaProject *p = charta_project_new ("Gent");
  ChartaPerson *ann = charta_person_new ("Ann"), *bert = charta_person_new ("Bert");
  ChartaPartner *vzw = charta_partner_new ("VZW");
  ChartaAction *a = charta_action_new ("One");
  g_autoptr(ChartaDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after_undo = NULL;
  g_autofree char *ann_id = g_strdup (ann->id), *bert_id = g_strdup (bert->id), *vzw_id = g_strdup (vzw->id);
  const ChartaAction *now;

  a->owner = g_strdup (ann->id);
  a->partners = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (a->partners, g_strdup (vzw->id));
  g_ptr_array_add (p->people, ann);
  g_ptr_array_add (p->people, bert);
  g_ptr_array_add (p->partners, vzw);
  g_ptr_array_add (p->actions, a);
  doc = charta_document_new (p, NULL, NULL);
  before = charta_document_to_data (doc, NULL);

  g_assert_false (charta_document_remove_referenced (doc, CHARTA_COLLECTION_PEOPLE, ann_id, ann_id, &error));
  g_clear_error (&error);
  g_assert_true (charta_document_remove_referenced (doc, CHARTA_COLLECTION_PEOPLE, ann_id, bert_id, &error));
  g_assert_no_error (error);
  now = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpstr (now->owner, ==, bert_id);
  g_assert_cmpuint (charta_document_get_n (doc, CHARTA_COLLECTION_PEOPLE), ==, 1);
  g_assert_true (charta_document_remove_referenced (doc, CHARTA_COLLECTION_PARTNERS, vzw_id, NULL, &error));
  now = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpuint (now->partners->len, ==, 0);

  g_assert_true (charta_document_undo (doc));
  g_assert_true (charta_document_undo (doc));
  after_undo = charta_document_to_data (doc, NULL);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_false (charta_document_can_undo (doc));
  g_assert_true (charta_document_redo (doc));
  now = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpstr (now->owner, ==, bert_id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/project/load/minimal", test_load_minimal);
  g_test_add_func ("/project/load/optional-lists", test_load_optional_lists);
  g_test_add_func ("/project/load/too-large", test_load_too_large);
  g_test_add_func ("/project/load/not-an-object", test_load_not_object);
  g_test_add_func ("/project/load/from-tree", test_load_from_tree);
  g_test_add_func ("/project/save/canonical", test_save_canonical);
  g_test_add_func ("/project/save/absent-lists", test_save_absent_lists);
  g_test_add_func ("/project/save/stable", test_save_stable);
  g_test_add_func ("/project/save/new-project", test_save_new_project);
  g_test_add_func ("/project/unknown-fields/scalars", test_unknown_scalars);
  g_test_add_func ("/project/unknown-fields/nested", test_unknown_nested);
  g_test_add_func ("/project/unknown-fields/after-known", test_unknown_after_known);
  g_test_add_func ("/project/summary/overdue", test_summary_overdue);
  g_test_add_func ("/project/measure/latest", test_measure_latest);
  g_test_add_func ("/project/header/rules", test_header_rules);
  g_test_add_func ("/project/header/remove-referenced", test_remove_referenced);
  g_test_add_func ("/project/header/removal-review-team", test_removal_review_team);

  return g_test_run ();
}
