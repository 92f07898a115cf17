/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-review"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-date.h"
#include "charta-project-private.h"
#include "charta-review.h"

/* The rules of a peer review; the data is in charta-project.h, its checks on loading in
 * charta-project-check.c. */

G_DEFINE_QUARK (charta-review-error-quark, charta_review_error)

static int
compare_positions (gconstpointer a, gconstpointer b)
{
  guint pa = charta_item_get_position (*(const ChartaItem **) a);
  guint pb = charta_item_get_position (*(const ChartaItem **) b);

  return pa < pb ? -1 : pa > pb;
}

static void
add_assessable (const ChartaItem *item, GHashTable *seen, GPtrArray *out)
{
  if (charta_item_is_assessable (item) && g_hash_table_add (seen, (gpointer) item))
    g_ptr_array_add (out, (gpointer) item);
  for (guint i = 0; i < charta_item_get_n_children (item); i++)
    add_assessable (charta_item_get_child (item, i), seen, out);
}

/* The assessable items named in @ids or under them, in catalogue order. */
static GPtrArray *
expand_items (GPtrArray *ids)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; ids && i < ids->len; i++)
    {
      const ChartaItem *item = charta_catalogue_lookup (catalogue, g_ptr_array_index (ids, i));
      if (item != NULL)
        add_assessable (item, seen, out);
    }
  g_ptr_array_sort (out, compare_positions);
  return out;
}

GPtrArray *
charta_review_get_items (const ChartaReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);

  return expand_items (review->items);
}

GPtrArray *
charta_review_find_gaps (const ChartaReview *review)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) items = NULL;
  GPtrArray *gaps = g_ptr_array_new ();

  g_return_val_if_fail (review != NULL, NULL);

  for (guint i = 0; review->sessions && i < review->sessions->len; i++)
    {
      ChartaReviewSession *s = g_ptr_array_index (review->sessions, i);
      g_autoptr(GPtrArray) session_items = expand_items (s->items);
      for (guint k = 0; k < session_items->len; k++)
        g_hash_table_add (covered, g_ptr_array_index (session_items, k));
    }
  items = expand_items (review->items);
  for (guint i = 0; i < items->len; i++)
    if (!g_hash_table_contains (covered, g_ptr_array_index (items, i)))
      g_ptr_array_add (gaps, g_ptr_array_index (items, i));
  return gaps;
}

/* Minutes since midnight of a valid "HH:MM". */
static guint
minutes_of (const char *time)
{
  if (time == NULL || strlen (time) != 5)
    return 0;
  return (guint) ((time[0] - '0') * 600 + (time[1] - '0') * 60 + (time[3] - '0') * 10 + (time[4] - '0'));
}

static gboolean
time_is_valid (const char *time)
{
  return time != NULL && strlen (time) == 5 && g_ascii_isdigit (time[0]) && g_ascii_isdigit (time[1]) &&
         time[2] == ':' && g_ascii_isdigit (time[3]) && g_ascii_isdigit (time[4]) &&
         minutes_of (time) < 24 * 60 && time[3] <= '5';
}

gboolean
charta_review_check_session (const ChartaReviewSession *session, GError **error)
{
  const char *bad = NULL;

  g_return_val_if_fail (session != NULL, FALSE);

  if (!charta_date_is_valid (session->date))
    {
      g_autofree char *why = charta_date_describe_invalid (session->date ? session->date : "");
      g_set_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_INVALID, "%s", why);
      return FALSE;
    }
  if (!time_is_valid (session->start))
    bad = session->start;
  else if (!time_is_valid (session->end))
    bad = session->end;
  if (bad != NULL || session->start == NULL || session->end == NULL)
    {
      /* Translators: HH:MM stands for hours and minutes; do not translate it */
      g_set_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_INVALID,
                   _("“%s” is not a time of day (HH:MM, from 00:00 to 23:59)"), bad ? bad : "");
      return FALSE;
    }
  if (strcmp (session->start, session->end) >= 0)
    {
      g_set_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_INVALID,
                   _("the session ends (%s) before it starts (%s)"), session->end, session->start);
      return FALSE;
    }
  return TRUE;
}

