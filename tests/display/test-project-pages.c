/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issues 12 and 11 under the real window: a project can be set up in the window. The
 * project page edits the city and the period (the core's rule refuses a period that ends
 * before it starts, in words); people and partners are added on their pages and offered by
 * the action editor; removing a person an action refers to names the action and gives it
 * to another person, as one undo step; the file saved holds it all. The project's pages
 * sit at the top of the sidebar. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "charta-date-row.h"
#include "charta-editor-dialog.h"
#include "charta-entry-dialog.h"
#include "charta-new-project-dialog.h"
#include "charta-project-page.h"
#include "charta-roster.h"
#include "charta-sidebar.h"
#include "charta-window.h"
#include "display-utils.h"

#define ACTION_TITLE "Language cafés in the libraries"

static char *path;
static ChartaWindow *window;

/* ---- look-ups ---- */

static gboolean
is_row_titled (GtkWidget *widget, gpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_date_row_labelled (GtkWidget *widget, gpointer label)
{
  return CHARTA_IS_DATE_ROW (widget) && g_strcmp0 (charta_date_row_get_label (CHARTA_DATE_ROW (widget)), label) == 0;
}

static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_check_labelled (GtkWidget *widget, gpointer label)
{
  return GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
is_roster_of (GtkWidget *widget, gpointer collection)
{
  int c;

  if (!CHARTA_IS_ROSTER (widget))
    return FALSE;
  g_object_get (widget, "collection", &c, NULL);
  return c == GPOINTER_TO_INT (collection);
}

static gboolean
page_built (gpointer name)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), is_page_stack, NULL);
  return gtk_stack_get_child_by_name (GTK_STACK (stack), name) != NULL;
}

static GtkWidget *
show_page (const char *name)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), is_page_stack, NULL);
  GtkWidget *page;

  g_assert_true (wait_for (page_built, (gpointer) name));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), name);
  spin (10);
  page = gtk_stack_get_child_by_name (GTK_STACK (stack), name);
  /* The People and Partners pages: their roster has the actions. */
  return CHARTA_IS_ROSTER_PAGE (page) ? GTK_WIDGET (charta_roster_page_get_roster (CHARTA_ROSTER_PAGE (page))) : page;
}

static const ChartaProject *
project (void)
{
  return charta_document_get_project (charta_window_get_document (window));
}

static GtkWidget *
field (GtkWidget *root, const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, (gpointer) title);
  g_assert_nonnull (row);
  return row;
}

/* Types @text into the row titled @title and presses Enter. */
static void
enter (GtkWidget *root, const char *title, const char *text)
{
  GtkWidget *row = field (root, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  spin (5);
}

/* Adds a person or partner on @roster through its dialog. */
static const char *
add_entry (GtkWidget *roster, ChartaCollection collection, const char *name, const char *second, const char *title2)
{
  ChartaEntryDialog *dialog;
  guint n = charta_document_get_n (charta_window_get_document (window), collection);

  g_assert_true (gtk_widget_activate_action (roster, "roster.add", NULL));
  spin (5);
  dialog = CHARTA_ENTRY_DIALOG (find_toplevel (CHARTA_TYPE_ENTRY_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (field (GTK_WIDGET (dialog), title2)), second);
  gtk_editable_set_text (GTK_EDITABLE (field (GTK_WIDGET (dialog), "Name")), name);
  g_assert_true (charta_entry_dialog_save (dialog));
  spin (5);
  g_assert_cmpuint (charta_document_get_n (charta_window_get_document (window), collection), ==, n + 1);
  return *(char **) charta_document_get (charta_window_get_document (window), collection, n);
}

/* ---- the tests ---- */

static void
test_sidebar_top (void)
{
  ChartaSidebar *sidebar = CHARTA_SIDEBAR (find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (CHARTA_TYPE_SIDEBAR)));
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (sidebar), is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW)));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (view));
  ChartaPageKind top[] = { CHARTA_PAGE_OVERVIEW, CHARTA_PAGE_PROJECT, CHARTA_PAGE_PEOPLE, CHARTA_PAGE_PARTNERS,
                           CHARTA_PAGE_ACTIONS, CHARTA_PAGE_MEASURES, CHARTA_PAGE_CONSULTATIONS };

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);
      g_assert_cmpint (charta_sidebar_item_get_kind (item), ==, top[i]);
    }
}

