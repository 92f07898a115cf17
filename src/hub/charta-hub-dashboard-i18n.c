/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-dashboard"
#include "config.h"

#include <string.h>

#include "charta-hub-dashboard-i18n.h"

#define MO_MAGIC 0x950412de
#define MO_MAGIC_SWAPPED 0xde120495

typedef struct {
  char *lang;
  GMappedFile *file;
  GHashTable *strings;   /* msgid → translation, both inside the mapped file */
} Catalogue;

struct _ChartaHubMessages {
  GPtrArray *catalogues;  /* of Catalogue, read-only once loaded */
};

static void
catalogue_free (gpointer data)
{
  Catalogue *catalogue = data;

  g_free (catalogue->lang);
  g_clear_pointer (&catalogue->strings, g_hash_table_unref);
  g_clear_pointer (&catalogue->file, g_mapped_file_unref);
  g_free (catalogue);
}

static guint32
read_word (const guint8 *data, gsize offset, gboolean swapped)
{
  guint32 word;

  memcpy (&word, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (word) : word;
}

/* The NUL-terminated string a .mo table entry at @entry points to, or NULL when the file
 * lies about it. */
static const char *
mo_string (const guint8 *data, gsize size, gsize entry, gboolean swapped)
{
  guint32 length, offset;

  if (entry + 8 > size)
    return NULL;
  length = read_word (data, entry, swapped);
  offset = read_word (data, entry + 4, swapped);
  if ((gsize) offset + length >= size || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

/* The GNU .mo format: a header of 32-bit words (magic, revision, count, the offsets of
 * the originals' and the translations' tables), then (length, offset) pairs. */
static GHashTable *
read_mo (GMappedFile *file)
{
  const guint8 *data = (const guint8 *) g_mapped_file_get_contents (file);
  gsize size = g_mapped_file_get_length (file);
  g_autoptr(GHashTable) strings = g_hash_table_new (g_str_hash, g_str_equal);
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (size < 28)
    return NULL;
  magic = read_word (data, 0, FALSE);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return NULL;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_word (data, 8, swapped);
  originals = read_word (data, 12, swapped);
  translations = read_word (data, 16, swapped);
  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid = mo_string (data, size, (gsize) originals + 8 * (gsize) i, swapped);
      const char *msgstr = mo_string (data, size, (gsize) translations + 8 * (gsize) i, swapped);

      if (msgid == NULL || msgstr == NULL)
        return NULL;
      /* The header ("" → metadata) and untranslated entries are not translations. */
      if (*msgid != '\0' && *msgstr != '\0')
        g_hash_table_insert (strings, (gpointer) msgid, (gpointer) msgstr);
    }
  return g_steal_pointer (&strings);
}

static Catalogue *
load_catalogue (const char *localedir, const char *lang)
{
  g_autofree char *path = g_build_filename (localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  Catalogue *catalogue;
  GHashTable *strings;

  if (file == NULL)
    return NULL;
  strings = read_mo (file);
  if (strings == NULL)
    {
      g_warning ("event=catalogue-unreadable path=\"%s\"", path);
      return NULL;
    }
  catalogue = g_new0 (Catalogue, 1);
  catalogue->lang = g_strdup (lang);
  catalogue->file = g_steal_pointer (&file);
  catalogue->strings = strings;
  return catalogue;
}

ChartaHubMessages *
charta_hub_messages_load (const char *localedir)
{
  ChartaHubMessages *self = g_new0 (ChartaHubMessages, 1);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (localedir == NULL)
    localedir = g_getenv ("CHARTA_LOCALEDIR");
  if (localedir == NULL)
    localedir = LOCALEDIR;
  self->catalogues = g_ptr_array_new_with_free_func (catalogue_free);
  dir = g_dir_open (localedir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      Catalogue *catalogue = load_catalogue (localedir, name);

      if (catalogue != NULL)
        g_ptr_array_add (self->catalogues, catalogue);
    }
  return self;
}

void
charta_hub_messages_free (ChartaHubMessages *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->catalogues, g_ptr_array_unref);
  g_free (self);
}

static Catalogue *
find_catalogue (ChartaHubMessages *self, const char *lang)
{
  for (guint i = 0; lang != NULL && i < self->catalogues->len; i++)
    {
      Catalogue *catalogue = g_ptr_array_index (self->catalogues, i);

      if (g_ascii_strcasecmp (catalogue->lang, lang) == 0)
        return catalogue;
    }
  return NULL;
}

/* The catalogue for one language range of Accept-Language ("nl-BE", "pt_BR", "de"):
 * the exact one, else its primary language's. */
static const char *
match_range (ChartaHubMessages *self, const char *range)
{
  g_autofree char *tag = g_strdelimit (g_strdup (range), "-", '_');
  Catalogue *catalogue = find_catalogue (self, tag);
  char *sub;

  if (catalogue == NULL && (sub = strchr (tag, '_')) != NULL)
    {
      *sub = '\0';
      catalogue = find_catalogue (self, tag);
    }
  if (g_ascii_strncasecmp (range, "en", 2) == 0 && (range[2] == '\0' || range[2] == '-'))
    return "en";
  return catalogue ? catalogue->lang : NULL;
}

const char *
charta_hub_messages_pick (ChartaHubMessages *self, const char *accept_language)
{
  g_auto(GStrv) ranges = NULL;
  const char *best = "en";
  double best_q = 0;

  g_return_val_if_fail (self != NULL, "en");

  if (accept_language == NULL || strlen (accept_language) > 1024)
    return best;
  ranges = g_strsplit (accept_language, ",", 32);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (ranges[i], ";", 2);
      const char *q = parts[0] && parts[1] ? strstr (parts[1], "q=") : NULL;
      double weight = q ? g_ascii_strtod (q + 2, NULL) : 1.0;
      const char *lang;

      if (parts[0] == NULL)
        continue;
      g_strstrip (parts[0]);
      lang = match_range (self, parts[0]);
      /* The first of equal weights wins: the header lists them in the reader's order. */
      if (lang != NULL && weight > best_q)
        {
          best = lang;
          best_q = weight;
        }
    }
  return best;
}

const char *
charta_hub_messages_get (ChartaHubMessages *self, const char *lang, const char *msgid)
{
  Catalogue *catalogue;
  const char *text;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (self == NULL || *msgid == '\0')
    return msgid;
  catalogue = find_catalogue (self, lang);
  text = catalogue ? g_hash_table_lookup (catalogue->strings, msgid) : NULL;
  return text ? text : msgid;
}

const char *
charta_hub_messages_pget (ChartaHubMessages *self, const char *lang, const char *context, const char *msgid)
{
  /* A .mo file keys a text with a context as "context\004msgid". */
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *text = charta_hub_messages_get (self, lang, key);

  return text == key ? msgid : text;
}
