/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window and the network hub: the token in the Secret Service (libsecret's file
 * backend, in a folder of this test), the report sent from the preview dialog's Send button
 * to the real charta-hub on 127.0.0.1, the outbox when the hub is down, the retry from the
 * header bar, and the comparison page reading the network summary. Every wait is bounded. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "charta-compare-page.h"
#include "charta-preferences-window.h"
#include "charta-report-dialog.h"
#include "charta-secrets.h"
#include "charta-sidebar-item.h"
#include "charta-sync.h"
#include "charta-sync-button.h"
#include "charta-window.h"
#include "charta-level-row.h"
#include "display-utils.h"
#include "hub-fixture.h"

#define MECHELEN "8137dd8f-e693-47f3-b743-56462b75ea8d"   /* city.id of the example */
#define OTHER_CITY "44444444-4444-4444-8444-444444444444"
#define AREA "dive.area.pm.3"                             /* not assessed in the example */
#define COMPARED "charter.commitment.policymaker.1"       /* Mechelen: level 2 */



static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

static gboolean
is_plain_entry_row (GtkWidget *widget, gpointer data)
{
  return ADW_IS_ENTRY_ROW (widget) && !ADW_IS_PASSWORD_ENTRY_ROW (widget);
}

static gboolean
is_row_for (GtkWidget *widget, gpointer item_id)
{
  return ADW_IS_ACTION_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "charta-item"), item_id) == 0;
}

/* Shown or not: unlike find_toplevel (). */
static GtkWindow *
find_any_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
    }
  return NULL;
}

/* ---- the token ---- */

typedef struct {
  GAsyncResult *result;
} Wait;

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static void
store_token (const char *endpoint, const char *city, const char *token)
{
  Wait w = { NULL };
  g_autoptr(GError) error = NULL;

  charta_secrets_store_async (endpoint, city, "Mechelen", token, NULL, store_result_cb, &w);
  g_assert_true (wait_for (has_result, &w));
  g_assert_true (charta_secrets_store_finish (w.result, &error));
  g_assert_no_error (error);
  g_object_unref (w.result);
}

static char *
lookup_token (const char *endpoint, const char *city)
{
  Wait w = { NULL };
  g_autoptr(GError) error = NULL;
  char *token;

  charta_secrets_lookup_async (endpoint, city, NULL, store_result_cb, &w);
  g_assert_true (wait_for (has_result, &w));
  token = charta_secrets_lookup_finish (w.result, &error);
  g_assert_no_error (error);
  g_object_unref (w.result);
  return token;
}

static void
test_secrets (void)
{
  char *token;
  Wait w = { NULL };
  g_autoptr(GError) error = NULL;

  store_token ("http://127.0.0.1:1/", MECHELEN, "chub_first");
  store_token ("http://127.0.0.1:1/", OTHER_CITY, "chub_other");
  store_token ("http://127.0.0.1:2", MECHELEN, "chub_second");

  /* Filed under the address without its trailing slash, and the city. */
  token = lookup_token ("  http://127.0.0.1:1  ", MECHELEN);
  g_assert_cmpstr (token, ==, "chub_first");
  charta_secrets_free (token);
  token = lookup_token ("http://127.0.0.1:1/", OTHER_CITY);
  g_assert_cmpstr (token, ==, "chub_other");
  charta_secrets_free (token);
  token = lookup_token ("http://127.0.0.1:2/", MECHELEN);
  g_assert_cmpstr (token, ==, "chub_second");
  charta_secrets_free (token);

  /* Storing again replaces; clearing removes one token only. */
  store_token ("http://127.0.0.1:1", MECHELEN, "chub_replaced");
  token = lookup_token ("http://127.0.0.1:1", MECHELEN);
  g_assert_cmpstr (token, ==, "chub_replaced");
  charta_secrets_free (token);
  charta_secrets_clear_async ("http://127.0.0.1:1/", MECHELEN, NULL, store_result_cb, &w);
  g_assert_true (wait_for (has_result, &w));
  g_assert_true (charta_secrets_clear_finish (w.result, &error));
  g_clear_object (&w.result);
  g_assert_null (lookup_token ("http://127.0.0.1:1", MECHELEN));
  token = lookup_token ("http://127.0.0.1:1", OTHER_CITY);
  g_assert_cmpstr (token, ==, "chub_other");
  charta_secrets_free (token);
}

/* ---- the window ---- */

