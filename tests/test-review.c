/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-review.c: the rules of a peer review (charta-review.h) on tests/data/review-v2.charta
 * and on the DIVE peer review example. */
#define G_LOG_DOMAIN "test-review"
#include "config.h"

#include <string.h>

#include "charta-document.h"
#include "charta-merge.h"
#include "charta-report.h"
#include "charta-review.h"
#include "test-project-utils.h"

static ChartaProject *
load_named (const char *dir, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text ? load_ok (text) : NULL;
}

static ChartaReview *
review (const ChartaProject *p)
{
  return g_ptr_array_index (p->reviews, 0);
}

static ChartaReviewSession *
find_session (ChartaReview *r, const char *id)
{
  for (guint i = 0; i < r->sessions->len; i++)
    if (strcmp (((ChartaReviewSession *) g_ptr_array_index (r->sessions, i))->id, id) == 0)
      return g_ptr_array_index (r->sessions, i);
  return NULL;
}

static void
test_items_and_gaps (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  ChartaReviewSession *workshop;

  items = charta_review_get_items (review (p));
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (charta_item_get_id (g_ptr_array_index (items, 0)), ==, "dive.area.pm.5");
  gaps = charta_review_find_gaps (review (p));
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* The workshop no longer covers education: a gap. */
  workshop = find_session (review (p), "88888888-8888-4888-8888-000000000002");
  g_assert_nonnull (workshop);
  if (workshop == NULL)
    return;
  g_ptr_array_set_size (workshop->items, 0);
  gaps = charta_review_find_gaps (review (p));
  g_assert_cmpuint (gaps->len, ==, 1);
  g_assert_cmpstr (charta_item_get_id (g_ptr_array_index (gaps, 0)), ==, "dive.area.pm.6");
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* A session on the whole group covers every item under it. */
  g_ptr_array_add (workshop->items, g_strdup ("dive.group.policymaker-service-provider"));
  gaps = charta_review_find_gaps (review (p));
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* A review of the whole group: its indicators and areas, in catalogue order. */
  g_ptr_array_set_size (review (p)->items, 0);
  g_ptr_array_add (review (p)->items, g_strdup ("dive.group.policymaker-service-provider"));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = charta_review_get_items (review (p));
  g_assert_cmpuint (items->len, ==, 12 + 8);
  g_assert_cmpstr (charta_item_get_id (g_ptr_array_index (items, 0)), ==, "dive.indicator.pm.1");
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpuint (charta_item_get_position (g_ptr_array_index (items, i - 1)), <,
                      charta_item_get_position (g_ptr_array_index (items, i)));
  gaps = charta_review_find_gaps (review (p));
  g_assert_cmpuint (gaps->len, ==, 0);
}

static void
test_days (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");
  g_autoptr(GArray) days = charta_review_get_days (review (p));
  ChartaReviewDay *day;

  g_assert_cmpuint (days->len, ==, 2);
  day = &g_array_index (days, ChartaReviewDay, 0);
  g_assert_cmpstr (day->date, ==, "2024-04-15");
  g_assert_cmpuint (day->minutes, ==, 90);
  g_assert_cmpuint (day->limit_minutes, ==, 7 * 60);
  g_assert_false (charta_review_day_is_too_long (day));
  g_clear_pointer (&days, g_array_unref);

  /* Six more hours on the first day: 7.5 hours, over the review's 7. */
  g_ptr_array_add (review (p)->sessions, charta_review_session_new ("2024-04-15", "11:00", "17:00"));
  days = charta_review_get_days (review (p));
  day = &g_array_index (days, ChartaReviewDay, 0);
  g_assert_cmpuint (day->minutes, ==, 450);
  g_assert_true (charta_review_day_is_too_long (day));
  g_assert_false (charta_review_day_is_too_long (&g_array_index (days, ChartaReviewDay, 1)));
  g_clear_pointer (&days, g_array_unref);

  /* Without day hours, a day has 8. */
  review (p)->day_hours = CHARTA_UNSET;
  days = charta_review_get_days (review (p));
  g_assert_cmpuint (g_array_index (days, ChartaReviewDay, 0).limit_minutes, ==, 8 * 60);
  g_assert_false (charta_review_day_is_too_long (&g_array_index (days, ChartaReviewDay, 0)));
}

