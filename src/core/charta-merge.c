/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-merge"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "charta-file.h"
#include "charta-merge.h"

/* The merge works on the parsed tree of each version's canonical text, not on the
 * model: it follows identities (ids, item ids, dates of actuals) rather than the fields
 * of one format version, so members this Charta does not know merge like the others.
 * The loader checks the result, and each version when the result does not load or
 * the version is not in canonical form (see load_version()). */

typedef struct {
  GHashTable *forced;     /* paths where "ours" is taken whole */
  ChartaNode *conflicts;  /* array of conflict objects */
  GString *path;
} Merge;

typedef enum {
  ARRAY_OTHER,
  ARRAY_BY_ID,
  ARRAY_BY_DATE,
  ARRAY_STRINGS,
} ArrayKind;

/* An object this large is indexed rather than searched member by member. */
#define INDEX_MIN_MEMBERS 32
#define MAX_REPAIR_ROUNDS 24

G_DEFINE_QUARK (charta-merge-error-quark, charta_merge_error)

static ChartaNode *merge_value (Merge *m, const ChartaNode *b, ChartaNode **os,
                                ChartaNode **ts, const char *key);

/* ---- paths ---- */

static gboolean
is_plain_key (const char *key)
{
  if (!g_ascii_isalpha (*key) && *key != '_')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* Members are written `.key` (or `key` at the top), other keys and the identities of
 * array elements `["key"]`, as the loader's messages write them. */
static void
path_push (GString *path, const char *key, gboolean element)
{
  if (!element && is_plain_key (key))
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, key);
      return;
    }
  g_string_append_c (path, '[');
  charta_json_write_string (path, key);
  g_string_append_c (path, ']');
}

/* ---- helpers on nodes ---- */

static void
append_member (ChartaNode *object, const char *key, ChartaNode *value)
{
  ChartaMember member = { g_strdup (key), value, FALSE };
  g_array_append_val (object->members, member);
}

static const char *
string_member (const ChartaNode *object, const char *key)
{
  const ChartaNode *value;

  if (object == NULL || object->type != CHARTA_NODE_OBJECT)
    return NULL;
  value = charta_node_get_member (object, key);
  return value && value->type == CHARTA_NODE_STRING ? value->string : NULL;
}

/* Where each member's value is, by name: values are moved out of "ours" and "theirs"
 * into the result, so the merge passes the places that hold them. */
static GHashTable *
index_members (const ChartaNode *object)
{
  GHashTable *index;

  if (object == NULL || object->members->len < INDEX_MIN_MEMBERS)
    return NULL;
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *member = &g_array_index (object->members, ChartaMember, i);
      g_hash_table_insert (index, member->key, &member->value);
    }
  return index;
}

static ChartaNode **
member_slot (const ChartaNode *object, GHashTable *index, const char *key)
{
  if (object == NULL)
    return NULL;
  if (index)
    return g_hash_table_lookup (index, key);
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *member = &g_array_index (object->members, ChartaMember, i);
      if (strcmp (member->key, key) == 0)
        return &member->value;
    }
  return NULL;
}

static inline ChartaNode *
at (ChartaNode **slot)
{
  return slot ? *slot : NULL;
}

/* Moves the value out of its place (which is left empty) instead of copying it. */
static ChartaNode *
take (ChartaNode **slot)
{
  ChartaNode *node = slot ? *slot : NULL;

  if (slot)
    *slot = NULL;
  return node;
}

static gboolean
is_changed_key (const char *key)
{
  return key != NULL && strcmp (key, "changed") == 0;
}

/* Equal apart from `changed` time stamps, which alone are no edit. */
static gboolean
equal_except_changed (const ChartaNode *a, const ChartaNode *b)
{
  guint na = 0, nb = 0;

  if (a == NULL || b == NULL || a->type != CHARTA_NODE_OBJECT || b->type != CHARTA_NODE_OBJECT)
    return charta_node_equal (a, b);
  for (guint i = 0; i < a->members->len; i++)
    {
      ChartaMember *member = &g_array_index (a->members, ChartaMember, i);
      if (is_changed_key (member->key))
        continue;
      na++;
      if (!equal_except_changed (member->value, charta_node_get_member (b, member->key)))
        return FALSE;
    }
  for (guint i = 0; i < b->members->len; i++)
    if (!is_changed_key (g_array_index (b->members, ChartaMember, i).key))
      nb++;
  return na == nb;
}

static gint64
timestamp_to_usec (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : G_MININT64;
}

/* The later of two `changed` stamps; equal instants written differently are ordered
 * by their text, so the choice does not depend on which side is "ours". */
static const ChartaNode *
later_stamp (const ChartaNode *o, const ChartaNode *t)
{
  gint64 uo, ut;

  if (o == NULL || o->type != CHARTA_NODE_STRING)
    return t ? t : o;
  if (t == NULL || t->type != CHARTA_NODE_STRING)
    return o;
  uo = timestamp_to_usec (o->string);
  ut = timestamp_to_usec (t->string);
  if (uo != ut)
    return uo > ut ? o : t;
  return strcmp (o->string, t->string) >= 0 ? o : t;
}

static void
add_conflict (Merge *m, const ChartaNode *b, const ChartaNode *o, const ChartaNode *t)
{
  ChartaNode *conflict = charta_node_new_object ();

  append_member (conflict, "path", charta_node_new_string (m->path->str));
  if (b)
    append_member (conflict, "base", charta_node_copy (b));
  if (o)
    append_member (conflict, "ours", charta_node_copy (o));
  if (t)
    append_member (conflict, "theirs", charta_node_copy (t));
  charta_node_append (m->conflicts, conflict);
}

/* ---- objects ---- */

static void
merge_member (Merge *m, ChartaNode *result, const char *key,
              const ChartaNode *b, ChartaNode **os, ChartaNode **ts)
{
  gsize len = m->path->len;
  ChartaNode *value;

  path_push (m->path, key, FALSE);
  value = merge_value (m, b, os, ts, key);
  g_string_truncate (m->path, len);
  if (value)
    append_member (result, key, value);
}

