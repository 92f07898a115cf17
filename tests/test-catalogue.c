/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-catalogue.c: the built-in framework catalogue against the source documents'
 * structure, and its Dutch wording file by file. */
#define G_LOG_DOMAIN "test-catalogue"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-json.h"

static const char * const translatable_keys[] = { "title", "description", "situation", "summary", "city", "source", NULL };
/* Translatable lists of texts. */
static const char * const translatable_lists[] = { "criteria", NULL };

/* ---- helpers ---- */

static ChartaCatalogue *
catalogue (void)
{
  return charta_catalogue_get_default ();
}

static const ChartaFramework *
framework (const char *id)
{
  const ChartaFramework *fw = charta_catalogue_find_framework (catalogue (), id);
  if (fw == NULL)
    g_error ("framework %s is missing", id);
  return fw;
}

static const ChartaItem *
item (const char *id)
{
  const ChartaItem *it = charta_catalogue_lookup (catalogue (), id);
  if (it == NULL)
    g_error ("item %s is missing", id);
  return it;
}

static gboolean
is_kind (const ChartaItem *it, const char *kind)
{
  return strcmp (charta_item_get_kind (it), kind) == 0;
}

static guint
count_children (const ChartaItem *it, const char *kind)
{
  guint n = 0;
  for (guint i = 0; i < charta_item_get_n_children (it); i++)
    if (is_kind (charta_item_get_child (it, i), kind))
      n++;
  return n;
}

static gboolean
nonempty (const char *s)
{
  if (s == NULL)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return TRUE;
  return FALSE;
}

#define assert_text(s) G_STMT_START { \
  const char *_t = (s); \
  if (!nonempty (_t)) \
    { \
      g_test_message ("%s: empty %s", charta_item_get_id (it), #s); \
      g_test_fail (); \
    } \
} G_STMT_END

/* Top-level items of @kind in @fw, in catalogue order. */
static GPtrArray *
items_of_kind (const ChartaFramework *fw, const char *kind)
{
  GPtrArray *list = g_ptr_array_new ();
  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    if (is_kind (charta_framework_get_item (fw, i), kind))
      g_ptr_array_add (list, (gpointer) charta_framework_get_item (fw, i));
  return list;
}

static ChartaNode *
read_json (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  ChartaNode *node;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  node = charta_json_parse (data, len, NULL, NULL, &error);
  if (node == NULL)
    g_error ("%s:%s", path, error->message);
  return node;
}

static const char *
source_dir (void)
{
  const char *dir = g_getenv ("CHARTA_SOURCE_DIR");
  if (dir == NULL)
    g_error ("CHARTA_SOURCE_DIR is not set: run through meson test");
  return dir;
}

/* ---- Charter ---- */

static void
test_charter (void)
{
  const ChartaFramework *fw = framework ("charter");
  const char *roles[] = { "policymaker", "service-provider", "employer", "buyer" };
  const guint commitments[] = { 3, 2, 3, 3 };
  const char *delivery[] = { "action-plan", "monitoring", "peer-review", "dialogue" };

  g_assert_cmpuint (charta_framework_count_kind (fw, "role"), ==, 4);
  g_assert_cmpuint (charta_framework_count_kind (fw, "commitment"), ==, 11);
  g_assert_cmpuint (charta_framework_count_kind (fw, "delivery-commitment"), ==, 4);
  g_assert_cmpuint (charta_framework_count_kind (fw, "eu-request"), ==, 4);
  g_assert_cmpuint (charta_framework_count_kind (fw, "vision"), ==, 3);
  g_assert_cmpuint (charta_framework_get_n_items (fw), ==, 26);

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autofree char *id = g_strdup_printf ("charter.role.%s", roles[r]);
      const ChartaItem *role = item (id);

      g_assert_true (is_kind (role, "role"));
      g_assert_null (charta_item_get_parent (role));
      g_assert_true (charta_item_get_framework (role) == fw);
      g_assert_cmpuint (count_children (role, "commitment"), ==, commitments[r]);
      g_assert_cmpuint (charta_item_get_n_children (role), ==, commitments[r]);
      for (guint c = 0; c < charta_item_get_n_children (role); c++)
        {
          const ChartaItem *it = charta_item_get_child (role, c);
          g_autofree char *expected = g_strdup_printf ("charter.commitment.%s.%u", roles[r], c + 1);
          g_assert_cmpstr (charta_item_get_id (it), ==, expected);
          g_assert_true (charta_item_get_parent (it) == role);
          assert_text (charta_item_get_title (it));
          /* A commitment serves its role. */
          g_assert_true (charta_item_serves (it, id));
        }
    }
  for (guint d = 0; d < G_N_ELEMENTS (delivery); d++)
    {
      g_autofree char *id = g_strdup_printf ("charter.delivery.%s", delivery[d]);
      const ChartaItem *it = item (id);
      g_assert_true (is_kind (it, "delivery-commitment"));
      g_assert_null (charta_item_get_parent (it));
      assert_text (charta_item_get_title (it));
    }
  /* The four asks to the European institutions, in the Charter's order. */
  for (guint n = 1; n <= 4; n++)
    {
      g_autofree char *id = g_strdup_printf ("charter.eu-request.%u", n);
      const ChartaItem *it = item (id);
      g_assert_true (is_kind (it, "eu-request"));
      g_assert_null (charta_item_get_parent (it));
      g_assert_false (charta_item_is_assessable (it));
      assert_text (charta_item_get_title (it));
    }
  g_assert_true (strstr (charta_item_get_title (item ("charter.eu-request.1")), "competition law") != NULL);
  /* Its vision: a two-way process, the city's language, a wider diversity frame. */
  {
    const char *vision[] = { "two-way-process", "language", "diversity-frame" };
    for (guint v = 0; v < G_N_ELEMENTS (vision); v++)
      {
        g_autofree char *id = g_strdup_printf ("charter.vision.%s", vision[v]);
        const ChartaItem *it = item (id);
        g_assert_true (is_kind (it, "vision"));
        g_assert_false (charta_item_is_assessable (it));
        assert_text (charta_item_get_title (it));
        assert_text (charta_item_get_description (it));
      }
  }
}

