/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "charta-file.h"
#include "charta-project.h"
#include "charta-date.h"

/* The file format is described once, as tables of fields per object; loading,
 * validating and writing all walk the same tables, so the key order on disk is the
 * order of the table and a field cannot be read but forgotten on save. */

typedef enum {
  F_TITLE,      /* one line of text, at most 1,000 characters */
  F_TEXT,       /* any text (the reader caps it at 1 MiB) */
  F_UUID,
  F_DATE,       /* YYYY-MM-DD */
  F_TIMESTAMP,  /* ISO 8601 with a time zone */
  F_INT,
  F_NUMBER,
  F_BOOL,
  F_ENUM,
  F_ITEM,       /* a catalogue id */
  F_ITEMS,      /* a list of catalogue ids */
  F_STRINGS,    /* a list of texts */
  F_UUIDS,      /* a list of ids of things in the project */
  F_OBJECT,
  F_LIST,       /* a list of objects */
  F_MAP,        /* an object of objects keyed by catalogue id */
} FieldType;

enum {
  REQUIRED = 1 << 0,
  KEY = 1 << 1,   /* the key of the enclosing map: not written inside the object */
};

typedef struct _Spec Spec;

typedef struct {
  const char *key;
  FieldType type;
  gsize offset;
  guint flags;
  const Spec *sub;
  const char * const *values;  /* F_ENUM */
  int min, max;                /* F_INT */
  const char *kind;            /* F_ITEM(S): the only kind allowed, or NULL */
} Field;

struct _Spec {
  gsize size;
  gsize extra_offset;
  const Field *fields;
  void (*init) (gpointer object);
};

#define FIELD(s, k, t, m, ...) { k, t, offsetof (s, m), __VA_ARGS__ }

static const char * const status_values[] = { "planned", "in-progress", "done", "postponed", "cancelled", NULL };
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
static const Spec city_spec = { sizeof (ChartaCity), offsetof (ChartaCity, extra), city_fields, NULL };

static const Field period_fields[] = {
  FIELD (ChartaPeriod, "start", F_DATE, start, REQUIRED),
  FIELD (ChartaPeriod, "end", F_DATE, end, REQUIRED),
  FIELD (ChartaPeriod, "label", F_TITLE, label, 0),
  { NULL }
};
static const Spec period_spec = { sizeof (ChartaPeriod), offsetof (ChartaPeriod, extra), period_fields, NULL };

static const Field person_fields[] = {
  FIELD (ChartaPerson, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaPerson, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaPerson, "role", F_TITLE, role, 0),
  FIELD (ChartaPerson, "organisation", F_TITLE, organisation, 0),
  FIELD (ChartaPerson, "email", F_TITLE, email, 0),
  FIELD (ChartaPerson, "phone", F_TITLE, phone, 0),
  { NULL }
};
static const Spec person_spec = { sizeof (ChartaPerson), offsetof (ChartaPerson, extra), person_fields, NULL };

static const Field partner_fields[] = {
  FIELD (ChartaPartner, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaPartner, "name", F_TITLE, name, REQUIRED),
  FIELD (ChartaPartner, "kind", F_TITLE, kind, 0),
  FIELD (ChartaPartner, "description", F_TEXT, description, 0),
  { NULL }
};
static const Spec partner_spec = { sizeof (ChartaPartner), offsetof (ChartaPartner, extra), partner_fields, NULL };

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
static const Spec assessment_spec = { sizeof (ChartaAssessment), offsetof (ChartaAssessment, extra), assessment_fields, init_assessment };

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
  FIELD (ChartaAction, "status", F_ENUM, status, REQUIRED, NULL, status_values),
  FIELD (ChartaAction, "progress", F_INT, progress, 0, NULL, NULL, 0, 100),
  FIELD (ChartaAction, "notes", F_TEXT, notes, 0),
  FIELD (ChartaAction, "changed", F_TIMESTAMP, changed, 0),
  { NULL }
};
static const Spec action_spec = { sizeof (ChartaAction), offsetof (ChartaAction, extra), action_fields, init_action };

static const Field dated_value_fields[] = {
  FIELD (ChartaDatedValue, "date", F_DATE, date, REQUIRED),
  FIELD (ChartaDatedValue, "value", F_NUMBER, value, REQUIRED),
  FIELD (ChartaDatedValue, "note", F_TEXT, note, 0),
  { NULL }
};
static const Spec dated_value_spec = { sizeof (ChartaDatedValue), offsetof (ChartaDatedValue, extra), dated_value_fields, init_dated_value };

