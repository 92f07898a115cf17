/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The action plan narrow and wide, and what a GNOME task app does (issue 12): the window
 * down to 360 px with a usable list and the filters in a button, the table's columns at
 * 1280 px in the language of the run (meson runs this in English and Dutch), status and
 * progress edited in the rows (undoable, saved), quick-add, a dropped file opening, the
 * notification of actions falling due, comment counts, sorting 20,000 actions keeping the
 * selected one in view. Real window, real files; the notifications go over a private
 * D-Bus session (dbus-run-session) to a notification server this test runs. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "charta-action-row.h"
#include "charta-application.h"
#include "charta-date.h"
#include "charta-format.h"
#include "display-utils.h"

#define TAILORED "Tailored support for the Personnel department's diversity action plan"

/* ---- look-ups ---- */

static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_mapped (GtkWidget *root, GType type)
{
  return find_widget (root, is_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_row_titled (GtkWidget *widget, gpointer title)
{
  return CHARTA_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) && has_label (widget, title);
}

static gboolean
is_suggested (GtkWidget *widget, gpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action") && gtk_widget_get_mapped (widget);
}

static gboolean
is_main_menu_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0;
}

/* Whether @widget lies wholly inside @window: nothing cut off at its right edge. */
static gboolean
inside (GtkWidget *widget, GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds.origin.x >= 0 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window) + 0.5;
}

static const ChartaAction *
action_titled (ChartaDocument *document, const char *title)
{
  for (guint i = 0; i < charta_document_get_n (document, CHARTA_COLLECTION_ACTIONS); i++)
    {
      const ChartaAction *a = charta_document_get (document, CHARTA_COLLECTION_ACTIONS, i);
      if (g_strcmp0 (a->title, title) == 0)
        return a;
    }
  return NULL;
}

/* A window of @width × @height showing the action plan of a copy of @example. */
static ChartaWindow *
plan_window (GtkApplication *app, const char *path, int width, int height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (CHARTA_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (charta_window_open (window, file));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-actions", NULL));
  spin (50);
  return window;
}

static gboolean
surface_width_is (gpointer data)
{
  GtkWidget *window = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  spin (2);
  if (g_getenv ("DEBUG_W")) g_printerr ("surface %d\n", surface ? gdk_surface_get_width (surface) : -1);
  return surface != NULL && gdk_surface_get_width (surface) == GPOINTER_TO_INT (g_object_get_data (data, "want"));
}

static gboolean
plan_list_gone (gpointer page)
{
  return find_widget (page, is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW)) == NULL;
}

/* ---- narrow ---- */

/* 360 px: the window goes that narrow (its minimum is no more), the plan is a list of rows
 * with title, due date and status, the filters are one button, nothing is cut off, and the
 * sidebar's page has the main menu. */
