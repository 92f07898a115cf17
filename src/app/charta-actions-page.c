/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-actions-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-action-list.h"
#include "charta-actions-page.h"
#include "charta-summary.h"
#include "charta-ui-utils.h"

/* The action plan as a table.
 *
 *   ChartaActionList (the document's actions, one object each)
 *     → GtkFilterListModel (status, work form, role or area, overdue)
 *       → GtkSortListModel (the column view's sorter)
 *         → GtkSingleSelection → GtkColumnView
 *
 * Cells are recycled by the column view, so 20,000 actions cost only the rows on screen. */

struct _ChartaActionsPage {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *column_view;
  GtkWidget *status_dropdown;
  GtkWidget *workform_dropdown;
  GtkWidget *scope_dropdown;
  GtkWidget *overdue_toggle;
  GtkWidget *count_label;

  ChartaDocument *document;
  ChartaActionList *actions;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter *filter;
  GPtrArray *scope_items;     /* ChartaItem, parallel to the scope dropdown (index 0: all) */
  GPtrArray *workform_items;  /* same for work forms */
  char *today;
};

enum {
  OPEN_ACTION,
  ADD_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaActionsPage, charta_actions_page, GTK_TYPE_WIDGET)

typedef enum {
  COL_TITLE,
  COL_WORKFORM,
  COL_OWNER,
  COL_PARTNERS,
  COL_DUE,
  COL_STATUS,
  COL_PROGRESS,
} Column;

static const ChartaAction *
action_of (gpointer item)
{
  return charta_action_object_get_action (CHARTA_ACTION_OBJECT (item));
}

static char *
cell_text (ChartaActionsPage *self, const ChartaAction *a, Column column)
{
  const ChartaProject *p = charta_document_get_project (self->document);

  switch (column)
    {
    case COL_TITLE:
      return g_strdup (a->title);
    case COL_WORKFORM:
      {
        GString *titles = g_string_new (NULL);
        for (guint i = 0; a->workforms && i < a->workforms->len; i++)
          {
            const ChartaItem *wf = charta_catalogue_lookup (charta_catalogue_get_default (),
                                                            g_ptr_array_index (a->workforms, i));
            if (wf == NULL)
              continue;
            if (titles->len > 0)
              g_string_append (titles, ", ");
            g_string_append (titles, charta_item_get_title (wf));
          }
        return g_string_free (titles, FALSE);
      }
    case COL_OWNER:
      {
        const ChartaPerson *person = a->owner ? charta_project_find_person (p, a->owner) : NULL;
        return g_strdup (person ? person->name : "");
      }
    case COL_PARTNERS:
      {
        GString *s = g_string_new (NULL);
        for (guint i = 0; a->partners && i < a->partners->len; i++)
          {
            const ChartaPartner *partner = charta_project_find_partner (p, g_ptr_array_index (a->partners, i));
            if (partner == NULL)
              continue;
            if (s->len)
              g_string_append (s, ", ");
            g_string_append (s, partner->name);
          }
        return g_string_free (s, FALSE);
      }
    case COL_DUE:
      return charta_format_date (a->due);
    case COL_STATUS:
      return g_strdup (charta_status_get_label (a->status));
    case COL_PROGRESS:
      return a->progress == CHARTA_UNSET ? g_strdup ("") : g_strdup_printf ("%d %%", a->progress);
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "charta-column"));
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (self, a, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COL_DUE)
    {
      if (charta_action_is_overdue (a, self->today))
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }
}

static int
compare_strings (const char *a, const char *b)
{
  /* Empty values sort last. */
  if ((a == NULL || !*a) != (b == NULL || !*b))
    return (a == NULL || !*a) ? 1 : -1;
  return g_utf8_collate (a ? a : "", b ? b : "");
}

static int
compare_cb (gconstpointer x, gconstpointer y, gpointer data)
{
  ChartaActionsPage *self = g_object_get_data (G_OBJECT (data), "charta-page");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "charta-column"));
  const ChartaAction *a = action_of ((gpointer) x), *b = action_of ((gpointer) y);
  int c;

  switch (column)
    {
    case COL_STATUS: c = a->status - b->status; break;
    case COL_PROGRESS: c = (a->progress == CHARTA_UNSET ? -1 : a->progress) - (b->progress == CHARTA_UNSET ? -1 : b->progress); break;
    case COL_DUE: c = compare_strings (a->due, b->due); break;
    case COL_TITLE: c = compare_strings (a->title, b->title); break;
    case COL_WORKFORM: case COL_OWNER: case COL_PARTNERS:
    default:
      {
        g_autofree char *ta = cell_text (self, a, column);
        g_autofree char *tb = cell_text (self, b, column);
        c = compare_strings (ta, tb);
      }
    }
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Columns other than the title keep a fixed width, so the title gets the room; a narrow
 * window scrolls sideways rather than squeeze every column to a letter. */
