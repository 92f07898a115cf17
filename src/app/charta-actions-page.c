/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-actions-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-action-list.h"
#include "charta-actions-page.h"
#include "charta-date.h"
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

typedef enum {
  COL_TITLE,
  COL_WORKFORM,
  COL_OWNER,
  COL_PARTNERS,
  COL_DUE,
  COL_STATUS,
  COL_PROGRESS,
  N_COLUMNS
} Column;

/* What a column's sorter needs: the page (for the names of people and partners) and the
 * column. */
typedef struct {
  struct _ChartaActionsPage *page;
  Column column;
} SortKey;

struct _ChartaActionsPage {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *column_view;
  GtkWidget *status_dropdown;
  GtkWidget *workform_dropdown;
  GtkWidget *scope_dropdown;
  GtkWidget *overdue_toggle;
  GtkWidget *count_label;
  GtkColumnViewColumn *columns[N_COLUMNS];

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
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_ACTION,
  ADD_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaActionsPage, charta_actions_page, GTK_TYPE_WIDGET)


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
bind_cell (ChartaActionsPage *self, GtkListItem *list_item, Column column)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (self, a, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COL_DUE)
    {
      gboolean overdue = charta_action_is_overdue (a, self->today);

      /* Said in words too, not by the colour alone. */
      if (overdue)
        {
          /* Translators: a due date in the action plan, e.g. "2026-03-31 · overdue" */
          g_autofree char *said = g_strdup_printf (_("%s · overdue"), text);
          gtk_label_set_text (GTK_LABEL (label), said);
        }
      if (overdue)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }
}

static void
bind_title_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_TITLE);
}

static void
bind_workform_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_WORKFORM);
}

static void
bind_owner_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_OWNER);
}

static void
bind_partners_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_PARTNERS);
}

static void
bind_due_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_DUE);
}

static void
bind_status_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_STATUS);
}

static void
bind_progress_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_cell (self, list_item, COL_PROGRESS);
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
  const SortKey *key = data;
  ChartaActionsPage *self = key->page;
  Column column = key->column;
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

/* Each column sorts by its own rule (empty values last). */
static void
set_sorters (ChartaActionsPage *self)
{
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      SortKey *key = g_new (SortKey, 1);
      g_autoptr(GtkCustomSorter) sorter = NULL;

      key->page = self;
      key->column = column;
      sorter = gtk_custom_sorter_new (compare_cb, key, g_free);
      gtk_column_view_column_set_sorter (self->columns[column], GTK_SORTER (sorter));
    }
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
  guint shown;
  guint total;
  g_autofree char *text = NULL;

  /* The filters are filled before the models exist. */
  if (self->filtered == NULL)
    return;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  total = g_list_model_get_n_items (G_LIST_MODEL (self->actions));
  /* Translators: e.g. "12 of 40 actions" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u action", "%u of %u actions", total),
                          shown, total);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
on_filter_changed_cb (ChartaActionsPage *self)
{
  if (self->filtered == NULL)
    return;
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

static void
fill_filters (ChartaActionsPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) workforms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  const ChartaFramework *aii = charta_catalogue_find_framework (charta_catalogue_get_default (), "aii");

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
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->status_dropdown), G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->workform_dropdown), G_LIST_MODEL (workforms));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->scope_dropdown), G_LIST_MODEL (scopes));
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
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ACTIONS_PAGE);
  g_clear_object (&self->actions);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->scope_items, g_ptr_array_unref);
  g_clear_pointer (&self->workform_items, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  G_OBJECT_CLASS (charta_actions_page_parent_class)->dispose (object);
}

static void charta_actions_page_map (GtkWidget *widget);

static void
on_selection_changed_cb (ChartaActionsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
charta_actions_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaActionsPage *self = CHARTA_ACTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, charta_actions_page_get_selected_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_actions_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaActionsPage *self = CHARTA_ACTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_actions_page_set_document (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      charta_actions_page_select (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_actions_page_class_init (ChartaActionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_actions_page_dispose;
  object_class->get_property = charta_actions_page_get_property;
  object_class->set_property = charta_actions_page_set_property;
  widget_class->map = charta_actions_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The id of the action selected in the table, NULL for none. */
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_ACTION] = g_signal_new ("open-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_ACTION] = g_signal_new ("add-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-actions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, box);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, workform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, count_label);
  gtk_widget_class_bind_template_child_full (widget_class, "title_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_TITLE]));
  gtk_widget_class_bind_template_child_full (widget_class, "workform_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_WORKFORM]));
  gtk_widget_class_bind_template_child_full (widget_class, "owner_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_OWNER]));
  gtk_widget_class_bind_template_child_full (widget_class, "partners_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_PARTNERS]));
  gtk_widget_class_bind_template_child_full (widget_class, "due_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_DUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_STATUS]));
  gtk_widget_class_bind_template_child_full (widget_class, "progress_column", FALSE,
                                             G_STRUCT_OFFSET (ChartaActionsPage, columns[COL_PROGRESS]));
  gtk_widget_class_bind_template_callback (widget_class, setup_cell_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_workform_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_owner_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_partners_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_due_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_progress_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
}

static void
charta_actions_page_init (ChartaActionsPage *self)
{
  self->today = charta_date_today ();
  self->scope_items = g_ptr_array_new ();
  self->workform_items = g_ptr_array_new ();
  self->actions = charta_action_list_new ();
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_filters (self);
  set_sorters (self);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->actions)), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self);
  update_count (self);
}

GtkWidget *
charta_actions_page_new (void)
{
  return g_object_new (CHARTA_TYPE_ACTIONS_PAGE, NULL);
}

ChartaDocument *
charta_actions_page_get_document (ChartaActionsPage *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTIONS_PAGE (self), NULL);
  return self->document;
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
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
  gpointer item;

  g_return_val_if_fail (CHARTA_IS_ACTIONS_PAGE (self), NULL);
  item = gtk_single_selection_get_selected_item (self->selection);
  return item ? action_of (item)->id : NULL;
}

void
charta_actions_page_select (ChartaActionsPage *self, const char *action_id)
{
  guint n;

  g_return_if_fail (CHARTA_IS_ACTIONS_PAGE (self));
  if (action_id == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
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
