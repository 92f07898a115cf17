/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project"
#include "config.h"

#include <math.h>
#include <string.h>

#include "charta-file.h"
#include "charta-project-private.h"

/* The tables of the file format (see charta-project-private.h) and the canonical writer. */

const char * const _charta_status_values[] = { "planned", "in-progress", "done", "postponed", "cancelled", NULL };
static const char * const direction_values[] = { "increase", "decrease", "maintain", NULL };
const char * const _charta_meeting_values[] = { "consultation", "evaluation", "peer-review", "steering", "other", NULL };

const char * const _charta_competence_values[] = { "provides-service", "advocates-only", "not-competent", NULL };
const char * const _charta_funding_values[] = { "applied", "granted", "refused", NULL };
static const char * const computed_values[] = { "consultations-held", "meetings-held", NULL };
const char * const _charta_review_kind_values[] = { "dive-peer-review", "inclucities-mentoring", NULL };
const char * const _charta_review_role_values[] = { "peer", "benchmarking-expert", "coordinator", "mentor",
                                                    "mentee", "city-contact", "other", NULL };
const char * const _charta_review_basis_values[] = { "hypothesis", "evidence", NULL };
const char * const _charta_session_kind_values[] = { "interview", "workshop", "other", NULL };

static void init_assessment (gpointer object)
{
  ((ChartaAssessment *) object)->level = CHARTA_UNSET;
  ((ChartaAssessment *) object)->competence = CHARTA_UNSET;
}
static void init_action (gpointer object) { ((ChartaAction *) object)->progress = CHARTA_UNSET; }
static void init_dated_value (gpointer object) { ((ChartaDatedValue *) object)->value = NAN; }
static void init_group_value (gpointer object) { ((ChartaGroupValue *) object)->value = NAN; }
static void init_measure (gpointer object) { ((ChartaMeasure *) object)->computed = CHARTA_UNSET; }
static void init_funding (gpointer object)
{
  ((ChartaFunding *) object)->amount = NAN;
  ((ChartaFunding *) object)->status = CHARTA_UNSET;
}
static void init_review (gpointer object) { ((ChartaReview *) object)->day_hours = CHARTA_UNSET; }
static void init_review_assessment (gpointer object)
{
  ((ChartaReviewAssessment *) object)->level = CHARTA_UNSET;
  ((ChartaReviewAssessment *) object)->basis = CHARTA_UNSET;
}
static void init_review_session (gpointer object) { ((ChartaReviewSession *) object)->kind = CHARTA_UNSET; }
static void init_snapshot_item (gpointer object) { ((ChartaSnapshotItem *) object)->level = CHARTA_UNSET; }
static void init_snapshot_action (gpointer object) { ((ChartaSnapshotAction *) object)->progress = CHARTA_UNSET; }
static void init_snapshot_measure (gpointer object) { ((ChartaSnapshotMeasure *) object)->value = NAN; }

#define SPEC(Type, fields, ...) { sizeof (Type), offsetof (Type, extra), fields, __VA_ARGS__ }

static const Field signature_fields[] = {
  FIELD (ChartaSignature, "date", F_DATE, date, 0),
  FIELD (ChartaSignature, "signatory", F_TITLE, signatory, 0),
  FIELD (ChartaSignature, "occasion", F_TITLE, occasion, 0),
  { NULL }
};
const Spec _charta_signature_spec = SPEC (ChartaSignature, signature_fields, NULL);

static const Field city_fields[] = {
  FIELD (ChartaCity, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaCity, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaCity, "country", F_TITLE, country, 0),
  FIELD (ChartaCity, "charter-signature", F_OBJECT, charter_signature, 0, &_charta_signature_spec),
  { NULL }
};
const Spec _charta_city_spec = SPEC (ChartaCity, city_fields, NULL);

static const Field period_fields[] = {
  FIELD (ChartaPeriod, "start", F_DATE, start, REQUIRED),
  FIELD (ChartaPeriod, "end", F_DATE, end, REQUIRED),
  FIELD (ChartaPeriod, "label", F_TITLE, label, 0),
  { NULL }
};
const Spec _charta_period_spec = SPEC (ChartaPeriod, period_fields, NULL);

static const Field person_fields[] = {
  FIELD (ChartaPerson, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaPerson, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaPerson, "role", F_TITLE, role, 0),
  FIELD (ChartaPerson, "organisation", F_TITLE, organisation, 0),
  FIELD (ChartaPerson, "email", F_TITLE, email, 0),
  FIELD (ChartaPerson, "phone", F_TITLE, phone, 0),
  { NULL }
};
const Spec _charta_person_spec = SPEC (ChartaPerson, person_fields, NULL);

static const Field partner_fields[] = {
  FIELD (ChartaPartner, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaPartner, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaPartner, "kind", F_TITLE, kind, 0),
  FIELD (ChartaPartner, "description", F_TEXT, description, 0),
  { NULL }
};
const Spec _charta_partner_spec = SPEC (ChartaPartner, partner_fields, NULL);

