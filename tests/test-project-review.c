/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-project-review.c: the peer review and mentoring fields of format version 2.
 *
 * tests/data/review-v2.charta uses every review field in canonical form; each test loads
 * it (or a copy with one value broken where MARK stands) and checks the values, the
 * canonical text, copies and comparison, and the message FILE:LINE:COLUMN: field for a
 * bad value. */
#define G_LOG_DOMAIN "test-project-review"
#include "config.h"

#include <string.h>

#include "charta-project.h"
#include "test-project-utils.h"

#define P1 "11111111-1111-4111-8111-111111111111"
#define R1 "55555555-5555-4555-8555-555555555555"

static char *
full (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "review-v2.charta", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static ChartaReview *
review (const ChartaProject *p)
{
  g_assert_nonnull (p->reviews);
  return g_ptr_array_index (p->reviews, 0);
}

/* @text loads, writes back byte for byte, its copy is equal to it, and not once @change
 * changed the copy. */
static void
assert_canonical_and_copied (const char *text, void (*change) (ChartaProject *copy))
{
  g_autoptr(ChartaProject) p = load_ok (text);
  g_autoptr(ChartaProject) copy = NULL;
  g_autofree char *out = NULL;

  if (p == NULL)
    return;
  out = to_data (p);
  g_assert_cmpstr (out, ==, text);
  copy = charta_project_copy (p);
  g_assert_true (charta_project_equal (p, copy));
  g_assert_true (charta_review_equal (review (p), review (copy)));
  change (copy);
  g_assert_false (charta_project_equal (p, copy));
  g_assert_false (charta_project_equal (copy, p));
}

/* Replaces @old in the file by @new, which holds MARK where the problem is reported. */
static void
assert_bad (const char *old, const char *new, const char *path, const char *fragment)
{
  g_autofree char *text = full ();
  g_autofree char *t = replace (text, old, new);

  assert_problem (t, path, fragment);
}

/* ---- the review ---- */

static void change_review (ChartaProject *p) { review (p)->day_hours = 8; }

static void
test_review (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaReview *r;

  if (p == NULL)
    return;
  r = review (p);
  g_assert_cmpstr (r->id, ==, R1);
  g_assert_cmpint (r->kind, ==, CHARTA_REVIEW_DIVE_PEER_REVIEW);
  g_assert_cmpstr (r->title, ==, "DIVE peer review 2024");
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.visit");
  g_assert_cmpstr (r->start, ==, "2024-03-01");
  g_assert_cmpstr (r->end, ==, "2024-06-30");
  g_assert_cmpuint (r->items->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->items, 1), ==, "dive.area.pm.6");
  g_assert_cmpstr (r->mentor_city, ==, "Rotterdam");
  g_assert_cmpstr (r->mentee_city, ==, "Ghent");
  g_assert_cmpint (r->day_hours, ==, 7);
  g_assert_nonnull (r->presentation);
  g_assert_cmpstr (r->presentation->date, ==, "2024-06-20");
  g_assert_cmpstr (r->presentation->outcome, ==, "The council adopted two recommendations.");
  g_assert_true (p->publish_review_levels);
  assert_canonical_and_copied (text, change_review);

  assert_bad ("\"kind\": \"dive-peer-review\"", "\"kind\": " MARK "\"audit\"", "reviews[0].kind", "dive-peer-review");
  assert_bad ("\"stage\": \"dive.review-stage.visit\"", "\"stage\": " MARK "\"dive.area.pm.5\"", "reviews[0].stage",
              "is not a review-stage");
  assert_bad ("\"start\": \"2024-03-01\"", "\"start\": " MARK "\"2024-02-30\"", "reviews[0].start", "2024-02-30");
  assert_bad ("\"end\": \"2024-06-30\"", "\"end\": " MARK "\"2024-02-01\"", "reviews[0].end", "before it starts");
  assert_bad ("\"dive.area.pm.6\"\n      ],\n      \"mentor-city\"",
              MARK "\"dive.area.pm.99\"\n      ],\n      \"mentor-city\"", "reviews[0].items[1]", "unknown framework item");
  assert_bad ("\"mentor-city\": \"Rotterdam\"", "\"mentor-city\": " MARK "\"Rotter\\ndam\"", "reviews[0].mentor-city",
              "one line");
  assert_bad ("\"mentee-city\": \"Ghent\"", "\"mentee-city\": " MARK "3", "reviews[0].mentee-city", "expected a text");
  assert_bad ("\"day-hours\": 7", "\"day-hours\": " MARK "25", "reviews[0].day-hours", "from 1 to 24");
  assert_bad ("\"date\": \"2024-06-20\"", "\"date\": " MARK "\"20-06-2024\"", "reviews[0].presentation.date", "20-06-2024");
  assert_bad ("\"outcome\": \"The council adopted two recommendations.\"", "\"outcome\": " MARK "null",
              "reviews[0].presentation.outcome", "expected a text");
  assert_bad ("\"publish-review-levels\": true", "\"publish-review-levels\": " MARK "\"yes\"", "publish-review-levels",
              "expected");
  assert_bad ("\"id\": \"" R1 "\",\n      \"kind\"", "\"id\": " MARK "\"" P1 "\",\n      \"kind\"", "reviews[0].id",
              "used twice");
}