static void
add_column (ChartaActionsPage *self, Column column, const char *title, int width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  GtkCustomSorter *sorter;
  GObject *key = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (G_OBJECT (factory), "charta-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, column == COL_TITLE);
  gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_column_set_resizable (col, TRUE);
  g_object_set_data (key, "charta-page", self);
  g_object_set_data (key, "charta-column", GINT_TO_POINTER (column));
  sorter = gtk_custom_sorter_new (compare_cb, key, g_object_unref);
  gtk_column_view_column_set_sorter (col, GTK_SORTER (sorter));
  g_object_unref (sorter);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  g_object_unref (col);
}

static gboolean
filter_cb (gpointer item, gpointer data)
{
  ChartaActionsPage *self = data;
  const ChartaAction *a = action_of (item);
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_dropdown));
  guint workform = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->workform_dropdown));
  guint scope = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->scope_dropdown));

  if (status > 0 && status != GTK_INVALID_LIST_POSITION && a->status != (int) status - 1)
    return FALSE;
  if (workform > 0 && workform != GTK_INVALID_LIST_POSITION &&
      !charta_action_has_workform (a, charta_item_get_id (g_ptr_array_index (self->workform_items, workform))))
    return FALSE;
  if (scope > 0 && scope != GTK_INVALID_LIST_POSITION &&
      !charta_action_serves (a, g_ptr_array_index (self->scope_items, scope)))
    return FALSE;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->overdue_toggle)) &&
      !charta_action_is_overdue (a, self->today))
    return FALSE;
  return TRUE;
}

static void
update_count (ChartaActionsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->actions));
  /* Translators: e.g. "12 of 40 actions" */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u action", "%u of %u actions", total),
                                           shown, total);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
on_filter_changed_cb (ChartaActionsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_activate_cb (GtkColumnView *view, guint position, ChartaActionsPage *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item != NULL)
    g_signal_emit (self, signals[OPEN_ACTION], 0, action_of (item)->id);
}

static void
on_add_clicked_cb (ChartaActionsPage *self)
{
  g_signal_emit (self, signals[ADD_ACTION], 0, NULL);
}

static GtkWidget *
dropdown (const char *accessible_name, GtkStringList *strings)
{
  /* gtk_drop_down_new() takes the model; the caller keeps its own reference. */
  GtkWidget *dd = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (strings)), NULL);
  gtk_widget_set_tooltip_text (dd, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return dd;
}

static void
fill_scopes (ChartaActionsPage *self, GtkStringList *strings)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const char *kinds[] = { "role", "area", "key-factor" };

  g_ptr_array_set_size (self->scope_items, 0);
  g_ptr_array_add (self->scope_items, NULL);
  gtk_string_list_append (strings, _("All Roles and Areas"));
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
      {
        const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
        for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
          {
            const ChartaItem *item = charta_framework_get_item (fw, i);
            if (strcmp (charta_item_get_kind (item), kinds[k]) != 0)
              continue;
            g_ptr_array_add (self->scope_items, (gpointer) item);
            gtk_string_list_append (strings, charta_item_get_title (item));
          }
      }
}

