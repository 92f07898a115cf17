/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-catalogue"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-catalogue-resources.h"
#include "charta-json.h"

#define DEFAULT_RESOURCE_PATH "/io/github/charta/Charta/catalogue"

struct _ChartaItem {
  char *id;
  char *kind;
  char *parent_id;
  char *title;
  char *description;
  char *situation;
  char *city;
  char *summary;
  char *source;
  char **criteria;
  char **serves;
  char **indicators;
  char **answers;      /* recommendation: its parent first, then "also-answers" */
  char *policy_area_id;
  char *meeting_kind;
  char *attendee;
  guint per_year;
  const ChartaItem *policy_area;
  const char *file;    /* where the item is written, for messages; owned by the catalogue */
  guint line, column;
  const ChartaItem *parent;
  const ChartaFramework *framework;
  GPtrArray *children; /* of ChartaItem, not owned */
  guint position;
};

struct _ChartaFramework {
  char *id;
  char *title;
  char *description;
  char *publisher;
  int year;
  GArray *scale;     /* of ChartaLevel */
  GPtrArray *items;  /* of ChartaItem, owned */
};

struct _ChartaCatalogue {
  GPtrArray *files;      /* of char *, the resource paths read */
  GPtrArray *frameworks; /* of ChartaFramework, owned */
  GHashTable *items;     /* id → ChartaItem */
};

static const char * const known_kinds[] = {
  "role", "commitment", "delivery-commitment", "eu-request", "vision",
  "group", "indicator", "area", "key-problem", "recommendation", "good-practice", "policy-area",
  "term", "review-stage",
  "benchmark", "key-factor", "guiding-question", "practical-tip", "context-factor",
  "workform", "support-role", "directing-duty", "consultation-rule",
  NULL
};

/* The kinds a city assesses on a framework's scale. */
static const char * const assessable_kinds[] = {
  "commitment", "indicator", "area", "key-factor", "directing-duty", NULL
};

G_DEFINE_QUARK (charta-catalogue-error-quark, charta_catalogue_error)

static void
item_free (ChartaItem *item)
{
  g_free (item->id);
  g_free (item->kind);
  g_free (item->parent_id);
  g_free (item->title);
  g_free (item->description);
  g_free (item->situation);
  g_free (item->city);
  g_free (item->summary);
  g_free (item->source);
  g_strfreev (item->criteria);
  g_strfreev (item->serves);
  g_strfreev (item->indicators);
  g_strfreev (item->answers);
  g_free (item->policy_area_id);
  g_free (item->meeting_kind);
  g_free (item->attendee);
  g_clear_pointer (&item->children, g_ptr_array_unref);
  g_free (item);
}

static void
level_clear (ChartaLevel *level)
{
  g_free (level->title);
  g_free (level->description);
}

static void
framework_free (ChartaFramework *fw)
{
  g_free (fw->id);
  g_free (fw->title);
  g_free (fw->description);
  g_free (fw->publisher);
  g_array_unref (fw->scale);
  g_ptr_array_unref (fw->items);
  g_free (fw);
}

static char *
dup_string_member (const ChartaNode *object, const char *key)
{
  ChartaNode *value = charta_node_get_member (object, key);
  if (value != NULL && value->type == CHARTA_NODE_STRING)
    return g_strdup (value->string);
  return NULL;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError **error, const char *file, const ChartaNode *node, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CHARTA_CATALOGUE_ERROR, 0, "%s:%u:%u: %s",
               file, node ? node->line : 0, node ? node->column : 0, msg);
  return FALSE;
}

/* Reads the optional list of strings (item ids, or texts) under @key into *@out
 * (NULL-terminated, never NULL). */