static void
test_narrow (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = plan_window (NULL, path, 360, 720);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  GtkWidget *row, *filters, *add, *menu;
  g_autofree char *label = NULL;
  int min;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  g_object_set_data (G_OBJECT (window), "want", GINT_TO_POINTER (360));
  g_assert_true (wait_for (surface_width_is, window));
  spin (20);

  g_assert_null (find_mapped (page, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (find_mapped (page, GTK_TYPE_LIST_VIEW));
  filters = find_mapped (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (filters);
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (filters)));
  g_assert_true (inside (filters, GTK_WIDGET (window)));
  add = find_widget (page, is_suggested, NULL);
  g_assert_nonnull (add);
  g_assert_true (inside (add, GTK_WIDGET (window)));

  row = find_widget (page, is_row_titled, (gpointer) TAILORED);
  g_assert_nonnull (row);
  g_assert_true (inside (GTK_WIDGET (charta_action_row_get_status_dropdown (CHARTA_ACTION_ROW (row))), GTK_WIDGET (window)));
  g_assert_true (inside (GTK_WIDGET (charta_action_row_get_progress_spin (CHARTA_ACTION_ROW (row))), GTK_WIDGET (window)));
  g_assert_cmpuint (gtk_drop_down_get_selected (charta_action_row_get_status_dropdown (CHARTA_ACTION_ROW (row))), ==,
                    CHARTA_STATUS_IN_PROGRESS);

  /* The Filters menu filters: Done only (the menu's status choices are the page's action),
   * and the button says that one filter is on. */
  label = g_strdup (gtk_menu_button_get_label (GTK_MENU_BUTTON (filters)));
  g_assert_true (gtk_widget_activate_action (page, "plan.status-filter", "u", CHARTA_STATUS_DONE + 1));
  spin (10);
  g_assert_null (find_widget (page, is_row_titled, (gpointer) TAILORED));
  g_assert_nonnull (strstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (filters)), "(1)"));
  g_assert_true (gtk_widget_activate_action (page, "plan.status-filter", "u", 0));
  spin (10);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (filters)), ==, label);
  g_assert_nonnull (find_widget (page, is_row_titled, (gpointer) TAILORED));

  /* Back to the sidebar: the main menu is there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  /* The leaflet slides back (an animation of its own length): wait until the page is gone. */
  g_assert_true (wait_for (plan_list_gone, page));
  menu = find_widget (GTK_WIDGET (window), is_main_menu_button, NULL);
  g_assert_nonnull (menu);
  /* The menu is made when it first opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  spin (20);
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)))));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- wide ---- */

static gboolean
is_column_title (GtkWidget *widget, gpointer data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewTitle");
}

/* Checks every column heading under @root: its text fits its column, and it ends inside
 * the window. Returns how many there are. */
