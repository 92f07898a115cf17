/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-portfolio-window.c: the Portfolio window (issue 15) over a generated folder of 20
 * projects and one broken file (bench/portfolio/make-projects.py): each city's figures as
 * the table shows them match the core's summary of that file, the broken file is listed
 * with its error, the filters reduce the rows, a city's column sorts them, and a city opens
 * in a Charta window through the application (once).
 *
 * With CHARTA_PORTFOLIO_SHOT=FILE.png it also takes a screenshot of the root window with a
 * role chosen (run it on a 1280x800 X server for docs/screenshots/portfolio.png). */
#define G_LOG_DOMAIN "test-portfolio-window"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "charta-application.h"
#include "charta-portfolio-line.h"
#include "charta-portfolio-window.h"
#include "charta-review.h"
#include "charta-summary.h"
#include "display-utils.h"

#define N_CITIES 20

static ChartaApplication *app;
static char *folder;
static ChartaPortfolioWindow *window;

static gboolean
loaded (gpointer data)
{
  return !charta_portfolio_window_get_busy (data) && charta_portfolio_window_get_portfolio (data) != NULL;
}

static gboolean
is_column_view (GtkWidget *widget, gpointer data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static GtkColumnView *
table (void)
{
  return GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (window), is_column_view, NULL));
}

static GListModel *
rows (void)
{
  return G_LIST_MODEL (gtk_column_view_get_model (table ()));
}

/* The table's column titled @title, and its city number (the column after the item and the
 * median), or NULL. */
static GtkColumnViewColumn *
column (const char *title, guint *city)
{
  GListModel *columns = gtk_column_view_get_columns (table ());

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (col), title) == 0)
        {
          if (city)
            *city = i - 2;
          return col;
        }
    }
  return NULL;
}

static ChartaPortfolioLine *
line_for (const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows ()); i++)
    {
      g_autoptr(ChartaPortfolioLine) line = g_list_model_get_item (rows (), i);
      if (g_strcmp0 (charta_portfolio_line_get_key (line), key) == 0)
        return line;
    }
  return NULL;
}

static char *
count_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* The reviews in progress and the latest closed round, from the file itself. */
static guint
reviews_in_progress (const ChartaProject *p)
{
  guint n = 0;

  for (guint i = 0; p->reviews && i < p->reviews->len; i++)
    n += charta_review_is_in_progress (g_ptr_array_index (p->reviews, i));
  return n;
}

static char *
last_round_text (const ChartaProject *p)
{
  const ChartaRound *last = NULL;

  for (guint i = 0; p->rounds && i < p->rounds->len; i++)
    {
      const ChartaRound *r = g_ptr_array_index (p->rounds, i);
      if (last == NULL || strcmp (r->closed, last->closed) > 0)
        last = r;
    }
  return last ? g_strdup_printf ("%s (%s)", last->label, last->closed) : NULL;
}

static void
check_city (const char *path, const ChartaProject *p, guint city)
{
  g_autoptr(ChartaSummary) s = charta_summary_new (p, NULL);
  g_autofree char *overdue = count_text (s->overdue->len);
  g_autofree char *reviews = count_text (reviews_in_progress (p));
  g_autofree char *round = last_round_text (p);
  guint n_levels = 0;

  g_test_message ("%s: city %u", path, city);
  for (ChartaStatus st = 0; st < CHARTA_N_STATUSES; st++)
    {
      g_autofree char *key = g_strdup_printf ("actions:%s", charta_status_to_string (st));
      g_autofree char *expected = count_text (s->actions[st]);
      g_assert_cmpstr (charta_portfolio_line_get_text (line_for (key), city), ==, expected);
    }
  g_assert_cmpstr (charta_portfolio_line_get_text (line_for ("overdue"), city), ==, overdue);
  g_assert_cmpstr (charta_portfolio_line_get_text (line_for ("reviews"), city), ==, reviews);
  g_assert_cmpstr (charta_portfolio_line_get_text (line_for ("round"), city), ==, round);
  /* Every level the file gives, as a number and the level's name. */
  for (guint k = 0; k < p->assessments->len; k++)
    {
      const ChartaAssessment *a = g_ptr_array_index (p->assessments, k);
      ChartaPortfolioLine *line = a->level == CHARTA_UNSET ? NULL : line_for (a->item);
      g_autofree char *prefix = g_strdup_printf ("%d · ", a->level);

      if (a->level == CHARTA_UNSET || charta_catalogue_lookup (charta_catalogue_get_default (), a->item) == NULL)
        continue;
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (charta_portfolio_line_get_text (line, city), prefix));
      n_levels++;
    }
  g_assert_cmpuint (n_levels, >, 0);
}

