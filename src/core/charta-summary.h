/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-summary.h: progress figures of a project, shared by charta-cli summary, the
 * window's overview and the progress report. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

typedef struct {
  const ChartaItem *item;   /* a Charter role or a DIVE area */
  guint n_assessable;       /* items under it that take a level */
  guint n_assessed;         /* of which have one */
  double level_sum;         /* sum of (level / levels on the scale), for the mean */
  guint n_key_problems;     /* that apply */
  guint n_recommendations;  /* adopted */
  guint actions[CHARTA_N_STATUSES];
  guint n_overdue;
} ChartaProgress;

typedef struct {
  guint actions[CHARTA_N_STATUSES];
  guint n_overdue;
} ChartaActionCounts;

typedef struct {
  char *today;
  GHashTable *counts;      /* item id → ChartaActionCounts of the actions serving it */
  GArray *roles;           /* of ChartaProgress, the four Charter roles */
  GArray *areas;           /* of ChartaProgress, the DIVE areas */
  guint actions[CHARTA_N_STATUSES];
  GPtrArray *overdue;      /* of ChartaAction (borrowed), by due date */
} ChartaSummary;

/* @today: "YYYY-MM-DD", or NULL for today's local date. */
ChartaSummary *charta_summary_new (const ChartaProject *project,
                                   const char          *today);
void           charta_summary_free (ChartaSummary *summary);
/* Mean level reached, from 0 to 1, or a negative number when nothing is assessed. */
double         charta_progress_get_mean (const ChartaProgress *progress);
guint          charta_progress_get_open_actions (const ChartaProgress *progress);
/* The actions serving the item with @item_id, by status; never NULL (zeros when none). */
const ChartaActionCounts *charta_summary_get_counts (const ChartaSummary *summary,
                                                     const char          *item_id);
guint          charta_action_counts_get_open (const ChartaActionCounts *counts);

/* Whether @action is linked to @target, to an item inside it, or to a DIVE item serving it. */
gboolean       charta_action_serves (const ChartaAction *action,
                                     const ChartaItem   *target);

/* The open actions a person is reminded of on @today ("YYYY-MM-DD"): those overdue and
 * those due within @days days after @today (both ends included), by due date. A new array
 * of pointers into @project; *@n_overdue (optional) gets how many of them are overdue. */
GPtrArray     *charta_actions_falling_due (const ChartaProject *project,
                                           const char          *today,
                                           guint                days,
                                           guint               *n_overdue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaSummary, charta_summary_free)

G_END_DECLS
