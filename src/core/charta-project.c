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
      switch (f->type)
        {
        case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
          g_free (MEMBER (object, f, char *));
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
      switch (f->type)
        {
        case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
          MEMBER (copy, f, char *) = g_strdup (MEMBER (object, f, char *));
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
  switch (f->type)
    {
    case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
      return g_strcmp0 (MEMBER (a, f, char *), MEMBER (b, f, char *)) == 0;
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
DEFINE_COPY_FREE_EQUAL (ChartaDatedValue, charta_dated_value, _charta_dated_value_spec)
DEFINE_COPY_FREE_EQUAL (ChartaProject, charta_project, _charta_project_spec)

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

/* ---- construction and queries ---- */

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

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
  p->id = g_uuid_string_random ();
  p->city = _charta_object_new (&_charta_city_spec);
  p->city->id = g_uuid_string_random ();
  p->city->name = g_strdup (city_name);
  p->period = _charta_object_new (&_charta_period_spec);
  p->period->start = today_string ();
  p->period->end = g_strdup_printf ("%04d-12-31", g_date_time_get_year (now));
  if (strcmp (p->period->end, p->period->start) < 0)
    {
      g_free (p->period->end);
      p->period->end = g_strdup (p->period->start);
    }
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
