/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-actions-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-action-list.h"
#include "charta-action-row.h"
#include "charta-actions-page.h"
#include "charta-comments.h"
#include "charta-date.h"
#include "charta-summary.h"
#include "charta-ui-utils.h"

/* The action plan: a table when there is room for its columns, else a list of rows
 * (ChartaActionRow: title, due date, status, progress), both on one selection.
 *
 *   ChartaActionList (the document's actions, one object each)
 *     → GtkFilterListModel (status, work form, role or area, overdue: the *-filter
 *       properties, shown by the dropdowns when wide and by the Filters menu when narrow)
 *       → GtkSortListModel (the column view's sorter)
 *         → GtkSingleSelection → GtkColumnView (wide) and GtkListView (narrow)
 *
 * Cells are recycled by the views, so 20,000 actions cost only the rows on screen. The
 * status and progress are edited in their cells (charta_document_set_action_status(): one
 * undo step, Done means 100 %). */

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
  GtkWidget *toast_overlay;
  GtkWidget *filter_squeezer;
  GtkWidget *filter_button;
  GtkWidget *quick_add_entry;
  GtkWidget *view_squeezer;
  GtkWidget *list_view;
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
  GtkStringList *statuses;    /* the status cells' choices */
  GHashTable *comment_labels; /* GtkListItem bound → its comment count's GtkLabel */
  char *today;

  guint status_filter;        /* positions in the dropdowns, 0 for all */
  guint workform_filter;
  guint scope_filter;
  gboolean overdue_only;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_ID,
  PROP_STATUS_FILTER,
  PROP_WORKFORM_FILTER,
  PROP_SCOPE_FILTER,
  PROP_OVERDUE_ONLY,
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

static GtkWidget *
new_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  gtk_list_item_set_child (list_item, new_cell_label ());
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

/* ---- comments, status and progress in the rows ---- */

static void
show_comments (ChartaActionsPage *self, GtkListItem *list_item, GtkLabel *label)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  guint n = charta_comments_count (charta_document_get_project (self->document), a->id, FALSE);
  g_autofree char *text = NULL;

  /* Translators: shown beside an action in the action plan */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment", "%u comments", n), n);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), n > 0);
}

static void
on_comments_changed_cb (ChartaActionsPage *self)
{
  GHashTableIter iter;
  gpointer list_item, label;

  g_hash_table_iter_init (&iter, self->comment_labels);
  while (g_hash_table_iter_next (&iter, &list_item, &label))
    show_comments (self, list_item, label);
}

static void
toast (ChartaActionsPage *self, const char *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (text));
}

/* A status or progress set in a row, applied once the cell's signal is over: the edit
 * replaces the action, and the view then binds its row anew. */
typedef struct {
  ChartaActionsPage *page;
  char *id;
  int status;
  int progress;
} PendingEdit;

/* Through the core, whose rule may refuse it: the row then shows the action as it is. */
static void
apply_pending_cb (gpointer data)
{
  PendingEdit *edit = data;
  ChartaActionsPage *self = edit->page;
  g_autoptr(GError) error = NULL;

  if (self->document != NULL &&
      !charta_document_set_action_status (self->document, edit->id, edit->status, edit->progress, &error))
    {
      charta_action_list_refresh (self->actions, charta_document_find (self->document, CHARTA_COLLECTION_ACTIONS, edit->id));
      toast (self, error->message);
    }
  g_object_unref (edit->page);
  g_free (edit->id);
  g_free (edit);
}

static void
apply_status (GtkWidget *cell, GtkListItem *list_item, int status, int progress)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  PendingEdit *edit;

  if (status == a->status && progress == a->progress)
    return;
  edit = g_new0 (PendingEdit, 1);
  edit->page = g_object_ref (CHARTA_ACTIONS_PAGE (gtk_widget_get_ancestor (cell, CHARTA_TYPE_ACTIONS_PAGE)));
  edit->id = g_strdup (a->id);
  edit->status = status;
  edit->progress = progress;
  g_idle_add_once (apply_pending_cb, edit);
}

static void
on_status_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, GtkListItem *list_item)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  guint status = gtk_drop_down_get_selected (dropdown);

  if (status < CHARTA_N_STATUSES)
    apply_status (GTK_WIDGET (dropdown), list_item, status, a->progress);
}

static void
on_progress_changed_cb (GtkSpinButton *spin, GtkListItem *list_item)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  int value = gtk_spin_button_get_value_as_int (spin);

  /* An unset progress shows as 0 until a value is chosen. */
  if (a->progress == CHARTA_UNSET && value == 0)
    return;
  apply_status (GTK_WIDGET (spin), list_item, a->status, value);
}