/* Member by member, in the order of "ours" and then the members only "theirs" has. */
static ChartaNode *
merge_object (Merge *m, const ChartaNode *b, ChartaNode *o, ChartaNode *t)
{
  ChartaNode *result = charta_node_new_object ();
  g_autoptr(GHashTable) bi = index_members (b);
  g_autoptr(GHashTable) oi = index_members (o);
  g_autoptr(GHashTable) ti = index_members (t);
  g_autofree gboolean *t_in_o = g_new (gboolean, t->members->len + 1);

  /* Asked before any value moves out of "ours". */
  for (guint i = 0; i < t->members->len; i++)
    t_in_o[i] = member_slot (o, oi, g_array_index (t->members, ChartaMember, i).key) != NULL;
  for (guint i = 0; i < o->members->len; i++)
    {
      ChartaMember *member = &g_array_index (o->members, ChartaMember, i);
      merge_member (m, result, member->key, at (member_slot (b, bi, member->key)), &member->value,
                    member_slot (t, ti, member->key));
    }
  for (guint i = 0; i < t->members->len; i++)
    {
      ChartaMember *member = &g_array_index (t->members, ChartaMember, i);
      if (!t_in_o[i])
        merge_member (m, result, member->key, at (member_slot (b, bi, member->key)), NULL, &member->value);
    }
  /* Members only the base has were deleted on both sides. */
  return result;
}

/* ---- arrays ---- */

static const char *
element_key (const ChartaNode *element, ArrayKind kind)
{
  return string_member (element, kind == ARRAY_BY_ID ? "id" : "date");
}

static gboolean
all_elements (const ChartaNode *array, gboolean (*test) (const ChartaNode *))
{
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < array->array->len; i++)
    if (!test (g_ptr_array_index (array->array, i)))
      return FALSE;
  return TRUE;
}

static gboolean has_id (const ChartaNode *n) { return string_member (n, "id") != NULL; }
static gboolean has_date (const ChartaNode *n) { return string_member (n, "date") != NULL; }
static gboolean is_string (const ChartaNode *n) { return n->type == CHARTA_NODE_STRING; }

static ArrayKind
array_kind (const ChartaNode *b, const ChartaNode *o, const ChartaNode *t)
{
  if (all_elements (b, has_id) && all_elements (o, has_id) && all_elements (t, has_id))
    return ARRAY_BY_ID;
  if (all_elements (b, has_date) && all_elements (o, has_date) && all_elements (t, has_date))
    return ARRAY_BY_DATE;
  if (all_elements (b, is_string) && all_elements (o, is_string) && all_elements (t, is_string))
    return ARRAY_STRINGS;
  return ARRAY_OTHER;
}

/* An element's key (mostly an id of 36 characters) hashed 8 bytes at a time, where
 * g_str_hash() takes one: the merge looks every key up a dozen times. */
static guint
key_hash (gconstpointer key)
{
  const char *s = key;
  gsize n = strlen (s);
  guint64 h = n * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15), word;

  for (; n >= 8; s += 8, n -= 8)
    {
      memcpy (&word, s, sizeof word);
      h = (h ^ word) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h ^= h >> 29;
    }
  for (; n > 0; s++, n--)
    h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (0x100000001B3);
  return (guint) (h ^ (h >> 32));
}

/* The keys of an array's elements in order, and key -> the element's place. Taken
 * before any element moves out. *@unique is cleared when two elements share a key. */
typedef struct {
  GPtrArray *keys;
  GHashTable *slots;
} Index;

static void
index_elements (Index *index, const ChartaNode *array, ArrayKind kind, gboolean *unique)
{
  index->keys = g_ptr_array_new ();
  index->slots = g_hash_table_new (key_hash, g_str_equal);
  for (guint i = 0; array && i < array->array->len; i++)
    {
      const char *key = element_key (g_ptr_array_index (array->array, i), kind);
      g_ptr_array_add (index->keys, (gpointer) key);
      if (!g_hash_table_insert (index->slots, (gpointer) key, &array->array->pdata[i]))
        *unique = FALSE;
    }
}

static void
index_clear (Index *index)
{
  g_ptr_array_unref (index->keys);
  g_hash_table_unref (index->slots);
}

/* Whether the elements @x shares with @y stand in the same order in both. */
static gboolean
same_order (const Index *x, const Index *y)
{
  guint i = 0, j = 0;

  for (;;)
    {
      while (i < x->keys->len && !g_hash_table_contains (y->slots, g_ptr_array_index (x->keys, i)))
        i++;
      while (j < y->keys->len && !g_hash_table_contains (x->slots, g_ptr_array_index (y->keys, j)))
        j++;
      if (i == x->keys->len || j == y->keys->len)
        return i == x->keys->len && j == y->keys->len;
      if (strcmp (g_ptr_array_index (x->keys, i), g_ptr_array_index (y->keys, j)) != 0)
        return FALSE;
      i++, j++;
    }
}

typedef struct {
  GHashTable *merged;   /* key -> ChartaNode, or the table itself for "absent" */
  GQueue order;         /* of keys */
  GHashTable *placed;   /* key -> GList link in order */
} Keyed;

static void
merge_element (Merge *m, Keyed *k, const char *key, Index *bi, Index *oi, Index *ti)
{
  gsize len = m->path->len;
  ChartaNode *value;

  if (g_hash_table_contains (k->merged, key))
    return;
  path_push (m->path, key, TRUE);
  value = merge_value (m, at (g_hash_table_lookup (bi->slots, key)), g_hash_table_lookup (oi->slots, key),
                       g_hash_table_lookup (ti->slots, key), NULL);
  g_string_truncate (m->path, len);
  g_hash_table_insert (k->merged, (gpointer) key, value ? (gpointer) value : (gpointer) k->merged);
}

static gboolean
keyed_present (Keyed *k, const char *key)
{
  gpointer value = g_hash_table_lookup (k->merged, key);
  return value != NULL && value != k->merged;
}

static void
place (Keyed *k, const char *key, GList *after)
{
  if (after)
    g_queue_insert_after (&k->order, after, (gpointer) key);
  else
    g_queue_push_head (&k->order, (gpointer) key);
  g_hash_table_insert (k->placed, (gpointer) key, after ? after->next : k->order.head);
}

/* Places the elements of @keys not placed yet, each after the element it follows
 * there (or first). */
static void
place_after_neighbours (Keyed *k, GPtrArray *keys)
{
  GList *previous = NULL;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      GList *link = g_hash_table_lookup (k->placed, key);

      if (link == NULL && keyed_present (k, key))
        {
          place (k, key, previous);
          link = g_hash_table_lookup (k->placed, key);
        }
      if (link)
        previous = link;
    }
}

