/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <string.h>

#include "charta-export-text.h"
#include "charta-export-text-private.h"

typedef struct {
  PangoRectangle logical;
  int baseline;
  int start_index;
  GSList *runs;              /* of PangoGlyphItem, owned; NULL for a layout's lines */
} Line;

struct _ChartaExportFont {
  PangoContext *context;
  PangoAttrList *attrs;      /* the font description, for the whole text */
  PangoItem *latin;          /* an item of Latin letters, made when first needed */
  GHashTable *words;         /* a word of Latin text → its PangoGlyphString, shaped alone */
};

#define MAX_WORD 64          /* bytes of a word the cache keeps, its NUL included */
#define MAX_WORDS 50000      /* words a font keeps */

struct _ChartaExportText {
  grefcount ref;
  PangoLayout *layout;       /* the slow way's, or NULL */
  char *text;
  GArray *lines;             /* of Line; for a layout, made when first asked for */
  int width, height;
};

static void
clear_line (gpointer data)
{
  Line *line = data;

  g_slist_free_full (line->runs, (GDestroyNotify) pango_glyph_item_free);
}

static ChartaExportText *
text_alloc (void)
{
  ChartaExportText *self = g_new0 (ChartaExportText, 1);

  g_ref_count_init (&self->ref);
  self->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (self->lines, clear_line);
  return self;
}

/* What a PangoLayout does that this does not: an empty text's line of the font's height,
 * paragraphs (line and paragraph separators), tabs. */
static gboolean
needs_layout (const char *text)
{
  return *text == '\0' || strpbrk (text, "\n\r\t") != NULL || strstr (text, "\xe2\x80\xa8") != NULL ||
         strstr (text, "\xe2\x80\xa9") != NULL || strstr (text, "\xc2\x85") != NULL;
}

/* The item pango_itemize() makes of "a" in @font, made once. */
static PangoItem *
latin_item (ChartaExportFont *font)
{
  if (font->latin == NULL)
    {
      GList *items = pango_itemize (font->context, "a", 0, 1, font->attrs, NULL);

      g_assert (items != NULL && items->next == NULL);
      font->latin = items->data;
      g_list_free (items);
    }
  return font->latin;
}

/* Punctuation of Latin text beyond ASCII: of the common script, no emoji, no break rule
 * of its own that Pango's log attributes would not see (they are asked for). */
static gboolean
is_latin_punctuation (gunichar c)
{
  return c == 0x00AB || c == 0x00BB || c == 0x2013 || c == 0x2014 || c == 0x2018 || c == 0x2019 ||
         c == 0x201C || c == 0x201D || c == 0x2022 || c == 0x2026;
}

/* Printable ASCII, letters of Latin-1 and Latin Extended-A and a little punctuation, with
 * a letter among them, all in @font's face: one run, in the font, script and language of
 * any other such text (pango_itemize() gives them all the item it gives "a"). */
static gboolean
is_latin (ChartaExportFont *font, const char *text, int length)
{
  gboolean letter = FALSE;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (c < 0x20 || c > 0x7e)
            return FALSE;
          letter = letter || g_ascii_isalpha (c);
          continue;
        }
      if (!((c >= 0x00C0 && c <= 0x017F && c != 0x00D7 && c != 0x00F7) || is_latin_punctuation (c)))
        return FALSE;
      if (!pango_font_has_char (latin_item (font)->analysis.font, c))
        return FALSE;
      letter = letter || !is_latin_punctuation (c);
    }
  return letter;
}

/* A Latin word's glyphs (or a space's), shaped alone once, as a browser's word cache
 * does: in Latin text, no glyph of a word depends on the words around it (the test
 * compares every glyph with a layout's). A reference of the cache's, or a new string
 * when the cache does not keep it. */
static PangoGlyphString *
word_glyphs (ChartaExportFont *font, const char *word, int length, PangoShapeFlags flags, gboolean *kept)
{
  char key[MAX_WORD];
  PangoGlyphString *glyphs;

  *kept = length < MAX_WORD;
  if (*kept)
    {
      memcpy (key, word, length);
      key[length] = '\0';
      if ((glyphs = g_hash_table_lookup (font->words, key)) != NULL)
        return glyphs;
    }
  glyphs = pango_glyph_string_new ();
  pango_shape_with_flags (word, length, word, length, &font->latin->analysis, glyphs, flags);
  *kept = *kept && g_hash_table_size (font->words) < MAX_WORDS;
  if (*kept)
    g_hash_table_insert (font->words, g_strdup (key), glyphs);
  return glyphs;
}