static void
test_city_and_period (void)
{
  GtkWidget *page = show_page ("project");
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *end;

  g_assert_true (CHARTA_IS_PROJECT_PAGE (page));
  g_assert_false (charta_document_get_modified (document));
  enter (page, "City name", "Gent");
  g_assert_cmpstr (project ()->city->name, ==, "Gent");
  g_assert_true (charta_document_get_modified (document));

  /* The end before the start: refused, said in words, nothing committed. */
  end = find_widget (page, is_date_row_labelled, "End (YYYY-MM-DD)");
  g_assert_nonnull (end);
  gtk_editable_set_text (GTK_EDITABLE (end), "2019-12-31");
  spin (5);
  g_assert_true (has_label (page, "the period ends (2019-12-31) before it starts (2024-01-01)"));
  g_assert_cmpstr (project ()->period->end, ==, "2024-12-31");

  gtk_editable_set_text (GTK_EDITABLE (end), "2026-12-31");
  spin (5);
  g_assert_cmpstr (project ()->period->end, ==, "2026-12-31");
  g_assert_false (has_label (page, "the period ends (2019-12-31) before it starts (2024-01-01)"));

  /* One undo step each; undo puts the field back too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (5);
  g_assert_cmpstr (project ()->period->end, ==, "2024-12-31");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "2024-12-31");
  g_assert_cmpstr (project ()->city->name, ==, "Gent");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin (5);
  g_assert_cmpstr (project ()->period->end, ==, "2026-12-31");
}

/* A framework switched on: the project uses it, and the sidebar shows its rows. */
static void
test_framework (void)
{
  GtkWidget *page = show_page ("project");
  GtkWidget *row = field (page, "IncluCities: Building a city for everyone");
  GtkWidget *toggle = find_widget (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  ChartaSidebar *sidebar = CHARTA_SIDEBAR (find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (CHARTA_TYPE_SIDEBAR)));
  GtkListView *view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (sidebar), is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW)));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (view));
  gboolean group = FALSE;

  g_assert_false (charta_project_uses_framework (project (), "inclucities"));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  spin (10);
  g_assert_true (charta_project_uses_framework (project (), "inclucities"));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) r = g_list_model_get_item (rows, i);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (r);
      group |= charta_sidebar_item_get_kind (item) == CHARTA_PAGE_GROUP;
    }
  g_assert_true (group);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (5);
  g_assert_false (charta_project_uses_framework (project (), "inclucities"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

/* The New Project dialog: the current calendar year to start with, a period the wrong way
 * round refused in words, the frameworks chosen. */
static void
test_new_project_dialog (void)
{
  ChartaNewProjectDialog *dialog = charta_new_project_dialog_new (GTK_WINDOW (window));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *jan1 = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));
  g_autoptr(ChartaProject) p = NULL;
  GtkWidget *end, *aii;

  gtk_window_present (GTK_WINDOW (dialog));
  spin (5);
  g_assert_true (find_widget (GTK_WIDGET (dialog), is_date_row_labelled, "Start (YYYY-MM-DD)") != NULL);
  g_assert_cmpstr (charta_date_row_get_date (CHARTA_DATE_ROW (find_widget (GTK_WIDGET (dialog), is_date_row_labelled,
                                                                           "Start (YYYY-MM-DD)"))), ==, jan1);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY))), "Leuven");
  end = find_widget (GTK_WIDGET (dialog), is_date_row_labelled, "End (YYYY-MM-DD)");
  gtk_editable_set_text (GTK_EDITABLE (end), "2000-01-01");
  spin (5);
  g_assert_null (charta_new_project_dialog_create_project (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  {
    g_autofree char *message = g_strdup_printf ("the period ends (2000-01-01) before it starts (%s)", jan1);
    g_assert_true (has_label (GTK_WIDGET (dialog), message));
  }
  gtk_editable_set_text (GTK_EDITABLE (end), "2030-12-31");
  aii = find_widget (GTK_WIDGET (dialog), is_check_labelled, "Agency for Integration support model");
  g_assert_nonnull (aii);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (aii), TRUE);
  spin (5);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  p = charta_new_project_dialog_create_project (dialog);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->city->name, ==, "Leuven");
  g_assert_cmpstr (p->period->start, ==, jan1);
  g_assert_cmpstr (p->period->end, ==, "2030-12-31");
  g_assert_true (charta_project_uses_framework (p, "aii"));
  g_assert_true (charta_project_uses_framework (p, "charter"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static char *ann, *bert, *atlas;

static void
test_people_and_partners (void)
{
  GtkWidget *people = show_page ("people");
  GtkWidget *partners = show_page ("partners");

  g_assert_true (is_roster_of (people, GINT_TO_POINTER (CHARTA_COLLECTION_PEOPLE)));
  ann = g_strdup (add_entry (people, CHARTA_COLLECTION_PEOPLE, "Ann Peeters", "Diversity officer", "Role"));
  bert = g_strdup (add_entry (people, CHARTA_COLLECTION_PEOPLE, "Bert Maes", "Head of libraries", "Role"));
  atlas = g_strdup (add_entry (partners, CHARTA_COLLECTION_PARTNERS, "Atlas vzw", "Integration agency", "Kind of organisation"));
  g_assert_cmpstr (((ChartaPerson *) g_ptr_array_index (project ()->people, 0))->role, ==, "Diversity officer");
  /* The People page, shown again, lists them (it is rebuilt when shown). */
  g_assert_true (show_page ("people") == people);
  g_assert_nonnull (find_widget (people, is_row_titled, "Bert Maes"));
}

static void
test_assign (void)
{
  const ChartaAction *a = g_ptr_array_index (project ()->actions, 0);
  ChartaEditorDialog *editor;
  GtkWidget *owner, *partner_row, *check;
  GListModel *owners;

  show_page ("actions");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_actions_page, NULL), "open-action", a->id);
  spin (10);
  editor = CHARTA_EDITOR_DIALOG (find_toplevel (CHARTA_TYPE_EDITOR_DIALOG));
  g_assert_nonnull (editor);
  owner = field (GTK_WIDGET (editor), "Owner");
  owners = adw_combo_row_get_model (ADW_COMBO_ROW (owner));
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (owners), 1), ==, "Ann Peeters");
  adw_combo_row_set_selected (ADW_COMBO_ROW (owner), 1);
  partner_row = field (GTK_WIDGET (editor), "Atlas vzw");
  check = find_widget (partner_row, is_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (charta_editor_dialog_save (editor));
  spin (5);
  a = g_ptr_array_index (project ()->actions, 0);
  g_assert_cmpstr (a->owner, ==, ann);
  g_assert_cmpuint (a->partners->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (a->partners, 0), ==, atlas);
  destroy_other_windows (window);
}

