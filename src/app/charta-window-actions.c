/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-action-editor.h"
#include "charta-compare-page.h"
#include "charta-new-project-dialog.h"
#include "charta-new-review-dialog.h"
#include "charta-preferences-window.h"
#include "charta-report-dialog.h"
#include "charta-review.h"
#include "charta-sync-button.h"
#include "charta-ui-utils.h"
#include "charta-window-private.h"

/* The window's actions (installed on the class, enabled while they make sense) and its
 * link to the network hub: the sync status, sending reports, the outbox retried when the
 * network comes back. */

void
_charta_window_update_actions (ChartaWindow *self)
{
  gboolean has = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", has && charta_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", has && charta_document_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-action", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.push-report", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-review", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-review", has);
  gtk_widget_set_visible (self->sync_button, has);
}

/* ---- saving ---- */

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!charta_document_save_finish (CHARTA_DOCUMENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_SAVE_REFUSED);
      else
        _charta_window_toast (self, error->message);
      self->close_after_save = FALSE;
      return;
    }
  charta_recent_remember (_charta_window_get_settings (self), charta_document_get_file (CHARTA_DOCUMENT (source)));
  _charta_window_toast (self, _("Saved"));
  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

void
_charta_window_save (ChartaWindow *self)
{
  _charta_window_flush_edits (self);
  if (charta_document_get_file (self->document) == NULL)
    {
      _charta_window_save_as (self);
      return;
    }
  charta_document_save_async (self->document, NULL, FALSE, NULL, save_cb, g_object_ref (self));
}