static gboolean
is_shot_requested (void)
{
  return g_getenv ("CHARTA_PORTFOLIO_SHOT") != NULL;
}

static void
shoot (void)
{
  const char *argv[] = { "import", "-window", "root", g_getenv ("CHARTA_PORTFOLIO_SHOT"), NULL };

  spin (60);
  g_usleep (300000);
  spin (20);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
}

static void
test_figures (void)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (column ("Item", NULL));
  g_assert_nonnull (column ("Network Median", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (table ())), ==, 2 + N_CITIES);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(ChartaProject) p = charta_project_load_file (file, NULL, NULL, NULL);
      guint city = G_MAXUINT;

      n_files++;
      if (p == NULL)
        continue;
      g_assert_nonnull (column (p->city->name, &city));
      check_city (path, p, city);
    }
  g_assert_cmpuint (n_files, ==, N_CITIES + 1);
  /* The labels show the line's text: the first row's first city, on screen. */
  {
    g_autoptr(ChartaPortfolioLine) first = g_list_model_get_item (rows (), 0);
    const char *text = charta_portfolio_line_get_text (first, 0);
    g_assert_true (has_label (GTK_WIDGET (table ()), text ? text : "—"));
  }
}

static gboolean
is_row_titled (GtkWidget *widget, gpointer title)
{
  return ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_stack (GtkWidget *widget, gpointer data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "none") != NULL;
}

static gboolean
is_window_title (GtkWidget *widget, gpointer data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

static void
test_broken_listed (void)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_row_titled, (gpointer) "broken-021.charta");
  g_autofree char *path = g_build_filename (folder, "broken-021.charta", NULL);
  g_autofree char *prefix = g_strconcat (path, ":", NULL);
  const char *error;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (row);
  error = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("the broken file's row: %s", error);
  /* FILE:LINE:COLUMN: field: message */
  g_assert_true (g_str_has_prefix (error, prefix));
  parts = g_strsplit (error + strlen (prefix), ":", 3);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_cmpint (atoi (parts[0]), >, 0);
  g_assert_cmpint (atoi (parts[1]), >, 0);
  g_assert_nonnull (strstr (parts[2], "period.start"));
  /* The title says so too. */
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (window), is_window_title, NULL))),
                            "1 file could not be opened"));
}

/* The drop-down whose first choice is @first. */
static gboolean
is_drop_down (GtkWidget *widget, gpointer first)
{
  GListModel *model = GTK_IS_DROP_DOWN (widget) ? gtk_drop_down_get_model (GTK_DROP_DOWN (widget)) : NULL;

  return model && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), first) == 0;
}

static void
choose (GtkDropDown *drop_down, const char *name)
{
  GListModel *names = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      gtk_drop_down_set_selected (drop_down, i);
  spin (10);
}

static guint
count_items (void)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows ()); i++)
    {
      g_autoptr(ChartaPortfolioLine) line = g_list_model_get_item (rows (), i);
      n += charta_portfolio_line_get_row (line) != NULL;
    }
  return n;
}