static ChartaWindow *
open_sized_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChartaWindow *window = charta_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (charta_window_open (window, file));
  spin (20);
  return window;
}

/* As a user does: Preferences, the address typed in its row. */
static void
set_endpoint_in_preferences (ChartaWindow *window, const char *url)
{
  GtkWindow *prefs;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  spin (10);
  prefs = find_any_toplevel (CHARTA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  row = find_widget (GTK_WIDGET (prefs), is_plain_entry_row, NULL);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), url);
  spin (10);
  g_assert_cmpstr (charta_window_get_hub_endpoint (window), ==, url);
  gtk_window_destroy (prefs);
  spin (5);
}

static gboolean
not_busy (gpointer state)
{
  return !charta_sync_state_get_busy (state);
}

static gboolean
no_dialog (gpointer data)
{
  return find_any_toplevel (CHARTA_TYPE_REPORT_DIALOG) == NULL;
}

static void
on_clicked_cb (GtkButton *button, gboolean *clicked)
{
  *clicked = TRUE;
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

/* As a user does: Send Progress Report…, then Send. Returns the JSON the dialog showed. */
static char *
send_from_dialog (ChartaWindow *window)
{
  ChartaSyncState *state = charta_window_get_sync_state (window);
  ChartaReportDialog *dialog;
  g_autoptr(GBytes) expected = NULL;
  GtkWidget *send;
  char *shown;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.push-report", NULL));
  spin (10);
  dialog = CHARTA_REPORT_DIALOG (find_any_toplevel (CHARTA_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (charta_report_dialog_get_report (dialog));
  /* The preview is exactly what a push sends. */
  shown = charta_report_dialog_dup_text (dialog);
  expected = charta_report_to_bytes (charta_report_dialog_get_report (dialog));
  g_assert_cmpstr (shown, ==, g_bytes_get_data (expected, NULL));
  send = find_widget (GTK_WIDGET (dialog), is_button_labelled, (gpointer) "_Send");
  g_assert_nonnull (send);
  /* Send waits for the dialog to find the city's token in the password store. */
  g_assert_true (wait_for (is_sensitive, send));
  /* Activating a button clicks it once its pressed look has shown, a moment later. */
  g_assert_true (gtk_widget_activate (send));
  g_assert_true (wait_for (no_dialog, NULL));
  g_assert_true (wait_for (not_busy, state));
  return shown;
}

static ChartaSyncButton *
sync_button (ChartaWindow *window)
{
  GtkWidget *button = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (CHARTA_TYPE_SYNC_BUTTON));
  g_assert_nonnull (button);
  return CHARTA_SYNC_BUTTON (button);
}

static char *
stored_report (HubFixture *f, const char *token, const char *shown)
{
  g_autoptr(ChartaReport) report = charta_report_parse (shown, strlen (shown), NULL);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_nonnull (report);
  path = g_strdup_printf ("/api/v1/reports/%s", report->id);
  if (hub_request (f, "GET", path, token, NULL, NULL, &body, NULL) != 200)
    return NULL;
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static GPtrArray *
outbox_entries (void)
{
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (NULL);
  GPtrArray *entries = charta_outbox_list (outbox, NULL, NULL);

  g_assert_nonnull (entries);
  return entries;
}

static void
set_level_in_page (ChartaWindow *window, const char *item, guint level)
{
  GtkWidget *row;

  g_assert_true (charta_window_select_item (window, item));
  spin (20);
  row = find_widget (GTK_WIDGET (window), is_level_row_for, (gpointer) item);
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), level);
  spin (5);
}

static gboolean
is_sidebar (GtkWidget *widget, gpointer data)
{
  GtkSelectionModel *model = GTK_IS_LIST_VIEW (widget) ? gtk_list_view_get_model (GTK_LIST_VIEW (widget)) : NULL;
  g_autoptr(GObject) first = model ? g_list_model_get_item (G_LIST_MODEL (model), 0) : NULL;
  return first != NULL && GTK_IS_TREE_LIST_ROW (first);
}

/* The sidebar row, selected as a click does. */
static void
select_sidebar_row (ChartaWindow *window, ChartaPageKind kind)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), is_sidebar, NULL);
  GtkSingleSelection *selection;

  g_assert_nonnull (list);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);
      if (charta_sidebar_item_get_kind (item) == kind)
        {
          gtk_single_selection_set_selected (selection, i);
          spin (5);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
compare_settled (gpointer page)
{
  const char *state = charta_compare_page_get_state (page);
  return g_strcmp0 (state, "loading") != 0;
}

/* Another city's report for the period, so the network has a median to show. */
static void
push_other_city (HubFixture *f, const char *period)
{
  g_autofree char *token = hub_token_add (f, OTHER_CITY);
  g_autoptr(ChartaProject) other = make_project (OTHER_CITY, "Gent");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (other, period, &report);
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/%s", report->id);

  /* make_project gives the first Charter commitment level 3. */
  g_assert_cmpuint (hub_request (f, "PUT", path, token, body, NULL, NULL, NULL), ==, 201);
}

static void
test_push_queue_retry_compare (void)
{
  HubFixture f = { 0 };
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autofree char *token = NULL;
  g_autofree char *first = NULL, *second = NULL, *stored = NULL, *period = g_strdup ("2018");   /* the example's year: the window reports for the project's year */
  g_autoptr(GPtrArray) entries = NULL;
  ChartaWindow *window;
  ChartaSyncState *state;
  ChartaComparePage *compare;
  GtkWidget *row;
  guint16 port = hub_pick_port ();

  hub_fixture_setup (&f, FALSE);
  hub_start (&f, port, NULL, 0);
  token = hub_token_add (&f, MECHELEN);
  store_token (f.url, MECHELEN, token);

  window = open_sized_window (path);
  state = charta_window_get_sync_state (window);
  compare = CHARTA_COMPARE_PAGE (find_widget (GTK_WIDGET (window), is_type,
                                              GSIZE_TO_POINTER (CHARTA_TYPE_COMPARE_PAGE)));
  g_assert_nonnull (compare);

  /* No hub yet: the comparison says so. */
  select_sidebar_row (window, CHARTA_PAGE_COMPARISON);
  g_assert_cmpstr (charta_compare_page_get_state (compare), ==, "no-hub");
  set_endpoint_in_preferences (window, f.url);

  /* Delivered: the hub stores exactly what the dialog showed. */
  first = send_from_dialog (window);
  g_assert_cmpint (charta_sync_state_get_status (state), ==, CHARTA_SYNC_STATUS_DELIVERED);
  g_assert_cmpstr (charta_sync_button_get_text (sync_button (window)), ==, "Delivered");
  g_assert_cmpuint (hub_count_reports (&f, token, NULL), ==, 1);
  stored = stored_report (&f, token, first);
  g_assert_cmpstr (stored, ==, first);
  g_clear_pointer (&stored, g_free);

  /* The hub goes down; an edit, Send again: the report waits in the outbox. */
  hub_kill (&f, SIGTERM);
  set_level_in_page (window, AREA, 2);
  second = send_from_dialog (window);
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpint (charta_sync_state_get_status (state), ==, CHARTA_SYNC_STATUS_WAITING);
  g_assert_cmpuint (charta_sync_state_get_waiting (state), ==, 1);
  g_assert_cmpstr (charta_sync_button_get_text (sync_button (window)), ==, "1 Waiting");
  g_assert_nonnull (strstr (charta_sync_button_get_description (sync_button (window)), "cannot reach the hub"));
  entries = outbox_entries ();
  g_assert_cmpuint (entries->len, ==, 1);
  {
    ChartaOutboxEntry *entry = g_ptr_array_index (entries, 0);
    g_assert_cmpstr (entry->city_id, ==, MECHELEN);
    g_assert_cmpstr (g_bytes_get_data (entry->body, NULL), ==, second);
    /* The token is never in the outbox. */
    g_assert_null (strstr (g_bytes_get_data (entry->body, NULL), token));
  }
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Offline, the comparison page says what went wrong. */
  select_sidebar_row (window, CHARTA_PAGE_COMPARISON);
  g_assert_true (wait_for (compare_settled, compare));
  g_assert_cmpstr (charta_compare_page_get_state (compare), ==, "error");

  /* The hub is back: the header bar's button delivers what waits. */
  hub_start (&f, port, NULL, 0);
  {
    gboolean clicked = FALSE;
    g_signal_connect_after (sync_button (window), "clicked", G_CALLBACK (on_clicked_cb), &clicked);
    gtk_widget_activate (GTK_WIDGET (sync_button (window)));
    g_assert_true (wait_for (is_true, &clicked));
    g_signal_handlers_disconnect_by_func (sync_button (window), on_clicked_cb, &clicked);
  }
  g_assert_true (wait_for (not_busy, state));
  g_assert_cmpint (charta_sync_state_get_status (state), ==, CHARTA_SYNC_STATUS_DELIVERED);
  g_assert_cmpuint (charta_sync_state_get_waiting (state), ==, 0);
  entries = outbox_entries ();
  g_assert_cmpuint (entries->len, ==, 0);
  stored = stored_report (&f, token, second);
  g_assert_cmpstr (stored, ==, second);

  /* The comparison: the city's level beside the network's median. */
  push_other_city (&f, period);
  select_sidebar_row (window, CHARTA_PAGE_OVERVIEW);
  select_sidebar_row (window, CHARTA_PAGE_COMPARISON);
  g_assert_true (wait_for (compare_settled, compare));
  g_assert_cmpstr (charta_compare_page_get_state (compare), ==, "loaded");
  row = find_widget (GTK_WIDGET (compare), is_row_for, (gpointer) COMPARED);
  g_assert_nonnull (row);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Mechelen: level 2"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "network median 2.5 (2 cities)"));
  if (g_getenv ("CHARTA_SHOT_PAUSE"))
    {
      /* For screenshots: CHARTA_SHOT_PAUSE=SECONDS keeps the page up that long. */
      gint64 end = g_get_monotonic_time () + g_ascii_strtoll (g_getenv ("CHARTA_SHOT_PAUSE"), NULL, 10) * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < end)
        spin (10);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
  hub_fixture_teardown (&f);
  g_remove (path);
}

static gboolean
popover_shown (gpointer popover)
{
  return gtk_widget_get_mapped (popover);
}

static gboolean
popover_hidden (gpointer popover)
{
  return !gtk_widget_get_visible (popover);
}

/* A report the hub refused stays in the outbox; the header bar's button lists it, with a
 * Remove button, and only that removes it. */
static void
test_refused_removed (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  g_autoptr(ChartaProject) project = make_project (MECHELEN, "Mechelen");
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) body = report_bytes (project, "2018", &report);
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (NULL);
  g_autoptr(ChartaOutboxEntry) entry = charta_outbox_entry_new (report, body, "http://127.0.0.1:9/", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  ChartaSyncButton *button;
  ChartaSyncState *state;
  ChartaWindow *window;
  GtkPopover *popover;
  GtkWidget *remove_button;

  entry->refused = TRUE;
  entry->last_error = g_strdup ("the hub refused the report: 413 Payload Too Large");
  g_assert_true (charta_outbox_put (outbox, entry, &error));
  g_assert_no_error (error);

  window = open_sized_window (path);
  state = charta_window_get_sync_state (window);
  button = sync_button (window);
  g_assert_cmpuint (charta_sync_state_get_refused (state), ==, 1);
  g_assert_cmpuint (charta_sync_state_get_waiting (state), ==, 0);
  g_assert_cmpint (charta_sync_state_get_status (state), ==, CHARTA_SYNC_STATUS_REFUSED);
  g_assert_cmpstr (charta_sync_button_get_text (button), ==, "Refused");

  /* A click lists it instead of opening the report dialog. */
  popover = charta_sync_button_get_refused_popover (button);
  gtk_widget_activate (GTK_WIDGET (button));
  g_assert_true (wait_for (popover_shown, popover));
  g_assert_null (find_any_toplevel (CHARTA_TYPE_REPORT_DIALOG));
  remove_button = find_widget (GTK_WIDGET (popover), is_button_labelled, (gpointer) "_Remove");
  g_assert_nonnull (remove_button);
  entries = outbox_entries ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate (remove_button));
  g_assert_true (wait_for (popover_hidden, popover));
  entries = outbox_entries ();
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpuint (charta_sync_state_get_refused (state), ==, 0);
  g_assert_cmpint (charta_sync_state_get_status (state), !=, CHARTA_SYNC_STATUS_REFUSED);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
  g_remove (path);
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

int
main (int argc, char **argv)
{
  /* The Secret Service's file backend, and the outbox, in a folder of this run: nothing
   * of the user's keyring or outbox is read or written. */
  g_autofree char *home = g_dir_make_tmp ("charta-test-sync-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  int status;

  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  /* libsecret's file backend outside a sandbox takes its key from here; tests only. */
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "charta-test-only", FALSE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/sync/secrets/store-lookup-clear", test_secrets);
  g_test_add_func ("/sync/window/push-queue-retry-compare", test_push_queue_retry_compare);
  g_test_add_func ("/sync/window/refused-removed", test_refused_removed);
  status = g_test_run ();
  remove_tree (home);
  return status;
}
