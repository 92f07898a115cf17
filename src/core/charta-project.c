/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "charta-project-private.h"

/* The model: construction, copies, comparison and queries. The tables that drive
 * copying, freeing and comparing are in charta-project-format.c. */

/* ---- memory ---- */

static void
list_free_with (GPtrArray *list, const Spec *spec)
{
  if (list == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    _charta_object_free (spec, g_ptr_array_index (list, i));
  g_ptr_array_free (list, TRUE);
}

void
_charta_object_free (const Spec *spec, gpointer object)
{
  if (object == NULL)
    return;
  for (const Field *f = spec->fields; f->key; f++)
    {
      if (f->flags & V1_ALIAS)
        continue;
      switch (f->type)
        {
        case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
        case F_TARGET: case F_CURRENCY: case F_TIME:
          g_free (MEMBER (object, f, char *));
          break;
        case F_JSON:
          charta_node_free (MEMBER (object, f, ChartaNode *));
          break;
        case F_ITEMS: case F_STRINGS: case F_UUIDS:
          g_clear_pointer (&MEMBER (object, f, GPtrArray *), g_ptr_array_unref);
          break;
        case F_OBJECT:
          _charta_object_free (f->sub, MEMBER (object, f, gpointer));
          break;
        case F_LIST: case F_MAP:
          list_free_with (MEMBER (object, f, GPtrArray *), f->sub);
          break;
        case F_INT: case F_NUMBER: case F_BOOL: case F_ENUM:
        default:
          break;
        }
    }
  charta_node_free (*(ChartaNode **) ((char *) object + spec->extra_offset));
  g_free (object);
}

gpointer
_charta_object_new (const Spec *spec)
{
  gpointer object = g_malloc0 (spec->size);
  if (spec->init)
    spec->init (object);
  return object;
}

GPtrArray *
_charta_string_list_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* ---- copies and comparison, for editors that change a copy ---- */

static GPtrArray *
string_list_copy (GPtrArray *list)
{
  GPtrArray *copy;

  if (list == NULL)
    return NULL;
  copy = g_ptr_array_new_full (list->len, g_free);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (list, i)));
  return copy;
}

static gpointer object_copy (const Spec *spec, gconstpointer object);

static GPtrArray *
object_list_copy (GPtrArray *list, const Spec *spec)
{
  GPtrArray *copy;

  if (list == NULL)
    return NULL;
  copy = g_ptr_array_sized_new (list->len);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (copy, object_copy (spec, g_ptr_array_index (list, i)));
  return copy;
}

static gpointer
object_copy (const Spec *spec, gconstpointer object)
{
  gpointer copy;

  if (object == NULL)
    return NULL;
  copy = g_memdup2 (object, spec->size);
  for (const Field *f = spec->fields; f->key; f++)
    {
      if (f->flags & V1_ALIAS)
        continue;
      switch (f->type)
        {
        case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
        case F_TARGET: case F_CURRENCY: case F_TIME:
          MEMBER (copy, f, char *) = g_strdup (MEMBER (object, f, char *));
          break;
        case F_JSON:
          MEMBER (copy, f, ChartaNode *) = charta_node_copy (MEMBER (object, f, ChartaNode *));
          break;
        case F_ITEMS: case F_STRINGS: case F_UUIDS:
          MEMBER (copy, f, GPtrArray *) = string_list_copy (MEMBER (object, f, GPtrArray *));
          break;
        case F_OBJECT:
          MEMBER (copy, f, gpointer) = object_copy (f->sub, MEMBER (object, f, gpointer));
          break;
        case F_LIST: case F_MAP:
          MEMBER (copy, f, GPtrArray *) = object_list_copy (MEMBER (object, f, GPtrArray *), f->sub);
          break;
        case F_INT: case F_NUMBER: case F_BOOL: case F_ENUM:
        default:
          break;
        }
    }
  *(ChartaNode **) ((char *) copy + spec->extra_offset) =
    charta_node_copy (*(ChartaNode **) ((char *) object + spec->extra_offset));
  return copy;
}

