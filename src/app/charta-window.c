/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-action-editor.h"
#include "charta-drafts.h"
#include "charta-actions-page.h"
#include "charta-compare-page.h"
#include "charta-item-page.h"
#include "charta-overview-page.h"
#include "charta-preferences-window.h"
#include "charta-records-page.h"
#include "charta-report-dialog.h"
#include "charta-search.h"
#include "charta-sidebar-item.h"
#include "charta-summary.h"
#include "charta-sync-button.h"
#include "charta-sync-state.h"
#include "charta-ui-utils.h"
#include "charta-window.h"

/* The sidebar is a tree:
 *
 *   GListStore of ChartaSidebarItem (Overview, the four roles, key factors, Action plan, …)
 *     → GtkTreeListModel (children: a role's commitments and the DIVE areas serving it)
 *       → GtkSingleSelection → GtkListView
 *
 * Selecting a row shows its page in the content stack. Row subtitles carry each row's
 * progress and are refreshed when the document changes. */

struct _ChartaWindow {
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkInfoBar *info_bar;
  GtkLabel *info_label;
  AdwLeaflet *leaflet;
  GtkListView *sidebar_list;
  GtkListView *results_list;
  GtkStack *sidebar_stack;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GListStore *results;
  AdwWindowTitle *sidebar_title;
  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *error_page;
  ChartaOverviewPage *overview_page;
  ChartaItemPage *item_page;
  ChartaActionsPage *actions_page;
  GtkWidget *measures_page;
  GtkWidget *consultations_page;
  GtkWidget *compare_page;
  GtkWidget *content_box;
  AdwHeaderBar *content_header;
  GtkWidget *sync_button;
  GtkWidget *undo_button;
  GtkWidget *empty_box;
  GtkSpinner *loading_spinner;
  GCancellable *loading;
  guint spinner_id;
  GtkWidget *redo_button;

  ChartaDocument *document;
  GListStore *sidebar_root;
  GtkTreeListModel *sidebar_tree;
  GtkSingleSelection *sidebar_selection;
  guint refresh_id;
  guint draft_id;
  gboolean close_after_save;
  GPtrArray *info_buttons;

  /* The network hub: its address (the "hub-endpoint" setting when there are settings),
   * the period reports are made for, and the state of what was sent. */
  char *hub_endpoint;
  char *report_period;
  ChartaSyncState *sync_state;
  GtkWidget *preferences;      /* weak */
  GtkWidget *report_dialog;    /* weak */
  gboolean settings_applied;
};

