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
static const char * const meeting_values[] = { "consultation", "evaluation", "peer-review", "steering", "other", NULL };

static void init_assessment (gpointer object) { ((ChartaAssessment *) object)->level = CHARTA_UNSET; }
static void init_action (gpointer object) { ((ChartaAction *) object)->progress = CHARTA_UNSET; }
static void init_dated_value (gpointer object) { ((ChartaDatedValue *) object)->value = NAN; }

static const Field city_fields[] = {
  FIELD (ChartaCity, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaCity, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaCity, "country", F_TITLE, country, 0),
  { NULL }
};
const Spec _charta_city_spec = { sizeof (ChartaCity), offsetof (ChartaCity, extra), city_fields, NULL };

static const Field period_fields[] = {
  FIELD (ChartaPeriod, "start", F_DATE, start, REQUIRED),
  FIELD (ChartaPeriod, "end", F_DATE, end, REQUIRED),
  FIELD (ChartaPeriod, "label", F_TITLE, label, 0),
  { NULL }
};
const Spec _charta_period_spec = { sizeof (ChartaPeriod), offsetof (ChartaPeriod, extra), period_fields, NULL };

static const Field person_fields[] = {
  FIELD (ChartaPerson, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaPerson, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaPerson, "role", F_TITLE, role, 0),
  FIELD (ChartaPerson, "organisation", F_TITLE, organisation, 0),
  FIELD (ChartaPerson, "email", F_TITLE, email, 0),
  FIELD (ChartaPerson, "phone", F_TITLE, phone, 0),
  { NULL }
};
const Spec _charta_person_spec = { sizeof (ChartaPerson), offsetof (ChartaPerson, extra), person_fields, NULL };

static const Field partner_fields[] = {
  FIELD (ChartaPartner, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaPartner, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaPartner, "kind", F_TITLE, kind, 0),
  FIELD (ChartaPartner, "description", F_TEXT, description, 0),
  { NULL }
};
const Spec _charta_partner_spec = { sizeof (ChartaPartner), offsetof (ChartaPartner, extra), partner_fields, NULL };

static const Field assessment_fields[] = {
  FIELD (ChartaAssessment, "item", F_ITEM, item, REQUIRED | KEY),
  FIELD (ChartaAssessment, "level", F_INT, level, 0, NULL, NULL, 1, 100),
  FIELD (ChartaAssessment, "evidence", F_TEXT, evidence, 0),
  FIELD (ChartaAssessment, "evidence-private", F_BOOL, evidence_private, 0),
  FIELD (ChartaAssessment, "sources", F_STRINGS, sources, 0),
  FIELD (ChartaAssessment, "key-problems", F_ITEMS, key_problems, 0, NULL, NULL, 0, 0, "key-problem"),
  FIELD (ChartaAssessment, "recommendations", F_ITEMS, recommendations, 0, NULL, NULL, 0, 0, "recommendation"),
  FIELD (ChartaAssessment, "answer", F_TEXT, answer, 0),
  FIELD (ChartaAssessment, "changed", F_TIMESTAMP, changed, 0),
  { NULL }
};
const Spec _charta_assessment_spec = { sizeof (ChartaAssessment), offsetof (ChartaAssessment, extra), assessment_fields, init_assessment };

static const Field action_fields[] = {
  FIELD (ChartaAction, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaAction, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaAction, "description", F_TEXT, description, 0),
  FIELD (ChartaAction, "items", F_ITEMS, items, 0),
  FIELD (ChartaAction, "workform", F_ITEM, workform, 0, NULL, NULL, 0, 0, "workform"),
  FIELD (ChartaAction, "owner", F_UUID, owner, 0),
  FIELD (ChartaAction, "partners", F_UUIDS, partners, 0),
  FIELD (ChartaAction, "start", F_DATE, start, 0),
  FIELD (ChartaAction, "due", F_DATE, due, 0),
  FIELD (ChartaAction, "status", F_ENUM, status, REQUIRED, NULL, _charta_status_values),
  FIELD (ChartaAction, "progress", F_INT, progress, 0, NULL, NULL, 0, 100),
  FIELD (ChartaAction, "notes", F_TEXT, notes, 0),
  FIELD (ChartaAction, "changed", F_TIMESTAMP, changed, 0),
  { NULL }
};
const Spec _charta_action_spec = { sizeof (ChartaAction), offsetof (ChartaAction, extra), action_fields, init_action };