static gboolean object_equal (const Spec *spec, gconstpointer a, gconstpointer b);

static gboolean
string_lists_equal (GPtrArray *a, GPtrArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
object_lists_equal (GPtrArray *a, GPtrArray *b, const Spec *spec)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!object_equal (spec, g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* A map (the assessments) is a set keyed by its first field: its order in memory is
 * not part of the project (the writer sorts it), so two maps with the same members in
 * another order are equal. */
static gboolean
object_maps_equal (GPtrArray *a, GPtrArray *b, const Spec *spec)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;
  g_autoptr(GHashTable) by_key = NULL;

  if (na != nb)
    return FALSE;
  if (object_lists_equal (a, b, spec))
    return TRUE;
  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < nb; i++)
    {
      gpointer object = g_ptr_array_index (b, i);
      g_hash_table_insert (by_key, MEMBER (object, &spec->fields[0], char *), object);
    }
  if (g_hash_table_size (by_key) != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      gpointer object = g_ptr_array_index (a, i);
      gpointer other = g_hash_table_lookup (by_key, MEMBER (object, &spec->fields[0], char *));
      if (other == NULL || !object_equal (spec, object, other))
        return FALSE;
    }
  return TRUE;
}

static gboolean
field_equal (const Field *f, gconstpointer a, gconstpointer b)
{
  if (f->flags & V1_ALIAS)
    return TRUE;
  switch (f->type)
    {
    case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
    case F_TARGET: case F_CURRENCY: case F_TIME:
      return g_strcmp0 (MEMBER (a, f, char *), MEMBER (b, f, char *)) == 0;
    case F_JSON:
      {
        const ChartaNode *x = MEMBER (a, f, ChartaNode *), *y = MEMBER (b, f, ChartaNode *);
        return x == NULL || y == NULL ? x == y : charta_node_equal (x, y);
      }
    case F_INT: case F_ENUM:
      return MEMBER (a, f, int) == MEMBER (b, f, int);
    case F_BOOL:
      return !MEMBER (a, f, gboolean) == !MEMBER (b, f, gboolean);
    case F_NUMBER:
      {
        double x = MEMBER (a, f, double), y = MEMBER (b, f, double);
        return x == y || (isnan (x) && isnan (y));
      }
    case F_ITEMS: case F_STRINGS: case F_UUIDS:
      return string_lists_equal (MEMBER (a, f, GPtrArray *), MEMBER (b, f, GPtrArray *));
    case F_OBJECT:
      return object_equal (f->sub, MEMBER (a, f, gpointer), MEMBER (b, f, gpointer));
    case F_LIST:
      return object_lists_equal (MEMBER (a, f, GPtrArray *), MEMBER (b, f, GPtrArray *), f->sub);
    case F_MAP:
      return object_maps_equal (MEMBER (a, f, GPtrArray *), MEMBER (b, f, GPtrArray *), f->sub);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
object_equal (const Spec *spec, gconstpointer a, gconstpointer b)
{
  if (a == NULL || b == NULL)
    return a == b;
  for (const Field *f = spec->fields; f->key; f++)
    if (!field_equal (f, a, b))
      return FALSE;
  return charta_node_equal (*(ChartaNode **) ((char *) a + spec->extra_offset),
                            *(ChartaNode **) ((char *) b + spec->extra_offset));
}

#define DEFINE_COPY_FREE_EQUAL(Type, prefix, spec)                                         \
  Type *prefix##_copy (const Type *object) { return object_copy (&spec, object); }          \
  void prefix##_free (Type *object) { _charta_object_free (&spec, object); }                       \
  gboolean prefix##_equal (const Type *a, const Type *b) { return object_equal (&spec, a, b); }

DEFINE_COPY_FREE_EQUAL (ChartaAction, charta_action, _charta_action_spec)
DEFINE_COPY_FREE_EQUAL (ChartaAssessment, charta_assessment, _charta_assessment_spec)
DEFINE_COPY_FREE_EQUAL (ChartaMeasure, charta_measure, _charta_measure_spec)
DEFINE_COPY_FREE_EQUAL (ChartaConsultation, charta_consultation, _charta_consultation_spec)
DEFINE_COPY_FREE_EQUAL (ChartaPerson, charta_person, _charta_person_spec)
DEFINE_COPY_FREE_EQUAL (ChartaPartner, charta_partner, _charta_partner_spec)
DEFINE_COPY_FREE_EQUAL (ChartaSignature, charta_signature, _charta_signature_spec)
DEFINE_COPY_FREE_EQUAL (ChartaDatedValue, charta_dated_value, _charta_dated_value_spec)
DEFINE_COPY_FREE_EQUAL (ChartaSource, charta_source, _charta_source_spec)
DEFINE_COPY_FREE_EQUAL (ChartaProgramme, charta_programme, _charta_programme_spec)
DEFINE_COPY_FREE_EQUAL (ChartaFunding, charta_funding, _charta_funding_spec)
DEFINE_COPY_FREE_EQUAL (ChartaRound, charta_round, _charta_round_spec)
DEFINE_COPY_FREE_EQUAL (ChartaComment, charta_comment, _charta_comment_spec)
DEFINE_COPY_FREE_EQUAL (ChartaConflict, charta_conflict, _charta_conflict_spec)
DEFINE_COPY_FREE_EQUAL (ChartaReview, charta_review, _charta_review_spec)
DEFINE_COPY_FREE_EQUAL (ChartaReviewer, charta_reviewer, _charta_reviewer_spec)
DEFINE_COPY_FREE_EQUAL (ChartaReviewAssessment, charta_review_assessment, _charta_review_assessment_spec)
DEFINE_COPY_FREE_EQUAL (ChartaReviewSession, charta_review_session, _charta_review_session_spec)
DEFINE_COPY_FREE_EQUAL (ChartaReviewDocument, charta_review_document, _charta_review_document_spec)
DEFINE_COPY_FREE_EQUAL (ChartaFeedbackSection, charta_feedback_section, _charta_feedback_section_spec)
DEFINE_COPY_FREE_EQUAL (ChartaProject, charta_project, _charta_project_spec)

ChartaReview *
charta_review_new (ChartaReviewKind kind, const char *title)
{
  ChartaReview *r = _charta_object_new (&_charta_review_spec);
  r->id = g_uuid_string_random ();
  r->kind = kind;
  r->title = g_strdup (title);
  return r;
}

ChartaReviewSession *
charta_review_session_new (const char *date, const char *start, const char *end)
{
  ChartaReviewSession *s = _charta_object_new (&_charta_review_session_spec);
  s->id = g_uuid_string_random ();
  s->date = g_strdup (date);
  s->start = g_strdup (start);
  s->end = g_strdup (end);
  return s;
}

ChartaReviewAssessment *
charta_review_assessment_new (const char *item_id, const char *assessor)
{
  ChartaReviewAssessment *a = _charta_object_new (&_charta_review_assessment_spec);
  a->id = g_uuid_string_random ();
  a->item = g_strdup (item_id);
  a->assessor = g_strdup (assessor);
  return a;
}

ChartaAssessment *
charta_assessment_new (const char *item_id)
{
  ChartaAssessment *a = _charta_object_new (&_charta_assessment_spec);
  a->item = g_strdup (item_id);
  return a;
}

ChartaMeasure *
charta_measure_new (const char *title, const char *unit)
{
  ChartaMeasure *m = _charta_object_new (&_charta_measure_spec);
  m->id = g_uuid_string_random ();
  m->title = g_strdup (title);
  m->unit = g_strdup (unit);
  m->actuals = g_ptr_array_new ();
  return m;
}

ChartaConsultation *
charta_consultation_new (const char *title, const char *date)
{
  ChartaConsultation *c = _charta_object_new (&_charta_consultation_spec);
  c->id = g_uuid_string_random ();
  c->title = g_strdup (title);
  c->date = g_strdup (date);
  return c;
}

ChartaDatedValue *
charta_dated_value_new (const char *date, double value)
{
  ChartaDatedValue *v = _charta_object_new (&_charta_dated_value_spec);
  v->date = g_strdup (date);
  v->value = value;
  return v;
}

ChartaSource *
charta_source_new (const char *title)
{
  ChartaSource *s = _charta_object_new (&_charta_source_spec);
  s->title = g_strdup (title);
  return s;
}

ChartaProgramme *
charta_programme_new (const char *title)
{
  ChartaProgramme *p = _charta_object_new (&_charta_programme_spec);
  p->id = g_uuid_string_random ();
  p->title = g_strdup (title);
  return p;
}

ChartaFunding *
charta_funding_new (double amount, const char *currency)
{
  ChartaFunding *f = _charta_object_new (&_charta_funding_spec);
  f->amount = amount;
  f->currency = g_strdup (currency);
  return f;
}

ChartaComment *
charta_comment_new (const char *target, const char *author, const char *text)
{
  ChartaComment *c = _charta_object_new (&_charta_comment_spec);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  c->id = g_uuid_string_random ();
  c->target = g_strdup (target);
  c->author = g_strdup (author);
  c->time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  c->text = g_strdup (text);
  return c;
}

/* ---- construction and queries ---- */

/* Ids are UUIDs, compared without regard to case (the loader writes them lower-case). */
static gboolean
ids_equal (const char *a, const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

ChartaProject *
charta_project_new (const char *city_name)
{
  ChartaProject *p = _charta_object_new (&_charta_project_spec);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  p->version = CHARTA_PROJECT_VERSION;
  p->file_version = 0;
  p->id = g_uuid_string_random ();
  p->city = _charta_object_new (&_charta_city_spec);
  p->city->id = g_uuid_string_random ();
  p->city->name = g_strdup (city_name);
  p->period = _charta_object_new (&_charta_period_spec);
  /* A plan runs for whole years: the current calendar year until the consultant says. */
  p->period->start = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));
  p->period->end = g_strdup_printf ("%04d-12-31", g_date_time_get_year (now));
  p->frameworks = _charta_string_list_new ();
  g_ptr_array_add (p->frameworks, g_strdup ("charter"));
  g_ptr_array_add (p->frameworks, g_strdup ("dive"));
  p->people = g_ptr_array_new ();
  p->partners = g_ptr_array_new ();
  p->assessments = g_ptr_array_new ();
  p->actions = g_ptr_array_new ();
  p->measures = g_ptr_array_new ();
  p->consultations = g_ptr_array_new ();
  return p;
}

ChartaAssessment *
charta_project_get_assessment (const ChartaProject *project, const char *item_id)
{
  for (guint i = 0; project->assessments && i < project->assessments->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (project->assessments, i);
      if (strcmp (a->item, item_id) == 0)
        return a;
    }
  return NULL;
}

ChartaAssessment *
charta_project_ensure_assessment (ChartaProject *project, const char *item_id)
{
  ChartaAssessment *a = charta_project_get_assessment (project, item_id);

  if (a != NULL)
    return a;
  a = charta_assessment_new (item_id);
  if (project->assessments == NULL)
    project->assessments = g_ptr_array_new ();
  g_ptr_array_add (project->assessments, a);
  return a;
}

const ChartaPerson *
charta_project_find_person (const ChartaProject *project, const char *id)
{
  for (guint i = 0; project->people && i < project->people->len; i++)
    if (ids_equal (((ChartaPerson *) g_ptr_array_index (project->people, i))->id, id))
      return g_ptr_array_index (project->people, i);
  return NULL;
}

const ChartaPartner *
charta_project_find_partner (const ChartaProject *project, const char *id)
{
  for (guint i = 0; project->partners && i < project->partners->len; i++)
    if (ids_equal (((ChartaPartner *) g_ptr_array_index (project->partners, i))->id, id))
      return g_ptr_array_index (project->partners, i);
  return NULL;
}

gboolean
charta_project_uses_framework (const ChartaProject *project, const char *framework_id)
{
  for (guint i = 0; project->frameworks && i < project->frameworks->len; i++)
    if (g_strcmp0 (g_ptr_array_index (project->frameworks, i), framework_id) == 0)
      return TRUE;
  return FALSE;
}

const char *
charta_status_to_string (ChartaStatus status)
{
  g_return_val_if_fail (status < CHARTA_N_STATUSES, NULL);
  return _charta_status_values[status];
}

const char *
charta_action_status_progress_conflict (int status, int progress)
{
  if (status == CHARTA_STATUS_DONE && progress != CHARTA_UNSET && progress < 100)
    /* xgettext:no-c-format */
    return _("An action that is done is at 100% progress: set the progress to 100, or choose another status");
  return NULL;
}

const char *
charta_status_get_label (ChartaStatus status)
{
  switch (status)
    {
    case CHARTA_STATUS_PLANNED: return C_("action status", "Planned");
    case CHARTA_STATUS_IN_PROGRESS: return C_("action status", "In progress");
    case CHARTA_STATUS_DONE: return C_("action status", "Done");
    case CHARTA_STATUS_POSTPONED: return C_("action status", "Postponed");
    case CHARTA_STATUS_CANCELLED: return C_("action status", "Cancelled");
    case CHARTA_N_STATUSES:
    default: return NULL;
    }
}

gboolean
charta_action_is_open (const ChartaAction *action)
{
  return action->status != CHARTA_STATUS_DONE && action->status != CHARTA_STATUS_CANCELLED;
}

gboolean
charta_action_is_overdue (const ChartaAction *action, const char *today)
{
  return charta_action_is_open (action) && action->due != NULL && strcmp (action->due, today) < 0;
}

ChartaAction *
charta_action_new (const char *title)
{
  ChartaAction *a = _charta_object_new (&_charta_action_spec);
  a->id = g_uuid_string_random ();
  a->title = g_strdup (title);
  a->status = CHARTA_STATUS_PLANNED;
  return a;
}

const ChartaProgramme *
charta_project_find_programme (const ChartaProject *project, const char *id)
{
  for (guint i = 0; project->programmes && i < project->programmes->len; i++)
    if (ids_equal (((ChartaProgramme *) g_ptr_array_index (project->programmes, i))->id, id))
      return g_ptr_array_index (project->programmes, i);
  return NULL;
}

gboolean
charta_project_is_migrated (const ChartaProject *project)
{
  g_return_val_if_fail (project != NULL, FALSE);
  return project->file_version > 0 && project->file_version < CHARTA_PROJECT_VERSION;
}

/* ---- work forms ---- */

gboolean
charta_action_has_workform (const ChartaAction *action, const char *workform_id)
{
  for (guint i = 0; action->workforms && i < action->workforms->len; i++)
    if (g_strcmp0 (g_ptr_array_index (action->workforms, i), workform_id) == 0)
      return TRUE;
  return FALSE;
}

const char *
charta_action_get_workform (const ChartaAction *action)
{
  if (action->workforms == NULL || action->workforms->len == 0)
    return NULL;
  return g_ptr_array_index (action->workforms, 0);
}

void
charta_action_set_workform (ChartaAction *action, const char *workform_id)
{
  GPtrArray *list;

  g_return_if_fail (action != NULL);

  if (action->workforms == NULL)
    action->workforms = _charta_string_list_new ();
  list = action->workforms;
  /* One already listed moves to the front (a list is a set); another one replaces the
   * first; none removes the first. The others stay. */
  for (guint i = 0; workform_id != NULL && i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), workform_id) == 0)
      {
        gpointer moved = g_ptr_array_steal_index (list, i);
        g_ptr_array_insert (list, 0, moved);
        return;
      }
  if (list->len > 0)
    g_ptr_array_remove_index (list, 0);
  if (workform_id != NULL)
    g_ptr_array_insert (list, 0, g_strdup (workform_id));
}