enum {
  PROP_0,
  PROP_HUB_ENDPOINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How long after an edit the recovery draft is written, unless the settings say. */
#define DRAFT_DELAY_SECONDS 3
#define MAX_RECENT 10

enum {
  INFO_RELOAD = 1,
  INFO_KEEP_MINE,
  INFO_RESTORE,
  INFO_DISCARD_DRAFT,
  INFO_SAVE_AS,
};

G_DEFINE_FINAL_TYPE (ChartaWindow, charta_window, ADW_TYPE_APPLICATION_WINDOW)

/* A search hit as a list item. */
#define CHARTA_TYPE_HIT_OBJECT (charta_hit_object_get_type ())
G_DECLARE_FINAL_TYPE (ChartaHitObject, charta_hit_object, CHARTA, HIT_OBJECT, GObject)

struct _ChartaHitObject {
  GObject parent_instance;
  ChartaHit *hit;
};

G_DEFINE_FINAL_TYPE (ChartaHitObject, charta_hit_object, G_TYPE_OBJECT)

static void
charta_hit_object_finalize (GObject *object)
{
  g_clear_pointer (&CHARTA_HIT_OBJECT (object)->hit, charta_hit_free);
  G_OBJECT_CLASS (charta_hit_object_parent_class)->finalize (object);
}

static void charta_hit_object_class_init (ChartaHitObjectClass *klass) { G_OBJECT_CLASS (klass)->finalize = charta_hit_object_finalize; }
static void charta_hit_object_init (ChartaHitObject *self) { }

#define MAX_HITS 200

static void update_title (ChartaWindow *self);
static void save_as (ChartaWindow *self);
static void queue_draft (ChartaWindow *self);
static void on_changed_on_disk_cb (ChartaWindow *self);
static void offer_draft (ChartaWindow *self);
static GSettings *get_settings (ChartaWindow *self);
static void save_size (ChartaWindow *self);
static void charta_window_constructed (GObject *object);
static void info_show (ChartaWindow *self, GtkMessageType type, const char *text, ...) G_GNUC_NULL_TERMINATED;

static void
flush_edits (ChartaWindow *self)
{
  charta_item_page_flush (self->item_page);
}

/* ---- sidebar ---- */

static GListModel *
create_children_cb (gpointer item, gpointer data)
{
  GListModel *children = charta_sidebar_item_get_children (CHARTA_SIDEBAR_ITEM (item));
  return children ? g_object_ref (children) : NULL;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  /* Long titles ellipsize rather than widen the sidebar; the full title is the tooltip. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 28);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 28);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  ChartaSidebarItem *item = gtk_tree_list_row_get_item (row);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_last_child (box);
  GBinding *binding;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (title), charta_sidebar_item_get_title (item));
  gtk_widget_set_tooltip_text (title, charta_sidebar_item_get_title (item));
  binding = g_object_bind_property (item, "subtitle", subtitle, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (list_item), "charta-binding", g_object_ref (binding),
                          (GDestroyNotify) g_binding_unbind);
  g_object_unref (item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  g_object_set_data (G_OBJECT (list_item), "charta-binding", NULL);
}

/* Rows are added to the tree only once their children are in place: the tree list model
 * asks for a row's children when the row appears. */
static ChartaSidebarItem *
add_root (GPtrArray *rows, ChartaPageKind kind, const ChartaItem *item, const char *title)
{
  ChartaSidebarItem *row = charta_sidebar_item_new (kind, item, title, NULL);
  g_ptr_array_add (rows, row);
  return row;
}

static void
build_sidebar (ChartaWindow *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaFramework *charter = charta_catalogue_find_framework (catalogue, "charter");
  const ChartaFramework *dive = charta_catalogue_find_framework (catalogue, "dive");
  const ChartaFramework *incl = charta_catalogue_find_framework (catalogue, "inclucities");
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  add_root (rows, CHARTA_PAGE_OVERVIEW, NULL, _("Overview"));
  for (guint i = 0; i < charta_framework_get_n_items (charter); i++)
    {
      const ChartaItem *role = charta_framework_get_item (charter, i);
      ChartaSidebarItem *row;

      if (strcmp (charta_item_get_kind (role), "role") != 0)
        continue;
      row = add_root (rows, CHARTA_PAGE_ITEM, role, NULL);
      for (guint c = 0; c < charta_item_get_n_children (role); c++)
        {
          g_autoptr(ChartaSidebarItem) child = charta_sidebar_item_new (CHARTA_PAGE_ITEM, charta_item_get_child (role, c),
                                                                       NULL, NULL);
          charta_sidebar_item_add_child (row, child);
        }
      /* An area serving two roles is listed under both; both rows open the same page. */
      for (guint a = 0; dive && charta_project_uses_framework (p, "dive") && a < charta_framework_get_n_items (dive); a++)
        {
          const ChartaItem *area = charta_framework_get_item (dive, a);
          if (strcmp (charta_item_get_kind (area), "area") == 0 && charta_item_serves (area, charta_item_get_id (role)))
            {
              g_autoptr(ChartaSidebarItem) child = charta_sidebar_item_new (CHARTA_PAGE_ITEM, area, NULL, NULL);
              charta_sidebar_item_add_child (row, child);
            }
        }
    }
  if (incl && charta_project_uses_framework (p, "inclucities"))
    {
      ChartaSidebarItem *group = add_root (rows, CHARTA_PAGE_GROUP, NULL, _("IncluCities Key Factors"));
      for (guint i = 0; i < charta_framework_get_n_items (incl); i++)
        {
          const ChartaItem *kf = charta_framework_get_item (incl, i);
          if (strcmp (charta_item_get_kind (kf), "key-factor") == 0)
            {
              g_autoptr(ChartaSidebarItem) child = charta_sidebar_item_new (CHARTA_PAGE_ITEM, kf, NULL, NULL);
              charta_sidebar_item_add_child (group, child);
            }
        }
    }
  add_root (rows, CHARTA_PAGE_ACTIONS, NULL, _("Action Plan"));
  add_root (rows, CHARTA_PAGE_MEASURES, NULL, _("Measures"));
  add_root (rows, CHARTA_PAGE_CONSULTATIONS, NULL, _("Consultations"));
  add_root (rows, CHARTA_PAGE_COMPARISON, NULL, _("Network Comparison"));
  g_list_store_splice (self->sidebar_root, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_root)),
                       rows->pdata, rows->len);
}

