/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A peer review in the window (issue 15), under an X server, on a copy of the Ghent
 * example: its page from the sidebar, a reviewer added and edited, the stages moved on,
 * a visit session planned with the items it covers (the coverage check and a day over its
 * hours shown), a document requested and arrived, one item assessed by the team otherwise
 * than by the city (both shown, the city's never changed), the feedback report drafted,
 * edited and exported as PDF (read back with pdftotext), the presentation recorded and one
 * recommendation turned into an action; saved and read back from the file.
 * With CHARTA_SHOOT_DIR set it also saves screenshots of the side-by-side view and the
 * visit plan there (run under Xvfb at 1280x800). */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "charta-export-dialog.h"
#include "charta-new-review-dialog.h"
#include "charta-review.h"
#include "charta-review-column.h"
#include "charta-review-page.h"
#include "charta-sidebar.h"
#include "display-utils.h"

#define REVIEW_ID "28d1addd-080d-51a7-9029-be973921f759"
#define COORDINATOR "0d745083-1e62-538a-a53a-6b7d63a5cfed"
#define ITEM "dive.indicator.employer.6"        /* the city: level 2; no session covers it */
#define RECOMMENDATION "dive.area.employer.1.kp1.r2"

static const ChartaReview *
review_of (ChartaWindow *window)
{
  return charta_project_find_review (charta_window_get_project (window), REVIEW_ID);
}

static gboolean
settled (gpointer page)
{
  return !charta_review_page_get_pending (page);
}

/* Waits until the page has been rebuilt after the last change. */
static void
settle (GtkWidget *page)
{
  spin (2);
  g_assert_true (wait_for (settled, page));
  spin (2);
}

/* ---- finding widgets ---- */

typedef struct {
  GType type;
  const char *title;
  GPtrArray *found;
} Collect;

static void
collect (GtkWidget *root, Collect *c)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, c->type) &&
      (c->title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), c->title) == 0))
    g_ptr_array_add (c->found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect (child, c);
}

/* Every row of @type under @root titled @title (any title when NULL), in tree order. */
static GPtrArray *
rows_titled (GtkWidget *root, GType type, const char *title)
{
  Collect c = { type, title, g_ptr_array_new () };

  collect (root, &c);
  return c.found;
}

static GtkWidget *
last_row (GtkWidget *root, GType type, const char *title)
{
  g_autoptr(GPtrArray) rows = rows_titled (root, type, title);

  g_assert_cmpuint (rows->len, >, 0);
  return g_ptr_array_index (rows, rows->len - 1);
}

static gboolean
is_view_stack (GtkWidget *widget, gpointer data)
{
  return ADW_IS_VIEW_STACK (widget);
}

/* The page's view @name, shown. */
static GtkWidget *
view (GtkWidget *page, const char *name)
{
  GtkWidget *stack = find_widget (page, is_view_stack, NULL);

  settle (page);
  charta_review_page_show_view (CHARTA_REVIEW_PAGE (page), name);
  return adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), name);
}

static gboolean
is_team_column_for (GtkWidget *widget, gpointer item_id)
{
  return CHARTA_IS_REVIEW_COLUMN (widget) &&
         g_strcmp0 (charta_review_column_get_assessor (CHARTA_REVIEW_COLUMN (widget)), "team") == 0 &&
         g_strcmp0 (charta_review_column_get_item_id (CHARTA_REVIEW_COLUMN (widget)), item_id) == 0;
}

static gboolean
is_expanded_row (GtkWidget *widget, gpointer data)
{
  return ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (widget));
}

