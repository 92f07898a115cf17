/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-compare-page.h"
#include "charta-drafts.h"
#include "charta-project-page.h"
#include "charta-records-page.h"
#include "charta-report-dialog.h"
#include "charta-roster.h"
#include "charta-review.h"
#include "charta-review-page.h"
#include "charta-sync-button.h"
#include "charta-rounds.h"
#include "charta-ui-utils.h"
#include "charta-window-private.h"
#include "charta-window-export.h"

/* The window shows one document:
 *
 *   ChartaWindow ──"document"──▶ ChartaSidebar (rows and their progress)
 *        │       └─────────────▶ ChartaSearchPanel (hits)
 *        ├── pages (set_document)        ├── ChartaInfoBar (changes on disk, drafts)
 *        └── title, actions, drafts: a GSignalGroup on the document
 *
 * Opening a file reads and checks it in a thread (charta_document_load_async) while the
 * window shows itself. The actions are in charta-window-actions.c, the recovery drafts and
 * the answers to changes on disk in charta-window-drafts.c. */

enum {
  PROP_0,
  PROP_HUB_ENDPOINT,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaWindow, charta_window, ADW_TYPE_APPLICATION_WINDOW)

static void on_open_item_cb (ChartaWindow *self, const char *item_id);
static void on_page_add_action_cb (ChartaWindow *self, const char *item_id);
static void on_page_open_action_cb (ChartaWindow *self, const char *action_id);
static void save_size (ChartaWindow *self);

/* ---- helpers shared with charta-window-actions.c ---- */

GSettings *
_charta_window_get_settings (ChartaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  return CHARTA_IS_APPLICATION (app) ? charta_application_get_settings (CHARTA_APPLICATION (app)) : NULL;
}

void
_charta_window_flush_edits (ChartaWindow *self)
{
  if (self->item_page != NULL)
    charta_item_page_flush (self->item_page);
}