/* ---- the team ---- */

static void
change_team (ChartaProject *p)
{
  ChartaReviewer *m = g_ptr_array_index (review (p)->team, 0);
  m->role = CHARTA_REVIEW_ROLE_MENTOR;
}

static void
test_team (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaReviewer *m;

  if (p == NULL)
    return;
  g_assert_cmpuint (review (p)->team->len, ==, 3);
  m = g_ptr_array_index (review (p)->team, 0);
  g_assert_cmpstr (m->id, ==, "66666666-6666-4666-8666-000000000001");
  g_assert_cmpstr (m->person, ==, P1);
  g_assert_cmpstr (m->city, ==, "Rotterdam");
  g_assert_cmpint (m->role, ==, CHARTA_REVIEW_ROLE_PEER);
  m = g_ptr_array_index (review (p)->team, 1);
  g_assert_cmpint (m->role, ==, CHARTA_REVIEW_ROLE_BENCHMARKING_EXPERT);
  m = g_ptr_array_index (review (p)->team, 2);
  g_assert_cmpint (m->role, ==, CHARTA_REVIEW_ROLE_COORDINATOR);
  g_assert_null (m->city);
  assert_canonical_and_copied (text, change_team);

  assert_bad ("\"person\": \"" P1 "\"", "\"person\": " MARK "\"11111111-1111-4111-8111-999999999999\"",
              "reviews[0].team[0].person", "no person");
  assert_bad ("\"person\": \"11111111-1111-4111-8111-222222222222\"", "\"person\": " MARK "\"" P1 "\"",
              "reviews[0].team[1].person", "listed twice");
  assert_bad ("\"role\": \"peer\"", "\"role\": " MARK "\"judge\"", "reviews[0].team[0].role", "benchmarking-expert");
  assert_bad ("\"city\": \"Rotterdam\",\n          \"role\"", "\"city\": " MARK "[],\n          \"role\"",
              "reviews[0].team[0].city", "expected a text");
}

/* ---- the reviewers' assessments ---- */

static void
change_assessment (ChartaProject *p)
{
  ChartaReviewAssessment *a = g_ptr_array_index (review (p)->assessments, 1);
  a->level = 3;
}