/* ---- DIVE ---- */

static void
test_dive_structure (void)
{
  const ChartaFramework *fw = framework ("dive");
  const char *groups[] = { "policymaker-service-provider", "employer", "buyer" };
  const guint indicators[] = { 12, 6, 7 };
  const guint areas[] = { 8, 4, 3 };

  g_assert_cmpuint (charta_framework_count_kind (fw, "group"), ==, 3);
  g_assert_cmpuint (charta_framework_count_kind (fw, "indicator"), ==, 25);
  g_assert_cmpuint (charta_framework_count_kind (fw, "area"), ==, 15);
  g_assert_cmpuint (charta_framework_count_kind (fw, "policy-area"), ==, 4);
  g_assert_cmpuint (charta_framework_count_kind (fw, "term"), ==, 7);
  g_assert_cmpuint (charta_framework_count_kind (fw, "review-stage"), ==, 5);
  g_assert_cmpuint (charta_framework_count_kind (fw, "key-problem"), ==, 52);
  g_assert_cmpuint (charta_framework_count_kind (fw, "recommendation"), ==, 63);
  g_assert_cmpuint (charta_framework_count_kind (fw, "good-practice"), ==, 27);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *id = g_strdup_printf ("dive.group.%s", groups[g]);
      const ChartaItem *group = item (id);
      g_assert_true (is_kind (group, "group"));
      g_assert_null (charta_item_get_parent (group));
      g_assert_cmpuint (count_children (group, "indicator"), ==, indicators[g]);
      g_assert_cmpuint (count_children (group, "area"), ==, areas[g]);
      g_assert_cmpuint (count_children (group, "policy-area"), ==, g == 0 ? 4 : 0);
    }
}

static void
test_dive_areas (void)
{
  const ChartaFramework *fw = framework ("dive");
  g_autoptr(GPtrArray) list = items_of_kind (fw, "area");

  g_assert_cmpuint (list->len, ==, 15);
  for (guint a = 0; a < list->len; a++)
    {
      const ChartaItem *area = g_ptr_array_index (list, a);
      const ChartaItem *it = area;

      g_assert_true (is_kind (charta_item_get_parent (area), "group"));
      assert_text (charta_item_get_title (area));
      assert_text (charta_item_get_situation (area));
      g_assert_cmpuint (count_children (area, "key-problem"), >=, 1);
      for (guint c = 0; c < charta_item_get_n_children (area); c++)
        {
          const ChartaItem *child = charta_item_get_child (area, c);
          it = child;
          g_assert_true (is_kind (child, "key-problem") || is_kind (child, "good-practice"));
          g_assert_true (g_str_has_prefix (charta_item_get_id (child), charta_item_get_id (area)));
          assert_text (charta_item_get_title (child));
          if (is_kind (child, "good-practice"))
            {
              assert_text (charta_item_get_city (child));
              assert_text (charta_item_get_summary (child));
            }
          /* Key problems, recommendations and good practices serve what the area serves. */
          for (guint s = 0; charta_item_get_serves (area)[s]; s++)
            g_assert_true (charta_item_serves (child, charta_item_get_serves (area)[s]));
        }
    }
}

static void
test_dive_recommendations (void)
{
  const ChartaFramework *fw = framework ("dive");
  guint n_recommendations = 0, n_under_key_problems = 0;

  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *it = charta_framework_get_item (fw, i);
      if (is_kind (it, "recommendation"))
        {
          const ChartaItem *kp = charta_item_get_parent (it);
          n_recommendations++;
          g_assert_nonnull (kp);
          g_assert_cmpstr (charta_item_get_kind (kp), ==, "key-problem");
          g_assert_true (g_str_has_prefix (charta_item_get_id (it), charta_item_get_id (kp)));
          assert_text (charta_item_get_title (it));
        }
      if (is_kind (it, "key-problem"))
        {
          /* Everything under a key problem is a recommendation. */
          for (guint c = 0; c < charta_item_get_n_children (it); c++)
            {
              g_assert_cmpstr (charta_item_get_kind (charta_item_get_child (it, c)), ==, "recommendation");
              n_under_key_problems++;
            }
          g_assert_cmpstr (charta_item_get_kind (charta_item_get_parent (it)), ==, "area");
        }
    }
  g_assert_cmpuint (n_recommendations, >, 0);
  g_assert_cmpuint (n_recommendations, ==, n_under_key_problems);
}

/* The `serves` rule of docs/catalogue-format.md, held for every DIVE area and indicator. */

static gboolean
is_delivery (const char *id)
{
  return g_str_has_prefix (id, "charter.delivery.");
}

/* The roles and role commitments @it serves, as a set. */
static GHashTable *
role_links (const ChartaItem *it)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *serves = charta_item_get_serves (it);

  for (guint s = 0; serves[s]; s++)
    if (!is_delivery (serves[s]))
      g_hash_table_add (set, (gpointer) serves[s]);
  return set;
}

#define rule_fail(...) G_STMT_START { g_test_message (__VA_ARGS__); g_test_fail (); } G_STMT_END