static const Field measure_fields[] = {
  FIELD (ChartaMeasure, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaMeasure, "title", F_TITLE, title, REQUIRED),
  FIELD (ChartaMeasure, "description", F_TEXT, description, 0),
  FIELD (ChartaMeasure, "items", F_ITEMS, items, 0),
  FIELD (ChartaMeasure, "unit", F_TITLE, unit, REQUIRED),
  FIELD (ChartaMeasure, "direction", F_ENUM, direction, REQUIRED, NULL, direction_values),
  FIELD (ChartaMeasure, "baseline", F_OBJECT, baseline, 0, &dated_value_spec),
  FIELD (ChartaMeasure, "target", F_OBJECT, target, 0, &dated_value_spec),
  FIELD (ChartaMeasure, "actuals", F_LIST, actuals, 0, &dated_value_spec),
  { NULL }
};
static const Spec measure_spec = { sizeof (ChartaMeasure), offsetof (ChartaMeasure, extra), measure_fields, NULL };

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
static const Spec consultation_spec = { sizeof (ChartaConsultation), offsetof (ChartaConsultation, extra), consultation_fields, NULL };

/* "format" and "version" are checked before the rest and written first by hand. */
static const Field project_fields[] = {
  FIELD (ChartaProject, "id", F_UUID, id, REQUIRED),
  FIELD (ChartaProject, "title", F_TITLE, title, 0),
  FIELD (ChartaProject, "city", F_OBJECT, city, REQUIRED, &city_spec),
  FIELD (ChartaProject, "period", F_OBJECT, period, REQUIRED, &period_spec),
  FIELD (ChartaProject, "frameworks", F_STRINGS, frameworks, REQUIRED),
  FIELD (ChartaProject, "people", F_LIST, people, 0, &person_spec),
  FIELD (ChartaProject, "partners", F_LIST, partners, 0, &partner_spec),
  FIELD (ChartaProject, "assessments", F_MAP, assessments, 0, &assessment_spec),
  FIELD (ChartaProject, "actions", F_LIST, actions, 0, &action_spec),
  FIELD (ChartaProject, "measures", F_LIST, measures, 0, &measure_spec),
  FIELD (ChartaProject, "consultations", F_LIST, consultations, 0, &consultation_spec),
  { NULL }
};
static const Spec project_spec = { sizeof (ChartaProject), offsetof (ChartaProject, extra), project_fields, NULL };

G_DEFINE_QUARK (charta-project-error-quark, charta_project_error)

/* ---- memory ---- */

#define MEMBER(obj, field, type) (*(type *) ((char *) (obj) + (field)->offset))

static void object_free (const Spec *spec, gpointer object);