static void
test_compare_levels (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");
  g_autoptr(GArray) diffs = charta_review_compare_levels (review (p), p);
  ChartaLevelDifference *d;

  /* pm.5: the city says 3, the team agreed 2; pm.6 has no team level yet. */
  g_assert_cmpuint (diffs->len, ==, 1);
  d = &g_array_index (diffs, ChartaLevelDifference, 0);
  g_assert_cmpstr (charta_item_get_id (d->item), ==, "dive.area.pm.5");
  g_assert_cmpint (d->city_level, ==, 3);
  g_assert_cmpint (d->team_level, ==, 2);
  g_assert_cmpint (charta_project_get_agreed_level (p, "dive.area.pm.5"), ==, 2);
  g_assert_cmpint (charta_project_get_agreed_level (p, "dive.area.pm.6"), ==, CHARTA_UNSET);
  /* The city's own level is untouched by the team's. */
  g_assert_cmpint (charta_project_get_assessment (p, "dive.area.pm.5")->level, ==, 3);
}

static void
test_draft_feedback (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");
  g_autoptr(ChartaFeedbackSection) edited = charta_feedback_section_copy (g_ptr_array_index (review (p)->feedback, 0));
  ChartaFeedbackSection *s;

  /* The edited section on housing stays; education gets a draft. */
  g_assert_cmpuint (charta_review_draft_feedback (review (p), p), ==, 1);
  g_assert_cmpuint (review (p)->feedback->len, ==, 2);
  g_assert_true (charta_feedback_section_equal (edited, g_ptr_array_index (review (p)->feedback, 0)));
  s = g_ptr_array_index (review (p)->feedback, 1);
  g_assert_cmpstr (s->area, ==, "dive.area.pm.6");
  g_assert_nonnull (strstr (s->situation, "level 2"));
  g_assert_null (s->findings);
  g_assert_cmpuint (s->good_practice_items->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (s->good_practice_items, 0), ==, "dive.area.pm.6.gp1");
  g_assert_nonnull (strstr (s->good_practices, "- Stephen Lawrence Education Standard"));
  g_assert_cmpuint (charta_review_draft_feedback (review (p), p), ==, 0);

  /* Without the edited section, housing is drafted from the team's agreed findings. */
  g_ptr_array_remove_index (review (p)->feedback, 0);
  charta_feedback_section_free (g_steal_pointer (&edited));
  g_assert_cmpuint (charta_review_draft_feedback (review (p), p), ==, 1);
  s = g_ptr_array_index (review (p)->feedback, 1);
  g_assert_cmpstr (s->area, ==, "dive.area.pm.5");
  g_assert_cmpstr (s->findings, ==, "Agreed after the visit.");
  g_assert_nonnull (strstr (s->situation, "The city's own view."));
  g_assert_cmpuint (s->good_practice_items->len, ==, 2);

  /* Without an agreed assessment, every reviewer's findings and proposals. */
  g_ptr_array_remove_index (review (p)->assessments, 1);
  g_ptr_array_remove_range (review (p)->feedback, 0, review (p)->feedback->len);
  g_assert_cmpuint (charta_review_draft_feedback (review (p), p), ==, 2);
  s = g_ptr_array_index (review (p)->feedback, 0);
  g_assert_cmpstr (s->findings, ==, "Allocation rules not checked for equal access.");
  g_assert_cmpstr (g_ptr_array_index (s->key_problem_items, 0), ==, "dive.area.pm.5.kp3");
  g_assert_cmpstr (g_ptr_array_index (s->recommendation_items, 0), ==, "dive.area.pm.5.kp3.r1");
  g_assert_true (g_str_has_prefix (s->key_problems, "- Unequal access to housing services"));

  /* The drafts save as a valid, canonical file. */
  {
    g_autofree char *out = to_data (p);
    g_autoptr(ChartaProject) again = load_ok (out);
    g_autofree char *out2 = again ? to_data (again) : NULL;
    g_assert_cmpstr (out, ==, out2);
  }
}