static void
test_filter (void)
{
  GtkDropDown *roles = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), is_drop_down, (gpointer) "All Roles"));
  const ChartaItem *employer = charta_catalogue_lookup (charta_catalogue_get_default (), "charter.role.employer");
  guint all = count_items ();
  guint n_all = g_list_model_get_n_items (rows ());

  choose (roles, charta_item_get_title (employer));
  g_test_message ("items: %u, serving the employer role: %u", all, count_items ());
  g_assert_cmpuint (count_items (), <, all);
  g_assert_cmpuint (count_items (), >, 0);
  if (is_shot_requested ())
    shoot ();
  /* The figures per city stay. */
  g_assert_cmpuint (g_list_model_get_n_items (rows ()) - count_items (), ==, n_all - all);
  for (guint i = 0; i < g_list_model_get_n_items (rows ()); i++)
    {
      g_autoptr(ChartaPortfolioLine) line = g_list_model_get_item (rows (), i);
      const ChartaPortfolioRow *row = charta_portfolio_line_get_row (line);
      g_assert_true (row == NULL || charta_portfolio_row_matches (row, NULL, NULL, employer));
    }
  gtk_drop_down_set_selected (roles, 0);
  spin (10);
  g_assert_cmpuint (count_items (), ==, all);
}

static void
check_order (guint city, int direction)
{
  double last = NAN;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows ()); i++)
    {
      g_autoptr(ChartaPortfolioLine) line = g_list_model_get_item (rows (), i);
      double v = charta_portfolio_line_get_value (line, city);
      if (isnan (v))
        continue;
      if (!isnan (last))
        g_assert_cmpfloat (direction * (v - last), >=, 0);
      last = v;
      n++;
    }
  g_assert_cmpuint (n, >, 10);
}

static void
test_sort (void)
{
  guint city = 0;
  GtkColumnViewColumn *col = column ("City 005", &city);
  g_autoptr(ChartaPortfolioLine) first = NULL;

  g_assert_nonnull (col);
  /* Before: catalogue order, not by level. */
  gtk_column_view_sort_by_column (table (), col, GTK_SORT_DESCENDING);
  spin (10);
  check_order (city, -1);
  gtk_column_view_sort_by_column (table (), col, GTK_SORT_ASCENDING);
  spin (10);
  check_order (city, 1);
  gtk_column_view_sort_by_column (table (), column ("Item", NULL), GTK_SORT_ASCENDING);
  spin (10);
  first = g_list_model_get_item (rows (), 0);
  g_assert_true (g_utf8_collate (charta_portfolio_line_get_title (first), "A") < 0 ||
                 g_ascii_toupper (charta_portfolio_line_get_title (first)[0]) == 'A');
  gtk_column_view_sort_by_column (table (), NULL, GTK_SORT_ASCENDING);
}

/* From the keyboard: the Sort by drop-down, a city's highest levels first. */
static void
test_sort_keyboard (void)
{
  GtkDropDown *order = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), is_drop_down, (gpointer) "Catalogue Order"));
  guint city = 0;
  g_autoptr(ChartaPortfolioLine) first = NULL;

  g_assert_nonnull (order);
  g_assert_nonnull (column ("City 007", &city));
  choose (order, "City 007");
  check_order (city, -1);
  choose (order, "Catalogue Order");
  first = g_list_model_get_item (rows (), 0);
  g_assert_true (charta_portfolio_line_get_row (first) == g_ptr_array_index (charta_portfolio_window_get_portfolio (window)->rows, 0));
}

static guint
count_project_windows (GFile *file)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CHARTA_IS_WINDOW (l->data) && charta_window_get_file (l->data) && g_file_equal (charta_window_get_file (l->data), file))
      n++;
  return n;
}

static gboolean
project_shown (gpointer file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CHARTA_IS_WINDOW (l->data) && charta_window_get_document (l->data) &&
        g_file_equal (charta_document_get_file (charta_window_get_document (l->data)), file))
      return TRUE;
  return FALSE;
}