static ChartaNode *
collect_keyed (Keyed *k)
{
  ChartaNode *result = charta_node_new_array ();
  GHashTableIter iter;
  gpointer value;

  for (GList *l = k->order.head; l; l = l->next)
    {
      charta_node_append (result, g_hash_table_lookup (k->merged, l->data));
      g_hash_table_remove (k->merged, l->data);
    }
  /* Every merged element was placed: what is left stands for "absent". */
  g_hash_table_iter_init (&iter, k->merged);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert (value == k->merged);
  return result;
}

/* Elements by identity. The order is the order of the side that reordered (of "ours"
 * when both did), with the other side's new elements after their neighbours. */
static ChartaNode *
merge_keyed (Merge *m, ArrayKind kind, const ChartaNode *b, ChartaNode *o, ChartaNode *t)
{
  gboolean unique = TRUE;
  Index bi, oi, ti;
  Index *sides[3] = { &oi, &ti, &bi };
  Index *skeleton;
  Keyed k = { NULL, G_QUEUE_INIT, NULL };
  ChartaNode *result = NULL;

  index_elements (&bi, b, kind, &unique);
  index_elements (&oi, o, kind, &unique);
  index_elements (&ti, t, kind, &unique);
  if (!unique)
    goto out;
  skeleton = same_order (&oi, &bi) ? &ti : &oi;
  k.merged = g_hash_table_new (key_hash, g_str_equal);
  k.placed = g_hash_table_new (key_hash, g_str_equal);
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    for (guint i = 0; i < sides[s]->keys->len; i++)
      merge_element (m, &k, g_ptr_array_index (sides[s]->keys, i), &bi, &oi, &ti);

  for (guint i = 0; i < skeleton->keys->len; i++)
    {
      const char *key = g_ptr_array_index (skeleton->keys, i);
      if (keyed_present (&k, key))
        place (&k, key, k.order.tail);
    }
  place_after_neighbours (&k, (skeleton == &oi ? &ti : &oi)->keys);
  place_after_neighbours (&k, bi.keys);
  result = collect_keyed (&k);
  g_queue_clear (&k.order);
  g_hash_table_unref (k.placed);
  g_hash_table_unref (k.merged);
out:
  index_clear (&bi);
  index_clear (&oi);
  index_clear (&ti);
  return result;
}

typedef struct {
  int base, ours, theirs, merged, written;
} Count;

static void
count_strings (GHashTable *counts, const ChartaNode *array, gsize offset)
{
  for (guint i = 0; array && i < array->array->len; i++)
    {
      const char *s = ((ChartaNode *) g_ptr_array_index (array->array, i))->string;
      Count *c = g_hash_table_lookup (counts, s);
      if (c == NULL)
        {
          c = g_new0 (Count, 1);
          g_hash_table_insert (counts, (gpointer) s, c);
        }
      (*(int *) ((char *) c + offset))++;
    }
}

static void
emit_strings (ChartaNode *result, GHashTable *counts, const ChartaNode *array)
{
  for (guint i = 0; array && i < array->array->len; i++)
    {
      const char *s = ((ChartaNode *) g_ptr_array_index (array->array, i))->string;
      Count *c = g_hash_table_lookup (counts, s);
      if (c->written < c->merged)
        {
          charta_node_append (result, charta_node_new_string (s));
          c->written++;
        }
    }
}

/* Lists of strings (linked items, partner ids, frameworks, participants) as sets,
 * or rather multisets: each value's count merges like a field. The order is that of
 * "ours", then what only "theirs" added, in its order. NULL when the counts of a value
 * conflict (one side removed it, the other added another copy). */
static ChartaNode *
merge_strings (const ChartaNode *b, const ChartaNode *o, const ChartaNode *t)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  Count *c;
  ChartaNode *result;

  count_strings (counts, b, G_STRUCT_OFFSET (Count, base));
  count_strings (counts, o, G_STRUCT_OFFSET (Count, ours));
  count_strings (counts, t, G_STRUCT_OFFSET (Count, theirs));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      if (c->ours == c->base || c->ours == c->theirs)
        c->merged = c->theirs;
      else if (c->theirs == c->base)
        c->merged = c->ours;
      else
        return NULL;
    }
  result = charta_node_new_array ();
  emit_strings (result, counts, o);
  emit_strings (result, counts, t);
  return result;
}

static ChartaNode *
merge_array (Merge *m, const ChartaNode *b, ChartaNode *o, ChartaNode *t)
{
  ArrayKind kind = array_kind (b, o, t);

  switch (kind)
    {
    case ARRAY_BY_ID:
    case ARRAY_BY_DATE:
      return merge_keyed (m, kind, b, o, t);
    case ARRAY_STRINGS:
      return merge_strings (b, o, t);
    case ARRAY_OTHER:
    default:
      return NULL;
    }
}

/* ---- values ---- */

static gboolean
is_type (const ChartaNode *node, ChartaNodeType type)
{
  return node != NULL && node->type == type;
}

static gboolean
array_or_absent (const ChartaNode *node)
{
  return node == NULL || node->type == CHARTA_NODE_ARRAY;
}

/* @b: the value in the base; @os, @ts: where the value is in ours and theirs (NULL, or
 * holding NULL, where absent); @key: the member name it has in its object, if any.
 * Returns the merged value, NULL for absent; values taken whole are moved out of
 * their place in ours or theirs, not copied. */
static ChartaNode *
merge_value (Merge *m, const ChartaNode *b, ChartaNode **os, ChartaNode **ts, const char *key)
{
  ChartaNode *o = at (os), *t = at (ts);
  ChartaNode *result = NULL;

  if (m->forced && g_hash_table_contains (m->forced, m->path->str))
    {
      if (!charta_node_equal (o, t))
        add_conflict (m, b, o, t);
      return take (os);
    }
  if (charta_node_equal (o, t) || charta_node_equal (b, t))
    return take (os);
  if (charta_node_equal (b, o))
    return take (ts);
  /* A deletion against nothing but a newer time stamp is no conflict. */
  if (b != NULL && ((o == NULL && equal_except_changed (b, t)) || (t == NULL && equal_except_changed (b, o))))
    return NULL;
  if (is_changed_key (key))
    return take (later_stamp (o, t) == o ? os : ts);
  if (is_type (o, CHARTA_NODE_OBJECT) && is_type (t, CHARTA_NODE_OBJECT))
    return merge_object (m, is_type (b, CHARTA_NODE_OBJECT) ? b : NULL, o, t);
  if (array_or_absent (b) && array_or_absent (o) && array_or_absent (t))
    {
      /* The canonical form leaves an empty list out, so an absent list is an empty one
       * here: one side removing the last linked item is no deletion of the list. */
      result = merge_array (m, b, o, t);
      if (result && result->array->len == 0 && (o == NULL || t == NULL))
        {
          charta_node_free (result);
          return NULL;
        }
    }
  if (result == NULL)
    {
      add_conflict (m, b, o, t);
      result = take (os);
    }
  return result;
}