static void
test_adopt (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");
  g_autoptr(GError) error = NULL;
  guint before = p->actions->len;
  ChartaAction *a = charta_review_adopt_recommendation (p, review (p), "dive.area.pm.6.kp2.r1", &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpuint (p->actions->len, ==, before + 1);
  g_assert_true (g_ptr_array_index (p->actions, before) == a);
  g_assert_cmpstr (a->review, ==, review (p)->id);
  g_assert_cmpstr (a->recommendation, ==, "dive.area.pm.6.kp2.r1");
  g_assert_cmpstr (g_ptr_array_index (a->items, 0), ==, "dive.area.pm.6");
  g_assert_cmpint (a->status, ==, CHARTA_STATUS_PLANNED);
  g_assert_true (g_str_has_prefix (a->title, "Cities should do more"));
  {
    g_autofree char *out = to_data (p);
    g_autoptr(ChartaProject) again = load_ok (out);
    g_assert_nonnull (again);
  }
  g_assert_null (charta_review_adopt_recommendation (p, review (p), "dive.area.pm.6.kp2", &error));
  g_assert_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_NOT_FOUND);
  g_assert_cmpuint (p->actions->len, ==, before + 1);
}

static void
test_in_progress (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");

  g_assert_false (charta_review_is_in_progress (review (p)));
  g_clear_pointer (&review (p)->presentation->outcome, g_free);
  g_assert_true (charta_review_is_in_progress (review (p)));
}

/* Nothing of a review goes into the progress report to the hub: no reviewer, finding,
 * session, document, feedback or team level; with the flag, only the agreed levels. */
static char *
report_text (const ChartaProject *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) made = g_date_time_new_utc (2024, 12, 31, 12, 0, 0);
  g_autoptr(ChartaReport) report = charta_report_new (p, "2024", made, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChartaReport) parsed = NULL;
  gsize len;
  const char *data;

  g_assert_no_error (error);
  if (report == NULL)
    return g_strdup ("");
  bytes = charta_report_to_bytes (report);
  data = g_bytes_get_data (bytes, &len);
  /* The hub's own check accepts it. */
  parsed = charta_report_parse (data, len, &error);
  g_assert_no_error (error);
  return g_strndup (data, len);
}

static void
test_report_private (void)
{
  g_autoptr(ChartaProject) p = load_named ("data", "review-v2.charta");
  g_autofree char *with_reviews = NULL;
  g_autofree char *without = NULL;
  g_autofree char *published = NULL;
  const char *secrets[] = { "Peer One", "Expert Two", "Rotterdam", "Allocation rules", "Agreed after the visit",
                            "Housing department", "City hall", "Housing allocation rules", "Situation text",
                            "Findings text", "council adopted", "review", "88888888", "77777777", "66666666" };

  p->publish_review_levels = FALSE;
  with_reviews = report_text (p);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (with_reviews, secrets[i]) != NULL)
      {
        g_test_message ("the report holds “%s”", secrets[i]);
        g_test_fail ();
      }
  /* The report is the one the project makes without its reviews (the action taken up
   * from a review is the city's own and goes, without its link). */
  g_ptr_array_set_size (p->reviews, 0);
  g_clear_pointer (&((ChartaAction *) g_ptr_array_index (p->actions, 0))->review, g_free);
  without = report_text (p);
  g_assert_cmpstr (with_reviews, ==, without);
  g_clear_pointer (&p, charta_project_free);

  /* The city publishes the agreed levels: only those, beside its own. */
  p = load_named ("data", "review-v2.charta");
  p->publish_review_levels = TRUE;
  published = report_text (p);
  g_assert_nonnull (strstr (published, "\"review-level\": 2"));
  g_assert_null (strstr (published, "Agreed after the visit"));
  g_assert_null (strstr (published, "Peer One"));
}

/* The example: a review of the city as employer at the visit stage, four days planned. */
static void
test_example (void)
{
  g_autoptr(ChartaProject) p = load_named ("../data/examples", "ghent-peer-review-2025.charta");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) diffs = NULL;

  if (p == NULL)
    return;
  items = charta_review_get_items (review (p));
  g_assert_cmpuint (items->len, ==, 10);   /* six indicators, four areas */
  gaps = charta_review_find_gaps (review (p));
  g_assert_cmpuint (gaps->len, ==, 1);
  g_assert_cmpstr (charta_item_get_id (g_ptr_array_index (gaps, 0)), ==, "dive.indicator.employer.6");
  days = charta_review_get_days (review (p));
  g_assert_cmpuint (days->len, ==, 4);
  for (guint i = 0; i < days->len; i++)
    g_assert_false (charta_review_day_is_too_long (&g_array_index (days, ChartaReviewDay, i)));
  diffs = charta_review_compare_levels (review (p), p);
  g_assert_cmpuint (diffs->len, ==, 1);   /* employer.1: the team's hypothesis is lower */
  if (diffs->len == 0)
    return;
  g_assert_cmpstr (charta_item_get_id (g_array_index (diffs, ChartaLevelDifference, 0).item), ==, "dive.area.employer.1");
  g_assert_true (charta_review_is_in_progress (review (p)));
}