void
_charta_window_toast (ChartaWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

ChartaWindow *
_charta_window_get_empty_or_new (ChartaWindow *self)
{
  ChartaWindow *target;

  if (self->document == NULL && self->loading == NULL)
    return self;
  target = charta_window_new (CHARTA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (target));
  return target;
}

/* Every page but the overview is made when first shown, or once the first frame of a
 * document is on screen (the network monitor is looked up then too): the first frame shows
 * only the overview. */
static const char *const lazy_pages[] = { "item", "actions", "measures", "consultations", "compare", "project",
                                          "people", "partners" };

static GtkWidget *
ensure_page (ChartaWindow *self, const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  if (page != NULL)
    return page;
  if (g_str_equal (name, "item"))
    {
      page = charta_item_page_new ();
      self->item_page = CHARTA_ITEM_PAGE (page);
      charta_item_page_set_document (self->item_page, self->document);
      g_signal_connect_swapped (page, "open-item", G_CALLBACK (on_open_item_cb), self);
      g_signal_connect_swapped (page, "add-action", G_CALLBACK (on_page_add_action_cb), self);
      g_signal_connect_swapped (page, "open-action", G_CALLBACK (on_page_open_action_cb), self);
    }
  else if (g_str_equal (name, "actions"))
    {
      page = g_object_new (CHARTA_TYPE_ACTIONS_PAGE, NULL);
      self->actions_page = CHARTA_ACTIONS_PAGE (page);
      charta_actions_page_set_document (self->actions_page, self->document);
      g_signal_connect_swapped (page, "add-action", G_CALLBACK (on_page_add_action_cb), self);
      g_signal_connect_swapped (page, "open-action", G_CALLBACK (on_page_open_action_cb), self);
    }
  else if (g_str_equal (name, "measures") || g_str_equal (name, "consultations"))
    {
      gboolean measures = g_str_equal (name, "measures");
      page = charta_records_page_new (measures ? CHARTA_COLLECTION_MEASURES : CHARTA_COLLECTION_CONSULTATIONS);
      charta_records_page_set_document (CHARTA_RECORDS_PAGE (page), self->document);
      *(measures ? &self->measures_page : &self->consultations_page) = page;
    }
  else if (g_str_equal (name, "project"))
    {
      page = charta_project_page_new ();
      charta_project_page_set_document (CHARTA_PROJECT_PAGE (page), self->document);
      self->project_page = page;
    }
  else if (g_str_equal (name, "people") || g_str_equal (name, "partners"))
    {
      gboolean people = g_str_equal (name, "people");
      page = charta_roster_page_new (people ? CHARTA_COLLECTION_PEOPLE : CHARTA_COLLECTION_PARTNERS);
      charta_roster_set_document (charta_roster_page_get_roster (CHARTA_ROSTER_PAGE (page)), self->document);
      *(people ? &self->people_page : &self->partners_page) = page;
    }
  else if (g_str_equal (name, "review"))
    {
      page = charta_review_page_new ();
      charta_review_page_set_document (CHARTA_REVIEW_PAGE (page), self->document);
      self->review_page = page;
    }
  else if (g_str_equal (name, "compare"))
    {
      page = charta_compare_page_new ();
      charta_compare_page_set_period (CHARTA_COMPARE_PAGE (page), self->report_period);
      charta_compare_page_set_endpoint (CHARTA_COMPARE_PAGE (page), self->hub_endpoint);
      charta_compare_page_set_document (CHARTA_COMPARE_PAGE (page), self->document);
      self->compare_page = page;
    }
  else
    g_assert_not_reached ();
  gtk_stack_add_named (self->stack, page, name);
  return page;
}

void
_charta_window_show_page (ChartaWindow *self, const char *name)
{
  GtkWidget *page = ensure_page (self, name);
  gtk_stack_set_visible_child (self->stack, page);
}

static void
ensure_pages (ChartaWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    ensure_page (self, lazy_pages[i]);
  _charta_window_watch_network (self);
}

/* One page per turn of the main loop, so input is never kept waiting long. */
static gboolean
build_page_idle (gpointer data)
{
  ChartaWindow *self = data;

  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    if (gtk_stack_get_child_by_name (self->stack, lazy_pages[i]) == NULL)
      {
        ensure_page (self, lazy_pages[i]);
        return G_SOURCE_CONTINUE;
      }
  self->pages_id = 0;
  _charta_window_watch_network (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (ChartaWindow *self, GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  if (self->pages_id == 0 && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    self->pages_id = g_idle_add_full (G_PRIORITY_LOW, build_page_idle, self, NULL);
}

/* After the frame that shows the document: a window not on screen builds them now. */
static void
build_pages_later (ChartaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->pages_id != 0)
    return;
  if (clock == NULL)
    ensure_pages (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self, G_CONNECT_SWAPPED);
}

/* ---- the document ---- */

static void
update_title (ChartaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  const ChartaProject *p;

  if (self->document == NULL)
    return;
  p = charta_document_get_project (self->document);
  name = charta_document_dup_title (self->document);
  /* Translators: the window title of a project with unsaved changes; %s is the file name */
  title = charta_document_get_modified (self->document) ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, p->city->name);
  adw_window_title_set_title (self->sidebar_title, p->city->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_document_changed_cb (ChartaWindow *self)
{
  update_title (self);
  _charta_window_update_actions (self);
  _charta_window_queue_draft (self);
}

static void
set_pages_document (ChartaWindow *self, ChartaDocument *document)
{
  charta_overview_page_set_document (self->overview_page, document);
  if (self->item_page != NULL)
    charta_item_page_set_document (self->item_page, document);
  if (self->actions_page != NULL)
    charta_actions_page_set_document (self->actions_page, document);
  if (self->measures_page != NULL)
    charta_records_page_set_document (CHARTA_RECORDS_PAGE (self->measures_page), document);
  if (self->consultations_page != NULL)
    charta_records_page_set_document (CHARTA_RECORDS_PAGE (self->consultations_page), document);
  if (self->compare_page != NULL)
    charta_compare_page_set_document (CHARTA_COMPARE_PAGE (self->compare_page), document);
  if (self->project_page != NULL)
    charta_project_page_set_document (CHARTA_PROJECT_PAGE (self->project_page), document);
  if (self->people_page != NULL)
    charta_roster_set_document (charta_roster_page_get_roster (CHARTA_ROSTER_PAGE (self->people_page)), document);
  if (self->partners_page != NULL)
    charta_roster_set_document (charta_roster_page_get_roster (CHARTA_ROSTER_PAGE (self->partners_page)), document);
  if (self->review_page != NULL)
    charta_review_page_set_document (CHARTA_REVIEW_PAGE (self->review_page), document);
}

/* The sidebar and the search panel follow the "document" property (bound in the
 * template); the pages are told. */
void
_charta_window_set_document (ChartaWindow *self, ChartaDocument *document)
{
  if (!g_set_object (&self->document, document))
    return;
  _charta_window_stop_merging (self);
  g_signal_group_set_target (self->document_signals, document);
  charta_info_bar_set_kind (self->info_bar, CHARTA_INFO_NONE);
  if (document != NULL)
    {
      const ChartaProject *p = charta_document_get_project (document);

      /* Reports are for the project's open round by default (its period), the same rule
       * as charta-cli report, not today's year. */
      g_autofree char *period = charta_project_get_report_period (p, NULL);
      _charta_window_set_report_period (self, period);
      charta_sync_state_refresh (self->sync_state, p->city->id);
      gtk_stack_set_visible_child_name (self->stack, "overview");
      build_pages_later (self);
    }
  set_pages_document (self, document);
  update_title (self);
  _charta_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* ---- the sidebar and the search ---- */

static void
on_row_activated_cb (ChartaWindow *self, ChartaSidebarItem *row)
{
  static const char *pages[] = {
    [CHARTA_PAGE_OVERVIEW] = "overview",
    [CHARTA_PAGE_ITEM] = "item",
    [CHARTA_PAGE_ACTIONS] = "actions",
    [CHARTA_PAGE_MEASURES] = "measures",
    [CHARTA_PAGE_CONSULTATIONS] = "consultations",
    [CHARTA_PAGE_COMPARISON] = "compare",
    [CHARTA_PAGE_PROJECT] = "project",
    [CHARTA_PAGE_PEOPLE] = "people",
    [CHARTA_PAGE_PARTNERS] = "partners",
    [CHARTA_PAGE_REVIEW] = "review",
  };
  ChartaPageKind kind = charta_sidebar_item_get_kind (row);

  if (kind >= G_N_ELEMENTS (pages) || pages[kind] == NULL)
    return;
  _charta_window_show_page (self, pages[kind]);
  if (kind == CHARTA_PAGE_ITEM)
    charta_item_page_set_item (self->item_page, charta_sidebar_item_get_item (row));
  if (kind == CHARTA_PAGE_COMPARISON)
    charta_compare_page_reload (CHARTA_COMPARE_PAGE (self->compare_page));
  if (kind == CHARTA_PAGE_REVIEW)
    charta_review_page_set_review_id (CHARTA_REVIEW_PAGE (self->review_page), charta_sidebar_item_get_review_id (row));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_hit_activated_cb (ChartaWindow *self, int kind, const char *id)
{
  switch (kind)
    {
    case CHARTA_HIT_ITEM:
      charta_window_select_item (self, id);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      /* The focus goes to the hit's page, not back to the header bar's first button. */
      if (self->item_page != NULL)
        gtk_widget_child_focus (GTK_WIDGET (self->item_page), GTK_DIR_TAB_FORWARD);
      break;
    case CHARTA_HIT_ACTION:
      _charta_window_show_page (self, "actions");
      charta_actions_page_select (self->actions_page, id);
      _charta_window_edit_action (self, id, NULL);
      break;
    case CHARTA_HIT_MEASURE:
      _charta_window_show_page (self, "measures");
      charta_records_page_edit (CHARTA_RECORDS_PAGE (self->measures_page), id);
      break;
    case CHARTA_HIT_CONSULTATION:
      _charta_window_show_page (self, "consultations");
      charta_records_page_edit (CHARTA_RECORDS_PAGE (self->consultations_page), id);
      break;
    default:
      break;
    }
}

/* The overview's rows open what they show: an item's page, an action in its editor. */
static void
open_item_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_hit_activated_cb (CHARTA_WINDOW (widget), CHARTA_HIT_ITEM, g_variant_get_string (parameter, NULL));
}

static void
open_action_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_hit_activated_cb (CHARTA_WINDOW (widget), CHARTA_HIT_ACTION, g_variant_get_string (parameter, NULL));
}

/* ---- opening ---- */

static void
show_load_error (ChartaWindow *self, GFile *file, const GError *error)
{
  g_autofree char *basename = g_file_get_basename (file);

  /* A file that failed to load is shown as an error and never written. */
  adw_window_title_set_title (self->window_title, basename);
  adw_window_title_set_subtitle (self->window_title, _("Not loaded"));
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
stop_loading (ChartaWindow *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->loading_file);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
}

/* Where every open ends, threaded or not. */
static gboolean
opened (ChartaWindow *self, GFile *file, ChartaDocument *document, const GError *error)
{
  if (document == NULL)
    {
      show_load_error (self, file, error);
      return FALSE;
    }
  _charta_window_set_document (self, document);
  charta_recent_remember (_charta_window_get_settings (self), file);
  _charta_window_offer_draft (self);
  _charta_window_check_conflicts (self);
  _charta_window_remind_due (self);
  return TRUE;
}

static void
open_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaDocument) document = charta_document_load_finish (result, &error);
  g_autoptr(GFile) file = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  file = g_steal_pointer (&self->loading_file);
  stop_loading (self);
  opened (self, file, document, error);
}

static void
start_spinner_cb (gpointer data)
{
  ChartaWindow *self = data;
  self->spinner_id = 0;
  gtk_spinner_start (self->loading_spinner);
}

void
charta_window_open_async (ChartaWindow *self, GFile *file)
{
  g_autofree char *basename = NULL;

  g_return_if_fail (CHARTA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  stop_loading (self);
  basename = g_file_get_basename (file);
  adw_window_title_set_title (self->window_title, basename);
  adw_window_title_set_subtitle (self->window_title, _("Opening…"));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  /* A spinner only for a load that takes long enough to wonder about: drawing it costs
   * the frames the load could use. */
  self->spinner_id = g_timeout_add_once (500, start_spinner_cb, self);
  self->loading = g_cancellable_new ();
  self->loading_file = g_object_ref (file);
  charta_document_load_async (file, self->loading, open_cb, g_object_ref (self));
}

gboolean
charta_window_open (ChartaWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(ChartaDocument) document = NULL;
  ChartaProject *project;

  g_return_val_if_fail (CHARTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stop_loading (self);
  project = charta_project_load_file (file, &etag, NULL, &error);
  if (project != NULL)
    document = charta_document_new (project, file, etag);
  /* Whoever opens on the calling thread (tests, benchmarks) gets every page at once. */
  ensure_pages (self);
  return opened (self, file, document, error);
}

gboolean
charta_window_open_draft (ChartaWindow *self, const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(ChartaDocument) document = NULL;
  ChartaProject *project;
  gsize len;

  g_return_val_if_fail (CHARTA_IS_WINDOW (self), FALSE);

  if (!charta_draft_load (key, &data, &len, &uri, &error))
    {
      g_warning ("Could not read the recovery draft %s: %s", key, error->message);
      return FALSE;
    }
  if (uri != NULL)
    {
      /* The file itself opens, offering its draft once loaded. */
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      charta_window_open_async (self, file);
      return TRUE;
    }
  project = charta_project_load_from_data (data, len, _("Unsaved Project"), &error);
  if (project == NULL)
    {
      g_warning ("Could not read the recovery draft %s: %s", key, error->message);
      return FALSE;
    }
  document = charta_document_new (project, NULL, NULL);
  _charta_window_set_document (self, document);
  _charta_window_toast (self, _("Unsaved project restored"));
  return TRUE;
}

/* ---- closing ---- */

static void
destroy_window_cb (gpointer data)
{
  g_autoptr(GtkWindow) window = data;
  gtk_window_destroy (window);
}

static void
on_close_response_cb (AdwMessageDialog *dialog, const char *response, ChartaWindow *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      /* Discarding is a choice: no draft is kept to offer again. */
      g_clear_handle_id (&self->draft_id, g_source_remove);
      charta_document_discard_draft (self->document);
      g_signal_group_set_target (self->document_signals, NULL);
      g_clear_object (&self->document);
      /* Not while the dialog is still answering: it unhooks itself from this window after. */
      g_idle_add_once (destroy_window_cb, g_object_ref (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      _charta_window_save (self);
    }
}

static gboolean
charta_window_close_request (GtkWindow *window)
{
  ChartaWindow *self = CHARTA_WINDOW (window);
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  save_size (self);
  if (self->document == NULL)
    return FALSE;
  if (!charta_window_write_draft (self))
    return FALSE;
  name = charta_document_dup_title (self->document);
  dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
  /* Translators: %s is a file name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes which are not saved will be lost."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- settings: the window's size, the recent projects, the hub ---- */

static void
restore_size (ChartaWindow *self, GSettings *settings)
{
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (360, g_settings_get_int (settings, "window-width")),
                               MAX (294, g_settings_get_int (settings, "window-height")));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (ChartaWindow *self)
{
  GSettings *settings = _charta_window_get_settings (self);
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

/* GtkWindow's "application" is not a construct property: g_object_new() sets it after
 * constructed(), so what needs the settings waits for it. */
static void
on_application_cb (ChartaWindow *self)
{
  GSettings *settings = _charta_window_get_settings (self);

  if (settings == NULL || self->settings_applied)
    return;
  self->settings_applied = TRUE;
  restore_size (self, settings);
  charta_recent_list_set_settings (self->recent_list, settings);
  g_settings_bind (settings, "hub-endpoint", self, "hub-endpoint", G_SETTINGS_BIND_GET);
}

static void
on_recent_open_cb (ChartaWindow *self, GFile *file)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  /* The application raises a window showing it already, or loads it into this one. */
  if (CHARTA_IS_APPLICATION (app))
    g_application_open (app, &file, 1, "");
  else
    charta_window_open_async (self, file);
}

/* A .charta file dropped on the window opens as the recent projects do; anything else is
 * said to be no project. */
static gboolean
on_drop_cb (ChartaWindow *self, const GValue *value, double x, double y)
{
  gboolean opened_any = FALSE;

  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".charta"))
        {
          on_recent_open_cb (self, l->data);
          opened_any = TRUE;
        }
      else
        {
          g_autofree char *shown = g_file_get_parse_name (l->data);
          /* Translators: a toast after dropping a file on the window; %s is its name */
          g_autofree char *text = g_strdup_printf (_("“%s” is not a Charta project: drop a .charta file to open it"),
                                                   name ? name : shown);
          _charta_window_toast (self, text);
        }
    }
  return opened_any;
}

static void
on_open_item_cb (ChartaWindow *self, const char *item_id)
{
  charta_window_select_item (self, item_id);
}

static void
on_page_add_action_cb (ChartaWindow *self, const char *item_id)
{
  _charta_window_edit_action (self, NULL, item_id);
}

static void
on_page_open_action_cb (ChartaWindow *self, const char *action_id)
{
  _charta_window_edit_action (self, action_id, NULL);
}

/* ---- GObject ---- */

static void
charta_window_constructed (GObject *object)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  G_OBJECT_CLASS (charta_window_parent_class)->constructed (object);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_cb), NULL);
  on_application_cb (self);
}

