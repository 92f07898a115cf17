/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-portfolio.c: the portfolio's filter rule (charta_portfolio_row_matches()) on catalogue
 * items, and over the examples side by side. */
#define G_LOG_DOMAIN "test-portfolio"
#include "config.h"

#include "charta-portfolio.h"

static const ChartaItem *
item (const char *id)
{
  const ChartaItem *found = charta_catalogue_lookup (charta_catalogue_get_default (), id);

  g_assert_nonnull (found);
  return found;
}

static gboolean
matches (const char *id, const char *framework, const char *group, const char *role)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  ChartaPortfolioRow row = { .item = item (id) };

  return charta_portfolio_row_matches (&row,
                                       framework ? charta_catalogue_find_framework (catalogue, framework) : NULL,
                                       group ? item (group) : NULL, role ? item (role) : NULL);
}

static void
test_rule (void)
{
  g_assert_true (matches ("charter.commitment.employer.1", NULL, NULL, NULL));
  g_assert_true (matches ("charter.commitment.employer.1", "charter", NULL, NULL));
  g_assert_false (matches ("charter.commitment.employer.1", "dive", NULL, NULL));
  /* A commitment is under its role; a role is its own. */
  g_assert_true (matches ("charter.commitment.employer.1", NULL, NULL, "charter.role.employer"));
  g_assert_false (matches ("charter.commitment.employer.1", NULL, NULL, "charter.role.buyer"));
  g_assert_true (matches ("charter.role.buyer", NULL, NULL, "charter.role.buyer"));
  /* A DIVE item serves the roles it names; its group is its parent. */
  g_assert_true (matches ("dive.indicator.pm.1", "dive", "dive.group.policymaker-service-provider", "charter.role.service-provider"));
  g_assert_false (matches ("dive.indicator.pm.1", NULL, "dive.group.employer", NULL));
  g_assert_false (matches ("dive.indicator.pm.1", NULL, NULL, "charter.role.buyer"));
  g_assert_true (matches ("dive.indicator.employer.1", NULL, "dive.group.employer", "charter.role.employer"));
  /* A Charter item is in no DIVE group. */
  g_assert_false (matches ("charter.commitment.employer.1", NULL, "dive.group.employer", NULL));
}

static guint
count_matching (const ChartaPortfolio *portfolio, const char *framework, const char *role)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaFramework *fw = framework ? charta_catalogue_find_framework (catalogue, framework) : NULL;
  guint n = 0;

  for (guint i = 0; i < portfolio->rows->len; i++)
    if (charta_portfolio_row_matches (g_ptr_array_index (portfolio->rows, i), fw, NULL, role ? item (role) : NULL))
      n++;
  return n;
}

static void
test_examples (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(ChartaPortfolio) portfolio = charta_portfolio_new (paths, "2026-01-01");
  guint all = portfolio->rows->len;
  guint charter = count_matching (portfolio, "charter", NULL);
  guint dive = count_matching (portfolio, "dive", NULL);

  g_assert_cmpuint (portfolio->entries->len, ==, 3);
  g_assert_cmpuint (charta_portfolio_count_failed (portfolio), ==, 0);
  g_assert_cmpuint (count_matching (portfolio, NULL, NULL), ==, all);
  g_assert_cmpuint (charter, >, 0);
  g_assert_cmpuint (dive, >, 0);
  g_assert_cmpuint (charter + dive, <=, all);
  g_assert_cmpuint (count_matching (portfolio, NULL, "charter.role.employer"), <, all);
  g_assert_cmpuint (count_matching (portfolio, NULL, "charter.role.employer"), >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/portfolio/filter/rule", test_rule);
  g_test_add_func ("/portfolio/filter/examples", test_examples);
  return g_test_run ();
}
