/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-project"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-date.h"
#include "charta-project-private.h"

/* The rules of a project's header (city, period, frameworks, signature) and of the
 * references from actions to people, partners and programmes. The project page, the New
 * Project dialog and charta-cli new check with these; the loader holds files to the same
 * rules in charta-project-check.c. */

ChartaPerson *
charta_person_new (const char *name)
{
  ChartaPerson *p = _charta_object_new (&_charta_person_spec);
  p->id = g_uuid_string_random ();
  p->name = g_strdup (name);
  return p;
}

ChartaPartner *
charta_partner_new (const char *name)
{
  ChartaPartner *p = _charta_object_new (&_charta_partner_spec);
  p->id = g_uuid_string_random ();
  p->name = g_strdup (name);
  return p;
}

ChartaSignature *
charta_signature_new (void)
{
  return _charta_object_new (&_charta_signature_spec);
}

/* ---- checks ---- */

static gboolean
date_check (const char *date, GError **error)
{
  g_autofree char *message = NULL;

  if (date != NULL && charta_date_is_valid (date))
    return TRUE;
  message = charta_date_describe_invalid (date ? date : "");
  g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, message);
  return FALSE;
}

gboolean
charta_period_check (const char *start, const char *end, GError **error)
{
  if (!date_check (start, error) || !date_check (end, error))
    return FALSE;
  if (strcmp (end, start) >= 0)
    return TRUE;
  g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
               _("the period ends (%s) before it starts (%s)"), end, start);
  return FALSE;
}

gboolean
charta_period_parse (const char *text, char **start, char **end, GError **error)
{
  const char *dots = text ? strstr (text, "..") : NULL;
  g_autofree char *s = NULL, *e = NULL;

  g_return_val_if_fail (start != NULL && end != NULL, FALSE);
  if (dots == NULL)
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   _("“%s” is not a period: write START..END, e.g. 2024-01-01..2026-12-31"), text ? text : "");
      return FALSE;
    }
  s = g_strndup (text, dots - text);
  e = g_strdup (dots + 2);
  if (!charta_period_check (s, e, error))
    return FALSE;
  *start = g_steal_pointer (&s);
  *end = g_steal_pointer (&e);
  return TRUE;
}

gboolean
charta_title_check (const char *text, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, _("the name is empty"));
  else if (!g_utf8_validate (stripped, -1, NULL) || g_utf8_strlen (stripped, -1) > CHARTA_TITLE_MAX_CHARS)
    g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                         _("the name must be valid text of at most 1,000 characters"));
  else
    return TRUE;
  return FALSE;
}