void
charta_review_session_set_start (ChartaReviewSession *session, const char *start)
{
  gboolean keep;
  guint end;

  g_return_if_fail (session != NULL);

  keep = time_is_valid (session->start) && time_is_valid (session->end) && time_is_valid (start) &&
         strcmp (session->start, session->end) < 0;
  end = keep ? minutes_of (start) + minutes_of (session->end) - minutes_of (session->start) : 0;
  g_free (session->start);
  session->start = g_strdup (start);
  if (keep && end < 24 * 60)
    {
      g_free (session->end);
      session->end = g_strdup_printf ("%02u:%02u", end / 60, end % 60);
    }
}

static void
clear_day (gpointer data)
{
  g_free (((ChartaReviewDay *) data)->date);
}

static int
compare_days (gconstpointer a, gconstpointer b)
{
  return strcmp (((const ChartaReviewDay *) a)->date, ((const ChartaReviewDay *) b)->date);
}

GArray *
charta_review_get_days (const ChartaReview *review)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (ChartaReviewDay));
  guint hours;

  g_return_val_if_fail (review != NULL, days);

  hours = review->day_hours == CHARTA_UNSET ? CHARTA_REVIEW_DEFAULT_DAY_HOURS : (guint) review->day_hours;
  g_array_set_clear_func (days, clear_day);
  for (guint i = 0; review->sessions && i < review->sessions->len; i++)
    {
      ChartaReviewSession *s = g_ptr_array_index (review->sessions, i);
      guint start = minutes_of (s->start), end = minutes_of (s->end);
      ChartaReviewDay *day = NULL;

      if (s->date == NULL)
        continue;
      for (guint k = 0; k < days->len && day == NULL; k++)
        if (strcmp (g_array_index (days, ChartaReviewDay, k).date, s->date) == 0)
          day = &g_array_index (days, ChartaReviewDay, k);
      if (day == NULL)
        {
          ChartaReviewDay new_day = { g_strdup (s->date), 0, hours * 60 };
          g_array_append_val (days, new_day);
          day = &g_array_index (days, ChartaReviewDay, days->len - 1);
        }
      if (end > start)
        day->minutes += end - start;
    }
  g_array_sort (days, compare_days);
  return days;
}

gboolean
charta_review_day_is_too_long (const ChartaReviewDay *day)
{
  g_return_val_if_fail (day != NULL, FALSE);

  return day->minutes > day->limit_minutes;
}

const ChartaReviewAssessment *
charta_review_get_agreed (const ChartaReview *review, const char *item_id)
{
  g_return_val_if_fail (review != NULL && item_id != NULL, NULL);

  for (guint i = 0; review->assessments && i < review->assessments->len; i++)
    {
      ChartaReviewAssessment *a = g_ptr_array_index (review->assessments, i);
      if (g_strcmp0 (a->item, item_id) == 0 && g_strcmp0 (a->assessor, CHARTA_REVIEW_ASSESSOR_TEAM) == 0)
        return a;
    }
  return NULL;
}

GArray *
charta_review_compare_levels (const ChartaReview *review, const ChartaProject *project)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ChartaLevelDifference));
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (review != NULL && project != NULL, out);

  items = expand_items (review->items);
  for (guint i = 0; i < items->len; i++)
    {
      const ChartaItem *item = g_ptr_array_index (items, i);
      const ChartaReviewAssessment *agreed = charta_review_get_agreed (review, charta_item_get_id (item));
      const ChartaAssessment *own = charta_project_get_assessment (project, charta_item_get_id (item));
      ChartaLevelDifference d = { item, own ? own->level : CHARTA_UNSET, agreed ? agreed->level : CHARTA_UNSET };

      /* Nothing to compare until the team has a level. */
      if (d.team_level != CHARTA_UNSET && d.team_level != d.city_level)
        g_array_append_val (out, d);
    }
  return out;
}

/* ---- the feedback report's draft ---- */

static void
add_unique (GPtrArray **list, const char *id)
{
  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (g_free);
  if (!g_ptr_array_find_with_equal_func (*list, id, g_str_equal, NULL))
    g_ptr_array_add (*list, g_strdup (id));
}

