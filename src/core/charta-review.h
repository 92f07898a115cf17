/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-review.h: the rules of a peer review (DIVE) or a mentoring (IncluCities), once,
 * for the window, charta-cli and the report: which items are under review, whether the
 * visit covers them, days planned over their hours, where the team and the city differ,
 * the feedback report's draft, and a recommendation taken up as an action.
 *
 * The review's data is in the project (ChartaReview, charta-project.h); nothing here
 * writes to the city's own assessments. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

#define CHARTA_REVIEW_DEFAULT_DAY_HOURS 8

#define CHARTA_REVIEW_ERROR (charta_review_error_quark ())

typedef enum {
  CHARTA_REVIEW_ERROR_NOT_FOUND,     /* an id that names nothing in the catalogue or review */
} ChartaReviewError;

GQuark charta_review_error_quark (void);

/* The items the review assesses: the assessable items named in its "items", and those
 * under a named group or area, in catalogue order, each once. A new array of borrowed
 * ChartaItem pointers. */
GPtrArray   *charta_review_get_items (const ChartaReview *review);

/* The items under review that no session of the visit covers (a session covers the
 * items it names and the items under them). A new array of borrowed ChartaItem. */
GPtrArray   *charta_review_find_gaps (const ChartaReview *review);

typedef struct {
  char *date;            /* YYYY-MM-DD */
  guint minutes;         /* the day's sessions added up */
  guint limit_minutes;   /* the review's day hours */
} ChartaReviewDay;

/* The visit's days, in date order: a new array of ChartaReviewDay. */
GArray      *charta_review_get_days (const ChartaReview *review);
/* Whether @day's sessions add up to more than its hours. */
gboolean     charta_review_day_is_too_long (const ChartaReviewDay *day);

/* The team's agreed assessment of @item_id ("team"), or NULL. */
const ChartaReviewAssessment *charta_review_get_agreed (const ChartaReview *review,
                                                        const char         *item_id);

typedef struct {
  const ChartaItem *item;
  int city_level;        /* the city's own, or CHARTA_UNSET */
  int team_level;        /* the team's agreed, or CHARTA_UNSET */
} ChartaLevelDifference;

/* Each item under review whose city level and team level differ (one of them unset
 * counts as a difference when the other is set): a new array of ChartaLevelDifference,
 * in catalogue order. */
GArray      *charta_review_compare_levels (const ChartaReview  *review,
                                           const ChartaProject *project);

/* Adds a feedback section for each area (or key factor) under review that has none yet,
 * drafted from the city's own assessment (situation), the team's findings, key problems
 * and recommendations (the agreed assessment, else every reviewer's), and the catalogue's
 * good practices for the area. Sections already there are left as they are: they may have
 * been edited. Returns how many were added. */
guint        charta_review_draft_feedback (ChartaReview        *review,
                                           const ChartaProject *project);

/* Takes up @recommendation_id (a catalogue recommendation) as a new planned action of
 * @project, serving the recommendation's area and linked back to @review. The action is
 * owned by @project. NULL with an error when the id is not a recommendation. */
ChartaAction *charta_review_adopt_recommendation (ChartaProject *project,
                                                  ChartaReview  *review,
                                                  const char    *recommendation_id,
                                                  GError       **error);

/* The level the teams agreed on @item_id in @project's reviews (the last review that has
 * one), or CHARTA_UNSET. */
int          charta_project_get_agreed_level (const ChartaProject *project,
                                              const char          *item_id);

/* A review is in progress until its presentation's outcome is recorded. */
gboolean     charta_review_is_in_progress (const ChartaReview *review);

const char  *charta_review_kind_to_string (ChartaReviewKind kind);
const char  *charta_review_role_to_string (ChartaReviewRole role);
const char  *charta_review_role_get_label (ChartaReviewRole role);

G_END_DECLS