/* An IncluCities mentoring: a mentor city and a mentee city, the key factors as items. */
static void
test_mentoring (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Mechelen");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  ChartaReview *r = charta_review_new (CHARTA_REVIEW_INCLUCITIES_MENTORING, "IncluCities mentoring");
  ChartaReviewer *mentor = g_new0 (ChartaReviewer, 1);
  ChartaPerson *person = g_new0 (ChartaPerson, 1);
  ChartaReviewAssessment *a = charta_review_assessment_new ("inclucities.key-factor.2", NULL);
  g_autofree char *out = NULL;
  g_autoptr(ChartaProject) again = NULL;

  g_ptr_array_add (p->frameworks, g_strdup ("inclucities"));
  person->id = g_uuid_string_random ();
  person->name = g_strdup ("Mentor");
  g_ptr_array_add (p->people, person);
  mentor->id = g_uuid_string_random ();
  mentor->person = g_strdup (person->id);
  mentor->city = g_strdup ("Fuenlabrada");
  mentor->role = CHARTA_REVIEW_ROLE_MENTOR;
  r->mentor_city = g_strdup ("Fuenlabrada");
  r->mentee_city = g_strdup ("Mechelen");
  r->items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (r->items, g_strdup ("inclucities.key-factor.1"));
  g_ptr_array_add (r->items, g_strdup ("inclucities.key-factor.2"));
  r->team = g_ptr_array_new ();
  g_ptr_array_add (r->team, mentor);
  a->assessor = g_strdup (person->id);
  a->level = 2;
  a->findings = g_strdup ("Suggestion: a welcome desk.");
  r->assessments = g_ptr_array_new ();
  g_ptr_array_add (r->assessments, a);
  p->reviews = g_ptr_array_new ();
  g_ptr_array_add (p->reviews, r);

  items = charta_review_get_items (r);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (charta_review_draft_feedback (r, p), ==, 2);
  g_assert_cmpstr (((ChartaFeedbackSection *) g_ptr_array_index (r->feedback, 1))->findings, ==,
                   "Suggestion: a welcome desk.");
  g_assert_cmpstr (g_ptr_array_index (((ChartaFeedbackSection *) g_ptr_array_index (r->feedback, 0))->good_practice_items, 0),
                   ==, "inclucities.key-factor.1.gp1");
  /* No agreed level yet: nothing to compare. */
  {
    g_autoptr(GArray) diffs = charta_review_compare_levels (r, p);
    g_assert_cmpuint (diffs->len, ==, 0);
  }
  out = to_data (p);
  again = charta_project_load_from_data (out, strlen (out), "mentoring.charta", &error);
  g_assert_no_error (error);
  g_assert_true (again && charta_project_equal (p, again));
}

/* Reviewers and the city edit their copies of one file: the merge pairs the review's
 * records by id, so a session added on one side and a city's level changed on the other
 * merge cleanly; the same session moved differently on both sides is a recorded conflict. */
static char *
edit_example (void (*edit) (ChartaProject *p))
{
  g_autoptr(ChartaProject) p = load_named ("../data/examples", "ghent-peer-review-2025.charta");

  if (p == NULL)
    return g_strdup ("");
  edit (p);
  return to_data (p);
}

static void
add_session (ChartaProject *p)
{
  ChartaReviewSession *s = charta_review_session_new ("2025-03-19", "18:00", "19:00");
  s->items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (s->items, g_strdup ("dive.indicator.employer.6"));
  g_ptr_array_add (review (p)->sessions, s);
  ((ChartaReviewSession *) g_ptr_array_index (review (p)->sessions, 1))->end[3] = '4';   /* 12:40 */
}