static void
list_free_with (GPtrArray *list, const Spec *spec)
{
  if (list == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    object_free (spec, g_ptr_array_index (list, i));
  g_ptr_array_free (list, TRUE);
}

static void
object_free (const Spec *spec, gpointer object)
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
          object_free (f->sub, MEMBER (object, f, gpointer));
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

static gpointer
object_new (const Spec *spec)
{
  gpointer object = g_malloc0 (spec->size);
  if (spec->init)
    spec->init (object);
  return object;
}

static GPtrArray *
string_list_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* ---- loading ---- */

typedef struct _Path Path;
struct _Path {
  const Path *parent;
  const char *key;   /* or NULL for an index */
  guint index;
};

typedef struct {
  const char *file;
  ChartaCatalogue *catalogue;
  GString *messages;
  guint n_problems;
  GHashTable *ids;          /* every id defined in the project, → kind */
} Loader;

#define MAX_REPORTED 100

static void
path_append (GString *s, const Path *path)
{
  if (path == NULL)
    return;
  path_append (s, path->parent);
  if (path->key != NULL && strchr (path->key, '.') != NULL)
    g_string_append_printf (s, "[\"%s\"]", path->key);   /* a catalogue id as a key */
  else if (path->key != NULL)
    {
      if (s->len > 0)
        g_string_append_c (s, '.');
      g_string_append (s, path->key);
    }
  else
    g_string_append_printf (s, "[%u]", path->index);
}

/* A message quotes values from the file: one line per problem, whatever they hold.
 * Control characters (a line break, a terminal escape) are shown escaped, and a long
 * value is cut, so a file cannot forge lines or flood the terminal. Takes @text. */
static char *
printable (char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  glong chars = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (++chars > 300)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

G_GNUC_PRINTF (4, 5)
static void
problem (Loader *l, const ChartaNode *at, const Path *path, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;
  g_autoptr(GString) where = g_string_new (NULL);

  if (++l->n_problems > MAX_REPORTED)
    return;
  va_start (args, format);
  msg = printable (g_strdup_vprintf (format, args));
  va_end (args);
  path_append (where, path);
  if (l->messages->len > 0)
    g_string_append_c (l->messages, '\n');
  g_string_append_printf (l->messages, "%s:%u:%u: %s%s%s", l->file,
                          at ? at->line : 1, at ? at->column : 1,
                          where->str, where->len ? ": " : "", msg);
}

static gboolean
expect_type (Loader *l, const ChartaNode *node, const Path *path, ChartaNodeType type)
{
  if (node->type == type)
    return TRUE;
  /* Translators: e.g. "expected a text, found a number" */
  problem (l, node, path, _("expected %s, found %s"),
           charta_node_type_name (type), charta_node_type_name (node->type));
  return FALSE;
}

static gboolean
is_uuid (const char *s)
{
  return g_uuid_string_is_valid (s);
}

static void load_object (Loader *l, const Spec *spec, ChartaNode *node, gpointer object, const Path *path);

static gboolean
check_item (Loader *l, const ChartaNode *node, const Path *path, const char *kind)
{
  const ChartaItem *item = charta_catalogue_lookup (l->catalogue, node->string);

  if (item == NULL)
    {
      problem (l, node, path, _("unknown framework item “%s”"), node->string);
      return FALSE;
    }
  if (kind != NULL && strcmp (charta_item_get_kind (item), kind) != 0)
    {
      /* Translators: the second %s is a kind of item, e.g. "workform" */
      problem (l, node, path, _("“%s” is not a %s"), node->string, kind);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
load_string_list (Loader *l, const Field *f, ChartaNode *node, const Path *path)
{
  GPtrArray *list;

  g_autoptr(GHashTable) seen = NULL;

  if (!expect_type (l, node, path, CHARTA_NODE_ARRAY))
    return NULL;
  list = string_list_new ();
  if (f->type != F_STRINGS || (f->flags & REQUIRED))
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->array->len; i++)
    {
      ChartaNode *e = g_ptr_array_index (node->array, i);
      Path p = { path, NULL, i };

      if (!expect_type (l, e, &p, CHARTA_NODE_STRING))
        continue;
      if (f->type == F_ITEMS && !check_item (l, e, &p, f->kind))
        continue;
      if (f->type == F_UUIDS && !is_uuid (e->string))
        {
          problem (l, e, &p, _("“%s” is not an id (a UUID)"), e->string);
          continue;
        }
      if (f->type == F_STRINGS && g_utf8_strlen (e->string, -1) > CHARTA_TITLE_MAX_CHARS)
        {
          problem (l, e, &p, _("longer than %d characters"), CHARTA_TITLE_MAX_CHARS);
          continue;
        }
      /* Lists of ids are sets: a second mention is a mistake (often a bad merge). */
      if (seen != NULL && !g_hash_table_add (seen, e->string))
        {
          problem (l, e, &p, _("“%s” is listed twice"), e->string);
          continue;
        }
      g_ptr_array_add (list, g_steal_pointer (&e->string));
      e->type = CHARTA_NODE_NULL;
    }
  return list;
}

static GPtrArray *
load_list (Loader *l, const Field *f, ChartaNode *node, const Path *path)
{
  GPtrArray *list;

  if (!expect_type (l, node, path, f->type == F_MAP ? CHARTA_NODE_OBJECT : CHARTA_NODE_ARRAY))
    return NULL;
  if (f->type == F_MAP)
    {
      list = g_ptr_array_sized_new (node->members->len);
      for (guint i = 0; i < node->members->len; i++)
        {
          ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
          Path p = { path, m->key, 0 };
          gpointer object;
          ChartaNode key_node = *m->value;

          if (!expect_type (l, m->value, &p, CHARTA_NODE_OBJECT))
            continue;
          key_node.type = CHARTA_NODE_STRING;
          key_node.string = m->key;
          if (!check_item (l, &key_node, &p, NULL))
            continue;
          object = object_new (f->sub);
          MEMBER (object, &f->sub->fields[0], char *) = g_strdup (m->key);
          load_object (l, f->sub, m->value, object, &p);
          g_ptr_array_add (list, object);
        }
      return list;
    }
  list = g_ptr_array_sized_new (node->array->len);
  for (guint i = 0; i < node->array->len; i++)
    {
      ChartaNode *e = g_ptr_array_index (node->array, i);
      Path p = { path, NULL, i };
      gpointer object;

      if (!expect_type (l, e, &p, CHARTA_NODE_OBJECT))
        continue;
      object = object_new (f->sub);
      load_object (l, f->sub, e, object, &p);
      g_ptr_array_add (list, object);
    }
  return list;
}

static void
load_string_field (Loader *l, const Field *f, ChartaNode *node, gpointer object, const Path *path)
{
  const char *s;

  if (!expect_type (l, node, path, CHARTA_NODE_STRING))
    return;
  s = node->string;
  switch (f->type)
    {
    case F_TITLE:
      if (g_utf8_strlen (s, -1) > CHARTA_TITLE_MAX_CHARS)
        {
          problem (l, node, path, _("longer than %d characters"), CHARTA_TITLE_MAX_CHARS);
          return;
        }
      if (strpbrk (s, "\n\r") != NULL)
        {
          problem (l, node, path, _("a title is one line: remove the line break"));
          return;
        }
      if ((f->flags & REQUIRED) && *s == '\0')
        {
          problem (l, node, path, _("must not be empty"));
          return;
        }
      break;
    case F_UUID:
      if (!is_uuid (s))
        {
          problem (l, node, path, _("“%s” is not an id (a UUID)"), s);
          return;
        }
      if (f->offset == 0 && l->ids != NULL)
        {
          /* The first field of a listed object is its id: ids must be unique. */
          if (g_hash_table_contains (l->ids, s))
            {
              problem (l, node, path, _("the id “%s” is used twice"), s);
              return;
            }
          g_hash_table_insert (l->ids, g_strdup (s), (gpointer) f);
        }
      break;
    case F_DATE:
      if (!charta_date_is_valid (s))
        {
          g_autofree char *message = charta_date_describe_invalid (s);
          problem (l, node, path, "%s", message);
          return;
        }
      break;
    case F_TIMESTAMP:
      if (!charta_timestamp_is_valid (s))
        {
          g_autofree char *message = charta_timestamp_describe_invalid (s);
          problem (l, node, path, "%s", message);
          return;
        }
      break;
    case F_ITEM:
      if (!check_item (l, node, path, f->kind))
        return;
      break;
    case F_ENUM:
      {
        for (int i = 0; f->values[i]; i++)
          if (strcmp (f->values[i], s) == 0)
            {
              MEMBER (object, f, int) = i;
              return;
            }
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) f->values);
          /* Translators: the last %s is a list of allowed values */
          problem (l, node, path, _("“%s” is not one of %s"), s, allowed);
        }
        return;
      }
    case F_TEXT:
    default:
      break;
    }
  MEMBER (object, f, char *) = g_steal_pointer (&node->string);
  node->type = CHARTA_NODE_NULL;
}