static void
test_assessments (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaReviewAssessment *a;
  ChartaAssessment *own;

  if (p == NULL)
    return;
  g_assert_cmpuint (review (p)->assessments->len, ==, 2);
  a = g_ptr_array_index (review (p)->assessments, 0);
  g_assert_cmpstr (a->item, ==, "dive.area.pm.5");
  g_assert_cmpstr (a->assessor, ==, P1);
  g_assert_cmpint (a->level, ==, 2);
  g_assert_cmpint (a->basis, ==, CHARTA_REVIEW_BASIS_HYPOTHESIS);
  g_assert_cmpstr (a->findings, ==, "Allocation rules not checked for equal access.");
  g_assert_cmpstr (g_ptr_array_index (a->key_problems, 0), ==, "dive.area.pm.5.kp3");
  g_assert_cmpstr (g_ptr_array_index (a->recommendations, 0), ==, "dive.area.pm.5.kp3.r1");
  g_assert_cmpstr (a->changed, ==, "2024-03-20T10:00:00Z");
  a = g_ptr_array_index (review (p)->assessments, 1);
  g_assert_cmpstr (a->assessor, ==, CHARTA_REVIEW_ASSESSOR_TEAM);
  g_assert_cmpint (a->basis, ==, CHARTA_REVIEW_BASIS_EVIDENCE);
  /* The city's own assessment of the same item stands as it was. */
  own = charta_project_get_assessment (p, "dive.area.pm.5");
  g_assert_cmpint (own->level, ==, 3);
  g_assert_cmpstr (own->evidence, ==, "The city's own view.");
  assert_canonical_and_copied (text, change_assessment);

  assert_bad ("\"assessor\": \"" P1 "\"", "\"assessor\": " MARK "\"11111111-1111-4111-8111-999999999999\"",
              "reviews[0].assessments[0].assessor", "review team");
  assert_bad ("\"assessor\": \"team\"", "\"assessor\": " MARK "\"Team\"", "reviews[0].assessments[1].assessor",
              "neither");
  {
    /* A person id in capitals is the same id. */
    g_autofree char *upper = g_strdup (text);
    g_autoptr(ChartaProject) q = NULL;
    char *at = strstr (upper, "\"assessor\": \"" P1);

    g_assert_nonnull (at);
    for (char *c = at ? at + strlen ("\"assessor\": \"") : NULL; c && *c != '"'; c++)
      *c = g_ascii_toupper (*c);
    q = load_ok (upper);
    g_assert_nonnull (q);
  }
  assert_bad ("\"level\": 2,\n          \"basis\": \"hypothesis\"", "\"level\": " MARK "9,\n          \"basis\": \"hypothesis\"",
              "reviews[0].assessments[0].level", "off the dive scale");
  assert_bad ("\"basis\": \"hypothesis\"", "\"basis\": " MARK "\"hunch\"", "reviews[0].assessments[0].basis",
              "hypothesis, evidence");
  assert_bad ("\"item\": \"dive.area.pm.5\",\n          \"assessor\": \"team\"",
              "\"item\": " MARK "\"dive.nothing\",\n          \"assessor\": \"team\"", "reviews[0].assessments[1].item",
              "unknown framework item");
  assert_bad ("\"findings\": \"Agreed after the visit.\"", "\"findings\": " MARK "false",
              "reviews[0].assessments[1].findings", "expected a text");
  assert_bad ("\"key-problems\": [\n            \"dive.area.pm.5.kp3\"",
              "\"key-problems\": " MARK "[\n            \"dive.area.pm.6.kp1\"", "reviews[0].assessments[0].key-problems",
              "does not belong");
  assert_bad ("\"recommendations\": [\n            \"dive.area.pm.5.kp3.r1\"",
              "\"recommendations\": [\n            " MARK "\"dive.area.pm.5.kp3\"",
              "reviews[0].assessments[0].recommendations[0]", "is not a recommendation");
  assert_bad ("\"changed\": \"2024-03-20T10:00:00Z\"", "\"changed\": " MARK "\"2024-03-20 10:00\"",
              "reviews[0].assessments[0].changed", "2024-03-20 10:00");
}

/* ---- the visit ---- */

static void
change_session (ChartaProject *p)
{
  ChartaReviewSession *s = g_ptr_array_index (review (p)->sessions, 0);
  g_ptr_array_add (s->participants, g_strdup ("Social housing company"));
}

