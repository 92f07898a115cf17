/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "charta-date.h"
#include "charta-file.h"
#include "charta-merge.h"
#include "charta-project-private.h"

/* Reading a project: the JSON tree is walked along the tables of charta-project-format.c;
 * every problem is collected with its position, and the checks across the project
 * (charta-project-check.c) run once every field is read. */

G_DEFINE_QUARK (charta-project-error-quark, charta_project_error)

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
 * value is cut after @max_chars characters (0: never), so a file cannot forge lines or
 * flood the terminal. */
static void
append_printable (GString *out, const char *text, glong max_chars)
{
  glong chars = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (max_chars > 0 && ++chars > max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
}

/* Takes @text. */
static char *
printable (char *text, glong max_chars)
{
  GString *out = g_string_sized_new (strlen (text));

  append_printable (out, text, max_chars);
  g_free (text);
  return g_string_free (out, FALSE);
}

G_GNUC_PRINTF (4, 5)
void
_charta_problem (Loader *l, const ChartaNode *at, const Path *path, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;
  g_autoptr(GString) where = g_string_new (NULL);

  if (++l->n_problems > MAX_REPORTED)
    return;
  va_start (args, format);
  msg = printable (g_strdup_vprintf (format, args), 300);
  va_end (args);
  /* The path holds member names from the file: escaped like the values. */
  path_append (where, path);
  if (l->messages->len > 0)
    g_string_append_c (l->messages, '\n');
  g_string_append_printf (l->messages, "%s:%u:%u: ", l->file, at ? at->line : 1, at ? at->column : 1);
  append_printable (l->messages, where->str, 600);
  g_string_append_printf (l->messages, "%s%s", where->len ? ": " : "", msg);
}

static gboolean
expect_type (Loader *l, const ChartaNode *node, const Path *path, ChartaNodeType type)
{
  if (node->type == type)
    return TRUE;
  /* Translators: e.g. "expected a text, found a number" */
  _charta_problem (l, node, path, _("expected %s, found %s"),
           charta_node_type_name (type), charta_node_type_name (node->type));
  return FALSE;
}

/* Ids are compared without regard to case and written in lower case: @s is lowered in
 * place once it is known to be a UUID. */
static gboolean
take_uuid (char *s)
{
  if (!g_uuid_string_is_valid (s))
    return FALSE;
  for (char *p = s; *p; p++)
    *p = g_ascii_tolower (*p);
  return TRUE;
}

static void load_object (Loader *l, const Spec *spec, ChartaNode *node, gpointer object, const Path *path);
static void load_field (Loader *l, const Field *f, ChartaNode *node, gpointer object, const Path *path);

/* A string of the tree for the project: moved out of the tree, or copied when the tree
 * is kept (see Loader.keep). */
static char *
take_string (Loader *l, ChartaNode *node)
{
  if (l->keep)
    return g_strdup (node->string);
  node->type = CHARTA_NODE_NULL;
  return g_steal_pointer (&node->string);
}

static gboolean
check_item (Loader *l, const ChartaNode *node, const Path *path, const char *kind)
{
  const ChartaItem *item = charta_catalogue_lookup (l->catalogue, node->string);

  if (item == NULL)
    {
      _charta_problem (l, node, path, _("unknown framework item “%s”"), node->string);
      return FALSE;
    }
  if (kind != NULL && strcmp (charta_item_get_kind (item), kind) != 0)
    {
      /* Translators: the second %s is a kind of item, e.g. "workform" */
      _charta_problem (l, node, path, _("“%s” is not a %s"), node->string, kind);
      return FALSE;
    }
  return TRUE;
}

/* Whether @s is one of the strings of @list. */
static gboolean
string_listed (GPtrArray *list, const char *s)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), s) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
load_string_list (Loader *l, const Field *f, ChartaNode *node, const Path *path)
{
  GPtrArray *list;

  g_autoptr(GHashTable) seen = NULL;
  gboolean is_set;

  if (!expect_type (l, node, path, CHARTA_NODE_ARRAY))
    return NULL;
  list = _charta_string_list_new ();
  is_set = f->type != F_STRINGS || (f->flags & REQUIRED);
  /* A short list (most are) is searched as it stands: a table for each took a
   * tenth of loading a large project. */
  if (is_set && node->array->len > 8)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->array->len; i++)
    {
      ChartaNode *e = g_ptr_array_index (node->array, i);
      Path p = { path, NULL, i };

      if (!expect_type (l, e, &p, CHARTA_NODE_STRING))
        continue;
      if (f->type == F_ITEMS && !check_item (l, e, &p, f->kind))
        continue;
      if (f->type == F_UUIDS && !take_uuid (e->string))
        {
          _charta_problem (l, e, &p, _("“%s” is not an id (a UUID)"), e->string);
          continue;
        }
      if (f->type == F_STRINGS && g_utf8_strlen (e->string, -1) > CHARTA_TITLE_MAX_CHARS)
        {
          _charta_problem (l, e, &p, _("longer than %d characters"), CHARTA_TITLE_MAX_CHARS);
          continue;
        }
      /* Lists of ids are sets: a second mention is a mistake (often a bad merge). */
      if (is_set && (seen != NULL ? !g_hash_table_add (seen, e->string) : string_listed (list, e->string)))
        {
          _charta_problem (l, e, &p, _("“%s” is listed twice"), e->string);
          continue;
        }
      g_ptr_array_add (list, take_string (l, e));
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
          object = _charta_object_new (f->sub);
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

      if (e->type == CHARTA_NODE_STRING && f->sub->v1_string_key != NULL && l->version == 1)
        {
          /* Version 1 wrote a bare string (a source's title): read as the object. */
          object = _charta_object_new (f->sub);
          load_field (l, _charta_spec_find_field (f->sub, f->sub->v1_string_key), e, object, &p);
          g_ptr_array_add (list, object);
          continue;
        }
      if (!expect_type (l, e, &p, CHARTA_NODE_OBJECT))
        continue;
      object = _charta_object_new (f->sub);
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
          _charta_problem (l, node, path, _("longer than %d characters"), CHARTA_TITLE_MAX_CHARS);
          return;
        }
      if (strpbrk (s, "\n\r") != NULL)
        {
          _charta_problem (l, node, path, _("a title is one line: remove the line break"));
          return;
        }
      if ((f->flags & REQUIRED) && *s == '\0')
        {
          _charta_problem (l, node, path, _("must not be empty"));
          return;
        }
      break;
    case F_UUID:
      if (!take_uuid (node->string))
        {
          _charta_problem (l, node, path, _("“%s” is not an id (a UUID)"), s);
          return;
        }
      if (f->offset == 0 && !(f->flags & REF) && l->ids != NULL)
        {
          /* The first field of a listed object is its id: ids must be unique. */
          if (g_hash_table_contains (l->ids, s))
            {
              _charta_problem (l, node, path, _("the id “%s” is used twice"), s);
              return;
            }
          g_hash_table_insert (l->ids, g_strdup (s), (gpointer) f);
        }
      break;
    case F_DATE:
      if (!charta_date_is_valid (s))
        {
          g_autofree char *message = charta_date_describe_invalid (s);
          _charta_problem (l, node, path, "%s", message);
          return;
        }
      break;
    case F_TIMESTAMP:
      if (!charta_timestamp_is_valid (s))
        {
          g_autofree char *message = charta_timestamp_describe_invalid (s);
          _charta_problem (l, node, path, "%s", message);
          return;
        }
      break;
    case F_ITEM:
      if (!check_item (l, node, path, f->kind))
        return;
      break;
    case F_TARGET:
      /* An id of something in the project (checked across the project), or an item. */
      if (!take_uuid (node->string) && !check_item (l, node, path, NULL))
        return;
      break;
    case F_TIME:
      if (!g_regex_match_simple ("^([01][0-9]|2[0-3]):[0-5][0-9]$", s, 0, 0))
        {
          /* Translators: HH:MM stands for hours and minutes; do not translate it */
          _charta_problem (l, node, path, _("“%s” is not a time of day (HH:MM, from 00:00 to 23:59)"), s);
          return;
        }
      break;
    case F_CURRENCY:
      if (strlen (s) != 3 || !g_ascii_isupper (s[0]) || !g_ascii_isupper (s[1]) || !g_ascii_isupper (s[2]))
        {
          /* Translators: ISO 4217 is the standard of currency codes */
          _charta_problem (l, node, path, _("“%s” is not a currency code (ISO 4217, such as EUR)"), s);
          return;
        }
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
          _charta_problem (l, node, path, _("“%s” is not one of %s"), s, allowed);
        }
        return;
      }
    case F_TEXT:
    default:
      break;
    }
  MEMBER (object, f, char *) = take_string (l, node);
}