/* One line per catalogue item, "- title". */
static char *
titles_of (GPtrArray *ids)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GString *out;

  if (ids == NULL || ids->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      const ChartaItem *item = charta_catalogue_lookup (catalogue, g_ptr_array_index (ids, i));
      g_string_append_printf (out, "%s- %s", i > 0 ? "\n" : "",
                              item && charta_item_get_title (item) ? charta_item_get_title (item)
                                                                   : (char *) g_ptr_array_index (ids, i));
    }
  return g_string_free (out, FALSE);
}

static char *
draft_situation (const ChartaProject *project, const ChartaItem *area)
{
  const ChartaAssessment *own = charta_project_get_assessment (project, charta_item_get_id (area));
  const ChartaLevel *level;
  GString *out;

  if (own == NULL)
    return g_strdup (_("The city has not assessed this area."));
  out = g_string_new (NULL);
  level = own->level != CHARTA_UNSET ? charta_framework_find_level (charta_item_get_framework (area), own->level) : NULL;
  if (level != NULL)
    /* Translators: the city's own level in the feedback report; %d is the level, %s its title */
    g_string_append_printf (out, _("The city's own assessment: level %d, %s."), own->level, charta_level_get_title (level));
  else
    g_string_append (out, _("The city has not given this area a level."));
  if (own->evidence != NULL && !own->evidence_private)
    g_string_append_printf (out, "\n\n%s", own->evidence);
  return g_string_free (out, FALSE);
}

/* The team's agreed assessment goes into the draft; without one, every reviewer's. */
static void
draft_from_assessments (ChartaFeedbackSection *section, const ChartaReview *review, const char *area_id)
{
  const ChartaReviewAssessment *agreed = charta_review_get_agreed (review, area_id);
  g_autoptr(GString) findings = g_string_new (NULL);

  for (guint i = 0; review->assessments && i < review->assessments->len; i++)
    {
      ChartaReviewAssessment *a = g_ptr_array_index (review->assessments, i);
      if (g_strcmp0 (a->item, area_id) != 0 || (agreed != NULL && a != agreed))
        continue;
      if (a->findings != NULL)
        g_string_append_printf (findings, "%s%s", findings->len ? "\n\n" : "", a->findings);
      for (guint k = 0; a->key_problems && k < a->key_problems->len; k++)
        add_unique (&section->key_problem_items, g_ptr_array_index (a->key_problems, k));
      for (guint k = 0; a->recommendations && k < a->recommendations->len; k++)
        add_unique (&section->recommendation_items, g_ptr_array_index (a->recommendations, k));
    }
  if (findings->len > 0)
    section->findings = g_strdup (findings->str);
  section->key_problems = titles_of (section->key_problem_items);
  section->recommendations = titles_of (section->recommendation_items);
}

static ChartaFeedbackSection *
draft_section (const ChartaReview *review, const ChartaProject *project, const ChartaItem *area)
{
  ChartaFeedbackSection *section = g_new0 (ChartaFeedbackSection, 1);

  section->id = g_uuid_string_random ();
  section->area = g_strdup (charta_item_get_id (area));
  section->situation = draft_situation (project, area);
  draft_from_assessments (section, review, section->area);
  for (guint i = 0; i < charta_item_get_n_children (area); i++)
    {
      const ChartaItem *child = charta_item_get_child (area, i);
      if (strcmp (charta_item_get_kind (child), "good-practice") == 0)
        add_unique (&section->good_practice_items, charta_item_get_id (child));
    }
  section->good_practices = titles_of (section->good_practice_items);
  return section;
}

guint
charta_review_draft_feedback (ChartaReview *review, const ChartaProject *project)
{
  g_autoptr(GPtrArray) items = NULL;
  guint added = 0;

  g_return_val_if_fail (review != NULL && project != NULL, 0);

  items = expand_items (review->items);
  if (review->feedback == NULL)
    review->feedback = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      const ChartaItem *area = g_ptr_array_index (items, i);
      const char *kind = charta_item_get_kind (area);
      gboolean present = FALSE;

      if (strcmp (kind, "area") != 0 && strcmp (kind, "key-factor") != 0)
        continue;
      for (guint k = 0; k < review->feedback->len && !present; k++)
        present = g_strcmp0 (((ChartaFeedbackSection *) g_ptr_array_index (review->feedback, k))->area,
                             charta_item_get_id (area)) == 0;
      if (present)
        continue;
      g_ptr_array_add (review->feedback, draft_section (review, project, area));
      added++;
    }
  return added;
}