static void
city_edits (ChartaProject *p)
{
  charta_project_get_assessment (p, "dive.area.employer.1")->level = 2;
  ((ChartaReviewDocument *) g_ptr_array_index (review (p)->documents, 2))->arrived = TRUE;
  ((ChartaReviewSession *) g_ptr_array_index (review (p)->sessions, 1))->end[3] = '2';   /* 12:20 */
}

static void
test_merge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "ghent-peer-review-2025.charta", NULL);
  g_autofree char *base = NULL;
  g_autofree char *ours = edit_example (add_session);
  g_autofree char *theirs = edit_example (city_edits);
  g_autofree char *merged = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) p = NULL;
  gsize len;

  g_file_get_contents (path, &base, NULL, &error);
  g_assert_no_error (error);
  merged = charta_merge_data (&(ChartaMergeInput) { base, strlen (base), "base" },
                              &(ChartaMergeInput) { ours, strlen (ours), "ours" },
                              &(ChartaMergeInput) { theirs, strlen (theirs), "theirs" }, &len, &paths, &error);
  g_assert_no_error (error);
  if (merged == NULL)
    return;
  g_assert_cmpuint (g_strv_length (paths), ==, 1);
  if (paths[0] == NULL)
    return;
  g_assert_nonnull (strstr (paths[0], "reviews"));
  g_assert_nonnull (strstr (paths[0], "end"));
  p = load_ok (merged);
  if (p == NULL)
    return;
  g_assert_cmpuint (review (p)->sessions->len, ==, 11);
  g_assert_cmpint (charta_project_get_assessment (p, "dive.area.employer.1")->level, ==, 2);
  g_assert_true (((ChartaReviewDocument *) g_ptr_array_index (review (p)->documents, 2))->arrived);
  {
    g_autoptr(GPtrArray) gaps = charta_review_find_gaps (review (p));
    g_assert_cmpuint (gaps->len, ==, 0);
  }
}

static ChartaProject *
load_example (void)
{
  return load_named ("../data/examples", "ghent-peer-review-2025.charta");
}

static void
test_stages (void)
{
  g_autoptr(GPtrArray) stages = charta_review_get_stages ();
  g_autoptr(ChartaProject) p = load_example ();
  ChartaReview *r = review (p);

  g_assert_cmpuint (stages->len, ==, 5);
  g_assert_cmpstr (charta_item_get_id (g_ptr_array_index (stages, 0)), ==, "dive.review-stage.self-assessment");
  g_assert_cmpstr (charta_item_get_id (g_ptr_array_index (stages, 4)), ==, "dive.review-stage.presentation");
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.visit");
  g_assert_cmpstr (charta_item_get_id (charta_review_get_next_stage (r)), ==, "dive.review-stage.feedback-report");
  g_assert_true (charta_review_advance_stage (r));
  g_assert_true (charta_review_advance_stage (r));
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.presentation");
  g_assert_null (charta_review_get_next_stage (r));
  g_assert_false (charta_review_advance_stage (r));
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.presentation");
  /* No stage yet: the first. */
  g_clear_pointer (&r->stage, g_free);
  g_assert_cmpstr (charta_item_get_id (charta_review_get_next_stage (r)), ==, "dive.review-stage.self-assessment");
}

static void
test_compare_level (void)
{
  g_assert_cmpint (charta_review_compare_level (CHARTA_UNSET, CHARTA_UNSET), ==, CHARTA_LEVEL_NEITHER);
  g_assert_cmpint (charta_review_compare_level (3, 3), ==, CHARTA_LEVEL_SAME);
  g_assert_cmpint (charta_review_compare_level (3, 2), ==, CHARTA_LEVEL_LOWER);
  g_assert_cmpint (charta_review_compare_level (2, 4), ==, CHARTA_LEVEL_HIGHER);
  g_assert_cmpint (charta_review_compare_level (2, CHARTA_UNSET), ==, CHARTA_LEVEL_ONLY_CITY);
  g_assert_cmpint (charta_review_compare_level (CHARTA_UNSET, 1), ==, CHARTA_LEVEL_ONLY_REVIEWER);
  g_assert_true (charta_level_comparison_differs (CHARTA_LEVEL_LOWER));
  g_assert_true (charta_level_comparison_differs (CHARTA_LEVEL_ONLY_REVIEWER));
  g_assert_false (charta_level_comparison_differs (CHARTA_LEVEL_SAME));
  /* The reviewer who has not assessed yet is no difference to flag. */
  g_assert_false (charta_level_comparison_differs (CHARTA_LEVEL_ONLY_CITY));
}

