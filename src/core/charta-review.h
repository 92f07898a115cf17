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
  CHARTA_REVIEW_ERROR_NOT_PRESENTED, /* a recommendation taken up before the presentation */
  CHARTA_REVIEW_ERROR_ADOPTED,       /* a recommendation that is already an action */
  CHARTA_REVIEW_ERROR_INVALID,       /* a session with a date or times the file cannot hold */
} ChartaReviewError;

GQuark charta_review_error_quark (void);

/* The items the review assesses: the assessable items named in its "items", and those
 * under a named group or area, in catalogue order, each once. A new array of borrowed
 * ChartaItem pointers. */
GPtrArray   *charta_review_get_items (const ChartaReview *review);

/* The items under review that no session of the visit covers (a session covers the
 * items it names and the items under them). A new array of borrowed ChartaItem. */
GPtrArray   *charta_review_find_gaps (const ChartaReview *review);

/* Whether @session can be saved as it is, by the loader's rules: a date (YYYY-MM-DD), a
 * start and an end (HH:MM, 00:00 to 23:59), the end after the start. FALSE with an error
 * saying which field is wrong. */
gboolean     charta_review_check_session (const ChartaReviewSession *session,
                                          GError                   **error);

/* Moves @session to start at @start (HH:MM), keeping its length: the end moves with it,
 * unless it would pass midnight or the times are not valid yet (then only the start
 * changes, and charta_review_check_session() says what is wrong). */
void         charta_review_session_set_start (ChartaReviewSession *session,
                                              const char          *start);

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

/* ---- stages ---- */

/* The catalogue's review stages, in their order: a new array of borrowed ChartaItem. */
GPtrArray   *charta_review_get_stages (void);
/* The stage after @review's (the first when it has none or one not in the catalogue),
 * or NULL when it is at the last. */
const ChartaItem *charta_review_get_next_stage (const ChartaReview *review);
/* Moves @review on to its next stage; FALSE, and nothing changed, at the last. */
gboolean     charta_review_advance_stage (ChartaReview *review);

/* ---- the team's and the reviewers' assessments ---- */

/* How a reviewer's level stands to the city's own. */
typedef enum {
  CHARTA_LEVEL_NEITHER,        /* neither has a level */
  CHARTA_LEVEL_SAME,
  CHARTA_LEVEL_HIGHER,         /* the reviewer's is higher than the city's */
  CHARTA_LEVEL_LOWER,
  CHARTA_LEVEL_ONLY_CITY,      /* the reviewer has given none yet */
  CHARTA_LEVEL_ONLY_REVIEWER,  /* the city has given none */
} ChartaLevelComparison;

ChartaLevelComparison charta_review_compare_level (int city_level,
                                                   int reviewer_level);
/* Whether the two differ: a level on one side and another, or none, on the other. */
gboolean     charta_level_comparison_differs (ChartaLevelComparison comparison);

/* The assessment of @item_id by @assessor (a person id or "team"), or NULL. */
ChartaReviewAssessment *charta_review_find_assessment (const ChartaReview *review,
                                                       const char         *item_id,
                                                       const char         *assessor);
/* Puts @assessment (taken) in place of its assessor's assessment of its item, or adds it;
 * one with nothing in it (no level, basis, findings, key problems or recommendations, no
 * unknown fields) removes that assessment. Only the review changes: the city's own
 * assessments are never touched. */
void         charta_review_set_assessment (ChartaReview            *review,
                                           ChartaReviewAssessment  *assessment);
/* Who the assessors are: "team" first, then each team member who is not the city's
 * contact, in team order. A new array of borrowed strings. */
GPtrArray   *charta_review_get_assessors (const ChartaReview *review);

/* ---- the team ---- */

/* A new team member; the id is made here. */
ChartaReviewer       *charta_reviewer_new (const char       *person,
                                           ChartaReviewRole  role);
/* A new document requested from the city; the id is made here. */
ChartaReviewDocument *charta_review_document_new (const char *title,
                                                  const char *requested);
/* The team member with @reviewer_id, or NULL. */
ChartaReviewer       *charta_review_find_reviewer (const ChartaReview *review,
                                                   const char         *reviewer_id);

/* ---- after the presentation ---- */

/* Records the presentation's date (YYYY-MM-DD) and outcome; empty strings count as none,
 * and neither removes the presentation. */
void         charta_review_set_presentation (ChartaReview *review,
                                             const char   *date,
                                             const char   *outcome);
/* Whether the conclusions have been presented (the presentation has a date): only then
 * does the city take recommendations up as actions. */
gboolean     charta_review_is_presented (const ChartaReview *review);
/* The recommendations the team proposed: those of the feedback report's sections, else
 * of the assessments, each once, in the order met. A new array of borrowed ids. */
GPtrArray   *charta_review_get_recommendations (const ChartaReview *review);
/* The action of @project that takes up @recommendation_id for @review, or NULL. */
const ChartaAction *charta_review_find_action (const ChartaProject *project,
                                               const ChartaReview  *review,
                                               const char          *recommendation_id);

/* Whether @recommendation_id may be taken up as an action now: after the presentation,
 * once (not when an action already takes it up for @review). FALSE with an error saying
 * why otherwise. */
gboolean     charta_review_check_adopt (const ChartaProject *project,
                                        const ChartaReview  *review,
                                        const char          *recommendation_id,
                                        GError             **error);

/* ---- a new review ---- */

/* What a new review of @kind may put under review, in catalogue order: DIVE's groups and
 * areas, or IncluCities' key factors. A new array of borrowed ChartaItem. */
GPtrArray   *charta_review_get_candidates (ChartaReviewKind kind);
/* A new review of @kind at the catalogue's first stage, with @title (NULL or blank: none)
 * and @items under review (catalogue ids from charta_review_get_candidates(); NULL or
 * empty: all of the kind's, i.e. every DIVE group or every key factor). The dates and
 * the cities are the caller's to set. */
ChartaReview *charta_review_create (ChartaReviewKind   kind,
                                    const char        *title,
                                    const char *const *items);

/* The review with @review_id in @project, or NULL. */
ChartaReview *charta_project_find_review (const ChartaProject *project,
                                          const char          *review_id);

/* The review's title, or its kind's label when it has none. */
const char  *charta_review_get_name (const ChartaReview *review);
const char  *charta_review_kind_to_string (ChartaReviewKind kind);
/* "DIVE peer review", "IncluCities mentoring" (translated). */
const char  *charta_review_kind_get_label (ChartaReviewKind kind);
const char  *charta_review_role_to_string (ChartaReviewRole role);
const char  *charta_review_role_get_label (ChartaReviewRole role);

G_END_DECLS