ChartaAction *
charta_review_adopt_recommendation (ChartaProject *project, ChartaReview *review,
                                    const char *recommendation_id, GError **error)
{
  const ChartaItem *r, *kp, *area;
  ChartaAction *action;

  g_return_val_if_fail (project != NULL && review != NULL && recommendation_id != NULL, NULL);

  r = charta_catalogue_lookup (charta_catalogue_get_default (), recommendation_id);
  if (r == NULL || strcmp (charta_item_get_kind (r), "recommendation") != 0)
    {
      g_set_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_NOT_FOUND,
                   _("“%s” is not a recommendation of the catalogue"), recommendation_id);
      return NULL;
    }
  kp = charta_item_get_parent (r);
  area = kp ? charta_item_get_parent (kp) : NULL;
  action = charta_action_new (charta_item_get_title (r));
  action->items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (action->items, g_strdup (charta_item_get_id (area ? area : r)));
  action->review = g_strdup (review->id);
  action->recommendation = g_strdup (recommendation_id);
  if (project->actions == NULL)
    project->actions = g_ptr_array_new ();
  g_ptr_array_add (project->actions, action);
  return action;
}

int
charta_project_get_agreed_level (const ChartaProject *project, const char *item_id)
{
  g_return_val_if_fail (project != NULL && item_id != NULL, CHARTA_UNSET);

  for (guint i = project->reviews ? project->reviews->len : 0; i-- > 0;)
    {
      const ChartaReviewAssessment *a = charta_review_get_agreed (g_ptr_array_index (project->reviews, i), item_id);
      if (a != NULL && a->level != CHARTA_UNSET)
        return a->level;
    }
  return CHARTA_UNSET;
}

gboolean
charta_review_is_in_progress (const ChartaReview *review)
{
  g_return_val_if_fail (review != NULL, FALSE);

  return review->presentation == NULL || review->presentation->outcome == NULL;
}

/* ---- stages ---- */

static void
add_stages (const ChartaItem *item, GPtrArray *out)
{
  if (strcmp (charta_item_get_kind (item), "review-stage") == 0)
    g_ptr_array_add (out, (gpointer) item);
  for (guint i = 0; i < charta_item_get_n_children (item); i++)
    add_stages (charta_item_get_child (item, i), out);
}

GPtrArray *
charta_review_get_stages (void)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GPtrArray *out = g_ptr_array_new ();

  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *framework = charta_catalogue_get_framework (catalogue, f);
      for (guint i = 0; i < charta_framework_get_n_items (framework); i++)
        add_stages (charta_framework_get_item (framework, i), out);
    }
  g_ptr_array_sort (out, compare_positions);
  return out;
}

const ChartaItem *
charta_review_get_next_stage (const ChartaReview *review)
{
  g_autoptr(GPtrArray) stages = charta_review_get_stages ();
  guint i;

  g_return_val_if_fail (review != NULL, NULL);

  for (i = 0; i < stages->len; i++)
    if (g_strcmp0 (charta_item_get_id (g_ptr_array_index (stages, i)), review->stage) == 0)
      break;
  if (i == stages->len)   /* none yet, or not one of the catalogue's: start at the first */
    return stages->len > 0 ? g_ptr_array_index (stages, 0) : NULL;
  return i + 1 < stages->len ? g_ptr_array_index (stages, i + 1) : NULL;
}

gboolean
charta_review_advance_stage (ChartaReview *review)
{
  const ChartaItem *next;

  g_return_val_if_fail (review != NULL, FALSE);

  next = charta_review_get_next_stage (review);
  if (next == NULL)
    return FALSE;
  g_free (review->stage);
  review->stage = g_strdup (charta_item_get_id (next));
  return TRUE;
}

/* ---- the team's and the reviewers' assessments ---- */