static void
test_sessions (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaReviewSession *s;

  if (p == NULL)
    return;
  g_assert_cmpuint (review (p)->sessions->len, ==, 2);
  s = g_ptr_array_index (review (p)->sessions, 0);
  g_assert_cmpstr (s->id, ==, "88888888-8888-4888-8888-000000000001");
  g_assert_cmpstr (s->date, ==, "2024-04-15");
  g_assert_cmpstr (s->start, ==, "09:00");
  g_assert_cmpstr (s->end, ==, "10:30");
  g_assert_cmpint (s->kind, ==, CHARTA_SESSION_INTERVIEW);
  g_assert_cmpstr (s->title, ==, "Housing department");
  g_assert_cmpstr (s->place, ==, "City hall, room 2");
  g_assert_cmpuint (s->participants->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (s->items, 0), ==, "dive.area.pm.5");
  g_assert_cmpstr (s->notes, ==, "Bring the allocation rules.");
  s = g_ptr_array_index (review (p)->sessions, 1);
  g_assert_cmpint (s->kind, ==, CHARTA_SESSION_WORKSHOP);
  g_assert_null (s->participants);
  assert_canonical_and_copied (text, change_session);

  assert_bad ("\"start\": \"09:00\"", "\"start\": " MARK "\"9:00\"", "reviews[0].sessions[0].start", "HH:MM");
  assert_bad ("\"end\": \"10:30\"", "\"end\": " MARK "\"24:00\"", "reviews[0].sessions[0].end", "not a time of day");
  assert_bad ("\"end\": \"10:30\"", "\"end\": " MARK "\"08:30\"", "reviews[0].sessions[0].end", "before it starts");
  assert_bad ("\"date\": \"2024-04-15\"", "\"date\": " MARK "\"2024-04-31\"", "reviews[0].sessions[0].date", "2024-04-31");
  assert_bad ("\"kind\": \"interview\"", "\"kind\": " MARK "\"lunch\"", "reviews[0].sessions[0].kind", "workshop");
  assert_bad ("\"place\": \"City hall, room 2\"", "\"place\": " MARK "{}", "reviews[0].sessions[0].place", "expected a text");
  assert_bad ("\"Head of housing\"", MARK "7", "reviews[0].sessions[0].participants[0]", "expected a text");
  assert_bad ("\"items\": [\n            \"dive.area.pm.6\"", "\"items\": [\n            " MARK "\"dive.area.pm.60\"",
              "reviews[0].sessions[1].items[0]", "unknown framework item");
  assert_bad ("{\n          \"id\": \"88888888-8888-4888-8888-000000000002\",\n          \"date\": \"2024-04-16\",\n",
              MARK "{\n          \"id\": \"88888888-8888-4888-8888-000000000002\",\n", "reviews[0].sessions[1]",
              "is missing");
}

static void
change_document (ChartaProject *p)
{
  ChartaReviewDocument *d = g_ptr_array_index (review (p)->documents, 1);
  d->arrived = TRUE;
}

static void
test_documents (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaReviewDocument *d;

  if (p == NULL)
    return;
  d = g_ptr_array_index (review (p)->documents, 0);
  g_assert_cmpstr (d->title, ==, "Housing allocation rules");
  g_assert_cmpstr (d->requested, ==, "2024-03-05");
  g_assert_true (d->arrived);
  d = g_ptr_array_index (review (p)->documents, 1);
  g_assert_null (d->requested);
  g_assert_false (d->arrived);
  assert_canonical_and_copied (text, change_document);

  assert_bad ("\"arrived\": true", "\"arrived\": " MARK "\"yes\"", "reviews[0].documents[0].arrived", "expected");
  assert_bad ("\"requested\": \"2024-03-05\"", "\"requested\": " MARK "\"March\"", "reviews[0].documents[0].requested",
              "March");
  assert_bad ("\"title\": \"School enrolment figures\"", "\"title\": " MARK "\"\"", "reviews[0].documents[1].title",
              "must not be empty");
}

/* ---- the feedback report ---- */

static void
change_feedback (ChartaProject *p)
{
  ChartaFeedbackSection *f = g_ptr_array_index (review (p)->feedback, 0);
  g_free (f->good_practices);
  f->good_practices = g_strdup ("Edited.");
}

static void
test_feedback (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaFeedbackSection *f;

  if (p == NULL)
    return;
  f = g_ptr_array_index (review (p)->feedback, 0);
  g_assert_cmpstr (f->area, ==, "dive.area.pm.5");
  g_assert_cmpstr (f->situation, ==, "Situation text.");
  g_assert_cmpstr (f->findings, ==, "Findings text.");
  g_assert_cmpstr (f->key_problems, ==, "Key problems text.");
  g_assert_cmpstr (f->recommendations, ==, "Recommendations text.");
  g_assert_cmpstr (f->good_practices, ==, "Good practices text.");
  g_assert_cmpstr (g_ptr_array_index (f->key_problem_items, 0), ==, "dive.area.pm.5.kp3");
  g_assert_cmpstr (g_ptr_array_index (f->recommendation_items, 0), ==, "dive.area.pm.5.kp3.r1");
  g_assert_cmpstr (g_ptr_array_index (f->good_practice_items, 0), ==, "dive.area.pm.5.gp1");
  assert_canonical_and_copied (text, change_feedback);

  assert_bad ("\"area\": \"dive.area.pm.5\"", "\"area\": " MARK "\"pm.5\"", "reviews[0].feedback[0].area",
              "unknown framework item");
  assert_bad ("\"situation\": \"Situation text.\"", "\"situation\": " MARK "1", "reviews[0].feedback[0].situation",
              "expected a text");
  assert_bad ("\"good-practice-items\": [\n            \"dive.area.pm.5.gp1\"",
              "\"good-practice-items\": [\n            " MARK "\"dive.area.pm.5.kp1\"",
              "reviews[0].feedback[0].good-practice-items[0]", "is not a good-practice");
  assert_bad ("\"key-problem-items\": [\n            \"dive.area.pm.5.kp3\"",
              "\"key-problem-items\": [\n            " MARK "\"dive.area.pm.5.gp1\"",
              "reviews[0].feedback[0].key-problem-items[0]", "is not a key-problem");
}