static gboolean
is_check (GtkWidget *widget, gpointer data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

/* Types @text into the entry row and presses its apply button, as a person does. */
static void
apply (GtkWidget *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  settle (gtk_widget_get_ancestor (row, CHARTA_TYPE_REVIEW_PAGE));
}

static void
action (GtkWidget *page, const char *name, const char *target)
{
  g_assert_true (gtk_widget_activate_action (page, name, target ? "s" : NULL, target));
  settle (page);
}

static void
shoot (GtkWidget *window, const char *name)
{
  const char *dir = g_getenv ("CHARTA_SHOOT_DIR");
  g_autofree char *file = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;
  file = g_build_filename (dir, name, NULL);
  argv[3] = file;
  spin (60);
  g_usleep (300000);
  spin (20);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
}

/* Scrolls the view so that @widget's item is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  spin (20);
  g_assert_true (gtk_widget_compute_point (widget, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 90);
}

static char *
pdftotext (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* ---- the steps ---- */

/* A person joins the project and the team; the team's coordinator leaves it. */
static void
edit_team (ChartaWindow *window, GtkWidget *page)
{
  ChartaDocument *document = charta_window_get_document (window);
  ChartaPerson *person = g_new0 (ChartaPerson, 1);   /* no fields with defaults */
  GtkWidget *review = view (page, "review");
  const ChartaReviewer *added;

  person->id = g_uuid_string_random ();
  person->name = g_strdup ("Peer from Vienna (test)");
  charta_document_insert (document, CHARTA_COLLECTION_PEOPLE, charta_document_get_n (document, CHARTA_COLLECTION_PEOPLE),
                          person);
  settle (page);
  action (page, "review.add-reviewer", NULL);
  g_assert_cmpuint (review_of (window)->team->len, ==, 6);
  added = g_ptr_array_index (review_of (window)->team, 5);
  g_assert_cmpstr (charta_project_find_person (charta_window_get_project (window), added->person)->name, ==,
                   "Peer from Vienna (test)");
  g_assert_true (has_label (review, "Peer from Vienna (test)"));
  apply (last_row (review, ADW_TYPE_ENTRY_ROW, "City"), "Vienna");
  adw_combo_row_set_selected (ADW_COMBO_ROW (last_row (review, ADW_TYPE_COMBO_ROW, "Role")),
                              CHARTA_REVIEW_ROLE_BENCHMARKING_EXPERT);
  settle (page);
  added = g_ptr_array_index (review_of (window)->team, 5);
  g_assert_cmpstr (added->city, ==, "Vienna");
  g_assert_cmpint (added->role, ==, CHARTA_REVIEW_ROLE_BENCHMARKING_EXPERT);
  g_assert_true (has_label (review, "Benchmarking expert · Vienna"));

  shoot (GTK_WIDGET (window), "review-team-1280.png");
  action (page, "review.remove-reviewer", COORDINATOR);
  g_assert_cmpuint (review_of (window)->team->len, ==, 5);
  g_assert_null (charta_review_find_reviewer (review_of (window), COORDINATOR));
}

static void
next_stage (ChartaWindow *window, GtkWidget *page, const char *expected)
{
  action (page, "review.next-stage", NULL);
  g_assert_cmpstr (review_of (window)->stage, ==, expected);
}

/* A session covering the one item no session covered; then the day made too long. */
static void
plan_visit (ChartaWindow *window, GtkWidget *page)
{
  GtkWidget *visit = view (page, "visit");
  guint n = review_of (window)->sessions->len;
  g_autoptr(GPtrArray) checks = NULL;
  const ChartaReviewSession *s;
  GtkWidget *session, *item_row, *check;

  g_assert_true (has_label (visit, "1 item under review is not covered by any session"));
  g_assert_false (has_label (visit, "Over the day’s hours"));
  action (page, "review.add-session", NULL);
  g_assert_cmpuint (review_of (window)->sessions->len, ==, n + 1);
  session = find_widget (visit, is_expanded_row, NULL);
  g_assert_nonnull (session);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "Start (HH:MM)"), "15:30");
  /* The end moved with the start: an hour, as added. */
  g_assert_cmpstr (((ChartaReviewSession *) g_ptr_array_index (review_of (window)->sessions, n))->end, ==, "16:30");
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "End (HH:MM)"), "17:00");
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "Title"), "Interview: statistics service");
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "Place"), "City hall, room 2");
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "Interviewees or participants (separated by “;”)"),
         "Head of statistics; HR data analyst");
  session = find_widget (visit, is_expanded_row, NULL);
  item_row = last_row (session, ADW_TYPE_ACTION_ROW,
                       charta_item_get_title (charta_catalogue_lookup (charta_catalogue_get_default (), ITEM)));
  check = find_widget (item_row, is_check, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  settle (page);

  s = g_ptr_array_index (review_of (window)->sessions, n);
  g_assert_cmpstr (s->date, ==, "2025-03-20");   /* the last session's day */
  g_assert_cmpstr (s->start, ==, "15:30");
  g_assert_cmpstr (s->end, ==, "17:00");
  g_assert_cmpstr (s->title, ==, "Interview: statistics service");
  g_assert_cmpstr (s->place, ==, "City hall, room 2");
  g_assert_cmpuint (s->participants->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (s->participants, 1), ==, "HR data analyst");
  g_assert_cmpuint (s->items->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (s->items, 0), ==, ITEM);
  g_assert_true (has_label (visit, "Every item under review (10) is covered by a session"));
  g_assert_false (has_label (visit, "Over the day’s hours"));

  /* 09:00–12:00, 13:30–15:00 and now 15:30–22:00: over the day's eight hours. */
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "End (HH:MM)"), "22:00");
  g_assert_true (has_label (visit, "Over the day’s hours"));
  shoot (GTK_WIDGET (window), "review-visit-1280.png");
  /* An end before the start is refused, as the loader would refuse it. */
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "End (HH:MM)"), "08:00");
  g_assert_cmpstr (((ChartaReviewSession *) g_ptr_array_index (review_of (window)->sessions, n))->end, ==, "22:00");
  session = find_widget (visit, is_expanded_row, NULL);
  apply (last_row (session, ADW_TYPE_ENTRY_ROW, "End (HH:MM)"), "17:00");
  g_assert_false (has_label (visit, "Over the day’s hours"));

  apply (last_row (visit, ADW_TYPE_ENTRY_ROW, "Request a document (its title)"), "Staff survey 2024: results");
  g_assert_cmpuint (review_of (window)->documents->len, ==, 5);
  checks = rows_titled (last_row (visit, ADW_TYPE_ACTION_ROW, "Staff survey 2024: results"), GTK_TYPE_CHECK_BUTTON, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (g_ptr_array_index (checks, 0)), TRUE);
  settle (page);
  g_assert_true (((ChartaReviewDocument *) g_ptr_array_index (review_of (window)->documents, 4))->arrived);
}

