/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The AII agreement's consultation rules checked on a project's meetings: held versus
 * required in a year (charta-consultation-rules.h). */
#include "config.h"

#include "charta-consultation-rules.h"

static ChartaProject *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChartaProject *project = charta_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static const ChartaRuleCheck *
find_check (GArray *checks, const char *rule_id)
{
  for (guint i = 0; i < checks->len; i++)
    {
      const ChartaRuleCheck *c = &g_array_index (checks, ChartaRuleCheck, i);
      if (g_strcmp0 (charta_item_get_id (c->rule), rule_id) == 0)
        return c;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Mechelen 2018 met its agreement: four consultations, the evaluation of 13 December,
 * which the alderman (the policy lead) attended. */
static void
test_rules_mechelen_met (void)
{
  g_autoptr(ChartaProject) p = load_example ("mechelen-2018.charta");
  g_autoptr(GArray) checks = charta_consultation_rules_check (p, 2018);
  const ChartaRuleCheck *meetings = find_check (checks, "aii.consultation-rule.meetings");
  const ChartaRuleCheck *lead = find_check (checks, "aii.consultation-rule.policy-lead");
  const ChartaRuleCheck *evaluation = find_check (checks, "aii.consultation-rule.evaluation");

  g_assert_cmpuint (checks->len, ==, 3);
  g_assert_cmpuint (meetings->required, ==, 3);
  g_assert_cmpuint (meetings->held, ==, 4);
  g_assert_cmpuint (lead->required, ==, 1);
  g_assert_cmpuint (lead->held, ==, 1);
  g_assert_cmpuint (evaluation->held, ==, 1);
  for (guint i = 0; i < checks->len; i++)
    g_assert_false (charta_rule_check_is_behind (&g_array_index (checks, ChartaRuleCheck, i)));
}

/* Without the evaluation meeting, two rules fall behind; another year holds nothing. */
static void
test_rules_behind (void)
{
  g_autoptr(ChartaProject) p = load_example ("mechelen-2018.charta");
  g_autoptr(GArray) checks = NULL;
  g_autoptr(GArray) other_year = NULL;

  for (guint i = 0; i < p->consultations->len; i++)
    {
      ChartaConsultation *c = g_ptr_array_index (p->consultations, i);
      if (c->kind == CHARTA_MEETING_EVALUATION)
        g_ptr_array_remove_index (p->consultations, i--);
    }
  checks = charta_consultation_rules_check (p, 2018);
  g_assert_false (charta_rule_check_is_behind (find_check (checks, "aii.consultation-rule.meetings")));
  g_assert_true (charta_rule_check_is_behind (find_check (checks, "aii.consultation-rule.policy-lead")));
  g_assert_true (charta_rule_check_is_behind (find_check (checks, "aii.consultation-rule.evaluation")));
  g_assert_cmpuint (find_check (checks, "aii.consultation-rule.evaluation")->held, ==, 0);

  other_year = charta_consultation_rules_check (p, 2019);
  g_assert_cmpuint (find_check (other_year, "aii.consultation-rule.meetings")->held, ==, 0);
  g_assert_cmpint (find_check (other_year, "aii.consultation-rule.meetings")->year, ==, 2019);
}

/* The policy lead is the person whose role says so; a participant named like them, in
 * any letter case, is them. Another person's presence does not count. */
static void
test_rules_policy_lead (void)
{
  g_autoptr(ChartaProject) p = load_example ("mechelen-2018.charta");
  ChartaConsultation *c = charta_consultation_new ("Extra", "2018-05-02");
  const ChartaItem *rule = charta_catalogue_lookup (charta_catalogue_get_default (), "aii.consultation-rule.policy-lead");

  c->participants = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (c->participants, g_strdup ("City secretary, City of Mechelen"));
  g_assert_false (charta_consultation_counts_for (p, c, rule));
  g_ptr_array_add (c->participants, g_strdup ("  alderman for diversity, city of mechelen "));
  g_assert_true (charta_consultation_has_attendee (p, c, "policy-lead"));
  g_assert_true (charta_consultation_counts_for (p, c, rule));
  g_assert_false (charta_consultation_has_attendee (p, c, "someone-else"));
  charta_consultation_free (c);
}

/* Antwerp uses no framework with consultation rules: nothing to check. */
static void
test_rules_none (void)
{
  g_autoptr(ChartaProject) p = load_example ("antwerp-2022.charta");
  g_autoptr(GArray) checks = charta_consultation_rules_check (p, 2022);

  g_assert_cmpuint (checks->len, ==, 0);
}

/* The year checked is today's, kept within the plan's period. */
static void
test_rules_year (void)
{
  g_autoptr(ChartaProject) p = load_example ("mechelen-2018.charta");

  g_assert_cmpint (charta_consultation_rules_year (p, "2026-11-30"), ==, 2018);
  g_assert_cmpint (charta_consultation_rules_year (p, "2017-03-01"), ==, 2018);
  g_free (p->period->end);
  p->period->end = g_strdup ("2020-12-31");
  g_assert_cmpint (charta_consultation_rules_year (p, "2019-06-01"), ==, 2019);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/consultation-rules/mechelen-met", test_rules_mechelen_met);
  g_test_add_func ("/consultation-rules/behind", test_rules_behind);
  g_test_add_func ("/consultation-rules/policy-lead", test_rules_policy_lead);
  g_test_add_func ("/consultation-rules/none", test_rules_none);
  g_test_add_func ("/consultation-rules/year", test_rules_year);
  return g_test_run ();
}
