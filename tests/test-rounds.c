/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reporting rounds: closing one, renaming one, finding one, the open round's reporting
 * period, a measure's latest value, and "what changed" since a round, each kind. */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <string.h>

#include "charta-document.h"
#include "charta-file.h"
#include "charta-merge.h"
#include "charta-report.h"
#include "charta-rounds.h"
#include "test-project-utils.h"

#define CLOSED "2026-06-30"
#define TODAY "2026-11-30"

/* ---- a project to change ---- */

static ChartaAction *
add_action (ChartaProject *p, const char *title, ChartaStatus status, const char *due, const char *item)
{
  ChartaAction *a = charta_action_new (title);

  a->status = status;
  a->due = g_strdup (due);
  if (item != NULL)
    {
      a->items = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (a->items, g_strdup (item));
    }
  g_ptr_array_add (p->actions, a);
  return a;
}

static ChartaMeasure *
add_measure (ChartaProject *p, const char *title, ChartaDirection direction, double value, const char *item)
{
  ChartaMeasure *m = charta_measure_new (title, "%");

  m->direction = direction;
  g_ptr_array_add (m->actuals, charta_dated_value_new ("2026-05-31", value));
  if (item != NULL)
    {
      m->items = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (m->items, g_strdup (item));
    }
  g_ptr_array_add (p->measures, m);
  return m;
}

static void
set_level (ChartaProject *p, const char *item, int level)
{
  charta_project_ensure_assessment (p, item)->level = level;
}

static ChartaAction *
action (ChartaProject *p, guint i)
{
  return g_ptr_array_index (p->actions, i);
}

static ChartaMeasure *
measure (ChartaProject *p, guint i)
{
  return g_ptr_array_index (p->measures, i);
}

static void
add_value (ChartaMeasure *m, const char *date, double value)
{
  g_ptr_array_add (m->actuals, charta_dated_value_new (date, value));
}

/* The project when the round closes on CLOSED. */
static ChartaProject *
project_at_close (void)
{
  ChartaProject *p = charta_project_new ("Testville");
  ChartaMeasure *m;

  g_free (p->period->start);
  g_free (p->period->end);
  p->period->start = g_strdup ("2026-01-01");
  p->period->end = g_strdup ("2026-12-31");
  set_level (p, "charter.commitment.policymaker.1", 2);
  set_level (p, "charter.commitment.employer.1", 3);
  set_level (p, "charter.commitment.buyer.2", 2);
  set_level (p, "dive.area.buyer.1", 1);
  add_action (p, "Stays as it is", CHARTA_STATUS_PLANNED, "2027-01-31", "charter.commitment.policymaker.1");
  add_action (p, "Gets finished", CHARTA_STATUS_IN_PROGRESS, NULL, "charter.commitment.employer.1");
  add_action (p, "Gets postponed", CHARTA_STATUS_PLANNED, "2026-12-31", "dive.area.buyer.1");
  add_action (p, "Falls overdue", CHARTA_STATUS_PLANNED, "2026-09-30", NULL);
  add_action (p, "Overdue already", CHARTA_STATUS_PLANNED, "2026-03-01", NULL);
  add_measure (p, "Staff with a migration background", CHARTA_DIRECTION_INCREASE, 10, "charter.commitment.employer.1");
  add_measure (p, "Waiting time", CHARTA_DIRECTION_DECREASE, 20, NULL);
  m = add_measure (p, "Satisfaction", CHARTA_DIRECTION_MAINTAIN, 50, NULL);
  m->target = charta_dated_value_new ("2026-12-31", 50);
  add_measure (p, "Unchanged", CHARTA_DIRECTION_INCREASE, 5, NULL);
  return p;
}

/* Every kind of change after the round. */
static void
change_project (ChartaProject *p)
{
  set_level (p, "charter.commitment.policymaker.1", 3);
  set_level (p, "charter.commitment.employer.1", 2);
  set_level (p, "dive.area.buyer.1", 2);
  action (p, 1)->status = CHARTA_STATUS_DONE;
  action (p, 2)->status = CHARTA_STATUS_POSTPONED;
  add_action (p, "New", CHARTA_STATUS_PLANNED, "2026-12-15", "charter.commitment.buyer.2");
  add_action (p, "New and done", CHARTA_STATUS_DONE, NULL, NULL);
  add_value (measure (p, 0), "2026-11-30", 12.1);
  add_value (measure (p, 0), "2026-06-30", 12.4);
  /* Entered last but older: the newest date (18, toward the target) counts, not 25. */
  add_value (measure (p, 1), "2026-10-31", 18);
  add_value (measure (p, 1), "2026-06-15", 25);
  add_value (measure (p, 2), "2026-10-31", 44);
}