/* Version 1 listed sources as bare strings: they become the title. */
static const Field source_fields[] = {
  FIELD (ChartaSource, "title", F_TEXT, title, REQUIRED),
  FIELD (ChartaSource, "date", F_DATE, date, 0),
  FIELD (ChartaSource, "link", F_TITLE, link, 0),
  FIELD (ChartaSource, "reference", F_TITLE, reference, 0),
  FIELD (ChartaSource, "page", F_TITLE, page, 0),
  { NULL }
};
const Spec _charta_source_spec = SPEC (ChartaSource, source_fields, NULL, "title");

static const Field assessment_fields[] = {
  FIELD (ChartaAssessment, "item", F_ITEM, item, REQUIRED | KEY),
  FIELD (ChartaAssessment, "level", F_INT, level, 0, NULL, NULL, 1, 100),
  FIELD (ChartaAssessment, "competence", F_ENUM, competence, 0, NULL, _charta_competence_values),
  FIELD (ChartaAssessment, "evidence", F_TEXT, evidence, 0),
  FIELD (ChartaAssessment, "evidence-private", F_BOOL, evidence_private, 0),
  FIELD (ChartaAssessment, "sources", F_LIST, sources, OMIT_EMPTY, &_charta_source_spec),
  FIELD (ChartaAssessment, "key-problems", F_ITEMS, key_problems, 0, NULL, NULL, 0, 0, "key-problem"),
  FIELD (ChartaAssessment, "recommendations", F_ITEMS, recommendations, 0, NULL, NULL, 0, 0, "recommendation"),
  FIELD (ChartaAssessment, "answer", F_TEXT, answer, 0),
  FIELD (ChartaAssessment, "changed", F_TIMESTAMP, changed, 0),
  { NULL }
};
const Spec _charta_assessment_spec = SPEC (ChartaAssessment, assessment_fields, init_assessment);

static const Field programme_fields[] = {
  FIELD (ChartaProgramme, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaProgramme, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaProgramme, "description", F_TEXT, description, 0),
  FIELD (ChartaProgramme, "items", F_ITEMS, items, 0),
  { NULL }
};
const Spec _charta_programme_spec = SPEC (ChartaProgramme, programme_fields, NULL);

static const Field funding_fields[] = {
  FIELD (ChartaFunding, "amount", F_NUMBER, amount, REQUIRED | NON_NEGATIVE),
  FIELD (ChartaFunding, "currency", F_CURRENCY, currency, REQUIRED),
  FIELD (ChartaFunding, "source", F_TITLE, source, 0),
  FIELD (ChartaFunding, "status", F_ENUM, status, 0, NULL, _charta_funding_values),
  FIELD (ChartaFunding, "note", F_TEXT, note, 0),
  { NULL }
};
const Spec _charta_funding_spec = SPEC (ChartaFunding, funding_fields, init_funding);

static const Field action_fields[] = {
  FIELD (ChartaAction, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaAction, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaAction, "description", F_TEXT, description, 0),
  FIELD (ChartaAction, "items", F_ITEMS, items, 0),
  FIELD (ChartaAction, "programme", F_UUID, programme, 0),
  FIELD (ChartaAction, "review", F_UUID, review, REF),
  FIELD (ChartaAction, "recommendation", F_ITEM, recommendation, 0, NULL, NULL, 0, 0, "recommendation"),
  FIELD (ChartaAction, "workforms", F_ITEMS, workforms, 0, NULL, NULL, 0, 0, "workform"),
  FIELD (ChartaAction, "workform", F_ITEM, workforms, V1_ALIAS, NULL, NULL, 0, 0, "workform"),
  FIELD (ChartaAction, "owner", F_UUID, owner, 0),
  FIELD (ChartaAction, "partners", F_UUIDS, partners, 0),
  FIELD (ChartaAction, "start", F_DATE, start, 0),
  FIELD (ChartaAction, "due", F_DATE, due, 0),
  FIELD (ChartaAction, "status", F_ENUM, status, REQUIRED, NULL, _charta_status_values),
  FIELD (ChartaAction, "progress", F_INT, progress, 0, NULL, NULL, 0, 100),
  FIELD (ChartaAction, "funding", F_LIST, funding, OMIT_EMPTY, &_charta_funding_spec),
  FIELD (ChartaAction, "policy-objectives", F_STRINGS, policy_objectives, 0),
  FIELD (ChartaAction, "notes", F_TEXT, notes, 0),
  FIELD (ChartaAction, "changed", F_TIMESTAMP, changed, 0),
  { NULL }
};
const Spec _charta_action_spec = SPEC (ChartaAction, action_fields, init_action);

static const Field group_value_fields[] = {
  FIELD (ChartaGroupValue, "group", F_TITLE, group, REQUIRED),
  FIELD (ChartaGroupValue, "value", F_NUMBER, value, REQUIRED),
  { NULL }
};
const Spec _charta_group_value_spec = SPEC (ChartaGroupValue, group_value_fields, init_group_value);