static void
load_field (Loader *l, const Field *f, ChartaNode *node, gpointer object, const Path *path)
{
  switch (f->type)
    {
    case F_TITLE: case F_TEXT: case F_UUID: case F_DATE: case F_TIMESTAMP: case F_ITEM: case F_ENUM:
    case F_TARGET: case F_CURRENCY: case F_TIME:
      load_string_field (l, f, node, object, path);
      break;
    case F_JSON:
      {
        /* Any value: moved out of the tree as it is. */
        ChartaNode *copy;

        if (l->keep)
          copy = charta_node_copy (node);
        else
          {
            copy = g_new (ChartaNode, 1);
            *copy = *node;
            node->type = CHARTA_NODE_NULL;
          }
        MEMBER (object, f, ChartaNode *) = copy;
        break;
      }
    case F_INT:
      {
        gint64 v;
        if (!expect_type (l, node, path, CHARTA_NODE_NUMBER))
          break;
        if (!charta_node_get_int (node, &v) || v < f->min || v > f->max)
          _charta_problem (l, node, path, _("%s is not a whole number from %d to %d"), node->number, f->min, f->max);
        else
          MEMBER (object, f, int) = (int) v;
        break;
      }
    case F_NUMBER:
      if (expect_type (l, node, path, CHARTA_NODE_NUMBER))
        {
          double d = NAN;
          charta_node_get_double (node, &d);
          if ((f->flags & NON_NEGATIVE) && d < 0)
            _charta_problem (l, node, path, _("%s is less than 0"), node->number);
          else
            MEMBER (object, f, double) = d;
        }
      break;
    case F_BOOL:
      if (expect_type (l, node, path, CHARTA_NODE_BOOL))
        MEMBER (object, f, gboolean) = node->boolean;
      break;
    case F_ITEMS: case F_STRINGS: case F_UUIDS:
      {
        GPtrArray *loaded = load_string_list (l, f, node, path);
        GPtrArray *before = MEMBER (object, f, GPtrArray *);

        /* A version 1 alias may have filled the list already: keep both, once. */
        for (guint i = 0; before != NULL && loaded != NULL && i < loaded->len; i++)
          if (!g_ptr_array_find_with_equal_func (before, g_ptr_array_index (loaded, i), g_str_equal, NULL))
            g_ptr_array_add (before, g_strdup (g_ptr_array_index (loaded, i)));
        if (before != NULL && loaded != NULL)
          g_ptr_array_unref (loaded);
        else
          MEMBER (object, f, GPtrArray *) = loaded;
        break;
      }
    case F_OBJECT:
      if (expect_type (l, node, path, CHARTA_NODE_OBJECT))
        {
          gpointer sub = _charta_object_new (f->sub);
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

const Field *
_charta_spec_find_field (const Spec *spec, const char *key)
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

/* A version 1 field of one value that version 2 made a list (an action's "workform"):
 * the value joins the list, first, once. Later versions name the list instead. */
static void
load_v1_alias (Loader *l, const Field *f, ChartaNode *node, gpointer object, const Path *path)
{
  GPtrArray **list = &MEMBER (object, f, GPtrArray *);

  if (l->version > 1)
    {
      /* Translators: e.g. "“workform” is a field of format version 1: version 2 lists them in “workforms”" */
      _charta_problem (l, node, path, _("“%s” is a field of format version 1: version %d lists them in “%s”"),
                       f->key, l->version, (f - 1)->key);
      return;
    }
  if (!expect_type (l, node, path, CHARTA_NODE_STRING) || !check_item (l, node, path, f->kind))
    return;
  if (*list == NULL)
    *list = _charta_string_list_new ();
  for (guint i = 0; i < (*list)->len; i++)
    if (strcmp (g_ptr_array_index (*list, i), node->string) == 0)
      return;
  g_ptr_array_insert (*list, 0, take_string (l, node));
}

/* The header of a kept tree stays in it (it is no unknown member). */
static gboolean
is_header_member (const Loader *l, const Path *path, const char *key)
{
  return l->keep && path == NULL && (strcmp (key, "format") == 0 || strcmp (key, "version") == 0);
}

/* An unknown member is kept as it is, for whoever wrote it. The reader refused
 * duplicate names, so it is appended without a search. */
static void
keep_unknown (Loader *l, ChartaNode **extra, ChartaMember *m)
{
  ChartaMember moved;

  if (*extra == NULL)
    *extra = charta_node_new_object ();
  if (l->keep)
    {
      moved = (ChartaMember) { g_strdup (m->key), charta_node_copy (m->value), FALSE };
      g_array_append_val ((*extra)->members, moved);
      return;
    }
  moved = (ChartaMember) { m->key, g_steal_pointer (&m->value), m->shared_key };
  g_array_append_val ((*extra)->members, moved);
  m->key = (char *) "";   /* static, never freed or matched */
  m->shared_key = TRUE;   /* the key now belongs to extra */
}

static void
load_object (Loader *l, const Spec *spec, ChartaNode *node, gpointer object, const Path *path)
{
  ChartaNode *extra = NULL;
  guint seen = 0;

  for (guint i = 0; i < node->members->len; i++)
    {
      ChartaMember *m = &g_array_index (node->members, ChartaMember, i);
      const Field *f = _charta_spec_find_field (spec, m->key);
      Path p = { path, m->key, 0 };

      if (f == NULL && is_header_member (l, path, m->key))
        continue;
      if (f == NULL)
        {
          keep_unknown (l, &extra, m);
          continue;
        }
      if (f->flags & V1_ALIAS)
        {
          load_v1_alias (l, f, m->value, object, &p);
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
      if ((f->flags & REQUIRED) && !(f->flags & (KEY | V1_ALIAS)) && !set)
        {
          /* Only complain when the value is absent, not when it was present but wrong. */
          if (charta_node_get_member (node, f->key) == NULL)
            _charta_problem (l, node, path, _("the required field “%s” is missing"), f->key);
        }
    }
}


static gboolean
check_header (Loader *l, const ChartaNode *root, int *version, GError **error)
{
  const ChartaNode *format, *v;
  gint64 n;

  if (root->type != CHARTA_NODE_OBJECT)
    {
      _charta_problem (l, root, NULL, _("a Charta project is a JSON object, not %s"), charta_node_type_name (root->type));
      return FALSE;
    }
  format = charta_node_get_member (root, "format");
  if (format == NULL || format->type != CHARTA_NODE_STRING || strcmp (format->string, CHARTA_PROJECT_FORMAT) != 0)
    {
      _charta_problem (l, format ? format : root, &(Path) { NULL, "format", 0 },
               _("not a Charta project: “format” must be “%s”"), CHARTA_PROJECT_FORMAT);
      return FALSE;
    }
  v = charta_node_get_member (root, "version");
  if (v == NULL || !charta_node_get_int (v, &n) || n < 1)
    {
      _charta_problem (l, v ? v : root, &(Path) { NULL, "version", 0 }, _("“version” must be a whole number from 1"));
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

/* Builds the project from the parse tree @root. Unless @keep, takes @root (freed
 * later: see free_tree_later(); @len is the size of the text it was parsed from). */
static ChartaProject *
load_tree (ChartaNode *root, gboolean keep, gsize len, const char *file, GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) messages = g_string_new (NULL);
  Loader l = { file, charta_catalogue_get_default (), messages, 0, ids, 0, keep };
  ChartaProject *project = NULL;
  int version = 0;

  if (!check_header (&l, root, &version, error))
    {
      if (error && *error == NULL)
        g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, messages->str);
      goto out;
    }

  /* Loading steals strings and unknown members out of the tree, but every node keeps
   * its position, so the cross-checks below still point at the right line. */
  if (!keep)
    remove_header_members (root);
  project = _charta_object_new (&_charta_project_spec);
  l.version = version;
  project->version = version;
  load_object (&l, &_charta_project_spec, root, project, NULL);
  /* Cross-checks run even when some fields were wrong, so every problem shows at once;
   * they only look at what loaded. */
  _charta_project_check (&l, project, root);
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
      g_clear_pointer (&project, charta_project_free);
      goto out;
    }
  project->version = CHARTA_PROJECT_VERSION;
  project->file_version = version;
  /* The project's own lists are always written, so an absent list and an empty one
   * have one canonical form. */
  {
    GPtrArray **lists[] = { &project->people, &project->partners, &project->assessments,
                            &project->actions, &project->measures, &project->consultations };
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      if (*lists[i] == NULL)
        *lists[i] = g_ptr_array_new ();
  }
out:
  if (!keep)
    free_tree_later (root, len);
  return project;
}

/* @owned, when not NULL, is @data, freed as soon as it is parsed: the tree holds copies
 * of everything, so a large file's text does not stay in memory beside the tree and the
 * model (a 59 MB file peaked 12% lower). */
static ChartaProject *
load_data (const char *data, gsize len, char *owned, const char *display_name, GError **error)
{
  ChartaNode *root;
  g_autoptr(GError) local_error = NULL;
  /* A file name can hold a line break too. */
  g_autofree char *file = printable (g_strdup (display_name ? display_name : "-"), 0);

  if (len > CHARTA_PROJECT_MAX_SIZE)
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_TOO_LARGE,
                   _("%s:1:1: the file is larger than 64 MiB"), file);
      g_free (owned);
      return NULL;
    }
  root = charta_json_parse (data, len, NULL, NULL, &local_error);
  /* A file that git left with its text conflict markers gets a message that says so,
   * still as the loader's own error: callers tell errors apart by the project's domain. */
  if (root == NULL)
    {
      g_autoptr(GError) markers = NULL;

      if (charta_merge_explain_conflict_markers (data, len, file, &markers))
        {
          g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, markers->message);
          g_free (owned);
          return NULL;
        }
    }
  g_free (owned);
  data = owned = NULL;
  if (root == NULL)
    {
      /* The reader's messages quote member names too. */
      g_autofree char *parse_message = printable (g_strdup (local_error->message), 0);
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   "%s:%s", file, parse_message);
      return NULL;
    }
  return load_tree (root, FALSE, len, file, error);
}