/* A framework @header drops that @project has assessed items of. */
static gboolean
frameworks_check (const ChartaProject *project, const ChartaProject *header, GError **error)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; header->frameworks && i < header->frameworks->len; i++)
    {
      const char *id = g_ptr_array_index (header->frameworks, i);
      if (charta_catalogue_find_framework (catalogue, id) == NULL)
        {
          g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, _("unknown framework “%s”"), id);
          return FALSE;
        }
    }
  for (guint i = 0; project->assessments && i < project->assessments->len; i++)
    {
      const ChartaAssessment *a = g_ptr_array_index (project->assessments, i);
      const ChartaFramework *fw = charta_item_get_framework (charta_catalogue_lookup (catalogue, a->item));
      if (fw != NULL && !charta_project_uses_framework (header, charta_framework_get_id (fw)))
        {
          g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                       _("“%s” cannot be left out: items of it are assessed"), charta_framework_get_title (fw));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
charta_project_check_header (const ChartaProject *project, const ChartaProject *header, GError **error)
{
  const ChartaSignature *sig;

  g_return_val_if_fail (project != NULL && header != NULL, FALSE);
  if (header->city == NULL || !charta_title_check (header->city->name, error))
    return FALSE;
  if (header->period == NULL || !charta_period_check (header->period->start, header->period->end, error))
    return FALSE;
  sig = header->city->charter_signature;
  if (sig != NULL && sig->date != NULL && !date_check (sig->date, error))
    return FALSE;
  return frameworks_check (project, header, error);
}

/* ---- references ---- */

static gboolean
refers_to (const ChartaAction *a, ChartaReferenceKind kind, const char *id)
{
  switch (kind)
    {
    case CHARTA_REFERENCE_PERSON:
      return a->owner != NULL && g_ascii_strcasecmp (a->owner, id) == 0;
    case CHARTA_REFERENCE_PROGRAMME:
      return a->programme != NULL && g_ascii_strcasecmp (a->programme, id) == 0;
    case CHARTA_REFERENCE_PARTNER:
      for (guint i = 0; a->partners && i < a->partners->len; i++)
        if (g_ascii_strcasecmp (g_ptr_array_index (a->partners, i), id) == 0)
          return TRUE;
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
charta_project_find_referring_actions (const ChartaProject *project, ChartaReferenceKind kind, const char *id)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (project != NULL && id != NULL, found);
  for (guint i = 0; project->actions && i < project->actions->len; i++)
    if (refers_to (g_ptr_array_index (project->actions, i), kind, id))
      g_ptr_array_add (found, g_ptr_array_index (project->actions, i));
  return found;
}

static void
reassign_partner (ChartaAction *a, const char *id, const char *replacement)
{
  gboolean has_replacement = FALSE;

  for (guint i = 0; replacement && i < a->partners->len; i++)
    has_replacement |= g_ascii_strcasecmp (g_ptr_array_index (a->partners, i), replacement) == 0;
  for (guint i = 0; i < a->partners->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (a->partners, i), id) == 0)
      {
        if (replacement == NULL || has_replacement)
          g_ptr_array_remove_index (a->partners, i--);
        else
          {
            g_free (a->partners->pdata[i]);
            a->partners->pdata[i] = g_strdup (replacement);
            has_replacement = TRUE;
          }
      }
}

ChartaAction *
charta_action_reassign (const ChartaAction *action, ChartaReferenceKind kind, const char *id,
                        const char *replacement)
{
  ChartaAction *a = charta_action_copy (action);

  if (!refers_to (a, kind, id))
    return a;
  switch (kind)
    {
    case CHARTA_REFERENCE_PERSON:
      g_free (a->owner);
      a->owner = g_strdup (replacement);
      break;
    case CHARTA_REFERENCE_PROGRAMME:
      g_free (a->programme);
      a->programme = g_strdup (replacement);
      break;
    case CHARTA_REFERENCE_PARTNER:
      reassign_partner (a, id, replacement);
      break;
    default:
      g_assert_not_reached ();
    }
  return a;
}

static gboolean
replacement_known (const ChartaProject *project, ChartaReferenceKind kind, const char *replacement)
{
  switch (kind)
    {
    case CHARTA_REFERENCE_PERSON: return charta_project_find_person (project, replacement) != NULL;
    case CHARTA_REFERENCE_PARTNER: return charta_project_find_partner (project, replacement) != NULL;
    case CHARTA_REFERENCE_PROGRAMME: return charta_project_find_programme (project, replacement) != NULL;
    default: g_assert_not_reached ();
    }
}

gboolean
charta_project_check_removal (const ChartaProject *project, ChartaReferenceKind kind, const char *id,
                              const char *replacement, GError **error)
{
  g_return_val_if_fail (project != NULL && id != NULL, FALSE);
  if (replacement != NULL && (g_ascii_strcasecmp (replacement, id) == 0 ||
                              !replacement_known (project, kind, replacement)))
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   _("“%s” cannot take over: it is not another entry of the project"), replacement);
      return FALSE;
    }
  if (kind != CHARTA_REFERENCE_PERSON)
    return TRUE;
  for (guint r = 0; project->reviews && r < project->reviews->len; r++)
    {
      const ChartaReview *review = g_ptr_array_index (project->reviews, r);
      for (guint m = 0; review->team && m < review->team->len; m++)
        {
          const ChartaReviewer *member = g_ptr_array_index (review->team, m);
          if (member->person != NULL && g_ascii_strcasecmp (member->person, id) == 0)
            {
              g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                           _("this person is on the team of the review “%s”: take them off the team first"),
                           review->title ? review->title : "");
              return FALSE;
            }
        }
    }
  return TRUE;
}