/* Leaves in *@ours and *@theirs what was not moved into the result. */
static ChartaNode *
merge_trees (const ChartaNode *base, ChartaNode **ours, ChartaNode **theirs, GHashTable *forced,
             ChartaNode *conflicts)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Merge m = { forced && g_hash_table_size (forced) > 0 ? forced : NULL, conflicts, path };

  return merge_value (&m, base, ours, theirs, NULL);
}

ChartaNode *
charta_merge_nodes (const ChartaNode *base,
                    ChartaNode       *ours,
                    ChartaNode       *theirs,
                    GHashTable       *forced,
                    ChartaNode       *conflicts)
{
  ChartaNode *result;

  g_return_val_if_fail (conflicts != NULL && conflicts->type == CHARTA_NODE_ARRAY, NULL);
  result = merge_trees (base, &ours, &theirs, forced, conflicts);
  charta_node_free (ours);
  charta_node_free (theirs);
  return result;
}

/* ---- conflict markers ---- */

static gboolean
is_marker_line (const char *p, const char *end)
{
  static const char marks[] = "<=>|";

  if (end - p < 7 || strchr (marks, *p) == NULL || *p == '\0')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (p[i] != p[0])
      return FALSE;
  /* "<<<<<<< ours", "=======", ">>>>>>> theirs", "||||||| base" */
  return p + 7 == end || p[7] == ' ' || p[7] == '\n' || p[7] == '\r';
}

gboolean
charta_merge_find_conflict_markers (const char *data, gsize len, guint *line)
{
  const char *end = data + len;
  const char *p = data;
  guint n = 1;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      if (is_marker_line (p, end))
        {
          if (line)
            *line = n;
          return TRUE;
        }
      if (eol == NULL)
        break;
      p = eol + 1;
      n++;
    }
  return FALSE;
}

gboolean
charta_merge_explain_conflict_markers (const char *data, gsize len, const char *display_name, GError **error)
{
  guint line = 0;

  if (!charta_merge_find_conflict_markers (data, len, &line))
    return FALSE;
  g_clear_error (error);
  g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_CONFLICT_MARKERS,
               /* Translators: %s:%u is FILE:LINE. Keep “charta-cli merge BASE OURS THEIRS -o FILE” as it is. */
               _("%s:%u:1: this file holds text conflict markers (“<<<<<<<”, “=======”, “>>>>>>>”) from a "
                 "merge that treated it as text, so it is no longer a project file. Merge the versions with "
                 "Charta instead: “charta-cli merge BASE OURS THEIRS -o FILE” (in git the three versions are "
                 ":1:FILE, :2:FILE and :3:FILE; Charta's merge driver for git does this by itself)"),
               display_name ? display_name : "-", line);
  return TRUE;
}

/* ---- counting ---- */

guint
charta_merge_count_conflicts (const ChartaProject *project)
{
  g_return_val_if_fail (project != NULL, 0);
  return project->conflicts ? project->conflicts->len : 0;
}

/* ---- loading the three versions ---- */

typedef struct {
  ChartaNode *tree;       /* of the canonical text, without "conflicts" */
  ChartaNode *conflicts;  /* the recorded conflicts it had, or NULL */
  char *id;
  gboolean checked;       /* loaded through the project loader already */
  gsize size;             /* of its text */
  GError *error;          /* why it did not load */
} Version;

static void
version_clear (Version *v)
{
  g_clear_pointer (&v->tree, charta_node_free);
  g_clear_pointer (&v->conflicts, charta_node_free);
  g_clear_pointer (&v->id, g_free);
  g_clear_error (&v->error);
  v->checked = FALSE;
  v->size = 0;
}

/* The text of @input: its data, or its file read now (into *@owned). */
static const char *
input_text (const ChartaMergeInput *input, char **owned, gsize *len, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (input->data != NULL || input->file == NULL)
    {
      *len = input->len;
      return input->data ? input->data : "";
    }
  if (!charta_file_load (input->file, CHARTA_PROJECT_MAX_SIZE, owned, len, NULL, NULL, &local_error))
    {
      g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, "%s: %s", input->name, local_error->message);
      return NULL;
    }
  return *owned;
}

static ChartaNode *
steal_member (ChartaNode *object, const char *key)
{
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *member = &g_array_index (object->members, ChartaMember, i);
      if (strcmp (member->key, key) == 0)
        {
          ChartaNode *value = member->value;
          if (!member->shared_key)
            g_free (member->key);
          g_array_remove_index (object->members, i);
          return value;
        }
    }
  return NULL;
}

/* Each version's canonical form is merged, so spelling differences (key order, `3.0`)
 * are no edits. A file Charta wrote is canonical already: its tree, parsed once, is the
 * one merged, and it is not loaded here — the merged result is, and the versions are
 * only when the result does not load (see charta_merge_data() for why nothing bad gets
 * through that way). Any other file goes through the project loader, so it is checked
 * as on open and its canonical text is merged: a file of another format version, with
 * ids in upper case or fields in another order; one too large, no JSON at all or with
 * git's conflict markers gets the loader's message, or the markers' one. */