/* ---- enumerations ---- */

const char *
charta_competence_to_string (ChartaCompetence competence)
{
  g_return_val_if_fail (competence < CHARTA_N_COMPETENCES, NULL);
  return _charta_competence_values[competence];
}

const char *
charta_competence_get_label (ChartaCompetence competence)
{
  switch (competence)
    {
    case CHARTA_COMPETENCE_PROVIDES_SERVICE: return C_("competence", "Provides the service itself");
    case CHARTA_COMPETENCE_ADVOCATES_ONLY: return C_("competence", "Advocates only");
    case CHARTA_COMPETENCE_NOT_COMPETENT: return C_("competence", "Not its competence");
    case CHARTA_N_COMPETENCES:
    default: return NULL;
    }
}

const char *
charta_funding_status_to_string (ChartaFundingStatus status)
{
  g_return_val_if_fail (status < CHARTA_N_FUNDING_STATUSES, NULL);
  return _charta_funding_values[status];
}

const char *
charta_meeting_kind_to_string (ChartaMeetingKind kind)
{
  g_return_val_if_fail (kind <= CHARTA_MEETING_OTHER, NULL);
  return _charta_meeting_values[kind];
}

/* ---- computed measures ---- */

static gboolean
counts_consultation (const ChartaMeasure *measure, const ChartaConsultation *c)
{
  switch (measure->computed)
    {
    case CHARTA_COMPUTED_CONSULTATIONS_HELD: return c->kind == CHARTA_MEETING_CONSULTATION;
    case CHARTA_COMPUTED_MEETINGS_HELD: return TRUE;
    default: return FALSE;
    }
}