ChartaProject *
charta_project_load_from_data (const char *data, gsize len, const char *display_name, GError **error)
{
  return load_data (data, len, NULL, display_name, error);
}

ChartaProject *
charta_project_load_from_owned_data (char *data, gsize len, const char *display_name, GError **error)
{
  return load_data (data, len, data, display_name, error);
}

ChartaProject *
charta_project_load_from_tree (ChartaNode *root, gsize len, const char *display_name, GError **error)
{
  g_autofree char *file = printable (g_strdup (display_name ? display_name : "-"), 0);

  g_return_val_if_fail (root != NULL, NULL);
  return load_tree (root, FALSE, len, file, error);
}

ChartaProject *
charta_project_load_from_kept_tree (ChartaNode *root, const char *display_name, GError **error)
{
  g_autofree char *file = printable (g_strdup (display_name ? display_name : "-"), 0);

  g_return_val_if_fail (root != NULL, NULL);
  return load_tree (root, TRUE, 0, file, error);
}

ChartaProject *
charta_project_load_file (GFile *file, char **etag, GCancellable *cancellable, GError **error)
{
  char *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  gsize len;

  if (!charta_file_load (file, CHARTA_PROJECT_MAX_SIZE, &data, &len, etag, cancellable, error))
    return NULL;
  return load_data (data, len, data, name, error);
}