/* Rules 1 and 2: what one area or indicator serves on its own. */
static void
check_serves_item (const ChartaItem *it)
{
  const char *id = charta_item_get_id (it);
  const char * const *serves = charta_item_get_serves (it);
  guint n_roles = 0, n_role_commitments = 0, n_delivery = 0;

  for (guint s = 0; serves[s]; s++)
    {
      const ChartaItem *target = charta_catalogue_lookup (catalogue (), serves[s]);

      if (target == NULL || strcmp (charta_framework_get_id (charta_item_get_framework (target)), "charter") != 0)
        {
          rule_fail ("%s serves %s, which is not a Charter item", id, serves[s]);
          continue;
        }
      g_assert_true (charta_item_serves (it, serves[s]));
      if (is_kind (target, "role"))
        n_roles++;
      else if (is_kind (target, "delivery-commitment"))
        n_delivery++;
      else if (is_kind (target, "commitment"))
        {
          n_role_commitments++;
          if (!g_strv_contains (serves, charta_item_get_id (charta_item_get_parent (target))))
            rule_fail ("%s serves %s but not its role", id, serves[s]);
        }
      else
        rule_fail ("%s serves %s, a %s", id, serves[s], charta_item_get_kind (target));
      for (guint t = 0; t < s; t++)
        if (strcmp (serves[t], serves[s]) == 0)
          rule_fail ("%s lists %s twice", id, serves[s]);
    }
  if (n_role_commitments + n_delivery == 0 || n_roles == 0)
    rule_fail ("%s serves %u roles and %u commitments", id, n_roles, n_role_commitments + n_delivery);

  /* A role comes with one of its commitments, or is the policymaker's when only
   * delivery commitments are served. */
  for (guint s = 0; serves[s]; s++)
    {
      const ChartaItem *role = charta_catalogue_lookup (catalogue (), serves[s]);
      gboolean justified = FALSE;

      if (role == NULL || !is_kind (role, "role"))
        continue;
      for (guint c = 0; c < charta_item_get_n_children (role); c++)
        if (g_strv_contains (serves, charta_item_get_id (charta_item_get_child (role, c))))
          justified = TRUE;
      if (n_role_commitments == 0 && strcmp (serves[s], "charter.role.policymaker") == 0)
        justified = TRUE;
      if (!justified)
        rule_fail ("%s serves %s without one of its commitments", id, serves[s]);
    }
}

/* Rules 3 to 5: an area against its indicators. */
static void
check_serves_area (const ChartaItem *area, GHashTable *area_of_indicator)
{
  const char *id = charta_item_get_id (area);
  const char * const *indicators = charta_item_get_indicators (area);
  const char * const *serves = charta_item_get_serves (area);
  g_autoptr(GHashTable) mine = role_links (area);
  g_autoptr(GHashTable) theirs = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  if (indicators[0] == NULL)
    rule_fail ("%s lists no indicators", id);
  for (guint i = 0; indicators[i]; i++)
    {
      const ChartaItem *ind = charta_catalogue_lookup (catalogue (), indicators[i]);
      const char * const *ind_serves;

      if (ind == NULL || !is_kind (ind, "indicator") || charta_item_get_parent (ind) != charta_item_get_parent (area))
        {
          rule_fail ("%s lists %s, which is not an indicator of its group", id, indicators[i]);
          continue;
        }
      if (g_hash_table_contains (area_of_indicator, indicators[i]))
        rule_fail ("%s belongs to %s and to %s", indicators[i],
                   (char *) g_hash_table_lookup (area_of_indicator, indicators[i]), id);
      g_hash_table_insert (area_of_indicator, (gpointer) indicators[i], (gpointer) id);
      ind_serves = charta_item_get_serves (ind);
      for (guint s = 0; ind_serves[s]; s++)
        {
          if (!is_delivery (ind_serves[s]))
            g_hash_table_add (theirs, (gpointer) ind_serves[s]);
          else if (!g_strv_contains (serves, ind_serves[s]))
            rule_fail ("%s does not serve %s, which its indicator %s serves", id, ind_serves[s], indicators[i]);
        }
    }
  g_hash_table_iter_init (&iter, mine);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (theirs, key))
      rule_fail ("%s serves %s, which none of its indicators serves", id, (char *) key);
  g_hash_table_iter_init (&iter, theirs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (mine, key))
      rule_fail ("%s does not serve %s, which one of its indicators serves", id, (char *) key);
}