/* The team assesses ITEM lower than the city did; both are shown, the difference said. */
static void
assess (ChartaWindow *window, GtkWidget *page, const ChartaAssessment *city)
{
  GtkWidget *compare = view (page, "compare");
  GtkWidget *column = find_widget (compare, is_team_column_for, (gpointer) ITEM);
  const ChartaReviewAssessment *team;

  g_assert_nonnull (column);
  g_assert_cmpint (charta_review_column_get_comparison (CHARTA_REVIEW_COLUMN (column)), ==, CHARTA_LEVEL_ONLY_CITY);
  charta_review_column_set_level (CHARTA_REVIEW_COLUMN (column), 1);
  charta_review_column_set_findings (CHARTA_REVIEW_COLUMN (column),
                                     "Tested with the statistics service: the figures set no targets yet.");
  charta_review_column_save (CHARTA_REVIEW_COLUMN (column));
  settle (page);

  team = charta_review_find_assessment (review_of (window), ITEM, "team");
  g_assert_nonnull (team);
  g_assert_cmpint (team->level, ==, 1);
  g_assert_cmpstr (team->findings, ==, "Tested with the statistics service: the figures set no targets yet.");
  /* The city's own assessment is as it was. */
  g_assert_true (charta_assessment_equal (city, charta_project_get_assessment (charta_window_get_project (window), ITEM)));
  column = find_widget (compare, is_team_column_for, (gpointer) ITEM);
  g_assert_cmpint (charta_review_column_get_comparison (CHARTA_REVIEW_COLUMN (column)), ==, CHARTA_LEVEL_LOWER);
  g_assert_true (has_label (compare, "Differs: 1, lower than the city’s 2"));
  g_assert_true (has_label (compare, city->evidence));   /* the city's column beside it */
  g_assert_true (has_label (compare, "The team’s level differs from the city’s"));
  scroll_to (column);
  shoot (GTK_WIDGET (window), "review-side-by-side-1280.png");
}