static void
setup_status_cell (ChartaActionsPage *self, GtkDropDown *dropdown)
{
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (self->statuses));
}

static void
setup_progress_cell (GtkSpinButton *spin)
{
  gtk_spin_button_set_adjustment (spin, gtk_adjustment_new (0, 0, 100, 5, 10, 0));
  gtk_spin_button_set_numeric (spin, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
}

/* Fills a status dropdown and a progress field for the action of @list_item, named for a
 * screen reader by the action's title; they edit once filled. */
static void
bind_status_cell (GtkDropDown *dropdown, GtkListItem *list_item)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  /* Translators: the accessible name of an action's status field; %s is its title */
  g_autofree char *name = g_strdup_printf (_("Status of “%s”"), a->title);

  gtk_drop_down_set_selected (dropdown, a->status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_status_selected_cb), list_item);
}

static void
bind_progress_cell (GtkSpinButton *spin, GtkListItem *list_item)
{
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  /* Translators: the accessible name of an action's progress field; %s is its title */
  g_autofree char *name = g_strdup_printf (_("Progress of “%s”"), a->title);

  gtk_spin_button_set_value (spin, a->progress == CHARTA_UNSET ? 0 : a->progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_progress_changed_cb), list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  g_hash_table_remove (self->comment_labels, list_item);
  if (CHARTA_IS_ACTION_ROW (child))
    {
      g_signal_handlers_disconnect_by_data (charta_action_row_get_status_dropdown (CHARTA_ACTION_ROW (child)), list_item);
      g_signal_handlers_disconnect_by_data (charta_action_row_get_progress_spin (CHARTA_ACTION_ROW (child)), list_item);
    }
  else
    g_signal_handlers_disconnect_by_data (child, list_item);
}

static void
setup_status_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  setup_status_cell (self, GTK_DROP_DOWN (dropdown));
  gtk_list_item_set_child (list_item, dropdown);
}

static void
bind_status_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_status_cell (GTK_DROP_DOWN (gtk_list_item_get_child (list_item)), list_item);
}

static void
setup_progress_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  GtkWidget *spin = gtk_spin_button_new (NULL, 1, 0);

  setup_progress_cell (GTK_SPIN_BUTTON (spin));
  gtk_list_item_set_child (list_item, spin);
}

static void
bind_progress_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  bind_progress_cell (GTK_SPIN_BUTTON (gtk_list_item_get_child (list_item)), list_item);
}

/* The title cell: the title, and the number of comments when there are any. */
static void
setup_title_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = new_cell_label ();
  GtkWidget *comments = gtk_label_new (NULL);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_widget_add_css_class (comments, "dim-label");
  gtk_box_append (GTK_BOX (box), comments);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_title_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  GtkLabel *comments = GTK_LABEL (gtk_widget_get_last_child (box));

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), a->title);
  show_comments (self, list_item, comments);
  g_hash_table_insert (self->comment_labels, list_item, comments);
}