static void
test_dive_serves (void)
{
  const ChartaFramework *fw = framework ("dive");
  g_autoptr(GHashTable) area_of_indicator = g_hash_table_new (g_str_hash, g_str_equal);
  /* Rule 6: the indicators that ask for data, and only they, serve monitoring. */
  const char *monitoring[] = { "dive.indicator.pm.1", "dive.indicator.pm.2", "dive.indicator.pm.3",
                               "dive.indicator.pm.4", "dive.indicator.employer.6", "dive.indicator.buyer.7", NULL };
  guint n_areas = 0, n_indicators = 0;

  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *it = charta_framework_get_item (fw, i);
      gboolean is_area = is_kind (it, "area"), is_indicator = is_kind (it, "indicator");

      if (!is_area && !is_indicator)
        {
          g_assert_null (charta_item_get_serves (it)[0]);
          g_assert_null (charta_item_get_indicators (it)[0]);
          continue;
        }
      check_serves_item (it);
      if (is_area)
        {
          check_serves_area (it, area_of_indicator);
          n_areas++;
        }
      else
        {
          g_assert_null (charta_item_get_indicators (it)[0]);
          n_indicators++;
          if (g_strv_contains (monitoring, charta_item_get_id (it)) !=
              g_strv_contains (charta_item_get_serves (it), "charter.delivery.monitoring"))
            rule_fail ("%s: monitoring is served by exactly the indicators that ask for data", charta_item_get_id (it));
        }
    }
  g_assert_cmpuint (n_areas, ==, 15);
  /* Rule 3: every indicator belongs to exactly one area. */
  g_assert_cmpuint (g_hash_table_size (area_of_indicator), ==, n_indicators);

  /* The corrections the rule was written for (issue 11). */
  g_assert_true (charta_item_serves (item ("dive.indicator.pm.6"), "charter.delivery.dialogue"));
  g_assert_false (charta_item_serves (item ("dive.indicator.pm.6"), "charter.commitment.policymaker.2"));
  g_assert_true (charta_item_serves (item ("dive.indicator.pm.6"), "charter.role.policymaker"));
  g_assert_true (charta_item_serves (item ("dive.area.pm.2"), "charter.delivery.peer-review"));
  g_assert_false (charta_item_serves (item ("dive.area.pm.1"), "charter.commitment.policymaker.1"));
  g_assert_true (charta_item_serves (item ("dive.indicator.pm.1"), "charter.commitment.service-provider.2"));
  g_assert_false (charta_item_serves (item ("dive.indicator.pm.1"), "charter.commitment.policymaker.2"));
  g_assert_true (charta_item_serves (item ("dive.area.employer.4"), "charter.commitment.employer.2"));
  g_assert_true (charta_item_serves (item ("dive.indicator.employer.2"), "charter.commitment.service-provider.2"));
  g_assert_true (charta_item_serves (item ("dive.area.pm.3"), "charter.commitment.policymaker.2"));
  /* Key problems and recommendations serve what their area serves. */
  g_assert_true (charta_item_serves (item ("dive.area.pm.2.kp1"), "charter.delivery.dialogue"));
  /* Serving is not transitive to unrelated items. */
  g_assert_false (charta_item_serves (item ("dive.indicator.employer.1"), "charter.role.buyer"));
}

/* DIVE's glossary: seven terms, each with its definition, its sources and the criteria
 * that decide what falls under it. */
static void
test_dive_terms (void)
{
  const struct { const char *slug; guint n_criteria; } terms[] = {
    { "diverse-business", 2 }, { "diversity", 0 }, { "equality", 0 }, { "intercultural-skills", 0 },
    { "migrant-business", 1 }, { "migrant-background", 3 }, { "public-procurement", 0 },
  };
  g_autoptr(GPtrArray) list = items_of_kind (framework ("dive"), "term");

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (terms));
  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      g_autofree char *id = g_strdup_printf ("dive.term.%s", terms[t].slug);
      const ChartaItem *it = item (id);

      g_assert_true (g_ptr_array_index (list, t) == it);
      g_assert_null (charta_item_get_parent (it));
      g_assert_false (charta_item_is_assessable (it));
      assert_text (charta_item_get_title (it));
      assert_text (charta_item_get_description (it));
      assert_text (charta_item_get_source (it));
      g_assert_cmpuint (charta_item_get_n_criteria (it), ==, terms[t].n_criteria);
      for (guint c = 0; c < charta_item_get_n_criteria (it); c++)
        assert_text (charta_item_get_criterion (it, c));
    }
  g_assert_nonnull (strstr (charta_item_get_criterion (item ("dive.term.migrant-business"), 0), "51%"));
  g_assert_nonnull (strstr (charta_item_get_criterion (item ("dive.term.migrant-background"), 1), "parent"));
}

/* DIVE's five peer-review stages, in order. */
static void
test_dive_review_stages (void)
{
  const char *stages[] = { "self-assessment", "desk-review", "visit", "feedback-report", "presentation" };
  g_autoptr(GPtrArray) list = items_of_kind (framework ("dive"), "review-stage");

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (stages));
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *id = g_strdup_printf ("dive.review-stage.%s", stages[i]);
      const ChartaItem *it = item (id);
      g_assert_true (g_ptr_array_index (list, i) == it);
      g_assert_null (charta_item_get_parent (it));
      assert_text (charta_item_get_title (it));
      assert_text (charta_item_get_description (it));
    }
  g_assert_nonnull (strstr (charta_item_get_description (item ("dive.review-stage.visit")), "four-day"));
}

/* A recommendation answers its key problem and may answer others of its area. */
static void
test_dive_answers (void)
{
  const ChartaFramework *fw = framework ("dive");
  const ChartaItem *area = item ("dive.area.employer.4");
  guint n_multiple = 0;

  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *it = charta_framework_get_item (fw, i);
      const char * const *answers = charta_item_get_answers (it);

      if (!is_kind (it, "recommendation"))
        {
          g_assert_null (answers[0]);
          continue;
        }
      g_assert_cmpstr (answers[0], ==, charta_item_get_id (charta_item_get_parent (it)));
      for (guint a = 1; answers[a]; a++)
        {
          const ChartaItem *kp = item (answers[a]);
          g_assert_true (is_kind (kp, "key-problem"));
          g_assert_true (charta_item_get_parent (kp) == charta_item_get_parent (charta_item_get_parent (it)));
          g_assert_cmpstr (answers[a], !=, answers[0]);
          n_multiple++;
        }
    }
  g_assert_cmpuint (n_multiple, ==, 2);
  /* Recruitment: the role-model recommendation also answers the migrant organisations'
   * unused reach, and every key problem of the area is now answered. */
  g_assert_true (g_strv_contains (charta_item_get_answers (item ("dive.area.employer.4.kp2.r1")),
                                  "dive.area.employer.4.kp1"));
  for (guint c = 0; c < charta_item_get_n_children (area); c++)
    {
      const ChartaItem *kp = charta_item_get_child (area, c);
      gboolean answered = FALSE;

      if (!is_kind (kp, "key-problem"))
        continue;
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        if (g_strv_contains (charta_item_get_answers (charta_framework_get_item (fw, i)), charta_item_get_id (kp)))
          answered = TRUE;
      g_assert_true (answered);
    }
}