/* A Latin ASCII text's glyphs: its words' and spaces', one after the other. */
static void
shape_latin (ChartaExportFont *font, const char *text, int length, PangoShapeFlags flags, PangoGlyphString *out)
{
  /* Room for a glyph a byte at once: words are copied in without growing the string. */
  pango_glyph_string_set_size (out, length);
  out->num_glyphs = 0;
  for (int i = 0, j; i < length; i = j)
    {
      int at = out->num_glyphs;
      gboolean kept;
      PangoGlyphString *word;

      for (j = i + 1; text[i] != ' ' && j < length && text[j] != ' '; j++)
        ;
      word = word_glyphs (font, text + i, j - i, flags, &kept);
      pango_glyph_string_set_size (out, at + word->num_glyphs);
      memcpy (out->glyphs + at, word->glyphs, word->num_glyphs * sizeof (PangoGlyphInfo));
      for (int k = 0; k < word->num_glyphs; k++)
        out->log_clusters[at + k] = word->log_clusters[k] + i;
      if (!kept)
        pango_glyph_string_free (word);
    }
}

/* The items of @text as pango_itemize() makes them. Itemizing costs as much as shaping
 * a short text, for most of it choosing the font; a @latin text's one item (see
 * is_latin()) is a copy of the first one's. */
static GList *
itemize (ChartaExportFont *font, const char *text, int length, gboolean latin)
{
  PangoItem *item;

  if (!latin)
    return pango_itemize (font->context, text, 0, length, font->attrs, NULL);
  item = pango_item_copy (latin_item (font));
  item->offset = 0;
  item->length = length;
  item->num_chars = g_utf8_strlen (text, length);
  return g_list_prepend (NULL, item);
}

/* The text's runs, shaped, in logical order; NULL when one is right-to-left. */
static GSList *
shape (ChartaExportFont *font, const char *text, int length)
{
  PangoContext *context = font->context;
  gboolean latin = is_latin (font, text, length);
  GList *items = itemize (font, text, length, latin);   /* one item of font->latin when latin */
  PangoShapeFlags flags = pango_context_get_round_glyph_positions (context) ? PANGO_SHAPE_ROUND_POSITIONS
                                                                             : PANGO_SHAPE_NONE;
  GSList *runs = NULL;
  gboolean ok = TRUE;

  for (GList *l = items; l != NULL; l = l->next)
    ok = ok && ((PangoItem *) l->data)->analysis.level % 2 == 0;
  for (GList *l = items; l != NULL; l = l->next)
    {
      PangoItem *item = l->data;
      PangoGlyphItem *run;

      if (!ok)
        {
          pango_item_free (item);
          continue;
        }
      run = g_slice_new0 (PangoGlyphItem);
      run->item = item;
      run->glyphs = pango_glyph_string_new ();
      if (latin)
        shape_latin (font, text, length, flags, run->glyphs);
      else
        pango_shape_with_flags (text + item->offset, item->length, text, length, &item->analysis, run->glyphs, flags);
      runs = g_slist_prepend (runs, run);
    }
  g_list_free (items);
  return g_slist_reverse (runs);
}

/* The line breaks and spaces of a plain ASCII text as pango_get_log_attrs() finds them
 * (Unicode's line breaking rules, UAX #14), for the letters, digits and punctuation whose
 * rules are simple: a break after spaces, but not before a closing or separating mark
 * (LB13); after a hyphen before a letter (LB21, LB25). FALSE for any other text, or one
 * with a separating mark before a digit or an exclamation or question mark before
 * anything but a space: Pango's rules then. /export/text/ascii-breaks checks it against
 * Pango on every text of up to four characters of letters, digits and ASCII punctuation. */
gboolean
_charta_export_text_ascii_log_attrs (const char *text, int length, PangoLogAttr *attrs)
{
  for (int i = 0; i < length; i++)
    {
      char c = text[i], next = i + 1 < length ? text[i + 1] : ' ';

      if (!g_ascii_isalnum (c) && strchr (" ,.;:!?'\"-", c) == NULL)
        return FALSE;
      if (strchr (",.;:", c) != NULL && g_ascii_isdigit (next))
        return FALSE;
      if ((c == '!' || c == '?') && next != ' ')
        return FALSE;
      if (c == '-' && !g_ascii_isalnum (next) && next != '-' && next != ' ')
        return FALSE;
    }
  memset (attrs, 0, sizeof (PangoLogAttr) * (length + 1));
  for (int i = 1; i <= length; i++)
    {
      char before = text[i - 1], c = i < length ? text[i] : '\0';

      attrs[i - 1].is_white = before == ' ';
      attrs[i].is_line_break = i == length || (before == ' ' && c != ' ' && strchr (",.;:!?", c) == NULL) ||
                               (before == '-' && g_ascii_isalpha (c));
    }
  return TRUE;
}

/* Where the lines of a one-run text start, as character offsets, breaking as
 * pango-layout.c's process_item() does with PANGO_WRAP_WORD_CHAR when every line can
 * break between words: the last break at which the line, less a space it ends with,
 * fits. FALSE when a line cannot (the layout would break inside a word and hyphenate). */