double
charta_measure_compute (const ChartaMeasure *measure, const ChartaProject *project,
                        const char *from, const char *to)
{
  guint n = 0;

  g_return_val_if_fail (measure != NULL && project != NULL, NAN);

  if (measure->computed < 0 || measure->computed >= CHARTA_N_COMPUTED)
    return NAN;
  for (guint i = 0; project->consultations && i < project->consultations->len; i++)
    {
      const ChartaConsultation *c = g_ptr_array_index (project->consultations, i);
      if (c->date == NULL || !counts_consultation (measure, c))
        continue;
      if ((from == NULL || strcmp (c->date, from) >= 0) && (to == NULL || strcmp (c->date, to) <= 0))
        n++;
    }
  return n;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

GPtrArray *
charta_measure_get_values (const ChartaMeasure *measure, const ChartaProject *project)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_dated_value_free);
  g_autoptr(GPtrArray) dates = NULL;
  const char *start;

  g_return_val_if_fail (measure != NULL && project != NULL, values);

  if (measure->computed < 0)
    {
      for (guint i = 0; measure->actuals && i < measure->actuals->len; i++)
        g_ptr_array_add (values, charta_dated_value_copy (g_ptr_array_index (measure->actuals, i)));
      return values;
    }
  /* The running count since the period started, one value per date that changes it. */
  start = project->period ? project->period->start : NULL;
  dates = g_ptr_array_new ();
  for (guint i = 0; project->consultations && i < project->consultations->len; i++)
    {
      const ChartaConsultation *c = g_ptr_array_index (project->consultations, i);
      if (c->date != NULL && counts_consultation (measure, c) && (start == NULL || strcmp (c->date, start) >= 0))
        g_ptr_array_add (dates, c->date);
    }
  g_ptr_array_sort (dates, compare_strings);
  for (guint i = 0; i < dates->len; i++)
    {
      const char *date = g_ptr_array_index (dates, i);
      if (i + 1 < dates->len && strcmp (date, g_ptr_array_index (dates, i + 1)) == 0)
        continue;
      g_ptr_array_add (values, charta_dated_value_new (date, i + 1));
    }
  return values;
}

