/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-consultation-rules.h: the meetings an agreement asks for (the catalogue's items of
 * kind "consultation-rule", e.g. the AII agreement's three meetings a year, one of them
 * with the policy lead, and a yearly evaluation), held versus required in a year. The
 * window's Consultations page and `charta-cli summary` show the same figures. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

typedef struct {
  const ChartaItem *rule;   /* a catalogue item of kind "consultation-rule" */
  int year;
  guint required;           /* meetings a year */
  guint held;               /* meetings of @year that count towards the rule */
} ChartaRuleCheck;

/* The year to check: that of @today ("YYYY-MM-DD", or NULL for today), kept within the
 * project's period (a 2018 plan read in 2026 is checked for 2018). */
int       charta_consultation_rules_year (const ChartaProject *project,
                                          const char          *today);
/* One check per consultation rule of the frameworks @project uses, in catalogue order;
 * empty when none of them has rules. */
GArray   *charta_consultation_rules_check (const ChartaProject *project,
                                           int                  year);
gboolean  charta_rule_check_is_behind (const ChartaRuleCheck *check);
/* Whether @attendee ("policy-lead") was at @meeting: one of its participants is named as
 * a person of the project whose role says they are the policy lead. */
gboolean  charta_consultation_has_attendee (const ChartaProject      *project,
                                            const ChartaConsultation *meeting,
                                            const char               *attendee);
/* Whether @meeting counts towards @rule: its kind is the rule's meeting kind; for a rule
 * that asks for an attendee, any meeting with that attendee counts (the agreement's
 * yearly meeting with the policy lead may be its evaluation). */
gboolean  charta_consultation_counts_for (const ChartaProject      *project,
                                          const ChartaConsultation *meeting,
                                          const ChartaItem         *rule);

G_END_DECLS