static gboolean
load_version (const ChartaMergeInput *input, Version *v, GError **error)
{
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChartaNode) tree = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owned = NULL;
  ChartaMergeInput in = *input;
  const ChartaNode *id;
  gboolean laid_out = FALSE;
  gsize len;

  /* The text is only needed here: a file is read now and let go of once parsed. */
  in.data = input_text (input, &owned, &in.len, error);
  if (in.data == NULL)
    return FALSE;
  input = &in;
  v->size = input->len;
  if (input->len <= CHARTA_PROJECT_MAX_SIZE)
    tree = charta_json_parse_canonical (input->data, input->len, &laid_out, NULL);
  if (tree != NULL && laid_out && charta_project_tree_is_canonical_form (tree) &&
      (id = charta_node_get_member (tree, "id")) != NULL && id->type == CHARTA_NODE_STRING)
    {
      v->id = g_strdup (id->string);
      v->tree = g_steal_pointer (&tree);
      v->conflicts = steal_member (v->tree, CHARTA_MERGE_CONFLICTS_KEY);
      return TRUE;
    }
  v->checked = TRUE;
  if (tree != NULL)
    project = charta_project_load_from_kept_tree (tree, input->name, &local_error);
  else
    project = charta_project_load_from_data (input->data, input->len, input->name, &local_error);
  if (project == NULL)
    {
      if (!charta_merge_explain_conflict_markers (input->data, input->len, input->name, error))
        g_set_error_literal (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  v->id = g_strdup (project->id);
  if (tree != NULL && charta_project_is_data (project, input->data, input->len))
    v->tree = g_steal_pointer (&tree);
  else
    {
      text = charta_project_to_data (project, &len);
      v->tree = charta_json_parse (text, len, NULL, NULL, &local_error);
    }
  g_assert (v->tree != NULL);  /* the same bytes, or the writer's own output */
  v->conflicts = steal_member (v->tree, CHARTA_MERGE_CONFLICTS_KEY);
  return TRUE;
}

static gpointer
free_trees_thread (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

/* Freeing the trees of a large project takes a while and nothing waits for it: it is
 * done in a thread of its own, as the loader does with its parse tree. */
static void
free_trees_later (GPtrArray *trees, gsize size)
{
  GThread *thread = NULL;

  if (size > 1024 * 1024)
    thread = g_thread_try_new ("charta-merge-free", free_trees_thread, trees, NULL);
  if (thread)
    g_thread_unref (thread);
  else
    g_ptr_array_unref (trees);
}

static gboolean
same_project (const Version *base, const ChartaMergeInput *base_input,
              const Version *v, const ChartaMergeInput *input, GError **error)
{
  if (strcmp (base->id, v->id) == 0)
    return TRUE;
  g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_DIFFERENT_PROJECTS,
               /* Translators: FILE: ... project (id ID) ... FILE (id ID) */
               _("%s: this is another project (id %s) than %s (id %s); only versions of one project merge"),
               input->name, v->id, base_input->name, base->id);
  return FALSE;
}

static char **
conflict_paths (const ChartaProject *project)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; project->conflicts && i < project->conflicts->len; i++)
    {
      const ChartaConflict *conflict = g_ptr_array_index (project->conflicts, i);
      g_strv_builder_add (builder, conflict->path ? conflict->path : "?");
    }
  return g_strv_builder_end (builder);
}

typedef struct {
  const ChartaMergeInput *input;
  Version *version;
} LoadJob;

static gpointer
load_version_thread (gpointer data)
{
  LoadJob *job = data;

  load_version (job->input, job->version, &job->version->error);
  return NULL;
}

/* A missing base (a two-way merge) is left without a tree; the others' ids are
 * compared with the first version given. The versions are read and parsed at once,
 * each in a thread of its own (on two cores a large merge is ready about a fifth
 * sooner); the first that does not load, in the order given, is named. */
static gboolean
load_versions (const ChartaMergeInput **inputs, Version *v, GError **error)
{
  guint first = inputs[0] ? 0 : 1;
  GThread *threads[3] = { NULL, NULL, NULL };
  LoadJob jobs[3];

  /* Made once, before the threads read it. */
  charta_catalogue_get_default ();
  for (guint i = 0; i < 3; i++)
    {
      version_clear (&v[i]);
      jobs[i] = (LoadJob) { inputs[i], &v[i] };
      if (inputs[i] != NULL && i > first)
        threads[i] = g_thread_try_new ("charta-merge-load", load_version_thread, &jobs[i], NULL);
    }
  for (guint i = 0; i < 3; i++)
    {
      if (inputs[i] == NULL)
        continue;
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        load_version_thread (&jobs[i]);
    }
  for (guint i = 0; i < 3; i++)
    {
      if (inputs[i] == NULL)
        continue;
      if (v[i].error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&v[i].error));
          return FALSE;
        }
      if (!same_project (&v[first], inputs[first], &v[i], inputs[i], error))
        return FALSE;
    }
  return TRUE;
}

static char *
node_to_text (const ChartaNode *node)
{
  GString *out = g_string_new (NULL);
  charta_json_write (out, node, 0);
  return g_string_free (out, FALSE);
}

static GHashTable *
conflict_texts (const ChartaNode *conflicts)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; is_type (conflicts, CHARTA_NODE_ARRAY) && i < conflicts->array->len; i++)
    g_hash_table_add (texts, node_to_text (g_ptr_array_index (conflicts->array, i)));
  return texts;
}

/* Recorded conflicts carried over: those either side has, except one that was in the
 * base and that a side no longer has (it resolved it). Compared as text. */
static void
carry_conflicts (ChartaNode *into, GHashTable *seen, const Version *b, const Version *o, const Version *t)
{
  g_autoptr(GHashTable) in_base = conflict_texts (b->conflicts);
  g_autoptr(GHashTable) in_ours = conflict_texts (o->conflicts);
  g_autoptr(GHashTable) in_theirs = conflict_texts (t->conflicts);
  const ChartaNode *sides[2] = { o->conflicts, t->conflicts };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; is_type (sides[s], CHARTA_NODE_ARRAY) && i < sides[s]->array->len; i++)
      {
        ChartaNode *conflict = g_ptr_array_index (sides[s]->array, i);
        char *text = node_to_text (conflict);
        gboolean resolved = g_hash_table_contains (in_base, text) &&
                            !(g_hash_table_contains (in_ours, text) && g_hash_table_contains (in_theirs, text));

        if (resolved || g_hash_table_contains (seen, text))
          {
            g_free (text);
            continue;
          }
        g_hash_table_add (seen, text);
        charta_node_append (into, charta_node_copy (conflict));
      }
}

/* ---- making the result valid ---- */

/* The last line of @node's text as charta_json_write() lays it out. */
static guint
node_end (const ChartaNode *node)
{
  if (node->type == CHARTA_NODE_ARRAY && node->array->len > 0)
    return node_end (g_ptr_array_index (node->array, node->array->len - 1)) + 1;
  if (node->type == CHARTA_NODE_OBJECT && node->members->len > 0)
    return node_end (g_array_index (node->members, ChartaMember, node->members->len - 1).value) + 1;
  return node->line;
}

/* Appends to @chain the path of every value the merge visits that holds @line, outer
 * to inner. */