ChartaLevelComparison
charta_review_compare_level (int city_level, int reviewer_level)
{
  if (city_level == CHARTA_UNSET && reviewer_level == CHARTA_UNSET)
    return CHARTA_LEVEL_NEITHER;
  if (reviewer_level == CHARTA_UNSET)
    return CHARTA_LEVEL_ONLY_CITY;
  if (city_level == CHARTA_UNSET)
    return CHARTA_LEVEL_ONLY_REVIEWER;
  if (reviewer_level == city_level)
    return CHARTA_LEVEL_SAME;
  return reviewer_level > city_level ? CHARTA_LEVEL_HIGHER : CHARTA_LEVEL_LOWER;
}

gboolean
charta_level_comparison_differs (ChartaLevelComparison comparison)
{
  return comparison == CHARTA_LEVEL_HIGHER || comparison == CHARTA_LEVEL_LOWER ||
         comparison == CHARTA_LEVEL_ONLY_REVIEWER;
}

ChartaReviewAssessment *
charta_review_find_assessment (const ChartaReview *review, const char *item_id, const char *assessor)
{
  g_return_val_if_fail (review != NULL && item_id != NULL && assessor != NULL, NULL);

  for (guint i = 0; review->assessments && i < review->assessments->len; i++)
    {
      ChartaReviewAssessment *a = g_ptr_array_index (review->assessments, i);
      if (g_strcmp0 (a->item, item_id) == 0 && g_strcmp0 (a->assessor, assessor) == 0)
        return a;
    }
  return NULL;
}

static gboolean
review_assessment_is_empty (const ChartaReviewAssessment *a)
{
  return a->level == CHARTA_UNSET && a->basis == CHARTA_UNSET && (a->findings == NULL || *a->findings == '\0') &&
         (a->key_problems == NULL || a->key_problems->len == 0) &&
         (a->recommendations == NULL || a->recommendations->len == 0) && a->extra == NULL;
}

void
charta_review_set_assessment (ChartaReview *review, ChartaReviewAssessment *assessment)
{
  g_autoptr(ChartaReviewAssessment) owned = assessment;
  ChartaReviewAssessment *current;
  guint position;

  g_return_if_fail (review != NULL && assessment != NULL);
  g_return_if_fail (assessment->item != NULL && assessment->assessor != NULL);

  if (review->assessments == NULL)
    review->assessments = g_ptr_array_new ();
  current = charta_review_find_assessment (review, assessment->item, assessment->assessor);
  if (current != NULL)
    {
      g_ptr_array_find (review->assessments, current, &position);
      charta_review_assessment_free (current);
      g_ptr_array_remove_index (review->assessments, position);
      if (!review_assessment_is_empty (assessment))
        g_ptr_array_insert (review->assessments, position, g_steal_pointer (&owned));
    }
  else if (!review_assessment_is_empty (assessment))
    g_ptr_array_add (review->assessments, g_steal_pointer (&owned));
}

GPtrArray *
charta_review_get_assessors (const ChartaReview *review)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (review != NULL, out);

  g_ptr_array_add (out, (gpointer) CHARTA_REVIEW_ASSESSOR_TEAM);
  for (guint i = 0; review->team && i < review->team->len; i++)
    {
      ChartaReviewer *m = g_ptr_array_index (review->team, i);
      /* The city's contact speaks for the city, whose assessment is its own. */
      if (m->role != CHARTA_REVIEW_ROLE_CITY_CONTACT && m->role != CHARTA_REVIEW_ROLE_MENTEE &&
          !g_ptr_array_find_with_equal_func (out, m->person, g_str_equal, NULL))
        g_ptr_array_add (out, m->person);
    }
  return out;
}

/* ---- the team ---- */

ChartaReviewer *
charta_reviewer_new (const char *person, ChartaReviewRole role)
{
  ChartaReviewer *m = _charta_object_new (&_charta_reviewer_spec);

  m->id = g_uuid_string_random ();
  m->person = g_strdup (person);
  m->role = role;
  return m;
}

ChartaReviewDocument *
charta_review_document_new (const char *title, const char *requested)
{
  ChartaReviewDocument *d = _charta_object_new (&_charta_review_document_spec);

  d->id = g_uuid_string_random ();
  d->title = g_strdup (title);
  d->requested = g_strdup (requested);
  return d;
}