/* The policy areas (housing, education, labour market, entrepreneurship) of pm.5–8. */
static void
test_dive_policy_areas (void)
{
  const char *policy_areas[] = { "housing", "education", "labour-market", "entrepreneurship" };
  g_autoptr(GPtrArray) areas = items_of_kind (framework ("dive"), "area");

  for (guint a = 0; a < areas->len; a++)
    {
      const ChartaItem *area = g_ptr_array_index (areas, a);
      const ChartaItem *pa = charta_item_get_policy_area (area);
      guint n;

      if (sscanf (charta_item_get_id (area), "dive.area.pm.%u", &n) == 1 && n >= 5 && n <= 8)
        {
          g_autofree char *expected = g_strdup_printf ("dive.policy-area.%s", policy_areas[n - 5]);
          g_assert_nonnull (pa);
          g_assert_cmpstr (charta_item_get_id (pa), ==, expected);
        }
      else
        g_assert_null (pa);
    }
}

/* ---- IncluCities and the agency's model ---- */

static void
test_inclucities (void)
{
  const ChartaFramework *fw = framework ("inclucities");
  g_autoptr(GPtrArray) factors = items_of_kind (fw, "key-factor");

  g_assert_cmpuint (factors->len, ==, 5);
  g_assert_cmpuint (charta_framework_count_kind (fw, "context-factor"), ==, 10);
  g_assert_cmpuint (charta_framework_count_kind (fw, "guiding-question"), ==, 31);
  g_assert_cmpuint (charta_framework_count_kind (fw, "benchmark"), ==, 1);
  {
    const ChartaItem *it = item ("inclucities.benchmark");
    g_assert_null (charta_item_get_parent (it));
    g_assert_nonnull (strstr (charta_item_get_title (it), "city for everyone"));
    assert_text (charta_item_get_description (it));
  }
  for (guint i = 0; i < factors->len; i++)
    {
      const ChartaItem *it = g_ptr_array_index (factors, i);
      g_autofree char *id = g_strdup_printf ("inclucities.key-factor.%u", i + 1);

      g_assert_cmpstr (charta_item_get_id (it), ==, id);
      g_assert_null (charta_item_get_parent (it));
      assert_text (charta_item_get_title (it));
      assert_text (charta_item_get_description (it));
      g_assert_cmpuint (count_children (it, "guiding-question"), >=, 1);
      for (guint c = 0; c < charta_item_get_n_children (it); c++)
        {
          const ChartaItem *child = charta_item_get_child (it, c);
          g_assert_true (is_kind (child, "guiding-question") || is_kind (child, "practical-tip") ||
                         is_kind (child, "good-practice"));
        }
    }
}

static void
test_aii (void)
{
  const ChartaFramework *fw = framework ("aii");
  const char *workforms[] = { "information", "training", "work-session", "advice",
                              "learning-trajectory", "coaching-trajectory" };
  g_autoptr(GPtrArray) list = items_of_kind (fw, "workform");

  g_assert_cmpuint (list->len, ==, 6);
  g_assert_cmpuint (charta_framework_count_kind (fw, "support-role"), ==, 5);
  g_assert_cmpuint (charta_framework_count_kind (fw, "directing-duty"), ==, 3);
  g_assert_cmpuint (charta_framework_count_kind (fw, "consultation-rule"), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (workforms); i++)
    {
      g_autofree char *id = g_strdup_printf ("aii.workform.%s", workforms[i]);
      const ChartaItem *it = item (id);
      g_assert_true (is_kind (it, "workform"));
      g_assert_true (g_ptr_array_index (list, i) == it);
      assert_text (charta_item_get_title (it));
      assert_text (charta_item_get_description (it));
      g_assert_false (charta_item_is_assessable (it));
      g_assert_cmpuint (charta_item_get_per_year (it), ==, 0);
    }
}

/* The city's directing role: three duties, each assessed on the framework's scale. */
static void
test_aii_directing_duties (void)
{
  const char *duties[] = { "responsibility", "participation", "facilitation" };
  g_autoptr(GPtrArray) list = items_of_kind (framework ("aii"), "directing-duty");

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (duties));
  for (guint i = 0; i < G_N_ELEMENTS (duties); i++)
    {
      g_autofree char *id = g_strdup_printf ("aii.directing-duty.%s", duties[i]);
      const ChartaItem *it = item (id);
      g_assert_true (g_ptr_array_index (list, i) == it);
      g_assert_true (charta_item_is_assessable (it));
      assert_text (charta_item_get_title (it));
    }
}

/* The agreement's consultation rules, as data a check of the year's meetings can use:
 * at least three meetings, one with the policy lead, and a yearly evaluation. */
static void
test_aii_consultation_rules (void)
{
  const struct { const char *slug; guint per_year; const char *kind; const char *attendee; } rules[] = {
    { "meetings", 3, "consultation", NULL },
    { "policy-lead", 1, "consultation", "policy-lead" },
    { "evaluation", 1, "evaluation", NULL },
  };
  g_autoptr(GPtrArray) list = items_of_kind (framework ("aii"), "consultation-rule");

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (rules));
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *id = g_strdup_printf ("aii.consultation-rule.%s", rules[i].slug);
      const ChartaItem *it = item (id);
      g_assert_true (g_ptr_array_index (list, i) == it);
      g_assert_cmpuint (charta_item_get_per_year (it), ==, rules[i].per_year);
      g_assert_cmpstr (charta_item_get_meeting_kind (it), ==, rules[i].kind);
      g_assert_cmpstr (charta_item_get_attendee (it), ==, rules[i].attendee);
      g_assert_false (charta_item_is_assessable (it));
      assert_text (charta_item_get_title (it));
      assert_text (charta_item_get_description (it));
    }
}