static void
feedback (ChartaWindow *window, GtkWidget *page, const char *dir)
{
  GtkWidget *view_feedback = view (page, "feedback");
  g_autofree char *pdf = g_build_filename (dir, "feedback.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  GtkWidget *save, *findings;
  gpointer dialog;

  g_assert_null (review_of (window)->feedback);
  action (page, "review.draft-feedback", NULL);
  g_assert_cmpuint (review_of (window)->feedback->len, ==, 4);   /* one per area under review */
  view_feedback = view (page, "feedback");
  save = find_widget (view_feedback, is_button_labelled, (gpointer) "Save Section");
  g_assert_nonnull (save);
  /* The section's texts: situation, findings, … then Save. */
  findings = gtk_widget_get_first_child (gtk_widget_get_parent (save));
  for (guint i = 0; i < 3; i++)
    findings = gtk_widget_get_next_sibling (findings);
  g_assert_true (GTK_IS_TEXT_VIEW (findings));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (findings)),
                            "Edited in Charta: the target is known to managers only.", -1);
  g_signal_emit_by_name (save, "clicked");   /* at once, not after showing it pressed */
  settle (page);
  g_assert_cmpstr (((ChartaFeedbackSection *) g_ptr_array_index (review_of (window)->feedback, 0))->findings, ==,
                   "Edited in Charta: the target is known to managers only.");

  dialog = charta_review_page_export (CHARTA_REVIEW_PAGE (page));
  g_assert_true (CHARTA_IS_EXPORT_DIALOG (dialog));
  g_assert_cmpint (charta_export_dialog_get_format (dialog), ==, CHARTA_EXPORT_FORMAT_PDF);
  g_object_add_weak_pointer (G_OBJECT (dialog), &dialog);
  charta_export_dialog_export_to_file (dialog, file);
  g_assert_true (wait_for (gone, &dialog));   /* closed when done */
  text = pdftotext (pdf);
  g_assert_nonnull (strstr (text, "Edited in Charta: the target is known to managers only."));
  g_assert_nonnull (strstr (text, "DIVE peer review"));
  g_assert_nonnull (strstr (text, charta_item_get_title (charta_catalogue_lookup (charta_catalogue_get_default (),
                                                                                  "dive.area.employer.4"))));
}

static void
present_and_adopt (ChartaWindow *window, GtkWidget *page)
{
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *view_feedback = view (page, "feedback");
  GtkWidget *button = find_widget (view_feedback, is_button_labelled, (gpointer) "Turn Into Action");
  guint n = charta_window_get_project (window)->actions->len;
  const ChartaAction *action;

  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));   /* not before the presentation */
  apply (last_row (view_feedback, ADW_TYPE_ENTRY_ROW, "Date (YYYY-MM-DD)"), "2025-06-12");
  view_feedback = view (page, "feedback");
  apply (last_row (view_feedback, ADW_TYPE_ENTRY_ROW, "Outcome"), "Adopted by the HR board");
  g_assert_cmpstr (review_of (window)->presentation->date, ==, "2025-06-12");
  g_assert_cmpstr (review_of (window)->presentation->outcome, ==, "Adopted by the HR board");

  view_feedback = view (page, "feedback");
  button = find_widget (view_feedback, is_button_labelled, (gpointer) "Turn Into Action");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "review.adopt");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL), ==,
                   RECOMMENDATION);
  g_signal_emit_by_name (button, "clicked");
  settle (page);
  g_assert_cmpuint (charta_window_get_project (window)->actions->len, ==, n + 1);
  action = g_ptr_array_index (charta_window_get_project (window)->actions, n);
  g_assert_cmpstr (action->review, ==, REVIEW_ID);
  g_assert_cmpstr (action->recommendation, ==, RECOMMENDATION);
  g_assert_true (has_label (view (page, "feedback"), "In the action plan"));
  scroll_to (find_widget (view (page, "feedback"), is_button_labelled, (gpointer) "Turn Into Action"));
  shoot (GTK_WIDGET (window), "review-feedback-1280.png");
  /* One step: one undo takes it back out. */
  g_assert_true (charta_document_undo (document));
  g_assert_cmpuint (charta_window_get_project (window)->actions->len, ==, n);
  g_assert_true (charta_document_redo (document));
  g_assert_cmpuint (charta_window_get_project (window)->actions->len, ==, n + 1);
}