static const Field dated_value_fields[] = {
  FIELD (ChartaDatedValue, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaDatedValue, "value", F_NUMBER, value, REQUIRED),
  FIELD (ChartaDatedValue, "note", F_TEXT, note, 0),
  FIELD (ChartaDatedValue, "by-group", F_LIST, by_group, OMIT_EMPTY, &_charta_group_value_spec),
  { NULL }
};
const Spec _charta_dated_value_spec = SPEC (ChartaDatedValue, dated_value_fields, init_dated_value);

static const Field measure_fields[] = {
  FIELD (ChartaMeasure, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaMeasure, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaMeasure, "description", F_TEXT, description, 0),
  FIELD (ChartaMeasure, "items", F_ITEMS, items, 0),
  FIELD (ChartaMeasure, "unit", F_TITLE, unit, REQUIRED),
  FIELD (ChartaMeasure, "direction", F_ENUM, direction, REQUIRED, NULL, direction_values),
  FIELD (ChartaMeasure, "computed", F_ENUM, computed, 0, NULL, computed_values),
  FIELD (ChartaMeasure, "breakdown", F_TITLE, breakdown, 0),
  FIELD (ChartaMeasure, "groups", F_STRINGS, groups, 0),
  FIELD (ChartaMeasure, "baseline", F_OBJECT, baseline, 0, &_charta_dated_value_spec),
  FIELD (ChartaMeasure, "target", F_OBJECT, target, 0, &_charta_dated_value_spec),
  FIELD (ChartaMeasure, "actuals", F_LIST, actuals, OMIT_EMPTY, &_charta_dated_value_spec),
  { NULL }
};
const Spec _charta_measure_spec = SPEC (ChartaMeasure, measure_fields, init_measure);

static const Field consultation_fields[] = {
  FIELD (ChartaConsultation, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaConsultation, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaConsultation, "kind", F_ENUM, kind, REQUIRED, NULL, _charta_meeting_values),
  FIELD (ChartaConsultation, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaConsultation, "participants", F_STRINGS, participants, 0),
  FIELD (ChartaConsultation, "conclusions", F_TEXT, conclusions, 0),
  FIELD (ChartaConsultation, "notes", F_TEXT, notes, 0),
  { NULL }
};
const Spec _charta_consultation_spec = SPEC (ChartaConsultation, consultation_fields, NULL);

static const Field snapshot_item_fields[] = {
  FIELD (ChartaSnapshotItem, "item", F_ITEM, item, REQUIRED | KEY),
  FIELD (ChartaSnapshotItem, "level", F_INT, level, 0, NULL, NULL, 1, 100),
  { NULL }
};
const Spec _charta_snapshot_item_spec = SPEC (ChartaSnapshotItem, snapshot_item_fields, init_snapshot_item);

/* A snapshot names actions and measures by id; they may have been deleted since. */
static const Field snapshot_action_fields[] = {
  FIELD (ChartaSnapshotAction, "id", F_UUID, id, REQUIRED | REF),
  FIELD (ChartaSnapshotAction, "status", F_ENUM, status, REQUIRED, NULL, _charta_status_values),
  FIELD (ChartaSnapshotAction, "progress", F_INT, progress, 0, NULL, NULL, 0, 100),
  { NULL }
};
const Spec _charta_snapshot_action_spec = SPEC (ChartaSnapshotAction, snapshot_action_fields, init_snapshot_action);

static const Field snapshot_measure_fields[] = {
  FIELD (ChartaSnapshotMeasure, "id", F_UUID, id, REQUIRED | REF),
  FIELD (ChartaSnapshotMeasure, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaSnapshotMeasure, "value", F_NUMBER, value, REQUIRED),
  { NULL }
};
const Spec _charta_snapshot_measure_spec = SPEC (ChartaSnapshotMeasure, snapshot_measure_fields, init_snapshot_measure);

static const Field snapshot_fields[] = {
  FIELD (ChartaSnapshot, "items", F_MAP, items, 0, &_charta_snapshot_item_spec),
  FIELD (ChartaSnapshot, "actions", F_LIST, actions, 0, &_charta_snapshot_action_spec),
  FIELD (ChartaSnapshot, "measures", F_LIST, measures, 0, &_charta_snapshot_measure_spec),
  { NULL }
};
const Spec _charta_snapshot_spec = SPEC (ChartaSnapshot, snapshot_fields, NULL);

static const Field round_fields[] = {
  FIELD (ChartaRound, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaRound, "label", F_TITLE, label, REQUIRED),
  FIELD (ChartaRound, "closed", F_DATE, closed, REQUIRED),
  FIELD (ChartaRound, "period", F_OBJECT, period, 0, &_charta_period_spec),
  FIELD (ChartaRound, "snapshot", F_OBJECT, snapshot, 0, &_charta_snapshot_spec),
  { NULL }
};
const Spec _charta_round_spec = SPEC (ChartaRound, round_fields, NULL);

static const Field comment_fields[] = {
  FIELD (ChartaComment, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaComment, "target", F_TARGET, target, REQUIRED),
  FIELD (ChartaComment, "author", F_TITLE, author, REQUIRED),
  FIELD (ChartaComment, "time", F_TIMESTAMP, time, REQUIRED),
  FIELD (ChartaComment, "text", F_TEXT, text, REQUIRED),
  FIELD (ChartaComment, "in-reply-to", F_UUID, in_reply_to, 0),
  FIELD (ChartaComment, "resolved", F_BOOL, resolved, 0),
  { NULL }
};
const Spec _charta_comment_spec = SPEC (ChartaComment, comment_fields, NULL);

