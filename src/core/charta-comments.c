/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-comments"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-comments.h"

const ChartaComment *
charta_comments_find (const ChartaProject *project, const char *id)
{
  g_return_val_if_fail (project != NULL, NULL);
  for (guint i = 0; id && project->comments && i < project->comments->len; i++)
    {
      const ChartaComment *c = g_ptr_array_index (project->comments, i);
      if (g_strcmp0 (c->id, id) == 0)
        return c;
    }
  return NULL;
}

/* The comment a reply answers, followed up to the top of its thread. */
static const ChartaComment *
thread_root (const ChartaProject *project, const ChartaComment *c)
{
  for (guint depth = 0; c->in_reply_to && depth < 64; depth++)
    {
      const ChartaComment *parent = charta_comments_find (project, c->in_reply_to);
      if (parent == NULL)
        break;
      c = parent;
    }
  return c;
}

guint
charta_comments_count (const ChartaProject *project, const char *target, gboolean open_only)
{
  guint n = 0;

  g_return_val_if_fail (project != NULL, 0);
  for (guint i = 0; project->comments && i < project->comments->len; i++)
    {
      const ChartaComment *c = g_ptr_array_index (project->comments, i);
      if (g_strcmp0 (c->target, target) != 0)
        continue;
      if (open_only && (c->resolved || thread_root (project, c)->resolved))
        continue;
      n++;
    }
  return n;
}

static int
by_time (gconstpointer a, gconstpointer b)
{
  const ChartaComment *x = *(const ChartaComment **) a, *y = *(const ChartaComment **) b;
  return g_strcmp0 (x->time, y->time);
}

GPtrArray *
charta_comments_thread (const ChartaProject *project, const char *target)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (project != NULL, out);
  for (guint i = 0; project->comments && i < project->comments->len; i++)
    {
      const ChartaComment *c = g_ptr_array_index (project->comments, i);
      if (g_strcmp0 (c->target, target) == 0 && thread_root (project, c) == c)
        g_ptr_array_add (roots, (gpointer) c);
    }
  g_ptr_array_sort (roots, by_time);
  for (guint r = 0; r < roots->len; r++)
    {
      g_autoptr(GPtrArray) replies = g_ptr_array_new ();
      const ChartaComment *root = g_ptr_array_index (roots, r);

      g_ptr_array_add (out, (gpointer) root);
      for (guint i = 0; i < project->comments->len; i++)
        {
          const ChartaComment *c = g_ptr_array_index (project->comments, i);
          if (c != root && g_strcmp0 (c->target, target) == 0 && thread_root (project, c) == root)
            g_ptr_array_add (replies, (gpointer) c);
        }
      g_ptr_array_sort (replies, by_time);
      g_ptr_array_extend (out, replies, NULL, NULL);
    }
  return out;
}

static gboolean
is_target (const ChartaProject *project, const char *target)
{
  for (guint i = 0; project->actions && i < project->actions->len; i++)
    if (g_strcmp0 (((ChartaAction *) g_ptr_array_index (project->actions, i))->id, target) == 0)
      return TRUE;
  for (guint i = 0; project->measures && i < project->measures->len; i++)
    if (g_strcmp0 (((ChartaMeasure *) g_ptr_array_index (project->measures, i))->id, target) == 0)
      return TRUE;
  return charta_catalogue_lookup (charta_catalogue_get_default (), target) != NULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
charta_comment_check (const ChartaProject *project, const ChartaComment *comment, GError **error)
{
  const ChartaComment *parent;

  g_return_val_if_fail (project != NULL && comment != NULL, FALSE);
  if (is_blank (comment->author))
    {
      g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                           _("A comment needs its author's name"));
      return FALSE;
    }
  if (is_blank (comment->text))
    {
      g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                           _("A comment needs a text"));
      return FALSE;
    }
  if (comment->target == NULL || !is_target (project, comment->target))
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   /* Translators: %s is an id */
                   _("A comment is on an item, an action or a measure; “%s” is none of these"),
                   comment->target ? comment->target : "");
      return FALSE;
    }
  if (comment->in_reply_to != NULL)
    {
      parent = charta_comments_find (project, comment->in_reply_to);
      if (parent == NULL || g_strcmp0 (parent->target, comment->target) != 0)
        {
          g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                               _("A reply answers a comment on the same item, action or measure"));
          return FALSE;
        }
    }
  return TRUE;
}