/* The narrow list's rows. */
static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  ChartaActionRow *row = CHARTA_ACTION_ROW (charta_action_row_new ());

  setup_status_cell (self, charta_action_row_get_status_dropdown (row));
  setup_progress_cell (charta_action_row_get_progress_spin (row));
  gtk_list_item_set_child (list_item, GTK_WIDGET (row));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaActionsPage *self)
{
  ChartaActionRow *row = CHARTA_ACTION_ROW (gtk_list_item_get_child (list_item));
  const ChartaAction *a = action_of (gtk_list_item_get_item (list_item));
  gboolean overdue = charta_action_is_overdue (a, self->today);
  g_autofree char *date = charta_format_date (a->due);
  g_autofree char *due = NULL;

  if (a->due == NULL)
    due = g_strdup (_("No due date"));
  else if (overdue)
    /* Translators: an overdue action's due date in the narrow action plan; %s is the date */
    due = g_strdup_printf (_("Overdue since %s"), date);
  else
    /* Translators: an action's due date in the narrow action plan; %s is the date */
    due = g_strdup_printf (_("Due %s"), date);
  charta_action_row_set_texts (row, a->title, due, overdue);
  show_comments (self, list_item, charta_action_row_get_comments_label (row));
  g_hash_table_insert (self->comment_labels, list_item, charta_action_row_get_comments_label (row));
  bind_status_cell (charta_action_row_get_status_dropdown (row), list_item);
  bind_progress_cell (charta_action_row_get_progress_spin (row), list_item);
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
  guint status = self->status_filter;
  guint workform = self->workform_filter;
  guint scope = self->scope_filter;

  if (status > 0 && a->status != (int) status - 1)
    return FALSE;
  if (workform > 0 && workform < self->workform_items->len &&
      !charta_action_has_workform (a, charta_item_get_id (g_ptr_array_index (self->workform_items, workform))))
    return FALSE;
  if (scope > 0 && scope < self->scope_items->len &&
      !charta_action_serves (a, g_ptr_array_index (self->scope_items, scope)))
    return FALSE;
  if (self->overdue_only && !charta_action_is_overdue (a, self->today))
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
refilter (ChartaActionsPage *self)
{
  if (self->filtered == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* Sets a filter property (a dropdown's position, 0 for all) and filters again. */
/* The Filters button says how many filters are on: narrow, the choices are out of sight. */
static void
label_filter_button (ChartaActionsPage *self)
{
  guint n = (self->status_filter > 0) + (self->workform_filter > 0) + (self->scope_filter > 0) + self->overdue_only;
  g_autofree char *label = NULL;

  /* Translators: the narrow action plan's Filters button with %u filters on */
  label = n > 0 ? g_strdup_printf (_("_Filters (%u)"), n) : g_strdup (_("_Filters"));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->filter_button), label);
}

static void
set_filter (ChartaActionsPage *self, guint *field, guint value, GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  refilter (self);
  label_filter_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
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

/* Quick-add: Enter adds an action with the title typed; the entry empties and keeps the
 * focus for the next one. */
static void
on_quick_add_cb (ChartaActionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quick_add_entry)));
  const char *id;

  if (self->document == NULL || *g_strstrip (title) == '\0')
    return;
  id = charta_document_add_action (self->document, title, &error);
  if (id == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->quick_add_entry), "");
  charta_actions_page_select (self, id);
  if (charta_actions_page_get_selected_id (self) == NULL)
    {
      /* Translators: a toast after a quick-add; %s is the new action's title */
      g_autofree char *text = g_strdup_printf (_("“%s” added; the filters hide it"), title);
      toast (self, text);
    }
}

/* The view shown: the table or, narrow, the list. */
static GtkWidget *
shown_view (ChartaActionsPage *self)
{
  GtkWidget *child = adw_squeezer_get_visible_child (ADW_SQUEEZER (self->view_squeezer));

  return child == gtk_widget_get_parent (self->list_view) ? self->list_view : self->column_view;
}

/* Brings the row at @position into view. The column view keeps its rows in a list view of
 * its own, which has the action (GTK 4.8 has no gtk_column_view_scroll_to()). */
static void
scroll_to (ChartaActionsPage *self, guint position)
{
  GtkWidget *list = shown_view (self);

  if (list == self->column_view)
    for (list = gtk_widget_get_first_child (self->column_view); list && !GTK_IS_LIST_VIEW (list);
         list = gtk_widget_get_next_sibling (list))
      ;
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* The Filters menu of a narrow page: the same choices as the dropdowns, through the
 * page's property actions. */
static GMenu *
filter_section (const char *action, GListModel *choices)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      item = g_menu_item_new (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_uint32 (i));
      g_menu_append_item (menu, item);
    }
  return menu;
}

static void
fill_filter_menu (ChartaActionsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) statuses = filter_section ("plan.status-filter", gtk_drop_down_get_model (GTK_DROP_DOWN (self->status_dropdown)));
  g_autoptr(GMenu) workforms = filter_section ("plan.workform-filter", gtk_drop_down_get_model (GTK_DROP_DOWN (self->workform_dropdown)));
  g_autoptr(GMenu) scopes = filter_section ("plan.scope-filter", gtk_drop_down_get_model (GTK_DROP_DOWN (self->scope_dropdown)));
  g_autoptr(GMenu) overdue = g_menu_new ();

  g_menu_append (overdue, _("Only _Overdue Actions"), "plan.overdue-only");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (overdue));
  g_menu_append_section (menu, _("Status"), G_MENU_MODEL (statuses));
  g_menu_append_submenu (menu, _("_Work Form"), G_MENU_MODEL (workforms));
  g_menu_append_submenu (menu, _("_Role or Area"), G_MENU_MODEL (scopes));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->filter_button), G_MENU_MODEL (menu));
}