static const Field conflict_fields[] = {
  FIELD (ChartaConflict, "path", F_TEXT, path, REQUIRED),
  FIELD (ChartaConflict, "base", F_JSON, base, 0),
  FIELD (ChartaConflict, "ours", F_JSON, ours, 0),
  FIELD (ChartaConflict, "theirs", F_JSON, theirs, 0),
  { NULL }
};
const Spec _charta_conflict_spec = SPEC (ChartaConflict, conflict_fields, NULL);

/* Peer review and mentoring: every listed record has an id, so a merge pairs them. */
static const Field reviewer_fields[] = {
  FIELD (ChartaReviewer, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaReviewer, "person", F_UUID, person, REQUIRED | REF),
  FIELD (ChartaReviewer, "city", F_TITLE, city, 0),
  FIELD (ChartaReviewer, "role", F_ENUM, role, REQUIRED, NULL, _charta_review_role_values),
  { NULL }
};
const Spec _charta_reviewer_spec = SPEC (ChartaReviewer, reviewer_fields, NULL);

static const Field review_assessment_fields[] = {
  FIELD (ChartaReviewAssessment, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaReviewAssessment, "item", F_ITEM, item, REQUIRED),
  FIELD (ChartaReviewAssessment, "assessor", F_TITLE, assessor, REQUIRED),
  FIELD (ChartaReviewAssessment, "level", F_INT, level, 0, NULL, NULL, 1, 100),
  FIELD (ChartaReviewAssessment, "basis", F_ENUM, basis, 0, NULL, _charta_review_basis_values),
  FIELD (ChartaReviewAssessment, "findings", F_TEXT, findings, 0),
  FIELD (ChartaReviewAssessment, "key-problems", F_ITEMS, key_problems, 0, NULL, NULL, 0, 0, "key-problem"),
  FIELD (ChartaReviewAssessment, "recommendations", F_ITEMS, recommendations, 0, NULL, NULL, 0, 0, "recommendation"),
  FIELD (ChartaReviewAssessment, "changed", F_TIMESTAMP, changed, 0),
  { NULL }
};
const Spec _charta_review_assessment_spec = SPEC (ChartaReviewAssessment, review_assessment_fields, init_review_assessment);

static const Field review_session_fields[] = {
  FIELD (ChartaReviewSession, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaReviewSession, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaReviewSession, "start", F_TIME, start, REQUIRED),
  FIELD (ChartaReviewSession, "end", F_TIME, end, REQUIRED),
  FIELD (ChartaReviewSession, "kind", F_ENUM, kind, 0, NULL, _charta_session_kind_values),
  FIELD (ChartaReviewSession, "title", F_TITLE, title, 0),
  FIELD (ChartaReviewSession, "place", F_TITLE, place, 0),
  FIELD (ChartaReviewSession, "participants", F_STRINGS, participants, 0),
  FIELD (ChartaReviewSession, "items", F_ITEMS, items, 0),
  FIELD (ChartaReviewSession, "notes", F_TEXT, notes, 0),
  { NULL }
};
const Spec _charta_review_session_spec = SPEC (ChartaReviewSession, review_session_fields, init_review_session);

static const Field review_document_fields[] = {
  FIELD (ChartaReviewDocument, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaReviewDocument, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaReviewDocument, "requested", F_DATE, requested, 0),
  FIELD (ChartaReviewDocument, "arrived", F_BOOL, arrived, 0),
  { NULL }
};
const Spec _charta_review_document_spec = SPEC (ChartaReviewDocument, review_document_fields, NULL);

static const Field feedback_section_fields[] = {
  FIELD (ChartaFeedbackSection, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaFeedbackSection, "area", F_ITEM, area, REQUIRED),
  FIELD (ChartaFeedbackSection, "situation", F_TEXT, situation, 0),
  FIELD (ChartaFeedbackSection, "findings", F_TEXT, findings, 0),
  FIELD (ChartaFeedbackSection, "key-problems", F_TEXT, key_problems, 0),
  FIELD (ChartaFeedbackSection, "recommendations", F_TEXT, recommendations, 0),
  FIELD (ChartaFeedbackSection, "good-practices", F_TEXT, good_practices, 0),
  FIELD (ChartaFeedbackSection, "key-problem-items", F_ITEMS, key_problem_items, 0, NULL, NULL, 0, 0, "key-problem"),
  FIELD (ChartaFeedbackSection, "recommendation-items", F_ITEMS, recommendation_items, 0, NULL, NULL, 0, 0, "recommendation"),
  FIELD (ChartaFeedbackSection, "good-practice-items", F_ITEMS, good_practice_items, 0, NULL, NULL, 0, 0, "good-practice"),
  { NULL }
};
const Spec _charta_feedback_section_spec = SPEC (ChartaFeedbackSection, feedback_section_fields, NULL);