static void
test_review_window (void)
{
  g_autofree char *path = copy_example ("ghent-peer-review-2025.charta");
  g_autofree char *dir = g_path_get_dirname (path);
  ChartaWindow *window = NULL;
  g_autoptr(ChartaAssessment) city = NULL;
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaReview *r;
  GtkWidget *page;

  if (g_getenv ("CHARTA_SHOOT_DIR") != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
      /* As the application (AdwApplication) loads it. */
      gtk_css_provider_load_from_resource (css, "/io/github/charta/Charta/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      window = charta_window_new (NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (charta_window_open (window, file));
      spin (20);
    }
  else
    window = open_window (path);
  city = charta_assessment_copy (charta_project_get_assessment (charta_window_get_project (window), ITEM));
  g_assert_cmpint (city->level, ==, 2);
  /* The sidebar has a row for the review. */
  g_assert_true (has_label (GTK_WIDGET (window), "DIVE peer review: the city as employer (illustrative example)"));
  g_assert_true (has_label (GTK_WIDGET (window), "DIVE peer review · Four-day visit"));
  page = charta_window_show_review (window, REVIEW_ID);
  g_assert_true (CHARTA_IS_REVIEW_PAGE (page));
  settle (page);
  g_assert_true (has_label (page, "DIVE peer review · Four-day visit"));

  edit_team (window, page);
  plan_visit (window, page);
  assess (window, page, city);
  next_stage (window, page, "dive.review-stage.feedback-report");
  feedback (window, page, dir);
  next_stage (window, page, "dive.review-stage.presentation");
  present_and_adopt (window, page);
  /* The last switch of the view (expander rows hold hidden ones): publish the agreed levels. */
  gtk_switch_set_active (GTK_SWITCH (last_row (view (page, "review"), GTK_TYPE_SWITCH, NULL)), TRUE);
  settle (page);

  saved = save_and_reload (window, path);
  r = charta_project_find_review (saved, REVIEW_ID);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.presentation");
  g_assert_cmpuint (r->team->len, ==, 5);
  g_assert_cmpstr (((ChartaReviewer *) g_ptr_array_index (r->team, 4))->city, ==, "Vienna");
  g_assert_cmpuint (r->sessions->len, ==, 11);
  g_assert_cmpstr (((ChartaReviewSession *) g_ptr_array_index (r->sessions, 10))->title, ==,
                   "Interview: statistics service");
  {
    g_autoptr(GPtrArray) gaps = charta_review_find_gaps (r);
    g_assert_cmpuint (gaps->len, ==, 0);
  }
  g_assert_true (((ChartaReviewDocument *) g_ptr_array_index (r->documents, 4))->arrived);
  g_assert_cmpint (charta_review_find_assessment (r, ITEM, "team")->level, ==, 1);
  g_assert_true (charta_assessment_equal (city, charta_project_get_assessment (saved, ITEM)));
  g_assert_cmpuint (r->feedback->len, ==, 4);
  g_assert_cmpstr (((ChartaFeedbackSection *) g_ptr_array_index (r->feedback, 0))->findings, ==,
                   "Edited in Charta: the target is known to managers only.");
  g_assert_cmpstr (r->presentation->date, ==, "2025-06-12");
  g_assert_cmpuint (saved->actions->len, ==, 1);
  g_assert_cmpstr (((ChartaAction *) g_ptr_array_index (saved->actions, 0))->review, ==, REVIEW_ID);
  g_assert_true (saved->publish_review_levels);

  destroy_other_windows (window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
  g_unlink (path);
  g_autofree char *pdf = g_build_filename (dir, "feedback.pdf", NULL);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* ---- a review started and deleted in the window ---- */

static gboolean
is_sidebar (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_SIDEBAR (widget);
}

static gboolean
is_shown (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The review the sidebar has selected, or NULL. */
static const char *
selected_review (ChartaWindow *window)
{
  ChartaSidebar *sidebar = CHARTA_SIDEBAR (find_widget (GTK_WIDGET (window), is_sidebar, NULL));
  ChartaSidebarItem *item = charta_sidebar_get_selected (sidebar);

  return item && charta_sidebar_item_get_kind (item) == CHARTA_PAGE_REVIEW ? charta_sidebar_item_get_review_id (item)
                                                                           : NULL;
}

/* Whether the sidebar shows a row titled @title (a tooltip's label is no row). */
static gboolean
has_row (ChartaWindow *window, const char *title)
{
  return has_label (find_widget (GTK_WIDGET (window), is_sidebar, NULL), title);
}

/* The confirmation shown, the one with a "delete" response. */
static AdwMessageDialog *
confirmation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "delete"))
        return ADW_MESSAGE_DIALOG (w);
    }
  g_assert_not_reached ();
}