static void
load_field (Loader *l, const Field *f, ChartaNode *node, gpointer object, const Path *path)
{
  switch (f->type)
    {
    case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM: case F_ENUM:
      load_string_field (l, f, node, object, path);
      break;
    case F_INT:
      {
        gint64 v;
        if (!expect_type (l, node, path, CHARTA_NODE_NUMBER))
          break;
        if (!charta_node_get_int (node, &v) || v < f->min || v > f->max)
          problem (l, node, path, _("%s is not a whole number from %d to %d"), node->number, f->min, f->max);
        else
          MEMBER (object, f, int) = (int) v;
        break;
      }
    case F_NUMBER:
      if (expect_type (l, node, path, CHARTA_NODE_NUMBER))
        charta_node_get_double (node, &MEMBER (object, f, double));
      break;
    case F_BOOL:
      if (expect_type (l, node, path, CHARTA_NODE_BOOL))
        MEMBER (object, f, gboolean) = node->boolean;
      break;
    case F_ITEMS: case F_STRINGS: case F_UUIDS:
      MEMBER (object, f, GPtrArray *) = load_string_list (l, f, node, path);
      break;
    case F_OBJECT:
      if (expect_type (l, node, path, CHARTA_NODE_OBJECT))
        {
          gpointer sub = object_new (f->sub);
          load_object (l, f->sub, node, sub, path);
          MEMBER (object, f, gpointer) = sub;
        }
      break;
    case F_LIST: case F_MAP:
      MEMBER (object, f, GPtrArray *) = load_list (l, f, node, path);
      break;
    default:
      g_assert_not_reached ();
    }
}