static const Field presentation_fields[] = {
  FIELD (ChartaPresentation, "date", F_DATE, date, 0),
  FIELD (ChartaPresentation, "outcome", F_TEXT, outcome, 0),
  { NULL }
};
const Spec _charta_presentation_spec = SPEC (ChartaPresentation, presentation_fields, NULL);

static const Field review_fields[] = {
  FIELD (ChartaReview, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaReview, "kind", F_ENUM, kind, REQUIRED, NULL, _charta_review_kind_values),
  FIELD (ChartaReview, "title", F_TITLE, title, 0),
  FIELD (ChartaReview, "stage", F_ITEM, stage, 0, NULL, NULL, 0, 0, "review-stage"),
  FIELD (ChartaReview, "start", F_DATE, start, 0),
  FIELD (ChartaReview, "end", F_DATE, end, 0),
  FIELD (ChartaReview, "items", F_ITEMS, items, 0),
  FIELD (ChartaReview, "mentor-city", F_TITLE, mentor_city, 0),
  FIELD (ChartaReview, "mentee-city", F_TITLE, mentee_city, 0),
  FIELD (ChartaReview, "day-hours", F_INT, day_hours, 0, NULL, NULL, 1, 24),
  FIELD (ChartaReview, "team", F_LIST, team, OMIT_EMPTY, &_charta_reviewer_spec),
  FIELD (ChartaReview, "assessments", F_LIST, assessments, OMIT_EMPTY, &_charta_review_assessment_spec),
  FIELD (ChartaReview, "sessions", F_LIST, sessions, OMIT_EMPTY, &_charta_review_session_spec),
  FIELD (ChartaReview, "documents", F_LIST, documents, OMIT_EMPTY, &_charta_review_document_spec),
  FIELD (ChartaReview, "feedback", F_LIST, feedback, OMIT_EMPTY, &_charta_feedback_section_spec),
  FIELD (ChartaReview, "presentation", F_OBJECT, presentation, 0, &_charta_presentation_spec),
  { NULL }
};
const Spec _charta_review_spec = SPEC (ChartaReview, review_fields, init_review);

/* "format" and "version" are checked before the rest and written first by hand. */
static const Field project_fields[] = {
  FIELD (ChartaProject, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaProject, "title", F_TITLE, title, 0),
  FIELD (ChartaProject, "city", F_OBJECT, city, REQUIRED, &_charta_city_spec),
  FIELD (ChartaProject, "period", F_OBJECT, period, REQUIRED, &_charta_period_spec),
  FIELD (ChartaProject, "frameworks", F_STRINGS, frameworks, REQUIRED),
  FIELD (ChartaProject, "people", F_LIST, people, 0, &_charta_person_spec),
  FIELD (ChartaProject, "partners", F_LIST, partners, 0, &_charta_partner_spec),
  FIELD (ChartaProject, "assessments", F_MAP, assessments, 0, &_charta_assessment_spec),
  FIELD (ChartaProject, "programmes", F_LIST, programmes, OMIT_EMPTY, &_charta_programme_spec),
  FIELD (ChartaProject, "actions", F_LIST, actions, 0, &_charta_action_spec),
  FIELD (ChartaProject, "measures", F_LIST, measures, 0, &_charta_measure_spec),
  FIELD (ChartaProject, "consultations", F_LIST, consultations, 0, &_charta_consultation_spec),
  FIELD (ChartaProject, "reviews", F_LIST, reviews, OMIT_EMPTY, &_charta_review_spec),
  FIELD (ChartaProject, "publish-review-levels", F_BOOL, publish_review_levels, 0),
  FIELD (ChartaProject, "rounds", F_LIST, rounds, OMIT_EMPTY, &_charta_round_spec),
  FIELD (ChartaProject, "comments", F_LIST, comments, OMIT_EMPTY, &_charta_comment_spec),
  FIELD (ChartaProject, "conflicts", F_LIST, conflicts, OMIT_EMPTY, &_charta_conflict_spec),
  { NULL }
};
const Spec _charta_project_spec = SPEC (ChartaProject, project_fields, NULL);

/* ---- writing ---- */

/* Where the canonical text goes: into @out, whole; or, with @compare set, compared with
 * that text piece by piece as it is written, so it is never whole in memory (see
 * charta_project_is_data()). */
typedef struct {
  GString *out;
  const char *compare;
  gsize compare_len;
  gsize compared;       /* bytes of @compare matched, and dropped from @out */
  gboolean differs;
} Writer;

/* About how much text is compared at a time. */
#define WRITER_PIECE (64 * 1024)

static void write_object (Writer *w, const Spec *spec, gconstpointer object, guint indent);

static void
newline (Writer *w, guint indent)
{
  charta_json_write_newline (w->out, indent);
}

static void
write_key (Writer *w, gboolean *first, const char *key, guint indent)
{
  if (!*first)
    g_string_append_c (w->out, ',');
  *first = FALSE;
  newline (w, indent);
  charta_json_write_string (w->out, key);
  g_string_append (w->out, ": ");
}