/* The kinds a city assesses, and only they. */
static void
test_assessable (void)
{
  ChartaCatalogue *cat = catalogue ();
  const char *assessable[] = { "commitment", "indicator", "area", "key-factor", "directing-duty", NULL };

  for (guint f = 0; f < charta_catalogue_get_n_frameworks (cat); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (cat, f);
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        {
          const ChartaItem *it = charta_framework_get_item (fw, i);
          g_assert_cmpint (charta_item_is_assessable (it), ==,
                           g_strv_contains (assessable, charta_item_get_kind (it)));
        }
    }
}

/* What `charta-cli frameworks --json` prints of an item: every field, the new ones too. */
static void
test_item_to_node (void)
{
  g_autoptr(ChartaNode) term = charta_item_to_node (item ("dive.term.migrant-background"));
  g_autoptr(ChartaNode) rule = charta_item_to_node (item ("aii.consultation-rule.meetings"));
  g_autoptr(ChartaNode) rec = charta_item_to_node (item ("dive.area.employer.4.kp2.r1"));
  g_autoptr(ChartaNode) area = charta_item_to_node (item ("dive.area.pm.5"));
  gint64 per_year = 0;

  g_assert_cmpstr (charta_node_get_member (term, "kind")->string, ==, "term");
  g_assert_cmpint (charta_node_get_member (term, "parent")->type, ==, CHARTA_NODE_NULL);
  g_assert_cmpuint (charta_node_get_member (term, "criteria")->array->len, ==, 3);
  g_assert_nonnull (charta_node_get_member (term, "source"));
  g_assert_true (charta_node_get_int (charta_node_get_member (rule, "per-year"), &per_year));
  g_assert_cmpint (per_year, ==, 3);
  g_assert_cmpstr (charta_node_get_member (rule, "meeting-kind")->string, ==, "consultation");
  g_assert_cmpuint (charta_node_get_member (rec, "answers")->array->len, ==, 2);
  g_assert_cmpstr (charta_node_get_member (area, "policy-area")->string, ==, "dive.policy-area.housing");
  g_assert_cmpuint (charta_node_get_member (area, "indicators")->array->len, ==, 2);
  g_assert_true (charta_node_get_member (area, "assessable")->boolean);
}

/* ---- every framework ---- */

static void
test_frameworks (void)
{
  ChartaCatalogue *cat = catalogue ();
  const char *ids[] = { "charter", "dive", "inclucities", "aii" };
  guint sum = 0;

  g_assert_cmpuint (charta_catalogue_get_n_frameworks (cat), ==, 4);
  for (guint f = 0; f < charta_catalogue_get_n_frameworks (cat); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (cat, f);

      g_assert_cmpstr (charta_framework_get_id (fw), ==, ids[f]);
      g_assert_true (nonempty (charta_framework_get_title (fw)));
      g_assert_true (nonempty (charta_framework_get_description (fw)));
      g_assert_true (nonempty (charta_framework_get_publisher (fw)));
      g_assert_cmpint (charta_framework_get_year (fw), >=, 2000);
      g_assert_cmpint (charta_framework_get_year (fw), <=, 2030);
      g_assert_cmpuint (charta_framework_get_n_levels (fw), >=, 4);
      for (guint l = 0; l < charta_framework_get_n_levels (fw); l++)
        {
          const ChartaLevel *level = charta_framework_get_level (fw, l);
          g_assert_cmpint (level->value, ==, (int) l + 1);
          g_assert_true (charta_framework_find_level (fw, level->value) == level);
          g_assert_true (nonempty (charta_level_get_title (level)));
          g_assert_true (nonempty (charta_level_get_description (level)));
        }
      g_assert_null (charta_framework_find_level (fw, 0));
      g_assert_null (charta_framework_find_level (fw, (int) charta_framework_get_n_levels (fw) + 1));

      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        {
          const ChartaItem *it = charta_framework_get_item (fw, i);
          g_assert_true (charta_catalogue_lookup (cat, charta_item_get_id (it)) == it);
          g_assert_true (charta_item_get_framework (it) == fw);
          g_assert_true (g_str_has_prefix (charta_item_get_id (it), ids[f]));
          g_assert_true (nonempty (charta_item_get_title (it)));
          if (charta_item_get_parent (it) != NULL)
            {
              g_assert_true (charta_item_get_framework (charta_item_get_parent (it)) == fw);
              /* Parents come first, so positions sort a tree in reading order. */
              g_assert_cmpuint (charta_item_get_position (charta_item_get_parent (it)), <,
                                charta_item_get_position (it));
            }
        }
      sum += charta_framework_get_n_items (fw);
    }
  /* Ids are unique across the catalogue: the lookup table holds every item. */
  g_assert_cmpuint (charta_catalogue_get_n_items (cat), ==, sum);
  g_assert_null (charta_catalogue_lookup (cat, "charter.role.nonexistent"));
  g_assert_null (charta_catalogue_lookup (cat, NULL));
  g_assert_null (charta_catalogue_find_framework (cat, "nonexistent"));
}