static gboolean
break_lines (const char *text, int length, PangoGlyphItem *run, int width, GArray *starts)
{
  int n_chars = run->item->num_chars;
  g_autofree PangoLogAttr *attrs = g_new (PangoLogAttr, n_chars + 1);
  g_autofree int *widths = g_new (int, n_chars);
  int start = 0;

  if (n_chars != length || !_charta_export_text_ascii_log_attrs (text, length, attrs))
    pango_get_log_attrs (text, length, -1, run->item->analysis.language, attrs, n_chars + 1);
  pango_glyph_item_get_logical_widths (run, text, widths);
  for (;;)
    {
      int line_width = 0, rest = 0, best = -1;

      for (int i = start; i < n_chars; i++)
        rest += widths[i];
      if (rest <= width)
        return TRUE;
      for (int i = start; i < n_chars; i++)
        {
          int extra = i > start && attrs[i - 1].is_white ? -widths[i - 1] : 0;

          if (line_width + extra > width)
            break;
          if (i > start && attrs[i].is_line_break)
            {
              if (attrs[i].break_inserts_hyphen || attrs[i].break_removes_preceding)
                return FALSE;
              best = i;
            }
          line_width += widths[i];
        }
      if (best < 0)
        return FALSE;
      g_array_append_val (starts, best);
      start = best;
    }
}

/* The logical extents of a line of @runs: the tallest run's, as a layout line's. */
static void
measure_line (Line *line)
{
  int ascent = 0, descent = 0, x = 0;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoRectangle logical;

      /* Every glyph of a font has the font's ascent and descent as its logical extents
       * (pangocairo-font.c), an empty glyph too: one glyph gives the run's. */
      if (run->glyphs->num_glyphs > 0)
        pango_glyph_string_extents_range (run->glyphs, 0, 1, run->item->analysis.font, NULL, &logical);
      else
        pango_glyph_string_extents (run->glyphs, run->item->analysis.font, NULL, &logical);
      ascent = MAX (ascent, -logical.y);
      descent = MAX (descent, logical.y + logical.height);
      x += pango_glyph_string_get_width (run->glyphs);
    }
  line->logical = (PangoRectangle) { 0, 0, x, ascent + descent };
  line->baseline = ascent;
}

/* Gives back the glyph slots a run does not use. pango_glyph_string_set_size() keeps room
 * for up to twice the glyphs (a power of two), and the rows of a long table are kept from
 * pagination to drawing: for 20,000 action titles, over 30 MB. `space` is the string's
 * private count of slots; pango_glyph_string_free() frees whatever it holds. */
static void
trim_glyphs (PangoGlyphString *glyphs)
{
  if (glyphs->num_glyphs == 0 || glyphs->space <= glyphs->num_glyphs)
    return;
  glyphs->glyphs = g_renew (PangoGlyphInfo, glyphs->glyphs, glyphs->num_glyphs);
  glyphs->log_clusters = g_renew (int, glyphs->log_clusters, glyphs->num_glyphs);
  glyphs->space = glyphs->num_glyphs;
}

static void
add_line (ChartaExportText *self, GSList *runs, int start_index)
{
  Line line = { .runs = runs, .start_index = start_index };

  for (GSList *l = runs; l != NULL; l = l->next)
    trim_glyphs (((PangoGlyphItem *) l->data)->glyphs);
  measure_line (&line);
  line.logical.y = self->height;
  line.baseline += self->height;
  self->height += line.logical.height;
  self->width = MAX (self->width, line.logical.width);
  g_array_append_val (self->lines, line);
}

/* As pango-layout.c's zero_line_final_trailing_whitespace(): a space a wrapped line ends
 * with, in a cluster of its own, becomes an empty glyph of no width. */
static void
empty_final_space (const char *text, PangoGlyphItem *run)
{
  PangoGlyphString *glyphs = run->glyphs;
  int last = glyphs->num_glyphs - 1;
  const char *end = text + run->item->offset + run->item->length;

  if (last < 0 || run->item->length == 0 || !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    return;
  if (last >= 1 && glyphs->log_clusters[last] == glyphs->log_clusters[last - 1])
    return;
  glyphs->glyphs[last].geometry.width = 0;
  glyphs->glyphs[last].glyph = PANGO_GLYPH_EMPTY;
}

/* Cuts the one run @runs holds where @starts (character offsets) say. */
static void
split_lines (ChartaExportText *self, GSList *runs, GArray *starts)
{
  PangoGlyphItem *rest = runs->data;
  int done = 0;

  g_slist_free (runs);
  for (guint i = 0; i < starts->len; i++)
    {
      int start = g_array_index (starts, int, i), offset = rest->item->offset;
      const char *from = self->text + offset;
      int index = g_utf8_offset_to_pointer (from, start - done) - from;

      PangoGlyphItem *line = pango_glyph_item_split (rest, self->text, index);

      empty_final_space (self->text, line);
      add_line (self, g_slist_prepend (NULL, line), offset);
      done = start;
    }
  add_line (self, g_slist_prepend (NULL, rest), rest->item->offset);
}

ChartaExportFont *
charta_export_font_new (PangoContext *context, const PangoFontDescription *description)
{
  ChartaExportFont *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (description != NULL, NULL);

  self = g_new0 (ChartaExportFont, 1);
  self->context = g_object_ref (context);
  self->attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->attrs, pango_attr_font_desc_new (description));
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pango_glyph_string_free);
  return self;
}