static void
write_string_list (Writer *w, GPtrArray *list, guint indent)
{
  if (list->len == 0)
    {
      g_string_append (w->out, "[]");
      return;
    }
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (w->out, ',');
      newline (w, indent + 1);
      charta_json_write_string (w->out, g_ptr_array_index (list, i));
    }
  newline (w, indent);
  g_string_append_c (w->out, ']');
}

static void
compare_piece (Writer *w)
{
  const GString *out = w->out;

  if (!w->differs &&
      (out->len > w->compare_len - w->compared || memcmp (w->compare + w->compared, out->str, out->len) != 0))
    w->differs = TRUE;
  w->compared += out->len;
  g_string_truncate (w->out, 0);
}

/* The order of a map's keys (item ids): the catalogue's, so two copies of a project
 * diff item by item. */
static int
compare_item_keys (const char *ka, const char *kb)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaItem *ia = charta_catalogue_lookup (catalogue, ka);
  const ChartaItem *ib = charta_catalogue_lookup (catalogue, kb);
  guint pa = ia ? charta_item_get_position (ia) : G_MAXUINT;
  guint pb = ib ? charta_item_get_position (ib) : G_MAXUINT;

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (ka, kb);
}

static int
compare_assessments (gconstpointer a, gconstpointer b)
{
  /* The objects of a map start with their key (an assessment's or a snapshot's item). */
  G_STATIC_ASSERT (offsetof (ChartaAssessment, item) == 0);
  G_STATIC_ASSERT (offsetof (ChartaSnapshotItem, item) == 0);
  return compare_item_keys (**(char ***) a, **(char ***) b);
}

static void
write_list (Writer *w, const Field *f, GPtrArray *list, guint indent)
{
  g_autoptr(GPtrArray) sorted = NULL;

  if (list->len == 0)
    {
      g_string_append (w->out, f->type == F_MAP ? "{}" : "[]");
      return;
    }
  if (f->type == F_MAP)
    {
      sorted = g_ptr_array_copy (list, NULL, NULL);
      g_ptr_array_sort (sorted, compare_assessments);
      list = sorted;
    }
  g_string_append_c (w->out, f->type == F_MAP ? '{' : '[');
  for (guint i = 0; i < list->len; i++)
    {
      gpointer object = g_ptr_array_index (list, i);
      if (i > 0)
        g_string_append_c (w->out, ',');
      newline (w, indent + 1);
      if (f->type == F_MAP)
        {
          charta_json_write_string (w->out, MEMBER (object, &f->sub->fields[0], char *));
          g_string_append (w->out, ": ");
        }
      write_object (w, f->sub, object, indent + 1);
      if (w->compare != NULL && w->out->len >= WRITER_PIECE)
        compare_piece (w);
    }
  newline (w, indent);
  g_string_append_c (w->out, f->type == F_MAP ? '}' : ']');
}

