/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-search"
#include "config.h"

#include <string.h>

#include "charta-search.h"

#define SNIPPET_CHARS 40

/* Folded for matching: case-folded and stripped of accents, so "egalite" finds "égalité". */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autofree char *folded = NULL;
  GString *out;

  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The text around the match, by characters of the folded text (which has no combining
 * marks, so it lines up with the composed original closely enough for a preview). */
static char *
snippet (const char *text, const char *folded_text, const char *at)
{
  glong pos = g_utf8_pointer_to_offset (folded_text, at);
  g_autofree char *composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  glong len = g_utf8_strlen (composed, -1);
  glong start = MAX (0, pos - SNIPPET_CHARS);
  glong end = MIN (len, pos + SNIPPET_CHARS * 2);
  g_autofree char *piece = g_utf8_substring (composed, start, end);

  g_strdelimit (piece, "\n\r\t", ' ');
  return g_strdup_printf ("%s%s%s", start > 0 ? "…" : "", piece, end < len ? "…" : "");
}

typedef struct {
  GPtrArray *hits;
  const char *needle;
  guint max;
} Search;

static gboolean
full (Search *s)
{
  return s->hits->len >= s->max;
}

static void
try_text (Search *s, ChartaHitKind kind, const char *id, const char *title, const char *field, const char *text)
{
  g_autofree char *folded = NULL;
  const char *at;
  ChartaHit *hit;

  if (text == NULL || full (s))
    return;
  folded = fold (text);
  at = strstr (folded, s->needle);
  if (at == NULL)
    return;
  hit = g_new0 (ChartaHit, 1);
  hit->kind = kind;
  hit->id = g_strdup (id);
  hit->title = g_strdup (title);
  hit->field = g_strdup (field);
  hit->snippet = snippet (text, folded, at);
  g_ptr_array_add (s->hits, hit);
}

static void
search_items (Search *s, const ChartaProject *project)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      if (!charta_project_uses_framework (project, charta_framework_get_id (fw)))
        continue;
      for (guint i = 0; i < charta_framework_get_n_items (fw) && !full (s); i++)
        {
          const ChartaItem *item = charta_framework_get_item (fw, i);
          const char *id = charta_item_get_id (item);
          const char *title = charta_item_get_title (item);
          const ChartaAssessment *a = charta_project_get_assessment (project, id);
          guint before = s->hits->len;

          if (a != NULL)
            {
              try_text (s, CHARTA_HIT_ITEM, id, title, "evidence", a->evidence);
              if (s->hits->len == before)
                try_text (s, CHARTA_HIT_ITEM, id, title, "answer", a->answer);
            }
          if (s->hits->len == before)
            try_text (s, CHARTA_HIT_ITEM, id, title, "title", title);
        }
    }
}

static void
search_lists (Search *s, const ChartaProject *project)
{
  for (guint i = 0; project->actions && i < project->actions->len && !full (s); i++)
    {
      const ChartaAction *a = g_ptr_array_index (project->actions, i);
      const char *fields[][2] = { { "title", a->title }, { "description", a->description }, { "notes", a->notes } };
      guint before = s->hits->len;
      for (guint k = 0; k < G_N_ELEMENTS (fields) && s->hits->len == before; k++)
        try_text (s, CHARTA_HIT_ACTION, a->id, a->title, fields[k][0], fields[k][1]);
    }
  for (guint i = 0; project->measures && i < project->measures->len && !full (s); i++)
    {
      const ChartaMeasure *m = g_ptr_array_index (project->measures, i);
      guint before = s->hits->len;
      try_text (s, CHARTA_HIT_MEASURE, m->id, m->title, "title", m->title);
      if (s->hits->len == before)
        try_text (s, CHARTA_HIT_MEASURE, m->id, m->title, "description", m->description);
    }
  for (guint i = 0; project->consultations && i < project->consultations->len && !full (s); i++)
    {
      const ChartaConsultation *c = g_ptr_array_index (project->consultations, i);
      const char *fields[][2] = { { "title", c->title }, { "conclusions", c->conclusions }, { "notes", c->notes } };
      guint before = s->hits->len;
      for (guint k = 0; k < G_N_ELEMENTS (fields) && s->hits->len == before; k++)
        try_text (s, CHARTA_HIT_CONSULTATION, c->id, c->title, fields[k][0], fields[k][1]);
    }
}

/* Comments are found where they stand: a hit on the item, action or measure they are on. */
static void
search_comments (Search *s, const ChartaProject *project)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; project->comments && i < project->comments->len && !full (s); i++)
    {
      const ChartaComment *c = g_ptr_array_index (project->comments, i);
      const ChartaItem *item = c->target ? charta_catalogue_lookup (catalogue, c->target) : NULL;
      gboolean found = FALSE;

      for (guint k = 0; !found && project->actions && k < project->actions->len; k++)
        {
          const ChartaAction *a = g_ptr_array_index (project->actions, k);
          if (g_strcmp0 (a->id, c->target) == 0)
            {
              try_text (s, CHARTA_HIT_ACTION, a->id, a->title, "comment", c->text);
              found = TRUE;
            }
        }
      for (guint k = 0; !found && project->measures && k < project->measures->len; k++)
        {
          const ChartaMeasure *m = g_ptr_array_index (project->measures, k);
          if (g_strcmp0 (m->id, c->target) == 0)
            {
              try_text (s, CHARTA_HIT_MEASURE, m->id, m->title, "comment", c->text);
              found = TRUE;
            }
        }
      if (!found && item != NULL)
        try_text (s, CHARTA_HIT_ITEM, c->target, charta_item_get_title (item), "comment", c->text);
    }
}

GPtrArray *
charta_search (const ChartaProject *project, const char *query, guint max)
{
  g_autofree char *stripped = g_strstrip (g_strdup (query ? query : ""));
  g_autofree char *needle = fold (stripped);
  Search s = { g_ptr_array_new_with_free_func ((GDestroyNotify) charta_hit_free), needle, max };

  g_return_val_if_fail (project != NULL, s.hits);
  if (*needle == '\0')
    return s.hits;
  search_items (&s, project);
  search_lists (&s, project);
  search_comments (&s, project);
  return s.hits;
}

void
charta_hit_free (ChartaHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit->field);
  g_free (hit->snippet);
  g_free (hit);
}