/* One rule for every "latest value": the newest date wins, not the value entered last;
 * of two values on the same date, the one entered later. */
ChartaDatedValue *
charta_measure_get_latest (const ChartaMeasure *measure, const ChartaProject *project,
                           const char *until)
{
  g_autoptr(GPtrArray) values = NULL;
  const ChartaDatedValue *latest = NULL;

  g_return_val_if_fail (measure != NULL && project != NULL, NULL);

  values = charta_measure_get_values (measure, project);
  for (guint i = 0; i < values->len; i++)
    {
      const ChartaDatedValue *v = g_ptr_array_index (values, i);
      if (v->date == NULL || !isfinite (v->value) || (until != NULL && strcmp (v->date, until) > 0))
        continue;
      if (latest == NULL || strcmp (v->date, latest->date) >= 0)
        latest = v;
    }
  return latest ? charta_dated_value_copy (latest) : NULL;
}

/* ---- reporting rounds ---- */

static ChartaSnapshot *
snapshot_new (const ChartaProject *project)
{
  ChartaSnapshot *s = _charta_object_new (&_charta_snapshot_spec);

  s->items = g_ptr_array_new ();
  s->actions = g_ptr_array_new ();
  s->measures = g_ptr_array_new ();
  for (guint i = 0; project->assessments && i < project->assessments->len; i++)
    {
      const ChartaAssessment *a = g_ptr_array_index (project->assessments, i);
      ChartaSnapshotItem *item;
      if (a->level == CHARTA_UNSET)
        continue;
      item = _charta_object_new (&_charta_snapshot_item_spec);
      item->item = g_strdup (a->item);
      item->level = a->level;
      g_ptr_array_add (s->items, item);
    }
  for (guint i = 0; project->actions && i < project->actions->len; i++)
    {
      const ChartaAction *a = g_ptr_array_index (project->actions, i);
      ChartaSnapshotAction *sa = _charta_object_new (&_charta_snapshot_action_spec);
      sa->id = g_strdup (a->id);
      sa->status = a->status;
      sa->progress = a->progress;
      g_ptr_array_add (s->actions, sa);
    }
  for (guint i = 0; project->measures && i < project->measures->len; i++)
    {
      const ChartaMeasure *m = g_ptr_array_index (project->measures, i);
      g_autoptr(ChartaDatedValue) latest = charta_measure_get_latest (m, project, NULL);
      ChartaSnapshotMeasure *sm;

      if (latest == NULL)
        continue;
      sm = _charta_object_new (&_charta_snapshot_measure_spec);
      sm->id = g_strdup (m->id);
      sm->date = g_strdup (latest->date);
      sm->value = latest->value;
      g_ptr_array_add (s->measures, sm);
    }
  return s;
}

ChartaRound *
charta_round_new (const ChartaProject *project, const char *label, const char *closed)
{
  ChartaRound *r;

  g_return_val_if_fail (project != NULL && label != NULL && closed != NULL, NULL);

  r = _charta_object_new (&_charta_round_spec);
  r->id = g_uuid_string_random ();
  r->label = g_strdup (label);
  r->closed = g_strdup (closed);
  if (project->period != NULL)
    {
      r->period = _charta_object_new (&_charta_period_spec);
      r->period->start = g_strdup (project->period->start);
      r->period->end = g_strdup (project->period->end);
      r->period->label = g_strdup (project->period->label);
    }
  r->snapshot = snapshot_new (project);
  return r;
}