void
charta_export_font_free (ChartaExportFont *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->latin, pango_item_free);
  g_hash_table_unref (self->words);
  pango_attr_list_unref (self->attrs);
  g_object_unref (self->context);
  g_free (self);
}

ChartaExportText *
charta_export_text_new (ChartaExportFont *font, const char *text, int width)
{
  ChartaExportText *self;
  int length, total = 0;
  GSList *runs;
  g_autoptr(GArray) starts = NULL;

  g_return_val_if_fail (font != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  length = strlen (text);
  runs = needs_layout (text) ? NULL : shape (font, text, length);
  for (GSList *l = runs; l != NULL; l = l->next)
    total += pango_glyph_string_get_width (((PangoGlyphItem *) l->data)->glyphs);
  if (runs != NULL && width >= 0 && total > width)
    {
      starts = g_array_new (FALSE, FALSE, sizeof (int));
      if (runs->next != NULL || !break_lines (text, length, runs->data, width, starts))
        g_slist_free_full (g_steal_pointer (&runs), (GDestroyNotify) pango_glyph_item_free);
    }
  if (runs == NULL)
    {
      PangoLayout *layout = pango_layout_new (font->context);

      pango_layout_set_attributes (layout, font->attrs);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (layout, width);
      pango_layout_set_text (layout, text, length);
      return charta_export_text_new_for_layout (layout);
    }
  self = text_alloc ();
  self->text = g_strndup (text, length);
  if (starts != NULL)
    split_lines (self, runs, starts);
  else
    add_line (self, runs, 0);
  return self;
}

ChartaExportText *
charta_export_text_new_for_layout (PangoLayout *layout)
{
  ChartaExportText *self;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), NULL);

  self = text_alloc ();
  self->layout = layout;
  pango_layout_get_size (layout, &self->width, &self->height);
  return self;
}

ChartaExportText *
charta_export_text_ref (ChartaExportText *self)
{
  g_ref_count_inc (&self->ref);
  return self;
}

void
charta_export_text_unref (ChartaExportText *self)
{
  if (!g_ref_count_dec (&self->ref))
    return;
  g_clear_object (&self->layout);
  g_array_unref (self->lines);
  g_free (self->text);
  g_free (self);
}

PangoLayout *
charta_export_text_get_layout (ChartaExportText *self)
{
  return self->layout;
}

gboolean
charta_export_text_is_empty (ChartaExportText *self)
{
  return self->layout != NULL ? *pango_layout_get_text (self->layout) == '\0' : *self->text == '\0';
}

int
charta_export_text_get_width (ChartaExportText *self)
{
  return self->width;
}

int
charta_export_text_get_height (ChartaExportText *self)
{
  return self->height;
}

/* A layout's lines as an iterator gives them, made once. */
static void
read_layout_lines (ChartaExportText *self)
{
  PangoLayoutIter *iter;

  if (self->layout == NULL || self->lines->len > 0)
    return;
  iter = pango_layout_get_iter (self->layout);
  do
    {
      Line line = { .start_index = pango_layout_iter_get_index (iter) };

      pango_layout_iter_get_line_extents (iter, NULL, &line.logical);
      line.baseline = pango_layout_iter_get_baseline (iter);
      g_array_append_val (self->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

guint
charta_export_text_get_n_lines (ChartaExportText *self)
{
  read_layout_lines (self);
  return self->lines->len;
}

void
charta_export_text_get_line (ChartaExportText *self, guint line, PangoRectangle *logical, int *baseline,
                             int *start_index)
{
  const Line *l;

  read_layout_lines (self);
  g_return_if_fail (line < self->lines->len);
  l = &g_array_index (self->lines, Line, line);
  if (logical != NULL)
    *logical = l->logical;
  if (baseline != NULL)
    *baseline = l->baseline;
  if (start_index != NULL)
    *start_index = l->start_index;
}

GSList *
charta_export_text_get_runs (ChartaExportText *self, guint line, const char **text)
{
  g_return_val_if_fail (self->layout == NULL, NULL);
  g_return_val_if_fail (line < self->lines->len, NULL);

  *text = self->text;
  return g_array_index (self->lines, Line, line).runs;
}
