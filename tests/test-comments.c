/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-comments.c: comments on items, actions and measures — checked, counted, threaded,
 * searchable, one undo step each, merged by id, and never in a progress report. */
#define G_LOG_DOMAIN "test-comments"
#include "config.h"

#include <string.h>

#include "charta-comments.h"
#include "charta-document.h"
#include "charta-merge.h"
#include "charta-report.h"
#include "charta-search.h"

static ChartaProject *
load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", "mechelen-2018.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChartaProject *project = charta_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static ChartaComment *
comment_at (const char *target, const char *author, const char *text, const char *time, const char *reply_to)
{
  ChartaComment *c = charta_comment_new (target, author, text);
  g_free (c->time);
  c->time = g_strdup (time);
  c->in_reply_to = g_strdup (reply_to);
  return c;
}

static void
test_check_count_thread (void)
{
  g_autoptr(ChartaProject) p = load_example ();
  const char *action = ((ChartaAction *) g_ptr_array_index (p->actions, 0))->id;
  g_autoptr(ChartaComment) bad_target = charta_comment_new ("no-such-thing", "Mentor", "Hello");
  g_autoptr(ChartaComment) no_author = charta_comment_new (action, " ", "Hello");
  g_autoptr(ChartaComment) no_text = charta_comment_new (action, "Mentor", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  ChartaComment *suggestion, *answer, *other;

  g_assert_false (charta_comment_check (p, bad_target, &error));
  g_assert_nonnull (strstr (error->message, "no-such-thing"));
  g_clear_error (&error);
  g_assert_false (charta_comment_check (p, no_author, &error));
  g_clear_error (&error);
  g_assert_false (charta_comment_check (p, no_text, &error));
  g_clear_error (&error);

  suggestion = comment_at (action, "Mentor", "Suggest: ask the welcome desk too", "2026-01-02T10:00:00Z", NULL);
  other = comment_at (action, "Mentor", "Second remark", "2026-01-01T10:00:00Z", NULL);
  answer = comment_at (action, "Mentee", "Done, see the notes", "2026-01-03T10:00:00Z", suggestion->id);
  g_assert_true (charta_comment_check (p, suggestion, &error));
  g_assert_no_error (error);
  if (p->comments == NULL)
    p->comments = g_ptr_array_new ();
  g_ptr_array_add (p->comments, answer);
  g_ptr_array_add (p->comments, suggestion);
  g_ptr_array_add (p->comments, other);
  g_assert_cmpuint (charta_comments_count (p, action, FALSE), ==, 3);
  g_assert_cmpuint (charta_comments_count (p, action, TRUE), ==, 3);
  thread = charta_comments_thread (p, action);
  g_assert_cmpuint (thread->len, ==, 3);
  g_assert_true (g_ptr_array_index (thread, 0) == other);
  g_assert_true (g_ptr_array_index (thread, 1) == suggestion);
  g_assert_true (g_ptr_array_index (thread, 2) == answer);

  /* The mentee resolves: the thread, reply included, is no longer open. */
  suggestion->resolved = TRUE;
  g_assert_cmpuint (charta_comments_count (p, action, TRUE), ==, 1);
  g_assert_cmpuint (charta_comments_count (p, action, FALSE), ==, 3);
}

static void
test_search_and_report (void)
{
  g_autoptr(ChartaProject) p = load_example ();
  const ChartaAction *action = g_ptr_array_index (p->actions, 1);
  const ChartaMeasure *measure = g_ptr_array_index (p->measures, 0);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  ChartaReport *report;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  if (p->comments == NULL)
    p->comments = g_ptr_array_new ();
  g_ptr_array_add (p->comments, charta_comment_new (action->id, "Mentor", "Zyxwvu on the action"));
  g_ptr_array_add (p->comments, charta_comment_new (measure->id, "Mentor", "Zyxwvu on the measure"));
  hits = charta_search (p, "zyxwvu", 10);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (((ChartaHit *) g_ptr_array_index (hits, 0))->kind, ==, CHARTA_HIT_ACTION);
  g_assert_cmpstr (((ChartaHit *) g_ptr_array_index (hits, 0))->id, ==, action->id);
  g_assert_cmpstr (((ChartaHit *) g_ptr_array_index (hits, 0))->field, ==, "comment");
  g_assert_cmpint (((ChartaHit *) g_ptr_array_index (hits, 1))->kind, ==, CHARTA_HIT_MEASURE);

  /* Never in a progress report. */
  report = charta_report_new (p, NULL, NULL, &error);
  g_assert_no_error (error);
  bytes = charta_report_to_bytes (report);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len, >, 0);
  g_assert_null (g_strstr_len (data, len, "Zyxwvu"));
  charta_report_free (report);
}

static void
test_document_and_merge (void)
{
  ChartaProject *p = load_example ();
  g_autofree char *base = charta_project_to_data (p, NULL);
  g_autoptr(ChartaDocument) doc = charta_document_new (p, NULL, NULL);
  const char *action = ((ChartaAction *) g_ptr_array_index (p->actions, 0))->id;
  ChartaComment *c = charta_comment_new (action, "Mentor", "Suggestion");
  g_autofree char *id = g_strdup (c->id);
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) other = NULL;
  g_autoptr(ChartaProject) result = NULL;

  g_assert_true (charta_document_add_comment (doc, c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (doc), action, TRUE), ==, 1);
  g_assert_true (charta_document_set_comment_resolved (doc, id, TRUE));
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (doc), action, TRUE), ==, 0);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (doc), action, TRUE), ==, 1);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (charta_comments_count (charta_document_get_project (doc), action, FALSE), ==, 0);
  g_assert_true (charta_document_redo (doc));

  /* Ours holds the mentor's comment; theirs a mentee's on the same action: both stay. */
  ours = charta_document_to_data (doc, NULL);
  other = charta_project_load_from_data (base, strlen (base), "t", NULL);
  other->comments = g_ptr_array_new ();
  g_ptr_array_add (other->comments, charta_comment_new (action, "Mentee", "Question"));
  theirs = charta_project_to_data (other, NULL);
  {
    ChartaMergeInput b = { base, strlen (base), "base" };
    ChartaMergeInput o = { ours, strlen (ours), "ours" };
    ChartaMergeInput t = { theirs, strlen (theirs), "theirs" };
    merged = charta_merge_data (&b, &o, &t, NULL, NULL, &error);
  }
  g_assert_no_error (error);
  result = charta_project_load_from_data (merged, strlen (merged), "merged", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (charta_merge_count_conflicts (result), ==, 0);
  g_assert_cmpuint (charta_comments_count (result, action, FALSE), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/comments/check-count-thread", test_check_count_thread);
  g_test_add_func ("/comments/search-and-report", test_search_and_report);
  g_test_add_func ("/comments/document-and-merge", test_document_and_merge);
  return g_test_run ();
}