static void
test_remove_and_reassign (void)
{
  GtkWidget *people = show_page ("people");
  AdwMessageDialog *ask;
  GtkDropDown *choice;
  const ChartaAction *a;

  g_assert_true (gtk_widget_activate_action (people, "roster.remove", "s", ann));
  spin (5);
  ask = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (ask);
  /* It says which action, and offers the other person or nobody. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), "“" ACTION_TITLE "”"));
  choice = GTK_DROP_DOWN (find_widget (GTK_WIDGET (ask), is_type, GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choice)), ==, 2);
  gtk_drop_down_set_selected (choice, 1);
  adw_message_dialog_response (ask, "remove");
  spin (5);
  a = g_ptr_array_index (project ()->actions, 0);
  g_assert_cmpstr (a->owner, ==, bert);
  g_assert_cmpuint (project ()->people->len, ==, 1);
  destroy_other_windows (window);

  /* One undo brings Ann back as the owner. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (5);
  a = g_ptr_array_index (project ()->actions, 0);
  g_assert_cmpuint (project ()->people->len, ==, 2);
  g_assert_cmpstr (a->owner, ==, ann);
}

static void
test_saved (void)
{
  g_autoptr(ChartaProject) back = save_and_reload (window, path);
  const ChartaAction *a = g_ptr_array_index (back->actions, 0);

  g_assert_cmpstr (back->city->name, ==, "Gent");
  g_assert_cmpstr (back->period->start, ==, "2024-01-01");
  g_assert_cmpstr (back->period->end, ==, "2026-12-31");
  g_assert_cmpuint (back->people->len, ==, 2);
  g_assert_cmpstr (((ChartaPerson *) g_ptr_array_index (back->people, 0))->name, ==, "Ann Peeters");
  g_assert_cmpuint (back->partners->len, ==, 1);
  g_assert_cmpstr (((ChartaPartner *) g_ptr_array_index (back->partners, 0))->kind, ==, "Integration agency");
  g_assert_cmpstr (a->owner, ==, ann);
  g_assert_cmpstr (g_ptr_array_index (a->partners, 0), ==, atlas);
}

/* A project as charta-cli new makes it, with one action and no people. */
static char *
new_project_file (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Ghent");
  g_autofree char *dir = g_dir_make_tmp ("charta-project-pages-XXXXXX", NULL);
  char *file_path = g_build_filename (dir, "gent.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GError) error = NULL;

  g_free (p->period->start);
  g_free (p->period->end);
  p->period->start = g_strdup ("2024-01-01");
  p->period->end = g_strdup ("2024-12-31");
  g_ptr_array_add (p->actions, charta_action_new (ACTION_TITLE));
  g_assert_true (charta_project_save_file (p, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return file_path;
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  path = new_project_file ();
  window = open_window (path);
  g_test_add_func ("/project-pages/sidebar-top", test_sidebar_top);
  g_test_add_func ("/project-pages/city-and-period", test_city_and_period);
  g_test_add_func ("/project-pages/framework", test_framework);
  g_test_add_func ("/project-pages/new-project-dialog", test_new_project_dialog);
  g_test_add_func ("/project-pages/people-and-partners", test_people_and_partners);
  g_test_add_func ("/project-pages/assign", test_assign);
  g_test_add_func ("/project-pages/remove-and-reassign", test_remove_and_reassign);
  g_test_add_func ("/project-pages/saved", test_saved);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