static const Field *
find_field (const Spec *spec, const char *key)
{
  for (const Field *f = spec->fields; f->key; f++)
    if (f->key[0] == key[0] && strcmp (f->key, key) == 0)
      return f->flags & KEY ? NULL : f;
  return NULL;
}

static gboolean
field_is_set (const Field *f, gpointer object)
{
  switch (f->type)
    {
    case F_INT: return MEMBER (object, f, int) != CHARTA_UNSET;
    case F_NUMBER: return !isnan (MEMBER (object, f, double));
    case F_BOOL: case F_ENUM: return TRUE;
    default: return MEMBER (object, f, gpointer) != NULL;
    }
}

static void
load_object (Loader *l, const Spec *spec, ChartaNode *node, gpointer object, const Path *path)
{
  ChartaNode *extra = NULL;
  guint seen = 0;

  for (guint i = 0; i < node->members->len; i++)
    {
      ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
      const Field *f = find_field (spec, m->key);
      Path p = { path, m->key, 0 };

      if (f == NULL)
        {
          /* Unknown members are kept as they are, for whoever wrote them. The reader
           * refused duplicate names, so they are appended without a search. */
          ChartaMember moved = { m->key, g_steal_pointer (&m->value), m->shared_key };
          if (extra == NULL)
            extra = charta_node_new_object ();
          g_array_append_val (extra->members, moved);
          m->key = (char *) "";   /* static, never freed or matched */
          m->shared_key = TRUE;   /* the key now belongs to extra */
          continue;
        }
      if (f->type == F_ENUM || f->type == F_BOOL)
        seen |= 1u << (f - spec->fields);
      load_field (l, f, m->value, object, &p);
    }
  *(ChartaNode **) ((char *) object + spec->extra_offset) = extra;

  for (const Field *f = spec->fields; f->key; f++)
    {
      gboolean set = (f->type == F_ENUM || f->type == F_BOOL) ? (seen & (1u << (f - spec->fields))) != 0
                                                              : field_is_set (f, object);
      if ((f->flags & REQUIRED) && !(f->flags & KEY) && !set)
        {
          /* Only complain when the value is absent, not when it was present but wrong. */
          if (charta_node_get_member (node, f->key) == NULL)
            problem (l, node, path, _("the required field “%s” is missing"), f->key);
        }
    }
}

/* ---- checks across the whole project ---- */

static const ChartaNode *
node_at (const ChartaNode *root, const char *key, guint index, const char *subkey)
{
  const ChartaNode *n = charta_node_get_member (root, key);
  if (n == NULL)
    return root;
  if (n->type == CHARTA_NODE_ARRAY && index < n->array->len)
    {
      const ChartaNode *e = g_ptr_array_index (n->array, index);
      const ChartaNode *s = (subkey && e->type == CHARTA_NODE_OBJECT) ? charta_node_get_member (e, subkey) : NULL;
      return s ? s : e;
    }
  return n;
}