static ChartaProject *
project_with_round (void)
{
  ChartaProject *p = project_at_close ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (charta_project_close_round (p, "Mid-year 2026", CLOSED, &error));
  g_assert_no_error (error);
  change_project (p);
  return p;
}

/* ---- latest value ---- */

static void
test_latest (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Testville");
  ChartaMeasure *m = charta_measure_new ("Share", "%");
  g_autoptr(ChartaDatedValue) latest = NULL, until = NULL, tie = NULL, none = NULL;

  g_ptr_array_add (p->measures, m);
  none = charta_measure_get_latest (m, p, NULL);
  g_assert_null (none);
  /* Issue 12: 12.4 on 2026-06-30 entered after 12.1 on 2026-11-30. */
  add_value (m, "2026-11-30", 12.1);
  add_value (m, "2026-06-30", 12.4);
  latest = charta_measure_get_latest (m, p, NULL);
  g_assert_cmpstr (latest->date, ==, "2026-11-30");
  g_assert_cmpfloat (latest->value, ==, 12.1);
  until = charta_measure_get_latest (m, p, "2026-07-31");
  g_assert_cmpfloat (until->value, ==, 12.4);
  /* Two on the same date: the one entered later. */
  add_value (m, "2026-11-30", 13);
  tie = charta_measure_get_latest (m, p, NULL);
  g_assert_cmpfloat (tie->value, ==, 13);
}

/* The report's "latest" follows the same rule. */
static void
test_latest_report (void)
{
  g_autoptr(ChartaProject) p = project_at_close ();
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const ChartaNode *measures, *waiting, *latest;
  double value;

  change_project (p);
  report = charta_report_new (p, "2026", NULL, &error);
  g_assert_no_error (error);
  /* "Waiting time": 18 on 2026-10-31 entered before 25 on 2026-06-15. */
  measures = charta_node_get_member (report->root, "measures");
  waiting = g_ptr_array_index (measures->array, 1);
  latest = charta_node_get_member (waiting, "latest");
  g_assert_true (charta_node_get_double (charta_node_get_member (latest, "value"), &value));
  g_assert_cmpfloat (value, ==, 18);
  g_assert_cmpstr (charta_node_get_member (latest, "date")->string, ==, "2026-10-31");
}

/* ---- closing, renaming, finding ---- */