static void
charta_window_dispose (GObject *object)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_handle_id (&self->pages_id, g_source_remove);
  stop_loading (self);
  _charta_window_stop_merging (self);
  _charta_window_dispose_hub (self);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->conflict_copy);
  g_clear_pointer (&self->seen_copies, g_hash_table_unref);
  if (self->conflicts_dialog)
    gtk_window_destroy (GTK_WINDOW (self->conflicts_dialog));
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_WINDOW);
  G_OBJECT_CLASS (charta_window_parent_class)->dispose (object);
}

static void
charta_window_finalize (GObject *object)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  g_free (self->hub_endpoint);
  g_free (self->report_period);
  G_OBJECT_CLASS (charta_window_parent_class)->finalize (object);
}

static void
charta_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HUB_ENDPOINT:
      g_value_set_string (value, self->hub_endpoint ? self->hub_endpoint : "");
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HUB_ENDPOINT:
      charta_window_set_hub_endpoint (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The main menu's popover is made when a menu button first opens (by click, F10 or a
 * test), not with the window: building it took about 2 ms of every start. */
static void
create_main_menu (GtkMenuButton *button, gpointer user_data)
{
  ChartaWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->main_menu);
}

static void
charta_window_class_init (ChartaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  charta_accessible_name_buttons ();

  object_class->constructed = charta_window_constructed;
  object_class->dispose = charta_window_dispose;
  object_class->finalize = charta_window_finalize;
  object_class->get_property = charta_window_get_property;
  object_class->set_property = charta_window_set_property;
  window_class->close_request = charta_window_close_request;

  /* The hub's address: the "hub-endpoint" setting, when there are settings. */
  properties[PROP_HUB_ENDPOINT] =
    g_param_spec_string ("hub-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The document shown, or NULL. */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHARTA_TYPE_INFO_BAR);
  g_type_ensure (CHARTA_TYPE_SIDEBAR);
  g_type_ensure (CHARTA_TYPE_SEARCH_PANEL);
  g_type_ensure (CHARTA_TYPE_RECENT_LIST);
  g_type_ensure (CHARTA_TYPE_OVERVIEW_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, content_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, main_menu);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, search_panel);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, end_wide_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, loading_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_info_response_cb",
                                                G_CALLBACK (_charta_window_on_info_response));
  gtk_widget_class_bind_template_callback (widget_class, on_recent_open_cb);

  _charta_window_class_init_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.open-item", "s", open_item_action);
  gtk_widget_class_install_action (widget_class, "win.open-action", "s", open_action_action);
}

