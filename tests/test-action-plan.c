/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-action-plan.c: the core rules behind the action plan's rows — a status and a
 * progress set inline (Done means 100 %, one undo step) and the actions a reminder names
 * (overdue and due within a week, open ones only). */
#define G_LOG_DOMAIN "test-action-plan"
#include "config.h"

#include "charta-document.h"
#include "charta-summary.h"

static ChartaAction *
action_due (const char *title, const char *due, ChartaStatus status)
{
  ChartaAction *a = charta_action_new (title);
  a->due = g_strdup (due);
  a->status = status;
  return a;
}

static void
test_set_status (void)
{
  ChartaProject *p = charta_project_new ("Gent");
  g_autoptr(ChartaDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const ChartaAction *a;
  char *id;

  g_ptr_array_add (p->actions, action_due ("Welcome desk", "2026-12-01", CHARTA_STATUS_PLANNED));
  id = ((ChartaAction *) g_ptr_array_index (p->actions, 0))->id;
  doc = charta_document_new (p, NULL, NULL);

  g_assert_true (charta_document_set_action_status (doc, id, CHARTA_STATUS_IN_PROGRESS, 40, &error));
  g_assert_no_error (error);
  a = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpint (a->status, ==, CHARTA_STATUS_IN_PROGRESS);
  g_assert_cmpint (a->progress, ==, 40);
  g_assert_nonnull (a->changed);

  /* Done moves the progress to 100; a done action below 100 is refused, nothing changes. */
  g_assert_true (charta_document_set_action_status (doc, id, CHARTA_STATUS_DONE, 40, &error));
  a = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpint (a->progress, ==, 100);
  g_assert_false (charta_document_set_action_status (doc, id, CHARTA_STATUS_DONE, 60, &error));
  g_assert_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (((const ChartaAction *) charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0))->progress, ==, 100);

  /* Each change is one undo step. */
  g_assert_true (charta_document_undo (doc));
  a = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpint (a->status, ==, CHARTA_STATUS_IN_PROGRESS);
  g_assert_cmpint (a->progress, ==, 40);
  g_assert_true (charta_document_undo (doc));
  g_assert_false (charta_document_can_undo (doc));

  g_assert_false (charta_document_set_action_status (doc, "no-such-action", CHARTA_STATUS_DONE, 100, &error));
  g_assert_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID);
}

static void
test_add_action (void)
{
  g_autoptr(ChartaDocument) doc = charta_document_new (charta_project_new ("Gent"), NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_title = g_strnfill (CHARTA_TITLE_MAX_CHARS + 1, 'a');
  const ChartaAction *a;
  const char *id;

  id = charta_document_add_action (doc, "  Train the front desk  ", &error);
  g_assert_no_error (error);
  a = charta_document_get (doc, CHARTA_COLLECTION_ACTIONS, 0);
  g_assert_cmpstr (a->id, ==, id);
  g_assert_cmpstr (a->title, ==, "Train the front desk");
  g_assert_cmpint (a->status, ==, CHARTA_STATUS_PLANNED);
  g_assert_nonnull (a->changed);
  g_assert_null (charta_document_add_action (doc, "   ", &error));
  g_assert_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (charta_document_add_action (doc, long_title, &error));
  g_assert_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID);
  g_assert_cmpuint (charta_document_get_n (doc, CHARTA_COLLECTION_ACTIONS), ==, 1);
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (charta_document_get_n (doc, CHARTA_COLLECTION_ACTIONS), ==, 0);
}

static void
test_falling_due (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Gent");
  g_autoptr(GPtrArray) due = NULL;
  guint n_overdue = 99;

  g_ptr_array_add (p->actions, action_due ("Next week", "2026-12-07", CHARTA_STATUS_PLANNED));
  g_ptr_array_add (p->actions, action_due ("Too late", "2026-11-20", CHARTA_STATUS_IN_PROGRESS));
  g_ptr_array_add (p->actions, action_due ("Eight days", "2026-12-08", CHARTA_STATUS_PLANNED));
  g_ptr_array_add (p->actions, action_due ("Done late", "2026-11-01", CHARTA_STATUS_DONE));
  g_ptr_array_add (p->actions, action_due ("Cancelled", "2026-12-02", CHARTA_STATUS_CANCELLED));
  g_ptr_array_add (p->actions, action_due ("No date", NULL, CHARTA_STATUS_PLANNED));
  g_ptr_array_add (p->actions, action_due ("Today", "2026-11-30", CHARTA_STATUS_POSTPONED));

  due = charta_actions_falling_due (p, "2026-11-30", 7, &n_overdue);
  g_assert_cmpuint (due->len, ==, 3);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (due, 0))->title, ==, "Too late");
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (due, 1))->title, ==, "Today");
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (due, 2))->title, ==, "Next week");
  g_assert_cmpuint (n_overdue, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Across a month and a year. */
  due = charta_actions_falling_due (p, "2026-12-31", 7, NULL);
  g_assert_cmpuint (due->len, ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/action-plan/set-status", test_set_status);
  g_test_add_func ("/action-plan/add", test_add_action);
  g_test_add_func ("/action-plan/falling-due", test_falling_due);
  return g_test_run ();
}