static void
test_close (void)
{
  g_autoptr(ChartaProject) p = project_at_close ();
  g_autoptr(GError) error = NULL;
  const ChartaRound *r;
  const ChartaSnapshotMeasure *sm;

  r = charta_project_close_round (p, "  Mid-year 2026 ", CLOSED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->label, ==, "Mid-year 2026");
  g_assert_cmpstr (r->closed, ==, CLOSED);
  g_assert_cmpstr (r->period->start, ==, "2026-01-01");
  g_assert_cmpstr (r->period->end, ==, "2026-12-31");
  g_assert_cmpuint (r->snapshot->items->len, ==, 4);
  g_assert_cmpuint (r->snapshot->actions->len, ==, 5);
  g_assert_cmpuint (r->snapshot->measures->len, ==, 4);
  sm = g_ptr_array_index (r->snapshot->measures, 1);
  g_assert_cmpstr (sm->date, ==, "2026-05-31");
  g_assert_cmpfloat (sm->value, ==, 20);
  g_assert_true (charta_project_get_last_round (p) == r);

  /* Later edits do not reach the snapshot. */
  change_project (p);
  g_assert_cmpint (((ChartaSnapshotItem *) g_ptr_array_index (r->snapshot->items, 0))->level, ==, 2);
  g_assert_cmpint (((ChartaSnapshotAction *) g_ptr_array_index (r->snapshot->actions, 1))->status, ==,
                   CHARTA_STATUS_IN_PROGRESS);

  /* Bad labels and dates are refused and name the field. */
  g_assert_null (charta_project_close_round (p, "  ", "2026-12-31", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "label: "));
  g_clear_error (&error);
  g_assert_null (charta_project_close_round (p, "Two\nlines", "2026-12-31", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (charta_project_close_round (p, "Year", "2026-02-30", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "closed: "));
  g_clear_error (&error);
  g_assert_null (charta_project_close_round (p, "Year", "2026-06-29", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Mid-year 2026"));
  g_clear_error (&error);
  g_assert_cmpuint (p->rounds->len, ==, 1);

  /* The same day is fine: it becomes the last round. */
  r = charta_project_close_round (p, "Year", CLOSED, &error);
  g_assert_no_error (error);
  g_assert_true (charta_project_get_last_round (p) == r);
}

static void
test_rename (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  ChartaRound *r = g_ptr_array_index (p->rounds, 0);
  g_autoptr(ChartaRound) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (charta_project_rename_round (p, r->id, "First half of 2026", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (r->label, ==, "First half of 2026");
  g_assert_false (charta_project_rename_round (p, r->id, "", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (charta_project_rename_round (p, "6f2b1f3e-0000-4000-8000-000000000000", "X", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An editor's copy: a new label goes in, a changed snapshot, date or period does not. */
  copy = charta_round_copy (r);
  ((ChartaSnapshotItem *) g_ptr_array_index (copy->snapshot->items, 0))->level = 4;
  g_assert_false (charta_project_update_round (p, copy, &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_cmpint (((ChartaSnapshotItem *) g_ptr_array_index (r->snapshot->items, 0))->level, ==, 2);
  g_clear_pointer (&copy, charta_round_free);
  copy = charta_round_copy (r);
  g_free (copy->closed);
  copy->closed = g_strdup ("2026-07-01");
  g_assert_false (charta_project_update_round (p, copy, &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_FROZEN);
  g_clear_error (&error);
  g_clear_pointer (&copy, charta_round_free);
  copy = charta_round_copy (r);
  g_free (copy->label);
  copy->label = g_strdup ("H1 2026");
  g_assert_true (charta_project_update_round (p, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (r->label, ==, "H1 2026");
  g_assert_true (charta_round_equal (r, copy));
}

static void
test_find (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  g_autoptr(ChartaProject) none = charta_project_new ("Nowhere");
  g_autoptr(GError) error = NULL;
  const ChartaRound *first = g_ptr_array_index (p->rounds, 0), *second;

  second = charta_project_close_round (p, "Year 2026", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_true (charta_project_find_round (p, "1", &error) == first);
  g_assert_true (charta_project_find_round (p, "2", &error) == second);
  g_assert_true (charta_project_find_round (p, "Mid-year 2026", &error) == first);
  g_assert_true (charta_project_find_round (p, second->id, &error) == second);
  g_assert_no_error (error);

  g_assert_null (charta_project_find_round (p, "3", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "no round “3”: name one by its number, label or id (1 “Mid-year 2026”, 2 “Year 2026”)");
  g_clear_error (&error);
  g_assert_null (charta_project_find_round (none, "2025", &error));
  g_assert_cmpstr (error->message, ==, "no round “2025”: the project has no closed round");
  g_clear_error (&error);

  /* Two rounds with one label: a number or the id tells them apart. */
  g_assert_true (charta_project_rename_round (p, second->id, "Mid-year 2026", &error));
  g_assert_null (charta_project_find_round (p, "Mid-year 2026", &error));
  g_assert_nonnull (strstr (error->message, "2 rounds are labelled “Mid-year 2026”"));
  g_clear_error (&error);

  g_assert_null (charta_changes_new (none, NULL, TODAY, &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_NOT_FOUND);
}

/* ---- the open round's reporting period ---- */

static void
assert_period (const char *start, const char *end, const char *made, const char *expected)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Testville");
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (made, NULL);
  g_autofree char *period = NULL;

  g_free (p->period->start);
  g_free (p->period->end);
  p->period->start = g_strdup (start);
  p->period->end = g_strdup (end);
  period = charta_project_get_report_period (p, when);
  g_assert_cmpstr (period, ==, expected);
}

static void
test_report_period (void)
{
  g_autoptr(ChartaProject) p = NULL;
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GDateTime) made = g_date_time_new_from_iso8601 ("2026-11-30T12:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "mechelen-2018.charta", NULL);
  g_autofree char *text = NULL;
  gsize len;

  assert_period ("2018-01-01", "2018-12-31", "2026-11-30T12:00:00Z", "2018");
  assert_period ("2024-04-01", "2024-06-30", "2026-11-30T12:00:00Z", "2024-Q2");
  assert_period ("2024-01-01", "2024-06-30", "2026-11-30T12:00:00Z", "2024-H1");
  assert_period ("2024-05-02", "2024-05-30", "2026-11-30T12:00:00Z", "2024-05");
  assert_period ("2024-03-01", "2024-10-31", "2026-11-30T12:00:00Z", "2024");
  assert_period (NULL, NULL, "2026-11-30T12:00:00Z", "2026");
  assert_period ("2022-01-01", "2024-12-31", "2026-11-30T12:00:00Z", "2024");
  assert_period ("2022-01-01", "2024-12-31", "2023-05-01T12:00:00Z", "2023");
  assert_period ("2022-01-01", "2024-12-31", "2020-05-01T12:00:00Z", "2022");

  /* Issue 13: a report of the 2018 example is about 2018, not the year it is made. */
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  p = charta_project_load_from_data (text, len, "mechelen-2018.charta", &error);
  g_assert_no_error (error);
  report = charta_report_new (p, NULL, made, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->period, ==, "2018");
}

/* ---- what changed ---- */

typedef struct {
  ChartaChangeKind kind;
  const char *title;
  const char *text;
} Expected;

static void
test_changes (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  g_autoptr(ChartaChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  static const Expected expected[] = {
    { CHARTA_CHANGE_LEVEL_UP, NULL, "level 2 → 3" },          /* policymaker.1 */
    { CHARTA_CHANGE_LEVEL_DOWN, NULL, "level 3 → 2" },        /* employer.1 */
    { CHARTA_CHANGE_LEVEL_UP, NULL, "level 1 → 2" },          /* dive.area.buyer.1 */
    { CHARTA_CHANGE_ACTION_COMPLETED, "Gets finished", "In progress → Done" },
    { CHARTA_CHANGE_ACTION_POSTPONED, "Gets postponed", "Planned → Postponed" },
    { CHARTA_CHANGE_ACTION_OVERDUE, "Falls overdue", "Planned, due 2026-09-30" },
    { CHARTA_CHANGE_ACTION_ADDED, "New", "Planned, due 2026-12-15" },
    { CHARTA_CHANGE_ACTION_ADDED, "New and done", "Done" },
    { CHARTA_CHANGE_ACTION_COMPLETED, "New and done", "new, Done" },
    { CHARTA_CHANGE_MEASURE_TOWARD, "Staff with a migration background", "10 % (2026-05-31) → 12.1 % (2026-11-30)" },
    { CHARTA_CHANGE_MEASURE_TOWARD, "Waiting time", "20 % (2026-05-31) → 18 % (2026-10-31)" },
    { CHARTA_CHANGE_MEASURE_AWAY, "Satisfaction", "50 % (2026-05-31) → 44 % (2026-10-31), target 50 % (2026-12-31)" },
  };
  static const char * const level_items[] = {
    "charter.commitment.policymaker.1", "charter.commitment.employer.1", "dive.area.buyer.1",
  };

  changes = charta_changes_new (p, NULL, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changes->since->label, ==, "Mid-year 2026");
  g_assert_cmpstr (changes->today, ==, TODAY);
  g_assert_cmpuint (changes->changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < changes->changes->len && i < G_N_ELEMENTS (expected); i++)
    {
      const ChartaChange *c = g_ptr_array_index (changes->changes, i);
      g_autofree char *text = charta_change_describe (c);

      g_test_message ("%u: %s %s: %s", i, charta_change_kind_to_string (c->kind), c->title, text);
      g_assert_cmpint (c->kind, ==, expected[i].kind);
      if (i < 3)
        g_assert_cmpstr (c->id, ==, level_items[i]);
      else
        g_assert_cmpstr (c->title, ==, expected[i].title);
      g_assert_cmpstr (text, ==, expected[i].text);
    }
  g_assert_cmpuint (charta_changes_count (changes, CHARTA_CHANGE_LEVEL_UP), ==, 2);
  g_assert_cmpuint (charta_changes_count (changes, CHARTA_CHANGE_ACTION_ADDED), ==, 2);
  g_assert_cmpuint (charta_changes_count (changes, CHARTA_CHANGE_MEASURE_AWAY), ==, 1);
}

static const ChartaChangeGroup *
group (const ChartaChanges *changes, const char *id)
{
  for (guint i = 0; i < changes->groups->len; i++)
    {
      const ChartaChangeGroup *g = g_ptr_array_index (changes->groups, i);
      if (g_strcmp0 (g->item ? charta_item_get_id (g->item) : NULL, id) == 0)
        return g;
    }
  return NULL;
}

static void
assert_group (const ChartaChanges *changes, const char *id, const char * const *titles)
{
  const ChartaChangeGroup *g = group (changes, id);

  g_assert_nonnull (g);
  g_assert_cmpuint (g->changes->len, ==, g_strv_length ((char **) titles));
  for (guint i = 0; g && i < g->changes->len; i++)
    {
      const ChartaChange *c = g_ptr_array_index (g->changes, i);
      g_assert_true (g_strcmp0 (c->title, titles[i]) == 0 || g_strcmp0 (c->id, titles[i]) == 0);
    }
}

static void
test_changes_groups (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  g_autoptr(ChartaChanges) changes = charta_changes_new (p, NULL, TODAY, NULL);
  const char * const policymaker[] = { "charter.commitment.policymaker.1", NULL };
  const char * const employer[] = { "charter.commitment.employer.1", "Gets finished",
                                    "Staff with a migration background", NULL };
  const char * const buyer[] = { "dive.area.buyer.1", "Gets postponed", "New", NULL };
  const char * const dive_buyer[] = { "dive.area.buyer.1", "Gets postponed", NULL };
  const char * const rest[] = { "Falls overdue", "New and done", "New and done", "Waiting time",
                                "Satisfaction", NULL };

  /* A change is under every role and area it serves; what serves none is under "other". */
  assert_group (changes, "charter.role.policymaker", policymaker);
  assert_group (changes, "charter.role.employer", employer);
  assert_group (changes, "charter.role.buyer", buyer);
  assert_group (changes, "dive.area.buyer.1", dive_buyer);
  g_assert_null (group (changes, "charter.role.service-provider"));
  assert_group (changes, NULL, rest);
  /* Roles first, then areas, then the rest. */
  g_assert_cmpuint (changes->groups->len, ==, 5);
  g_assert_null (((ChartaChangeGroup *) g_ptr_array_index (changes->groups, 4))->item);
}

static void
test_changes_json (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  g_autoptr(ChartaChanges) changes = charta_changes_new (p, NULL, TODAY, NULL);
  g_autoptr(ChartaNode) node = charta_changes_to_node (changes);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(ChartaNode) back = NULL;
  g_autoptr(GError) error = NULL;
  const ChartaNode *list, *measure_change, *counts;
  gint64 n;

  charta_json_write (out, node, 0);
  back = charta_json_parse (out->str, out->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (charta_node_get_member (charta_node_get_member (back, "since"), "label")->string, ==, "Mid-year 2026");
  counts = charta_node_get_member (back, "counts");
  g_assert_true (charta_node_get_int (charta_node_get_member (counts, "action-added"), &n));
  g_assert_cmpint (n, ==, 2);
  list = charta_node_get_member (back, "changes");
  g_assert_cmpuint (list->array->len, ==, 12);
  measure_change = g_ptr_array_index (list->array, 10);
  g_assert_cmpstr (charta_node_get_member (measure_change, "kind")->string, ==, "measure-toward-target");
  g_assert_cmpstr (charta_node_get_member (measure_change, "direction")->string, ==, "decrease");
  g_assert_cmpstr (charta_node_get_member (charta_node_get_member (measure_change, "to"), "date")->string, ==, "2026-10-31");
}

/* A closed round's snapshot is saved, loaded back unchanged and compared the same. */
static void
test_round_trip (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  g_autofree char *data = to_data (p);
  g_autoptr(ChartaProject) back = load_ok (data);
  g_autoptr(ChartaChanges) before = charta_changes_new (p, NULL, TODAY, NULL);
  g_autoptr(ChartaChanges) after = charta_changes_new (back, NULL, TODAY, NULL);
  g_autoptr(ChartaNode) a = charta_changes_to_node (before);
  g_autoptr(ChartaNode) b = charta_changes_to_node (after);

  g_assert_cmpuint (back->rounds->len, ==, 1);
  g_assert_true (charta_round_equal (g_ptr_array_index (p->rounds, 0), g_ptr_array_index (back->rounds, 0)));
  g_assert_true (charta_node_equal (a, b));
  g_assert_cmpuint (after->changes->len, ==, 12);
}

/* ---- in the document: one undo step each ---- */

static void
on_rounds_changed_cb (ChartaDocument *document, guint position, guint removed, guint added, GString *log)
{
  g_string_append_printf (log, "%u-%u+%u ", position, removed, added);
}

static void
test_document (void)
{
  g_autofree char *dir = g_dir_make_tmp ("charta-rounds-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "city.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaProject *start = project_at_close ();
  g_autofree char *etag = NULL;
  g_autoptr(ChartaDocument) doc = NULL;
  const ChartaProject *p;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaRound) closed = NULL;
  g_autofree char *data = NULL;
  const ChartaRound *r;
  gsize len;

  g_assert_true (charta_project_save_file (start, file, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  doc = charta_document_new (start, file, etag);
  p = charta_document_get_project (doc);
  g_assert_false (charta_document_get_modified (doc));
  g_signal_connect (doc, "rounds-changed", G_CALLBACK (on_rounds_changed_cb), log);
  g_assert_null (charta_document_close_round (doc, "Mid-year", "2026-13-01", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (charta_document_can_undo (doc));
  g_assert_cmpuint (p->rounds ? p->rounds->len : 0, ==, 0);

  r = charta_document_close_round (doc, "Mid-year", CLOSED, &error);
  g_assert_no_error (error);
  g_assert_true (r == g_ptr_array_index (p->rounds, 0));
  g_assert_cmpuint (r->snapshot->actions->len, ==, 5);
  g_assert_true (charta_document_get_modified (doc));
  closed = charta_round_copy (r);

  g_assert_true (charta_document_rename_round (doc, closed->id, "H1 2026", &error));
  g_assert_cmpstr (((ChartaRound *) g_ptr_array_index (p->rounds, 0))->label, ==, "H1 2026");
  /* The same label again is no edit; a bad one is refused and changes nothing. */
  g_assert_true (charta_document_rename_round (doc, closed->id, "H1 2026", &error));
  g_assert_false (charta_document_rename_round (doc, closed->id, "", &error));
  g_assert_error (error, CHARTA_ROUNDS_ERROR, CHARTA_ROUNDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (log->str, ==, "0-0+1 0-1+1 ");

  g_assert_true (charta_document_undo (doc));
  g_assert_cmpstr (((ChartaRound *) g_ptr_array_index (p->rounds, 0))->label, ==, "Mid-year");
  g_assert_true (charta_document_undo (doc));
  g_assert_cmpuint (p->rounds->len, ==, 0);
  g_assert_false (charta_document_get_modified (doc));
  g_assert_true (charta_document_redo (doc));
  g_assert_true (charta_round_equal (g_ptr_array_index (p->rounds, 0), closed));
  g_assert_cmpstr (log->str, ==, "0-0+1 0-1+1 0-1+1 0-1+0 0-0+1 ");

  /* Saved and read back: the round as it was closed. */
  g_assert_true (charta_document_save (doc, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  {
    g_autoptr(ChartaProject) back = load_ok (data);
    g_assert_true (charta_round_equal (g_ptr_array_index (back->rounds, 0), closed));
  }
  g_clear_object (&doc);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Whether @a is @b but for its label. */
static gboolean
equal_but_label (const ChartaRound *a, const ChartaRound *b)
{
  g_autoptr(ChartaRound) copy = charta_round_copy (a);

  g_free (copy->label);
  copy->label = g_strdup (b->label);
  return charta_round_equal (copy, b);
}

/* A round is closed into the file by a replace that checks the etag read. The etag holds
 * the times with nanoseconds, printed with leading zeros ("012345670"): read back as
 * octal, a file nobody touched looked changed on disk (about one save in 60). */
static void
test_etag_nanoseconds (void)
{
  g_autofree char *dir = g_dir_make_tmp ("charta-rounds-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "city.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChartaProject) p = project_at_close ();
  g_autofree char *data = to_data (p), *read = NULL, *etag = NULL;
  g_autoptr(GError) error = NULL;
  struct timespec times[2] = { { 0, UTIME_OMIT }, { 1700000000, 12345670 } };
  struct stat st;
  gsize len;

  g_assert_true (g_file_set_contents (path, data, -1, NULL));
  /* The change time (which no program sets) must not start with a zero either, or the
   * old reader gave up on the etag and checked nothing. */
  do
    {
      g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
      g_assert_cmpint (stat (path, &st), ==, 0);
    }
  while (st.st_ctim.tv_nsec < 100000000);
  g_assert_true (charta_file_load (file, CHARTA_PROJECT_MAX_SIZE, &read, &len, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (etag, ".012345670:"));
  g_assert_true (charta_file_is_unchanged (file, etag, NULL));
  g_assert_true (charta_file_replace (file, data, strlen (data), etag, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- the merge: rounds by id, a rename on one side taken, two renames a conflict ---- */

static char *
merge (const char *base, const char *ours, const char *theirs, char ***paths)
{
  ChartaMergeInput b = { base, strlen (base), "base.charta" };
  ChartaMergeInput o = { ours, strlen (ours), "ours.charta" };
  ChartaMergeInput t = { theirs, strlen (theirs), "theirs.charta" };
  g_autoptr(GError) error = NULL;
  gsize len;
  char *out = charta_merge_data (&b, &o, &t, &len, paths, &error);

  g_assert_no_error (error);
  return out;
}

static void
test_merge (void)
{
  g_autoptr(ChartaProject) p = project_with_round ();
  g_autoptr(ChartaProject) ours = NULL, theirs = NULL, result = NULL, both = NULL;
  g_autofree char *base_text = to_data (p), *ours_text = NULL, *theirs_text = NULL, *both_text = NULL;
  g_autofree char *merged = NULL, *merged2 = NULL;
  g_auto(GStrv) paths = NULL, paths2 = NULL;
  ChartaRound *r = g_ptr_array_index (p->rounds, 0);

  ours = charta_project_copy (p);
  g_assert_true (charta_project_rename_round (ours, r->id, "H1 2026", NULL));
  ours_text = to_data (ours);
  theirs = charta_project_copy (p);
  action (theirs, 0)->status = CHARTA_STATUS_DONE;
  g_assert_nonnull (charta_project_close_round (theirs, "Year 2026", "2026-12-31", NULL));
  theirs_text = to_data (theirs);

  /* The rename from one side, the round closed on the other: both, no conflict, the
   * first round's snapshot as it was. */
  merged = merge (base_text, ours_text, theirs_text, &paths);
  g_assert_cmpuint (g_strv_length (paths), ==, 0);
  result = load_ok (merged);
  g_assert_cmpuint (result->rounds->len, ==, 2);
  g_assert_cmpstr (((ChartaRound *) g_ptr_array_index (result->rounds, 0))->label, ==, "H1 2026");
  g_assert_true (equal_but_label (g_ptr_array_index (result->rounds, 0), r));
  g_assert_cmpstr (((ChartaRound *) g_ptr_array_index (result->rounds, 1))->label, ==, "Year 2026");

  /* Two different new labels: a recorded conflict on the label, nothing lost. */
  both = charta_project_copy (p);
  g_assert_true (charta_project_rename_round (both, r->id, "First half", NULL));
  both_text = to_data (both);
  merged2 = merge (base_text, ours_text, both_text, &paths2);
  g_assert_cmpuint (g_strv_length (paths2), ==, 1);
  g_assert_true (g_str_has_prefix (paths2[0], "rounds["));
  g_assert_true (g_str_has_suffix (paths2[0], ".label"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/rounds/latest", test_latest);
  g_test_add_func ("/rounds/latest/report", test_latest_report);
  g_test_add_func ("/rounds/close", test_close);
  g_test_add_func ("/rounds/rename", test_rename);
  g_test_add_func ("/rounds/find", test_find);
  g_test_add_func ("/rounds/report-period", test_report_period);
  g_test_add_func ("/rounds/changes", test_changes);
  g_test_add_func ("/rounds/changes/groups", test_changes_groups);
  g_test_add_func ("/rounds/changes/json", test_changes_json);
  g_test_add_func ("/rounds/round-trip", test_round_trip);
  g_test_add_func ("/rounds/document", test_document);
  g_test_add_func ("/rounds/merge", test_merge);
  g_test_add_func ("/rounds/close/etag-nanoseconds", test_etag_nanoseconds);
  return g_test_run ();
}