/* A reviewer's assessment is set beside the city's, replaced by its assessor and item,
 * removed when emptied; the city's own assessment never changes. */
static void
test_set_assessment (void)
{
  g_autoptr(ChartaProject) p = load_example ();
  ChartaReview *r = review (p);
  g_autoptr(ChartaAssessment) city = charta_assessment_copy (charta_project_get_assessment (p, "dive.area.employer.3"));
  const char *peer = "875d3785-d61c-54fb-8b11-65087749c3f8";
  guint n = r->assessments->len;
  ChartaReviewAssessment *a = charta_review_assessment_new ("dive.area.employer.3", peer);
  g_autoptr(GPtrArray) assessors = charta_review_get_assessors (r);
  g_autoptr(ChartaReviewAssessment) team = NULL;

  g_assert_cmpuint (assessors->len, ==, 5);   /* the team, four reviewers; not the city's contact */
  g_assert_cmpstr (g_ptr_array_index (assessors, 0), ==, "team");
  g_assert_false (g_ptr_array_find_with_equal_func (assessors, "000e237a-58bb-5a81-8c10-b54de4a4e7a7",
                                                    g_str_equal, NULL));
  g_assert_nonnull (charta_review_find_assessment (r, "dive.area.employer.3", "team"));
  team = charta_review_assessment_copy (charta_review_find_assessment (r, "dive.area.employer.3", "team"));
  a->level = 1;
  a->basis = CHARTA_REVIEW_BASIS_EVIDENCE;
  a->findings = g_strdup ("Few staff know the procedure.");
  charta_review_set_assessment (r, a);
  g_assert_cmpuint (r->assessments->len, ==, n + 1);
  g_assert_cmpint (charta_review_find_assessment (r, "dive.area.employer.3", peer)->level, ==, 1);
  a = charta_review_assessment_new ("dive.area.employer.3", peer);
  a->level = 2;
  charta_review_set_assessment (r, a);
  g_assert_cmpuint (r->assessments->len, ==, n + 1);
  g_assert_cmpint (charta_review_find_assessment (r, "dive.area.employer.3", peer)->level, ==, 2);
  g_assert_true (charta_review_assessment_equal (team, charta_review_find_assessment (r, "dive.area.employer.3", "team")));
  charta_review_set_assessment (r, charta_review_assessment_new ("dive.area.employer.3", peer));
  g_assert_cmpuint (r->assessments->len, ==, n);
  g_assert_null (charta_review_find_assessment (r, "dive.area.employer.3", peer));
  g_assert_true (charta_assessment_equal (city, charta_project_get_assessment (p, "dive.area.employer.3")));
}

/* Through the document: a review edit is one undo step; a recommendation becomes an
 * action only after the presentation, once, in one undo step linked to the review. */