static void
check_assessments (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  const ChartaNode *map = charta_node_get_member (root, "assessments");

  for (guint i = 0; p->assessments && i < p->assessments->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (p->assessments, i);
      const ChartaItem *item = charta_catalogue_lookup (l->catalogue, a->item);
      const ChartaFramework *fw = charta_item_get_framework (item);
      const ChartaNode *at = map ? charta_node_get_member (map, a->item) : root;
      Path base = { NULL, "assessments", 0 };
      Path path = { &base, a->item, 0 };

      if (!charta_project_uses_framework (p, charta_framework_get_id (fw)))
        problem (l, at, &path, _("the project does not use the framework “%s”"), charta_framework_get_id (fw));
      if (a->level != CHARTA_UNSET && charta_framework_find_level (fw, a->level) == NULL)
        {
          Path level_path = { &path, "level", 0 };
          const ChartaNode *level_at = at && at->type == CHARTA_NODE_OBJECT ? charta_node_get_member (at, "level") : NULL;
          problem (l, level_at ? level_at : at, &level_path, _("level %d is off the %s scale (1 to %u)"), a->level,
                   charta_framework_get_id (fw), charta_framework_get_n_levels (fw));
        }
      for (guint k = 0; a->key_problems && k < a->key_problems->len; k++)
        {
          const ChartaItem *kp = charta_catalogue_lookup (l->catalogue, g_ptr_array_index (a->key_problems, k));
          if (charta_item_get_parent (kp) != item)
            problem (l, at, &path, _("key problem “%s” does not belong to “%s”"), charta_item_get_id (kp), a->item);
        }
      for (guint k = 0; a->recommendations && k < a->recommendations->len; k++)
        {
          const ChartaItem *r = charta_catalogue_lookup (l->catalogue, g_ptr_array_index (a->recommendations, k));
          const ChartaItem *kp = charta_item_get_parent (r);
          if (kp == NULL || charta_item_get_parent (kp) != item)
            problem (l, at, &path, _("recommendation “%s” does not belong to “%s”"), charta_item_get_id (r), a->item);
        }
    }
}

static GHashTable *
index_ids (GPtrArray *list)
{
  /* Every listed object starts with its id. */
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; list && i < list->len; i++)
    {
      const char *id = *(char **) g_ptr_array_index (list, i);
      if (id != NULL)
        g_hash_table_add (index, (gpointer) id);
    }
  return index;
}

static void
check_references (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  g_autoptr(GHashTable) people = index_ids (p->people);
  g_autoptr(GHashTable) partners = index_ids (p->partners);

  for (guint i = 0; p->actions && i < p->actions->len; i++)
    {
      ChartaAction *a = g_ptr_array_index (p->actions, i);
      Path base = { NULL, "actions", 0 };
      Path path = { &base, NULL, i };

      if (a->owner && !g_hash_table_contains (people, a->owner))
        {
          Path f = { &path, "owner", 0 };
          problem (l, node_at (root, "actions", i, "owner"), &f, _("no person with the id “%s”"), a->owner);
        }
      for (guint k = 0; a->partners && k < a->partners->len; k++)
        if (!g_hash_table_contains (partners, g_ptr_array_index (a->partners, k)))
          {
            Path f = { &path, "partners", 0 };
            problem (l, node_at (root, "actions", i, "partners"), &f, _("no partner with the id “%s”"),
                     (char *) g_ptr_array_index (a->partners, k));
          }
      if (a->start && a->due && strcmp (a->start, a->due) > 0)
        {
          Path f = { &path, "due", 0 };
          problem (l, node_at (root, "actions", i, "due"), &f, _("due %s is before the start %s"), a->due, a->start);
        }
    }
  if (p->period && p->period->start && p->period->end && strcmp (p->period->start, p->period->end) > 0)
    {
      Path base = { NULL, "period", 0 };
      Path f = { &base, "end", 0 };
      const ChartaNode *period = charta_node_get_member (root, "period");
      const ChartaNode *end = period && period->type == CHARTA_NODE_OBJECT ? charta_node_get_member (period, "end") : NULL;
      problem (l, end ? end : root, &f, _("the period ends (%s) before it starts (%s)"), p->period->end, p->period->start);
    }
}

static void
check_frameworks (Loader *l, const ChartaProject *p, const ChartaNode *root)
{
  const ChartaNode *list = charta_node_get_member (root, "frameworks");

  for (guint i = 0; p->frameworks && i < p->frameworks->len; i++)
    if (charta_catalogue_find_framework (l->catalogue, g_ptr_array_index (p->frameworks, i)) == NULL)
      {
        Path base = { NULL, "frameworks", 0 };
        Path path = { &base, NULL, i };
        const ChartaNode *at = list && list->type == CHARTA_NODE_ARRAY && i < list->array->len
                               ? g_ptr_array_index (list->array, i) : root;
        problem (l, at, &path, _("unknown framework “%s”"), (char *) g_ptr_array_index (p->frameworks, i));
      }
}