static void
find_units (const ChartaNode *node, GString *path, guint line, GPtrArray *chain)
{
  gsize len = path->len;
  ArrayKind kind;

  if (node->type == CHARTA_NODE_OBJECT)
    for (guint i = 0; i < node->members->len; i++)
      {
        ChartaMember *member = &g_array_index (node->members, ChartaMember, i);
        if (member->value->line <= line && line <= node_end (member->value))
          {
            path_push (path, member->key, FALSE);
            g_ptr_array_add (chain, g_strdup (path->str));
            find_units (member->value, path, line, chain);
            g_string_truncate (path, len);
            return;
          }
      }
  if (node->type != CHARTA_NODE_ARRAY)
    return;
  kind = array_kind (node, NULL, NULL);
  if (kind != ARRAY_BY_ID && kind != ARRAY_BY_DATE)
    return;  /* merged as one value */
  for (guint i = 0; i < node->array->len; i++)
    {
      ChartaNode *element = g_ptr_array_index (node->array, i);
      if (element->line <= line && line <= node_end (element))
        {
          path_push (path, element_key (element, kind), TRUE);
          g_ptr_array_add (chain, g_strdup (path->str));
          find_units (element, path, line, chain);
          g_string_truncate (path, len);
          return;
        }
    }
}

/* A merge of two valid versions can still break a rule across fields: a due date
 * before a start date that came from the other side, an owner the other side
 * deleted. For each problem the loader reports, the innermost merged value at its
 * line is taken from "ours" whole (recorded as a conflict) — or, if that was done
 * already, the value around it. Returns FALSE when nothing is left to take. */
static gboolean
force_problems (const char *text, gsize len, const char *name, const char *messages, GHashTable *forced)
{
  g_autoptr(ChartaNode) tree = charta_json_parse (text, len, NULL, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (messages, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);
  gboolean added = FALSE;

  g_assert (tree != NULL);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) path = g_string_new (NULL);
      guint line;
      gint j;

      if (!g_str_has_prefix (lines[i], prefix) || sscanf (lines[i] + strlen (prefix), "%u:", &line) != 1)
        continue;
      g_ptr_array_add (chain, g_strdup (""));
      find_units (tree, path, line, chain);
      for (j = chain->len - 1; j >= 0 && g_hash_table_contains (forced, g_ptr_array_index (chain, j)); j--)
        ;
      if (j >= 0)
        {
          g_hash_table_add (forced, g_strdup (g_ptr_array_index (chain, j)));
          added = TRUE;
        }
    }
  return added;
}

/* ---- the merge of three files ---- */

/* Each version not loaded yet (see load_version()) through the project loader: the
 * first one that does not load is named, with the loader's messages. */
static gboolean
check_versions (const ChartaMergeInput **inputs, const Version *v, GError **error)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ChartaProject) project = NULL;
      g_autoptr(GError) local_error = NULL;

      g_autofree char *owned = NULL;
      const char *data;
      gsize len;

      if (inputs[i] == NULL || v[i].checked)
        continue;
      data = input_text (inputs[i], &owned, &len, error);
      if (data == NULL)
        return FALSE;
      if (owned != NULL)
        project = charta_project_load_from_owned_data (g_steal_pointer (&owned), len, inputs[i]->name, &local_error);
      else
        project = charta_project_load_from_data (data, len, inputs[i]->name, &local_error);
      if (project == NULL)
        {
          g_set_error_literal (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}


/* Merges the three versions' trees (ours and theirs are used up) and adds the
 * conflicts, carried over and new, as the "conflicts" member. What is left of the
 * trees is added to @leftovers. */
static ChartaNode *
merge_once (Version *v, GHashTable *forced, GPtrArray *leftovers)
{
  ChartaNode *ours = g_steal_pointer (&v[1].tree);
  ChartaNode *theirs = g_steal_pointer (&v[2].tree);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(ChartaNode) fresh = charta_node_new_array ();
  ChartaNode *all = charta_node_new_array ();
  ChartaNode *merged;

  carry_conflicts (all, seen, &v[0], &v[1], &v[2]);
  merged = merge_trees (v[0].tree, &ours, &theirs, forced, fresh);
  g_ptr_array_add (leftovers, g_steal_pointer (&v[0].tree));
  g_ptr_array_add (leftovers, ours);
  g_ptr_array_add (leftovers, theirs);
  for (guint i = 0; i < fresh->array->len; i++)
    {
      char *text = node_to_text (g_ptr_array_index (fresh->array, i));
      if (g_hash_table_contains (seen, text))
        {
          g_free (text);
          continue;
        }
      g_hash_table_add (seen, text);
      charta_node_append (all, g_steal_pointer ((ChartaNode **) &fresh->array->pdata[i]));
    }
  if (all->array->len > 0 && merged->type == CHARTA_NODE_OBJECT)
    append_member (merged, CHARTA_MERGE_CONFLICTS_KEY, all);
  else
    charta_node_free (all);
  return merged;
}

static char *
merged_to_text (ChartaNode *merged, gsize size)
{
  GPtrArray *trees = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_node_free);
  char *text = node_to_text (merged);

  g_ptr_array_add (trees, merged);
  free_trees_later (trees, size);
  return text;
}

/* The merged tree (taken) straight through the loader and the canonical writer, with
 * no text in between. NULL when it is not valid, or too large to be sure it would fit
 * as text: the text path then finds the problems' lines, or the size, as before. */
static char *
load_merged_tree (ChartaNode *merged, gsize size, const char *name, gsize *out_len, char ***paths)
{
  /* What is left of the tree is freed in a thread (see charta_project_load_from_tree()). */
  g_autoptr(ChartaProject) project = charta_project_load_from_tree (merged, size, name, NULL);
  char *result;
  gsize len;

  if (project == NULL)
    return NULL;
  result = charta_project_to_data (project, &len);
  /* The text of the merged tree is as long as the result but for its last line break. */
  if (len > CHARTA_PROJECT_MAX_SIZE - 4096)
    {
      g_free (result);
      return NULL;
    }
  if (out_len)
    *out_len = len;
  if (paths)
    *paths = conflict_paths (project);
  return result;
}

/* The result through the loader and the canonical writer; *@text is freed once it
 * loaded, and kept to find the problems when it did not. */
static char *
load_result (char **text, gsize len, const char *name, gsize *out_len, char ***paths, GError **error)
{
  g_autoptr(ChartaProject) project = charta_project_load_from_data (*text, len, name, error);
  char *result;

  if (project == NULL)
    return NULL;
  g_clear_pointer (text, g_free);
  result = charta_project_to_data (project, out_len);
  if (paths)
    *paths = conflict_paths (project);
  return result;
}