static guint
n_reviews (ChartaWindow *window)
{
  const ChartaProject *p = charta_window_get_project (window);

  return p->reviews ? p->reviews->len : 0;
}

static void
activate (ChartaWindow *window, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  spin (5);
}

/* Activates the check row titled @title under @root, as Space on the row does. */
static void
toggle_row (GtkWidget *root, const char *title)
{
  adw_action_row_activate (ADW_ACTION_ROW (last_row (root, ADW_TYPE_ACTION_ROW, title)));
  spin (3);
}

static gboolean
is_error_label (GtkWidget *widget, gpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static GtkWidget *
problem_label (GtkWidget *root)
{
  GtkWidget *label = find_widget (root, is_error_label, NULL);

  g_assert_nonnull (label);
  return label;
}

/* New Review… on the Mechelen example (no reviews): the dialog asks for the kind, the
 * title, what is under review (two areas checked) and the dates; the review's row appears in the sidebar at
 * once and its page opens; a title edited there keeps the focus in the title field and
 * renames the row; undo and redo take the review away and back, Delete Review… asks
 * first, and the file holds what was asked for. */
static void
test_new_review (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autofree char *dir = g_path_get_dirname (path);
  ChartaWindow *window = open_window (path);
  g_autoptr(GPtrArray) candidates = charta_review_get_candidates (CHARTA_REVIEW_DIVE_PEER_REVIEW);
  g_autoptr(ChartaProject) saved = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *id = NULL;
  GtkWindow *dialog;
  GtkWidget *page, *title_row, *focus;
  guint area = 0;
  const ChartaReview *r;

  g_assert_cmpuint (n_reviews (window), ==, 0);
  g_assert_false (has_row (window, "City as employer"));
  if (g_getenv ("CHARTA_SHOOT_DIR") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      spin (20);
    }

  /* The dialog: a wrong period keeps Create off. */
  activate (window, "win.new-review");
  dialog = find_toplevel (CHARTA_TYPE_NEW_REVIEW_DIALOG);
  g_assert_nonnull (dialog);
  if (g_getenv ("CHARTA_SHOOT_DIR") == NULL)
    g_assert_true (wait_for (is_shown, dialog));
  titles = rows_titled (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_cmpuint (titles->len, ==, 5);   /* title, mentor, mentee, start, end */
  type_into (g_ptr_array_index (titles, 0), "City as employer");
  /* Under review: all of the benchmark at first; unchecked, nothing is, and Create is off
   * with the reason said; two areas checked, Create is on again. */
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  toggle_row (GTK_WIDGET (dialog), "All of the DIVE benchmark");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  g_assert_true (has_label (GTK_WIDGET (dialog), "Choose at least one part of the benchmark for the review to cover."));
  while (!g_str_equal (charta_item_get_kind (g_ptr_array_index (candidates, area)), "area"))
    area++;
  for (guint i = area; i < area + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Area: %s", charta_item_get_title (g_ptr_array_index (candidates, i)));
      toggle_row (GTK_WIDGET (dialog), name);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  g_assert_false (gtk_widget_get_visible (problem_label (GTK_WIDGET (dialog))));
  type_into (g_ptr_array_index (titles, 3), "2026-03-05");
  type_into (g_ptr_array_index (titles, 4), "2026-03-02");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  type_into (g_ptr_array_index (titles, 4), "2026-03-08");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  if (g_getenv ("CHARTA_SHOOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("CHARTA_SHOOT_DIR"), "review-new.png", NULL);
      g_autofree char *command = g_strdup_printf ("import -window root %s", shot);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (last_row (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, NULL)), TRUE);
      spin (30);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  spin (10);

  /* The row at once, selected, and the review's page shown. */
  g_assert_cmpuint (n_reviews (window), ==, 1);
  r = g_ptr_array_index (charta_window_get_project (window)->reviews, 0);
  id = g_strdup (r->id);
  g_assert_cmpstr (r->title, ==, "City as employer");
  g_assert_true (has_row (window, "City as employer"));
  g_assert_cmpstr (selected_review (window), ==, id);
  page = charta_window_show_review (window, id);
  settle (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_true (has_label (page, "DIVE peer review · Self-assessment in an initial report"));

  /* The title edited in the page: the rebuilt view gives the focus back to the title
   * field (a new widget), and the sidebar's row is renamed. */
  title_row = last_row (view (page, "review"), ADW_TYPE_ENTRY_ROW, "Title");
  g_assert_true (gtk_widget_grab_focus (title_row));
  type_into (title_row, "City as employer and buyer");
  g_signal_emit_by_name (title_row, "apply");
  settle (page);
  g_assert_cmpstr (((ChartaReview *) g_ptr_array_index (charta_window_get_project (window)->reviews, 0))->title, ==,
                   "City as employer and buyer");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_false (gtk_widget_is_ancestor (focus, title_row) || focus == title_row);
  g_assert_true (gtk_widget_is_ancestor (focus, last_row (view (page, "review"), ADW_TYPE_ENTRY_ROW, "Title")));
  g_assert_true (has_row (window, "City as employer and buyer"));
  g_assert_cmpstr (selected_review (window), ==, id);

  /* Undo: the title, then the review and its row; redo brings both back. */
  activate (window, "win.undo");
  activate (window, "win.undo");
  g_assert_cmpuint (n_reviews (window), ==, 0);
  g_assert_false (has_row (window, "City as employer"));
  activate (window, "win.redo");
  activate (window, "win.redo");
  g_assert_cmpuint (n_reviews (window), ==, 1);
  g_assert_true (has_row (window, "City as employer and buyer"));

  /* Delete Review… asks first: Cancel keeps it, Delete takes it and its row, Undo brings
   * them back. */
  g_assert_true (charta_sidebar_select_review (CHARTA_SIDEBAR (find_widget (GTK_WIDGET (window), is_sidebar, NULL)), id));
  settle (page);
  g_assert_true (gtk_widget_activate_action (page, "review.delete", NULL));
  spin (5);
  adw_message_dialog_response (confirmation (), "cancel");
  spin (5);
  g_assert_cmpuint (n_reviews (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (page, "review.delete", NULL));
  spin (5);
  adw_message_dialog_response (confirmation (), "delete");
  spin (10);
  g_assert_cmpuint (n_reviews (window), ==, 0);
  g_assert_false (has_row (window, "City as employer and buyer"));
  g_assert_null (selected_review (window));
  activate (window, "win.undo");
  g_assert_cmpuint (n_reviews (window), ==, 1);
  g_assert_true (has_row (window, "City as employer and buyer"));

  saved = save_and_reload (window, path);
  g_assert_cmpuint (saved->reviews->len, ==, 1);
  r = g_ptr_array_index (saved->reviews, 0);
  g_assert_cmpstr (r->id, ==, id);
  g_assert_cmpint (r->kind, ==, CHARTA_REVIEW_DIVE_PEER_REVIEW);
  g_assert_cmpstr (r->title, ==, "City as employer and buyer");
  g_assert_cmpstr (r->stage, ==, "dive.review-stage.self-assessment");
  g_assert_cmpstr (r->start, ==, "2026-03-05");
  g_assert_cmpstr (r->end, ==, "2026-03-08");
  g_assert_cmpuint (r->items->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->items, 0), ==, charta_item_get_id (g_ptr_array_index (candidates, area)));
  g_assert_cmpstr (g_ptr_array_index (r->items, 1), ==, charta_item_get_id (g_ptr_array_index (candidates, area + 1)));

  /* A reload (the file changed on disk) takes the rows out and puts them in at once. */
  {
    ChartaProject *none = charta_project_copy (saved);
    while (none->reviews->len > 0)
      {
        charta_review_free (g_ptr_array_index (none->reviews, 0));
        g_ptr_array_remove_index (none->reviews, 0);
      }
    charta_document_reload (charta_window_get_document (window), none, NULL);
    spin (3);
    g_assert_false (has_row (window, "City as employer and buyer"));
    charta_document_reload (charta_window_get_document (window), charta_project_copy (saved), NULL);
    spin (3);
    g_assert_true (has_row (window, "City as employer and buyer"));
  }

  destroy_other_windows (window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/review-window/stages", test_review_window);
  g_test_add_func ("/review-window/new", test_new_review);
  return g_test_run ();
}