static const Field dated_value_fields[] = {
  FIELD (ChartaDatedValue, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaDatedValue, "value", F_NUMBER, value, REQUIRED),
  FIELD (ChartaDatedValue, "note", F_TEXT, note, 0),
  { NULL }
};
const Spec _charta_dated_value_spec = { sizeof (ChartaDatedValue), offsetof (ChartaDatedValue, extra), dated_value_fields, init_dated_value };

static const Field measure_fields[] = {
  FIELD (ChartaMeasure, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaMeasure, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaMeasure, "description", F_TEXT, description, 0),
  FIELD (ChartaMeasure, "items", F_ITEMS, items, 0),
  FIELD (ChartaMeasure, "unit", F_TITLE, unit, REQUIRED),
  FIELD (ChartaMeasure, "direction", F_ENUM, direction, REQUIRED, NULL, direction_values),
  FIELD (ChartaMeasure, "baseline", F_OBJECT, baseline, 0, &_charta_dated_value_spec),
  FIELD (ChartaMeasure, "target", F_OBJECT, target, 0, &_charta_dated_value_spec),
  FIELD (ChartaMeasure, "actuals", F_LIST, actuals, 0, &_charta_dated_value_spec),
  { NULL }
};
const Spec _charta_measure_spec = { sizeof (ChartaMeasure), offsetof (ChartaMeasure, extra), measure_fields, NULL };

static const Field consultation_fields[] = {
  FIELD (ChartaConsultation, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaConsultation, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaConsultation, "kind", F_ENUM, kind, REQUIRED, NULL, meeting_values),
  FIELD (ChartaConsultation, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaConsultation, "participants", F_STRINGS, participants, 0),
  FIELD (ChartaConsultation, "conclusions", F_TEXT, conclusions, 0),
  FIELD (ChartaConsultation, "notes", F_TEXT, notes, 0),
  { NULL }
};
const Spec _charta_consultation_spec = { sizeof (ChartaConsultation), offsetof (ChartaConsultation, extra), consultation_fields, NULL };

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
  FIELD (ChartaProject, "actions", F_LIST, actions, 0, &_charta_action_spec),
  FIELD (ChartaProject, "measures", F_LIST, measures, 0, &_charta_measure_spec),
  FIELD (ChartaProject, "consultations", F_LIST, consultations, 0, &_charta_consultation_spec),
  { NULL }
};
const Spec _charta_project_spec = { sizeof (ChartaProject), offsetof (ChartaProject, extra), project_fields, NULL };

/* ---- writing ---- */

static void write_object (GString *out, const Spec *spec, gconstpointer object, guint indent);

static void
newline (GString *out, guint indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static void
write_key (GString *out, gboolean *first, const char *key, guint indent)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  newline (out, indent);
  charta_json_write_string (out, key);
  g_string_append (out, ": ");
}

static void
write_string_list (GString *out, GPtrArray *list, guint indent)
{
  if (list->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append_c (out, '[');
  for (guint i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      newline (out, indent + 1);
      charta_json_write_string (out, g_ptr_array_index (list, i));
    }
  newline (out, indent);
  g_string_append_c (out, ']');
}

static int
compare_assessments (gconstpointer a, gconstpointer b)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaItem *ia = charta_catalogue_lookup (catalogue, (*(ChartaAssessment **) a)->item);
  const ChartaItem *ib = charta_catalogue_lookup (catalogue, (*(ChartaAssessment **) b)->item);
  guint pa = ia ? charta_item_get_position (ia) : G_MAXUINT;
  guint pb = ib ? charta_item_get_position (ib) : G_MAXUINT;

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 ((*(ChartaAssessment **) a)->item, (*(ChartaAssessment **) b)->item);
}

static void
write_list (GString *out, const Field *f, GPtrArray *list, guint indent)
{
  g_autoptr(GPtrArray) sorted = NULL;

  if (list->len == 0)
    {
      g_string_append (out, f->type == F_MAP ? "{}" : "[]");
      return;
    }
  if (f->type == F_MAP)
    {
      /* Catalogue order, so two copies of a project diff item by item. */
      sorted = g_ptr_array_copy (list, NULL, NULL);
      g_ptr_array_sort (sorted, compare_assessments);
      list = sorted;
    }
  g_string_append_c (out, f->type == F_MAP ? '{' : '[');
  for (guint i = 0; i < list->len; i++)
    {
      gpointer object = g_ptr_array_index (list, i);
      if (i > 0)
        g_string_append_c (out, ',');
      newline (out, indent + 1);
      if (f->type == F_MAP)
        {
          charta_json_write_string (out, MEMBER (object, &f->sub->fields[0], char *));
          g_string_append (out, ": ");
        }
      write_object (out, f->sub, object, indent + 1);
    }
  newline (out, indent);
  g_string_append_c (out, f->type == F_MAP ? '}' : ']');
}