static char *
item_subtitle (const ChartaProject *p, const ChartaItem *item, const ChartaSummary *s)
{
  const ChartaAssessment *a = charta_project_get_assessment (p, charta_item_get_id (item));
  guint open = charta_action_counts_get_open (charta_summary_get_counts (s, charta_item_get_id (item)));

  if (strcmp (charta_item_get_kind (item), "role") == 0)
    for (guint i = 0; i < s->roles->len; i++)
      {
        const ChartaProgress *pr = &g_array_index (s->roles, ChartaProgress, i);
        if (pr->item == item && pr->n_assessed > 0)
          /* Translators: sidebar progress of a role, e.g. "4/13 assessed · 2 open" */
          return g_strdup_printf (_("%u/%u assessed · %u open"), pr->n_assessed, pr->n_assessable, open);
      }
  if (a && a->level != CHARTA_UNSET)
    {
      const ChartaLevel *level = charta_framework_find_level (charta_item_get_framework (item), a->level);
      /* Translators: sidebar progress, e.g. "Developing · 2 open" */
      return g_strdup_printf (_("%s · %u open"), level ? charta_level_get_title (level) : "?", open);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not assessed · %u open", "Not assessed · %u open", open), open);
}

static void
refresh_row (ChartaWindow *self, ChartaSidebarItem *row, const ChartaSummary *s)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  GListModel *children = charta_sidebar_item_get_children (row);
  g_autofree char *subtitle = NULL;

  switch (charta_sidebar_item_get_kind (row))
    {
    case CHARTA_PAGE_ITEM:
      subtitle = item_subtitle (p, charta_sidebar_item_get_item (row), s);
      break;
    case CHARTA_PAGE_ACTIONS:
      {
        guint open = 0;
        for (int st = 0; st < CHARTA_N_STATUSES; st++)
          if (st != CHARTA_STATUS_DONE && st != CHARTA_STATUS_CANCELLED)
            open += s->actions[st];
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open, %u overdue", "%u open, %u overdue", open),
                                    open, s->overdue->len);
        break;
      }
    case CHARTA_PAGE_MEASURES:
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measure", "%u measures", p->measures->len),
                                  p->measures->len);
      break;
    case CHARTA_PAGE_CONSULTATIONS:
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings", p->consultations->len),
                                  p->consultations->len);
      break;
    case CHARTA_PAGE_OVERVIEW:
      subtitle = g_strdup (p->city->name);
      break;
    case CHARTA_PAGE_COMPARISON:
      subtitle = g_strdup (self->hub_endpoint ? self->hub_endpoint : _("No hub set"));
      break;
    case CHARTA_PAGE_GROUP:
    default:
      break;
    }
  charta_sidebar_item_set_subtitle (row, subtitle);
  for (guint i = 0; children && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(ChartaSidebarItem) child = g_list_model_get_item (children, i);
      refresh_row (self, child, s);
    }
}

static gboolean
refresh_sidebar_idle (gpointer data)
{
  ChartaWindow *self = data;
  g_autoptr(ChartaSummary) s = NULL;

  self->refresh_id = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  s = charta_summary_new (charta_document_get_project (self->document), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_root)); i++)
    {
      g_autoptr(ChartaSidebarItem) row = g_list_model_get_item (G_LIST_MODEL (self->sidebar_root), i);
      refresh_row (self, row, s);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ChartaWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_sidebar_idle, self, NULL);
}

static void
show_row (ChartaWindow *self, ChartaSidebarItem *row)
{
  switch (charta_sidebar_item_get_kind (row))
    {
    case CHARTA_PAGE_OVERVIEW:
      gtk_stack_set_visible_child_name (self->stack, "overview");
      break;
    case CHARTA_PAGE_ITEM:
      charta_item_page_set_item (self->item_page, charta_sidebar_item_get_item (row));
      gtk_stack_set_visible_child_name (self->stack, "item");
      break;
    case CHARTA_PAGE_ACTIONS:
      gtk_stack_set_visible_child_name (self->stack, "actions");
      break;
    case CHARTA_PAGE_MEASURES:
      gtk_stack_set_visible_child_name (self->stack, "measures");
      break;
    case CHARTA_PAGE_CONSULTATIONS:
      gtk_stack_set_visible_child_name (self->stack, "consultations");
      break;
    case CHARTA_PAGE_COMPARISON:
      charta_compare_page_reload (CHARTA_COMPARE_PAGE (self->compare_page));
      gtk_stack_set_visible_child_name (self->stack, "compare");
      break;
    case CHARTA_PAGE_GROUP:
    default:
      return;
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_sidebar_selected_cb (GtkSingleSelection *selection, GParamSpec *pspec, ChartaWindow *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(ChartaSidebarItem) item = NULL;

  if (row == NULL || self->document == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  show_row (self, item);
}

static void
on_sidebar_activate_cb (GtkListView *view, guint position, ChartaWindow *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->sidebar_selection), position);
  g_autoptr(ChartaSidebarItem) item = NULL;

  if (row == NULL || self->document == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  if (charta_sidebar_item_get_kind (item) == CHARTA_PAGE_GROUP)
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    show_row (self, item);
}

/* Selects the first sidebar row showing @item_id (an area may have two rows). */
gboolean
charta_window_select_item (ChartaWindow *self, const char *item_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->sidebar_tree), i);
      g_autoptr(ChartaSidebarItem) item = gtk_tree_list_row_get_item (row);
      const ChartaItem *ci = charta_sidebar_item_get_item (item);
      if (ci && strcmp (charta_item_get_id (ci), item_id) == 0)
        {
          gtk_single_selection_set_selected (self->sidebar_selection, i);
          return TRUE;
        }
    }
  /* Not in the sidebar (a DIVE indicator, say): show it all the same. */
  {
    const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), item_id);
    if (item == NULL)
      return FALSE;
    charta_item_page_set_item (self->item_page, item);
    gtk_stack_set_visible_child_name (self->stack, "item");
  }
  return TRUE;
}

/* ---- document ---- */

static void
update_actions (ChartaWindow *self)
{
  gboolean has = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", has && charta_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", has && charta_document_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-action", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.push-report", has);
  gtk_widget_set_visible (self->sync_button, has);
}

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
  update_actions (self);
  queue_refresh (self);
  queue_draft (self);
}