static gboolean
load_string_list (const char *file, const ChartaNode *node, const char *key, char ***out,
                  GError **error)
{
  ChartaNode *list = charta_node_get_member (node, key);

  if (list == NULL)
    {
      *out = g_new0 (char *, 1);
      return TRUE;
    }
  if (list->type != CHARTA_NODE_ARRAY)
    return fail (error, file, list, "“%s” must be a list of strings", key);
  *out = g_new0 (char *, list->array->len + 1);
  for (guint i = 0; i < list->array->len; i++)
    {
      ChartaNode *s = g_ptr_array_index (list->array, i);
      if (s->type != CHARTA_NODE_STRING)
        return fail (error, file, s, "“%s” must be a list of strings", key);
      (*out)[i] = g_strdup (s->string);
    }
  return TRUE;
}

/* A consultation rule: at least "per-year" meetings of "meeting-kind" a year. */
static gboolean
load_per_year (ChartaItem *item, const char *file, const ChartaNode *node, GError **error)
{
  ChartaNode *per_year = charta_node_get_member (node, "per-year");
  gboolean is_rule = strcmp (item->kind, "consultation-rule") == 0;
  gint64 value;

  if (per_year == NULL && !is_rule)
    return TRUE;
  if (!is_rule)
    return fail (error, file, per_year, "item %s: only a consultation rule has “per-year”",
                 item->id);
  if (!charta_node_get_int (per_year, &value) || value < 1 || value > 366)
    return fail (error, file, per_year ? per_year : node,
                 "consultation rule %s needs “per-year”, a whole number from 1 to 366", item->id);
  if (item->meeting_kind == NULL)
    return fail (error, file, node, "consultation rule %s needs a “meeting-kind”", item->id);
  item->per_year = (guint) value;
  return TRUE;
}

static gboolean
load_item (ChartaCatalogue *self, ChartaFramework *fw, const char *file,
           const ChartaNode *node, GError **error)
{
  ChartaItem *item;

  if (node->type != CHARTA_NODE_OBJECT)
    return fail (error, file, node, "item is not an object");
  item = g_new0 (ChartaItem, 1);
  item->id = dup_string_member (node, "id");
  item->kind = dup_string_member (node, "kind");
  item->parent_id = dup_string_member (node, "parent");
  item->title = dup_string_member (node, "title");
  item->description = dup_string_member (node, "description");
  item->situation = dup_string_member (node, "situation");
  item->city = dup_string_member (node, "city");
  item->summary = dup_string_member (node, "summary");
  item->framework = fw;
  item->file = file;
  item->line = node->line;
  item->column = node->column;
  g_ptr_array_add (fw->items, item);

  item->source = dup_string_member (node, "source");
  item->policy_area_id = dup_string_member (node, "policy-area");
  item->meeting_kind = dup_string_member (node, "meeting-kind");
  item->attendee = dup_string_member (node, "attendee");
  if (!load_string_list (file, node, "criteria", &item->criteria, error) ||
      !load_string_list (file, node, "serves", &item->serves, error) ||
      !load_string_list (file, node, "indicators", &item->indicators, error) ||
      !load_string_list (file, node, "also-answers", &item->answers, error))
    return FALSE;
  if (item->id == NULL || item->kind == NULL || item->title == NULL)
    return fail (error, file, node, "item needs an id, a kind and a title");
  if (!load_per_year (item, file, node, error))
    return FALSE;
  if (!g_strv_contains (known_kinds, item->kind))
    return fail (error, file, node, "item %s has unknown kind “%s”", item->id, item->kind);
  if (g_hash_table_contains (self->items, item->id))
    return fail (error, file, node, "item id %s is used twice", item->id);
  g_hash_table_insert (self->items, item->id, item);
  return TRUE;
}

static gboolean
load_scale (ChartaFramework *fw, const char *file, const ChartaNode *scale, GError **error)
{
  if (scale == NULL || scale->type != CHARTA_NODE_ARRAY || scale->array->len == 0)
    return fail (error, file, scale, "framework %s needs a scale", fw->id);
  for (guint i = 0; i < scale->array->len; i++)
    {
      ChartaNode *node = g_ptr_array_index (scale->array, i);
      ChartaLevel level = { 0 };
      gint64 value;

      if (node->type != CHARTA_NODE_OBJECT ||
          !charta_node_get_int (charta_node_get_member (node, "value"), &value) ||
          value != (gint64) i + 1)
        return fail (error, file, node, "scale levels must count up from 1");
      level.value = (int) value;
      level.title = dup_string_member (node, "title");
      level.description = dup_string_member (node, "description");
      g_array_append_val (fw->scale, level);
      if (level.title == NULL)
        return fail (error, file, node, "scale level %d needs a title", level.value);
    }
  return TRUE;
}