/* Text as wide as it is drawn in @widget, in pixels. */
static int
text_width (GtkWidget *widget, const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Every column at least as wide as its title (translated: "Verantwoordelijke" is long),
 * the status as its longest choice: the table then never overlaps its headings, and the
 * squeezer shows the list when the table's columns do not fit. */
static void
fit_columns (ChartaActionsPage *self)
{
  int widest_status = 0;

  for (guint st = 0; st < g_list_model_get_n_items (G_LIST_MODEL (self->statuses)); st++)
    widest_status = MAX (widest_status, text_width (self->column_view, gtk_string_list_get_string (self->statuses, st)));
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      GtkColumnViewColumn *c = self->columns[column];
      /* Room for the cell's padding and the sort arrow. */
      int width = text_width (self->column_view, gtk_column_view_column_get_title (c)) + 40;

      if (column == COL_STATUS)
        width = MAX (width, widest_status + 72);
      gtk_column_view_column_set_fixed_width (c, MAX (width, gtk_column_view_column_get_fixed_width (c)));
    }
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
  if (self->list_view)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  self->column_view = NULL;
  self->list_view = NULL;
  self->filtered = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ACTIONS_PAGE);
  g_clear_object (&self->actions);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->scope_items, g_ptr_array_unref);
  g_clear_pointer (&self->workform_items, g_ptr_array_unref);
  g_clear_pointer (&self->comment_labels, g_hash_table_unref);
  g_clear_object (&self->statuses);
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
    case PROP_STATUS_FILTER:
      g_value_set_uint (value, self->status_filter);
      break;
    case PROP_WORKFORM_FILTER:
      g_value_set_uint (value, self->workform_filter);
      break;
    case PROP_SCOPE_FILTER:
      g_value_set_uint (value, self->scope_filter);
      break;
    case PROP_OVERDUE_ONLY:
      g_value_set_boolean (value, self->overdue_only);
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
    case PROP_STATUS_FILTER:
      set_filter (self, &self->status_filter, g_value_get_uint (value), pspec);
      break;
    case PROP_WORKFORM_FILTER:
      set_filter (self, &self->workform_filter, g_value_get_uint (value), pspec);
      break;
    case PROP_SCOPE_FILTER:
      set_filter (self, &self->scope_filter, g_value_get_uint (value), pspec);
      break;
    case PROP_OVERDUE_ONLY:
      set_filter (self, (guint *) &self->overdue_only, g_value_get_boolean (value), pspec);
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
  /* The filters: positions in the dropdowns' lists (0 for all) and the overdue toggle. The
   * dropdowns bind them; the narrow page's Filters menu sets them through plan.* actions. */
  properties[PROP_STATUS_FILTER] =
    g_param_spec_uint ("status-filter", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WORKFORM_FILTER] =
    g_param_spec_uint ("workform-filter", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_FILTER] =
    g_param_spec_uint ("scope-filter", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OVERDUE_ONLY] =
    g_param_spec_boolean ("overdue-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "plan.status-filter", "status-filter");
  gtk_widget_class_install_property_action (widget_class, "plan.workform-filter", "workform-filter");
  gtk_widget_class_install_property_action (widget_class, "plan.scope-filter", "scope-filter");
  gtk_widget_class_install_property_action (widget_class, "plan.overdue-only", "overdue-only");

  signals[OPEN_ACTION] = g_signal_new ("open-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_ACTION] = g_signal_new ("add-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-actions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, box);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, filter_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, quick_add_entry);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, view_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ChartaActionsPage, list_view);
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
  gtk_widget_class_bind_template_callback (widget_class, setup_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_progress_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "unbind_title_cb", G_CALLBACK (unbind_cell_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "unbind_status_cb", G_CALLBACK (unbind_cell_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "unbind_progress_cb", G_CALLBACK (unbind_cell_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "unbind_row_cb", G_CALLBACK (unbind_cell_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_quick_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_workform_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_owner_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_partners_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_due_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_progress_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
}

static void
charta_actions_page_init (ChartaActionsPage *self)
{
  self->today = charta_date_today ();
  self->scope_items = g_ptr_array_new ();
  self->workform_items = g_ptr_array_new ();
  self->comment_labels = g_hash_table_new (NULL, NULL);
  self->statuses = gtk_string_list_new (NULL);
  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    gtk_string_list_append (self->statuses, charta_status_get_label (st));
  self->actions = charta_action_list_new ();
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_filters (self);
  fill_filter_menu (self);
  set_sorters (self);
  fit_columns (self);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->actions)), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));
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
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_comments_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_swapped (document, "comments-changed", G_CALLBACK (on_comments_changed_cb), self);
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
          scroll_to (self, i);
          return;
        }
    }
}