static void
set_document (ChartaWindow *self, ChartaDocument *document)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  charta_item_page_set_document (self->item_page, document);
  charta_overview_page_set_document (self->overview_page, document);
  charta_actions_page_set_document (self->actions_page, document);
  charta_records_page_set_document (CHARTA_RECORDS_PAGE (self->measures_page), document);
  charta_records_page_set_document (CHARTA_RECORDS_PAGE (self->consultations_page), document);
  if (document != NULL)
    {
      /* Reports are for the project's own year by default, not today's. */
      const ChartaProject *p = charta_document_get_project (document);
      if (p->period && p->period->start)
        {
          g_free (self->report_period);
          self->report_period = g_strndup (p->period->start, 4);
          charta_compare_page_set_period (CHARTA_COMPARE_PAGE (self->compare_page), self->report_period);
        }
    }
  charta_compare_page_set_document (CHARTA_COMPARE_PAGE (self->compare_page), document);
  if (document != NULL)
    {
      charta_sync_state_refresh (self->sync_state, charta_document_get_project (document)->city->id);
      g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (on_document_changed_cb), self);
      g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (document, "notify::file", G_CALLBACK (update_title), self);
      g_signal_connect_swapped (document, "assessment-changed", G_CALLBACK (on_document_changed_cb), self);
      g_signal_connect_swapped (document, "collection-changed", G_CALLBACK (on_document_changed_cb), self);
      g_signal_connect_swapped (document, "notify::changed-on-disk", G_CALLBACK (on_changed_on_disk_cb), self);
      g_signal_connect_swapped (document, "header-changed", G_CALLBACK (on_document_changed_cb), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (on_document_changed_cb), self);
      build_sidebar (self);
      /* Row subtitles come a moment after the window: a 20,000-action project shows first. */
      queue_refresh (self);
      gtk_single_selection_set_selected (self->sidebar_selection, 0);
      gtk_stack_set_visible_child_name (self->stack, "overview");
      update_title (self);
    }
  update_actions (self);
}

static void
toast (ChartaWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* The desktop's recent files, and Charta's own list (newest first) for the empty window. */
static void
remember_recent (ChartaWindow *self, GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GSettings *settings = get_settings (self);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (settings != NULL)
    {
      g_auto(GStrv) old = g_settings_get_strv (settings, "recent-files");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;
      guint n = 1;

      g_strv_builder_add (builder, uri);
      for (guint i = 0; old[i] && n < MAX_RECENT; i++)
        if (g_strcmp0 (old[i], uri) != 0)
          {
            g_strv_builder_add (builder, old[i]);
            n++;
          }
      list = g_strv_builder_end (builder);
      g_settings_set_strv (settings, "recent-files", (const char * const *) list);
    }
}

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

typedef struct {
  ChartaWindow *self;
  GFile *file;
} OpenData;

static void
open_data_free (OpenData *d)
{
  g_object_unref (d->self);
  g_object_unref (d->file);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
open_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(OpenData) d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaDocument) document = charta_document_load_finish (result, &error);
  ChartaWindow *self = d->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  if (document == NULL)
    {
      show_load_error (self, d->file, error);
      return;
    }
  set_document (self, document);
  remember_recent (self, d->file);
  offer_draft (self);
}

static void
start_spinner_cb (gpointer data)
{
  ChartaWindow *self = data;
  self->spinner_id = 0;
  gtk_spinner_start (self->loading_spinner);
}

/* Reads and checks the file in a thread while the window shows itself: for a large
 * project, GTK's start and the loading overlap. */