static void
charta_window_init (ChartaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, create_main_menu, self, NULL);
  gtk_menu_button_set_create_popup_func (self->content_menu_button, create_main_menu, self, NULL);

  self->document_signals = g_signal_group_new (CHARTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "notify::modified", G_CALLBACK (on_document_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::can-undo", G_CALLBACK (_charta_window_update_actions), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::can-redo", G_CALLBACK (_charta_window_update_actions), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::file", G_CALLBACK (update_title), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::changed-on-disk",
                                  G_CALLBACK (_charta_window_on_changed_on_disk), self);
  g_signal_group_connect_swapped (self->document_signals, "assessment-changed", G_CALLBACK (on_document_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "collection-changed", G_CALLBACK (on_document_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "header-changed", G_CALLBACK (on_document_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "reloaded", G_CALLBACK (on_document_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "reloaded", G_CALLBACK (_charta_window_update_conflicts), self);

  _charta_window_init_hub (self);
  _charta_window_init_export (self);
  _charta_window_init_shortcuts (self);
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
    g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* A narrow window without a project shows Open and New, not the empty sidebar. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  _charta_window_update_actions (self);
}

/* ---- public API ---- */

ChartaWindow *
charta_window_new (ChartaApplication *app)
{
  return g_object_new (CHARTA_TYPE_WINDOW, "application", app, NULL);
}

ChartaDocument *
charta_window_get_document (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);
  return self->document;
}

const ChartaProject *
charta_window_get_project (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);
  return self->document ? charta_document_get_project (self->document) : NULL;
}

GFile *
charta_window_get_file (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);
  if (self->loading_file != NULL)
    return self->loading_file;
  return self->document ? charta_document_get_file (self->document) : NULL;
}

gboolean
charta_window_get_busy (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), FALSE);
  return self->loading != NULL;
}