static GtkWidget *
build_toolbar (ChartaActionsPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *flow = gtk_flow_box_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) workforms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  const ChartaFramework *aii = charta_catalogue_find_framework (charta_catalogue_get_default (), "aii");
  GtkWidget *add;

  gtk_string_list_append (statuses, _("All Statuses"));
  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    gtk_string_list_append (statuses, charta_status_get_label (st));
  g_ptr_array_add (self->workform_items, NULL);
  gtk_string_list_append (workforms, _("All Work Forms"));
  for (guint i = 0; aii && i < charta_framework_get_n_items (aii); i++)
    {
      const ChartaItem *item = charta_framework_get_item (aii, i);
      if (strcmp (charta_item_get_kind (item), "workform") != 0)
        continue;
      g_ptr_array_add (self->workform_items, (gpointer) item);
      gtk_string_list_append (workforms, charta_item_get_title (item));
    }
  fill_scopes (self, scopes);

  self->status_dropdown = dropdown (_("Filter by Status"), statuses);
  self->workform_dropdown = dropdown (_("Filter by Work Form"), workforms);
  self->scope_dropdown = dropdown (_("Filter by Role or Area"), scopes);
  self->overdue_toggle = gtk_toggle_button_new_with_label (_("Overdue"));
  gtk_widget_set_tooltip_text (self->overdue_toggle, _("Show Only Overdue Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overdue_toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show Only Overdue Actions"), -1);
  gtk_widget_set_size_request (self->scope_dropdown, 220, -1);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->scope_dropdown);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->status_dropdown);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->workform_dropdown);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->overdue_toggle);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->workform_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->scope_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->overdue_toggle, "toggled", G_CALLBACK (on_filter_changed_cb), self);

  add = charta_button_new_with_mnemonic (_("_Add Action"));
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_valign (add, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), NULL);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked_cb), self);

  gtk_box_append (GTK_BOX (bar), flow);
  gtk_box_append (GTK_BOX (bar), add);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  return bar;
}

static void
charta_actions_page_dispose (GObject *object)
{
  ChartaActionsPage *self = CHARTA_ACTIONS_PAGE (object);

  charta_actions_page_set_document (self, NULL);
  /* Take the model away before the view goes, so nothing re-sorts into a half-disposed page. */
  if (self->filtered)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->column_view)
    gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), NULL);
  self->column_view = NULL;
  self->filtered = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->actions);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->scope_items, g_ptr_array_unref);
  g_clear_pointer (&self->workform_items, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  G_OBJECT_CLASS (charta_actions_page_parent_class)->dispose (object);
}

static void charta_actions_page_map (GtkWidget *widget);

static void
charta_actions_page_class_init (ChartaActionsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = charta_actions_page_dispose;
  GTK_WIDGET_CLASS (klass)->map = charta_actions_page_map;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  signals[OPEN_ACTION] = g_signal_new ("open-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_ACTION] = g_signal_new ("add-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
charta_actions_page_init (ChartaActionsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *footer;

  self->today = g_date_time_format (now, "%Y-%m-%d");
  self->scope_items = g_ptr_array_new ();
  self->workform_items = g_ptr_array_new ();
  self->actions = charta_action_list_new ();
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->column_view = gtk_column_view_new (NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->actions)), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_widget_add_css_class (self->column_view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Action Plan"), -1);

  add_column (self, COL_TITLE, _("Title"), 280);
  add_column (self, COL_WORKFORM, _("Work Form"), 130);
  add_column (self, COL_OWNER, _("Owner"), 130);
  add_column (self, COL_PARTNERS, _("Partners"), 130);
  add_column (self, COL_DUE, _("Due"), 100);
  add_column (self, COL_STATUS, _("Status"), 100);
  add_column (self, COL_PROGRESS, _("Progress"), 80);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), build_toolbar (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_margin_top (footer, 6);
  gtk_widget_set_margin_bottom (footer, 6);
  gtk_widget_set_margin_start (footer, 12);
  gtk_box_append (GTK_BOX (footer), self->count_label);
  gtk_box_append (GTK_BOX (self->box), footer);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  update_count (self);
}

void
charta_actions_page_set_document (ChartaActionsPage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_ACTIONS_PAGE (self));

  if (self->document == document)
    return;
  g_set_object (&self->document, document);
  /* The list of every action is made when the page is first shown (see map). */
  if (document == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    charta_action_list_set_document (self->actions, document);
}

static void
charta_actions_page_map (GtkWidget *widget)
{
  ChartaActionsPage *self = CHARTA_ACTIONS_PAGE (widget);

  charta_action_list_set_document (self->actions, self->document);
  GTK_WIDGET_CLASS (charta_actions_page_parent_class)->map (widget);
}

const char *
charta_actions_page_get_selected_id (ChartaActionsPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  return item ? action_of (item)->id : NULL;
}

void
charta_actions_page_select (ChartaActionsPage *self, const char *action_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);
      if (g_strcmp0 (action_of (item)->id, action_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}