void
charta_window_open_async (ChartaWindow *self, GFile *file)
{
  g_autofree char *basename = NULL;
  OpenData *d;

  g_return_if_fail (CHARTA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  adw_window_title_set_title (self->window_title, basename);
  adw_window_title_set_subtitle (self->window_title, _("Opening…"));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  /* A spinner only for a load that takes long enough to wonder about: drawing it costs
   * the frames the load could use. */
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  self->spinner_id = g_timeout_add_once (500, start_spinner_cb, self);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  d = g_new0 (OpenData, 1);
  d->self = g_object_ref (self);
  d->file = g_object_ref (file);
  charta_document_load_async (file, self->loading, open_cb, d);
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

  project = charta_project_load_file (file, &etag, NULL, &error);
  if (project == NULL)
    {
      show_load_error (self, file, error);
      return FALSE;
    }
  document = charta_document_new (project, file, etag);
  set_document (self, document);
  remember_recent (self, file);
  offer_draft (self);
  return TRUE;
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
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      charta_window_open (self, file);
      return TRUE;
    }
  project = charta_project_load_from_data (data, len, _("Unsaved Project"), &error);
  if (project == NULL)
    {
      g_warning ("Could not read the recovery draft %s: %s", key, error->message);
      return FALSE;
    }
  document = charta_document_new (project, NULL, NULL);
  set_document (self, document);
  toast (self, _("Unsaved project restored"));
  return TRUE;
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

/* ---- saving ---- */

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!charta_document_save_finish (CHARTA_DOCUMENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        info_show (self, GTK_MESSAGE_WARNING,
                   _("The file was changed on disk since you opened it, so your changes were not saved "
                     "over it. Reloading discards yours; Save As keeps both."),
                   _("_Discard Mine and Reload"), INFO_RELOAD, _("Save _As…"), INFO_SAVE_AS, NULL);
      else
        toast (self, error->message);
      self->close_after_save = FALSE;
      return;
    }
  remember_recent (self, charta_document_get_file (self->document));
  toast (self, _("Saved"));
  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (ChartaWindow *self)
{
  flush_edits (self);
  if (charta_document_get_file (self->document) == NULL)
    {
      save_as (self);
      return;
    }
  charta_document_save_async (self->document, NULL, FALSE, NULL, save_cb, g_object_ref (self));
}

static void
on_save_as_response_cb (GtkNativeDialog *dialog, int response, ChartaWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      charta_document_save_async (self->document, file, TRUE, NULL, save_cb, g_object_ref (self));
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
charta_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Charta Projects"));
  gtk_file_filter_add_pattern (filter, "*.charta");
  gtk_file_filter_add_mime_type (filter, "application/x-charta-project");
  return filter;
}

static void
save_as (ChartaWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const ChartaProject *p = charta_document_get_project (self->document);

  flush_edits (self);
  dialog = gtk_file_chooser_native_new (_("Save Project As"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.charta", p->city->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), charta_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- search ---- */

static void
on_search_changed_cb (GtkSearchEntry *entry, ChartaWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->document == NULL || query == NULL || *query == '\0')
    {
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "tree");
      return;
    }
  hits = charta_search (charta_document_get_project (self->document), query, MAX_HITS);
  for (guint i = 0; i < hits->len; i++)
    {
      ChartaHitObject *object = g_object_new (CHARTA_TYPE_HIT_OBJECT, NULL);
      object->hit = g_ptr_array_steal_index (hits, i--);
      g_ptr_array_add (objects, object);
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       objects->pdata, objects->len);
  gtk_stack_set_visible_child_name (self->sidebar_stack, objects->len ? "results" : "no-results");
}

static void
on_search_mode_cb (GtkSearchBar *bar, GParamSpec *pspec, ChartaWindow *self)
{
  if (!gtk_search_bar_get_search_mode (bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_stack_set_visible_child_name (self->sidebar_stack, "tree");
    }
}

static void
setup_hit_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 28);
  gtk_label_set_max_width_chars (GTK_LABEL (snippet), 28);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "dim-label");
  gtk_widget_add_css_class (snippet, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_hit_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  ChartaHit *hit = CHARTA_HIT_OBJECT (gtk_list_item_get_item (list_item))->hit;
  GtkWidget *box = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), hit->title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), hit->snippet);
}

static void edit_action (ChartaWindow *self, const char *action_id, const char *item_id);

