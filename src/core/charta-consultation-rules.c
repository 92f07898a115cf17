/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-consultation-rules"
#include "config.h"

#include <string.h>

#include "charta-consultation-rules.h"
#include "charta-date.h"

/* The policy lead is not a field of the format: the agreement names them by role, and so
 * does the project's list of people ("… and is the policy lead"). */
#define POLICY_LEAD_ROLE "policy lead"

static int
year_of (const char *date)
{
  return date && strlen (date) >= 4 ? (int) g_ascii_strtoll (date, NULL, 10) : 0;
}

int
charta_consultation_rules_year (const ChartaProject *project, const char *today)
{
  g_autofree char *now = today ? NULL : charta_date_today ();
  int year = year_of (today ? today : now);

  g_return_val_if_fail (project != NULL, year);

  if (project->period && project->period->end && year > year_of (project->period->end))
    year = year_of (project->period->end);
  if (project->period && project->period->start && year < year_of (project->period->start))
    year = year_of (project->period->start);
  return year;
}

static gboolean
names_equal (const char *a, const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_strcmp0 (g_strstrip (fa), g_strstrip (fb)) == 0;
}

static gboolean
is_policy_lead (const ChartaPerson *person)
{
  g_autofree char *role = person->role ? g_utf8_casefold (person->role, -1) : NULL;

  return role != NULL && strstr (role, POLICY_LEAD_ROLE) != NULL;
}

gboolean
charta_consultation_has_attendee (const ChartaProject *project, const ChartaConsultation *meeting,
                                  const char *attendee)
{
  g_return_val_if_fail (project != NULL && meeting != NULL, FALSE);

  if (g_strcmp0 (attendee, "policy-lead") != 0)
    return FALSE;
  for (guint i = 0; meeting->participants && i < meeting->participants->len; i++)
    for (guint j = 0; project->people && j < project->people->len; j++)
      {
        const ChartaPerson *person = g_ptr_array_index (project->people, j);
        if (person->name && is_policy_lead (person) &&
            names_equal (g_ptr_array_index (meeting->participants, i), person->name))
          return TRUE;
      }
  return FALSE;
}

gboolean
charta_consultation_counts_for (const ChartaProject *project, const ChartaConsultation *meeting,
                                const ChartaItem *rule)
{
  const char *attendee = charta_item_get_attendee (rule);

  g_return_val_if_fail (project != NULL && meeting != NULL && rule != NULL, FALSE);

  if (attendee != NULL)
    return charta_consultation_has_attendee (project, meeting, attendee);
  return g_strcmp0 (charta_meeting_kind_to_string (meeting->kind), charta_item_get_meeting_kind (rule)) == 0;
}

static guint
count_held (const ChartaProject *project, const ChartaItem *rule, int year)
{
  guint n = 0;

  for (guint i = 0; project->consultations && i < project->consultations->len; i++)
    {
      const ChartaConsultation *c = g_ptr_array_index (project->consultations, i);
      if (year_of (c->date) == year && charta_consultation_counts_for (project, c, rule))
        n++;
    }
  return n;
}

GArray *
charta_consultation_rules_check (const ChartaProject *project, int year)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GArray *checks = g_array_new (FALSE, TRUE, sizeof (ChartaRuleCheck));

  g_return_val_if_fail (project != NULL, checks);

  for (guint f = 0; project->frameworks && f < project->frameworks->len; f++)
    {
      const ChartaFramework *fw = charta_catalogue_find_framework (catalogue, g_ptr_array_index (project->frameworks, f));

      for (guint i = 0; fw && i < charta_framework_get_n_items (fw); i++)
        {
          const ChartaItem *item = charta_framework_get_item (fw, i);
          ChartaRuleCheck check = { item, year, charta_item_get_per_year (item), 0 };

          if (strcmp (charta_item_get_kind (item), "consultation-rule") != 0)
            continue;
          check.held = count_held (project, item, year);
          g_array_append_val (checks, check);
        }
    }
  return checks;
}

gboolean
charta_rule_check_is_behind (const ChartaRuleCheck *check)
{
  g_return_val_if_fail (check != NULL, FALSE);
  return check->held < check->required;
}