static void
test_click_through (void)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_row_titled, (gpointer) "City 002");
  g_autofree char *path = g_build_filename (folder, "city-002.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *path3 = g_build_filename (folder, "city-003.charta", NULL);
  g_autoptr(GFile) file3 = g_file_new_for_path (path3);
  guint entry3 = G_MAXUINT;
  const ChartaPortfolio *portfolio = charta_portfolio_window_get_portfolio (window);

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activate");
  g_assert_true (wait_for (project_shown, file));
  g_assert_cmpstr (charta_document_get_project (charta_window_get_document (
                     CHARTA_WINDOW (find_toplevel (CHARTA_TYPE_WINDOW))))->city->name, ==, "City 002");
  /* Again: the open project comes to the front, not a second window. */
  g_signal_emit_by_name (row, "activate");
  spin (20);
  g_assert_cmpuint (count_project_windows (file), ==, 1);

  /* A city's column header's menu does the same. */
  for (guint i = 0; i < portfolio->entries->len; i++)
    if (g_str_has_suffix (((ChartaPortfolioEntry *) g_ptr_array_index (portfolio->entries, i))->path, "city-003.charta"))
      entry3 = i;
  g_assert_nonnull (gtk_column_view_column_get_header_menu (column ("City 003", NULL)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "portfolio.open-city", "u", entry3));
  g_assert_true (wait_for (project_shown, file3));
  g_assert_cmpuint (count_project_windows (file3), ==, 1);
}

static gboolean
is_portfolio_window_other (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (CHARTA_IS_PORTFOLIO_WINDOW (w) && w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

/* A folder without project files says so. */
static void
test_no_files (void)
{
  g_autofree char *empty = g_dir_make_tmp ("charta-portfolio-empty-XXXXXX", NULL);
  const char *paths[] = { empty, NULL };
  ChartaPortfolioWindow *other = charta_portfolio_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (other));
  charta_portfolio_window_load (other, paths);
  g_assert_true (wait_for (loaded, other));
  spin (10);
  g_assert_cmpuint (charta_portfolio_window_get_portfolio (other)->entries->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_widget (GTK_WIDGET (other), is_stack, NULL))), ==, "none");
  gtk_window_destroy (GTK_WINDOW (other));
  g_rmdir (empty);
}

/* The main menu's Open Portfolio… opens a portfolio window asking for a folder. */
static void
test_menu_action (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "portfolio"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "portfolio", NULL);
  g_assert_true (wait_for (is_portfolio_window_other, NULL));
  spin (20);
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (GTK_IS_FILE_CHOOSER (w) || (CHARTA_IS_PORTFOLIO_WINDOW (w) && w != GTK_WINDOW (window)))
        gtk_window_destroy (w);
    }
  spin (10);
}

/* The click-through opens projects of the folder in a window, which would send a reminder
 * of their actions falling due to a notification server this test's bus does not have. */
static void
mark_folder_reminded (void)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
  g_ptr_array_add (paths, NULL);
  mark_reminded_today ((const char * const *) paths->pdata);
}

static void
make_folder (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "bench", "portfolio", "make-projects.py", NULL);
  g_autofree char *count = g_strdup_printf ("%d", N_CITIES + 1);
  const char *argv[] = { "python3", script, NULL, "--count", count, "--broken", "1", "--top", g_getenv ("CHARTA_SOURCE_DIR"), NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  folder = g_dir_make_tmp ("charta-portfolio-XXXXXX", NULL);
  argv[2] = folder;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  mark_folder_reminded ();
}

static void
remove_folder (void)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };
  int result;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  make_folder ();

  app = charta_application_new ();
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = charta_portfolio_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  paths[0] = folder;
  charta_portfolio_window_load (window, paths);
  g_assert_true (charta_portfolio_window_get_busy (window));
  g_assert_true (wait_for (loaded, window));
  spin (20);

  g_test_add_func ("/portfolio-window/figures", test_figures);
  g_test_add_func ("/portfolio-window/broken-listed", test_broken_listed);
  g_test_add_func ("/portfolio-window/filter", test_filter);
  g_test_add_func ("/portfolio-window/sort", test_sort);
  g_test_add_func ("/portfolio-window/sort-keyboard", test_sort_keyboard);
  g_test_add_func ("/portfolio-window/click-through", test_click_through);
  g_test_add_func ("/portfolio-window/no-files", test_no_files);
  g_test_add_func ("/portfolio-window/menu-action", test_menu_action);
  result = g_test_run ();
  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  remove_folder ();
  return result;
}