static void
test_document (void)
{
  g_autoptr(ChartaDocument) doc = charta_document_new (load_example (), NULL, NULL);
  const ChartaProject *p = charta_document_get_project (doc);
  g_autofree char *id = g_strdup (review (p)->id);   /* a replaced review is a new copy */
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recommendations = NULL;
  ChartaReview *copy;
  const ChartaAction *action;
  g_autofree char *rec = NULL;

  g_assert_cmpint (charta_document_find_review (doc, id), ==, 0);
  g_assert_cmpint (charta_document_find_review (doc, "nothing"), ==, -1);
  copy = charta_review_copy (review (p));
  charta_document_replace_review (doc, 0, copy);
  g_assert_false (charta_document_can_undo (doc));   /* the same: no step */
  copy = charta_review_copy (review (p));
  g_assert_true (charta_review_advance_stage (copy));
  g_ptr_array_add (copy->team, charta_reviewer_new ("875d3785-d61c-54fb-8b11-65087749c3f8",
                                                    CHARTA_REVIEW_ROLE_OTHER));
  charta_document_replace_review (doc, 0, copy);
  g_assert_cmpstr (review (p)->stage, ==, "dive.review-stage.feedback-report");
  g_assert_cmpuint (review (p)->team->len, ==, 6);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpstr (review (p)->stage, ==, "dive.review-stage.visit");
  g_assert_cmpuint (review (p)->team->len, ==, 5);
  g_assert_true (charta_document_redo (doc));

  recommendations = charta_review_get_recommendations (review (p));
  g_assert_cmpuint (recommendations->len, >, 0);
  rec = g_strdup (g_ptr_array_index (recommendations, 0));
  g_assert_cmpstr (rec, ==, "dive.area.employer.1.kp1.r2");
  action = charta_document_adopt_recommendation (doc, id, rec, &error);
  g_assert_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_NOT_PRESENTED);
  g_assert_null (action);
  g_clear_error (&error);

  copy = charta_review_copy (review (p));
  charta_review_set_presentation (copy, "2025-05-30", "Adopted by the HR board");
  charta_document_replace_review (doc, 0, copy);
  g_assert_true (charta_review_is_presented (review (p)));
  g_assert_false (charta_review_is_in_progress (review (p)));
  action = charta_document_adopt_recommendation (doc, id, rec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
  g_assert_cmpuint (p->actions->len, ==, 1);
  g_assert_cmpstr (action->review, ==, id);
  g_assert_cmpstr (action->recommendation, ==, rec);
  g_assert_true (charta_review_find_action (p, review (p), rec) == action);
  g_assert_null (charta_document_adopt_recommendation (doc, id, rec, &error));
  g_assert_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_ADOPTED);
  g_assert_cmpuint (p->actions->len, ==, 1);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (p->actions->len, ==, 0);
  g_assert_true (charta_review_is_presented (review (p)));

  /* Empty strings remove the presentation. */
  copy = charta_review_copy (review (p));
  charta_review_set_presentation (copy, "", "");
  g_assert_null (copy->presentation);
  charta_review_free (copy);

  /* The choice to publish the agreed levels is one undo step. */
  g_assert_false (p->publish_review_levels);
  charta_document_set_publish_review_levels (doc, TRUE);
  g_assert_true (charta_document_get_project (doc)->publish_review_levels);
  g_assert_true (charta_document_undo (doc));
  g_assert_false (charta_document_get_project (doc)->publish_review_levels);
}

static void
test_check_session (void)
{
  g_autoptr(ChartaReviewSession) s = charta_review_session_new ("2025-03-18", "09:00", "10:30");
  g_autoptr(GError) error = NULL;

  g_assert_true (charta_review_check_session (s, &error));
  g_assert_no_error (error);
  s->end[0] = '0';   /* 00:30, before the start */
  g_assert_false (charta_review_check_session (s, &error));
  g_assert_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "00:30"));
  g_clear_error (&error);
  g_free (s->end);
  s->end = g_strdup ("24:00");
  g_assert_false (charta_review_check_session (s, &error));
  g_assert_nonnull (strstr (error->message, "HH:MM"));
  g_clear_error (&error);
  g_free (s->end);
  s->end = g_strdup ("9:60");
  g_assert_false (charta_review_check_session (s, &error));
  g_clear_error (&error);
  g_free (s->end);
  s->end = g_strdup ("11:00");
  g_free (s->date);
  s->date = g_strdup ("2025-02-30");
  g_assert_false (charta_review_check_session (s, &error));
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);

  /* Moving the start keeps the length (09:00–11:00), unless the end would pass midnight. */
  charta_review_session_set_start (s, "15:30");
  g_assert_cmpstr (s->start, ==, "15:30");
  g_assert_cmpstr (s->end, ==, "17:30");
  charta_review_session_set_start (s, "22:45");
  g_assert_cmpstr (s->start, ==, "22:45");
  g_assert_cmpstr (s->end, ==, "17:30");
  charta_review_session_set_start (s, "8:00");   /* not a time: only the start, refused by the check */
  g_assert_cmpstr (s->end, ==, "17:30");
  g_assert_false (charta_review_check_session (s, NULL));
}

/* A review made in the window: at the first stage, the items asked for or all of the
 * kind's; added and removed as one undo step each; it survives a save and a load. */