char *
charta_merge_data (const ChartaMergeInput *base,
                   const ChartaMergeInput *ours,
                   const ChartaMergeInput *theirs,
                   gsize                  *out_len,
                   char                 ***paths,
                   GError                **error)
{
  const ChartaMergeInput *inputs[3] = { base, ours, theirs };
  g_autoptr(GHashTable) forced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Version v[3] = { { NULL } };
  char *result = NULL;
  gboolean via_text = FALSE;

  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);
  for (guint round = 0; result == NULL;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *text = NULL;
      GPtrArray *leftovers;
      ChartaNode *merged;
      gsize len;

      /* A repair round merges again from the files: the last merge used up the trees. */
      if (!load_versions (inputs, v, error))
        break;
      leftovers = g_ptr_array_new_with_free_func ((GDestroyNotify) charta_node_free);
      merged = merge_once (v, forced, leftovers);
      if (!via_text)
        {
          /* Most merges are valid as they come; one that is not is merged again and
           * loaded as text, whose lines say where the problems are. What is left of
           * the versions' trees is freed once the result is loaded: freed in a
           * thread while it loads, the two threads took turns at the allocator's
           * lock (a tenth of the merge's time in futex calls). */
          result = load_merged_tree (merged, v[1].size, ours->name, out_len, paths);
          free_trees_later (leftovers, v[1].size);
          via_text = result == NULL;
          /* The versions are checked now, before the result is repaired: a problem
           * of one of them is that file's, not the merge's.
           *
           * Why checking them only now lets nothing bad through: a value of a version
           * that is not valid either ends in the result, which then does not load, so
           * the versions are checked and the file named (exit 2, nothing written); or
           * it does not end in it, and then it was the old value of a field that the
           * other side changed (the base's, and the unchanged side's, which is the
           * base's), a value both sides changed or deleted (the base's alone), or the
           * losing side of a recorded conflict, kept in the conflict as it was and
           * checked when the conflict is resolved with it. In none of these cases is
           * a value of either side lost; the files themselves are never written. */
          if (via_text && !check_versions (inputs, v, error))
            break;
          continue;
        }
      free_trees_later (leftovers, v[1].size);
      text = merged_to_text (merged, v[1].size);
      len = strlen (text);
      result = load_result (&text, len, ours->name, out_len, paths, &local_error);
      if (result == NULL &&
          (round++ == MAX_REPAIR_ROUNDS || !force_problems (text, len, ours->name, local_error->message, forced)))
        {
          g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID,
                       /* Translators: %s: the loader's messages about the merged project */
                       _("the merged project would not be valid:\n%s"), local_error->message);
          break;
        }
    }
  for (guint i = 0; i < 3; i++)
    version_clear (&v[i]);
  return result;
}

/* ---- resolving a recorded conflict ---- */

/* One step of a conflict's path: a member name or an element's identity. */
static GPtrArray *
parse_path (const char *path)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);
  const char *p = path;

  while (*p)
    {
      if (*p == '[')
        {
          const char *q = p + 1;
          g_autoptr(ChartaNode) key = NULL;

          if (*q != '"')
            break;
          for (q++; *q && *q != '"'; q++)
            if (*q == '\\' && q[1])
              q++;
          if (*q != '"' || q[1] != ']')
            break;
          key = charta_json_parse (p + 1, q + 1 - (p + 1), NULL, NULL, NULL);
          if (key == NULL || key->type != CHARTA_NODE_STRING)
            break;
          g_ptr_array_add (steps, g_strdup (key->string));
          p = q + 2;
          continue;
        }
      if (*p == '.' && p != path)
        p++;
      else if (p != path)
        break;
      {
        const char *start = p;
        while (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
          p++;
        if (p == start)
          break;
        g_ptr_array_add (steps, g_strndup (start, p - start));
      }
    }
  if (*p != '\0')
    g_clear_pointer (&steps, g_ptr_array_unref);
  return steps;
}

/* The place of @key in @node: a member of an object, or the element of an array whose
 * "id" (or "date") is @key. */
static ChartaNode **
child_slot (ChartaNode *node, const char *key)
{
  if (node->type == CHARTA_NODE_OBJECT)
    return member_slot (node, NULL, key);
  if (node->type != CHARTA_NODE_ARRAY)
    return NULL;
  for (guint i = 0; i < node->array->len; i++)
    {
      ChartaNode *element = g_ptr_array_index (node->array, i);
      if (g_strcmp0 (string_member (element, "id"), key) == 0 || g_strcmp0 (string_member (element, "date"), key) == 0)
        return (ChartaNode **) &node->array->pdata[i];
    }
  return NULL;
}

/* Writes @value (taken; NULL removes) at @key of @parent. */
static gboolean
set_child (ChartaNode *parent, const char *key, ChartaNode *value)
{
  ChartaNode **slot = child_slot (parent, key);

  if (parent->type == CHARTA_NODE_OBJECT)
    {
      if (value)
        charta_node_set_member (parent, key, value);
      else
        charta_node_free (steal_member (parent, key));
      return TRUE;
    }
  if (parent->type != CHARTA_NODE_ARRAY)
    {
      charta_node_free (value);
      return FALSE;
    }
  if (slot && value)
    {
      charta_node_free (*slot);
      *slot = value;
    }
  else if (slot)
    {
      charta_node_free (*slot);
      g_ptr_array_remove_index (parent->array, slot - (ChartaNode **) parent->array->pdata);
    }
  else if (value)
    charta_node_append (parent, value);
  return TRUE;
}