static void
on_hit_activate_cb (GtkListView *view, guint position, ChartaWindow *self)
{
  g_autoptr(ChartaHitObject) object = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  ChartaHit *hit = object->hit;

  switch (hit->kind)
    {
    case CHARTA_HIT_ITEM:
      charta_window_select_item (self, hit->id);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      break;
    case CHARTA_HIT_ACTION:
      gtk_stack_set_visible_child_name (self->stack, "actions");
      charta_actions_page_select (self->actions_page, hit->id);
      edit_action (self, hit->id, NULL);
      break;
    case CHARTA_HIT_MEASURE:
      gtk_stack_set_visible_child_name (self->stack, "measures");
      charta_records_page_edit (CHARTA_RECORDS_PAGE (self->measures_page), hit->id);
      break;
    case CHARTA_HIT_CONSULTATION:
      gtk_stack_set_visible_child_name (self->stack, "consultations");
      charta_records_page_edit (CHARTA_RECORDS_PAGE (self->consultations_page), hit->id);
      break;
    default:
      break;
    }
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- the info bar: changes on disk, drafts to restore ---- */

static void
info_clear (ChartaWindow *self)
{
  for (guint i = 0; i < self->info_buttons->len; i++)
    gtk_info_bar_remove_action_widget (self->info_bar, g_ptr_array_index (self->info_buttons, i));
  g_ptr_array_set_size (self->info_buttons, 0);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

static void
info_show (ChartaWindow *self, GtkMessageType type, const char *text, ...)
{
  va_list args;
  const char *label;

  info_clear (self);
  gtk_label_set_text (self->info_label, text);
  gtk_info_bar_set_message_type (self->info_bar, type);
  va_start (args, text);
  while ((label = va_arg (args, const char *)) != NULL)
    {
      int response = va_arg (args, int);
      GtkWidget *button = gtk_info_bar_add_button (self->info_bar, label, response);
      g_ptr_array_add (self->info_buttons, button);
    }
  va_end (args);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
reload_from_disk (ChartaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  GFile *file = charta_document_get_file (self->document);
  ChartaProject *project = charta_project_load_file (file, &etag, NULL, &error);

  if (project == NULL)
    {
      /* The copy on disk is broken: keep ours, and say why. */
      info_show (self, GTK_MESSAGE_ERROR, error->message, NULL);
      return;
    }
  charta_document_reload (self->document, project, etag);
  charta_document_discard_draft (self->document);
  info_clear (self);
  toast (self, _("Reloaded from disk"));
}

static void
restore_draft (ChartaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  const char *key = charta_document_get_draft_key (self->document);
  ChartaProject *project;
  gsize len;

  if (!charta_draft_load (key, &data, &len, NULL, &error))
    {
      info_show (self, GTK_MESSAGE_ERROR, error->message, NULL);
      return;
    }
  name = charta_document_dup_title (self->document);
  project = charta_project_load_from_data (data, len, name, &error);
  if (project == NULL)
    {
      info_show (self, GTK_MESSAGE_ERROR, error->message, NULL);
      return;
    }
  /* The etag stays the file's: saving the restored changes is a normal save. */
  charta_document_reload (self->document, project, charta_document_get_etag (self->document));
  charta_document_mark_unsaved (self->document);
  info_clear (self);
  toast (self, _("Unsaved changes restored"));
}

static void
on_info_response_cb (GtkInfoBar *bar, int response, ChartaWindow *self)
{
  switch (response)
    {
    case INFO_RELOAD:
      reload_from_disk (self);
      break;
    case INFO_RESTORE:
      restore_draft (self);
      break;
    case INFO_DISCARD_DRAFT:
      charta_document_discard_draft (self->document);
      info_clear (self);
      break;
    case INFO_SAVE_AS:
      info_clear (self);
      save_as (self);
      break;
    case INFO_KEEP_MINE:
    default:
      info_clear (self);
      break;
    }
}

static void
on_changed_on_disk_cb (ChartaWindow *self)
{
  if (!charta_document_get_changed_on_disk (self->document))
    return;
  if (charta_document_get_modified (self->document))
    /* Both sides changed: never overwrite either silently. */
    info_show (self, GTK_MESSAGE_WARNING,
               _("The file was changed on disk, and you have unsaved changes. Reloading discards yours; "
                 "Save As keeps both."),
               _("_Discard Mine and Reload"), INFO_RELOAD, _("Save _As…"), INFO_SAVE_AS, NULL);
  else
    info_show (self, GTK_MESSAGE_INFO, _("The file was changed on disk."),
               _("_Reload"), INFO_RELOAD, _("_Ignore"), INFO_KEEP_MINE, NULL);
}

static gboolean
draft_timeout (gpointer data)
{
  ChartaWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->draft_id = 0;
  flush_edits (self);
  if (self->document && !charta_document_write_draft (self->document, &error))
    g_warning ("Could not write the recovery draft: %s", error->message);
  return G_SOURCE_REMOVE;
}

static GSettings *
get_settings (ChartaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  return CHARTA_IS_APPLICATION (app) ? charta_application_get_settings (CHARTA_APPLICATION (app)) : NULL;
}

static void
queue_draft (ChartaWindow *self)
{
  GSettings *settings = get_settings (self);
  guint delay = settings ? g_settings_get_uint (settings, "autosave-delay") : DRAFT_DELAY_SECONDS;

  if (self->draft_id == 0 && self->document && charta_document_get_modified (self->document))
    self->draft_id = g_timeout_add_seconds (delay, draft_timeout, self);
}

static void
offer_draft (ChartaWindow *self)
{
  if (!charta_draft_exists (charta_document_get_draft_key (self->document)))
    return;
  info_show (self, GTK_MESSAGE_QUESTION,
             _("Charta found unsaved changes to this project from a session that did not end normally."),
             _("_Restore Changes"), INFO_RESTORE, _("_Discard"), INFO_DISCARD_DRAFT, NULL);
}

/* ---- actions ---- */

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  save (CHARTA_WINDOW (widget));
}

static void
save_as_action (GtkWidget *widget, const char *name, GVariant *param)
{
  save_as (CHARTA_WINDOW (widget));
}

static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  /* Text being typed is committed first, so undo takes back exactly that. */
  flush_edits (self);
  charta_document_undo (self->document);
}

static void
redo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaWindow *self = CHARTA_WINDOW (widget);
  flush_edits (self);
  charta_document_redo (self->document);
}

