/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-project-utils.h: what the project tests share: loading a text, and asserting
 * that a problem is reported as "test.charta:LINE:COLUMN: field: message" where a
 * template marks it. */
#pragma once

#include <string.h>

#include "charta-project.h"

#define NAME "test.charta"
/* Marks, in a template, where a problem must be reported; removed before loading. */
#define MARK "§"

/* ---- helpers ---- */

/* @text with @old (which must occur exactly once) replaced by @new. */
static inline char *
replace (const char *text, const char *old, const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  if (at == NULL)
    return g_strdup (text);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static inline ChartaProject *
load (const char *text, GError **error)
{
  return charta_project_load_from_data (text, strlen (text), NAME, error);
}

static inline ChartaProject *
load_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChartaProject *project = load (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static inline char *
to_data (const ChartaProject *project)
{
  gsize len;
  char *data = charta_project_to_data (project, &len);

  g_assert_cmpuint (strlen (data), ==, len);
  return data;
}

/* Loads and saves @text; the result must be @expected. */
static inline void
assert_round_trip (const char *text, const char *expected)
{
  g_autoptr(ChartaProject) project = load_ok (text);
  g_autofree char *out = NULL;

  if (project == NULL)
    return;
  out = to_data (project);
  g_assert_cmpstr (out, ==, expected);
}

/* Removes MARK from @template; *@line, *@column receive where it stood (in characters). */
static inline char *
unmark (const char *template, guint *line, guint *column)
{
  const char *at = strstr (template, MARK);
  const char *line_start = template;

  g_assert_nonnull (at);
  *line = 1;
  for (const char *p = template; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
  return g_strdup_printf ("%.*s%s", (int) (at - template), template, at + strlen (MARK));
}

static inline char **
load_problems (const char *text, ChartaProjectError code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) project = load (text, &error);

  g_assert_null (project);
  g_assert_error (error, CHARTA_PROJECT_ERROR, (int) code);
  if (error == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (error->message, "\n", -1);
}

/* @template, where MARK stands, must be refused with a line
 * "test.charta:LINE:COLUMN: @path: …@fragment…". */
static inline void
assert_problem (const char *template, const char *path, const char *fragment)
{
  guint line, column;
  g_autofree char *text = unmark (template, &line, &column);
  g_auto(GStrv) lines = load_problems (text, CHARTA_PROJECT_ERROR_INVALID);
  g_autofree char *prefix = *path ? g_strdup_printf (NAME ":%u:%u: %s: ", line, column, path)
                                  : g_strdup_printf (NAME ":%u:%u: ", line, column);
  gboolean found = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      /* Every line has the form FILE:LINE:COLUMN: … */
      g_assert_true (g_regex_match_simple ("^" NAME ":[0-9]+:[0-9]+: ", lines[i], 0, 0));
      if (g_str_has_prefix (lines[i], prefix) && strstr (lines[i], fragment) != NULL)
        found = TRUE;
    }
  if (!found)
    {
      g_autofree char *all = g_strjoinv ("\n#   ", lines);
      g_test_message ("expected a line starting \"%s\" and containing \"%s\"; got:\n#   %s",
                      prefix, fragment, all);
      g_test_fail ();
    }
}

static inline char *
repeat (const char *s, guint n)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (out, s);
  return g_string_free (out, FALSE);
}