static void
on_save_as_response_cb (GtkNativeDialog *dialog, int response, ChartaWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      charta_document_save_async (self->document, file, TRUE, NULL, save_cb, g_object_ref (self));
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_charta_window_save_as (ChartaWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const ChartaProject *p = charta_document_get_project (self->document);

  _charta_window_flush_edits (self);
  dialog = gtk_file_chooser_native_new (_("Save Project As"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.charta", p->city->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), charta_project_file_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  _charta_window_save (CHARTA_WINDOW (widget));
}

static void
save_as_action (GtkWidget *widget, const char *name, GVariant *param)
{
  _charta_window_save_as (CHARTA_WINDOW (widget));
}

/* ---- opening and new projects ---- */

/* Through the application, as the file manager's opening: a window showing the file
 * already is raised, and an empty window takes it. */
static void
on_open_response_cb (GtkNativeDialog *dialog, int response, ChartaWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      if (CHARTA_IS_APPLICATION (app))
        g_application_open (app, &file, 1, "");
      else
        charta_window_open_async (_charta_window_get_empty_or_new (self), file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (widget),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), charta_project_file_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_new_response_cb (ChartaNewProjectDialog *dialog, const char *response, ChartaWindow *self)
{
  g_autoptr(ChartaDocument) document = NULL;
  ChartaProject *project;

  if (g_strcmp0 (response, "create") != 0)
    return;
  project = charta_new_project_dialog_create_project (dialog);
  if (project == NULL)
    return;
  document = charta_document_new (project, NULL, NULL);
  _charta_window_set_document (_charta_window_get_empty_or_new (self), document);
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaNewProjectDialog *dialog = charta_new_project_dialog_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- editing ---- */

static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  /* Text being typed is committed first, so undo takes back exactly that. */
  _charta_window_flush_edits (self);
  charta_document_undo (self->document);
}

static void
redo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  _charta_window_flush_edits (self);
  charta_document_redo (self->document);
}

static void
back_action (GtkWidget *widget, const char *name, GVariant *param)
{
  adw_leaflet_navigate (CHARTA_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The action plan, as the notification of actions falling due opens it. */
static void
show_actions_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);

  if (self->document == NULL)
    return;
  _charta_window_show_page (self, "actions");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The shortcuts window is built when asked for, not with every window (GtkApplication
 * would build gtk/help-overlay.ui for each). */
static void
shortcuts_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/charta/Charta/ui/charta-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  charta_search_panel_focus (self->search_panel);
}

void
_charta_window_edit_action (ChartaWindow *self, const char *action_id, const char *item_id)
{
  ChartaActionEditor *editor;

  if (self->document == NULL)
    return;
  _charta_window_flush_edits (self);
  editor = charta_action_editor_new (GTK_WINDOW (self), self->document, action_id, item_id);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action_action (GtkWidget *widget, const char *name, GVariant *param)
{
  _charta_window_edit_action (CHARTA_WINDOW (widget), NULL, NULL);
}

static void
on_undo_toast_cb (AdwToast *t, ChartaWindow *self)
{
  if (self->document)
    charta_document_undo (self->document);
}

static void
delete_action_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  int position = self->document ? charta_document_find (self->document, CHARTA_COLLECTION_ACTIONS, id) : -1;
  g_autofree char *text = NULL;
  const ChartaAction *action;
  AdwToast *t;

  if (position < 0)
    return;
  action = charta_document_get (self->document, CHARTA_COLLECTION_ACTIONS, position);
  /* Translators: a toast after deleting; %s is the action's title */
  text = g_strdup_printf (_("“%s” deleted"), action->title);
  charta_document_remove (self->document, CHARTA_COLLECTION_ACTIONS, position);
  t = adw_toast_new (text);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_undo_toast_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- reviews ---- */

static void
on_new_review_response_cb (ChartaNewReviewDialog *dialog, const char *response, ChartaWindow *self)
{
  ChartaReview *review;
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "create") != 0 || self->document == NULL)
    return;
  review = charta_new_review_dialog_create_review (dialog);
  if (review == NULL)
    return;
  id = g_strdup (review->id);
  _charta_window_flush_edits (self);
  charta_document_add_review (self->document, review);
  /* Its row is in the sidebar now (it follows ::reviews-changed): selecting it opens the
   * review's page. */
  charta_sidebar_select_review (self->sidebar, id);
}

static void
new_review_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaNewReviewDialog *dialog;

  if (CHARTA_WINDOW (widget)->document == NULL)
    return;
  dialog = charta_new_review_dialog_new (GTK_WINDOW (widget));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_review_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_review_response_cb (AdwMessageDialog *dialog, const char *response, ChartaWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "review-id");
  int position = self->document ? charta_document_find_review (self->document, id) : -1;
  g_autofree char *text = NULL;
  const ChartaReview *review;

  if (g_strcmp0 (response, "delete") != 0 || position < 0)
    return;
  review = g_ptr_array_index (charta_document_get_project (self->document)->reviews, position);
  /* Translators: a toast after deleting; %s is the review's title */
  text = g_strdup_printf (_("“%s” deleted"), charta_review_get_name (review));
  charta_document_remove_review (self->document, position);
  charta_toast_with_undo (GTK_WIDGET (self), text, self->document);
}

/* Deletes the review with the id given, once the user confirms: its team, visit,
 * assessments and feedback go with it, and Undo brings them back. */
static void
delete_review_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  const ChartaReview *review;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->document == NULL || charta_document_find_review (self->document, id) < 0)
    return;
  _charta_window_flush_edits (self);
  review = charta_project_find_review (charta_document_get_project (self->document), id);
  /* Translators: %s is the review's title */
  body = g_strdup_printf (_("“%s” goes with its team, assessments, visit and feedback report. Undo brings it back."),
                          charta_review_get_name (review));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Review?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* A plain AdwMessageDialog has no field for the review it asks about. */
  g_object_set_data_full (G_OBJECT (dialog), "review-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_review_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the network hub: preferences, sending reports, the sync status ---- */

void
_charta_window_set_report_period (ChartaWindow *self, const char *period)
{
  if (g_strcmp0 (self->report_period, period) == 0)
    return;
  g_free (self->report_period);
  self->report_period = g_strdup (period);
  if (self->compare_page != NULL)
    charta_compare_page_set_period (CHARTA_COMPARE_PAGE (self->compare_page), self->report_period);
}

static void
preferences_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  const ChartaProject *p = charta_window_get_project (self);
  ChartaPreferencesWindow *prefs;

  if (self->preferences != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->preferences));
      return;
    }
  prefs = charta_preferences_window_new (self->report_dialog ? GTK_WINDOW (self->report_dialog) : GTK_WINDOW (self),
                                         _charta_window_get_settings (self), G_OBJECT (self),
                                         p ? p->city->id : NULL, p ? p->city->name : NULL);
  self->preferences = GTK_WIDGET (prefs);
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &self->preferences);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
after_sync (ChartaWindow *self)
{
  const char *message = charta_sync_state_get_message (self->sync_state);

  switch (charta_sync_state_get_status (self->sync_state))
    {
    case CHARTA_SYNC_STATUS_DELIVERED:
      _charta_window_toast (self, _("Progress report delivered"));
      break;
    case CHARTA_SYNC_STATUS_WAITING:
      _charta_window_toast (self, _("The hub cannot take the report now: it waits in the outbox"));
      break;
    case CHARTA_SYNC_STATUS_REFUSED:
    case CHARTA_SYNC_STATUS_FAILED:
      if (message != NULL)
        _charta_window_toast (self, message);
      break;
    case CHARTA_SYNC_STATUS_IDLE:
    case CHARTA_SYNC_STATUS_SENDING:
    default:
      break;
    }
}