ChartaProject *
charta_merge_resolve (const ChartaProject *project,
                      guint                index,
                      ChartaMergeChoice    choice,
                      const ChartaNode    *value,
                      GError             **error)
{
  g_autoptr(ChartaProject) copy = NULL;
  g_autoptr(ChartaConflict) conflict = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(ChartaNode) tree = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *result = NULL;
  const ChartaNode *chosen;
  ChartaNode *node;
  ChartaProject *resolved;
  gsize len;

  g_return_val_if_fail (project != NULL, NULL);
  if (project->conflicts == NULL || index >= project->conflicts->len)
    {
      g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID,
                   _("There is no conflict number %u in this project"), index + 1);
      return NULL;
    }
  copy = charta_project_copy (project);
  conflict = g_ptr_array_steal_index (copy->conflicts, index);
  switch (choice)
    {
    case CHARTA_MERGE_TAKE_OURS: chosen = conflict->ours; break;
    case CHARTA_MERGE_TAKE_THEIRS: chosen = conflict->theirs; break;
    case CHARTA_MERGE_TAKE_BASE: chosen = conflict->base; break;
    case CHARTA_MERGE_TAKE_VALUE:
    default: chosen = value; break;
    }
  steps = conflict->path ? parse_path (conflict->path) : NULL;
  text = charta_project_to_data (copy, &len);
  tree = charta_json_parse (text, len, NULL, NULL, NULL);
  g_assert (tree != NULL);  /* the writer's own output */
  node = tree;
  for (guint i = 0; steps && node && i + 1 < steps->len; i++)
    node = at (child_slot (node, g_ptr_array_index (steps, i)));
  if (steps == NULL || node == NULL ||
      (steps->len == 0 && (chosen == NULL || chosen->type != CHARTA_NODE_OBJECT)))
    {
      g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID,
                   /* Translators: %s: a place in the project, e.g. actions["a1"].status */
                   _("The conflict at %s no longer leads to a place in the project"),
                   conflict->path ? conflict->path : "?");
      return NULL;
    }
  if (steps->len == 0)
    {
      /* The whole project: keep the other conflicts still recorded. */
      ChartaNode *whole = charta_node_copy (chosen);
      ChartaNode *rest = steal_member (tree, CHARTA_MERGE_CONFLICTS_KEY);
      charta_node_free (steal_member (whole, CHARTA_MERGE_CONFLICTS_KEY));
      if (rest)
        append_member (whole, CHARTA_MERGE_CONFLICTS_KEY, rest);
      charta_node_free (tree);
      tree = whole;
    }
  else if (!set_child (node, g_ptr_array_index (steps, steps->len - 1), chosen ? charta_node_copy (chosen) : NULL))
    {
      g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID,
                   _("The conflict at %s no longer leads to a place in the project"), conflict->path);
      return NULL;
    }
  result = node_to_text (tree);
  resolved = charta_project_load_from_data (result, strlen (result), conflict->path, &local_error);
  if (resolved == NULL)
    {
      g_set_error (error, CHARTA_MERGE_ERROR, CHARTA_MERGE_ERROR_INVALID,
                   /* Translators: %s: the loader's messages, one per line */
                   _("This value cannot be used here:\n%s"), local_error->message);
      return NULL;
    }
  return resolved;
}

/* ---- sync clients' conflict copies ---- */

gboolean
charta_merge_is_conflict_copy (const char *name, const char *candidate)
{
  const char *dot;
  g_autofree char *stem = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;

  g_return_val_if_fail (name != NULL && candidate != NULL, FALSE);
  dot = strrchr (name, '.');
  stem = g_regex_escape_string (name, dot && dot != name ? (int) (dot - name) : -1);
  ext = g_regex_escape_string (dot && dot != name ? dot : "", -1);
  pattern = g_strconcat ("^", stem,
                         "(?:"
                         /* Nextcloud, ownCloud, Dropbox ("Anna's conflicted copy") */
                         " \\((?:[^()]*['’]s )?conflicted copy[^()]*\\)(?: \\([0-9]+\\))?"
                         /* newer ownCloud */
                         "|_conflict-[0-9]{8}-[0-9]{6}"
                         /* Syncthing */
                         "|\\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]{7}"
                         ")", ext, "$", NULL);
  regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  return regex != NULL && g_regex_match (regex, candidate, 0, NULL);
}

/* ---- describing a conflict's place ---- */

#define FIND_TITLE(list, Type, field)                                       \
  for (guint i = 0; (list) && i < (list)->len; i++)                        \
    {                                                                       \
      const Type *object = g_ptr_array_index ((list), i);                   \
      if (g_strcmp0 (object->id, id) == 0)                                  \
        return object->field;                                               \
    }

static const char *
find_title (const ChartaProject *project, const char *list, const char *id)
{
  if (g_strcmp0 (list, "actions") == 0)
    FIND_TITLE (project->actions, ChartaAction, title);
  if (g_strcmp0 (list, "measures") == 0)
    FIND_TITLE (project->measures, ChartaMeasure, title);
  if (g_strcmp0 (list, "consultations") == 0)
    FIND_TITLE (project->consultations, ChartaConsultation, title);
  if (g_strcmp0 (list, "people") == 0)
    FIND_TITLE (project->people, ChartaPerson, name);
  if (g_strcmp0 (list, "partners") == 0)
    FIND_TITLE (project->partners, ChartaPartner, name);
  if (g_strcmp0 (list, "comments") == 0)
    FIND_TITLE (project->comments, ChartaComment, text);
  return NULL;
}

/* The translated name of one entry of a list in the file. */
static const char *
entry_label (const char *list)
{
  static const struct { const char *list; const char *label; } labels[] = {
    { "actions", N_("Action") },
    { "measures", N_("Measure") },
    { "consultations", N_("Meeting") },
    { "people", N_("Person") },
    { "partners", N_("Partner") },
    { "comments", N_("Comment") },
    { "rounds", N_("Round") },
    { "reviews", N_("Review") },
    { "programmes", N_("Programme") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].list, list) == 0)
      return _(labels[i].label);
  return list;
}

char *
charta_merge_describe_path (const ChartaProject *project, const char *path)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *title;

  g_return_val_if_fail (project != NULL && path != NULL, NULL);
  steps = parse_path (path);
  if (steps == NULL || steps->len < 2)
    return g_strdup (path);
  title = find_title (project, g_ptr_array_index (steps, 0), g_ptr_array_index (steps, 1));
  if (g_strcmp0 (g_ptr_array_index (steps, 0), "assessments") == 0)
    /* Translators: %s is a catalogue item's id, e.g. "ICC-2.3" */
    g_string_printf (out, _("Assessment of %s"), (const char *) g_ptr_array_index (steps, 1));
  else if (title != NULL)
    /* Translators: what an entry is (e.g. "Action") and its title */
    g_string_printf (out, _("%s “%s”"), entry_label (g_ptr_array_index (steps, 0)), title);
  else
    /* Translators: what an entry is (e.g. "Action") and its id */
    g_string_printf (out, _("%s %s"), entry_label (g_ptr_array_index (steps, 0)),
                     (const char *) g_ptr_array_index (steps, 1));
  for (guint i = 2; i < steps->len; i++)
    g_string_append_printf (out, " › %s", (const char *) g_ptr_array_index (steps, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