static void
test_positions (void)
{
  ChartaCatalogue *cat = catalogue ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n = 0;

  for (guint f = 0; f < charta_catalogue_get_n_frameworks (cat); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (cat, f);
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        {
          guint pos = charta_item_get_position (charta_framework_get_item (fw, i));
          g_assert_cmpuint (pos, ==, n);
          g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (pos + 1)));
          g_hash_table_add (seen, GUINT_TO_POINTER (pos + 1));
          n++;
        }
    }
}

/* The catalogue files in the resource are the ones in the source tree. */
static void
test_source_matches_resource (void)
{
  g_autofree char *index_path = g_build_filename (source_dir (), "resources", "catalogue", "index.json", NULL);
  g_autoptr(ChartaNode) index = read_json (index_path);
  guint n_items = 0;

  g_assert_cmpint (index->type, ==, CHARTA_NODE_ARRAY);
  for (guint f = 0; f < index->array->len; f++)
    {
      const char *name = ((ChartaNode *) g_ptr_array_index (index->array, f))->string;
      g_autofree char *path = g_build_filename (source_dir (), "resources", "catalogue", name, NULL);
      g_autoptr(ChartaNode) root = read_json (path);
      ChartaNode *items = charta_node_get_member (root, "items");

      for (guint i = 0; i < items->array->len; i++)
        {
          ChartaNode *node = g_ptr_array_index (items->array, i);
          const char *id = charta_node_get_member (node, "id")->string;
          const ChartaItem *it = charta_catalogue_lookup (catalogue (), id);
          g_assert_nonnull (it);
          if (it == NULL)
            continue;
          g_assert_cmpstr (charta_item_get_text_untranslated (it, "title"), ==,
                           charta_node_get_member (node, "title")->string);
          n_items++;
        }
    }
  g_assert_cmpuint (n_items, ==, charta_catalogue_get_n_items (catalogue ()));
}

/* Checks that @nl (an object of translations) has exactly the string keys of @en among
 * @keys, each with a non-empty text. */
static void
check_translated_keys (const char *what, const ChartaNode *en, const ChartaNode *nl, const char * const *keys)
{
  if (nl == NULL || nl->type != CHARTA_NODE_OBJECT)
    {
      g_test_message ("%s: no Dutch entry", what);
      g_test_fail ();
      return;
    }
  for (guint k = 0; keys[k]; k++)
    {
      ChartaNode *e = charta_node_get_member (en, keys[k]);
      ChartaNode *n = charta_node_get_member (nl, keys[k]);
      gboolean has_en = e != NULL && e->type == CHARTA_NODE_STRING && e->string[0] != '\0';
      gboolean has_nl = n != NULL && n->type == CHARTA_NODE_STRING && n->string[0] != '\0';

      if (has_en != has_nl)
        {
          g_test_message ("%s: '%s' is %s in English but %s in Dutch", what, keys[k],
                          has_en ? "set" : "absent", has_nl ? "set" : "absent");
          g_test_fail ();
        }
    }
  for (guint k = 0; keys == translatable_keys && translatable_lists[k]; k++)
    {
      ChartaNode *e = charta_node_get_member (en, translatable_lists[k]);
      ChartaNode *n = charta_node_get_member (nl, translatable_lists[k]);
      guint n_en = e && e->type == CHARTA_NODE_ARRAY ? e->array->len : 0;
      guint n_nl = n && n->type == CHARTA_NODE_ARRAY ? n->array->len : 0;

      if (n_en != n_nl)
        {
          g_test_message ("%s: %u '%s' in English but %u in Dutch", what, n_en, translatable_lists[k], n_nl);
          g_test_fail ();
        }
      for (guint i = 0; i < n_nl; i++)
        if (((ChartaNode *) g_ptr_array_index (n->array, i))->type != CHARTA_NODE_STRING)
          {
            g_test_message ("%s: '%s' must list texts", what, translatable_lists[k]);
            g_test_fail ();
          }
    }
  for (guint m = 0; m < nl->members->len; m++)
    {
      const char *key = g_array_index (nl->members, ChartaMember, m).key;
      if (!g_strv_contains (keys, key) && !(keys == translatable_keys && g_strv_contains (translatable_lists, key)))
        {
          g_test_message ("%s: Dutch has a key '%s' that is not translatable", what, key);
          g_test_fail ();
        }
    }
}