static gboolean
check_header (Loader *l, const ChartaNode *root, int *version, GError **error)
{
  const ChartaNode *format, *v;
  gint64 n;

  if (root->type != CHARTA_NODE_OBJECT)
    {
      problem (l, root, NULL, _("a Charta project is a JSON object, not %s"), charta_node_type_name (root->type));
      return FALSE;
    }
  format = charta_node_get_member (root, "format");
  if (format == NULL || format->type != CHARTA_NODE_STRING || strcmp (format->string, CHARTA_PROJECT_FORMAT) != 0)
    {
      problem (l, format ? format : root, &(Path) { NULL, "format", 0 },
               _("not a Charta project: “format” must be “%s”"), CHARTA_PROJECT_FORMAT);
      return FALSE;
    }
  v = charta_node_get_member (root, "version");
  if (v == NULL || !charta_node_get_int (v, &n) || n < 1)
    {
      problem (l, v ? v : root, &(Path) { NULL, "version", 0 }, _("“version” must be a whole number from 1"));
      return FALSE;
    }
  if (n > CHARTA_PROJECT_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_NEWER_VERSION,
                   _("%s:%u:%u: version: this file was written by a newer Charta (format version %s); "
                     "this Charta reads versions up to %d. Update Charta to open it."),
                   l->file, v->line, v->column, found, CHARTA_PROJECT_VERSION);
      return FALSE;
    }
  *version = (int) n;
  return TRUE;
}

static void
remove_header_members (ChartaNode *root)
{
  for (guint i = root->members->len; i-- > 0;)
    {
      ChartaMember *m = &g_array_index (root->members, ChartaMember, i);
      if (strcmp (m->key, "format") == 0 || strcmp (m->key, "version") == 0)
        {
          if (!m->shared_key)
            g_free (m->key);
          charta_node_free (m->value);
          g_array_remove_index (root->members, i);
        }
    }
}

static gpointer
free_tree_thread (gpointer tree)
{
  charta_node_free (tree);
  return NULL;
}

/* What is left of the parse tree shares nothing with the project (its strings and unknown
 * members were moved out). For a large file it is freed in a thread of its own, so the
 * project is ready a fifth sooner; nothing waits for it. */
static void
free_tree_later (ChartaNode *tree, gsize len)
{
  GThread *thread = NULL;

  if (len > 1024 * 1024)
    thread = g_thread_try_new ("charta-free-tree", free_tree_thread, tree, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    charta_node_free (tree);
}

ChartaProject *
charta_project_load_from_data (const char *data, gsize len, const char *display_name, GError **error)
{
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  Loader l = { display_name ? display_name : "-", charta_catalogue_get_default (), messages, 0, NULL };
  ChartaProject *project;
  int version = 0;

  if (len > CHARTA_PROJECT_MAX_SIZE)
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_TOO_LARGE,
                   _("%s:1:1: the file is larger than 64 MiB"), l.file);
      return NULL;
    }
  root = charta_json_parse (data, len, NULL, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   "%s:%s", l.file, local_error->message);
      return NULL;
    }
  if (!check_header (&l, root, &version, error))
    {
      if (error && *error == NULL)
        g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, messages->str);
      return NULL;
    }

  /* Loading steals strings and unknown members out of the tree, but every node keeps
   * its position, so the cross-checks below still point at the right line. */
  remove_header_members (root);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.ids = ids;

  project = object_new (&project_spec);
  project->version = version;
  load_object (&l, &project_spec, root, project, NULL);
  /* Cross-checks run even when some fields were wrong, so every problem shows at once;
   * they only look at what loaded. */
  check_frameworks (&l, project, root);
  check_assessments (&l, project, root);
  check_references (&l, project, root);
  if (l.n_problems > 0)
    {
      if (l.n_problems > MAX_REPORTED)
        {
          guint more = l.n_problems - MAX_REPORTED;
          g_string_append_printf (messages, "\n%s: ", l.file);
          g_string_append_printf (messages, g_dngettext (GETTEXT_PACKAGE, "and %u more problem",
                                                         "and %u more problems", more), more);
        }
      g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, messages->str);
      charta_project_free (project);
      return NULL;
    }
  project->version = CHARTA_PROJECT_VERSION;
  /* The project's own lists are always written, so an absent list and an empty one
   * have one canonical form. */
  {
    GPtrArray **lists[] = { &project->people, &project->partners, &project->assessments,
                            &project->actions, &project->measures, &project->consultations };
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      if (*lists[i] == NULL)
        *lists[i] = g_ptr_array_new ();
  }
  free_tree_later (g_steal_pointer (&root), len);
  return project;
}