static void
test_create (void)
{
  g_autoptr(ChartaDocument) doc = charta_document_new (load_named ("../data/examples", "mechelen-2018.charta"),
                                                       NULL, NULL);
  const ChartaProject *p = charta_document_get_project (doc);
  const char *const areas[] = { "dive.area.employer.1", NULL };
  g_autoptr(GPtrArray) candidates = charta_review_get_candidates (CHARTA_REVIEW_DIVE_PEER_REVIEW);
  g_autoptr(GPtrArray) factors = charta_review_get_candidates (CHARTA_REVIEW_INCLUCITIES_MENTORING);
  g_autoptr(GPtrArray) stages = charta_review_get_stages ();
  g_autoptr(ChartaReview) all = charta_review_create (CHARTA_REVIEW_DIVE_PEER_REVIEW, "  ", NULL);
  g_autoptr(ChartaReview) mentoring = charta_review_create (CHARTA_REVIEW_INCLUCITIES_MENTORING, "Pair", NULL);
  g_autoptr(GPtrArray) all_items = charta_review_get_items (all);
  g_autoptr(ChartaProject) again = NULL;
  g_autofree char *data = NULL;
  ChartaReview *r;
  guint n_before = p->reviews ? p->reviews->len : 0;
  guint position;

  /* DIVE's groups and areas; the key factors */
  g_assert_cmpuint (candidates->len, >, 3);
  g_assert_cmpstr (charta_item_get_kind (g_ptr_array_index (candidates, 0)), ==, "group");
  for (guint i = 0; i < factors->len; i++)
    g_assert_cmpstr (charta_item_get_kind (g_ptr_array_index (factors, i)), ==, "key-factor");
  g_assert_cmpuint (factors->len, >, 0);

  /* "All": every group, hence every assessable DIVE item; no blank title */
  g_assert_null (all->title);
  g_assert_cmpstr (all->stage, ==, charta_item_get_id (g_ptr_array_index (stages, 0)));
  g_assert_cmpuint (all->items->len, ==, 3);
  g_assert_cmpuint (all_items->len, >, 8);
  g_assert_cmpuint (mentoring->items->len, ==, factors->len);

  r = charta_review_create (CHARTA_REVIEW_DIVE_PEER_REVIEW, " City as employer ", areas);
  g_assert_cmpstr (r->title, ==, "City as employer");
  g_assert_cmpuint (r->items->len, ==, 1);
  r->start = g_strdup ("2026-03-02");
  position = charta_document_add_review (doc, r);
  g_assert_cmpuint (position, ==, n_before);
  p = charta_document_get_project (doc);
  g_assert_cmpuint (p->reviews->len, ==, n_before + 1);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (charta_document_get_project (doc)->reviews->len, ==, n_before);
  g_assert_true (charta_document_redo (doc));
  p = charta_document_get_project (doc);
  g_assert_cmpstr (((ChartaReview *) g_ptr_array_index (p->reviews, position))->title, ==, "City as employer");

  data = to_data (p);
  again = load_ok (data);
  r = g_ptr_array_index (again->reviews, position);
  g_assert_cmpstr (r->title, ==, "City as employer");
  g_assert_cmpstr (r->start, ==, "2026-03-02");
  g_assert_cmpstr (g_ptr_array_index (r->items, 0), ==, "dive.area.employer.1");

  charta_document_remove_review (doc, position);
  g_assert_cmpuint (charta_document_get_project (doc)->reviews->len, ==, n_before);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (charta_document_get_project (doc)->reviews->len, ==, n_before + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/review/items-and-gaps", test_items_and_gaps);
  g_test_add_func ("/review/days", test_days);
  g_test_add_func ("/review/compare-levels", test_compare_levels);
  g_test_add_func ("/review/draft-feedback", test_draft_feedback);
  g_test_add_func ("/review/adopt", test_adopt);
  g_test_add_func ("/review/in-progress", test_in_progress);
  g_test_add_func ("/review/report-private", test_report_private);
  g_test_add_func ("/review/example", test_example);
  g_test_add_func ("/review/mentoring", test_mentoring);
  g_test_add_func ("/review/merge", test_merge);
  g_test_add_func ("/review/stages", test_stages);
  g_test_add_func ("/review/compare-level", test_compare_level);
  g_test_add_func ("/review/set-assessment", test_set_assessment);
  g_test_add_func ("/review/document", test_document);
  g_test_add_func ("/review/create", test_create);
  g_test_add_func ("/review/check-session", test_check_session);

  return g_test_run ();
}