/* Selects the first sidebar row showing @item_id (an area may have two rows). */
gboolean
charta_window_select_item (ChartaWindow *self, const char *item_id)
{
  const ChartaItem *item;

  g_return_val_if_fail (CHARTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (charta_sidebar_select_item (self->sidebar, item_id))
    return TRUE;
  /* Not in the sidebar (a DIVE indicator, say): show it all the same. */
  item = charta_catalogue_lookup (charta_catalogue_get_default (), item_id);
  if (item == NULL)
    return FALSE;
  _charta_window_show_page (self, "item");
  charta_item_page_set_item (self->item_page, item);
  return TRUE;
}

GtkWidget *
charta_window_show_review (ChartaWindow *self, const char *review_id)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);

  if (self->document == NULL ||
      charta_project_find_review (charta_document_get_project (self->document), review_id) == NULL)
    return NULL;
  _charta_window_show_page (self, "review");
  charta_review_page_set_review_id (CHARTA_REVIEW_PAGE (self->review_page), review_id);
  return self->review_page;
}

void
charta_window_set_hub_endpoint (ChartaWindow *self, const char *endpoint)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (CHARTA_IS_WINDOW (self));

  normal = endpoint ? g_strstrip (g_strdup (endpoint)) : NULL;
  if (normal != NULL && *normal == '\0')
    g_clear_pointer (&normal, g_free);
  if (g_strcmp0 (self->hub_endpoint, normal) == 0)
    return;
  g_free (self->hub_endpoint);
  self->hub_endpoint = g_steal_pointer (&normal);
  if (self->compare_page != NULL)
    charta_compare_page_set_endpoint (CHARTA_COMPARE_PAGE (self->compare_page), self->hub_endpoint);
  if (self->report_dialog != NULL)
    charta_report_dialog_set_endpoint (CHARTA_REPORT_DIALOG (self->report_dialog), self->hub_endpoint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB_ENDPOINT]);
}

const char *
charta_window_get_hub_endpoint (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);
  return self->hub_endpoint;
}

ChartaSyncState *
charta_window_get_sync_state (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);
  return self->sync_state;
}