ChartaReviewer *
charta_review_find_reviewer (const ChartaReview *review, const char *reviewer_id)
{
  g_return_val_if_fail (review != NULL, NULL);

  for (guint i = 0; review->team && i < review->team->len; i++)
    if (g_strcmp0 (((ChartaReviewer *) g_ptr_array_index (review->team, i))->id, reviewer_id) == 0)
      return g_ptr_array_index (review->team, i);
  return NULL;
}

/* ---- after the presentation ---- */

void
charta_review_set_presentation (ChartaReview *review, const char *date, const char *outcome)
{
  g_return_if_fail (review != NULL);

  if (date != NULL && *date == '\0')
    date = NULL;
  if (outcome != NULL && *outcome == '\0')
    outcome = NULL;
  if (date == NULL && outcome == NULL && (review->presentation == NULL || review->presentation->extra == NULL))
    {
      _charta_object_free (&_charta_presentation_spec, review->presentation);
      review->presentation = NULL;
      return;
    }
  if (review->presentation == NULL)
    review->presentation = _charta_object_new (&_charta_presentation_spec);
  g_free (review->presentation->date);
  review->presentation->date = g_strdup (date);
  g_free (review->presentation->outcome);
  review->presentation->outcome = g_strdup (outcome);
}

gboolean
charta_review_is_presented (const ChartaReview *review)
{
  g_return_val_if_fail (review != NULL, FALSE);

  return review->presentation != NULL && review->presentation->date != NULL;
}

static void
add_ids_once (GPtrArray *out, GPtrArray *ids)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (!g_ptr_array_find_with_equal_func (out, g_ptr_array_index (ids, i), g_str_equal, NULL))
      g_ptr_array_add (out, g_ptr_array_index (ids, i));
}

GPtrArray *
charta_review_get_recommendations (const ChartaReview *review)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (review != NULL, out);

  for (guint i = 0; review->feedback && i < review->feedback->len; i++)
    add_ids_once (out, ((ChartaFeedbackSection *) g_ptr_array_index (review->feedback, i))->recommendation_items);
  if (out->len > 0)
    return out;
  for (guint i = 0; review->assessments && i < review->assessments->len; i++)
    add_ids_once (out, ((ChartaReviewAssessment *) g_ptr_array_index (review->assessments, i))->recommendations);
  return out;
}

const ChartaAction *
charta_review_find_action (const ChartaProject *project, const ChartaReview *review, const char *recommendation_id)
{
  g_return_val_if_fail (project != NULL && review != NULL, NULL);

  for (guint i = 0; project->actions && i < project->actions->len; i++)
    {
      const ChartaAction *a = g_ptr_array_index (project->actions, i);
      if (g_strcmp0 (a->review, review->id) == 0 && g_strcmp0 (a->recommendation, recommendation_id) == 0)
        return a;
    }
  return NULL;
}

gboolean
charta_review_check_adopt (const ChartaProject *project, const ChartaReview *review,
                           const char *recommendation_id, GError **error)
{
  g_return_val_if_fail (project != NULL && review != NULL && recommendation_id != NULL, FALSE);

  if (!charta_review_is_presented (review))
    {
      g_set_error_literal (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_NOT_PRESENTED,
                           _("Record the presentation’s date first: recommendations become actions after it"));
      return FALSE;
    }
  if (charta_review_find_action (project, review, recommendation_id) != NULL)
    {
      const ChartaItem *r = charta_catalogue_lookup (charta_catalogue_get_default (), recommendation_id);
      g_set_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_ADOPTED, _("“%s” is already an action of the plan"),
                   r && charta_item_get_title (r) ? charta_item_get_title (r) : recommendation_id);
      return FALSE;
    }
  return TRUE;
}

ChartaReview *
charta_project_find_review (const ChartaProject *project, const char *review_id)
{
  g_return_val_if_fail (project != NULL, NULL);

  for (guint i = 0; project->reviews && i < project->reviews->len; i++)
    if (g_strcmp0 (((ChartaReview *) g_ptr_array_index (project->reviews, i))->id, review_id) == 0)
      return g_ptr_array_index (project->reviews, i);
  return NULL;
}