/* ---- an action taken up from a review ---- */

static void
change_action (ChartaProject *p)
{
  ChartaAction *a = g_ptr_array_index (p->actions, 0);
  g_clear_pointer (&a->review, g_free);
}

static void
test_action_link (void)
{
  g_autofree char *text = full ();
  g_autoptr(ChartaProject) p = load_ok (text);
  ChartaAction *a;

  if (p == NULL)
    return;
  a = g_ptr_array_index (p->actions, 0);
  g_assert_cmpstr (a->review, ==, R1);
  g_assert_cmpstr (a->recommendation, ==, "dive.area.pm.5.kp3.r1");
  assert_canonical_and_copied (text, change_action);

  assert_bad ("\"review\": \"" R1 "\"", "\"review\": " MARK "\"55555555-5555-4555-8555-999999999999\"",
              "actions[0].review", "no review");
  assert_bad ("\"recommendation\": \"dive.area.pm.5.kp3.r1\"", "\"recommendation\": " MARK "\"dive.area.pm.5\"",
              "actions[0].recommendation", "is not a recommendation");
}

/* A project without reviews writes none of the new keys. */
static void
test_absent (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Ghent");
  g_autofree char *out = to_data (p);

  g_assert_null (strstr (out, "reviews"));
  g_assert_null (strstr (out, "publish-review-levels"));
}

/* The example's invented content says so in the data. */
static void
test_example_labelled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "ghent-peer-review-2025.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) p = charta_project_load_file (file, NULL, NULL, &error);
  ChartaReview *r;

  g_assert_no_error (error);
  if (p == NULL)
    return;
  g_assert_nonnull (strstr (p->title, "illustrative"));
  g_assert_nonnull (strstr (p->period->label, "illustrative"));
  for (guint i = 0; i < p->assessments->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (p->assessments, i);
      g_assert_true (a->evidence && g_str_has_prefix (a->evidence, "[Illustrative level]"));
    }
  for (guint i = 0; i < p->people->len; i++)
    g_assert_nonnull (strstr (((ChartaPerson *) g_ptr_array_index (p->people, i))->name, "(illustrative)"));
  r = review (p);
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.visit");
  g_assert_nonnull (strstr (r->title, "illustrative"));
  for (guint i = 0; i < r->assessments->len; i++)
    {
      ChartaReviewAssessment *a = g_ptr_array_index (r->assessments, i);
      g_assert_cmpint (a->basis, ==, CHARTA_REVIEW_BASIS_HYPOTHESIS);
      g_assert_true (a->findings && g_str_has_prefix (a->findings, "[Illustrative hypothesis]"));
    }
  for (guint i = 0; i < r->sessions->len; i++)
    {
      ChartaReviewSession *s = g_ptr_array_index (r->sessions, i);
      g_assert_true (s->notes && g_str_has_prefix (s->notes, "[Illustrative session]"));
    }
  for (guint i = 0; i < r->documents->len; i++)
    g_assert_nonnull (strstr (((ChartaReviewDocument *) g_ptr_array_index (r->documents, i))->title, "(illustrative)"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/project-review/review", test_review);
  g_test_add_func ("/project-review/team", test_team);
  g_test_add_func ("/project-review/assessments", test_assessments);
  g_test_add_func ("/project-review/sessions", test_sessions);
  g_test_add_func ("/project-review/documents", test_documents);
  g_test_add_func ("/project-review/feedback", test_feedback);
  g_test_add_func ("/project-review/action-link", test_action_link);
  g_test_add_func ("/project-review/absent", test_absent);
  g_test_add_func ("/project-review/example/labelled", test_example_labelled);

  return g_test_run ();
}