static void
test_dutch_wording (void)
{
  g_autofree char *dir = g_build_filename (source_dir (), "resources", "catalogue", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  const char * const level_keys[] = { "title", "description", NULL };
  guint n_files = 0, n_checked = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *en_path = NULL, *nl_path = NULL;
      g_autoptr(ChartaNode) en = NULL, nl = NULL;
      g_autoptr(GHashTable) en_ids = g_hash_table_new (g_str_hash, g_str_equal);
      ChartaNode *items, *nl_items, *scale;

      if (!g_str_has_suffix (name, ".json") || strcmp (name, "index.json") == 0)
        continue;
      n_files++;
      en_path = g_build_filename (dir, name, NULL);
      nl_path = g_build_filename (source_dir (), "tools", "catalogue-nl", name, NULL);
      if (!g_file_test (nl_path, G_FILE_TEST_EXISTS))
        {
          g_test_message ("%s has no Dutch file %s", name, nl_path);
          g_test_fail ();
          continue;
        }
      en = read_json (en_path);
      nl = read_json (nl_path);
      items = charta_node_get_member (en, "items");
      nl_items = charta_node_get_member (nl, "items");
      g_assert_nonnull (nl_items);
      if (nl_items == NULL)
        continue;
      for (guint i = 0; i < items->array->len; i++)
        {
          ChartaNode *node = g_ptr_array_index (items->array, i);
          const char *id = charta_node_get_member (node, "id")->string;
          g_autofree char *what = g_strdup_printf ("%s: %s", name, id);

          g_hash_table_add (en_ids, (gpointer) id);
          check_translated_keys (what, node, charta_node_get_member (nl_items, id), translatable_keys);
          n_checked++;
        }
      /* No stale entries for items that no longer exist. */
      for (guint m = 0; m < nl_items->members->len; m++)
        {
          const char *id = g_array_index (nl_items->members, ChartaMember, m).key;
          if (!g_hash_table_contains (en_ids, id))
            {
              g_test_message ("%s: Dutch entry for unknown item %s", name, id);
              g_test_fail ();
            }
        }
      /* The framework's own texts and its scale, in the file that has them. */
      if (charta_node_get_member (en, "title") != NULL)
        {
          g_autofree char *what = g_strdup_printf ("%s: framework", name);
          check_translated_keys (what, en, charta_node_get_member (nl, "framework"), level_keys);
        }
      scale = charta_node_get_member (en, "scale");
      for (guint l = 0; scale && l < scale->array->len; l++)
        {
          ChartaNode *level = g_ptr_array_index (scale->array, l);
          ChartaNode *nl_scale = charta_node_get_member (nl, "scale");
          g_autofree char *key = g_strdup_printf ("%u", l + 1);
          g_autofree char *what = g_strdup_printf ("%s: scale level %s", name, key);
          check_translated_keys (what, level, nl_scale ? charta_node_get_member (nl_scale, key) : NULL, level_keys);
        }
    }
  g_assert_cmpuint (n_files, >=, 5);
  g_assert_cmpuint (n_checked, ==, charta_catalogue_get_n_items (catalogue ()));
}

/* The seeds' scanning errors, corrected in tools/catalogue-nl/ (issue 11): none may come back. */
static void
test_dutch_scanning_errors (void)
{
  const char *errors[] = {
    "Europeaanen", "hefboomen", "langetermijinvloed", "bevaart", "ondervetegenwoordiging",
    "rijkwijde", "All ", "Werk sessie", "Gelijkeheids", "in te praktijk", "gelijknissen",
    "ingezet inwoners", "Uk National", "ander westerse",
  };
  g_autofree char *dir = g_build_filename (source_dir (), "tools", "catalogue-nl", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (guint e = 0; e < G_N_ELEMENTS (errors); e++)
        if (strstr (text, errors[e]) != NULL)
          {
            g_test_message ("%s still has the scanning error “%s”", name, errors[e]);
            g_test_fail ();
          }
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 5);
}

/* A broken catalogue is refused with a message naming the file, the line and the field. */
static void
test_broken (void)
{
  const struct { const char *name; const char *expected; } cases[] = {
    { "no-per-year", "x.json:15:5: consultation rule x.rule needs “per-year”" },
    { "per-year-elsewhere", "only a consultation rule has “per-year”" },
    { "no-meeting-kind", "consultation rule x.rule needs a “meeting-kind”" },
    { "answers-not-recommendation", "x.json:15:5: item x.a: only a recommendation has “also-answers”" },
    { "not-a-policy-area", "item x.a: “policy-area” names x.k, which is not a policy area" },
    { "unknown-indicator", "x.json:15:5: item x.a: “indicators” names unknown item x.nope" },
    { "criteria-not-list", "“criteria” must be a list of strings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/io/github/charta/Charta/tests/catalogue/%s", cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChartaCatalogue) cat = charta_catalogue_new_from_resource (path, &error);

      g_assert_null (cat);
      g_assert_error (error, CHARTA_CATALOGUE_ERROR, 0);
      if (error != NULL && strstr (error->message, cases[i].expected) == NULL)
        {
          g_test_message ("%s: “%s” does not say “%s”", cases[i].name, error->message, cases[i].expected);
          g_test_fail ();
        }
      if (error != NULL)
        g_assert_nonnull (strstr (error->message, "x.json:"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/catalogue/charter", test_charter);
  g_test_add_func ("/catalogue/dive/structure", test_dive_structure);
  g_test_add_func ("/catalogue/dive/areas", test_dive_areas);
  g_test_add_func ("/catalogue/dive/recommendations", test_dive_recommendations);
  g_test_add_func ("/catalogue/dive/serves", test_dive_serves);
  g_test_add_func ("/catalogue/dive/terms", test_dive_terms);
  g_test_add_func ("/catalogue/dive/review-stages", test_dive_review_stages);
  g_test_add_func ("/catalogue/dive/answers", test_dive_answers);
  g_test_add_func ("/catalogue/dive/policy-areas", test_dive_policy_areas);
  g_test_add_func ("/catalogue/inclucities", test_inclucities);
  g_test_add_func ("/catalogue/aii", test_aii);
  g_test_add_func ("/catalogue/aii/directing-duties", test_aii_directing_duties);
  g_test_add_func ("/catalogue/aii/consultation-rules", test_aii_consultation_rules);
  g_test_add_func ("/catalogue/assessable", test_assessable);
  g_test_add_func ("/catalogue/item-to-node", test_item_to_node);
  g_test_add_func ("/catalogue/broken", test_broken);
  g_test_add_func ("/catalogue/frameworks", test_frameworks);
  g_test_add_func ("/catalogue/positions", test_positions);
  g_test_add_func ("/catalogue/source-matches-resource", test_source_matches_resource);
  g_test_add_func ("/catalogue/dutch-wording", test_dutch_wording);
  g_test_add_func ("/catalogue/dutch-scanning-errors", test_dutch_scanning_errors);

  return g_test_run ();
}