const char *
charta_review_kind_get_label (ChartaReviewKind kind)
{
  static const char * const labels[] = { N_("DIVE peer review"), N_("IncluCities mentoring") };

  g_return_val_if_fail (kind < CHARTA_N_REVIEW_KINDS, NULL);
  return _(labels[kind]);
}

const char *
charta_review_kind_to_string (ChartaReviewKind kind)
{
  static const char * const names[] = { "dive-peer-review", "inclucities-mentoring" };

  g_return_val_if_fail (kind < CHARTA_N_REVIEW_KINDS, NULL);
  return names[kind];
}

const char *
charta_review_role_to_string (ChartaReviewRole role)
{
  static const char * const names[] = { "peer", "benchmarking-expert", "coordinator", "mentor", "mentee",
                                        "city-contact", "other" };

  g_return_val_if_fail (role < CHARTA_N_REVIEW_ROLES, NULL);
  return names[role];
}

const char *
charta_review_role_get_label (ChartaReviewRole role)
{
  static const char * const labels[] = {
    /* Translators: a role in a review team: a colleague from a partner city */
    N_("Peer"),
    N_("Benchmarking expert"),
    N_("Coordinator"),
    N_("Mentor"),
    N_("Mentee"),
    /* Translators: a role in a review: the reviewed city's contact person */
    N_("City contact"),
    N_("Other"),
  };

  g_return_val_if_fail (role < CHARTA_N_REVIEW_ROLES, NULL);
  return _(labels[role]);
}

/* ---- a new review ---- */

static const char *
candidate_framework (ChartaReviewKind kind)
{
  return kind == CHARTA_REVIEW_INCLUCITIES_MENTORING ? "inclucities" : "dive";
}

/* Whether @item may be put under review in a new review of @kind; @top: only the kind's
 * top items (DIVE's groups, the key factors), which together make "all". */
static gboolean
is_candidate (ChartaReviewKind kind, const ChartaItem *item, gboolean top)
{
  const char *item_kind = charta_item_get_kind (item);

  if (kind == CHARTA_REVIEW_INCLUCITIES_MENTORING)
    return strcmp (item_kind, "key-factor") == 0;
  return strcmp (item_kind, "group") == 0 || (!top && strcmp (item_kind, "area") == 0);
}

static GPtrArray *
collect_candidates (ChartaReviewKind kind, gboolean top)
{
  const ChartaFramework *fw = charta_catalogue_find_framework (charta_catalogue_get_default (),
                                                               candidate_framework (kind));
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; fw && i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *item = charta_framework_get_item (fw, i);
      if (is_candidate (kind, item, top))
        g_ptr_array_add (out, (gpointer) item);
    }
  return out;
}

GPtrArray *
charta_review_get_candidates (ChartaReviewKind kind)
{
  return collect_candidates (kind, FALSE);
}

ChartaReview *
charta_review_create (ChartaReviewKind kind, const char *title, const char *const *items)
{
  g_autofree char *stripped = g_strstrip (g_strdup (title ? title : ""));
  g_autoptr(GPtrArray) stages = charta_review_get_stages ();
  ChartaReview *review;

  g_return_val_if_fail (kind < CHARTA_N_REVIEW_KINDS, NULL);

  review = charta_review_new (kind, *stripped ? stripped : NULL);
  if (stages->len > 0)
    review->stage = g_strdup (charta_item_get_id (g_ptr_array_index (stages, 0)));
  review->items = g_ptr_array_new_with_free_func (g_free);
  if (items != NULL && items[0] != NULL)
    for (guint i = 0; items[i] != NULL; i++)
      g_ptr_array_add (review->items, g_strdup (items[i]));
  else
    {
      g_autoptr(GPtrArray) all = collect_candidates (kind, TRUE);
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (review->items, g_strdup (charta_item_get_id (g_ptr_array_index (all, i))));
    }
  return review;
}

const char *
charta_review_get_name (const ChartaReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);
  return review->title ? review->title : charta_review_kind_get_label (review->kind);
}