static guint
check_headings (GtkWidget *root, GtkWidget *window)
{
  guint n = 0;

  if (is_column_title (root, NULL))
    {
      GtkWidget *label = find_widget (root, is_type, GSIZE_TO_POINTER (GTK_TYPE_LABEL));
      int natural;

      g_assert_nonnull (label);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (natural > gtk_widget_get_width (label))
        g_error ("The heading “%s” needs %d px and has %d", gtk_label_get_text (GTK_LABEL (label)), natural,
                 gtk_widget_get_width (label));
      g_assert_true (inside (root, window));
      return 1;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += check_headings (c, window);
  return n;
}

/* 1280 × 800: the table, all seven columns on screen with room for their headings, the
 * filters and Add not cut. */
static void
test_wide (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = plan_window (NULL, path, 1280, 800);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  GtkWidget *table;

  g_object_set_data (G_OBJECT (window), "want", GINT_TO_POINTER (1280));
  g_assert_true (wait_for (surface_width_is, window));
  spin (20);
  table = find_mapped (page, GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (table);
  g_assert_cmpuint (check_headings (table, GTK_WIDGET (window)), ==, 7);
  g_assert_true (inside (find_widget (page, is_suggested, NULL), GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- inline edits, quick-add, comments ---- */

/* The status set in a row is the document's, one undo step, saved; Done brings 100 %, and
 * a progress below 100 on a done action is refused. */
static void
test_inline_status (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = plan_window (NULL, path, 360, 720);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  GtkWidget *row = find_widget (page, is_row_titled, (gpointer) TAILORED);
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaAction *a;

  g_assert_nonnull (row);
  g_assert_cmpint (action_titled (document, TAILORED)->progress, ==, 60);
  gtk_drop_down_set_selected (charta_action_row_get_status_dropdown (CHARTA_ACTION_ROW (row)), CHARTA_STATUS_DONE);
  spin (10);
  a = action_titled (document, TAILORED);
  g_assert_cmpint (a->status, ==, CHARTA_STATUS_DONE);
  g_assert_cmpint (a->progress, ==, 100);

  /* Done at 50 % breaks the core's rule: refused, the row shows 100 again. */
  row = find_widget (page, is_row_titled, (gpointer) TAILORED);
  gtk_spin_button_set_value (charta_action_row_get_progress_spin (CHARTA_ACTION_ROW (row)), 50);
  spin (10);
  g_assert_cmpint (action_titled (document, TAILORED)->progress, ==, 100);
  row = find_widget (page, is_row_titled, (gpointer) TAILORED);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (charta_action_row_get_progress_spin (CHARTA_ACTION_ROW (row))), ==, 100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (10);
  a = action_titled (document, TAILORED);
  g_assert_cmpint (a->status, ==, CHARTA_STATUS_IN_PROGRESS);
  g_assert_cmpint (a->progress, ==, 60);
  row = find_widget (page, is_row_titled, (gpointer) TAILORED);
  g_assert_cmpuint (gtk_drop_down_get_selected (charta_action_row_get_status_dropdown (CHARTA_ACTION_ROW (row))), ==,
                    CHARTA_STATUS_IN_PROGRESS);

  /* A progress typed in the row, saved. */
  gtk_spin_button_set_value (charta_action_row_get_progress_spin (CHARTA_ACTION_ROW (row)), 80);
  spin (10);
  saved = save_and_reload (window, path);
  for (guint i = 0; i < saved->actions->len; i++)
    {
      const ChartaAction *s = g_ptr_array_index (saved->actions, i);
      if (g_str_equal (s->title, TAILORED))
        {
          g_assert_cmpint (s->status, ==, CHARTA_STATUS_IN_PROGRESS);
          g_assert_cmpint (s->progress, ==, 80);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A title and Enter add an action; the entry empties and keeps the focus for the next. */
static void
test_quick_add (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = plan_window (NULL, path, 1280, 800);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  GtkWidget *entry = find_mapped (page, GTK_TYPE_ENTRY);
  guint n = charta_document_get_n (document, CHARTA_COLLECTION_ACTIONS);

  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Translate the welcome leaflet");
  g_signal_emit_by_name (entry, "activate");
  spin (10);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Train the front desk");
  g_signal_emit_by_name (entry, "activate");
  spin (10);
  g_signal_emit_by_name (entry, "activate");   /* empty: nothing */
  spin (5);
  g_assert_cmpuint (charta_document_get_n (document, CHARTA_COLLECTION_ACTIONS), ==, n + 2);
  g_assert_nonnull (action_titled (document, "Translate the welcome leaflet"));
  g_assert_cmpstr (((const ChartaAction *) charta_document_get (document, CHARTA_COLLECTION_ACTIONS, n + 1))->title,
                   ==, "Train the front desk");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  g_assert_cmpstr (charta_actions_page_get_selected_id (CHARTA_ACTIONS_PAGE (page)), ==,
                   action_titled (document, "Train the front desk")->id);
  /* One undo step each. */
  g_assert_true (charta_document_undo (document));
  g_assert_cmpuint (charta_document_get_n (document, CHARTA_COLLECTION_ACTIONS), ==, n + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A row shows how many comments its action has, and follows a new one. */
static void
test_comment_count (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = plan_window (NULL, path, 1280, 800);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  g_autofree char *id = g_strdup (action_titled (document, TAILORED)->id);
  g_autoptr(GError) error = NULL;

  g_assert_false (has_label (page, "1 comment"));
  g_assert_true (charta_document_add_comment (document, charta_comment_new (id, "Mentor", "Who leads this?"), &error));
  g_assert_no_error (error);
  spin (10);
  g_assert_true (has_label (page, "1 comment"));
  g_assert_true (charta_document_add_comment (document, charta_comment_new (id, "Mentee", "Ans"), &error));
  spin (10);
  g_assert_true (has_label (page, "2 comments"));
  gtk_window_destroy (GTK_WINDOW (window));
  /* Narrow, the row says it too. */
  window = plan_window (NULL, path, 360, 720);
  document = charta_window_get_document (window);
  page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  g_assert_false (has_label (page, "1 comment"));
  g_assert_true (charta_document_add_comment (document, charta_comment_new (id, "Mentor", "Who leads this?"), &error));
  spin (10);
  g_assert_true (has_label (find_widget (page, is_row_titled, (gpointer) TAILORED), "1 comment"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- dropping a file ---- */

static GtkDropTarget *
drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  return NULL;
}

static gboolean
drop_file (GtkDropTarget *target, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

static gboolean
has_document (gpointer window)
{
  return charta_window_get_document (window) != NULL;
}

/* A .charta file dropped on the window opens; another file is refused in words. */
static void
test_drop (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  ChartaWindow *window = charta_window_new (NULL);
  GtkDropTarget *target = drop_target (GTK_WIDGET (window));

  gtk_window_present (GTK_WINDOW (window));
  spin (10);
  g_assert_nonnull (target);
  g_assert_true (g_file_set_contents (other, "not a project", -1, NULL));
  g_assert_false (drop_file (target, other));
  spin (20);
  g_assert_null (charta_window_get_document (window));
  g_assert_true (has_label (GTK_WIDGET (window), "“notes.txt” is not a Charta project: drop a .charta file to open it"));

  g_assert_true (drop_file (target, path));
  g_assert_true (wait_for (has_document, window));
  g_assert_cmpstr (charta_window_get_project (window)->city->name, ==, "Mechelen");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- sorting keeps the view ---- */

static gboolean
is_selected_row (GtkWidget *widget, gpointer data)
{
  return gtk_widget_get_mapped (widget) && (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_SELECTED) &&
         g_str_equal (gtk_widget_get_css_name (widget), "row");
}

/* Whether the selected row is drawn inside the table's scrolled window. */
static gboolean
selected_in_view (gpointer page)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (find_mapped (page, GTK_TYPE_COLUMN_VIEW), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *row = find_widget (scroller, is_selected_row, NULL);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (row, scroller, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* 20,000 actions sorted by due date: the selected action stays on screen; without one, the
 * view stays in the middle of the list rather than jumping to its top. */
static void
test_sort_keeps_view (void)
{
  g_autofree char *dir = g_dir_make_tmp ("charta-plan-XXXXXX", NULL);
  g_autofree char *path = generate_large_project (dir, 20000);
  ChartaWindow *window = plan_window (NULL, path, 1280, 800);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_actions_page, NULL);
  GtkColumnView *table = GTK_COLUMN_VIEW (find_mapped (page, GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (table);
  ChartaDocument *document = charta_window_get_document (window);
  const char *id = ((const ChartaAction *) charta_document_get (document, CHARTA_COLLECTION_ACTIONS, 10000))->id;
  g_autoptr(GtkColumnViewColumn) due = NULL;
  GtkAdjustment *adjustment;

  for (guint i = 0; i < g_list_model_get_n_items (columns) && due == NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (c), "Due") == 0)
        due = g_steal_pointer (&c);
    }
  g_assert_nonnull (due);
  charta_actions_page_select (CHARTA_ACTIONS_PAGE (page), id);
  g_assert_true (wait_for (selected_in_view, page));

  gtk_column_view_sort_by_column (table, due, GTK_SORT_ASCENDING);
  spin (30);
  g_assert_cmpstr (charta_actions_page_get_selected_id (CHARTA_ACTIONS_PAGE (page)), ==, id);
  g_assert_true (wait_for (selected_in_view, page));
  gtk_column_view_sort_by_column (table, due, GTK_SORT_DESCENDING);
  spin (30);
  g_assert_true (wait_for (selected_in_view, page));

  charta_actions_page_select (CHARTA_ACTIONS_PAGE (page), NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    gtk_widget_get_ancestor (GTK_WIDGET (table), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  spin (30);
  gtk_column_view_sort_by_column (table, due, GTK_SORT_ASCENDING);
  spin (30);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, gtk_adjustment_get_upper (adjustment) / 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- notifications ---- */

typedef struct {
  guint count;
  char *summary;
  char *body;
} Notifications;

static Notifications notified;

static void
on_method_call_cb (GDBusConnection *connection, const char *sender, const char *path, const char *iface,
                   const char *method, GVariant *params, GDBusMethodInvocation *invocation, gpointer data)
{
  if (g_str_equal (method, "Notify"))
    {
      notified.count++;
      g_free (notified.summary);
      g_free (notified.body);
      g_variant_get_child (params, 3, "s", &notified.summary);
      g_variant_get_child (params, 4, "s", &notified.body);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified.count));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "charta", "1", "1.2"));
}

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "<arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "</interface></node>";

/* A notification server on the session bus, on a connection of its own. */
static GDBusConnection *
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;
  g_autoptr(GVariant) reply = NULL;

  connection = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static gboolean
notified_once (gpointer data)
{
  return notified.count == GPOINTER_TO_UINT (data);
}

/* A project with one action due in three days and another done. */
static char *
write_due_project (void)
{
  g_autoptr(ChartaProject) p = charta_project_new ("Leuven");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  g_autofree char *dir = g_dir_make_tmp ("charta-plan-XXXXXX", NULL);
  char *path = g_build_filename (dir, "leuven.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaAction *a = charta_action_new ("Open a welcome desk");
  ChartaAction *done = charta_action_new ("Hire a coordinator");
  g_autoptr(GError) error = NULL;

  a->due = g_date_time_format (soon, "%Y-%m-%d");
  done->due = g_strdup (a->due);
  done->status = CHARTA_STATUS_DONE;
  g_ptr_array_add (p->actions, a);
  g_ptr_array_add (p->actions, done);
  g_assert_true (charta_project_save_file (p, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Opening a project with actions falling due notifies once a day per project; the
 * notification's action shows the action plan. */
static void
test_notification (void)
{
  g_autoptr(GDBusConnection) server = start_notification_server ();
  g_autoptr(ChartaApplication) app = charta_application_new ();
  g_autofree char *mechelen = copy_example ("mechelen-2018.charta");
  g_autofree char *leuven = write_due_project ();
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  ChartaWindow *first, *second;
  GtkWidget *stack;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  first = plan_window (GTK_APPLICATION (app), mechelen, 1000, 700);
  g_assert_true (wait_for (notified_once, GUINT_TO_POINTER (1)));
  g_assert_nonnull (strstr (notified.summary, "Mechelen"));
  g_assert_nonnull (strstr (notified.body, "actions are overdue"));
  g_assert_null (strstr (notified.body, "due within a week"));

  /* The same project again today: no second notification. */
  second = plan_window (GTK_APPLICATION (app), mechelen, 1000, 700);
  spin (100);
  g_assert_cmpuint (notified.count, ==, 1);
  gtk_window_destroy (GTK_WINDOW (second));

  /* Another project: its own. */
  second = plan_window (GTK_APPLICATION (app), leuven, 1000, 700);
  g_assert_true (wait_for (notified_once, GUINT_TO_POINTER (2)));
  g_assert_nonnull (strstr (notified.summary, "Leuven"));
  g_assert_cmpstr (notified.body, ==, "1 action is due within a week.\n• Open a welcome desk");

  /* Its default action: the first window's action plan. */
  stack = find_widget (GTK_WIDGET (first), is_page_stack, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "overview");
  uri = g_filename_to_uri (mechelen, NULL, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-actions", g_variant_new_string (uri));
  spin (10);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "actions");

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (first));
  spin (10);
}

int
main (int argc, char **argv)
{
  charta_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/action-plan/narrow", test_narrow);
  g_test_add_func ("/action-plan/wide", test_wide);
  /* What follows reads English texts: run once, in English. */
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "nl") != 0)
    {
      g_test_add_func ("/action-plan/inline-status", test_inline_status);
      g_test_add_func ("/action-plan/quick-add", test_quick_add);
      g_test_add_func ("/action-plan/comment-count", test_comment_count);
      g_test_add_func ("/action-plan/drop", test_drop);
      g_test_add_func ("/action-plan/sort-keeps-view", test_sort_keeps_view);
      g_test_add_func ("/action-plan/notification", test_notification);
    }
  return g_test_run ();
}