static void
back_action (GtkWidget *widget, const char *name, GVariant *param)
{
  adw_leaflet_navigate (CHARTA_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_open_response_cb (GtkNativeDialog *dialog, int response, ChartaWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      ChartaWindow *target = self;
      if (self->document != NULL)
        {
          target = charta_window_new (CHARTA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
          gtk_window_present (GTK_WINDOW (target));
        }
      charta_window_open (target, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (widget),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), charta_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_new_response_cb (AdwMessageDialog *dialog, const char *response, ChartaWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "charta-entry");
  GtkCheckButton *incl = g_object_get_data (G_OBJECT (dialog), "charta-inclucities");
  GtkCheckButton *aii = g_object_get_data (G_OBJECT (dialog), "charta-aii");
  g_autofree char *city = NULL;
  g_autoptr(ChartaDocument) document = NULL;
  ChartaProject *project;
  ChartaWindow *target = self;

  if (g_strcmp0 (response, "create") != 0)
    return;
  city = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*city == '\0')
    return;
  project = charta_project_new (city);
  if (gtk_check_button_get_active (incl))
    g_ptr_array_add (project->frameworks, g_strdup ("inclucities"));
  if (gtk_check_button_get_active (aii))
    g_ptr_array_add (project->frameworks, g_strdup ("aii"));
  document = charta_document_new (project, NULL, NULL);
  if (self->document != NULL)
    {
      target = charta_window_new (CHARTA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }
  set_document (target, document);
}

static void
on_city_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  adw_message_dialog_set_response_enabled (dialog, "create", *text != '\0');
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (widget), _("New Project"),
                                              _("The Integrating Cities Charter and the DIVE benchmark are always used; "
                                                "add the others the city works with."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *incl = gtk_check_button_new_with_mnemonic (_("IncluCities “Building a City for Everyone”"));
  GtkWidget *aii = gtk_check_button_new_with_mnemonic (_("Agency for Integration Work Forms"));

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("City"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("City"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), incl);
  gtk_box_append (GTK_BOX (box), aii);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  g_object_set_data (G_OBJECT (dialog), "charta-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "charta-inclucities", incl);
  g_object_set_data (G_OBJECT (dialog), "charta-aii", aii);
  g_signal_connect (entry, "changed", G_CALLBACK (on_city_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_response_cb), widget);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (ChartaWindow *self, const char *action_id, const char *item_id)
{
  ChartaActionEditor *editor;

  if (self->document == NULL)
    return;
  flush_edits (self);
  editor = charta_action_editor_new (GTK_WINDOW (self), self->document, action_id, item_id);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action_action (GtkWidget *widget, const char *name, GVariant *param)
{
  edit_action (CHARTA_WINDOW (widget), NULL, NULL);
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
  g_signal_connect (t, "button-clicked", G_CALLBACK (on_undo_toast_cb), self);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
on_open_item_cb (ChartaItemPage *page, const char *item_id, ChartaWindow *self)
{
  charta_window_select_item (self, item_id);
}

static void
on_page_add_action_cb (GtkWidget *page, const char *item_id, ChartaWindow *self)
{
  edit_action (self, NULL, item_id);
}

static void
on_page_open_action_cb (GtkWidget *page, const char *action_id, ChartaWindow *self)
{
  edit_action (self, action_id, NULL);
}

/* ---- the network hub: preferences, sending reports, the sync status ---- */

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
                                         get_settings (self), G_OBJECT (self), p ? p->city->id : NULL,
                                         p ? p->city->name : NULL);
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
      toast (self, _("Progress report delivered"));
      break;
    case CHARTA_SYNC_STATUS_WAITING:
      toast (self, _("The hub cannot take the report now: it waits in the outbox"));
      break;
    case CHARTA_SYNC_STATUS_REFUSED:
    case CHARTA_SYNC_STATUS_FAILED:
      if (message != NULL)
        toast (self, message);
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
        toast (self, error->message);
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
        toast (self, error->message);
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
  g_free (self->report_period);
  self->report_period = g_strdup (report->period);
  charta_compare_page_set_period (CHARTA_COMPARE_PAGE (self->compare_page), self->report_period);
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
  flush_edits (self);
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
  charta_compare_page_set_endpoint (CHARTA_COMPARE_PAGE (self->compare_page), self->hub_endpoint);
  if (self->report_dialog != NULL)
    charta_report_dialog_set_endpoint (CHARTA_REPORT_DIALOG (self->report_dialog), self->hub_endpoint);
  if (self->document != NULL)
    queue_refresh (self);
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
      g_clear_object (&self->document);
      /* Not while the dialog is still answering: it unhooks itself from this window after. */
      g_idle_add_once (destroy_window_cb, g_object_ref (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      save (self);
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
  flush_edits (self);
  if (!charta_document_get_modified (self->document))
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

/* ---- GObject ---- */

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

static void
charta_window_dispose (GObject *object)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  g_signal_handlers_disconnect_by_func (g_network_monitor_get_default (), on_network_changed_cb, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  /* The window's own dialogs go with it, and forget it first. */
  close_dialog (&self->preferences);
  close_dialog (&self->report_dialog);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->info_buttons, g_ptr_array_unref);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_WINDOW);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->sidebar_root);
  g_clear_object (&self->results);
  /* A push under way goes on without the window: the report is delivered or queued. */
  g_clear_object (&self->sync_state);
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

static void
charta_window_class_init (ChartaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = charta_window_dispose;
  object_class->finalize = charta_window_finalize;
  object_class->get_property = charta_window_get_property;
  object_class->set_property = charta_window_set_property;
  object_class->constructed = charta_window_constructed;

  /* The hub's address: the "hub-endpoint" setting, when there are settings. */
  properties[PROP_HUB_ENDPOINT] = g_param_spec_string ("hub-endpoint", NULL, NULL, NULL,
                                                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                       G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = charta_window_close_request;

  g_type_ensure (CHARTA_TYPE_ITEM_PAGE);
  g_type_ensure (CHARTA_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CHARTA_TYPE_ACTIONS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, item_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, actions_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, empty_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, redo_button);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "win.delete-action", "s", delete_action_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.push-report", NULL, push_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-action", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
on_recent_activated_cb (AdwActionRow *row, ChartaWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_object_get_data (G_OBJECT (row), "charta-uri"));
  charta_window_open (self, file);
}

/* The empty window lists the projects opened lately, newest first. */
static void
add_recent_projects (ChartaWindow *self)
{
  GSettings *settings = get_settings (self);
  g_auto(GStrv) uris = settings ? g_settings_get_strv (settings, "recent-files") : g_new0 (char *, 1);
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Recent Projects"));
  for (guint i = 0; uris[i] && n < 8; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *path = g_file_get_parse_name (file);
      g_autofree char *name = g_file_get_basename (file);
      GtkWidget *row;

      if (!g_file_query_exists (file, NULL))
        continue;
      row = adw_action_row_new ();
      charta_row_set_title (row, name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "charta-uri", g_strdup (uris[i]), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  if (n > 0)
    gtk_box_append (GTK_BOX (self->empty_box), group);
  else
    {
      g_object_ref_sink (group);
      g_object_unref (group);
    }
}

/* Window size and state, kept across sessions. */
static void
restore_size (ChartaWindow *self)
{
  GSettings *settings = get_settings (self);

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (360, g_settings_get_int (settings, "window-width")),
                               MAX (294, g_settings_get_int (settings, "window-height")));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (ChartaWindow *self)
{
  GSettings *settings = get_settings (self);
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
  GSettings *settings = get_settings (self);

  if (settings == NULL || self->settings_applied)
    return;
  self->settings_applied = TRUE;
  restore_size (self);
  add_recent_projects (self);
  g_settings_bind (settings, "hub-endpoint", self, "hub-endpoint", G_SETTINGS_BIND_GET);
}

static void
charta_window_constructed (GObject *object)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  G_OBJECT_CLASS (charta_window_parent_class)->constructed (object);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_cb), NULL);
  on_application_cb (self);
}

/* A narrow window has no room for Undo and Redo in the header; they stay in the menu
 * and on their shortcuts. */
static void
on_folded_cb (ChartaWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gtk_widget_set_visible (self->undo_button, !folded);
  gtk_widget_set_visible (self->redo_button, !folded);
  charta_sync_button_set_compact (CHARTA_SYNC_BUTTON (self->sync_button), folded);
}

static void
charta_window_init (ChartaWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->info_buttons = g_ptr_array_new ();
  g_signal_connect (g_network_monitor_get_default (), "network-changed", G_CALLBACK (on_network_changed_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_cb), self);
  self->measures_page = charta_records_page_new (CHARTA_COLLECTION_MEASURES);
  self->consultations_page = charta_records_page_new (CHARTA_COLLECTION_CONSULTATIONS);
  gtk_stack_add_named (self->stack, self->measures_page, "measures");
  gtk_stack_add_named (self->stack, self->consultations_page, "consultations");
  self->compare_page = charta_compare_page_new ();
  gtk_stack_add_named (self->stack, self->compare_page, "compare");
  self->report_period = default_period ();
  charta_compare_page_set_period (CHARTA_COMPARE_PAGE (self->compare_page), self->report_period);
  self->sync_state = charta_sync_state_new (NULL);
  self->sync_button = charta_sync_button_new (self->sync_state);
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (on_sync_clicked_cb), self);
  adw_header_bar_pack_end (self->content_header, self->sync_button);
  self->results = g_list_store_new (CHARTA_TYPE_HIT_OBJECT);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_hit_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_hit_cb), NULL);
  gtk_list_view_set_factory (self->results_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->results_list,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));
  gtk_list_view_set_single_click_activate (self->results_list, TRUE);
  g_signal_connect (self->results_list, "activate", G_CALLBACK (on_hit_activate_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->info_bar, "response", G_CALLBACK (on_info_response_cb), self);

  self->sidebar_root = g_list_store_new (CHARTA_TYPE_SIDEBAR_ITEM);
  self->sidebar_tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->sidebar_root)), FALSE, TRUE,
                                                create_children_cb, NULL, NULL);
  self->sidebar_selection = gtk_single_selection_new (G_LIST_MODEL (self->sidebar_tree));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->sidebar_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->sidebar_list, GTK_SELECTION_MODEL (self->sidebar_selection));
  g_signal_connect (self->sidebar_selection, "notify::selected", G_CALLBACK (on_sidebar_selected_cb), self);
  g_signal_connect (self->sidebar_list, "activate", G_CALLBACK (on_sidebar_activate_cb), self);

  g_signal_connect (self->item_page, "open-item", G_CALLBACK (on_open_item_cb), self);
  g_signal_connect (self->item_page, "add-action", G_CALLBACK (on_page_add_action_cb), self);
  g_signal_connect (self->item_page, "open-action", G_CALLBACK (on_page_open_action_cb), self);
  g_signal_connect (self->actions_page, "add-action", G_CALLBACK (on_page_add_action_cb), self);
  g_signal_connect (self->actions_page, "open-action", G_CALLBACK (on_page_open_action_cb), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

ChartaWindow *
charta_window_new (ChartaApplication *app)
{
  return g_object_new (CHARTA_TYPE_WINDOW, "application", app, NULL);
}