ChartaProject *
charta_project_load_file (GFile *file, char **etag, GCancellable *cancellable, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  gsize len;

  if (!charta_file_load (file, CHARTA_PROJECT_MAX_SIZE, &data, &len, etag, cancellable, error))
    return NULL;
  return charta_project_load_from_data (data, len, name, error);
}

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
        if (list == NULL || (list->len == 0 && f->sub == &dated_value_spec))
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
  for (const Field *f = project_spec.fields; f->key; f++)
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
    case F_LIST: case F_MAP:
      return object_lists_equal (MEMBER (a, f, GPtrArray *), MEMBER (b, f, GPtrArray *), f->sub);
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
  void prefix##_free (Type *object) { object_free (&spec, object); }                       \
  gboolean prefix##_equal (const Type *a, const Type *b) { return object_equal (&spec, a, b); }

DEFINE_COPY_FREE_EQUAL (ChartaAction, charta_action, action_spec)
DEFINE_COPY_FREE_EQUAL (ChartaAssessment, charta_assessment, assessment_spec)
DEFINE_COPY_FREE_EQUAL (ChartaMeasure, charta_measure, measure_spec)
DEFINE_COPY_FREE_EQUAL (ChartaConsultation, charta_consultation, consultation_spec)
DEFINE_COPY_FREE_EQUAL (ChartaPerson, charta_person, person_spec)
DEFINE_COPY_FREE_EQUAL (ChartaPartner, charta_partner, partner_spec)
DEFINE_COPY_FREE_EQUAL (ChartaDatedValue, charta_dated_value, dated_value_spec)
DEFINE_COPY_FREE_EQUAL (ChartaProject, charta_project, project_spec)

ChartaAssessment *
charta_assessment_new (const char *item_id)
{
  ChartaAssessment *a = object_new (&assessment_spec);
  a->item = g_strdup (item_id);
  return a;
}

ChartaMeasure *
charta_measure_new (const char *title, const char *unit)
{
  ChartaMeasure *m = object_new (&measure_spec);
  m->id = g_uuid_string_random ();
  m->title = g_strdup (title);
  m->unit = g_strdup (unit);
  m->actuals = g_ptr_array_new ();
  return m;
}

ChartaConsultation *
charta_consultation_new (const char *title, const char *date)
{
  ChartaConsultation *c = object_new (&consultation_spec);
  c->id = g_uuid_string_random ();
  c->title = g_strdup (title);
  c->date = g_strdup (date);
  return c;
}

ChartaDatedValue *
charta_dated_value_new (const char *date, double value)
{
  ChartaDatedValue *v = object_new (&dated_value_spec);
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

ChartaProject *
charta_project_new (const char *city_name)
{
  ChartaProject *p = object_new (&project_spec);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  p->version = CHARTA_PROJECT_VERSION;
  p->id = g_uuid_string_random ();
  p->city = object_new (&city_spec);
  p->city->id = g_uuid_string_random ();
  p->city->name = g_strdup (city_name);
  p->period = object_new (&period_spec);
  p->period->start = today_string ();
  p->period->end = g_strdup_printf ("%04d-12-31", g_date_time_get_year (now));
  if (strcmp (p->period->end, p->period->start) < 0)
    {
      g_free (p->period->end);
      p->period->end = g_strdup (p->period->start);
    }
  p->frameworks = string_list_new ();
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
    if (g_strcmp0 (((ChartaPerson *) g_ptr_array_index (project->people, i))->id, id) == 0)
      return g_ptr_array_index (project->people, i);
  return NULL;
}

const ChartaPartner *
charta_project_find_partner (const ChartaProject *project, const char *id)
{
  for (guint i = 0; project->partners && i < project->partners->len; i++)
    if (g_strcmp0 (((ChartaPartner *) g_ptr_array_index (project->partners, i))->id, id) == 0)
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
  return status_values[status];
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
  ChartaAction *a = object_new (&action_spec);
  a->id = g_uuid_string_random ();
  a->title = g_strdup (title);
  a->status = CHARTA_STATUS_PLANNED;
  return a;
}