static ChartaFramework *
ensure_framework (ChartaCatalogue *self, const char *id)
{
  ChartaFramework *fw;

  for (guint i = 0; i < self->frameworks->len; i++)
    {
      fw = g_ptr_array_index (self->frameworks, i);
      if (strcmp (fw->id, id) == 0)
        return fw;
    }
  fw = g_new0 (ChartaFramework, 1);
  fw->id = g_strdup (id);
  fw->scale = g_array_new (FALSE, TRUE, sizeof (ChartaLevel));
  g_array_set_clear_func (fw->scale, (GDestroyNotify) level_clear);
  fw->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_ptr_array_add (self->frameworks, fw);
  return fw;
}

static gboolean
load_file (ChartaCatalogue *self, const char *dir, const char *name, GError **error)
{
  char *path = g_build_path ("/", dir, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  ChartaFramework *fw;
  ChartaNode *id, *items;
  gsize len;
  const char *data;

  g_ptr_array_add (self->files, path);   /* items point at it */
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  root = charta_json_parse (data, len, NULL, NULL, &local_error);
  if (root == NULL)
    return fail (error, path, NULL, "%s", local_error->message);
  if (root->type != CHARTA_NODE_OBJECT)
    return fail (error, path, root, "a catalogue file holds one object");
  id = charta_node_get_member (root, "id");
  if (id == NULL || id->type != CHARTA_NODE_STRING)
    return fail (error, path, root, "a catalogue file needs a framework id");
  fw = ensure_framework (self, id->string);

  if (charta_node_get_member (root, "title") != NULL)
    {
      gint64 year = 0;
      fw->title = dup_string_member (root, "title");
      fw->description = dup_string_member (root, "description");
      fw->publisher = dup_string_member (root, "publisher");
      charta_node_get_int (charta_node_get_member (root, "year"), &year);
      fw->year = (int) year;
      if (!load_scale (fw, path, charta_node_get_member (root, "scale"), error))
        return FALSE;
    }

  items = charta_node_get_member (root, "items");
  if (items == NULL || items->type != CHARTA_NODE_ARRAY)
    return fail (error, path, root, "a catalogue file needs a list of items");
  for (guint i = 0; i < items->array->len; i++)
    if (!load_item (self, fw, path, g_ptr_array_index (items->array, i), error))
      return FALSE;
  return TRUE;
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail_at_item (GError **error, const ChartaItem *item, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CHARTA_CATALOGUE_ERROR, 0, "%s:%u:%u: item %s: %s",
               item->file, item->line, item->column, item->id, msg);
  return FALSE;
}

static gboolean
check_links (ChartaCatalogue *self, const ChartaItem *item, const char *key,
             char * const *ids, GError **error)
{
  for (guint i = 0; ids[i]; i++)
    if (!g_hash_table_contains (self->items, ids[i]))
      return fail_at_item (error, item, "“%s” names unknown item %s", key, ids[i]);
  return TRUE;
}

/* A recommendation answers its parent key problem and any it "also-answers". */
static gboolean
link_answers (ChartaItem *item, GError **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (item->answers[0] != NULL && strcmp (item->kind, "recommendation") != 0)
    return fail_at_item (error, item, "only a recommendation has “also-answers”");
  if (strcmp (item->kind, "recommendation") != 0 || item->parent == NULL)
    return TRUE;
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, item->parent->id);
  g_strv_builder_addv (builder, (const char **) item->answers);
  g_strfreev (item->answers);
  item->answers = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
link_policy_area (ChartaCatalogue *self, ChartaItem *item, GError **error)
{
  ChartaItem *target;

  if (item->policy_area_id == NULL)
    return TRUE;
  target = g_hash_table_lookup (self->items, item->policy_area_id);
  if (target == NULL || strcmp (target->kind, "policy-area") != 0)
    return fail_at_item (error, item, "“policy-area” names %s, which is not a policy area",
                         item->policy_area_id);
  item->policy_area = target;
  return TRUE;
}

/* Second pass, once every file is in: parents, children, positions, serves. */
static gboolean
link_items (ChartaCatalogue *self, GError **error)
{
  guint position = 0;

  for (guint f = 0; f < self->frameworks->len; f++)
    {
      ChartaFramework *fw = g_ptr_array_index (self->frameworks, f);

      if (fw->title == NULL)
        return fail (error, fw->id, NULL, "framework %s has no main file with a title", fw->id);
      for (guint i = 0; i < fw->items->len; i++)
        {
          ChartaItem *item = g_ptr_array_index (fw->items, i);
          item->position = position++;
          if (item->parent_id != NULL)
            {
              ChartaItem *parent = g_hash_table_lookup (self->items, item->parent_id);
              if (parent == NULL || parent->framework != fw)
                return fail_at_item (error, item, "unknown parent %s", item->parent_id);
              if (parent->children == NULL)
                parent->children = g_ptr_array_new ();
              g_ptr_array_add (parent->children, item);
              item->parent = parent;
            }
          if (!check_links (self, item, "serves", item->serves, error) ||
              !check_links (self, item, "indicators", item->indicators, error) ||
              !check_links (self, item, "also-answers", item->answers, error) ||
              !link_answers (item, error) ||
              !link_policy_area (self, item, error))
            return FALSE;
        }
    }
  return TRUE;
}

ChartaCatalogue *
charta_catalogue_new_from_resource (const char *path, GError **error)
{
  g_autoptr(ChartaCatalogue) self = g_new0 (ChartaCatalogue, 1);
  g_autofree char *index_path = g_build_path ("/", path, "index.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChartaNode) index = NULL;
  const char *data;
  gsize len;

  self->files = g_ptr_array_new_with_free_func (g_free);
  self->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) framework_free);
  self->items = g_hash_table_new (g_str_hash, g_str_equal);

  bytes = g_resources_lookup_data (index_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  index = charta_json_parse (data, len, NULL, NULL, error);
  if (index == NULL)
    return NULL;
  if (index->type != CHARTA_NODE_ARRAY)
    {
      fail (error, index_path, index, "index.json lists the catalogue files in order");
      return NULL;
    }
  for (guint i = 0; i < index->array->len; i++)
    {
      ChartaNode *name = g_ptr_array_index (index->array, i);
      if (name->type != CHARTA_NODE_STRING)
        {
          fail (error, index_path, name, "index.json lists file names");
          return NULL;
        }
      if (!load_file (self, path, name->string, error))
        return NULL;
    }
  if (!link_items (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
charta_catalogue_free (ChartaCatalogue *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->items);
  g_ptr_array_unref (self->frameworks);
  g_ptr_array_unref (self->files);
  g_free (self);
}

ChartaCatalogue *
charta_catalogue_get_default (void)
{
  static ChartaCatalogue *catalogue;

  if (g_once_init_enter (&catalogue))
    {
      g_autoptr(GError) error = NULL;
      /* Registered by hand: a constructor in a static library may never be linked in. */
      charta_catalogue_register_resource ();
      ChartaCatalogue *loaded = charta_catalogue_new_from_resource (DEFAULT_RESOURCE_PATH, &error);
      if (loaded == NULL)
        g_error ("The built-in framework catalogue is broken: %s", error->message);
      g_once_init_leave (&catalogue, loaded);
    }
  return catalogue;
}

guint
charta_catalogue_get_n_frameworks (ChartaCatalogue *self)
{
  return self->frameworks->len;
}

const ChartaFramework *
charta_catalogue_get_framework (ChartaCatalogue *self, guint index)
{
  g_return_val_if_fail (index < self->frameworks->len, NULL);
  return g_ptr_array_index (self->frameworks, index);
}

const ChartaFramework *
charta_catalogue_find_framework (ChartaCatalogue *self, const char *id)
{
  for (guint i = 0; i < self->frameworks->len; i++)
    {
      ChartaFramework *fw = g_ptr_array_index (self->frameworks, i);
      if (g_strcmp0 (fw->id, id) == 0)
        return fw;
    }
  return NULL;
}

const ChartaItem *
charta_catalogue_lookup (ChartaCatalogue *self, const char *id)
{
  return id ? g_hash_table_lookup (self->items, id) : NULL;
}

guint
charta_catalogue_get_n_items (ChartaCatalogue *self)
{
  return g_hash_table_size (self->items);
}

static const char *
translate (const char *text)
{
  return (text && *text) ? g_dgettext (GETTEXT_PACKAGE, text) : text;
}

const char *charta_framework_get_id (const ChartaFramework *fw) { return fw->id; }
const char *charta_framework_get_title (const ChartaFramework *fw) { return translate (fw->title); }
const char *charta_framework_get_description (const ChartaFramework *fw) { return translate (fw->description); }
const char *charta_framework_get_publisher (const ChartaFramework *fw) { return fw->publisher; }
int charta_framework_get_year (const ChartaFramework *fw) { return fw->year; }
guint charta_framework_get_n_items (const ChartaFramework *fw) { return fw->items->len; }

const ChartaItem *
charta_framework_get_item (const ChartaFramework *fw, guint index)
{
  g_return_val_if_fail (index < fw->items->len, NULL);
  return g_ptr_array_index (fw->items, index);
}

guint charta_framework_get_n_levels (const ChartaFramework *fw) { return fw->scale->len; }

const ChartaLevel *
charta_framework_get_level (const ChartaFramework *fw, guint index)
{
  g_return_val_if_fail (index < fw->scale->len, NULL);
  return &g_array_index (fw->scale, ChartaLevel, index);
}

const ChartaLevel *
charta_framework_find_level (const ChartaFramework *fw, int value)
{
  if (value < 1 || (guint) value > fw->scale->len)
    return NULL;
  return &g_array_index (fw->scale, ChartaLevel, value - 1);
}

const char *charta_level_get_title (const ChartaLevel *level) { return translate (level->title); }
const char *charta_level_get_description (const ChartaLevel *level) { return translate (level->description); }

guint
charta_framework_count_kind (const ChartaFramework *fw, const char *kind)
{
  guint n = 0;
  for (guint i = 0; i < fw->items->len; i++)
    if (strcmp (((ChartaItem *) g_ptr_array_index (fw->items, i))->kind, kind) == 0)
      n++;
  return n;
}

const char *charta_item_get_id (const ChartaItem *item) { return item->id; }
const char *charta_item_get_kind (const ChartaItem *item) { return item->kind; }
const ChartaItem *charta_item_get_parent (const ChartaItem *item) { return item->parent; }
const ChartaFramework *charta_item_get_framework (const ChartaItem *item) { return item->framework; }
guint charta_item_get_position (const ChartaItem *item) { return item->position; }
const char *charta_item_get_title (const ChartaItem *item) { return translate (item->title); }
const char *charta_item_get_description (const ChartaItem *item) { return translate (item->description); }
const char *charta_item_get_situation (const ChartaItem *item) { return translate (item->situation); }
const char *charta_item_get_city (const ChartaItem *item) { return translate (item->city); }
const char *charta_item_get_summary (const ChartaItem *item) { return translate (item->summary); }
const char *charta_item_get_source (const ChartaItem *item) { return translate (item->source); }
guint charta_item_get_n_criteria (const ChartaItem *item) { return g_strv_length (item->criteria); }
const char * const *
charta_item_get_answers (const ChartaItem *item)
{
  return (const char * const *) item->answers;
}

const ChartaItem *charta_item_get_policy_area (const ChartaItem *item) { return item->policy_area; }
guint charta_item_get_per_year (const ChartaItem *item) { return item->per_year; }
const char *charta_item_get_meeting_kind (const ChartaItem *item) { return item->meeting_kind; }
const char *charta_item_get_attendee (const ChartaItem *item) { return item->attendee; }

const char *
charta_item_get_criterion (const ChartaItem *item, guint index)
{
  g_return_val_if_fail (index < g_strv_length (item->criteria), NULL);
  return translate (item->criteria[index]);
}

gboolean
charta_item_is_assessable (const ChartaItem *item)
{
  return g_strv_contains (assessable_kinds, item->kind);
}
const char * const *charta_item_get_serves (const ChartaItem *item) { return (const char * const *) item->serves; }

const char * const *
charta_item_get_indicators (const ChartaItem *item)
{
  return (const char * const *) item->indicators;
}

const char *
charta_item_get_text_untranslated (const ChartaItem *item, const char *key)
{
  if (strcmp (key, "title") == 0) return item->title;
  if (strcmp (key, "description") == 0) return item->description;
  if (strcmp (key, "situation") == 0) return item->situation;
  if (strcmp (key, "city") == 0) return item->city;
  if (strcmp (key, "summary") == 0) return item->summary;
  if (strcmp (key, "source") == 0) return item->source;
  return NULL;
}

guint
charta_item_get_n_children (const ChartaItem *item)
{
  return item->children ? item->children->len : 0;
}

const ChartaItem *
charta_item_get_child (const ChartaItem *item, guint index)
{
  g_return_val_if_fail (index < charta_item_get_n_children (item), NULL);
  return g_ptr_array_index (item->children, index);
}

gboolean
charta_item_serves (const ChartaItem *item, const char *charter_id)
{
  /* Key problems, recommendations and good practices serve what their area serves. */
  for (const ChartaItem *i = item; i != NULL; i = i->parent)
    {
      if (strcmp (i->id, charter_id) == 0 || g_strv_contains ((const char * const *) i->serves, charter_id))
        return TRUE;
    }
  return FALSE;
}

static void
set_text (ChartaNode *object, const char *key, const char *value)
{
  if (value != NULL)
    charta_node_set_member (object, key, charta_node_new_string (value));
}

static void
set_list (ChartaNode *object, const char *key, char * const *values, gboolean translated)
{
  ChartaNode *list;

  if (values == NULL || values[0] == NULL)
    return;
  list = charta_node_new_array ();
  for (guint i = 0; values[i]; i++)
    {
      const char *text = translated ? translate (values[i]) : values[i];
      charta_node_append (list, charta_node_new_string (text));
    }
  charta_node_set_member (object, key, list);
}

ChartaNode *
charta_item_to_node (const ChartaItem *item)
{
  ChartaNode *node = charta_node_new_object ();

  g_return_val_if_fail (item != NULL, node);
  set_text (node, "id", item->id);
  set_text (node, "kind", item->kind);
  charta_node_set_member (node, "parent", item->parent ? charta_node_new_string (item->parent->id)
                                                       : charta_node_new_null ());
  set_text (node, "title", charta_item_get_title (item));
  set_text (node, "description", charta_item_get_description (item));
  set_text (node, "situation", charta_item_get_situation (item));
  set_text (node, "city", charta_item_get_city (item));
  set_text (node, "summary", charta_item_get_summary (item));
  set_text (node, "source", charta_item_get_source (item));
  set_list (node, "criteria", item->criteria, TRUE);
  set_list (node, "serves", item->serves, FALSE);
  set_list (node, "indicators", item->indicators, FALSE);
  set_list (node, "answers", item->answers, FALSE);
  if (item->policy_area != NULL)
    set_text (node, "policy-area", item->policy_area->id);
  if (item->per_year > 0)
    charta_node_set_member (node, "per-year", charta_node_new_number_int (item->per_year));
  set_text (node, "meeting-kind", item->meeting_kind);
  set_text (node, "attendee", item->attendee);
  if (charta_item_is_assessable (item))
    charta_node_set_member (node, "assessable", charta_node_new_bool (TRUE));
  return node;
}