static gboolean
write_field (Writer *w, const Field *f, gconstpointer object, gboolean *first, guint indent)
{
  if (f->flags & (KEY | V1_ALIAS))
    return FALSE;
  switch (f->type)
    {
    case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
    case F_TARGET: case F_CURRENCY: case F_TIME:
      {
        const char *s = MEMBER (object, f, char *);
        if (s == NULL)
          return FALSE;
        write_key (w, first, f->key, indent);
        charta_json_write_string (w->out, s);
        return TRUE;
      }
    case F_ENUM:
      if (MEMBER (object, f, int) < 0)
        return FALSE;
      write_key (w, first, f->key, indent);
      charta_json_write_string (w->out, f->values[MEMBER (object, f, int)]);
      return TRUE;
    case F_INT:
      if (MEMBER (object, f, int) == CHARTA_UNSET)
        return FALSE;
      write_key (w, first, f->key, indent);
      g_string_append_printf (w->out, "%d", MEMBER (object, f, int));
      return TRUE;
    case F_NUMBER:
      {
        double d = MEMBER (object, f, double);
        g_autofree char *s = NULL;
        if (!isfinite (d))
          return FALSE;
        s = charta_json_format_double (d);
        write_key (w, first, f->key, indent);
        g_string_append (w->out, s);
        return TRUE;
      }
    case F_BOOL:
      if (!MEMBER (object, f, gboolean))
        return FALSE;
      write_key (w, first, f->key, indent);
      g_string_append (w->out, "true");
      return TRUE;
    case F_ITEMS: case F_STRINGS: case F_UUIDS:
      if (MEMBER (object, f, GPtrArray *) == NULL ||
          (MEMBER (object, f, GPtrArray *)->len == 0 && !(f->flags & REQUIRED)))
        return FALSE;
      write_key (w, first, f->key, indent);
      write_string_list (w, MEMBER (object, f, GPtrArray *), indent);
      return TRUE;
    case F_OBJECT:
      if (MEMBER (object, f, gpointer) == NULL)
        return FALSE;
      write_key (w, first, f->key, indent);
      write_object (w, f->sub, MEMBER (object, f, gpointer), indent);
      return TRUE;
    case F_LIST: case F_MAP:
      {
        GPtrArray *list = MEMBER (object, f, GPtrArray *);
        /* Lists added later and nested lists are left w->out when empty; the project's
         * first lists always show. */
        if (list == NULL || (list->len == 0 && (f->flags & OMIT_EMPTY)))
          return FALSE;
        write_key (w, first, f->key, indent);
        write_list (w, f, list, indent);
        return TRUE;
      }
    case F_JSON:
      if (MEMBER (object, f, ChartaNode *) == NULL)
        return FALSE;
      write_key (w, first, f->key, indent);
      charta_json_write (w->out, MEMBER (object, f, ChartaNode *), indent);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static void
write_extra (Writer *w, const ChartaNode *extra, gboolean *first, guint indent)
{
  if (extra == NULL)
    return;
  for (guint i = 0; i < extra->members->len; i++)
    {
      ChartaMember *m = &g_array_index (extra->members, ChartaMember, i);
      write_key (w, first, m->key, indent);
      charta_json_write (w->out, m->value, indent);
    }
}

static void
write_object (Writer *w, const Spec *spec, gconstpointer object, guint indent)
{
  gboolean first = TRUE;

  g_string_append_c (w->out, '{');
  for (const Field *f = spec->fields; f->key; f++)
    write_field (w, f, object, &first, indent + 1);
  write_extra (w, *(ChartaNode **) ((char *) object + spec->extra_offset), &first, indent + 1);
  if (first)
    {
      g_string_append_c (w->out, '}');
      return;
    }
  newline (w, indent);
  g_string_append_c (w->out, '}');
}

static void
write_project (Writer *w, const ChartaProject *project)
{
  gboolean first = FALSE;

  g_string_append (w->out, "{\n  \"format\": \"" CHARTA_PROJECT_FORMAT "\",\n  \"version\": ");
  g_string_append_printf (w->out, "%d", CHARTA_PROJECT_VERSION);
  for (const Field *f = _charta_project_spec.fields; f->key; f++)
    write_field (w, f, project, &first, 1);
  write_extra (w, project->extra, &first, 1);
  g_string_append (w->out, "\n}\n");
}

char *
charta_project_to_data (const ChartaProject *project, gsize *len)
{
  Writer w = { g_string_sized_new (4096), NULL, 0, 0, FALSE };

  g_return_val_if_fail (project != NULL, NULL);
  write_project (&w, project);
  if (len)
    *len = w.out->len;
  return g_string_free (w.out, FALSE);
}

gboolean
charta_project_is_data (const ChartaProject *project, const char *data, gsize len)
{
  Writer w = { g_string_sized_new (2 * WRITER_PIECE), data, len, 0, FALSE };

  g_return_val_if_fail (project != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  write_project (&w, project);
  compare_piece (&w);
  g_string_free (w.out, TRUE);
  return !w.differs && w.compared == len;
}

gboolean
charta_project_save_file (const ChartaProject *project, GFile *file, const char *etag,
                          char **new_etag, GCancellable *cancellable, GError **error)
{
  gsize len;
  g_autofree char *data = charta_project_to_data (project, &len);

  return charta_file_replace (file, data, len, etag, new_etag, cancellable, error);
}

/* ---- whether a parse tree is canonical ---- */

/* The loader writes ids in lower case. */
static gboolean
id_is_lower (const char *s)
{
  for (const char *p = s; *p; p++)
    if (g_ascii_isupper (*p))
      return !g_uuid_string_is_valid (s);
  return TRUE;
}

static gboolean tree_object_is_canonical (const Spec *spec, const ChartaNode *node, gboolean project);

/* Whether @literal is a decimal fraction as charta_json_format_double() writes it,
 * without trying: at most 15 significant digits (which a double holds exactly, so the
 * shortest form that reads back is all of them), no trailing zero, no exponent, and
 * not so small that %g would write one. */
static gboolean
is_plain_fraction (const char *literal)
{
  const char *p = literal + (*literal == '-');
  guint digits = 0, zeros = 0;
  gboolean zero_int = p[0] == '0';

  if (zero_int)
    p++;
  else
    for (; g_ascii_isdigit (*p); p++)
      digits++;
  if ((!zero_int && digits == 0) || *p != '.' || !g_ascii_isdigit (p[1]))
    return FALSE;
  for (p++; zero_int && digits == 0 && *p == '0'; p++)
    zeros++;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  return *p == '\0' && p[-1] != '0' && digits <= 15 && zeros <= 3;
}

/* Whether @literal is a whole number as printf's %d writes it, of at most 15 digits
 * (so also as charta_json_format_double() writes it). */
static gboolean
is_plain_integer (const char *literal)
{
  const char *p = literal + (*literal == '-');
  guint digits = 0;

  if (p[0] == '0')
    return p[1] == '\0' && p == literal;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  return *p == '\0' && digits > 0 && digits <= 15;
}

/* Whether @node, loaded as @f, is written back as it stands (see write_field()).
 * Anything the loader would refuse may answer either way. */
static gboolean
tree_field_is_canonical (const Field *f, const ChartaNode *node)
{
  switch (f->type)
    {
    case F_UUID: case F_TARGET:
      return node->type == CHARTA_NODE_STRING && id_is_lower (node->string);
    case F_TITLE: case F_TEXT: case F_DATE: case F_TIMESTAMP: case F_ITEM: case F_CURRENCY:
    case F_TIME: case F_ENUM:
      return node->type == CHARTA_NODE_STRING;
    case F_INT:
      return node->type == CHARTA_NODE_NUMBER && is_plain_integer (node->number);
    case F_NUMBER:
      {
        g_autofree char *s = NULL;
        double d;
        if (node->type != CHARTA_NODE_NUMBER)
          return FALSE;
        if (is_plain_integer (node->number) || is_plain_fraction (node->number))
          return TRUE;
        if (!charta_node_get_double (node, &d) || !isfinite (d))
          return FALSE;
        s = charta_json_format_double (d);
        return strcmp (s, node->number) == 0;
      }
    case F_BOOL:
      /* false is left out */
      return node->type == CHARTA_NODE_BOOL && node->boolean;
    case F_ITEMS: case F_STRINGS: case F_UUIDS:
      if (node->type != CHARTA_NODE_ARRAY || (node->array->len == 0 && !(f->flags & REQUIRED)))
        return FALSE;
      for (guint i = 0; i < node->array->len; i++)
        {
          const ChartaNode *e = g_ptr_array_index (node->array, i);
          if (e->type != CHARTA_NODE_STRING || (f->type == F_UUIDS && !id_is_lower (e->string)))
            return FALSE;
        }
      return TRUE;
    case F_OBJECT:
      return node->type == CHARTA_NODE_OBJECT && tree_object_is_canonical (f->sub, node, FALSE);
    case F_LIST:
      if (node->type != CHARTA_NODE_ARRAY || (node->array->len == 0 && (f->flags & OMIT_EMPTY)))
        return FALSE;
      for (guint i = 0; i < node->array->len; i++)
        {
          const ChartaNode *e = g_ptr_array_index (node->array, i);
          if (e->type != CHARTA_NODE_OBJECT || !tree_object_is_canonical (f->sub, e, FALSE))
            return FALSE;
        }
      return TRUE;
    case F_MAP:
      if (node->type != CHARTA_NODE_OBJECT || (node->members->len == 0 && (f->flags & OMIT_EMPTY)))
        return FALSE;
      for (guint i = 0; i < node->members->len; i++)
        {
          const ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
          if (m->value->type != CHARTA_NODE_OBJECT ||
              (i > 0 && compare_item_keys (g_array_index (node->members, ChartaMember, i - 1).key, m->key) >= 0) ||
              !tree_object_is_canonical (f->sub, m->value, FALSE))
            return FALSE;
        }
      return TRUE;
    case F_JSON:
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* The writer puts an object's fields in the order of its spec, then its unknown
 * members as they came. The project's own lists are always written. */
static gboolean
tree_object_is_canonical (const Spec *spec, const ChartaNode *node, gboolean project)
{
  const Field *last = NULL;
  gboolean unknown = FALSE;

  for (guint i = project ? 2 : 0; i < node->members->len; i++)
    {
      const ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
      const Field *f = _charta_spec_find_field (spec, m->key);

      if (f == NULL)
        {
          unknown = TRUE;
          continue;
        }
      if (unknown || (last != NULL && f <= last) || (f->flags & V1_ALIAS) || !tree_field_is_canonical (f, m->value))
        return FALSE;
      for (const Field *skipped = last ? last + 1 : spec->fields; project && skipped < f; skipped++)
        if ((skipped->type == F_LIST || skipped->type == F_MAP) && !(skipped->flags & OMIT_EMPTY))
          return FALSE;
      last = f;
    }
  for (const Field *skipped = last ? last + 1 : spec->fields; project && skipped->key; skipped++)
    if ((skipped->type == F_LIST || skipped->type == F_MAP) && !(skipped->flags & OMIT_EMPTY))
      return FALSE;
  return TRUE;
}

gboolean
charta_project_tree_is_canonical_form (const ChartaNode *root)
{
  const ChartaMember *format, *version;
  char buf[16];

  g_return_val_if_fail (root != NULL, FALSE);
  if (root->type != CHARTA_NODE_OBJECT || root->members->len < 2)
    return FALSE;
  format = &g_array_index (root->members, ChartaMember, 0);
  version = &g_array_index (root->members, ChartaMember, 1);
  g_snprintf (buf, sizeof buf, "%d", CHARTA_PROJECT_VERSION);
  if (strcmp (format->key, "format") != 0 || format->value->type != CHARTA_NODE_STRING ||
      strcmp (format->value->string, CHARTA_PROJECT_FORMAT) != 0 ||
      strcmp (version->key, "version") != 0 || version->value->type != CHARTA_NODE_NUMBER ||
      strcmp (version->value->number, buf) != 0)
    return FALSE;
  return tree_object_is_canonical (&_charta_project_spec, root, TRUE);
}

gboolean
charta_project_tree_is_canonical (const ChartaNode *root, const char *data, gsize len)
{
  return charta_project_tree_is_canonical_form (root) && charta_json_is_text (root, data, len);
}