static gboolean
write_field (GString *out, const Field *f, gconstpointer object, gboolean *first, guint indent)
{
  if (f->flags & KEY)
    return FALSE;
  switch (f->type)
    {
    case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM:
      {
        const char *s = MEMBER (object, f, char *);
        if (s == NULL)
          return FALSE;
        write_key (out, first, f->key, indent);
        charta_json_write_string (out, s);
        return TRUE;
      }
    case F_ENUM:
      write_key (out, first, f->key, indent);
      charta_json_write_string (out, f->values[MEMBER (object, f, int)]);
      return TRUE;
    case F_INT:
      if (MEMBER (object, f, int) == CHARTA_UNSET)
        return FALSE;
      write_key (out, first, f->key, indent);
      g_string_append_printf (out, "%d", MEMBER (object, f, int));
      return TRUE;
    case F_NUMBER:
      {
        double d = MEMBER (object, f, double);
        g_autofree char *s = NULL;
        if (!isfinite (d))
          return FALSE;
        s = charta_json_format_double (d);
        write_key (out, first, f->key, indent);
        g_string_append (out, s);
        return TRUE;
      }
    case F_BOOL:
      if (!MEMBER (object, f, gboolean))
        return FALSE;
      write_key (out, first, f->key, indent);
      g_string_append (out, "true");
      return TRUE;
    case F_ITEMS: case F_STRINGS: case F_UUIDS:
      if (MEMBER (object, f, GPtrArray *) == NULL ||
          (MEMBER (object, f, GPtrArray *)->len == 0 && !(f->flags & REQUIRED)))
        return FALSE;
      write_key (out, first, f->key, indent);
      write_string_list (out, MEMBER (object, f, GPtrArray *), indent);
      return TRUE;
    case F_OBJECT:
      if (MEMBER (object, f, gpointer) == NULL)
        return FALSE;
      write_key (out, first, f->key, indent);
      write_object (out, f->sub, MEMBER (object, f, gpointer), indent);
      return TRUE;
    case F_LIST: case F_MAP:
      {
        GPtrArray *list = MEMBER (object, f, GPtrArray *);
        /* Nested lists are left out when empty; the project's own lists always show. */
        if (list == NULL || (list->len == 0 && f->sub == &_charta_dated_value_spec))
          return FALSE;
        write_key (out, first, f->key, indent);
        write_list (out, f, list, indent);
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
write_extra (GString *out, const ChartaNode *extra, gboolean *first, guint indent)
{
  if (extra == NULL)
    return;
  for (guint i = 0; i < extra->members->len; i++)
    {
      ChartaMember *m = &g_array_index (extra->members, ChartaMember, i);
      write_key (out, first, m->key, indent);
      charta_json_write (out, m->value, indent);
    }
}

static void
write_object (GString *out, const Spec *spec, gconstpointer object, guint indent)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (const Field *f = spec->fields; f->key; f++)
    write_field (out, f, object, &first, indent + 1);
  write_extra (out, *(ChartaNode **) ((char *) object + spec->extra_offset), &first, indent + 1);
  if (first)
    {
      g_string_append_c (out, '}');
      return;
    }
  newline (out, indent);
  g_string_append_c (out, '}');
}

char *
charta_project_to_data (const ChartaProject *project, gsize *len)
{
  GString *out = g_string_sized_new (4096);
  gboolean first = FALSE;

  g_return_val_if_fail (project != NULL, NULL);

  g_string_append (out, "{\n  \"format\": \"" CHARTA_PROJECT_FORMAT "\",\n  \"version\": ");
  g_string_append_printf (out, "%d", CHARTA_PROJECT_VERSION);
  for (const Field *f = _charta_project_spec.fields; f->key; f++)
    write_field (out, f, project, &first, 1);
  write_extra (out, project->extra, &first, 1);
  g_string_append (out, "\n}\n");
  if (len)
    *len = out->len;
  return g_string_free (out, FALSE);
}

gboolean
charta_project_save_file (const ChartaProject *project, GFile *file, const char *etag,
                          char **new_etag, GCancellable *cancellable, GError **error)
{
  gsize len;
  g_autofree char *data = charta_project_to_data (project, &len);

  return charta_file_replace (file, data, len, etag, new_etag, cancellable, error);
}