static void
pushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!charta_sync_state_push_finish (CHARTA_SYNC_STATE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _charta_window_toast (self, error->message);
      return;
    }
  after_sync (self);
}

static void
retried_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!charta_sync_state_retry_finish (CHARTA_SYNC_STATE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _charta_window_toast (self, error->message);
      return;
    }
  after_sync (self);
}

/* Send in the dialog: the very report it shows goes out, and the dialog closes at once;
 * the header bar follows the push. */
static void
on_report_send_cb (ChartaReportDialog *dialog, ChartaWindow *self)
{
  const ChartaReport *report = charta_report_dialog_get_report (dialog);

  if (report == NULL || self->hub_endpoint == NULL || charta_sync_state_get_busy (self->sync_state))
    return;
  _charta_window_set_report_period (self, report->period);
  charta_sync_state_push_async (self->sync_state, self->hub_endpoint, report, NULL, pushed_cb, g_object_ref (self));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
push_report_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  ChartaReportDialog *dialog;

  if (self->document == NULL)
    return;
  if (self->report_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->report_dialog));
      return;
    }
  _charta_window_flush_edits (self);
  dialog = charta_report_dialog_new (GTK_WINDOW (self), self->document, self->hub_endpoint, self->report_period);
  self->report_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->report_dialog);
  g_signal_connect (dialog, "send", G_CALLBACK (on_report_send_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What waits is tried again; with nothing waiting, the report to send is shown. */
static void
on_sync_clicked_cb (ChartaWindow *self)
{
  const ChartaProject *p = charta_window_get_project (self);

  if (p == NULL || charta_sync_state_get_busy (self->sync_state))
    return;
  if (charta_sync_state_get_waiting (self->sync_state) > 0)
    charta_sync_state_retry_async (self->sync_state, p->city->id, NULL, retried_cb, g_object_ref (self));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.push-report", NULL);
}

/* When the network comes back, what waits in the outbox goes without a click. */
static void
on_network_changed_cb (GNetworkMonitor *monitor, gboolean available, ChartaWindow *self)
{
  const ChartaProject *p = charta_window_get_project (self);

  if (!available || p == NULL || self->sync_state == NULL || charta_sync_state_get_busy (self->sync_state) ||
      charta_sync_state_get_waiting (self->sync_state) == 0)
    return;
  charta_sync_state_retry_async (self->sync_state, p->city->id, NULL, retried_cb, g_object_ref (self));
}

static char *
default_period (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y");
}

void
_charta_window_init_hub (ChartaWindow *self)
{
  self->report_period = default_period ();
  self->sync_state = charta_sync_state_new (NULL);
  self->sync_button = charta_sync_button_new (self->sync_state);
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (on_sync_clicked_cb), self);
  gtk_box_prepend (self->end_wide_box, self->sync_button);
}

/* The network monitor is looked up after the first frame: finding it may ask NetworkManager
 * over the system bus, and waiting on that would hold the window back. */
void
_charta_window_watch_network (ChartaWindow *self)
{
  if (self->network_watched)
    return;
  self->network_watched = TRUE;
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, 0);
}

static void
close_dialog (GtkWidget **dialog)
{
  GtkWidget *window = *dialog;

  if (window == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) dialog);
  *dialog = NULL;
  g_signal_handlers_disconnect_matched (window, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_report_send_cb, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's own dialogs go with it, and forget it first. A push under way goes on
 * without the window: the report is delivered or queued. */
void
_charta_window_dispose_hub (ChartaWindow *self)
{
  close_dialog (&self->preferences);
  close_dialog (&self->report_dialog);
  g_clear_object (&self->sync_state);
}

/* ---- installing ---- */

/* Ctrl+Shift+A is GtkText's and GtkTextView's "select none" as well, and a key press
 * reaches the focused field before the window's own bindings (bubble phase): the window
 * takes it first, in the capture phase, so Add an Action works from a text field too, as
 * the shortcuts window says. Without a project the action is off and the field has it. */
void
_charta_window_init_shortcuts (ChartaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.add-action")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_charta_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-actions", NULL, show_actions_action);
  gtk_widget_class_install_action (widget_class, "win.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "win.delete-action", "s", delete_action_action);
  gtk_widget_class_install_action (widget_class, "win.new-review", NULL, new_review_action);
  gtk_widget_class_install_action (widget_class, "win.delete-review", "s", delete_review_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.push-report", NULL, push_report_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.shortcuts", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.shortcuts", NULL);
}
